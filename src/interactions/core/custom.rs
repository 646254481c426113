//! A server's own commands as members use them: the answer with
//! `{user}`, `{server}`, `{channel}` filled in, and uses counted in memory and
//! written in batches, so that answering never waits for a write.

use super::*;

/// A guild's name as far as the bot knows it.
pub(super) enum ServerName {
    Known(String),
    /// The lookup failed or timed out at this moment.
    Failed(Instant),
}

/// How long a failed name lookup is not retried.
pub(super) const NAME_RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(600);

/// Uses of custom commands, counted in memory and written to the store in
/// batches (every [`USE_FLUSH_EVERY`], before a moderator reads them, and at
/// shutdown), so that answering a custom command never waits for a disk
/// write and never holds the guild's lock against a moderator's change.
pub struct UseCounts {
    pub(super) pending: Mutex<HashMap<u64, HashMap<String, u64>>>,
    pub(super) store: Arc<GuildStore>,
}

/// How often counted uses are written.
pub(super) const USE_FLUSH_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

impl UseCounts {
    pub(super) fn new(store: Arc<GuildStore>) -> Self {
        Self {
            pending: Mutex::new(HashMap::new()),
            store,
        }
    }

    pub(super) fn count(&self, guild: u64, name: &str) {
        *lock(&self.pending)
            .entry(guild)
            .or_default()
            .entry(name.to_owned())
            .or_default() += 1;
    }

    /// Writes one guild's counted uses before a moderator reads them, but
    /// waits at most half a second: the write goes on in its own task (so
    /// no count is lost), and a slow database shows slightly older counts
    /// rather than holding the list.
    pub(super) async fn flush_before_reading(self: &Arc<Self>, guild: u64) {
        let uses = self.clone();
        let write = tokio::spawn(async move { uses.flush(Some(guild)).await });
        let _ = tokio::time::timeout(std::time::Duration::from_millis(500), write).await;
    }

    /// Writes the counted uses of one guild (or of all with `None`).
    pub(super) async fn flush(&self, only: Option<u64>) {
        let batches: Vec<(u64, HashMap<String, u64>)> = {
            let mut pending = lock(&self.pending);
            match only {
                Some(g) => pending.remove(&g).map(|b| (g, b)).into_iter().collect(),
                None => pending.drain().collect(),
            }
        };
        for (guild, uses) in batches {
            let written = self
                .store
                .update(guild, |s| {
                    for c in s.commands.iter_mut() {
                        c.uses += uses.get(&c.name).copied().unwrap_or(0);
                    }
                    Ok::<_, crate::custom::StoreError>(())
                })
                .await;
            if let Err(e) = written {
                warn!(guild, error = %e, "writing use counts failed; they are kept for the next try");
                let mut pending = lock(&self.pending);
                let entry = pending.entry(guild).or_default();
                for (name, n) in uses {
                    *entry.entry(name).or_default() += n;
                }
            }
        }
    }
}

impl Core {
    /// Writes the custom commands' uses counted so far.
    pub async fn flush_uses(&self) {
        self.uses.flush(None).await;
    }

