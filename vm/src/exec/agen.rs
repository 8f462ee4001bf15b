//! Async generators: `async def` functions containing `yield`. The generator frame is shared with
//! plain generators; values yielded by the async generator itself are wrapped by the
//! `ASYNC_GEN_WRAP` intrinsic, so an `asend`/`athrow`/`aclose` awaitable can tell them apart from
//! values an inner `await` suspends with.

use super::gen::Sent;
use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::{Args, PyErr, PyResult, Vm};
use std::cell::{Cell, RefCell};

/// A value yielded by an async generator (as opposed to one an inner `await` yields).
pub struct AsyncGenWrapped(pub Value);

enum OpKind {
    Send(Value),
    Throw(PyErr),
    Close,
}

/// The awaitable returned by `asend()` / `athrow()` / `aclose()` / `__anext__()`.
pub struct AsyncGenOp {
    agen: ObjRef,
    kind: RefCell<Option<OpKind>>,
    closing: bool,
    done: Cell<bool>,
    default: Option<Value>,
}

impl Vm {
    pub(crate) fn wrap_async_gen_value(&mut self, v: Value) -> Value {
        let cls = self.t.object.clone();
        Value::Obj(self.alloc(&cls, Payload::Native(Box::new(AsyncGenWrapped(v)))))
    }

    fn agen_op(&mut self, agen: ObjRef, kind: OpKind, default: Option<Value>) -> Value {
        let closing = matches!(kind, OpKind::Close);
        let op = AsyncGenOp {
            agen,
            kind: RefCell::new(Some(kind)),
            closing,
            done: Cell::new(false),
            default,
        };
        let cls = self.t.async_generator_asend.clone();
        Value::Obj(self.alloc(&cls, Payload::Native(Box::new(op))))
    }

    /// One step of an asend/athrow/aclose awaitable.
    fn agen_op_step(&mut self, opv: &Value, sent: Value, throw: Option<PyErr>) -> PyResult<Value> {
        let Some(Payload::Native(n)) = opv.payload() else {
            return Err(self.new_type_error("bad awaitable"));
        };
        let Some(op) = n.downcast_ref::<AsyncGenOp>() else {
            return Err(self.new_type_error("bad awaitable"));
        };
        if op.done.get() {
            return Err(self.new_runtime_error("cannot reuse already awaited __anext__()/asend()"));
        }
        let first = op.kind.borrow_mut().take();
        let (value, exc) = match (first, throw) {
            (_, Some(e)) => (Value::None, Some(e)),
            (Some(OpKind::Send(init)), None) => (if sent.is_none() { init } else { sent }, None),
            (Some(OpKind::Throw(e)), None) => (Value::None, Some(e)),
            (Some(OpKind::Close), None) => (
                Value::None,
                Some(self.new_exception(&self.t.exc.generator_exit.clone(), vec![])),
            ),
            (None, None) => (sent, None),
        };
        let agen = op.agen.clone();
        let closing = op.closing;
        let default = op.default.clone();
        let r = self.gen_resume(&agen, value, exc);
        match r {
            Ok(Sent::Yielded(y)) => {
                let wrapped = match y.payload() {
                    Some(Payload::Native(n)) => {
                        n.downcast_ref::<AsyncGenWrapped>().map(|w| w.0.clone())
                    }
                    _ => None,
                };
                match wrapped {
                    Some(inner) => {
                        op.done.set(true);
                        if closing {
                            return Err(
                                self.new_runtime_error("async generator ignored GeneratorExit")
                            );
                        }
                        Err(self.new_stop_iteration(inner))
                    }
                    None => Ok(y),
                }
            }
            Ok(Sent::Returned(_)) => {
                op.done.set(true);
                if closing {
                    return Err(self.new_stop_iteration(Value::None));
                }
                match default {
                    Some(d) => Err(self.new_stop_iteration(d)),
                    None => {
                        Err(self.new_exception(&self.t.exc.stop_async_iteration.clone(), vec![]))
                    }
                }
            }
            Err(e) => {
                op.done.set(true);
                let stop_async = self.t.exc.stop_async_iteration.clone();
                if closing
                    && (self.err_matches(&e, &self.t.exc.generator_exit.clone())
                        || self.err_matches(&e, &stop_async))
                {
                    return Err(self.new_stop_iteration(Value::None));
                }
                if let Some(d) = default {
                    if self.err_matches(&e, &stop_async) {
                        return Err(self.new_stop_iteration(d));
                    }
                }
                Err(e)
            }
        }
    }
}

