//! Slash commands: one module per command with its definition (`register`),
//! plus the option parsing shared by all of them.
//!
//! Definitions follow Discord's rules (lower-case names matching
//! `^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$`, descriptions of 1-100
//! characters) and are usable in guilds and in DMs with the bot.

pub mod ask;
pub mod command;
pub mod defections;
pub mod embassy;
pub mod expelled;
pub mod help;
pub mod map;
pub mod missions;
pub mod record;
pub mod relations;
pub mod sources;
pub mod timeline;

use crate::dataset::Dataset;
use crate::query::{Query, QueryError};
use crate::render::limits;
use serenity::all::{
    AutocompleteChoice, CommandDataOption, CommandDataOptionValue, CommandInteraction,
    CommandOptionType, CreateAutocompleteResponse, CreateCommand, CreateCommandOption,
    InstallationContext, InteractionContext,
};

/// A built-in command: the one place that names it, says what it does for
/// `/help`, and defines it for registration. Dispatch (`is_built_in`),
/// registration (`definitions`), `/help` and the names custom commands may
/// not take all come from [`BUILT_INS`].
///
/// What it does and an example are in the catalogues (`help.<name>.about`,
/// `help.<name>.example`), so `/help` speaks every language.
pub struct BuiltIn {
    pub name: &'static str,
    pub register: fn() -> CreateCommand,
}

/// Every built-in command, in the order `/help` lists them.
pub const BUILT_INS: &[BuiltIn] = &[
    BuiltIn {
        name: "embassy",
        register: embassy::register,
    },
    BuiltIn {
        name: "expelled",
        register: expelled::register,
    },
    BuiltIn {
        name: "missions",
        register: missions::register,
    },
    BuiltIn {
        name: "timeline",
        register: timeline::register,
    },
    BuiltIn {
        name: "defections",
        register: defections::register,
    },
    BuiltIn {
        name: "relations",
        register: relations::register,
    },
    BuiltIn {
        name: "map",
        register: map::register,
    },
    BuiltIn {
        name: "ask",
        register: ask::register,
    },
    BuiltIn {
        name: "sources",
        register: sources::register,
    },
    BuiltIn {
        name: "help",
        register: help::register,
    },
];

/// Whether a command name is one of the built-in commands.
pub fn is_built_in(name: &str) -> bool {
    BUILT_INS.iter().any(|b| b.name == name)
}

/// Every built-in command's definition, for registration.
pub fn definitions() -> Vec<CreateCommand> {
    BUILT_INS
        .iter()
        .map(|b| everywhere((b.register)()))
        .collect()
}

/// The moderators' commands (registered with MANAGE_GUILD as the default permission).
pub fn moderator_definitions() -> Vec<CreateCommand> {
    vec![command::register(), record::register()]
}

/// A sub-command interaction as (sub-command name, its options as text).
pub fn subcommand(command: &CommandInteraction) -> Option<(String, Vec<(String, String)>)> {
    command.data.options.iter().find_map(|o| match &o.value {
        CommandDataOptionValue::SubCommand(options) => {
            Some((o.name.clone(), option_pairs(options)))
        }
        _ => None,
    })
}

/// The JSON body of a bulk registration (`PUT .../commands`).
///
/// serenity writes `default_member_permissions` as a string; Discord's
/// OpenAPI description types it as an integer, so the body is written with
/// the integer, which Discord accepts as well. A set that cannot be
/// written is an error, never an empty list (which would delete every
/// command).
pub fn registration_body(
    definitions: &[CreateCommand],
) -> Result<serde_json::Value, serde_json::Error> {
    let mut body = serde_json::to_value(definitions)?;
    for command in body.as_array_mut().into_iter().flatten() {
        if let Some(p) = command
            .get("default_member_permissions")
            .and_then(|p| p.as_str())
            .and_then(|p| p.parse::<u64>().ok())
        {
            command["default_member_permissions"] = serde_json::Value::from(p);
        }
    }
    crate::i18n::localize_registration(&mut body);
    Ok(body)
}

/// The required `country` option with autocomplete (`/embassy`, `/timeline`).
fn country_option() -> CreateCommandOption {
    CreateCommandOption::new(
        CommandOptionType::String,
        "country",
        "Country name, ISO code or capital (typos are fine)",
    )
    .required(true)
    .set_autocomplete(true)
    .max_length(100)
}

/// A date option (`from`, `to`, `closed_from`...): YYYY, YYYY-MM or YYYY-MM-DD.
fn date_option(name: &str, description: &str) -> CreateCommandOption {
    CreateCommandOption::new(CommandOptionType::String, name, description)
        .min_length(4)
        .max_length(10)
}

