//! Tokenization following CoNLL-2003 / Penn Treebank conventions, with byte spans.
//!
//! One left-to-right pass over the bytes, ASCII fast path, no allocation per token: a
//! tagger trained on CoNLL sees the tokens it knows ("Iran" "’s", "do" "n't", "U.S.",
//! "Iranian-backed", "60" "%"), while URLs, e-mail addresses, hashtags and @handles stay whole.

use crate::model::{Span, Token, TokenKind};

/// Splits `text` into tokens. Whitespace (including Unicode spaces) separates tokens and
/// is never part of one; every other character belongs to exactly one token.
///
/// # Example
/// ```
/// use newsgraph::nlp::tokenize::tokenize;
/// let text = "Iran’s U.S.-backed rivals don't pay 60%.";
/// let words: Vec<&str> = tokenize(text).iter().map(|t| t.span.slice(text)).collect();
/// assert_eq!(words, ["Iran", "’s", "U.S.-backed", "rivals", "do", "n't", "pay", "60", "%", "."]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    Tokenizer {
        text,
        b: text.as_bytes(),
        out: &mut out,
    }
    .run();
    out
}

/// Abbreviations that take their period with them (compared case-sensitively, without the
/// dot). Single capital letters ("J.") and dotted forms ("U.S.", "e.g.") are handled by shape.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Ala", "Amb", "Apr", "Ariz", "Ark", "Assn", "Aug", "Ave", "Blvd", "Brig", "Bros",
    "Calif", "Capt", "Cmdr", "Co", "Col", "Colo", "Conn", "Corp", "Cpl", "Dec", "Del", "Dept",
    "Dr", "Feb", "Fla", "Fr", "Ft", "Ga", "Gen", "Gov", "Hon", "Ill", "Inc", "Ind", "Jan", "Jr",
    "Jul", "Jun", "Kan", "Ky", "La", "Lt", "Ltd", "Maj", "Mass", "Md", "Messrs", "Mich", "Minn",
    "Miss", "Mo", "Mont", "Mr", "Mrs", "Ms", "Msgr", "Mt", "Neb", "Nev", "Nov", "Oct", "Okla",
    "Ore", "Pa", "Pres", "Prof", "Pvt", "Rd", "Rep", "Rev", "Sen", "Sep", "Sept", "Sgt", "Sr",
    "St", "Supt", "Tenn", "Tex", "Univ", "Va", "Vt", "Wis", "Wyo", "al", "approx", "ca", "cf",
    "est", "etc", "vs",
];

/// Abbreviations as they appear in all-capital headlines and datelines ("ST. LOUIS").
/// Kept short: in capitals, "IN." or "LA." are more often words ending a sentence.
const CAPS_ABBREVIATIONS: &[&str] = &[
    "CAPT", "COL", "CORP", "DR", "FT", "GEN", "GOV", "INC", "LT", "LTD", "MR", "MRS", "MS", "MT",
    "REP", "SEN", "SGT", "ST",
];

/// Top-level domains recognised in bare domain names ("kurdistan24.net").
const TLDS: &[&str] = &[
    "au", "ca", "ch", "cn", "com", "de", "edu", "eu", "fr", "gov", "il", "in", "info", "int", "io",
    "iq", "ir", "jp", "mil", "net", "news", "org", "ru", "tr", "tv", "ua", "uk", "us",
];

/// Clitics split off a preceding word ("Iran" "'s", "they" "'re"); `n't` is handled apart.
const CLITICS: &[&str] = &["d", "ll", "m", "re", "s", "ve"];

struct Tokenizer<'t, 'o> {
    text: &'t str,
    b: &'t [u8],
    out: &'o mut Vec<Token>,
}

impl Tokenizer<'_, '_> {
    fn run(&mut self) {
        let mut i = 0;
        while i < self.b.len() {
            let c = self.b[i];
            i = if c < 0x80 {
                self.ascii_at(i, c)
            } else {
                self.unicode_at(i)
            };
        }
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind) -> usize {
        self.out.push(Token {
            span: Span::new(start, end),
            kind,
        });
        end
    }

