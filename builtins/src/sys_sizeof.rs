//! `sys.getsizeof`: the sizes 64-bit CPython 3.12 reports for the basic built-in types (its
//! object layouts: a 16-byte object header, 30-bit int digits, compact strings by kind, 8-byte
//! item pointers, a 16-byte GC header on tracked objects). Containers whose size depends on
//! CPython's allocation history (a `list` grown by `append`, `dict`s and `set`s) report the
//! size of a freshly built one of the same length.

use pyvm_vm::{Payload, PyResult, Value, Vm};

/// GC header CPython adds to `__sizeof__` for objects its cycle collector tracks.
const GC_HEAD: i64 = 16;

pub(crate) fn getsizeof(vm: &mut Vm, a: pyvm_vm::Args<'_>) -> PyResult<Value> {
    let p = crate::modules::bind(vm, &a, "getsizeof", &["object", "default"], 0, 1, 0)?;
    let v = p[0].clone().unwrap_or_default();
    let cls = vm.type_of(&v);
    let heap = cls.as_type().is_some_and(|t| t.heap);
    if heap {
        // An instance of a Python class: its `__sizeof__` plus CPython's pre-header (the GC
        // header, and the managed `__dict__`/weakref pointers unless the class has `__slots__`).
        let pre = GC_HEAD + if has_dict(&v) { 16 } else { 0 };
        if let Some(f) = vm.lookup_type_attr(&cls, "__sizeof__") {
            if !matches!(f.payload(), Some(Payload::NativeFunction(_))) {
                let r = vm.call(&f, std::slice::from_ref(&v))?;
                let n = vm.to_index(&r)?;
                if n < 0 {
                    return Err(vm.new_value_error("__sizeof__() should return >= 0"));
                }
                return Ok(Value::Int(n.saturating_add(pre)));
            }
        }
        // `object.__sizeof__`: the object header plus one pointer per slot.
        let slots = match vm.lookup_type_attr(&cls, "__slots__") {
            Some(v) if v.as_str().is_some() => 1,
            Some(Value::Obj(o)) => match &o.payload {
                Payload::Tuple(t) => i64::try_from(t.len()).unwrap_or(0),
                Payload::List(l) => i64::try_from(l.borrow().len()).unwrap_or(0),
                _ => 0,
            },
            _ => 0,
        };
        return Ok(Value::Int(16 + 8 * slots + pre));
    }
    Ok(Value::Int(builtin_size(&v)))
}

fn has_dict(v: &Value) -> bool {
    v.as_obj().is_some_and(|o| o.has_dict())
}

fn builtin_size(v: &Value) -> i64 {
    let len = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    match v {
        Value::None | Value::Null => 16,
        Value::Bool(_) => 28,
        Value::Int(i) => int_size(u64::BITS - i.unsigned_abs().leading_zeros()),
        Value::Float(_) => 24,
        Value::Obj(o) => match &o.payload {
            Payload::BigInt(b) => int_size(u32::try_from(b.bits()).unwrap_or(u32::MAX)),
            Payload::Float(_) => 24,
            Payload::Complex { .. } => 32,
            Payload::Str(s) => str_size(&s.s),
            Payload::Bytes(b) => 33 + len(b.len()),
            Payload::ByteArray(b) => {
                let n = b.borrow().len();
                56 + if n == 0 { 0 } else { len(n) + 1 }
            }
            Payload::Tuple(t) => 24 + GC_HEAD + 8 * len(t.len()),
            Payload::List(l) => 40 + GC_HEAD + 8 * len(l.borrow().len()),
            Payload::Dict(d) => {
                let d = d.borrow();
                let str_keys = d.iter().all(|e| e.key.as_str().is_some());
                dict_size(d.len(), str_keys)
            }
            Payload::Set(t) => set_size(t.borrow().table_size()),
            Payload::FrozenSet(t) => set_size(t.table_size()),
            Payload::Range(_) => 48,
            Payload::Slice(_) => 40 + GC_HEAD,
            _ => 16,
        },
    }
}

/// An int of `bits` significant bits: header 24 bytes, then 4 per 30-bit digit (0 has one).
fn int_size(bits: u32) -> i64 {
    24 + 4 * i64::from(bits.div_ceil(30).max(1))
}

/// Compact strings: ASCII has a 40-byte header, the others 56; one code unit per character
/// of the narrowest kind that holds them all, plus a terminating unit.
fn str_size(s: &str) -> i64 {
    let n = i64::try_from(s.chars().count()).unwrap_or(i64::MAX);
    let max = s.chars().map(u32::from).max().unwrap_or(0);
    match max {
        0..=0x7f => 40 + n + 1,
        // One-character Latin-1 strings are CPython's shared singletons, which also keep
        // their UTF-8 form (2 bytes + NUL).
        0x80..=0xff if n == 1 => 61,
        0x80..=0xff => 56 + n + 1,
        0x100..=0xffff => 56 + 2 * (n + 1),
        _ => 56 + 4 * (n + 1),
    }
}

/// A set: 216 bytes with its built-in table of 8 slots, plus 16 per slot of a bigger table.
fn set_size(slots: usize) -> i64 {
    let slots = i64::try_from(slots).unwrap_or(i64::MAX);
    200 + GC_HEAD + if slots > 8 { 16 * slots } else { 0 }
}

/// A dict as built fresh: 64 bytes empty; otherwise the header plus a keys table sized for
/// `n` items (8 slots hold 5, each doubling holds two thirds), entries of 16 bytes when all
/// keys are strings and 24 otherwise.
fn dict_size(n: usize, str_keys: bool) -> i64 {
    if n == 0 {
        return 48 + GC_HEAD;
    }
    let mut slots: i64 = 8;
    while slots * 2 / 3 < i64::try_from(n).unwrap_or(i64::MAX) {
        slots *= 2;
    }
    let usable = slots * 2 / 3;
    let index_bytes = if slots <= 128 {
        1
    } else if slots <= 1 << 15 {
        2
    } else {
        4
    };
    let entry = if str_keys { 16 } else { 24 };
    48 + GC_HEAD + 32 + slots * index_bytes + usable * entry
}
