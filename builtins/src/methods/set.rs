//! `set` and `frozenset` methods, following CPython's algorithms step by step (copy the table,
//! merge set arguments, iterate other iterables) so that the resulting tables, and therefore
//! iteration and `pop` order, match CPython's.

use crate::args;
use pyvm_vm::set::SetTable;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm, B64};
use std::cell::RefCell;

fn is_set(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Set(_) | Payload::FrozenSet(_)))
}

fn is_frozen(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::FrozenSet(_)))
}

fn this_set(vm: &Vm, a: &Args<'_>, ty: &str, name: &str) -> PyResult<Value> {
    let v = args::this(vm, a)?;
    let ok = if ty == "set" {
        matches!(v.payload(), Some(Payload::Set(_)))
    } else {
        is_set(&v)
    };
    if ok {
        Ok(v)
    } else {
        Err(vm.new_type_error(&format!(
            "descriptor '{name}' for '{ty}' objects doesn't apply to a '{}' object",
            vm.type_name(&v)
        )))
    }
}

/// Number of elements of a set or frozenset.
fn size(v: &Value) -> usize {
    match v.payload() {
        Some(Payload::Set(t)) => t.borrow().len(),
        Some(Payload::FrozenSet(t)) => t.len(),
        _ => 0,
    }
}

/// A snapshot of the table of a set or frozenset.
fn table_of(v: &Value) -> SetTable {
    match v.payload() {
        Some(Payload::Set(t)) => t.borrow().clone(),
        Some(Payload::FrozenSet(t)) => t.clone(),
        _ => SetTable::new(),
    }
}

/// A new (mutable, exact) set holding `t`.
fn set_value(vm: &Vm, t: SetTable) -> Value {
    Value::Obj(vm.alloc(&vm.types().set.clone(), Payload::Set(RefCell::new(t))))
}

/// The result of an operation on `like`: a frozenset when `like` is one.
fn finish(vm: &Vm, like: &Value, result: Value) -> Value {
    if !is_frozen(like) {
        return result;
    }
    let t = table_of(&result);
    Value::Obj(vm.alloc(&vm.types().frozenset.clone(), Payload::FrozenSet(t)))
}

/// `set.copy()` / `make_new_set(type(so), so)`.
fn copy_of(vm: &Vm, s: &Value) -> Value {
    set_value(vm, table_of(s).copy())
}

fn with_table<R>(s: &Value, f: impl FnOnce(&mut SetTable) -> R) -> Option<R> {
    match s.payload() {
        Some(Payload::Set(t)) => Some(f(&mut t.borrow_mut())),
        _ => None,
    }
}

/// CPython's `set_difference_update_internal`.
pub(crate) fn difference_update(vm: &mut Vm, s: &Value, other: &Value) -> PyResult<()> {
    if s.is(other) {
        with_table(s, SetTable::clear);
        return Ok(());
    }
    let items = if is_set(other) {
        vm.set_items(other)
    } else if matches!(other.payload(), Some(Payload::Dict(_))) {
        vm.dict_items(other).into_iter().map(|(k, _)| k).collect()
    } else {
        vm.to_vec(other)?
    };
    for x in &items {
        vm.set_discard(s, x)?;
    }
    with_table(s, SetTable::purge_dummies_if_needed);
    Ok(())
}

/// CPython's `set_difference` (one argument).
fn difference(vm: &mut Vm, s: &Value, other: &Value) -> PyResult<Value> {
    let other_size = if is_set(other) {
        Some(size(other))
    } else if let Some(Payload::Dict(d)) = other.payload() {
        Some(d.borrow().len())
    } else {
        None
    };
    match other_size {
        Some(n) if (size(s) >> 2) <= n => {
            if is_set(other) {
                return Ok(set_value(vm, table_of(s).difference(&table_of(other))));
            }
            let result = vm.new_set();
            if let Some(d) = other.as_obj() {
                for x in vm.set_items(s) {
                    if vm.dict_get_item(d, &x)?.is_none() {
                        vm.set_add(&result, x)?;
                    }
                }
            }
            Ok(result)
        }
        _ => {
            let result = copy_of(vm, s);
            difference_update(vm, &result, other)?;
            Ok(result)
        }
    }
}

/// CPython's `set_intersection` (one argument).
fn intersection(vm: &mut Vm, s: &Value, other: &Value) -> PyResult<Value> {
    if s.is(other) {
        return Ok(copy_of(vm, s));
    }
    if is_set(other) {
        return Ok(set_value(vm, table_of(s).intersection(&table_of(other))));
    }
    let result = vm.new_set();
    let it = vm.iter(other)?;
    while let Some(x) = vm.next(&it)? {
        if vm.set_contains(s, &x)? {
            vm.set_add(&result, x)?;
        }
    }
    Ok(result)
}

