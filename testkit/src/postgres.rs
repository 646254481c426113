//! A throwaway PostgreSQL for the tests: a fresh cluster of the PostgreSQL
//! installed on the machine (`initdb` + `pg_ctl` in a temporary directory,
//! on a free loopback port), or a fresh database on the server named by
//! `MISSIONBOT_TEST_DATABASE_URL`.
//!
//! Where neither is possible a test prints loudly that it was skipped;
//! with `MISSIONBOT_REQUIRE_POSTGRES=1` (set by `.ci/run`) it fails instead,
//! so CI always runs them.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct Postgres {
    /// Connect here (user `missionbot`, trust authentication, loopback only).
    pub url: String,
    cluster: Option<Cluster>,
}

struct Cluster {
    bin: PathBuf,
    data: tempfile::TempDir,
    port: u16,
    /// Run the server's tools as this user (initdb refuses root).
    run_as: Option<String>,
}

fn required() -> bool {
    std::env::var("MISSIONBOT_REQUIRE_POSTGRES").is_ok_and(|v| v == "1")
}

/// Prints why a PostgreSQL test cannot run, or fails when it must.
fn skip(test: &str, why: &str) -> Option<Postgres> {
    let message = format!(
        "\n**********************************************************************\n\
         SKIPPED {test}: {why}.\n\
         Install PostgreSQL (initdb, pg_ctl) or set MISSIONBOT_TEST_DATABASE_URL.\n\
         **********************************************************************\n"
    );
    assert!(
        !required(),
        "{message}(MISSIONBOT_REQUIRE_POSTGRES=1 makes this a failure)"
    );
    eprintln!("{message}");
    None
}

