//! Load through the fake Discord, missionbot against a minimal serenity bot
//! (examples/minimal_bot.rs) as the floor, both running at once and
//! alternated round by round so machine noise hits both alike.
//!
//! Reports, for `/embassy` (text plus its locator thumbnail) and for a
//! text-only command (`/expelled year:2017`): latency p50/p90 one at a time,
//! the slowest of a burst in flight, peak RSS after the bursts, and start-up
//! (process start to the first interaction answered), each as a ratio to
//! the minimal bot measured in the same run.
//!
//! The full run is ignored in the normal test run; CI runs a tiny one that
//! only checks the harness works (no timing asserted). Full run:
//!   cargo build --release --example minimal_bot
//!   cargo test --release --test system load:: -- --ignored --nocapture
//! Knobs: LOAD_ROUNDS (default 6), LOAD_SEQUENTIAL (per round and kind,
//! default 50), LOAD_BURST (default 500).

use crate::common;

use common::percentile;

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
    rss_kib(pid, "VmHWM:")
}

/// A memory line of /proc/PID/status ("VmRSS:", "VmHWM:"), in KiB.
fn rss_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// CPU time a process has used so far, all its threads, in ms (from each
/// thread's schedstat, in ns; a thread that ended is not counted).
fn cpu_ms(pid: u32) -> f64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0.0;
    };
    let ns: u64 = tasks
        .filter_map(|t| t.ok())
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    ns as f64 / 1e6
}

/// RSS split into anonymous memory (the heap, stacks) and file pages (the
/// binary's code and embedded data), and the thread count, for the report.
fn memory_parts(pid: u32) -> String {
    let mib = |field| rss_kib(pid, field) as f64 / 1024.0;
    format!(
        "RSS {:.1} MiB = anon {:.1} + file {:.1}, peak so far {:.1}; {} threads",
        mib("VmRSS:"),
        mib("RssAnon:"),
        mib("RssFile:"),
        mib("VmHWM:"),
        rss_kib(pid, "Threads:")
    )
}

/// With `LOAD_SMAPS_DIR` set, keeps missionbot's /proc/PID/smaps (every
/// mapping's resident size) as `smaps-{when}.txt` there, to see where the
/// resident bytes are.
fn keep_smaps(pid: u32, when: &str) {
    if let Ok(dir) = std::env::var("LOAD_SMAPS_DIR") {
        let smaps = std::fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap_or_default();
        let _ = std::fs::write(format!("{dir}/smaps-{when}.txt"), smaps);
    }
}

/// The two kinds of answer measured.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// `/embassy`: an embed with a locator thumbnail (multipart upload).
    Embassy,
    /// `/expelled year:2017`: embeds only.
    Text,
}

fn interaction(kind: Kind, n: usize) -> (String, serde_json::Value) {
    match kind {
        Kind::Embassy => payloads::command(
            "embassy",
            payloads::string_options(&[(
                "country",
                ["Spain", "Mexico", "China", "Laos", "Cuba"][n % 5],
            )]),
        ),
        Kind::Text => payloads::command(
            "expelled",
            serde_json::json!([{"name": "year", "type": 4, "value": 2017}]),
        ),
    }
}

/// Time from process start to its first interaction answered: a probe is
/// dispatched at once and delivered by the fake as soon as the session is
/// READY, so this covers start-up, READY and the first answer.
async fn started_in(fake: &FakeDiscord, spawned: Instant) -> Duration {
    let (id, payload) = payloads::command("help", serde_json::json!([]));
    fake.dispatch("INTERACTION_CREATE", payload);
    fake.callback_body(&id).await;
    fake.callbacks_for(&id)[0].at - spawned
}

async fn one_at_a_time(
    fake: &FakeDiscord,
    kind: Kind,
    count: usize,
    start: usize,
) -> Vec<Duration> {
    let mut latencies = Vec::new();
    for n in start..start + count {
        let (id, payload) = interaction(kind, n);
        let sent = Instant::now();
        fake.dispatch("INTERACTION_CREATE", payload);
        fake.callback_body(&id).await;
        let at = fake.callbacks_for(&id)[0].at;
        latencies.push(at - sent);
    }
    latencies
}

