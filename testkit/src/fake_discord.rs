//! A fake Discord on 127.0.0.1: the REST endpoints the bot calls and a
//! gateway websocket, enough for the real serenity client to connect,
//! receive READY and INTERACTION_CREATE, and answer through the callback
//! endpoint exactly as on Discord. Every REST request is recorded.

use axum::body::Bytes;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex as StdMutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, Mutex, Notify};

pub const APP_ID: &str = "1100000000000000001";
pub const GUILD_ID: &str = "1200000000000000001";
pub const BOT_TOKEN: &str = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.fake-0.test_token_for_loopback";

#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub body: Value,
    pub content_type: String,
    pub raw: Vec<u8>,
    /// Files of a multipart body, as (file name, bytes); `body` is then its payload_json.
    pub files: Files,
    pub at: Instant,
}

/// How the fake answers interaction callbacks (for fault tests).
#[derive(Debug, Clone)]
pub enum CallbackFault {
    /// 429 with this retry-after (seconds).
    RateLimited(f64),
    ServerError,
    /// Answer normally after this delay.
    Slow(Duration),
}

/// How the fake answers the next command registrations (bulk overwrites).
#[derive(Debug, Clone)]
pub enum RegistrationFault {
    /// Answer normally after this delay.
    Slow(Duration),
    /// Answer with this HTTP status and Discord-shaped error body.
    Status(u16),
}

enum Control {
    Send(Value),
    /// op 9 with d=false: the session is gone, identify again.
    InvalidSession,
    Reconnect,
    Drop,
}

#[derive(Default)]
struct Shared {
    port: AtomicU64,
    seq: AtomicU64,
    identifies: AtomicUsize,
    /// Each IDENTIFY's `shard` field ([id, total]), in order.
    identify_shards: StdMutex<Vec<Value>>,
    resumes: AtomicUsize,
    connections: AtomicUsize,
    requests: StdMutex<Vec<Recorded>>,
    changed: Notify,
    faults: StdMutex<VecDeque<CallbackFault>>,
    registration_faults: StdMutex<VecDeque<RegistrationFault>>,
    /// Bulk overwrites of command sets as they completed (path, body): the
    /// last one for a scope is what Discord holds.
    landed: StdMutex<Vec<(String, Value)>>,
    /// How long `GET /guilds/{id}` takes to answer (for hanging lookups).
    guild_lookup_delay: StdMutex<Duration>,
    dispatched_at: StdMutex<std::collections::HashMap<String, Instant>>,
    /// Files served as Discord's CDN serves attachments, by path.
    files: StdMutex<std::collections::HashMap<String, Vec<u8>>>,
    /// Channels the bot may not post in (403 Missing Permissions).
    forbidden: StdMutex<std::collections::HashSet<String>>,
    /// Events waiting for a session (kept across connections, as Discord
    /// replays missed events on RESUME).
    pending: StdMutex<VecDeque<Value>>,
    /// Every dispatch sent, with its sequence number, to replay on RESUME.
    sent: StdMutex<Vec<Value>>,
}

pub struct FakeDiscord {
    shared: Arc<Shared>,
    control: mpsc::UnboundedSender<Control>,
    pub port: u16,
    server: tokio::task::JoinHandle<()>,
}

#[derive(Clone)]
struct AppState {
    shared: Arc<Shared>,
    control_rx: Arc<Mutex<mpsc::UnboundedReceiver<Control>>>,
}

impl FakeDiscord {
    pub async fn start() -> FakeDiscord {
        let shared = Arc::new(Shared::default());
        let (tx, rx) = mpsc::unbounded_channel();
        let state = AppState {
            shared: shared.clone(),
            control_rx: Arc::new(Mutex::new(rx)),
        };
        let app = Router::new()
            .route("/gateway", get(gateway))
            .route("/api/v10/gateway", get(gateway_url))
            .route("/api/v10/gateway/bot", get(gateway_bot_url))
            .route("/api/v10/interactions/:id/:token/callback", any(callback))
            .fallback(any(rest))
            .with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let port = listener.local_addr().expect("addr").port();
        shared.port.store(u64::from(port), Ordering::SeqCst);
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeDiscord {
            shared,
            control: tx,
            port,
            server,
        }
    }