/// The newest installed server's tools.
fn find_bin() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("MISSIONBOT_PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

impl Postgres {
    /// A fresh, empty database for `test`; `None` (after a loud message)
    /// when no PostgreSQL can be had here.
    pub async fn start(test: &str) -> Option<Postgres> {
        if let Ok(url) = std::env::var("MISSIONBOT_TEST_DATABASE_URL") {
            return Some(Self::fresh_database(&url, test).await);
        }
        let Some(bin) = find_bin() else {
            return skip(test, "no PostgreSQL server is installed (no initdb found)");
        };
        let run_as = is_root().then(|| "postgres".to_owned());
        let data = tempfile::Builder::new()
            .prefix("mbpg")
            .tempdir()
            .expect("temp dir");
        if let Some(user) = &run_as {
            let ids = Command::new("id").args(["-u", user]).output().ok();
            let gid = Command::new("id").args(["-g", user]).output().ok();
            let parse = |o: Option<std::process::Output>| {
                o.and_then(|o| {
                    String::from_utf8_lossy(&o.stdout)
                        .trim()
                        .parse::<u32>()
                        .ok()
                })
            };
            let (Some(uid), Some(gid)) = (parse(ids), parse(gid)) else {
                return skip(
                    test,
                    "running as root and there is no `postgres` user to run initdb as",
                );
            };
            std::os::unix::fs::chown(data.path(), Some(uid), Some(gid))
                .expect("chown the cluster directory");
        }
        let cluster = Cluster {
            bin,
            data,
            port: free_port(),
            run_as,
        };
        let init = cluster.run(
            "initdb",
            &[
                "-D",
                &cluster.dir(),
                "-U",
                "missionbot",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        );
        assert!(init.0, "initdb failed:\n{}", init.1);
        cluster.start_server();
        let url = format!("postgres://missionbot@127.0.0.1:{}/postgres", cluster.port);
        Some(Postgres {
            url,
            cluster: Some(cluster),
        })
    }

    /// A new database on a server the caller provides, named after the test.
    async fn fresh_database(url: &str, test: &str) -> Postgres {
        use sqlx::Connection;
        let name = format!(
            "mb_{}_{}",
            test.chars()
                .filter(char::is_ascii_alphanumeric)
                .take(30)
                .collect::<String>(),
            std::process::id()
        )
        .to_lowercase();
        let mut conn = sqlx::PgConnection::connect(url)
            .await
            .expect("MISSIONBOT_TEST_DATABASE_URL connects");
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
            .execute(&mut conn)
            .await;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await
            .expect("CREATE DATABASE (the test URL's user needs CREATEDB)");
        let base = url.rsplit_once('/').map_or(url, |(b, _)| b);
        Postgres {
            url: format!("{base}/{name}"),
            cluster: None,
        }
    }

    /// Whether this test can stop and start the server (only a cluster it made).
    pub fn can_restart(&self) -> bool {
        self.cluster.is_some()
    }

    /// Stops the server at once (clients see their connections drop).
    pub fn stop(&self) {
        if let Some(c) = &self.cluster {
            let out = c.run("pg_ctl", &["-D", &c.dir(), "-m", "fast", "-w", "stop"]);
            assert!(out.0, "pg_ctl stop failed:\n{}", out.1);
        }
    }

    /// The server's processes (the postmaster and its children), from the
    /// data directory's postmaster.pid and the process table.
    fn processes(&self) -> Vec<String> {
        let Some(c) = &self.cluster else {
            return Vec::new();
        };
        let pid_file = std::path::Path::new(&c.dir()).join("postmaster.pid");
        let Some(postmaster) = std::fs::read_to_string(pid_file)
            .ok()
            .and_then(|t| t.lines().next().map(|l| l.trim().to_owned()))
        else {
            return Vec::new();
        };
        let children = std::process::Command::new("pgrep")
            .args(["-P", &postmaster])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        std::iter::once(postmaster)
            .chain(children.split_whitespace().map(str::to_owned))
            .collect()
    }

    /// Freezes every process of the server (SIGSTOP): connections stay
    /// open and nothing answers, as with a hung host.
    pub fn freeze(&self) {
        for pid in self.processes() {
            let _ = std::process::Command::new("kill")
                .args(["-STOP", &pid])
                .status();
        }
    }

    /// Lets a frozen server run again (SIGCONT).
    pub fn thaw(&self) {
        for pid in self.processes() {
            let _ = std::process::Command::new("kill")
                .args(["-CONT", &pid])
                .status();
        }
    }

    /// Starts the server again on the same port.
    pub fn start_again(&self) {
        if let Some(c) = &self.cluster {
            c.start_server();
        }
    }

    /// A URL on which nothing listens (a database that is down).
    pub fn unreachable_url() -> String {
        format!("postgres://missionbot@127.0.0.1:{}/postgres", free_port())
    }
}

impl Cluster {
    fn dir(&self) -> String {
        self.data.path().display().to_string()
    }

    /// Runs one of the server's tools; (success, output).
    fn run(&self, tool: &str, args: &[&str]) -> (bool, String) {
        let program = self.bin.join(tool);
        let mut cmd = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&program);
                c
            }
            None => Command::new(&program),
        };
        let out = cmd
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("running {}: {e}", program.display()));
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    }

    fn start_server(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c max_connections=60",
            self.port,
            self.dir()
        );
        let log = Path::new(&self.dir()).join("server.log");
        let started = Instant::now();
        let out = self.run(
            "pg_ctl",
            &[
                "-D",
                &self.dir(),
                "-l",
                &log.display().to_string(),
                "-o",
                &options,
                "-w",
                "-t",
                "30",
                "start",
            ],
        );
        assert!(
            out.0,
            "pg_ctl start failed after {:?}:\n{}\n{}",
            started.elapsed(),
            out.1,
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Some(c) = &self.cluster {
            let _ = c.run("pg_ctl", &["-D", &c.dir(), "-m", "immediate", "-w", "stop"]);
        }
    }
}

/// Waits until `check` holds, up to `within`; returns how long it took.
pub async fn eventually<F, Fut>(within: Duration, mut check: F) -> Option<Duration>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    while started.elapsed() < within {
        if check().await {
            return Some(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    None
}
