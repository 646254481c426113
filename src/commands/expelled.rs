//! `/expelled [country] [year] [from] [to] [region] [reason] [action]`
use super::missions::REGIONS;
use super::{choice_option, date_option};
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
                "Only this year, e.g. 2017 (or use from/to)",
            )
            .min_int_value(1945)
            .max_int_value(2100),
        )
        .add_option(date_option(
            "from",
            "Only from this date: 2015, 2017-09 or 2017-09-07",
        ))
        .add_option(date_option(
            "to",
            "Only up to this date: 1990, 2017-09 or 2017-09-30",
        ))
        .add_option(choice_option(
            "region",
            "Only host countries in this region",
            REGIONS.iter().map(|r| (*r, *r)),
        ))
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
