//! `/help`
use serenity::all::CreateCommand;

pub fn register() -> CreateCommand {
    CreateCommand::new("help")
        .description("What missionbot answers, with an example for each command")
}
