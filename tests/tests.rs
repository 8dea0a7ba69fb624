//! The one integration test binary: each module specifies one area of the tool through
//! its public API or its command line, and every export is loaded by the real tools.

mod analyze;
mod cli;
mod export;
mod parser;
mod properties;
mod robustness;
mod tagger;
mod util;
mod viewer;
