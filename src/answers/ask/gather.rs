//! Clue gathering: a question's words normalised (other languages' topic
//! words in English, Korean particles off, unspaced text cut into names)
//! and the entities found in them (mission kind, places, a reason from the
//! data's triggers, a person, an event). Kept apart from the deciding, which
//! reads only the finished [`Clues`].

use super::vocabulary::{self, translate, DPRK_WORDS, REGION_ADJECTIVES};
use super::{events, measures, places, time, Clues};
use crate::answers::search::{self, Record};
use crate::dataset::{Dataset, DateRange, MissionKind};
use crate::text::fold;

pub(super) fn gather<'a>(data: &'a Dataset, question: &str) -> Clues<'a> {
    let words = normalise_words(data, question);
    let mut clues = Clues {
        folded: words.join(" "),
        words,
        ..Clues::default()
    };
    clues.mentions_dprk = DPRK_WORDS.iter().any(|w| clues.has_phrase(w));
    clues.mentions_un =
        clues.has("un") || clues.has_phrase("united nations") || clues.has_phrase("u n");
    clues.kind = mission_kind(&clues);
    clues.time = time::find(question, crate::query::today());
    places::find_places(data, question, &mut clues);
    clues.reason = find_reason(data, &clues);
    clues.person = find_person(data, &clues);
    reason_over_country(data, &mut clues);
    keep_events_whole(data, &mut clues);
    clues
}

/// An event is matched whole ("the Boston marathon bombing" is not the
/// Rangoon bombing), a country inside it is part of it ("the invasion of
/// Ukraine"), and "since <event>" is a time from the event.
fn keep_events_whole(data: &Dataset, clues: &mut Clues) {
    let mut extra = events::unknown_event_words(data, clues);
    if events::country_inside_event(clues) {
        extra.extend(clues.country_words.iter().filter(|w| *w != "the").cloned());
        clues.country = None;
    }
    if !extra.is_empty() {
        let mut words: Vec<String> = clues
            .reason
            .as_deref()
            .map(|r| r.split(' ').map(str::to_owned).collect())
            .unwrap_or_default();
        for w in extra {
            if !words.contains(&w) {
                words.push(w);
            }
        }
        clues.reason = Some(words.join(" "));
    }
    let Some(reason) = clues.reason.clone() else {
        return;
    };
    if let Some((event, from)) = events::since_event(data, clues, &reason) {
        clues.time = time::TimeClues {
            when: DateRange {
                from: Some(from),
                to: None,
            },
            is_range: true,
            ..time::TimeClues::default()
        };
        clues.since_event = Some((event, from));
        clues.reason = None;
    }
}

/// Folded words, with other languages' topic words in English, Korean
/// particles removed, region adjectives as regions, and text written
/// without spaces (Chinese, Japanese) cut into the names and words it holds.
pub(super) fn normalise_words(data: &Dataset, question: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Decades and short spans written one way ("70er jahren" → "1970s"),
    // so no piece of a time expression is taken for a place.
    let text = time::normalise::rewrite(&fold(question));
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if word.chars().any(vocabulary::is_unspaced_script) {
            out.extend(segment_unspaced(data, word));
            continue;
        }
        let word = match vocabulary::strip_korean_particle(word) {
            Some(stem)
                if translate(word).is_none()
                    && (translate(stem).is_some() || data.resolve_exact(stem).is_some()) =>
            {
                stem
            }
            _ => word,
        };
        if let Some(en) = translate(word) {
            out.extend(en.split(' ').map(str::to_owned));
        } else if let Some((_, region)) = REGION_ADJECTIVES.iter().find(|(a, _)| *a == word) {
            out.extend(region.split(' ').map(str::to_owned));
        } else {
            out.push(word.to_owned());
        }
    }
    out
}

