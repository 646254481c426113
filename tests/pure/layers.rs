//! The layers of `src/`, read from the source: which top-level module
//! imports which. The dataset imports nothing above it, the answers never
//! see serenity, and no new import circle between modules appears (the
//! circles still there are listed, so the list can only shrink).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its files name (`crate::x`),
/// and whether any of its files names serenity.
fn imports() -> BTreeMap<String, (BTreeSet<String>, bool)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let crate_path = regex::Regex::new(r"crate::([a-z_0-9]+)").unwrap();
    let mut out: BTreeMap<String, (BTreeSet<String>, bool)> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let top = rel
                .split('/')
                .next()
                .unwrap()
                .trim_end_matches(".rs")
                .to_owned();
            if top == "lib" || top == "main" || !rel.ends_with(".rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Doc comments name modules in links; only code imports.
            let code: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let entry = out.entry(top.clone()).or_default();
            for m in crate_path.captures_iter(&code) {
                if m[1] != *top {
                    entry.0.insert(m[1].to_owned());
                }
            }
            entry.1 |= code.contains("serenity::");
        }
    }
    out
}

#[test]
fn the_dataset_imports_nothing_above_it() {
    let graph = imports();
    let below: BTreeSet<&str> = ["text", "i18n", "date"].into();
    let dataset = &graph["dataset"].0;
    let above: Vec<&String> = dataset
        .iter()
        .filter(|m| !below.contains(m.as_str()))
        .collect();
    assert!(above.is_empty(), "dataset imports {above:?}");
    assert!(!graph["dataset"].1, "dataset names serenity");
}

#[test]
fn the_answers_and_everything_under_them_never_see_discord() {
    let graph = imports();
    for pure in [
        "answers",
        "dataset",
        "text",
        "i18n",
        "countries",
        "map",
        "query",
        "reply",
    ] {
        assert!(!graph[pure].1, "{pure} names serenity");
        assert!(
            !graph[pure].0.contains("interactions"),
            "{pure} imports the Discord layer"
        );
    }
}

#[test]
fn no_new_import_circle_between_modules() {
    let graph = imports();
    // No circle remains (issue 24 took off the last two: the search index
    // and the resolver moved under the dataset, dates below i18n, and
    // `/help` reads the registry instead of the Discord layer).
    let known: BTreeSet<BTreeSet<&str>> = BTreeSet::new();
    let found = circles(&graph);
    let found_sets: BTreeSet<BTreeSet<&str>> = found
        .iter()
        .map(|c| c.iter().map(String::as_str).collect())
        .collect();
    let new: Vec<_> = found_sets.difference(&known).collect();
    assert!(
        new.is_empty(),
        "new import circles: {new:?} (all: {found:?})"
    );
    let gone: Vec<_> = known.difference(&found_sets).collect();
    assert!(
        gone.is_empty(),
        "circles fixed, take them off the list: {gone:?}"
    );
}

/// Strongly connected components of more than one module (Tarjan).
fn circles(graph: &BTreeMap<String, (BTreeSet<String>, bool)>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, (BTreeSet<String>, bool)>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a str) {
            self.index.insert(v, self.next);
            self.low.insert(v, self.next);
            self.next += 1;
            self.stack.push(v);
            for w in &self.graph[v].0 {
                let Some((w, _)) = self.graph.get_key_value(w.as_str()) else {
                    continue;
                };
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.stack.contains(&w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    component.push(w.to_owned());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.out.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.out
}

#[test]
fn serenity_is_named_only_in_the_discord_layer() {
    let graph = imports();
    let outside: Vec<&String> = graph
        .iter()
        .filter(|(module, (_, serenity))| *serenity && module.as_str() != "interactions")
        .map(|(module, _)| module)
        .collect();
    assert!(
        outside.is_empty(),
        "serenity is named outside src/interactions/: {outside:?}"
    );
    assert!(graph["interactions"].1, "the layer check reads the sources");
}

#[test]
fn no_source_file_is_over_700_lines() {
    // Long files grow back into rooms with many concerns (issue 24);
    // split along a seam instead.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src.clone()];
    let mut long = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let lines = std::fs::read_to_string(&path).unwrap().lines().count();
                if lines > 700 {
                    long.push(format!("{} ({lines})", path.display()));
                }
            }
        }
    }
    assert!(long.is_empty(), "over 700 lines: {long:?}");
}
