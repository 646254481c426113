//! The embedded default store: one JSON file per guild in a directory,
//! written atomically, the directory held by one process.
//!
//! A write goes to a temporary file in the same directory, is fsynced,
//! renamed over the old file, and the directory is fsynced, so a crash at
//! any point leaves the old or the new version, never a torn file. A file
//! that cannot be parsed at start is moved aside (never overwritten) and
//! reported with its path.
//!
//! Files cannot be shared: a second process on the same directory would keep
//! its own copy in memory and overwrite the first one's changes.
//! [`FileStore::open_exclusive`] therefore locks the directory for the
//! process's life; several processes share a database instead
//! ([`super::postgres`]).

use super::model::{GuildState, Report};
use super::store::{Applied, Change, Store, StoreError};
use super::validate::Notice;
use async_trait::async_trait;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tracing::{error, warn};

mod reports;

/// The lock file inside a state directory; it holds the owner's PID.
pub const LOCK_FILE: &str = ".missionbot.lock";

/// One `guild-<id>.json` per guild in a directory. Cheap to clone: the
/// clones share the directory (and its lock).
#[derive(Clone)]
pub struct FileStore(Arc<FileDir>);

/// The directory and what a store of it keeps between calls.
pub struct FileDir {
    dir: PathBuf,
    counter: AtomicU64,
    notices: Mutex<Vec<(u64, Notice)>>,
    /// Held open (and locked) for as long as the store lives.
    _lock: Option<File>,
    /// Opened to be copied from: nothing in the directory is changed (no
    /// lock file, no damaged file moved aside, no leftover removed).
    read_only: bool,
    /// Readers' reports are appended one line at a time, one writer at a time.
    reports: Mutex<()>,
}

impl FileStore {
    /// Opens a directory without locking it (tests and tools that only read).
    pub fn open(dir: impl Into<PathBuf>) -> Result<FileStore, StoreError> {
        Self::open_with(dir.into(), false)
    }

    /// Opens a directory and locks it for this process's life: a second
    /// process (or a second store in this one) gets [`StoreError::Locked`]
    /// naming the PID that holds it. The lock is the OS's (`flock`), so it
    /// goes away with the process however it ends, even on SIGKILL.
    pub fn open_exclusive(dir: impl Into<PathBuf>) -> Result<FileStore, StoreError> {
        Self::open_with(dir.into(), true)
    }

    /// Opens a directory to read it and change nothing in it (`state copy`'s
    /// source): an unreadable file is reported as a notice, not moved aside.
    pub fn open_read_only(dir: impl Into<PathBuf>) -> Result<FileStore, StoreError> {
        let dir = dir.into();
        fs::read_dir(&dir).map_err(|source| StoreError::Read {
            path: dir.display().to_string(),
            source,
        })?;
        Ok(FileStore(Arc::new(FileDir {
            dir,
            counter: AtomicU64::new(0),
            notices: Mutex::new(Vec::new()),
            _lock: None,
            read_only: true,
            reports: Mutex::new(()),
        })))
    }

    fn open_with(dir: PathBuf, exclusive: bool) -> Result<FileStore, StoreError> {
        fs::create_dir_all(&dir).map_err(|source| StoreError::Write {
            path: dir.display().to_string(),
            source,
        })?;
        let lock = if exclusive {
            Some(lock_dir(&dir)?)
        } else {
            None
        };
        Ok(FileStore(Arc::new(FileDir {
            dir,
            counter: AtomicU64::new(0),
            notices: Mutex::new(Vec::new()),
            _lock: lock,
            read_only: false,
            reports: Mutex::new(()),
        })))
    }

    pub fn dir(&self) -> &Path {
        &self.0.dir
    }

    pub fn path_for(&self, guild: u64) -> PathBuf {
        self.0.path_for(guild)
    }

    /// Replaces a guild's file durably (see the module's comment).
    pub fn save(&self, guild: u64, state: &GuildState) -> Result<(), StoreError> {
        self.0.save(guild, state)
    }
}

