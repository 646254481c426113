//! The shared store: moderators' state in PostgreSQL, for several bot
//! processes (shards, failover, HTTP workers) serving the same servers.
//!
//! Every change is one transaction that locks the server's `guilds` row
//! (`SELECT … FOR UPDATE`), reads the server's rows, applies the change to
//! that fresh state, writes only the rows that changed, bumps the row's
//! revision and sends a `NOTIFY`. Two processes changing one server thus
//! apply one after the other, each on the other's result: none is lost.
//! The schema also holds Discord's 100 commands per server and distinct
//! names itself (`migrations/`), whoever writes.
//!
//! Each process listens on [`CHANNEL`] and reloads a server another process
//! changed; after a dropped connection it reloads everything, since
//! notifications sent meanwhile are gone.

use super::model::{GuildState, NewsKind, Report};
use super::store::{Applied, Change, Store, StoreError, StoreEvent};
use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPool, PgPoolOptions};
use sqlx::{Postgres, Row, Transaction};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::mpsc;
use tracing::{info, warn};

/// The notification channel; payload `guild:revision:origin`.
pub const CHANNEL: &str = "missionbot_state";

/// How long a moderator's change may wait for a connection or a lock: the
/// moderator is answered at 2 seconds at the latest (see
/// `interactions::core::moderators::MODERATOR_DEADLINE`), so that a
/// database that is down or busy is reported as "not saved", never left
/// as "not confirmed yet".
const WAIT_AT_MOST: Duration = Duration::from_millis(1500);

pub struct PgStore {
    pool: PgPool,
    /// Names this process in notifications, so it skips its own.
    origin: String,
    where_: String,
    events: Mutex<Option<mpsc::UnboundedReceiver<StoreEvent>>>,
    /// Interactions recorded by this process (old ones are purged now and then).
    sightings: std::sync::atomic::AtomicU64,
}

mod history;
mod reports;
mod rows;
use rows::{command_from, record_from, COMMAND_COLUMNS, RECORD_COLUMNS};

/// `user@host:port/database`, never the password.
fn describe_options(options: &PgConnectOptions) -> String {
    format!(
        "PostgreSQL {}@{}:{}/{}",
        options.get_username(),
        options.get_host(),
        options.get_port(),
        options.get_database().unwrap_or(options.get_username())
    )
}

