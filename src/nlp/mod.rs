//! Text units and statistical taggers: tokens, sentences, POS, chunks, named entities.
