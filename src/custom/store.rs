//! Durable per-guild state: one JSON file per guild, written atomically.
//!
//! A write goes to a temporary file in the same directory, is fsynced,
//! renamed over the old file, and the directory is fsynced, so a crash at
//! any point leaves the old or the new version, never a torn file. Writes
//! for one guild are serialized by a per-guild lock, and a change is on disk
//! before the caller acknowledges it. A file that cannot be parsed at start
//! is moved aside (never overwritten) and reported with its path.

use super::model::GuildState;
use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tracing::{error, warn};

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
}

/// Where guild states live. Files now; a shared database when the bot runs
/// as several processes (see ARCHITECTURE.md).
pub trait Store: Send + Sync + 'static {
    /// Every guild with saved state, and its state. Unreadable entries are
    /// set aside and reported, not returned.
    fn load_all(&self) -> Result<Vec<(u64, GuildState)>, StoreError>;
    /// Replaces a guild's state durably.
    fn save(&self, guild: u64, state: &GuildState) -> Result<(), StoreError>;
    /// Keeps what was taken out of a guild's state at load (over a limit)
    /// where the operator can find it; returns where.
    fn keep_aside(&self, guild: u64, state: &GuildState) -> Result<String, StoreError>;
    /// What `load_all` had to set aside, per guild, in words for the
    /// guild's moderators (a damaged file).
    fn load_notices(&self) -> Vec<(u64, String)> {
        Vec::new()
    }
}

/// One `guild-<id>.json` per guild in a directory.
pub struct FileStore {
    dir: PathBuf,
    counter: AtomicU64,
    notices: Mutex<Vec<(u64, String)>>,
}

impl FileStore {
    pub fn open(dir: impl Into<PathBuf>) -> Result<FileStore, StoreError> {
        let dir = dir.into();
        fs::create_dir_all(&dir).map_err(|source| StoreError::Write {
            path: dir.display().to_string(),
            source,
        })?;
        Ok(FileStore {
            dir,
            counter: AtomicU64::new(0),
            notices: Mutex::new(Vec::new()),
        })
    }

    pub fn path_for(&self, guild: u64) -> PathBuf {
        self.dir.join(format!("guild-{guild}.json"))
    }

    /// Moves an unreadable file aside as `<name>.corrupt-<unix time>`, and
    /// notes it for the guild's moderators.
    fn set_aside(&self, guild: u64, path: &Path, why: &str) {
        let aside = path.with_extension(format!("json.corrupt-{}", unix_time()));
        let notice = match fs::rename(path, &aside) {
            Ok(()) => {
                error!(path = %path.display(), moved_to = %aside.display(), why, "corrupt guild state set aside");
                format!(
                    "This server's saved commands and records could not be read when the bot started (the file was damaged), \
                     so it started without them. The file is kept as {} on the bot's host: ask its operator to restore it.",
                    aside.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                )
            }
            Err(e) => {
                error!(path = %path.display(), error = %e, why, "corrupt guild state could not be moved aside");
                "This server's saved commands and records could not be read when the bot started; ask the bot's operator to check its state directory.".to_owned()
            }
        };
        lock(&self.notices).push((guild, notice));
    }
}

fn unix_time() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn guild_of(file_name: &str) -> Option<u64> {
    file_name
        .strip_prefix("guild-")?
        .strip_suffix(".json")?
        .parse()
        .ok()
}

