//! PEP 695 (3.12) type parameters: `TypeVar` / `ParamSpec` / `TypeVarTuple` objects, `type X = …`
//! aliases (`TypeAliasType`, lazily evaluated), `typing.Generic` for `class C[T]`, and the
//! `typing.Union` / `typing.Unpack` forms their operators produce.

use crate::frame::Frame;
use crate::object::{BaseKind, ObjRef, Payload};
use crate::proto::slots::GenericAlias;
use crate::types::make_type;
use crate::value::{Value, B64};
use crate::{Args, PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Eq)]
enum TpKind {
    TypeVar,
    ParamSpec,
    TypeVarTuple,
}

/// A type parameter. `bound` / `constraints` are evaluated lazily from their functions.
pub struct TypeParam {
    kind: TpKind,
    name: Rc<str>,
    bound_fn: RefCell<Option<Value>>,
    bound: RefCell<Option<Value>>,
    constraints_fn: RefCell<Option<Value>>,
    constraints: RefCell<Option<Value>>,
}

/// `type X[T] = …`.
pub struct TypeAlias {
    name: Rc<str>,
    params: Value,
    value_fn: Value,
    value: RefCell<Option<Value>>,
    module: Value,
}

/// `P.args` / `P.kwargs`.
pub struct ParamSpecAttr {
    of: Rc<str>,
    which: &'static str,
}

/// `typing.Unpack[Ts]` and `typing.Union[...]`.
pub struct TypingForm {
    head: &'static str,
    args: Vec<Value>,
}

fn visit_cells(cells: &[&RefCell<Option<Value>>], f: &mut dyn FnMut(&Value)) -> bool {
    for c in cells {
        match c.try_borrow() {
            Ok(v) => {
                if let Some(v) = &*v {
                    f(v);
                }
            }
            Err(_) => return false,
        }
    }
    true
}

fn take_cells(cells: &[&RefCell<Option<Value>>], out: &mut Vec<Value>) {
    for c in cells {
        if let Ok(mut v) = c.try_borrow_mut() {
            out.extend(v.take());
        }
    }
}

fn visit_type_param(t: &TypeParam, f: &mut dyn FnMut(&Value)) -> bool {
    visit_cells(
        &[&t.bound_fn, &t.bound, &t.constraints_fn, &t.constraints],
        f,
    )
}

fn clear_type_param(t: &TypeParam, out: &mut Vec<Value>) {
    take_cells(
        &[&t.bound_fn, &t.bound, &t.constraints_fn, &t.constraints],
        out,
    );
}

fn visit_type_alias(t: &TypeAlias, f: &mut dyn FnMut(&Value)) -> bool {
    f(&t.params);
    f(&t.value_fn);
    f(&t.module);
    visit_cells(&[&t.value], f)
}

fn clear_type_alias(t: &TypeAlias, out: &mut Vec<Value>) {
    take_cells(&[&t.value], out);
}

fn visit_typing_form(t: &TypingForm, f: &mut dyn FnMut(&Value)) -> bool {
    t.args.iter().for_each(f);
    true
}

/// The extra type objects of this module, created on first use.
#[derive(Clone)]
pub(crate) struct TpTypes {
    typevar: ObjRef,
    paramspec: ObjRef,
    typevartuple: ObjRef,
    alias: ObjRef,
    psattr: ObjRef,
    form: ObjRef,
    generic: ObjRef,
}

impl TpTypes {
    /// Every type object held here (for the VM's teardown).
    pub(crate) fn all(&self) -> Vec<ObjRef> {
        [
            &self.typevar,
            &self.paramspec,
            &self.typevartuple,
            &self.alias,
            &self.psattr,
            &self.form,
            &self.generic,
        ]
        .into_iter()
        .cloned()
        .collect()
    }
}

fn native<T: 'static>(v: &Value) -> Option<&T> {
    match v.payload() {
        Some(Payload::Native(n)) => n.downcast_ref::<T>(),
        _ => None,
    }
}

