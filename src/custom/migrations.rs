//! The PostgreSQL schema's migrations, embedded in the binary.
//!
//! Written out here rather than by sqlx's `migrate!` macro: the macro's
//! feature builds a second copy of sqlx, tokio and futures for the
//! proc-macro, about a tenth of a fresh build (BENCHMARKS.md, "Build and
//! test times"). Versions, descriptions and checksums are the ones the
//! macro would give, so databases migrated before keep working; a test
//! checks the table against the files in `migrations/`.

use futures::future::BoxFuture;
use sqlx::error::BoxDynError;
use sqlx::migrate::{MigrateError, Migration, MigrationSource, MigrationType, Migrator};
use std::borrow::Cow;

/// Every file of `migrations/` as (file name, SQL), in version order.
pub const FILES: &[(&str, &str)] = &[
    (
        "20261129000001_moderators_state.sql",
        include_str!("../../migrations/20261129000001_moderators_state.sql"),
    ),
    (
        "20261205000001_seen_interactions.sql",
        include_str!("../../migrations/20261205000001_seen_interactions.sql"),
    ),
    (
        "20261206000001_corrections.sql",
        include_str!("../../migrations/20261206000001_corrections.sql"),
    ),
    (
        "20261206000002_history.sql",
        include_str!("../../migrations/20261206000002_history.sql"),
    ),
    (
        "20261206000003_switches.sql",
        include_str!("../../migrations/20261206000003_switches.sql"),
    ),
    (
        "20261206000004_follows.sql",
        include_str!("../../migrations/20261206000004_follows.sql"),
    ),
];

/// The newest schema version this release knows.
pub fn latest_known() -> i64 {
    FILES
        .iter()
        .filter_map(|(file, _)| version_and_description(file))
        .map(|(version, _)| version)
        .max()
        .unwrap_or(0)
}

/// A file name's version and description, as sqlx reads them
/// (`<version>_<words_with_underscores>.sql`).
fn version_and_description(file: &str) -> Option<(i64, String)> {
    let (version, rest) = file.split_once('_')?;
    let description = rest.strip_suffix(".sql")?.replace('_', " ");
    Some((version.parse().ok()?, description))
}

fn migrations() -> Result<Vec<Migration>, BoxDynError> {
    FILES
        .iter()
        .map(|(file, sql)| {
            let (version, description) = version_and_description(file).ok_or_else(|| {
                format!("migration file name {file:?} is not <version>_<name>.sql")
            })?;
            Ok(Migration::new(
                version,
                Cow::Owned(description),
                MigrationType::Simple,
                Cow::Borrowed(*sql),
                sql.starts_with("-- no-transaction"),
            ))
        })
        .collect()
}

#[derive(Debug)]
struct Embedded;

impl<'s> MigrationSource<'s> for Embedded {
    fn resolve(self) -> BoxFuture<'s, Result<Vec<Migration>, BoxDynError>> {
        Box::pin(async { migrations() })
    }
}

/// The migrator over the embedded files.
pub async fn migrator() -> Result<Migrator, MigrateError> {
    Migrator::new(Embedded).await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file added to `migrations/` and forgotten here would never run.
    #[test]
    fn the_table_is_every_file_of_the_directory_with_its_text() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut on_disk: Vec<(String, String)> = std::fs::read_dir(dir)
            .expect("migrations/ is readable")
            .flatten()
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(e.path()).expect("a migration file");
                (name, text)
            })
            .collect();
        on_disk.sort();
        let embedded: Vec<(String, String)> = FILES
            .iter()
            .map(|(f, s)| (f.to_string(), s.to_string()))
            .collect();
        assert_eq!(embedded, on_disk);
        let versions: Vec<i64> = migrations()
            .expect("well-formed names")
            .iter()
            .map(|m| m.version)
            .collect();
        assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
        assert_eq!(
            versions,
            vec![
                20261129000001,
                20261205000001,
                20261206000001,
                20261206000002,
                20261206000003,
                20261206000004
            ]
        );
        assert_eq!(latest_known(), 20261206000004);
    }
}
