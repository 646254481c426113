//! What a reply says besides its answer: how a part of the question was
//! read, the clues the chosen query could not apply ("Not applied: …") and
//! the words that changed nothing. Kept apart so the parser's understanding
//! and the lines that report its limits can be read on their own.

use super::kinds::{is_closure_question, is_topic_word};
use super::vocabulary::{DPRK_WORDS, FUNCTION_WORDS, STOPWORDS};
use super::{time, Clues, Intent, Understood};
use crate::dataset::MissionKind;
use crate::i18n::Lang;
use crate::query::Query;

/// "Not applied: …" and "Words that changed nothing: …", as lines.
pub(super) fn caveats(understood: &Understood, lang: Lang) -> (Option<String>, Option<String>) {
    let not_applied = (!understood.not_applied.is_empty()).then(|| {
        lang.fill(
            "ask.not_applied",
            &[("clues", &understood.not_applied.join("; "))],
        )
    });
    let unused = (!understood.unused_words.is_empty()).then(|| {
        lang.fill(
            "ask.unused_words",
            &[("words", &understood.unused_words.join(", "))],
        )
    });
    (not_applied, unused)
}

/// The readings a reply states up front.
pub(super) fn readings(c: &Clues, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((event, from)) = &c.since_event {
        out.push(lang.fill(
            "ask.reading.since_event",
            &[("event", event), ("date", &lang.date(*from))],
        ));
    }
    if c.time.swapped {
        out.push(lang.fill(
            "ask.reading.swapped",
            &[("range", &lang.range(c.time.when))],
        ));
    }
    out
}

/// Clues the chosen query has no place for, said in the reply.
pub(super) fn not_applied(c: &Clues, intent: &Intent, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let Intent::Run(query) = intent else {
        return out;
    };
    let when = (!c.time.when.is_open())
        .then(|| lang.fill("clue.time", &[("range", &lang.range(c.time.when))]));
    let region = c.region.as_ref().map(|r| {
        lang.fill(
            "clue.region",
            &[("region", &crate::answers::missions::region_name_in(r, lang))],
        )
    });
    let kind = c
        .kind
        .map(|k| lang.fill("clue.kind", &[("kind", &k.label_in(lang))]));
    match query {
        Query::Embassy { as_of, .. } => {
            if as_of.is_none() {
                out.extend(when);
            }
            if c.country.is_some() {
                out.extend(region);
            }
        }
        Query::Expelled { country, .. } => {
            if country.is_some() {
                out.extend(region);
            }
            if c.kind.is_some_and(|k| k != MissionKind::Embassy) {
                out.extend(kind);
            }
        }
        Query::Timeline { .. } => {
            out.extend(region);
            if c.kind.is_some_and(|k| k != MissionKind::Embassy) {
                out.extend(kind);
            }
        }
        Query::Missions {
            as_of, closed: _, ..
        } => {
            // A range is applied as closing dates or as the status on its end.
            if c.time.is_range && as_of.is_none() && !is_closure_question(c) {
                out.extend(when.map(|w| lang.fill("clue.showing_latest", &[("clue", &w)])));
            }
            if c.time.is_range && as_of.is_some() && c.time.when.from.is_some() {
                out.push(lang.fill("clue.range_start", &[("range", &lang.range(c.time.when))]));
            }
        }
        // The kind word ("embassies in Pyongyang") framed the question.
        Query::Relations { .. } => {}
        Query::Defections { .. } => out.extend(region),
        Query::Sources { .. } | Query::Help | Query::Ask { .. } => {}
    }
    out
}

/// Words no clue used and that are not function words: "Words that
/// changed nothing", so a reader sees what the answer ignored.
pub(super) fn unused_words(c: &Clues, intent: &Intent) -> Vec<String> {
    if !matches!(intent, Intent::Run(_)) {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for w in &c.words {
        let known = FUNCTION_WORDS.contains(&w.as_str())
            || STOPWORDS.contains(&w.as_str())
            || c.used_words.contains(w)
            || w.chars().any(|ch| ch.is_ascii_digit())
            || w.chars().count() < 3
            || time::month_number(w).is_some()
            || DPRK_WORDS.iter().any(|p| p.split(' ').any(|pw| pw == w))
            || c.reason
                .as_ref()
                .is_some_and(|r| r.split(' ').any(|rw| rw == w))
            || is_topic_word(w)
            || TOPIC_WORDS.iter().any(|t| w.starts_with(t));
        if !known && !out.contains(w) {
            out.push(w.clone());
        }
    }
    out.truncate(8);
    out
}

/// Stems of the words the parser itself reasons with, besides the mission
/// words (`MISSION_STEMS`).
const TOPIC_WORDS: &[&str] = &[
    "defect",
    "fled",
    "escaped",
    "member",
    "recogni",
    "establish",
    "never",
    "expel",
    "expuls",
    "kick",
    "persona",
    "grata",
    "sever",
    "relation",
    "close",
    "closure",
    "shut",
    "open",
    "count",
    "number",
    "region",
    "status",
    "timeline",
    "histor",
    "story",
    "happen",
    "react",
    "respon",
    "restor",
    "resum",
    "suspend",
    "ties",
    "broke",
    "break",
    "cut",
    "staff",
    "reduc",
    "leave",
    "order",
    "declar",
    "host",
    "located",
    "locat",
    "city",
    "capital",
    "head",
    "chronolog",
    "overview",
    "relationship",
    "deal",
    "link",
    "reason",
    "cause",
    "why",
    "record",
    "inform",
    "representative",
    "office",
    "permanent",
    "general",
    "nation",
    "recent",
    "latest",
    "current",
    "new",
    "old",
    "abroad",
    "foreign",
    "country",
    "countries",
    "who",
    "sent",
    "away",
    "home",
    "punish",
    "retaliat",
    "measure",
    "act",
    "did",
    "still",
    "keep",
    "kept",
    "remain",
    "exist",
];
