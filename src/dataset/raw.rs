//! The files as written on disk, and their checked conversion into the model.

mod heads;

use super::model::*;
use super::{DataError, DataFiles, Dataset, PartialDate, Records};
use heads::{build_heads, check_heads_against_measures, check_one_post_at_a_time, RawHeadTerm};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCountry {
    iso2: String,
    iso3: String,
    numeric: Option<String>,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    korean: Vec<String>,
    #[serde(default)]
    translations: Vec<String>,
    #[serde(default)]
    capital: Vec<String>,
    region: String,
    subregion: Option<String>,
    #[serde(default)]
    un_member: bool,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLocalName {
    name: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMission {
    id: String,
    country: String,
    city: String,
    /// The city's name in other languages, by locale, each with its source.
    #[serde(default)]
    city_names: BTreeMap<String, RawLocalName>,
    kind: String,
    status_2017: String,
    #[serde(default)]
    status_2017_inferred: bool,
    #[serde(default)]
    status_2017_basis: Option<String>,
    status_latest: String,
    status_latest_as_of: Option<String>,
    opened: Option<String>,
    closed: Option<String>,
    #[serde(default)]
    heads: Vec<RawHeadTerm>,
    #[serde(default)]
    accredited_to: Vec<String>,
    lat: f64,
    lon: f64,
    notes: Option<String>,
    uncertain: Option<String>,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpulsion {
    id: String,
    country: String,
    date: String,
    person: Option<String>,
    role: Option<String>,
    action: String,
    #[serde(default)]
    by_dprk: bool,
    trigger: Option<String>,
    notes: Option<String>,
    uncertain: Option<String>,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelation {
    id: String,
    country: String,
    established: Option<String>,
    established_text: Option<String>,
    status: String,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    covers_dprk_from: Option<String>,
    notes: Option<String>,
    uncertain: Option<String>,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: String,
    title: String,
    publisher: String,
    date: Option<String>,
    url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    id: String,
    label: String,
    value: u32,
    as_of: String,
    kind: Option<String>,
    compare_with_status_at: Option<String>,
    sources: Vec<String>,
}

/// Where in the data a check is looking, so that errors can say so.
pub(super) struct Place {
    file: String,
    record: String,
}

impl Place {
    pub(super) fn err(&self, field: &str, problem: impl Into<String>) -> DataError {
        DataError {
            file: self.file.clone(),
            record: Some(self.record.clone()),
            field: Some(field.to_owned()),
            problem: problem.into(),
        }
    }

    pub(super) fn date(&self, field: &str, text: &str) -> Result<PartialDate, DataError> {
        PartialDate::parse(text).ok_or_else(|| {
            self.err(
                field,
                format!("malformed date {text:?}; expected YYYY, YYYY-MM or YYYY-MM-DD"),
            )
        })
    }

    pub(super) fn opt_date(
        &self,
        field: &str,
        text: &Option<String>,
    ) -> Result<Option<PartialDate>, DataError> {
        text.as_deref().map(|t| self.date(field, t)).transpose()
    }

    pub(super) fn non_empty(&self, field: &str, text: &str) -> Result<(), DataError> {
        if text.trim().is_empty() {
            return Err(self.err(field, "empty text; expected a value"));
        }
        Ok(())
    }
}

/// Parses a JSON array, then each record on its own so errors can name it.
pub(super) fn records<T: DeserializeOwned>(
    file: &str,
    text: &str,
) -> Result<Vec<(Place, T)>, DataError> {
    let values: Vec<serde_json::Value> = serde_json::from_str(text).map_err(|e| DataError {
        file: file.to_owned(),
        record: None,
        field: None,
        problem: format!("not a JSON array of records: {e}"),
    })?;
    values
        .into_iter()
        .enumerate()
        .map(|(index, value)| {
            let id = value
                .get("id")
                .or_else(|| value.get("iso2"))
                .and_then(|v| v.as_str())
                .map(|s| format!(" (id {s:?})"))
                .unwrap_or_default();
            let place = Place {
                file: file.to_owned(),
                record: format!("record {index}{id}"),
            };
            match serde_path_to_error::deserialize::<_, T>(value) {
                Ok(record) => Ok((place, record)),
                Err(e) => {
                    let path = e.path().to_string();
                    let field = if path == "." {
                        "(record)".to_owned()
                    } else {
                        path
                    };
                    Err(place.err(&field, e.into_inner().to_string()))
                }
            }
        })
        .collect()
}

pub(super) fn build(files: &DataFiles, prefix: &str) -> Result<Dataset, DataError> {
    let name = |n: &str| format!("{prefix}{n}");
    let countries = build_countries(&name("countries.json"), &files.countries)?;
    let iso2s: HashSet<&str> = countries.iter().map(|c| c.iso2.as_str()).collect();
    let sources = build_sources(&name("sources.json"), &files.sources)?;
    let source_ids: HashSet<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    let refs = Refs {
        iso2s: &iso2s,
        source_ids: &source_ids,
    };

    let missions = build_missions(&name("missions.json"), &files.missions, &refs)?;
    let expulsions = build_expulsions(&name("expulsions.json"), &files.expulsions, &refs)?;
    check_heads_against_measures(&name("missions.json"), &missions, &expulsions)?;
    check_one_post_at_a_time(&name("missions.json"), &missions)?;
    let relations = build_relations(&name("relations.json"), &files.relations, &refs)?;
    let figures = build_figures(&name("figures.json"), &files.figures, &refs)?;
    let defections = super::facts::build_defections(
        &name("defections.json"),
        &files.defections,
        &refs,
        &missions,
    )?;
    let people = super::facts::people_named(&missions, &expulsions, &defections);
    let covering_cities: HashSet<&str> = relations
        .iter()
        .filter_map(|r| r.covers_dprk_from.as_deref())
        .collect();
    let names = super::facts::build_names(
        &name("names.json"),
        &files.names,
        &refs,
        &people,
        &covering_cities,
    )?;
    let quotes = {
        let facts =
            super::facts::fact_keys(&missions, &expulsions, &relations, &defections, &names);
        super::facts::build_quotes(&name("quotes.json"), &files.quotes, &facts)?
    };
    Ok(Dataset::assemble(Records {
        countries,
        missions,
        expulsions,
        relations,
        sources,
        figures,
        defections,
        quotes,
        names,
    }))
}

/// What records may point at.
pub(super) struct Refs<'a> {
    iso2s: &'a HashSet<&'a str>,
    source_ids: &'a HashSet<&'a str>,
}

impl Refs<'_> {
    pub(super) fn country(&self, place: &Place, field: &str, code: &str) -> Result<(), DataError> {
        if self.iso2s.contains(code) {
            Ok(())
        } else {
            Err(place.err(
                field,
                format!("unknown country code {code:?}; expected an ISO 3166-1 alpha-2 code listed in countries.json"),
            ))
        }
    }

    pub(super) fn sources(&self, place: &Place, ids: &[String]) -> Result<(), DataError> {
        if ids.is_empty() {
            return Err(place.err(
                "sources",
                "no source; every record needs at least one source id from sources.json",
            ));
        }
        for id in ids {
            if !self.source_ids.contains(id.as_str()) {
                return Err(place.err(
                    "sources",
                    format!("unknown source id {id:?}; expected an id listed in sources.json"),
                ));
            }
        }
        Ok(())
    }
}

fn check_unique_id(seen: &mut HashSet<String>, place: &Place, id: &str) -> Result<(), DataError> {
    place.non_empty("id", id)?;
    if !seen.insert(id.to_owned()) {
        return Err(place.err("id", format!("duplicate id {id:?}; expected each id once")));
    }
    Ok(())
}

fn parse_enum<T>(
    place: &Place,
    field: &str,
    text: &str,
    parse: fn(&str) -> Option<T>,
    expected: String,
) -> Result<T, DataError> {
    parse(text).ok_or_else(|| {
        place.err(
            field,
            format!("unknown value {text:?}; expected one of: {expected}"),
        )
    })
}

fn build_countries(file: &str, text: &str) -> Result<Vec<Country>, DataError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (place, c) in records::<RawCountry>(file, text)? {
        if c.iso2.len() != 2 || !c.iso2.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(place.err(
                "iso2",
                format!("{:?} is not two upper-case letters", c.iso2),
            ));
        }
        if c.iso3.len() != 3 || !c.iso3.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(place.err(
                "iso3",
                format!("{:?} is not three upper-case letters", c.iso3),
            ));
        }
        check_unique_id(&mut seen, &place, &c.iso2)?;
        place.non_empty("name", &c.name)?;
        out.push(Country {
            iso2: c.iso2,
            iso3: c.iso3,
            numeric: c.numeric,
            name: c.name,
            aliases: c.aliases,
            korean: c.korean,
            translations: c.translations,
            capital: c.capital,
            region: c.region,
            subregion: c.subregion,
            un_member: c.un_member,
            lat: c.lat,
            lon: c.lon,
        });
    }
    Ok(out)
}

