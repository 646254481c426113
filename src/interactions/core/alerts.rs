//! `/follow` and the posts it asks for: a new record posted to each channel
//! following it (or queued for a digest), digests sent when due, and what a
//! new data release changed, announced once at start. Each is posted by
//! exactly one process: the one that saved the record, the one whose
//! transaction took the digest's queue, the one that swapped the data's
//! summary.

use super::*;
use crate::alerts;
use crate::custom::{Follow, NewsRecord, QueuedAlert};
use crate::interactions::retry::{Failure, Policy};
use crate::query::OptionValue;
use serenity::all::ChannelId;

/// How often each process looks for digests that are due
/// (`MISSIONBOT_DIGEST_CHECK_SECS`, default a minute).
fn digest_check() -> std::time::Duration {
    let secs = std::env::var("MISSIONBOT_DIGEST_CHECK_SECS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(60);
    std::time::Duration::from_secs(secs.max(1))
}

impl Core {
    /// `/follow add|list|remove`. Adding first posts a line to the channel:
    /// a channel the bot may not post in is refused with Discord's reason.
    pub(super) async fn follow_command(
        &self,
        guild: GuildId,
        sub: &str,
        options: &[(String, OptionValue)],
        actor: moderation::Actor,
    ) -> Outgoing {
        let lang = actor.lang;
        let refused = |refusal: moderation::Refusal| {
            Outgoing::from(problem(
                lang.text("problem.not_changed"),
                &refusal.describe(lang),
            ))
        };
        if sub != "add" {
            let work = alerts::manage(&self.store, guild.get(), &actor, sub, options);
            return match tokio::time::timeout(MODERATOR_DEADLINE, work).await {
                Ok(Ok((reply, _))) => Outgoing::from(wire::interaction_response(&reply, 0, None)),
                Ok(Err(refusal)) => refused(refusal),
                Err(_) => Outgoing::from(problem(
                    lang.text("problem.not_confirmed.title"),
                    lang.text("problem.not_confirmed.hint"),
                )),
            };
        }
        let wanted = match alerts::wanted(&self.data, options) {
            Ok(wanted) => wanted,
            Err(refusal) => return refused(refusal),
        };
        let hello = Reply::new(lang.text("follow.hello.title"))
            .with_description(lang.fill("follow.hello.text", &[("by", &actor.name)]));
        // Within the moderator's deadline: a channel that does not answer is
        // as good as one that refuses.
        let tried = tokio::time::timeout(
            std::time::Duration::from_millis(1500),
            self.post(wanted.channel, &hello, None, 1),
        )
        .await
        .unwrap_or_else(|_| Err(lang.text("follow.no_answer").to_owned()));
        if let Err(why) = tried {
            return Outgoing::from(problem(
                lang.text("follow.cannot_post.title"),
                &lang.fill(
                    "follow.cannot_post.hint",
                    &[
                        ("channel", &format!("<#{}>", wanted.channel)),
                        ("why", &why),
                    ],
                ),
            ));
        }
        let now = chrono::Utc::now().to_rfc3339();
        let work = alerts::add(&self.store, guild.get(), &actor, wanted, &now);
        match tokio::time::timeout(MODERATOR_DEADLINE, work).await {
            Ok(Ok((reply, follow))) => {
                info!(guild = %guild, follow = follow.id, channel = follow.channel, "a channel follows this server's news");
                Outgoing::from(wire::interaction_response(&reply, 0, None))
            }
            Ok(Err(refusal)) => refused(refusal),
            Err(_) => Outgoing::from(problem(
                lang.text("problem.not_confirmed.title"),
                lang.text("problem.not_confirmed.hint"),
            )),
        }
    }

    /// Posts a reply to a channel, every page of it (a release touching
    /// many countries is longer than one message), pinging `role` only on
    /// the first (or no one); the error in Discord's words when a page
    /// could not be posted. `tries` bounds retries per page.
    async fn post(
        &self,
        channel: u64,
        reply: &Reply,
        role: Option<u64>,
        tries: usize,
    ) -> Result<(), String> {
        for message in wire::channel_posts(reply, role) {
            let mut left = tries;
            let sent = Policy::edit()
                .run(
                    "posting an alert",
                    || {
                        self.http
                            .send_message(ChannelId::new(channel), Vec::new(), &message)
                    },
                    || {
                        left = left.saturating_sub(1);
                        left == 0
                    },
                )
                .await;
            match sent {
                Ok(_) => {}
                Err(Failure::Failed { error, .. }) => return Err(error.to_string()),
                Err(Failure::Stopped) => return Err("gave up".to_owned()),
            }
        }
        Ok(())
    }

    /// After a record is saved: posted now to each follow that gets it, or
    /// queued for its digest.
    pub(super) async fn alert_new_record(self: Arc<Self>, guild: GuildId) {
        let state = self.store.get(guild.get()).await;
        let Some(record) = state.records.last().cloned() else {
            return;
        };
        let follows: Vec<Follow> = state
            .follows
            .iter()
            .filter(|f| alerts::follows_record(f, &record))
            .cloned()
            .collect();
        let queued: Vec<u64> = follows
            .iter()
            .filter(|f| f.digest.is_some())
            .map(|f| f.id)
            .collect();
        if !queued.is_empty() {
            let id = record.id.clone();
            let kept = self
                .store
                .update(guild.get(), |state| {
                    for follow in &queued {
                        state.alert_queue.push(QueuedAlert {
                            follow: *follow,
                            record: id.clone(),
                        });
                    }
                    Ok::<_, crate::custom::StoreError>(())
                })
                .await;
            if let Err(e) = kept {
                error!(guild = %guild, error = %e, "a record could not be queued for its digests");
            }
        }
        let data = self.data_for(Some(guild));
        for follow in follows.iter().filter(|f| f.digest.is_none()) {
            let post = alerts::record_post(&data, &record, alerts::lang_of(follow));
            if let Err(why) = self.post(follow.channel, &post, follow.role, 4).await {
                warn!(guild = %guild, follow = follow.id, error = %why, "an alert could not be posted");
            }
        }
    }

    /// Sends the digests that are due, in every server, now and then.
    pub fn send_digests_periodically(self: &Arc<Self>) {
        let core = self.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(digest_check()).await;
                core.send_due_digests().await;
            }
        });
    }

    async fn send_due_digests(&self) {
        for guild in self.store.guild_ids() {
            let state = self.store.get(guild).await;
            if !state.follows.iter().any(|f| f.digest.is_some()) {
                continue;
            }
            let now = chrono::Utc::now();
            let taken = self
                .store
                .update(guild, |state| {
                    Ok::<_, crate::custom::StoreError>(alerts::take_due_digests(state, now))
                })
                .await;
            let due: Vec<(Follow, Vec<NewsRecord>)> = match taken {
                Ok((due, _)) => due,
                Err(e) => {
                    warn!(guild, error = %e, "digests could not be taken");
                    continue;
                }
            };
            let data = self.data_for(Some(GuildId::new(guild)));
            for (follow, records) in due {
                let period = follow.digest.clone().unwrap_or_default();
                let post = alerts::digest_post(&data, &records, &period, alerts::lang_of(&follow));
                match self.post(follow.channel, &post, follow.role, 4).await {
                    Ok(()) => info!(
                        guild,
                        follow = follow.id,
                        records = records.len(),
                        "a digest was posted"
                    ),
                    Err(why) => {
                        warn!(guild, follow = follow.id, error = %why, "a digest could not be posted")
                    }
                }
            }
        }
    }

    /// At start: if the data differs from what followers were last told
    /// of, and this process is the one that swapped the summary, posts
    /// each follow its countries' changes.
    pub fn announce_release(self: &Arc<Self>) {
        let core = self.clone();
        tokio::spawn(async move {
            let summary = alerts::summary(&core.data);
            let Ok(value) = serde_json::to_value(&summary) else {
                return;
            };
            let previous = match core.store.swap_data_summary(value).await {
                Ok(Some(previous)) => previous,
                Ok(None) => return,
                Err(e) => {
                    warn!(error = %e, "the data's summary could not be compared with the last release's");
                    return;
                }
            };
            let Ok(previous) = serde_json::from_value(previous) else {
                return;
            };
            let changed = alerts::changes(&previous, &summary);
            info!(
                countries = changed.len(),
                "a new data release: telling followers what changed"
            );
            for guild in core.store.guild_ids() {
                for follow in core.store.get(guild).await.follows {
                    let lang = alerts::lang_of(&follow);
                    let Some(post) = alerts::release_post(&core.data, &changed, &follow, lang)
                    else {
                        continue;
                    };
                    if let Err(why) = core.post(follow.channel, &post, follow.role, 4).await {
                        warn!(guild, follow = follow.id, error = %why, "a release's changes could not be posted");
                    }
                }
            }
        });
    }
}
