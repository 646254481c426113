//! The Discord adapter: serenity's event handler and the `serve` entry point.
//!
//! It registers the built-in commands on READY (one bulk overwrite, skipped
//! when unchanged), answers interactions with the core's replies, and keeps
//! going whatever arrives: every failure becomes a polite ephemeral message
//! and a log line, never a crash.

use crate::answers;
use crate::commands;
use crate::config::Config;
use crate::dataset::Dataset;
use crate::query::Query;
use crate::render;
use crate::reply::Reply;
use anyhow::Context as _;
use serenity::all::{
    Command, CommandInteraction, ComponentInteraction, Context, CreateAllowedMentions,
    CreateInteractionResponse, CreateMessage, EventHandler, GatewayIntents, GuildId, Interaction,
    Message, Ready, ResumedEvent,
};
use serenity::async_trait;
use serenity::client::ClientBuilder;
use serenity::http::HttpBuilder;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tracing::{error, info, warn};

/// Handles gateway events with the dataset it answers from.
pub struct Handler {
    data: Arc<Dataset>,
    guild: Option<GuildId>,
    /// The JSON of the last registered command set, to skip identical re-registrations.
    registered: Mutex<Option<String>>,
}

impl Handler {
    pub fn new(data: Arc<Dataset>, guild: Option<GuildId>) -> Self {
        Self {
            data,
            guild,
            registered: Mutex::new(None),
        }
    }

    async fn register_commands(&self, ctx: &Context) {
        let definitions = commands::definitions();
        let fingerprint = serde_json::to_string(&definitions).unwrap_or_default();
        {
            let last = self.registered.lock().unwrap_or_else(|e| e.into_inner());
            if last.as_deref() == Some(fingerprint.as_str()) {
                info!("commands unchanged since the last registration; skipping");
                return;
            }
        }
        let result = match self.guild {
            Some(guild) => guild
                .set_commands(&ctx.http, definitions)
                .await
                .map(|c| c.len()),
            None => Command::set_global_commands(&ctx.http, definitions)
                .await
                .map(|c| c.len()),
        };
        match result {
            Ok(count) => {
                info!(count, scope = ?self.guild.map_or("global".to_owned(), |g| g.to_string()), "registered commands");
                *self.registered.lock().unwrap_or_else(|e| e.into_inner()) = Some(fingerprint);
            }
            Err(e) => error!(error = %e, "registering commands failed"),
        }
    }

    /// Runs the pure core, turning a panic into an apology instead of silence.
    fn answer_safely(&self, query: &Query) -> Reply {
        let data = &self.data;
        std::panic::catch_unwind(AssertUnwindSafe(|| answers::answer(data, query))).unwrap_or_else(
            |_| {
                error!(query = %query, "answer panicked");
                internal_error()
            },
        )
    }

    async fn on_command(&self, ctx: &Context, command: &CommandInteraction) -> &'static str {
        let response = match commands::query_from_interaction(command) {
            Ok(query) => {
                let reply = self.answer_safely(&query);
                let canonical = answers::canonical(&self.data, &query).to_string();
                render::interaction_response(&reply, 0, Some(&canonical))
            }
            Err(e) => {
                warn!(command = %command.data.name, error = %e, "bad command");
                render::interaction_response(
                    &Reply::problem("That command could not be run", capitalize(&e.to_string())),
                    0,
                    None,
                )
            }
        };
        send(
            ctx,
            command.id.get(),
            command.create_response(&ctx.http, response).await,
        );
        "command"
    }

    async fn on_autocomplete(&self, ctx: &Context, command: &CommandInteraction) {
        let data = &self.data;
        let choices =
            std::panic::catch_unwind(AssertUnwindSafe(|| commands::autocomplete(data, command)))
                .unwrap_or_else(|_| serenity::all::CreateAutocompleteResponse::new());
        let result = command
            .create_response(&ctx.http, CreateInteractionResponse::Autocomplete(choices))
            .await;
        send(ctx, command.id.get(), result);
    }

    async fn on_component(&self, ctx: &Context, component: &ComponentInteraction) {
        let response = match render::parse_page_button_id(&component.data.custom_id)
            .and_then(|(page, line)| Some((page, Query::parse_line(line).ok()?)))
        {
            Some((page, query)) => {
                let reply = self.answer_safely(&query);
                render::update_response(&reply, page, Some(&query.to_string()))
            }
            None => {
                warn!(custom_id = %component.data.custom_id, "unknown button");
                render::interaction_response(
                    &Reply::problem(
                        "That button no longer works",
                        "Run the command again to get fresh pages.",
                    ),
                    0,
                    None,
                )
            }
        };
        send(
            ctx,
            component.id.get(),
            component.create_response(&ctx.http, response).await,
        );
    }

    /// Answers a message that @mentions the bot, as a reply to it.
    async fn on_mention(&self, ctx: &Context, msg: &Message) {
        let question = strip_mentions(&msg.content);
        let reply = if question.is_empty() {
            answers::help()
        } else {
            self.answer_safely(&Query::Ask {
                question: question.clone(),
            })
        };
        let page = render::paginate(&reply).into_iter().next();
        let mut message = CreateMessage::new()
            .allowed_mentions(CreateAllowedMentions::new())
            .reference_message(msg);
        if let Some(page) = page {
            message = message.embed(render::embed(&page));
        }
        if let Err(e) = msg.channel_id.send_message(&ctx.http, message).await {
            error!(error = %e, channel = %msg.channel_id, "answering a mention failed");
        }
    }
}

