//! Checks on what moderators type, each failure saying what to change.

use super::MAX_COMMANDS;
use crate::i18n::Lang;
use crate::spec;
use once_cell::sync::Lazy;
use regex::Regex;
use std::fmt::Display;

/// A moderator's change refused, with what to change: a catalogue key and
/// its values, so the moderator reads it in their own language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    key: &'static str,
    args: Vec<(&'static str, String)>,
}

impl Refusal {
    pub fn new(key: &'static str, args: &[(&'static str, &dyn Display)]) -> Self {
        Refusal {
            key,
            args: args.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        }
    }

    /// The catalogue key: which refusal this is, whatever the language.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// What the moderator reads, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let args: Vec<(&str, &dyn Display)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, v as &dyn Display))
            .collect();
        lang.fill(self.key, &args)
    }
}

/// Something the moderators of a server are told once (what the bot set
/// aside at start): the same typed message, read in each one's language.
pub type Notice = Refusal;

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::ENGLISH))
    }
}

/// Discord's rule for command names (lower case is checked separately).
static NAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$").expect("valid regex")
});

/// A plain (non-embed) response is a message: Discord's 2,000 characters.
pub const RESPONSE_MAX: usize = 2000;
/// An embed response: the option's own limit ([`spec::RESPONSE_MAX`]).
pub const EMBED_RESPONSE_MAX: usize = spec::RESPONSE_MAX as usize;
pub const TITLE_MAX: usize = spec::TITLE_MAX as usize;
const DESCRIPTION_MAX: usize = spec::DESCRIPTION_MAX as usize;
const URL_MAX: usize = spec::URL_MAX as usize;

/// Text a moderator gives may hold line breaks and tabs but no other
/// control character: a NUL, for one, cannot be stored in PostgreSQL, and
/// both stores take the same text (so the same refusal, whichever is used).
pub fn plain_text(option: &str, text: &str) -> Result<(), Refusal> {
    match text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        Some(c) => Err(Refusal::new(
            "refusal.control_character",
            &[
                ("option", &option),
                ("code", &format!("U+{:04X}", u32::from(c))),
            ],
        )),
        None => Ok(()),
    }
}

pub fn command_name(name: &str) -> Result<(), Refusal> {
    if !NAME.is_match(name) {
        let shown = crate::text::truncate_chars(name, 40);
        return Err(Refusal::new(
            "refusal.bad_command_name",
            &[("name", &shown)],
        ));
    }
    if name.to_lowercase() != name {
        return Err(Refusal::new(
            "refusal.name_lower_case",
            &[("name", &name), ("lower", &name.to_lowercase())],
        ));
    }
    if spec::is_reserved(name) {
        return Err(Refusal::new("refusal.name_built_in", &[("name", &name)]));
    }
    Ok(())
}

pub fn description(text: &str) -> Result<(), Refusal> {
    let n = text.chars().count();
    if n == 0 || n > DESCRIPTION_MAX || text.trim().is_empty() {
        return Err(Refusal::new("refusal.description_length", &[("n", &n)]));
    }
    Ok(())
}

pub fn response(text: &str, embed: bool) -> Result<(), Refusal> {
    let max = if embed {
        EMBED_RESPONSE_MAX
    } else {
        RESPONSE_MAX
    };
    let n = text.chars().count();
    if text.trim().is_empty() {
        return Err(Refusal::new("refusal.response_empty", &[]));
    }
    if n > max {
        let key = if embed {
            "refusal.response_too_long"
        } else {
            "refusal.response_too_long_plain"
        };
        return Err(Refusal::new(key, &[("n", &n), ("max", &max)]));
    }
    Ok(())
}

pub fn title(text: &str) -> Result<(), Refusal> {
    let n = text.chars().count();
    if n == 0 || n > TITLE_MAX {
        return Err(Refusal::new(
            "refusal.title_length",
            &[("max", &TITLE_MAX), ("n", &n)],
        ));
    }
    Ok(())
}

/// Only absolute http(s) links with a host, no spaces or control characters.
pub fn source_url(url: &str) -> Result<(), Refusal> {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    let host = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
    let host_ok = host.is_some_and(|h| {
        h.contains('.')
            && !h.starts_with('.')
            && !h.ends_with('.')
            && h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
    });
    let clean = trimmed.len() <= URL_MAX
        && !trimmed.contains(|c: char| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"')
        });
    if host_ok && clean {
        Ok(())
    } else {
        let shown = crate::text::truncate_chars(url, 60);
        Err(Refusal::new("refusal.not_a_link", &[("url", &shown)]))
    }
}

/// Whether a guild with `existing` custom commands may have one more, when
/// it may have at most `max` (Discord's 100 per guild, less the bot's own
/// commands when those are registered in the same guild).
pub fn room_for_another(existing: usize, max: usize) -> Result<(), Refusal> {
    if existing >= max {
        return Err(if max < MAX_COMMANDS {
            Refusal::new(
                "refusal.server_full_shared",
                &[
                    ("existing", &existing),
                    ("all", &MAX_COMMANDS),
                    ("own", &(MAX_COMMANDS - max)),
                ],
            )
        } else {
            Refusal::new("refusal.server_full", &[("existing", &existing)])
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_discords_rule() {
        for good in ["faq", "pinned-post", "문의", "नमस्ते", "a_b", "x1"] {
            assert!(command_name(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "FAQ",
            "has space",
            "a".repeat(33).as_str(),
            "embassy",
            "command",
            "emoji🙂",
            "@everyone",
        ] {
            assert!(command_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_web_links_are_sources() {
        assert!(source_url("https://www.nknews.org/2024/01/x").is_ok());
        assert!(source_url("http://example.org").is_ok());
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT://x.y",
            "ftp://x.org",
            "https://",
            "https://nohost",
            "data:text/html,x",
            "https://a.org/ b",
        ] {
            assert!(source_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lengths_are_checked() {
        assert!(
            description("").is_err()
                && description(&"d".repeat(101)).is_err()
                && description("ok").is_ok()
        );
        assert!(response(&"r".repeat(2001), false).is_err());
        assert!(response(&"r".repeat(2001), true).is_ok());
        assert!(response(&"r".repeat(4097), true).is_err());
        assert!(room_for_another(100, 100).is_err() && room_for_another(99, 100).is_ok());
        let refusal = room_for_another(90, 90).unwrap_err().to_string();
        assert!(
            refusal.contains("10 of them are the bot's own"),
            "{refusal}"
        );
    }
}
