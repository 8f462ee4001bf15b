//! The `Vm`: interpreter state and the embedding API (object creation, registration, errors, I/O).

use crate::dict::DictTable;
use crate::error::{PyErr, PyResult};
use crate::frame::Frame;
use crate::object::{
    Args, ExceptionState, FunctionData, ModuleData, NativeFn, NativeFunctionData, NativeKind,
    ObjRef, Payload, PyObject, StrData,
};
use crate::set::SetTable;
use crate::stdout::Stdout;
use crate::types::Types;
use crate::value::{Value, B64};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// Most frames kept in [`Vm::frame_pool`] (its capacity, reserved up front).
const FRAME_POOL_MAX: usize = 64;
/// Frames whose locals or stack hold more slots than this are freed rather than pooled.
const FRAME_POOL_MAX_SLOTS: usize = 256;

/// Releases a value that is not the last reference to its object (the caller checked that the
/// reference count is above 1), so dropping it frees nothing and needs no call.
#[inline(always)]
fn release_shared(v: Value) {
    if let Value::Obj(o) = v {
        if ObjRef::strong_count(&o) <= 1 {
            // SAFETY: every caller checks `strong_count > 1` on this very reference just
            // before, with nothing in between that could release another reference to the
            // object. Telling the compiler lets it drop the `drop_slow` call below.
            unsafe { std::hint::unreachable_unchecked() }
        }
        drop(o);
    }
}

/// Where `print` and tracebacks go. The host may redirect them (e.g. to capture output in tests).
pub type Sink = Box<dyn Write>;

/// Where `sys.stdin` reads from.
pub type Source = Box<dyn std::io::BufRead>;

/// The virtual machine. Single-threaded: not `Send`, not `Sync`.
pub struct Vm {
    pub(crate) t: Types,
    pub(crate) builtins: ObjRef,
    pub(crate) sys_modules: ObjRef,
    /// Suspended caller frames of the running dispatch loops (the running frame is held by its
    /// loop). Boxed so a frame moves between this stack, the loop and generators by pointer.
    #[allow(clippy::vec_box)]
    pub(crate) frames: Vec<Box<Frame>>,
    /// Generators whose frames `FOR_ITER` is running inline in a dispatch loop, innermost
    /// last (`exec/gen.rs`).
    pub(crate) inline_gens: Vec<crate::exec::gen::InlineGen>,
    /// The `depth` of the last of `inline_gens` (0 when there is none), so that a return
    /// checks it with one compare.
    pub(crate) inline_gen_top: usize,
    /// Python frames + native re-entries currently active.
    pub(crate) depth: usize,
    pub(crate) recursion_limit: usize,
    /// The exception being handled (`sys.exc_info()`), or `None`.
    pub(crate) cur_exc: Value,
    pub(crate) not_implemented: Value,
    pub(crate) ellipsis: Value,
    pub(crate) empty_tuple: ObjRef,
    /// stdout: its sink, buffering and pending text (`crate::stdout`).
    pub(crate) stdout: Stdout,
    pub(crate) err: Sink,
    input: Source,
    /// Whether the process's stdin, stdout and stderr are terminals (`isatty()`), as the host
    /// says (`pyvm run` asks the OS; an embedded interpreter's streams are not).
    terminals: [bool; 3],
    /// `sys.argv` as given by the host.
    pub argv: Vec<String>,
    /// Native modules not imported yet: name → constructor.
    pub(crate) module_factories: Vec<(Rc<str>, ModuleFactory)>,
    /// Names of registered native modules that are fallbacks: an importer should prefer a module
    /// of that name found on its search path (see [`Vm::mark_fallback_module`]).
    pub(crate) fallback_modules: Vec<Rc<str>>,
    /// The calling frame's namespaces while a `needs_frame` builtin runs.
    pub(crate) frame_ctx: Option<(ObjRef, Value)>,
    /// Issues warnings for `Vm::warn` (installed by the builtins crate's `_warnings`).
    pub(crate) warn_hook: Option<crate::warn::WarnHook>,
    /// The calling frame's code and instruction while a `needs_frame` builtin runs.
    pub(crate) frame_code: Option<(Rc<crate::code::CodeObj>, usize)>,
    /// Classes that own `__slots__` member descriptors, by qualified name (`__objclass__`).
    pub(crate) slot_owners: Vec<(Rc<str>, ObjRef)>,
    /// Cache of type attribute lookups (see `proto::attr::type_modified`).
    pub(crate) attr_cache: RefCell<Vec<Option<crate::proto::attr::AttrCacheEntry>>>,
    /// The PEP 695 type objects (`TypeVar`, `TypeAliasType`, …), created on first use.
    pub(crate) tp_types: Option<crate::exec::typeparams::TpTypes>,
    /// Finished frames kept for reuse (saves three allocations per Python call).
    #[allow(clippy::vec_box)]
    pub(crate) frame_pool: Vec<Box<Frame>>,
    /// Interned identifier strings (names, local names and identifier-like constants of loaded
    /// code), so equal names share one object and dict lookups match by pointer.
    pub(crate) interned: std::collections::HashMap<Box<str>, Value, ahash::RandomState>,
    /// Nesting of container comparisons (bounded like CPython's C recursion limit).
    pub(crate) cmp_depth: usize,
    /// Identities of containers whose repr is in progress (for `[...]`).
    pub(crate) repr_guard: Vec<usize>,
    /// Nesting of dispatch loops (native → Python re-entry).
    pub(crate) native_depth: usize,
    /// Host-imposed limits (fuel, interrupt, heap budget, import filter): see `limits.rs`.
    pub(crate) limits: crate::limits::Limits,
    /// The host's import system (see `import.rs`); `None`: only `sys.modules` and native factories.
    pub(crate) importer: Option<Rc<dyn crate::import::Importer>>,
    /// Builds the objects of PEP 695 syntax when the host provides `typing`'s classes.
    pub(crate) type_param_hook: Option<crate::import::TypeParamHook>,
    /// Whether tracebacks may read the source files named by `co_filename` (off in a sandbox
    /// without file-system access: a crafted `.pyc` could name any file the host can read).
    pub(crate) traceback_source: bool,
    /// The cycle collector's registry and flags for this VM's objects (see `gc.rs`).
    pub(crate) gc: crate::gc::GcHeap,
}

