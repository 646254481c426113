//! PNG palette reduction: opaque RGBA pixels mapped to at most 256
//! colours, with the fast hasher the colour counts use. Kept apart from
//! the drawing because it is plain pixel arithmetic on the finished image
//! and needs nothing of tiny-skia or the maps.

/// Maps opaque RGBA pixels to at most 256 colours: the most frequent
/// colours exactly, any others to the nearest of those.
pub(super) fn quantize(rgba: &[u8]) -> (Vec<[u8; 3]>, Vec<u8>) {
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
