//! Defections and source quotes: read, checked against the records they
//! name, and counted.
//!
//! A quote is how the data shows that a fact was read in its source: the
//! source's own words, in its language, with an English gloss when that is
//! not English. A quote must name a fact that exists and a source that the
//! fact's record cites, so no quote can float free of what it supports.

use super::model::*;
use super::raw::{records, Place, Refs};
use super::DataError;
use serde::Deserialize;
use std::collections::HashSet;

/// The longest quote: a sentence or two, never a page.
pub const QUOTE_MAX_CHARS: usize = 600;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefection {
    id: String,
    person: String,
    #[serde(default)]
    also_known_as: Vec<String>,
    korean_name: Option<String>,
    post: String,
    mission: Option<String>,
    country: String,
    left: String,
    made_public: Option<String>,
    destination: Option<String>,
    notes: Option<String>,
    uncertain: Option<String>,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKoreanName {
    latin: String,
    korean: String,
    dprk_form: Option<String>,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    place: bool,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuote {
    fact: String,
    source: String,
    lang: String,
    text: String,
    gloss: Option<String>,
}

pub(super) fn build_defections(
    file: &str,
    text: &str,
    refs: &Refs,
    missions: &[Mission],
) -> Result<Vec<Defection>, DataError> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (place, r) in records::<RawDefection>(file, text)? {
        if !seen.insert(r.id.clone()) {
            return Err(place.err("id", format!("duplicate id {:?}", r.id)));
        }
        place.non_empty("person", &r.person)?;
        place.non_empty("post", &r.post)?;
        refs.country(&place, "country", &r.country)?;
        refs.sources(&place, &r.sources)?;
        if let Some(m) = &r.mission {
            let mission = missions
                .iter()
                .find(|x| &x.id == m)
                .ok_or_else(|| place.err("mission", format!("no mission with id {m:?}")))?;
            if mission.country != r.country {
                return Err(place.err(
                    "mission",
                    format!("{m:?} is in {}, not {}", mission.country, r.country),
                ));
            }
        }
        let left = place.date("left", &r.left)?;
        let made_public = place.opt_date("made_public", &r.made_public)?;
        if made_public.is_some_and(|p| p.end() < left.start()) {
            return Err(place.err("made_public", "made public before the person left"));
        }
        out.push(Defection {
            id: r.id,
            person: r.person,
            also_known_as: r.also_known_as,
            korean_name: r.korean_name,
            post: r.post,
            mission: r.mission,
            country: r.country,
            left,
            made_public,
            destination: r.destination,
            notes: r.notes,
            uncertain: r.uncertain,
            sources: r.sources,
        });
    }
    out.sort_by(|a, b| a.left.cmp(&b.left).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// Every person the records name: heads of mission, the people measures
/// were taken against, defectors.
pub(super) fn people_named<'a>(
    missions: &'a [Mission],
    expulsions: &'a [Expulsion],
    defections: &'a [Defection],
) -> HashSet<&'a str> {
    missions
        .iter()
        .flat_map(|m| m.heads.iter().map(|h| h.name.as_str()))
        .chain(expulsions.iter().filter_map(|e| e.person.as_deref()))
        .chain(defections.iter().map(|d| d.person.as_str()))
        .collect()
}

/// Whether a text is written in Hangul (syllables, with spaces or a dot).
fn is_hangul(text: &str) -> bool {
    text.chars().any(|c| ('가'..='힣').contains(&c))
        && text
            .chars()
            .all(|c| ('가'..='힣').contains(&c) || c == ' ' || c == '·')
}

/// `data/names.json`: every name must be one a record uses (a person, or
/// for a place a city the relations cover the DPRK from), written in
/// Hangul, once.
pub(super) fn build_names(
    file: &str,
    text: &str,
    refs: &Refs,
    people: &HashSet<&str>,
    covering_cities: &HashSet<&str>,
) -> Result<Vec<KoreanName>, DataError> {
    let mut out: Vec<KoreanName> = Vec::new();
    for (place, r) in records::<RawKoreanName>(file, text)? {
        if out.iter().any(|n| n.latin == r.latin) {
            return Err(place.err("latin", format!("{:?} appears twice", r.latin)));
        }
        if r.place && !covering_cities.contains(r.latin.as_str()) {
            return Err(place.err(
                "latin",
                format!("no relation covers the DPRK from {:?}", r.latin),
            ));
        }
        if !r.place && !people.iter().any(|p| p.contains(r.latin.as_str())) {
            return Err(place.err(
                "latin",
                format!(
                    "no record names {:?} (heads, measures, defections)",
                    r.latin
                ),
            ));
        }
        let hangul = std::iter::once(("korean", &r.korean))
            .chain(r.dprk_form.iter().map(|n| ("dprk_form", n)))
            .chain(r.variants.iter().map(|n| ("variants", n)));
        for (field, name) in hangul {
            if !is_hangul(name) {
                return Err(place.err(field, format!("{name:?} is not a name in Hangul")));
            }
        }
        refs.sources(&place, &r.sources)?;
        if r.sources.is_empty() {
            return Err(place.err("sources", "a Korean name needs the source that writes it"));
        }
        out.push(KoreanName {
            latin: r.latin,
            korean: r.korean,
            dprk_form: r.dprk_form,
            variants: r.variants,
            place: r.place,
            sources: r.sources,
        });
    }
    Ok(out)
}

/// Every fact the data states, as the key a quote names it by, with the
/// sources its record cites.
pub fn fact_keys<'a>(
    missions: &'a [Mission],
    expulsions: &'a [Expulsion],
    relations: &'a [Relation],
    defections: &'a [Defection],
    names: &'a [KoreanName],
) -> Vec<(String, &'a [String])> {
    let mut out: Vec<(String, &[String])> = Vec::new();
    for r in relations {
        out.push((format!("relation:{}", r.id), &r.sources));
    }
    for m in missions {
        out.push((format!("mission:{}", m.id), &m.sources));
        for h in &m.heads {
            out.push((format!("head:{}:{}", m.id, h.name), &h.sources));
        }
        for (lang, local) in &m.city_names {
            out.push((format!("city:{}:{lang}", m.id), &local.sources));
        }
    }
    for n in names {
        out.push((format!("name:{}", n.latin), &n.sources));
    }
    for e in expulsions {
        out.push((format!("measure:{}", e.id), &e.sources));
    }
    for d in defections {
        out.push((format!("defection:{}", d.id), &d.sources));
    }
    out
}

