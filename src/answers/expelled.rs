//! `/expelled [country] [year|from/to] [region] [reason] [action]`:
//! host-country measures against DPRK diplomats.

use super::missions::Region;
use super::{clean_echo, measure_target, not_found, original_text};
use crate::dataset::{Action, Country, Dataset, DateRange, Expulsion};
use crate::i18n::Lang;
use crate::reply::Reply;
use crate::text::fold;

#[derive(Debug, Default, Clone, Copy)]
pub struct ExpelledFilter<'a> {
    /// Only this country's (resolved once, by the caller).
    pub country: Option<&'a Country>,
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
    lang: Lang,
) -> Result<Vec<&'d Expulsion>, Box<Reply>> {
    let country = filter.country;
    let region = match filter.region {
        Some(text) => Some(
            Region::find(data, text)
                .ok_or_else(|| Box::new(super::missions::unknown_region(data, text, lang)))?,
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
    // "1 October 2017" before "October 2017": by the first day a date can
    // mean, then by the last.
    events.sort_by_key(|e| (e.date.start(), e.date.end()));
    Ok(events)
}

pub fn expelled(data: &Dataset, filter: &ExpelledFilter, lang: Lang) -> Reply {
    let events = match select(data, filter, lang) {
        Ok(events) => events,
        Err(reply) => return *reply,
    };
    let scope = scope(data, filter, lang);
    if events.is_empty() {
        return not_found(
            lang.fill("expelled.none.title", &[("scope", &scope)]),
            lang.text("expelled.none.hint").to_owned(),
        );
    }
    let mut reply = Reply::new(lang.fill("expelled.title", &[("scope", &scope)]));
    let countries = {
        let mut c: Vec<&str> = events.iter().map(|e| e.country.as_str()).collect();
        c.sort();
        c.dedup();
        c.len()
    };
    reply.description = lang.fill(
        "expelled.summary",
        &[
            ("events", &lang.count("count.event", events.len(), &[])),
            ("countries", &lang.count("count.country", countries, &[])),
            ("kinds", &kinds_summary(&events, lang)),
        ],
    );
    if let Some(afterwards) = super::aftermath::summary(data, &events, lang) {
        reply.description.push_str(&format!("\n{afterwards}"));
    }
    for e in events {
        let mut ids = e.sources.clone();
        // What happened next comes from the missions' records: cite those behind it.
        ids.extend(super::aftermath::sources(data, e));
        let sources = reply.cite(data, &ids);
        let mut details = event_details(data, e, lang);
        if let Some(next) = super::aftermath::line(data, e, lang) {
            details.push('\n');
            details.push_str(&next);
        }
        reply.push_field(
            format!(
                "{} — {}",
                lang.date(e.date),
                data.country_name_in(&e.country, lang)
            ),
            details,
            sources,
        );
    }
    reply
}

/// What the filter narrows to, as words after "Measures against DPRK
/// diplomats": " by Spain in Europe in 2017 over “nuclear” (expelled)".
fn scope(data: &Dataset, filter: &ExpelledFilter, lang: Lang) -> String {
    let country = filter.country;
    let region = filter.region.and_then(|r| Region::find(data, r));
    let mut scope = String::new();
    if let Some(c) = country {
        scope.push_str(&lang.fill("scope.by", &[("country", &c.name_in_sentence(lang))]));
    }
    if let Some(r) = &region {
        scope.push_str(&lang.fill("scope.in", &[("region", &r.label_in(lang))]));
    }
    if !filter.when.is_open() {
        scope.push(' ');
        scope.push_str(&lang.range(filter.when));
    }
    if let Some(r) = filter.reason {
        scope.push_str(&lang.fill("scope.over", &[("reason", &clean_echo(r))]));
    }
    if let Some(a) = filter.action {
        scope.push_str(&format!(" ({})", a.label_in(lang)));
    }
    scope
}

/// "4 declared persona non grata, 2 staff cut": every kind of measure counted.
fn kinds_summary(events: &[&Expulsion], lang: Lang) -> String {
    Action::ALL
        .iter()
        .filter_map(|a| {
            let n = events.iter().filter(|e| e.action == *a).count();
            (n > 0).then(|| {
                lang.fill(
                    "expelled.kind_count",
                    &[("n", &n), ("action", &a.label_in(lang))],
                )
            })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn event_details(data: &Dataset, e: &Expulsion, lang: Lang) -> String {
    let label = |key: &str, value: &str| format!("**{}:** {value}", lang.text(key));
    let mut lines = Vec::new();
    match (&e.person, &e.role) {
        (Some(p), Some(_)) | (Some(p), None) => {
            let who = measure_target(data, e, lang);
            let p = data.people_in(p, lang);
            let role = who.strip_prefix(p.as_str()).unwrap_or("").trim();
            lines.push(format!("**{p}** {role}").trim_end().to_owned());
        }
        (None, Some(_)) => lines.push(label("label.who", &measure_target(data, e, lang))),
        (None, None) => {}
    }
    lines.push(label("label.action", &e.action_in(lang)));
    if let Some(t) = &e.trigger {
        lines.push(label("label.why", &original_text(t, lang)));
    }
    if let Some(u) = &e.uncertain {
        lines.push(format!(
            "⚠ {}",
            label("label.uncertain", &original_text(u, lang))
        ));
    }
    if let Some(n) = &e.notes {
        lines.push(label("label.notes", &original_text(n, lang)));
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
