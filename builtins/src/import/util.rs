//! A minimal native `importlib.util`: `find_spec`, `resolve_name`, `module_from_spec`,
//! `spec_from_file_location` (`.py` files through their cache, `.pyc` files), `cache_from_source`,
//! `source_from_cache` and `MAGIC_NUMBER`; the file loaders get `exec_module` (pyvm runs only
//! compiled code, so there is no `LazyLoader` or source compilation).

use crate::modules::{add_fn, bind};
use pyvm_vm::{ObjRef, PyResult, Value, Vm};
use std::rc::Weak;

/// The first four bytes of a CPython 3.12 `.pyc` (magic number 3531).
const MAGIC: &[u8] = b"\xcb\x0d\x0d\x0a";

fn str_arg(vm: &Vm, v: Option<&Value>, what: &str) -> PyResult<String> {
    match v.and_then(Value::as_str) {
        Some(s) => Ok(s.to_string()),
        None => Err(vm.new_type_error(&format!("{what} must be str"))),
    }
}

/// `importlib.util.resolve_name(name, package)`.
fn resolve_name(vm: &mut Vm, name: &str, package: Option<&Value>) -> PyResult<String> {
    if !name.starts_with('.') {
        return Ok(name.to_string());
    }
    let pkg = match package {
        Some(p) if !p.is_none() && vm.is_true(p)? => str_arg(vm, Some(p), "package")?,
        _ => {
            let r = vm.repr_string(&vm.new_str(name))?;
            return Err(vm.new_import_error(&format!(
                "no package specified for {r} (required for relative module names)"
            )));
        }
    };
    let level = name.chars().take_while(|c| *c == '.').count();
    super::resolve_relative(vm, &name[level..], &pkg, level)
}

fn find_spec(
    vm: &mut Vm,
    a: pyvm_vm::Args<'_>,
    imp: &Weak<super::PathImporter>,
) -> PyResult<Value> {
    let p = bind(vm, &a, "find_spec", &["name", "package"], 0, 1, 0)?;
    let name = str_arg(vm, p[0].as_ref(), "name")?;
    let full = resolve_name(vm, &name, p[1].as_ref())?;
    let mods = vm.modules_dict().clone();
    if let Some(m) = vm.dict_get_str(&mods, &full) {
        if m.is_none() {
            return Ok(Value::None);
        }
        return match vm.lookup_attr(&m, "__spec__")? {
            None => Err(vm.new_value_error(&format!("{name}.__spec__ is not set"))),
            Some(s) if s.is_none() => Err(vm.new_value_error(&format!("{name}.__spec__ is None"))),
            Some(s) => Ok(s),
        };
    }
    let path = match full.rsplit_once('.') {
        Some((parent, _)) => {
            let parent_mod = vm.import_module(parent)?;
            match vm.lookup_attr(&parent_mod, "__path__")? {
                Some(p) => Some(p),
                None => {
                    let (rp, rf) = (
                        vm.repr_string(&vm.new_str(parent))?,
                        vm.repr_string(&vm.new_str(&full))?,
                    );
                    return Err(super::not_found(
                        vm,
                        &format!("__path__ attribute not found on {rp} while trying to find {rf}"),
                        &full,
                    ));
                }
            }
        }
        None => None,
    };
    let Some(imp) = imp.upgrade() else {
        return Err(vm.new_system_error("the import system is gone"));
    };
    imp.find_spec(vm, &full, path.as_ref())
}

/// `module_from_spec(spec)`: a new module with the import-related attributes set from `spec`.
fn module_from_spec(vm: &mut Vm, spec: &Value) -> PyResult<Value> {
    let name = vm.getattr_str(spec, "name")?;
    let name = str_arg(vm, Some(&name), "spec.name")?;
    let m = vm.new_module(&name);
    let get = |vm: &mut Vm, attr: &str| -> PyResult<Value> {
        Ok(vm.lookup_attr(spec, attr)?.unwrap_or(Value::None))
    };
    vm.set_module_attr(&m, "__spec__", spec.clone());
    let loader = get(vm, "loader")?;
    vm.set_module_attr(&m, "__loader__", loader);
    let parent = get(vm, "parent")?;
    vm.set_module_attr(&m, "__package__", parent);
    let search = get(vm, "submodule_search_locations")?;
    if !search.is_none() {
        vm.set_module_attr(&m, "__path__", search);
    }
    let has_location = get(vm, "has_location")?;
    if vm.is_true(&has_location)? {
        let origin = get(vm, "origin")?;
        vm.set_module_attr(&m, "__file__", origin);
        let cached = get(vm, "cached")?;
        if !cached.is_none() {
            vm.set_module_attr(&m, "__cached__", cached);
        }
    }
    Ok(Value::Obj(m))
}

