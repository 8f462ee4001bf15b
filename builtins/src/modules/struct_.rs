//! `_struct` / `struct`: packing values into bytes by format string.

use super::{add_fn, exact, native, new_type, register};
use num_bigint::BigInt;
use pyvm_vm::{Args, ObjRef, Payload, PyErr, PyResult, Value, Vm};

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_struct", "struct"], build);
    // CPython's `struct` is Python over `_struct`: a standard library on the path wins.
    vm.mark_fallback_module("struct");
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    Native,
    Little,
    Big,
}

/// One code of a parsed format with its repeat count.
#[derive(Clone, Copy)]
struct Item {
    code: u8,
    count: usize,
    /// Offset of the first byte.
    offset: usize,
    /// Size of one element.
    size: usize,
}

/// A parsed format.
struct Format {
    order: Order,
    items: Vec<Item>,
    size: usize,
    /// Number of Python values packed / unpacked.
    nvalues: usize,
}

/// A `Struct` object: its format text and parsed layout.
struct StructObj {
    text: Value,
    fmt: Format,
}

/// (size, alignment) of a code in native mode; standard sizes otherwise.
fn code_size(code: u8, native: bool) -> Option<(usize, usize)> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => (1, 1),
        b'h' | b'H' | b'e' => (2, 2),
        b'i' | b'I' | b'f' => (4, 4),
        b'l' | b'L' => {
            if native {
                (8, 8)
            } else {
                (4, 4)
            }
        }
        b'q' | b'Q' | b'd' => (8, 8),
        b'n' | b'N' | b'P' if native => (8, 8),
        _ => return None,
    })
}

fn struct_error(vm: &mut Vm, msg: &str) -> PyErr {
    let cls = vm
        .import_module("_struct")
        .and_then(|m| vm.getattr_str(&m, "error"))
        .ok()
        .and_then(|c| vm.as_class(&c));
    match cls {
        Some(c) => vm.new_exception_msg(&c, msg),
        None => vm.new_value_error(msg),
    }
}

fn parse(vm: &mut Vm, text: &[u8]) -> PyResult<Format> {
    let (order, native, body) = match text.first() {
        Some(b'@') => (Order::Native, true, &text[1..]),
        Some(b'=') => (Order::Native, false, &text[1..]),
        Some(b'<') => (Order::Little, false, &text[1..]),
        Some(b'>' | b'!') => (Order::Big, false, &text[1..]),
        _ => (Order::Native, true, text),
    };
    let mut items = Vec::new();
    let mut size = 0usize;
    let mut nvalues = 0usize;
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count = 1usize;
        if c.is_ascii_digit() {
            let mut n: usize = 0;
            while i < body.len() && body[i].is_ascii_digit() {
                n = n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(usize::from(body[i] - b'0')))
                    .ok_or_else(|| struct_error_msg(vm, "total struct size too long"))?;
                i += 1;
            }
            if i >= body.len() {
                return Err(struct_error(
                    vm,
                    "repeat count given without format specifier",
                ));
            }
            count = n;
        }
        let code = body[i];
        i += 1;
        let Some((sz, align)) = code_size(code, native) else {
            return Err(struct_error(vm, "bad char in struct format"));
        };
        if native && align > 1 {
            size = size.div_ceil(align) * align;
        }
        let total = if matches!(code, b's' | b'p') {
            count
        } else {
            sz.saturating_mul(count)
        };
        items.push(Item {
            code,
            count,
            offset: size,
            size: sz,
        });
        size = size
            .checked_add(total)
            .filter(|s| *s < 1 << 40)
            .ok_or_else(|| struct_error_msg(vm, "total struct size too long"))?;
        nvalues += match code {
            b'x' => 0,
            b's' | b'p' => 1,
            _ => count,
        };
    }
    Ok(Format {
        order,
        items,
        size,
        nvalues,
    })
}

fn struct_error_msg(vm: &mut Vm, msg: &str) -> PyErr {
    struct_error(vm, msg)
}

