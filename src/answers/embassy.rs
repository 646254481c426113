//! `/embassy country`: the DPRK's missions in one country, the missions
//! that cover it from elsewhere, its measures and the state of relations.

use super::{expulsion_line, latest_status, mission_title, original_text};
use crate::dataset::{Country, Dataset, Mission, PartialDate};
use crate::i18n::Lang;
use crate::reply::{Reply, Tone};

pub fn embassy(data: &Dataset, country: &Country, as_of: Option<PartialDate>, lang: Lang) -> Reply {
    if country.iso2 == "KP" {
        return Reply {
            tone: Tone::NotFound,
            ..Reply::new(lang.text("dprk_itself.title"))
        }
        .with_description(lang.text("embassy.dprk_itself"));
    }
    let name = country.name_in_sentence(lang);
    let here: Vec<&Mission> = data.missions_in(&country.iso2).collect();
    let covering: Vec<&Mission> = data.missions_accredited_to(&country.iso2).collect();
    let mut reply = Reply::new(if here.is_empty() {
        lang.fill("embassy.title.none", &[("country", &name)])
    } else {
        lang.fill("embassy.title", &[("country", &name)])
    });
    reply.description = summary(data, &name, &here, &covering, lang);
    for m in &here {
        let ids: Vec<String> = m
            .sources
            .iter()
            .chain(
                m.city_names
                    .get(lang.code())
                    .into_iter()
                    .flat_map(|n| &n.sources),
            )
            .chain(
                data.defections
                    .iter()
                    .filter(|d| d.mission.as_deref() == Some(m.id.as_str()))
                    .flat_map(|d| &d.sources),
            )
            .cloned()
            .collect();
        let sources = reply.cite(data, &ids);
        let mut details = mission_details(data, m, lang);
        if let Some(day) = as_of {
            let (line, head_sources) = on_the_day(data, m, day, lang);
            details = format!("{line}\n{details}");
            let mut sources = sources;
            for i in reply.cite(data, &head_sources) {
                if !sources.contains(&i) {
                    sources.push(i);
                }
            }
            reply.push_field(mission_title(m, lang), details, sources);
            continue;
        }
        reply.push_field(mission_title(m, lang), details, sources);
    }
    for m in &covering {
        let sources = reply.cite(data, &m.sources);
        reply.push_field(
            lang.fill(
                "embassy.covered_from",
                &[
                    ("mission", &mission_title(m, lang)),
                    ("host", &data.country_name_in(&m.country, lang)),
                ],
            ),
            lang.fill(
                "embassy.non_resident",
                &[("country", &name), ("status", &latest_status(m, lang))],
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
            .map(|e| expulsion_line(data, e, false, lang))
            .collect();
        reply.push_field(
            lang.fill("embassy.measures_by", &[("country", &name)]),
            lines.join("\n"),
            sources,
        );
    }
    if let Some(rel) = data.relation_with(&country.iso2) {
        let sources = reply.cite(data, &rel.sources);
        let mut text = super::relation_summary(rel, lang);
        // A record resting on one source says so, and which.
        if let [only] = rel.sources.as_slice() {
            if let Some(s) = data.source(only) {
                text.push('\n');
                text.push_str(&lang.fill(
                    "relation.one_source",
                    &[("publisher", &s.publisher), ("title", &s.title)],
                ));
            }
        }
        if let Some(city) = &rel.covers_dprk_from {
            let key = if city == "Pyongyang" {
                "relation.embassy_in_pyongyang"
            } else {
                "relation.covers_dprk_from"
            };
            text.push('\n');
            let city = data.city_name_in(city, lang);
            let sentence = lang.fill(key, &[("country", &name), ("city", &city)]);
            text.push_str(&crate::text::capitalize(&sentence));
        }
        if let Some(u) = &rel.uncertain {
            text.push_str(&format!(
                "\n⚠ {}: {}",
                lang.text("label.uncertain"),
                original_text(u, lang)
            ));
        }
        reply.push_field(lang.text("embassy.relations"), text, sources);
    }
    if here.is_empty() && reply.sources.is_empty() {
        reply.tone = Tone::NotFound;
    }
    reply
}

fn summary(
    data: &Dataset,
    country: &str,
    here: &[&Mission],
    covering: &[&Mission],
    lang: Lang,
) -> String {
    if here.is_empty() {
        let mut text = lang.fill("embassy.none", &[("country", &country)]);
        if let Some(m) = covering.first() {
            text.push(' ');
            text.push_str(&lang.fill(
                "embassy.covered_by",
                &[
                    ("country", &country),
                    (
                        "mission",
                        &super::title_in_sentence(&mission_title(m, lang), lang),
                    ),
                    ("host", &data.country_name_in(&m.country, lang)),
                ],
            ));
        }
        return text;
    }
    here.iter()
        .map(|m| format!("{}: {}.", mission_title(m, lang), latest_status(m, lang)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// "**On 2019:** open; Ambassador Choe Il, in post from November 2016
/// (reported)": the mission and its head as they stood on a date.
fn on_the_day(data: &Dataset, m: &Mission, day: PartialDate, lang: Lang) -> (String, Vec<String>) {
    let status = m.status_on(day).label_in(lang);
    let head = super::heads::head_at(data, m, Some(day));
    let (who, sources) = match &head {
        Some(h) => (h.describe(data, lang), h.sources().to_vec()),
        None => (lang.text("head.none_on_day").to_owned(), Vec::new()),
    };
    let line = lang.fill(
        "embassy.on_day",
        &[
            ("day", &super::missions::describe_day(day, lang)),
            ("status", &status),
            ("head", &who),
        ],
    );
    (line, sources)
}

/// "**Now:** closed (October 2023)" and the other lines of a mission.
fn mission_details(data: &Dataset, m: &Mission, lang: Lang) -> String {
    let label = |key: &str, value: &str| format!("**{}:** {value}", lang.text(key));
    let mut lines = vec![label("label.now", &latest_status(m, lang))];
    let inferred = m.status_2017_basis.as_ref().map_or(String::new(), |basis| {
        lang.fill(
            "embassy.inferred",
            &[("basis", &original_text(basis, lang))],
        )
    });
    lines.push(label(
        "label.sept_2017",
        &format!("{}{inferred}", m.status_2017.label_in(lang)),
    ));
    if let Some(opened) = m.opened {
        lines.push(label("label.opened", &lang.date(opened)));
    }
    if let Some(closed) = m.closed {
        lines.push(label("label.closed", &lang.date(closed)));
    }
    let head = super::heads::head_at(data, m, None);
    let shown = head.as_ref().map(|h| h.name().to_owned());
    match head {
        Some(super::heads::Head::SentAway {
            name, on, action, ..
        }) => lines.push(label(
            "label.last_ambassador_named",
            &format!(
                "{}, {} {}",
                data.people_in(name, lang),
                action.label_in(lang),
                lang.date(on)
            ),
        )),
        Some(super::heads::Head::LastKnown { name, as_of }) if m.closed.is_some() => {
            let when = as_of
                .map(|d| lang.fill("head.reported_in_post", &[("date", &lang.date(d))]))
                .unwrap_or_default();
            let name = data.people_in(name, lang);
            lines.push(label("label.last_ambassador", &format!("{name}{when}")));
        }
        Some(super::heads::Head::LastKnown { name, as_of }) => {
            let when = as_of
                .map(|d| lang.fill("head.reported_no_later", &[("date", &lang.date(d))]))
                .unwrap_or_default();
            let name = data.people_in(name, lang);
            lines.push(label(
                "label.ambassador_last_known",
                &format!("{name}{when}"),
            ));
        }
        Some(super::heads::Head::Ended { name, on, how, .. }) => lines.push(label(
            "label.last_ambassador",
            &super::heads::ended_words(&data.people_in(name, lang), on, how, lang, false),
        )),
        // An open mission whose head no source read names says so, rather
        // than leaving the reader to guess.
        None if m.status_latest == crate::dataset::Status::Open => {
            lines.push(label("label.head_of_mission", lang.text("head.none_named")))
        }
        None => {}
    }
    if let Some(earlier) =
        super::heads::earlier_heads(data, m, shown.as_deref().unwrap_or(""), lang)
    {
        lines.push(label("label.earlier_heads", &earlier));
    }
    let defected: Vec<String> = data
        .defections
        .iter()
        .filter(|d| d.mission.as_deref() == Some(m.id.as_str()))
        .map(|d| {
            format!(
                "{} — {}",
                data.people_in(&d.person, lang),
                super::defections::one_line(data, d, lang)
            )
        })
        .collect();
    if !defected.is_empty() {
        lines.push(label("embassy.defections", &defected.join("; ")));
    }
    if !m.accredited_to.is_empty() {
        let names: Vec<&str> = m
            .accredited_to
            .iter()
            .map(|c| data.country_name_in(c, lang))
            .collect();
        lines.push(label("label.also_accredited", &names.join(", ")));
    }
    if let Some(u) = &m.uncertain {
        lines.push(format!(
            "⚠ {}",
            label("label.uncertain", &original_text(u, lang))
        ));
    }
    if let Some(n) = &m.notes {
        lines.push(label("label.notes", &original_text(n, lang)));
    }
    lines.join("\n")
}
