//! The Equal Earth projection (Šavrič, Patterson and Jenny, 2018) and the
//! fitting of a longitude/latitude box into an image.

/// A box as (west or min x, south or min y, east or max x, north or max y).
pub type Bounds = (f64, f64, f64, f64);

const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;

/// Projects (lon, lat) in degrees to Equal Earth plane coordinates.
pub fn equal_earth(lon: f64, lat: f64) -> (f64, f64) {
    let lambda = lon.to_radians();
    let phi = lat.clamp(-90.0, 90.0).to_radians();
    let m = 3f64.sqrt() / 2.0;
    let theta = (m * phi.sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = 2.0 * 3f64.sqrt() * lambda * theta.cos()
        / (3.0 * (9.0 * A4 * t6 * t2 + 7.0 * A3 * t6 + 3.0 * A2 * t2 + A1));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

/// A lon/lat box shown in a rectangle of pixels, keeping the projection's
/// proportions (the box is widened or heightened to fit) and with y down.
#[derive(Debug, Clone, Copy)]
pub struct View {
    scale: f64,
    offset_x: f64,
    offset_y: f64,
}

impl View {
    /// Fits the projected box of `(west, south, east, north)` into a
    /// rectangle at (left, top) of the given size.
    pub fn fit(bounds: Bounds, left: f64, top: f64, width: f64, height: f64) -> View {
        let (west, south, east, north) = bounds;
        // Sample the box's edges: projected meridians curve.
        let mut min = (f64::MAX, f64::MAX);
        let mut max = (f64::MIN, f64::MIN);
        for i in 0..=16 {
            let f = f64::from(i) / 16.0;
            for (lon, lat) in [
                (west + (east - west) * f, south),
                (west + (east - west) * f, north),
                (west, south + (north - south) * f),
                (east, south + (north - south) * f),
            ] {
                let (x, y) = equal_earth(lon, lat);
                min = (min.0.min(x), min.1.min(y));
                max = (max.0.max(x), max.1.max(y));
            }
        }
        let span_x = (max.0 - min.0).max(1e-9);
        let span_y = (max.1 - min.1).max(1e-9);
        let scale = (width / span_x).min(height / span_y);
        let offset_x = left + (width - span_x * scale) / 2.0 - min.0 * scale;
        let offset_y = top + (height - span_y * scale) / 2.0 + max.1 * scale;
        View {
            scale,
            offset_x,
            offset_y,
        }
    }

    /// Pixel position of a lon/lat point.
    pub fn pixel(&self, lon: f64, lat: f64) -> (f32, f32) {
        let (x, y) = equal_earth(lon, lat);
        self.plane_pixel(x, y)
    }

    /// The plane rectangle (min x, min y, max x, max y) that an image of
    /// this size shows.
    pub fn visible_plane(&self, width: f64, height: f64) -> Bounds {
        let x0 = -self.offset_x / self.scale;
        let x1 = (width - self.offset_x) / self.scale;
        let y0 = (self.offset_y - height) / self.scale;
        let y1 = self.offset_y / self.scale;
        (x0, y0, x1, y1)
    }

    /// Pixel position of an already projected point.
    pub fn plane_pixel(&self, x: f64, y: f64) -> (f32, f32) {
        (
            (self.offset_x + x * self.scale) as f32,
            (self.offset_y - y * self.scale) as f32,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_earth_matches_reference_values() {
        // The projection's published extent: x at (180, 0) and y at the pole.
        let (x, _) = equal_earth(180.0, 0.0);
        assert!((x - 2.7064).abs() < 1e-3, "{x}");
        let (_, y) = equal_earth(0.0, 90.0);
        assert!((y - 1.3173).abs() < 1e-3, "{y}");
        assert_eq!(equal_earth(0.0, 0.0), (0.0, 0.0));
    }
}
