//! Plain questions as evaluation cases, and the text a reply shows.

use missionbot::cli::reply_to_line;
use missionbot::dataset;
use missionbot::eval::EvalQuestion;
use missionbot::render;

/// Every page of the answer to a question or slash line, as plain text.
pub fn reply_text(q: &str) -> String {
    render::text(&reply_to_line(dataset::embedded(), q, missionbot::i18n::Lang::ENGLISH).0)
}

/// A case: the reply must contain every `must` and none of `must_not`.
pub fn q(id: &str, question: &str, must: &[&str], must_not: &[&str]) -> EvalQuestion {
    EvalQuestion {
        id: id.into(),
        q: question.into(),
        must: must.iter().map(|s| s.to_string()).collect(),
        must_any: vec![],
        must_not: must_not.iter().map(|s| s.to_string()).collect(),
    }
}
