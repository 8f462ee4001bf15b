//! `ModuleSpec` and the loader objects that describe where a module came from, and the module
//! attributes (`__spec__`, `__loader__`, `__package__`, `__path__`, `__file__`, `__cached__`)
//! set from them before the module's code runs.

use crate::modules::new_type;
use pyvm_vm::{ObjRef, Payload, PyResult, Value, Vm, B64};

/// The classes the import system hands out.
pub struct Kinds {
    /// `_frozen_importlib.ModuleSpec`.
    pub spec: ObjRef,
    /// `_frozen_importlib_external.SourceFileLoader`.
    pub source_loader: ObjRef,
    /// `_frozen_importlib_external.SourcelessFileLoader`.
    pub sourceless_loader: ObjRef,
    /// `_frozen_importlib_external.NamespaceLoader`.
    pub namespace_loader: ObjRef,
    /// `zipimport.zipimporter`.
    pub zip_loader: ObjRef,
    /// `_frozen_importlib.BuiltinImporter` (the class itself is the loader).
    pub builtin_importer: ObjRef,
}

impl Kinds {
    /// Creates the classes.
    pub fn new(vm: &mut Vm) -> PyResult<Kinds> {
        let spec = new_type(vm, "_frozen_importlib", "ModuleSpec", &[])?;
        vm.add_method(&spec, "__repr__", spec_repr);
        let source_loader = new_type(vm, "_frozen_importlib_external", "SourceFileLoader", &[])?;
        let sourceless_loader = new_type(
            vm,
            "_frozen_importlib_external",
            "SourcelessFileLoader",
            &[],
        )?;
        let namespace_loader = new_type(vm, "_frozen_importlib_external", "NamespaceLoader", &[])?;
        let zip_loader = new_type(vm, "zipimport", "zipimporter", &[])?;
        let builtin_importer = new_type(vm, "_frozen_importlib", "BuiltinImporter", &[])?;
        for cls in [&source_loader, &sourceless_loader] {
            vm.add_method(cls, "get_filename", |vm, a| {
                let this = a.pos.first().cloned().unwrap_or_default();
                vm.getattr_str(&this, "path")
            });
        }
        Ok(Kinds {
            spec,
            source_loader,
            sourceless_loader,
            namespace_loader,
            zip_loader,
            builtin_importer,
        })
    }

    /// A loader object of class `cls` with `name` and `path` attributes.
    pub fn loader(&self, vm: &mut Vm, cls: &ObjRef, name: &str, path: &str) -> Value {
        let obj = vm.alloc_with_dict(cls, Payload::instance());
        let n = vm.new_str(name);
        vm.set_module_attr(&obj, "name", n);
        let p = vm.new_str(path);
        vm.set_module_attr(&obj, "path", p);
        Value::Obj(obj)
    }

    /// A `ModuleSpec`. `parent` follows CPython: the package itself for a package, else the
    /// name up to its last dot.
    pub fn spec(&self, vm: &mut Vm, s: &SpecFields<'_>) -> Value {
        let obj = vm.alloc_with_dict(&self.spec, Payload::instance());
        let set = |vm: &mut Vm, k: &str, v: Value| vm.set_module_attr(&obj, k, v);
        let n = vm.new_str(s.name);
        set(vm, "name", n);
        set(vm, "loader", s.loader.clone());
        let origin = s.origin.map_or(Value::None, |o| vm.new_str(o));
        set(vm, "origin", origin);
        set(vm, "loader_state", Value::None);
        let locs = match s.search {
            Some(l) => {
                let items = l.iter().map(|p| vm.new_str(p)).collect();
                vm.new_list(items)
            }
            None => Value::None,
        };
        set(vm, "submodule_search_locations", locs);
        let cached = s.cached.map_or(Value::None, |c| vm.new_str(c));
        set(vm, "cached", cached);
        let parent = if s.search.is_some() {
            s.name
        } else {
            s.name.rsplit_once('.').map_or("", |(p, _)| p)
        };
        let p = vm.new_str(parent);
        set(vm, "parent", p);
        set(vm, "has_location", Value::bool(s.has_location));
        set(vm, "_initializing", Value::Bool(B64::FALSE));
        let subs = vm.new_list(vec![]);
        set(vm, "_uninitialized_submodules", subs);
        Value::Obj(obj)
    }
}

