//! Text on a pixmap with fontdue (pure Rust): DejaVu Sans for Latin, and a
//! Hangul subset of NanumGothic for what DejaVu lacks (Korean titles and
//! legends), both embedded.

use once_cell::sync::Lazy;
use tiny_skia::{Color, Pixmap};

fn parse(bytes: &'static [u8]) -> Option<fontdue::Font> {
    fontdue::Font::from_bytes(bytes, fontdue::FontSettings::default()).ok()
}

static FONT: Lazy<Option<fontdue::Font>> =
    Lazy::new(|| parse(include_bytes!("../../data/fonts/DejaVuSans-Latin.ttf")));

static HANGUL: Lazy<Option<fontdue::Font>> = Lazy::new(|| {
    parse(include_bytes!(
        "../../data/fonts/MissionbotHangul-Subset.ttf"
    ))
});

/// The font that has a glyph for `ch`: DejaVu first, then the Hangul subset.
fn font_for(ch: char) -> Option<&'static fontdue::Font> {
    let latin = FONT.as_ref();
    if latin.is_some_and(|f| f.lookup_glyph_index(ch) != 0) {
        return latin;
    }
    match HANGUL.as_ref() {
        Some(hangul) if hangul.lookup_glyph_index(ch) != 0 => Some(hangul),
        _ => latin,
    }
}

/// Whether some embedded font draws `ch` (tests check every catalogue's text).
pub fn has_glyph(ch: char) -> bool {
    ch.is_whitespace() || font_for(ch).is_some_and(|f| f.lookup_glyph_index(ch) != 0)
}

/// Draws `text` with its baseline at (x, y); returns the advance width.
pub fn draw(pixmap: &mut Pixmap, text: &str, x: f32, y: f32, size: f32, colour: Color) -> f32 {
    let (width, height) = (pixmap.width() as i32, pixmap.height() as i32);
    let c = colour.to_color_u8();
    let data = pixmap.data_mut();
    let mut pen = x;
    for ch in text.chars() {
        let Some(font) = font_for(ch) else {
            return pen - x;
        };
        let (metrics, coverage) = font.rasterize(ch, size);
        let left = (pen + metrics.xmin as f32).round() as i32;
        let top = (y - metrics.height as f32 - metrics.ymin as f32).round() as i32;
        for row in 0..metrics.height {
            for col in 0..metrics.width {
                let alpha = u32::from(coverage[row * metrics.width + col]);
                let (px, py) = (left + col as i32, top + row as i32);
                if alpha == 0 || px < 0 || py < 0 || px >= width || py >= height {
                    continue;
                }
                let i = ((py * width + px) * 4) as usize;
                // Source-over onto an opaque, premultiplied pixel.
                for (k, src) in [c.red(), c.green(), c.blue()].into_iter().enumerate() {
                    let dst = u32::from(data[i + k]);
                    data[i + k] = ((u32::from(src) * alpha + dst * (255 - alpha)) / 255) as u8;
                }
                data[i + 3] = 255;
            }
        }
        pen += metrics.advance_width;
    }
    pen - x
}

/// Loads the font now rather than on the first text drawn.
pub fn warm_up() {
    Lazy::force(&FONT);
    Lazy::force(&HANGUL);
}