impl FileDir {
    fn path_for(&self, guild: u64) -> PathBuf {
        self.dir.join(format!("guild-{guild}.json"))
    }

    /// Notes a file a read-only store could not read, leaving it as it is.
    fn unreadable(&self, guild: u64, path: &Path, why: &str) {
        let file = path.display().to_string();
        lock(&self.notices).push((
            guild,
            Notice::new("notice.state_not_read", &[("file", &file), ("why", &why)]),
        ));
    }

    /// Moves an unreadable file aside as `<name>.corrupt-<unix time>`, and
    /// notes it for the guild's moderators.
    fn set_aside(&self, guild: u64, path: &Path, why: &str) {
        let aside = path.with_extension(format!("json.corrupt-{}", unix_time()));
        let notice = match fs::rename(path, &aside) {
            Ok(()) => {
                error!(path = %path.display(), moved_to = %aside.display(), why, "corrupt guild state set aside");
                let file = aside
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                Notice::new("notice.state_set_aside", &[("file", &file)])
            }
            Err(e) => {
                error!(path = %path.display(), error = %e, why, "corrupt guild state could not be moved aside");
                Notice::new("notice.state_unreadable", &[])
            }
        };
        lock(&self.notices).push((guild, notice));
    }

    fn load_all_blocking(&self) -> Result<Vec<(u64, GuildState)>, StoreError> {
        let entries = fs::read_dir(&self.dir).map_err(|source| StoreError::Read {
            path: self.dir.display().to_string(),
            source,
        })?;
        let mut out = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.contains(".tmp-") {
                // A write that never reached its rename: the old file is intact.
                if !self.read_only {
                    let _ = fs::remove_file(entry.path());
                }
                continue;
            }
            let Some(guild) = guild_of(&name) else {
                continue;
            };
            let path = entry.path();
            match fs::read(&path) {
                Ok(bytes) => match serde_json::from_slice::<GuildState>(&bytes) {
                    Ok(state) => out.push((guild, state)),
                    Err(e) if self.read_only => self.unreadable(guild, &path, &e.to_string()),
                    Err(e) => self.set_aside(guild, &path, &e.to_string()),
                },
                Err(e) if self.read_only => self.unreadable(guild, &path, &e.to_string()),
                Err(e) => warn!(path = %path.display(), error = %e, "cannot read guild state"),
            }
        }
        out.sort_by_key(|(g, _)| *g);
        Ok(out)
    }

    fn save(&self, guild: u64, state: &GuildState) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::Write {
                path: self.path_for(guild).display().to_string(),
                source: std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "opened only to be read (a copy's source)",
                ),
            });
        }
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

/// Takes the directory's lock file, exclusively and without waiting, and
/// writes this process's PID into it.
fn lock_dir(dir: &Path) -> Result<File, StoreError> {
    let path = dir.join(LOCK_FILE);
    let werr = |source| StoreError::Write {
        path: path.display().to_string(),
        source,
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(werr)?;
    if !try_lock(&file) {
        let mut holder = String::new();
        let _ = file.read_to_string(&mut holder);
        return Err(StoreError::Locked {
            dir: dir.display().to_string(),
            holder: holder.trim().parse().ok(),
        });
    }
    file.set_len(0).map_err(werr)?;
    file.rewind().map_err(werr)?;
    writeln!(file, "{}", std::process::id()).map_err(werr)?;
    file.sync_all().map_err(werr)?;
    Ok(file)
}

#[cfg(unix)]
fn try_lock(file: &File) -> bool {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock on a descriptor this File owns; no memory is shared.
    unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
}

#[cfg(not(unix))]
fn try_lock(_file: &File) -> bool {
    true
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

/// Runs blocking file work off the runtime.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| StoreError::Write {
            path: "state directory".into(),
            source: std::io::Error::other(e.to_string()),
        })?
}

#[async_trait]
impl Store for FileStore {
    fn describe(&self) -> String {
        format!("files in {}", self.0.dir.display())
    }

    async fn add_report(&self, report: Report) -> Result<Report, StoreError> {
        let files = self.0.clone();
        blocking(move || files.add_report(report)).await
    }

