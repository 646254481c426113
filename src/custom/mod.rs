//! Moderators' own slash commands and news records, per guild, stored durably.
//!
//! `model` is what is stored, `validate` says what a moderator must change,
//! `store` is the in-memory copy over a [`Store`]: `files` (one JSON file
//! per guild, one process; the default) or `postgres` (shared by several
//! processes). `overlay` layers a guild's records over the shipped dataset.

pub mod files;
pub mod migrations;
pub mod model;
pub mod overlay;
pub mod postgres;
pub mod store;
pub mod transfer;
pub mod validate;

pub use files::FileStore;
pub use model::{
    Cooldown, CustomCommand, Follow, GuildState, HistoryEntry, NewsKind, NewsRecord, QueuedAlert,
    Report, Switches,
};
pub use postgres::PgStore;
pub use store::{GuildStore, Store, StoreError, StoreEvent};

/// How many custom commands one guild may have (Discord allows 100 guild commands).
pub const MAX_COMMANDS: usize = 100;

/// Fills `{user}`, `{server}` and `{channel}` with plain names, in one
/// pass (a name that contains `{server}` is not expanded again), with the
/// names' markdown escaped so a nickname cannot become a link or a header.
pub fn fill_placeholders(text: &str, user: &str, server: &str, channel: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let filled = [
            ("{user}", user),
            ("{server}", server),
            ("{channel}", channel),
        ]
        .into_iter()
        .find(|(key, _)| tail.starts_with(key));
        match filled {
            Some((key, name)) => {
                out.push_str(&escape_markdown(name));
                rest = &tail[key.len()..];
            }
            None => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A name shown as plain text: every character Discord reads as markdown
/// (emphasis, links, headers, quotes, code, spoilers, mentions, links'
/// "://") is escaped with a backslash.
pub fn escape_markdown(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(
            c,
            '\\' | '*'
                | '_'
                | '~'
                | '`'
                | '|'
                | '>'
                | '<'
                | '['
                | ']'
                | '('
                | ')'
                | '#'
                | '-'
                | '@'
                | ':'
                | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_once_and_names_cannot_format() {
        let text = fill_placeholders(
            "Hi {user} of {server} in {channel} {unknown}",
            "[click](https://evil.example) {server}",
            "# Big",
            "general",
        );
        assert_eq!(
            text,
            "Hi \\[click\\]\\(https\\:\\/\\/evil.example\\) {server} of \\# Big in general {unknown}"
                .replace("\\/", "/")
        );
        assert_eq!(fill_placeholders("{{user}}", "a", "b", "c"), "{a}");
        assert_eq!(fill_placeholders("no braces", "a", "b", "c"), "no braces");
        assert_eq!(
            fill_placeholders("ends with {", "a", "b", "c"),
            "ends with {"
        );
    }
}
