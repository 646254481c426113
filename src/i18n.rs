//! The words users read, one catalogue file per Discord locale in
//! `locales/` (`en.json`, `ko.json`), embedded in the binary by `build.rs`:
//! adding a language is adding a file.
//!
//! A catalogue maps keys to text. Two families:
//! - answer text (every key of `en.json`): titles, labels, statuses, dates,
//!   errors. Placeholders are `{name}`; a key with `.one` / `.other`
//!   variants is a plural ([`Lang::count`]). English is the reference, and
//!   a test fails when another language lacks a key or has one English lacks.
//! - registration (`command.<path>.name` / `.description` for every built-in
//!   command, sub-command and option, `choice.<value>` for choices), in the
//!   other languages only, since the English names live in the code.
//!   Registration carries them as Discord's `name_localizations` /
//!   `description_localizations`, so a Korean-language Discord shows
//!   `/대사관` while interactions still arrive under the English names.

use crate::date::PartialDate;
use once_cell::sync::Lazy;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Display;

include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// A language's catalogue: key → text.
pub type Catalogue = BTreeMap<String, String>;

static PARSED: Lazy<Vec<(&'static str, Catalogue)>> = Lazy::new(|| {
    CATALOGUES
        .iter()
        .map(|(locale, json)| {
            // A catalogue that does not parse is a build defect caught by the tests; ship without it.
            let catalogue = serde_json::from_str(json).unwrap_or_else(|e| {
                tracing::error!(locale, error = %e, "a catalogue does not parse; that language is left out");
                Catalogue::new()
            });
            (*locale, catalogue)
        })
        .collect()
});

/// Every catalogue, by locale, English first.
pub fn catalogues() -> &'static [(&'static str, Catalogue)] {
    &PARSED
}

/// The catalogues of the languages other than English (the registration's
/// localizations).
pub fn translations() -> impl Iterator<Item = &'static (&'static str, Catalogue)> {
    catalogues().iter().filter(|(locale, _)| *locale != "en")
}

/// The language of a reply: one of the catalogues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(usize);

impl Default for Lang {
    fn default() -> Self {
        Self::ENGLISH
    }
}

impl Lang {
    /// English, the default and the fallback (`build.rs` puts `en.json` first).
    pub const ENGLISH: Lang = Lang(0);

    /// The language for a Discord locale ("ko", "pt-BR", "en-US"): its own
    /// catalogue, else its primary language's, else English.
    pub fn from_locale(locale: &str) -> Lang {
        let locale = locale.trim();
        let primary = locale.split(['-', '_']).next().unwrap_or(locale);
        let find = |code: &str| {
            catalogues()
                .iter()
                .position(|(l, _)| l.eq_ignore_ascii_case(code))
                .map(Lang)
        };
        find(locale)
            .or_else(|| find(primary))
            .unwrap_or(Lang::ENGLISH)
    }

    /// A language given by name or code on the command line: "ko", "korean", "한국어".
    pub fn parse(text: &str) -> Option<Lang> {
        let wanted = text.trim();
        catalogues()
            .iter()
            .position(|(code, catalogue)| {
                code.eq_ignore_ascii_case(wanted)
                    || catalogue.get("language.name").is_some_and(|n| n == wanted)
                    || catalogue
                        .get("language.english_name")
                        .is_some_and(|n| n.eq_ignore_ascii_case(wanted))
            })
            .map(Lang)
    }

    /// The language to answer a question in: Korean when the question is
    /// written in Hangul (whatever the asker's locale), else the locale's.
    pub fn for_question(locale_lang: Lang, question: &str) -> Lang {
        if has_hangul(question) {
            Lang::from_locale("ko")
        } else {
            locale_lang
        }
    }

