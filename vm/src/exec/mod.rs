//! The dispatch loop. One thin `match` on the opcode; each family lives in its own module.
//!
//! Python→Python calls do not recurse on the Rust stack: `CALL` pushes the caller frame on
//! `Vm::frames` and continues with the callee in the same loop; `RETURN_VALUE` pops back.
//! Native code calling Python (`Vm::call`) re-enters [`Vm::execute`] (counted in `native_depth`).

pub(crate) mod agen;
pub(crate) mod attr_ic;
mod calls;
mod containers;
pub(crate) mod egroup;
mod exceptions;
mod for_iter;
pub(crate) mod fused;
pub mod gen;
mod matching;
mod names;
pub(crate) mod typeparams;

use crate::frame::Frame;
use crate::object::Payload;
use crate::opcodes as op;
use crate::proto::arith::{BinOp, UnaryOp};
use crate::proto::cmp::CompareOp;
use crate::value::Value;
use crate::{ObjRef, PyErr, PyResult, Vm};

/// How a run of the dispatch loop ended.
pub enum Exit {
    /// The base frame returned.
    Return(Value),
    /// The base frame (a generator) yielded; the frame is handed back to its generator.
    Yield(Value, Box<Frame>),
}

/// Deepest nesting of native → Python re-entry before `RecursionError` (CPython 3.12's C
/// recursion limit).
const MAX_NATIVE_DEPTH: usize = 1500;

impl Vm {
    /// Runs a frame to completion (it must not be a generator frame that yields).
    pub(crate) fn run_frame(&mut self, frame: Box<Frame>) -> PyResult<Value> {
        match self.execute(frame, None)? {
            Exit::Return(v) => Ok(v),
            Exit::Yield(..) => Err(self.new_system_error("yield outside of a generator frame")),
        }
    }

    /// Enters the dispatch loop with `frame` as its base frame. `throw` starts by raising an
    /// exception at the frame's current instruction (for `generator.throw`).
    pub(crate) fn execute(&mut self, frame: Box<Frame>, throw: Option<PyErr>) -> PyResult<Exit> {
        self.check_stack()?;
        if self.native_depth >= MAX_NATIVE_DEPTH {
            return Err(self.new_recursion_error("maximum recursion depth exceeded"));
        }
        if self.depth >= self.recursion_limit {
            return Err(self.new_recursion_error("maximum recursion depth exceeded"));
        }
        self.native_depth += 1;
        self.depth += 1;
        let base = self.frames.len();
        let r = self.run_loop(frame, base, throw);
        self.depth -= 1;
        self.native_depth -= 1;
        r
    }

    #[inline]
    fn push_frame(&mut self, f: &mut Box<Frame>, new: Box<Frame>) -> PyResult<()> {
        if self.depth >= self.recursion_limit {
            return Err(self.new_recursion_error("maximum recursion depth exceeded"));
        }
        self.depth += 1;
        let old = std::mem::replace(f, new);
        self.frames.push(old);
        Ok(())
    }

