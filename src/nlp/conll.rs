//! CoNLL-2003 style column files and a conlleval-compatible scorer.
//!
//! Documents are `-DOCSTART-` sections, sentences are separated by blank lines. Chunk
//! spans are read with conlleval's rules, so IOB1, IOB2 (BIO) and BILOU tags all score
//! exactly as the reference Perl script would score them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::error::{Error, Result};

/// One token line split on whitespace: word first, tags after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConllToken {
    pub columns: Vec<String>,
}

impl ConllToken {
    pub fn word(&self) -> &str {
        self.columns.first().map_or("", String::as_str)
    }
    /// Column `i`, or "O" when the line is shorter (unlabelled input).
    pub fn column(&self, i: usize) -> &str {
        self.columns.get(i).map_or("O", String::as_str)
    }
    pub fn last(&self) -> &str {
        self.columns.last().map_or("O", String::as_str)
    }
}

pub type ConllSentence = Vec<ConllToken>;

/// A `-DOCSTART-` section (or the whole file when it has none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConllDocument {
    pub sentences: Vec<ConllSentence>,
}

/// What one line of a CoNLL file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    DocStart,
    Blank,
    Token,
}

pub fn line_kind(line: &str) -> LineKind {
    let t = line.trim();
    if t.is_empty() {
        LineKind::Blank
    } else if t.starts_with("-DOCSTART-") {
        LineKind::DocStart
    } else {
        LineKind::Token
    }
}

/// Parses a CoNLL file. Every token line must have at least `min_columns` columns.
pub fn parse(text: &str, name: &str, min_columns: usize) -> Result<Vec<ConllDocument>> {
    let mut docs = vec![ConllDocument::default()];
    let mut sentence: ConllSentence = Vec::new();
    let mut expected: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        match line_kind(line) {
            LineKind::DocStart => {
                if !sentence.is_empty() {
                    push_sentence(&mut docs, std::mem::take(&mut sentence));
                }
                if docs.last().is_some_and(|d| !d.sentences.is_empty()) {
                    docs.push(ConllDocument::default());
                }
            }
            LineKind::Blank => {
                if !sentence.is_empty() {
                    push_sentence(&mut docs, std::mem::take(&mut sentence));
                }
            }
            LineKind::Token => {
                let columns: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
                if columns.len() < min_columns {
                    return Err(Error::input(
                        format!("{name}:{}", n + 1),
                        format!(
                            "expected at least {min_columns} columns, found {}",
                            columns.len()
                        ),
                    ));
                }
                match expected {
                    None => expected = Some(columns.len()),
                    Some(e) if e != columns.len() => {
                        return Err(Error::input(
                            format!("{name}:{}", n + 1),
                            format!(
                                "expected {e} columns like the lines before, found {}",
                                columns.len()
                            ),
                        ));
                    }
                    Some(_) => {}
                }
                sentence.push(ConllToken { columns });
            }
        }
    }
    if !sentence.is_empty() {
        push_sentence(&mut docs, sentence);
    }
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

fn push_sentence(docs: &mut [ConllDocument], s: ConllSentence) {
    if let Some(d) = docs.last_mut() {
        d.sentences.push(s);
    }
}

/// A labelled span of tokens `[start, end)`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LabelledSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

fn split_tag(tag: &str) -> (&str, &str) {
    match tag.split_once('-') {
        Some((p, t)) if p.len() == 1 => (p, t),
        _ if tag == "O" => ("O", ""),
        _ => ("I", tag),
    }
}

/// Spans of a tag sequence, read with conlleval's start/end rules.
pub fn spans<S: AsRef<str>>(tags: &[S]) -> Vec<LabelledSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let mut prev = ("O", "");
    for (i, tag) in tags.iter().enumerate() {
        let (p, t) = split_tag(tag.as_ref());
        let (pp, pt) = prev;
        let ends_prev = match pp {
            "O" => false,
            "E" | "L" | "S" | "U" => true,
            _ => p == "B" || p == "S" || p == "U" || p == "O" || t != pt,
        };
        if ends_prev {
            if let Some((s, ty)) = open.take() {
                out.push(LabelledSpan {
                    start: s,
                    end: i,
                    label: ty.to_owned(),
                });
            }
        }
        let starts = match p {
            "O" => false,
            "B" | "S" | "U" => true,
            _ => matches!(pp, "O" | "E" | "L" | "S" | "U") || t != pt,
        };
        if starts {
            if let Some((s, ty)) = open.take() {
                out.push(LabelledSpan {
                    start: s,
                    end: i,
                    label: ty.to_owned(),
                });
            }
            open = Some((i, t));
        }
        prev = (p, t);
    }
    if let Some((s, ty)) = open {
        out.push(LabelledSpan {
            start: s,
            end: tags.len(),
            label: ty.to_owned(),
        });
    }
    out
}

/// Precision, recall and F1 of exact span matches, overall and per type.
#[derive(Clone, Debug, Default)]
pub struct SpanScores {
    pub tokens: usize,
    pub correct_tags: usize,
    pub gold: BTreeMap<String, usize>,
    pub found: BTreeMap<String, usize>,
    pub correct: BTreeMap<String, usize>,
}

