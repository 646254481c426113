//! The Discord adapter: serenity's event handler and the `serve` entry point.
//!
//! It registers commands on READY (one bulk overwrite per scope, skipped
//! when unchanged), answers interactions with the core's replies, runs the
//! moderators' commands against the guild store, and keeps going whatever
//! arrives: every failure becomes a polite ephemeral message and a log line.

use crate::answers;
use crate::commands;
use crate::config::Config;
use crate::custom::{overlay, FileStore, GuildStore};
use crate::dataset::Dataset;
use crate::map;
use crate::moderation::{self, Actor, Effect};
use crate::query::Query;
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
    views: Mutex<HashMap<u64, Arc<Dataset>>>,
    /// The last registered command set per scope ("global" or a guild id).
    registered: Mutex<HashMap<String, String>>,
    /// Guild names for `{server}`, fetched once.
    server_names: Mutex<HashMap<u64, String>>,
    /// Interactions already taken, so a redelivered one is not answered twice.
    seen: Mutex<RecentIds>,
    /// Rendered maps of the shipped data, by query line ("/map region:Africa").
    maps: RenderCache<RenderedMap>,
    /// Locator maps of the shipped data, by country code.
    locators: RenderCache<Option<Arc<map::Png>>>,
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

    async fn get_or_render<F, Fut>(&self, key: &str, render: F) -> T
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = T>,
    {
        let cell = {
            let mut cells = lock(&self.cells);
            if cells.len() >= CACHE_LIMIT && !cells.contains_key(key) {
                cells.clear();
            }
            cells.entry(key.to_owned()).or_default().clone()
        };
        cell.get_or_init(render).await.clone()
    }
}

