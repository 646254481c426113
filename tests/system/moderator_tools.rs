//! Moderators' tools (issue 28): forms for multi-line responses, history
//! and restore, switches.

use crate::common;

use common::bot_process::Bot;
use common::fake_discord::{FakeDiscord, GUILD_ID};
use common::guild::{run, text, MEMBER, MOD_A};
use common::payloads::{self, sub_options};
use common::spec;
use serde_json::{json, Value};

async fn started() -> (FakeDiscord, Bot) {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, &[]);
    fake.wait_registered().await;
    (fake, bot)
}

/// A moderator's `/command <sub>` that answers with a form; the form.
async fn form(fake: &FakeDiscord, sub: &str, pairs: &[(&str, Value)]) -> Value {
    let (id, payload) =
        payloads::guild_command("command", sub_options(sub, pairs), GUILD_ID, MOD_A, true);
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    assert_eq!(body["type"], 9, "a form: {body}");
    spec::assert_valid("ModalInteractionCallbackRequest", &body);
    body
}

/// Submits a form with these inputs, as `user` (a moderator or not).
async fn submit(
    fake: &FakeDiscord,
    form: &Value,
    inputs: &[(&str, &str)],
    moderator: bool,
) -> Value {
    let custom_id = form["data"]["custom_id"].as_str().unwrap();
    let user = if moderator { MOD_A } else { MEMBER };
    let (id, mut payload) = payloads::modal_submit(custom_id, inputs, GUILD_ID, user);
    if moderator {
        payload["member"]["permissions"] = json!(payloads::MODERATOR_PERMISSIONS);
    }
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    spec::assert_valid("CreateMessageInteractionCallbackRequest", &body);
    body
}

/// A moderator's `/command <sub>` in the test server; what it said.
async fn moderate(fake: &FakeDiscord, sub: &str, pairs: Vec<(&str, Value)>) -> String {
    text(
        &run(
            fake,
            GUILD_ID,
            MOD_A,
            true,
            "command",
            sub_options(sub, &pairs),
        )
        .await,
    )
}

const THREE_PARAGRAPHS: &str =
    "Start with /missions.\n\nThen /embassy for one country.\n\nAsk in #research if stuck.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_multi_line_response_is_written_in_a_form_and_kept_line_for_line() {
    let (fake, _bot) = started().await;
    let add = form(&fake, "add", &[("name", json!("faq"))]).await;
    let response_input = &add["data"]["components"][0]["components"][0];
    assert_eq!(response_input["custom_id"], "response");
    assert_eq!(response_input["style"], 2, "several lines");
    assert_eq!(response_input["max_length"], 4000);
    // A reader cannot use a moderator's form.
    let forged = submit(&fake, &add, &[("response", "x")], false).await;
    assert_eq!(forged["data"]["flags"], 64);
    let added = submit(
        &fake,
        &add,
        &[
            ("response", THREE_PARAGRAPHS),
            ("description", ""),
            ("title", ""),
            ("source_url", ""),
        ],
        true,
    )
    .await;
    assert!(text(&added).contains("Added /faq"), "{}", text(&added));
    let used = run(&fake, GUILD_ID, MEMBER, false, "faq", json!([])).await;
    assert_eq!(
        used["data"]["content"], THREE_PARAGRAPHS,
        "line breaks survive"
    );

    // Editing opens the form filled in with the command as it is.
    let edit = form(&fake, "edit", &[("name", json!("faq"))]).await;
    let values = payloads::form_values(&edit);
    assert_eq!(
        values[0],
        ("response".to_owned(), THREE_PARAGRAPHS.to_owned())
    );
    let edited = submit(
        &fake,
        &edit,
        &[
            ("response", THREE_PARAGRAPHS),
            ("description", "How to start"),
            ("title", "FAQ"),
            ("source_url", ""),
        ],
        true,
    )
    .await;
    assert!(text(&edited).contains("Changed /faq"), "{}", text(&edited));
    let used = run(&fake, GUILD_ID, MEMBER, false, "faq", json!([])).await;
    assert_eq!(used["data"]["embeds"][0]["title"], "FAQ");
    assert_eq!(used["data"]["embeds"][0]["description"], THREE_PARAGRAPHS);
    // An emptied title takes it away again.
    let edit = form(&fake, "edit", &[("name", json!("faq"))]).await;
    assert_eq!(payloads::form_values(&edit)[2].1, "FAQ");
    submit(
        &fake,
        &edit,
        &[
            ("response", THREE_PARAGRAPHS),
            ("description", "How to start"),
            ("title", ""),
            ("source_url", ""),
        ],
        true,
    )
    .await;
    let used = run(&fake, GUILD_ID, MEMBER, false, "faq", json!([])).await;
    assert_eq!(used["data"]["content"], THREE_PARAGRAPHS);

    // The form's text meets the same rules as the option's.
    let add = form(&fake, "add", &[("name", json!("long"))]).await;
    let refused = submit(&fake, &add, &[("response", &"x".repeat(2001))], true).await;
    assert!(text(&refused).contains("2001"), "{}", text(&refused));
}

