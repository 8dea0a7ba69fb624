//! The tag dictionary's lookup table, in the form `build.rs` bakes into the binary (so the
//! bundled dictionary costs nothing to load) and [`super::tagdict::TagDict::parse`] builds
//! at run time. `build.rs` compiles this file and [`super::hash_core`] as its own modules,
//! so both sides hash and lay out words identically.
//!
//! Open addressing with linear probing over `2^k` slots. A slot holds the word hash with
//! its low 16 bits replaced by the word's class index + 1; 0 is an empty slot. The low
//! bits of the hash pick the first slot, the high 48 bits identify the word.
//!
//! Serialised: fingerprint (u64), slot count (u32), class count (u32), each class as a
//! u16 byte length and its text ("NNP NN"), then the slots; all little-endian.

use super::hash_core::hash_bytes;

/// Seed of a word's hash.
pub const WORD_SEED: u64 = 0x7464_776f_7264;
/// Seed of the fingerprint over the whole dictionary text.
pub const FINGERPRINT_SEED: u64 = 0x7464;

const CLASS_BITS: u64 = 0xffff;

/// A built table: slots, class texts and the fingerprint of the source text.
#[derive(Debug, Default)]
pub struct Table {
    pub slots: Vec<u64>,
    pub classes: Vec<String>,
    pub fingerprint: u64,
}

/// The slot value of a word with hash `h` and class `class`.
pub fn slot_value(h: u64, class: usize) -> u64 {
    (h & !CLASS_BITS) | (class as u64 + 1)
}

/// Finds a word hash in slots read through `slot(i)`; returns its class index.
#[inline]
pub fn probe(n_slots: usize, h: u64, slot: impl Fn(usize) -> u64) -> Option<usize> {
    if n_slots == 0 {
        return None;
    }
    let mask = n_slots - 1;
    let mut i = h as usize & mask;
    for _ in 0..n_slots {
        let v = slot(i);
        if v == 0 {
            return None;
        }
        if v & !CLASS_BITS == h & !CLASS_BITS {
            return Some((v & CLASS_BITS) as usize - 1);
        }
        i = (i + 1) & mask;
    }
    None
}

/// Builds the table from `word<TAB>TAG TAG ...` lines. Lines without a tab or tags are
/// skipped; a word listed twice keeps its first entry; at most 65,535 distinct classes.
pub fn build(text: &str) -> Table {
    let mut entries: Vec<(u64, usize)> = Vec::new();
    let mut classes: Vec<String> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for line in text.lines() {
        let Some((word, tags)) = line.split_once('\t') else {
            continue;
        };
        if tags.split(' ').next().is_none_or(str::is_empty) {
            continue;
        }
        let next = classes.len();
        let class = *index.entry(tags).or_insert(next);
        if class == next {
            if next as u64 >= CLASS_BITS {
                continue;
            }
            classes.push(tags.to_string());
        }
        entries.push((hash_bytes(WORD_SEED, word.as_bytes()), class));
    }
    let n_slots = (entries.len() * 2).next_power_of_two().max(8);
    let mut slots = vec![0u64; n_slots];
    for (h, class) in entries {
        if probe(n_slots, h, |i| slots[i]).is_some() {
            continue;
        }
        let mut i = h as usize & (n_slots - 1);
        while slots[i] != 0 {
            i = (i + 1) & (n_slots - 1);
        }
        slots[i] = slot_value(h, class);
    }
    Table {
        slots,
        classes,
        fingerprint: hash_bytes(FINGERPRINT_SEED, text.as_bytes()),
    }
}

impl Table {
    /// The serialised form (see the module documentation).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.slots.len() * 8);
        out.extend_from_slice(&self.fingerprint.to_le_bytes());
        out.extend_from_slice(&(self.slots.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.classes.len() as u32).to_le_bytes());
        for c in &self.classes {
            out.extend_from_slice(&(c.len() as u16).to_le_bytes());
            out.extend_from_slice(c.as_bytes());
        }
        for s in &self.slots {
            out.extend_from_slice(&s.to_le_bytes());
        }
        out
    }
}
