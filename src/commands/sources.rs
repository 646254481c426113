//! `/sources [country]`
use serenity::all::CreateCommand;

pub fn register() -> CreateCommand {
    let country = super::country_option().required(false);
    CreateCommand::new("sources")
        .description(
            "Every source the data cites, or one country's facts with their sources' words",
        )
        .add_option(country)
}
