//! "Report a correction" (issue 27): the button, the form, the report in
//! the moderators' channel, "Mark resolved", and the report kept across a
//! restart, with files and with PostgreSQL.

use crate::common;

use common::bot_process::Bot;
use common::fake_discord::{FakeDiscord, Recorded, GUILD_ID};
use common::guild::{self, MEMBER, MOD_A, OTHER_GUILD};
use common::payloads;
use common::postgres::Postgres;
use common::spec;
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

const CHANNEL: &str = "1300000000000000055";

/// The components' custom ids of an answer, in order.
fn button_ids(body: &Value) -> Vec<String> {
    body["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().into_iter().flatten())
        .filter_map(|b| b["custom_id"].as_str().map(str::to_owned))
        .collect()
}

async fn press(fake: &FakeDiscord, (id, payload): (String, Value)) -> (String, Value) {
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    (id, body)
}

/// The reports posted to the corrections channel so far.
fn posts(fake: &FakeDiscord) -> Vec<Recorded> {
    let path = format!("/api/v10/channels/{CHANNEL}/messages");
    fake.requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == path)
        .collect()
}

/// The edit that followed an interaction's deferral (the outcome).
async fn outcome(fake: &FakeDiscord, interaction: &str) -> String {
    let token = format!("itok-{interaction}");
    let edits = fake
        .wait_for("the outcome's edit", Duration::from_secs(15), |r| {
            r.iter()
                .any(|x| x.method == "PATCH" && x.path.contains(&token))
        })
        .await;
    let edit = edits
        .into_iter()
        .find(|x| x.method == "PATCH" && x.path.contains(&token))
        .unwrap();
    let schema = spec::request_schema(
        "patch",
        "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
    );
    assert_eq!(
        spec::errors_inline(&schema, &edit.body),
        Vec::<String>::new()
    );
    edit.body["embeds"].to_string()
}

/// Answers `/embassy Spain` in the guild and returns its report button's id.
async fn report_button(fake: &FakeDiscord) -> String {
    let body = guild::run(
        fake,
        GUILD_ID,
        MEMBER,
        false,
        "embassy",
        payloads::string_options(&[("country", "Spain")]),
    )
    .await;
    button_ids(&body)
        .into_iter()
        .find(|id| id.starts_with("fix:"))
        .expect("a Report a correction button")
}