/// Builds a native module on first import.
pub type ModuleFactory = Rc<dyn Fn(&mut Vm) -> PyResult<ObjRef>>;

impl Default for Vm {
    fn default() -> Self {
        Self::new()
    }
}

impl Vm {
    /// A fresh VM with the builtin types and exceptions in `builtins` (but no builtin functions:
    /// the builtins crate installs those).
    pub fn new() -> Vm {
        let t = Types::new();
        let mk = |class: &ObjRef, payload: Payload| -> ObjRef {
            let o = ObjRef::new(PyObject::new(Some(class.clone()), payload));
            // Not tracked: these live as long as the VM (its roots).
            o
        };
        let builtins = mk(&t.dict, Payload::dict(DictTable::new()));
        let sys_modules = mk(&t.dict, Payload::dict(DictTable::new()));
        let not_implemented = Value::Obj(mk(&t.not_implemented, Payload::NotImplemented));
        let ellipsis = Value::Obj(mk(&t.ellipsis, Payload::Ellipsis));
        let empty_tuple = mk(&t.tuple, Payload::Tuple(crate::object::TupleData::empty()));
        let mut vm = Vm {
            t,
            builtins,
            sys_modules,
            frames: Vec::new(),
            inline_gens: Vec::new(),
            inline_gen_top: 0,
            depth: 0,
            recursion_limit: 1000,
            cur_exc: Value::None,
            not_implemented,
            ellipsis,
            empty_tuple,
            stdout: Stdout::process(),
            err: Box::new(std::io::stderr()),
            input: Box::new(std::io::BufReader::new(std::io::stdin())),
            terminals: [false; 3],
            argv: Vec::new(),
            module_factories: Vec::new(),
            fallback_modules: Vec::new(),
            repr_guard: Vec::new(),
            cmp_depth: 0,
            frame_pool: Vec::with_capacity(FRAME_POOL_MAX),
            interned: std::collections::HashMap::with_hasher(ahash::RandomState::with_seeds(
                5, 6, 7, 8,
            )),
            tp_types: None,
            attr_cache: RefCell::new(Vec::new()),
            slot_owners: Vec::new(),
            frame_ctx: None,
            frame_code: None,
            warn_hook: None,
            native_depth: 0,
            limits: crate::limits::Limits::default(),
            importer: None,
            type_param_hook: None,
            traceback_source: true,
            gc: crate::gc::GcHeap::new(),
        };
        vm.init_builtins();
        vm
    }

    fn init_builtins(&mut self) {
        let mut all = self.t.all();
        all.extend(self.t.exc.all());
        for ty in all {
            if let Some(td) = ty.as_type() {
                *td.module.borrow_mut() = Some(Rc::from("builtins"));
                let name = td.name.borrow().clone();
                if name.contains("iterator")
                    || name.starts_with("dict_")
                    || matches!(
                        &*name,
                        "NoneType"
                            | "mappingproxy"
                            | "UnionType"
                            | "member_descriptor"
                            | "getset_descriptor"
                            | "frame"
                            | "traceback"
                            | "code"
                            | "cell"
                            | "function"
                            | "method"
                            | "module"
                            | "generator"
                            | "coroutine"
                            | "async_generator"
                            | "async_generator_asend"
                            | "builtin_function_or_method"
                            | "method_descriptor"
                            | "classmethod_descriptor"
                            | "NotImplementedType"
                            | "ellipsis"
                    )
                {
                    continue;
                }
                let v = Value::Obj(ty.clone());
                self.set_builtin(&name, v);
            }
        }
        for alias in ["EnvironmentError", "IOError"] {
            let v = Value::Obj(self.t.exc.os_error.clone());
            self.set_builtin(alias, v);
        }
        let (ni, el) = (self.not_implemented.clone(), self.ellipsis.clone());
        self.set_builtin("NotImplemented", ni);
        self.set_builtin("Ellipsis", el);
        self.set_builtin("None", Value::None);
        self.set_builtin("True", Value::Bool(B64::TRUE));
        self.set_builtin("False", Value::Bool(B64::FALSE));
        crate::proto::construct::install_core(self);
        crate::exec::gen::install(self);
        crate::exec::agen::install(self);
        crate::exec::egroup::install(self);
        crate::traceback::objects::install(self);
        crate::proto::introspect::install(self);
        crate::proto::slots::install(self);
        crate::proto::typesmod::install(self);
        crate::proto::descr::install(self);
        crate::proto::isinst::install(self);
    }

