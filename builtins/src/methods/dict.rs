//! `dict` methods.

use crate::args;
use pyvm_vm::dict::DictTable;
use pyvm_vm::object::DictViewKind;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm};

fn def(vm: &mut Vm, name: &str, f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static) {
    let ty = vm.types().dict.clone();
    vm.add_method(&ty, name, f);
}

fn this_dict(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<ObjRef> {
    let v = args::this(vm, a)?;
    match &v {
        Value::Obj(o) if matches!(o.payload, Payload::Dict(_)) => Ok(o.clone()),
        _ => Err(vm.new_type_error(&format!(
            "descriptor '{name}' for 'dict' objects doesn't apply to a '{}' object",
            vm.type_name(&v)
        ))),
    }
}

fn view(vm: &mut Vm, a: &Args<'_>, name: &str, kind: DictViewKind) -> PyResult<Value> {
    let d = this_dict(vm, a, name)?;
    args::meth(vm, a, "dict", name, 0, 0)?;
    let cls = match kind {
        DictViewKind::Keys => vm.types().dict_keys.clone(),
        DictViewKind::Values => vm.types().dict_values.clone(),
        DictViewKind::Items => vm.types().dict_items.clone(),
    };
    Ok(Value::Obj(
        vm.alloc(&cls, Payload::DictView { dict: d, kind }),
    ))
}

pub(crate) fn install(vm: &mut Vm) {
    def(vm, "keys", |vm, a| view(vm, &a, "keys", DictViewKind::Keys));
    def(vm, "values", |vm, a| {
        view(vm, &a, "values", DictViewKind::Values)
    });
    def(vm, "items", |vm, a| {
        view(vm, &a, "items", DictViewKind::Items)
    });
    def(vm, "get", |vm, a| {
        let d = this_dict(vm, &a, "get")?;
        let rest = args::meth(vm, &a, "dict", "get", 1, 2)?;
        Ok(vm
            .dict_get_item(&d, &rest[0])?
            .unwrap_or_else(|| rest.get(1).cloned().unwrap_or(Value::None)))
    });
    def(vm, "setdefault", |vm, a| {
        let d = this_dict(vm, &a, "setdefault")?;
        let rest = args::meth(vm, &a, "dict", "setdefault", 1, 2)?;
        if let Some(v) = vm.dict_get_item(&d, &rest[0])? {
            return Ok(v);
        }
        let default = rest.get(1).cloned().unwrap_or(Value::None);
        vm.dict_set_item(&d, rest[0].clone(), default.clone())?;
        Ok(default)
    });
    def(vm, "pop", |vm, a| {
        let d = this_dict(vm, &a, "pop")?;
        let rest = args::meth(vm, &a, "dict", "pop", 1, 2)?;
        // CPython answers for an empty dict without hashing the key.
        let empty = matches!(&d.payload, Payload::Dict(t) if t.borrow().is_empty());
        if empty {
            return match rest.get(1) {
                Some(default) => Ok(default.clone()),
                None => Err(vm.new_key_error(rest[0].clone())),
            };
        }
        match vm.dict_pop_item(&Value::Obj(d), &rest[0])? {
            Some(v) => Ok(v),
            None => match rest.get(1) {
                Some(default) => Ok(default.clone()),
                None => Err(vm.new_key_error(rest[0].clone())),
            },
        }
    });
    def(vm, "popitem", |vm, a| {
        let d = this_dict(vm, &a, "popitem")?;
        args::meth(vm, &a, "dict", "popitem", 0, 0)?;
        let last = match &d.payload {
            Payload::Dict(t) => t.borrow_mut().pop_last(),
            _ => None,
        };
        match last {
            Some(e) => Ok(vm.new_tuple(vec![e.key, e.value])),
            None => {
                let ty = vm.types().exc.key_error.clone();
                Err(vm.new_exception_msg(&ty, "popitem(): dictionary is empty"))
            }
        }
    });
    def(vm, "update", |vm, a| {
        let d = this_dict(vm, &a, "update")?;
        if a.pos.len() > 2 {
            return Err(vm.new_type_error(&format!(
                "update expected at most 1 argument, got {}",
                a.pos.len() - 1
            )));
        }
        vm.dict_update_args(&d, a.pos.get(1), a.kw)?;
        Ok(Value::None)
    });
    def(vm, "clear", |vm, a| {
        let d = this_dict(vm, &a, "clear")?;
        args::meth(vm, &a, "dict", "clear", 0, 0)?;
        let old = match &d.payload {
            Payload::Dict(t) => Some(std::mem::replace(&mut *t.borrow_mut(), DictTable::new())),
            _ => None,
        };
        drop(old);
        Ok(Value::None)
    });
    def(vm, "copy", |vm, a| {
        let d = this_dict(vm, &a, "copy")?;
        args::meth(vm, &a, "dict", "copy", 0, 0)?;
        let n = vm.new_dict_obj();
        for (k, v) in vm.dict_items(&Value::Obj(d)) {
            vm.dict_set_item(&n, k, v)?;
        }
        Ok(Value::Obj(n))
    });
    let ty = vm.types().dict.clone();
    vm.add_classmethod(&ty, "fromkeys", |vm, a| {
        let rest = args::meth(vm, &a, "dict", "fromkeys", 1, 2)?;
        let value = rest.get(1).cloned().unwrap_or(Value::None);
        let cls = args::this(vm, &a)?;
        let d = vm.call(&cls, &[])?;
        let keys = vm.to_vec(&rest[0])?;
        match d.as_obj() {
            Some(o) if matches!(o.payload, Payload::Dict(_)) => {
                let o = o.clone();
                for k in keys {
                    vm.dict_set_item(&o, k, value.clone())?;
                }
            }
            _ => {
                for k in keys {
                    vm.setitem(&d, &k, value.clone())?;
                }
            }
        }
        Ok(d)
    });
}
