//! `range` methods: `index` and `count` in constant time for ints, `__reversed__`,
//! `__contains__`, `__len__` (with the `OverflowError` for huge ranges), `__bool__`.

use crate::args;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};
use pyvm_vm::object::{IterState, RangeData};
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm, B64};

/// `(start, stop, step)` of a range value.
fn bounds(vm: &Vm, v: &Value) -> Option<(BigInt, BigInt, BigInt)> {
    match v.payload() {
        Some(Payload::Range(r)) => {
            let r: RangeData = (**r).clone();
            Some((
                vm.as_bigint(&r.start)?,
                vm.as_bigint(&r.stop)?,
                vm.as_bigint(&r.step)?,
            ))
        }
        _ => None,
    }
}

fn this(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<(Value, BigInt, BigInt, BigInt)> {
    let v = args::this(vm, a)?;
    match bounds(vm, &v) {
        Some((s, e, st)) => Ok((v, s, e, st)),
        None => Err(vm.new_type_error(&format!(
            "descriptor '{name}' for 'range' objects doesn't apply to a '{}' object",
            vm.type_name(&v)
        ))),
    }
}

/// Position of int `x` in the range, if it is an element.
fn position(x: &BigInt, start: &BigInt, stop: &BigInt, step: &BigInt) -> Option<BigInt> {
    let inside = if step.is_positive() {
        start <= x && x < stop
    } else {
        stop < x && x <= start
    };
    if !inside {
        return None;
    }
    let (q, r) = (x - start).div_rem(step);
    if r.is_zero() {
        Some(q)
    } else {
        None
    }
}

/// Exact `int` / `bool` values (subclasses with their own `__eq__` take the slow path).
fn exact_int(vm: &Vm, v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(_) | Value::Bool(_) => vm.as_bigint(v),
        Value::Obj(o) if matches!(o.payload, Payload::BigInt(_)) => {
            let t = vm.type_of(v);
            if ObjRef::ptr_eq(&t, &vm.types().int) {
                vm.as_bigint(v)
            } else {
                None
            }
        }
        _ => None,
    }
}

fn length(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    if step.is_positive() {
        if start < stop {
            (stop - start - 1u32) / step + 1u32
        } else {
            BigInt::zero()
        }
    } else if start > stop {
        (start - stop - 1u32) / (-step) + 1u32
    } else {
        BigInt::zero()
    }
}

