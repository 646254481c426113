//! What a user asked for, whichever way they asked: a slash command, a
//! slash-command line typed in the terminal, a button, or a plain question.

use crate::dataset::{Action, DateRange, MissionKind, PartialDate, Status, StatusWanted};
use std::fmt;

mod line;

/// A request the answers understand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// The DPRK's mission(s) in one country.
    Embassy {
        country: String,
        /// Show the missions as they stood on this date: status and head
        /// of mission ("who was the ambassador to the UK in 2019").
        as_of: Option<PartialDate>,
    },
    /// Expulsions and other measures, oldest first.
    Expelled {
        country: Option<String>,
        /// Only host countries in this region or sub-region.
        region: Option<String>,
        /// Only events dated in this range (`year:` is a one-year range).
        when: DateRange,
        /// Words the trigger must contain ("smuggling", "sixth nuclear test").
        reason: Option<String>,
        action: Option<Action>,
    },
    /// Missions grouped by region.
    Missions {
        region: Option<String>,
        kind: Option<MissionKind>,
        status: Option<Status>,
        as_of: Option<PartialDate>,
        /// Only missions whose closing date falls in this range
        /// (`closed_in:` is a one-year range).
        closed: DateRange,
    },
    /// Everything the data knows about one country, in date order.
    Timeline {
        country: String,
        when: DateRange,
    },
    /// Countries' relations with the DPRK: by status, region, when they
    /// were established, and where each covers the DPRK from.
    Relations {
        status: Option<StatusWanted>,
        region: Option<String>,
        /// Only relations established in this range (`year:` is one year).
        established: DateRange,
        /// Only countries that cover the DPRK from this city ("Pyongyang":
        /// a resident embassy).
        covered_from: Option<String>,
    },
    /// DPRK diplomats who left their posts and defected.
    Defections {
        country: Option<String>,
        /// Only those who left in this range (`year:` is one year).
        when: DateRange,
    },
    /// Every source, or one country's facts each with the words of its
    /// sources that support it.
    Sources {
        country: Option<String>,
    },
    Help,
    /// A question in plain words, parsed by [`crate::answers::ask`].
    Ask {
        question: String,
    },
}

/// A slash-command line that cannot be run, with what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("there is no command /{0}; try /help")]
    UnknownCommand(String),
    #[error("/{command} has no option `{option}`; its options are: {known}")]
    UnknownOption {
        command: String,
        option: String,
        known: String,
    },
    #[error("/{command} needs the option `{option}`, e.g. {example}")]
    Missing {
        command: String,
        option: &'static str,
        example: &'static str,
    },
    #[error("`{option}:{value}` is not valid: expected {expected}")]
    BadValue {
        option: String,
        value: String,
        expected: String,
    },
    #[error("a command line starts with / (for example /help)")]
    NotACommand,
}

impl QueryError {
    /// The error as a sentence in a language (the `Display` text is English,
    /// for logs).
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        let text = match self {
            QueryError::UnknownCommand(command) => {
                lang.fill("query_error.unknown_command", &[("command", command)])
            }
            QueryError::UnknownOption {
                command,
                option,
                known,
            } => lang.fill(
                "query_error.unknown_option",
                &[("command", command), ("option", option), ("known", known)],
            ),
            QueryError::Missing {
                command,
                option,
                example,
            } => lang.fill(
                "query_error.missing",
                &[
                    ("command", command),
                    ("option", option),
                    ("example", example),
                ],
            ),
            QueryError::BadValue {
                option,
                value,
                expected,
            } => lang.fill(
                "query_error.bad_value",
                &[("option", option), ("value", value), ("expected", expected)],
            ),
            QueryError::NotACommand => lang.text("query_error.not_a_command").to_owned(),
        };
        crate::text::capitalize(&text)
    }
}

