//! The bridge between the statistical taggers and extraction: named-entity spans of a
//! document as byte spans with a CoNLL label.
//!
//! The tagger sees the document's own tokens and sentences, so spans map back to byte
//! offsets exactly; document-level (non-local) features see the whole article at once.

use crate::error::Result;
use crate::model::{Document, Span};
use crate::nlp::Annotator;

pub use crate::nlp::annotate::NerLabel;

/// Loads the bundled models (once per process).
pub fn load() -> Result<&'static Annotator> {
    Annotator::builtin()
}

/// Named-entity spans of `doc`, in text order; empty if the models cannot be loaded.
pub fn spans(doc: &Document) -> Vec<(Span, NerLabel)> {
    tag(doc).0
}

/// Named-entity spans of `doc` in text order, and the Penn POS tag of every token; both
/// empty if the models cannot be loaded.
pub fn tag(doc: &Document) -> (Vec<(Span, NerLabel)>, Vec<&'static str>) {
    let Ok(annotator) = load() else {
        return (Vec::new(), Vec::new());
    };
    let text = &doc.article.text;
    let words: Vec<Vec<&str>> = doc
        .sentences
        .iter()
        .map(|s| {
            doc.tokens[s.tokens.clone()]
                .iter()
                .map(|t| t.span.slice(text))
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    let mut pos = vec![""; doc.tokens.len()];
    for (sentence, tags) in doc.sentences.iter().zip(annotator.annotate(&words)) {
        let tokens = &doc.tokens[sentence.tokens.clone()];
        for (slot, tag) in pos[sentence.tokens.clone()].iter_mut().zip(&tags.pos) {
            *slot = tag;
        }
        for e in tags.entities() {
            if e.start < e.end && e.end <= tokens.len() {
                out.push((
                    Span::new(tokens[e.start].span.start, tokens[e.end - 1].span.end),
                    e.label,
                ));
            }
        }
    }
    (out, pos)
}
