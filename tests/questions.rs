//! Questions as people type them in a channel, by category, several
//! phrasings each (our own sentences, not the public evaluation's): time
//! ranges, combined filters, a country's story, relations vocabulary,
//! reasons, people, counts, other languages, and the search fallback.

mod common;

use common::questions::{q, reply_text};
use missionbot::answers::ask::{parse_question, understand, Intent};
use missionbot::dataset;
use missionbot::eval::{evaluate, EvalQuestion};

/// Runs the cases and fails with every problem at once.
fn check(cases: Vec<EvalQuestion>) {
    let outcomes = evaluate(dataset::embedded(), &cases, missionbot::i18n::Lang::ENGLISH);
    let failed: Vec<_> = outcomes.iter().filter(|o| !o.problems.is_empty()).collect();
    assert!(failed.is_empty(), "{failed:#?}");
}

/// The line the parser answers as: "/expelled to:1999".
fn understood_as(question: &str) -> String {
    match parse_question(dataset::embedded(), question) {
        Intent::Run(query) => query.to_string(),
        other => format!("{other:?}"),
    }
}

#[test]
fn time_ranges_become_ranges_not_single_years() {
    let cases = [
        ("expulsions before 2000", "/expelled to:1999"),
        (
            "which countries expelled dprk diplomats after 2016",
            "/expelled from:2017",
        ),
        ("list expulsions since 2017", "/expelled from:2017"),
        (
            "expulsions from 1970 to 1980",
            "/expelled from:1970 to:1980",
        ),
        (
            "north korean diplomats expelled in the 1990s",
            "/expelled from:1990 to:1999",
        ),
        (
            "measures against dprk diplomats until 1983",
            "/expelled to:1983",
        ),
        (
            "Which North Korean embassies in Asia closed after 2017?",
            "/missions region:Asia kind:embassy closed_from:2018",
        ),
        (
            "dprk missions that shut between 2020 and 2024",
            "/missions closed_from:2020 closed_to:2024",
        ),
        (
            "which embassies closed before 2010",
            "/missions kind:embassy closed_to:2009",
        ),
        (
            "missions closed after october 2023",
            "/missions closed_from:2023-11",
        ),
    ];
    for (question, expected) in cases {
        assert_eq!(understood_as(question), expected, "{question}");
    }
    check(vec![
        q(
            "before",
            "expulsions before 2000",
            &["1976", "1983", "1971"],
            &["Kim Hyong Gil", "2015"],
        ),
        q(
            "after",
            "which countries expelled dprk diplomats after 2016",
            &["Mexico", "Malaysia", "2021"],
            &["Pak Chol Jun", "1976"],
        ),
        q(
            "asia-closed-after",
            "Which North Korean embassies in Asia closed after 2017?",
            &["Kuala Lumpur", "Dhaka", "Kathmandu"],
            &["Madrid", "Tashkent"],
        ),
        q(
            "decade",
            "expulsions in the 1970s",
            &["Denmark", "Norway", "Sri Lanka"],
            &["Myanmar", "Kim Hyong Gil"],
        ),
    ]);
}

#[test]
fn combined_filters_use_every_clue() {
    assert_eq!(
        understood_as("which european countries host dprk embassies"),
        "/missions region:Europe kind:embassy"
    );
    assert_eq!(
        understood_as("expulsions in asia since 2015"),
        "/expelled from:2015 region:Asia"
    );
    assert_eq!(
        understood_as("asian dprk embassies still open"),
        "/missions region:Asia kind:embassy status:open"
    );
    assert_eq!(
        understood_as("which african countries expelled north korean diplomats"),
        "/expelled region:Africa"
    );
    check(vec![
        q(
            "europe-embassies",
            "which european countries host dprk embassies",
            &["Berlin", "Stockholm", "Warsaw"],
            &["Algiers", "Havana", "Beijing"],
        ),
        q(
            "europe-expulsions-decade",
            "expulsions in europe in the 1970s",
            &["Denmark", "Norway", "Finland"],
            &["Sri Lanka", "Spain"],
        ),
    ]);
}

#[test]
fn a_clue_that_cannot_be_applied_is_said() {
    let u = understand(
        dataset::embedded(),
        "is the north korean embassy in kuwait still open after the 2017 expulsion",
    );
    assert!(
        u.not_applied.iter().any(|n| n.contains("2017")),
        "{:?}",
        u.not_applied
    );
    let text =
        reply_text("is the north korean embassy in kuwait still open after the 2017 expulsion");
    assert!(text.contains("Not applied"), "{text}");
    let text = reply_text("dprk embassies in germany near the zoo");
    assert!(
        text.contains("Words that changed nothing:") && text.contains("zoo"),
        "{text}"
    );
}

