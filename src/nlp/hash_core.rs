//! The two hashing primitives every feature and dictionary key is built from. They live
//! apart from [`super::hashing`] so that `build.rs` can compile them too (it builds the
//! tag dictionary's table with exactly these functions).

const K: u64 = 0x517c_c1b7_2722_0a95;

/// One FxHash step: cheap, good enough once finished with `hashing::finish`.
#[inline(always)]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Hashes bytes eight at a time.
#[inline]
pub fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = mix(seed, bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(a));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut a = [0u8; 8];
        a[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(a));
    }
    h
}
