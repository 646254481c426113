//! Locators drawn ahead of time: one PNG per catalogue language and host
//! country of the shipped data, in `data/locators/`, embedded in the binary.
//!
//! Why: drawing a locator needs the world's outlines and the fonts (about
//! 6 MiB of heap, 7.7 MiB at the peak while the outlines are parsed;
//! BENCHMARKS.md §12-13). With these, a process that answers `/embassy` never
//! loads either; only `/map`, or a server whose records change a country's
//! missions, draws at run time.
//!
//! Each file is named `{lang}-{ISO2}-{key}.png`, where `key` is a hash of
//! everything the picture is drawn from ([`locator_key`]): a view of the data
//! whose missions differ (a moderator's record, another data directory) has
//! another key and is drawn as before, so a picture drawn ahead can never
//! show what the answer does not. `tests/pure/locators.rs` redraws every one
//! and fails when a file differs from what the renderer draws now; with
//! `UPDATE_LOCATORS=1` it writes them anew.

use super::{Png, LOCATOR_SIZE};
use crate::dataset::Dataset;
use crate::i18n::Lang;

// `SHIPPED: &[(&str, &[u8])]`, sorted by name, written by build.rs from the
// files in data/locators/.
include!(concat!(env!("OUT_DIR"), "/locators.rs"));

/// The name a locator of `iso2` in `lang`, drawn from `data`, is filed
/// under; `None` when the country hosts no mission (it has no locator).
pub fn file_name(data: &Dataset, iso2: &str, lang: Lang) -> Option<String> {
    let key = locator_key(data, iso2, lang)?;
    Some(format!("{}-{iso2}-{key:016x}.png", lang.code()))
}

/// The locator drawn ahead of time for exactly this view of the country,
/// if there is one: no render, no heap beyond the `Png` itself.
pub fn locator(data: &Dataset, iso2: &str, lang: Lang) -> Option<Png> {
    let name = file_name(data, iso2, lang)?;
    let at = SHIPPED
        .binary_search_by(|(n, _)| (*n).cmp(name.as_str()))
        .ok()?;
    let (width, height) = LOCATOR_SIZE;
    Some(Png {
        bytes: bytes::Bytes::from_static(SHIPPED[at].1),
        width,
        height,
    })
}

/// Every locator embedded in the binary, by file name.
pub fn all() -> &'static [(&'static str, &'static [u8])] {
    SHIPPED
}

/// A hash (FNV-1a, 64 bits: stable across builds and Rust versions) of what
/// a locator is drawn from: the language, the country's outline number and
/// every field of each of its missions. Wider than the picture needs (a
/// changed note changes it too), never narrower.
pub fn locator_key(data: &Dataset, iso2: &str, lang: Lang) -> Option<u64> {
    let country = data.country(iso2)?;
    let mut missions = data.missions_in(iso2).peekable();
    missions.peek()?;
    let mut hash = Fnv::default();
    hash.write(lang.code().as_bytes());
    hash.write(iso2.as_bytes());
    hash.write(country.numeric.as_deref().unwrap_or("").as_bytes());
    for m in missions {
        // Serializing a Mission cannot fail (strings, numbers, dates); an
        // empty string would only make the key miss and the locator be drawn.
        hash.write(serde_json::to_string(m).unwrap_or_default().as_bytes());
    }
    Some(hash.0)
}

struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }
}