impl Store for FileStore {
    fn load_all(&self) -> Result<Vec<(u64, GuildState)>, StoreError> {
        let entries = fs::read_dir(&self.dir).map_err(|source| StoreError::Read {
            path: self.dir.display().to_string(),
            source,
        })?;
        let mut out = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.contains(".tmp-") {
                // A write that never reached its rename: the old file is intact.
                let _ = fs::remove_file(entry.path());
                continue;
            }
            let Some(guild) = guild_of(&name) else {
                continue;
            };
            let path = entry.path();
            match fs::read(&path) {
                Ok(bytes) => match serde_json::from_slice::<GuildState>(&bytes) {
                    Ok(state) => out.push((guild, state)),
                    Err(e) => self.set_aside(guild, &path, &e.to_string()),
                },
                Err(e) => warn!(path = %path.display(), error = %e, "cannot read guild state"),
            }
        }
        out.sort_by_key(|(g, _)| *g);
        Ok(out)
    }

    fn keep_aside(&self, guild: u64, state: &GuildState) -> Result<String, StoreError> {
        let bytes = serde_json::to_vec_pretty(state).map_err(|e| StoreError::Encode(guild, e))?;
        let path = self
            .dir
            .join(format!("guild-{guild}.json.set-aside-{}", unix_time()));
        fs::write(&path, bytes).map_err(|source| StoreError::Write {
            path: path.display().to_string(),
            source,
        })?;
        Ok(path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()))
    }

    fn load_notices(&self) -> Vec<(u64, String)> {
        std::mem::take(&mut *lock(&self.notices))
    }

    fn save(&self, guild: u64, state: &GuildState) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec_pretty(state).map_err(|e| StoreError::Encode(guild, e))?;
        let path = self.path_for(guild);
        let n = self.counter.fetch_add(1, Ordering::SeqCst);
        let tmp = self
            .dir
            .join(format!("guild-{guild}.json.tmp-{}-{n}", std::process::id()));
        let werr = |source, p: &Path| StoreError::Write {
            path: p.display().to_string(),
            source,
        };
        let write = || -> Result<(), StoreError> {
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)
                .map_err(|e| werr(e, &tmp))?;
            file.write_all(&bytes).map_err(|e| werr(e, &tmp))?;
            file.sync_all().map_err(|e| werr(e, &tmp))?;
            drop(file);
            fs::rename(&tmp, &path).map_err(|e| werr(e, &path))?;
            File::open(&self.dir)
                .and_then(|d| d.sync_all())
                .map_err(|e| werr(e, &self.dir))?;
            Ok(())
        };
        let result = write();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }
}

/// Guild states in memory over a [`Store`], with one lock per guild so that
/// changes to a guild are applied and saved one at a time.
pub struct GuildStore {
    store: Arc<dyn Store>,
    guilds: Mutex<HashMap<u64, Arc<tokio::sync::Mutex<GuildState>>>>,
    /// Things each guild's moderators must be told once (set aside at load).
    notices: Mutex<HashMap<u64, Vec<String>>>,
}

impl GuildStore {
    /// Loads every saved guild, with at most [`super::MAX_COMMANDS`] custom
    /// commands each.
    pub fn load(store: Arc<dyn Store>) -> Result<GuildStore, StoreError> {
        Self::load_with_limit(store, |_| super::MAX_COMMANDS)
    }

    /// Loads every saved guild, enforcing the same rules as a moderator's
    /// change (`max_commands` per guild, valid and distinct names): what
    /// breaks them is kept aside in the store, never registered, and
    /// reported to the guild's moderators.
    pub fn load_with_limit(
        store: Arc<dyn Store>,
        max_commands: impl Fn(u64) -> usize,
    ) -> Result<GuildStore, StoreError> {
        let mut notices: HashMap<u64, Vec<String>> = HashMap::new();
        let mut guilds = HashMap::new();
        for (guild, mut state) in store.load_all()? {
            let removed = enforce_limits(&mut state, max_commands(guild));
            if !removed.is_empty() {
                let names: Vec<String> = removed
                    .iter()
                    .take(10)
                    .map(|c| format!("/{}", c.name))
                    .collect();
                let aside = GuildState {
                    commands: removed.clone(),
                    ..GuildState::default()
                };
                let kept = store.keep_aside(guild, &aside).unwrap_or_else(|e| {
                    error!(guild, error = %e, "commands over the limit could not be kept aside");
                    "(could not be saved)".into()
                });
                store.save(guild, &state)?;
                warn!(guild, set_aside = removed.len(), file = %kept, "custom commands over the limit or invalid were set aside at load");
                notices.entry(guild).or_default().push(format!(
                    "{} saved custom command{} broke this server's limits (at most {} commands, valid distinct names) and {} set aside when the bot started, \
                     kept as {kept} on the bot's host: {}{}.",
                    removed.len(),
                    if removed.len() == 1 { "" } else { "s" },
                    max_commands(guild),
                    if removed.len() == 1 { "was" } else { "were" },
                    names.join(", "),
                    if removed.len() > names.len() { ", …" } else { "" }
                ));
            }
            guilds.insert(guild, Arc::new(tokio::sync::Mutex::new(state)));
        }
        for (guild, notice) in store.load_notices() {
            notices.entry(guild).or_default().push(notice);
        }
        Ok(GuildStore {
            store,
            guilds: Mutex::new(guilds),
            notices: Mutex::new(notices),
        })
    }

    /// What this guild's moderators have not been told yet (once each).
    pub fn take_notices(&self, guild: u64) -> Vec<String> {
        lock(&self.notices).remove(&guild).unwrap_or_default()
    }

