//! Where moderators' state lives ([`Store`]: files or PostgreSQL), and the
//! in-memory copy every answer reads ([`GuildStore`]).
//!
//! Answers never wait for storage: they read the copy in memory. A change
//! goes through [`GuildStore::update`], which asks the store to apply it to
//! the latest stored state in one transaction and only then makes the
//! result current in memory. Changes made by other processes arrive as
//! [`StoreEvent`]s and replace the copy (see [`GuildStore::follow`]).

use super::model::{GuildState, Report};
use super::validate::Notice;
use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;
use tracing::{error, info, warn};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot encode the state of guild {0}: {1}")]
    Encode(u64, serde_json::Error),
    #[error(
        "the state directory {dir} is in use by another missionbot process{}: one directory serves one process. \
         To run several processes, share a PostgreSQL database instead (MISSIONBOT_DATABASE_URL=postgres://…, see README, \"Scaling out\")",
        holder.map(|pid| format!(" (PID {pid})")).unwrap_or_default()
    )]
    Locked { dir: String, holder: Option<u32> },
    #[error("the database is unreachable ({0})")]
    Unreachable(String),
    #[error("the database refused the change: {0}")]
    Refused(String),
    #[error("database error: {0}")]
    Database(String),
}

/// A state as stored, with the store's revision of it (0 where the store
/// keeps none: files are held by one process).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    pub state: GuildState,
    pub revision: i64,
}

/// A change to one guild's state: edits the state it is given and returns
/// whether to keep the result (false leaves everything as it was).
pub type Change<'a> = &'a mut (dyn FnMut(&mut GuildState) -> bool + Send);

/// Something another process did to the shared state.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreEvent {
    /// A guild's state changed and now has this revision.
    Changed { guild: u64, revision: i64 },
    /// Notifications may have been missed (the connection dropped): reload everything.
    Resync,
}

/// Where guild states live: one JSON file per guild (one process), or a
/// PostgreSQL database (any number of processes).
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Where, in words for logs and errors ("files in state/").
    fn describe(&self) -> String;
    /// Every guild with saved state, and its state. Unreadable entries are
    /// set aside and reported, not returned.
    async fn load_all(&self) -> Result<Vec<(u64, GuildState)>, StoreError>;
    /// One guild's latest state.
    async fn load(&self, guild: u64) -> Result<Applied, StoreError>;
    /// Applies `change` to the guild's latest stored state (`cached` is this
    /// process's copy, which a store held by one process may start from)
    /// and stores the result durably, as one transaction: concurrent
    /// changes, from any process, apply one after the other and none is
    /// lost. `None` when `change` declined.
    async fn apply(
        &self,
        guild: u64,
        cached: &GuildState,
        change: Change<'_>,
    ) -> Result<Option<Applied>, StoreError>;
    /// Keeps what was taken out of a guild's state at load (over a limit)
    /// where the operator can find it; returns where.
    async fn keep_aside(&self, guild: u64, state: &GuildState) -> Result<String, StoreError>;
    /// What `load_all` had to set aside, per guild, in words for the
    /// guild's moderators (a damaged file).
    fn load_notices(&self) -> Vec<(u64, Notice)> {
        Vec::new()
    }
    /// Whether this is the first time any process sharing the store sees
    /// this interaction id (a replayed HTTP request is not). A store not
    /// shared between processes says yes: the process's memory decides.
    async fn first_sighting(&self, _interaction: u64) -> Result<bool, StoreError> {
        Ok(true)
    }
    /// Whether the store answers now (readiness): a database is asked a
    /// trivial query.
    async fn ping(&self) -> Result<(), StoreError> {
        Ok(())
    }
    /// Keeps a reader's report of a wrong fact and gives it its id (the
    /// `id` passed in is ignored).
    async fn add_report(&self, report: Report) -> Result<Report, StoreError>;
    /// Marks a report of this server (`None`: of a person's own install)
    /// resolved; `None` when there is no such report there.
    async fn resolve_report(
        &self,
        guild: Option<u64>,
        id: u64,
        by: &str,
        at: &str,
    ) -> Result<Option<Report>, StoreError>;
    /// The reports of one server (`None`: of people's own installs), oldest first.
    async fn reports(&self, guild: Option<u64>) -> Result<Vec<Report>, StoreError>;
    /// Replaces the summary of the data last announced to followers with
    /// `summary`; the one it replaced when it differed (this process then
    /// announces the release, and no other does), `None` the first time or
    /// when it is the same.
    async fn swap_data_summary(
        &self,
        summary: serde_json::Value,
    ) -> Result<Option<serde_json::Value>, StoreError>;
    /// Changes made by other processes, for a store shared between them.
    fn events(&self) -> Option<tokio::sync::mpsc::UnboundedReceiver<StoreEvent>> {
        None
    }
}