    fn run_loop(&mut self, mut f: Box<Frame>, base: usize, throw: Option<PyErr>) -> PyResult<Exit> {
        let mut pending: Option<(PyErr, bool)> = throw.map(|e| (e, false));
        loop {
            if let Some((err, reraise)) = pending.take() {
                // Unwind: find a handler in this frame or pop frames until one has one.
                let mut err = err;
                // Crafted bytecode can raise straight back into its own handler, looping
                // without a RESUME or backward jump: poll the host's limits here too.
                if let Err(e) = self.safe_point() {
                    err = self.fresh_error(e);
                }
                let mut add_tb = !reraise;
                loop {
                    if add_tb {
                        self.record_traceback(&err, &f);
                    }
                    // While the host aborts the guest (fuel, interrupt), no handler runs.
                    if let Some(h) = f.code.handler_for(f.lasti).filter(|_| !self.aborting()) {
                        if f.stack.len() < h.depth {
                            self.drop_inline_gens(base);
                            return Err(
                                self.new_system_error("exception table depth exceeds stack")
                            );
                        }
                        f.stack.truncate(h.depth);
                        if h.lasti {
                            f.push(Value::Int(f.lasti as i64));
                        }
                        f.push(err.value());
                        f.pc = h.target;
                        break;
                    }
                    if self.frames.len() > base {
                        if self.in_inline_gen(base) {
                            // The exception leaves a generator `FOR_ITER` runs inline.
                            if let Some(mut dead) = self.unwind_inline_gen(&mut f) {
                                keep_locals(&err, &mut dead);
                            }
                            add_tb = true;
                            continue;
                        }
                        if let Some(caller) = self.frames.pop() {
                            let mut dead = std::mem::replace(&mut f, caller);
                            keep_locals(&err, &mut dead);
                            self.recycle_frame(dead);
                            self.depth -= 1;
                            add_tb = true;
                            continue;
                        }
                    }
                    keep_locals(&err, &mut f);
                    err = self.finish_error(err);
                    return Err(err);
                }
            }
            let err: (PyErr, bool) = 'err: {
                // The program counter lives in a local (a register) while the loop runs; it is
                // stored into the frame only where a frame is handed over (calls, returns,
                // yields, new generators) and reloaded from the frame that takes over. Nothing
                // else reads `Frame::pc` of the running frame (errors use `lasti`).
                let mut pc = f.pc;
                macro_rules! tri {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(e) => break 'err (self.fresh_error(e), false),
                        }
                    };
                }
                macro_rules! skip_caches {
                    ($op:expr) => {
                        pc += const { op::cache_entries_const($op) }
                    };
                }
                macro_rules! pop {
                    () => {
                        match f.stack.pop() {
                            Some(v) => v,
                            None => break 'err (self.new_system_error("stack underflow"), false),
                        }
                    };
                }
                macro_rules! top {
                    () => {
                        match f.stack.last() {
                            Some(v) => v,
                            None => break 'err (self.new_system_error("stack underflow"), false),
                        }
                    };
                }
                loop {
                    if crate::finalize::has_pending() {
                        self.run_finalizers();
                    }
                    // Host limits: one decrement per instruction, checked at safe points.
                    self.limits.countdown -= 1;
                    let Some(&ins) = f.code.instrs.get(pc) else {
                        break 'err (
                            self.new_system_error("instruction pointer out of range"),
                            false,
                        );
                    };
                    #[cfg(feature = "opcode-stats")]
                    crate::opstats::record(ins.op);
                    f.lasti = pc;
                    // One unit here; an instruction with inline cache units skips them first
                    // thing in its arm (`skip_caches!`), by a constant: the next `pc` then
                    // doesn't wait for this instruction to be loaded.
                    pc += 1;
                    let arg = ins.arg as usize;
                    match ins.op {
                        op::NOP | op::EXTENDED_ARG | op::CACHE => {}
                        op::RESUME => tri!(self.safe_point()),
                        op::LOAD_FAST => {
                            if ins.fused == fused::Fuse::LoadAttr {
                                // `LOAD_FAST; LOAD_ATTR`: the attribute load runs as itself
                                // (it may raise at its own offset), minus one dispatch.
                                if let (Some(owner), Some(&next)) =
                                    (f.fast.get(arg), f.code.instrs.get(pc))
                                {
                                    self.limits.countdown -= 1;
                                    f.lasti = pc;
                                    pc += usize::from(next.len);
                                    // The common hits are checked here (no call); the rest of
                                    // the cache and the generic path are out of line.
                                    if !attr_ic::load_attr_local_fast(
                                        &f.code,
                                        f.lasti,
                                        &mut f.stack,
                                        owner,
                                        next.arg & 1 != 0,
                                    ) {
                                        tri!(self.load_attr_local(&mut f, arg, next.arg as usize));
                                    }
                                    continue;
                                }
                            } else if ins.fused == fused::Fuse::StoreAttr {
                                // `LOAD_FAST v; LOAD_FAST o; STORE_ATTR`: the store runs as
                                // itself (it may raise at its own offset), minus two pushes,
                                // two pops and two dispatches.
                                let second = f.code.instrs.get(pc).copied();
                                let third = second.and_then(|s| {
                                    f.code.instrs.get(pc + usize::from(s.len)).copied()
                                });
                                if let (Some(_), Some(second), Some(third)) =
                                    (f.fast.get(arg), second, third)
                                {
                                    let o = second.arg as usize;
                                    if let (Some(owner), Some(v)) = (f.fast.get(o), f.fast.get(arg))
                                    {
                                        self.limits.countdown -= 2;
                                        f.lasti = pc + usize::from(second.len);
                                        pc = f.lasti + usize::from(third.len);
                                        // The common hit is checked here (no call).
                                        if attr_ic::store_attr_fast(
                                            &f.code,
                                            f.lasti,
                                            owner,
                                            v.clone(),
                                        )
                                        .is_none()
                                        {
                                            continue;
                                        }
                                        tri!(self.store_attr_locals(
                                            &mut f,
                                            arg,
                                            o,
                                            third.arg as usize
                                        ));
                                        continue;
                                    }
                                }
                            } else if ins.fused != fused::Fuse::None
                                && fused::run(
                                    &mut f,
                                    &mut pc,
                                    ins,
                                    &mut self.limits.countdown,
                                    &self.t,
                                )
                            {
                                continue;
                            }
                            let v = match f.fast.get(arg) {
                                Some(v) => v.clone(),
                                None => {
                                    break 'err (self.new_system_error("bad local index"), false)
                                }
                            };
                            f.push(v);
                        }
                        op::LOAD_FAST_CHECK => {
                            let v = f.fast.get(arg).cloned().unwrap_or_default();
                            if v.is_null() {
                                let e = self.unbound_local(&f, arg);
                                break 'err (e, false);
                            }
                            f.push(v);
                        }
                        op::LOAD_FAST_AND_CLEAR => {
                            let v = match f.fast.get_mut(arg) {
                                Some(slot) => std::mem::take(slot),
                                None => Value::Null,
                            };
                            f.push(v);
                        }
                        op::STORE_FAST => {
                            let v = pop!();
                            if let Some(slot) = f.fast.get_mut(arg) {
                                *slot = v;
                            }
                        }
                        op::DELETE_FAST => {
                            let old = f.fast.get_mut(arg).map(std::mem::take).unwrap_or_default();
                            if old.is_null() {
                                let e = self.unbound_local(&f, arg);
                                break 'err (e, false);
                            }
                        }
                        op::LOAD_CONST => {
                            if ins.fused == fused::Fuse::ConstBinop
                                && fused::const_binop(
                                    &mut f,
                                    &mut pc,
                                    ins,
                                    &mut self.limits.countdown,
                                    &self.t,
                                )
                            {
                                continue;
                            }
                            let v = f.code.consts.get(arg).cloned().unwrap_or(Value::None);
                            f.push(v);
                        }
                        op::POP_TOP => {
                            pop!();
                        }
                        op::PUSH_NULL => f.push(Value::Null),
                        op::END_FOR => {
                            pop!();
                            pop!();
                        }
                        op::END_SEND => {
                            let v = pop!();
                            pop!();
                            f.push(v);
                        }
                        op::COPY => {
                            if ins.fused == fused::Fuse::DupSubscr
                                && fused::dup_subscr(
                                    &mut f,
                                    &mut pc,
                                    &mut self.limits.countdown,
                                    &self.t,
                                )
                            {
                                continue;
                            }
                            let n = f.stack.len();
                            if arg == 0 || arg > n {
                                break 'err (self.new_system_error("bad COPY"), false);
                            }
                            let v = f.stack[n - arg].clone();
                            f.push(v);
                        }
                        op::SWAP => {
                            if ins.fused == fused::Fuse::RotStoreSubscr
                                && fused::rot_store_subscr(
                                    &mut f,
                                    &mut pc,
                                    &mut self.limits.countdown,
                                    &self.t,
                                )
                            {
                                continue;
                            }
                            let n = f.stack.len();
                            if arg < 1 || arg > n {
                                break 'err (self.new_system_error("bad SWAP"), false);
                            }
                            f.stack.swap(n - 1, n - arg);
                        }
                        op::UNARY_NEGATIVE | op::UNARY_INVERT => {
                            let v = pop!();
                            let o = if ins.op == op::UNARY_NEGATIVE {
                                UnaryOp::Neg
                            } else {
                                UnaryOp::Invert
                            };
                            if let (Value::Bool(_), UnaryOp::Invert) = (&v, o) {
                                tri!(self.warn_bool_invert(&f));
                            }
                            let r = tri!(self.unary_op(&v, o));
                            f.push(r);
                        }
                        op::UNARY_NOT => {
                            let v = pop!();
                            let b = tri!(self.is_true(&v));
                            f.push(Value::bool(!b));
                        }
                        op::BINARY_OP => {
                            skip_caches!(op::BINARY_OP);
                            let b = pop!();
                            let a = pop!();
                            let r = scalar_binop(&a, &b, ins.arg);
                            let r = match r {
                                Some(r) if ins.fused == fused::Fuse::None => r,
                                // `BINARY_OP` then a store, a branch or the write of `c[k] op= v`.
                                Some(r) => match fused::binop_then(
                                    &mut f,
                                    &mut pc,
                                    ins.fused,
                                    r,
                                    &mut self.limits.countdown,
                                    &self.t,
                                ) {
                                    None => continue,
                                    Some(r) => r,
                                },
                                None => {
                                    let Some((o, inplace)) = BinOp::from_oparg(ins.arg) else {
                                        break 'err (self.new_system_error("bad BINARY_OP"), false);
                                    };
                                    tri!(self.binary_op(&a, &b, o, inplace))
                                }
                            };
                            f.push(r);
                        }
                        op::COMPARE_OP => {
                            skip_caches!(op::COMPARE_OP);
                            let b = pop!();
                            let a = pop!();
                            let Some(c) = CompareOp::from_u32(ins.arg >> 4) else {
                                break 'err (self.new_system_error("bad COMPARE_OP"), false);
                            };
                            let r = match (&a, &b) {
                                (Value::Obj(x), Value::Obj(y)) => {
                                    match exact_strs(x, y, &self.t.str) {
                                        Some((p, q)) => {
                                            Value::bool(c.test(str_order(x, y, p, q, c)))
                                        }
                                        None => tri!(self.compare(&a, &b, c)),
                                    }
                                }
                                _ => match fused::scalar_compare(&a, &b, c) {
                                    Some(t) => Value::bool(t),
                                    None => tri!(self.compare(&a, &b, c)),
                                },
                            };
                            if let (fused::Fuse::CmpJump, Value::Bool(t)) = (ins.fused, &r) {
                                // The POP_JUMP_IF_* that follows (see `Instr::fused`).
                                if let Some(&j) = f.code.instrs.get(pc) {
                                    self.limits.countdown -= 1;
                                    #[cfg(feature = "opcode-stats")]
                                    crate::opstats::record(j.op);
                                    f.lasti = pc;
                                    pc += usize::from(j.len);
                                    if t.get() == (j.op == op::POP_JUMP_IF_TRUE) {
                                        pc += j.arg as usize;
                                    }
                                    continue;
                                }
                            }
                            f.push(r);
                        }
                        op::IS_OP => {
                            let b = pop!();
                            let a = pop!();
                            f.push(Value::bool(a.is(&b) != (arg == 1)));
                        }
                        op::CONTAINS_OP => {
                            let b = pop!();
                            let a = pop!();
                            let r = tri!(self.contains(&b, &a));
                            f.push(Value::bool(r != (arg == 1)));
                        }
                        op::BINARY_SUBSCR => {
                            skip_caches!(op::BINARY_SUBSCR);
                            let k = pop!();
                            let c = pop!();
                            let r = tri!(self.subscr_fast(&c, &k));
                            f.push(r);
                        }
                        op::STORE_SUBSCR => {
                            skip_caches!(op::STORE_SUBSCR);
                            let k = pop!();
                            let c = pop!();
                            let v = pop!();
                            tri!(self.setitem_fast(&c, &k, v));
                        }
                        op::DELETE_SUBSCR => {
                            let k = pop!();
                            let c = pop!();
                            tri!(self.delitem(&c, &k));
                        }
                        op::BINARY_SLICE => {
                            let stop = pop!();
                            let start = pop!();
                            let c = pop!();
                            if let Some(r) = self.binary_slice_fast(&c, &start, &stop) {
                                f.push(r);
                                continue;
                            }
                            let s = self.new_slice(start, stop, Value::None);
                            let r = tri!(self.getitem(&c, &s));
                            f.push(r);
                        }
                        op::STORE_SLICE => {
                            let stop = pop!();
                            let start = pop!();
                            let c = pop!();
                            let v = pop!();
                            if let Err(v) = self.store_slice_fast(&c, &start, &stop, v) {
                                let s = self.new_slice(start, stop, Value::None);
                                tri!(self.setitem(&c, &s, v));
                            }
                        }
                        op::BUILD_SLICE => {
                            let step = if arg == 3 { pop!() } else { Value::None };
                            let stop = pop!();
                            let start = pop!();
                            // `c[a:b:c]`: the `BINARY_SUBSCR` right after, without the slice
                            // object when `subscr_slice_fast` can (it never raises).
                            if let Some(n) = f.code.instrs.get(pc).copied() {
                                if n.op == op::BINARY_SUBSCR {
                                    let r = f.stack.last().and_then(|c| {
                                        self.subscr_slice_fast(c, &start, &stop, &step)
                                    });
                                    if let (Some(r), Some(top)) = (r, f.stack.last_mut()) {
                                        let c = std::mem::replace(top, r);
                                        self.limits.countdown -= 1;
                                        f.lasti = pc;
                                        pc += usize::from(n.len);
                                        drop(c);
                                        continue;
                                    }
                                }
                            }
                            let s = self.new_slice(start, stop, step);
                            f.push(s);
                        }
                        op::GET_ITER => {
                            let v = pop!();
                            let it = tri!(self.iter(&v));
                            f.push(it);
                        }
                        op::FOR_ITER => {
                            skip_caches!(op::FOR_ITER);
                            if let fused::Fuse::ForUnpack | fused::Fuse::ForUnpackStore = ins.fused
                            {
                                match for_iter::for_unpack(
                                    &mut f,
                                    &mut pc,
                                    ins.fused,
                                    &mut self.limits.countdown,
                                    &self.t,
                                ) {
                                    for_iter::Step::Done => continue,
                                    for_iter::Step::End => {
                                        pop!();
                                        pc += arg + 1;
                                        continue;
                                    }
                                    for_iter::Step::Decline => {}
                                }
                            }
                            let step = match f.stack.last() {
                                Some(it) => next_fast(it),
                                None => {
                                    break 'err (self.new_system_error("stack underflow"), false)
                                }
                            };
                            let r = match step {
                                Some(r) => Ok(r),
                                None => {
                                    // A generator's frame runs inline (see `Vm::for_iter_gen`):
                                    // a frame hand-over, so `pc` goes through the frame.
                                    f.pc = pc;
                                    if self.for_iter_gen(&mut f) {
                                        pc = f.pc;
                                        continue;
                                    }
                                    match f.stack.last() {
                                        Some(it) => self.next(it),
                                        None => Ok(None),
                                    }
                                }
                            };
                            match tri!(r) {
                                Some(v) => {
                                    let next = f.code.instrs.get(pc).copied();
                                    match next {
                                        // `FOR_ITER; STORE_FAST x` (see exec/fused.rs).
                                        Some(n) if ins.fused == fused::Fuse::ForStore => {
                                            match f.fast.get_mut(n.arg as usize) {
                                                Some(slot) => {
                                                    *slot = v;
                                                    self.limits.countdown -= 1;
                                                    f.lasti = pc;
                                                    pc += usize::from(n.len);
                                                }
                                                None => f.push(v),
                                            }
                                        }
                                        _ => f.push(v),
                                    }
                                }
                                None => {
                                    pop!();
                                    pc += arg + 1;
                                }
                            }
                        }
                        op::JUMP_FORWARD => pc += arg,
                        op::JUMP_BACKWARD => {
                            tri!(self.safe_point());
                            pc = pc.saturating_sub(arg);
                        }
                        op::JUMP_BACKWARD_NO_INTERRUPT => {
                            // No KeyboardInterrupt check here (as in CPython), but the host's
                            // limits still apply: crafted code can loop on this jump alone.
                            tri!(self.safe_point());
                            pc = pc.saturating_sub(arg);
                        }
                        op::POP_JUMP_IF_FALSE | op::POP_JUMP_IF_TRUE => {
                            let v = pop!();
                            let b = match v {
                                Value::Bool(b) => b.get(),
                                Value::Int(i) => i != 0,
                                Value::None => false,
                                _ => tri!(self.is_true(&v)),
                            };
                            if b == (ins.op == op::POP_JUMP_IF_TRUE) {
                                pc += arg;
                            }
                        }
                        op::POP_JUMP_IF_NONE => {
                            if pop!().is_none() {
                                pc += arg;
                            }
                        }
                        op::POP_JUMP_IF_NOT_NONE => {
                            if !pop!().is_none() {
                                pc += arg;
                            }
                        }
                        op::RETURN_VALUE | op::RETURN_CONST => {
                            let v = if ins.op == op::RETURN_CONST {
                                f.code.consts.get(arg).cloned().unwrap_or(Value::None)
                            } else {
                                pop!()
                            };
                            if self.frames.len() > base {
                                if ins.fused == fused::Fuse::GenReturn && self.in_inline_gen(base) {
                                    self.return_inline_gen(&mut f, v);
                                    pc = f.pc;
                                    continue;
                                }
                                if let Some(caller) = self.frames.pop() {
                                    let done = std::mem::replace(&mut f, caller);
                                    pc = f.pc;
                                    self.recycle_frame(done);
                                    self.depth -= 1;
                                    f.push(v);
                                    continue;
                                }
                            }
                            // A function's base frame goes back to the pool too: native
                            // callers (`sorted(key=...)`, `__init__` from a class call) would
                            // otherwise free a frame per call and allocate the next one. (A
                            // module or class body frame is dropped: a pooled frame keeps its
                            // globals alive, which a function's own `__globals__` does anyway.)
                            if f.func.is_some() {
                                self.recycle_frame(f);
                            }
                            return Ok(Exit::Return(v));
                        }
                        op::RETURN_GENERATOR => {
                            if self.frames.len() > base {
                                if let Some(caller) = self.frames.pop() {
                                    f.pc = pc;
                                    let gf = std::mem::replace(&mut f, caller);
                                    pc = f.pc;
                                    self.depth -= 1;
                                    let g = self.new_generator(gf);
                                    f.push(g);
                                    continue;
                                }
                            }
                            f.pc = pc;
                            let g = self.new_generator(f);
                            return Ok(Exit::Return(g));
                        }
                        op::YIELD_VALUE => {
                            let v = pop!();
                            f.pc = pc;
                            if self.in_inline_gen(base) {
                                self.yield_inline_gen(&mut f, v);
                                pc = f.pc;
                                continue;
                            }
                            return Ok(Exit::Yield(v, f));
                        }
                        op::SEND => {
                            skip_caches!(op::SEND);
                            let v = pop!();
                            // A generator's frame runs inline (see `Vm::send_gen`).
                            f.pc = pc;
                            let Err(v) = self.send_gen(&mut f, v) else {
                                pc = f.pc;
                                continue;
                            };
                            let recv = top!().clone();
                            match tri!(self.send_into(&recv, v)) {
                                gen::Sent::Yielded(y) => f.push(y),
                                gen::Sent::Returned(r) => {
                                    f.push(r);
                                    pc += arg;
                                }
                            }
                        }
                        op::GET_AWAITABLE => {
                            let v = pop!();
                            let a = tri!(self.get_awaitable(&v));
                            f.push(a);
                        }
                        op::GET_AITER => {
                            let v = pop!();
                            let a = tri!(self.get_aiter(&v));
                            f.push(a);
                        }
                        op::GET_ANEXT => {
                            let v = top!().clone();
                            let a = tri!(self.get_anext(&v));
                            f.push(a);
                        }
                        op::END_ASYNC_FOR => {
                            let exc = pop!();
                            let _awaitable = pop!();
                            let stop = self.t.exc.stop_async_iteration.clone();
                            match exc {
                                Value::Obj(o) if matches!(o.payload, Payload::Exception(_)) => {
                                    let e = PyErr(o);
                                    if !self.err_matches(&e, &stop) {
                                        break 'err (e, true);
                                    }
                                }
                                _ => {}
                            }
                        }
                        op::BEFORE_ASYNC_WITH => tri!(self.op_before_async_with(&mut f)),
                        op::GET_YIELD_FROM_ITER => {
                            let v = pop!();
                            let it = if matches!(v.payload(), Some(Payload::Generator(_))) {
                                v
                            } else {
                                tri!(self.iter(&v))
                            };
                            f.push(it);
                        }
                        op::CALL => {
                            skip_caches!(op::CALL);
                            if let Some(nf) = tri!(self.op_call(&mut f, arg)) {
                                f.pc = pc;
                                tri!(self.push_frame(&mut f, nf));
                                pc = f.pc;
                                // The callee's first instruction is usually `RESUME`: run it
                                // here (a safe point, one unit of fuel) instead of dispatching.
                                if pc == 0
                                    && f.code.instrs.first().is_some_and(|i| i.op == op::RESUME)
                                {
                                    #[cfg(feature = "opcode-stats")]
                                    crate::opstats::record(op::RESUME);
                                    if crate::finalize::has_pending() {
                                        self.run_finalizers();
                                    }
                                    self.limits.countdown -= 1;
                                    f.lasti = 0;
                                    pc = 1;
                                    tri!(self.safe_point());
                                }
                            }
                        }
                        op::KW_NAMES => f.kw_names = Some(ins.arg),
                        op::CALL_FUNCTION_EX => {
                            // May push a Python callee's frame and switch to it.
                            f.pc = pc;
                            tri!(self.op_call_ex(&mut f, arg));
                            pc = f.pc;
                        }
                        op::MAKE_FUNCTION => tri!(self.op_make_function(&mut f, arg)),
                        op::LOAD_GLOBAL => {
                            skip_caches!(op::LOAD_GLOBAL);
                            let v = tri!(self.load_global_ic(&f, arg >> 1));
                            if arg & 1 != 0 {
                                f.push(Value::Null);
                            }
                            f.push(v);
                        }
                        op::STORE_GLOBAL => {
                            let v = pop!();
                            tri!(self.store_global(&f, arg, v));
                        }
                        op::DELETE_GLOBAL => tri!(self.delete_global(&f, arg)),
                        op::LOAD_NAME => {
                            let v = tri!(self.load_name(&f, arg));
                            f.push(v);
                        }
                        op::STORE_NAME => {
                            let v = pop!();
                            tri!(self.store_name(&f, arg, v));
                        }
                        op::DELETE_NAME => tri!(self.delete_name(&f, arg)),
                        op::LOAD_LOCALS => {
                            let Some(l) = f.locals.clone() else {
                                break 'err (self.new_system_error("no locals found"), false);
                            };
                            f.push(Value::Obj(l));
                        }
                        op::LOAD_FROM_DICT_OR_GLOBALS => {
                            let m = pop!();
                            let v = tri!(self.load_from_dict_or_globals(&f, &m, arg));
                            f.push(v);
                        }
                        op::LOAD_FROM_DICT_OR_DEREF => {
                            let m = pop!();
                            let v = tri!(self.load_from_dict_or_deref(&f, &m, arg));
                            f.push(v);
                        }
                        op::SETUP_ANNOTATIONS => tri!(self.setup_annotations(&f)),
                        op::MAKE_CELL => {
                            let cur = f.fast.get(arg).cloned().unwrap_or_default();
                            let c = self
                                .alloc(&self.t.cell, Payload::Cell(std::cell::RefCell::new(cur)));
                            if let Some(slot) = f.fast.get_mut(arg) {
                                *slot = Value::Obj(c);
                            }
                        }
                        op::COPY_FREE_VARS => tri!(self.copy_free_vars(&mut f, arg)),
                        op::LOAD_CLOSURE => {
                            let v = f.fast.get(arg).cloned().unwrap_or_default();
                            f.push(v);
                        }
                        op::LOAD_DEREF => {
                            let v = tri!(self.load_deref(&f, arg));
                            f.push(v);
                        }
                        op::STORE_DEREF => {
                            let v = pop!();
                            if let Some(Payload::Cell(c)) = f.fast.get(arg).and_then(Value::payload)
                            {
                                let old = std::mem::replace(&mut *c.borrow_mut(), v);
                                drop(old);
                            }
                        }
                        op::DELETE_DEREF => tri!(self.delete_deref(&f, arg)),
                        op::LOAD_ATTR => {
                            skip_caches!(op::LOAD_ATTR);
                            if !attr_ic::load_attr_top_fast(
                                &f.code,
                                f.lasti,
                                &mut f.stack,
                                arg & 1 != 0,
                            ) {
                                let owner = pop!();
                                tri!(self.load_attr(&mut f, owner, arg));
                            }
                        }
                        op::STORE_ATTR => {
                            skip_caches!(op::STORE_ATTR);
                            let owner = pop!();
                            let v = pop!();
                            if let Some(v) = attr_ic::store_attr_fast(&f.code, f.lasti, &owner, v) {
                                tri!(self.store_attr(&mut f, owner, v, arg));
                            }
                        }
                        op::DELETE_ATTR => {
                            let owner = pop!();
                            let name = f.code.names.get(arg).cloned().unwrap_or_default();
                            tri!(self.delattr(&owner, &name));
                        }
                        op::LOAD_SUPER_ATTR => {
                            skip_caches!(op::LOAD_SUPER_ATTR);
                            tri!(self.op_load_super_attr(&mut f, arg));
                        }
                        op::BUILD_TUPLE | op::BUILD_LIST | op::BUILD_SET => {
                            tri!(self.op_build_seq(&mut f, ins.op, arg))
                        }
                        op::BUILD_MAP => pc += tri!(self.op_build_map(&mut f, arg)),
                        op::BUILD_CONST_KEY_MAP => tri!(self.op_build_const_key_map(&mut f, arg)),
                        op::BUILD_STRING => tri!(self.op_build_string(&mut f, arg)),
                        op::LIST_APPEND | op::SET_ADD | op::LIST_EXTEND | op::SET_UPDATE => {
                            tri!(self.op_collection_add(&mut f, ins.op, arg))
                        }
                        op::MAP_ADD => tri!(self.op_map_add(&mut f, arg)),
                        op::DICT_UPDATE | op::DICT_MERGE => {
                            tri!(self.op_dict_update(&mut f, ins.op, arg))
                        }
                        op::UNPACK_SEQUENCE => {
                            skip_caches!(op::UNPACK_SEQUENCE);
                            tri!(self.op_unpack_sequence(&mut f, arg));
                        }
                        op::UNPACK_EX => tri!(self.op_unpack_ex(&mut f, arg)),
                        op::FORMAT_VALUE => tri!(self.op_format_value(&mut f, arg)),
                        op::CALL_INTRINSIC_1 => tri!(self.op_intrinsic_1(&mut f, arg)),
                        op::CALL_INTRINSIC_2 => tri!(self.op_intrinsic_2(&mut f, arg)),
                        op::IMPORT_NAME => tri!(self.op_import_name(&mut f, arg)),
                        op::IMPORT_FROM => tri!(self.op_import_from(&mut f, arg)),
                        op::LOAD_BUILD_CLASS => {
                            let Some(bc) = self.dict_get_str(&f.builtins, "__build_class__") else {
                                break 'err (
                                    self.new_name_error("__build_class__ not found"),
                                    false,
                                );
                            };
                            f.push(bc);
                        }
                        op::LOAD_ASSERTION_ERROR => {
                            f.push(Value::Obj(self.t.exc.assertion_error.clone()));
                        }
                        op::RAISE_VARARGS => {
                            let (e, reraise) = self.op_raise(&mut f, arg);
                            break 'err (e, reraise);
                        }
                        op::RERAISE => {
                            // The handler lookup uses this instruction; the saved `lasti` below
                            // the exception only matters for frame line numbers.
                            let exc = pop!();
                            match exc {
                                Value::Obj(o) if matches!(o.payload, Payload::Exception(_)) => {
                                    break 'err (PyErr(o), true)
                                }
                                _ => {
                                    break 'err (
                                        self.new_system_error("RERAISE of a non-exception"),
                                        false,
                                    )
                                }
                            }
                        }
                        op::PUSH_EXC_INFO => {
                            let e = pop!();
                            let prev = std::mem::replace(&mut self.cur_exc, e.clone());
                            f.push(prev);
                            f.push(e);
                        }
                        op::POP_EXCEPT => {
                            let e = pop!();
                            self.cur_exc = if e.is_null() { Value::None } else { e };
                        }
                        op::CHECK_EXC_MATCH => {
                            let ty = pop!();
                            let exc = top!().clone();
                            let r = tri!(self.exception_matches(&exc, &ty));
                            f.push(Value::bool(r));
                        }
                        op::CHECK_EG_MATCH => tri!(self.op_check_eg_match(&mut f)),
                        op::CLEANUP_THROW => tri!(self.op_cleanup_throw(&mut f)),
                        op::BEFORE_WITH => tri!(self.op_before_with(&mut f)),
                        op::WITH_EXCEPT_START => tri!(self.op_with_except_start(&mut f)),
                        op::GET_LEN => {
                            let v = top!().clone();
                            let n = tri!(self.len(&v));
                            f.push(Value::Int(n as i64));
                        }
                        op::MATCH_MAPPING | op::MATCH_SEQUENCE => {
                            let v = top!().clone();
                            let r = self.match_kind(&v, ins.op == op::MATCH_MAPPING);
                            f.push(Value::bool(r));
                        }
                        op::MATCH_KEYS => tri!(self.op_match_keys(&mut f)),
                        op::MATCH_CLASS => tri!(self.op_match_class(&mut f, arg)),
                        other => {
                            let e = self.new_system_error(&format!(
                                "unsupported opcode {} ({}) at offset {} in {}",
                                op::name(other),
                                other,
                                f.lasti * 2,
                                f.code.qualname
                            ));
                            break 'err (e, false);
                        }
                    }
                }
            };
            pending = Some(err);
        }
    }

    /// `c[k]` with fast paths for list/tuple/dict with simple keys.
    #[inline]
    fn subscr_fast(&mut self, c: &Value, k: &Value) -> PyResult<Value> {
        if let (Some(o), Value::Int(i)) = (c.as_obj(), k) {
            if o.class
                .as_ref()
                .is_some_and(|t| ObjRef::ptr_eq(t, &self.t.list))
            {
                if let Payload::List(l) = &o.payload {
                    let l = l.borrow();
                    let n = l.len() as i64;
                    let j = if *i < 0 { i + n } else { *i };
                    if j >= 0 && j < n {
                        if let Some(v) = l.get(j as usize) {
                            return Ok(v);
                        }
                    }
                }
            }
        }
        self.subscr_other(c, k)
    }

    /// `BINARY_SUBSCR` past the list fast path: an exact `dict` whose key is found by hash
    /// and identity or text is read straight from its table (what `getitem` does for it,
    /// without looking for a `__getitem__` override first); anything else goes to
    /// [`Vm::getitem`].
    #[inline(never)]
    fn subscr_other(&mut self, c: &Value, k: &Value) -> PyResult<Value> {
        if let Some(o) = c.as_obj() {
            if let (Payload::Dict(d), true) = (&o.payload, Vm::is_exact_instance(c, &self.t.dict)) {
                let h = self.hash(k)?;
                if let Ok(t) = d.try_borrow() {
                    if let crate::dict::Probe::Found(p) = t.probe(h, k) {
                        if let Some(e) = t.entry_at(p) {
                            return Ok(e.value.clone());
                        }
                    }
                }
                return self.getitem_builtin(c, k);
            }
        }
        self.getitem(c, k)
    }

    /// `STORE_SUBSCR`: an exact `list` with an in-range `int` index is assigned in place
    /// (`a[3] -= dx * m`); anything else goes through [`Vm::setitem`], which raises for an
    /// index out of range. (Out of line: the loop stays as it was.)
    #[inline(never)]
    fn setitem_fast(&mut self, c: &Value, k: &Value, mut v: Value) -> PyResult<()> {
        if let (Some(o), Value::Int(i)) = (c.as_obj(), k) {
            let exact = o
                .class
                .as_ref()
                .is_some_and(|t| ObjRef::ptr_eq(t, &self.t.list));
            if let (true, Payload::List(l)) = (exact, &o.payload) {
                if let Ok(mut l) = l.try_borrow_mut() {
                    #[allow(clippy::cast_possible_wrap)]
                    let n = l.len() as i64;
                    let j = if *i < 0 { i.wrapping_add(n) } else { *i };
                    match l.set(usize::try_from(j).unwrap_or(usize::MAX), v) {
                        Ok(old) => {
                            drop(l);
                            drop(old);
                            return Ok(());
                        }
                        Err(back) => v = back,
                    }
                }
            }
        }
        // An exact `dict` has no `__setitem__` override to look for.
        if let (Some(o), true) = (c.as_obj(), Vm::is_exact_instance(c, &self.t.dict)) {
            if let Payload::Dict(_) = &o.payload {
                return self.dict_set_item(o, k.clone(), v);
            }
        }
        self.setitem(c, k, v)
    }

    fn unbound_local(&self, f: &Frame, idx: usize) -> PyErr {
        let name = f
            .code
            .localsplusnames
            .get(idx)
            .and_then(Value::as_str)
            .unwrap_or("?");
        self.new_exception_msg(
            &self.t.exc.unbound_local_error,
            &format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }
}

