//! `functools` / `_functools`: `reduce`, `partial`, `cmp_to_key`, `lru_cache` / `cache`,
//! `wraps` / `update_wrapper`, `total_ordering` and `cached_property`.

use super::{add_fn, alloc_native, bind, native, new_type, register};
use pyvm_vm::proto::cmp::CompareOp;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm, B64};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_functools", "functools"], build);
    // CPython's `functools` is Python over `_functools`: a standard library on the path wins.
    vm.mark_fallback_module("functools");
}

const ASSIGNED: [&str; 6] = [
    "__module__",
    "__name__",
    "__qualname__",
    "__doc__",
    "__annotations__",
    "__type_params__",
];

#[derive(Clone)]
struct Partial {
    func: Value,
    args: Vec<Value>,
    kw: Vec<(Rc<str>, Value)>,
}

/// A partial's parts can be replaced by `__setstate__` (unpickling).
type PartialCell = RefCell<Partial>;

struct KeyWrapper {
    cmp: Value,
    obj: Option<Value>,
}

struct LruCache {
    func: Value,
    maxsize: Option<usize>,
    typed: bool,
    cache: ObjRef,
    hits: Cell<i64>,
    misses: Cell<i64>,
    kwd_mark: Value,
    info_cls: Value,
}

struct CachedProperty {
    func: Value,
    name: RefCell<Option<Rc<str>>>,
}

fn this(a: &Args<'_>) -> Value {
    a.pos.first().cloned().unwrap_or_default()
}

fn rest<'a>(a: &Args<'a>) -> Args<'a> {
    Args {
        pos: a.pos.get(1..).unwrap_or(&[]),
        kw: a.kw,
    }
}

fn module_class(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.import_module("_functools")?;
    let c = vm.getattr_str(&m, name)?;
    vm.as_class(&c)
        .ok_or_else(|| vm.new_system_error("functools class missing"))
}

