//! `CALL`, `CALL_FUNCTION_EX`, `MAKE_FUNCTION`, `LOAD_SUPER_ATTR`.

use crate::frame::Frame;
use crate::object::{FunctionData, NativeKind, ObjRef, Payload};
use crate::proto::call::KwArgs;
use crate::value::Value;
use crate::{PyResult, Vm};
use smallvec::SmallVec;
use std::cell::RefCell;
use std::rc::Rc;

impl Vm {
    /// `CALL argc`. Returns a frame to push when the callee is a Python function (no Rust
    /// recursion); otherwise the result has been pushed.
    pub(crate) fn op_call(&mut self, f: &mut Frame, argc: usize) -> PyResult<Option<Box<Frame>>> {
        let kwn = f.kw_names.take();
        let n = f.stack.len();
        if n < argc + 2 {
            return Err(self.new_system_error("stack underflow in CALL"));
        }
        let base = n - argc - 2;
        if kwn.is_none() {
            if let Some(frame) = self.call_simple_function(f, base) {
                return Ok(Some(frame));
            }
        }
        let (callable, args_start) = if f.stack[base].is_null() {
            (f.stack[base + 1].clone(), base + 2)
        } else {
            (f.stack[base].clone(), base + 1)
        };
        if matches!(
            callable.payload(),
            Some(Payload::Function(_) | Payload::BoundMethod { .. })
        ) {
            if let Some(frame) = self.call_function_kw(f, base, kwn)? {
                return Ok(Some(frame));
            }
        }
        let Some(kwi) = kwn else {
            let n = f.stack.len();
            return self.call_other(f, &callable, base, args_start, n, &[]);
        };
        // Keywords for a callable other than a Python function: `(name, value)` pairs.
        let kwnames: Vec<Rc<str>> = match f.code.consts.get(kwi as usize).and_then(Value::payload) {
            Some(Payload::Tuple(t)) => t.iter().filter_map(Value::as_rc_str).collect(),
            _ => Vec::new(),
        };
        let nkw = kwnames.len().min(n - args_start);
        let pos_end = n - nkw;
        let kw: Vec<(Rc<str>, Value)> = kwnames
            .into_iter()
            .zip(f.stack[pos_end..n].iter().cloned())
            .collect();
        self.call_other(f, &callable, base, args_start, pos_end, &kw)
    }

    /// The generic path of `CALL`: `callable` (a Python function only when the keyword names
    /// were not all strings) with the positional arguments `f.stack[args_start..pos_end]`
    /// and keywords `kw`.
    #[inline(always)]
    fn call_other(
        &mut self,
        f: &mut Frame,
        callable: &Value,
        base: usize,
        args_start: usize,
        pos_end: usize,
        kw: &KwArgs,
    ) -> PyResult<Option<Box<Frame>>> {
        if let Value::Obj(o) = callable {
            match &o.payload {
                Payload::Function(_) => {
                    let frame = self.make_frame(o, &f.stack[args_start..pos_end], kw)?;
                    cut_stack(&mut f.stack, base);
                    return Ok(Some(frame));
                }
                Payload::BoundMethod {
                    func: Value::Obj(fo),
                    self_,
                } if matches!(fo.payload, Payload::Function(_)) => {
                    let mut args = Vec::with_capacity(pos_end - args_start + 1);
                    args.push(self_.clone());
                    args.extend_from_slice(&f.stack[args_start..pos_end]);
                    let fo = fo.clone();
                    let frame = self.make_frame(&fo, &args, kw)?;
                    cut_stack(&mut f.stack, base);
                    return Ok(Some(frame));
                }
                _ => {}
            }
            if ObjRef::ptr_eq(o, &self.t.bool_) && pos_end == args_start + 1 && kw.is_empty() {
                self.call_bool(f, base, args_start)?;
                return Ok(None);
            }
            if ObjRef::ptr_eq(o, &self.t.super_) && pos_end == args_start && kw.is_empty() {
                let r = self.zero_arg_super(f)?;
                cut_stack(&mut f.stack, base);
                f.push(r);
                return Ok(None);
            }
            let is_type_call = ObjRef::ptr_eq(o, &self.t.type_) && pos_end - args_start == 3;
            if let (Payload::NativeFunction(_), _) | (_, true) = (&o.payload, is_type_call) {
                let needs = is_type_call
                    || matches!(&o.payload, Payload::NativeFunction(nf) if nf.needs_frame);
                if needs {
                    let ctx = self.frame_context(f)?;
                    let saved = self.frame_ctx.replace(ctx);
                    let saved_code = self.frame_code.replace((f.code.clone(), f.lasti));
                    let r = self.call_kw(callable, &f.stack[args_start..pos_end], kw);
                    self.frame_ctx = saved;
                    self.frame_code = saved_code;
                    let r = r?;
                    cut_stack(&mut f.stack, base);
                    f.push(r);
                    return Ok(None);
                }
            }
        }
        let r = self.call_kw(callable, &f.stack[args_start..pos_end], kw)?;
        cut_stack(&mut f.stack, base);
        f.push(r);
        Ok(None)
    }

