//! Interactions: one core that answers them, two transports that deliver
//! them.
//!
//! - [`core`]: an interaction in, the response out ([`core::Core::respond`]);
//!   what every command answers lives here and nowhere else.
//! - [`gateway`]: serenity's gateway client: receives interactions and
//!   @mentions as events, sends each response through the callback endpoint.
//! - [`http`]: `serve --http`: receives interactions as signed HTTP POSTs
//!   (Discord's "Interactions Endpoint URL") and answers in the HTTP
//!   response; holds no connection to Discord, so any number can run behind
//!   a load balancer.
//!
//! [`serve`] opens the store, builds the core and runs one transport until
//! SIGINT or SIGTERM.

pub mod commands;
pub mod core;
pub mod gateway;
pub mod http;
pub mod registrar;
pub mod retry;
pub mod wire;

use crate::config::Config;
use crate::custom::{FileStore, GuildStore, PgStore, Store};
use crate::dataset::Dataset;
use anyhow::Context as _;
use serenity::all::{Http, HttpBuilder};
use std::sync::Arc;
use tracing::{info, warn};

/// Runs the bot with the transport the configuration names (HTTP when
/// `--http`/`MISSIONBOT_HTTP_ADDR` is set, else the gateway) until a signal.
pub async fn serve(config: Config, data: Arc<Dataset>) -> anyhow::Result<()> {
    let store = load_guild_store(&config).await?;
    let http = Arc::new(rest_client(&config).build());
    // The outlines and fonts are not loaded here: `/embassy`'s locators are
    // drawn ahead of time (map::shipped), and the first `/map` (deferred)
    // or a server's changed locator loads them (BENCHMARKS.md §13).
    let core = Arc::new(core::Core::new(http, data, &config, store).await);
    core.flush_uses_periodically();
    core.register_changes_elsewhere();
    core.send_digests_periodically();
    core.announce_release();
    let served = match config.http_addr {
        Some(addr) => http::run(core.clone(), addr, &config).await,
        None => gateway::run(core.clone(), &config).await,
    };
    core.flush_uses().await;
    info!("stopped");
    served
}

/// The moderators' state, loaded (with each guild's limits) and following
/// other processes' changes when the store is shared.
pub async fn load_guild_store(config: &Config) -> anyhow::Result<Arc<GuildStore>> {
    let store = open_store(config).await?;
    // The bot's own commands share a guild's 100 when they are registered there.
    let own_in_guild = config
        .guild_id
        .map(|g| (g, core::built_in_definitions().len()));
    let store = Arc::new(
        GuildStore::load_with_limit(store, |guild| match own_in_guild {
            Some((g, own)) if g == guild => crate::custom::MAX_COMMANDS.saturating_sub(own),
            _ => crate::custom::MAX_COMMANDS,
        })
        .await
        .context("loading guild state")?,
    );
    info!(guilds = store.guild_ids().len(), store = %store.describe(), "guild state loaded");
    tokio::spawn(store.clone().follow());
    Ok(store)
}

/// `missionbot register`: every command set (global and each server's),
/// registered once; `report` hears each scope's outcome. Returns how many
/// sets were not registered.
pub async fn register_once(
    config: &Config,
    report: impl Fn(&str, Result<usize, String>),
) -> anyhow::Result<usize> {
    let store = load_guild_store(config).await?;
    let http = rest_client(config).build();
    learn_application_id(&http).await?;
    let home = config.guild_id.map(serenity::all::GuildId::new);
    let mut failed = 0;
    for (guild, body) in core::command_sets(&store, home).await {
        let scope = guild.map_or("global".to_owned(), |g| format!("server {g}"));
        let wanted = registrar::Wanted {
            guild,
            body,
            requested_by: None,
        };
        let outcome = registrar::put(&http, &wanted)
            .await
            .map_err(|e| e.to_string());
        failed += usize::from(outcome.is_err());
        report(&scope, outcome);
    }
    Ok(failed)
}

/// Discord's REST API with the bot's token, through `DISCORD_API_BASE` when set.
///
/// serenity's own rate limiter is off everywhere: every call goes through
/// the bot's one retry policy ([`retry::Policy`]), which waits on a 429
/// within the call's deadline, so production and the tests against the
/// fake Discord take the same path.
pub fn rest_client(config: &Config) -> HttpBuilder {
    let mut http = HttpBuilder::new(config.token.expose()).ratelimiter_disabled(true);
    if let Some(base) = &config.api_base {
        http = http.proxy(base.as_str());
        info!(api_base = %base, "using a custom API base");
    }
    http
}

/// Learns the application's id from Discord (the gateway learns it from
/// READY; registration and edits need it before).
pub async fn learn_application_id(http: &Http) -> anyhow::Result<()> {
    let app = http
        .get_current_application_info()
        .await
        .context("asking Discord for the application (is DISCORD_TOKEN right?)")?;
    http.set_application_id(app.id);
    Ok(())
}

/// The shared database when `MISSIONBOT_DATABASE_URL` is set (migrated and
/// listened to before anything is loaded), else the state directory, locked
/// for this process.
pub async fn open_store(config: &Config) -> anyhow::Result<Arc<dyn Store>> {
    match &config.database_url {
        Some(url) => {
            let db = PgStore::connect(url.expose()).await.context(
                "connecting to MISSIONBOT_DATABASE_URL (is PostgreSQL running and the URL right?)",
            )?;
            let versions = db.migrate().await.context("migrating the database")?;
            db.listen().await.context("listening for changes")?;
            info!(store = %db.describe(), migrations = versions.len(), "using the shared database");
            Ok(Arc::new(db))
        }
        None => {
            let files = FileStore::open_exclusive(&config.state_dir).with_context(|| {
                format!("opening the state directory {}", config.state_dir.display())
            })?;
            Ok(Arc::new(files))
        }
    }
}

/// Waits for SIGINT or SIGTERM; after it, a second signal exits at once.
pub async fn shutdown_signal() {
    wait_for_signal().await;
    info!("shutting down");
    tokio::spawn(async {
        wait_for_signal().await;
        warn!("second signal: exiting now");
        std::process::exit(130);
    });
}

async fn wait_for_signal() {
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
