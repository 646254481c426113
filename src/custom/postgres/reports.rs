//! Readers' reports of wrong facts in `correction_reports`: one row each,
//! numbered by the database, shared by every process.

use super::{db_count, db_error, db_id, from_db, PgStore};
use crate::custom::model::Report;
use crate::custom::store::StoreError;
use sqlx::Row;

impl PgStore {
    /// The data's summary last announced (`data_seen`), swapped in one
    /// transaction that locks it: of processes starting together on a new
    /// release, exactly one sees the old summary and announces.
    pub(super) async fn swap_summary(
        &self,
        summary: serde_json::Value,
    ) -> Result<Option<serde_json::Value>, StoreError> {
        let mut tx = self.pool.begin().await.map_err(db_error)?;
        sqlx::query("LOCK TABLE data_seen IN EXCLUSIVE MODE")
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        let previous: Option<serde_json::Value> =
            sqlx::query_scalar("SELECT summary FROM data_seen")
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
        if previous.as_ref() == Some(&summary) {
            return Ok(None);
        }
        sqlx::query(
            "INSERT INTO data_seen (only_row, summary) VALUES (TRUE, $1) \
             ON CONFLICT (only_row) DO UPDATE SET summary = EXCLUDED.summary",
        )
        .bind(&summary)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        Ok(previous)
    }

    pub(super) async fn insert_report(&self, report: Report) -> Result<Report, StoreError> {
        let guild = report.guild.map(db_id).transpose()?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO correction_reports \
             (guild_id, reporter_id, reporter_name, query, data_as_of, what, source_url, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(guild)
        .bind(db_count(report.reporter_id))
        .bind(&report.reporter_name)
        .bind(&report.query)
        .bind(&report.data_as_of)
        .bind(&report.what)
        .bind(&report.source_url)
        .bind(&report.created_at)
        .fetch_one(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(Report {
            id: from_db(id),
            ..report
        })
    }

    pub(super) async fn mark_report_resolved(
        &self,
        guild: Option<u64>,
        id: u64,
        by: &str,
        at: &str,
    ) -> Result<Option<Report>, StoreError> {
        let guild = guild.map(db_id).transpose()?;
        // The first moderator's name stays: a second press changes nothing.
        let row = sqlx::query(&format!(
            "UPDATE correction_reports SET resolved_by = COALESCE(resolved_by, $3), \
             resolved_at = COALESCE(resolved_at, $4) \
             WHERE id = $1 AND guild_id IS NOT DISTINCT FROM $2 RETURNING {REPORT_COLUMNS}"
        ))
        .bind(db_count(id))
        .bind(guild)
        .bind(by)
        .bind(at)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.as_ref().map(report_from).transpose().map_err(db_error)
    }

    pub(super) async fn select_reports(
        &self,
        guild: Option<u64>,
    ) -> Result<Vec<Report>, StoreError> {
        let guild = guild.map(db_id).transpose()?;
        let rows = sqlx::query(&format!(
            "SELECT {REPORT_COLUMNS} FROM correction_reports \
             WHERE guild_id IS NOT DISTINCT FROM $1 ORDER BY id"
        ))
        .bind(guild)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.iter()
            .map(report_from)
            .collect::<Result<_, _>>()
            .map_err(db_error)
    }
}

const REPORT_COLUMNS: &str = "id, guild_id, reporter_id, reporter_name, query, data_as_of, \
     what, source_url, created_at, resolved_by, resolved_at";

fn report_from(row: &sqlx::postgres::PgRow) -> Result<Report, sqlx::Error> {
    Ok(Report {
        id: from_db(row.try_get("id")?),
        guild: row.try_get::<Option<i64>, _>("guild_id")?.map(from_db),
        reporter_id: from_db(row.try_get("reporter_id")?),
        reporter_name: row.try_get("reporter_name")?,
        query: row.try_get("query")?,
        data_as_of: row.try_get("data_as_of")?,
        what: row.try_get("what")?,
        source_url: row.try_get("source_url")?,
        created_at: row.try_get("created_at")?,
        resolved_by: row.try_get("resolved_by")?,
        resolved_at: row.try_get("resolved_at")?,
    })
}
