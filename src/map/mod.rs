//! Maps of the DPRK's missions: the world (or a region) with country
//! outlines, a marker per mission coloured by status, countries that
//! expelled DPRK diplomats shaded, North Korea marked, a title and legend.
//! Pure Rust (tiny-skia, fontdue); outlines from Natural Earth (world-atlas).

pub mod projection;
mod text;
pub mod topo;

use crate::answers::missions::Region;
use crate::dataset::{Dataset, Mission, PartialDate, Status, SNAPSHOT_2017};
use crate::i18n::Lang;
use crate::reply::{Reply, Tone};
use once_cell::sync::Lazy;
use projection::{Bounds, View};
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Stroke, Transform};
use topo::World;

/// The world outlines, parsed once on first use.
static WORLD: Lazy<Result<World, String>> = Lazy::new(|| {
    World::parse(include_str!("../../data/world/countries-50m.json")).map_err(|e| e.to_string())
});

pub fn world() -> Result<&'static World, String> {
    WORLD.as_ref().map_err(Clone::clone)
}

/// Parses the outlines and the font now, so the first map is as fast as the next.
pub fn warm_up() {
    let _ = world();
    text::warm_up();
    release_free_memory();
}

/// Hands memory freed after a large parse or render back to the operating
/// system. glibc keeps freed heap pages by default, so the transient
/// memory of parsing the outlines (or of a render) would otherwise stay in
/// the process's resident size for good.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns unused pages of the allocator's own
    // heaps to the kernel; it touches no memory the program still uses.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// What a map shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapQuery {
    pub region: Option<String>,
    pub status: Option<Status>,
    pub as_of: Option<PartialDate>,
    /// The language of the title, legend and reply.
    pub lang: Lang,
}

impl MapQuery {
    /// Builds a map query from option text (command line or slash command),
    /// with `/missions`' parsing of status and as_of.
    pub fn from_options(
        region: Option<String>,
        status: Option<&str>,
        as_of: Option<&str>,
    ) -> Result<MapQuery, crate::query::QueryError> {
        let options: Vec<(String, String)> = [("status", status), ("as_of", as_of)]
            .into_iter()
            .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned())))
            .collect();
        match crate::query::Query::from_options("missions", &options)? {
            crate::query::Query::Missions { status, as_of, .. } => Ok(MapQuery {
                region,
                status,
                as_of,
                lang: Lang::ENGLISH,
            }),
            _ => Ok(MapQuery {
                region,
                status: None,
                as_of: None,
                lang: Lang::ENGLISH,
            }),
        }
    }

    /// The canonical command line, also the cache key.
    pub fn line(&self) -> String {
        let mut parts = vec!["/map".to_owned()];
        if let Some(r) = &self.region {
            parts.push(format!("region:{r}"));
        }
        if let Some(s) = self.status {
            parts.push(format!("status:{}", s.as_str()));
        }
        if let Some(d) = self.as_of {
            parts.push(format!("as_of:{}", d.iso()));
        }
        if !self.lang.is_english() {
            parts.push(format!("lang:{}", self.lang.code()));
        }
        parts.join(" ")
    }
}

/// Whether the embedded fonts draw every character of a text (Latin from
/// DejaVu, Hangul from the subset): the catalogue tests check each
/// language's map words with it.
pub fn can_draw(text: &str) -> bool {
    text.chars().all(text::has_glyph)
}

/// How a mission's marker is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Open,
    /// Open in Sept 2017, closed by the date shown.
    ClosedSince2017,
    Unknown,
}

impl Marker {
    fn colour(self) -> Color {
        match self {
            Marker::Open => colour::open(),
            Marker::ClosedSince2017 => colour::closed(),
            Marker::Unknown => colour::unknown(),
        }
    }
}

