//! Readers' reports of wrong facts ("Report a correction") and where a
//! server takes them (`/settings corrections`): the checks a report passes,
//! how often one reader may send one, and the words moderators and readers
//! see. No Discord types: the interaction core sends what it returns.

use crate::custom::{validate, GuildStore, Report};
use crate::i18n::Lang;
use crate::moderation::{Actor, Effect, Refusal};
use crate::query::OptionValue;
use crate::reply::{Cited, Reply};
use std::num::NonZeroU32;
use std::time::Duration;

/// How many reports one reader may send at once, and how often another
/// becomes possible: enough for a reader going through a list, too few to
/// flood a moderators' channel.
pub const REPORT_BURST: u32 = 3;
pub const REPORT_EVERY: Duration = Duration::from_secs(300);

/// The longest link a reader may give (as for moderators' source links).
pub const SOURCE_MAX: usize = crate::spec::URL_MAX as usize;
/// The longest "what is wrong".
pub const WHAT_MAX: usize = crate::spec::REPORT_WHAT_MAX as usize;

/// A report form as checked: what is wrong, and the link when one was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub what: String,
    pub source_url: Option<String>,
}

/// Checks a submitted form with the moderators' rules: text any store keeps
/// as given, within its limit, and a real http(s) link or none.
pub fn check_form(what: &str, source: &str) -> Result<Checked, Refusal> {
    let what = what.trim();
    if what.is_empty() {
        return Err(Refusal::new("refusal.report_empty", &[]));
    }
    let n = what.chars().count();
    if n > WHAT_MAX {
        return Err(Refusal::new(
            "refusal.field_too_long",
            &[("name", &"what"), ("max", &WHAT_MAX), ("n", &n)],
        ));
    }
    validate::plain_text("what", what)?;
    let source = source.trim();
    let source_url = if source.is_empty() {
        None
    } else {
        validate::source_url(source)?;
        Some(source.to_owned())
    };
    Ok(Checked {
        what: what.to_owned(),
        source_url,
    })
}

/// At most [`REPORT_BURST`] reports per reader, then one every [`REPORT_EVERY`].
pub struct ReportLimiter(governor::DefaultKeyedRateLimiter<u64>);

impl Default for ReportLimiter {
    fn default() -> Self {
        let burst = NonZeroU32::new(REPORT_BURST).unwrap_or(NonZeroU32::MIN);
        let quota = governor::Quota::with_period(REPORT_EVERY / REPORT_BURST)
            .unwrap_or_else(|| governor::Quota::per_hour(burst))
            .allow_burst(burst);
        Self(governor::RateLimiter::keyed(quota))
    }
}

impl ReportLimiter {
    /// Takes one report from the reader's allowance, or says how long until
    /// the next one is possible.
    pub fn take(&self, reader: u64) -> Result<(), Duration> {
        use governor::clock::{Clock, DefaultClock};
        self.0
            .check_key(&reader)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }
}

/// `/settings corrections [channel] [off]`: sets, turns off or shows where
/// this server's reports go.
pub async fn settings(
    store: &GuildStore,
    guild: u64,
    actor: &Actor,
    sub: &str,
    options: &[(String, OptionValue)],
) -> Result<(Reply, Effect), Refusal> {
    let lang = actor.lang;
    if sub != "corrections" {
        return Err(Refusal::new(
            "refusal.no_subcommand",
            &[("command", &"settings"), ("sub", &sub)],
        ));
    }
    let channel = options.iter().find_map(|(name, value)| match value {
        OptionValue::Channel(id) if name == "channel" => Some(*id),
        _ => None,
    });
    let off = options
        .iter()
        .any(|(name, value)| name == "off" && *value == OptionValue::Flag(true));
    let done = |key: &str, channel: Option<u64>| Reply {
        ephemeral: true,
        ..Reply::new(lang.text("settings.corrections.title")).with_description(lang.fill(
            key,
            &[("channel", &channel.map(mention).unwrap_or_default())],
        ))
    };
    let unchanged = Effect::default();
    match (channel, off) {
        (Some(_), true) => Err(Refusal::new("refusal.channel_or_off", &[])),
        (Some(id), false) => {
            store
                .update(guild, |state| {
                    state.corrections_channel = Some(id);
                    Ok::<_, Refusal>(())
                })
                .await?;
            Ok((done("settings.corrections.set", Some(id)), unchanged))
        }
        (None, true) => {
            store
                .update(guild, |state| {
                    state.corrections_channel = None;
                    Ok::<_, Refusal>(())
                })
                .await?;
            Ok((done("settings.corrections.off", None), unchanged))
        }
        (None, false) => {
            let current = store.get(guild).await.corrections_channel;
            let open = store
                .reports(Some(guild))
                .await?
                .iter()
                .filter(|r| r.resolved_by.is_none())
                .count();
            let mut reply = match current {
                Some(id) => done("settings.corrections.now", Some(id)),
                None => done("settings.corrections.none", None),
            };
            reply.description.push('\n');
            reply
                .description
                .push_str(&lang.count("count.open_report", open, &[]));
            Ok((reply, unchanged))
        }
    }
}

