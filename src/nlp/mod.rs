//! Text units and statistical taggers: tokens, sentences, POS, chunks, named entities.

pub mod sentence;
pub mod tokenize;
