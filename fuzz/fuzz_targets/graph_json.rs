//! graph.json on arbitrary bytes: reading never panics; whatever is read writes back as
//! JSON without `null` numbers, and writing what was written is a fixed point.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::export::json::read_checked;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok((graph, _problems)) = read_checked(text, "graph.json") else {
        return;
    };
    let once = graph.to_json_string();
    let (again, problems) = read_checked(&once, "written").expect("our own output reads back");
    assert!(
        problems.is_empty(),
        "our own output has problems: {problems:?}"
    );
    assert_eq!(once, again.to_json_string(), "not a fixed point");
    let value: serde_json::Value = serde_json::from_str(&once).expect("valid JSON");
    assert!(!has_null_number(&value, ""), "a number was written as null");
});

/// A `null` where the schema has a number (every null in our output is one).
fn has_null_number(v: &serde_json::Value, key: &str) -> bool {
    match v {
        serde_json::Value::Null => !matches!(key, "qid" | "iso2" | "iso3"),
        serde_json::Value::Array(a) => a.iter().any(|x| has_null_number(x, key)),
        serde_json::Value::Object(o) => o.iter().any(|(k, x)| has_null_number(x, k)),
        _ => false,
    }
}
