//! The DSE corpus format (directed sentiment between two bracketed entities) and its scores.
//!
//! A line is `sentence<TAB>p<TAB>q<TAB>label`, the sentence holding `[p]` and `[q]`; labels
//! are 0 neutral, 1 positive p→q, 2 positive q→p, 3 negative p→q, 4 negative q→p. Brackets
//! are sometimes a character off inside a word, so mentions are widened to whole tokens.

use std::fmt::Write as _;
use std::ops::Range;

use crate::error::{Error, Result};
use crate::model::{Span, Token, TokenKind};

use super::rules::{Actor, SentenceView, name_flags, normalize_word};

/// Number of DSE classes.
pub const CLASSES: usize = 5;

/// Class names, by label.
pub const CLASS_NAMES: [&str; CLASSES] =
    ["neutral", "pos p->q", "pos q->p", "neg p->q", "neg q->p"];

/// One DSE example: the sentence without brackets and the two mentions in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    pub text: String,
    pub p: Span,
    pub q: Span,
    /// Gold label, when the line has one.
    pub label: Option<u8>,
    /// 1-based line in the file it was read from (0 when not read from a file).
    pub line: usize,
}

/// Parses a DSE file; `origin` names it in errors. Lines that cannot be read are errors
/// naming their line: a corpus with bad lines should be fixed, not half-read.
pub fn parse(text: &str, origin: &str) -> Result<Vec<Example>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut example =
            parse_line(line).map_err(|m| Error::input(format!("{origin}:{}", i + 1), m))?;
        example.line = i + 1;
        out.push(example);
    }
    Ok(out)
}

/// Parses one line; the error is a message without a place.
pub fn parse_line(line: &str) -> std::result::Result<Example, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() < 3 {
        return Err(format!(
            "expected 4 tab-separated columns, found {}",
            cols.len()
        ));
    }
    let label = match cols.get(3).map(|s| s.trim()) {
        None | Some("") => None,
        Some(s) => match s.parse::<u8>() {
            Ok(l) if (l as usize) < CLASSES => Some(l),
            _ => return Err(format!("label {s:?} is not 0-4")),
        },
    };
    let raw = cols[0];
    let mut text = String::with_capacity(raw.len());
    let mut spans = Vec::new();
    let mut open = None;
    for c in raw.chars() {
        match c {
            '[' if open.is_none() => open = Some(text.len()),
            ']' if open.is_some() => {
                if let Some(start) = open.take() {
                    spans.push(Span::new(start, text.len()));
                }
            }
            _ => text.push(c),
        }
    }
    if spans.len() != 2 {
        return Err(format!(
            "expected two [bracketed] mentions, found {}",
            spans.len()
        ));
    }
    // p is the bracket whose text is the p column; the corpus puts it first.
    let (p, q) = if spans[0].slice(&text) != cols[1] && spans[1].slice(&text) == cols[1] {
        (spans[1], spans[0])
    } else {
        (spans[0], spans[1])
    };
    if p.is_empty() || q.is_empty() {
        return Err("empty mention".to_string());
    }
    Ok(Example {
        text,
        p,
        q,
        label,
        line: 0,
    })
}

/// A plain tokenizer for sentences without an NLP pipeline: whitespace, punctuation, the
/// clitics `'s` and `n't` split off; inner dots and hyphens stay ("U.S.", "Iranian-backed").
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chunk_start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), &mut out);
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let chunk = &text[start..end];
    let chars: Vec<(usize, char)> = chunk.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (off, c) = chars[i];
        if is_word_char(c) {
            // a word: letters, digits, and inner . - ' & when followed by a word char
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                let inner = matches!(cj, '.' | '-' | '\'' | '\u{2019}' | '&' | ',' | '/')
                    && j + 1 < chars.len()
                    && is_word_char(chars[j + 1].1)
                    // "2,000" but not "Iran,Iraq"
                    && (cj != ',' || chars[j - 1].1.is_ascii_digit());
                if is_word_char(cj) || inner {
                    j += 1;
                } else if cj == '.'
                    && j + 1 == chars.len()
                    && chars[i..j].iter().any(|&(_, x)| x == '.')
                {
                    // "U.S." keeps its final dot
                    j += 1;
                    break;
                } else {
                    break;
                }
            }
            let word_end = chars.get(j).map_or(chunk.len(), |&(o, _)| o);
            push_word(text, start + off, start + word_end, out);
            i = j;
        } else {
            let next = chars.get(i + 1).map_or(chunk.len(), |&(o, _)| o);
            let kind = if c.is_ascii_punctuation() || is_unicode_punct(c) {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
            out.push(Token {
                span: Span::new(start + off, start + next),
                kind,
            });
            i += 1;
        }
    }
}