    /// Handles the token (or whitespace) starting with ASCII byte `c` at `i`; returns where
    /// the next one starts.
    fn ascii_at(&mut self, i: usize, c: u8) -> usize {
        match c {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => i + 1,
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => self.word(i),
            b'.' | b'+' | b'-' if self.starts_number(i) => self.signed_number(i),
            b'.' => {
                let n = self.run_of(i, b'.');
                self.push(i, i + n, TokenKind::Punct)
            }
            b'-' => {
                let n = self.run_of(i, b'-');
                self.push(i, i + n, TokenKind::Punct)
            }
            b'\'' => match self.clitic_len(i) {
                Some(n) => self.push(i, i + n, TokenKind::Word),
                None => self.push(i, i + 1, TokenKind::Punct),
            },
            b'`' => {
                let n = self.run_of(i, b'`').min(2);
                self.push(i, i + n, TokenKind::Punct)
            }
            b'@' | b'#' => match self.tag_len(i) {
                Some(n) => self.push(i, i + n, TokenKind::Symbol),
                None => self.push(i, i + 1, TokenKind::Symbol),
            },
            b',' | b';' | b':' | b'!' | b'?' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'"' => {
                self.push(i, i + 1, TokenKind::Punct)
            }
            // Control characters are treated as spaces: they carry no text.
            0..=0x1f | 0x7f => i + 1,
            _ => self.push(i, i + 1, TokenKind::Symbol),
        }
    }

    fn unicode_at(&mut self, i: usize) -> usize {
        let Some(ch) = self.text[i..].chars().next() else {
            return self.b.len();
        };
        let end = i + ch.len_utf8();
        if is_word_char(ch) {
            return self.word(i);
        }
        if is_space(ch) {
            return end;
        }
        match ch {
            '’' | '‘' => match self.clitic_len(i) {
                Some(n) => self.push(i, i + n, TokenKind::Word),
                None => self.push(i, end, TokenKind::Punct),
            },
            '“' | '”' | '„' | '‟' | '‚' | '‛' | '«' | '»' | '‹' | '›' | '—' | '–' | '―' | '‒'
            | '‐' | '‑' | '…' | '¡' | '¿' | '·' | '•' | '、' | '。' | '،' | '؛' | '؟' => {
                self.push(i, end, TokenKind::Punct)
            }
            _ => self.push(i, end, TokenKind::Symbol),
        }
    }

    /// "+44", "-0.2", ".500": a sign or point at `i` opening a number, not after a word.
    fn starts_number(&self, i: usize) -> bool {
        self.b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && (i == 0
                || matches!(
                    self.b[i - 1],
                    b' ' | b'\t' | b'\n' | b'\r' | b'(' | b';' | b'/'
                ))
    }

    fn signed_number(&mut self, i: usize) -> usize {
        let first = self.out.len();
        let end = self.word(i + 1);
        match self.out.get_mut(first) {
            Some(t) if t.kind == TokenKind::Number => t.span.start = i,
            // "-3.5é" is no number: the sign stays a token of its own.
            _ => {
                let kind = if self.b[i] == b'+' {
                    TokenKind::Symbol
                } else {
                    TokenKind::Punct
                };
                self.out.insert(
                    first,
                    Token {
                        span: Span::new(i, i + 1),
                        kind,
                    },
                );
            }
        }
        end
    }

    fn run_of(&self, i: usize, byte: u8) -> usize {
        self.b[i..].iter().take_while(|&&x| x == byte).count()
    }

