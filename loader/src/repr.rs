//! Python `repr()` of marshal constants, byte for byte as CPython 3.12 prints them.
//!
//! The VM reuses [`float_repr`], [`str_repr`] and [`is_printable`] for live objects, so they are
//! allocation-light and exhaustively tested against CPython (see `tests/fixtures/opcode/repr_cases.txt`).

mod printable_table;
pub mod setorder;
#[cfg(test)]
mod tests;

use crate::object::{Code, Obj, PyStr};
use std::fmt::Write as _;

/// A small fixed buffer implementing `fmt::Write`, for formatting floats without allocating.
struct StackBuf {
    buf: [u8; 40],
    len: usize,
}

impl std::fmt::Write for StackBuf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let dst = self.buf.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// `repr(x)` for a Python float: shortest round-trip digits, exponent form below 1e-4 and from 1e16.
///
/// `0.1`, `100.0`, `1e+16`, `1e-05`, `1.5e-07`, `inf`, `-inf`, `nan`, `-0.0`.
pub fn float_repr(x: f64) -> String {
    let mut s = String::with_capacity(24);
    write_float_repr(&mut s, x);
    s
}

/// Appends `repr(x)` for a float to `out` (see [`float_repr`]).
pub fn write_float_repr(out: &mut String, x: f64) {
    format_float_r(out, x, true, false);
}

/// CPython's `format_float_short` in `'r'` mode.
///
/// `add_dot_0`: write `1.0` rather than `1` for integral values (floats do, complex parts don't).
/// `always_sign`: write `+` before non-negative numbers (and before `nan`, whose sign is ignored).
fn format_float_r(out: &mut String, x: f64, add_dot_0: bool, always_sign: bool) {
    if x.is_nan() {
        out.push_str(if always_sign { "+nan" } else { "nan" });
        return;
    }
    if x.is_sign_negative() {
        out.push('-');
    } else if always_sign {
        out.push('+');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return;
    }
    // Rust's `{:e}` gives the shortest digits that round-trip: "d[.ddd]e[-]N".
    let mut sci = StackBuf {
        buf: [0; 40],
        len: 0,
    };
    if write!(sci, "{:e}", x.abs()).is_err() {
        // Unreachable: the longest output ("2.2250738585072014e-308") fits easily.
        let _ = write!(out, "{}", x.abs());
        return;
    }
    let sci = &sci.buf[..sci.len];
    let e_pos = sci.iter().position(|&b| b == b'e').unwrap_or(sci.len());
    let (mantissa, exp_part) = sci.split_at(e_pos);
    let exp10: i32 = std::str::from_utf8(exp_part.get(1..).unwrap_or_default())
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut digits = [0u8; 24];
    let mut n = 0;
    for &b in mantissa {
        if b.is_ascii_digit() && n < digits.len() {
            digits[n] = b;
            n += 1;
        }
    }
    let mut exp10 = exp10;
    if n >= 16 && digits[n - 1] % 2 == 1 {
        round_tie_to_even(x.abs(), &mut digits[..n], &mut exp10);
    }
    let digits = &digits[..n];
    let n = n as i32;

    // decpt: the decimal point sits after `decpt` digits (0.ddd × 10^decpt).
    let mut decpt = exp10 + 1;
    let use_exp = decpt <= -4 || decpt > 16;
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_end = if !use_exp && add_dot_0 {
        n.max(decpt + 1)
    } else {
        n.max(decpt)
    };

    let start = out.len();
    if decpt <= 0 {
        out.push_str("0.");
        push_zeros(out, -decpt);
        push_ascii(out, digits);
        push_zeros(out, vdigits_end - n);
    } else if decpt <= n {
        let (int_part, frac_part) = digits.split_at(decpt as usize);
        push_ascii(out, int_part);
        out.push('.');
        push_ascii(out, frac_part);
        push_zeros(out, vdigits_end - n);
    } else {
        push_ascii(out, digits);
        push_zeros(out, decpt - n);
        out.push('.');
        push_zeros(out, vdigits_end - decpt);
    }
    if out.len() > start && out.ends_with('.') {
        out.pop();
    }
    if use_exp {
        let _ = write!(
            out,
            "e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.unsigned_abs()
        );
    }
}

