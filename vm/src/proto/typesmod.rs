//! The `types` module (it names the VM's own type objects), `types.SimpleNamespace`, and the
//! read-only `mappingproxy` that `Class.__dict__` returns.

use crate::code::CodeObj;
use crate::object::{BaseKind, FunctionData, ObjRef, Payload};
use crate::types::make_type;
use crate::value::{Value, B64};
use crate::{Args, PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// A read-only view of a mapping.
pub struct MappingProxy(pub Value);

fn proxied(vm: &Vm, a: &Args<'_>) -> PyResult<Value> {
    match a.pos.first().and_then(Value::payload) {
        Some(Payload::Native(n)) => match n.downcast_ref::<MappingProxy>() {
            Some(m) => Ok(m.0.clone()),
            None => Err(vm.new_type_error("expected a mappingproxy")),
        },
        _ => Err(vm.new_type_error("expected a mappingproxy")),
    }
}

/// The mapping behind a `mappingproxy` (`str()` of a proxy is the mapping's).
pub(crate) fn proxied_mapping(v: &Value) -> Option<Value> {
    match v.payload() {
        Some(Payload::Native(n)) => n.downcast_ref::<MappingProxy>().map(|m| m.0.clone()),
        _ => None,
    }
}

impl Vm {
    /// A `mappingproxy` over `mapping`.
    pub fn new_mappingproxy(&mut self, mapping: Value) -> Value {
        let cls = self.t.mappingproxy.clone();
        Value::Obj(self.alloc(&cls, Payload::Native(Box::new(MappingProxy(mapping)))))
    }

    /// `types.coroutine(func)`: a copy of a generator function whose generators are awaitable.
    fn types_coroutine(&mut self, f: &Value) -> PyResult<Value> {
        let Some(Payload::Function(fd)) = f.payload() else {
            return Ok(f.clone());
        };
        let code = &fd.code;
        if code.flags & pyvm_loader::object::flags::GENERATOR == 0 {
            return Ok(f.clone());
        }
        let mut raw = (*code.raw).clone();
        raw.flags |= pyvm_loader::object::flags::ITERABLE_COROUTINE;
        let co = CodeObj::new(
            Arc::new(raw),
            code.consts.to_vec(),
            code.names.to_vec(),
            code.localsplusnames.to_vec(),
        );
        let nf = FunctionData {
            simple_argc: co.simple_argc(),
            code: Rc::new(co),
            globals: fd.globals.clone(),
            builtins: fd.builtins.clone(),
            name: RefCell::new(fd.name.borrow().clone()),
            qualname: RefCell::new(fd.qualname.borrow().clone()),
            defaults: RefCell::new(fd.defaults.borrow().clone()),
            kwdefaults: RefCell::new(fd.kwdefaults.borrow().clone()),
            closure: fd.closure.clone(),
            annotations: RefCell::new(fd.annotations.borrow().clone()),
            doc: RefCell::new(fd.doc.borrow().clone()),
            module: fd.module.clone(),
            dict: None,
        };
        Ok(self.new_function(nf))
    }
}

fn ns_items(vm: &Vm, v: &Value) -> Vec<(Value, Value)> {
    match v.as_obj().and_then(|o| vm.instance_dict(o)) {
        Some(d) => vm.dict_items(&Value::Obj(d)),
        None => Vec::new(),
    }
}

pub(crate) fn install(vm: &mut Vm) {
    // mappingproxy
    let mp = vm.t.mappingproxy.clone();
    vm.set_constructor(&mp, |vm, a| {
        let m = a.pos.get(1).cloned().unwrap_or(Value::None);
        if !matches!(m.payload(), Some(Payload::Dict(_))) && vm.lookup_attr(&m, "keys")?.is_none() {
            return Err(vm.new_type_error(&format!(
                "mappingproxy() argument must be a mapping, not {}",
                vm.type_name(&m)
            )));
        }
        Ok(vm.new_mappingproxy(m))
    });
    vm.add_method(&mp, "__getitem__", |vm, a| {
        let m = proxied(vm, &a)?;
        vm.getitem(&m, a.pos.get(1).unwrap_or(&Value::None))
    });
    vm.add_method(&mp, "__len__", |vm, a| {
        let m = proxied(vm, &a)?;
        Ok(Value::Int(vm.len(&m)? as i64))
    });
    vm.add_method(&mp, "__iter__", |vm, a| {
        let m = proxied(vm, &a)?;
        vm.iter(&m)
    });
    vm.add_method(&mp, "__contains__", |vm, a| {
        let m = proxied(vm, &a)?;
        Ok(Value::Bool(B64::new(
            vm.contains(&m, a.pos.get(1).unwrap_or(&Value::None))?,
        )))
    });
    vm.add_method(&mp, "__repr__", |vm, a| {
        let m = proxied(vm, &a)?;
        let r = vm.repr_string(&m)?;
        Ok(vm.new_string(format!("mappingproxy({r})")))
    });
    // Comparisons compare the underlying mapping (`d.keys().mapping == d`).
    {
        use crate::proto::cmp::CompareOp;
        for (op, name) in [
            (CompareOp::Lt, "__lt__"),
            (CompareOp::Le, "__le__"),
            (CompareOp::Eq, "__eq__"),
            (CompareOp::Ne, "__ne__"),
            (CompareOp::Gt, "__gt__"),
            (CompareOp::Ge, "__ge__"),
        ] {
            vm.add_method(&mp, name, move |vm, a| {
                let m = proxied(vm, &a)?;
                let other = a.pos.get(1).cloned().unwrap_or(Value::None);
                vm.compare(&m, &other, op)
            });
        }
    }
    for name in ["keys", "values", "items", "get", "copy"] {
        vm.add_method(&mp, name, move |vm, a| {
            let m = proxied(vm, &a)?;
            vm.call_method(&m, name, &a.pos[1..])
        });
    }
    // SimpleNamespace
    let sn = vm.t.simple_namespace.clone();
    vm.add_method(&sn, "__init__", |vm, a| {
        let me = a.pos.first().cloned().unwrap_or(Value::None);
        if a.pos.len() > 2 {
            return Err(vm.new_type_error(&format!(
                "SimpleNamespace expected at most 1 argument, got {}",
                a.pos.len() - 1
            )));
        }
        if let Some(src) = a.pos.get(1) {
            for (k, v) in vm.dict_items(src) {
                vm.setattr(&me, &k, v)?;
            }
        }
        for (k, v) in a.kw {
            let key = vm.new_str_rc(k.clone());
            vm.setattr(&me, &key, v.clone())?;
        }
        Ok(Value::None)
    });
    vm.add_method(&sn, "__repr__", |vm, a| {
        let me = a.pos.first().cloned().unwrap_or(Value::None);
        let mut parts = Vec::new();
        for (k, v) in ns_items(vm, &me) {
            let r = vm.repr_string(&v)?;
            parts.push(format!("{}={}", k.as_str().unwrap_or("?"), r));
        }
        let name = if vm.type_of(&me).as_type().is_some_and(|t| t.heap) {
            vm.type_name(&me).to_string()
        } else {
            "namespace".into()
        };
        Ok(vm.new_string(format!("{name}({})", parts.join(", "))))
    });
    vm.add_method(&sn, "__eq__", |vm, a| {
        let (x, y) = (
            a.pos.first().cloned().unwrap_or(Value::None),
            a.pos.get(1).cloned().unwrap_or(Value::None),
        );
        let sn = vm.t.simple_namespace.clone();
        if !vm.is_instance(&y, &sn) {
            return Ok(vm.not_implemented());
        }
        let dx = x
            .as_obj()
            .and_then(|o| vm.instance_dict(o))
            .map(Value::Obj)
            .unwrap_or(Value::None);
        let dy = y
            .as_obj()
            .and_then(|o| vm.instance_dict(o))
            .map(Value::Obj)
            .unwrap_or(Value::None);
        vm.compare(&dx, &dy, crate::proto::cmp::CompareOp::Eq)
    });
    vm.type_set_attr(&sn, "__hash__", Value::None);
    vm.register_module_factory("types", |vm| {
        let m = vm.new_module("types");
        let t = &vm.t;
        let entries: Vec<(&str, ObjRef)> = vec![
            ("FunctionType", t.function.clone()),
            ("LambdaType", t.function.clone()),
            ("GeneratorType", t.generator.clone()),
            ("CoroutineType", t.coroutine.clone()),
            ("AsyncGeneratorType", t.async_generator.clone()),
            ("MethodType", t.method.clone()),
            ("BuiltinFunctionType", t.builtin_function.clone()),
            ("BuiltinMethodType", t.builtin_function.clone()),
            ("MethodDescriptorType", t.method_descriptor.clone()),
            ("ModuleType", t.module.clone()),
            ("CodeType", t.code.clone()),
            ("CellType", t.cell.clone()),
            ("FrameType", t.frame.clone()),
            ("TracebackType", t.traceback.clone()),
            ("NoneType", t.none.clone()),
            ("NotImplementedType", t.not_implemented.clone()),
            ("EllipsisType", t.ellipsis.clone()),
            ("MappingProxyType", t.mappingproxy.clone()),
            ("UnionType", t.union_type.clone()),
            ("SimpleNamespace", t.simple_namespace.clone()),
        ];
        for (n, ty) in entries {
            vm.set_module_attr(&m, n, Value::Obj(ty));
        }
        let co = vm.native(
            "coroutine",
            Rc::new(|vm: &mut Vm, a: Args<'_>| {
                let f = a.pos.first().cloned().unwrap_or(Value::None);
                vm.types_coroutine(&f)
            }),
            crate::object::NativeKind::Function,
            None,
            Some(Rc::from("types")),
        );
        vm.set_module_attr(&m, "coroutine", co);
        let nc = vm.native(
            "new_class",
            Rc::new(|vm: &mut Vm, a: Args<'_>| {
                let name = a.pos.first().cloned().unwrap_or(Value::None);
                let bases = a
                    .pos
                    .get(1)
                    .cloned()
                    .unwrap_or_else(|| vm.new_tuple(vec![]));
                let kwds = a
                    .kwarg("kwds")
                    .or(a.pos.get(2))
                    .cloned()
                    .unwrap_or(Value::None);
                let exec_body = a
                    .kwarg("exec_body")
                    .or(a.pos.get(3))
                    .cloned()
                    .unwrap_or(Value::None);
                let mut meta = Value::Obj(vm.t.type_.clone());
                let mut kw: Vec<(Rc<str>, Value)> = Vec::new();
                for (k, v) in vm.dict_items(&kwds) {
                    if k.as_str() == Some("metaclass") {
                        meta = v;
                    } else if let Some(ks) = k.as_rc_str() {
                        kw.push((ks, v));
                    }
                }
                let ns = vm.new_dict();
                if !exec_body.is_none() {
                    vm.call(&exec_body, &[ns.clone()])?;
                }
                vm.call_kw(&meta, &[name, bases, ns], &kw)
            }),
            crate::object::NativeKind::Function,
            None,
            Some(Rc::from("types")),
        );
        vm.set_module_attr(&m, "new_class", nc);
        Ok(m)
    });
}

/// The `types.SimpleNamespace` type object (called from `Types` setup).
pub(crate) fn make_simple_namespace(type_: &ObjRef, object: &ObjRef) -> ObjRef {
    let sn = make_type(
        Some(type_),
        "SimpleNamespace",
        &[object.clone()],
        BaseKind::Object,
        false,
    );
    if let Some(td) = sn.as_type() {
        *td.module.borrow_mut() = Some(Rc::from("types"));
    }
    sn
}