fn format_bytes(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(s) = v.as_str() {
        return Ok(s.as_bytes().to_vec());
    }
    if let Some(Payload::Bytes(b)) = v.payload() {
        return Ok(b.to_vec());
    }
    Err(vm.new_type_error(&format!(
        "Struct() argument 1 must be a str or bytes object, not {}",
        vm.type_name(v)
    )))
}

fn int_bounds(code: u8, size: usize) -> (BigInt, BigInt) {
    let bits = u32::try_from(size * 8).unwrap_or(64);
    if code.is_ascii_uppercase() {
        (BigInt::from(0), (BigInt::from(1) << bits) - 1)
    } else {
        (
            -(BigInt::from(1) << (bits - 1)),
            (BigInt::from(1) << (bits - 1)) - 1,
        )
    }
}

fn put_int(out: &mut [u8], v: &BigInt, size: usize, order: Order) {
    let (_, mut le) = v.to_bytes_le();
    let neg = v.sign() == num_bigint::Sign::Minus;
    // Two's complement of the magnitude for negatives.
    if neg {
        let mut carry = true;
        for b in le.iter_mut() {
            *b = !*b;
            if carry {
                let (n, c) = b.overflowing_add(1);
                *b = n;
                carry = c;
            }
        }
    }
    le.resize(size, if neg { 0xff } else { 0 });
    if order == Order::Big {
        le.reverse();
    }
    out.copy_from_slice(&le[..size]);
}

fn get_int(b: &[u8], signed: bool, order: Order) -> BigInt {
    let mut le = b.to_vec();
    if order == Order::Big {
        le.reverse();
    }
    if signed {
        BigInt::from_signed_bytes_le(&le)
    } else {
        BigInt::from_bytes_le(num_bigint::Sign::Plus, &le)
    }
}

fn f16_from_f64(x: f64) -> Option<u16> {
    let bits = x.to_bits();
    let sign = u16::try_from((bits >> 63) << 15).unwrap_or(0);
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    let a = x.abs();
    if a.is_infinite() {
        return Some(sign | 0x7c00);
    }
    if a == 0.0 {
        return Some(sign);
    }
    // Scale to units of the smallest subnormal (2**-24) and round half to even.
    let (m, e) = super::math_special::frexp(a);
    if e > 16 {
        return None;
    }
    let scaled = super::math_special::ldexp(a, 24);
    if scaled < 1024.0 {
        let r = scaled.round_ties_even();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        return Some(sign | r as u16);
    }
    // Normal: 11 significant bits.
    let mant = super::math_special::ldexp(m, 11).round_ties_even();
    let (mut mant, mut exp) = (mant, e);
    if mant >= 2048.0 {
        mant /= 2.0;
        exp += 1;
    }
    let biased = exp + 14;
    if biased >= 31 {
        return None;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let frac = (mant as u16) & 0x3ff;
    let be = u16::try_from(biased).unwrap_or(0);
    Some(sign | (be << 10) | frac)
}

fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = (h >> 10) & 0x1f;
    let frac = f64::from(h & 0x3ff);
    let v = match exp {
        0 => super::math_special::ldexp(frac, -24),
        31 => {
            if frac == 0.0 {
                f64::INFINITY
            } else {
                f64::NAN
            }
        }
        e => super::math_special::ldexp(frac + 1024.0, i64::from(e) - 25),
    };
    sign * v
}

fn to_int(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(b) = vm.as_bigint(v) {
        return Ok(b);
    }
    let cls = vm.type_of(v);
    if !matches!(v, Value::Float(_)) && vm.lookup_type_attr(&cls, "__index__").is_some() {
        let i = vm.index_value(v)?;
        return Ok(vm.as_bigint(&i).unwrap_or_default());
    }
    Err(struct_error(vm, "required argument is not an integer"))
}

