//! Answers in Korean: the catalogues, every answer for every country in
//! Korean within Discord's limits, Korean questions, the CLI's `--lang`,
//! the map's Hangul and the English answers left as they were.

use crate::common;

use missionbot::answers;
use missionbot::dataset::{self, Action, DateRange, MissionKind, Status};
use missionbot::i18n::{self, Lang};
use missionbot::interactions::wire;
use missionbot::query::Query;
use missionbot::render::{self, limits};
use missionbot::reply::Reply;
use std::collections::BTreeSet;

fn korean() -> Lang {
    let lang = Lang::from_locale("ko");
    assert_eq!(lang.code(), "ko", "a Korean catalogue is embedded");
    lang
}

fn has_hangul(text: &str) -> bool {
    i18n::has_hangul(text)
}

/// A key's family without its plural ending: `count.country.one` → `count.country`.
fn base(key: &str) -> &str {
    key.strip_suffix(".one")
        .or_else(|| key.strip_suffix(".other"))
        .unwrap_or(key)
}

#[test]
fn every_language_has_every_answer_key_with_the_same_placeholders() {
    let catalogues = i18n::catalogues();
    let (english_code, english) = &catalogues[0];
    assert_eq!(
        *english_code, "en",
        "English comes first: it is the fallback"
    );
    let text_keys = |c: &i18n::Catalogue| -> BTreeSet<String> {
        c.keys()
            .filter(|k| !i18n::is_registration_key(k))
            .map(|k| base(k).to_owned())
            .collect()
    };
    let reference = text_keys(english);
    assert!(reference.len() > 200, "{} answer keys", reference.len());
    for (locale, catalogue) in catalogues.iter().skip(1) {
        let keys = text_keys(catalogue);
        let missing: Vec<_> = reference.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&reference).collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{locale} has keys English lacks: {extra:?}"
        );
        for (key, text) in catalogue
            .iter()
            .filter(|(k, _)| !i18n::is_registration_key(k))
        {
            assert!(
                !text.trim().is_empty() || key == "list.separator",
                "{locale} {key} is empty"
            );
            // A plural variant is compared with English's "other" form.
            let english_text = english
                .get(key)
                .or_else(|| english.get(&format!("{}.other", base(key))))
                .unwrap();
            let mut ours = i18n::placeholders(text);
            let mut theirs = i18n::placeholders(english_text);
            // Korean dates use the month's number, English its name.
            if key.starts_with("date.") {
                ours.retain(|p| p != "month" && p != "month_name");
                theirs.retain(|p| p != "month" && p != "month_name");
            }
            assert_eq!(ours, theirs, "{locale} {key}: {text:?} vs {english_text:?}");
        }
    }
}

/// Every key the code names literally (`lang.text("…")`, `.fill("…"`,
/// `.count("…"`) exists in English; the keys built from data (kinds,
/// statuses, actions, regions, months) are checked against the data.
#[test]
fn every_key_the_code_uses_exists() {
    let english = &i18n::catalogues()[0].1;
    // Catalogue calls, a moderator's refusal (`Refusal::new("refusal.…")`, or
    // a refusal key chosen first), and a problem whose title and hint are
    // looked up by `{key}.title` / `{key}.hint`.
    let call = regex::Regex::new(
        r#"(?:\.(?:text|fill|count)\(\s*|Refusal::new\(\s*|problem\(\s*)"([a-z0-9_.]+)"|"(refusal\.[a-z0-9_.]+)""#,
    )
    .unwrap();
    let mut used = 0;
    let mut stack = vec![std::path::PathBuf::from("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for found in call.captures_iter(&source) {
                let key = found.get(1).or(found.get(2)).unwrap().as_str();
                used += 1;
                let known = english.contains_key(key)
                    || english.contains_key(&format!("{key}.other"))
                    || english.contains_key(&format!("{key}.title"))
                        && english.contains_key(&format!("{key}.hint"));
                assert!(
                    known,
                    "{} uses {key:?}, which en.json lacks",
                    path.display()
                );
            }
        }
    }
    assert!(used > 150, "{used} uses found");
    for kind in MissionKind::ALL {
        assert_eq!(kind.label_in(Lang::ENGLISH), kind.label());
        assert!(english.contains_key(&format!("missions.what.{}", kind.as_str())));
        assert!(english.contains_key(&format!("ask.count_what.{}.other", kind.as_str())));
    }
    for status in Status::ALL {
        assert_eq!(status.label_in(Lang::ENGLISH), status.label());
    }
    for action in Action::ALL {
        assert_eq!(action.label_in(Lang::ENGLISH), action.label());
    }
    for month in 1..=12 {
        assert!(english.contains_key(&format!("month.{month}")));
    }
    let data = dataset::embedded();
    for (region, _) in &data.region_names {
        let korean = answers::missions::region_name_in(region, korean());
        assert!(has_hangul(&korean), "{region} has no Korean name");
    }
    for relation in &data.relations {
        let status = answers::relation_status(&relation.status, korean());
        assert!(has_hangul(&status), "{}: {status}", relation.status);
    }
}

