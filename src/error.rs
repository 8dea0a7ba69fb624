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

    /// True when writing failed because the reader went away (`| head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(&self.kind, ErrorKind::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Io {
                path: Some(p),
                source,
            } => write!(f, "{}: {source}", p.display()),
            ErrorKind::Io { path: None, source } => write!(f, "{source}"),
            ErrorKind::Json { what, source } => write!(f, "{what}: invalid JSON: {source}"),
            ErrorKind::Input { place, message } => write!(f, "{place}: {message}"),
            ErrorKind::Model { message } => write!(f, "model: {message}"),
            ErrorKind::Usage { message } => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { source, .. } => Some(source),
            ErrorKind::Json { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::io(None, e)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
