//! `/missions [region] [kind] [status] [as_of] [closed_in] [closed_from] [closed_to]`
use super::{choice_option, date_option};
use crate::dataset::{MissionKind, Status};
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

/// Regions offered as fixed choices (the answers also accept sub-regions).
pub const REGIONS: &[&str] = &[
    "Africa",
    "Americas",
    "Asia",
    "Europe",
    "Oceania",
    "Middle East",
    "Southeast Asia",
    "Latin America",
];

pub fn register() -> CreateCommand {
    let region = choice_option(
        "region",
        "Only this region",
        REGIONS.iter().map(|r| (*r, *r)),
    );
    let kind = choice_option(
        "kind",
        "Only this kind of mission",
        MissionKind::ALL.iter().map(|k| (k.label(), k.as_str())),
    );
    let status = choice_option(
        "status",
        "Only missions with this status",
        Status::ALL.iter().map(|s| (s.label(), s.as_str())),
    );
    CreateCommand::new("missions")
        .description("DPRK missions abroad by region, kind and status, now or on a past date")
        .add_option(region)
        .add_option(kind)
        .add_option(status)
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "as_of",
                "Status on a date: 2017-09-30, 2023-10, 2017 or today",
            )
            .max_length(10),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::Integer,
                "closed_in",
                "Only missions that closed in this year (or use closed_from/closed_to)",
            )
            .min_int_value(1945)
            .max_int_value(2100),
        )
        .add_option(date_option(
            "closed_from",
            "Only missions closed on or after this date: 2020, 2023-10",
        ))
        .add_option(date_option(
            "closed_to",
            "Only missions closed on or before this date: 2023, 2023-12",
        ))
}
