//! [`Interpreter`]: one independent VM with its builtins, modules, output and limits.

use super::caps::Capabilities;
use super::convert::{FromPy, IntoArgs, IntoKwargs, IntoPy, PyValue};
use super::error::{Error, PyException, Result};
use super::host::{make_function, panic_message, HostFn, HostModule};
use super::input::Input;
use super::output::Output;
use super::program::Program;
use pyvm_vm::import::Importer;
use pyvm_vm::limits::Abort;
use pyvm_vm::{ObjRef, Payload, PyErr, PyResult, Value, Vm};
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Native stack the VM may use by default (see [`Builder::stack_limit`]).
pub const DEFAULT_STACK_LIMIT: usize = 1 << 20;

/// Configures an [`Interpreter`]. Start from [`Interpreter::builder`].
///
/// Defaults: every capability off ([`Capabilities::none`]), no fuel limit, no memory limit,
/// CPython's recursion limit (1000), no module paths, output to the process's streams, empty
/// `sys.argv`, bytecode verification on.
#[derive(Debug)]
pub struct Builder {
    caps: Capabilities,
    fuel: Option<u64>,
    memory_limit: Option<u64>,
    recursion_limit: Option<usize>,
    stack_limit: Option<usize>,
    module_paths: Vec<PathBuf>,
    stdout: Output,
    stderr: Output,
    stdin: Option<Input>,
    argv: Vec<String>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            caps: Capabilities::none(),
            fuel: None,
            memory_limit: None,
            recursion_limit: None,
            stack_limit: Some(DEFAULT_STACK_LIMIT),
            module_paths: Vec::new(),
            stdout: Output::Inherit,
            stderr: Output::Inherit,
            stdin: None,
            argv: Vec::new(),
        }
    }
}

impl Builder {
    /// What the guest may reach outside the VM (default: nothing).
    pub fn capabilities(mut self, caps: Capabilities) -> Self {
        self.caps = caps;
        self
    }

    /// Trusts the guest completely ([`Capabilities::all`]).
    pub fn trusted(self) -> Self {
        self.capabilities(Capabilities::all())
    }

    /// The instruction budget: after `fuel` bytecode instructions (plus native iteration
    /// steps) the guest is stopped with [`Error::FuelExhausted`]. Refill with
    /// [`Interpreter::set_fuel`].
    pub fn fuel(mut self, fuel: u64) -> Self {
        self.fuel = Some(fuel);
        self
    }

    /// Caps the heap growth of the interpreter's thread at `bytes`; the guest gets a
    /// `MemoryError` beyond it. Needs [`CountingAllocator`](super::CountingAllocator) as the
    /// global allocator ([`Builder::build`] fails with [`Error::Config`] otherwise).
    pub fn memory_limit(mut self, bytes: u64) -> Self {
        self.memory_limit = Some(bytes);
        self
    }

    /// The recursion limit (Python frames). In a sandbox the guest's `sys.setrecursionlimit`
    /// cannot raise it above this value.
    pub fn recursion_limit(mut self, frames: usize) -> Self {
        self.recursion_limit = Some(frames);
        self
    }

    /// How much native (Rust) stack the VM may use below the host's call into it, in bytes
    /// (default [`DEFAULT_STACK_LIMIT`](super::DEFAULT_STACK_LIMIT), 1 MiB, safe on any thread
    /// with Rust's default 2 MiB stack). Python-to-Python calls don't use the native stack, but
    /// native re-entry does (a `__repr__` calling `repr`, `sorted(key=...)` recursing): beyond
    /// this budget the guest gets `RecursionError` instead of overflowing the thread's stack and
    /// aborting the process. Raise it on threads with bigger stacks; `None` turns the check off.
    pub fn stack_limit(mut self, bytes: Option<usize>) -> Self {
        self.stack_limit = bytes;
        self
    }

    /// Adds a directory searched by `import` for compiled modules (`name.pyc`, packages with
    /// `__init__.pyc`, `__pycache__/name.cpython-312.pyc`). Searched in the order added.
    pub fn module_path(mut self, dir: impl Into<PathBuf>) -> Self {
        self.module_paths.push(dir.into());
        self
    }

