//! Heads of mission as terms: the data's rules and what the answers say.

use crate::common;

use missionbot::dataset::{self, DataFiles, Dataset};
use serde_json::{json, Value};

/// The embedded files with one mission's heads changed by `edit`.
fn with_heads(mission_id: &str, edit: impl Fn(&mut Vec<Value>)) -> DataFiles {
    let mut files = DataFiles::embedded();
    let mut missions: Vec<Value> = serde_json::from_str(&files.missions).unwrap();
    let mission = missions
        .iter_mut()
        .find(|m| m["id"] == mission_id)
        .expect("a mission to change");
    let mut heads: Vec<Value> = serde_json::from_value(mission["heads"].clone()).unwrap();
    edit(&mut heads);
    mission["heads"] = Value::Array(heads);
    files.missions = serde_json::to_string(&missions).unwrap();
    files
}

fn load_error(files: DataFiles) -> String {
    Dataset::from_files(&files, "data/")
        .unwrap_err()
        .to_string()
}

#[test]
fn check_data_rejects_overlapping_terms_unsourced_terms_and_heads_left_in_post_after_a_measure() {
    // Hyon Hak Bong's term running into Choe Il's.
    let overlap = load_error(with_heads("gb-london", |h| h[0]["to"] = json!("2017")));
    assert!(
        overlap.contains("gb-london") && overlap.contains("overlaps"),
        "{overlap}"
    );
    // Kuwait expelled So Chang Sik on 17 Sept 2017: he cannot stay in post.
    let current = load_error(with_heads("kw-kuwait-city", |h| {
        h[0]["to"] = Value::Null;
        h[0]["ended"] = Value::Null;
    }));
    assert!(
        current.contains("heads[0].ended") && current.contains("expelled"),
        "{current}"
    );
    let unsourced = load_error(with_heads("cu-havana", |h| h[0]["sources"] = json!([])));
    assert!(unsourced.contains("heads[0].sources"), "{unsourced}");
    let unordered = load_error(with_heads("mx-mexico-city", |h| h.reverse()));
    assert!(unordered.contains("oldest first"), "{unordered}");
    let open_then_next = load_error(with_heads("gb-london", |h| {
        h[0]["to"] = Value::Null;
        h[0]["ended"] = Value::Null;
    }));
    assert!(open_then_next.contains("not ended"), "{open_then_next}");
    let bad_end = load_error(with_heads("gb-london", |h| {
        h[0]["ended"] = json!("retired")
    }));
    assert!(bad_end.contains("heads[0].ended"), "{bad_end}");
}

#[test]
fn every_measure_against_an_ambassador_ends_a_term_at_that_mission() {
    let data = dataset::embedded();
    for e in data.expulsions.iter().filter(|e| {
        e.role
            .as_deref()
            .is_some_and(|r| r.starts_with("ambassador"))
    }) {
        let Some(person) = &e.person else { continue };
        let Some(embassy) = data
            .missions_in(&e.country)
            .find(|m| m.kind == dataset::MissionKind::Embassy)
        else {
            continue;
        };
        let term = embassy
            .heads
            .iter()
            .find(|t| missionbot::answers::heads::same_person(&t.name, person))
            .unwrap_or_else(|| panic!("{person} has no term in {}", embassy.city));
        assert_eq!(term.to, Some(e.date), "{person}");
        assert_eq!(
            term.ended.and_then(|t| t.measure()),
            Some(e.action),
            "{person}"
        );
    }
}

#[test]
fn answers_show_the_succession_with_how_each_term_ended() {
    let uk = common::questions::reply_text("/embassy country:United Kingdom");
    assert!(
        uk.contains("Last ambassador: Choe Il, named to another post 14 March 2020"),
        "{uk}"
    );
    assert!(
        uk.contains("Earlier heads of mission: Hyon Hak Bong (recalled 2016)"),
        "{uk}"
    );
    let timeline = common::questions::reply_text("/timeline country:United Kingdom");
    assert!(
        timeline.contains("Hyon Hak Bong's term as head of mission ended: recalled"),
        "{timeline}"
    );
    let mexico = common::questions::reply_text("/embassy country:Mexico");
    assert!(
        mexico.contains("Kim Hyong Gil (declared persona non grata 7 September 2017)"),
        "{mexico}"
    );
    // In post until the mission closed: said so, never as current.
    let uganda = common::questions::reply_text("/embassy country:Uganda");
    assert!(
        uganda.contains(
            "Last ambassador: Jong Tong Hak, in post until the mission closed October 2023"
        ),
        "{uganda}"
    );
    // Italy's ambassador-designate is known only from the measure: not shown
    // in post before it, shown sent away after it.
    let before = common::questions::reply_text("/missions region:Europe as_of:2017-09-30");
    assert!(!before.contains("Mun Jong Nam"), "{before}");
    let after = common::questions::reply_text("/missions region:Europe as_of:2017-12-31");
    assert!(
        after.contains("Mun Jong Nam, asked to leave 1 October 2017"),
        "{after}"
    );
}