/// Cuts "德国的朝鲜大使馆" into the country names and topic words it holds,
/// longest first, dropping the characters between them.
fn segment_unspaced(data: &Dataset, word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let found = (2..=8.min(chars.len() - i)).rev().find_map(|len| {
            let piece: String = chars[i..i + len].iter().collect();
            if let Some(en) = translate(&piece) {
                Some((len, en.to_owned()))
            } else if DPRK_WORDS.contains(&piece.as_str()) || data.resolve_exact(&piece).is_some() {
                Some((len, piece))
            } else {
                None
            }
        });
        match found {
            Some((len, token)) => {
                out.push(token);
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

fn mission_kind(c: &Clues) -> Option<MissionKind> {
    if c.has_prefix("consul") {
        Some(MissionKind::ConsulateGeneral)
    } else if c.has_phrase("permanent mission")
        || c.has_phrase("permanent missions")
        || c.has_phrase("mission to the un")
        || (c.mentions_un && !c.has_prefix("embass"))
    {
        Some(MissionKind::PermanentMission)
    } else if c.has_phrase("representative office")
        || c.has_phrase("representative offices")
        || c.has_phrase("representative mission")
    {
        Some(MissionKind::RepresentativeOffice)
    } else if c.has_prefix("embass") {
        Some(MissionKind::Embassy)
    } else {
        None
    }
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
        "ambassadors",
        "diplomat",
        "diplomats",
        "diplomatic",
        "expelled",
        "countries",
        "which",
        "of",
        "for",
        "by",
        "un",
        "kim",
        "jong",
        "state",
        "states",
        "united",
        "nations",
        "country",
        "with",
        "what",
        "when",
        "from",
        "that",
        "their",
        "this",
        "embassy",
        "embassies",
        "mission",
        "missions",
        "relations",
        "ties",
        // Words for the measure itself, not for why it was taken.
        "cut",
        "sever",
        "severed",
        "broke",
        "happened",
        "staff",
        "reason",
        "reasons",
        "linked",
        "related",
        "because",
        "response",
        "reacted",
        "responded",
    ];
    let triggers = &data.folded_triggers;
    let country_words = &clues.country_words;
    let words: Vec<&str> = clues
        .words
        .iter()
        .map(|w| reason_synonym(w))
        .filter(|w| {
            w.len() >= 3
                && !NOT_REASONS.contains(w)
                && !measures::is_measure_word(w)
                && !w.starts_with("recogni")
                && !w.starts_with("establish")
                && time::month_number(w).is_none()
                && !w.chars().any(|c| c.is_ascii_digit())
                && !country_words.iter().any(|c| c == w)
        })
        .filter(|w| {
            // Long words by their stem ("smuggled" finds "smuggling");
            // short ones ("kim", "nam", "gold") only as whole words.
            let stem: String = w.chars().take(6).collect();
            triggers.iter().any(|t| {
                t.split(' ').any(|tw| {
                    if w.len() >= 4 {
                        tw.starts_with(stem.as_str())
                    } else {
                        tw == *w
                    }
                })
            })
        })
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

/// Everyday words for the reasons the data records, as the data words them.
pub(super) fn reason_synonym(word: &str) -> &str {
    match word {
        "murder" | "murdered" | "killing" | "killed" | "poisoning" | "poisoned" => "assassination",
        "bomb" | "bomber" | "bombings" | "attack" => "bombing",
        "nuke" | "nukes" | "atomic" => "nuclear",
        "rhinoceros" | "rhinos" => "rhino",
        "missiles" | "ballistic" | "rocket" | "rockets" => "missile",
        "drug" => "drugs",
        // "the KAL 858 bombing" is the bombing of Korean Air flight 858.
        "kal" | "kal858" => "flight",
        "yangon" => "rangoon",
        "tobacco" => "cigarettes",
        "alcohol" | "liquor" => "liquor",
        other => other,
    }
}

/// "the missile launch over Japan": a country named inside a reason, by a
/// country with no measure of its own, is part of the reason.
fn reason_over_country(data: &Dataset, clues: &mut Clues) {
    let (Some(country), Some(reason)) = (clues.country, &clues.reason) else {
        return;
    };
    let name = fold(&country.name);
    let in_trigger = |words: &str| {
        data.folded_triggers
            .iter()
            .any(|t| format!(" {t} ").contains(&format!(" {words} ")))
    };
    if in_trigger(&name) && data.expulsions_by(&country.iso2).next().is_none() {
        clues.reason = Some(format!("{reason} {name}"));
        clues.country = None;
        return;
    }
    // "after the Rangoon bombing": a city that names an event in the records
    // is the reason, not the country the city is in.
    let place = clues
        .country_words
        .iter()
        .filter(|w| *w != "the")
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    let event = format!("{place} {reason}");
    if place != name && in_trigger(&event) {
        clues.reason = Some(event);
        clues.country = None;
    }
}

/// A person the records name, when the question contains the whole name.
fn find_person(data: &Dataset, clues: &Clues) -> Option<(String, Vec<Record>)> {
    let padded = format!(" {} ", clues.folded);
    let mut best: Option<&search::Person> = None;
    for person in data.search_index().people() {
        if padded.contains(&format!(" {} ", person.0))
            && best.is_none_or(|b| person.0.len() > b.0.len())
        {
            best = Some(person);
        }
    }
    // A name that only appears inside other records' text ("Mun Chol Myong"
    // in a reason) is found by the search instead.
    best.map(|(_, display, records)| (display.clone(), records.clone()))
}
