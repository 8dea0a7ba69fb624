//! Options shared by the commands that extract: threads, user gazetteer, model switch.

use std::path::PathBuf;

use anyhow::Context;
use newsgraph::extract::{Extractor, Gazetteer};

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Worker threads (0 = one per core). Output is identical for any number.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Extra gazetteer (TSV, see data/gazetteer/README.md): adds or overrides entities.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Option<PathBuf>,
    /// Find names with the gazetteer and capitalisation rules only, without the NER model.
    #[arg(long)]
    pub no_model: bool,
}

impl ExtractArgs {
    pub fn extractor(&self) -> anyhow::Result<Extractor> {
        let gaz = match &self.gazetteer {
            Some(p) => Some(
                Gazetteer::with_user_file(p)
                    .with_context(|| format!("cannot load gazetteer {}", p.display()))?,
            ),
            None => None,
        };
        Ok(Extractor::new(gaz, !self.no_model)?)
    }
}