/// The texts of two exact `str` objects (not subclasses, which may override comparisons).
#[inline]
fn exact_strs<'a>(
    x: &'a crate::object::ObjRef,
    y: &'a crate::object::ObjRef,
    str_type: &crate::object::ObjRef,
) -> Option<(&'a [u8], &'a [u8])> {
    let exact = |o: &crate::object::ObjRef| {
        o.class
            .as_ref()
            .is_some_and(|c| ObjRef::ptr_eq(c, str_type))
    };
    match (&x.payload, &y.payload) {
        (Payload::Str(p), Payload::Str(q)) if exact(x) && exact(y) => {
            Some((p.s.as_bytes(), q.s.as_bytes()))
        }
        _ => None,
    }
}

/// How the texts `p` and `q` of the exact strs `x` and `y` compare, as far as `c` needs to
/// know: the same object is equal to itself without reading the text (names and constants are
/// interned, so `kind == "NUM"` usually compares an object with itself), and `==`/`!=` only
/// need to know whether the texts are equal. UTF-8 byte order is code point order.
#[inline]
fn str_order(
    x: &crate::object::ObjRef,
    y: &crate::object::ObjRef,
    p: &[u8],
    q: &[u8],
    c: CompareOp,
) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    if ObjRef::ptr_eq(x, y) {
        Ordering::Equal
    } else if matches!(c, CompareOp::Eq | CompareOp::Ne) {
        if crate::kernels::unicode::bytes_eq(p, q) {
            Ordering::Equal
        } else {
            Ordering::Less
        }
    } else {
        p.cmp(q)
    }
}

