//! Where people already are (issue 27): the bot installed to a person's own
//! account, and "Ask missionbot" on any message.

use crate::common;

use common::bot_process::Bot;
use common::fake_discord::{FakeDiscord, GUILD_ID};
use common::guild::{self, chile_expulsion, MOD_A};
use common::payloads;
use common::spec;
use serde_json::{json, Value};

async fn started() -> (FakeDiscord, Bot) {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, &[]);
    fake.wait_registered().await;
    (fake, bot)
}

async fn answer(fake: &FakeDiscord, (id, payload): (String, Value)) -> Value {
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    spec::assert_valid("CreateMessageInteractionCallbackRequest", &body);
    assert_eq!(body["data"]["allowed_mentions"]["parse"], json!([]));
    body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn built_ins_install_to_a_user_and_a_users_install_sees_no_servers_records() {
    let (fake, _bot) = started().await;
    // Registration: built-ins for both installs in all three contexts;
    // moderators' commands for server installs in servers only.
    let registration = fake
        .registrations()
        .into_iter()
        .find(|r| r.path.ends_with("/commands") && !r.path.contains("/guilds/"))
        .expect("a global registration");
    let schema = spec::request_schema("put", "/applications/{application_id}/commands");
    assert_eq!(
        spec::errors_inline(&schema, &registration.body),
        Vec::<String>::new()
    );
    for command in registration.body.as_array().unwrap() {
        let moderators = command["default_member_permissions"].is_number();
        let (installs, contexts) = if moderators {
            (json!([0]), json!([0]))
        } else {
            (json!([0, 1]), json!([0, 1, 2]))
        };
        assert_eq!(
            command["integration_types"], installs,
            "{}",
            command["name"]
        );
        assert_eq!(command["contexts"], contexts, "{}", command["name"]);
    }

    // A record only this server holds, seen through the server's install.
    let recorded = guild::run(
        &fake,
        GUILD_ID,
        MOD_A,
        true,
        "record",
        chile_expulsion("installs canary"),
    )
    .await;
    assert!(guild::text(&recorded).contains("Recorded"), "{recorded}");
    let options = payloads::string_options(&[("country", "Chile")]);
    let through_server = answer(
        &fake,
        payloads::guild_command("timeline", options.clone(), GUILD_ID, MOD_A, false),
    )
    .await;
    assert!(guild::text(&through_server).contains("installs canary"));

    // The same server, the same question, through a person's own install
    // (the bot is not a member there): the shipped data, no record.
    let through_user = answer(
        &fake,
        payloads::user_install_command("timeline", options.clone(), Some(GUILD_ID)),
    )
    .await;
    let text = guild::text(&through_user);
    assert!(text.contains("Chile"), "{text}");
    assert!(
        !text.contains("installs canary"),
        "a server's record leaked: {text}"
    );
    for name in ["expelled", "embassy"] {
        let body = answer(
            &fake,
            payloads::user_install_command(name, options.clone(), Some(GUILD_ID)),
        )
        .await;
        assert!(!guild::text(&body).contains("installs canary"), "/{name}");
    }

    // A group DM (context 2): answered from the shipped data.
    let in_group_dm = answer(
        &fake,
        payloads::user_install_command(
            "embassy",
            payloads::string_options(&[("country", "Spain")]),
            None,
        ),
    )
    .await;
    assert!(guild::text(&in_group_dm).contains("Madrid"));

    // A person's own install is never a server's moderator.
    let (id, mut payload) = payloads::user_install_command(
        "command",
        payloads::sub_options("add", &[("name", json!("faq")), ("response", json!("x"))]),
        Some(GUILD_ID),
    );
    payload["member"]["permissions"] = json!(payloads::MODERATOR_PERMISSIONS);
    let refused = answer(&fake, (id, payload)).await;
    assert_eq!(refused["data"]["flags"], 64, "{refused}");
    assert!(
        guild::text(&refused).contains("Only in a server"),
        "{refused}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_missionbot_on_a_message_answers_it_as_ask_would() {
    let (fake, _bot) = started().await;
    let registration = fake.wait_registered().await;
    let menu = registration
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Ask missionbot")
        .expect("the message command is registered")
        .clone();
    assert_eq!(menu["type"], 3);
    assert_eq!(menu["name_localizations"]["ko"], "missionbot에게 묻기");
    assert_eq!(menu["integration_types"], json!([0, 1]));
    assert!(menu.get("options").is_none_or(|o| o == &json!([])));

    let post = "Mexico expels North Korean ambassador Kim Hyong Gil over nuclear test";
    let body = answer(&fake, payloads::message_command(post)).await;
    let text = guild::text(&body);
    assert!(text.contains("Read from the message"), "{text}");
    assert!(
        text.contains("2017") && text.contains("Kim Hyong Gil"),
        "{text}"
    );
    assert_ne!(
        body["data"]["flags"], 64,
        "an answer, not a problem: {text}"
    );

    // A long message: read up to the bound, and said.
    let long = format!(
        "{post}. {}",
        "The ministry gave no further details. ".repeat(120)
    );
    let body = answer(&fake, payloads::message_command(&long)).await;
    let text = guild::text(&body);
    let total = long.trim().chars().count().to_string();
    assert!(
        text.contains("Read only the first") && text.contains(&total),
        "{text}"
    );
    assert!(text.contains("Kim Hyong Gil"), "{text}");

    // A message with no text: said, privately.
    let body = answer(&fake, payloads::message_command("")).await;
    assert_eq!(body["data"]["flags"], 64);
    assert!(guild::text(&body).contains("Nothing to read"));

    // Through a person's own install in a group DM too.
    let (id, mut payload) = payloads::message_command(post);
    payload["authorizing_integration_owners"] =
        json!({"1": payload["member"]["user"]["id"].clone()});
    payload["context"] = json!(2);
    let body = answer(&fake, (id, payload)).await;
    assert!(guild::text(&body).contains("Kim Hyong Gil"));
}

/// The CSV a "Download CSV" press attaches, as (header, rows), checked
/// against the spec and read with a CSV reader.
async fn download(fake: &FakeDiscord, answer_body: &Value) -> (Vec<String>, Vec<Vec<String>>) {
    let buttons = answer_body["data"]["components"][0]["components"]
        .as_array()
        .expect("a row of buttons");
    let csv_id = buttons
        .iter()
        .filter_map(|b| b["custom_id"].as_str())
        .find(|id| id.starts_with("csv:"))
        .expect("a Download CSV button");
    let (id, payload) = payloads::button(csv_id);
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    spec::assert_valid("CreateMessageInteractionCallbackRequest", &body);
    assert_eq!(body["type"], 4);
    assert_eq!(body["data"]["flags"], 64, "the file goes to whoever asked");
    let callback = fake.callbacks_for(&id).remove(0);
    assert_eq!(callback.files.len(), 1, "one file attached");
    let (name, bytes) = &callback.files[0];
    assert!(name.ends_with(".csv"), "{name}");
    assert_eq!(body["data"]["attachments"][0]["filename"], name.as_str());
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a CSV row").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn download_csv_attaches_the_whole_list_with_its_sources() {
    let (fake, _bot) = started().await;
    // Every mission: several pages, one file with all of them.
    let body = answer(&fake, payloads::command("missions", json!([]))).await;
    let footer = body["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap();
    assert!(
        footer.starts_with("Page 1/"),
        "a list of several pages: {footer}"
    );
    let (header, rows) = download(&fake, &body).await;
    assert_eq!(header[..3], ["country", "country_iso2", "city"]);
    assert_eq!(header.last().unwrap(), "source_urls");
    // The rows are the list's items: the same missions as the answer lists.
    let data = missionbot::dataset::embedded();
    let reply = missionbot::answers::answer(
        data,
        &missionbot::query::Query::parse_line("/missions").unwrap(),
    );
    let listed: std::collections::BTreeSet<String> = reply
        .fields
        .iter()
        // The region groups ("Eastern Africa (3)"), not the published counts.
        .filter(|f| f.name.ends_with(')'))
        .flat_map(|f| f.value.lines())
        .filter_map(|l| {
            l.split_once(" — ")
                .and_then(|(_, r)| r.split_once(", "))
                .map(|(city, _)| city.to_owned())
        })
        .collect();
    let cities: std::collections::BTreeSet<String> = rows.iter().map(|r| r[2].clone()).collect();
    assert_eq!(rows.len(), data.missions.len());
    assert_eq!(cities, listed);
    assert!(
        rows.iter().all(|r| r.last().unwrap().starts_with("http")),
        "every row has its source"
    );

    // A filtered list: the measures of 2017, as many rows as the answer counts.
    let body = answer(
        &fake,
        payloads::command(
            "expelled",
            json!([{"name": "year", "type": 4, "value": 2017}]),
        ),
    )
    .await;
    let (header, rows) = download(&fake, &body).await;
    assert_eq!(header[0], "date");
    let counted = guild::text(&body);
    assert!(
        counted.contains(&format!("{} events", rows.len())),
        "{counted}"
    );
    assert!(rows.iter().all(|r| r[0].starts_with("2017")));
    assert!(rows.iter().any(|r| r[2] == "MX" && r[5] == "Kim Hyong Gil"));

    // Not offered where there is no list.
    let body = answer(
        &fake,
        payloads::command("embassy", payloads::string_options(&[("country", "Spain")])),
    )
    .await;
    assert!(!body["data"]["components"].to_string().contains("csv:"));
}

/// The same features over signed HTTP (the transport that scales): a
/// message command, the report form, and a CSV, whose file arrives in the
/// edit that follows the response (Discord takes no files in an HTTP
/// response).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_http_the_message_command_the_form_and_the_csv_work() {
    let fake = FakeDiscord::start().await;
    let worker = crate::http::Worker::start(&fake, &[]).await;
    let (_, payload) =
        payloads::message_command("When did Peru expel the North Korean ambassador?");
    let (status, body) = worker.post(&payload).await;
    assert_eq!(status, 200);
    spec::assert_valid("CreateMessageInteractionCallbackRequest", &body);
    assert!(guild::text(&body).contains("Peru"), "{body}");

    let (status, body) = worker
        .post(&payloads::command("missions", json!([])).1)
        .await;
    assert_eq!(status, 200);
    let ids: Vec<String> = body["data"]["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["custom_id"].as_str().map(str::to_owned))
        .collect();
    let csv_id = ids.iter().find(|id| id.starts_with("csv:")).unwrap();
    let fix_id = ids.iter().find(|id| id.starts_with("fix:")).unwrap();

    // A person's own install: the form opens whatever the server's setting.
    let (_, mut press) = payloads::button(fix_id);
    press["authorizing_integration_owners"] = json!({"1": MOD_A});
    let (status, form) = worker.post(&press).await;
    assert_eq!(status, 200);
    assert_eq!(form["type"], 9, "{form}");
    spec::assert_valid("ModalInteractionCallbackRequest", &form);

    let (id, press) = payloads::button(csv_id);
    let (status, first) = worker.post(&press).await;
    assert_eq!(status, 200);
    assert_eq!(first["data"]["flags"], 64);
    let token = format!("itok-{id}");
    let edits = fake
        .wait_for("the CSV's edit", std::time::Duration::from_secs(15), |r| {
            r.iter()
                .any(|x| x.method == "PATCH" && x.path.contains(&token) && !x.files.is_empty())
        })
        .await;
    let edit = edits
        .into_iter()
        .find(|x| x.method == "PATCH" && x.path.contains(&token) && !x.files.is_empty())
        .unwrap();
    let (name, bytes) = &edit.files[0];
    assert_eq!(name, "missionbot-missions.csv");
    let rows = csv::Reader::from_reader(bytes.as_slice()).records().count();
    assert_eq!(rows, missionbot::dataset::embedded().missions.len());
}