    /// Where `print` and `sys.stdout` go.
    pub fn stdout(mut self, out: impl Into<Output>) -> Self {
        self.stdout = out.into();
        self
    }

    /// Where `sys.stderr` and tracebacks printed by the VM go.
    pub fn stderr(mut self, out: impl Into<Output>) -> Self {
        self.stderr = out.into();
        self
    }

    /// What `sys.stdin` and `input()` read. By default the process's stdin when the
    /// `stdin` capability is on, else nothing ([`Input::Empty`], and `input()` raises
    /// `PermissionError`). Input the host gives here is readable whatever the capabilities.
    pub fn stdin(mut self, input: impl Into<Input>) -> Self {
        self.stdin = Some(input.into());
        self
    }

    /// `sys.argv`.
    pub fn argv<S: Into<String>>(mut self, argv: impl IntoIterator<Item = S>) -> Self {
        self.argv = argv.into_iter().map(Into::into).collect();
        self
    }

    /// Creates the interpreter.
    pub fn build(self) -> Result<Interpreter> {
        if self.memory_limit.is_some() && !super::alloc::counting_allocator_installed() {
            return Err(Error::Config {
                reason:
                    "a memory limit needs pyvm::embed::CountingAllocator as the global allocator",
            });
        }
        let mut vm = Vm::new();
        vm.argv = self.argv;
        pyvm_builtins::install(&mut vm);
        vm.set_stdout(self.stdout.into_sink(false));
        vm.set_stderr(self.stderr.into_sink(true));
        let given_stdin = self.stdin.is_some();
        let stdin = match self.stdin {
            Some(i) => i,
            None if self.caps.has_stdin() => Input::Inherit,
            None => Input::Empty,
        };
        vm.set_stdin(stdin.into_source());
        let input_fn = vm.get_builtin("input").unwrap_or(Value::None);
        let paths: Vec<String> = self
            .module_paths
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let cfg = pyvm_builtins::import::ImportConfig {
            path: paths.clone(),
            pycache_prefix: None,
        };
        if let Err(e) = pyvm_builtins::import::configure(&mut vm, &cfg) {
            return Err(Error::Exception(exception_data(&mut vm, &e)));
        }
        let host_modules: Rc<RefCell<Vec<String>>> = Rc::default();
        let caps = self.caps;
        if !caps.is_trusted() {
            sandbox(&mut vm, caps, &host_modules, paths, self.recursion_limit);
            if given_stdin {
                vm.set_builtin("input", input_fn.clone());
            }
        }
        if let Some(n) = self.recursion_limit {
            vm.set_recursion_limit(n);
        }
        vm.set_stack_limit(self.stack_limit);
        let interrupt = Arc::new(AtomicBool::new(false));
        vm.set_interrupt_flag(Some(interrupt.clone()));
        vm.set_fuel(self.fuel);
        if let Some(m) = self.memory_limit {
            vm.set_heap_limit(Some(m));
        }
        Ok(Interpreter {
            vm,
            caps,
            interrupt,
            host_modules,
            poisoned: None,
            input_fn,
        })
    }
}