pub(crate) fn is_callable(vm: &Vm, v: &Value) -> bool {
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

fn reduce(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    super::no_kw(vm, a, "reduce")?;
    crate::args::range(vm, a, "reduce", 2, 3)?;
    let f = a.pos[0].clone();
    let it = match vm.iter(&a.pos[1]) {
        Ok(it) => it,
        Err(e) if vm.err_matches(&e, &vm.types().exc.type_error.clone()) => {
            return Err(vm.new_type_error("reduce() arg 2 must support iteration"))
        }
        Err(e) => return Err(e),
    };
    let mut acc = a.pos.get(2).cloned();
    while let Some(x) = vm.next(&it)? {
        acc = Some(match acc {
            None => x,
            Some(v) => vm.call(&f, &[v, x])?,
        });
    }
    acc.ok_or_else(|| vm.new_type_error("reduce() of empty iterable with no initial value"))
}

// ----- partial --------------------------------------------------------------------------------

fn new_partial(
    vm: &mut Vm,
    cls: &ObjRef,
    args: &[Value],
    kw: &[(Rc<str>, Value)],
) -> PyResult<Value> {
    let Some((func, rest)) = args.split_first() else {
        return Err(vm.new_type_error("type 'partial' takes at least one argument"));
    };
    if !is_callable(vm, func) {
        return Err(vm.new_type_error("the first argument must be callable"));
    }
    let (mut f, mut pa, mut pk) = (func.clone(), Vec::new(), Vec::new());
    if let Some(inner) = native::<PartialCell>(func) {
        let inner = inner.borrow();
        f = inner.func.clone();
        pa = inner.args.clone();
        pk = inner.kw.clone();
    }
    pa.extend_from_slice(rest);
    for (k, v) in kw {
        match pk.iter_mut().find(|(n, _)| n == k) {
            Some(slot) => slot.1 = v.clone(),
            None => pk.push((k.clone(), v.clone())),
        }
    }
    let p = Partial {
        func: f,
        args: pa,
        kw: pk,
    };
    Ok(Value::Obj(vm.alloc_with_dict(
        cls,
        Payload::Native(Box::new(RefCell::new(p))),
    )))
}

fn partial_call(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let this = this(a);
    let Some(p) = native::<PartialCell>(&this) else {
        return Err(
            vm.new_type_error("descriptor '__call__' requires a 'functools.partial' object")
        );
    };
    let p = p.borrow().clone();
    let mut args = p.args;
    args.extend_from_slice(a.pos.get(1..).unwrap_or(&[]));
    let mut kw = p.kw;
    for (k, v) in a.kw {
        match kw.iter_mut().find(|(n, _)| n == k) {
            Some(slot) => slot.1 = v.clone(),
            None => kw.push((k.clone(), v.clone())),
        }
    }
    vm.call_kw(&p.func, &args, &kw)
}

fn qualified_name(vm: &Vm, v: &Value) -> String {
    let cls = vm.type_of(v);
    match cls.as_type() {
        Some(t) => {
            let q = t.qualname.borrow().clone();
            match t.module.borrow().as_deref() {
                Some(m) if m != "builtins" => format!("{m}.{q}"),
                _ => q.to_string(),
            }
        }
        None => "?".into(),
    }
}

fn partial_repr(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let Some(p) = native::<PartialCell>(this) else {
        return Ok(vm.new_str("partial(...)"));
    };
    let Partial { func: f, args, kw } = p.borrow().clone();
    let mut parts = vec![vm.repr_string(&f)?];
    for v in &args {
        parts.push(vm.repr_string(v)?);
    }
    for (k, v) in &kw {
        let r = vm.repr_string(v)?;
        parts.push(format!("{k}={r}"));
    }
    let name = qualified_name(vm, this);
    Ok(vm.new_string(format!("{name}({})", parts.join(", "))))
}

/// `(cls, (func,), (func, args, keywords, __dict__ or None))`, undone by `__setstate__`.
fn partial_reduce(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let Some(p) = native::<PartialCell>(this) else {
        return Err(vm.new_type_error("__reduce__ needs a functools.partial"));
    };
    let p = p.borrow().clone();
    let cls = Value::Obj(vm.type_of(this));
    let kw = vm.new_dict_obj();
    for (k, v) in p.kw {
        let key = vm.new_str(&k);
        vm.dict_set_item(&kw, key, v)?;
    }
    let dict = crate::methods::instance_state(vm, this)?;
    let args = vm.new_tuple(p.args);
    let state = vm.new_tuple(vec![p.func.clone(), args, Value::Obj(kw), dict]);
    let first = vm.new_tuple(vec![p.func]);
    Ok(vm.new_tuple(vec![cls, first, state]))
}

/// `partial.__setstate__((func, args, keywords, dict))`, with CPython's single message for
/// every malformed state.
fn partial_setstate(vm: &mut Vm, this: &Value, state: &Value) -> PyResult<Value> {
    let Some(p) = native::<PartialCell>(this) else {
        return Err(vm.new_type_error("__setstate__ needs a functools.partial"));
    };
    let invalid = || vm.new_type_error("invalid partial state");
    let Some(Payload::Tuple(t)) = state.payload() else {
        return Err(invalid());
    };
    let [func, args, kw, dict] = &**t else {
        return Err(invalid());
    };
    let args = match args.payload() {
        Some(Payload::Tuple(a)) => a.to_vec(),
        _ => return Err(invalid()),
    };
    let kw_ok = matches!(kw, Value::None) || matches!(kw.payload(), Some(Payload::Dict(_)));
    if !is_callable(vm, func) || !kw_ok {
        return Err(invalid());
    }
    let mut pairs = Vec::new();
    if !matches!(kw, Value::None) {
        let items = vm.call_method(kw, "items", &[])?;
        let it = vm.iter(&items)?;
        while let Some(pair) = vm.next(&it)? {
            if let Some(Payload::Tuple(kv)) = pair.payload() {
                if let [k, v] = &**kv {
                    let Some(name) = k.as_str() else {
                        return Err(vm.new_type_error("keywords must be strings"));
                    };
                    pairs.push((Rc::from(name), v.clone()));
                }
            }
        }
    }
    *p.borrow_mut() = Partial {
        func: func.clone(),
        args,
        kw: pairs,
    };
    if !matches!(dict, Value::None) {
        // CPython installs `dict` itself as the new `__dict__`; its entries replace ours.
        if let Some(own) = this.as_obj().and_then(|o| vm.instance_dict(o)) {
            let own = Value::Obj(own);
            vm.call_method(&own, "clear", &[])?;
            vm.call_method(&own, "update", std::slice::from_ref(dict))?;
        }
    }
    Ok(Value::None)
}

fn property(
    vm: &mut Vm,
    cls: &ObjRef,
    name: &str,
    f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static,
) {
    let fget = vm.new_native_function(name, f);
    crate::modules::add_getter(vm, cls, name, fget);
}

fn install_partial(vm: &mut Vm, m: &ObjRef) -> PyResult<ObjRef> {
    let cls = new_type(vm, "functools", "partial", &[])?;
    vm.set_constructor(&cls, |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        new_partial(vm, &c, a.pos.get(1..).unwrap_or(&[]), a.kw)
    });
    super::add_method(vm, &cls, "__call__", |vm, a| partial_call(vm, &a));
    super::add_method(vm, &cls, "__repr__", |vm, a| partial_repr(vm, &this(&a)));
    property(vm, &cls, "func", |vm, a| {
        native::<PartialCell>(&this(&a))
            .map(|p| p.borrow().func.clone())
            .ok_or_else(|| vm.new_type_error("not a partial"))
    });
    property(vm, &cls, "args", |vm, a| {
        let args = native::<PartialCell>(&this(&a))
            .map(|p| p.borrow().args.clone())
            .unwrap_or_default();
        Ok(vm.new_tuple(args))
    });
    property(vm, &cls, "keywords", |vm, a| {
        let kw = native::<PartialCell>(&this(&a))
            .map(|p| p.borrow().kw.clone())
            .unwrap_or_default();
        let d = vm.new_dict_obj();
        for (k, v) in kw {
            let key = vm.new_str(&k);
            vm.dict_set_item(&d, key, v)?;
        }
        Ok(Value::Obj(d))
    });
    super::add_method(vm, &cls, "__reduce__", |vm, a| {
        partial_reduce(vm, &this(&a))
    });
    super::add_method(vm, &cls, "__setstate__", |vm, a| {
        let state = a.pos.get(1).cloned().unwrap_or(Value::None);
        partial_setstate(vm, &this(&a), &state)
    });
    vm.set_module_attr(m, "partial", Value::Obj(cls.clone()));
    Ok(cls)
}

