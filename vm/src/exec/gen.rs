//! Generators: a generator object owns its suspended frame; resuming re-enters the dispatch loop.

use super::Exit;
use crate::frame::Frame;
use crate::object::{GeneratorData, ObjRef, Payload};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};
use pyvm_loader::object::flags;
use std::cell::{Cell, RefCell};

/// Outcome of sending a value into a generator / iterator.
pub enum Sent {
    Yielded(Value),
    Returned(Value),
}

/// A generator whose frame `FOR_ITER` runs inline: the loop switched to the generator's frame
/// as a call switches to the callee's, instead of resuming it through [`Vm::gen_resume`] (a
/// nested dispatch loop per step). Its `YIELD_VALUE`, its return and an exception leaving it
/// switch back to the caller (`frames[depth - 1]`), doing what `gen_resume` does around its
/// nested loop. While it runs, the caller's handled exception (restored when it leaves) is
/// kept in the generator's `exc` slot, which holds nothing else then: the entry stays two
/// words, pushed and popped in registers.
pub struct InlineGen {
    gen: ObjRef,
    /// `Vm::frames.len()` while the generator's frame is the running one, times two, plus one
    /// when it was entered by `SEND` (`yield from`) rather than `FOR_ITER`.
    depth_send: usize,
}

impl InlineGen {
    fn depth(&self) -> usize {
        self.depth_send >> 1
    }

    fn send(&self) -> bool {
        self.depth_send & 1 != 0
    }
}

impl Vm {
    /// `FOR_ITER` over an exact generator that is suspended (or not started), from a frame
    /// run by the loop whose first frame is at `base`: switches `f` to the generator's frame
    /// (the caller is pushed on `frames`) and returns `true`. `false`: nothing was changed;
    /// take the generic step (finished, running, or a subclass' generator, or too deep).
    pub(crate) fn for_iter_gen(&mut self, f: &mut Box<Frame>) -> bool {
        self.enter_inline_gen(f, Value::None, false).is_ok()
    }

    /// `SEND` of `v` to an exact generator (`yield from`): as [`Vm::for_iter_gen`]; `Err(v)`
    /// when it declines.
    pub(crate) fn send_gen(&mut self, f: &mut Box<Frame>, v: Value) -> Result<(), Value> {
        self.enter_inline_gen(f, v, true)
    }

    fn enter_inline_gen(
        &mut self,
        f: &mut Box<Frame>,
        sent: Value,
        send: bool,
    ) -> Result<(), Value> {
        let Some(Value::Obj(g)) = f.stack.last() else {
            return Err(sent);
        };
        let Payload::Generator(gd) = &g.payload else {
            return Err(sent);
        };
        // `inline`: an exact generator whose code's returns are tagged to end an inline frame
        // (`GenReturn`), decided when it was made.
        if !gd.inline
            || gd.running.get()
            || (!sent.is_none() && !gd.started.get())
            || self.depth >= self.recursion_limit
        {
            return Err(sent);
        }
        let Some(mut frame) = gd.frame.borrow_mut().take() else {
            return Err(sent);
        };
        gd.started.set(true);
        frame.push(sent);
        {
            // The generator's saved exception (if any) becomes the handled one; the caller's
            // waits in the slot until the generator leaves.
            let mut slot = gd.exc.borrow_mut();
            if slot.is_none() {
                *slot = self.cur_exc.clone();
            } else {
                let saved = std::mem::replace(&mut *slot, Value::None);
                *slot = std::mem::replace(&mut self.cur_exc, saved);
            }
        }
        gd.running.set(true);
        let gen = g.clone();
        self.depth += 1;
        let caller = std::mem::replace(f, frame);
        self.frames.push(caller);
        let depth = self.frames.len();
        self.inline_gen_top = depth;
        self.inline_gens.push(InlineGen {
            gen,
            depth_send: (depth << 1) | usize::from(send),
        });
        Ok(())
    }

