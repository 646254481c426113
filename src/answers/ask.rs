//! Plain-language questions: an intent parser that maps a question to the
//! same [`Query`] a slash command runs, and says what it understood.
//!
//! The parser finds entities (country, city, region, year or date, mission
//! kind, reason) and topic words (expel, embassy, closed, ambassador,
//! sources...) and picks the query that fits. It prefers saying "I could not
//! tell" to answering a different question confidently.

use super::missions::Region;
use crate::countries::KeyKind;
use crate::dataset::{Country, Dataset, MissionKind, PartialDate, Status};
use crate::query::Query;
use crate::reply::{Reply, Tone};
use crate::text::fold;
use once_cell::sync::Lazy;
use regex::Regex;

/// What a question was understood to ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// A query the answers can run.
    Run(Query),
    /// On topic, but not specific enough: what was understood, and the
    /// slash command to use instead.
    Unclear {
        understood: String,
        suggestion: &'static str,
    },
    /// Not about the DPRK's missions or diplomats.
    OffTopic,
}

/// Answers a question, saying which query it ran.
pub fn answer_question(data: &Dataset, question: &str) -> Reply {
    match parse_question(data, question) {
        Intent::Run(query) => {
            let mut reply = super::answer(data, &query);
            let note = format!("Answering as `{query}`");
            reply.description = if reply.description.is_empty() { note } else { format!("{note}\n{}", reply.description) };
            reply
        }
        Intent::Unclear { understood, suggestion } => Reply {
            tone: Tone::NotFound,
            ..Reply::new("I could not tell exactly what to look up")
        }
        .with_description(format!(
            "I understood: {understood}. Try {suggestion}, or /help for every command."
        )),
        Intent::OffTopic => Reply { tone: Tone::NotFound, ..Reply::new("That is outside what I know") }.with_description(
            "I answer questions about North Korea's diplomatic missions abroad: embassies, closures, \
             ambassadors and expulsions. Try /embassy, /expelled, /missions or /help.",
        ),
    }
}

/// Words that name North Korea itself, never a host country.
const DPRK_WORDS: &[&str] = &[
    "north korea",
    "north korean",
    "north koreans",
    "dprk",
    "pyongyang",
    "nk",
    "kim jong un",
    "n korea",
    "n korean",
    "democratic people s republic of korea",
    "북한",
    "북조선",
    "조선",
];

/// Korean topic words, mapped to the English word the parser reasons with.
const KOREAN_WORDS: &[(&str, &str)] = &[
    ("대사관", "embassy"),
    ("영사관", "consulate"),
    ("총영사관", "consulate"),
    ("대사", "ambassador"),
    ("외교관", "diplomat"),
    ("추방", "expelled"),
    ("폐쇄", "closed"),
];

/// Question words that must never be read as a country through typos.
const STOPWORDS: &[&str] = &[
    "about",
    "after",
    "again",
    "ambassador",
    "ambassadors",
    "before",
    "capital",
    "close",
    "closed",
    "closing",
    "consulate",
    "consulates",
    "countries",
    "country",
    "diplomat",
    "diplomats",
    "diplomatic",
    "does",
    "embassies",
    "embassy",
    "envoy",
    "expel",
    "expelled",
    "expelling",
    "expulsion",
    "expulsions",
    "happened",
    "kicked",
    "korea",
    "korean",
    "koreans",
    "list",
    "many",
    "mission",
    "missions",
    "north",
    "open",
    "opened",
    "relations",
    "severed",
    "south",
    "still",
    "there",
    "their",
    "these",
    "those",
    "today",
    "where",
    "which",
    "while",
    "whose",
    "would",
    "nuclear",
    "sixth",
    "smuggling",
    "reason",
    "reasons",
    "state",
    "states",
    "united",
    "nations",
    "world",
    "currently",
    "abroad",
    "represented",
    "representation",
    "office",
    "offices",
    "permanent",
    "general",
    "staff",
    "people",
    "shut",
    "shutdown",
    "closure",
    "closures",
    "persona",
    "grata",
    "declared",
    "ordered",
    "asked",
    "leave",
    "because",
    "weather",
    "africa",
    "europe",
    "asia",
    "americas",
    "oceania",
    "latin",
    "america",
    "middle",
    "east",
    "western",
    "eastern",
    "southern",
    "northern",
    "central",
    "first",
    "second",
    "third",
    "during",
    "since",
    "until",
    "years",
    "month",
    "months",
    "number",
    "count",
    "total",
    "show",
    "tell",
    "give",
    "know",
    "have",
    "having",
    "maintain",
    "keeps",
    "keep",
    "located",
    "location",
    "address",
    "city",
    "cities",
    "sources",
    "source",
    "data",
    "come",
    "comes",
    "from",
    "when",
    "what",
    "were",
    "with",
    "that",
    "this",
    "been",
    "being",
    "they",
    "them",
    "test",
    "tests",
    "un",
];

