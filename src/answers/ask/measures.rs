//! The words people use for the measures: "kicked out", "threw out",
//! "booted", "sent packing", "PNG'd", "gave 48 hours"; "cut ties", "broke
//! off", "froze", "downgraded". Each names a kind of measure, so it is used
//! as the measure, and never as a reason or a search term.

use super::Clues;

/// A kind of measure a question's words name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureWord {
    /// Diplomats sent away: expelled, asked to leave, kicked out…
    SentAway,
    /// Declared persona non grata.
    PersonaNonGrata,
    /// Staff cut or the mission downgraded.
    StaffCut,
    /// Relations broken off.
    Severed,
    /// Relations frozen or suspended.
    Suspended,
}

/// Phrases (folded words) naming each measure. A single word matches as a
/// word; a phrase matches its words in order.
const PHRASES: &[(&str, MeasureWord)] = &[
    ("persona non grata", MeasureWord::PersonaNonGrata),
    ("png", MeasureWord::PersonaNonGrata),
    ("pngd", MeasureWord::PersonaNonGrata),
    ("png d", MeasureWord::PersonaNonGrata),
    ("pnged", MeasureWord::PersonaNonGrata),
    ("png ed", MeasureWord::PersonaNonGrata),
    ("기피인물", MeasureWord::PersonaNonGrata),
    ("kicked out", MeasureWord::SentAway),
    ("kick out", MeasureWord::SentAway),
    ("kicked", MeasureWord::SentAway),
    ("kicking", MeasureWord::SentAway),
    ("booted", MeasureWord::SentAway),
    ("boot out", MeasureWord::SentAway),
    ("ousted", MeasureWord::SentAway),
    ("oust", MeasureWord::SentAway),
    ("sent packing", MeasureWord::SentAway),
    ("sent home", MeasureWord::SentAway),
    ("sent away", MeasureWord::SentAway),
    ("sent back", MeasureWord::SentAway),
    ("told to leave", MeasureWord::SentAway),
    ("asked to leave", MeasureWord::SentAway),
    ("ordered to leave", MeasureWord::SentAway),
    ("ordered out", MeasureWord::SentAway),
    ("made to leave", MeasureWord::SentAway),
    ("gave 48 hours", MeasureWord::SentAway),
    ("given 48 hours", MeasureWord::SentAway),
    ("48 hours to leave", MeasureWord::SentAway),
    ("72 hours to leave", MeasureWord::SentAway),
    ("got rid of", MeasureWord::SentAway),
    ("deported", MeasureWord::SentAway),
    ("deport", MeasureWord::SentAway),
    ("ejected", MeasureWord::SentAway),
    ("downgraded", MeasureWord::StaffCut),
    ("downgrade", MeasureWord::StaffCut),
    ("downsized", MeasureWord::StaffCut),
    ("scaled back", MeasureWord::StaffCut),
    ("scaled down", MeasureWord::StaffCut),
    ("staff cut", MeasureWord::StaffCut),
    ("staff cuts", MeasureWord::StaffCut),
    ("cut staff", MeasureWord::StaffCut),
    ("reduced staff", MeasureWord::StaffCut),
    ("cut ties", MeasureWord::Severed),
    ("cut off ties", MeasureWord::Severed),
    ("cut off relations", MeasureWord::Severed),
    ("cut relations", MeasureWord::Severed),
    ("cut diplomatic", MeasureWord::Severed),
    ("cut off", MeasureWord::Severed),
    ("broke off", MeasureWord::Severed),
    ("break off", MeasureWord::Severed),
    ("broken off", MeasureWord::Severed),
    ("broke ties", MeasureWord::Severed),
    ("break ties", MeasureWord::Severed),
    ("broke relations", MeasureWord::Severed),
    ("broke diplomatic", MeasureWord::Severed),
    ("ended relations", MeasureWord::Severed),
    ("ended ties", MeasureWord::Severed),
    ("severed", MeasureWord::Severed),
    ("sever", MeasureWord::Severed),
    ("severing", MeasureWord::Severed),
    ("severance", MeasureWord::Severed),
    ("단교", MeasureWord::Severed),
    ("단교한", MeasureWord::Severed),
    ("끊은", MeasureWord::Severed),
    ("끊었", MeasureWord::Severed),
    ("끊다", MeasureWord::Severed),
    ("단절", MeasureWord::Severed),
    ("froze", MeasureWord::Suspended),
    ("frozen", MeasureWord::Suspended),
    ("freeze", MeasureWord::Suspended),
    ("suspended", MeasureWord::Suspended),
    ("suspend", MeasureWord::Suspended),
];

/// Word stems that always mean sending diplomats away.
const SENT_AWAY_STEMS: &[&str] = &[
    "expel",
    "expuls",
    "ausweis",
    "ausgewies",
    "espuls",
    "выслан",
    "высыл",
];

/// The measure the question names, if any: the most specific wins
/// (persona non grata over sent away; a break of relations over both).
pub fn find(c: &Clues) -> Option<MeasureWord> {
    let mut found: Vec<MeasureWord> = PHRASES
        .iter()
        .filter(|(phrase, _)| c.has_phrase(phrase))
        .map(|(_, m)| *m)
        .collect();
    if c.words
        .iter()
        .any(|w| SENT_AWAY_STEMS.iter().any(|s| w.starts_with(s)))
        || c.has("expelled")
        || thrown_out(c)
        || told_to_leave(c)
        || sent_off(c)
    {
        found.push(MeasureWord::SentAway);
    }
    [
        MeasureWord::Severed,
        MeasureWord::Suspended,
        MeasureWord::PersonaNonGrata,
        MeasureWord::StaffCut,
        MeasureWord::SentAway,
    ]
    .into_iter()
    .find(|m| found.contains(m))
}

/// "threw nk diplomats out", "who got thrown out": the verb and "out"
/// need not touch.
fn thrown_out(c: &Clues) -> bool {
    c.has_any(&["threw", "thrown", "throw", "throwing", "chucked", "chuck"]) && c.has("out")
}

/// "sent north korean diplomats home", "sent them packing".
fn sent_off(c: &Clues) -> bool {
    c.has("sent") && c.has_any(&["home", "packing", "away", "back"])
}

/// "told the diplomats to leave", "ordered them to leave the country".
fn told_to_leave(c: &Clues) -> bool {
    c.has_any(&["told", "ordered", "asked", "forced", "gave"]) && c.has("leave")
}

/// Every word any measure phrase uses: these are never a reason or a
/// search term.
pub fn is_measure_word(word: &str) -> bool {
    PHRASES
        .iter()
        .any(|(phrase, _)| phrase.split(' ').any(|p| p == word) && word.len() > 2)
        || SENT_AWAY_STEMS.iter().any(|s| word.starts_with(s))
        || matches!(
            word,
            "threw" | "thrown" | "throw" | "throwing" | "chucked" | "chuck" | "hours"
        )
}
