//! `/missions [region] [kind] [status] [as_of]`: the network, grouped by region.

use super::{clean_echo, not_found};
use crate::dataset::{Country, Dataset, DateRange, Mission, MissionKind, PartialDate, Status};
use crate::reply::Reply;
use crate::text::fold;
use std::collections::BTreeMap;

#[derive(Debug, Default, Clone, Copy)]
pub struct MissionsFilter<'a> {
    pub region: Option<&'a str>,
    pub kind: Option<MissionKind>,
    pub status: Option<Status>,
    pub as_of: Option<PartialDate>,
    /// Only missions whose closing date falls in this range.
    pub closed: DateRange,
}

/// Region names people use that the country table spells differently, as
/// (alias, regions or sub-regions included, countries excluded by ISO code).
const REGION_ALIASES: &[(&str, &[&str], &[&str])] = &[
    ("america", &["Americas"], &[]),
    (
        "latin america",
        &[
            "South America",
            "Central America",
            "Caribbean",
            "North America",
        ],
        &["US", "CA", "GL", "BM", "PM"],
    ),
    ("middle east", &["Western Asia"], &[]),
    ("southeast asia", &["South-Eastern Asia"], &[]),
    ("south east asia", &["South-Eastern Asia"], &[]),
    ("east asia", &["Eastern Asia"], &[]),
    ("south asia", &["Southern Asia"], &[]),
    ("west asia", &["Western Asia"], &[]),
    ("north africa", &["Northern Africa"], &[]),
    ("west africa", &["Western Africa"], &[]),
    ("east africa", &["Eastern Africa"], &[]),
    ("central africa", &["Middle Africa"], &[]),
    (
        "sub saharan africa",
        &[
            "Eastern Africa",
            "Western Africa",
            "Middle Africa",
            "Southern Africa",
        ],
        &[],
    ),
    ("scandinavia", &["Northern Europe"], &["GB", "IE"]),
    ("nordic countries", &["Northern Europe"], &["GB", "IE"]),
    ("balkans", &["Southeast Europe"], &[]),
    ("pacific", &["Oceania"], &[]),
];

/// A region as the user meant it: a label and a membership test.
pub struct Region {
    pub label: String,
    include: Vec<String>,
    exclude: Vec<String>,
    /// Whether the label is a whole region (then group by sub-region).
    pub is_top_level: bool,
}

impl Region {
    pub fn contains(&self, c: &Country) -> bool {
        let sub = c.subregion.as_deref().unwrap_or("");
        (self.include.iter().any(|r| r == &c.region || r == sub)) && !self.exclude.contains(&c.iso2)
    }

    /// Finds the region a user typed: a region or sub-region of the country
    /// table, a common alias, or a one- or two-letter typo of one of them.
    pub fn find(data: &Dataset, input: &str) -> Option<Region> {
        let wanted = fold(input);
        let wanted = wanted.strip_suffix(" region").unwrap_or(&wanted).to_owned();
        let names = &data.region_names;
        let exact = |w: &str| -> Option<Region> {
            if let Some((name, top)) = names.iter().find(|(n, _)| fold(n) == w) {
                return Some(Region {
                    label: name.clone(),
                    include: vec![name.clone()],
                    exclude: vec![],
                    is_top_level: *top,
                });
            }
            REGION_ALIASES
                .iter()
                .find(|(alias, _, _)| *alias == w)
                .map(|(alias, inc, exc)| Region {
                    label: title_case(alias),
                    include: inc.iter().map(|s| s.to_string()).collect(),
                    exclude: exc.iter().map(|s| s.to_string()).collect(),
                    is_top_level: inc.len() == 1
                        && names.iter().any(|(n, top)| *top && n == inc[0]),
                })
        };
        if let Some(r) = exact(&wanted) {
            return Some(r);
        }
        let allowed = if wanted.chars().count() >= 8 { 2 } else { 1 };
        let mut candidates: Vec<String> = names.iter().map(|(n, _)| fold(n)).collect();
        candidates.extend(REGION_ALIASES.iter().map(|(a, _, _)| a.to_string()));
        candidates
            .into_iter()
            .map(|c| (strsim::osa_distance(&wanted, &c), c))
            .filter(|(d, _)| *d <= allowed)
            .min()
            .and_then(|(_, c)| exact(&c))
    }
}

fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A selected mission with its host country and its status on the day asked.
pub type Selected<'d> = (&'d Mission, &'d Country, Status);

/// The missions a filter selects, or the reply for an unknown region.
pub fn select<'d>(
    data: &'d Dataset,
    filter: &MissionsFilter,
) -> Result<Vec<Selected<'d>>, Box<Reply>> {
    let region = match filter.region {
        Some(text) => match Region::find(data, text) {
            Some(r) => Some(r),
            None => return Err(Box::new(unknown_region(data, text))),
        },
        None => None,
    };
    let status_of = |m: &Mission| filter.as_of.map_or(m.status_latest, |d| m.status_on(d));
    Ok(data
        .missions
        .iter()
        .filter_map(|m| Some((m, data.country(&m.country)?)))
        .filter(|(_, c)| region.as_ref().is_none_or(|r| r.contains(c)))
        .filter(|(m, _)| filter.kind.is_none_or(|k| k == m.kind))
        .filter(|(m, _)| {
            filter.closed.is_open() || m.closed.is_some_and(|d| filter.closed.contains(d))
        })
        .map(|(m, c)| (m, c, status_of(m)))
        .filter(|(_, _, s)| filter.status.is_none_or(|w| w == *s))
        .collect())
}

pub fn missions(data: &Dataset, filter: &MissionsFilter) -> Reply {
    let selected = match select(data, filter) {
        Ok(s) => s,
        Err(reply) => return *reply,
    };
    let region = filter.region.and_then(|text| Region::find(data, text));

    let mut reply = Reply::new(title(filter, region.as_ref()));
    reply.description = headline(filter, &selected);
    if selected.is_empty() {
        let mut r = not_found(reply.title.clone(), reply.description.clone());
        r.title = format!("No DPRK missions match: {}", reply.title);
        return r;
    }
    let group_of = |c: &Country| match &region {
        Some(r) if r.is_top_level => c.subregion.clone().unwrap_or_else(|| c.region.clone()),
        _ => c.region.clone(),
    };
    let mut groups: BTreeMap<String, Vec<&(&Mission, &Country, Status)>> = BTreeMap::new();
    for entry in &selected {
        groups.entry(group_of(entry.1)).or_default().push(entry);
    }
    for (group, mut entries) in groups {
        entries.sort_by(|a, b| a.1.name.cmp(&b.1.name).then(a.0.city.cmp(&b.0.city)));
        let ids: Vec<String> = entries
            .iter()
            .flat_map(|(m, _, s)| {
                let head = (*s == Status::Open)
                    .then(|| super::heads::head_at(data, m, filter.as_of))
                    .flatten();
                let extra = head.map(|h| h.sources().to_vec()).unwrap_or_default();
                m.sources.iter().cloned().chain(extra)
            })
            .collect();
        let sources = reply.cite(data, &ids);
        let lines: Vec<String> = entries
            .iter()
            .map(|(m, c, s)| mission_line(data, m, c, *s, filter.as_of))
            .collect();
        reply.push_field(
            format!("{group} ({})", entries.len()),
            lines.join("\n"),
            sources,
        );
    }
    if region.is_none() && filter.closed.is_open() {
        add_published_counts(data, &mut reply, filter.kind);
    }
    reply
}

fn title(filter: &MissionsFilter, region: Option<&Region>) -> String {
    let what = match filter.kind {
        Some(MissionKind::Embassy) => "DPRK embassies",
        Some(MissionKind::ConsulateGeneral) => "DPRK consulates-general",
        Some(MissionKind::PermanentMission) => "DPRK permanent missions",
        Some(MissionKind::RepresentativeOffice) => "DPRK representative offices",
        None => "DPRK missions abroad",
    };
    let mut t = what.to_owned();
    if let Some(r) = region {
        t.push_str(&format!(" in {}", r.label));
    }
    if let Some(s) = filter.status {
        t.push_str(&format!(", {}", s.label()));
    }
    if !filter.closed.is_open() {
        t.push_str(&format!(", closed {}", filter.closed));
    }
    match filter.as_of {
        Some(d) => t.push_str(&format!(", as of {}", describe_day(d))),
        None => t.push_str(", latest status"),
    }
    t
}

