//! Finding actor mentions and resolving each to one canonical entity.
//!
//! Candidates come from three sources — the gazetteer (names, aliases, demonyms), the
//! statistical NER model, and a capitalised-name rule used when no model is loaded — and
//! are merged leftmost-longest with the gazetteer winning ties. Resolution then happens
//! per article (`resolve`): surnames refer back to full names, acronyms to their
//! expansions, capitals acting or speaking to their country's government.

pub mod candidates;
pub mod eval;
pub mod gazetteer;
pub mod office;
pub mod resolve;

use std::sync::OnceLock;

use crate::error::Result;
use crate::model::{Article, Document};
use crate::nlp::{sentence, tokenize};

pub use gazetteer::Gazetteer;

/// The extraction stage: article in, document with resolved mentions out.
pub struct Extractor {
    gazetteer: GazetteerRef,
    use_model: bool,
}

enum GazetteerRef {
    Builtin(&'static Gazetteer),
    Owned(Box<Gazetteer>),
}

impl Extractor {
    /// The extractor with the built-in gazetteer and models, built once per process.
    pub fn builtin() -> Result<&'static Extractor> {
        static BUILTIN: OnceLock<Extractor> = OnceLock::new();
        if let Some(x) = BUILTIN.get() {
            return Ok(x);
        }
        let x = Extractor::new(None, true)?;
        Ok(BUILTIN.get_or_init(|| x))
    }

    /// An extractor with an optional user gazetteer (built-in entries plus the user's) and
    /// with or without the statistical NER model (`false`: gazetteer and rules only).
    pub fn new(gazetteer: Option<Gazetteer>, use_model: bool) -> Result<Extractor> {
        if use_model {
            candidates::load_model()?;
        }
        Ok(Extractor {
            gazetteer: match gazetteer {
                Some(g) => GazetteerRef::Owned(Box::new(g)),
                None => GazetteerRef::Builtin(Gazetteer::builtin()),
            },
            use_model,
        })
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        match &self.gazetteer {
            GazetteerRef::Builtin(g) => g,
            GazetteerRef::Owned(g) => g,
        }
    }

    /// Tokenizes, splits, finds and resolves the mentions of one article.
    pub fn extract(&self, article: Article) -> Document {
        let tokens = tokenize::tokenize(&article.text);
        let sentences = sentence::split_sentences(&article.text, &tokens);
        let mut doc = Document {
            article,
            tokens,
            sentences,
            ..Document::default()
        };
        let mut found = candidates::find(&doc, self.gazetteer(), self.use_model);
        office::add_office_holders(&doc, &mut found, self.gazetteer());
        let (mentions, entities) = resolve::resolve(&doc, found, self.gazetteer());
        doc.mentions = mentions;
        doc.entities = entities;
        doc
    }
}
