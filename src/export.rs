//! Taking the data away: a list as UTF-8 CSV ("Download CSV" and
//! `missionbot export --format csv`), and the data itself as JSON
//! (`missionbot export --format json`), a stable format with a version.
//!
//! The JSON export is the content of `data/` (or `MISSIONBOT_DATA_DIR`),
//! file by file, under a header that names the format and its version:
//!
//! ```json
//! {"format": "missionbot-export", "version": 1, "data_as_of": "2026-01-29",
//!  "missions": [...], "expulsions": [...], "relations": [...], ...}
//! ```
//!
//! A reader checks `format` and `version`; a later version only adds keys.

use crate::answers::table::Table;
use crate::dataset::{DataFiles, Dataset, FILE_NAMES};
use anyhow::{Context, Result};
use serde_json::{json, Map, Value};

/// The JSON export's name and version (bumped only for a change that is not
/// an addition).
pub const FORMAT: &str = "missionbot-export";
pub const VERSION: u32 = 1;

/// What `--what` selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Missions,
    Measures,
    Relations,
    Heads,
    Defections,
}

/// A table as CSV: a header row, then one row per item, UTF-8, quoted where
/// a value needs it.
pub fn csv_bytes(table: &Table) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(table.columns)
        .context("writing the CSV header")?;
    for row in &table.rows {
        writer.write_record(row).context("writing a CSV row")?;
    }
    writer.into_inner().context("finishing the CSV")
}

/// The whole list `what` names, as `missionbot export` writes it.
pub fn table_of(data: &Dataset, what: What) -> Result<Table> {
    use crate::query::Query;
    let query = match what {
        What::Heads => return Ok(crate::answers::table::heads(data)),
        What::Missions => Query::parse_line("/missions"),
        What::Measures => Query::parse_line("/expelled"),
        What::Relations => Query::parse_line("/relations"),
        What::Defections => Query::parse_line("/defections"),
    }
    .context("the export's own query")?;
    match crate::answers::table::table(data, &query, crate::i18n::Lang::ENGLISH) {
        Some(Ok(table)) => Ok(table),
        _ => anyhow::bail!("{what:?} cannot be listed"),
    }
}

/// The data files as one JSON document, all of them or the part `what`
/// names (always with the sources, so every id resolves to its link).
pub fn json_document(files: &DataFiles, data: &Dataset, what: Option<What>) -> Result<Value> {
    let texts = [
        &files.countries,
        &files.missions,
        &files.expulsions,
        &files.relations,
        &files.sources,
        &files.figures,
        &files.defections,
        &files.quotes,
        &files.names,
    ];
    let mut out = Map::new();
    out.insert("format".into(), json!(FORMAT));
    out.insert("version".into(), json!(VERSION));
    out.insert("data_as_of".into(), json!(data.as_of.iso()));
    let wanted: &[&str] = match what {
        None => &FILE_NAMES,
        Some(What::Missions | What::Heads) => &["missions.json", "sources.json"],
        Some(What::Measures) => &["expulsions.json", "sources.json"],
        Some(What::Relations) => &["relations.json", "sources.json"],
        Some(What::Defections) => &["defections.json", "sources.json"],
    };
    for (name, text) in FILE_NAMES.iter().zip(texts) {
        if !wanted.contains(name) {
            continue;
        }
        let value: Value = serde_json::from_str(text).with_context(|| format!("reading {name}"))?;
        out.insert(name.trim_end_matches(".json").to_owned(), value);
    }
    if what == Some(What::Heads) {
        let missions = out.remove("missions").unwrap_or_default();
        let heads: Vec<Value> = missions
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| {
                json!({
                    "mission": m["id"],
                    "country": m["country"],
                    "city": m["city"],
                    "heads": m["heads"],
                })
            })
            .collect();
        out.insert("heads".into(), Value::Array(heads));
    }
    Ok(Value::Object(out))
}