/// Sends `size` interactions at once; returns the time until the last
/// callback and how many were answered other than exactly once.
async fn burst(fake: &FakeDiscord, kind: Kind, size: usize) -> (Duration, usize) {
    let mut ids = Vec::new();
    let before = fake.callback_count();
    let started = Instant::now();
    for n in 0..size {
        let (id, payload) = interaction(kind, n);
        ids.push(id);
        fake.dispatch("INTERACTION_CREATE", payload);
    }
    fake.wait_for("the burst", Duration::from_secs(300), |r| {
        r.iter().filter(|x| x.path.ends_with("/callback")).count() >= before + size
    })
    .await;
    let last = ids
        .iter()
        .filter_map(|id| fake.callbacks_for(id).first().map(|c| c.at))
        .max()
        .unwrap_or_else(Instant::now);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let twice = ids
        .iter()
        .filter(|id| fake.callbacks_for(id).len() != 1)
        .count();
    (last - started, twice)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn ratio_line(name: &str, ours: f64, floor: f64, unit: &str) {
    println!(
        "  {name:<34} missionbot {ours:>9.3} {unit}   minimal {floor:>9.3} {unit}   ratio {:.2}",
        ours / floor.max(f64::MIN_POSITIVE)
    );
}

/// The discord.py peer (tools/pypeer/bot.py), run only with
/// LOAD_PYTHON_PEER=1 and discord.py installed.
struct PythonPeer {
    fake: FakeDiscord,
    child: Minimal,
    started: Duration,
}

async fn start_python_peer() -> Option<PythonPeer> {
    if std::env::var("LOAD_PYTHON_PEER").ok().as_deref() != Some("1") {
        return None;
    }
    let fake = FakeDiscord::start().await;
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/pypeer/bot.py");
    let spawned = Instant::now();
    let child = Minimal(
        Command::new("python3")
            .arg(script)
            .env("DISCORD_TOKEN", BOT_TOKEN)
            .env("DISCORD_API_BASE", fake.api_base())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 starts the discord.py peer"),
    );
    let started = started_in(&fake, spawned).await;
    Some(PythonPeer {
        fake,
        child,
        started,
    })
}

/// A discord.py figure beside missionbot's and the floor's.
fn peer_line(name: &str, python: f64, ours: f64, floor: f64, unit: &str) {
    println!(
        "  {:<34} discord.py {python:>9.3} {unit}   missionbot/discord.py {:.2}   discord.py/minimal {:.2}",
        format!("{name} (discord.py peer)"),
        ours / python.max(f64::MIN_POSITIVE),
        python / floor.max(f64::MIN_POSITIVE)
    );
}

/// Both bots against their own fake Discord, alternated; prints every
/// figure and returns how many interactions missionbot answered other
/// than exactly once.
async fn run_load(rounds: usize, per_round: usize, burst_size: usize) -> usize {
    let minimal_path = minimal_bot_path();
    assert!(
        minimal_path.exists(),
        "build the floor first: cargo build --release --example minimal_bot ({})",
        minimal_path.display()
    );
    let fake_bot = FakeDiscord::start().await;
    let fake_min = FakeDiscord::start().await;
    let spawned_min = Instant::now();
    let minimal = Minimal(
        Command::new(&minimal_path)
            .env("DISCORD_TOKEN", BOT_TOKEN)
            .env("DISCORD_API_BASE", fake_min.api_base())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the minimal bot starts"),
    );
    let start_min = started_in(&fake_min, spawned_min).await;
    let spawned_bot = Instant::now();
    let arena = std::env::var("LOAD_MALLOC_ARENA_MAX").unwrap_or_default();
    let mut env = vec![("RUST_LOG", "warn")];
    if !arena.is_empty() {
        env.push(("MALLOC_ARENA_MAX", arena.as_str()));
    }
    let bot = Bot::start(&fake_bot, &env);
    println!(
        "missionbot pid {}, minimal bot pid {}",
        bot.child.id(),
        minimal.0.id()
    );
    let start_bot = started_in(&fake_bot, spawned_bot).await;
    println!("start-up (process start to first interaction answered):");
    ratio_line("start-up", ms(start_bot), ms(start_min), "ms");
    let python = start_python_peer().await;
    if let Some(peer) = &python {
        peer_line(
            "start-up",
            ms(peer.started),
            ms(start_bot),
            ms(start_min),
            "ms",
        );
    }
    let rest_started = rss_kib(bot.child.id(), "VmRSS:");
    // The locators are drawn ahead of use after READY; let that finish.
    tokio::time::sleep(Duration::from_millis(500)).await;
    println!(
        "missionbot RSS at rest: {:.1} MiB after the first answer, {:.1} MiB once the locators are drawn; minimal bot {:.1} MiB",
        rest_started as f64 / 1024.0,
        rss_kib(bot.child.id(), "VmRSS:") as f64 / 1024.0,
        rss_kib(minimal.0.id(), "VmRSS:") as f64 / 1024.0
    );
    println!("  at rest, missionbot {}", memory_parts(bot.child.id()));
    keep_smaps(bot.child.id(), "rest");
    println!("  at rest, minimal    {}", memory_parts(minimal.0.id()));

    let mut twice_total = 0;
    for kind in [Kind::Embassy, Kind::Text] {
        let (mut ours, mut floor) = (Vec::new(), Vec::new());
        for round in 0..rounds {
            let start = round * per_round;
            if round % 2 == 0 {
                ours.extend(one_at_a_time(&fake_bot, kind, per_round, start).await);
                floor.extend(one_at_a_time(&fake_min, kind, per_round, start).await);
            } else {
                floor.extend(one_at_a_time(&fake_min, kind, per_round, start).await);
                ours.extend(one_at_a_time(&fake_bot, kind, per_round, start).await);
            }
        }
        let mut theirs = Vec::new();
        if let Some(peer) = &python {
            for round in 0..rounds {
                theirs.extend(one_at_a_time(&peer.fake, kind, per_round, round * per_round).await);
            }
        }
        ours.sort();
        floor.sort();
        theirs.sort();
        println!(
            "{kind:?}, one at a time ({} each, {rounds} alternating rounds):",
            ours.len()
        );
        for (name, p) in [("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1.0)] {
            let (a, b) = (ms(percentile(&ours, p)), ms(percentile(&floor, p)));
            ratio_line(name, a, b, "ms");
            if !theirs.is_empty() {
                peer_line(name, ms(percentile(&theirs, p)), a, b, "ms");
            }
        }
        let cpu_before = cpu_ms(bot.child.id());
        let (t_bot, twice_bot) = burst(&fake_bot, kind, burst_size).await;
        let cpu_bot = cpu_ms(bot.child.id()) - cpu_before;
        let cpu_before = cpu_ms(minimal.0.id());
        let (t_min, _) = burst(&fake_min, kind, burst_size).await;
        let cpu_min = cpu_ms(minimal.0.id()) - cpu_before;
        println!("{kind:?}, burst of {burst_size} in flight (until the last callback):");
        ratio_line("slowest", ms(t_bot), ms(t_min), "ms");
        // The bot's own CPU for the burst (the rest of the wall time is the
        // fake Discord, in this process, on the same cores).
        ratio_line("CPU used", cpu_bot, cpu_min, "ms");
        if let Some(peer) = &python {
            let (t_py, _) = burst(&peer.fake, kind, burst_size).await;
            peer_line("slowest", ms(t_py), ms(t_bot), ms(t_min), "ms");
        }
        twice_total += twice_bot;
    }
    let (rss_bot, rss_min) = (peak_rss_kib(bot.child.id()), peak_rss_kib(minimal.0.id()));
    println!(
        "after the bursts, missionbot {}",
        memory_parts(bot.child.id())
    );
    keep_smaps(bot.child.id(), "bursts");
    println!(
        "after the bursts, minimal    {}",
        memory_parts(minimal.0.id())
    );
    println!("peak RSS after the bursts (VmHWM):");
    ratio_line(
        "peak RSS",
        rss_bot as f64 / 1024.0,
        rss_min as f64 / 1024.0,
        "MiB",
    );
    if let Some(peer) = &python {
        let rss_py = peak_rss_kib(peer.child.0.id());
        peer_line(
            "peak RSS",
            rss_py as f64 / 1024.0,
            rss_bot as f64 / 1024.0,
            rss_min as f64 / 1024.0,
            "MiB",
        );
    }
    twice_total
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "load test: run with --ignored --nocapture (see BENCHMARKS.md)"]
async fn load_against_a_minimal_serenity_bot() {
    let twice = run_load(
        knob("LOAD_ROUNDS", 6),
        knob("LOAD_SEQUENTIAL", 50),
        knob("LOAD_BURST", 500),
    )
    .await;
    assert_eq!(
        twice, 0,
        "missionbot answered some interactions other than exactly once"
    );
}

/// CI checks that the harness runs (both bots, every phase), not how fast.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_load_harness_runs() {
    assert_eq!(run_load(2, 3, 20).await, 0);
}
