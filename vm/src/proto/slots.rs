//! Dunder methods of the builtin types (`(1).__add__`, `list.__getitem__`, `iter.__next__` …),
//! so explicit calls and `super().__dunder__()` from subclasses of builtins work.
//! Each one dispatches to the payload-level protocol (never back into user overrides).

use crate::object::{ObjRef, Payload};
use crate::proto::arith::{BinOp, UnaryOp};
use crate::proto::cmp::CompareOp;
use crate::value::{Value, B64};
use crate::{Args, PyResult, Vm};

fn arg(a: &Args<'_>, i: usize) -> Value {
    a.pos.get(i).cloned().unwrap_or(Value::None)
}

fn need(vm: &Vm, a: &Args<'_>, n: usize, name: &str) -> PyResult<()> {
    if a.pos.len() != n + 1 {
        return Err(vm.new_type_error(&format!(
            "{name}() expected {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            a.pos.len().saturating_sub(1)
        )));
    }
    Ok(())
}

const BINOPS: [(BinOp, &str); 13] = [
    (BinOp::Add, "add"),
    (BinOp::Sub, "sub"),
    (BinOp::Mul, "mul"),
    (BinOp::TrueDiv, "truediv"),
    (BinOp::FloorDiv, "floordiv"),
    (BinOp::Mod, "mod"),
    (BinOp::Pow, "pow"),
    (BinOp::LShift, "lshift"),
    (BinOp::RShift, "rshift"),
    (BinOp::And, "and"),
    (BinOp::Or, "or"),
    (BinOp::Xor, "xor"),
    (BinOp::MatMul, "matmul"),
];

const CMPS: [(CompareOp, &str); 6] = [
    (CompareOp::Lt, "__lt__"),
    (CompareOp::Le, "__le__"),
    (CompareOp::Eq, "__eq__"),
    (CompareOp::Ne, "__ne__"),
    (CompareOp::Gt, "__gt__"),
    (CompareOp::Ge, "__ge__"),
];

fn add_binops(vm: &mut Vm, ty: &ObjRef, ops: &[BinOp]) {
    for (op, name) in BINOPS {
        if !ops.contains(&op) {
            continue;
        }
        vm.add_method(ty, &format!("__{name}__"), move |vm, a| {
            need(vm, &a, 1, name)?;
            Ok(vm
                .builtin_binop_value(&arg(&a, 0), &arg(&a, 1), op)?
                .unwrap_or_else(|| vm.not_implemented()))
        });
        vm.add_method(ty, &format!("__r{name}__"), move |vm, a| {
            need(vm, &a, 1, name)?;
            Ok(vm
                .builtin_binop_value(&arg(&a, 1), &arg(&a, 0), op)?
                .unwrap_or_else(|| vm.not_implemented()))
        });
    }
}

fn add_cmps(vm: &mut Vm, ty: &ObjRef) {
    for (op, name) in CMPS {
        vm.add_method(ty, name, move |vm, a| {
            need(vm, &a, 1, name)?;
            Ok(
                match vm.builtin_compare_value(&arg(&a, 0), &arg(&a, 1), op)? {
                    Some(b) => Value::bool(b),
                    None => vm.not_implemented(),
                },
            )
        });
    }
}

fn add_container(vm: &mut Vm, ty: &ObjRef, mutable: bool, indexable: bool) {
    vm.add_method(ty, "__len__", |vm, a| {
        Ok(Value::Int(vm.len_builtin(&arg(&a, 0))? as i64))
    });
    if indexable {
        vm.add_method(ty, "__getitem__", |vm, a| {
            need(vm, &a, 1, "__getitem__")?;
            vm.getitem_builtin(&arg(&a, 0), &arg(&a, 1))
        });
    }
    vm.add_method(ty, "__contains__", |vm, a| {
        need(vm, &a, 1, "__contains__")?;
        Ok(Value::bool(vm.contains_builtin(&arg(&a, 0), &arg(&a, 1))?))
    });
    vm.add_method(ty, "__iter__", |vm, a| vm.iter_builtin(&arg(&a, 0)));
    if mutable && indexable {
        vm.add_method(ty, "__setitem__", |vm, a| {
            need(vm, &a, 2, "__setitem__")?;
            vm.setitem_builtin(&arg(&a, 0), &arg(&a, 1), arg(&a, 2))?;
            Ok(Value::None)
        });
        vm.add_method(ty, "__delitem__", |vm, a| {
            need(vm, &a, 1, "__delitem__")?;
            vm.delitem_builtin(&arg(&a, 0), &arg(&a, 1))?;
            Ok(Value::None)
        });
    }
}