/// Two- and three-letter words that are also ISO codes.
const CODE_LOOKALIKES: &[&str] = &[
    "IN", "IS", "TO", "AT", "BE", "NO", "ME", "MY", "AM", "AS", "OR", "SO", "DO", "GO", "HE", "WE",
    "OF", "ON", "BY", "AN", "IT", "ID", "HI", "UN", "NK", "ARE", "CAN", "AND", "FOR", "THE", "HAS",
    "HAD", "WHO", "WHY", "HOW", "DID", "ITS", "NOW", "TOO", "PER",
];

static YEAR: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\b(19[4-9]\d|20\d\d)\b").expect("valid regex"));
static ISO_DATE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b").expect("valid regex"));
static DAY_MONTH_YEAR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b").expect("valid regex")
});
static MONTH_DAY_YEAR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?(\d{4})\b").expect("valid regex")
});

/// The entities and topic words found in a question.
#[derive(Debug, Default)]
struct Clues<'a> {
    words: Vec<String>,
    folded: String,
    country: Option<&'a Country>,
    /// Text after "in"/"to" that looked like a place but matched nothing.
    unknown_place: Option<String>,
    region: Option<String>,
    year: Option<i32>,
    date: Option<PartialDate>,
    kind: Option<MissionKind>,
    reason: Option<String>,
    mentions_dprk: bool,
    mentions_un: bool,
}

impl Clues<'_> {
    fn has(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
    }
    fn has_prefix(&self, prefix: &str) -> bool {
        self.words.iter().any(|w| w.starts_with(prefix))
    }
    fn has_phrase(&self, phrase: &str) -> bool {
        format!(" {} ", self.folded).contains(&format!(" {phrase} "))
    }
}

/// Understands a question without answering it.
pub fn parse_question(data: &Dataset, question: &str) -> Intent {
    let clues = gather(data, question);
    decide(&clues)
}

fn gather<'a>(data: &'a Dataset, question: &str) -> Clues<'a> {
    let folded = fold(question);
    let words: Vec<String> = folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            KOREAN_WORDS
                .iter()
                .find(|(k, _)| *k == w)
                .map_or(w, |(_, en)| en)
                .to_owned()
        })
        .collect();
    let mut clues = Clues {
        folded: folded.clone(),
        words,
        ..Clues::default()
    };
    clues.mentions_dprk = DPRK_WORDS.iter().any(|w| clues.has_phrase(w));
    clues.mentions_un =
        clues.has("un") || clues.has_phrase("united nations") || clues.has_phrase("u n");
    clues.kind = mission_kind(&clues);
    find_dates(question, &mut clues);
    find_places(data, question, &mut clues);
    clues.reason = find_reason(data, &clues);
    clues
}

fn mission_kind(c: &Clues) -> Option<MissionKind> {
    if c.has_prefix("consul") {
        Some(MissionKind::ConsulateGeneral)
    } else if c.has_phrase("permanent mission")
        || c.has_phrase("permanent missions")
        || (c.mentions_un && !c.has_prefix("embass"))
    {
        Some(MissionKind::PermanentMission)
    } else if c.has_phrase("representative office") || c.has("chongryon") {
        Some(MissionKind::RepresentativeOffice)
    } else if c.has_prefix("embass") {
        Some(MissionKind::Embassy)
    } else {
        None
    }
}

