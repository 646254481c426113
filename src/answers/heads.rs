//! Who headed a mission at a given time, as far as the data can say.
//!
//! The data gives each mission's heads as terms: a date a source reported
//! them in post, and, when known, the day and the way the term ended
//! (expelled, recalled, in post until the mission closed...). A head is
//! named for a date only once a source had placed them in post by then,
//! and never as in post after their term ended. A host country's measure
//! recorded later (a moderator's news record) ends a term too.

use crate::dataset::{Action, Dataset, HeadTerm, Mission, PartialDate, TermEnd};
use crate::i18n::Lang;

/// A mission's head as the answers show it.
#[derive(Debug, Clone, PartialEq)]
pub enum Head<'a> {
    /// Placed in post by a source (at `as_of`, when dated) and not known to have left since.
    LastKnown {
        name: &'a str,
        as_of: Option<PartialDate>,
    },
    /// Sent away by the host country on this date, by this measure.
    SentAway {
        name: &'a str,
        on: PartialDate,
        action: Action,
        /// The sources dating it, to cite beside the mission's.
        sources: &'a [String],
    },
    /// The term ended otherwise: recalled, replaced, the mission closed.
    Ended {
        name: &'a str,
        on: Option<PartialDate>,
        how: TermEnd,
        sources: &'a [String],
    },
}

pub use crate::dataset::same_person;

/// The term in force (or last ended) on `day`, the latest state with `None`.
fn term_at(m: &Mission, day: Option<PartialDate>) -> Option<&HeadTerm> {
    m.heads.iter().rev().find(|t| match (day, t.known_from()) {
        (Some(day), Some(from)) => from.start() <= day.end(),
        _ => true,
    })
}

/// The mission's head on `day` (the latest state with `None`): `None` when
/// the data names nobody, or nobody a source had placed in post by that day.
pub fn head_at<'a>(
    data: &'a Dataset,
    m: &'a Mission,
    day: Option<PartialDate>,
) -> Option<Head<'a>> {
    let term = term_at(m, day)?;
    let ended_by = |end: PartialDate| day.is_none_or(|d| end.start() <= d.end());
    if let Some(how) = term.ended {
        if term.to.is_none_or(ended_by) {
            return Some(match (how.measure(), term.to) {
                (Some(action), Some(on)) => Head::SentAway {
                    name: &term.name,
                    on,
                    action,
                    sources: &term.sources,
                },
                _ => Head::Ended {
                    name: &term.name,
                    on: term.to,
                    how,
                    sources: &term.sources,
                },
            });
        }
    }
    // A measure the data's terms do not carry (a moderator's record).
    let started = term.known_from();
    let sent_away = data.expulsions.iter().find(|e| {
        e.country == m.country
            && e.action.removes_people()
            && e.person
                .as_deref()
                .is_some_and(|p| same_person(p, &term.name))
            && started.is_none_or(|s| e.date.end() >= s.start())
            && ended_by(e.date)
    });
    Some(match sent_away {
        Some(e) => Head::SentAway {
            name: &term.name,
            on: e.date,
            action: e.action,
            sources: &e.sources,
        },
        None => Head::LastKnown {
            name: &term.name,
            // On a past day, a report dated after it is no evidence for
            // it: the term's start is.
            as_of: match (day, term.reported) {
                (Some(d), Some(r)) if r.start() > d.end() => term.from.or(Some(r)),
                _ => term.reported.or(term.from),
            },
        },
    })
}

impl Head<'_> {
    /// The head's name as the data spells it.
    pub fn name(&self) -> &str {
        match self {
            Head::LastKnown { name, .. }
            | Head::SentAway { name, .. }
            | Head::Ended { name, .. } => name,
        }
    }

    /// Sources beyond the mission's own (those dating how the term ended).
    pub fn sources(&self) -> &[String] {
        match self {
            Head::SentAway { sources, .. } | Head::Ended { sources, .. } => sources,
            Head::LastKnown { .. } => &[],
        }
    }

    /// "ambassador Jo Yong Man (reported in post November 2023)",
    /// "ambassador Kang Chol, declared persona non grata 4 March 2017".
    pub fn describe(&self, data: &Dataset, lang: Lang) -> String {
        let shown = data.people_in(self.name(), lang);
        let name = &shown.as_str();
        match self {
            Head::LastKnown { as_of: Some(d), .. } => lang.fill(
                "head.last_known",
                &[("name", name), ("date", &lang.date(*d))],
            ),
            Head::LastKnown { as_of: None, .. } => lang.fill("head.undated", &[("name", name)]),
            Head::SentAway { on, action, .. } => lang.fill(
                "head.sent_away",
                &[
                    ("name", name),
                    ("how", &action.label_in(lang)),
                    ("date", &lang.date(*on)),
                ],
            ),
            Head::Ended { on, how, .. } => ended_words(name, *on, *how, lang, true),
        }
    }
}

/// "ambassador Hyon Hak Bong, recalled 2016", "ambassador Ri Song Hyon,
/// later replaced" (without "ambassador" when `titled` is false).
pub fn ended_words(
    name: &str,
    on: Option<PartialDate>,
    how: TermEnd,
    lang: Lang,
    titled: bool,
) -> String {
    let key = |dated: bool| match (dated, titled) {
        (true, true) => "head.ended",
        (true, false) => "head.ended_untitled",
        (false, true) => "head.ended_undated",
        (false, false) => "head.ended_undated_untitled",
    };
    match on {
        Some(on) => lang.fill(
            key(true),
            &[
                ("name", &name),
                ("how", &how.label_in(lang)),
                ("date", &lang.date(on)),
            ],
        ),
        None => lang.fill(key(false), &[("name", &name), ("how", &how.label_in(lang))]),
    }
}

/// The earlier heads of a mission, oldest first, in a line: "Hyon Hak
/// Bong (recalled 2016)", for the answers that show a mission whole.
pub fn earlier_heads(data: &Dataset, m: &Mission, shown: &str, lang: Lang) -> Option<String> {
    let earlier: Vec<String> = m
        .heads
        .iter()
        .filter(|t| t.name != shown)
        .map(|t| (t, data.people_in(&t.name, lang)))
        .map(|(t, name)| match (t.ended, t.to) {
            (Some(how), Some(on)) => {
                format!("{name} ({} {})", how.label_in(lang), lang.date(on))
            }
            (Some(how), None) => format!("{name} ({})", how.label_in(lang)),
            (None, _) => match t.reported.or(t.from) {
                Some(d) => lang.fill(
                    "head.earlier_reported",
                    &[("name", &name), ("date", &lang.date(d))],
                ),
                None => name.clone(),
            },
        })
        .collect();
    (!earlier.is_empty()).then(|| earlier.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_person_match_and_others_do_not() {
        assert!(same_person("Kang Chol", "kang chol"));
        assert!(same_person("Han Su-chol", "Han Su Chol"));
        assert!(same_person(
            "Pak Chol Jun (also Park Chol-jun)",
            "Pak Chol Jun"
        ));
        assert!(!same_person("Kim Hyok Chol", "Kim Hyong Gil"));
        assert!(!same_person("", ""));
    }
}
