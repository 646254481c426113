//! The slash-line grammar the CLI, the evaluation files and the page
//! buttons share: `/embassy country:Spain as_of:2019`, with the registry's
//! command and option names (or a catalogue's, such as `/대사관 국가:스페인`).

use super::{OptionValue, Query, QueryError};
use crate::spec::{CommandSpec, Handler, COMMANDS};

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
}

/// Splits `a:1 b:two words c:"quoted"` by the command's own option names.
/// Whether `typed` is the name a catalogue gives under `key`: the slash
/// line takes the names a Korean reader sees in Discord ("/대사관 국가:…").
fn is_local_name(key: &str, typed: &str) -> bool {
    crate::i18n::catalogues()
        .iter()
        .any(|(_, c)| c.get(key).is_some_and(|name| name.to_lowercase() == typed))
}

fn split_options(spec: &CommandSpec, args: &str) -> Result<Vec<(String, OptionValue)>, QueryError> {
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
        options.push((first.name.to_owned(), OptionValue::Text(unquote(leading))));
    }
    for (n, (_, value_start, name)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(args.len(), |next| next.0);
        options.push((
            name.clone(),
            OptionValue::Text(unquote(args[*value_start..end].trim())),
        ));
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
