//! The real `missionbot serve` binary, pointed at a fake Discord.

use missionbot_testkit::fake_discord::{FakeDiscord, BOT_TOKEN};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The bot process; SIGKILLed when dropped (use `terminate` for SIGTERM).
/// Its log (stderr) is read continuously, so a chatty bot never blocks on
/// a full pipe.
pub struct Bot {
    pub child: Child,
    pub state_dir: PathBuf,
    log: Arc<Mutex<String>>,
    _owned_state: Option<tempfile::TempDir>,
}

impl Bot {
    /// Starts the bot with a fresh state directory.
    pub fn start(fake: &FakeDiscord, extra_env: &[(&str, &str)]) -> Bot {
        let state = tempfile::tempdir().expect("temp dir");
        let mut bot = Bot::start_with_state(fake, state.path(), extra_env);
        bot._owned_state = Some(state);
        bot
    }

    /// Starts the bot on an existing state directory (to test restarts).
    pub fn start_with_state(
        fake: &FakeDiscord,
        state_dir: &Path,
        extra_env: &[(&str, &str)],
    ) -> Bot {
        // For measuring (BENCHMARKS.md §13): MISSIONBOT_TEST_BINARY runs
        // another build (an earlier commit's, for a before/after in one
        // session), MISSIONBOT_TEST_HEAPTRACK=/tmp/profile runs it under
        // heaptrack.
        let bin = std::env::var_os("MISSIONBOT_TEST_BINARY")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(crate::common::bin);
        let mut cmd = match std::env::var("MISSIONBOT_TEST_HEAPTRACK") {
            Ok(out) => {
                let mut cmd = Command::new("heaptrack");
                cmd.arg("-o").arg(out).arg(bin);
                cmd
            }
            Err(_) => Command::new(bin),
        };
        cmd.arg("serve")
            .env("DISCORD_TOKEN", BOT_TOKEN)
            .env("DISCORD_API_BASE", fake.api_base())
            .env("MISSIONBOT_ENV_FILE", "/nonexistent/.env")
            .env("MISSIONBOT_STATE_DIR", state_dir)
            .env("RUST_LOG", "info")
            .env_remove("DISCORD_GUILD_ID")
            .env_remove("MISSIONBOT_DATA_DIR")
            .env_remove("MISSIONBOT_MOD_ROLE_ID")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("the bot starts");
        let log = Arc::new(Mutex::new(String::new()));
        if let Some(stderr) = child.stderr.take() {
            let sink = log.clone();
            std::thread::spawn(move || {
                use std::io::BufRead;
                for line in std::io::BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    let mut log = sink.lock().unwrap();
                    log.push_str(&line);
                    log.push('\n');
                }
            });
        }
        Bot {
            child,
            state_dir: state_dir.to_owned(),
            log,
            _owned_state: None,
        }
    }

    /// The log so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// SIGTERM, then waits for the exit; returns the status and the log.
    pub fn terminate(&mut self) -> (ExitStatus, String) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                // The reader thread sees the end of the pipe right after the exit.
                std::thread::sleep(Duration::from_millis(100));
                return (status, self.log());
            }
            if Instant::now() >= deadline {
                self.kill_hard();
                let log = self.log();
                let tail: Vec<&str> = log.lines().rev().take(30).collect();
                let tail: Vec<&str> = tail.into_iter().rev().collect();
                panic!(
                    "the bot did not stop within 10 s of SIGTERM; end of its log:\n{}",
                    tail.join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// SIGKILL: no chance to clean up.
    pub fn kill_hard(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