// ----- cmp_to_key -----------------------------------------------------------------------------

fn key_cmp(vm: &mut Vm, a: &Args<'_>, op: CompareOp) -> PyResult<Value> {
    let x = this(a);
    let y = a.pos.get(1).cloned().unwrap_or_default();
    let (Some(kx), Some(ky)) = (native::<KeyWrapper>(&x), native::<KeyWrapper>(&y)) else {
        return Err(vm.new_type_error("other argument must be K instance"));
    };
    let (f, ox, oy) = (kx.cmp.clone(), kx.obj.clone(), ky.obj.clone());
    let (Some(ox), Some(oy)) = (ox, oy) else {
        return Err(vm.new_attribute_error("object"));
    };
    let r = vm.call(&f, &[ox, oy])?;
    vm.compare(&r, &Value::Int(0), op)
}

fn install_cmp_to_key(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let cls = new_type(vm, "functools", "KeyWrapper", &[])?;
    super::add_method(vm, &cls, "__call__", |vm, a| {
        let x = this(&a);
        let p = bind(vm, &rest(&a), "K", &["obj"], 0, 1, 0)?;
        let cmp = native::<KeyWrapper>(&x)
            .map(|k| k.cmp.clone())
            .unwrap_or_default();
        let cls = vm.type_of(&x);
        let k = KeyWrapper {
            cmp,
            obj: p[0].clone(),
        };
        Ok(alloc_native(vm, &cls, &cls, k))
    });
    for (name, op) in [
        ("__lt__", CompareOp::Lt),
        ("__le__", CompareOp::Le),
        ("__eq__", CompareOp::Eq),
        ("__ne__", CompareOp::Ne),
        ("__gt__", CompareOp::Gt),
        ("__ge__", CompareOp::Ge),
    ] {
        super::add_method(vm, &cls, name, move |vm, a| key_cmp(vm, &a, op));
    }
    vm.type_set_attr(&cls, "__hash__", Value::None);
    property(vm, &cls, "obj", |vm, a| {
        native::<KeyWrapper>(&this(&a))
            .and_then(|k| k.obj.clone())
            .ok_or_else(|| vm.new_attribute_error("obj"))
    });
    vm.set_module_attr(m, "KeyWrapper", Value::Obj(cls.clone()));
    add_fn(vm, m, "cmp_to_key", move |vm, a| {
        let p = bind(vm, &a, "cmp_to_key", &["mycmp"], 0, 1, 0)?;
        let k = KeyWrapper {
            cmp: p[0].clone().unwrap_or_default(),
            obj: None,
        };
        Ok(alloc_native(vm, &cls, &cls, k))
    });
    Ok(())
}

