//! `/defections [country] [from] [to]`: DPRK diplomats who left their posts
//! abroad and defected, oldest first, each with the post, the day they
//! left, when it became public and where they went.

use super::{not_found, original_text};
use crate::dataset::{Country, Dataset, DateRange, Defection};
use crate::i18n::Lang;
use crate::reply::Reply;

#[derive(Debug, Default, Clone, Copy)]
pub struct DefectionsFilter<'a> {
    /// Only this country's (resolved once, by the caller).
    pub country: Option<&'a Country>,
    /// Only those who left in this range.
    pub when: DateRange,
}

/// The defections a filter selects, in the data's order.
pub fn select<'d>(data: &'d Dataset, filter: &DefectionsFilter) -> Vec<&'d Defection> {
    data.defections
        .iter()
        .filter(|d| filter.country.is_none_or(|c| c.iso2 == d.country))
        .filter(|d| filter.when.contains(d.left))
        .collect()
}

pub fn defections(data: &Dataset, filter: &DefectionsFilter, lang: Lang) -> Reply {
    let selected = select(data, filter);
    let scope = scope(filter, lang);
    if selected.is_empty() {
        return not_found(
            lang.fill("defections.none.title", &[("scope", &scope)]),
            lang.fill("defections.none.hint", &[("total", &data.defections.len())]),
        );
    }
    let mut reply = Reply::new(lang.fill("defections.title", &[("scope", &scope)]));
    reply.description = lang.fill(
        "defections.summary",
        &[("people", &lang.count("count.person", selected.len(), &[]))],
    );
    for d in selected {
        let sources = reply.cite(data, &d.sources);
        reply.push_field(field_name(data, d, lang), details(data, d, lang), sources);
    }
    reply
}

fn scope(filter: &DefectionsFilter, lang: Lang) -> String {
    let mut s = String::new();
    if let Some(c) = filter.country {
        let name = c.name_in_sentence(lang);
        s.push_str(&lang.fill("defections.scope.country", &[("country", &name)]));
    }
    if !filter.when.is_open() {
        s.push(' ');
        s.push_str(&lang.range(filter.when));
    }
    s
}

/// "10 November 2018 — Jo Song Gil (Italy)".
fn field_name(data: &Dataset, d: &Defection, lang: Lang) -> String {
    format!(
        "{} — {} ({})",
        lang.date(d.left),
        d.person,
        data.country_name_in(&d.country, lang)
    )
}

/// The post, the mission, when it became known, where they went, notes.
pub fn details(data: &Dataset, d: &Defection, lang: Lang) -> String {
    let mut lines = vec![one_line(data, d, lang)];
    if !d.also_known_as.is_empty() || d.korean_name.is_some() {
        let names: Vec<&str> = d.names().skip(1).collect();
        lines.push(lang.fill("defections.also", &[("names", &names.join(", "))]));
    }
    if let Some(u) = &d.uncertain {
        lines.push(format!("⚠ {}", original_text(u, lang)));
    }
    if let Some(n) = &d.notes {
        lines.push(original_text(n, lang));
    }
    lines.join("\n")
}

/// "Acting ambassador at the embassy in Rome; left 10 November 2018, made
/// public January 2019; went to South Korea."
pub fn one_line(data: &Dataset, d: &Defection, lang: Lang) -> String {
    let mission = d
        .mission
        .as_deref()
        .and_then(|id| data.missions.iter().find(|m| m.id == id));
    let (key, place) = match mission {
        Some(m) => (
            "defections.line",
            super::title_in_sentence(&super::mission_title(m, lang), lang),
        ),
        None => (
            "defections.line_country",
            data.country_name_in_sentence(&d.country, lang),
        ),
    };
    let mut text = lang.fill(
        key,
        &[
            (
                "post",
                &crate::text::capitalize(&original_text(&d.post, lang)),
            ),
            ("place", &place),
            ("left", &lang.date(d.left)),
        ],
    );
    if let Some(p) = d.made_public.filter(|p| *p != d.left) {
        text.push_str(&lang.fill("defections.made_public", &[("date", &lang.date(p))]));
    }
    if let Some(to) = &d.destination {
        text.push_str(&lang.fill("defections.went_to", &[("place", &original_text(to, lang))]));
    }
    text.push('.');
    text
}
