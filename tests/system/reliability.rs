//! What an attack on the bot found, each kept fixed on the fake Discord:
//! registration off the answer path (slow, failing, overlapping), the
//! guild's 100-command cap, limits at load, use counts off the answer path,
//! bounded renders, shutdown while Discord is unreachable, autocomplete
//! under sub-commands, placeholders, record limits, hanging name lookups,
//! a malformed `.env`, and the fake itself.

use crate::common;

use common::bot_process::Bot;
use common::fake_discord::{FakeDiscord, RegistrationFault, GUILD_ID};
use common::guild::{add, guild_puts, moderate, names, run, text, wait_guild_put, MEMBER, MOD_A};
use common::payloads::{self, sub_options};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

async fn started(extra_env: &[(&str, &str)]) -> (FakeDiscord, Bot) {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, extra_env);
    fake.wait_registered().await;
    (fake, bot)
}

/// Waits until the bot logs that a scope's commands are registered (the
/// fake records a request before it answers, so a fault queued right after
/// the request is seen could still hit it).
async fn wait_logged_registration(bot: &Bot, scope: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    let wanted = format!("scope={scope}");
    while !plain(&bot.log())
        .lines()
        .any(|l| l.contains("registered commands") && l.contains(&wanted))
    {
        assert!(Instant::now() < deadline, "never registered: {}", bot.log());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Time from dispatch to the callback's arrival for a guild command.
async fn timed(
    fake: &FakeDiscord,
    user: &str,
    moderator: bool,
    name: &str,
    options: Value,
) -> (Duration, Value) {
    let (id, payload) = payloads::guild_command(name, options, GUILD_ID, user, moderator);
    let sent = Instant::now();
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    (sent.elapsed(), body)
}

/// A log without its colour codes.
fn plain(log: &str) -> String {
    let escape = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    escape.replace_all(log, "").into_owned()
}

/// Follow-up messages (POST to the interaction webhook) sent so far.
fn follow_ups(fake: &FakeDiscord) -> Vec<Value> {
    fake.requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path.contains("/webhooks/"))
        .map(|r| r.body)
        .collect()
}

/// A state directory holding one guild with `n` custom commands.
fn state_with_commands(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let commands: Vec<Value> = (0..n)
        .map(|i| {
            json!({"name": format!("c{i}"), "response": "text", "description": "d", "title": null,
                "source_url": null, "ephemeral": false, "author_id": 1, "author_name": "mod",
                "created_at": "2026-11-01T00:00:00Z", "updated_at": "2026-11-01T00:00:00Z", "uses": 0})
        })
        .collect();
    let state = json!({"version": 1, "commands": commands, "records": [], "next_record": 0});
    std::fs::write(
        dir.path().join(format!("guild-{GUILD_ID}.json")),
        serde_json::to_vec(&state).unwrap(),
    )
    .unwrap();
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_is_acknowledged_before_a_slow_registration_returns() {
    let (fake, bot) = started(&[]).await;
    wait_logged_registration(&bot, "global").await;
    fake.push_registration_faults([RegistrationFault::Slow(Duration::from_secs(4))]);
    let (took, body) = timed(
        &fake,
        MOD_A,
        true,
        "command",
        sub_options("add", &[("name", json!("faq")), ("response", json!("x"))]),
    )
    .await;
    assert!(text(&body).contains("Added /faq"), "{}", text(&body));
    assert!(
        took < Duration::from_millis(1500),
        "acknowledged after {took:?}"
    );
    let (took, body) = timed(
        &fake,
        MOD_A,
        true,
        "command",
        sub_options("remove", &[("name", json!("faq"))]),
    )
    .await;
    assert!(text(&body).contains("Removed /faq"), "{}", text(&body));
    assert!(
        took < Duration::from_millis(1500),
        "acknowledged after {took:?}"
    );
    // The last state (no custom command) is what Discord ends with.
    let last = wait_guild_put(&fake, GUILD_ID, 2).await;
    assert!(names(&last).is_empty(), "{:?}", names(&last));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transient_registration_failures_are_retried_at_start_and_after_a_change() {
    let fake = FakeDiscord::start().await;
    fake.push_registration_faults([
        RegistrationFault::Status(500),
        RegistrationFault::Status(503),
    ]);
    let bot = Bot::start(&fake, &[]);
    wait_logged_registration(&bot, "global").await;
    assert_eq!(fake.registrations().len(), 3, "two failures, then success");

    fake.push_registration_faults([
        RegistrationFault::Status(429),
        RegistrationFault::Status(500),
    ]);
    add(&fake, MOD_A, "faq", "x").await;
    let last = wait_guild_put(&fake, GUILD_ID, 3).await;
    assert_eq!(names(&last), vec!["faq"]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        follow_ups(&fake).is_empty(),
        "a retried success is not a failure"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_registration_is_told_to_the_moderator_with_discords_words() {
    let (fake, mut bot) = started(&[]).await;
    wait_logged_registration(&bot, "global").await;
    fake.push_registration_faults([RegistrationFault::Status(400)]);
    let body = add(&fake, MOD_A, "faq", "x").await;
    assert!(text(&body).contains("Added /faq"));
    let reqs = fake
        .wait_for(
            "a follow-up to the moderator",
            Duration::from_secs(10),
            |r| {
                r.iter()
                    .any(|x| x.method == "POST" && x.path.contains("/webhooks/"))
            },
        )
        .await;
    let follow_up = reqs
        .iter()
        .find(|x| x.method == "POST" && x.path.contains("/webhooks/"))
        .unwrap();
    assert!(
        follow_up.path.contains("itok-"),
        "sent with the interaction's token"
    );
    let content = follow_up.body["content"].as_str().unwrap();
    assert!(
        content.contains("Invalid Form Body") && content.contains("Command name is invalid"),
        "{content}"
    );
    assert_eq!(follow_up.body["flags"], 64, "private to the moderator");
    assert_eq!(follow_up.body["allowed_mentions"]["parse"], json!([]));
    // One attempt only: a refusal is not retried.
    assert_eq!(guild_puts(&fake, GUILD_ID).len(), 1);
    let (_, log) = bot.terminate();
    assert!(log.contains("Command name is invalid"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_quick_changes_end_with_the_newer_set_registered() {
    let (fake, bot) = started(&[]).await;
    wait_logged_registration(&bot, "global").await;
    fake.push_registration_faults([RegistrationFault::Slow(Duration::from_secs(2))]);
    add(&fake, MOD_A, "first", "x").await;
    add(&fake, MOD_A, "second", "y").await;
    let last = fake
        .wait_for("a registration with both", Duration::from_secs(15), |r| {
            r.iter()
                .filter(|x| x.method == "PUT" && x.path.contains("/guilds/"))
                .any(|x| {
                    let n = x.body.as_array().map_or(0, Vec::len);
                    n == 2
                })
        })
        .await;
    let puts: Vec<_> = last
        .into_iter()
        .filter(|x| x.method == "PUT" && x.path.contains("/guilds/"))
        .collect();
    let mut final_names = names(puts.last().unwrap());
    final_names.sort();
    assert_eq!(final_names, vec!["first", "second"]);
    // Never two registrations of one guild at once: at most two were made.
    assert!(puts.len() <= 2, "{} registrations", puts.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_guild_registration_the_cap_counts_the_bots_own_commands() {
    // The bot's own commands, from the one registry, take room first.
    let own = missionbot::interactions::commands::definitions().len()
        + missionbot::interactions::commands::moderator_definitions().len();
    let custom = 99 - own;
    let state = state_with_commands(custom);
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start_with_state(&fake, state.path(), &[("DISCORD_GUILD_ID", GUILD_ID)]);
    let first = wait_guild_put(&fake, GUILD_ID, 1).await;
    assert_eq!(names(&first).len(), 99, "{own} built-ins + {custom} custom");
    let next = format!("c{custom}");
    let body = add(&fake, MOD_A, &next, "x").await;
    assert!(
        text(&body).contains(&format!("Added /{next}")),
        "{}",
        text(&body)
    );
    let body = add(&fake, MOD_A, &format!("c{}", custom + 1), "x").await;
    let t = text(&body);
    assert_eq!(body["data"]["flags"], 64);
    assert!(
        t.contains(&format!("{own} of them are the bot")) && t.contains("remove one"),
        "{t}"
    );
    let last = wait_guild_put(&fake, GUILD_ID, 2).await;
    assert_eq!(names(&last).len(), 100, "exactly Discord's cap");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_saved_commands_are_cut_to_the_limit_at_load_and_told() {
    let state = state_with_commands(10_000);
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start_with_state(&fake, state.path(), &[]);
    let put = wait_guild_put(&fake, GUILD_ID, 1).await;
    assert_eq!(names(&put).len(), 100);
    let body = moderate(&fake, "command", "list", &[]).await;
    let t = text(&body);
    assert!(
        t.contains("9900 saved custom commands") && t.contains("set aside"),
        "{t}"
    );
    let aside = std::fs::read_dir(state.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.contains(".set-aside-"));
    assert!(aside.is_some(), "the 9,900 are kept, not lost");
    // Told once.
    let body = moderate(&fake, "command", "list", &[]).await;
    assert!(!text(&body).contains("set aside"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_uses_neither_writes_per_use_nor_delays_a_moderator() {
    let (fake, mut bot) = started(&[]).await;
    add(&fake, MOD_A, "faq", "x").await;
    let file = bot.state_dir.join(format!("guild-{GUILD_ID}.json"));
    let before = std::fs::metadata(&file).unwrap().modified().unwrap();
    let mut ids = Vec::new();
    for _ in 0..300 {
        let (id, payload) = payloads::guild_command("faq", json!([]), GUILD_ID, MEMBER, false);
        fake.dispatch("INTERACTION_CREATE", payload);
        ids.push(id);
    }
    let (id, payload) = payloads::guild_command(
        "command",
        sub_options("add", &[("name", json!("rules")), ("response", json!("y"))]),
        GUILD_ID,
        MOD_A,
        true,
    );
    let sent = Instant::now();
    fake.dispatch("INTERACTION_CREATE", payload);
    assert!(
        fake.wait_for_quiet(&id, Duration::from_secs(10)).await,
        "the moderator was never answered"
    );
    let took = sent.elapsed();
    eprintln!("moderator's /command add sent after 300 uses: acknowledged after {took:?}");
    let body = fake.callback_body(&id).await;
    assert!(text(&body).contains("Added /rules"));
    assert!(
        took < Duration::from_secs(1),
        "moderator acknowledged after {took:?}"
    );
    for id in &ids {
        assert!(
            fake.wait_for_quiet(id, Duration::from_secs(10)).await,
            "use {id} was never answered"
        );
    }
    let content = std::fs::read_to_string(&file).unwrap();
    assert!(content.contains("\"uses\": 0"), "uses were written per use");
    assert_ne!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        before
    );
    let (status, _) = bot.terminate();
    assert!(status.success());
    let content = std::fs::read_to_string(&file).unwrap();
    assert!(content.contains("\"uses\": 300"), "{content}");
}

/// Sends `n` `/map` requests with distinct dates (from January of
/// `first_year` on) and waits until `n` deferred responses were edited;
/// returns those edits.
async fn map_burst(
    fake: &FakeDiscord,
    n: usize,
    first_year: usize,
) -> Vec<common::fake_discord::Recorded> {
    for i in 0..n {
        let as_of = format!("{}-{:02}", first_year + i / 12, i % 12 + 1);
        let (id, payload) =
            payloads::command("map", payloads::string_options(&[("as_of", &as_of)]));
        fake.dispatch("INTERACTION_CREATE", payload);
        assert_eq!(fake.callback_body(&id).await["type"], 5, "deferred at once");
    }
    let is_edit =
        |x: &common::fake_discord::Recorded| x.method == "PATCH" && x.path.contains("/webhooks/");
    fake.wait_for(
        &format!("{n} edited map responses"),
        Duration::from_secs(120),
        |r| r.iter().filter(|x| is_edit(x)).count() >= n,
    )
    .await
    .into_iter()
    .filter(is_edit)
    .collect()
}

/// Peak resident memory of a process (VmHWM), in MiB.
fn peak_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_distinct_maps_keep_memory_bounded() {
    let (fake, bot) = started(&[]).await;
    let edits = map_burst(&fake, 200, 1990).await;
    let drawn = edits.iter().filter(|e| !e.files.is_empty()).count();
    let refused = edits
        .iter()
        .filter(|e| e.body.to_string().contains("Busy drawing maps"))
        .count();
    assert_eq!(
        drawn + refused,
        200,
        "each answered with a map or a polite refusal"
    );
    assert!(drawn >= 64, "only {drawn} drawn");
    let peak = peak_mib(bot.child.id());
    eprintln!("peak RSS after 200 distinct /map: {peak:.1} MiB ({drawn} drawn, {refused} refused)");
    assert!(peak < 250.0, "peak RSS {peak:.1} MiB");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn maps_beyond_the_queue_are_refused_politely() {
    let (fake, _bot) = started(&[
        ("MISSIONBOT_RENDER_QUEUE", "4"),
        ("MISSIONBOT_RENDER_SLOTS", "1"),
    ])
    .await;
    let edits = map_burst(&fake, 40, 2000).await;
    let refused: Vec<_> = edits
        .iter()
        .filter(|x| x.body.to_string().contains("Busy drawing maps"))
        .collect();
    assert!(!refused.is_empty(), "nothing was refused with a queue of 4");
    let schema = common::spec::request_schema(
        "patch",
        "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
    );
    for r in refused {
        assert!(r.files.is_empty());
        assert!(r.body.to_string().contains("try again in a minute"));
        let errors = common::spec::errors_inline(&schema, &r.body);
        assert!(errors.is_empty(), "{errors:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guilds_locator_is_rendered_once_per_view() {
    let (fake, mut bot) = started(&[]).await;
    moderate(
        &fake,
        "record",
        "mission-status",
        &[
            ("country", json!("Spain")),
            ("city", json!("Madrid")),
            ("kind", json!("embassy")),
            ("status", json!("open")),
            ("date", json!("2026-11-01")),
            ("source_url", json!("https://example.org/madrid")),
        ],
    )
    .await;
    let mut ids = Vec::new();
    for _ in 0..100 {
        let (id, payload) = payloads::guild_command(
            "embassy",
            payloads::string_options(&[("country", "Spain")]),
            GUILD_ID,
            MEMBER,
            false,
        );
        fake.dispatch("INTERACTION_CREATE", payload);
        ids.push(id);
    }
    for id in &ids {
        let callbacks = loop {
            let c = fake.callbacks_for(id);
            if !c.is_empty() {
                break c;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        assert!(
            !callbacks[0].files.is_empty(),
            "every answer has its locator"
        );
    }
    let (_, log) = bot.terminate();
    let renders = plain(&log)
        .lines()
        .filter(|l| l.contains("rendering a locator map") && l.contains("country=ES"))
        .count();
    assert_eq!(renders, 1, "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_exits_promptly_while_discord_is_unreachable() {
    let (fake, mut bot) = started(&[]).await;
    fake.stop();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let started = Instant::now();
    let (status, log) = bot.terminate();
    assert!(status.success(), "{status:?}\n{log}");
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "took {:?}",
        started.elapsed()
    );
    assert!(log.contains("stopped"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn record_autocomplete_reads_what_is_typed_under_the_sub_command() {
    let (fake, _bot) = started(&[]).await;
    let (id, mut payload) = payloads::autocomplete("record", "country", "Fra");
    payload["data"]["options"] = json!([{"name": "expulsion", "type": 1, "options": [
        {"name": "country", "type": 3, "value": "Fra", "focused": true}
    ]}]);
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    assert_eq!(body["data"]["choices"][0]["name"], "France", "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nicknames_are_shown_as_text_and_expanded_once() {
    let (fake, _bot) = started(&[]).await;
    add(&fake, MOD_A, "hi", "Hello {user} of {server}").await;
    let (id, mut payload) = payloads::guild_command("hi", json!([]), GUILD_ID, MEMBER, false);
    payload["member"]["nick"] = json!("[win](https://evil.example) {server}");
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    let content = body["data"]["content"].as_str().unwrap();
    assert!(content.contains("\\[win\\]\\(https\\:"), "{content}");
    assert!(
        content.contains("{server} of Guild"),
        "expanded twice: {content}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_with_huge_fields_or_future_dates_are_refused() {
    let (fake, _bot) = started(&[]).await;
    let huge = "x".repeat(100_000);
    // The server holds a trigger to the option's own limit, from the registry.
    let limit = missionbot::spec::max_chars("record", "trigger").expect("a limit");
    let too_long = format!("at most {limit} characters");
    for (trigger, date, refusal) in [
        (huge.as_str(), "2026-01-01", too_long.as_str()),
        ("missile", "9999-12-31", "in the future"),
        ("missile", "1900", "before the DPRK existed"),
    ] {
        let body = moderate(
            &fake,
            "record",
            "expulsion",
            &[
                ("country", json!("Chile")),
                ("date", json!(date)),
                ("action", json!("expelled")),
                ("trigger", json!(trigger)),
                ("source_url", json!("https://example.org/x")),
            ],
        )
        .await;
        assert!(text(&body).contains(refusal), "{}", text(&body));
    }
    // Nothing was recorded, so the footer's date is untouched.
    let body = run(&fake, GUILD_ID, MEMBER, false, "expelled", json!([])).await;
    assert!(!text(&body).contains("9999"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_state_file_is_told_to_the_next_moderator() {
    let state = tempfile::tempdir().unwrap();
    std::fs::write(
        state.path().join(format!("guild-{GUILD_ID}.json")),
        b"{\"commands\": [tru",
    )
    .unwrap();
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start_with_state(&fake, state.path(), &[]);
    fake.wait_registered().await;
    let body = moderate(&fake, "command", "list", &[]).await;
    assert!(text(&body).contains("could not be read"), "{}", text(&body));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hanging_server_name_lookup_is_waited_for_once() {
    let (fake, _bot) = started(&[]).await;
    add(&fake, MOD_A, "where", "This is {server}").await;
    fake.set_guild_lookup_delay(Duration::from_secs(5));
    let (first, body) = timed(&fake, MEMBER, false, "where", json!([])).await;
    assert!(body["data"]["content"]
        .as_str()
        .unwrap()
        .contains("this server"));
    let (second, _) = timed(&fake, MEMBER, false, "where", json!([])).await;
    assert!(first >= Duration::from_millis(900), "{first:?}");
    assert!(
        second < Duration::from_millis(500),
        "waited again: {second:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_env_file_is_reported_not_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let env = dir.path().join(".env");
    std::fs::write(&env, "MISSIONBOT_MOD_ROLE_ID=1\nthis line is = 'broken\n").unwrap();
    let fake = FakeDiscord::start().await;
    let mut bot = Bot::start(&fake, &[("MISSIONBOT_ENV_FILE", env.to_str().unwrap())]);
    fake.wait_registered().await;
    let (_, log) = bot.terminate();
    assert!(
        log.contains(".env file could not be read completely"),
        "{log}"
    );
}

#[test]
fn the_fakes_interaction_ids_are_unique_in_a_burst() {
    let ids: std::collections::HashSet<String> = (0..10_000)
        .map(|_| payloads::command("help", json!([])).0)
        .collect();
    assert_eq!(ids.len(), 10_000);
}
