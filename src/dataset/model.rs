//! The typed records the answers read. Every fact carries the ids of its sources.

use super::date::PartialDate;
use crate::i18n::Lang;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// A country or territory a user may name.
#[derive(Debug, Clone, Serialize)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    pub numeric: Option<String>,
    pub name: String,
    pub aliases: Vec<String>,
    pub korean: Vec<String>,
    /// The common name in other languages (French, German, Spanish,
    /// Japanese, Chinese, Russian...), from the country table.
    pub translations: Vec<String>,
    pub capital: Vec<String>,
    pub region: String,
    pub subregion: Option<String>,
    pub un_member: bool,
    /// A central point of the country (for missions recorded without coordinates).
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The identifier used in data files and command options.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The words a reader sees.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The label in a language, from its catalogue
            /// (`<enum>.<identifier>`, e.g. `status.open`).
            pub fn label_in(self, lang: Lang) -> &'static str {
                lang.text(&format!("{}.{}", Self::CATALOGUE_PREFIX, self.as_str()))
            }

            pub fn parse(text: &str) -> Option<Self> {
                let wanted = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                Self::ALL.iter().copied().find(|v| v.as_str() == wanted)
            }

            /// Every accepted identifier, for error messages.
            pub fn expected() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

string_enum!(
    /// What sort of post a mission is.
    MissionKind {
        Embassy => "embassy", "embassy";
        ConsulateGeneral => "consulate_general", "consulate-general";
        PermanentMission => "permanent_mission", "permanent mission";
        RepresentativeOffice => "representative_office", "representative office";
    }
);

string_enum!(
    /// Whether a mission was operating.
    Status {
        Open => "open", "open";
        Closed => "closed", "closed";
        Unknown => "unknown", "status unknown";
    }
);

string_enum!(
    /// What a host country did to DPRK diplomats.
    Action {
        Expelled => "expelled", "expelled";
        PersonaNonGrata => "persona_non_grata", "declared persona non grata";
        AskedToLeave => "asked_to_leave", "asked to leave";
        StaffReduced => "staff_reduced", "staff cut";
        RelationsSevered => "relations_severed", "relations severed";
        MissionClosed => "mission_closed", "mission closed";
    }
);

string_enum!(
    /// Where a country's diplomatic relations with the DPRK stand.
    RelationStatus {
        Active => "active", "active";
        Suspended => "suspended", "suspended";
        Severed => "severed", "severed";
        NoRelations => "none", "no diplomatic relations";
        Unknown => "unknown", "unclear";
    }
);

impl RelationStatus {
    const CATALOGUE_PREFIX: &'static str = "relation_status";

    /// Relations that existed and ended (by a break or a suspension).
    pub fn ended(self) -> bool {
        matches!(self, RelationStatus::Severed | RelationStatus::Suspended)
    }
}

/// Which relations a list asks for: those of one status, or every one
/// that ended (severed or suspended: "which countries cut ties").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusWanted {
    Is(RelationStatus),
    Ended,
}

impl StatusWanted {
    pub fn parse(text: &str) -> Option<Self> {
        if text.trim().eq_ignore_ascii_case("ended") {
            return Some(StatusWanted::Ended);
        }
        RelationStatus::parse(text).map(StatusWanted::Is)
    }

    /// The identifier used in command options.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusWanted::Is(s) => s.as_str(),
            StatusWanted::Ended => "ended",
        }
    }

    pub fn matches(self, status: RelationStatus) -> bool {
        match self {
            StatusWanted::Is(s) => s == status,
            StatusWanted::Ended => status.ended(),
        }
    }

    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            StatusWanted::Is(s) => s.label_in(lang),
            StatusWanted::Ended => lang.text("relation_status.ended"),
        }
    }

    /// Every accepted identifier, for error messages.
    pub fn expected() -> String {
        format!("{}, ended", RelationStatus::expected())
    }
}

impl MissionKind {
    const CATALOGUE_PREFIX: &'static str = "kind";
}

impl Status {
    const CATALOGUE_PREFIX: &'static str = "status";
}