/// `BINARY_OP` on two small ints when the result needs no big int and no error (`None`: take
/// the generic path). `op` is the oparg (`NB_*`, in-place forms 13 higher).
#[inline]
fn int_binop(x: i64, y: i64, op: u32) -> Option<Value> {
    let r = match op {
        0 | 13 => x.checked_add(y)?,
        10 | 23 => x.checked_sub(y)?,
        5 | 18 => x.checked_mul(y)?,
        1 | 14 => x & y,
        7 | 20 => x | y,
        12 | 25 => x ^ y,
        2 | 15 if y > 0 => x.div_euclid(y),
        6 | 19 if y > 0 => x.rem_euclid(y),
        9 | 22 if y >= 0 => x >> y.min(63),
        3 | 16 if (0..63).contains(&y) => {
            let r = x << y;
            if r >> y != x {
                return None;
            }
            r
        }
        _ => return None,
    };
    Some(Value::Int(r))
}

/// `FOR_ITER`'s step for the two commonest iterators, a `range` iterator and a list or tuple
/// iterator, exactly as [`Vm::next`] does it (minus its fuel tick: `FOR_ITER` is an instruction
/// and already counted). `None`: any other iterator, or one that is busy; use `Vm::next`.
#[inline(always)]
fn next_fast(it: &Value) -> Option<Option<Value>> {
    let Value::Obj(o) = it else {
        return None;
    };
    let Payload::Iter(cell) = &o.payload else {
        return None;
    };
    let mut st = cell.try_borrow_mut().ok()?;
    match &mut *st {
        crate::object::IterState::Range { cur, stop, step } => {
            let more = if *step > 0 {
                *cur < *stop
            } else {
                *cur > *stop
            };
            if !more {
                return Some(None);
            }
            let v = *cur;
            *cur = cur.checked_add(i64::from(*step)).unwrap_or(*stop);
            Some(Some(Value::Int(v)))
        }
        crate::object::IterState::Seq { seq, idx } => {
            let item = match &seq.payload {
                Payload::List(l) => l.try_borrow().ok()?.get(*idx),
                Payload::Tuple(t) => t.get(*idx).cloned(),
                _ => return None,
            };
            match item {
                Some(v) => {
                    *idx += 1;
                    Some(Some(v))
                }
                None => {
                    *st = crate::object::IterState::Exhausted;
                    Some(None)
                }
            }
        }
        _ => None,
    }
}

