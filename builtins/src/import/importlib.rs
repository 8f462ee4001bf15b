//! `builtins.__import__` and a minimal native `importlib` (`import_module`,
//! `invalidate_caches`; `importlib.util` is in `util.rs`).

use crate::modules::add_fn;
use pyvm_vm::{Args, PyResult, Value, Vm};
use std::rc::Weak;

fn importer(vm: &Vm) -> PyResult<std::rc::Rc<dyn pyvm_vm::import::Importer>> {
    vm.importer()
        .ok_or_else(|| vm.new_system_error("no import system installed"))
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
fn dunder_import(vm: &mut Vm, a: Args<'_>, imp: &super::PathImporter) -> PyResult<Value> {
    let p = crate::modules::bind(
        vm,
        &a,
        "__import__",
        &["name", "globals", "locals", "fromlist", "level"],
        0,
        1,
        0,
    )?;
    let name = p[0].clone().unwrap_or_default();
    let globals = match p[1].clone() {
        Some(g) if !g.is_none() => match g.as_obj() {
            Some(o) if matches!(o.payload, pyvm_vm::Payload::Dict(_)) => Some(o.clone()),
            _ => return Err(vm.new_type_error("globals must be a dict")),
        },
        _ => None,
    };
    let fromlist = p[3].clone().unwrap_or(Value::None);
    let level = p[4].clone().unwrap_or(Value::Int(0));
    if name.as_str().is_none() {
        let tn = vm.type_name(&name);
        return Err(vm.new_type_error(&format!("__import__() argument 1 must be str, not {tn}")));
    }
    let level = match level {
        Value::Int(i) => i,
        other => vm.to_index(&other)?,
    };
    imp.import_level(vm, &name, globals.as_ref(), &fromlist, level)
}

/// `importlib.import_module(name, package=None)`.
fn import_module(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    let p = crate::modules::bind(vm, &a, "import_module", &["name", "package"], 0, 1, 0)?;
    let name_v = p[0].clone().unwrap_or_default();
    let package = p[1].clone().unwrap_or(Value::None);
    let Some(name) = name_v.as_str().map(str::to_string) else {
        let t = vm.type_of(&name_v);
        let tr = vm.repr_string(&Value::Obj(t))?;
        return Err(vm.new_type_error(&format!("module name must be str, not {tr}")));
    };
    let level = name.chars().take_while(|c| *c == '.').count();
    let abs = if level > 0 {
        if package.is_none() || !vm.is_true(&package)? {
            let r = vm.repr_string(&name_v)?;
            return Err(vm.new_type_error(&format!(
                "the 'package' argument is required to perform a relative import for {r}"
            )));
        }
        let Some(pkg) = package.as_str().map(str::to_string) else {
            return Err(vm.new_type_error("__package__ not set to a string"));
        };
        super::resolve_relative(vm, &name[level..], &pkg, level)?
    } else {
        name
    };
    if abs.is_empty() {
        return Err(vm.new_value_error("Empty module name"));
    }
    let imp = importer(vm)?;
    imp.import_module(vm, &abs)
}

/// Installs `__import__` (returned, so the importer can tell when a program replaced it) and the
/// `importlib` module factory.
pub(crate) fn install(vm: &mut Vm, imp: Weak<super::PathImporter>) -> Value {
    let dunder_imp = imp.clone();
    let f = vm.new_native_function("__import__", move |vm, a| match dunder_imp.upgrade() {
        Some(imp) => dunder_import(vm, a, &imp),
        None => Err(vm.new_system_error("the import system is gone")),
    });
    vm.set_builtin("__import__", f.clone());
    let util_imp = imp.clone();
    vm.register_module_factory("importlib", |vm| {
        let m = vm.new_module("importlib");
        add_fn(vm, &m, "import_module", import_module);
        add_fn(vm, &m, "invalidate_caches", |_vm, _a| Ok(Value::None));
        // A package, so `importlib.machinery` (below) can be imported under it.
        let path = vm.new_list(vec![]);
        vm.set_module_attr(&m, "__path__", path);
        Ok(m)
    });
    vm.register_module_factory("importlib.machinery", machinery);
    vm.register_module_factory("importlib.util", move |vm| {
        super::util::build(vm, &util_imp)
    });
    f
}

/// `importlib.machinery`: only the file-suffix lists and `all_suffixes()` (what `inspect` and
/// `modulefinder`-style code read); pyvm loads `.py`-named sources' compiled `.pyc`s only.
fn machinery(vm: &mut Vm) -> PyResult<pyvm_vm::ObjRef> {
    let m = vm.new_module("importlib.machinery");
    for (name, items) in [
        ("SOURCE_SUFFIXES", &[".py"][..]),
        ("DEBUG_BYTECODE_SUFFIXES", &[".pyc"][..]),
        ("OPTIMIZED_BYTECODE_SUFFIXES", &[".pyc"][..]),
        ("BYTECODE_SUFFIXES", &[".pyc"][..]),
        ("EXTENSION_SUFFIXES", &[][..]),
    ] {
        let l = vm.new_list(items.iter().map(|s| vm.new_str(s)).collect());
        vm.set_module_attr(&m, name, l);
    }
    add_fn(vm, &m, "all_suffixes", |vm, _a| {
        let l = [".py", ".pyc"].iter().map(|s| vm.new_str(s)).collect();
        Ok(vm.new_list(l))
    });
    Ok(m)
}
