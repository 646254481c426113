//! One request, one resolution: the core answers a cache-miss `/embassy`
//! by resolving its country once, and the answer reports what it answered
//! (the canonical query, the country for the locator) instead of the
//! transport working it out again.

use crate::common::payloads;
use missionbot::config::{Config, RegisterMode, Token};
use missionbot::custom::{FileStore, GuildStore};
use missionbot::dataset::Dataset;
use missionbot::interactions::core::{Core, Response};
use serenity::all::{Http, Interaction};
use std::sync::Arc;

fn config(state_dir: &std::path::Path) -> Config {
    Config {
        token: Token::parse("MTIz.NDU2.Nzg5").expect("a well-formed token"),
        guild_id: None,
        api_base: Some("http://127.0.0.1:9".into()),
        message_content_intent: false,
        mod_role_id: None,
        state_dir: state_dir.to_owned(),
        database_url: None,
        shards: None,
        register: RegisterMode::Never,
        http_addr: None,
        public_key: None,
        env_file_warning: None,
    }
}

/// A core of its own (its own dataset, so no other test moves the counter).
async fn core() -> (Arc<Core>, Arc<Dataset>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let data = Arc::new(Dataset::load_default().expect("the shipped data loads"));
    let store = FileStore::open(dir.path()).expect("a files store");
    let store = Arc::new(GuildStore::load(Arc::new(store)).await.expect("loads"));
    let http = Arc::new(Http::new("MTIz.NDU2.Nzg5"));
    let core = Core::new(http, data.clone(), &config(dir.path()), store).await;
    (Arc::new(core), data, dir)
}

fn interaction(payload: serde_json::Value) -> Interaction {
    serde_json::from_value(payload).expect("serenity reads the payload")
}

async fn body(core: &Arc<Core>, payload: serde_json::Value) -> serde_json::Value {
    let handled = core.respond(&interaction(payload)).await.expect("answered");
    match handled.response {
        Response::Now(outgoing) => outgoing.json(),
        Response::Later { .. } => panic!("an /embassy answer is never deferred"),
    }
}

#[tokio::test]
async fn a_cache_miss_embassy_resolves_its_country_once() {
    let (core, data, _dir) = core().await;
    for (typed, name) in [
        ("spian", "Spain"),
        ("쿠웨이트", "Kuwait"),
        ("Madrid", "Spain"),
    ] {
        let before = data.resolver_calls();
        let (_, payload) =
            payloads::command("embassy", payloads::string_options(&[("country", typed)]));
        let body = body(&core, payload).await;
        assert_eq!(
            data.resolver_calls() - before,
            1,
            "/embassy country:{typed} resolved its country more than once"
        );
        let title = body["data"]["embeds"][0]["title"].to_string();
        assert!(
            title.contains(name),
            "/embassy country:{typed} answered about something else: {title}"
        );
        assert_eq!(
            body["data"]["attachments"][0]["filename"], "locator.png",
            "the locator comes from the country the answer resolved"
        );
    }
    // The same query again is answered from the cache: no resolution at all.
    let before = data.resolver_calls();
    let (_, payload) =
        payloads::command("embassy", payloads::string_options(&[("country", "spian")]));
    body(&core, payload).await;
    assert_eq!(
        data.resolver_calls(),
        before,
        "a cached answer resolved again"
    );
}

#[tokio::test]
async fn an_unknown_country_is_resolved_once_and_answered_with_suggestions() {
    let (core, data, _dir) = core().await;
    let before = data.resolver_calls();
    let (_, payload) = payloads::command(
        "embassy",
        payloads::string_options(&[("country", "Spainn Landd")]),
    );
    let text = body(&core, payload).await.to_string();
    assert_eq!(data.resolver_calls() - before, 1);
    assert!(text.contains("Spainn Landd"), "{text:.300}");
}

/// The title a command's answer carries (or its message text).
fn title_of(body: &serde_json::Value) -> String {
    let data = &body["data"];
    data["embeds"][0]["title"]
        .as_str()
        .or(data["content"].as_str())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn every_registered_command_reaches_the_handler_the_registry_names() {
    use missionbot::spec::{Handler, COMMANDS};
    let (core, _data, _dir) = core().await;
    let (_, unknown) = payloads::command("nosuchcommand", serde_json::json!([]));
    let unknown = title_of(&body(&core, unknown).await);
    assert!(!unknown.is_empty(), "an unknown command is answered");
    for command in COMMANDS {
        let options = match command.name {
            "embassy" | "timeline" => payloads::string_options(&[("country", "Spain")]),
            "ask" => payloads::string_options(&[("question", "embassy in spain")]),
            _ => serde_json::json!([]),
        };
        let (_, payload) = if command.handler == Handler::AskMessage {
            payloads::message_command("When did Mexico expel the North Korean ambassador?")
        } else {
            payloads::command(command.name, options)
        };
        let handled = core.respond(&interaction(payload)).await.expect("answered");
        match (command.handler, handled.response) {
            (Handler::Map, Response::Later { .. }) => {}
            (
                Handler::Answer | Handler::Moderator | Handler::AskMessage,
                Response::Now(outgoing),
            ) => {
                let title = title_of(&outgoing.json());
                assert_ne!(
                    title, unknown,
                    "/{} went to the custom commands",
                    command.name
                );
            }
            (handler, _) => panic!("/{} answered unlike a {handler:?}", command.name),
        }
    }
}
