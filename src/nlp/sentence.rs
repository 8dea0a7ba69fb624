//! Sentence boundaries over the tokens of [`super::tokenize`].
//!
//! A sentence ends at `.`, `?`, `!` or an ellipsis (with any closing quotes and brackets
//! after it) unless what follows shows it goes on, after an abbreviation only when a
//! sentence starter follows, and at paragraph breaks even without punctuation (headlines,
//! captions). Every token lands in exactly one sentence, in order. Text that runs on
//! without any of these (a page without punctuation) is cut every
//! [`MAX_SENTENCE_TOKENS`] tokens or [`MAX_SENTENCE_BYTES`] bytes, because later stages
//! do work per pair of mentions in a sentence.

use crate::model::{Sentence, Span, Token};

/// Most tokens in one sentence; the longest sentences of CoNLL-2003 and GUM have 113
/// and 136.
pub const MAX_SENTENCE_TOKENS: usize = 200;

/// Most bytes in one sentence (a single longer token is a sentence of its own).
pub const MAX_SENTENCE_BYTES: usize = 2000;

/// Abbreviations that (almost) never end a sentence: titles, months, "No.", "vs.".
/// "U.S.", "Inc.", "etc.", "a.m." are not here: they end a sentence when a starter follows.
const NEVER_FINAL: &[&str] = &[
    "Adm.", "Amb.", "Apr.", "Aug.", "Brig.", "Capt.", "Cmdr.", "Col.", "Cpl.", "Dec.", "Dr.",
    "Feb.", "Fr.", "Gen.", "Gov.", "Hon.", "Jan.", "Jul.", "Jun.", "Lt.", "Maj.", "Messrs.", "Mr.",
    "Mrs.", "Ms.", "Msgr.", "Mt.", "No.", "Nov.", "Oct.", "Pres.", "Prof.", "Pvt.", "Rep.", "Rev.",
    "Sen.", "Sep.", "Sept.", "Sgt.", "St.", "Supt.", "cf.", "e.g.", "i.e.", "vs.",
];

/// Capitalised words that usually begin a sentence and rarely continue a name after an
/// abbreviation: "... in the U.S. The talks ..." breaks, "U.S. President Trump" does not.
#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "A", "According", "Across", "Additionally", "After", "Against", "Almost", "Along",
    "Already", "Also", "Although", "Among", "An", "Analysts", "And", "Another", "Any", "As",
    "Asked", "At", "Authorities", "Because", "Before", "Both", "But", "By", "Critics",
    "Currently", "Despite", "During", "Each", "Earlier", "Elsewhere", "Even", "Eventually",
    "Every", "Few", "Finally", "Following", "For", "Fortunately", "From", "Furthermore", "He",
    "Her", "Here", "His", "How", "However", "I", "If", "In", "Indeed", "Initially", "Instead",
    "It", "Its", "Just", "Last", "Later", "Likewise", "Many", "Meanwhile", "More", "Moreover",
    "Most", "Nearly", "Neither", "Nevertheless", "No", "Nonetheless", "Nor", "Now",
    "Officials", "On", "Once", "One", "Only", "Our", "Over", "Overall", "Police", "Previously",
    "Recently", "Residents", "Separately", "Several", "She", "Similarly", "Since", "So",
    "Some", "Speaking", "Still", "Such", "That", "The", "Their", "Then", "There", "Therefore",
    "These", "They", "This", "Those", "Though", "Through", "Throughout", "Thus", "To", "Today",
    "Tomorrow", "Under", "Unfortunately", "Until", "We", "What", "When", "Where", "While",
    "Who", "Why", "With", "Within", "Without", "Witnesses", "Yesterday", "Yet", "You",
];

