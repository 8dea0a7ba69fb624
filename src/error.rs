//! The library's error type: a struct around a private kind, with sentences for `Display`.
//!
//! Only `cli/` turns these into exit codes; library code never prints or exits.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug)]
enum ErrorKind {
    Io {
        path: Option<PathBuf>,
        source: std::io::Error,
    },
    Json {
        what: String,
        source: serde_json::Error,
    },
    Input {
        place: String,
        message: String,
    },
    Model {
        message: String,
    },
    Usage {
        message: String,
    },
}

impl Error {
    pub fn io(path: Option<&Path>, source: std::io::Error) -> Error {
        Error {
            kind: ErrorKind::Io {
                path: path.map(Path::to_path_buf),
                source,
            },
        }
    }

    pub fn json(what: impl Into<String>, source: serde_json::Error) -> Error {
        Error {
            kind: ErrorKind::Json {
                what: what.into(),
                source,
            },
        }
    }

    /// Bad input at `place` (`file:line`), e.g. "invalid UTF-8 at byte 17".
    pub fn input(place: impl Into<String>, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Input {
                place: place.into(),
                message: message.into(),
            },
        }
    }

    /// A model file that is missing, corrupt or of another version.
    pub fn model(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Model {
                message: message.into(),
            },
        }
    }

    /// A request that cannot be carried out as asked (unknown format, bad filter...).
    pub fn usage(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Usage {
                message: message.into(),
            },
        }
    }

    /// True for errors caused by how the tool was called rather than by the data.
    pub fn is_usage(&self) -> bool {
        matches!(self.kind, ErrorKind::Usage { .. })
    }

    /// True when writing failed because the reader went away (`| head`), also when the
    /// failed write was serde_json's.
    pub fn is_broken_pipe(&self) -> bool {
        match &self.kind {
            ErrorKind::Io { source, .. } => source.kind() == std::io::ErrorKind::BrokenPipe,
            ErrorKind::Json { source, .. } => {
                source.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe)
            }
            _ => false,
        }
    }

    /// The same error with a path under `from` named as the same path under `to`: a file
    /// written in a staging folder is named by where it was going.
    pub fn relocated(self, from: &Path, to: &Path) -> Error {
        match self.kind {
            ErrorKind::Io {
                path: Some(p),
                source,
            } => {
                let p = match p.strip_prefix(from) {
                    Ok(rest) => to.join(rest),
                    Err(_) => p,
                };
                Error::io(Some(&p), source)
            }
            kind => Error { kind },
        }
    }

    /// The same error naming `path` when it is an I/O error that names no file yet.
    pub fn with_path(self, path: &Path) -> Error {
        match self.kind {
            ErrorKind::Io { path: None, source } => Error::io(Some(path), source),
            kind => Error { kind },
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Io {
                path: Some(p),
                source,
            } if source.kind() == std::io::ErrorKind::NotFound => {
                write!(f, "{} does not exist", p.display())
            }
            ErrorKind::Io {
                path: Some(p),
                source,
            } => write!(f, "{}: {}", p.display(), os_message(source)),
            ErrorKind::Io { path: None, source } => f.write_str(&os_message(source)),
            ErrorKind::Json { what, source } => write!(f, "{what}: invalid JSON: {source}"),
            ErrorKind::Input { place, message } => write!(f, "{place}: {message}"),
            ErrorKind::Model { message } => write!(f, "model: {message}"),
            ErrorKind::Usage { message } => f.write_str(message),
        }
    }
}

/// An OS error in words without the "(os error 28)" suffix: one statement of the cause
/// per message.
fn os_message(e: &std::io::Error) -> String {
    let text = e.to_string();
    match (e.raw_os_error(), text.rfind(" (os error ")) {
        (Some(_), Some(at)) => text[..at].to_string(),
        _ => text,
    }
}

impl std::error::Error for Error {
    // The message already says everything its cause says: `{:#}` chains printed by the
    // binary would repeat the OS error otherwise.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        None
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::io(None, e)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
