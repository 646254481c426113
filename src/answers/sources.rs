//! `/sources`: every publication the data cites, with its link.

use crate::dataset::{Country, Dataset};
use crate::i18n::Lang;
use crate::reply::Reply;

/// How many sources go in one field (a field value holds 1024 characters).
const PER_FIELD: usize = 5;

pub fn sources(data: &Dataset, lang: Lang) -> Reply {
    let mut reply = Reply::new(lang.text("sources.title"));
    reply.description = lang.fill(
        "sources.description",
        &[(
            "sources",
            &lang.count("count.source", data.sources.len(), &[]),
        )],
    );
    if !lang.is_english() {
        reply.description.push(' ');
        reply
            .description
            .push_str(lang.text("sources.original_language"));
    }
    let mut sorted: Vec<_> = data.sources.iter().collect();
    sorted.sort_by(|a, b| {
        a.publisher
            .to_lowercase()
            .cmp(&b.publisher.to_lowercase())
            .then(a.date.cmp(&b.date))
    });
    for (n, chunk) in sorted.chunks(PER_FIELD).enumerate() {
        let ids: Vec<String> = chunk.iter().map(|s| s.id.clone()).collect();
        let cited = reply.cite(data, &ids);
        let lines: Vec<String> = chunk
            .iter()
            .map(|s| {
                let date = s
                    .date
                    .map(|d| format!(", {}", lang.date(d)))
                    .unwrap_or_default();
                format!(
                    "{}{date}: [{}]({})",
                    s.publisher,
                    s.title.replace(['[', ']'], ""),
                    s.url
                )
            })
            .collect();
        let first = n * PER_FIELD + 1;
        reply.push_field(
            lang.fill(
                "sources.range",
                &[("first", &first), ("last", &(first + chunk.len() - 1))],
            ),
            lines.join("\n"),
            cited,
        );
    }
    reply
}

/// The longest part of a quote a list shows (the whole is in the data).
const QUOTE_SHOWN: usize = 420;

/// `/sources country:X`: every fact the data states about one country,
/// each with the words of its sources that support it and their links, so
/// a reader can check a claim in one step.
pub fn country_sources(data: &Dataset, country: &Country, lang: Lang) -> Reply {
    let iso2 = country.iso2.as_str();
    let mut facts: Vec<(String, String, &[String])> = Vec::new();
    if let Some(r) = data.relation_with(iso2) {
        facts.push((
            lang.text("sources.fact.relation").to_owned(),
            format!("relation:{}", r.id),
            &r.sources,
        ));
    }
    for m in data.missions_in(iso2) {
        let title = super::mission_title(m, lang);
        facts.push((title.clone(), format!("mission:{}", m.id), &m.sources));
        for h in &m.heads {
            facts.push((
                lang.fill(
                    "sources.fact.head",
                    &[
                        ("name", &data.people_in(&h.name, lang)),
                        ("mission", &title),
                    ],
                ),
                format!("head:{}:{}", m.id, h.name),
                &h.sources,
            ));
        }
    }
    for e in data.expulsions_by(iso2) {
        facts.push((
            lang.fill(
                "sources.fact.measure",
                &[("date", &lang.date(e.date)), ("action", &e.action_in(lang))],
            ),
            format!("measure:{}", e.id),
            &e.sources,
        ));
    }
    for d in data.defections.iter().filter(|d| d.country == iso2) {
        facts.push((
            lang.fill(
                "sources.fact.defection",
                &[("name", &data.people_in(&d.person, lang))],
            ),
            format!("defection:{}", d.id),
            &d.sources,
        ));
    }
    let name = country.name_in_sentence(lang);
    let mut reply = Reply::new(lang.fill("sources.country.title", &[("country", &name)]));
    if facts.is_empty() {
        reply.tone = crate::reply::Tone::NotFound;
        reply.description = lang.fill("sources.country.none", &[("country", &name)]);
        return reply;
    }
    let quoted = facts
        .iter()
        .filter(|(_, key, _)| data.quotes_for(key).next().is_some())
        .count();
    reply.description = lang.fill(
        "sources.country.description",
        &[("facts", &facts.len()), ("quoted", &quoted)],
    );
    for (label, key, ids) in facts {
        let quotes: Vec<&crate::dataset::Quote> = data.quotes_for(&key).collect();
        let quoted_ids: Vec<String> = quotes.iter().map(|q| q.source.clone()).collect();
        let cited = reply.cite(data, &quoted_ids);
        let mut lines = Vec::new();
        for (q, index) in quotes.iter().zip(&cited) {
            lines.push(format!(
                "> “{}” [{}]",
                crate::text::truncate_chars(&q.text.replace('\n', " "), QUOTE_SHOWN),
                index + 1
            ));
            if let Some(gloss) = &q.gloss {
                lines.push(lang.fill(
                    "sources.gloss",
                    &[("gloss", &crate::text::truncate_chars(gloss, QUOTE_SHOWN))],
                ));
            }
        }
        let rest = reply.cite(data, ids);
        if quotes.is_empty() {
            lines.push(lang.text("sources.no_quote_yet").to_owned());
        }
        let mut all = cited.clone();
        all.extend(rest.into_iter().filter(|i| !cited.contains(i)));
        reply.push_field(label, lines.join("\n"), all);
    }
    reply
}
