//! Places in a question: the host country (any spelling, code, capital,
//! mission city or translation the country table knows, or a typo of one),
//! a region, or an unknown place name to echo back.

use super::vocabulary::{CODE_LOOKALIKES, DPRK_WORDS, STOPWORDS};
use super::Clues;
use crate::answers::missions::Region;
use crate::countries::KeyKind;
use crate::dataset::{Country, Dataset};

/// Finds the host country (or a city that names one), a region, or an
/// unknown place name after "in"/"to", and marks the words they used.
pub(super) fn find_places<'a>(data: &'a Dataset, question: &str, clues: &mut Clues<'a>) {
    let original: Vec<&str> = question
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let n = clues.words.len();
    let mut used = vec![false; n];
    let mut found_at: Option<(usize, usize)> = None;
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
            // "list asia" is not a typo of "east asia": a region's name
            // never starts with a question word.
            let starts_with_question_word = STOPWORDS.contains(&clues.words[start].as_str())
                || super::vocabulary::FUNCTION_WORDS.contains(&clues.words[start].as_str());
            if clues.region.is_none()
                && len <= 3
                && !(len > 1 && starts_with_question_word)
                && (is_region_phrase(&gram)
                    || crate::answers::missions::is_translated_region_name(&gram))
            {
                if let Some(r) = Region::find(data, &gram) {
                    clues.region = Some(r.label);
                    mark(clues, &mut used, start, len);
                    continue;
                }
            }
            if clues.country.is_some() {
                continue;
            }
            if let Some((country, kind)) = data.resolve_exact(&gram) {
                if kind == KeyKind::Code && !code_was_typed_as_code(&gram, &original) {
                    continue;
                }
                if country.iso2 == "KP" {
                    // Another language's name of North Korea: the subject.
                    mark(clues, &mut used, start, len);
                    continue;
                }
                clues.country = Some(country);
                clues.country_words = clues.words[start..start + len].to_vec();
                found_at = Some((start, len));
                mark(clues, &mut used, start, len);
            }
        }
    }
    if let (Some(exact), Some((start, len))) = (clues.country, found_at) {
        if let Some((longer, words)) = longer_name_nearby(data, &clues.words, &used, start, len) {
            if longer.iso2 == exact.iso2 {
                // "saudi arabai": the typo belongs to the name.
                clues.used_words.extend(words);
            } else {
                // "guinea bisau": "Guinea" exactly, or "Guinea-Bissau" with
                // the next word kept. Never drop the word: ask.
                clues.ambiguous = vec![longer, exact];
            }
        }
    }
    if clues.country.is_none() {
        if let Some((country, words)) = fuzzy_country(data, &clues.words, &used) {
            clues.country = Some(country);
            clues.used_words.extend(words.iter().cloned());
            clues.country_words = words;
        }
    }
    if clues.country.is_none() && clues.region.is_none() {
        clues.unknown_place = place_after_preposition(&clues.words, &used);
    }
}

fn mark(clues: &mut Clues, used: &mut [bool], start: usize, len: usize) {
    used[start..start + len].iter_mut().for_each(|u| *u = true);
    clues
        .used_words
        .extend(clues.words[start..start + len].iter().cloned());
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
fn fuzzy_country<'a>(
    data: &'a Dataset,
    words: &[String],
    used: &[bool],
) -> Option<(&'a Country, Vec<String>)> {
    let mut found: Option<(&Country, Vec<String>)> = None;
    for len in [3usize, 2, 1] {
        for start in 0..words.len().saturating_sub(len - 1) {
            if used[start..start + len].iter().any(|&u| u) {
                continue;
            }
            let slice = &words[start..start + len];
            // "south afirca": a compass word may start a country's name,
            // beside a word that is not question vocabulary.
            let name_word = |w: &String| len > 1 && NAME_PARTS.contains(&w.as_str());
            if slice.iter().any(|w| {
                (STOPWORDS.contains(&w.as_str()) && !name_word(w))
                    || w.chars().any(|c| c.is_ascii_digit())
                    || super::time::month_number(w).is_some()
            }) || slice.iter().all(|w| STOPWORDS.contains(&w.as_str()))
            {
                continue;
            }
            let gram = slice.join(" ");
            if gram.chars().count() < 5 {
                continue;
            }
            if let Some(c) = close_typo(data, &gram) {
                if c.iso2 == "KP" {
                    continue;
                }
                match &found {
                    Some((f, _)) if f.iso2 != c.iso2 => return None, // two different places: do not guess
                    _ => found = Some((c, slice.to_vec())),
                }
            }
        }
        if found.is_some() {
            break;
        }
    }
    found
}

/// Question words that are also the first word of country names.
const NAME_PARTS: &[&str] = &["south", "north", "east", "western", "central", "united"];

/// A country a typed gram names within a question's typo allowance, which
/// is stricter than a slash option's: a question is full of words that are
/// not places, so "boston" must not become The Bottom, nor "jahren" Yaren.
fn close_typo<'a>(data: &'a Dataset, gram: &str) -> Option<&'a Country> {
    let resolution = data.resolve(gram);
    let crate::countries::Resolution::Found {
        country,
        via: crate::countries::Via::Typo(key),
    } = resolution
    else {
        return resolution.country();
    };
    let len = gram.chars().count();
    let allowed = match len {
        0..=4 => 0,
        5..=9 => 1,
        10..=14 => 2,
        _ => 3,
    };
    (strsim::osa_distance(gram, &key) <= allowed).then_some(country)
}

/// The country named by the exact match plus one unused neighbouring word,
/// read as a typo ("guinea bisau", "saudi arabai"), with those words.
fn longer_name_nearby<'a>(
    data: &'a Dataset,
    words: &[String],
    used: &[bool],
    start: usize,
    len: usize,
) -> Option<(&'a Country, Vec<String>)> {
    let usable = |i: usize| {
        !used[i]
            && !STOPWORDS.contains(&words[i].as_str())
            && words[i].chars().count() >= 3
            && !words[i].chars().any(|c| c.is_ascii_digit())
    };
    let mut grams = Vec::new();
    if start + len < words.len() && usable(start + len) {
        grams.push(words[start..=start + len].join(" "));
    }
    if start > 0 && usable(start - 1) {
        grams.push(words[start - 1..start + len].join(" "));
    }
    grams
        .iter()
        .filter(|g| data.resolve_exact(g).is_none())
        .find_map(|g| {
            Some((
                close_typo(data, g)?,
                g.split(' ').map(str::to_owned).collect(),
            ))
        })
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
                && !w.chars().any(|c| c.is_ascii_digit())
                // "in September 2017" is a date, never a country.
                && super::time::month_number(w).is_none()
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
