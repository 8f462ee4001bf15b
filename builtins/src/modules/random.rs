//! `_random` / `random`: the Mersenne Twister generator with CPython's seeding, and the
//! `random.Random` methods (`randrange`, `choice`, `shuffle`, `sample`, `gauss`, …) computed
//! exactly as `random.py` does, so a seeded program sees the same numbers.

use super::digest_md::sha512;
use super::random_mt::Mt;
use super::{bind, new_type, register};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};
use pyvm_vm::proto::arith::BinOp;
use pyvm_vm::{Args, ObjRef, Payload, PyErr, PyResult, Value, Vm};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["random"], build);
    // CPython's `random` is Python over `_random` (see `random_base.rs`): a standard library on
    // the path wins.
    vm.mark_fallback_module("random");
}

struct RandState {
    mt: Mt,
    gauss_next: Option<f64>,
}

type Cell = RefCell<RandState>;

const TWOPI: f64 = 2.0 * std::f64::consts::PI;
const LOG4: f64 = 1.386_294_361_119_890_6;
const SG_MAGICCONST: f64 = 2.504_077_396_776_274;

fn st<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a Cell> {
    super::this::<Cell>(vm, a, "Random", "method")
}

fn rest<'a>(a: &Args<'a>) -> Args<'a> {
    Args {
        pos: a.pos.get(1..).unwrap_or(&[]),
        kw: a.kw,
    }
}

fn words_of(b: &BigInt) -> Vec<u32> {
    let w = b.magnitude().to_u32_digits();
    if w.is_empty() {
        vec![0]
    } else {
        w
    }
}

pub(crate) fn time_seed() -> Vec<u32> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let probe = Box::new(0u8);
    let addr = std::ptr::addr_of!(*probe) as usize as u128;
    let mix = now ^ (addr << 64) ^ u128::from(std::process::id());
    #[allow(clippy::cast_possible_truncation)]
    let words = [
        mix as u32,
        (mix >> 32) as u32,
        (mix >> 64) as u32,
        (mix >> 96) as u32,
    ];
    words.to_vec()
}

fn seed(vm: &mut Vm, cell: &Cell, a: Option<&Value>, version: i64) -> PyResult<()> {
    let key: Vec<u32> = match a {
        None | Some(Value::None) => time_seed(),
        Some(v) => {
            if let Some(b) = vm.as_bigint(v) {
                words_of(&b)
            } else if let Some(s) = v.as_str().filter(|_| version == 1) {
                let cps: Vec<u32> = s.chars().map(u32::from).collect();
                let mut x: u64 = cps.first().map_or(0, |c| u64::from(*c) << 7);
                for c in &cps {
                    x = 1_000_003u64.wrapping_mul(x) ^ u64::from(*c);
                }
                x ^= cps.len() as u64;
                words_of(&BigInt::from(x))
            } else if matches!(
                v.payload(),
                Some(Payload::Str(_) | Payload::Bytes(_) | Payload::ByteArray(_))
            ) {
                let bytes = match v.as_str() {
                    Some(s) => s.as_bytes().to_vec(),
                    None => vm.bytes_like(v)?,
                };
                let mut all = bytes.clone();
                all.extend_from_slice(&sha512(&bytes));
                words_of(&BigInt::from_bytes_be(Sign::Plus, &all))
            } else if matches!(v, Value::Float(_)) {
                let h = vm.hash(v)?;
                #[allow(clippy::cast_sign_loss)]
                let u = h as u64;
                words_of(&BigInt::from(u))
            } else {
                return Err(vm.new_type_error(
                    "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
                ));
            }
        }
    };
    let mut s = cell.borrow_mut();
    s.mt.init_by_array(&key);
    s.gauss_next = None;
    Ok(())
}

fn random(cell: &Cell) -> f64 {
    cell.borrow_mut().mt.random()
}

fn getrandbits(cell: &Cell, k: usize) -> BigInt {
    if k == 0 {
        return BigInt::zero();
    }
    let words = cell.borrow_mut().mt.getrandbits_words(k);
    BigInt::from_slice(Sign::Plus, &words)
}