#[test]
fn korean_dates_lists_and_counts_are_written_the_korean_way() {
    let ko = korean();
    let day = missionbot::dataset::PartialDate::parse("2017-09-07").unwrap();
    assert_eq!(ko.date(day), "2017년 9월 7일");
    assert_eq!(Lang::ENGLISH.date(day), "7 September 2017");
    let month = missionbot::dataset::PartialDate::parse("2023-10").unwrap();
    assert_eq!(ko.date(month), "2023년 10월");
    assert_eq!(Lang::ENGLISH.date(month), "October 2023");
    assert_eq!(Lang::ENGLISH.count("count.country", 1, &[]), "1 country");
    assert_eq!(Lang::ENGLISH.count("count.country", 3, &[]), "3 countries");
    assert_eq!(ko.count("count.country", 3, &[]), "3개국");
    // Locales: Korean for "ko", English for anything without a catalogue.
    assert_eq!(Lang::from_locale("ko"), ko);
    assert_eq!(Lang::from_locale("en-US"), Lang::ENGLISH);
    assert_eq!(Lang::from_locale("pt-BR"), Lang::ENGLISH);
    assert_eq!(Lang::parse("한국어"), Some(ko));
    assert_eq!(Lang::parse("Korean"), Some(ko));
    assert_eq!(Lang::parse("klingon"), None);
    // A value holding braces is never read as a placeholder.
    assert_eq!(
        i18n::fill_template("{a} and {b}", &[("a", &"{b}"), ("b", &"x")]),
        "{b} and x"
    );
}

fn assert_fits(reply: &Reply, what: &str) {
    for page in render::paginate(reply) {
        assert!(page.title.chars().count() <= limits::TITLE, "{what}");
        assert!(
            page.description.chars().count() <= limits::DESCRIPTION,
            "{what}"
        );
        assert!(page.fields.len() <= limits::FIELDS, "{what}");
        for (name, value, _) in &page.fields {
            assert!(
                !name.is_empty() && name.chars().count() <= limits::FIELD_NAME,
                "{what}"
            );
            assert!(
                !value.is_empty() && value.chars().count() <= limits::FIELD_VALUE,
                "{what}"
            );
        }
        assert!(page.footer.chars().count() <= limits::FOOTER, "{what}");
        assert!(page.total_chars() <= limits::EMBED_TOTAL, "{what}");
    }
}

