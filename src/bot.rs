//! The Discord adapter: serenity's event handler and the `serve` entry point.
//!
//! It registers commands on READY (one bulk overwrite per scope, skipped
//! when unchanged), answers interactions with the core's replies, runs the
//! moderators' commands against the guild store, and keeps going whatever
//! arrives: every failure becomes a polite ephemeral message and a log line.

use crate::answers;
use crate::commands;
use crate::config::Config;
use crate::custom::{overlay, FileStore, GuildStore, PgStore, Store};
use crate::dataset::Dataset;
use crate::map;
use crate::moderation::{self, Actor, Effect};
use crate::query::Query;
use crate::registrar::{Registrar, Requester, Wanted};
use crate::render;
use crate::reply::Reply;
use anyhow::Context as _;
use serenity::all::{
    CommandInteraction, ComponentInteraction, Context, CreateAllowedMentions, CreateAttachment,
    CreateCommand, CreateInteractionResponse, CreateInteractionResponseMessage, CreateMessage,
    EventHandler, GatewayIntents, GuildId, Interaction, Member, Message, Permissions, Ready,
    ResumedEvent, RoleId,
};
use serenity::async_trait;
use serenity::client::ClientBuilder;
use serenity::http::HttpBuilder;
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tracing::{error, info, warn};

/// Handles gateway events with the dataset and the guild store.
pub struct Handler {
    data: Arc<Dataset>,
    guild: Option<GuildId>,
    mod_role: Option<RoleId>,
    store: Arc<GuildStore>,
    /// Each guild's view of the data (the shipped data plus its records).
    views: Arc<Views>,
    /// Whether this process registers the command sets when it connects.
    registers_at_start: bool,
    /// Renders (maps, locators) run at most this many at once, off the runtime.
    renders: Arc<tokio::sync::Semaphore>,
    /// Renders waiting for a slot; past `render_queue_max` a request is refused politely.
    render_queue: std::sync::atomic::AtomicUsize,
    render_queue_max: usize,
    /// Registers command sets in the background, per scope, last state wins.
    registrar: Registrar,
    /// Guild names for `{server}`, fetched once (failures remembered a while).
    server_names: Mutex<HashMap<u64, ServerName>>,
    /// Interactions already taken, so a redelivered one is not answered twice.
    seen: Mutex<RecentIds>,
    /// Uses of custom commands not yet written.
    uses: Arc<UseCounts>,
    /// Built-in answers already sent, by view of the data and query line.
    answers: Mutex<HashMap<String, Arc<CachedAnswer>>>,
    /// Rendered maps of the shipped data, by query line ("/map region:Africa").
    maps: RenderCache<RenderedMap>,
    /// Locator maps of the shipped data, by country code.
    locators: Arc<RenderCache<Option<Arc<map::Png>>>>,
    /// Set once the shipped data's locators are being drawn ahead of use.
    locators_warmed: std::sync::atomic::AtomicBool,
}

/// A guild's name as far as the bot knows it.
enum ServerName {
    Known(String),
    /// The lookup failed or timed out at this moment.
    Failed(Instant),
}

/// How long a failed name lookup is not retried.
const NAME_RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(600);

/// A guild's view of the data: the shipped data plus its records.
struct View {
    generation: u64,
    data: Arc<Dataset>,
}

/// Every guild's view of the data, rebuilt when its records change (here
/// or, with a shared store, in another process).
struct Views {
    shipped: Arc<Dataset>,
    store: Arc<GuildStore>,
    by_guild: Mutex<HashMap<u64, View>>,
    /// Numbers each rebuilt view, so caches never mix an old view's renders with a new one's.
    generation: std::sync::atomic::AtomicU64,
}

impl Views {
    /// The data as this guild sees it, and a key naming that exact view.
    fn of(&self, guild: Option<GuildId>) -> (String, Arc<Dataset>) {
        guild
            .and_then(|g| {
                lock(&self.by_guild)
                    .get(&g.get())
                    .map(|v| (format!("g{}:{}", g.get(), v.generation), v.data.clone()))
            })
            .unwrap_or_else(|| ("shipped".to_owned(), self.shipped.clone()))
    }

    async fn rebuild(&self, guild: u64) {
        let records = self.store.get(guild).await.records;
        let generation = self
            .generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let mut views = lock(&self.by_guild);
        if records.is_empty() {
            views.remove(&guild);
        } else {
            views.insert(
                guild,
                View {
                    generation,
                    data: Arc::new(overlay::apply(&self.shipped, &records)),
                },
            );
        }
    }

    /// Rebuilds the view of each guild another process changes, for as
    /// long as the store reports such changes.
    async fn follow(self: Arc<Self>) {
        let mut changed = self.store.changed_elsewhere();
        loop {
            match changed.recv().await {
                Ok(guild) => self.rebuild(guild).await,
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                    for guild in self.store.guild_ids() {
                        self.rebuild(guild).await;
                    }
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            }
        }
    }
}

/// Renders waiting for a slot beyond which a request is refused politely
/// (`MISSIONBOT_RENDER_QUEUE`, default 256: a waiting map holds only its
/// query, and `/map` is deferred, so waiting is cheap).
fn render_queue_max() -> usize {
    env_count("MISSIONBOT_RENDER_QUEUE").unwrap_or(256)
}

