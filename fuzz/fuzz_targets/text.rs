//! The text reader on arbitrary bytes: never panics, never hangs, keeps spans on
//! character boundaries and only real dates.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::read("a.txt", data));
