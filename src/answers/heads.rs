//! Who headed a mission at a given time, as far as the data can say.
//!
//! The data gives a mission's head with the date a source names them
//! (`as_of`), not a term of office; the host countries' measures name the
//! ambassadors they sent away. So a head is named for a date only once a
//! source had named them by then, and an ambassador a measure sent away is
//! never shown as in post after it.

use crate::dataset::{Action, Dataset, Mission, PartialDate};
use crate::i18n::Lang;

/// A mission's head as the answers show it.
#[derive(Debug, Clone, PartialEq)]
pub enum Head<'a> {
    /// Named by a source (at `as_of`, when dated) and not known to have been sent away since.
    LastKnown {
        name: &'a str,
        as_of: Option<PartialDate>,
    },
    /// Sent away by the host country on this date, by this measure.
    SentAway {
        name: &'a str,
        on: PartialDate,
        action: Action,
        /// The measure's sources, to cite beside the mission's.
        sources: &'a [String],
    },
}

/// Whether two spellings name one person: "Kang Chol" and "Kang Chol
/// (also …)", "Han Su-chol" and "Han Su Chol".
fn same_person(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.split('(')
            .next()
            .unwrap_or(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (key(a), key(b));
    !a.is_empty() && a == b
}

/// The mission's head on `day` (the latest state with `None`): `None` when
/// the data names nobody, or nobody a source had named by that day.
pub fn head_at<'a>(
    data: &'a Dataset,
    m: &'a Mission,
    day: Option<PartialDate>,
) -> Option<Head<'a>> {
    let head = m.ambassador.as_ref()?;
    if let (Some(day), Some(as_of)) = (day, head.as_of) {
        if as_of.start() > day.end() {
            return None;
        }
    }
    let sent_away = data.expulsions.iter().find(|e| {
        e.country == m.country
            && e.action.removes_people()
            && e.person
                .as_deref()
                .is_some_and(|p| same_person(p, &head.name))
            && day.is_none_or(|d| e.date.start() <= d.end())
    });
    Some(match sent_away {
        Some(e) => Head::SentAway {
            name: &head.name,
            on: e.date,
            action: e.action,
            sources: &e.sources,
        },
        None => Head::LastKnown {
            name: &head.name,
            as_of: head.as_of,
        },
    })
}

impl Head<'_> {
    /// Sources beyond the mission's own (the measure that sent the head away).
    pub fn sources(&self) -> &[String] {
        match self {
            Head::SentAway { sources, .. } => sources,
            Head::LastKnown { .. } => &[],
        }
    }

    /// "ambassador Jo Yong Man (reported in post November 2023)",
    /// "ambassador Kang Chol, declared persona non grata 4 March 2017".
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Head::LastKnown {
                name,
                as_of: Some(d),
            } => lang.fill(
                "head.last_known",
                &[("name", name), ("date", &lang.date(*d))],
            ),
            Head::LastKnown { name, as_of: None } => lang.fill("head.undated", &[("name", name)]),
            Head::SentAway {
                name, on, action, ..
            } => lang.fill(
                "head.sent_away",
                &[
                    ("name", name),
                    ("how", &action.label_in(lang)),
                    ("date", &lang.date(*on)),
                ],
            ),
        }
    }
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
