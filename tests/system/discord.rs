//! The real binary against a fake Discord on 127.0.0.1: registration,
//! every command, autocomplete, pages, DMs, mentions, reconnects and load.

use crate::common;

use common::bot_process::Bot;
use common::fake_discord::{FakeDiscord, Recorded, BOT_TOKEN};
use common::payloads;
use common::spec;
use serde_json::{json, Value};
use std::time::Duration;

async fn started() -> (FakeDiscord, Bot) {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, &[]);
    fake.wait_registered().await;
    (fake, bot)
}

fn embed_text(body: &Value) -> String {
    body["data"]["embeds"].to_string()
}

fn assert_callback_valid(body: &Value) {
    let schema = match body["type"].as_u64() {
        Some(4) | Some(5) => "CreateMessageInteractionCallbackRequest",
        Some(7) => "UpdateMessageInteractionCallbackRequest",
        Some(8) => "ApplicationCommandAutocompleteCallbackRequest",
        other => panic!("unexpected callback type {other:?}"),
    };
    spec::assert_valid(schema, body);
    if body["type"] != 8 {
        assert_eq!(
            body["data"]["allowed_mentions"]["parse"],
            json!([]),
            "replies must never ping"
        );
    }
}

async fn ask(fake: &FakeDiscord, name: &str, options: Value) -> Value {
    let (id, payload) = payloads::command(name, options);
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    assert_callback_valid(&body);
    body
}