fn pack_into_buf(vm: &mut Vm, f: &Format, vals: &[Value], out: &mut [u8]) -> PyResult<()> {
    let mut vi = 0usize;
    for it in &f.items {
        let mut off = it.offset;
        match it.code {
            b'x' => continue,
            b's' | b'p' => {
                let v = &vals[vi];
                vi += 1;
                let Some(data) = (match v.payload() {
                    Some(Payload::Bytes(b)) => Some(b.to_vec()),
                    Some(Payload::ByteArray(b)) => Some(b.borrow().clone()),
                    _ => None,
                }) else {
                    return Err(struct_error(
                        vm,
                        &format!(
                            "argument for '{}' must be a bytes object",
                            char::from(it.code)
                        ),
                    ));
                };
                if it.code == b's' {
                    let n = data.len().min(it.count);
                    out[off..off + n].copy_from_slice(&data[..n]);
                } else if it.count > 0 {
                    let n = data.len().min(it.count - 1).min(255);
                    out[off] = u8::try_from(n).unwrap_or(255);
                    out[off + 1..off + 1 + n].copy_from_slice(&data[..n]);
                }
                continue;
            }
            _ => {}
        }
        for _ in 0..it.count {
            let v = vals[vi].clone();
            vi += 1;
            let dst = &mut out[off..off + it.size];
            match it.code {
                b'c' => match v.payload() {
                    Some(Payload::Bytes(b)) if b.len() == 1 => dst[0] = b[0],
                    Some(Payload::ByteArray(b)) if b.borrow().len() == 1 => dst[0] = b.borrow()[0],
                    _ => {
                        return Err(struct_error(
                            vm,
                            "char format requires a bytes object of length 1",
                        ))
                    }
                },
                b'?' => dst[0] = u8::from(vm.is_true(&v)?),
                b'e' | b'f' | b'd' => {
                    let x = match vm.to_f64(&v) {
                        Ok(x) => x,
                        Err(e) if vm.err_matches(&e, &vm.types().exc.type_error.clone()) => {
                            return Err(struct_error(vm, "required argument is not a float"))
                        }
                        Err(e) => return Err(e),
                    };
                    let mut bytes: Vec<u8> = match it.code {
                        b'd' => x.to_le_bytes().to_vec(),
                        b'f' => {
                            #[allow(clippy::cast_possible_truncation)]
                            let y = x as f32;
                            if y.is_infinite() && x.is_finite() {
                                return Err(
                                    vm.new_overflow_error("float too large to pack with f format")
                                );
                            }
                            y.to_le_bytes().to_vec()
                        }
                        _ => match f16_from_f64(x) {
                            Some(h) => h.to_le_bytes().to_vec(),
                            None => {
                                return Err(
                                    vm.new_overflow_error("float too large to pack with e format")
                                )
                            }
                        },
                    };
                    if f.order == Order::Big {
                        bytes.reverse();
                    }
                    dst.copy_from_slice(&bytes);
                }
                code => {
                    let n = to_int(vm, &v)?;
                    let (lo, hi) = int_bounds(code, it.size);
                    if n < lo || n > hi {
                        let msg = if it.size > 8 || code == b'P' {
                            "argument out of range".to_string()
                        } else {
                            format!(
                                "'{}' format requires {lo} <= number <= {hi}",
                                char::from(code)
                            )
                        };
                        return Err(struct_error(vm, &msg));
                    }
                    put_int(dst, &n, it.size, f.order);
                }
            }
            off += it.size;
        }
    }
    Ok(())
}

fn pack(vm: &mut Vm, f: &Format, vals: &[Value]) -> PyResult<Vec<u8>> {
    if vals.len() != f.nvalues {
        return Err(struct_error(
            vm,
            &format!(
                "pack expected {} items for packing (got {})",
                f.nvalues,
                vals.len()
            ),
        ));
    }
    let mut out = vec![0u8; f.size];
    pack_into_buf(vm, f, vals, &mut out)?;
    Ok(out)
}

