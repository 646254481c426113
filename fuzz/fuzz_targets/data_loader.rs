#![no_main]
//! Any content in any data file: loading fails with a located error, never panics.
use libfuzzer_sys::fuzz_target;
use missionbot::dataset::{DataFiles, Dataset};

fuzz_target!(|input: (u8, &str)| {
    let (which, text) = input;
    let mut files = DataFiles::embedded();
    let slot = match which % 6 {
        0 => &mut files.countries,
        1 => &mut files.missions,
        2 => &mut files.expulsions,
        3 => &mut files.relations,
        4 => &mut files.sources,
        _ => &mut files.figures,
    };
    *slot = text.to_owned();
    if let Err(e) = Dataset::from_files(&files, "data/") {
        assert!(e.to_string().starts_with("data/"));
    }
});
