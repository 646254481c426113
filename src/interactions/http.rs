//! The HTTP transport (`serve --http ADDR`): Discord POSTs each interaction,
//! signed with the application's Ed25519 key, to `/interactions`, and the
//! answer goes back in the HTTP response. No connection to Discord is
//! held, so a bot scales by running more of these behind a load balancer.
//!
//! Every request is verified before any work (a missing, wrong or stale
//! signature is 401); the body is capped; the core gets a time budget under
//! Discord's 3 seconds. Files cannot travel in an HTTP response (Discord
//! refuses multipart there), so an answer with files (an `/embassy` locator)
//! is sent without them and the original response is then edited with them
//! through the REST API, as a deferred `/map` is.

use super::core::{Core, Edit, Outgoing, Response};
use crate::config::Config;
use anyhow::Context as _;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response as HttpResponse};
use axum::routing::{get, post};
use axum::{Json, Router};
use ed25519_dalek::{Signature, VerifyingKey};
use serde_json::Value;
use serenity::all::Interaction;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio_util::task::TaskTracker;
use tracing::{info, warn};

/// Discord's interactions are a few KB; anything far larger is not one.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// The core's budget per request, under Discord's 3 seconds.
const TIME_BUDGET: Duration = Duration::from_millis(2500);
/// How far a request's timestamp may be from now (replays are refused).
const MAX_CLOCK_SKEW_SECS: i64 = 300;
/// How long edits still running at shutdown may take.
const DRAIN_GRACE: Duration = Duration::from_secs(5);
/// A request's headers must arrive within this (Discord sends a whole
/// request at once; a client trickling headers is holding a connection).
const HEADER_TIMEOUT: Duration = Duration::from_secs(2);
/// A request's body must arrive within this once its headers have.
const BODY_TIMEOUT: Duration = Duration::from_secs(2);
/// No connection lives longer than this, keep-alive or not.
const CONNECTION_MAX: Duration = Duration::from_secs(120);
/// Connections served at once (`MISSIONBOT_HTTP_MAX_CONNECTIONS`): kept
/// well under the usual 1,024 file descriptors, so that a flood of slow
/// connections cannot exhaust them; past it a connection is closed at once.
fn max_connections() -> usize {
    crate::config::count("MISSIONBOT_HTTP_MAX_CONNECTIONS").unwrap_or(768)
}

#[derive(Clone)]
struct Endpoint {
    core: Arc<Core>,
    verifier: Verifier,
    /// Edits of original responses still to send (waited for at shutdown).
    edits: TaskTracker,
    /// The interactions those edits are for (id → token and language), so
    /// that none is left showing "thinking…" when the worker stops.
    pending: Arc<std::sync::Mutex<std::collections::HashMap<u64, (String, crate::i18n::Lang)>>>,
}

/// Checks Discord's signatures with the application's public key, strictly:
/// a weak (small-order) key is refused when the worker starts, and a
/// signature is checked with `verify_strict`, so that no signature made
/// without the private key passes.
#[derive(Clone)]
pub struct Verifier(VerifyingKey);

impl Verifier {
    /// Whether `signature` (128 hex digits) signs `timestamp` followed by `body`.
    pub fn verify(
        &self,
        signature: &str,
        timestamp: &str,
        body: &[u8],
    ) -> Result<(), BadSignature> {
        let bytes: [u8; 64] = parse_hex(signature).ok_or(BadSignature)?;
        let signature = Signature::from_bytes(&bytes);
        let mut message = Vec::with_capacity(timestamp.len() + body.len());
        message.extend_from_slice(timestamp.as_bytes());
        message.extend_from_slice(body);
        self.0
            .verify_strict(&message, &signature)
            .map_err(|_| BadSignature)
    }
}

/// A signature that is not Discord's for this request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadSignature;

/// The application's public key (64 hex digits) as a verifier; a key that
/// is not a point of the curve, or a weak one (such as 64 zeros, a
/// placeholder someone forgot), is refused with what to do.
pub fn verifier(public_key: &str) -> anyhow::Result<Verifier> {
    let bytes: [u8; 32] = parse_hex(public_key.trim()).context(
        "DISCORD_PUBLIC_KEY must be the 64 hex digits of the application's public key (Developer Portal → General Information)",
    )?;
    let key = VerifyingKey::from_bytes(&bytes)
        .map_err(|e| anyhow::anyhow!("DISCORD_PUBLIC_KEY is not a valid Ed25519 key: {e}"))?;
    if key.is_weak() {
        anyhow::bail!(
            "DISCORD_PUBLIC_KEY is a weak Ed25519 key (a placeholder such as 64 zeros?): with it anyone could forge interactions, moderators' commands included. Copy the application's Public Key from the Developer Portal → General Information"
        );
    }
    Ok(Verifier(key))
}