fn add_numeric(vm: &mut Vm, ty: &ObjRef, is_float: bool) {
    for (op, name) in [
        (UnaryOp::Neg, "__neg__"),
        (UnaryOp::Pos, "__pos__"),
        (UnaryOp::Invert, "__invert__"),
    ] {
        if is_float && op == UnaryOp::Invert {
            continue;
        }
        vm.add_method(ty, name, move |vm, a| {
            let v = vm.plain_number(&arg(&a, 0));
            vm.unary_op(&v, op)
        });
    }
    vm.add_method(ty, "__bool__", |vm, a| {
        let v = vm.plain_number(&arg(&a, 0));
        Ok(Value::bool(vm.is_true(&v)?))
    });
    vm.add_method(ty, "__float__", |vm, a| {
        let v = vm.plain_number(&arg(&a, 0));
        Ok(Value::float(vm.to_f64(&v)?))
    });
    vm.add_method(ty, "__int__", |vm, a| {
        let v = vm.plain_number(&arg(&a, 0));
        vm.int_from_args(&[v], &[])
    });
    vm.add_method(ty, "__trunc__", |vm, a| {
        let v = vm.plain_number(&arg(&a, 0));
        vm.int_from_args(&[v], &[])
    });
    vm.add_method(ty, "__abs__", |vm, a| {
        let v = vm.plain_number(&arg(&a, 0));
        match v {
            Value::Float(f) => Ok(Value::float(f.get().abs())),
            _ => {
                let neg = vm.compare(&v, &Value::Int(0), CompareOp::Lt)?;
                if vm.is_true(&neg)? {
                    vm.unary_op(&v, UnaryOp::Neg)
                } else {
                    Ok(v)
                }
            }
        }
    });
    vm.add_method(ty, "__format__", |vm, a| {
        let v = arg(&a, 0);
        let spec = arg(&a, 1);
        let s = vm.format(&v, spec.as_str().unwrap_or(""))?;
        Ok(vm.new_string(s))
    });
    vm.add_method(ty, "__hash__", |vm, a| {
        let v = vm.plain_number(&arg(&a, 0));
        Ok(Value::Int(vm.hash(&v)?))
    });
    if is_float {
        for (name, which) in [("__floor__", 0u8), ("__ceil__", 1), ("__round__", 2)] {
            vm.add_method(ty, name, move |vm, a| {
                let v = vm.plain_number(&arg(&a, 0));
                let f = vm.to_f64(&v)?;
                if which == 2 && a.pos.len() > 1 && !arg(&a, 1).is_none() {
                    let nd = vm.to_index(&arg(&a, 1))?;
                    let r = crate::kernels::float_fmt::round_float(f, nd)
                        .map_err(|e| vm.kernel_err(e))?;
                    return Ok(Value::float(r));
                }
                let r = match which {
                    0 => f.floor(),
                    1 => f.ceil(),
                    _ => {
                        let b = crate::kernels::float_fmt::round_float_to_int(f)
                            .map_err(|e| vm.kernel_err(e))?;
                        return Ok(vm.new_int_big(b));
                    }
                };
                let b =
                    crate::kernels::float_fmt::float_to_bigint(r).map_err(|e| vm.kernel_err(e))?;
                Ok(vm.new_int_big(b))
            });
        }
    } else {
        vm.add_method(ty, "__index__", |vm, a| {
            let v = vm.plain_number(&arg(&a, 0));
            vm.index_value(&v)
        });
        for name in ["__floor__", "__ceil__"] {
            vm.add_method(ty, name, |vm, a| Ok(vm.plain_number(&arg(&a, 0))));
        }
    }
}