fn unpack(vm: &mut Vm, f: &Format, data: &[u8]) -> Value {
    let mut out = Vec::with_capacity(f.nvalues);
    for it in &f.items {
        let mut off = it.offset;
        match it.code {
            b'x' => continue,
            b's' => {
                out.push(vm.new_bytes(data[off..off + it.count].to_vec()));
                continue;
            }
            b'p' => {
                if it.count == 0 {
                    out.push(vm.new_bytes(Vec::new()));
                } else {
                    let n = usize::from(data[off]).min(it.count - 1);
                    out.push(vm.new_bytes(data[off + 1..off + 1 + n].to_vec()));
                }
                continue;
            }
            _ => {}
        }
        for _ in 0..it.count {
            let b = &data[off..off + it.size];
            let mut le = b.to_vec();
            if f.order == Order::Big {
                le.reverse();
            }
            let v = match it.code {
                b'c' => vm.new_bytes(vec![b[0]]),
                b'?' => Value::bool(b[0] != 0),
                b'd' => {
                    let mut a = [0u8; 8];
                    a.copy_from_slice(&le);
                    Value::float(f64::from_le_bytes(a))
                }
                b'f' => {
                    let mut a = [0u8; 4];
                    a.copy_from_slice(&le);
                    Value::float(f64::from(f32::from_le_bytes(a)))
                }
                b'e' => Value::float(f16_to_f64(u16::from_le_bytes([le[0], le[1]]))),
                code => {
                    let signed = code.is_ascii_lowercase() && code != b'x';
                    vm.new_int_big(get_int(b, signed, f.order))
                }
            };
            out.push(v);
            off += it.size;
        }
    }
    vm.new_tuple(out)
}

fn buffer(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    vm.bytes_like(v)
}

fn get_format(vm: &mut Vm, v: &Value) -> PyResult<Format> {
    if let Some(s) = native::<StructObj>(v) {
        return parse(vm, &format_bytes(vm, &s.text)?);
    }
    let b = format_bytes(vm, v)?;
    parse(vm, &b)
}

fn do_unpack(vm: &mut Vm, f: &Format, data: &[u8]) -> PyResult<Value> {
    if data.len() != f.size {
        return Err(struct_error(
            vm,
            &format!("unpack requires a buffer of {} bytes", f.size),
        ));
    }
    Ok(unpack(vm, f, data))
}

fn do_unpack_from(vm: &mut Vm, f: &Format, data: &[u8], offset: i64) -> PyResult<Value> {
    let len = i64::try_from(data.len()).unwrap_or(i64::MAX);
    let off = if offset < 0 { offset + len } else { offset };
    if off < 0 {
        return Err(struct_error(
            vm,
            &format!("offset {offset} out of range for {len}-byte buffer"),
        ));
    }
    let off_u = usize::try_from(off).unwrap_or(usize::MAX);
    if data.len().saturating_sub(off_u) < f.size || off_u > data.len() {
        return Err(struct_error(vm, &format!(
            "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {off} (actual buffer size is {len})",
            f.size.saturating_add(off_u),
            f.size
        )));
    }
    Ok(unpack(vm, f, &data[off_u..off_u + f.size]))
}

fn do_pack_into(
    vm: &mut Vm,
    f: &Format,
    buf: &Value,
    offset: &Value,
    vals: &[Value],
) -> PyResult<Value> {
    if vals.len() != f.nvalues {
        return Err(struct_error(
            vm,
            &format!(
                "pack_into expected {} items for packing (got {})",
                f.nvalues,
                vals.len()
            ),
        ));
    }
    let Some(Payload::ByteArray(cell)) = buf.payload() else {
        return Err(vm.new_type_error(&format!(
            "argument must be read-write bytes-like object, not {}",
            vm.type_name(buf)
        )));
    };
    let offset = vm.to_index(offset)?;
    let len = i64::try_from(cell.borrow().len()).unwrap_or(i64::MAX);
    let off = if offset < 0 { offset + len } else { offset };
    let off_u = usize::try_from(off.max(0)).unwrap_or(0);
    if off < 0 || (len - off) < i64::try_from(f.size).unwrap_or(i64::MAX) {
        return Err(struct_error(vm, &format!(
            "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {off} (actual buffer size is {len})",
            f.size.saturating_add(off_u),
            f.size
        )));
    }
    let mut tmp = vec![0u8; f.size];
    pack_into_buf(vm, f, vals, &mut tmp)?;
    cell.borrow_mut()[off_u..off_u + f.size].copy_from_slice(&tmp);
    Ok(Value::None)
}

