//! `object.__reduce_ex__`, `object.__reduce__` and `object.__getstate__`: the default reduce
//! protocol that `copy` and `pickle` fall back on for instances of user classes.
//!
//! Protocol 2 and above build `(copyreg.__newobj__, (cls, *args), state, listitems, dictitems)`
//! (`copyreg.__newobj_ex__` with keyword arguments from `__getnewargs_ex__`); protocols 0 and 1
//! defer to `copyreg._reduce_ex`, as CPython does. The state is the instance dict (or `None`),
//! paired with a dict of the `__slots__` values when the class has slots that are set.

use pyvm_vm::{ObjRef, Payload, PyResult, Value, Vm};

pub(crate) fn install(vm: &mut Vm) {
    let obj = vm.types().object.clone();
    vm.add_method(&obj, "__reduce_ex__", |vm, a| {
        let this = crate::args::this(vm, &a)?;
        let rest = crate::args::method(vm, &a, "object.__reduce_ex__", 1, 1)?;
        let proto = rest.first().cloned().unwrap_or(Value::None);
        let proto = match vm.index_value(&proto)? {
            Value::Int(i) if i32::try_from(i).is_ok() => i,
            Value::Bool(b) => i64::from(bool::from(b)),
            _ => return Err(vm.new_overflow_error("Python int too large to convert to C int")),
        };
        reduce_ex(vm, &this, proto)
    });
    vm.add_method(&obj, "__reduce__", |vm, a| {
        let this = crate::args::this(vm, &a)?;
        crate::args::method(vm, &a, "object.__reduce__", 0, 0)?;
        common_reduce(vm, &this, 0)
    });
    vm.add_method(&obj, "__getstate__", |vm, a| {
        let this = crate::args::this(vm, &a)?;
        crate::args::method(vm, &a, "object.__getstate__", 0, 0)?;
        default_state(vm, &this, false)
    });
}

/// `object.__reduce_ex__(protocol)`: a class that overrides `__reduce__` gets that called.
fn reduce_ex(vm: &mut Vm, this: &Value, proto: i64) -> PyResult<Value> {
    if vm.lookup_attr(this, "__reduce__")?.is_some() {
        let cls = Value::Obj(vm.type_of(this));
        let cls_reduce = vm.getattr_str(&cls, "__reduce__")?;
        let base = vm.lookup_type_attr(&vm.types().object.clone(), "__reduce__");
        if !base.is_some_and(|b| b.is(&cls_reduce)) {
            return vm.call_method(this, "__reduce__", &[]);
        }
    }
    common_reduce(vm, this, proto)
}

fn common_reduce(vm: &mut Vm, this: &Value, proto: i64) -> PyResult<Value> {
    if proto >= 2 {
        return reduce_newobj(vm, this);
    }
    let copyreg = vm.import_module("copyreg")?;
    let f = vm.getattr_str(&copyreg, "_reduce_ex")?;
    vm.call(&f, &[this.clone(), Value::Int(proto)])
}

/// The arguments `__new__` needs to recreate `this`: from `__getnewargs_ex__`, else from
/// `__getnewargs__`, else none (`None`).
fn new_arguments(vm: &mut Vm, this: &Value) -> PyResult<Option<(Value, Option<Value>)>> {
    let cls = vm.type_of(this);
    if let Some(f) = vm.lookup_type_attr(&cls, "__getnewargs_ex__") {
        let r = vm.call_method_value(&f, this, &[])?;
        let Some(Payload::Tuple(t)) = r.payload() else {
            let n = vm.type_name(&r);
            return Err(vm.new_type_error(&format!(
                "__getnewargs_ex__ should return a tuple, not '{n}'"
            )));
        };
        let [args, kwargs] = &**t else {
            return Err(vm.new_value_error(&format!(
                "__getnewargs_ex__ should return a tuple of length 2, not {}",
                t.len()
            )));
        };
        if !matches!(args.payload(), Some(Payload::Tuple(_))) {
            let n = vm.type_name(args);
            return Err(vm.new_type_error(&format!(
                "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{n}'"
            )));
        }
        if !matches!(kwargs.payload(), Some(Payload::Dict(_))) {
            let n = vm.type_name(kwargs);
            return Err(vm.new_type_error(&format!(
                "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{n}'"
            )));
        }
        return Ok(Some((args.clone(), Some(kwargs.clone()))));
    }
    if let Some(f) = vm.lookup_type_attr(&cls, "__getnewargs__") {
        let r = vm.call_method_value(&f, this, &[])?;
        if !matches!(r.payload(), Some(Payload::Tuple(_))) {
            let n = vm.type_name(&r);
            return Err(
                vm.new_type_error(&format!("__getnewargs__ should return a tuple, not '{n}'"))
            );
        }
        return Ok(Some((r, None)));
    }
    Ok(None)
}