fn month_number(abbrev: &str) -> Option<u8> {
    const M: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    M.iter()
        .position(|m| abbrev.to_ascii_lowercase().starts_with(m))
        .map(|i| i as u8 + 1)
}

fn find_dates(question: &str, clues: &mut Clues) {
    let mut date = None;
    if let Some(c) = ISO_DATE.captures(question) {
        date = PartialDate::parse(c.get(0).map_or("", |m| m.as_str()));
    }
    if date.is_none() {
        if let Some(c) = DAY_MONTH_YEAR.captures(question) {
            date = build_date(&c[3], month_number(&c[2]), c.get(1).map(|m| m.as_str()));
        }
    }
    if date.is_none() {
        if let Some(c) = MONTH_DAY_YEAR.captures(question) {
            date = build_date(&c[3], month_number(&c[1]), c.get(2).map(|m| m.as_str()));
        }
    }
    clues.date = date;
    clues.year = date
        .map(|d| d.year)
        .or_else(|| YEAR.captures(question).and_then(|c| c[1].parse().ok()));
}

fn build_date(year: &str, month: Option<u8>, day: Option<&str>) -> Option<PartialDate> {
    let text = match (month, day) {
        (Some(m), Some(d)) => format!("{year}-{m:02}-{:02}", d.parse::<u8>().ok()?),
        (Some(m), None) => format!("{year}-{m:02}"),
        _ => year.to_owned(),
    };
    PartialDate::parse(&text)
}

/// Finds the host country (or a city that names one), a region, or an
/// unknown place name after "in"/"to".
fn find_places<'a>(data: &'a Dataset, question: &str, clues: &mut Clues<'a>) {
    let original: Vec<&str> = question
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let n = clues.words.len();
    let mut used = vec![false; n];
    // DPRK phrases are the subject, never the host.
    for phrase in DPRK_WORDS {
        mark_phrase(&clues.words, phrase, &mut used);
    }
    for len in (1..=6).rev() {
        for start in 0..n.saturating_sub(len - 1) {
            if used[start..start + len].iter().any(|&u| u) {
                continue;
            }
            let gram = clues.words[start..start + len].join(" ");
            if clues.region.is_none() && len <= 3 && is_region_phrase(&gram) {
                if let Some(r) = Region::find(data, &gram) {
                    clues.region = Some(r.label);
                    used[start..start + len].iter_mut().for_each(|u| *u = true);
                    continue;
                }
            }
            if clues.country.is_some() {
                continue;
            }
            if let Some((country, kind)) = data.resolve_exact(&gram) {
                if country.iso2 == "KP"
                    || (kind == KeyKind::Code && !code_was_typed_as_code(&gram, &original))
                {
                    continue;
                }
                clues.country = Some(country);
                used[start..start + len].iter_mut().for_each(|u| *u = true);
            }
        }
    }
    if clues.country.is_none() {
        clues.country = fuzzy_country(data, &clues.words, &used);
    }
    if clues.country.is_none() && clues.region.is_none() {
        clues.unknown_place = place_after_preposition(&clues.words, &used);
    }
}

fn mark_phrase(words: &[String], phrase: &str, used: &mut [bool]) {
    let parts: Vec<&str> = phrase.split(' ').collect();
    for start in 0..words.len() {
        if words.len() - start >= parts.len()
            && words[start..start + parts.len()]
                .iter()
                .zip(&parts)
                .all(|(w, p)| w == p)
        {
            used[start..start + parts.len()]
                .iter_mut()
                .for_each(|u| *u = true);
        }
    }
}

fn is_region_phrase(gram: &str) -> bool {
    const HEADS: &[&str] = &[
        "africa",
        "europe",
        "asia",
        "americas",
        "america",
        "oceania",
        "east",
        "pacific",
        "balkans",
        "scandinavia",
        "caribbean",
        "countries",
    ];
    HEADS.iter().any(|h| gram.ends_with(h))
        && !gram.starts_with("south africa")
        && gram != "central african republic"
}