    /// Whether the running frame (of the loop whose first frame is at `base`) is a generator's
    /// run inline by [`Vm::for_iter_gen`].
    #[inline(always)]
    pub(crate) fn in_inline_gen(&self, base: usize) -> bool {
        let n = self.frames.len();
        // `inline_gen_top` is the depth of the innermost inline generator of any loop; one of
        // an outer loop is at most this loop's `base`, so a match above `base` is this loop's.
        n > base && self.inline_gen_top == n
    }

    /// Leaves the inline generator's frame `f` for its caller: as `gen_resume` after its
    /// nested loop ends, the generator stops running and the caller's handled exception
    /// comes back; `keep` is the frame to keep (a yield) or `None` (it finished).
    fn leave_inline_gen(
        &mut self,
        f: &mut Box<Frame>,
        yielded: bool,
    ) -> Option<(Box<Frame>, bool)> {
        let e = self.inline_gens.pop()?;
        self.inline_gen_top = self.inline_gens.last().map_or(0, InlineGen::depth);
        let caller = self.frames.pop()?;
        self.depth -= 1;
        let gframe = std::mem::replace(f, caller);
        let Payload::Generator(gd) = &e.gen.payload else {
            return Some((gframe, e.send()));
        };
        gd.running.set(false);
        let mut slot = gd.exc.borrow_mut();
        let caller_exc = std::mem::replace(&mut *slot, Value::None);
        let inner_exc = std::mem::replace(&mut self.cur_exc, caller_exc);
        if yielded {
            let keep = !inner_exc.is_none() && !inner_exc.is(&self.cur_exc);
            let dropped = if keep {
                std::mem::replace(&mut *slot, inner_exc)
            } else {
                inner_exc
            };
            drop(slot);
            drop(dropped);
            *gd.frame.borrow_mut() = Some(gframe);
            None
        } else {
            drop(slot);
            drop(inner_exc);
            Some((gframe, e.send()))
        }
    }

    /// `YIELD_VALUE` in an inline generator's frame: back to the caller's `FOR_ITER`, which
    /// pushes `v`.
    pub(crate) fn yield_inline_gen(&mut self, f: &mut Box<Frame>, v: Value) {
        if let Some(dead) = self.leave_inline_gen(f, true) {
            drop(dead);
        }
        f.push(v);
    }

    /// The inline generator's frame returned `v`: it is finished. The caller's `FOR_ITER` (at
    /// its `lasti`) ends the loop: pops the generator and jumps past `END_FOR`; its `SEND`
    /// pushes `v` and jumps to its target.
    pub(crate) fn return_inline_gen(&mut self, f: &mut Box<Frame>, v: Value) {
        let send = match self.leave_inline_gen(f, false) {
            Some((done, send)) => {
                self.recycle_frame(done);
                send
            }
            None => false,
        };
        let Some(&ins) = f.code.instrs.get(f.lasti) else {
            return;
        };
        let after = f.lasti + usize::from(ins.len) + ins.arg as usize;
        if send {
            f.push(v);
            f.pc = after;
        } else {
            drop(v);
            f.stack.pop();
            f.pc = after + 1;
        }
    }

    /// An exception leaves the inline generator's frame `f` (the unwinder then continues in
    /// the caller): the generator is finished. Returns the dead frame.
    pub(crate) fn unwind_inline_gen(&mut self, f: &mut Box<Frame>) -> Option<Box<Frame>> {
        self.leave_inline_gen(f, false).map(|(dead, _)| dead)
    }

    /// Forgets the inline generators of a loop (first frame at `base`) that ends abnormally.
    pub(crate) fn drop_inline_gens(&mut self, base: usize) {
        while self.inline_gens.last().is_some_and(|e| e.depth() > base) {
            if let Some(e) = self.inline_gens.pop() {
                self.inline_gen_top = self.inline_gens.last().map_or(0, InlineGen::depth);
                if let Payload::Generator(gd) = &e.gen.payload {
                    gd.running.set(false);
                    let caller_exc = gd.exc.replace(Value::None);
                    drop(std::mem::replace(&mut self.cur_exc, caller_exc));
                }
            }
        }
    }

