//! `/embassy country`
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

pub fn register() -> CreateCommand {
    CreateCommand::new("embassy")
        .description(
            "The DPRK's mission(s) in a country: status in 2017 and now, ambassador, expulsions",
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "country",
                "Country name, ISO code or capital (typos are fine)",
            )
            .required(true)
            .set_autocomplete(true)
            .max_length(100),
        )
}
