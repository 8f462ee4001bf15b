//! The `_operator` / `operator` modules: operators as functions, plus `itemgetter`,
//! `attrgetter` and `methodcaller`.

use super::{add_fn, alloc_native, exact, native, new_type, one, one_in, register};
use pyvm_vm::object::IterState;
use pyvm_vm::proto::arith::{BinOp, UnaryOp};
use pyvm_vm::proto::cmp::CompareOp;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm};
use std::rc::Rc;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_operator", "operator"], build);
    // CPython's `operator` is Python over `_operator`: a standard library on the path wins.
    vm.mark_fallback_module("operator");
}

/// `itemgetter`, `attrgetter` and `methodcaller` objects.
enum Getter {
    Item(Vec<Value>),
    /// Each attribute as its dotted path.
    Attr(Vec<Vec<Rc<str>>>),
    Method {
        name: Value,
        args: Vec<Value>,
        kw: Vec<(Rc<str>, Value)>,
    },
}

fn binop(vm: &mut Vm, a: &Args<'_>, name: &str, op: BinOp, inplace: bool) -> PyResult<Value> {
    let p = exact(vm, a, name, 2)?;
    vm.binary_op(&p[0], &p[1], op, inplace)
}

fn cmpop(vm: &mut Vm, a: &Args<'_>, name: &str, op: CompareOp) -> PyResult<Value> {
    let p = exact(vm, a, name, 2)?;
    vm.compare(&p[0], &p[1], op)
}

fn unop(vm: &mut Vm, a: &Args<'_>, name: &str, op: UnaryOp) -> PyResult<Value> {
    let v = one_in(vm, a, "_operator", name)?;
    vm.unary_op(&v, op)
}

/// `PySequence_Check`: lists, tuples, strings, bytes, and classes with `__getitem__` that
/// are not mappings.
fn is_sequence(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(
            Payload::List(_)
            | Payload::Tuple(_)
            | Payload::Str(_)
            | Payload::Bytes(_)
            | Payload::ByteArray(_)
            | Payload::Range(_),
        ) => true,
        Some(Payload::Dict(_)) => false,
        Some(_) => {
            let cls = vm.type_of(v);
            vm.lookup_type_attr(&cls, "__getitem__").is_some()
        }
        None => false,
    }
}

fn concat(vm: &mut Vm, a: &Args<'_>, name: &str, inplace: bool) -> PyResult<Value> {
    let p = exact(vm, a, name, 2)?;
    if !is_sequence(vm, &p[0]) {
        return Err(vm.new_type_error(&format!(
            "'{}' object can't be concatenated",
            vm.type_name(&p[0])
        )));
    }
    vm.binary_op(&p[0], &p[1], BinOp::Add, inplace)
}

/// `operator.length_hint(obj, default=0)`.
fn length_hint(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let p = exact(vm, a, "length_hint", a.pos.len().clamp(1, 2))?;
    let default = match p.get(1) {
        Some(d) => {
            if !vm.is_int(d) {
                return Err(vm.new_type_error(&format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(d)
                )));
            }
            vm.to_index(d)?
        }
        None => 0,
    };
    let v = &p[0];
    let cls = vm.type_of(v);
    let sized = match v.payload() {
        Some(
            Payload::List(_)
            | Payload::Tuple(_)
            | Payload::Str(_)
            | Payload::Bytes(_)
            | Payload::ByteArray(_)
            | Payload::Dict(_)
            | Payload::Set(_)
            | Payload::FrozenSet(_)
            | Payload::Range(_)
            | Payload::DictView { .. },
        ) => true,
        _ => vm.lookup_type_attr(&cls, "__len__").is_some(),
    };
    if sized {
        let n = vm.len(v)?;
        return Ok(Value::Int(i64::try_from(n).unwrap_or(i64::MAX)));
    }
    if let Some(Payload::Iter(st)) = v.payload() {
        let left = match &*st.borrow() {
            IterState::Seq { seq, idx } => match &seq.payload {
                Payload::List(l) => Some(l.borrow().len().saturating_sub(*idx)),
                Payload::Tuple(t) => Some(t.len().saturating_sub(*idx)),
                _ => None,
            },
            IterState::SeqRev { idx, .. } => Some(*idx),
            IterState::Range { cur, stop, step } => {
                let span = if *step > 0 { stop - cur } else { cur - stop };
                let st = step.unsigned_abs();
                Some(if span <= 0 {
                    0
                } else {
                    span.unsigned_abs().div_ceil(u64::from(st)) as usize
                })
            }
            IterState::Exhausted => Some(0),
            _ => None,
        };
        if let Some(n) = left {
            return Ok(Value::Int(i64::try_from(n).unwrap_or(i64::MAX)));
        }
    }
    if let Some(f) = vm.lookup_type_attr(&cls, "__length_hint__") {
        let r = vm.call(&f, std::slice::from_ref(v))?;
        if vm.is_not_implemented(&r) {
            return Ok(Value::Int(default));
        }
        if !vm.is_int(&r) {
            return Err(vm.new_type_error(&format!(
                "__length_hint__ must be an integer, not {}",
                vm.type_name(&r)
            )));
        }
        let n = vm.to_index(&r)?;
        if n < 0 {
            return Err(vm.new_value_error("__length_hint__() should return >= 0"));
        }
        return Ok(Value::Int(n));
    }
    Ok(Value::Int(default))
}

