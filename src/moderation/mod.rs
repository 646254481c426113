//! What `/command` and `/record` do, and how custom commands answer:
//! validated changes to a guild's stored state, with replies that say what
//! happened or what to change. No Discord types: the transports write what it returns.

use crate::countries::Resolution;
use crate::custom::{
    validate, CustomCommand, GuildState, GuildStore, NewsKind, NewsRecord, StoreError,
};
use crate::dataset::{Action, Dataset, MissionKind, PartialDate, Status};
use crate::i18n::Lang;
use crate::query::OptionValue;
use crate::reply::{Cited, Reply};

mod history;
mod switches;

/// Who made a change.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: u64,
    pub name: String,
    /// The language the moderator reads: every confirmation, list and
    /// refusal is written in it.
    pub lang: Lang,
}

/// What a moderator action changed, so the caller can re-register commands
/// or rebuild the guild's view of the data.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Effect {
    pub commands_changed: bool,
    pub records_changed: bool,
}

/// A refusal with what to change; becomes an ephemeral reply in the
/// moderator's language.
pub use crate::custom::validate::Refusal;

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "saving guild state failed");
        match e {
            StoreError::Unreachable(_) => Refusal::new("refusal.store_unreachable", &[]),
            StoreError::Refused(why) => Refusal::new(
                "refusal.store_refused",
                &[("why", &crate::text::truncate_chars(&why, 200))],
            ),
            _ => Refusal::new("refusal.store_failed", &[]),
        }
    }
}

fn get<'a>(options: &'a [(String, OptionValue)], name: &str) -> Option<&'a str> {
    options
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| v.text())
        .filter(|v| !v.trim().is_empty())
}

/// Every text option holds text that either store keeps as given.
fn check_text(options: &[(String, OptionValue)]) -> Result<(), Refusal> {
    options
        .iter()
        .filter_map(|(name, value)| Some((name, value.text()?)))
        .try_for_each(|(name, text)| validate::plain_text(name, text))
}

fn required<'a>(options: &'a [(String, OptionValue)], name: &str) -> Result<&'a str, Refusal> {
    get(options, name).ok_or_else(|| Refusal::new("refusal.option_required", &[("name", &name)]))
}

/// A private confirmation for a moderator.
pub(crate) fn done(title: impl Into<String>, text: impl Into<String>) -> Reply {
    Reply {
        ephemeral: true,
        ..Reply::new(title).with_description(text)
    }
}

