//! `/expelled [country] [year] [reason] [action]`
use super::choice_option;
use crate::dataset::Action;
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

pub fn register() -> CreateCommand {
    let action = choice_option(
        "action",
        "Only this kind of measure",
        Action::ALL.iter().map(|a| (a.label(), a.as_str())),
    );
    CreateCommand::new("expelled")
        .description(
            "Countries that expelled DPRK ambassadors or diplomats, cut staff or severed relations",
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "country", "Only this country")
                .set_autocomplete(true)
                .max_length(100),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::Integer,
                "year",
                "Only this year, e.g. 2017",
            )
            .min_int_value(1945)
            .max_int_value(2100),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "reason",
                "Words in the reason, e.g. smuggling or nuclear test",
            )
            .max_length(100),
        )
        .add_option(action)
}