/// Replaces a guild's whole state (used by `state copy` and at load).
pub async fn replace(store: &dyn Store, guild: u64, state: &GuildState) -> Result<(), StoreError> {
    let mut set = |s: &mut GuildState| {
        *s = state.clone();
        true
    };
    store.apply(guild, state, &mut set).await.map(|_| ())
}

/// One guild's state as last committed, with the store's revision of it.
#[derive(Default)]
struct Snapshot {
    revision: i64,
    state: GuildState,
}

/// One guild in memory: the snapshot every answer reads (replaced whole
/// after a commit, never locked across a wait), and the queue its writers
/// take one at a time. A write that hangs holds only the queue: answers
/// keep reading the last committed snapshot.
#[derive(Default)]
struct Slot {
    snapshot: std::sync::RwLock<Arc<Snapshot>>,
    writer: tokio::sync::Mutex<()>,
}

impl Slot {
    fn new(revision: i64, state: GuildState) -> Slot {
        Slot {
            snapshot: std::sync::RwLock::new(Arc::new(Snapshot { revision, state })),
            writer: tokio::sync::Mutex::new(()),
        }
    }

    fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Makes `state` current unless a newer revision already is (a reload
    /// and a local commit may race; the store's revisions order them).
    fn publish(&self, revision: i64, state: GuildState) -> bool {
        let mut snapshot = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        if revision < snapshot.revision {
            return false;
        }
        *snapshot = Arc::new(Snapshot { revision, state });
        true
    }
}

/// Guild states in memory over a [`Store`], with one lock per guild so that
/// this process applies a guild's changes one at a time.
pub struct GuildStore {
    store: Arc<dyn Store>,
    guilds: Mutex<HashMap<u64, Arc<Slot>>>,
    /// Things each guild's moderators must be told once (set aside at load).
    notices: Mutex<HashMap<u64, Vec<Notice>>>,
    /// Guilds whose state another process changed (views and caches listen).
    changed_elsewhere: broadcast::Sender<u64>,
}

impl GuildStore {
    /// Loads every saved guild, with at most [`super::MAX_COMMANDS`] custom
    /// commands each.
    pub async fn load(store: Arc<dyn Store>) -> Result<GuildStore, StoreError> {
        Self::load_with_limit(store, |_| super::MAX_COMMANDS).await
    }

    /// Loads every saved guild, enforcing the same rules as a moderator's
    /// change (`max_commands` per guild, valid and distinct names): what
    /// breaks them is kept aside in the store, never registered, and
    /// reported to the guild's moderators.
    pub async fn load_with_limit(
        store: Arc<dyn Store>,
        max_commands: impl Fn(u64) -> usize,
    ) -> Result<GuildStore, StoreError> {
        let mut notices: HashMap<u64, Vec<Notice>> = HashMap::new();
        let mut guilds = HashMap::new();
        for (guild, mut state) in store.load_all().await? {
            let removed = enforce_limits(&mut state, max_commands(guild));
            if !removed.is_empty() {
                let notice =
                    set_aside_over_limit(&*store, guild, &state, removed, max_commands(guild))
                        .await?;
                notices.entry(guild).or_default().push(notice);
            }
            guilds.insert(guild, Arc::new(Slot::new(0, state)));
        }
        for (guild, notice) in store.load_notices() {
            notices.entry(guild).or_default().push(notice);
        }
        Ok(GuildStore {
            store,
            guilds: Mutex::new(guilds),
            notices: Mutex::new(notices),
            changed_elsewhere: broadcast::channel(1024).0,
        })
    }

