//! `/sources`: every publication the data cites, with its link.

use crate::dataset::Dataset;
use crate::reply::Reply;

/// How many sources go in one field (a field value holds 1024 characters).
const PER_FIELD: usize = 5;

pub fn sources(data: &Dataset) -> Reply {
    let mut reply = Reply::new("Where missionbot's data comes from");
    reply.description = format!(
        "{} sources. Every mission, expulsion and relation record cites at least one of them. \
         The headline count of 47 DPRK embassies in 2017 is the National Committee on North Korea's (NCNK); \
         the per-country list was rebuilt from the ROK foreign ministry's list of Dec 2023, news reports and \
         the Wikipedia list. Records whose facts conflict are marked uncertain.",
        data.sources.len()
    );
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
                let date = s.date.map(|d| format!(", {}", d.iso())).unwrap_or_default();
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
            format!("Sources {first}–{}", first + chunk.len() - 1),
            lines.join("\n"),
            cited,
        );
    }
    reply
}
