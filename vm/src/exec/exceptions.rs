//! Raising, exception matching, tracebacks, context chaining and `with` blocks.

use crate::frame::Frame;
use crate::object::{ObjRef, Payload, TracebackEntry};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

impl Vm {
    /// Called when an instruction fails: chains `__context__` for a freshly raised exception.
    pub(crate) fn fresh_error(&mut self, e: PyErr) -> PyErr {
        let fresh = e.state().is_some_and(|s| {
            let s = s.borrow();
            s.traceback.is_empty() && s.context.is_null()
        });
        if fresh {
            self.chain_context(&e);
        }
        e
    }

    /// Sets `e.__context__` to the exception being handled (breaking cycles like CPython).
    pub(crate) fn chain_context(&mut self, e: &PyErr) {
        let cur = self.cur_exc.clone();
        let Value::Obj(c) = &cur else { return };
        if ObjRef::ptr_eq(c, e.exc()) {
            return;
        }
        // Break a cycle: if `e` is already somewhere in cur's context chain, cut it there.
        let mut o = c.clone();
        for _ in 0..10_000 {
            let next = match &o.payload {
                Payload::Exception(st) => st.borrow().context.clone(),
                _ => break,
            };
            match next {
                Value::Obj(n) => {
                    if ObjRef::ptr_eq(&n, e.exc()) {
                        if let Payload::Exception(st) = &o.payload {
                            st.borrow_mut().context = Value::None;
                        }
                        break;
                    }
                    o = n;
                }
                _ => break,
            }
        }
        if let Some(st) = e.state() {
            st.borrow_mut().context = cur;
        }
    }

    pub(crate) fn record_traceback(&self, e: &PyErr, f: &Frame) {
        if let Some(st) = e.state() {
            let self_value = if f.code.argcount > 0
                && f.code.localsplusnames.first().and_then(Value::as_str) == Some("self")
            {
                f.fast.first().cloned().map(|v| match v.payload() {
                    Some(Payload::Cell(c)) => c.borrow().clone(),
                    _ => v,
                })
            } else {
                None
            };
            st.borrow_mut().traceback.push(TracebackEntry {
                code: f.code.clone(),
                instr: f.lasti,
                globals: Some(f.globals.clone()),
                self_value,
                locals: Vec::new(),
            });
        }
    }

    pub(crate) fn finish_error(&mut self, e: PyErr) -> PyErr {
        e
    }

    /// Turns a raise operand (class or instance) into an exception instance.
    pub(crate) fn make_raisable(&mut self, v: &Value) -> PyResult<PyErr> {
        if let Some(cls) = self.as_class(v) {
            if self.is_subclass(&cls, &self.t.exc.base_exception.clone()) {
                let inst = self.call(v, &[])?;
                return match inst {
                    Value::Obj(o) if matches!(o.payload, Payload::Exception(_)) => Ok(PyErr(o)),
                    other => {
                        let r = self.repr_string(v).unwrap_or_default();
                        Err(self.new_type_error(&format!(
                            "calling {} should have returned an instance of BaseException, not {}",
                            r,
                            self.type_name(&other)
                        )))
                    }
                };
            }
        }
        match v {
            Value::Obj(o) if matches!(o.payload, Payload::Exception(_)) => Ok(PyErr(o.clone())),
            _ => Err(self.new_type_error("exceptions must derive from BaseException")),
        }
    }

    /// `RAISE_VARARGS`: returns the error to raise and whether it is a bare re-raise.
    pub(crate) fn op_raise(&mut self, f: &mut Frame, argc: usize) -> (PyErr, bool) {
        match argc {
            0 => match self.cur_exc.clone() {
                Value::Obj(o) if matches!(o.payload, Payload::Exception(_)) => (PyErr(o), true),
                _ => (
                    self.fresh_error(self.new_runtime_error("No active exception to reraise")),
                    false,
                ),
            },
            1 | 2 => {
                let cause = if argc == 2 { f.stack.pop() } else { None };
                let exc = f.stack.pop().unwrap_or(Value::None);
                let e = match self.make_raisable(&exc) {
                    Ok(e) => e,
                    Err(e) => return (self.fresh_error(e), false),
                };
                if let Some(cause) = cause {
                    let cause_v = if cause.is_none() {
                        Value::None
                    } else {
                        match self.make_raisable(&cause) {
                            Ok(c) => c.value(),
                            Err(_) => {
                                let te = self.new_type_error(
                                    "exception causes must derive from BaseException",
                                );
                                return (self.fresh_error(te), false);
                            }
                        }
                    };
                    if let Some(st) = e.state() {
                        let mut st = st.borrow_mut();
                        st.cause = cause_v;
                        st.suppress_context = true;
                    }
                }
                self.chain_context(&e);
                (e, false)
            }
            _ => (self.new_system_error("bad RAISE_VARARGS oparg"), false),
        }
    }

