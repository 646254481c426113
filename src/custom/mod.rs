//! Moderators' own slash commands and news records, per guild, stored durably.
//!
//! `model` is what is stored, `validate` says what a moderator must change,
//! `store` keeps one JSON file per guild with atomic writes, and `overlay`
//! layers a guild's records over the shipped dataset.

pub mod model;
pub mod overlay;
pub mod store;
pub mod validate;

pub use model::{CustomCommand, GuildState, NewsKind, NewsRecord};
pub use store::{FileStore, GuildStore, Store, StoreError};

/// How many custom commands one guild may have (Discord allows 100 guild commands).
pub const MAX_COMMANDS: usize = 100;

/// Fills `{user}`, `{server}` and `{channel}` with plain names.
pub fn fill_placeholders(text: &str, user: &str, server: &str, channel: &str) -> String {
    text.replace("{user}", user)
        .replace("{server}", server)
        .replace("{channel}", channel)
}