/// Applies the capability restrictions of a sandboxed interpreter.
fn sandbox(
    vm: &mut Vm,
    caps: Capabilities,
    host_modules: &Rc<RefCell<Vec<String>>>,
    paths: Vec<String>,
    recursion_cap: Option<usize>,
) {
    if !caps.has_filesystem() {
        vm.set_traceback_source(false);
        let f = vm.new_native_function("open", |vm, _a| {
            let ty = vm
                .get_builtin("PermissionError")
                .and_then(|v| vm.as_class(&v));
            let msg = "open() is not allowed: the host gave this interpreter no file system access";
            Err(match ty {
                Some(t) => vm.new_exception_msg(&t, msg),
                None => vm.new_os_error(msg),
            })
        });
        vm.set_builtin("open", f);
    }
    if !caps.has_stdin() {
        let f = vm.new_native_function("input", |vm, _a| {
            let ty = vm
                .get_builtin("PermissionError")
                .and_then(|v| vm.as_class(&v));
            let msg = "input() is not allowed: the host gave this interpreter no stdin";
            Err(match ty {
                Some(t) => vm.new_exception_msg(&t, msg),
                None => vm.new_os_error(msg),
            })
        });
        vm.set_builtin("input", f);
    }
    // Drop modules the builtins crate may have imported eagerly that the guest may not have.
    let mods = Value::Obj(vm.modules_dict().clone());
    for (k, _) in vm.dict_items(&mods) {
        if k.as_str()
            .is_some_and(|n| n != "__main__" && !caps.allows_native(n))
        {
            let _ = vm.dict_del_item(&mods, &k);
        }
    }
    let hm = host_modules.clone();
    vm.set_import_filter(Some(Rc::new(move |name: &str| {
        let top = name.split('.').next().unwrap_or(name);
        caps.allows_native(name) || hm.borrow().iter().any(|m| m == top)
    })));
    if !(caps.has_all_native_modules() && caps.has_filesystem()) {
        if let Some(inner) = vm.importer() {
            vm.set_importer(Rc::new(SandboxImporter { inner, paths }));
        }
    }
    let cap = recursion_cap.unwrap_or_else(|| vm.recursion_limit());
    if let Some(sys) = vm
        .dict_get_str(&vm.modules_dict().clone(), "sys")
        .and_then(|s| s.as_obj().cloned())
    {
        let f = vm.new_native_function("setrecursionlimit", move |vm, a| {
            let [n] = a.pos else {
                return Err(vm.new_type_error(&format!(
                    "setrecursionlimit() takes exactly one argument ({} given)",
                    a.pos.len()
                )));
            };
            let Value::Int(n) = n else {
                return Err(vm.new_type_error("'float' object cannot be interpreted as an integer"));
            };
            if *n < 1 {
                return Err(vm.new_value_error("recursion limit must be greater or equal than 1"));
            }
            let n = usize::try_from(*n).unwrap_or(usize::MAX);
            if n > cap {
                return Err(
                    vm.new_value_error(&format!("recursion limit is capped at {cap} by the host"))
                );
            }
            vm.set_recursion_limit(n);
            Ok(Value::None)
        });
        vm.set_module_attr(&sys, "setrecursionlimit", f);
    }
}

/// The import system of a sandbox: the builtins crate's, with `sys.path` (and the cache
/// prefix) put back to the host's values before every import, so the guest cannot point the
/// importer at other directories.
struct SandboxImporter {
    inner: Rc<dyn Importer>,
    paths: Vec<String>,
}

impl SandboxImporter {
    fn reset(&self, vm: &mut Vm) {
        let Some(sys) = vm
            .dict_get_str(&vm.modules_dict().clone(), "sys")
            .and_then(|s| s.as_obj().cloned())
        else {
            return;
        };
        let items = self.paths.iter().map(|p| vm.new_str(p)).collect();
        let path = vm.new_list(items);
        vm.set_module_attr(&sys, "path", path);
        vm.set_module_attr(&sys, "pycache_prefix", Value::None);
        let (mp, ph) = (vm.new_list(vec![]), vm.new_list(vec![]));
        vm.set_module_attr(&sys, "meta_path", mp);
        vm.set_module_attr(&sys, "path_hooks", ph);
        let pic = vm.new_dict();
        vm.set_module_attr(&sys, "path_importer_cache", pic);
    }
}

impl Importer for SandboxImporter {
    fn import_name(
        &self,
        vm: &mut Vm,
        name: &Value,
        globals: &ObjRef,
        fromlist: &Value,
        level: &Value,
    ) -> PyResult<Value> {
        self.reset(vm);
        self.inner.import_name(vm, name, globals, fromlist, level)
    }

    fn import_from(&self, vm: &mut Vm, module: &Value, name: &Value) -> PyResult<Value> {
        self.reset(vm);
        self.inner.import_from(vm, module, name)
    }

    fn import_module(&self, vm: &mut Vm, name: &str) -> PyResult<Value> {
        self.reset(vm);
        self.inner.import_module(vm, name)
    }
}

