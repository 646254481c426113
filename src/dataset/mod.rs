//! The in-memory dataset: serde model, loading, validation and indexes.
//!
//! Data files are JSON arrays in `data/`, embedded in the binary at build time.
//! Loading checks every record and stops at the first problem with an error
//! that names the file, the record (index and id), the field and what was
//! expected, so a bad edit to `data/` never reaches users.

pub mod facts;
pub mod index;
mod model;
mod raw;
pub mod resolver;

pub use crate::date::{self, DateRange, PartialDate};
pub use model::*;

use resolver::{KeyKind, Resolution, Resolver};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The data files, by name, as text.
pub struct DataFiles {
    pub countries: String,
    pub missions: String,
    pub expulsions: String,
    pub relations: String,
    pub sources: String,
    pub figures: String,
    pub defections: String,
    pub quotes: String,
    pub names: String,
}

pub const FILE_NAMES: [&str; 9] = [
    "countries.json",
    "missions.json",
    "expulsions.json",
    "relations.json",
    "sources.json",
    "figures.json",
    "defections.json",
    "quotes.json",
    "names.json",
];

impl DataFiles {
    /// The copy of `data/` compiled into the binary.
    pub fn embedded() -> Self {
        Self {
            countries: include_str!("../../data/countries.json").to_owned(),
            missions: include_str!("../../data/missions.json").to_owned(),
            expulsions: include_str!("../../data/expulsions.json").to_owned(),
            relations: include_str!("../../data/relations.json").to_owned(),
            sources: include_str!("../../data/sources.json").to_owned(),
            figures: include_str!("../../data/figures.json").to_owned(),
            defections: include_str!("../../data/defections.json").to_owned(),
            quotes: include_str!("../../data/quotes.json").to_owned(),
            names: include_str!("../../data/names.json").to_owned(),
        }
    }

    /// Reads the data files from a directory.
    pub fn read_dir(dir: &Path) -> Result<Self, DataError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|e| DataError {
                file: path.display().to_string(),
                record: None,
                field: None,
                problem: format!("cannot read the file: {e}"),
            })
        };
        Ok(Self {
            countries: read(FILE_NAMES[0])?,
            missions: read(FILE_NAMES[1])?,
            expulsions: read(FILE_NAMES[2])?,
            relations: read(FILE_NAMES[3])?,
            sources: read(FILE_NAMES[4])?,
            figures: read(FILE_NAMES[5])?,
            defections: read(FILE_NAMES[6])?,
            quotes: read(FILE_NAMES[7])?,
            names: read(FILE_NAMES[8])?,
        })
    }
}

/// A problem in the data, located precisely enough to fix by hand.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}{}: {problem}", record.as_ref().map(|r| format!(": {r}")).unwrap_or_default(), field.as_ref().map(|f| format!(": field `{f}`")).unwrap_or_default())]
pub struct DataError {
    pub file: String,
    /// "record 3 (id \"es-madrid\")"
    pub record: Option<String>,
    pub field: Option<String>,
    pub problem: String,
}

/// The checked records of every file, before indexing.
pub(crate) struct Records {
    pub countries: Vec<Country>,
    pub missions: Vec<Mission>,
    pub expulsions: Vec<Expulsion>,
    pub relations: Vec<Relation>,
    pub sources: Vec<Source>,
    pub figures: Vec<Figure>,
    pub defections: Vec<Defection>,
    pub quotes: Vec<Quote>,
    pub names: Vec<KoreanName>,
}