fn parse_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    if text.len() != 2 * N || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// The router: `POST /interactions`, `GET /healthz` (liveness: the process
/// answers) and `GET /readyz` (readiness: its database answers too).
fn router(endpoint: Endpoint) -> Router {
    Router::new()
        .route("/interactions", post(interactions))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readiness))
        .layer(DefaultBodyLimit::disable())
        .with_state(endpoint)
}

/// Ready when the store answers within a second; 503 with the reason
/// otherwise (a load balancer then sends traffic to another worker).
async fn readiness(State(endpoint): State<Endpoint>) -> HttpResponse {
    match endpoint.core.store_ready(Duration::from_secs(1)).await {
        Ok(()) => (StatusCode::OK, "ready").into_response(),
        Err(why) => {
            warn!(why = %why, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, format!("not ready: {why}")).into_response()
        }
    }
}

/// Accepts connections until a shutdown signal: each is served by hyper
/// with a header read timeout and a lifetime, in one of a bounded number of
/// slots; at shutdown no new connection is taken and the open ones finish
/// their requests (up to [`DRAIN_GRACE`]).
async fn serve(listener: tokio::net::TcpListener, app: Router) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let slots = Arc::new(tokio::sync::Semaphore::new(max_connections()));
    let (stopping, stop) = tokio::sync::watch::channel(false);
    let connections = TaskTracker::new();
    let shutdown = super::shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of descriptors or similar: wait rather than spin.
                    warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            warn!("too many connections at once; closing a new one");
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .serve_connection(TokioIo::new(stream), service);
        let mut stop = stop.clone();
        connections.spawn(async move {
            let _slot = slot;
            tokio::pin!(connection);
            // At the end of its lifetime, or at shutdown, a connection is
            // closed gracefully: a request in progress is answered (with
            // `Connection: close`) before it goes, never cut off.
            tokio::select! {
                _ = connection.as_mut() => return,
                _ = tokio::time::sleep(CONNECTION_MAX) => {
                    info!("closing a connection at the end of its lifetime");
                }
                _ = stop.wait_for(|stopping| *stopping) => {}
            }
            connection.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(DRAIN_GRACE, connection).await;
        });
    }
    let _ = stopping.send(true);
    connections.close();
    if tokio::time::timeout(DRAIN_GRACE, connections.wait())
        .await
        .is_err()
    {
        warn!("some connections were still open at the end of the drain");
    }
}

/// Serves `POST /interactions` on `addr` until SIGINT or SIGTERM; requests
/// in flight and edits still due are finished before it returns.
pub async fn run(core: Arc<Core>, addr: SocketAddr, config: &Config) -> anyhow::Result<()> {
    let key = config
        .public_key
        .as_deref()
        .context("serve --http needs DISCORD_PUBLIC_KEY (Developer Portal → General Information → Public Key)")?;
    let verifier = verifier(key)?;
    super::learn_application_id(core.http()).await?;
    let endpoint = Endpoint {
        core,
        verifier,
        edits: TaskTracker::new(),
        pending: Arc::default(),
    };
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("listening on {addr}"))?;
    info!(addr = %listener.local_addr().unwrap_or(addr), "serving interactions over HTTP at POST /interactions");
    let (edits, pending, core) = (
        endpoint.edits.clone(),
        endpoint.pending.clone(),
        endpoint.core.clone(),
    );
    serve(listener, router(endpoint)).await;
    edits.close();
    if tokio::time::timeout(DRAIN_GRACE, edits.wait())
        .await
        .is_err()
    {
        let left: Vec<(u64, (String, crate::i18n::Lang))> = pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .drain()
            .collect();
        warn!(
            left = left.len(),
            "edits still due at shutdown: telling each one to ask again"
        );
        say_restarting(&core, left).await;
    }
    Ok(())
}

/// Edits every deferred answer that could not be finished before the
/// worker stopped into a short note asking to run the command again, so
/// none is left "thinking" forever (at most [`DRAIN_GRACE`] more).
async fn say_restarting(core: &Arc<Core>, left: Vec<(u64, (String, crate::i18n::Lang))>) {
    use futures::StreamExt;
    let notes = futures::stream::iter(left).for_each_concurrent(16, |(id, (token, lang))| {
        let core = core.clone();
        async move {
            let reply = crate::reply::Reply::problem(
                lang.text("problem.restarting.title"),
                lang.text("problem.restarting.hint"),
            );
            let edit = Edit {
                body: crate::interactions::wire::edit_json(&reply, &[]),
                files: Vec::new(),
            };
            core.edit_original(id, &token, edit).await;
        }
    });
    if tokio::time::timeout(DRAIN_GRACE, notes).await.is_err() {
        warn!("some deferred answers were left without a note at shutdown");
    }
}