/// What a `ModuleSpec` records.
pub struct SpecFields<'a> {
    /// Full module name.
    pub name: &'a str,
    /// The loader object.
    pub loader: Value,
    /// `origin` (the file, `'built-in'`, or `None` for a namespace package).
    pub origin: Option<&'a str>,
    /// `submodule_search_locations` (packages only).
    pub search: Option<&'a [String]>,
    /// `cached`: the compiled file used.
    pub cached: Option<&'a str>,
    /// Whether `origin` is a file location (sets `__file__`).
    pub has_location: bool,
}

fn spec_repr(vm: &mut Vm, a: pyvm_vm::Args<'_>) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or_default();
    let name = vm.getattr_str(&this, "name")?;
    let loader = vm.getattr_str(&this, "loader")?;
    let mut parts = vec![
        format!("name={}", vm.repr_string(&name)?),
        format!("loader={}", vm.repr_string(&loader)?),
    ];
    let origin = vm.getattr_str(&this, "origin")?;
    if !origin.is_none() {
        parts.push(format!("origin={}", vm.repr_string(&origin)?));
    }
    let locs = vm.getattr_str(&this, "submodule_search_locations")?;
    if !locs.is_none() {
        parts.push(format!(
            "submodule_search_locations={}",
            vm.str_string(&locs)?
        ));
    }
    let cls = vm.type_name(&this);
    Ok(vm.new_string(format!("{cls}({})", parts.join(", "))))
}

/// `_init_module_attrs(spec, module)`: sets the import-related attributes that are missing
/// (all of them for a fresh module).
pub fn init_module_attrs(
    vm: &mut Vm,
    module: &ObjRef,
    spec: &Value,
    s: &SpecFields<'_>,
) -> PyResult<()> {
    let m = Value::Obj(module.clone());
    let missing = |vm: &mut Vm, k: &str| -> PyResult<bool> {
        Ok(vm.lookup_attr(&m, k)?.map_or(true, |v| v.is_none()))
    };
    if missing(vm, "__loader__")? {
        vm.set_module_attr(module, "__loader__", s.loader.clone());
    }
    if missing(vm, "__package__")? {
        let parent = vm.getattr_str(spec, "parent")?;
        vm.set_module_attr(module, "__package__", parent);
    }
    vm.set_module_attr(module, "__spec__", spec.clone());
    if s.search.is_some() && missing(vm, "__path__")? {
        let locs = vm.getattr_str(spec, "submodule_search_locations")?;
        vm.set_module_attr(module, "__path__", locs);
    }
    if s.has_location {
        if let Some(origin) = s.origin {
            if missing(vm, "__file__")? {
                let o = vm.new_str(origin);
                vm.set_module_attr(module, "__file__", o);
            }
        }
        if let Some(c) = s.cached {
            if missing(vm, "__cached__")? {
                let c = vm.new_str(c);
                vm.set_module_attr(module, "__cached__", c);
            }
        }
    }
    Ok(())
}

/// Whether the module's `__spec__._initializing` is true (the module is still running its body).
pub fn is_initializing(vm: &mut Vm, module: &Value) -> bool {
    let Ok(Some(spec)) = vm.lookup_attr(module, "__spec__") else {
        return false;
    };
    if spec.is_none() {
        return false;
    }
    match vm.lookup_attr(&spec, "_initializing") {
        Ok(Some(v)) => vm.is_true(&v).unwrap_or(false),
        _ => false,
    }
}