impl Action {
    const CATALOGUE_PREFIX: &'static str = "action";

    /// True when the event sent an ambassador or diplomat away, as opposed to
    /// cutting staff numbers or ties.
    pub fn removes_people(self) -> bool {
        matches!(
            self,
            Action::Expelled | Action::PersonaNonGrata | Action::AskedToLeave
        )
    }
}

string_enum!(
    /// How a head of mission's term ended.
    TermEnd {
        Expelled => "expelled", "expelled";
        PersonaNonGrata => "persona_non_grata", "declared persona non grata";
        AskedToLeave => "asked_to_leave", "asked to leave";
        Recalled => "recalled", "recalled";
        Replaced => "replaced", "replaced";
        MissionClosed => "mission_closed", "in post until the mission closed";
        Died => "died", "died in post";
        Left => "left", "left the post";
        Moved => "moved", "named to another post";
    }
);

impl TermEnd {
    const CATALOGUE_PREFIX: &'static str = "term_end";

    /// The host country's measure that ended the term, if one did.
    pub fn measure(self) -> Option<Action> {
        match self {
            TermEnd::Expelled => Some(Action::Expelled),
            TermEnd::PersonaNonGrata => Some(Action::PersonaNonGrata),
            TermEnd::AskedToLeave => Some(Action::AskedToLeave),
            _ => None,
        }
    }
}

