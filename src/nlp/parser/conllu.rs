//! A CoNLL-U reader: sentences with their words, tags, gold heads and relations.
//!
//! Multiword-token lines (`1-2`) and empty nodes (`8.1`) are skipped, so a sentence is its
//! syntactic words. A sentence that is not a tree (bad columns, ids out of order, heads out
//! of range, no root or several, a cycle) is left out and reported with its line number;
//! the rest of the file is read.

use super::tree::DepTree;
use crate::error::Error;

/// One sentence of a CoNLL-U file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConlluSentence {
    /// The `# sent_id = ...` comment, if any.
    pub id: Option<String>,
    /// The `# text = ...` comment, if any.
    pub text: Option<String>,
    /// 1-based line number of the sentence's first line (comments included).
    pub line: usize,
    pub words: Vec<String>,
    pub upos: Vec<String>,
    /// The language-specific tag (Penn Treebank tags in the English treebanks).
    pub xpos: Vec<String>,
    /// Gold heads as 0-based token indices, None for the root.
    pub heads: Vec<Option<usize>>,
    /// Gold relations with subtypes ("nsubj:pass").
    pub labels: Vec<String>,
}

impl ConlluSentence {
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The gold tree.
    pub fn tree(&self) -> DepTree {
        DepTree::from_parts(self.heads.clone(), self.labels.clone())
    }

    /// The words as string slices.
    pub fn word_refs(&self) -> Vec<&str> {
        self.words.iter().map(String::as_str).collect()
    }
}

/// A parsed file: the sentences that are trees, and one error per sentence left out.
#[derive(Debug, Default)]
pub struct Conllu {
    pub sentences: Vec<ConlluSentence>,
    pub skipped: Vec<Error>,
}

/// Reads CoNLL-U text; `source` names the file in error messages.
pub fn parse(text: &str, source: &str) -> Conllu {
    let mut out = Conllu::default();
    let mut cur = ConlluSentence::default();
    let mut error: Option<Error> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let number = i + 1;
        if cur.line == 0 {
            cur.line = number;
        }
        if line.trim().is_empty() {
            finish(&mut cur, &mut error, &mut out, source);
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if let Some((key, value)) = comment.split_once('=') {
                match key.trim() {
                    "sent_id" => cur.id = Some(value.trim().to_owned()),
                    "text" => cur.text = Some(value.trim().to_owned()),
                    _ => {}
                }
            }
            continue;
        }
        if error.is_some() {
            continue;
        }
        if let Err(message) = word_line(line, &mut cur) {
            error = Some(Error::input(format!("{source}:{number}"), message));
        }
    }
    finish(&mut cur, &mut error, &mut out, source);
    out
}

/// Adds one word line to `s`, or says why it cannot be read.
fn word_line(line: &str, s: &mut ConlluSentence) -> Result<(), String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 10 {
        return Err(format!("{} columns, CoNLL-U has 10", cols.len()));
    }
    let id = cols[0];
    if id.contains('-') || id.contains('.') {
        return Ok(());
    }
    let id: usize = id
        .parse()
        .map_err(|_| format!("word id {id:?} is not a number"))?;
    if id != s.words.len() + 1 {
        return Err(format!("word id {id} where {} was due", s.words.len() + 1));
    }
    let head: usize = cols[6]
        .parse()
        .map_err(|_| format!("head {:?} of word {id} is not a number", cols[6]))?;
    s.words.push(cols[1].to_owned());
    s.upos.push(cols[3].to_owned());
    s.xpos.push(cols[4].to_owned());
    s.heads.push(head.checked_sub(1));
    s.labels.push(cols[7].to_owned());
    Ok(())
}