/// A rendered PNG.
#[derive(Debug, Clone)]
pub struct Png {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

pub const WORLD_SIZE: (u32, u32) = (1600, 900);
/// A locator is an embed thumbnail (Discord shows it beside the text): small,
/// indexed colours, a few KB, rendered once per country.
pub const LOCATOR_SIZE: (u32, u32) = (240, 160);
const TITLE_BAND: f32 = 56.0;
const LEGEND_BAND: f32 = 64.0;

mod colour {
    use tiny_skia::Color;
    pub fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color::from_rgba8(r, g, b, 255)
    }
    pub fn background() -> Color {
        rgb(255, 255, 255)
    }
    pub fn ocean() -> Color {
        rgb(214, 230, 242)
    }
    pub fn land() -> Color {
        rgb(236, 232, 223)
    }
    pub fn border() -> Color {
        rgb(160, 152, 138)
    }
    pub fn expelled() -> Color {
        rgb(246, 196, 140)
    }
    pub fn dprk() -> Color {
        rgb(120, 20, 30)
    }
    pub fn open() -> Color {
        rgb(31, 102, 180)
    }
    pub fn closed() -> Color {
        rgb(214, 39, 40)
    }
    pub fn unknown() -> Color {
        rgb(140, 140, 140)
    }
    pub fn text() -> Color {
        rgb(30, 30, 30)
    }
    pub fn faint_text() -> Color {
        rgb(95, 95, 95)
    }
}

/// Fixed views for the regions people ask about, as (west, south, east, north).
const VIEWS: &[(&str, Bounds)] = &[
    ("Africa", (-20.0, -36.0, 55.0, 38.0)),
    ("Americas", (-125.0, -40.0, -30.0, 50.0)),
    ("Latin America", (-120.0, -40.0, -30.0, 33.0)),
    ("Asia", (25.0, -12.0, 150.0, 56.0)),
    ("Europe", (-12.0, 34.0, 62.0, 66.0)),
    ("Oceania", (110.0, -48.0, 180.0, 0.0)),
    ("Middle East", (25.0, 12.0, 63.0, 42.0)),
    ("Southeast Asia", (90.0, -12.0, 130.0, 25.0)),
];

/// Where a mission's marker goes: its coordinates, or, for a coastal city
/// that falls just outside its country's 1:50m outline, the nearest point
/// inside it (within 0.25°).
pub fn marker_position(world: &World, data: &Dataset, m: &Mission) -> (f64, f64) {
    let point = (m.lon, m.lat);
    let Some(shape) = data
        .country(&m.country)
        .and_then(|c| c.numeric.as_ref())
        .and_then(|n| world.countries.get(n))
    else {
        return point;
    };
    if topo::shape_contains(shape, point) {
        return point;
    }
    for step in 1..=25 {
        let r = f64::from(step) * 0.01;
        for k in 0..24 {
            let a = f64::from(k) * std::f64::consts::TAU / 24.0;
            let candidate = (point.0 + r * a.cos(), point.1 + r * a.sin());
            if topo::shape_contains(shape, candidate) {
                return candidate;
            }
        }
    }
    point
}

/// The marker for a mission on a date, or None when it is not drawn (closed
/// before Sept 2017, or filtered out by status).
pub fn marker_for(m: &Mission, on: Option<PartialDate>, wanted: Option<Status>) -> Option<Marker> {
    let status = on.map_or(m.status_latest, |d| m.status_on(d));
    if wanted.is_some_and(|w| w != status) {
        return None;
    }
    match status {
        Status::Open => Some(Marker::Open),
        Status::Unknown => Some(Marker::Unknown),
        Status::Closed if m.status_on(SNAPSHOT_2017) == Status::Open => {
            Some(Marker::ClosedSince2017)
        }
        Status::Closed => None,
    }
}