fn index_of(vm: &mut Vm, a: &Args<'_>, count: bool) -> PyResult<Value> {
    let p = exact(vm, a, if count { "countOf" } else { "indexOf" }, 2)?;
    let it = vm.iter(&p[0])?;
    let mut i = 0i64;
    let mut n = 0i64;
    while let Some(x) = vm.next(&it)? {
        if x.is(&p[1]) || vm.eq(&x, &p[1])? {
            if !count {
                return Ok(Value::Int(i));
            }
            n += 1;
        }
        i += 1;
    }
    if count {
        Ok(Value::Int(n))
    } else {
        Err(vm.new_value_error("sequence.index(x): x not in sequence"))
    }
}

fn getter_call(vm: &mut Vm, a: &Args<'_>, what: &str) -> PyResult<Value> {
    let Some(g) = a.pos.first().and_then(native::<Getter>) else {
        return Err(vm.new_type_error(&format!(
            "descriptor '__call__' for '{what}' objects doesn't apply"
        )));
    };
    let rest = Args {
        pos: a.pos.get(1..).unwrap_or(&[]),
        kw: a.kw,
    };
    let obj = match g {
        Getter::Method { .. } => {
            if !rest.kw.is_empty() {
                return Err(vm.new_type_error("methodcaller() takes no keyword arguments"));
            }
            exact(vm, &rest, "methodcaller", 1)?[0].clone()
        }
        _ => {
            if !rest.kw.is_empty() {
                return Err(vm.new_type_error(&format!("{what}() takes no keyword arguments")));
            }
            exact(vm, &rest, what, 1)?[0].clone()
        }
    };
    match g {
        Getter::Item(keys) => {
            if keys.len() == 1 {
                return vm.getitem(&obj, &keys[0]);
            }
            let mut out = Vec::with_capacity(keys.len());
            for k in keys {
                out.push(vm.getitem(&obj, k)?);
            }
            Ok(vm.new_tuple(out))
        }
        Getter::Attr(paths) => {
            let mut out = Vec::with_capacity(paths.len());
            for path in paths {
                let mut cur = obj.clone();
                for part in path {
                    cur = vm.getattr_str(&cur, part)?;
                }
                out.push(cur);
            }
            if out.len() == 1 {
                return Ok(out.pop().unwrap_or_default());
            }
            Ok(vm.new_tuple(out))
        }
        Getter::Method { name, args, kw } => {
            let f = vm.getattr(&obj, name)?;
            vm.call_kw(&f, args, kw)
        }
    }
}

