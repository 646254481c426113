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

mod events;
mod measures;
mod places;
mod relations;
pub mod time;
pub mod vocabulary;

use super::search::{self, Record};
use crate::dataset::{Action, Country, Dataset, DateRange, MissionKind, Status};
use crate::i18n::Lang;
use crate::query::Query;
use crate::reply::{Reply, Tone};
use crate::text::fold;
use measures::MeasureWord;
use vocabulary::{translate, DPRK_WORDS, FUNCTION_WORDS, REGION_ADJECTIVES, STOPWORDS};

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

/// "Not applied: …" and "Words that changed nothing: …", as lines.
fn caveats(understood: &Understood, lang: Lang) -> (Option<String>, Option<String>) {
    let not_applied = (!understood.not_applied.is_empty()).then(|| {
        lang.fill(
            "ask.not_applied",
            &[("clues", &understood.not_applied.join("; "))],
        )
    });
    let unused = (!understood.unused_words.is_empty()).then(|| {
        lang.fill(
            "ask.unused_words",
            &[("words", &understood.unused_words.join(", "))],
        )
    });
    (not_applied, unused)
}

/// The reply to an intent that runs no query.
fn answer_other(data: &Dataset, intent: &Intent, question: &str, lang: Lang) -> Reply {
    match intent {
        Intent::Run(query) => super::answer_in(data, query, lang),
        Intent::Person { name, records } => search::person(data, name, records, lang),
        Intent::Search => {
            search::closest_records(data, question, lang).unwrap_or_else(|| nothing_found(lang))
        }
        Intent::Unclear {
            understood,
            suggestion,
        } => nothing_found_with(
            lang.fill(
                "ask.unclear",
                &[
                    ("understood", &lang.text(understood)),
                    ("suggestion", suggestion),
                ],
            ),
            lang,
        ),
        Intent::Clarify { countries } => {
            let names: Vec<String> = countries
                .iter()
                .map(|n| {
                    data.resolve_exact(n)
                        .map_or_else(|| n.clone(), |(c, _)| c.name_in(lang).to_owned())
                })
                .collect();
            nothing_found_with(
                lang.fill("ask.did_you_mean", &[("names", &lang.or_list(&names))]),
                lang,
            )
        }
        Intent::OffTopic => Reply {
            tone: Tone::NotFound,
            ..Reply::new(lang.text("ask.off_topic.title"))
        }
        .with_description(lang.text("ask.off_topic.hint")),
    }
}

fn join_lines(first: &str, second: &str) -> String {
    match (first.is_empty(), second.is_empty()) {
        (true, _) => second.to_owned(),
        (_, true) => first.to_owned(),
        _ => format!("{first}\n{second}"),
    }
}

fn nothing_found(lang: Lang) -> Reply {
    nothing_found_with(lang.text("ask.nothing_found").to_owned(), lang)
}

fn nothing_found_with(description: String, lang: Lang) -> Reply {
    Reply {
        tone: Tone::NotFound,
        ..Reply::new(lang.text("ask.unclear.title"))
    }
    .with_description(description)
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

/// The readings a reply states up front.
fn readings(c: &Clues, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((event, from)) = &c.since_event {
        out.push(lang.fill(
            "ask.reading.since_event",
            &[("event", event), ("date", &lang.date(*from))],
        ));
    }
    if c.time.swapped {
        out.push(lang.fill(
            "ask.reading.swapped",
            &[("range", &lang.range(c.time.when))],
        ));
    }
    out
}

fn gather<'a>(data: &'a Dataset, question: &str) -> Clues<'a> {
    let words = normalise_words(data, question);
    let mut clues = Clues {
        folded: words.join(" "),
        words,
        ..Clues::default()
    };
    clues.mentions_dprk = DPRK_WORDS.iter().any(|w| clues.has_phrase(w));
    clues.mentions_un =
        clues.has("un") || clues.has_phrase("united nations") || clues.has_phrase("u n");
    clues.kind = mission_kind(&clues);
    clues.time = time::find(question, crate::query::today());
    places::find_places(data, question, &mut clues);
    clues.reason = find_reason(data, &clues);
    clues.person = find_person(data, &clues);
    reason_over_country(data, &mut clues);
    keep_events_whole(data, &mut clues);
    clues
}

