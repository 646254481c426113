//! News that reaches people (`/follow`): which channels follow a server's
//! news, which records each one gets (now, or in a daily or weekly
//! digest), the words of a post, and what a new data release changed per
//! country, derived from the two versions of the data (never typed). No
//! Discord types: the interaction core posts what it returns.

use crate::countries::Resolution;
use crate::custom::{Follow, GuildState, GuildStore, NewsKind, NewsRecord};
use crate::dataset::Dataset;
use crate::i18n::Lang;
use crate::moderation::{done, Actor, Effect, Refusal};
use crate::query::OptionValue;
use crate::reply::{Cited, Reply};
use std::collections::BTreeMap;
use std::time::Duration;

/// How many follows a server may have.
pub const FOLLOWS_MAX: usize = 25;
/// The most records one digest lists (the rest are counted, with a pointer
/// to `/record list`): a digest stays one message within Discord's limits.
pub const DIGEST_MAX: usize = 20;

/// A follow as asked, checked, before the channel is tried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub channel: u64,
    pub country: Option<String>,
    pub kind: Option<String>,
    pub digest: Option<String>,
    pub role: Option<u64>,
}

/// Reads `/follow add`'s options: the country resolved like `/record`'s.
pub fn wanted(data: &Dataset, options: &[(String, OptionValue)]) -> Result<Wanted, Refusal> {
    let find = |name: &str| options.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let channel = match find("channel") {
        Some(OptionValue::Channel(id)) => *id,
        _ => {
            return Err(Refusal::new(
                "refusal.option_required",
                &[("name", &"channel")],
            ))
        }
    };
    let text = |name: &str| {
        find(name)
            .and_then(OptionValue::text)
            .map(str::trim)
            .filter(|t| !t.is_empty())
    };
    let country = match text("country") {
        None => None,
        Some(input) => match data.resolve(input) {
            Resolution::Found { country, .. } => Some(country.iso2.clone()),
            _ => {
                return Err(Refusal::new(
                    "refusal.country_unknown",
                    &[("input", &crate::text::truncate_chars(input, 60))],
                ))
            }
        },
    };
    let one_of = |name: &str, allowed: &[&str]| -> Result<Option<String>, Refusal> {
        match text(name) {
            None => Ok(None),
            Some(v) if allowed.contains(&v) => Ok(Some(v.to_owned())),
            Some(_) => Err(Refusal::new(
                "refusal.one_of",
                &[("option", &name), ("expected", &allowed.join(", "))],
            )),
        }
    };
    Ok(Wanted {
        channel,
        country,
        kind: one_of("kind", &["expulsion", "mission_status", "data"])?,
        digest: one_of("digest", &["daily", "weekly"])?,
        role: match find("role") {
            Some(OptionValue::Role(id)) => Some(*id),
            _ => None,
        },
    })
}

/// Keeps a follow the channel was shown to accept.
pub async fn add(
    store: &GuildStore,
    guild: u64,
    actor: &Actor,
    wanted: Wanted,
    now: &str,
) -> Result<(Reply, Follow), Refusal> {
    let lang = actor.lang;
    let (follow, _) = store
        .update(guild, |state| {
            if state.follows.len() >= FOLLOWS_MAX {
                return Err(Refusal::new(
                    "refusal.follows_full",
                    &[("max", &FOLLOWS_MAX)],
                ));
            }
            state.next_follow += 1;
            let follow = Follow {
                id: state.next_follow,
                channel: wanted.channel,
                country: wanted.country,
                kind: wanted.kind,
                digest: wanted.digest,
                role: wanted.role,
                by: actor.name.clone(),
                lang: Some(lang.code().to_owned()),
                since: now.to_owned(),
                last_digest: None,
            };
            state.follows.push(follow.clone());
            Ok::<_, Refusal>(follow)
        })
        .await?;
    let reply = done(
        lang.fill("follow.added.title", &[("id", &follow.id)]),
        describe(&follow, lang),
    );
    Ok((reply, follow))
}

/// `/follow list` and `/follow remove id`.
pub async fn manage(
    store: &GuildStore,
    guild: u64,
    actor: &Actor,
    sub: &str,
    options: &[(String, OptionValue)],
) -> Result<(Reply, Effect), Refusal> {
    let lang = actor.lang;
    match sub {
        "list" => {
            let state = store.get(guild).await;
            let mut reply = done(
                lang.fill("follow.list.title", &[("n", &state.follows.len())]),
                lang.text(if state.follows.is_empty() {
                    "follow.list.none"
                } else {
                    "follow.list.about"
                }),
            );
            for f in &state.follows {
                reply.push_field(format!("#{}", f.id), describe(f, lang), Vec::new());
            }
            Ok((reply, Effect::default()))
        }
        "remove" => {
            let id = match options.iter().find(|(n, _)| n == "id").map(|(_, v)| v) {
                Some(OptionValue::Integer(n)) => u64::try_from(*n).unwrap_or(0),
                Some(OptionValue::Text(t)) => t.trim().trim_start_matches('#').parse().unwrap_or(0),
                _ => 0,
            };
            store
                .update(guild, |state| {
                    let before = state.follows.len();
                    state.follows.retain(|f| f.id != id);
                    if state.follows.len() == before {
                        return Err(Refusal::new("refusal.no_follow", &[("id", &id)]));
                    }
                    state.alert_queue.retain(|q| q.follow != id);
                    Ok::<_, Refusal>(())
                })
                .await?;
            Ok((
                done(lang.fill("follow.removed", &[("id", &id)]), String::new()),
                Effect::default(),
            ))
        }
        other => Err(Refusal::new(
            "refusal.no_subcommand",
            &[("command", &"follow"), ("sub", &other)],
        )),
    }
}

