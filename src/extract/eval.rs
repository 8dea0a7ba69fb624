//! Entity-linking evaluation on AIDA-style documents: QID precision on the mentions we
//! link, and recall over the gold mentions whose QID our reference data contains.
//!
//! Gold spans are character offsets (as in the AIDA JSONL release); they are converted
//! to byte offsets before they are compared with our mentions. A predicted mention and a
//! gold mention are aligned when their spans overlap.

use std::collections::BTreeSet;
use std::io::BufRead;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::extract::Extractor;
use crate::model::{Article, Span};

#[derive(Debug, Deserialize)]
struct GoldDoc {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    labels: Vec<GoldLabel>,
}

#[derive(Debug, Deserialize)]
struct GoldLabel {
    span: [usize; 2],
    entity_id: String,
}

/// Counts behind the link scores.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkScores {
    pub documents: usize,
    /// Gold mentions with a QID (not NIL).
    pub gold: usize,
    /// Gold mentions whose QID is in our reference data.
    pub gold_known: usize,
    /// Of those, how many we linked to the right QID.
    pub gold_known_found: usize,
    /// Our mentions with a QID that overlap a gold mention with a QID.
    pub linked_on_gold: usize,
    /// Of those, how many carry the gold QID.
    pub linked_correct: usize,
    /// Our mentions with a QID where the gold has no mention or a NIL one.
    pub linked_elsewhere: usize,
    /// Every wrong link and every missed known gold QID, in input order.
    pub mismatches: Vec<Mismatch>,
}

/// One disagreement with the gold standard, for error analysis (`eval link --errors`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    pub document: String,
    /// The gold mention's text (ours when we linked where the gold has none).
    pub surface: String,
    /// The gold QID, `None` when the gold has no mention (or a NIL one) there.
    pub gold: Option<String>,
    /// Our QID, `None` when we linked nothing there.
    pub predicted: Option<String>,
    /// The sentence around the mention, whitespace collapsed.
    pub context: String,
}

impl LinkScores {
    pub fn precision(&self) -> f64 {
        ratio(self.linked_correct, self.linked_on_gold)
    }

    pub fn recall_known(&self) -> f64 {
        ratio(self.gold_known_found, self.gold_known)
    }

    pub fn recall_all(&self) -> f64 {
        ratio(self.gold_known_found, self.gold)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Byte offset of every char offset in `text` (plus one past the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Scores `extractor` on AIDA-style JSONL read from `input` (`name` is used in errors).
pub fn evaluate(extractor: &Extractor, input: impl BufRead, name: &str) -> Result<LinkScores> {
    let known: BTreeSet<&str> = extractor
        .gazetteer()
        .entities()
        .iter()
        .filter_map(|e| e.ids.qid.as_deref())
        .collect();
    let mut s = LinkScores::default();
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| Error::input(format!("{name}:{}", n + 1), e.to_string()))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: GoldDoc = serde_json::from_str(&line).map_err(|e| {
            Error::input(format!("{name}:{}", n + 1), format!("malformed JSON: {e}"))
        })?;
        s.documents += 1;
        let offsets = char_to_byte(&doc.text);
        let byte = |c: usize| offsets.get(c).copied().unwrap_or(doc.text.len());
        let gold: Vec<(Span, &str)> = doc
            .labels
            .iter()
            .filter(|l| l.span[0] <= l.span[1])
            .map(|l| {
                (
                    Span::new(byte(l.span[0]), byte(l.span[1])),
                    l.entity_id.as_str(),
                )
            })
            .collect();
        let id = match &doc.id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let out = extractor.extract(Article {
            id,
            text: doc.text.clone(),
            ..Article::default()
        });
        let predicted: Vec<(Span, &str)> = out
            .mentions
            .iter()
            .filter_map(|m| {
                let e = out.entities.iter().find(|e| e.id == m.entity)?;
                Some((m.span, e.ids.qid.as_deref()?))
            })
            .collect();
        let overlaps = |a: Span, b: Span| a.start < b.end && b.start < a.end;
        let context = |span: Span| {
            let i = crate::extract::candidates::sentence_of(&out, span.start);
            let s = out.sentences.get(i).map(|s| s.span).unwrap_or(span);
            s.slice(&out.article.text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        for (gspan, gqid) in &gold {
            if *gqid == "<NIL>" || gqid.is_empty() {
                continue;
            }
            s.gold += 1;
            if !known.contains(gqid) {
                continue;
            }
            s.gold_known += 1;
            if predicted
                .iter()
                .any(|(p, q)| overlaps(*p, *gspan) && q == gqid)
            {
                s.gold_known_found += 1;
            } else if !predicted.iter().any(|(p, _)| overlaps(*p, *gspan)) {
                s.mismatches.push(Mismatch {
                    document: out.article.id.clone(),
                    surface: gspan.slice(&out.article.text).to_string(),
                    gold: Some(gqid.to_string()),
                    predicted: None,
                    context: context(*gspan),
                });
            }
        }
        for (pspan, pqid) in &predicted {
            match gold
                .iter()
                .find(|(g, q)| overlaps(*pspan, *g) && *q != "<NIL>")
            {
                Some((gspan, gqid)) => {
                    s.linked_on_gold += 1;
                    if gqid == pqid {
                        s.linked_correct += 1;
                    } else {
                        s.mismatches.push(Mismatch {
                            document: out.article.id.clone(),
                            surface: gspan.slice(&out.article.text).to_string(),
                            gold: Some(gqid.to_string()),
                            predicted: Some(pqid.to_string()),
                            context: context(*pspan),
                        });
                    }
                }
                None => {
                    s.linked_elsewhere += 1;
                    s.mismatches.push(Mismatch {
                        document: out.article.id.clone(),
                        surface: pspan.slice(&out.article.text).to_string(),
                        gold: None,
                        predicted: Some(pqid.to_string()),
                        context: context(*pspan),
                    });
                }
            }
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mismatches_list_wrong_missed_and_unaligned_links() {
        // Char offsets: "Norway" 0..6, "Sweden" 26..32, "Oslo" 36..40 (gold NIL).
        let jsonl = r#"{"id": 7, "text": "Norway signed a deal with Sweden in Oslo.", "labels": [{"span": [0, 6], "entity_id": "Q20"}, {"span": [26, 32], "entity_id": "Q20"}, {"span": [36, 40], "entity_id": "<NIL>"}]}"#;
        let x = Extractor::builtin().expect("built-in extractor");
        let s = evaluate(x, jsonl.as_bytes(), "inline").expect("scores");
        assert_eq!((s.documents, s.gold, s.gold_known), (1, 2, 2));
        assert_eq!((s.linked_on_gold, s.linked_correct), (2, 1));
        let got: Vec<(&str, Option<&str>, Option<&str>)> = s
            .mismatches
            .iter()
            .map(|m| {
                (
                    m.surface.as_str(),
                    m.gold.as_deref(),
                    m.predicted.as_deref(),
                )
            })
            .collect();
        // Sweden is linked, but not to the gold QID; Oslo is linked where the gold has NIL.
        assert_eq!(got.first(), Some(&("Sweden", Some("Q20"), Some("Q34"))));
        assert!(got[1..].iter().all(|(s, g, _)| *s == "Oslo" && g.is_none()));
        assert!(
            s.mismatches
                .iter()
                .all(|m| m.document == "7" && m.context.contains("Norway signed"))
        );
    }
}
