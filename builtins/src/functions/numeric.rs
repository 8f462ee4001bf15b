//! abs, round, divmod, pow, sum, min, max, all, any.

use super::def;
use crate::args::{self, kerr};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};
use pyvm_vm::kernels::{float_fmt, numbers};
use pyvm_vm::proto::arith::BinOp;
use pyvm_vm::proto::cmp::CompareOp;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm, B64};

pub(crate) fn install(vm: &mut Vm) {
    def(vm, "abs", |vm, a| {
        let v = args::one(vm, &a, "abs")?;
        abs(vm, &v)
    });
    def(vm, "round", round);
    for ty in [vm.types().float.clone(), vm.types().int.clone()] {
        vm.add_method(&ty, "__round__", |vm, a| {
            let x = args::this(vm, &a)?;
            let rest = args::meth(vm, &a, "float", "__round__", 0, 1)?;
            let nd = rest.first().filter(|v| !v.is_none()).cloned();
            let x = match x.payload() {
                Some(Payload::Float(f)) => Value::float(*f),
                _ => x,
            };
            match x {
                Value::Float(f) => match nd {
                    None => {
                        let b = float_fmt::round_float_to_int(f.get()).map_err(|e| kerr(vm, e))?;
                        Ok(vm.new_int_big(b))
                    }
                    Some(n) => {
                        let n = vm.to_index(&n)?;
                        float_fmt::round_float(f.get(), n)
                            .map(Value::float)
                            .map_err(|e| kerr(vm, e))
                    }
                },
                other => round_int(vm, &other, nd),
            }
        });
    }
    def(vm, "divmod", |vm, a| {
        args::no_kw(vm, &a, "divmod")?;
        if a.pos.len() != 2 {
            return Err(
                vm.new_type_error(&format!("divmod expected 2 arguments, got {}", a.pos.len()))
            );
        }
        divmod(vm, &a.pos[0], &a.pos[1])
    });
    def(vm, "pow", pow);
    def(vm, "sum", sum);
    def(vm, "min", |vm, a| min_max(vm, a, "min", CompareOp::Lt));
    def(vm, "max", |vm, a| min_max(vm, a, "max", CompareOp::Gt));
    def(vm, "all", |vm, a| {
        let v = args::one(vm, &a, "all")?;
        let it = vm.iter(&v)?;
        while let Some(x) = vm.next(&it)? {
            if !vm.is_true(&x)? {
                return Ok(Value::Bool(B64::FALSE));
            }
        }
        Ok(Value::Bool(B64::TRUE))
    });
    def(vm, "any", |vm, a| {
        let v = args::one(vm, &a, "any")?;
        let it = vm.iter(&v)?;
        while let Some(x) = vm.next(&it)? {
            if vm.is_true(&x)? {
                return Ok(Value::Bool(B64::TRUE));
            }
        }
        Ok(Value::Bool(B64::FALSE))
    });
}

fn is_plain_number(vm: &Vm, v: &Value) -> bool {
    let cls = vm.type_of(v);
    !cls.as_type().is_some_and(|t| t.heap)
}

fn abs(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if is_plain_number(vm, v) {
        match v {
            Value::Bool(b) => return Ok(Value::Int(i64::from(*b))),
            Value::Int(i) => {
                return Ok(match i.checked_abs() {
                    Some(x) => Value::Int(x),
                    None => vm.new_int_big(BigInt::from(*i).abs()),
                })
            }
            Value::Float(f) => return Ok(Value::float(f.get().abs())),
            Value::Obj(o) => match &o.payload {
                Payload::BigInt(b) => return Ok(vm.new_int_big(b.abs())),
                Payload::Complex { re, im } => return Ok(Value::float(re.hypot(*im))),
                _ => {}
            },
            _ => {}
        }
    }
    let cls = vm.type_of(v);
    match vm.lookup_type_attr(&cls, "__abs__") {
        Some(f) => vm.call(&f, std::slice::from_ref(v)),
        None => Err(vm.new_type_error(&format!(
            "bad operand type for abs(): '{}'",
            vm.type_name(v)
        ))),
    }
}