impl Query {
    /// Builds a query from named option values, as slash commands deliver
    /// them (a year as Discord's integer) or a typed line gives them (text).
    pub fn from_options(
        command: &str,
        options: &[(String, OptionValue)],
    ) -> Result<Query, QueryError> {
        let value = |name: &str| options.iter().find(|(n, _)| n == name).map(|(_, v)| v);
        let get = |name: &str| {
            value(name)
                .and_then(OptionValue::text)
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let year = |name: &str| -> Option<Result<i32, QueryError>> {
            match value(name)? {
                OptionValue::Integer(n) => Some(year_in_range(name, *n)),
                OptionValue::Text(t) if t.trim().is_empty() => None,
                OptionValue::Text(t) => Some(parse_year(name, t.trim())),
                OptionValue::Flag(b) => {
                    Some(Err(bad(name, &b.to_string(), "a year such as 2017".into())))
                }
                OptionValue::Channel(c) | OptionValue::Role(c) => {
                    Some(Err(bad(name, &c.to_string(), "a year such as 2017".into())))
                }
            }
        };
        let range_option = |y: &str, from: &str, to: &str| range_option(&get, &year, y, from, to);
        match command {
            "embassy" => Ok(Query::Embassy {
                country: get("country")
                    .ok_or(QueryError::Missing {
                        command: command.into(),
                        option: "country",
                        example: "/embassy country:Spain",
                    })?
                    .to_owned(),
                as_of: get("as_of").map(parse_as_of).transpose()?,
            }),
            "expelled" => Ok(Query::Expelled {
                country: get("country").map(str::to_owned),
                region: get("region").map(str::to_owned),
                when: range_option("year", "from", "to")?,
                reason: get("reason").map(str::to_owned),
                action: get("action")
                    .map(|v| Action::parse(v).ok_or_else(|| bad("action", v, Action::expected())))
                    .transpose()?,
            }),
            "missions" => Ok(Query::Missions {
                region: get("region").map(str::to_owned),
                kind: get("kind")
                    .map(|v| {
                        MissionKind::parse(v).ok_or_else(|| bad("kind", v, MissionKind::expected()))
                    })
                    .transpose()?,
                status: get("status")
                    .map(|v| Status::parse(v).ok_or_else(|| bad("status", v, Status::expected())))
                    .transpose()?,
                as_of: get("as_of").map(parse_as_of).transpose()?,
                closed: range_option("closed_in", "closed_from", "closed_to")?,
            }),
            "timeline" => Ok(Query::Timeline {
                country: get("country")
                    .ok_or(QueryError::Missing {
                        command: command.into(),
                        option: "country",
                        example: "/timeline country:Malaysia",
                    })?
                    .to_owned(),
                when: range_option("year", "from", "to")?,
            }),
            "relations" => Ok(Query::Relations {
                status: get("status")
                    .map(|v| {
                        StatusWanted::parse(v)
                            .ok_or_else(|| bad("status", v, StatusWanted::expected()))
                    })
                    .transpose()?,
                region: get("region").map(str::to_owned),
                established: range_option("year", "from", "to")?,
                covered_from: get("covered_from").map(str::to_owned),
            }),
            "defections" => Ok(Query::Defections {
                country: get("country").map(str::to_owned),
                when: range_option("year", "from", "to")?,
            }),
            "sources" => Ok(Query::Sources {
                country: get("country").map(str::to_owned),
            }),
            "help" => Ok(Query::Help),
            "ask" => Ok(Query::Ask {
                question: get("question")
                    .ok_or(QueryError::Missing {
                        command: command.into(),
                        option: "question",
                        example: "/ask question:Did Spain expel the ambassador?",
                    })?
                    .to_owned(),
            }),
            other => Err(QueryError::UnknownCommand(other.to_owned())),
        }
    }

    /// The text of the country option, when the query has one.
    pub fn country_text(&self) -> Option<&str> {
        match self {
            Query::Embassy { country, .. } | Query::Timeline { country, .. } => Some(country),
            Query::Expelled { country, .. }
            | Query::Defections { country, .. }
            | Query::Sources { country } => country.as_deref(),
            _ => None,
        }
    }

    /// The same query with its country option written as `name` (the
    /// country as it was resolved); every other option is kept as is.
    pub fn with_country(&self, name: &str) -> Query {
        let mut query = self.clone();
        match &mut query {
            Query::Embassy { country, .. } | Query::Timeline { country, .. } => {
                *country = name.to_owned()
            }
            Query::Expelled {
                country: Some(country),
                ..
            }
            | Query::Defections {
                country: Some(country),
                ..
            }
            | Query::Sources {
                country: Some(country),
            } => *country = name.to_owned(),
            _ => {}
        }
        query
    }

    /// The command this query runs, for logs.
    pub fn command(&self) -> &'static str {
        match self {
            Query::Embassy { .. } => "embassy",
            Query::Expelled { .. } => "expelled",
            Query::Missions { .. } => "missions",
            Query::Timeline { .. } => "timeline",
            Query::Relations { .. } => "relations",
            Query::Defections { .. } => "defections",
            Query::Sources { .. } => "sources",
            Query::Help => "help",
            Query::Ask { .. } => "ask",
        }
    }
}

fn bad(option: &str, value: &str, expected: String) -> QueryError {
    QueryError::BadValue {
        option: option.into(),
        value: value.into(),
        expected,
    }
}

fn parse_year(option: &str, value: &str) -> Result<i32, QueryError> {
    match value.parse::<i64>() {
        Ok(n) => year_in_range(option, n),
        Err(_) => Err(bad(option, value, "a year such as 2017".into())),
    }
}

