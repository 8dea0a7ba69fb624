//! The parser's commands end to end on files written here (never the shared corpora):
//! `tag --parse` prints one well-formed CoNLL-U tree per sentence, `train parser` needs an
//! explicit `--out` and writes a model that `eval parser` scores, and bad input is named.

use crate::util::{newsgraph, stderr};

/// A tiny treebank written for this test.
const TREEBANK: &str = "\
# sent_id = t-1
1\tThe\t_\tDET\tDT\t_\t2\tdet\t_\t_
2\tcouncil\t_\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tcondemned\t_\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\t_\tDET\tDT\t_\t5\tdet\t_\t_
5\tattack\t_\tNOUN\tNN\t_\t3\tobj\t_\t_
6\t.\t_\tPUNCT\t.\t_\t3\tpunct\t_\t_

# sent_id = t-2
1\tRussia\t_\tPROPN\tNNP\t_\t3\tnsubj:pass\t_\t_
2\twas\t_\tAUX\tVBD\t_\t3\taux:pass\t_\t_
3\tcriticised\t_\tVERB\tVBN\t_\t0\troot\t_\t_
4\tby\t_\tADP\tIN\t_\t5\tcase\t_\t_
5\tFrance\t_\tPROPN\tNNP\t_\t3\tobl:agent\t_\t_
6\t.\t_\tPUNCT\t.\t_\t3\tpunct\t_\t_
";

#[test]
fn tag_parse_prints_one_conllu_tree_per_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.txt");
    std::fs::write(
        &input,
        "The council condemned the attack on Monday. Russia was criticised by France.\n\nYes",
    )
    .unwrap();
    let out = newsgraph()
        .args(["tag", "--parse"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let blocks: Vec<&str> = text
        .split("\n\n")
        .filter(|b| !b.trim().is_empty())
        .collect();
    assert_eq!(blocks.len(), 3, "{text}");
    assert!(blocks[0].starts_with("# sent_id = 1\n# text = The council condemned"));
    for block in blocks {
        let rows: Vec<Vec<&str>> = block
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect())
            .collect();
        assert!(rows.iter().all(|r| r.len() == 10), "{block}");
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r[0], (i + 1).to_string());
            assert_ne!(r[4], "_", "XPOS carries our Penn tag");
            let head: usize = r[6].parse().unwrap();
            assert!(head <= rows.len() && head != i + 1, "{block}");
            assert_eq!(head == 0, r[7] == "root", "{block}");
        }
        assert_eq!(rows.iter().filter(|r| r[6] == "0").count(), 1, "{block}");
    }
    let first: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("2\tcouncil"))
        .collect();
    assert_eq!(first, ["2\tcouncil\t_\t_\tNN\t_\t3\tnsubj\t_\t_"]);
}

#[test]
fn train_parser_needs_out_and_its_model_is_scored_by_eval() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("tiny.conllu");
    std::fs::write(&bank, TREEBANK).unwrap();
    let missing_out = newsgraph()
        .args(["train", "parser", "--train"])
        .arg(&bank)
        .arg("--dev")
        .arg(&bank)
        .output()
        .unwrap();
    assert_eq!(missing_out.status.code(), Some(2));
    assert!(stderr(&missing_out).contains("--out"));

    let model = dir.path().join("parser.model");
    let train = newsgraph()
        .args([
            "train",
            "parser",
            "--epochs",
            "10",
            "--features",
            "15",
            "--train",
        ])
        .arg(&bank)
        .arg("--dev")
        .arg(&bank)
        .arg("--out")
        .arg(&model)
        .output()
        .unwrap();
    assert!(train.status.success(), "{}", stderr(&train));
    assert!(stderr(&train).contains("epoch 10"), "{}", stderr(&train));
    let eval = newsgraph()
        .args(["eval", "parser", "--conllu"])
        .arg(&bank)
        .arg("--model")
        .arg(&model)
        .output()
        .unwrap();
    assert!(eval.status.success(), "{}", stderr(&eval));
    let report = String::from_utf8(eval.stdout).unwrap();
    let all = report
        .lines()
        .find(|l| l.starts_with("all tokens"))
        .unwrap_or_default();
    let fields: Vec<&str> = all.split_whitespace().collect();
    assert_eq!(fields[2..5], ["12", "100.00", "100.00"], "{report}");
    assert!(report.contains("without punctuation"), "{report}");
}

#[test]
fn eval_parser_names_bad_sentences_and_bad_models() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("bad.conllu");
    let broken = TREEBANK.replace(
        "6\t.\t_\tPUNCT\t.\t_\t3\tpunct",
        "6\t.\t_\tPUNCT\t.\t_\t9\tpunct",
    );
    std::fs::write(&bank, broken).unwrap();
    let out = newsgraph()
        .args(["eval", "parser", "--conllu"])
        .arg(&bank)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "some sentences skipped");
    assert!(
        stderr(&out).contains("bad.conllu:1: word 6 has a head outside"),
        "{}",
        stderr(&out)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("UAS"));

    let model = dir.path().join("garbage.model");
    std::fs::write(&model, b"NGTAGGER not really").unwrap();
    let out = newsgraph()
        .args(["eval", "parser", "--conllu"])
        .arg(&bank)
        .arg("--model")
        .arg(&model)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("garbage.model"), "{}", stderr(&out));
}
