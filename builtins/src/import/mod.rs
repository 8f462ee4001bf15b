//! The import system: `import`, `from … import`, relative imports, packages, `sys.modules`,
//! circular imports, native modules and modules found on `sys.path` (directories and zip
//! archives), following CPython 3.12's `importlib._bootstrap` and `import.c` step by step.
//!
//! The VM only knows the [`pyvm_vm::import::Importer`] hook; everything about names, files and
//! caches lives here. pyvm runs compiled code only: a source module is loaded from its
//! `__pycache__` file (or the `sys.pycache_prefix` mirror) when that file is up to date, and a
//! missing or stale cache is an `ImportError` that says how to refresh it (see [`cache`]).
//!
//! Hosts configure the search with [`configure`] (`sys.path`, `sys.pycache_prefix`).

pub mod cache;
pub mod finder;
mod importlib;
pub mod patches;
pub mod spec;
mod util;
pub mod zip;

use finder::{Finding, Loc, ZipCache};
use pyvm_vm::import::Importer;
use pyvm_vm::{ObjRef, PyErr, PyResult, Value, Vm};
use spec::{Kinds, SpecFields};
use std::rc::Rc;
use std::sync::Arc;

/// What the host decides about where modules come from.
#[derive(Debug, Clone, Default)]
pub struct ImportConfig {
    /// `sys.path`, in order (usually: the main file's directory, `PYTHONPATH`-like entries,
    /// then the standard library directory).
    pub path: Vec<String>,
    /// `sys.pycache_prefix` (`PYTHONPYCACHEPREFIX` / `-X pycache_prefix=DIR`).
    pub pycache_prefix: Option<String>,
}

/// Sets `sys.path` and `sys.pycache_prefix` (and the empty `meta_path`, `path_hooks`,
/// `path_importer_cache` that some library code looks at).
pub fn configure(vm: &mut Vm, cfg: &ImportConfig) -> PyResult<()> {
    let sys = vm.import_module("sys")?;
    let Some(sys_obj) = sys.as_obj().cloned() else {
        return Err(vm.new_system_error("sys is not a module"));
    };
    let items = cfg.path.iter().map(|p| vm.new_str(p)).collect();
    let path = vm.new_list(items);
    vm.set_module_attr(&sys_obj, "path", path);
    let prefix = cfg
        .pycache_prefix
        .as_deref()
        .map_or(Value::None, |p| vm.new_str(p));
    vm.set_module_attr(&sys_obj, "pycache_prefix", prefix);
    for (name, make_dict) in [
        ("meta_path", false),
        ("path_hooks", false),
        ("path_importer_cache", true),
    ] {
        if vm.lookup_attr(&sys, name)?.is_none() {
            let v = if make_dict {
                vm.new_dict()
            } else {
                vm.new_list(vec![])
            };
            vm.set_module_attr(&sys_obj, name, v);
        }
    }
    Ok(())
}

/// Installs the import system on `vm` (the `Importer` hook, `__import__`, `importlib`).
pub(crate) fn install(vm: &mut Vm) {
    let Ok(kinds) = Kinds::new(vm) else { return };
    let imp = Rc::new(PathImporter {
        kinds,
        zips: ZipCache::default(),
        dunder_import: std::cell::OnceCell::new(),
    });
    let f = importlib::install(vm, Rc::downgrade(&imp));
    util::install_loader_methods(vm, &imp);
    let _ = imp.dunder_import.set(f);
    vm.set_importer(imp);
}

/// The import system: native modules first (CPython's builtin importer), then `sys.path`.
pub struct PathImporter {
    kinds: Kinds,
    zips: ZipCache,
    /// The `__import__` builtin installed with this importer: when a program replaces
    /// `builtins.__import__`, `import` statements call the replacement instead, as in CPython.
    dunder_import: std::cell::OnceCell<Value>,
}