/// Add, edit, remove and restore, then the history after a restart, on
/// the store `env` names (files by default).
async fn history_and_restore(env: &[(&str, &str)]) {
    let fake = FakeDiscord::start().await;
    let state = tempfile::tempdir().unwrap();
    let mut bot = Bot::start_with_state(&fake, state.path(), env);
    fake.wait_registered().await;
    let moderate =
        |sub: &'static str, pairs: Vec<(&'static str, Value)>| moderate(&fake, sub, pairs);
    assert!(moderate(
        "add",
        vec![("name", json!("faq")), ("response", json!("first words"))]
    )
    .await
    .contains("Added"));
    assert!(moderate(
        "edit",
        vec![
            ("name", json!("faq")),
            ("response", json!("second words")),
            ("title", json!("FAQ"))
        ]
    )
    .await
    .contains("Changed"));
    assert!(moderate("remove", vec![("name", json!("faq"))])
        .await
        .contains("Removed"));
    let history = moderate("history", vec![("name", json!("faq"))]).await;
    for line in [
        "#3 · removed /faq",
        "#2 · edited /faq",
        "#1 · added /faq",
        "Changed: response, title",
    ] {
        assert!(history.contains(line), "{line}: {history}");
    }
    // The edit's version comes back, as a change of its own.
    let restored = moderate(
        "restore",
        vec![("name", json!("faq")), ("version", json!(2))],
    )
    .await;
    assert!(restored.contains("Restored /faq"), "{restored}");
    let used = run(&fake, GUILD_ID, MEMBER, false, "faq", json!([])).await;
    assert_eq!(used["data"]["embeds"][0]["description"], "second words");
    let refused = moderate(
        "restore",
        vec![("name", json!("faq")), ("version", json!(99))],
    )
    .await;
    assert!(refused.contains("no change #99"), "{refused}");
    // The whole history outlives the process.
    let (status, log) = bot.terminate();
    assert!(status.success(), "{log}");
    let _bot = Bot::start_with_state(&fake, state.path(), env);
    fake.wait_registered().await;
    let history = moderate("history", vec![]).await;
    for line in ["#4 · restored /faq", "#3 · removed /faq", "#1 · added /faq"] {
        assert!(history.contains(line), "after a restart, {line}: {history}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_keeps_who_changed_what_and_restore_brings_a_version_back_with_files() {
    history_and_restore(&[]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_keeps_who_changed_what_and_restore_brings_a_version_back_with_postgres() {
    let Some(pg) = common::postgres::Postgres::start("history").await else {
        return;
    };
    history_and_restore(&[("MISSIONBOT_DATABASE_URL", pg.url.as_str())]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switches_disable_alias_cooldown_and_help_lists_the_servers_commands() {
    let (fake, _bot) = started().await;
    let moderate =
        |sub: &'static str, pairs: Vec<(&'static str, Value)>| moderate(&fake, sub, pairs);
    let use_it = |name: &'static str| {
        let fake = &fake;
        async move { run(fake, GUILD_ID, MEMBER, false, name, json!([])).await }
    };
    moderate(
        "add",
        vec![("name", json!("faq")), ("response", json!("Read the pins"))],
    )
    .await;
    // An alias answers the same and is registered as a command of its own.
    let said = moderate("alias", vec![("name", json!("faq")), ("alias", json!("q"))]).await;
    assert!(said.contains("/q now answers as /faq"), "{said}");
    let put = common::guild::wait_guild_put(&fake, GUILD_ID, 2).await;
    assert_eq!(common::guild::names(&put), ["faq", "q"]);
    assert_eq!(use_it("q").await["data"]["content"], "Read the pins");
    let taken = moderate(
        "alias",
        vec![("name", json!("faq")), ("alias", json!("help"))],
    )
    .await;
    assert!(taken.contains("built-in"), "{taken}");
    // /help lists the server's own commands.
    let help = run(&fake, GUILD_ID, MEMBER, false, "help", json!([])).await;
    assert!(text(&help).contains("This server's own commands") && text(&help).contains("/faq"));
    assert!(text(&help).contains("(also /q)"), "{}", text(&help));
    // Switched off: refused, not deleted; switched on again: answers.
    moderate("disable", vec![("name", json!("faq"))]).await;
    let off = use_it("faq").await;
    assert_eq!(off["data"]["flags"], 64);
    assert!(text(&off).contains("switched off"), "{}", text(&off));
    assert!(text(&use_it("q").await).contains("switched off"));
    moderate("enable", vec![("name", json!("faq"))]).await;
    assert_eq!(use_it("faq").await["data"]["content"], "Read the pins");
    // A cooldown refuses the second use inside its window, per person.
    let said = moderate(
        "cooldown",
        vec![("name", json!("faq")), ("seconds", json!(60))],
    )
    .await;
    assert!(said.contains("once every 60 s"), "{said}");
    assert_eq!(use_it("faq").await["data"]["content"], "Read the pins");
    let held = use_it("faq").await;
    assert_eq!(held["data"]["flags"], 64);
    assert!(text(&held).contains("again in"), "{}", text(&held));
    let other = run(&fake, GUILD_ID, MOD_A, false, "faq", json!([])).await;
    assert_eq!(
        other["data"]["content"], "Read the pins",
        "another person is not held"
    );
    moderate(
        "cooldown",
        vec![("name", json!("faq")), ("off", json!(true))],
    )
    .await;
    assert_eq!(use_it("faq").await["data"]["content"], "Read the pins");
    // Each switch is in the history.
    let history = moderate("history", vec![("name", json!("faq"))]).await;
    for action in [
        "other name for /faq",
        "switched off /faq",
        "switched on /faq",
        "cooldown of /faq",
    ] {
        assert!(history.contains(action), "{action}: {history}");
    }
}

/// `/command import file:` in `guild` by a moderator, the file served by
/// the fake Discord's CDN.
async fn import(fake: &FakeDiscord, guild: &str, file: &[u8]) -> Value {
    let attachment = payloads::next_id();
    let url = fake.serve_file(
        &format!("/attachments/{attachment}/server.json"),
        file.to_vec(),
    );
    let options = json!([{"name": "import", "type": 1, "options": [
        {"name": "file", "type": 11, "value": attachment}]}]);
    let (id, mut payload) = payloads::guild_command("command", options, guild, MOD_A, true);
    payload["data"]["resolved"] = json!({"attachments": {attachment.clone(): {
        "id": attachment, "filename": "server.json", "size": file.len(),
        "url": url, "proxy_url": url, "content_type": "application/json"}}});
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    spec::assert_valid("CreateMessageInteractionCallbackRequest", &body);
    body
}

/// Presses a button under a moderator's message in `guild`.
async fn press(fake: &FakeDiscord, guild: &str, custom_id: &str) -> Value {
    let (id, payload) = payloads::guild_button(custom_id, guild, MOD_A, true);
    fake.dispatch("INTERACTION_CREATE", payload);
    fake.callback_body(&id).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_servers_commands_move_to_another_server_after_a_confirmation() {
    use common::guild::OTHER_GUILD;
    let (fake, _bot) = started().await;
    moderate(
        &fake,
        "add",
        vec![("name", json!("faq")), ("response", json!("Read the pins"))],
    )
    .await;
    moderate(
        &fake,
        "alias",
        vec![("name", json!("faq")), ("alias", json!("q"))],
    )
    .await;
    run(
        &fake,
        GUILD_ID,
        MOD_A,
        true,
        "record",
        common::guild::chile_expulsion("moved along"),
    )
    .await;

    // Export: a versioned file with the commands and records.
    let (id, payload) =
        payloads::guild_command("command", sub_options("export", &[]), GUILD_ID, MOD_A, true);
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    spec::assert_valid("CreateMessageInteractionCallbackRequest", &body);
    assert_eq!(body["data"]["flags"], 64);
    let callback = fake.callbacks_for(&id).remove(0);
    let (name, file) = callback.files[0].clone();
    assert!(name.ends_with(".json"), "{name}");
    let exported: Value = serde_json::from_slice(&file).unwrap();
    assert_eq!(exported["format"], "missionbot-server");
    assert_eq!(exported["version"], 1);
    assert_eq!(exported["commands"].as_array().unwrap().len(), 1);

    // Import elsewhere: a summary first, nothing changed until confirmed.
    let summary = import(&fake, OTHER_GUILD, &file).await;
    let said = text(&summary);
    assert!(
        said.contains("Nothing has changed yet") && said.contains("/faq"),
        "{said}"
    );
    assert!(said.contains("1 added under new ids"), "{said}");
    let unknown = run(&fake, OTHER_GUILD, MEMBER, false, "faq", json!([])).await;
    assert_eq!(
        unknown["data"]["flags"], 64,
        "not imported before the confirmation"
    );
    let confirm = summary["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(confirm.starts_with("import:"));
    let done = press(&fake, OTHER_GUILD, &confirm).await;
    spec::assert_valid("UpdateMessageInteractionCallbackRequest", &done);
    assert!(text(&done).contains("Commands: 1 added"), "{}", text(&done));
    for name in ["faq", "q"] {
        let used = run(&fake, OTHER_GUILD, MEMBER, false, name, json!([])).await;
        assert_eq!(used["data"]["content"], "Read the pins", "/{name}");
    }
    let timeline = run(
        &fake,
        OTHER_GUILD,
        MEMBER,
        false,
        "timeline",
        payloads::string_options(&[("country", "Chile")]),
    )
    .await;
    assert!(text(&timeline).contains("moved along"));
    // The same export, imported again, changes nothing; a used button is spent.
    let again = press(&fake, OTHER_GUILD, &confirm).await;
    assert!(
        text(&again).contains("no longer waiting"),
        "{}",
        text(&again)
    );
    let summary = import(&fake, OTHER_GUILD, &file).await;
    assert!(
        text(&summary).contains("1 already here"),
        "{}",
        text(&summary)
    );
    // A file that breaks a rule is refused whole.
    let mut broken = exported.clone();
    broken["commands"][0]["name"] = json!("Not A Name");
    let refused = import(&fake, OTHER_GUILD, &serde_json::to_vec(&broken).unwrap()).await;
    assert_eq!(refused["data"]["flags"], 64);
    assert!(
        text(&refused).contains("Not imported"),
        "{}",
        text(&refused)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_help_with_the_servers_commands_pages_through_them_all() {
    let (fake, _bot) = started().await;
    let description =
        "A long description of what this command answers, written out in full for the list";
    for n in 0..70 {
        let name = format!("cmd{n:02}");
        let said = moderate(
            &fake,
            "add",
            vec![
                ("name", json!(name)),
                ("response", json!("x")),
                ("description", json!(description)),
            ],
        )
        .await;
        assert!(said.contains("Added"), "{said}");
    }
    let mut body = run(&fake, GUILD_ID, MEMBER, false, "help", json!([])).await;
    let mut seen = text(&body);
    let footer = body["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    // "Page 1/3 · …"
    let pages: usize = footer
        .strip_prefix("Page 1/")
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    assert!(pages >= 2, "{footer}");
    for _ in 1..pages {
        let next = body["data"]["components"][0]["components"][1]["custom_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (id, payload) = payloads::guild_button(&next, GUILD_ID, MEMBER, false);
        fake.dispatch("INTERACTION_CREATE", payload);
        body = fake.callback_body(&id).await;
        spec::assert_valid("UpdateMessageInteractionCallbackRequest", &body);
        seen.push_str(&text(&body));
    }
    for n in 0..40 {
        assert!(
            seen.contains(&format!("/cmd{n:02}")),
            "/cmd{n:02} on no page"
        );
    }
}
