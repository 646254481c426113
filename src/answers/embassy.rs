//! `/embassy country`: the DPRK's missions in one country.

use super::{expulsion_line, latest_status, mission_title, resolve_country};
use crate::dataset::{Dataset, Mission};
use crate::reply::{Reply, Tone};

pub fn embassy(data: &Dataset, country_input: &str) -> Reply {
    let country = match resolve_country(data, country_input) {
        Ok(c) => c,
        Err(reply) => return *reply,
    };
    if country.iso2 == "KP" {
        return Reply { tone: Tone::NotFound, ..Reply::new("North Korea itself") }.with_description(
            "That is the DPRK itself. Name a host country (e.g. /embassy country:Spain), or list them all with /missions.",
        );
    }
    let here: Vec<&Mission> = data.missions_in(&country.iso2).collect();
    let covering: Vec<&Mission> = data.missions_accredited_to(&country.iso2).collect();
    let mut reply = Reply::new(if here.is_empty() {
        format!("No DPRK mission in {}", country.name)
    } else {
        format!("DPRK missions in {}", country.name)
    });
    reply.description = summary(data, &country.name, &here, &covering);
    for m in &here {
        let sources = reply.cite(data, &m.sources);
        reply.push_field(mission_title(m), mission_details(data, m), sources);
    }
    for m in &covering {
        let sources = reply.cite(data, &m.sources);
        reply.push_field(
            format!(
                "Covered from: {} ({})",
                mission_title(m),
                data.country_name(&m.country)
            ),
            format!(
                "Non-resident accreditation to {}. Now {}.",
                country.name,
                latest_status(m)
            ),
            sources,
        );
    }
    let events: Vec<_> = data.expulsions_by(&country.iso2).collect();
    if !events.is_empty() {
        let ids: Vec<String> = events.iter().flat_map(|e| e.sources.clone()).collect();
        let sources = reply.cite(data, &ids);
        let lines: Vec<String> = events
            .iter()
            .map(|e| expulsion_line(data, e, false))
            .collect();
        reply.push_field(
            format!("Measures by {} against DPRK diplomats", country.name),
            lines.join("\n"),
            sources,
        );
    }
    if let Some(rel) = data.relation_with(&country.iso2) {
        let sources = reply.cite(data, &rel.sources);
        let mut text = super::relation_summary(rel);
        if let Some(u) = &rel.uncertain {
            text.push_str(&format!("\n⚠ Uncertain: {u}"));
        }
        reply.push_field("Diplomatic relations", text, sources);
    }
    if here.is_empty() && reply.sources.is_empty() {
        reply.tone = Tone::NotFound;
    }
    reply
}

fn summary(data: &Dataset, country: &str, here: &[&Mission], covering: &[&Mission]) -> String {
    if here.is_empty() {
        let mut text =
            format!("The data records no DPRK embassy, consulate or other mission in {country}.");
        if let Some(m) = covering.first() {
            text.push_str(&format!(
                " The DPRK covers {country} from its {} ({}).",
                mission_title(m).to_lowercase(),
                data.country_name(&m.country)
            ));
        }
        return text;
    }
    here.iter()
        .map(|m| format!("{}: {}.", mission_title(m), latest_status(m)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn mission_details(data: &Dataset, m: &Mission) -> String {
    let mut lines = vec![format!("**Now:** {}", latest_status(m))];
    let inferred = if m.status_2017_inferred {
        " (inferred)"
    } else {
        ""
    };
    lines.push(format!(
        "**Sept 2017:** {}{inferred}",
        m.status_2017.label()
    ));
    if let Some(opened) = m.opened {
        lines.push(format!("**Opened:** {opened}"));
    }
    if let Some(closed) = m.closed {
        lines.push(format!("**Closed:** {closed}"));
    }
    match super::heads::head_at(data, m, None) {
        Some(super::heads::Head::SentAway { name, on, how, .. }) => {
            lines.push(format!("**Last ambassador named:** {name}, {how} {on}"));
        }
        Some(super::heads::Head::LastKnown { name, as_of }) if m.closed.is_some() => {
            let when = as_of
                .map(|d| format!(" (reported in post {d})"))
                .unwrap_or_default();
            lines.push(format!("**Last ambassador:** {name}{when}"));
        }
        Some(super::heads::Head::LastKnown { name, as_of }) => {
            let when = as_of
                .map(|d| format!(" (reported in post {d}; no later report in the data)"))
                .unwrap_or_default();
            lines.push(format!("**Ambassador, last known:** {name}{when}"));
        }
        None => {}
    }
    if !m.accredited_to.is_empty() {
        let names: Vec<&str> = m
            .accredited_to
            .iter()
            .map(|c| data.country_name(c))
            .collect();
        lines.push(format!("**Also accredited to:** {}", names.join(", ")));
    }
    if let Some(u) = &m.uncertain {
        lines.push(format!("⚠ **Uncertain:** {u}"));
    }
    if let Some(n) = &m.notes {
        lines.push(format!("**Notes:** {n}"));
    }
    lines.join("\n")
}