/// An `ImportError` (or subclass) with CPython's `msg`, `name` and `path` attributes.
pub(crate) fn import_error(
    vm: &Vm,
    ty: &ObjRef,
    msg: &str,
    name: Option<&str>,
    path: Option<&str>,
) -> PyErr {
    let e = vm.new_exception_msg(ty, msg);
    let d = e.exc().dict_obj();
    let m = vm.new_str(msg);
    vm.dict_set_str(d.as_ref(), "msg", m);
    let n = name.map_or(Value::None, |n| vm.new_str(n));
    vm.dict_set_str(d.as_ref(), "name", n);
    let p = path.map_or(Value::None, |p| vm.new_str(p));
    vm.dict_set_str(d.as_ref(), "path", p);
    e
}

pub(crate) fn not_found(vm: &Vm, msg: &str, name: &str) -> PyErr {
    let ty = vm.types().exc.module_not_found_error.clone();
    import_error(vm, &ty, msg, Some(name), None)
}

fn plain_import_error(vm: &Vm, msg: &str) -> PyErr {
    let ty = vm.types().exc.import_error.clone();
    vm.new_exception_msg(&ty, msg)
}

/// `repr()` of a `str`, as `{name!r}` formats it.
fn repr_str(vm: &mut Vm, s: &str) -> String {
    let v = vm.new_str(s);
    vm.repr_string(&v).unwrap_or_else(|_| format!("'{s}'"))
}

impl Importer for PathImporter {
    fn import_name(
        &self,
        vm: &mut Vm,
        name: &Value,
        globals: &ObjRef,
        fromlist: &Value,
        level: &Value,
    ) -> PyResult<Value> {
        if let Some(f) = vm.get_builtin("__import__") {
            if self.dunder_import.get().is_some_and(|mine| !f.is(mine)) {
                let g = Value::Obj(globals.clone());
                let args = [
                    name.clone(),
                    g,
                    Value::None,
                    fromlist.clone(),
                    level.clone(),
                ];
                return vm.call(&f, &args);
            }
        }
        let level = match level {
            Value::Int(i) => *i,
            Value::Bool(b) => i64::from(*b),
            other => vm.to_index(other)?,
        };
        self.import_level(vm, name, Some(globals), fromlist, level)
    }

    fn import_from(&self, vm: &mut Vm, module: &Value, name: &Value) -> PyResult<Value> {
        let name_s = name.as_str().unwrap_or("").to_string();
        if let Some(v) = vm.lookup_attr(module, &name_s)? {
            return Ok(v);
        }
        // A circular relative import may have put the submodule in sys.modules only.
        let pkgname = vm
            .lookup_attr(module, "__name__")?
            .and_then(|v| v.as_str().map(str::to_string));
        if let Some(pkg) = &pkgname {
            let full = format!("{pkg}.{name_s}");
            let mods = vm.modules_dict().clone();
            if let Some(m) = vm.dict_get_str(&mods, &full) {
                return Ok(m);
            }
        }
        let pkgpath = match module.as_obj().map(|o| &o.payload) {
            Some(pyvm_vm::Payload::Module(_)) => module
                .as_obj()
                .and_then(|o| o.dict_obj())
                .and_then(|d| vm.dict_get_str(&d, "__file__"))
                .and_then(|v| v.as_str().map(str::to_string)),
            _ => None,
        };
        let shown = pkgname
            .clone()
            .unwrap_or_else(|| "<unknown module name>".to_string());
        let (rn, rp) = (repr_str(vm, &name_s), repr_str(vm, &shown));
        let msg = match &pkgpath {
            None => format!("cannot import name {rn} from {rp} (unknown location)"),
            Some(path) if spec::is_initializing(vm, module) => format!(
                "cannot import name {rn} from partially initialized module {rp} \
                 (most likely due to a circular import) ({path})"
            ),
            Some(path) => format!("cannot import name {rn} from {rp} ({path})"),
        };
        let ty = vm.types().exc.import_error.clone();
        let e = import_error(vm, &ty, &msg, pkgname.as_deref(), pkgpath.as_deref());
        let nf = vm.new_str(&name_s);
        vm.dict_set_str(e.exc().dict_obj().as_ref(), "name_from", nf);
        Err(e)
    }

    fn import_module(&self, vm: &mut Vm, name: &str) -> PyResult<Value> {
        if name.is_empty() {
            return Err(vm.new_value_error("Empty module name"));
        }
        self.find_and_load(vm, name)
    }
}

