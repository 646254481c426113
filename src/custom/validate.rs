//! Checks on what moderators type, each failure saying what to change.

use super::MAX_COMMANDS;
use crate::commands::is_built_in;
use once_cell::sync::Lazy;
use regex::Regex;

/// Discord's rule for command names (lower case is checked separately).
static NAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$").expect("valid regex")
});

/// Names the moderator commands themselves take.
pub const MODERATOR_COMMANDS: &[&str] = &["command", "record"];

pub const RESPONSE_MAX: usize = 2000;
pub const EMBED_RESPONSE_MAX: usize = 4096;
pub const TITLE_MAX: usize = 256;

pub fn command_name(name: &str) -> Result<(), String> {
    if !NAME.is_match(name) {
        return Err(format!(
            "“{}” is not a valid command name: use 1-32 letters, digits, - _ or ' (no spaces)",
            crate::text::truncate_chars(name, 40)
        ));
    }
    if name.to_lowercase() != name {
        return Err(format!(
            "“{name}” must be lower case: try “{}”",
            name.to_lowercase()
        ));
    }
    if is_built_in(name) || MODERATOR_COMMANDS.contains(&name) {
        return Err(format!(
            "/{name} is a built-in command: choose another name"
        ));
    }
    Ok(())
}

pub fn description(text: &str) -> Result<(), String> {
    let n = text.chars().count();
    if n == 0 || n > 100 || text.trim().is_empty() {
        return Err(format!(
            "The description must be 1-100 characters (it has {n})"
        ));
    }
    Ok(())
}

pub fn response(text: &str, embed: bool) -> Result<(), String> {
    let max = if embed {
        EMBED_RESPONSE_MAX
    } else {
        RESPONSE_MAX
    };
    let n = text.chars().count();
    if text.trim().is_empty() {
        return Err("The response is empty: write the text the command should answer with".into());
    }
    if n > max {
        return Err(format!(
            "The response has {n} characters; the limit is {max}{}",
            if embed {
                ""
            } else {
                " (4096 when the command has a title or source_url, as an embed)"
            }
        ));
    }
    Ok(())
}

pub fn title(text: &str) -> Result<(), String> {
    let n = text.chars().count();
    if n == 0 || n > TITLE_MAX {
        return Err(format!(
            "The title must be 1-{TITLE_MAX} characters (it has {n})"
        ));
    }
    Ok(())
}

/// Only absolute http(s) links with a host, no spaces or control characters.
pub fn source_url(url: &str) -> Result<(), String> {
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
    let clean = trimmed.len() <= 512
        && !trimmed.contains(|c: char| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"')
        });
    if host_ok && clean {
        Ok(())
    } else {
        Err(format!(
            "“{}” is not a web link: source_url must start with http:// or https:// and name a site",
            crate::text::truncate_chars(url, 60)
        ))
    }
}

/// Whether a guild with `existing` custom commands may have one more, when
/// it may have at most `max` (Discord's 100 per guild, less the bot's own
/// commands when those are registered in the same guild).
pub fn room_for_another(existing: usize, max: usize) -> Result<(), String> {
    if existing >= max {
        let why = if max < MAX_COMMANDS {
            format!(
                " (Discord allows {MAX_COMMANDS} commands per server, and {} of them are the bot's own here)",
                MAX_COMMANDS - max
            )
        } else {
            String::new()
        };
        return Err(format!(
            "This server already has {existing} custom commands, the most it can have{why}: remove one first"
        ));
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
        let refusal = room_for_another(90, 90).unwrap_err();
        assert!(
            refusal.contains("10 of them are the bot's own"),
            "{refusal}"
        );
    }
}
