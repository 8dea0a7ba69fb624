//! TEMPORARY compile stub; replaced by the real tokenizer at merge.
use crate::model::{Span, Token, TokenKind};
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() || c == '.' && start.is_some() {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(s) = start.take() {
                out.push(Token {
                    span: Span::new(s, i),
                    kind: TokenKind::Word,
                });
            }
            if !c.is_whitespace() {
                out.push(Token {
                    span: Span::new(i, i + c.len_utf8()),
                    kind: TokenKind::Punct,
                });
            }
        }
    }
    if let Some(s) = start {
        out.push(Token {
            span: Span::new(s, text.len()),
            kind: TokenKind::Word,
        });
    }
    out
}