    /// Where the state lives, in words.
    pub fn describe(&self) -> String {
        self.store.describe()
    }

    /// See [`Store::first_sighting`].
    pub async fn first_sighting(&self, interaction: u64) -> Result<bool, StoreError> {
        self.store.first_sighting(interaction).await
    }

    /// Whether the store answers now (see [`Store::ping`]).
    /// Keeps a reader's report (not part of any server's state: answers
    /// never read it, so it takes no server's writer queue).
    pub async fn add_report(&self, report: Report) -> Result<Report, StoreError> {
        self.store.add_report(report).await
    }

    pub async fn resolve_report(
        &self,
        guild: Option<u64>,
        id: u64,
        by: &str,
        at: &str,
    ) -> Result<Option<Report>, StoreError> {
        self.store.resolve_report(guild, id, by, at).await
    }

    pub async fn reports(&self, guild: Option<u64>) -> Result<Vec<Report>, StoreError> {
        self.store.reports(guild).await
    }

    pub async fn swap_data_summary(
        &self,
        summary: serde_json::Value,
    ) -> Result<Option<serde_json::Value>, StoreError> {
        self.store.swap_data_summary(summary).await
    }

    pub async fn ping(&self) -> Result<(), StoreError> {
        self.store.ping().await
    }

    /// What this guild's moderators have not been told yet (once each).
    pub fn take_notices(&self, guild: u64) -> Vec<Notice> {
        lock(&self.notices).remove(&guild).unwrap_or_default()
    }

    fn slot(&self, guild: u64) -> Arc<Slot> {
        lock(&self.guilds).entry(guild).or_default().clone()
    }

    /// A copy of a guild's state as last committed. Never waits for a
    /// write in progress, however slow the store is.
    pub async fn get(&self, guild: u64) -> GuildState {
        self.slot(guild).current().state.clone()
    }

    /// Guilds that have any state.
    pub fn guild_ids(&self) -> Vec<u64> {
        let mut ids: Vec<u64> = lock(&self.guilds).keys().copied().collect();
        ids.sort();
        ids
    }

    /// Guilds whose state another process changed, as they arrive.
    pub fn changed_elsewhere(&self) -> broadcast::Receiver<u64> {
        self.changed_elsewhere.subscribe()
    }

    /// Applies `change` to the guild's latest state; if it returns Ok, the
    /// store keeps the new state durably and only then is it made current
    /// here. Returns the change's value and the new state.
    pub async fn update<T: Send, E: From<StoreError> + Send>(
        &self,
        guild: u64,
        change: impl FnOnce(&mut GuildState) -> Result<T, E> + Send,
    ) -> Result<(T, GuildState), E> {
        let slot = self.slot(guild);
        // Writers of this guild queue behind each other, and only here.
        let _writer = slot.writer.lock().await;
        let current = slot.current();
        let mut change = Some(change);
        let mut outcome: Option<Result<T, E>> = None;
        // The store runs the change once, inside its transaction.
        let mut run = |state: &mut GuildState| match change.take() {
            Some(f) => {
                let result = f(state);
                let keep = result.is_ok();
                outcome = Some(result);
                keep
            }
            None => false,
        };
        let applied = self.store.apply(guild, &current.state, &mut run).await?;
        match (applied, outcome) {
            (Some(applied), Some(Ok(value))) => {
                slot.publish(applied.revision, applied.state.clone());
                Ok((value, applied.state))
            }
            (_, Some(Err(e))) => Err(e),
            _ => Err(StoreError::Database("the change was not run".into()).into()),
        }
    }