    /// Serves `bytes` at `path` (as the CDN serves an attachment) and
    /// returns its URL.
    pub fn serve_file(&self, path: &str, bytes: Vec<u8>) -> String {
        self.shared
            .files
            .lock()
            .unwrap()
            .insert(path.to_owned(), bytes);
        format!("{}{path}", self.api_base())
    }

    /// Refuses every message posted to this channel, as Discord does when
    /// the bot lacks the permission.
    pub fn forbid_channel(&self, channel: &str) {
        self.shared
            .forbidden
            .lock()
            .unwrap()
            .insert(channel.to_owned());
    }

    pub fn api_base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    pub fn identifies(&self) -> usize {
        self.shared.identifies.load(Ordering::SeqCst)
    }

    /// The `shard` of every IDENTIFY so far ([id, total] or null).
    pub fn identify_shards(&self) -> Vec<Value> {
        self.shared.identify_shards.lock().unwrap().clone()
    }

    pub fn resumes(&self) -> usize {
        self.shared.resumes.load(Ordering::SeqCst)
    }

    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// Queues faults for the next interaction callbacks, in order.
    pub fn push_callback_faults(&self, faults: impl IntoIterator<Item = CallbackFault>) {
        self.shared.faults.lock().unwrap().extend(faults);
    }

    /// Queues faults for the next command registrations, in order.
    pub fn push_registration_faults(&self, faults: impl IntoIterator<Item = RegistrationFault>) {
        self.shared
            .registration_faults
            .lock()
            .unwrap()
            .extend(faults);
    }

    /// Makes `GET /guilds/{id}` answer only after `delay`.
    pub fn set_guild_lookup_delay(&self, delay: Duration) {
        *self.shared.guild_lookup_delay.lock().unwrap() = delay;
    }

    /// Stops answering altogether: the gateway socket is dropped and no new
    /// connection or request is accepted (Discord unreachable).
    pub fn stop(&self) {
        let _ = self.control.send(Control::Drop);
        self.server.abort();
    }

    /// Registrations (bulk overwrites) recorded so far, oldest first.
    /// The command names Discord holds for a guild: those of the last bulk
    /// overwrite to complete (not the last to arrive).
    pub fn guild_commands_held(&self, guild: &str) -> Option<Vec<String>> {
        let suffix = format!("/guilds/{guild}/commands");
        let landed = self.shared.landed.lock().unwrap();
        let (_, body) = landed
            .iter()
            .rev()
            .find(|(path, _)| path.ends_with(&suffix))?;
        Some(
            body.as_array()
                .into_iter()
                .flatten()
                .filter_map(|c| c["name"].as_str().map(str::to_owned))
                .collect(),
        )
    }