fn getter_repr(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let Some(g) = native::<Getter>(this) else {
        return Ok(vm.new_str("operator.?"));
    };
    let mut parts = Vec::new();
    let head = match g {
        Getter::Item(keys) => {
            for k in keys {
                parts.push(vm.repr_string(k)?);
            }
            "itemgetter"
        }
        Getter::Attr(paths) => {
            for p in paths {
                let joined: Vec<&str> = p.iter().map(|s| &**s).collect();
                parts.push(pyvm_vm::proto::repr::repr_str(&joined.join(".")));
            }
            "attrgetter"
        }
        Getter::Method { name, args, kw } => {
            parts.push(vm.repr_string(name)?);
            for v in args {
                parts.push(vm.repr_string(v)?);
            }
            for (k, v) in kw {
                let r = vm.repr_string(v)?;
                parts.push(format!("{k}={r}"));
            }
            "methodcaller"
        }
    };
    Ok(vm.new_string(format!("operator.{head}({})", parts.join(", "))))
}

/// `__reduce__` of the getters: `(cls, args)` that rebuild them; a `methodcaller` with keyword
/// arguments is `(functools.partial(cls, name, **kw), args)`.
fn getter_reduce(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let Some(g) = native::<Getter>(this) else {
        return Err(vm.new_type_error("__reduce__ needs an operator getter"));
    };
    let cls = Value::Obj(vm.type_of(this));
    let args = match g {
        Getter::Item(keys) => keys.clone(),
        Getter::Attr(paths) => paths
            .iter()
            .map(|p| {
                let joined: Vec<&str> = p.iter().map(|s| &**s).collect();
                vm.new_string(joined.join("."))
            })
            .collect(),
        Getter::Method { name, args, kw } => {
            if !kw.is_empty() {
                let functools = vm.import_module("functools")?;
                let partial = vm.getattr_str(&functools, "partial")?;
                let kw: Vec<(Rc<str>, Value)> = kw.clone();
                let f = vm.call_kw(&partial, &[cls, name.clone()], &kw)?;
                let rest = vm.new_tuple(args.clone());
                return Ok(vm.new_tuple(vec![f, rest]));
            }
            let mut all = vec![name.clone()];
            all.extend(args.iter().cloned());
            all
        }
    };
    let args = vm.new_tuple(args);
    Ok(vm.new_tuple(vec![cls, args]))
}

