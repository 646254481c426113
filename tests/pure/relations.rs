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

// ---- The December 2026 fact-check's findings, each kept fixed ----

fn line(q: &str) -> String {
    let (reply, _) = missionbot::cli::reply_to_line(dataset::embedded(), q, Lang::ENGLISH);
    missionbot::render::text(&reply)
}

#[test]
fn chile_relations_resumed_in_1992_with_the_first_date_in_dispute() {
    let field = relations_field("Chile");
    assert!(field.value.contains("status: active"), "{}", field.value);
    assert!(field.value.contains("25 Sep 1992"), "{}", field.value);
    for first in ["Nov 1970", "Jun 1972", "1975"] {
        assert!(field.value.contains(first), "{first}: {}", field.value);
    }
    assert!(!field.value.contains("severed"), "{}", field.value);
    // Every quote of the record says what the record says.
    let quotes: Vec<_> = dataset::embedded().quotes_for("relation:cl").collect();
    assert!(quotes.iter().any(|q| q.text.contains("1992")));
}

#[test]
fn the_2017_staff_cuts_of_bulgaria_and_south_africa_are_measures() {
    let text = line("/expelled country:Bulgaria");
    assert!(
        text.contains("February 2017") && text.contains("staff cut"),
        "{text}"
    );
    let text = line("/expelled country:South Africa year:2017");
    assert!(
        text.contains("staff cut") && text.contains("counsellor"),
        "{text}"
    );
}

#[test]
fn finland_1976_names_and_date_and_the_1992_measure() {
    let text = line("/expelled country:Finland");
    assert!(
        text.contains("20 October 1976") && text.contains("Chang Dae Hi"),
        "{text}"
    );
    assert!(text.contains("1992"), "{text}");
    assert!(!text.contains("not found"), "{text}");
    let field = relations_field("Finland");
    assert!(
        !field.value.contains("from 1978 to 1998"),
        "{}",
        field.value
    );
}

#[test]
fn aftermath_lines_do_not_mislead() {
    // The Nordic embassies kept working after 1976 and closed in the 1990s.
    let text = line("/expelled year:1976");
    assert!(
        text.contains("Embassy in Copenhagen closed (1998)"),
        "{text}"
    );
    assert!(text.contains("Embassy in Helsinki closed (1998)"), "{text}");
    assert!(!text.contains("no resident DPRK mission"), "{text}");
    // Malaysia's 2021 severance was the DPRK's, not a measure by Malaysia.
    let text = line("/expelled country:Malaysia year:2017");
    assert!(!text.contains("later measure: relations severed"), "{text}");
    let text = line("/expelled country:Malaysia year:2021");
    assert!(text.contains("relations severed by the DPRK"), "{text}");
}

#[test]
fn answers_a_person_would_write() {
    // No editor's notes, no "a month" the data never recorded.
    let text = line("/embassy country:Lesotho");
    assert!(
        !text.contains("of a month") && !text.contains("as far as"),
        "{text}"
    );
    assert!(text.contains("17 Apr 2025"), "{text}");
    // "Unknown" never reads as "no relations".
    for country in [
        "Tanzania",
        "Zimbabwe",
        "Liberia",
        "Sri Lanka",
        "Comoros",
        "Sudan",
    ] {
        let text = line(&format!("/embassy country:{country}"));
        assert!(!text.contains("not established"), "{country}: {text}");
    }
    // Uganda's two 1972 dates are two events, told as such.
    let text = line("/embassy country:Uganda");
    assert!(
        !text.contains("when the DPRK opened its embassy in Kampala (in Dec 1972)"),
        "{text}"
    );
    // One defection, told once, under one spelling.
    let text = line("/embassy country:United Kingdom");
    assert!(text.matches("Thae Yong").count() <= 1, "{text}");
    // A list of current embassies never puts an expellee in the head's slot.
    let text = line("How many embassies does North Korea have?");
    let kuwait = text.lines().find(|l| l.starts_with("Kuwait")).unwrap_or("");
    assert!(
        kuwait.contains("no head of mission reported since"),
        "{kuwait}"
    );
    // 1 October 2017 sorts before October 2017.
    let text = line("/expelled year:2017");
    assert!(
        text.find("1 October 2017 — Italy").unwrap() < text.find("October 2017 — Egypt").unwrap(),
        "{text}"
    );
    // One status for Managua in every view.
    let latest = line("/missions");
    let dated = line("/missions as_of:2025-06-30");
    let managua = |t: &str| {
        t.lines()
            .find(|l| l.contains("Managua"))
            .unwrap_or("")
            .to_owned()
    };
    assert_eq!(managua(&latest), managua(&dated));
}

#[test]
fn heads_of_mission_who_moved_on_are_not_shown_as_current() {
    let uk = line("/embassy country:United Kingdom");
    assert!(!uk.contains("Ambassador, last known: Choe Il"), "{uk}");
    assert!(
        uk.contains("Choe Il, named to another post 14 March 2020"),
        "{uk}"
    );
    let poland = line("/embassy country:Poland");
    assert!(poland.contains("Choe Il"), "{poland}");
    // Vienna's head is not shown beside a successor it names.
    let berlin = line("/embassy country:Germany");
    assert!(
        !berlin.contains("Ambassador, last known: Pak Nam Yong"),
        "{berlin}"
    );
    // A head last reported more than five years before the data's date says so.
    let data = dataset::embedded();
    for m in &data.missions {
        let text = line(&format!("/embassy country:{}", m.country));
        for l in text
            .lines()
            .filter(|l| l.starts_with("Ambassador, last known:"))
        {
            assert!(l.contains("no later report in the data"), "{l}");
        }
    }
}

#[test]
fn a_relation_resting_on_one_source_says_so() {
    let data = dataset::embedded();
    let single: Vec<_> = data
        .relations
        .iter()
        .filter(|r| r.sources.len() == 1)
        .collect();
    assert!(!single.is_empty());
    for r in single {
        let field = relations_field(&r.country);
        assert!(
            field.value.contains("One source:"),
            "{}: {}",
            r.country,
            field.value
        );
    }
    let field = relations_field("Chile");
    assert!(!field.value.contains("One source:"), "{}", field.value);
}

#[test]
fn every_open_mission_says_who_heads_it_or_that_no_source_names_anyone() {
    let data = dataset::embedded();
    for m in data
        .missions
        .iter()
        .filter(|m| m.status_latest == missionbot::dataset::Status::Open)
    {
        let text = line(&format!("/embassy country:{}", m.country));
        let said = text.contains("Head of mission: none named in the sources read")
            || text.contains("Ambassador, last known:")
            || text.contains("Last ambassador:")
            || text.contains("Last ambassador named:");
        assert!(said, "{}: {text}", m.id);
    }
}