/// The whole flow on one store; `restart` brings the bot back on the same
/// store and returns it.
async fn report_flow(fake: &FakeDiscord, restart: impl FnOnce() -> Bot) -> Bot {
    let fix = report_button(fake).await;
    assert_eq!(fix, "fix:/embassy country:Spain");

    // No corrections channel yet: the button says who to ask.
    let (_, body) = press(fake, payloads::guild_button(&fix, GUILD_ID, MEMBER, false)).await;
    assert_eq!(body["type"], 4);
    assert_eq!(body["data"]["flags"], 64);
    assert!(
        guild::text(&body).contains("/settings corrections"),
        "{body}"
    );

    // A moderator names the channel.
    let set = guild::run(
        fake,
        GUILD_ID,
        MOD_A,
        true,
        "settings",
        payloads::corrections_channel_options(CHANNEL),
    )
    .await;
    assert!(
        guild::text(&set).contains(&format!("<#{CHANNEL}>")),
        "{set}"
    );

    // Two clicks: the button opens the form...
    let (_, form) = press(fake, payloads::guild_button(&fix, GUILD_ID, MEMBER, false)).await;
    assert_eq!(form["type"], 9, "a modal: {form}");
    spec::assert_valid("ModalInteractionCallbackRequest", &form);
    let form_id = form["data"]["custom_id"].as_str().unwrap().to_owned();
    let inputs: Vec<&str> = form["data"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|row| row["components"][0]["custom_id"].as_str())
        .collect();
    assert_eq!(inputs, ["what", "source"]);
    assert_eq!(
        form["data"]["components"][0]["components"][0]["style"], 2,
        "several lines"
    );

    // ...and submitting it reaches the moderators.
    let what = "The embassy in Madrid:\nthe answer says closed, a 2026 report says it reopened";
    let (submitted, first) = press(
        fake,
        payloads::modal_submit(
            &form_id,
            &[("what", what), ("source", "https://example.org/madrid")],
            GUILD_ID,
            MEMBER,
        ),
    )
    .await;
    assert_eq!(first["type"], 5, "deferred while it is stored: {first}");
    assert_eq!(first["data"]["flags"], 64);
    let told = outcome(fake, &submitted).await;
    assert!(
        told.contains("Report received") && told.contains(&format!("<#{CHANNEL}>")),
        "{told}"
    );
    let posted = posts(fake);
    assert_eq!(posted.len(), 1, "posted once");
    let post = &posted[0].body;
    let schema = spec::request_schema("post", "/channels/{channel_id}/messages");
    assert_eq!(spec::errors_inline(&schema, post), Vec::<String>::new());
    assert_eq!(
        post["allowed_mentions"]["parse"],
        json!([]),
        "a report never pings"
    );
    let shown = post["embeds"].to_string();
    for part in [
        "Correction report c1",
        "reopened",
        "/embassy country:Spain",
        "https://example.org/madrid",
    ] {
        assert!(shown.contains(part), "{part}: {shown}");
    }
    let resolve = post["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(resolve, "fixdone:1");

    // The report outlives the process.
    let bot = restart();
    fake.wait_registered().await;

    // A moderator turns it into a record: the form comes filled in from
    // the report, and the saved record resolves it.
    let to_record = post["components"][0]["components"][1]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(to_record, "fixrecord:1");
    let (_, refused) = press(
        fake,
        payloads::guild_button(&to_record, GUILD_ID, MEMBER, false),
    )
    .await;
    assert_eq!(refused["data"]["flags"], 64, "readers cannot: {refused}");
    let (_, record_form) = press(
        fake,
        payloads::guild_button(&to_record, GUILD_ID, MOD_A, true),
    )
    .await;
    assert_eq!(record_form["type"], 9, "{record_form}");
    spec::assert_valid("ModalInteractionCallbackRequest", &record_form);
    let filled = payloads::form_values(&record_form);
    let value = |name: &str| {
        filled
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert_eq!(value("country"), "Spain");
    assert_eq!(value("source_url"), "https://example.org/madrid");
    assert!(value("trigger").contains("reopened"));
    assert_eq!(value("date"), "", "a date is never guessed");
    // A wrong action is refused with what to write, and nothing is resolved.
    let form_id = record_form["data"]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut fields = vec![
        ("country", "Spain".to_owned()),
        ("date", "2026-11-02".to_owned()),
        ("action", "kicked".to_owned()),
        ("trigger", "sanctions evasion".to_owned()),
        ("source_url", "https://example.org/madrid".to_owned()),
    ];
    let submit = |fields: &Vec<(&str, String)>| {
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let (id, mut payload) = payloads::modal_submit(&form_id, &pairs, GUILD_ID, MOD_A);
        payload["member"]["permissions"] = json!(payloads::MODERATOR_PERMISSIONS);
        (id, payload)
    };
    let (_, wrong) = press(fake, submit(&fields)).await;
    assert!(guild::text(&wrong).contains("persona_non_grata"), "{wrong}");
    fields[2].1 = "expelled".to_owned();
    let (_, saved) = press(fake, submit(&fields)).await;
    let saved = guild::text(&saved);
    assert!(
        saved.contains("Recorded") && saved.contains("c1"),
        "{saved}"
    );

    // A reader cannot resolve it; a moderator can, once.
    let (_, refused) = press(
        fake,
        payloads::guild_button(&resolve, GUILD_ID, MEMBER, false),
    )
    .await;
    assert_eq!(refused["data"]["flags"], 64);
    let (_, resolved) = press(
        fake,
        payloads::guild_button(&resolve, GUILD_ID, MOD_A, true),
    )
    .await;
    assert_eq!(resolved["type"], 7, "the post is updated: {resolved}");
    spec::assert_valid("UpdateMessageInteractionCallbackRequest", &resolved);
    let text = resolved["data"]["embeds"].to_string();
    assert!(
        text.contains("Resolved") && text.contains("reopened"),
        "{text}"
    );
    assert_eq!(resolved["data"]["components"], json!([]), "no button left");
    bot
}

fn start_with(fake: &FakeDiscord, state: &Path, env: &[(&str, &str)]) -> Bot {
    Bot::start_with_state(fake, state, env)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_reaches_the_moderators_and_survives_a_restart_with_files() {
    let fake = FakeDiscord::start().await;
    let state = tempfile::tempdir().unwrap();
    let first = start_with(&fake, state.path(), &[]);
    fake.wait_registered().await;
    let mut first = Some(first);
    let _bot = report_flow(&fake, || {
        let (status, log) = first.take().unwrap().terminate();
        assert!(status.success(), "{log}");
        start_with(&fake, state.path(), &[])
    })
    .await;
    let kept = std::fs::read_to_string(state.path().join("corrections.jsonl")).unwrap();
    assert_eq!(
        kept.lines().count(),
        2,
        "the report, then its resolution: {kept}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_reaches_the_moderators_and_survives_a_restart_with_postgres() {
    let Some(pg) = Postgres::start("corrections").await else {
        return;
    };
    let fake = FakeDiscord::start().await;
    let state = tempfile::tempdir().unwrap();
    let env = [("MISSIONBOT_DATABASE_URL", pg.url.as_str())];
    let mut first = Some(start_with(&fake, state.path(), &env));
    fake.wait_registered().await;
    let _bot = report_flow(&fake, || {
        let (status, log) = first.take().unwrap().terminate();
        assert!(status.success(), "{log}");
        start_with(&fake, state.path(), &env)
    })
    .await;
    let pool = sqlx::PgPool::connect(&pg.url).await.unwrap();
    let (resolved_by,): (Option<String>,) =
        sqlx::query_as("SELECT resolved_by FROM correction_reports WHERE id = 1")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(resolved_by.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_users_own_install_keeps_reports_for_the_maintainers_and_readers_are_limited() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, &[]);
    fake.wait_registered().await;
    // In a server the bot is not in, through a person's own install.
    let (id, mut press_payload) =
        payloads::guild_button("fix:/missions", OTHER_GUILD, MEMBER, false);
    press_payload["authorizing_integration_owners"] = json!({"1": MEMBER});
    let (_, form) = press(&fake, (id, press_payload)).await;
    assert_eq!(form["type"], 9, "{form}");
    let form_id = form["data"]["custom_id"].as_str().unwrap().to_owned();
    assert_eq!(form_id, "fixuser:/missions");
    let submit = |what: &str| {
        payloads::modal_submit(
            &form_id,
            &[("what", what), ("source", "")],
            OTHER_GUILD,
            MEMBER,
        )
    };
    let (first, _) = press(&fake, submit("Tripoli reopened")).await;
    assert!(outcome(&fake, &first).await.contains("maintainers"));
    assert!(posts(&fake).is_empty(), "no server's channel is posted to");
    // Checked like a moderator's text: a bad link is refused at once.
    let (_, bad) = press(
        &fake,
        payloads::modal_submit(
            &form_id,
            &[("what", "x"), ("source", "not a link")],
            OTHER_GUILD,
            MEMBER,
        ),
    )
    .await;
    assert_eq!(bad["data"]["flags"], 64);
    assert!(guild::text(&bad).contains("not a web link"), "{bad}");
    // Three in a row, then the reader waits.
    for n in 2..=3 {
        let (id, _) = press(&fake, submit(&format!("report {n}"))).await;
        assert!(outcome(&fake, &id).await.contains("Report received"));
    }
    let (_, limited) = press(&fake, submit("report 4")).await;
    assert_eq!(limited["type"], 4);
    assert!(guild::text(&limited).contains("next one in"), "{limited}");
}