    pub(crate) fn new_generator(&mut self, frame: Box<Frame>) -> Value {
        let code = frame.code.clone();
        let cls = if code.flags & flags::COROUTINE != 0 {
            self.t.coroutine.clone()
        } else if code.flags & flags::ASYNC_GENERATOR != 0 {
            self.t.async_generator.clone()
        } else {
            self.t.generator.clone()
        };
        let inline = ObjRef::ptr_eq(&cls, &self.t.generator) && code.flags & flags::GENERATOR != 0;
        let g = GeneratorData {
            inline,
            name: code.name.clone(),
            qualname: code.qualname.clone(),
            frame: RefCell::new(Some(frame)),
            running: Cell::new(false),
            code: Some(code.clone()),
            exc: RefCell::new(Value::None),
            started: Cell::new(false),
        };
        Value::Obj(self.alloc(&cls, Payload::Generator(Box::new(g))))
    }

    /// Resumes a generator with `sent` (or by throwing `throw` into it).
    pub fn gen_resume(&mut self, g: &ObjRef, sent: Value, throw: Option<PyErr>) -> PyResult<Sent> {
        let Payload::Generator(gd) = &g.payload else {
            return Err(self.new_type_error("not a generator"));
        };
        if gd.running.get() {
            return Err(self.new_value_error("generator already executing"));
        }
        let frame = gd.frame.borrow_mut().take();
        let Some(mut frame) = frame else {
            if let Some(e) = throw {
                return Err(e);
            }
            if g.class
                .as_ref()
                .is_some_and(|c| ObjRef::ptr_eq(c, &self.t.coroutine))
                && gd.started.get()
            {
                return Err(self.new_runtime_error("cannot reuse already awaited coroutine"));
            }
            return Ok(Sent::Returned(Value::None));
        };
        if !gd.started.get() && !sent.is_none() && throw.is_none() {
            *gd.frame.borrow_mut() = Some(frame);
            return Err(
                self.new_type_error("can't send non-None value to a just-started generator")
            );
        }
        gd.started.set(true);
        // Delegation: a generator suspended in `yield from` / `await` passes the throw on first.
        let mut throw = throw;
        if let Some(exc) = throw.take() {
            let yf = if frame
                .code
                .instrs
                .get(frame.pc)
                .is_some_and(|i| i.op == crate::opcodes::RESUME && i.arg >= 2)
            {
                frame.stack.last().cloned()
            } else {
                None
            };
            match yf {
                Some(yf) => {
                    *gd.frame.borrow_mut() = Some(frame);
                    let r = self.throw_into_delegate(&yf, exc);
                    let frame_back = gd.frame.borrow_mut().take();
                    let Some(mut fb) = frame_back else {
                        return Err(self.new_runtime_error("generator frame lost"));
                    };
                    match r {
                        Ok(Sent::Yielded(v)) => {
                            *gd.frame.borrow_mut() = Some(fb);
                            return Ok(Sent::Yielded(v));
                        }
                        Ok(Sent::Returned(v)) => {
                            // The delegate finished: pop it and continue after the SEND loop.
                            fb.stack.pop();
                            let mut pc = fb.pc;
                            while let Some(i) = fb.code.instrs.get(pc) {
                                pc += 1;
                                if i.op == crate::opcodes::END_SEND {
                                    break;
                                }
                            }
                            fb.pc = pc;
                            fb.stack.push(v);
                            frame = fb;
                        }
                        Err(e) => {
                            fb.stack.push(Value::None);
                            frame = fb;
                            throw = Some(e);
                        }
                    }
                }
                None => {
                    frame.stack.push(Value::None);
                    throw = Some(exc);
                }
            }
        } else {
            frame.stack.push(sent);
        }
        let caller_exc = self.cur_exc.clone();
        let saved = gd.exc.borrow().clone();
        if !saved.is_none() {
            self.cur_exc = saved;
        }
        gd.running.set(true);
        let r = self.execute(frame, throw);
        gd.running.set(false);
        let inner_exc = std::mem::replace(&mut self.cur_exc, caller_exc.clone());
        match r {
            Ok(Exit::Yield(v, frame)) => {
                *gd.exc.borrow_mut() = if inner_exc.is(&caller_exc) {
                    Value::None
                } else {
                    inner_exc
                };
                *gd.frame.borrow_mut() = Some(frame);
                Ok(Sent::Yielded(v))
            }
            // A finished generator keeps no handled exception (CPython clears it with the
            // frame); otherwise it could keep a cycle through the generator alive.
            Ok(Exit::Return(v)) => {
                drop(gd.exc.replace(Value::None));
                Ok(Sent::Returned(v))
            }
            Err(e) => {
                drop(gd.exc.replace(Value::None));
                Err(e)
            }
        }
    }