    // ----- accessors ---------------------------------------------------------------------------

    /// The builtin type objects.
    #[inline]
    pub fn types(&self) -> &Types {
        &self.t
    }

    /// The `builtins` namespace (a dict object).
    pub fn builtins_dict(&self) -> &ObjRef {
        &self.builtins
    }

    /// `sys.modules` (a dict object).
    pub fn modules_dict(&self) -> &ObjRef {
        &self.sys_modules
    }

    /// The `NotImplemented` singleton.
    pub fn not_implemented(&self) -> Value {
        self.not_implemented.clone()
    }

    /// The `Ellipsis` singleton.
    pub fn ellipsis(&self) -> Value {
        self.ellipsis.clone()
    }

    /// `sys.getrecursionlimit()`.
    pub fn recursion_limit(&self) -> usize {
        self.recursion_limit
    }

    /// `sys.setrecursionlimit(n)`.
    pub fn set_recursion_limit(&mut self, n: usize) {
        self.recursion_limit = n.max(1);
    }

    /// The exception currently being handled (`sys.exception()`), or `None`.
    pub fn current_exception(&self) -> Value {
        self.cur_exc.clone()
    }

    /// The class of any value.
    pub fn type_of(&self, v: &Value) -> ObjRef {
        match v {
            Value::Obj(o) => match &o.class {
                Some(c) => c.clone(),
                None => self.t.type_.clone(),
            },
            Value::Int(_) => self.t.int.clone(),
            Value::Float(_) => self.t.float.clone(),
            Value::Bool(_) => self.t.bool_.clone(),
            Value::None | Value::Null => self.t.none.clone(),
        }
    }

    /// The class name of a value (`type(v).__name__`).
    pub fn type_name(&self, v: &Value) -> Rc<str> {
        match v {
            Value::Int(_) => Rc::from("int"),
            Value::Float(_) => Rc::from("float"),
            Value::Bool(_) => Rc::from("bool"),
            Value::None | Value::Null => Rc::from("NoneType"),
            Value::Obj(_) => {
                let t = self.type_of(v);
                t.as_type()
                    .map_or_else(|| Rc::from("?"), |td| td.name.borrow().clone())
            }
        }
    }

    /// A frame for a call of `fd` with its stack empty and its fast locals empty (not yet
    /// sized: the caller fills them), from the pool when possible.
    #[inline(always)]
    pub(crate) fn frame_for_call(&mut self, fd: &crate::object::FunctionData) -> Box<Frame> {
        match self.frame_pool.pop() {
            // Pooled frames are clean (see `recycle_frame`): empty stack and locals, no
            // function, no locals mapping, no pending keyword names. Code, globals and builtins
            // are replaced only when they differ: a frame that last ran the same function
            // (recursion, a call in a loop) keeps its references.
            Some(mut f) => {
                if !Rc::ptr_eq(&f.code, &fd.code) {
                    f.code = fd.code.clone();
                }
                if !ObjRef::ptr_eq(&f.globals, &fd.globals) {
                    f.globals = fd.globals.clone();
                }
                if !ObjRef::ptr_eq(&f.builtins, &fd.builtins) {
                    f.builtins = fd.builtins.clone();
                }
                f.stack.reserve(fd.code.stacksize);
                f.pc = 0;
                f.lasti = 0;
                f
            }
            None => Self::fresh_frame(fd),
        }
    }

    /// A new frame for [`Vm::frame_for_call`] when the pool is empty.
    #[cold]
    #[inline(never)]
    fn fresh_frame(fd: &crate::object::FunctionData) -> Box<Frame> {
        let mut f = Frame::new(
            fd.code.clone(),
            fd.globals.clone(),
            fd.builtins.clone(),
            None,
        );
        f.fast.clear();
        f
    }

    /// Returns a finished frame to the pool (its values are released now). A pooled frame is
    /// clean: empty stack and fast locals, no function, locals mapping or keyword names.
    ///
    /// The common case makes no call: a function frame that returned (empty stack, no locals
    /// mapping) whose locals and function are all shared with something else (or not objects),
    /// so releasing them frees nothing, and room in the pool. The loop stops at the first
    /// value it would free and [`Vm::recycle_frame_slow`] releases the rest in slot order.
    #[inline(never)]
    pub(crate) fn recycle_frame(&mut self, mut f: Box<Frame>) {
        let n = f.fast.len();
        let p = f.fast.as_mut_ptr();
        let mut i = 0;
        // SAFETY: the first `n` slots of `fast` are initialized; the length is set to 0 first
        // and each slot is read (moved out) at most once, here or in `recycle_frame_slow`
        // (which takes the slots `i..n`), so each value is released exactly once.
        unsafe {
            f.fast.set_len(0);
            while i < n {
                let slot = p.add(i);
                if let Value::Obj(o) = &*slot {
                    if ObjRef::strong_count(o) == 1 {
                        break;
                    }
                    release_shared(slot.read());
                }
                i += 1;
            }
        }
        let pool = &mut self.frame_pool;
        if i < n
            || !f.stack.is_empty()
            || f.locals.is_some()
            || f.func
                .as_ref()
                .is_some_and(|o| ObjRef::strong_count(o) == 1)
            || pool.len() >= pool.capacity()
            || f.fast.capacity() > FRAME_POOL_MAX_SLOTS
            || f.stack.capacity() > FRAME_POOL_MAX_SLOTS
        {
            return self.recycle_frame_slow(f, i, n);
        }
        if let Some(func) = f.func.take() {
            release_shared(Value::Obj(func));
        }
        f.kw_names = None;
        let len = pool.len();
        // SAFETY: `len < capacity` was checked above and the pool is borrowed mutably since,
        // so slot `len` is allocated and unused.
        unsafe {
            pool.as_mut_ptr().add(len).write(f);
            pool.set_len(len + 1);
        }
    }

