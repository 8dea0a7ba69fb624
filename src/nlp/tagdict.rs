//! The tag dictionary: which Penn Treebank tags an English word can take, from a lexicon
//! of the WSJ and Brown corpora (`data/models/tagdict.txt`, built by
//! `scripts/build_tag_dictionary.py`). CoNLL-2003's POS column was produced by a tagger
//! trained on the WSJ, so the tags a word had there tell the POS model what training on
//! 200k Reuters tokens cannot: that "Belgium" may be `NN`, or which tags a word unseen in
//! training takes.
//!
//! A word is looked up as written, then lowercased; the features tell the two apart. The
//! bundled dictionary is a table baked in at compile time by `build.rs`
//! ([`super::tagdict_table`]), so loading it costs nothing.

use super::hash_core::{hash_bytes, mix};
use super::tagdict_table::{self, WORD_SEED, probe};

/// Feature values of a word: its ambiguity class (the whole tag list) and its first
/// (most frequent) tag, or [`TagDict::UNKNOWN`] for both.
pub type TagClass = [u64; 2];

/// The bundled table (see [`super::tagdict_table`] for the layout).
static BUILTIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tagdict.bin"));

const CLASS_SEED: u64 = 0x7464_636c_6173;
const FIRST_SEED: u64 = 0x7464_6669_7273;

#[derive(Debug)]
enum Slots {
    /// Little-endian `u64`s, read in place.
    Bytes(&'static [u8]),
    Owned(Vec<u64>),
}

/// Word -> [`TagClass`] lookups over a [`tagdict_table`] table.
#[derive(Debug)]
pub struct TagDict {
    slots: Slots,
    n_slots: usize,
    words: usize,
    classes: Vec<TagClass>,
    fingerprint: u64,
}

impl Default for TagDict {
    fn default() -> TagDict {
        TagDict::parse("")
    }
}

impl TagDict {
    pub const UNKNOWN: TagClass = [0x7464_756e, 0x7464_756e];

    /// The dictionary bundled with the binary.
    pub fn builtin() -> TagDict {
        TagDict::from_bytes(BUILTIN).unwrap_or_default()
    }

    /// Parses `word<TAB>TAG TAG ...` lines; lines without a tab or tags are skipped.
    pub fn parse(text: &str) -> TagDict {
        let t = tagdict_table::build(text);
        TagDict {
            n_slots: t.slots.len(),
            words: t.slots.iter().filter(|&&s| s != 0).count(),
            slots: Slots::Owned(t.slots),
            classes: t.classes.iter().map(|c| class_hashes(c)).collect(),
            fingerprint: t.fingerprint,
        }
    }

    /// Reads a serialised table; `None` if it is malformed.
    fn from_bytes(b: &'static [u8]) -> Option<TagDict> {
        let u64_at = |o: usize| Some(u64::from_le_bytes(b.get(o..o + 8)?.try_into().ok()?));
        let u32_at = |o: usize| Some(u32::from_le_bytes(b.get(o..o + 4)?.try_into().ok()?));
        let fingerprint = u64_at(0)?;
        let n_slots = u32_at(8)? as usize;
        let n_classes = u32_at(12)? as usize;
        let mut at = 16;
        let mut classes = Vec::with_capacity(n_classes);
        for _ in 0..n_classes {
            let len = u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize;
            let text = std::str::from_utf8(b.get(at + 2..at + 2 + len)?).ok()?;
            classes.push(class_hashes(text));
            at += 2 + len;
        }
        let slots = b.get(at..)?;
        if slots.len() != n_slots * 8 || !n_slots.is_power_of_two() {
            return None;
        }
        let words = slots.chunks_exact(8).filter(|c| c != &[0; 8]).count();
        Some(TagDict {
            slots: Slots::Bytes(slots),
            n_slots,
            words,
            classes,
            fingerprint,
        })
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words
    }

    pub fn is_empty(&self) -> bool {
        self.words == 0
    }

