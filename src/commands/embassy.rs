//! `/embassy country [as_of]`
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

pub fn register() -> CreateCommand {
    CreateCommand::new("embassy")
        .description(
            "The DPRK's mission(s) in a country: status in 2017 and now, ambassador, expulsions",
        )
        .add_option(super::country_option())
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "as_of",
                "As the missions stood on a date, with who headed them: 2019, 2017-09-30",
            )
            .max_length(10),
        )
}
