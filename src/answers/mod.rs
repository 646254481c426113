//! Answers: pure functions from a [`Query`] and the [`Dataset`] to a [`Reply`].
//!
//! One module per question kind. Nothing here knows about Discord; every
//! figure is computed from the data, and every fact is cited.

pub mod aftermath;
pub mod ask;
mod embassy;
mod expelled;
pub mod heads;
pub mod help;
pub mod missions;
pub mod search;
mod sources;
mod timeline;

use crate::countries::Resolution;
use crate::dataset::{Country, Dataset, Expulsion, Mission, Relation, Status};
use crate::query::Query;
use crate::reply::{Reply, Tone};

pub use embassy::embassy;
pub use expelled::{expelled, ExpelledFilter};
pub use help::help;
pub use missions::{missions, MissionsFilter};
pub use sources::sources;
pub use timeline::{timeline, TimelineFilter};

/// Answers any query. Never panics; always cites; the footer names the data.
pub fn answer(data: &Dataset, query: &Query) -> Reply {
    let mut reply = match query {
        Query::Embassy { country } => embassy(data, country),
        Query::Expelled { .. } => match expelled_filter(query) {
            Some(filter) => expelled(data, &filter),
            None => unreachable_reply(),
        },
        Query::Missions { .. } => match missions_filter(query) {
            Some(filter) => missions(data, &filter),
            None => unreachable_reply(),
        },
        Query::Timeline { country, when } => timeline(
            data,
            &TimelineFilter {
                country,
                when: *when,
            },
        ),
        Query::Sources => sources(data),
        Query::Help => help(),
        Query::Ask { question } => ask::answer_question(data, question),
    };
    if reply.footer.is_empty() {
        reply.footer = footer(data);
    }
    reply
}

/// The `/expelled` filter a query asks for (None for other queries).
pub fn expelled_filter(query: &Query) -> Option<ExpelledFilter<'_>> {
    match query {
        Query::Expelled {
            country,
            region,
            when,
            reason,
            action,
        } => Some(ExpelledFilter {
            country: country.as_deref(),
            region: region.as_deref(),
            when: *when,
            reason: reason.as_deref(),
            action: *action,
        }),
        _ => None,
    }
}

/// The `/missions` filter a query asks for (None for other queries).
pub fn missions_filter(query: &Query) -> Option<MissionsFilter<'_>> {
    match query {
        Query::Missions {
            region,
            kind,
            status,
            as_of,
            closed,
        } => Some(MissionsFilter {
            region: region.as_deref(),
            kind: *kind,
            status: *status,
            as_of: *as_of,
            closed: *closed,
        }),
        _ => None,
    }
}

/// Only reached if a match above and its filter function disagree.
fn unreachable_reply() -> Reply {
    Reply::problem("That command could not be run", "Please try /help.")
}

/// "Established 1973; status: active. <notes>"
fn relation_summary(r: &Relation) -> String {
    let established = r
        .established
        .map(|d| d.to_string())
        .or_else(|| r.established_text.clone());
    let mut text = match established {
        Some(d) => format!("Established {d}; status: {}.", r.status),
        None => format!("Status: {}.", r.status),
    };
    if let Some(n) = &r.notes {
        text.push_str(&format!(" {n}"));
    }
    text
}

/// Names the dataset and its date on every reply.
pub fn footer(data: &Dataset) -> String {
    format!(
        "missionbot · DPRK missions dataset, facts up to {} · /sources for every reference",
        data.as_of
    )
}

/// Resolves a country option, or explains why not with "did you mean".
fn resolve_country<'a>(data: &'a Dataset, input: &str) -> Result<&'a Country, Box<Reply>> {
    match data.resolve(input) {
        Resolution::Found { country, .. } => Ok(country),
        Resolution::Ambiguous(candidates) => Err(Box::new(not_found(
            format!("Which country did you mean by “{}”?", clean_echo(input)),
            format!(
                "Several countries fit: {}. Please name one of them.",
                names(&candidates)
            ),
        ))),
        Resolution::NotFound { suggestions } => {
            let hint = if suggestions.is_empty() {
                "Try a country name, an ISO code (ES, ESP) or a capital city.".to_owned()
            } else {
                format!("Did you mean: {}?", names(&suggestions))
            };
            Err(Box::new(not_found(
                format!("No country called “{}”", clean_echo(input)),
                hint,
            )))
        }
    }
}

fn not_found(title: String, description: String) -> Reply {
    Reply {
        tone: Tone::NotFound,
        ..Reply::new(title).with_description(description)
    }
}

fn names(countries: &[&Country]) -> String {
    countries
        .iter()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A user's input repeated back: short, on one line, without markdown or
/// mention syntax that could change how it shows.
fn clean_echo(input: &str) -> String {
    let one_line: String = input
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| {
            !matches!(
                c,
                '*' | '_' | '`' | '~' | '|' | '<' | '>' | '@' | '#' | '[' | ']'
            )
        })
        .collect();
    crate::text::truncate_chars(one_line.trim(), 60)
}

/// "Embassy in Madrid", "Permanent mission in Geneva".
fn mission_title(m: &Mission) -> String {
    let kind = m.kind.label();
    let mut chars = kind.chars();
    let first = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!("{first}{} in {}", chars.as_str(), m.city)
}

/// "closed (October 2023)" / "open (as of January 2024)".
fn latest_status(m: &Mission) -> String {
    match (m.status_latest, m.closed) {
        (Status::Closed, Some(closed)) => format!("closed ({closed})"),
        (status, _) => match m.status_latest_as_of {
            Some(as_of) => format!("{} (as of {as_of})", status.label()),
            None => status.label().to_owned(),
        },
    }
}

/// One line per event: date, person and role, what was done, why.
fn expulsion_line(data: &Dataset, e: &Expulsion, with_country: bool) -> String {
    let mut line = format!("**{}**", e.date);
    if with_country {
        line.push_str(&format!(" — {}", data.country_name(&e.country)));
    }
    let who = match (&e.person, &e.role) {
        (Some(p), Some(r)) => format!("{p} ({r})"),
        (Some(p), None) => p.clone(),
        (None, Some(r)) => r.clone(),
        (None, None) => "DPRK diplomats".into(),
    };
    line.push_str(&format!(": {who} — {}", e.action.label()));
    if let Some(t) = &e.trigger {
        line.push_str(&format!("; why: {t}"));
    }
    if e.uncertain.is_some() {
        line.push_str(" (uncertain, see /expelled)");
    }
    line
}

/// The query to store in page buttons: a question becomes the query it was
/// understood as, and country spellings become the country's name, so the
/// line is short and means the same after a restart.
pub fn canonical(data: &Dataset, query: &Query) -> Query {
    let name_of = |text: &str| {
        data.resolve(text)
            .country()
            .map_or(text.to_owned(), |c| c.name.clone())
    };
    if let Query::Ask { question } = query {
        return match ask::parse_question(data, question) {
            ask::Intent::Run(q) => canonical(data, &q),
            _ => query.clone(),
        };
    }
    // Only the country spelling changes; every other option is kept as is.
    let mut canonical = query.clone();
    match &mut canonical {
        Query::Embassy { country } | Query::Timeline { country, .. } => *country = name_of(country),
        Query::Expelled {
            country: Some(country),
            ..
        } => *country = name_of(country),
        _ => {}
    }
    canonical
}