fn is_unicode_punct(c: char) -> bool {
    matches!(
        c,
        '\u{2018}'..='\u{201f}' | '\u{2013}' | '\u{2014}' | '\u{2026}' | '\u{00ab}' | '\u{00bb}'
    )
}

/// Pushes a word, splitting off a final `'s` / `’s` and a final `n't`.
fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let word = &text[start..end];
    let lower = word.to_lowercase();
    let kind = if word
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    for suffix in ["'s", "\u{2019}s"] {
        if lower.len() > suffix.len() + 1 && lower.ends_with(suffix) {
            let cut = end - suffix.len();
            out.push(Token {
                span: Span::new(start, cut),
                kind,
            });
            out.push(Token {
                span: Span::new(cut, end),
                kind: TokenKind::Word,
            });
            return;
        }
    }
    for suffix in ["n't", "n\u{2019}t"] {
        // "didn't" -> "did" "n't", as the Penn Treebank does
        if lower.len() > suffix.len() + 1 && lower.ends_with(suffix) {
            let cut = end - suffix.len();
            out.push(Token {
                span: Span::new(start, cut),
                kind,
            });
            out.push(Token {
                span: Span::new(cut, end),
                kind: TokenKind::Word,
            });
            return;
        }
    }
    out.push(Token {
        span: Span::new(start, end),
        kind,
    });
}

/// Splits tokens at mention boundaries that fall on punctuation inside them: the brackets
/// of `[US]-Canada-[Mexico]` mark two mentions in what the tokenizer sees as one word. A
/// boundary between two letters ("[Los Angele]s") is a bracketing slip and is left alone.
fn split_at(tokens: Vec<Token>, text: &str, cuts: &[usize]) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len() + 2);
    for tok in tokens {
        let mut start = tok.span.start;
        let mut inner: Vec<usize> = cuts
            .iter()
            .copied()
            .filter(|&c| c > tok.span.start && c < tok.span.end && text.is_char_boundary(c))
            .filter(|&c| {
                let before = text[..c].chars().next_back();
                let after = text[c..].chars().next();
                !(before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric))
            })
            .collect();
        inner.sort_unstable();
        inner.dedup();
        for c in inner {
            out.push(Token {
                span: Span::new(start, c),
                kind: tok.kind,
            });
            start = c;
        }
        out.push(Token {
            span: Span::new(start, tok.span.end),
            kind: tok.kind,
        });
    }
    out
}

/// The tokens (as a range) that a byte span covers, widened to whole tokens; a trailing
/// possessive `'s` is left out.
pub fn covering_tokens(tokens: &[Token], text: &str, span: Span) -> Option<Range<usize>> {
    let first = tokens
        .iter()
        .position(|t| t.span.end > span.start && t.span.start < span.end.max(span.start + 1))?;
    let mut last = first;
    while last + 1 < tokens.len() && tokens[last + 1].span.start < span.end {
        last += 1;
    }
    while last > first && is_possessive(tokens[last].span.slice(text)) {
        last -= 1;
    }
    Some(first..last + 1)
}

fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "\u{2019}s" | "'" | "\u{2019}")
}

