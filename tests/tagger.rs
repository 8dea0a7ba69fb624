//! The `tag`, `eval` and `train` commands end to end on files written here (never the
//! shared corpora): `tag --format conll` keeps every input line, and its output scored by
//! an independent conlleval-style scorer agrees with `eval ner`.

use std::collections::BTreeSet;

use assert_cmd::Command;

/// Sentences written for this test: word, POS, chunk, gold NER (IOB1, as in CoNLL-2003).
const SYNTHETIC: &str = "\
-DOCSTART- -X- -X- O

Angela NNP I-NP I-PER
Merkel NNP I-NP I-PER
met VBD I-VP O
Emmanuel NNP I-NP I-PER
Macron NNP I-NP I-PER
in IN I-PP O
Paris NNP I-NP I-LOC
on IN I-PP O
Tuesday NNP I-NP O
. . O O

The DT I-NP O
European NNP I-NP I-ORG
Commission NNP I-NP I-ORG
criticised VBD I-VP O
Google NNP I-NP I-ORG
. . O O

-DOCSTART- -X- -X- O

Japanese JJ I-NP I-MISC
exports NNS I-NP O
to TO I-PP O
China NNP I-NP I-LOC
rose VBD I-VP O
sharply RB I-ADVP O
, , O O
the DT I-NP O
Finance NNP I-NP I-ORG
Ministry NNP I-NP I-ORG
in IN I-PP O
Tokyo NNP I-NP I-LOC
said VBD I-VP O
. . O O
";

/// Exact span + type matching, written independently of the library's scorer: a chunk
/// starts at B-, or at I- after O or after another type; returns (correct, found, gold).
fn independent_score(lines: &[&str]) -> (usize, usize, usize) {
    fn chunks(tags: &[(usize, String)]) -> BTreeSet<(usize, usize, String)> {
        let mut out = BTreeSet::new();
        let mut open: Option<(usize, String)> = None;
        let mut prev_end = 0;
        for (pos, tag) in tags {
            let (prefix, ty) = if tag == "O" {
                ("O", "")
            } else {
                tag.split_at(1)
            };
            let ty = ty.trim_start_matches('-').to_string();
            let continues =
                prefix == "I" && open.as_ref().is_some_and(|(_, t)| *t == ty) && *pos == prev_end;
            if !continues {
                if let Some((s, t)) = open.take() {
                    out.insert((s, prev_end, t));
                }
                if prefix != "O" {
                    open = Some((*pos, ty));
                }
            }
            prev_end = pos + 1;
        }
        if let Some((s, t)) = open {
            out.insert((s, prev_end, t));
        }
        out
    }
    let (mut gold, mut pred) = (Vec::new(), Vec::new());
    let mut i = 0;
    for line in lines {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            i += 1; // a gap, so no chunk runs across sentences
            continue;
        }
        gold.push((i, cols[cols.len() - 2].to_string()));
        pred.push((i, cols[cols.len() - 1].to_string()));
        i += 1;
    }
    let (g, p) = (chunks(&gold), chunks(&pred));
    (g.intersection(&p).count(), p.len(), g.len())
}

fn newsgraph() -> Command {
    Command::cargo_bin("newsgraph").unwrap()
}

#[test]
fn tag_conll_keeps_every_line_and_agrees_with_eval() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("synthetic.conll");
    std::fs::write(&input, SYNTHETIC).unwrap();
    let out = newsgraph()
        .args(["tag", "--format", "conll"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tagged = String::from_utf8(out.stdout).unwrap();
    let in_lines: Vec<&str> = SYNTHETIC.lines().collect();
    let out_lines: Vec<&str> = tagged.lines().collect();
    assert_eq!(in_lines.len(), out_lines.len());
    for (a, b) in in_lines.iter().zip(&out_lines) {
        if a.is_empty() {
            assert!(b.is_empty());
        } else {
            let tag = b
                .strip_prefix(a)
                .and_then(|rest| rest.strip_prefix(' '))
                .unwrap_or_else(|| panic!("{b:?} does not extend {a:?}"));
            assert!(
                tag == "O" || ["B-", "I-"].iter().any(|p| tag.starts_with(p)),
                "bad tag {tag:?}"
            );
        }
    }
    let (correct, found, gold) = independent_score(&out_lines);
    assert_eq!(gold, 9);
    // The shipped model should find most of these plain news-style entities.
    assert!(
        correct * 10 >= gold * 7,
        "only {correct} of {gold} entities right (found {found})\n{tagged}"
    );

    let eval = newsgraph()
        .args(["eval", "ner", "--conll"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(eval.status.success());
    let report = String::from_utf8(eval.stdout).unwrap();
    let expected = format!(
        "processed 30 tokens with {gold} phrases; found: {found} phrases; correct: {correct}."
    );
    assert!(
        report.starts_with(&expected),
        "{report}\nexpected: {expected}"
    );
}

#[test]
fn tag_plain_text_prints_token_pos_chunk_ner() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.txt");
    std::fs::write(&input, "President Joe Biden visited Germany on Friday.\n").unwrap();
    let out = newsgraph().arg("tag").arg(&input).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 8, "{text}");
    assert!(rows.iter().all(|r| r.len() == 4));
    let find = |w: &str| rows.iter().find(|r| r[0] == w).unwrap().clone();
    assert_eq!(find("Germany")[3], "B-LOC", "{text}");
    assert_eq!(find("Biden")[3], "I-PER", "{text}");
    assert_eq!(find("visited")[1], "VBD", "{text}");
}

#[test]
fn bad_model_files_are_reported_not_panicked_on() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["pos.model", "chunk.model", "ner.model"] {
        std::fs::write(dir.path().join(name), b"NGTAGGER garbage").unwrap();
    }
    let input = dir.path().join("in.txt");
    std::fs::write(&input, "Hello world.\n").unwrap();
    let out = newsgraph()
        .arg("tag")
        .arg(&input)
        .arg("--models")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("model"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn train_rejects_malformed_corpora_with_the_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "Paris NNP I-NP I-LOC\nis VBZ\n").unwrap();
    let out = newsgraph()
        .args(["train", "pos", "--train"])
        .arg(&bad)
        .arg("--dev")
        .arg(&bad)
        .arg("--out")
        .arg(dir.path().join("m"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.txt:2"), "{err}");
}
