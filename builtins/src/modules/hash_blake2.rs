//! `_blake2`: the `blake2b` and `blake2s` types with CPython's constructor parameters
//! (`digest_size`, `key`, `salt`, `person`, tree parameters, `last_node`), their checks and
//! messages, and the size constants.

use super::digest_blake2::{Blake2b, Blake2s, Params};
use super::hash_native::{clinic_check, feed, hash_type, ulong_arg, Alg, Engine, HashObj};
use super::{alloc_native, ctor_cls};
use pyvm_vm::{Args, ObjRef, PyResult, Value, Vm};

/// The constructor's parameters after the positional-only `data`.
const KEYWORDS: [&str; 12] = [
    "digest_size",
    "key",
    "salt",
    "person",
    "fanout",
    "depth",
    "leaf_size",
    "node_offset",
    "node_depth",
    "inner_size",
    "last_node",
    "usedforsecurity",
];

/// The sizes of one variant: (largest digest and key, salt and person length).
fn sizes(alg: Alg) -> (usize, usize) {
    if alg == Alg::Blake2b {
        (Blake2b::MAX_OUT, Blake2b::SALT)
    } else {
        (Blake2s::MAX_OUT, Blake2s::SALT)
    }
}

/// A C `int` argument (clinic's `int` converter).
fn c_int(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match vm.index_value(v)? {
        Value::Int(i) if i32::try_from(i).is_ok() => Ok(i),
        _ => Err(vm.new_overflow_error("Python int too large to convert to C int")),
    }
}

/// An `unsigned long long` argument (`_PyLong_UnsignedLongLong_Converter`).
fn c_ulonglong(vm: &Vm, v: &Value) -> PyResult<u64> {
    use num_traits::{Signed, ToPrimitive};
    let Some(b) = vm.as_bigint(v) else {
        return Err(vm.new_type_error("an integer is required"));
    };
    if b.is_negative() {
        return Err(vm.new_value_error("value must be positive"));
    }
    b.to_u64()
        .ok_or_else(|| vm.new_overflow_error("int too big to convert"))
}

/// The converted arguments, before the range checks.
struct Raw {
    digest_size: i64,
    key: Vec<u8>,
    salt: Vec<u8>,
    person: Vec<u8>,
    fanout: i64,
    depth: i64,
    leaf_size: u64,
    node_offset: u64,
    node_depth: i64,
    inner_size: i64,
    last_node: bool,
}

/// Converts the keyword arguments in CPython's order (`p[i]` is `KEYWORDS[i]`).
fn convert(vm: &mut Vm, p: &[Option<Value>], max: usize) -> PyResult<Raw> {
    let get = |i: usize| p.get(i).cloned().flatten();
    let int_or = |vm: &mut Vm, i: usize, d: i64| match get(i) {
        Some(v) => c_int(vm, &v),
        None => Ok(d),
    };
    let buf = |vm: &mut Vm, i: usize| match get(i) {
        Some(v) => vm.bytes_like(&v),
        None => Ok(Vec::new()),
    };
    let digest_size = int_or(vm, 0, i64::try_from(max).unwrap_or(0))?;
    let key = buf(vm, 1)?;
    let salt = buf(vm, 2)?;
    let person = buf(vm, 3)?;
    let fanout = int_or(vm, 4, 1)?;
    let depth = int_or(vm, 5, 1)?;
    let leaf_size = match get(6) {
        Some(v) => ulong_arg(vm, &v, "unsigned long")?,
        None => 0,
    };
    let node_offset = match get(7) {
        Some(v) => c_ulonglong(vm, &v)?,
        None => 0,
    };
    let node_depth = int_or(vm, 8, 0)?;
    let inner_size = int_or(vm, 9, 0)?;
    let last_node = match get(10) {
        Some(v) => vm.is_true(&v)?,
        None => false,
    };
    if let Some(v) = get(11) {
        vm.is_true(&v)?;
    }
    Ok(Raw {
        digest_size,
        key,
        salt,
        person,
        fanout,
        depth,
        leaf_size,
        node_offset,
        node_depth,
        inner_size,
        last_node,
    })
}

/// A byte from a checked range.
fn byte(v: i64) -> u8 {
    u8::try_from(v).unwrap_or(0)
}

