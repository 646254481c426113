//! A list answer as a table: every item of the list (all pages, not only
//! the one shown), one row each, with its sources' links. "Download CSV"
//! and `missionbot export` write these rows.
//!
//! The rows come from the same `select` each list answer uses, so a table
//! holds exactly the items its answer lists. Values are for machines:
//! English names, ISO 3166 codes and ISO dates at the sources' precision
//! ("2017", "2017-09", "2017-09-07"), whatever language the answer was in.

use super::{defections, expelled, missions, relations, timeline};
use crate::dataset::{Country, Dataset, DateRange, PartialDate};
use crate::i18n::Lang;
use crate::query::Query;
use crate::reply::Reply;

/// A list as rows under named columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// What the rows are: "missions", "measures", "relations", "timeline",
    /// "defections" or "heads" (the file is named after it).
    pub kind: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<String>>,
}

const MISSIONS: &[&str] = &[
    "country",
    "country_iso2",
    "city",
    "kind",
    "status",
    "status_on",
    "opened",
    "closed",
    "head_of_mission",
    "source_urls",
];
const MEASURES: &[&str] = &[
    "date",
    "country",
    "country_iso2",
    "action",
    "by_dprk",
    "person",
    "role",
    "trigger",
    "source_urls",
];
const RELATIONS: &[&str] = &[
    "country",
    "country_iso2",
    "status",
    "status_as_of",
    "established",
    "covers_dprk_from",
    "source_urls",
];
const TIMELINE: &[&str] = &["date", "country", "country_iso2", "event", "source_urls"];
const DEFECTIONS: &[&str] = &[
    "left",
    "person",
    "post",
    "country",
    "country_iso2",
    "made_public",
    "destination",
    "source_urls",
];
const HEADS: &[&str] = &[
    "country",
    "country_iso2",
    "city",
    "name",
    "title",
    "from",
    "to",
    "reported",
    "source_urls",
];

/// The table of a list query, with its country already resolved (as
/// [`Reply::canonical`] holds it). `None` for an answer that is no list
/// (`/embassy`, `/help`…); `Err` with the answer's own reply when the list
/// itself cannot be made (an unknown region or country).
pub fn table(data: &Dataset, query: &Query, lang: Lang) -> Option<Result<Table, Box<Reply>>> {
    let country = |text: Option<&str>| -> Result<Option<&Country>, Box<Reply>> {
        match text {
            Some(text) => super::resolve_country(data, text, lang).map(Some),
            None => Ok(None),
        }
    };
    let table = match query {
        Query::Missions { .. } => {
            let filter = super::missions_filter(query)?;
            missions::select(data, &filter, lang).map(|rows| missions_table(data, &rows, &filter))
        }
        Query::Expelled { .. } => match country(query.country_text()) {
            Ok(c) => {
                let filter = super::expelled_filter(query, c)?;
                expelled::select(data, &filter, lang).map(|rows| measures_table(data, &rows))
            }
            Err(reply) => Err(reply),
        },
        Query::Relations { .. } => {
            let filter = super::relations_filter(query)?;
            relations::select(data, &filter, lang).map(|s| relations_table(data, &s.relations))
        }
        Query::Timeline {
            country: text,
            when,
        } => super::resolve_country(data, text, lang)
            .map(|country| timeline_table(data, country, *when, lang)),
        Query::Defections { when, .. } => country(query.country_text()).map(|c| {
            let filter = defections::DefectionsFilter {
                country: c,
                when: *when,
            };
            defections_table(data, &defections::select(data, &filter))
        }),
        _ => return None,
    };
    Some(table)
}

/// Whether a query's answer is a list a table can hold.
pub fn is_list(query: &Query) -> bool {
    matches!(
        query,
        Query::Missions { .. }
            | Query::Expelled { .. }
            | Query::Relations { .. }
            | Query::Timeline { .. }
            | Query::Defections { .. }
    )
}

/// Every head-of-mission term in the data (`missionbot export --what heads`).
pub fn heads(data: &Dataset) -> Table {
    let rows = data
        .missions
        .iter()
        .flat_map(|m| {
            let country = data.country(&m.country);
            m.heads.iter().map(move |t| {
                vec![
                    country.map(|c| c.name.clone()).unwrap_or_default(),
                    m.country.clone(),
                    m.city.clone(),
                    t.name.clone(),
                    t.title.clone(),
                    iso(t.from),
                    iso(t.to),
                    iso(t.reported),
                    urls(data, &t.sources),
                ]
            })
        })
        .collect();
    Table {
        kind: "heads",
        columns: HEADS,
        rows,
    }
}