#[test]
fn a_country_story_is_a_timeline() {
    let cases = [
        (
            "what happened in malaysia in 2017",
            "/timeline country:Malaysia year:2017",
        ),
        (
            "what did peru do in 2017",
            "/timeline country:Peru year:2017",
        ),
        (
            "history of north korea's relations with myanmar",
            "/timeline country:Myanmar",
        ),
        (
            "tell me about sweden and north korea",
            "/timeline country:Sweden",
        ),
        (
            "dprk and kuwait timeline since 2017",
            "/timeline country:Kuwait from:2017",
        ),
    ];
    for (question, expected) in cases {
        assert_eq!(understood_as(question), expected, "{question}");
    }
    check(vec![
        q(
            "malaysia-2017",
            "what happened in malaysia in 2017",
            &["Kang Chol", "2017-03-04"],
            &["Mun Chol Myong", "relations severed"],
        ),
        q(
            "peru-2017",
            "what did peru do in 2017",
            &["Kim Hak Chol", "staff cut"],
            &["Kim Hyong Gil"],
        ),
        q(
            "myanmar-story",
            "history of north korea's relations with myanmar",
            &["1983", "Rangoon bombing", "KOMID"],
            &["Kim Hyong Gil"],
        ),
    ]);
}

#[test]
fn malaysia_timeline_tells_2017_then_2021_in_order_with_sources() {
    let text = reply_text("/timeline country:Malaysia");
    let pos = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing in {text}"))
    };
    assert!(pos("4 March 2017") < pos("19 March 2021"));
    assert!(pos("19 March 2021") < pos("21 March 2021"));
    assert!(text.contains("Kang Chol") && text.contains("relations severed"));
    // Every dated line names its sources by number, and the numbers exist.
    for line in text
        .lines()
        .filter(|l| l.contains(" — ") && l.contains("20"))
    {
        let numbers = line.rsplit('[').next().unwrap_or("");
        assert!(numbers.ends_with(']'), "no source numbers: {line}");
    }
    assert!(text.contains("[1] ") && text.contains("https://"));
}

#[test]
fn relations_vocabulary() {
    for question in [
        "which countries cut ties with north korea",
        "who broke off diplomatic relations with the dprk",
        "countries that severed relations with pyongyang",
        "which states suspended ties with north korea",
    ] {
        assert_eq!(
            understood_as(question),
            "/expelled action:relations_severed",
            "{question}"
        );
    }
    check(vec![
        q(
            "cut-ties",
            "which countries cut ties with north korea",
            &["Myanmar", "Malaysia", "Portugal"],
            &["Kim Hyong Gil"],
        ),
        q(
            "restored",
            "which countries restored relations with north korea",
            &["Myanmar", "2007"],
            &["I could not tell"],
        ),
        q(
            "country-severed",
            "did malaysia break off relations with north korea",
            &["severed", "2021"],
            &["Kim Hyong Gil"],
        ),
    ]);
}

#[test]
fn reasons_in_everyday_words() {
    check(vec![
        q(
            "murder",
            "expulsions over kim jong nam's murder",
            &["Kang Chol", "Malaysia"],
            &["Kim Hyong Gil"],
        ),
        q(
            "cigarettes",
            "diplomats expelled for cigarette smuggling",
            &["Han Son Ik", "1996"],
            &["Kim Hyong Gil"],
        ),
        q(
            "icbm",
            "which countries acted over the icbm test",
            &["Germany"],
            &["Kim Hyong Gil"],
        ),
        q(
            "sixth-test",
            "what happened after the sixth nuclear test",
            &["Mexico", "Peru", "Kuwait", "Spain", "Italy"],
            &["Pak Chol Jun"],
        ),
        q(
            "bombing",
            "expulsions after the rangoon bombing",
            &["Myanmar", "1983"],
            &["Kim Hyong Gil"],
        ),
    ]);
}

#[test]
fn people_are_found_by_name() {
    for (question, name) in [
        ("who is Kang Chol", "Kang Chol"),
        ("Kim Hak Chol", "Kim Hak Chol"),
        ("what happened to Pak Chol Jun", "Pak Chol Jun"),
        ("tell me about so chang sik", "So Chang Sik"),
    ] {
        match parse_question(dataset::embedded(), question) {
            Intent::Person {
                name: found,
                records,
            } => {
                assert_eq!(found, name, "{question}");
                assert!(!records.is_empty(), "{question}");
            }
            other => panic!("{question}: {other:?}"),
        }
    }
    check(vec![
        q(
            "kang-chol",
            "who is Kang Chol",
            &["Malaysia", "2017-03-04"],
            &["Kim Hyong Gil"],
        ),
        q(
            "so-chang-sik",
            "tell me about so chang sik",
            &["Kuwait", "2017"],
            &["Kim Hak Chol"],
        ),
    ]);
}

