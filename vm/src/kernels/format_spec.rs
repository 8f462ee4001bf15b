//! The format-spec mini-language (`format(x, spec)`, `f"{x:spec}"`) for int, float and str,
//! with CPython's layout rules and error messages.

use super::errors::{KResult, KernelError};
use super::float_fmt::{double_to_string, DtsFlags};
use super::int_fmt::bigint_to_f64;
use super::unicode;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// Thousands grouping requested by the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    None,
    /// `,` every three digits.
    Comma,
    /// `_` every three digits (every four for b/o/x/X).
    Underscore,
}

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatSpec {
    pub fill: char,
    /// `<`, `>`, `^` or `=`; `None` when not given.
    pub align: Option<char>,
    /// `+`, `-` or ` `; `None` when not given.
    pub sign: Option<char>,
    pub no_neg_0: bool,
    pub alternate: bool,
    /// The `0` flag was given (without an explicit fill).
    pub zero_pad: bool,
    pub width: Option<usize>,
    pub grouping: Grouping,
    pub precision: Option<usize>,
    /// The presentation type, `None` when omitted.
    pub ty: Option<char>,
}

fn too_many_digits() -> KernelError {
    KernelError::value("Too many decimal digits in format string")
}

fn read_int(chars: &[char], pos: &mut usize) -> KResult<Option<usize>> {
    let start = *pos;
    let mut acc: usize = 0;
    while let Some(d) = chars.get(*pos).and_then(|&c| unicode::decimal_value(c)) {
        acc = acc
            .checked_mul(10)
            .and_then(|a| a.checked_add(d as usize))
            .filter(|&a| a <= isize::MAX as usize)
            .ok_or_else(too_many_digits)?;
        *pos += 1;
    }
    Ok(if *pos == start { None } else { Some(acc) })
}

fn sep_char(g: Grouping) -> char {
    if g == Grouping::Comma {
        ','
    } else {
        '_'
    }
}

fn invalid_sep_type(g: Grouping, ty: char) -> KernelError {
    let t = u32::from(ty);
    if t > 32 && t < 128 {
        KernelError::value(format!("Cannot specify '{}' with '{}'.", sep_char(g), ty))
    } else {
        KernelError::value(format!(
            "Cannot specify '{}' with '\\x{:x}'.",
            sep_char(g),
            t
        ))
    }
}

/// `Unknown format code 'd' for object of type 'str'`.
pub fn unknown_format_code(ty: char, type_name: &str) -> KernelError {
    let t = u32::from(ty);
    let name = super::errors::msg::truncate_chars(type_name, 200);
    if t > 32 && t < 128 {
        KernelError::value(format!(
            "Unknown format code '{ty}' for object of type '{name}'"
        ))
    } else {
        KernelError::value(format!(
            "Unknown format code '\\x{t:x}' for object of type '{name}'"
        ))
    }
}

impl FormatSpec {
    /// Parse a spec. `type_name` is the formatted object's type, for error messages;
    /// `default_ty` the type assumed when the spec names none (`s` for str, `d` for int,
    /// none for float).
    pub fn parse(spec: &str, type_name: &str, default_ty: Option<char>) -> KResult<FormatSpec> {
        // Specs are short: the characters stay on the stack.
        let chars: smallvec::SmallVec<[char; 16]> = spec.chars().collect();
        let end = chars.len();
        let mut pos = 0;
        let mut f = FormatSpec {
            fill: ' ',
            align: None,
            sign: None,
            no_neg_0: false,
            alternate: false,
            zero_pad: false,
            width: None,
            grouping: Grouping::None,
            precision: None,
            ty: default_ty,
        };
        let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
        let mut fill_specified = false;
        if end >= 2 && is_align(chars[1]) {
            f.align = Some(chars[1]);
            f.fill = chars[0];
            fill_specified = true;
            pos = 2;
        } else if end >= 1 && is_align(chars[0]) {
            f.align = Some(chars[0]);
            pos = 1;
        }
        if let Some(&c @ ('+' | '-' | ' ')) = chars.get(pos) {
            f.sign = Some(c);
            pos += 1;
        }
        if chars.get(pos) == Some(&'z') {
            f.no_neg_0 = true;
            pos += 1;
        }
        if chars.get(pos) == Some(&'#') {
            f.alternate = true;
            pos += 1;
        }
        if !fill_specified && chars.get(pos) == Some(&'0') {
            f.fill = '0';
            f.zero_pad = true;
            pos += 1;
        }
        f.width = read_int(&chars, &mut pos)?;
        if let Some(w) = f.width {
            super::errors::probe_alloc(w)?;
        }
        if chars.get(pos) == Some(&',') {
            f.grouping = Grouping::Comma;
            pos += 1;
        }
        if chars.get(pos) == Some(&'_') {
            if f.grouping != Grouping::None {
                return Err(KernelError::value("Cannot specify both ',' and '_'."));
            }
            f.grouping = Grouping::Underscore;
            pos += 1;
        }
        if chars.get(pos) == Some(&',') && f.grouping == Grouping::Underscore {
            return Err(KernelError::value("Cannot specify both ',' and '_'."));
        }
        if chars.get(pos) == Some(&'.') {
            pos += 1;
            f.precision = read_int(&chars, &mut pos)?;
            if f.precision.is_none() {
                return Err(KernelError::value("Format specifier missing precision"));
            }
        }
        if end - pos > 1 {
            return Err(KernelError::value(format!(
                "Invalid format specifier '{spec}' for object of type '{}'",
                super::errors::msg::truncate_chars(type_name, 200)
            )));
        }
        if end - pos == 1 {
            f.ty = Some(chars[pos]);
        }
        if f.grouping != Grouping::None {
            match f.ty {
                None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
                Some('b' | 'o' | 'x' | 'X') if f.grouping == Grouping::Underscore => {}
                Some(t) => return Err(invalid_sep_type(f.grouping, t)),
            }
        }
        Ok(f)
    }

