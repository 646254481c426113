//! Gateway and interaction payloads shaped as Discord sends them, built
//! from the fixtures in tests/fixtures/discord.

use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};

fn fixture(name: &str) -> Value {
    let text = std::fs::read_to_string(crate::fixture(&format!("discord/{name}")))
        .expect("fixture exists");
    serde_json::from_str(&text).expect("fixture parses")
}

pub fn ready(port: u64, seq: u64) -> Value {
    let mut r = fixture("gateway_ready.json");
    r["s"] = json!(seq);
    r["d"]["resume_gateway_url"] = json!(format!("ws://127.0.0.1:{port}/gateway"));
    r
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1_577_000_000_000_100_000);

/// A fresh interaction id (a snowflake-like number).
pub fn next_id() -> String {
    NEXT_ID.fetch_add(1, Ordering::SeqCst).to_string()
}

fn with_identity(mut i: Value) -> (String, Value) {
    let id = next_id();
    i["id"] = json!(id);
    i["token"] = json!(format!("itok-{id}"));
    (id, i)
}

/// An APPLICATION_COMMAND in the guild: `options` as Discord sends them.
pub fn command(name: &str, options: Value) -> (String, Value) {
    let mut i = fixture("interaction_command.json");
    i["data"]["name"] = json!(name);
    i["data"]["options"] = options;
    with_identity(i)
}

/// String options, as `[("country", "Spain")]`.
pub fn string_options(pairs: &[(&str, &str)]) -> Value {
    Value::Array(
        pairs
            .iter()
            .map(|(n, v)| json!({"name": n, "type": 3, "value": v}))
            .collect(),
    )
}

pub fn autocomplete(name: &str, option: &str, typed: &str) -> (String, Value) {
    let mut i = fixture("interaction_autocomplete.json");
    i["data"]["name"] = json!(name);
    i["data"]["options"] = json!([{"name": option, "type": 3, "value": typed, "focused": true}]);
    with_identity(i)
}

pub fn button(custom_id: &str) -> (String, Value) {
    let mut i = fixture("interaction_component.json");
    i["data"]["custom_id"] = json!(custom_id);
    with_identity(i)
}

pub fn dm_command(name: &str, options: Value) -> (String, Value) {
    let mut i = fixture("interaction_dm.json");
    i["data"]["name"] = json!(name);
    i["data"]["options"] = options;
    with_identity(i)
}

/// A message the bot sent, as the REST API returns it.
pub fn bot_message(channel: &str) -> Value {
    let mut m = fixture("interaction_component.json")["message"].clone();
    m["id"] = json!(next_id());
    m["channel_id"] = json!(channel);
    m["type"] = json!(19);
    m
}

/// A MESSAGE_CREATE from a member that @mentions the bot.
pub fn mention_message(content: &str) -> Value {
    let mut m = fixture("interaction_component.json")["message"].clone();
    let user = fixture("interaction_command.json")["member"]["user"].clone();
    let bot = fixture("gateway_ready.json")["d"]["user"].clone();
    m["id"] = json!(next_id());
    m["type"] = json!(0);
    m["author"] = user;
    m["content"] = json!(content);
    m["mentions"] = json!([bot]);
    m["guild_id"] = json!(crate::fake_discord::GUILD_ID);
    m
}

/// MANAGE_GUILD (1 << 5) added to the fixture member's permissions.
pub const MODERATOR_PERMISSIONS: &str = "2147486752";

/// A command in a given guild from a given member, with or without Manage Server.
pub fn guild_command(
    name: &str,
    options: Value,
    guild: &str,
    user_id: &str,
    moderator: bool,
) -> (String, Value) {
    let (id, mut i) = command(name, options);
    i["guild_id"] = json!(guild);
    i["channel"]["guild_id"] = json!(guild);
    i["authorizing_integration_owners"]["0"] = json!(guild);
    i["member"]["user"]["id"] = json!(user_id);
    i["member"]["user"]["username"] = json!(format!(
        "user{}",
        &user_id[user_id.len().saturating_sub(3)..]
    ));
    i["member"]["user"]["global_name"] = json!(format!(
        "user{}",
        &user_id[user_id.len().saturating_sub(3)..]
    ));
    if moderator {
        i["member"]["permissions"] = json!(MODERATOR_PERMISSIONS);
    }
    (id, i)
}

