//! The gateway transport: serenity's client receives interactions and
//! @mentions as events; each response goes back through the interaction
//! callback endpoint (a deferred one is then edited through the core).
//! It decides nothing: every answer comes from [`Core::respond`].

use super::core::{Core, Outgoing, Response};
use super::retry::Policy;
use crate::config::Config;
use anyhow::Context as _;
use serenity::all::{
    Context, EventHandler, GatewayIntents, Interaction, Message, Ready, ResumedEvent,
};
use serenity::async_trait;
use serenity::client::ClientBuilder;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Instant;
use tracing::{error, info, warn};

/// How long the gateway may take to close at shutdown.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

/// Connects to Discord (or to `DISCORD_API_BASE`) with the shards the
/// configuration names and answers until SIGINT or SIGTERM.
pub async fn run(core: Arc<Core>, config: &Config) -> anyhow::Result<()> {
    let mut intents = GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES;
    if config.message_content_intent {
        intents |= GatewayIntents::MESSAGE_CONTENT;
    }
    let mut client = ClientBuilder::new_with_http(super::rest_client(config).build(), intents)
        .event_handler(Gateway {
            core,
            sending: Arc::new(tokio::sync::Semaphore::new(callbacks_in_flight())),
        })
        .await
        .context("building the Discord client")?;
    let shards = client.shard_manager.clone();
    let gateway = async {
        match config.shards {
            Some(range) => {
                info!(
                    first = range.first,
                    last = range.last,
                    total = range.total,
                    "running a range of shards"
                );
                client
                    .start_shard_range(range.first..range.last + 1, range.total)
                    .await
            }
            None => client.start().await,
        }
    };
    tokio::select! {
        ended = gateway => ended.context("the gateway connection ended with an error"),
        () = super::shutdown_signal() => {
            // serenity's shutdown can wait on a shard that is reconnecting to an
            // unreachable Discord: bounded, so the process always stops.
            if tokio::time::timeout(SHUTDOWN_GRACE, shards.shutdown_all()).await.is_err() {
                warn!("the gateway did not close in time; stopping anyway");
            }
            Ok(())
        }
    }
}

/// serenity's event handler around the core.
struct Gateway {
    core: Arc<Core>,
    /// Callbacks being sent at once. Without a bound a burst opens one
    /// connection to Discord per interaction, each with its own buffers;
    /// answers wait here already built (their files shared, not copied).
    /// Measured: it cut a burst's growth from 24.6 to 10 MiB while locators
    /// were drawn at run time, and made no difference the runs could
    /// separate once they were drawn ahead (BENCHMARKS.md §13).
    sending: Arc<tokio::sync::Semaphore>,
}

/// How many interaction callbacks are sent at once (a process-wide bound on
/// connections to Discord; `MISSIONBOT_CALLBACKS_IN_FLIGHT`, default 16).
fn callbacks_in_flight() -> usize {
    crate::config::count("MISSIONBOT_CALLBACKS_IN_FLIGHT").unwrap_or(16)
}

struct BotUser;
impl serenity::prelude::TypeMapKey for BotUser {
    type Value = serenity::all::UserId;
}

#[async_trait]
impl EventHandler for Gateway {
    async fn ready(&self, ctx: Context, ready: Ready) {
        info!(user = %ready.user.name, guilds = ready.guilds.len(), shard = ?ready.shard, "connected");
        // The bot's user id, so that mentions can be recognised.
        ctx.data.write().await.insert::<BotUser>(ready.user.id);
        self.core.http().set_application_id(ready.application.id);
        if self.core.registers_at_start() {
            self.core.register_all().await;
        } else {
            info!("command registration at start left to the process running shard 0 (MISSIONBOT_REGISTER)");
        }
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        info!("gateway session resumed");
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let started = Instant::now();
        let Some(handled) = self.core.respond(&interaction).await else {
            return;
        };
        let (id, token) = match &interaction {
            Interaction::Command(c) | Interaction::Autocomplete(c) => (c.id, c.token.clone()),
            Interaction::Component(c) => (c.id, c.token.clone()),
            Interaction::Modal(m) => (m.id, m.token.clone()),
            _ => return,
        };
        match handled.response {
            Response::Now(outgoing) => {
                send_callback(&ctx, &self.sending, id, &token, outgoing, started).await
            }
            Response::Later { first, then } => {
                send_callback(&ctx, &self.sending, id, &token, first, started).await;
                let edit = then.await;
                self.core.edit_original(id.get(), &token, edit).await;
            }
        }
        info!(
            kind = handled.kind,
            command = %handled.name,
            guild = %handled.guild.map_or("dm".to_owned(), |g| g.to_string()),
            latency_ms = started.elapsed().as_secs_f64() * 1000.0,
            "answered"
        );
    }

    async fn message(&self, ctx: Context, msg: Message) {
        use futures::FutureExt;
        if msg.author.bot {
            return;
        }
        let me = ctx.data.read().await.get::<BotUser>().copied();
        if me.is_none() || !msg.mentions.iter().any(|u| Some(u.id) == me) {
            return;
        }
        let started = Instant::now();
        let Ok(reply) = AssertUnwindSafe(async { self.core.mention_reply(&msg) })
            .catch_unwind()
            .await
        else {
            error!(channel = %msg.channel_id, "answering a mention panicked");
            return;
        };
        let sent = Policy::message()
            .run(
                "answer to a mention",
                || msg.channel_id.send_message(&ctx.http, reply.clone()),
                || false,
            )
            .await;
        if let Err(e) = sent {
            error!(error = ?e, channel = %msg.channel_id, "answering a mention failed");
            return;
        }
        info!(kind = "mention", guild = ?msg.guild_id, latency_ms = started.elapsed().as_secs_f64() * 1000.0, "answered");
    }
}

/// Sends a callback (multipart when it carries files), retrying rate limits
/// and server errors while Discord's window, opened when the interaction
/// `arrived`, allows. Each attempt holds one of the `sending` slots (a
/// retry's wait does not).
async fn send_callback(
    ctx: &Context,
    sending: &tokio::sync::Semaphore,
    id: serenity::all::InteractionId,
    token: &str,
    outgoing: Outgoing,
    arrived: Instant,
) {
    let sent = Policy::callback(arrived)
        .run(
            "interaction callback",
            || async {
                // The semaphore is never closed, so a slot always comes.
                let _slot = sending.acquire().await.ok();
                ctx.http
                    .create_interaction_response(
                        id,
                        token,
                        &outgoing.body,
                        super::core::attachments(&outgoing.files),
                    )
                    .await
            },
            || false,
        )
        .await;
    if let Err(e) = sent {
        error!(interaction = %id, error = ?e, "interaction callback failed");
    }
}
