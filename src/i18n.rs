//! The words of other languages, one catalogue file per Discord locale in
//! `locales/` (`ko.json`: Korean), embedded in the binary.
//!
//! A catalogue maps keys to text: `command.<path>.name` and
//! `command.<path>.description` for every built-in command, sub-command and
//! option (`embassy`, `embassy.country`, `command.add.name`), and
//! `choice.<value>` for option choices. Registration carries them as
//! Discord's `name_localizations` / `description_localizations`, so a
//! Korean-language Discord shows `/대사관` while interactions still arrive
//! under the English names. Adding a language is a new file and one line in
//! [`CATALOGUES`]; a test fails when any key is missing in any language.

use once_cell::sync::Lazy;
use serde_json::Value;
use std::collections::BTreeMap;

/// Every language besides English: (Discord locale, catalogue JSON).
pub const CATALOGUES: &[(&str, &str)] = &[("ko", include_str!("../locales/ko.json"))];

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

/// Every catalogue, by locale.
pub fn catalogues() -> &'static [(&'static str, Catalogue)] {
    &PARSED
}

/// The keys a registration body needs in every language: each command's,
/// sub-command's and option's name and description, and each choice.
pub fn registration_keys(body: &Value) -> Vec<String> {
    let mut keys = Vec::new();
    walk(body, "", &mut |path, node| {
        keys.push(format!("command.{path}.name"));
        keys.push(format!("command.{path}.description"));
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
        for (locale, catalogue) in catalogues() {
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