/// Groups `tokens` (from `tokenize(text)`) into sentences.
///
/// # Example
/// ```
/// use newsgraph::nlp::{sentence::split_sentences, tokenize::tokenize};
/// let text = "Mr. Smith met U.S. envoys. “It is over,” he said. Talks resume in the U.S. The end";
/// let tokens = tokenize(text);
/// let got: Vec<&str> = split_sentences(text, &tokens).iter().map(|s| s.span.slice(text)).collect();
/// assert_eq!(got, [
///     "Mr. Smith met U.S. envoys.",
///     "“It is over,” he said.",
///     "Talks resume in the U.S.",
///     "The end",
/// ]);
/// ```
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(tokens.len() / 20 + 1);
    if tokens.is_empty() {
        return out;
    }
    let lines = LineShape::of(text);
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        if i > first
            && (i - first >= MAX_SENTENCE_TOKENS
                || tokens[i].span.end - tokens[first].span.start > MAX_SENTENCE_BYTES)
        {
            out.push(sentence(tokens, first, i - 1));
            first = i;
        }
        let end = boundary_after(text, tokens, i, &lines);
        if let Some(last) = end {
            out.push(sentence(tokens, first, last));
            first = last + 1;
            i = last + 1;
        } else {
            i += 1;
        }
    }
    if first < tokens.len() {
        out.push(sentence(tokens, first, tokens.len() - 1));
    }
    out
}

fn sentence(tokens: &[Token], first: usize, last: usize) -> Sentence {
    Sentence {
        span: Span::new(tokens[first].span.start, tokens[last].span.end),
        tokens: first..last + 1,
    }
}

/// If a sentence ends with token `i` (or with closers right after it), the index of its
/// last token.
fn boundary_after(text: &str, tokens: &[Token], i: usize, lines: &LineShape) -> Option<usize> {
    let word = tokens[i].span.slice(text);
    let next = i + 1;
    if next >= tokens.len() {
        return None;
    }
    let terminal = matches!(word, "." | "?" | "!" | "…") || (word.len() > 1 && is_dots(word));
    if terminal {
        // Closing quotes and brackets belong to the sentence they close.
        let mut last = i;
        while let Some(t) = tokens.get(last + 1) {
            let glued = t.span.start == tokens[last].span.end;
            let more = glued && matches!(t.span.slice(text), "." | "?" | "!" | "…");
            if more || is_closer(text, tokens[last].span.end, t) {
                last += 1;
            } else {
                break;
            }
        }
        let after = tokens.get(last + 1)?;
        let gap = &text[tokens[last].span.end..after.span.start];
        if gap.contains('\n') {
            return Some(last);
        }
        let follower = after.span.slice(text);
        let first = follower.chars().next().unwrap_or(' ');
        // `“Why?” he asked.`, `... policy. and` (lower case), `?,`: the sentence goes on.
        if first.is_lowercase() || matches!(first, ',' | ';' | ':' | ')' | ']' | '%') {
            return None;
        }
        if word != "." && word != "?" && word != "!" && !starts_sentence(text, tokens, last + 1) {
            // An ellipsis ends a sentence only before a clear new start.
            return None;
        }
        return Some(last);
    }
    let gap = &text[tokens[i].span.end..tokens[next].span.start];
    if word.len() > 1 && word.ends_with('.') && !word.starts_with('.') {
        // An abbreviation carrying its period ("U.S.", "Gen.", "J.").
        if is_paragraph_break(gap) || (gap.contains('\n') && lines.one_paragraph_per_line) {
            return Some(i);
        }
        if never_final(word) || is_initial(word) {
            return None;
        }
        return starts_sentence(text, tokens, next).then_some(i);
    }
    if gap.contains('\n') && line_ends_paragraph(text, tokens, i, gap, lines) {
        return Some(i);
    }
    None
}

/// True when `gap` (text between two tokens) holds an empty line.
fn is_paragraph_break(gap: &str) -> bool {
    // Gaps between tokens hold only whitespace, so two newlines enclose an empty line.
    gap.bytes().filter(|&b| b == b'\n').count() >= 2
}

/// A line break after token `i` that is not after sentence punctuation: it ends the
/// sentence at a blank line, in text with one paragraph per line, or where a hard-wrapped
/// paragraph stops short and the next line starts like a sentence.
fn line_ends_paragraph(
    text: &str,
    tokens: &[Token],
    i: usize,
    gap: &str,
    lines: &LineShape,
) -> bool {
    if is_paragraph_break(gap) || lines.one_paragraph_per_line {
        return true;
    }
    let line_start = text[..tokens[i].span.end].rfind('\n').map_or(0, |p| p + 1);
    let line_len = text[line_start..tokens[i].span.end].chars().count();
    let short = (line_len as f64) < 0.6 * lines.wrap_width as f64;
    let next = tokens[i + 1].span.slice(text);
    let upper = next
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_opener(c));
    short && upper
}