impl PgStore {
    /// Connects (one connection is made at once, so an unreachable database
    /// fails here, at start) without touching the schema.
    pub async fn connect(url: &str) -> Result<PgStore, StoreError> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| {
                StoreError::Database(format!(
                    "MISSIONBOT_DATABASE_URL is not a PostgreSQL URL: {e}"
                ))
            })?
            // A change waits for a lock at most this long, then is refused, not hung.
            .options([("lock_timeout", "1500ms"), ("statement_timeout", "10s")]);
        let where_ = describe_options(&options);
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(WAIT_AT_MOST)
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Unreachable(format!("{where_}: {e}")))?;
        Ok(PgStore {
            pool,
            origin: format!("{}-{}", std::process::id(), nanos_now()),
            where_,
            events: Mutex::new(None),
            sightings: std::sync::atomic::AtomicU64::new(0),
        })
    }

    /// Applies the embedded migrations not yet applied (several processes
    /// starting at once are serialized by the migrator's advisory lock);
    /// returns the versions now applied.
    pub async fn migrate(&self) -> Result<Vec<i64>, StoreError> {
        let failed = |e: sqlx::migrate::MigrateError| {
            StoreError::Database(format!("migrating {}: {e}", self.where_))
        };
        if !self.schema_is_newer().await? {
            super::migrations::migrator()
                .await
                .map_err(failed)?
                .run(&self.pool)
                .await
                .map_err(failed)?;
        }
        let versions: Vec<i64> = sqlx::query_scalar(
            "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(versions)
    }

    /// Whether the database holds migrations this release does not know
    /// (a newer release ran): fine when the newer schema says this release
    /// still works on it (`schema_compat.oldest_reader`), a plain error when
    /// it does not. Migrating is then left to the newer release.
    async fn schema_is_newer(&self) -> Result<bool, StoreError> {
        let known = super::migrations::latest_known();
        let applied: Option<i64> =
            sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(&self.pool)
                .await
                .unwrap_or(None);
        let Some(applied) = applied.filter(|&v| v > known) else {
            return Ok(false);
        };
        let oldest_reader: Option<i64> =
            sqlx::query_scalar("SELECT oldest_reader FROM schema_compat")
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
        match oldest_reader {
            Some(oldest) if known >= oldest => {
                info!(known, applied, oldest_reader = oldest, "the database's schema is newer than this release and says this release works on it");
                Ok(true)
            }
            oldest => Err(StoreError::Database(format!(
                "this missionbot is too old for the database {}: it knows schema versions up to {known}, the database is at {applied} and needs a release that knows at least {}. \
                 Run the newer release, or restore the database from a backup taken before the upgrade (README, \"Rolling back\")",
                self.where_,
                oldest.map_or_else(|| applied.to_string(), |v| v.to_string())
            ))),
        }
    }

    /// Starts listening for other processes' changes; the events come out
    /// of [`Store::events`]. Listening starts before this returns, so a
    /// state loaded afterwards misses nothing.
    pub async fn listen(&self) -> Result<(), StoreError> {
        let mut listener = PgListener::connect_with(&self.pool)
            .await
            .map_err(db_error)?;
        listener.listen(CHANNEL).await.map_err(db_error)?;
        let (sender, receiver) = mpsc::unbounded_channel();
        *self.events.lock().unwrap_or_else(|e| e.into_inner()) = Some(receiver);
        tokio::spawn(follow_notifications(
            self.pool.clone(),
            listener,
            self.origin.clone(),
            sender,
        ));
        Ok(())
    }

    async fn begin(&self) -> Result<Transaction<'static, Postgres>, StoreError> {
        match self.pool.begin().await {
            Ok(tx) => Ok(tx),
            Err(sqlx::Error::PoolTimedOut) => Err(self.why_no_connection().await),
            Err(e) => Err(db_error(e)),
        }
    }

    /// "Pool timed out" hides the cause: one direct connection attempt
    /// tells a database that refuses connections (or is not there) from one
    /// whose connections are all busy.
    async fn why_no_connection(&self) -> StoreError {
        use sqlx::Connection as _;
        let options = self.pool.connect_options();
        let attempt = tokio::time::timeout(
            Duration::from_millis(500),
            sqlx::PgConnection::connect_with(&options),
        )
        .await;
        let why = match attempt {
            Ok(Err(e)) => e.to_string(),
            Ok(Ok(connection)) => {
                let _ = connection.close().await;
                format!(
                    "every connection of the pool is busy (at most {})",
                    self.pool.options().get_max_connections()
                )
            }
            Err(_) => "the server does not answer (no connection within 500 ms)".to_owned(),
        };
        StoreError::Unreachable(format!("{}: {why}", self.where_))
    }
}

fn nanos_now() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Forwards other processes' notifications; on a lost connection,
/// reconnects with backoff and asks for a full reload.
async fn follow_notifications(
    pool: PgPool,
    mut listener: PgListener,
    origin: String,
    events: mpsc::UnboundedSender<StoreEvent>,
) {
    loop {
        loop {
            match listener.try_recv().await {
                Ok(Some(note)) => {
                    if let Some(event) = parse_notification(note.payload(), &origin) {
                        if events.send(event).is_err() {
                            return;
                        }
                    }
                }
                Ok(None) => {
                    warn!("lost the database connection that receives changes; reconnecting");
                    break;
                }
                Err(e) => {
                    warn!(error = %e, "receiving changes from the database failed; reconnecting");
                    break;
                }
            }
        }
        let mut wait = Duration::from_millis(200);
        listener = loop {
            if events.is_closed() {
                return;
            }
            tokio::time::sleep(wait).await;
            match PgListener::connect_with(&pool).await {
                Ok(mut l) => match l.listen(CHANNEL).await {
                    Ok(()) => break l,
                    Err(e) => warn!(error = %e, "listening again failed"),
                },
                Err(e) => warn!(error = %e, "reconnecting to the database failed; will retry"),
            }
            wait = (wait * 2).min(Duration::from_secs(5));
        };
        info!("reconnected to the database; reloading every server's state");
        if events.send(StoreEvent::Resync).is_err() {
            return;
        }
    }
}

/// `guild:revision:origin` → a change made by another process.
fn parse_notification(payload: &str, own_origin: &str) -> Option<StoreEvent> {
    let mut parts = payload.splitn(3, ':');
    let guild = parts.next()?.parse().ok()?;
    let revision = parts.next()?.parse().ok()?;
    let origin = parts.next()?;
    (origin != own_origin).then_some(StoreEvent::Changed { guild, revision })
}

