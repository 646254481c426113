use clap::Parser;
use missionbot::cli::{self, Cli, Command, StateAction};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    let outcome = match args.command {
        Some(Command::Ask {
            line,
            json,
            page,
            lang,
        }) => cli::run_ask(&line, json, page, lang),
        Some(Command::CheckData {
            dir,
            allow_unquoted,
        }) => cli::run_check_data(dir, allow_unquoted),
        Some(Command::Eval { file, quiet, lang }) => missionbot::eval::run(&file, quiet, lang),
        Some(Command::Map {
            out,
            region,
            status,
            as_of,
            lang,
        }) => cli::run_map(&out, region, status, as_of, lang),
        Some(Command::Serve { http }) => cli::run_serve(http),
        None => cli::run_serve(None),
        Some(Command::Register) => cli::run_register(),
        Some(Command::Migrate { database_url }) => cli::run_migrate(database_url),
        Some(Command::Export { format, what, out }) => cli::run_export(format, what, out),
        Some(Command::State {
            action: StateAction::Copy { from, to, replace },
        }) => cli::run_state_copy(&from, &to, replace),
        Some(Command::State {
            action: StateAction::Export { guild, from, out },
        }) => cli::run_state_export(guild, &from, out),
        Some(Command::State {
            action:
                StateAction::Import {
                    guild,
                    to,
                    file,
                    yes,
                },
        }) => cli::run_state_import(guild, &to, &file, yes),
    };
    match outcome {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
