//! Load through the fake Discord, missionbot against a minimal serenity bot
//! (examples/minimal_bot.rs) as the floor, both running at once and
//! alternated round by round so machine noise hits both alike.
//!
//! Ignored in the normal test run. To run (see BENCHMARKS.md):
//!   cargo build --release --example minimal_bot
//!   cargo test --release --test load -- --ignored --nocapture
//! Knobs: LOAD_ROUNDS (default 6), LOAD_SEQUENTIAL (per round, default 50),
//! LOAD_BURSTS (default "500,2000").

mod common;

use common::bot_process::Bot;
use common::fake_discord::{FakeDiscord, BOT_TOKEN};
use common::payloads;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn knob(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn minimal_bot_path() -> std::path::PathBuf {
    let bin = common::bin();
    bin.parent()
        .expect("target dir")
        .join("examples")
        .join("minimal_bot")
}

struct Minimal(Child);

impl Drop for Minimal {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The interactions users send, in rotation.
fn interaction(n: usize) -> (String, serde_json::Value) {
    match n % 4 {
        0 => payloads::command(
            "embassy",
            payloads::string_options(&[(
                "country",
                ["Spain", "Mexico", "China", "Laos", "Cuba"][n / 4 % 5],
            )]),
        ),
        1 => payloads::command(
            "expelled",
            serde_json::json!([{"name": "year", "type": 4, "value": 2017}]),
        ),
        2 => payloads::command(
            "missions",
            payloads::string_options(&[("region", "Africa")]),
        ),
        _ => payloads::command(
            "ask",
            payloads::string_options(&[(
                "question",
                "When did Mexico expel the North Korean ambassador?",
            )]),
        ),
    }
}

async fn probe(fake: &FakeDiscord) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (id, payload) = payloads::command("help", serde_json::json!([]));
        fake.dispatch("INTERACTION_CREATE", payload);
        let done = fake.wait_for_quiet(&id, Duration::from_secs(2)).await;
        if done {
            return;
        }
        assert!(Instant::now() < deadline, "the bot never answered");
    }
}

async fn one_at_a_time(fake: &FakeDiscord, count: usize, start: usize) -> Vec<Duration> {
    let mut latencies = Vec::new();
    for n in start..start + count {
        let (id, payload) = interaction(n);
        let sent = Instant::now();
        fake.dispatch("INTERACTION_CREATE", payload);
        fake.callback_body(&id).await;
        let at = fake.callbacks_for(&id)[0].at;
        latencies.push(at - sent);
    }
    latencies
}

async fn burst(fake: &FakeDiscord, size: usize) -> (Duration, usize) {
    let mut ids = Vec::new();
    let before = fake.callback_count();
    let started = Instant::now();
    for n in 0..size {
        let (id, payload) = interaction(n);
        ids.push(id);
        fake.dispatch("INTERACTION_CREATE", payload);
    }
    fake.wait_for("the burst", Duration::from_secs(300), |r| {
        r.iter().filter(|x| x.path.ends_with("/callback")).count() >= before + size
    })
    .await;
    let elapsed = started.elapsed();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let twice = ids
        .iter()
        .filter(|id| fake.callbacks_for(id).len() != 1)
        .count();
    (elapsed, twice)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "load test: run with --ignored --nocapture (see BENCHMARKS.md)"]
async fn load_against_a_minimal_serenity_bot() {
    let minimal_path = minimal_bot_path();
    assert!(
        minimal_path.exists(),
        "build the floor first: cargo build --release --example minimal_bot ({})",
        minimal_path.display()
    );
    let rounds = knob("LOAD_ROUNDS", 6);
    let per_round = knob("LOAD_SEQUENTIAL", 50);
    let bursts: Vec<usize> = std::env::var("LOAD_BURSTS")
        .unwrap_or_else(|_| "500,2000".into())
        .split(',')
        .filter_map(|v| v.trim().parse().ok())
        .collect();

    let fake_bot = FakeDiscord::start().await;
    let fake_min = FakeDiscord::start().await;
    let bot = Bot::start(&fake_bot, &[("RUST_LOG", "warn")]);
    let minimal = Minimal(
        Command::new(&minimal_path)
            .env("DISCORD_TOKEN", BOT_TOKEN)
            .env("DISCORD_API_BASE", fake_min.api_base())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the minimal bot starts"),
    );
    probe(&fake_bot).await;
    probe(&fake_min).await;

    let (mut ours, mut floor) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let start = round * per_round;
        if round % 2 == 0 {
            ours.extend(one_at_a_time(&fake_bot, per_round, start).await);
            floor.extend(one_at_a_time(&fake_min, per_round, start).await);
        } else {
            floor.extend(one_at_a_time(&fake_min, per_round, start).await);
            ours.extend(one_at_a_time(&fake_bot, per_round, start).await);
        }
    }
    ours.sort();
    floor.sort();
    println!(
        "one at a time, {} each ({rounds} alternating rounds of {per_round}):",
        ours.len()
    );
    for (name, p) in [("median", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1.0)] {
        let (a, b) = (percentile(&ours, p), percentile(&floor, p));
        println!(
            "  {name:<6} missionbot {:>8.3} ms   minimal {:>8.3} ms   ratio {:.2}",
            ms(a),
            ms(b),
            ms(a) / ms(b)
        );
    }
    for &size in &bursts {
        let (t_bot, twice_bot) = burst(&fake_bot, size).await;
        let (t_min, twice_min) = burst(&fake_min, size).await;
        println!(
            "burst of {size} in flight: missionbot {:.0} ms ({:.0}/s), minimal {:.0} ms ({:.0}/s); answered other than once: {twice_bot} and {twice_min}",
            ms(t_bot),
            size as f64 / t_bot.as_secs_f64(),
            ms(t_min),
            size as f64 / t_min.as_secs_f64()
        );
        assert_eq!(
            twice_bot, 0,
            "missionbot answered some of the burst of {size} other than exactly once"
        );
    }
    let (rss_bot, rss_min) = (peak_rss_kib(bot.child.id()), peak_rss_kib(minimal.0.id()));
    println!(
        "peak RSS: missionbot {} KiB, minimal {} KiB, ratio {:.2}",
        rss_bot,
        rss_min,
        rss_bot as f64 / rss_min.max(1) as f64
    );
}
