//! `/map [region] [status] [as_of]`
use super::choice_option;
use super::missions::REGIONS;
use crate::dataset::Status;
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

pub fn register() -> CreateCommand {
    CreateCommand::new("map")
        .description("A map of the DPRK's missions abroad, by status, now or on a past date")
        .add_option(choice_option(
            "region",
            "Only this region",
            REGIONS.iter().map(|r| (*r, *r)),
        ))
        .add_option(choice_option(
            "status",
            "Only missions with this status",
            Status::ALL.iter().map(|s| (s.label(), s.as_str())),
        ))
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "as_of",
                "The network on a date: 2017-09-30, 2023-10, 2017 or today",
            )
            .max_length(10),
        )
}