/// Runs `/command <sub>` for a moderator; the guild may hold at most
/// `max_commands` custom commands.
pub async fn command(
    store: &GuildStore,
    guild: u64,
    actor: &Actor,
    sub: &str,
    options: &[(String, OptionValue)],
    now: &str,
    max_commands: usize,
) -> Result<(Reply, Effect), Refusal> {
    let lang = actor.lang;
    check_text(options)?;
    let changed = Effect {
        commands_changed: true,
        records_changed: false,
    };
    match sub {
        "add" => {
            let cmd = new_command(options, actor, now, lang)?;
            let name = cmd.name.clone();
            store
                .update(guild, |state| {
                    if state.name_taken(&name) {
                        return Err(Refusal::new("refusal.command_exists", &[("name", &name)]));
                    }
                    validate::room_for_another(state.registered_count(), max_commands)?;
                    let entry = history::entry(actor, now, "add", &cmd, None, Some(&cmd));
                    state.commands.push(cmd);
                    state.remember(entry);
                    Ok::<_, Refusal>(())
                })
                .await?;
            let said = |key: &str| lang.fill(key, &[("name", &name)]);
            Ok((
                done(
                    said("moderation.added.title"),
                    said("moderation.added.text"),
                ),
                changed,
            ))
        }
        "edit" => {
            let name = required(options, "name")?.to_owned();
            store
                .update(guild, |state| {
                    let cmd = state
                        .commands
                        .iter_mut()
                        .find(|c| c.name == name)
                        .ok_or_else(|| Refusal::new("refusal.no_command", &[("name", &name)]))?;
                    let before = cmd.clone();
                    apply_edits(cmd, options, now)?;
                    let entry = history::entry(actor, now, "edit", cmd, Some(&before), Some(cmd));
                    state.remember(entry);
                    Ok::<_, Refusal>(())
                })
                .await?;
            Ok((
                done(
                    lang.fill("moderation.changed.title", &[("name", &name)]),
                    lang.text("moderation.changed.text"),
                ),
                changed,
            ))
        }
        "remove" => {
            let name = required(options, "name")?.to_owned();
            store
                .update(guild, |state| {
                    let at = state.commands.iter().position(|c| c.name == name);
                    let Some(at) = at else {
                        return Err(Refusal::new("refusal.no_command", &[("name", &name)]));
                    };
                    let removed = state.commands.remove(at);
                    let entry =
                        history::entry(actor, now, "remove", &removed, Some(&removed), None);
                    state.remember(entry);
                    Ok::<_, Refusal>(())
                })
                .await?;
            Ok((
                done(
                    lang.fill("moderation.removed.title", &[("name", &name)]),
                    lang.text("moderation.removed.text"),
                ),
                changed,
            ))
        }
        "list" => Ok((
            list_commands(&store.get(guild).await, lang),
            Effect::default(),
        )),
        "disable" | "enable" | "alias" | "cooldown" => {
            let reply =
                switches::switch(store, guild, actor, sub, options, now, max_commands).await?;
            Ok((reply, changed))
        }
        "history" => Ok((
            history::list(&store.get(guild).await, get(options, "name"), lang),
            Effect::default(),
        )),
        "restore" => {
            let reply = history::restore(store, guild, actor, options, now, max_commands).await?;
            Ok((reply, changed))
        }
        "show" => {
            let name = required(options, "name")?;
            let state = store.get(guild).await;
            let cmd = state
                .commands
                .iter()
                .find(|c| c.name == name)
                .ok_or_else(|| Refusal::new("refusal.no_command", &[("name", &name)]))?;
            Ok((show_command(cmd, lang), Effect::default()))
        }
        other => Err(Refusal::new(
            "refusal.no_subcommand",
            &[("command", &"command"), ("sub", &other)],
        )),
    }
}

fn new_command(
    options: &[(String, OptionValue)],
    actor: &Actor,
    now: &str,
    lang: Lang,
) -> Result<CustomCommand, Refusal> {
    let name = required(options, "name")?.trim().to_owned();
    validate::command_name(&name)?;
    let mut cmd = CustomCommand {
        name,
        response: String::new(),
        description: lang.text("moderation.default_description").to_owned(),
        title: None,
        source_url: None,
        ephemeral: false,
        author_id: actor.id,
        author_name: actor.name.clone(),
        created_at: now.to_owned(),
        updated_at: now.to_owned(),
        uses: 0,
        switches: Default::default(),
    };
    required(options, "response")?;
    apply_edits(&mut cmd, options, now)?;
    Ok(cmd)
}

/// Applies the options given (only those) and re-validates the whole command.
fn apply_edits(
    cmd: &mut CustomCommand,
    options: &[(String, OptionValue)],
    now: &str,
) -> Result<(), Refusal> {
    if let Some(r) = get(options, "response") {
        cmd.response = r.to_owned();
    }
    if let Some(d) = get(options, "description") {
        validate::description(d)?;
        cmd.description = d.trim().to_owned();
    }
    // Given empty (only a form can: a slash option never is), a title or
    // link is taken away.
    let given = |name: &str| {
        options
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.text())
            .map(str::trim)
    };
    match given("title") {
        Some("") => cmd.title = None,
        Some(t) => {
            validate::title(t)?;
            cmd.title = Some(t.to_owned());
        }
        None => {}
    }
    match given("source_url") {
        Some("") => cmd.source_url = None,
        Some(u) => {
            validate::source_url(u)?;
            cmd.source_url = Some(u.to_owned());
        }
        None => {}
    }
    if let Some((_, e)) = options.iter().find(|(n, _)| n == "ephemeral") {
        cmd.ephemeral = matches!(e, OptionValue::Flag(true)) || e.text() == Some("true");
    }
    validate::response(&cmd.response, cmd.is_embed())?;
    cmd.updated_at = now.to_owned();
    Ok(())
}

