//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod bot_process;
pub mod fake_discord;
pub mod guild;
pub mod payloads;
pub mod postgres;
pub mod questions;
pub mod spec;

use std::path::PathBuf;

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_missionbot"))
}

/// The `p` quantile (0.0–1.0) of sorted durations, nearest rank.
pub fn percentile(sorted: &[std::time::Duration], p: f64) -> std::time::Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}
