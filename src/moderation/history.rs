//! `/command history [name]` and `/command restore name version`: who
//! changed what and when, and an earlier version brought back. Every add,
//! edit, removal and restore of a command, and every record added or
//! removed, is kept in the server's state (both stores, copied by `state
//! copy`), the last [`crate::custom::model::HISTORY_MAX`] of them.

use super::{done, required, Actor, Refusal};
use crate::custom::{validate, CustomCommand, GuildState, GuildStore, HistoryEntry, NewsRecord};
use crate::i18n::Lang;
use crate::query::OptionValue;
use crate::reply::Reply;
use serde::Serialize;
use serde_json::Value;

fn value_of<T: Serialize>(item: Option<&T>) -> Option<Value> {
    item.and_then(|item| serde_json::to_value(item).ok())
}

/// A change to a command, for the history.
pub(super) fn entry(
    actor: &Actor,
    at: &str,
    action: &str,
    command: &CustomCommand,
    before: Option<&CustomCommand>,
    after: Option<&CustomCommand>,
) -> HistoryEntry {
    change(
        actor,
        at,
        action,
        format!("/{}", command.name),
        before,
        after,
    )
}

/// A record added or removed, for the history.
pub(super) fn record_entry(
    actor: &Actor,
    at: &str,
    action: &str,
    record: &NewsRecord,
    before: Option<&NewsRecord>,
    after: Option<&NewsRecord>,
) -> HistoryEntry {
    change(actor, at, action, record.id.clone(), before, after)
}

fn change<T: Serialize>(
    actor: &Actor,
    at: &str,
    action: &str,
    subject: String,
    before: Option<&T>,
    after: Option<&T>,
) -> HistoryEntry {
    HistoryEntry {
        number: 0,
        at: at.to_owned(),
        by: actor.name.clone(),
        by_id: actor.id,
        action: action.to_owned(),
        subject,
        before: value_of(before),
        after: value_of(after),
    }
}

/// The fields a change touched ("response, title"), bookkeeping left out.
fn changed_fields(entry: &HistoryEntry) -> Vec<String> {
    let (Some(Value::Object(before)), Some(Value::Object(after))) = (&entry.before, &entry.after)
    else {
        return Vec::new();
    };
    after
        .iter()
        .filter(|(key, _)| !matches!(key.as_str(), "updated_at" | "uses"))
        .filter(|(key, value)| before.get(*key) != Some(value))
        .map(|(key, _)| key.clone())
        .collect()
}

/// The server's history, newest first, or one command's.
pub(super) fn list(state: &GuildState, name: Option<&str>, lang: Lang) -> Reply {
    let subject = name.map(|n| format!("/{}", n.trim().trim_start_matches('/')));
    let shown: Vec<&HistoryEntry> = state
        .history
        .iter()
        .rev()
        .filter(|e| subject.as_ref().is_none_or(|s| &e.subject == s))
        .collect();
    let title = match &subject {
        Some(s) => lang.fill("history.title.one", &[("subject", s), ("n", &shown.len())]),
        None => lang.fill("history.title.all", &[("n", &shown.len())]),
    };
    let about = if shown.is_empty() {
        lang.text("history.none")
    } else {
        lang.text("history.about")
    };
    let mut reply = done(title, about);
    for e in shown {
        let fields = changed_fields(e);
        let what = if fields.is_empty() {
            String::new()
        } else {
            format!(
                "\n{}",
                lang.fill("history.fields", &[("fields", &fields.join(", "))])
            )
        };
        reply.push_field(
            lang.fill(
                "history.entry.name",
                &[
                    ("number", &e.number),
                    (
                        "action",
                        &lang.text(&format!("history.action.{}", e.action)),
                    ),
                    ("subject", &e.subject),
                ],
            ),
            format!(
                "{}{what}",
                lang.fill(
                    "history.entry.by",
                    &[
                        ("by", &e.by),
                        ("at", &e.at.chars().take(10).collect::<String>())
                    ]
                )
            ),
            Vec::new(),
        );
    }
    reply
}

fn version_option(options: &[(String, OptionValue)]) -> Result<u64, Refusal> {
    let value = options.iter().find(|(n, _)| n == "version").map(|(_, v)| v);
    let number = match value {
        Some(OptionValue::Integer(n)) => u64::try_from(*n).ok(),
        Some(OptionValue::Text(t)) => t.trim().trim_start_matches('#').parse().ok(),
        _ => None,
    };
    number.ok_or_else(|| Refusal::new("refusal.option_required", &[("name", &"version")]))
}

/// Brings back a command as change `version` left it (for a removal: as
/// it was before), keeping its count of uses; itself a change in the history.
pub(super) async fn restore(
    store: &GuildStore,
    guild: u64,
    actor: &Actor,
    options: &[(String, OptionValue)],
    now: &str,
    max_commands: usize,
) -> Result<Reply, Refusal> {
    let lang = actor.lang;
    let name = required(options, "name")?
        .trim()
        .trim_start_matches('/')
        .to_owned();
    let version = version_option(options)?;
    let subject = format!("/{name}");
    store
        .update(guild, |state| {
            let no_version = || {
                Refusal::new(
                    "refusal.no_version",
                    &[("name", &name), ("version", &version)],
                )
            };
            let entry = state
                .history
                .iter()
                .find(|e| e.number == version && e.subject == subject)
                .ok_or_else(no_version)?;
            let snapshot = entry.after.clone().or_else(|| entry.before.clone());
            let mut restored: CustomCommand = snapshot
                .and_then(|v| serde_json::from_value(v).ok())
                .ok_or_else(no_version)?;
            let current = state.commands.iter().position(|c| c.name == name);
            let before = current.map(|at| state.commands[at].clone());
            restored.uses = before.as_ref().map_or(restored.uses, |c| c.uses);
            restored.updated_at = now.to_owned();
            match current {
                Some(at) => state.commands[at] = restored.clone(),
                None => {
                    validate::room_for_another(state.registered_count(), max_commands)?;
                    state.commands.push(restored.clone());
                }
            }
            let entry = super::history::entry(
                actor,
                now,
                "restore",
                &restored,
                before.as_ref(),
                Some(&restored),
            );
            state.remember(entry);
            Ok::<_, Refusal>(())
        })
        .await?;
    Ok(done(
        lang.fill("history.restored.title", &[("name", &name)]),
        lang.fill("history.restored.text", &[("version", &version)]),
    ))
}