fn build_sources(file: &str, text: &str) -> Result<Vec<Source>, DataError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (place, s) in records::<RawSource>(file, text)? {
        check_unique_id(&mut seen, &place, &s.id)?;
        place.non_empty("title", &s.title)?;
        place.non_empty("publisher", &s.publisher)?;
        if !(s.url.starts_with("https://") || s.url.starts_with("http://"))
            || s.url.contains(char::is_whitespace)
        {
            return Err(place.err("url", format!("{:?} is not an http(s) URL", s.url)));
        }
        let date = place.opt_date("date", &s.date)?;
        out.push(Source {
            id: s.id,
            title: s.title,
            publisher: s.publisher,
            date,
            url: s.url,
        });
    }
    Ok(out)
}

fn build_missions(file: &str, text: &str, refs: &Refs) -> Result<Vec<Mission>, DataError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (place, m) in records::<RawMission>(file, text)? {
        check_unique_id(&mut seen, &place, &m.id)?;
        refs.country(&place, "country", &m.country)?;
        place.non_empty("city", &m.city)?;
        for code in &m.accredited_to {
            refs.country(&place, "accredited_to", code)?;
        }
        if !(-90.0..=90.0).contains(&m.lat) {
            return Err(place.err("lat", format!("{} is outside -90..90", m.lat)));
        }
        if !(-180.0..=180.0).contains(&m.lon) {
            return Err(place.err("lon", format!("{} is outside -180..180", m.lon)));
        }
        refs.sources(&place, &m.sources)?;
        let mut city_names = BTreeMap::new();
        for (locale, local) in m.city_names {
            let field = format!("city_names.{locale}");
            place.non_empty(&format!("{field}.name"), &local.name)?;
            if local.sources.is_empty() {
                return Err(place.err(&format!("{field}.sources"), "a name needs its source"));
            }
            refs.sources(&place, &local.sources)?;
            city_names.insert(
                locale,
                LocalName {
                    name: local.name,
                    sources: local.sources,
                },
            );
        }
        check_inference(&place, m.status_2017_inferred, &m.status_2017_basis)?;
        let heads = build_heads(&place, m.heads, refs)?;
        out.push(Mission {
            kind: parse_enum(
                &place,
                "kind",
                &m.kind,
                MissionKind::parse,
                MissionKind::expected(),
            )?,
            status_2017: parse_enum(
                &place,
                "status_2017",
                &m.status_2017,
                Status::parse,
                Status::expected(),
            )?,
            status_latest: parse_enum(
                &place,
                "status_latest",
                &m.status_latest,
                Status::parse,
                Status::expected(),
            )?,
            status_latest_as_of: place.opt_date("status_latest_as_of", &m.status_latest_as_of)?,
            opened: place.opt_date("opened", &m.opened)?,
            closed: place.opt_date("closed", &m.closed)?,
            status_2017_basis: m.status_2017_basis,
            id: m.id,
            country: m.country,
            city: m.city,
            city_names,
            heads,
            accredited_to: m.accredited_to,
            lat: m.lat,
            lon: m.lon,
            notes: m.notes,
            uncertain: m.uncertain,
            sources: m.sources,
        });
    }
    Ok(out)
}