impl PathImporter {
    /// `PyImport_ImportModuleLevelObject` (`__import__`).
    pub fn import_level(
        &self,
        vm: &mut Vm,
        name: &Value,
        globals: Option<&ObjRef>,
        fromlist: &Value,
        level: i64,
    ) -> PyResult<Value> {
        let Some(name) = name.as_rc_str() else {
            return Err(vm.new_type_error("module name must be a string"));
        };
        if level < 0 {
            return Err(vm.new_value_error("level must be >= 0"));
        }
        let abs_name = if level > 0 {
            resolve_name(vm, &name, globals, level)?
        } else {
            if name.is_empty() {
                return Err(vm.new_value_error("Empty module name"));
            }
            name.to_string()
        };
        let mods = vm.modules_dict().clone();
        let module = match vm.dict_get_str(&mods, &abs_name) {
            Some(m) if !m.is_none() => m,
            _ => self.find_and_load(vm, &abs_name)?,
        };
        let has_from = !fromlist.is_none() && vm.is_true(fromlist)?;
        if !has_from {
            if level == 0 || !name.is_empty() {
                let Some(dot) = name.find('.') else {
                    return Ok(module);
                };
                if level == 0 {
                    let front = vm.new_str(&name[..dot]);
                    return self.import_level(vm, &front, None, &Value::None, 0);
                }
                let cut_off = name.len() - dot;
                let to_return = &abs_name[..abs_name.len().saturating_sub(cut_off)];
                return match vm.dict_get_str(&mods, to_return) {
                    Some(m) => Ok(m),
                    None => {
                        let r = repr_str(vm, to_return);
                        let k = vm.new_string(format!("{r} not in sys.modules as expected"));
                        Err(vm.new_key_error(k))
                    }
                };
            }
            return Ok(module);
        }
        if vm.lookup_attr(&module, "__path__")?.is_some() {
            self.handle_fromlist(vm, &module, fromlist, false)?;
        }
        Ok(module)
    }

    /// `_handle_fromlist`: imports the submodules named in a package's fromlist.
    fn handle_fromlist(
        &self,
        vm: &mut Vm,
        module: &Value,
        fromlist: &Value,
        recursive: bool,
    ) -> PyResult<()> {
        let items = vm.to_vec(fromlist)?;
        for x in items {
            let Some(xs) = x.as_str().map(str::to_string) else {
                let where_ = if recursive {
                    let n = vm.getattr_str(module, "__name__")?;
                    format!("{}.__all__", vm.str_string(&n)?)
                } else {
                    "``from list''".to_string()
                };
                let tn = vm.type_name(&x);
                return Err(vm.new_type_error(&format!("Item in {where_} must be str, not {tn}")));
            };
            if xs == "*" {
                if !recursive {
                    if let Some(all) = vm.lookup_attr(module, "__all__")? {
                        self.handle_fromlist(vm, module, &all, true)?;
                    }
                }
                continue;
            }
            if vm.lookup_attr(module, &xs)?.is_some() {
                continue;
            }
            let n = vm.getattr_str(module, "__name__")?;
            let from_name = format!("{}.{xs}", vm.str_string(&n)?);
            let fv = vm.new_str(&from_name);
            if let Err(e) = self.import_level(vm, &fv, None, &Value::None, 0) {
                let mnf = vm.types().exc.module_not_found_error.clone();
                if vm.err_matches(&e, &mnf) {
                    let ename = vm.lookup_attr(&e.value(), "name")?;
                    let same = ename.as_ref().and_then(Value::as_str) == Some(from_name.as_str());
                    let mods = vm.modules_dict().clone();
                    let blocked = matches!(vm.dict_get_str(&mods, &from_name), Some(Value::None));
                    if same && !blocked {
                        continue;
                    }
                }
                return Err(e);
            }
        }
        Ok(())
    }

    /// `_find_and_load`.
    fn find_and_load(&self, vm: &mut Vm, name: &str) -> PyResult<Value> {
        let mods = vm.modules_dict().clone();
        match vm.dict_get_str(&mods, name) {
            Some(Value::None) => Err(not_found(
                vm,
                &format!("import of {name} halted; None in sys.modules"),
                name,
            )),
            Some(m) => Ok(m),
            None => self.find_and_load_unlocked(vm, name),
        }
    }

