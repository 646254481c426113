//! `/relations [status] [region] [year|from|to] [covered_from]`: countries'
//! diplomatic relations with the DPRK, counted first, then listed by region.
//!
//! The list answers "how many states have relations with the DPRK", "which
//! countries never had relations", "who recognised it in the 1970s" and,
//! with `covered_from:Pyongyang`, "which countries have an embassy in
//! Pyongyang". A record whose date the sources give only loosely ("by
//! 1991") cannot be placed in a range: the answer says how many were left
//! out that way instead of guessing.

use super::missions::{region_name_in, unknown_region, Region};
use super::{clean_echo, not_found, original_text};
use crate::dataset::{Country, Dataset, DateRange, Relation, RelationStatus, StatusWanted};
use crate::i18n::Lang;
use crate::reply::Reply;
use crate::text::fold;
use std::collections::BTreeMap;

#[derive(Debug, Default, Clone, Copy)]
pub struct RelationsFilter<'a> {
    pub status: Option<StatusWanted>,
    pub region: Option<&'a str>,
    /// Only relations established in this range.
    pub established: DateRange,
    /// Only countries covering the DPRK from this city.
    pub covered_from: Option<&'a str>,
}

/// A selected relation with its country.
pub type Selected<'d> = (&'d Relation, &'d Country);

/// What a filter selects, and how many records it could not place in the
/// range because their date is not a calendar date.
pub struct Selection<'d> {
    pub relations: Vec<Selected<'d>>,
    pub undated_left_out: usize,
}

/// The relations a filter selects, or the reply for an unknown region.
pub fn select<'d>(
    data: &'d Dataset,
    filter: &RelationsFilter,
    lang: Lang,
) -> Result<Selection<'d>, Box<Reply>> {
    let region = match filter.region {
        Some(text) => match Region::find(data, text) {
            Some(r) => Some(r),
            None => return Err(Box::new(unknown_region(data, text, lang))),
        },
        None => None,
    };
    let city = filter.covered_from.map(fold);
    let candidates: Vec<Selected> = data
        .relations
        .iter()
        .filter_map(|r| Some((r, data.country(&r.country)?)))
        .filter(|(_, c)| region.as_ref().is_none_or(|r| r.contains(c)))
        .filter(|(r, _)| filter.status.is_none_or(|s| s.matches(r.status_kind())))
        .filter(|(r, _)| {
            city.as_ref().is_none_or(|wanted| {
                r.covers_dprk_from
                    .as_deref()
                    .is_some_and(|from| &fold(from) == wanted)
            })
        })
        .collect();
    if filter.established.is_open() {
        return Ok(Selection {
            relations: candidates,
            undated_left_out: 0,
        });
    }
    let (dated, undated): (Vec<Selected>, Vec<Selected>) = candidates
        .into_iter()
        .filter(|(r, _)| r.status_kind() != RelationStatus::NoRelations)
        .partition(|(r, _)| r.established.is_some());
    Ok(Selection {
        relations: dated
            .into_iter()
            .filter(|(r, _)| {
                r.established
                    .is_some_and(|d| filter.established.contains(d))
            })
            .collect(),
        undated_left_out: undated.len(),
    })
}

pub fn relations(data: &Dataset, filter: &RelationsFilter, lang: Lang) -> Reply {
    let selection = match select(data, filter, lang) {
        Ok(s) => s,
        Err(reply) => return *reply,
    };
    let region = filter.region.and_then(|text| Region::find(data, text));
    let mut reply = Reply::new(title(filter, region.as_ref(), lang));
    reply.description = headline(data, filter, &selection, lang);
    if selection.relations.is_empty() {
        let mut r = not_found(
            lang.fill("relations.none", &[("title", &reply.title)]),
            reply.description.clone(),
        );
        r.footer = super::footer(data, lang);
        return r;
    }
    let group_of = |c: &Country| match &region {
        Some(r) if r.is_top_level => c.subregion.clone().unwrap_or_else(|| c.region.clone()),
        _ => c.region.clone(),
    };
    let mut groups: BTreeMap<String, Vec<&Selected>> = BTreeMap::new();
    for entry in &selection.relations {
        groups.entry(group_of(entry.1)).or_default().push(entry);
    }
    for (group, mut entries) in groups {
        entries.sort_by(|a, b| a.1.name_in(lang).cmp(b.1.name_in(lang)));
        let ids: Vec<String> = entries
            .iter()
            .flat_map(|(r, _)| r.sources.iter().cloned())
            .collect();
        let sources = reply.cite(data, &ids);
        let lines: Vec<String> = entries
            .iter()
            .map(|(r, c)| relation_line(data, r, c, filter, lang))
            .collect();
        reply.push_field(
            format!("{} ({})", region_name_in(&group, lang), entries.len()),
            lines.join("\n"),
            sources,
        );
    }
    if matches!(
        filter.status,
        Some(StatusWanted::Ended | StatusWanted::Is(RelationStatus::Severed))
    ) {
        add_breaks_since_mended(data, &mut reply, filter, lang);
    }
    reply
}