/// An inferred status says from what, so that an answer can say it too; a
/// reason without an inference is a mistake in one of the two fields.
fn check_inference(place: &Place, inferred: bool, basis: &Option<String>) -> Result<(), DataError> {
    match (inferred, basis.as_deref().map(str::trim)) {
        (true, None | Some("")) => Err(place.err(
            "status_2017_basis",
            "an inferred Sept 2017 status needs the reason it is believed",
        )),
        (false, Some(_)) => Err(place.err(
            "status_2017_basis",
            "a reason is given but status_2017_inferred is false",
        )),
        _ => Ok(()),
    }
}

fn build_expulsions(file: &str, text: &str, refs: &Refs) -> Result<Vec<Expulsion>, DataError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (place, e) in records::<RawExpulsion>(file, text)? {
        check_unique_id(&mut seen, &place, &e.id)?;
        refs.country(&place, "country", &e.country)?;
        refs.sources(&place, &e.sources)?;
        out.push(Expulsion {
            date: place.date("date", &e.date)?,
            action: parse_enum(
                &place,
                "action",
                &e.action,
                Action::parse,
                Action::expected(),
            )?,
            id: e.id,
            country: e.country,
            person: e.person,
            role: e.role,
            by_dprk: e.by_dprk,
            trigger: e.trigger,
            notes: e.notes,
            uncertain: e.uncertain,
            sources: e.sources,
        });
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.country.cmp(&b.country)));
    Ok(out)
}