    /// `bool(x)`: what the class call would do (`bool.__new__` is `x`'s truth).
    #[inline(never)]
    fn call_bool(&mut self, f: &mut Frame, base: usize, arg: usize) -> PyResult<()> {
        let b = self.is_true(&f.stack[arg])?;
        f.stack.truncate(base);
        f.push(Value::bool(b));
        Ok(())
    }

    /// `CALL` of a Python function or a bound method of one that the simple path does not
    /// take (keywords, defaults, `*args`...): keyword names (`KW_NAMES` constant `kwi`) are
    /// bound straight from the constant tuple and the values from the stack (no copies of
    /// either). `Ok(None)`: take the generic path (nothing was changed).
    #[inline(never)]
    fn call_function_kw(
        &mut self,
        f: &mut Frame,
        base: usize,
        kwi: Option<u32>,
    ) -> PyResult<Option<Box<Frame>>> {
        let code;
        let names: &[Value] = match kwi {
            None => &[],
            Some(i) => {
                code = f.code.clone();
                let Some(Payload::Tuple(names)) =
                    code.consts.get(i as usize).and_then(Value::payload)
                else {
                    return Ok(None);
                };
                if !names
                    .iter()
                    .all(|v| matches!(v.payload(), Some(Payload::Str(_))))
                {
                    return Ok(None);
                }
                names
            }
        };
        let n = f.stack.len();
        let args_start = if f.stack[base].is_null() {
            match f.stack[base + 1].payload() {
                Some(Payload::Function(_)) => base + 2,
                Some(Payload::BoundMethod {
                    func: Value::Obj(fo),
                    self_,
                }) if matches!(fo.payload, Payload::Function(_)) => {
                    // Unpack the bound method in place: [function, self, args...].
                    if n - (base + 1) < names.len() {
                        return Ok(None);
                    }
                    let (func, self_) = (fo.clone(), self_.clone());
                    f.stack[base] = Value::Obj(func);
                    f.stack[base + 1] = self_;
                    base + 1
                }
                _ => return Ok(None),
            }
        } else {
            match f.stack[base].payload() {
                Some(Payload::Function(_)) => base + 1,
                _ => return Ok(None),
            }
        };
        if n - args_start < names.len() {
            return Ok(None);
        }
        let Value::Obj(fo) = &f.stack[args_start - 1] else {
            return Ok(None);
        };
        let fo = fo.clone();
        let pos_end = n - names.len();
        let frame = self.make_frame_obj(
            &fo,
            &f.stack[args_start..pos_end],
            names,
            &f.stack[pos_end..n],
        )?;
        f.stack.truncate(base);
        Ok(Some(frame))
    }

    /// The fast path of `CALL` without keywords: a plain Python function (or a bound method of
    /// one) called with exactly its positional parameters. The arguments move from the caller's
    /// stack into the new frame's locals (no copies, no reference-count traffic). `None`: take
    /// the generic path (nothing has been changed then).
    #[inline]
    fn call_simple_function(&mut self, f: &mut Frame, base: usize) -> Option<Box<Frame>> {
        // Stack from `base`: [NULL, callable, args...] or [function, self, args...].
        if f.stack[base].is_null() {
            let (func, self_) = match f.stack[base + 1].payload() {
                Some(Payload::BoundMethod {
                    func: Value::Obj(fo),
                    self_,
                }) if matches!(fo.payload, Payload::Function(_)) => (fo.clone(), self_.clone()),
                Some(Payload::Function(_)) => {
                    return self.enter_simple(f, base + 1, base);
                }
                _ => return None,
            };
            // Unpack the bound method in place: [function, self, args...].
            f.stack[base] = Value::Obj(func);
            f.stack[base + 1] = self_;
        }
        self.enter_simple(f, base, base)
    }