    pub fn registrations(&self) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == "PUT" && r.path.ends_with("/commands"))
            .collect()
    }

    /// Drops queued callback faults.
    pub fn clear_callback_faults(&self) {
        self.shared.faults.lock().unwrap().clear();
    }

    /// Waits until the recorded requests satisfy `done`, or panics after `timeout`.
    pub async fn wait_for<F: Fn(&[Recorded]) -> bool>(
        &self,
        what: &str,
        timeout: Duration,
        done: F,
    ) -> Vec<Recorded> {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.shared.changed.notified();
            {
                let reqs = self.shared.requests.lock().unwrap();
                if done(&reqs) {
                    return reqs.clone();
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                let reqs = self.requests();
                let summary: Vec<String> = reqs
                    .iter()
                    .map(|r| format!("{} {}", r.method, r.path))
                    .collect();
                panic!("timed out waiting for {what}; requests so far: {summary:#?}");
            }
            let _ = tokio::time::timeout(left.min(Duration::from_millis(200)), notified).await;
        }
    }

    /// Waits for the bot's command registration (it follows READY).
    pub async fn wait_registered(&self) -> Recorded {
        let reqs = self
            .wait_for("command registration", Duration::from_secs(30), |r| {
                r.iter()
                    .any(|x| x.method == "PUT" && x.path.ends_with("/commands"))
            })
            .await;
        reqs.into_iter()
            .find(|x| x.method == "PUT" && x.path.ends_with("/commands"))
            .expect("found")
    }

    /// Sends a dispatch event (op 0) with the next sequence number.
    pub fn dispatch(&self, event: &str, data: Value) {
        if event == "INTERACTION_CREATE" {
            if let Some(id) = data["id"].as_str() {
                self.shared
                    .dispatched_at
                    .lock()
                    .unwrap()
                    .insert(id.to_owned(), Instant::now());
            }
        }
        let _ = self
            .control
            .send(Control::Send(json!({"op": 0, "t": event, "d": data})));
    }

    pub fn dispatched_at(&self, interaction_id: &str) -> Option<Instant> {
        self.shared
            .dispatched_at
            .lock()
            .unwrap()
            .get(interaction_id)
            .copied()
    }

    /// Sends a raw gateway payload as is (for malformed-dispatch tests).
    pub fn send_raw(&self, payload: Value) {
        let _ = self.control.send(Control::Send(payload));
    }

    /// Asks the bot to reconnect (op 7).
    pub fn reconnect(&self) {
        let _ = self.control.send(Control::Reconnect);
    }

    /// Invalidates the session (op 9, not resumable): the bot must identify again.
    pub fn invalidate_session(&self) {
        let _ = self.control.send(Control::InvalidSession);
    }

    /// Drops the gateway socket without a close frame.
    pub fn drop_socket(&self) {
        let _ = self.control.send(Control::Drop);
    }

    /// Whether the interaction is answered within `timeout` (no panic).
    pub async fn wait_for_quiet(&self, interaction_id: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if !self.callbacks_for(interaction_id).is_empty() {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        false
    }

    /// Callbacks recorded for one interaction id.
    pub fn callbacks_for(&self, interaction_id: &str) -> Vec<Recorded> {
        let prefix = format!("/api/v10/interactions/{interaction_id}/");
        let requests = self.shared.requests.lock().unwrap();
        requests
            .iter()
            .filter(|r| r.path.starts_with(&prefix) && r.path.ends_with("/callback"))
            .cloned()
            .collect()
    }

    /// How many interaction callbacks have arrived.
    pub fn callback_count(&self) -> usize {
        self.shared
            .requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path.ends_with("/callback"))
            .count()
    }

    /// Waits for the callback of one interaction and returns its JSON body.
    /// Looks only at that interaction's callbacks: copying the whole request
    /// log on every wait made the harness itself slow down as a run grew,
    /// and slowed more for bots with larger answers.
    pub async fn callback_body(&self, interaction_id: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let notified = self.shared.changed.notified();
            if let Some(first) = self.callbacks_for(interaction_id).into_iter().next() {
                return first.body;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                let summary: Vec<String> = self
                    .requests()
                    .iter()
                    .map(|r| format!("{} {}", r.method, r.path))
                    .collect();
                panic!("timed out waiting for callback for {interaction_id}; requests so far: {summary:#?}");
            }
            let _ = tokio::time::timeout(left.min(Duration::from_millis(200)), notified).await;
        }
    }
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// Splits a multipart/form-data body into its payload_json and its files.
/// Files of a multipart body, as (file name, bytes).
type Files = Vec<(String, Vec<u8>)>;

fn parse_multipart(content_type: &str, body: &[u8]) -> Option<(Value, Files)> {
    let boundary = content_type.split("boundary=").nth(1)?.trim_matches('"');
    let delimiter = format!("--{boundary}");
    let mut payload = Value::Null;
    let mut files = Vec::new();
    let positions: Vec<usize> = find_all(body, delimiter.as_bytes());
    for pair in positions.windows(2) {
        let part = &body[pair[0] + delimiter.len()..pair[1]];
        let split = find_all(part, b"\r\n\r\n").into_iter().next()?;
        let head = String::from_utf8_lossy(&part[..split]).to_string();
        let mut content = &part[split + 4..];
        if content.ends_with(b"\r\n") {
            content = &content[..content.len() - 2];
        }
        if head.contains("name=\"payload_json\"") {
            payload = serde_json::from_slice(content).unwrap_or(Value::Null);
        } else if let Some(name) = head
            .split("filename=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
        {
            files.push((name.to_owned(), content.to_vec()));
        }
    }
    Some((payload, files))
}

fn find_all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return Vec::new();
    }
    (0..=haystack.len() - needle.len())
        .filter(|&i| haystack[i..].starts_with(needle))
        .collect()
}

