//! Resolves whatever a user types to one country, or to ranked candidates.
//!
//! Keys come from the country table (names, aliases, former names, ISO codes,
//! Korean names, capitals) and from the missions (their cities). Exact keys
//! win; otherwise a small edit distance (typos such as "Spian") picks a
//! country only when exactly one is closest, so an unknown word never
//! becomes a wrong country.

use super::{Country, Mission};
use crate::text::fold;
use std::collections::HashMap;

/// How a key names its country. The order is the tie-break: a country's own
/// name beats a city that happens to be spelled the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyKind {
    Name,
    Alias,
    Code,
    Korean,
    MissionCity,
    Capital,
    /// A name in another language; exact only (no typo allowance), and
    /// last, so an English name or a capital always wins.
    Translation,
}

/// How a resolved country was found, for replies that want to say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    Exact(KeyKind),
    /// A typo of this key.
    Typo(String),
}

#[derive(Debug, Clone)]
pub enum Resolution<'a> {
    Found {
        country: &'a Country,
        via: Via,
    },
    /// Several countries fit equally well; ranked best first.
    Ambiguous(Vec<&'a Country>),
    /// Nothing fits; the closest spellings, best first (may be empty).
    NotFound {
        suggestions: Vec<&'a Country>,
    },
}

impl<'a> Resolution<'a> {
    pub fn country(&self) -> Option<&'a Country> {
        match self {
            Resolution::Found { country, .. } => Some(country),
            _ => None,
        }
    }
}

#[derive(Debug)]
struct Key {
    folded: Box<str>,
    country: usize,
    kind: KeyKind,
    len: usize,
    letters: Letters,
}

/// How many of each letter a-z and digit a spelling has (capped), plus
/// everything else in one bucket. Half the L1 distance between two of them
/// is a lower bound of their edit distance (an insertion, deletion or
/// substitution moves it by at most 2, a transposition by 0), so most keys
/// are ruled out without computing the distance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Letters([u8; 37]);

impl Letters {
    fn of(text: &str) -> Letters {
        let mut counts = [0u8; 37];
        for c in text.chars() {
            let slot = match c {
                'a'..='z' => c as usize - 'a' as usize,
                '0'..='9' => 26 + c as usize - '0' as usize,
                ' ' => continue,
                _ => 36,
            };
            counts[slot] = counts[slot].saturating_add(1);
        }
        Letters(counts)
    }

    /// A lower bound of the edit distance between the two spellings.
    fn min_edits(&self, other: &Letters) -> usize {
        let l1: usize = self
            .0
            .iter()
            .zip(other.0.iter())
            .map(|(a, b)| usize::from(a.abs_diff(*b)))
            .sum();
        l1.div_ceil(2)
    }
}

/// Every folded spelling with its (kind, country) entries, best kind first,
/// sorted by spelling and looked up by binary search. Boxed slices in one
/// vector: a hash map of `String` to `Vec` held about twice the bytes for
/// the same 7,000 spellings (BENCHMARKS.md §13).
#[derive(Debug, Default)]
struct ExactTable(Vec<(Box<str>, Entries)>);

/// The (kind, country) entries of one spelling, best kind first.
type Entries = Box<[(KeyKind, usize)]>;

impl ExactTable {
    fn get(&self, folded: &str) -> Option<&[(KeyKind, usize)]> {
        let at = self.0.binary_search_by(|(k, _)| (**k).cmp(folded)).ok()?;
        Some(&self.0[at].1)
    }

    /// The spellings that start with `prefix`, with their entries.
    fn starting_with<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a [(KeyKind, usize)])> + 'a {
        let first = self.0.partition_point(|(k, _)| &**k < prefix);
        self.0[first..]
            .iter()
            .take_while(move |(k, _)| k.starts_with(prefix))
            .map(|(k, entries)| (&**k, &**entries))
    }
}

/// The lookup tables, built once with the dataset.
#[derive(Debug, Default)]
pub struct Resolver {
    exact: ExactTable,
    keys: Vec<Key>,
    /// Every word of every key with the key's index, sorted (for prefix search).
    words: Vec<(Box<str>, usize)>,
    /// How many times [`Resolver::resolve`] ran: a test holds a request to
    /// one resolution (a relaxed counter costs nothing measurable).
    calls: std::sync::atomic::AtomicUsize,
}

/// Typos allowed for a key of this many characters.
fn allowed_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=5 => 1,
        6..=9 => 2,
        _ => 3,
    }
}