/// A Python exception as plain data: class name, base class names, `str(exc)` and the
/// CPython-formatted traceback.
pub(crate) fn exception_data(vm: &mut Vm, e: &PyErr) -> PyException {
    let v = e.value();
    let type_name = vm.type_name(&v).to_string();
    let mut mro = vec![type_name.clone()];
    let cls = vm.type_of(&v);
    if let Some(td) = cls.as_type() {
        for c in td.mro.borrow().iter() {
            if let Some(t) = c.as_type() {
                let n = t.name.borrow().to_string();
                if !mro.contains(&n) {
                    mro.push(n);
                }
            }
        }
    }
    let message = vm
        .str_string(&v)
        .unwrap_or_else(|_| "<exception str() failed>".to_string());
    let traceback = vm.format_exception(e);
    let system_exit = vm.types().exc.system_exit.clone();
    let exit_status = if vm.err_matches(e, &system_exit) {
        Some(match vm.getattr_str(&v, "code") {
            Ok(Value::None) => 0,
            Ok(Value::Int(i)) => i32::try_from(i).unwrap_or(1),
            Ok(Value::Bool(b)) => i32::from(b.get()),
            _ => 1,
        })
    } else {
        None
    };
    PyException::from_parts(type_name, mro, message, traceback, exit_status)
}

/// A handle the host keeps to stop a running guest from any thread.
///
/// `Send + Sync + Clone`. [`InterruptHandle::interrupt`] makes the guest stop at its next safe
/// point (within a few thousand instructions) with [`Error::Interrupted`]; the guest cannot
/// catch it.
#[derive(Clone, Debug)]
pub struct InterruptHandle(Arc<AtomicBool>);

impl InterruptHandle {
    /// Asks the guest to stop. If no guest code is running, the next call into the guest
    /// stops at once (use [`InterruptHandle::clear`] to withdraw the request).
    pub fn interrupt(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Is a request pending (not yet acted on)?
    pub fn is_pending(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// Withdraws a pending request.
    pub fn clear(&self) {
        self.0.store(false, Ordering::Relaxed);
    }
}

/// A Python module object held by the host (the result of running a program, an import or a
/// registered host module). Tied to its interpreter's thread (`!Send`).
#[derive(Clone)]
pub struct Module {
    obj: ObjRef,
}

impl Module {
    /// The module's name (`__name__`).
    pub fn name(&self) -> String {
        match &self.obj.payload {
            Payload::Module(m) => m.name.to_string(),
            _ => String::new(),
        }
    }

    /// The module as a Python value.
    pub fn to_value(&self) -> PyValue {
        PyValue::from_raw(Value::Obj(self.obj.clone()))
    }

    fn dict(&self) -> Option<&ObjRef> {
        match &self.obj.payload {
            Payload::Module(m) => Some(&m.dict),
            _ => None,
        }
    }
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Module({:?})", self.name())
    }
}

/// An independent Python interpreter: its own builtins, `sys.modules`, output, limits and
/// capabilities. There is no global state: create as many as you like.
///
/// Not `Send`: Python values are reference counted with `Rc`, so an interpreter and every
/// value it produced stay on the thread that created the interpreter. To run guests on other
/// threads, create the interpreter *inside* the thread; the loaded [`Program`] (an
/// `Arc` of the code) is `Send + Sync` and can be shared.
pub struct Interpreter {
    vm: Vm,
    caps: Capabilities,
    interrupt: Arc<AtomicBool>,
    host_modules: Rc<RefCell<Vec<String>>>,
    poisoned: Option<String>,
    /// The builtin `input`, put back when the host supplies stdin to a sandbox.
    input_fn: Value,
}

impl std::fmt::Debug for Interpreter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interpreter")
            .field("capabilities", &self.caps)
            .field("fuel", &self.vm.fuel())
            .finish()
    }
}

