//! Heads of mission as terms: the data's rules and what the answers say.

mod common;

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
    assert!(uk.contains("Ambassador, last known: Choe Il"), "{uk}");
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
