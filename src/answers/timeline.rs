//! `/timeline country [from] [to]`: one country's story with the DPRK, in
//! date order: relations, each mission's opening, snapshots and closing,
//! heads of mission, and every measure against DPRK diplomats, each line
//! with its date and the numbers of its sources.
//!
//! Everything is derived from the records (a guild's news records included,
//! since they are layered into the dataset it is given); nothing is typed.

use super::{mission_title, resolve_country};
use crate::dataset::{
    Country, Dataset, DateRange, Expulsion, Mission, PartialDate, Status, SNAPSHOT_2017,
};
use crate::reply::{Reply, Tone};
use crate::text::lower_first;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy)]
pub struct TimelineFilter<'a> {
    pub country: &'a str,
    pub when: DateRange,
}

/// One line of the story. Undated lines (the current state of relations,
/// accreditation from elsewhere, a date the sources give only loosely)
/// come after the dated ones.
#[derive(Debug, Clone)]
pub struct Entry<'d> {
    pub date: Option<PartialDate>,
    /// How an undated line is labelled instead of a date ("Now", "early 1970s").
    pub undated_label: Option<String>,
    pub text: String,
    pub sources: &'d [String],
}

impl<'d> Entry<'d> {
    fn dated(date: PartialDate, text: String, sources: &'d [String]) -> Self {
        Self {
            date: Some(date),
            undated_label: None,
            text,
            sources,
        }
    }

    fn undated(label: &str, text: String, sources: &'d [String]) -> Self {
        Self {
            date: None,
            undated_label: Some(label.to_owned()),
            text,
            sources,
        }
    }

    /// The date column as a reader sees it.
    fn label(&self) -> String {
        match (self.date, &self.undated_label) {
            (Some(d), _) => d.to_string(),
            (None, Some(l)) => l.clone(),
            (None, None) => "Undated".to_owned(),
        }
    }
}

pub fn timeline(data: &Dataset, filter: &TimelineFilter) -> Reply {
    let country = match resolve_country(data, filter.country) {
        Ok(c) => c,
        Err(reply) => return *reply,
    };
    if country.iso2 == "KP" {
        return Reply {
            tone: Tone::NotFound,
            ..Reply::new("North Korea itself")
        }
        .with_description("Name a country the DPRK deals with, e.g. /timeline country:Malaysia.");
    }
    let all = entries(data, country);
    let shown: Vec<&Entry> = all
        .iter()
        .filter(|e| match e.date {
            Some(d) => filter.when.contains(d),
            None => filter.when.is_open(),
        })
        .collect();
    let scope = if filter.when.is_open() {
        String::new()
    } else {
        format!(" {}", filter.when)
    };
    let title = format!("{} and the DPRK: timeline{scope}", country.name);
    if shown.is_empty() {
        let hint = if all.is_empty() {
            format!(
                "The data has no relations record, mission or measure for {}. Try /embassy country:{} for the missions that cover it.",
                country.name, country.name
            )
        } else {
            format!(
                "The data has {} entr{} for {} at other dates; try /timeline country:{} without dates.",
                all.len(),
                if all.len() == 1 { "y" } else { "ies" },
                country.name,
                country.name
            )
        };
        return Reply {
            tone: Tone::NotFound,
            ..Reply::new(format!("Nothing recorded for {}{scope}", country.name))
        }
        .with_description(hint);
    }
    let mut reply = Reply::new(title);
    reply.description = describe(&shown);
    // One field per decade keeps a long story readable and paginates cleanly.
    let mut groups: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
    for e in &shown {
        let group = match e.date {
            Some(d) => format!("{}s", d.year - d.year.rem_euclid(10)),
            None => "~Now".to_owned(),
        };
        groups.entry(group).or_default().push(e);
    }
    for (group, entries) in groups {
        let mut lines = Vec::new();
        let mut cited = Vec::new();
        for e in entries {
            let indices = reply.cite(data, e.sources);
            let numbers = indices
                .iter()
                .map(|i| (i + 1).to_string())
                .collect::<Vec<_>>()
                .join(", ");
            lines.push(format!("**{}** — {} [{numbers}]", e.label(), e.text));
            cited.extend(indices);
        }
        cited.sort_unstable();
        cited.dedup();
        let name = if group == "~Now" {
            "Undated, and the state now".to_owned()
        } else {
            group
        };
        reply.push_field(name, lines.join("\n"), cited);
    }
    reply
}

