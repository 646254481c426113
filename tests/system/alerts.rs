//! `/follow` (issue 28, part 5): news posted to a channel once, digests,
//! a role pinged only when set, a channel the bot may not post in, and
//! what a new data release changed.

use crate::common;
use crate::http::Worker;

use common::bot_process::Bot;
use common::fake_discord::{FakeDiscord, Recorded, GUILD_ID};
use common::guild::{chile_expulsion, run, text, MOD_A};
use common::payloads;
use common::postgres::Postgres;
use common::spec;
use serde_json::{json, Value};
use std::time::Duration;

const NEWS: &str = "1300000000000000066";

fn posts(fake: &FakeDiscord, channel: &str) -> Vec<Recorded> {
    let path = format!("/api/v10/channels/{channel}/messages");
    fake.requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == path)
        .collect()
}

async fn wait_posts(fake: &FakeDiscord, channel: &str, n: usize) -> Vec<Recorded> {
    let path = format!("/api/v10/channels/{channel}/messages");
    fake.wait_for(&format!("{n} posts"), Duration::from_secs(20), |r| {
        r.iter()
            .filter(|x| x.method == "POST" && x.path == path)
            .count()
            >= n
    })
    .await;
    let posted = posts(fake, channel);
    for post in &posted {
        let schema = spec::request_schema("post", "/channels/{channel_id}/messages");
        assert_eq!(
            spec::errors_inline(&schema, &post.body),
            Vec::<String>::new()
        );
    }
    posted
}

