//! The `math` module.

use super::math_special::{self as sp, FSum, FSumErr, MathErr};
use super::{add_fn, between, bind, exact, one, one_in, register};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Signed, ToPrimitive, Zero};
use pyvm_vm::kernels::errors::msg;
use pyvm_vm::proto::arith::BinOp;
use pyvm_vm::{Args, ObjRef, PyErr, PyResult, Value, Vm, B64};

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["math"], build);
}

fn domain(vm: &Vm) -> PyErr {
    vm.new_value_error("math domain error")
}

fn range_err(vm: &Vm) -> PyErr {
    vm.new_overflow_error("math range error")
}

fn merr(vm: &Vm, e: MathErr) -> PyErr {
    match e {
        MathErr::Domain => domain(vm),
        MathErr::Range => range_err(vm),
    }
}

/// A float result as an `int` (`math.floor`, `ceil`, `trunc`).
pub(crate) fn float_to_int(vm: &Vm, x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(vm.kernel_err(msg::float_to_int_nan()));
    }
    if x.is_infinite() {
        return Err(vm.kernel_err(msg::float_to_int_inf()));
    }
    if x.abs() < 9.0e18 {
        #[allow(clippy::cast_possible_truncation)]
        return Ok(Value::Int(x as i64));
    }
    match BigInt::from_f64(x) {
        Some(b) => Ok(vm.new_int_big(b)),
        None => Err(vm.kernel_err(msg::float_to_int_inf())),
    }
}

/// CPython's `math_1`: NaN from non-NaN is a domain error, an infinity from a finite input a
/// range error (`can_overflow`) or a domain error (a singularity).
fn math1(
    vm: &mut Vm,
    a: &Args<'_>,
    name: &str,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<Value> {
    let v = one_in(vm, a, "math", name)?;
    let x = vm.to_f64(&v)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_err(vm)
        } else {
            domain(vm)
        });
    }
    Ok(Value::float(r))
}

/// `math_1a` for functions that report their own errors.
fn math1a(
    vm: &mut Vm,
    a: &Args<'_>,
    name: &str,
    f: fn(f64) -> Result<f64, MathErr>,
) -> PyResult<Value> {
    let v = one_in(vm, a, "math", name)?;
    let x = vm.to_f64(&v)?;
    f(x).map(Value::float).map_err(|e| merr(vm, e))
}

/// CPython's `math_2`.
fn math2(vm: &mut Vm, a: &Args<'_>, name: &str, f: fn(f64, f64) -> f64) -> PyResult<Value> {
    let p = exact(vm, a, name, 2)?;
    let x = vm.to_f64(&p[0])?;
    let y = vm.to_f64(&p[1])?;
    let r = f(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range_err(vm));
    }
    Ok(Value::float(r))
}

fn atan2(y: f64, x: f64) -> f64 {
    let pi = std::f64::consts::PI;
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            return if x.is_sign_positive() {
                (0.25 * pi).copysign(y)
            } else {
                (0.75 * pi).copysign(y)
            };
        }
        return (0.5 * pi).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if x.is_sign_positive() {
            0.0f64.copysign(y)
        } else {
            pi.copysign(y)
        };
    }
    y.atan2(x)
}

fn log1p(x: f64) -> f64 {
    if x == 0.0 {
        return x;
    }
    x.ln_1p()
}

fn pow(x: f64, y: f64) -> Result<f64, MathErr> {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if (y > 0.0 && x.abs() > 1.0) || (y < 0.0 && x.abs() < 1.0) {
            f64::INFINITY
        } else {
            0.0
        };
        return Ok(r);
    }
    let r = x.powf(y);
    if r.is_nan() {
        return Err(MathErr::Domain);
    }
    if r.is_infinite() {
        return Err(if x == 0.0 {
            MathErr::Domain
        } else {
            MathErr::Range
        });
    }
    Ok(r)
}

fn fmod(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let p = exact(vm, a, "fmod", 2)?;
    let x = vm.to_f64(&p[0])?;
    let y = vm.to_f64(&p[1])?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    Ok(Value::float(r))
}