/// Precision, recall, F1 in percent.
pub fn prf(correct: usize, found: usize, gold: usize) -> (f64, f64, f64) {
    let p = if found == 0 {
        0.0
    } else {
        100.0 * correct as f64 / found as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        100.0 * correct as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

impl SpanScores {
    /// Adds one sentence's gold and predicted tags.
    pub fn add<S: AsRef<str>, T: AsRef<str>>(&mut self, gold: &[S], pred: &[T]) {
        self.tokens += gold.len();
        self.correct_tags += gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| g.as_ref() == p.as_ref())
            .count();
        let g = spans(gold);
        let p = spans(pred);
        for s in &g {
            *self.gold.entry(s.label.clone()).or_default() += 1;
        }
        for s in &p {
            *self.found.entry(s.label.clone()).or_default() += 1;
            if g.contains(s) {
                *self.correct.entry(s.label.clone()).or_default() += 1;
            }
        }
    }

    fn total(m: &BTreeMap<String, usize>) -> usize {
        m.values().sum()
    }

    pub fn overall(&self) -> (f64, f64, f64) {
        prf(
            Self::total(&self.correct),
            Self::total(&self.found),
            Self::total(&self.gold),
        )
    }

    pub fn f1(&self) -> f64 {
        self.overall().2
    }

    pub fn accuracy(&self) -> f64 {
        if self.tokens == 0 {
            0.0
        } else {
            100.0 * self.correct_tags as f64 / self.tokens as f64
        }
    }

    /// The conlleval summary: one overall line and one line per type.
    pub fn report(&self) -> String {
        let (p, r, f) = self.overall();
        let mut s = String::new();
        let _ = writeln!(
            s,
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.",
            self.tokens,
            Self::total(&self.gold),
            Self::total(&self.found),
            Self::total(&self.correct)
        );
        let _ = writeln!(
            s,
            "accuracy: {:6.2}%; precision: {p:6.2}%; recall: {r:6.2}%; FB1: {f:6.2}",
            self.accuracy()
        );
        let mut types: Vec<&String> = self.gold.keys().chain(self.found.keys()).collect();
        types.sort();
        types.dedup();
        for t in types {
            let c = self.correct.get(t).copied().unwrap_or(0);
            let fo = self.found.get(t).copied().unwrap_or(0);
            let g = self.gold.get(t).copied().unwrap_or(0);
            let (p, r, f) = prf(c, fo, g);
            let _ = writeln!(
                s,
                "{t:>17}: precision: {p:6.2}%; recall: {r:6.2}%; FB1: {f:6.2}  {fo}"
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(v: &[(usize, usize, &str)]) -> Vec<LabelledSpan> {
        v.iter()
            .map(|&(start, end, l)| LabelledSpan {
                start,
                end,
                label: l.to_owned(),
            })
            .collect()
    }

    #[test]
    fn spans_follow_conlleval_rules() {
        let cases: &[(&[&str], Vec<LabelledSpan>)] = &[
            (&["B-PER", "I-PER", "O"], sp(&[(0, 2, "PER")])),
            // IOB1: I- after O starts a chunk, B- splits two adjacent chunks of one type.
            (
                &["I-PER", "I-PER", "B-PER", "O"],
                sp(&[(0, 2, "PER"), (2, 3, "PER")]),
            ),
            (&["I-ORG", "I-LOC"], sp(&[(0, 1, "ORG"), (1, 2, "LOC")])),
            (
                &["U-LOC", "B-ORG", "L-ORG", "U-ORG"],
                sp(&[(0, 1, "LOC"), (1, 3, "ORG"), (3, 4, "ORG")]),
            ),
            (&["O", "O"], vec![]),
            (
                &["B-NP", "I-NP", "B-VP", "B-NP"],
                sp(&[(0, 2, "NP"), (2, 3, "VP"), (3, 4, "NP")]),
            ),
        ];
        for (tags, want) in cases {
            assert_eq!(&spans(tags), want, "{tags:?}");
        }
    }

    #[test]
    fn scores_count_exact_span_and_type() {
        let mut s = SpanScores::default();
        s.add(
            &["B-PER", "I-PER", "O", "B-LOC"],
            &["B-PER", "I-PER", "O", "B-ORG"],
        );
        let (p, r, f) = s.overall();
        assert!((p - 50.0).abs() < 1e-9 && (r - 50.0).abs() < 1e-9 && (f - 50.0).abs() < 1e-9);
        assert_eq!(s.correct_tags, 3);
    }

    #[test]
    fn parse_groups_documents_and_sentences() {
        let text = "-DOCSTART- -X- O\n\na X O\nb Y O\n\nc X O\n-DOCSTART- -X- O\n\nd X O\n";
        let docs = parse(text, "t", 3).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[1].sentences[0][0].word(), "d");
        assert!(parse("a b\nc\n", "t", 2).is_err());
    }
}