fn date_part(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

fn list_commands(state: &GuildState, lang: Lang) -> Reply {
    let mut reply = done(
        lang.fill("moderation.commands.title", &[("n", &state.commands.len())]),
        lang.text(if state.commands.is_empty() {
            "moderation.commands.none"
        } else {
            "moderation.commands.about"
        }),
    );
    for c in &state.commands {
        let by = lang.count(
            "moderation.commands.entry",
            usize::try_from(c.uses).unwrap_or(usize::MAX),
            &[
                ("author", &c.author_name),
                ("date", &date_part(&c.created_at)),
            ],
        );
        reply.push_field(
            format!("/{}", c.name),
            format!("{by}\n{}", c.description),
            Vec::new(),
        );
    }
    reply
}

fn show_command(c: &CustomCommand, lang: Lang) -> Reply {
    let mut reply = done(format!("/{}", c.name), c.description.clone());
    let field = |key: &str| lang.text(key).to_owned();
    reply.push_field(
        field("moderation.show.response"),
        c.response.clone(),
        Vec::new(),
    );
    reply.push_field(
        field("moderation.show.title"),
        c.title
            .clone()
            .unwrap_or_else(|| field("moderation.show.plain")),
        Vec::new(),
    );
    reply.push_field(
        field("moderation.show.source"),
        c.source_url.clone().unwrap_or_else(|| "—".into()),
        Vec::new(),
    );
    let visibility = field(if c.ephemeral {
        "moderation.show.private"
    } else {
        "moderation.show.public"
    });
    reply.push_field(
        field("moderation.show.details"),
        lang.fill(
            "moderation.show.details_text",
            &[
                ("author", &c.author_name),
                ("added", &date_part(&c.created_at)),
                ("changed", &date_part(&c.updated_at)),
                ("uses", &c.uses),
                ("visibility", &visibility),
            ],
        ),
        Vec::new(),
    );
    reply
}

/// Imports a server file a moderator confirmed: every command and record
/// in one change (checked again against the state it lands on), each
/// command's change in the history.
pub async fn import(
    store: &GuildStore,
    guild: u64,
    actor: &Actor,
    file: &crate::custom::transfer::ServerFile,
    now: &str,
    max_commands: usize,
) -> Result<(Reply, Effect), Refusal> {
    let lang = actor.lang;
    let (plan, _) = store
        .update(guild, |state| {
            let before = state.commands.clone();
            let plan = crate::custom::transfer::apply(state, file, now, max_commands)?;
            for name in plan.added.iter().chain(&plan.changed) {
                let old = before.iter().find(|c| &c.name == name);
                let new = state.commands.iter().find(|c| &c.name == name).cloned();
                if let Some(new) = new {
                    let entry = history::entry(actor, now, "import", &new, old, Some(&new));
                    state.remember(entry);
                }
            }
            Ok::<_, Refusal>(plan)
        })
        .await?;
    let text = lang.fill(
        "import.done",
        &[
            ("added", &plan.added.len()),
            ("changed", &plan.changed.len()),
            ("unchanged", &plan.unchanged.len()),
            ("records", &plan.records_added),
        ],
    );
    Ok((
        done(lang.text("import.done_title"), text),
        Effect {
            commands_changed: true,
            records_changed: plan.records_added > 0,
        },
    ))
}

/// Runs `/record <sub>` for a moderator.
pub async fn record(
    store: &GuildStore,
    data: &Dataset,
    guild: u64,
    actor: &Actor,
    sub: &str,
    options: &[(String, OptionValue)],
    today: &str,
) -> Result<(Reply, Effect), Refusal> {
    let lang = actor.lang;
    check_text(options)?;
    let changed = Effect {
        commands_changed: false,
        records_changed: true,
    };
    match sub {
        "expulsion" | "mission-status" => {
            let what = news_kind(data, sub, options, today)?;
            let source_url = required(options, "source_url")
                .map_err(|_| Refusal::new("refusal.record_needs_source", &[]))?;
            validate::source_url(source_url)?;
            let summary = describe(data, &what, lang);
            let (id, _) = store
                .update(guild, |state| {
                    state.next_record += 1;
                    let id = format!("r{}", state.next_record);
                    let record = NewsRecord {
                        id: id.clone(),
                        what,
                        source_url: source_url.trim().to_owned(),
                        recorded_by: actor.name.clone(),
                        recorded_by_id: actor.id,
                        recorded_on: today.to_owned(),
                    };
                    let entry =
                        history::record_entry(actor, today, "record", &record, None, Some(&record));
                    state.records.push(record);
                    state.remember(entry);
                    Ok::<_, Refusal>(id)
                })
                .await?;
            let text = lang.fill(
                "moderation.recorded.text",
                &[("summary", &summary), ("by", &actor.name), ("date", &today)],
            );
            let title = lang.fill("moderation.recorded.title", &[("id", &id)]);
            Ok((done(title, text), changed))
        }
        "list" => {
            let state = store.get(guild).await;
            let mut reply = done(
                lang.fill("moderation.records.title", &[("n", &state.records.len())]),
                lang.text(if state.records.is_empty() {
                    "moderation.records.none"
                } else {
                    "moderation.records.about"
                }),
            );
            for r in &state.records {
                let entry = lang.fill(
                    "moderation.records.entry",
                    &[
                        ("what", &describe(data, &r.what, lang)),
                        ("by", &r.recorded_by),
                        ("date", &r.recorded_on),
                        ("url", &r.source_url),
                    ],
                );
                reply.push_field(r.id.clone(), entry, Vec::new());
            }
            Ok((reply, Effect::default()))
        }
        "remove" => {
            let id = required(options, "id")?.trim().to_owned();
            store
                .update(guild, |state| {
                    let Some(at) = state.records.iter().position(|r| r.id == id) else {
                        return Err(Refusal::new("refusal.no_record", &[("id", &id)]));
                    };
                    let removed = state.records.remove(at);
                    let entry = history::record_entry(
                        actor,
                        today,
                        "remove-record",
                        &removed,
                        Some(&removed),
                        None,
                    );
                    state.remember(entry);
                    Ok::<_, Refusal>(())
                })
                .await?;
            Ok((
                done(
                    lang.fill("moderation.record_removed.title", &[("id", &id)]),
                    lang.text("moderation.record_removed.text"),
                ),
                changed,
            ))
        }
        other => Err(Refusal::new(
            "refusal.no_subcommand",
            &[("command", &"record"), ("sub", &other)],
        )),
    }
}

fn country_code(data: &Dataset, input: &str) -> Result<String, Refusal> {
    match data.resolve(input) {
        Resolution::Found { country, .. } => Ok(country.iso2.clone()),
        Resolution::Ambiguous(c) => {
            let candidates = c
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            Err(Refusal::new(
                "refusal.country_ambiguous",
                &[("input", &input), ("candidates", &candidates)],
            ))
        }
        Resolution::NotFound { .. } => Err(Refusal::new(
            "refusal.country_unknown",
            &[("input", &crate::text::truncate_chars(input, 60))],
        )),
    }
}

/// The oldest year a record may carry: the DPRK was founded in 1948.
const FIRST_YEAR: i32 = 1948;

/// A record's date: a real date, not before the DPRK existed and not after
/// today (news is recorded once it happened), as the data's dates are.
fn check_date(text: &str, today: &str) -> Result<String, Refusal> {
    let date = PartialDate::parse(text).ok_or_else(|| {
        Refusal::new(
            "refusal.not_a_date",
            &[("input", &crate::text::truncate_chars(text, 30))],
        )
    })?;
    if date.year < FIRST_YEAR {
        return Err(Refusal::new(
            "refusal.date_too_early",
            &[("date", &date), ("first", &FIRST_YEAR)],
        ));
    }
    if PartialDate::parse(today).is_some_and(|t| date.start() > t.end()) {
        return Err(Refusal::new(
            "refusal.date_in_future",
            &[("date", &date), ("today", &today)],
        ));
    }
    Ok(date.iso())
}

/// Refuses an over-long field, saying which and how long it may be.
/// The limits are the options' own ([`crate::spec`]): a request that did
/// not come through Discord's client is held to the same.
fn check_lengths(options: &[(String, OptionValue)]) -> Result<(), Refusal> {
    for (name, value) in options.iter().filter_map(|(n, v)| Some((n, v.text()?))) {
        if let Some(max) = crate::spec::max_chars("record", name) {
            let n = value.chars().count();
            if n > max {
                return Err(Refusal::new(
                    "refusal.field_too_long",
                    &[("name", name), ("max", &max), ("n", &n)],
                ));
            }
        }
    }
    Ok(())
}

/// `option` must be one of `expected`.
fn one_of(option: &str, expected: &dyn std::fmt::Display) -> Refusal {
    Refusal::new(
        "refusal.one_of",
        &[("option", &option), ("expected", expected)],
    )
}

fn news_kind(
    data: &Dataset,
    sub: &str,
    options: &[(String, OptionValue)],
    today: &str,
) -> Result<NewsKind, Refusal> {
    check_lengths(options)?;
    let country = country_code(data, required(options, "country")?)?;
    let date = check_date(required(options, "date")?, today)?;
    let opt = |n: &str| get(options, n).map(|s| s.trim().to_owned());
    if sub == "expulsion" {
        let action = required(options, "action")?;
        let action = Action::parse(action).ok_or_else(|| one_of("action", &Action::expected()))?;
        Ok(NewsKind::Expulsion {
            country,
            date,
            action: action.as_str().to_owned(),
            trigger: required(options, "trigger")?.trim().to_owned(),
            person: opt("person"),
            role: opt("role"),
        })
    } else {
        let kind = MissionKind::parse(required(options, "kind")?)
            .ok_or_else(|| one_of("kind", &MissionKind::expected()))?;
        let status = Status::parse(required(options, "status")?)
            .ok_or_else(|| one_of("status", &Status::expected()))?;
        Ok(NewsKind::MissionStatus {
            country,
            city: required(options, "city")?.trim().to_owned(),
            mission_kind: kind.as_str().to_owned(),
            status: status.as_str().to_owned(),
            date,
            note: opt("note"),
        })
    }
}

/// A record in one sentence ("Chile: expelled, 20 November 2026"), as
/// `/record list` and the alerts say it.
pub fn describe_record(data: &Dataset, what: &NewsKind, lang: Lang) -> String {
    describe(data, what, lang)
}

fn describe(data: &Dataset, what: &NewsKind, lang: Lang) -> String {
    match what {
        NewsKind::Expulsion {
            country,
            date,
            action,
            person,
            ..
        } => {
            let action = Action::parse(action).map_or(action.as_str(), |a| a.label_in(lang));
            let person = person
                .as_deref()
                .map(|p| format!(", {p}"))
                .unwrap_or_default();
            lang.fill(
                "moderation.describe.expulsion",
                &[
                    ("country", &data.country_name_in(country, lang)),
                    ("action", &action),
                    ("date", date),
                    ("person", &person),
                ],
            )
        }
        NewsKind::MissionStatus {
            country,
            city,
            mission_kind,
            status,
            date,
            ..
        } => lang.fill(
            "moderation.describe.mission_status",
            &[
                (
                    "kind",
                    &MissionKind::parse(mission_kind)
                        .map_or(mission_kind.as_str(), |k| k.label_in(lang)),
                ),
                ("city", city),
                ("country", &data.country_name_in(country, lang)),
                (
                    "status",
                    &Status::parse(status).map_or(status.as_str(), |s| s.label_in(lang)),
                ),
                ("date", date),
            ],
        ),
    }
}

/// The answer of a custom command, placeholders filled.
pub fn custom_reply(
    cmd: &CustomCommand,
    user: &str,
    server: &str,
    channel: &str,
    lang: Lang,
) -> Reply {
    let text = crate::custom::fill_placeholders(&cmd.response, user, server, channel);
    let mut reply = Reply::new(
        cmd.title
            .clone()
            .unwrap_or_else(|| format!("/{}", cmd.name)),
    )
    .with_description(text);
    reply.ephemeral = cmd.ephemeral;
    reply.footer = lang.fill("custom.footer", &[("author", &cmd.author_name)]);
    if let Some(url) = &cmd.source_url {
        reply.sources.push(Cited {
            id: "source".into(),
            title: url.clone(),
            publisher: lang.text("custom.source").to_owned(),
            date: None,
            url: url.clone(),
        });
    }
    reply
}
