//! Turns a [`Reply`] into pages within Discord's limits, or into plain
//! text. Pure: Discord's limits are enforced here and only here, and
//! `interactions::wire` writes the pages in Discord's wire format.
//!
//! A reply longer than one embed is split into pages: fields too long for
//! one field value continue in the next field, and pages take fields until
//! the 25-field or 6000-character budget is reached. Each page cites the
//! sources of its own fields.

use crate::i18n::Lang;
use crate::reply::{Cited, Reply, Tone};
use crate::text::{chars, truncate_chars};

/// Discord's limits on embeds and messages (characters).
pub mod limits {
    pub const TITLE: usize = 256;
    pub const DESCRIPTION: usize = 4096;
    pub const FIELDS: usize = 25;
    pub const FIELD_NAME: usize = 256;
    pub const FIELD_VALUE: usize = 1024;
    pub const FOOTER: usize = 2048;
    pub const EMBED_TOTAL: usize = 6000;
    pub const EMBEDS_PER_MESSAGE: usize = 10;
    pub const CONTENT: usize = 2000;
    pub const CUSTOM_ID: usize = 100;
    pub const CHOICES: usize = 25;
    pub const CHOICE_NAME: usize = 100;
}

/// Room kept for the page's "Sources" field.
const SOURCES_BUDGET: usize = limits::FIELD_VALUE + 16;
/// Description shown on each page of a reply with fields; longer text is
/// cut with "…". A reply without fields may use Discord's whole 4096.
const PAGE_DESCRIPTION: usize = 1500;
/// Footer text kept (Discord allows 2048); leaves every page room for a full field.
const FOOTER_MAX: usize = 1000;

/// One embed's worth of a reply, already within every limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub title: String,
    pub image_url: Option<String>,
    pub thumbnail_url: Option<String>,
    pub url: Option<String>,
    pub description: String,
    pub fields: Vec<(String, String, bool)>,
    pub footer: String,
    pub colour: u32,
}

impl Page {
    /// Characters Discord counts towards the 6000 limit.
    pub fn total_chars(&self) -> usize {
        chars(&self.title)
            + chars(&self.description)
            + chars(&self.footer)
            + self
                .fields
                .iter()
                .map(|(n, v, _)| chars(n) + chars(v))
                .sum::<usize>()
    }
}

fn colour(tone: Tone) -> u32 {
    match tone {
        Tone::Answer => 0x2B6CB0,
        Tone::NotFound => 0xD69E2E,
        Tone::Problem => 0xC53030,
    }
}

/// A field cut to Discord's sizes: long values continue in more fields.
struct Piece {
    name: String,
    value: String,
    inline: bool,
    sources: Vec<usize>,
}

fn split_field(name: &str, value: &str, inline: bool, sources: &[usize], lang: Lang) -> Vec<Piece> {
    let name = truncate_chars(
        if name.trim().is_empty() { "—" } else { name },
        limits::FIELD_NAME - 10,
    );
    let value = if value.trim().is_empty() {
        "—"
    } else {
        value
    };
    let mut chunks: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in value.lines() {
        let line = truncate_chars(line, limits::FIELD_VALUE);
        let needed = chars(&current) + chars(&line) + usize::from(!current.is_empty());
        if needed > limits::FIELD_VALUE && !current.is_empty() {
            chunks.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&line);
    }
    if !current.trim().is_empty() {
        chunks.push(current);
    }
    if chunks.is_empty() {
        chunks.push("—".into());
    }
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, value)| Piece {
            name: if i == 0 {
                name.clone()
            } else {
                lang.fill("render.continued", &[("name", &name)])
            },
            value,
            inline,
            sources: sources.to_vec(),
        })
        .collect()
}

