//! `/expelled [country] [year]`: host-country measures against DPRK diplomats.

use super::{clean_echo, not_found, resolve_country};
use crate::dataset::{Action, Dataset, Expulsion};
use crate::reply::Reply;
use crate::text::fold;

#[derive(Debug, Default, Clone, Copy)]
pub struct ExpelledFilter<'a> {
    pub country: Option<&'a str>,
    pub year: Option<i32>,
    pub reason: Option<&'a str>,
    pub action: Option<Action>,
}

pub fn expelled(data: &Dataset, filter: &ExpelledFilter) -> Reply {
    let country = match filter.country.map(|c| resolve_country(data, c)).transpose() {
        Ok(c) => c,
        Err(reply) => return *reply,
    };
    let reason_words: Vec<String> = filter.reason.map(reason_stems).unwrap_or_default();
    let events: Vec<&Expulsion> = data
        .expulsions
        .iter()
        .filter(|e| country.is_none_or(|c| c.iso2 == e.country))
        .filter(|e| filter.year.is_none_or(|y| e.date.year == y))
        .filter(|e| filter.action.is_none_or(|a| a == e.action))
        .filter(|e| reason_words.is_empty() || matches_reason(e, &reason_words))
        .collect();

    let mut scope = String::new();
    if let Some(c) = country {
        scope.push_str(&format!(" by {}", c.name));
    }
    if let Some(y) = filter.year {
        scope.push_str(&format!(" in {y}"));
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
    let people = events.iter().filter(|e| e.action.removes_people()).count();
    let countries = {
        let mut c: Vec<&str> = events.iter().map(|e| e.country.as_str()).collect();
        c.sort();
        c.dedup();
        c.len()
    };
    reply.description = format!(
        "{} event{} in {} countr{} ({} sending an ambassador or diplomats away), oldest first.",
        events.len(),
        plural(events.len()),
        countries,
        if countries == 1 { "y" } else { "ies" },
        people
    );
    for e in events {
        let sources = reply.cite(data, &e.sources);
        reply.push_field(
            format!("{} — {}", e.date, data.country_name(&e.country)),
            event_details(e),
            sources,
        );
    }
    reply
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

/// Word stems of a reason, so "smuggled" finds "smuggling".
fn reason_stems(reason: &str) -> Vec<String> {
    const SKIP: &[&str] = &[
        "the", "a", "an", "of", "for", "over", "after", "and", "its", "their", "north", "korea",
        "korean", "dprk",
    ];
    fold(reason)
        .split(' ')
        .filter(|w| !w.is_empty() && !SKIP.contains(w))
        .map(stem)
        .collect()
}

fn stem(word: &str) -> String {
    for suffix in ["ling", "ing", "led", "ed", "es", "s"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.len() >= 4 {
                return base.to_owned();
            }
        }
    }
    word.to_owned()
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
