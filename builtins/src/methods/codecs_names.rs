//! Unicode character names for the `namereplace` error handler: the table generated into
//! `unicode_names.rs` (see `tools/gen_unicode_names.py` for its encoding) plus the names
//! computed from the code point.

use super::unicode_names::{NAMES, WORDS};

/// The Unicode name of code point `cp`, if it has one.
pub(crate) fn name(cp: u32) -> Option<String> {
    if let Some(n) = algorithmic(cp) {
        return Some(n);
    }
    table_name(cp)
}

/// The value of one symbol of the table's alphabet (`$`..`~` without the backslash).
fn sym(c: u8) -> Option<u32> {
    match c {
        0x24..=0x5b => Some(u32::from(c - 0x24)),
        0x5d..=0x7e => Some(u32::from(c - 0x25)),
        _ => None,
    }
}

/// Decodes one word index at `b[*pos..]`.
fn word_index(b: &[u8], pos: &mut usize) -> Option<usize> {
    let first = sym(*b.get(*pos)?)?;
    *pos += 1;
    let mut next = || -> Option<u32> {
        let v = sym(*b.get(*pos)?)?;
        *pos += 1;
        Some(v)
    };
    let i = if first < 50 {
        first
    } else if first < 80 {
        50 + (first - 50) * 90 + next()?
    } else {
        let hi = next()?;
        let lo = next()?;
        50 + 30 * 90 + (first - 80) * 8100 + hi * 90 + lo
    };
    usize::try_from(i).ok()
}

/// The table decoded once (on first use) into `(code point, name)` pairs sorted by code point.
fn table() -> &'static [(u32, Box<str>)] {
    static TABLE: std::sync::OnceLock<Vec<(u32, Box<str>)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| decode_table().unwrap_or_default())
}

fn table_name(cp: u32) -> Option<String> {
    let t = table();
    let i = t.binary_search_by_key(&cp, |e| e.0).ok()?;
    t.get(i).map(|e| e.1.to_string())
}

fn decode_table() -> Option<Vec<(u32, Box<str>)>> {
    let words: Vec<&str> = WORDS.split(' ').collect();
    let b = NAMES.as_bytes();
    let mut out = Vec::with_capacity(super::unicode_names::COUNT);
    let mut pos = 0usize;
    let mut cur: i64 = -1;
    let mut prev: Vec<usize> = Vec::new();
    while pos < b.len() {
        let mut gap = 1i64;
        if b.get(pos) == Some(&b'#') {
            let mut g = 0i64;
            for k in 1..=4 {
                g = g * 90 + i64::from(sym(*b.get(pos + k)?)?);
            }
            gap = g + 2;
            pos += 5;
        }
        cur += gap;
        let shared = usize::try_from(sym(*b.get(pos)?)?).ok()?;
        pos += 1;
        prev.truncate(shared);
        while b.get(pos) != Some(&b'!') {
            let w = word_index(b, &mut pos)?;
            prev.push(w);
        }
        pos += 1;
        let parts: Option<Vec<&str>> = prev.iter().map(|&i| words.get(i).copied()).collect();
        out.push((u32::try_from(cur).ok()?, parts?.join(" ").into_boxed_str()));
    }
    Some(out)
}

/// Names computed from the code point: CJK unified / compatibility ideographs, Khitan small
/// script, Nushu and Hangul syllables (CPython 3.12 names no Tangut ideograph).
fn algorithmic(cp: u32) -> Option<String> {
    const CJK: [(u32, u32); 9] = [
        (0x3400, 0x4dbf),
        (0x4e00, 0x9fff),
        (0x20000, 0x2a6df),
        (0x2a700, 0x2b739),
        (0x2b740, 0x2b81d),
        (0x2b820, 0x2cea1),
        (0x2ceb0, 0x2ebe0),
        (0x30000, 0x3134a),
        (0x31350, 0x323af),
    ];
    if CJK.iter().any(|&(a, b)| (a..=b).contains(&cp)) {
        return Some(format!("CJK UNIFIED IDEOGRAPH-{cp:X}"));
    }
    const COMPAT: [(u32, u32); 3] = [(0xf900, 0xfa6d), (0xfa70, 0xfad9), (0x2f800, 0x2fa1d)];
    if COMPAT.iter().any(|&(a, b)| (a..=b).contains(&cp)) {
        return Some(format!("CJK COMPATIBILITY IDEOGRAPH-{cp:X}"));
    }
    if (0x18b00..=0x18cd5).contains(&cp) {
        return Some(format!("KHITAN SMALL SCRIPT CHARACTER-{cp:X}"));
    }
    if (0x1b170..=0x1b2fb).contains(&cp) {
        return Some(format!("NUSHU CHARACTER-{cp:X}"));
    }
    if (0xac00..=0xd7a3).contains(&cp) {
        return Some(hangul(cp - 0xac00));
    }
    None
}

/// `HANGUL SYLLABLE` + the jamo short names of syllable index `s`.
fn hangul(s: u32) -> String {
    const L: [&str; 19] = [
        "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T",
        "P", "H",
    ];
    const V: [&str; 21] = [
        "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO",
        "WE", "WI", "YU", "EU", "YI", "I",
    ];
    const T: [&str; 28] = [
        "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH",
        "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H",
    ];
    let l = (s / (21 * 28)) as usize;
    let v = ((s % (21 * 28)) / 28) as usize;
    let t = (s % 28) as usize;
    format!(
        "HANGUL SYLLABLE {}{}{}",
        L.get(l).unwrap_or(&""),
        V.get(v).unwrap_or(&""),
        T.get(t).unwrap_or(&"")
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn table_decodes_every_record() {
        assert_eq!(
            NAMES.bytes().filter(|&c| c == b'!').count(),
            super::super::unicode_names::COUNT
        );
        assert_eq!(table().len(), super::super::unicode_names::COUNT);
        assert!(table().windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(name(0x41).unwrap(), "LATIN CAPITAL LETTER A");
        assert_eq!(name(0x20).unwrap(), "SPACE");
        assert_eq!(name(0x2d).unwrap(), "HYPHEN-MINUS");
        assert_eq!(name(0x1f600).unwrap(), "GRINNING FACE");
        assert_eq!(name(0xe01ef).unwrap(), "VARIATION SELECTOR-256");
        assert_eq!(name(0xac01).unwrap(), "HANGUL SYLLABLE GAG");
        assert_eq!(name(0xfa70).unwrap(), "CJK COMPATIBILITY IDEOGRAPH-FA70");
        assert_eq!(name(0), None);
        assert_eq!(name(0xd800), None);
        assert_eq!(name(0x10ffff), None);
        assert_eq!(name(0x17000), None);
    }
}
