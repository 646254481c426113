//! Answers from the full-text index (`dataset::index`): the records
//! closest to a question no command fits, and every record naming a person.

pub use crate::dataset::index::{stem, terms, Index, Person, Record};
use crate::dataset::Dataset;
use crate::i18n::Lang;
use crate::reply::{Reply, Tone};

/// Answers with the best records for a question, titled honestly as a
/// search; `None` when nothing matches.
pub fn closest_records(data: &Dataset, question: &str, lang: Lang) -> Option<Reply> {
    let hits = data.search_index().search(question);
    if hits.is_empty() {
        return None;
    }
    let echo = super::clean_echo(question);
    let mut reply = Reply::new(lang.fill("search.title", &[("question", &echo)]))
        .with_description(lang.text("search.description"));
    for (record, _) in hits {
        push_record(data, &mut reply, record, lang);
    }
    Some(reply)
}

/// Adds one record as a field, with its sources.
pub fn push_record(data: &Dataset, reply: &mut Reply, record: Record, lang: Lang) {
    match record {
        Record::Mission(i) => {
            let Some(m) = data.missions.get(i) else {
                return;
            };
            let head = super::heads::head_at(data, m, None);
            let ids: Vec<String> = m
                .sources
                .iter()
                .chain(head.iter().flat_map(|h| h.sources()))
                .cloned()
                .collect();
            let sources = reply.cite(data, &ids);
            let mut text = format!(
                "{}: {}",
                lang.text("label.now"),
                super::latest_status(m, lang)
            );
            if let Some(head) = head {
                text.push_str(&format!(
                    "\n{}: {}",
                    lang.text("label.head_of_mission"),
                    head.describe(data, lang)
                ));
            }
            if let Some(n) = &m.notes {
                text.push_str(&format!("\n{}", super::original_text(n, lang)));
            }
            reply.push_field(
                format!(
                    "{} ({})",
                    super::mission_title(m, lang),
                    data.country_name_in(&m.country, lang)
                ),
                text,
                sources,
            );
        }
        Record::Expulsion(i) => {
            let Some(e) = data.expulsions.get(i) else {
                return;
            };
            let sources = reply.cite(data, &e.sources);
            let mut text = super::expulsion_line(data, e, false, lang);
            if let Some(n) = &e.notes {
                text.push_str(&format!("\n{}", super::original_text(n, lang)));
            }
            reply.push_field(
                format!(
                    "{} — {}",
                    lang.date(e.date),
                    data.country_name_in(&e.country, lang)
                ),
                text,
                sources,
            );
        }
        Record::Defection(i) => {
            let Some(d) = data.defections.get(i) else {
                return;
            };
            let sources = reply.cite(data, &d.sources);
            reply.push_field(
                format!(
                    "{} — {} ({})",
                    lang.date(d.left),
                    d.person,
                    data.country_name_in(&d.country, lang)
                ),
                super::defections::details(data, d, lang),
                sources,
            );
        }
        Record::Relation(i) => {
            let Some(r) = data.relations.get(i) else {
                return;
            };
            let sources = reply.cite(data, &r.sources);
            let text = super::relation_summary(r, lang);
            reply.push_field(
                lang.fill(
                    "search.relations_with",
                    &[("country", &data.country_name_in_sentence(&r.country, lang))],
                ),
                text,
                sources,
            );
        }
    }
}

/// A reply for a question that names a person: every record with that name.
pub fn person(data: &Dataset, name: &str, records: &[Record], lang: Lang) -> Reply {
    // A name typed in Hangul is shown with the records' spelling too.
    let spelled = data
        .names
        .iter()
        .find(|n| !n.place && n.hangul().any(|h| h == name))
        .map(|n| format!("{} ({})", n.korean, n.latin))
        .unwrap_or_else(|| data.people_in(name, lang));
    let name = spelled.as_str();
    let mut reply = Reply::new(lang.fill("person.title", &[("name", &name)]))
        .with_description(lang.count("person.records", records.len(), &[("name", &name)]));
    for r in records {
        push_record(data, &mut reply, *r, lang);
    }
    if records.is_empty() {
        reply.tone = Tone::NotFound;
    }
    reply
}