/// A channel as Discord shows it in text (a mention never pings a channel).
pub fn mention(channel: u64) -> String {
    format!("<#{channel}>")
}

/// The report as the moderators' channel shows it.
pub fn report_reply(report: &Report, lang: Lang) -> Reply {
    let mut reply = Reply::new(lang.fill("report.title", &[("id", &report.label())]))
        .with_description(format!(
            "> {}",
            crate::custom::escape_markdown(&report.what).replace('\n', "\n> ")
        ));
    reply.push_field(
        lang.text("report.answer"),
        format!("`{}`", report.query.replace('`', "'")),
        Vec::new(),
    );
    reply.push_field(
        lang.text("report.data_as_of"),
        report.data_as_of.clone(),
        Vec::new(),
    );
    reply.push_field(
        lang.text("report.by"),
        format!(
            "{} (<@{}>)",
            crate::custom::escape_markdown(&report.reporter_name),
            report.reporter_id
        ),
        Vec::new(),
    );
    if let Some(url) = &report.source_url {
        reply.sources.push(Cited {
            id: "reader".into(),
            title: lang.text("report.reader_link").to_owned(),
            publisher: report.reporter_name.clone(),
            date: None,
            url: url.clone(),
        });
        reply.push_field(lang.text("report.link"), url.clone(), vec![0]);
    }
    if let Some(by) = &report.resolved_by {
        reply.push_field(
            lang.text("report.resolved"),
            lang.fill(
                "report.resolved_by",
                &[
                    ("by", &crate::custom::escape_markdown(by)),
                    (
                        "at",
                        &report
                            .resolved_at
                            .as_deref()
                            .unwrap_or("")
                            .chars()
                            .take(10)
                            .collect::<String>(),
                    ),
                ],
            ),
            Vec::new(),
        );
    }
    reply.footer = lang.text("report.footer").to_owned();
    reply.lang = lang;
    reply
}

/// Where a report went, as the reader is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    /// Posted to the server's corrections channel.
    Posted(u64),
    /// Kept, but the channel could not be posted to (why, in Discord's words).
    NotPosted { channel: u64, why: String },
    /// A person's own install or a DM: kept and logged for the maintainers.
    ForMaintainers,
    /// Kept; the server turned its corrections channel off meanwhile.
    KeptOnly,
}

/// The reader's private confirmation: what was kept and where it went.
pub fn received_reply(report: &Report, delivered: &Delivered, lang: Lang) -> Reply {
    let id = report.label();
    let text = match delivered {
        Delivered::Posted(channel) => lang.fill(
            "report.received.posted",
            &[("id", &id), ("channel", &mention(*channel))],
        ),
        Delivered::NotPosted { channel, why } => lang.fill(
            "report.received.not_posted",
            &[
                ("id", &id),
                ("channel", &mention(*channel)),
                ("why", &crate::text::truncate_chars(why, 120)),
            ],
        ),
        Delivered::ForMaintainers => lang.fill("report.received.maintainers", &[("id", &id)]),
        Delivered::KeptOnly => lang.fill("report.received.kept", &[("id", &id)]),
    };
    Reply {
        ephemeral: true,
        ..Reply::new(lang.text("report.received.title")).with_description(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_checked_like_a_moderators_text() {
        assert!(check_form("  ", "").is_err());
        assert_eq!(
            check_form("Spain's embassy reopened", " ").map(|c| c.source_url),
            Ok(None)
        );
        assert!(check_form("x", "not a link").is_err());
        assert!(check_form("x\u{0}", "").is_err());
        assert!(check_form(&"x".repeat(WHAT_MAX + 1), "").is_err());
        let kept = check_form("line one\nline two", "https://example.org/a").unwrap();
        assert_eq!(kept.what, "line one\nline two");
    }

    #[test]
    fn a_reader_gets_a_burst_then_waits() {
        let limiter = ReportLimiter::default();
        for _ in 0..REPORT_BURST {
            assert!(limiter.take(7).is_ok());
        }
        let wait = limiter.take(7).unwrap_err();
        assert!(
            wait > Duration::from_secs(60) && wait <= REPORT_EVERY,
            "{wait:?}"
        );
        assert!(limiter.take(8).is_ok(), "another reader is not held back");
    }
}
