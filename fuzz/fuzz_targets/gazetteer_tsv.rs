//! A user gazetteer (`--gazetteer FILE`) of arbitrary bytes: loading never panics and a
//! loaded gazetteer finds names in a fixed text without panicking.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use newsgraph::extract::Gazetteer;

fuzz_target!(|data: &[u8]| {
    // The loader reads a path; a file in memory-backed /dev/shm keeps this cheap.
    let mut file = tempfile::Builder::new()
        .suffix(".tsv")
        .tempfile_in("/dev/shm")
        .or_else(|_| tempfile::NamedTempFile::new())
        .expect("temporary file");
    file.write_all(data).expect("write");
    if let Ok(g) = Gazetteer::with_user_file(file.path()) {
        let text = "President Kamaran Aziz of New Town met Iran's envoy in Muscat.";
        for m in g.find(text) {
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        }
    }
});