#[test]
fn check_data_rejects_one_person_heading_two_missions_at_once() {
    let moscow: Vec<Value> = {
        let missions: Vec<Value> = serde_json::from_str(&DataFiles::embedded().missions).unwrap();
        let m = missions.iter().find(|m| m["id"] == "ru-moscow").unwrap();
        serde_json::from_value(m["heads"].clone()).unwrap()
    };
    let current = moscow.last().unwrap().clone();
    assert!(current["to"].is_null(), "Moscow's last head is in post");
    let name = current["name"].as_str().unwrap().to_owned();
    // A mission with no head recorded takes the second post.
    let headless = {
        let missions: Vec<Value> = serde_json::from_str(&DataFiles::embedded().missions).unwrap();
        missions
            .iter()
            .find(|m| m["heads"].as_array().is_some_and(|h| h.is_empty()))
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let second_post = |concurrent: Option<&str>| {
        let name = name.clone();
        let headless = headless.clone();
        let current = current.clone();
        let concurrent = concurrent.map(str::to_owned);
        with_heads(&headless, move |h| {
            h.clear();
            h.push(json!({
                "name": name, "title": "ambassador", "from": "2023-01", "to": null,
                "reported": null, "ended": null, "concurrent_with": concurrent,
                "sources": current["sources"].clone(),
            }));
        })
    };
    let two_posts = load_error(second_post(None));
    assert!(
        two_posts.contains("heads both at once") && two_posts.contains("ru-moscow"),
        "{two_posts}"
    );
    // Recorded as a concurrent post, the same term is accepted.
    Dataset::from_files(&second_post(Some("ru-moscow")), "data/").unwrap();
}

/// The embedded files with the quotes replaced by `quotes`.
fn with_quotes(quotes: Value) -> DataFiles {
    let mut files = DataFiles::embedded();
    files.quotes = quotes.to_string();
    files
}

#[test]
fn check_data_rejects_a_quote_that_floats_free_of_its_fact() {
    let data = dataset::embedded();
    let r = data.relation_with("SE").unwrap();
    let cited = r.sources[0].clone();
    let not_cited = data
        .sources
        .iter()
        .find(|s| !r.sources.contains(&s.id))
        .unwrap()
        .id
        .clone();
    let quote = |fact: &str, source: &str, lang: &str, text: &str, gloss: Value| json!([{ "fact": fact, "source": source, "lang": lang, "text": text, "gloss": gloss }]);
    Dataset::from_files(
        &with_quotes(quote(
            "relation:se",
            &cited,
            "en",
            "Relations since 1973.",
            Value::Null,
        )),
        "data/",
    )
    .unwrap();
    let e = load_error(with_quotes(quote(
        "relation:xx",
        &cited,
        "en",
        "x",
        Value::Null,
    )));
    assert!(e.contains("no fact") && e.contains("relation:xx"), "{e}");
    let e = load_error(with_quotes(quote(
        "relation:se",
        &not_cited,
        "en",
        "x",
        Value::Null,
    )));
    assert!(e.contains("not among the sources"), "{e}");
    let e = load_error(with_quotes(quote(
        "relation:se",
        &cited,
        "sv",
        "Förbindelser sedan 1973.",
        Value::Null,
    )));
    assert!(e.contains("gloss"), "{e}");
    let long = "word ".repeat(200);
    let e = load_error(with_quotes(quote(
        "relation:se",
        &cited,
        "en",
        &long,
        Value::Null,
    )));
    assert!(e.contains("at most"), "{e}");
}

#[test]
fn check_data_counts_the_facts_with_a_quote() {
    let summary = dataset::embedded().summary().to_string();
    let line = summary
        .lines()
        .find(|l| l.starts_with("facts with a source quote: "))
        .expect("the quote count line");
    let numbers: Vec<usize> = line
        .trim_start_matches("facts with a source quote: ")
        .split(" of ")
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(numbers[0] > 0 && numbers[0] <= numbers[1], "{line}");
    assert_eq!(
        numbers[1] - numbers[0],
        dataset::embedded().facts_without_quote().len()
    );
}