/// `floor` / `ceil`: exact floats directly, else `__floor__` / `__ceil__`, else via float.
fn floor_ceil(vm: &mut Vm, a: &Args<'_>, ceil: bool) -> PyResult<Value> {
    let name = if ceil { "ceil" } else { "floor" };
    let v = one_in(vm, a, "math", name)?;
    if let Value::Float(x) = v {
        return float_to_int(
            vm,
            if ceil {
                x.get().ceil()
            } else {
                x.get().floor()
            },
        );
    }
    if vm.is_int(&v) {
        return vm.index_value(&v);
    }
    let cls = vm.type_of(&v);
    if let Some(m) = vm.lookup_type_attr(&cls, if ceil { "__ceil__" } else { "__floor__" }) {
        return vm.call(&m, &[v]);
    }
    let x = vm.to_f64(&v)?;
    float_to_int(vm, if ceil { x.ceil() } else { x.floor() })
}

fn trunc(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let v = one(vm, a, "math.trunc")?;
    if let Value::Float(x) = v {
        return float_to_int(vm, x.get().trunc());
    }
    if vm.is_int(&v) {
        return vm.index_value(&v);
    }
    let cls = vm.type_of(&v);
    match vm.lookup_type_attr(&cls, "__trunc__") {
        Some(m) => vm.call(&m, &[v]),
        None => Err(vm.new_type_error(&format!(
            "type {} doesn't define __trunc__ method",
            vm.type_name(&v)
        ))),
    }
}

/// `loghelper`: ints of any size are handled exactly; everything else goes through `f`.
fn loghelper(vm: &mut Vm, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if vm.is_int(v) {
        let b = vm.as_bigint(v).unwrap_or_default();
        if !b.is_positive() {
            return Err(domain(vm));
        }
        if let Some(x) = pyvm_vm::proto::convert::bigint_to_f64(&b) {
            return Ok(f(x));
        }
        let (m, e) = sp::bigint_frexp(&b);
        #[allow(clippy::cast_precision_loss)]
        return Ok(f(m) + f(2.0) * e as f64);
    }
    let x = vm.to_f64(v)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(domain(vm));
    }
    Ok(r)
}

fn ln(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            return x.ln();
        }
        return if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        };
    }
    if x.is_nan() || x > 0.0 {
        return x;
    }
    f64::NAN
}

fn log2(x: f64) -> f64 {
    if x > 0.0 || x.is_nan() {
        return x.log2();
    }
    if x == 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::NAN
    }
}

fn log10(x: f64) -> f64 {
    if x > 0.0 || x.is_nan() {
        return x.log10();
    }
    if x == 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::NAN
    }
}

fn log(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let p = between(vm, a, "log", 1, 2)?;
    let num = loghelper(vm, &p[0], ln)?;
    if p.len() == 1 {
        return Ok(Value::float(num));
    }
    let den = loghelper(vm, &p[1], ln)?;
    if den == 0.0 {
        return Err(vm.new_zero_division_error("float division by zero"));
    }
    Ok(Value::float(num / den))
}

fn index_big(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    let i = vm.index_value(v)?;
    Ok(vm.as_bigint(&i).unwrap_or_default())
}

fn gcd(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    super::no_kw(vm, a, "gcd")?;
    let mut res = BigInt::zero();
    for v in a.pos {
        let x = index_big(vm, v)?;
        if !res.is_one() {
            res = res.gcd(&x);
        }
    }
    Ok(vm.new_int_big(res))
}

fn lcm(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    super::no_kw(vm, a, "lcm")?;
    let mut res = BigInt::one();
    for v in a.pos {
        let x = index_big(vm, v)?;
        if !res.is_zero() {
            res = if x.is_zero() {
                BigInt::zero()
            } else {
                res.lcm(&x)
            };
        }
    }
    Ok(vm.new_int_big(res.abs()))
}

/// Product of the integers `lo..hi` by binary splitting.
fn range_product(lo: u64, hi: u64) -> BigInt {
    if hi <= lo {
        return BigInt::one();
    }
    if hi - lo <= 16 {
        let mut r = BigInt::one();
        for i in lo..hi {
            r *= i;
        }
        return r;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid, hi)
}

fn factorial_of(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    let i = vm.index_value(v)?;
    let b = vm.as_bigint(&i).unwrap_or_default();
    if b.is_negative() {
        return Err(vm.new_value_error("factorial() not defined for negative values"));
    }
    let Some(n) = b.to_u64().filter(|n| *n <= i64::MAX as u64) else {
        return Err(vm.new_overflow_error(&format!(
            "factorial() argument should not exceed {}",
            i64::MAX
        )));
    };
    // n! has about n * log2(n) bits: charged before the (possibly very long) computation.
    let log2 = u64::from(u64::BITS - n.leading_zeros());
    vm.charge_bigint(n.saturating_mul(log2))?;
    Ok(range_product(1, n.saturating_add(1)))
}

