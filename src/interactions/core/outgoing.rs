//! What the core sends: a callback body (serenity's builder, JSON with
//! attachment ids as Discord's OpenAPI types them, or the bytes of an answer
//! sent before) with its files, and edits of an original response.

use super::*;
use crate::interactions::retry::Policy;

/// An interaction callback as sent: its JSON body (with attachment ids as
/// Discord's OpenAPI types them) and any files.
pub struct Outgoing {
    pub body: Body,
    pub files: Vec<File>,
}

/// A file to attach, its bytes shared: an answer waiting for its turn to be
/// sent holds no copy of its picture (a locator drawn ahead is the binary's
/// own bytes, a drawn one the cache's). serenity's copy is made only as the
/// file is sent ([`File::attachment`]).
#[derive(Clone, Debug)]
pub struct File {
    pub name: String,
    pub bytes: bytes::Bytes,
}

impl File {
    pub fn new(bytes: impl Into<bytes::Bytes>, name: impl Into<String>) -> File {
        File {
            name: name.into(),
            bytes: bytes.into(),
        }
    }

    /// serenity's attachment, made at the moment of sending.
    pub fn attachment(&self) -> CreateAttachment {
        CreateAttachment::bytes(self.bytes.to_vec(), self.name.clone())
    }
}

/// serenity's attachments for files about to be sent.
pub fn attachments(files: &[File]) -> Vec<CreateAttachment> {
    files.iter().map(File::attachment).collect()
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

impl Core {
    /// Edits the original response of an interaction (a deferred answer, or
    /// an answer whose files could not travel with it). Retries rate limits,
    /// server errors and, for a moment, "unknown" (an HTTP response Discord
    /// has not processed yet).
    pub async fn edit_original(&self, interaction: u64, token: &str, edit: Edit) {
        let edited = Policy::edit()
            .run(
                "edit of an original response",
                || {
                    self.http.edit_original_interaction_response(
                        token,
                        &edit.body,
                        attachments(&edit.files),
                    )
                },
                || false,
            )
            .await;
        if let Err(e) = edited {
            error!(interaction, error = ?e, "editing the original response failed");
        }
    }
}