/// Everything the answers read, validated and indexed.
#[derive(Debug)]
pub struct Dataset {
    pub countries: Vec<Country>,
    pub missions: Vec<Mission>,
    pub expulsions: Vec<Expulsion>,
    pub relations: Vec<Relation>,
    pub sources: Vec<Source>,
    pub figures: Vec<Figure>,
    /// Diplomats who left their posts and defected, by the day they left.
    pub defections: Vec<Defection>,
    /// The sources' own words for the facts, by fact key.
    pub quotes: Vec<Quote>,
    /// People's names as Korean press writes them.
    pub names: Vec<KoreanName>,
    country_by_iso2: HashMap<String, usize>,
    source_by_id: HashMap<String, usize>,
    resolver: Resolver,
    /// Every region and sub-region of the country table, with whether it is
    /// a top-level region, sorted.
    pub region_names: Vec<(String, bool)>,
    /// The expulsions' triggers, folded (for matching reasons in questions).
    pub folded_triggers: Vec<String>,
    /// The newest dated fact in the data: what "as of" means for the whole set.
    pub as_of: PartialDate,
    /// The full-text index, built the first time a question needs it.
    search_index: once_cell::sync::OnceCell<index::Index>,
}

impl Dataset {
    /// Loads the embedded copy, or the directory in `MISSIONBOT_DATA_DIR` when set.
    pub fn load_default() -> Result<Self, DataError> {
        match std::env::var_os("MISSIONBOT_DATA_DIR") {
            Some(dir) if !dir.is_empty() => Self::load_dir(Path::new(&dir)),
            _ => Self::from_files(&DataFiles::embedded(), "data/"),
        }
    }

    pub fn load_dir(dir: &Path) -> Result<Self, DataError> {
        let prefix = format!("{}/", dir.display().to_string().trim_end_matches('/'));
        Self::from_files(&DataFiles::read_dir(dir)?, &prefix)
    }

    /// Parses and validates the files; `prefix` is prepended to file names in errors.
    pub fn from_files(files: &DataFiles, prefix: &str) -> Result<Self, DataError> {
        raw::build(files, prefix)
    }

    pub(crate) fn assemble(records: Records) -> Self {
        let Records {
            countries,
            missions,
            expulsions,
            relations,
            sources,
            figures,
            defections,
            quotes,
            names,
        } = records;
        let country_by_iso2 = index_by(&countries, |c| c.iso2.clone());
        let source_by_id = index_by(&sources, |s| s.id.clone());
        let resolver = Resolver::new(&countries, &missions);
        let mut region_names: Vec<(String, bool)> = countries
            .iter()
            .flat_map(|c| {
                std::iter::once((c.region.clone(), true))
                    .chain(c.subregion.clone().map(|s| (s, false)))
            })
            .collect();
        region_names.sort();
        region_names.dedup();
        let folded_triggers = expulsions
            .iter()
            .filter_map(|e| e.trigger.as_deref())
            .map(crate::text::fold)
            .collect();
        let as_of = missions
            .iter()
            .filter_map(|m| m.status_latest_as_of)
            .chain(
                missions
                    .iter()
                    .flat_map(|m| m.heads.iter().flat_map(|h| h.dates())),
            )
            .chain(expulsions.iter().map(|e| e.date))
            .chain(relations.iter().filter_map(|r| r.as_of))
            .chain(
                defections
                    .iter()
                    .flat_map(|d| [Some(d.left), d.made_public])
                    .flatten(),
            )
            .max()
            .unwrap_or(model::SNAPSHOT_2017);
        Self {
            countries,
            missions,
            expulsions,
            relations,
            sources,
            figures,
            defections,
            quotes,
            names,
            country_by_iso2,
            source_by_id,
            resolver,
            region_names,
            folded_triggers,
            as_of,
            search_index: once_cell::sync::OnceCell::new(),
        }
    }

    /// The full-text index over every record (see [`index`]).
    pub fn search_index(&self) -> &index::Index {
        self.search_index.get_or_init(|| index::Index::build(self))
    }