impl Vm {
    pub(crate) fn tp_types(&mut self) -> TpTypes {
        if let Some(t) = &self.tp_types {
            return t.clone();
        }
        let mk = |vm: &Vm, name: &str, kind: BaseKind| {
            let t = make_type(Some(&vm.t.type_), name, &[vm.t.object.clone()], kind, false);
            if let Some(td) = t.as_type() {
                *td.module.borrow_mut() = Some(Rc::from("typing"));
            }
            t
        };
        let t = TpTypes {
            typevar: mk(self, "TypeVar", BaseKind::Opaque),
            paramspec: mk(self, "ParamSpec", BaseKind::Opaque),
            typevartuple: mk(self, "TypeVarTuple", BaseKind::Opaque),
            alias: mk(self, "TypeAliasType", BaseKind::Opaque),
            psattr: mk(self, "ParamSpecArgs", BaseKind::Opaque),
            form: mk(self, "_SpecialForm", BaseKind::Opaque),
            generic: mk(self, "Generic", BaseKind::Object),
        };
        self.tp_types = Some(t.clone());
        // The lazily evaluated bounds, constraints and alias values are Python functions (and
        // through them the module's globals): the cycle collector must see them, or every
        // generic class leaks its module (found by the `run` fuzz target as a per-VM leak).
        self.register_native_gc::<TypeParam>(visit_type_param, Some(clear_type_param));
        self.register_native_gc::<TypeAlias>(visit_type_alias, Some(clear_type_alias));
        self.register_native_gc::<TypingForm>(visit_typing_form, None);
        install_methods(self, &t);
        t
    }

    fn new_type_param(
        &mut self,
        kind: TpKind,
        name: &Value,
        bound_fn: Option<Value>,
        constraints_fn: Option<Value>,
    ) -> Value {
        let t = self.tp_types();
        let cls = match kind {
            TpKind::TypeVar => t.typevar,
            TpKind::ParamSpec => t.paramspec,
            TpKind::TypeVarTuple => t.typevartuple,
        };
        let tp = TypeParam {
            kind,
            name: name.as_rc_str().unwrap_or_else(|| Rc::from("?")),
            bound_fn: RefCell::new(bound_fn),
            bound: RefCell::new(None),
            constraints_fn: RefCell::new(constraints_fn),
            constraints: RefCell::new(None),
        };
        Value::Obj(self.alloc(&cls, Payload::Native(Box::new(tp))))
    }

    fn new_typing_form(&mut self, head: &'static str, args: Vec<Value>) -> Value {
        let cls = self.tp_types().form;
        Value::Obj(self.alloc(&cls, Payload::Native(Box::new(TypingForm { head, args }))))
    }

    /// `CALL_INTRINSIC_1` 7–11.
    pub(crate) fn type_param_intrinsic_1(
        &mut self,
        f: &Frame,
        which: usize,
        v: Value,
    ) -> PyResult<Value> {
        if let Some(hook) = self.type_param_hook.clone() {
            use crate::import::TypeParamOp as Op;
            let built = match which {
                7 => hook(self, Op::TypeVar, std::slice::from_ref(&v))?,
                8 => hook(self, Op::ParamSpec, std::slice::from_ref(&v))?,
                9 => hook(self, Op::TypeVarTuple, std::slice::from_ref(&v))?,
                10 => hook(self, Op::SubscriptGeneric, std::slice::from_ref(&v))?,
                _ => {
                    let mut parts = self.to_vec(&v)?;
                    let module = self
                        .dict_get_str(&f.globals, "__name__")
                        .unwrap_or(Value::None);
                    parts.push(module);
                    hook(self, Op::TypeAlias, &parts)?
                }
            };
            if let Some(x) = built {
                return Ok(x);
            }
        }
        Ok(match which {
            7 => self.new_type_param(TpKind::TypeVar, &v, None, None),
            8 => self.new_type_param(TpKind::ParamSpec, &v, None, None),
            9 => self.new_type_param(TpKind::TypeVarTuple, &v, None, None),
            10 => {
                let generic = Value::Obj(self.tp_types().generic);
                self.new_generic_alias(generic, v)?
            }
            _ => {
                let parts = self.to_vec(&v)?;
                let [name, params, value_fn] = <[Value; 3]>::try_from(parts)
                    .map_err(|_| self.new_system_error("bad TYPEALIAS operand"))?;
                let module = self
                    .dict_get_str(&f.globals, "__name__")
                    .unwrap_or(Value::None);
                let params = if params.is_none() {
                    self.new_tuple(vec![])
                } else {
                    params
                };
                let ta = TypeAlias {
                    name: name.as_rc_str().unwrap_or_else(|| Rc::from("?")),
                    params,
                    value_fn,
                    value: RefCell::new(None),
                    module,
                };
                let cls = self.tp_types().alias;
                Value::Obj(self.alloc(&cls, Payload::Native(Box::new(ta))))
            }
        })
    }