fn perm_comb(vm: &mut Vm, a: &Args<'_>, comb: bool) -> PyResult<Value> {
    let p = if comb {
        exact(vm, a, "comb", 2)?
    } else {
        between(vm, a, "perm", 1, 2)?
    };
    if !comb && (p.len() == 1 || p[1].is_none()) {
        let r = factorial_of(vm, &p[0])?;
        return Ok(vm.new_int_big(r));
    }
    let n = index_big(vm, &p[0])?;
    let k = index_big(vm, &p[1])?;
    if n.is_negative() {
        return Err(vm.new_value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.new_value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = if comb {
        let alt = &n - &k;
        if alt < k {
            alt
        } else {
            k
        }
    } else {
        k
    };
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        let what = if comb { "min(n - k, k)" } else { "k" };
        return Err(vm.new_overflow_error(&format!("{what} must not exceed {}", i64::MAX)));
    };
    // The result has at most k * bits(n) bits: charged before the (possibly very long)
    // computation, as `factorial` is.
    vm.charge_bigint(k.saturating_mul(n.bits()))?;
    // n * (n-1) * ... * (n-k+1), divided by k! for comb; both products by binary splitting
    // (one big multiplication per level instead of k growing ones).
    let p = falling_product(&n, k);
    let r = if comb {
        p / range_product(1, k.saturating_add(1))
    } else {
        p
    };
    Ok(vm.new_int_big(r))
}

/// `n * (n-1) * ... * (n-count+1)` by binary splitting.
fn falling_product(n: &BigInt, count: u64) -> BigInt {
    if count <= 16 {
        let mut r = BigInt::one();
        let mut f = n.clone();
        for _ in 0..count {
            r *= &f;
            f -= 1u32;
        }
        return r;
    }
    let half = count / 2;
    falling_product(n, half) * falling_product(&(n - half), count - half)
}

fn isqrt(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let v = one(vm, a, "math.isqrt")?;
    let n = index_big(vm, &v)?;
    if n.is_negative() {
        return Err(vm.new_value_error("isqrt() argument must be nonnegative"));
    }
    Ok(vm.new_int_big(n.sqrt()))
}

fn fsum(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let v = one(vm, a, "math.fsum")?;
    let it = vm.iter(&v)?;
    let mut acc = FSum::default();
    while let Some(item) = vm.next(&it)? {
        let x = vm.to_f64(&item)?;
        if let Err(e) = acc.add(x) {
            return Err(fsum_err(vm, &e));
        }
    }
    match acc.finish() {
        Ok(r) => Ok(Value::float(r)),
        Err(e) => Err(fsum_err(vm, &e)),
    }
}

fn fsum_err(vm: &Vm, e: &FSumErr) -> PyErr {
    match e {
        FSumErr::Overflow => vm.new_overflow_error("intermediate overflow in fsum"),
        FSumErr::InfMinusInf => vm.new_value_error("-inf + inf in fsum"),
    }
}

fn prod(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let p = bind(vm, a, "prod", &["iterable", "start"], 1, 1, 1)?;
    let iterable = p[0].clone().unwrap_or_default();
    let mut result = p[1].clone().unwrap_or(Value::Int(1));
    let it = vm.iter(&iterable)?;
    while let Some(item) = vm.next(&it)? {
        if let (Value::Int(x), Value::Int(y)) = (&result, &item) {
            if let Some(r) = x.checked_mul(*y) {
                result = Value::Int(r);
                continue;
            }
        }
        result = vm.binary_op(&result, &item, BinOp::Mul, false)?;
    }
    Ok(result)
}

fn sumprod(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let p = exact(vm, a, "sumprod", 2)?;
    let pi = vm.iter(&p[0])?;
    let qi = vm.iter(&p[1])?;
    let mut total = Value::Int(0);
    let mut int_total: i64 = 0;
    let mut int_used = false;
    let mut flt = sp::Triple::default();
    let mut flt_used = false;
    let mut int_path = true;
    let mut flt_path = true;
    loop {
        let x = vm.next(&pi)?;
        let y = vm.next(&qi)?;
        if x.is_some() != y.is_some() {
            return Err(vm.new_value_error("Inputs are not the same length"));
        }
        let pair = x.zip(y);
        if int_path {
            if let Some((Value::Int(x), Value::Int(y))) = &pair {
                if let Some(t) = x.checked_mul(*y).and_then(|m| int_total.checked_add(m)) {
                    int_total = t;
                    int_used = true;
                    continue;
                }
            }
            int_path = false;
            if int_used {
                total = vm.binary_op(&total, &Value::Int(int_total), BinOp::Add, false)?;
                int_used = false;
            }
        }
        if flt_path {
            let fl = match &pair {
                Some((Value::Float(x), Value::Float(y))) => Some((x.get(), y.get())),
                Some((Value::Float(x), Value::Int(y))) => Some((x.get(), *y as f64)),
                Some((Value::Float(x), Value::Bool(y))) => Some((x.get(), f64::from(u8::from(*y)))),
                Some((Value::Int(x), Value::Float(y))) => Some((*x as f64, y.get())),
                Some((Value::Bool(x), Value::Float(y))) => Some((f64::from(u8::from(*x)), y.get())),
                _ => None,
            };
            if let Some((x, y)) = fl {
                let n = flt.fma(x, y);
                if n.hi().is_finite() {
                    flt = n;
                    flt_used = true;
                    continue;
                }
            }
            flt_path = false;
            if flt_used {
                total = vm.binary_op(&total, &Value::float(flt.to_f64()), BinOp::Add, false)?;
                flt_used = false;
            }
        }
        let Some((x, y)) = pair else { return Ok(total) };
        let term = vm.binary_op(&x, &y, BinOp::Mul, false)?;
        total = vm.binary_op(&total, &term, BinOp::Add, false)?;
    }
}

fn coords(vm: &mut Vm, items: &[Value]) -> PyResult<(Vec<f64>, f64, bool)> {
    let mut out = Vec::with_capacity(items.len());
    let mut max = 0.0f64;
    let mut nan = false;
    for v in items {
        let x = vm.to_f64(v)?.abs();
        nan |= x.is_nan();
        if x > max {
            max = x;
        }
        out.push(x);
    }
    Ok((out, max, nan))
}

fn hypot(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.new_type_error("math.hypot() takes no keyword arguments"));
    }
    let (mut v, max, nan) = coords(vm, a.pos)?;
    Ok(Value::float(sp::vector_norm(&mut v, max, nan)))
}