/// `source_from_cache(path)` for `DIR/__pycache__/NAME.cpython-312[.opt-N].pyc`.
fn source_from_cache(vm: &Vm, path: &str) -> PyResult<String> {
    let (head, file) = path.rsplit_once('/').unwrap_or(("", path));
    let (dir, pycache) = head.rsplit_once('/').unwrap_or(("", head));
    if pycache != "__pycache__" {
        return Err(vm.new_value_error(&format!(
            "__pycache__ not bottom-level directory in '{path}'"
        )));
    }
    let dots = file.matches('.').count();
    if !(2..=3).contains(&dots) {
        return Err(vm.new_value_error(&format!("expected only 2 or 3 dots in '{file}'")));
    }
    let base = file.split('.').next().unwrap_or("");
    let tag = file.split('.').nth(1).unwrap_or("");
    if tag != super::cache::CACHE_TAG {
        return Err(vm.new_value_error(&format!(
            "expected '{}' tag in '{file}'",
            super::cache::CACHE_TAG
        )));
    }
    Ok(if dir.is_empty() {
        format!("{base}.py")
    } else {
        format!("{dir}/{base}.py")
    })
}

/// Adds `exec_module(module)` to the source and sourceless file loaders: runs the module's
/// compiled code (the cache of a `.py`, or the `.pyc` itself) in `module`'s namespace.
pub(crate) fn install_loader_methods(vm: &mut Vm, imp: &std::rc::Rc<super::PathImporter>) {
    for (cls, source) in [
        (imp.kinds.source_loader.clone(), true),
        (imp.kinds.sourceless_loader.clone(), false),
    ] {
        let imp = std::rc::Rc::downgrade(imp);
        vm.add_method(&cls, "exec_module", move |vm, a| {
            let [this, module] = a.pos else {
                return Err(vm.new_type_error("exec_module() takes exactly one argument"));
            };
            let Some(imp) = imp.upgrade() else {
                return Err(vm.new_system_error("the import system is gone"));
            };
            let name = vm.getattr_str(this, "name")?;
            let name = str_arg(vm, Some(&name), "loader.name")?;
            let path = vm.getattr_str(this, "path")?;
            let path = str_arg(vm, Some(&path), "loader.path")?;
            let Some(m) = module.as_obj().filter(|m| m.has_dict()) else {
                return Err(vm.new_type_error("exec_module() needs a module"));
            };
            let loc = if source {
                super::finder::Loc::Source { path }
            } else {
                super::finder::Loc::Sourceless { path }
            };
            let prefix = imp.pycache_prefix(vm)?;
            let code = imp.get_code(vm, &name, &loc, prefix.as_deref())?;
            vm.exec_module_code(&code, m)?;
            Ok(Value::None)
        });
    }
}