/// A bare ISO code counts only when typed in capitals and not an English word.
fn code_was_typed_as_code(gram: &str, original: &[&str]) -> bool {
    original.iter().any(|w| {
        w.eq_ignore_ascii_case(gram)
            && w.chars().all(|c| c.is_ascii_uppercase())
            && !CODE_LOOKALIKES.contains(w)
    })
}

/// A typo of a country or city: single words of five letters or more (and
/// pairs of words) that are not question vocabulary, within the resolver's
/// typo allowance, with a single best country.
fn fuzzy_country<'a>(data: &'a Dataset, words: &[String], used: &[bool]) -> Option<&'a Country> {
    let mut found: Option<&Country> = None;
    for len in [2usize, 1] {
        for start in 0..words.len().saturating_sub(len - 1) {
            if used[start..start + len].iter().any(|&u| u) {
                continue;
            }
            let slice = &words[start..start + len];
            if slice
                .iter()
                .any(|w| STOPWORDS.contains(&w.as_str()) || w.chars().any(|c| c.is_ascii_digit()))
            {
                continue;
            }
            let gram = slice.join(" ");
            if gram.chars().count() < 5 {
                continue;
            }
            if let Some(c) = data.resolve(&gram).country() {
                if c.iso2 == "KP" {
                    continue;
                }
                match found {
                    Some(f) if f.iso2 != c.iso2 => return None, // two different places: do not guess
                    _ => found = Some(c),
                }
            }
        }
        if found.is_some() {
            break;
        }
    }
    found
}

