//! The counting sentences: "7 DPRK embassies closed in 2023." or "6 DPRK
//! ambassadors sent away in 2017: …", put first in the reply to a question
//! that asks for a number. Kept apart because they select from the data
//! the way the answers do, not the way the parser reads a question.

use super::gather::normalise_words;
use crate::dataset::{Country, Dataset, MissionKind};
use crate::i18n::Lang;
use crate::query::Query;
use crate::text::fold;

/// "7 DPRK embassies closed in 2023." — the number a counting question
/// asks for, computed from the same selection the answer lists.
pub(super) fn count_sentence(
    data: &Dataset,
    query: &Query,
    subject: Option<&Country>,
    question: &str,
    lang: Lang,
) -> Option<String> {
    if let Some(filter) = crate::answers::missions_filter(query) {
        return missions_count(data, &filter, lang);
    }
    // A country the answer could not resolve is no count of every country.
    if query.country_text().is_some() && subject.is_none() {
        return None;
    }
    measures_count(
        data,
        &crate::answers::expelled_filter(query, subject)?,
        question,
        lang,
    )
}

fn missions_count(
    data: &Dataset,
    filter: &crate::answers::MissionsFilter,
    lang: Lang,
) -> Option<String> {
    let n = crate::answers::missions::select(data, filter, lang)
        .ok()?
        .len();
    let kind = filter.kind.map_or("all", MissionKind::as_str);
    let what = lang.count(&format!("ask.count_what.{kind}"), n, &[]);
    let place = filter
        .region
        .map(|r| {
            let label = crate::answers::missions::Region::find(data, r)
                .map_or_else(|| r.to_owned(), |region| region.label_in(lang));
            lang.fill("scope.in", &[("region", &label)])
        })
        .unwrap_or_default();
    let closed = filter.closed;
    let state = if !closed.is_open() {
        lang.fill("ask.state.closed", &[("range", &lang.range(closed))])
    } else {
        match (filter.status, filter.as_of) {
            (Some(s), Some(d)) => lang.fill(
                "ask.state.status_as_of",
                &[("status", &s.label_in(lang)), ("date", &lang.date(d))],
            ),
            (Some(s), None) => {
                lang.fill("ask.state.status_latest", &[("status", &s.label_in(lang))])
            }
            (None, Some(d)) => lang.fill("ask.state.recorded_as_of", &[("date", &lang.date(d))]),
            (None, None) => lang.text("ask.state.recorded").to_owned(),
        }
    };
    Some(lang.fill(
        "ask.count_missions",
        &[
            ("n", &n),
            ("what", &what),
            ("place", &place),
            ("state", &state),
        ],
    ))
}

/// "6 DPRK ambassadors sent away in 2017: Malaysia, …" when the question
/// is about ambassadors; otherwise every measure counts.
fn measures_count(
    data: &Dataset,
    filter: &crate::answers::ExpelledFilter,
    question: &str,
    lang: Lang,
) -> Option<String> {
    let events = crate::answers::expelled::select(data, filter, lang).ok()?;
    // Topic words of any language count: "대사" is "ambassador".
    let ambassadors = normalise_words(data, question)
        .iter()
        .any(|w| w.starts_with("ambassador"));
    let counted: Vec<_> = events
        .iter()
        .filter(|e| {
            !ambassadors
                || (e.action.removes_people()
                    && e.role
                        .as_deref()
                        .is_some_and(|r| fold(r).contains("ambassador")))
        })
        .collect();
    let mut countries: Vec<&str> = Vec::new();
    for e in &counted {
        let name = data.country_name_in(&e.country, lang);
        if !countries.contains(&name) {
            countries.push(name);
        }
    }
    let when = filter.when;
    let scope = if when.is_open() {
        String::new()
    } else {
        format!(" {}", lang.range(when))
    };
    let what = if ambassadors {
        "ask.count_ambassadors"
    } else {
        "ask.count_measures"
    };
    let names = if countries.is_empty() {
        lang.text("next.none").to_owned()
    } else {
        countries.join(", ")
    };
    Some(lang.fill(
        what,
        &[
            ("n", &counted.len()),
            ("scope", &scope),
            (
                "countries",
                &lang.count("count.country", countries.len(), &[]),
            ),
            ("names", &names),
        ],
    ))
}
