//! Text units and statistical taggers: tokens, sentences, POS, chunks, named entities.
//!
//! The taggers are averaged structured perceptrons over hashed features ([`perceptron`]),
//! trained by [`training`] and run together by [`annotate::Annotator`].

pub mod annotate;
pub mod clusters;
pub mod conll;
pub mod features;
pub mod hash_core;
pub mod hashing;
pub mod lexicon;
pub mod modelfile;
pub mod ner;
pub mod parser;
pub mod perceptron;
pub mod scheme;
pub mod sentence;
pub mod tagdict;
pub mod tagdict_table;
pub mod tokenize;
pub mod training;
pub mod wordcache;

pub use annotate::{Annotator, NerLabel, NerSpan, SentenceTags};
