//! Questions about relations as a whole, not one country's: "how many
//! states recognise the DPRK", "countries with no relations", "which
//! countries cut ties", "who recognised it in the 70s", "which countries
//! have an embassy in Pyongyang". They run `/relations`, never a list of
//! missions or measures.

use super::measures::{self, MeasureWord};
use super::{is_counting, is_listing_question, Clues};
use crate::dataset::{RelationStatus, StatusWanted};
use crate::query::Query;

/// The `/relations` query a question about relations in general asks for.
pub(super) fn relations_query(c: &Clues) -> Option<Query> {
    if c.country.is_some() {
        return None;
    }
    if about_embassies_in_pyongyang(c) {
        return Some(query(c, None, true));
    }
    // "cut ties after the Rangoon bombing": a reason is answered by the
    // measures taken for it.
    if !mentions_relations(c) || c.reason.is_some() {
        return None;
    }
    let framed = is_listing_question(c)
        || is_counting(c)
        || c.has_any(&["never", "who", "countries", "states", "nations"]);
    if !framed {
        return None;
    }
    let measure = measures::find(c);
    let status = if no_relations(c) {
        Some(StatusWanted::Is(RelationStatus::NoRelations))
    } else if measure == Some(MeasureWord::Severed) {
        // "Which countries cut ties in 2017" asks for the breaks of that
        // time: the measures answer it, with their dates.
        if !c.time.when.is_open() {
            return None;
        }
        Some(StatusWanted::Ended)
    } else if measure == Some(MeasureWord::Suspended) {
        Some(StatusWanted::Is(RelationStatus::Suspended))
    } else if measure.is_some() {
        return None;
    } else if recognised(c) && !c.time.when.is_open() {
        None
    } else {
        Some(StatusWanted::Is(RelationStatus::Active))
    };
    Some(query(c, status, false))
}

fn query(c: &Clues, status: Option<StatusWanted>, in_pyongyang: bool) -> Query {
    let dated = recognised(c) || status == Some(StatusWanted::Is(RelationStatus::Active));
    Query::Relations {
        status,
        region: c.region.clone(),
        established: if dated && !in_pyongyang {
            c.time.when
        } else {
            Default::default()
        },
        covered_from: in_pyongyang.then(|| "Pyongyang".to_owned()),
    }
}

/// "Which countries have an embassy in Pyongyang", "foreign ambassadors
/// to Pyongyang", "평양 주재 대사관".
fn about_embassies_in_pyongyang(c: &Clues) -> bool {
    let in_pyongyang = c.has_any(&["in pyongyang", "to pyongyang", "at pyongyang"])
        || (c.has("pyongyang") && c.has("주재"));
    let embassy = c.has_prefix("embass") || c.has_prefix("ambassador");
    in_pyongyang && embassy
}

fn mentions_relations(c: &Clues) -> bool {
    c.has("relations")
        || c.has("ties")
        || c.has("relationship")
        || recognised(c)
        || matches!(
            measures::find(c),
            Some(MeasureWord::Severed | MeasureWord::Suspended)
        )
}

/// "recognised the DPRK", "established relations".
fn recognised(c: &Clues) -> bool {
    c.has_prefix("recogni")
        || c.has_prefix("establish")
        || c.has_prefix("normali")
        || c.has("수교한")
}

/// "never had relations", "no relations", "without relations".
fn no_relations(c: &Clues) -> bool {
    c.has("never")
        || c.has_any(&[
            "no relations",
            "no diplomatic relations",
            "no diplomatic ties",
            "no ties",
            "without relations",
            "without diplomatic relations",
            "don t have",
            "do not have",
            "doesn t have",
            "does not have",
            "없는",
            "없는 나라",
        ])
}
