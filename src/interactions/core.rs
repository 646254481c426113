//! The interaction core: an interaction in, the response out, whichever
//! transport delivered it (the gateway or HTTP).
//!
//! [`Core::respond`] answers commands, autocomplete and page buttons with
//! the pure core's replies, runs moderators' commands against the guild
//! store, and keeps going whatever arrives: every failure becomes a polite
//! ephemeral message and a log line. The REST calls an answer needs beyond
//! its response (registering command sets, a server's name, editing a
//! deferred `/map`) go through the core's own [`Http`].

use super::wire;
use crate::answers;
use crate::config::Config;
use crate::custom::{overlay, GuildStore};
use crate::dataset::Dataset;
use crate::i18n::Lang;
use crate::interactions::commands;
use crate::interactions::registrar::{Registrar, Requester, Wanted};
use crate::map;
use crate::moderation::{self, Actor, Effect};
use crate::query::Query;
use crate::render;
use crate::reply::Reply;
use crate::spec::{self, Handler};
use serenity::all::{
    CommandInteraction, ComponentInteraction, CreateAllowedMentions, CreateAttachment,
    CreateCommand, CreateInteractionResponse, CreateInteractionResponseMessage, CreateMessage,
    GuildId, Http, Interaction, Member, Message, Permissions, RoleId,
};
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tracing::{error, info, warn};

