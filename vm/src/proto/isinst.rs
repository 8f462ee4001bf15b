//! `isinstance` / `issubclass` with CPython's full rules (tuples, `X | Y` unions, metaclass
//! `__instancecheck__` / `__subclasscheck__`, `__class__` overrides), and `types.UnionType`.

use crate::object::{ObjRef, Payload};
use crate::value::{Value, B64};
use crate::{PyResult, Vm};

/// `X | Y` of types.
pub struct UnionType {
    pub args: Vec<Value>,
}

fn union_args(v: &Value) -> Option<Vec<Value>> {
    match v.payload() {
        Some(Payload::Native(n)) => n.downcast_ref::<UnionType>().map(|u| u.args.clone()),
        _ => None,
    }
}

impl Vm {
    fn is_union_operand(&self, v: &Value) -> bool {
        v.is_none()
            || self.as_class(v).is_some()
            || union_args(v).is_some()
            || {
                matches!(v.payload(), Some(Payload::Native(n)) if n.downcast_ref::<crate::proto::slots::GenericAlias>().is_some())
            }
    }

    /// `a | b` for types; `None` when the operands are not unionable.
    pub fn new_union(&mut self, a: &Value, b: &Value) -> Option<Value> {
        if !self.is_union_operand(a) || !self.is_union_operand(b) {
            return None;
        }
        let mut args: Vec<Value> = Vec::new();
        for v in [a, b] {
            let items = union_args(v).unwrap_or_else(|| vec![v.clone()]);
            for it in items {
                let it = if it.is_none() {
                    Value::Obj(self.t.none.clone())
                } else {
                    it
                };
                if !args.iter().any(|x| x.is(&it)) {
                    args.push(it);
                }
            }
        }
        if args.len() == 1 {
            return args.pop();
        }
        let cls = self.t.union_type.clone();
        Some(Value::Obj(
            self.alloc(&cls, Payload::Native(Box::new(UnionType { args }))),
        ))
    }

    /// `isinstance(obj, spec)`.
    pub fn isinstance_full(&mut self, obj: &Value, spec: &Value) -> PyResult<bool> {
        self.isinstance_rec(obj, spec, 0)
    }

