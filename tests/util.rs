//! Helpers for running the binary and for tests that need external tools.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The repository root (tests run with it as the working directory too).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `newsgraph` with the repository root as working directory.
pub fn newsgraph() -> Command {
    let mut cmd = Command::cargo_bin("newsgraph").expect("binary built");
    cmd.current_dir(root());
    cmd
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether an external tool is available. Missing tools skip a test with a visible notice,
/// except under CI (`CI=true`), where they fail it.
pub fn have_tool(tool: &str, test: &str) -> bool {
    let found = std::process::Command::new(tool).arg("-V").output().is_ok();
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{test}: required tool `{tool}` is missing under CI");
        }
        eprintln!("SKIP {test}: `{tool}` not found on PATH");
    }
    found
}