/// An event is matched whole ("the Boston marathon bombing" is not the
/// Rangoon bombing), a country inside it is part of it ("the invasion of
/// Ukraine"), and "since <event>" is a time from the event.
fn keep_events_whole(data: &Dataset, clues: &mut Clues) {
    let mut extra = events::unknown_event_words(data, clues);
    if events::country_inside_event(clues) {
        extra.extend(clues.country_words.iter().filter(|w| *w != "the").cloned());
        clues.country = None;
    }
    if !extra.is_empty() {
        let mut words: Vec<String> = clues
            .reason
            .as_deref()
            .map(|r| r.split(' ').map(str::to_owned).collect())
            .unwrap_or_default();
        for w in extra {
            if !words.contains(&w) {
                words.push(w);
            }
        }
        clues.reason = Some(words.join(" "));
    }
    let Some(reason) = clues.reason.clone() else {
        return;
    };
    if let Some((event, from)) = events::since_event(data, clues, &reason) {
        clues.time = time::TimeClues {
            when: DateRange {
                from: Some(from),
                to: None,
            },
            is_range: true,
            ..time::TimeClues::default()
        };
        clues.since_event = Some((event, from));
        clues.reason = None;
    }
}

/// Folded words, with other languages' topic words in English, Korean
/// particles removed, region adjectives as regions, and text written
/// without spaces (Chinese, Japanese) cut into the names and words it holds.
fn normalise_words(data: &Dataset, question: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Decades and short spans written one way ("70er jahren" → "1970s"),
    // so no piece of a time expression is taken for a place.
    let text = time::normalise::rewrite(&fold(question));
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if word.chars().any(vocabulary::is_unspaced_script) {
            out.extend(segment_unspaced(data, word));
            continue;
        }
        let word = match vocabulary::strip_korean_particle(word) {
            Some(stem)
                if translate(word).is_none()
                    && (translate(stem).is_some() || data.resolve_exact(stem).is_some()) =>
            {
                stem
            }
            _ => word,
        };
        if let Some(en) = translate(word) {
            out.extend(en.split(' ').map(str::to_owned));
        } else if let Some((_, region)) = REGION_ADJECTIVES.iter().find(|(a, _)| *a == word) {
            out.extend(region.split(' ').map(str::to_owned));
        } else {
            out.push(word.to_owned());
        }
    }
    out
}