/// Whether two spellings name one person: "Kang Chol" and "Kang Chol
/// (also …)", "Han Su-chol" and "Han Su Chol".
pub fn same_person(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.split('(')
            .next()
            .unwrap_or(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (key(a), key(b));
    !a.is_empty() && a == b
}

/// One head of mission's term: who, as what, and what the sources date.
/// Most terms are known only from a report of the head in post
/// (`reported`) or from the measure that ended them (`to`), rarely from
/// their first day (`from`).
#[derive(Debug, Clone, Serialize)]
pub struct HeadTerm {
    pub name: String,
    /// "ambassador", "chargé d'affaires", "permanent representative"...
    pub title: String,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    /// A date a source reported them in post.
    pub reported: Option<PartialDate>,
    pub ended: Option<TermEnd>,
    /// Another mission (by id) the person headed at the same time.
    pub concurrent_with: Option<String>,
    pub sources: Vec<String>,
}

impl HeadTerm {
    /// The first date the sources place them in post: the start of the
    /// term, else the report, else the day it ended.
    pub fn known_from(&self) -> Option<PartialDate> {
        self.from.or(self.reported).or(self.to)
    }

    /// Every date the term carries (for the dataset's as-of date).
    pub fn dates(&self) -> impl Iterator<Item = PartialDate> {
        [self.from, self.to, self.reported].into_iter().flatten()
    }
}

/// A name in another language, with the source that spells it so.
#[derive(Debug, Clone, Serialize)]
pub struct LocalName {
    pub name: String,
    pub sources: Vec<String>,
}

/// One DPRK mission abroad.
#[derive(Debug, Clone, Serialize)]
pub struct Mission {
    pub id: String,
    pub country: String,
    pub city: String,
    /// The city's name in other languages, by locale ("ko" → "마드리드").
    pub city_names: BTreeMap<String, LocalName>,
    pub kind: MissionKind,
    pub status_2017: Status,
    /// Set when no source dates the Sept 2017 status and it is inferred: why
    /// it is believed ("on Seoul's list of Dec 2023, with no opening or
    /// closure found between 2017 and 2023"). The data file's
    /// `status_2017_inferred` flag must agree with it.
    pub status_2017_basis: Option<String>,
    pub status_latest: Status,
    pub status_latest_as_of: Option<PartialDate>,
    pub opened: Option<PartialDate>,
    pub closed: Option<PartialDate>,
    /// Heads of mission, oldest first.
    pub heads: Vec<HeadTerm>,
    pub accredited_to: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    pub notes: Option<String>,
    pub uncertain: Option<String>,
    pub sources: Vec<String>,
}

impl Mission {
    /// Whether the Sept 2017 status is inferred rather than dated by a source.
    pub fn status_2017_inferred(&self) -> bool {
        self.status_2017_basis.is_some()
    }

    /// The city's name in a language, or as the data spells it when no
    /// source gave one in that language.
    pub fn city_in(&self, lang: Lang) -> &str {
        self.city_names
            .get(lang.code())
            .map_or(self.city.as_str(), |n| n.name.as_str())
    }
}

impl Country {
    /// The country's name in a language: the country table's Korean name
    /// for Korean, the English name otherwise.
    pub fn name_in(&self, lang: Lang) -> &str {
        let local = match lang.code() {
            "ko" => self.korean.first(),
            _ => None,
        };
        local.map_or(self.name.as_str(), String::as_str)
    }

    /// The name as it reads inside a sentence: English puts "the" before
    /// names that take it ("in the Netherlands", "by the United States");
    /// Korean has no article.
    pub fn name_in_sentence(&self, lang: Lang) -> String {
        let name = self.name_in(lang);
        if lang.is_english() && takes_the(name) {
            format!("the {name}")
        } else {
            name.to_owned()
        }
    }
}

/// English country names said with "the": plural names, and names that
/// describe the state ("United …", "… Republic", "… Islands").
fn takes_the(name: &str) -> bool {
    const WITH_THE: [&str; 7] = [
        "Bahamas",
        "Comoros",
        "Gambia",
        "Maldives",
        "Netherlands",
        "Philippines",
        "Holy See",
    ];
    WITH_THE.contains(&name)
        || name.starts_with("United ")
        || name.starts_with("Republic of ")
        || name.ends_with(" Republic")
        || name.ends_with(" Islands")
        || name.ends_with(" Territory")
}

/// The date of the Sept 2017 snapshot that `status_2017` describes.
pub const SNAPSHOT_2017: PartialDate = PartialDate {
    year: 2017,
    month: Some(9),
    day: Some(30),
};

impl Mission {
    /// The mission's status on a given day, from the dated facts the record has.
    ///
    /// Closing and opening dates win; from the latest as-of date on, the
    /// latest status holds; before it, the Sept 2017 status is carried
    /// (changes in this data are dated by `closed`, so an undated change is
    /// only known from the latest as-of date).
    pub fn status_on(&self, day: PartialDate) -> Status {
        let day_end = day.end();
        if self.opened.is_some_and(|o| day_end < o.start()) {
            return Status::Closed;
        }
        // From the latest snapshot on, it decides, even over an older
        // closing date (Managua: closed in 1995, status unknown since a
        // 2023 agreement), so no view contradicts the latest one.
        if let Some(as_of) = self.status_latest_as_of {
            if day_end >= as_of.start() && self.closed.is_none_or(|c| as_of.start() >= c.start()) {
                return self.status_latest;
            }
        }
        if let Some(closed) = self.closed {
            if day_end >= closed.start() {
                return Status::Closed;
            }
            // Before its closing date the mission was open if it ever opened.
            return if self.status_2017 == Status::Open || self.opened.is_some() {
                Status::Open
            } else {
                Status::Unknown
            };
        }
        match self.status_latest_as_of {
            Some(as_of) if day_end >= as_of.start() => self.status_latest,
            _ => self.status_2017,
        }
    }
}

/// One host-country measure against DPRK diplomats.
#[derive(Debug, Clone, Serialize)]
pub struct Expulsion {
    pub id: String,
    pub country: String,
    pub date: PartialDate,
    pub person: Option<String>,
    pub role: Option<String>,
    pub action: Action,
    /// Taken by the DPRK against the host country (Malaysia, March 2021),
    /// not by the host: never counted as the host's measure.
    pub by_dprk: bool,
    pub trigger: Option<String>,
    pub notes: Option<String>,
    pub uncertain: Option<String>,
    pub sources: Vec<String>,
}

impl Expulsion {
    /// The measure in words, saying so when the DPRK took it.
    pub fn action_in(&self, lang: Lang) -> String {
        if self.by_dprk {
            lang.fill(
                "measure.by_dprk",
                &[("action", &self.action.label_in(lang))],
            )
        } else {
            self.action.label_in(lang).to_owned()
        }
    }
}

/// Diplomatic relations between the DPRK and one country (partial table).
#[derive(Debug, Clone, Serialize)]
pub struct Relation {
    pub id: String,
    pub country: String,
    pub established: Option<PartialDate>,
    /// When the sources give the date only loosely ("early 1970s").
    pub established_text: Option<String>,
    pub status: String,
    /// The status holds as of this date: that of the latest dated source the
    /// record rests on (a later change may not be in the data).
    pub as_of: Option<PartialDate>,
    /// The city of the mission from which the country covers the DPRK:
    /// "Pyongyang" for a resident embassy, else where its accredited
    /// ambassador sits ("Beijing", "Seoul").
    pub covers_dprk_from: Option<String>,
    pub notes: Option<String>,
    pub uncertain: Option<String>,
    pub sources: Vec<String>,
}

impl Relation {
    /// The status as a type (the loader has checked the text).
    pub fn status_kind(&self) -> RelationStatus {
        RelationStatus::parse(&self.status).unwrap_or(RelationStatus::Unknown)
    }
}

/// A publication that records cite by id.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub date: Option<PartialDate>,
    pub url: String,
}