fn dist(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let p = exact(vm, a, "dist", 2)?;
    let ps = vm.to_vec(&p[0])?;
    let qs = vm.to_vec(&p[1])?;
    if ps.len() != qs.len() {
        return Err(vm.new_value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(ps.len());
    let mut max = 0.0f64;
    let mut nan = false;
    for (x, y) in ps.iter().zip(qs.iter()) {
        let px = vm.to_f64(x)?;
        let qx = vm.to_f64(y)?;
        let d = (px - qx).abs();
        nan |= d.is_nan();
        if d > max {
            max = d;
        }
        diffs.push(d);
    }
    Ok(Value::float(sp::vector_norm(&mut diffs, max, nan)))
}

fn isclose(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let p = bind(vm, a, "isclose", &["a", "b", "rel_tol", "abs_tol"], 0, 2, 2)?;
    let x = vm.to_f64(p[0].as_ref().unwrap_or(&Value::None))?;
    let y = vm.to_f64(p[1].as_ref().unwrap_or(&Value::None))?;
    let rel = match &p[2] {
        Some(v) => vm.to_f64(v)?,
        None => 1e-9,
    };
    let abs = match &p[3] {
        Some(v) => vm.to_f64(v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.new_value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::Bool(B64::TRUE));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::Bool(B64::FALSE));
    }
    let diff = (y - x).abs();
    Ok(Value::Bool(B64::new(
        diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs,
    )))
}

fn frexp(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let v = one(vm, a, "math.frexp")?;
    let x = vm.to_f64(&v)?;
    let (m, e) = sp::frexp(x);
    Ok(vm.new_tuple(vec![Value::float(m), Value::Int(i64::from(e))]))
}

fn ldexp(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let p = exact(vm, a, "ldexp", 2)?;
    let x = vm.to_f64(&p[0])?;
    if !vm.is_int(&p[1]) {
        return Err(vm.new_type_error("Expected an int as second argument to ldexp."));
    }
    let e = match vm.as_bigint(&p[1]) {
        Some(b) => b
            .to_i64()
            .unwrap_or(if b.is_negative() { i64::MIN } else { i64::MAX }),
        None => 0,
    };
    let r = sp::ldexp(x, e);
    if r.is_infinite() && x.is_finite() {
        return Err(range_err(vm));
    }
    Ok(Value::float(r))
}

fn modf(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let v = one(vm, a, "math.modf")?;
    let x = vm.to_f64(&v)?;
    let (frac, int) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let i = x.trunc();
        ((x - i).copysign(x), i)
    };
    Ok(vm.new_tuple(vec![Value::float(frac), Value::float(int)]))
}