/// Renders at once (`MISSIONBOT_RENDER_SLOTS`, default one per core: they
/// are CPU-bound and each holds a frame buffer), at least one.
fn render_slots() -> usize {
    env_count("MISSIONBOT_RENDER_SLOTS")
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// A positive count from the environment.
fn env_count(name: &str) -> Option<usize> {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
}

/// A rendered map with its reply, or the reply explaining why there is none.
type RenderedMap = Result<Arc<(Reply, map::Png)>, Box<Reply>>;

/// Renders each key once, even when many requests for it arrive together;
/// later requests get the stored result at once.
struct RenderCache<T> {
    cells: Mutex<HashMap<String, Arc<tokio::sync::OnceCell<T>>>>,
}

impl<T: Clone> RenderCache<T> {
    fn new() -> Self {
        Self {
            cells: Mutex::new(HashMap::new()),
        }
    }

    /// The stored result for `key`, or `render`'s. A render refused for
    /// lack of a slot ([`Busy`]) is not stored, so the next request tries again.
    async fn get_or_render<F, Fut>(&self, key: &str, render: F) -> Result<T, Busy>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, Busy>>,
    {
        let cell = {
            let mut cells = lock(&self.cells);
            if cells.len() >= CACHE_LIMIT && !cells.contains_key(key) {
                cells.clear();
            }
            cells.entry(key.to_owned()).or_default().clone()
        };
        cell.get_or_try_init(render).await.cloned()
    }
}

/// Too many renders are waiting: try again later.
#[derive(Debug, Clone, Copy)]
struct Busy;

/// Past this many entries a render cache starts again (queries are few; this only bounds memory).
const CACHE_LIMIT: usize = 128;

/// Uses of custom commands, counted in memory and written to the store in
/// batches (every [`USE_FLUSH_EVERY`], before a moderator reads them, and at
/// shutdown), so that answering a custom command never waits for a disk
/// write and never holds the guild's lock against a moderator's change.
pub struct UseCounts {
    pending: Mutex<HashMap<u64, HashMap<String, u64>>>,
    store: Arc<GuildStore>,
}

/// How often counted uses are written.
const USE_FLUSH_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

impl UseCounts {
    fn new(store: Arc<GuildStore>) -> Self {
        Self {
            pending: Mutex::new(HashMap::new()),
            store,
        }
    }

    fn count(&self, guild: u64, name: &str) {
        *lock(&self.pending)
            .entry(guild)
            .or_default()
            .entry(name.to_owned())
            .or_default() += 1;
    }

    /// Writes the counted uses of one guild (or of all with `None`).
    async fn flush(&self, only: Option<u64>) {
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

/// The last few thousand interaction ids.
#[derive(Default)]
struct RecentIds {
    set: std::collections::HashSet<u64>,
    order: std::collections::VecDeque<u64>,
}

impl RecentIds {
    const CAPACITY: usize = 4096;

    /// True the first time an id is offered.
    fn first_time(&mut self, id: u64) -> bool {
        if !self.set.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > Self::CAPACITY {
            if let Some(old) = self.order.pop_front() {
                self.set.remove(&old);
            }
        }
        true
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Handler {
    pub async fn new(data: Arc<Dataset>, config: &Config, store: Arc<GuildStore>) -> Self {
        let views = Arc::new(Views {
            shipped: Arc::clone(&data),
            store: Arc::clone(&store),
            by_guild: Mutex::new(HashMap::new()),
            generation: std::sync::atomic::AtomicU64::new(0),
        });
        let handler = Self {
            uses: Arc::new(UseCounts::new(store.clone())),
            answers: Mutex::new(HashMap::new()),
            data,
            guild: config.guild_id,
            mod_role: config.mod_role_id.map(RoleId::new),
            store,
            views,
            registers_at_start: config.registers_at_start(),
            renders: Arc::new(tokio::sync::Semaphore::new(render_slots())),
            render_queue: std::sync::atomic::AtomicUsize::new(0),
            render_queue_max: render_queue_max(),
            registrar: Registrar::default(),
            server_names: Mutex::new(HashMap::new()),
            seen: Mutex::new(RecentIds::default()),
            maps: RenderCache::new(),
            locators: Arc::new(RenderCache::new()),
            locators_warmed: std::sync::atomic::AtomicBool::new(false),
        };
        for guild in handler.store.guild_ids() {
            handler.views.rebuild(guild).await;
        }
        tokio::spawn(handler.views.clone().follow());
        handler
    }

    /// The data as this guild sees it.
    fn data_for(&self, guild: Option<GuildId>) -> Arc<Dataset> {
        self.view_of(guild).1
    }

    /// The data as this guild sees it, with a key naming that exact view
    /// ("shipped", or the guild and the view's generation) for caches.
    fn view_of(&self, guild: Option<GuildId>) -> (String, Arc<Dataset>) {
        self.views.of(guild)
    }

    /// Waits for a render slot; `None` when too many renders are already
    /// waiting (the caller answers without the picture, or says to retry).
    async fn render_slot(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        use std::sync::atomic::Ordering::SeqCst;
        if self.render_queue.fetch_add(1, SeqCst) >= self.render_queue_max {
            self.render_queue.fetch_sub(1, SeqCst);
            return None;
        }
        let permit = self.renders.clone().acquire_owned().await.ok();
        self.render_queue.fetch_sub(1, SeqCst);
        permit
    }

    /// Hands a scope's command set to the registrar (which skips a set that
    /// is already registered); returns at once.
    fn submit_commands(
        &self,
        ctx: &Context,
        guild: Option<GuildId>,
        definitions: Vec<CreateCommand>,
        requested_by: Option<Requester>,
    ) {
        match commands::registration_body(&definitions) {
            Ok(body) => self.registrar.submit(
                ctx.http.clone(),
                Wanted {
                    guild,
                    body,
                    requested_by,
                },
            ),
            // Never register an empty list instead: that would delete every command.
            Err(e) => error!(error = %e, "the command set could not be written; not registered"),
        }
    }

    /// How many custom commands a guild may have: Discord's 100 per guild,
    /// less the bot's own when they are registered in that guild too.
    fn custom_command_limit(&self, guild: GuildId) -> usize {
        let own = if self.guild == Some(guild) {
            built_in_definitions().len()
        } else {
            0
        };
        crate::custom::MAX_COMMANDS.saturating_sub(own)
    }

    /// The full command set of one guild: its custom commands, plus the
    /// built-in ones when they are registered to this guild.
    async fn guild_definitions(&self, guild: GuildId) -> Vec<CreateCommand> {
        let mut set = if self.guild == Some(guild) {
            built_in_definitions()
        } else {
            Vec::new()
        };
        set.extend(
            self.store
                .get(guild.get())
                .await
                .commands
                .iter()
                .map(moderation::definition),
        );
        set
    }

    async fn register_all(&self, ctx: &Context) {
        match self.guild {
            Some(g) => {
                let set = self.guild_definitions(g).await;
                self.submit_commands(ctx, Some(g), set, None);
            }
            None => self.submit_commands(ctx, None, built_in_definitions(), None),
        }
        for id in self.store.guild_ids() {
            let guild = GuildId::new(id);
            if Some(guild) == self.guild {
                continue;
            }
            let set = self.guild_definitions(guild).await;
            if !set.is_empty() {
                self.submit_commands(ctx, Some(guild), set, None);
            }
        }
    }

    /// Runs the pure core, turning a panic into an apology instead of silence.
    fn answer_safely(&self, data: &Dataset, query: &Query) -> Reply {
        std::panic::catch_unwind(AssertUnwindSafe(|| answers::answer(data, query))).unwrap_or_else(
            |_| {
                error!(query = %query, "answer panicked");
                internal_error()
            },
        )
    }

    async fn on_command(&self, ctx: &Context, command: &CommandInteraction) {
        let name = command.data.name.as_str();
        if name == "map" {
            return self.map_command(ctx, command).await;
        }
        let response = if commands::is_built_in(name) {
            self.built_in(command).await
        } else if name == "command" || name == "record" {
            Outgoing::from(self.moderator_command(ctx, command).await)
        } else {
            Outgoing::from(self.custom_command(ctx, command).await)
        };
        send_callback(ctx, command.id, &command.token, response).await;
    }

    /// A built-in command's answer, from the cache of answers when the same
    /// query was answered before on the same view of the data (the data is
    /// immutable per view, so the same query gets the same bytes).
    async fn built_in(&self, command: &CommandInteraction) -> Outgoing {
        let (view, _) = self.view_of(command.guild_id);
        let key = commands::query_from_interaction(command)
            .ok()
            .map(|query| format!("{view}|{query}"));
        if let Some(hit) = key
            .as_ref()
            .and_then(|k| lock(&self.answers).get(k).cloned())
        {
            return hit.outgoing();
        }
        let (outgoing, cacheable) = self.answer_built_in(command).await;
        let (Some(key), true) = (key, cacheable) else {
            return outgoing;
        };
        match serde_json::value::to_raw_value(&outgoing.body) {
            Ok(body) => {
                let cached = Arc::new(CachedAnswer {
                    body,
                    files: outgoing.files,
                });
                let mut answers = lock(&self.answers);
                if answers.len() >= ANSWER_CACHE_LIMIT {
                    answers.clear();
                }
                answers.insert(key, cached.clone());
                cached.outgoing()
            }
            Err(_) => outgoing,
        }
    }

    /// Computes a built-in command's answer; also says whether it may be
    /// cached (not an `/embassy` whose locator could not be drawn just now).
    async fn answer_built_in(&self, command: &CommandInteraction) -> (Outgoing, bool) {
        let data = self.data_for(command.guild_id);
        let answered = std::panic::catch_unwind(AssertUnwindSafe(|| {
            commands::answer_command(&data, command)
        }))
        .unwrap_or_else(|_| {
            error!(command = %command.data.name, "answer panicked");
            Ok((internal_error(), Query::Help))
        });
        match answered {
            Ok((mut reply, query)) => {
                let canonical = query.to_string();
                let locator = match &query {
                    Query::Embassy { country } => self.locator(command.guild_id, country).await,
                    _ => None,
                };
                let Some(png) = locator else {
                    let cacheable = !matches!(query, Query::Embassy { .. });
                    let response = render::interaction_response(&reply, 0, Some(&canonical));
                    return (response.into(), cacheable);
                };
                reply.thumbnail_url = Some("attachment://locator.png".into());
                let response = render::interaction_response(&reply, 0, Some(&canonical));
                let outgoing = Outgoing {
                    body: Body::Json(render::callback_json(&response, &["locator.png"])),
                    files: vec![CreateAttachment::bytes(png.bytes.clone(), "locator.png")],
                };
                (outgoing, true)
            }
            Err(e) => {
                warn!(command = %command.data.name, error = %e, "bad command");
                let response = problem(
                    "That command could not be run",
                    &crate::text::capitalize(&e.to_string()),
                );
                (response.into(), false)
            }
        }
    }

    /// The locator map of the country an `/embassy` answer is about, when it
    /// hosts a mission; rendered off the async runtime in a bounded slot,
    /// cached per view of the data (a guild's records make their own view).
    /// `None` when there is nothing to show or no slot: the answer goes
    /// without its picture rather than late.
    async fn locator(&self, guild: Option<GuildId>, country: &str) -> Option<Arc<map::Png>> {
        let (view, data) = self.view_of(guild);
        let iso2 = data.resolve(country).country()?.iso2.clone();
        data.missions_in(&iso2).next()?;
        let key = format!("{view}|{iso2}");
        let render = || async move {
            let _slot = self.render_slot().await.ok_or(Busy)?;
            info!(view = %view, country = %iso2, "rendering a locator map");
            Ok(
                tokio::task::spawn_blocking(move || map::locator_map(&data, &iso2).map(Arc::new))
                    .await
                    .ok()
                    .flatten(),
            )
        };
        self.locators
            .get_or_render(&key, render)
            .await
            .ok()
            .flatten()
    }

    /// Draws every host country's locator for the shipped data in the
    /// background, one slot at a time, so that no `/embassy` answer waits
    /// for a first render (about 60 thumbnails of a few KB: under 1 MB).
    fn warm_locators(&self) {
        let (cache, data, slots) = (
            self.locators.clone(),
            self.data.clone(),
            self.renders.clone(),
        );
        tokio::spawn(async move {
            let started = Instant::now();
            let hosts: Vec<String> = data
                .host_countries()
                .iter()
                .map(|c| c.iso2.clone())
                .collect();
            for iso2 in hosts {
                let key = format!("shipped|{iso2}");
                let data = data.clone();
                let slots = slots.clone();
                let render = || async move {
                    let _slot = slots.acquire_owned().await.map_err(|_| Busy)?;
                    Ok(tokio::task::spawn_blocking(move || {
                        map::locator_map(&data, &iso2).map(Arc::new)
                    })
                    .await
                    .ok()
                    .flatten())
                };
                let _ = cache.get_or_render(&key, render).await;
            }
            info!(
                ms = started.elapsed().as_secs_f64() * 1000.0,
                "locator maps drawn ahead of use"
            );
        });
    }

    /// `/map`: deferred at once (rendering may outlast Discord's 3 seconds on
    /// a slow machine), rendered off the runtime, then the original response
    /// is edited with the PNG attached and shown in the embed.
    async fn map_command(&self, ctx: &Context, command: &CommandInteraction) {
        let data = self.data_for(command.guild_id);
        let query = match commands::map_query_from_interaction(command) {
            Ok(q) => q,
            Err(e) => {
                let response = problem(
                    "That map could not be drawn",
                    &crate::text::capitalize(&e.to_string()),
                );
                return send_callback(ctx, command.id, &command.token, Outgoing::from(response))
                    .await;
            }
        };
        let mut query = query;
        if let Some(region) = &query.region {
            match answers::missions::Region::find(&data, region) {
                // The region's own name, so "africa" and "Africa" share one cached map.
                Some(found) => query.region = Some(found.label),
                None => {
                    let response = problem(
                        "Unknown region",
                        "Try Africa, Americas, Asia, Europe, Oceania, Middle East or Southeast Asia.",
                    );
                    return send_callback(
                        ctx,
                        command.id,
                        &command.token,
                        Outgoing::from(response),
                    )
                    .await;
                }
            }
        }
        let defer = CreateInteractionResponse::Defer(
            CreateInteractionResponseMessage::new().allowed_mentions(CreateAllowedMentions::new()),
        );
        send_callback(ctx, command.id, &command.token, Outgoing::from(defer)).await;

        let (mut reply, png) = match self.rendered_map(command.guild_id, query).await {
            Ok(pair) => (pair.0.clone(), Some(pair.1.bytes.clone())),
            Err(reply) => (*reply, None),
        };
        let attachments: &[&str] = if png.is_some() { &["map.png"] } else { &[] };
        if png.is_some() {
            reply.image_url = Some("attachment://map.png".into());
        }
        let body = render::edit_json(&reply, attachments);
        let files: Vec<CreateAttachment> = png
            .into_iter()
            .map(|bytes| CreateAttachment::bytes(bytes, "map.png"))
            .collect();
        let mut tries = 0;
        while let Err(e) = ctx
            .http
            .edit_original_interaction_response(&command.token, &body, files.clone())
            .await
        {
            tries += 1;
            if !retryable(&e) || tries >= 3 {
                error!(interaction = %command.id, error = %e, "editing the map response failed");
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(300 * tries)).await;
        }
    }

    /// A map for a view of the data, rendered once per view and query in a
    /// bounded slot; a polite refusal when too many maps are waiting.
    async fn rendered_map(&self, guild: Option<GuildId>, query: map::MapQuery) -> RenderedMap {
        let (view, data) = self.view_of(guild);
        let line = query.line();
        let key = format!("{view}|{line}");
        let render = || async move {
            let _slot = self.render_slot().await.ok_or(Busy)?;
            let started = Instant::now();
            let for_render = data.clone();
            let result = tokio::task::spawn_blocking(move || map::mission_map(&for_render, &query))
                .await
                .unwrap_or_else(|_| Err(Box::new(internal_error())));
            Ok(result.map(|(mut reply, png)| {
                reply.footer = answers::footer(&data);
                info!(map = %line, view = %view, ms = started.elapsed().as_secs_f64() * 1000.0, bytes = png.bytes.len(), "rendered a map");
                Arc::new((reply, png))
            }))
        };
        self.maps
            .get_or_render(&key, render)
            .await
            .unwrap_or_else(|Busy| {
                Err(Box::new(Reply::problem(
                    "Busy drawing maps",
                    "Too many maps are being drawn right now. Please try again in a minute.",
                )))
            })
    }

    fn is_moderator(&self, member: Option<&Member>) -> bool {
        let Some(member) = member else { return false };
        let by_permission = member.permissions.is_some_and(|p| {
            p.contains(Permissions::MANAGE_GUILD) || p.contains(Permissions::ADMINISTRATOR)
        });
        let by_role = self.mod_role.is_some_and(|r| member.roles.contains(&r));
        by_permission || by_role
    }

    async fn moderator_command(
        &self,
        ctx: &Context,
        command: &CommandInteraction,
    ) -> CreateInteractionResponse {
        let Some(guild) = command.guild_id else {
            return problem(
                "Only in a server",
                "Moderator commands work in a server, not in DMs.",
            );
        };
        if !self.is_moderator(command.member.as_deref()) {
            warn!(user = %command.user.id, guild = %guild, command = %command.data.name, "refused a moderator command from a non-moderator");
            return problem(
                "Moderators only",
                "This needs the Manage Server permission (or the moderator role). Nothing was changed.",
            );
        }
        let Some((sub, options)) = commands::subcommand(command) else {
            return problem(
                "Which one?",
                "Choose a sub-command, e.g. /command add or /record expulsion.",
            );
        };
        let actor = Actor {
            id: command.user.id.get(),
            name: display_name(command),
        };
        if command.data.name == "command" && matches!(sub.as_str(), "list" | "show") {
            self.uses.flush(Some(guild.get())).await;
        }
        let now = chrono::Utc::now();
        let result = if command.data.name == "command" {
            moderation::command(
                &self.store,
                guild.get(),
                &actor,
                &sub,
                &options,
                &now.to_rfc3339(),
                self.custom_command_limit(guild),
            )
            .await
        } else {
            let data = self.data_for(Some(guild));
            moderation::record(
                &self.store,
                &data,
                guild.get(),
                &actor,
                &sub,
                &options,
                &now.format("%Y-%m-%d").to_string(),
            )
            .await
        };
        let (mut reply, line) = match result {
            Ok((reply, effect)) => {
                let requester = Requester {
                    interaction_token: command.token.clone(),
                    change: format!("Your /{} {sub}", command.data.name),
                };
                self.after_change(ctx, guild, effect, requester).await;
                info!(guild = %guild, by = actor.id, command = %command.data.name, sub = %sub, "moderator change");
                (reply, Some(format!("/{} {sub}", command.data.name)))
            }
            Err(refusal) => (Reply::problem("Not changed", refusal.0), None),
        };
        // What the bot had to set aside at start is told to the first moderator who comes.
        for notice in self.store.take_notices(guild.get()) {
            reply.description = format!("⚠ {notice}\n\n{}", reply.description);
        }
        render::interaction_response(&reply, 0, line.as_deref())
    }

    /// Makes a saved change current: the guild's view of the data, and its
    /// command set handed to the registrar (the moderator is answered
    /// without waiting for Discord, and told later if registration fails).
    async fn after_change(
        &self,
        ctx: &Context,
        guild: GuildId,
        effect: Effect,
        requested_by: Requester,
    ) {
        if effect.records_changed {
            self.views.rebuild(guild.get()).await;
        }
        if effect.commands_changed {
            let set = self.guild_definitions(guild).await;
            self.submit_commands(ctx, Some(guild), set, Some(requested_by));
        }
    }

    async fn custom_command(
        &self,
        ctx: &Context,
        command: &CommandInteraction,
    ) -> CreateInteractionResponse {
        let name = command.data.name.clone();
        let Some(guild) = command.guild_id else {
            return problem(
                "Unknown command",
                "That command is not one of mine. Try /help.",
            );
        };
        let state = self.store.get(guild.get()).await;
        let Some(cmd) = state.commands.iter().find(|c| c.name == name) else {
            warn!(command = %name, guild = %guild, "unknown command");
            return problem(
                "Unknown command",
                "That command does not exist (any more) in this server. Try /help.",
            );
        };
        let server = self.server_name(ctx, guild).await;
        let channel = command
            .channel
            .as_ref()
            .and_then(|c| c.name.clone())
            .unwrap_or_else(|| "this channel".into());
        let reply = moderation::custom_reply(cmd, &display_name(command), &server, &channel);
        self.uses.count(guild.get(), &name);
        if cmd.is_embed() {
            render::interaction_response(&reply, 0, None)
        } else {
            render::content_response(&reply.description, reply.ephemeral)
        }
    }

    /// The guild's name for `{server}`, asked of Discord once. A lookup that
    /// failed or hung is not retried for [`NAME_RETRY_AFTER`], so a
    /// `{server}` command never waits the timeout twice in a row.
    async fn server_name(&self, ctx: &Context, guild: GuildId) -> String {
        const FALLBACK: &str = "this server";
        match lock(&self.server_names).get(&guild.get()) {
            Some(ServerName::Known(name)) => return name.clone(),
            Some(ServerName::Failed(at)) if at.elapsed() < NAME_RETRY_AFTER => {
                return FALLBACK.into()
            }
            _ => {}
        }
        let request = serenity::http::Request::new(
            serenity::http::Route::Guild { guild_id: guild },
            serenity::http::LightMethod::Get,
        );
        let fetched = tokio::time::timeout(
            std::time::Duration::from_secs(1),
            ctx.http.fire::<serde_json::Value>(request),
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
                name
            }
            None => {
                warn!(guild = %guild, "the server's name could not be fetched; using \"this server\"");
                names.insert(guild.get(), ServerName::Failed(Instant::now()));
                FALLBACK.into()
            }
        }
    }

    async fn on_autocomplete(&self, ctx: &Context, command: &CommandInteraction) {
        let data = self.data.clone();
        let choices =
            std::panic::catch_unwind(AssertUnwindSafe(|| commands::autocomplete(&data, command)))
                .unwrap_or_else(|_| serenity::all::CreateAutocompleteResponse::new());
        let response = CreateInteractionResponse::Autocomplete(choices);
        send_callback(ctx, command.id, &command.token, Outgoing::from(response)).await;
    }

    async fn on_component(&self, ctx: &Context, component: &ComponentInteraction) {
        let response = match render::parse_page_button_id(&component.data.custom_id) {
            Some((page, line)) if line.starts_with("/command ") || line.starts_with("/record ") => {
                self.moderator_page(component, page, line).await
            }
            Some((page, line)) => match Query::parse_line(line) {
                Ok(query) => {
                    let reply = self.answer_safely(&self.data_for(component.guild_id), &query);
                    render::update_response(&reply, page, Some(&query.to_string()))
                }
                Err(_) => stale_button(&component.data.custom_id),
            },
            None => stale_button(&component.data.custom_id),
        };
        send_callback(
            ctx,
            component.id,
            &component.token,
            Outgoing::from(response),
        )
        .await;
    }

    /// Pages of `/command list` and `/record list`, for moderators only.
    async fn moderator_page(
        &self,
        component: &ComponentInteraction,
        page: usize,
        line: &str,
    ) -> CreateInteractionResponse {
        let (Some(guild), true) = (
            component.guild_id,
            self.is_moderator(component.member.as_ref()),
        ) else {
            warn!(user = %component.user.id, "refused a moderator page to a non-moderator");
            return problem("Moderators only", "These pages are for moderators.");
        };
        let actor = Actor {
            id: component.user.id.get(),
            name: component.user.name.clone(),
        };
        let result = if line.starts_with("/command ") {
            self.uses.flush(Some(guild.get())).await;
            moderation::command(
                &self.store,
                guild.get(),
                &actor,
                "list",
                &[],
                "",
                self.custom_command_limit(guild),
            )
            .await
        } else {
            moderation::record(
                &self.store,
                &self.data,
                guild.get(),
                &actor,
                "list",
                &[],
                "",
            )
            .await
        };
        match result {
            Ok((reply, _)) => render::update_response(&reply, page, Some(line)),
            Err(r) => problem("Not available", &r.0),
        }
    }

    /// Answers one interaction; what it was, for the log (`None` when ignored).
    async fn dispatch(
        &self,
        ctx: &Context,
        interaction: &Interaction,
    ) -> Option<(&'static str, String, Option<GuildId>)> {
        Some(match interaction {
            Interaction::Command(c) => {
                self.on_command(ctx, c).await;
                ("command", c.data.name.clone(), c.guild_id)
            }
            Interaction::Autocomplete(c) => {
                self.on_autocomplete(ctx, c).await;
                ("autocomplete", c.data.name.clone(), c.guild_id)
            }
            Interaction::Component(c) => {
                self.on_component(ctx, c).await;
                (
                    "button",
                    c.data.custom_id.chars().take(40).collect(),
                    c.guild_id,
                )
            }
            other => {
                warn!(kind = ?other.kind(), "ignored interaction");
                return None;
            }
        })
    }

    /// Answers a message that @mentions the bot, as a reply to it.
    async fn on_mention(&self, ctx: &Context, msg: &Message) {
        let question = strip_mentions(&msg.content);
        let reply = if question.is_empty() {
            answers::help()
        } else {
            self.answer_safely(&self.data_for(msg.guild_id), &Query::Ask { question })
        };
        let mut message = CreateMessage::new()
            .allowed_mentions(CreateAllowedMentions::new())
            .reference_message(msg);
        if let Some(page) = render::paginate(&reply).into_iter().next() {
            message = message.embed(render::embed(&page));
        }
        if let Err(e) = msg.channel_id.send_message(&ctx.http, message).await {
            error!(error = %e, channel = %msg.channel_id, "answering a mention failed");
        }
    }
}

fn built_in_definitions() -> Vec<CreateCommand> {
    let mut set = commands::definitions();
    set.extend(commands::moderator_definitions());
    set
}

fn problem(title: &str, text: &str) -> CreateInteractionResponse {
    render::interaction_response(&Reply::problem(title, text), 0, None)
}

fn stale_button(custom_id: &str) -> CreateInteractionResponse {
    warn!(custom_id = %custom_id, "unknown button");
    problem(
        "That button no longer works",
        "Run the command again to get fresh pages.",
    )
}

/// After a panic: an apology in place of the answer (if none was sent yet).
async fn apologise(ctx: &Context, interaction: &Interaction) {
    let response = match interaction {
        Interaction::Autocomplete(_) => {
            CreateInteractionResponse::Autocomplete(serenity::all::CreateAutocompleteResponse::new())
        }
        _ => render::interaction_response(&internal_error(), 0, None),
    };
    let (id, token) = match interaction {
        Interaction::Command(c) | Interaction::Autocomplete(c) => (c.id, c.token.as_str()),
        Interaction::Component(c) => (c.id, c.token.as_str()),
        _ => return,
    };
    send_callback(ctx, id, token, Outgoing::from(response)).await;
}

fn internal_error() -> Reply {
    Reply::problem(
        "Something went wrong on my side",
        "Sorry, that answer failed. The error was logged; please try again or try /help.",
    )
}

/// The plain name of whoever used a command: server nickname, display name or username.
fn display_name(command: &CommandInteraction) -> String {
    command
        .member
        .as_ref()
        .and_then(|m| m.nick.clone())
        .or_else(|| command.user.global_name.clone())
        .unwrap_or_else(|| command.user.name.clone())
}

/// The question in a message, without the mentions that addressed it.
fn strip_mentions(content: &str) -> String {
    static MENTION: once_cell::sync::Lazy<regex::Regex> =
        once_cell::sync::Lazy::new(|| regex::Regex::new(r"<@!?\d+>").expect("valid regex"));
    MENTION.replace_all(content, " ").trim().to_owned()
}

/// An interaction callback as sent: its JSON body (with attachment ids as
/// Discord's OpenAPI types them) and any files.
struct Outgoing {
    body: Body,
    files: Vec<CreateAttachment>,
}

/// A callback body: serenity's builder as is, JSON adjusted for
/// attachments, or the bytes of an answer sent before.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Body {
    Response(Box<CreateInteractionResponse>),
    Json(serde_json::Value),
    Raw(Box<serde_json::value::RawValue>),
}

/// A built-in command's answer as sent, kept for the same query.
struct CachedAnswer {
    body: Box<serde_json::value::RawValue>,
    files: Vec<CreateAttachment>,
}

impl CachedAnswer {
    fn outgoing(&self) -> Outgoing {
        Outgoing {
            body: Body::Raw(self.body.clone()),
            files: self.files.clone(),
        }
    }
}

/// Answers kept at most; past it the cache starts again (queries are few).
const ANSWER_CACHE_LIMIT: usize = 1024;

impl From<CreateInteractionResponse> for Outgoing {
    fn from(response: CreateInteractionResponse) -> Self {
        Outgoing {
            body: Body::Response(Box::new(response)),
            files: Vec::new(),
        }
    }
}

/// Sends a callback (multipart when it carries files), with retries.
async fn send_callback(
    ctx: &Context,
    id: serenity::all::InteractionId,
    token: &str,
    outgoing: Outgoing,
) {
    respond(id.get(), || {
        ctx.http
            .create_interaction_response(id, token, &outgoing.body, outgoing.files.clone())
    })
    .await;
}

/// Whether a failed callback is worth another try: rate limits, server
/// errors and connection failures, not a request Discord rejected.
fn retryable(e: &serenity::Error) -> bool {
    use serenity::http::HttpError;
    match e {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => {
            r.status_code.as_u16() == 429 || r.status_code.is_server_error()
        }
        serenity::Error::Http(HttpError::Request(_)) => true,
        _ => false,
    }
}

/// Sends an interaction callback, retrying rate limits and server errors
/// with backoff while Discord's 3-second window allows; otherwise logs.
async fn respond<F, Fut>(interaction: u64, mut attempt: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = serenity::Result<()>>,
{
    let deadline = Instant::now() + std::time::Duration::from_millis(2700);
    for tries in 1u32.. {
        let Err(e) = attempt().await else { return };
        let wait = std::time::Duration::from_millis(100 * 2u64.pow(tries));
        if !retryable(&e) || tries >= 5 || Instant::now() + wait > deadline {
            error!(interaction, tries, error = %e, "interaction callback failed");
            return;
        }
        warn!(interaction, tries, error = %e, "interaction callback failed; retrying");
        tokio::time::sleep(wait).await;
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        info!(user = %ready.user.name, guilds = ready.guilds.len(), shard = ?ready.shard, "connected");
        if self.registers_at_start {
            self.register_all(&ctx).await;
        } else {
            info!("command registration at start left to the process running shard 0 (MISSIONBOT_REGISTER)");
        }
        if !self
            .locators_warmed
            .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            self.warm_locators();
        }
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        info!("gateway session resumed");
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        use futures::FutureExt;
        let started = Instant::now();
        if !lock(&self.seen).first_time(interaction.id().get()) {
            warn!(interaction = %interaction.id(), "interaction delivered twice; answered once");
            return;
        }
        // One guard around every path: a panic anywhere becomes an apology and a log line.
        let handled = AssertUnwindSafe(self.dispatch(&ctx, &interaction))
            .catch_unwind()
            .await;
        let Ok(Some((kind, name, guild))) = handled else {
            if handled.is_err() {
                error!(interaction = %interaction.id(), "answering an interaction panicked");
                apologise(&ctx, &interaction).await;
            }
            return;
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
        let me = ctx.data.read().await.get::<BotUser>().copied();
        if me.is_some() && msg.mentions.iter().any(|u| Some(u.id) == me) {
            use futures::FutureExt;
            let started = Instant::now();
            if AssertUnwindSafe(self.on_mention(&ctx, &msg))
                .catch_unwind()
                .await
                .is_err()
            {
                error!(channel = %msg.channel_id, "answering a mention panicked");
                return;
            }
            info!(kind = "mention", guild = ?msg.guild_id, latency_ms = started.elapsed().as_secs_f64() * 1000.0, "answered");
        }
    }
}

struct BotUser;
impl serenity::prelude::TypeMapKey for BotUser {
    type Value = serenity::all::UserId;
}

/// Stores the bot's user id on READY so that mentions can be recognised.
struct ReadyUser;

#[async_trait]
impl EventHandler for ReadyUser {
    async fn ready(&self, ctx: Context, ready: Ready) {
        ctx.data.write().await.insert::<BotUser>(ready.user.id);
    }
}

/// Connects to Discord (or to `DISCORD_API_BASE`) and answers until SIGINT or SIGTERM.
pub async fn serve(config: Config, data: Arc<Dataset>) -> anyhow::Result<()> {
    let store = open_store(&config).await?;
    // The bot's own commands share a guild's 100 when they are registered there.
    let own_in_guild = config.guild_id.map(|g| (g, built_in_definitions().len()));
    let store = Arc::new(
        GuildStore::load_with_limit(store, |guild| match own_in_guild {
            Some((g, own)) if g.get() == guild => crate::custom::MAX_COMMANDS.saturating_sub(own),
            _ => crate::custom::MAX_COMMANDS,
        })
        .await
        .context("loading guild state")?,
    );
    info!(guilds = store.guild_ids().len(), store = %store.describe(), "guild state loaded");
    tokio::spawn(store.clone().follow());

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
    // Parse the map outlines and font off the runtime while the gateway connects.
    tokio::task::spawn_blocking(map::warm_up);
    let handler = Handler::new(data, &config, store).await;
    let uses = handler.uses.clone();
    let mut client = ClientBuilder::new_with_http(http.build(), intents)
        .event_handler(ReadyUser)
        .event_handler(handler)
        .await
        .context("building the Discord client")?;
    let periodic = uses.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(USE_FLUSH_EVERY).await;
            periodic.flush(None).await;
        }
    });
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
        ended = gateway => {
            uses.flush(None).await;
            ended.context("the gateway connection ended with an error")?;
        }
        () = wait_for_shutdown_signal() => {
            info!("shutting down");
            // A second signal exits at once, whatever is still running.
            tokio::spawn(async {
                wait_for_shutdown_signal().await;
                warn!("second signal: exiting now");
                std::process::exit(130);
            });
            // serenity's shutdown can wait on a shard that is reconnecting to an
            // unreachable Discord: bounded, so the process always stops.
            if tokio::time::timeout(SHUTDOWN_GRACE, shards.shutdown_all()).await.is_err() {
                warn!("the gateway did not close in time; stopping anyway");
            }
            uses.flush(None).await;
        }
    }
    info!("stopped");
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

/// How long the gateway may take to close at shutdown.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

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
