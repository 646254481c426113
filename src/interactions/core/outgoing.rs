//! What the core sends: a callback body (serenity's builder, JSON with
//! attachment ids as Discord's OpenAPI types them, or the bytes of an answer
//! sent before) with its files, and edits of an original response.

use super::*;

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
pub(super) fn not_found(e: &serenity::Error) -> bool {
    use serenity::http::HttpError;
    matches!(e, serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) if r.status_code.as_u16() == 404)
}

impl Core {
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
}
