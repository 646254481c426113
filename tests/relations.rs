//! Relations with every country: the records' rules, what `/embassy` says
//! from them, and how much of the world the data covers.

use missionbot::answers;
use missionbot::dataset::{self, DataFiles, Dataset};
use missionbot::i18n::Lang;
use missionbot::query::Query;
use missionbot::reply::Tone;
use missionbot::text::capitalize;
use serde_json::Value;

fn embassy(country: &str) -> missionbot::reply::Reply {
    answers::answer(
        dataset::embedded(),
        &Query::Embassy {
            country: country.into(),
            as_of: None,
        },
    )
}

/// The "Diplomatic relations" field of a country's /embassy answer.
fn relations_field(country: &str) -> missionbot::reply::Field {
    embassy(country)
        .fields
        .into_iter()
        .find(|f| f.name == "Diplomatic relations")
        .unwrap_or_else(|| panic!("{country}: no relations field"))
}

/// The embedded files with one relation record changed by `edit`.
fn with_relation(iso2: &str, edit: impl Fn(&mut Value)) -> DataFiles {
    let mut files = DataFiles::embedded();
    let mut relations: Vec<Value> = serde_json::from_str(&files.relations).unwrap();
    let record = relations
        .iter_mut()
        .find(|r| r["country"] == iso2)
        .expect("a record to change");
    edit(record);
    files.relations = serde_json::to_string(&relations).unwrap();
    files
}

#[test]
fn a_relation_needs_a_known_status_a_date_and_a_source() {
    let cases: Vec<(DataFiles, &str)> = vec![
        (
            with_relation("DK", |r| {
                r["established"] = Value::Null;
                r["established_text"] = Value::Null;
            }),
            "established",
        ),
        (
            with_relation("DK", |r| r["sources"] = Value::Array(vec![])),
            "sources",
        ),
        (
            with_relation("DK", |r| r["status"] = "friendly".into()),
            "status",
        ),
        (
            with_relation("JP", |r| r["established"] = "1972".into()),
            "established",
        ),
        (
            with_relation("FI", |r| r["country"] = "DK".into()),
            "country",
        ),
        (with_relation("DK", |r| r["as_of"] = "1960".into()), "as_of"),
        (
            with_relation("DK", |r| r["covers_dprk_from"] = " ".into()),
            "covers_dprk_from",
        ),
    ];
    for (files, field) in cases {
        let error = Dataset::from_files(&files, "data/")
            .unwrap_err()
            .to_string();
        assert!(error.contains("relations.json"), "{error}");
        assert!(error.contains(field), "{field}: {error}");
    }
}

#[test]
fn embassy_answers_state_relations_for_every_country_with_a_record() {
    let data = dataset::embedded();
    for relation in &data.relations {
        let country = data.country(&relation.country).unwrap();
        let reply = embassy(&country.name);
        let field = reply
            .fields
            .iter()
            .find(|f| f.name == "Diplomatic relations")
            .unwrap_or_else(|| panic!("{}: no relations field", country.name));
        assert!(!field.sources.is_empty(), "{}", country.name);
        assert_ne!(reply.tone, Tone::NotFound, "{}", country.name);
        match relation.status.as_str() {
            "none" => assert!(
                field.value.contains("no diplomatic relations"),
                "{}",
                field.value
            ),
            status => {
                let label = answers::relation_status(status, missionbot::i18n::Lang::ENGLISH);
                assert!(
                    field.value.contains(&label),
                    "{}: {}",
                    country.name,
                    field.value
                )
            }
        }
        if let Some(date) = relation.established {
            assert!(field.value.contains(&date.to_string()), "{}", field.value);
        }
    }
}

#[test]
fn states_that_never_had_relations_say_so_with_a_source() {
    for country in [
        "Japan",
        "United States",
        "France",
        "South Korea",
        "Saudi Arabia",
    ] {
        let reply = embassy(country);
        let words = reply.plain_words();
        assert!(
            words.contains("no diplomatic relations"),
            "{country}: {words}"
        );
        assert!(!reply.sources.is_empty(), "{country}");
    }
    // Relations that ended are told apart from relations that never were.
    let argentina = embassy("Argentina").plain_words();
    assert!(
        argentina.contains("severed") && argentina.contains("terminated"),
        "{argentina}"
    );
}

#[test]
fn conflicting_sources_are_shown_not_hidden() {
    // Kenya: 2008 in KCNA and today's Wikipedia, 1975 in an older revision.
    let kenya = embassy("Kenya").plain_words();
    assert!(
        kenya.contains("26 September 2008") && kenya.contains("1975"),
        "{kenya}"
    );
    assert!(kenya.contains("Uncertain"), "{kenya}");
    // Uganda: which embassy took over after Kampala closed.
    let uganda = embassy("Uganda").plain_words();
    assert!(
        uganda.contains("Pretoria") && uganda.contains("Malabo"),
        "{uganda}"
    );
}

