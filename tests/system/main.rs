//! The real `missionbot` binary against a fake Discord on 127.0.0.1, signed
//! HTTP interactions and throwaway PostgreSQL clusters: registration,
//! commands, moderators, faults, reliability, load.
//!
//! One binary with a module per subject (see `tests/pure/` for the tests
//! without a network): each test binary links the whole bot, so fewer
//! binaries build faster.

mod alerts;
mod bot_process;
mod corrections;
mod discord;
mod faults;
mod http;
mod installs;
mod load;
mod moderator_tools;
mod moderators;
mod postgres;
mod reliability;
mod request_path;
mod soak;

/// What the modules share: the harness crate and this binary's own helpers.
mod common {
    pub use missionbot_testkit::{fake_discord, guild, payloads, percentile, postgres, spec};

    pub(crate) use crate::bot_process;

    /// The bot's binary, built by cargo for these tests.
    pub fn bin() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_BIN_EXE_missionbot"))
    }
}