/// A string option offering fixed choices, as (label shown, value sent).
fn choice_option<'a>(
    name: &str,
    description: &str,
    choices: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> CreateCommandOption {
    choices.into_iter().fold(
        CreateCommandOption::new(CommandOptionType::String, name, description),
        |option, (label, value)| option.add_string_choice(label, value),
    )
}

/// Usable in servers and in DMs with the bot.
fn everywhere(command: CreateCommand) -> CreateCommand {
    command
        .integration_types(vec![InstallationContext::Guild])
        .contexts(vec![InteractionContext::Guild, InteractionContext::BotDm])
}

/// Option values as (name, text), whatever their Discord type.
fn option_pairs(options: &[CommandDataOption]) -> Vec<(String, String)> {
    options
        .iter()
        .filter_map(|o| {
            let text = match &o.value {
                CommandDataOptionValue::String(s) => s.clone(),
                CommandDataOptionValue::Integer(i) => i.to_string(),
                CommandDataOptionValue::Number(n) => n.to_string(),
                CommandDataOptionValue::Boolean(b) => b.to_string(),
                CommandDataOptionValue::Autocomplete { value, .. } => value.clone(),
                _ => return None,
            };
            Some((o.name.clone(), text))
        })
        .collect()
}

/// The map a `/map` interaction asks for.
pub fn map_query_from_interaction(
    command: &CommandInteraction,
) -> Result<crate::map::MapQuery, QueryError> {
    let options = option_pairs(&command.data.options);
    let get = |n: &str| {
        options
            .iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.as_str())
    };
    crate::map::MapQuery::from_options(
        get("region").map(str::to_owned),
        get("status"),
        get("as_of"),
    )
}

/// The answer to a built-in command as the bot sends it (before any image
/// is attached): the reply and the canonical query line for page buttons.
pub fn answer_command(
    data: &Dataset,
    command: &CommandInteraction,
) -> Result<(crate::reply::Reply, Query), QueryError> {
    let query = query_from_interaction(command)?;
    let reply = crate::answers::answer_in(data, &query, interaction_lang(command));
    let canonical = reply.canonical.clone().unwrap_or(query);
    Ok((reply, canonical))
}

/// The language of the person who ran a command: their Discord client's
/// locale when a catalogue speaks it, English otherwise.
pub fn interaction_lang(command: &CommandInteraction) -> crate::i18n::Lang {
    crate::i18n::Lang::from_locale(&command.locale)
}

/// The complete callback body for a built-in command or an autocomplete,
/// from the interaction as received: the bot's whole answering path
/// without the network (used by the benchmarks).
pub fn callback_for(
    data: &Dataset,
    interaction: &serenity::all::Interaction,
) -> Option<serenity::all::CreateInteractionResponse> {
    use serenity::all::{CreateInteractionResponse, Interaction};
    let response = match interaction {
        Interaction::Command(c) => match answer_command(data, c) {
            Ok((reply, query)) => {
                crate::render::interaction_response(&reply, 0, Some(&query.to_string()))
            }
            Err(e) => crate::render::interaction_response(
                &crate::reply::Reply::problem(
                    interaction_lang(c).text("problem.not_run.title"),
                    e.describe(interaction_lang(c)),
                ),
                0,
                None,
            ),
        },
        Interaction::Autocomplete(c) => {
            CreateInteractionResponse::Autocomplete(autocomplete(data, c))
        }
        _ => return None,
    };
    Some(response)
}

/// The query a slash-command interaction asks for.
pub fn query_from_interaction(command: &CommandInteraction) -> Result<Query, QueryError> {
    Query::from_options(&command.data.name, &option_pairs(&command.data.options))
}

/// What is typed in the focused option, at the top level or under a
/// sub-command (`/record expulsion country:…`).
fn focused_value(options: &[CommandDataOption]) -> Option<&str> {
    options.iter().find_map(|o| match &o.value {
        CommandDataOptionValue::Autocomplete { value, .. } => Some(value.as_str()),
        CommandDataOptionValue::SubCommand(inner)
        | CommandDataOptionValue::SubCommandGroup(inner) => focused_value(inner),
        _ => None,
    })
}

/// Up to 25 countries for the option being typed (autocomplete).
pub fn autocomplete(data: &Dataset, command: &CommandInteraction) -> CreateAutocompleteResponse {
    let typed = focused_value(&command.data.options).unwrap_or("");
    let lang = interaction_lang(command);
    // Shown in the user's language; the value sent back stays the English
    // name, which every answer and cached query resolves the same way.
    let choices = data
        .suggest_countries(typed, limits::CHOICES)
        .into_iter()
        .map(|c| {
            let shown = crate::text::truncate_chars(c.name_in(lang), limits::CHOICE_NAME);
            let value = crate::text::truncate_chars(&c.name, limits::CHOICE_NAME);
            AutocompleteChoice::new(shown, value)
        })
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}