/// "... embassy in Atlantis?" → "Atlantis": a place the data does not know,
/// to be echoed back rather than replaced by a guess.
fn place_after_preposition(words: &[String], used: &[bool]) -> Option<String> {
    let at = words.iter().rposition(|w| w == "in" || w == "to")?;
    let rest: Vec<&str> = words[at + 1..]
        .iter()
        .enumerate()
        .take_while(|(i, w)| {
            !used[at + 1 + i]
                && !STOPWORDS.contains(&w.as_str())
                && !w.chars().all(|c| c.is_ascii_digit())
        })
        .map(|(_, w)| w.as_str())
        .filter(|w| !matches!(*w, "the" | "a" | "an"))
        .collect();
    if rest.is_empty() || rest.len() > 4 {
        return None;
    }
    Some(
        rest.iter()
            .map(|w| crate::text::capitalize(w))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Words of the question that appear in the data's recorded triggers
/// ("smuggling", "sixth nuclear test", "rhino"): the reason asked about.
fn find_reason(data: &Dataset, clues: &Clues) -> Option<String> {
    const NOT_REASONS: &[&str] = &[
        "north",
        "korea",
        "korean",
        "dprk",
        "the",
        "and",
        "after",
        "over",
        "ambassador",
        "diplomat",
        "diplomats",
        "expelled",
        "countries",
        "which",
        "of",
        "for",
        "by",
        "un",
    ];
    let triggers = &data.folded_triggers;
    let words: Vec<&str> = clues
        .words
        .iter()
        .map(String::as_str)
        .filter(|w| {
            w.len() >= 4 && !NOT_REASONS.contains(w) && !w.chars().any(|c| c.is_ascii_digit())
        })
        .filter(|w| clues.country.is_none_or(|c| fold(&c.name) != *w))
        .filter(|w| {
            let stem: String = w.chars().take(6).collect();
            triggers
                .iter()
                .any(|t| t.split(' ').any(|tw| tw.starts_with(stem.as_str())))
        })
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

fn is_expulsion_question(c: &Clues) -> bool {
    c.has_prefix("expel")
        || c.has_prefix("expuls")
        || c.has("kicked")
        || c.has_phrase("kick out")
        || c.has_phrase("persona non grata")
        || c.has("png")
        || c.has_phrase("asked to leave")
        || c.has_phrase("ordered out")
        || c.has_phrase("threw out")
}

fn is_relations_question(c: &Clues) -> bool {
    c.has_prefix("sever")
        || c.has("relations")
        || c.has("ties")
        || c.has_phrase("what happened")
        || c.has_phrase("cut ties")
}

fn is_closure_question(c: &Clues) -> bool {
    c.has("close")
        || c.has("closed")
        || c.has("closing")
        || c.has_prefix("closure")
        || c.has("shut")
        || c.has_prefix("shutter")
}

fn is_listing_question(c: &Clues) -> bool {
    c.has("list")
        || c.has("which")
        || c.has_phrase("how many")
        || c.has("where")
        || c.has("all")
        || c.has("count")
        || c.has("number")
        || c.has("show")
        || c.has("what")
        || c.has("are")
}

fn is_sources_question(c: &Clues) -> bool {
    c.has_phrase("come from")
        || c.has_phrase("comes from")
        || c.has("source")
        || c.has("sources")
        || c.has_phrase("where does this data")
        || c.has("cite")
        || c.has("references")
        || c.has_phrase("your data")
}

fn is_on_topic(c: &Clues) -> bool {
    c.has_prefix("embass")
        || c.has_prefix("consul")
        || c.has_prefix("mission")
        || c.has_prefix("diplomat")
        || c.has_prefix("ambassador")
        || c.has("envoy")
        || is_expulsion_question(c)
        || c.has("relations")
        || c.has_prefix("sever")
}

fn decide(c: &Clues) -> Intent {
    if c.has("help") || c.has_phrase("what can you do") || c.has_phrase("which commands") {
        return Intent::Run(Query::Help);
    }
    if is_sources_question(c) && !is_expulsion_question(c) && c.country.is_none() {
        return Intent::Run(Query::Sources);
    }
    let on_topic = is_on_topic(c);
    if !on_topic
        && !(c.mentions_dprk
            && (c.country.is_some() || is_relations_question(c) || is_closure_question(c)))
    {
        return Intent::OffTopic;
    }
    if is_expulsion_question(c) {
        return Intent::Run(Query::Expelled {
            country: c.country.map(|x| x.name.clone()),
            year: c.year,
            reason: if c.country.is_some() {
                None
            } else {
                c.reason.clone()
            },
            action: None,
        });
    }
    if let Some(country) = c.country {
        if is_relations_question(c) && c.year.is_some() && !c.has_prefix("embass") {
            return Intent::Run(Query::Expelled {
                country: Some(country.name.clone()),
                year: c.year,
                reason: None,
                action: None,
            });
        }
        return Intent::Run(Query::Embassy {
            country: country.name.clone(),
        });
    }
    if let Some(place) = &c.unknown_place {
        if c.kind.is_some() || c.has_prefix("ambassador") {
            return Intent::Run(Query::Embassy {
                country: place.clone(),
            });
        }
    }
    if c.has_prefix("sever") {
        return Intent::Run(Query::Expelled {
            country: None,
            year: c.year,
            reason: None,
            action: Some(crate::dataset::Action::RelationsSevered),
        });
    }
    if is_closure_question(c) {
        return Intent::Run(Query::Missions {
            region: c.region.clone(),
            kind: c.kind,
            status: if c.year.is_some() {
                None
            } else {
                Some(Status::Closed)
            },
            as_of: None,
            closed_in: c.year,
        });
    }
    if c.region.is_some()
        || c.kind.is_some()
        || is_listing_question(c)
        || c.has_prefix("ambassador")
    {
        let counting = c.has_phrase("how many") || c.has("count") || c.has("number");
        let as_of = if c.has("today") || c.has("now") || c.has("currently") {
            None
        } else {
            c.date.or(c.year.map(PartialDate::year))
        };
        let status = if c.has("open") || c.has("still") || (counting && as_of.is_some()) {
            Some(Status::Open)
        } else {
            None
        };
        if c.kind.is_none()
            && c.region.is_none()
            && !counting
            && !c.has_prefix("mission")
            && !c.has_prefix("embass")
        {
            return Intent::Unclear {
                understood: "a question about the DPRK's diplomats, without a country".into(),
                suggestion: "/embassy country:<name> or /expelled",
            };
        }
        return Intent::Run(Query::Missions {
            region: c.region.clone(),
            kind: c.kind,
            status,
            as_of,
            closed_in: None,
        });
    }
    Intent::Unclear {
        understood: "a question about North Korea, but not which mission or country".into(),
        suggestion: "/embassy country:<name>, /expelled or /missions",
    }
}
