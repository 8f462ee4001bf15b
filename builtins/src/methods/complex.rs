//! `complex`: the constructor (numbers, strings, `__complex__`), `conjugate`, `__complex__`,
//! `__format__` (CPython's complex format-spec rules) and the unary dunders.

use crate::args::{self, kerr};
use pyvm_vm::kernels::errors::KResult;
use pyvm_vm::kernels::float_fmt::{double_to_string, DtsFlags};
use pyvm_vm::kernels::format_spec::{self, FormatSpec, Grouping};
use pyvm_vm::kernels::numbers;
use pyvm_vm::kernels::KernelError;
use pyvm_vm::proto::repr::repr_complex;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm};

/// Length of the float literal at the start of `s` (sign, digits, point, exponent, or `inf` /
/// `infinity` / `nan`), if there is one. Underscores were removed before.
fn float_prefix(s: &[u8]) -> Option<usize> {
    let mut i = 0;
    if matches!(s.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let rest = &s[i..];
    let lower: Vec<u8> = rest.iter().take(8).map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"infinity") {
        return Some(i + 8);
    }
    if lower.starts_with(b"inf") || lower.starts_with(b"nan") {
        return Some(i + 3);
    }
    let digits = |s: &[u8], mut j: usize| -> (usize, usize) {
        let st = j;
        while j < s.len() && s[j].is_ascii_digit() {
            j += 1;
        }
        (j, j - st)
    };
    let (mut j, n_int) = digits(s, i);
    let mut n_frac = 0;
    if j < s.len() && s[j] == b'.' {
        let (k, n) = digits(s, j + 1);
        j = k;
        n_frac = n;
    }
    if n_int == 0 && n_frac == 0 {
        return None;
    }
    if j < s.len() && matches!(s[j], b'e' | b'E') {
        let mut k = j + 1;
        if k < s.len() && matches!(s[k], b'+' | b'-') {
            k += 1;
        }
        let (e, n) = digits(s, k);
        if n > 0 {
            j = e;
        }
    }
    Some(j)
}

/// Why a string is not a complex number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ComplexParseError {
    /// `complex() arg is a malformed string`.
    Malformed,
    /// Misplaced underscores: `could not convert string to complex: '...'`.
    Underscores,
}

fn malformed() -> KernelError {
    KernelError::value("complex() arg is a malformed string")
}

fn parse_part(s: &[u8]) -> KResult<f64> {
    let text = std::str::from_utf8(s).map_err(|_| malformed())?;
    numbers::parse_float(text, "").map_err(|_| malformed())
}

/// `complex(s)` for a string.
pub(crate) fn parse_complex(s: &str) -> Result<(f64, f64), ComplexParseError> {
    let ascii = pyvm_vm::kernels::int_fmt::transform_decimal_and_space(s);
    let s = pyvm_vm::kernels::numbers::strip_underscores(&ascii)
        .ok_or(ComplexParseError::Underscores)?;
    parse_inner(&s).map_err(|_| ComplexParseError::Malformed)
}

fn parse_inner(s: &str) -> KResult<(f64, f64)> {
    let ws = |c: char| c.is_whitespace();
    let mut t = s.trim_matches(ws);
    if let Some(inner) = t.strip_prefix('(') {
        t = inner
            .strip_suffix(')')
            .ok_or_else(malformed)?
            .trim_matches(ws);
    }
    if !t.is_ascii() {
        return Err(malformed());
    }
    let b = t.as_bytes();
    let is_j = |c: Option<&u8>| matches!(c, Some(b'j' | b'J'));
    let (mut re, mut im) = (0.0, 0.0);
    let mut pos;
    match float_prefix(b) {
        Some(n) => {
            let x = parse_part(&b[..n])?;
            pos = n;
            if matches!(b.get(pos), Some(b'+' | b'-')) {
                re = x;
                match float_prefix(&b[pos..]) {
                    Some(m) => {
                        im = parse_part(&b[pos..pos + m])?;
                        pos += m;
                    }
                    None => {
                        im = if b[pos] == b'-' { -1.0 } else { 1.0 };
                        pos += 1;
                    }
                }
                if !is_j(b.get(pos)) {
                    return Err(malformed());
                }
                pos += 1;
            } else if is_j(b.get(pos)) {
                im = x;
                pos += 1;
            } else {
                re = x;
            }
        }
        None => {
            pos = 0;
            let mut sign = 1.0;
            if let Some(&c @ (b'+' | b'-')) = b.first() {
                if c == b'-' {
                    sign = -1.0;
                }
                pos = 1;
            }
            if !is_j(b.get(pos)) {
                return Err(malformed());
            }
            im = sign;
            pos += 1;
        }
    }
    if pos != b.len() {
        return Err(malformed());
    }
    Ok((re, im))
}

