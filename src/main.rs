use clap::Parser;

fn main() {
    let cli = newsgraph::cli::Cli::parse();
    let code = match newsgraph::cli::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(e) => {
            eprintln!("newsgraph: error: {e:#}");
            2
        }
    };
    std::process::exit(code);
}
