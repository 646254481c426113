//! Plain-language questions: an intent parser that maps a question to the
//! same [`Query`] a slash command runs, and says what it understood.
//!
//! The parser gathers clues (country via the resolver in any language the
//! country table knows, region or region adjective, a date or a time range,
//! mission kind, status, a reason found in the data's triggers, a person
//! the records name, topic words in English, Korean and the main European
//! languages) and then decides, in order: help, sources, a person, a
//! country's story (`/timeline`), a country's missions (`/embassy`),
//! measures (`/expelled`), relations cut, closures and listings
//! (`/missions`). A question that fits none is answered by a full-text
//! search over every record, titled as such; "I could not tell" is left for
//! questions that match nothing.
//!
//! Every reply says how the question was understood, which recognised clues
//! the answer could not apply, and which words changed nothing, so a
//! partial understanding never looks like a complete answer.

mod caveats;
mod counting;
mod decide;
mod events;
mod gather;
mod kinds;
mod measures;
mod places;
mod relations;
mod replies;
pub mod time;
pub mod vocabulary;

use super::search::Record;
use crate::dataset::{Country, Dataset, MissionKind};
use crate::i18n::Lang;
use crate::query::Query;
use crate::reply::{Reply, Tone};
use caveats::{caveats, not_applied, readings, unused_words};
use counting::count_sentence;
use decide::decide;
use gather::gather;
use kinds::is_counting;
use replies::{answer_other, join_lines};
// Named by the sibling modules as `super::…`.
use gather::reason_synonym;
use kinds::{is_listing_question, is_topic_word};

/// What a question was understood to ask.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// A query the answers can run.
    Run(Query),
    /// The question names a person the records know.
    Person { name: String, records: Vec<Record> },
    /// No command fits, but records contain the question's words.
    Search,
    /// On topic, but not specific enough: what was understood, and the
    /// slash command to use instead.
    Unclear {
        /// The catalogue key of what was understood.
        understood: &'static str,
        suggestion: &'static str,
    },
    /// Several countries fit the words equally: ask which.
    Clarify { countries: Vec<String> },
    /// Not about the DPRK's missions or diplomats.
    OffTopic,
}

/// An intent with what the answer could not use.
#[derive(Debug, Clone)]
pub struct Understood {
    pub intent: Intent,
    /// Clues recognised but not applied by the query chosen ("the region
    /// Europe", "the time range since 2018").
    pub not_applied: Vec<String>,
    /// Words of the question that no clue used.
    pub unused_words: Vec<String>,
    /// How a part of the question was read when it could be read more than
    /// one way ("since the sixth nuclear test" → from 7 September 2017).
    pub readings: Vec<String>,
    /// Whether the question asks for a number.
    pub counting: bool,
}

/// Answers a question, saying which query it ran and what it could not use.
pub fn answer_question(data: &Dataset, question: &str, lang: Lang) -> Reply {
    let understood = understand_in(data, question, lang);
    let caveats = caveats(&understood, lang);
    match &understood.intent {
        Intent::Run(query) => {
            let mut reply = super::answer_in(data, query, lang);
            // The number first, then how the question was read, then what
            // the answer did not use: all above the answer, never under it.
            let mut head = Vec::new();
            if understood.counting {
                let subject = reply.subject.as_deref().and_then(|c| data.country(c));
                head.extend(count_sentence(data, query, subject, question, lang));
            }
            head.push(lang.fill("ask.answering_as", &[("query", query)]));
            head.extend(understood.readings.iter().cloned());
            let (not_applied, unused) = caveats;
            head.extend(not_applied);
            if reply.tone == Tone::Answer {
                head.extend(unused);
            }
            reply.description = join_lines(&head.join("\n"), &reply.description);
            reply
        }
        other => {
            let mut reply = answer_other(data, other, question, lang);
            if reply.tone == Tone::Answer {
                let (not_applied, unused) = caveats;
                let lines: Vec<String> = not_applied.into_iter().chain(unused).collect();
                reply.description = join_lines(&lines.join("\n"), &reply.description);
            }
            reply
        }
    }
}

/// Understands a question without answering it.
pub fn parse_question(data: &Dataset, question: &str) -> Intent {
    understand(data, question).intent
}

/// The entities and topic words found in a question.
#[derive(Debug, Default)]
pub(crate) struct Clues<'a> {
    /// Folded words, translated to English topic words, particles removed.
    pub words: Vec<String>,
    /// The words joined, for phrase tests.
    pub folded: String,
    pub country: Option<&'a Country>,
    /// The words that named the country (to tell a reason's "Japan" apart).
    pub country_words: Vec<String>,
    /// Countries the question could mean equally ("guinea bisau": Guinea or
    /// Guinea-Bissau): the reply asks instead of picking one.
    pub ambiguous: Vec<&'a Country>,
    /// Text after "in"/"to" that looked like a place but matched nothing.
    pub unknown_place: Option<String>,
    pub region: Option<String>,
    pub time: time::TimeClues,
    pub kind: Option<MissionKind>,
    pub reason: Option<String>,
    pub person: Option<(String, Vec<Record>)>,
    /// "since the sixth nuclear test": the event, read as a time from the
    /// first date the data links to it.
    pub since_event: Option<(String, crate::dataset::PartialDate)>,
    pub mentions_dprk: bool,
    pub mentions_un: bool,
    /// Words some clue used (anything else is reported as unused).
    pub used_words: Vec<String>,
}

impl Clues<'_> {
    fn has(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
    }
    fn has_prefix(&self, prefix: &str) -> bool {
        self.words.iter().any(|w| w.starts_with(prefix))
    }
    fn has_phrase(&self, phrase: &str) -> bool {
        format!(" {} ", self.folded).contains(&format!(" {phrase} "))
    }
    fn has_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| {
            if w.contains(' ') {
                self.has_phrase(w)
            } else {
                self.has(w)
            }
        })
    }
}

/// Understands a question: the intent and what it leaves out (in English).
pub fn understand(data: &Dataset, question: &str) -> Understood {
    understand_in(data, question, Lang::ENGLISH)
}

/// Understands a question, saying what it leaves out in a language.
pub fn understand_in(data: &Dataset, question: &str, lang: Lang) -> Understood {
    let clues = gather(data, question);
    let intent = decide(data, &clues);
    let mut not_applied = not_applied(&clues, &intent, lang);
    if let Some(year) = clues.time.impossible_year {
        not_applied.insert(0, lang.fill("clue.impossible_year", &[("year", &year)]));
    }
    let unused_words = unused_words(&clues, &intent);
    Understood {
        counting: is_counting(&clues),
        readings: readings(&clues, lang),
        intent,
        not_applied,
        unused_words,
    }
}
