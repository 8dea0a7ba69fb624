//! The parser as a whole: training on a treebank written here reproduces it, every parse is
//! a tree whatever the input, and model files round-trip or are refused with a reason.

use std::collections::BTreeMap;

use super::conllu::parse;
use super::train::{TrainOptions, our_tags, train};
use super::*;

/// Sentences written for these tests (never corpus text), covering the relations the
/// stance rules read: passive with agent, xcomp, ccomp, conj, appos, relative clause.
pub(crate) const TINY: &str = "\
1\tThe\t_\tDET\tDT\t_\t2\tdet\t_\t_
2\tminister\t_\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tcriticised\t_\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\t_\tDET\tDT\t_\t5\tdet\t_\t_
5\tplan\t_\tNOUN\tNN\t_\t3\tobj\t_\t_
6\t.\t_\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tRussia\t_\tPROPN\tNNP\t_\t3\tnsubj:pass\t_\t_
2\twas\t_\tAUX\tVBD\t_\t3\taux:pass\t_\t_
3\tcondemned\t_\tVERB\tVBN\t_\t0\troot\t_\t_
4\tby\t_\tADP\tIN\t_\t6\tcase\t_\t_
5\tthe\t_\tDET\tDT\t_\t6\tdet\t_\t_
6\tcouncil\t_\tNOUN\tNN\t_\t3\tobl:agent\t_\t_
7\t.\t_\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tShe\t_\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\twants\t_\tVERB\tVBZ\t_\t0\troot\t_\t_
3\tto\t_\tPART\tTO\t_\t4\tmark\t_\t_
4\tmeet\t_\tVERB\tVB\t_\t2\txcomp\t_\t_
5\tthe\t_\tDET\tDT\t_\t6\tdet\t_\t_
6\tpresident\t_\tNOUN\tNN\t_\t4\tobj\t_\t_
7\t.\t_\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tHe\t_\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tsaid\t_\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthat\t_\tSCONJ\tIN\t_\t6\tmark\t_\t_
4\tthe\t_\tDET\tDT\t_\t5\tdet\t_\t_
5\ttalks\t_\tNOUN\tNNS\t_\t6\tnsubj\t_\t_
6\tfailed\t_\tVERB\tVBD\t_\t2\tccomp\t_\t_
7\t.\t_\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tParis\t_\tPROPN\tNNP\t_\t4\tnsubj\t_\t_
2\tand\t_\tCCONJ\tCC\t_\t3\tcc\t_\t_
3\tBerlin\t_\tPROPN\tNNP\t_\t1\tconj\t_\t_
4\tsigned\t_\tVERB\tVBD\t_\t0\troot\t_\t_
5\ta\t_\tDET\tDT\t_\t6\tdet\t_\t_
6\ttreaty\t_\tNOUN\tNN\t_\t4\tobj\t_\t_
7\t.\t_\tPUNCT\t.\t_\t4\tpunct\t_\t_

1\tSmith\t_\tPROPN\tNNP\t_\t7\tnsubj\t_\t_
2\t,\t_\tPUNCT\t,\t_\t5\tpunct\t_\t_
3\tthe\t_\tDET\tDT\t_\t5\tdet\t_\t_
4\tnew\t_\tADJ\tJJ\t_\t5\tamod\t_\t_
5\tenvoy\t_\tNOUN\tNN\t_\t1\tappos\t_\t_
6\t,\t_\tPUNCT\t,\t_\t5\tpunct\t_\t_
7\tarrived\t_\tVERB\tVBD\t_\t0\troot\t_\t_
8\t.\t_\tPUNCT\t.\t_\t7\tpunct\t_\t_

1\tThe\t_\tDET\tDT\t_\t2\tdet\t_\t_
2\tdeal\t_\tNOUN\tNN\t_\t6\tnsubj\t_\t_
3\tthat\t_\tPRON\tWDT\t_\t5\tobj\t_\t_
4\tthey\t_\tPRON\tPRP\t_\t5\tnsubj\t_\t_
5\tsigned\t_\tVERB\tVBD\t_\t2\tacl:relcl\t_\t_
6\tcollapsed\t_\tVERB\tVBD\t_\t0\troot\t_\t_
7\t.\t_\tPUNCT\t.\t_\t6\tpunct\t_\t_

1\tHello\t_\tINTJ\tUH\t_\t0\troot\t_\t_
";

/// The retagger is left out: on eight sentences its jackknifed tags are noise.
fn tiny_options() -> TrainOptions {
    TrainOptions {
        epochs: 12,
        groups: features::groups::ALL & !features::groups::RETAG,
        ..TrainOptions::default()
    }
}

fn tiny_parser() -> Parser {
    let sentences = parse(TINY, "tiny").sentences;
    train(&sentences, &sentences, &tiny_options(), &mut |_| {}).unwrap()
}

