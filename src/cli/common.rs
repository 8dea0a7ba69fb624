//! Options shared by the commands that extract (threads, user gazetteer, model switch),
//! and reading a whole input file, where `-` means stdin for every command.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context;
use newsgraph::extract::{Extractor, Gazetteer};

/// The bytes of `path`, or of stdin for `-`; errors name the file once.
pub fn read_input(path: &Path) -> anyhow::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?;
        return Ok(bytes);
    }
    if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        anyhow::bail!("{} is a folder, not a file", path.display());
    }
    Ok(std::fs::read(path).map_err(|e| newsgraph::Error::io(Some(path), e))?)
}

/// [`read_input`] as UTF-8 text (a byte-order mark is dropped).
pub fn read_text(path: &Path) -> anyhow::Result<String> {
    let bytes = read_input(path)?;
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let mut text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name}: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{FEFF}') {
        text.drain(..3);
    }
    Ok(text)
}

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