/// Under a list of relations ended now, the breaks the measures record for
/// countries whose relations stand again: "which countries cut ties" is
/// also answered by Myanmar's 1983 break, mended in 2007.
fn add_breaks_since_mended(
    data: &Dataset,
    reply: &mut Reply,
    filter: &RelationsFilter,
    lang: Lang,
) {
    let region = filter.region.and_then(|text| Region::find(data, text));
    let mut lines = Vec::new();
    let mut ids = Vec::new();
    for e in data
        .expulsions
        .iter()
        .filter(|e| e.action == crate::dataset::Action::RelationsSevered)
    {
        let Some(country) = data.country(&e.country) else {
            continue;
        };
        if region.as_ref().is_some_and(|r| !r.contains(country)) {
            continue;
        }
        let Some(now) = data.relation_with(&e.country) else {
            continue;
        };
        if now.status_kind().ended() {
            continue;
        }
        lines.push(lang.fill(
            "relations.break_line",
            &[
                ("country", &country.name_in(lang)),
                ("date", &lang.date(e.date)),
                ("status", &now.status_kind().label_in(lang)),
            ],
        ));
        ids.extend(e.sources.iter().cloned());
        ids.extend(now.sources.iter().cloned());
    }
    if !lines.is_empty() {
        let sources = reply.cite(data, &ids);
        reply.push_field(
            lang.text("relations.breaks_mended"),
            lines.join("\n"),
            sources,
        );
    }
}

fn title(filter: &RelationsFilter, region: Option<&Region>, lang: Lang) -> String {
    let mut t = lang.text("relations.title").to_owned();
    if let Some(s) = filter.status {
        t.push_str(&format!(": {}", s.label_in(lang)));
    }
    if let Some(r) = region {
        t.push_str(&lang.fill("scope.in", &[("region", &r.label_in(lang))]));
    }
    if !filter.established.is_open() {
        t.push_str(&lang.fill(
            "relations.title_established",
            &[("range", &lang.range(filter.established))],
        ));
    }
    if let Some(city) = filter.covered_from {
        t.push_str(&lang.fill(
            "relations.title_covered_from",
            &[("city", &clean_echo(city))],
        ));
    }
    t
}

/// The number first, then the breakdown by status, the UN members among
/// them, and what the answer could not place.
fn headline(data: &Dataset, filter: &RelationsFilter, s: &Selection, lang: Lang) -> String {
    let n = s.relations.len();
    let un = s.relations.iter().filter(|(_, c)| c.un_member).count();
    // The DPRK is itself a UN member; it has no relations with itself.
    let un_total = data
        .countries
        .iter()
        .filter(|c| c.un_member && c.iso2 != "KP")
        .count();
    let breakdown: Vec<String> = RelationStatus::ALL
        .iter()
        .filter_map(|status| {
            let k = s
                .relations
                .iter()
                .filter(|(r, _)| r.status_kind() == *status)
                .count();
            (k > 0).then(|| format!("{} {k}", status.label_in(lang)))
        })
        .collect();
    let mut text = lang.fill(
        "relations.headline",
        &[
            ("countries", &lang.count("count.country", n, &[])),
            ("breakdown", &breakdown.join(", ")),
            ("un", &un),
            ("un_total", &un_total),
        ],
    );
    if s.undated_left_out > 0 {
        text.push('\n');
        text.push_str(&lang.fill("relations.undated_left_out", &[("n", &s.undated_left_out)]));
    }
    if filter.covered_from.is_some() {
        let unnamed = data
            .relations
            .iter()
            .filter(|r| r.status_kind() == RelationStatus::Active && r.covers_dprk_from.is_none())
            .count();
        text.push('\n');
        text.push_str(&lang.fill("relations.coverage_partial", &[("n", &unnamed)]));
    }
    text
}

fn relation_line(
    data: &Dataset,
    r: &Relation,
    c: &Country,
    filter: &RelationsFilter,
    lang: Lang,
) -> String {
    let status = match r.as_of {
        Some(d) => lang.fill(
            "relation.status_as_of",
            &[
                ("status", &r.status_kind().label_in(lang)),
                ("date", &lang.date(d)),
            ],
        ),
        None => r.status_kind().label_in(lang).to_owned(),
    };
    let mut parts = vec![status];
    match (r.established, &r.established_text) {
        (Some(d), _) => {
            parts.push(lang.fill("relations.line_established", &[("date", &lang.date(d))]))
        }
        (None, Some(text)) => parts.push(lang.fill(
            "relations.line_established",
            &[("date", &original_text(text, lang))],
        )),
        (None, None) => {}
    }
    if filter.covered_from.is_none() {
        if let Some(city) = &r.covers_dprk_from {
            let city = data.city_name_in(city, lang);
            parts.push(lang.fill("relations.line_covers", &[("city", &city)]));
        }
    }
    if r.sources.len() == 1 {
        parts.push(lang.text("relations.one_source").to_owned());
    }
    let flag = if r.uncertain.is_some() { " ⚠" } else { "" };
    format!("**{}** — {}{flag}", c.name_in(lang), parts.join(" · "))
}