/// "12 dated entries from 1973 to 2023; numbers in brackets are sources."
fn describe(shown: &[&Entry]) -> String {
    let dated: Vec<PartialDate> = shown.iter().filter_map(|e| e.date).collect();
    match (dated.first(), dated.last()) {
        (Some(first), Some(last)) => format!(
            "{} dated entr{} from {} to {}, oldest first. Numbers in brackets are the sources below.",
            dated.len(),
            if dated.len() == 1 { "y" } else { "ies" },
            first.year,
            last.year
        ),
        _ => "No dated entry; the current state only. Numbers in brackets are the sources below."
            .to_owned(),
    }
}

/// Every entry the data has for a country, sorted by date (undated last).
pub fn entries<'d>(data: &'d Dataset, country: &'d Country) -> Vec<Entry<'d>> {
    let mut out = Vec::new();
    if let Some(rel) = data.relation_with(&country.iso2) {
        match (rel.established, &rel.established_text) {
            (Some(d), _) => out.push(Entry::dated(
                d,
                "Diplomatic relations established".into(),
                &rel.sources,
            )),
            (None, Some(text)) => out.push(Entry::undated(
                text,
                "Diplomatic relations established".into(),
                &rel.sources,
            )),
            (None, None) => {}
        }
        let mut now = format!("Relations: {}", rel.status);
        if let Some(n) = &rel.notes {
            now.push_str(&format!(". {n}"));
        }
        out.push(Entry::undated("Now", now, &rel.sources));
    }
    for m in data.missions_in(&country.iso2) {
        mission_entries(m, &mut out);
    }
    for m in data.missions_accredited_to(&country.iso2) {
        out.push(Entry::undated(
            "Now",
            format!(
                "Covered by the DPRK's {} ({}), not resident",
                lower_first(&mission_title(m)),
                data.country_name(&m.country)
            ),
            &m.sources,
        ));
    }
    for e in data.expulsions_by(&country.iso2) {
        out.push(Entry::dated(e.date, measure_text(e), &e.sources));
    }
    // Stable: same-day entries keep the order above (relations, missions, measures).
    out.sort_by(|a, b| match (a.date, b.date) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    out
}

fn mission_entries<'d>(m: &'d Mission, out: &mut Vec<Entry<'d>>) {
    let title = mission_title(m);
    if let Some(opened) = m.opened {
        out.push(Entry::dated(opened, format!("{title} opened"), &m.sources));
    }
    // The Sept 2017 snapshot is a dated fact only where a list recorded it.
    if !m.status_2017_inferred && m.closed.is_none_or(|c| c > SNAPSHOT_2017) {
        out.push(Entry::dated(
            SNAPSHOT_2017,
            format!("{title}: {} (Sept 2017 lists)", m.status_2017.label()),
            &m.sources,
        ));
    }
    if let Some(a) = &m.ambassador {
        if let Some(as_of) = a.as_of {
            out.push(Entry::dated(
                as_of,
                format!("{} reported as head of the {}", a.name, lower_first(&title)),
                &m.sources,
            ));
        }
    }
    match (m.closed, m.status_latest_as_of) {
        (Some(closed), _) => out.push(Entry::dated(closed, format!("{title} closed"), &m.sources)),
        (None, Some(as_of)) => out.push(Entry::dated(
            as_of,
            match m.status_latest {
                Status::Unknown => format!("{title}: status unknown (latest report)"),
                s => format!("{title} reported {} (latest report)", s.label()),
            },
            &m.sources,
        )),
        (None, None) => {}
    }
}

/// "Embassy in Kuala Lumpur" → "embassy in Kuala Lumpur".
/// "Kang Chol (ambassador) declared persona non grata; why: …"
fn measure_text(e: &Expulsion) -> String {
    let who = match (&e.person, &e.role) {
        (Some(p), Some(r)) => format!("{p} ({r})"),
        (Some(p), None) => p.clone(),
        (None, Some(r)) => crate::text::capitalize(r),
        (None, None) => "DPRK diplomats".into(),
    };
    let mut text = format!("{who}: {}", e.action.label());
    if let Some(t) = &e.trigger {
        text.push_str(&format!("; why: {t}"));
    }
    text
}
