//! Calling: functions, builtins, bound methods, classes, callable instances; argument binding.

use crate::frame::Frame;
use crate::object::{Args, BaseKind, ExceptionState, NativeKind, ObjRef, Payload};
use crate::value::Value;
use crate::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    static INIT_HASH: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
}

/// The hash of a dunder name, computed once per thread (kept in `cache`; 0: not yet).
fn dunder_hash(cache: &'static std::thread::LocalKey<std::cell::Cell<i64>>, name: &str) -> i64 {
    cache.with(|c| match c.get() {
        0 => {
            let h = crate::proto::hash::str_hash(name);
            c.set(h);
            h
        }
        h => h,
    })
}

/// Keyword arguments: (name, value) pairs.
pub type KwArgs = [(Rc<str>, Value)];

impl Vm {
    /// Calls `f(*args)`.
    pub fn call(&mut self, f: &Value, args: &[Value]) -> PyResult<Value> {
        self.call_kw(f, args, &[])
    }

    /// Calls `f(*args, **kw)`.
    pub fn call_kw(&mut self, f: &Value, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
        let Value::Obj(o) = f else {
            return Err(self.not_callable(f));
        };
        match &o.payload {
            Payload::Function(_) => {
                let frame = self.make_frame(o, args, kw)?;
                self.run_frame(frame)
            }
            Payload::NativeFunction(nf) => {
                // `f` is borrowed for the whole call, so the function can't go away under it.
                let func = &nf.func;
                if let Some(b) = &nf.bound {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(b.clone());
                    all.extend_from_slice(args);
                    return func(self, Args { pos: &all, kw });
                }
                if nf.kind == NativeKind::Method {
                    if let (Some(owner), Some(first)) = (&nf.owner, args.first()) {
                        // `self` of exactly the owning type (the usual case) needs no MRO walk.
                        let exact = matches!(first, Value::Obj(fo)
                            if fo.class.as_ref().is_some_and(|c| ObjRef::ptr_eq(c, owner)));
                        if exact {
                            return func(self, Args { pos: args, kw });
                        }
                        let applies = match first {
                            Value::Obj(fo) => match &fo.class {
                                Some(c) => self.is_subclass(c, owner),
                                None => self.is_subclass(&self.t.type_, owner),
                            },
                            _ => self.is_subclass(&self.type_of(first), owner),
                        };
                        if !applies {
                            let on = owner
                                .as_type()
                                .map(|t| t.name.borrow().to_string())
                                .unwrap_or_default();
                            let got = self.type_name(first);
                            // A type slot's wrapper words it differently from a method's.
                            return Err(self.new_type_error(&if is_slot_dunder(&nf.name) {
                                format!(
                                    "descriptor '{}' requires a '{on}' object but received a '{got}'",
                                    nf.name
                                )
                            } else {
                                format!(
                                    "descriptor '{}' for '{on}' objects doesn't apply to a '{got}' object",
                                    nf.name
                                )
                            }));
                        }
                    }
                }
                func(self, Args { pos: args, kw })
            }
            Payload::BoundMethod { func, self_ } => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(self_.clone());
                all.extend_from_slice(args);
                let func = func.clone();
                self.call_kw(&func, &all, kw)
            }
            Payload::Type(_) => {
                let cls = o.clone();
                let meta = self.type_of(f);
                if meta.as_type().is_some_and(|t| t.heap) {
                    if let Some(c) = self.lookup_type_attr(&meta, "__call__") {
                        if matches!(c.payload(), Some(Payload::Function(_))) {
                            let mut all = Vec::with_capacity(args.len() + 1);
                            all.push(f.clone());
                            all.extend_from_slice(args);
                            return self.call_kw(&c, &all, kw);
                        }
                    }
                }
                self.call_type(&cls, args, kw)
            }
            Payload::StaticMethod(inner) => {
                let inner = inner.clone();
                self.call_kw(&inner, args, kw)
            }
            _ => {
                let cls = self.type_of(f);
                if let Some(c) = self.lookup_type_attr(&cls, "__call__") {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(f.clone());
                    all.extend_from_slice(args);
                    return self.call_kw(&c, &all, kw);
                }
                Err(self.not_callable(f))
            }
        }
    }

    fn not_callable(&self, f: &Value) -> crate::PyErr {
        self.new_type_error(&format!("'{}' object is not callable", self.type_name(f)))
    }

    /// Calls a method found on a class with `self_` bound first.
    pub fn call_method_value(
        &mut self,
        f: &Value,
        self_: &Value,
        args: &[Value],
    ) -> PyResult<Value> {
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(self_.clone());
        all.extend_from_slice(args);
        self.call(f, &all)
    }

    /// `obj.name(*args)`.
    pub fn call_method(&mut self, obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
        let (f, bound) = self.get_method_str(obj, name)?;
        match bound {
            Some(s) => self.call_method_value(&f, &s, args),
            None => self.call(&f, args),
        }
    }

    /// Builds a frame for calling Python function `func` (binding arguments).
    pub(crate) fn make_frame(
        &mut self,
        func: &ObjRef,
        args: &[Value],
        kw: &KwArgs,
    ) -> PyResult<Box<Frame>> {
        let Payload::Function(fd) = &func.payload else {
            return Err(self.new_system_error("make_frame on a non-function"));
        };
        if kw.is_empty() && fd.code.simple_args && args.len() == fd.code.argcount {
            // Exactly the positional parameters (a key function, `__init__`, a `map`
            // callback): the arguments go straight into the first slots, nothing to check.
            let mut frame = self.frame_for_call(fd);
            let n = fd.code.nlocalsplus.max(args.len());
            frame.fast.reserve(n);
            frame.fast.extend_from_slice(args);
            frame.fast.resize(n, Value::Null);
            frame.func = Some(func.clone());
            return Ok(frame);
        }
        let mut frame = self.frame_for_call(fd);
        frame.func = Some(func.clone());
        if kw.is_empty() && self.bind_plain(fd, args, &[], &[], &mut frame.fast) {
            return Ok(frame);
        }
        crate::proto::bind::fill_null(&mut frame.fast, fd.code.nlocalsplus);
        if let Err(e) = self.bind_args(fd, args, kw, &mut frame.fast) {
            self.recycle_frame(frame);
            return Err(e);
        }
        Ok(frame)
    }

    /// [`Vm::make_frame`] with the keyword names as `str` objects beside their values (see
    /// [`Vm::bind_args_obj`]).
    pub(crate) fn make_frame_obj(
        &mut self,
        func: &ObjRef,
        args: &[Value],
        names: &[Value],
        values: &[Value],
    ) -> PyResult<Box<Frame>> {
        let Payload::Function(fd) = &func.payload else {
            return Err(self.new_system_error("make_frame on a non-function"));
        };
        let mut frame = self.frame_for_call(fd);
        frame.func = Some(func.clone());
        if self.bind_plain(fd, args, names, values, &mut frame.fast) {
            return Ok(frame);
        }
        crate::proto::bind::fill_null(&mut frame.fast, fd.code.nlocalsplus);
        if let Err(e) = self.bind_args_obj(fd, args, names, values, &mut frame.fast) {
            self.recycle_frame(frame);
            return Err(e);
        }
        Ok(frame)
    }

    /// Runs a Python `__init__` on the instance `obj` just made for a class call, and returns
    /// `obj` (CPython's check that `__init__` returned `None` included).
    fn run_init(
        &mut self,
        init: &Value,
        obj: Value,
        args: &[Value],
        kw: &KwArgs,
    ) -> PyResult<Value> {
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(obj.clone());
        all.extend_from_slice(args);
        let r = self.call_kw(init, &all, kw)?;
        if !r.is_none() {
            return Err(self.new_type_error(&format!(
                "__init__() should return None, not '{}'",
                self.type_name(&r)
            )));
        }
        Ok(obj)
    }

    /// Calls a class: `__new__` then `__init__`.
    pub fn call_type(&mut self, cls: &ObjRef, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
        if let ([x], true) = (args, kw.is_empty()) {
            if let Some(v) = self.convert_fast(cls, x) {
                return Ok(v);
            }
        }
        if self.is_plain_class(cls) {
            let init =
                self.lookup_type_attr_h(cls, "__init__", dunder_hash(&INIT_HASH, "__init__"));
            match init {
                Some(init) if matches!(init.payload(), Some(Payload::Function(_))) => {
                    let obj = Value::Obj(self.new_plain_instance(cls));
                    return self.run_init(&init, obj, args, kw);
                }
                // `object.__init__`: arguments are an error, which the general path reports.
                _ if args.is_empty() && kw.is_empty() => {
                    return Ok(Value::Obj(self.new_plain_instance(cls)));
                }
                _ => {}
            }
        }
        if kw.is_empty() && self.is_plain_exc_class(cls) {
            let init =
                self.lookup_type_attr_h(cls, "__init__", dunder_hash(&INIT_HASH, "__init__"));
            if let Some(init) = init.filter(|i| matches!(i.payload(), Some(Payload::Function(_)))) {
                // What `BaseException`'s constructor makes of positional arguments.
                let st = ExceptionState {
                    args: self.new_tuple(args.to_vec()),
                    ..Default::default()
                };
                let obj = Value::Obj(
                    self.alloc_with_dict(cls, Payload::Exception(Box::new(RefCell::new(st)))),
                );
                return self.run_init(&init, obj, args, kw);
            }
        }
        if ObjRef::ptr_eq(cls, &self.t.type_) {
            if args.len() == 1 && kw.is_empty() {
                return Ok(Value::Obj(self.type_of(&args[0])));
            }
            if args.len() != 3 {
                return Err(self.new_type_error("type() takes 1 or 3 arguments"));
            }
        } else if let Some(f) = cls
            .as_type()
            .filter(|t| !t.heap)
            .and_then(|_| self.find_native_new(cls))
        {
            // A builtin type with a constructor (`zip(a, b)`, `range(n)`): its namespace can't
            // change, so the lookups below would only find that the constructor does it all
            // (an `__init__` is never called for a builtin type with one).
            let mut all = Vec::with_capacity(args.len() + 1);
            all.push(Value::Obj(cls.clone()));
            all.extend_from_slice(args);
            return f(self, Args { pos: &all, kw });
        }
        let new = self.lookup_type_attr(cls, "__new__");
        let obj = match &new {
            Some(f @ Value::Obj(fo))
                if matches!(fo.payload, Payload::Function(_) | Payload::StaticMethod(_)) =>
            {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(Value::Obj(cls.clone()));
                all.extend_from_slice(args);
                self.call_kw(f, &all, kw)?
            }
            _ => {
                let init = self.lookup_type_attr(cls, "__init__");
                let user_init = match init.as_ref().and_then(Value::payload) {
                    Some(Payload::Function(_)) => true,
                    Some(Payload::NativeFunction(nf)) => nf
                        .owner
                        .as_ref()
                        .is_some_and(|o| !ObjRef::ptr_eq(o, &self.t.object)),
                    _ => false,
                };
                if !user_init && (!args.is_empty() || !kw.is_empty()) {
                    if let Some(td) = cls.as_type() {
                        if td.base_kind == BaseKind::Object && !self.has_native_new(cls) {
                            let n = td.name.borrow().clone();
                            return Err(self.new_type_error(&format!("{n}() takes no arguments")));
                        }
                    }
                }
                self.builtin_new(cls, args, kw)?
            }
        };
        let ot = self.type_of(&obj);
        if !self.is_subclass(&ot, cls) {
            return Ok(obj);
        }
        if let Some(init) = self.lookup_type_attr(&ot, "__init__") {
            match init.payload() {
                Some(Payload::Function(_)) => {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(obj.clone());
                    all.extend_from_slice(args);
                    let r = self.call_kw(&init, &all, kw)?;
                    if !r.is_none() {
                        return Err(self.new_type_error(&format!(
                            "__init__() should return None, not '{}'",
                            self.type_name(&r)
                        )));
                    }
                }
                Some(Payload::NativeFunction(nf))
                    if nf
                        .owner
                        .as_ref()
                        .is_some_and(|o| !ObjRef::ptr_eq(o, &self.t.object)) =>
                {
                    let heap = cls.as_type().is_some_and(|t| t.heap);
                    if heap || !self.has_native_new(cls) {
                        let mut all = Vec::with_capacity(args.len() + 1);
                        all.push(obj.clone());
                        all.extend_from_slice(args);
                        self.call_kw(&init, &all, kw)?;
                    }
                }
                _ => {}
            }
        }
        Ok(obj)
    }

    /// `int(x)` and `float(x)` of a plain number (`int(p.x * w)`), which can't fail or run
    /// Python code; `None` for anything else, including floats too large for a machine int.
    #[inline]
    fn convert_fast(&self, cls: &ObjRef, x: &Value) -> Option<Value> {
        if ObjRef::ptr_eq(cls, &self.t.int) {
            match x {
                Value::Int(_) => Some(x.clone()),
                Value::Bool(b) => Some(Value::Int(i64::from(*b))),
                Value::Float(f) => {
                    let t = f.get().trunc();
                    // 2**63, exactly. (The range excludes NaN; -2**63 and everything above it
                    // below 2**63 fit.)
                    #[allow(clippy::cast_precision_loss)]
                    const LIMIT: f64 = (1u64 << 63) as f64;
                    #[allow(clippy::cast_possible_truncation)]
                    (-LIMIT..LIMIT).contains(&t).then(|| Value::Int(t as i64))
                }
                _ => None,
            }
        } else if ObjRef::ptr_eq(cls, &self.t.float) {
            match x {
                Value::Float(_) => Some(x.clone()),
                #[allow(clippy::cast_precision_loss)]
                Value::Int(i) => Some(Value::float(*i as f64)),
                Value::Bool(b) => Some(Value::float(if bool::from(*b) { 1.0 } else { 0.0 })),
                _ => None,
            }
        } else {
            None
        }
    }

    /// Does calling `cls` only make an instance with a dict and run its `__init__` (if it is a
    /// Python function)? True for a class statement's class whose bases are plain classes,
    /// with no `__new__` of its own, no `__slots__`, no abstract methods and no builtin base
    /// with a constructor; the answer is kept in the class for the current type epoch.
    fn is_plain_class(&self, cls: &ObjRef) -> bool {
        let Some(td) = cls.as_type() else {
            return false;
        };
        let epoch = crate::proto::attr::type_epoch();
        if td.plain_new.get() == epoch {
            return true;
        }
        if !td.heap || td.base_kind != BaseKind::Object || td.slotted.get() || td.no_dict.get() {
            return false;
        }
        let new_is_plain = !self.defines_python_new(cls);
        let init_is_plain = match self
            .lookup_type_attr(cls, "__init__")
            .as_ref()
            .and_then(Value::payload)
        {
            None | Some(Payload::Function(_)) => true,
            Some(Payload::NativeFunction(nf)) => nf
                .owner
                .as_ref()
                .is_some_and(|o| ObjRef::ptr_eq(o, &self.t.object)),
            Some(_) => false,
        };
        let plain = new_is_plain
            && init_is_plain
            && self.find_native_new(cls).is_none()
            && self.lookup_type_attr(cls, "__abstractmethods__").is_none();
        if plain {
            td.plain_new.set(epoch);
        }
        plain
    }

    /// Is `cls` a class defined in Python whose instances `BaseException`'s own constructor
    /// makes (no `__new__` in Python, no other builtin exception constructor such as
    /// `OSError`'s on the way), so that calling it is that constructor and its `__init__`?
    /// Cached per type epoch.
    fn is_plain_exc_class(&self, cls: &ObjRef) -> bool {
        let Some(td) = cls.as_type() else {
            return false;
        };
        let epoch = crate::proto::attr::type_epoch();
        if td.plain_exc_new.get() == epoch {
            return true;
        }
        if !td.heap || td.base_kind != BaseKind::Exception {
            return false;
        }
        let new_is_plain = !self.defines_python_new(cls);
        let maker = td
            .mro
            .borrow()
            .iter()
            .find(|t| {
                t.as_type()
                    .is_some_and(|tt| tt.native_new.borrow().is_some())
            })
            .cloned();
        let plain =
            new_is_plain && maker.is_some_and(|m| ObjRef::ptr_eq(&m, &self.t.exc.base_exception));
        if plain {
            td.plain_exc_new.set(epoch);
        }
        plain
    }

    /// Does `cls` (or a base) have a `__new__` written in Python?
    fn defines_python_new(&self, cls: &ObjRef) -> bool {
        matches!(
            self.lookup_type_attr(cls, "__new__")
                .as_ref()
                .and_then(Value::payload),
            Some(Payload::Function(_) | Payload::StaticMethod(_))
        )
    }

    fn has_native_new(&self, cls: &ObjRef) -> bool {
        self.find_native_new(cls).is_some()
    }

    fn find_native_new(&self, cls: &ObjRef) -> Option<crate::object::NativeFn> {
        let td = cls.as_type()?;
        for t in td.mro.borrow().iter() {
            if let Some(tt) = t.as_type() {
                if let Some(f) = tt.native_new.borrow().as_ref() {
                    return Some(f.clone());
                }
            }
        }
        None
    }

    /// `object.__new__` refuses classes whose `__abstractmethods__` (set by `abc`) is not empty.
    fn check_not_abstract(&mut self, cls: &ObjRef) -> PyResult<()> {
        let Some(am) = self.lookup_type_attr(cls, "__abstractmethods__") else {
            return Ok(());
        };
        if !matches!(am.payload(), Some(Payload::Set(_) | Payload::FrozenSet(_))) {
            return Ok(());
        }
        let mut names: Vec<String> = Vec::new();
        for v in self.to_vec(&am)? {
            names.push(self.repr_string(&v)?.to_string());
        }
        if names.is_empty() {
            return Ok(());
        }
        names.sort();
        let n = cls
            .as_type()
            .map(|t| t.name.borrow().to_string())
            .unwrap_or_default();
        let s = if names.len() == 1 { "" } else { "s" };
        Err(self.new_type_error(&format!(
            "Can't instantiate abstract class {n} without an implementation for abstract method{s} {}",
            names.join(", ")
        )))
    }

    /// `object.__new__`-style allocation by the class's builtin base.
    pub fn builtin_new(&mut self, cls: &ObjRef, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
        if let Some(f) = self.find_native_new(cls) {
            let mut all = Vec::with_capacity(args.len() + 1);
            all.push(Value::Obj(cls.clone()));
            all.extend_from_slice(args);
            return f(self, Args { pos: &all, kw });
        }
        let kind = cls.as_type().map_or(BaseKind::Object, |t| t.base_kind);
        match kind {
            BaseKind::Object => {
                let td = cls.as_type();
                if td.is_some_and(|t| t.heap) {
                    self.check_not_abstract(cls)?;
                }
                if td.is_some_and(|t| t.slotted.get()) {
                    let p = Payload::slots(crate::dict::DictTable::new());
                    if td.is_some_and(|t| t.no_dict.get()) {
                        return Ok(Value::Obj(self.alloc(cls, p)));
                    }
                    return Ok(Value::Obj(self.alloc_with_dict(cls, p)));
                }
                if ObjRef::ptr_eq(cls, &self.t.object) {
                    return Ok(Value::Obj(self.alloc(cls, Payload::instance())));
                }
                Ok(Value::Obj(self.new_plain_instance(cls)))
            }
            _ => {
                let n = cls
                    .as_type()
                    .map(|t| t.name.borrow().to_string())
                    .unwrap_or_default();
                Err(self.new_type_error(&format!("cannot create '{n}' instances")))
            }
        }
    }
}

