#![no_main]
//! Any question: parsed and answered within Discord's limits.
use libfuzzer_sys::fuzz_target;
use missionbot::{answers, query::Query, render};

fuzz_target!(|input: &str| {
    let data = missionbot::dataset::embedded();
    let _ = answers::ask::parse_question(data, input);
    let reply = answers::answer(
        data,
        &Query::Ask {
            question: input.to_owned(),
        },
    );
    for page in render::paginate(&reply) {
        assert!(page.total_chars() <= render::limits::EMBED_TOTAL);
        assert!(page.fields.len() <= render::limits::FIELDS);
    }
});