    /// `_find_and_load_unlocked`: imports the parent package, finds the module and runs it.
    fn find_and_load_unlocked(&self, vm: &mut Vm, name: &str) -> PyResult<Value> {
        let mods = vm.modules_dict().clone();
        let mut path = None;
        let parent = name
            .rsplit_once('.')
            .map(|(p, c)| (p.to_string(), c.to_string()));
        if let Some((parent, _)) = &parent {
            if vm.dict_get_str(&mods, parent).is_none() {
                let pv = vm.new_str(parent);
                self.import_level(vm, &pv, None, &Value::None, 0)?;
            }
            if let Some(m) = vm.dict_get_str(&mods, name) {
                return Ok(m);
            }
            let Some(parent_module) = vm.dict_get_str(&mods, parent) else {
                let k = vm.new_str(parent);
                return Err(vm.new_key_error(k));
            };
            match vm.lookup_attr(&parent_module, "__path__")? {
                Some(p) => path = Some(p),
                // pyvm's native stand-ins for Python packages (a native `a` with a native
                // `a.b`) are found like CPython's builtin modules, whatever the parent.
                None if vm.has_native_module(name) => {}
                None => {
                    let (rn, rp) = (repr_str(vm, name), repr_str(vm, parent));
                    return Err(not_found(
                        vm,
                        &format!("No module named {rn}; {rp} is not a package"),
                        name,
                    ));
                }
            }
        }
        // While a submodule loads, its parent's spec lists it (for the circular-import hint in
        // AttributeError messages).
        let pending = match &parent {
            Some((p, child)) => {
                let pm = vm.dict_get_str(&mods, p).unwrap_or_default();
                match vm.lookup_attr(&pm, "__spec__")? {
                    Some(spec) if !spec.is_none() => {
                        let list = vm.lookup_attr(&spec, "_uninitialized_submodules")?;
                        let c = vm.new_str(child);
                        match list {
                            Some(l) => vm.call_method(&l, "append", &[c]).ok().map(|_| l),
                            None => None,
                        }
                    }
                    _ => None,
                }
            }
            None => None,
        };
        let found = self.find_and_run(vm, name, path.as_ref());
        if let Some(l) = pending {
            let _ = vm.call_method(&l, "pop", &[]);
        }
        let module = found?;
        if let Some((parent, child)) = &parent {
            if let Some(pm) = vm.dict_get_str(&mods, parent) {
                let c = vm.new_str(child);
                // CPython only warns (ImportWarning, ignored by default) when this fails.
                let _ = vm.setattr(&pm, &c, module.clone());
            }
        }
        Ok(module)
    }

    /// The entries to search: the parent's `__path__`, or `sys.path`.
    fn search_path(&self, vm: &mut Vm, path: Option<&Value>) -> PyResult<Vec<String>> {
        let list = match path {
            Some(p) => p.clone(),
            None => {
                let sys = vm.import_module("sys")?;
                match vm.lookup_attr(&sys, "path")? {
                    Some(p) => p,
                    None => return Ok(Vec::new()),
                }
            }
        };
        let items = vm.to_vec(&list)?;
        Ok(items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect())
    }

    fn pycache_prefix(&self, vm: &mut Vm) -> PyResult<Option<String>> {
        let sys = vm.import_module("sys")?;
        Ok(vm
            .lookup_attr(&sys, "pycache_prefix")?
            .and_then(|v| v.as_str().map(str::to_string)))
    }

    /// `_find_spec` + `_load_unlocked`.
    fn find_and_run(&self, vm: &mut Vm, name: &str, path: Option<&Value>) -> PyResult<Value> {
        self.find_impl(vm, name, path, true)
    }

    /// `importlib.util._find_spec`: the spec `import` would use for `name` (searched in
    /// `path`, else `sys.path`), or `None`; nothing runs.
    pub fn find_spec(&self, vm: &mut Vm, name: &str, path: Option<&Value>) -> PyResult<Value> {
        self.find_impl(vm, name, path, false)
    }

