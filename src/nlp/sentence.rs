//! Sentence splitter placeholder: ends a sentence after `.`, `!` or `?` tokens.
//!
//! A fuller splitter is written on another branch; this file only keeps the tagger
//! branch compiling and will be replaced at merge (same signature).

use crate::model::{Sentence, Span, Token};

/// Groups `tokens` (from [`super::tokenize::tokenize`] over `text`) into sentences.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0;
    for (i, t) in tokens.iter().enumerate() {
        let piece = t.span.slice(text);
        let blank_line_follows = tokens.get(i + 1).is_some_and(|n| {
            text.get(t.span.end..n.span.start)
                .is_some_and(|gap| gap.matches('\n').count() >= 2)
        });
        if matches!(piece, "." | "!" | "?") || blank_line_follows || i + 1 == tokens.len() {
            out.push(Sentence {
                span: Span::new(tokens[first].span.start, t.span.end),
                tokens: first..i + 1,
            });
            first = i + 1;
        }
    }
    out
}
