//! `/record expulsion|mission-status|list|remove`: moderators' news records.
use super::choice_option;
use crate::dataset::{Action, MissionKind, Status};
use serenity::all::{
    CommandOptionType, CreateCommand, CreateCommandOption, InteractionContext, Permissions,
};

fn text(name: &str, description: &str, required: bool, max: u16) -> CreateCommandOption {
    CreateCommandOption::new(CommandOptionType::String, name, description)
        .required(required)
        .max_length(max)
}

pub fn register() -> CreateCommand {
    let sub = |name: &str, description: &str| {
        CreateCommandOption::new(CommandOptionType::SubCommand, name, description)
    };
    let country =
        || text("country", "Country (name, ISO code or capital)", true, 100).set_autocomplete(true);
    let date = || text("date", "When: YYYY-MM-DD, YYYY-MM or YYYY", true, 10);
    let source = || {
        text(
            "source_url",
            "The http(s) link that reports it (required)",
            true,
            512,
        )
    };
    let action = choice_option(
        "action",
        "What was done",
        Action::ALL.iter().map(|a| (a.label(), a.as_str())),
    )
    .required(true);
    let kind = choice_option(
        "kind",
        "Kind of mission",
        MissionKind::ALL.iter().map(|k| (k.label(), k.as_str())),
    )
    .required(true);
    let status = choice_option(
        "status",
        "Its status from that date",
        Status::ALL.iter().map(|s| (s.label(), s.as_str())),
    )
    .required(true);
    CreateCommand::new("record")
        .description(
            "Moderators: record news (an expulsion, a mission opening or closing) with its source",
        )
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .contexts(vec![InteractionContext::Guild])
        .add_option(
            sub(
                "expulsion",
                "Record an expulsion or other measure against DPRK diplomats",
            )
            .add_sub_option(country())
            .add_sub_option(date())
            .add_sub_option(action)
            .add_sub_option(text("trigger", "Why, e.g. missile launch", true, 200))
            .add_sub_option(source())
            .add_sub_option(text("person", "Who (if named)", false, 100))
            .add_sub_option(text("role", "Their role, e.g. ambassador", false, 100)),
        )
        .add_option(
            sub(
                "mission-status",
                "Record that a DPRK mission opened, closed or changed",
            )
            .add_sub_option(country())
            .add_sub_option(text("city", "City of the mission", true, 100))
            .add_sub_option(kind)
            .add_sub_option(status)
            .add_sub_option(date())
            .add_sub_option(source())
            .add_sub_option(text("note", "A short note", false, 300)),
        )
        .add_option(sub("list", "List this server's records"))
        .add_option(sub("remove", "Remove a record").add_sub_option(text(
            "id",
            "The record id, e.g. r3",
            true,
            20,
        )))
}