pub(crate) fn install(vm: &mut Vm) {
    let ty = vm.types().range.clone();
    vm.add_method(&ty, "index", |vm, a| {
        let (r, start, stop, step) = this(vm, &a, "index")?;
        let rest = args::meth(vm, &a, "range", "index", 1, 1)?;
        let x = &rest[0];
        if let Some(b) = exact_int(vm, x) {
            return match position(&b, &start, &stop, &step) {
                Some(i) => Ok(vm.new_int_big(i)),
                None => {
                    let s = vm.repr_string(x)?;
                    Err(vm.new_value_error(&format!("{s} is not in range")))
                }
            };
        }
        let it = vm.iter(&r)?;
        let mut i: i64 = 0;
        while let Some(item) = vm.next(&it)? {
            if vm.eq(&item, x)? {
                return Ok(Value::Int(i));
            }
            i += 1;
        }
        Err(vm.new_value_error("sequence.index(x): x not in sequence"))
    });
    vm.add_method(&ty, "count", |vm, a| {
        let (r, start, stop, step) = this(vm, &a, "count")?;
        let rest = args::meth(vm, &a, "range", "count", 1, 1)?;
        let x = &rest[0];
        if let Some(b) = exact_int(vm, x) {
            return Ok(Value::Int(i64::from(
                position(&b, &start, &stop, &step).is_some(),
            )));
        }
        let it = vm.iter(&r)?;
        let mut n: i64 = 0;
        while let Some(item) = vm.next(&it)? {
            if vm.eq(&item, x)? {
                n += 1;
            }
        }
        Ok(Value::Int(n))
    });
    vm.add_method(&ty, "__contains__", |vm, a| {
        let (r, start, stop, step) = this(vm, &a, "__contains__")?;
        let rest = args::meth(vm, &a, "range", "__contains__", 1, 1)?;
        if let Some(b) = exact_int(vm, &rest[0]) {
            return Ok(Value::bool(position(&b, &start, &stop, &step).is_some()));
        }
        let it = vm.iter(&r)?;
        while let Some(item) = vm.next(&it)? {
            if vm.eq(&item, &rest[0])? {
                return Ok(Value::Bool(B64::TRUE));
            }
        }
        Ok(Value::Bool(B64::FALSE))
    });
    vm.add_method(&ty, "__len__", |vm, a| {
        let (_r, start, stop, step) = this(vm, &a, "__len__")?;
        let n = length(&start, &stop, &step);
        match i64::try_from(&n) {
            Ok(n) => Ok(Value::Int(n)),
            Err(_) => Err(vm.new_overflow_error("Python int too large to convert to C ssize_t")),
        }
    });
    vm.add_method(&ty, "__bool__", |vm, a| {
        let (_r, start, stop, step) = this(vm, &a, "__bool__")?;
        Ok(Value::bool(!length(&start, &stop, &step).is_zero()))
    });
    vm.add_method(&ty, "__reversed__", |vm, a| {
        let (_r, start, stop, step) = this(vm, &a, "__reversed__")?;
        args::meth(vm, &a, "range", "__reversed__", 0, 0)?;
        let n = length(&start, &stop, &step);
        // The reversed range: last element down to start, stepping by -step.
        let last = &start + (&n - 1u32) * &step;
        let new_stop = &start - &step;
        let (b, e, s) = if n.is_zero() {
            (start.clone(), start.clone(), -step.clone())
        } else {
            (last, new_stop, -step.clone())
        };
        let r = RangeData {
            start: vm.new_int_big(b),
            stop: vm.new_int_big(e),
            step: vm.new_int_big(s),
        };
        let rv = Value::Obj(vm.alloc(&vm.types().range.clone(), Payload::Range(Box::new(r))));
        vm.iter(&rv)
    });
    vm.add_method(&ty, "__reduce__", |vm, a| {
        let (r, _, _, _) = this(vm, &a, "__reduce__")?;
        args::meth(vm, &a, "range", "__reduce__", 0, 0)?;
        let Some(Payload::Range(d)) = r.payload() else {
            return Err(vm.new_type_error("__reduce__ needs a range"));
        };
        let parts = vec![d.start.clone(), d.stop.clone(), d.step.clone()];
        let args = vm.new_tuple(parts);
        let cls = Value::Obj(vm.types().range.clone());
        Ok(vm.new_tuple(vec![cls, args]))
    });
    for ty in [
        vm.types().range_iterator.clone(),
        vm.types().longrange_iterator.clone(),
    ] {
        vm.add_method(&ty, "__reduce__", |vm, a| {
            let it = args::this(vm, &a)?;
            let Some((cur, step, left)) = iter_state(&it) else {
                return Err(vm.new_type_error("__reduce__ needs a range iterator"));
            };
            let stop = &cur + &left * &step;
            let r = RangeData {
                start: vm.new_int_big(cur),
                stop: vm.new_int_big(stop),
                step: vm.new_int_big(step),
            };
            let rv = Value::Obj(vm.alloc(&vm.types().range.clone(), Payload::Range(Box::new(r))));
            let iter = vm.get_builtin("iter").unwrap_or(Value::None);
            let args = vm.new_tuple(vec![rv]);
            Ok(vm.new_tuple(vec![iter, args, Value::None]))
        });
        vm.add_method(&ty, "__setstate__", |vm, a| {
            let it = args::this(vm, &a)?;
            let rest = args::meth(vm, &a, "range_iterator", "__setstate__", 1, 1)?;
            let iv = vm.index_value(&rest[0])?;
            let n = vm.as_bigint(&iv).unwrap_or_default();
            let Some((_, _, left)) = iter_state(&it) else {
                return Err(vm.new_type_error("__setstate__ needs a range iterator"));
            };
            // The index is silently clipped to 0..=remaining.
            let n = n.max(BigInt::zero()).min(left);
            if let Some(Payload::Iter(st)) = it.payload() {
                match &mut *st.borrow_mut() {
                    IterState::Range { cur, stop, step } => {
                        let adv = i64::try_from(&n)
                            .ok()
                            .and_then(|k| k.checked_mul(i64::from(*step)));
                        *cur = adv.and_then(|d| cur.checked_add(d)).unwrap_or(*stop);
                    }
                    IterState::BigRange(r) => {
                        r.cur += &n * &r.step;
                        r.left -= &n;
                    }
                    _ => {}
                }
            }
            Ok(Value::None)
        });
        vm.add_method(&ty, "__length_hint__", |vm, a| {
            let it = args::this(vm, &a)?;
            let left = match it.payload() {
                Some(Payload::Iter(st)) => match &*st.borrow() {
                    IterState::Range { cur, stop, step } => {
                        let n = length(&BigInt::from(*cur), &BigInt::from(*stop), &BigInt::from(*step));
                        Some(n)
                    }
                    IterState::BigRange(r) => Some(r.left.clone().max(BigInt::zero())),
                    _ => Some(BigInt::zero()),
                },
                _ => None,
            };
            match left {
                Some(n) => Ok(vm.new_int_big(n)),
                None => Err(vm.new_type_error(&format!(
                    "descriptor '__length_hint__' for 'range_iterator' objects doesn't apply to a '{}' object",
                    vm.type_name(&it)
                ))),
            }
        });
    }
}

/// `(next value, step, items left)` of a range iterator.
fn iter_state(it: &Value) -> Option<(BigInt, BigInt, BigInt)> {
    let Some(Payload::Iter(st)) = it.payload() else {
        return None;
    };
    match &*st.borrow() {
        IterState::Range { cur, stop, step } => {
            let (c, e, s) = (BigInt::from(*cur), BigInt::from(*stop), BigInt::from(*step));
            let n = length(&c, &e, &s);
            Some((c, s, n))
        }
        IterState::BigRange(r) => Some((
            r.cur.clone(),
            r.step.clone(),
            r.left.clone().max(BigInt::zero()),
        )),
        IterState::Exhausted => Some((BigInt::zero(), BigInt::from(1u32), BigInt::zero())),
        _ => None,
    }
}
