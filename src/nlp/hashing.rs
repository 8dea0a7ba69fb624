//! Feature hashing: every feature is a `u64` built from a template id and hashed values.
//!
//! Training and tagging go through exactly these functions, so a model's keys are only
//! valid for this hashing; changing it means bumping [`super::modelfile::FORMAT_VERSION`].

pub use super::hash_core::{hash_bytes, mix};

/// Murmur3's finaliser: spreads the bits so the top bits index tables well.
#[inline(always)]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// Hashes a string as if lowercased, without allocating for ASCII input.
#[inline]
pub fn hash_lower(seed: u64, s: &str, buf: &mut String) -> u64 {
    if s.is_ascii() {
        if !s.bytes().any(|b| b.is_ascii_uppercase()) {
            return hash_bytes(seed, s.as_bytes());
        }
        buf.clear();
        buf.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        buf.clear();
        for c in s.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    hash_bytes(seed, buf.as_bytes())
}

/// A feature key from a template id and one value.
#[inline(always)]
pub fn key1(template: u64, a: u64) -> u64 {
    nonzero(finish(mix(mix(0, template), a)))
}

/// A feature key from a template id and two values.
#[inline(always)]
pub fn key2(template: u64, a: u64, b: u64) -> u64 {
    nonzero(finish(mix(mix(mix(0, template), a), b)))
}

/// A feature key from a template id and three values.
#[inline(always)]
pub fn key3(template: u64, a: u64, b: u64, c: u64) -> u64 {
    nonzero(finish(mix(mix(mix(mix(0, template), a), b), c)))
}

/// Zero marks an empty slot in [`super::perceptron::WeightTable`].
#[inline(always)]
fn nonzero(h: u64) -> u64 {
    if h == 0 { 1 } else { h }
}

/// A `BuildHasher` for maps keyed by already-hashed `u64`s (and small keys in general).
#[derive(Clone, Copy, Default)]
pub struct FxBuild;

#[derive(Default)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(self.0, bytes);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = mix(self.0, i);
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = mix(self.0, u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.0 = mix(self.0, i as u64);
    }
}

impl std::hash::BuildHasher for FxBuild {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

pub type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;
pub type FxHashSet<K> = std::collections::HashSet<K, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_hash_matches_hash_of_lowercased_text() {
        let mut buf = String::new();
        for s in ["Paris", "PARIS", "paris", "Zürich", "ÉCOLE", "a-B.c"] {
            let lowered = s.to_lowercase();
            assert_eq!(
                hash_lower(7, s, &mut buf),
                hash_bytes(7, lowered.as_bytes()),
                "{s}"
            );
        }
    }

    #[test]
    fn keys_differ_by_template_and_value() {
        assert_ne!(key1(1, 5), key1(2, 5));
        assert_ne!(key1(1, 5), key1(1, 6));
        assert_ne!(key2(1, 5, 6), key2(1, 6, 5));
        assert_ne!(hash_bytes(0, b"ab"), hash_bytes(0, b"ab\0"));
    }
}
