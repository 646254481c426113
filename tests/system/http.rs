//! `missionbot serve --http`: signed interactions over HTTP, answered in the
//! response body, compared with the gateway path; the real binary, a fake
//! Discord for the REST calls, and keys made here.

use crate::common;

use common::percentile;

use common::bot_process::Bot;
use common::fake_discord::{FakeDiscord, APP_ID, GUILD_ID};
use common::guild::{run, MEMBER};
use common::payloads::{self, string_options, sub_options};
use common::postgres::{eventually, Postgres};
use ed25519_dalek::{Signer, SigningKey};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// A signing key made here; the worker gets its public half.
fn key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A `missionbot serve --http` process and a client that signs as Discord does.
pub(crate) struct Worker {
    pub(crate) bot: Bot,
    base: String,
    client: reqwest::Client,
}

impl Worker {
    pub(crate) async fn start(fake: &FakeDiscord, extra_env: &[(&str, &str)]) -> Worker {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let addr = format!("127.0.0.1:{port}");
        let public = hex(key().verifying_key().as_bytes());
        let mut env = vec![
            ("MISSIONBOT_HTTP_ADDR", addr.as_str()),
            ("DISCORD_PUBLIC_KEY", public.as_str()),
        ];
        env.extend_from_slice(extra_env);
        let bot = Bot::start(fake, &env);
        let worker = Worker {
            bot,
            base: format!("http://{addr}"),
            client: reqwest::Client::new(),
        };
        let up = eventually(Duration::from_secs(20), || async {
            worker
                .client
                .get(format!("{}/healthz", worker.base))
                .send()
                .await
                .is_ok_and(|r| r.status() == 200)
        })
        .await;
        assert!(
            up.is_some(),
            "the HTTP worker never answered /healthz: {}",
            worker.bot.log()
        );
        worker
    }