/// CPython's `set_symmetric_difference_update`.
pub(crate) fn symmetric_difference_update(vm: &mut Vm, s: &Value, other: &Value) -> PyResult<()> {
    if s.is(other) {
        with_table(s, SetTable::clear);
        return Ok(());
    }
    if let Some(Payload::Dict(_)) = other.payload() {
        for (k, _) in vm.dict_items(other) {
            if !vm.set_discard(s, &k)? {
                vm.set_add(s, k)?;
            }
        }
        return Ok(());
    }
    let ot = if is_set(other) {
        table_of(other)
    } else {
        let tmp = vm.new_set();
        vm.set_update_from(&tmp, other)?;
        table_of(&tmp)
    };
    with_table(s, |t| t.symmetric_difference_update(&ot));
    Ok(())
}

/// `frozenset(iterable=())`, subclasses included.
fn construct_frozenset(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    let cls = a
        .pos
        .first()
        .and_then(|c| vm.as_class(c))
        .ok_or_else(|| vm.new_type_error("constructor needs a class"))?;
    args::no_kw(vm, &a, "frozenset")?;
    let rest = a.pos.get(1..).unwrap_or(&[]);
    if rest.len() > 1 {
        return Err(vm.new_type_error(&format!(
            "frozenset expected at most 1 argument, got {}",
            rest.len()
        )));
    }
    let exact = ObjRef::ptr_eq(&cls, &vm.types().frozenset);
    if let Some(src) = rest.first() {
        if exact && is_frozen(src) && ObjRef::ptr_eq(&vm.type_of(src), &vm.types().frozenset) {
            return Ok(src.clone());
        }
    }
    let tmp = vm.new_set();
    if let Some(src) = rest.first() {
        vm.set_update_from(&tmp, src)?;
    }
    let payload = Payload::FrozenSet(table_of(&tmp));
    Ok(Value::Obj(if exact {
        vm.alloc(&cls, payload)
    } else {
        vm.alloc_with_dict(&cls, payload)
    }))
}