    /// A copy of this dataset with records added or replaced (a guild's
    /// news records); missions with the id of an existing one replace it.
    pub fn with_changes(
        &self,
        missions: Vec<Mission>,
        expulsions: Vec<Expulsion>,
        sources: Vec<Source>,
    ) -> Dataset {
        let mut all_missions = self.missions.clone();
        for m in missions {
            match all_missions.iter_mut().find(|x| x.id == m.id) {
                Some(existing) => *existing = m,
                None => all_missions.push(m),
            }
        }
        let mut all_expulsions = self.expulsions.clone();
        all_expulsions.extend(expulsions);
        all_expulsions.sort_by(|a, b| a.date.cmp(&b.date).then(a.country.cmp(&b.country)));
        let mut all_sources = self.sources.clone();
        all_sources.extend(sources);
        Dataset::assemble(Records {
            countries: self.countries.clone(),
            missions: all_missions,
            expulsions: all_expulsions,
            relations: self.relations.clone(),
            sources: all_sources,
            figures: self.figures.clone(),
            defections: self.defections.clone(),
            quotes: self.quotes.clone(),
            names: self.names.clone(),
        })
    }

    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.country_by_iso2.get(iso2).map(|&i| &self.countries[i])
    }

    /// The country's English name, or the code itself if the table lacks it.
    pub fn country_name<'a>(&'a self, iso2: &'a str) -> &'a str {
        self.country(iso2).map_or(iso2, |c| c.name.as_str())
    }

    /// The country's name in a language, or the code itself if the table lacks it.
    pub fn country_name_in<'a>(&'a self, iso2: &'a str, lang: crate::i18n::Lang) -> &'a str {
        self.country(iso2).map_or(iso2, |c| c.name_in(lang))
    }

    /// The country's name inside a sentence ("the Netherlands"), or the
    /// code itself if the table lacks it.
    pub fn country_name_in_sentence(&self, iso2: &str, lang: crate::i18n::Lang) -> String {
        self.country(iso2)
            .map_or_else(|| iso2.to_owned(), |c| c.name_in_sentence(lang))
    }

    /// Resolves a user's spelling of a country (see [`resolver`]).
    pub fn resolve(&self, input: &str) -> Resolution<'_> {
        self.resolver.resolve(&self.countries, input)
    }

    /// How many times [`Dataset::resolve`] has run (for the test that holds
    /// a request to one resolution).
    pub fn resolver_calls(&self) -> usize {
        self.resolver.calls()
    }

    /// A spelling that names a country exactly (no typo allowance).
    pub fn resolve_exact(&self, input: &str) -> Option<(&Country, KeyKind)> {
        self.resolver.exact(&self.countries, input)
    }

    /// Ranked countries for a partly typed name (autocomplete).
    pub fn suggest_countries(&self, typed: &str, limit: usize) -> Vec<&Country> {
        match self.resolver.suggest(&self.countries, typed, limit) {
            Some(found) => found,
            None => self.host_countries().into_iter().take(limit).collect(),
        }
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_by_id.get(id).map(|&i| &self.sources[i])
    }

    pub fn missions_in<'a>(&'a self, iso2: &'a str) -> impl Iterator<Item = &'a Mission> + 'a {
        self.missions.iter().filter(move |m| m.country == iso2)
    }

    /// Missions that cover a country from elsewhere (non-resident accreditation).
    pub fn missions_accredited_to<'a>(
        &'a self,
        iso2: &'a str,
    ) -> impl Iterator<Item = &'a Mission> + 'a {
        self.missions
            .iter()
            .filter(move |m| m.accredited_to.iter().any(|c| c == iso2))
    }

    pub fn expulsions_by<'a>(&'a self, iso2: &'a str) -> impl Iterator<Item = &'a Expulsion> + 'a {
        self.expulsions.iter().filter(move |e| e.country == iso2)
    }

    pub fn relation_with(&self, iso2: &str) -> Option<&Relation> {
        self.relations.iter().find(|r| r.country == iso2)
    }

    /// Countries that host at least one mission, sorted by name.
    pub fn host_countries(&self) -> Vec<&Country> {
        let mut hosts: Vec<&Country> = self
            .missions
            .iter()
            .filter_map(|m| self.country(&m.country))
            .collect();
        hosts.sort_by(|a, b| a.name.cmp(&b.name));
        hosts.dedup_by(|a, b| a.iso2 == b.iso2);
        hosts
    }

    /// The facts that carry no source quote yet, by key.
    pub fn facts_without_quote(&self) -> Vec<String> {
        let quoted: std::collections::HashSet<&str> =
            self.quotes.iter().map(|q| q.fact.as_str()).collect();
        facts::fact_keys(
            &self.missions,
            &self.expulsions,
            &self.relations,
            &self.defections,
            &self.names,
        )
        .into_iter()
        .map(|(key, _)| key)
        .filter(|key| !quoted.contains(key.as_str()))
        .collect()
    }

    /// A city as a reader of `lang` knows it: the name a source gave for a
    /// mission's city in that language, else as the records spell it.
    pub fn city_name_in<'a>(&'a self, city: &'a str, lang: crate::i18n::Lang) -> &'a str {
        if let Some(m) = self.missions.iter().find(|m| m.city == city) {
            return m.city_in(lang);
        }
        match lang.code() {
            "ko" => self
                .names
                .iter()
                .find(|n| n.place && n.latin == city)
                .map_or(city, |n| n.korean.as_str()),
            _ => city,
        }
    }

    /// A person's Korean name, by the name the records spell.
    pub fn korean_name(&self, latin: &str) -> Option<&KoreanName> {
        self.names.iter().find(|n| !n.place && n.latin == latin)
    }

    /// A name, or a phrase naming people ("Pak Myong Chol and Ji Hyok"),
    /// as a reader of `lang` knows them: in Korean, every person the data
    /// has a Korean name for is written in Hangul with the record's
    /// spelling after it, "강철 (Kang Chol)", so the person can be searched
    /// in English too; other languages, and names no Korean source gave,
    /// stay as the records spell them.
    pub fn people_in(&self, text: &str, lang: crate::i18n::Lang) -> String {
        if lang.code() != "ko" {
            return text.to_owned();
        }
        // Heads and measures' people (names.json), and defectors, whose
        // records carry their Korean name.
        let mut known: Vec<(&str, &str)> = self
            .names
            .iter()
            .filter(|n| !n.place)
            .map(|n| (n.latin.as_str(), n.korean.as_str()))
            .chain(
                self.defections
                    .iter()
                    .filter_map(|d| Some((d.person.as_str(), d.korean_name.as_deref()?))),
            )
            .filter(|(latin, _)| text.contains(latin))
            .collect();
        // Longer names first, so "Kim Song Il" is never read as "Kim Song".
        known.sort_by_key(|(latin, _)| std::cmp::Reverse(latin.len()));
        let mut out = String::with_capacity(text.len() * 2);
        let mut rest = text;
        let mut after_word = false;
        while let Some(c) = rest.chars().next() {
            let whole = |(latin, _): &&(&str, &str)| {
                rest.starts_with(latin)
                    && !after_word
                    && !rest[latin.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            };
            if let Some((latin, korean)) = known.iter().find(whole) {
                out.push_str(&format!("{korean} ({latin})"));
                rest = &rest[latin.len()..];
                after_word = true;
            } else {
                out.push(c);
                rest = &rest[c.len_utf8()..];
                after_word = c.is_alphanumeric();
            }
        }
        out
    }

    /// How many people the records name one by one, and how many of them
    /// have a Korean name. A phrase naming several ("Pak Myong Chol and Ji
    /// Hyok") counts each; a group ("DPRK diplomats") is not a person.
    fn people_in_korean(&self) -> (usize, usize) {
        let people = facts::people_named(&self.missions, &self.expulsions, &self.defections);
        let mut named: Vec<String> = people
            .iter()
            .flat_map(|p| p.split(" and "))
            .map(|p| p.split(" (").next().unwrap_or(p).trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        named.sort();
        named.dedup();
        let in_korean = named
            .iter()
            .filter(|p| {
                self.korean_name(p).is_some()
                    || self
                        .defections
                        .iter()
                        .any(|d| &d.person == *p && d.korean_name.is_some())
            })
            .count();
        (named.len(), in_korean)
    }

    /// The quotes that support one fact.
    pub fn quotes_for<'a>(&'a self, fact: &'a str) -> impl Iterator<Item = &'a Quote> + 'a {
        self.quotes.iter().filter(move |q| q.fact == fact)
    }

    /// Counts for `check-data`: missions by kind and by latest status, and totals.
    pub fn summary(&self) -> DataSummary {
        let mut by_kind = BTreeMap::new();
        let mut by_status_latest = BTreeMap::new();
        let mut by_status_2017 = BTreeMap::new();
        for m in &self.missions {
            *by_kind.entry(m.kind.as_str()).or_insert(0) += 1;
            *by_status_latest
                .entry(m.status_latest.as_str())
                .or_insert(0) += 1;
            *by_status_2017.entry(m.status_2017.as_str()).or_insert(0) += 1;
        }
        let mut relations_by_status = BTreeMap::new();
        for r in &self.relations {
            *relations_by_status.entry(r.status.clone()).or_insert(0) += 1;
        }
        // The DPRK's own seat is not a relation.
        let un_members: Vec<&Country> = self
            .countries
            .iter()
            .filter(|c| c.un_member && c.iso2 != "KP")
            .collect();
        let facts = facts::fact_keys(
            &self.missions,
            &self.expulsions,
            &self.relations,
            &self.defections,
            &self.names,
        );
        let (facts_quoted, facts_total) = facts::quote_coverage(&facts, &self.quotes);
        let (people_named, people_in_korean) = self.people_in_korean();
        let open: Vec<&Mission> = self
            .missions
            .iter()
            .filter(|m| m.status_latest == Status::Open)
            .collect();
        DataSummary {
            facts_quoted,
            facts_total,
            quotes: self.quotes.len(),
            defections: self.defections.len(),
            relations_single_source: self
                .relations
                .iter()
                .filter(|r| r.sources.len() == 1)
                .count(),
            relations_covering_named: self
                .relations
                .iter()
                .filter(|r| r.covers_dprk_from.is_some())
                .count(),
            open_missions: open.len(),
            open_missions_with_head: open.iter().filter(|m| !m.heads.is_empty()).count(),
            cities_in_korean: self
                .missions
                .iter()
                .filter(|m| m.city_names.contains_key("ko"))
                .count(),
            people_named,
            people_in_korean,
            relations_by_status,
            un_members: un_members.len(),
            un_members_with_relation_record: un_members
                .iter()
                .filter(|c| self.relation_with(&c.iso2).is_some())
                .count(),
            heads_of_mission: self.missions.iter().map(|m| m.heads.len()).sum(),
            countries: self.countries.len(),
            missions: self.missions.len(),
            by_kind,
            by_status_2017,
            by_status_latest,
            expulsions: self.expulsions.len(),
            relations: self.relations.len(),
            sources: self.sources.len(),
            figures: self.figures.len(),
            embassies_open_sept_2017: self
                .missions
                .iter()
                .filter(|m| {
                    m.kind == MissionKind::Embassy
                        && m.status_on(model::SNAPSHOT_2017) == Status::Open
                })
                .count(),
            as_of: self.as_of,
        }
    }
}

