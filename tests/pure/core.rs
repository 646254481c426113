//! The pure core: data, resolver, answers and their rendering within Discord's limits.

use crate::common;

use missionbot::answers::{self, ask};
use missionbot::countries::Resolution;
use missionbot::dataset::{self, Action, Dataset, DateRange, MissionKind, PartialDate, Status};
use missionbot::interactions::wire;
use missionbot::query::Query;
use missionbot::render::{self, limits};
use missionbot::reply::Reply;
use proptest::prelude::*;
use serde_json::Value;

fn data() -> &'static Dataset {
    dataset::embedded()
}

fn resolves_to(input: &str, iso2: &str) {
    match data().resolve(input) {
        Resolution::Found { country, .. } => {
            assert_eq!(country.iso2, iso2, "{input:?} resolved to {}", country.name)
        }
        other => panic!("{input:?} did not resolve to {iso2}: {other:?}"),
    }
}

#[test]
fn resolver_understands_names_aliases_codes_typos_korean_and_cities() {
    let cases = [
        ("Spain", "ES"),
        ("spain", "ES"),
        ("ES", "ES"),
        ("esp", "ES"),
        ("España", "ES"),
        ("the Spain", "ES"),
        ("Spian", "ES"),
        ("Malysia", "MY"),
        ("Veneuzela", "VE"),
        ("Burma", "MM"),
        ("Czechia", "CZ"),
        ("Czech Republic", "CZ"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Great Britain", "GB"),
        ("Laos", "LA"),
        ("Lao PDR", "LA"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("cote d'ivoire", "CI"),
        ("DR Congo", "CD"),
        ("Congo-Kinshasa", "CD"),
        ("Swaziland", "SZ"),
        ("Eswatini", "SZ"),
        ("Holland", "NL"),
        ("Vientiane", "LA"),
        ("Madrid", "ES"),
        ("Kathmandu", "NP"),
        ("Geneva", "CH"),
        ("스페인", "ES"),
        ("Taiwan", "TW"),
        ("Kosovo", "XK"),
        ("Hong Kong", "HK"),
        ("Macau", "MO"),
        ("Palestine", "PS"),
        ("Vatican", "VA"),
        ("united states of america", "US"),
        ("Turkey", "TR"),
        ("brasil", "BR"),
    ];
    for (input, iso2) in cases {
        resolves_to(input, iso2);
    }
}

#[test]
fn resolver_never_guesses_a_wrong_country() {
    for input in ["Atlantis", "Narnia", "xyzzy", "", "   ", "Wakanda", "1234"] {
        assert!(
            data().resolve(input).country().is_none(),
            "{input:?} should not resolve"
        );
    }
    // Equally close to two countries: ask, do not pick.
    assert!(matches!(
        data().resolve("Irak"),
        Resolution::Found { .. } | Resolution::Ambiguous(_)
    ));
    match data().resolve("Niger") {
        Resolution::Found { country, .. } => assert_eq!(country.iso2, "NE"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_record_cites_sources_that_exist() {
    let d = data();
    let check = |what: &str, ids: &[String]| {
        assert!(!ids.is_empty(), "{what} has no source");
        for id in ids {
            assert!(d.source(id).is_some(), "{what} cites unknown source {id}");
        }
    };
    d.missions.iter().for_each(|m| check(&m.id, &m.sources));
    d.expulsions.iter().for_each(|e| check(&e.id, &e.sources));
    d.relations.iter().for_each(|r| check(&r.id, &r.sources));
    d.figures.iter().for_each(|f| check(&f.id, &f.sources));
}

#[test]
fn sept_2017_embassy_count_matches_the_ncnk_figure() {
    let d = data();
    let ncnk = d
        .figures
        .iter()
        .find(|f| f.id == "embassies-2017-ncnk")
        .expect("the NCNK figure is in figures.json");
    let day = ncnk.compare_with_status_at.expect("compared at a date");
    let open = d
        .missions
        .iter()
        .filter(|m| m.kind == MissionKind::Embassy && m.status_on(day) == Status::Open)
        .count();
    assert_eq!(
        open as u32, ncnk.value,
        "the data's count differs from NCNK's; explain it in the notes"
    );
}

#[test]
fn status_on_a_date_follows_opening_and_closing_dates() {
    let d = data();
    let madrid = d
        .missions
        .iter()
        .find(|m| m.id == "es-madrid")
        .expect("Madrid");
    assert_eq!(
        madrid.status_on(PartialDate::parse("2017-09-30").unwrap()),
        Status::Open
    );
    assert_eq!(
        madrid.status_on(PartialDate::parse("2024-01").unwrap()),
        Status::Closed
    );
    assert_eq!(
        madrid.status_on(PartialDate::parse("2010").unwrap()),
        Status::Closed,
        "opened 2013"
    );
    let kl = d
        .missions
        .iter()
        .find(|m| m.id == "my-kuala-lumpur")
        .expect("KL");
    assert_eq!(
        kl.status_on(PartialDate::parse("2020").unwrap()),
        Status::Open
    );
    assert_eq!(
        kl.status_on(PartialDate::parse("2021-03-21").unwrap()),
        Status::Closed
    );
}

#[test]
fn embassy_spain_names_madrid_closure_and_cites_with_link() {
    let r = answers::answer(
        data(),
        &Query::Embassy {
            country: "spian".into(),
            as_of: None,
        },
    );
    let text = render::text(&r);
    assert!(
        text.contains("Madrid") && text.contains("closed (October 2023)"),
        "{text}"
    );
    assert!(r.primary_url().is_some_and(|u| u.starts_with("http")));
    assert!(text.contains("Sources:") && text.contains("https://"));
}

#[test]
fn embassy_without_a_mission_names_the_covering_mission() {
    let r = answers::answer(
        data(),
        &Query::Embassy {
            country: "Australia".into(),
            as_of: None,
        },
    );
    let text = render::text(&r);
    assert!(text.contains("Canberra"), "{text}");
    let r = answers::answer(
        data(),
        &Query::Embassy {
            country: "Uzbekistan".into(),
            as_of: None,
        },
    );
    assert!(
        render::text(&r).contains("Moscow"),
        "Uzbekistan is covered from Moscow"
    );
    let r = answers::answer(
        data(),
        &Query::Embassy {
            country: "Chile".into(),
            as_of: None,
        },
    );
    assert!(
        r.title.starts_with("No DPRK mission in Chile"),
        "{}",
        r.title
    );
}

#[test]
fn unknown_country_says_did_you_mean_and_never_answers_another() {
    let r = answers::answer(
        data(),
        &Query::Embassy {
            country: "Atlantis".into(),
            as_of: None,
        },
    );
    assert!(r.title.contains("Atlantis"));
    assert!(!render::text(&r).contains("Madrid"));
    let r = answers::answer(
        data(),
        &Query::Embassy {
            country: "Mexco Cty".into(),
            as_of: None,
        },
    );
    assert!(render::text(&r).contains("Mexico"), "{}", render::text(&r));
}

#[test]
fn expelled_2017_lists_the_wave_with_dates_and_sources() {
    let r = answers::answer(data(), &Query::parse_line("/expelled year:2017").unwrap());
    let text = render::text(&r);
    for needle in [
        "Mexico",
        "Peru",
        "Kuwait",
        "Spain",
        "Italy",
        "Malaysia",
        "7 September 2017",
        "18 September 2017",
        "1 October 2017",
    ] {
        assert!(text.contains(needle), "missing {needle}");
    }
    assert!(r.sources.len() >= 10);
    // Chronological.
    let dates: Vec<&str> = r.fields.iter().map(|f| f.name.as_str()).collect();
    let mexico = dates.iter().position(|d| d.contains("Mexico")).unwrap();
    let italy = dates.iter().position(|d| d.contains("Italy")).unwrap();
    assert!(mexico < italy);
}

#[test]
fn expelled_filters_by_country_reason_and_action() {
    let r = answers::answer(
        data(),
        &Query::parse_line("/expelled country:Mexico").unwrap(),
    );
    assert_eq!(r.fields.len(), 1);
    assert!(r.fields[0].value.contains("Kim Hyong Gil"));
    let r = answers::answer(
        data(),
        &Query::Expelled {
            country: None,
            region: None,
            when: DateRange::default(),
            reason: Some("smuggling".into()),
            action: None,
        },
    );
    let text = render::text(&r);
    assert!(
        text.contains("Bangladesh") && text.contains("South Africa") && text.contains("Sweden")
    );
    assert!(!text.contains("Mexico"));
    let r = answers::answer(
        data(),
        &Query::Expelled {
            country: None,
            region: None,
            when: DateRange::default(),
            reason: None,
            action: Some(Action::RelationsSevered),
        },
    );
    assert!(r
        .fields
        .iter()
        .all(|f| f.value.contains("relations severed")));
    let r = answers::answer(
        data(),
        &Query::parse_line("/expelled country:Chile").unwrap(),
    );
    assert!(r.title.starts_with("No recorded measure"));
}

#[test]
fn missions_counts_come_from_the_data() {
    let d = data();
    let r = answers::answer(
        d,
        &Query::parse_line("/missions region:Africa status:open").unwrap(),
    );
    let text = render::text(&r);
    assert!(
        text.contains("Algeria") && !text.contains("Angola —"),
        "{text}"
    );
    let open_in_africa = d
        .missions
        .iter()
        .filter(|m| {
            d.country(&m.country).is_some_and(|c| c.region == "Africa")
                && m.status_latest == Status::Open
        })
        .count();
    assert!(
        r.description
            .starts_with(&format!("{open_in_africa} mission")),
        "{}",
        r.description
    );

    let r = answers::answer(
        d,
        &Query::parse_line("/missions as_of:2017-09-30 kind:embassy status:open").unwrap(),
    );
    assert!(
        r.description.contains("Embassies open: 47"),
        "{}",
        r.description
    );
    let r = answers::answer(d, &Query::parse_line("/missions region:Narnia").unwrap());
    assert!(r.title.contains("Narnia"));
}

fn response_body(reply: &Reply, page: usize) -> Value {
    serde_json::to_value(wire::interaction_response(reply, page, Some("/missions")))
        .expect("serializes")
}

fn assert_within_limits(reply: &Reply) {
    for page in render::paginate(reply) {
        assert!(page.title.chars().count() <= limits::TITLE);
        assert!(page.description.chars().count() <= limits::DESCRIPTION);
        assert!(page.fields.len() <= limits::FIELDS);
        for (name, value, _) in &page.fields {
            assert!(!name.is_empty() && name.chars().count() <= limits::FIELD_NAME);
            assert!(
                !value.is_empty() && value.chars().count() <= limits::FIELD_VALUE,
                "{name}: {}",
                value.chars().count()
            );
        }
        assert!(page.footer.chars().count() <= limits::FOOTER);
        assert!(
            page.total_chars() <= limits::EMBED_TOTAL,
            "{} chars",
            page.total_chars()
        );
    }
}

fn assert_body_ok(reply: &Reply) {
    assert_within_limits(reply);
    let body = response_body(reply, 0);
    assert_eq!(
        body["data"]["allowed_mentions"]["parse"],
        serde_json::json!([]),
        "mentions must never ping"
    );
    common::spec::assert_valid("CreateMessageInteractionCallbackRequest", &body);
}

#[test]
fn every_answer_for_every_country_fits_discord_and_validates() {
    let d = data();
    for c in &d.countries {
        for query in [
            Query::Embassy {
                country: c.name.clone(),
                as_of: None,
            },
            Query::Expelled {
                country: Some(c.iso3.clone()),
                region: None,
                when: DateRange::default(),
                reason: None,
                action: None,
            },
            Query::Timeline {
                country: c.name.clone(),
                when: DateRange::default(),
            },
        ] {
            let reply = answers::answer(d, &query);
            assert_within_limits(&reply);
            assert!(!reply.footer.is_empty());
        }
    }
    // Schema validation is slower: validate a spread of replies, one per country kind of answer.
    for q in [
        "/missions",
        "/sources",
        "/help",
        "/expelled",
        "/embassy country:China",
        "/embassy country:Spain",
        "/missions as_of:2017-09-30",
        "/embassy country:Atlantis",
    ] {
        let reply = answers::answer(d, &Query::parse_line(q).unwrap());
        for page in 0..render::paginate(&reply).len() {
            common::spec::assert_valid(
                "CreateMessageInteractionCallbackRequest",
                &response_body(&reply, page),
            );
        }
        assert_body_ok(&reply);
    }
}

#[test]
fn every_reply_cites_sources_except_help_and_not_found() {
    let d = data();
    for q in [
        "/embassy country:Spain",
        "/expelled year:2017",
        "/missions",
        "/sources",
    ] {
        let r = answers::answer(d, &Query::parse_line(q).unwrap());
        assert!(!r.sources.is_empty(), "{q}");
        for page in render::paginate(&r) {
            assert!(
                page.fields.iter().any(|(n, _, _)| n == "Sources"),
                "{q}: a page without sources"
            );
            assert!(page.url.is_some());
        }
    }
}

#[test]
fn a_long_answer_is_split_into_pages_without_losing_text() {
    let r = answers::answer(data(), &Query::Sources { country: None });
    let pages = render::paginate(&r);
    assert!(pages.len() > 1);
    let shown: String = pages
        .iter()
        .flat_map(|p| p.fields.iter().map(|f| f.1.clone()))
        .collect();
    for s in &data().sources {
        assert!(shown.contains(&s.url), "{} missing from pages", s.url);
    }
}

#[test]
fn oversized_replies_are_cut_at_words_with_an_ellipsis() {
    let mut r = Reply::new("t".repeat(400)).with_description("word ".repeat(2000));
    for i in 0..60 {
        r.push_field(
            format!("field {i} {}", "n".repeat(300)),
            "value line\n".repeat(300),
            vec![],
        );
    }
    r.footer = "f".repeat(3000);
    assert_body_ok(&r);
    let page = &render::paginate(&r)[0];
    assert!(page.title.ends_with('…'));
    assert!(page.description.ends_with('…'));
}

#[test]
fn mentions_in_user_input_are_echoed_harmlessly() {
    let r = answers::answer(
        data(),
        &Query::Embassy {
            country: "@everyone <@&123> <@456>".into(),
            as_of: None,
        },
    );
    let body = response_body(&r, 0);
    let s = body.to_string();
    assert!(!s.contains("@everyone") && !s.contains("<@&123>"), "{s}");
    assert_eq!(
        body["data"]["allowed_mentions"]["parse"],
        serde_json::json!([])
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn garbage_inputs_never_panic_and_always_fit(input in ".{0,300}") {
        let d = data();
        for query in [
            Query::Embassy { country: input.clone(), as_of: None, },
            Query::Expelled { country: Some(input.clone()), region: Some(input.clone()), when: DateRange::default(), reason: Some(input.clone()), action: None },
            Query::Missions { region: Some(input.clone()), kind: None, status: None, as_of: None, closed: DateRange::default() },
            Query::Timeline { country: input.clone(), when: DateRange::default() },
            Query::Ask { question: input.clone() },
        ] {
            let reply = answers::answer(d, &query);
            assert_within_limits(&reply);
        }
        let _ = Query::parse_line(&format!("/embassy country:{input}"));
        let _ = Query::parse_line(&input);
        let _ = ask::parse_question(d, &input);
    }

    #[test]
    fn data_dates_round_trip(y in 1900i32..2100, m in 1u8..=12, day in 1u8..=28) {
        let text = format!("{y:04}-{m:02}-{day:02}");
        let parsed = PartialDate::parse(&text).unwrap();
        prop_assert_eq!(parsed.iso(), text);
    }
}

#[test]
fn garbage_replies_validate_against_the_spec() {
    // A fixed sample of awkward inputs, validated against Discord's schema.
    let d = data();
    for input in [
        "",
        "\u{0}",
        "x".repeat(5000).as_str(),
        "🇰🇵🇰🇵",
        "<script>",
        "[a](javascript:alert(1))",
        "\"; DROP TABLE",
        "@here",
    ] {
        assert_body_ok(&answers::answer(
            d,
            &Query::Embassy {
                country: input.into(),
                as_of: None,
            },
        ));
        assert_body_ok(&answers::answer(
            d,
            &Query::Ask {
                question: input.into(),
            },
        ));
    }
}

/// The line of one mission in a `/missions` answer.
fn mission_line<'a>(text: &'a str, city: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(&format!("— {city},")))
        .unwrap_or_else(|| panic!("no line for {city} in:\n{text}"))
}

#[test]
fn heads_of_mission_are_named_only_when_a_source_had_named_them_and_never_as_current_once_sent_away(
) {
    let text = common::questions::reply_text("/missions as_of:2017-09-30");
    // Named by sources only years later: not shown for Sept 2017.
    let lines: Vec<&str> = text.lines().filter(|l| l.contains(" — ")).collect();
    for later in ["Han Su-chol", "Song Sun Ryong", "Kim Song", "Ri Sung-guk"] {
        assert!(
            !lines.iter().any(|l| l.contains(later)),
            "{later} shown as head in Sept 2017"
        );
    }
    // Sent away before the date: said so, with the measure.
    assert!(
        mission_line(&text, "Kuala Lumpur")
            .contains("Kang Chol, declared persona non grata 4 March 2017"),
        "{}",
        mission_line(&text, "Kuala Lumpur")
    );
    // Today: every ambassador a host country sent away is shown with that measure, never bare.
    let data = data();
    let now = common::questions::reply_text("/missions");
    for m in &data.missions {
        for head in &m.heads {
            let sent_away = data.expulsions.iter().any(|e| {
                e.country == m.country
                    && e.action.removes_people()
                    && e.person
                        .as_deref()
                        .is_some_and(|p| p.starts_with(head.name.as_str()))
            });
            if sent_away && now.contains(&format!("— {},", m.city)) {
                let line = mission_line(&now, &m.city);
                if line.contains(&head.name) {
                    assert!(
                        line.contains("expelled")
                            || line.contains("persona non grata")
                            || line.contains("asked to leave"),
                        "{line}"
                    );
                }
            }
        }
    }
    assert!(mission_line(&now, "Kuwait City").contains("So Chang Sik, expelled 17 September 2017"));
    // The question a user asks gets the same.
    let kuwait = common::questions::reply_text("Who is North Korea's ambassador to Kuwait?");
    assert!(
        kuwait.contains("Last ambassador named: So Chang Sik, expelled 17 September 2017"),
        "{kuwait}"
    );
}

#[test]
fn every_2017_measure_says_what_became_of_the_mission_as_the_data_records_it() {
    let data = data();
    let text = common::questions::reply_text("/expelled year:2017");
    assert!(
        text.contains("Afterwards, of the 7 countries that sent diplomats away"),
        "{text}"
    );
    let fields: Vec<&str> = text.split("\n## ").skip(1).collect();
    let mut in_2017: Vec<_> = data
        .expulsions
        .iter()
        .filter(|e| e.date.year == 2017)
        .collect();
    // As the answer orders them: "1 October 2017" before "October 2017".
    in_2017.sort_by_key(|e| (e.date.start(), e.date.end()));
    assert_eq!(fields.len(), in_2017.len());
    for (field, e) in fields.iter().zip(&in_2017) {
        assert!(field.contains("What happened next:"), "{field}");
        for m in data.missions_in(&e.country) {
            match m.closed {
                Some(closed) if closed.start() > e.date.end() => {
                    assert!(
                        field.contains(&format!("{} closed ({closed})", m.city)),
                        "{field}"
                    )
                }
                None if m.status_latest == missionbot::dataset::Status::Open => {
                    assert!(
                        field.contains(&format!("{} still open", m.city))
                            || field.contains("new head of the"),
                        "{field}"
                    )
                }
                _ => {}
            }
        }
    }
    assert!(text.contains("Embassy in Madrid closed (October 2023)"));
    assert!(text.contains("Song Sun Ryong (March 2020)"), "{text}");
    assert!(text.contains(
        "Embassy in Kuwait City still open as of January 2024; no new ambassador recorded since"
    ));
}

/// Every key of the data files that reads as a field name (`status_2017`).
fn data_field_names() -> Vec<String> {
    let mut names = std::collections::BTreeSet::new();
    fn walk(v: &serde_json::Value, names: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    if k.contains('_') {
                        names.insert(k.clone());
                    }
                    walk(v, names);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, names)),
            _ => {}
        }
    }
    for file in ["missions", "expulsions", "relations"] {
        let path = format!("{}/data/{file}.json", env!("CARGO_MANIFEST_DIR"));
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        walk(&value, &mut names);
    }
    names.into_iter().collect()
}

#[test]
fn no_reply_shows_a_data_field_name() {
    let fields = data_field_names();
    assert!(fields.iter().any(|f| f == "status_2017"), "{fields:?}");
    let data = data();
    let mut lines = vec![
        "/missions".to_owned(),
        "/expelled".to_owned(),
        "/sources".to_owned(),
    ];
    for c in &data.countries {
        lines.push(format!("/embassy country:{}", c.iso2));
    }
    for m in &data.missions {
        lines.push(format!("/timeline country:{}", m.country));
    }
    for line in &lines {
        let text = common::questions::reply_text(line);
        // Links may hold anything; the words around them may not.
        for shown in text.lines().filter(|l| !l.trim_start().starts_with("http")) {
            for field in &fields {
                assert!(
                    !shown.contains(field.as_str()),
                    "{line} shows the field name {field}: {shown}"
                );
            }
        }
    }
}

#[test]
fn facts_corrected_after_the_independent_check_stay_corrected() {
    let peru = common::questions::reply_text("/expelled country:Peru");
    assert!(
        peru.contains("22 December 2017") && peru.contains("Pak Myong Chol and Ji Hyok"),
        "{peru}"
    );
    let egypt = common::questions::reply_text("/expelled country:Egypt");
    assert!(
        !egypt.contains("No recorded measure") && egypt.contains("staff cut"),
        "{egypt}"
    );
    // Choe Il left London for Warsaw in Mar 2020 (the Dec 2026 check).
    let uk = common::questions::reply_text("/embassy country:United Kingdom");
    assert!(
        uk.contains("Choe Il, named to another post 14 March 2020"),
        "{uk}"
    );
    let bangladesh = common::questions::reply_text("/embassy country:Bangladesh");
    assert!(
        bangladesh.contains("Last ambassador: Pak Song Yop"),
        "{bangladesh}"
    );
    let canada = common::questions::reply_text("/embassy country:Canada");
    assert!(
        canada.contains("Established 6 February 2001")
            && canada.contains("permanent mission to the UN in New York")
            && canada.contains("https://vtncankor.wordpress.com/2001/02/06/cankor-report-27/"),
        "{canada}"
    );
}

#[test]
fn an_inferred_status_says_why_and_notes_carry_no_editors_marks() {
    let data = data();
    let inferred: Vec<_> = data
        .missions
        .iter()
        .filter(|m| m.status_2017_inferred())
        .collect();
    // Uganda, Guinea and Senegal were shown as open in Sept 2017 with no word
    // that this was inferred.
    for id in ["ug-kampala", "gn-conakry", "sn-dakar", "es-madrid"] {
        let m = data.missions.iter().find(|m| m.id == id).unwrap();
        assert_eq!(m.status_2017_inferred(), id != "es-madrid", "{id}");
    }
    assert!(inferred.len() >= 30, "{}", inferred.len());
    for m in inferred {
        let basis = m.status_2017_basis.as_deref().expect("a reason");
        let text = common::questions::reply_text(&format!("/embassy country:{}", m.country));
        assert!(
            text.contains(&format!("(inferred: {basis})")),
            "{}: {text}",
            m.id
        );
    }
    for c in &data.countries {
        for command in ["embassy", "timeline", "expelled"] {
            let text = common::questions::reply_text(&format!("/{command} country:{}", c.iso2));
            for mark in [
                "CONFLICT",
                "status is inferred",
                "Status left as",
                "Status in 2017",
            ] {
                assert!(
                    !text.contains(mark),
                    "/{command} {}: {mark} in {text}",
                    c.iso2
                );
            }
        }
    }
    // The data must say why: an inference without its reason is refused.
    let mut files = dataset::DataFiles::embedded();
    let mut missions: Vec<Value> = serde_json::from_str(&files.missions).unwrap();
    let m = missions
        .iter_mut()
        .find(|m| m["status_2017_inferred"] == true)
        .unwrap();
    m["status_2017_basis"] = Value::Null;
    files.missions = serde_json::to_string(&missions).unwrap();
    let error = Dataset::from_files(&files, "data/")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("missions.json") && error.contains("status_2017_basis"),
        "{error}"
    );
}

