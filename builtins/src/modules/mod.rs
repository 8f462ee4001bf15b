//! Native modules: the parts of the standard library CPython implements in C (`math`,
//! `itertools`, `_functools`, `_collections`, `_operator`, `_heapq`, `_bisect`, `_random`,
//! `_struct`, `_io`, `time`, `errno`, `gc`, …), registered as lazily built modules.
//!
//! Where CPython's public module is Python over a C module (`functools` over `_functools`,
//! `heapq` over `_heapq`, …) the public name is a *fallback* native module
//! (`Vm::mark_fallback_module`): the import system prefers the standard library's Python
//! module when `sys.path` has one and uses the native stand-in otherwise.

mod ast;
mod atexit;
mod binascii;
mod bisect;
mod codecs_native;
mod collections;
mod collections_dict;
mod contextvars;
mod csv;
mod digest_blake2;
mod digest_md;
mod digest_sha3;
#[cfg(test)]
mod digest_tests;
pub(crate) mod functools;
mod hash_blake2;
mod hash_native;
mod heapq;
pub(crate) mod io;
mod itertools;
mod itertools_comb;
mod math;
mod math_special;
mod misc;
mod misc_ref;
mod namedtuple;
mod operator;
mod posix;
mod posix_scandir;
mod random;
mod random_base;
mod random_mt;
mod signal;
mod sre;
mod struct_;
mod time_fmt;
mod typing_native;
mod warnings;
mod warnings_py;

use pyvm_vm::object::{NativeFunctionData, NativeKind};
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm};
use std::rc::Rc;

/// Register every native module factory on `vm`.
pub(crate) fn install(vm: &mut Vm) {
    ast::install(vm);
    atexit::install(vm);
    binascii::install(vm);
    math::install(vm);
    itertools::install(vm);
    functools::install(vm);
    collections::install(vm);
    operator::install(vm);
    heapq::install(vm);
    bisect::install(vm);
    random::install(vm);
    random_base::install(vm);
    hash_native::install(vm);
    csv::install(vm);
    signal::install(vm);
    posix::install(vm);
    typing_native::install(vm);
    contextvars::install(vm);
    codecs_native::install(vm);
    struct_::install(vm);
    io::install(vm);
    misc::install(vm);
    sre::install(vm);
    warnings::install(vm);
}

/// Registers `build` under `names[0]`; every other name is an alias module that shares the
/// first one's contents (`operator` re-exporting `_operator`, …), so classes stay identical.
pub(crate) fn register(vm: &mut Vm, names: &[&str], build: fn(&mut Vm, &str) -> PyResult<ObjRef>) {
    let Some((&first, aliases)) = names.split_first() else {
        return;
    };
    let real: Rc<str> = Rc::from(first);
    let r = real.clone();
    vm.register_module_factory(first, move |vm| build(vm, &r));
    for &alias in aliases {
        let real = real.clone();
        let name: Rc<str> = Rc::from(alias);
        vm.register_module_factory(alias, move |vm| {
            let src = vm.import_module(&real)?;
            let m = vm.new_module(&name);
            if let Some(d) = src.as_obj().and_then(|o| vm.instance_dict(o)) {
                for (k, v) in vm.dict_items(&Value::Obj(d)) {
                    if let Some(ks) = k.as_str() {
                        if ks != "__name__" {
                            vm.set_module_attr(&m, ks, v);
                        }
                    }
                }
            }
            Ok(m)
        });
    }
}

/// A builtin function whose repr and `__module__` name `module`.
pub(crate) fn native_fn(
    vm: &Vm,
    module: &str,
    name: &str,
    f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static,
) -> Value {
    Value::Obj(vm.alloc(
        &vm.types().builtin_function,
        Payload::NativeFunction(Box::new(NativeFunctionData {
            name: Rc::from(name),
            func: Rc::new(f),
            kind: NativeKind::Function,
            owner: None,
            bound: None,
            module: Some(Rc::from(module)),
            needs_frame: false,
        })),
    ))
}