fn record(shared: &Shared, method: &Method, uri: &Uri, headers: &HeaderMap, body: &Bytes) {
    // The arrival time, before any parsing of ours.
    let at = Instant::now();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let (parsed, files) = if content_type.starts_with("multipart/form-data") {
        parse_multipart(&content_type, body).unwrap_or((Value::Null, Vec::new()))
    } else {
        (
            serde_json::from_slice(body).unwrap_or(Value::Null),
            Vec::new(),
        )
    };
    shared.requests.lock().unwrap().push(Recorded {
        method: method.to_string(),
        path: uri.path().to_owned(),
        body: parsed,
        content_type,
        raw: body.to_vec(),
        files,
        at,
    });
    shared.changed.notify_waiters();
}

async fn gateway_url(State(state): State<AppState>) -> Json<Value> {
    let port = state.shared.port.load(Ordering::SeqCst);
    Json(json!({"url": format!("ws://127.0.0.1:{port}/gateway")}))
}

async fn gateway_bot_url(State(state): State<AppState>) -> Json<Value> {
    let port = state.shared.port.load(Ordering::SeqCst);
    Json(json!({
        "url": format!("ws://127.0.0.1:{port}/gateway"),
        "shards": 1,
        "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
    }))
}

async fn callback(
    State(state): State<AppState>,
    Path((_id, _token)): Path<(String, String)>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let fault = state.shared.faults.lock().unwrap().pop_front();
    match fault {
        Some(CallbackFault::RateLimited(after)) => {
            return (
                StatusCode::TOO_MANY_REQUESTS,
                [("retry-after", after.to_string()), ("x-ratelimit-scope", "user".to_owned())],
                Json(json!({"message": "You are being rate limited.", "retry_after": after, "global": false})),
            )
                .into_response();
        }
        Some(CallbackFault::ServerError) => {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                Json(json!({"message": "500: Internal Server Error", "code": 0})),
            )
                .into_response();
        }
        Some(CallbackFault::Slow(delay)) => tokio::time::sleep(delay).await,
        None => {}
    }
    record(&state.shared, &method, &uri, &headers, &body);
    StatusCode::NO_CONTENT.into_response()
}