fn iter_unpack(vm: &mut Vm, f: &Format, data: &[u8]) -> PyResult<Value> {
    if f.size == 0 {
        return Err(struct_error(
            vm,
            "cannot iteratively unpack with a struct of length 0",
        ));
    }
    if data.len() % f.size != 0 {
        return Err(struct_error(
            vm,
            &format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                f.size
            ),
        ));
    }
    let mut out = Vec::new();
    for chunk in data.chunks_exact(f.size) {
        out.push(unpack(vm, f, chunk));
    }
    let l = vm.new_list(out);
    vm.iter(&l)
}

fn install_struct_class(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let cls = new_type(vm, "_struct", "Struct", &[])?;
    let base = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        let p = super::bind(
            vm,
            &Args {
                pos: &a.pos[1..],
                kw: a.kw,
            },
            "Struct",
            &["format"],
            0,
            1,
            0,
        )?;
        let text = p[0].clone().unwrap_or_default();
        let fmt = parse(vm, &format_bytes(vm, &text)?)?;
        let text = match text.payload() {
            Some(Payload::Bytes(b)) => vm.new_string(String::from_utf8_lossy(b).into_owned()),
            _ => text,
        };
        Ok(super::alloc_native(vm, &c, &base, StructObj { text, fmt }))
    });
    let me = |a: &Args<'_>| a.pos.first().cloned().unwrap_or_default();
    super::add_method(vm, &cls, "pack", move |vm, a| {
        let s = me(&a);
        let f = get_format(vm, &s)?;
        let b = pack(vm, &f, &a.pos[1..])?;
        Ok(vm.new_bytes(b))
    });
    super::add_method(vm, &cls, "unpack", move |vm, a| {
        let s = me(&a);
        let f = get_format(vm, &s)?;
        let d = buffer(vm, a.pos.get(1).unwrap_or(&Value::None))?;
        do_unpack(vm, &f, &d)
    });
    super::add_method(vm, &cls, "unpack_from", move |vm, a| {
        let s = me(&a);
        let f = get_format(vm, &s)?;
        let p = super::bind(
            vm,
            &Args {
                pos: &a.pos[1..],
                kw: a.kw,
            },
            "unpack_from",
            &["buffer", "offset"],
            0,
            1,
            0,
        )?;
        let d = buffer(vm, p[0].as_ref().unwrap_or(&Value::None))?;
        let off = match &p[1] {
            Some(v) => vm.to_index(v)?,
            None => 0,
        };
        do_unpack_from(vm, &f, &d, off)
    });
    super::add_method(vm, &cls, "pack_into", move |vm, a| {
        let s = me(&a);
        let f = get_format(vm, &s)?;
        if a.pos.len() < 3 {
            return Err(vm.new_type_error("pack_into expected buffer argument"));
        }
        do_pack_into(vm, &f, &a.pos[1], &a.pos[2], &a.pos[3..])
    });
    super::add_method(vm, &cls, "iter_unpack", move |vm, a| {
        let s = me(&a);
        let f = get_format(vm, &s)?;
        let d = buffer(vm, a.pos.get(1).unwrap_or(&Value::None))?;
        iter_unpack(vm, &f, &d)
    });
    let fget = vm.new_native_function("size", |vm, a| {
        let s = a.pos.first().cloned().unwrap_or_default();
        let n = native::<StructObj>(&s).map_or(0, |s| s.fmt.size);
        let _ = vm;
        Ok(Value::Int(i64::try_from(n).unwrap_or(0)))
    });
    crate::modules::add_getter(vm, &cls, "size", fget);
    let fget = vm.new_native_function("format", |_vm, a| {
        let s = a.pos.first().cloned().unwrap_or_default();
        Ok(native::<StructObj>(&s).map_or(Value::None, |s| s.text.clone()))
    });
    crate::modules::add_getter(vm, &cls, "format", fget);
    vm.set_module_attr(m, "Struct", Value::Obj(cls));
    Ok(())
}

