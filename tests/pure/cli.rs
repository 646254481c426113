//! The `missionbot` binary end to end.

use crate::common;

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(common::bin())
        .args(args)
        .env_remove("MISSIONBOT_DATA_DIR")
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// A temporary copy of `data/` to break or change.
fn copy_of_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in missionbot::dataset::FILE_NAMES {
        std::fs::copy(
            format!("{}/data/{f}", env!("CARGO_MANIFEST_DIR")),
            dir.path().join(f),
        )
        .unwrap();
    }
    dir
}

#[test]
fn ask_embassy_with_a_typo_names_madrid_and_the_closure() {
    let (code, out, _) = run(&["ask", "/embassy country:spian"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Madrid") && out.contains("closed (October 2023)") && out.contains("https://"),
        "{out}"
    );
}

#[test]
fn ask_expelled_2017_lists_the_wave() {
    let (code, out, _) = run(&["ask", "/expelled year:2017"]);
    assert_eq!(code, 0);
    for c in ["Mexico", "Peru", "Kuwait", "Spain", "Italy", "Malaysia"] {
        assert!(out.contains(c), "{c} missing");
    }
}

#[test]
fn ask_json_prints_a_body_discord_accepts() {
    let (code, out, _) = run(&["ask", "--json", "/missions"]);
    assert_eq!(code, 0);
    let body: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(body["type"], 4);
    common::spec::assert_valid("CreateMessageInteractionCallbackRequest", &body);
}

#[test]
fn ask_reports_a_bad_command_politely() {
    let (code, out, _) = run(&["ask", "/expelled year:soon"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("year:soon") && out.contains("expected a year"),
        "{out}"
    );
}

#[test]
fn check_data_prints_counts_and_fails_on_a_broken_copy() {
    let (code, out, _) = run(&["check-data"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("missions:    62") && out.contains("embassies open in Sept 2017: 47"),
        "{out}"
    );

    let dir = copy_of_data();
    let (code, _, _) = run(&["check-data", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);

    let cases = [
        (
            "missions.json",
            "\"country\": \"ES\"",
            "\"country\": \"XX\"",
            "field `country`",
            "unknown country code",
        ),
        (
            "expulsions.json",
            "\"date\": \"2017-09-07\"",
            "\"date\": \"2017-13-07\"",
            "field `date`",
            "malformed date",
        ),
        (
            "missions.json",
            "\"kangnam-times-2024-01\"",
            "\"no-such-source\"",
            "field `sources`",
            "unknown source id",
        ),
        (
            "relations.json",
            "\"id\": \"rs\"",
            "\"id\": \"ru\"",
            "field `id`",
            "duplicate id",
        ),
    ];
    for (file, from, to, field, problem) in cases {
        let path = dir.path().join(file);
        let original = std::fs::read_to_string(&path).unwrap();
        assert!(original.contains(from), "{from} not in {file}");
        std::fs::write(&path, original.replacen(from, to, 1)).unwrap();
        let (code, _, err) = run(&["check-data", dir.path().to_str().unwrap()]);
        assert_ne!(code, 0, "{file} broken with {to} should fail");
        assert!(
            err.contains(file)
                && err.contains("record ")
                && err.contains(field)
                && err.contains(problem),
            "{err}"
        );
        std::fs::write(&path, original).unwrap();
    }
    // A record with no source at all.
    let path = dir.path().join("expulsions.json");
    let mut records: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    records[3]["sources"] = serde_json::json!([]);
    std::fs::write(&path, serde_json::to_string(&records).unwrap()).unwrap();
    let (code, _, err) = run(&["check-data", dir.path().to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(
        err.contains("record 3") && err.contains("no source"),
        "{err}"
    );
}

#[test]
fn data_dir_variable_points_at_another_copy() {
    let dir = copy_of_data();
    let path = dir.path().join("missions.json");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"city\": \"Madrid\"", "\"city\": \"Zaragoza\"");
    std::fs::write(&path, text).unwrap();
    let out = Command::new(common::bin())
        .args(["ask", "/embassy country:Spain"])
        .env("MISSIONBOT_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Zaragoza"));
}

#[test]
fn serve_without_a_token_explains_and_fails() {
    let out = Command::new(common::bin())
        .arg("serve")
        .env_remove("DISCORD_TOKEN")
        .env("MISSIONBOT_ENV_FILE", "/nonexistent")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("DISCORD_TOKEN"));
}

#[test]
fn check_data_fails_on_a_fact_without_a_quote_unless_told_to_allow_it() {
    let (code, out, _) = run(&["check-data"]);
    assert_eq!(code, 0, "{out}");
    let line = out
        .lines()
        .find(|l| l.starts_with("facts with a source quote: "))
        .expect("the quote count");
    let numbers: Vec<&str> = line
        .trim_start_matches("facts with a source quote: ")
        .split(" of ")
        .collect();
    assert_eq!(numbers[0], numbers[1], "every fact is quoted: {line}");

    // Drop the quotes of one fact: the check fails and names it.
    let dir = copy_of_data();
    let path = dir.path().join("quotes.json");
    let quotes: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let kept: Vec<_> = quotes
        .into_iter()
        .filter(|q| q["fact"] != "relation:cl")
        .collect();
    std::fs::write(&path, serde_json::to_string(&kept).unwrap()).unwrap();
    let (code, _, err) = run(&["check-data", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("relation:cl"), "{err}");
    let (code, _, _) = run(&[
        "check-data",
        "--allow-unquoted",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
}

/// `missionbot ask … | head -1`: the reader closes the pipe after one line;
/// the bot stops writing quietly, with no panic and a success code.
#[test]
fn a_reader_that_closes_the_pipe_early_is_not_a_crash() {
    use std::io::Read;
    use std::process::Stdio;
    // Every page of these, as text, is far more than a pipe holds (64 KiB),
    // so the bot is still writing when the reader goes.
    for args in [vec!["ask", "/sources"], vec!["ask", "/relations"]] {
        let mut child = Command::new(common::bin())
            .args(&args)
            .env_remove("MISSIONBOT_DATA_DIR")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("binary runs");
        let mut first = [0u8; 16];
        child
            .stdout
            .take()
            .expect("stdout")
            .read_exact(&mut first)
            .expect("some output");
        // The pipe's read end is dropped here, before the bot is done.
        let out = child.wait_with_output().expect("exits");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
    }
}

fn custom_command(name: &str, response: &str) -> missionbot::custom::CustomCommand {
    missionbot::custom::CustomCommand {
        name: name.into(),
        response: response.into(),
        description: "d".into(),
        title: None,
        source_url: None,
        ephemeral: false,
        author_id: 1,
        author_name: "m".into(),
        created_at: "2026-12-01T00:00:00Z".into(),
        updated_at: "2026-12-01T00:00:00Z".into(),
        uses: 0,
        switches: Default::default(),
    }
}

/// Every file of a directory with its bytes (a target's lock file aside).
fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name() != missionbot::custom::files::LOCK_FILE)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn state_copy_never_changes_its_source_and_names_what_it_could_not_copy() {
    let source = tempfile::tempdir().unwrap();
    let store = missionbot::custom::FileStore::open(source.path()).unwrap();
    let state = missionbot::custom::GuildState {
        commands: vec![custom_command("faq", "Read the pinned post")],
        ..Default::default()
    };
    store.save(11, &state).unwrap();
    std::fs::write(source.path().join("guild-22.json"), b"{ damaged").unwrap();
    let before = snapshot(source.path());
    let listing = |dir: &std::path::Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let names_before = listing(source.path());
    let target = tempfile::tempdir().unwrap();
    let (from, to) = (
        source.path().display().to_string(),
        target.path().display().to_string(),
    );
    let (code, out, err) = run(&["state", "copy", "--from", &from, "--to", &to]);
    assert_ne!(code, 0, "a server was not copied: {out}{err}");
    assert!(err.contains("server 22 not copied"), "{err}");
    assert!(out.contains("copied 1 server: 1 custom command"), "{out}");
    assert!(
        snapshot(source.path()) == before,
        "the source's files were changed"
    );
    assert_eq!(
        listing(source.path()),
        names_before,
        "a file was added to the source"
    );

    // A copy onto itself is refused for what it is.
    let (code, _, err) = run(&["state", "copy", "--from", &from, "--to", &from]);
    assert_eq!(code, 2);
    assert!(
        err.contains("the same") && !err.contains("another missionbot"),
        "{err}"
    );
}

#[test]
fn state_copy_into_a_store_in_use_shows_what_would_change_and_needs_replace() {
    let (source, target) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let old = missionbot::custom::GuildState {
        commands: vec![custom_command("faq", "old answer")],
        next_record: 1,
        ..Default::default()
    };
    let newer = missionbot::custom::GuildState {
        commands: vec![
            custom_command("faq", "edited since"),
            custom_command("rules", "Be kind"),
        ],
        next_record: 7,
        ..Default::default()
    };
    missionbot::custom::FileStore::open(source.path())
        .unwrap()
        .save(11, &old)
        .unwrap();
    missionbot::custom::FileStore::open(target.path())
        .unwrap()
        .save(11, &newer)
        .unwrap();
    let (from, to) = (
        source.path().display().to_string(),
        target.path().display().to_string(),
    );
    let held = snapshot(target.path());
    let (code, _, err) = run(&["state", "copy", "--from", &from, "--to", &to]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("server 11: commands 2 → 1 (0 added, 1 changed, 1 removed)")
            && err.contains("nothing was written")
            && err.contains("--replace"),
        "{err}"
    );
    assert!(snapshot(target.path()) == held, "the target was changed");

    let (code, out, err) = run(&["state", "copy", "--from", &from, "--to", &to, "--replace"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("replaced: server 11"), "{out}");
    let now = missionbot::custom::FileStore::open(target.path())
        .unwrap()
        .path_for(11);
    let copied: missionbot::custom::GuildState =
        serde_json::from_slice(&std::fs::read(now).unwrap()).unwrap();
    assert_eq!(copied.commands, old.commands);
    assert_eq!(
        copied.next_record, 7,
        "a record id the target handed out is never reused"
    );
}

#[test]
fn export_writes_every_list_as_csv_and_the_data_as_versioned_json() {
    let data = missionbot::dataset::embedded();
    let read = |text: &str| -> (Vec<String>, Vec<Vec<String>>) {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        (header, rows)
    };
    let heads: usize = data.missions.iter().map(|m| m.heads.len()).sum();
    for (what, count) in [
        ("missions", data.missions.len()),
        ("measures", data.expulsions.len()),
        ("relations", data.relations.len()),
        ("heads", heads),
        ("defections", data.defections.len()),
    ] {
        let (code, out, err) = run(&["export", "--format", "csv", "--what", what]);
        assert_eq!(code, 0, "{err}");
        let (header, rows) = read(&out);
        assert_eq!(rows.len(), count, "--what {what}");
        assert_eq!(header.last().map(String::as_str), Some("source_urls"));
        assert!(
            rows.iter().all(|r| r.len() == header.len()),
            "--what {what}: ragged rows"
        );
    }
    // JSON: the data files themselves, under a format name and a version.
    let (code, out, err) = run(&["export", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let document: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(document["format"], "missionbot-export");
    assert_eq!(document["version"], 1);
    let shipped: serde_json::Value =
        serde_json::from_str(include_str!("../../data/missions.json")).unwrap();
    assert_eq!(document["missions"], shipped);
    for file in missionbot::dataset::FILE_NAMES {
        assert!(
            document.get(file.trim_end_matches(".json")).is_some(),
            "{file}"
        );
    }
    let (_, out, _) = run(&["export", "--format", "json", "--what", "heads"]);
    let document: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(document.get("missions").is_none() && document["heads"].is_array());
    assert!(
        document["sources"].is_array(),
        "sources come along, so every id resolves"
    );
    // CSV holds one list: asked without one, it says which.
    let (code, _, err) = run(&["export", "--format", "csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("--what"), "{err}");
}

#[test]
fn state_export_and_import_move_a_servers_commands_after_a_look_first() {
    let from = tempfile::tempdir().unwrap();
    let to = tempfile::tempdir().unwrap();
    let state = missionbot::custom::GuildState {
        commands: vec![custom_command("faq", "line one\nline two")],
        ..Default::default()
    };
    missionbot::custom::FileStore::open(from.path())
        .unwrap()
        .save(1, &state)
        .unwrap();
    let file = to.path().join("server.json");
    let (code, _, err) = run(&[
        "state",
        "export",
        "--guild",
        "1",
        "--from",
        from.path().to_str().unwrap(),
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let target = to.path().join("state");
    let import = |yes: bool| {
        let mut args = vec![
            "state",
            "import",
            "--guild",
            "2",
            "--to",
            target.to_str().unwrap(),
            file.to_str().unwrap(),
        ];
        if yes {
            args.push("--yes");
        }
        run(&args)
    };
    let (code, out, err) = import(false);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("added [/faq]") && err.contains("--yes"),
        "{out}{err}"
    );
    assert!(
        !target.join("guild-2.json").exists(),
        "nothing changes without --yes"
    );
    let (code, out, err) = import(true);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 added"), "{out}");
    let imported: missionbot::custom::GuildState =
        serde_json::from_slice(&std::fs::read(target.join("guild-2.json")).unwrap()).unwrap();
    assert_eq!(imported.commands[0].response, "line one\nline two");
    assert_eq!(imported.history[0].action, "import");
}