    /// [`Self::find_and_run`] (`run`), or only the spec it would use.
    fn find_impl(
        &self,
        vm: &mut Vm,
        name: &str,
        path: Option<&Value>,
        run: bool,
    ) -> PyResult<Value> {
        let native = vm.has_native_module(name);
        let native_spec = |vm: &mut Vm| {
            let fields = SpecFields {
                name,
                loader: Value::Obj(self.kinds.builtin_importer.clone()),
                origin: Some("built-in"),
                search: None,
                cached: None,
                has_location: false,
            };
            self.kinds.spec(vm, &fields)
        };
        if native && !vm.is_fallback_module(name) {
            if !run {
                return Ok(native_spec(vm));
            }
            return self.load_native(vm, name);
        }
        let entries = self.search_path(vm, path)?;
        match finder::find(name, &entries, &self.zips) {
            // A native stand-in for a pure-Python module (`collections`, `functools`, …) is
            // used when the path has no such module (no standard library installed).
            Finding::NotFound | Finding::Namespace(_) if native && !run => Ok(native_spec(vm)),
            Finding::NotFound | Finding::Namespace(_) if native => self.load_native(vm, name),
            Finding::NotFound if !run => Ok(Value::None),
            Finding::NotFound => {
                let rn = repr_str(vm, name);
                Err(not_found(vm, &format!("No module named {rn}"), name))
            }
            Finding::Namespace(portions) => {
                let loader = self
                    .kinds
                    .loader(vm, &self.kinds.namespace_loader.clone(), name, "");
                let fields = SpecFields {
                    name,
                    loader,
                    origin: None,
                    search: Some(&portions),
                    cached: None,
                    has_location: false,
                };
                if !run {
                    return Ok(self.kinds.spec(vm, &fields));
                }
                let module = fresh_module(vm, name);
                vm.set_module_attr(&module, "__file__", Value::None);
                self.run_module(vm, module, &fields, None)
            }
            Finding::File(fs) => {
                let prefix = self.pycache_prefix(vm)?;
                let (cls, cached) = match &fs.loc {
                    Loc::Source { path } => (
                        self.kinds.source_loader.clone(),
                        Some(cache::cache_from_source(path, prefix.as_deref())),
                    ),
                    Loc::Sourceless { path } => {
                        (self.kinds.sourceless_loader.clone(), Some(path.clone()))
                    }
                    Loc::Zip { .. } => (self.kinds.zip_loader.clone(), None),
                };
                let lpath = match &fs.loc {
                    Loc::Zip { archive, .. } => archive.clone(),
                    _ => fs.origin.clone(),
                };
                let loader = self.kinds.loader(vm, &cls, name, &lpath);
                let fields = SpecFields {
                    name,
                    loader,
                    origin: Some(&fs.origin),
                    search: fs.search.as_deref(),
                    cached: cached.as_deref(),
                    has_location: true,
                };
                if !run {
                    return Ok(self.kinds.spec(vm, &fields));
                }
                let module = fresh_module(vm, name);
                self.run_module(vm, module, &fields, Some((&fs.loc, prefix.as_deref())))
            }
        }
    }

    /// Builds a native module and records it like `_load_unlocked` does.
    fn load_native(&self, vm: &mut Vm, name: &str) -> PyResult<Value> {
        let Some(module) = vm.find_native_module(name)? else {
            let rn = repr_str(vm, name);
            return Err(not_found(vm, &format!("No module named {rn}"), name));
        };
        let loader = Value::Obj(self.kinds.builtin_importer.clone());
        let fields = SpecFields {
            name,
            loader,
            origin: Some("built-in"),
            search: None,
            cached: None,
            has_location: false,
        };
        let spec = self.kinds.spec(vm, &fields);
        spec::init_module_attrs(vm, &module, &spec, &fields)?;
        vm.register_module(name, module.clone());
        Ok(Value::Obj(module))
    }

