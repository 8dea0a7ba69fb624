//! The `newsgraph` binary: parse arguments, run the command, map the outcome to an exit code
//! (0 ok, 1 some inputs skipped, 2 usage or fatal error). A closed stdout exits quietly.

use clap::Parser;

mod cli;

fn main() {
    let cli = cli::Cli::parse();
    let code = match cli::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            eprintln!("newsgraph: error: {e:#}");
            2
        }
    };
    std::process::exit(code);
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<newsgraph::Error>()
                .is_some_and(newsgraph::Error::is_broken_pipe)
    })
}