/// Why a request was refused before any work.
fn check_signature(
    verifier: &Verifier,
    headers: &HeaderMap,
    body: &[u8],
    now: i64,
) -> Result<(), &'static str> {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let signature = header("x-signature-ed25519").ok_or("no X-Signature-Ed25519")?;
    let timestamp = header("x-signature-timestamp").ok_or("no X-Signature-Timestamp")?;
    let sent_at: i64 = timestamp
        .parse()
        .map_err(|_| "a timestamp that is not a number")?;
    if (now - sent_at).abs() > MAX_CLOCK_SKEW_SECS {
        return Err("a stale timestamp");
    }
    verifier
        .verify(signature, timestamp, body)
        .map_err(|_| "a wrong signature")
}

/// The body, read within [`BODY_TIMEOUT`] and [`MAX_BODY_BYTES`]: 408 for a
/// body that trickles in, 413 for one too large (said before reading it
/// when its length is declared).
async fn read_body(headers: &HeaderMap, body: axum::body::Body) -> Result<Bytes, HttpResponse> {
    let too_large = || (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response();
    let declared = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(too_large());
    }
    let limited = http_body_util::Limited::new(body, MAX_BODY_BYTES);
    match tokio::time::timeout(BODY_TIMEOUT, http_body_util::BodyExt::collect(limited)).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Ok(Err(_)) => Err((StatusCode::BAD_REQUEST, "the body could not be read").into_response()),
        Err(_) => {
            info!(status = 408, "a request body that did not arrive in time");
            Err((
                StatusCode::REQUEST_TIMEOUT,
                "the body did not arrive in time",
            )
                .into_response())
        }
    }
}

fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

async fn interactions(
    State(endpoint): State<Endpoint>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> HttpResponse {
    let started = Instant::now();
    let body = match read_body(&headers, body).await {
        Ok(body) => body,
        Err(refused) => return refused,
    };
    if let Err(why) = check_signature(&endpoint.verifier, &headers, &body, unix_now()) {
        info!(status = 401, why, "refused an interaction request");
        return (StatusCode::UNAUTHORIZED, "invalid request signature").into_response();
    }
    let interaction: Interaction = match serde_json::from_slice(&body) {
        Ok(i) => i,
        Err(e) => {
            warn!(status = 400, error = %e, "a signed request that is not an interaction");
            return (StatusCode::BAD_REQUEST, "not an interaction").into_response();
        }
    };
    // A signed request is valid for minutes: one seen by any worker (or
    // before a restart) is a replay, whatever came between.
    let id = interaction.id().get();
    if !endpoint
        .core
        .first_sighting(id, Duration::from_millis(500))
        .await
    {
        warn!(
            interaction = id,
            status = 409,
            "a replayed interaction refused"
        );
        return (StatusCode::CONFLICT, "already answered").into_response();
    }
    let handled = match tokio::time::timeout(TIME_BUDGET, endpoint.core.respond(&interaction)).await
    {
        Ok(Some(handled)) => handled,
        Ok(None) => return (StatusCode::CONFLICT, "already answered").into_response(),
        Err(_) => {
            warn!(interaction = %interaction.id(), "the answer took longer than the time budget");
            let late =
                super::core::Outgoing::from(crate::interactions::wire::interaction_response(
                    &crate::reply::Reply::problem(
                        crate::interactions::commands::lang_of(&interaction)
                            .text("problem.too_long.title"),
                        crate::interactions::commands::lang_of(&interaction)
                            .text("problem.too_long.hint"),
                    ),
                    0,
                    None,
                ));
            return Json(late.json()).into_response();
        }
    };
    if handled.kind == "ping" {
        info!(transport = "http", kind = "ping", "answered");
        return Json(serde_json::json!({"type": 1})).into_response();
    }
    let token = interaction_token(&interaction);
    let id = interaction.id().get();
    let lang = crate::interactions::commands::lang_of(&interaction);
    let body = match handled.response {
        Response::Now(outgoing) if outgoing.files.is_empty() => outgoing.json(),
        Response::Now(outgoing) => {
            let (first, edit) = without_files(outgoing);
            endpoint.edit_later(id, token, lang, async move { edit });
            first
        }
        Response::Later { first, then } => {
            endpoint.edit_later(id, token, lang, then);
            first.json()
        }
    };
    info!(
        transport = "http",
        kind = handled.kind,
        command = %handled.name,
        guild = %handled.guild.map_or("dm".to_owned(), |g| g.to_string()),
        latency_ms = started.elapsed().as_secs_f64() * 1000.0,
        "answered"
    );
    Json(body).into_response()
}

impl Endpoint {
    /// Edits the original response once `edit` is ready (after this HTTP
    /// response has gone: the core retries while Discord does not know it yet).
    fn edit_later(
        &self,
        id: u64,
        token: Option<String>,
        lang: crate::i18n::Lang,
        edit: impl std::future::Future<Output = Edit> + Send + 'static,
    ) {
        let Some(token) = token else { return };
        let core = self.core.clone();
        let pending = self.pending.clone();
        pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, (token.clone(), lang));
        self.edits.spawn(async move {
            let edit = edit.await;
            core.edit_original(id, &token, edit).await;
            pending
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&id);
        });
    }
}

