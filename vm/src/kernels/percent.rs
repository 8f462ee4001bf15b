//! `str % args`: printf-style formatting exactly as CPython's `PyUnicode_Format`.
//!
//! The kernel owns the parsing, argument walking, numeric conversions and padding; the host
//! (the VM) supplies what needs Python objects through [`PercentHost`].

use super::errors::KernelError;
use super::float_fmt::{double_to_string, DtsFlags};
use num_bigint::BigInt;
use num_traits::Signed;

/// What the right operand of `%` is.
#[derive(Debug, Clone)]
pub enum PercentArgs<A> {
    /// A tuple: its items are consumed one by one.
    Tuple(Vec<A>),
    /// A single non-tuple, non-mapping value.
    Single(A),
    /// A mapping (not a tuple or str): `%(key)s` looks keys up in it; a bare `%s` formats
    /// the mapping itself.
    Mapping(A),
}

/// The value `%c` received.
#[derive(Debug, Clone)]
pub enum CharArg {
    Char(char),
    Int(BigInt),
}

/// Services the formatter needs from the VM.
pub trait PercentHost<A> {
    type Error: From<KernelError>;
    /// `mapping[key]`.
    fn get_item(&mut self, mapping: &A, key: &str) -> Result<A, Self::Error>;
    fn str(&mut self, a: &A) -> Result<String, Self::Error>;
    fn repr(&mut self, a: &A) -> Result<String, Self::Error>;
    fn ascii(&mut self, a: &A) -> Result<String, Self::Error>;
    /// The integer for `%d %i %u` (`int(a)` of a real number) or `%o %x %X` (`a.__index__()`);
    /// on a wrong type raise [`int_type_error`].
    fn int_value(&mut self, a: &A, conv: char) -> Result<BigInt, Self::Error>;
    /// The float for `%e %f %g ...`; on a wrong type raise "must be real number, not T".
    fn float_value(&mut self, a: &A) -> Result<f64, Self::Error>;
    /// A one-character str or an int for `%c`; otherwise raise [`char_type_error`].
    fn char_value(&mut self, a: &A) -> Result<CharArg, Self::Error>;
    /// The int for a `*` width or precision; if `a` is not an int raise [`star_type_error`].
    fn star_value(&mut self, a: &A) -> Result<i64, Self::Error>;
}

/// `%x format: an integer is required, not T` / `%d format: a real number is required, not T`.
pub fn int_type_error(conv: char, type_name: &str) -> KernelError {
    let name = super::errors::msg::truncate_chars(type_name, 200);
    if matches!(conv, 'o' | 'x' | 'X') {
        KernelError::type_error(format!(
            "%{conv} format: an integer is required, not {name}"
        ))
    } else {
        KernelError::type_error(format!(
            "%{conv} format: a real number is required, not {name}"
        ))
    }
}

/// `%c requires int or char`.
pub fn char_type_error() -> KernelError {
    KernelError::type_error("%c requires int or char")
}

/// `* wants int`.
pub fn star_type_error() -> KernelError {
    KernelError::type_error("* wants int")
}

const F_LJUST: u8 = 1;
const F_SIGN: u8 = 2;
const F_BLANK: u8 = 4;
const F_ALT: u8 = 8;
const F_ZERO: u8 = 16;

struct Ctx<A> {
    args: Option<A>,
    tuple: Vec<A>,
    is_tuple: bool,
    arglen: i64,
    argidx: i64,
    dict: Option<A>,
}

impl<A: Clone> Ctx<A> {
    fn next_arg(&mut self) -> Result<A, KernelError> {
        if self.argidx < self.arglen {
            let idx = self.argidx;
            self.argidx += 1;
            if self.arglen < 0 || !self.is_tuple {
                return self.args.clone().ok_or_else(not_enough);
            }
            return self.tuple.get(idx as usize).cloned().ok_or_else(not_enough);
        }
        Err(not_enough())
    }
}

fn not_enough() -> KernelError {
    KernelError::type_error("not enough arguments for format string")
}

fn not_all_converted() -> KernelError {
    KernelError::type_error("not all arguments converted during string formatting")
}

