//! Tests of the library and the binary without a network: data, resolver,
//! answers, rendering, maps, questions, Korean, the CLI.
//!
//! One binary with a module per subject (see `tests/system/` for the bot
//! against a fake Discord and PostgreSQL): each test binary links the whole
//! bot, so fewer binaries build faster.

mod ask;
mod cli;
mod core;
mod heads;
mod korean;
mod layers;
mod locators;
mod map;
mod questions;
mod questions_helper;
mod registry;
mod relations;

/// What the modules share: the harness crate and this binary's own helpers.
mod common {
    pub use missionbot_testkit::spec;

    pub(crate) use crate::questions_helper as questions;

    /// The bot's binary, built by cargo for these tests.
    pub fn bin() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_BIN_EXE_missionbot"))
    }
}
