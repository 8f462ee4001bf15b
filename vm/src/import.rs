//! The hook through which the host provides the import system.
//!
//! The VM knows no file, path or module name: `IMPORT_NAME`, `IMPORT_FROM` and
//! [`Vm::import_module`] hand their work to an [`Importer`] that the host installs with
//! [`Vm::set_importer`] (the builtins crate installs one that searches `sys.path`). Without an
//! importer only `sys.modules` and the registered native module factories are consulted.
//!
//! The importer builds on three generic services here: [`Vm::find_native_module`] (the
//! "builtin importer": runs a registered factory), [`Vm::exec_module_code`] (runs a module's
//! code object in the module's namespace) and [`Vm::new_module_not_found`].

use crate::frame::Frame;
use crate::object::ObjRef;
use crate::value::{Value, B64};
use crate::{PyErr, PyResult, Vm};
use pyvm_loader::Code;
use std::rc::Rc;
use std::sync::Arc;

/// The host's import machinery. Every method may run Python code (module bodies).
pub trait Importer {
    /// What `IMPORT_NAME` pushes: `__import__(name, globals, None, fromlist, level)`.
    fn import_name(
        &self,
        vm: &mut Vm,
        name: &Value,
        globals: &ObjRef,
        fromlist: &Value,
        level: &Value,
    ) -> PyResult<Value>;

    /// What `IMPORT_FROM` pushes for `from <module> import <name>`.
    fn import_from(&self, vm: &mut Vm, module: &Value, name: &Value) -> PyResult<Value>;

    /// Imports an absolute dotted name and returns the module itself (not the top package), like
    /// `importlib.import_module`.
    fn import_module(&self, vm: &mut Vm, name: &str) -> PyResult<Value>;
}

/// What a PEP 695 intrinsic (`class C[T]`, `def f[**P]`, `type X = …`) asks the host to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TypeParamOp {
    /// `T`: args `(name,)`.
    TypeVar,
    /// `T: bound`: args `(name, evaluate_bound)` (a function returning the bound).
    TypeVarWithBound,
    /// `T: (A, B)`: args `(name, evaluate_constraints)`.
    TypeVarWithConstraints,
    /// `**P`: args `(name,)`.
    ParamSpec,
    /// `*Ts`: args `(name,)`.
    TypeVarTuple,
    /// The implicit `Generic[T, …]` base: args `(params,)`.
    SubscriptGeneric,
    /// `type X[T] = …`: args `(name, type_params or None, evaluate_value, module name)`.
    TypeAlias,
}

/// The host's builder for [`TypeParamOp`]s (the builtins crate uses its `_typing` classes, as
/// CPython does). Without one, or when it returns `Ok(None)`, the VM makes its own minimal
/// objects.
pub type TypeParamHook = Rc<dyn Fn(&mut Vm, TypeParamOp, &[Value]) -> PyResult<Option<Value>>>;

impl Vm {
    /// Installs the builder of PEP 695 objects ([`TypeParamHook`]).
    pub fn set_type_param_hook(&mut self, hook: TypeParamHook) {
        self.type_param_hook = Some(hook);
    }

    /// Installs the import system used by `IMPORT_NAME`, `IMPORT_FROM` and [`Vm::import_module`].
    pub fn set_importer(&mut self, importer: Rc<dyn Importer>) {
        self.importer = Some(importer);
    }

    /// The installed import system, if any.
    pub fn importer(&self) -> Option<Rc<dyn Importer>> {
        self.importer.clone()
    }

    /// Whether a native module factory is registered under `name`.
    pub fn has_native_module(&self, name: &str) -> bool {
        self.module_factories.iter().any(|(n, _)| &**n == name)
    }

    /// Registers a native module that stands in for a pure-Python module: an importer searches
    /// its path first and builds this one only when no path entry has the module (see
    /// [`Vm::mark_fallback_module`]).
    pub fn register_fallback_module_factory(
        &mut self,
        name: &str,
        f: impl Fn(&mut Vm) -> PyResult<ObjRef> + 'static,
    ) {
        self.register_module_factory(name, f);
        self.mark_fallback_module(name);
    }

    /// Marks the native module registered (now or later) as `name` as a fallback: CPython's
    /// module of that name is pure Python, so a module found on the import path wins over it.
    /// Without an importer, or when the path has no such module, the native one is used.
    pub fn mark_fallback_module(&mut self, name: &str) {
        if !self.is_fallback_module(name) {
            self.fallback_modules.push(Rc::from(name));
        }
    }