    fn isinstance_rec(&mut self, obj: &Value, spec: &Value, depth: usize) -> PyResult<bool> {
        if depth > 900 {
            return Err(
                self.new_recursion_error("maximum recursion depth exceeded in __instancecheck__")
            );
        }
        let t = self.type_of(obj);
        if let Some(c) = self.as_class(spec) {
            if ObjRef::ptr_eq(&t, &c) {
                return Ok(true);
            }
        }
        if let Some(Payload::Tuple(items)) = spec.payload() {
            for it in items.iter() {
                if self.isinstance_rec(obj, it, depth + 1)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if let Some(args) = union_args(spec) {
            for it in args {
                if self.isinstance_rec(obj, &it, depth + 1)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        let meta = self.type_of(spec);
        if meta.as_type().is_some_and(|m| m.heap) {
            if let Some(f) = self.lookup_type_attr(&meta, "__instancecheck__") {
                if matches!(f.payload(), Some(Payload::Function(_))) {
                    let r = self.call(&f, &[spec.clone(), obj.clone()])?;
                    return self.is_true(&r);
                }
            }
        }
        let Some(cls) = self.as_class(spec) else {
            return Err(self.new_type_error(
                "isinstance() arg 2 must be a type, a tuple of types, or a union",
            ));
        };
        if self.is_subclass(&t, &cls) {
            return Ok(true);
        }
        // The `__class__` of an object of these builtin types is `object`'s descriptor, which
        // answers `type(obj)`: nothing more to look at (`isinstance(3, list)`).
        let t_ = &self.t;
        if [
            &t_.int, &t_.float, &t_.str, &t_.list, &t_.tuple, &t_.dict, &t_.bool_,
        ]
        .iter()
        .any(|b| ObjRef::ptr_eq(b, &t))
        {
            return Ok(false);
        }
        if let Ok(Some(c)) = self.lookup_attr(obj, "__class__") {
            if let Some(c) = self.as_class(&c) {
                if !ObjRef::ptr_eq(&c, &t) {
                    return Ok(self.is_subclass(&c, &cls));
                }
            }
        }
        Ok(false)
    }

    /// `issubclass(cls, spec)`.
    pub fn issubclass_full(&mut self, cls: &Value, spec: &Value) -> PyResult<bool> {
        self.issubclass_rec(cls, spec, 0)
    }

    fn issubclass_rec(&mut self, cls: &Value, spec: &Value, depth: usize) -> PyResult<bool> {
        if depth > 900 {
            return Err(
                self.new_recursion_error("maximum recursion depth exceeded in __subclasscheck__")
            );
        }
        if let Some(Payload::Tuple(items)) = spec.payload() {
            for it in items.iter() {
                if self.issubclass_rec(cls, it, depth + 1)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if let Some(args) = union_args(spec) {
            for it in args {
                if self.issubclass_rec(cls, &it, depth + 1)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        let meta = self.type_of(spec);
        if meta.as_type().is_some_and(|m| m.heap) {
            if let Some(f) = self.lookup_type_attr(&meta, "__subclasscheck__") {
                if matches!(f.payload(), Some(Payload::Function(_))) {
                    let r = self.call(&f, &[spec.clone(), cls.clone()])?;
                    return self.is_true(&r);
                }
            }
        }
        let Some(c) = self.as_class(cls) else {
            return Err(self.new_type_error("issubclass() arg 1 must be a class"));
        };
        let Some(target) = self.as_class(spec) else {
            return Err(self.new_type_error(
                "issubclass() arg 2 must be a class, a tuple of classes, or a union",
            ));
        };
        Ok(self.is_subclass(&c, &target))
    }
}

fn union_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let args = union_args(v).unwrap_or_default();
    let mut parts = Vec::new();
    for a in &args {
        if let Some(c) = vm.as_class(a) {
            if ObjRef::ptr_eq(&c, &vm.t.none) {
                parts.push("None".to_string());
                continue;
            }
        }
        parts.push(vm.type_repr_short(a)?);
    }
    Ok(parts.join(" | "))
}

pub(crate) fn install(vm: &mut Vm) {
    let ty: ObjRef = vm.t.type_.clone();
    vm.add_method(&ty, "__or__", |vm, a| {
        let (x, y) = (
            a.pos.first().cloned().unwrap_or(Value::None),
            a.pos.get(1).cloned().unwrap_or(Value::None),
        );
        Ok(vm.new_union(&x, &y).unwrap_or_else(|| vm.not_implemented()))
    });
    vm.add_method(&ty, "__ror__", |vm, a| {
        let (x, y) = (
            a.pos.first().cloned().unwrap_or(Value::None),
            a.pos.get(1).cloned().unwrap_or(Value::None),
        );
        Ok(vm.new_union(&y, &x).unwrap_or_else(|| vm.not_implemented()))
    });
    let ut = vm.t.union_type.clone();
    if let Some(td) = ut.as_type() {
        *td.module.borrow_mut() = Some(std::rc::Rc::from("types"));
    }
    vm.add_method(&ut, "__or__", |vm, a| {
        let (x, y) = (
            a.pos.first().cloned().unwrap_or(Value::None),
            a.pos.get(1).cloned().unwrap_or(Value::None),
        );
        Ok(vm.new_union(&x, &y).unwrap_or_else(|| vm.not_implemented()))
    });
    vm.add_method(&ut, "__ror__", |vm, a| {
        let (x, y) = (
            a.pos.first().cloned().unwrap_or(Value::None),
            a.pos.get(1).cloned().unwrap_or(Value::None),
        );
        Ok(vm.new_union(&y, &x).unwrap_or_else(|| vm.not_implemented()))
    });
    vm.add_method(&ut, "__repr__", |vm, a| {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        let s = union_repr(vm, &v)?;
        Ok(vm.new_string(s))
    });
    vm.add_method(&ut, "__getattr__", |vm, a| {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        let name = a
            .pos
            .get(1)
            .and_then(|n| n.as_str().map(String::from))
            .unwrap_or_default();
        match name.as_str() {
            "__args__" => {
                let args = union_args(&v).unwrap_or_default();
                Ok(vm.new_tuple(args))
            }
            _ => Err(vm.attr_error(&v, &name)),
        }
    });
    vm.add_method(&ut, "__eq__", |vm, a| {
        let (x, y) = (
            a.pos.first().cloned().unwrap_or(Value::None),
            a.pos.get(1).cloned().unwrap_or(Value::None),
        );
        match (union_args(&x), union_args(&y)) {
            (Some(p), Some(q)) => Ok(Value::Bool(B64::new(
                p.len() == q.len() && p.iter().all(|i| q.iter().any(|j| i.is(j))),
            ))),
            _ => Ok(vm.not_implemented()),
        }
    });
    vm.add_method(&ut, "__hash__", |_vm, a| {
        let n = union_args(a.pos.first().unwrap_or(&Value::None)).map_or(0, |v| v.len());
        Ok(Value::Int(n as i64))
    });
}