/// The rules' view of a DSE example: its words and the two actors, p first in the list when
/// it comes first in the sentence. Returns the view and whether p comes first.
pub fn view(example: &Example) -> Option<(SentenceView, bool)> {
    let cuts = [
        example.p.start,
        example.p.end,
        example.q.start,
        example.q.end,
    ];
    let tokens = split_at(tokenize(&example.text), &example.text, &cuts);
    let p = covering_tokens(&tokens, &example.text, example.p)?;
    let q = covering_tokens(&tokens, &example.text, example.q)?;
    let raw: Vec<&str> = tokens.iter().map(|t| t.span.slice(&example.text)).collect();
    let words = raw.iter().map(|w| normalize_word(w)).collect();
    let names = name_flags(&raw);
    let p_first = p.start <= q.start;
    let (mut a, mut b) = if p_first { (p, q) } else { (q, p) };
    if a.end > b.start {
        // overlapping brackets: keep them apart
        a.end = b.start.max(a.start + 1);
        if a.end > b.start {
            b.start = a.end;
            if b.start >= b.end {
                return None;
            }
        }
    }
    let actors = vec![
        Actor {
            tokens: a,
            entity: 0,
            person: false,
        },
        Actor {
            tokens: b,
            entity: 1,
            person: false,
        },
    ];
    Some((
        SentenceView {
            words,
            actors,
            names,
        },
        p_first,
    ))
}

/// Turns a label about (p, q) into one about (first, second) in the sentence, and back: the
/// same swap of directions either way.
pub fn orient(label: u8, p_first: bool) -> u8 {
    if p_first {
        return label;
    }
    match label {
        1 => 2,
        2 => 1,
        3 => 4,
        4 => 3,
        l => l,
    }
}

/// Accuracy, per-class precision/recall/F1 and macro-F1 of predictions against gold labels.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    pub total: usize,
    pub correct: usize,
    /// confusion[gold][predicted]
    pub confusion: [[usize; CLASSES]; CLASSES],
}