fn nextafter(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let p = bind(vm, a, "nextafter", &["x", "y", "steps"], 2, 2, 1)?;
    let x = vm.to_f64(p[0].as_ref().unwrap_or(&Value::None))?;
    let y = vm.to_f64(p[1].as_ref().unwrap_or(&Value::None))?;
    match &p[2] {
        None | Some(Value::None) => Ok(Value::float(sp::nextafter(x, y))),
        Some(s) => {
            let n = index_big(vm, s)?;
            if n.is_negative() {
                return Err(vm.new_value_error("steps must be a non-negative integer"));
            }
            let steps = n.to_u64().unwrap_or(u64::MAX);
            Ok(Value::float(sp::nextafter_steps(x, y, steps)))
        }
    }
}

fn ulp(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let v = one(vm, a, "math.ulp")?;
    let x = vm.to_f64(&v)?;
    if x.is_nan() {
        return Ok(Value::float(x));
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(Value::float(x));
    }
    let x2 = sp::nextafter(x, f64::INFINITY);
    if x2.is_infinite() {
        return Ok(Value::float(x - sp::nextafter(x, f64::NEG_INFINITY)));
    }
    Ok(Value::float(x2 - x))
}

fn float_pred(vm: &mut Vm, a: &Args<'_>, name: &str, f: fn(f64) -> bool) -> PyResult<Value> {
    let v = one_in(vm, a, "math", name)?;
    let x = vm.to_f64(&v)?;
    Ok(Value::bool(f(x)))
}