    /// `CALL_INTRINSIC_2` 2–4.
    pub(crate) fn type_param_intrinsic_2(
        &mut self,
        which: usize,
        a: Value,
        b: Value,
    ) -> PyResult<Value> {
        if let (Some(hook), 2 | 3) = (self.type_param_hook.clone(), which) {
            use crate::import::TypeParamOp as Op;
            let op = if which == 2 {
                Op::TypeVarWithBound
            } else {
                Op::TypeVarWithConstraints
            };
            if let Some(x) = hook(self, op, &[a.clone(), b.clone()])? {
                return Ok(x);
            }
        }
        match which {
            2 => Ok(self.new_type_param(TpKind::TypeVar, &a, Some(b), None)),
            3 => Ok(self.new_type_param(TpKind::TypeVar, &a, None, Some(b))),
            _ => {
                if let Some(d) = a.as_obj().and_then(|o| self.instance_dict(o)) {
                    self.dict_set_str(Some(&d), "__type_params__", b);
                }
                Ok(a)
            }
        }
    }

    fn tp_repr(&mut self, v: &Value) -> PyResult<String> {
        if let Some(tp) = native::<TypeParam>(v) {
            return Ok(tp.name.to_string());
        }
        if let Some(ta) = native::<TypeAlias>(v) {
            return Ok(ta.name.to_string());
        }
        if let Some(p) = native::<ParamSpecAttr>(v) {
            return Ok(format!("{}.{}", p.of, p.which));
        }
        if let Some(form) = native::<TypingForm>(v) {
            let (head, args) = (form.head, form.args.clone());
            let mut parts = Vec::new();
            for a in &args {
                parts.push(self.typing_repr(a)?);
            }
            return Ok(format!("typing.{head}[{}]", parts.join(", ")));
        }
        self.repr_string(v)
    }

    /// `typing._type_repr`.
    fn typing_repr(&mut self, v: &Value) -> PyResult<String> {
        if let Some(c) = self.as_class(v) {
            if ObjRef::ptr_eq(&c, &self.t.none) {
                return Ok("None".into());
            }
        }
        self.type_repr_short(v)
    }

    fn alias_value(&mut self, v: &Value) -> PyResult<Value> {
        let Some(ta) = native::<TypeAlias>(v) else {
            return Ok(Value::None);
        };
        if let Some(x) = ta.value.borrow().clone() {
            return Ok(x);
        }
        let f = ta.value_fn.clone();
        let r = self.call(&f, &[])?;
        if let Some(ta) = native::<TypeAlias>(v) {
            *ta.value.borrow_mut() = Some(r.clone());
        }
        Ok(r)
    }

    fn tp_lazy(&mut self, v: &Value, constraints: bool) -> PyResult<Value> {
        let Some(tp) = native::<TypeParam>(v) else {
            return Ok(Value::None);
        };
        let (cache, func) = if constraints {
            (&tp.constraints, &tp.constraints_fn)
        } else {
            (&tp.bound, &tp.bound_fn)
        };
        if let Some(x) = cache.borrow().clone() {
            return Ok(x);
        }
        let fv = func.borrow().clone();
        let r = match fv {
            Some(f) => self.call(&f, &[])?,
            None => {
                if constraints {
                    self.new_tuple(vec![])
                } else {
                    Value::None
                }
            }
        };
        if let Some(tp) = native::<TypeParam>(v) {
            let cache = if constraints {
                &tp.constraints
            } else {
                &tp.bound
            };
            *cache.borrow_mut() = Some(r.clone());
        }
        Ok(r)
    }
}

fn arg0(a: &Args<'_>) -> Value {
    a.pos.first().cloned().unwrap_or(Value::None)
}