    fn slot(&self, guild: u64) -> Arc<tokio::sync::Mutex<GuildState>> {
        self.guilds
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(guild)
            .or_default()
            .clone()
    }

    /// A copy of a guild's state.
    pub async fn get(&self, guild: u64) -> GuildState {
        self.slot(guild).lock().await.clone()
    }

    /// Guilds that have any state.
    pub fn guild_ids(&self) -> Vec<u64> {
        let mut ids: Vec<u64> = self
            .guilds
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .copied()
            .collect();
        ids.sort();
        ids
    }

    /// Applies `change` to a copy of the guild's state; if it returns Ok,
    /// saves the new state durably and only then makes it current. Returns
    /// the change's value and the new state.
    pub async fn update<T, E: From<StoreError>>(
        &self,
        guild: u64,
        change: impl FnOnce(&mut GuildState) -> Result<T, E>,
    ) -> Result<(T, GuildState), E> {
        let slot = self.slot(guild);
        let mut current = slot.lock().await;
        let mut next = current.clone();
        let value = change(&mut next)?;
        let store = self.store.clone();
        let to_save = next.clone();
        tokio::task::spawn_blocking(move || store.save(guild, &to_save))
            .await
            .map_err(|e| StoreError::Write {
                path: format!("guild {guild}"),
                source: std::io::Error::other(e.to_string()),
            })??;
        *current = next.clone();
        Ok((value, next))
    }
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
    use crate::custom::model::CustomCommand;

    fn command(name: &str) -> CustomCommand {
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
        }
    }

    #[test]
    fn saves_and_loads_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::open(dir.path()).unwrap();
        let state = GuildState {
            commands: vec![command("faq")],
            ..GuildState::default()
        };
        store.save(42, &state).unwrap();
        store.save(42, &state).unwrap();
        let loaded = store.load_all().unwrap();
        assert_eq!(loaded, vec![(42, state)]);
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["guild-42.json".to_owned()]);
    }

    #[test]
    fn a_corrupt_file_is_set_aside_not_overwritten_and_leftover_temporaries_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("guild-7.json"), b"{\"commands\": [tru").unwrap();
        fs::write(dir.path().join("guild-8.json.tmp-1-0"), b"{half").unwrap();
        let store = FileStore::open(dir.path()).unwrap();
        assert!(store.load_all().unwrap().is_empty());
        assert_eq!(store.load_notices().len(), 1);
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1);
        assert!(names[0].starts_with("guild-7.json.corrupt-"), "{names:?}");
        assert_eq!(
            fs::read(dir.path().join(&names[0])).unwrap(),
            b"{\"commands\": [tru"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_updates_to_one_guild_are_all_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store =
            Arc::new(GuildStore::load(Arc::new(FileStore::open(dir.path()).unwrap())).unwrap());
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
        let reloaded = FileStore::open(dir.path()).unwrap().load_all().unwrap();
        assert_eq!(reloaded[0].1.commands.len(), 40);
    }

    #[test]
    fn limits_hold_at_load_and_what_breaks_them_is_kept_aside_and_told() {
        let dir = tempfile::tempdir().unwrap();
        let files = FileStore::open(dir.path()).unwrap();
        let mut state = GuildState::default();
        for i in 0..150 {
            state.commands.push(command(&format!("c{i}")));
        }
        state.commands.push(command("c0")); // a duplicate name
        state.commands.push(command("Not Valid"));
        files.save(5, &state).unwrap();
        let store = GuildStore::load_with_limit(Arc::new(files), |_| 90).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let loaded = rt.block_on(store.get(5));
        assert_eq!(loaded.commands.len(), 90);
        let notices = store.take_notices(5);
        assert_eq!(notices.len(), 1);
        assert!(
            notices[0].starts_with("62 saved custom commands"),
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
        let reloaded = FileStore::open(dir.path()).unwrap().load_all().unwrap();
        assert_eq!(reloaded[0].1.commands.len(), 90);
    }

    #[test]
    fn a_damaged_file_is_told_to_that_guilds_moderators() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("guild-9.json"), b"{\"commands\": [").unwrap();
        let store = GuildStore::load(Arc::new(FileStore::open(dir.path()).unwrap())).unwrap();
        let notices = store.take_notices(9);
        assert_eq!(notices.len(), 1);
        assert!(notices[0].contains("could not be read"), "{}", notices[0]);
        assert!(store.take_notices(10).is_empty());
    }
}