#[test]
fn every_answer_for_every_country_renders_in_korean_within_discords_limits() {
    let data = dataset::embedded();
    let ko = korean();
    for c in &data.countries {
        for query in [
            Query::Embassy {
                country: c.name.clone(),
                as_of: None,
            },
            Query::Timeline {
                country: c.name.clone(),
                when: DateRange::default(),
            },
            Query::Expelled {
                country: Some(c.iso2.clone()),
                region: None,
                when: DateRange::default(),
                reason: None,
                action: None,
            },
        ] {
            let reply = answers::answer_in(data, &query, ko);
            let what = format!("{query} for {}", c.name);
            assert_fits(&reply, &what);
            // The body Discord would get for the first page, against its own schema.
            let body = wire::callback_json(
                &wire::interaction_response(&reply, 0, Some(&query.to_string())),
                &[],
            );
            common::spec::assert_valid("CreateMessageInteractionCallbackRequest", &body);
            assert!(has_hangul(&reply.title), "{what}: {}", reply.title);
            assert!(has_hangul(&reply.footer), "{what}");
            // The country is named the Korean way wherever the title names it.
            if let Some(korean_name) = c.korean.first() {
                if reply.title.contains(&c.name) {
                    panic!(
                        "{what}: English name in the Korean title {:?} ({korean_name})",
                        reply.title
                    );
                }
            }
        }
    }
    // A spread of the other answers, validated against Discord's spec, every page.
    for line in [
        "/missions",
        "/missions region:아프리카",
        "/missions as_of:2017-09-30",
        "/expelled year:2017",
        "/sources",
        "/help",
        "/timeline country:말레이시아",
        "/embassy country:스페인",
        "/embassy country:Atlantis",
    ] {
        let reply = answers::answer_in(data, &Query::parse_line(line).unwrap(), ko);
        assert!(has_hangul(&reply.title), "{line}: {}", reply.title);
        assert_fits(&reply, line);
        for page in 0..render::paginate(&reply).len() {
            let body =
                wire::callback_json(&wire::interaction_response(&reply, page, Some(line)), &[]);
            common::spec::assert_valid("CreateMessageInteractionCallbackRequest", &body);
            if page > 0 {
                let footer = body["data"]["embeds"][0]["footer"]["text"]
                    .as_str()
                    .unwrap();
                assert!(
                    footer.contains(&format!("{}/", page + 1)) && footer.contains('쪽'),
                    "{footer}"
                );
            }
        }
    }
}

#[test]
fn spain_in_korean_names_madrid_with_korean_dates_and_linked_sources() {
    let data = dataset::embedded();
    let reply = answers::answer_in(
        data,
        &Query::parse_line("/embassy country:스페인").unwrap(),
        korean(),
    );
    let words = reply.plain_words().replace("**", "");
    assert_eq!(reply.title, "스페인 주재 북한 공관");
    assert!(words.contains("마드리드 대사관"), "{words}");
    let madrid = data.missions.iter().find(|m| m.city == "Madrid").unwrap();
    let closed = madrid.closed.unwrap();
    let korean_closing = format!("{}년 {}월", closed.year, closed.month.unwrap());
    assert!(
        words.contains(&format!("폐쇄: {korean_closing}")),
        "{words}"
    );
    // The Korean city name is cited to the report that spells it so.
    let cited: Vec<&str> = reply.sources.iter().map(|s| s.url.as_str()).collect();
    for source in &madrid.city_names["ko"].sources {
        let url = &data.source(source).unwrap().url;
        assert!(cited.contains(&url.as_str()), "{url} not cited");
    }
    let body = wire::callback_json(&wire::interaction_response(&reply, 0, None), &[]);
    let sources_field = body["data"]["embeds"][0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "출처")
        .expect("a Sources field, in Korean");
    assert!(sources_field["value"].as_str().unwrap().contains("](http"));
    // English readers get the English answer, with no Hangul in it.
    let english = answers::answer(data, &Query::parse_line("/embassy country:Spain").unwrap());
    assert_eq!(english.title, "DPRK missions in Spain");
    assert!(
        !has_hangul(&english.plain_words()),
        "{}",
        english.plain_words()
    );
    assert!(english.plain_words().contains("Embassy in Madrid"));
}

