//! The dict subclasses of `collections`: `defaultdict`, `OrderedDict` and `Counter`, with
//! CPython's reprs and operators.

use super::new_type;
use pyvm_vm::dict::DictTable;
use pyvm_vm::proto::arith::BinOp;
use pyvm_vm::proto::cmp::CompareOp;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm, B64};
use std::rc::Rc;

/// Where a `defaultdict` keeps its factory (in the instance dict, under a name no attribute
/// access can reach).
const FACTORY_KEY: &str = " default_factory";

fn new_dict_of(vm: &Vm, cls: &ObjRef) -> Value {
    Value::Obj(vm.alloc_with_dict(cls, Payload::dict(DictTable::new())))
}

fn as_dict(vm: &Vm, v: &Value) -> PyResult<ObjRef> {
    match v {
        Value::Obj(o) if matches!(o.payload, Payload::Dict(_)) => Ok(o.clone()),
        _ => Err(vm.new_type_error(&format!(
            "descriptor requires a 'dict' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn rest<'a>(a: &Args<'a>) -> &'a [Value] {
    a.pos.get(1..).unwrap_or(&[])
}

fn this(a: &Args<'_>) -> Value {
    a.pos.first().cloned().unwrap_or_default()
}

/// `dict.update(*args, **kw)` on `d` (used by constructors and `__init__`).
fn dict_update(
    vm: &mut Vm,
    d: &ObjRef,
    args: &[Value],
    kw: &[(Rc<str>, Value)],
    name: &str,
) -> PyResult<()> {
    if args.len() > 1 {
        return Err(vm.new_type_error(&format!(
            "{name} expected at most 1 argument, got {}",
            args.len()
        )));
    }
    if let Some(src) = args.first() {
        vm.dict_update_from(d, src)?;
    }
    for (k, v) in kw {
        let key = vm.new_str(k);
        vm.dict_set_item(d, key, v.clone())?;
    }
    Ok(())
}

fn type_name_of(vm: &Vm, v: &Value) -> Rc<str> {
    vm.type_name(v)
}

/// Equality of two dict payloads, ignoring any overridden `__eq__`.
fn dict_eq(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    let (ia, ib) = (vm.dict_items(a), vm.dict_items(b));
    if ia.len() != ib.len() {
        return Ok(false);
    }
    let Some(bo) = b.as_obj().cloned() else {
        return Ok(false);
    };
    for (k, v) in ia {
        match vm.dict_get_item(&bo, &k)? {
            Some(w) => {
                if !(v.is(&w) || vm.eq(&v, &w)?) {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

fn dict_repr_of(vm: &mut Vm, d: &Value) -> PyResult<String> {
    let plain = vm.new_dict();
    if let Some(p) = plain.as_obj() {
        for (k, v) in vm.dict_items(d) {
            vm.dict_set_item(p, k, v)?;
        }
    }
    vm.repr_string(&plain)
}

// ----- defaultdict ----------------------------------------------------------------------------

fn factory_of(vm: &Vm, d: &Value) -> Value {
    d.as_obj()
        .and_then(|o| o.dict_obj())
        .and_then(|dd| vm.dict_get_str(&dd, FACTORY_KEY))
        .unwrap_or(Value::None)
}

fn set_factory(vm: &mut Vm, d: &Value, f: Value) {
    if let Some(o) = d.as_obj() {
        vm.dict_set_str(o.dict_obj().as_ref(), FACTORY_KEY, f);
    }
}

fn callable(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(
            Payload::Function(_)
            | Payload::NativeFunction(_)
            | Payload::BoundMethod { .. }
            | Payload::Type(_),
        ) => true,
        Some(_) => {
            let cls = vm.type_of(v);
            vm.lookup_type_attr(&cls, "__call__").is_some()
        }
        None => false,
    }
}

fn dd_init(vm: &mut Vm, d: &Value, args: &[Value], kw: &[(Rc<str>, Value)]) -> PyResult<()> {
    let (factory, rest) = match args.split_first() {
        Some((f, r)) => (f.clone(), r),
        None => (Value::None, args),
    };
    if !factory.is_none() && !callable(vm, &factory) {
        return Err(vm.new_type_error("first argument must be callable or None"));
    }
    set_factory(vm, d, factory);
    let o = as_dict(vm, d)?;
    dict_update(vm, &o, rest, kw, "defaultdict")
}

fn install_defaultdict(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let dict = vm.types().dict.clone();
    let cls = new_type(vm, "collections", "defaultdict", &[dict])?;
    vm.set_constructor(&cls, |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        // The VM calls `__init__` next, which parses the arguments.
        let d = new_dict_of(vm, &c);
        set_factory(vm, &d, Value::None);
        Ok(d)
    });
    super::add_method(vm, &cls, "__init__", |vm, a| {
        dd_init(vm, &this(&a), rest(&a), a.kw)?;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "__missing__", |vm, a| {
        let d = this(&a);
        let key = super::one(
            vm,
            &Args {
                pos: rest(&a),
                kw: a.kw,
            },
            "__missing__",
        )?;
        let f = factory_of(vm, &d);
        if f.is_none() {
            return Err(vm.new_key_error(key));
        }
        let v = vm.call(&f, &[])?;
        vm.setitem(&d, &key, v.clone())?;
        Ok(v)
    });
    super::add_method(vm, &cls, "__repr__", |vm, a| {
        let d = this(&a);
        let f = factory_of(vm, &d);
        let fr = vm.repr_string(&f)?;
        let inner = dict_repr_of(vm, &d)?;
        let n = type_name_of(vm, &d);
        Ok(vm.new_string(format!("{n}({fr}, {inner})")))
    });
    for name in ["copy", "__copy__"] {
        super::add_method(vm, &cls, name, |vm, a| {
            let d = this(&a);
            let cls = vm.type_of(&d);
            let n = new_dict_of(vm, &cls);
            let f = factory_of(vm, &d);
            set_factory(vm, &n, f);
            let o = as_dict(vm, &n)?;
            vm.dict_update_from(&o, &d)?;
            Ok(n)
        });
    }
    super::add_method(vm, &cls, "__or__", |vm, a| {
        let d = this(&a);
        let other = a.pos.get(1).cloned().unwrap_or_default();
        if !matches!(other.payload(), Some(Payload::Dict(_))) {
            return Ok(vm.not_implemented());
        }
        let cls = vm.type_of(&d);
        let n = new_dict_of(vm, &cls);
        let f = factory_of(vm, &d);
        set_factory(vm, &n, f);
        let o = as_dict(vm, &n)?;
        vm.dict_update_from(&o, &d)?;
        vm.dict_update_from(&o, &other)?;
        Ok(n)
    });
    let fget = vm.new_native_function("default_factory", |vm, a| Ok(factory_of(vm, &this(&a))));
    let fset = vm.new_native_function("default_factory", |vm, a| {
        let v = a.pos.get(1).cloned().unwrap_or_default();
        set_factory(vm, &this(&a), v);
        Ok(Value::None)
    });
    let prop = vm.alloc(
        &vm.types().property.clone(),
        Payload::Property(Box::new(pyvm_vm::object::PropertyData {
            fget,
            fset,
            fdel: Value::None,
            doc: Value::None,
        })),
    );
    vm.type_set_attr(&cls, "default_factory", Value::Obj(prop));
    vm.set_module_attr(m, "defaultdict", Value::Obj(cls));
    Ok(())
}

// ----- OrderedDict ----------------------------------------------------------------------------

fn install_ordered_dict(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let dict = vm.types().dict.clone();
    let cls = new_type(vm, "collections", "OrderedDict", &[dict])?;
    vm.set_constructor(&cls, |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        Ok(new_dict_of(vm, &c))
    });
    super::add_method(vm, &cls, "__init__", |vm, a| {
        let o = as_dict(vm, &this(&a))?;
        dict_update(vm, &o, rest(&a), a.kw, "OrderedDict")?;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "__repr__", |vm, a| {
        let d = this(&a);
        let n = type_name_of(vm, &d);
        if vm.dict_items(&d).is_empty() {
            return Ok(vm.new_string(format!("{n}()")));
        }
        let inner = dict_repr_of(vm, &d)?;
        Ok(vm.new_string(format!("{n}({inner})")))
    });
    super::add_method(vm, &cls, "move_to_end", |vm, a| {
        let d = this(&a);
        let p = super::bind(
            vm,
            &Args {
                pos: rest(&a),
                kw: a.kw,
            },
            "move_to_end",
            &["key", "last"],
            0,
            1,
            0,
        )?;
        let key = p[0].clone().unwrap_or_default();
        let last = crate::args::flag(vm, p[1].as_ref(), true)?;
        let Some(v) = vm.dict_pop_item(&d, &key)? else {
            return Err(vm.new_key_error(key));
        };
        let o = as_dict(vm, &d)?;
        if last {
            vm.dict_set_item(&o, key, v)?;
        } else {
            let items = vm.dict_items(&d);
            if let Payload::Dict(t) = &o.payload {
                t.borrow_mut().clear();
            }
            vm.dict_set_item(&o, key, v)?;
            for (k, w) in items {
                vm.dict_set_item(&o, k, w)?;
            }
        }
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "popitem", |vm, a| {
        let d = this(&a);
        let p = super::bind(
            vm,
            &Args {
                pos: rest(&a),
                kw: a.kw,
            },
            "popitem",
            &["last"],
            0,
            0,
            0,
        )?;
        let last = crate::args::flag(vm, p[0].as_ref(), true)?;
        let items = vm.dict_items(&d);
        let pick = if last { items.last() } else { items.first() };
        let Some((k, _)) = pick.cloned() else {
            let msg = vm.new_str("dictionary is empty");
            return Err(vm.new_key_error(msg));
        };
        let v = vm.dict_pop_item(&d, &k)?.unwrap_or_default();
        Ok(vm.new_tuple(vec![k, v]))
    });
    super::add_method(vm, &cls, "__reversed__", |vm, a| {
        let keys: Vec<Value> = vm
            .dict_items(&this(&a))
            .into_iter()
            .rev()
            .map(|(k, _)| k)
            .collect();
        let l = vm.new_list(keys);
        vm.iter(&l)
    });
    for name in ["copy", "__copy__"] {
        super::add_method(vm, &cls, name, |vm, a| {
            let d = this(&a);
            let cls = vm.type_of(&d);
            let n = new_dict_of(vm, &cls);
            let o = as_dict(vm, &n)?;
            vm.dict_update_from(&o, &d)?;
            Ok(n)
        });
    }
    super::add_method(vm, &cls, "__eq__", |vm, a| od_eq(vm, &a, false));
    super::add_method(vm, &cls, "__ne__", |vm, a| od_eq(vm, &a, true));
    super::add_method(vm, &cls, "__or__", |vm, a| {
        let d = this(&a);
        let other = a.pos.get(1).cloned().unwrap_or_default();
        if !matches!(other.payload(), Some(Payload::Dict(_))) {
            return Ok(vm.not_implemented());
        }
        let cls = vm.type_of(&d);
        let n = new_dict_of(vm, &cls);
        let o = as_dict(vm, &n)?;
        vm.dict_update_from(&o, &d)?;
        vm.dict_update_from(&o, &other)?;
        Ok(n)
    });
    vm.set_module_attr(m, "OrderedDict", Value::Obj(cls));
    Ok(())
}

fn is_ordered(vm: &Vm, v: &Value) -> bool {
    let cls = vm.type_of(v);
    cls.as_type().is_some_and(|t| {
        t.mro.borrow().iter().any(|c| {
            c.as_type()
                .is_some_and(|ct| &**ct.name.borrow() == "OrderedDict" && ct.heap)
        })
    })
}

fn od_eq(vm: &mut Vm, a: &Args<'_>, negate: bool) -> PyResult<Value> {
    let d = this(a);
    let other = a.pos.get(1).cloned().unwrap_or_default();
    if !matches!(other.payload(), Some(Payload::Dict(_))) {
        return Ok(vm.not_implemented());
    }
    let mut eq = dict_eq(vm, &d, &other)?;
    if eq && is_ordered(vm, &other) {
        let ka: Vec<Value> = vm.dict_items(&d).into_iter().map(|(k, _)| k).collect();
        let kb: Vec<Value> = vm.dict_items(&other).into_iter().map(|(k, _)| k).collect();
        for (x, y) in ka.iter().zip(kb.iter()) {
            if !(x.is(y) || vm.eq(x, y)?) {
                eq = false;
                break;
            }
        }
    }
    Ok(Value::bool(eq != negate))
}

// ----- Counter --------------------------------------------------------------------------------

fn counter_class(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.import_module("_collections")?;
    let c = vm.getattr_str(&m, "Counter")?;
    vm.as_class(&c)
        .ok_or_else(|| vm.new_system_error("Counter class missing"))
}

fn is_counter(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    let c = counter_class(vm)?;
    Ok(vm.is_instance(v, &c))
}

fn count_of(vm: &mut Vm, d: &Value, k: &Value) -> PyResult<Value> {
    let o = as_dict(vm, d)?;
    Ok(vm.dict_get_item(&o, k)?.unwrap_or(Value::Int(0)))
}

fn gt0(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    let r = vm.compare(v, &Value::Int(0), CompareOp::Gt)?;
    vm.is_true(&r)
}

fn lt0(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    let r = vm.compare(v, &Value::Int(0), CompareOp::Lt)?;
    vm.is_true(&r)
}

/// `Counter.update` / `subtract` (`sign` = +1 / -1).
fn counter_update(
    vm: &mut Vm,
    d: &Value,
    args: &[Value],
    kw: &[(Rc<str>, Value)],
    name: &str,
    add: bool,
) -> PyResult<()> {
    if args.len() > 1 {
        return Err(vm.new_type_error(&format!(
            "{name} expected at most 1 argument, got {}",
            args.len()
        )));
    }
    let op = if add { BinOp::Add } else { BinOp::Sub };
    if let Some(src) = args.first().filter(|s| !s.is_none()) {
        let is_mapping = matches!(src.payload(), Some(Payload::Dict(_))) || {
            let cls = vm.type_of(src);
            vm.lookup_type_attr(&cls, "items").is_some()
                && vm.lookup_type_attr(&cls, "keys").is_some()
        };
        if is_mapping {
            let items = match src.payload() {
                Some(Payload::Dict(_)) => vm.dict_items(src),
                _ => {
                    let it = vm.call_method(src, "items", &[])?;
                    let mut out = Vec::new();
                    for pair in vm.to_vec(&it)? {
                        let kv = vm.to_vec(&pair)?;
                        if let [k, v] = kv.as_slice() {
                            out.push((k.clone(), v.clone()));
                        }
                    }
                    out
                }
            };
            let o = as_dict(vm, d)?;
            let empty = vm.dict_items(d).is_empty();
            for (k, v) in items {
                if add && empty {
                    vm.dict_set_item(&o, k, v)?;
                    continue;
                }
                let cur = count_of(vm, d, &k)?;
                let n = vm.binary_op(&cur, &v, op, false)?;
                vm.setitem(d, &k, n)?;
            }
        } else {
            let it = vm.iter(src)?;
            let o = as_dict(vm, d)?;
            while let Some(k) = vm.next(&it)? {
                let cur = vm.dict_get_item(&o, &k)?.unwrap_or(Value::Int(0));
                let n = vm.binary_op(&cur, &Value::Int(1), op, false)?;
                vm.setitem(d, &k, n)?;
            }
        }
    }
    if !kw.is_empty() {
        let kd = vm.new_dict();
        if let Some(ko) = kd.as_obj() {
            for (k, v) in kw {
                let key = vm.new_str(k);
                vm.dict_set_item(ko, key, v.clone())?;
            }
        }
        counter_update(vm, d, &[kd], &[], name, add)?;
    }
    Ok(())
}

fn counter_init(vm: &mut Vm, d: &Value, args: &[Value], kw: &[(Rc<str>, Value)]) -> PyResult<()> {
    if args.len() > 1 {
        return Err(vm.new_type_error(&format!(
            "Counter.__init__() takes from 1 to 2 positional arguments but {} were given",
            args.len() + 1
        )));
    }
    counter_update(vm, d, args, kw, "update", true)
}

/// `most_common()` order: by count, descending, ties in insertion order.
fn most_common(vm: &mut Vm, d: &Value) -> PyResult<Vec<Value>> {
    let mut pairs: Vec<Value> = vm
        .dict_items(d)
        .into_iter()
        .map(|(k, v)| vm.new_tuple(vec![k, v]))
        .collect();
    let key = vm.new_native_function("count", |vm, a| {
        let p = a.pos.first().cloned().unwrap_or_default();
        vm.getitem(&p, &Value::Int(1))
    });
    let kw = [
        (Rc::from("key"), key),
        (Rc::from("reverse"), Value::Bool(B64::TRUE)),
    ];
    crate::functions::sort_with(vm, &mut pairs, &Args { pos: &[], kw: &kw })?;
    Ok(pairs)
}

fn new_counter(vm: &mut Vm) -> PyResult<Value> {
    let c = counter_class(vm)?;
    Ok(new_dict_of(vm, &c))
}

/// The binary multiset operators (`+`, `-`, `|`, `&`).
fn counter_binop(vm: &mut Vm, a: &Args<'_>, which: char) -> PyResult<Value> {
    let x = this(a);
    let y = a.pos.get(1).cloned().unwrap_or_default();
    if !is_counter(vm, &y)? {
        return Ok(vm.not_implemented());
    }
    let result = new_counter(vm)?;
    let r = as_dict(vm, &result)?;
    let xo = as_dict(vm, &x)?;
    for (k, c) in vm.dict_items(&x) {
        let o = count_of(vm, &y, &k)?;
        let n = match which {
            '+' => vm.binary_op(&c, &o, BinOp::Add, false)?,
            '-' => vm.binary_op(&c, &o, BinOp::Sub, false)?,
            '|' => {
                let lt = vm.compare(&c, &o, CompareOp::Lt)?;
                if vm.is_true(&lt)? {
                    o
                } else {
                    c
                }
            }
            _ => {
                let lt = vm.compare(&c, &o, CompareOp::Lt)?;
                if vm.is_true(&lt)? {
                    c
                } else {
                    o
                }
            }
        };
        if gt0(vm, &n)? {
            vm.dict_set_item(&r, k, n)?;
        }
    }
    if which != '&' {
        for (k, c) in vm.dict_items(&y) {
            if vm.dict_get_item(&xo, &k)?.is_some() {
                continue;
            }
            if which == '-' {
                if lt0(vm, &c)? {
                    let n = vm.binary_op(&Value::Int(0), &c, BinOp::Sub, false)?;
                    vm.dict_set_item(&r, k, n)?;
                }
            } else if gt0(vm, &c)? {
                vm.dict_set_item(&r, k, c)?;
            }
        }
    }
    Ok(result)
}

fn keep_positive(vm: &mut Vm, d: &Value) -> PyResult<()> {
    for (k, c) in vm.dict_items(d) {
        if !gt0(vm, &c)? {
            vm.dict_pop_item(d, &k)?;
        }
    }
    Ok(())
}

fn counter_inplace(vm: &mut Vm, a: &Args<'_>, which: char) -> PyResult<Value> {
    let x = this(a);
    let y = a.pos.get(1).cloned().unwrap_or_default();
    if !is_counter(vm, &y)? {
        return Ok(vm.not_implemented());
    }
    match which {
        '+' | '-' => {
            let op = if which == '+' { BinOp::Add } else { BinOp::Sub };
            for (k, c) in vm.dict_items(&y) {
                let cur = vm.getitem(&x, &k)?;
                let n = vm.binary_op(&cur, &c, op, false)?;
                vm.setitem(&x, &k, n)?;
            }
        }
        '|' => {
            for (k, oc) in vm.dict_items(&y) {
                let cur = vm.getitem(&x, &k)?;
                let gt = vm.compare(&oc, &cur, CompareOp::Gt)?;
                if vm.is_true(&gt)? {
                    vm.setitem(&x, &k, oc)?;
                }
            }
        }
        _ => {
            for (k, c) in vm.dict_items(&x) {
                let oc = vm.getitem(&y, &k)?;
                let lt = vm.compare(&oc, &c, CompareOp::Lt)?;
                if vm.is_true(&lt)? {
                    vm.setitem(&x, &k, oc)?;
                }
            }
        }
    }
    keep_positive(vm, &x)?;
    Ok(x)
}

fn counter_unary(vm: &mut Vm, a: &Args<'_>, neg: bool) -> PyResult<Value> {
    let x = this(a);
    let result = new_counter(vm)?;
    let r = as_dict(vm, &result)?;
    for (k, c) in vm.dict_items(&x) {
        if neg {
            if lt0(vm, &c)? {
                let n = vm.binary_op(&Value::Int(0), &c, BinOp::Sub, false)?;
                vm.dict_set_item(&r, k, n)?;
            }
        } else if gt0(vm, &c)? {
            vm.dict_set_item(&r, k, c)?;
        }
    }
    Ok(result)
}

/// Multiset comparisons: every count of `x` `op` the matching count of `y` (missing = 0).
fn counter_cmp(vm: &mut Vm, a: &Args<'_>, op: CompareOp) -> PyResult<Value> {
    let x = this(a);
    let y = a.pos.get(1).cloned().unwrap_or_default();
    if !is_counter(vm, &y)? {
        return Ok(vm.not_implemented());
    }
    let (each, strict) = match op {
        CompareOp::Eq | CompareOp::Ne => (CompareOp::Eq, false),
        CompareOp::Le => (CompareOp::Le, false),
        CompareOp::Lt => (CompareOp::Le, true),
        CompareOp::Ge => (CompareOp::Ge, false),
        CompareOp::Gt => (CompareOp::Ge, true),
    };
    let mut all = true;
    'outer: for c in [&x, &y] {
        for (k, _) in vm.dict_items(c) {
            let p = count_of(vm, &x, &k)?;
            let q = count_of(vm, &y, &k)?;
            let r = vm.compare(&p, &q, each)?;
            if !vm.is_true(&r)? {
                all = false;
                break 'outer;
            }
        }
    }
    let res = match op {
        CompareOp::Ne => !all,
        _ if strict => {
            if !all {
                false
            } else {
                let eq = counter_cmp(vm, a, CompareOp::Eq)?;
                !vm.is_true(&eq)?
            }
        }
        _ => all,
    };
    Ok(Value::bool(res))
}

fn install_counter(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let dict = vm.types().dict.clone();
    let cls = new_type(vm, "collections", "Counter", &[dict])?;
    vm.set_constructor(&cls, |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        Ok(new_dict_of(vm, &c))
    });
    super::add_method(vm, &cls, "__init__", |vm, a| {
        counter_init(vm, &this(&a), rest(&a), a.kw)?;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "__missing__", |_vm, _a| Ok(Value::Int(0)));
    super::add_method(vm, &cls, "update", |vm, a| {
        counter_update(vm, &this(&a), rest(&a), a.kw, "update", true)?;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "subtract", |vm, a| {
        counter_update(vm, &this(&a), rest(&a), a.kw, "subtract", false)?;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "total", |vm, a| {
        let mut t = Value::Int(0);
        for (_, c) in vm.dict_items(&this(&a)) {
            t = vm.binary_op(&t, &c, BinOp::Add, false)?;
        }
        Ok(t)
    });
    super::add_method(vm, &cls, "most_common", |vm, a| {
        let p = super::bind(
            vm,
            &Args {
                pos: rest(&a),
                kw: a.kw,
            },
            "most_common",
            &["n"],
            0,
            0,
            0,
        )?;
        let mut pairs = most_common(vm, &this(&a))?;
        if let Some(n) = p[0].as_ref().filter(|n| !n.is_none()) {
            let n = vm.to_index(n)?;
            pairs.truncate(usize::try_from(n).unwrap_or(0));
        }
        Ok(vm.new_list(pairs))
    });
    super::add_method(vm, &cls, "elements", |vm, a| {
        let mut out = Vec::new();
        for (k, c) in vm.dict_items(&this(&a)) {
            let n = vm.to_index(&c)?;
            for _ in 0..n.max(0) {
                out.push(k.clone());
            }
        }
        let l = vm.new_list(out);
        vm.iter(&l)
    });
    super::add_method(vm, &cls, "__repr__", |vm, a| {
        let d = this(&a);
        let n = type_name_of(vm, &d);
        if vm.dict_items(&d).is_empty() {
            return Ok(vm.new_string(format!("{n}()")));
        }
        let pairs = match most_common(vm, &d) {
            Ok(p) => p,
            Err(e) if vm.err_matches(&e, &vm.types().exc.type_error.clone()) => {
                let inner = dict_repr_of(vm, &d)?;
                return Ok(vm.new_string(format!("{n}({inner})")));
            }
            Err(e) => return Err(e),
        };
        let mut parts = Vec::with_capacity(pairs.len());
        for p in pairs {
            let k = vm.getitem(&p, &Value::Int(0))?;
            let v = vm.getitem(&p, &Value::Int(1))?;
            let (ks, vs) = (vm.repr_string(&k)?, vm.repr_string(&v)?);
            parts.push(format!("{ks}: {vs}"));
        }
        Ok(vm.new_string(format!("{n}({{{}}})", parts.join(", "))))
    });
    super::add_method(vm, &cls, "copy", |vm, a| {
        let d = this(&a);
        let cls = vm.type_of(&d);
        let n = new_dict_of(vm, &cls);
        let o = as_dict(vm, &n)?;
        vm.dict_update_from(&o, &d)?;
        Ok(n)
    });
    super::add_method(vm, &cls, "__delitem__", |vm, a| {
        let d = this(&a);
        let k = a.pos.get(1).cloned().unwrap_or_default();
        vm.dict_pop_item(&d, &k)?;
        Ok(Value::None)
    });
    super::add_classmethod(vm, &cls, "fromkeys", |vm, _a| {
        Err(vm.new_not_implemented_error(
            "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.",
        ))
    });
    for (name, ch) in [
        ("__add__", '+'),
        ("__sub__", '-'),
        ("__or__", '|'),
        ("__and__", '&'),
    ] {
        super::add_method(vm, &cls, name, move |vm, a| counter_binop(vm, &a, ch));
    }
    for (name, ch) in [
        ("__iadd__", '+'),
        ("__isub__", '-'),
        ("__ior__", '|'),
        ("__iand__", '&'),
    ] {
        super::add_method(vm, &cls, name, move |vm, a| counter_inplace(vm, &a, ch));
    }
    super::add_method(vm, &cls, "__pos__", |vm, a| counter_unary(vm, &a, false));
    super::add_method(vm, &cls, "__neg__", |vm, a| counter_unary(vm, &a, true));
    for (name, op) in [
        ("__eq__", CompareOp::Eq),
        ("__ne__", CompareOp::Ne),
        ("__le__", CompareOp::Le),
        ("__lt__", CompareOp::Lt),
        ("__ge__", CompareOp::Ge),
        ("__gt__", CompareOp::Gt),
    ] {
        super::add_method(vm, &cls, name, move |vm, a| counter_cmp(vm, &a, op));
    }
    vm.set_module_attr(m, "Counter", Value::Obj(cls));
    Ok(())
}

/// Adds `defaultdict`, `OrderedDict` and `Counter` to the collections module `m`.
pub(crate) fn install_types(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    install_defaultdict(vm, m)?;
    install_ordered_dict(vm, m)?;
    install_counter(vm, m)?;
    Ok(())
}
