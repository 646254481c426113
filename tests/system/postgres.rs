//! Several processes on one PostgreSQL: the shared store, end to end, with
//! the real binary on fake Discords and a throwaway database cluster.

use crate::common;

use common::percentile;

use common::bot_process::Bot;
use common::fake_discord::{FakeDiscord, GUILD_ID};
use common::guild::{add, chile_expulsion, run, text, MEMBER, MOD_A, MOD_B};
use common::payloads::{self, sub_options};
use common::postgres::{eventually, Postgres};
use missionbot::custom::{GuildStore, PgStore, Store, StoreError};
use serde_json::json;
use std::collections::HashSet;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

async fn connect(url: &str) -> sqlx::PgPool {
    sqlx::PgPool::connect(url).await.expect("the test database")
}

async fn stored_names(pool: &sqlx::PgPool) -> HashSet<String> {
    sqlx::query_scalar::<_, String>("SELECT name FROM custom_commands WHERE guild_id = $1")
        .bind(GUILD_ID.parse::<i64>().unwrap())
        .fetch_all(pool)
        .await
        .unwrap()
        .into_iter()
        .collect()
}

/// A shared store as one process opens it.
async fn process_store(url: &str) -> Arc<GuildStore> {
    let db = PgStore::connect(url).await.unwrap();
    db.migrate().await.unwrap();
    db.listen().await.unwrap();
    let store = Arc::new(GuildStore::load(Arc::new(db)).await.unwrap());
    tokio::spawn(store.clone().follow());
    store
}

fn command(name: &str) -> missionbot::custom::CustomCommand {
    missionbot::custom::CustomCommand {
        name: name.into(),
        response: format!("answer of {name}"),
        description: "d".into(),
        title: None,
        source_url: None,
        ephemeral: false,
        author_id: 7,
        author_name: "mod".into(),
        created_at: "2026-11-29T00:00:00Z".into(),
        updated_at: "2026-11-29T00:00:00Z".into(),
        uses: 0,
        switches: Default::default(),
    }
}

/// Adds a command unless the guild has one of that name (as /command add does).
async fn add_once(store: &GuildStore, guild: u64, name: &str) -> Result<(), Refused> {
    store
        .update(guild, |s| {
            if s.commands.iter().any(|c| c.name == name) {
                return Err(Refused(format!("/{name} already exists")));
            }
            s.commands.push(command(name));
            Ok(())
        })
        .await
        .map(|_| ())
}