fn missions_table(
    data: &Dataset,
    selected: &[missions::Selected],
    filter: &missions::MissionsFilter,
) -> Table {
    let status_on = filter
        .as_of
        .map(|d| d.iso())
        .unwrap_or_else(|| "latest".to_owned());
    let rows = sorted(selected.iter().map(|(m, c, status)| {
        let head = (*status == crate::dataset::Status::Open)
            .then(|| super::heads::head_at(data, m, filter.as_of))
            .flatten();
        vec![
            c.name.clone(),
            c.iso2.clone(),
            m.city.clone(),
            m.kind.as_str().to_owned(),
            status.as_str().to_owned(),
            status_on.clone(),
            iso(m.opened),
            iso(m.closed),
            head.map(|h| h.name().to_owned()).unwrap_or_default(),
            urls(data, &m.sources),
        ]
    }));
    Table {
        kind: "missions",
        columns: MISSIONS,
        rows,
    }
}

fn measures_table(data: &Dataset, events: &[&crate::dataset::Expulsion]) -> Table {
    let rows = events
        .iter()
        .map(|e| {
            let country = data.country(&e.country);
            vec![
                e.date.iso(),
                country.map(|c| c.name.clone()).unwrap_or_default(),
                e.country.clone(),
                e.action.as_str().to_owned(),
                e.by_dprk.to_string(),
                e.person.clone().unwrap_or_default(),
                e.role.clone().unwrap_or_default(),
                e.trigger.clone().unwrap_or_default(),
                urls(data, &e.sources),
            ]
        })
        .collect();
    Table {
        kind: "measures",
        columns: MEASURES,
        rows,
    }
}

fn relations_table(data: &Dataset, selected: &[relations::Selected]) -> Table {
    let rows = sorted(selected.iter().map(|(r, c)| {
        vec![
            c.name.clone(),
            c.iso2.clone(),
            r.status.clone(),
            iso(r.as_of),
            r.established
                .map(|d| d.iso())
                .or_else(|| r.established_text.clone())
                .unwrap_or_default(),
            r.covers_dprk_from.clone().unwrap_or_default(),
            urls(data, &r.sources),
        ]
    }));
    Table {
        kind: "relations",
        columns: RELATIONS,
        rows,
    }
}

fn timeline_table(data: &Dataset, country: &Country, when: DateRange, lang: Lang) -> Table {
    let all = timeline::entries(data, country, lang);
    let rows = timeline::in_range(&all, when)
        .into_iter()
        .map(|e| {
            vec![
                e.date.map(|d| d.iso()).unwrap_or_default(),
                country.name.clone(),
                country.iso2.clone(),
                e.text.clone(),
                urls(data, e.sources),
            ]
        })
        .collect();
    Table {
        kind: "timeline",
        columns: TIMELINE,
        rows,
    }
}

fn defections_table(data: &Dataset, selected: &[&crate::dataset::Defection]) -> Table {
    let rows = selected
        .iter()
        .map(|d| {
            let country = data.country(&d.country);
            vec![
                d.left.iso(),
                d.person.clone(),
                d.post.clone(),
                country.map(|c| c.name.clone()).unwrap_or_default(),
                d.country.clone(),
                iso(d.made_public),
                d.destination.clone().unwrap_or_default(),
                urls(data, &d.sources),
            ]
        })
        .collect();
    Table {
        kind: "defections",
        columns: DEFECTIONS,
        rows,
    }
}

/// Rows by their first columns (country, then city), as the lists read.
fn sorted(rows: impl Iterator<Item = Vec<String>>) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = rows.collect();
    rows.sort();
    rows
}

fn iso(date: Option<PartialDate>) -> String {
    date.map(|d| d.iso()).unwrap_or_default()
}

/// The sources' links, separated by spaces (a URL holds none).
fn urls(data: &Dataset, ids: &[String]) -> String {
    ids.iter()
        .filter_map(|id| data.source(id))
        .map(|s| s.url.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