    /// Throws `exc` into the object a suspended generator delegates to.
    fn throw_into_delegate(&mut self, yf: &Value, exc: PyErr) -> PyResult<Sent> {
        let is_exit = self.err_matches(&exc, &self.t.exc.generator_exit.clone());
        if is_exit {
            if let Some(close) = self.lookup_attr(yf, "close")? {
                self.call(&close, &[])?;
            }
            return Err(exc);
        }
        if let Value::Obj(o) = yf {
            if matches!(o.payload, Payload::Generator(_)) {
                return self.gen_resume(o, Value::None, Some(exc));
            }
        }
        match self.lookup_attr(yf, "throw")? {
            Some(t) => match self.call(&t, &[exc.value()]) {
                Ok(v) => Ok(Sent::Yielded(v)),
                Err(e) if self.err_matches(&e, &self.t.exc.stop_iteration.clone()) => {
                    let v = self.stop_iteration_value(&e);
                    Ok(Sent::Returned(v))
                }
                Err(e) => Err(e),
            },
            None => Err(exc),
        }
    }

    /// The `value` of a StopIteration.
    pub fn stop_iteration_value(&self, e: &PyErr) -> Value {
        match e.state() {
            Some(st) => match st.borrow().args.payload() {
                Some(Payload::Tuple(t)) => t.first().cloned().unwrap_or(Value::None),
                _ => Value::None,
            },
            None => Value::None,
        }
    }

    /// `next(it)` that raises `StopIteration(value)` when exhausted (a generator's return value
    /// becomes the exception's value), as the `next()` builtin does.
    pub fn next_value(&mut self, it: &Value) -> PyResult<Value> {
        if let Value::Obj(o) = it {
            if matches!(o.payload, Payload::Generator(_)) {
                return match self.gen_resume(o, Value::None, None)? {
                    Sent::Yielded(v) => Ok(v),
                    Sent::Returned(v) => Err(self.new_stop_iteration(v)),
                };
            }
            if !matches!(o.payload, Payload::Iter(_)) {
                let cls = self.type_of(it);
                if let Some(f) = self.lookup_type_attr(&cls, "__next__") {
                    return self.call(&f, &[it.clone()]);
                }
            }
        }
        match self.next(it)? {
            Some(v) => Ok(v),
            None => Err(self.new_stop_iteration(Value::None)),
        }
    }

    /// `next(generator)`.
    pub(crate) fn gen_next(&mut self, g: &ObjRef) -> PyResult<Option<Value>> {
        match self.gen_resume(g, Value::None, None)? {
            Sent::Yielded(v) => Ok(Some(v)),
            Sent::Returned(_) => Ok(None),
        }
    }

