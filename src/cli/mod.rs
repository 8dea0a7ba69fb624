//! The command line: one file per subcommand, each with its own `Args` and `run`.
//!
//! Only this module and `main.rs` know about terminals and exit codes: every `run`
//! returns an [`Outcome`], and `main` maps errors to exit code 2.

use clap::{Parser, Subcommand};

pub mod build;
pub mod eval;
pub mod tag;
pub mod train;

/// How a command ended when it did not fail outright.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was processed.
    Ok,
    /// Some inputs were skipped (and reported on stderr); the rest was processed.
    #[allow(dead_code)] // returned by the ingesting commands, which live on other branches
    Partial,
}

impl Outcome {
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Ok => 0,
            Outcome::Partial => 1,
        }
    }
}

/// Turn news articles into a knowledge graph of the actors in them.
#[derive(Debug, Parser)]
#[command(name = "newsgraph", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the actor graph from articles and write it (default: data/samples -> output/).
    Build(build::Args),
    /// Train a tagger: pos, chunk or ner.
    Train(train::Args),
    /// Score the taggers on a labelled CoNLL file.
    Eval(eval::Args),
    /// Tag plain text or a CoNLL file with POS, chunk and entity tags.
    Tag(tag::Args),
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Train(args) => train::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Tag(args) => tag::run(args),
    }
}