/// "30 September 2017", "the end of 2017", "the end of October 2023".
fn describe_day(d: PartialDate) -> String {
    if d.day.is_some() {
        d.to_string()
    } else {
        format!("the end of {d}")
    }
}

fn headline(filter: &MissionsFilter, selected: &[(&Mission, &Country, Status)]) -> String {
    let mut countries: Vec<&str> = selected.iter().map(|(_, c, _)| c.iso2.as_str()).collect();
    countries.sort();
    countries.dedup();
    let count = |s: Status| selected.iter().filter(|e| e.2 == s).count();
    let embassies_open = selected
        .iter()
        .filter(|(m, _, s)| m.kind == MissionKind::Embassy && *s == Status::Open)
        .count();
    let when = filter.as_of.map_or("now (latest status)".to_owned(), |d| {
        format!("as of {}", describe_day(d))
    });
    format!(
        "{} mission{} in {} countr{}. Status {when}: {} open, {} closed, {} unknown. Embassies open: {embassies_open}.",
        selected.len(),
        if selected.len() == 1 { "" } else { "s" },
        countries.len(),
        if countries.len() == 1 { "y" } else { "ies" },
        count(Status::Open),
        count(Status::Closed),
        count(Status::Unknown),
    )
}

fn mission_line(
    data: &Dataset,
    m: &Mission,
    c: &Country,
    status: Status,
    as_of: Option<PartialDate>,
) -> String {
    let status_text = match (status, m.closed) {
        (Status::Closed, Some(d)) => format!("closed ({d})"),
        (s, _) => s.label().to_owned(),
    };
    let flag = if m.uncertain.is_some() { " ⚠" } else { "" };
    let ambassador = match super::heads::head_at(data, m, as_of) {
        Some(head) if status == Status::Open => format!("; {}", head.describe()),
        _ => String::new(),
    };
    format!(
        "**{}** — {}, {}: {status_text}{ambassador}{flag}",
        c.name,
        m.city,
        m.kind.label()
    )
}

/// Published counts beside the data's own, computed at the figure's date.
fn add_published_counts(data: &Dataset, reply: &mut Reply, kind: Option<MissionKind>) {
    let mut lines = Vec::new();
    let mut ids = Vec::new();
    for f in &data.figures {
        if kind.is_some() && f.kind.is_some() && f.kind != kind {
            continue;
        }
        let mut line = format!("**{}** — {} (as of {})", f.value, f.label, f.as_of);
        if let Some(day) = f.compare_with_status_at {
            let mut hosts: Vec<&str> = data
                .missions
                .iter()
                .filter(|m| f.kind.is_none_or(|k| k == m.kind) && m.status_on(day) == Status::Open)
                .map(|m| m.country.as_str())
                .collect();
            hosts.sort();
            hosts.dedup();
            line.push_str(&format!(
                ". This data: {} countries on {}.",
                hosts.len(),
                describe_day(day)
            ));
        }
        lines.push(line);
        ids.extend(f.sources.iter().cloned());
    }
    if !lines.is_empty() {
        let sources = reply.cite(data, &ids);
        reply.push_field("Published counts", lines.join("\n"), sources);
    }
}

pub(super) fn unknown_region(data: &Dataset, text: &str) -> Reply {
    let mut regions: Vec<&str> = data.countries.iter().map(|c| c.region.as_str()).collect();
    regions.sort();
    regions.dedup();
    regions.retain(|r| *r != "Antarctic");
    not_found(
        format!("No region called “{}”", clean_echo(text)),
        format!(
            "Try one of: {}, or a sub-region such as Western Africa, South-Eastern Asia, Eastern Europe, Middle East.",
            regions.join(", ")
        ),
    )
}
