//! `/timeline country [from] [to]`: one country's story with the DPRK, in
//! date order: relations, each mission's opening, snapshots and closing,
//! heads of mission, and every measure against DPRK diplomats, each line
//! with its date and the numbers of its sources.
//!
//! Everything is derived from the records (a guild's news records included,
//! since they are layered into the dataset it is given); nothing is typed.

use super::{measure_target, mission_title, original_text};
use crate::dataset::{
    Country, Dataset, DateRange, Expulsion, Mission, PartialDate, Status, SNAPSHOT_2017,
};
use crate::i18n::Lang;
use crate::reply::{Reply, Tone};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy)]
pub struct TimelineFilter<'a> {
    pub country: &'a Country,
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

    fn undated(label: String, text: String, sources: &'d [String]) -> Self {
        Self {
            date: None,
            undated_label: Some(label),
            text,
            sources,
        }
    }

    /// The date column as a reader sees it.
    fn label(&self, lang: Lang) -> String {
        match (self.date, &self.undated_label) {
            (Some(d), _) => lang.date(d),
            (None, Some(l)) => l.clone(),
            (None, None) => lang.text("timeline.undated").to_owned(),
        }
    }
}

pub fn timeline(data: &Dataset, filter: &TimelineFilter, lang: Lang) -> Reply {
    let country = filter.country;
    if country.iso2 == "KP" {
        return Reply {
            tone: Tone::NotFound,
            ..Reply::new(lang.text("dprk_itself.title"))
        }
        .with_description(lang.text("timeline.dprk_itself"));
    }
    let name = country.name_in_sentence(lang);
    let all = entries(data, country, lang);
    let shown = in_range(&all, filter.when);
    let scope = if filter.when.is_open() {
        String::new()
    } else {
        format!(" {}", lang.range(filter.when))
    };
    let title = crate::text::capitalize(
        &lang.fill("timeline.title", &[("country", &name), ("scope", &scope)]),
    );
    if shown.is_empty() {
        let hint = if all.is_empty() {
            lang.fill(
                "timeline.empty",
                &[("country", &name), ("option", &country.name_in(lang))],
            )
        } else {
            lang.fill(
                "timeline.other_dates",
                &[
                    ("entries", &lang.count("count.entry", all.len(), &[])),
                    ("country", &name),
                    ("option", &country.name_in(lang)),
                ],
            )
        };
        return Reply {
            tone: Tone::NotFound,
            ..Reply::new(lang.fill("timeline.nothing", &[("country", &name), ("scope", &scope)]))
        }
        .with_description(hint);
    }
    let mut reply = Reply::new(title);
    reply.description = describe(&shown, lang);
    // One field per decade keeps a long story readable and paginates cleanly.
    let mut groups: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
    for e in &shown {
        let group = match e.date {
            Some(d) => (d.year - d.year.rem_euclid(10)).to_string(),
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
            lines.push(format!("**{}** — {} [{numbers}]", e.label(lang), e.text));
            cited.extend(indices);
        }
        cited.sort_unstable();
        cited.dedup();
        let name = if group == "~Now" {
            lang.text("timeline.now_group").to_owned()
        } else {
            group.parse::<i32>().map_or(group.clone(), |decade| {
                lang.fill("timeline.decade", &[("decade", &decade)])
            })
        };
        reply.push_field(name, lines.join("\n"), cited);
    }
    reply
}

/// The entries a range keeps: dated ones inside it, undated ones only
/// when no range is asked ("Download CSV" lists the same).
pub fn in_range<'a, 'd>(all: &'a [Entry<'d>], when: DateRange) -> Vec<&'a Entry<'d>> {
    all.iter()
        .filter(|e| match e.date {
            Some(d) => when.contains(d),
            None => when.is_open(),
        })
        .collect()
}

/// "12 dated entries from 1973 to 2023; numbers in brackets are sources."
fn describe(shown: &[&Entry], lang: Lang) -> String {
    let dated: Vec<PartialDate> = shown.iter().filter_map(|e| e.date).collect();
    match (dated.first(), dated.last()) {
        (Some(first), Some(last)) => lang.fill(
            "timeline.describe",
            &[
                (
                    "entries",
                    &lang.count("count.dated_entry", dated.len(), &[]),
                ),
                ("first", &lang.date(PartialDate::year(first.year))),
                ("last", &lang.date(PartialDate::year(last.year))),
            ],
        ),
        _ => lang.text("timeline.describe_undated").to_owned(),
    }
}

