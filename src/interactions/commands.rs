//! Slash commands as Discord sees them: every definition is built from the
//! typed specs in [`crate::spec`], and the options of an interaction are
//! read back by the same specs' names.
//!
//! Definitions follow Discord's rules (lower-case names matching
//! `^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$`, descriptions of 1-100
//! characters). Built-ins are usable in guilds and in DMs with the bot;
//! moderators' commands in guilds only, with Manage Server by default.

use crate::dataset::Dataset;
use crate::query::{OptionValue, Query, QueryError};
use crate::render::limits;
use crate::spec::{self, CommandSpec, Handler, Kind, OptionSpec, SubSpec};
use serenity::all::{
    AuthorizingIntegrationOwner, AuthorizingIntegrationOwners, AutocompleteChoice, ChannelType,
    CommandDataOption, CommandDataOptionValue, CommandInteraction, CommandOptionType, CommandType,
    CreateAutocompleteResponse, CreateCommand, CreateCommandOption, GuildId, InstallationContext,
    InteractionContext, Permissions,
};

/// Built-ins can be installed to a server or to a person's own account
/// (user install, usable wherever that person is).
const EVERY_INSTALL: [InstallationContext; 2] =
    [InstallationContext::Guild, InstallationContext::User];

/// Built-ins answer in servers, in DMs with the bot, and in group DMs and
/// DMs between others (where only a user install reaches).
const EVERYWHERE: [InteractionContext; 3] = [
    InteractionContext::Guild,
    InteractionContext::BotDm,
    InteractionContext::PrivateChannel,
];

/// The server whose records an answer may show: the server the command was
/// run in, but only when the bot is installed there. A person's own
/// install used in a server the bot is not in gets the shipped data: that
/// server's records are not the bot's to see there. (Payloads without the
/// owners, from before Discord sent them, count as a server install.)
pub fn records_guild(
    guild: Option<GuildId>,
    owners: &AuthorizingIntegrationOwners,
) -> Option<GuildId> {
    let guild = guild?;
    if owners.0.is_empty() {
        return Some(guild);
    }
    owners
        .0
        .iter()
        .any(|o| matches!(o, AuthorizingIntegrationOwner::GuildInstall(Some(g)) if *g == guild))
        .then_some(guild)
}

/// Whether a command name is one of the built-in (non-moderator) commands.
pub fn is_built_in(name: &str) -> bool {
    spec::find(name).is_some_and(CommandSpec::in_help)
}

/// Every built-in command's definition, for registration.
pub fn definitions() -> Vec<CreateCommand> {
    spec::COMMANDS
        .iter()
        .filter(|c| c.handler != Handler::Moderator)
        .map(definition)
        .collect()
}

/// The moderators' commands (registered with MANAGE_GUILD as the default permission).
pub fn moderator_definitions() -> Vec<CreateCommand> {
    spec::COMMANDS
        .iter()
        .filter(|c| c.handler == Handler::Moderator)
        .map(definition)
        .collect()
}

/// One command's definition, from its spec.
pub fn definition(spec: &CommandSpec) -> CreateCommand {
    let command = CreateCommand::new(spec.name).description(spec.description);
    let command = spec
        .options
        .iter()
        .fold(command, |c, o| c.add_option(option(o)));
    let command = spec
        .subcommands
        .iter()
        .fold(command, |c, s| c.add_option(subcommand_option(s)));
    match spec.handler {
        Handler::Moderator => command
            .default_member_permissions(Permissions::MANAGE_GUILD)
            .integration_types(vec![InstallationContext::Guild])
            .contexts(vec![InteractionContext::Guild]),
        Handler::Answer | Handler::Map => command
            .integration_types(EVERY_INSTALL.to_vec())
            .contexts(EVERYWHERE.to_vec()),
        Handler::AskMessage => command
            .kind(CommandType::Message)
            .integration_types(EVERY_INSTALL.to_vec())
            .contexts(EVERYWHERE.to_vec()),
    }
}

fn subcommand_option(sub: &SubSpec) -> CreateCommandOption {
    let option = CreateCommandOption::new(CommandOptionType::SubCommand, sub.name, sub.description);
    sub.options
        .iter()
        .fold(option, |s, o| s.add_sub_option(self::option(o)))
}