impl Vm {
    /// An `int`/`float` payload as a plain immediate value (for subclass instances).
    pub(crate) fn plain_number(&self, v: &Value) -> Value {
        match v {
            Value::Bool(b) => Value::Int(i64::from(*b)),
            Value::Obj(o) => match &o.payload {
                Payload::BigInt(b) => self.new_int_big(b.clone()),
                Payload::Float(f) => Value::float(*f),
                _ => v.clone(),
            },
            _ => v.clone(),
        }
    }
}

/// Installs the dunder methods of the core builtin types.
pub(crate) fn install(vm: &mut Vm) {
    let t = |vm: &Vm, f: fn(&crate::Types) -> &ObjRef| f(&vm.t).clone();
    let int = t(vm, |t| &t.int);
    let float = t(vm, |t| &t.float);
    let complex = t(vm, |t| &t.complex);
    let str_ = t(vm, |t| &t.str);
    let list = t(vm, |t| &t.list);
    let tuple = t(vm, |t| &t.tuple);
    let dict = t(vm, |t| &t.dict);
    let set = t(vm, |t| &t.set);
    let frozenset = t(vm, |t| &t.frozenset);
    let bytes = t(vm, |t| &t.bytes);
    let bytearray = t(vm, |t| &t.bytearray);
    let range = t(vm, |t| &t.range);
    use BinOp::*;
    add_binops(
        vm,
        &int,
        &[
            Add, Sub, Mul, TrueDiv, FloorDiv, Mod, Pow, LShift, RShift, And, Or, Xor,
        ],
    );
    add_binops(vm, &float, &[Add, Sub, Mul, TrueDiv, FloorDiv, Mod, Pow]);
    add_binops(vm, &complex, &[Add, Sub, Mul, TrueDiv, Pow]);
    add_binops(vm, &str_, &[Add, Mul, Mod]);
    add_binops(vm, &list, &[Add, Mul]);
    add_binops(vm, &tuple, &[Add, Mul]);
    add_binops(vm, &bytes, &[Add, Mul, Mod]);
    add_binops(vm, &bytearray, &[Add, Mul]);
    add_binops(vm, &set, &[Or, And, Sub, Xor]);
    add_binops(vm, &frozenset, &[Or, And, Sub, Xor]);
    add_binops(vm, &dict, &[Or]);
    for ty in [
        &int, &float, &complex, &str_, &list, &tuple, &dict, &set, &frozenset, &bytes, &bytearray,
        &range,
    ] {
        add_cmps(vm, ty);
    }
    add_numeric(vm, &int, false);
    add_numeric(vm, &float, true);
    for ty in [&str_, &tuple, &bytes, &range] {
        add_container(vm, ty, false, true);
    }
    for ty in [&list, &dict, &bytearray] {
        add_container(vm, ty, true, true);
    }
    add_container(vm, &frozenset, false, false);
    add_container(vm, &set, false, false);
    // Each builtin type has its own `__repr__` (`dict.__repr__ is not object.__repr__`:
    // `pprint` and `reprlib` pick their formatter by it).
    let none = t(vm, |t| &t.none);
    let bool_ = t(vm, |t| &t.bool_);
    let slice = t(vm, |t| &t.slice);
    let views = [
        t(vm, |t| &t.dict_keys),
        t(vm, |t| &t.dict_values),
        t(vm, |t| &t.dict_items),
    ];
    for ty in [
        &int, &bool_, &float, &str_, &list, &tuple, &dict, &set, &frozenset, &bytes, &bytearray,
        &range, &slice, &none, &views[0], &views[1], &views[2],
    ] {
        let owner = ty.clone();
        vm.add_method(ty, "__repr__", move |vm, a| {
            // (Calls check that `self` is an `owner`: `Vm::call_kw`.)
            let v = arg(&a, 0);
            // `int.__repr__(True)` is the int's digits, not `True`.
            if let (Value::Bool(b), true) = (&v, ObjRef::ptr_eq(&owner, &vm.t.int)) {
                return Ok(vm.new_str(if bool::from(*b) { "1" } else { "0" }));
            }
            let s = vm.builtin_repr(&v)?;
            Ok(vm.new_string(s))
        });
    }
    vm.add_method(&str_, "__format__", |vm, a| {
        let v = arg(&a, 0);
        let spec = arg(&a, 1);
        let s = vm.format(&v, spec.as_str().unwrap_or(""))?;
        Ok(vm.new_string(s))
    });
    vm.add_method(&str_, "__hash__", |vm, a| {
        Ok(Value::Int(vm.hash(&arg(&a, 0))?))
    });
    vm.add_method(&tuple, "__hash__", |vm, a| {
        Ok(Value::Int(vm.hash(&arg(&a, 0))?))
    });
    for ty in [&list, &dict, &set, &bytearray] {
        vm.type_set_attr(ty, "__hash__", Value::None);
    }
    // In-place operators of mutable containers.
    for (ty, op, name) in [
        (&list, Add, "__iadd__"),
        (&list, Mul, "__imul__"),
        (&set, Or, "__ior__"),
        (&set, And, "__iand__"),
        (&set, Sub, "__isub__"),
        (&set, Xor, "__ixor__"),
        (&dict, Or, "__ior__"),
    ] {
        vm.add_method(ty, name, move |vm, a| {
            need(vm, &a, 1, name)?;
            vm.binary_op(&arg(&a, 0), &arg(&a, 1), op, true)
        });
    }
    // __init__ of mutable containers (used by subclasses via super().__init__).
    vm.add_method(&list, "__init__", |vm, a| {
        if a.pos.len() > 2 {
            return Err(vm.new_type_error(&format!(
                "list expected at most 1 argument, got {}",
                a.pos.len() - 1
            )));
        }
        let items = match a.pos.get(1) {
            Some(src) => vm.to_vec(src)?,
            None => Vec::new(),
        };
        if let Some(Payload::List(l)) = arg(&a, 0).payload() {
            *l.borrow_mut() = items.into();
        }
        Ok(Value::None)
    });
    vm.add_method(&dict, "__init__", |vm, a| {
        let Some(d) = arg(&a, 0).as_obj().cloned() else {
            return Ok(Value::None);
        };
        if a.pos.len() > 2 {
            return Err(vm.new_type_error(&format!(
                "dict expected at most 1 argument, got {}",
                a.pos.len() - 1
            )));
        }
        vm.dict_update_args(&d, a.pos.get(1), a.kw)?;
        Ok(Value::None)
    });
    vm.add_method(&set, "__init__", |vm, a| {
        let s = arg(&a, 0);
        if let Some(Payload::Set(t)) = s.payload() {
            t.borrow_mut().clear();
        }
        if let Some(src) = a.pos.get(1) {
            vm.set_update_from(&s, src)?;
        }
        Ok(Value::None)
    });
    // Iterators: __iter__ returns self, __next__ advances.
    let iters: Vec<ObjRef> = {
        let t = &vm.t;
        let mut v = t.sequence_iterators();
        v.extend(
            [
                &t.callable_iterator,
                &t.enumerate,
                &t.zip,
                &t.map,
                &t.filter,
            ]
            .into_iter()
            .cloned(),
        );
        v
    };
    for ty in &iters {
        vm.add_method(ty, "__iter__", |_vm, a| Ok(arg(&a, 0)));
        vm.add_method(ty, "__next__", |vm, a| {
            let it = arg(&a, 0);
            match vm.next(&it)? {
                Some(v) => Ok(v),
                None => Err(vm.new_stop_iteration(Value::None)),
            }
        });
    }
    // Functions are descriptors.
    let func = vm.t.function.clone();
    vm.add_method(&func, "__get__", |vm, a| {
        let f = arg(&a, 0);
        match a.pos.get(1) {
            None | Some(Value::None) => Ok(f),
            Some(obj) => Ok(vm.new_bound_method(f, obj.clone())),
        }
    });
    // Generic aliases: list[int] etc.
    for ty in [&list, &dict, &tuple, &set, &frozenset, &t(vm, |t| &t.type_)] {
        vm.add_classmethod(ty, "__class_getitem__", |vm, a| {
            let origin = arg(&a, 0);
            let params = arg(&a, 1);
            vm.new_generic_alias(origin, params)
        });
    }
}