/// The states a relation can be in: in force, suspended, cut, not known,
/// or never established ("none").
const RELATION_STATUSES: &[&str] = &["active", "suspended", "severed", "unknown", "none"];

fn build_relations(file: &str, text: &str, refs: &Refs) -> Result<Vec<Relation>, DataError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut countries = HashSet::new();
    for (place, r) in records::<RawRelation>(file, text)? {
        check_unique_id(&mut seen, &place, &r.id)?;
        refs.country(&place, "country", &r.country)?;
        if !countries.insert(r.country.clone()) {
            return Err(place.err(
                "country",
                format!(
                    "a second relation with {}; one record per country",
                    r.country
                ),
            ));
        }
        if r.sources.is_empty() {
            return Err(place.err("sources", "a relation needs at least one source"));
        }
        refs.sources(&place, &r.sources)?;
        if !RELATION_STATUSES.contains(&r.status.as_str()) {
            return Err(place.err(
                "status",
                format!(
                    "unknown status {:?}; expected one of {}",
                    r.status,
                    RELATION_STATUSES.join(", ")
                ),
            ));
        }
        let dated = r.established.is_some() || r.established_text.is_some();
        match r.status.as_str() {
            "active" | "suspended" if !dated => {
                return Err(place.err(
                    "established",
                    "relations in force need the date they were established (or established_text)",
                ))
            }
            "none" if dated => {
                return Err(place.err(
                    "established",
                    "a record of no relations cannot have an establishment date",
                ))
            }
            _ => {}
        }
        let established = place.opt_date("established", &r.established)?;
        let as_of = place.opt_date("as_of", &r.as_of)?;
        if let (Some(from), Some(seen)) = (established, as_of) {
            if seen.end() < from.start() {
                return Err(place.err(
                    "as_of",
                    format!(
                        "the status is dated {} but relations began {}",
                        seen.iso(),
                        from.iso()
                    ),
                ));
            }
        }
        if let Some(city) = &r.covers_dprk_from {
            place.non_empty("covers_dprk_from", city)?;
        }
        out.push(Relation {
            established,
            as_of,
            covers_dprk_from: r.covers_dprk_from,
            established_text: r.established_text,
            id: r.id,
            country: r.country,
            status: r.status,
            notes: r.notes,
            uncertain: r.uncertain,
            sources: r.sources,
        });
    }
    Ok(out)
}

fn build_figures(file: &str, text: &str, refs: &Refs) -> Result<Vec<Figure>, DataError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (place, f) in records::<RawFigure>(file, text)? {
        check_unique_id(&mut seen, &place, &f.id)?;
        refs.sources(&place, &f.sources)?;
        let kind = match f.kind.as_deref() {
            Some(k) => Some(parse_enum(
                &place,
                "kind",
                k,
                MissionKind::parse,
                MissionKind::expected(),
            )?),
            None => None,
        };
        out.push(Figure {
            as_of: place.date("as_of", &f.as_of)?,
            compare_with_status_at: place
                .opt_date("compare_with_status_at", &f.compare_with_status_at)?,
            kind,
            id: f.id,
            label: f.label,
            value: f.value,
            sources: f.sources,
        });
    }
    Ok(out)
}
