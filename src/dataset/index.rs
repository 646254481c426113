//! The full-text index over every record, for questions no command fits
//! (the answers that use it are in `answers::search`).
//!
//! Each mission, measure and relations record is one document: its country,
//! city, kind, people, reasons, notes and the titles of its sources, folded
//! the way the resolver folds spellings. Documents are ranked with BM25, so
//! a rare word ("KOMID", "Chongryon") outweighs a common one ("embassy").
//! When the question's words appear in a record as one phrase (a person's
//! name), only such records are kept.

use super::{Dataset, Expulsion, Mission, Relation};
use crate::text::{fold, FUNCTION_WORDS};
use std::collections::HashMap;

/// BM25's usual constants: term-frequency saturation and length normalisation.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Records shown at most, and the share of the best score a record needs.
const MAX_HITS: usize = 5;
const MIN_SHARE: f64 = 0.45;

/// A record a search can return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Mission(usize),
    Expulsion(usize),
    Relation(usize),
    Defection(usize),
}

/// One record as the index sees it. Words and terms are numbers into the
/// index's vocabularies, each string kept once for the whole index: a
/// `String` and a map per record took 4.4 MiB, these about a quarter of it
/// (BENCHMARKS.md §13).
#[derive(Debug)]
struct Doc {
    record: Record,
    /// Folded words in order (for phrases), unstemmed, as word ids.
    words: Box<[u32]>,
    /// Stemmed content terms (term ids) with their counts, sorted by id.
    terms: Box<[(u32, u32)]>,
    len: usize,
}

impl Doc {
    fn count_of(&self, term: u32) -> Option<u32> {
        let at = self.terms.binary_search_by_key(&term, |&(t, _)| t).ok()?;
        Some(self.terms[at].1)
    }
}

/// The search index over one dataset, built once per dataset.
#[derive(Debug, Default)]
pub struct Index {
    docs: Vec<Doc>,
    /// Every folded word of the records once, with its id.
    word_ids: HashMap<Box<str>, u32>,
    /// Every stemmed term of the records once, with its id.
    term_ids: HashMap<Box<str>, u32>,
    /// How many records hold each term, by term id.
    document_frequency: Vec<u32>,
    average_len: f64,
    people: Vec<Person>,
}

/// The id of `key` in `ids`, given the next one when it is new.
fn intern(ids: &mut HashMap<Box<str>, u32>, key: &str) -> u32 {
    if let Some(&id) = ids.get(key) {
        return id;
    }
    let id = ids.len() as u32;
    ids.insert(key.into(), id);
    id
}

/// A person the records name, as (folded name, name as written, records).
pub type Person = (String, String, Vec<Record>);

/// Words that carry no meaning for ranking: the parser's function words,
/// the names of North Korea itself, which every record is about, and words
/// a question may use ("who won the world cup") that in a record are only a
/// title's framing ("DPRK in the World") or a syllable of a name (Ri Won Guk;
/// a person's full name is still found through the people index).
fn is_stop(word: &str) -> bool {
    const FRAMING: &[&str] = &["world", "won"];
    const ALWAYS_THERE: &[&str] = &[
        "north",
        "korea",
        "korean",
        "koreans",
        "dprk",
        "nk",
        "pyongyang",
    ];
    FUNCTION_WORDS.contains(&word) || ALWAYS_THERE.contains(&word) || FRAMING.contains(&word)
}

/// A light stemmer, the same for records and questions: "smuggled",
/// "smuggling" and "smuggles" all become "smuggl".
pub fn stem(word: &str) -> String {
    for suffix in [
        "ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s",
    ] {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.chars().count() >= 4 {
                return base.to_owned();
            }
        }
    }
    word.to_owned()
}

/// The content terms of a text, stemmed, in order.
pub fn terms(text: &str) -> Vec<String> {
    fold(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !is_stop(w))
        .map(stem)
        .collect()
}

/// The most records a distinctive word may appear in.
const DISTINCTIVE_AT_MOST: usize = 20;

impl Index {
    pub fn build(data: &Dataset) -> Index {
        let mut index = Index::default();
        for (i, m) in data.missions.iter().enumerate() {
            index.add(Record::Mission(i), &mission_text(data, m));
        }
        for (i, e) in data.expulsions.iter().enumerate() {
            index.add(Record::Expulsion(i), &expulsion_text(data, e));
        }
        for (i, r) in data.relations.iter().enumerate() {
            index.add(Record::Relation(i), &relation_text(data, r));
        }
        for (i, d) in data.defections.iter().enumerate() {
            index.add(Record::Defection(i), &defection_text(data, d));
        }
        index.document_frequency = vec![0; index.term_ids.len()];
        for d in &index.docs {
            for &(t, _) in d.terms.iter() {
                index.document_frequency[t as usize] += 1;
            }
        }
        index.average_len = if index.docs.is_empty() {
            1.0
        } else {
            index.docs.iter().map(|d| d.len).sum::<usize>() as f64 / index.docs.len() as f64
        };
        index.word_ids.shrink_to_fit();
        index.term_ids.shrink_to_fit();
        index.people = people(data);
        index
    }