/// How the text uses line breaks: one paragraph per line (typical for feeds and JSONL), or
/// hard-wrapped paragraphs at some width (typical for e-mail and old wires).
struct LineShape {
    one_paragraph_per_line: bool,
    wrap_width: usize,
}

impl LineShape {
    fn of(text: &str) -> LineShape {
        let lens: Vec<usize> = text
            .lines()
            .map(|l| l.trim_end().chars().count())
            .filter(|&n| n > 0)
            .collect();
        let max = lens.iter().copied().max().unwrap_or(0);
        let long = lens.iter().filter(|&&n| n * 10 >= max * 6).count();
        // Wrapped text: no line beyond a screen width, most lines close to the widest.
        let wrapped = max <= 100 && lens.len() >= 3 && long * 2 >= lens.len();
        LineShape {
            one_paragraph_per_line: !wrapped,
            wrap_width: max,
        }
    }
}

/// Does the token at `j` (after optional opening quotes/brackets) look like a sentence start?
fn starts_sentence(text: &str, tokens: &[Token], j: usize) -> bool {
    let Some(t) = tokens.get(j) else {
        return false;
    };
    let word = t.span.slice(text);
    // A quote may open a sentence; a bracket after "a.m." usually does not: "at 11 a.m. (0800 GMT)".
    if matches!(word, "“" | "‘" | "\"" | "«" | "„") {
        return true;
    }
    STARTERS.contains(&word)
}

/// "Gen.", and its capitalised form "GEN." in headlines.
fn never_final(word: &str) -> bool {
    NEVER_FINAL.contains(&word)
        || (word.bytes().all(|b| b.is_ascii_uppercase() || b == b'.')
            && NEVER_FINAL
                .iter()
                .any(|a| a.len() > 2 && a.eq_ignore_ascii_case(word)))
}

fn is_dots(word: &str) -> bool {
    word.bytes().all(|b| b == b'.')
}

fn is_initial(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase()
}

fn is_opener(c: char) -> bool {
    matches!(c, '“' | '‘' | '"' | '«' | '(' | '[' | '„')
}