    /// `except T:` matching (T a class or tuple of classes). Reads the classes in place (no
    /// copies, no reference counts taken).
    pub(crate) fn exception_matches(&mut self, exc: &Value, ty: &Value) -> PyResult<bool> {
        let classes: &[Value] = match ty.payload() {
            Some(Payload::Tuple(t)) => t,
            _ => std::slice::from_ref(ty),
        };
        let base = &self.t.exc.base_exception;
        let valid = classes.iter().all(|c| match c {
            Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => self.is_subclass(o, base),
            _ => false,
        });
        if !valid {
            return Err(self.new_type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
        let et = self.type_of(exc);
        Ok(classes
            .iter()
            .any(|c| c.as_obj().is_some_and(|cls| self.is_subclass(&et, cls))))
    }

    /// `BEFORE_WITH`: `(mgr -- exit, enter_result)`.
    pub(crate) fn op_before_with(&mut self, f: &mut Frame) -> PyResult<()> {
        let mgr = f.stack.pop().unwrap_or_default();
        let cls = self.type_of(&mgr);
        let enter = self.lookup_type_attr(&cls, "__enter__");
        let exit = self.lookup_type_attr(&cls, "__exit__");
        let (Some(enter), Some(exit)) = (enter, exit) else {
            let missing = if self.lookup_type_attr(&cls, "__enter__").is_none() {
                ""
            } else {
                " (missed __exit__ method)"
            };
            return Err(self.new_type_error(&format!(
                "'{}' object does not support the context manager protocol{}",
                self.type_name(&mgr),
                missing
            )));
        };
        let bound_exit = self.bind_for_call(&exit, &mgr, &cls);
        f.push(bound_exit);
        let r = match enter.payload() {
            Some(Payload::Function(_) | Payload::NativeFunction(_)) => {
                self.call(&enter, &[mgr.clone()])?
            }
            _ => {
                let b = self.bind_for_call(&enter, &mgr, &cls);
                self.call(&b, &[])?
            }
        };
        f.push(r);
        Ok(())
    }

    fn bind_for_call(&mut self, d: &Value, obj: &Value, _cls: &ObjRef) -> Value {
        match d.payload() {
            Some(Payload::Function(_) | Payload::NativeFunction(_)) => {
                self.new_bound_method(d.clone(), obj.clone())
            }
            Some(Payload::StaticMethod(f)) => f.clone(),
            _ => d.clone(),
        }
    }

    /// `WITH_EXCEPT_START`: `(exit, lasti, prev_exc, val -- exit, lasti, prev_exc, val, res)`.
    pub(crate) fn op_with_except_start(&mut self, f: &mut Frame) -> PyResult<()> {
        let n = f.stack.len();
        if n < 4 {
            return Err(self.new_system_error("stack underflow in WITH_EXCEPT_START"));
        }
        let exit = f.stack[n - 4].clone();
        let val = f.stack[n - 1].clone();
        let ty = Value::Obj(self.type_of(&val));
        let tb = self
            .getattr_str(&val, "__traceback__")
            .unwrap_or(Value::None);
        let r = self.call(&exit, &[ty, val, tb])?;
        f.push(r);
        Ok(())
    }

    /// `CLEANUP_THROW`: `(sub_iter, last_sent_val, exc_value -- none, value)`.
    pub(crate) fn op_cleanup_throw(&mut self, f: &mut Frame) -> PyResult<()> {
        let exc = f.stack.pop().unwrap_or_default();
        let _last = f.stack.pop();
        let _sub = f.stack.pop();
        if let Value::Obj(o) = &exc {
            if self.is_instance(&exc, &self.t.exc.stop_iteration.clone()) {
                let v = match &o.payload {
                    Payload::Exception(st) => match st.borrow().args.payload() {
                        Some(Payload::Tuple(t)) => t.first().cloned().unwrap_or(Value::None),
                        _ => Value::None,
                    },
                    _ => Value::None,
                };
                f.push(Value::None);
                f.push(v);
                return Ok(());
            }
            if matches!(o.payload, Payload::Exception(_)) {
                return Err(PyErr(o.clone()));
            }
        }
        Err(self.new_system_error("CLEANUP_THROW without an exception"))
    }
}
