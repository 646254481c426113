//! Decodes the world-atlas TopoJSON (quantized, delta-encoded arcs) into
//! country outlines in longitude/latitude.

use super::projection::{equal_earth, Bounds};
use serde::Deserialize;
use std::collections::HashMap;

/// A point as kept: `f32`, half the bytes of `f64` and still about a metre
/// at the equator in degrees, far finer than a pixel of any map drawn here
/// (the outlines are the largest thing a process holds once it has drawn a
/// `/map`; BENCHMARKS.md §13).
pub type Point = (f32, f32);

/// A ring of (lon, lat) points; the first ring of a polygon is its outer
/// boundary, the others are holes.
pub type Ring = Vec<Point>;
pub type Polygon = Vec<Ring>;

#[derive(Deserialize)]
struct Topology {
    arcs: Vec<Vec<[i32; 2]>>,
    transform: Transform,
    objects: Objects,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Objects {
    countries: Collection,
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: String,
    id: Option<String>,
    #[serde(default)]
    arcs: serde_json::Value,
}

/// Country outlines keyed by ISO 3166-1 numeric code ("408" is North Korea).
#[derive(Debug, Default)]
pub struct World {
    /// Outlines in longitude/latitude, for containment tests.
    pub countries: HashMap<String, Vec<Polygon>>,
    /// The same rings projected (Equal Earth plane), split at the antimeridian, ready to fill.
    pub plane_rings: HashMap<String, Vec<Ring>>,
    /// Every arc once, projected and broken where it jumps over the antimeridian: the borders.
    pub plane_arcs: Vec<Ring>,
    /// Bounding boxes in the plane (min x, min y, max x, max y), to skip what a view does not show.
    pub country_bounds: HashMap<String, Bounds>,
    pub arc_bounds: Vec<Bounds>,
}

/// The bounding box of projected points.
pub fn bounds_of<'a>(points: impl IntoIterator<Item = &'a Point>) -> Bounds {
    points.into_iter().fold(
        (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
        |(a, b, c, d), &(x, y)| {
            let (x, y) = (f64::from(x), f64::from(y));
            (a.min(x), b.min(y), c.max(x), d.max(y))
        },
    )
}

/// A lon/lat point projected to the Equal Earth plane, as kept.
pub fn project((lon, lat): Point) -> Point {
    let (x, y) = equal_earth(f64::from(lon), f64::from(lat));
    (x as f32, y as f32)
}

#[derive(Debug, thiserror::Error)]
#[error("world outlines: {0}")]
pub struct TopoError(String);

impl World {
    pub fn parse(text: &str) -> Result<World, TopoError> {
        let topo: Topology = serde_json::from_str(text).map_err(|e| TopoError(e.to_string()))?;
        let arcs: Vec<Ring> = topo
            .arcs
            .iter()
            .map(|arc| decode_arc(arc, &topo.transform))
            .collect();
        let mut world = World::default();
        for g in topo.objects.countries.geometries {
            let Some(id) = g.id else { continue };
            let polygons = match g.kind.as_str() {
                "Polygon" => vec![polygon(&g.arcs, &arcs)?],
                "MultiPolygon" => g
                    .arcs
                    .as_array()
                    .ok_or_else(|| TopoError(format!("{id}: MultiPolygon without arcs")))?
                    .iter()
                    .map(|p| polygon(p, &arcs))
                    .collect::<Result<_, _>>()?,
                _ => continue,
            };
            let rings = world.plane_rings.entry(id.clone()).or_default();
            for ring in polygons.iter().flatten() {
                for variant in antimeridian_variants(ring) {
                    rings.push(variant.into_iter().map(project).collect());
                }
            }
            world.countries.entry(id).or_default().extend(polygons);
        }
        for arc in &arcs {
            let mut piece: Ring = Vec::new();
            for (i, &point) in arc.iter().enumerate() {
                if i > 0 && (point.0 - arc[i - 1].0).abs() > 180.0 {
                    world.plane_arcs.push(std::mem::take(&mut piece));
                }
                piece.push(project(point));
            }
            world.plane_arcs.push(piece);
        }
        world.arc_bounds = world
            .plane_arcs
            .iter()
            .map(|a| bounds_of(a.iter()))
            .collect();
        world.country_bounds = world
            .plane_rings
            .iter()
            .map(|(id, rings)| (id.clone(), bounds_of(rings.iter().flatten())))
            .collect();
        Ok(world)
    }
}

/// The ring as it should be drawn: itself, or, when it crosses the
/// antimeridian (Fiji, Chukotka), its unwrapped form on each side with
/// longitudes clamped to ±180°, so that no edge runs across the map.
pub fn antimeridian_variants(ring: &[Point]) -> Vec<Ring> {
    let mut unwrapped = Vec::with_capacity(ring.len());
    let mut offset = 0.0;
    for (i, &(lon, lat)) in ring.iter().enumerate() {
        if i > 0 {
            let previous = ring[i - 1].0;
            if lon - previous > 180.0 {
                offset -= 360.0;
            } else if previous - lon > 180.0 {
                offset += 360.0;
            }
        }
        unwrapped.push((lon + offset, lat));
    }
    let beyond_east = unwrapped.iter().any(|(lon, _)| *lon > 180.0);
    let beyond_west = unwrapped.iter().any(|(lon, _)| *lon < -180.0);
    if !beyond_east && !beyond_west {
        return vec![ring.to_vec()];
    }
    let other = if beyond_east { -360.0 } else { 360.0 };
    [0.0, other]
        .iter()
        .map(|shift| {
            unwrapped
                .iter()
                .map(|&(lon, lat)| ((lon + shift).clamp(-180.0, 180.0), lat))
                .collect()
        })
        .collect()
}

fn decode_arc(arc: &[[i32; 2]], t: &Transform) -> Ring {
    let (mut x, mut y) = (0i64, 0i64);
    arc.iter()
        .map(|&[dx, dy]| {
            x += i64::from(dx);
            y += i64::from(dy);
            (
                (x as f64 * t.scale[0] + t.translate[0]) as f32,
                (y as f64 * t.scale[1] + t.translate[1]) as f32,
            )
        })
        .collect()
}

fn polygon(rings: &serde_json::Value, arcs: &[Ring]) -> Result<Polygon, TopoError> {
    let rings = rings
        .as_array()
        .ok_or_else(|| TopoError("polygon without rings".into()))?;
    rings
        .iter()
        .map(|ring| {
            let indices = ring
                .as_array()
                .ok_or_else(|| TopoError("ring without arcs".into()))?;
            let mut points: Ring = Vec::new();
            for index in indices {
                let i = index
                    .as_i64()
                    .ok_or_else(|| TopoError("arc index is not a number".into()))?;
                // A negative index means the arc ~i, reversed.
                let (arc, reversed) = if i >= 0 {
                    (i as usize, false)
                } else {
                    ((!i) as usize, true)
                };
                let arc = arcs
                    .get(arc)
                    .ok_or_else(|| TopoError(format!("arc {arc} does not exist")))?;
                let mut pts: Ring = arc.clone();
                if reversed {
                    pts.reverse();
                }
                let skip = usize::from(!points.is_empty());
                points.extend(pts.into_iter().skip(skip));
            }
            Ok(points)
        })
        .collect()
}

/// Even-odd test of a point against one ring.
pub fn ring_contains(ring: &[Point], (x, y): (f64, f64)) -> bool {
    let at = |k: usize| (f64::from(ring[k].0), f64::from(ring[k].1));
    let mut inside = false;
    let mut j = ring.len().wrapping_sub(1);
    for i in 0..ring.len() {
        let (xi, yi) = at(i);
        let (xj, yj) = at(j);
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Whether a point is inside a polygon (its outer ring and none of its holes).
pub fn polygon_contains(polygon: &Polygon, point: (f64, f64)) -> bool {
    match polygon.split_first() {
        Some((outer, holes)) => {
            ring_contains(outer, point) && !holes.iter().any(|h| ring_contains(h, point))
        }
        None => false,
    }
}

pub fn shape_contains(shape: &[Polygon], point: (f64, f64)) -> bool {
    shape.iter().any(|p| polygon_contains(p, point))
}