impl Interpreter {
    /// A sandboxed interpreter with default settings (see [`Builder`]).
    pub fn new() -> Interpreter {
        match Builder::default().build() {
            Ok(i) => i,
            // Without a memory limit `build` cannot fail except through a broken `sys`
            // module; fall back to an interpreter without the import configuration.
            Err(_) => {
                let mut vm = Vm::new();
                pyvm_builtins::install(&mut vm);
                vm.set_stdin(Input::Empty.into_source());
                let input_fn = vm.get_builtin("input").unwrap_or(Value::None);
                let interrupt = Arc::new(AtomicBool::new(false));
                vm.set_interrupt_flag(Some(interrupt.clone()));
                vm.set_stack_limit(Some(DEFAULT_STACK_LIMIT));
                let host_modules = Rc::default();
                sandbox(
                    &mut vm,
                    Capabilities::none(),
                    &host_modules,
                    Vec::new(),
                    None,
                );
                Interpreter {
                    vm,
                    caps: Capabilities::none(),
                    interrupt,
                    host_modules,
                    poisoned: None,
                    input_fn,
                }
            }
        }
    }

    /// A configurable interpreter.
    pub fn builder() -> Builder {
        Builder::default()
    }

    // ----- entering the guest ------------------------------------------------------------------

    /// Runs `f` as guest code: clears an earlier abort, catches panics, maps errors, flushes.
    fn enter<T>(&mut self, f: impl FnOnce(&mut Vm) -> PyResult<T>) -> Result<T> {
        if let Some(m) = &self.poisoned {
            return Err(Error::Poisoned { message: m.clone() });
        }
        self.vm.clear_abort();
        self.vm.mark_stack_base();
        let r = match catch_unwind(AssertUnwindSafe(|| f(&mut self.vm))) {
            Ok(r) => r,
            Err(p) => {
                let message = panic_message(p.as_ref());
                self.poisoned = Some(message.clone());
                return Err(Error::Poisoned { message });
            }
        };
        let r = r.map_err(|e| self.error_from(&e));
        self.vm.flush_stdout();
        r
    }

    fn error_from(&mut self, e: &PyErr) -> Error {
        match self.vm.abort_reason() {
            Some(Abort::FuelExhausted) => Error::FuelExhausted,
            Some(_) => Error::Interrupted,
            None => Error::Exception(exception_data(&mut self.vm, e)),
        }
    }

    fn convert<T: FromPy>(&mut self, v: &Value) -> Result<T> {
        T::from_py(&mut self.vm, v)
    }

    // ----- running code ------------------------------------------------------------------------

    /// Runs a program as the `__main__` module (like `python3.12 FILE.pyc`) and returns that
    /// module. An uncaught exception (including `SystemExit`) comes back as
    /// [`Error::Exception`]; the module stays available through [`Interpreter::main_module`].
    pub fn run(&mut self, program: &Program) -> Result<Module> {
        let code = program.code().clone();
        let file = program.file().to_string();
        self.enter(|vm| vm.run_module(&code, &file))?;
        self.main_module().ok_or(Error::Config {
            reason: "running the program did not create __main__",
        })
    }

    /// Runs a program as a module called `name` and registers it in `sys.modules`, so guest
    /// code can `import name` afterwards. If it fails, it is removed from `sys.modules` again.
    pub fn run_module(&mut self, program: &Program, name: &str) -> Result<Module> {
        let code = program.code().clone();
        let m = self.vm.new_module(name);
        let file = self.vm.new_str(program.file());
        self.vm.set_module_attr(&m, "__file__", file);
        for attr in ["__cached__", "__loader__", "__spec__"] {
            self.vm.set_module_attr(&m, attr, Value::None);
        }
        let package = self
            .vm
            .new_str(name.rsplit_once('.').map_or("", |(p, _)| p));
        self.vm.set_module_attr(&m, "__package__", package);
        self.vm.register_module(name, m.clone());
        let r = self.enter(|vm| {
            let r = vm.exec_module_code(&code, &m);
            vm.run_finalizers();
            r
        });
        if let Err(e) = r {
            let mods = Value::Obj(self.vm.modules_dict().clone());
            let key = self.vm.new_str(name);
            let _ = self.vm.dict_del_item(&mods, &key);
            return Err(e);
        }
        Ok(Module { obj: m })
    }

    /// `import name` (a dotted name gives the submodule), through the interpreter's import
    /// system and capability filter.
    pub fn import(&mut self, name: &str) -> Result<Module> {
        let v = self.enter(|vm| vm.import_module(name))?;
        match v {
            Value::Obj(o) if matches!(o.payload, Payload::Module(_)) => Ok(Module { obj: o }),
            other => Err(Error::Conversion {
                expected: "module".into(),
                found: self.vm.type_name(&other).to_string(),
            }),
        }
    }

