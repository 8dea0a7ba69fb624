//! Publication dates as written by feeds and people, normalised to `YYYY-MM-DD`.
//!
//! The calendar date is taken as written: "2025-03-30T23:30:00-05:00" is 2025-03-30,
//! not converted to UTC, because that is the day the article says it was published.
//! [`normalize`] gives back anything it cannot parse as it was (trimmed); readers keep
//! only what [`is_iso_date`] accepts and warn about the rest.

/// Whether `s` is a real calendar date written `YYYY-MM-DD` (years 1000 to 9999).
pub fn is_iso_date(s: &str) -> bool {
    s.len() == 10 && s.as_bytes()[4] == b'-' && iso(s).is_some()
}

/// Normalises `raw` to `YYYY-MM-DD` when it is an ISO 8601 date or datetime, an RFC 2822
/// date ("Sun, 30 Mar 2025 10:00:00 +0000"), "March 30, 2025" or "30 March 2025";
/// otherwise returns it trimmed.
pub fn normalize(raw: &str) -> String {
    let t = raw.trim();
    iso(t)
        .or_else(|| written(t))
        .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
        .unwrap_or_else(|| t.to_string())
}

/// `2025-03-30`, `2025/03/30`, `2025-03-30T10:00:00Z`, `2025-03-30 10:00`,
/// `2025-03-30T10:00:00.5+04:00[Asia/Dubai]`, `2025-03-30 10:00 UTC`.
fn iso(t: &str) -> Option<(u32, u32, u32)> {
    let b = t.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = t.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let sep = b[4];
    if !matches!(sep, b'-' | b'/') || b[7] != sep {
        return None;
    }
    if b.len() > 10 && !(matches!(b[10], b'T' | b't' | b' ') && is_time(&t[11..])) {
        return None;
    }
    valid(digits(0..4)?, digits(5..7)?, digits(8..10)?)
}

/// The part of an ISO 8601 datetime after the date: `HH:MM[:SS[.fff]]`, then an optional
/// zone (`Z`, `+04:00`, `-0500`, ` UTC`) and an optional `[Area/City]` annotation.
fn is_time(t: &str) -> bool {
    let b = t.as_bytes();
    let two = |i: usize, max: u8| -> bool {
        b.len() >= i + 2
            && b[i].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
            && (b[i] - b'0') * 10 + (b[i + 1] - b'0') <= max
    };
    if !(two(0, 23) && b.get(2) == Some(&b':') && two(3, 59)) {
        return false;
    }
    let mut i = 5;
    if b.get(i) == Some(&b':') {
        if !two(i + 1, 60) {
            return false;
        }
        i += 3;
        if matches!(b.get(i), Some(b'.' | b',')) {
            let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return false;
            }
            i += 1 + digits;
        }
    }
    let mut rest = &t[i..];
    if let Some(r) = rest.strip_prefix(['Z', 'z']) {
        rest = r;
    } else if let Some(r) = rest.strip_prefix(['+', '-']) {
        let z = r.as_bytes();
        let hh = z.len() >= 2 && z[..2].iter().all(u8::is_ascii_digit);
        let len = match z.get(2) {
            Some(b':') if z.len() >= 5 && z[3..5].iter().all(u8::is_ascii_digit) => 5,
            Some(c) if c.is_ascii_digit() && z.len() >= 4 && z[3].is_ascii_digit() => 4,
            _ => 2,
        };
        if !hh {
            return false;
        }
        rest = &r[len..];
    } else if let Some(r) = rest.strip_prefix(' ') {
        let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
        if !(1..=5).contains(&letters) {
            return false;
        }
        rest = &r[letters..];
    }
    match rest.strip_prefix('[') {
        Some(zone) => zone.strip_suffix(']').is_some_and(|z| {
            !z.is_empty()
                && z.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"/_+-".contains(&c))
        }),
        None => rest.is_empty(),
    }
}