/// `_PyUnicode_FormatLong`: sign, optional `0o`/`0x` prefix, at least `prec` digits.
fn format_long(v: &BigInt, alt: bool, prec: i64, ty: char) -> String {
    let base = match ty {
        'o' => 8,
        'x' | 'X' => 16,
        _ => 10,
    };
    let mut digits = v.magnitude().to_str_radix(base);
    if prec > digits.len() as i64 {
        let zeros = "0".repeat(prec as usize - digits.len());
        digits.insert_str(0, &zeros);
    }
    let mut out = String::new();
    if v.is_negative() {
        out.push('-');
    }
    if alt && base != 10 {
        out.push('0');
        out.push(if base == 8 { 'o' } else { 'x' });
    }
    out.push_str(&digits);
    if ty == 'X' {
        out = out.to_ascii_uppercase();
    }
    out
}

/// Format `fmt % args`.
pub fn percent_format<A: Clone, H: PercentHost<A>>(
    fmt: &str,
    args: PercentArgs<A>,
    host: &mut H,
) -> Result<String, H::Error> {
    let mut ctx = match args {
        PercentArgs::Tuple(items) => Ctx {
            arglen: items.len() as i64,
            argidx: 0,
            args: None,
            tuple: items,
            is_tuple: true,
            dict: None,
        },
        PercentArgs::Single(a) => Ctx {
            arglen: -1,
            argidx: -2,
            args: Some(a),
            tuple: Vec::new(),
            is_tuple: false,
            dict: None,
        },
        PercentArgs::Mapping(a) => Ctx {
            arglen: -1,
            argidx: -2,
            args: Some(a.clone()),
            tuple: Vec::new(),
            is_tuple: false,
            dict: Some(a),
        },
    };
    let chars: Vec<char> = fmt.chars().collect();
    let n = chars.len();
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut pos = 0usize;
    while pos < n {
        if chars[pos] != '%' {
            out.push(chars[pos]);
            pos += 1;
            continue;
        }
        pos += 1;
        let Some(&first) = chars.get(pos) else {
            return Err(KernelError::value("incomplete format").into());
        };
        if first == '%' {
            out.push('%');
            pos += 1;
            continue;
        }
        let mut ch = first;
        if ch == '(' {
            let Some(dict) = ctx.dict.clone() else {
                return Err(KernelError::type_error("format requires a mapping").into());
            };
            pos += 1;
            let keystart = pos;
            let mut depth = 1;
            while depth > 0 && pos < n {
                match chars[pos] {
                    ')' => depth -= 1,
                    '(' => depth += 1,
                    _ => {}
                }
                pos += 1;
            }
            if depth > 0 {
                return Err(KernelError::value("incomplete format key").into());
            }
            let key: String = chars[keystart..pos - 1].iter().collect();
            let value = host.get_item(&dict, &key)?;
            ctx.args = Some(value);
            ctx.is_tuple = false;
            ctx.arglen = -1;
            ctx.argidx = -2;
            match chars.get(pos) {
                Some(&c) => ch = c,
                None => return Err(KernelError::value("incomplete format").into()),
            }
        }
        let mut flags = 0u8;
        loop {
            let f = match ch {
                '-' => F_LJUST,
                '+' => F_SIGN,
                ' ' => F_BLANK,
                '#' => F_ALT,
                '0' => F_ZERO,
                _ => break,
            };
            flags |= f;
            pos += 1;
            match chars.get(pos) {
                Some(&c) => ch = c,
                None => return Err(KernelError::value("incomplete format").into()),
            }
        }
        let mut width: i64 = -1;
        let mut prec: i64 = -1;
        let incomplete = || KernelError::value("incomplete format");
        if ch == '*' {
            let a = ctx.next_arg()?;
            let w = host.star_value(&a)?;
            width = w;
            if width < 0 {
                flags |= F_LJUST;
                width = width.saturating_neg();
            }
            pos += 1;
            ch = *chars.get(pos).ok_or_else(incomplete)?;
        } else if ch.is_ascii_digit() {
            width = 0;
            while ch.is_ascii_digit() {
                width = width
                    .checked_mul(10)
                    .and_then(|w| w.checked_add(i64::from(ch as u8 - b'0')))
                    .ok_or_else(|| KernelError::value("width too big"))?;
                pos += 1;
                ch = *chars.get(pos).ok_or_else(incomplete)?;
            }
        }
        if ch == '.' {
            prec = 0;
            pos += 1;
            ch = *chars.get(pos).ok_or_else(incomplete)?;
            if ch == '*' {
                let a = ctx.next_arg()?;
                prec = host.star_value(&a)?.max(0);
                pos += 1;
                ch = *chars.get(pos).ok_or_else(incomplete)?;
            } else if ch.is_ascii_digit() {
                while ch.is_ascii_digit() {
                    prec = prec
                        .checked_mul(10)
                        .and_then(|p| p.checked_add(i64::from(ch as u8 - b'0')))
                        .filter(|&p| p <= i64::from(i32::MAX))
                        .ok_or_else(|| KernelError::value("precision too big"))?;
                    pos += 1;
                    ch = *chars.get(pos).ok_or_else(incomplete)?;
                }
            }
        }
        // `ch` is the conversion character at `pos`.
        pos += 1;
        let v = ctx.next_arg()?;
        let mut sign = false;
        let body: String = match ch {
            's' => host.str(&v)?,
            'r' => host.repr(&v)?,
            'a' => host.ascii(&v)?,
            'i' | 'd' | 'u' | 'o' | 'x' | 'X' => {
                let iv = host.int_value(&v, ch)?;
                sign = true;
                format_long(&iv, flags & F_ALT != 0, prec, ch)
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = host.float_value(&v)?;
                sign = true;
                let p = if prec < 0 { 6 } else { prec as usize };
                double_to_string(
                    x,
                    ch,
                    p,
                    DtsFlags {
                        alt: flags & F_ALT != 0,
                        ..DtsFlags::default()
                    },
                )
            }
            'c' => {
                let c = match host.char_value(&v)? {
                    CharArg::Char(c) => c,
                    CharArg::Int(i) => {
                        let cp = u32::try_from(i)
                            .ok()
                            .filter(|&c| c <= 0x10ffff)
                            .ok_or_else(|| {
                                KernelError::overflow("%c arg not in range(0x110000)")
                            })?;
                        char::from_u32(cp).unwrap_or('\u{fffd}')
                    }
                };
                c.to_string()
            }
            _ => {
                let shown = if (31..=126).contains(&u32::from(ch)) {
                    ch
                } else {
                    '?'
                };
                return Err(KernelError::value(format!(
                    "unsupported format character '{shown}' (0x{:x}) at index {}",
                    u32::from(ch),
                    pos - 1
                ))
                .into());
            }
        };
        let wide = usize::try_from(width).unwrap_or(0);
        super::errors::reserve_output(&mut out, wide.saturating_add(body.len()))?;
        output_arg(&mut out, &body, ch, flags, width, prec, sign);
        if ctx.dict.is_some() && ctx.argidx < ctx.arglen {
            return Err(not_all_converted().into());
        }
    }
    if ctx.argidx < ctx.arglen && ctx.dict.is_none() {
        return Err(not_all_converted().into());
    }
    Ok(out)
}