/// A headline figure as a named body published it, to set beside the data's own count.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub id: String,
    pub label: String,
    pub value: u32,
    pub as_of: PartialDate,
    pub kind: Option<MissionKind>,
    pub compare_with_status_at: Option<PartialDate>,
    pub sources: Vec<String>,
}

/// A DPRK diplomat who left their post abroad and defected.
#[derive(Debug, Clone, Serialize)]
pub struct Defection {
    pub id: String,
    /// The name as the sources romanise it most often.
    pub person: String,
    /// Other romanisations the sources use ("Thae Yong-ho").
    pub also_known_as: Vec<String>,
    /// The name in Hangul, as a Korean source writes it.
    pub korean_name: Option<String>,
    /// The post they held: "acting ambassador", "chargé d'affaires", "counsellor".
    pub post: String,
    /// The mission they served in (an id in missions.json), when it is one.
    pub mission: Option<String>,
    /// Where they were posted.
    pub country: String,
    /// When they left their post.
    pub left: PartialDate,
    /// When it became public, if later.
    pub made_public: Option<PartialDate>,
    /// Where they went: "South Korea".
    pub destination: Option<String>,
    pub notes: Option<String>,
    pub uncertain: Option<String>,
    pub sources: Vec<String>,
}

impl Defection {
    /// Every spelling of the person's name the data knows.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.person.as_str())
            .chain(self.also_known_as.iter().map(String::as_str))
            .chain(self.korean_name.as_deref())
    }
}

/// A person's name as Korean press writes it (`data/names.json`), so that
/// Korean answers name people in Hangul and Korean questions find them.
#[derive(Debug, Clone, Serialize)]
pub struct KoreanName {
    /// The name as the data's records spell it: "Kang Chol".
    pub latin: String,
    /// As South Korean press writes it: "강철".
    pub korean: String,
    /// As the DPRK's own media write it (리, 로 where Seoul writes 이, 노),
    /// where a source quotes them.
    pub dprk_form: Option<String>,
    /// Other spellings seen in the sources.
    pub variants: Vec<String>,
    /// A city a relation names as where a country covers the DPRK from
    /// (Pyongyang, Seoul), not a person.
    pub place: bool,
    pub sources: Vec<String>,
}

impl KoreanName {
    /// Every Hangul spelling the data knows, the usual one first.
    pub fn hangul(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.korean.as_str())
            .chain(self.dprk_form.as_deref())
            .chain(self.variants.iter().map(String::as_str))
    }
}

/// The words of a source that support one fact of the data, in the
/// source's language, with an English gloss when that is not English.
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    /// The fact: `relation:<id>`, `mission:<id>`, `head:<mission id>:<name>`,
    /// `measure:<id>` or `defection:<id>`.
    pub fact: String,
    /// The source quoted (an id in sources.json the fact's record cites).
    pub source: String,
    pub lang: String,
    pub text: String,
    pub gloss: Option<String>,
}