/// The "Sources" field for the given sources: masked links, as many as
/// fit, each with its number in the whole reply (the `[n]` that lines such
/// as the timeline's refer to), as (reply index, source).
fn sources_value(sources: &[(usize, &Cited)], lang: Lang) -> String {
    let mut out = String::new();
    for (i, (number, s)) in sources.iter().enumerate() {
        let label = match &s.date {
            Some(d) => format!("{}. {}, {d}", number + 1, s.publisher),
            None => format!("{}. {}", number + 1, s.publisher),
        };
        let entry = format!("[{}]({})", label.replace(['[', ']'], ""), s.url);
        let more = sources.len() - i;
        let tail = lang.fill("render.more_sources", &[("n", &more)]);
        let separator = if out.is_empty() { "" } else { " · " };
        if chars(&out) + chars(separator) + chars(&entry) + chars(&tail) > limits::FIELD_VALUE {
            out.push_str(&tail);
            return out;
        }
        out.push_str(separator);
        out.push_str(&entry);
    }
    out
}

/// Splits a reply into pages that each fit one embed.
pub fn paginate(reply: &Reply) -> Vec<Page> {
    let title = truncate_chars(
        if reply.title.trim().is_empty() {
            "missionbot"
        } else {
            &reply.title
        },
        limits::TITLE,
    );
    let base_footer = truncate_chars(&reply.footer, FOOTER_MAX);
    // Room left in the 6000-character budget once title, footer (with its
    // page marker) and the sources field are counted; positive by the caps above.
    let room = limits::EMBED_TOTAL - chars(&title) - chars(&base_footer) - 20 - SOURCES_BUDGET;
    let description_max = if reply.fields.is_empty() {
        limits::DESCRIPTION
    } else {
        PAGE_DESCRIPTION
    };
    let description = truncate_chars(&reply.description, description_max.min(room));
    let pieces: Vec<Piece> = reply
        .fields
        .iter()
        .flat_map(|f| split_field(&f.name, &f.value, f.inline, &f.sources, reply.lang))
        .collect();
    let field_budget = room - chars(&description);
    let mut groups: Vec<Vec<&Piece>> = vec![Vec::new()];
    let mut used = 0;
    for piece in &pieces {
        let size = chars(&piece.name) + chars(&piece.value);
        let group = groups.last_mut().expect("groups is never empty");
        if !group.is_empty() && (used + size > field_budget || group.len() >= limits::FIELDS - 1) {
            groups.push(Vec::new());
            used = 0;
        }
        groups
            .last_mut()
            .expect("groups is never empty")
            .push(piece);
        used += size;
    }
    let total = groups.len();
    groups
        .into_iter()
        .enumerate()
        .map(|(n, group)| {
            let mut fields: Vec<(String, String, bool)> = group
                .iter()
                .map(|p| (p.name.clone(), p.value.clone(), p.inline))
                .collect();
            let mut cited: Vec<(usize, &Cited)> = Vec::new();
            for p in &group {
                for &i in &p.sources {
                    if let Some(s) = reply.sources.get(i) {
                        if !cited.iter().any(|(_, c)| c.id == s.id) {
                            cited.push((i, s));
                        }
                    }
                }
            }
            if cited.is_empty() && group.iter().all(|p| p.sources.is_empty()) && n == 0 {
                cited = reply.sources.iter().enumerate().collect();
            }
            if !cited.is_empty() {
                fields.push((
                    reply.lang.text("render.sources").to_owned(),
                    sources_value(&cited, reply.lang),
                    false,
                ));
            }
            let footer = if total > 1 {
                reply.lang.fill(
                    "render.page",
                    &[("n", &(n + 1)), ("total", &total), ("footer", &base_footer)],
                )
            } else {
                base_footer.clone()
            };
            Page {
                title: title.clone(),
                image_url: if n == 0 {
                    reply.image_url.clone()
                } else {
                    None
                },
                thumbnail_url: if n == 0 {
                    reply.thumbnail_url.clone()
                } else {
                    None
                },
                url: cited.first().map(|(_, s)| s.url.clone()),
                description: description.clone(),
                fields,
                footer,
                colour: colour(reply.tone),
            }
        })
        .collect()
}

/// The custom id of a page button: the query line and the page, so that a
/// click works after a restart. `None` when it would not fit in 100 characters.
pub fn page_button_id(query_line: &str, page: usize) -> Option<String> {
    let id = format!("page:{page}:{query_line}");
    (chars(&id) <= limits::CUSTOM_ID).then_some(id)
}

