//! `repr()` and `ascii()` of `str` and `bytes`, byte for byte as CPython writes them.

use super::unicode::is_printable;
use std::fmt::Write;

fn choose_quote(has_single: bool, has_double: bool) -> char {
    if has_single && !has_double {
        '"'
    } else {
        '\''
    }
}

fn push_escaped(out: &mut String, cp: u32, ascii_only: bool) {
    let c = char::from_u32(cp);
    match cp {
        0x5c => out.push_str("\\\\"),
        0x09 => out.push_str("\\t"),
        0x0a => out.push_str("\\n"),
        0x0d => out.push_str("\\r"),
        0..=0x1f | 0x7f => {
            let _ = write!(out, "\\x{cp:02x}");
        }
        0x20..=0x7e => out.push(c.unwrap_or('?')),
        _ => {
            let printable = !ascii_only && c.is_some_and(is_printable);
            if printable {
                out.push(c.unwrap_or('?'));
            } else if cp <= 0xff {
                let _ = write!(out, "\\x{cp:02x}");
            } else if cp <= 0xffff {
                let _ = write!(out, "\\u{cp:04x}");
            } else {
                let _ = write!(out, "\\U{cp:08x}");
            }
        }
    }
}

fn quoted<I: Iterator<Item = u32> + Clone>(cps: I, ascii_only: bool) -> String {
    let has_single = cps.clone().any(|c| c == 0x27);
    let has_double = cps.clone().any(|c| c == 0x22);
    let q = choose_quote(has_single, has_double);
    let mut out = String::new();
    out.push(q);
    for cp in cps {
        if cp == u32::from(q) {
            out.push('\\');
            out.push(q);
        } else {
            push_escaped(&mut out, cp, ascii_only);
        }
    }
    out.push(q);
    out
}

/// `repr(s)` for a str.
pub fn repr_str(s: &str) -> String {
    quoted(s.chars().map(u32::from), false)
}

/// `repr(s)` for a str given as code points (may include lone surrogates, which are escaped).
pub fn repr_code_points(cps: &[u32]) -> String {
    quoted(cps.iter().copied(), false)
}

/// `ascii(s)` for a str.
pub fn ascii_str(s: &str) -> String {
    quoted(s.chars().map(u32::from), true)
}

/// `repr(b)` for bytes (`b'...'`); `bytearray` wraps this as `bytearray(b'...')`.
pub fn repr_bytes(b: &[u8]) -> String {
    let has_single = b.contains(&b'\'');
    let has_double = b.contains(&b'"');
    let q = choose_quote(has_single, has_double);
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(q);
    for &byte in b {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if char::from(byte) == q => {
                out.push('\\');
                out.push(q);
            }
            0x20..=0x7e => out.push(char::from(byte)),
            _ => {
                let _ = write!(out, "\\x{byte:02x}");
            }
        }
    }
    out.push(q);
    out
}
