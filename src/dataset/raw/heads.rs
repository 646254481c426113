//! Heads of mission as written on disk and their checks: each mission's
//! list of terms (named, sourced, dated in order, not overlapping), one
//! post per person at a time across missions, and no head left in post
//! after a measure sent them away. Kept apart from the other records'
//! conversion because these checks read terms across missions and against
//! the measures, not one record at a time.

use super::{parse_enum, Place, Refs};
use crate::dataset::model::*;
use crate::dataset::DataError;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHeadTerm {
    name: String,
    title: String,
    from: Option<String>,
    to: Option<String>,
    reported: Option<String>,
    ended: Option<String>,
    /// Another mission the same person headed at the same time.
    #[serde(default)]
    concurrent_with: Option<String>,
    sources: Vec<String>,
}

/// A mission's heads of mission, checked: named, sourced, dates in order,
/// terms that do not overlap, and no term left open when a later one follows.
pub(super) fn build_heads(
    place: &Place,
    raw: Vec<RawHeadTerm>,
    refs: &Refs,
) -> Result<Vec<HeadTerm>, DataError> {
    let mut heads: Vec<HeadTerm> = Vec::new();
    for (i, t) in raw.into_iter().enumerate() {
        let field = |name: &str| format!("heads[{i}].{name}");
        place.non_empty(&field("name"), &t.name)?;
        place.non_empty(&field("title"), &t.title)?;
        if t.sources.is_empty() {
            return Err(place.err(&field("sources"), "a head of mission needs a source"));
        }
        refs.sources(place, &t.sources)?;
        let ended = match &t.ended {
            Some(text) => Some(parse_enum(
                place,
                &field("ended"),
                text,
                TermEnd::parse,
                TermEnd::expected(),
            )?),
            None => None,
        };
        let term = HeadTerm {
            from: place.opt_date(&field("from"), &t.from)?,
            to: place.opt_date(&field("to"), &t.to)?,
            reported: place.opt_date(&field("reported"), &t.reported)?,
            ended,
            name: t.name,
            title: t.title,
            concurrent_with: t.concurrent_with,
            sources: t.sources,
        };
        if let (Some(from), Some(to)) = (term.known_from(), term.to) {
            if to.end() < from.start() {
                return Err(place.err(
                    &field("to"),
                    format!(
                        "the term ends ({}) before it is known to start ({})",
                        to.iso(),
                        from.iso()
                    ),
                ));
            }
        }
        if let Some(previous) = heads.last() {
            let starts = term.known_from().map(|d| d.start());
            if starts < previous.known_from().map(|d| d.start()) {
                return Err(place.err(
                    &field("name"),
                    "heads of mission must be listed oldest first",
                ));
            }
            match (previous.to, previous.ended) {
                (Some(end), _) if starts.is_some_and(|s| s < end.start()) => {
                    return Err(place.err(
                        &field("name"),
                        format!(
                            "{}'s term overlaps {}'s, which ended {}",
                            term.name,
                            previous.name,
                            end.iso()
                        ),
                    ))
                }
                (None, None) => {
                    return Err(place.err(
                        &field("name"),
                        format!(
                            "{} follows {}, whose term is not ended",
                            term.name, previous.name
                        ),
                    ))
                }
                _ => {}
            }
        }
        heads.push(term);
    }
    Ok(heads)
}

/// One person heads one mission at a time, unless the data records the
/// second post as concurrent (`concurrent_with`): a head named to a new post
/// must have the earlier term ended.
pub(super) fn check_one_post_at_a_time(file: &str, missions: &[Mission]) -> Result<(), DataError> {
    let terms: Vec<(&Mission, &HeadTerm)> = missions
        .iter()
        .flat_map(|m| m.heads.iter().map(move |t| (m, t)))
        .collect();
    for (i, (ma, a)) in terms.iter().enumerate() {
        for (mb, b) in &terms[i + 1..] {
            if ma.id == mb.id || !same_person(&a.name, &b.name) {
                continue;
            }
            let concurrent = a.concurrent_with.as_deref() == Some(mb.id.as_str())
                || b.concurrent_with.as_deref() == Some(ma.id.as_str());
            if !concurrent && overlap(a, b) {
                return Err(DataError {
                    file: file.to_owned(),
                    record: Some(format!("missions {:?} and {:?}", ma.id, mb.id)),
                    field: Some("heads".to_owned()),
                    problem: format!(
                        "{} heads both at once; end one term, or mark the post concurrent_with the other",
                        a.name
                    ),
                });
            }
        }
    }
    Ok(())
}

/// Whether two terms share a day: an open term runs on, a term with no
/// known start is placed at its end.
fn overlap(a: &HeadTerm, b: &HeadTerm) -> bool {
    let span = |t: &HeadTerm| {
        let start = t.known_from().map(|d| d.start());
        let end = t.to.map(|d| d.end());
        (start, end)
    };
    let ((Some(sa), ea), (Some(sb), eb)) = (span(a), span(b)) else {
        return false;
    };
    // A move on the day the new post starts is a handover, not an overlap.
    let a_ends_before_b = ea.is_some_and(|e| e <= sb);
    let b_ends_before_a = eb.is_some_and(|e| e <= sa);
    !(a_ends_before_b || b_ends_before_a)
}

/// No head of mission is left in post after a recorded measure sent them
/// away: the term must end with it.
pub(super) fn check_heads_against_measures(
    file: &str,
    missions: &[Mission],
    expulsions: &[Expulsion],
) -> Result<(), DataError> {
    for (index, m) in missions.iter().enumerate() {
        for (i, term) in m.heads.iter().enumerate() {
            if term.to.is_some() || term.ended.is_some() {
                continue;
            }
            let sent_away = expulsions.iter().find(|e| {
                e.country == m.country
                    && e.action.removes_people()
                    && e.person
                        .as_deref()
                        .is_some_and(|p| same_person(p, &term.name))
                    && term
                        .known_from()
                        .is_none_or(|from| e.date.end() >= from.start())
            });
            if let Some(e) = sent_away {
                let place = Place {
                    file: file.to_owned(),
                    record: format!("record {index} (id {:?})", m.id),
                };
                return Err(place.err(
                    &format!("heads[{i}].ended"),
                    format!(
                        "{} is in post with no end, but {} records them {} on {}",
                        term.name,
                        e.id,
                        e.action.label(),
                        e.date.iso()
                    ),
                ));
            }
        }
    }
    Ok(())
}
