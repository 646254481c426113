//! `/timeline country [from] [to]`
use super::date_option;
use serenity::all::CreateCommand;

pub fn register() -> CreateCommand {
    CreateCommand::new("timeline")
        .description(
            "One country and the DPRK in date order: relations, missions, ambassadors, expulsions",
        )
        .add_option(super::country_option())
        .add_option(date_option(
            "from",
            "Only from this date: 2017, 2017-09 or 2017-09-07",
        ))
        .add_option(date_option(
            "to",
            "Only up to this date: 2017, 2017-09 or 2017-09-07",
        ))
}
