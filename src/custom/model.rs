//! What a guild's state file holds.

use serde::{Deserialize, Serialize};

/// Everything one guild's moderators added.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GuildState {
    /// Format version of this file.
    #[serde(default = "version")]
    pub version: u32,
    #[serde(default)]
    pub commands: Vec<CustomCommand>,
    #[serde(default)]
    pub records: Vec<NewsRecord>,
    /// The next record number (ids are never reused).
    #[serde(default)]
    pub next_record: u64,
    /// The channel readers' reports of wrong facts are posted to
    /// (`/settings corrections`); without one the report button says to ask
    /// a moderator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrections_channel: Option<u64>,
    /// Who changed what, oldest first: the last [`HISTORY_MAX`] changes to
    /// the server's commands and records (`/command history`, `restore`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryEntry>,
    /// The number of the next change (never reused, even once trimmed).
    #[serde(default)]
    pub next_change: u64,
    /// Channels that get this server's news as it is recorded (`/follow`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follows: Vec<Follow>,
    #[serde(default)]
    pub next_follow: u64,
    /// Records waiting for a follow's next digest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alert_queue: Vec<QueuedAlert>,
}

/// A channel following this server's news (`/follow`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Follow {
    pub id: u64,
    pub channel: u64,
    /// Only this country's news (ISO 3166-1 alpha-2).
    pub country: Option<String>,
    /// Only "expulsion", "mission_status" or "data" (a new release's changes).
    pub kind: Option<String>,
    /// "daily" or "weekly": one message collecting the news, not one each.
    pub digest: Option<String>,
    /// The role pinged with each alert (and only it).
    pub role: Option<u64>,
    pub by: String,
    /// The language its posts are written in: the moderator's who set it up.
    #[serde(default)]
    pub lang: Option<String>,
    /// RFC 3339: when it was set up, and when its last digest went out.
    pub since: String,
    pub last_digest: Option<String>,
}

/// A record waiting for a follow's digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedAlert {
    pub follow: u64,
    pub record: String,
}

/// How many changes a server's history keeps: enough to undo weeks of
/// edits, while a server's state (read whole at every change) stays small
/// (at most about 1.6 MB even if every entry held two full 4,096-character
/// responses).
pub const HISTORY_MAX: usize = 200;

/// One change to a server's commands or records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The change's number in this server, from 1.
    pub number: u64,
    /// RFC 3339 (a record's changes: its day).
    pub at: String,
    pub by: String,
    pub by_id: u64,
    /// "add", "edit", "remove", "restore" (commands); "record", "remove-record".
    pub action: String,
    /// "/faq" for a command, "r3" for a record.
    pub subject: String,
    /// The command or record before and after (none: it did not exist).
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl GuildState {
    /// How many commands the server registers with Discord: each command
    /// and each of its aliases (Discord allows 100 per server).
    pub fn registered_count(&self) -> usize {
        self.commands
            .iter()
            .map(|c| 1 + c.switches.aliases.len())
            .sum()
    }

    /// Whether a name is taken in this server, as a command or an alias.
    pub fn name_taken(&self, name: &str) -> bool {
        self.commands.iter().any(|c| c.answers_to(name))
    }

    /// Keeps a change in the history (trimmed to [`HISTORY_MAX`]).
    pub fn remember(&mut self, mut entry: HistoryEntry) {
        self.next_change += 1;
        entry.number = self.next_change;
        self.history.push(entry);
        if self.history.len() > HISTORY_MAX {
            let extra = self.history.len() - HISTORY_MAX;
            self.history.drain(..extra);
        }
    }
}

fn version() -> u32 {
    1
}

/// A moderator's slash command that answers with fixed text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomCommand {
    pub name: String,
    pub response: String,
    pub description: String,
    pub title: Option<String>,
    pub source_url: Option<String>,
    #[serde(default)]
    pub ephemeral: bool,
    pub author_id: u64,
    pub author_name: String,
    /// RFC 3339 timestamps.
    pub created_at: String,
    pub updated_at: String,
    #[serde(default)]
    pub uses: u64,
    /// Switched off, other names, a cooldown (`/command disable|enable|alias|cooldown`).
    #[serde(default, skip_serializing_if = "Switches::is_default")]
    pub switches: Switches,
}

/// What a moderator can switch on a command without changing its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Switches {
    /// Switched off: registered still, answered with "switched off".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disabled: bool,
    /// Other names it answers to, each registered as a command of its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// One use per user (or per channel) in this many seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooldown: Option<Cooldown>,
}

impl Switches {
    pub fn is_default(&self) -> bool {
        *self == Switches::default()
    }
}

/// A command's cooldown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cooldown {
    pub seconds: u32,
    /// Per person, or per channel (one use in a channel holds it for all).
    pub per_channel: bool,
}

impl CustomCommand {
    /// Whether it answers to this name (its own or an alias).
    pub fn answers_to(&self, name: &str) -> bool {
        self.name == name || self.switches.aliases.iter().any(|a| a == name)
    }

    /// Answered as an embed when it has a title or a source to cite.
    pub fn is_embed(&self) -> bool {
        self.title.is_some() || self.source_url.is_some()
    }
}

/// What a news record says happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NewsKind {
    Expulsion {
        /// ISO 3166-1 alpha-2.
        country: String,
        date: String,
        action: String,
        trigger: String,
        person: Option<String>,
        role: Option<String>,
    },
    MissionStatus {
        country: String,
        city: String,
        mission_kind: String,
        status: String,
        date: String,
        note: Option<String>,
    },
}

/// A moderator's record of news, layered over the shipped data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewsRecord {
    pub id: String,
    #[serde(flatten)]
    pub what: NewsKind,
    pub source_url: String,
    pub recorded_by: String,
    pub recorded_by_id: u64,
    /// YYYY-MM-DD.
    pub recorded_on: String,
}

/// A reader's report that an answer holds a wrong fact ("Report a
/// correction"), kept with what was answered and against which data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Given by the store, from 1, never reused.
    pub id: u64,
    /// The server it was reported in; `None` for a person's own install
    /// (or a DM): kept for the maintainers.
    pub guild: Option<u64>,
    pub reporter_id: u64,
    pub reporter_name: String,
    /// The answer's canonical query ("/embassy country:Spain").
    pub query: String,
    /// The data's as-of date the answer was given from (YYYY-MM-DD or less).
    pub data_as_of: String,
    /// What is wrong, in the reader's words.
    pub what: String,
    /// A link that shows it, when the reader gave one.
    pub source_url: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// The moderator who marked it resolved, and when (RFC 3339).
    pub resolved_by: Option<String>,
    pub resolved_at: Option<String>,
}

impl Report {
    /// How moderators and readers name it ("c12").
    pub fn label(&self) -> String {
        format!("c{}", self.id)
    }
}

/// A plain command for tests.
#[cfg(test)]
pub(crate) fn sample_command(name: &str) -> CustomCommand {
    CustomCommand {
        name: name.into(),
        response: "text".into(),
        description: "d".into(),
        title: None,
        source_url: None,
        ephemeral: false,
        author_id: 1,
        author_name: "mod".into(),
        created_at: "2026-11-28T00:00:00Z".into(),
        updated_at: "2026-11-28T00:00:00Z".into(),
        uses: 0,
        switches: Switches::default(),
    }
}