/// Countries (ISO numeric) that expelled, declared persona non grata or
/// asked to leave a DPRK ambassador or diplomat, up to the date shown.
fn expelling_countries(data: &Dataset, until: Option<PartialDate>) -> Vec<String> {
    let mut out: Vec<String> = data
        .expulsions
        .iter()
        .filter(|e| e.action.removes_people() && until.is_none_or(|d| e.date.start() <= d.end()))
        .filter_map(|e| data.country(&e.country)?.numeric.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The world or region map and the reply that goes with it.
pub fn mission_map(data: &Dataset, query: &MapQuery) -> Result<(Reply, Png), Box<Reply>> {
    let lang = query.lang;
    let world = world().map_err(|e| Box::new(Reply::problem(lang.text("map.unavailable"), e)))?;
    let region = match &query.region {
        Some(text) => Some(Region::find(data, text).ok_or_else(|| {
            Box::new(
                Reply {
                    tone: Tone::NotFound,
                    ..Reply::new(lang.fill(
                        "region.unknown.title",
                        &[("input", &crate::text::truncate_chars(text, 40))],
                    ))
                }
                .with_description(lang.text("map.region_hint")),
            )
        })?),
        None => None,
    };
    let in_region = |m: &Mission| match (&region, data.country(&m.country)) {
        (Some(r), Some(c)) => r.contains(c),
        (Some(_), None) => false,
        (None, _) => true,
    };
    let markers: Vec<(&Mission, Marker, (f64, f64))> = data
        .missions
        .iter()
        .filter(|m| in_region(m))
        .filter_map(|m| {
            Some((
                m,
                marker_for(m, query.as_of, query.status)?,
                marker_position(world, data, m),
            ))
        })
        .collect();
    let bounds = match &region {
        None => WORLD_BOUNDS,
        Some(r) => VIEWS
            .iter()
            .find(|(label, _)| *label == r.label)
            .map(|(_, b)| *b)
            .unwrap_or_else(|| padded_bounds(&markers)),
    };
    let when = query.as_of.map_or_else(
        || lang.fill("map.when_latest", &[("date", &lang.date(data.as_of))]),
        |d| lang.fill("map.when_as_of", &[("date", &lang.date(d))]),
    );
    let place = region
        .as_ref()
        .map_or(lang.text("map.world").to_owned(), |r| r.label_in(lang));
    let title = lang.fill("map.title", &[("place", &place), ("when", &when)]);
    let count = |k: Marker| markers.iter().filter(|(_, m, _)| *m == k).count();
    let (open, closed, unknown) = (
        count(Marker::Open),
        count(Marker::ClosedSince2017),
        count(Marker::Unknown),
    );
    let expelling = expelling_countries(data, query.as_of);

    let (w, h) = WORLD_SIZE;
    let mut canvas = Canvas::new(w, h)?;
    let view = map_view(bounds);
    if region.is_none() {
        canvas.fill_sphere(&view);
    } else {
        canvas.fill_rect(0.0, 0.0, w as f32, h as f32, colour::ocean());
    }
    canvas.draw_countries(world, &view, &expelling, 0.6);
    canvas.draw_dprk_label(&view, 15.0, lang.text("map.dprk"));
    for (_, marker, (lon, lat)) in &markers {
        canvas.draw_marker(
            &view,
            *lon,
            *lat,
            *marker,
            if region.is_some() { 7.0 } else { 5.0 },
        );
    }
    canvas.fill_rect(0.0, 0.0, w as f32, TITLE_BAND, colour::background());
    canvas.fill_rect(
        0.0,
        h as f32 - LEGEND_BAND,
        w as f32,
        LEGEND_BAND,
        colour::background(),
    );
    canvas.text(&title, 16.0, 36.0, 24.0, colour::text());
    let legend = [
        (
            Some(Marker::Open),
            lang.fill("map.legend.open", &[("n", &open)]),
        ),
        (
            Some(Marker::ClosedSince2017),
            lang.fill("map.legend.closed", &[("n", &closed)]),
        ),
        (
            Some(Marker::Unknown),
            lang.fill("map.legend.unknown", &[("n", &unknown)]),
        ),
        (
            None,
            lang.fill("map.legend.expelling", &[("n", &expelling.len())]),
        ),
    ];
    canvas.legend(&legend, 16.0, h as f32 - 26.0);
    canvas.text(
        lang.text("map.credits"),
        w as f32 - 470.0,
        h as f32 - 8.0,
        13.0,
        colour::faint_text(),
    );
    let png = canvas.png()?;

    let mut reply = Reply::new(title).with_description(lang.fill(
        "map.description",
        &[
            ("open", &open),
            ("closed", &closed),
            ("unknown", &unknown),
            ("expelling", &expelling.len()),
        ],
    ));
    reply.lang = lang;
    let mut ids: Vec<String> = markers
        .iter()
        .flat_map(|(m, _, _)| m.sources.clone())
        .collect();
    ids.extend(
        data.expulsions
            .iter()
            .filter(|e| e.action.removes_people())
            .flat_map(|e| e.sources.clone()),
    );
    reply.cite(data, &ids);
    Ok((reply, png))
}

/// Where a lon/lat box is drawn in the 1600×900 map (between title and legend).
pub fn map_view(bounds: Bounds) -> View {
    let (w, h) = WORLD_SIZE;
    View::fit(
        bounds,
        12.0,
        f64::from(TITLE_BAND) + 6.0,
        f64::from(w) - 24.0,
        f64::from(h) - f64::from(TITLE_BAND + LEGEND_BAND) - 12.0,
    )
}

/// The whole world's bounds.
pub const WORLD_BOUNDS: Bounds = (-180.0, -90.0, 180.0, 90.0);

/// The box around the markers, padded, at least 20° wide.
fn padded_bounds(markers: &[(&Mission, Marker, (f64, f64))]) -> Bounds {
    if markers.is_empty() {
        return (-180.0, -90.0, 180.0, 90.0);
    }
    let (mut w, mut s, mut e, mut n) = (180.0f64, 90.0f64, -180.0f64, -90.0f64);
    for (_, _, (lon, lat)) in markers {
        w = w.min(*lon);
        e = e.max(*lon);
        s = s.min(*lat);
        n = n.max(*lat);
    }
    let pad_x = ((e - w) * 0.15).max(10.0);
    let pad_y = ((n - s) * 0.15).max(6.0);
    (
        (w - pad_x).max(-180.0),
        (s - pad_y).max(-90.0),
        (e + pad_x).min(180.0),
        (n + pad_y).min(90.0),
    )
}

/// Maps opaque RGBA pixels to at most 256 colours: the most frequent
/// colours exactly, any others to the nearest of those.
fn quantize(rgba: &[u8]) -> (Vec<[u8; 3]>, Vec<u8>) {
    type HashMap<K, V> =
        std::collections::HashMap<K, V, std::hash::BuildHasherDefault<ColourHasher>>;
    let key = |p: &[u8]| u32::from(p[0]) << 16 | u32::from(p[1]) << 8 | u32::from(p[2]);
    let mut counts: HashMap<u32, u32> = HashMap::default();
    let mut previous = (u32::MAX, 0u32);
    for p in rgba.chunks_exact(4) {
        let k = key(p);
        if k == previous.0 {
            previous.1 += 1;
            continue;
        }
        if previous.1 > 0 {
            *counts.entry(previous.0).or_default() += previous.1;
        }
        previous = (k, 1);
    }
    if previous.1 > 0 {
        *counts.entry(previous.0).or_default() += previous.1;
    }
    let mut by_count: Vec<(u32, u32)> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let palette: Vec<u32> = by_count.iter().take(256).map(|(k, _)| *k).collect();
    let mut index: HashMap<u32, u8> = palette
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, i as u8))
        .collect();
    let rgb = |k: u32| [(k >> 16) as i32, ((k >> 8) & 255) as i32, (k & 255) as i32];
    let mut out = Vec::with_capacity(rgba.len() / 4);
    let mut last = (u32::MAX, 0u8);
    for p in rgba.chunks_exact(4) {
        let k = key(p);
        if k != last.0 {
            let i = *index.entry(k).or_insert_with(|| {
                let c = rgb(k);
                let distance = |q: &u32| {
                    let d = rgb(*q);
                    (0..3).map(|j| (c[j] - d[j]).pow(2)).sum::<i32>()
                };
                palette
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, q)| distance(q))
                    .map_or(0, |(i, _)| i as u8)
            });
            last = (k, i);
        }
        out.push(last.1);
    }
    let colours = palette
        .iter()
        .map(|&k| [(k >> 16) as u8, (k >> 8) as u8, k as u8])
        .collect();
    (colours, out)
}

