//! int ⇄ text and bytes: `int(s, base)`, `str`/`bin`/`oct`/`hex`, `bit_length`,
//! `to_bytes`/`from_bytes`, and correctly rounded int → float conversions.

use super::errors::{msg, KResult, KernelError};
use super::unicode;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// CPython's default `sys.get_int_max_str_digits()`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;
/// Below this many digits the limit is never checked (`sys.int_info.str_digits_check_threshold`).
pub const MAX_STR_DIGITS_THRESHOLD: usize = 640;

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: Unicode whitespace becomes ' ',
/// decimal digits of any script their ASCII digit, any other non-ASCII character '?'.
pub fn transform_decimal_and_space(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                c
            } else if unicode::is_space(c) {
                ' '
            } else if let Some(d) = unicode::decimal_value(c) {
                char::from_digit(d, 10).unwrap_or('?')
            } else {
                '?'
            }
        })
        .collect()
}

/// C's `isspace` in the "C" locale, as `Py_ISSPACE`.
fn c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => u32::from(b - b'0'),
        b'a'..=b'z' => u32::from(b - b'a') + 10,
        b'A'..=b'Z' => u32::from(b - b'A') + 10,
        _ => 99,
    }
}

enum ParseFail {
    Syntax(u32),
    Limit(KernelError),
}

fn parse_ascii(b: &[u8], base: u32, max_str_digits: usize) -> Result<BigInt, ParseFail> {
    let mut base = base;
    let mut p = 0;
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    while c_space(at(p)) {
        p += 1;
    }
    let mut negative = false;
    if at(p) == b'+' {
        p += 1;
    } else if at(p) == b'-' {
        p += 1;
        negative = true;
    }
    let mut error_if_nonzero = false;
    if base == 0 {
        base = if at(p) != b'0' {
            10
        } else {
            match at(p + 1) {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                b'b' | b'B' => 2,
                _ => {
                    error_if_nonzero = true;
                    10
                }
            }
        };
    }
    if at(p) == b'0'
        && matches!(
            (base, at(p + 1)),
            (16, b'x' | b'X') | (8, b'o' | b'O') | (2, b'b' | b'B')
        )
    {
        p += 2;
        if at(p) == b'_' {
            p += 1;
        }
    }
    let shown_base = if error_if_nonzero { 0 } else { base };
    let start = p;
    if at(p) == b'_' {
        return Err(ParseFail::Syntax(base));
    }
    let mut digits = 0usize;
    let mut prev = 0u8;
    while p < b.len() && (digit_value(b[p]) < base || b[p] == b'_') {
        if b[p] == b'_' {
            if prev == b'_' {
                return Err(ParseFail::Syntax(base));
            }
        } else {
            digits += 1;
        }
        prev = b[p];
        p += 1;
    }
    if prev == b'_' || p == start {
        return Err(ParseFail::Syntax(base));
    }
    let end = p;
    while p < b.len() && c_space(b[p]) {
        p += 1;
    }
    if p != b.len() {
        return Err(ParseFail::Syntax(base));
    }
    if !base.is_power_of_two()
        && digits > MAX_STR_DIGITS_THRESHOLD
        && max_str_digits > 0
        && digits > max_str_digits
    {
        return Err(ParseFail::Limit(msg::int_str_digits_parse(
            max_str_digits,
            digits,
        )));
    }
    let clean: Vec<u8> = b[start..end]
        .iter()
        .copied()
        .filter(|&c| c != b'_')
        .collect();
    let magnitude = BigInt::parse_bytes(&clean, base).ok_or(ParseFail::Syntax(base))?;
    if error_if_nonzero && !magnitude.is_zero() {
        return Err(ParseFail::Syntax(shown_base));
    }
    Ok(if negative { -magnitude } else { magnitude })
}

/// `int(s, base)` for a str. `repr_of_s` is `repr(s)` (used in the error message);
/// `max_str_digits` is `sys.get_int_max_str_digits()` (0 = unlimited).
pub fn parse_int(s: &str, base: u32, repr_of_s: &str, max_str_digits: usize) -> KResult<BigInt> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(msg::int_base_range());
    }
    // Only non-ASCII text needs the transformation (and its copy).
    let transformed;
    let ascii = if s.is_ascii() {
        s
    } else {
        transformed = transform_decimal_and_space(s);
        &transformed
    };
    match parse_ascii(ascii.as_bytes(), base, max_str_digits) {
        Ok(v) => Ok(v),
        Err(ParseFail::Limit(e)) => Err(e),
        Err(ParseFail::Syntax(_)) => Err(msg::int_parse(base, repr_of_s)),
    }
}