    /// `_load_unlocked` for a module found on the path: the module goes into `sys.modules`
    /// (marked as initializing) before its code runs, and is removed again if that fails.
    fn run_module(
        &self,
        vm: &mut Vm,
        module: ObjRef,
        fields: &SpecFields<'_>,
        code_from: Option<(&Loc, Option<&str>)>,
    ) -> PyResult<Value> {
        let name = fields.name;
        let spec = self.kinds.spec(vm, fields);
        spec::init_module_attrs(vm, &module, &spec, fields)?;
        let set_init = |vm: &mut Vm, on: bool| {
            if let Some(o) = spec.as_obj() {
                vm.set_module_attr(o, "_initializing", Value::bool(on));
            }
        };
        set_init(vm, true);
        let mods = vm.modules_dict().clone();
        vm.register_module(name, module.clone());
        let result = match code_from {
            None => Ok(()),
            Some((loc, prefix)) => match self.get_code(vm, name, loc, prefix) {
                Ok(code) => vm
                    .exec_module_code(&code, &module)
                    .and_then(|_| patches::apply(vm, name, &module)),
                Err(e) => Err(e),
            },
        };
        let key = vm.new_str(name);
        if let Err(e) = result {
            let _ = vm.dict_del_item(&Value::Obj(mods), &key);
            set_init(vm, false);
            return Err(e);
        }
        // The module may have replaced itself in sys.modules; move it to the end as CPython does.
        let final_module = vm.dict_pop_item(&Value::Obj(mods.clone()), &key)?;
        let Some(final_module) = final_module else {
            set_init(vm, false);
            let rn = repr_str(vm, name);
            return Err(plain_import_error(
                vm,
                &format!("Loaded module {rn} not found in sys.modules"),
            ));
        };
        vm.dict_set_item(&mods, key, final_module.clone())?;
        set_init(vm, false);
        Ok(final_module)
    }

    /// Reads the module's code object (never compiling anything).
    fn get_code(
        &self,
        vm: &mut Vm,
        name: &str,
        loc: &Loc,
        prefix: Option<&str>,
    ) -> PyResult<Arc<pyvm_loader::Code>> {
        let ty = vm.types().exc.import_error.clone();
        match loc {
            Loc::Source { path } => match cache::load_for_source(name, path, prefix) {
                Ok((code, _)) => Ok(code),
                Err(e) => Err(import_error(
                    vm,
                    &ty,
                    &e.to_string(),
                    Some(name),
                    Some(path),
                )),
            },
            Loc::Sourceless { path } => cache::load_sourceless(name, path)
                .map_err(|e| import_error(vm, &ty, &e.to_string(), Some(name), Some(path))),
            Loc::Zip { archive, member } => {
                let zerr =
                    |vm: &Vm, msg: String| import_error(vm, &ty, &msg, Some(name), Some(archive));
                let Some(z) = self.zips.get(archive) else {
                    return Err(zerr(vm, format!("can't read Zip file: {archive}")));
                };
                let Some(entry) = z.archive.entry(member) else {
                    return Err(zerr(vm, format!("can't find module '{name}'")));
                };
                if !member.ends_with(".pyc") {
                    return Err(zerr(
                        vm,
                        format!(
                            "module '{name}' is only available as source ('{archive}/{member}'); \
                             pyvm does not compile Python source: put compiled .pyc files in the archive"
                        ),
                    ));
                }
                let data = zip::Archive::read(&z.bytes, member, entry)
                    .map_err(|e| zerr(vm, format!("{archive}: {e}")))?;
                let pyc = pyvm_loader::load_pyc(&data)
                    .map_err(|e| zerr(vm, format!("{archive}/{member}: {e}")))?;
                if let Some(why) = zip_staleness(&z, member, &pyc.header, &data) {
                    return Err(zerr(
                        vm,
                        format!(
                            "stale compiled file for module '{name}': '{archive}/{member}' does not match \
                             its source in the archive ({why}); pyvm does not compile Python source: \
                             rebuild the archive from fresh .pyc files"
                        ),
                    ));
                }
                Ok(pyc.code)
            }
        }
    }
}

