//! `/sources`
use serenity::all::CreateCommand;

pub fn register() -> CreateCommand {
    CreateCommand::new("sources").description("Every source the data cites, with links")
}