pub(super) fn build_quotes(
    file: &str,
    text: &str,
    facts: &[(String, &[String])],
) -> Result<Vec<Quote>, DataError> {
    let mut out = Vec::new();
    for (place, q) in records::<RawQuote>(file, text)? {
        check_quote(&place, &q, facts)?;
        out.push(Quote {
            fact: q.fact,
            source: q.source,
            lang: q.lang,
            text: q.text,
            gloss: q.gloss,
        });
    }
    Ok(out)
}

fn check_quote(
    place: &Place,
    q: &RawQuote,
    facts: &[(String, &[String])],
) -> Result<(), DataError> {
    let Some((_, cited)) = facts.iter().find(|(key, _)| key == &q.fact) else {
        return Err(place.err("fact", format!("no fact {:?} in the data", q.fact)));
    };
    if !cited.contains(&q.source) {
        return Err(place.err(
            "source",
            format!("{:?} is not among the sources {:?} cites", q.source, q.fact),
        ));
    }
    place.non_empty("text", &q.text)?;
    place.non_empty("lang", &q.lang)?;
    if q.text.chars().count() > QUOTE_MAX_CHARS {
        return Err(place.err(
            "text",
            format!(
                "{} characters; a quote is at most {QUOTE_MAX_CHARS}",
                q.text.chars().count()
            ),
        ));
    }
    let gloss_missing = q.gloss.as_deref().is_none_or(|g| g.trim().is_empty());
    if q.lang != "en" && gloss_missing {
        return Err(place.err("gloss", "a quote not in English needs an English gloss"));
    }
    Ok(())
}

/// How many of the data's facts carry at least one quote, of all of them.
pub fn quote_coverage(facts: &[(String, &[String])], quotes: &[Quote]) -> (usize, usize) {
    let quoted: HashSet<&str> = quotes.iter().map(|q| q.fact.as_str()).collect();
    let n = facts
        .iter()
        .filter(|(key, _)| quoted.contains(key.as_str()))
        .count();
    (n, facts.len())
}