impl Resolver {
    pub fn new(countries: &[Country], missions: &[Mission]) -> Self {
        let index_of: HashMap<&str, usize> = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iso2.as_str(), i))
            .collect();
        let mut resolver = Resolver::default();
        let mut exact = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            resolver.add(&mut exact, &c.name, i, KeyKind::Name);
            for alias in &c.aliases {
                resolver.add(&mut exact, alias, i, KeyKind::Alias);
            }
            resolver.add(&mut exact, &c.iso2, i, KeyKind::Code);
            resolver.add(&mut exact, &c.iso3, i, KeyKind::Code);
            for korean in &c.korean {
                resolver.add(&mut exact, korean, i, KeyKind::Korean);
            }
            for capital in &c.capital {
                resolver.add(&mut exact, capital, i, KeyKind::Capital);
            }
            for name in &c.translations {
                resolver.add(&mut exact, name, i, KeyKind::Translation);
            }
        }
        for m in missions {
            if let Some(&i) = index_of.get(m.country.as_str()) {
                resolver.add(&mut exact, &m.city, i, KeyKind::MissionCity);
                // "쿠웨이트시티", "리마": the city as Korean press writes it.
                for local in m.city_names.values() {
                    resolver.add(&mut exact, &local.name, i, KeyKind::MissionCity);
                }
            }
        }
        resolver.words = resolver
            .keys
            .iter()
            .enumerate()
            .flat_map(|(i, k)| k.folded.split(' ').map(move |w| (w.into(), i)))
            .collect();
        resolver.words.sort();
        let mut table: Vec<(Box<str>, Entries)> = exact
            .into_iter()
            .map(|(spelling, mut entries)| {
                entries.sort();
                entries.dedup_by_key(|(_, country)| *country);
                (spelling.into(), entries.into())
            })
            .collect();
        table.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        resolver.exact = ExactTable(table);
        resolver.keys.shrink_to_fit();
        resolver
    }

    fn add(
        &mut self,
        exact: &mut HashMap<String, Vec<(KeyKind, usize)>>,
        spelling: &str,
        country: usize,
        kind: KeyKind,
    ) {
        let folded = fold(spelling);
        if folded.is_empty() {
            return;
        }
        let entries = exact.entry(folded.clone()).or_default();
        if !entries.contains(&(kind, country)) {
            entries.push((kind, country));
        }
        // Cyrillic names take case endings ("Германии" for "Германия"), so
        // they get the typo allowance; other translations match exactly.
        let typo_key = match kind {
            KeyKind::Code | KeyKind::Korean => false,
            KeyKind::Translation => folded.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}')),
            _ => true,
        };
        if typo_key {
            let len = folded.chars().count();
            let letters = Letters::of(&folded);
            self.keys.push(Key {
                folded: folded.into(),
                country,
                kind,
                len,
                letters,
            });
        }
    }

    /// An exact match of the folded spelling, best kind first.
    pub fn exact<'a>(
        &self,
        countries: &'a [Country],
        input: &str,
    ) -> Option<(&'a Country, KeyKind)> {
        let entries = self.exact.get(&fold(input))?;
        let (kind, first) = *entries.first()?;
        // Two countries with the same best kind of key: not an exact answer.
        if entries.iter().filter(|(k, _)| *k == kind).count() > 1 {
            return None;
        }
        Some((&countries[first], kind))
    }

    /// Resolves one spelling typed as a country (a command option).
    pub fn resolve<'a>(&self, countries: &'a [Country], input: &str) -> Resolution<'a> {
        self.calls
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let folded = fold(input);
        if folded.is_empty() {
            return Resolution::NotFound {
                suggestions: Vec::new(),
            };
        }
        if let Some(entries) = self.exact.get(&folded) {
            let best = entries[0].0;
            let tied: Vec<&Country> = entries
                .iter()
                .filter(|(k, _)| *k == best)
                .map(|&(_, i)| &countries[i])
                .collect();
            return if tied.len() == 1 {
                Resolution::Found {
                    country: tied[0],
                    via: Via::Exact(best),
                }
            } else {
                Resolution::Ambiguous(tied)
            };
        }
        self.resolve_typo(countries, &folded)
    }

    fn resolve_typo<'a>(&self, countries: &'a [Country], folded: &str) -> Resolution<'a> {
        let ranked = self.closest(folded, 2);
        let allowed = allowed_edits(folded.chars().count());
        let within: Vec<&Scored> = ranked.iter().filter(|s| s.edits <= allowed).collect();
        match within.as_slice() {
            [] => Resolution::NotFound {
                suggestions: ranked
                    .iter()
                    .take(5)
                    .map(|s| &countries[s.country])
                    .collect(),
            },
            [only] => Resolution::Found {
                country: &countries[only.country],
                via: Via::Typo(only.key.to_string()),
            },
            [best, second, ..] if best.edits < second.edits => Resolution::Found {
                country: &countries[best.country],
                via: Via::Typo(best.key.to_string()),
            },
            tied => {
                let edits = tied[0].edits;
                Resolution::Ambiguous(
                    tied.iter()
                        .filter(|s| s.edits == edits)
                        .map(|s| &countries[s.country])
                        .collect(),
                )
            }
        }
    }

    /// Countries whose keys are within the typo allowance plus `slack` edits,
    /// one entry per country (its closest key), best first.
    fn closest(&self, folded: &str, slack: usize) -> Vec<Scored> {
        let len = folded.chars().count();
        let limit = allowed_edits(len) + slack;
        let letters = Letters::of(folded);
        let mut best: HashMap<usize, Scored> = HashMap::new();
        for key in &self.keys {
            if key.len.abs_diff(len) > limit
                || key.len < 4
                || key.letters.min_edits(&letters) > limit
            {
                continue;
            }
            let edits = strsim::osa_distance(folded, &key.folded);
            if edits > limit.min(allowed_edits(key.len) + slack) {
                continue;
            }
            let similarity = strsim::jaro_winkler(folded, &key.folded);
            let candidate = Scored {
                country: key.country,
                edits,
                similarity,
                kind: key.kind,
                key: key.folded.clone(),
            };
            best.entry(key.country)
                .and_modify(|s| {
                    if candidate.better_than(s) {
                        *s = candidate.clone();
                    }
                })
                .or_insert(candidate);
        }
        let mut ranked: Vec<Scored> = best.into_values().collect();
        ranked.sort_by(|a, b| {
            a.edits
                .cmp(&b.edits)
                .then(b.similarity.total_cmp(&a.similarity))
                .then(a.kind.cmp(&b.kind))
                .then(a.country.cmp(&b.country))
        });
        ranked
    }

    /// How many times [`Resolver::resolve`] has run.
    pub fn calls(&self) -> usize {
        self.calls.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Up to `limit` countries for what a user has typed so far: exact keys,
    /// then names and aliases that start with it, then words that start with
    /// it, then typos. `None` for an empty input.
    pub fn suggest<'a>(
        &self,
        countries: &'a [Country],
        typed: &str,
        limit: usize,
    ) -> Option<Vec<&'a Country>> {
        let folded = fold(typed);
        if folded.is_empty() {
            return None;
        }
        let mut ranked: Vec<(u8, usize)> = Vec::new();
        let push = |rank: u8, country: usize, ranked: &mut Vec<(u8, usize)>| {
            if let Some(existing) = ranked.iter_mut().find(|(_, c)| *c == country) {
                existing.0 = existing.0.min(rank);
            } else {
                ranked.push((rank, country));
            }
        };
        if let Some(entries) = self.exact.get(&folded) {
            for &(kind, country) in entries {
                push(
                    if kind <= KeyKind::Korean { 0 } else { 1 },
                    country,
                    &mut ranked,
                );
            }
        }
        // Words sorted: those starting with the typed text are one range.
        let first = self
            .words
            .partition_point(|(word, _)| &**word < folded.as_str());
        for (word, key) in self.words[first..]
            .iter()
            .take_while(|(w, _)| w.starts_with(&folded))
        {
            let key = &self.keys[*key];
            let rank = if key.folded.starts_with(&folded) && key.folded.starts_with(&**word) {
                match key.kind {
                    KeyKind::Name => 2,
                    KeyKind::Alias => 3,
                    _ => 4,
                }
            } else {
                5
            };
            push(rank, key.country, &mut ranked);
        }
        // Korean names have no typo keys (a syllable is not a letter), but
        // a Korean user types them a syllable at a time: "스페" → 스페인.
        if crate::i18n::has_hangul(&folded) {
            for (_, entries) in self.exact.starting_with(&folded) {
                for &(kind, country) in entries {
                    if kind == KeyKind::Korean {
                        push(2, country, &mut ranked);
                    }
                }
            }
        }
        for scored in self.closest(&folded, 0) {
            push(6, scored.country, &mut ranked);
        }
        ranked.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| countries[a.1].name.cmp(&countries[b.1].name))
        });
        Some(
            ranked
                .into_iter()
                .take(limit)
                .map(|(_, i)| &countries[i])
                .collect(),
        )
    }
}

#[derive(Debug, Clone)]
struct Scored {
    country: usize,
    edits: usize,
    similarity: f64,
    kind: KeyKind,
    key: Box<str>,
}

impl Scored {
    fn better_than(&self, other: &Scored) -> bool {
        (self.edits, other.kind) < (other.edits, self.kind)
            || (self.edits == other.edits
                && self.kind == other.kind
                && self.similarity > other.similarity)
    }
}
