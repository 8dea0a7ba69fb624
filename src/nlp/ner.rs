//! The bridge between the statistical taggers and extraction: named-entity spans of a
//! document as byte spans with a CoNLL label.

use crate::error::{Error, Result};
use crate::model::{Document, Span};

/// The four CoNLL-2003 entity labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NerLabel {
    Per,
    Org,
    Loc,
    Misc,
}

/// Loads the bundled NER model (once).
pub fn load() -> Result<()> {
    Err(Error::model("no NER model is bundled yet"))
}

/// Named-entity spans of `doc`, in text order.
pub fn spans(_doc: &Document) -> Vec<(Span, NerLabel)> {
    Vec::new()
}
