//! The command line: one file per subcommand, each with its own `Args` and `run`.
//!
//! Only this module and `main.rs` know about terminals and exit codes: every `run`
//! returns an [`Outcome`], and `main` maps errors to exit code 2.

use clap::{Parser, Subcommand};

pub mod actor;
pub mod analyze;
pub mod build;
pub mod common;
pub mod eval;
pub mod export;
pub mod extract;
pub mod filter;
pub mod parse;
pub mod progress;
pub mod push;
pub mod stance;
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

/// `n` and the noun, singular or plural as `n` asks: "1 article", "3 articles".
pub fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
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
    /// Print the mentions of each article as JSON lines (entity ids, types, byte offsets).
    Extract(extract::Args),
    /// Convert a saved graph.json to another format.
    Export(export::Args),
    /// Write a saved graph into a Neo4j-protocol (Bolt) server with idempotent MERGEs.
    Push(push::Args),
    /// Tag plain text or a CoNLL file with POS, chunk and entity tags.
    Tag(tag::Args),
    /// Print who is hostile or friendly toward whom: one JSON line per stance relation.
    Stance(stance::Args),
    /// What a graph says about one actor: whom it criticizes or praises, who does so to it,
    /// with evidence; its names, counts and camp.
    Actor(actor::Args),
    /// Centrality, communities, components and friend/foe camps of a graph.json.
    Analyze(Box<analyze::Args>),
    /// Train a bundled model from a corpus.
    #[command(subcommand)]
    Train(train::Command),
    /// Score a component on a labelled corpus.
    #[command(subcommand)]
    Eval(eval::Command),
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Export(args) => export::run(args),
        Command::Push(args) => push::run(args),
        Command::Stance(args) => stance::run(args),
        Command::Tag(args) => tag::run(args),
        Command::Analyze(args) => analyze::run(*args),
        Command::Actor(args) => actor::run(args),
        Command::Train(command) => train::run(command),
        Command::Eval(command) => eval::run(command),
    }
}
