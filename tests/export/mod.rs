//! Exports: golden files for every format, hostile names that must not break any format,
//! and interop with the real clients (Graphviz, NetworkX, LadybugDB, ArcadeDB, pyoxigraph).

mod fixture;
mod golden;
mod hostile;
mod interop;