/// A random int in `[0, n)` (n > 0) by rejection sampling on `getrandbits(n.bit_length())`.
fn randbelow(cell: &Cell, n: &BigInt) -> BigInt {
    if let Some(small) = n.to_u64() {
        let k = 64 - small.leading_zeros() as usize;
        loop {
            let words = cell.borrow_mut().mt.getrandbits_words(k);
            let r = u64::from(words[0]) | words.get(1).map_or(0, |w| u64::from(*w) << 32);
            if r < small {
                return BigInt::from(r);
            }
        }
    }
    let k = usize::try_from(n.bits()).unwrap_or(usize::MAX);
    loop {
        let r = getrandbits(cell, k);
        if &r < n {
            return r;
        }
    }
}

fn randbelow_usize(cell: &Cell, n: usize) -> usize {
    randbelow(cell, &BigInt::from(n)).to_usize().unwrap_or(0)
}

fn index_big(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    let i = vm.index_value(v)?;
    Ok(vm.as_bigint(&i).unwrap_or_default())
}

fn randrange(vm: &mut Vm, cell: &Cell, a: &Args<'_>) -> PyResult<Value> {
    let p = bind(vm, a, "randrange", &["start", "stop", "step"], 0, 1, 0)?;
    let start = p[0].clone().unwrap_or_default();
    let istart = index_big(vm, &start)?;
    let stop = p[1].clone().filter(|v| !v.is_none());
    let Some(stop) = stop else {
        if p[2].is_some() {
            return Err(vm.new_type_error("Missing a non-None stop argument"));
        }
        if istart.is_positive() {
            return Ok(vm.new_int_big(randbelow(cell, &istart)));
        }
        return Err(vm.new_value_error("empty range for randrange()"));
    };
    let istop = index_big(vm, &stop)?;
    let width = &istop - &istart;
    let step = p[2].clone().unwrap_or(Value::Int(1));
    let istep = index_big(vm, &step)?;
    if istep == BigInt::from(1) {
        if width.is_positive() {
            return Ok(vm.new_int_big(istart + randbelow(cell, &width)));
        }
        let (s1, s2) = (vm.str_string(&start)?, vm.str_string(&stop)?);
        return Err(vm.new_value_error(&format!("empty range in randrange({s1}, {s2})")));
    }
    let n = if istep.is_positive() {
        num_integer::Integer::div_floor(&(&width + &istep - 1), &istep)
    } else if istep.is_negative() {
        num_integer::Integer::div_floor(&(&width + &istep + 1), &istep)
    } else {
        return Err(vm.new_value_error("zero step for randrange()"));
    };
    if !n.is_positive() {
        let (s1, s2, s3) = (
            vm.str_string(&start)?,
            vm.str_string(&stop)?,
            vm.str_string(&step)?,
        );
        return Err(vm.new_value_error(&format!("empty range in randrange({s1}, {s2}, {s3})")));
    }
    Ok(vm.new_int_big(istart + istep * randbelow(cell, &n)))
}

fn floor_int(vm: &Vm, x: f64) -> PyResult<usize> {
    if !x.is_finite() {
        return Err(vm.new_overflow_error("cannot convert float infinity to integer"));
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(x.floor().max(0.0) as usize)
}

fn is_sequence(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(
            Payload::List(_)
            | Payload::Tuple(_)
            | Payload::Str(_)
            | Payload::Bytes(_)
            | Payload::ByteArray(_)
            | Payload::Range(_),
        ) => true,
        Some(
            Payload::Dict(_) | Payload::Set(_) | Payload::FrozenSet(_) | Payload::DictView { .. },
        ) => false,
        Some(_) => {
            let cls = vm.type_of(v);
            vm.lookup_type_attr(&cls, "__getitem__").is_some()
                && vm.lookup_type_attr(&cls, "__len__").is_some()
        }
        None => false,
    }
}