fn tuple_items(v: &Value) -> Vec<Value> {
    match v.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    }
}

/// Protocol 2+: `(copyreg.__newobj__, (cls, *args), state, listitems, dictitems)`.
fn reduce_newobj(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let cls = vm.type_of(this);
    let newargs = new_arguments(vm, this)?;
    let copyreg = vm.import_module("copyreg")?;
    let has_args = newargs.is_some();
    let (newobj, newargs) = match newargs {
        Some((args, Some(kwargs))) if vm.len(&kwargs)? > 0 => {
            let f = vm.getattr_str(&copyreg, "__newobj_ex__")?;
            (f, vm.new_tuple(vec![Value::Obj(cls.clone()), args, kwargs]))
        }
        other => {
            let f = vm.getattr_str(&copyreg, "__newobj__")?;
            let mut items = vec![Value::Obj(cls.clone())];
            if let Some((args, _)) = other {
                items.extend(tuple_items(&args));
            }
            (f, vm.new_tuple(items))
        }
    };
    let is_list = matches!(this.payload(), Some(Payload::List(_)));
    let is_dict = matches!(this.payload(), Some(Payload::Dict(_)));
    let state = object_state(vm, this, !(has_args || is_list || is_dict))?;
    let listitems = if is_list { vm.iter(this)? } else { Value::None };
    let dictitems = if is_dict {
        let items = vm.call_method(this, "items", &[])?;
        vm.iter(&items)?
    } else {
        Value::None
    };
    Ok(vm.new_tuple(vec![newobj, newargs, state, listitems, dictitems]))
}

/// The state to pickle: `__getstate__()`, or the default state (with `required` checks) when
/// `__getstate__` is `object`'s own.
fn object_state(vm: &mut Vm, this: &Value, required: bool) -> PyResult<Value> {
    let cls = vm.type_of(this);
    let own = vm.lookup_type_attr(&cls, "__getstate__");
    let base = vm.lookup_type_attr(&vm.types().object.clone(), "__getstate__");
    let default = match (&own, &base) {
        (Some(o), Some(b)) => o.is(b) && !instance_shadows(vm, this, "__getstate__"),
        _ => false,
    };
    if default {
        return default_state(vm, this, required);
    }
    vm.call_method(this, "__getstate__", &[])
}

/// Does the instance's own dict hold `name` (which then wins over the class's method)?
fn instance_shadows(vm: &Vm, this: &Value, name: &str) -> bool {
    this.as_obj()
        .and_then(|o| vm.instance_dict(o))
        .is_some_and(|d| vm.dict_get_str(&d, name).is_some())
}

/// Is `this` an object whose contents live in a builtin payload that the default state does
/// not capture (CPython's basic-size check)?
fn has_native_state(this: &Value) -> bool {
    match this {
        Value::Obj(o) => !matches!(
            o.payload,
            Payload::Instance(_) | Payload::Slots(_) | Payload::List(_) | Payload::Dict(_)
        ),
        _ => true,
    }
}