fn fmt_arg(vm: &mut Vm, a: &Args<'_>, name: &str) -> PyResult<Format> {
    let Some(v) = a.pos.first() else {
        return Err(vm.new_type_error(&format!("{name} expected at least 1 argument, got 0")));
    };
    get_format(vm, v)
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let m = &m;
    let meta = vm.types().type_.clone();
    let n = vm.new_str("error");
    let bases = vm.new_tuple(vec![Value::Obj(vm.types().exc.exception.clone())]);
    let ns = vm.new_dict();
    if let Some(d) = ns.as_obj() {
        let mv = vm.new_str("struct");
        vm.dict_set_str(Some(d), "__module__", mv);
    }
    let err = vm.new_class(&meta, &n, &bases, &ns, &[])?;
    vm.set_module_attr(m, "error", err);
    install_struct_class(vm, m)?;
    // `struct.py` re-exports it; formats are parsed on each call, there is no cache to clear.
    add_fn(vm, m, "_clearcache", |vm, a| {
        super::none(vm, &a, "_clearcache")?;
        Ok(Value::None)
    });
    add_fn(vm, m, "pack", |vm, a| {
        super::no_kw(vm, &a, "pack")?;
        if a.pos.is_empty() {
            return Err(vm.new_type_error("missing format argument"));
        }
        let f = fmt_arg(vm, &a, "pack")?;
        let b = pack(vm, &f, &a.pos[1..])?;
        Ok(vm.new_bytes(b))
    });
    add_fn(vm, m, "unpack", |vm, a| {
        let p = exact(vm, &a, "unpack", 2)?;
        let f = get_format(vm, &p[0])?;
        let d = buffer(vm, &p[1])?;
        do_unpack(vm, &f, &d)
    });
    add_fn(vm, m, "unpack_from", |vm, a| {
        let p = super::bind(
            vm,
            &a,
            "unpack_from",
            &["format", "buffer", "offset"],
            1,
            2,
            0,
        )?;
        let f = get_format(vm, p[0].as_ref().unwrap_or(&Value::None))?;
        let d = buffer(vm, p[1].as_ref().unwrap_or(&Value::None))?;
        let off = match &p[2] {
            Some(v) => vm.to_index(v)?,
            None => 0,
        };
        do_unpack_from(vm, &f, &d, off)
    });
    add_fn(vm, m, "pack_into", |vm, a| {
        super::no_kw(vm, &a, "pack_into")?;
        if a.pos.len() < 3 {
            return Err(vm.new_type_error("pack_into expected at least 3 arguments"));
        }
        let f = get_format(vm, &a.pos[0])?;
        do_pack_into(vm, &f, &a.pos[1], &a.pos[2], &a.pos[3..])
    });
    add_fn(vm, m, "iter_unpack", |vm, a| {
        let p = exact(vm, &a, "iter_unpack", 2)?;
        let f = get_format(vm, &p[0])?;
        let d = buffer(vm, &p[1])?;
        iter_unpack(vm, &f, &d)
    });
    add_fn(vm, m, "calcsize", |vm, a| {
        let v = super::one(vm, &a, "_struct.calcsize")?;
        let f = get_format(vm, &v)?;
        Ok(Value::Int(i64::try_from(f.size).unwrap_or(i64::MAX)))
    });
    Ok(m.clone())
}