/// The custom id of a "Download CSV" button: the query line, so a click
/// lists the same rows after a restart. `None` when it would not fit.
pub fn csv_button_id(query_line: &str) -> Option<String> {
    let id = format!("csv:{query_line}");
    (chars(&id) <= limits::CUSTOM_ID).then_some(id)
}

/// The custom id of a "Report a correction" button: the answer's query
/// line. `None` when the form's id ("fixform:" and the line) would not fit.
pub fn report_button_id(query_line: &str) -> Option<String> {
    report_form_id(query_line, false).map(|_| format!("fix:{query_line}"))
}

/// The custom id of the report form (modal) for an answer's query line:
/// "fixform:" where the server's install applies, "fixuser:" for a
/// person's own install (a submitted form does not say which, in the
/// payloads serenity reads, so the form's id carries it).
pub fn report_form_id(query_line: &str, user_install: bool) -> Option<String> {
    let prefix = if user_install { "fixuser:" } else { "fixform:" };
    let id = format!("{prefix}{query_line}");
    (chars(&id) <= limits::CUSTOM_ID).then_some(id)
}

/// Reads back a report form's id: (whether from a person's own install, the query line).
pub fn parse_report_form_id(id: &str) -> Option<(bool, &str)> {
    id.strip_prefix("fixform:")
        .map(|line| (false, line))
        .or_else(|| id.strip_prefix("fixuser:").map(|line| (true, line)))
}

/// The custom id of a report's "Mark resolved" button.
pub fn resolve_button_id(report: u64) -> String {
    format!("fixdone:{report}")
}

/// The custom id of a report's "Turn into a record" button, and of the
/// form it opens.
pub fn record_button_id(report: u64) -> String {
    format!("fixrecord:{report}")
}

pub fn record_form_id(report: u64) -> String {
    format!("fixrec:{report}")
}

/// Reads back a "Download CSV" button's id: the query line.
pub fn parse_csv_button_id(id: &str) -> Option<&str> {
    id.strip_prefix("csv:")
}

/// Reads back a page button's id: (page, query line).
pub fn parse_page_button_id(id: &str) -> Option<(usize, &str)> {
    let rest = id.strip_prefix("page:")?;
    let (page, line) = rest.split_once(':')?;
    Some((page.parse().ok()?, line))
}

/// Plain text for a terminal: every page, sources written out with their links.
pub fn text(reply: &Reply) -> String {
    let mut out = String::new();
    out.push_str(&reply.title);
    out.push('\n');
    out.push_str(&"=".repeat(chars(&reply.title).min(80)));
    out.push('\n');
    if !reply.description.is_empty() {
        out.push_str(&strip_markdown(&reply.description));
        out.push_str("\n\n");
    }
    for f in &reply.fields {
        out.push_str(&format!(
            "## {}\n{}\n\n",
            strip_markdown(&f.name),
            strip_markdown(&f.value)
        ));
    }
    if !reply.sources.is_empty() {
        out.push_str(&format!("{}:\n", reply.lang.text("render.sources")));
        for (i, s) in reply.sources.iter().enumerate() {
            let date = s
                .date
                .as_deref()
                .map(|d| format!(", {d}"))
                .unwrap_or_default();
            out.push_str(&format!(
                "  [{}] {}{date}: {}\n      {}\n",
                i + 1,
                s.publisher,
                s.title,
                s.url
            ));
        }
    }
    if !reply.footer.is_empty() {
        out.push_str(&format!("\n-- {}\n", reply.footer));
    }
    out
}

/// Removes bold markers and turns masked links into "text (url)".
fn strip_markdown(text: &str) -> String {
    static LINK: once_cell::sync::Lazy<regex::Regex> = once_cell::sync::Lazy::new(|| {
        regex::Regex::new(r"\[([^\]]*)\]\(([^)\s]+)\)").expect("valid regex")
    });
    LINK.replace_all(&text.replace("**", ""), "$1 <$2>")
        .into_owned()
}