/// Every other REST call: recorded, and answered as Discord would for the
/// ones the bot makes.
async fn rest(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    record(&state.shared, &method, &uri, &headers, &body);
    let path = uri.path();
    if method == Method::GET {
        if let Some(bytes) = state.shared.files.lock().unwrap().get(path).cloned() {
            return bytes.into_response();
        }
    }
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let parsed: Value = if content_type.starts_with("multipart/form-data") {
        parse_multipart(content_type, &body)
            .map(|(p, _)| p)
            .unwrap_or(Value::Null)
    } else {
        serde_json::from_slice(&body).unwrap_or(Value::Null)
    };
    if method == Method::PUT && path.ends_with("/commands") {
        let fault = state.shared.registration_faults.lock().unwrap().pop_front();
        match fault {
            Some(RegistrationFault::Slow(delay)) => tokio::time::sleep(delay).await,
            Some(RegistrationFault::Status(code)) => {
                let status =
                    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let body = if code == 400 {
                    json!({"message": "Invalid Form Body", "code": 50035,
                        "errors": {"0": {"name": {"_errors": [{"code": "APPLICATION_COMMAND_INVALID_NAME", "message": "Command name is invalid"}]}}}})
                } else if code == 429 {
                    json!({"message": "You are being rate limited.", "retry_after": 0.2, "global": false})
                } else {
                    json!({"message": format!("{code}: Server Error"), "code": 0})
                };
                let mut response = (status, Json(body)).into_response();
                if code == 429 {
                    response
                        .headers_mut()
                        .insert("retry-after", axum::http::HeaderValue::from_static("0.2"));
                }
                return response;
            }
            None => {}
        }
        state
            .shared
            .landed
            .lock()
            .unwrap()
            .push((path.to_owned(), parsed.clone()));
        let guild = path
            .split('/')
            .skip_while(|s| *s != "guilds")
            .nth(1)
            .map(str::to_owned);
        let commands: Vec<Value> = parsed
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, c)| registered_command(c, i, guild.as_deref()))
            .collect();
        return Json(Value::Array(commands)).into_response();
    }
    if method == Method::POST && path.ends_with("/commands") {
        let guild = path
            .split('/')
            .skip_while(|s| *s != "guilds")
            .nth(1)
            .map(str::to_owned);
        return Json(registered_command(parsed, 99, guild.as_deref())).into_response();
    }
    if method == Method::GET && path.starts_with("/api/v10/guilds/") && path.split('/').count() == 5
    {
        let delay = *state.shared.guild_lookup_delay.lock().unwrap();
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        let id = path.rsplit('/').next().unwrap_or("0");
        return Json(json!({"id": id, "name": format!("Guild {id}")})).into_response();
    }
    if method == Method::GET && path == "/api/v10/users/@me" {
        // The bot user (discord.py asks at login; serenity does not).
        return Json(crate::payloads::ready(0, 0)["d"]["user"].clone()).into_response();
    }
    if path.ends_with("/oauth2/applications/@me") {
        let owner = crate::payloads::ready(0, 0)["d"]["user"].clone();
        return Json(json!({"id": APP_ID, "name": "missionbot", "icon": null, "description": "", "bot_public": true,
            "bot_require_code_grant": false, "verify_key": "0", "flags": 0, "team": null, "owner": owner,
            "summary": "", "rpc_origins": []})).into_response();
    }
    if method == Method::POST
        && path.starts_with("/api/v10/channels/")
        && path.ends_with("/messages")
    {
        let channel = path.split('/').nth(4).unwrap_or("0");
        if state.shared.forbidden.lock().unwrap().contains(channel) {
            return (
                StatusCode::FORBIDDEN,
                Json(json!({"message": "Missing Permissions", "code": 50013})),
            )
                .into_response();
        }
        let mut message = crate::payloads::bot_message(channel);
        if let Some(embeds) = parsed.get("embeds") {
            message["embeds"] = embeds.clone();
        }
        return Json(message).into_response();
    }
    if method == Method::POST && path.contains("/webhooks/") {
        // A follow-up message to an interaction.
        let mut message = crate::payloads::bot_message("1300000000000000001");
        if let Some(content) = parsed.get("content") {
            message["content"] = content.clone();
        }
        if let Some(embeds) = parsed.get("embeds") {
            message["embeds"] = embeds.clone();
        }
        return Json(message).into_response();
    }
    if method == Method::PATCH && path.contains("/webhooks/") {
        let mut message = crate::payloads::bot_message("1300000000000000001");
        if let Some(embeds) = parsed.get("embeds") {
            message["embeds"] = embeds.clone();
        }
        return Json(message).into_response();
    }
    (
        StatusCode::NOT_FOUND,
        Json(json!({"message": "404: Not Found", "code": 0})),
    )
        .into_response()
}

fn registered_command(mut c: Value, index: usize, guild: Option<&str>) -> Value {
    let obj = c.as_object_mut().expect("command is an object");
    obj.insert("id".into(), json!(format!("15000000000000{index:05}")));
    obj.insert("application_id".into(), json!(APP_ID));
    obj.insert("version".into(), json!("1"));
    obj.entry("type").or_insert(json!(1));
    obj.entry("default_member_permissions")
        .or_insert(Value::Null);
    obj.entry("nsfw").or_insert(json!(false));
    if let Some(g) = guild {
        obj.insert("guild_id".into(), json!(g));
    }
    c
}

