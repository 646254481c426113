//! What became of the DPRK's presence in a country after a host country's
//! measure, derived from the data (never typed): missions closed or opened
//! later, new heads of mission named later, later measures by the same
//! country, or the mission still open at its latest status.
//!
//! It answers the seed question of this bot: did expelling ambassadors
//! really scale back the DPRK's ties?

use super::heads::{head_at, Head};
use crate::dataset::{Action, Dataset, Expulsion, Mission, PartialDate, Status};
use crate::i18n::Lang;

/// One thing that happened, or held, after a measure.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    Closed {
        mission: String,
        on: PartialDate,
    },
    Opened {
        mission: String,
        on: PartialDate,
    },
    NewHead {
        mission: String,
        name: String,
        named: PartialDate,
    },
    LaterMeasure {
        action: Action,
        on: PartialDate,
    },
    /// A diplomat posted there later defected ("the chargé who stayed in
    /// Kuwait after 2017 defected in 2019").
    Defected {
        name: String,
        post: String,
        on: PartialDate,
    },
    /// Still open at the latest status, with no later head of mission recorded.
    StillOpen {
        mission: String,
        as_of: Option<PartialDate>,
        head_sent_away: bool,
    },
    NoMission,
}

/// What followed `e` in its country, oldest first (mission names in `lang`).
pub fn after(data: &Dataset, e: &Expulsion, lang: Lang) -> Vec<Next> {
    let mut dated: Vec<(PartialDate, Next)> = Vec::new();
    let mut still: Vec<Next> = Vec::new();
    let later = |d: PartialDate| d.start() > e.date.end();
    for later_measure in data
        .expulsions
        .iter()
        // A measure the DPRK took (Malaysia, 2021) is not the host's.
        .filter(|x| x.country == e.country && later(x.date) && !x.by_dprk)
    {
        dated.push((
            later_measure.date,
            Next::LaterMeasure {
                action: later_measure.action,
                on: later_measure.date,
            },
        ));
    }
    for d in data
        .defections
        .iter()
        .filter(|d| d.country == e.country && later(d.left))
    {
        dated.push((
            d.left,
            Next::Defected {
                name: d.person.clone(),
                post: d.post.clone(),
                on: d.left,
            },
        ));
    }
    let missions: Vec<&Mission> = data.missions_in(&e.country).collect();
    if missions.is_empty() {
        still.push(Next::NoMission);
    }
    for m in missions {
        let mission = super::mission_title(m, lang);
        if let Some(on) = m.opened.filter(|&d| later(d)) {
            dated.push((
                on,
                Next::Opened {
                    mission: mission.clone(),
                    on,
                },
            ));
        }
        if let Some(on) = m.closed.filter(|&d| later(d)) {
            dated.push((
                on,
                Next::Closed {
                    mission: mission.clone(),
                    on,
                },
            ));
            continue;
        }
        if m.closed.is_some() {
            continue; // closed before (or with) this measure
        }
        let head = head_at(data, m, None);
        match head {
            Some(Head::LastKnown {
                name,
                as_of: Some(named),
            }) if later(named) => {
                dated.push((
                    named,
                    Next::NewHead {
                        mission: mission.clone(),
                        name: name.to_owned(),
                        named,
                    },
                ));
            }
            _ => {}
        }
        let new_head = matches!(head, Some(Head::LastKnown { as_of: Some(n), .. }) if later(n));
        if m.status_latest == Status::Open && !new_head {
            still.push(Next::StillOpen {
                mission,
                as_of: m.status_latest_as_of,
                head_sent_away: matches!(head, Some(Head::SentAway { .. })),
            });
        }
    }
    dated.sort_by_key(|(d, _)| d.start());
    dated.into_iter().map(|(_, n)| n).chain(still).collect()
}