    /// POSTs `body` with these headers; (status, JSON body or Null).
    async fn post_raw(&self, body: Vec<u8>, headers: &[(&str, String)]) -> (u16, Value) {
        let mut request = self
            .client
            .post(format!("{}/interactions", self.base))
            .header("content-type", "application/json")
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let response = match request.send().await {
            Ok(response) => response,
            // Status 0: the connection failed (the soak counts it as an error).
            Err(e) => return (0, Value::String(format!("no answer: {e}"))),
        };
        let status = response.status().as_u16();
        let bytes = response.bytes().await.unwrap_or_default();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    /// POSTs an interaction signed as Discord signs it.
    pub(crate) async fn post(&self, interaction: &Value) -> (u16, Value) {
        let body = serde_json::to_vec(interaction).unwrap();
        let headers = signed(&body, now());
        self.post_raw(body, &headers).await
    }
}

fn signed(body: &[u8], timestamp: i64) -> Vec<(&'static str, String)> {
    let timestamp = timestamp.to_string();
    let mut message = timestamp.as_bytes().to_vec();
    message.extend_from_slice(body);
    let signature = key().sign(&message);
    vec![
        ("x-signature-ed25519", hex(&signature.to_bytes())),
        ("x-signature-timestamp", timestamp),
    ]
}

fn embassy_spain() -> (String, Value) {
    payloads::guild_command(
        "embassy",
        string_options(&[("country", "Spain")]),
        GUILD_ID,
        MEMBER,
        false,
    )
}

/// The PATCH of an interaction's original response on the fake.
async fn wait_edit(fake: &FakeDiscord, token: &str) -> common::fake_discord::Recorded {
    let path = format!("/api/v10/webhooks/{APP_ID}/{token}/messages/@original");
    let requests = fake
        .wait_for(
            "the edit of the original response",
            Duration::from_secs(15),
            |r| r.iter().any(|x| x.method == "PATCH" && x.path == path),
        )
        .await;
    requests
        .into_iter()
        .find(|x| x.method == "PATCH" && x.path == path)
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_requests_are_answered_and_everything_else_is_refused_with_401() {
    let fake = FakeDiscord::start().await;
    let worker = Worker::start(&fake, &[]).await;

    let ping = json!({"id": "1577000000000000001", "application_id": APP_ID, "type": 1, "token": "t", "version": 1});
    assert_eq!(worker.post(&ping).await, (200, json!({"type": 1})));

    let (id, interaction) = embassy_spain();
    let (status, body) = worker.post(&interaction).await;
    assert_eq!(status, 200);
    common::spec::assert_valid("CreateMessageInteractionCallbackRequest", &body);
    assert_eq!(body["type"], 4);
    assert!(body.to_string().contains("Madrid"), "{body}");
    assert!(
        body["data"].get("attachments").is_none(),
        "files cannot travel in an HTTP response"
    );
    // The locator follows as an edit of the original response, with its file.
    let edit = wait_edit(&fake, &format!("itok-{id}")).await;
    assert_eq!(edit.files.len(), 1, "{:?}", edit.body);
    assert_eq!(edit.files[0].0, "locator.png");
    assert!(edit.body["embeds"][0]["thumbnail"]["url"]
        .as_str()
        .unwrap()
        .starts_with("attachment://"));
    assert_eq!(
        edit.body["embeds"][0]["title"],
        body["data"]["embeds"][0]["title"]
    );

    // Refused before any work: no signature, a wrong one, a changed body, a stale or missing timestamp.
    let (_, interaction) = embassy_spain();
    let body = serde_json::to_vec(&interaction).unwrap();
    let good = signed(&body, now());
    assert_eq!(worker.post_raw(body.clone(), &[]).await.0, 401);
    let mut wrong = good.clone();
    wrong[0].1 = hex(&[0u8; 64]);
    assert_eq!(worker.post_raw(body.clone(), &wrong).await.0, 401);
    let mut changed = body.clone();
    let at = changed.len() / 2;
    changed[at] = changed[at].wrapping_add(1);
    assert_eq!(worker.post_raw(changed, &good).await.0, 401);
    assert_eq!(
        worker
            .post_raw(body.clone(), &signed(&body, now() - 3600))
            .await
            .0,
        401
    );
    assert_eq!(worker.post_raw(body.clone(), &good[..1]).await.0, 401);
    assert_eq!(worker.post_raw(body.clone(), &good[1..]).await.0, 401);
    // The refused ones did no work: the interaction is still unanswered, so a good one goes through.
    assert_eq!(worker.post_raw(body.clone(), &good).await.0, 200);
    // A body far larger than any interaction is refused.
    let huge = vec![b' '; 200 * 1024];
    assert_eq!(
        worker.post_raw(huge.clone(), &signed(&huge, now())).await.0,
        413
    );
    let log = worker.bot.log();
    assert!(
        !log.contains(common::fake_discord::BOT_TOKEN) && !log.contains(&good[0].1),
        "a secret in the log"
    );
}

/// The embeds of a response, without pictures (the HTTP path sends those in an edit).
fn embeds_without_pictures(body: &Value) -> Value {
    let mut embeds = body["data"]["embeds"].clone();
    for e in embeds.as_array_mut().into_iter().flatten() {
        if let Some(e) = e.as_object_mut() {
            e.remove("thumbnail");
        }
    }
    embeds
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_answers_over_http_as_on_the_gateway() {
    let (gateway_fake, http_fake) = (FakeDiscord::start().await, FakeDiscord::start().await);
    let _gateway = Bot::start(&gateway_fake, &[]);
    gateway_fake.wait_registered().await;
    let worker = Worker::start(&http_fake, &[]).await;
    let commands: Vec<(&str, Value)> = vec![
        ("embassy", string_options(&[("country", "Spain")])),
        ("embassy", string_options(&[("country", "Canada")])),
        (
            "expelled",
            json!([{"name": "year", "type": 4, "value": 2017}]),
        ),
        ("missions", string_options(&[("region", "Africa")])),
        ("timeline", string_options(&[("country", "Malaysia")])),
        (
            "ask",
            string_options(&[(
                "question",
                "Which countries expelled North Korean ambassadors in 2017?",
            )]),
        ),
        ("help", json!([])),
    ];
    for (name, options) in commands {
        let (_, on_http) = payloads::guild_command(name, options.clone(), GUILD_ID, MEMBER, false);
        let (status, http_body) = worker.post(&on_http).await;
        assert_eq!(status, 200, "/{name}");
        common::spec::assert_valid("CreateMessageInteractionCallbackRequest", &http_body);
        let gateway_body = run(&gateway_fake, GUILD_ID, MEMBER, false, name, options).await;
        assert_eq!(
            embeds_without_pictures(&http_body),
            embeds_without_pictures(&gateway_body),
            "/{name} differs between HTTP and the gateway"
        );
        assert_eq!(
            http_body["data"]["components"], gateway_body["data"]["components"],
            "/{name}"
        );
    }

    // Autocomplete in the body.
    let (_, complete) = payloads::autocomplete("embassy", "country", "spa");
    let (status, body) = worker.post(&complete).await;
    assert_eq!(status, 200);
    assert_eq!(body["type"], 8);
    assert!(body.to_string().contains("Spain"), "{body}");

    // A page button: UPDATE_MESSAGE with the page asked for.
    let (_, first) = payloads::guild_command("expelled", json!([]), GUILD_ID, MEMBER, false);
    let (_, body) = worker.post(&first).await;
    let next = body["data"]["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|b| {
            b["custom_id"]
                .as_str()
                .filter(|id| id.starts_with("page:1:"))
        })
        .expect("a next-page button")
        .to_owned();
    let (_, button) = payloads::button(&next);
    let (status, page) = worker.post(&button).await;
    assert_eq!(status, 200);
    assert_eq!(page["type"], 7);
    assert_ne!(page["data"]["embeds"], body["data"]["embeds"]);

    // /map: deferred in the body, then the original response edited with the PNG.
    let (id, map) = payloads::guild_command(
        "map",
        string_options(&[("region", "Europe")]),
        GUILD_ID,
        MEMBER,
        false,
    );
    let (status, body) = worker.post(&map).await;
    assert_eq!((status, body["type"].as_u64()), (200, Some(5)));
    let edit = wait_edit(&http_fake, &format!("itok-{id}")).await;
    assert_eq!(edit.files.len(), 1);
    assert_eq!(edit.files[0].0, "map.png");
    assert!(edit.files[0].1.starts_with(b"\x89PNG"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_http_workers_on_one_database_share_a_moderators_command() {
    let Some(pg) = Postgres::start("http_workers").await else {
        return;
    };
    let (fake_a, fake_b) = (FakeDiscord::start().await, FakeDiscord::start().await);
    let db = ("MISSIONBOT_DATABASE_URL", pg.url.as_str());
    let a = Worker::start(&fake_a, &[db]).await;
    let b = Worker::start(&fake_b, &[db]).await;
    let (_, added) = payloads::guild_command(
        "command",
        sub_options(
            "add",
            &[
                ("name", json!("faq")),
                ("response", json!("Read the pinned post")),
            ],
        ),
        GUILD_ID,
        common::guild::MOD_A,
        true,
    );
    let (status, body) = a.post(&added).await;
    assert_eq!(status, 200);
    assert!(body.to_string().contains("Added /faq"), "{body}");
    // Registered by the worker that made the change.
    common::guild::wait_guild_put(&fake_a, GUILD_ID, 1).await;
    let seen = eventually(Duration::from_secs(1), || async {
        let (_, faq) = payloads::guild_command("faq", json!([]), GUILD_ID, MEMBER, false);
        b.post(&faq)
            .await
            .1
            .to_string()
            .contains("Read the pinned post")
    })
    .await;
    assert!(
        seen.is_some(),
        "/faq added on one worker is not answered by the other"
    );
}

/// BENCHMARKS.md section 8: signed requests at concurrency 64 against one
/// worker, and the gateway path on the same machine in the same run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throughput_at_concurrency_64_http_and_gateway() {
    let total: usize = std::env::var("HTTP_LOAD_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(640);
    let concurrency = 64;
    let http_fake = FakeDiscord::start().await;
    let worker = std::sync::Arc::new(Worker::start(&http_fake, &[]).await);
    let line = || {
        payloads::guild_command(
            "expelled",
            json!([{"name": "year", "type": 4, "value": 2017}]),
            GUILD_ID,
            MEMBER,
            false,
        )
        .1
    };
    // Warm up both paths once.
    assert_eq!(worker.post(&line()).await.0, 200);
    let started = Instant::now();
    let mut latencies = Vec::new();
    for _ in 0..total / concurrency {
        let batch: Vec<_> = (0..concurrency)
            .map(|_| {
                let worker = worker.clone();
                let interaction = line();
                tokio::spawn(async move {
                    let t = Instant::now();
                    let (status, _) = worker.post(&interaction).await;
                    assert_eq!(status, 200);
                    t.elapsed()
                })
            })
            .collect();
        for t in batch {
            latencies.push(t.await.unwrap());
        }
    }
    let http_elapsed = started.elapsed();
    latencies.sort();
    let http_rps = latencies.len() as f64 / http_elapsed.as_secs_f64();

    let gateway_fake = FakeDiscord::start().await;
    let _gateway = Bot::start(&gateway_fake, &[]);
    gateway_fake.wait_registered().await;
    run(
        &gateway_fake,
        GUILD_ID,
        MEMBER,
        false,
        "expelled",
        json!([{"name": "year", "type": 4, "value": 2017}]),
    )
    .await;
    let started = Instant::now();
    let mut gateway_latencies = Vec::new();
    for _ in 0..total / concurrency {
        let ids: Vec<String> = (0..concurrency)
            .map(|_| {
                let (id, payload) = payloads::guild_command(
                    "expelled",
                    json!([{"name": "year", "type": 4, "value": 2017}]),
                    GUILD_ID,
                    MEMBER,
                    false,
                );
                gateway_fake.dispatch("INTERACTION_CREATE", payload);
                id
            })
            .collect();
        for id in ids {
            gateway_fake.callback_body(&id).await;
            let answered = gateway_fake.callbacks_for(&id)[0].at;
            gateway_latencies.push(answered - gateway_fake.dispatched_at(&id).unwrap());
        }
    }
    let gateway_elapsed = started.elapsed();
    gateway_latencies.sort();
    let gateway_rps = gateway_latencies.len() as f64 / gateway_elapsed.as_secs_f64();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    eprintln!(
        "http:    {} requests, concurrency {concurrency}: {http_rps:.0} req/s, p50 {:.2} ms, p99 {:.2} ms",
        latencies.len(),
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.99))
    );
    eprintln!(
        "gateway: {} interactions, {concurrency} at a time: {gateway_rps:.0} per s, p50 {:.2} ms, p99 {:.2} ms",
        gateway_latencies.len(),
        ms(percentile(&gateway_latencies, 0.5)),
        ms(percentile(&gateway_latencies, 0.99))
    );
    eprintln!(
        "ratio http/gateway throughput: {:.2}",
        http_rps / gateway_rps
    );
    assert!(
        percentile(&latencies, 0.99) < Duration::from_secs(3),
        "past Discord's 3 seconds"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_puts_every_command_set_once_and_exits() {
    let fake = FakeDiscord::start().await;
    let state = tempfile::tempdir().unwrap();
    let saved = serde_json::json!({"commands": [{
        "name": "faq", "response": "r", "description": "d", "title": null, "source_url": null,
        "author_id": 1, "author_name": "m", "created_at": "x", "updated_at": "x"
    }]});
    std::fs::write(
        state.path().join("guild-1300000000000000001.json"),
        saved.to_string(),
    )
    .unwrap();
    let api = fake.api_base();
    let state_dir = state.path().display().to_string();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(common::bin())
            .arg("register")
            .env("DISCORD_TOKEN", common::fake_discord::BOT_TOKEN)
            .env("DISCORD_API_BASE", api)
            .env("MISSIONBOT_ENV_FILE", "/nonexistent/.env")
            .env("MISSIONBOT_STATE_DIR", state_dir)
            .env_remove("DISCORD_GUILD_ID")
            .env_remove("MISSIONBOT_DATABASE_URL")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        printed.contains("global: ")
            && printed.contains("server 1300000000000000001: 1 commands registered"),
        "{printed}"
    );
    let puts: Vec<String> = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT")
        .map(|r| r.path)
        .collect();
    assert_eq!(
        puts,
        vec![
            format!("/api/v10/applications/{APP_ID}/commands"),
            format!("/api/v10/applications/{APP_ID}/guilds/1300000000000000001/commands"),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_the_answers_and_edits_in_flight() {
    let fake = FakeDiscord::start().await;
    let mut worker = Worker::start(&fake, &[]).await;
    let (id, map) = payloads::guild_command(
        "map",
        string_options(&[("region", "Asia")]),
        GUILD_ID,
        MEMBER,
        false,
    );
    let (status, body) = worker.post(&map).await;
    assert_eq!((status, body["type"].as_u64()), (200, Some(5)));
    // The map is still being drawn when the signal comes.
    let (exit, log) = tokio::task::spawn_blocking(move || worker.bot.terminate())
        .await
        .unwrap();
    assert!(exit.success(), "{log}");
    let edit = fake
        .requests()
        .into_iter()
        .find(|r| r.method == "PATCH" && r.path.contains(&format!("itok-{id}")));
    assert!(
        edit.is_some_and(|e| e.files.len() == 1),
        "the deferred map was not delivered before exit: {log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_weak_public_key_is_refused_at_start_with_what_to_do() {
    // 64 zeros (a placeholder) and the identity point accept signatures
    // made without any private key: the worker must not start with them.
    for weak in ["0".repeat(64), format!("01{}", "0".repeat(62))] {
        let fake = FakeDiscord::start().await;
        let mut bot = Bot::start(
            &fake,
            &[
                ("MISSIONBOT_HTTP_ADDR", "127.0.0.1:0"),
                ("DISCORD_PUBLIC_KEY", weak.as_str()),
            ],
        );
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(status) = bot.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "still running: {}", bot.log());
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(!status.success(), "started with a weak key: {}", bot.log());
        assert!(bot.log().contains("weak Ed25519 key"), "{}", bot.log());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_are_cut_off_and_healthz_answers_through_a_flood_of_them() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let fake = FakeDiscord::start().await;
    let worker = Worker::start(&fake, &[("MISSIONBOT_HTTP_MAX_CONNECTIONS", "200")]).await;
    let addr = worker.base.trim_start_matches("http://").to_owned();
    // More half-sent requests than the worker serves at once.
    let mut held = Vec::new();
    for _ in 0..300 {
        if let Ok(mut stream) = tokio::net::TcpStream::connect(&addr).await {
            let _ = stream
                .write_all(b"POST /interactions HTTP/1.1\r\nHost: x\r\n")
                .await;
            held.push(stream);
        }
    }
    let flooded = Instant::now();
    let healthy = eventually(Duration::from_secs(8), || async {
        worker
            .client
            .get(format!("{}/healthz", worker.base))
            .timeout(Duration::from_millis(1_000))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
    })
    .await;
    eprintln!("/healthz answered {:?} into the flood", flooded.elapsed());
    assert!(
        healthy.is_some(),
        "/healthz never answered: {}",
        worker.bot.log()
    );
    // Every half-sent request is closed by the worker, none left hanging.
    let mut open = 0;
    for stream in &mut held {
        let mut buf = [0u8; 256];
        if tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
            .await
            .is_err()
        {
            open += 1;
        }
    }
    assert_eq!(
        open,
        0,
        "{open} of {} slow connections still open",
        held.len()
    );

    // A body trickling in is refused with 408 once its time is up.
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.write_all(
        b"POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n",
    )
    .await
    .unwrap();
    let started = Instant::now();
    let trickle = tokio::spawn(async move {
        let mut buf = [0u8; 256];
        loop {
            tokio::select! {
                read = slow.read(&mut buf) => return String::from_utf8_lossy(&buf[..read.unwrap_or(0)]).into_owned(),
                _ = tokio::time::sleep(Duration::from_millis(100)) => {
                    if slow.write_all(b"x").await.is_err() {
                        return String::new();
                    }
                }
            }
        }
    });
    let answer = tokio::time::timeout(Duration::from_secs(6), trickle)
        .await
        .expect("the slow body was cut off")
        .unwrap();
    eprintln!(
        "a trickling body was answered after {:?}: {answer:.40}",
        started.elapsed()
    );
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_follows_the_database_while_liveness_stays_up() {
    let Some(pg) = Postgres::start("readiness").await else {
        return;
    };
    if !pg.can_restart() {
        eprintln!("SKIPPED readiness_follows_the_database_while_liveness_stays_up: the server cannot be restarted by the test");
        return;
    }
    let fake = FakeDiscord::start().await;
    let worker = Worker::start(&fake, &[("MISSIONBOT_DATABASE_URL", pg.url.as_str())]).await;
    let status = |path: &'static str| {
        let worker = &worker;
        async move {
            worker
                .client
                .get(format!("{}{path}", worker.base))
                .timeout(Duration::from_secs(3))
                .send()
                .await
                .map(|r| r.status().as_u16())
                .unwrap_or(0)
        }
    };
    assert_eq!(status("/readyz").await, 200);
    pg.stop();
    let started = Instant::now();
    assert_eq!(status("/readyz").await, 503);
    assert!(started.elapsed() < Duration::from_millis(2_500));
    assert_eq!(status("/healthz").await, 200, "liveness is not readiness");
    pg.start_again();
    let ready = eventually(Duration::from_secs(15), || async {
        status("/readyz").await == 200
    })
    .await;
    assert!(ready.is_some(), "never ready again: {}", worker.bot.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_request_is_refused_by_any_worker_and_after_a_restart() {
    let Some(pg) = Postgres::start("replays").await else {
        return;
    };
    let (fake_a, fake_b) = (FakeDiscord::start().await, FakeDiscord::start().await);
    let db = ("MISSIONBOT_DATABASE_URL", pg.url.as_str());
    let mut a = Worker::start(&fake_a, &[db]).await;
    let b = Worker::start(&fake_b, &[db]).await;
    // A moderator removes /faq; an attacker captured the signed request.
    let (status, body) = a
        .post(
            &payloads::guild_command(
                "command",
                sub_options("add", &[("name", json!("faq")), ("response", json!("r"))]),
                GUILD_ID,
                common::guild::MOD_A,
                true,
            )
            .1,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, removal) = payloads::guild_command(
        "command",
        sub_options("remove", &[("name", json!("faq"))]),
        GUILD_ID,
        common::guild::MOD_A,
        true,
    );
    let captured = serde_json::to_vec(&removal).unwrap();
    let headers = signed(&captured, now());
    let (status, body) = a.post_raw(captured.clone(), &headers).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.to_string().contains("Removed /faq"), "{body}");
    // /faq is added again; the captured removal must not take it away.
    let (status, _) = a
        .post(
            &payloads::guild_command(
                "command",
                sub_options("add", &[("name", json!("faq")), ("response", json!("r"))]),
                GUILD_ID,
                common::guild::MOD_A,
                true,
            )
            .1,
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = b.post_raw(captured.clone(), &headers).await;
    assert_eq!(status, 409, "replayed to another worker");
    a.bot.terminate();
    let a2 = Worker::start(&fake_a, &[db]).await;
    let (status, _) = a2.post_raw(captured, &headers).await;
    assert_eq!(status, 409, "replayed after a restart");
    let pool = sqlx::PgPool::connect(&pg.url).await.unwrap();
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM custom_commands WHERE name = 'faq'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(kept, 1, "a replay removed /faq");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_registrations_converge_on_the_newest_set_however_they_land() {
    let Some(pg) = Postgres::start("converge").await else {
        return;
    };
    let fake = FakeDiscord::start().await;
    let db = ("MISSIONBOT_DATABASE_URL", pg.url.as_str());
    let a = Worker::start(&fake, &[db]).await;
    let b = Worker::start(&fake, &[db]).await;
    // Worker A's next registration is slow to land.
    fake.push_registration_faults([common::fake_discord::RegistrationFault::Slow(
        Duration::from_secs(3),
    )]);
    let add = |name: &str| {
        payloads::guild_command(
            "command",
            sub_options("add", &[("name", json!(name)), ("response", json!("r"))]),
            GUILD_ID,
            common::guild::MOD_A,
            true,
        )
        .1
    };
    let (status, body) = a.post(&add("x")).await;
    assert_eq!(status, 200, "{body}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (status, body) = b.post(&add("y")).await;
    assert_eq!(status, 200, "{body}");
    // Whatever order the registrations land in, Discord ends with both.
    let both = |names: Option<Vec<String>>| {
        names.is_some_and(|n| n.contains(&"x".to_owned()) && n.contains(&"y".to_owned()))
    };
    let converged = eventually(Duration::from_secs(15), || async {
        both(fake.guild_commands_held(GUILD_ID))
    })
    .await;
    assert!(
        converged.is_some(),
        "Discord was left with {:?}",
        fake.guild_commands_held(GUILD_ID)
    );
    // And it stays so once the slow registration has landed too.
    tokio::time::sleep(Duration::from_secs(4)).await;
    let held = fake.guild_commands_held(GUILD_ID);
    eprintln!("Discord holds {held:?}");
    assert!(both(held.clone()), "{held:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_with_hundreds_of_maps_due_leaves_none_without_an_edit() {
    let fake = FakeDiscord::start().await;
    let mut worker = Worker::start(&fake, &[]).await;
    let regions = [
        "Africa",
        "Americas",
        "Asia",
        "Europe",
        "Oceania",
        "Middle East",
        "Southeast Asia",
        "Latin America",
    ];
    let mut ids = Vec::new();
    'outer: for year in 1990..2030 {
        for region in regions {
            let as_of = year.to_string();
            let (id, map) = payloads::guild_command(
                "map",
                string_options(&[("region", region), ("as_of", as_of.as_str())]),
                GUILD_ID,
                MEMBER,
                false,
            );
            let (status, body) = worker.post(&map).await;
            assert_eq!((status, body["type"].as_u64()), (200, Some(5)), "{body}");
            ids.push(id);
            if ids.len() == 300 {
                break 'outer;
            }
        }
    }
    let (exit, log) = tokio::task::spawn_blocking(move || worker.bot.terminate())
        .await
        .unwrap();
    assert!(exit.success(), "{log}");
    let requests = fake.requests();
    let edited = |id: &String| {
        let token = format!("itok-{id}");
        requests
            .iter()
            .any(|r| r.method == "PATCH" && r.path.contains(&token))
    };
    let left: Vec<&String> = ids.iter().filter(|id| !edited(id)).collect();
    let notes = requests
        .iter()
        .filter(|r| r.method == "PATCH" && r.body.to_string().contains("restarted before"))
        .count();
    eprintln!(
        "300 maps due at SIGTERM: {} edited, {notes} of them with the restart note",
        300 - left.len()
    );
    assert!(left.is_empty(), "{} deferred maps never edited", left.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_http_a_slow_commit_is_not_confirmed_yet_then_told_and_never_half_applied() {
    let Some(pg) = Postgres::start("http_slow_commit").await else {
        return;
    };
    let fake = FakeDiscord::start().await;
    let worker = Worker::start(&fake, &[("MISSIONBOT_DATABASE_URL", pg.url.as_str())]).await;
    let add = |name: &str| {
        payloads::guild_command(
            "command",
            sub_options("add", &[("name", json!(name)), ("response", json!("r"))]),
            GUILD_ID,
            common::guild::MOD_A,
            true,
        )
    };
    let (status, body) = worker.post(&add("faq").1).await;
    assert_eq!(status, 200, "{body}");
    // The server's row is held elsewhere while two changes come in.
    let pool = sqlx::PgPool::connect(&pg.url).await.unwrap();
    let mut held = pool.begin().await.unwrap();
    let guild: i64 = GUILD_ID.parse().unwrap();
    sqlx::query("SELECT revision FROM guilds WHERE guild_id = $1 FOR UPDATE")
        .bind(guild)
        .execute(&mut *held)
        .await
        .unwrap();
    let (first, second) = (add("one"), add("two"));
    let started = Instant::now();
    let (a, b) = tokio::join!(worker.post(&first.1), worker.post(&second.1));
    let answered_in = started.elapsed();
    let said = format!("{} {}", a.1, b.1);
    eprintln!("answered in {answered_in:?}: {said:.300}");
    assert_eq!((a.0, b.0), (200, 200));
    assert!(answered_in < Duration::from_millis(2_800));
    assert!(!said.contains("took too long"), "{said}");
    assert!(said.contains("Not confirmed yet"), "{said}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    drop(held);
    // Each unconfirmed change is followed up with its outcome, and the
    // worker's memory agrees with the database.
    for ((_, payload), (_, answer)) in [(&first, &a), (&second, &b)] {
        if !answer.to_string().contains("Not confirmed yet") {
            continue;
        }
        let token = payload["token"].as_str().unwrap().to_owned();
        let path = format!("/api/v10/webhooks/{APP_ID}/{token}");
        let requests = fake
            .wait_for("a follow-up", Duration::from_secs(70), |r| {
                r.iter().any(|x| x.method == "POST" && x.path == path)
            })
            .await;
        let follow_up = requests
            .iter()
            .find(|x| x.method == "POST" && x.path == path)
            .unwrap();
        let told = follow_up.body["embeds"].to_string();
        assert!(
            told.contains("Added") || told.contains("Not changed"),
            "{told}"
        );
    }
    let (_, list) = payloads::guild_command(
        "command",
        sub_options("list", &[]),
        GUILD_ID,
        common::guild::MOD_A,
        true,
    );
    let (_, listed) = worker.post(&list).await;
    let stored: Vec<String> = sqlx::query_scalar("SELECT name FROM custom_commands ORDER BY name")
        .fetch_all(&pool)
        .await
        .unwrap();
    for name in ["one", "two"] {
        assert_eq!(
            listed.to_string().contains(&format!("/{name}")),
            stored.contains(&name.to_owned()),
            "memory and the database disagree about /{name}: {listed}"
        );
    }
}