    #[inline]
    fn enter_simple(&mut self, f: &mut Frame, fidx: usize, base: usize) -> Option<Box<Frame>> {
        let Value::Obj(fo) = &f.stack[fidx] else {
            return None;
        };
        let Payload::Function(fd) = &fo.payload else {
            return None;
        };
        let nargs = f.stack.len() - fidx - 1;
        if nargs != fd.simple_argc {
            return None;
        }
        let mut frame = self.frame_for_call(fd);
        let n = fd.code.nlocalsplus.max(nargs);
        frame.fast.reserve(n);
        debug_assert!(f
            .stack
            .get(base..fidx)
            .is_some_and(|s| s.iter().all(Value::is_null)));
        let func;
        // SAFETY: the caller's stack holds `fidx + 1 + nargs` initialized values (`nargs` was
        // computed from its length above). The pooled or fresh frame's `fast` is empty with
        // capacity >= n >= nargs. The arguments are moved bitwise into slots 0..nargs and the
        // function out of slot `fidx`, and the caller's length is cut to `base`, so each value
        // has exactly one owner: the slots `base..fidx` left behind hold at most the `NULL`
        // below a plain function (`call_simple_function` passes `fidx == base + 1` only after
        // checking that), which owns nothing. Slots nargs..n get a first word of 0, which is
        // `Value::Null` (`repr(u64)`, `Null = 0`, no payload), so all n slots are initialized
        // before `set_len(n)`.
        unsafe {
            let dst = frame.fast.as_mut_ptr();
            let src = f.stack.as_ptr().add(fidx + 1);
            // Up to three arguments are moved one by one: a `copy_nonoverlapping` of a
            // run-time length is a call to `memcpy`.
            match nargs {
                0 => {}
                1 => dst.write(src.read()),
                2 => {
                    dst.write(src.read());
                    dst.add(1).write(src.add(1).read());
                }
                3 => {
                    dst.write(src.read());
                    dst.add(1).write(src.add(1).read());
                    dst.add(2).write(src.add(2).read());
                }
                _ => std::ptr::copy_nonoverlapping(src, dst, nargs),
            }
            func = src.sub(1).read();
            f.stack.set_len(base);
            for i in nargs..n {
                dst.add(i).cast::<u64>().write(0);
            }
            frame.fast.set_len(n);
        }
        frame.func = match func {
            Value::Obj(o) => Some(o),
            _ => None,
        };
        Some(frame)
    }

    /// The frame's globals and a locals mapping (a snapshot dict for function frames).
    pub(crate) fn frame_context(&mut self, f: &Frame) -> PyResult<(ObjRef, Value)> {
        if let Some(l) = &f.locals {
            return Ok((f.globals.clone(), Value::Obj(l.clone())));
        }
        let d = self.new_dict_obj();
        let code = f.code.clone();
        for (i, name) in code.localsplusnames.iter().enumerate() {
            let kind = code.localspluskinds.get(i).copied().unwrap_or(0);
            let v = f.fast.get(i).cloned().unwrap_or_default();
            let v = if kind & (pyvm_loader::object::kinds::CELL | pyvm_loader::object::kinds::FREE)
                != 0
            {
                match v.payload() {
                    Some(Payload::Cell(c)) => c.borrow().clone(),
                    _ => v,
                }
            } else {
                v
            };
            if !v.is_null() {
                self.dict_set_item(&d, name.clone(), v)?;
            }
        }
        Ok((f.globals.clone(), Value::Obj(d)))
    }

    /// `super()` with no arguments: uses the frame's first argument and its `__class__` cell.
    fn zero_arg_super(&mut self, f: &Frame) -> PyResult<Value> {
        let code = f.code.clone();
        if code.argcount == 0 && code.flags & pyvm_loader::object::flags::VARARGS == 0 {
            return Err(self.new_runtime_error("super(): no arguments"));
        }
        let mut first = f.fast.first().cloned().unwrap_or_default();
        if code
            .localspluskinds
            .first()
            .is_some_and(|k| k & pyvm_loader::object::kinds::CELL != 0)
        {
            if let Some(Payload::Cell(c)) = first.payload() {
                let inner = c.borrow().clone();
                first = inner;
            }
        }
        if first.is_null() {
            return Err(self.new_runtime_error("super(): arg[0] deleted"));
        }
        let idx = code.localsplusnames.iter().enumerate().position(|(i, n)| {
            n.as_str() == Some("__class__")
                && code
                    .localspluskinds
                    .get(i)
                    .is_some_and(|k| k & pyvm_loader::object::kinds::FREE != 0)
        });
        let Some(idx) = idx else {
            return Err(self.new_runtime_error("super(): __class__ cell not found"));
        };
        let cls = match f.fast.get(idx).and_then(Value::payload) {
            Some(Payload::Cell(c)) => c.borrow().clone(),
            _ => Value::Null,
        };
        if cls.is_null() {
            return Err(self.new_runtime_error("super(): empty __class__ cell"));
        }
        let Some(t) = self.as_class(&cls) else {
            return Err(self.new_runtime_error(&format!(
                "super(): __class__ is not a type ({})",
                self.type_name(&cls)
            )));
        };
        Ok(Value::Obj(self.alloc(
            &self.t.super_,
            Payload::Super {
                this_type: t,
                obj: first,
            },
        )))
    }