#[test]
fn a_tiny_treebank_trains_and_parses_back() {
    let sentences = parse(TINY, "tiny").sentences;
    assert_eq!(sentences.len(), 8);
    let mut log = Vec::new();
    let parser = train(&sentences, &sentences, &tiny_options(), &mut |l| {
        log.push(l)
    })
    .unwrap();
    assert!(log.iter().any(|l| l.contains("epoch 12")), "{log:?}");
    let tags = our_tags(&sentences).unwrap();
    for (s, t) in sentences.iter().zip(&tags) {
        let got = parser.parse(&s.word_refs(), t);
        assert_eq!(got, s.tree(), "{:?}", s.words);
    }
    let got = parser.parse(
        &["Russia", "was", "condemned", "by", "the", "council"],
        &tags[1],
    );
    assert_eq!(got.label(0), "nsubj:pass");
    assert_eq!(got.label(5), "obl:agent");
}

#[test]
fn a_beam_trained_parser_parses_the_tiny_treebank_back_too() {
    let sentences = parse(TINY, "tiny").sentences;
    let opts = TrainOptions {
        beam: 4,
        ..tiny_options()
    };
    let parser = train(&sentences, &sentences, &opts, &mut |_| {}).unwrap();
    assert_eq!(parser.trained_beam(), 4);
    let tags = our_tags(&sentences).unwrap();
    for (s, t) in sentences.iter().zip(&tags) {
        assert_eq!(
            parser.parse_beam(&s.word_refs(), t, 4),
            s.tree(),
            "{:?}",
            s.words
        );
        assert!(parser.parse(&s.word_refs(), t).is_well_formed());
    }
}

#[test]
fn training_is_deterministic() {
    let a = tiny_parser().to_bytes().unwrap();
    let b = tiny_parser().to_bytes().unwrap();
    assert_eq!(a, b);
}

/// A seeded generator for the property test below (SplitMix64).
struct Gen(u64);

impl Gen {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % below.max(1) as u64) as usize
    }
}

#[test]
fn every_parse_is_a_well_formed_tree_whatever_the_input() {
    const WORDS: [&str; 14] = [
        "the",
        "Minister",
        "said",
        ",",
        ".",
        "",
        "Zürich",
        "n't",
        "1,000",
        "—",
        "(",
        "URL",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "\u{1F600}",
    ];
    const TAGS: [&str; 10] = ["DT", "NNP", "VBD", ",", ".", "", "???", "NN", "IN", "VB"];
    let tiny = tiny_parser();
    let parsers: Vec<&Parser> = vec![&tiny, Parser::builtin().unwrap()];
    let mut g = Gen(17);
    for parser in parsers {
        for round in 0..300 {
            // Mostly short sentences, some long ones; tags sometimes too few or too many.
            let len = if round % 50 == 0 { 150 } else { g.next(12) };
            let words: Vec<&str> = (0..len).map(|_| WORDS[g.next(WORDS.len())]).collect();
            let tag_len = match round % 7 {
                0 => len / 2,
                1 => len + 3,
                _ => len,
            };
            let tags: Vec<&str> = (0..tag_len).map(|_| TAGS[g.next(TAGS.len())]).collect();
            let t = parser.parse(&words, &tags);
            assert_eq!(t.len(), len);
            assert!(t.is_well_formed(), "{words:?} {tags:?}: {t:?}");
            assert_eq!(
                (0..len).filter(|&i| t.head(i).is_none()).count(),
                usize::from(len > 0)
            );
            for i in 0..len {
                assert_eq!(t.label(i) == "root", t.head(i).is_none(), "{t:?}");
                assert!(!t.label(i).is_empty());
            }
        }
        assert!(parser.parse(&[], &[]).is_empty());
        let one = parser.parse(&["Hello"], &["UH"]);
        assert_eq!((one.len(), one.head(0), one.label(0)), (1, None, "root"));
    }
}

#[test]
fn the_bundled_model_parses_a_simple_sentence() {
    let p = Parser::builtin().unwrap();
    let words = ["The", "council", "condemned", "the", "attack", "."];
    let tags = ["DT", "NN", "VBD", "DT", "NN", "."];
    let t = p.parse(&words, &tags);
    assert_eq!(t.head(2), None);
    assert_eq!((t.head(1), t.label(1)), (Some(2), "nsubj"));
    assert_eq!((t.head(4), t.label(4)), (Some(2), "obj"));
    assert_eq!(t.children(2).collect::<Vec<_>>(), [1, 4, 5]);
}

#[test]
fn model_files_round_trip_and_bad_ones_are_refused() {
    let parser = tiny_parser();
    let bytes = parser.to_bytes().unwrap();
    let back = Parser::from_bytes(&bytes).unwrap();
    assert_eq!(back.to_bytes().unwrap(), bytes);
    let words = ["She", "wants", "to", "meet", "Smith", "."];
    let tags = ["PRP", "VBZ", "TO", "VB", "NNP", "."];
    assert_eq!(back.parse(&words, &tags), parser.parse(&words, &tags));

    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    let pos_model = crate::nlp::Annotator::builtin()
        .unwrap()
        .pos_model()
        .to_bytes()
        .unwrap();
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("empty", vec![], "magic"),
        ("text", b"not a model, just some text".to_vec(), "magic"),
        ("truncated", bytes[..bytes.len() - 5].to_vec(), "checksum"),
        ("flipped byte", flipped, "checksum"),
        ("a POS model", pos_model, "expected a parser model"),
    ];
    for (name, b, want) in cases {
        let err = Parser::from_bytes(&b).unwrap_err().to_string();
        assert!(err.contains(want), "{name}: {err}");
    }
}