/// The built-in command set as registered.
fn registration() -> serde_json::Value {
    let mut definitions = missionbot::interactions::commands::definitions();
    definitions.extend(missionbot::interactions::commands::moderator_definitions());
    missionbot::interactions::commands::registration_body(&definitions).unwrap()
}

#[test]
fn every_language_has_every_key_and_follows_discords_rules() {
    let body = registration();
    let needed = missionbot::i18n::registration_keys(&body);
    assert!(needed.len() > 100, "{}", needed.len());
    let name_rule = regex::Regex::new(r"^[-_\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$").unwrap();
    for (locale, catalogue) in missionbot::i18n::translations() {
        let missing: Vec<&String> = needed
            .iter()
            .filter(|k| !catalogue.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        let unused: Vec<&String> = catalogue
            .keys()
            .filter(|k| missionbot::i18n::is_registration_key(k) && !needed.contains(k))
            .collect();
        assert!(
            unused.is_empty(),
            "{locale} has keys nothing uses: {unused:?}"
        );
        let registration = catalogue
            .iter()
            .filter(|(k, _)| missionbot::i18n::is_registration_key(k));
        // Message commands (Apps menu) are named as shown: spaces and
        // capitals allowed, 1 to 32 characters.
        let message_commands: Vec<String> = body
            .as_array()
            .into_iter()
            .flatten()
            .filter(|c| c["type"] == 3)
            .map(|c| format!("command.{}.name", c["name"].as_str().unwrap_or("")))
            .collect();
        for (key, text) in registration {
            if message_commands.contains(key) {
                assert!(
                    (1..=32).contains(&text.chars().count()),
                    "{locale} {key}: {text:?}"
                );
            } else if key.ends_with(".name") {
                assert!(
                    name_rule.is_match(text) && text.to_lowercase() == *text,
                    "{locale} {key}: {text:?}"
                );
            } else {
                assert!(
                    (1..=100).contains(&text.chars().count()),
                    "{locale} {key}: {text:?}"
                );
            }
        }
    }
    // Localized names stay distinct among siblings, as Discord requires.
    fn siblings_distinct(nodes: &serde_json::Value, locale: &str) {
        let names: Vec<&str> = nodes
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| n["name_localizations"][locale].as_str())
            .collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        for n in nodes.as_array().into_iter().flatten() {
            siblings_distinct(&n["options"], locale);
        }
    }
    siblings_distinct(&body, "ko");
    // Korean users see /대사관; the body stays valid against Discord's spec.
    let embassy = body
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "embassy")
        .unwrap();
    assert_eq!(embassy["name_localizations"]["ko"], "대사관");
    assert_eq!(embassy["options"][0]["name_localizations"]["ko"], "국가");
    let schema = common::spec::request_schema("put", "/applications/{application_id}/commands");
    let errors = common::spec::errors_inline(&schema, &body);
    assert!(errors.is_empty(), "{errors:?}");
}