impl Next {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Next::Closed { mission, on } => lang.fill(
                "next.closed",
                &[("mission", mission), ("date", &lang.date(*on))],
            ),
            Next::Opened { mission, on } => lang.fill(
                "next.opened",
                &[("mission", mission), ("date", &lang.date(*on))],
            ),
            Next::NewHead {
                mission,
                name,
                named,
            } => lang.fill(
                "next.new_head",
                &[
                    ("mission", &super::title_in_sentence(mission, lang)),
                    ("name", name),
                    ("date", &lang.date(*named)),
                ],
            ),
            Next::LaterMeasure { action, on } => lang.fill(
                "next.later_measure",
                &[
                    ("action", &action.label_in(lang)),
                    ("date", &lang.date(*on)),
                ],
            ),
            Next::Defected { name, post, on } => lang.fill(
                "next.defected",
                &[
                    ("name", name),
                    ("post", &super::original_text(post, lang)),
                    ("date", &lang.date(*on)),
                ],
            ),
            Next::StillOpen {
                mission,
                as_of,
                head_sent_away,
            } => {
                let mut text = match as_of {
                    Some(d) => lang.fill(
                        "next.still_open_as_of",
                        &[("mission", mission), ("date", &lang.date(*d))],
                    ),
                    None => lang.fill("next.still_open", &[("mission", mission)]),
                };
                if *head_sent_away {
                    text.push_str(lang.text("next.no_new_ambassador"));
                }
                text
            }
            Next::NoMission => lang.text("next.no_mission").to_owned(),
        }
    }

    /// Whether this is the mission closing (for the summary's counts).
    pub fn is_closure(&self) -> bool {
        matches!(self, Next::Closed { .. })
    }
}

/// The sources behind what followed `e`: for each mission of the country,
/// those of its sources dated no earlier than the fact they back (the
/// closing, the new head, or the latest status), so a 2024 status is not
/// cited to a 2020 report; all of them when none is dated so.
pub fn sources(data: &Dataset, e: &Expulsion) -> Vec<String> {
    let later = |d: PartialDate| d.start() > e.date.end();
    let mut ids = Vec::new();
    for m in data.missions_in(&e.country) {
        let backed_from = match (m.closed, head_at(data, m, None)) {
            (Some(c), _) if later(c) => Some(c),
            (Some(_), _) => continue,
            (None, Some(Head::LastKnown { as_of: Some(n), .. })) if later(n) => Some(n),
            (None, _) => m.status_latest_as_of,
        };
        let recent: Vec<String> = m
            .sources
            .iter()
            .filter(|id| {
                let dated = data.source(id).and_then(|s| s.date);
                match (backed_from, dated) {
                    (Some(from), Some(d)) => d.year >= from.year,
                    _ => false,
                }
            })
            .cloned()
            .collect();
        ids.extend(if recent.is_empty() {
            m.sources.clone()
        } else {
            recent
        });
    }
    for d in data
        .defections
        .iter()
        .filter(|d| d.country == e.country && later(d.left))
    {
        ids.extend(d.sources.iter().cloned());
    }
    ids
}

/// "What happened next: …" for one measure, or `None` when nothing is known.
pub fn line(data: &Dataset, e: &Expulsion, lang: Lang) -> Option<String> {
    let next = after(data, e, lang);
    (!next.is_empty()).then(|| {
        let parts: Vec<String> = next.iter().map(|n| n.describe(lang)).collect();
        format!("**{}:** {}.", lang.text("next.label"), parts.join("; "))
    })
}

/// One line over several measures: in how many of the countries the DPRK's
/// mission stayed open, closed later, or got a new head.
pub fn summary(data: &Dataset, events: &[&Expulsion], lang: Lang) -> Option<String> {
    let mut countries: Vec<&str> = events
        .iter()
        .filter(|e| e.action.removes_people())
        .map(|e| e.country.as_str())
        .collect();
    countries.sort();
    countries.dedup();
    if countries.is_empty() {
        return None;
    }
    let (mut open, mut closed, mut new_head) = (Vec::new(), Vec::new(), Vec::new());
    for country in &countries {
        let first = events
            .iter()
            .filter(|e| e.country == *country && e.action.removes_people())
            .min_by_key(|e| e.date.start())?;
        let next = after(data, first, lang);
        let name = data.country_name_in_sentence(country, lang);
        if next.iter().any(Next::is_closure) {
            closed.push(name.clone());
        } else if next.iter().any(|n| matches!(n, Next::StillOpen { .. })) {
            open.push(name.clone());
        }
        if next.iter().any(|n| matches!(n, Next::NewHead { .. })) {
            new_head.push(name);
        }
    }
    // Only the outcomes that happened are named: "closed later in none" says nothing.
    let parts: Vec<String> = [
        ("next.part.closed", &closed),
        ("next.part.open", &open),
        ("next.part.new_head", &new_head),
    ]
    .into_iter()
    .filter(|(_, names)| !names.is_empty())
    .map(|(key, names)| lang.fill(key, &[("countries", &names.join(", "))]))
    .collect();
    let outcome = if parts.is_empty() {
        lang.text("next.part.no_mission").to_owned()
    } else {
        parts.join("; ")
    };
    Some(lang.fill(
        "next.summary",
        &[
            (
                "countries",
                &lang.count("count.country", countries.len(), &[]),
            ),
            ("outcome", &outcome),
        ],
    ))
}
