//! A server's history in `moderation_history` (one row per change, the
//! entry whole as JSON) and its counter in `guilds.next_change`.

use super::{db_count, db_error, from_db};
use crate::custom::model::{GuildState, HistoryEntry};
use crate::custom::store::StoreError;
use sqlx::{Postgres, Row, Transaction};

fn entry_from(guild: i64, value: serde_json::Value) -> Result<HistoryEntry, StoreError> {
    serde_json::from_value(value).map_err(|e| StoreError::Encode(from_db(guild), e))
}

/// Reads one server's history and counter into `state`.
pub(super) async fn read(
    tx: &mut Transaction<'static, Postgres>,
    guild: i64,
    state: &mut GuildState,
) -> Result<(), StoreError> {
    let next: Option<i64> =
        sqlx::query_scalar("SELECT next_change FROM guilds WHERE guild_id = $1")
            .bind(guild)
            .fetch_optional(&mut **tx)
            .await
            .map_err(db_error)?;
    state.next_change = next.map(from_db).unwrap_or(0);
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

/// Every server's history and counter, by server.
pub(super) async fn read_all(
    tx: &mut Transaction<'static, Postgres>,
) -> Result<Vec<(i64, u64, Vec<HistoryEntry>)>, StoreError> {
    let counters: Vec<(i64, i64)> = sqlx::query_as("SELECT guild_id, next_change FROM guilds")
        .fetch_all(&mut **tx)
        .await
        .map_err(db_error)?;
    let rows =
        sqlx::query("SELECT guild_id, entry FROM moderation_history ORDER BY guild_id, number")
            .fetch_all(&mut **tx)
            .await
            .map_err(db_error)?;
    let mut out: Vec<(i64, u64, Vec<HistoryEntry>)> = counters
        .into_iter()
        .map(|(g, n)| (g, from_db(n), Vec::new()))
        .collect();
    for row in &rows {
        let guild: i64 = row.try_get("guild_id").map_err(db_error)?;
        let entry = entry_from(guild, row.try_get("entry").map_err(db_error)?)?;
        if let Some(slot) = out.iter_mut().find(|(g, _, _)| *g == guild) {
            slot.2.push(entry);
        }
    }
    Ok(out)
}

/// Writes the entries `after` added and removes those it trimmed.
pub(super) async fn write(
    tx: &mut Transaction<'static, Postgres>,
    guild: i64,
    before: &GuildState,
    after: &GuildState,
) -> Result<(), StoreError> {
    if before.history == after.history && before.next_change == after.next_change {
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
    for new in &after.history {
        if before.history.iter().any(|e| e == new) {
            continue;
        }
        let entry = serde_json::to_value(new).map_err(|e| StoreError::Encode(from_db(guild), e))?;
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
    sqlx::query("UPDATE guilds SET next_change = $2 WHERE guild_id = $1")
        .bind(guild)
        .bind(db_count(after.next_change))
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    Ok(())
}
