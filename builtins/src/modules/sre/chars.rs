//! Character predicates, case mappings and the position assertions of the `_sre` matcher.
//! Characters are code points (`u32`); a `str` subject keeps lone surrogates as U+D800..U+DFFF.

use pyvm_vm::kernels::unicode as uni;

/// `\n`, the only line break of byte and ASCII patterns.
const NL: u32 = 0x0a;

fn as_char(ch: u32) -> Option<char> {
    char::from_u32(ch)
}

fn ascii_alnum(ch: u32) -> bool {
    matches!(ch, 0x30..=0x39 | 0x41..=0x5a | 0x61..=0x7a)
}

pub(crate) fn is_digit(ch: u32) -> bool {
    (0x30..=0x39).contains(&ch)
}

pub(crate) fn is_space(ch: u32) -> bool {
    matches!(ch, 0x20 | 0x09..=0x0d)
}

pub(crate) fn is_word(ch: u32) -> bool {
    ascii_alnum(ch) || ch == 0x5f
}

/// The `LOCALE` word test; pyvm runs in the C locale, where only ASCII is alphanumeric.
pub(crate) fn is_loc_word(ch: u32) -> bool {
    is_word(ch)
}

pub(crate) fn is_uni_digit(ch: u32) -> bool {
    as_char(ch).is_some_and(uni::is_decimal)
}

pub(crate) fn is_uni_space(ch: u32) -> bool {
    as_char(ch).is_some_and(uni::is_space)
}

pub(crate) fn is_uni_word(ch: u32) -> bool {
    ch == 0x5f || as_char(ch).is_some_and(uni::is_alnum)
}

pub(crate) fn is_uni_linebreak(ch: u32) -> bool {
    as_char(ch).is_some_and(uni::is_linebreak)
}

pub(crate) fn lower_ascii(ch: u32) -> u32 {
    if (0x41..=0x5a).contains(&ch) {
        ch + 32
    } else {
        ch
    }
}

fn upper_ascii(ch: u32) -> u32 {
    if (0x61..=0x7a).contains(&ch) {
        ch - 32
    } else {
        ch
    }
}

/// `tolower` in the C locale.
pub(crate) fn lower_locale(ch: u32) -> u32 {
    lower_ascii(ch)
}

/// `toupper` in the C locale.
pub(crate) fn upper_locale(ch: u32) -> u32 {
    upper_ascii(ch)
}

/// `Py_UNICODE_TOLOWER`: the first character of the full lowercase mapping (`İ` → `i`).
pub(crate) fn lower_unicode(ch: u32) -> u32 {
    if ch < 0x80 {
        return lower_ascii(ch);
    }
    let Some(c) = as_char(ch) else { return ch };
    let mut buf = [0u8; 4];
    let low = uni::lower(c.encode_utf8(&mut buf));
    low.chars().next().map_or(ch, |x| x as u32)
}

/// `Py_UNICODE_TOUPPER`: the first character of the full uppercase mapping (CPython keeps only
/// that one for characters with a multi-character mapping: `ß` → `S`).
pub(crate) fn upper_unicode(ch: u32) -> u32 {
    if ch < 0x80 {
        return upper_ascii(ch);
    }
    let Some(c) = as_char(ch) else { return ch };
    let mut buf = [0u8; 4];
    let up = uni::upper(c.encode_utf8(&mut buf));
    up.chars().next().map_or(ch, |x| x as u32)
}

/// `char_loc_ignore`: `ch` equals `pattern` up to C-locale case.
pub(crate) fn char_loc_ignore(pattern: u32, ch: u32) -> bool {
    ch == pattern || lower_locale(ch) == pattern || upper_locale(ch) == pattern
}

/// A `CATEGORY` code; `None` for an unknown code (treated as a non-match by the caller).
pub(crate) fn category(code: u32, ch: u32) -> Option<bool> {
    Some(match code {
        0 => is_digit(ch),
        1 => !is_digit(ch),
        2 => is_space(ch),
        3 => !is_space(ch),
        4 => is_word(ch),
        5 => !is_word(ch),
        6 => ch == NL,
        7 => ch != NL,
        8 => is_loc_word(ch),
        9 => !is_loc_word(ch),
        10 => is_uni_digit(ch),
        11 => !is_uni_digit(ch),
        12 => is_uni_space(ch),
        13 => !is_uni_space(ch),
        14 => is_uni_word(ch),
        15 => !is_uni_word(ch),
        16 => is_uni_linebreak(ch),
        17 => !is_uni_linebreak(ch),
        _ => return None,
    })
}

/// An `AT` code at position `pos` of `s`, where `end` is the end of the searched slice.
pub(crate) fn at(code: u32, s: &[u32], pos: usize, end: usize) -> bool {
    let prev = pos.checked_sub(1).and_then(|i| s.get(i)).copied();
    let cur = if pos < end { s.get(pos).copied() } else { None };
    let boundary = |word: fn(u32) -> bool| -> Option<bool> {
        if end == 0 {
            return None;
        }
        Some(prev.is_some_and(word) != cur.is_some_and(word))
    };
    match code {
        0 | 2 => pos == 0,
        1 => pos == 0 || prev == Some(NL),
        5 => (end.checked_sub(pos) == Some(1) && cur == Some(NL)) || pos == end,
        6 => pos == end || cur == Some(NL),
        7 => pos == end,
        3 => boundary(is_word) == Some(true),
        4 => boundary(is_word) == Some(false),
        8 => boundary(is_loc_word) == Some(true),
        9 => boundary(is_loc_word) == Some(false),
        10 => boundary(is_uni_word) == Some(true),
        11 => boundary(is_uni_word) == Some(false),
        _ => false,
    }
}
