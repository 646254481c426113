//! The drawing surface: a [`Canvas`] over a tiny-skia pixmap with the
//! operations the maps need (countries, borders, markers, labels, legend)
//! and its PNG encoding, plus the path helpers that project outlines onto
//! it. Kept apart from the map module, which decides what a map shows;
//! this one only knows how to draw it.

use super::palette::quantize;
use super::projection::{Bounds, View};
use super::topo::{self, World};
use super::{colour, text, Marker, Png, TITLE_BAND};
use crate::reply::Reply;
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Stroke, Transform};

/// A pixmap with the drawing operations the maps need.
pub(super) struct Canvas {
    pixmap: Pixmap,
}

fn paint(c: Color) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color(c);
    p.anti_alias = true;
    p
}

impl Canvas {
    pub(super) fn new(w: u32, h: u32) -> Result<Canvas, Box<Reply>> {
        let mut pixmap = Pixmap::new(w, h)
            .ok_or_else(|| Reply::problem("The map is unavailable", "bad image size"))?;
        pixmap.fill(colour::background());
        Ok(Canvas { pixmap })
    }

    pub(super) fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Color) {
        if let Some(rect) = Rect::from_xywh(x, y, w, h) {
            self.pixmap
                .fill_rect(rect, &paint(c), Transform::identity(), None);
        }
    }

    /// The globe's outline filled with the ocean colour.
    pub(super) fn fill_sphere(&mut self, view: &View) {
        let mut pb = PathBuilder::new();
        let (x, y) = view.pixel(-180.0, -90.0);
        pb.move_to(x, y);
        for i in 0..=180 {
            let (x, y) = view.pixel(-180.0, -90.0 + f64::from(i));
            pb.line_to(x, y);
        }
        for i in 0..=180 {
            let (x, y) = view.pixel(180.0, 90.0 - f64::from(i));
            pb.line_to(x, y);
        }
        pb.close();
        if let Some(path) = pb.finish() {
            self.pixmap.fill_path(
                &path,
                &paint(colour::ocean()),
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    /// The outline as a path. Rings that cross the antimeridian (Fiji,
    /// Chukotka) are unwrapped and drawn on both sides with longitudes
    /// clamped to ±180°, so no edge runs across the map; points closer than
    /// half a pixel to the previous one are dropped.
    fn shape_path(shape: &[topo::Polygon], view: &View) -> Option<tiny_skia::Path> {
        let mut pb = PathBuilder::new();
        add_shape(&mut pb, shape, view);
        pb.finish()
    }
}

/// Adds a country's rings to a path (see [`Canvas::shape_path`]).
fn add_shape(pb: &mut PathBuilder, shape: &[topo::Polygon], view: &View) {
    for polygon in shape {
        for ring in polygon {
            for variant in topo::antimeridian_variants(ring) {
                let plane: topo::Ring = variant.into_iter().map(topo::project).collect();
                add_polyline(pb, &plane, view, true);
            }
        }
    }
}

/// Adds projected points to a path, dropping points within half a pixel of
/// the previous one.
fn add_polyline(pb: &mut PathBuilder, plane: &[topo::Point], view: &View, close: bool) {
    let mut last: Option<(f32, f32)> = None;
    for &(px, py) in plane {
        let (x, y) = view.plane_pixel(f64::from(px), f64::from(py));
        match last {
            None => pb.move_to(x, y),
            Some((lx, ly)) if (lx - x).abs() + (ly - y).abs() < 0.5 => continue,
            Some(_) => pb.line_to(x, y),
        }
        last = Some((x, y));
    }
    if close && last.is_some() {
        pb.close();
    }
}

impl Canvas {
    /// Fills every country (one path per fill colour, aliased: the
    /// anti-aliased border hairlines on top smooth every edge), then draws
    /// each shared arc once as a border. A handful of large paths from
    /// pre-projected points draw much faster than hundreds of small ones.
    pub(super) fn draw_countries(
        &mut self,
        world: &World,
        view: &View,
        expelling: &[String],
        border: f32,
    ) {
        let visible = view.visible_plane(
            f64::from(self.pixmap.width()),
            f64::from(self.pixmap.height()),
        );
        let overlaps = |b: &Bounds| {
            b.0 <= visible.2 && b.2 >= visible.0 && b.1 <= visible.3 && b.3 >= visible.1
        };
        let mut ids: Vec<&String> = world
            .plane_rings
            .keys()
            .filter(|id| world.country_bounds.get(*id).is_some_and(overlaps))
            .collect();
        ids.sort();
        let fill_of = |id: &str| {
            if id == "408" {
                2
            } else if expelling.iter().any(|e| e == id) {
                1
            } else {
                0
            }
        };
        let colours = [colour::land(), colour::expelled(), colour::dprk()];
        for (n, fill) in colours.iter().enumerate() {
            let mut pb = PathBuilder::new();
            for id in ids.iter().filter(|id| fill_of(id) == n) {
                for ring in &world.plane_rings[*id] {
                    add_polyline(&mut pb, ring, view, true);
                }
            }
            if let Some(path) = pb.finish() {
                let mut fill_paint = paint(*fill);
                fill_paint.anti_alias = false;
                self.pixmap.fill_path(
                    &path,
                    &fill_paint,
                    FillRule::EvenOdd,
                    Transform::identity(),
                    None,
                );
            }
        }
        let mut borders = PathBuilder::new();
        for (arc, bounds) in world.plane_arcs.iter().zip(&world.arc_bounds) {
            if overlaps(bounds) {
                add_polyline(&mut borders, arc, view, false);
            }
        }
        if let Some(path) = borders.finish() {
            // Width below 1 px is drawn as an anti-aliased hairline, scaled in opacity.
            let stroke = Stroke {
                width: border.min(1.0),
                ..Stroke::default()
            };
            self.pixmap.stroke_path(
                &path,
                &paint(colour::border()),
                &stroke,
                Transform::identity(),
                None,
            );
        }
    }

    pub(super) fn highlight(&mut self, shape: &[topo::Polygon], view: &View) {
        if let Some(path) = Self::shape_path(shape, view) {
            self.pixmap.fill_path(
                &path,
                &paint(colour::rgb(250, 226, 170)),
                FillRule::EvenOdd,
                Transform::identity(),
                None,
            );
            let stroke = Stroke {
                width: 1.5,
                ..Stroke::default()
            };
            self.pixmap.stroke_path(
                &path,
                &paint(colour::rgb(120, 100, 60)),
                &stroke,
                Transform::identity(),
                None,
            );
        }
    }

    pub(super) fn draw_dprk_label(&mut self, view: &View, size: f32, label: &str) {
        let (x, y) = view.pixel(127.5, 40.3);
        if x > 0.0
            && y > TITLE_BAND
            && (x as u32) < self.pixmap.width()
            && (y as u32) < self.pixmap.height()
        {
            self.text(label, x + 14.0, y + 4.0, size, colour::dprk());
        }
    }

    fn circle(&mut self, x: f32, y: f32, r: f32, fill: Color, outline: Color, width: f32) {
        if let Some(path) = PathBuilder::from_circle(x, y, r) {
            self.pixmap.fill_path(
                &path,
                &paint(fill),
                FillRule::Winding,
                Transform::identity(),
                None,
            );
            let stroke = Stroke {
                width,
                ..Stroke::default()
            };
            self.pixmap
                .stroke_path(&path, &paint(outline), &stroke, Transform::identity(), None);
        }
    }

    pub(super) fn draw_marker(
        &mut self,
        view: &View,
        lon: f64,
        lat: f64,
        marker: Marker,
        radius: f32,
    ) {
        let (x, y) = view.pixel(lon, lat);
        self.circle(
            x,
            y,
            radius,
            marker.colour(),
            colour::background(),
            radius * 0.3,
        );
    }

    pub(super) fn legend(&mut self, entries: &[(Option<Marker>, String)], mut x: f32, y: f32) {
        for (marker, label) in entries {
            match marker {
                Some(m) => {
                    self.circle(x + 7.0, y - 6.0, 7.0, m.colour(), colour::background(), 2.0);
                }
                None => {
                    self.fill_rect(x, y - 14.0, 18.0, 14.0, colour::expelled());
                }
            }
            let width = self.text(label, x + 24.0, y, 16.0, colour::text());
            x += 24.0 + width + 30.0;
        }
    }

    /// Draws text with its baseline at `y`; returns its width in pixels.
    pub(super) fn text(&mut self, text: &str, x: f32, y: f32, size: f32, c: Color) -> f32 {
        text::draw(&mut self.pixmap, text, x, y, size, c)
    }

    /// PNG with a 256-colour palette: the maps are a few flat colours plus
    /// anti-aliased edges, so the palette loses nothing visible and the file
    /// is a third of the RGB size and faster to compress.
    pub(super) fn png(&self) -> Result<Png, Box<Reply>> {
        self.png_with(png::Compression::Fast)
    }

    /// Encodes with this compression: `Best` for pictures encoded once and
    /// sent many times (locators), `Fast` for maps drawn per request.
    pub(super) fn png_with(&self, compression: png::Compression) -> Result<Png, Box<Reply>> {
        let (width, height) = (self.pixmap.width(), self.pixmap.height());
        let (palette, indices) = quantize(self.pixmap.data());
        let mut bytes = Vec::new();
        let encoded = (|| -> Result<(), png::EncodingError> {
            let mut encoder = png::Encoder::new(&mut bytes, width, height);
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_depth(png::BitDepth::Eight);
            encoder.set_palette(palette.concat());
            encoder.set_compression(compression);
            encoder.write_header()?.write_image_data(&indices)
        })();
        encoded.map_err(|e| {
            Box::new(Reply::problem(
                "The map could not be encoded",
                e.to_string(),
            ))
        })?;
        Ok(Png {
            bytes: bytes.into(),
            width,
            height,
        })
    }
}