/// Is `name` a dunder that CPython implements as a type slot (its builtin methods are slot
/// wrappers, whose type errors read "requires a 'T' object but received a 'U'")?
fn is_slot_dunder(name: &str) -> bool {
    let Some(inner) = name.strip_prefix("__").and_then(|n| n.strip_suffix("__")) else {
        return false;
    };
    let base = inner
        .strip_prefix('r')
        .or_else(|| inner.strip_prefix('i'))
        .filter(|b| NUMBER_SLOTS.contains(b));
    base.is_some()
        || NUMBER_SLOTS.contains(&inner)
        || matches!(
            inner,
            "repr"
                | "str"
                | "hash"
                | "call"
                | "getattribute"
                | "setattr"
                | "delattr"
                | "lt"
                | "le"
                | "eq"
                | "ne"
                | "gt"
                | "ge"
                | "iter"
                | "next"
                | "get"
                | "set"
                | "delete"
                | "init"
                | "len"
                | "getitem"
                | "setitem"
                | "delitem"
                | "contains"
                | "bool"
                | "int"
                | "float"
                | "index"
                | "neg"
                | "pos"
                | "abs"
                | "invert"
                | "await"
                | "aiter"
                | "anext"
                | "del"
                | "buffer"
                | "release_buffer"
        )
}

/// The binary number slots (each also has an `r` and an `i` form).
const NUMBER_SLOTS: [&str; 14] = [
    "add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "divmod", "pow", "lshift",
    "rshift", "and", "or", "xor",
];
