//! `/expelled [country] [year|from/to] [region] [reason] [action]`:
//! host-country measures against DPRK diplomats.

use super::missions::Region;
use super::{clean_echo, not_found, resolve_country};
use crate::dataset::{Action, Dataset, DateRange, Expulsion};
use crate::reply::Reply;
use crate::text::fold;

#[derive(Debug, Default, Clone, Copy)]
pub struct ExpelledFilter<'a> {
    pub country: Option<&'a str>,
    pub region: Option<&'a str>,
    pub when: DateRange,
    pub reason: Option<&'a str>,
    pub action: Option<Action>,
}

/// The events a filter selects, oldest first, or the reply explaining why
/// the filter could not be used (unknown country or region).
pub fn select<'d>(
    data: &'d Dataset,
    filter: &ExpelledFilter,
) -> Result<Vec<&'d Expulsion>, Box<Reply>> {
    let country = filter
        .country
        .map(|c| resolve_country(data, c))
        .transpose()?;
    let region = match filter.region {
        Some(text) => Some(
            Region::find(data, text)
                .ok_or_else(|| Box::new(super::missions::unknown_region(data, text)))?,
        ),
        None => None,
    };
    let reason_words: Vec<String> = filter.reason.map(reason_stems).unwrap_or_default();
    let mut events: Vec<&Expulsion> = data
        .expulsions
        .iter()
        .filter(|e| country.is_none_or(|c| c.iso2 == e.country))
        .filter(|e| {
            region
                .as_ref()
                .is_none_or(|r| data.country(&e.country).is_some_and(|c| r.contains(c)))
        })
        .filter(|e| filter.when.contains(e.date))
        .filter(|e| filter.action.is_none_or(|a| a == e.action))
        .filter(|e| reason_words.is_empty() || matches_reason(e, &reason_words))
        .collect();
    events.sort_by_key(|e| e.date);
    Ok(events)
}

pub fn expelled(data: &Dataset, filter: &ExpelledFilter) -> Reply {
    let events = match select(data, filter) {
        Ok(events) => events,
        Err(reply) => return *reply,
    };
    let country = filter.country.and_then(|c| data.resolve(c).country());
    let region = filter.region.and_then(|r| Region::find(data, r));

    let mut scope = String::new();
    if let Some(c) = country {
        scope.push_str(&format!(" by {}", c.name));
    }
    if let Some(r) = &region {
        scope.push_str(&format!(" in {}", r.label));
    }
    if !filter.when.is_open() {
        scope.push_str(&format!(" {}", filter.when));
    }
    if let Some(r) = filter.reason {
        scope.push_str(&format!(" over “{}”", clean_echo(r)));
    }
    if let Some(a) = filter.action {
        scope.push_str(&format!(" ({})", a.label()));
    }
    if events.is_empty() {
        return not_found(
            format!("No recorded measure against DPRK diplomats{scope}"),
            "The data has no expulsion, persona non grata declaration, staff cut or severance that matches. \
             Try /expelled with fewer options to see every recorded event."
                .into(),
        );
    }
    let mut reply = Reply::new(format!("Measures against DPRK diplomats{scope}"));
    let countries = {
        let mut c: Vec<&str> = events.iter().map(|e| e.country.as_str()).collect();
        c.sort();
        c.dedup();
        c.len()
    };
    reply.description = format!(
        "{} event{} in {} countr{} ({}), oldest first.",
        events.len(),
        plural(events.len()),
        countries,
        if countries == 1 { "y" } else { "ies" },
        kinds_summary(&events)
    );
    if let Some(afterwards) = super::aftermath::summary(data, &events) {
        reply.description.push_str(&format!("\n{afterwards}"));
    }
    for e in events {
        let mut ids = e.sources.clone();
        // What happened next comes from the missions' records: cite those behind it.
        ids.extend(super::aftermath::sources(data, e));
        let sources = reply.cite(data, &ids);
        let mut details = event_details(e);
        if let Some(next) = super::aftermath::line(data, e) {
            details.push('\n');
            details.push_str(&next);
        }
        reply.push_field(
            format!("{} — {}", e.date, data.country_name(&e.country)),
            details,
            sources,
        );
    }
    reply
}

/// "4 declared persona non grata, 2 staff cut": every kind of measure counted.
fn kinds_summary(events: &[&Expulsion]) -> String {
    Action::ALL
        .iter()
        .filter_map(|a| {
            let n = events.iter().filter(|e| e.action == *a).count();
            (n > 0).then(|| format!("{n} {}", a.label()))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn event_details(e: &Expulsion) -> String {
    let mut lines = Vec::new();
    match (&e.person, &e.role) {
        (Some(p), Some(r)) => lines.push(format!("**{p}**, {r}")),
        (Some(p), None) => lines.push(format!("**{p}**")),
        (None, Some(r)) => lines.push(format!("Who: {r}")),
        (None, None) => {}
    }
    lines.push(format!("**Action:** {}", e.action.label()));
    if let Some(t) = &e.trigger {
        lines.push(format!("**Why:** {t}"));
    }
    if let Some(u) = &e.uncertain {
        lines.push(format!("⚠ **Uncertain:** {u}"));
    }
    if let Some(n) = &e.notes {
        lines.push(format!("**Notes:** {n}"));
    }
    lines.join("\n")
}

/// Word stems of a reason, so "smuggled" finds "smuggling": the same
/// terms the full-text search uses.
fn reason_stems(reason: &str) -> Vec<String> {
    super::search::terms(reason)
}

fn matches_reason(e: &Expulsion, stems: &[String]) -> bool {
    let text = fold(&format!(
        "{} {}",
        e.trigger.as_deref().unwrap_or(""),
        e.notes.as_deref().unwrap_or("")
    ));
    let trigger = fold(e.trigger.as_deref().unwrap_or(""));
    // Every word must appear in the trigger; the notes only help when the
    // trigger is silent, so that "smuggling" does not match a note that
    // merely mentions a smuggling scandal elsewhere.
    let haystack = if trigger.is_empty() { &text } else { &trigger };
    stems
        .iter()
        .all(|s| haystack.split(' ').any(|w| w.starts_with(s.as_str())))
}
