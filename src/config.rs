//! Configuration from the environment and an optional `.env` file.
//!
//! Every variable is documented in `.env.example`. The token is kept in a
//! type whose `Debug` and `Display` never show it.

use std::fmt;

/// A Discord bot token. Never printed, never logged.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    /// Checks the shape of a bot token: three dot-separated parts of
    /// URL-safe base64, as the Developer Portal issues them. A leading
    /// "Bot " is accepted and removed.
    pub fn parse(raw: &str) -> Result<Token, ConfigError> {
        let trimmed = raw.trim();
        let token = trimmed.strip_prefix("Bot ").unwrap_or(trimmed).trim();
        if token.is_empty() {
            return Err(ConfigError::MissingToken);
        }
        let parts: Vec<&str> = token.split('.').collect();
        let well_formed = parts.len() == 3
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            });
        if !well_formed {
            return Err(ConfigError::MalformedToken);
        }
        Ok(Token(token.to_owned()))
    }

    /// The secret itself, for serenity only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("DISCORD_TOKEN is not set: create a bot in the Discord Developer Portal (Bot → Reset Token) and put DISCORD_TOKEN=... in .env (see .env.example)")]
    MissingToken,
    #[error("DISCORD_TOKEN looks malformed: a bot token is three dot-separated parts of letters, digits, - and _ (copy it again from the Developer Portal)")]
    MalformedToken,
    #[error("{name} must be a Discord id (a number), got {value:?}")]
    BadId { name: &'static str, value: String },
    #[error("DISCORD_API_BASE must be an http:// or https:// URL, got {0:?}")]
    BadApiBase(String),
    #[error("MISSIONBOT_SHARDS must be FIRST-LAST/TOTAL (e.g. 0-3/8: shards 0 to 3 of 8) or SHARD/TOTAL, with FIRST <= LAST < TOTAL, got {0:?}")]
    BadShards(String),
    #[error("MISSIONBOT_REGISTER must be auto, always or never, got {0:?}")]
    BadRegister(String),
    #[error("the HTTP address must be IP:PORT (e.g. 127.0.0.1:8080 or 0.0.0.0:8080), got {0:?}")]
    BadHttpAddr(String),
    #[error("MISSIONBOT_DATABASE_URL must start with postgres:// or postgresql://")]
    BadDatabaseUrl,
}

/// The gateway shards one process runs: `first..=last` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardRange {
    pub first: u32,
    pub last: u32,
    pub total: u32,
}

impl ShardRange {
    /// `0-3/8` (shards 0 to 3 of 8) or `5/8` (shard 5 of 8).
    pub fn parse(text: &str) -> Result<ShardRange, ConfigError> {
        let bad = || ConfigError::BadShards(text.to_owned());
        let (range, total) = text.trim().split_once('/').ok_or_else(bad)?;
        let number = |s: &str| s.trim().parse::<u32>().map_err(|_| bad());
        let (first, last) = match range.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => (number(range)?, number(range)?),
        };
        let total = number(total)?;
        if first > last || last >= total {
            return Err(bad());
        }
        Ok(ShardRange { first, last, total })
    }

    pub fn contains_first_shard(&self) -> bool {
        self.first == 0
    }
}

/// Whether this process registers the command sets at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterMode {
    /// Only the process running shard 0 (or the only process) registers.
    Auto,
    Always,
    Never,
}

/// A database URL: it may hold a password, so it is never printed.
#[derive(Clone)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<DatabaseUrl, ConfigError> {
        let url = raw.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(DatabaseUrl(url.to_owned()))
        } else {
            Err(ConfigError::BadDatabaseUrl)
        }
    }

    /// The URL itself, for the driver only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DatabaseUrl(<redacted>)")
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub token: Token,
    /// Register commands to this guild (changes show at once) instead of globally.
    pub guild_id: Option<u64>,
    /// Base URL for every REST call (an HTTP proxy or a local fake Discord).
    pub api_base: Option<String>,
    /// Ask Discord for the privileged message-content intent.
    pub message_content_intent: bool,
    /// Members with this role are moderators, besides those with Manage Server.
    pub mod_role_id: Option<u64>,
    /// Where guild state files live (when there is no database).
    pub state_dir: std::path::PathBuf,
    /// The shared database of several processes; files when unset.
    pub database_url: Option<DatabaseUrl>,
    /// The shards this process runs; serenity's automatic sharding when unset.
    pub shards: Option<ShardRange>,
    /// Whether this process registers command sets at start.
    pub register: RegisterMode,
    /// Serve interactions over HTTP on this address instead of the gateway.
    pub http_addr: Option<std::net::SocketAddr>,
    /// The application's Ed25519 public key (hex), for `serve --http`.
    pub public_key: Option<String>,
    /// Why the `.env` file was not read completely, to be logged once
    /// logging is up (a malformed file is never ignored silently).
    pub env_file_warning: Option<String>,
}

