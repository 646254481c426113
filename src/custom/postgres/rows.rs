//! Rows of `custom_commands` and `news_records` as the model's types.

use super::{db_error, from_db};
use crate::custom::model::{CustomCommand, NewsRecord};
use crate::custom::store::StoreError;
use sqlx::Row;

pub(super) fn command_from(row: &sqlx::postgres::PgRow) -> Result<CustomCommand, sqlx::Error> {
    Ok(CustomCommand {
        name: row.try_get("name")?,
        response: row.try_get("response")?,
        description: row.try_get("description")?,
        title: row.try_get("title")?,
        source_url: row.try_get("source_url")?,
        ephemeral: row.try_get("ephemeral")?,
        author_id: from_db(row.try_get("author_id")?),
        author_name: row.try_get("author_name")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        uses: from_db(row.try_get("uses")?),
        switches: serde_json::from_value(row.try_get("switches")?).unwrap_or_default(),
    })
}

pub(super) fn record_from(row: &sqlx::postgres::PgRow) -> Result<NewsRecord, StoreError> {
    let what: serde_json::Value = row.try_get("what").map_err(db_error)?;
    let id: String = row.try_get("id").map_err(db_error)?;
    Ok(NewsRecord {
        what: serde_json::from_value(what)
            .map_err(|e| StoreError::Database(format!("record {id} cannot be read: {e}")))?,
        id,
        source_url: row.try_get("source_url").map_err(db_error)?,
        recorded_by: row.try_get("recorded_by").map_err(db_error)?,
        recorded_by_id: from_db(row.try_get("recorded_by_id").map_err(db_error)?),
        recorded_on: row.try_get("recorded_on").map_err(db_error)?,
    })
}

pub(super) const COMMAND_COLUMNS: &str =
    "guild_id, name, response, description, title, source_url, ephemeral, \
     author_id, author_name, created_at, updated_at, uses, switches";
pub(super) const RECORD_COLUMNS: &str =
    "guild_id, id, what, source_url, recorded_by, recorded_by_id, recorded_on";