/// Every entry the data has for a country, sorted by date (undated last).
pub fn entries<'d>(data: &'d Dataset, country: &'d Country, lang: Lang) -> Vec<Entry<'d>> {
    let mut out = Vec::new();
    let now = || lang.text("label.now").to_owned();
    if let Some(rel) = data.relation_with(&country.iso2) {
        let established = lang.text("timeline.established").to_owned();
        match (rel.established, &rel.established_text) {
            (Some(d), _) => out.push(Entry::dated(d, established, &rel.sources)),
            (None, Some(text)) => out.push(Entry::undated(text.clone(), established, &rel.sources)),
            (None, None) => {}
        }
        let mut state = lang.fill(
            "timeline.relations_now",
            &[("status", &super::relation_status_as_of(rel, lang))],
        );
        if let Some(n) = &rel.notes {
            state.push_str(&format!(". {}", original_text(n, lang)));
        }
        out.push(Entry::undated(now(), state, &rel.sources));
    }
    for m in data.missions_in(&country.iso2) {
        mission_entries(data, m, &mut out, lang);
    }
    for m in data.missions_accredited_to(&country.iso2) {
        out.push(Entry::undated(
            now(),
            lang.fill(
                "timeline.covered_by",
                &[
                    (
                        "mission",
                        &super::title_in_sentence(&mission_title(m, lang), lang),
                    ),
                    ("host", &data.country_name_in(&m.country, lang)),
                ],
            ),
            &m.sources,
        ));
    }
    for d in data.defections.iter().filter(|d| d.country == country.iso2) {
        out.push(Entry::dated(
            d.left,
            lang.fill(
                "timeline.defection",
                &[
                    ("name", &data.people_in(&d.person, lang)),
                    ("line", &super::defections::one_line(data, d, lang)),
                ],
            ),
            &d.sources,
        ));
    }
    for e in data.expulsions_by(&country.iso2) {
        out.push(Entry::dated(
            e.date,
            measure_text(data, e, lang),
            &e.sources,
        ));
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

fn mission_entries<'d>(data: &Dataset, m: &'d Mission, out: &mut Vec<Entry<'d>>, lang: Lang) {
    let title = mission_title(m, lang);
    let says = |key: &str| lang.fill(key, &[("mission", &title)]);
    if let Some(opened) = m.opened {
        out.push(Entry::dated(opened, says("timeline.opened"), &m.sources));
    }
    // The Sept 2017 snapshot is a dated fact only where a list recorded it.
    if !m.status_2017_inferred() && m.closed.is_none_or(|c| c > SNAPSHOT_2017) {
        out.push(Entry::dated(
            SNAPSHOT_2017,
            lang.fill(
                "timeline.snapshot_2017",
                &[
                    ("mission", &title),
                    ("status", &m.status_2017.label_in(lang)),
                ],
            ),
            &m.sources,
        ));
    }
    for head in &m.heads {
        // A term known from a report or its first day; its end when that
        // was not a host country's measure (those have their own lines).
        if let Some(start) = head.from.or(head.reported) {
            out.push(Entry::dated(
                start,
                lang.fill(
                    "timeline.head_reported",
                    &[
                        ("name", &data.people_in(&head.name, lang)),
                        ("mission", &super::title_in_sentence(&title, lang)),
                    ],
                ),
                &head.sources,
            ));
        }
        if let (Some(end), Some(how)) = (head.to, head.ended) {
            if how.measure().is_none() {
                out.push(Entry::dated(
                    end,
                    lang.fill(
                        "timeline.head_ended",
                        &[
                            ("name", &data.people_in(&head.name, lang)),
                            ("how", &how.label_in(lang)),
                        ],
                    ),
                    &head.sources,
                ));
            }
        }
    }
    match (m.closed, m.status_latest_as_of) {
        (Some(closed), _) => out.push(Entry::dated(closed, says("timeline.closed"), &m.sources)),
        (None, Some(as_of)) => out.push(Entry::dated(
            as_of,
            match m.status_latest {
                Status::Unknown => says("timeline.status_unknown"),
                s => lang.fill(
                    "timeline.reported_status",
                    &[("mission", &title), ("status", &s.label_in(lang))],
                ),
            },
            &m.sources,
        )),
        (None, None) => {}
    }
}

/// "Kang Chol (ambassador): declared persona non grata; why: …"
fn measure_text(data: &Dataset, e: &Expulsion, lang: Lang) -> String {
    let who = crate::text::capitalize(&measure_target(data, e, lang));
    let mut text = format!("{who}: {}", e.action_in(lang));
    if let Some(t) = &e.trigger {
        text.push_str(&lang.fill("measure.why_inline", &[("why", &original_text(t, lang))]));
    }
    text
}