fn sample(vm: &mut Vm, cell: &Cell, a: &Args<'_>) -> PyResult<Value> {
    let p = bind(vm, a, "sample", &["population", "k", "counts"], 0, 2, 1)?;
    let pop = p[0].clone().unwrap_or_default();
    if !is_sequence(vm, &pop) {
        return Err(
            vm.new_type_error("Population must be a sequence.  For dicts or sets, use sorted(d).")
        );
    }
    let n = vm.len(&pop)?;
    let kv = p[1].clone().unwrap_or_default();
    if let Some(counts) = p[2].clone().filter(|c| !c.is_none()) {
        let counts = vm.to_vec(&counts)?;
        let mut cum = Vec::with_capacity(counts.len());
        let mut acc: Option<Value> = None;
        for c in counts {
            let next = match acc {
                None => c,
                Some(x) => vm.binary_op(&x, &c, BinOp::Add, false)?,
            };
            cum.push(next.clone());
            acc = Some(next);
        }
        if cum.len() != n {
            return Err(vm.new_value_error("The number of counts does not match the population"));
        }
        let total = cum.pop().unwrap_or(Value::Int(0));
        if !vm.is_int(&total) {
            return Err(vm.new_type_error("Counts must be integers"));
        }
        let t = vm.to_index(&total)?;
        if t <= 0 {
            return Err(vm.new_value_error("Total of counts must be greater than zero"));
        }
        let range = vm.get_builtin("range").unwrap_or_default();
        let r = vm.call(&range, &[Value::Int(t)])?;
        let kw = [(Rc::from("k"), kv)];
        let sel = sample(vm, cell, &Args { pos: &[r], kw: &kw })?;
        let mut out = Vec::new();
        for s in vm.to_vec(&sel)? {
            vm.tick()?;
            let mut lo = 0usize;
            let mut hi = cum.len();
            while lo < hi {
                let mid = (lo + hi) / 2;
                if vm.lt(&s, &cum[mid])? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            out.push(vm.getitem(&pop, &Value::Int(i64::try_from(lo).unwrap_or(0)))?);
        }
        return Ok(vm.new_list(out));
    }
    let k = vm.to_index(&kv)?;
    let k = match usize::try_from(k) {
        Ok(k) if k <= n => k,
        _ => return Err(vm.new_value_error("Sample larger than population or is negative")),
    };
    let mut setsize = 21usize;
    if k > 5 {
        #[allow(clippy::cast_precision_loss)]
        let e = ((k * 3) as f64).ln() / 4f64.ln();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let e = e.ceil() as u32;
        setsize = setsize.saturating_add(4usize.saturating_pow(e));
    }
    // `k` comes from the guest: reserve a bounded amount, grow as the results come.
    let mut result = Vec::with_capacity(k.min(1 << 16));
    if n <= setsize {
        let mut pool = vm.to_vec(&pop)?;
        for i in 0..k {
            vm.tick()?;
            let j = randbelow_usize(cell, n - i);
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = HashSet::new();
        for _ in 0..k {
            vm.tick()?;
            let mut j = randbelow_usize(cell, n);
            while selected.contains(&j) {
                j = randbelow_usize(cell, n);
            }
            selected.insert(j);
            result.push(vm.getitem(&pop, &Value::Int(i64::try_from(j).unwrap_or(0)))?);
        }
    }
    Ok(vm.new_list(result))
}

fn choices(vm: &mut Vm, cell: &Cell, a: &Args<'_>) -> PyResult<Value> {
    let p = bind(
        vm,
        a,
        "choices",
        &["population", "weights", "cum_weights", "k"],
        0,
        1,
        2,
    )?;
    let pop = p[0].clone().unwrap_or_default();
    let n = vm.len(&pop)?;
    let k = match &p[3] {
        Some(v) => usize::try_from(vm.to_index(v)?).unwrap_or(0),
        None => 1,
    };
    let weights = p[1].clone().filter(|v| !v.is_none());
    let mut cum = match p[2].clone().filter(|v| !v.is_none()) {
        Some(c) => {
            if weights.is_some() {
                return Err(vm.new_type_error("Cannot specify both weights and cumulative weights"));
            }
            vm.to_vec(&c)?
        }
        None => match weights {
            None => {
                #[allow(clippy::cast_precision_loss)]
                let nf = n as f64;
                let mut out = Vec::with_capacity(k.min(1 << 20));
                for _ in 0..k {
                    vm.tick()?;
                    let i = floor_int(vm, random(cell) * nf)?;
                    out.push(vm.getitem(&pop, &Value::Int(i64::try_from(i).unwrap_or(0)))?);
                }
                return Ok(vm.new_list(out));
            }
            Some(w) => {
                if vm.is_int(&w) {
                    let kk = vm.repr_string(&w)?;
                    return Err(vm.new_type_error(&format!(
                        "The number of choices must be a keyword argument: k={kk}"
                    )));
                }
                let mut out = Vec::new();
                let mut acc: Option<Value> = None;
                for x in vm.to_vec(&w)? {
                    let next = match acc {
                        None => x,
                        Some(s) => vm.binary_op(&s, &x, BinOp::Add, false)?,
                    };
                    out.push(next.clone());
                    acc = Some(next);
                }
                out
            }
        },
    };
    if cum.len() != n {
        return Err(vm.new_value_error("The number of weights does not match the population"));
    }
    let last = cum.pop().unwrap_or(Value::Int(0));
    let total = vm.binary_op(&last, &Value::float(0.0), BinOp::Add, false)?;
    cum.push(last);
    let t = vm.to_f64(&total)?;
    if t <= 0.0 {
        return Err(vm.new_value_error("Total of weights must be greater than zero"));
    }
    if !t.is_finite() {
        return Err(vm.new_value_error("Total of weights must be finite"));
    }
    let hi = n - 1;
    let mut out = Vec::with_capacity(k.min(1 << 20));
    for _ in 0..k {
        vm.tick()?;
        let x = Value::float(random(cell) * t);
        let (mut lo, mut h) = (0usize, hi);
        while lo < h {
            let mid = (lo + h) / 2;
            if vm.lt(&x, &cum[mid])? {
                h = mid;
            } else {
                lo = mid + 1;
            }
        }
        out.push(vm.getitem(&pop, &Value::Int(i64::try_from(lo).unwrap_or(0)))?);
    }
    Ok(vm.new_list(out))
}

fn f(vm: &mut Vm, v: &Option<Value>, default: f64) -> PyResult<f64> {
    match v {
        Some(x) => vm.to_f64(x),
        None => Ok(default),
    }
}

fn normal(cell: &Cell) -> f64 {
    let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
    loop {
        let u1 = random(cell);
        let u2 = 1.0 - random(cell);
        let z = magic * (u1 - 0.5) / u2;
        let zz = z * z / 4.0;
        if zz <= -u2.ln() {
            return z;
        }
    }
}

fn gamma(vm: &Vm, cell: &Cell, alpha: f64, beta: f64) -> PyResult<f64> {
    if alpha <= 0.0 || beta <= 0.0 {
        return Err(vm.new_value_error("gammavariate: alpha and beta must be > 0.0"));
    }
    if alpha > 1.0 {
        let ainv = (2.0 * alpha - 1.0).sqrt();
        let bbb = alpha - LOG4;
        let ccc = alpha + ainv;
        loop {
            let u1 = random(cell);
            if !(1e-7 < u1 && u1 < 0.999_999_9) {
                continue;
            }
            let u2 = 1.0 - random(cell);
            let v = (u1 / (1.0 - u1)).ln() / ainv;
            let x = alpha * v.exp();
            let z = u1 * u1 * u2;
            let r = bbb + ccc * v - x;
            if r + SG_MAGICCONST - 4.5 * z >= 0.0 || r >= z.ln() {
                return Ok(x * beta);
            }
        }
    } else if alpha == 1.0 {
        Ok(-(1.0 - random(cell)).ln() * beta)
    } else {
        let e = std::f64::consts::E;
        loop {
            let u = random(cell);
            let b = (e + alpha) / e;
            let p = b * u;
            let x = if p <= 1.0 {
                p.powf(1.0 / alpha)
            } else {
                -((b - p) / alpha).ln()
            };
            let u1 = random(cell);
            if p > 1.0 {
                if u1 <= x.powf(alpha - 1.0) {
                    return Ok(x * beta);
                }
            } else if u1 <= (-x).exp() {
                return Ok(x * beta);
            }
        }
    }
}

/// `binomialvariate(n, p)`: CPython's algorithm (geometric skipping for small `n*p`, BTRS
/// otherwise), consuming the same random numbers.
fn binomial(vm: &Vm, cell: &Cell, n: i64, p: f64) -> PyResult<i64> {
    if n < 0 {
        return Err(vm.new_value_error("n must be non-negative"));
    }
    if p <= 0.0 || p >= 1.0 {
        if p == 0.0 {
            return Ok(0);
        }
        if p == 1.0 {
            return Ok(n);
        }
        return Err(vm.new_value_error("p must be in the range 0.0 <= p <= 1.0"));
    }
    if n == 1 {
        return Ok(i64::from(random(cell) < p));
    }
    if p > 0.5 {
        return Ok(n - binomial(vm, cell, n, 1.0 - p)?);
    }
    #[allow(clippy::cast_precision_loss)]
    let nf = n as f64;
    if nf * p < 10.0 {
        let (mut x, mut y) = (0i64, 0i64);
        let c = (1.0 - p).log2();
        if c == 0.0 {
            return Ok(x);
        }
        loop {
            #[allow(clippy::cast_possible_truncation)]
            let step = (random(cell).log2() / c).floor() as i64;
            y = y.saturating_add(step).saturating_add(1);
            if y > n {
                return Ok(x);
            }
            x += 1;
        }
    }
    let spq = (nf * p * (1.0 - p)).sqrt();
    let b = 1.15 + 2.53 * spq;
    let a = -0.0873 + 0.0248 * b + 0.01 * p;
    let c = nf * p + 0.5;
    let vr = 0.92 - 4.2 / b;
    let mut setup: Option<(f64, f64, f64, f64)> = None;
    loop {
        let mut u = random(cell);
        u -= 0.5;
        let us = 0.5 - u.abs();
        let kf = ((2.0 * a / us + b) * u + c).floor();
        if kf < 0.0 || kf > nf {
            continue;
        }
        #[allow(clippy::cast_possible_truncation)]
        let k = kf as i64;
        let mut v = random(cell);
        if us >= 0.07 && v <= vr {
            return Ok(k);
        }
        let (alpha, lpq, m, h) = match setup {
            Some(s) => s,
            None => {
                let alpha = (2.83 + 5.1 / b) * spq;
                let lpq = (p / (1.0 - p)).ln();
                let m = ((nf + 1.0) * p).floor();
                let lg = |x: f64| super::math_special::lgamma(x).unwrap_or(f64::INFINITY);
                let h = lg(m + 1.0) + lg(nf - m + 1.0);
                setup = Some((alpha, lpq, m, h));
                (alpha, lpq, m, h)
            }
        };
        v *= alpha / (a / (us * us) + b);
        let lg = |x: f64| super::math_special::lgamma(x).unwrap_or(f64::INFINITY);
        if v.ln() <= h - lg(kf + 1.0) - lg(nf - kf + 1.0) + (kf - m) * lpq {
            return Ok(k);
        }
    }
}

fn err_float(vm: &Vm, r: Result<f64, PyErr>) -> PyResult<Value> {
    let _ = vm;
    r.map(Value::float)
}

/// Defines a `Random` method taking the generator state.
fn method(
    vm: &mut Vm,
    cls: &ObjRef,
    name: &str,
    f: impl Fn(&mut Vm, &Cell, Args<'_>) -> PyResult<Value> + 'static,
) {
    super::add_method(vm, cls, name, move |vm, a| {
        let cell = st(vm, &a)?;
        f(vm, cell, rest(&a))
    });
}

fn make_class(vm: &mut Vm, module: &str) -> PyResult<ObjRef> {
    let cls = new_type(vm, module, "Random", &[])?;
    let base = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        let s = RefCell::new(RandState {
            mt: Mt::new(),
            gauss_next: None,
        });
        Ok(super::alloc_native(vm, &c, &base, s))
    });
    method(vm, &cls, "__init__", |vm, cell, a| {
        let p = bind(vm, &a, "Random", &["x"], 0, 0, 0)?;
        seed(vm, cell, p[0].as_ref(), 2)?;
        Ok(Value::None)
    });
    method(vm, &cls, "seed", |vm, cell, a| {
        let p = bind(vm, &a, "seed", &["a", "version"], 0, 0, 0)?;
        let version = match &p[1] {
            Some(v) => vm.to_index(v)?,
            None => 2,
        };
        seed(vm, cell, p[0].as_ref(), version)?;
        Ok(Value::None)
    });
    method(vm, &cls, "random", |vm, cell, a| {
        super::none(vm, &a, "random")?;
        Ok(Value::float(random(cell)))
    });
    method(vm, &cls, "getrandbits", |vm, cell, a| {
        let v = super::one(vm, &a, "getrandbits")?;
        let k = vm.to_index(&v)?;
        if k < 0 {
            return Err(vm.new_value_error("number of bits must be non-negative"));
        }
        let k = usize::try_from(k).unwrap_or(0);
        // CPython takes `k` as a C int; up to that, it builds the number (256 MiB at most).
        if k > i32::MAX as usize {
            return Err(vm.new_overflow_error("Python int too large to convert to C int"));
        }
        Ok(vm.new_int_big(getrandbits(cell, k)))
    });
    method(vm, &cls, "randbytes", |vm, cell, a| {
        let v = super::one(vm, &a, "randbytes")?;
        let n = vm.to_index(&v)?;
        let n = usize::try_from(n)
            .map_err(|_| vm.new_value_error("number of bits must be non-negative"))?;
        if n > 1 << 27 {
            return Err(vm.new_overflow_error("randbytes() argument too large"));
        }
        let words = if n == 0 {
            Vec::new()
        } else {
            cell.borrow_mut().mt.getrandbits_words(n * 8)
        };
        let mut bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        bytes.truncate(n);
        Ok(vm.new_bytes(bytes))
    });
    method(vm, &cls, "getstate", |vm, cell, _a| {
        let (words, idx, g) = {
            let s = cell.borrow();
            (s.mt.state, s.mt.index, s.gauss_next)
        };
        let mut items: Vec<Value> = words.iter().map(|w| Value::Int(i64::from(*w))).collect();
        items.push(Value::Int(i64::try_from(idx).unwrap_or(0)));
        let inner = vm.new_tuple(items);
        let g = g.map_or(Value::None, Value::float);
        Ok(vm.new_tuple(vec![Value::Int(3), inner, g]))
    });
    method(vm, &cls, "setstate", |vm, cell, a| {
        let state = super::one(vm, &a, "setstate")?;
        let parts = vm.to_vec(&state)?;
        let (Some(inner), Some(g)) = (parts.get(1), parts.get(2)) else {
            return Err(
                vm.new_value_error("state with version 3 passed to Random.setstate() of version 3")
            );
        };
        let words = vm.to_vec(inner)?;
        if words.len() != 625 {
            return Err(vm.new_value_error("state vector is the wrong size"));
        }
        let mut s = cell.borrow_mut();
        for (i, w) in words.iter().take(624).enumerate() {
            s.mt.state[i] = vm.as_bigint(w).and_then(|b| b.to_u32()).unwrap_or(0);
        }
        let idx = vm
            .as_bigint(&words[624])
            .and_then(|b| b.to_usize())
            .unwrap_or(624);
        if idx > 624 {
            return Err(vm.new_value_error("invalid state"));
        }
        s.mt.index = idx;
        s.gauss_next = match g {
            Value::Float(x) => Some(x.get()),
            _ => None,
        };
        Ok(Value::None)
    });
    method(vm, &cls, "randrange", |vm, cell, a| randrange(vm, cell, &a));
    method(vm, &cls, "randint", |vm, cell, a| {
        let p = super::exact(vm, &a, "randint", 2)?;
        let b1 = vm.binary_op(&p[1], &Value::Int(1), BinOp::Add, false)?;
        let args = [p[0].clone(), b1];
        randrange(vm, cell, &Args::new(&args))
    });
    method(vm, &cls, "choice", |vm, cell, a| {
        let seq = super::one(vm, &a, "choice")?;
        let n = vm.len(&seq)?;
        if n == 0 {
            return Err(vm.new_index_error("Cannot choose from an empty sequence"));
        }
        let i = randbelow_usize(cell, n);
        vm.getitem(&seq, &Value::Int(i64::try_from(i).unwrap_or(0)))
    });
    method(vm, &cls, "shuffle", |vm, cell, a| {
        let x = super::one(vm, &a, "shuffle")?;
        let n = vm.len(&x)?;
        for i in (1..n).rev() {
            let j = randbelow_usize(cell, i + 1);
            let (iv, jv) = (
                Value::Int(i64::try_from(i).unwrap_or(0)),
                Value::Int(i64::try_from(j).unwrap_or(0)),
            );
            let xj = vm.getitem(&x, &jv)?;
            let xi = vm.getitem(&x, &iv)?;
            vm.setitem(&x, &iv, xj)?;
            vm.setitem(&x, &jv, xi)?;
        }
        Ok(Value::None)
    });
    method(vm, &cls, "sample", |vm, cell, a| sample(vm, cell, &a));
    method(vm, &cls, "choices", |vm, cell, a| choices(vm, cell, &a));
    method(vm, &cls, "uniform", |vm, cell, a| {
        let p = bind(vm, &a, "uniform", &["a", "b"], 0, 2, 0)?;
        let (x, y) = (
            p[0].clone().unwrap_or_default(),
            p[1].clone().unwrap_or_default(),
        );
        let d = vm.binary_op(&y, &x, BinOp::Sub, false)?;
        let r = Value::float(random(cell));
        let m = vm.binary_op(&d, &r, BinOp::Mul, false)?;
        vm.binary_op(&x, &m, BinOp::Add, false)
    });
    method(vm, &cls, "triangular", |vm, cell, a| {
        let p = bind(vm, &a, "triangular", &["low", "high", "mode"], 0, 0, 0)?;
        let mut low = f(vm, &p[0], 0.0)?;
        let mut high = f(vm, &p[1], 1.0)?;
        let u0 = random(cell);
        let mut c = match p[2].as_ref().filter(|v| !v.is_none()) {
            None => 0.5,
            Some(m) => {
                let m = vm.to_f64(m)?;
                if high - low == 0.0 {
                    return Ok(Value::float(low));
                }
                (m - low) / (high - low)
            }
        };
        let mut u = u0;
        if u > c {
            u = 1.0 - u;
            c = 1.0 - c;
            std::mem::swap(&mut low, &mut high);
        }
        Ok(Value::float(low + (high - low) * (u * c).sqrt()))
    });
    method(vm, &cls, "normalvariate", |vm, cell, a| {
        let p = bind(vm, &a, "normalvariate", &["mu", "sigma"], 0, 0, 0)?;
        let (mu, sigma) = (f(vm, &p[0], 0.0)?, f(vm, &p[1], 1.0)?);
        Ok(Value::float(mu + normal(cell) * sigma))
    });
    method(vm, &cls, "lognormvariate", |vm, cell, a| {
        let p = bind(vm, &a, "lognormvariate", &["mu", "sigma"], 0, 2, 0)?;
        let (mu, sigma) = (f(vm, &p[0], 0.0)?, f(vm, &p[1], 1.0)?);
        Ok(Value::float((mu + normal(cell) * sigma).exp()))
    });
    method(vm, &cls, "gauss", |vm, cell, a| {
        let p = bind(vm, &a, "gauss", &["mu", "sigma"], 0, 0, 0)?;
        let (mu, sigma) = (f(vm, &p[0], 0.0)?, f(vm, &p[1], 1.0)?);
        let cached = cell.borrow_mut().gauss_next.take();
        let z = match cached {
            Some(z) => z,
            None => {
                let x2pi = random(cell) * TWOPI;
                let g2rad = (-2.0 * (1.0 - random(cell)).ln()).sqrt();
                cell.borrow_mut().gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        Ok(Value::float(mu + z * sigma))
    });
    method(vm, &cls, "expovariate", |vm, cell, a| {
        let p = bind(vm, &a, "expovariate", &["lambd"], 0, 0, 0)?;
        let l = f(vm, &p[0], 1.0)?;
        let r = -(1.0 - random(cell)).ln();
        if l == 0.0 {
            return Err(vm.new_zero_division_error("float division by zero"));
        }
        Ok(Value::float(r / l))
    });
    method(vm, &cls, "paretovariate", |vm, cell, a| {
        let p = bind(vm, &a, "paretovariate", &["alpha"], 0, 1, 0)?;
        let alpha = f(vm, &p[0], 1.0)?;
        let u = 1.0 - random(cell);
        Ok(Value::float(u.powf(-1.0 / alpha)))
    });
    method(vm, &cls, "weibullvariate", |vm, cell, a| {
        let p = bind(vm, &a, "weibullvariate", &["alpha", "beta"], 0, 2, 0)?;
        let (alpha, beta) = (f(vm, &p[0], 1.0)?, f(vm, &p[1], 1.0)?);
        let u = 1.0 - random(cell);
        Ok(Value::float(alpha * (-u.ln()).powf(1.0 / beta)))
    });
    method(vm, &cls, "gammavariate", |vm, cell, a| {
        let p = bind(vm, &a, "gammavariate", &["alpha", "beta"], 0, 2, 0)?;
        let (alpha, beta) = (f(vm, &p[0], 1.0)?, f(vm, &p[1], 1.0)?);
        let r = gamma(vm, cell, alpha, beta);
        err_float(vm, r)
    });
    method(vm, &cls, "betavariate", |vm, cell, a| {
        let p = bind(vm, &a, "betavariate", &["alpha", "beta"], 0, 2, 0)?;
        let (alpha, beta) = (f(vm, &p[0], 1.0)?, f(vm, &p[1], 1.0)?);
        let y = gamma(vm, cell, alpha, 1.0)?;
        if y != 0.0 {
            let z = gamma(vm, cell, beta, 1.0)?;
            return Ok(Value::float(y / (y + z)));
        }
        Ok(Value::float(0.0))
    });
    method(vm, &cls, "binomialvariate", |vm, cell, a| {
        let p = bind(vm, &a, "binomialvariate", &["n", "p"], 0, 0, 0)?;
        let n = match &p[0] {
            Some(v) => vm.to_index(v)?,
            None => 1,
        };
        let pr = f(vm, &p[1], 0.5)?;
        binomial(vm, cell, n, pr).map(Value::Int)
    });
    method(vm, &cls, "vonmisesvariate", |vm, cell, a| {
        let p = bind(vm, &a, "vonmisesvariate", &["mu", "kappa"], 0, 2, 0)?;
        let (mu, kappa) = (f(vm, &p[0], 0.0)?, f(vm, &p[1], 0.0)?);
        if kappa <= 1e-6 {
            return Ok(Value::float(TWOPI * random(cell)));
        }
        let s = 0.5 / kappa;
        let r = s + (1.0 + s * s).sqrt();
        let z = loop {
            let u1 = random(cell);
            let z = (std::f64::consts::PI * u1).cos();
            let d = z / (r + z);
            let u2 = random(cell);
            if u2 < 1.0 - d * d || u2 <= (1.0 - d) * d.exp() {
                break z;
            }
        };
        let q = 1.0 / r;
        let fv = (q + z) / (1.0 + q * z);
        let u3 = random(cell);
        let theta = if u3 > 0.5 {
            (mu + fv.acos()).rem_euclid(TWOPI)
        } else {
            (mu - fv.acos()).rem_euclid(TWOPI)
        };
        Ok(Value::float(theta))
    });
    Ok(cls)
}

const MODULE_FUNCS: [&str; 24] = [
    "seed",
    "random",
    "uniform",
    "triangular",
    "randint",
    "choice",
    "randrange",
    "sample",
    "shuffle",
    "normalvariate",
    "lognormvariate",
    "expovariate",
    "vonmisesvariate",
    "gammavariate",
    "gauss",
    "betavariate",
    "paretovariate",
    "weibullvariate",
    "getstate",
    "setstate",
    "getrandbits",
    "choices",
    "randbytes",
    "binomialvariate",
];

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let cls = make_class(vm, "random")?;
    vm.set_module_attr(&m, "Random", Value::Obj(cls.clone()));
    let inst = vm.call(&Value::Obj(cls), &[])?;
    vm.set_module_attr(&m, "_inst", inst.clone());
    for f in MODULE_FUNCS {
        let bound = vm.getattr_str(&inst, f)?;
        vm.set_module_attr(&m, f, bound);
    }
    Ok(m)
}
