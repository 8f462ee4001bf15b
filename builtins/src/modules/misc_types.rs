//! Additions to the VM's native `types` module: `DynamicClassAttribute` (which `enum` builds on)
//! and the types CPython's `types.py` derives from sample objects (`GenericAlias`,
//! `WrapperDescriptorType`, …). CPython's own `types.py` does not run on pyvm yet (it takes
//! `type(FunctionType.__code__)`, a getset descriptor pyvm's builtin types do not expose), so
//! the native module is used even with a standard library.

use crate::modules::new_type;
use pyvm_vm::{Args, ObjRef, PyResult, Value, Vm};

pub(super) fn install(vm: &mut Vm) {
    vm.extend_module_factory("types", |vm, m| {
        let cls = dynamic_class_attribute(vm)?;
        vm.set_module_attr(m, "DynamicClassAttribute", Value::Obj(cls));
        method_constructor(vm);
        sample_types(vm, m)
    });
}

/// `types.MethodType(func, obj)` (CPython's `method_new`).
fn method_constructor(vm: &mut Vm) {
    let cls = vm.types().method.clone();
    vm.set_constructor(&cls, |vm, a| {
        if !a.kw.is_empty() {
            return Err(vm.new_type_error("method() takes no keyword arguments"));
        }
        let [func, obj] = match a.pos.get(1..) {
            Some([f, o]) => [f.clone(), o.clone()],
            _ => {
                return Err(vm.new_type_error(&format!(
                    "method expected 2 arguments, got {}",
                    a.pos.len().saturating_sub(1)
                )))
            }
        };
        if !crate::modules::functools::is_callable(vm, &func) {
            return Err(vm.new_type_error("first argument must be callable"));
        }
        if obj.is_none() {
            return Err(vm.new_type_error("instance must not be None"));
        }
        // Always a `method`, whatever `func` is (`new_bound_method` would make a builtin
        // type's method bound to `obj` a `builtin_function_or_method`).
        let cls = vm.types().method.clone();
        Ok(Value::Obj(vm.alloc(
            &cls,
            pyvm_vm::Payload::BoundMethod { func, self_: obj },
        )))
    });
}

/// `types.py`'s `X = type(sample)` names.
fn sample_types(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let list = Value::Obj(vm.types().list.clone());
    let int = Value::Obj(vm.types().int.clone());
    let object = Value::Obj(vm.types().object.clone());
    let ga = vm.new_generic_alias(list, int)?;
    let init = vm.getattr_str(&object, "__init__")?;
    let inst = vm.call(&object, &[])?;
    let bound = vm.getattr_str(&inst, "__str__")?;
    let dict_type = Value::Obj(vm.types().dict.clone());
    let dict_ns = vm.getattr_str(&dict_type, "__dict__")?;
    let key = vm.new_str("fromkeys");
    let fromkeys = vm.getitem(&dict_ns, &key)?;
    // `object.__class__` is a getset descriptor; a `__slots__` entry a member descriptor.
    let class_ns = vm.getattr_str(&object, "__dict__")?;
    let key = vm.new_str("__class__");
    let getset = vm.getitem(&class_ns, &key)?;
    let meta = Value::Obj(vm.types().type_.clone());
    let name = vm.new_str("_pyvm_slotted");
    let slots = vm.new_tuple(vec![vm.new_str("member")]);
    let ns = vm.new_dict();
    if let Some(d) = ns.as_obj() {
        vm.dict_set_str(Some(d), "__slots__", slots);
    }
    let bases = vm.new_tuple(vec![]);
    let slotted = vm.call(&meta, &[name, bases, ns])?;
    let member = vm.getattr_str(&slotted, "__dict__")?;
    let key = vm.new_str("member");
    let member = vm.getitem(&member, &key)?;
    for (name, sample) in [
        ("GetSetDescriptorType", getset),
        ("MemberDescriptorType", member),
        ("GenericAlias", ga),
        ("WrapperDescriptorType", init),
        ("MethodWrapperType", bound),
        ("ClassMethodDescriptorType", fromkeys),
    ] {
        let t = vm.type_of(&sample);
        vm.set_module_attr(m, name, Value::Obj(t));
    }
    Ok(())
}

/// Argument `i` after `self`, or keyword `name`, or `None`.
fn arg(a: &Args<'_>, i: usize, name: &str) -> Value {
    a.kwarg(name)
        .or_else(|| a.pos.get(i + 1))
        .cloned()
        .unwrap_or(Value::None)
}

fn me(a: &Args<'_>) -> Value {
    a.pos.first().cloned().unwrap_or(Value::None)
}