    /// A word, number, abbreviation, URL, e-mail or bare domain starting at `start`.
    fn word(&mut self, start: usize) -> usize {
        if let Some(n) = self.url_len(start) {
            return self.push(start, start + n, TokenKind::Symbol);
        }
        if let Some(n) = self.nt_len(start) {
            return self.push(start, start + n, TokenKind::Word);
        }
        let b = self.b;
        let mut i = start;
        // Start of the current alphanumeric segment (after a '.', '-', '\'' ...).
        let mut seg = start;
        let mut dotted = false;
        let mut has_letter = false;
        loop {
            // Consume one alphanumeric segment.
            let mut digits_only = true;
            while i < b.len() {
                let c = b[i];
                if c.is_ascii_alphanumeric() {
                    if !c.is_ascii_digit() {
                        digits_only = false;
                    }
                    i += 1;
                } else if c < 0x80 {
                    break;
                } else {
                    match self.text[i..].chars().next() {
                        Some(ch) if is_word_char(ch) => {
                            digits_only = false;
                            i += ch.len_utf8();
                        }
                        _ => break,
                    }
                }
            }
            has_letter |= !digits_only;
            if i >= b.len() {
                break;
            }
            let c = b[i];
            let next = b.get(i + 1).copied().unwrap_or(b' ');
            match c {
                b'-' if self.is_word_start_at(i + 1) => {
                    i += 1;
                }
                b'.' | b',' | b':' if digits_only && next.is_ascii_digit() => {
                    i += 1;
                }
                b'/' if digits_only && next.is_ascii_digit() && !has_letter => {
                    i += 1;
                }
                b'.' if next.is_ascii_alphabetic()
                    && i - seg <= 2
                    && !digits_only
                    && short_segment(&b[i + 1..]) =>
                {
                    if let Some(n) = self.domain_len(start) {
                        return self.push(start, start + n, TokenKind::Symbol);
                    }
                    dotted = true;
                    i += 1;
                }
                b'&' if next.is_ascii_uppercase() && is_upper(&b[seg..i]) => {
                    i += 1;
                }
                b'$' if is_upper(&b[start..i]) && i - start <= 3 && !next.is_ascii_alphabetic() => {
                    // "US$", "HK$": the currency stays one symbol token.
                    return self.push(start, i + 1, TokenKind::Symbol);
                }
                b'\'' => {
                    if let Some(n) = self.apostrophe_inside(start, i) {
                        i = n;
                    } else if self.splits_nt(start, i) {
                        return self.push(start, i - 1, TokenKind::Word);
                    } else {
                        return self.finish_word(start, i, dotted, has_letter);
                    }
                }
                b'.' | b'@' | b'_' | b'+' | b'-' => {
                    if let Some(n) = self.email_len(start) {
                        return self.push(start, start + n, TokenKind::Symbol);
                    }
                    if c == b'.' && next.is_ascii_alphabetic() {
                        if let Some(n) = self.domain_len(start) {
                            return self.push(start, start + n, TokenKind::Symbol);
                        }
                    }
                    return self.finish_word(start, i, dotted, has_letter);
                }
                0xe2 => {
                    // ’ (E2 80 99) inside a word: "Ba’ath", or the start of a clitic.
                    if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x99) {
                        if let Some(n) = self.apostrophe_inside(start, i) {
                            i = n;
                            seg = i;
                            continue;
                        }
                        if self.splits_nt(start, i) {
                            return self.push(start, i - 1, TokenKind::Word);
                        }
                    }
                    // ‐ ‑ (E2 80 90/91): Unicode hyphens join like '-'.
                    if b.get(i + 1) == Some(&0x80)
                        && matches!(b.get(i + 2), Some(0x90 | 0x91))
                        && self.is_word_start_at(i + 3)
                    {
                        i += 3;
                        seg = i;
                        continue;
                    }
                    return self.finish_word(start, i, dotted, has_letter);
                }
                _ => return self.finish_word(start, i, dotted, has_letter),
            }
            seg = i;
        }
        self.finish_word(start, i, dotted, has_letter)
    }

    /// Ends a word at `end`, taking a following period when the word is an abbreviation,
    /// and going on when an abbreviation is hyphenated ("U.S.-backed").
    fn finish_word(&mut self, start: usize, end: usize, dotted: bool, has_letter: bool) -> usize {
        let b = self.b;
        let kind = if has_letter {
            TokenKind::Word
        } else {
            TokenKind::Number
        };
        if b.get(end) != Some(&b'.') || b.get(end + 1) == Some(&b'.') {
            return self.push(start, end, kind);
        }
        let word = &self.text[start..end];
        // "1." opening a line is a list number, one token as in CoNLL.
        let list_number = !has_letter
            && end - start <= 2
            && b.get(end + 1).is_none_or(u8::is_ascii_whitespace)
            && self.b[..start]
                .iter()
                .rev()
                .take_while(|&&c| c != b'\n')
                .all(u8::is_ascii_whitespace);
        if list_number {
            return self.push(start, end + 1, TokenKind::Number);
        }
        let takes_dot = dotted
            || (word.len() == 1 && b[start].is_ascii_uppercase())
            || ABBREVIATIONS.contains(&word)
            || (is_upper(word.as_bytes()) && CAPS_ABBREVIATIONS.contains(&word))
            || (word == "No" && self.next_non_space_is_digit(end + 1));
        if !takes_dot {
            return self.push(start, end, kind);
        }
        let end = end + 1;
        if b.get(end) == Some(&b'-') && self.is_word_start_at(end + 1) {
            // "U.S.-backed": one token, like CoNLL.
            let rest_end = self.word_end_simple(end + 1);
            return self.push(start, rest_end, TokenKind::Word);
        }
        self.push(start, end, TokenKind::Word)
    }

    /// End of a plain hyphenated word from `i` (used after "U.S.-").
    fn word_end_simple(&self, mut i: usize) -> usize {
        loop {
            while i < self.b.len() {
                match self.text[i..].chars().next() {
                    Some(ch) if is_word_char(ch) => i += ch.len_utf8(),
                    _ => break,
                }
            }
            if self.b.get(i) == Some(&b'-') && self.is_word_start_at(i + 1) {
                i += 1;
            } else {
                return i;
            }
        }
    }

    fn is_word_start_at(&self, i: usize) -> bool {
        match self.b.get(i) {
            Some(c) if c.is_ascii_alphanumeric() => true,
            Some(&c) if c >= 0x80 => self
                .text
                .get(i..)
                .and_then(|s| s.chars().next())
                .is_some_and(is_word_char),
            _ => false,
        }
    }

    fn next_non_space_is_digit(&self, i: usize) -> bool {
        self.b[i.min(self.b.len())..]
            .iter()
            .find(|c| !c.is_ascii_whitespace())
            .is_some_and(u8::is_ascii_digit)
    }

    /// An apostrophe at `at` inside the word begun at `start`: returns where the word goes
    /// on ("O'Brien"), or `None` when the word ends here (clitic, `n't`, closing quote).
    fn apostrophe_inside(&self, start: usize, at: usize) -> Option<usize> {
        let alen = if self.b[at] == b'\'' { 1 } else { 3 };
        let after = at + alen;
        if !self.is_word_start_at(after) {
            return None;
        }
        if self.clitic_len(at).is_some() {
            return None;
        }
        if self.splits_nt(start, at) {
            return None;
        }
        Some(after)
    }

    /// "don't": the word stops before the n, which starts "n't".
    fn splits_nt(&self, start: usize, at: usize) -> bool {
        let alen = if self.b[at] == b'\'' { 1 } else { 3 };
        let after = at + alen;
        at > start + 1
            && matches!(self.b[at - 1], b'n' | b'N')
            && matches!(self.b.get(after), Some(b't' | b'T'))
            && !self.is_word_start_at(after + 1)
    }

    /// Length of a clitic ('s, ’re, 'll ...) starting at the apostrophe at `i`, if any.
    fn clitic_len(&self, i: usize) -> Option<usize> {
        // Only directly after a word ("Iran's") or abbreviation ("Corp.'s"), never after a space.
        let mut before = self.text[..i].chars().rev();
        let after_word = match before.next() {
            Some('.') => before.next().is_some_and(char::is_alphabetic),
            Some(c) => is_word_char(c),
            None => false,
        };
        if !after_word {
            return None;
        }
        let alen = if self.b[i] == b'\'' { 1 } else { 3 };
        let after = i + alen;
        let rest = &self.b[after.min(self.b.len())..];
        let n = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        if n == 0 || n > 2 || self.is_word_start_at(after + n) {
            return None;
        }
        let letters = &rest[..n];
        CLITICS
            .iter()
            .any(|c| c.as_bytes().eq_ignore_ascii_case(letters))
            .then_some(alen + n)
    }

    /// "n't" (or "n’t") at `i`, after a word it was split from.
    fn nt_len(&self, i: usize) -> Option<usize> {
        let b = self.b;
        if !matches!(b[i], b'n' | b'N') || i == 0 || !b[i - 1].is_ascii_alphabetic() {
            return None;
        }
        let alen = match b.get(i + 1) {
            Some(b'\'') => 1,
            Some(0xe2) if b.get(i + 2) == Some(&0x80) && b.get(i + 3) == Some(&0x99) => 3,
            _ => return None,
        };
        let t = i + 1 + alen;
        (matches!(b.get(t), Some(b't' | b'T')) && !self.is_word_start_at(t + 1)).then_some(2 + alen)
    }

    /// A URL starting at `i` ("https://...", "www...."), trailing punctuation excluded.
    fn url_len(&self, i: usize) -> Option<usize> {
        let rest = &self.b[i..];
        let lower = |n: usize| rest.get(..n).map(|p| p.to_ascii_lowercase());
        let scheme = matches!(rest.first(), Some(b'h' | b'H' | b'w' | b'W' | b'f' | b'F'))
            && (lower(7).as_deref() == Some(b"http://")
                || lower(8).as_deref() == Some(b"https://")
                || lower(6).as_deref() == Some(b"ftp://")
                || (lower(4).as_deref() == Some(b"www.") && self.is_word_start_at(i + 4)));
        if !scheme {
            return None;
        }
        let n = self.url_end(i) - i;
        Some(trim_url_tail(&rest[..n]))
    }

    /// End of a URL-like run from `i`: up to any space (Unicode spaces too), `"`, `<` or `>`.
    fn url_end(&self, i: usize) -> usize {
        let mut j = i;
        while j < self.b.len() {
            let c = self.b[j];
            if c < 0x80 {
                if c.is_ascii_whitespace()
                    || c.is_ascii_control()
                    || matches!(c, b'"' | b'<' | b'>')
                {
                    break;
                }
                j += 1;
            } else {
                match self.text[j..].chars().next() {
                    Some(ch) if !is_space(ch) => j += ch.len_utf8(),
                    _ => break,
                }
            }
        }
        j
    }

    /// An e-mail address starting at `i`.
    fn email_len(&self, i: usize) -> Option<usize> {
        let rest = &self.b[i..];
        let local = rest
            .iter()
            .take_while(|c| {
                c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
            })
            .count();
        if local == 0 || rest.get(local) != Some(&b'@') {
            return None;
        }
        let domain = domain_shape(&rest[local + 1..])?;
        Some(local + 1 + domain)
    }

    /// A bare domain name with a known top-level domain ("kurdistan24.net/en").
    fn domain_len(&self, i: usize) -> Option<usize> {
        let rest = &self.b[i..];
        let n = domain_shape(rest)?;
        let tld_start = rest[..n].iter().rposition(|&c| c == b'.')? + 1;
        let tld = rest[tld_start..n].to_ascii_lowercase();
        if !TLDS.iter().any(|t| t.as_bytes() == tld.as_slice()) {
            return None;
        }
        if rest.get(n) == Some(&b'/') {
            let m = self.url_end(i) - i;
            return Some(trim_url_tail(&rest[..m]));
        }
        Some(n)
    }

    /// A hashtag or @handle at `i`.
    fn tag_len(&self, i: usize) -> Option<usize> {
        if i > 0 && self.text[..i].chars().next_back().is_some_and(is_word_char) {
            return None;
        }
        let mut n = 1;
        while let Some(ch) = self.text[i + n..].chars().next() {
            if is_word_char(ch) || ch == '_' {
                n += ch.len_utf8();
            } else {
                break;
            }
        }
        (n > 1).then_some(n)
    }
}