fn agen_arg(vm: &Vm, a: &Args<'_>) -> PyResult<ObjRef> {
    match a.pos.first() {
        Some(Value::Obj(o)) if matches!(o.payload, Payload::Generator(_)) => Ok(o.clone()),
        _ => Err(vm.new_type_error("descriptor requires an 'async_generator' object")),
    }
}

/// Installs the async generator types' methods and `aiter`/`anext`.
pub(crate) fn install(vm: &mut Vm) {
    let ag = vm.t.async_generator.clone();
    vm.add_method(&ag, "__aiter__", |_vm, a| {
        Ok(a.pos.first().cloned().unwrap_or(Value::None))
    });
    vm.add_method(&ag, "__anext__", |vm, a| {
        let g = agen_arg(vm, &a)?;
        Ok(vm.agen_op(g, OpKind::Send(Value::None), None))
    });
    vm.add_method(&ag, "asend", |vm, a| {
        let g = agen_arg(vm, &a)?;
        let v = a.pos.get(1).cloned().unwrap_or(Value::None);
        Ok(vm.agen_op(g, OpKind::Send(v), None))
    });
    vm.add_method(&ag, "athrow", |vm, a| {
        let g = agen_arg(vm, &a)?;
        let Some(t) = a.pos.get(1) else {
            return Err(vm.new_type_error("athrow expected at least 1 argument, got 0"));
        };
        let e = match a.pos.get(2).filter(|v| !v.is_none()) {
            Some(val) => {
                let inst = vm.call(t, &[val.clone()])?;
                vm.make_raisable(&inst)?
            }
            None => vm.make_raisable(t)?,
        };
        Ok(vm.agen_op(g, OpKind::Throw(e), None))
    });
    vm.add_method(&ag, "aclose", |vm, a| {
        let g = agen_arg(vm, &a)?;
        Ok(vm.agen_op(g, OpKind::Close, None))
    });
    let op = vm.t.async_generator_asend.clone();
    vm.add_method(&op, "__await__", |_vm, a| {
        Ok(a.pos.first().cloned().unwrap_or(Value::None))
    });
    vm.add_method(&op, "__iter__", |_vm, a| {
        Ok(a.pos.first().cloned().unwrap_or(Value::None))
    });
    vm.add_method(&op, "__next__", |vm, a| {
        let me = a.pos.first().cloned().unwrap_or(Value::None);
        vm.agen_op_step(&me, Value::None, None)
    });
    vm.add_method(&op, "send", |vm, a| {
        let me = a.pos.first().cloned().unwrap_or(Value::None);
        let v = a.pos.get(1).cloned().unwrap_or(Value::None);
        vm.agen_op_step(&me, v, None)
    });
    vm.add_method(&op, "throw", |vm, a| {
        let me = a.pos.first().cloned().unwrap_or(Value::None);
        let t = a.pos.get(1).cloned().unwrap_or(Value::None);
        let e = vm.make_raisable(&t)?;
        vm.agen_op_step(&me, Value::None, Some(e))
    });
    vm.add_method(&op, "close", |_vm, _a| Ok(Value::None));
    let aiter = vm.new_native_function("aiter", |vm, a| {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        vm.get_aiter(&v)
    });
    vm.set_builtin("aiter", aiter);
    let anext = vm.new_native_function("anext", |vm, a| {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        let default = a.pos.get(1).cloned();
        if let (Value::Obj(o), Some(d)) = (&v, &default) {
            if matches!(o.payload, Payload::Generator(_)) {
                return Ok(vm.agen_op(o.clone(), OpKind::Send(Value::None), Some(d.clone())));
            }
        }
        let cls = vm.type_of(&v);
        match vm.lookup_type_attr(&cls, "__anext__") {
            Some(f) => vm.call(&f, &[v]),
            None => Err(vm.new_type_error(&format!(
                "'{}' object is not an async iterator",
                vm.type_name(&v)
            ))),
        }
    });
    vm.set_builtin("anext", anext);
}