fn getter_type(vm: &mut Vm, m: &ObjRef, name: &'static str) -> PyResult<ObjRef> {
    let cls = new_type(vm, "operator", name, &[])?;
    super::add_method(vm, &cls, "__call__", move |vm, a| getter_call(vm, &a, name));
    super::add_method(vm, &cls, "__repr__", |vm, a| getter_repr(vm, &a.pos[0]));
    super::add_method(vm, &cls, "__reduce__", |vm, a| getter_reduce(vm, &a.pos[0]));
    vm.set_module_attr(m, name, Value::Obj(cls.clone()));
    Ok(cls)
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let m = &m;
    let binops: [(&str, &str, BinOp); 13] = [
        ("add", "iadd", BinOp::Add),
        ("and_", "iand", BinOp::And),
        ("floordiv", "ifloordiv", BinOp::FloorDiv),
        ("lshift", "ilshift", BinOp::LShift),
        ("matmul", "imatmul", BinOp::MatMul),
        ("mul", "imul", BinOp::Mul),
        ("mod", "imod", BinOp::Mod),
        ("or_", "ior", BinOp::Or),
        ("pow", "ipow", BinOp::Pow),
        ("rshift", "irshift", BinOp::RShift),
        ("sub", "isub", BinOp::Sub),
        ("truediv", "itruediv", BinOp::TrueDiv),
        ("xor", "ixor", BinOp::Xor),
    ];
    for (n, iname, op) in binops {
        add_fn(vm, m, n, move |vm, a| binop(vm, &a, n, op, false));
        add_fn(vm, m, iname, move |vm, a| binop(vm, &a, iname, op, true));
    }
    let cmps = [
        ("lt", CompareOp::Lt),
        ("le", CompareOp::Le),
        ("eq", CompareOp::Eq),
        ("ne", CompareOp::Ne),
        ("gt", CompareOp::Gt),
        ("ge", CompareOp::Ge),
    ];
    for (n, op) in cmps {
        add_fn(vm, m, n, move |vm, a| cmpop(vm, &a, n, op));
    }
    add_fn(vm, m, "_compare_digest", |vm, a| {
        let p = exact(vm, &a, "_compare_digest", 2)?;
        let (x, y) = (&p[0], &p[1]);
        let bytes = |vm: &Vm, v: &Value| -> Option<Vec<u8>> { vm.bytes_like(v).ok() };
        let (bx, by) = match (x.as_str(), y.as_str()) {
            (Some(sx), Some(sy)) => {
                if !sx.is_ascii() || !sy.is_ascii() {
                    return Err(vm.new_type_error(
                        "comparing strings with non-ASCII characters is not supported",
                    ));
                }
                (sx.as_bytes().to_vec(), sy.as_bytes().to_vec())
            }
            _ => match (bytes(vm, x), bytes(vm, y)) {
                (None, None) => {
                    return Err(vm.new_type_error(&format!(
                        "unsupported operand types(s) or combination of types: '{}' and '{}'",
                        vm.type_name(x),
                        vm.type_name(y)
                    )))
                }
                _ => (vm.bytes_like(x)?, vm.bytes_like(y)?),
            },
        };
        // Constant time in the length of the second argument, like CPython's.
        let mut diff = u8::from(bx.len() != by.len());
        for (i, b) in by.iter().enumerate() {
            diff |= bx.get(i).copied().unwrap_or(!*b) ^ b;
        }
        Ok(Value::bool(diff == 0))
    });
    add_fn(vm, m, "neg", |vm, a| unop(vm, &a, "neg", UnaryOp::Neg));
    add_fn(vm, m, "pos", |vm, a| unop(vm, &a, "pos", UnaryOp::Pos));
    add_fn(vm, m, "inv", |vm, a| unop(vm, &a, "inv", UnaryOp::Invert));
    add_fn(vm, m, "invert", |vm, a| {
        unop(vm, &a, "invert", UnaryOp::Invert)
    });
    add_fn(vm, m, "abs", |vm, a| {
        let v = one(vm, &a, "_operator.abs")?;
        let f = vm.get_builtin("abs").unwrap_or_default();
        vm.call(&f, &[v])
    });
    add_fn(vm, m, "index", |vm, a| {
        let v = one(vm, &a, "_operator.index")?;
        vm.index_value(&v)
    });
    add_fn(vm, m, "not_", |vm, a| {
        let v = one(vm, &a, "_operator.not_")?;
        Ok(Value::bool(!vm.is_true(&v)?))
    });
    add_fn(vm, m, "truth", |vm, a| {
        let v = one(vm, &a, "_operator.truth")?;
        Ok(Value::bool(vm.is_true(&v)?))
    });
    add_fn(vm, m, "is_", |vm, a| {
        let p = exact(vm, &a, "is_", 2)?;
        Ok(Value::bool(p[0].is(&p[1])))
    });
    add_fn(vm, m, "is_not", |vm, a| {
        let p = exact(vm, &a, "is_not", 2)?;
        Ok(Value::bool(!p[0].is(&p[1])))
    });
    add_fn(vm, m, "concat", |vm, a| concat(vm, &a, "concat", false));
    add_fn(vm, m, "iconcat", |vm, a| concat(vm, &a, "iconcat", true));
    add_fn(vm, m, "contains", |vm, a| {
        let p = exact(vm, &a, "contains", 2)?;
        Ok(Value::bool(vm.contains(&p[0], &p[1])?))
    });
    add_fn(vm, m, "countOf", |vm, a| index_of(vm, &a, true));
    add_fn(vm, m, "indexOf", |vm, a| index_of(vm, &a, false));
    add_fn(vm, m, "getitem", |vm, a| {
        let p = exact(vm, &a, "getitem", 2)?;
        vm.getitem(&p[0], &p[1])
    });
    add_fn(vm, m, "setitem", |vm, a| {
        let p = exact(vm, &a, "setitem", 3)?;
        vm.setitem(&p[0], &p[1], p[2].clone())?;
        Ok(Value::None)
    });
    add_fn(vm, m, "delitem", |vm, a| {
        let p = exact(vm, &a, "delitem", 2)?;
        vm.delitem(&p[0], &p[1])?;
        Ok(Value::None)
    });
    add_fn(vm, m, "length_hint", |vm, a| length_hint(vm, &a));
    add_fn(vm, m, "call", |vm, a| {
        let Some(f) = a.pos.first() else {
            return Err(vm.new_type_error("call expected at least 1 argument, got 0"));
        };
        vm.call_kw(f, &a.pos[1..], a.kw)
    });
    let ig = getter_type(vm, m, "itemgetter")?;
    let igb = ig.clone();
    vm.set_constructor(&ig, move |vm, a| {
        let cls = super::ctor_cls(vm, &a)?;
        let rest = Args {
            pos: &a.pos[1..],
            kw: a.kw,
        };
        if !rest.kw.is_empty() {
            return Err(vm.new_type_error("itemgetter() takes no keyword arguments"));
        }
        if rest.pos.is_empty() {
            return Err(vm.new_type_error("itemgetter expected 1 argument, got 0"));
        }
        Ok(alloc_native(
            vm,
            &cls,
            &igb,
            Getter::Item(rest.pos.to_vec()),
        ))
    });
    let ag = getter_type(vm, m, "attrgetter")?;
    let agb = ag.clone();
    vm.set_constructor(&ag, move |vm, a| {
        let cls = super::ctor_cls(vm, &a)?;
        let rest = Args {
            pos: &a.pos[1..],
            kw: a.kw,
        };
        if !rest.kw.is_empty() {
            return Err(vm.new_type_error("attrgetter() takes no keyword arguments"));
        }
        if rest.pos.is_empty() {
            return Err(vm.new_type_error("attrgetter expected 1 argument, got 0"));
        }
        let mut paths = Vec::with_capacity(rest.pos.len());
        for v in rest.pos {
            let Some(s) = v.as_str() else {
                return Err(vm.new_type_error("attribute name must be a string"));
            };
            paths.push(s.split('.').map(Rc::from).collect());
        }
        Ok(alloc_native(vm, &cls, &agb, Getter::Attr(paths)))
    });
    let mc = getter_type(vm, m, "methodcaller")?;
    let mcb = mc.clone();
    vm.set_constructor(&mc, move |vm, a| {
        let cls = super::ctor_cls(vm, &a)?;
        let Some(name) = a.pos.get(1) else {
            return Err(
                vm.new_type_error("methodcaller needs at least one argument, the method name")
            );
        };
        if name.as_str().is_none() {
            return Err(vm.new_type_error("method name must be a string"));
        }
        let g = Getter::Method {
            name: name.clone(),
            args: a.pos[2..].to_vec(),
            kw: a.kw.to_vec(),
        };
        Ok(alloc_native(vm, &cls, &mcb, g))
    });
    // `operator.py` also exports the dunder names.
    let aliases = [
        "abs",
        "add",
        "and_",
        "call",
        "concat",
        "contains",
        "delitem",
        "eq",
        "floordiv",
        "ge",
        "getitem",
        "gt",
        "iadd",
        "iand",
        "iconcat",
        "ifloordiv",
        "ilshift",
        "imatmul",
        "imod",
        "imul",
        "index",
        "inv",
        "invert",
        "ior",
        "ipow",
        "irshift",
        "isub",
        "itruediv",
        "ixor",
        "le",
        "lshift",
        "lt",
        "matmul",
        "mod",
        "mul",
        "ne",
        "neg",
        "not_",
        "or_",
        "pos",
        "pow",
        "rshift",
        "setitem",
        "sub",
        "truediv",
        "xor",
    ];
    for n in aliases {
        if let Some(d) = m.dict_obj().as_ref() {
            if let Some(f) = vm.dict_get_str(d, n) {
                let dn = format!("__{}__", n.trim_end_matches('_'));
                vm.set_module_attr(m, &dn, f);
            }
        }
    }
    Ok(m.clone())
}