// ----- update_wrapper / wraps -----------------------------------------------------------------

fn update_wrapper(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let p = bind(
        vm,
        a,
        "update_wrapper",
        &["wrapper", "wrapped", "assigned", "updated"],
        0,
        2,
        0,
    )?;
    let wrapper = p[0].clone().unwrap_or_default();
    let wrapped = p[1].clone().unwrap_or_default();
    let assigned: Vec<Value> = match &p[2] {
        Some(v) => vm.to_vec(v)?,
        None => ASSIGNED.iter().map(|s| vm.new_str(s)).collect(),
    };
    let updated: Vec<Value> = match &p[3] {
        Some(v) => vm.to_vec(v)?,
        None => vec![vm.new_str("__dict__")],
    };
    for attr in assigned {
        match vm.getattr(&wrapped, &attr) {
            Ok(v) => vm.setattr(&wrapper, &attr, v)?,
            Err(e) if vm.err_matches(&e, &vm.types().exc.attribute_error.clone()) => {}
            Err(e) => return Err(e),
        }
    }
    for attr in updated {
        let target = vm.getattr(&wrapper, &attr)?;
        let src = match vm.getattr(&wrapped, &attr) {
            Ok(v) => v,
            Err(e) if vm.err_matches(&e, &vm.types().exc.attribute_error.clone()) => vm.new_dict(),
            Err(e) => return Err(e),
        };
        vm.call_method(&target, "update", &[src])?;
    }
    let name = vm.new_str("__wrapped__");
    vm.setattr(&wrapper, &name, wrapped)?;
    Ok(wrapper)
}

fn wraps(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let p = bind(vm, a, "wraps", &["wrapped", "assigned", "updated"], 0, 1, 0)?;
    let m = vm.import_module("_functools")?;
    let uw = vm.getattr_str(&m, "update_wrapper")?;
    let cls = module_class(vm, "partial")?;
    let mut kw: Vec<(Rc<str>, Value)> =
        vec![(Rc::from("wrapped"), p[0].clone().unwrap_or_default())];
    let assigned = match &p[1] {
        Some(v) => v.clone(),
        None => vm.getattr_str(&m, "WRAPPER_ASSIGNMENTS")?,
    };
    let updated = match &p[2] {
        Some(v) => v.clone(),
        None => vm.getattr_str(&m, "WRAPPER_UPDATES")?,
    };
    kw.push((Rc::from("assigned"), assigned));
    kw.push((Rc::from("updated"), updated));
    new_partial(vm, &cls, &[uw], &kw)
}

// ----- lru_cache ------------------------------------------------------------------------------

fn make_key(vm: &mut Vm, c: &LruCache, args: &[Value], kw: &[(Rc<str>, Value)]) -> Value {
    if kw.is_empty() && !c.typed && args.len() == 1 {
        let a0 = &args[0];
        let exact = matches!(a0, Value::Int(_))
            || matches!(
                a0.payload(),
                Some(Payload::BigInt(_)) | Some(Payload::Str(_))
            ) && {
                let t = vm.type_of(a0);
                ObjRef::ptr_eq(&t, &vm.types().int) || ObjRef::ptr_eq(&t, &vm.types().str)
            };
        if exact {
            return a0.clone();
        }
    }
    let mut key: Vec<Value> = args.to_vec();
    if !kw.is_empty() {
        key.push(c.kwd_mark.clone());
        for (k, v) in kw {
            key.push(vm.new_str(k));
            key.push(v.clone());
        }
    }
    if c.typed {
        for v in args {
            key.push(Value::Obj(vm.type_of(v)));
        }
        for (_, v) in kw {
            key.push(Value::Obj(vm.type_of(v)));
        }
    }
    vm.new_tuple(key)
}