fn round(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    args::only_kw(vm, &a, "round", &["number", "ndigits"])?;
    if a.pos.len() > 2 {
        return Err(vm.new_type_error(&format!(
            "round() takes at most 2 arguments ({} given)",
            a.pos.len()
        )));
    }
    let Some(x) = args::pos_or_kw(&a, 0, "number").cloned() else {
        return Err(vm.new_type_error("round() missing required argument 'number' (pos 1)"));
    };
    let nd = args::pos_or_kw(&a, 1, "ndigits")
        .filter(|v| !v.is_none())
        .cloned();
    if is_plain_number(vm, &x) {
        match &x {
            Value::Float(f) => {
                return match nd {
                    None => {
                        let b = float_fmt::round_float_to_int(f.get()).map_err(|e| kerr(vm, e))?;
                        Ok(vm.new_int_big(b))
                    }
                    Some(n) => {
                        let n = vm.to_index(&n)?;
                        float_fmt::round_float(f.get(), n)
                            .map(Value::float)
                            .map_err(|e| kerr(vm, e))
                    }
                };
            }
            Value::Int(_) | Value::Bool(_) => return round_int(vm, &x, nd),
            Value::Obj(o) if matches!(o.payload, Payload::BigInt(_)) => {
                return round_int(vm, &x, nd)
            }
            _ => {}
        }
    }
    let cls = vm.type_of(&x);
    match vm.lookup_type_attr(&cls, "__round__") {
        Some(f) => match nd {
            None => vm.call(&f, std::slice::from_ref(&x)),
            Some(n) => vm.call(&f, &[x.clone(), n]),
        },
        None => Err(vm.new_type_error(&format!(
            "type {} doesn't define __round__ method",
            vm.type_name(&x)
        ))),
    }
}

fn round_int(vm: &mut Vm, x: &Value, nd: Option<Value>) -> PyResult<Value> {
    let b = vm.as_bigint(x).unwrap_or_default();
    let Some(n) = nd else {
        return Ok(vm.new_int_big(b));
    };
    let n = vm.index_value(&n)?;
    let n = vm.as_bigint(&n).unwrap_or_default();
    if !n.is_negative() {
        return Ok(vm.new_int_big(b));
    }
    let exp = (-n)
        .try_into()
        .ok()
        .filter(|&e: &u32| e <= 100_000)
        .unwrap_or(100_000);
    let pow = num_traits::pow(BigInt::from(10u32), exp as usize);
    // Round half to even to a multiple of 10**exp.
    let (q, r) = b.div_mod_floor(&pow);
    let twice = &r * 2u32;
    let q = match twice.cmp(&pow) {
        std::cmp::Ordering::Less => q,
        std::cmp::Ordering::Greater => q + 1u32,
        std::cmp::Ordering::Equal => {
            if q.is_even() {
                q
            } else {
                q + 1u32
            }
        }
    };
    Ok(vm.new_int_big(q * pow))
}

pub(crate) fn divmod(vm: &mut Vm, x: &Value, y: &Value) -> PyResult<Value> {
    let plain = is_plain_number(vm, x) && is_plain_number(vm, y);
    if plain {
        let xf = match x {
            Value::Float(f) => Some(*f),
            _ => None,
        };
        let yf = match y {
            Value::Float(f) => Some(*f),
            _ => None,
        };
        let xi = vm.as_bigint(x);
        let yi = vm.as_bigint(y);
        if let (Some(a), Some(b)) = (&xi, &yi) {
            if b.is_zero() {
                return Err(vm.new_zero_division_error("integer division or modulo by zero"));
            }
            let (q, r) = pyvm_vm::kernels::bigdiv::div_mod_floor(a, b);
            let q = vm.new_int_big(q);
            let r = vm.new_int_big(r);
            return Ok(vm.new_tuple(vec![q, r]));
        }
        if xf.is_some() || yf.is_some() {
            let a = match xf {
                Some(f) => Some(f.get()),
                None => xi.as_ref().map(|_| vm.to_f64(x)).transpose()?,
            };
            let b = match yf {
                Some(f) => Some(f.get()),
                None => yi.as_ref().map(|_| vm.to_f64(y)).transpose()?,
            };
            if let (Some(a), Some(b)) = (a, b) {
                let (q, r) = numbers::float_divmod(a, b).map_err(|e| kerr(vm, e))?;
                return Ok(vm.new_tuple(vec![Value::float(q), Value::float(r)]));
            }
        }
    }
    let xc = vm.type_of(x);
    if let Some(f) = vm.lookup_type_attr(&xc, "__divmod__") {
        let r = vm.call(&f, &[x.clone(), y.clone()])?;
        if !vm.is_not_implemented(&r) {
            return Ok(r);
        }
    }
    let yc = vm.type_of(y);
    if let Some(f) = vm.lookup_type_attr(&yc, "__rdivmod__") {
        let r = vm.call(&f, &[y.clone(), x.clone()])?;
        if !vm.is_not_implemented(&r) {
            return Ok(r);
        }
    }
    Err(vm.new_type_error(&format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        vm.type_name(x),
        vm.type_name(y)
    )))
}