/// One option's definition: its type, limits and choices from its kind.
fn option(spec: &OptionSpec) -> CreateCommandOption {
    let new = |kind| CreateCommandOption::new(kind, spec.name, spec.description);
    let option = match spec.kind {
        Kind::Text { min, max } => {
            let option = new(CommandOptionType::String);
            let option = match min {
                Some(min) => option.min_length(min),
                None => option,
            };
            option.max_length(max)
        }
        Kind::Country => new(CommandOptionType::String)
            .set_autocomplete(true)
            .max_length(discord_length(spec::COUNTRY_MAX)),
        Kind::Date => new(CommandOptionType::String)
            .min_length(discord_length(spec::DATE_MIN))
            .max_length(discord_length(spec::DATE_MAX)),
        Kind::AsOf => new(CommandOptionType::String).max_length(discord_length(spec::DATE_MAX)),
        Kind::Year => new(CommandOptionType::Integer)
            .min_int_value(spec::YEARS.0 as u64)
            .max_int_value(spec::YEARS.1 as u64),
        Kind::Choice(choices) => choices
            .pairs()
            .into_iter()
            .fold(new(CommandOptionType::String), |o, (label, value)| {
                o.add_string_choice(label, value)
            }),
        Kind::Flag => new(CommandOptionType::Boolean),
        Kind::File => new(CommandOptionType::Attachment),
        Kind::Role => new(CommandOptionType::Role),
        Kind::Number { max } => new(CommandOptionType::Integer)
            .min_int_value(1)
            .max_int_value(u64::from(max)),
        Kind::Channel => new(CommandOptionType::Channel)
            .channel_types(vec![ChannelType::Text, ChannelType::News]),
    };
    if spec.required {
        option.required(true)
    } else {
        option
    }
}

/// A server's own command's definition (guild only).
pub fn custom_definition(cmd: &crate::custom::CustomCommand) -> CreateCommand {
    CreateCommand::new(cmd.name.clone())
        .description(cmd.description.clone())
        .integration_types(vec![InstallationContext::Guild])
        .contexts(vec![InteractionContext::Guild])
}

/// Another name of a server's own command, registered as a command of its
/// own ("Same as /faq: …").
pub fn alias_definition(cmd: &crate::custom::CustomCommand, alias: &str) -> CreateCommand {
    let description = crate::text::truncate_chars(
        &format!("/{}: {}", cmd.name, cmd.description),
        usize::from(spec::DESCRIPTION_MAX),
    );
    CreateCommand::new(alias)
        .description(description)
        .integration_types(vec![InstallationContext::Guild])
        .contexts(vec![InteractionContext::Guild])
}

/// A length as Discord's builders take it (every spec limit fits).
fn discord_length(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A sub-command interaction as (sub-command name, its options).
pub fn subcommand(command: &CommandInteraction) -> Option<(String, Vec<(String, OptionValue)>)> {
    command.data.options.iter().find_map(|o| match &o.value {
        CommandDataOptionValue::SubCommand(options) => {
            Some((o.name.clone(), option_values(options)))
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

/// Option values by name, each as the type Discord sent it.
fn option_values(options: &[CommandDataOption]) -> Vec<(String, OptionValue)> {
    options
        .iter()
        .filter_map(|o| {
            let value = match &o.value {
                CommandDataOptionValue::String(s) => OptionValue::Text(s.clone()),
                CommandDataOptionValue::Integer(i) => OptionValue::Integer(*i),
                CommandDataOptionValue::Boolean(b) => OptionValue::Flag(*b),
                CommandDataOptionValue::Channel(c) => OptionValue::Channel(c.get()),
                CommandDataOptionValue::Role(r) => OptionValue::Role(r.get()),
                CommandDataOptionValue::Autocomplete { value, .. } => {
                    OptionValue::Text(value.clone())
                }
                _ => return None,
            };
            Some((o.name.clone(), value))
        })
        .collect()
}

/// The map a `/map` interaction asks for.
pub fn map_query_from_interaction(
    command: &CommandInteraction,
) -> Result<crate::map::MapQuery, QueryError> {
    let options = option_values(&command.data.options);
    let get = |n: &str| {
        options
            .iter()
            .find(|(k, _)| k == n)
            .and_then(|(_, v)| v.text())
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

/// The language of whoever sent any interaction (English for a ping).
pub fn lang_of(interaction: &serenity::all::Interaction) -> crate::i18n::Lang {
    use serenity::all::Interaction;
    let locale = match interaction {
        Interaction::Command(c) | Interaction::Autocomplete(c) => c.locale.as_str(),
        Interaction::Component(c) => c.locale.as_str(),
        Interaction::Modal(m) => m.locale.as_str(),
        _ => "en-US",
    };
    crate::i18n::Lang::from_locale(locale)
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
                crate::interactions::wire::interaction_response(&reply, 0, Some(&query.to_string()))
            }
            Err(e) => crate::interactions::wire::interaction_response(
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
    Query::from_options(&command.data.name, &option_values(&command.data.options))
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

/// The text of the message an "Ask missionbot" command was chosen on: its
/// content, or, for a link posted alone, its preview's title and
/// description (a news post pasted in a channel).
pub fn target_message_text(command: &CommandInteraction) -> Option<String> {
    let target = command.data.target_id?;
    let message = command
        .data
        .resolved
        .messages
        .get(&serenity::all::MessageId::new(target.get()))?;
    let mut text = message.content.trim().to_owned();
    for embed in &message.embeds {
        for part in [&embed.title, &embed.description].into_iter().flatten() {
            if !text.contains(part.as_str()) {
                text.push('\n');
                text.push_str(part);
            }
        }
    }
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}
