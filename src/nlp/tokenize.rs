//! Tokenizer placeholder: splits on whitespace and peels punctuation off words.
//!
//! A fuller tokenizer is written on another branch; this file only keeps the tagger
//! branch compiling and will be replaced at merge (same signature).

use crate::model::{Span, Token, TokenKind};

/// Splits `text` into word, number, punctuation and symbol tokens with byte spans.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    let flush = |tokens: &mut Vec<Token>, s: usize, e: usize| {
        let piece = &text[s..e];
        let kind = if piece
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            TokenKind::Number
        } else if piece.chars().any(char::is_alphanumeric) {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        tokens.push(Token {
            span: Span::new(s, e),
            kind,
        });
    };
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                flush(&mut tokens, s, i);
            }
        } else if !c.is_alphanumeric() && !matches!(c, '-' | '\'' | '.' | '&') {
            if let Some(s) = start.take() {
                flush(&mut tokens, s, i);
            }
            flush(&mut tokens, i, i + c.len_utf8());
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        flush(&mut tokens, s, text.len());
    }
    // A trailing full stop is its own token unless the word is a lone capital ("U.S.").
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        let piece = &text[t.span.range()];
        if t.kind == TokenKind::Word
            && piece.len() > 1
            && piece.ends_with('.')
            && !piece[..piece.len() - 1].contains('.')
        {
            out.push(Token {
                span: Span::new(t.span.start, t.span.end - 1),
                kind: TokenKind::Word,
            });
            out.push(Token {
                span: Span::new(t.span.end - 1, t.span.end),
                kind: TokenKind::Punct,
            });
        } else {
            out.push(t);
        }
    }
    out
}