    /// `CALL_FUNCTION_EX flags`: `(NULL, func, callargs, kwargs? -- result)`. A Python
    /// function called with a tuple and a dict (what the compiler emits) runs in this loop:
    /// its frame becomes `f` (the caller is pushed on `Vm::frames`, as `CALL` does); otherwise
    /// the result has been pushed.
    pub(crate) fn op_call_ex(&mut self, f: &mut Box<Frame>, flags: usize) -> PyResult<()> {
        let kwargs = if flags & 1 != 0 { f.stack.pop() } else { None };
        let callargs = f.stack.pop().unwrap_or_default();
        let func = f.stack.pop().unwrap_or_default();
        let maybe_self = f.stack.pop().unwrap_or_default();
        if maybe_self.is_null() {
            if let Some(frame) = self.call_ex_function(&func, &callargs, kwargs.as_ref())? {
                // `push_frame`'s work, kept out of line here so that the dispatch loop's
                // copy stays inlined into `CALL`.
                if self.depth >= self.recursion_limit {
                    self.recycle_frame(frame);
                    return Err(self.new_recursion_error("maximum recursion depth exceeded"));
                }
                self.depth += 1;
                let caller = std::mem::replace(f, frame);
                self.frames.push(caller);
                return Ok(());
            }
        }
        let mut args: Vec<Value> = Vec::new();
        if !maybe_self.is_null() {
            // Not emitted by 3.12's compiler, but be tolerant.
            args.push(func.clone());
        }
        match callargs.payload() {
            Some(Payload::Tuple(t)) => args.extend(t.iter().cloned()),
            _ => match self.to_vec(&callargs) {
                Ok(v) => args.extend(v),
                Err(e) => {
                    if self.err_matches(&e, &self.t.exc.type_error.clone())
                        && !self.has_iter(&callargs)
                    {
                        return Err(self.new_type_error(&format!(
                            "{} argument after * must be an iterable, not {}",
                            self.function_str(&func),
                            self.type_name(&callargs)
                        )));
                    }
                    return Err(e);
                }
            },
        }
        let func = if maybe_self.is_null() {
            func
        } else {
            maybe_self
        };
        let mut kw: Vec<(Rc<str>, Value)> = Vec::new();
        if let Some(k) = kwargs {
            for (key, v) in self.dict_items(&k) {
                match key.as_rc_str() {
                    Some(s) => kw.push((s, v)),
                    None => return Err(self.new_type_error("keywords must be strings")),
                }
            }
        }
        let r = self.call_kw(&func, &args, &kw)?;
        f.push(r);
        Ok(())
    }