/// `label(.label)+` with a final label of 2+ letters; returns its length.
fn domain_shape(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    let mut labels = 0;
    let mut last_start = 0;
    loop {
        let n = b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        if n == 0 {
            break;
        }
        last_start = i;
        labels += 1;
        i += n;
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        } else {
            break;
        }
    }
    let last = &b[last_start..i];
    (labels >= 2 && last.len() >= 2 && last.iter().all(u8::is_ascii_alphabetic)).then_some(i)
}

/// Drops sentence punctuation from the end of a URL, keeping a ')' that closes a '(' in it.
fn trim_url_tail(url: &[u8]) -> usize {
    let mut n = url.len();
    while n > 0 {
        let c = url[n - 1];
        let opens = url[..n].iter().filter(|&&x| x == b'(').count();
        let closes = url[..n].iter().filter(|&&x| x == b')').count();
        if matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b']')
            || (c == b')' && closes > opens)
        {
            n -= 1;
        } else if n >= 3 && url[n - 3] == 0xe2 && url[n - 2] == 0x80 {
            // ’ ” at the end of a URL belong to the sentence.
            n -= 3;
        } else {
            break;
        }
    }
    n
}

/// True when `b` starts with at most two letters and no further letter or digit: the
/// next piece of a dotted abbreviation ("S" in "U.S", "g" in "e.g"), not a glued sentence.
fn short_segment(b: &[u8]) -> bool {
    let n = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    n <= 2 && !b.get(n).is_some_and(u8::is_ascii_alphanumeric)
}

