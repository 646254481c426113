//! `/missions [region] [kind] [status] [as_of]`: the network, grouped by region.

use super::{clean_echo, not_found};
use crate::dataset::{Country, Dataset, DateRange, Mission, MissionKind, PartialDate, Status};
use crate::i18n::Lang;
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
    /// The region's name in a language (the catalogue's `region.<name>`),
    /// or as the country table writes it.
    pub fn label_in(&self, lang: Lang) -> String {
        region_name_in(&self.label, lang)
    }

    pub fn contains(&self, c: &Country) -> bool {
        let sub = c.subregion.as_deref().unwrap_or("");
        (self.include.iter().any(|r| r == &c.region || r == sub)) && !self.exclude.contains(&c.iso2)
    }

    /// Finds the region a user typed: a region or sub-region of the country
    /// table, a common alias, or a one- or two-letter typo of one of them.
    pub fn find(data: &Dataset, input: &str) -> Option<Region> {
        let wanted = fold(&english_region_name(input).unwrap_or_else(|| input.to_owned()));
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

/// The catalogue key of a region name: "South-Eastern Asia" → `region.south_eastern_asia`.
fn region_key(name: &str) -> String {
    format!("region.{}", fold(name).replace(' ', "_"))
}

/// A region or sub-region name of the country table in a language.
pub fn region_name_in(name: &str, lang: Lang) -> String {
    lang.text_or(&region_key(name), name)
}

/// Whether a text is a region's name in another language ("유럽"), exactly.
pub fn is_translated_region_name(text: &str) -> bool {
    english_region_name(text).is_some()
}

/// The English name of a region typed in another language ("아프리카" →
/// "Africa"), from the catalogues.
fn english_region_name(input: &str) -> Option<String> {
    let wanted = input.trim();
    let catalogues = crate::i18n::catalogues();
    let english = &catalogues.first()?.1;
    catalogues.iter().skip(1).find_map(|(_, catalogue)| {
        catalogue
            .iter()
            .filter(|(k, _)| k.starts_with("region."))
            .find(|(_, v)| v.as_str() == wanted)
            .and_then(|(k, _)| english.get(k).cloned())
    })
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
    lang: Lang,
) -> Result<Vec<Selected<'d>>, Box<Reply>> {
    let region = match filter.region {
        Some(text) => match Region::find(data, text) {
            Some(r) => Some(r),
            None => return Err(Box::new(unknown_region(data, text, lang))),
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

pub fn missions(data: &Dataset, filter: &MissionsFilter, lang: Lang) -> Reply {
    let selected = match select(data, filter, lang) {
        Ok(s) => s,
        Err(reply) => return *reply,
    };
    let region = filter.region.and_then(|text| Region::find(data, text));

    let mut reply = Reply::new(title(filter, region.as_ref(), lang));
    reply.description = headline(filter, &selected, lang);
    if selected.is_empty() {
        let mut r = not_found(reply.title.clone(), reply.description.clone());
        r.title = lang.fill("missions.none", &[("title", &reply.title)]);
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
        entries.sort_by(|a, b| {
            a.1.name_in(lang)
                .cmp(b.1.name_in(lang))
                .then(a.0.city.cmp(&b.0.city))
        });
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
            .map(|(m, c, s)| mission_line(data, m, c, *s, filter.as_of, lang))
            .collect();
        reply.push_field(
            format!("{} ({})", region_name_in(&group, lang), entries.len()),
            lines.join("\n"),
            sources,
        );
    }
    if region.is_none() && filter.closed.is_open() {
        add_published_counts(data, &mut reply, filter.kind, lang);
    }
    reply
}

fn title(filter: &MissionsFilter, region: Option<&Region>, lang: Lang) -> String {
    let what = match filter.kind {
        Some(kind) => format!("missions.what.{}", kind.as_str()),
        None => "missions.what.all".to_owned(),
    };
    let mut t = lang.text(&what).to_owned();
    if let Some(r) = region {
        t.push_str(&lang.fill("scope.in", &[("region", &r.label_in(lang))]));
    }
    if let Some(s) = filter.status {
        t.push_str(&format!(", {}", s.label_in(lang)));
    }
    if !filter.closed.is_open() {
        t.push_str(&lang.fill(
            "missions.closed_in",
            &[("range", &lang.range(filter.closed))],
        ));
    }
    match filter.as_of {
        Some(d) => t.push_str(&lang.fill("missions.as_of", &[("day", &describe_day(d, lang))])),
        None => t.push_str(lang.text("missions.latest")),
    }
    t
}

/// "30 September 2017", "the end of 2017", "the end of October 2023".
pub(super) fn describe_day(d: PartialDate, lang: Lang) -> String {
    if d.day.is_some() {
        lang.date(d)
    } else {
        lang.fill("day.end_of", &[("date", &lang.date(d))])
    }
}

fn headline(
    filter: &MissionsFilter,
    selected: &[(&Mission, &Country, Status)],
    lang: Lang,
) -> String {
    let mut countries: Vec<&str> = selected.iter().map(|(_, c, _)| c.iso2.as_str()).collect();
    countries.sort();
    countries.dedup();
    let count = |s: Status| selected.iter().filter(|e| e.2 == s).count();
    let embassies_open = selected
        .iter()
        .filter(|(m, _, s)| m.kind == MissionKind::Embassy && *s == Status::Open)
        .count();
    let when = filter
        .as_of
        .map_or(lang.text("missions.when_now").to_owned(), |d| {
            lang.fill("missions.when_as_of", &[("day", &describe_day(d, lang))])
        });
    lang.fill(
        "missions.headline",
        &[
            (
                "missions",
                &lang.count("count.mission", selected.len(), &[]),
            ),
            (
                "countries",
                &lang.count("count.country", countries.len(), &[]),
            ),
            ("when", &when),
            ("open", &count(Status::Open)),
            ("closed", &count(Status::Closed)),
            ("unknown", &count(Status::Unknown)),
            ("embassies_open", &embassies_open),
        ],
    )
}

fn mission_line(
    data: &Dataset,
    m: &Mission,
    c: &Country,
    status: Status,
    as_of: Option<PartialDate>,
    lang: Lang,
) -> String {
    let status_text = match (status, m.closed) {
        (Status::Closed, Some(d)) => lang.fill("mission.closed_on", &[("date", &lang.date(d))]),
        (s, _) => s.label_in(lang).to_owned(),
    };
    let flag = if m.uncertain.is_some() { " ⚠" } else { "" };
    let ambassador = match super::heads::head_at(data, m, as_of) {
        Some(head) if status == Status::Open => format!("; {}", head_slot(data, &head, lang)),
        _ => String::new(),
    };
    format!(
        "**{}** — {}, {}: {status_text}{ambassador}{flag}",
        c.name_in(lang),
        m.city_in(lang),
        m.kind.label_in(lang)
    )
}

/// Who heads an open mission: the head in post, or, when the last term
/// ended (an ambassador expelled in 2017), that no later head is reported,
/// so a list of current embassies never shows an expellee as its head.
fn head_slot(data: &Dataset, head: &super::heads::Head, lang: Lang) -> String {
    use super::heads::Head;
    let since = match head {
        Head::LastKnown { .. } => return head.describe(data, lang),
        Head::SentAway { on, .. } => Some(*on),
        Head::Ended { on, .. } => *on,
    };
    match since {
        Some(date) => lang.fill(
            "missions.no_head_since",
            &[
                ("date", &lang.date(date)),
                ("last", &head.describe(data, lang)),
            ],
        ),
        None => lang.fill(
            "missions.no_head_now",
            &[("last", &head.describe(data, lang))],
        ),
    }
}

/// Published counts beside the data's own, computed at the figure's date.
fn add_published_counts(data: &Dataset, reply: &mut Reply, kind: Option<MissionKind>, lang: Lang) {
    let mut lines = Vec::new();
    let mut ids = Vec::new();
    for f in &data.figures {
        if kind.is_some() && f.kind.is_some() && f.kind != kind {
            continue;
        }
        let mut line = format!(
            "**{}** — {}",
            f.value,
            lang.fill(
                "missions.figure",
                &[
                    ("label", &super::original_text(&f.label, lang)),
                    ("date", &lang.date(f.as_of)),
                ],
            )
        );
        if let Some(day) = f.compare_with_status_at {
            let mut hosts: Vec<&str> = data
                .missions
                .iter()
                .filter(|m| f.kind.is_none_or(|k| k == m.kind) && m.status_on(day) == Status::Open)
                .map(|m| m.country.as_str())
                .collect();
            hosts.sort();
            hosts.dedup();
            line.push_str(&lang.fill(
                "missions.figure_compare",
                &[
                    ("countries", &lang.count("count.country", hosts.len(), &[])),
                    ("day", &describe_day(day, lang)),
                ],
            ));
        }
        lines.push(line);
        ids.extend(f.sources.iter().cloned());
    }
    // Why the data's count of open embassies can be below a published one:
    // the embassies it leaves unknown are not counted as open.
    if kind.is_none_or(|k| k == MissionKind::Embassy) {
        let unknown: Vec<String> = data
            .missions
            .iter()
            .filter(|m| m.kind == MissionKind::Embassy && m.status_latest == Status::Unknown)
            .map(|m| {
                format!(
                    "{} ({})",
                    data.country_name_in(&m.country, lang),
                    m.city_in(lang)
                )
            })
            .collect();
        if !unknown.is_empty() {
            lines.push(lang.fill(
                "missions.unknown_not_counted",
                &[("n", &unknown.len()), ("list", &unknown.join(", "))],
            ));
        }
    }
    if !lines.is_empty() {
        let sources = reply.cite(data, &ids);
        reply.push_field(lang.text("missions.published"), lines.join("\n"), sources);
    }
}

pub(super) fn unknown_region(data: &Dataset, text: &str, lang: Lang) -> Reply {
    let mut regions: Vec<&str> = data.countries.iter().map(|c| c.region.as_str()).collect();
    regions.sort();
    regions.dedup();
    regions.retain(|r| *r != "Antarctic");
    let regions: Vec<String> = regions.iter().map(|r| region_name_in(r, lang)).collect();
    not_found(
        lang.fill("region.unknown.title", &[("input", &clean_echo(text))]),
        lang.fill("region.unknown.hint", &[("regions", &regions.join(", "))]),
    )
}
