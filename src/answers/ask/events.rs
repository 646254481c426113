//! Named events in a question: "the Rangoon bombing", "the killing of Kim
//! Jong Nam", "the sixth nuclear test", "the invasion of Ukraine".
//!
//! An event is matched whole, never through a word it shares with another
//! one: "the Boston marathon bombing" keeps "boston marathon" in the reason,
//! so it matches no measure (and the answer says so) instead of the 1983
//! Rangoon bombing. "Since <event>" is a time: from the first measure the
//! data links to that event.

use super::vocabulary::{DPRK_WORDS, FUNCTION_WORDS, STOPWORDS};
use super::Clues;
use crate::dataset::{Dataset, PartialDate};
use crate::text::fold;

/// Nouns that name something that happened.
const EVENT_NOUNS: &[&str] = &[
    "bombing",
    "bomb",
    "attack",
    "attacks",
    "test",
    "tests",
    "launch",
    "launches",
    "assassination",
    "murder",
    "killing",
    "poisoning",
    "invasion",
    "war",
    "coup",
    "sinking",
    "shelling",
    "hack",
    "hacking",
    "explosion",
    "shooting",
    "kidnapping",
    "abduction",
    "crisis",
    "incident",
    "summit",
];

/// Words that join an event noun to what it names: "invasion *of* Ukraine".
const LINKS: &[&str] = &["of", "on", "in", "at", "against"];

/// Words that end an event's name when read backwards ("after *the*
/// Boston marathon bombing").
const BOUNDARIES: &[&str] = &[
    "after",
    "since",
    "over",
    "following",
    "because",
    "for",
    "before",
    "during",
    "the",
    "a",
    "an",
];

/// The words of a question's event phrase that no recorded trigger holds:
/// kept in the reason, they stop a shared word ("bombing") from matching
/// another event.
pub(super) fn unknown_event_words(data: &Dataset, c: &Clues) -> Vec<String> {
    let words = &c.words;
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !EVENT_NOUNS.contains(&w.as_str()) {
            continue;
        }
        let mut before: Vec<&String> = words[..i]
            .iter()
            .rev()
            .take_while(|w| !BOUNDARIES.contains(&w.as_str()))
            .take(3)
            .collect();
        before.reverse();
        let after = match words.get(i + 1) {
            Some(link) if LINKS.contains(&link.as_str()) => words[i + 2..]
                .iter()
                .skip_while(|w| *w == "the")
                .take_while(|w| !BOUNDARIES.contains(&w.as_str()))
                .take(4)
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        let noun_unknown = (!in_any_trigger(data, super::reason_synonym(w))).then_some(w);
        for word in before.into_iter().chain(noun_unknown).chain(after) {
            if is_content_word(word)
                && !in_any_trigger(data, super::reason_synonym(word))
                && !out.contains(word)
            {
                out.push(word.clone());
            }
        }
    }
    out
}

/// The country an event phrase names ("the invasion of Ukraine", "the war
/// in Ukraine"): part of the reason, not the country asked about.
pub(super) fn country_inside_event(c: &Clues) -> bool {
    let Some(first) = c.country_words.first() else {
        return false;
    };
    c.words.windows(3).any(|w| {
        EVENT_NOUNS.contains(&w[0].as_str())
            && LINKS.contains(&w[1].as_str())
            && (&w[2] == first || (w[2] == "the" && c.words.iter().any(|x| x == first)))
    })
}

fn is_content_word(word: &str) -> bool {
    word.chars().count() >= 3
        && !word.chars().any(|ch| ch.is_ascii_digit())
        && !FUNCTION_WORDS.contains(&word)
        && !STOPWORDS.contains(&word)
        && !DPRK_WORDS.iter().any(|p| p.split(' ').any(|pw| pw == word))
        && !super::measures::is_measure_word(word)
        && !super::is_topic_word(word)
}

fn in_any_trigger(data: &Dataset, word: &str) -> bool {
    let stem: String = word.chars().take(6).collect();
    data.folded_triggers.iter().any(|t| {
        t.split(' ')
            .any(|tw| tw == word || (word.len() >= 4 && tw.starts_with(stem.as_str())))
    })
}

/// "since the sixth nuclear test": the first date the data links to the
/// reason (the day a trigger writes in brackets, or the earliest measure
/// taken over it). `None` when no measure matches: the reason then stays a
/// reason, and its answer says that nothing matches.
pub(super) fn since_event(
    data: &Dataset,
    c: &Clues,
    reason: &str,
) -> Option<(String, PartialDate)> {
    if !c.has("since") || !c.time.when.is_open() {
        return None;
    }
    let stems = crate::answers::search::terms(reason);
    let matching = data.expulsions.iter().filter(|e| {
        let trigger = fold(e.trigger.as_deref().unwrap_or(""));
        !stems.is_empty()
            && stems
                .iter()
                .all(|s| trigger.split(' ').any(|w| w.starts_with(s.as_str())))
    });
    matching
        .map(|e| {
            let trigger = e.trigger.as_deref().unwrap_or("");
            let date = bracketed_date(trigger).unwrap_or(e.date);
            // The event as the data names it: "Rangoon bombing (9 Oct
            // 1983)" → "Rangoon bombing".
            let name = trigger
                .split(['(', '/', ';'])
                .next()
                .unwrap_or(trigger)
                .trim();
            (name.to_owned(), date)
        })
        .min_by_key(|(_, date)| date.start())
}

/// "Rangoon bombing (9 Oct 1983)" → 1983-10-09.
fn bracketed_date(trigger: &str) -> Option<PartialDate> {
    let open = trigger.find('(')?;
    let close = trigger[open..].find(')')? + open;
    let inside = &trigger[open + 1..close];
    let clues = super::time::find(inside, PartialDate::year(2000));
    clues.date
}

#[cfg(test)]
mod tests {
    use super::bracketed_date;

    #[test]
    fn a_trigger_dates_its_event_in_brackets() {
        assert_eq!(
            bracketed_date("Rangoon bombing (9 Oct 1983)").map(|d| d.iso()),
            Some("1983-10-09".to_owned())
        );
        assert_eq!(bracketed_date("sixth nuclear test"), None);
    }
}