impl Scores {
    pub fn new(gold: &[u8], predicted: &[u8]) -> Scores {
        let mut confusion = [[0; CLASSES]; CLASSES];
        let mut correct = 0;
        for (&g, &p) in gold.iter().zip(predicted) {
            if let Some(row) = confusion.get_mut(g as usize)
                && let Some(cell) = row.get_mut(p as usize)
            {
                *cell += 1;
            }
            correct += usize::from(g == p);
        }
        Scores {
            total: gold.len().min(predicted.len()),
            correct,
            confusion,
        }
    }

    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    /// (precision, recall, F1) of class `c`.
    pub fn class(&self, c: usize) -> (f64, f64, f64) {
        let tp = self.confusion[c][c] as f64;
        let predicted: usize = (0..CLASSES).map(|g| self.confusion[g][c]).sum();
        let gold: usize = self.confusion[c].iter().sum();
        let p = if predicted == 0 {
            0.0
        } else {
            tp / predicted as f64
        };
        let r = if gold == 0 { 0.0 } else { tp / gold as f64 };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    pub fn macro_f1(&self) -> f64 {
        (0..CLASSES).map(|c| self.class(c).2).sum::<f64>() / CLASSES as f64
    }

    /// A plain-text report: accuracy, one line per class, macro-F1.
    pub fn report(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "accuracy  {:.4}  ({} / {})",
            self.accuracy(),
            self.correct,
            self.total
        );
        let _ = writeln!(
            s,
            "{:<10} {:>9} {:>9} {:>9} {:>7}",
            "class", "precision", "recall", "f1", "gold"
        );
        for (c, name) in CLASS_NAMES.iter().enumerate() {
            let (p, r, f) = self.class(c);
            let gold: usize = self.confusion[c].iter().sum();
            let _ = writeln!(s, "{name:<10} {p:>9.4} {r:>9.4} {f:>9.4} {gold:>7}");
        }
        let _ = writeln!(s, "macro-F1  {:.4}", self.macro_f1());
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn tokenizer_splits_punctuation_and_clitics() {
        for (text, want) in [
            (
                "Iran's U.S. policy didn't change.",
                vec!["Iran", "'s", "U.S.", "policy", "did", "n't", "change", "."],
            ),
            (
                "“Iran has never shied away,” he said—firmly",
                vec![
                    "“", "Iran", "has", "never", "shied", "away", ",", "”", "he", "said", "—",
                    "firmly",
                ],
            ),
            (
                "Iranian-backed forces, 2,000 men",
                vec!["Iranian-backed", "forces", ",", "2,000", "men"],
            ),
            ("Trump’s letter", vec!["Trump", "’s", "letter"]),
        ] {
            assert_eq!(words(text), want, "{text}");
        }
    }

    #[test]
    fn lines_parse_with_p_and_q_spans() {
        let ex = parse_line("[Britain] criticized [Spain]'s plan.\tBritain\tSpain\t3").unwrap();
        assert_eq!(ex.text, "Britain criticized Spain's plan.");
        assert_eq!(ex.p.slice(&ex.text), "Britain");
        assert_eq!(ex.q.slice(&ex.text), "Spain");
        assert_eq!(ex.label, Some(3));
        // q written first in the sentence
        let ex = parse_line("[Spain] was criticized by [Britain].\tBritain\tSpain\t4").unwrap();
        assert_eq!(ex.p.slice(&ex.text), "Britain");
    }

    #[test]
    fn brackets_off_by_a_character_widen_to_whole_tokens() {
        let ex = parse_line("[Los Angele]s praised [Ohi]o.\tLos Angele\tOhi\t1").unwrap();
        let (view, p_first) = view(&ex).unwrap();
        assert!(p_first);
        let a = &view.actors[0].tokens;
        let b = &view.actors[1].tokens;
        assert_eq!(view.words[a.clone()].join(" "), "los angeles");
        assert_eq!(view.words[b.clone()].join(" "), "ohio");
        let ex = parse_line("[Kasich’]s critics met [Ohio]\tKasich’\tOhio\t0").unwrap();
        let (view, _) = super::view(&ex).unwrap();
        assert_eq!(
            view.words[view.actors[0].tokens.clone()].join(" "),
            "kasich"
        );
    }

    #[test]
    fn mentions_inside_one_hyphenated_word_are_split_apart() {
        let ex = parse_line("a joint [US]-Canada-[Mexico] bid\tUS\tMexico\t0").unwrap();
        let (view, _) = view(&ex).unwrap();
        assert_eq!(view.words[view.actors[0].tokens.clone()].join(" "), "us");
        assert_eq!(
            view.words[view.actors[1].tokens.clone()].join(" "),
            "mexico"
        );
    }

    #[test]
    fn bad_lines_are_errors_with_their_place() {
        for (line, needle) in [
            ("no tabs here", "columns"),
            ("[A] and [B]\tA\tB\t7", "not 0-4"),
            ("[A] and B\tA\tB\t0", "two [bracketed]"),
        ] {
            let err = parse(line, "x.txt").unwrap_err().to_string();
            assert!(err.starts_with("x.txt:1: "), "{err}");
            assert!(err.contains(needle), "{err}");
        }
    }

    #[test]
    fn scores_match_a_hand_computed_confusion() {
        let gold = [0, 0, 1, 3, 3, 4];
        let pred = [0, 1, 1, 3, 0, 4];
        let s = Scores::new(&gold, &pred);
        assert_eq!(s.correct, 4);
        assert!((s.accuracy() - 4.0 / 6.0).abs() < 1e-9);
        let (p, r, f) = s.class(0);
        assert!((p - 0.5).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 0.5).abs() < 1e-9);
        // class 2 has neither gold nor predictions: F1 0
        assert_eq!(s.class(2).2, 0.0);
        let want = (0.5 + 2.0 / 3.0 + 0.0 + 2.0 / 3.0 + 1.0) / 5.0;
        assert!((s.macro_f1() - want).abs() < 1e-9);
    }

    #[test]
    fn orientation_swaps_directions_only() {
        assert_eq!([0, 1, 2, 3, 4].map(|l| orient(l, false)), [0, 2, 1, 4, 3]);
        assert_eq!([0, 1, 2, 3, 4].map(|l| orient(l, true)), [0, 1, 2, 3, 4]);
    }
}