/// Adds a builtin function to module `m`.
pub(crate) fn add_fn(
    vm: &mut Vm,
    m: &ObjRef,
    name: &str,
    f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static,
) {
    let module = module_name(m);
    let v = native_fn(vm, &module, name, f);
    vm.set_module_attr(m, name, v);
}

/// Adds a native method to class `cls`; calling it unbound without `self` raises CPython's
/// `TypeError` instead of reaching the method body.
pub(crate) fn add_method(
    vm: &mut Vm,
    cls: &ObjRef,
    name: &str,
    f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static,
) {
    let tname = cls
        .as_type()
        .map_or_else(|| Rc::from("?"), |t| t.name.borrow().clone());
    let mname: Rc<str> = Rc::from(name);
    vm.add_method(cls, name, move |vm, a| {
        if a.pos.is_empty() {
            return Err(vm.new_type_error(&format!(
                "unbound method {tname}.{mname}() needs an argument"
            )));
        }
        f(vm, a)
    });
}

/// Adds a native class method to class `cls` (the class is `args.pos[0]`, checked).
pub(crate) fn add_classmethod(
    vm: &mut Vm,
    cls: &ObjRef,
    name: &str,
    f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static,
) {
    let mname: Rc<str> = Rc::from(name);
    vm.add_classmethod(cls, name, move |vm, a| {
        if a.pos.is_empty() {
            return Err(vm.new_type_error(&format!("{mname}() needs a class argument")));
        }
        f(vm, a)
    });
}

/// The `__name__` of a module object.
pub(crate) fn module_name(m: &ObjRef) -> Rc<str> {
    match &m.payload {
        Payload::Module(md) => md.name.clone(),
        _ => Rc::from("?"),
    }
}

/// A new class `module.name` with the given bases (`object` when empty). Its instances are made
/// by the constructor the caller installs with `Vm::set_constructor`; its native methods (added
/// with `Vm::add_method`) act as the type's slots.
pub(crate) fn new_type(
    vm: &mut Vm,
    module: &str,
    name: &str,
    bases: &[ObjRef],
) -> PyResult<ObjRef> {
    let meta = vm.types().type_.clone();
    let n = vm.new_str(name);
    let b = vm.new_tuple(bases.iter().map(|c| Value::Obj(c.clone())).collect());
    let ns = vm.new_dict();
    if let Some(d) = ns.as_obj() {
        let mv = vm.new_str(module);
        vm.dict_set_str(Some(d), "__module__", mv);
    }
    let cls = vm.new_class(&meta, &n, &b, &ns, &[])?;
    cls.as_obj()
        .cloned()
        .ok_or_else(|| vm.new_system_error("could not create a native type"))
}

/// The native state of type `T` inside an object made by this crate.
pub(crate) fn native<T: 'static>(v: &Value) -> Option<&T> {
    match v.payload() {
        Some(Payload::Native(b)) => b.downcast_ref::<T>(),
        _ => None,
    }
}

/// `self` of a native method as `T`, or the descriptor error CPython gives.
pub(crate) fn this<'a, T: 'static>(
    vm: &Vm,
    a: &Args<'a>,
    tname: &str,
    meth: &str,
) -> PyResult<&'a T> {
    match a.pos.first().and_then(|v| native::<T>(v)) {
        Some(t) => Ok(t),
        None => {
            let got = a
                .pos
                .first()
                .map_or_else(|| Rc::from("NoneType"), |v| vm.type_name(v));
            Err(vm.new_type_error(&format!(
                "descriptor '{meth}' for '{tname}' objects doesn't apply to a '{got}' object"
            )))
        }
    }
}

