//! Command registration in the background, one scope at a time, last state
//! wins.
//!
//! A moderator's change is acknowledged at once; the new command set of the
//! guild is handed to the scope's worker, which registers it (one bulk
//! overwrite), retries rate limits, server errors and dropped connections
//! with backoff, and, when Discord refuses the set or stays unreachable,
//! logs Discord's own error text and tells the moderator who asked in a
//! private follow-up message. Each scope (global, or one guild) has one
//! worker, so registrations for a guild never overlap, and a change that
//! arrives while one is in flight is registered right after it: the last
//! state always wins.

use super::retry::{Failure, Policy};
use serenity::all::{
    CreateAllowedMentions, CreateInteractionResponseFollowup, GuildId, Http, HttpError,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::watch;
use tracing::{error, info, warn};

/// A command set to register in one scope.
#[derive(Debug, Clone)]
pub struct Wanted {
    pub guild: Option<GuildId>,
    /// The bulk-overwrite body (see [`crate::interactions::commands::registration_body`]).
    pub body: serde_json::Value,
    /// Who asked (an interaction token and what changed), to be told if
    /// registration fails; `None` for the registration at start.
    pub requested_by: Option<Requester>,
}

#[derive(Debug, Clone)]
pub struct Requester {
    pub interaction_token: String,
    /// What the moderator ran ("/command add"), for the follow-up message.
    pub change: String,
    /// The moderator's language: the follow-up is written in it.
    pub lang: crate::i18n::Lang,
}

impl Wanted {
    fn scope(&self) -> String {
        self.guild.map_or("global".to_owned(), |g| g.to_string())
    }
}

/// How one registration attempt ended.
enum Outcome {
    Registered(usize),
    /// A newer set arrived while retrying: register that one instead.
    Superseded,
    Failed(String),
}

/// The registration workers, one per scope.
#[derive(Default)]
pub struct Registrar {
    scopes: Mutex<HashMap<String, watch::Sender<Arc<Wanted>>>>,
    /// The body last registered successfully, per scope (skip unchanged sets).
    registered: Arc<Mutex<HashMap<String, String>>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Registrar {
    /// Hands a command set to its scope's worker and returns at once.
    pub fn submit(&self, http: Arc<Http>, wanted: Wanted) {
        let scope = wanted.scope();
        let mut scopes = lock(&self.scopes);
        if let Some(sender) = scopes.get(&scope) {
            if sender.send(Arc::new(wanted.clone())).is_ok() {
                return;
            }
        }
        let (sender, receiver) = watch::channel(Arc::new(wanted));
        scopes.insert(scope.clone(), sender);
        let registered = self.registered.clone();
        tokio::spawn(async move {
            run(http, scope, receiver, registered).await;
        });
    }

    /// Whether the last set registered in `scope` was this body.
    pub fn is_registered(&self, guild: Option<GuildId>, body: &serde_json::Value) -> bool {
        let scope = guild.map_or("global".to_owned(), |g| g.to_string());
        lock(&self.registered).get(&scope) == Some(&body.to_string())
    }
}

async fn run(
    http: Arc<Http>,
    scope: String,
    mut receiver: watch::Receiver<Arc<Wanted>>,
    registered: Arc<Mutex<HashMap<String, String>>>,
) {
    loop {
        let wanted = receiver.borrow_and_update().clone();
        let fingerprint = wanted.body.to_string();
        if lock(&registered).get(&scope) == Some(&fingerprint) {
            info!(%scope, "commands unchanged since the last registration; skipping");
        } else {
            match register_with_retries(&http, &wanted, &mut receiver).await {
                Outcome::Registered(count) => {
                    info!(count, %scope, "registered commands");
                    lock(&registered).insert(scope.clone(), fingerprint);
                }
                Outcome::Superseded => continue,
                Outcome::Failed(why) => {
                    error!(%scope, error = %why, "registering commands failed; gave up");
                    if let Some(requester) = &wanted.requested_by {
                        tell(&http, requester, &why).await;
                    }
                }
            }
        }
        if receiver.changed().await.is_err() {
            return;
        }
    }
}

async fn register_with_retries(
    http: &Http,
    wanted: &Wanted,
    receiver: &mut watch::Receiver<Arc<Wanted>>,
) -> Outcome {
    let registered = Policy::registration()
        .run(
            "command registration",
            || put(http, wanted),
            // A newer set arrived while waiting: register that one instead.
            || receiver.has_changed().unwrap_or(false),
        )
        .await;
    match registered {
        Ok(count) => Outcome::Registered(count),
        Err(Failure::Stopped) => Outcome::Superseded,
        Err(Failure::Failed { error, .. }) => Outcome::Failed(describe(&error)),
    }
}

/// One bulk overwrite of a scope's commands; returns how many Discord holds.
pub async fn put(http: &Http, wanted: &Wanted) -> serenity::Result<usize> {
    use serenity::http::{LightMethod, Request, Route};
    let application_id = http.application_id().ok_or(serenity::Error::Other(
        "application id unknown before READY",
    ))?;
    let route = match wanted.guild {
        Some(guild_id) => Route::GuildCommands {
            application_id,
            guild_id,
        },
        None => Route::Commands { application_id },
    };
    let body = serde_json::to_vec(&wanted.body)?;
    let request = Request::new(route, LightMethod::Put).body(Some(body));
    http.fire::<Vec<serde_json::Value>>(request)
        .await
        .map(|c| c.len())
}

/// Discord's own words for a refusal: "Invalid Form Body (0.name: Command
/// name is invalid)", or the status and error for other failures.
fn describe(e: &serenity::Error) -> String {
    match e {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => {
            let details: Vec<String> = r
                .error
                .errors
                .iter()
                .map(|d| format!("{}: {}", d.path, d.message))
                .collect();
            let mut text = format!("{} {}", r.status_code.as_u16(), r.error.message);
            if !details.is_empty() {
                text.push_str(&format!(" ({})", details.join("; ")));
            }
            text
        }
        other => other.to_string(),
    }
}

/// Tells the moderator whose change could not be registered, privately.
async fn tell(http: &Http, requester: &Requester, why: &str) {
    let text = requester.lang.fill(
        "registrar.not_registered",
        &[
            ("change", &requester.change),
            ("why", &crate::text::truncate_chars(why, 1500)),
        ],
    );
    let message = CreateInteractionResponseFollowup::new()
        .content(text)
        .ephemeral(true)
        .allowed_mentions(CreateAllowedMentions::new());
    if let Err(e) = http
        .create_followup_message(&requester.interaction_token, &message, Vec::new())
        .await
    {
        warn!(error = %e, "telling the moderator that registration failed did not work");
    }
}