    /// The general case of [`Vm::recycle_frame`]: the fast locals' slots `i..n` (the frame's
    /// `fast` has length 0 and these slots still hold values) are released in order, then the
    /// rest of the frame; it is pooled if it is small enough and the pool has room.
    #[inline(never)]
    fn recycle_frame_slow(&mut self, mut f: Box<Frame>, i: usize, n: usize) {
        let p = f.fast.as_mut_ptr();
        for k in i..n {
            // SAFETY: see `recycle_frame`: slots `i..n` are initialized and not yet released;
            // `fast` stays at length 0, so a destructor cannot reach them twice.
            unsafe { drop(p.add(k).read()) };
        }
        f.stack.clear();
        f.func = None;
        f.locals = None;
        f.kw_names = None;
        if self.frame_pool.len() < FRAME_POOL_MAX
            && f.fast.capacity() <= FRAME_POOL_MAX_SLOTS
            && f.stack.capacity() <= FRAME_POOL_MAX_SLOTS
        {
            self.frame_pool.push(f);
        }
    }

    // ----- output ------------------------------------------------------------------------------

    /// Records which of the standard streams (0, 1, 2) are terminals, for `isatty()`.
    pub fn set_terminals(&mut self, terminals: [bool; 3]) {
        self.terminals = terminals;
    }

    /// Is standard stream `fd` (0, 1 or 2) a terminal?
    pub fn is_terminal(&self, fd: usize) -> bool {
        self.terminals.get(fd).copied().unwrap_or(false)
    }

    /// Replaces where `sys.stdin` and `input()` read from (the process's stdin by default).
    pub fn set_stdin(&mut self, src: Source) {
        self.input = src;
    }

    /// The next line of stdin as bytes, with its `\n` (empty at the end of input). At most
    /// `limit` bytes when given.
    pub fn read_stdin_line(&mut self, limit: Option<usize>) -> PyResult<Vec<u8>> {
        use std::io::{BufRead, Read};
        let mut line = Vec::new();
        let r = match limit {
            None => self.input.read_until(b'\n', &mut line),
            Some(n) => {
                let mut taken = (&mut self.input).take(u64::try_from(n).unwrap_or(u64::MAX));
                taken.read_until(b'\n', &mut line)
            }
        };
        r.map_err(|e| self.new_os_error(&e.to_string()))?;
        Ok(line)
    }

    /// The rest of stdin (at most `limit` bytes when given).
    pub fn read_stdin(&mut self, limit: Option<usize>) -> PyResult<Vec<u8>> {
        use std::io::Read;
        let mut buf = Vec::new();
        let r = match limit {
            None => self.input.read_to_end(&mut buf),
            Some(n) => (&mut self.input)
                .take(u64::try_from(n).unwrap_or(u64::MAX))
                .read_to_end(&mut buf),
        };
        r.map_err(|e| self.new_os_error(&e.to_string()))?;
        Ok(buf)
    }

    /// Replaces the stderr sink.
    pub fn set_stderr(&mut self, sink: Sink) {
        let _ = self.err.flush();
        self.err = sink;
    }

    /// Writes text to stderr (unbuffered).
    pub fn write_stderr(&mut self, s: &str) -> PyResult<()> {
        self.write_stderr_bytes(s.as_bytes())
    }

    /// Writes bytes to stderr (`sys.stderr.buffer`).
    pub fn write_stderr_bytes(&mut self, b: &[u8]) -> PyResult<()> {
        let _ = self.err.write_all(b);
        Ok(())
    }

    // ----- object creation ---------------------------------------------------------------------

    /// Wraps a payload in a new heap object of class `class`.
    #[inline]
    pub fn alloc(&self, class: &ObjRef, payload: Payload) -> ObjRef {
        let o = ObjRef::new(PyObject::new(Some(class.clone()), payload));
        if self.gc.wants(&o.payload) {
            self.gc.track(&o);
        }
        o
    }