/// Allocates an instance of `cls` holding native state `st` (with an attribute dict when `cls`
/// is a user subclass, so subclass instances can carry attributes).
pub(crate) fn alloc_native<T: 'static>(vm: &Vm, cls: &ObjRef, base: &ObjRef, st: T) -> Value {
    let payload = Payload::Native(Box::new(st));
    if ObjRef::ptr_eq(cls, base) {
        Value::Obj(vm.alloc(cls, payload))
    } else {
        Value::Obj(vm.alloc_with_dict(cls, payload))
    }
}

/// The class passed as the first argument of a constructor.
pub(crate) fn ctor_cls(vm: &Vm, a: &Args<'_>) -> PyResult<ObjRef> {
    a.pos
        .first()
        .and_then(|v| vm.as_class(v))
        .ok_or_else(|| vm.new_type_error("constructor needs a class"))
}

/// Rejects keyword arguments: `name() takes no keyword arguments`.
pub(crate) fn no_kw(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<()> {
    crate::args::no_kw(vm, a, name)
}

/// Exactly `n` positional arguments, with the `_PyArg_CheckPositional` message
/// (`fmod expected 2 arguments, got 1`).
pub(crate) fn exact<'a>(vm: &Vm, a: &Args<'a>, name: &str, n: usize) -> PyResult<&'a [Value]> {
    no_kw(vm, a, name)?;
    if a.pos.len() != n {
        let s = if n == 1 { "" } else { "s" };
        return Err(vm.new_type_error(&format!(
            "{name} expected {n} argument{s}, got {}",
            a.pos.len()
        )));
    }
    Ok(a.pos)
}

/// Between `min` and `max` positional arguments (`log expected at least 1 argument, got 0`).
pub(crate) fn between<'a>(
    vm: &Vm,
    a: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    no_kw(vm, a, name)?;
    crate::args::range(vm, a, name, min, max)?;
    Ok(a.pos)
}

/// A METH_O function: `math.sqrt() takes exactly one argument (0 given)`.
pub(crate) fn one(vm: &Vm, a: &Args<'_>, qualname: &str) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.new_type_error(&format!("{qualname}() takes no keyword arguments")));
    }
    match a.pos {
        [v] => Ok(v.clone()),
        _ => Err(vm.new_type_error(&format!(
            "{qualname}() takes exactly one argument ({} given)",
            a.pos.len()
        ))),
    }
}

/// [`one`] for a function named `{module}.{name}`: the qualified name is only built for an
/// error message (the call itself allocates nothing).
#[inline]
pub(crate) fn one_in(vm: &Vm, a: &Args<'_>, module: &str, name: &str) -> PyResult<Value> {
    match a.pos {
        [v] if a.kw.is_empty() => Ok(v.clone()),
        _ => one(vm, a, &format!("{module}.{name}")),
    }
}

/// A function with no arguments: `time() takes no arguments (1 given)`.
pub(crate) fn none(vm: &Vm, a: &Args<'_>, qualname: &str) -> PyResult<()> {
    if !a.kw.is_empty() {
        return Err(vm.new_type_error(&format!("{qualname}() takes no keyword arguments")));
    }
    if !a.pos.is_empty() {
        return Err(vm.new_type_error(&format!(
            "{qualname}() takes no arguments ({} given)",
            a.pos.len()
        )));
    }
    Ok(())
}