#[test]
fn models_with_unknown_or_missing_transitions_are_refused() {
    let lex = crate::nlp::lexicon::Lexicon::builtin();
    let model = |labels: &[&str]| {
        Model::from_rows(
            TaggerKind::Parser,
            features::feature_set(features::groups::BASE),
            lex.word_fingerprint(),
            labels.iter().map(|s| s.to_string()).collect(),
            &[(42, vec![(0, 1.0)])],
            BTreeMap::new(),
        )
        .unwrap()
    };
    let err = |labels: &[&str]| Parser::from_model(model(labels)).unwrap_err().to_string();
    assert!(err(&["SHIFT", "R:root", "R:nsubj", "L:nsubj:oops"]).contains("unknown"));
    assert!(err(&["SHIFT", "R:root", "X:obj"]).contains("unknown"));
    assert!(err(&["SHIFT", "R:obj", "L:obj"]).contains("R:root"));
    assert!(err(&["SHIFT", "R:root"]).contains("another right"));
    assert!(Parser::from_model(model(&["SHIFT", "R:root", "R:obj"])).is_ok());
    let stale = Model::from_rows(
        TaggerKind::Parser,
        (features::FEATURE_VERSION + 1) << 16 | 1,
        lex.word_fingerprint(),
        vec!["SHIFT".into(), "R:root".into(), "R:obj".into()],
        &[(42, vec![(0, 1.0)])],
        BTreeMap::new(),
    )
    .unwrap();
    let e = Parser::from_model(stale).unwrap_err().to_string();
    assert!(e.contains("feature version"), "{e}");
}

#[test]
fn a_beam_of_one_is_greedy_decoding() {
    let p = Parser::builtin().unwrap();
    let sentences = parse(TINY, "tiny").sentences;
    let tags = our_tags(&sentences).unwrap();
    for (s, t) in sentences.iter().zip(&tags) {
        let words = s.word_refs();
        let greedy = p.parse_beam(&words, t, 1);
        let mut scratch = Scratch::default();
        let one = p.parse_with(&words, t, 1, &mut scratch);
        assert_eq!(greedy, one);
        // The beam code path with width 1.
        word_attrs_all(&words, p.lexicon, &mut scratch.buf, &mut scratch.attrs);
        scratch.ours = t.iter().map(|x| tag_hash(x)).collect();
        p.tag_hashes(&mut scratch);
        let mut nodes = Vec::new();
        sentence_nodes(&scratch.attrs, &scratch.ours, &scratch.tags, &mut nodes);
        scratch.cache.reset(nodes.len(), p.actions.len());
        let mut scorer = CachedScorer {
            model: &p.model,
            cache: &mut scratch.cache,
        };
        scratch
            .beam
            .search(&mut scorer, &nodes, p.groups, &p.actions, p.root, 1, None);
        let (h, l) = scratch.beam.result.arcs();
        let (h, l) = (h.to_vec(), l.to_vec());
        p.parse_nodes(&nodes, &mut scratch);
        assert_eq!(
            (h.as_slice(), l.as_slice()),
            scratch.config.arcs(),
            "{words:?}"
        );
    }
}

#[test]
fn the_pipelined_retagger_chooses_the_tags_of_the_plain_one() {
    let p = Parser::builtin().unwrap();
    assert!(!p.retags.is_empty(), "the bundled model has a retagger");
    let sentences = parse(TINY, "tiny").sentences;
    let tags = our_tags(&sentences).unwrap();
    let mut s = Scratch::default();
    let (mut scores, mut keys, mut plain) = (Vec::new(), Vec::new(), Vec::new());
    // The tiny sentences, one made of all of them, and our tags shifted by one so the
    // retagger meets tag sequences it would not see.
    let all_words: Vec<&str> = sentences.iter().flat_map(|x| x.word_refs()).collect();
    let all_tags: Vec<&str> = tags.iter().flatten().copied().collect();
    let mut shifted = all_tags.clone();
    shifted.rotate_left(1);
    let mut cases: Vec<(Vec<&str>, Vec<&str>)> = sentences
        .iter()
        .zip(&tags)
        .map(|(x, t)| (x.word_refs(), t.clone()))
        .collect();
    cases.push((all_words.clone(), all_tags));
    cases.push((all_words, shifted));
    for (words, t) in &cases {
        word_attrs_all(words, p.lexicon, &mut s.buf, &mut s.attrs);
        s.ours = t.iter().map(|x| tag_hash(x)).collect();
        let n = p.retags.len();
        retag::retag(
            &s.attrs,
            &s.ours,
            n,
            &p.model,
            &mut scores,
            &mut keys,
            &mut plain,
        );
        retag::retag_model(&s.attrs, &s.ours, n, &p.model, &mut s.retag, &mut s.ids);
        assert_eq!(plain, s.ids, "{words:?}");
    }
}