    /// `SEND`: delegate to a sub-iterator (`yield from` / `await`).
    pub(crate) fn send_into(&mut self, recv: &Value, v: Value) -> PyResult<Sent> {
        if let Value::Obj(o) = recv {
            if matches!(o.payload, Payload::Generator(_)) {
                return self.gen_resume(o, v, None);
            }
        }
        let r = if v.is_none() {
            self.next_value(recv)
        } else {
            self.call_method(recv, "send", &[v])
        };
        match r {
            Ok(y) => Ok(Sent::Yielded(y)),
            Err(e) if self.err_matches(&e, &self.t.exc.stop_iteration.clone()) => {
                let val = match e.state() {
                    Some(st) => match st.borrow().args.payload() {
                        Some(Payload::Tuple(t)) => t.first().cloned().unwrap_or(Value::None),
                        _ => Value::None,
                    },
                    None => Value::None,
                };
                Ok(Sent::Returned(val))
            }
            Err(e) => Err(e),
        }
    }
}

fn gen_arg(vm: &Vm, a: &crate::Args<'_>) -> PyResult<ObjRef> {
    match a.pos.first() {
        Some(Value::Obj(o)) if matches!(o.payload, Payload::Generator(_)) => Ok(o.clone()),
        _ => Err(vm.new_type_error("descriptor requires a 'generator' object")),
    }
}

/// Installs `send`, `throw`, `close`, `__next__`, `__iter__` on the generator type.
pub(crate) fn install(vm: &mut Vm) {
    for ty in [vm.t.generator.clone(), vm.t.coroutine.clone()] {
        vm.add_method(&ty, "__next__", |vm, a| {
            let g = gen_arg(vm, &a)?;
            match vm.gen_resume(&g, Value::None, None)? {
                Sent::Yielded(v) => Ok(v),
                Sent::Returned(v) => Err(vm.new_stop_iteration(v)),
            }
        });
        vm.add_method(&ty, "__iter__", |_vm, a| {
            Ok(a.pos.first().cloned().unwrap_or(Value::None))
        });
        vm.add_method(&ty, "send", |vm, a| {
            let g = gen_arg(vm, &a)?;
            let v = a.pos.get(1).cloned().unwrap_or(Value::None);
            match vm.gen_resume(&g, v, None)? {
                Sent::Yielded(v) => Ok(v),
                Sent::Returned(v) => Err(vm.new_stop_iteration(v)),
            }
        });
        vm.add_method(&ty, "throw", |vm, a| {
            let g = gen_arg(vm, &a)?;
            let Some(t) = a.pos.get(1) else {
                return Err(vm.new_type_error("throw expected at least 1 argument, got 0"));
            };
            let e = match (vm.as_class(t), a.pos.get(2)) {
                (Some(_), Some(val)) if !val.is_none() => {
                    let v = val.clone();
                    match vm.make_raisable(&v) {
                        Ok(e) => e,
                        Err(_) => {
                            let inst = vm.call(t, &[v])?;
                            vm.make_raisable(&inst)?
                        }
                    }
                }
                _ => vm.make_raisable(t)?,
            };
            match vm.gen_resume(&g, Value::None, Some(e))? {
                Sent::Yielded(v) => Ok(v),
                Sent::Returned(v) => Err(vm.new_stop_iteration(v)),
            }
        });
        vm.add_method(&ty, "close", |vm, a| {
            let g = gen_arg(vm, &a)?;
            if matches!(&g.payload, Payload::Generator(gd) if gd.running.get()) {
                return Err(vm.new_value_error("generator already executing"));
            }
            let started = match &g.payload {
                Payload::Generator(gd) => gd.started.get() && gd.frame.borrow().is_some(),
                _ => false,
            };
            if !started {
                if let Payload::Generator(gd) = &g.payload {
                    let f = gd.frame.borrow_mut().take();
                    drop(f);
                }
                return Ok(Value::None);
            }
            let exit = vm.new_exception(&vm.t.exc.generator_exit.clone(), vec![]);
            match vm.gen_resume(&g, Value::None, Some(exit)) {
                Ok(Sent::Yielded(_)) => {
                    Err(vm.new_runtime_error("generator ignored GeneratorExit"))
                }
                Ok(Sent::Returned(_)) => Ok(Value::None),
                Err(e)
                    if vm.err_matches(&e, &vm.t.exc.generator_exit.clone())
                        || vm.err_matches(&e, &vm.t.exc.stop_iteration.clone()) =>
                {
                    Ok(Value::None)
                }
                Err(e) => Err(e),
            }
        });
    }
}

