//! The answer model: what to say, with its sources, and no Discord types.
//!
//! Answers build a [`Reply`]; [`crate::render`] turns it into an embed or
//! plain text and is the only place that knows Discord's limits.

use crate::dataset::Dataset;
use crate::i18n::Lang;
use crate::query::Query;

/// A source as a reply cites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub date: Option<String>,
    pub url: String,
}

/// One titled block of an answer, with the sources behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub value: String,
    pub inline: bool,
    /// Indices into [`Reply::sources`].
    pub sources: Vec<usize>,
}

/// The purpose of a reply, which sets its colour and visibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Answer,
    /// The question was understood but the data has nothing, or the input
    /// did not name anything known ("did you mean").
    NotFound,
    /// The request itself was wrong (bad option, unknown command).
    Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub title: String,
    pub description: String,
    pub fields: Vec<Field>,
    /// Every source cited, in order of first use; the first is the primary.
    pub sources: Vec<Cited>,
    pub footer: String,
    pub tone: Tone,
    /// Shown only to the person who asked (Discord flag 64).
    pub ephemeral: bool,
    /// An image for the first page, e.g. `attachment://map.png`.
    pub image_url: Option<String>,
    /// A small picture beside the first page's text, e.g. `attachment://locator.png`.
    pub thumbnail_url: Option<String>,
    /// The language the reply is written in (render's own labels follow it).
    pub lang: Lang,
    /// What was answered: the query with its country resolved, as the
    /// "Answering as" line, the page buttons and the answer cache name it.
    /// Set by [`crate::answers::answer_in`], so nothing re-derives it.
    pub canonical: Option<Query>,
    /// The country the answer is about (ISO 3166-1 alpha-2), as the answer
    /// resolved it: the transport draws its locator from this.
    pub subject: Option<String>,
    /// A list the reader can take away: the transport offers "Download
    /// CSV" for it (set by [`crate::answers::answer_in`] for list answers).
    pub downloadable: bool,
    /// A factual answer a reader can report as wrong: the transport offers
    /// "Report a correction" for it (set by [`crate::answers::answer_in`]).
    pub reportable: bool,
}

impl Reply {
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            description: String::new(),
            fields: Vec::new(),
            sources: Vec::new(),
            footer: String::new(),
            tone: Tone::Answer,
            ephemeral: false,
            image_url: None,
            thumbnail_url: None,
            lang: Lang::ENGLISH,
            canonical: None,
            subject: None,
            downloadable: false,
            reportable: false,
        }
    }

    /// A polite, private reply for a request that could not be answered.
    pub fn problem(title: impl Into<String>, description: impl Into<String>) -> Self {
        Self {
            description: description.into(),
            tone: Tone::Problem,
            ephemeral: true,
            ..Self::new(title)
        }
    }

    pub fn with_description(mut self, text: impl Into<String>) -> Self {
        self.description = text.into();
        self
    }

    /// Adds the sources with these ids (skipping unknown ones and repeats)
    /// and returns their indices for a field.
    pub fn cite(&mut self, data: &Dataset, ids: &[String]) -> Vec<usize> {
        let mut indices = Vec::new();
        for id in ids {
            let index = match self.sources.iter().position(|c| &c.id == id) {
                Some(i) => i,
                None => {
                    let Some(source) = data.source(id) else {
                        continue;
                    };
                    self.sources.push(Cited {
                        id: source.id.clone(),
                        title: source.title.clone(),
                        publisher: source.publisher.clone(),
                        date: source.date.map(|d| d.iso()),
                        url: source.url.clone(),
                    });
                    self.sources.len() - 1
                }
            };
            if !indices.contains(&index) {
                indices.push(index);
            }
        }
        indices
    }

    pub fn push_field(
        &mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        sources: Vec<usize>,
    ) {
        self.fields.push(Field {
            name: name.into(),
            value: value.into(),
            inline: false,
            sources,
        });
    }

    /// The primary source's link, used as the embed's URL.
    pub fn primary_url(&self) -> Option<&str> {
        self.sources.first().map(|s| s.url.as_str())
    }

    /// Everything a reader sees, as one string (used by tests and evaluation).
    pub fn plain_words(&self) -> String {
        let mut out = format!("{}\n{}\n", self.title, self.description);
        for f in &self.fields {
            out.push_str(&format!("{}\n{}\n", f.name, f.value));
        }
        for s in &self.sources {
            out.push_str(&format!("{} {} {}\n", s.publisher, s.title, s.url));
        }
        out.push_str(&self.footer);
        out
    }
}