fn lru_call(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let this = this(a);
    let Some(c) = native::<LruCache>(&this) else {
        return Err(vm.new_type_error("not an lru_cache wrapper"));
    };
    let args = a.pos.get(1..).unwrap_or(&[]);
    let f = c.func.clone();
    if c.maxsize == Some(0) {
        c.misses.set(c.misses.get() + 1);
        return vm.call_kw(&f, args, a.kw);
    }
    let key = make_key(vm, c, args, a.kw);
    let cache = c.cache.clone();
    if let Some(v) = vm.dict_get_item(&cache, &key)? {
        c.hits.set(c.hits.get() + 1);
        if c.maxsize.is_some() {
            // Most recently used goes last.
            vm.dict_pop_item(&Value::Obj(cache.clone()), &key)?;
            vm.dict_set_item(&cache, key, v.clone())?;
        }
        return Ok(v);
    }
    c.misses.set(c.misses.get() + 1);
    let r = vm.call_kw(&f, args, a.kw)?;
    let Some(c) = native::<LruCache>(&this) else {
        return Ok(r);
    };
    if vm.dict_get_item(&cache, &key)?.is_none() {
        vm.dict_set_item(&cache, key, r.clone())?;
        if let Some(max) = c.maxsize {
            let items = vm.dict_items(&Value::Obj(cache.clone()));
            if items.len() > max {
                if let Some((k, _)) = items.first() {
                    vm.dict_pop_item(&Value::Obj(cache.clone()), k)?;
                }
            }
        }
    }
    Ok(r)
}

fn make_lru(vm: &mut Vm, func: &Value, maxsize: Option<usize>, typed: bool) -> PyResult<Value> {
    let cls = module_class(vm, "_lru_cache_wrapper")?;
    let m = vm.import_module("_functools")?;
    let info_cls = vm.getattr_str(&m, "_CacheInfo")?;
    let kwd_mark = vm.getattr_str(&m, "_kwd_mark")?;
    let c = LruCache {
        func: func.clone(),
        maxsize,
        typed,
        cache: vm.new_dict_obj(),
        hits: Cell::new(0),
        misses: Cell::new(0),
        kwd_mark,
        info_cls,
    };
    let w = Value::Obj(vm.alloc_with_dict(&cls, Payload::Native(Box::new(c))));
    update_wrapper(vm, &Args::new(&[w.clone(), func.clone()]))?;
    Ok(w)
}

fn lru_cache(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let p = bind(vm, a, "lru_cache", &["maxsize", "typed"], 0, 0, 0)?;
    let typed = crate::args::flag(vm, p[1].as_ref(), false)?;
    let first = p[0].clone().unwrap_or(Value::Int(128));
    if vm.is_int(&first) {
        let n = vm.to_index(&first)?.max(0);
        let max = Some(usize::try_from(n).unwrap_or(usize::MAX));
        return Ok(decorator(vm, max, typed));
    }
    if first.is_none() {
        return Ok(decorator(vm, None, typed));
    }
    if is_callable(vm, &first) {
        return make_lru(vm, &first, Some(128), typed);
    }
    Err(vm.new_type_error("Expected first argument to be an integer, a callable, or None"))
}

fn decorator(vm: &Vm, maxsize: Option<usize>, typed: bool) -> Value {
    super::native_fn(vm, "functools", "decorating_function", move |vm, a| {
        let f = super::one(vm, &a, "decorating_function")?;
        make_lru(vm, &f, maxsize, typed)
    })
}