/// One part of a formatted complex number.
fn format_part(x: f64, f: &FormatSpec, ty: char, sign: Option<char>) -> KResult<String> {
    if ty == 'r' {
        let flags = DtsFlags {
            sign: sign == Some('+'),
            no_neg_0: f.no_neg_0,
            ..DtsFlags::default()
        };
        let s = double_to_string(x, 'r', 0, flags);
        return Ok(if sign == Some(' ') && !s.starts_with('-') {
            format!(" {s}")
        } else {
            s
        });
    }
    let mut spec = String::new();
    if let Some(c) = sign {
        spec.push(c);
    }
    if f.no_neg_0 {
        spec.push('z');
    }
    if f.alternate {
        spec.push('#');
    }
    match f.grouping {
        Grouping::Comma => spec.push(','),
        Grouping::Underscore => spec.push('_'),
        Grouping::None => {}
    }
    if let Some(p) = f.precision {
        spec.push_str(&format!(".{p}"));
    }
    spec.push(ty);
    format_spec::format_float(x, &spec)
}

/// `format(complex(re, im), spec)`.
pub(crate) fn format_complex(re: f64, im: f64, spec: &str) -> KResult<String> {
    if spec.is_empty() {
        return Ok(repr_complex(re, im));
    }
    let f = FormatSpec::parse(spec, "complex", None)?;
    if f.zero_pad || f.fill == '0' {
        return Err(KernelError::value(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if f.align == Some('=') {
        return Err(KernelError::value(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    let (ty, omitted) = match f.ty {
        None => (if f.precision.is_some() { 'g' } else { 'r' }, true),
        Some('n') => ('g', false),
        Some(c @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G')) => (c, false),
        Some(c) => return Err(format_spec::unknown_format_code(c, "complex")),
    };
    let skip_re = omitted && re == 0.0 && re.is_sign_positive();
    let parens = omitted && !skip_re;
    let mut body = String::new();
    if parens {
        body.push('(');
    }
    if !skip_re {
        body.push_str(&format_part(re, &f, ty, f.sign)?);
    }
    let im_sign = if skip_re { f.sign } else { Some('+') };
    body.push_str(&format_part(im, &f, ty, im_sign)?);
    body.push('j');
    if parens {
        body.push(')');
    }
    let len = body.chars().count();
    Ok(format_spec::pad(
        &body,
        len,
        f.width,
        f.align.unwrap_or('>'),
        f.fill,
    ))
}

/// The `(re, im)` of a complex value (including subclass instances).
pub(crate) fn parts(v: &Value) -> Option<(f64, f64)> {
    match v.payload() {
        Some(Payload::Complex { re, im }) => Some((*re, *im)),
        _ => None,
    }
}

fn this(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<(f64, f64)> {
    let v = args::this(vm, a)?;
    parts(&v).ok_or_else(|| {
        vm.new_type_error(&format!(
            "descriptor '{name}' for 'complex' objects doesn't apply to a '{}' object",
            vm.type_name(&v)
        ))
    })
}

/// The complex value of one constructor argument: `(value, was_complex)`.
fn arg_value(vm: &mut Vm, v: &Value, first: bool) -> PyResult<(f64, f64, bool)> {
    if let Some((re, im)) = parts(v) {
        return Ok((re, im, true));
    }
    let t = vm.type_of(v);
    if let Some(f) = vm.lookup_type_attr(&t, "__complex__") {
        let r = vm.call(&f, std::slice::from_ref(v))?;
        return match parts(&r) {
            Some((re, im)) => Ok((re, im, true)),
            None => Err(vm.new_type_error(&format!(
                "__complex__ returned non-complex (type {})",
                vm.type_name(&r)
            ))),
        };
    }
    let numeric = matches!(v, Value::Int(_) | Value::Bool(_) | Value::Float(_))
        || matches!(v.payload(), Some(Payload::BigInt(_)))
        || vm.lookup_type_attr(&t, "__float__").is_some()
        || vm.lookup_type_attr(&t, "__index__").is_some();
    if !numeric {
        return Err(vm.new_type_error(&if first {
            format!(
                "complex() first argument must be a string or a number, not '{}'",
                vm.type_name(v)
            )
        } else {
            format!(
                "complex() second argument must be a number, not '{}'",
                vm.type_name(v)
            )
        }));
    }
    Ok((vm.to_f64(v)?, 0.0, false))
}

fn construct(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    let cls = a
        .pos
        .first()
        .and_then(|c| vm.as_class(c))
        .ok_or_else(|| vm.new_type_error("constructor needs a class"))?;
    let p = args::bind(vm, &a, "complex", &["real", "imag"], 0)?;
    let (re, im) = match (p[0], p[1]) {
        (None, None) => (0.0, 0.0),
        (Some(r), i) if r.as_str().is_some() => {
            if i.is_some() {
                return Err(
                    vm.new_type_error("complex() can't take second arg if first is a string")
                );
            }
            let s = r.as_rc_str().unwrap_or_else(|| std::rc::Rc::from(""));
            match parse_complex(&s) {
                Ok(v) => v,
                Err(ComplexParseError::Malformed) => {
                    return Err(vm.new_value_error("complex() arg is a malformed string"))
                }
                Err(ComplexParseError::Underscores) => {
                    let rs = vm.repr_string(r)?;
                    return Err(
                        vm.new_value_error(&format!("could not convert string to complex: {rs}"))
                    );
                }
            }
        }
        (r, i) => {
            if i.is_some_and(|i| i.as_str().is_some()) {
                return Err(vm.new_type_error("complex() second arg can't be a string"));
            }
            let (mut cr, cri, r_complex) = match r {
                Some(r) => arg_value(vm, r, true)?,
                None => (0.0, 0.0, false),
            };
            let (mut ci, cii, i_complex) = match i {
                Some(i) => arg_value(vm, i, false)?,
                None => (cri, 0.0, false),
            };
            if i_complex {
                cr -= cii;
            }
            if r_complex && i.is_some() {
                ci += cri;
            }
            (cr, ci)
        }
    };
    if ObjRef::ptr_eq(&cls, &vm.types().complex) {
        return Ok(vm.new_complex(re, im));
    }
    Ok(Value::Obj(
        vm.alloc_with_dict(&cls, Payload::Complex { re, im }),
    ))
}

pub(crate) fn install(vm: &mut Vm) {
    let ty = vm.types().complex.clone();
    vm.set_constructor(&ty, construct);
    vm.add_method(&ty, "conjugate", |vm, a| {
        let (re, im) = this(vm, &a, "conjugate")?;
        args::meth(vm, &a, "complex", "conjugate", 0, 0)?;
        Ok(vm.new_complex(re, -im))
    });
    vm.add_method(&ty, "__complex__", |vm, a| {
        let (re, im) = this(vm, &a, "__complex__")?;
        args::meth(vm, &a, "complex", "__complex__", 0, 0)?;
        Ok(vm.new_complex(re, im))
    });
    vm.add_method(&ty, "__getnewargs__", |vm, a| {
        let (re, im) = this(vm, &a, "__getnewargs__")?;
        args::meth(vm, &a, "complex", "__getnewargs__", 0, 0)?;
        Ok(vm.new_tuple(vec![Value::float(re), Value::float(im)]))
    });
    vm.add_method(&ty, "__format__", |vm, a| {
        let (re, im) = this(vm, &a, "__format__")?;
        let rest = args::meth(vm, &a, "complex", "__format__", 1, 1)?;
        let spec = args::str_arg(vm, &rest[0], "__format__() argument")?;
        format_complex(re, im, &spec)
            .map(|s| vm.new_string(s))
            .map_err(|e| kerr(vm, e))
    });
    vm.add_method(&ty, "__abs__", |vm, a| {
        let (re, im) = this(vm, &a, "__abs__")?;
        let r = re.hypot(im);
        if r.is_infinite() && re.is_finite() && im.is_finite() {
            return Err(vm.new_overflow_error("absolute value too large"));
        }
        Ok(Value::float(r))
    });
    vm.add_method(&ty, "__bool__", |vm, a| {
        let (re, im) = this(vm, &a, "__bool__")?;
        Ok(Value::bool(re != 0.0 || im != 0.0))
    });
    vm.add_method(&ty, "__neg__", |vm, a| {
        let (re, im) = this(vm, &a, "__neg__")?;
        Ok(vm.new_complex(-re, -im))
    });
    vm.add_method(&ty, "__pos__", |vm, a| {
        let (re, im) = this(vm, &a, "__pos__")?;
        Ok(vm.new_complex(re, im))
    });
    vm.add_method(&ty, "__repr__", |vm, a| {
        let (re, im) = this(vm, &a, "__repr__")?;
        Ok(vm.new_string(repr_complex(re, im)))
    });
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn parses_complex_strings() {
        assert_eq!(parse_complex("1+2j").unwrap(), (1.0, 2.0));
        assert_eq!(parse_complex(" 3-4j ").unwrap(), (3.0, -4.0));
        assert_eq!(parse_complex("j").unwrap(), (0.0, 1.0));
        assert_eq!(parse_complex("-j").unwrap(), (0.0, -1.0));
        assert_eq!(parse_complex("1e3j").unwrap(), (0.0, 1000.0));
        assert_eq!(parse_complex("(1+2j)").unwrap(), (1.0, 2.0));
        assert_eq!(parse_complex("1-j").unwrap(), (1.0, -1.0));
        assert!(parse_complex("infj").unwrap().1.is_infinite());
        assert_eq!(parse_complex("1_0+2_0j").unwrap(), (10.0, 20.0));
        assert_eq!(parse_complex("1__0j"), Err(ComplexParseError::Underscores));
        for bad in ["1+", "1 + 2j", "x", "", "(1+2j", "1j2"] {
            assert!(parse_complex(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn formats_like_cpython() {
        assert_eq!(format_complex(3.0, 4.0, ".2f").unwrap(), "3.00+4.00j");
        assert_eq!(format_complex(1.0, -2.0, ">12").unwrap(), "      (1-2j)");
        assert_eq!(format_complex(3.0, 4.0, "g").unwrap(), "3+4j");
        assert_eq!(format_complex(1.0, 1.0, "+.1f").unwrap(), "+1.0+1.0j");
        assert_eq!(
            format_complex(1.5, 2.25, "e").unwrap(),
            "1.500000e+00+2.250000e+00j"
        );
        assert_eq!(format_complex(0.0, 2.0, "").unwrap(), "2j");
    }
}
