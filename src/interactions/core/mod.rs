//! The interaction core: an interaction in, the response out, whichever
//! transport delivered it (the gateway or HTTP).
//!
//! [`Core::respond`] answers commands, autocomplete and page buttons with
//! the pure core's replies, runs moderators' commands against the guild
//! store, and keeps going whatever arrives: every failure becomes a polite
//! ephemeral message and a log line. The REST calls an answer needs beyond
//! its response (registering command sets, a server's name, editing a
//! deferred `/map`) go through the core's own [`Http`].
//!
//! One file per concern: `mod.rs` dispatches; [`views`] holds each guild's
//! view of the data and the bounded render caches; [`answering`] the
//! built-in answers, page buttons and autocomplete; [`maps`] the locators
//! and `/map`; [`moderators`] `/command`, `/record` and the command sets
//! they change; [`custom`] a server's own commands and their use counts;
//! [`outgoing`] what is sent back and edits of it.

mod alerts;
mod answering;
mod corrections;
mod custom;
mod forms;
mod maps;
mod moderators;
mod outgoing;
mod transfer;
mod views;

use super::wire;
use answering::*;
use custom::*;
use moderators::*;
pub use moderators::{built_in_definitions, command_sets};
pub use outgoing::*;
use views::*;

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
    answers: Mutex<AnswerCache>,
    /// Rendered maps of the shipped data, by query line ("/map region:Africa").
    maps: RenderCache<RenderedMap>,
    /// Locator maps of the shipped data, by country code.
    locators: Arc<RenderCache<Option<Arc<map::Png>>>>,
    /// Readers' correction reports, a few per reader at a time.
    report_limiter: crate::corrections::ReportLimiter,
    /// Custom commands' cooldowns.
    cooldowns: Cooldowns,
    /// Imports waiting for a moderator's "Import".
    imports: transfer::PendingImports,
}

/// The interaction ids seen in the last [`RecentIds::WINDOW`]: longer than
/// the HTTP signature's 5-minute window, so that no replay accepted by the
/// timestamp check is answered twice, however many interactions came
/// between (bounded at [`RecentIds::MAX`] for memory).
#[derive(Default)]
struct RecentIds {
    set: std::collections::HashSet<u64>,
    order: std::collections::VecDeque<(Instant, u64)>,
}

impl RecentIds {
    const WINDOW: std::time::Duration = std::time::Duration::from_secs(600);
    const MAX: usize = 500_000;

    /// True the first time an id is offered.
    fn first_time(&mut self, id: u64) -> bool {
        let now = Instant::now();
        while let Some(&(at, old)) = self.order.front() {
            if now.duration_since(at) < Self::WINDOW && self.order.len() < Self::MAX {
                break;
            }
            self.order.pop_front();
            self.set.remove(&old);
        }
        if !self.set.insert(id) {
            return false;
        }
        self.order.push_back((now, id));
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
            answers: Mutex::new(AnswerCache::default()),
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
            report_limiter: crate::corrections::ReportLimiter::default(),
            cooldowns: Cooldowns::default(),
            imports: transfer::PendingImports::default(),
        };
        for guild in handler.store.guild_ids() {
            handler.views.rebuild(guild).await;
        }
        tokio::spawn(handler.views.clone().follow());
        handler
    }

    /// Whether no process sharing the store has taken this interaction yet
    /// (an HTTP request replayed to another worker or after a restart has
    /// been). A store that does not answer within `within` leaves the
    /// decision to this process's memory, with a warning.
    pub async fn first_sighting(&self, interaction: u64, within: std::time::Duration) -> bool {
        match tokio::time::timeout(within, self.store.first_sighting(interaction)).await {
            Ok(Ok(first)) => first,
            Ok(Err(e)) => {
                warn!(interaction, error = %e, "could not check the interaction against the shared store");
                true
            }
            Err(_) => {
                warn!(
                    interaction,
                    "the shared store did not say in time whether this interaction is new"
                );
                true
            }
        }
    }

    /// Whether the store answers within `within` (readiness), or why not.
    pub async fn store_ready(&self, within: std::time::Duration) -> Result<(), String> {
        match tokio::time::timeout(within, self.store.ping()).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err(format!(
                "{} did not answer within {within:?}",
                self.store.describe()
            )),
        }
    }

    /// Whether this process registers the command sets when it connects.
    pub fn registers_at_start(&self) -> bool {
        self.registers_at_start
    }

    /// Discord's REST client of this core.
    pub fn http(&self) -> &Arc<Http> {
        &self.http
    }

    async fn on_command(self: &Arc<Self>, command: &CommandInteraction) -> Response {
        // The registry says who answers; a name it does not know is a
        // server's own command.
        match spec::find(&command.data.name).map(|s| s.handler) {
            Some(Handler::Map) => self.map_command(command).await,
            Some(Handler::Answer) => Response::Now(self.built_in(command).await),
            Some(Handler::AskMessage) => Response::Now(self.ask_message(command)),
            Some(Handler::Moderator) => Response::Now(self.moderator_command(command).await),
            None => Response::Now(Outgoing::from(self.custom_command(command).await)),
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
            Interaction::Modal(m) => self.on_modal(m).await,
            Interaction::Ping(_) => Response::Now(Outgoing::from(CreateInteractionResponse::Pong)),
            _ => Response::Now(Outgoing::from(problem(
                commands::lang_of(interaction).text("problem.unsupported.title"),
                commands::lang_of(interaction).text("problem.unsupported.hint"),
            ))),
        }
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
        Interaction::Modal(m) => (
            "form",
            m.data.custom_id.chars().take(40).collect(),
            m.guild_id,
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
    pub files: Vec<File>,
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
        Interaction::Modal(m) => {
            wire::interaction_response(&internal_error(Lang::from_locale(&m.locale)), 0, None)
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