/// `list[int]`: the origin class and the parameters.
pub struct GenericAlias {
    pub origin: Value,
    pub args: Vec<Value>,
}

impl Vm {
    /// Builds a `types.GenericAlias`.
    pub fn new_generic_alias(&mut self, origin: Value, params: Value) -> PyResult<Value> {
        let args = match params.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => vec![params],
        };
        let cls = self.generic_alias_type();
        Ok(Value::Obj(self.alloc(
            &cls,
            Payload::Native(Box::new(GenericAlias { origin, args })),
        )))
    }

    fn generic_alias_type(&mut self) -> ObjRef {
        if let Some(Value::Obj(t)) = self.get_builtin("__pyvm_generic_alias__") {
            return t;
        }
        let t = crate::types::make_type(
            Some(&self.t.type_),
            "GenericAlias",
            &[self.t.object.clone()],
            crate::object::BaseKind::Object,
            false,
        );
        if let Some(td) = t.as_type() {
            *td.module.borrow_mut() = Some(std::rc::Rc::from("types"));
        }
        // `GenericAlias(origin, args)`; subclasses (`_collections_abc._CallableGenericAlias`)
        // get instances of their own class.
        let base = t.clone();
        self.set_constructor(&t, move |vm, a| {
            let cls = match a.pos.first().and_then(|c| vm.as_class(c)) {
                Some(c) => c,
                None => return Err(vm.new_type_error("GenericAlias.__new__ needs a class")),
            };
            if !a.kw.is_empty() {
                return Err(vm.new_type_error("GenericAlias() takes no keyword arguments"));
            }
            let [origin, params] = match a.pos.get(1..) {
                Some([o, p]) => [o.clone(), p.clone()],
                _ => {
                    return Err(vm.new_type_error(&format!(
                        "GenericAlias expected 2 arguments, got {}",
                        a.pos.len().saturating_sub(1)
                    )))
                }
            };
            let args = match params.payload() {
                Some(Payload::Tuple(t)) => t.to_vec(),
                _ => vec![params],
            };
            let payload = Payload::Native(Box::new(GenericAlias { origin, args }));
            Ok(Value::Obj(if ObjRef::ptr_eq(&cls, &base) {
                vm.alloc(&cls, payload)
            } else {
                vm.alloc_with_dict(&cls, payload)
            }))
        });
        // `list[int] | None` is a `types.UnionType`, as for classes.
        self.add_method(&t, "__or__", |vm, a| {
            let (x, y) = (arg(&a, 0), arg(&a, 1));
            Ok(vm.new_union(&x, &y).unwrap_or_else(|| vm.not_implemented()))
        });
        self.add_method(&t, "__ror__", |vm, a| {
            let (x, y) = (arg(&a, 0), arg(&a, 1));
            Ok(vm.new_union(&y, &x).unwrap_or_else(|| vm.not_implemented()))
        });
        self.add_method(&t, "__repr__", |vm, a| {
            let v = arg(&a, 0);
            let s = vm.generic_alias_repr(&v)?;
            Ok(vm.new_string(s))
        });
        self.add_method(&t, "__eq__", |vm, a| {
            let g = |v: &Value| match v.payload() {
                Some(Payload::Native(n)) => n
                    .downcast_ref::<GenericAlias>()
                    .map(|g| (g.origin.clone(), g.args.clone())),
                _ => None,
            };
            let (Some((o1, a1)), Some((o2, a2))) = (g(&arg(&a, 0)), g(&arg(&a, 1))) else {
                return Ok(vm.not_implemented());
            };
            if !vm.eq(&o1, &o2)? || a1.len() != a2.len() {
                return Ok(Value::Bool(B64::FALSE));
            }
            for (x, y) in a1.iter().zip(a2.iter()) {
                if !vm.eq(x, y)? {
                    return Ok(Value::Bool(B64::FALSE));
                }
            }
            Ok(Value::Bool(B64::TRUE))
        });
        self.add_method(&t, "__hash__", |_vm, a| {
            let origin = match arg(&a, 0).payload() {
                Some(Payload::Native(n)) => {
                    n.downcast_ref::<GenericAlias>().map(|g| g.origin.clone())
                }
                _ => None,
            };
            Ok(Value::Int(origin.map_or(0, |o| o.identity() as i64)))
        });
        self.add_method(&t, "__call__", |vm, a| {
            let v = arg(&a, 0);
            let origin = match v.payload() {
                Some(Payload::Native(n)) => {
                    n.downcast_ref::<GenericAlias>().map(|g| g.origin.clone())
                }
                _ => None,
            };
            match origin {
                Some(o) => vm.call_kw(&o, &a.pos[1..], a.kw),
                None => Err(vm.new_type_error("bad generic alias")),
            }
        });
        self.add_method(&t, "__getattr__", |vm, a| {
            let v = arg(&a, 0);
            let name = arg(&a, 1);
            let g = match v.payload() {
                Some(Payload::Native(n)) => n
                    .downcast_ref::<GenericAlias>()
                    .map(|g| (g.origin.clone(), g.args.clone())),
                _ => None,
            };
            let Some((origin, args)) = g else {
                return Err(vm.new_type_error("bad generic alias"));
            };
            match name.as_str() {
                Some("__origin__") => Ok(origin),
                Some("__args__") => Ok(vm.new_tuple(args)),
                _ => vm.getattr(&origin, &name),
            }
        });
        let v = Value::Obj(t.clone());
        self.set_builtin("__pyvm_generic_alias__", v);
        // Keep it out of dir(builtins): remove right away but keep a VM-side handle.
        t
    }

    /// `repr` of a type inside a generic alias (`int`, `__main__.C`, `list[int]`).
    pub fn type_repr_short(&mut self, v: &Value) -> PyResult<String> {
        if let Some(Payload::Type(td)) = v.payload() {
            let m = td.module.borrow().clone();
            let q = td.qualname.borrow().clone();
            return Ok(match m.as_deref() {
                Some("builtins") | None => q.to_string(),
                Some(m) => format!("{m}.{q}"),
            });
        }
        if matches!(v.payload(), Some(Payload::Ellipsis)) {
            return Ok("...".into());
        }
        self.repr_string(v)
    }

    fn generic_alias_repr(&mut self, v: &Value) -> PyResult<String> {
        let g = match v.payload() {
            Some(Payload::Native(n)) => n
                .downcast_ref::<GenericAlias>()
                .map(|g| (g.origin.clone(), g.args.clone())),
            _ => None,
        };
        let Some((origin, args)) = g else {
            return Ok(String::new());
        };
        let mut s = self.type_repr_short(&origin)?;
        s.push('[');
        if args.is_empty() {
            s.push_str("()");
        }
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            let r = match a.payload() {
                Some(Payload::List(l)) => {
                    let items = l.borrow().to_vec();
                    let mut parts = Vec::new();
                    for it in &items {
                        parts.push(self.type_repr_short(it)?);
                    }
                    format!("[{}]", parts.join(", "))
                }
                _ => self.type_repr_short(a)?,
            };
            s.push_str(&r);
        }
        s.push(']');
        Ok(s)
    }
}
