//! The kinds of question: small tests on the [`Clues`] ("is it about a
//! defection", "does it count", "is it on topic") that the deciding, the
//! caveats and the relations reading all ask. Kept apart so each of those
//! reads the same tests.

use super::measures::{self, MeasureWord};
use super::Clues;

/// "Which diplomats defected", "defectors", "망명한 외교관".
pub(super) fn is_defection_question(c: &Clues) -> bool {
    c.words.iter().any(|w| w.starts_with("defect"))
        || c.has_any(&["fled", "escaped", "망명", "망명한", "탈북", "탈북한"])
}

/// "Who was the ambassador", "the head of mission", "chargé d'affaires".
pub(super) fn asks_for_head(c: &Clues) -> bool {
    c.has_prefix("ambassador")
        || c.has_prefix("envoy")
        || c.has_phrase("head of mission")
        || c.has_phrase("head of the mission")
        || c.has_prefix("charge")
}

pub(super) fn is_expulsion_question(c: &Clues) -> bool {
    matches!(
        measures::find(c),
        Some(MeasureWord::SentAway | MeasureWord::PersonaNonGrata | MeasureWord::StaffCut)
    ) || c.has_any(&[
        "measures against",
        "measure against",
        "action against",
        "actions against",
        "steps against",
    ])
}

/// "What happened with X", "history of relations with X", "tell me about X
/// and North Korea": a country's whole story.
pub(super) fn is_story_question(c: &Clues) -> bool {
    c.has_any(&[
        "what happened",
        "happened",
        "timeline",
        "history",
        "story",
        "chronology",
        "tell me about",
        "what did",
        "what has",
        "relationship",
        "relations with",
        "relations between",
        "ties with",
        "dealings",
        "overview",
    ])
}

/// Relations ended ("cut ties", "broke off", "severed", "froze").
pub(super) fn is_severance_question(c: &Clues) -> bool {
    matches!(
        measures::find(c),
        Some(MeasureWord::Severed | MeasureWord::Suspended)
    )
}

pub(super) fn is_restoration_question(c: &Clues) -> bool {
    c.has_any(&[
        "restored",
        "restore",
        "resumed",
        "resume",
        "re established",
        "reestablished",
        "normalised",
        "normalized",
        "reopened",
    ])
}

/// A question about how other countries answered an event ("which
/// countries reacted to the missile launch").
pub(super) fn is_reaction_question(c: &Clues) -> bool {
    c.has_any(&[
        "reacted",
        "react",
        "responded",
        "respond",
        "response",
        "retaliated",
        "punished",
        "measures",
        "linked",
        "because",
        "over",
        "for",
        "after",
        "happened",
    ])
}

pub(super) fn is_closure_question(c: &Clues) -> bool {
    c.has_any(&["close", "closed", "closing", "shut", "shuttered", "closes"])
        || c.has_prefix("closure")
}

pub(super) fn is_counting(c: &Clues) -> bool {
    c.has_phrase("how many") || c.has("count") || c.has("number") || c.has_phrase("how much")
}

pub(super) fn is_listing_question(c: &Clues) -> bool {
    c.has("list")
        || c.has("which")
        || is_counting(c)
        || c.has("where")
        || c.has("all")
        || c.has("show")
        || c.has("what")
        || c.has("are")
        || c.has("host")
        || c.has("hosts")
}

pub(super) fn is_sources_question(c: &Clues) -> bool {
    c.has_phrase("come from")
        || c.has_phrase("comes from")
        || c.has("source")
        || c.has("sources")
        || c.has_phrase("where does this data")
        || c.has("cite")
        || c.has("references")
        || c.has_phrase("your data")
}

/// A question about a mission's fate: "is the embassy still open", "did
/// North Korea keep its embassy".
pub(super) fn is_mission_fate_question(c: &Clues) -> bool {
    (c.has_prefix("embass") || c.has_prefix("mission") || c.has_prefix("consul"))
        && c.has_any(&[
            "still", "keep", "kept", "remain", "remains", "remained", "open", "close", "closed",
            "exist", "exists", "now",
        ])
}

/// The words of the bot's own topic ("diplomats", "embassy"): they say a
/// question is on topic, but are no search term, however rare they become
/// among the records.
pub(super) fn is_topic_word(word: &str) -> bool {
    MISSION_STEMS.iter().any(|stem| word.starts_with(stem))
}

/// Topic and place-frame words: no search term.
pub(super) fn is_frame_word(word: &str) -> bool {
    is_topic_word(word) || PLACE_FRAME_WORDS.iter().any(|w| word.starts_with(w))
}

/// Stems of the words for missions and the people in them.
const MISSION_STEMS: &[&str] = &[
    "embass",
    "consul",
    "mission",
    "diplomat",
    "ambassador",
    "envoy",
];

/// Words that say where a mission is ("in the capital"): part of a
/// question's frame, never what it searches for.
const PLACE_FRAME_WORDS: &[&str] = &["capital"];

pub(super) fn is_on_topic(c: &Clues) -> bool {
    c.words.iter().any(|w| is_topic_word(w))
        || is_defection_question(c)
        || is_expulsion_question(c)
        || c.has("relations")
        || is_severance_question(c)
}