/// Loads `.env` (or the file named by `MISSIONBOT_ENV_FILE`) if present,
/// without overriding variables already set; returns why it could not be
/// read completely, if so (a malformed file is never ignored silently).
pub fn load_env_file() -> Option<String> {
    let loaded = match std::env::var_os("MISSIONBOT_ENV_FILE") {
        Some(path) => dotenvy::from_path(path).map(|_| ()),
        None => dotenvy::dotenv().map(|_| ()),
    };
    match loaded {
        Ok(()) => None,
        Err(dotenvy::Error::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => Some(format!(
            "the .env file could not be read completely ({e}); variables from the bad line on were ignored"
        )),
    }
}

/// A variable's value, trimmed; unset or blank is `None`.
/// A positive count from the environment (`None` when unset, empty, not a
/// number or zero): the limits every transport reads.
pub fn count(name: &str) -> Option<usize> {
    var(name)
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
}

pub fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn parse_id(name: &'static str, value: Option<String>) -> Result<Option<u64>, ConfigError> {
    value
        .map(|v| {
            v.parse::<u64>()
                .ok()
                .filter(|&n| n > 0)
                .ok_or(ConfigError::BadId { name, value: v })
        })
        .transpose()
}

impl Config {
    /// Whether this process registers the command sets when it connects:
    /// one process of a deployment does (the one running shard 0), so that
    /// several starting together never overwrite each other's registration.
    pub fn registers_at_start(&self) -> bool {
        match self.register {
            RegisterMode::Always => true,
            RegisterMode::Never => false,
            RegisterMode::Auto => self.shards.is_none_or(|s| s.contains_first_shard()),
        }
    }

    /// Loads `.env` (or the file named by `MISSIONBOT_ENV_FILE`) if present,
    /// without overriding variables already set, then reads the variables.
    pub fn from_env() -> Result<Config, ConfigError> {
        let env_file_warning = load_env_file();
        let token = Token::parse(&var("DISCORD_TOKEN").ok_or(ConfigError::MissingToken)?)?;
        let guild_id = parse_id("DISCORD_GUILD_ID", var("DISCORD_GUILD_ID"))?;
        let api_base = var("DISCORD_API_BASE")
            .map(|base| {
                if base.starts_with("http://") || base.starts_with("https://") {
                    Ok(base.trim_end_matches('/').to_owned())
                } else {
                    Err(ConfigError::BadApiBase(base))
                }
            })
            .transpose()?;
        let message_content_intent = var("MISSIONBOT_MESSAGE_CONTENT_INTENT")
            .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes"));
        let mod_role_id = parse_id("MISSIONBOT_MOD_ROLE_ID", var("MISSIONBOT_MOD_ROLE_ID"))?;
        let state_dir = var("MISSIONBOT_STATE_DIR")
            .unwrap_or_else(|| "state".into())
            .into();
        let database_url = var("MISSIONBOT_DATABASE_URL")
            .map(|u| DatabaseUrl::parse(&u))
            .transpose()?;
        let shards = var("MISSIONBOT_SHARDS")
            .map(|s| ShardRange::parse(&s))
            .transpose()?;
        let register = match var("MISSIONBOT_REGISTER")
            .map(|v| v.to_ascii_lowercase())
            .as_deref()
        {
            None | Some("auto") => RegisterMode::Auto,
            Some("always") => RegisterMode::Always,
            Some("never") => RegisterMode::Never,
            Some(other) => return Err(ConfigError::BadRegister(other.to_owned())),
        };
        let http_addr = var("MISSIONBOT_HTTP_ADDR")
            .map(|a| a.parse().map_err(|_| ConfigError::BadHttpAddr(a)))
            .transpose()?;
        Ok(Config {
            http_addr,
            public_key: var("DISCORD_PUBLIC_KEY"),
            database_url,
            shards,
            register,
            env_file_warning,
            token,
            guild_id,
            api_base,
            message_content_intent,
            mod_role_id,
            state_dir,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_checked_and_never_shown() {
        let t = Token::parse("Bot MTEwMDAwMDAwMDAwMDAwMDAwMQ.Gx1234.abcdefghijklmnop_-").unwrap();
        assert_eq!(format!("{t:?}"), "Token(<redacted>)");
        assert!(!format!(
            "{:?}",
            Config {
                token: t,
                guild_id: None,
                api_base: None,
                message_content_intent: false,
                mod_role_id: None,
                state_dir: "state".into(),
                env_file_warning: None,
                database_url: Some(DatabaseUrl::parse("postgres://bot:hunter2@db/x").unwrap()),
                shards: None,
                register: RegisterMode::Auto,
                http_addr: None,
                public_key: None,
            }
        )
        .contains("abcdef"));
        assert!(matches!(Token::parse(""), Err(ConfigError::MissingToken)));
        assert_eq!(
            format!(
                "{:?}",
                DatabaseUrl::parse("postgres://bot:hunter2@db/x").unwrap()
            ),
            "DatabaseUrl(<redacted>)"
        );
        for bad in ["not a token", "a.b", "a..c", "a.b.c.d", "tok en.x.y"] {
            assert!(
                matches!(Token::parse(bad), Err(ConfigError::MalformedToken)),
                "{bad}"
            );
        }
    }

    #[test]
    fn shard_ranges_are_read_and_checked() {
        assert_eq!(
            ShardRange::parse("0-3/8").unwrap(),
            ShardRange {
                first: 0,
                last: 3,
                total: 8
            }
        );
        assert_eq!(
            ShardRange::parse(" 5/8 ").unwrap(),
            ShardRange {
                first: 5,
                last: 5,
                total: 8
            }
        );
        for bad in ["", "3", "4-2/8", "0-8/8", "a-b/c", "0-1/0", "1-/4"] {
            assert!(ShardRange::parse(bad).is_err(), "{bad}");
        }
    }
}