/// Past this many entries a render cache starts again (queries are few; this only bounds memory).
const CACHE_LIMIT: usize = 128;

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
        let handler = Self {
            data,
            guild: config.guild_id,
            mod_role: config.mod_role_id.map(RoleId::new),
            store,
            views: Mutex::new(HashMap::new()),
            registered: Mutex::new(HashMap::new()),
            server_names: Mutex::new(HashMap::new()),
            seen: Mutex::new(RecentIds::default()),
            maps: RenderCache::new(),
            locators: RenderCache::new(),
        };
        for guild in handler.store.guild_ids() {
            handler.rebuild_view(guild).await;
        }
        handler
    }

    /// The data as this guild sees it.
    fn data_for(&self, guild: Option<GuildId>) -> Arc<Dataset> {
        guild
            .and_then(|g| lock(&self.views).get(&g.get()).cloned())
            .unwrap_or_else(|| self.data.clone())
    }

    async fn rebuild_view(&self, guild: u64) {
        let records = self.store.get(guild).await.records;
        let mut views = lock(&self.views);
        if records.is_empty() {
            views.remove(&guild);
        } else {
            views.insert(guild, Arc::new(overlay::apply(&self.data, &records)));
        }
    }

    /// Registers `definitions` in `scope` unless that exact set is already there.
    async fn put_commands(
        &self,
        ctx: &Context,
        guild: Option<GuildId>,
        definitions: Vec<CreateCommand>,
    ) {
        let scope = guild.map_or("global".to_owned(), |g| g.to_string());
        let fingerprint = serde_json::to_string(&definitions).unwrap_or_default();
        if lock(&self.registered).get(&scope) == Some(&fingerprint) {
            info!(%scope, "commands unchanged since the last registration; skipping");
            return;
        }
        let result = register(ctx, guild, &definitions).await;
        match result {
            Ok(count) => {
                info!(count, %scope, "registered commands");
                lock(&self.registered).insert(scope, fingerprint);
            }
            Err(e) => error!(error = %e, %scope, "registering commands failed"),
        }
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
                self.put_commands(ctx, Some(g), set).await;
            }
            None => self.put_commands(ctx, None, built_in_definitions()).await,
        }
        for id in self.store.guild_ids() {
            let guild = GuildId::new(id);
            if Some(guild) == self.guild {
                continue;
            }
            let set = self.guild_definitions(guild).await;
            if !set.is_empty() || lock(&self.registered).contains_key(&guild.to_string()) {
                self.put_commands(ctx, Some(guild), set).await;
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
        let response = if commands::BUILT_IN.contains(&name) {
            self.built_in(command).await
        } else if name == "command" || name == "record" {
            Outgoing::from(self.moderator_command(ctx, command).await)
        } else {
            Outgoing::from(self.custom_command(ctx, command).await)
        };
        send_callback(ctx, command.id, &command.token, response).await;
    }

    async fn built_in(&self, command: &CommandInteraction) -> Outgoing {
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
                    Query::Embassy { country } => self.locator(&data, country).await,
                    _ => None,
                };
                let Some(png) = locator else {
                    return render::interaction_response(&reply, 0, Some(&canonical)).into();
                };
                reply.image_url = Some("attachment://locator.png".into());
                let response = render::interaction_response(&reply, 0, Some(&canonical));
                Outgoing {
                    body: Body::Json(render::callback_json(&response, &["locator.png"])),
                    files: vec![CreateAttachment::bytes(png.bytes.clone(), "locator.png")],
                }
            }
            Err(e) => {
                warn!(command = %command.data.name, error = %e, "bad command");
                problem(
                    "That command could not be run",
                    &crate::text::capitalize(&e.to_string()),
                )
                .into()
            }
        }
    }

    /// The locator map of the country an `/embassy` answer is about, when it
    /// hosts a mission; rendered off the async runtime, cached for the shipped data.
    async fn locator(&self, data: &Arc<Dataset>, country: &str) -> Option<Arc<map::Png>> {
        let iso2 = data.resolve(country).country()?.iso2.clone();
        data.missions_in(&iso2).next()?;
        let render = || {
            let (data, code) = (data.clone(), iso2.clone());
            async move {
                tokio::task::spawn_blocking(move || map::locator_map(&data, &code).map(Arc::new))
                    .await
                    .ok()
                    .flatten()
            }
        };
        if Arc::ptr_eq(data, &self.data) {
            self.locators.get_or_render(&iso2, render).await
        } else {
            render().await
        }
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
        if let Some(region) = &query.region {
            if answers::missions::Region::find(&data, region).is_none() {
                let response = problem(
                    "Unknown region",
                    "Try Africa, Americas, Asia, Europe, Oceania, Middle East or Southeast Asia.",
                );
                return send_callback(ctx, command.id, &command.token, Outgoing::from(response))
                    .await;
            }
        }
        let defer = CreateInteractionResponse::Defer(
            CreateInteractionResponseMessage::new().allowed_mentions(CreateAllowedMentions::new()),
        );
        send_callback(ctx, command.id, &command.token, Outgoing::from(defer)).await;

        let (mut reply, png) = match self.rendered_map(&data, query).await {
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

    async fn rendered_map(&self, data: &Arc<Dataset>, query: map::MapQuery) -> RenderedMap {
        let key = query.line();
        let render = || {
            let (data, key) = (data.clone(), key.clone());
            async move {
                let started = Instant::now();
                let for_render = data.clone();
                let result =
                    tokio::task::spawn_blocking(move || map::mission_map(&for_render, &query))
                        .await
                        .unwrap_or_else(|_| Err(Box::new(internal_error())));
                let (mut reply, png) = result?;
                reply.footer = answers::footer(&data);
                info!(map = %key, ms = started.elapsed().as_secs_f64() * 1000.0, bytes = png.bytes.len(), "rendered a map");
                Ok(Arc::new((reply, png)))
            }
        };
        // Guilds with their own records see their own data: not shared, not cached.
        if Arc::ptr_eq(data, &self.data) {
            self.maps.get_or_render(&key, render).await
        } else {
            render().await
        }
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
        let now = chrono::Utc::now();
        let result = if command.data.name == "command" {
            moderation::command(
                &self.store,
                guild.get(),
                &actor,
                &sub,
                &options,
                &now.to_rfc3339(),
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
        match result {
            Ok((reply, effect)) => {
                self.after_change(ctx, guild, effect).await;
                info!(guild = %guild, by = actor.id, command = %command.data.name, sub = %sub, "moderator change");
                let line = format!("/{} {sub}", command.data.name);
                render::interaction_response(&reply, 0, Some(&line))
            }
            Err(refusal) => problem("Not changed", &refusal.0),
        }
    }

    async fn after_change(&self, ctx: &Context, guild: GuildId, effect: Effect) {
        if effect.records_changed {
            self.rebuild_view(guild.get()).await;
        }
        if effect.commands_changed {
            // Registered right after the reply is built; the change is already on disk.
            let set = self.guild_definitions(guild).await;
            let ctx = ctx.clone();
            let handler_set = set;
            self.put_commands(&ctx, Some(guild), handler_set).await;
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
        let store = self.store.clone();
        tokio::spawn(async move {
            let counted = store
                .update(guild.get(), |s| {
                    if let Some(c) = s.commands.iter_mut().find(|c| c.name == name) {
                        c.uses += 1;
                    }
                    Ok::<_, crate::custom::StoreError>(())
                })
                .await;
            if let Err(e) = counted {
                warn!(error = %e, "counting a use failed");
            }
        });
        if cmd.is_embed() {
            render::interaction_response(&reply, 0, None)
        } else {
            render::content_response(&reply.description, reply.ephemeral)
        }
    }

    /// The guild's name for `{server}`, asked of Discord once.
    async fn server_name(&self, ctx: &Context, guild: GuildId) -> String {
        if let Some(name) = lock(&self.server_names).get(&guild.get()) {
            return name.clone();
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
        match fetched
            .ok()
            .and_then(|r| r.ok())
            .and_then(|v| v["name"].as_str().map(str::to_owned))
        {
            Some(name) => {
                lock(&self.server_names).insert(guild.get(), name.clone());
                name
            }
            None => "this server".into(),
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
            moderation::command(&self.store, guild.get(), &actor, "list", &[], "").await
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

/// One bulk overwrite of a scope's commands; returns how many Discord holds.
async fn register(
    ctx: &Context,
    guild: Option<GuildId>,
    definitions: &[CreateCommand],
) -> serenity::Result<usize> {
    use serenity::http::{LightMethod, Request, Route};
    let application_id = ctx.http.application_id().ok_or(serenity::Error::Other(
        "application id unknown before READY",
    ))?;
    let route = match guild {
        Some(guild_id) => Route::GuildCommands {
            application_id,
            guild_id,
        },
        None => Route::Commands { application_id },
    };
    let body = serde_json::to_vec(&commands::registration_body(definitions))?;
    let request = Request::new(route, LightMethod::Put).body(Some(body));
    ctx.http
        .fire::<Vec<serde_json::Value>>(request)
        .await
        .map(|c| c.len())
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

/// A callback body: serenity's builder as is, or JSON adjusted for attachments.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Body {
    Response(Box<CreateInteractionResponse>),
    Json(serde_json::Value),
}

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
        info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected");
        self.register_all(&ctx).await;
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        info!("gateway session resumed");
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let started = Instant::now();
        if !lock(&self.seen).first_time(interaction.id().get()) {
            warn!(interaction = %interaction.id(), "interaction delivered twice; answered once");
            return;
        }
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
        let me = ctx.data.read().await.get::<BotUser>().copied();
        if me.is_some() && msg.mentions.iter().any(|u| Some(u.id) == me) {
            let started = Instant::now();
            self.on_mention(&ctx, &msg).await;
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
    let file_store = FileStore::open(&config.state_dir)
        .with_context(|| format!("opening the state directory {}", config.state_dir.display()))?;
    let store = Arc::new(GuildStore::load(Arc::new(file_store)).context("loading guild state")?);
    info!(guilds = store.guild_ids().len(), dir = %config.state_dir.display(), "guild state loaded");

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