fn index_by<T>(items: &[T], key: impl Fn(&T) -> String) -> HashMap<String, usize> {
    items.iter().enumerate().map(|(i, t)| (key(t), i)).collect()
}

#[derive(Debug, Serialize)]
pub struct DataSummary {
    /// Facts (relations, missions, head-of-mission terms, measures,
    /// defections) with at least one source quote, of all of them.
    pub facts_quoted: usize,
    pub facts_total: usize,
    pub quotes: usize,
    pub defections: usize,
    /// Relation records resting on one source.
    pub relations_single_source: usize,
    /// Relation records naming where the country covers the DPRK from.
    pub relations_covering_named: usize,
    pub open_missions: usize,
    pub open_missions_with_head: usize,
    /// Mission cities with a Korean name from a Korean source, of all.
    pub cities_in_korean: usize,
    /// People the records name (heads, measures' targets, defectors), and
    /// those of them with a Korean name; the rest stay in Latin letters.
    pub people_named: usize,
    pub people_in_korean: usize,
    pub countries: usize,
    pub missions: usize,
    pub by_kind: BTreeMap<&'static str, usize>,
    pub by_status_2017: BTreeMap<&'static str, usize>,
    pub by_status_latest: BTreeMap<&'static str, usize>,
    pub expulsions: usize,
    pub relations: usize,
    /// Relation records by status (active, severed, none...).
    pub relations_by_status: BTreeMap<String, usize>,
    pub un_members: usize,
    /// UN members (the DPRK aside) with a relation record (relations, or an explicit "none").
    pub un_members_with_relation_record: usize,
    /// Heads of mission's terms the data records.
    pub heads_of_mission: usize,
    pub sources: usize,
    pub figures: usize,
    pub embassies_open_sept_2017: usize,
    pub as_of: PartialDate,
}

