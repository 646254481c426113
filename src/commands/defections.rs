//! `/defections [country] [year] [from] [to]`
use super::date_option;
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

pub fn register() -> CreateCommand {
    CreateCommand::new("defections")
        .description("DPRK diplomats who left their posts abroad and defected, with sources")
        .add_option(super::country_option().required(false))
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::Integer,
                "year",
                "Only those who left in this year (or use from/to)",
            )
            .min_int_value(1945)
            .max_int_value(2100),
        )
        .add_option(date_option(
            "from",
            "Only those who left on or after this date: 2016, 2019-09",
        ))
        .add_option(date_option(
            "to",
            "Only those who left on or before this date: 2020, 2023-11",
        ))
}
