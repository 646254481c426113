//! Answers: pure functions from a [`Query`] and the [`Dataset`] to a [`Reply`].
//!
//! One module per question kind. Nothing here knows about Discord; every
//! figure is computed from the data, and every fact is cited.

pub mod aftermath;
pub mod ask;
pub mod defections;
mod embassy;
mod expelled;
pub mod heads;
pub mod help;
pub mod missions;
pub mod relations;
pub mod search;
mod sources;
pub mod table;
mod timeline;

use crate::countries::Resolution;
use crate::dataset::{Country, Dataset, Expulsion, Mission, Relation, Status};
use crate::i18n::Lang;
use crate::query::Query;
use crate::reply::{Reply, Tone};

pub use embassy::embassy;
pub use expelled::{expelled, ExpelledFilter};
pub use help::help;
pub use missions::{missions, MissionsFilter};
pub use relations::{relations, RelationsFilter};
pub use sources::sources;
pub use timeline::{timeline, TimelineFilter};

/// Answers any query in English. Never panics; always cites; the footer names the data.
pub fn answer(data: &Dataset, query: &Query) -> Reply {
    answer_in(data, query, Lang::ENGLISH)
}

/// Answers any query in a language (a question written in Korean is
/// answered in Korean whatever the asker's locale).
pub fn answer_in(data: &Dataset, query: &Query, lang: Lang) -> Reply {
    let lang = match query {
        Query::Ask { question } => Lang::for_question(lang, question),
        _ => lang,
    };
    // The country is resolved here, once, and handed to the answer.
    let subject = match query.country_text().map(|c| resolve_country(data, c, lang)) {
        Some(Ok(country)) => Some(country),
        Some(Err(reply)) => return finish(data, *reply, query, None, lang),
        None => None,
    };
    let reply = match (query, subject) {
        (Query::Embassy { as_of, .. }, Some(country)) => embassy(data, country, *as_of, lang),
        (Query::Expelled { .. }, _) => match expelled_filter(query, subject) {
            Some(filter) => expelled(data, &filter, lang),
            None => unreachable_reply(lang),
        },
        (Query::Missions { .. }, _) => match missions_filter(query) {
            Some(filter) => missions(data, &filter, lang),
            None => unreachable_reply(lang),
        },
        (Query::Timeline { when, .. }, Some(country)) => timeline(
            data,
            &TimelineFilter {
                country,
                when: *when,
            },
            lang,
        ),
        (Query::Relations { .. }, _) => match relations_filter(query) {
            Some(filter) => relations(data, &filter, lang),
            None => unreachable_reply(lang),
        },
        (Query::Defections { when, .. }, _) => defections::defections(
            data,
            &defections::DefectionsFilter {
                country: subject,
                when: *when,
            },
            lang,
        ),
        (Query::Sources { .. }, Some(country)) => sources::country_sources(data, country, lang),
        (Query::Sources { .. }, None) => sources(data, lang),
        (Query::Help, _) => help(lang),
        (Query::Ask { question }, _) => ask::answer_question(data, question, lang),
        (Query::Embassy { .. } | Query::Timeline { .. }, None) => unreachable_reply(lang),
    };
    finish(data, reply, query, subject, lang)
}

/// What every answer gets: the footer, the Korean names' sources, its
/// language, and what it answered (a question's reply already carries the
/// query it was understood as).
fn finish(
    data: &Dataset,
    mut reply: Reply,
    query: &Query,
    subject: Option<&Country>,
    lang: Lang,
) -> Reply {
    if reply.canonical.is_none() {
        reply.canonical = Some(match subject {
            Some(country) => query.with_country(&country.name),
            None => query.clone(),
        });
    }
    if let Some(country) = subject {
        reply.subject = Some(country.iso2.clone());
    }
    reply.downloadable = reply.tone == crate::reply::Tone::Answer
        && reply.canonical.as_ref().is_some_and(table::is_list);
    // Every factual answer, whatever a question was read as (not /help,
    // not the list of sources, not a problem).
    reply.reportable = reply.tone == crate::reply::Tone::Answer
        && !matches!(query, Query::Help | Query::Sources { .. })
        && !matches!(reply.canonical, Some(Query::Help | Query::Sources { .. }));
    if reply.footer.is_empty() {
        reply.footer = footer(data, lang);
    }
    cite_korean_names(data, &mut reply, lang);
    reply.lang = lang;
    reply
}