/// The common case of `int(s)` in base 10 without the general parser: an optional sign and
/// 1 to 18 ASCII digits, with ASCII whitespace around them and nothing else (no underscores,
/// no other digits). `None` means "not that simple": the caller uses [`parse_int`], which
/// also produces the errors.
pub fn parse_small_decimal(s: &str) -> Option<i64> {
    let b = s
        .trim_matches(|c: char| c.is_ascii() && c_space(c as u8))
        .as_bytes();
    let (negative, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let mut v: i64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        // 18 digits stay below 10^18 < i64::MAX: no overflow.
        v = v * 10 + i64::from(c - b'0');
    }
    Some(if negative { -v } else { v })
}

/// `int(b, base)` for bytes (no Unicode digits; non-ASCII bytes are invalid).
pub fn parse_int_bytes(
    b: &[u8],
    base: u32,
    repr_of_b: &str,
    max_str_digits: usize,
) -> KResult<BigInt> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(msg::int_base_range());
    }
    match parse_ascii(b, base, max_str_digits) {
        Ok(v) => Ok(v),
        Err(ParseFail::Limit(e)) => Err(e),
        Err(ParseFail::Syntax(shown)) => Err(msg::int_parse(
            if base == 0 && shown == 0 { 0 } else { base },
            repr_of_b,
        )),
    }
}

/// `str(n)` / `repr(n)`, enforcing `sys.get_int_max_str_digits()` (0 = unlimited).
pub fn int_to_decimal(v: &BigInt, max_str_digits: usize) -> KResult<String> {
    if max_str_digits > 0 {
        let bits = v.bits();
        // A lower bound on the digit count: floor((bits - 1) * log10(2)) + 1.
        let lower = if bits == 0 {
            1
        } else {
            ((bits - 1) as f64 * std::f64::consts::LOG10_2).floor() as u64 + 1
        };
        if lower > max_str_digits as u64 + 1 {
            return Err(msg::int_str_digits_format(max_str_digits));
        }
    }
    let s = v.to_string();
    let digits = s.len() - usize::from(v.is_negative());
    if max_str_digits > 0 && digits > MAX_STR_DIGITS_THRESHOLD && digits > max_str_digits {
        return Err(msg::int_str_digits_format(max_str_digits));
    }
    Ok(s)
}

/// `n` in base 2, 8, 10 or 16, lowercase, with the `0b`/`0o`/`0x` prefix when `prefix` is set
/// (as `bin`/`oct`/`hex` and the `#` format flag write it). The sign precedes the prefix.
pub fn int_to_base(v: &BigInt, base: u32, prefix: bool) -> String {
    let digits = v.magnitude().to_str_radix(base);
    let mut out = String::with_capacity(digits.len() + 3);
    if v.is_negative() {
        out.push('-');
    }
    if prefix {
        out.push_str(match base {
            2 => "0b",
            8 => "0o",
            16 => "0x",
            _ => "",
        });
    }
    out.push_str(&digits);
    out
}

/// `bin(n)`.
pub fn bin(v: &BigInt) -> String {
    int_to_base(v, 2, true)
}
/// `oct(n)`.
pub fn oct(v: &BigInt) -> String {
    int_to_base(v, 8, true)
}
/// `hex(n)`.
pub fn hex(v: &BigInt) -> String {
    int_to_base(v, 16, true)
}

/// `n.bit_length()`.
pub fn bit_length(v: &BigInt) -> u64 {
    v.bits()
}

/// `n.bit_length()` for a machine int.
pub fn bit_length_i64(v: i64) -> u32 {
    64 - v.unsigned_abs().leading_zeros()
}

/// Byte order of `to_bytes`/`from_bytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteOrder {
    Little,
    Big,
}

impl ByteOrder {
    /// Parse the `byteorder` argument.
    pub fn parse(s: &str) -> KResult<ByteOrder> {
        match s {
            "little" => Ok(ByteOrder::Little),
            "big" => Ok(ByteOrder::Big),
            _ => Err(msg::byteorder()),
        }
    }
}