#[test]
fn questions_in_korean_are_answered_in_korean_with_the_right_facts() {
    let data = dataset::embedded();
    // Asked in Korean by an English-locale user: Korean all the same.
    let spain = answers::answer_in(
        data,
        &Query::Ask {
            question: "스페인에 북한 대사관이 있나요?".into(),
        },
        Lang::ENGLISH,
    );
    let words = spain.plain_words();
    assert_eq!(spain.lang, korean());
    assert!(
        words.contains("스페인") && words.contains("마드리드"),
        "{words}"
    );
    assert!(words.contains("폐쇄"), "{words}");

    let asked = answers::answer_in(
        data,
        &Query::Ask {
            question: "2017년에 북한 대사를 추방한 나라는?".into(),
        },
        Lang::ENGLISH,
    );
    let words = asked.plain_words();
    assert!(has_hangul(&asked.title), "{}", asked.title);
    // Every country that sent a DPRK ambassador away in 2017, by its Korean name.
    let mut expected = 0;
    for e in data.expulsions.iter().filter(|e| {
        e.date.year == 2017
            && e.action.removes_people()
            && e.role.as_deref().is_some_and(|r| r.contains("ambassador"))
    }) {
        let korean_name = data.country(&e.country).unwrap().korean.first().unwrap();
        assert!(
            words.contains(korean_name.as_str()),
            "{korean_name} missing: {words}"
        );
        expected += 1;
    }
    assert!(expected >= 4, "{expected}");
    assert!(words.contains("2017년 9월"), "{words}");
}