/// A follow in words: where, what, how often, whom it pings.
pub fn describe(f: &Follow, lang: Lang) -> String {
    let what = f
        .kind
        .as_deref()
        .map(|k| lang.text(&format!("follow.kind.{k}")).to_owned())
        .unwrap_or_else(|| lang.text("follow.kind.all").to_owned());
    let mut text = lang.fill(
        "follow.describe",
        &[("channel", &format!("<#{}>", f.channel)), ("what", &what)],
    );
    if let Some(country) = &f.country {
        text.push_str(&lang.fill("follow.describe.country", &[("country", country)]));
    }
    if let Some(digest) = &f.digest {
        text.push_str(&lang.fill(
            "follow.describe.digest",
            &[("digest", &lang.text(&format!("follow.digest.{digest}")))],
        ));
    }
    if let Some(role) = f.role {
        text.push_str(&lang.fill("follow.describe.role", &[("role", &format!("<@&{role}>"))]));
    }
    text
}

fn record_kind(record: &NewsRecord) -> (&'static str, &str) {
    match &record.what {
        NewsKind::Expulsion { country, .. } => ("expulsion", country),
        NewsKind::MissionStatus { country, .. } => ("mission_status", country),
    }
}

/// Whether a follow gets a record.
pub fn follows_record(f: &Follow, record: &NewsRecord) -> bool {
    let (kind, country) = record_kind(record);
    f.kind.as_deref().is_none_or(|k| k == kind) && f.country.as_deref().is_none_or(|c| c == country)
}

/// The language a follow's posts are written in.
pub fn lang_of(f: &Follow) -> Lang {
    f.lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or(Lang::ENGLISH)
}

/// How long a digest waits between two sendings (`MISSIONBOT_DIGEST_PERIOD_SECS`
/// shortens both, for tests).
pub fn digest_period(digest: &str) -> Duration {
    if let Some(secs) = std::env::var("MISSIONBOT_DIGEST_PERIOD_SECS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        return Duration::from_secs(secs.max(1));
    }
    match digest {
        "weekly" => Duration::from_secs(7 * 24 * 3600),
        _ => Duration::from_secs(24 * 3600),
    }
}

/// One record as a post, citing its source.
pub fn record_post(data: &Dataset, record: &NewsRecord, lang: Lang) -> Reply {
    let mut reply = Reply::new(lang.fill("alert.record.title", &[("id", &record.id)]))
        .with_description(crate::moderation::describe_record(data, &record.what, lang));
    cite(&mut reply, record);
    reply.footer = lang.fill(
        "alert.record.footer",
        &[("by", &record.recorded_by), ("date", &record.recorded_on)],
    );
    reply.lang = lang;
    reply
}

fn cite(reply: &mut Reply, record: &NewsRecord) {
    reply.sources.push(Cited {
        id: record.id.clone(),
        title: record.source_url.clone(),
        publisher: record.recorded_by.clone(),
        date: Some(record.recorded_on.clone()),
        url: record.source_url.clone(),
    });
}

/// Several records as one digest post (at most [`DIGEST_MAX`] listed).
pub fn digest_post(data: &Dataset, records: &[NewsRecord], period: &str, lang: Lang) -> Reply {
    let mut reply = Reply::new(lang.fill(
        "alert.digest.title",
        &[
            ("n", &records.len()),
            ("digest", &lang.text(&format!("follow.digest.{period}"))),
        ],
    ));
    for r in records.iter().take(DIGEST_MAX) {
        let at = reply.sources.len();
        cite(&mut reply, r);
        reply.push_field(
            r.id.clone(),
            crate::moderation::describe_record(data, &r.what, lang),
            vec![at],
        );
    }
    if records.len() > DIGEST_MAX {
        reply.description = lang.fill("alert.digest.more", &[("n", &(records.len() - DIGEST_MAX))]);
    }
    reply.lang = lang;
    reply
}