    /// Follows the store's events (another process's changes) until the
    /// store stops sending them: each changed guild is reloaded, after a
    /// dropped connection every guild is. Returns at once for a store with
    /// no events (files).
    pub async fn follow(self: Arc<Self>) {
        let Some(mut events) = self.store.events() else {
            return;
        };
        while let Some(event) = events.recv().await {
            match event {
                StoreEvent::Changed { guild, revision } => {
                    if let Err(e) = self.reload(guild, Some(revision)).await {
                        warn!(guild, error = %e, "reloading a guild changed elsewhere failed");
                    }
                }
                StoreEvent::Resync => self.resync().await,
            }
        }
    }

    /// After a change whose outcome is unknown: reloads the guild now and
    /// every 10 seconds for 5 minutes, so that a commit that lands late
    /// (a hung server resuming, a synchronous standby coming back) reaches
    /// this copy, its view and its registration (they follow
    /// [`GuildStore::changed_elsewhere`]).
    pub fn keep_refreshing(self: Arc<Self>, guild: u64) {
        tokio::spawn(async move {
            for _ in 0..30 {
                self.refresh(guild).await;
                tokio::time::sleep(std::time::Duration::from_secs(10)).await;
            }
        });
    }

    /// Reloads one guild from the store after a change whose outcome is
    /// unknown (the store did not answer in time), so that this copy holds
    /// whatever was committed; gives up quietly after a while.
    pub async fn refresh(&self, guild: u64) {
        let reloaded =
            tokio::time::timeout(std::time::Duration::from_secs(30), self.reload(guild, None))
                .await;
        match reloaded {
            Ok(Ok(())) => info!(guild, "guild state reloaded after a change with no answer"),
            Ok(Err(e)) => {
                warn!(guild, error = %e, "reloading a guild after a change with no answer failed")
            }
            Err(_) => warn!(
                guild,
                "reloading a guild after a change with no answer timed out"
            ),
        }
    }

    /// Reloads one guild, unless this copy is already at `revision` or newer.
    async fn reload(&self, guild: u64, revision: Option<i64>) -> Result<(), StoreError> {
        let slot = self.slot(guild);
        let known = slot.current().revision;
        if revision.is_some_and(|r| r <= known) {
            return Ok(());
        }
        let latest = self.store.load(guild).await?;
        if latest.revision > known && slot.publish(latest.revision, latest.state) {
            let _ = self.changed_elsewhere.send(guild);
        }
        Ok(())
    }

