//! Gazetteers for NER features: plain-text name lists in `data/models/lexicon/`, built by
//! `scripts/build_tagger_lexicon.py` from reference facts (never from corpus text).
//!
//! Names are matched as lowercased token sequences; each token learns which lists it is
//! the Beginning, Inside, Last token or Unit of. A fingerprint of the lists is stored in
//! the NER model so a model never runs with lists other than those it was trained with.

use std::sync::OnceLock;

use super::clusters::Clusters;
use super::hashing::{FxHashMap, hash_bytes, hash_lower, mix};
use super::tagdict::TagDict;

/// The lists, in bit order. Each list's matches set 4 bits (B, I, L, U) in a token's mask.
pub const LISTS: [(&str, &str); 7] = [
    (
        "countries",
        include_str!("../../data/models/lexicon/countries.txt"),
    ),
    (
        "demonyms",
        include_str!("../../data/models/lexicon/demonyms.txt"),
    ),
    (
        "places",
        include_str!("../../data/models/lexicon/places.txt"),
    ),
    (
        "organizations",
        include_str!("../../data/models/lexicon/organizations.txt"),
    ),
    (
        "first_names",
        include_str!("../../data/models/lexicon/first_names.txt"),
    ),
    (
        "people",
        include_str!("../../data/models/lexicon/people.txt"),
    ),
    ("misc", include_str!("../../data/models/lexicon/misc.txt")),
];

/// Longest name, in tokens, that is matched.
const MAX_TOKENS: usize = 6;

/// Token-sequence gazetteer: hash of a lowercased token prefix -> bitmask of the lists
/// holding exactly that sequence (0 when it is only the start of a longer name).
#[derive(Debug, Default)]
pub struct Lexicon {
    entries: FxHashMap<u64, u8>,
    fingerprint: u64,
    /// Word clusters (`data/models/clusters.txt`), also part of the fingerprint.
    pub clusters: Clusters,
    clusters_fingerprint: u64,
    /// The tag dictionary (`data/models/tagdict.txt`), a POS feature.
    pub tagdict: TagDict,
    tagdict_fingerprint: u64,
}

/// Induced word clusters, `word<TAB>bit path` per line (see [`super::clusters`]).
pub const CLUSTERS: &str = include_str!("../../data/models/clusters.txt");

/// Seed for hashing one lowercased token inside a name.
const TOKEN_SEED: u64 = 0x6c65_7869_636f_6e31;

#[inline]
fn step(h: u64, token_hash: u64) -> u64 {
    mix(h.wrapping_add(1), token_hash)
}

impl Lexicon {
    /// Builds a lexicon from `(list index, text)` pairs, one name per line.
    pub fn from_lists<'a>(lists: impl IntoIterator<Item = (usize, &'a str)>) -> Lexicon {
        let mut entries: FxHashMap<u64, u8> = FxHashMap::default();
        let mut fingerprint = 0u64;
        let mut buf = String::new();
        for (bit, text) in lists {
            fingerprint = mix(fingerprint, hash_bytes(bit as u64, text.as_bytes()));
            for line in text.lines() {
                let tokens: Vec<&str> = line.split_whitespace().collect();
                if tokens.is_empty() || tokens.len() > MAX_TOKENS {
                    continue;
                }
                let mut h = 0u64;
                for (i, t) in tokens.iter().enumerate() {
                    h = step(h, hash_lower(TOKEN_SEED, t, &mut buf));
                    let e = entries.entry(h).or_insert(0);
                    if i + 1 == tokens.len() {
                        *e |= 1 << bit;
                    }
                }
            }
        }
        Lexicon {
            entries,
            fingerprint,
            clusters: Clusters::default(),
            clusters_fingerprint: 0,
            tagdict: TagDict::default(),
            tagdict_fingerprint: 0,
        }
    }

    /// Adds word clusters and folds them into the fingerprint.
    pub fn with_clusters(mut self, text: &str) -> Lexicon {
        self.clusters_fingerprint = hash_bytes(0x636c, text.as_bytes());
        self.fingerprint = mix(self.fingerprint, self.clusters_fingerprint);
        self.clusters = Clusters::parse(text);
        self
    }

    /// Adds a tag dictionary; it enters [`Lexicon::word_fingerprint`] only (NER features
    /// do not read it).
    pub fn with_tagdict(mut self, dict: TagDict) -> Lexicon {
        self.tagdict_fingerprint = dict.fingerprint();
        self.tagdict = dict;
        self
    }

    /// The lists bundled in `data/models/lexicon/`, parsed once.
    pub fn builtin() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            Lexicon::from_lists(LISTS.iter().enumerate().map(|(i, (_, t))| (i, *t)))
                .with_clusters(CLUSTERS)
                .with_tagdict(TagDict::builtin())
        })
    }

    /// Identifies the name lists and clusters (what NER features depend on).
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Identifies the clusters and the tag dictionary (the per-word resources POS and
    /// chunk features depend on).
    pub fn word_fingerprint(&self) -> u64 {
        mix(self.clusters_fingerprint, self.tagdict_fingerprint)
    }

    /// Per-token match masks: bit `4 * list + k` with k = 0 B, 1 I, 2 L, 3 U.
    /// `lower` holds each token's hash under [`token_hash`].
    pub fn matches(&self, lower: &[u64], out: &mut Vec<u32>) {
        out.clear();
        out.resize(lower.len(), 0);
        for start in 0..lower.len() {
            let mut h = 0u64;
            for end in start..(start + MAX_TOKENS).min(lower.len()) {
                h = step(h, lower[end]);
                let Some(&lists) = self.entries.get(&h) else {
                    break;
                };
                let mut l = lists;
                while l != 0 {
                    let bit = l.trailing_zeros();
                    l &= l - 1;
                    if end == start {
                        out[start] |= 1 << (4 * bit + 3);
                    } else {
                        out[start] |= 1 << (4 * bit);
                        for m in out.iter_mut().take(end).skip(start + 1) {
                            *m |= 1 << (4 * bit + 1);
                        }
                        out[end] |= 1 << (4 * bit + 2);
                    }
                }
            }
        }
    }
}

/// The hash of one token as the lexicon sees it (lowercased).
#[inline]
pub fn token_hash(token: &str, buf: &mut String) -> u64 {
    hash_lower(TOKEN_SEED, token, buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_longest_and_nested_names_by_position() {
        let lex = Lexicon::from_lists([(0, "new york\nyork\n"), (1, "john\n")]);
        let mut buf = String::new();
        let words = ["John", "left", "NEW", "York", "today"];
        let hashes: Vec<u64> = words.iter().map(|w| token_hash(w, &mut buf)).collect();
        let mut m = Vec::new();
        lex.matches(&hashes, &mut m);
        let (b0, l0, u0, u1) = (1 << 0, 1 << 2, 1 << 3, 1 << 7);
        assert_eq!(m, vec![u1, 0, b0, l0 | u0, 0]);
    }

    #[test]
    fn builtin_lists_are_sorted_unique_and_nonempty() {
        for (name, text) in LISTS {
            let lines: Vec<&str> = text.lines().collect();
            // misc comes only from Wikidata, which the default build leaves out.
            assert!(!lines.is_empty() || name == "misc", "{name} is empty");
            assert!(
                lines.windows(2).all(|w| w[0] < w[1]),
                "{name} is not sorted and unique"
            );
            assert!(
                lines.iter().all(|l| !l.trim().is_empty() && l.trim() == *l),
                "{name} has blank or padded lines"
            );
        }
    }
}