/// Argument binding for a native function with CPython's clinic messages. Returns one slot
/// per parameter (`None` when absent). The first `npos_only` parameters are positional-only,
/// the first `required` are required, the last `nkw_only` are keyword-only.
pub(crate) fn bind(
    vm: &Vm,
    a: &Args<'_>,
    fname: &str,
    params: &[&str],
    npos_only: usize,
    required: usize,
    nkw_only: usize,
) -> PyResult<Vec<Option<Value>>> {
    let npos_max = params.len() - nkw_only;
    let plural = pyvm_vm::kernels::errors::plural;
    if a.pos.len() > npos_max && npos_max == 0 {
        return Err(vm.new_type_error(&format!("{fname}() takes no positional arguments")));
    }
    if a.pos.len() > npos_max {
        let what = if required == npos_max {
            format!("exactly {npos_max}")
        } else if required == 0 {
            format!("at most {npos_max}")
        } else {
            format!("from {required} to {npos_max}")
        };
        return Err(vm.new_type_error(&format!(
            "{fname}() takes {what} positional argument{} ({} given)",
            plural(npos_max),
            a.pos.len()
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; params.len()];
    for (i, v) in a.pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    let mut posonly_kw: Vec<&str> = Vec::new();
    for (k, v) in a.kw {
        match params.iter().position(|p| **p == **k) {
            Some(i) if i < npos_only => posonly_kw.push(k),
            Some(i) => {
                if out[i].is_some() {
                    return Err(vm.new_type_error(&format!(
                        "argument for {fname}() given by name ('{k}') and position ({})",
                        i + 1
                    )));
                }
                out[i] = Some(v.clone());
            }
            None => {
                return Err(vm.new_type_error(&format!(
                    "{fname}() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    if !posonly_kw.is_empty() && a.pos.len() < npos_only.min(required) {
        let names: Vec<String> = posonly_kw.iter().map(|k| format!("'{k}'")).collect();
        return Err(vm.new_type_error(&format!(
            "{fname}() got some positional-only arguments passed as keyword arguments: {}",
            names.join(", ")
        )));
    }
    let npos_req = npos_only.min(required);
    if a.pos.len() < npos_req {
        let what = if npos_req == npos_max {
            "exactly"
        } else {
            "at least"
        };
        return Err(vm.new_type_error(&format!(
            "{fname}() takes {what} {npos_req} positional argument{} ({} given)",
            plural(npos_req),
            a.pos.len()
        )));
    }
    for (i, p) in params.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(vm.new_type_error(&format!(
                "{fname}() missing required argument '{p}' (pos {})",
                i + 1
            )));
        }
    }
    Ok(out)
}

/// Argument binding for a class constructor written with argument clinic (`__new__`), whose
/// messages differ from plain functions: `count() takes at most 2 arguments (3 given)`,
/// `'x' is an invalid keyword argument for count()`.
pub(crate) fn bind_new(
    vm: &Vm,
    a: &Args<'_>,
    fname: &str,
    params: &[&str],
    required: usize,
    nkw_only: usize,
) -> PyResult<Vec<Option<Value>>> {
    let npos_max = params.len() - nkw_only;
    if a.pos.len() > npos_max {
        let what = if nkw_only > 0 {
            "positional argument"
        } else {
            "argument"
        };
        let s = if npos_max == 1 { "" } else { "s" };
        return Err(vm.new_type_error(&format!(
            "{fname}() takes at most {npos_max} {what}{s} ({} given)",
            a.pos.len()
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; params.len()];
    for (i, v) in a.pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in a.kw {
        match params.iter().position(|p| **p == **k) {
            Some(i) => {
                if out[i].is_some() {
                    return Err(vm.new_type_error(&format!(
                        "argument for {fname}() given by name ('{k}') and position ({})",
                        i + 1
                    )));
                }
                out[i] = Some(v.clone());
            }
            None => {
                return Err(vm.new_type_error(&format!(
                    "'{k}' is an invalid keyword argument for {fname}()"
                )))
            }
        }
    }
    for (i, p) in params.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(vm.new_type_error(&format!(
                "{fname}() missing required argument '{p}' (pos {})",
                i + 1
            )));
        }
    }
    Ok(out)
}

/// Installs a read-only property `name` on `cls` whose getter is `fget` (a native function).
pub(crate) fn add_getter(vm: &mut Vm, cls: &ObjRef, name: &str, fget: Value) {
    let prop = vm.alloc(
        &vm.types().property.clone(),
        Payload::Property(Box::new(pyvm_vm::object::PropertyData {
            fget,
            fset: Value::None,
            fdel: Value::None,
            doc: Value::None,
        })),
    );
    vm.type_set_attr(cls, name, Value::Obj(prop));
}
