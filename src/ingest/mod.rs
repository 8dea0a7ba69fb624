//! TEMPORARY compile stub; replaced by the real ingest at merge.
use crate::error::{Error, Result};
use crate::model::Article;
use std::path::PathBuf;
pub fn read(paths: &[PathBuf]) -> impl Iterator<Item = Result<Article>> {
    paths.to_vec().into_iter().map(|p| {
        let text = std::fs::read_to_string(&p).map_err(|e| Error::io(Some(&p), e))?;
        Ok(Article {
            id: p.display().to_string(),
            text,
            ..Default::default()
        })
    })
}
