//! float from text, `float.hex`/`fromhex`, `as_integer_ratio`, `is_integer`.

use super::errors::{msg, KResult};
use super::float_fmt::decompose;
use super::int_fmt::{ldexp_exact, transform_decimal_and_space};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

fn c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// CPython's underscore rule for numeric strings: an underscore must sit between two digits.
/// Returns the string without underscores, or `None` if the rule is broken.
pub fn strip_underscores(s: &str) -> Option<String> {
    if !s.contains('_') {
        return Some(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut prev = '\0';
    for c in s.chars() {
        if c == '_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == '_' && !c.is_ascii_digit() {
                return None;
            }
            out.push(c);
        }
        prev = c;
    }
    if prev == '_' {
        return None;
    }
    Some(out)
}

/// The grammar `float()` accepts after whitespace stripping: a decimal literal, or
/// inf/infinity/nan (any case), each with an optional sign.
fn parse_float_core(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let body = match b.first() {
        Some(b'+') | Some(b'-') => &s[1..],
        _ => s,
    };
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan") {
        let v = if lower == "nan" {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return Some(if b.first() == Some(&b'-') { -v } else { v });
    }
    // digits [. digits] [e [sign] digits] with at least one mantissa digit.
    let bytes = body.as_bytes();
    let mut i = 0;
    let mut mant_digits = 0;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
        mant_digits += 1;
    }
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
            mant_digits += 1;
        }
    }
    if mant_digits == 0 {
        return None;
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    if i != bytes.len() {
        return None;
    }
    s.parse::<f64>().ok()
}

/// `float(s)` for a str. `repr_of_s` is `repr(s)`, used in the error message.
pub fn parse_float(s: &str, repr_of_s: &str) -> KResult<f64> {
    let ascii = transform_decimal_and_space(s);
    parse_float_ascii(ascii.as_bytes()).ok_or_else(|| msg::float_parse(repr_of_s))
}

/// `float(b)` for bytes.
pub fn parse_float_bytes(b: &[u8], repr_of_b: &str) -> KResult<f64> {
    parse_float_ascii(b).ok_or_else(|| msg::float_parse(repr_of_b))
}

fn parse_float_ascii(b: &[u8]) -> Option<f64> {
    let s = std::str::from_utf8(b).ok()?;
    let s = strip_underscores(s)?;
    let t = s.trim_matches(|c: char| c.is_ascii() && c_space(c as u8));
    if t.is_empty() {
        return None;
    }
    parse_float_core(t)
}

/// `x.hex()`.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let bits = x.to_bits();
    let sign = if bits >> 63 == 1 { "-" } else { "" };
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    if exp_bits == 0 && frac == 0 {
        return format!("{sign}0x0.0p+0");
    }
    if exp_bits == 0 {
        format!("{sign}0x0.{frac:013x}p-1022")
    } else {
        format!("{sign}0x1.{frac:013x}p{:+}", exp_bits - 1023)
    }
}

/// `float.fromhex(s)`.
pub fn float_fromhex(s: &str) -> KResult<f64> {
    let t = s.trim_matches(|c: char| c.is_ascii() && c_space(c as u8));
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(if negative {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if lower == "nan" {
        return Ok(if negative { -f64::NAN } else { f64::NAN });
    }
    let b = lower.as_bytes();
    let mut i = 0;
    if b.len() >= 2 && b[0] == b'0' && b[1] == b'x' {
        i = 2;
    }
    let mut mant = BigInt::zero();
    let mut ndigits = 0usize;
    let mut frac_digits: i64 = 0;
    while i < b.len() && b[i].is_ascii_hexdigit() {
        mant = (mant << 4u32) + u32::from(hexval(b[i]));
        ndigits += 1;
        i += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_hexdigit() {
            mant = (mant << 4u32) + u32::from(hexval(b[i]));
            ndigits += 1;
            frac_digits += 1;
            i += 1;
        }
    }
    if ndigits == 0 {
        return Err(msg::fromhex_invalid());
    }
    let mut exp: i64 = 0;
    if i < b.len() && b[i] == b'p' {
        i += 1;
        let mut eneg = false;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            eneg = b[i] == b'-';
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            // Saturate: anything this large over/underflows anyway.
            exp = (exp * 10 + i64::from(b[i] - b'0')).min(1 << 40);
            i += 1;
        }
        if i == start {
            return Err(msg::fromhex_invalid());
        }
        if eneg {
            exp = -exp;
        }
    }
    if i != b.len() {
        return Err(msg::fromhex_invalid());
    }
    let e = exp - 4 * frac_digits;
    let v = bigint_times_pow2(&mant, e).ok_or_else(msg::fromhex_overflow)?;
    Ok(if negative { -v } else { v })
}

fn hexval(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => 0,
    }
}