fn install_lru(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let cls = new_type(vm, "functools", "_lru_cache_wrapper", &[])?;
    // `_lru_cache_wrapper(user_function, maxsize, typed, cache_info_type)`, as `functools.py`
    // calls it.
    vm.set_constructor(&cls, |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        let p = super::bind_new(
            vm,
            &rest(&a),
            "_lru_cache_wrapper",
            &["user_function", "maxsize", "typed", "cache_info_type"],
            4,
            0,
        )?;
        let func = p[0].clone().unwrap_or_default();
        if !is_callable(vm, &func) {
            return Err(vm.new_type_error("the first argument must be callable"));
        }
        let maxsize = match p[1].as_ref().filter(|v| !v.is_none()) {
            None => None,
            Some(v) => {
                if !vm.is_int(v) {
                    return Err(vm.new_type_error("maxsize should be integer or None"));
                }
                Some(usize::try_from(vm.to_index(v)?.max(0)).unwrap_or(usize::MAX))
            }
        };
        let typed = crate::args::flag(vm, p[2].as_ref(), false)?;
        let info_cls = p[3].clone().unwrap_or_default();
        let m = vm.import_module("_functools")?;
        let kwd_mark = vm.getattr_str(&m, "_kwd_mark")?;
        let st = LruCache {
            func,
            maxsize,
            typed,
            cache: vm.new_dict_obj(),
            hits: Cell::new(0),
            misses: Cell::new(0),
            kwd_mark,
            info_cls,
        };
        Ok(Value::Obj(
            vm.alloc_with_dict(&c, Payload::Native(Box::new(st))),
        ))
    });
    super::add_method(vm, &cls, "__call__", |vm, a| lru_call(vm, &a));
    super::add_method(vm, &cls, "__get__", |vm, a| {
        let w = this(&a);
        let obj = a.pos.get(1).cloned().unwrap_or(Value::None);
        if obj.is_none() {
            return Ok(w);
        }
        Ok(vm.new_bound_method(w, obj))
    });
    super::add_method(vm, &cls, "cache_info", |vm, a| {
        let w = this(&a);
        let Some(c) = native::<LruCache>(&w) else {
            return Err(vm.new_type_error("not an lru_cache wrapper"));
        };
        let size = vm.dict_items(&Value::Obj(c.cache.clone())).len();
        let max = c.maxsize.map_or(Value::None, |m| {
            Value::Int(i64::try_from(m).unwrap_or(i64::MAX))
        });
        let args = [
            Value::Int(c.hits.get()),
            Value::Int(c.misses.get()),
            max,
            Value::Int(i64::try_from(size).unwrap_or(i64::MAX)),
        ];
        let info = c.info_cls.clone();
        vm.call(&info, &args)
    });
    super::add_method(vm, &cls, "cache_clear", |vm, a| {
        let w = this(&a);
        if let Some(c) = native::<LruCache>(&w) {
            c.hits.set(0);
            c.misses.set(0);
            if let Payload::Dict(t) = &c.cache.payload {
                t.borrow_mut().clear();
            }
        }
        let _ = vm;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "cache_parameters", |vm, a| {
        let w = this(&a);
        let Some(c) = native::<LruCache>(&w) else {
            return Err(vm.new_type_error("not an lru_cache wrapper"));
        };
        let (max, typed) = (c.maxsize, c.typed);
        let d = vm.new_dict_obj();
        let k = vm.new_str("maxsize");
        let mv = max.map_or(Value::None, |m| {
            Value::Int(i64::try_from(m).unwrap_or(i64::MAX))
        });
        vm.dict_set_item(&d, k, mv)?;
        let k = vm.new_str("typed");
        vm.dict_set_item(&d, k, Value::bool(typed))?;
        Ok(Value::Obj(d))
    });
    vm.set_module_attr(m, "_lru_cache_wrapper", Value::Obj(cls));
    let fields = ["hits", "misses", "maxsize", "currsize"]
        .iter()
        .map(|s| Rc::from(*s))
        .collect();
    let info = super::namedtuple::make_class(vm, "CacheInfo", fields, Vec::new(), "functools")?;
    vm.set_module_attr(m, "_CacheInfo", Value::Obj(info));
    let mark = Value::Obj(vm.alloc(&vm.types().object.clone(), Payload::instance()));
    vm.set_module_attr(m, "_kwd_mark", mark);
    add_fn(vm, m, "lru_cache", |vm, a| lru_cache(vm, &a));
    add_fn(vm, m, "cache", |vm, a| {
        let f = super::one(vm, &a, "cache")?;
        make_lru(vm, &f, None, false)
    });
    Ok(())
}

