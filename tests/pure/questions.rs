//! Questions as people type them in a channel, by category, several
//! phrasings each (our own sentences, not the public evaluation's): time
//! ranges, combined filters, a country's story, relations vocabulary,
//! reasons, people, counts, other languages, and the search fallback.

use crate::common;

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
    // Relations that ended, as a list of relations (with the breaks since
    // mended under it); with a time, the breaks of that time.
    for (question, line) in [
        (
            "which countries cut ties with north korea",
            "/relations status:ended",
        ),
        (
            "who broke off diplomatic relations with the dprk",
            "/relations status:ended",
        ),
        (
            "countries that severed relations with pyongyang",
            "/relations status:ended",
        ),
        (
            "which states suspended ties with north korea",
            "/relations status:suspended",
        ),
        (
            "which countries cut ties with north korea in 2017",
            "/expelled year:2017 action:relations_severed",
        ),
    ] {
        assert_eq!(understood_as(question), line, "{question}");
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

// ---- Round 3: kinds of question, each with several phrasings ----

#[test]
fn decades_and_eras_in_every_language() {
    for (question, line) in [
        ("expulsions in the nineties", "/expelled from:1990 to:1999"),
        (
            "who expelled dprk diplomats during the sixties",
            "/expelled from:1960 to:1969",
        ),
        (
            "nk diplomats expelled in the '90s",
            "/expelled from:1990 to:1999",
        ),
        ("expulsions in the 70s", "/expelled from:1970 to:1979"),
        ("1990년대 북한 외교관 추방", "/expelled from:1990 to:1999"),
        ("70년대 북한 외교관 추방", "/expelled from:1970 to:1979"),
        (
            "Ausweisungen nordkoreanischer Diplomaten in den 70er Jahren",
            "/expelled from:1970 to:1979",
        ),
        (
            "diplomates nord-coréens expulsés dans les années 80",
            "/expelled from:1980 to:1989",
        ),
        (
            "diplomaticos norcoreanos expulsados en los años 70",
            "/expelled from:1970 to:1979",
        ),
    ] {
        assert_eq!(understood_as(question), line, "{question}");
    }
}

#[test]
fn month_ranges_and_short_year_ranges() {
    for (question, line) in [
        (
            "expulsions oct–dec 2017",
            "/expelled from:2017-10 to:2017-12",
        ),
        (
            "expulsions between march and june 2016",
            "/expelled from:2016-03 to:2016-06",
        ),
        (
            "expulsions from sept 2017 to jan 2018",
            "/expelled from:2017-09 to:2018-01",
        ),
        (
            "expulsions nov-feb 2018",
            "/expelled from:2017-11 to:2018-02",
        ),
        ("expulsions 2015-16", "/expelled from:2015 to:2016"),
        (
            "nk embassies closed 2023/24",
            "/missions kind:embassy closed_from:2023 closed_to:2024",
        ),
        ("expulsions in '17", "/expelled year:2017"),
    ] {
        assert_eq!(understood_as(question), line, "{question}");
    }
}

#[test]
fn everyday_words_for_the_measures_are_the_measure() {
    for question in [
        "which countries kicked out nk diplomats in 2017",
        "who threw north korean diplomats out in 2017",
        "countries that booted dprk diplomats in 2017",
        "who sent nk diplomats packing in 2017",
        "which countries ousted north korean envoys in 2017",
        "countries that told nk diplomats to leave in 2017",
        "who sent north korean diplomats home in 2017",
    ] {
        let line = understood_as(question);
        assert!(
            line.starts_with("/expelled year:2017"),
            "{question} → {line}"
        );
        assert!(!line.contains("reason:"), "{question} → {line}");
    }
    assert_eq!(
        understood_as("who PNG'd north korean diplomats in 2017"),
        "/expelled year:2017 action:persona_non_grata"
    );
    assert_eq!(
        understood_as("which countries downgraded nk embassies in 2017"),
        "/expelled year:2017 action:staff_reduced"
    );
    assert_eq!(
        understood_as("who broke off relations with the dprk in 2018"),
        "/expelled year:2018 action:relations_severed"
    );
    // A measure word never empties the answer as a search term.
    let text = reply_text("which countries kicked out north korean ambassadors in 2017");
    assert!(
        text.contains("Kim Hyong Gil") && text.contains("So Chang Sik"),
        "{text}"
    );
}

#[test]
fn named_events_are_distinct_and_since_an_event_is_a_time() {
    assert_eq!(
        understood_as("expulsions since the sixth nuclear test"),
        "/expelled from:2017-09-07"
    );
    assert_eq!(
        understood_as("measures since the rangoon bombing"),
        "/expelled from:1983-10-09"
    );
    assert_eq!(
        understood_as("measures since the murder of kim jong nam"),
        "/expelled from:2017-03-04"
    );
    let text = reply_text("expulsions since the sixth nuclear test");
    assert!(text.contains("first date the data links to it"), "{text}");
    // Another bombing never matches the Rangoon bombing through "bombing".
    for question in [
        "expulsions after the boston marathon bombing",
        "which countries expelled nk diplomats after the lockerbie bombing",
        "expulsions since the invasion of ukraine",
    ] {
        let text = reply_text(question);
        assert!(!text.contains("Rangoon"), "{question}: {text}");
        assert!(!text.contains("Kim Hyong Gil"), "{question}: {text}");
        assert!(text.contains("No recorded measure"), "{question}: {text}");
    }
    let text = reply_text("which countries cut ties after the kal 858 bombing");
    assert!(text.contains("Fiji") && !text.contains("Rangoon"), "{text}");
}

#[test]
fn counts_lead_with_the_number_for_relations_and_lists() {
    let text = reply_text("how many countries have diplomatic relations with north korea");
    let line = text.lines().nth(2).unwrap_or("");
    assert!(
        line.starts_with("Answering as `/relations status:active`"),
        "{text}"
    );
    assert!(
        text.lines().nth(3).unwrap_or("").contains(" countries"),
        "{text}"
    );
    let text = reply_text("how many states have no relations with the dprk");
    assert!(text.contains("/relations status:none"), "{text}");
    assert!(
        !text.contains("Algiers"),
        "a list of missions for a count of relations: {text}"
    );
}

#[test]
fn relations_by_status_are_lists_of_relations() {
    for (question, line) in [
        (
            "countries with no relations with north korea",
            "/relations status:none",
        ),
        (
            "which countries have never had relations with the dprk",
            "/relations status:none",
        ),
        (
            "list the countries that cut ties with pyongyang",
            "/relations status:ended",
        ),
        (
            "which countries froze relations with north korea",
            "/relations status:suspended",
        ),
        (
            "who recognised the dprk in the 70s",
            "/relations from:1970 to:1979",
        ),
        (
            "which countries established relations with north korea in 1973",
            "/relations year:1973",
        ),
        (
            "which countries have an embassy in pyongyang",
            "/relations covered_from:Pyongyang",
        ),
        (
            "foreign embassies in pyongyang",
            "/relations covered_from:Pyongyang",
        ),
    ] {
        assert_eq!(understood_as(question), line, "{question}");
    }
    let text = reply_text("list the countries that cut ties with pyongyang");
    for name in ["Botswana", "Jordan", "Ukraine", "Myanmar"] {
        assert!(text.contains(name), "{name}: {text}");
    }
    let text = reply_text("which countries have an embassy in pyongyang");
    for name in ["Russia", "Sweden", "India", "China"] {
        assert!(text.contains(name), "{name}: {text}");
    }
    assert!(
        text.contains("name none in the data"),
        "coverage is partial: {text}"
    );
}

#[test]
fn heads_of_mission_on_a_date() {
    assert_eq!(
        understood_as("nk ambassador to the uk in 2019"),
        "/embassy country:United Kingdom as_of:2019"
    );
    let text = reply_text("who was north korea's ambassador to kuwait in 2017");
    assert!(text.contains("So Chang Sik"), "{text}");
    let text = reply_text("/embassy country:Malaysia as_of:2016");
    assert!(text.contains("As of the end of 2016"), "{text}");
    assert!(text.contains("Kang Chol"), "{text}");
    // A report dated after the day asked is no evidence for it.
    let text = reply_text("/missions as_of:2025-06-30");
    let moscow = text
        .lines()
        .find(|l| l.contains("Sin Hong Chol"))
        .unwrap_or("");
    assert!(
        moscow.contains("February 2020") && !moscow.contains("13 December 2025"),
        "{moscow}"
    );
}

#[test]
fn typos_inside_multi_word_names_never_drop_a_word() {
    for (question, country) in [
        ("sierra leon and north korea relations", "Sierra Leone"),
        ("bosnia hertzegovina dprk ties", "Bosnia and Herzegovina"),
        ("saudi arabai dprk embassy", "Saudi Arabia"),
        ("papua new guniea relations with nk", "Papua New Guinea"),
        ("burkino faso dprk embassy", "Burkina Faso"),
        ("dprk embassy in south afirca", "South Africa"),
    ] {
        let line = understood_as(question);
        assert!(
            line.contains(&format!("country:{country}")),
            "{question} → {line}"
        );
    }
    // A question's words are not capitals with two letters changed.
    for question in [
        "expulsions after the boston marathon bombing",
        "Ausweisungen nordkoreanischer Diplomaten in den 70er Jahren",
    ] {
        let line = understood_as(question);
        assert!(!line.contains("country:"), "{question} → {line}");
    }
}

#[test]
fn the_other_direction_is_answered_from_where_each_country_covers_the_dprk() {
    let text = reply_text("does india have an embassy in pyongyang");
    assert!(
        text.contains("India") && text.contains("Pyongyang"),
        "{text}"
    );
    let text = reply_text("does sweden have an embassy in pyongyang");
    assert!(
        text.contains("Sweden") && text.contains("Pyongyang"),
        "{text}"
    );
}

#[test]
fn out_of_scope_questions_say_so_and_offer_what_the_bot_can_answer() {
    for question in [
        "what does kim jong un eat for breakfast",
        "what's the dress code at the nk embassy in berlin",
    ] {
        let text = reply_text(question);
        assert!(!text.contains("Closest records"), "{question}: {text}");
    }
    let text = reply_text("what does kim jong un eat for breakfast");
    assert!(text.contains("outside what I know"), "{text}");
}

#[test]
fn korean_time_words_mean_what_koreans_mean() {
    assert_eq!(
        understood_as("2017년 이후 북한 대사를 추방한 나라"),
        "/expelled from:2017"
    );
    assert_eq!(
        understood_as("2000년 이전 북한 외교관 추방"),
        "/expelled to:2000"
    );
    assert_eq!(
        understood_as("2017년 후 북한 외교관 추방"),
        "/expelled from:2018"
    );
    assert_eq!(
        understood_as("2000년 전 북한 외교관 추방"),
        "/expelled to:1999"
    );
    assert_eq!(
        understood_as("1990년대 북한 외교관 추방"),
        "/expelled from:1990 to:1999"
    );
}

#[test]
fn impossible_values_are_said_aloud() {
    let text = reply_text("expulsions in 99999");
    let not_applied = text.find("Not applied").expect("a Not applied line");
    let first_event = text.find("##").unwrap_or(text.len());
    assert!(
        not_applied < first_event,
        "the line comes before the answer: {text}"
    );
    assert!(text.contains("99999"), "{text}");
    let text = reply_text("expulsions between 2020 and 1990");
    assert!(text.contains("wrong way round"), "{text}");
    assert!(text.contains("/expelled from:1990 to:2020"), "{text}");
    assert_eq!(
        understood_as("which dprk embassies were open in june 2020"),
        "/missions kind:embassy status:open as_of:2020-06"
    );
    let text = reply_text("which dprk embassies were open in september 2017");
    assert!(!text.contains("No country"), "{text}");
}

// ---- Composed questions: every combination of the parts parses to the
// intent it was composed from. When a part joins the vocabulary, every
// combination with it is covered at once. ----

mod composed {
    use super::understood_as;
    use proptest::prelude::*;

    /// (words, the `action:` option they mean).
    const MEASURES: &[(&str, &str)] = &[
        ("expelled north korean diplomats", ""),
        ("kicked out north korean diplomats", ""),
        ("threw north korean diplomats out", ""),
        ("booted nk diplomats", ""),
        ("ousted dprk diplomats", ""),
        ("sent north korean diplomats home", ""),
        ("told nk diplomats to leave", ""),
        (
            "declared north korean diplomats persona non grata",
            " action:persona_non_grata",
        ),
        ("PNG'd dprk diplomats", " action:persona_non_grata"),
    ];

    /// (words, the range options they mean).
    const TIMES: &[(&str, &str)] = &[
        ("in 2017", " year:2017"),
        ("in the nineties", " from:1990 to:1999"),
        ("during the seventies", " from:1970 to:1979"),
        ("in the '80s", " from:1980 to:1989"),
        ("between march and june 2017", " from:2017-03 to:2017-06"),
        ("since 2016", " from:2016"),
        ("before 2000", " to:1999"),
        ("in 2015-16", " from:2015 to:2016"),
        ("in '17", " year:2017"),
        ("", ""),
    ];

    /// (subject words, the `region:` option they mean).
    const SUBJECTS: &[(&str, &str)] = &[
        ("countries", ""),
        ("european countries", " region:Europe"),
        ("african countries", " region:Africa"),
        ("asian countries", " region:Asia"),
    ];

    const FRAMES: &[&str] = &["which", "list the", "how many", "show me"];

    /// (Korean time words, the range options they mean).
    const KOREAN_TIMES: &[(&str, &str)] = &[
        ("2017년", " year:2017"),
        ("2017년 이후", " from:2017"),
        ("2000년 이전", " to:2000"),
        ("1990년대", " from:1990 to:1999"),
        ("1970년대", " from:1970 to:1979"),
    ];

    const KOREAN_REGIONS: &[(&str, &str)] = &[
        ("", ""),
        ("유럽 ", " region:Europe"),
        ("아프리카 ", " region:Africa"),
        ("아시아 ", " region:Asia"),
    ];

    const KOREAN_MEASURES: &[(&str, &str)] =
        &[("북한 외교관을 추방한", ""), ("북한 대사를 추방한", "")];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn english_questions_parse_to_their_parts(
            frame in 0..FRAMES.len(),
            subject in 0..SUBJECTS.len(),
            measure in 0..MEASURES.len(),
            time in 0..TIMES.len(),
        ) {
            let (subject_words, region) = SUBJECTS[subject];
            let (measure_words, action) = MEASURES[measure];
            let (time_words, range) = TIMES[time];
            let question = format!("{} {subject_words} {measure_words} {time_words}", FRAMES[frame]);
            let expected = format!("/expelled{range}{region}{action}");
            prop_assert_eq!(understood_as(question.trim()), expected, "{}", question);
        }

        #[test]
        fn korean_questions_parse_to_their_parts(
            time in 0..KOREAN_TIMES.len(),
            region in 0..KOREAN_REGIONS.len(),
            measure in 0..KOREAN_MEASURES.len(),
            counting in any::<bool>(),
        ) {
            let (time_words, range) = KOREAN_TIMES[time];
            let (region_words, region_option) = KOREAN_REGIONS[region];
            let (measure_words, action) = KOREAN_MEASURES[measure];
            let ending = if counting { "나라는 몇 개국" } else { "나라" };
            let question = format!("{time_words} {measure_words} {region_words}{ending}");
            let expected = format!("/expelled{range}{region_option}{action}");
            prop_assert_eq!(understood_as(&question), expected, "{}", question);
        }
    }
}