    /// Indexes one record's text.
    fn add(&mut self, record: Record, text: &str) {
        let folded = fold(text);
        let mut words = Vec::new();
        let mut counts: HashMap<u32, u32> = HashMap::new();
        let mut len = 0;
        for w in folded.split(' ').filter(|w| !w.is_empty()) {
            words.push(intern(&mut self.word_ids, w));
            if is_stop(w) {
                continue;
            }
            *counts
                .entry(intern(&mut self.term_ids, &stem(w)))
                .or_default() += 1;
            len += 1;
        }
        let mut terms: Vec<(u32, u32)> = counts.into_iter().collect();
        terms.sort_unstable();
        self.docs.push(Doc {
            record,
            words: words.into(),
            terms: terms.into(),
            len,
        });
    }

    /// How many records hold the term, if any does.
    fn frequency(&self, term: &str) -> Option<u32> {
        let id = *self.term_ids.get(term)?;
        self.document_frequency.get(id as usize).copied()
    }

    /// The people the records name, found once per dataset.
    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// Whether some term of the text is in the records and rare enough to
    /// mean something: in at most a fifth of them ("KOMID", "rhino"), not
    /// everywhere ("diplomat", "embassy").
    pub fn has_distinctive(&self, text: &str) -> bool {
        // A fifth of the records, but never more than a score of them: a
        // word found in dozens of records says nothing about which one is
        // meant, however large the data grows.
        let limit = (self.docs.len() / 5).clamp(1, DISTINCTIVE_AT_MOST);
        terms(text)
            .iter()
            .any(|t| self.frequency(t).is_some_and(|df| df as usize <= limit))
    }

    /// The share of a text's terms that any record holds: "what does kim
    /// jong un eat for breakfast" shares almost nothing with the records,
    /// and must not be answered with the records it happens to touch.
    pub fn known_share(&self, text: &str) -> f64 {
        let all = terms(text);
        if all.is_empty() {
            return 0.0;
        }
        let known = all
            .iter()
            .filter(|t| self.term_ids.contains_key(t.as_str()))
            .count();
        known as f64 / all.len() as f64
    }