    /// Identifies the dictionary's source text.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    fn get(&self, word: &str) -> Option<TagClass> {
        let h = hash_bytes(WORD_SEED, word.as_bytes());
        let class = match &self.slots {
            Slots::Bytes(b) => probe(self.n_slots, h, |i| {
                let mut a = [0u8; 8];
                a.copy_from_slice(&b[i * 8..i * 8 + 8]);
                u64::from_le_bytes(a)
            }),
            Slots::Owned(v) => probe(self.n_slots, h, |i| v[i]),
        }?;
        self.classes.get(class).copied()
    }

    /// The class of `word` as written, else of its lowercase form (marked as such), else
    /// [`TagDict::UNKNOWN`]. `lower` is the word lowercased, or the word itself.
    pub fn lookup(&self, word: &str, lower: &str) -> TagClass {
        if let Some(c) = self.get(word) {
            return c;
        }
        if lower != word {
            if let Some(c) = self.get(lower) {
                return c.map(|h| mix(h, 0x006c_6f77_6572));
            }
        }
        TagDict::UNKNOWN
    }
}

/// The feature values of a tag list: the whole list and its first tag.
fn class_hashes(tags: &str) -> TagClass {
    let first = tags.split(' ').next().unwrap_or("");
    [
        hash_bytes(CLASS_SEED, tags.as_bytes()),
        hash_bytes(FIRST_SEED, first.as_bytes()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &str = "Belgium\tNNP NN\nrun\tVB NN VBN\nwalk\tVB NN\nbad line\nrun\tNN\n";

    #[test]
    fn words_with_the_same_tags_share_a_class_and_first_tags_are_kept_apart() {
        let d = TagDict::parse(DICT);
        assert_eq!(d.len(), 3, "a repeated word keeps its first entry");
        let (run, walk) = (d.lookup("run", "run"), d.lookup("walk", "walk"));
        assert_ne!(run[0], walk[0], "different tag lists");
        assert_eq!(run[1], walk[1], "same first tag");
        assert_ne!(d.lookup("Belgium", "belgium")[1], run[1]);
    }

    #[test]
    fn a_capitalised_word_falls_back_to_its_lowercase_form_marked_as_such() {
        let d = TagDict::parse(DICT);
        let run = d.lookup("run", "run");
        let capital = d.lookup("Run", "run");
        assert_ne!(capital, TagDict::UNKNOWN);
        assert_ne!(capital, run);
        assert_eq!(d.lookup("belgium", "belgium"), TagDict::UNKNOWN);
        assert_eq!(d.lookup("", ""), TagDict::UNKNOWN);
        assert_eq!(TagDict::parse("").lookup("run", "run"), TagDict::UNKNOWN);
    }

    #[test]
    fn the_table_baked_in_at_build_time_equals_the_parsed_text() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/models/tagdict.txt"
        ))
        .unwrap();
        let (baked, parsed) = (TagDict::builtin(), TagDict::parse(&text));
        assert!(baked.len() > 90_000, "{} words", baked.len());
        assert_eq!(baked.len(), parsed.len());
        assert_eq!(baked.fingerprint(), parsed.fingerprint());
        for line in text.lines().step_by(97) {
            let word = line.split('\t').next().unwrap();
            let lower = word.to_lowercase();
            assert_eq!(
                baked.lookup(word, &lower),
                parsed.lookup(word, &lower),
                "{word}"
            );
            assert_ne!(baked.lookup(word, &lower), TagDict::UNKNOWN, "{word}");
        }
        assert_eq!(baked.lookup("Zzyzxq", "zzyzxq"), TagDict::UNKNOWN);
    }

    #[test]
    fn a_truncated_table_is_rejected() {
        assert!(TagDict::from_bytes(&BUILTIN[..BUILTIN.len() - 3]).is_none());
        assert!(TagDict::from_bytes(&BUILTIN[..10]).is_none());
        assert!(TagDict::from_bytes(&[]).is_none());
    }
}