/// A lost or refused connection is "unreachable"; a violated rule is
/// "refused"; anything else is a database error.
fn db_error(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => StoreError::Unreachable(e.to_string()),
        sqlx::Error::Database(d) => match d.code().as_deref() {
            // unique, check, foreign key violations; lock timeout
            Some("23505" | "23514" | "23503" | "55P03") => {
                StoreError::Refused(d.message().to_owned())
            }
            // the server shutting down or the connection failing mid-way
            Some(code) if code.starts_with("08") || code.starts_with("57P") => {
                StoreError::Unreachable(d.message().to_owned())
            }
            _ => StoreError::Database(e.to_string()),
        },
        _ => StoreError::Database(e.to_string()),
    }
}

/// Discord ids are below 2^63, so they fit PostgreSQL's BIGINT.
fn db_id(id: u64) -> Result<i64, StoreError> {
    i64::try_from(id).map_err(|_| StoreError::Refused(format!("{id} is not a Discord id")))
}

fn db_count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn from_db(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Reads one guild's rows (within a transaction that holds its row lock).
async fn read_guild(
    tx: &mut Transaction<'static, Postgres>,
    guild: i64,
    next_record: i64,
    corrections_channel: Option<i64>,
) -> Result<GuildState, StoreError> {
    let commands = sqlx::query(&format!(
        "SELECT {COMMAND_COLUMNS} FROM custom_commands WHERE guild_id = $1 ORDER BY position, name"
    ))
    .bind(guild)
    .fetch_all(&mut **tx)
    .await
    .map_err(db_error)?;
    let records = sqlx::query(&format!(
        "SELECT {RECORD_COLUMNS} FROM news_records WHERE guild_id = $1 ORDER BY position, id"
    ))
    .bind(guild)
    .fetch_all(&mut **tx)
    .await
    .map_err(db_error)?;
    let mut state = GuildState {
        commands: commands
            .iter()
            .map(command_from)
            .collect::<Result<_, _>>()
            .map_err(db_error)?,
        records: records.iter().map(record_from).collect::<Result<_, _>>()?,
        next_record: from_db(next_record),
        corrections_channel: corrections_channel.map(from_db),
        ..GuildState::default()
    };
    history::read(tx, guild, &mut state).await?;
    Ok(state)
}

/// Writes the rows that differ between `before` and `after`.
async fn write_changes(
    tx: &mut Transaction<'static, Postgres>,
    guild: i64,
    before: &GuildState,
    after: &GuildState,
) -> Result<(), StoreError> {
    history::write(tx, guild, before, after).await?;
    for old in &before.commands {
        if !after.commands.iter().any(|c| c.name == old.name) {
            sqlx::query("DELETE FROM custom_commands WHERE guild_id = $1 AND name = $2")
                .bind(guild)
                .bind(&old.name)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
        }
    }
    for (position, c) in after.commands.iter().enumerate() {
        if before.commands.get(position) == Some(c) {
            continue;
        }
        sqlx::query(
            "INSERT INTO custom_commands (guild_id, name, position, response, description, title, source_url, \
             ephemeral, author_id, author_name, created_at, updated_at, uses, switches) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
             ON CONFLICT (guild_id, name) DO UPDATE SET position = EXCLUDED.position, \
             response = EXCLUDED.response, description = EXCLUDED.description, title = EXCLUDED.title, \
             source_url = EXCLUDED.source_url, ephemeral = EXCLUDED.ephemeral, author_id = EXCLUDED.author_id, \
             author_name = EXCLUDED.author_name, created_at = EXCLUDED.created_at, \
             updated_at = EXCLUDED.updated_at, uses = EXCLUDED.uses, switches = EXCLUDED.switches",
        )
        .bind(guild)
        .bind(&c.name)
        .bind(i32::try_from(position).unwrap_or(i32::MAX))
        .bind(&c.response)
        .bind(&c.description)
        .bind(&c.title)
        .bind(&c.source_url)
        .bind(c.ephemeral)
        .bind(db_id(c.author_id)?)
        .bind(&c.author_name)
        .bind(&c.created_at)
        .bind(&c.updated_at)
        .bind(db_count(c.uses))
        .bind(serde_json::to_value(&c.switches).map_err(|e| StoreError::Encode(from_db(guild), e))?)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    }
    for old in &before.records {
        if !after.records.iter().any(|r| r.id == old.id) {
            sqlx::query("DELETE FROM news_records WHERE guild_id = $1 AND id = $2")
                .bind(guild)
                .bind(&old.id)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
        }
    }
    for (position, r) in after.records.iter().enumerate() {
        if before.records.get(position) == Some(r) {
            continue;
        }
        let (kind, country, date) = match &r.what {
            NewsKind::Expulsion { country, date, .. } => ("expulsion", country, date),
            NewsKind::MissionStatus { country, date, .. } => ("mission_status", country, date),
        };
        let what =
            serde_json::to_value(&r.what).map_err(|e| StoreError::Encode(from_db(guild), e))?;
        sqlx::query(
            "INSERT INTO news_records (guild_id, id, position, kind, country, date, what, source_url, \
             recorded_by, recorded_by_id, recorded_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             ON CONFLICT (guild_id, id) DO UPDATE SET position = EXCLUDED.position, kind = EXCLUDED.kind, \
             country = EXCLUDED.country, date = EXCLUDED.date, what = EXCLUDED.what, \
             source_url = EXCLUDED.source_url, recorded_by = EXCLUDED.recorded_by, \
             recorded_by_id = EXCLUDED.recorded_by_id, recorded_on = EXCLUDED.recorded_on",
        )
        .bind(guild)
        .bind(&r.id)
        .bind(i32::try_from(position).unwrap_or(i32::MAX))
        .bind(kind)
        .bind(country)
        .bind(date)
        .bind(what)
        .bind(&r.source_url)
        .bind(&r.recorded_by)
        .bind(db_id(r.recorded_by_id)?)
        .bind(&r.recorded_on)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    }
    Ok(())
}

#[async_trait]
impl Store for PgStore {
    async fn first_sighting(&self, interaction: u64) -> Result<bool, StoreError> {
        let id = i64::try_from(interaction).unwrap_or(i64::MAX);
        let inserted =
            sqlx::query("INSERT INTO seen_interactions (id) VALUES ($1) ON CONFLICT DO NOTHING")
                .bind(id)
                .execute(&self.pool)
                .await
                .map_err(db_error)?
                .rows_affected();
        // Now and then, forget what no signature window can bring back.
        if self
            .sightings
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            % 256
            == 0
        {
            let _ = sqlx::query(
                "DELETE FROM seen_interactions WHERE seen_at < now() - interval '15 minutes'",
            )
            .execute(&self.pool)
            .await;
        }
        Ok(inserted == 1)
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(|e| StoreError::Unreachable(e.to_string()))
    }

    fn describe(&self) -> String {
        self.where_.clone()
    }

    async fn add_report(&self, report: Report) -> Result<Report, StoreError> {
        self.insert_report(report).await
    }

    async fn resolve_report(
        &self,
        guild: Option<u64>,
        id: u64,
        by: &str,
        at: &str,
    ) -> Result<Option<Report>, StoreError> {
        self.mark_report_resolved(guild, id, by, at).await
    }

    async fn reports(&self, guild: Option<u64>) -> Result<Vec<Report>, StoreError> {
        self.select_reports(guild).await
    }

    async fn swap_data_summary(
        &self,
        summary: serde_json::Value,
    ) -> Result<Option<serde_json::Value>, StoreError> {
        self.swap_summary(summary).await
    }

    async fn load_all(&self) -> Result<Vec<(u64, GuildState)>, StoreError> {
        // One snapshot for the three tables, so a concurrent change is seen whole or not at all.
        let mut tx = self.begin().await?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        let guilds: Vec<(i64, i64, Option<i64>)> = sqlx::query_as(
            "SELECT guild_id, next_record, corrections_channel FROM guilds ORDER BY guild_id",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(db_error)?;
        let mut states: HashMap<i64, GuildState> = guilds
            .iter()
            .map(|&(g, next, channel)| {
                (
                    g,
                    GuildState {
                        next_record: from_db(next),
                        corrections_channel: channel.map(from_db),
                        ..GuildState::default()
                    },
                )
            })
            .collect();
        let commands = sqlx::query(&format!(
            "SELECT {COMMAND_COLUMNS} FROM custom_commands ORDER BY guild_id, position, name"
        ))
        .fetch_all(&mut *tx)
        .await
        .map_err(db_error)?;
        for row in &commands {
            let guild: i64 = row.try_get("guild_id").map_err(db_error)?;
            let command = command_from(row).map_err(db_error)?;
            states.entry(guild).or_default().commands.push(command);
        }
        let records = sqlx::query(&format!(
            "SELECT {RECORD_COLUMNS} FROM news_records ORDER BY guild_id, position, id"
        ))
        .fetch_all(&mut *tx)
        .await
        .map_err(db_error)?;
        for row in &records {
            let guild: i64 = row.try_get("guild_id").map_err(db_error)?;
            states
                .entry(guild)
                .or_default()
                .records
                .push(record_from(row)?);
        }
        for (guild, extras) in history::read_all(&mut tx).await? {
            let state = states.entry(guild).or_default();
            state.next_change = extras.next_change;
            state.history = extras.history;
            state.follows = extras.follows;
            state.next_follow = extras.next_follow;
            state.alert_queue = extras.alert_queue;
        }
        tx.commit().await.map_err(db_error)?;
        let mut all: Vec<(u64, GuildState)> =
            states.into_iter().map(|(g, s)| (from_db(g), s)).collect();
        all.sort_by_key(|(g, _)| *g);
        Ok(all)
    }

    async fn load(&self, guild: u64) -> Result<Applied, StoreError> {
        let id = db_id(guild)?;
        let mut tx = self.begin().await?;
        // FOR SHARE waits for a change in progress and keeps the next one out while reading.
        let row: Option<(i64, i64, Option<i64>)> = sqlx::query_as(
            "SELECT revision, next_record, corrections_channel FROM guilds WHERE guild_id = $1 FOR SHARE",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_error)?;
        let Some((revision, next_record, channel)) = row else {
            return Ok(Applied::default());
        };
        let state = read_guild(&mut tx, id, next_record, channel).await?;
        tx.commit().await.map_err(db_error)?;
        Ok(Applied { state, revision })
    }

    async fn apply(
        &self,
        guild: u64,
        _cached: &GuildState,
        change: Change<'_>,
    ) -> Result<Option<Applied>, StoreError> {
        let id = db_id(guild)?;
        let mut tx = self.begin().await?;
        sqlx::query("INSERT INTO guilds (guild_id) VALUES ($1) ON CONFLICT DO NOTHING")
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        let (revision, next_record, channel): (i64, i64, Option<i64>) = sqlx::query_as(
            "SELECT revision, next_record, corrections_channel FROM guilds WHERE guild_id = $1 FOR UPDATE",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_error)?;
        let before = read_guild(&mut tx, id, next_record, channel).await?;
        let mut after = before.clone();
        if !change(&mut after) {
            // Dropping the transaction rolls it back.
            return Ok(None);
        }
        write_changes(&mut tx, id, &before, &after).await?;
        let revision = revision + 1;
        sqlx::query(
            "UPDATE guilds SET revision = $2, next_record = $3, corrections_channel = $4 WHERE guild_id = $1",
        )
        .bind(id)
        .bind(revision)
        .bind(db_count(after.next_record))
        .bind(after.corrections_channel.map(db_count))
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
        // Delivered at commit, and only if it commits.
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(format!("{guild}:{revision}:{}", self.origin))
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        Ok(Some(Applied {
            state: after,
            revision,
        }))
    }

    async fn keep_aside(&self, guild: u64, state: &GuildState) -> Result<String, StoreError> {
        let json = serde_json::to_value(state).map_err(|e| StoreError::Encode(guild, e))?;
        let row: (i64,) =
            sqlx::query_as("INSERT INTO set_aside (guild_id, state) VALUES ($1, $2) RETURNING id")
                .bind(db_id(guild)?)
                .bind(json)
                .fetch_one(&self.pool)
                .await
                .map_err(db_error)?;
        Ok(format!("row {} of the table set_aside", row.0))
    }

    fn events(&self) -> Option<mpsc::UnboundedReceiver<StoreEvent>> {
        self.events.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_name_another_process_or_are_skipped() {
        assert_eq!(
            parse_notification("12:3:p2", "p1"),
            Some(StoreEvent::Changed {
                guild: 12,
                revision: 3
            })
        );
        assert_eq!(parse_notification("12:3:p1", "p1"), None);
        assert_eq!(parse_notification("garbage", "p1"), None);
        assert_eq!(parse_notification("12:x:p2", "p1"), None);
    }

    #[test]
    fn descriptions_never_show_the_password() {
        let options =
            PgConnectOptions::from_str("postgres://bot:s3cret@db.example:6543/missions").unwrap();
        let text = describe_options(&options);
        assert_eq!(text, "PostgreSQL bot@db.example:6543/missions");
        assert!(!text.contains("s3cret"));
    }
}