/// A multiplicative hash for 24-bit colour keys (the default SipHash is
/// several times slower and guards against nothing here).
#[derive(Default)]
struct ColourHasher(u64);

impl std::hash::Hasher for ColourHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A small map of one country with its missions, for `/embassy`, each
/// marker labelled with its city as a reader of `lang` knows it.
pub fn locator_map(data: &Dataset, iso2: &str, lang: Lang) -> Option<Png> {
    let world = world().ok()?;
    let country = data.country(iso2)?;
    let shape = world.countries.get(country.numeric.as_ref()?)?;
    let missions: Vec<&Mission> = data.missions_in(iso2).collect();
    let points: Vec<(f64, f64)> = missions
        .iter()
        .map(|m| marker_position(world, data, m))
        .collect();
    // The polygon holding the first mission (mainland France, not its overseas parts), else the largest.
    let main = points
        .first()
        .and_then(|p| shape.iter().find(|poly| topo::polygon_contains(poly, *p)))
        .or_else(|| shape.iter().max_by_key(|p| p.first().map_or(0, Vec::len)))?;
    let (mut w, mut s, mut e, mut n) = (180.0f64, 90.0f64, -180.0f64, -90.0f64);
    for &(lon, lat) in main.first()?.iter().chain(points.iter()) {
        w = w.min(lon);
        e = e.max(lon);
        s = s.min(lat);
        n = n.max(lat);
    }
    let pad = ((e - w).max(n - s) * 0.35).max(3.0);
    let bounds = (
        (w - pad).max(-180.0),
        (s - pad).max(-90.0),
        (e + pad).min(180.0),
        (n + pad).min(90.0),
    );
    let (width, height) = LOCATOR_SIZE;
    let mut canvas = Canvas::new(width, height).ok()?;
    let view = View::fit(bounds, 0.0, 0.0, f64::from(width), f64::from(height));
    canvas.fill_rect(0.0, 0.0, width as f32, height as f32, colour::ocean());
    canvas.draw_countries(world, &view, &[], 0.8);
    canvas.highlight(shape, &view);
    for (m, (lon, lat)) in missions.iter().zip(&points) {
        let marker = marker_for(m, None, None).unwrap_or(Marker::ClosedSince2017);
        canvas.draw_marker(&view, *lon, *lat, marker, 5.0);
    }
    // Each city once (Bern's embassy and Geneva's mission are two cities;
    // Beijing's one), right of its marker.
    let mut labelled: Vec<&str> = Vec::new();
    for (m, (lon, lat)) in missions.iter().zip(&points) {
        let city = m.city_in(lang);
        if labelled.contains(&city) {
            continue;
        }
        labelled.push(city);
        let (x, y) = view.pixel(*lon, *lat);
        canvas.text(city, x + 8.0, y + 4.0, 13.0, colour::text());
    }
    // No caption: the embed's title names the country beside the thumbnail.
    canvas.png_with(png::Compression::Best).ok()
}