/// Closes the current sentence: keeps it if it is a tree, else records why not.
fn finish(cur: &mut ConlluSentence, error: &mut Option<Error>, out: &mut Conllu, source: &str) {
    let s = std::mem::take(cur);
    if let Some(e) = error.take() {
        out.skipped.push(e);
        return;
    }
    if s.words.is_empty() {
        return;
    }
    let n = s.len();
    let place = || format!("{source}:{}", s.line);
    if let Some(w) = s.heads.iter().position(|h| h.is_some_and(|h| h >= n)) {
        out.skipped.push(Error::input(
            place(),
            format!("word {} has a head outside the sentence", w + 1),
        ));
        return;
    }
    if !s.tree().is_well_formed() {
        out.skipped.push(Error::input(
            place(),
            "the sentence is not a tree (no single root, or a cycle)",
        ));
        return;
    }
    out.sentences.push(s);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences written for this test, with a multiword token and an empty node.
    const TEXT: &str = "# sent_id = a-1
# text = We don't sing.
1\tWe\twe\tPRON\tPRP\t_\t3\tnsubj\t_\t_
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_
3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\t_
3.1\tsing\tsing\tVERB\tVB\t_\t_\t_\t3:conj\t_
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# sent_id = a-2
1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\t_
";

    #[test]
    fn reads_words_tags_heads_and_relations_skipping_multiword_tokens_and_empty_nodes() {
        let c = parse(TEXT, "t.conllu");
        assert!(c.skipped.is_empty(), "{:?}", c.skipped);
        assert_eq!(c.sentences.len(), 2);
        let s = &c.sentences[0];
        assert_eq!(s.id.as_deref(), Some("a-1"));
        assert_eq!(s.text.as_deref(), Some("We don't sing."));
        assert_eq!(s.line, 1);
        assert_eq!(s.words, ["We", "do", "n't", "."]);
        assert_eq!(s.xpos, ["PRP", "VBP", "RB", "."]);
        assert_eq!(s.upos[3], "PUNCT");
        assert_eq!(s.heads, [Some(2), Some(2), None, Some(2)]);
        assert_eq!(s.labels, ["nsubj", "aux", "root", "punct"]);
        let t = s.tree();
        assert_eq!(t.children(2).collect::<Vec<_>>(), [0, 1, 3]);
        assert_eq!(c.sentences[1].words, ["Hello"]);
        assert_eq!(c.sentences[1].line, 10);
    }

    #[test]
    fn sentences_that_are_not_trees_are_reported_by_line_and_the_rest_is_kept() {
        let text = "1\ta\t_\tX\tX\t_\t0\troot\t_\t_\n2\tb\t_\tX\tX\t_\t0\troot\t_\t_\n\n\
                    1\tc\t_\tX\tX\t_\t0\troot\t_\t_\n\n\
                    1\td\t_\tX\tX\t_\t2\tdep\t_\t_\n2\te\t_\tX\tX\t_\t1\tdep\t_\t_\n\n\
                    1\tf\t_\tX\tX\t_\t5\tdep\t_\t_\n\n\
                    1\tg\t_\tX\tX\n\n\
                    2\th\t_\tX\tX\t_\t0\troot\t_\t_\n\n\
                    1\ti\t_\tX\tX\t_\tx\troot\t_\t_\n";
        let c = parse(text, "bad.conllu");
        let words: Vec<&str> = c.sentences.iter().map(|s| s.words[0].as_str()).collect();
        assert_eq!(words, ["c"]);
        let errors: Vec<String> = c.skipped.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 6, "{errors:?}");
        for (e, want) in errors.iter().zip([
            "bad.conllu:1: the sentence is not a tree",
            "bad.conllu:6: the sentence is not a tree",
            "bad.conllu:9: word 1 has a head outside",
            "bad.conllu:11: 5 columns",
            "bad.conllu:13: word id 2 where 1 was due",
            "bad.conllu:15: head \"x\" of word 1",
        ]) {
            assert!(e.starts_with(want), "{e} / {want}");
        }
        assert!(parse("", "empty").sentences.is_empty());
    }
}
