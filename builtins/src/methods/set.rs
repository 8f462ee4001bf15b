//! `set` and `frozenset` methods (built on the VM's set protocol).

use crate::args;
use pyvm_vm::{Args, Payload, PyResult, Value, Vm};

fn is_set(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Set(_) | Payload::FrozenSet(_)))
}

fn this_set(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<Value> {
    let v = args::this(vm, a)?;
    if is_set(&v) {
        Ok(v)
    } else {
        Err(vm.new_type_error(&format!(
            "descriptor '{name}' for 'set' objects doesn't apply to a '{}' object",
            vm.type_name(&v)
        )))
    }
}

fn is_frozen(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::FrozenSet(_)))
}

/// A new set (or frozenset, matching `like`) from items, in order.
fn make(vm: &mut Vm, like: &Value, items: &[Value]) -> PyResult<Value> {
    if is_frozen(like) {
        vm.new_frozenset_from(items)
    } else {
        vm.new_set_from(items)
    }
}

fn elements(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    if is_set(v) {
        Ok(vm.set_items(v))
    } else {
        vm.to_vec(v)
    }
}

pub(crate) fn install(vm: &mut Vm) {
    let set_ty = vm.types().set.clone();
    let frozen_ty = vm.types().frozenset.clone();
    vm.add_method(&set_ty, "add", |vm, a| {
        let s = this_set(vm, &a, "add")?;
        let rest = args::meth(vm, &a, "set", "add", 1, 1)?;
        vm.set_add(&s, rest[0].clone())?;
        Ok(Value::None)
    });
    vm.add_method(&set_ty, "discard", |vm, a| {
        let s = this_set(vm, &a, "discard")?;
        let rest = args::meth(vm, &a, "set", "discard", 1, 1)?;
        vm.set_discard(&s, &rest[0])?;
        Ok(Value::None)
    });
    vm.add_method(&set_ty, "remove", |vm, a| {
        let s = this_set(vm, &a, "remove")?;
        let rest = args::meth(vm, &a, "set", "remove", 1, 1)?;
        if vm.set_discard(&s, &rest[0])? {
            Ok(Value::None)
        } else {
            Err(vm.new_key_error(rest[0].clone()))
        }
    });
    vm.add_method(&set_ty, "pop", |vm, a| {
        let s = this_set(vm, &a, "pop")?;
        args::meth(vm, &a, "set", "pop", 0, 0)?;
        let first = vm.set_items(&s).into_iter().next();
        match first {
            Some(v) => {
                vm.set_discard(&s, &v)?;
                Ok(v)
            }
            None => {
                let ty = vm.types().exc.key_error.clone();
                Err(vm.new_exception_msg(&ty, "pop from an empty set"))
            }
        }
    });
    vm.add_method(&set_ty, "clear", |vm, a| {
        let s = this_set(vm, &a, "clear")?;
        args::meth(vm, &a, "set", "clear", 0, 0)?;
        for v in vm.set_items(&s) {
            vm.set_discard(&s, &v)?;
        }
        Ok(Value::None)
    });
    vm.add_method(&set_ty, "update", |vm, a| {
        let s = this_set(vm, &a, "update")?;
        for other in a.pos.get(1..).unwrap_or(&[]) {
            for v in elements(vm, other)? {
                vm.set_add(&s, v)?;
            }
        }
        Ok(Value::None)
    });
    vm.add_method(&set_ty, "difference_update", |vm, a| {
        let s = this_set(vm, &a, "difference_update")?;
        for other in a.pos.get(1..).unwrap_or(&[]) {
            for v in elements(vm, other)? {
                vm.set_discard(&s, &v)?;
            }
        }
        Ok(Value::None)
    });
    vm.add_method(&set_ty, "intersection_update", |vm, a| {
        let s = this_set(vm, &a, "intersection_update")?;
        for other in a.pos.get(1..).unwrap_or(&[]) {
            let o = elements(vm, other)?;
            let keep = vm.new_set_from(&o)?;
            for v in vm.set_items(&s) {
                if !vm.set_contains(&keep, &v)? {
                    vm.set_discard(&s, &v)?;
                }
            }
        }
        Ok(Value::None)
    });
    vm.add_method(&set_ty, "symmetric_difference_update", |vm, a| {
        let s = this_set(vm, &a, "symmetric_difference_update")?;
        let rest = args::meth(vm, &a, "set", "symmetric_difference_update", 1, 1)?;
        let o = elements(vm, &rest[0])?;
        let other = vm.new_set_from(&o)?;
        for v in vm.set_items(&other) {
            if !vm.set_discard(&s, &v)? {
                vm.set_add(&s, v)?;
            }
        }
        Ok(Value::None)
    });
    for ty in [set_ty, frozen_ty] {
        vm.add_method(&ty, "copy", |vm, a| {
            let s = this_set(vm, &a, "copy")?;
            let items = vm.set_items(&s);
            make(vm, &s, &items)
        });
        vm.add_method(&ty, "union", |vm, a| {
            let s = this_set(vm, &a, "union")?;
            let mut items = vm.set_items(&s);
            for other in a.pos.get(1..).unwrap_or(&[]) {
                items.extend(elements(vm, other)?);
            }
            make(vm, &s, &items)
        });
        vm.add_method(&ty, "intersection", |vm, a| {
            let s = this_set(vm, &a, "intersection")?;
            let mut cur = vm.set_items(&s);
            for other in a.pos.get(1..).unwrap_or(&[]) {
                let o = elements(vm, other)?;
                let os = vm.new_set_from(&o)?;
                let mut keep = Vec::new();
                for v in cur {
                    if vm.set_contains(&os, &v)? {
                        keep.push(v);
                    }
                }
                cur = keep;
            }
            make(vm, &s, &cur)
        });
        vm.add_method(&ty, "difference", |vm, a| {
            let s = this_set(vm, &a, "difference")?;
            let mut cur = vm.set_items(&s);
            for other in a.pos.get(1..).unwrap_or(&[]) {
                let o = elements(vm, other)?;
                let os = vm.new_set_from(&o)?;
                let mut keep = Vec::new();
                for v in cur {
                    if !vm.set_contains(&os, &v)? {
                        keep.push(v);
                    }
                }
                cur = keep;
            }
            make(vm, &s, &cur)
        });
        vm.add_method(&ty, "symmetric_difference", |vm, a| {
            let s = this_set(vm, &a, "symmetric_difference")?;
            let rest = args::meth(vm, &a, "set", "symmetric_difference", 1, 1)?;
            let o = elements(vm, &rest[0])?;
            let result = vm.new_set_from(&o)?;
            for v in vm.set_items(&s) {
                if !vm.set_discard(&result, &v)? {
                    vm.set_add(&result, v)?;
                }
            }
            let items = vm.set_items(&result);
            make(vm, &s, &items)
        });
        vm.add_method(&ty, "issubset", |vm, a| {
            let s = this_set(vm, &a, "issubset")?;
            let rest = args::meth(vm, &a, "set", "issubset", 1, 1)?;
            let o = elements(vm, &rest[0])?;
            let os = vm.new_set_from(&o)?;
            for v in vm.set_items(&s) {
                if !vm.set_contains(&os, &v)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        });
        vm.add_method(&ty, "issuperset", |vm, a| {
            let s = this_set(vm, &a, "issuperset")?;
            let rest = args::meth(vm, &a, "set", "issuperset", 1, 1)?;
            for v in elements(vm, &rest[0])? {
                if !vm.set_contains(&s, &v)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        });
        vm.add_method(&ty, "isdisjoint", |vm, a| {
            let s = this_set(vm, &a, "isdisjoint")?;
            let rest = args::meth(vm, &a, "set", "isdisjoint", 1, 1)?;
            for v in elements(vm, &rest[0])? {
                if vm.set_contains(&s, &v)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        });
    }
}