#[test]
fn counting_questions_lead_with_the_number() {
    let text = reply_text("how many dprk embassies closed in 2023");
    let first_line_after_title = text.lines().nth(2).unwrap_or("");
    assert!(
        first_line_after_title.starts_with('7'),
        "{first_line_after_title}"
    );
    let text = reply_text("how many north korean ambassadors were expelled in 2017");
    let line = text.lines().nth(2).unwrap_or("");
    assert!(line.starts_with("6 DPRK ambassadors"), "{line}");
    // "How many … are there" counts those open now; the list below shows every status.
    let text = reply_text("how many dprk missions are in africa");
    let line = text.lines().nth(2).unwrap_or("");
    assert!(line.starts_with("7 DPRK missions in Africa open"), "{line}");
    let text = reply_text("how many consulates does north korea have");
    let line = text.lines().nth(2).unwrap_or("");
    assert!(line.starts_with("2 DPRK consulates-general open"), "{line}");
}

#[test]
fn other_languages_name_countries_and_topics() {
    let cases = [
        (
            "ambassade nord-coréenne en Espagne",
            "/embassy country:Spain",
        ),
        (
            "embajada de Corea del Norte en México",
            "/embassy country:Mexico",
        ),
        ("ambasciata nordcoreana in Italia", "/embassy country:Italy"),
        ("Botschaft Nordkoreas in Polen", "/embassy country:Poland"),
        ("北朝鮮の大使館 スペイン", "/embassy country:Spain"),
        ("朝鲜驻中国大使馆", "/embassy country:China"),
        (
            "посольство Северной Кореи в Польше",
            "/embassy country:Poland",
        ),
        ("스웨덴 주재 북한 대사관", "/embassy country:Sweden"),
        ("스페인에 북한 대사관이 있나요?", "/embassy country:Spain"),
        ("2017년에 북한 대사를 추방한 나라는?", "/expelled year:2017"),
    ];
    for (question, expected) in cases {
        assert_eq!(understood_as(question), expected, "{question}");
    }
    // Every translation in the country table resolves to its own country
    // (or is shared with another country and then refused as ambiguous).
    let d = dataset::embedded();
    let mut resolved = 0;
    for c in &d.countries {
        for t in &c.translations {
            if let Some(found) = d.resolve(t).country() {
                resolved += 1;
                let shared = d
                    .countries
                    .iter()
                    .any(|o| o.iso2 != c.iso2 && o.iso2 == found.iso2);
                assert!(
                    found.iso2 == c.iso2 || shared,
                    "{t}: {} not {}",
                    found.name,
                    c.name
                );
            }
        }
    }
    assert!(resolved > 3000, "only {resolved} translations resolve");
}

#[test]
fn search_fallback_instead_of_a_dead_end() {
    for (question, wanted) in [
        ("KOMID", "Myanmar"),
        ("chongryon", "Tokyo"),
        ("JVP insurrection", "Sri Lanka"),
        ("rhino horn", "South Africa"),
        ("UNESCO", "Paris"),
        ("Mun Chol Myong", "Malaysia"),
    ] {
        let text = reply_text(question);
        assert!(text.contains("Closest records"), "{question}: {text}");
        assert!(text.contains(wanted), "{question}: {text}");
        assert!(text.contains("https://"), "{question}: no source");
    }
    // Questions that match nothing, or nothing specific, still say so.
    for question in [
        "What's the weather in Pyongyang?",
        "what is the capital of france",
        "who won the world cup",
        "zzzz qqqq",
    ] {
        let text = reply_text(question);
        assert!(!text.contains("Closest records"), "{question}: {text}");
    }
}

/// "after the Rangoon bombing": a city naming an event is a reason, so the
/// answer lists every country whose measure the event triggered, not the
/// country the city is in.
#[test]
fn an_event_named_after_a_city_is_a_reason() {
    let data = dataset::embedded();
    let text = reply_text("which countries broke off relations after the Rangoon bombing");
    let by_event: Vec<&str> = data
        .expulsions
        .iter()
        .filter(|e| {
            e.trigger
                .as_deref()
                .is_some_and(|t| t.contains("Rangoon bombing"))
        })
        .map(|e| data.country_name(&e.country))
        .collect();
    assert!(by_event.len() >= 2, "{by_event:?}");
    for country in by_event {
        assert!(text.contains(country), "{country}: {text}");
    }
    // The city alone still means the country.
    assert!(reply_text("embassy in Rangoon").contains("Yangon"));
}

/// What happened after measures names only what happened: no "closed later
/// in none" when no mission closed.
#[test]
fn the_aftermath_summary_names_only_outcomes_that_happened() {
    let data = dataset::embedded();
    let mut countries: Vec<&str> = data.expulsions.iter().map(|e| e.country.as_str()).collect();
    countries.sort();
    countries.dedup();
    for iso2 in countries {
        let text = reply_text(&format!("/expelled country:{}", data.country_name(iso2)));
        assert!(!text.contains(" in none"), "{iso2}: {text}");
    }
    let text = reply_text("/expelled year:2017");
    assert!(text.contains("mission closed later in"), "{text}");
}