/// A year the data could hold (1900 to 2100).
fn year_in_range(option: &str, year: i64) -> Result<i32, QueryError> {
    i32::try_from(year)
        .ok()
        .filter(|y| (1900..=2100).contains(y))
        .ok_or_else(|| bad(option, &year.to_string(), "a year such as 2017".into()))
}

/// An option's value as it arrived: Discord types a year as an integer and
/// a flag as a boolean; a typed line gives text. The parser reads each as
/// what it is, so nothing is written out as text to be parsed back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionValue {
    Text(String),
    Integer(i64),
    Flag(bool),
    /// A channel's id, as Discord sends a channel option.
    Channel(u64),
    /// A role's id, as Discord sends a role option.
    Role(u64),
}

impl OptionValue {
    /// The text of a text value.
    pub fn text(&self) -> Option<&str> {
        match self {
            OptionValue::Text(t) => Some(t),
            OptionValue::Integer(_)
            | OptionValue::Flag(_)
            | OptionValue::Channel(_)
            | OptionValue::Role(_) => None,
        }
    }
}

/// A date range from a one-year shorthand (`year`, `closed_in`) and/or
/// `from` / `to` dates. The shorthand and an end together are refused, as
/// are ends in the wrong order, so no option is silently ignored.
fn range_option<'v>(
    get: &dyn Fn(&str) -> Option<&'v str>,
    year_of: &dyn Fn(&str) -> Option<Result<i32, QueryError>>,
    year: &str,
    from: &str,
    to: &str,
) -> Result<DateRange, QueryError> {
    let date = |name: &str| -> Result<Option<PartialDate>, QueryError> {
        get(name)
            .map(|v| {
                PartialDate::parse(v).ok_or_else(|| {
                    bad(name, v, "a date such as 2017, 2017-09 or 2017-09-07".into())
                })
            })
            .transpose()
    };
    let range = DateRange {
        from: date(from)?,
        to: date(to)?,
    };
    if let Some(y) = year_of(year) {
        let y = y?;
        if !range.is_open() {
            return Err(bad(
                year,
                &y.to_string(),
                format!("either `{year}` or `{from}`/`{to}`, not both"),
            ));
        }
        return Ok(DateRange::within(PartialDate::year(y)));
    }
    if range.is_reversed() {
        return Err(bad(
            to,
            &range.to.map(|d| d.iso()).unwrap_or_default(),
            format!("a date on or after `{from}`"),
        ));
    }
    Ok(range)
}

/// Writes a range back as options: `year:2017` for one whole year,
/// otherwise `from:`/`to:`.
fn range_options(parts: &mut Vec<String>, when: &DateRange, year: &str, from: &str, to: &str) {
    if let Some(y) = when.single_year() {
        parts.push(format!("{year}:{y}"));
        return;
    }
    if let Some(d) = when.from {
        parts.push(format!("{from}:{}", d.iso()));
    }
    if let Some(d) = when.to {
        parts.push(format!("{to}:{}", d.iso()));
    }
}

/// `as_of` accepts a date (YYYY, YYYY-MM, YYYY-MM-DD) or "today".
fn parse_as_of(value: &str) -> Result<PartialDate, QueryError> {
    if value.eq_ignore_ascii_case("today") || value.eq_ignore_ascii_case("now") {
        return Ok(today());
    }
    PartialDate::parse(value).ok_or_else(|| {
        bad(
            "as_of",
            value,
            "a date such as 2017-09-30, 2023-10 or 2017, or \"today\"".into(),
        )
    })
}

/// Today's date (UTC), from the system clock.
pub fn today() -> PartialDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    }
}

