//! One registry ([`missionbot::spec::COMMANDS`]) feeds registration,
//! dispatch, `/help`, the names custom commands may not take, the CLI's
//! slash-line grammar and the limits the server checks: these tests read
//! each of them back and compare it with the registry.

use missionbot::custom::validate;
use missionbot::query::{Query, QueryError};
use missionbot::spec::{self, Handler};
use serde_json::Value;

fn registered() -> Vec<Value> {
    let mut all = missionbot::interactions::commands::definitions();
    all.extend(missionbot::interactions::commands::moderator_definitions());
    let body = missionbot::interactions::commands::registration_body(&all).expect("a body");
    body.as_array().expect("a list").clone()
}

fn names(options: &Value) -> Vec<String> {
    options
        .as_array()
        .map(|list| {
            list.iter()
                .map(|o| o["name"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn registration_is_the_registry_command_by_command_and_option_by_option() {
    let registered = registered();
    let wanted: Vec<&str> = spec::COMMANDS.iter().map(|c| c.name).collect();
    let got: Vec<&str> = registered
        .iter()
        .map(|c| c["name"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(got, wanted);
    for (command, spec) in registered.iter().zip(spec::COMMANDS) {
        assert_eq!(command["description"], spec.description, "/{}", spec.name);
        let top: Vec<&str> = spec
            .options
            .iter()
            .map(|o| o.name)
            .chain(spec.subcommands.iter().map(|s| s.name))
            .collect();
        assert_eq!(names(&command["options"]), top, "/{}", spec.name);
        for sub in spec.subcommands {
            let registered_sub = command["options"]
                .as_array()
                .and_then(|l| l.iter().find(|o| o["name"] == sub.name))
                .expect("the sub-command is registered");
            let wanted: Vec<&str> = sub.options.iter().map(|o| o.name).collect();
            assert_eq!(
                names(&registered_sub["options"]),
                wanted,
                "/{} {}",
                spec.name,
                sub.name
            );
        }
        // Every text limit Discord enforces is the one the registry declares.
        let all_options = command["options"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|o| std::iter::once(o).chain(o["options"].as_array().into_iter().flatten()));
        for option in all_options {
            let Some(max) = option["max_length"].as_u64() else {
                continue;
            };
            let name = option["name"].as_str().unwrap_or("");
            assert_eq!(
                spec::max_chars(spec.name, name),
                Some(max as usize),
                "/{} {name}: registered max_length {max}",
                spec.name
            );
        }
        let moderators = command["default_member_permissions"].is_number();
        assert_eq!(
            moderators,
            spec.handler == Handler::Moderator,
            "/{}",
            spec.name
        );
    }
}

#[test]
fn help_lists_the_registry_and_only_its_answering_commands() {
    let help = missionbot::answers::help(missionbot::i18n::Lang::ENGLISH);
    let listed: Vec<String> = help.fields.iter().map(|f| f.name.clone()).collect();
    let wanted: Vec<String> = spec::COMMANDS
        .iter()
        .filter(|c| c.handler != Handler::Moderator)
        .map(|c| {
            if c.is_slash() {
                format!("/{}", c.name)
            } else {
                format!("Apps → {}", c.name)
            }
        })
        .collect();
    assert_eq!(listed, wanted);
}

#[test]
fn no_custom_command_may_take_a_registered_name() {
    for command in spec::COMMANDS {
        let refused = validate::command_name(command.name).expect_err(command.name);
        // A message command's name ("Ask missionbot") is no slash name at
        // all: refused for its form before its name is looked at.
        if command.is_slash() {
            assert_eq!(refused.key(), "refusal.name_built_in", "/{}", command.name);
        }
    }
    assert!(validate::command_name("faq").is_ok());
}

#[test]
fn the_cli_grammar_is_the_registrys_for_every_answering_command() {
    for command in spec::COMMANDS.iter().filter(|c| c.is_slash()) {
        let bare = Query::parse_line(&format!("/{}", command.name));
        if command.handler != Handler::Answer {
            assert!(
                matches!(bare, Err(QueryError::UnknownCommand(_))),
                "/{} is no answer a line can ask for: {bare:?}",
                command.name
            );
            continue;
        }
        assert!(
            !matches!(bare, Err(QueryError::UnknownCommand(_))),
            "/{}: {bare:?}",
            command.name
        );
        for option in command.options {
            let line = format!("/{} {}:x", command.name, option.name);
            let parsed = Query::parse_line(&line);
            assert!(
                !matches!(parsed, Err(QueryError::UnknownOption { .. })),
                "{line}: {parsed:?}"
            );
        }
        // A bare value fills the first option, as the registry orders them.
        if let Some(first) = command.options.first() {
            let line = format!("/{} nope:x", command.name);
            match Query::parse_line(&line) {
                Err(QueryError::UnknownOption { known, .. }) => {
                    assert!(known.starts_with(first.name), "{line}: {known}")
                }
                other => panic!("{line}: {other:?}"),
            }
        }
    }
}

#[test]
fn the_servers_checks_hold_the_registrys_limits() {
    let title = spec::max_chars("command", "title").expect("a limit");
    assert!(validate::title(&"t".repeat(title)).is_ok());
    assert!(validate::title(&"t".repeat(title + 1)).is_err());
    let description = spec::max_chars("command", "description").expect("a limit");
    assert!(validate::description(&"d".repeat(description)).is_ok());
    assert!(validate::description(&"d".repeat(description + 1)).is_err());
    let response = spec::max_chars("command", "response").expect("a limit");
    assert!(validate::response(&"r".repeat(response), true).is_ok());
    assert!(validate::response(&"r".repeat(response + 1), true).is_err());
    let name = spec::max_chars("command", "name").expect("a limit");
    assert!(validate::command_name(&"n".repeat(name)).is_ok());
    assert!(validate::command_name(&"n".repeat(name + 1)).is_err());
    // The database holds names to the same length.
    let migrations = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations/20261129000001_moderators_state.sql"),
    )
    .expect("the first migration");
    assert!(
        migrations.contains(&format!("char_length(name) BETWEEN 1 AND {name}")),
        "the migration's name CHECK is not {name} characters"
    );
}
