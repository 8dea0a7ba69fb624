//! Reads articles the way `build` will and reports counts, errors and speed:
//! `cargo run --release --example ingest -- PATH...` (`-` for stdin). Errors go to stderr.

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let start = Instant::now();
    let (mut ok, mut bad, mut bytes) = (0usize, 0usize, 0usize);
    for item in newsgraph::ingest::read(&paths) {
        match item {
            Ok(a) => {
                ok += 1;
                bytes += a.text.len();
            }
            Err(e) => {
                bad += 1;
                eprintln!("error: {e}");
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{ok} articles, {bad} errors, {bytes} text bytes in {secs:.2} s ({:.1} MB/s)",
        bytes as f64 / secs / 1e6
    );
}