// ----- total_ordering -------------------------------------------------------------------------

/// How a derived comparison is computed from the root one.
#[derive(Clone, Copy)]
enum Derive {
    /// `not r and self != other`
    NotAndNe,
    /// `r or self == other`
    OrEq,
    /// `not r`
    Not,
    /// `not r or self == other`
    NotOrEq,
    /// `r and self != other`
    AndNe,
}

fn derived(vm: &mut Vm, root: &'static str, how: Derive, a: &Args<'_>) -> PyResult<Value> {
    let x = this(a);
    let y = a.pos.get(1).cloned().unwrap_or_default();
    let cls = vm.type_of(&x);
    let f = vm
        .lookup_type_attr(&cls, root)
        .ok_or_else(|| vm.new_type_error("total_ordering root missing"))?;
    let r = vm.call(&f, &[x.clone(), y.clone()])?;
    if vm.is_not_implemented(&r) {
        return Ok(r);
    }
    let t = vm.is_true(&r)?;
    Ok(match how {
        Derive::Not => Value::bool(!t),
        Derive::NotAndNe => {
            if t {
                Value::Bool(B64::FALSE)
            } else {
                vm.compare(&x, &y, CompareOp::Ne)?
            }
        }
        Derive::OrEq => {
            if t {
                r
            } else {
                vm.compare(&x, &y, CompareOp::Eq)?
            }
        }
        Derive::NotOrEq => {
            if !t {
                Value::Bool(B64::TRUE)
            } else {
                vm.compare(&x, &y, CompareOp::Eq)?
            }
        }
        Derive::AndNe => {
            if !t {
                r
            } else {
                vm.compare(&x, &y, CompareOp::Ne)?
            }
        }
    })
}

fn total_ordering(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let cv = super::one(vm, a, "total_ordering")?;
    let Some(cls) = vm.as_class(&cv) else {
        return Err(vm.new_attribute_error(&format!(
            "'{}' object has no attribute '__lt__'",
            vm.type_name(&cv)
        )));
    };
    let object = vm.types().object.clone();
    let mut roots = Vec::new();
    for op in ["__lt__", "__le__", "__gt__", "__ge__"] {
        let mine = vm.lookup_type_attr(&cls, op);
        let base = vm.lookup_type_attr(&object, op);
        let same = match (&mine, &base) {
            (Some(x), Some(y)) => x.is(y),
            (None, None) => true,
            _ => false,
        };
        if !same {
            roots.push(op);
        }
    }
    let Some(root) = roots.first().copied() else {
        return Err(vm.new_value_error("must define at least one ordering operation: < > <= >="));
    };
    let table: [(&str, Derive); 3] = match root {
        "__lt__" => [
            ("__gt__", Derive::NotAndNe),
            ("__le__", Derive::OrEq),
            ("__ge__", Derive::Not),
        ],
        "__le__" => [
            ("__ge__", Derive::NotOrEq),
            ("__lt__", Derive::AndNe),
            ("__gt__", Derive::Not),
        ],
        "__gt__" => [
            ("__lt__", Derive::NotAndNe),
            ("__ge__", Derive::OrEq),
            ("__le__", Derive::Not),
        ],
        _ => [
            ("__le__", Derive::NotOrEq),
            ("__gt__", Derive::AndNe),
            ("__lt__", Derive::Not),
        ],
    };
    let root: &'static str = match root {
        "__lt__" => "__lt__",
        "__le__" => "__le__",
        "__gt__" => "__gt__",
        _ => "__ge__",
    };
    for (name, how) in table {
        if !roots.contains(&name) {
            super::add_method(vm, &cls, name, move |vm, a| derived(vm, root, how, &a));
        }
    }
    Ok(cv)
}

// ----- cached_property ------------------------------------------------------------------------