/// Every UN member and observer resolves to a relation record: relations in
/// force, ended, of unknown state, or an explicit "none". The ones missing,
/// if a record is ever dropped, are printed for whoever fixes the data.
#[test]
fn every_un_member_and_observer_has_a_relation_record() {
    let data = dataset::embedded();
    let missing: Vec<&str> = data
        .countries
        .iter()
        .filter(|c| c.un_member && c.iso2 != "KP" && data.relation_with(&c.iso2).is_none())
        .map(|c| c.name.as_str())
        .collect();
    let summary = data.summary();
    assert_eq!(
        summary.un_members - summary.un_members_with_relation_record,
        missing.len()
    );
    assert!(
        missing.is_empty(),
        "UN members without a relation record: {missing:?}"
    );
    assert_eq!(summary.un_members_with_relation_record, 193);
    // The two observer states: the Holy See (no relations) and Palestine.
    for iso2 in ["VA", "PS"] {
        assert!(data.relation_with(iso2).is_some(), "{iso2}");
    }
    // A record the sources could not date still says why, and stands on a source.
    for r in &data.relations {
        assert!(!r.sources.is_empty(), "{}", r.country);
        if matches!(r.status.as_str(), "active" | "suspended") {
            assert!(
                r.established.is_some() || r.established_text.is_some(),
                "{}",
                r.country
            );
        }
    }
}

#[test]
fn a_relation_status_is_dated_by_its_latest_source_and_moves_the_data_date() {
    let data = dataset::embedded();
    let english = missionbot::i18n::Lang::ENGLISH;
    for r in &data.relations {
        let latest = r
            .sources
            .iter()
            .filter_map(|id| data.source(id))
            .filter_map(|s| s.date)
            .max()
            .map(|d| r.established.map_or(d, |e| d.max(e)));
        assert_eq!(r.as_of, latest, "{}", r.country);
        if let Some(as_of) = r.as_of {
            assert!(data.as_of >= as_of, "{}: {}", r.country, as_of.iso());
        }
    }
    // The data's date is the latest dated fact, a relation's included, and
    // /embassy states the date a status holds as of.
    let newest = data
        .relations
        .iter()
        .filter(|r| r.status != "none")
        .max_by_key(|r| r.as_of)
        .expect("relations");
    let as_of = newest.as_of.expect("a dated relation");
    assert!(data.as_of >= as_of);
    let field = relations_field(data.country_name(&newest.country));
    let dated = format!("(as of {})", english.date(as_of));
    assert!(field.value.contains(&dated), "{dated}: {}", field.value);
}

/// Who covers whom, both ways: the country's mission for the DPRK (its
/// embassy in Pyongyang, or the city of its accredited ambassador) and the
/// DPRK mission accredited to the country, each stated by /embassy.
#[test]
fn embassy_says_who_covers_whom_both_ways() {
    let data = dataset::embedded();
    let mut stated = 0;
    for r in &data.relations {
        let Some(city) = &r.covers_dprk_from else {
            continue;
        };
        let name = data.country_name(&r.country);
        let field = relations_field(name);
        // A sentence starts with the name as said in a sentence, capitalised:
        // "The Philippines covers the DPRK …".
        let subject = capitalize(&data.country_name_in_sentence(&r.country, Lang::ENGLISH));
        let expected = if city == "Pyongyang" {
            format!("{subject} has an embassy in Pyongyang.")
        } else {
            format!("{subject} covers the DPRK from its embassy in {city}.")
        };
        // Once: a note that repeats the structured sentence reads as a stutter.
        assert_eq!(
            field.value.matches(&expected).count(),
            1,
            "{expected}: {}",
            field.value
        );
        stated += 1;
    }
    assert!(
        stated >= 30,
        "only {stated} records say where the DPRK is covered from"
    );
    for m in &data.missions {
        for iso2 in &m.accredited_to {
            let name = data.country_name(iso2);
            let reply = embassy(name);
            let host = data.country_name(&m.country);
            let in_sentence = data.country_name_in_sentence(iso2, Lang::ENGLISH);
            assert!(
                reply
                    .description
                    .contains(&format!("The DPRK covers {in_sentence} from its"))
                    || reply.fields.iter().any(|f| f.name.contains(host)),
                "{name}: {}",
                reply.description
            );
        }
    }
}

#[test]
fn country_names_read_as_english_in_sentences() {
    let philippines = embassy("Philippines");
    assert_eq!(philippines.title, "No DPRK mission in the Philippines");
    assert!(
        philippines
            .description
            .starts_with("The data records no DPRK embassy, consulate or other mission in the Philippines. The DPRK covers the Philippines from its embassy in Bangkok"),
        "{}",
        philippines.description
    );
    let field = relations_field("Philippines");
    assert!(
        field
            .value
            .contains("\nThe Philippines covers the DPRK from its embassy in Beijing."),
        "{}",
        field.value
    );
    // Names without an article stay bare, and Korean has none.
    assert_eq!(embassy("Spain").title, "DPRK missions in Spain");
    let data = dataset::embedded();
    for (iso2, said) in [
        ("US", "the United States"),
        ("GB", "the United Kingdom"),
        ("SB", "the Solomon Islands"),
        ("CF", "the Central African Republic"),
        ("GM", "the Gambia"),
        ("ES", "Spain"),
        ("CZ", "Czechia"),
        ("IM", "Isle of Man"),
    ] {
        assert_eq!(data.country_name_in_sentence(iso2, Lang::ENGLISH), said);
    }
    assert_eq!(
        data.country_name_in_sentence("PH", Lang::from_locale("ko")),
        data.country_name_in("PH", Lang::from_locale("ko"))
    );
}