/// `unicode_format_arg_output`: apply sign, `#` prefix placement, width and precision.
fn output_arg(
    out: &mut String,
    body: &str,
    ch: char,
    flags: u8,
    width: i64,
    prec: i64,
    mut sign: bool,
) {
    let chars: Vec<char> = body.chars().collect();
    let mut len = chars.len() as i64;
    let fill = if sign && flags & F_ZERO != 0 {
        '0'
    } else {
        ' '
    };
    if (width == -1 || width <= len)
        && (prec == -1 || prec >= len)
        && flags & (F_SIGN | F_BLANK) == 0
    {
        out.push_str(body);
        return;
    }
    if matches!(ch, 's' | 'r' | 'a') && prec >= 0 && len > prec {
        len = prec;
    }
    let mut pindex = 0usize;
    let mut signchar = '\0';
    if sign {
        let c0 = chars.first().copied().unwrap_or('\0');
        if c0 == '-' || c0 == '+' {
            signchar = c0;
            len -= 1;
            pindex += 1;
        } else if flags & F_SIGN != 0 {
            signchar = '+';
        } else if flags & F_BLANK != 0 {
            signchar = ' ';
        } else {
            sign = false;
        }
    }
    let mut width = width.max(len);
    let alt_prefix = flags & F_ALT != 0 && matches!(ch, 'x' | 'X' | 'o');
    if sign {
        if fill != ' ' {
            out.push(signchar);
        }
        if width > len {
            width -= 1;
        }
    }
    if alt_prefix {
        if fill != ' ' {
            out.push('0');
            out.push(ch);
            pindex += 2;
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && flags & F_LJUST == 0 {
        for _ in 0..width - len {
            out.push(fill);
        }
        width = len;
    }
    if fill == ' ' {
        if sign {
            out.push(signchar);
        }
        if alt_prefix {
            out.push('0');
            out.push(ch);
            pindex += 2;
        }
    }
    let len = len.max(0) as usize;
    out.extend(chars.iter().skip(pindex).take(len));
    if width > len as i64 {
        for _ in 0..width - len as i64 {
            out.push(' ');
        }
    }
}