fn install_cached_property(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let cls = new_type(vm, "functools", "cached_property", &[])?;
    vm.set_constructor(&cls, |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        let f = super::one(vm, &rest(&a), "cached_property")?;
        let cp = CachedProperty {
            func: f,
            name: RefCell::new(None),
        };
        let obj = Value::Obj(vm.alloc_with_dict(&c, Payload::Native(Box::new(cp))));
        if let Ok(doc) = vm.getattr_str(&a.pos[1], "__doc__") {
            if let Some(o) = obj.as_obj() {
                vm.dict_set_str(o.dict_obj().as_ref(), "__doc__", doc);
            }
        }
        Ok(obj)
    });
    super::add_method(vm, &cls, "__set_name__", |vm, a| {
        let x = this(&a);
        let name = a.pos.get(2).and_then(Value::as_rc_str);
        if let (Some(cp), Some(n)) = (native::<CachedProperty>(&x), name) {
            let old = cp.name.borrow().clone();
            match old {
                None => *cp.name.borrow_mut() = Some(n),
                Some(o) if o != n => {
                    return Err(vm.new_type_error(&format!(
                        "Cannot assign the same cached_property to two different names ('{o}' and '{n}')."
                    )))
                }
                _ => {}
            }
        }
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "__get__", |vm, a| {
        let x = this(&a);
        let inst = a.pos.get(1).cloned().unwrap_or(Value::None);
        if inst.is_none() {
            return Ok(x);
        }
        let Some(cp) = native::<CachedProperty>(&x) else {
            return Ok(x);
        };
        let Some(name) = cp.name.borrow().clone() else {
            return Err(vm.new_type_error(
                "Cannot use cached_property instance without calling __set_name__ on it.",
            ));
        };
        let Some(d) = inst.as_obj().and_then(|o| vm.instance_dict(o)) else {
            return Err(vm.new_type_error(&format!(
                "No '__dict__' attribute on '{}' instance to cache '{name}' property.",
                vm.type_name(&inst)
            )));
        };
        if let Some(v) = vm.dict_get_str(&d, &name) {
            return Ok(v);
        }
        let f = cp.func.clone();
        let v = vm.call(&f, &[inst])?;
        vm.dict_set_str(Some(&d), &name, v.clone());
        Ok(v)
    });
    property(vm, &cls, "func", |vm, a| {
        native::<CachedProperty>(&this(&a))
            .map(|c| c.func.clone())
            .ok_or_else(|| vm.new_attribute_error("func"))
    });
    property(vm, &cls, "attrname", |vm, a| {
        Ok(native::<CachedProperty>(&this(&a))
            .and_then(|c| c.name.borrow().clone())
            .map_or(Value::None, |n| vm.new_str_rc(n)))
    });
    vm.set_module_attr(m, "cached_property", Value::Obj(cls));
    Ok(())
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let m = &m;
    // The cycle collector sees what a partial holds (a cycle through one is broken by
    // clearing the other objects in it).
    vm.register_native_gc::<PartialCell>(
        |p, f| {
            let Ok(p) = p.try_borrow() else {
                return false;
            };
            f(&p.func);
            for v in &p.args {
                f(v);
            }
            p.kw.iter().for_each(|(_, v)| f(v));
            true
        },
        None,
    );
    add_fn(vm, m, "reduce", |vm, a| reduce(vm, &a));
    install_partial(vm, m)?;
    install_cmp_to_key(vm, m)?;
    add_fn(vm, m, "update_wrapper", |vm, a| update_wrapper(vm, &a));
    add_fn(vm, m, "wraps", |vm, a| wraps(vm, &a));
    let assigned: Vec<Value> = ASSIGNED.iter().map(|s| vm.new_str(s)).collect();
    let assigned = vm.new_tuple(assigned);
    vm.set_module_attr(m, "WRAPPER_ASSIGNMENTS", assigned);
    let updated = vm.new_str("__dict__");
    let updated = vm.new_tuple(vec![updated]);
    vm.set_module_attr(m, "WRAPPER_UPDATES", updated);
    install_lru(vm, m)?;
    add_fn(vm, m, "total_ordering", |vm, a| total_ordering(vm, &a));
    install_cached_property(vm, m)?;
    Ok(m.clone())
}
