//! `/relations [status] [region] [year] [from] [to] [covered_from]`
use super::{choice_option, date_option};
use crate::dataset::RelationStatus;
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

pub fn register() -> CreateCommand {
    let status = choice_option(
        "status",
        "Only relations with this status",
        RelationStatus::ALL
            .iter()
            .map(|s| (s.label(), s.as_str()))
            .chain([("ended (severed or suspended)", "ended")]),
    );
    let region = choice_option(
        "region",
        "Only this region",
        super::missions::REGIONS.iter().map(|r| (*r, *r)),
    );
    CreateCommand::new("relations")
        .description(
            "Countries' diplomatic relations with the DPRK: counted, by status, region and date",
        )
        .add_option(status)
        .add_option(region)
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::Integer,
                "year",
                "Only relations established in this year (or use from/to)",
            )
            .min_int_value(1945)
            .max_int_value(2100),
        )
        .add_option(date_option(
            "from",
            "Only relations established on or after this date: 1970, 1973-04",
        ))
        .add_option(date_option(
            "to",
            "Only relations established on or before this date: 1979, 1992-09",
        ))
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "covered_from",
                "Only countries covering the DPRK from this city (Pyongyang: a resident embassy)",
            )
            .max_length(60),
        )
}