    /// Every language, English first.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..catalogues().len()).map(Lang)
    }

    /// The Discord locale code ("en", "ko").
    pub fn code(self) -> &'static str {
        catalogues().get(self.0).map_or("en", |(code, _)| code)
    }

    pub fn is_english(self) -> bool {
        self.0 == 0
    }

    /// The text for a key: this language's, else English, else the key
    /// itself (a test keeps every key present, so the last is a defect
    /// made visible rather than a panic).
    pub fn text(self, key: &str) -> &'static str {
        let lookup = |lang: usize| {
            catalogues()
                .get(lang)
                .and_then(|(_, c)| c.get(key))
                .map(String::as_str)
        };
        match lookup(self.0).or_else(|| lookup(0)) {
            Some(text) => text,
            None => {
                tracing::warn!(key, "a catalogue key is missing");
                "?"
            }
        }
    }

    /// The text for a key built from data ("role.ambassador",
    /// "region.eastern_africa") when English has that key, else `fallback`
    /// as the data writes it.
    pub fn text_or(self, key: &str, fallback: &str) -> String {
        let known = catalogues()
            .first()
            .is_some_and(|(_, english)| english.contains_key(key));
        if known {
            self.text(key).to_owned()
        } else {
            fallback.to_owned()
        }
    }

    /// The text for a key with its `{name}` placeholders filled.
    pub fn fill(self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        fill_template(self.text(key), args)
    }

    /// A counted phrase: `key.one` for one (when the language has it), else
    /// `key.other`, with `{n}` and the other placeholders filled.
    pub fn count(self, key: &str, n: usize, args: &[(&str, &dyn Display)]) -> String {
        let one = format!("{key}.one");
        let has_one = catalogues()
            .get(self.0)
            .is_some_and(|(_, c)| c.contains_key(&one));
        let chosen = if n == 1 && has_one {
            one
        } else {
            format!("{key}.other")
        };
        let mut all: Vec<(&str, &dyn Display)> = vec![("n", &n)];
        all.extend_from_slice(args);
        fill_template(self.text(&chosen), &all)
    }

    /// A date written this language's way at its own precision:
    /// "7 September 2017" / "2017년 9월 7일", "September 2017" / "2017년 9월".
    pub fn date(self, d: PartialDate) -> String {
        let month_name = d.month.map(|m| self.text(&format!("month.{m}")));
        let key = match (d.month, d.day) {
            (Some(_), Some(_)) => "date.day",
            (Some(_), None) => "date.month",
            _ => "date.year",
        };
        self.fill(
            key,
            &[
                ("year", &d.year),
                ("month", &d.month.unwrap_or(0)),
                ("month_name", &month_name.unwrap_or("")),
                ("day", &d.day.unwrap_or(0)),
            ],
        )
    }

    /// A time range in words: "in 2017", "between 2016 and 2018" /
    /// "2017년", "2016년부터 2018년까지".
    pub fn range(self, range: crate::date::DateRange) -> String {
        match (range.from, range.to) {
            (Some(a), Some(b)) if a == b => self.fill("range.in", &[("date", &self.date(a))]),
            (Some(a), Some(b)) => self.fill(
                "range.between",
                &[("from", &self.date(a)), ("to", &self.date(b))],
            ),
            (Some(a), None) => self.fill("range.since", &[("date", &self.date(a))]),
            (None, Some(b)) => self.fill("range.up_to", &[("date", &self.date(b))]),
            (None, None) => self.text("range.any").to_owned(),
        }
    }

    /// Alternatives joined this language's way: "a, b or c".
    pub fn or_list(self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => self.fill(
                "list.or",
                &[
                    ("init", &init.join(self.text("list.separator"))),
                    ("last", last),
                ],
            ),
        }
    }

    /// A list joined this language's way: "a, b and c".
    pub fn list(self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => self.fill(
                "list.and",
                &[
                    ("init", &init.join(self.text("list.separator"))),
                    ("last", last),
                ],
            ),
        }
    }
}

/// Whether a text is written (at least partly) in Hangul.
pub fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
    })
}

/// Fills `{name}` placeholders in one pass, so a value containing braces is
/// never read as a placeholder; unknown placeholders stay as written.
pub fn fill_template(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(&value.to_string()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every placeholder a template uses, for the catalogue tests.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(after[..close].to_owned());
        rest = &after[close + 1..];
    }
    names.sort();
    names.dedup();
    names
}

/// Whether a key belongs to the registration family (other languages only).
pub fn is_registration_key(key: &str) -> bool {
    key.starts_with("command.") || key.starts_with("choice.")
}

/// The keys a registration body needs in every language: each command's,
/// sub-command's and option's name and description, and each choice.
pub fn registration_keys(body: &Value) -> Vec<String> {
    let mut keys = Vec::new();
    walk(body, "", &mut |path, node| {
        keys.push(format!("command.{path}.name"));
        // A message command (type 3 at the top) has no description.
        let message_command = !path.contains('.') && node["type"] == 3;
        if !message_command {
            keys.push(format!("command.{path}.description"));
        }
        for choice in node["choices"].as_array().into_iter().flatten() {
            if let Some(value) = choice_value(choice) {
                keys.push(format!("choice.{value}"));
            }
        }
    });
    keys.sort();
    keys.dedup();
    keys
}

/// Adds every catalogue's names and descriptions to a registration body
/// (entries a catalogue lacks stay English only).
pub fn localize_registration(body: &mut Value) {
    walk_mut(body, "", &mut |path, node| {
        for (locale, catalogue) in translations() {
            let name = catalogue.get(&format!("command.{path}.name"));
            let description = catalogue.get(&format!("command.{path}.description"));
            if let Some(name) = name {
                node["name_localizations"][*locale] = Value::from(name.as_str());
            }
            if let Some(description) = description {
                node["description_localizations"][*locale] = Value::from(description.as_str());
            }
            for choice in node["choices"].as_array_mut().into_iter().flatten() {
                let label =
                    choice_value(choice).and_then(|v| catalogue.get(&format!("choice.{v}")));
                if let Some(label) = label {
                    choice["name_localizations"][*locale] = Value::from(label.as_str());
                }
            }
        }
    });
}

fn choice_value(choice: &Value) -> Option<String> {
    match &choice["value"] {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn child_path(prefix: &str, node: &Value) -> Option<String> {
    let name = node["name"].as_str()?;
    Some(if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    })
}

/// Calls `visit` on every command and option of a body, with its path.
fn walk(nodes: &Value, prefix: &str, visit: &mut dyn FnMut(&str, &Value)) {
    for node in nodes.as_array().into_iter().flatten() {
        let Some(path) = child_path(prefix, node) else {
            continue;
        };
        visit(&path, node);
        walk(&node["options"], &path, visit);
    }
}

fn walk_mut(nodes: &mut Value, prefix: &str, visit: &mut dyn FnMut(&str, &mut Value)) {
    for node in nodes.as_array_mut().into_iter().flatten() {
        let Some(path) = child_path(prefix, node) else {
            continue;
        };
        visit(&path, node);
        if node.get("options").is_some() {
            walk_mut(&mut node["options"], &path, visit);
        }
    }
}
