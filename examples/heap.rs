//! Where the heap's bytes are (issue 29): a counting allocator around the
//! system's, and the bot's parts built one after the other, each reported
//! with the live bytes it added and the peak it reached while being built.
//!
//! ```sh
//! cargo run --release --example heap
//! ```
//!
//! It measures the heap only: serenity's and tokio's own state, thread
//! stacks and the binary's mapped pages are in the process's RSS, not here
//! (BENCHMARKS.md puts the two side by side).

use missionbot::dataset::Dataset;
use missionbot::i18n::Lang;
use missionbot::query::Query;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only
// counters are updated beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        System.dealloc(p, layout);
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = System.realloc(p, layout, new_size);
        if !q.is_null() {
            if new_size >= layout.size() {
                let live =
                    LIVE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
                PEAK.fetch_max(live, Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mib(bytes: usize) -> String {
    format!("{:.2} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// Runs `build`, keeping what it returns, and prints what it added to the
/// live heap and the peak above the start while it ran.
fn measure<T>(name: &str, build: impl FnOnce() -> T) -> T {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let kept = build();
    let after = LIVE.load(Relaxed);
    let peak = PEAK.load(Relaxed);
    println!(
        "| {name} | {} | {} |",
        mib(after.saturating_sub(before)),
        mib(peak.saturating_sub(before))
    );
    kept
}

/// Each host country's locator size in bytes.
fn locators_by_country(data: &Dataset) -> std::collections::BTreeMap<&str, usize> {
    data.missions
        .iter()
        .filter_map(|m| {
            let png = missionbot::map::locator_map(data, &m.country, Lang::ENGLISH)?;
            Some((m.country.as_str(), png.bytes.len()))
        })
        .collect()
}

fn main() {
    println!("| Part | Live bytes it adds | Peak while built |");
    println!("|---|---|---|");
    let data = measure(
        "Dataset (records, resolver's names in 25 languages, indexes)",
        || Dataset::load_default().expect("the embedded data loads"),
    );
    measure(
        "(within the dataset) the resolver's tables alone, built again",
        || missionbot::dataset::resolver::Resolver::new(&data.countries, &data.missions),
    );
    measure(
        "Search index alone (307 records; built by the first plain question)",
        || data.search_index().people().len(),
    );
    measure(
        "The rest of a first plain question (the parser's regexes, compiled on first use)",
        || {
            missionbot::answers::answer(
                &data,
                &Query::Ask {
                    question: "komid smuggling".into(),
                },
            )
        },
    );
    measure(
        "World outlines (lon/lat and projected; loaded by the first /map only)",
        || missionbot::map::world().is_ok(),
    );
    measure(
        "Map fonts (Latin and Hangul subsets; the first /map only)",
        missionbot::map::warm_up,
    );
    let locators = measure("Locator PNGs for every host country drawn at run time (en; now only for a server whose records change a country)", || {
        data.missions
            .iter()
            .map(|m| m.country.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .filter_map(|iso2| missionbot::map::locator_map(&data, &iso2, Lang::ENGLISH))
            .collect::<Vec<_>>()
    });
    let png_bytes: usize = locators.iter().map(|p| p.bytes.len()).sum();
    println!(
        "| (of which the PNG bytes themselves: {} locators) | {} | |",
        locators.len(),
        mib(png_bytes)
    );
    let drawn_ahead = measure(
        "The same locators drawn ahead of time (embedded in the binary: looked up, not drawn)",
        || {
            data.host_countries()
                .iter()
                .filter_map(|c| missionbot::map::shipped::locator(&data, &c.iso2, Lang::ENGLISH))
                .collect::<Vec<_>>()
        },
    );
    assert_eq!(
        drawn_ahead.len(),
        locators.len(),
        "every host's locator is embedded"
    );
    measure("One world /map render (kept: reply and PNG)", || {
        missionbot::map::mission_map(&data, &Default::default()).ok()
    });
    let answers = measure(
        "1,024 cached answers' JSON (/embassy for every country, repeated)",
        || {
            let mut bodies = Vec::new();
            for country in data.countries.iter().cycle().take(1024) {
                let query = Query::Embassy {
                    country: country.name.clone(),
                    as_of: None,
                };
                let reply = missionbot::answers::answer(&data, &query);
                let body = missionbot::interactions::wire::interaction_response(
                    &reply,
                    0,
                    Some(&query.to_string()),
                );
                bodies.push(serde_json::to_vec(&body).unwrap_or_default());
            }
            bodies
        },
    );
    let answer_bytes: usize = answers.iter().map(Vec::len).sum();
    println!(
        "| (of which the bodies themselves) | {} | |",
        mib(answer_bytes)
    );
    // Before issue 29's change each cached `/embassy` answer kept its own
    // copy of its locator; now it shares the locator cache's picture.
    let by_country: std::collections::BTreeMap<&str, usize> = locators_by_country(&data);
    let copies: usize = data
        .countries
        .iter()
        .cycle()
        .take(1024)
        .filter_map(|c| by_country.get(c.iso2.as_str()))
        .sum();
    println!(
        "| PNG copies those 1,024 answers held before sharing the locators | {} | |",
        mib(copies)
    );
    println!("\nLive heap at the end: {}", mib(LIVE.load(Relaxed)));
}
