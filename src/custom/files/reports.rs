//! Readers' reports of wrong facts, in `corrections.jsonl` beside the
//! servers' files (and the data's summary last announced, `data-seen.json`):
//! one JSON line per report as it was added or resolved,
//! appended and fsynced (the latest line of an id is the report). A line
//! that cannot be read (a torn last line after a crash) is skipped and
//! logged, never fatal.

use super::{FileDir, Report, StoreError};
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::PathBuf;
use tracing::warn;

const FILE: &str = "corrections.jsonl";

impl FileDir {
    fn reports_path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// Every report, by id, as its latest line says.
    fn all_reports(&self) -> Result<Vec<Report>, StoreError> {
        let path = self.reports_path();
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(StoreError::Read {
                    path: path.display().to_string(),
                    source,
                })
            }
        };
        let mut by_id = std::collections::BTreeMap::new();
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            match serde_json::from_str::<Report>(line) {
                Ok(report) => {
                    by_id.insert(report.id, report);
                }
                Err(e) => {
                    warn!(path = %path.display(), line = n + 1, error = %e, "skipped a report line that cannot be read")
                }
            }
        }
        Ok(by_id.into_values().collect())
    }

    fn append(&self, report: &Report) -> Result<(), StoreError> {
        let path = self.reports_path();
        let werr = |source| StoreError::Write {
            path: path.display().to_string(),
            source,
        };
        if self.read_only {
            return Err(werr(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "opened only to be read (a copy's source)",
            )));
        }
        let mut line = serde_json::to_vec(report).map_err(|e| StoreError::Encode(0, e))?;
        line.push(b'\n');
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(werr)?;
        file.write_all(&line).map_err(werr)?;
        file.sync_all().map_err(werr)
    }

    pub(super) fn add_report(&self, mut report: Report) -> Result<Report, StoreError> {
        let _one_writer = super::lock(&self.reports);
        report.id = self.all_reports()?.iter().map(|r| r.id).max().unwrap_or(0) + 1;
        self.append(&report)?;
        Ok(report)
    }

    pub(super) fn resolve_report(
        &self,
        guild: Option<u64>,
        id: u64,
        by: &str,
        at: &str,
    ) -> Result<Option<Report>, StoreError> {
        let _one_writer = super::lock(&self.reports);
        let Some(mut report) = self
            .all_reports()?
            .into_iter()
            .find(|r| r.id == id && r.guild == guild)
        else {
            return Ok(None);
        };
        if report.resolved_by.is_none() {
            report.resolved_by = Some(by.to_owned());
            report.resolved_at = Some(at.to_owned());
            self.append(&report)?;
        }
        Ok(Some(report))
    }

    /// `data-seen.json`: the data's summary last announced to followers.
    pub(super) fn swap_data_summary(
        &self,
        summary: serde_json::Value,
    ) -> Result<Option<serde_json::Value>, StoreError> {
        let path = self.dir.join("data-seen.json");
        let previous: Option<serde_json::Value> = fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok());
        if previous.as_ref() == Some(&summary) {
            return Ok(None);
        }
        let bytes = serde_json::to_vec(&summary).map_err(|e| StoreError::Encode(0, e))?;
        let tmp = self.dir.join("data-seen.json.tmp");
        let werr = |source| StoreError::Write {
            path: path.display().to_string(),
            source,
        };
        fs::write(&tmp, bytes).map_err(werr)?;
        fs::rename(&tmp, &path).map_err(werr)?;
        Ok(previous)
    }

    pub(super) fn reports_of(&self, guild: Option<u64>) -> Result<Vec<Report>, StoreError> {
        Ok(self
            .all_reports()?
            .into_iter()
            .filter(|r| r.guild == guild)
            .collect())
    }
}
