//! `newsgraph actor NAME GRAPH.json`: the dossier of one actor, printed to stdout.
//!
//! Only parsing and printing live here; [`newsgraph::analyze::dossier`] finds the actor
//! and gathers and escapes what the graph says about it.

use std::io::Write;
use std::path::PathBuf;

use newsgraph::analyze::dossier::{Dossier, DossierFormat};

use super::Outcome;
use super::analyze::{StrictArgs, read_graph};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The actor: an id (country/iran), the part after the type (iran), a name or an
    /// alias, any case. An ambiguous name lists the candidates.
    pub name: String,
    /// A graph written by `newsgraph build` (graph.json), or `-` for stdin.
    pub graph: PathBuf,
    /// table (for a terminal), md (Markdown) or json.
    #[arg(long, short, default_value = "table", value_parser = parse_format)]
    pub format: DossierFormat,
    #[command(flatten)]
    pub strict: StrictArgs,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let graph = read_graph(&args.graph, args.strict.strict)?;
    let dossier = Dossier::find(&graph, &args.name)?;
    let text = dossier.render(args.format)?;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Ok)
}

fn parse_format(s: &str) -> Result<DossierFormat, String> {
    DossierFormat::parse(s)
        .ok_or_else(|| format!("unknown format {s:?} (expected table, md or json)"))
}