async fn gateway(ws: WebSocketUpgrade, State(state): State<AppState>) -> Response {
    ws.on_upgrade(move |socket| run_gateway(socket, state))
}

async fn send_json(socket: &mut WebSocket, value: &Value) -> bool {
    socket
        .send(WsMessage::Text(value.to_string()))
        .await
        .is_ok()
}

/// One gateway connection: HELLO, then IDENTIFY → READY or RESUME →
/// RESUMED, heartbeats, and whatever the test sends.
async fn run_gateway(mut socket: WebSocket, state: AppState) {
    let shared = state.shared.clone();
    shared.connections.fetch_add(1, Ordering::SeqCst);
    // One connection at a time owns the control channel.
    let mut control = state.control_rx.lock().await;
    if !send_json(
        &mut socket,
        &json!({"op": 10, "d": {"heartbeat_interval": 41250}, "s": null, "t": null}),
    )
    .await
    {
        return;
    }
    let mut session_ready = false;
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let Some(Ok(msg)) = incoming else { return };
                let text = match msg {
                    WsMessage::Text(t) => t,
                    WsMessage::Binary(b) => String::from_utf8_lossy(&b).into_owned(),
                    WsMessage::Close(_) => return,
                    _ => continue,
                };
                let Ok(payload) = serde_json::from_str::<Value>(&text) else { continue };
                match payload["op"].as_u64() {
                    Some(1) if !send_json(&mut socket, &json!({"op": 11, "d": null, "s": null, "t": null})).await => return,
                    Some(2) => {
                        shared.identifies.fetch_add(1, Ordering::SeqCst);
                        shared.identify_shards.lock().unwrap().push(payload["d"]["shard"].clone());
                        shared.seq.store(0, Ordering::SeqCst);
                        let seq = shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
                        let port = shared.port.load(Ordering::SeqCst);
                        let ready = crate::payloads::ready(port, seq);
                        if !send_json(&mut socket, &ready).await { return; }
                        session_ready = true;
                    }
                    Some(6) => {
                        shared.resumes.fetch_add(1, Ordering::SeqCst);
                        // As Discord does: replay what the client missed, then RESUMED.
                        let last_seen = payload["d"]["seq"].as_u64().unwrap_or(0);
                        let missed: Vec<Value> = shared.sent.lock().unwrap().iter().filter(|p| p["s"].as_u64().unwrap_or(0) > last_seen).cloned().collect();
                        for p in missed {
                            if !send_json(&mut socket, &p).await { return; }
                        }
                        let seq = shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
                        if !send_json(&mut socket, &json!({"op": 0, "t": "RESUMED", "s": seq, "d": {}})).await { return; }
                        session_ready = true;
                    }
                    _ => {}
                }
                while let Some(p) = session_ready.then(|| shared.pending.lock().unwrap().pop_front()).flatten() {
                    // A failed send is in the sent log: a RESUME replays it.
                    if !send_json(&mut socket, &with_seq(&shared, p)).await {
                        return;
                    }
                }
            }
            command = control.recv() => {
                match command {
                    Some(Control::Send(p)) => {
                        if session_ready {
                            if !send_json(&mut socket, &with_seq(&shared, p)).await {
                                return;
                            }
                        } else {
                            shared.pending.lock().unwrap().push_back(p);
                        }
                    }
                    Some(Control::Reconnect) => {
                        let _ = send_json(&mut socket, &json!({"op": 7, "d": null, "s": null, "t": null})).await;
                        // Until the client closes this socket, hold events for the next session.
                        session_ready = false;
                    }
                    Some(Control::InvalidSession) => {
                        let _ = send_json(&mut socket, &json!({"op": 9, "d": false, "s": null, "t": null})).await;
                        session_ready = false;
                    }
                    Some(Control::Drop) | None => return,
                }
            }
        }
    }
}

fn with_seq(shared: &Shared, mut payload: Value) -> Value {
    if payload["op"] == 0 {
        let seq = shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
        payload["s"] = json!(seq);
        shared.sent.lock().unwrap().push(payload.clone());
    }
    payload
}