/// `BINARY_OP` on two inline numbers (`int` or `float`) when the result needs no big int and
/// can't raise; `None` sends the operation down the generic path.
#[inline(always)]
pub(crate) fn scalar_binop(a: &Value, b: &Value, oparg: u32) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => int_binop(*x, *y, oparg),
        (Value::Float(x), Value::Float(y)) => float_binop(x.get(), y.get(), oparg),
        #[allow(clippy::cast_precision_loss)]
        (Value::Float(x), Value::Int(y)) => float_binop(x.get(), *y as f64, oparg),
        #[allow(clippy::cast_precision_loss)]
        (Value::Int(x), Value::Float(y)) => float_binop(*x as f64, y.get(), oparg),
        _ => None,
    }
}

/// `BINARY_OP` on two floats for `+ - * /` (IEEE arithmetic is exactly Python's here; division by
/// zero takes the generic path, which raises).
#[inline]
fn float_binop(x: f64, y: f64, op: u32) -> Option<Value> {
    Some(Value::float(match op {
        0 | 13 => x + y,
        10 | 23 => x - y,
        5 | 18 => x * y,
        11 | 24 if y != 0.0 => x / y,
        _ => return None,
    }))
}

/// Moves a dying frame's locals into the exception's traceback entry for it, so they live as
/// long as the traceback (CPython keeps the whole frame alive through `tb_frame`).
fn keep_locals(err: &PyErr, f: &mut Frame) {
    if let Some(st) = err.state() {
        if let Ok(mut st) = st.try_borrow_mut() {
            if let Some(e) = st.traceback.last_mut() {
                if std::rc::Rc::ptr_eq(&e.code, &f.code) && e.locals.is_empty() {
                    e.locals = std::mem::take(&mut f.fast);
                }
            }
        }
    }
}