use serde::Serialize;

impl std::fmt::Display for DataSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |m: &BTreeMap<&str, usize>| {
            m.iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let list_owned = |m: &BTreeMap<String, usize>| {
            m.iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(f, "data is valid (as of {})", self.as_of.iso())?;
        writeln!(f, "countries:   {}", self.countries)?;
        writeln!(f, "missions:    {}", self.missions)?;
        writeln!(f, "  by kind:          {}", list(&self.by_kind))?;
        writeln!(f, "  in Sept 2017:     {}", list(&self.by_status_2017))?;
        writeln!(f, "  latest status:    {}", list(&self.by_status_latest))?;
        writeln!(
            f,
            "  embassies open in Sept 2017: {}",
            self.embassies_open_sept_2017
        )?;
        writeln!(f, "  heads of mission (terms): {}", self.heads_of_mission)?;
        writeln!(f, "expulsions:  {}", self.expulsions)?;
        writeln!(f, "relations:   {}", self.relations)?;
        writeln!(
            f,
            "  by status:        {}",
            list_owned(&self.relations_by_status)
        )?;
        writeln!(
            f,
            "  UN members with a record: {} of {}",
            self.un_members_with_relation_record, self.un_members
        )?;
        writeln!(
            f,
            "  resting on one source: {}",
            self.relations_single_source
        )?;
        writeln!(
            f,
            "  naming where the country covers the DPRK from: {}",
            self.relations_covering_named
        )?;
        writeln!(
            f,
            "open missions with a head of mission recorded: {} of {}",
            self.open_missions_with_head, self.open_missions
        )?;
        writeln!(f, "defections:  {}", self.defections)?;
        writeln!(
            f,
            "in Korean: {} of {} mission cities, {} of {} people ({} in Latin letters only)",
            self.cities_in_korean,
            self.missions,
            self.people_in_korean,
            self.people_named,
            self.people_named - self.people_in_korean
        )?;
        writeln!(f, "sources:     {}", self.sources)?;
        writeln!(f, "figures:     {}", self.figures)?;
        writeln!(f, "quotes:      {}", self.quotes)?;
        write!(
            f,
            "facts with a source quote: {} of {}",
            self.facts_quoted, self.facts_total
        )
    }
}

/// The embedded dataset, parsed once on first use.
pub fn embedded() -> &'static Dataset {
    static DATA: once_cell::sync::Lazy<Dataset> = once_cell::sync::Lazy::new(|| {
        Dataset::from_files(&DataFiles::embedded(), "data/")
            .unwrap_or_else(|e| panic!("the embedded data is invalid (a build-time bug): {e}"))
    });
    &DATA
}