macro_rules! f1 {
    ($vm:expr, $m:expr, $name:literal, $f:expr, $over:expr) => {
        add_fn($vm, $m, $name, |vm, a| math1(vm, &a, $name, $f, $over));
    };
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let m = &m;
    f1!(vm, m, "acos", f64::acos, false);
    f1!(vm, m, "acosh", sp::acosh, false);
    f1!(vm, m, "asin", f64::asin, false);
    f1!(vm, m, "asinh", sp::asinh, false);
    f1!(vm, m, "atan", f64::atan, false);
    f1!(vm, m, "atanh", sp::atanh, false);
    f1!(vm, m, "cbrt", f64::cbrt, false);
    f1!(vm, m, "cos", f64::cos, false);
    f1!(vm, m, "cosh", f64::cosh, true);
    f1!(vm, m, "exp", f64::exp, true);
    f1!(vm, m, "exp2", f64::exp2, true);
    f1!(vm, m, "expm1", f64::exp_m1, true);
    f1!(vm, m, "fabs", f64::abs, false);
    f1!(vm, m, "log1p", log1p, false);
    f1!(vm, m, "sin", f64::sin, false);
    f1!(vm, m, "sinh", f64::sinh, true);
    f1!(vm, m, "sqrt", f64::sqrt, false);
    f1!(vm, m, "tan", f64::tan, false);
    f1!(vm, m, "tanh", f64::tanh, false);
    add_fn(vm, m, "erf", |vm, a| {
        math1a(vm, &a, "erf", |x| Ok(sp::erf(x)))
    });
    add_fn(vm, m, "erfc", |vm, a| {
        math1a(vm, &a, "erfc", |x| Ok(sp::erfc(x)))
    });
    add_fn(vm, m, "gamma", |vm, a| math1a(vm, &a, "gamma", sp::gamma));
    add_fn(vm, m, "lgamma", |vm, a| {
        math1a(vm, &a, "lgamma", sp::lgamma)
    });
    add_fn(vm, m, "atan2", |vm, a| math2(vm, &a, "atan2", atan2));
    add_fn(vm, m, "copysign", |vm, a| {
        math2(vm, &a, "copysign", f64::copysign)
    });
    add_fn(vm, m, "remainder", |vm, a| {
        math2(vm, &a, "remainder", sp::remainder)
    });
    add_fn(vm, m, "fmod", |vm, a| fmod(vm, &a));
    add_fn(vm, m, "pow", |vm, a| {
        let p = exact(vm, &a, "pow", 2)?;
        let x = vm.to_f64(&p[0])?;
        let y = vm.to_f64(&p[1])?;
        pow(x, y).map(Value::float).map_err(|e| merr(vm, e))
    });
    add_fn(vm, m, "floor", |vm, a| floor_ceil(vm, &a, false));
    add_fn(vm, m, "ceil", |vm, a| floor_ceil(vm, &a, true));
    add_fn(vm, m, "trunc", |vm, a| trunc(vm, &a));
    add_fn(vm, m, "log", |vm, a| log(vm, &a));
    add_fn(vm, m, "log2", |vm, a| {
        let v = one(vm, &a, "math.log2")?;
        loghelper(vm, &v, log2).map(Value::float)
    });
    add_fn(vm, m, "log10", |vm, a| {
        let v = one(vm, &a, "math.log10")?;
        loghelper(vm, &v, log10).map(Value::float)
    });
    add_fn(vm, m, "gcd", |vm, a| gcd(vm, &a));
    add_fn(vm, m, "lcm", |vm, a| lcm(vm, &a));
    add_fn(vm, m, "factorial", |vm, a| {
        let v = one(vm, &a, "math.factorial")?;
        let r = factorial_of(vm, &v)?;
        Ok(vm.new_int_big(r))
    });
    add_fn(vm, m, "comb", |vm, a| perm_comb(vm, &a, true));
    add_fn(vm, m, "perm", |vm, a| perm_comb(vm, &a, false));
    add_fn(vm, m, "isqrt", |vm, a| isqrt(vm, &a));
    add_fn(vm, m, "fsum", |vm, a| fsum(vm, &a));
    add_fn(vm, m, "prod", |vm, a| prod(vm, &a));
    add_fn(vm, m, "sumprod", |vm, a| sumprod(vm, &a));
    add_fn(vm, m, "hypot", |vm, a| hypot(vm, &a));
    add_fn(vm, m, "dist", |vm, a| dist(vm, &a));
    add_fn(vm, m, "isclose", |vm, a| isclose(vm, &a));
    add_fn(vm, m, "frexp", |vm, a| frexp(vm, &a));
    add_fn(vm, m, "ldexp", |vm, a| ldexp(vm, &a));
    add_fn(vm, m, "modf", |vm, a| modf(vm, &a));
    add_fn(vm, m, "nextafter", |vm, a| nextafter(vm, &a));
    add_fn(vm, m, "ulp", |vm, a| ulp(vm, &a));
    add_fn(vm, m, "degrees", |vm, a| {
        let v = one(vm, &a, "math.degrees")?;
        let x = vm.to_f64(&v)?;
        Ok(Value::float(x * (180.0 / std::f64::consts::PI)))
    });
    add_fn(vm, m, "radians", |vm, a| {
        let v = one(vm, &a, "math.radians")?;
        let x = vm.to_f64(&v)?;
        Ok(Value::float(x * (std::f64::consts::PI / 180.0)))
    });
    add_fn(vm, m, "isfinite", |vm, a| {
        float_pred(vm, &a, "isfinite", f64::is_finite)
    });
    add_fn(vm, m, "isnan", |vm, a| {
        float_pred(vm, &a, "isnan", f64::is_nan)
    });
    add_fn(vm, m, "isinf", |vm, a| {
        float_pred(vm, &a, "isinf", f64::is_infinite)
    });
    vm.set_module_attr(m, "pi", Value::float(std::f64::consts::PI));
    vm.set_module_attr(m, "e", Value::float(std::f64::consts::E));
    vm.set_module_attr(m, "tau", Value::float(std::f64::consts::TAU));
    vm.set_module_attr(m, "inf", Value::float(f64::INFINITY));
    vm.set_module_attr(m, "nan", Value::float(f64::NAN));
    Ok(m.clone())
}
