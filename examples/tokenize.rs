//! Tokenizes text for inspection and measures speed: `cargo run --release --example
//! tokenize -- FILE...` prints throughput to stderr; with `--print`, each input line's
//! tokens (space-separated) and with `--sentences` one sentence per line go to stdout.

use std::io::Write;
use std::time::Instant;

use newsgraph::nlp::{sentence::split_sentences, tokenize::tokenize};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let print = args.iter().any(|a| a == "--print");
    let sentences = args.iter().any(|a| a == "--sentences");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let mut texts = Vec::new();
    for f in files {
        texts.push(std::fs::read_to_string(f)?);
    }
    let out = std::io::stdout();
    let mut out = out.lock();
    if print || sentences {
        for text in &texts {
            if sentences {
                let tokens = tokenize(text);
                for s in split_sentences(text, &tokens) {
                    writeln!(out, "{}", s.span.slice(text).replace('\n', " "))?;
                }
                continue;
            }
            for line in text.lines() {
                let words: Vec<&str> = tokenize(line).iter().map(|t| t.span.slice(line)).collect();
                writeln!(out, "{}", words.join(" "))?;
            }
        }
        return Ok(());
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    for (what, sentences) in [("tokenize", false), ("tokenize+sentences", true)] {
        let start = Instant::now();
        let mut n_tokens = 0;
        let mut n_sentences = 0;
        let mut rounds = 0;
        while start.elapsed().as_secs_f64() < 2.0 {
            for text in &texts {
                let tokens = tokenize(text);
                n_tokens += tokens.len();
                if sentences {
                    n_sentences += split_sentences(text, &tokens).len();
                }
            }
            rounds += 1;
        }
        let secs = start.elapsed().as_secs_f64();
        eprintln!(
            "{what}: {:.1} MB/s ({} bytes x {rounds} rounds, {} tokens, {} sentences per round)",
            (bytes * rounds) as f64 / secs / 1e6,
            bytes,
            n_tokens / rounds,
            n_sentences / rounds,
        );
    }
    Ok(())
}
