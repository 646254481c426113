//! `/command disable|enable|alias|cooldown`: what a moderator switches on a
//! command without changing its text. Each is a change in the history.

use super::{done, get, history, required, Actor, Refusal};
use crate::custom::{validate, Cooldown, CustomCommand, GuildStore};
use crate::query::OptionValue;
use crate::reply::Reply;

fn flag(options: &[(String, OptionValue)], name: &str) -> bool {
    options
        .iter()
        .any(|(n, v)| n == name && *v == OptionValue::Flag(true))
}

fn seconds(options: &[(String, OptionValue)]) -> Option<Result<u32, Refusal>> {
    let value = options
        .iter()
        .find(|(n, _)| n == "seconds")
        .map(|(_, v)| v)?;
    let n = match value {
        OptionValue::Integer(n) => Some(*n),
        OptionValue::Text(t) => t.trim().parse().ok(),
        _ => None,
    };
    let max = crate::spec::COOLDOWN_MAX;
    Some(
        n.and_then(|n| u32::try_from(n).ok())
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                Refusal::new(
                    "refusal.one_of",
                    &[("option", &"seconds"), ("expected", &format!("1 to {max}"))],
                )
            }),
    )
}

/// Runs one switch on a command; the reply says what it is now.
pub(super) async fn switch(
    store: &GuildStore,
    guild: u64,
    actor: &Actor,
    sub: &str,
    options: &[(String, OptionValue)],
    now: &str,
    max_commands: usize,
) -> Result<Reply, Refusal> {
    let lang = actor.lang;
    let name = required(options, "name")?.trim().to_owned();
    // Checked before the change: what the switch will be.
    let alias = match sub {
        "alias" => {
            let alias = required(options, "alias")?.trim().to_owned();
            if !flag(options, "remove") {
                validate::command_name(&alias)?;
            }
            Some(alias)
        }
        _ => None,
    };
    let cooldown = match sub {
        "cooldown" if flag(options, "off") => None,
        "cooldown" => Some(Cooldown {
            seconds: seconds(options).ok_or_else(|| {
                Refusal::new("refusal.option_required", &[("name", &"seconds")])
            })??,
            per_channel: get(options, "per") == Some("channel"),
        }),
        _ => None,
    };
    let (said, _) = store
        .update(guild, |state| {
            let taken = alias.as_deref().is_some_and(|a| state.name_taken(a));
            let registered = state.registered_count();
            let cmd = state
                .commands
                .iter_mut()
                .find(|c| c.name == name)
                .ok_or_else(|| Refusal::new("refusal.no_command", &[("name", &name)]))?;
            let before = cmd.clone();
            let said = apply(
                cmd,
                sub,
                alias.as_deref(),
                cooldown,
                options,
                taken,
                registered,
                max_commands,
            )?;
            cmd.updated_at = now.to_owned();
            let entry = history::entry(actor, now, sub, cmd, Some(&before), Some(cmd));
            state.remember(entry);
            Ok::<_, Refusal>(said)
        })
        .await?;
    Ok(done(
        lang.fill("switch.title", &[("name", &name)]),
        lang.fill(
            &said.0,
            &said
                .1
                .iter()
                .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
                .collect::<Vec<_>>(),
        ),
    ))
}

/// What a switch says it did: a catalogue key and its values.
type Said = (String, Vec<(&'static str, String)>);

#[allow(clippy::too_many_arguments)]
fn apply(
    cmd: &mut CustomCommand,
    sub: &str,
    alias: Option<&str>,
    cooldown: Option<Cooldown>,
    options: &[(String, OptionValue)],
    alias_taken: bool,
    registered: usize,
    max_commands: usize,
) -> Result<Said, Refusal> {
    let name = cmd.name.clone();
    let said = |key: &str, values: Vec<(&'static str, String)>| Ok((key.to_owned(), values));
    match (sub, alias) {
        ("disable", _) => {
            cmd.switches.disabled = true;
            said("switch.disabled", vec![("name", name)])
        }
        ("enable", _) => {
            cmd.switches.disabled = false;
            said("switch.enabled", vec![("name", name)])
        }
        ("alias", Some(alias)) if flag(options, "remove") => {
            let before = cmd.switches.aliases.len();
            cmd.switches.aliases.retain(|a| a != alias);
            if cmd.switches.aliases.len() == before {
                return Err(Refusal::new(
                    "refusal.no_alias",
                    &[("name", &name), ("alias", &alias)],
                ));
            }
            said(
                "switch.alias_removed",
                vec![("name", name), ("alias", alias.to_owned())],
            )
        }
        ("alias", Some(alias)) => {
            if alias_taken {
                return Err(Refusal::new("refusal.command_exists", &[("name", &alias)]));
            }
            validate::room_for_another(registered, max_commands)?;
            cmd.switches.aliases.push(alias.to_owned());
            said(
                "switch.alias_added",
                vec![("name", name), ("alias", alias.to_owned())],
            )
        }
        ("cooldown", _) => {
            cmd.switches.cooldown = cooldown;
            match cooldown {
                Some(c) => said(
                    if c.per_channel {
                        "switch.cooldown_channel"
                    } else {
                        "switch.cooldown_user"
                    },
                    vec![("name", name), ("seconds", c.seconds.to_string())],
                ),
                None => said("switch.cooldown_off", vec![("name", name)]),
            }
        }
        (other, _) => Err(Refusal::new(
            "refusal.no_subcommand",
            &[("command", &"command"), ("sub", &other)],
        )),
    }
}