/// The canonical slash-command line for a query: what `parse_line` reads back.
impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = vec![format!("/{}", self.command())];
        let opt = |parts: &mut Vec<String>, name: &str, value: Option<String>| {
            if let Some(v) = value {
                parts.push(format!("{name}:{v}"));
            }
        };
        match self {
            Query::Embassy { country, as_of } => {
                opt(&mut parts, "country", Some(country.clone()));
                opt(&mut parts, "as_of", as_of.map(|d| d.iso()));
            }
            Query::Expelled {
                country,
                region,
                when,
                reason,
                action,
            } => {
                opt(&mut parts, "country", country.clone());
                range_options(&mut parts, when, "year", "from", "to");
                opt(&mut parts, "region", region.clone());
                opt(&mut parts, "reason", reason.clone());
                opt(&mut parts, "action", action.map(|a| a.as_str().to_owned()));
            }
            Query::Missions {
                region,
                kind,
                status,
                as_of,
                closed,
            } => {
                opt(&mut parts, "region", region.clone());
                opt(&mut parts, "kind", kind.map(|k| k.as_str().to_owned()));
                opt(&mut parts, "status", status.map(|s| s.as_str().to_owned()));
                opt(&mut parts, "as_of", as_of.map(|d| d.iso()));
                range_options(&mut parts, closed, "closed_in", "closed_from", "closed_to");
            }
            Query::Timeline { country, when } => {
                opt(&mut parts, "country", Some(country.clone()));
                range_options(&mut parts, when, "year", "from", "to");
            }
            Query::Relations {
                status,
                region,
                established,
                covered_from,
            } => {
                opt(&mut parts, "status", status.map(|s| s.as_str().to_owned()));
                opt(&mut parts, "region", region.clone());
                range_options(&mut parts, established, "year", "from", "to");
                opt(&mut parts, "covered_from", covered_from.clone());
            }
            Query::Defections { country, when } => {
                opt(&mut parts, "country", country.clone());
                range_options(&mut parts, when, "year", "from", "to");
            }
            Query::Sources { country } => opt(&mut parts, "country", country.clone()),
            Query::Help => {}
            Query::Ask { question } => opt(&mut parts, "question", Some(question.clone())),
        }
        f.write_str(&parts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_values_that_run_to_the_next_option() {
        let q = Query::parse_line("/missions region:Latin America status:open").unwrap();
        assert_eq!(
            q,
            Query::Missions {
                region: Some("Latin America".into()),
                kind: None,
                status: Some(Status::Open),
                as_of: None,
                closed: DateRange::default()
            }
        );
        let q = Query::parse_line("/embassy country:\"Côte d'Ivoire\"").unwrap();
        assert_eq!(
            q,
            Query::Embassy {
                country: "Côte d'Ivoire".into(),
                as_of: None,
            }
        );
        assert_eq!(
            Query::parse_line("/embassy Spain").unwrap(),
            Query::Embassy {
                country: "Spain".into(),
                as_of: None,
            }
        );
    }

    #[test]
    fn rejects_what_it_cannot_run_with_a_reason() {
        assert!(matches!(
            Query::parse_line("/nope"),
            Err(QueryError::UnknownCommand(_))
        ));
        assert!(matches!(
            Query::parse_line("/embassy"),
            Err(QueryError::Missing { .. })
        ));
        assert!(matches!(
            Query::parse_line("/expelled year:20x7"),
            Err(QueryError::BadValue { .. })
        ));
        assert!(matches!(
            Query::parse_line("/missions colour:red"),
            Err(QueryError::UnknownOption { .. })
        ));
        assert!(matches!(
            Query::parse_line("hello"),
            Err(QueryError::NotACommand)
        ));
    }

    #[test]
    fn display_round_trips() {
        for line in [
            "/expelled country:MX year:2017",
            "/missions region:Africa kind:embassy status:open as_of:2017-09-30",
            "/missions kind:embassy closed_from:2020",
            "/missions closed_in:2023",
            "/expelled from:2015 to:2016-08",
            "/expelled to:1990 region:Europe",
            "/timeline country:Malaysia year:2017",
            "/help",
        ] {
            assert_eq!(Query::parse_line(line).unwrap().to_string(), line);
        }
    }

    #[test]
    fn ranges_from_options_refuse_what_they_cannot_apply() {
        assert!(matches!(
            Query::parse_line("/expelled year:2017 from:2015"),
            Err(QueryError::BadValue { .. })
        ));
        assert!(matches!(
            Query::parse_line("/missions closed_from:2023 closed_to:2020"),
            Err(QueryError::BadValue { .. })
        ));
        assert!(matches!(
            Query::parse_line("/expelled from:soon"),
            Err(QueryError::BadValue { .. })
        ));
        let Query::Expelled { when, .. } =
            Query::parse_line("/expelled from:2015 to:2016").unwrap()
        else {
            panic!("not /expelled")
        };
        assert_eq!(when.to_string(), "between 2015 and 2016");
    }

    #[test]
    fn a_year_is_read_as_the_integer_discord_sends() {
        let options = [("year".to_owned(), OptionValue::Integer(2017))];
        let Query::Expelled { when, .. } = Query::from_options("expelled", &options).unwrap()
        else {
            panic!("not /expelled")
        };
        assert_eq!(when.single_year(), Some(2017));
        let too_late = [("year".to_owned(), OptionValue::Integer(99_999))];
        assert!(matches!(
            Query::from_options("expelled", &too_late),
            Err(QueryError::BadValue { .. })
        ));
        let typed = [("year".to_owned(), OptionValue::Text("2017".into()))];
        assert_eq!(
            Query::from_options("expelled", &typed).unwrap(),
            Query::from_options("expelled", &options).unwrap()
        );
    }

    #[test]
    fn today_is_a_plausible_date() {
        let t = today();
        assert!(t.year >= 2024 && t.month.is_some() && t.day.is_some());
    }
}