    /// The alignment in force, given the type's default.
    fn align_or(&self, default: char) -> char {
        match self.align {
            Some(a) => a,
            None if self.zero_pad && default == '>' => '=',
            None => default,
        }
    }
}

/// Insert separators into a run of digits, zero-padding to `min_width` first
/// (CPython's `_PyUnicode_InsertThousandsGrouping`). `group` = 0 means no grouping.
fn group_digits(digits: &str, min_width: i64, group: usize, sep: char) -> String {
    if group == 0 {
        // No separators: only the zero padding up to `min_width` (at least one character).
        let n = digits.chars().count();
        let zeros = usize::try_from(min_width)
            .unwrap_or(0)
            .max(1)
            .saturating_sub(n);
        let mut out = String::with_capacity(zeros + digits.len());
        out.extend(std::iter::repeat('0').take(zeros));
        out.push_str(digits);
        return out;
    }
    let d: Vec<char> = digits.chars().collect();
    let mut remaining = d.len() as i64;
    let mut min_width = min_width.max(0);
    let mut pieces: Vec<String> = Vec::new();
    let mut end = d.len();
    let take = |n_zeros: i64, n_chars: i64, end: &mut usize| {
        let mut s = String::new();
        for _ in 0..n_zeros {
            s.push('0');
        }
        let start = *end - n_chars as usize;
        s.extend(&d[start..*end]);
        *end = start;
        s
    };
    let mut broken = false;
    if group > 0 {
        loop {
            let len = (group as i64).min(remaining.max(min_width).max(1));
            let n_zeros = (len - remaining).max(0);
            let n_chars = remaining.min(len).max(0);
            pieces.push(take(n_zeros, n_chars, &mut end));
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !broken {
        let len = remaining.max(min_width).max(1);
        let n_zeros = (len - remaining).max(0);
        let n_chars = remaining.min(len).max(0);
        pieces.push(take(n_zeros, n_chars, &mut end));
    }
    pieces.reverse();
    let sep_s = sep.to_string();
    pieces.join(if group > 0 { sep_s.as_str() } else { "" })
}

/// Lay out a number: `sign`, `prefix`, digits (grouped), and `remainder` (decimal point,
/// fraction, exponent, `%`), padded per the spec (CPython's `calc_number_widths` +
/// `fill_number`).
fn layout_number(
    spec: &FormatSpec,
    negative: bool,
    prefix: &str,
    digits: &str,
    remainder: &str,
    group: usize,
    upper: bool,
) -> String {
    let align = spec.align_or('>');
    let sign = match (spec.sign, negative) {
        (_, true) => Some('-'),
        (Some('+'), false) => Some('+'),
        (Some(' '), false) => Some(' '),
        _ => None,
    };
    let n_sign = i64::from(sign.is_some());
    let prefix_len = prefix.chars().count() as i64;
    let rem_len = remainder.chars().count() as i64;
    let n_non_digit = n_sign + prefix_len + rem_len;
    let width = spec.width.map_or(-1, |w| w as i64);
    let min_width = if spec.fill == '0' && align == '=' {
        width - n_non_digit
    } else {
        0
    };
    let sep = sep_char(spec.grouping);
    let grouped = if digits.is_empty() {
        String::new()
    } else {
        group_digits(digits, min_width, group, sep)
    };
    let grouped = if upper {
        grouped.to_ascii_uppercase()
    } else {
        grouped
    };
    let total = n_non_digit + grouped.chars().count() as i64;
    let padding = (width - total).max(0) as usize;
    let (lpad, spad, rpad) = match align {
        '<' => (0, 0, padding),
        '^' => (padding / 2, 0, padding - padding / 2),
        '=' => (0, padding, 0),
        _ => (padding, 0, 0),
    };
    // The final size (what pushing would grow to; the width was probed when parsed).
    let mut out = String::with_capacity(
        padding
            .saturating_mul(spec.fill.len_utf8())
            .saturating_add(1 + prefix.len() + grouped.len() + remainder.len()),
    );
    let fill = |out: &mut String, n: usize| {
        for _ in 0..n {
            out.push(spec.fill);
        }
    };
    fill(&mut out, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    if upper {
        out.push_str(&prefix.to_ascii_uppercase());
    } else {
        out.push_str(prefix);
    }
    fill(&mut out, spad);
    out.push_str(&grouped);
    out.push_str(remainder);
    fill(&mut out, rpad);
    out
}

/// `format(s, spec)` for a str.
pub fn format_str(s: &str, spec: &str) -> KResult<String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let f = FormatSpec::parse(spec, "str", Some('s'))?;
    let ty = f.ty.unwrap_or('s');
    if ty != 's' {
        return Err(unknown_format_code(ty, "str"));
    }
    if let Some(sign) = f.sign {
        return Err(KernelError::value(if sign == ' ' {
            "Space not allowed in string format specifier"
        } else {
            "Sign not allowed in string format specifier"
        }));
    }
    if f.no_neg_0 {
        return Err(KernelError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if f.alternate {
        return Err(KernelError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    let align = f.align.unwrap_or('<');
    if align == '=' {
        return Err(KernelError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let body: String = match f.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    let len = body.chars().count();
    Ok(pad(&body, len, f.width, align, f.fill))
}

/// Pad `body` (of `len` characters) to `width` with `fill` per `align`.
pub fn pad(body: &str, len: usize, width: Option<usize>, align: char, fill: char) -> String {
    let total = width.unwrap_or(0).max(len);
    let padding = total - len;
    let left = match align {
        '>' => padding,
        '^' => padding / 2,
        _ => 0,
    };
    let mut out = String::with_capacity(body.len() + padding);
    for _ in 0..left {
        out.push(fill);
    }
    out.push_str(body);
    for _ in 0..padding - left {
        out.push(fill);
    }
    out
}

/// `format(n, spec)` for an int (`type_name` is "int" or "bool" for messages; a bool formats
/// like an int except with an empty spec, which the caller handles as `str(b)`).
pub fn format_int(v: &BigInt, spec: &str, type_name: &str) -> KResult<String> {
    if spec.is_empty() {
        return Ok(v.to_string());
    }
    let f = FormatSpec::parse(spec, type_name, Some('d'))?;
    match f.ty {
        None | Some('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') => {}
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let x = bigint_to_f64(v)?;
            return format_float_parsed(x, &f);
        }
        Some(t) => return Err(unknown_format_code(t, type_name)),
    }
    if f.precision.is_some() {
        return Err(KernelError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if f.no_neg_0 {
        return Err(KernelError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    let ty = f.ty.unwrap_or('d');
    if ty == 'c' {
        if f.sign.is_some() {
            return Err(KernelError::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if f.alternate {
            return Err(KernelError::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let x = v
            .to_i64()
            .ok_or_else(|| KernelError::overflow("Python int too large to convert to C long"))?;
        let c = u32::try_from(x)
            .ok()
            .filter(|&x| x <= 0x10ffff)
            .ok_or_else(|| KernelError::overflow("%c arg not in range(0x110000)"))?;
        // Lone surrogates cannot live in a Rust string; they are substituted.
        let ch = char::from_u32(c).unwrap_or('\u{fffd}');
        return Ok(layout_number(&f, false, "", "", &ch.to_string(), 0, false));
    }
    let base = match ty {
        'b' => 2,
        'o' => 8,
        'x' | 'X' => 16,
        _ => 10,
    };
    // Machine-sized magnitudes are written by the standard formatter (no big-int division).
    let digits = match v.magnitude().to_u64() {
        Some(m) => match base {
            2 => format!("{m:b}"),
            8 => format!("{m:o}"),
            16 => format!("{m:x}"),
            _ => m.to_string(),
        },
        None => v.magnitude().to_str_radix(base),
    };
    let prefix = if f.alternate {
        match base {
            2 => "0b",
            8 => "0o",
            16 => "0x",
            _ => "",
        }
    } else {
        ""
    };
    let group = match (f.grouping, ty) {
        (Grouping::None, _) | (_, 'n') => 0,
        (Grouping::Underscore, 'b' | 'o' | 'x' | 'X') => 4,
        _ => 3,
    };
    Ok(layout_number(
        &f,
        v.is_negative(),
        prefix,
        &digits,
        "",
        group,
        ty == 'X',
    ))
}

/// `format(v, spec)` for a machine-sized int. A decimal spec without grouping (`06d`, `>4`,
/// `+d`, `x^9`) is laid out here from digits written on the stack, without a big int or the
/// general layout's intermediate strings; anything else goes to [`format_int`].
pub fn format_i64(v: i64, spec: &str, type_name: &str) -> KResult<String> {
    if spec.is_empty() {
        return Ok(v.to_string());
    }
    let f = FormatSpec::parse(spec, type_name, Some('d'))?;
    if !matches!(f.ty, None | Some('d'))
        || f.grouping != Grouping::None
        || f.alternate
        || f.precision.is_some()
        || f.no_neg_0
    {
        return format_int(&BigInt::from(v), spec, type_name);
    }
    let mut buf = [0u8; 20];
    let mut start = buf.len();
    let mut m = v.unsigned_abs();
    loop {
        start -= 1;
        if let Some(d) = buf.get_mut(start) {
            // `m % 10` is a single digit.
            #[allow(clippy::cast_possible_truncation)]
            let digit = (m % 10) as u8;
            *d = b'0' + digit;
        }
        m /= 10;
        if m == 0 || start == 0 {
            break;
        }
    }
    let digits = std::str::from_utf8(buf.get(start..).unwrap_or_default()).unwrap_or_default();
    let sign = match (f.sign, v < 0) {
        (_, true) => Some('-'),
        (Some('+'), false) => Some('+'),
        (Some(' '), false) => Some(' '),
        _ => None,
    };
    let len = digits.len() + usize::from(sign.is_some());
    let padding = f.width.unwrap_or(0).saturating_sub(len);
    // As `layout_number`: `=` puts the fill (or the `0` flag's zeros) after the sign.
    let (lpad, spad, rpad) = match f.align_or('>') {
        '<' => (0, 0, padding),
        '^' => (padding / 2, 0, padding - padding / 2),
        '=' => (0, padding, 0),
        _ => (padding, 0, 0),
    };
    let mut out = String::with_capacity(padding.saturating_mul(f.fill.len_utf8()) + len);
    let fill = |out: &mut String, n: usize| out.extend(std::iter::repeat(f.fill).take(n));
    fill(&mut out, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    fill(&mut out, spad);
    out.push_str(digits);
    fill(&mut out, rpad);
    Ok(out)
}

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &str) -> KResult<String> {
    if spec.is_empty() {
        return Ok(super::float_fmt::float_repr(x));
    }
    let f = FormatSpec::parse(spec, "float", None)?;
    match f.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => format_float_parsed(x, &f),
        Some(t) => Err(unknown_format_code(t, "float")),
    }
}

fn format_float_parsed(x: f64, f: &FormatSpec) -> KResult<String> {
    if f.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(KernelError::value("precision too big"));
    }
    let mut flags = DtsFlags {
        alt: f.alternate,
        no_neg_0: f.no_neg_0,
        ..DtsFlags::default()
    };
    let mut ty = f.ty.unwrap_or('\0');
    let mut default_precision = 6;
    if ty == '\0' {
        flags.add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut val = x;
    let mut add_pct = false;
    if ty == '%' {
        ty = 'f';
        val *= 100.0;
        add_pct = true;
    }
    let precision = match f.precision {
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
        None => default_precision,
    };
    let mut s = double_to_string(val, ty, precision, flags);
    if add_pct {
        s.push('%');
    }
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, s),
    };
    let int_end = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (digits, rest) = body.split_at(int_end);
    let group = if f.grouping == Grouping::None || f.ty == Some('n') {
        0
    } else {
        3
    };
    Ok(layout_number(f, negative, "", digits, rest, group, false))
}