/// A person written in Hangul is a spelling some Korean source gave: the
/// answer cites it, as it cites the sources of every other fact it states.
fn cite_korean_names(data: &Dataset, reply: &mut Reply, lang: Lang) {
    if lang.code() != "ko" || data.names.is_empty() {
        return;
    }
    let words = reply.plain_words();
    let used: Vec<String> = data
        .names
        .iter()
        .filter(|n| words.contains(&format!("{} ({})", n.korean, n.latin)))
        .flat_map(|n| n.sources.iter().cloned())
        .collect();
    reply.cite(data, &used);
}

/// The `/relations` filter a query asks for (None for other queries).
pub fn relations_filter(query: &Query) -> Option<RelationsFilter<'_>> {
    match query {
        Query::Relations {
            status,
            region,
            established,
            covered_from,
        } => Some(RelationsFilter {
            status: *status,
            region: region.as_deref(),
            established: *established,
            covered_from: covered_from.as_deref(),
        }),
        _ => None,
    }
}

/// The `/expelled` filter a query asks for (None for other queries).
pub fn expelled_filter<'a>(
    query: &'a Query,
    country: Option<&'a Country>,
) -> Option<ExpelledFilter<'a>> {
    match query {
        Query::Expelled {
            region,
            when,
            reason,
            action,
            ..
        } => Some(ExpelledFilter {
            country,
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
fn unreachable_reply(lang: Lang) -> Reply {
    Reply::problem(
        lang.text("problem.not_run.title"),
        lang.text("problem.not_run.hint"),
    )
}

/// "Established 1973; status: active. <notes>"
fn relation_summary(r: &Relation, lang: Lang) -> String {
    let established = r
        .established
        .map(|d| lang.date(d))
        .or_else(|| r.established_text.clone());
    let status = relation_status_as_of(r, lang);
    let mut text = match established {
        Some(d) => lang.fill(
            "relation.established_status",
            &[("date", &d), ("status", &status)],
        ),
        None => lang.fill("relation.status_only", &[("status", &status)]),
    };
    if let Some(n) = &r.notes {
        text.push(' ');
        text.push_str(&original_text(n, lang));
    }
    text
}

/// A relation's status ("active", "severed") in a language; a status the
/// catalogue does not know is shown as the data writes it.
pub fn relation_status(status: &str, lang: Lang) -> String {
    let key = format!(
        "relation_status.{}",
        status.trim().to_lowercase().replace(' ', "_")
    );
    lang.text_or(&key, status)
}

/// A mission's title inside a sentence: "the embassy in Madrid" in English;
/// in Korean the title starts with the city, whose capital letter stays
/// ("Stockholm 대사관").
pub(crate) fn title_in_sentence(title: &str, lang: Lang) -> String {
    if lang.is_english() {
        crate::text::lower_first(title)
    } else {
        title.to_owned()
    }
}

/// A relation's status with the date it is known as of: "active (as of
/// December 2025)".
pub fn relation_status_as_of(r: &Relation, lang: Lang) -> String {
    let status = relation_status(&r.status, lang);
    match r.as_of {
        Some(date) => lang.fill(
            "relation.status_as_of",
            &[("status", &status), ("date", &lang.date(date))],
        ),
        None => status,
    }
}

/// Free text from the data (notes, reasons) as written, in English: marked
/// as such when the reply is in another language.
pub fn original_text(text: &str, lang: Lang) -> String {
    if lang.is_english() {
        text.to_owned()
    } else {
        lang.fill("text.original", &[("text", &text)])
    }
}

/// Names the dataset and its date on every reply.
pub fn footer(data: &Dataset, lang: Lang) -> String {
    lang.fill("footer", &[("as_of", &lang.date(data.as_of))])
}

/// Resolves a country option, or explains why not with "did you mean".
fn resolve_country<'a>(
    data: &'a Dataset,
    input: &str,
    lang: Lang,
) -> Result<&'a Country, Box<Reply>> {
    let echo = clean_echo(input);
    match data.resolve(input) {
        Resolution::Found { country, .. } => Ok(country),
        Resolution::Ambiguous(candidates) => Err(Box::new(not_found(
            lang.fill("country.ambiguous.title", &[("input", &echo)]),
            lang.fill(
                "country.ambiguous.hint",
                &[("names", &names(&candidates, lang))],
            ),
        ))),
        Resolution::NotFound { suggestions } => {
            let hint = if suggestions.is_empty() {
                lang.text("country.unknown.hint").to_owned()
            } else {
                lang.fill(
                    "country.unknown.suggest",
                    &[("names", &names(&suggestions, lang))],
                )
            };
            Err(Box::new(not_found(
                lang.fill("country.unknown.title", &[("input", &echo)]),
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

fn names(countries: &[&Country], lang: Lang) -> String {
    countries
        .iter()
        .map(|c| c.name_in(lang))
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

/// "Embassy in Madrid", "Permanent mission in Geneva"; "마드리드 대사관".
fn mission_title(m: &Mission, lang: Lang) -> String {
    lang.fill(
        "mission.title",
        &[
            ("Kind", &crate::text::capitalize(m.kind.label_in(lang))),
            ("city", &m.city_in(lang)),
        ],
    )
}

/// "closed (October 2023)" / "open (as of January 2024)".
fn latest_status(m: &Mission, lang: Lang) -> String {
    match (m.status_latest, m.closed) {
        (Status::Closed, Some(closed)) => {
            lang.fill("mission.closed_on", &[("date", &lang.date(closed))])
        }
        (status, _) => match m.status_latest_as_of {
            Some(as_of) => lang.fill(
                "mission.status_as_of",
                &[
                    ("status", &status.label_in(lang)),
                    ("date", &lang.date(as_of)),
                ],
            ),
            None => status.label_in(lang).to_owned(),
        },
    }
}

/// Who a measure was against: "Kim Hyok Chol (ambassador)", "DPRK diplomats".
fn measure_target(data: &Dataset, e: &Expulsion, lang: Lang) -> String {
    match (&e.person, &e.role) {
        (Some(p), Some(r)) => format!("{} ({})", data.people_in(p, lang), original_words(r, lang)),
        (Some(p), None) => data.people_in(p, lang),
        (None, Some(r)) => original_words(r, lang),
        (None, None) => lang.text("measure.dprk_diplomats").to_owned(),
    }
}

/// A short free-text phrase from the data (a role such as "ambassador"):
/// the catalogue's word when it has one, else the data's English.
fn original_words(text: &str, lang: Lang) -> String {
    if lang.is_english() {
        return text.to_owned();
    }
    let key = format!("role.{}", crate::text::fold(text).replace(' ', "_"));
    // No catalogue word for this role: the data's English, marked as such
    // like every other text kept in its original language.
    lang.text_or(&key, &original_text(text, lang))
}

/// One line per event: date, person and role, what was done, why.
fn expulsion_line(data: &Dataset, e: &Expulsion, with_country: bool, lang: Lang) -> String {
    let mut line = format!("**{}**", lang.date(e.date));
    if with_country {
        line.push_str(&format!(" — {}", data.country_name_in(&e.country, lang)));
    }
    line.push_str(&format!(
        ": {} — {}",
        measure_target(data, e, lang),
        e.action_in(lang)
    ));
    if let Some(t) = &e.trigger {
        line.push_str(&lang.fill("measure.why_inline", &[("why", &original_text(t, lang))]));
    }
    if e.uncertain.is_some() {
        line.push_str(lang.text("measure.uncertain_inline"));
    }
    line
}