fn is_upper(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_uppercase)
}

/// Letters, digits and the combining marks and joiners used inside words of other scripts.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c,
            '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}'
            | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
            | '\u{06D6}'..='\u{06ED}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}'
            | '\u{00AD}' | '\u{200C}' | '\u{200D}')
}

/// Unicode spaces, plus the invisible characters that should never start a token.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    #[rustfmt::skip]
    fn tokens_follow_conll_conventions() {
        let cases: &[(&str, &[&str])] = &[
            ("Iran’s response", &["Iran", "’s", "response"]),
            ("Iran's response", &["Iran", "'s", "response"]),
            ("Acme Corp.'s unit and the U.S.’s", &["Acme", "Corp.", "'s", "unit", "and", "the", "U.S.", "’s"]),
            ("the United States’ behavior", &["the", "United", "States", "’", "behavior"]),
            ("the allies' plan", &["the", "allies", "'", "plan"]),
            ("They don't agree", &["They", "do", "n't", "agree"]),
            ("It won’t happen", &["It", "wo", "n’t", "happen"]),
            ("we can't", &["we", "ca", "n't"]),
            ("They're sure we'll go and I'd stay", &["They", "'re", "sure", "we", "'ll", "go", "and", "I", "'d", "stay"]),
            ("Iranian-backed militias", &["Iranian-backed", "militias"]),
            ("the Al-Aqsa mosque", &["the", "Al-Aqsa", "mosque"]),
            ("a U.S.-brokered deal", &["a", "U.S.-brokered", "deal"]),
            ("COVID-19 and F-35s", &["COVID-19", "and", "F-35s"]),
            ("Seamus O'Brien and Ba'ath", &["Seamus", "O'Brien", "and", "Ba'ath"]),
            ("the Ba’ath party", &["the", "Ba’ath", "party"]),
            ("AT&T and S&P", &["AT&T", "and", "S&P"]),
            ("R & D", &["R", "&", "D"]),
        ];
        check(cases);
    }

    #[test]
    #[rustfmt::skip]
    fn abbreviations_keep_their_period() {
        let cases: &[(&str, &[&str])] = &[
            ("U.S. President Donald Trump", &["U.S.", "President", "Donald", "Trump"]),
            ("the U.N. and the U.K.", &["the", "U.N.", "and", "the", "U.K."]),
            ("Gen. Smith met Mr. Khalilzad", &["Gen.", "Smith", "met", "Mr.", "Khalilzad"]),
            ("Mrs. Doe, Dr. Roe, Lt. Col. Ray", &["Mrs.", "Doe", ",", "Dr.", "Roe", ",", "Lt.", "Col.", "Ray"]),
            ("on Jan. 5 and Feb. 6 and Sept. 9", &["on", "Jan.", "5", "and", "Feb.", "6", "and", "Sept.", "9"]),
            ("St. Petersburg", &["St.", "Petersburg"]),
            ("ST. LOUIS and GEN. X but IN. Y", &["ST.", "LOUIS", "and", "GEN.", "X", "but", "IN", ".", "Y"]),
            ("Sen. Ray and Rep. Lee and Gov. Kay", &["Sen.", "Ray", "and", "Rep.", "Lee", "and", "Gov.", "Kay"]),
            ("Acme Inc. and Beta Corp. sued", &["Acme", "Inc.", "and", "Beta", "Corp.", "sued"]),
            ("No. 10 Downing Street", &["No.", "10", "Downing", "Street"]),
            ("He said No.", &["He", "said", "No", "."]),
            ("Iran vs. Iraq", &["Iran", "vs.", "Iraq"]),
            ("e.g. oil, i.e. gas", &["e.g.", "oil", ",", "i.e.", "gas"]),
            ("at 10 a.m. sharp", &["at", "10", "a.m.", "sharp"]),
            ("John F. Kennedy", &["John", "F.", "Kennedy"]),
            ("a Ph.D. student", &["a", "Ph.D.", "student"]),
            ("arrived in the U.S.", &["arrived", "in", "the", "U.S."]),
            ("They met NATO.", &["They", "met", "NATO", "."]),
            ("We left.The end", &["We", "left", ".", "The", "end"]),
            ("and so on etc. later", &["and", "so", "on", "etc.", "later"]),
        ];
        check(cases);
    }

    #[test]
    #[rustfmt::skip]
    fn numbers_and_symbols() {
        let cases: &[(&str, &[&str])] = &[
            ("1,200 people", &["1,200", "people"]),
            ("3.5 percent in 2024.", &["3.5", "percent", "in", "2024", "."]),
            ("rose 60%", &["rose", "60", "%"]),
            ("cost $5.5 billion", &["cost", "$", "5.5", "billion"]),
            ("paid US$20 and €30 and £4", &["paid", "US$", "20", "and", "€", "30", "and", "£", "4"]),
            ("at 10:30 on 24/7", &["at", "10:30", "on", "24/7"]),
            ("the 1990s and 5th", &["the", "1990s", "and", "5th"]),
            ("1,200,000.50", &["1,200,000.50"]),
            ("the G7 and Kurdistan24", &["the", "G7", "and", "Kurdistan24"]),
            ("a+b=c", &["a", "+", "b", "=", "c"]),
            ("4-3 win", &["4-3", "win"]),
            ("Tel +44 20 and -0.5 or (+3.1) vs .500", &["Tel", "+44", "20", "and", "-0.5", "or", "(", "+3.1", ")", "vs", ".500"]),
            ("a-5 and 3 - 2", &["a-5", "and", "3", "-", "2"]),
            ("-3x and .5b", &["-", "3x", "and", ".", "5b"]),
            ("1. Jane Doe\n 12. John Roe", &["1.", "Jane", "Doe", "12.", "John", "Roe"]),
            ("won in 12. Then", &["won", "in", "12", ".", "Then"]),
            ("2024. Then", &["2024", ".", "Then"]),
        ];
        check(cases);
    }

    #[test]
    #[rustfmt::skip]
    fn quotes_dashes_and_ellipses() {
        let cases: &[(&str, &[&str])] = &[
            ("“It is over,” he said.", &["“", "It", "is", "over", ",", "”", "he", "said", "."]),
            ("\"No,\" she said", &["\"", "No", ",", "\"", "she", "said"]),
            ("‘quiet’ talks", &["‘", "quiet", "’", "talks"]),
            ("'quiet' talks", &["'", "quiet", "'", "talks"]),
            ("``Yes'' he said", &["``", "Yes", "'", "'", "he", "said"]),
            ("conflicts—from Gaza", &["conflicts", "—", "from", "Gaza"]),
            ("2019–2024 war", &["2019", "–", "2024", "war"]),
            ("Oman -- a mediator", &["Oman", "--", "a", "mediator"]),
            ("Oman - a mediator", &["Oman", "-", "a", "mediator"]),
            ("ERBIL (Kurdistan24) — Iran", &["ERBIL", "(", "Kurdistan24", ")", "—", "Iran"]),
            ("wait... and see", &["wait", "...", "and", "see"]),
            ("wait… and see", &["wait", "…", "and", "see"]),
            ("«Non», dit-il", &["«", "Non", "»", ",", "dit-il"]),
            ("Really?!", &["Really", "?", "!"]),
            ("(see below)", &["(", "see", "below", ")"]),
        ];
        check(cases);
    }

    #[test]
    #[rustfmt::skip]
    fn web_tokens_stay_whole() {
        let cases: &[(&str, &[&str])] = &[
            ("see https://example.org/a?b=1&c=2.", &["see", "https://example.org/a?b=1&c=2", "."]),
            ("(http://x.com/a_(b))", &["(", "http://x.com/a_(b)", ")"]),
            ("at www.un.org today", &["at", "www.un.org", "today"]),
            ("on kurdistan24.net/en/story, said", &["on", "kurdistan24.net/en/story", ",", "said"]),
            ("mail jane.doe@example.com.", &["mail", "jane.doe@example.com", "."]),
            ("info@un.org says", &["info@un.org", "says"]),
            ("by @UN_News and #Gaza2025", &["by", "@UN_News", "and", "#Gaza2025"]),
            ("#1 and @ noon", &["#1", "and", "@", "noon"]),
        ];
        check(cases);
    }

    #[test]
    #[rustfmt::skip]
    fn other_scripts_and_spaces() {
        let cases: &[(&str, &[&str])] = &[
            ("Москва и Киев", &["Москва", "и", "Киев"]),
            ("Erdoğan and Lavrov’s", &["Erdoğan", "and", "Lavrov", "’s"]),
            ("ایران\u{200C}ها", &["ایران\u{200C}ها"]),
            ("a\u{00A0}b\u{2009}c\u{200B}d", &["a", "b", "c", "d"]),
            ("line\r\nnext\tone", &["line", "next", "one"]),
            ("\u{FEFF}Title", &["Title"]),
            ("São Paulo‑based", &["São", "Paulo‑based"]),
            ("", &[]),
            ("   ", &[]),
        ];
        check(cases);
    }

    fn check(cases: &[(&str, &[&str])]) {
        for (text, want) in cases {
            assert_eq!(&words(text), want, "tokenizing {text:?}");
        }
    }

    #[test]
    fn word_lists_are_sorted_and_unique() {
        for list in [ABBREVIATIONS, CAPS_ABBREVIATIONS, TLDS, CLITICS] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted, list.to_vec());
        }
    }

    #[test]
    fn kinds_describe_shape() {
        let text = "Iran paid $1,200 (60%) — https://x.org";
        let kinds: Vec<TokenKind> = tokenize(text).iter().map(|t| t.kind).collect();
        use TokenKind::*;
        assert_eq!(
            kinds,
            [
                Word, Word, Symbol, Number, Punct, Number, Symbol, Punct, Punct, Symbol
            ]
        );
    }

    #[test]
    fn spans_are_ordered_nonempty_and_on_char_boundaries() {
        let texts = [
            "Iran’s U.S.-backed “rivals” don't pay 60%… ok—fine",
            "a\u{0301}b ’’’ ''' ``` --- ... @ # $ n't 'n' n’",
            "é’s’ ’s n’t x’ \u{200D}\u{200C} \u{0301}",
            "\u{FFFD}\0\x01 word\u{7f} ab.cd. e.f@g. www. http:// .com a.b.c.d.e.",
        ];
        for text in texts {
            let toks = tokenize(text);
            let mut prev = 0;
            for t in &toks {
                assert!(
                    t.span.start >= prev && t.span.start < t.span.end,
                    "{text:?} {t:?}"
                );
                assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                assert!(
                    !t.span.slice(text).chars().any(char::is_whitespace),
                    "{text:?} {t:?}"
                );
                prev = t.span.end;
            }
        }
    }
}
