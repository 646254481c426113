//! `/embassy country`
use serenity::all::CreateCommand;

pub fn register() -> CreateCommand {
    CreateCommand::new("embassy")
        .description(
            "The DPRK's mission(s) in a country: status in 2017 and now, ambassador, expulsions",
        )
        .add_option(super::country_option())
}
