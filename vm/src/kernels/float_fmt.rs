//! Float to text exactly as CPython's `PyOS_double_to_string` (short float repr): `repr`,
//! `%`-style and `format()` conversions, plus `round(x, n)`.
//!
//! Digit generation relies on Rust's float formatting, which is exact: the shortest
//! round-tripping digits for `{:e}` and correctly rounded (ties to even on the exact binary
//! value) digits for explicit precisions — the same digits David Gay's `dtoa` produces.

use super::errors::{msg, KResult};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

/// Beyond this many digits after the point a double's expansion is all zeros (the exact
/// decimal expansion of the smallest subnormal has 1074 of them). Digit generation is capped
/// here; the zero padding is produced by the layout code instead.
const MAX_EXACT_DIGITS: usize = 1100;

/// `flags` of `PyOS_double_to_string`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DtsFlags {
    /// `Py_DTSF_SIGN`: always emit a sign.
    pub sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: integral values keep a `.0`.
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: `#` — keep the decimal point and trailing zeros.
    pub alt: bool,
    /// `Py_DTSF_NO_NEG_0`: `z` — turn a negative zero result into a positive one.
    pub no_neg_0: bool,
}

/// The decimal digits of a finite double: value = 0.`digits` × 10**`decpt`.
/// `digits` has no trailing zeros (except a lone "0" for zero) — like Gay's `dtoa`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digits {
    pub digits: String,
    pub decpt: i32,
    pub negative: bool,
}

/// How many digits to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigitMode {
    /// `dtoa` mode 0: the shortest string that reads back to the same double.
    Shortest,
    /// `dtoa` mode 2: this many significant digits (at least 1).
    Significant(usize),
    /// `dtoa` mode 3: this many digits after the decimal point.
    Fixed(usize),
}

/// Parse Rust's `{:e}` output ("1.2345e-7") into digits and a decimal point position.
fn digits_from_exp(s: &str) -> (String, i32) {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    (digits, exp + 1)
}

/// The shortest digits that read back as `a` (> 0); among equally short candidates, the one
/// closest to the exact value, ties to even — as Gay's `dtoa` mode 0 chooses.
fn shortest_digits(a: f64) -> (String, i32) {
    let shortest = format!("{a:e}");
    let (digits, decpt) = digits_from_exp(&shortest);
    let n = digits.len();
    let nearest = format!("{:.*e}", n - 1, a);
    if nearest.parse::<f64>().ok() == Some(a) {
        digits_from_exp(&nearest)
    } else {
        (digits, decpt)
    }
}

/// Generate the digits of a finite `x`.
pub fn dtoa(x: f64, mode: DigitMode) -> Digits {
    let negative = x.is_sign_negative();
    let a = x.abs();
    if a == 0.0 {
        return Digits {
            digits: "0".into(),
            decpt: 1,
            negative,
        };
    }
    let (digits, decpt) = match mode {
        DigitMode::Shortest => shortest_digits(a),
        DigitMode::Significant(n) => {
            let n = n.clamp(1, MAX_EXACT_DIGITS);
            digits_from_exp(&format!("{:.*e}", n - 1, a))
        }
        DigitMode::Fixed(n) => {
            let s = format!("{:.*}", n.min(MAX_EXACT_DIGITS), a);
            let (int_part, frac_part) = s.split_once('.').unwrap_or((&s, ""));
            let int_part = int_part.trim_start_matches('0');
            if int_part.is_empty() {
                let stripped = frac_part.trim_start_matches('0');
                let zeros = frac_part.len() - stripped.len();
                let d = stripped.trim_end_matches('0');
                if d.is_empty() {
                    // Rounded to zero: empty digits, decimal point just past the precision.
                    (String::new(), -(n.min(MAX_EXACT_DIGITS) as i32))
                } else {
                    (d.to_string(), -(zeros as i32))
                }
            } else {
                let mut d = format!("{int_part}{frac_part}");
                while d.len() > 1 && d.ends_with('0') {
                    d.pop();
                }
                (d, int_part.len() as i32)
            }
        }
    };
    Digits {
        digits,
        decpt,
        negative,
    }
}