/// `n.to_bytes(length, byteorder, signed=signed)`.
pub fn to_bytes(v: &BigInt, length: usize, order: ByteOrder, signed: bool) -> KResult<Vec<u8>> {
    if !signed && v.is_negative() {
        return Err(msg::negative_to_unsigned());
    }
    let mut le = v.to_signed_bytes_le();
    if !signed {
        // Drop the sign byte a non-negative value may carry.
        while le.len() > 1 && le.last() == Some(&0) {
            le.pop();
        }
        if v.is_zero() {
            le.clear();
        }
    } else if v.is_zero() {
        le.clear();
    }
    if le.len() > length {
        // A signed value may still fit if the extra bytes are pure sign extension.
        return Err(msg::int_too_big_to_convert());
    }
    let fill = if v.is_negative() { 0xff } else { 0 };
    le.resize(length, fill);
    if order == ByteOrder::Big {
        le.reverse();
    }
    Ok(le)
}

/// `int.from_bytes(bytes, byteorder, signed=signed)`.
pub fn from_bytes(b: &[u8], order: ByteOrder, signed: bool) -> BigInt {
    let mut le = b.to_vec();
    if order == ByteOrder::Big {
        le.reverse();
    }
    if signed {
        BigInt::from_signed_bytes_le(&le)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &le)
    }
}

/// Correctly rounded `num / den` (ties to even) as a float; `None` if it overflows.
/// `den` must be non-zero.
pub fn ratio_to_f64(num: &BigInt, den: &BigInt) -> Option<f64> {
    if den.is_zero() {
        return None;
    }
    let negative = num.is_negative() != den.is_negative();
    let a = num.abs();
    let b = den.abs();
    if a.is_zero() {
        return Some(if negative { -0.0 } else { 0.0 });
    }
    // 2**(top-1) <= a/b < 2**top
    let mut top = a.bits() as i64 - b.bits() as i64;
    let cmp_shifted = if top >= 0 {
        a.cmp(&(&b << top as usize))
    } else {
        (&a << (-top) as usize).cmp(&b)
    };
    if cmp_shifted != std::cmp::Ordering::Less {
        top += 1;
    }
    if top > 1024 {
        return None;
    }
    let lsb = (top - 53).max(-1074);
    // n = round(a / b / 2**lsb)
    let (n_num, n_den) = if lsb >= 0 {
        (a, b << lsb as usize)
    } else {
        (a << (-lsb) as usize, b)
    };
    let (q, r) = n_num.div_rem(&n_den);
    let twice: BigInt = &r << 1;
    let q = match twice.cmp(&n_den) {
        std::cmp::Ordering::Less => q,
        std::cmp::Ordering::Greater => q + 1u32,
        std::cmp::Ordering::Equal => {
            if q.is_odd() {
                q + 1u32
            } else {
                q
            }
        }
    };
    if q.bits() as i64 + lsb > 1024 {
        return None;
    }
    let m = q.to_u64()?;
    let v = ldexp_exact(m, lsb as i32);
    Some(if negative { -v } else { v })
}

/// `m * 2**e` for a result known to be exactly representable.
pub(crate) fn ldexp_exact(m: u64, e: i32) -> f64 {
    let mut v = m as f64;
    let mut e = e;
    while e > 0 {
        let step = e.min(1000);
        v *= f64::from_bits(((1023 + step) as u64) << 52);
        e -= step;
    }
    while e < 0 {
        let step = (-e).min(1000);
        v /= f64::from_bits(((1023 + step) as u64) << 52);
        e += step;
    }
    v
}

/// `float(n)`: correctly rounded; OverflowError "int too large to convert to float".
pub fn bigint_to_f64(v: &BigInt) -> KResult<f64> {
    if let Some(small) = v.to_i64() {
        if small.unsigned_abs() <= 1u64 << 53 {
            return Ok(small as f64);
        }
    }
    ratio_to_f64(v, &BigInt::one()).ok_or_else(msg::int_too_large_for_float)
}

/// `a / b` for ints (true division), correctly rounded.
pub fn int_true_divide(a: &BigInt, b: &BigInt) -> KResult<f64> {
    if b.is_zero() {
        return Err(KernelError::zero_division("division by zero"));
    }
    ratio_to_f64(a, b)
        .ok_or_else(|| KernelError::overflow("integer division result too large for a float"))
}