async fn follow(fake: &FakeDiscord, more: &[(&str, Value)]) -> String {
    text(
        &run(
            fake,
            GUILD_ID,
            MOD_A,
            true,
            "follow",
            payloads::follow_options(NEWS, more),
        )
        .await,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_is_posted_once_pinging_only_its_role_and_a_forbidden_channel_is_refused() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, &[]);
    fake.wait_registered().await;
    // A channel the bot may not post in: refused with Discord's reason.
    fake.forbid_channel("1300000000000000067");
    let refused = text(
        &run(
            &fake,
            GUILD_ID,
            MOD_A,
            true,
            "follow",
            payloads::follow_options("1300000000000000067", &[]),
        )
        .await,
    );
    assert!(
        refused.contains("cannot post") && refused.contains("Missing Permissions"),
        "{refused}"
    );
    let listed = text(
        &run(
            &fake,
            GUILD_ID,
            MOD_A,
            true,
            "follow",
            payloads::sub_options("list", &[]),
        )
        .await,
    );
    assert!(listed.contains("No channel follows"), "{listed}");

    let said = follow(
        &fake,
        &[
            ("role", json!("1500000000000000001")),
            ("kind", json!("expulsion")),
        ],
    )
    .await;
    assert!(said.contains("Follow #1 added"), "{said}");
    let hello = wait_posts(&fake, NEWS, 1).await;
    assert_eq!(
        hello[0].body["allowed_mentions"]["parse"],
        json!([]),
        "the hello pings no one"
    );

    run(
        &fake,
        GUILD_ID,
        MOD_A,
        true,
        "record",
        chile_expulsion("alerted once"),
    )
    .await;
    let posted = wait_posts(&fake, NEWS, 2).await;
    let alert = &posted[1].body;
    assert!(alert["embeds"].to_string().contains("Chile"), "{alert}");
    assert_eq!(alert["content"], "<@&1500000000000000001>");
    assert_eq!(
        alert["allowed_mentions"]["roles"],
        json!(["1500000000000000001"])
    );
    assert!(alert["allowed_mentions"]["parse"]
        .as_array()
        .is_none_or(|p| p.is_empty()));
    // A mission's news is not what this follow asked for.
    let mission = payloads::sub_options(
        "mission-status",
        &[
            ("country", json!("Chile")),
            ("city", json!("Santiago")),
            ("kind", json!("embassy")),
            ("status", json!("open")),
            ("date", json!("2026-11-21")),
            ("source_url", json!("https://example.org/y")),
        ],
    );
    run(&fake, GUILD_ID, MOD_A, true, "record", mission).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        posts(&fake, NEWS).len(),
        2,
        "posted once, and only what was followed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_digest_collects_three_records_into_one_message() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(
        &fake,
        &[
            ("MISSIONBOT_DIGEST_PERIOD_SECS", "4"),
            ("MISSIONBOT_DIGEST_CHECK_SECS", "1"),
        ],
    );
    fake.wait_registered().await;
    follow(&fake, &[("digest", json!("daily"))]).await;
    wait_posts(&fake, NEWS, 1).await;
    for n in 1..=3 {
        run(
            &fake,
            GUILD_ID,
            MOD_A,
            true,
            "record",
            chile_expulsion(&format!("digest {n}")),
        )
        .await;
    }
    let posted = wait_posts(&fake, NEWS, 2).await;
    let digest = posted[1].body["embeds"].to_string();
    assert!(
        digest.contains("3 news records") && digest.contains("daily digest"),
        "{digest}"
    );
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(
        posts(&fake, NEWS).len(),
        2,
        "one digest, no single posts, nothing twice"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_two_processes_on_postgres_each_alert_is_posted_once() {
    let Some(pg) = Postgres::start("alerts").await else {
        return;
    };
    let fake = FakeDiscord::start().await;
    let db = ("MISSIONBOT_DATABASE_URL", pg.url.as_str());
    let a = Worker::start(&fake, &[db]).await;
    let _b = Worker::start(&fake, &[db]).await;
    let (_, add) = payloads::guild_command(
        "follow",
        payloads::follow_options(NEWS, &[]),
        GUILD_ID,
        MOD_A,
        true,
    );
    let (status, body) = a.post(&add).await;
    assert_eq!(status, 200, "{body}");
    wait_posts(&fake, NEWS, 1).await;
    let (_, record) = payloads::guild_command(
        "record",
        chile_expulsion("two workers"),
        GUILD_ID,
        MOD_A,
        true,
    );
    let (status, _) = a.post(&record).await;
    assert_eq!(status, 200);
    wait_posts(&fake, NEWS, 2).await;
    // The other worker has learnt of the record (NOTIFY) and posts nothing.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let posted = posts(&fake, NEWS);
    assert_eq!(posted.len(), 2, "the record was posted exactly once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_data_release_tells_followers_what_changed_per_country() {
    let fake = FakeDiscord::start().await;
    let state = tempfile::tempdir().unwrap();
    let mut bot = Bot::start_with_state(&fake, state.path(), &[]);
    fake.wait_registered().await;
    follow(&fake, &[("kind", json!("data"))]).await;
    wait_posts(&fake, NEWS, 1).await;
    let (status, log) = bot.terminate();
    assert!(status.success(), "{log}");
    // The next release: Peru's relations suspended (a fixture).
    let release = tempfile::tempdir().unwrap();
    for f in missionbot::dataset::FILE_NAMES {
        std::fs::copy(
            format!("{}/data/{f}", env!("CARGO_MANIFEST_DIR")),
            release.path().join(f),
        )
        .unwrap();
    }
    let path = release.path().join("relations.json");
    let mut relations: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for r in relations.as_array_mut().unwrap() {
        if r["country"] == "PE" {
            r["status"] = json!("suspended");
        }
    }
    std::fs::write(&path, serde_json::to_vec(&relations).unwrap()).unwrap();
    let dir = release.path().to_str().unwrap().to_owned();
    let _bot = Bot::start_with_state(
        &fake,
        state.path(),
        &[("MISSIONBOT_DATA_DIR", dir.as_str())],
    );
    let posted = wait_posts(&fake, NEWS, 2).await;
    let said = posted[1].body["embeds"].to_string();
    assert!(
        said.contains("A new data release") && said.contains("Peru"),
        "{said}"
    );
    assert!(said.contains("relations: active → suspended"), "{said}");
    assert!(!said.contains("Spain"), "only what changed: {said}");
}
