//! Maps of the DPRK's missions: the world (or a region) with country
//! outlines, a marker per mission coloured by status, countries that
//! expelled DPRK diplomats shaded, North Korea marked, a title and legend.
//! Pure Rust (tiny-skia, fontdue); outlines from Natural Earth (world-atlas).

mod canvas;
mod palette;
pub mod projection;
pub mod shipped;
mod text;
pub mod topo;

use crate::answers::missions::Region;
use crate::dataset::{Dataset, Mission, PartialDate, Status, SNAPSHOT_2017};
use crate::i18n::Lang;
use crate::reply::{Reply, Tone};
use canvas::Canvas;
use once_cell::sync::Lazy;
use projection::{Bounds, View};
use tiny_skia::Color;
use topo::World;

/// The world outlines, parsed once on first use.
static WORLD: Lazy<Result<World, String>> = Lazy::new(|| {
    let world = World::parse(include_str!("../../data/world/countries-50m.json"))
        .map_err(|e| e.to_string());
    // Parsing holds about twice what it keeps; give the rest back.
    release_free_memory();
    world
});

pub fn world() -> Result<&'static World, String> {
    WORLD.as_ref().map_err(Clone::clone)
}

/// Parses the outlines and the font now, so the first map is as fast as the next.
pub fn warm_up() {
    let _ = world();
    text::warm_up();
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
        let options: Vec<(String, crate::query::OptionValue)> =
            [("status", status), ("as_of", as_of)]
                .into_iter()
                .filter_map(|(k, v)| {
                    Some((k.to_owned(), crate::query::OptionValue::Text(v?.to_owned())))
                })
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
    /// Drawn now, or drawn ahead of time and embedded ([`shipped`]): shared,
    /// so a copy is a count, not the bytes.
    pub bytes: bytes::Bytes,
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
    let outline = main
        .first()?
        .iter()
        .map(|&(lon, lat)| (f64::from(lon), f64::from(lat)));
    for (lon, lat) in outline.chain(points.iter().copied()) {
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