#[test]
fn the_cli_takes_lang_for_ask_map_and_eval() {
    let ask = std::process::Command::new(common::bin())
        .args(["ask", "/expelled year:2017", "--lang", "ko"])
        .output()
        .unwrap();
    assert!(ask.status.success());
    let text = String::from_utf8(ask.stdout).unwrap();
    assert!(text.starts_with("북한 외교관에 대한 조치"), "{text}");
    assert!(text.contains("출처:"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("map.png");
    let map = std::process::Command::new(common::bin())
        .args(["map", "--lang", "ko", "--region", "Africa", "--out"])
        .arg(&png)
        .output()
        .unwrap();
    assert!(
        map.status.success(),
        "{}",
        String::from_utf8_lossy(&map.stderr)
    );
    assert!(String::from_utf8(map.stdout)
        .unwrap()
        .contains("북한 재외공관 — 아프리카"));
    assert!(std::fs::metadata(&png).unwrap().len() > 10_000);

    let questions = dir.path().join("q.json");
    std::fs::write(
        &questions,
        r#"{"about": "Korean answers", "questions": [
            {"id": "ko-spain", "q": "/embassy country:Spain", "must": ["마드리드", "2023년 10월"], "must_not": ["Embassy in Madrid"]}
        ]}"#,
    )
    .unwrap();
    let eval = std::process::Command::new(common::bin())
        .args(["eval", "--lang", "ko"])
        .arg(&questions)
        .output()
        .unwrap();
    let out = String::from_utf8(eval.stdout).unwrap();
    assert!(out.contains("accuracy: 1/1"), "{out}");

    let refused = std::process::Command::new(common::bin())
        .args(["ask", "/help", "--lang", "klingon"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("languages: en, ko"));
}

#[test]
fn the_fonts_draw_every_word_a_map_can_show_in_every_language() {
    let data = dataset::embedded();
    // Every word of every catalogue, so that the Hangul subset is rebuilt
    // (tools/subset_hangul_font.py) whenever Korean words are added.
    let drawn_on_maps = ["map.", "region.", "date.", "month."];
    for (locale, catalogue) in i18n::catalogues() {
        for (key, text) in catalogue {
            let must_draw: String = if drawn_on_maps.iter().any(|p| key.starts_with(p)) {
                text.clone()
            } else {
                text.chars()
                    .filter(|c| i18n::has_hangul(&c.to_string()))
                    .collect()
            };
            assert!(
                missionbot::map::can_draw(&must_draw),
                "{locale} {key}: {text:?} has a character no embedded font draws"
            );
        }
    }
    for region in ["Africa", "Europe", "South-Eastern Asia", "Middle East"] {
        let (reply, png) = missionbot::map::mission_map(
            data,
            &missionbot::map::MapQuery {
                region: Some(region.into()),
                lang: korean(),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(
            reply.title.starts_with("북한 재외공관 — "),
            "{}",
            reply.title
        );
        assert!(!png.bytes.is_empty());
    }
}

#[test]
fn people_and_cities_are_written_in_hangul_with_the_latin_name_and_its_source() {
    let data = dataset::embedded();
    let reply = answers::answer_in(
        data,
        &Query::parse_line("/embassy country:쿠웨이트").unwrap(),
        korean(),
    );
    let words = reply.plain_words();
    // The expelled ambassador in Hangul, the records' spelling after it.
    assert!(words.contains("서창식 (So Chang Sik)"), "{words}");
    assert!(words.contains("쿠웨이트시티 대사관"), "{words}");
    // Kuwait covers the DPRK from Beijing, written as Korean press writes it.
    assert!(words.contains("베이징"), "{words}");
    // The Hangul spelling is cited to a source that writes it.
    let so = data.korean_name("So Chang Sik").expect("a Korean name");
    let cited: Vec<&str> = reply.sources.iter().map(|s| s.id.as_str()).collect();
    assert!(
        so.sources.iter().any(|s| cited.contains(&s.as_str())),
        "{cited:?}"
    );
    // English keeps the records' spelling, with no Hangul.
    let english = answers::answer(data, &Query::parse_line("/embassy country:Kuwait").unwrap());
    assert!(english.plain_words().contains("So Chang Sik"));
    assert!(!english.plain_words().contains("서창식"));
}

#[test]
fn every_mission_city_has_a_korean_name_and_people_phrases_are_rewritten_whole() {
    let data = dataset::embedded();
    let lang = korean();
    for m in &data.missions {
        assert!(has_hangul(m.city_in(lang)), "{} has no Korean name", m.city);
    }
    // Every name is matched as a whole word, longer names first, and each
    // only once: the Latin spelling in parentheses is never rewritten again.
    let named: Vec<&str> = data
        .names
        .iter()
        .filter(|n| !n.place)
        .map(|n| n.latin.as_str())
        .collect();
    for latin in named {
        let once = data.people_in(latin, lang);
        assert_eq!(once.matches('(').count(), 1, "{once}");
        assert!(once.ends_with(&format!("({latin})")), "{once}");
        let longer = format!("{latin}son and others");
        assert_eq!(data.people_in(&longer, lang), longer, "not a whole word");
    }
    // Every city a relation covers the DPRK from has its Korean name too.
    for r in &data.relations {
        if let Some(city) = &r.covers_dprk_from {
            assert!(has_hangul(data.city_name_in(city, lang)), "{city}");
        }
    }
    let pair = data.people_in("Pak Nam Yong and Ri Si Hong", lang);
    assert!(pair.starts_with("박남영 (Pak Nam Yong) and "), "{pair}");
    assert!(pair.contains("(Ri Si Hong)"), "{pair}");
    assert_eq!(
        data.people_in("Pak Nam Yong", Lang::ENGLISH),
        "Pak Nam Yong"
    );
}

#[test]
fn a_korean_reader_finds_a_diplomat_by_the_hangul_name() {
    let data = dataset::embedded();
    for (hangul, city) in [("리길성", "싱가포르"), ("현학봉", "런던")] {
        let reply = answers::answer_in(
            data,
            &Query::Ask {
                question: format!("{hangul} 대사는 누구인가요?"),
            },
            korean(),
        );
        let words = reply.plain_words();
        assert!(words.contains(hangul), "{hangul}: {words}");
        assert!(words.contains(city), "{hangul}: {words}");
    }
}

#[test]
fn the_names_file_refuses_a_name_no_record_uses_or_one_not_in_hangul() {
    use missionbot::dataset::{DataFiles, Dataset};
    let edit = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut files = DataFiles::embedded();
        let mut names: serde_json::Value = serde_json::from_str(&files.names).unwrap();
        change(&mut names);
        files.names = names.to_string();
        Dataset::from_files(&files, "data/")
            .map(|_| ())
            .unwrap_err()
    };
    let unknown = edit(&|n| n[0]["latin"] = "Nobody Anyone".into());
    assert!(unknown.to_string().contains("no record names"), "{unknown}");
    let latin = edit(&|n| n[0]["korean"] = "Kang Chol".into());
    assert!(
        latin.to_string().contains("not a name in Hangul"),
        "{latin}"
    );
    let twice = edit(&|n| {
        let first = n[0].clone();
        n.as_array_mut().unwrap().push(first);
    });
    assert!(twice.to_string().contains("appears twice"), "{twice}");
}

/// Issue 30: a Korean answer about any country never writes a mission's
/// city in Latin letters where the data has its Korean name, except inside
/// a note kept in its original English (marked "(영어 원문)") or a
/// source's title.
#[test]
fn korean_answers_write_every_city_with_a_korean_name_in_hangul() {
    let data = dataset::embedded();
    let lang = korean();
    let cities: Vec<(&str, &str, regex::Regex)> = data
        .missions
        .iter()
        .filter(|m| m.city_names.contains_key("ko"))
        .map(|m| {
            let word = regex::Regex::new(&format!(r"\b{}\b", regex::escape(&m.city))).unwrap();
            (m.city.as_str(), m.city_in(lang), word)
        })
        .collect();
    let mut lines_checked = 0;
    for c in &data.countries {
        let name = c.name.as_str();
        for line in [
            format!("/embassy country:{name}"),
            format!("/timeline country:{name}"),
            format!("/expelled country:{name}"),
            format!("/defections country:{name}"),
        ]
        .into_iter()
        .chain(["/missions".to_owned(), "/missions status:closed".to_owned()])
        {
            let Ok(query) = Query::parse_line(&line) else {
                continue;
            };
            let reply = answers::answer_in(data, &query, lang);
            let mut text = vec![reply.title.clone(), reply.description.clone()];
            text.extend(
                reply
                    .fields
                    .iter()
                    .flat_map(|f| [f.name.clone(), f.value.clone()]),
            );
            for piece in text.iter().flat_map(|t| t.lines()) {
                // A note in its original English keeps its own words.
                if piece.contains("(영어 원문)") {
                    continue;
                }
                lines_checked += 1;
                for (latin, korean, latin_word) in &cities {
                    assert!(
                        !latin_word.is_match(piece) || piece.contains(korean),
                        "{line}: {latin} in Latin letters: {piece}"
                    );
                }
            }
        }
    }
    assert!(lines_checked > 1000, "{lines_checked}");
}

#[test]
fn every_korean_name_of_a_person_finds_their_records() {
    let data = dataset::embedded();
    for n in data.names.iter().filter(|n| !n.place) {
        let reply = answers::answer_in(
            data,
            &Query::Ask {
                question: n.korean.clone(),
            },
            korean(),
        );
        let words = reply.plain_words();
        assert!(
            words.contains(&n.latin) && words.contains(&n.korean),
            "{} ({}): {words}",
            n.korean,
            n.latin
        );
    }
    for (hangul, latin) in [("태영호", "Thae Yong Ho"), ("리일규", "Ri Il Kyu")] {
        let reply = answers::answer_in(
            data,
            &Query::Ask {
                question: hangul.to_owned(),
            },
            korean(),
        );
        assert!(reply.plain_words().contains(latin), "{hangul}");
    }
}
