//! What a user asked for, whichever way they asked: a slash command, a
//! slash-command line typed in the terminal, a button, or a plain question.

use crate::dataset::{Action, DateRange, MissionKind, PartialDate, Status, StatusWanted};
use crate::spec::{CommandSpec, Handler, COMMANDS};
use std::fmt;

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
    /// Parses `/name option:value option:value`. A value runs to the next
    /// ` option:` of that command or to the end, and may be quoted; a value
    /// with no `option:` in front fills the command's first option.
    pub fn parse_line(line: &str) -> Result<Query, QueryError> {
        let line = line.trim();
        let rest = line.strip_prefix('/').ok_or(QueryError::NotACommand)?;
        let (name, args) = match rest.find(char::is_whitespace) {
            Some(i) => (&rest[..i], rest[i..].trim()),
            None => (rest, ""),
        };
        let name = name.to_lowercase();
        // The answering commands: `/map` and the moderators' commands are
        // not answers a line can ask for.
        let answering = || COMMANDS.iter().filter(|c| c.handler == Handler::Answer);
        let spec = answering()
            .find(|c| c.name == name)
            .or_else(|| {
                answering().find(|c| is_local_name(&format!("command.{}.name", c.name), &name))
            })
            .ok_or_else(|| QueryError::UnknownCommand(name.clone()))?;
        let options = split_options(spec, args)?;
        Query::from_options(spec.name, &options)
    }

    /// Builds a query from named option values, as slash commands deliver them.
    pub fn from_options(command: &str, options: &[(String, String)]) -> Result<Query, QueryError> {
        let get = |name: &str| {
            options
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
        };
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
                when: range_option(&get, "year", "from", "to")?,
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
                closed: range_option(&get, "closed_in", "closed_from", "closed_to")?,
            }),
            "timeline" => Ok(Query::Timeline {
                country: get("country")
                    .ok_or(QueryError::Missing {
                        command: command.into(),
                        option: "country",
                        example: "/timeline country:Malaysia",
                    })?
                    .to_owned(),
                when: range_option(&get, "year", "from", "to")?,
            }),
            "relations" => Ok(Query::Relations {
                status: get("status")
                    .map(|v| {
                        StatusWanted::parse(v)
                            .ok_or_else(|| bad("status", v, StatusWanted::expected()))
                    })
                    .transpose()?,
                region: get("region").map(str::to_owned),
                established: range_option(&get, "year", "from", "to")?,
                covered_from: get("covered_from").map(str::to_owned),
            }),
            "defections" => Ok(Query::Defections {
                country: get("country").map(str::to_owned),
                when: range_option(&get, "year", "from", "to")?,
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
    value
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
        .ok_or_else(|| bad(option, value, "a year such as 2017".into()))
}

/// A date range from a one-year shorthand (`year`, `closed_in`) and/or
/// `from` / `to` dates. The shorthand and an end together are refused, as
/// are ends in the wrong order, so no option is silently ignored.
fn range_option<'v>(
    get: &dyn Fn(&str) -> Option<&'v str>,
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
    if let Some(v) = get(year) {
        let y = parse_year(year, v)?;
        if !range.is_open() {
            return Err(bad(
                year,
                v,
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

/// Splits `a:1 b:two words c:"quoted"` by the command's own option names.
/// Whether `typed` is the name a catalogue gives under `key`: the slash
/// line takes the names a Korean reader sees in Discord ("/대사관 국가:…").
fn is_local_name(key: &str, typed: &str) -> bool {
    crate::i18n::catalogues()
        .iter()
        .any(|(_, c)| c.get(key).is_some_and(|name| name.to_lowercase() == typed))
}

fn split_options(spec: &CommandSpec, args: &str) -> Result<Vec<(String, String)>, QueryError> {
    let mut starts: Vec<(usize, usize, String)> = Vec::new(); // (name start, value start, name)
    let mut at_word_start = true;
    for (i, ch) in args.char_indices() {
        if at_word_start {
            if let Some(colon) = args[i..].find(':') {
                // Byte offsets come from `args` itself; only the candidate is lower-cased.
                let candidate = args[i..i + colon].to_lowercase();
                if !candidate.is_empty()
                    && candidate
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                {
                    let option = spec.options.iter().find(|o| {
                        o.name == candidate
                            || is_local_name(
                                &format!("command.{}.{}.name", spec.name, o.name),
                                &candidate,
                            )
                    });
                    if let Some(option) = option {
                        starts.push((i, i + colon + 1, option.name.to_owned()));
                    } else if starts.is_empty() && i == 0 {
                        return Err(QueryError::UnknownOption {
                            command: spec.name.into(),
                            option: candidate,
                            known: known_options(spec),
                        });
                    }
                }
            }
        }
        at_word_start = ch.is_whitespace();
    }
    let mut options = Vec::new();
    let leading = match starts.first() {
        Some(&(start, _, _)) => args[..start].trim(),
        None => args.trim(),
    };
    if !leading.is_empty() {
        let first = spec
            .options
            .first()
            .ok_or_else(|| QueryError::UnknownOption {
                command: spec.name.into(),
                option: leading.into(),
                known: known_options(spec),
            })?;
        options.push((first.name.to_owned(), unquote(leading)));
    }
    for (n, (_, value_start, name)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(args.len(), |next| next.0);
        options.push((name.clone(), unquote(args[*value_start..end].trim())));
    }
    Ok(options)
}

fn known_options(spec: &CommandSpec) -> String {
    if spec.options.is_empty() {
        "(none)".into()
    } else {
        spec.options
            .iter()
            .map(|o| o.name)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn unquote(value: &str) -> String {
    let v = value.trim();
    for q in ['"', '\'', '“'] {
        let close = if q == '“' { '”' } else { q };
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(close)) {
            return inner.to_owned();
        }
    }
    v.to_owned()
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
    fn today_is_a_plausible_date() {
        let t = today();
        assert!(t.year >= 2024 && t.month.is_some() && t.day.is_some());
    }
}