    /// The `__main__` module, once a program has been run.
    pub fn main_module(&self) -> Option<Module> {
        match self.vm.dict_get_str(self.vm.modules_dict(), "__main__") {
            Some(Value::Obj(o)) if matches!(o.payload, Payload::Module(_)) => {
                Some(Module { obj: o })
            }
            _ => None,
        }
    }

    // ----- globals -----------------------------------------------------------------------------

    /// Reads a module global (no Python code runs).
    pub fn get<T: FromPy>(&mut self, module: &Module, name: &str) -> Result<T> {
        let v = module.dict().and_then(|d| self.vm.dict_get_str(d, name));
        match v {
            Some(v) => self.convert(&v),
            None => Err(Error::MissingGlobal {
                module: module.name(),
                name: name.to_string(),
            }),
        }
    }

    /// Does the module have a global called `name`?
    pub fn has(&self, module: &Module, name: &str) -> bool {
        module
            .dict()
            .is_some_and(|d| self.vm.dict_get_str(d, name).is_some())
    }

    /// Sets a module global.
    pub fn set<T: IntoPy>(&mut self, module: &Module, name: &str, value: T) -> Result<()> {
        let v = value.into_py(&mut self.vm)?;
        self.vm.set_module_attr(&module.obj, name, v);
        Ok(())
    }

    /// The names of a module's globals, in definition order.
    pub fn global_names(&self, module: &Module) -> Vec<String> {
        match module.dict() {
            Some(d) => self
                .vm
                .dict_items(&Value::Obj(d.clone()))
                .iter()
                .filter_map(|(k, _)| k.as_str().map(str::to_owned))
                .collect(),
            None => Vec::new(),
        }
    }

    // ----- calling -----------------------------------------------------------------------------

    /// Calls a Python callable with positional arguments: `f(*args)`.
    pub fn call<R: FromPy>(&mut self, f: &PyValue, args: impl IntoArgs) -> Result<R> {
        let args = args.into_args(&mut self.vm)?;
        let v = self.enter(|vm| vm.call(f.raw(), &args))?;
        self.convert(&v)
    }

    /// Calls a Python callable with positional and keyword arguments: `f(*args, **kwargs)`.
    pub fn call_kw<R: FromPy>(
        &mut self,
        f: &PyValue,
        args: impl IntoArgs,
        kwargs: impl IntoKwargs,
    ) -> Result<R> {
        let args = args.into_args(&mut self.vm)?;
        let kw = kwargs.into_kwargs(&mut self.vm)?;
        let v = self.enter(|vm| vm.call_kw(f.raw(), &args, &kw))?;
        self.convert(&v)
    }

    /// Calls the module-level function `name` of `module`.
    pub fn call_function<R: FromPy>(
        &mut self,
        module: &Module,
        name: &str,
        args: impl IntoArgs,
    ) -> Result<R> {
        let f: PyValue = self.get(module, name)?;
        self.call(&f, args)
    }

    /// Calls a method: `obj.name(*args)`.
    pub fn call_method<R: FromPy>(
        &mut self,
        obj: &PyValue,
        name: &str,
        args: impl IntoArgs,
    ) -> Result<R> {
        let args = args.into_args(&mut self.vm)?;
        let v = self.enter(|vm| vm.call_method(obj.raw(), name, &args))?;
        self.convert(&v)
    }

    /// Reads an attribute: `obj.name` (may run Python code: properties, `__getattr__`).
    pub fn getattr<T: FromPy>(&mut self, obj: &PyValue, name: &str) -> Result<T> {
        let v = self.enter(|vm| vm.getattr_str(obj.raw(), name))?;
        self.convert(&v)
    }

    /// `repr(v)`.
    pub fn repr(&mut self, v: &PyValue) -> Result<String> {
        self.enter(|vm| vm.repr_string(v.raw()))
    }

    /// `str(v)`.
    pub fn str(&mut self, v: &PyValue) -> Result<String> {
        self.enter(|vm| vm.str_string(v.raw()))
    }

