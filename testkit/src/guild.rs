//! Commands in a guild, as moderators and members send them, and the
//! guild registrations the bot makes (shared by the moderator and
//! reliability tests).

use crate::fake_discord::{FakeDiscord, Recorded, GUILD_ID};
use crate::payloads::{self, sub_options};
use serde_json::{json, Value};
use std::time::Duration;

pub const MOD_A: &str = "1400000000000000101";
pub const MOD_B: &str = "1400000000000000102";
pub const MEMBER: &str = "1400000000000000201";
pub const OTHER_GUILD: &str = "1200000000000000999";

pub async fn run(
    fake: &FakeDiscord,
    guild: &str,
    user: &str,
    moderator: bool,
    name: &str,
    options: Value,
) -> Value {
    let (id, payload) = payloads::guild_command(name, options, guild, user, moderator);
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    crate::spec::assert_valid("CreateMessageInteractionCallbackRequest", &body);
    assert_eq!(
        body["data"]["allowed_mentions"]["parse"],
        json!([]),
        "a reply could ping"
    );
    body
}

pub fn guild_puts(fake: &FakeDiscord, guild: &str) -> Vec<Recorded> {
    let path = format!(
        "/api/v10/applications/{}/guilds/{guild}/commands",
        crate::fake_discord::APP_ID
    );
    fake.requests()
        .into_iter()
        .filter(|r| r.method == "PUT" && r.path == path)
        .collect()
}

pub async fn wait_guild_put(fake: &FakeDiscord, guild: &str, count: usize) -> Recorded {
    let path = format!(
        "/api/v10/applications/{}/guilds/{guild}/commands",
        crate::fake_discord::APP_ID
    );
    let reqs = fake
        .wait_for(
            &format!("guild registration #{count}"),
            Duration::from_secs(15),
            |r| {
                r.iter()
                    .filter(|x| x.method == "PUT" && x.path == path)
                    .count()
                    >= count
            },
        )
        .await;
    let puts: Vec<Recorded> = reqs
        .into_iter()
        .filter(|r| r.method == "PUT" && r.path == path)
        .collect();
    let last = puts[count - 1].clone();
    let schema = crate::spec::request_schema(
        "put",
        "/applications/{application_id}/guilds/{guild_id}/commands",
    );
    let errors = crate::spec::errors_inline(&schema, &last.body);
    assert!(errors.is_empty(), "{errors:?}");
    last
}

pub fn names(put: &Recorded) -> Vec<String> {
    put.body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect()
}

pub fn text(body: &Value) -> String {
    format!("{} {}", body["data"]["content"], body["data"]["embeds"])
}

pub async fn add(fake: &FakeDiscord, user: &str, name: &str, response: &str) -> Value {
    run(
        fake,
        GUILD_ID,
        user,
        true,
        "command",
        sub_options(
            "add",
            &[("name", json!(name)), ("response", json!(response))],
        ),
    )
    .await
}

/// A moderator's (MOD_A's) sub-command in the test guild, e.g.
/// `moderate(fake, "record", "expulsion", &[("country", json!("Chile"))])`.
pub async fn moderate(
    fake: &FakeDiscord,
    command: &str,
    sub: &str,
    pairs: &[(&str, Value)],
) -> Value {
    run(
        fake,
        GUILD_ID,
        MOD_A,
        true,
        command,
        sub_options(sub, pairs),
    )
    .await
}

/// `/record expulsion` options: Chile expelled someone on 2026-11-20 for
/// `trigger` (tests find a record again by its trigger).
pub fn chile_expulsion(trigger: &str) -> Value {
    sub_options(
        "expulsion",
        &[
            ("country", json!("Chile")),
            ("date", json!("2026-11-20")),
            ("action", json!("expelled")),
            ("trigger", json!(trigger)),
            ("source_url", json!("https://example.org/x")),
        ],
    )
}