/// Presses the page button at `index` (0 previous, 1 next) of an answer and
/// returns the valid UPDATE_MESSAGE body, checking it shows page `page`.
async fn press_page(fake: &FakeDiscord, body: &Value, index: usize, page: usize) -> Value {
    let custom_id = body["data"]["components"][0]["components"][index]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (id, payload) = payloads::button(&custom_id);
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    assert_eq!(body["type"], 7);
    assert_callback_valid(&body);
    let footer = body["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap();
    assert!(footer.starts_with(&format!("Page {page}/")), "{footer}");
    body
}

fn name_rule(name: &str) -> bool {
    let re = regex::Regex::new(r"^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$").unwrap();
    re.is_match(name) && name.to_lowercase() == name
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registers_commands_and_answers_each_of_them() {
    let (fake, mut bot) = started().await;
    let registration = fake
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .unwrap();
    assert_eq!(
        registration.path,
        format!(
            "/api/v10/applications/{}/commands",
            common::fake_discord::APP_ID
        )
    );
    let schema = spec::request_schema("put", "/applications/{application_id}/commands");
    let errors = spec::errors_inline(&schema, &registration.body);
    assert!(errors.is_empty(), "registration body: {errors:?}");
    let names: Vec<&str> = registration
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    for wanted in ["embassy", "expelled", "missions", "sources", "help", "ask"] {
        assert!(names.contains(&wanted), "{wanted} not registered");
    }
    for c in registration.body.as_array().unwrap() {
        assert!(c["type"] == 3 || name_rule(c["name"].as_str().unwrap()));
        let d = c["description"].as_str().unwrap();
        if c["type"] == 3 {
            // A message command (Apps menu) has an empty description.
            assert_eq!(d, "");
            continue;
        }
        assert!((1..=100).contains(&d.chars().count()), "{d}");
        let moderator_only = c["default_member_permissions"] == json!(32);
        assert_eq!(
            c["contexts"],
            if moderator_only {
                json!([0])
            } else {
                json!([0, 1, 2])
            },
            "usable in guilds and DMs"
        );
        for o in c["options"].as_array().into_iter().flatten() {
            assert!(name_rule(o["name"].as_str().unwrap()));
            assert!((1..=100).contains(&o["description"].as_str().unwrap().chars().count()));
        }
    }

    let body = ask(
        &fake,
        "embassy",
        payloads::string_options(&[("country", "Spain")]),
    )
    .await;
    assert_eq!(body["type"], 4);
    let text = embed_text(&body);
    assert!(
        text.contains("Madrid") && text.contains("https://"),
        "{text}"
    );
    assert!(body["data"]["embeds"][0]["url"]
        .as_str()
        .unwrap()
        .starts_with("http"));

    let body = ask(
        &fake,
        "expelled",
        json!([{"name": "year", "type": 4, "value": 2017}]),
    )
    .await;
    let text = embed_text(&body);
    for c in ["Mexico", "Peru", "Kuwait", "Spain"] {
        assert!(text.contains(c), "{c} missing from /expelled year:2017");
    }
    let body = ask(
        &fake,
        "missions",
        payloads::string_options(&[("region", "Africa"), ("status", "open")]),
    )
    .await;
    assert!(embed_text(&body).contains("Algeria"));
    let body = ask(&fake, "sources", json!([])).await;
    assert!(embed_text(&body).contains("https://"));
    let body = ask(&fake, "help", json!([])).await;
    assert!(embed_text(&body).contains("/embassy"));
    let body = ask(
        &fake,
        "ask",
        payloads::string_options(&[(
            "question",
            "When did Mexico expel the North Korean ambassador?",
        )]),
    )
    .await;
    let text = embed_text(&body);
    assert!(
        text.contains("7 September 2017")
            && text.contains("Kim Hyong Gil")
            && text.contains("https://"),
        "{text}"
    );

    // Problems are private and polite.
    let body = ask(&fake, "nosuchcommand", json!([])).await;
    assert_eq!(body["data"]["flags"], 64);
    let body = ask(
        &fake,
        "missions",
        payloads::string_options(&[("as_of", "yesterday-ish")]),
    )
    .await;
    assert_eq!(body["data"]["flags"], 64);
    assert!(embed_text(&body).contains("as_of"));

    let (status, log) = bot.terminate();
    assert!(
        status.success(),
        "exit status {status:?} after SIGTERM; log:\n{log}"
    );
    assert!(!log.contains(BOT_TOKEN), "the token leaked into the log");
    assert!(
        log.contains("answered") && log.contains("latency_ms"),
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_ranks_countries_for_what_was_typed() {
    let (fake, _bot) = started().await;
    for (typed, expected) in [
        ("spa", "Spain"),
        ("malysia", "Malaysia"),
        ("uk", "United Kingdom"),
        ("burma", "Myanmar"),
        ("", "Algeria"),
    ] {
        let (id, payload) = payloads::autocomplete("embassy", "country", typed);
        fake.dispatch("INTERACTION_CREATE", payload);
        let body = fake.callback_body(&id).await;
        assert_eq!(body["type"], 8);
        assert_callback_valid(&body);
        let choices: Vec<&str> = body["data"]["choices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert!(choices.len() <= 25);
        assert!(choices.contains(&expected), "{typed:?} → {choices:?}");
        if !typed.is_empty() {
            assert_eq!(
                choices[0], expected,
                "{typed:?} should rank {expected} first: {choices:?}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_buttons_go_forward_and_back() {
    let (fake, _bot) = started().await;
    let body = ask(&fake, "sources", json!([])).await;
    let footer = body["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(footer.starts_with("Page 1/"), "{footer}");
    let buttons = body["data"]["components"][0]["components"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(buttons.len(), 2);
    assert_eq!(buttons[0]["disabled"], true);
    let body = press_page(&fake, &body, 1, 2).await;
    press_page(&fake, &body, 0, 1).await;

    // A button from before a restart (or forged) that cannot be read: polite, private.
    let (id, payload) = payloads::button("page:missions:2");
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    assert_eq!(body["data"]["flags"], 64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dm_interactions_and_mentions_are_answered() {
    let (fake, _bot) = started().await;
    let (id, payload) =
        payloads::dm_command("embassy", payloads::string_options(&[("country", "Laos")]));
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    assert_callback_valid(&body);
    assert!(embed_text(&body).contains("Vientiane"));

    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::mention_message(&format!(
            "<@{}> When did Mexico expel the North Korean ambassador?",
            common::fake_discord::APP_ID
        )),
    );
    let reqs = fake
        .wait_for("the reply to a mention", Duration::from_secs(15), |r| {
            r.iter()
                .any(|x| x.method == "POST" && x.path.ends_with("/messages"))
        })
        .await;
    let sent: &Recorded = reqs
        .iter()
        .find(|x| x.method == "POST" && x.path.ends_with("/messages"))
        .unwrap();
    let text = sent.body["embeds"].to_string();
    assert!(
        text.contains("7 September 2017") && text.contains("Kim Hyong Gil"),
        "{text}"
    );
    assert_eq!(sent.body["allowed_mentions"]["parse"], json!([]));
    let schema = spec::request_schema("post", "/channels/{channel_id}/messages");
    let errors = spec::errors_inline(&schema, &sent.body);
    assert!(errors.is_empty(), "message body: {errors:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resumes_after_reconnect_and_after_a_dropped_socket() {
    let (fake, _bot) = started().await;
    assert_eq!(fake.identifies(), 1);
    fake.reconnect();
    let body = ask(
        &fake,
        "embassy",
        payloads::string_options(&[("country", "Peru")]),
    )
    .await;
    assert!(embed_text(&body).contains("Lima"));
    assert!(fake.resumes() >= 1, "op 7 should lead to a RESUME");

    let resumes = fake.resumes();
    fake.drop_socket();
    let body = ask(
        &fake,
        "embassy",
        payloads::string_options(&[("country", "Cuba")]),
    )
    .await;
    assert!(embed_text(&body).contains("Havana"));
    assert!(
        fake.resumes() > resumes || fake.identifies() > 1,
        "a dropped socket should be resumed or re-identified"
    );
    assert!(fake.connections() >= 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_interactions_at_once_are_each_answered_once() {
    let (fake, _bot) = started().await;
    let countries = [
        "Spain", "Mexico", "Peru", "China", "Laos", "Cuba", "Germany", "Egypt",
    ];
    let mut ids = Vec::new();
    for n in 0..200 {
        let (id, payload) = payloads::command(
            "embassy",
            payloads::string_options(&[("country", countries[n % countries.len()])]),
        );
        ids.push(id);
        fake.dispatch("INTERACTION_CREATE", payload);
    }
    let reqs = fake
        .wait_for("200 callbacks", Duration::from_secs(60), |r| {
            r.iter().filter(|x| x.path.ends_with("/callback")).count() >= 200
        })
        .await;
    // Give any duplicate a moment to show up.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut latencies = Vec::new();
    for id in &ids {
        let callbacks = fake.callbacks_for(id);
        assert_eq!(
            callbacks.len(),
            1,
            "interaction {id} answered {} times",
            callbacks.len()
        );
        assert_callback_valid(&callbacks[0].body);
        latencies.push(callbacks[0].at - fake.dispatched_at(id).unwrap());
    }
    latencies.sort();
    eprintln!(
        "200 interactions at once: median {:?}, p99 {:?}, max {:?} ({} requests recorded)",
        latencies[100],
        latencies[197],
        latencies[199],
        reqs.len()
    );
    assert!(
        latencies[199] < Duration::from_secs(3),
        "slowest answer {:?} exceeds Discord's 3 s",
        latencies[199]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_session_does_not_register_an_unchanged_command_set_again() {
    let (fake, _bot) = started().await;
    fake.invalidate_session();
    let body = ask(
        &fake,
        "embassy",
        payloads::string_options(&[("country", "Iran")]),
    )
    .await;
    assert!(embed_text(&body).contains("Tehran"));
    assert!(
        fake.identifies() >= 2,
        "op 9 should lead to a new IDENTIFY and READY"
    );
    let puts = fake.requests().iter().filter(|r| r.method == "PUT").count();
    assert_eq!(puts, 1, "the unchanged command set was registered again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guild_registration_goes_to_the_guild() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(
        &fake,
        &[("DISCORD_GUILD_ID", common::fake_discord::GUILD_ID)],
    );
    let put = fake.wait_registered().await;
    assert_eq!(
        put.path,
        format!(
            "/api/v10/applications/{}/guilds/{}/commands",
            common::fake_discord::APP_ID,
            common::fake_discord::GUILD_ID
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_unknown_dispatches_do_not_take_the_bot_down() {
    let (fake, _bot) = started().await;
    fake.dispatch(
        "INTERACTION_CREATE",
        json!({"id": "not-a-snowflake", "type": 2}),
    );
    fake.dispatch("INTERACTION_CREATE", json!(null));
    fake.dispatch("SOMETHING_NEW", json!({"x": 1}));
    fake.send_raw(json!({"op": 0, "t": "INTERACTION_CREATE", "d": {"type": 99, "id": "1", "application_id": "1", "token": "t", "version": 1}}));
    fake.send_raw(json!({"op": 42, "d": "??"}));
    let (id, mut payload) =
        payloads::command("embassy", payloads::string_options(&[("country", "Spain")]));
    payload["data"]["options"] = json!([{"name": "country", "type": 3, "value": "x".repeat(5000)}]);
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    assert_callback_valid(&body);
    let body = ask(
        &fake,
        "embassy",
        payloads::string_options(&[("country", "Vietnam")]),
    )
    .await;
    assert!(embed_text(&body).contains("Hanoi"));
}

fn decode_png(bytes: &[u8]) -> (u32, u32) {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .expect("a PNG");
    (reader.info().width, reader.info().height)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn map_is_deferred_then_edited_with_a_png_the_embed_shows() {
    let (fake, _bot) = started().await;
    for round in 0..2 {
        let (id, payload) = payloads::command(
            "map",
            payloads::string_options(&[("region", "Africa"), ("as_of", "2017-09-30")]),
        );
        fake.dispatch("INTERACTION_CREATE", payload);
        let body = fake.callback_body(&id).await;
        assert_eq!(body["type"], 5, "the map is deferred first");
        assert_callback_valid(&body);
        let edit_path = format!(
            "/api/v10/webhooks/{}/itok-{id}/messages/@original",
            common::fake_discord::APP_ID
        );
        let reqs = fake
            .wait_for("the edit with the map", Duration::from_secs(20), |r| {
                r.iter().any(|x| x.method == "PATCH" && x.path == edit_path)
            })
            .await;
        let edit = reqs
            .iter()
            .find(|x| x.method == "PATCH" && x.path == edit_path)
            .unwrap();
        assert!(
            edit.content_type.starts_with("multipart/form-data"),
            "{}",
            edit.content_type
        );
        assert_eq!(edit.files.len(), 1);
        assert_eq!(edit.files[0].0, "map.png");
        assert_eq!(decode_png(&edit.files[0].1), (1600, 900));
        assert_eq!(
            edit.body["embeds"][0]["image"]["url"],
            "attachment://map.png"
        );
        assert!(edit.body["embeds"][0]["title"]
            .as_str()
            .unwrap()
            .contains("Africa"));
        assert_eq!(edit.body["attachments"][0]["filename"], "map.png");
        let schema = spec::request_schema(
            "patch",
            "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
        );
        let errors = spec::errors_inline(&schema, &edit.body);
        assert!(errors.is_empty(), "round {round}: {errors:?}");
    }
    // An unknown region is refused at once, privately, without deferring.
    let body = ask(
        &fake,
        "map",
        payloads::string_options(&[("region", "Narnia")]),
    )
    .await;
    assert_eq!(body["type"], 4);
    assert_eq!(body["data"]["flags"], 64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embassy_answers_carry_a_locator_map() {
    let (fake, _bot) = started().await;
    let (id, payload) =
        payloads::command("embassy", payloads::string_options(&[("country", "Spain")]));
    fake.dispatch("INTERACTION_CREATE", payload);
    fake.callback_body(&id).await;
    let callback = fake.callbacks_for(&id).remove(0);
    assert!(callback.content_type.starts_with("multipart/form-data"));
    assert_eq!(callback.files[0].0, "locator.png");
    // A thumbnail beside the text, a few KB.
    assert_eq!(decode_png(&callback.files[0].1), (240, 160));
    assert!(callback.files[0].1.len() < 16_000);
    assert_eq!(
        callback.body["data"]["embeds"][0]["thumbnail"]["url"],
        "attachment://locator.png"
    );
    assert!(callback.body["data"]["embeds"][0]["image"].is_null());
    assert_callback_valid(&callback.body);
    // The same question again is answered from the answer kept for it: the same bytes.
    let (id, payload) =
        payloads::command("embassy", payloads::string_options(&[("country", "Spain")]));
    fake.dispatch("INTERACTION_CREATE", payload);
    fake.callback_body(&id).await;
    let again = fake.callbacks_for(&id).remove(0);
    assert_eq!(again.body, callback.body);
    assert_eq!(again.files, callback.files);
}

/// A copy of `data/` where Malaysia has a long history (40 more dated
/// measures, each citing a real source), so its timeline needs pages.
fn long_history_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let file = dir.path().join("expulsions.json");
    let mut events: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let template = events
        .iter()
        .find(|e| e["country"] == "MY")
        .unwrap()
        .clone();
    for n in 0..40 {
        let mut e = template.clone();
        e["id"] = json!(format!("my-extra-{n}"));
        e["date"] = json!(format!("{}-01-15", 1980 + n));
        e["notes"] = json!(format!(
            "Test entry {n} with a long note. {}",
            "x".repeat(120)
        ));
        events.push(e);
    }
    std::fs::write(&file, serde_json::to_string(&events).unwrap()).unwrap();
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeline_is_registered_autocompleted_paged_and_valid() {
    let data = long_history_data();
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(
        &fake,
        &[("MISSIONBOT_DATA_DIR", data.path().to_str().unwrap())],
    );
    let registration = fake.wait_registered().await;
    let timeline = registration
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "timeline")
        .expect("/timeline registered")
        .clone();
    let options: Vec<&str> = timeline["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(options, ["country", "from", "to"]);

    let (id, payload) = payloads::autocomplete("timeline", "country", "malay");
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    assert_callback_valid(&body);
    assert_eq!(body["data"]["choices"][0]["name"], "Malaysia");

    let body = ask(
        &fake,
        "timeline",
        payloads::string_options(&[("country", "Malaysia")]),
    )
    .await;
    let text = embed_text(&body);
    assert!(text.contains("Malaysia and the DPRK: timeline"), "{text}");
    let footer = body["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(footer.starts_with("Page 1/"), "{footer}");
    let body = press_page(&fake, &body, 1, 2).await;
    assert!(embed_text(&body).contains("Malaysia and the DPRK: timeline"));

    // The date range is applied: nothing before 2021 on the Malaysia timeline.
    let body = ask(
        &fake,
        "timeline",
        payloads::string_options(&[("country", "Malaysia"), ("from", "2021")]),
    )
    .await;
    let text = embed_text(&body);
    assert!(text.contains("19 March 2021"), "{text}");
    assert!(!text.contains("Kang Chol"), "{text}");

    // Ranges on /expelled and /missions from the slash options.
    let body = ask(
        &fake,
        "expelled",
        payloads::string_options(&[("to", "1990"), ("region", "Europe")]),
    )
    .await;
    let text = embed_text(&body);
    assert!(
        text.contains("Denmark") && !text.contains("Spain"),
        "{text}"
    );
    let body = ask(
        &fake,
        "missions",
        payloads::string_options(&[("closed_from", "2020")]),
    )
    .await;
    let text = embed_text(&body);
    assert!(
        text.contains("Kampala") && !text.contains("Canberra"),
        "{text}"
    );
    let body = ask(
        &fake,
        "timeline",
        payloads::string_options(&[("country", "Malaysia"), ("from", "soon")]),
    )
    .await;
    assert_eq!(body["data"]["flags"], 64, "a bad date is a private problem");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_korean_locale_gets_korean_answers_and_an_english_one_english() {
    let (fake, _bot) = started().await;
    // /대사관 국가:스페인 as a Korean-language Discord sends it: the English
    // command name, the user's locale "ko", the country typed in Korean.
    let (id, mut payload) = payloads::command(
        "embassy",
        payloads::string_options(&[("country", "스페인")]),
    );
    payload["locale"] = json!("ko");
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    assert_callback_valid(&body);
    let embed = &body["data"]["embeds"][0];
    assert_eq!(embed["title"], "스페인 주재 북한 공관");
    let text = embed_text(&body);
    assert!(text.contains("마드리드 대사관"), "{text}");
    assert!(text.contains("2023년 10월"), "{text}");
    let fields = embed["fields"].as_array().unwrap();
    let sources = fields
        .iter()
        .find(|f| f["name"] == "출처")
        .expect("출처 field");
    assert!(
        sources["value"].as_str().unwrap().contains("](https://"),
        "{sources}"
    );
    assert!(embed["footer"]["text"]
        .as_str()
        .unwrap()
        .contains("까지의 사실"));

    // The same question from an English-locale user: the English answer, unchanged.
    let body = ask(
        &fake,
        "embassy",
        payloads::string_options(&[("country", "Spain")]),
    )
    .await;
    assert_eq!(body["data"]["embeds"][0]["title"], "DPRK missions in Spain");
    assert!(!embed_text(&body)
        .chars()
        .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)));

    // Autocomplete shows Korean names to a Korean user and sends back the English one.
    let (id, mut payload) = payloads::autocomplete("embassy", "country", "스페");
    payload["locale"] = json!("ko");
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    assert_callback_valid(&body);
    let first = &body["data"]["choices"][0];
    assert_eq!(first["name"], "스페인");
    assert_eq!(first["value"], "Spain");

    // A long Korean answer pages in Korean; its buttons page in Korean too.
    let (id, mut payload) = payloads::command("expelled", json!([]));
    payload["locale"] = json!("ko");
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    assert_callback_valid(&body);
    assert!(body["data"]["embeds"][0]["title"]
        .as_str()
        .unwrap()
        .starts_with("북한 외교관에 대한 조치"));
    let buttons = &body["data"]["components"][0]["components"];
    assert_eq!(buttons[1]["label"], "다음 ▶");
    let custom_id = buttons[1]["custom_id"].as_str().unwrap().to_owned();
    let (id, mut payload) = payloads::button(&custom_id);
    payload["locale"] = json!("ko");
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    assert_callback_valid(&body);
    let footer = body["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap();
    assert!(
        footer.starts_with("2/") && footer.contains('쪽'),
        "{footer}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn relations_and_defections_are_registered_autocompleted_paged_and_valid() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, &[]);
    let registration = fake.wait_registered().await;
    let options_of = |name: &str| -> Vec<String> {
        registration
            .body
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("/{name} registered"))["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        options_of("relations"),
        ["status", "region", "year", "from", "to", "covered_from"]
    );
    assert_eq!(options_of("defections"), ["country", "year", "from", "to"]);
    assert_eq!(options_of("embassy"), ["country", "as_of"]);
    assert_eq!(options_of("sources"), ["country"]);

    let (id, payload) = payloads::autocomplete("defections", "country", "kuw");
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    assert_callback_valid(&body);
    assert_eq!(body["data"]["choices"][0]["name"], "Kuwait");

    // 152 active relations need pages; the second page is valid too.
    let body = ask(
        &fake,
        "relations",
        payloads::string_options(&[("status", "active")]),
    )
    .await;
    let text = embed_text(&body);
    assert!(text.contains("UN members among them"), "{text}");
    let footer = body["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap();
    assert!(footer.starts_with("Page 1/"), "{footer}");
    press_page(&fake, &body, 1, 2).await;

    let body = ask(
        &fake,
        "relations",
        payloads::string_options(&[("covered_from", "Pyongyang")]),
    )
    .await;
    assert!(embed_text(&body).contains("Sweden"));

    let body = ask(&fake, "defections", payloads::string_options(&[])).await;
    let text = embed_text(&body);
    let data = missionbot::dataset::embedded();
    for d in data.defections.iter().take(3) {
        assert!(text.contains(&d.person), "{} in {text}", d.person);
    }
    let body = ask(
        &fake,
        "sources",
        payloads::string_options(&[("country", "Chile")]),
    )
    .await;
    assert!(embed_text(&body).contains("1970"));
    let body = ask(
        &fake,
        "embassy",
        payloads::string_options(&[("country", "United Kingdom"), ("as_of", "2019")]),
    )
    .await;
    assert!(embed_text(&body).contains("As of the end of 2019"));
}