/// The instance dict as pickled state: the dict, or `None` when there is none or it is empty
/// (what `object.__getstate__` and the builtin types' `__reduce__` give).
pub(crate) fn instance_state(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let dict = this.as_obj().and_then(|o| vm.instance_dict(o));
    match dict {
        Some(d) if vm.len(&Value::Obj(d.clone()))? > 0 => Ok(Value::Obj(d)),
        _ => Ok(Value::None),
    }
}

/// `object.__getstate__()`: the instance dict (or `None` when empty or absent), paired with a
/// dict of the set `__slots__` values when there are any.
fn default_state(vm: &mut Vm, this: &Value, required: bool) -> PyResult<Value> {
    let cls = vm.type_of(this);
    if required && has_native_state(this) {
        let n = vm.type_name(this);
        let variable = [&vm.types().int, &vm.types().tuple, &vm.types().bytes]
            .into_iter()
            .any(|b| vm.is_subclass(&cls, b));
        return Err(vm.new_type_error(&if variable {
            format!("cannot pickle {n} objects")
        } else {
            format!("cannot pickle '{n}' object")
        }));
    }
    let mut state = instance_state(vm, this)?;
    let names = slot_names(vm, &cls)?;
    if !names.is_empty() {
        let slots = vm.new_dict();
        let mut any = false;
        for name in names {
            if let Some(v) = vm.lookup_attr(this, &name)? {
                let key = vm.new_str(&name);
                vm.setitem(&slots, &key, v)?;
                any = true;
            }
        }
        if any {
            state = vm.new_tuple(vec![state, slots]);
        }
    }
    Ok(state)
}

/// The `__slots__` names of `cls` and its bases: `cls.__dict__['__slotnames__']` when cached,
/// else computed the way `copyreg._slotnames` does (private names mangled, `__dict__` and
/// `__weakref__` left out) and cached on the class.
fn slot_names(vm: &mut Vm, cls: &ObjRef) -> PyResult<Vec<String>> {
    if let Some(v) = own_attr(cls, "__slotnames__") {
        return match v.payload() {
            Some(Payload::List(l)) => Ok(str_items(&l.borrow().to_vec())),
            _ if matches!(v, Value::None) => Ok(Vec::new()),
            _ => Err(vm.new_type_error("copyreg._slotnames didn't return a list or None")),
        };
    }
    let mut names = Vec::new();
    if vm.lookup_type_attr(cls, "__slots__").is_some() {
        let mro = vm.getattr_str(&Value::Obj(cls.clone()), "__mro__")?;
        for c in tuple_items(&mro) {
            let Some(c) = c.as_obj() else { continue };
            let Some(slots) = own_attr(c, "__slots__") else {
                continue;
            };
            let slots = if slots.as_obj().and_then(|o| o.as_str()).is_some() {
                vec![slots]
            } else {
                let it = vm.iter(&slots)?;
                let mut v = Vec::new();
                while let Some(x) = vm.next(&it)? {
                    v.push(x);
                }
                v
            };
            let owner = c
                .as_type()
                .map(|t| t.name.borrow().to_string())
                .unwrap_or_default();
            for name in str_items(&slots) {
                if name == "__dict__" || name == "__weakref__" {
                    continue;
                }
                let stripped = owner.trim_start_matches('_');
                if name.starts_with("__") && !name.ends_with("__") && !stripped.is_empty() {
                    names.push(format!("_{stripped}{name}"));
                } else {
                    names.push(name);
                }
            }
        }
    }
    let list: Vec<Value> = names.iter().map(|n| vm.new_str(n)).collect();
    let list = vm.new_list(list);
    let _ = vm.setattr(&Value::Obj(cls.clone()), &vm.new_str("__slotnames__"), list);
    Ok(names)
}

fn str_items(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .filter_map(|v| v.as_obj().and_then(|o| o.as_str()).map(str::to_owned))
        .collect()
}

/// `name` in the class's own namespace (not its bases').
fn own_attr(cls: &ObjRef, name: &str) -> Option<Value> {
    let td = cls.as_type()?;
    let table = td.dict.try_borrow().ok()?;
    table
        .get_str(pyvm_vm::proto::hash::str_hash(name), name)
        .map(|v| v.clone())
}
