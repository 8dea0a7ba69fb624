//! Golden files: every format written from the fixture graph must match `tests/golden/`
//! byte for byte. Regenerate on purpose with `UPDATE_GOLDEN=1 cargo test golden`.

use std::fs;
use std::path::{Path, PathBuf};

use newsgraph::export::{Format, write_to_dir};

use super::fixture::fixture;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Where format `f`'s golden output lives: a file, or a folder for multi-file formats.
fn golden_files(f: Format, written: &[PathBuf], tmp: &Path) -> Vec<(PathBuf, PathBuf)> {
    written
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(tmp).unwrap_or(p);
            let golden = if f.is_multi_file() {
                golden_dir().join(f.default_output_name()).join(rel)
            } else {
                golden_dir().join(rel)
            };
            (p.clone(), golden)
        })
        .collect()
}

#[test]
fn every_format_matches_its_golden_file() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v != "0");
    let graph = fixture();
    let mut failures = Vec::new();
    for f in Format::ALL {
        let tmp = tempfile::tempdir().unwrap();
        let written = write_to_dir(f, &graph, tmp.path()).unwrap();
        assert!(!written.is_empty(), "{f} wrote nothing");
        for (got_path, golden) in golden_files(f, &written, tmp.path()) {
            let got = fs::read(&got_path).unwrap();
            if update {
                fs::create_dir_all(golden.parent().unwrap()).unwrap();
                fs::write(&golden, &got).unwrap();
                continue;
            }
            match fs::read(&golden) {
                Ok(want) if want == got => {}
                Ok(_) => failures.push(format!(
                    "{f}: {} differs from {} (UPDATE_GOLDEN=1 to accept)",
                    got_path.display(),
                    golden.display()
                )),
                Err(e) => failures.push(format!("{f}: {}: {e}", golden.display())),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn output_is_byte_identical_across_runs() {
    for f in Format::ALL {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let wa = write_to_dir(f, &fixture(), a.path()).unwrap();
        let wb = write_to_dir(f, &fixture(), b.path()).unwrap();
        assert_eq!(wa.len(), wb.len());
        for (pa, pb) in wa.iter().zip(&wb) {
            assert_eq!(
                fs::read(pa).unwrap(),
                fs::read(pb).unwrap(),
                "{f}: {}",
                pa.display()
            );
        }
    }
}
