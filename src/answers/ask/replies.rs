//! The replies to an intent that runs no query: a person's records, the
//! search results, "unclear" with the command to use instead, "did you
//! mean" and "off topic". Kept apart from the query answers, which the
//! answers module gives.

use super::Intent;
use crate::answers::search;
use crate::dataset::Dataset;
use crate::i18n::Lang;
use crate::reply::{Reply, Tone};

/// The reply to an intent that runs no query.
pub(super) fn answer_other(data: &Dataset, intent: &Intent, question: &str, lang: Lang) -> Reply {
    match intent {
        Intent::Run(query) => crate::answers::answer_in(data, query, lang),
        Intent::Person { name, records } => search::person(data, name, records, lang),
        Intent::Search => {
            search::closest_records(data, question, lang).unwrap_or_else(|| nothing_found(lang))
        }
        Intent::Unclear {
            understood,
            suggestion,
        } => nothing_found_with(
            lang.fill(
                "ask.unclear",
                &[
                    ("understood", &lang.text(understood)),
                    ("suggestion", suggestion),
                ],
            ),
            lang,
        ),
        Intent::Clarify { countries } => {
            let names: Vec<String> = countries
                .iter()
                .map(|n| {
                    data.resolve_exact(n)
                        .map_or_else(|| n.clone(), |(c, _)| c.name_in(lang).to_owned())
                })
                .collect();
            nothing_found_with(
                lang.fill("ask.did_you_mean", &[("names", &lang.or_list(&names))]),
                lang,
            )
        }
        Intent::OffTopic => Reply {
            tone: Tone::NotFound,
            ..Reply::new(lang.text("ask.off_topic.title"))
        }
        .with_description(lang.text("ask.off_topic.hint")),
    }
}

pub(super) fn join_lines(first: &str, second: &str) -> String {
    match (first.is_empty(), second.is_empty()) {
        (true, _) => second.to_owned(),
        (_, true) => first.to_owned(),
        _ => format!("{first}\n{second}"),
    }
}

fn nothing_found(lang: Lang) -> Reply {
    nothing_found_with(lang.text("ask.nothing_found").to_owned(), lang)
}

fn nothing_found_with(description: String, lang: Lang) -> Reply {
    Reply {
        tone: Tone::NotFound,
        ..Reply::new(lang.text("ask.unclear.title"))
    }
    .with_description(description)
}