    /// Reloads every guild after notifications may have been missed.
    async fn resync(&self) {
        let mut guilds: Vec<u64> = self.guild_ids();
        match self.store.load_all().await {
            Ok(all) => guilds.extend(all.into_iter().map(|(g, _)| g)),
            Err(e) => warn!(error = %e, "listing guilds after a reconnection failed"),
        }
        guilds.sort();
        guilds.dedup();
        for guild in &guilds {
            if let Err(e) = self.reload(*guild, None).await {
                warn!(guild, error = %e, "reloading a guild after a reconnection failed");
            }
        }
        info!(
            guilds = guilds.len(),
            "guild state reloaded after a reconnection"
        );
    }
}

/// Keeps the commands over the limit aside, stores the trimmed state, and
/// returns what to tell the guild's moderators.
async fn set_aside_over_limit(
    store: &dyn Store,
    guild: u64,
    kept: &GuildState,
    removed: Vec<super::CustomCommand>,
    max: usize,
) -> Result<Notice, StoreError> {
    let names: Vec<String> = removed
        .iter()
        .take(10)
        .map(|c| format!("/{}", c.name))
        .collect();
    let count = removed.len();
    let aside = GuildState {
        commands: removed,
        ..GuildState::default()
    };
    let file = store.keep_aside(guild, &aside).await.unwrap_or_else(|e| {
        error!(guild, error = %e, "commands over the limit could not be kept aside");
        "(could not be saved)".into()
    });
    replace(store, guild, kept).await?;
    warn!(guild, set_aside = count, file = %file, "custom commands over the limit or invalid were set aside at load");
    let names = format!(
        "{}{}",
        names.join(", "),
        if count > names.len() { ", …" } else { "" }
    );
    let key = if count == 1 {
        "notice.over_limit.one"
    } else {
        "notice.over_limit.other"
    };
    Ok(Notice::new(
        key,
        &[
            ("count", &count),
            ("max", &max),
            ("file", &file),
            ("names", &names),
        ],
    ))
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Keeps the first commands that fit the limit with valid, distinct names;
/// returns the others.
fn enforce_limits(state: &mut GuildState, max_commands: usize) -> Vec<super::CustomCommand> {
    let mut kept: Vec<super::CustomCommand> = Vec::new();
    let mut removed = Vec::new();
    for c in std::mem::take(&mut state.commands) {
        let valid = super::validate::command_name(&c.name).is_ok()
            && !kept.iter().any(|k| k.name == c.name)
            && kept.len() < max_commands;
        if valid {
            kept.push(c);
        } else {
            removed.push(c);
        }
    }
    state.commands = kept;
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::custom::FileStore;
    use std::fs;

    use crate::custom::model::sample_command as command;

    fn files(dir: &std::path::Path) -> Arc<dyn Store> {
        Arc::new(FileStore::open(dir).unwrap())
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_updates_to_one_guild_are_all_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(GuildStore::load(files(dir.path())).await.unwrap());
        let mut tasks = Vec::new();
        for i in 0..40 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                store
                    .update(1, |s| {
                        s.commands.push(command(&format!("c{i}")));
                        Ok::<_, StoreError>(())
                    })
                    .await
                    .unwrap();
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let reloaded = files(dir.path()).load_all().await.unwrap();
        assert_eq!(reloaded[0].1.commands.len(), 40);
    }

    #[tokio::test]
    async fn a_refused_change_leaves_memory_and_disk_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let store = GuildStore::load(files(dir.path())).await.unwrap();
        store
            .update(3, |s| {
                s.commands.push(command("faq"));
                Ok::<_, StoreError>(())
            })
            .await
            .unwrap();
        let refused = store
            .update(3, |s| {
                s.commands.clear();
                Err::<(), _>(StoreError::Refused("no".into()))
            })
            .await;
        assert!(refused.is_err());
        assert_eq!(store.get(3).await.commands.len(), 1);
        assert_eq!(
            files(dir.path())
                .load(3)
                .await
                .unwrap()
                .state
                .commands
                .len(),
            1
        );
    }

    #[tokio::test]
    async fn limits_hold_at_load_and_what_breaks_them_is_kept_aside_and_told() {
        let dir = tempfile::tempdir().unwrap();
        let file_store = FileStore::open(dir.path()).unwrap();
        let mut state = GuildState::default();
        for i in 0..150 {
            state.commands.push(command(&format!("c{i}")));
        }
        state.commands.push(command("c0")); // a duplicate name
        state.commands.push(command("Not Valid"));
        file_store.save(5, &state).unwrap();
        let store = GuildStore::load_with_limit(Arc::new(file_store), |_| 90)
            .await
            .unwrap();
        let loaded = store.get(5).await;
        assert_eq!(loaded.commands.len(), 90);
        let notices = store.take_notices(5);
        assert_eq!(notices.len(), 1);
        assert!(
            notices[0]
                .to_string()
                .starts_with("62 saved custom commands"),
            "{}",
            notices[0]
        );
        assert!(store.take_notices(5).is_empty(), "told once");
        // Nothing lost: the 62 are in a file beside the state.
        let aside = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().contains(".set-aside-"))
            .expect("set-aside file");
        let kept: GuildState = serde_json::from_slice(&fs::read(aside).unwrap()).unwrap();
        assert_eq!(kept.commands.len(), 62);
        // The state on disk is the trimmed one.
        let reloaded = files(dir.path()).load_all().await.unwrap();
        assert_eq!(reloaded[0].1.commands.len(), 90);
    }

    #[tokio::test]
    async fn a_damaged_file_is_told_to_that_guilds_moderators() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("guild-9.json"), b"{\"commands\": [").unwrap();
        let store = GuildStore::load(files(dir.path())).await.unwrap();
        let notices = store.take_notices(9);
        assert_eq!(notices.len(), 1);
        assert!(
            notices[0].to_string().contains("could not be read"),
            "{}",
            notices[0]
        );
        assert!(store.take_notices(10).is_empty());
    }
}