pub(crate) fn install(vm: &mut Vm) {
    let set_ty = vm.types().set.clone();
    let frozen_ty = vm.types().frozenset.clone();
    vm.set_constructor(&frozen_ty, construct_frozenset);
    vm.add_method(&set_ty, "add", |vm, a| {
        let s = this_set(vm, &a, "set", "add")?;
        let rest = args::meth(vm, &a, "set", "add", 1, 1)?;
        vm.set_add(&s, rest[0].clone())?;
        Ok(Value::None)
    });
    vm.add_method(&set_ty, "discard", |vm, a| {
        let s = this_set(vm, &a, "set", "discard")?;
        let rest = args::meth(vm, &a, "set", "discard", 1, 1)?;
        vm.set_discard(&s, &rest[0])?;
        Ok(Value::None)
    });
    vm.add_method(&set_ty, "remove", |vm, a| {
        let s = this_set(vm, &a, "set", "remove")?;
        let rest = args::meth(vm, &a, "set", "remove", 1, 1)?;
        if vm.set_discard(&s, &rest[0])? {
            Ok(Value::None)
        } else {
            Err(vm.new_key_error(rest[0].clone()))
        }
    });
    vm.add_method(&set_ty, "pop", |vm, a| {
        let s = this_set(vm, &a, "set", "pop")?;
        args::meth(vm, &a, "set", "pop", 0, 0)?;
        match with_table(&s, SetTable::pop_first).flatten() {
            Some(v) => Ok(v),
            None => {
                let ty = vm.types().exc.key_error.clone();
                Err(vm.new_exception_msg(&ty, "pop from an empty set"))
            }
        }
    });
    vm.add_method(&set_ty, "clear", |vm, a| {
        let s = this_set(vm, &a, "set", "clear")?;
        args::meth(vm, &a, "set", "clear", 0, 0)?;
        with_table(&s, SetTable::clear);
        Ok(Value::None)
    });
    vm.add_method(&set_ty, "update", |vm, a| {
        let s = this_set(vm, &a, "set", "update")?;
        args::no_kw(vm, &a, "set.update")?;
        for other in a.pos.get(1..).unwrap_or(&[]) {
            vm.set_update_from(&s, other)?;
        }
        Ok(Value::None)
    });
    vm.add_method(&set_ty, "difference_update", |vm, a| {
        let s = this_set(vm, &a, "set", "difference_update")?;
        args::no_kw(vm, &a, "set.difference_update")?;
        for other in a.pos.get(1..).unwrap_or(&[]) {
            difference_update(vm, &s, other)?;
        }
        Ok(Value::None)
    });
    vm.add_method(&set_ty, "intersection_update", |vm, a| {
        let s = this_set(vm, &a, "set", "intersection_update")?;
        args::no_kw(vm, &a, "set.intersection_update")?;
        let mut cur = s.clone();
        for other in a.pos.get(1..).unwrap_or(&[]) {
            cur = intersection(vm, &cur, other)?;
        }
        if !cur.is(&s) {
            let t = table_of(&cur);
            with_table(&s, |st| *st = t);
        }
        Ok(Value::None)
    });
    vm.add_method(&set_ty, "symmetric_difference_update", |vm, a| {
        let s = this_set(vm, &a, "set", "symmetric_difference_update")?;
        let rest = args::meth(vm, &a, "set", "symmetric_difference_update", 1, 1)?;
        symmetric_difference_update(vm, &s, &rest[0])?;
        Ok(Value::None)
    });
    for (ty, tname) in [(set_ty, "set"), (frozen_ty, "frozenset")] {
        vm.add_method(&ty, "copy", move |vm, a| {
            let s = this_set(vm, &a, tname, "copy")?;
            args::meth(vm, &a, tname, "copy", 0, 0)?;
            if is_frozen(&s) && ObjRef::ptr_eq(&vm.type_of(&s), &vm.types().frozenset) {
                return Ok(s);
            }
            let c = copy_of(vm, &s);
            Ok(finish(vm, &s, c))
        });
        vm.add_method(&ty, "union", move |vm, a| {
            let s = this_set(vm, &a, tname, "union")?;
            args::no_kw(vm, &a, &format!("{tname}.union"))?;
            let result = copy_of(vm, &s);
            for other in a.pos.get(1..).unwrap_or(&[]) {
                vm.set_update_from(&result, other)?;
            }
            Ok(finish(vm, &s, result))
        });
        vm.add_method(&ty, "intersection", move |vm, a| {
            let s = this_set(vm, &a, tname, "intersection")?;
            args::no_kw(vm, &a, &format!("{tname}.intersection"))?;
            let others = a.pos.get(1..).unwrap_or(&[]);
            if others.is_empty() {
                let c = copy_of(vm, &s);
                return Ok(finish(vm, &s, c));
            }
            let mut cur = s.clone();
            for other in others {
                cur = intersection(vm, &cur, other)?;
            }
            Ok(finish(vm, &s, cur))
        });
        vm.add_method(&ty, "difference", move |vm, a| {
            let s = this_set(vm, &a, tname, "difference")?;
            args::no_kw(vm, &a, &format!("{tname}.difference"))?;
            let others = a.pos.get(1..).unwrap_or(&[]);
            let Some((first, rest)) = others.split_first() else {
                let c = copy_of(vm, &s);
                return Ok(finish(vm, &s, c));
            };
            let result = difference(vm, &s, first)?;
            for other in rest {
                difference_update(vm, &result, other)?;
            }
            Ok(finish(vm, &s, result))
        });
        vm.add_method(&ty, "symmetric_difference", move |vm, a| {
            let s = this_set(vm, &a, tname, "symmetric_difference")?;
            let rest = args::meth(vm, &a, tname, "symmetric_difference", 1, 1)?;
            let result = vm.new_set();
            vm.set_update_from(&result, &rest[0])?;
            symmetric_difference_update(vm, &result, &s)?;
            Ok(finish(vm, &s, result))
        });
        vm.add_method(&ty, "issubset", move |vm, a| {
            let s = this_set(vm, &a, tname, "issubset")?;
            let rest = args::meth(vm, &a, tname, "issubset", 1, 1)?;
            let other = if is_set(&rest[0]) {
                rest[0].clone()
            } else {
                let tmp = vm.new_set();
                vm.set_update_from(&tmp, &rest[0])?;
                tmp
            };
            if size(&s) > size(&other) {
                return Ok(Value::Bool(B64::FALSE));
            }
            for v in vm.set_items(&s) {
                if !vm.set_contains(&other, &v)? {
                    return Ok(Value::Bool(B64::FALSE));
                }
            }
            Ok(Value::Bool(B64::TRUE))
        });
        vm.add_method(&ty, "issuperset", move |vm, a| {
            let s = this_set(vm, &a, tname, "issuperset")?;
            let rest = args::meth(vm, &a, tname, "issuperset", 1, 1)?;
            let items = if is_set(&rest[0]) {
                vm.set_items(&rest[0])
            } else {
                vm.to_vec(&rest[0])?
            };
            for v in &items {
                if !vm.set_contains(&s, v)? {
                    return Ok(Value::Bool(B64::FALSE));
                }
            }
            Ok(Value::Bool(B64::TRUE))
        });
        vm.add_method(&ty, "isdisjoint", move |vm, a| {
            let s = this_set(vm, &a, tname, "isdisjoint")?;
            let rest = args::meth(vm, &a, tname, "isdisjoint", 1, 1)?;
            let items = if is_set(&rest[0]) {
                vm.set_items(&rest[0])
            } else {
                vm.to_vec(&rest[0])?
            };
            for v in &items {
                if vm.set_contains(&s, v)? {
                    return Ok(Value::Bool(B64::FALSE));
                }
            }
            Ok(Value::Bool(B64::TRUE))
        });
    }
}
