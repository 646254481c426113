//! The test harness of missionbot, compiled once for every test binary:
//! a fake Discord (REST, gateway websocket, recorded requests), throwaway
//! PostgreSQL clusters, Discord's OpenAPI validator and payload builders.
//!
//! It knows nothing of the bot's code: the tests drive the real binary or
//! the library, and this crate stands in for the world around them.

pub mod fake_discord;
pub mod guild;
pub mod payloads;
pub mod postgres;
pub mod spec;

use std::path::PathBuf;

/// A file under the package's `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
}

/// The `p` quantile (0.0–1.0) of sorted durations, nearest rank.
pub fn percentile(sorted: &[std::time::Duration], p: f64) -> std::time::Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}
