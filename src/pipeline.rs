//! Running the stages over a stream of articles, in parallel and in bounded memory.
//!
//! Articles are pulled from the input in batches, extracted in parallel on a rayon pool,
//! and handed to the sink in input order, so the result does not depend on the number of
//! threads. Memory holds one batch of documents at a time (at most [`BATCH`] articles
//! and [`BATCH_BYTES`] of text, or one longer article) plus whatever the sink keeps (for
//! `build`, the graph).

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::extract::Extractor;
use crate::model::{Article, Document};
use crate::stance::StanceFinder;

/// Most articles per parallel batch.
const BATCH: usize = 256;

/// Most bytes of article text per batch (a longer article is a batch of its own): the
/// documents of a batch are held together, at several times the size of their text.
const BATCH_BYTES: usize = 4 << 20;

/// What a run saw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub articles: u64,
    pub skipped: u64,
}

/// The stages applied to each article.
pub struct Pipeline<'a> {
    extractor: &'a Extractor,
    stance: Option<&'a StanceFinder>,
    threads: usize,
}

impl<'a> Pipeline<'a> {
    /// `threads` = 0 uses one thread per core.
    pub fn new(extractor: &'a Extractor, threads: usize) -> Pipeline<'a> {
        Pipeline {
            extractor,
            stance: None,
            threads,
        }
    }

    /// Finds stance relations with `finder` (off unless given).
    pub fn with_stance(mut self, finder: &'a StanceFinder) -> Pipeline<'a> {
        self.stance = Some(finder);
        self
    }

    /// Processes one article.
    pub fn process(&self, article: Article) -> Document {
        let mut doc = match self.stance {
            Some(finder) => {
                let test = |words: &[&str]| finder.worth_parsing(words);
                self.extractor.extract_with(article, Some(&test))
            }
            None => self.extractor.extract(article),
        };
        if let Some(finder) = self.stance {
            doc.stance = finder.find(&doc);
        }
        doc
    }

    /// Runs over `articles`: each bad input goes to `warn` (and is counted as skipped),
    /// each document to `sink`, both in input order.
    pub fn run(
        &self,
        articles: impl Iterator<Item = Result<Article>>,
        mut sink: impl FnMut(Document) -> Result<()>,
        mut warn: impl FnMut(&Error),
    ) -> Result<Summary> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .build()
            .map_err(|e| Error::usage(format!("cannot start worker threads: {e}")))?;
        let mut summary = Summary::default();
        let mut articles = articles.peekable();
        while articles.peek().is_some() {
            let mut batch = Vec::with_capacity(BATCH);
            let mut bytes = 0;
            while let Some(item) = articles.next() {
                match item {
                    Ok(a) => {
                        bytes += a.text.len();
                        batch.push(a);
                    }
                    Err(e) => {
                        summary.skipped += 1;
                        warn(&e);
                    }
                }
                let next_len = articles
                    .peek()
                    .and_then(|n| n.as_ref().ok())
                    .map_or(0, |n| n.text.len());
                if batch.len() == BATCH || (!batch.is_empty() && bytes + next_len > BATCH_BYTES) {
                    break;
                }
            }
            summary.articles += batch.len() as u64;
            let docs: Vec<Document> =
                pool.install(|| batch.into_par_iter().map(|a| self.process(a)).collect());
            for d in docs {
                sink(d)?;
            }
        }
        Ok(summary)
    }
}