/// `/name sub option:value ...` as Discord sends a sub-command.
pub fn sub_options(sub: &str, pairs: &[(&str, Value)]) -> Value {
    let options: Vec<Value> = pairs
        .iter()
        .map(|(n, v)| {
            let kind = if v.is_boolean() {
                5
            } else if v.is_i64() {
                4
            } else {
                3
            };
            json!({"name": n, "type": kind, "value": v})
        })
        .collect();
    json!([{"name": sub, "type": 1, "options": options}])
}

/// A command from someone who installed the bot to their own account
/// (user install): `guild` is the server it was run in (one the bot need
/// not be in), or `None` for a group DM or a DM between others (context 2).
pub fn user_install_command(name: &str, options: Value, guild: Option<&str>) -> (String, Value) {
    let (id, mut i) = command(name, options);
    let user = i["member"]["user"].clone();
    let user_id = user["id"].clone();
    i["authorizing_integration_owners"] = json!({ "1": user_id });
    match guild {
        Some(guild) => {
            i["guild_id"] = json!(guild);
            i["channel"]["guild_id"] = json!(guild);
            i["context"] = json!(0);
        }
        None => {
            let obj = i.as_object_mut().expect("an object");
            obj.remove("guild_id");
            obj.remove("member");
            i["user"] = user;
            i["channel"] = json!({"id": "1300000000000000077", "type": 3, "name": "friends", "recipients": [], "owner_id": user_id, "flags": 0});
            i["channel_id"] = json!("1300000000000000077");
            i["context"] = json!(2);
        }
    }
    (id, i)
}

/// "Ask missionbot" chosen on a message with this text (a message
/// context-menu command, type 3), in the test guild.
pub fn message_command(content: &str) -> (String, Value) {
    let (id, mut i) = command("Ask missionbot", Value::Null);
    let mut message = fixture("interaction_component.json")["message"].clone();
    let message_id = next_id();
    message["id"] = json!(message_id);
    message["type"] = json!(0);
    message["content"] = json!(content);
    message["author"] = fixture("interaction_command.json")["member"]["user"].clone();
    message["embeds"] = json!([]);
    message["components"] = json!([]);
    let data = i["data"].as_object_mut().expect("an object");
    data.remove("options");
    data.insert("type".into(), json!(3));
    data.insert("target_id".into(), json!(message_id));
    data.insert(
        "resolved".into(),
        json!({ "messages": { message_id.clone(): message } }),
    );
    (id, i)
}

/// A submitted form (MODAL_SUBMIT, type 5) in a guild from a user, with
/// its text inputs as (custom id, value).
pub fn modal_submit(
    custom_id: &str,
    fields: &[(&str, &str)],
    guild: &str,
    user_id: &str,
) -> (String, Value) {
    let (id, mut i) = button("unused");
    i["type"] = json!(5);
    i["guild_id"] = json!(guild);
    i["member"]["user"]["id"] = json!(user_id);
    i["data"] = json!({
        "custom_id": custom_id,
        "components": fields
            .iter()
            .map(|(field, value)| json!({"type": 1, "components": [{"type": 4, "custom_id": field, "value": value}]}))
            .collect::<Vec<_>>(),
    });
    (id, i)
}

/// A button press in a guild from a user, with or without Manage Server.
pub fn guild_button(
    custom_id: &str,
    guild: &str,
    user_id: &str,
    moderator: bool,
) -> (String, Value) {
    let (id, mut i) = button(custom_id);
    i["guild_id"] = json!(guild);
    i["authorizing_integration_owners"] = json!({"0": guild});
    i["member"]["user"]["id"] = json!(user_id);
    if moderator {
        i["member"]["permissions"] = json!(MODERATOR_PERMISSIONS);
    }
    (id, i)
}

/// `/settings corrections channel:<id>` as Discord sends a channel option.
pub fn corrections_channel_options(channel: &str) -> Value {
    json!([{"name": "corrections", "type": 1, "options": [{"name": "channel", "type": 7, "value": channel}]}])
}

/// `/follow add channel:<id>` with more options (role as a role option).
pub fn follow_options(channel: &str, more: &[(&str, Value)]) -> Value {
    let mut options = vec![json!({"name": "channel", "type": 7, "value": channel})];
    for (name, value) in more {
        let kind = if *name == "role" { 8 } else { 3 };
        options.push(json!({"name": name, "type": kind, "value": value}));
    }
    json!([{"name": "add", "type": 1, "options": options}])
}

/// The values a form (a modal callback the bot sent) was filled in with,
/// as (input's custom id, value), in order.
pub fn form_values(form: &Value) -> Vec<(String, String)> {
    form["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| {
            let input = &row["components"][0];
            (
                input["custom_id"].as_str().unwrap_or("").to_owned(),
                input["value"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}