/// zipimport's checks of a `.pyc` against a `.py` beside it in the same archive: timestamps may
/// differ by one second (DOS times have two-second resolution); checked hashes must match.
fn zip_staleness(
    z: &finder::ZipData,
    member: &str,
    header: &pyvm_loader::Header,
    _data: &[u8],
) -> Option<&'static str> {
    let src_name = member.strip_suffix('c')?;
    let src = z.archive.entry(src_name)?;
    match header.validation {
        pyvm_loader::Validation::Timestamp { mtime, size } => {
            let src_mtime = zip::dos_to_unix(src.dos_date, src.dos_time);
            let recorded = i64::from(mtime);
            let close = (recorded - (src_mtime & 0xffff_ffff)).abs() <= 1;
            let src_size = zip::Archive::read(&z.bytes, src_name, src)
                .map(|b| b.len() as u64)
                .ok()?;
            if !close {
                Some("source modification time differs")
            } else if u64::from(size) != src_size & 0xffff_ffff {
                Some("source size differs")
            } else {
                None
            }
        }
        pyvm_loader::Validation::Hash {
            hash,
            checked: true,
        } => {
            let bytes = zip::Archive::read(&z.bytes, src_name, src).ok()?;
            (pyvm_loader::hash::source_hash(&bytes) != hash).then_some("source hash differs")
        }
        pyvm_loader::Validation::Hash { checked: false, .. } => None,
    }
}

/// A module object as `ModuleType(name)` makes it (`__name__`, `__doc__`, `__package__`,
/// `__loader__`, `__spec__`, in that order).
fn fresh_module(vm: &mut Vm, name: &str) -> ObjRef {
    let m = vm.new_module(name);
    for k in ["__package__", "__loader__", "__spec__"] {
        vm.set_module_attr(&m, k, Value::None);
    }
    m
}

/// `resolve_name` from import.c: the absolute name of a relative import.
fn resolve_name(vm: &mut Vm, name: &str, globals: Option<&ObjRef>, level: i64) -> PyResult<String> {
    let Some(globals) = globals else {
        let k = vm.new_str("'__name__' not in globals");
        return Err(vm.new_key_error(k));
    };
    let get = |vm: &Vm, k: &str| vm.dict_get_str(globals, k);
    let package = get(vm, "__package__").filter(|v| !v.is_none());
    let spec = get(vm, "__spec__").filter(|v| !v.is_none());
    let package: String = if let Some(p) = package {
        match p.as_str() {
            Some(s) => s.to_string(),
            None => return Err(vm.new_type_error("package must be a string")),
        }
    } else if let Some(spec) = spec {
        let parent = vm.getattr_str(&spec, "parent")?;
        match parent.as_str() {
            Some(s) => s.to_string(),
            None => return Err(vm.new_type_error("__spec__.parent must be a string")),
        }
    } else {
        let Some(n) = get(vm, "__name__") else {
            let k = vm.new_str("'__name__' not in globals");
            return Err(vm.new_key_error(k));
        };
        let Some(n) = n.as_str().map(str::to_string) else {
            return Err(vm.new_type_error("__name__ must be a string"));
        };
        if get(vm, "__path__").is_some() {
            n
        } else {
            match n.rsplit_once('.') {
                Some((p, _)) => p.to_string(),
                None => {
                    return Err(plain_import_error(
                        vm,
                        "attempted relative import with no known parent package",
                    ))
                }
            }
        }
    };
    if package.is_empty() {
        return Err(plain_import_error(
            vm,
            "attempted relative import with no known parent package",
        ));
    }
    let mut base = package.as_str();
    for _ in 1..level {
        match base.rsplit_once('.') {
            Some((b, _)) => base = b,
            None => {
                return Err(plain_import_error(
                    vm,
                    "attempted relative import beyond top-level package",
                ))
            }
        }
    }
    Ok(if name.is_empty() {
        base.to_string()
    } else {
        format!("{base}.{name}")
    })
}

/// `importlib._bootstrap._resolve_name` (used by `importlib.import_module`).
pub(crate) fn resolve_relative(
    vm: &Vm,
    name: &str,
    package: &str,
    level: usize,
) -> PyResult<String> {
    let bits: Vec<&str> = package.rsplitn(level, '.').collect();
    if bits.len() < level {
        return Err(plain_import_error(
            vm,
            "attempted relative import beyond top-level package",
        ));
    }
    let base = bits.last().copied().unwrap_or("");
    Ok(if name.is_empty() {
        base.to_string()
    } else {
        format!("{base}.{name}")
    })
}