fn internal_error() -> Reply {
    Reply::problem(
        "Something went wrong on my side",
        "Sorry, that answer failed. The error was logged; please try again or try /help.",
    )
}

fn capitalize(text: &str) -> String {
    let mut cs = text.chars();
    cs.next()
        .map(|f| f.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

/// The question in a message, without the mentions that addressed it.
fn strip_mentions(content: &str) -> String {
    static MENTION: once_cell::sync::Lazy<regex::Regex> =
        once_cell::sync::Lazy::new(|| regex::Regex::new(r"<@!?\d+>").expect("valid regex"));
    MENTION.replace_all(content, " ").trim().to_owned()
}

fn send(_ctx: &Context, interaction: u64, result: serenity::Result<()>) {
    if let Err(e) = result {
        error!(interaction, error = %e, "interaction callback failed");
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected");
        self.register_commands(&ctx).await;
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        info!("gateway session resumed");
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let started = Instant::now();
        let (kind, name, guild) = match &interaction {
            Interaction::Command(c) => {
                self.on_command(&ctx, c).await;
                ("command", c.data.name.clone(), c.guild_id)
            }
            Interaction::Autocomplete(c) => {
                self.on_autocomplete(&ctx, c).await;
                ("autocomplete", c.data.name.clone(), c.guild_id)
            }
            Interaction::Component(c) => {
                self.on_component(&ctx, c).await;
                (
                    "button",
                    c.data.custom_id.chars().take(40).collect(),
                    c.guild_id,
                )
            }
            other => {
                warn!(kind = ?other.kind(), "ignored interaction");
                return;
            }
        };
        info!(
            kind,
            command = %name,
            guild = %guild.map_or("dm".to_owned(), |g| g.to_string()),
            latency_ms = started.elapsed().as_secs_f64() * 1000.0,
            "answered"
        );
    }

    async fn message(&self, ctx: Context, msg: Message) {
        if msg.author.bot {
            return;
        }
        let me = ctx.cache_user_id();
        if msg.mentions.iter().any(|u| Some(u.id) == me) {
            let started = Instant::now();
            self.on_mention(&ctx, &msg).await;
            info!(kind = "mention", guild = ?msg.guild_id, latency_ms = started.elapsed().as_secs_f64() * 1000.0, "answered");
        }
    }
}

/// The bot's own user id, known once READY has arrived.
trait BotUserId {
    fn cache_user_id(&self) -> Option<serenity::all::UserId>;
}

impl BotUserId for Context {
    fn cache_user_id(&self) -> Option<serenity::all::UserId> {
        self.data
            .try_read()
            .ok()
            .and_then(|d| d.get::<BotUser>().copied())
    }
}

struct BotUser;
impl serenity::prelude::TypeMapKey for BotUser {
    type Value = serenity::all::UserId;
}

/// Connects to Discord (or to `DISCORD_API_BASE`) and answers until SIGINT or SIGTERM.
pub async fn serve(config: Config, data: Arc<Dataset>) -> anyhow::Result<()> {
    let mut http = HttpBuilder::new(config.token.expose());
    if let Some(base) = &config.api_base {
        // serenity only honours a proxy with its own rate limiter off; the proxy rate-limits.
        http = http.proxy(base.as_str()).ratelimiter_disabled(true);
        info!(api_base = %base, "using a custom API base");
    }
    let mut intents = GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES;
    if config.message_content_intent {
        intents |= GatewayIntents::MESSAGE_CONTENT;
    }
    let handler = Handler::new(data, config.guild_id);
    let mut client = ClientBuilder::new_with_http(http.build(), intents)
        .event_handler(ReadyUser)
        .event_handler(handler)
        .await
        .context("building the Discord client")?;
    let shards = client.shard_manager.clone();
    tokio::spawn(async move {
        wait_for_shutdown_signal().await;
        info!("shutting down");
        shards.shutdown_all().await;
    });
    client
        .start()
        .await
        .context("the gateway connection ended with an error")?;
    info!("stopped");
    Ok(())
}

/// Stores the bot's user id on READY so that mentions can be recognised.
struct ReadyUser;

#[async_trait]
impl EventHandler for ReadyUser {
    async fn ready(&self, ctx: Context, ready: Ready) {
        ctx.data.write().await.insert::<BotUser>(ready.user.id);
    }
}

async fn wait_for_shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