    async fn resolve_report(
        &self,
        guild: Option<u64>,
        id: u64,
        by: &str,
        at: &str,
    ) -> Result<Option<Report>, StoreError> {
        let files = self.0.clone();
        let (by, at) = (by.to_owned(), at.to_owned());
        blocking(move || files.resolve_report(guild, id, &by, &at)).await
    }

    async fn reports(&self, guild: Option<u64>) -> Result<Vec<Report>, StoreError> {
        let files = self.0.clone();
        blocking(move || files.reports_of(guild)).await
    }

    async fn swap_data_summary(
        &self,
        summary: serde_json::Value,
    ) -> Result<Option<serde_json::Value>, StoreError> {
        let files = self.0.clone();
        blocking(move || files.swap_data_summary(summary)).await
    }

    async fn load_all(&self) -> Result<Vec<(u64, GuildState)>, StoreError> {
        let files = self.0.clone();
        blocking(move || files.load_all_blocking()).await
    }

    async fn load(&self, guild: u64) -> Result<Applied, StoreError> {
        let files = self.0.clone();
        blocking(move || {
            let path = files.path_for(guild);
            let state = match fs::read(&path) {
                Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| StoreError::Read {
                    path: path.display().to_string(),
                    source: std::io::Error::other(e),
                })?,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => GuildState::default(),
                Err(source) => {
                    return Err(StoreError::Read {
                        path: path.display().to_string(),
                        source,
                    })
                }
            };
            Ok(Applied { state, revision: 0 })
        })
        .await
    }

    async fn apply(
        &self,
        guild: u64,
        cached: &GuildState,
        change: Change<'_>,
    ) -> Result<Option<Applied>, StoreError> {
        // This process holds the directory, so its memory is the latest state.
        let mut next = cached.clone();
        if !change(&mut next) {
            return Ok(None);
        }
        let files = self.0.clone();
        let to_save = next.clone();
        blocking(move || files.save(guild, &to_save)).await?;
        Ok(Some(Applied {
            state: next,
            revision: 0,
        }))
    }

    async fn keep_aside(&self, guild: u64, state: &GuildState) -> Result<String, StoreError> {
        let bytes = serde_json::to_vec_pretty(state).map_err(|e| StoreError::Encode(guild, e))?;
        let path = self
            .0
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

    fn load_notices(&self) -> Vec<(u64, Notice)> {
        std::mem::take(&mut *lock(&self.0.notices))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::custom::model::sample_command as command;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
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
        let loaded = store.0.load_all_blocking().unwrap();
        assert_eq!(loaded, vec![(42, state)]);
        assert_eq!(names_in(dir.path()), vec!["guild-42.json".to_owned()]);
    }

    #[test]
    fn a_corrupt_file_is_set_aside_not_overwritten_and_leftover_temporaries_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("guild-7.json"), b"{\"commands\": [tru").unwrap();
        fs::write(dir.path().join("guild-8.json.tmp-1-0"), b"{half").unwrap();
        let store = FileStore::open(dir.path()).unwrap();
        assert!(store.0.load_all_blocking().unwrap().is_empty());
        assert_eq!(store.load_notices().len(), 1);
        let names = names_in(dir.path());
        assert_eq!(names.len(), 1);
        assert!(names[0].starts_with("guild-7.json.corrupt-"), "{names:?}");
        assert_eq!(
            fs::read(dir.path().join(&names[0])).unwrap(),
            b"{\"commands\": [tru"
        );
    }

    #[test]
    fn a_locked_directory_is_refused_with_the_holders_pid_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let first = FileStore::open_exclusive(dir.path()).unwrap();
        let refused = FileStore::open_exclusive(dir.path())
            .err()
            .expect("refused");
        let message = refused.to_string();
        assert!(
            message.contains(&dir.path().display().to_string())
                && message.contains(&format!("PID {}", std::process::id()))
                && message.contains("MISSIONBOT_DATABASE_URL"),
            "{message}"
        );
        drop(first);
        FileStore::open_exclusive(dir.path()).expect("free again once the holder is gone");
    }
}