    /// `CALL_FUNCTION_EX` of a Python function (or a bound method of one) with a tuple and,
    /// if any, a dict whose keys are all `str`: a frame with the arguments bound, without
    /// copying them into vectors first. `Ok(None)`: take the generic path.
    #[inline(never)]
    fn call_ex_function(
        &mut self,
        func: &Value,
        callargs: &Value,
        kwargs: Option<&Value>,
    ) -> PyResult<Option<Box<Frame>>> {
        let Some(Payload::Tuple(pos)) = callargs.payload() else {
            return Ok(None);
        };
        let (fo, self_) = match func {
            Value::Obj(o) => match &o.payload {
                Payload::Function(_) => (o, None),
                Payload::BoundMethod {
                    func: Value::Obj(fo),
                    self_,
                } if matches!(fo.payload, Payload::Function(_)) => (fo, Some(self_)),
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        let mut names: SmallVec<[Value; 8]> = SmallVec::new();
        let mut values: SmallVec<[Value; 8]> = SmallVec::new();
        if let Some(k) = kwargs {
            let Some(Payload::Dict(d)) = k.payload() else {
                return Ok(None);
            };
            for e in d.borrow().iter() {
                if !matches!(e.key.payload(), Some(Payload::Str(_))) {
                    return Ok(None);
                }
                names.push(e.key.clone());
                values.push(e.value.clone());
            }
        }
        let frame = match self_ {
            None => self.make_frame_obj(fo, pos, &names, &values)?,
            Some(s) => {
                let mut all: SmallVec<[Value; 8]> = SmallVec::with_capacity(pos.len() + 1);
                all.push(s.clone());
                all.extend(pos.iter().cloned());
                self.make_frame_obj(fo, &all, &names, &values)?
            }
        };
        Ok(Some(frame))
    }

    fn has_iter(&self, v: &Value) -> bool {
        let t = self.type_of(v);
        self.lookup_type_attr(&t, "__iter__").is_some()
            || self.lookup_type_attr(&t, "__getitem__").is_some()
    }

    /// `f()`-style description of a callable for error messages.
    pub fn function_str(&self, func: &Value) -> String {
        match func.payload() {
            Some(Payload::Function(fd)) => match fd.module.as_str() {
                Some(m) if m != "builtins" => format!("{m}.{}()", fd.qualname.borrow()),
                _ => format!("{}()", fd.qualname.borrow()),
            },
            Some(Payload::NativeFunction(nf)) => format!("{}()", nf.name),
            Some(Payload::BoundMethod { func, .. }) => self.function_str(func),
            Some(Payload::Type(t)) => format!("{}()", t.name.borrow()),
            _ => format!("{} object", self.type_name(func)),
        }
    }

    /// `MAKE_FUNCTION flags`.
    pub(crate) fn op_make_function(&mut self, f: &mut Frame, flags: usize) -> PyResult<()> {
        let codev = f.stack.pop().unwrap_or_default();
        let Some(Payload::Code(code)) = codev.payload() else {
            return Err(self.new_system_error("MAKE_FUNCTION without a code object"));
        };
        let code = code.clone();
        let closure = if flags & 0x08 != 0 {
            f.stack.pop()
        } else {
            None
        };
        let annotations = if flags & 0x04 != 0 {
            f.stack.pop()
        } else {
            None
        };
        let kwdefaults = if flags & 0x02 != 0 {
            f.stack.pop()
        } else {
            None
        };
        let defaults = if flags & 0x01 != 0 {
            f.stack.pop()
        } else {
            None
        };
        let closure: Option<Rc<[ObjRef]>> = closure.and_then(|c| match c.payload() {
            Some(Payload::Tuple(t)) => Some(t.iter().filter_map(|x| x.as_obj().cloned()).collect()),
            _ => None,
        });
        let defaults: Option<Rc<[Value]>> = defaults.and_then(|d| match d.payload() {
            Some(Payload::Tuple(t)) => Some(Rc::from(t.to_vec())),
            _ => None,
        });
        let annotations = match annotations {
            Some(a) => match a.payload() {
                Some(Payload::Tuple(t)) => {
                    let d = self.new_dict_obj();
                    for pair in t.chunks(2) {
                        if let [k, v] = pair {
                            self.dict_set_item(&d, k.clone(), v.clone())?;
                        }
                    }
                    Value::Obj(d)
                }
                _ => a,
            },
            None => Value::None,
        };
        let doc = match code.consts.first() {
            Some(v) if v.as_str().is_some() => v.clone(),
            _ => Value::None,
        };
        let module = self
            .dict_get_str(&f.globals, "__name__")
            .unwrap_or(Value::None);
        let fd = FunctionData {
            simple_argc: code.simple_argc(),
            name: RefCell::new(code.name.clone()),
            qualname: RefCell::new(code.qualname.clone()),
            code,
            globals: f.globals.clone(),
            builtins: f.builtins.clone(),
            defaults: RefCell::new(defaults),
            kwdefaults: RefCell::new(kwdefaults.and_then(|k| k.as_obj().cloned())),
            closure,
            annotations: RefCell::new(annotations),
            doc: RefCell::new(doc),
            module,
            dict: None,
        };
        let func = self.new_function(fd);
        f.push(func);
        Ok(())
    }

    /// `LOAD_SUPER_ATTR`: `(global_super, class, self -- res2?, res)`.
    pub(crate) fn op_load_super_attr(&mut self, f: &mut Frame, arg: usize) -> PyResult<()> {
        let obj = f.stack.pop().unwrap_or_default();
        let class = f.stack.pop().unwrap_or_default();
        let gsuper = f.stack.pop().unwrap_or_default();
        let name = f.code.names.get(arg >> 2).cloned().unwrap_or_default();
        let method = arg & 1 != 0;
        let is_builtin_super = gsuper
            .as_obj()
            .is_some_and(|g| ObjRef::ptr_eq(g, &self.t.super_));
        if !is_builtin_super {
            let sup = self.call(&gsuper, &[class, obj])?;
            let v = self.getattr(&sup, &name)?;
            if method {
                f.push(Value::Null);
            }
            f.push(v);
            return Ok(());
        }
        let Some(cls) = self.as_class(&class) else {
            return Err(self.new_type_error("super() argument 1 must be a type"));
        };
        // The name's text is borrowed from the code's own `str` and its hash is the one cached
        // there: no `String` per lookup.
        let h = crate::proto::attr::name_hash(&name);
        let ns = name.as_str().unwrap_or("");
        let (v, bound_self) = self.super_lookup(&cls, &obj, ns, h, method)?;
        match bound_self {
            Some(s) => {
                f.push(v);
                f.push(s);
            }
            None => {
                if method {
                    f.push(Value::Null);
                }
                f.push(v);
            }
        }
        Ok(())
    }

    /// Looks `name` up in the MRO after `cls`, on behalf of `obj` (`super(cls, obj).name`).
    /// With `method`, returns `(function, Some(self))` for plain methods.
    pub fn super_lookup(
        &mut self,
        cls: &ObjRef,
        obj: &Value,
        name: &str,
        h: i64,
        method: bool,
    ) -> PyResult<(Value, Option<Value>)> {
        let obj_is_type = self
            .as_class(obj)
            .is_some_and(|o| self.is_subclass(&o, cls));
        let start_type = if obj_is_type {
            self.as_class(obj).unwrap_or_else(|| cls.clone())
        } else {
            self.type_of(obj)
        };
        if !obj_is_type && !self.is_subclass(&start_type, cls) {
            return Err(
                self.new_type_error("super(type, obj): obj must be an instance or subtype of type")
            );
        }
        // The MRO is read one entry at a time (no copy of the whole list per lookup); a type
        // settled on the way can't change it, and an index past its end ends the walk.
        let start_td = start_type.as_type();
        let mut idx = start_td.map_or(0, |td| {
            let mro = td.mro.borrow();
            mro.iter()
                .position(|m| ObjRef::ptr_eq(m, cls))
                .map_or(mro.len(), |i| i + 1)
        });
        while let Some(t) = start_td.and_then(|td| td.mro.borrow().get(idx).cloned()) {
            idx += 1;
            let Some(td) = t.as_type() else { continue };
            self.settle_type(td);
            let found = td.dict.borrow().get_str(h, name).map(|v| v.clone());
            let Some(d) = found else { continue };
            let inst = if obj_is_type { None } else { Some(obj.clone()) };
            let st = Value::Obj(start_type.clone());
            return Ok(match d.payload() {
                Some(Payload::Function(_)) => match inst {
                    Some(i) if method => (d, Some(i)),
                    Some(i) => (self.new_bound_method(d, i), None),
                    None => (d, None),
                },
                Some(Payload::NativeFunction(nf)) => match nf.kind {
                    NativeKind::Method => match inst {
                        Some(i) if method => (d, Some(i)),
                        Some(i) => (self.new_bound_method(d, i), None),
                        None => (d, None),
                    },
                    NativeKind::ClassMethod => (self.new_bound_method(d, st), None),
                    _ => (d, None),
                },
                Some(Payload::ClassMethod(func)) => (self.new_bound_method(func.clone(), st), None),
                Some(Payload::StaticMethod(func)) => (func.clone(), None),
                Some(Payload::Property(prop)) => match inst {
                    Some(i) => {
                        let fget = prop.fget.clone();
                        (self.call(&fget, &[i])?, None)
                    }
                    None => (d, None),
                },
                _ => (d, None),
            });
        }
        if name == "__class__" {
            return Ok((Value::Obj(self.t.super_.clone()), None));
        }
        Err(self.super_attr_error(name))
    }
}

/// Drops the stack down to `len` items, one pop at a time: the drops stay inline in the
/// dispatch loop (`truncate`'s slice drop is an out-of-line call there).
#[inline(always)]
fn cut_stack(stack: &mut Vec<Value>, len: usize) {
    while stack.len() > len {
        drop(stack.pop());
    }
}
