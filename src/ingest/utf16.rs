//! UTF-16 (and UTF-32) input: files that open with a byte-order mark are decoded to UTF-8
//! before any reader sees them, so byte offsets index the UTF-8 text. Without a mark,
//! UTF-16 shows up as NUL bytes; it is then named as UTF-16 rather than called binary.

use encoding_rs::{UTF_16BE, UTF_16LE};

use crate::error::{Error, Result};

/// The UTF-8 bytes of an input that opens with a UTF-16 byte-order mark, an error for
/// UTF-32 or undecodable UTF-16, `None` for anything else.
pub fn decode(name: &str, bytes: &[u8]) -> Option<Result<Vec<u8>>> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Some(Err(Error::input(
            name,
            "UTF-32 text is not supported: save it as UTF-8",
        )));
    }
    let encoding = if bytes.starts_with(&[0xFF, 0xFE]) {
        UTF_16LE
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        UTF_16BE
    } else {
        return None;
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[2..]);
    if had_errors {
        let at = text.find('\u{FFFD}').unwrap_or(0);
        return Some(Err(Error::input(
            name,
            format!(
                "invalid {} (an unpaired surrogate or an odd byte) after {at} bytes of text",
                encoding.name()
            ),
        )));
    }
    Some(Ok(text.into_owned().into_bytes()))
}

/// Whether bytes with NULs in them look like UTF-16 text without a byte-order mark: in
/// mostly-ASCII UTF-16 every other byte is a NUL.
pub fn looks_like(head: &[u8]) -> bool {
    let pairs = head.len() / 2;
    if pairs < 4 {
        return false;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // One half nearly all NUL, the other nearly none.
    let mostly = |n: usize| n * 10 >= pairs * 8;
    let rarely = |n: usize| n * 10 <= pairs;
    (mostly(even) && rarely(odd)) || (mostly(odd) && rarely(even))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let b = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn byte_order_marks_decide_the_decoding() {
        let text = "Iran’s reply — “yes”\n";
        for big_endian in [false, true] {
            let got = decode("a.txt", &utf16(text, big_endian))
                .expect("UTF-16")
                .expect("valid");
            assert_eq!(String::from_utf8(got).unwrap(), text);
        }
        assert!(decode("a.txt", b"plain UTF-8").is_none());
        assert!(decode("a.txt", b"\xEF\xBB\xBFUTF-8 with a mark").is_none());
    }

    #[test]
    fn undecodable_input_is_an_error_naming_the_file() {
        for bytes in [
            &b"\xFF\xFEa\x00b"[..],
            b"\xFF\xFE\x00\xD8a\x00",
            b"\xFF\xFE\x00\x00a\x00\x00\x00",
        ] {
            let e = decode("a.txt", bytes)
                .expect("recognised")
                .expect_err("refused");
            assert!(e.to_string().starts_with("a.txt: "), "{e}");
        }
    }

    #[test]
    fn utf16_without_a_mark_is_recognised_by_its_nuls() {
        let le: Vec<u8> = "Iran and Oman"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Iran and Oman"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert!(looks_like(&le) && looks_like(&be));
        assert!(!looks_like(b"\x7fELF\x02\x01\x00\x00\x00\x00binary"));
        assert!(!looks_like(b"a\x00"));
    }
}