/// A new instance of `self`'s class from `(fget, fset, fdel, doc)`, keeping `overwrite_doc`.
fn copy_with(vm: &mut Vm, this: &Value, which: usize, f: Value) -> PyResult<Value> {
    let mut parts = Vec::with_capacity(4);
    for name in ["fget", "fset", "fdel"] {
        parts.push(vm.getattr_str(this, name)?);
    }
    if let Some(p) = parts.get_mut(which) {
        *p = f.clone();
    }
    let overwrite = vm.getattr_str(this, "overwrite_doc")?;
    let own_doc = vm.getattr_str(this, "__doc__")?;
    let doc = if which == 0 {
        // The getter's docstring replaces an inherited one.
        let fdoc = if vm.is_true(&overwrite)? {
            vm.lookup_attr(&f, "__doc__")?.unwrap_or(Value::None)
        } else {
            Value::None
        };
        if vm.is_true(&fdoc)? {
            fdoc
        } else {
            own_doc
        }
    } else {
        own_doc
    };
    parts.push(doc);
    let cls = Value::Obj(vm.type_of(this));
    let result = vm.call(&cls, &parts)?;
    let key = vm.new_str("overwrite_doc");
    vm.setattr(&result, &key, overwrite)?;
    Ok(result)
}

fn set(vm: &mut Vm, obj: &Value, name: &str, v: Value) -> PyResult<()> {
    let key = vm.new_str(name);
    vm.setattr(obj, &key, v)
}

fn attribute_error(vm: &Vm, msg: Option<&str>) -> pyvm_vm::PyErr {
    let ty = vm.types().exc.attribute_error.clone();
    let args = msg.map(|m| vec![vm.new_str(m)]).unwrap_or_default();
    vm.new_exception(&ty, args)
}

/// `types.DynamicClassAttribute`: a property on instances that, looked up on the class, falls
/// through to the metaclass (`AttributeError` unless abstract).
fn dynamic_class_attribute(vm: &mut Vm) -> PyResult<ObjRef> {
    let cls = new_type(vm, "types", "DynamicClassAttribute", &[])?;
    vm.add_method(&cls, "__init__", |vm, a| {
        let this = me(&a);
        let fget = arg(&a, 0, "fget");
        let doc = arg(&a, 3, "doc");
        set(vm, &this, "fget", fget.clone())?;
        set(vm, &this, "fset", arg(&a, 1, "fset"))?;
        set(vm, &this, "fdel", arg(&a, 2, "fdel"))?;
        let overwrite = doc.is_none();
        let doc = if vm.is_true(&doc)? {
            doc
        } else {
            vm.lookup_attr(&fget, "__doc__")?.unwrap_or(Value::None)
        };
        set(vm, &this, "__doc__", doc)?;
        set(vm, &this, "overwrite_doc", Value::bool(overwrite))?;
        let abs = match vm.lookup_attr(&fget, "__isabstractmethod__")? {
            Some(v) => vm.is_true(&v)?,
            None => false,
        };
        set(vm, &this, "__isabstractmethod__", Value::bool(abs))?;
        Ok(Value::None)
    });
    vm.add_method(&cls, "__get__", |vm, a| {
        let this = me(&a);
        let instance = a.pos.get(1).cloned().unwrap_or(Value::None);
        if instance.is_none() {
            let abs = vm.getattr_str(&this, "__isabstractmethod__")?;
            if vm.is_true(&abs)? {
                return Ok(this);
            }
            return Err(attribute_error(vm, None));
        }
        let fget = vm.getattr_str(&this, "fget")?;
        if fget.is_none() {
            return Err(attribute_error(vm, Some("unreadable attribute")));
        }
        vm.call(&fget, &[instance])
    });
    vm.add_method(&cls, "__set__", |vm, a| {
        let this = me(&a);
        let fset = vm.getattr_str(&this, "fset")?;
        if fset.is_none() {
            return Err(attribute_error(vm, Some("can't set attribute")));
        }
        let rest = a.pos.get(1..).unwrap_or(&[]).to_vec();
        vm.call(&fset, &rest)?;
        Ok(Value::None)
    });
    vm.add_method(&cls, "__delete__", |vm, a| {
        let this = me(&a);
        let fdel = vm.getattr_str(&this, "fdel")?;
        if fdel.is_none() {
            return Err(attribute_error(vm, Some("can't delete attribute")));
        }
        let rest = a.pos.get(1..2).unwrap_or(&[]).to_vec();
        vm.call(&fdel, &rest)?;
        Ok(Value::None)
    });
    for (i, name) in ["getter", "setter", "deleter"].into_iter().enumerate() {
        vm.add_method(&cls, name, move |vm, a| {
            let this = me(&a);
            let f = a.pos.get(1).cloned().unwrap_or(Value::None);
            copy_with(vm, &this, i, f)
        });
    }
    Ok(cls)
}