/// A pixmap with the drawing operations the maps need.
struct Canvas {
    pixmap: Pixmap,
}

fn paint(c: Color) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color(c);
    p.anti_alias = true;
    p
}

impl Canvas {
    fn new(w: u32, h: u32) -> Result<Canvas, Box<Reply>> {
        let mut pixmap = Pixmap::new(w, h)
            .ok_or_else(|| Reply::problem("The map is unavailable", "bad image size"))?;
        pixmap.fill(colour::background());
        Ok(Canvas { pixmap })
    }

    fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Color) {
        if let Some(rect) = Rect::from_xywh(x, y, w, h) {
            self.pixmap
                .fill_rect(rect, &paint(c), Transform::identity(), None);
        }
    }

    /// The globe's outline filled with the ocean colour.
    fn fill_sphere(&mut self, view: &View) {
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
                let plane: Vec<(f64, f64)> = variant
                    .iter()
                    .map(|&(lon, lat)| projection::equal_earth(lon, lat))
                    .collect();
                add_polyline(pb, &plane, view, true);
            }
        }
    }
}

/// Adds projected points to a path, dropping points within half a pixel of
/// the previous one.
fn add_polyline(pb: &mut PathBuilder, plane: &[(f64, f64)], view: &View, close: bool) {
    let mut last: Option<(f32, f32)> = None;
    for &(px, py) in plane {
        let (x, y) = view.plane_pixel(px, py);
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
    fn draw_countries(&mut self, world: &World, view: &View, expelling: &[String], border: f32) {
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

    fn highlight(&mut self, shape: &[topo::Polygon], view: &View) {
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

    fn draw_dprk_label(&mut self, view: &View, size: f32, label: &str) {
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

    fn draw_marker(&mut self, view: &View, lon: f64, lat: f64, marker: Marker, radius: f32) {
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

    fn legend(&mut self, entries: &[(Option<Marker>, String)], mut x: f32, y: f32) {
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
    fn text(&mut self, text: &str, x: f32, y: f32, size: f32, c: Color) -> f32 {
        text::draw(&mut self.pixmap, text, x, y, size, c)
    }

    /// PNG with a 256-colour palette: the maps are a few flat colours plus
    /// anti-aliased edges, so the palette loses nothing visible and the file
    /// is a third of the RGB size and faster to compress.
    fn png(&self) -> Result<Png, Box<Reply>> {
        self.png_with(png::Compression::Fast)
    }

    /// Encodes with this compression: `Best` for pictures encoded once and
    /// sent many times (locators), `Fast` for maps drawn per request.
    fn png_with(&self, compression: png::Compression) -> Result<Png, Box<Reply>> {
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
            bytes,
            width,
            height,
        })
    }
}
