#![no_main]
//! Any slash-command line: parsed or refused, and whatever runs fits Discord.
use libfuzzer_sys::fuzz_target;
use missionbot::{answers, query::Query, render};

fuzz_target!(|input: &str| {
    let data = missionbot::dataset::embedded();
    if let Ok(query) = Query::parse_line(input) {
        let reply = answers::answer(data, &query);
        for page in render::paginate(&reply) {
            assert!(page.total_chars() <= render::limits::EMBED_TOTAL);
        }
        let _ = Query::parse_line(&answers::canonical(data, &query).to_string());
    }
});
