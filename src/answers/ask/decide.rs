//! The deciding: from the gathered [`Clues`] to one [`Intent`], in order
//! (help, sources, a person, a country's story, measures, missions,
//! listings), with the full-text search and "unclear" or "off topic" as
//! the fallback. Kept apart from the gathering, which finds the clues, and
//! from the caveats, which say what the decision left out.

use super::kinds::{
    asks_for_head, is_closure_question, is_counting, is_defection_question, is_expulsion_question,
    is_frame_word, is_listing_question, is_mission_fate_question, is_on_topic,
    is_reaction_question, is_restoration_question, is_severance_question, is_sources_question,
    is_story_question,
};
use super::measures::{self, MeasureWord};
use super::vocabulary::{DPRK_WORDS, FUNCTION_WORDS};
use super::{relations, Clues, Intent};
use crate::dataset::{Action, Country, Dataset, DateRange, Status};
use crate::query::Query;

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

pub(super) fn decide(data: &Dataset, c: &Clues) -> Intent {
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
