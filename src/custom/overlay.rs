//! A guild's news records layered over the shipped dataset.

use super::model::{NewsKind, NewsRecord};
use crate::dataset::{
    Action, Dataset, Expulsion, Mission, MissionKind, PartialDate, Source, Status,
};
use crate::text::fold;

/// "recorded by alice on 2026-11-28"
fn provenance(r: &NewsRecord) -> String {
    format!("recorded by {} on {}", r.recorded_by, r.recorded_on)
}

fn source_of(r: &NewsRecord) -> Source {
    Source {
        id: format!("record-{}", r.id),
        title: format!("News record {}, {}", r.id, provenance(r)),
        publisher: format!("{} (moderator)", r.recorded_by),
        date: PartialDate::parse(&r.recorded_on),
        url: r.source_url.clone(),
    }
}

/// The dataset as this guild sees it. Records that no longer parse (they
/// were validated when made) are skipped rather than failing the answer.
pub fn apply(base: &Dataset, records: &[NewsRecord]) -> Dataset {
    let mut missions: Vec<Mission> = Vec::new();
    let mut expulsions = Vec::new();
    let mut sources = Vec::new();
    for r in records {
        let source = source_of(r);
        match &r.what {
            NewsKind::Expulsion {
                country,
                date,
                action,
                trigger,
                person,
                role,
            } => {
                let (Some(date), Some(action)) = (PartialDate::parse(date), Action::parse(action))
                else {
                    continue;
                };
                expulsions.push(Expulsion {
                    id: format!("record-{}", r.id),
                    country: country.clone(),
                    date,
                    person: person.clone(),
                    role: role.clone(),
                    action,
                    by_dprk: false,
                    trigger: Some(trigger.clone()),
                    notes: Some(format!("News record {}, {}.", r.id, provenance(r))),
                    uncertain: None,
                    sources: vec![source.id.clone()],
                });
            }
            NewsKind::MissionStatus {
                country,
                city,
                mission_kind,
                status,
                date,
                note,
            } => {
                let (Some(date), Some(kind), Some(status)) = (
                    PartialDate::parse(date),
                    MissionKind::parse(mission_kind),
                    Status::parse(status),
                ) else {
                    continue;
                };
                let existing = missions
                    .iter()
                    .rev()
                    .find(|m| m.country == *country && fold(&m.city) == fold(city))
                    .or_else(|| {
                        base.missions
                            .iter()
                            .find(|m| m.country == *country && fold(&m.city) == fold(city))
                    })
                    .cloned();
                let mut m = existing.unwrap_or_else(|| new_mission(base, r, country, city, kind));
                m.kind = kind;
                m.status_latest = status;
                m.status_latest_as_of = Some(date);
                match status {
                    Status::Closed => m.closed = Some(date),
                    Status::Open => m.closed = None,
                    Status::Unknown => {}
                }
                let mut text = format!(
                    "{} (news record {}): {} as of {date}.",
                    crate::text::capitalize(&provenance(r)),
                    r.id,
                    status.label()
                );
                if let Some(n) = note {
                    text.push_str(&format!(" {n}"));
                }
                m.notes = Some(match &m.notes {
                    Some(old) => format!("{text} {old}"),
                    None => text,
                });
                m.sources.insert(0, source.id.clone());
                missions.retain(|x| x.id != m.id);
                missions.push(m);
            }
        }
        sources.push(source);
    }
    base.with_changes(missions, expulsions, sources)
}

fn new_mission(
    base: &Dataset,
    r: &NewsRecord,
    country: &str,
    city: &str,
    kind: MissionKind,
) -> Mission {
    let (lat, lon) = base
        .country(country)
        .map(|c| (c.lat.unwrap_or(0.0), c.lon.unwrap_or(0.0)))
        .unwrap_or((0.0, 0.0));
    Mission {
        id: format!("record-{}", r.id),
        country: country.to_owned(),
        city: city.to_owned(),
        city_names: Default::default(),
        kind,
        status_2017: Status::Unknown,
        status_2017_basis: None,
        status_latest: Status::Unknown,
        status_latest_as_of: None,
        opened: None,
        closed: None,
        heads: Vec::new(),
        accredited_to: Vec::new(),
        lat,
        lon,
        notes: None,
        uncertain: None,
        sources: Vec::new(),
    }
}