/// Correctly rounded `m * 2**e` (m >= 0); `None` on overflow.
fn bigint_times_pow2(m: &BigInt, e: i64) -> Option<f64> {
    if m.is_zero() {
        return Some(0.0);
    }
    let top = m.bits() as i64 + e;
    if top > 1024 {
        return None;
    }
    if top < -1080 {
        return Some(0.0);
    }
    let lsb = (top - 53).max(-1074);
    let shift = lsb - e;
    let q = if shift <= 0 {
        m << ((-shift) as usize)
    } else {
        let sh = shift as usize;
        let q: BigInt = m >> sh;
        let rem: BigInt = m - (&q << sh);
        let half = BigInt::from(1u32) << (sh - 1);
        match rem.cmp(&half) {
            std::cmp::Ordering::Less => q,
            std::cmp::Ordering::Greater => q + 1u32,
            std::cmp::Ordering::Equal => {
                if (&q & BigInt::from(1u32)).is_zero() {
                    q
                } else {
                    q + 1u32
                }
            }
        }
    };
    if q.bits() as i64 + lsb > 1024 {
        return None;
    }
    Some(ldexp_exact(q.to_u64()?, lsb as i32))
}

/// `x.as_integer_ratio()`.
pub fn as_integer_ratio(x: f64) -> KResult<(BigInt, BigInt)> {
    if x.is_nan() {
        return Err(msg::ratio_nan());
    }
    if x.is_infinite() {
        return Err(msg::ratio_inf());
    }
    if x == 0.0 {
        return Ok((BigInt::zero(), BigInt::from(1u32)));
    }
    let (m, e) = decompose(x);
    if e >= 0 {
        return Ok((m << e as usize, BigInt::from(1u32)));
    }
    let tz = m.abs().trailing_zeros().unwrap_or(0) as i64;
    let shift = tz.min(i64::from(-e));
    let num = m >> shift as usize;
    let den = BigInt::from(1u32) << ((-i64::from(e)) - shift) as usize;
    Ok((num, den))
}

/// `x.is_integer()`.
pub fn is_integer(x: f64) -> bool {
    x.is_finite() && x == x.trunc()
}

/// `float(n)` for an i64, exactly as CPython rounds (ties to even).
pub fn i64_to_f64(v: i64) -> f64 {
    v as f64
}

/// Float floor division and modulo as CPython computes them (`divmod(x, y)`).
pub fn float_divmod(x: f64, y: f64) -> KResult<(f64, f64)> {
    if y == 0.0 {
        return Err(super::errors::KernelError::zero_division("float divmod()"));
    }
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0_f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0_f64.copysign(x / y)
    };
    Ok((floordiv, m))
}

/// `x % y` for floats.
pub fn float_mod(x: f64, y: f64) -> KResult<f64> {
    if y == 0.0 {
        return Err(super::errors::KernelError::zero_division("float modulo"));
    }
    Ok(float_divmod(x, y)?.1)
}

/// `x // y` for floats.
pub fn float_floordiv(x: f64, y: f64) -> KResult<f64> {
    if y == 0.0 {
        return Err(super::errors::KernelError::zero_division(
            "float floor division by zero",
        ));
    }
    Ok(float_divmod(x, y)?.0)
}

/// Whether `v` fits the i64 range (a helper for callers narrowing BigInt results).
pub fn fits_i64(v: &BigInt) -> bool {
    v.to_i64().is_some()
}