/// Cuts "德国的朝鲜大使馆" into the country names and topic words it holds,
/// longest first, dropping the characters between them.
fn segment_unspaced(data: &Dataset, word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let found = (2..=8.min(chars.len() - i)).rev().find_map(|len| {
            let piece: String = chars[i..i + len].iter().collect();
            if let Some(en) = translate(&piece) {
                Some((len, en.to_owned()))
            } else if DPRK_WORDS.contains(&piece.as_str()) || data.resolve_exact(&piece).is_some() {
                Some((len, piece))
            } else {
                None
            }
        });
        match found {
            Some((len, token)) => {
                out.push(token);
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

fn mission_kind(c: &Clues) -> Option<MissionKind> {
    if c.has_prefix("consul") {
        Some(MissionKind::ConsulateGeneral)
    } else if c.has_phrase("permanent mission")
        || c.has_phrase("permanent missions")
        || c.has_phrase("mission to the un")
        || (c.mentions_un && !c.has_prefix("embass"))
    {
        Some(MissionKind::PermanentMission)
    } else if c.has_phrase("representative office")
        || c.has_phrase("representative offices")
        || c.has_phrase("representative mission")
    {
        Some(MissionKind::RepresentativeOffice)
    } else if c.has_prefix("embass") {
        Some(MissionKind::Embassy)
    } else {
        None
    }
}

/// Words of the question that appear in the data's recorded triggers
/// ("smuggling", "sixth nuclear test", "rhino"): the reason asked about.
fn find_reason(data: &Dataset, clues: &Clues) -> Option<String> {
    const NOT_REASONS: &[&str] = &[
        "north",
        "korea",
        "korean",
        "dprk",
        "the",
        "and",
        "after",
        "over",
        "ambassador",
        "ambassadors",
        "diplomat",
        "diplomats",
        "diplomatic",
        "expelled",
        "countries",
        "which",
        "of",
        "for",
        "by",
        "un",
        "kim",
        "jong",
        "state",
        "states",
        "united",
        "nations",
        "country",
        "with",
        "what",
        "when",
        "from",
        "that",
        "their",
        "this",
        "embassy",
        "embassies",
        "mission",
        "missions",
        "relations",
        "ties",
        // Words for the measure itself, not for why it was taken.
        "cut",
        "sever",
        "severed",
        "broke",
        "happened",
        "staff",
        "reason",
        "reasons",
        "linked",
        "related",
        "because",
        "response",
        "reacted",
        "responded",
    ];
    let triggers = &data.folded_triggers;
    let country_words = &clues.country_words;
    let words: Vec<&str> = clues
        .words
        .iter()
        .map(|w| reason_synonym(w))
        .filter(|w| {
            w.len() >= 3
                && !NOT_REASONS.contains(w)
                && !measures::is_measure_word(w)
                && !w.starts_with("recogni")
                && !w.starts_with("establish")
                && time::month_number(w).is_none()
                && !w.chars().any(|c| c.is_ascii_digit())
                && !country_words.iter().any(|c| c == w)
        })
        .filter(|w| {
            // Long words by their stem ("smuggled" finds "smuggling");
            // short ones ("kim", "nam", "gold") only as whole words.
            let stem: String = w.chars().take(6).collect();
            triggers.iter().any(|t| {
                t.split(' ').any(|tw| {
                    if w.len() >= 4 {
                        tw.starts_with(stem.as_str())
                    } else {
                        tw == *w
                    }
                })
            })
        })
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

/// Everyday words for the reasons the data records, as the data words them.
pub(super) fn reason_synonym(word: &str) -> &str {
    match word {
        "murder" | "murdered" | "killing" | "killed" | "poisoning" | "poisoned" => "assassination",
        "bomb" | "bomber" | "bombings" | "attack" => "bombing",
        "nuke" | "nukes" | "atomic" => "nuclear",
        "rhinoceros" | "rhinos" => "rhino",
        "missiles" | "ballistic" | "rocket" | "rockets" => "missile",
        "drug" => "drugs",
        // "the KAL 858 bombing" is the bombing of Korean Air flight 858.
        "kal" | "kal858" => "flight",
        "yangon" => "rangoon",
        "tobacco" => "cigarettes",
        "alcohol" | "liquor" => "liquor",
        other => other,
    }
}

/// "the missile launch over Japan": a country named inside a reason, by a
/// country with no measure of its own, is part of the reason.
fn reason_over_country(data: &Dataset, clues: &mut Clues) {
    let (Some(country), Some(reason)) = (clues.country, &clues.reason) else {
        return;
    };
    let name = fold(&country.name);
    let in_trigger = |words: &str| {
        data.folded_triggers
            .iter()
            .any(|t| format!(" {t} ").contains(&format!(" {words} ")))
    };
    if in_trigger(&name) && data.expulsions_by(&country.iso2).next().is_none() {
        clues.reason = Some(format!("{reason} {name}"));
        clues.country = None;
        return;
    }
    // "after the Rangoon bombing": a city that names an event in the records
    // is the reason, not the country the city is in.
    let place = clues
        .country_words
        .iter()
        .filter(|w| *w != "the")
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    let event = format!("{place} {reason}");
    if place != name && in_trigger(&event) {
        clues.reason = Some(event);
        clues.country = None;
    }
}

/// A person the records name, when the question contains the whole name.
fn find_person(data: &Dataset, clues: &Clues) -> Option<(String, Vec<Record>)> {
    let padded = format!(" {} ", clues.folded);
    let mut best: Option<&search::Person> = None;
    for person in data.search_index().people() {
        if padded.contains(&format!(" {} ", person.0))
            && best.is_none_or(|b| person.0.len() > b.0.len())
        {
            best = Some(person);
        }
    }
    // A name that only appears inside other records' text ("Mun Chol Myong"
    // in a reason) is found by the search instead.
    best.map(|(_, display, records)| (display.clone(), records.clone()))
}

/// "Which diplomats defected", "defectors", "망명한 외교관".
fn is_defection_question(c: &Clues) -> bool {
    c.words.iter().any(|w| w.starts_with("defect"))
        || c.has_any(&["fled", "escaped", "망명", "망명한", "탈북", "탈북한"])
}

/// "Who was the ambassador", "the head of mission", "chargé d'affaires".
fn asks_for_head(c: &Clues) -> bool {
    c.has_prefix("ambassador")
        || c.has_prefix("envoy")
        || c.has_phrase("head of mission")
        || c.has_phrase("head of the mission")
        || c.has_prefix("charge")
}

fn is_expulsion_question(c: &Clues) -> bool {
    matches!(
        measures::find(c),
        Some(MeasureWord::SentAway | MeasureWord::PersonaNonGrata | MeasureWord::StaffCut)
    ) || c.has_any(&[
        "measures against",
        "measure against",
        "action against",
        "actions against",
        "steps against",
    ])
}

/// "What happened with X", "history of relations with X", "tell me about X
/// and North Korea": a country's whole story.
fn is_story_question(c: &Clues) -> bool {
    c.has_any(&[
        "what happened",
        "happened",
        "timeline",
        "history",
        "story",
        "chronology",
        "tell me about",
        "what did",
        "what has",
        "relationship",
        "relations with",
        "relations between",
        "ties with",
        "dealings",
        "overview",
    ])
}

/// Relations ended ("cut ties", "broke off", "severed", "froze").
fn is_severance_question(c: &Clues) -> bool {
    matches!(
        measures::find(c),
        Some(MeasureWord::Severed | MeasureWord::Suspended)
    )
}

fn is_restoration_question(c: &Clues) -> bool {
    c.has_any(&[
        "restored",
        "restore",
        "resumed",
        "resume",
        "re established",
        "reestablished",
        "normalised",
        "normalized",
        "reopened",
    ])
}

/// A question about how other countries answered an event ("which
/// countries reacted to the missile launch").
fn is_reaction_question(c: &Clues) -> bool {
    c.has_any(&[
        "reacted",
        "react",
        "responded",
        "respond",
        "response",
        "retaliated",
        "punished",
        "measures",
        "linked",
        "because",
        "over",
        "for",
        "after",
        "happened",
    ])
}

fn is_closure_question(c: &Clues) -> bool {
    c.has_any(&["close", "closed", "closing", "shut", "shuttered", "closes"])
        || c.has_prefix("closure")
}

fn is_counting(c: &Clues) -> bool {
    c.has_phrase("how many") || c.has("count") || c.has("number") || c.has_phrase("how much")
}

fn is_listing_question(c: &Clues) -> bool {
    c.has("list")
        || c.has("which")
        || is_counting(c)
        || c.has("where")
        || c.has("all")
        || c.has("show")
        || c.has("what")
        || c.has("are")
        || c.has("host")
        || c.has("hosts")
}

fn is_sources_question(c: &Clues) -> bool {
    c.has_phrase("come from")
        || c.has_phrase("comes from")
        || c.has("source")
        || c.has("sources")
        || c.has_phrase("where does this data")
        || c.has("cite")
        || c.has("references")
        || c.has_phrase("your data")
}

/// A question about a mission's fate: "is the embassy still open", "did
/// North Korea keep its embassy".
fn is_mission_fate_question(c: &Clues) -> bool {
    (c.has_prefix("embass") || c.has_prefix("mission") || c.has_prefix("consul"))
        && c.has_any(&[
            "still", "keep", "kept", "remain", "remains", "remained", "open", "close", "closed",
            "exist", "exists", "now",
        ])
}

/// The words of the bot's own topic ("diplomats", "embassy"): they say a
/// question is on topic, but are no search term, however rare they become
/// among the records.
pub(super) fn is_topic_word(word: &str) -> bool {
    MISSION_STEMS.iter().any(|stem| word.starts_with(stem))
}

/// Topic and place-frame words: no search term.
fn is_frame_word(word: &str) -> bool {
    is_topic_word(word) || PLACE_FRAME_WORDS.iter().any(|w| word.starts_with(w))
}

/// Stems of the words for missions and the people in them.
const MISSION_STEMS: &[&str] = &[
    "embass",
    "consul",
    "mission",
    "diplomat",
    "ambassador",
    "envoy",
];

/// Words that say where a mission is ("in the capital"): part of a
/// question's frame, never what it searches for.
const PLACE_FRAME_WORDS: &[&str] = &["capital"];

fn is_on_topic(c: &Clues) -> bool {
    c.words.iter().any(|w| is_topic_word(w))
        || is_defection_question(c)
        || is_expulsion_question(c)
        || c.has("relations")
        || is_severance_question(c)
}

/// The measure a question names, if it names one kind.
fn action_asked(c: &Clues) -> Option<Action> {
    match measures::find(c)? {
        MeasureWord::PersonaNonGrata => Some(Action::PersonaNonGrata),
        MeasureWord::StaffCut => Some(Action::StaffReduced),
        MeasureWord::Severed | MeasureWord::Suspended => Some(Action::RelationsSevered),
        MeasureWord::SentAway => None,
    }
}

fn expelled_query(c: &Clues, action: Option<Action>) -> Query {
    Query::Expelled {
        country: c.country.map(|x| x.name.clone()),
        region: if c.country.is_some() {
            None
        } else {
            c.region.clone()
        },
        when: c.time.when,
        reason: if c.country.is_some() {
            None
        } else {
            c.reason.clone()
        },
        action,
    }
}

fn decide(data: &Dataset, c: &Clues) -> Intent {
    if c.has("help") || c.has_phrase("what can you do") || c.has_phrase("which commands") {
        return Intent::Run(Query::Help);
    }
    if is_sources_question(c) && !is_expulsion_question(c) && c.country.is_none() {
        return Intent::Run(Query::Sources { country: None });
    }
    if !c.ambiguous.is_empty() {
        return Intent::Clarify {
            countries: c.ambiguous.iter().map(|x| x.name.clone()).collect(),
        };
    }
    if let Some((name, records)) = &c.person {
        return Intent::Person {
            name: name.clone(),
            records: records.clone(),
        };
    }
    let about_dprk = is_on_topic(c)
        || c.mentions_dprk
        || is_story_question(c)
        || is_restoration_question(c)
        || c.reason.is_some();
    if let Some(country) = c.country {
        if !about_dprk {
            // "What is the capital of France?" is not about the DPRK.
            return search_or(data, c);
        }
        return decide_for_country(c, country);
    }
    if let Some(place) = &c.unknown_place {
        if c.kind.is_some() || c.has_prefix("ambassador") {
            return Intent::Run(Query::Embassy {
                country: place.clone(),
                as_of: None,
            });
        }
    }
    if is_defection_question(c) {
        return Intent::Run(Query::Defections {
            country: None,
            when: c.time.when,
        });
    }
    if let Some(query) = relations::relations_query(c) {
        return Intent::Run(query);
    }
    if is_severance_question(c) && !is_restoration_question(c) {
        return Intent::Run(expelled_query(c, Some(Action::RelationsSevered)));
    }
    if is_restoration_question(c) {
        return search_or(data, c);
    }
    if is_expulsion_question(c)
        || c.since_event.is_some()
        || (c.reason.is_some() && is_reaction_question(c))
    {
        return Intent::Run(expelled_query(c, action_asked(c)));
    }
    if is_closure_question(c) {
        return Intent::Run(Query::Missions {
            region: c.region.clone(),
            kind: c.kind,
            status: if c.time.when.is_open() {
                Some(Status::Closed)
            } else {
                None
            },
            as_of: None,
            closed: c.time.when,
        });
    }
    let on_topic = is_on_topic(c);
    if on_topic
        && (c.region.is_some()
            || c.kind.is_some()
            || is_listing_question(c)
            || c.has_prefix("ambassador"))
    {
        return missions_listing(data, c);
    }
    if c.reason.is_some() && (c.mentions_dprk || is_story_question(c)) {
        return Intent::Run(expelled_query(c, None));
    }
    if is_story_question(c) && !c.time.when.is_open() {
        // "What happened in 2017?": every measure of that time.
        return Intent::Run(expelled_query(c, None));
    }
    search_or(data, c)
}

/// The country named decides most questions: its story, its measures, or
/// its missions.
fn decide_for_country(c: &Clues, country: &Country) -> Intent {
    let name = country.name.clone();
    if is_defection_question(c) {
        return Intent::Run(Query::Defections {
            country: Some(name),
            when: c.time.when,
        });
    }
    // "nk ambassador to the uk in 2019": the head of mission on that date.
    if asks_for_head(c) && !is_expulsion_question(c) {
        if let Some(day) = c.time.date.or(c.time.when.to) {
            return Intent::Run(Query::Embassy {
                country: name,
                as_of: Some(day),
            });
        }
    }
    if is_mission_fate_question(c) {
        return Intent::Run(Query::Embassy {
            country: name,
            as_of: None,
        });
    }
    let story = is_story_question(c) || is_severance_question(c) || is_restoration_question(c);
    if story && !is_expulsion_question(c) {
        return Intent::Run(Query::Timeline {
            country: name,
            when: c.time.when,
        });
    }
    if is_expulsion_question(c) {
        return Intent::Run(Query::Expelled {
            country: Some(name),
            region: None,
            when: c.time.when,
            reason: None,
            action: action_asked(c),
        });
    }
    if !c.time.when.is_open()
        && !c.has_prefix("embass")
        && !c.has_prefix("consul")
        && !c.has_prefix("mission")
    {
        return Intent::Run(Query::Timeline {
            country: name,
            when: c.time.when,
        });
    }
    Intent::Run(Query::Embassy {
        country: name,
        as_of: None,
    })
}

/// Lists of missions: by region, kind and status, on a date or closed in a range.
fn missions_listing(data: &Dataset, c: &Clues) -> Intent {
    let counting = is_counting(c);
    let now = c.has("today") || c.has("now") || c.has("currently");
    let as_of = if now {
        None
    } else if c.time.is_range {
        c.time.when.to
    } else {
        c.time.date
    };
    // "How many embassies does it have (in Africa)?" counts those open, now
    // or on the date asked; "list the embassies" shows every status.
    let status = if c.has("open") || c.has("still") || counting {
        Some(Status::Open)
    } else if c.has("closed") {
        Some(Status::Closed)
    } else {
        None
    };
    if c.kind.is_none()
        && c.region.is_none()
        && !counting
        && !c.has_prefix("mission")
        && !c.has_prefix("embass")
        && !c.has_prefix("ambassador")
    {
        if let Intent::Search = search_or(data, c) {
            return Intent::Search;
        }
        return Intent::Unclear {
            understood: "ask.understood.diplomats_no_country",
            suggestion: "/embassy country:<name>, /expelled or /timeline country:<name>",
        };
    }
    Intent::Run(Query::Missions {
        region: c.region.clone(),
        kind: c.kind,
        status,
        as_of,
        closed: DateRange::default(),
    })
}

/// The search fallback when records hold a distinctive word of the
/// question; otherwise "unclear" (on topic) or "off topic".
fn search_or(data: &Dataset, c: &Clues) -> Intent {
    let distinctive: Vec<&str> = c
        .words
        .iter()
        .map(String::as_str)
        .filter(|w| {
            w.chars().count() >= 3
                && !FUNCTION_WORDS.contains(w)
                && !DPRK_WORDS.iter().any(|p| p.split(' ').any(|pw| pw == *w))
                && !is_frame_word(w)
                && data.resolve_exact(w).is_none()
        })
        .collect();
    let text = distinctive.join(" ");
    // Records are offered only when they share most of the question's
    // content words, never for one word they happen to hold.
    if !distinctive.is_empty()
        && data.search_index().has_distinctive(&text)
        && data.search_index().known_share(&text) >= 0.5
    {
        return Intent::Search;
    }
    if is_on_topic(c) || c.mentions_dprk && (is_story_question(c) || is_closure_question(c)) {
        Intent::Unclear {
            understood: "ask.understood.no_mission_or_country",
            suggestion: "/embassy country:<name>, /expelled, /missions or /timeline",
        }
    } else {
        Intent::OffTopic
    }
}

/// Clues the chosen query has no place for, said in the reply.
fn not_applied(c: &Clues, intent: &Intent, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let Intent::Run(query) = intent else {
        return out;
    };
    let when = (!c.time.when.is_open())
        .then(|| lang.fill("clue.time", &[("range", &lang.range(c.time.when))]));
    let region = c.region.as_ref().map(|r| {
        lang.fill(
            "clue.region",
            &[("region", &super::missions::region_name_in(r, lang))],
        )
    });
    let kind = c
        .kind
        .map(|k| lang.fill("clue.kind", &[("kind", &k.label_in(lang))]));
    match query {
        Query::Embassy { as_of, .. } => {
            if as_of.is_none() {
                out.extend(when);
            }
            if c.country.is_some() {
                out.extend(region);
            }
        }
        Query::Expelled { country, .. } => {
            if country.is_some() {
                out.extend(region);
            }
            if c.kind.is_some_and(|k| k != MissionKind::Embassy) {
                out.extend(kind);
            }
        }
        Query::Timeline { .. } => {
            out.extend(region);
            if c.kind.is_some_and(|k| k != MissionKind::Embassy) {
                out.extend(kind);
            }
        }
        Query::Missions {
            as_of, closed: _, ..
        } => {
            // A range is applied as closing dates or as the status on its end.
            if c.time.is_range && as_of.is_none() && !is_closure_question(c) {
                out.extend(when.map(|w| lang.fill("clue.showing_latest", &[("clue", &w)])));
            }
            if c.time.is_range && as_of.is_some() && c.time.when.from.is_some() {
                out.push(lang.fill("clue.range_start", &[("range", &lang.range(c.time.when))]));
            }
        }
        // The kind word ("embassies in Pyongyang") framed the question.
        Query::Relations { .. } => {}
        Query::Defections { .. } => out.extend(region),
        Query::Sources { .. } | Query::Help | Query::Ask { .. } => {}
    }
    out
}

/// Words no clue used and that are not function words: "Words that
/// changed nothing", so a reader sees what the answer ignored.
fn unused_words(c: &Clues, intent: &Intent) -> Vec<String> {
    if !matches!(intent, Intent::Run(_)) {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for w in &c.words {
        let known = FUNCTION_WORDS.contains(&w.as_str())
            || STOPWORDS.contains(&w.as_str())
            || c.used_words.contains(w)
            || w.chars().any(|ch| ch.is_ascii_digit())
            || w.chars().count() < 3
            || time::month_number(w).is_some()
            || DPRK_WORDS.iter().any(|p| p.split(' ').any(|pw| pw == w))
            || c.reason
                .as_ref()
                .is_some_and(|r| r.split(' ').any(|rw| rw == w))
            || is_topic_word(w)
            || TOPIC_WORDS.iter().any(|t| w.starts_with(t));
        if !known && !out.contains(w) {
            out.push(w.clone());
        }
    }
    out.truncate(8);
    out
}

/// Stems of the words the parser itself reasons with, besides the mission
/// words (`MISSION_STEMS`).
const TOPIC_WORDS: &[&str] = &[
    "defect",
    "fled",
    "escaped",
    "member",
    "recogni",
    "establish",
    "never",
    "expel",
    "expuls",
    "kick",
    "persona",
    "grata",
    "sever",
    "relation",
    "close",
    "closure",
    "shut",
    "open",
    "count",
    "number",
    "region",
    "status",
    "timeline",
    "histor",
    "story",
    "happen",
    "react",
    "respon",
    "restor",
    "resum",
    "suspend",
    "ties",
    "broke",
    "break",
    "cut",
    "staff",
    "reduc",
    "leave",
    "order",
    "declar",
    "host",
    "located",
    "locat",
    "city",
    "capital",
    "head",
    "chronolog",
    "overview",
    "relationship",
    "deal",
    "link",
    "reason",
    "cause",
    "why",
    "record",
    "inform",
    "representative",
    "office",
    "permanent",
    "general",
    "nation",
    "recent",
    "latest",
    "current",
    "new",
    "old",
    "abroad",
    "foreign",
    "country",
    "countries",
    "who",
    "sent",
    "away",
    "home",
    "punish",
    "retaliat",
    "measure",
    "act",
    "did",
    "still",
    "keep",
    "kept",
    "remain",
    "exist",
];

/// "7 DPRK embassies closed in 2023." — the number a counting question
/// asks for, computed from the same selection the answer lists.
fn count_sentence(
    data: &Dataset,
    query: &Query,
    subject: Option<&Country>,
    question: &str,
    lang: Lang,
) -> Option<String> {
    if let Some(filter) = super::missions_filter(query) {
        return missions_count(data, &filter, lang);
    }
    // A country the answer could not resolve is no count of every country.
    if query.country_text().is_some() && subject.is_none() {
        return None;
    }
    measures_count(
        data,
        &super::expelled_filter(query, subject)?,
        question,
        lang,
    )
}

fn missions_count(data: &Dataset, filter: &super::MissionsFilter, lang: Lang) -> Option<String> {
    let n = super::missions::select(data, filter, lang).ok()?.len();
    let kind = filter.kind.map_or("all", MissionKind::as_str);
    let what = lang.count(&format!("ask.count_what.{kind}"), n, &[]);
    let place = filter
        .region
        .map(|r| {
            let label = super::missions::Region::find(data, r)
                .map_or_else(|| r.to_owned(), |region| region.label_in(lang));
            lang.fill("scope.in", &[("region", &label)])
        })
        .unwrap_or_default();
    let closed = filter.closed;
    let state = if !closed.is_open() {
        lang.fill("ask.state.closed", &[("range", &lang.range(closed))])
    } else {
        match (filter.status, filter.as_of) {
            (Some(s), Some(d)) => lang.fill(
                "ask.state.status_as_of",
                &[("status", &s.label_in(lang)), ("date", &lang.date(d))],
            ),
            (Some(s), None) => {
                lang.fill("ask.state.status_latest", &[("status", &s.label_in(lang))])
            }
            (None, Some(d)) => lang.fill("ask.state.recorded_as_of", &[("date", &lang.date(d))]),
            (None, None) => lang.text("ask.state.recorded").to_owned(),
        }
    };
    Some(lang.fill(
        "ask.count_missions",
        &[
            ("n", &n),
            ("what", &what),
            ("place", &place),
            ("state", &state),
        ],
    ))
}

/// "6 DPRK ambassadors sent away in 2017: Malaysia, …" when the question
/// is about ambassadors; otherwise every measure counts.
fn measures_count(
    data: &Dataset,
    filter: &super::ExpelledFilter,
    question: &str,
    lang: Lang,
) -> Option<String> {
    let events = super::expelled::select(data, filter, lang).ok()?;
    // Topic words of any language count: "대사" is "ambassador".
    let ambassadors = normalise_words(data, question)
        .iter()
        .any(|w| w.starts_with("ambassador"));
    let counted: Vec<_> = events
        .iter()
        .filter(|e| {
            !ambassadors
                || (e.action.removes_people()
                    && e.role
                        .as_deref()
                        .is_some_and(|r| fold(r).contains("ambassador")))
        })
        .collect();
    let mut countries: Vec<&str> = Vec::new();
    for e in &counted {
        let name = data.country_name_in(&e.country, lang);
        if !countries.contains(&name) {
            countries.push(name);
        }
    }
    let when = filter.when;
    let scope = if when.is_open() {
        String::new()
    } else {
        format!(" {}", lang.range(when))
    };
    let what = if ambassadors {
        "ask.count_ambassadors"
    } else {
        "ask.count_measures"
    };
    let names = if countries.is_empty() {
        lang.text("next.none").to_owned()
    } else {
        countries.join(", ")
    };
    Some(lang.fill(
        what,
        &[
            ("n", &counted.len()),
            ("scope", &scope),
            (
                "countries",
                &lang.count("count.country", countries.len(), &[]),
            ),
            ("names", &names),
        ],
    ))
}
