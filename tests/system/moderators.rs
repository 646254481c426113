//! Moderators' commands and records through the real binary and a fake Discord.

use crate::common;

use common::bot_process::Bot;
use common::fake_discord::{FakeDiscord, GUILD_ID};
use common::guild::{
    add, chile_expulsion, guild_puts, moderate, names, run, text, wait_guild_put, MEMBER, MOD_A,
    MOD_B, OTHER_GUILD,
};
use common::payloads::{self, sub_options};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_adds_faq_a_member_uses_it_and_a_restart_keeps_it() {
    let fake = FakeDiscord::start().await;
    let mut bot = Bot::start(&fake, &[]);
    fake.wait_registered().await;

    let body = add(
        &fake,
        MOD_A,
        "faq",
        "Read the pinned post, {user} (in {channel} on {server}) @everyone <@&123>",
    )
    .await;
    assert_eq!(body["data"]["flags"], 64);
    assert!(text(&body).contains("Added /faq"), "{}", text(&body));
    let put = wait_guild_put(&fake, GUILD_ID, 1).await;
    assert_eq!(names(&put), vec!["faq"]);

    let body = run(&fake, GUILD_ID, MEMBER, false, "faq", json!([])).await;
    let content = body["data"]["content"].as_str().unwrap();
    assert!(
        content.starts_with(
            "Read the pinned post, user201 (in research on Guild 1200000000000000001)"
        ),
        "{content}"
    );
    assert!(
        content.contains("@everyone <@&123>"),
        "mentions are kept as text"
    );
    assert_eq!(body["data"]["allowed_mentions"]["parse"], json!([]));

    // The same command is unknown in another guild.
    let body = run(&fake, OTHER_GUILD, MEMBER, false, "faq", json!([])).await;
    assert_eq!(body["data"]["flags"], 64);

    // A restart on the same state keeps /faq and registers it again.
    let state_dir = bot.state_dir.clone();
    let file = state_dir.join(format!("guild-{GUILD_ID}.json"));
    // Uses are counted in memory (answering never waits for a disk write)
    // and written at shutdown at the latest.
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("\"uses\": 0"),
        "a use must not rewrite the file on the answer's path"
    );
    let (status, _) = bot.terminate();
    assert!(status.success());
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("\"uses\": 1"),
        "the use was not written at shutdown"
    );
    let keep = tempfile::TempDir::new().unwrap();
    let copy = keep.path().join("state");
    std::fs::create_dir(&copy).unwrap();
    for e in std::fs::read_dir(&state_dir).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), copy.join(e.file_name())).unwrap();
    }
    let fake2 = FakeDiscord::start().await;
    let _bot2 = Bot::start_with_state(&fake2, &copy, &[]);
    let put = wait_guild_put(&fake2, GUILD_ID, 1).await;
    assert_eq!(names(&put), vec!["faq"]);
    let body = run(&fake2, GUILD_ID, MEMBER, false, "faq", json!([])).await;
    assert!(body["data"]["content"]
        .as_str()
        .unwrap()
        .starts_with("Read the pinned post"));
    let body = run(
        &fake2,
        GUILD_ID,
        MOD_A,
        true,
        "command",
        sub_options("list", &[]),
    )
    .await;
    // One use before the restart (counted durably), one after.
    assert!(
        text(&body).contains("/faq") && text(&body).contains("2 uses"),
        "{}",
        text(&body)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn non_moderators_cannot_add_edit_or_remove() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, &[]);
    fake.wait_registered().await;
    for sub in ["add", "edit", "remove"] {
        let body = run(
            &fake,
            GUILD_ID,
            MEMBER,
            false,
            "command",
            sub_options(sub, &[("name", json!("faq")), ("response", json!("x"))]),
        )
        .await;
        assert_eq!(body["data"]["flags"], 64);
        assert!(text(&body).contains("Moderators only"), "{}", text(&body));
    }
    let body = run(
        &fake,
        GUILD_ID,
        MEMBER,
        false,
        "record",
        sub_options("list", &[]),
    )
    .await;
    assert!(text(&body).contains("Moderators only"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        guild_puts(&fake, GUILD_ID).is_empty(),
        "a refused change registered commands"
    );

    // The moderator role, when configured, also makes a moderator.
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, &[("MISSIONBOT_MOD_ROLE_ID", "1600000000000000001")]);
    fake.wait_registered().await;
    let (id, mut payload) = payloads::guild_command(
        "command",
        sub_options(
            "add",
            &[("name", json!("rules")), ("response", json!("Be kind"))],
        ),
        GUILD_ID,
        MEMBER,
        false,
    );
    payload["member"]["roles"] = json!(["1600000000000000001"]);
    fake.dispatch("INTERACTION_CREATE", payload);
    assert!(text(&fake.callback_body(&id).await).contains("Added /rules"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_and_remove_update_the_guild_registration() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, &[]);
    fake.wait_registered().await;
    add(&fake, MOD_A, "faq", "old").await;
    wait_guild_put(&fake, GUILD_ID, 1).await;
    let body = run(
        &fake,
        GUILD_ID,
        MOD_B,
        true,
        "command",
        sub_options(
            "edit",
            &[
                ("name", json!("faq")),
                ("description", json!("Frequently asked")),
                ("title", json!("FAQ")),
                ("source_url", json!("https://example.org/faq")),
            ],
        ),
    )
    .await;
    assert!(text(&body).contains("Changed /faq"), "{}", text(&body));
    let put = wait_guild_put(&fake, GUILD_ID, 2).await;
    assert_eq!(put.body[0]["description"], "Frequently asked");
    let body = run(&fake, GUILD_ID, MEMBER, false, "faq", json!([])).await;
    assert_eq!(body["data"]["embeds"][0]["title"], "FAQ");
    assert_eq!(body["data"]["embeds"][0]["url"], "https://example.org/faq");
    let body = moderate(&fake, "command", "show", &[("name", json!("faq"))]).await;
    assert!(text(&body).contains("old") && text(&body).contains("Frequently asked"));
    moderate(&fake, "command", "remove", &[("name", json!("faq"))]).await;
    let put = wait_guild_put(&fake, GUILD_ID, 3).await;
    assert!(names(&put).is_empty());
    let body = run(&fake, GUILD_ID, MEMBER, false, "faq", json!([])).await;
    assert_eq!(body["data"]["flags"], 64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_input_is_refused_with_what_to_change() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, &[]);
    fake.wait_registered().await;
    let cases: Vec<(Vec<(&str, Value)>, &str)> = vec![
        (
            vec![("name", json!("Has Space")), ("response", json!("x"))],
            "not a valid command name",
        ),
        (
            vec![("name", json!("FAQ")), ("response", json!("x"))],
            "lower case",
        ),
        (
            vec![("name", json!("embassy")), ("response", json!("x"))],
            "built-in",
        ),
        (
            vec![
                ("name", json!("long")),
                ("response", json!("x".repeat(2001))),
            ],
            "limit is 2000",
        ),
        (
            vec![
                ("name", json!("d")),
                ("response", json!("x")),
                ("description", json!("d".repeat(101))),
            ],
            "1-100",
        ),
        (
            vec![
                ("name", json!("js")),
                ("response", json!("x")),
                ("source_url", json!("javascript:alert(1)")),
            ],
            "not a web link",
        ),
    ];
    for (options, expected) in cases {
        let body = run(
            &fake,
            GUILD_ID,
            MOD_A,
            true,
            "command",
            sub_options("add", &options),
        )
        .await;
        assert_eq!(body["data"]["flags"], 64);
        assert!(
            text(&body).contains(expected),
            "{expected}: {}",
            text(&body)
        );
    }
    add(&fake, MOD_A, "dup", "x").await;
    let body = add(&fake, MOD_B, "dup", "y").await;
    assert!(text(&body).contains("already exists"));
    let body = moderate(
        &fake,
        "record",
        "expulsion",
        &[
            ("country", json!("Chile")),
            ("date", json!("2026-11-01")),
            ("action", json!("expelled")),
            ("trigger", json!("x")),
            ("source_url", json!("ftp://x.org")),
        ],
    )
    .await;
    assert!(text(&body).contains("not a web link"), "{}", text(&body));
    let body = moderate(
        &fake,
        "record",
        "expulsion",
        &[
            ("country", json!("Atlantis")),
            ("date", json!("2026-11-01")),
            ("action", json!("expelled")),
            ("trigger", json!("x")),
            ("source_url", json!("https://x.org/a")),
        ],
    )
    .await;
    assert!(text(&body).contains("not a country"), "{}", text(&body));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recorded_expulsion_shows_in_that_guild_only() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, &[]);
    fake.wait_registered().await;
    // Asked before the record exists: the answer kept for this query must not outlive the change.
    let body = run(
        &fake,
        GUILD_ID,
        MEMBER,
        false,
        "expelled",
        payloads::string_options(&[("country", "Chile")]),
    )
    .await;
    assert!(!text(&body).contains("Test Person"));
    let body = moderate(
        &fake,
        "record",
        "expulsion",
        &[
            ("country", json!("Chile")),
            ("date", json!("2026-11-20")),
            ("action", json!("expelled")),
            ("trigger", json!("missile launch")),
            ("source_url", json!("https://example.org/chile")),
            ("person", json!("Test Person")),
            ("role", json!("diplomat")),
        ],
    )
    .await;
    assert!(text(&body).contains("Recorded r1"), "{}", text(&body));
    let body = run(
        &fake,
        GUILD_ID,
        MEMBER,
        false,
        "expelled",
        payloads::string_options(&[("country", "Chile")]),
    )
    .await;
    let t = text(&body);
    assert!(
        t.contains("Test Person")
            && t.contains("recorded by user101 on")
            && t.contains("https://example.org/chile"),
        "{t}"
    );
    let body = run(
        &fake,
        GUILD_ID,
        MEMBER,
        false,
        "embassy",
        payloads::string_options(&[("country", "Chile")]),
    )
    .await;
    assert!(text(&body).contains("Test Person"));
    // The server's record is a line of that country's timeline, with its date and link.
    let body = run(
        &fake,
        GUILD_ID,
        MEMBER,
        false,
        "timeline",
        payloads::string_options(&[("country", "Chile")]),
    )
    .await;
    let t = text(&body);
    assert!(
        t.contains("20 November 2026")
            && t.contains("Test Person")
            && t.contains("https://example.org/chile"),
        "{t}"
    );
    let body = run(
        &fake,
        OTHER_GUILD,
        MEMBER,
        false,
        "expelled",
        payloads::string_options(&[("country", "Chile")]),
    )
    .await;
    assert!(
        !text(&body).contains("Test Person"),
        "leaked into another guild"
    );

    let body = moderate(
        &fake,
        "record",
        "mission-status",
        &[
            ("country", json!("Germany")),
            ("city", json!("Berlin")),
            ("kind", json!("embassy")),
            ("status", json!("closed")),
            ("date", json!("2026-11-25")),
            ("source_url", json!("https://example.org/berlin")),
        ],
    )
    .await;
    assert!(text(&body).contains("Recorded r2"));
    let body = run(
        &fake,
        GUILD_ID,
        MEMBER,
        false,
        "embassy",
        payloads::string_options(&[("country", "Germany")]),
    )
    .await;
    let t = text(&body);
    assert!(
        t.contains("closed (25 November 2026)") && t.contains("https://example.org/berlin"),
        "{t}"
    );
    let body = run(
        &fake,
        GUILD_ID,
        MEMBER,
        false,
        "ask",
        payloads::string_options(&[("question", "is the north korean embassy in germany open?")]),
    )
    .await;
    assert!(text(&body).contains("closed (25 November 2026)"));
    moderate(&fake, "record", "remove", &[("id", json!("r2"))]).await;
    let body = run(
        &fake,
        GUILD_ID,
        MEMBER,
        false,
        "embassy",
        payloads::string_options(&[("country", "Germany")]),
    )
    .await;
    assert!(
        !text(&body).contains("25 November 2026") && !text(&body).contains("example.org/berlin")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_adds_from_two_moderators_at_once_are_all_kept() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, &[]);
    fake.wait_registered().await;
    let mut ids = Vec::new();
    for i in 0..50 {
        let user = if i % 2 == 0 { MOD_A } else { MOD_B };
        let (id, payload) = payloads::guild_command(
            "command",
            sub_options(
                "add",
                &[
                    ("name", json!(format!("cmd{i}"))),
                    ("response", json!(format!("answer {i}"))),
                ],
            ),
            GUILD_ID,
            user,
            true,
        );
        ids.push(id);
        fake.dispatch("INTERACTION_CREATE", payload);
    }
    for id in &ids {
        assert!(text(&fake.callback_body(id).await).contains("Added /cmd"));
    }
    let file = bot.state_dir.join(format!("guild-{GUILD_ID}.json"));
    let state: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    let stored: HashSet<&str> = state["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(stored.len(), 50);
    let authors: HashSet<&str> = state["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["author_name"].as_str().unwrap())
        .collect();
    assert_eq!(authors.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_in_a_burst_of_writes_loses_no_acknowledged_change() {
    let rounds = 3;
    let per_round = 60;
    let state = tempfile::tempdir().unwrap();
    let mut acknowledged: HashSet<String> = HashSet::new();
    for round in 0..rounds {
        let fake = FakeDiscord::start().await;
        let mut bot = Bot::start_with_state(&fake, state.path(), &[]);
        fake.wait_registered().await;
        let mut ids = Vec::new();
        for i in 0..per_round {
            let name = format!("r{round}c{i}");
            let (id, payload) =
                payloads::guild_command("record", chile_expulsion(&name), GUILD_ID, MOD_A, true);
            ids.push((id, name));
            fake.dispatch("INTERACTION_CREATE", payload);
        }
        // Kill once some, not all, have been acknowledged.
        fake.wait_for("some acknowledgements", Duration::from_secs(20), |r| {
            r.iter().filter(|x| x.path.ends_with("/callback")).count() >= per_round / 3
        })
        .await;
        bot.kill_hard();
        for (id, name) in &ids {
            let acks = fake.callbacks_for(id);
            if acks
                .iter()
                .any(|a| a.body.to_string().contains("Recorded r"))
            {
                acknowledged.insert(name.clone());
            }
        }
        let file = state.path().join(format!("guild-{GUILD_ID}.json"));
        let stored: Value = serde_json::from_slice(&std::fs::read(&file).unwrap())
            .expect("the state file is never torn");
        let triggers: HashSet<String> = stored["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["trigger"].as_str().unwrap().to_owned())
            .collect();
        let lost: Vec<&String> = acknowledged
            .iter()
            .filter(|n| !triggers.contains(*n))
            .collect();
        assert!(
            lost.is_empty(),
            "round {round}: acknowledged but lost: {lost:?}"
        );
        eprintln!(
            "round {round}: {} acknowledged in total, {} stored, 0 lost",
            acknowledged.len(),
            triggers.len()
        );
    }
    assert!(acknowledged.len() >= rounds * per_round / 3);
}

/// Issue 24's cross-guild leak: a server's first record lands while the
/// same answer (`/embassy country:Chile`) is being made for other servers
/// and DMs, before, during and after the change, round after round. The
/// answer cache is shared by every server without records, so an answer
/// built from one server's view and stored under the shared key would
/// serve that server's record to everyone. None may ever hold it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_servers_first_record_never_reaches_another_server_or_a_dm() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, &[]);
    fake.wait_registered().await;
    let chile = || payloads::string_options(&[("country", "Chile")]);
    let mut elsewhere = Vec::new();
    let mut ask_elsewhere = |fake: &FakeDiscord, n: usize| {
        for i in 0..n {
            let (id, payload) = if i % 2 == 0 {
                payloads::dm_command("embassy", chile())
            } else {
                payloads::guild_command("embassy", chile(), OTHER_GUILD, MEMBER, false)
            };
            fake.dispatch("INTERACTION_CREATE", payload);
            elsewhere.push(id);
        }
    };
    for round in 0..6 {
        let guild = format!("12000000000000010{round:02}");
        let trigger = format!("race round {round}");
        ask_elsewhere(&fake, 8);
        let (record_id, record) =
            payloads::guild_command("record", chile_expulsion(&trigger), &guild, MOD_A, true);
        fake.dispatch("INTERACTION_CREATE", record);
        ask_elsewhere(&fake, 16);
        let saved = text(&fake.callback_body(&record_id).await);
        assert!(saved.contains("Recorded"), "{saved}");
        ask_elsewhere(&fake, 8);
        // The server itself sees its record at once.
        let own = text(&run(&fake, &guild, MEMBER, false, "embassy", chile()).await);
        assert!(own.contains(&trigger), "{own}");
    }
    assert_eq!(elsewhere.len(), 6 * 32);
    for id in &elsewhere {
        let body = fake.callback_body(id).await;
        let t = text(&body);
        assert!(
            !t.contains("race round") && !t.contains("recorded by"),
            "a server's record reached another server or a DM: {t}"
        );
        assert!(t.contains("Chile"), "{t}");
    }
}

/// Issue 24: a moderator whose Discord is in Korean reads refusals in
/// Korean; an English one reads the same refusal in English.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_korean_moderator_is_refused_and_answered_in_korean() {
    let fake = FakeDiscord::start().await;
    let _bot = Bot::start(&fake, &[]);
    fake.wait_registered().await;
    let refused = |locale: &'static str, sub: &'static str, pairs: Vec<(&'static str, Value)>| {
        let fake = &fake;
        async move {
            let (id, mut payload) =
                payloads::guild_command("command", sub_options(sub, &pairs), GUILD_ID, MOD_A, true);
            payload["locale"] = json!(locale);
            fake.dispatch("INTERACTION_CREATE", payload);
            let body = fake.callback_body(&id).await;
            common::spec::assert_valid("CreateMessageInteractionCallbackRequest", &body);
            text(&body)
        }
    };
    let bad_name = || {
        vec![
            ("name", json!("FAQ")),
            ("description", json!("d")),
            ("response", json!("r")),
        ]
    };
    let korean = refused("ko", "add", bad_name()).await;
    assert!(korean.contains("바뀌지 않음"), "{korean}");
    assert!(
        korean.contains("소문자여야 합니다") && korean.contains("faq"),
        "{korean}"
    );
    let english = refused("en-US", "add", bad_name()).await;
    assert!(english.contains("Not changed"), "{english}");
    assert!(english.contains("must be lower case"), "{english}");
    let missing = refused("ko", "remove", vec![("name", json!("nothing-here"))]).await;
    assert!(
        missing.contains("/nothing-here 명령어가 없습니다"),
        "{missing}"
    );
    // Confirmations and lists are in the moderator's language too.
    let added = refused(
        "ko",
        "add",
        vec![("name", json!("faq")), ("response", json!("답"))],
    )
    .await;
    assert!(added.contains("/faq 추가됨"), "{added}");
    assert!(!added.contains("Added"), "{added}");
    let listed = refused("ko", "list", vec![]).await;
    assert!(listed.contains("이 서버의 사용자 명령어 (1개)"), "{listed}");
    assert!(
        !listed.contains(" uses") && !listed.contains("by "),
        "{listed}"
    );
    let removed = refused("ko", "remove", vec![("name", json!("faq"))]).await;
    assert!(removed.contains("/faq 삭제됨"), "{removed}");
}