impl Vm {
    /// `GET_AWAITABLE`: the iterator an `await` drives.
    pub(crate) fn get_awaitable(&mut self, v: &Value) -> PyResult<Value> {
        if let Some(Payload::Generator(g)) = v.payload() {
            let is_coro = g
                .code
                .as_ref()
                .is_some_and(|c| c.flags & (flags::COROUTINE | flags::ITERABLE_COROUTINE) != 0);
            if is_coro {
                return Ok(v.clone());
            }
        }
        let cls = self.type_of(v);
        match self.lookup_type_attr(&cls, "__await__") {
            Some(f) => {
                let it = self.call(&f, &[v.clone()])?;
                if matches!(it.payload(), Some(Payload::Generator(g)) if g.code.as_ref().is_some_and(|c| c.flags & flags::COROUTINE != 0))
                {
                    return Err(self.new_type_error("__await__() returned a coroutine"));
                }
                let itc = self.type_of(&it);
                let ok = matches!(it.payload(), Some(Payload::Iter(_) | Payload::Generator(_)))
                    || self.lookup_type_attr(&itc, "__next__").is_some();
                if !ok {
                    return Err(self.new_type_error(&format!(
                        "__await__() returned non-iterator of type '{}'",
                        self.type_name(&it)
                    )));
                }
                Ok(it)
            }
            None => Err(self.new_type_error(&format!(
                "object {} can't be used in 'await' expression",
                self.type_name(v)
            ))),
        }
    }

    /// `GET_AITER`.
    pub(crate) fn get_aiter(&mut self, v: &Value) -> PyResult<Value> {
        let cls = self.type_of(v);
        match self.lookup_type_attr(&cls, "__aiter__") {
            Some(f) => self.call(&f, &[v.clone()]),
            None => Err(self.new_type_error(&format!(
                "'async for' requires an object with __aiter__ method, got {}",
                self.type_name(v)
            ))),
        }
    }

    /// `GET_ANEXT`: the awaitable of `v.__anext__()`.
    pub(crate) fn get_anext(&mut self, v: &Value) -> PyResult<Value> {
        let cls = self.type_of(v);
        match self.lookup_type_attr(&cls, "__anext__") {
            Some(f) => {
                let a = self.call(&f, &[v.clone()])?;
                self.get_awaitable(&a)
            }
            None => Err(self.new_type_error(&format!(
                "'async for' requires an iterator with __anext__ method, got {}",
                self.type_name(v)
            ))),
        }
    }

    /// `BEFORE_ASYNC_WITH`: `(mgr -- exit, awaitable)`.
    pub(crate) fn op_before_async_with(&mut self, f: &mut Frame) -> PyResult<()> {
        let mgr = f.stack.pop().unwrap_or_default();
        let cls = self.type_of(&mgr);
        let enter = self.lookup_type_attr(&cls, "__aenter__");
        let exit = self.lookup_type_attr(&cls, "__aexit__");
        let (Some(enter), Some(exit)) = (enter, exit) else {
            return Err(self.new_type_error(&format!(
                "'{}' object does not support the asynchronous context manager protocol",
                self.type_name(&mgr)
            )));
        };
        let bound_exit = self.new_bound_method(exit, mgr.clone());
        f.push(bound_exit);
        let r = self.call(&enter, &[mgr])?;
        let a = self.get_awaitable(&r)?;
        f.push(a);
        Ok(())
    }
}
