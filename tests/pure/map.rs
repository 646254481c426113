//! Maps: the PNG, the projection, markers inside their countries, status colours.

use missionbot::dataset::{self, PartialDate, Status};
use missionbot::map::{self, topo, MapQuery, Marker};

fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a PNG frame");
    buf.truncate(info.buffer_size());
    let (w, h) = (info.width, info.height);
    // Expand to RGB whatever the colour type.
    let palette = reader.info().palette.as_ref().map(|p| p.to_vec());
    let rgb = match (info.color_type, palette) {
        (png::ColorType::Indexed, Some(p)) => buf
            .iter()
            .flat_map(|&i| p[i as usize * 3..i as usize * 3 + 3].to_vec())
            .collect(),
        (png::ColorType::Rgb, _) => buf,
        (png::ColorType::Rgba, _) => buf.chunks(4).flat_map(|c| c[..3].to_vec()).collect(),
        other => panic!("unexpected colour type {other:?}"),
    };
    (w, h, rgb)
}

fn pixel(rgb: &[u8], w: u32, x: f32, y: f32) -> [u8; 3] {
    let i = ((y.round() as u32 * w + x.round() as u32) * 3) as usize;
    [rgb[i], rgb[i + 1], rgb[i + 2]]
}

#[test]
fn the_world_map_is_a_png_of_the_expected_size_and_weight() {
    let (reply, png) = map::mission_map(dataset::embedded(), &MapQuery::default()).unwrap();
    let (w, h, _) = decode(&png.bytes);
    assert_eq!((w, h), map::WORLD_SIZE);
    assert!(png.bytes.len() < 300_000, "{} bytes", png.bytes.len());
    assert!(reply.title.contains("the world"));
    assert!(!reply.sources.is_empty(), "the map cites its sources");
}

#[test]
fn the_projection_puts_known_cities_at_the_expected_pixels() {
    // Expected values from an independent implementation of Equal Earth
    // (x = λ·cosθ / (M·(A1 + 3A2θ² + θ⁶(7A3 + 9A4θ²)))), fitted the same way.
    let view = map::map_view(map::WORLD_BOUNDS);
    for (name, lon, lat, x, y) in [
        ("Madrid", -3.70, 40.42, 785.7, 218.3),
        ("Beijing", 116.40, 39.90, 1251.9, 221.0),
        ("Lima", -77.04, -12.05, 466.3, 516.8),
    ] {
        let (px, py) = view.pixel(lon, lat);
        assert!(
            (px - x).abs() < 1.0 && (py - y).abs() < 1.0,
            "{name}: ({px}, {py}) not ({x}, {y})"
        );
    }
}

#[test]
fn markers_are_drawn_in_their_status_colour_where_the_cities_are() {
    let data = dataset::embedded();
    let world = map::world().unwrap();
    let view = map::map_view(map::WORLD_BOUNDS);
    let colour_at = |query: &MapQuery, id: &str| {
        let (_, png) = map::mission_map(data, query).unwrap();
        let (w, _, rgb) = decode(&png.bytes);
        let m = data.missions.iter().find(|m| m.id == id).unwrap();
        let (lon, lat) = map::marker_position(world, data, m);
        let (x, y) = view.pixel(lon, lat);
        pixel(&rgb, w, x, y)
    };
    let latest = MapQuery::default();
    assert_eq!(
        colour_at(&latest, "es-madrid"),
        [214, 39, 40],
        "Madrid closed since 2017: red"
    );
    assert_eq!(
        colour_at(&latest, "cn-beijing"),
        [31, 102, 180],
        "Beijing open: blue"
    );
    assert_eq!(
        colour_at(&latest, "pe-lima"),
        [31, 102, 180],
        "Lima open: blue"
    );
    let in_2017 = MapQuery {
        as_of: PartialDate::parse("2017-09-30"),
        ..MapQuery::default()
    };
    assert_eq!(
        colour_at(&in_2017, "es-madrid"),
        [31, 102, 180],
        "Madrid was open in Sept 2017"
    );
}