/// Rust and CPython agree on the shortest digit count, but when the value lies exactly halfway
/// between two candidates of that length, Rust rounds up while CPython's dtoa rounds to even.
/// `digits` (ASCII, last one odd) × 10^(exp10 - len + 1) is Rust's choice; replace it by its even
/// neighbour if `x` is exactly halfway between them. Only 16- and 17-digit outputs can tie.
fn round_tie_to_even(x: f64, digits: &mut [u8], exp10: &mut i32) {
    use num_bigint::BigInt;
    let Some(&last) = digits.last() else { return };
    let len = digits.len() as i32;
    let scale = *exp10 - len + 1; // value of one unit in the last digit is 10^scale
    let mut d = BigInt::from(0u8);
    for &c in digits.iter() {
        d = d * 10u8 + (c - b'0');
    }
    // x = mant × 2^e2 exactly.
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, e2) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    };
    // Is 2x == (2d ± 1) × 10^scale ?
    let pow = |base: u32, e: i32| BigInt::from(base).pow(e.unsigned_abs());
    let mut lhs = BigInt::from(mant) * 2u8;
    let mut rhs_unit = BigInt::from(1u8);
    if e2 >= 0 {
        lhs *= pow(2, e2);
    } else {
        rhs_unit *= pow(2, e2);
    }
    if scale >= 0 {
        rhs_unit *= pow(10, scale);
    } else {
        lhs *= pow(10, scale);
    }
    let below = (&d * 2u8 - 1u8) * &rhs_unit;
    if lhs == below {
        // x is halfway between d-1 and d: take d-1 (its last digit is even, no borrow needed).
        if let Some(l) = digits.last_mut() {
            *l = last - 1;
        }
        return;
    }
    let above = (&d * 2u8 + 1u8) * &rhs_unit;
    if lhs == above {
        // Halfway between d and d+1: take d+1, carrying through nines.
        let mut i = digits.len();
        while i > 0 {
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                return;
            }
        }
        // All nines: 99..9 + 1 = 100..0, one more power of ten (keeps the digit count).
        if let Some(first) = digits.first_mut() {
            *first = b'1';
        }
        *exp10 += 1;
    }
}

fn push_zeros(out: &mut String, count: i32) {
    for _ in 0..count.max(0) {
        out.push('0');
    }
}

fn push_ascii(out: &mut String, digits: &[u8]) {
    for &d in digits {
        out.push(char::from(d));
    }
}

/// `repr(complex(re, im))`: `1j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let mut s = String::with_capacity(32);
    if re == 0.0 && re.is_sign_positive() {
        format_float_r(&mut s, im, false, false);
        s.push('j');
    } else {
        s.push('(');
        format_float_r(&mut s, re, false, false);
        format_float_r(&mut s, im, false, true);
        s.push_str("j)");
    }
    s
}

/// Whether `str.isprintable()` is true for this code point (Unicode 15.0, as in CPython 3.12):
/// false for categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than the ASCII space.
pub fn is_printable(cp: u32) -> bool {
    if cp < 0x7F {
        return cp >= 0x20;
    }
    if cp > 0x10_FFFF {
        return false;
    }
    let table = &printable_table::NON_PRINTABLE;
    // Find the last range starting at or before cp.
    let idx = table.partition_point(|&(start, _)| start <= cp);
    match idx.checked_sub(1).and_then(|i| table.get(i)) {
        Some(&(_, end)) => cp > end,
        None => true,
    }
}

/// Code points of a WTF-8 byte string (UTF-8 that may encode lone surrogates).
///
/// Malformed sequences decode as U+FFFD, one byte at a time, so this never fails.
pub fn wtf8_code_points(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let b0 = *bytes.get(i)?;
        let (len, init) = match b0 {
            0x00..=0x7F => {
                i += 1;
                return Some(u32::from(b0));
            }
            0xC2..=0xDF => (2, u32::from(b0 & 0x1F)),
            0xE0..=0xEF => (3, u32::from(b0 & 0x0F)),
            0xF0..=0xF4 => (4, u32::from(b0 & 0x07)),
            _ => {
                i += 1;
                return Some(0xFFFD);
            }
        };
        let mut cp = init;
        for k in 1..len {
            match bytes.get(i + k) {
                Some(&b) if b & 0xC0 == 0x80 => cp = (cp << 6) | u32::from(b & 0x3F),
                _ => {
                    i += 1;
                    return Some(0xFFFD);
                }
            }
        }
        let min = match len {
            2 => 0x80,
            3 => 0x800,
            _ => 0x1_0000,
        };
        if cp < min || cp > 0x10_FFFF {
            i += 1;
            return Some(0xFFFD);
        }
        i += len;
        Some(cp)
    })
}

/// `repr(s)` for a Python `str`.
pub fn str_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_str_repr(&mut out, s);
    out
}

/// Appends `repr(s)` for a Python `str` to `out`.
pub fn write_str_repr(out: &mut String, s: &str) {
    write_code_points_repr(
        out,
        s.chars().map(u32::from),
        s.contains('\''),
        s.contains('"'),
    );
}