impl From<StoreError> for Refused {
    fn from(e: StoreError) -> Self {
        Refused(e.to_string())
    }
}
#[derive(Debug)]
struct Refused(String);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_stores_apply_concurrent_changes_in_order_and_the_database_holds_the_limits() {
    let Some(pg) = Postgres::start("two_stores").await else {
        return;
    };
    let (a, b) = (process_store(&pg.url).await, process_store(&pg.url).await);
    // 50 concurrent adds, half through each "process".
    let mut tasks = Vec::new();
    for i in 0..50 {
        let store = if i % 2 == 0 { a.clone() } else { b.clone() };
        tasks.push(tokio::spawn(async move {
            add_once(&store, 1, &format!("c{i}")).await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    // Both copies converge on all 50 within a second.
    let took = eventually(Duration::from_secs(1), || async {
        a.get(1).await.commands.len() == 50 && b.get(1).await.commands.len() == 50
    })
    .await;
    assert!(
        took.is_some(),
        "a: {}, b: {}",
        a.get(1).await.commands.len(),
        b.get(1).await.commands.len()
    );

    // The same name from both at once: one kept, the other told it exists.
    let (x, y) = tokio::join!(add_once(&a, 2, "faq"), add_once(&b, 2, "faq"));
    assert!(x.is_ok() != y.is_ok(), "{x:?} {y:?}");
    assert!(format!("{x:?}{y:?}").contains("already exists"));

    // Uses counted by both are added, not overwritten.
    let bump = |store: Arc<GuildStore>| async move {
        store
            .update(2, |s| {
                s.commands[0].uses += 5;
                Ok::<_, Refused>(())
            })
            .await
            .unwrap();
    };
    tokio::join!(bump(a.clone()), bump(b.clone()));
    let pool = connect(&pg.url).await;
    let uses: i64 = sqlx::query_scalar("SELECT uses FROM custom_commands WHERE guild_id = 2")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(uses, 10);

    // The database itself refuses a 101st command and a duplicate name, whoever writes.
    for i in 50..100 {
        add_once(&a, 1, &format!("c{i}")).await.unwrap();
    }
    let over = a
        .update(1, |s| {
            s.commands.push(command("c100"));
            Ok::<_, Refused>(())
        })
        .await
        .unwrap_err();
    assert!(over.0.contains("more than 100"), "{over:?}");
    assert_eq!(
        a.get(1).await.commands.len(),
        100,
        "memory unchanged by a refused change"
    );
    let dup = sqlx::query(
        "INSERT INTO custom_commands (guild_id, name, position, response, description, author_id, author_name, created_at, updated_at) \
         VALUES (1, 'c1', 0, 'r', 'd', 1, 'm', 'x', 'x')",
    )
    .execute(&pool)
    .await;
    assert!(dup.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_on_shards_of_one_bot_share_commands_within_a_second() {
    let Some(pg) = Postgres::start("two_processes").await else {
        return;
    };
    let (fake_a, fake_b) = (FakeDiscord::start().await, FakeDiscord::start().await);
    let db = ("MISSIONBOT_DATABASE_URL", pg.url.as_str());
    let _a = Bot::start(&fake_a, &[db, ("MISSIONBOT_SHARDS", "0-0/2")]);
    let _b = Bot::start(&fake_b, &[db, ("MISSIONBOT_SHARDS", "1-1/2")]);
    fake_a.wait_registered().await;
    eventually(Duration::from_secs(10), || async {
        fake_b.identifies() > 0
    })
    .await;
    assert_eq!(fake_a.identify_shards(), vec![json!([0, 2])]);
    assert_eq!(fake_b.identify_shards(), vec![json!([1, 2])]);

    // /faq added through A answers on B within a second.
    let body = add(&fake_a, MOD_A, "faq", "Read the pinned post").await;
    assert!(text(&body).contains("Added /faq"), "{}", text(&body));
    let added = Instant::now();
    let mut seen_after = None;
    while added.elapsed() < Duration::from_secs(3) {
        let body = run(&fake_b, GUILD_ID, MEMBER, false, "faq", json!([])).await;
        if text(&body).contains("Read the pinned post") {
            seen_after = Some(added.elapsed());
            break;
        }
    }
    let seen_after = seen_after.expect("/faq never answered on the other process");
    eprintln!("/faq added on A answered on B after {seen_after:?}");
    assert!(seen_after < Duration::from_secs(1), "{seen_after:?}");

    // A record made on B shows in A's answers.
    let body = run(
        &fake_b,
        GUILD_ID,
        MOD_B,
        true,
        "record",
        chile_expulsion("a test of shared records"),
    )
    .await;
    assert!(text(&body).contains("Recorded r1"), "{}", text(&body));
    let shown = eventually(Duration::from_secs(1), || async {
        let body = run(
            &fake_a,
            GUILD_ID,
            MEMBER,
            false,
            "expelled",
            payloads::string_options(&[("country", "Chile")]),
        )
        .await;
        text(&body).contains("a test of shared records")
    })
    .await;
    assert!(shown.is_some(), "a record made on B is not shown on A");

    // Registered by the process that made the change (and by any process
    // that learns of it, so registrations converge); global commands only
    // by shard 0's.
    let puts = |fake: &FakeDiscord, scope: &str| {
        fake.requests()
            .iter()
            .filter(|r| r.method == "PUT" && r.path.contains(scope))
            .count()
    };
    assert!(puts(&fake_a, &format!("/guilds/{GUILD_ID}/commands")) >= 1);
    let global_puts = |fake: &FakeDiscord| {
        fake.requests()
            .iter()
            .filter(|r| {
                r.method == "PUT" && r.path.ends_with("/commands") && !r.path.contains("/guilds/")
            })
            .count()
    };
    assert!(global_puts(&fake_a) >= 1);
    assert_eq!(
        global_puts(&fake_b),
        0,
        "shard 1's process must not register the global commands"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_changes_from_two_processes_are_all_kept_and_a_sigkill_loses_no_acknowledged_one() {
    let Some(pg) = Postgres::start("fifty_changes").await else {
        return;
    };
    let (fake_a, fake_b) = (FakeDiscord::start().await, FakeDiscord::start().await);
    let db = ("MISSIONBOT_DATABASE_URL", pg.url.as_str());
    let mut a = Bot::start(&fake_a, &[db]);
    let _b = Bot::start(&fake_b, &[db, ("MISSIONBOT_REGISTER", "never")]);
    fake_a.wait_registered().await;
    eventually(Duration::from_secs(10), || async {
        fake_b.identifies() > 0
    })
    .await;
    let mut sent = Vec::new();
    for i in 0..50 {
        let (fake, user) = if i % 2 == 0 {
            (&fake_a, MOD_A)
        } else {
            (&fake_b, MOD_B)
        };
        let (id, payload) = payloads::guild_command(
            "command",
            sub_options(
                "add",
                &[("name", json!(format!("cmd{i}"))), ("response", json!("r"))],
            ),
            GUILD_ID,
            user,
            true,
        );
        fake.dispatch("INTERACTION_CREATE", payload);
        sent.push((fake, id));
    }
    for (fake, id) in &sent {
        assert!(text(&fake.callback_body(id).await).contains("Added /cmd"));
    }
    let pool = connect(&pg.url).await;
    assert_eq!(stored_names(&pool).await.len(), 50, "a change was lost");

    // A burst of records on A, SIGKILLed part-way: every acknowledged one is stored.
    let mut ids = Vec::new();
    for i in 0..60 {
        let (id, payload) = payloads::guild_command(
            "record",
            chile_expulsion(&format!("burst {i}")),
            GUILD_ID,
            MOD_A,
            true,
        );
        fake_a.dispatch("INTERACTION_CREATE", payload);
        ids.push((id, format!("burst {i}")));
    }
    fake_a
        .wait_for("some acknowledgements", Duration::from_secs(20), |r| {
            r.iter().filter(|x| x.path.ends_with("/callback")).count() >= 50 + 20
        })
        .await;
    a.kill_hard();
    let acknowledged: Vec<&String> = ids
        .iter()
        .filter(|(id, _)| {
            fake_a
                .callbacks_for(id)
                .iter()
                .any(|c| c.body.to_string().contains("Recorded r"))
        })
        .map(|(_, t)| t)
        .collect();
    let stored: HashSet<String> =
        sqlx::query_scalar::<_, String>("SELECT what->>'trigger' FROM news_records")
            .fetch_all(&pool)
            .await
            .unwrap()
            .into_iter()
            .collect();
    let lost: Vec<&&String> = acknowledged
        .iter()
        .filter(|t| !stored.contains(t.as_str()))
        .collect();
    eprintln!(
        "{} acknowledged before SIGKILL, {} stored, {} lost",
        acknowledged.len(),
        stored.len(),
        lost.len()
    );
    assert!(acknowledged.len() >= 20);
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_stopped_and_restarted_mid_run() {
    let Some(pg) = Postgres::start("restart").await else {
        return;
    };
    if !pg.can_restart() {
        eprintln!("SKIPPED the_database_stopped_and_restarted_mid_run: MISSIONBOT_TEST_DATABASE_URL's server cannot be restarted by the test");
        return;
    }
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, &[("MISSIONBOT_DATABASE_URL", pg.url.as_str())]);
    fake.wait_registered().await;
    assert!(text(&add(&fake, MOD_A, "faq", "Read the pinned post").await).contains("Added /faq"));

    pg.stop();
    // Reads keep answering from memory; a change is refused, never claimed saved.
    let body = run(&fake, GUILD_ID, MEMBER, false, "faq", json!([])).await;
    assert!(
        text(&body).contains("Read the pinned post"),
        "{}",
        text(&body)
    );
    let body = run(
        &fake,
        GUILD_ID,
        MEMBER,
        false,
        "embassy",
        payloads::string_options(&[("country", "Spain")]),
    )
    .await;
    assert!(text(&body).contains("Madrid"));
    let started = Instant::now();
    let body = add(&fake, MOD_A, "rules", "Be kind").await;
    let refused_in = started.elapsed();
    assert!(
        text(&body).contains("Not saved: the database is unreachable")
            && !text(&body).contains("Added"),
        "{}",
        text(&body)
    );
    assert!(
        refused_in < Duration::from_millis(2800),
        "the refusal took {refused_in:?}"
    );
    // The log names the cause, not only "pool timed out".
    let log = bot.log();
    let cause = log
        .lines()
        .find(|l| l.contains("saving guild state failed"))
        .unwrap_or_default()
        .to_owned();
    eprintln!("the log's cause: {cause}");
    assert!(
        cause.to_lowercase().contains("refused") || cause.contains("No such file"),
        "{cause}"
    );

    pg.start_again();
    // The bot reconnects by itself: a change succeeds again...
    let mut saved = false;
    for _ in 0..50 {
        if text(&add(&fake, MOD_A, "rules", "Be kind").await).contains("Added /rules") {
            saved = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        saved,
        "changes never worked again after the database came back"
    );
    // ...and it follows changes made elsewhere again (its listener reconnected).
    let other = process_store(&pg.url).await;
    add_once(&other, GUILD_ID.parse().unwrap(), "later")
        .await
        .unwrap();
    let seen = eventually(Duration::from_secs(8), || async {
        text(&run(&fake, GUILD_ID, MEMBER, false, "later", json!([])).await)
            .contains("answer of later")
    })
    .await;
    assert!(
        seen.is_some(),
        "a change made elsewhere after the restart is not seen"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_database_at_start_is_a_clear_error_and_a_failed_exit() {
    let fake = FakeDiscord::start().await;
    let mut bot = Bot::start(
        &fake,
        &[("MISSIONBOT_DATABASE_URL", &Postgres::unreachable_url())],
    );
    let (status, log) = wait_exit(&mut bot, Duration::from_secs(15));
    assert!(!status.success());
    assert!(
        log.contains("MISSIONBOT_DATABASE_URL") && log.contains("PostgreSQL missionbot@127.0.0.1"),
        "{log}"
    );
    assert_eq!(fake.identifies(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_process_on_a_locked_state_directory_is_refused() {
    let fake = FakeDiscord::start().await;
    let first = Bot::start(&fake, &[]);
    fake.wait_registered().await;
    let second_fake = FakeDiscord::start().await;
    let mut second = Bot::start_with_state(&second_fake, &first.state_dir, &[]);
    let (status, log) = wait_exit(&mut second, Duration::from_secs(10));
    assert!(!status.success());
    assert!(
        log.contains(&first.state_dir.display().to_string())
            && log.contains(&format!("PID {}", first.child.id()))
            && log.contains("MISSIONBOT_DATABASE_URL"),
        "{log}"
    );
    assert_eq!(second_fake.identifies(), 0);
}

/// Waits for a bot that should refuse to start; its exit status and log.
fn wait_exit(bot: &mut Bot, within: Duration) -> (std::process::ExitStatus, String) {
    let deadline = Instant::now() + within;
    loop {
        if let Some(status) = bot.child.try_wait().unwrap() {
            // The log reader sees the end of the pipe right after the exit.
            std::thread::sleep(Duration::from_millis(100));
            return (status, bot.log());
        }
        assert!(
            Instant::now() < deadline,
            "still running after {within:?}: {}",
            bot.log()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn missionbot(args: &[&str]) -> (bool, String) {
    let out = Command::new(common::bin())
        .args(args)
        .env("MISSIONBOT_ENV_FILE", "/nonexistent/.env")
        .env_remove("MISSIONBOT_DATABASE_URL")
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_and_state_copy_both_ways_keep_every_command_and_record() {
    let Some(pg) = Postgres::start("state_copy").await else {
        return;
    };
    let (ok, out) = missionbot(&["migrate", "--database-url", &pg.url]);
    assert!(
        ok && out.contains(&format!(
            "{} migrations applied",
            missionbot::custom::migrations::FILES.len()
        )),
        "{out}"
    );
    let (ok, out) = missionbot(&["migrate", "--database-url", &pg.url]);
    assert!(
        ok && out.contains(&format!(
            "{} migrations applied",
            missionbot::custom::migrations::FILES.len()
        )),
        "running it again changes nothing: {out}"
    );

    // A state directory as a files-mode bot leaves it: two servers.
    let files = tempfile::tempdir().unwrap();
    let store = missionbot::custom::FileStore::open(files.path()).unwrap();
    let record: missionbot::custom::NewsRecord = serde_json::from_value(json!({
        "id": "r1", "kind": "expulsion", "country": "CL", "date": "2026-11-20", "action": "expelled",
        "trigger": "t", "person": null, "role": null, "source_url": "https://example.org/x",
        "recorded_by": "mod", "recorded_by_id": 7, "recorded_on": "2026-11-21"
    }))
    .unwrap();
    let one = missionbot::custom::GuildState {
        commands: (0..12).map(|i| command(&format!("c{i}"))).collect(),
        records: vec![record],
        next_record: 1,
        ..Default::default()
    };
    let two = missionbot::custom::GuildState {
        commands: vec![command("faq")],
        ..Default::default()
    };
    store.save(11, &one).unwrap();
    store.save(22, &two).unwrap();

    let dir = files.path().display().to_string();
    for _ in 0..2 {
        let (ok, out) = missionbot(&["state", "copy", "--from", &dir, "--to", &pg.url]);
        assert!(ok, "{out}");
        assert!(
            out.contains("copied 2 servers: 13 custom commands, 1 news record"),
            "{out}"
        );
        assert!(out.contains("checked: the target holds the same"), "{out}");
    }
    let back = tempfile::tempdir().unwrap();
    let back_dir = back.path().display().to_string();
    let (ok, out) = missionbot(&["state", "copy", "--from", &pg.url, "--to", &back_dir]);
    assert!(
        ok && out.contains("copied 2 servers: 13 custom commands, 1 news record"),
        "{out}"
    );
    let round_trip = missionbot::custom::FileStore::open(back.path())
        .unwrap()
        .load_all()
        .await
        .unwrap();
    assert_eq!(round_trip, vec![(11, one), (22, two)]);

    // A directory a running bot holds is refused, naming the holder.
    let fake = FakeDiscord::start().await;
    let bot = Bot::start_with_state(&fake, back.path(), &[]);
    fake.wait_registered().await;
    let (ok, out) = missionbot(&["state", "copy", "--from", &pg.url, "--to", &back_dir]);
    assert!(
        !ok && out.contains(&format!("PID {}", bot.child.id())),
        "{out}"
    );
}

/// The time from dispatching `/command add` to its acknowledgement, and
/// when it was dispatched.
async fn acknowledged_in(fake: &FakeDiscord, name: &str) -> (Duration, Instant) {
    let (id, payload) = payloads::guild_command(
        "command",
        sub_options(
            "add",
            &[
                ("name", json!(name)),
                ("response", json!(format!("answer {name}"))),
            ],
        ),
        GUILD_ID,
        MOD_A,
        true,
    );
    fake.dispatch("INTERACTION_CREATE", payload);
    let body = fake.callback_body(&id).await;
    assert!(text(&body).contains("Added"), "{}", text(&body));
    let dispatched = fake.dispatched_at(&id).expect("dispatched");
    (fake.callbacks_for(&id)[0].at - dispatched, dispatched)
}

fn summary(label: &str, mut times: Vec<Duration>) -> Duration {
    times.sort();
    let (p50, p90) = (percentile(&times, 0.5), percentile(&times, 0.9));
    eprintln!(
        "{label}: n={} p50={:.1} ms p90={:.1} ms",
        times.len(),
        p50.as_secs_f64() * 1e3,
        p90.as_secs_f64() * 1e3
    );
    p50
}

/// BENCHMARKS.md section 7: a moderator's change, acknowledged (files and
/// PostgreSQL) and visible on a second process (PostgreSQL), measured in
/// one run so the figures compare.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderators_change_acknowledged_and_seen_elsewhere_files_and_postgres() {
    let Some(pg) = Postgres::start("change_latency").await else {
        return;
    };
    let rounds = 20;
    let files_fake = FakeDiscord::start().await;
    let _files_bot = Bot::start(&files_fake, &[]);
    files_fake.wait_registered().await;
    let (fake_a, fake_b) = (FakeDiscord::start().await, FakeDiscord::start().await);
    let db = ("MISSIONBOT_DATABASE_URL", pg.url.as_str());
    let _a = Bot::start(&fake_a, &[db]);
    let _b = Bot::start(&fake_b, &[db, ("MISSIONBOT_REGISTER", "never")]);
    fake_a.wait_registered().await;
    eventually(Duration::from_secs(10), || async {
        fake_b.identifies() > 0
    })
    .await;

    let (mut files, mut shared, mut seen) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..rounds {
        files.push(acknowledged_in(&files_fake, &format!("f{i}")).await.0);
        let name = format!("p{i}");
        let (acknowledged, dispatched) = acknowledged_in(&fake_a, &name).await;
        shared.push(acknowledged);
        eventually(Duration::from_secs(2), || async {
            text(&run(&fake_b, GUILD_ID, MEMBER, false, &name, json!([])).await)
                .contains("answer p")
        })
        .await
        .expect("the change reached the other process");
        // Up to the other process's answer (an upper bound: it includes that answer's round trip).
        seen.push(dispatched.elapsed());
    }
    let files_p50 = summary("files: acknowledged", files);
    let shared_p50 = summary("postgres: acknowledged", shared);
    let seen_p50 = summary(
        "postgres: answered on the other process (from dispatch)",
        seen,
    );
    eprintln!(
        "ratio postgres/files acknowledged p50: {:.2}",
        shared_p50.as_secs_f64() / files_p50.as_secs_f64()
    );
    assert!(shared_p50 < Duration::from_millis(500) && seen_p50 < Duration::from_secs(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_control_character_is_refused_alike_by_files_and_postgres() {
    let Some(pg) = Postgres::start("control_characters").await else {
        return;
    };
    let (on_pg, on_files) = (FakeDiscord::start().await, FakeDiscord::start().await);
    let _a = Bot::start(&on_pg, &[("MISSIONBOT_DATABASE_URL", pg.url.as_str())]);
    let _b = Bot::start(&on_files, &[]);
    on_pg.wait_registered().await;
    on_files.wait_registered().await;
    for fake in [&on_pg, &on_files] {
        // A NUL cannot be stored in PostgreSQL; "please try again" would be
        // a lie, so both stores refuse it at validation with what to change.
        let body = add(fake, MOD_A, "faq", "before\u{0}after").await;
        let said = text(&body);
        assert!(said.contains("control character (U+0000)"), "{said}");
        assert!(!said.contains("try again"), "{said}");
        let body = add(fake, MOD_A, "faq", "two\nlines\tand a tab").await;
        assert!(text(&body).contains("Added /faq"), "{}", text(&body));
    }
}

/// Dispatches a command in the test guild and returns (its id, its token).
fn dispatch(
    fake: &FakeDiscord,
    user: &str,
    moderator: bool,
    name: &str,
    options: serde_json::Value,
) -> (String, String) {
    let (id, payload) = payloads::guild_command(name, options, GUILD_ID, user, moderator);
    let token = payload["token"].as_str().unwrap_or_default().to_owned();
    fake.dispatch("INTERACTION_CREATE", payload);
    (id, token)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_row_held_by_another_connection_never_stalls_answers_and_moderators_hear_the_truth() {
    let Some(pg) = Postgres::start("row_held").await else {
        return;
    };
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, &[("MISSIONBOT_DATABASE_URL", pg.url.as_str())]);
    fake.wait_registered().await;
    let body = add(&fake, MOD_A, "faq", "Read the pinned post").await;
    assert!(text(&body).contains("Added /faq"), "{}", text(&body));

    // Another connection holds the server's row for 8 seconds.
    let pool = connect(&pg.url).await;
    let mut held = pool.begin().await.expect("a transaction");
    let guild: i64 = GUILD_ID.parse().unwrap();
    sqlx::query("SELECT revision FROM guilds WHERE guild_id = $1 FOR UPDATE")
        .bind(guild)
        .execute(&mut *held)
        .await
        .expect("the row is locked");
    let locked_at = Instant::now();

    // Two moderators' adds queue behind the lock; members keep using /faq.
    let adds: Vec<(String, String)> = ["first", "second"]
        .iter()
        .map(|name| {
            dispatch(
                &fake,
                MOD_A,
                true,
                "command",
                sub_options("add", &[("name", json!(name)), ("response", json!("r"))]),
            )
        })
        .collect();
    let mut uses = Vec::new();
    for _ in 0..20 {
        let (id, _) = dispatch(&fake, MEMBER, false, "faq", json!([]));
        let sent = fake.dispatched_at(&id).expect("dispatched");
        let body = fake.callback_body(&id).await;
        assert!(
            text(&body).contains("Read the pinned post"),
            "{}",
            text(&body)
        );
        uses.push(fake.callbacks_for(&id)[0].at - sent);
    }
    let slowest_use = uses.iter().max().copied().unwrap_or_default();
    eprintln!("20 uses of /faq with the row held: slowest {slowest_use:?}");
    assert!(slowest_use < Duration::from_millis(1_000), "{uses:?}");

    // Each moderator is answered within Discord's window, and told the truth.
    let mut not_confirmed = Vec::new();
    for (id, token) in &adds {
        let sent = fake.dispatched_at(id).expect("dispatched");
        let body = fake.callback_body(id).await;
        let answered = fake.callbacks_for(id)[0].at - sent;
        eprintln!(
            "an add with the row held answered after {answered:?}: {}",
            text(&body)
        );
        assert!(answered < Duration::from_millis(2_800), "{answered:?}");
        let said = text(&body);
        assert!(
            said.contains("Not confirmed yet")
                || said.contains("Not changed")
                || said.contains("Added"),
            "{said}"
        );
        if said.contains("Not confirmed yet") {
            not_confirmed.push(token.clone());
        }
    }
    assert!(
        !not_confirmed.is_empty(),
        "the queued add outlasted the deadline, so it is not confirmed yet"
    );
    // The lock is held to its end: the queued changes find out on their own.
    tokio::time::sleep(Duration::from_secs(8).saturating_sub(locked_at.elapsed())).await;
    drop(held);
    eprintln!("row released after {:?}", locked_at.elapsed());

    // The follow-up says how each unconfirmed change ended, and the
    // server's list agrees with it.
    for token in &not_confirmed {
        let path = format!("/api/v10/webhooks/{}/{token}", common::fake_discord::APP_ID);
        let requests = fake
            .wait_for("the follow-up", Duration::from_secs(70), |r| {
                r.iter().any(|x| x.method == "POST" && x.path == path)
            })
            .await;
        let follow_up = requests
            .iter()
            .find(|x| x.method == "POST" && x.path == path)
            .expect("a follow-up");
        common::spec::assert_valid("IncomingWebhookRequestPartial", &follow_up.body);
        let said = follow_up.body["embeds"].to_string();
        eprintln!("follow-up: {said}");
        assert!(
            said.contains("Added") || said.contains("Not changed"),
            "{said}"
        );
    }
    let listed = run(
        &fake,
        GUILD_ID,
        MOD_A,
        true,
        "command",
        sub_options("list", &[]),
    )
    .await;
    let stored = stored_names(&pool).await;
    for name in ["first", "second"] {
        assert_eq!(
            text(&listed).contains(&format!("/{name}")),
            stored.contains(name),
            "memory and the database disagree about /{name}: {}",
            text(&listed)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_release_runs_on_an_additive_newer_schema_and_refuses_a_breaking_one() {
    let Some(pg) = Postgres::start("rollback").await else {
        return;
    };
    let (ok, out) = missionbot(&["migrate", "--database-url", &pg.url]);
    assert!(
        ok && out.contains(&format!(
            "{} migrations applied",
            missionbot::custom::migrations::FILES.len()
        )),
        "{out}"
    );
    // A newer release applied a migration this one does not know.
    let pool = connect(&pg.url).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (20991231000001, 'from the future', TRUE, '\\x00', 1)",
    )
    .execute(&pool)
    .await
    .unwrap();
    // Additive (schema_compat left as it was): this release still starts.
    let fake = FakeDiscord::start().await;
    let mut bot = Bot::start(&fake, &[("MISSIONBOT_DATABASE_URL", pg.url.as_str())]);
    fake.wait_registered().await;
    let body = add(&fake, MOD_A, "faq", "still works").await;
    assert!(text(&body).contains("Added /faq"), "{}", text(&body));
    bot.terminate();
    // Breaking: the newer release says older ones may not run. Refused, plainly.
    sqlx::query("UPDATE schema_compat SET oldest_reader = 20991231000001")
        .execute(&pool)
        .await
        .unwrap();
    let (ok, out) = missionbot(&["migrate", "--database-url", &pg.url]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("too old for the database") && out.contains("20991231000001"),
        "{out}"
    );
}

/// Uses of /faq while the database misbehaves: each must be answered from
/// memory within a second; returns the slowest.
async fn uses_stay_fast(fake: &FakeDiscord, n: usize) -> Duration {
    let mut slowest = Duration::ZERO;
    for _ in 0..n {
        let (id, _) = dispatch(fake, MEMBER, false, "faq", json!([]));
        let sent = fake.dispatched_at(&id).expect("dispatched");
        let body = fake.callback_body(&id).await;
        assert!(
            text(&body).contains("Read the pinned post"),
            "{}",
            text(&body)
        );
        slowest = slowest.max(fake.callbacks_for(&id)[0].at - sent);
    }
    assert!(slowest < Duration::from_secs(1), "a use waited {slowest:?}");
    slowest
}

/// A moderator's add while the database misbehaves: answered within
/// Discord's window; returns (how long, what it said, its token).
async fn add_during_fault(fake: &FakeDiscord, name: &str) -> (Duration, String, String) {
    let (id, token) = dispatch(
        fake,
        MOD_A,
        true,
        "command",
        sub_options(
            "add",
            &[("name", json!(name)), ("response", json!("answer of late"))],
        ),
    );
    let sent = fake.dispatched_at(&id).expect("dispatched");
    let body = fake.callback_body(&id).await;
    let took = fake.callbacks_for(&id)[0].at - sent;
    assert!(
        took < Duration::from_millis(2_800),
        "answered after {took:?}"
    );
    (took, text(&body), token)
}

async fn follow_up_of(fake: &FakeDiscord, token: &str) -> String {
    let path = format!("/api/v10/webhooks/{}/{token}", common::fake_discord::APP_ID);
    let requests = fake
        .wait_for("the follow-up", Duration::from_secs(30), |r| {
            r.iter().any(|x| x.method == "POST" && x.path == path)
        })
        .await;
    requests
        .iter()
        .find(|x| x.method == "POST" && x.path == path)
        .map(|x| x.body["embeds"].to_string())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_commit_waiting_for_an_absent_standby_is_told_and_caught_up_when_it_lands() {
    let Some(pg) = Postgres::start("sync_standby").await else {
        return;
    };
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(
        &fake,
        &[
            ("MISSIONBOT_DATABASE_URL", pg.url.as_str()),
            ("MISSIONBOT_WRITE_GIVE_UP_SECS", "4"),
        ],
    );
    fake.wait_registered().await;
    assert!(text(&add(&fake, MOD_A, "faq", "Read the pinned post").await).contains("Added /faq"));
    // Every COMMIT now waits for a synchronous standby that does not exist.
    let pool = connect(&pg.url).await;
    for sql in [
        "ALTER SYSTEM SET synchronous_standby_names = 'absent_standby'",
        "SELECT pg_reload_conf()",
    ] {
        sqlx::query(sql).execute(&pool).await.expect(sql);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (took, said, token) = add_during_fault(&fake, "late").await;
    eprintln!("an add whose COMMIT waits: answered after {took:?}: {said:.160}");
    assert!(said.contains("Not confirmed yet"), "{said}");
    let slowest = uses_stay_fast(&fake, 10).await;
    eprintln!("10 uses of /faq meanwhile: slowest {slowest:?}");
    let told = follow_up_of(&fake, &token).await;
    eprintln!("follow-up: {told:.200}");
    assert!(told.contains("cannot tell"), "{told}");
    // The standby requirement goes away: the waiting COMMIT lands, and the
    // bot's memory catches up with it by itself.
    for sql in [
        "ALTER SYSTEM RESET synchronous_standby_names",
        "SELECT pg_reload_conf()",
    ] {
        sqlx::query(sql).execute(&pool).await.expect(sql);
    }
    let landed = eventually(Duration::from_secs(25), || async {
        text(&run(&fake, GUILD_ID, MEMBER, false, "late", json!([])).await)
            .contains("answer of late")
    })
    .await;
    assert!(
        landed.is_some(),
        "the late commit never reached the bot's memory"
    );
    eprintln!("the late commit answered {landed:?} after the standby requirement went away");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_frozen_database_never_stalls_answers_and_the_moderator_hears_the_truth() {
    let Some(pg) = Postgres::start("frozen").await else {
        return;
    };
    if !pg.can_restart() {
        eprintln!("SKIPPED a_frozen_database_never_stalls_answers_and_the_moderator_hears_the_truth: not a cluster of the test's own");
        return;
    }
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(
        &fake,
        &[
            ("MISSIONBOT_DATABASE_URL", pg.url.as_str()),
            ("MISSIONBOT_WRITE_GIVE_UP_SECS", "4"),
        ],
    );
    fake.wait_registered().await;
    assert!(text(&add(&fake, MOD_A, "faq", "Read the pinned post").await).contains("Added /faq"));
    pg.freeze();
    let (took, said, token) = add_during_fault(&fake, "hung").await;
    eprintln!("an add with the database frozen: answered after {took:?}: {said:.160}");
    assert!(
        said.contains("Not confirmed yet") || said.contains("Not saved"),
        "{said}"
    );
    let slowest = uses_stay_fast(&fake, 10).await;
    eprintln!("10 uses of /faq meanwhile: slowest {slowest:?}");
    if said.contains("Not confirmed yet") {
        let told = follow_up_of(&fake, &token).await;
        eprintln!("follow-up: {told:.200}");
        assert!(
            told.contains("cannot tell") || told.contains("Not saved"),
            "{told}"
        );
    }
    // A moderator's list reads the last committed state: no waiting either.
    let (id, _) = dispatch(&fake, MOD_A, true, "command", sub_options("list", &[]));
    let sent = fake.dispatched_at(&id).expect("dispatched");
    let listed = text(&fake.callback_body(&id).await);
    let took = fake.callbacks_for(&id)[0].at - sent;
    eprintln!("/command list with the database frozen: {took:?}");
    assert!(listed.contains("/faq"), "{listed}");
    assert!(took < Duration::from_millis(1_500), "{took:?}");
    pg.thaw();
    // Afterwards the bot and the database agree about /hung.
    let pool = connect(&pg.url).await;
    let agreed = eventually(Duration::from_secs(25), || async {
        let stored = stored_names(&pool).await.contains("hung");
        let answered = text(&run(&fake, GUILD_ID, MEMBER, false, "hung", json!([])).await)
            .contains("answer of late");
        stored == answered
    })
    .await;
    assert!(
        agreed.is_some(),
        "the bot and the database disagree about /hung"
    );
}