pub(crate) fn pow(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    args::only_kw(vm, &a, "pow", &["base", "exp", "mod"])?;
    if a.pos.len() > 3 {
        return Err(vm.new_type_error(&format!(
            "pow() takes at most 3 arguments ({} given)",
            a.pos.len()
        )));
    }
    let Some(base) = args::pos_or_kw(&a, 0, "base").cloned() else {
        return Err(vm.new_type_error("pow() missing required argument 'base' (pos 1)"));
    };
    let Some(exp) = args::pos_or_kw(&a, 1, "exp").cloned() else {
        return Err(vm.new_type_error("pow() missing required argument 'exp' (pos 2)"));
    };
    let m = args::pos_or_kw(&a, 2, "mod")
        .filter(|v| !v.is_none())
        .cloned();
    let Some(m) = m else {
        return vm.binary_op(&base, &exp, BinOp::Pow, false);
    };
    let (Some(b), Some(e), Some(md)) = (vm.as_bigint(&base), vm.as_bigint(&exp), vm.as_bigint(&m))
    else {
        return ternary_pow(vm, &base, &exp, &m);
    };
    if md.is_zero() {
        return Err(vm.new_value_error("pow() 3rd argument cannot be 0"));
    }
    let modulus = md.abs();
    let mut b = b.mod_floor(&modulus);
    let mut e = e;
    if e.is_negative() {
        b = mod_inverse(&b, &modulus)
            .ok_or_else(|| vm.new_value_error("base is not invertible for the given modulus"))?;
        e = -e;
    }
    let mut r = b.modpow(&e, &modulus);
    if md.is_negative() && !r.is_zero() {
        r -= &modulus;
    }
    if modulus.is_one() {
        r = BigInt::zero();
    }
    Ok(vm.new_int_big(r))
}

/// Which builtin numeric tower level a value's `__pow__` slot handles.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NumKind {
    Int,
    Float,
    Complex,
    Other,
}

fn num_kind(v: &Value) -> NumKind {
    match v {
        Value::Int(_) | Value::Bool(_) => NumKind::Int,
        Value::Float(_) => NumKind::Float,
        Value::Obj(o) => match &o.payload {
            Payload::BigInt(_) => NumKind::Int,
            Payload::Float(_) => NumKind::Float,
            Payload::Complex { .. } => NumKind::Complex,
            _ => NumKind::Other,
        },
        _ => NumKind::Other,
    }
}

