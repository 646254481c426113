//! `/sources`: every publication the data cites, with its link.

use crate::dataset::Dataset;
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