/// `spec_from_file_location(name, location)`: a spec whose loader runs that file's code.
fn spec_from_file_location(
    vm: &mut Vm,
    a: pyvm_vm::Args<'_>,
    imp: &Weak<super::PathImporter>,
) -> PyResult<Value> {
    let p = bind(
        vm,
        &a,
        "spec_from_file_location",
        &["name", "location", "loader", "submodule_search_locations"],
        0,
        1,
        2,
    )?;
    let name = str_arg(vm, p[0].as_ref(), "name")?;
    let location = match &p[1] {
        Some(v) if !v.is_none() => str_arg(vm, Some(v), "location")?,
        _ => return Ok(Value::None),
    };
    let Some(imp) = imp.upgrade() else {
        return Err(vm.new_system_error("the import system is gone"));
    };
    let location = if location.starts_with('/') {
        location
    } else {
        format!("{}/{location}", super::cache::getcwd())
    };
    let (cls, cached) = if location.ends_with(".py") {
        let sys = vm.import_module("sys")?;
        let prefix = vm
            .lookup_attr(&sys, "pycache_prefix")?
            .and_then(|v| v.as_str().map(str::to_string));
        (
            imp.kinds.source_loader.clone(),
            Some(super::cache::cache_from_source(
                &location,
                prefix.as_deref(),
            )),
        )
    } else if location.ends_with(".pyc") {
        (imp.kinds.sourceless_loader.clone(), Some(location.clone()))
    } else {
        return Ok(Value::None);
    };
    let loader = match &p[2] {
        Some(l) if !l.is_none() => l.clone(),
        _ => imp.kinds.loader(vm, &cls, &name, &location),
    };
    let search: Option<Vec<String>> = match &p[3] {
        Some(v) if !v.is_none() => Some(
            vm.to_vec(v)?
                .iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect(),
        ),
        _ => None,
    };
    let fields = super::SpecFields {
        name: &name,
        loader,
        origin: Some(&location),
        search: search.as_deref(),
        cached: cached.as_deref(),
        has_location: true,
    };
    Ok(imp.kinds.spec(vm, &fields))
}

/// Builds `importlib.util`.
pub(crate) fn build(vm: &mut Vm, imp: &Weak<super::PathImporter>) -> PyResult<ObjRef> {
    let m = vm.new_module("importlib.util");
    let magic = vm.new_bytes(MAGIC.to_vec());
    vm.set_module_attr(&m, "MAGIC_NUMBER", magic);
    let i = imp.clone();
    add_fn(vm, &m, "find_spec", move |vm, a| find_spec(vm, a, &i));
    let i = imp.clone();
    add_fn(vm, &m, "spec_from_file_location", move |vm, a| {
        spec_from_file_location(vm, a, &i)
    });
    add_fn(vm, &m, "resolve_name", |vm, a| {
        let p = bind(vm, &a, "resolve_name", &["name", "package"], 0, 2, 0)?;
        let name = str_arg(vm, p[0].as_ref(), "name")?;
        let r = resolve_name(vm, &name, p[1].as_ref())?;
        Ok(vm.new_string(r))
    });
    add_fn(vm, &m, "module_from_spec", |vm, a| {
        let p = bind(vm, &a, "module_from_spec", &["spec"], 0, 1, 0)?;
        module_from_spec(vm, p[0].as_ref().unwrap_or(&Value::None))
    });
    add_fn(vm, &m, "cache_from_source", |vm, a| {
        let p = bind(
            vm,
            &a,
            "cache_from_source",
            &["path", "debug_override", "optimization"],
            0,
            1,
            1,
        )?;
        let path = str_arg(vm, p[0].as_ref(), "path")?;
        let sys = vm.import_module("sys")?;
        let prefix = vm
            .lookup_attr(&sys, "pycache_prefix")?
            .and_then(|v| v.as_str().map(str::to_string));
        let mut out = super::cache::cache_from_source(&path, prefix.as_deref());
        let opt = match &p[2] {
            None => String::new(),
            Some(v) if v.is_none() => String::new(),
            Some(v) => vm.str_string(v)?,
        };
        if !opt.is_empty() {
            if !opt.chars().all(char::is_alphanumeric) {
                let r = vm.repr_string(&vm.new_str(&opt))?;
                return Err(vm.new_value_error(&format!("{r} is not alphanumeric")));
            }
            if let Some(stem) = out.strip_suffix(".pyc") {
                out = format!("{stem}.opt-{opt}.pyc");
            }
        }
        Ok(vm.new_string(out))
    });
    add_fn(vm, &m, "source_from_cache", |vm, a| {
        let p = bind(vm, &a, "source_from_cache", &["path"], 0, 1, 0)?;
        let path = str_arg(vm, p[0].as_ref(), "path")?;
        let s = source_from_cache(vm, &path)?;
        Ok(vm.new_string(s))
    });
    Ok(m)
}