#[test]
fn every_marker_lies_inside_its_host_countrys_outline() {
    let data = dataset::embedded();
    let world = map::world().unwrap();
    for m in &data.missions {
        let country = data.country(&m.country).unwrap();
        let shape = world
            .countries
            .get(country.numeric.as_ref().unwrap())
            .unwrap_or_else(|| panic!("no outline for {}", country.name));
        let (lon, lat) = map::marker_position(world, data, m);
        assert!(
            topo::shape_contains(shape, (lon, lat)),
            "{} at ({lon}, {lat}) is outside {}",
            m.id,
            country.name
        );
        assert!(
            (lon - m.lon).abs() < 0.3 && (lat - m.lat).abs() < 0.3,
            "{} moved too far",
            m.id
        );
    }
}

#[test]
fn status_filter_and_dates_choose_the_markers() {
    let data = dataset::embedded();
    let madrid = data.missions.iter().find(|m| m.id == "es-madrid").unwrap();
    assert_eq!(
        map::marker_for(madrid, None, None),
        Some(Marker::ClosedSince2017)
    );
    assert_eq!(
        map::marker_for(madrid, PartialDate::parse("2017-09-30"), None),
        Some(Marker::Open)
    );
    assert_eq!(map::marker_for(madrid, None, Some(Status::Open)), None);
    let canberra = data
        .missions
        .iter()
        .find(|m| m.id == "au-canberra")
        .unwrap();
    assert_eq!(
        map::marker_for(canberra, None, None),
        None,
        "closed before 2017: not drawn"
    );
}

#[test]
fn regions_and_locators_render_and_unknown_regions_are_refused() {
    let data = dataset::embedded();
    let (reply, png) = map::mission_map(
        data,
        &MapQuery {
            region: Some("Africa".into()),
            ..MapQuery::default()
        },
    )
    .unwrap();
    assert!(reply.title.contains("Africa"));
    assert_eq!(decode(&png.bytes).0, map::WORLD_SIZE.0);
    assert!(map::mission_map(
        data,
        &MapQuery {
            region: Some("Narnia".into()),
            ..MapQuery::default()
        }
    )
    .is_err());
    let en = missionbot::i18n::Lang::ENGLISH;
    let locator = map::locator_map(data, "ES", en).unwrap();
    assert_eq!((locator.width, locator.height), map::LOCATOR_SIZE);
    decode(&locator.bytes);
    // A thumbnail of a few KB for every host country, not a 15-30 KB picture.
    let mut largest = 0;
    for host in data.host_countries() {
        if let Some(png) = map::locator_map(data, &host.iso2, en) {
            largest = largest.max(png.bytes.len());
        }
    }
    eprintln!("largest locator: {largest} bytes");
    assert!(largest < 16_000, "largest locator {largest} bytes");
    if let Ok(dir) = std::env::var("MISSIONBOT_SAVE_LOCATOR") {
        std::fs::write(format!("{dir}/locator-ES.png"), &locator.bytes).unwrap();
    }
    assert!(map::locator_map(data, "CL", en).is_some() || data.missions_in("CL").next().is_none());
}

/// Issue 30: the locator labels each mission's city in the reader's
/// language, and the embedded fonts draw every Korean city name.
#[test]
fn locators_label_cities_in_the_readers_language() {
    let data = dataset::embedded();
    let ko = missionbot::i18n::Lang::from_locale("ko");
    for m in &data.missions {
        assert!(
            map::can_draw(m.city_in(ko)),
            "{}: {}",
            m.city,
            m.city_in(ko)
        );
    }
    let en = missionbot::i18n::Lang::ENGLISH;
    for iso2 in ["KW", "ES", "CH"] {
        let english = decode(&map::locator_map(data, iso2, en).unwrap().bytes).2;
        let korean_png = map::locator_map(data, iso2, ko).unwrap();
        if let Ok(dir) = std::env::var("MISSIONBOT_SAVE_LOCATOR") {
            std::fs::write(format!("{dir}/locator-{iso2}-ko.png"), &korean_png.bytes).unwrap();
        }
        let korean = decode(&korean_png.bytes).2;
        let differ = english.iter().zip(&korean).filter(|(a, b)| a != b).count();
        // The labels differ, the map under them does not.
        assert!(differ > 40, "{iso2}: {differ} pixels differ");
        assert!(
            differ < english.len() / 10,
            "{iso2}: {differ} pixels differ"
        );
    }
}