/// Range-checks `r` in the order and with the messages of CPython's `py_blake2b_new_impl`
/// and makes the state.
fn engine(vm: &Vm, alg: Alg, r: &Raw) -> PyResult<Engine> {
    let (max, salt_max) = sizes(alg);
    let max_i = i64::try_from(max).unwrap_or(0);
    if r.digest_size <= 0 || r.digest_size > max_i {
        return Err(vm.new_value_error(&format!("digest_size must be between 1 and {max} bytes")));
    }
    if r.salt.len() > salt_max {
        return Err(vm.new_value_error(&format!("maximum salt length is {salt_max} bytes")));
    }
    if r.person.len() > salt_max {
        return Err(vm.new_value_error(&format!("maximum person length is {salt_max} bytes")));
    }
    if !(0..=255).contains(&r.fanout) {
        return Err(vm.new_value_error("fanout must be between 0 and 255"));
    }
    if !(1..=255).contains(&r.depth) {
        return Err(vm.new_value_error("depth must be between 1 and 255"));
    }
    let leaf_size =
        u32::try_from(r.leaf_size).map_err(|_| vm.new_overflow_error("leaf_size is too large"))?;
    if alg == Alg::Blake2s && r.node_offset > 0xFFFF_FFFF_FFFF {
        return Err(vm.new_overflow_error("node_offset is too large"));
    }
    if !(0..=255).contains(&r.node_depth) {
        return Err(vm.new_value_error("node_depth must be between 0 and 255"));
    }
    if !(0..=max_i).contains(&r.inner_size) {
        return Err(vm.new_value_error(&format!("inner_size must be between 0 and is {max}")));
    }
    if r.key.len() > max {
        return Err(vm.new_value_error(&format!("maximum key length is {max} bytes")));
    }
    let p = Params {
        digest_size: byte(r.digest_size),
        key: &r.key,
        salt: &r.salt,
        person: &r.person,
        fanout: byte(r.fanout),
        depth: byte(r.depth),
        leaf_size,
        node_offset: r.node_offset,
        node_depth: byte(r.node_depth),
        inner_size: byte(r.inner_size),
        last_node: r.last_node,
    };
    Ok(if alg == Alg::Blake2b {
        Engine::Blake2b(Blake2b::new(&p))
    } else {
        Engine::Blake2s(Blake2s::new(&p))
    })
}

/// `blake2b(data=b'', /, *, digest_size=64, key=b'', ...)`: a new hash object of class `cls`.
fn construct(vm: &mut Vm, a: &Args<'_>, alg: Alg, base: &ObjRef) -> PyResult<Value> {
    let cls = ctor_cls(vm, a)?;
    let args = Args {
        pos: a.pos.get(1..).unwrap_or(&[]),
        kw: a.kw,
    };
    let fname = if alg == Alg::Blake2b {
        "blake2b"
    } else {
        "blake2s"
    };
    clinic_check(vm, &args, fname, KEYWORDS.len() + 1, Some(&KEYWORDS))?;
    let mut params = vec!["data"];
    params.extend(KEYWORDS);
    let p = super::bind_new(vm, &args, fname, &params, 0, KEYWORDS.len())?;
    let (max, _) = sizes(alg);
    let raw = convert(vm, p.get(1..).unwrap_or(&[]), max)?;
    let mut eng = engine(vm, alg, &raw)?;
    if let Some(v) = p.first().cloned().flatten() {
        feed(vm, &mut eng, &v)?;
    }
    Ok(alloc_native(vm, &cls, base, HashObj::new(alg, eng)))
}

pub(crate) fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    for (alg, prefix) in [(Alg::Blake2b, "BLAKE2B"), (Alg::Blake2s, "BLAKE2S")] {
        let cls = hash_type(vm, alg)?;
        let base = cls.clone();
        vm.set_constructor(&cls, move |vm, a| construct(vm, &a, alg, &base));
        let (max, salt) = sizes(alg);
        for (attr, v) in [
            ("SALT_SIZE", salt),
            ("PERSON_SIZE", salt),
            ("MAX_KEY_SIZE", max),
            ("MAX_DIGEST_SIZE", max),
        ] {
            let n = Value::Int(i64::try_from(v).unwrap_or(0));
            vm.type_set_attr(&cls, attr, n.clone());
            vm.set_module_attr(&m, &format!("{prefix}_{attr}"), n);
        }
        let fname = if alg == Alg::Blake2b {
            "blake2b"
        } else {
            "blake2s"
        };
        vm.set_module_attr(&m, fname, Value::Obj(cls));
    }
    Ok(m)
}