/// A token closing what came before: `”`, `’`, `»`, `)`, `]`, or a straight quote
/// glued to it (`."`), as opposed to `"` opening the next sentence after a space.
fn is_closer(text: &str, prev_end: usize, t: &Token) -> bool {
    match t.span.slice(text) {
        "”" | "’" | "»" | ")" | "]" | "''" => true,
        "\"" | "'" => t.span.start == prev_end,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tokenize::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        split_sentences(text, &tokens)
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    #[test]
    #[rustfmt::skip]
    fn splits_like_a_careful_reader() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            ("Is it? Yes! Fine.", &["Is it?", "Yes!", "Fine."]),
            ("U.S. President Donald Trump spoke.", &["U.S. President Donald Trump spoke."]),
            ("He met Mr. Khalilzad today.", &["He met Mr. Khalilzad today."]),
            ("Gen. Smith left on Jan. 5 for Kabul.", &["Gen. Smith left on Jan. 5 for Kabul."]),
            ("Dr. Roe and Sen. Lee met No. 10 staff.", &["Dr. Roe and Sen. Lee met No. 10 staff."]),
            ("Talks began in the U.S. The talks ended.", &["Talks began in the U.S.", "The talks ended."]),
            ("Shares of Acme Inc. Fell sharply.", &["Shares of Acme Inc. Fell sharply."]),
            ("He works for Acme Inc. He is new.", &["He works for Acme Inc.", "He is new."]),
            ("It met at 9 a.m. Tuesday in Doha.", &["It met at 9 a.m. Tuesday in Doha."]),
            ("It met at 9 a.m. The talks failed.", &["It met at 9 a.m.", "The talks failed."]),
            ("Oil, gas, etc. But not coal.", &["Oil, gas, etc.", "But not coal."]),
            ("John F. Kennedy spoke.", &["John F. Kennedy spoke."]),
            ("Mr. Smith said so. Mrs. Smith agreed.", &["Mr. Smith said so.", "Mrs. Smith agreed."]),
            ("It rose 5%. Iran said no.", &["It rose 5%.", "Iran said no."]),
            ("In 2024. 15 died.", &["In 2024.", "15 died."]),
            ("They meet at 11 a.m. (0800 GMT) in Naqoura.", &["They meet at 11 a.m. (0800 GMT) in Naqoura."]),
            ("It is in the U.S. “We are ready,” he said.", &["It is in the U.S.", "“We are ready,” he said."]),
            ("ST. LOUIS, Missouri — GEN. SMITH SPOKE.", &["ST. LOUIS, Missouri — GEN. SMITH SPOKE."]),
        ];
        check(cases);
    }

    #[test]
    #[rustfmt::skip]
    fn quotations_stay_with_their_sentence() {
        let cases: &[(&str, &[&str])] = &[
            ("“It is over,” he said. Then he left.", &["“It is over,” he said.", "Then he left."]),
            ("He said: “We will not go.” Talks ended.", &["He said: “We will not go.”", "Talks ended."]),
            ("He said \"No.\" Talks ended.", &["He said \"No.\"", "Talks ended."]),
            ("It ended. \"We lost,\" he said.", &["It ended.", "\"We lost,\" he said."]),
            ("“Why now?” asked Lavrov. Nobody knew.", &["“Why now?” asked Lavrov.", "Nobody knew."]),
            ("“Enough!” she shouted. Silence.", &["“Enough!” she shouted.", "Silence."]),
            ("“Enough!” Silence followed.", &["“Enough!”", "Silence followed."]),
            ("(The vote was close.) It passed.", &["(The vote was close.)", "It passed."]),
            ("They ‘won.’ Others lost.", &["They ‘won.’", "Others lost."]),
            ("“We are ready. The ball is in their court,” he said.", &["“We are ready.", "The ball is in their court,” he said."]),
        ];
        check(cases);
    }

    #[test]
    #[rustfmt::skip]
    fn ellipses_and_odd_punctuation() {
        let cases: &[(&str, &[&str])] = &[
            ("We wait... and see.", &["We wait... and see."]),
            ("We wait... The end.", &["We wait...", "The end."]),
            ("We wait… Iran said.", &["We wait… Iran said."]),
            ("Really?! Yes.", &["Really?!", "Yes."]),
            ("no final stop", &["no final stop"]),
            ("", &[]),
            ("...", &["..."]),
        ];
        check(cases);
    }

    #[test]
    #[rustfmt::skip]
    fn line_breaks_end_paragraphs() {
        let cases: &[(&str, &[&str])] = &[
            ("Iran rejects talks\nTehran said on Sunday it would not negotiate.", &["Iran rejects talks", "Tehran said on Sunday it would not negotiate."]),
            ("First part\n\nSecond part", &["First part", "Second part"]),
            ("Talks in the U.S.\nOfficials met.", &["Talks in the U.S.", "Officials met."]),
            ("Photo: Gen. Smith\n\nHe spoke.", &["Photo: Gen. Smith", "He spoke."]),
            ("Mr.\n\nSmith", &["Mr.", "Smith"]),
            // Hard-wrapped text: a line break inside a paragraph is only a space.
            ("The foreign ministers of both countries met in\nGeneva on Monday to discuss the\nproposal for a ceasefire in the region\nand a new round of talks.\n", &["The foreign ministers of both countries met in\nGeneva on Monday to discuss the\nproposal for a ceasefire in the region\nand a new round of talks."]),
            ("The foreign ministers of both countries met in\nGeneva on Monday\nSummit ends\nNew talks are planned for the\nspring in Oman, officials said today.", &["The foreign ministers of both countries met in\nGeneva on Monday", "Summit ends", "New talks are planned for the\nspring in Oman, officials said today."]),
            ("A.\r\nB c", &["A.", "B c"]),
        ];
        check(cases);
    }

    fn check(cases: &[(&str, &[&str])]) {
        for (text, want) in cases {
            assert_eq!(&sentences(text), want, "splitting {text:?}");
        }
    }

    #[test]
    fn run_on_text_is_cut_into_bounded_sentences() {
        for text in [
            "word ".repeat(1000),
            format!("{} end.", "x".repeat(5000)),
            "Iran, ".repeat(900),
        ] {
            let tokens = tokenize(&text);
            let got = split_sentences(&text, &tokens);
            assert!(
                got.len() > 1 || tokens.len() <= 2,
                "{} tokens in one",
                tokens.len()
            );
            let mut next = 0;
            for s in &got {
                assert_eq!(s.tokens.start, next, "tokens skipped or repeated");
                next = s.tokens.end;
                let single = s.tokens.len() == 1;
                assert!(s.tokens.len() <= MAX_SENTENCE_TOKENS);
                assert!(single || s.span.len() <= MAX_SENTENCE_BYTES, "{:?}", s.span);
            }
            assert_eq!(next, tokens.len());
        }
    }

    #[test]
    fn never_final_abbreviations_are_single_tokens() {
        for abbr in NEVER_FINAL {
            // A digit follows so that "No." is an abbreviation too ("No. 10").
            let text = format!("{abbr} 10");
            assert_eq!(tokenize(&text)[0].span.slice(&text), *abbr);
        }
    }

    #[test]
    fn word_lists_are_sorted_and_unique() {
        for list in [NEVER_FINAL, STARTERS] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted, list.to_vec());
        }
    }

    #[test]
    fn every_token_is_in_exactly_one_sentence_in_order() {
        let texts = [
            "A. B? C! “D.” E... f. G\n\nH\nI. U.S. The Mr. X",
            "\"\"\" ... ??? !!! ” ” ) ) .",
            "x",
        ];
        for text in texts {
            let tokens = tokenize(text);
            let sents = split_sentences(text, &tokens);
            let mut next = 0;
            for s in &sents {
                assert_eq!(s.tokens.start, next, "{text:?}");
                assert!(s.tokens.end > s.tokens.start, "{text:?}");
                assert_eq!(s.span.start, tokens[s.tokens.start].span.start);
                assert_eq!(s.span.end, tokens[s.tokens.end - 1].span.end);
                next = s.tokens.end;
            }
            assert_eq!(next, tokens.len(), "{text:?}");
        }
    }

    /// Pieces that stress the tokenizer's and splitter's special cases; random strings of
    /// them must still give well-formed tokens and sentences.
    const PIECES: &[&str] = &[
        "U.S.",
        "Mr.",
        "Iran",
        "’s",
        "'s",
        "n't",
        "n’t",
        "don",
        "-",
        "—",
        "–",
        ".",
        "..",
        "…",
        "?",
        "!",
        "“",
        "”",
        "\"",
        "'",
        "(",
        ")",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "1,2",
        "3.5",
        "%",
        "$",
        "US$",
        "@",
        "#",
        "x@y.com",
        "http://",
        "www.",
        "a.b",
        "é",
        "\u{301}",
        "\u{200C}",
        "\u{FEFF}",
        "\u{A0}",
        "Gen.",
        "e.g.",
        "No.",
        "1.",
        "+",
        "&",
        "A",
        "z",
        "ایران",
        "Москва",
        "\t",
        "`",
        "/",
        ":",
        ",",
        "...",
        "--",
        "ST.",
        "’",
        "‘",
        "«",
        "»",
    ];

    #[test]
    fn random_texts_give_well_formed_tokens_and_sentences() {
        // A fixed-seed linear congruential generator: the same texts on every run.
        let mut state: u64 = 0x5eed;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        for _ in 0..3000 {
            let len = next() % 24;
            let text: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
            let tokens = tokenize(&text);
            let mut prev = 0;
            for t in &tokens {
                assert!(
                    t.span.start >= prev && t.span.start < t.span.end,
                    "{text:?}"
                );
                assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                prev = t.span.end;
            }
            let non_space = text
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, '\u{FEFF}' | '\u{200B}'))
                .count();
            let covered: usize = tokens
                .iter()
                .map(|t| t.span.slice(&text).chars().count())
                .sum();
            assert_eq!(
                covered, non_space,
                "every visible character is in a token: {text:?}"
            );
            let sents = split_sentences(&text, &tokens);
            let mut next_token = 0;
            for s in &sents {
                assert_eq!(s.tokens.start, next_token, "{text:?}");
                assert!(s.tokens.end > s.tokens.start, "{text:?}");
                next_token = s.tokens.end;
            }
            assert_eq!(next_token, tokens.len(), "{text:?}");
        }
    }
}