/// What the data says of each country, line by line, to compare releases:
/// its relations' status, each mission's status, how many measures.
pub fn summary(data: &Dataset) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in &data.relations {
        out.entry(r.country.clone())
            .or_default()
            .push(format!("relations: {}", r.status));
    }
    for m in &data.missions {
        out.entry(m.country.clone()).or_default().push(format!(
            "{} in {}: {}",
            m.kind.label(),
            m.city,
            m.status_latest.as_str()
        ));
    }
    let mut measures: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &data.expulsions {
        *measures.entry(&e.country).or_default() += 1;
    }
    for (country, n) in measures {
        out.entry(country.to_owned())
            .or_default()
            .push(format!("measures recorded: {n}"));
    }
    for lines in out.values_mut() {
        lines.sort();
    }
    out
}

/// What changed per country between two summaries: a line whose subject
/// stayed ("embassy in Madrid") as "before → after", new and gone lines as
/// such. Countries without a change are left out.
pub fn changes(
    old: &BTreeMap<String, Vec<String>>,
    new: &BTreeMap<String, Vec<String>>,
) -> Vec<(String, Vec<String>)> {
    let subject = |line: &str| line.split(": ").next().unwrap_or(line).to_owned();
    let value = |line: &str| {
        line.split_once(": ")
            .map_or(String::new(), |(_, v)| v.to_owned())
    };
    let empty = Vec::new();
    let mut out = Vec::new();
    let countries: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for country in countries {
        let (before, after) = (
            old.get(country).unwrap_or(&empty),
            new.get(country).unwrap_or(&empty),
        );
        if before == after {
            continue;
        }
        let mut lines = Vec::new();
        for line in after.iter().filter(|l| !before.contains(l)) {
            match before.iter().find(|b| subject(b) == subject(line)) {
                Some(b) => lines.push(format!("{}: {} → {}", subject(line), value(b), value(line))),
                None => lines.push(format!("new: {line}")),
            }
        }
        for line in before.iter().filter(|l| !after.contains(l)) {
            if !after.iter().any(|a| subject(a) == subject(line)) {
                lines.push(format!("no longer: {line}"));
            }
        }
        out.push((country.clone(), lines));
    }
    out
}

/// A release's changes as a post for one follow (its country filter
/// applied); `None` when nothing it follows changed.
pub fn release_post(
    data: &Dataset,
    changed: &[(String, Vec<String>)],
    follow: &Follow,
    lang: Lang,
) -> Option<Reply> {
    if follow.kind.as_deref().is_some_and(|k| k != "data") {
        return None;
    }
    let mut reply =
        Reply::new(lang.fill("alert.release.title", &[("date", &lang.date(data.as_of))]))
            .with_description(lang.text("alert.release.about"));
    for (iso2, lines) in changed {
        if follow.country.as_deref().is_some_and(|c| c != iso2) {
            continue;
        }
        let name = data
            .country(iso2)
            .map_or(iso2.clone(), |c| c.name_in(lang).to_owned());
        reply.push_field(name, lines.join("\n"), Vec::new());
    }
    if reply.fields.is_empty() {
        return None;
    }
    reply.lang = lang;
    Some(reply)
}

/// Takes, for every digest follow that is due at `now`, its waiting
/// records (inside the store's transaction, so exactly one process sends
/// each digest): (follow, the records).
pub fn take_due_digests(
    state: &mut GuildState,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<(Follow, Vec<NewsRecord>)> {
    let mut due = Vec::new();
    for f in state.follows.iter_mut() {
        let Some(period) = f.digest.as_deref().map(digest_period) else {
            continue;
        };
        let last = f.last_digest.as_deref().unwrap_or(&f.since);
        let since = chrono::DateTime::parse_from_rfc3339(last)
            .map(|d| d.with_timezone(&chrono::Utc))
            .unwrap_or(now);
        let elapsed = now
            .signed_duration_since(since)
            .to_std()
            .unwrap_or_default();
        if elapsed < period {
            continue;
        }
        let records: Vec<NewsRecord> = state
            .alert_queue
            .iter()
            .filter(|q| q.follow == f.id)
            .filter_map(|q| state.records.iter().find(|r| r.id == q.record).cloned())
            .collect();
        f.last_digest = Some(now.to_rfc3339());
        if !records.is_empty() {
            due.push((f.clone(), records));
        }
    }
    let sent: Vec<u64> = due.iter().map(|(f, _)| f.id).collect();
    state.alert_queue.retain(|q| !sent.contains(&q.follow));
    due
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_releases_changes_are_derived_per_country() {
        let old: BTreeMap<String, Vec<String>> = [(
            "ES".to_owned(),
            vec![
                "embassy in Madrid: closed".to_owned(),
                "relations: active".to_owned(),
            ],
        )]
        .into();
        let mut new = old.clone();
        new.get_mut("ES").unwrap()[0] = "embassy in Madrid: open".into();
        new.insert("PE".into(), vec!["measures recorded: 1".into()]);
        let changed = changes(&old, &new);
        assert_eq!(
            changed,
            vec![
                (
                    "ES".to_owned(),
                    vec!["embassy in Madrid: closed → open".to_owned()]
                ),
                (
                    "PE".to_owned(),
                    vec!["new: measures recorded: 1".to_owned()]
                ),
            ]
        );
        assert!(changes(&old, &old).is_empty());
    }
}