fn interaction_token(interaction: &Interaction) -> Option<String> {
    match interaction {
        Interaction::Command(c) | Interaction::Autocomplete(c) => Some(c.token.clone()),
        Interaction::Component(c) => Some(c.token.clone()),
        Interaction::Modal(m) => Some(m.token.clone()),
        _ => None,
    }
}

/// Splits an answer with files into the response without them (no
/// attachments, no `attachment://` pictures) and the edit that adds them.
fn without_files(outgoing: Outgoing) -> (Value, Edit) {
    let full = outgoing.json();
    let mut first = full.clone();
    if let Some(data) = first.get_mut("data").and_then(Value::as_object_mut) {
        data.remove("attachments");
        if let Some(embeds) = data.get_mut("embeds").and_then(Value::as_array_mut) {
            for embed in embeds.iter_mut().filter_map(Value::as_object_mut) {
                for picture in ["thumbnail", "image"] {
                    let local = embed
                        .get(picture)
                        .and_then(|p| p["url"].as_str())
                        .is_some_and(|url| url.starts_with("attachment://"));
                    if local {
                        embed.remove(picture);
                    }
                }
            }
        }
    }
    let mut message = full.get("data").cloned().unwrap_or(Value::Null);
    if let Some(m) = message.as_object_mut() {
        // Not editable on a message; the response already set them.
        m.remove("flags");
        m.remove("tts");
    }
    (
        first,
        Edit {
            body: message,
            files: outgoing.files,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_keys_are_checked() {
        assert!(verifier("zz").is_err());
        assert!(verifier(&"g".repeat(64)).is_err());
        assert!(parse_hex::<32>(&"ab".repeat(32)).is_some());
    }

    #[test]
    fn a_weak_public_key_is_refused_and_forgeries_never_pass() {
        // 64 zeros and the identity point (01 00…00): small-order keys that
        // accept signatures made without any private key.
        for weak in ["0".repeat(64), format!("01{}", "0".repeat(62))] {
            let refused = verifier(&weak).err().expect("refused").to_string();
            assert!(refused.contains("weak"), "{refused}");
        }
        // A real key: its own signature passes, a forgery made of the
        // identity point and a zero scalar does not.
        let signing = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
        let public: String = signing
            .verifying_key()
            .as_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let verifier = verifier(&public).expect("a real key");
        use ed25519_dalek::Signer;
        let signature = signing.sign(b"1700000000{}");
        let hex: String = signature
            .to_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(verifier.verify(&hex, "1700000000", b"{}").is_ok());
        assert!(verifier.verify(&hex, "1700000001", b"{}").is_err());
        let forged = format!("01{}", "0".repeat(126));
        assert!(verifier.verify(&forged, "1700000000", b"{}").is_err());
    }

    #[test]
    fn an_answer_with_files_goes_first_without_them() {
        let outgoing = Outgoing {
            body: super::super::core::Body::Json(serde_json::json!({
                "type": 4,
                "data": {"flags": 0, "attachments": [{"id": "0", "filename": "locator.png"}],
                         "embeds": [{"title": "Spain", "thumbnail": {"url": "attachment://locator.png"}}]}
            })),
            files: vec![super::super::core::File::new(
                vec![1u8, 2, 3],
                "locator.png",
            )],
        };
        let (first, edit) = without_files(outgoing);
        assert_eq!(
            first,
            serde_json::json!({"type": 4, "data": {"flags": 0, "embeds": [{"title": "Spain"}]}})
        );
        assert_eq!(
            edit.body["embeds"][0]["thumbnail"]["url"],
            "attachment://locator.png"
        );
        assert!(edit.body.get("flags").is_none());
        assert_eq!(edit.files.len(), 1);
    }
}