/// Answers interactions with the dataset and the guild store.
pub struct Core {
    /// Discord's REST API (registration, server names, edits of deferred answers).
    http: Arc<Http>,
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

impl Core {
    pub async fn new(
        http: Arc<Http>,
        data: Arc<Dataset>,
        config: &Config,
        store: Arc<GuildStore>,
    ) -> Self {
        let views = Arc::new(Views {
            shipped: Arc::clone(&data),
            store: Arc::clone(&store),
            by_guild: Mutex::new(HashMap::new()),
            generation: std::sync::atomic::AtomicU64::new(0),
        });
        let handler = Self {
            http,
            uses: Arc::new(UseCounts::new(store.clone())),
            answers: Mutex::new(HashMap::new()),
            data,
            guild: config.guild_id.map(GuildId::new),
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

    /// Whether this process registers the command sets when it connects.
    pub fn registers_at_start(&self) -> bool {
        self.registers_at_start
    }

    /// Discord's REST client of this core.
    pub fn http(&self) -> &Arc<Http> {
        &self.http
    }

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

    /// Starts drawing the locator maps ahead of use, once per process.
    pub fn warm_locators_once(&self) {
        if !self
            .locators_warmed
            .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            self.warm_locators();
        }
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
        guild: Option<GuildId>,
        definitions: Vec<CreateCommand>,
        requested_by: Option<Requester>,
    ) {
        match commands::registration_body(&definitions) {
            Ok(body) => self.registrar.submit(
                self.http.clone(),
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

    async fn guild_definitions(&self, guild: GuildId) -> Vec<CreateCommand> {
        guild_definitions(&self.store, self.guild, guild).await
    }

    /// Hands every command set this process knows to the registrar: the
    /// built-in commands (globally, or in `DISCORD_GUILD_ID`) and each
    /// guild's custom commands.
    pub async fn register_all(&self) {
        for (guild, set) in command_definitions(&self.store, self.guild).await {
            self.submit_commands(guild, set, None);
        }
    }

    /// Runs the pure core, turning a panic into an apology instead of silence.
    fn answer_safely(&self, data: &Dataset, query: &Query, lang: Lang) -> Reply {
        std::panic::catch_unwind(AssertUnwindSafe(|| answers::answer_in(data, query, lang)))
            .unwrap_or_else(|_| {
                error!(query = %query, "answer panicked");
                internal_error(lang)
            })
    }

    async fn on_command(self: &Arc<Self>, command: &CommandInteraction) -> Response {
        // The registry says who answers; a name it does not know is a
        // server's own command.
        match spec::find(&command.data.name).map(|s| s.handler) {
            Some(Handler::Map) => self.map_command(command).await,
            Some(Handler::Answer) => Response::Now(self.built_in(command).await),
            Some(Handler::Moderator) => {
                Response::Now(Outgoing::from(self.moderator_command(command).await))
            }
            None => Response::Now(Outgoing::from(self.custom_command(command).await)),
        }
    }

    /// A built-in command's answer, from the cache of answers when the same
    /// query was answered before on the same view of the data (the data is
    /// immutable per view, so the same query gets the same bytes).
    async fn built_in(&self, command: &CommandInteraction) -> Outgoing {
        let lang = commands::interaction_lang(command);
        let query = match commands::query_from_interaction(command) {
            Ok(query) => query,
            Err(e) => {
                warn!(command = %command.data.name, error = %e, "bad command");
                let title = lang.text("problem.not_run.title");
                return Outgoing::from(problem(title, &e.describe(lang)));
            }
        };
        // One look at the guild's view: the cache key and the data answered
        // from must be the same view, or a guild's first record landing
        // between two looks would be cached under the shared key.
        let (view, data) = self.view_of(command.guild_id);
        let key = format!("{view}|{}|{query}", lang.code());
        if let Some(hit) = lock(&self.answers).get(&key).cloned() {
            return hit.outgoing();
        }
        let (outgoing, cacheable) = self.answer_built_in(&query, lang, &view, data).await;
        if !cacheable {
            return outgoing;
        }
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

    /// Computes a built-in command's answer from the query parsed once; also
    /// says whether it may be cached (not an `/embassy` whose locator could
    /// not be drawn just now). The answer reports what it answered: the
    /// canonical query for the page buttons and the country for the locator.
    async fn answer_built_in(
        &self,
        query: &Query,
        lang: Lang,
        view: &str,
        data: Arc<Dataset>,
    ) -> (Outgoing, bool) {
        let mut reply = self.answer_safely(&data, query, lang);
        let canonical = reply.canonical.as_ref().unwrap_or(query).to_string();
        let locator = match (query, reply.subject.as_deref()) {
            (Query::Embassy { .. }, Some(iso2)) => {
                self.locator_in(view.to_owned(), data.clone(), iso2, lang)
                    .await
            }
            _ => None,
        };
        let Some(png) = locator else {
            let cacheable = !matches!(query, Query::Embassy { .. }) || reply.subject.is_none();
            let response = wire::interaction_response(&reply, 0, Some(&canonical));
            return (response.into(), cacheable);
        };
        reply.thumbnail_url = Some("attachment://locator.png".into());
        let response = wire::interaction_response(&reply, 0, Some(&canonical));
        let outgoing = Outgoing {
            body: Body::Json(wire::callback_json(&response, &["locator.png"])),
            files: vec![CreateAttachment::bytes(png.bytes.clone(), "locator.png")],
        };
        (outgoing, true)
    }

    /// The locator map of the country an `/embassy` answer is about, when it
    /// hosts a mission; rendered off the async runtime in a bounded slot,
    /// cached per view of the data (a guild's records make their own view).
    /// `None` when there is nothing to show or no slot: the answer goes
    /// without its picture rather than late.
    async fn locator_in(
        &self,
        view: String,
        data: Arc<Dataset>,
        iso2: &str,
        lang: Lang,
    ) -> Option<Arc<map::Png>> {
        data.missions_in(iso2).next()?;
        let iso2 = iso2.to_owned();
        // The labels are in the reader's language: one picture per language.
        let key = format!("{view}|{}|{iso2}", lang.code());
        let render = || async move {
            let _slot = self.render_slot().await.ok_or(Busy)?;
            info!(view = %view, country = %iso2, "rendering a locator map");
            Ok(tokio::task::spawn_blocking(move || {
                map::locator_map(&data, &iso2, lang).map(Arc::new)
            })
            .await
            .ok()
            .flatten())
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
            let langs = crate::i18n::catalogues()
                .iter()
                .map(|(code, _)| Lang::from_locale(code));
            let each = langs.flat_map(|lang| hosts.iter().map(move |h| (lang, h.clone())));
            for (lang, iso2) in each.collect::<Vec<_>>() {
                let key = format!("shipped|{}|{iso2}", lang.code());
                let data = data.clone();
                let slots = slots.clone();
                let render = || async move {
                    let _slot = slots.acquire_owned().await.map_err(|_| Busy)?;
                    Ok(tokio::task::spawn_blocking(move || {
                        map::locator_map(&data, &iso2, lang).map(Arc::new)
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
    async fn map_command(self: &Arc<Self>, command: &CommandInteraction) -> Response {
        let data = self.data_for(command.guild_id);
        let lang = commands::interaction_lang(command);
        let mut query = match commands::map_query_from_interaction(command) {
            Ok(q) => map::MapQuery { lang, ..q },
            Err(e) => {
                return Response::Now(Outgoing::from(problem(
                    lang.text("map.not_drawn"),
                    &e.describe(lang),
                )))
            }
        };
        if let Some(region) = &query.region {
            match answers::missions::Region::find(&data, region) {
                // The region's own name, so "africa" and "Africa" share one cached map.
                Some(found) => query.region = Some(found.label),
                None => {
                    return Response::Now(Outgoing::from(problem(
                        &lang.fill(
                            "region.unknown.title",
                            &[("input", &crate::text::truncate_chars(region, 40))],
                        ),
                        lang.text("map.region_hint"),
                    )))
                }
            }
        }
        let defer = CreateInteractionResponse::Defer(
            CreateInteractionResponseMessage::new().allowed_mentions(CreateAllowedMentions::new()),
        );
        let core = self.clone();
        let guild = command.guild_id;
        let then = async move {
            let (mut reply, png) = match core.rendered_map(guild, query).await {
                Ok(pair) => (pair.0.clone(), Some(pair.1.bytes.clone())),
                Err(reply) => (*reply, None),
            };
            let attachments: &[&str] = if png.is_some() { &["map.png"] } else { &[] };
            if png.is_some() {
                reply.image_url = Some("attachment://map.png".into());
            }
            Edit {
                body: wire::edit_json(&reply, attachments),
                files: png
                    .into_iter()
                    .map(|bytes| CreateAttachment::bytes(bytes, "map.png"))
                    .collect(),
            }
        };
        Response::Later {
            first: Outgoing::from(defer),
            then: Box::pin(then),
        }
    }

    /// Edits the original response of an interaction (a deferred answer, or
    /// an answer whose files could not travel with it). Retries rate limits,
    /// server errors and, for a moment, "unknown" (an HTTP response Discord
    /// has not processed yet).
    pub async fn edit_original(&self, interaction: u64, token: &str, edit: Edit) {
        let mut tries = 0;
        while let Err(e) = self
            .http
            .edit_original_interaction_response(token, &edit.body, edit.files.clone())
            .await
        {
            tries += 1;
            if !(retryable(&e) || not_found(&e)) || tries >= 4 {
                error!(interaction, error = %e, "editing the original response failed");
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(250 * tries)).await;
        }
    }

    /// A map for a view of the data, rendered once per view and query in a
    /// bounded slot; a polite refusal when too many maps are waiting.
    async fn rendered_map(&self, guild: Option<GuildId>, query: map::MapQuery) -> RenderedMap {
        let (view, data) = self.view_of(guild);
        let line = query.line();
        let key = format!("{view}|{line}");
        let lang = query.lang;
        let render = || async move {
            let _slot = self.render_slot().await.ok_or(Busy)?;
            let started = Instant::now();
            let for_render = data.clone();
            let result = tokio::task::spawn_blocking(move || map::mission_map(&for_render, &query))
                .await
                .unwrap_or_else(|_| Err(Box::new(internal_error(lang))));
            Ok(result.map(|(mut reply, png)| {
                reply.footer = answers::footer(&data, lang);
                info!(map = %line, view = %view, ms = started.elapsed().as_secs_f64() * 1000.0, bytes = png.bytes.len(), "rendered a map");
                Arc::new((reply, png))
            }))
        };
        self.maps
            .get_or_render(&key, render)
            .await
            .unwrap_or_else(|Busy| {
                Err(Box::new(Reply::problem(
                    lang.text("problem.busy_maps.title"),
                    lang.text("problem.busy_maps.hint"),
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

    async fn moderator_command(&self, command: &CommandInteraction) -> CreateInteractionResponse {
        let lang = commands::interaction_lang(command);
        let problem = |key: &str| {
            problem(
                lang.text(&format!("{key}.title")),
                lang.text(&format!("{key}.hint")),
            )
        };
        let Some(guild) = command.guild_id else {
            return problem("problem.moderators_in_server");
        };
        if !self.is_moderator(command.member.as_deref()) {
            warn!(user = %command.user.id, guild = %guild, command = %command.data.name, "refused a moderator command from a non-moderator");
            return problem("problem.moderators_only");
        }
        let Some((sub, options)) = commands::subcommand(command) else {
            return problem("problem.which_subcommand");
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
                self.after_change(guild, effect, requester).await;
                info!(guild = %guild, by = actor.id, command = %command.data.name, sub = %sub, "moderator change");
                (reply, Some(format!("/{} {sub}", command.data.name)))
            }
            Err(refusal) => (
                Reply::problem(lang.text("problem.not_changed"), refusal.describe(lang)),
                None,
            ),
        };
        // What the bot had to set aside at start is told to the first moderator who comes.
        for notice in self.store.take_notices(guild.get()) {
            reply.description = format!("⚠ {notice}\n\n{}", reply.description);
        }
        wire::interaction_response(&reply, 0, line.as_deref())
    }

    /// Makes a saved change current: the guild's view of the data, and its
    /// command set handed to the registrar (the moderator is answered
    /// without waiting for Discord, and told later if registration fails).
    async fn after_change(&self, guild: GuildId, effect: Effect, requested_by: Requester) {
        if effect.records_changed {
            self.views.rebuild(guild.get()).await;
        }
        if effect.commands_changed {
            let set = self.guild_definitions(guild).await;
            self.submit_commands(Some(guild), set, Some(requested_by));
        }
    }

    async fn custom_command(&self, command: &CommandInteraction) -> CreateInteractionResponse {
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
        let server = self.server_name(guild).await;
        let channel = command
            .channel
            .as_ref()
            .and_then(|c| c.name.clone())
            .unwrap_or_else(|| "this channel".into());
        let reply = moderation::custom_reply(cmd, &display_name(command), &server, &channel);
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
    async fn server_name(&self, guild: GuildId) -> String {
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
                name
            }
            None => {
                warn!(guild = %guild, "the server's name could not be fetched; using \"this server\"");
                names.insert(guild.get(), ServerName::Failed(Instant::now()));
                FALLBACK.into()
            }
        }
    }

    fn on_autocomplete(&self, command: &CommandInteraction) -> Response {
        let data = self.data.clone();
        let choices =
            std::panic::catch_unwind(AssertUnwindSafe(|| commands::autocomplete(&data, command)))
                .unwrap_or_else(|_| serenity::all::CreateAutocompleteResponse::new());
        Response::Now(Outgoing::from(CreateInteractionResponse::Autocomplete(
            choices,
        )))
    }

    async fn on_component(&self, component: &ComponentInteraction) -> Response {
        let response = match render::parse_page_button_id(&component.data.custom_id) {
            Some((page, line)) if line.starts_with("/command ") || line.starts_with("/record ") => {
                self.moderator_page(component, page, line).await
            }
            Some((page, line)) => match Query::parse_line(line) {
                Ok(query) => {
                    let lang = Lang::from_locale(&component.locale);
                    let reply =
                        self.answer_safely(&self.data_for(component.guild_id), &query, lang);
                    wire::update_response(&reply, page, Some(&query.to_string()))
                }
                Err(_) => stale_button(
                    &component.data.custom_id,
                    Lang::from_locale(&component.locale),
                ),
            },
            None => stale_button(
                &component.data.custom_id,
                Lang::from_locale(&component.locale),
            ),
        };
        Response::Now(Outgoing::from(response))
    }

    /// Pages of `/command list` and `/record list`, for moderators only.
    async fn moderator_page(
        &self,
        component: &ComponentInteraction,
        page: usize,
        line: &str,
    ) -> CreateInteractionResponse {
        let lang = Lang::from_locale(&component.locale);
        let (Some(guild), true) = (
            component.guild_id,
            self.is_moderator(component.member.as_ref()),
        ) else {
            warn!(user = %component.user.id, "refused a moderator page to a non-moderator");
            return problem(
                lang.text("problem.moderator_pages.title"),
                lang.text("problem.moderator_pages.hint"),
            );
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
            Ok((reply, _)) => wire::update_response(&reply, page, Some(line)),
            Err(r) => problem(lang.text("problem.not_available"), &r.describe(lang)),
        }
    }

    /// The response to one interaction, however it arrived; `None` for an
    /// interaction already answered (a redelivery).
    /// One guard around every path: a panic becomes an apology and a log line.
    pub async fn respond(self: &Arc<Self>, interaction: &Interaction) -> Option<Handled> {
        use futures::FutureExt;
        if !lock(&self.seen).first_time(interaction.id().get()) {
            warn!(interaction = %interaction.id(), "interaction delivered twice; answered once");
            return None;
        }
        let (kind, name, guild) = describe(interaction);
        let response = match AssertUnwindSafe(self.dispatch(interaction))
            .catch_unwind()
            .await
        {
            Ok(response) => response,
            Err(_) => {
                error!(interaction = %interaction.id(), "answering an interaction panicked");
                Response::Now(Outgoing::from(apology(interaction)))
            }
        };
        Some(Handled {
            response,
            kind,
            name,
            guild,
        })
    }

    async fn dispatch(self: &Arc<Self>, interaction: &Interaction) -> Response {
        match interaction {
            Interaction::Command(c) => self.on_command(c).await,
            Interaction::Autocomplete(c) => self.on_autocomplete(c),
            Interaction::Component(c) => self.on_component(c).await,
            Interaction::Ping(_) => Response::Now(Outgoing::from(CreateInteractionResponse::Pong)),
            _ => Response::Now(Outgoing::from(problem(
                "Not supported",
                "This kind of interaction is not one I answer.",
            ))),
        }
    }

    /// The reply to a message that @mentions the bot (mentions arrive only
    /// through the gateway).
    pub fn mention_reply(&self, msg: &Message) -> CreateMessage {
        let question = strip_mentions(&msg.content);
        let reply = if question.is_empty() {
            answers::help(Lang::ENGLISH)
        } else {
            // A message carries no locale: a question in Korean is answered in Korean.
            self.answer_safely(
                &self.data_for(msg.guild_id),
                &Query::Ask { question },
                Lang::ENGLISH,
            )
        };
        let mut message = CreateMessage::new()
            .allowed_mentions(CreateAllowedMentions::new())
            .reference_message(msg);
        if let Some(page) = render::paginate(&reply).into_iter().next() {
            message = message.embed(wire::embed(&page));
        }
        message
    }
}

/// What an interaction is, for the log: kind, command or button, guild.
fn describe(interaction: &Interaction) -> (&'static str, String, Option<GuildId>) {
    match interaction {
        Interaction::Command(c) => ("command", c.data.name.clone(), c.guild_id),
        Interaction::Autocomplete(c) => ("autocomplete", c.data.name.clone(), c.guild_id),
        Interaction::Component(c) => (
            "button",
            c.data.custom_id.chars().take(40).collect(),
            c.guild_id,
        ),
        Interaction::Ping(_) => ("ping", String::new(), None),
        other => {
            warn!(kind = ?other.kind(), "an interaction of a kind not handled");
            ("other", format!("{:?}", other.kind()), None)
        }
    }
}

/// A handled interaction: the response and what it was, for the log.
pub struct Handled {
    pub response: Response,
    pub kind: &'static str,
    pub name: String,
    pub guild: Option<GuildId>,
}

/// How an interaction is answered.
pub enum Response {
    /// With this interaction response.
    Now(Outgoing),
    /// With `first` at once (a deferral), then the original response edited
    /// with what `then` yields.
    Later {
        first: Outgoing,
        then: std::pin::Pin<Box<dyn std::future::Future<Output = Edit> + Send>>,
    },
}

/// An edit of an interaction's original response: the message JSON and files.
pub struct Edit {
    pub body: serde_json::Value,
    pub files: Vec<CreateAttachment>,
}

/// The full command set of one guild: its custom commands, plus the
/// built-in ones when they are registered to this guild (`home`).
async fn guild_definitions(
    store: &GuildStore,
    home: Option<GuildId>,
    guild: GuildId,
) -> Vec<CreateCommand> {
    let mut set = if home == Some(guild) {
        built_in_definitions()
    } else {
        Vec::new()
    };
    set.extend(
        store
            .get(guild.get())
            .await
            .commands
            .iter()
            .map(commands::custom_definition),
    );
    set
}

/// Every scope's command set: the built-in commands (globally, or in
/// `home`) and each guild's custom commands (guilds with none left out).
async fn command_definitions(
    store: &GuildStore,
    home: Option<GuildId>,
) -> Vec<(Option<GuildId>, Vec<CreateCommand>)> {
    let mut sets = vec![match home {
        Some(g) => (Some(g), guild_definitions(store, home, g).await),
        None => (None, built_in_definitions()),
    }];
    for id in store.guild_ids() {
        let guild = GuildId::new(id);
        if Some(guild) != home {
            let set = guild_definitions(store, home, guild).await;
            if !set.is_empty() {
                sets.push((Some(guild), set));
            }
        }
    }
    sets
}

/// Every scope's registration body, for `missionbot register`; a set that
/// cannot be written is left out (and logged), never sent empty.
pub async fn command_sets(
    store: &GuildStore,
    home: Option<GuildId>,
) -> Vec<(Option<GuildId>, serde_json::Value)> {
    let mut bodies = Vec::new();
    for (guild, set) in command_definitions(store, home).await {
        match commands::registration_body(&set) {
            Ok(body) => bodies.push((guild, body)),
            Err(e) => error!(error = %e, "the command set could not be written; not registered"),
        }
    }
    bodies
}

pub fn built_in_definitions() -> Vec<CreateCommand> {
    let mut set = commands::definitions();
    set.extend(commands::moderator_definitions());
    set
}

fn problem(title: &str, text: &str) -> CreateInteractionResponse {
    wire::interaction_response(&Reply::problem(title, text), 0, None)
}

fn stale_button(custom_id: &str, lang: Lang) -> CreateInteractionResponse {
    warn!(custom_id = %custom_id, "unknown button");
    problem(
        lang.text("problem.stale_button.title"),
        lang.text("problem.stale_button.hint"),
    )
}

/// After a panic: an apology in place of the answer.
fn apology(interaction: &Interaction) -> CreateInteractionResponse {
    match interaction {
        Interaction::Autocomplete(_) => {
            CreateInteractionResponse::Autocomplete(serenity::all::CreateAutocompleteResponse::new())
        }
        Interaction::Command(c) => {
            wire::interaction_response(&internal_error(Lang::from_locale(&c.locale)), 0, None)
        }
        Interaction::Component(c) => {
            wire::interaction_response(&internal_error(Lang::from_locale(&c.locale)), 0, None)
        }
        _ => wire::interaction_response(&internal_error(Lang::ENGLISH), 0, None),
    }
}

fn internal_error(lang: Lang) -> Reply {
    Reply::problem(
        lang.text("problem.internal.title"),
        lang.text("problem.internal.hint"),
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
pub struct Outgoing {
    pub body: Body,
    pub files: Vec<CreateAttachment>,
}

/// A callback body: serenity's builder as is, JSON adjusted for
/// attachments, or the bytes of an answer sent before.
#[derive(serde::Serialize)]
#[serde(untagged)]
pub enum Body {
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

impl Outgoing {
    /// The body as JSON (what an HTTP response carries).
    pub fn json(&self) -> serde_json::Value {
        serde_json::to_value(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

impl From<CreateInteractionResponse> for Outgoing {
    fn from(response: CreateInteractionResponse) -> Self {
        Outgoing {
            body: Body::Response(Box::new(response)),
            files: Vec::new(),
        }
    }
}

/// Whether a failed call is worth another try: rate limits, server
/// errors and connection failures, not a request Discord rejected.
pub use crate::interactions::registrar::transient as retryable;

/// Discord answered 404: the interaction or its message is not known (yet).
fn not_found(e: &serenity::Error) -> bool {
    use serenity::http::HttpError;
    matches!(e, serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) if r.status_code.as_u16() == 404)
}
