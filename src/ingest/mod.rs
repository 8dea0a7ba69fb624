//! Reading news: plain-text articles, JSONL, folders and stdin -> `Article`s.