/// CPython's `format_float_short`: lay out digits for format code `e`, `f`, `g` or `r`.
fn format_float_short(
    x: f64,
    code: char,
    precision: usize,
    flags: DtsFlags,
    upper: bool,
) -> String {
    let (mode, precision) = match code {
        'e' => (DigitMode::Significant(precision + 1), precision + 1),
        'f' => (DigitMode::Fixed(precision), precision),
        'g' => {
            let p = precision.max(1);
            (DigitMode::Significant(p), p)
        }
        _ => (DigitMode::Shortest, 0),
    };
    let mut out = String::new();
    if x.is_nan() || x.is_infinite() {
        if x.is_infinite() && x < 0.0 {
            out.push('-');
        } else if flags.sign {
            out.push('+');
        }
        out.push_str(match (x.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        });
        return out;
    }
    let d = dtoa(x, mode);
    let mut negative = d.negative;
    let digits = d.digits.as_bytes();
    let digits_len = digits.len() as i64;
    if flags.no_neg_0 && negative && (digits.is_empty() || d.digits == "0") {
        negative = false;
    }
    let mut decpt = i64::from(d.decpt);
    let precision = precision as i64;
    let mut use_exp = false;
    let mut vdigits_end = digits_len;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0i64;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && flags.add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    if negative {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    let text = std::str::from_utf8(digits).unwrap_or("");
    if 0 < decpt && decpt <= digits_len {
        let split = decpt as usize;
        out.push_str(&text[..split]);
        out.push('.');
        out.push_str(&text[split..]);
    } else {
        out.push_str(text);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push('0');
        }
        out.push_str(&e.to_string());
    }
    out
}

/// `PyOS_double_to_string(x, code, precision, flags)`. `code` is one of `e E f F g G r`
/// (anything else is treated as `r`). For `r` the precision is ignored.
pub fn double_to_string(x: f64, code: char, precision: usize, flags: DtsFlags) -> String {
    let upper = code.is_ascii_uppercase();
    let lower = code.to_ascii_lowercase();
    let lower = if matches!(lower, 'e' | 'f' | 'g') {
        lower
    } else {
        'r'
    };
    format_float_short(x, lower, precision, flags, upper)
}

/// `repr(x)` / `str(x)` for a float.
pub fn float_repr(x: f64) -> String {
    double_to_string(
        x,
        'r',
        0,
        DtsFlags {
            add_dot_0: true,
            ..DtsFlags::default()
        },
    )
}

/// Largest `ndigits` for which `round` does any work (beyond it the float is returned as is).
const NDIGITS_MAX: i64 = 323;
/// Smallest `ndigits` (below it the result is a signed zero).
const NDIGITS_MIN: i64 = -308;

/// Round a rational `num / den` (den > 0) to the nearest integer, ties to even.
fn round_half_even(num: &BigInt, den: &BigInt) -> BigInt {
    let (q, r) = num.div_mod_floor(den);
    let twice = &r * 2u32;
    match twice.cmp(den) {
        std::cmp::Ordering::Less => q,
        std::cmp::Ordering::Greater => q + 1u32,
        std::cmp::Ordering::Equal => {
            if q.is_even() {
                q
            } else {
                q + 1u32
            }
        }
    }
}

/// The exact value of a finite double as `(mantissa, exponent)` with x = mantissa * 2**exponent.
pub fn decompose(x: f64) -> (BigInt, i32) {
    let bits = x.to_bits();
    let negative = bits >> 63 == 1;
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, exp) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    let m = BigInt::from(mant);
    (if negative { -m } else { m }, exp)
}

/// `round(x, ndigits)` for a float, correctly rounded (half to even on the exact value).
pub fn round_float(x: f64, ndigits: i64) -> KResult<f64> {
    if x == 0.0 || !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let (m, e) = decompose(x);
    let negative = m.is_negative();
    let m = m.abs();
    let ten = BigInt::from(10u32);
    let mut num = m;
    let mut den = BigInt::one();
    if e >= 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    if ndigits >= 0 {
        num *= num_traits::pow(ten, ndigits as usize);
    } else {
        den *= num_traits::pow(ten, (-ndigits) as usize);
    }
    let n = round_half_even(&num, &den);
    let text = format!("{}{}e{}", if negative { "-" } else { "" }, n, -ndigits);
    let r: f64 = text.parse().unwrap_or(f64::NAN);
    if r.is_infinite() {
        return Err(msg::round_too_large());
    }
    if n.is_zero() && negative {
        return Ok(-0.0);
    }
    Ok(r)
}

/// `round(x)` with no `ndigits`: the nearest integer, ties to even.
pub fn round_float_to_int(x: f64) -> KResult<BigInt> {
    if x.is_nan() {
        return Err(msg::float_to_int_nan());
    }
    if x.is_infinite() {
        return Err(msg::float_to_int_inf());
    }
    let r = x.round_ties_even();
    float_to_bigint(r)
}

/// `int(x)` for a float: truncation toward zero.
pub fn float_to_bigint(x: f64) -> KResult<BigInt> {
    if x.is_nan() {
        return Err(msg::float_to_int_nan());
    }
    if x.is_infinite() {
        return Err(msg::float_to_int_inf());
    }
    let t = x.trunc();
    if t == 0.0 {
        return Ok(BigInt::zero());
    }
    let (m, e) = decompose(t);
    Ok(if e >= 0 {
        m << e as usize
    } else {
        m >> (-e) as usize
    })
}