    /// Converts a Rust value into a Python value of this interpreter.
    pub fn to_py<T: IntoPy>(&mut self, v: T) -> Result<PyValue> {
        v.into_py(&mut self.vm).map(PyValue::from_raw)
    }

    /// Converts a Python value into a Rust value.
    pub fn extract<T: FromPy>(&mut self, v: &PyValue) -> Result<T> {
        self.convert(v.raw())
    }

    // ----- host functions ----------------------------------------------------------------------

    /// Makes a Rust function callable from Python as the builtin `name` (visible in every
    /// module, like `len`).
    pub fn register_fn<M, F: HostFn<M>>(&mut self, name: &str, f: F) {
        let v = make_function(&mut self.vm, name, f);
        self.vm.set_builtin(name, v);
    }

    /// Makes a Rust function a Python value (to store in a global, pass as an argument, …).
    pub fn wrap_fn<M, F: HostFn<M>>(&mut self, name: &str, f: F) -> PyValue {
        PyValue::from_raw(make_function(&mut self.vm, name, f))
    }

    /// Registers a host-defined module: guest code can `import` it (whatever the capabilities).
    pub fn register_module(&mut self, module: HostModule) -> Result<Module> {
        let HostModule { name, items } = module;
        let m = self.vm.new_module(&name);
        for (item, build) in items {
            let v = (build.0)(&mut self.vm, &item)?;
            self.vm.set_module_attr(&m, &item, v);
        }
        self.vm.register_module(&name, m.clone());
        let top = name.split('.').next().unwrap_or(&name).to_string();
        self.host_modules.borrow_mut().push(top);
        Ok(Module { obj: m })
    }

    // ----- limits and output -------------------------------------------------------------------

    /// A handle that stops the running guest from another thread.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        InterruptHandle(self.interrupt.clone())
    }

    /// Sets the remaining instruction budget (`None`: unlimited).
    pub fn set_fuel(&mut self, fuel: Option<u64>) {
        self.vm.set_fuel(fuel);
    }

    /// The remaining instruction budget (`None`: unlimited).
    pub fn fuel(&self) -> Option<u64> {
        self.vm.fuel()
    }

    /// Bytes the interpreter's thread allocated beyond the start of the memory limit (`None`
    /// without a memory limit).
    pub fn memory_used(&self) -> Option<u64> {
        self.vm.heap_used()
    }

    /// The recursion limit.
    pub fn recursion_limit(&self) -> usize {
        self.vm.recursion_limit()
    }

    /// Sets the recursion limit.
    pub fn set_recursion_limit(&mut self, frames: usize) {
        self.vm.set_recursion_limit(frames);
    }

    /// Redirects the guest's stdout (flushing what was written so far).
    pub fn set_stdout(&mut self, out: impl Into<Output>) {
        self.vm.set_stdout(out.into().into_sink(false));
    }

    /// Redirects the guest's stderr.
    pub fn set_stderr(&mut self, out: impl Into<Output>) {
        self.vm.set_stderr(out.into().into_sink(true));
    }

    /// Replaces what the guest's `sys.stdin` and `input()` read from now on (also in a
    /// sandbox without the `stdin` capability: this is input the host chose to give).
    pub fn set_stdin(&mut self, input: impl Into<Input>) {
        self.vm.set_stdin(input.into().into_source());
        if !self.input_fn.is_none() {
            self.vm.set_builtin("input", self.input_fn.clone());
        }
    }

    /// Flushes the guest's stdout (done after every call into the guest anyway).
    pub fn flush(&mut self) {
        self.vm.flush_stdout();
    }

    /// The capabilities the interpreter was built with.
    pub fn capabilities(&self) -> Capabilities {
        self.caps
    }

    /// The underlying VM, for what this API does not cover. Calls made directly on it bypass
    /// the safety net of the methods here (panic capture, abort reset, output flush).
    pub fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }
}

impl Default for Interpreter {
    fn default() -> Self {
        Interpreter::new()
    }
}

impl Drop for Interpreter {
    fn drop(&mut self) {
        self.vm.flush_stdout();
        // Leave the thread's heap tripwire disarmed for whatever runs next on it.
        self.vm.set_heap_limit(None);
    }
}