    /// Records ranked for the question's terms, best first, each with its
    /// score; records holding the whole question as a phrase win outright.
    pub fn search(&self, question: &str) -> Vec<(Record, f64)> {
        let query = terms(question);
        if query.is_empty() {
            return Vec::new();
        }
        let n = self.docs.len() as f64;
        // Each of the question's terms the records hold, with its frequency
        // (repeated as often as the question repeats it).
        let known: Vec<(u32, f64)> = query
            .iter()
            .filter_map(|t| {
                let id = *self.term_ids.get(t.as_str())?;
                Some((id, f64::from(self.document_frequency[id as usize])))
            })
            .collect();
        let phrase = self.phrase_ids(question);
        let mut scored: Vec<(Record, f64, bool)> = self
            .docs
            .iter()
            .filter_map(|d| {
                let score: f64 = known
                    .iter()
                    .filter_map(|&(t, df)| {
                        let tf = f64::from(d.count_of(t)?);
                        let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
                        let norm = K1 * (1.0 - B + B * d.len as f64 / self.average_len);
                        Some(idf * tf * (K1 + 1.0) / (tf + norm))
                    })
                    .sum();
                (score > 0.0).then(|| (d.record, score, has_phrase(&d.words, phrase.as_deref())))
            })
            .collect();
        if scored.iter().any(|(_, _, phrase)| *phrase) {
            scored.retain(|(_, _, phrase)| *phrase);
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        let best = scored.first().map_or(0.0, |s| s.1);
        scored
            .into_iter()
            .filter(|s| s.1 >= best * MIN_SHARE)
            .take(MAX_HITS)
            .map(|(r, s, _)| (r, s))
            .collect()
    }
}

impl Index {
    /// The question's content words that may be a phrase (two or more in a
    /// row, as a person's name), as word ids; `None` when there is no such
    /// run or some word of it is in no record (then no record holds it).
    fn phrase_ids(&self, question: &str) -> Option<Vec<u32>> {
        let wanted: Vec<String> = fold(question)
            .split(' ')
            .filter(|w| !w.is_empty() && !is_stop(w))
            .map(str::to_owned)
            .collect();
        let phrase = longest_name_run(&wanted);
        if phrase.len() < 2 {
            return None;
        }
        phrase
            .iter()
            .map(|w| self.word_ids.get(w.as_str()).copied())
            .collect()
    }
}

/// Whether the record's words hold the phrase in a row.
fn has_phrase(words: &[u32], phrase: Option<&[u32]>) -> bool {
    phrase.is_some_and(|p| words.windows(p.len()).any(|w| w == p))
}

/// The longest run of words that are not question vocabulary: in "who is
/// kim hyong gil", the name.
fn longest_name_run(words: &[String]) -> &[String] {
    const QUESTION: &[&str] = &[
        "ambassador",
        "diplomat",
        "envoy",
        "expelled",
        "embassy",
        "happened",
        "record",
        "records",
        "person",
    ];
    let mut best: &[String] = &[];
    let mut start = 0;
    for i in 0..=words.len() {
        let ends = i == words.len() || QUESTION.contains(&words[i].as_str());
        if ends {
            if i - start > best.len() {
                best = &words[start..i];
            }
            start = i + 1;
        }
    }
    best
}

fn sources_text(data: &Dataset, ids: &[String]) -> String {
    ids.iter()
        .filter_map(|id| data.source(id))
        .map(|s| s.title.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn mission_text(data: &Dataset, m: &Mission) -> String {
    format!(
        "{} {} {} {} {} {}",
        data.country_name(&m.country),
        m.city,
        m.kind.label(),
        m.heads
            .iter()
            .map(|h| h.name.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        m.notes.as_deref().unwrap_or(""),
        sources_text(data, &m.sources)
    )
}

fn expulsion_text(data: &Dataset, e: &Expulsion) -> String {
    format!(
        "{} {} {} {} {} {} {} {}",
        data.country_name(&e.country),
        e.date.year,
        e.person.as_deref().unwrap_or(""),
        e.role.as_deref().unwrap_or(""),
        e.action.label(),
        e.trigger.as_deref().unwrap_or(""),
        e.notes.as_deref().unwrap_or(""),
        sources_text(data, &e.sources)
    )
}

fn defection_text(data: &Dataset, d: &super::Defection) -> String {
    let names: Vec<&str> = d.names().collect();
    format!(
        "{} defected defection {} {} {} {}",
        names.join(" "),
        d.post,
        data.country_name(&d.country),
        d.destination.as_deref().unwrap_or(""),
        d.notes.as_deref().unwrap_or("")
    )
}

fn relation_text(data: &Dataset, r: &Relation) -> String {
    format!(
        "{} diplomatic relations {} {} {}",
        data.country_name(&r.country),
        r.status,
        r.notes.as_deref().unwrap_or(""),
        sources_text(data, &r.sources)
    )
}

/// The people the records name (measures' persons and heads of mission),
/// each with the records that name them, as (folded name, display name).
fn people(data: &Dataset) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::new();
    let mut add = |name: &str, record: Record| {
        for part in name.split(['(', ')', ';']) {
            let part = part.trim().trim_start_matches("also ").trim();
            let folded = fold(part);
            // A Hangul name is one word ("리일규", "강철": a Korean source
            // gave it as a name); a Latin one needs two.
            if folded.split(' ').count() < 2
                && !(crate::i18n::has_hangul(part) && part.chars().count() >= 2)
            {
                continue;
            }
            match out.iter_mut().find(|(f, _, _)| *f == folded) {
                Some(entry) if !entry.2.contains(&record) => entry.2.push(record),
                Some(_) => {}
                None => out.push((folded, part.to_owned(), vec![record])),
            }
        }
    };
    // Korean readers type the Hangul name Korean press uses ("리길성").
    let hangul_of = |latin: &str| -> Vec<&str> {
        data.names
            .iter()
            .filter(|n| !n.place && latin.contains(n.latin.as_str()))
            .flat_map(|n| n.hangul())
            .collect()
    };
    for (i, e) in data.expulsions.iter().enumerate() {
        if let Some(p) = &e.person {
            add(p, Record::Expulsion(i));
            for name in hangul_of(p) {
                add(name, Record::Expulsion(i));
            }
        }
    }
    for (i, m) in data.missions.iter().enumerate() {
        for head in &m.heads {
            add(&head.name, Record::Mission(i));
            for name in hangul_of(&head.name) {
                add(name, Record::Mission(i));
            }
        }
    }
    for (i, d) in data.defections.iter().enumerate() {
        for name in d.names() {
            add(name, Record::Defection(i));
        }
    }
    out
}
