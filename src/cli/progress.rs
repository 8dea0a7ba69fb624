//! Progress of the commands that read many articles (`build`, `extract`): a bar on stderr
//! with articles done, articles per second and an estimated time left, drawn only when
//! stderr is a terminal and `--quiet` is not given.
//!
//! The bar only draws; it never touches what is written, so output files are the same
//! with or without it. Its length is the size of the input files and it advances by the
//! text of each article read, so the estimate is rough for pages heavy with markup (the
//! bar then ends early) and absent for stdin (a spinner with the rate instead).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// Extensions a folder walk reads (see `newsgraph::ingest::read`).
const ARTICLE_EXTENSIONS: [&str; 8] = [
    "txt", "jsonl", "ndjson", "html", "htm", "rss", "atom", "xml",
];

/// A progress bar, or nothing.
pub struct Progress {
    bar: Option<ProgressBar>,
    articles: Arc<AtomicU64>,
}

impl Progress {
    /// A bar for reading `inputs`, or a silent stand-in when `quiet` or when stderr is not
    /// a terminal (a log or a pipe gets only the summary line).
    pub fn new(inputs: &[PathBuf], quiet: bool) -> Progress {
        let articles = Arc::new(AtomicU64::new(0));
        if quiet || !std::io::stderr().is_terminal() {
            return Progress {
                bar: None,
                articles,
            };
        }
        let counter = Arc::clone(&articles);
        let count = move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{}", counter.load(Ordering::Relaxed));
        };
        let counter = Arc::clone(&articles);
        let rate = move |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let secs = s.elapsed().as_secs_f64();
            let n = counter.load(Ordering::Relaxed) as f64;
            let _ = if secs >= 0.5 {
                write!(w, "{:.1} articles/s", n / secs)
            } else {
                write!(w, "… articles/s")
            };
        };
        let (bar, template) = match input_bytes(inputs) {
            Some(total) if total > 0 => (
                ProgressBar::new(total),
                "{spinner} {elapsed_precise} [{bar:30}] {count} articles · {rate} · about {eta} left",
            ),
            _ => (
                ProgressBar::new_spinner(),
                "{spinner} {elapsed_precise} {count} articles · {rate}",
            ),
        };
        let style = ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ")
            .with_key("count", count)
            .with_key("rate", rate);
        bar.set_style(style);
        bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
        bar.enable_steady_tick(Duration::from_millis(250));
        Progress {
            bar: Some(bar),
            articles,
        }
    }

    /// One article done, with `text_bytes` of text.
    pub fn article(&self, text_bytes: usize) {
        self.articles.fetch_add(1, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            // Text is never longer than the file it came from, but stop short of the end
            // anyway: the bar is cleared, not completed, when the work is done.
            let left = bar
                .length()
                .unwrap_or(u64::MAX)
                .saturating_sub(bar.position() + 1);
            bar.inc((text_bytes as u64).min(left));
        }
    }

    /// Prints a line on stderr without tearing the bar.
    pub fn eprintln(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// A printer for lines that come from other threads (notes of the ingest stage).
    pub fn printer(&self) -> impl Fn(&str) + Send + 'static {
        let bar = self.bar.clone();
        move |line: &str| match &bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Removes the bar, before the summary line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Bytes in the input files, folders walked; `None` when stdin is among them.
fn input_bytes(inputs: &[PathBuf]) -> Option<u64> {
    let mut total = 0u64;
    for p in inputs {
        if p.as_os_str() == "-" {
            return None;
        }
        total = total.saturating_add(bytes_under(p, true, 0));
    }
    Some(total)
}

fn bytes_under(path: &Path, named: bool, depth: usize) -> u64 {
    let Ok(meta) = std::fs::metadata(path) else {
        return 0;
    };
    if meta.is_file() {
        let known = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        return if named || known { meta.len() } else { 0 };
    }
    // A rough size is enough: a deep or looping tree is not walked to the end.
    if !meta.is_dir() || depth > 32 {
        return 0;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| bytes_under(&e.path(), false, depth + 1))
        .fold(0, u64::saturating_add)
}
