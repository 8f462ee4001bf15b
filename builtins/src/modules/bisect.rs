//! `_bisect` / `bisect`: binary search and insertion in sorted sequences.

use super::{add_fn, bind, register};
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm};

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_bisect", "bisect"], build);
    // CPython's `bisect` is Python over `_bisect`: a standard library on the path wins.
    vm.mark_fallback_module("bisect");
}

/// The insertion point of `x` in `a[lo:hi]` (`right`: after equal items).
fn search(
    vm: &mut Vm,
    a: &Value,
    x: &Value,
    lo: &Option<Value>,
    hi: &Option<Value>,
    key: &Value,
    right: bool,
) -> PyResult<usize> {
    let mut lo = match lo {
        Some(v) => vm.to_index(v)?,
        None => 0,
    };
    if lo < 0 {
        return Err(vm.new_value_error("lo must be non-negative"));
    }
    let mut hi = match hi.as_ref().filter(|v| !v.is_none()) {
        Some(v) => vm.to_index(v)?,
        None => i64::try_from(vm.len(a)?).unwrap_or(i64::MAX),
    };
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let mut item = vm.getitem(a, &Value::Int(mid))?;
        if !key.is_none() {
            item = vm.call(key, &[item])?;
        }
        let go_right = if right {
            !vm.lt(x, &item)?
        } else {
            vm.lt(&item, x)?
        };
        if go_right {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(usize::try_from(lo).unwrap_or(0))
}

fn bisect(vm: &mut Vm, a: &Args<'_>, name: &str, right: bool) -> PyResult<Value> {
    let p = bind(vm, a, name, &["a", "x", "lo", "hi", "key"], 0, 2, 1)?;
    let seq = p[0].clone().unwrap_or_default();
    let x = p[1].clone().unwrap_or_default();
    let key = p[4].clone().unwrap_or(Value::None);
    let i = search(vm, &seq, &x, &p[2], &p[3], &key, right)?;
    Ok(Value::Int(i64::try_from(i).unwrap_or(i64::MAX)))
}

fn insort(vm: &mut Vm, a: &Args<'_>, name: &str, right: bool) -> PyResult<Value> {
    let p = bind(vm, a, name, &["a", "x", "lo", "hi", "key"], 0, 2, 1)?;
    let seq = p[0].clone().unwrap_or_default();
    let x = p[1].clone().unwrap_or_default();
    let key = p[4].clone().unwrap_or(Value::None);
    let kx = if key.is_none() {
        x.clone()
    } else {
        vm.call(&key, std::slice::from_ref(&x))?
    };
    let i = search(vm, &seq, &kx, &p[2], &p[3], &key, right)?;
    let iv = Value::Int(i64::try_from(i).unwrap_or(i64::MAX));
    let exact_list = matches!(seq.payload(), Some(Payload::List(_)))
        && ObjRef::ptr_eq(&vm.type_of(&seq), &vm.types().list);
    if exact_list {
        if let Some(Payload::List(l)) = seq.payload() {
            let mut l = l.borrow_mut();
            let at = i.min(l.len());
            l.insert(at, x);
        }
    } else {
        vm.call_method(&seq, "insert", &[iv, x])?;
    }
    Ok(Value::None)
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let m = &m;
    add_fn(vm, m, "bisect_left", |vm, a| {
        bisect(vm, &a, "bisect_left", false)
    });
    add_fn(vm, m, "bisect_right", |vm, a| {
        bisect(vm, &a, "bisect_right", true)
    });
    add_fn(vm, m, "insort_left", |vm, a| {
        insort(vm, &a, "insort_left", false)
    });
    add_fn(vm, m, "insort_right", |vm, a| {
        insort(vm, &a, "insort_right", true)
    });
    for (alias, real) in [("bisect", "bisect_right"), ("insort", "insort_right")] {
        if let Some(f) = m.dict_obj().as_ref().and_then(|d| vm.dict_get_str(d, real)) {
            vm.set_module_attr(m, alias, f);
        }
    }
    Ok(m.clone())
}
