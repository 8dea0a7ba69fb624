//! XML text for GraphML and GEXF: escaping plus removal of characters XML 1.0 cannot
//! carry at all (NUL and the other C0 controls except tab, newline and carriage return,
//! U+FFFE, U+FFFF). Those are dropped, so such names do not round-trip exactly.
//!
//! Tab, newline and carriage return are written as character references so that parsers
//! do not normalise them away inside attribute values.

/// True for characters XML 1.0 documents may contain.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` with XML-illegal characters removed: what a reader of the file gets back.
pub fn strip_illegal(s: &str) -> String {
    s.chars().filter(|&c| is_xml_char(c)).collect()
}

/// Appends `s` escaped for use in element text or a double-quoted attribute value.
pub fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

/// `s` escaped, as a new string.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_carry() {
        for (input, want) in [
            ("plain", "plain"),
            ("a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&apos;"),
            ("</script>", "&lt;/script&gt;"),
            ("tab\tnl\ncr\r", "tab&#9;nl&#10;cr&#13;"),
            ("nul\0bell\u{7}esc\u{1b}", "nulbellesc"),
            ("\u{FFFE}\u{FFFF}ok", "ok"),
            ("\u{200F}rtl 🙂", "\u{200F}rtl 🙂"),
        ] {
            assert_eq!(escape(input), want, "{input:?}");
        }
    }
}