    /// Writes counted uses every [`USE_FLUSH_EVERY`], for the process's life.
    pub fn flush_uses_periodically(&self) {
        let uses = self.uses.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(USE_FLUSH_EVERY).await;
                uses.flush(None).await;
            }
        });
    }

    pub(super) async fn custom_command(
        &self,
        command: &CommandInteraction,
    ) -> CreateInteractionResponse {
        let name = command.data.name.clone();
        let lang = commands::interaction_lang(command);
        let unknown =
            |hint: &str| problem(lang.text("problem.unknown_command.title"), lang.text(hint));
        let Some(guild) =
            commands::records_guild(command.guild_id, &command.authorizing_integration_owners)
        else {
            return unknown("problem.unknown_command.hint");
        };
        let state = self.store.get(guild.get()).await;
        let Some(cmd) = state.commands.iter().find(|c| c.answers_to(&name)) else {
            warn!(command = %name, guild = %guild, "unknown command");
            return unknown("problem.unknown_command.gone");
        };
        if cmd.switches.disabled {
            return problem(
                &lang.fill("custom.off.title", &[("name", &name)]),
                lang.text("custom.off.hint"),
            );
        }
        if let Some(cooldown) = cmd.switches.cooldown {
            let who = if cooldown.per_channel {
                command.channel_id.get()
            } else {
                command.user.id.get()
            };
            if let Err(wait) = self.cooldowns.take(guild.get(), &cmd.name, cooldown, who) {
                let seconds = wait.as_secs().max(1);
                return problem(
                    &lang.fill("custom.cooldown.title", &[("name", &name)]),
                    &lang.fill("custom.cooldown.hint", &[("seconds", &seconds)]),
                );
            }
        }
        let name = cmd.name.clone();
        let server = self.server_name(guild).await;
        let channel = command
            .channel
            .as_ref()
            .and_then(|c| c.name.clone())
            .unwrap_or_else(|| lang.text("custom.this_channel").to_owned());
        let server = server.unwrap_or_else(|| lang.text("custom.this_server").to_owned());
        let reply = moderation::custom_reply(cmd, &display_name(command), &server, &channel, lang);
        self.uses.count(guild.get(), &name);
        if cmd.is_embed() {
            wire::interaction_response(&reply, 0, None)
        } else {
            wire::content_response(&reply.description, reply.ephemeral)
        }
    }

    /// The guild's name for `{server}`, asked of Discord once. A lookup that
    /// failed or hung is not retried for [`NAME_RETRY_AFTER`], so a
    /// `{server}` command never waits the timeout twice in a row.
    /// `None` when the name is not known (the caller says "this server" in
    /// the reader's language).
    pub(super) async fn server_name(&self, guild: GuildId) -> Option<String> {
        match lock(&self.server_names).get(&guild.get()) {
            Some(ServerName::Known(name)) => return Some(name.clone()),
            Some(ServerName::Failed(at)) if at.elapsed() < NAME_RETRY_AFTER => return None,
            _ => {}
        }
        let request = serenity::http::Request::new(
            serenity::http::Route::Guild { guild_id: guild },
            serenity::http::LightMethod::Get,
        );
        let fetched = tokio::time::timeout(
            std::time::Duration::from_secs(1),
            self.http.fire::<serde_json::Value>(request),
        )
        .await;
        let name = fetched
            .ok()
            .and_then(|r| r.ok())
            .and_then(|v| v["name"].as_str().map(str::to_owned));
        let mut names = lock(&self.server_names);
        match name {
            Some(name) => {
                names.insert(guild.get(), ServerName::Known(name.clone()));
                Some(name)
            }
            None => {
                warn!(guild = %guild, "the server's name could not be fetched; using \"this server\"");
                names.insert(guild.get(), ServerName::Failed(Instant::now()));
                None
            }
        }
    }
}

/// Each command's cooldown: a governor limiter per (server, command,
/// length, scope), keyed by user or channel; one use, then the wait.
#[derive(Default)]
pub(super) struct Cooldowns {
    limiters: Mutex<HashMap<CooldownKey, Arc<governor::DefaultKeyedRateLimiter<u64>>>>,
}

/// (server, command, seconds, per channel).
type CooldownKey = (u64, String, u32, bool);

impl Cooldowns {
    /// Takes one use for `who`, or says how long until the next.
    pub(super) fn take(
        &self,
        guild: u64,
        command: &str,
        cooldown: crate::custom::Cooldown,
        who: u64,
    ) -> Result<(), std::time::Duration> {
        use governor::clock::{Clock, DefaultClock};
        let limiter = {
            let mut limiters = lock(&self.limiters);
            // Forget the uses no window still holds (bounds memory).
            if limiters.len() > 4096 {
                limiters.retain(|_, l| {
                    l.retain_recent();
                    !l.is_empty()
                });
            }
            limiters
                .entry((
                    guild,
                    command.to_owned(),
                    cooldown.seconds,
                    cooldown.per_channel,
                ))
                .or_insert_with(|| {
                    let period = std::time::Duration::from_secs(u64::from(cooldown.seconds.max(1)));
                    let quota = governor::Quota::with_period(period)
                        .unwrap_or_else(|| governor::Quota::per_second(std::num::NonZeroU32::MIN));
                    Arc::new(governor::RateLimiter::keyed(quota))
                })
                .clone()
        };
        limiter
            .check_key(&who)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }
}
