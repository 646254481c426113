//! Embeds every catalogue in `locales/` (one JSON file per Discord locale),
//! so that adding a language is adding a file, and the locators drawn ahead
//! of time in `data/locators/` (src/map/shipped.rs).

use std::{env, fs, path::PathBuf};

fn main() {
    let mut catalogues = files_in("locales", "json");
    // English first: it is the default and the fallback.
    catalogues.sort_by_key(|p| p.file_stem().is_none_or(|s| s != "en"));
    write_table(
        "catalogues.rs",
        "/// Every catalogue: (Discord locale, JSON), English first.\npub const CATALOGUES: &[(&str, &str)]",
        &catalogues,
        |p| p.file_stem(),
        "include_str",
    );
    // Sorted by file name: looked up by binary search.
    write_table(
        "locators.rs",
        "/// Locators drawn ahead of time: (file name, PNG), sorted by name.\nstatic SHIPPED: &[(&str, &[u8])]",
        &files_in("data/locators", "png"),
        |p| p.file_name(),
        "include_bytes",
    );
}

/// The files of `dir` (under the crate) ending in `.ext`, sorted; cargo is
/// told to build again when any of them, or the directory, changes.
fn files_in(dir: &str, ext: &str) -> Vec<PathBuf> {
    println!("cargo:rerun-if-changed={dir}");
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == ext))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    files
}

/// Writes `{declaration} = &[(key, include!(path)), ...];` to OUT_DIR/`name`.
fn write_table(
    name: &str,
    declaration: &str,
    files: &[PathBuf],
    key: impl Fn(&PathBuf) -> Option<&std::ffi::OsStr>,
    include: &str,
) {
    let mut code = format!("{declaration} = &[\n");
    for path in files {
        let key = key(path)
            .and_then(|s| s.to_str())
            .expect("a UTF-8 file name");
        code.push_str(&format!(
            "    ({key:?}, {include}!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(name);
    fs::write(out, code).expect("OUT_DIR is writable");
}
