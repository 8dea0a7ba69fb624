//! `newsgraph export`: convert a saved graph.json to another format, optionally filtered.

use std::io::Write;
use std::path::PathBuf;

use newsgraph::export::{Format, write, write_to_dir};

use super::Outcome;
use super::analyze::{StrictArgs, read_graph};
use super::filter::FilterArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A graph written by `newsgraph build` (graph.json), or `-` for stdin.
    pub graph: PathBuf,
    /// Output format (dot, json, html, node-link, cytoscape, graphml, gexf, neo4j-csv,
    /// cypher, turtle, csv, svg, png); inferred from the output file's extension if absent.
    #[arg(long, short)]
    pub format: Option<String>,
    /// Output file, folder (for neo4j-csv and csv), or `-` for stdout.
    #[arg(long, short, default_value = "-")]
    pub output: PathBuf,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub strict: StrictArgs,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let format = match &args.format {
        Some(name) => name.parse::<Format>()?,
        None => Format::from_path(&args.output).ok_or_else(|| {
            anyhow::anyhow!(
                "cannot tell the format from {:?}: give --format ({})",
                args.output,
                Format::names().join(", ")
            )
        })?,
    };
    let mut graph = read_graph(&args.graph, args.strict.strict)?;
    args.filter.apply(&mut graph)?;
    let to_stdout = args.output.as_os_str() == "-";
    if format.is_multi_file() {
        if to_stdout {
            anyhow::bail!("format {format} writes several files: give an output folder with -o");
        }
        for path in write_to_dir(format, &graph, &args.output)? {
            eprintln!("newsgraph: wrote {}", path.display());
        }
        return Ok(Outcome::Ok);
    }
    let mut buf = Vec::new();
    write(format, &graph, &mut buf)?;
    if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(&buf)?;
        out.flush()?;
    } else {
        newsgraph::output::write_bytes(&args.output, &buf)?;
    }
    Ok(Outcome::Ok)
}