fn install_methods(vm: &mut Vm, t: &TpTypes) {
    for ty in [
        &t.typevar,
        &t.paramspec,
        &t.typevartuple,
        &t.alias,
        &t.psattr,
        &t.form,
    ] {
        vm.add_method(ty, "__repr__", |vm, a| {
            let v = arg0(&a);
            let s = vm.tp_repr(&v)?;
            Ok(vm.new_string(s))
        });
    }
    for ty in [&t.typevar, &t.paramspec, &t.typevartuple, &t.alias] {
        vm.add_method(ty, "__or__", |vm, a| {
            let x = arg0(&a);
            let y = a.pos.get(1).cloned().unwrap_or(Value::None);
            Ok(vm.new_typing_form("Union", vec![x, y]))
        });
        vm.add_method(ty, "__ror__", |vm, a| {
            let x = arg0(&a);
            let y = a.pos.get(1).cloned().unwrap_or(Value::None);
            Ok(vm.new_typing_form("Union", vec![y, x]))
        });
    }
    vm.add_method(&t.typevartuple, "__iter__", |vm, a| {
        let v = arg0(&a);
        let u = vm.new_typing_form("Unpack", vec![v]);
        let l = vm.new_list(vec![u]);
        vm.iter(&l)
    });
    for ty in [&t.typevar, &t.paramspec, &t.typevartuple] {
        vm.add_method(ty, "__getattr__", |vm, a| {
            let v = arg0(&a);
            let name = a
                .pos
                .get(1)
                .and_then(|n| n.as_str().map(String::from))
                .unwrap_or_default();
            let Some(tp) = native::<TypeParam>(&v) else {
                return Err(vm.attr_error(&v, &name));
            };
            let (kind, tname) = (tp.kind, tp.name.clone());
            match name.as_str() {
                "__name__" => Ok(vm.new_str_rc(tname)),
                "__bound__" => vm.tp_lazy(&v, false),
                "__constraints__" => vm.tp_lazy(&v, true),
                "__covariant__" | "__contravariant__" => Ok(Value::Bool(B64::FALSE)),
                "__infer_variance__" => Ok(Value::bool(kind != TpKind::TypeVarTuple)),
                "__module__" => Ok(vm.new_str("typing")),
                "args" | "kwargs" if kind == TpKind::ParamSpec => {
                    let which = if name == "args" { "args" } else { "kwargs" };
                    let cls = vm.tp_types().psattr;
                    Ok(Value::Obj(vm.alloc(
                        &cls,
                        Payload::Native(Box::new(ParamSpecAttr { of: tname, which })),
                    )))
                }
                _ => Err(vm.attr_error(&v, &name)),
            }
        });
    }
    vm.add_method(&t.alias, "__getattr__", |vm, a| {
        let v = arg0(&a);
        let name = a
            .pos
            .get(1)
            .and_then(|n| n.as_str().map(String::from))
            .unwrap_or_default();
        let Some(ta) = native::<TypeAlias>(&v) else {
            return Err(vm.attr_error(&v, &name));
        };
        let (aname, params, module) = (ta.name.clone(), ta.params.clone(), ta.module.clone());
        match name.as_str() {
            "__name__" => Ok(vm.new_str_rc(aname)),
            "__value__" => vm.alias_value(&v),
            "__type_params__" | "__parameters__" => Ok(params),
            "__module__" => Ok(module),
            _ => Err(vm.attr_error(&v, &name)),
        }
    });
    vm.add_method(&t.alias, "__setattr__", |vm, a| {
        let name = a
            .pos
            .get(1)
            .and_then(|n| n.as_str().map(String::from))
            .unwrap_or_default();
        if matches!(
            name.as_str(),
            "__value__" | "__name__" | "__type_params__" | "__parameters__" | "__module__"
        ) {
            return Err(vm.new_attribute_error(&format!(
                "attribute '{name}' of 'typing.TypeAliasType' objects is not writable"
            )));
        }
        Err(vm.new_attribute_error(&format!(
            "'typing.TypeAliasType' object has no attribute '{name}'"
        )))
    });
    vm.add_method(&t.alias, "__getitem__", |vm, a| {
        let v = arg0(&a);
        let params = native::<TypeAlias>(&v)
            .map(|ta| ta.params.clone())
            .unwrap_or(Value::None);
        if vm.len(&params).unwrap_or(0) == 0 {
            return Err(vm.new_type_error("Only generic type aliases are subscriptable"));
        }
        let key = a.pos.get(1).cloned().unwrap_or(Value::None);
        vm.new_generic_alias(v, key)
    });
    let generic = t.generic.clone();
    vm.add_classmethod(&generic, "__class_getitem__", |vm, a| {
        let cls = arg0(&a);
        let key = a.pos.get(1).cloned().unwrap_or(Value::None);
        vm.new_generic_alias(cls, key)
    });
    let _ = GenericAlias {
        origin: Value::None,
        args: Vec::new(),
    };
}
