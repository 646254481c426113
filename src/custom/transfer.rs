//! A server's commands and records as a file: `/command export`, `/command
//! import` and `missionbot state export|import --guild`. The format is
//! versioned and documented in README ("Moving a server's commands"):
//!
//! ```json
//! {"format": "missionbot-server", "version": 1, "exported_at": "…",
//!  "commands": [ {"name": "faq", "response": "…", …} ], "records": [ … ]}
//! ```
//!
//! An import is checked whole, with the moderators' own rules, before
//! anything changes, and what it would do is said first.

use super::model::{CustomCommand, GuildState, NewsRecord};
use super::validate::{self, Refusal};
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "missionbot-server";
pub const VERSION: u32 = 1;
/// The largest file an import reads (a server's 100 commands of 4,096
/// characters, with room to spare).
pub const FILE_MAX: usize = 1_000_000;

/// A server's commands and records, as exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerFile {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    #[serde(default)]
    pub commands: Vec<CustomCommand>,
    #[serde(default)]
    pub records: Vec<NewsRecord>,
}

/// What an import does, per command and record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub unchanged: Vec<String>,
    pub records_added: usize,
    pub records_present: usize,
}

/// The export of a server's state (switches and history of commands aside
/// from the commands themselves: the history stays with its server).
pub fn export(state: &GuildState, now: &str) -> ServerFile {
    ServerFile {
        format: FORMAT.into(),
        version: VERSION,
        exported_at: now.into(),
        commands: state.commands.clone(),
        records: state.records.clone(),
    }
}

/// Reads and checks a file: its format and version, and every command with
/// the rules `/command add` applies, every record's link.
pub fn read(bytes: &[u8]) -> Result<ServerFile, Refusal> {
    if bytes.len() > FILE_MAX {
        return Err(Refusal::new(
            "refusal.import_too_big",
            &[("max", &FILE_MAX), ("n", &bytes.len())],
        ));
    }
    let file: ServerFile = serde_json::from_slice(bytes).map_err(|e| {
        Refusal::new(
            "refusal.import_unreadable",
            &[("why", &crate::text::truncate_chars(&e.to_string(), 160))],
        )
    })?;
    if file.format != FORMAT || file.version != VERSION {
        return Err(Refusal::new(
            "refusal.import_format",
            &[("format", &FORMAT), ("version", &VERSION)],
        ));
    }
    let mut names = std::collections::BTreeSet::new();
    for c in &file.commands {
        validate::command_name(&c.name)?;
        for alias in &c.switches.aliases {
            validate::command_name(alias)?;
        }
        for name in std::iter::once(&c.name).chain(&c.switches.aliases) {
            if !names.insert(name.clone()) {
                return Err(Refusal::new("refusal.command_exists", &[("name", name)]));
            }
        }
        validate::description(&c.description)?;
        if let Some(t) = &c.title {
            validate::title(t)?;
        }
        if let Some(u) = &c.source_url {
            validate::source_url(u)?;
        }
        validate::response(&c.response, c.is_embed())?;
        for (option, text) in [("response", &c.response), ("description", &c.description)] {
            validate::plain_text(option, text)?;
        }
    }
    for r in &file.records {
        validate::source_url(&r.source_url)?;
    }
    Ok(file)
}

/// What importing `file` into `state` would do.
pub fn plan(state: &GuildState, file: &ServerFile) -> Plan {
    let mut plan = Plan::default();
    for c in &file.commands {
        match state.commands.iter().find(|own| own.name == c.name) {
            None => plan.added.push(c.name.clone()),
            Some(own) if same_command(own, c) => plan.unchanged.push(c.name.clone()),
            Some(_) => plan.changed.push(c.name.clone()),
        }
    }
    for r in &file.records {
        if has_record(state, r) {
            plan.records_present += 1;
        } else {
            plan.records_added += 1;
        }
    }
    plan
}

/// A command equal to another in everything a moderator set (not its uses
/// or dates).
fn same_command(a: &CustomCommand, b: &CustomCommand) -> bool {
    a.response == b.response
        && a.description == b.description
        && a.title == b.title
        && a.source_url == b.source_url
        && a.ephemeral == b.ephemeral
        && a.switches == b.switches
}

fn has_record(state: &GuildState, r: &NewsRecord) -> bool {
    state
        .records
        .iter()
        .any(|own| own.what == r.what && own.source_url == r.source_url)
}

/// Imports `file` into `state` (inside the store's transaction): commands
/// added or replaced (their uses kept), records not already there added
/// under new ids (never reused). Refused whole when the server would pass
/// Discord's 100 commands.
pub fn apply(
    state: &mut GuildState,
    file: &ServerFile,
    now: &str,
    max_commands: usize,
) -> Result<Plan, Refusal> {
    let plan = plan(state, file);
    for c in &file.commands {
        let mut imported = c.clone();
        imported.updated_at = now.to_owned();
        match state.commands.iter_mut().find(|own| own.name == c.name) {
            Some(own) => {
                imported.uses = own.uses;
                *own = imported;
            }
            None => {
                imported.uses = 0;
                state.commands.push(imported);
            }
        }
    }
    // An alias of one command must not be another's name or alias.
    let mut seen = std::collections::BTreeSet::new();
    for c in &state.commands {
        for name in std::iter::once(&c.name).chain(&c.switches.aliases) {
            if !seen.insert(name.clone()) {
                return Err(Refusal::new("refusal.command_exists", &[("name", name)]));
            }
        }
    }
    let registered = state.registered_count();
    if registered > max_commands {
        return Err(Refusal::new(
            "refusal.import_too_many",
            &[("n", &registered), ("max", &max_commands)],
        ));
    }
    for r in &file.records {
        if has_record(state, r) {
            continue;
        }
        state.next_record += 1;
        let mut record = r.clone();
        record.id = format!("r{}", state.next_record);
        state.records.push(record);
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::custom::model::sample_command;

    #[test]
    fn an_export_imported_elsewhere_is_equal_and_a_second_import_changes_nothing() {
        let mut from = GuildState::default();
        from.commands.push(sample_command("faq"));
        let file =
            read(&serde_json::to_vec(&export(&from, "2026-12-05T00:00:00Z")).unwrap()).unwrap();
        let mut to = GuildState::default();
        let plan = apply(&mut to, &file, "now", 100).unwrap();
        assert_eq!(plan.added, ["faq"]);
        assert_eq!(plan_of(&to, &file).unchanged, ["faq"]);
        assert!(same_command(&to.commands[0], &from.commands[0]));
    }

    fn plan_of(state: &GuildState, file: &ServerFile) -> Plan {
        plan(state, file)
    }

    #[test]
    fn a_file_breaking_a_rule_is_refused_whole() {
        let mut state = GuildState::default();
        let mut bad = sample_command("Bad Name");
        bad.response = "x".into();
        state.commands.push(bad);
        let bytes = serde_json::to_vec(&export(&state, "t")).unwrap();
        assert!(read(&bytes).is_err());
        assert!(read(b"{\"format\": \"other\", \"version\": 1, \"exported_at\": \"t\"}").is_err());
        assert!(read(b"not json").is_err());
    }
}
