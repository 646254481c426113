//! `missionbot eval FILE`: runs a question file and scores the answers.
//!
//! The file format is `../shared/eval/questions.json`: each reply (all pages
//! as plain text) must contain every `must` string, one of each `must_any`
//! list, and no `must_not` string; matching ignores case and diacritics, and
//! ISO dates also match their written forms ("7 September 2017").

use crate::cli::reply_to_line;
use crate::dataset::{date::month_name, Dataset, PartialDate};
use crate::i18n::Lang;
use crate::render;
use crate::text::fold;
use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Deserialize)]
pub struct EvalFile {
    pub questions: Vec<EvalQuestion>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EvalQuestion {
    pub id: String,
    pub q: String,
    #[serde(default)]
    pub must: Vec<String>,
    #[serde(default)]
    pub must_any: Vec<Vec<String>>,
    #[serde(default)]
    pub must_not: Vec<String>,
}

/// The outcome of one question: what was missing or should not be there.
#[derive(Debug)]
pub struct Outcome {
    pub id: String,
    pub problems: Vec<String>,
}

/// Every way a wanted string may be written in a reply, folded.
fn spellings(wanted: &str) -> Vec<String> {
    let mut out = vec![fold(wanted)];
    if let Some(d) = PartialDate::parse(wanted) {
        let (Some(m), year) = (d.month, d.year) else {
            return out;
        };
        let long = month_name(m);
        let short = &long[..3];
        match d.day {
            Some(day) => {
                out.push(fold(&format!("{day} {short} {year}")));
                out.push(fold(&format!("{day} {long} {year}")));
                out.push(fold(&format!("{long} {day}, {year}")));
            }
            None => {
                out.push(fold(&format!("{short} {year}")));
                out.push(fold(&format!("{long} {year}")));
            }
        }
    }
    out
}

fn contains(haystack: &str, wanted: &str) -> bool {
    spellings(wanted)
        .iter()
        .any(|s| haystack.contains(s.as_str()))
}

/// Checks one reply text against a question's rules.
pub fn judge(question: &EvalQuestion, reply_text: &str) -> Outcome {
    let hay = format!(" {} ", fold(reply_text));
    let mut problems = Vec::new();
    for m in &question.must {
        if !contains(&hay, m) {
            problems.push(format!("missing {m:?}"));
        }
    }
    for group in &question.must_any {
        if !group.iter().any(|m| contains(&hay, m)) {
            problems.push(format!("missing one of {group:?}"));
        }
    }
    for m in &question.must_not {
        if contains(&hay, m) {
            problems.push(format!("should not contain {m:?}"));
        }
    }
    Outcome {
        id: question.id.clone(),
        problems,
    }
}

/// Answers every question and judges the replies.
pub fn evaluate(data: &Dataset, questions: &[EvalQuestion], lang: Lang) -> Vec<Outcome> {
    questions
        .iter()
        .map(|q| {
            let (reply, _) = reply_to_line(data, &q.q, lang);
            judge(q, &render::text(&reply))
        })
        .collect()
}

pub fn run(file: &Path, quiet: bool, lang: Lang) -> Result<i32> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let parsed: EvalFile =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", file.display()))?;
    let data = Dataset::load_default().context("loading the dataset")?;
    let outcomes = evaluate(&data, &parsed.questions, lang);
    let passed = outcomes.iter().filter(|o| o.problems.is_empty()).count();
    let mut report = String::new();
    for (o, q) in outcomes.iter().zip(&parsed.questions) {
        if o.problems.is_empty() {
            if !quiet {
                report.push_str(&format!("pass  {:<24} {}\n", o.id, q.q));
            }
        } else {
            report.push_str(&format!(
                "FAIL  {:<24} {}\n      {}\n",
                o.id,
                q.q,
                o.problems.join("; ")
            ));
        }
    }
    let total = outcomes.len().max(1);
    report.push_str(&format!(
        "accuracy: {passed}/{} = {:.1}%\n",
        outcomes.len(),
        100.0 * passed as f64 / total as f64
    ));
    crate::cli::print_out(&report)?;
    Ok(0)
}
