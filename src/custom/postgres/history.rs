//! A server's history in `moderation_history` (one row per change, the
//! entry whole as JSON), and the server row's own extras: the history's
//! counter, the follows and the alerts waiting for a digest.

use super::{db_count, db_error, from_db};
use crate::custom::model::{GuildState, HistoryEntry};
use crate::custom::store::StoreError;
use sqlx::{Postgres, Row, Transaction};

const EXTRAS: &str = "next_change, follows, next_follow, alert_queue";

fn entry_from(guild: i64, value: serde_json::Value) -> Result<HistoryEntry, StoreError> {
    serde_json::from_value(value).map_err(|e| StoreError::Encode(from_db(guild), e))
}

fn read_extras(
    guild: i64,
    row: &sqlx::postgres::PgRow,
    state: &mut GuildState,
) -> Result<(), StoreError> {
    let json = |name: &str| -> Result<serde_json::Value, StoreError> {
        row.try_get(name).map_err(db_error)
    };
    let decode = |e| StoreError::Encode(from_db(guild), e);
    state.next_change = from_db(row.try_get("next_change").map_err(db_error)?);
    state.next_follow = from_db(row.try_get("next_follow").map_err(db_error)?);
    state.follows = serde_json::from_value(json("follows")?).map_err(decode)?;
    state.alert_queue = serde_json::from_value(json("alert_queue")?).map_err(decode)?;
    Ok(())
}

/// Reads one server's history and extras into `state`.
pub(super) async fn read(
    tx: &mut Transaction<'static, Postgres>,
    guild: i64,
    state: &mut GuildState,
) -> Result<(), StoreError> {
    let row = sqlx::query(&format!("SELECT {EXTRAS} FROM guilds WHERE guild_id = $1"))
        .bind(guild)
        .fetch_optional(&mut **tx)
        .await
        .map_err(db_error)?;
    if let Some(row) = row {
        read_extras(guild, &row, state)?;
    }
    let rows =
        sqlx::query("SELECT entry FROM moderation_history WHERE guild_id = $1 ORDER BY number")
            .bind(guild)
            .fetch_all(&mut **tx)
            .await
            .map_err(db_error)?;
    state.history = rows
        .iter()
        .map(|row| entry_from(guild, row.try_get("entry").map_err(db_error)?))
        .collect::<Result<_, _>>()?;
    Ok(())
}

/// Every server's extras and history (in a `GuildState` holding only them).
pub(super) async fn read_all(
    tx: &mut Transaction<'static, Postgres>,
) -> Result<Vec<(i64, GuildState)>, StoreError> {
    let rows = sqlx::query(&format!("SELECT guild_id, {EXTRAS} FROM guilds"))
        .fetch_all(&mut **tx)
        .await
        .map_err(db_error)?;
    let mut out: Vec<(i64, GuildState)> = Vec::new();
    for row in &rows {
        let guild: i64 = row.try_get("guild_id").map_err(db_error)?;
        let mut extras = GuildState::default();
        read_extras(guild, row, &mut extras)?;
        out.push((guild, extras));
    }
    let history =
        sqlx::query("SELECT guild_id, entry FROM moderation_history ORDER BY guild_id, number")
            .fetch_all(&mut **tx)
            .await
            .map_err(db_error)?;
    for row in &history {
        let guild: i64 = row.try_get("guild_id").map_err(db_error)?;
        let entry = entry_from(guild, row.try_get("entry").map_err(db_error)?)?;
        if let Some((_, extras)) = out.iter_mut().find(|(g, _)| *g == guild) {
            extras.history.push(entry);
        }
    }
    Ok(out)
}

/// Writes the entries `after` added, removes those it trimmed, and the
/// server row's extras.
pub(super) async fn write(
    tx: &mut Transaction<'static, Postgres>,
    guild: i64,
    before: &GuildState,
    after: &GuildState,
) -> Result<(), StoreError> {
    if before.history == after.history
        && before.next_change == after.next_change
        && before.follows == after.follows
        && before.next_follow == after.next_follow
        && before.alert_queue == after.alert_queue
    {
        return Ok(());
    }
    for old in &before.history {
        if !after.history.iter().any(|e| e.number == old.number) {
            sqlx::query("DELETE FROM moderation_history WHERE guild_id = $1 AND number = $2")
                .bind(guild)
                .bind(db_count(old.number))
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
        }
    }
    let encode = |e| StoreError::Encode(from_db(guild), e);
    for new in &after.history {
        if before.history.iter().any(|e| e == new) {
            continue;
        }
        let entry = serde_json::to_value(new).map_err(encode)?;
        sqlx::query(
            "INSERT INTO moderation_history (guild_id, number, entry) VALUES ($1, $2, $3) \
             ON CONFLICT (guild_id, number) DO UPDATE SET entry = EXCLUDED.entry",
        )
        .bind(guild)
        .bind(db_count(new.number))
        .bind(entry)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    }
    sqlx::query(
        "UPDATE guilds SET next_change = $2, follows = $3, next_follow = $4, alert_queue = $5 \
         WHERE guild_id = $1",
    )
    .bind(guild)
    .bind(db_count(after.next_change))
    .bind(serde_json::to_value(&after.follows).map_err(encode)?)
    .bind(db_count(after.next_follow))
    .bind(serde_json::to_value(&after.alert_queue).map_err(encode)?)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}