/// "March 30, 2025", "30 March 2025", "Sun, 30 Mar 2025 10:00:00 +0000", "Sept. 3, 2025".
fn written(t: &str) -> Option<(u32, u32, u32)> {
    let mut words = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.'))
        .peekable();
    if words.peek().is_some_and(|w| is_weekday(w)) {
        words.next();
    }
    let a = words.next()?;
    let b = words.next()?;
    let year = words.next()?;
    let (month, day) = match (month(a), month(b)) {
        (Some(m), None) => (m, day(b)?),
        (None, Some(m)) => (m, day(a)?),
        _ => return None,
    };
    if year.len() != 4 {
        return None;
    }
    valid(year.parse().ok()?, month, day)
}

fn day(w: &str) -> Option<u32> {
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(w);
    if w.is_empty() || w.len() > 2 {
        return None;
    }
    w.parse().ok()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(w: &str) -> Option<u32> {
    let w = w.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| {
        *m == w || (w.len() == 3 && m.starts_with(&w)) || (w == "sept" && *m == "september")
    })?;
    Some(i as u32 + 1)
}

fn is_weekday(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .any(|d| *d == w || (w.len() >= 3 && d.starts_with(&w)))
}

fn valid(y: u32, m: u32, d: u32) -> Option<(u32, u32, u32)> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1000..=9999).contains(&y) && (1..=days).contains(&d)).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    #[rustfmt::skip]
    fn dates_normalise_to_iso_or_stay_as_given() {
        for (raw, want) in [
            ("2025-03-30", "2025-03-30"),
            (" 2025-03-30 ", "2025-03-30"),
            ("2025/03/30", "2025-03-30"),
            ("2025-03-30T10:00:00Z", "2025-03-30"),
            ("2025-03-30T23:30:00-05:00", "2025-03-30"),
            ("2025-03-30 10:00", "2025-03-30"),
            ("Sun, 30 Mar 2025 10:00:00 +0000", "2025-03-30"),
            ("Sunday, 30 March 2025", "2025-03-30"),
            ("March 30, 2025", "2025-03-30"),
            ("Mar. 30, 2025", "2025-03-30"),
            ("Sept. 3, 2025", "2025-09-03"),
            ("30 March 2025", "2025-03-30"),
            ("1st May 2025", "2025-05-01"),
            ("February 29, 2024", "2024-02-29"),
            ("February 29, 2025", "February 29, 2025"),
            ("2025-03-30T10:00:00.250+04:00[Asia/Dubai]", "2025-03-30"),
            ("2025-03-30T10:00+0400", "2025-03-30"),
            ("2025-03-30 10:00:00 UTC", "2025-03-30"),
            ("2025-13-01", "2025-13-01"),
            ("2025-13-45", "2025-13-45"),
            ("2025-02-30", "2025-02-30"),
            ("-2025-01-01", "-2025-01-01"),
            ("２０２５-０１-０１", "２０２５-０１-０１"),
            ("2025-03-30garbage", "2025-03-30garbage"),
            ("2025-03-30 garbage", "2025-03-30 garbage"),
            ("2025-03-30T25:00", "2025-03-30T25:00"),
            ("yesterday", "yesterday"),
            ("March 2025", "March 2025"),
            ("30/03/2025", "30/03/2025"),
            ("", ""),
            ("ünïcödé 2025", "ünïcödé 2025"),
        ] {
            assert_eq!(normalize(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn only_real_calendar_days_count_as_iso_dates() {
        for ok in ["2025-03-30", "2024-02-29", "1000-01-01", "9999-12-31"] {
            assert!(super::is_iso_date(ok), "{ok}");
        }
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "0999-01-01",
            "2025/03/30",
            "2025-03-30T10:00",
            "yesterday",
            "",
            "２０２５-０１-０１",
            "-2025-01-01",
        ] {
            assert!(!super::is_iso_date(bad), "{bad}");
        }
    }
}
