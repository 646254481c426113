//! The locators drawn ahead of time (`data/locators/`, src/map/shipped.rs)
//! are exactly what the renderer draws now from the shipped data, one per
//! catalogue language and host country, and nothing else.
//!
//! After changing the data, the map or the fonts:
//!   UPDATE_LOCATORS=1 cargo test --test pure locators

use missionbot::dataset;
use missionbot::i18n::{catalogues, Lang};
use missionbot::map::{self, shipped};
use std::collections::BTreeMap;

/// Every locator the shipped data needs, by file name, drawn now.
fn drawn_now() -> BTreeMap<String, Vec<u8>> {
    let data = dataset::embedded();
    let mut drawn = BTreeMap::new();
    for (code, _) in catalogues() {
        let lang = Lang::from_locale(code);
        for host in data.host_countries() {
            let name = shipped::file_name(data, &host.iso2, lang).expect("a host has missions");
            let png = map::locator_map(data, &host.iso2, lang).expect("a host's locator draws");
            drawn.insert(name, png.bytes.to_vec());
        }
    }
    drawn
}

#[test]
fn the_locators_drawn_ahead_are_what_the_renderer_draws_now() {
    let drawn = drawn_now();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/locators");
    if std::env::var("UPDATE_LOCATORS").is_ok_and(|v| v == "1") {
        for entry in std::fs::read_dir(&dir).expect("data/locators exists") {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_some_and(|e| e == "png") {
                std::fs::remove_file(path).expect("an old locator is removable");
            }
        }
        for (name, bytes) in &drawn {
            std::fs::write(dir.join(name), bytes).expect("data/locators is writable");
        }
        panic!(
            "wrote {} locators to data/locators; build again (they are embedded) and rerun without UPDATE_LOCATORS",
            drawn.len()
        );
    }
    let embedded: BTreeMap<String, Vec<u8>> = shipped::all()
        .iter()
        .map(|(name, bytes)| ((*name).to_owned(), bytes.to_vec()))
        .collect();
    let missing: Vec<&String> = drawn
        .keys()
        .filter(|n| !embedded.contains_key(*n))
        .collect();
    let stale: Vec<&String> = embedded
        .keys()
        .filter(|n| !drawn.contains_key(*n))
        .collect();
    let differ: Vec<&String> = drawn
        .iter()
        .filter(|(n, bytes)| embedded.get(*n).is_some_and(|e| e != *bytes))
        .map(|(n, _)| n)
        .collect();
    assert!(
        missing.is_empty() && stale.is_empty() && differ.is_empty(),
        "data/locators is out of date (run UPDATE_LOCATORS=1 cargo test --test pure locators):\n missing {missing:?}\n stale {stale:?}\n different {differ:?}"
    );
    // Two languages (English and Korean) for every host country.
    let hosts = dataset::embedded().host_countries().len();
    assert_eq!(embedded.len(), hosts * catalogues().len());
}

#[test]
fn a_view_whose_missions_differ_gets_no_locator_drawn_ahead() {
    let data = dataset::embedded();
    let en = Lang::from_locale("en");
    let shipped_png = shipped::locator(data, "ES", en).expect("Spain's locator is embedded");
    assert_eq!(
        shipped_png.bytes.as_ref(),
        map::locator_map(data, "ES", en).unwrap().bytes.as_ref()
    );
    // A changed mission (as a moderator's record makes one) changes the key.
    let mut madrid = data
        .missions_in("ES")
        .next()
        .expect("a mission in Spain")
        .clone();
    madrid.status_latest_as_of = dataset::PartialDate::parse("2026-11-01");
    let changed = data.with_changes(vec![madrid], Vec::new(), Vec::new());
    assert!(shipped::locator(&changed, "ES", en).is_none());
    // Other countries are untouched by it.
    assert!(shipped::locator(&changed, "MX", en).is_some());
    // No locator for a country without a mission.
    assert!(shipped::locator(data, "IS", en).is_none());
}
