//! Embeds every catalogue in `locales/` (one JSON file per Discord locale),
//! so that adding a language is adding a file.

use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("locales");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("locales/ is readable")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut code = String::from("/// Every catalogue: (Discord locale, JSON), English first.\n");
    code.push_str("pub const CATALOGUES: &[(&str, &str)] = &[\n");
    // English first: it is the default and the fallback.
    files.sort_by_key(|p| p.file_stem().is_none_or(|s| s != "en"));
    for path in files {
        let locale = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 file name");
        println!("cargo:rerun-if-changed={}", path.display());
        code.push_str(&format!(
            "    ({locale:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalogues.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