    /// The registered native modules that are not fallbacks, sorted (`sys.builtin_module_names`).
    pub fn native_module_names(&self) -> Vec<Rc<str>> {
        let mut v: Vec<Rc<str>> = self
            .module_factories
            .iter()
            .map(|(n, _)| n.clone())
            .filter(|n| !self.is_fallback_module(n))
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Whether `name` is a fallback native module ([`Vm::mark_fallback_module`]).
    pub fn is_fallback_module(&self, name: &str) -> bool {
        self.fallback_modules.iter().any(|n| &**n == name)
    }

    /// Lets a later crate add to the native module registered as `name`: `extend` runs on each
    /// module the factory builds. Does nothing when no factory has that name.
    pub fn extend_module_factory(
        &mut self,
        name: &str,
        extend: impl Fn(&mut Vm, &ObjRef) -> PyResult<()> + 'static,
    ) {
        let Some(slot) = self.module_factories.iter_mut().find(|(n, _)| &**n == name) else {
            return;
        };
        let base = slot.1.clone();
        slot.1 = Rc::new(move |vm: &mut Vm| {
            let m = base(vm)?;
            extend(vm, &m)?;
            Ok(m)
        });
    }

    /// Builds the native module registered as `name` (without touching `sys.modules`), or
    /// `Ok(None)` when there is no such factory. The host's import filter applies.
    pub fn find_native_module(&mut self, name: &str) -> PyResult<Option<ObjRef>> {
        if !self.has_native_module(name) {
            return Ok(None);
        }
        self.check_import(name)?;
        let factory = self
            .module_factories
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, f)| f.clone());
        match factory {
            Some(fac) => fac(self).map(Some),
            None => Ok(None),
        }
    }

    /// Runs a module's code object with the module's `__dict__` as globals and locals (adding
    /// `__builtins__`, the builtins dict, when missing, as `exec` does).
    pub fn exec_module_code(&mut self, code: &Arc<Code>, module: &ObjRef) -> PyResult<Value> {
        let co = self.load_code(code)?;
        let Some(globals) = module.dict_obj() else {
            return Err(self.new_system_error("module without a dict"));
        };
        if self.dict_get_str(&globals, "__builtins__").is_none() {
            let b = Value::Obj(self.builtins.clone());
            self.dict_set_str(Some(&globals), "__builtins__", b);
        }
        let frame = Frame::new(co, globals.clone(), self.builtins.clone(), Some(globals));
        self.run_frame(frame)
    }

    /// The `AttributeError` message for a missing module attribute, as `module_getattro` words it:
    /// a module whose `__spec__._initializing` is true is "partially initialized", and a name in
    /// `__spec__._uninitialized_submodules` is a submodule still being imported (both hint at a
    /// circular import). Reads dicts only: no Python code runs.
    pub(crate) fn module_missing_attr_message(
        &self,
        module: &Value,
        fallback: &str,
        name: &str,
    ) -> String {
        let dict = module.as_obj().and_then(|o| o.dict_obj());
        let modname = dict
            .as_ref()
            .and_then(|d| self.dict_get_str(d, "__name__"))
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| fallback.to_string());
        let spec_dict = dict
            .as_ref()
            .and_then(|d| self.dict_get_str(d, "__spec__"))
            .and_then(|s| s.as_obj().and_then(|o| self.instance_dict(o)));
        if let Some(sd) = spec_dict {
            if matches!(
                self.dict_get_str(&sd, "_initializing"),
                Some(Value::Bool(B64::TRUE))
            ) {
                return format!(
                    "partially initialized module '{modname}' has no attribute '{name}' \
                     (most likely due to a circular import)"
                );
            }
            if let Some(Value::Obj(l)) = self.dict_get_str(&sd, "_uninitialized_submodules") {
                if let crate::object::Payload::List(items) = &l.payload {
                    if items.borrow().iter_ref().any(|v| v.as_str() == Some(name)) {
                        return format!(
                            "cannot access submodule '{name}' of module '{modname}' \
                             (most likely due to a circular import)"
                        );
                    }
                }
            }
        }
        format!("module '{modname}' has no attribute '{name}'")
    }

    /// `ModuleNotFoundError(msg, name=name)`.
    pub fn new_module_not_found(&self, msg: &str, name: &str) -> PyErr {
        let e = self.new_exception_msg(&self.t.exc.module_not_found_error, msg);
        if let Some(d) = e.exc().dict_obj().as_ref() {
            let n = self.new_str(name);
            self.dict_set_str(Some(d), "name", n);
        }
        e
    }
}