    /// A new object with an attribute dict: kept in the payload of a function, an exception
    /// or a module (whose own dict is replaced), in the instance for a plain instance (made
    /// when first needed), and in [`crate::sidedict`] for the rest.
    pub fn alloc_with_dict(&self, class: &ObjRef, mut payload: Payload) -> ObjRef {
        if matches!(payload, Payload::Instance(_)) {
            // Attributes stored in the instance (`crate::instance`); a dict only on demand.
            return self.new_plain_instance(class);
        }
        let d = self.alloc(&self.t.dict, Payload::dict(DictTable::new()));
        let side = match &mut payload {
            Payload::Function(fd) => {
                fd.dict = Some(d);
                None
            }
            Payload::Exception(st) => {
                st.get_mut().dict = Some(d);
                None
            }
            Payload::Module(m) => {
                m.dict = d;
                None
            }
            _ => Some(d),
        };
        let o = ObjRef::new(PyObject::new(Some(class.clone()), payload));
        if let Some(d) = side {
            crate::sidedict::set(&o, d);
        }
        // Always tracked: its attribute dict can refer back to it, whatever the payload.
        self.gc.track(&o);
        o
    }

    /// A `str`.
    pub fn new_str(&self, s: &str) -> Value {
        Value::Obj(self.alloc(&self.t.str, Payload::Str(StrData::from_text(s))))
    }

    /// A `str` from shared text.
    pub fn new_str_rc(&self, s: Rc<str>) -> Value {
        Value::Obj(self.alloc(&self.t.str, Payload::Str(StrData::from_rc(s))))
    }

    /// A `str` with a copy of `s`, which is known to be ASCII when `ascii` is true (a part
    /// of an ASCII `str`): its characters are then not counted.
    #[inline]
    pub fn new_str_ascii(&self, s: &str, ascii: bool) -> Value {
        Value::Obj(self.alloc(
            &self.t.str,
            Payload::Str(StrData::from_text_ascii(s, ascii)),
        ))
    }

    /// [`Vm::new_string`] for a text known to be ASCII when `ascii` is true.
    #[inline]
    pub fn new_string_ascii(&self, s: String, ascii: bool) -> Value {
        Value::Obj(self.alloc(
            &self.t.str,
            Payload::Str(StrData::from_string_ascii(s, ascii)),
        ))
    }

    /// A `str` from an owned `String`.
    pub fn new_string(&self, s: String) -> Value {
        Value::Obj(self.alloc(&self.t.str, Payload::Str(StrData::from_string(s))))
    }

    /// A `float`. NaNs are boxed so that each NaN has an identity (`x is x` and containers'
    /// identity shortcut behave like CPython's for distinct NaN objects).
    #[inline]
    pub fn new_float(&self, f: f64) -> Value {
        if f.is_nan() {
            Value::Obj(self.alloc(&self.t.float, Payload::Float(f)))
        } else {
            Value::float(f)
        }
    }

