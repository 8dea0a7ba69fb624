//! Bakes the tag dictionary (`data/models/tagdict.txt`) into a lookup table at compile
//! time, so the binary does not parse 90k lines at start-up. The table code is shared
//! with the library (`src/nlp/tagdict_table.rs`), which checks the result in a test.

#[allow(dead_code)]
#[path = "src/nlp/hash_core.rs"]
mod hash_core;
#[allow(dead_code)]
#[path = "src/nlp/tagdict_table.rs"]
mod tagdict_table;

use std::path::PathBuf;

fn main() {
    const SOURCE: &str = "data/models/tagdict.txt";
    println!("cargo::rerun-if-changed={SOURCE}");
    println!("cargo::rerun-if-changed=src/nlp/hash_core.rs");
    println!("cargo::rerun-if-changed=src/nlp/tagdict_table.rs");
    let text = std::fs::read_to_string(SOURCE)
        .unwrap_or_else(|e| panic!("build.rs: cannot read {SOURCE}: {e}"));
    let table = tagdict_table::build(&text);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("tagdict.bin"), table.to_bytes())
        .unwrap_or_else(|e| panic!("build.rs: cannot write tagdict.bin: {e}"));
}
