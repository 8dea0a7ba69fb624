//! Attachment scores: UAS and LAS over all tokens (the CoNLL 2018 convention) and without
//! punctuation (tokens whose gold UPOS is PUNCT).
//!
//! LAS compares the full relation with its subtype ("nsubj:pass" is not "nsubj"); the
//! CoNLL 2018 official LAS compares universal parts only, and is reported beside it.

use std::fmt;

use super::conllu::ConlluSentence;
use super::tree::DepTree;

/// Counts over one group of tokens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tokens: usize,
    /// Right head.
    pub heads: usize,
    /// Right head and full relation.
    pub labelled: usize,
    /// Right head and universal part of the relation.
    pub universal: usize,
}

impl Counts {
    fn pct(&self, x: usize) -> f64 {
        if self.tokens == 0 {
            0.0
        } else {
            100.0 * x as f64 / self.tokens as f64
        }
    }
    pub fn uas(&self) -> f64 {
        self.pct(self.heads)
    }
    pub fn las(&self) -> f64 {
        self.pct(self.labelled)
    }
    /// LAS on the universal part of relations (CoNLL 2018's official LAS).
    pub fn las_universal(&self) -> f64 {
        self.pct(self.universal)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AttachmentScores {
    pub all: Counts,
    pub without_punct: Counts,
    pub sentences: usize,
    /// Sentences whose every token has the right head and relation.
    pub exact: usize,
}

fn universal(label: &str) -> &str {
    label.split(':').next().unwrap_or(label)
}

/// Adds one parsed sentence to `scores`; tokens the parse lacks count as wrong.
pub fn score_sentence(gold: &ConlluSentence, parsed: &DepTree, scores: &mut AttachmentScores) {
    let mut all_right = true;
    for i in 0..gold.len() {
        let head = i < parsed.len() && parsed.head(i) == gold.heads[i];
        let full = head && parsed.label(i) == gold.labels[i];
        let univ = head && universal(parsed.label(i)) == universal(&gold.labels[i]);
        all_right &= full;
        let punct = gold.upos.get(i).is_some_and(|u| u == "PUNCT");
        let groups: &mut [&mut Counts] = if punct {
            &mut [&mut scores.all]
        } else {
            &mut [&mut scores.all, &mut scores.without_punct]
        };
        for c in groups.iter_mut() {
            c.tokens += 1;
            c.heads += usize::from(head);
            c.labelled += usize::from(full);
            c.universal += usize::from(univ);
        }
    }
    scores.sentences += 1;
    scores.exact += usize::from(all_right);
}

impl fmt::Display for AttachmentScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<22}{:>8}{:>8}{:>8}{:>18}",
            "", "tokens", "UAS", "LAS", "LAS (universal)"
        )?;
        for (name, c) in [
            ("all tokens", &self.all),
            ("without punctuation", &self.without_punct),
        ] {
            writeln!(
                f,
                "{name:<22}{:>8}{:>8.2}{:>8.2}{:>18.2}",
                c.tokens,
                c.uas(),
                c.las(),
                c.las_universal()
            )?;
        }
        writeln!(
            f,
            "{} sentences, {} ({:.2}%) parsed exactly",
            self.sentences,
            self.exact,
            if self.sentences == 0 {
                0.0
            } else {
                100.0 * self.exact as f64 / self.sentences as f64
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_heads_full_and_universal_relations_with_and_without_punctuation() {
        let gold = ConlluSentence {
            words: ["They", "were", "seen", "."].map(String::from).to_vec(),
            upos: ["PRON", "AUX", "VERB", "PUNCT"].map(String::from).to_vec(),
            heads: vec![Some(2), Some(2), None, Some(2)],
            labels: ["nsubj:pass", "aux:pass", "root", "punct"]
                .map(String::from)
                .to_vec(),
            ..Default::default()
        };
        // Right heads everywhere; "nsubj" for "nsubj:pass"; the full stop on the wrong head.
        let parsed = DepTree::from_parts(
            vec![Some(2), Some(2), None, Some(1)],
            ["nsubj", "aux:pass", "root", "punct"]
                .map(String::from)
                .to_vec(),
        );
        let mut s = AttachmentScores::default();
        score_sentence(&gold, &parsed, &mut s);
        assert_eq!(
            s.all,
            Counts {
                tokens: 4,
                heads: 3,
                labelled: 2,
                universal: 3
            }
        );
        assert_eq!(
            s.without_punct,
            Counts {
                tokens: 3,
                heads: 3,
                labelled: 2,
                universal: 3
            }
        );
        assert_eq!((s.sentences, s.exact), (1, 0));
        assert_eq!(s.all.uas(), 75.0);
        let report = s.to_string();
        assert!(report.contains("all tokens"), "{report}");
        assert!(report.contains("without punctuation"), "{report}");
    }
}
