//! `/command add|edit|remove|list|show`: moderators' own commands.
use serenity::all::{
    CommandOptionType, CreateCommand, CreateCommandOption, InteractionContext, Permissions,
};

fn name_option() -> CreateCommandOption {
    CreateCommandOption::new(
        CommandOptionType::String,
        "name",
        "Command name: lower case, no spaces, e.g. faq",
    )
    .required(true)
    .max_length(32)
}

fn text_options(sub: CreateCommandOption, response_required: bool) -> CreateCommandOption {
    sub.add_sub_option(
        CreateCommandOption::new(
            CommandOptionType::String,
            "response",
            "What it answers; {user} {server} {channel} are filled in",
        )
        .required(response_required)
        .max_length(4096),
    )
    .add_sub_option(
        CreateCommandOption::new(
            CommandOptionType::String,
            "description",
            "Shown in Discord's command list (1-100)",
        )
        .max_length(100),
    )
    .add_sub_option(
        CreateCommandOption::new(
            CommandOptionType::String,
            "title",
            "Answer as an embed with this title",
        )
        .max_length(256),
    )
    .add_sub_option(
        CreateCommandOption::new(
            CommandOptionType::String,
            "source_url",
            "Cite this http(s) link (answers as an embed)",
        )
        .max_length(512),
    )
    .add_sub_option(CreateCommandOption::new(
        CommandOptionType::Boolean,
        "ephemeral",
        "Show the answer only to the person who asked",
    ))
}

pub fn register() -> CreateCommand {
    let sub = |name: &str, description: &str| {
        CreateCommandOption::new(CommandOptionType::SubCommand, name, description)
    };
    CreateCommand::new("command")
        .description("Moderators: add, edit, remove and list this server's own commands")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .contexts(vec![InteractionContext::Guild])
        .add_option(text_options(
            sub("add", "Add a command that answers with your text").add_sub_option(name_option()),
            true,
        ))
        .add_option(text_options(
            sub("edit", "Change a command (only the options you give)")
                .add_sub_option(name_option()),
            false,
        ))
        .add_option(sub("remove", "Remove a command").add_sub_option(name_option()))
        .add_option(sub(
            "list",
            "List this server's commands with author, date and uses",
        ))
        .add_option(sub("show", "Show one command's settings").add_sub_option(name_option()))
}