    /// An `int` from a big integer (normalized to `Value::Int` when it fits).
    pub fn new_int_big(&self, b: BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::Obj(self.alloc(&self.t.int, Payload::BigInt(b))),
        }
    }

    /// A `complex`.
    pub fn new_complex(&self, re: f64, im: f64) -> Value {
        Value::Obj(self.alloc(&self.t.complex, Payload::Complex { re, im }))
    }

    /// A `bytes`.
    pub fn new_bytes(&self, b: Vec<u8>) -> Value {
        Value::Obj(self.alloc(&self.t.bytes, Payload::Bytes(b.into_boxed_slice())))
    }

    /// A `bytearray`.
    pub fn new_bytearray(&self, b: Vec<u8>) -> Value {
        Value::Obj(self.alloc(&self.t.bytearray, Payload::ByteArray(RefCell::new(b))))
    }

    /// A `list`.
    pub fn new_list(&self, items: Vec<Value>) -> Value {
        self.new_list_items(crate::ListItems::from(items))
    }

    /// A `list` of items already in slots.
    pub fn new_list_items(&self, items: crate::ListItems) -> Value {
        Value::Obj(self.alloc(&self.t.list, Payload::List(RefCell::new(items))))
    }

    /// A `tuple`.
    pub fn new_tuple(&self, items: Vec<Value>) -> Value {
        if items.is_empty() {
            return Value::Obj(self.empty_tuple.clone());
        }
        Value::Obj(self.alloc(&self.t.tuple, Payload::Tuple(items.into())))
    }

    /// A `tuple` of clones of `items` (no intermediate vector).
    pub fn new_tuple_from(&self, items: &[Value]) -> Value {
        if items.is_empty() {
            return Value::Obj(self.empty_tuple.clone());
        }
        Value::Obj(self.alloc(&self.t.tuple, Payload::Tuple(items.into())))
    }

    /// An empty `dict`.
    pub fn new_dict(&self) -> Value {
        Value::Obj(self.new_dict_obj())
    }

    /// An empty `dict` as an object reference.
    pub fn new_dict_obj(&self) -> ObjRef {
        self.alloc(&self.t.dict, Payload::dict(DictTable::new()))
    }

    /// An empty `set`.
    pub fn new_set(&self) -> Value {
        Value::Obj(self.alloc(&self.t.set, Payload::Set(RefCell::new(SetTable::new()))))
    }

    /// A `set` with the given elements (hashing them; may raise).
    pub fn new_set_from(&mut self, items: &[Value]) -> PyResult<Value> {
        let s = self.new_set();
        for it in items {
            self.set_add(&s, it.clone())?;
        }
        Ok(s)
    }

    /// A `frozenset` with the given elements.
    pub fn new_frozenset_from(&mut self, items: &[Value]) -> PyResult<Value> {
        let mut table = SetTable::new();
        for it in items {
            let h = self.hash(it)?;
            if !self.set_table_contains(&table, h, it)? {
                table.push_new(h, it.clone());
            }
        }
        Ok(Value::Obj(
            self.alloc(&self.t.frozenset, Payload::FrozenSet(table)),
        ))
    }

    /// A `slice`.
    pub fn new_slice(&self, start: Value, stop: Value, step: Value) -> Value {
        Value::Obj(self.alloc(
            &self.t.slice,
            Payload::Slice(Box::new(crate::object::SliceData { start, stop, step })),
        ))
    }

    /// A module object over an existing namespace dict (e.g. `builtins` over the builtins
    /// dict); `__name__` is set in it when missing.
    pub fn new_module_with_dict(&mut self, name: &str, dict: ObjRef) -> ObjRef {
        if self.dict_get_str(&dict, "__name__").is_none() {
            let n = self.new_str(name);
            self.dict_set_str(Some(&dict), "__name__", n);
        }
        let m = ObjRef::new(PyObject::new(
            Some(self.t.module.clone()),
            Payload::Module(ModuleData {
                name: Rc::from(name),
                dict,
            }),
        ));
        self.gc.track(&m);
        m
    }

    /// A module object with `__name__` set.
    pub fn new_module(&mut self, name: &str) -> ObjRef {
        let dict = self.alloc(&self.t.dict, Payload::dict(DictTable::new()));
        let m = ObjRef::new(PyObject::new(
            Some(self.t.module.clone()),
            Payload::Module(ModuleData {
                name: Rc::from(name),
                dict: dict.clone(),
            }),
        ));
        self.gc.track(&m);
        let n = self.new_str(name);
        self.dict_set_str(Some(&dict), "__name__", n);
        for k in ["__doc__", "__package__", "__loader__", "__spec__"] {
            self.dict_set_str(Some(&dict), k, Value::None);
        }
        m
    }

    /// A builtin function. `f` receives the call's arguments.
    pub fn new_native_function(
        &self,
        name: &str,
        f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static,
    ) -> Value {
        self.native(
            name,
            Rc::new(f),
            NativeKind::Function,
            None,
            Some(Rc::from("builtins")),
        )
    }

    /// A builtin function that can see its caller's namespaces through
    /// [`Vm::caller_globals`] / [`Vm::caller_locals`] (for `globals()`, `locals()`, `vars()`, `dir()`).
    pub fn new_frame_function(
        &self,
        name: &str,
        f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static,
    ) -> Value {
        let v = self.native(
            name,
            Rc::new(f),
            NativeKind::Function,
            None,
            Some(Rc::from("builtins")),
        );
        if let Value::Obj(o) = v {
            if let Ok(mut po) = ObjRef::try_unwrap(o) {
                if let Payload::NativeFunction(nf) = &mut po.payload {
                    nf.needs_frame = true;
                }
                return Value::Obj(ObjRef::new(po));
            }
        }
        Value::None
    }

    /// The globals dict of the Python frame that called the running `needs_frame` builtin.
    pub fn caller_globals(&self) -> Option<ObjRef> {
        self.frame_ctx.as_ref().map(|c| c.0.clone())
    }

    /// A `frame` object for the Python frame that called the running `needs_frame` builtin
    /// (`sys._getframe()`): `f_code`, `f_lineno`, `f_globals`, `f_locals`; `f_back` is `None`.
    pub fn caller_frame(&mut self) -> Option<Value> {
        let (code, instr) = self.frame_code.clone()?;
        let globals = self.caller_globals();
        let mut locals = Vec::new();
        if let Some(l) = self.caller_locals() {
            let items = self.dict_items(&l);
            for n in code.localsplusnames.iter() {
                let v = items
                    .iter()
                    .find(|(k, _)| k.as_str() == n.as_str())
                    .map(|(_, v)| v.clone());
                locals.push(v.unwrap_or_default());
            }
        }
        let entry = crate::object::TracebackEntry {
            code,
            instr,
            globals,
            self_value: None,
            locals,
        };
        let cls = self.t.frame.clone();
        Some(Value::Obj(self.alloc(
            &cls,
            Payload::Native(Box::new(crate::traceback::objects::FrameObject { entry })),
        )))
    }

    /// The locals mapping (a snapshot dict for function frames) of that frame.
    pub fn caller_locals(&self) -> Option<Value> {
        self.frame_ctx.as_ref().map(|c| c.1.clone())
    }

    pub(crate) fn native(
        &self,
        name: &str,
        func: NativeFn,
        kind: NativeKind,
        owner: Option<ObjRef>,
        module: Option<Rc<str>>,
    ) -> Value {
        self.native_rc(Rc::from(name), func, kind, owner, module)
    }

    pub(crate) fn native_rc(
        &self,
        name: Rc<str>,
        func: NativeFn,
        kind: NativeKind,
        owner: Option<ObjRef>,
        module: Option<Rc<str>>,
    ) -> Value {
        let class = match kind {
            NativeKind::Function | NativeKind::StaticMethod => &self.t.builtin_function,
            NativeKind::Method => &self.t.method_descriptor,
            NativeKind::ClassMethod => &self.t.classmethod_descriptor,
        };
        Value::Obj(self.alloc(
            class,
            Payload::NativeFunction(Box::new(NativeFunctionData {
                name,
                func,
                kind,
                owner,
                bound: None,
                module,
                needs_frame: false,
            })),
        ))
    }

    /// Adds a method (`self` is `args.pos[0]`) to a builtin type.
    pub fn add_method(
        &mut self,
        ty: &ObjRef,
        name: &str,
        f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static,
    ) {
        self.add_native(ty, name, NativeKind::Method, Rc::new(f));
    }

    /// Adds a class method (the class is `args.pos[0]`) to a builtin type.
    pub fn add_classmethod(
        &mut self,
        ty: &ObjRef,
        name: &str,
        f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static,
    ) {
        self.add_native(ty, name, NativeKind::ClassMethod, Rc::new(f));
    }

    /// Adds a static method to a builtin type.
    pub fn add_staticmethod(
        &mut self,
        ty: &ObjRef,
        name: &str,
        f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static,
    ) {
        self.add_native(ty, name, NativeKind::StaticMethod, Rc::new(f));
    }

    /// Wraps `f` as a native callable of `kind` owned by `ty` and stores it in `ty`'s namespace.
    /// A builtin type's method is made when the type's namespace is first read
    /// (`crate::typens`).
    fn add_native(&mut self, ty: &ObjRef, name: &str, kind: NativeKind, f: NativeFn) {
        let rc: Rc<str> = Rc::from(name);
        if let Some(td) = crate::typens::recording(ty) {
            let op = crate::typens::PendingAttr::Native {
                name: rc,
                kind,
                func: f,
                owner: ty.clone(),
            };
            crate::typens::record(td, op);
            return;
        }
        let v = self.native_rc(rc.clone(), f, kind, Some(ty.clone()), None);
        self.type_set_attr_with(ty, name, v, |vm| vm.new_str_rc(rc));
    }

    /// Sets the native constructor of a builtin type: called as `f(cls, *args, **kwargs)`.
    pub fn set_constructor(
        &mut self,
        ty: &ObjRef,
        f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static,
    ) {
        if let Some(td) = ty.as_type() {
            *td.native_new.borrow_mut() = Some(Rc::new(f));
        }
    }

    /// Sets an attribute in a type's namespace (no Python code runs).
    /// On a builtin type the change is applied when the namespace is next read
    /// (`crate::typens`).
    pub fn type_set_attr(&mut self, ty: &ObjRef, name: &str, v: Value) {
        if let Some(td) = crate::typens::recording(ty) {
            let op = crate::typens::PendingAttr::Set {
                name: Rc::from(name),
                value: v,
            };
            crate::typens::record(td, op);
            return;
        }
        self.type_set_attr_with(ty, name, v, |vm| vm.new_str(name));
    }

    /// [`Vm::type_set_attr`] with the key `str` made by `key` (only when `name` is new).
    fn type_set_attr_with(
        &mut self,
        ty: &ObjRef,
        name: &str,
        v: Value,
        key: impl FnOnce(&Vm) -> Value,
    ) {
        if let Some(td) = ty.as_type() {
            self.settle_type(td);
            crate::proto::attr::type_modified();
            crate::typens::set_in(self, td, name, v, key);
        }
    }

    /// Sets `builtins.<name>`.
    pub fn set_builtin(&mut self, name: &str, v: Value) {
        let b = self.builtins.clone();
        self.dict_set_str(Some(&b), name, v);
    }

    /// Looks up `builtins.<name>`.
    pub fn get_builtin(&self, name: &str) -> Option<Value> {
        self.dict_get_str(&self.builtins, name)
    }

    /// Makes `module` importable as `name` (`sys.modules[name] = module`).
    pub fn register_module(&mut self, name: &str, module: ObjRef) {
        let m = self.sys_modules.clone();
        self.dict_set_str(Some(&m), name, Value::Obj(module));
    }

    /// Registers a native module built lazily on first import.
    pub fn register_module_factory(
        &mut self,
        name: &str,
        f: impl Fn(&mut Vm) -> PyResult<ObjRef> + 'static,
    ) {
        self.module_factories.push((Rc::from(name), Rc::new(f)));
    }

    /// Sets an attribute of a module (or any object with a dict) without running Python code.
    pub fn set_module_attr(&mut self, module: &ObjRef, name: &str, v: Value) {
        if let Payload::Instance(a) = &module.payload {
            let n = self.intern_str(name);
            let Err(v) = self.inst_store(module, a, &n, v) else {
                return;
            };
            let d = self.instance_dict(module);
            self.dict_set_str(d.as_ref(), name, v);
            return;
        }
        self.dict_set_str(module.dict_obj().as_ref(), name, v);
    }

    /// `dict[name] = v` for a `str` key on a dict object (no Python code runs).
    pub fn dict_set_str(&self, dict: Option<&ObjRef>, name: &str, v: Value) {
        let Some(dict) = dict else { return };
        if let Payload::Dict(d) = &dict.payload {
            let h = crate::proto::hash::str_hash(name);
            let mut d = d.borrow_mut();
            match d.find_str(h, name) {
                Some(pos) => {
                    d.set_at(pos, v);
                }
                None => {
                    drop(d);
                    let key = self.new_str(name);
                    if let Payload::Dict(d) = &dict.payload {
                        d.borrow_mut().push_new(h, key, v);
                    }
                }
            }
        }
    }

    /// `dict.get(name)` for a `str` key on a dict object (no Python code runs).
    pub fn dict_get_str(&self, dict: &ObjRef, name: &str) -> Option<Value> {
        match &dict.payload {
            Payload::Dict(d) => d
                .borrow()
                .get_str(crate::proto::hash::str_hash(name), name)
                .map(|v| v.clone()),
            _ => None,
        }
    }

    /// Creates a Python function object (used by `MAKE_FUNCTION`).
    pub(crate) fn new_function(&self, fd: FunctionData) -> Value {
        Value::Obj(self.alloc_with_dict(&self.t.function, Payload::Function(Box::new(fd))))
    }

    // ----- exceptions --------------------------------------------------------------------------

    /// An exception instance of class `ty` with `args`.
    pub fn new_exception(&self, ty: &ObjRef, args: Vec<Value>) -> PyErr {
        let args = self.new_tuple(args);
        let st = ExceptionState {
            args,
            ..Default::default()
        };
        PyErr(self.alloc_with_dict(ty, Payload::Exception(Box::new(RefCell::new(st)))))
    }

    /// An exception instance of class `ty` with one `str` argument.
    pub fn new_exception_msg(&self, ty: &ObjRef, msg: &str) -> PyErr {
        let m = self.new_str(msg);
        self.new_exception(ty, vec![m])
    }

    pub fn new_type_error(&self, msg: &str) -> PyErr {
        self.new_exception_msg(&self.t.exc.type_error, msg)
    }
    pub fn new_value_error(&self, msg: &str) -> PyErr {
        self.new_exception_msg(&self.t.exc.value_error, msg)
    }
    pub fn new_index_error(&self, msg: &str) -> PyErr {
        self.new_exception_msg(&self.t.exc.index_error, msg)
    }
    pub fn new_key_error(&self, key: Value) -> PyErr {
        self.new_exception(&self.t.exc.key_error, vec![key])
    }
    pub fn new_attribute_error(&self, msg: &str) -> PyErr {
        self.new_exception_msg(&self.t.exc.attribute_error, msg)
    }
    pub fn new_name_error(&self, msg: &str) -> PyErr {
        self.new_exception_msg(&self.t.exc.name_error, msg)
    }
    pub fn new_zero_division_error(&self, msg: &str) -> PyErr {
        self.new_exception_msg(&self.t.exc.zero_division_error, msg)
    }
    pub fn new_overflow_error(&self, msg: &str) -> PyErr {
        self.new_exception_msg(&self.t.exc.overflow_error, msg)
    }
    pub fn new_runtime_error(&self, msg: &str) -> PyErr {
        self.new_exception_msg(&self.t.exc.runtime_error, msg)
    }
    pub fn new_system_error(&self, msg: &str) -> PyErr {
        self.new_exception_msg(&self.t.exc.system_error, msg)
    }
    pub fn new_os_error(&self, msg: &str) -> PyErr {
        self.new_exception_msg(&self.t.exc.os_error, msg)
    }

    /// The `OSError` for a failed I/O operation (on `filename`, when given), raised as CPython
    /// raises them: `OSError(errno, strerror[, filename])`, which becomes the subclass for the
    /// errno (`FileNotFoundError` for 2, `BrokenPipeError` for 32...). An error without an OS
    /// errno gets 0.
    pub fn os_error_from_io(&mut self, e: &std::io::Error, filename: Option<&Value>) -> PyErr {
        let text = e.to_string();
        // std appends " (os error N)" to the C library's message.
        let text = match text.rfind(" (os error ") {
            Some(i) => text.get(..i).unwrap_or(&text).to_string(),
            None => text,
        };
        let mut args = vec![
            Value::Int(i64::from(e.raw_os_error().unwrap_or(0))),
            self.new_string(text),
        ];
        args.extend(filename.cloned());
        let cls = Value::Obj(self.t.exc.os_error.clone());
        match self.call(&cls, &args) {
            Ok(Value::Obj(o)) => PyErr(o),
            Ok(_) => self.new_system_error("OSError() did not return an exception"),
            Err(err) => err,
        }
    }
    pub fn new_recursion_error(&self, msg: &str) -> PyErr {
        self.new_exception_msg(&self.t.exc.recursion_error, msg)
    }
    pub fn new_not_implemented_error(&self, msg: &str) -> PyErr {
        self.new_exception_msg(&self.t.exc.not_implemented_error, msg)
    }
    pub fn new_assertion_error(&self, msg: &str) -> PyErr {
        self.new_exception_msg(&self.t.exc.assertion_error, msg)
    }
    pub fn new_import_error(&self, msg: &str) -> PyErr {
        self.new_exception_msg(&self.t.exc.import_error, msg)
    }
    /// `StopIteration(value)` (no args when `value` is `None`).
    pub fn new_stop_iteration(&self, value: Value) -> PyErr {
        let args = if value.is_none() { vec![] } else { vec![value] };
        self.new_exception(&self.t.exc.stop_iteration, args)
    }

    /// Is `err` an instance of exception class `ty` (or a subclass)?
    pub fn err_matches(&self, err: &PyErr, ty: &ObjRef) -> bool {
        let cls = self.type_of(&err.value());
        self.is_subclass(&cls, ty)
    }
}
