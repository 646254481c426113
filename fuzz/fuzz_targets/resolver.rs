#![no_main]
//! Any spelling: resolution and suggestions never panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let data = missionbot::dataset::embedded();
    let _ = data.resolve(input);
    let suggestions = data.suggest_countries(input, 25);
    assert!(suggestions.len() <= 25);
});
