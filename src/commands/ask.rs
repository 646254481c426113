//! `/ask question`
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

pub fn register() -> CreateCommand {
    CreateCommand::new("ask")
        .description("Ask a question in plain words")
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "question",
                "e.g. When did Mexico expel the North Korean ambassador?",
            )
            .required(true)
            .max_length(300),
        )
}