/// `repr()` of a marshalled string, lone surrogates included (`'\ud800'`).
pub fn pystr_repr(s: &PyStr) -> String {
    match s {
        PyStr::Utf8(s) => str_repr(s),
        PyStr::Surrogates(b) => {
            let mut out = String::with_capacity(b.len() + 2);
            let squote = b.contains(&b'\'');
            let dquote = b.contains(&b'"');
            write_code_points_repr(&mut out, wtf8_code_points(b), squote, dquote);
            out
        }
    }
}

fn write_code_points_repr(
    out: &mut String,
    cps: impl Iterator<Item = u32>,
    squote: bool,
    dquote: bool,
) {
    let quote = if squote && !dquote { '"' } else { '\'' };
    out.push(quote);
    for cp in cps {
        match cp {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            _ if cp == u32::from(quote) => {
                out.push('\\');
                out.push(quote);
            }
            0x00..=0x1F | 0x7F => {
                let _ = write!(out, "\\x{cp:02x}");
            }
            0x20..=0x7E => out.push(char::from(cp as u8)),
            _ => match char::from_u32(cp) {
                Some(c) if is_printable(cp) => out.push(c),
                _ if cp <= 0xFF => {
                    let _ = write!(out, "\\x{cp:02x}");
                }
                _ if cp <= 0xFFFF => {
                    let _ = write!(out, "\\u{cp:04x}");
                }
                _ => {
                    let _ = write!(out, "\\U{cp:08x}");
                }
            },
        }
    }
    out.push(quote);
}

/// `repr(b)` for a Python `bytes`.
pub fn bytes_repr(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len() + 3);
    write_bytes_repr(&mut out, b);
    out
}

/// Appends `repr(b)` for a Python `bytes` to `out`.
pub fn write_bytes_repr(out: &mut String, b: &[u8]) {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    out.push('b');
    out.push(char::from(quote));
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if c == quote => {
                out.push('\\');
                out.push(char::from(c));
            }
            0x20..=0x7E => out.push(char::from(c)),
            _ => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(char::from(quote));
}

/// `repr(code)`: `<code object NAME at 0xADDR, file "FILE", line N>`.
///
/// The address is that of the shared `Code` value, so it is stable while the object lives but
/// differs between runs (as CPython's does).
pub fn code_repr(code: &Code) -> String {
    format!(
        "<code object {} at {:#x}, file \"{}\", line {}>",
        code.name.to_str_lossy(),
        std::ptr::from_ref(code) as usize,
        code.filename.to_str_lossy(),
        code.firstlineno
    )
}

/// `repr()` of a marshal constant, as `dis` and `code.co_consts` print it.
///
/// Sets and frozensets are shown in the order CPython iterates them after loading (see
/// [`setorder`]), which is not always the order marshal stored them in.
pub fn const_repr(obj: &Obj) -> String {
    let mut out = String::new();
    write_const_repr(&mut out, obj);
    out
}

/// Appends `repr()` of a marshal constant to `out` (see [`const_repr`]).
pub fn write_const_repr(out: &mut String, obj: &Obj) {
    match obj {
        Obj::Null => out.push_str("<NULL>"),
        Obj::None => out.push_str("None"),
        Obj::False => out.push_str("False"),
        Obj::True => out.push_str("True"),
        Obj::StopIteration => out.push_str("<class 'StopIteration'>"),
        Obj::Ellipsis => out.push_str("Ellipsis"),
        Obj::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Obj::Long(b) => {
            let _ = write!(out, "{b}");
        }
        Obj::Float(f) => write_float_repr(out, *f),
        Obj::Complex { re, im } => out.push_str(&complex_repr(*re, *im)),
        Obj::Bytes(b) => write_bytes_repr(out, b),
        Obj::Str(s) => match s {
            PyStr::Utf8(s) => write_str_repr(out, s),
            PyStr::Surrogates(_) => out.push_str(&pystr_repr(s)),
        },
        Obj::Tuple(items) => {
            out.push('(');
            write_items(out, items.iter());
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Obj::List(items) => {
            out.push('[');
            write_items(out, items.iter());
            out.push(']');
        }
        Obj::Dict(pairs) => {
            out.push('{');
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_const_repr(out, k);
                out.push_str(": ");
                write_const_repr(out, v);
            }
            out.push('}');
        }
        Obj::Set(items) => {
            if items.is_empty() {
                out.push_str("set()");
            } else {
                out.push('{');
                write_items(out, setorder::set_order(items));
                out.push('}');
            }
        }
        Obj::FrozenSet(items) => {
            if items.is_empty() {
                out.push_str("frozenset()");
            } else {
                out.push_str("frozenset({");
                write_items(out, setorder::set_order(items));
                out.push_str("})");
            }
        }
        Obj::Code(code) => out.push_str(&code_repr(code)),
    }
}

fn write_items<'a>(out: &mut String, items: impl IntoIterator<Item = &'a Obj>) {
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_const_repr(out, item);
    }
}