/// `pow(a, b, m)` when not all three are ints: CPython's `ternary_op`, trying the `__pow__`
/// slot of `type(a)`, then `type(b)`, then `type(m)`.
fn ternary_pow(vm: &mut Vm, a: &Value, b: &Value, m: &Value) -> PyResult<Value> {
    let (ta, tb, tm) = (vm.type_of(a), vm.type_of(b), vm.type_of(m));
    let mut seen: Vec<pyvm_vm::ObjRef> = Vec::new();
    for (v, t) in [(a, &ta), (b, &tb), (m, &tm)] {
        if seen.iter().any(|s| ObjRef::ptr_eq(s, t)) {
            continue;
        }
        seen.push(t.clone());
        let heap = t.as_type().is_some_and(|td| td.heap);
        if heap && std::ptr::eq(v, a) {
            if let Some(f) = vm.lookup_type_attr(t, "__pow__") {
                let r = vm.call(&f, &[a.clone(), b.clone(), m.clone()])?;
                if !vm.is_not_implemented(&r) {
                    return Ok(r);
                }
                continue;
            }
        }
        let (ka, kb) = (num_kind(a), num_kind(b));
        match num_kind(v) {
            NumKind::Float => {
                return Err(vm.new_type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            }
            NumKind::Complex if ka != NumKind::Other && kb != NumKind::Other => {
                return Err(vm.new_value_error("complex modulo"));
            }
            _ => {}
        }
    }
    Err(vm.new_type_error(&format!(
        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
        vm.type_name(a),
        vm.type_name(b),
        vm.type_name(m)
    )))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let g = a.extended_gcd(m);
    if !g.gcd.is_one() {
        return None;
    }
    Some(g.x.mod_floor(m))
}

fn sum(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    args::only_kw(vm, &a, "sum", &["start"])?;
    if a.pos.is_empty() {
        return Err(vm.new_type_error("sum() takes at least 1 positional argument (0 given)"));
    }
    if a.pos.len() > 2 {
        return Err(vm.new_type_error(&format!(
            "sum() takes at most 2 arguments ({} given)",
            a.pos.len()
        )));
    }
    let mut acc = args::pos_or_kw(&a, 1, "start")
        .cloned()
        .unwrap_or(Value::Int(0));
    match acc.payload() {
        Some(Payload::Str(_)) => {
            return Err(vm.new_type_error("sum() can't sum strings [use ''.join(seq) instead]"))
        }
        Some(Payload::Bytes(_)) => {
            return Err(vm.new_type_error("sum() can't sum bytes [use b''.join(seq) instead]"))
        }
        Some(Payload::ByteArray(_)) => {
            return Err(vm.new_type_error("sum() can't sum bytearray [use b''.join(seq) instead]"))
        }
        _ => {}
    }
    let it = vm.iter(&a.pos[0])?;
    // CPython's fast paths: machine ints while they fit, then floats with Neumaier
    // compensation, then generic `+`.
    if let Value::Int(start) = acc {
        let mut i_result = start;
        loop {
            let Some(x) = vm.next(&it)? else {
                return Ok(Value::Int(i_result));
            };
            let b = match &x {
                Value::Int(b) => Some(*b),
                Value::Bool(b) => Some(i64::from(*b)),
                _ => None,
            };
            if let Some(s) = b.and_then(|b| i_result.checked_add(b)) {
                i_result = s;
                continue;
            }
            acc = vm.binary_op(&Value::Int(i_result), &x, BinOp::Add, false)?;
            break;
        }
    }
    if let Value::Float(start) = acc {
        let mut f_result = start.get();
        let mut c = 0.0f64;
        loop {
            let Some(x) = vm.next(&it)? else {
                if c != 0.0 && c.is_finite() {
                    f_result += c;
                }
                return Ok(Value::float(f_result));
            };
            match &x {
                Value::Float(v) => {
                    let v = v.get();
                    let t = f_result + v;
                    if f_result.abs() >= v.abs() {
                        c += (f_result - t) + v;
                    } else {
                        c += (v - t) + f_result;
                    }
                    f_result = t;
                    continue;
                }
                Value::Int(v) => {
                    f_result += *v as f64;
                    continue;
                }
                Value::Bool(v) => {
                    f_result += f64::from(u8::from(*v));
                    continue;
                }
                _ => {}
            }
            if c != 0.0 && c.is_finite() {
                f_result += c;
            }
            acc = vm.binary_op(&Value::float(f_result), &x, BinOp::Add, false)?;
            break;
        }
    }
    while let Some(x) = vm.next(&it)? {
        acc = vm.binary_op(&acc, &x, BinOp::Add, false)?;
    }
    Ok(acc)
}

fn min_max(vm: &mut Vm, a: Args<'_>, name: &str, op: CompareOp) -> PyResult<Value> {
    args::only_kw_invalid(vm, &a, name, &["key", "default"])?;
    let key = a.kwarg("key").filter(|k| !k.is_none()).cloned();
    let default = a.kwarg("default").cloned();
    let mut best: Option<(Value, Value)> = None;
    match a.pos.len() {
        0 => return Err(vm.new_type_error(&format!("{name} expected at least 1 argument, got 0"))),
        1 => {
            let it = vm.iter(&a.pos[0])?;
            while let Some(item) = vm.next(&it)? {
                min_max_step(vm, &mut best, key.as_ref(), item, op)?;
            }
        }
        _ => {
            if default.is_some() {
                return Err(vm.new_type_error(&format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            // The arguments themselves (CPython iterates over the argument tuple).
            for item in a.pos.iter() {
                min_max_step(vm, &mut best, key.as_ref(), item.clone(), op)?;
            }
        }
    }
    match best {
        Some((_, v)) => Ok(v),
        None => default
            .ok_or_else(|| vm.new_value_error(&format!("{name}() iterable argument is empty"))),
    }
}

/// One candidate of `min`/`max`: keeps `(key, item)` of the best so far.
fn min_max_step(
    vm: &mut Vm,
    best: &mut Option<(Value, Value)>,
    key: Option<&Value>,
    item: Value,
    op: CompareOp,
) -> PyResult<()> {
    let k = match key {
        Some(f) => vm.call(f, std::slice::from_ref(&item))?,
        None => item.clone(),
    };
    let better = match best {
        None => true,
        Some((bk, _)) => match (&k, &*bk, op) {
            // Plain ints (`key=len`, numbers) compare without the generic protocol.
            (Value::Int(a), Value::Int(b), CompareOp::Lt) => a < b,
            (Value::Int(a), Value::Int(b), CompareOp::Gt) => a > b,
            _ => {
                let r = vm.compare(&k, bk, op)?;
                vm.is_true(&r)?
            }
        },
    };
    if better {
        *best = Some((k, item));
    }
    Ok(())
}
