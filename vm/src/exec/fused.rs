//! Superinstructions: short, very common runs of instructions that the dispatch loop executes in
//! one step when their operands are plain numbers.
//!
//! When a code object is built, [`mark`] looks for the runs below and tags the first instruction
//! of each with a [`Fuse`] kind (in [`Instr::fused`]). Nothing else changes: every instruction of
//! the run stays in place, so a jump into the middle of a run, a traceback or `dis` see the real
//! bytecode. At run time the tagged instruction first tries the fused fast path ([`run`]); when
//! an operand is not an `int`/`float` (or the operation could overflow or raise), the fast path
//! declines without having changed anything and the instruction runs as itself, followed by the
//! rest of the run one instruction at a time. The fast paths can't raise, so exception tables,
//! `lasti` and tracebacks are unaffected; they spend one unit of fuel per instruction they cover.
//!
//! | kind | run | does |
//! | --- | --- | --- |
//! | `CmpJump` | `COMPARE_OP; POP_JUMP_IF_{FALSE,TRUE}` | a `bool` result takes the branch without being pushed |
//! | `BinopFast`, `BinopConst` | `LOAD_FAST a; LOAD_FAST b / LOAD_CONST c; BINARY_OP` | pushes `a op b` |
//! | `BinopFastStore`, `BinopConstStore` | the same, then `STORE_FAST d` | `d = a op b`, nothing pushed |
//! | `CmpFast`, `CmpConst` | `LOAD_FAST a; LOAD_FAST b / LOAD_CONST c; COMPARE_OP; POP_JUMP_IF_*` | branches on `a < b` (etc.), nothing pushed |
//! | `LoadFast2` | `LOAD_FAST a; LOAD_FAST b` | pushes both |
//! | `SubscrFast`, `SubscrConst` | `LOAD_FAST a; LOAD_FAST i / LOAD_CONST i; BINARY_SUBSCR` | pushes `a[i]` for an exact `list` or `tuple` and an in-range `int` (else the fast form pushes `a`, `i`) |
//! | `StoreAttr` | `LOAD_FAST v; LOAD_FAST o; STORE_ATTR` | runs the `STORE_ATTR` without pushing (any values; it may raise, as itself) |
//! | `ForStore` | `FOR_ITER; STORE_FAST x` | the next item goes straight into `x` |
//! | `ForUnpack`, `ForUnpackStore` | `FOR_ITER; UNPACK_SEQUENCE n [; STORE_FAST × n]` | a `zip`, `enumerate`, dict-items or list-of-tuples step without the tuple (`exec/for_iter.rs`) |
//! | `StackBinop`, `StackBinopStore` | `LOAD_FAST b; BINARY_OP [; STORE_FAST d]` | `top op b` with the left operand on the stack |
//! | `LoadAttr` | `LOAD_FAST a; LOAD_ATTR` | runs the `LOAD_ATTR` on `a` without a dispatch in between (any value; it may raise, as itself) |
//! | `DupSubscr` | `COPY 2; COPY 2; BINARY_SUBSCR` (the read of `c[k] op= v`) | pushes `c[k]` for an exact `list` or `tuple` and an in-range `int` |
//! | `RotStoreSubscr` | `SWAP 3; SWAP 2; STORE_SUBSCR` (the write of `c[k] op= v`) | `c[k] = v` for an exact `list` and an in-range `int`, all three popped |
//! | `DupSubscrFast`, `DupSubscrConst` | `LOAD_FAST c; LOAD_FAST k / LOAD_CONST k; COPY 2; COPY 2; BINARY_SUBSCR` | pushes `c`, `k`, `c[k]` for an exact `list` or `tuple` and an in-range `int` (else the fast form pushes `c`, `k`) |
//! | `BinopStore` | `BINARY_OP; STORE_FAST d` (tag on the `BINARY_OP`) | an int/float result goes into `d` |
//! | `BinopRotStore` | `BINARY_OP; SWAP 3; SWAP 2; STORE_SUBSCR` (tag on the `BINARY_OP`) | an int/float result is stored into an exact `list` at an in-range `int`, all popped |
//! | `StoreSubscrFast`, `StoreSubscrConst` | `LOAD_FAST c; LOAD_FAST k / LOAD_CONST k; STORE_SUBSCR` | `c[k] = top` for an exact `list` and an in-range `int` (else the fast form pushes `c`, `k`) |
//! | `BinopJump` | `BINARY_OP; POP_JUMP_IF_*` (tag on the `BINARY_OP`) | an int/float result branches without being pushed |
//! | `ConstBinop` | `LOAD_CONST c; BINARY_OP` | `top op c` with the left operand on the stack, then what the `BINARY_OP`'s tag says |
//!
//! The tags on a `BINARY_OP` (`BinopStore`, `BinopRotStore`, `BinopJump`) are also followed by
//! the runs that end with that `BINARY_OP` (`BinopFast`, `BinopConst`, `StackBinop`,
//! `ConstBinop`), so `d = a[0] - b[0]` or `if v & 1:` take no extra dispatch.

use crate::code::Instr;
use crate::frame::Frame;
use crate::object::{ObjRef, Payload};
use crate::opcodes as op;
use crate::proto::cmp::CompareOp;
use crate::types::Types;
use crate::value::Value;

/// What [`Instr::fused`] says about the instruction it is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[repr(u8)]
pub enum Fuse {
    #[default]
    None = 0,
    CmpJump,
    BinopFast,
    BinopConst,
    BinopFastStore,
    BinopConstStore,
    CmpFast,
    CmpConst,
    LoadFast2,
    LoadAttr,
    SubscrFast,
    SubscrConst,
    StoreAttr,
    ForStore,
    ForUnpack,
    ForUnpackStore,
    StackBinop,
    StackBinopStore,
    DupSubscr,
    RotStoreSubscr,
    /// `LOAD_FAST c; LOAD_FAST k / LOAD_CONST k; COPY 2; COPY 2; BINARY_SUBSCR` (the read of
    /// `c[k] op= v` with both operands simple): pushes `c`, `k` and `c[k]` in one step.
    DupSubscrFast,
    DupSubscrConst,
    /// `BINARY_OP; STORE_FAST d`: an int/float result goes straight into `d`.
    BinopStore,
    /// `LOAD_FAST c; LOAD_FAST k / LOAD_CONST k; STORE_SUBSCR`: `c[k] = top` for an exact
    /// `list` `c` and an in-range `int` `k`.
    StoreSubscrFast,
    StoreSubscrConst,
    /// `BINARY_OP; SWAP 3; SWAP 2; STORE_SUBSCR` (the write of `c[k] op= v`): an int/float
    /// result is stored into an exact `list` `c` at an in-range `int` `k`, all popped.
    BinopRotStore,
    /// `BINARY_OP; POP_JUMP_IF_FALSE/TRUE`: an int/float result branches without being pushed.
    BinopJump,
    /// `LOAD_CONST c; BINARY_OP` with the left operand on the stack: `top op c` for ints and
    /// floats, then what the `BINARY_OP`'s own tag says.
    ConstBinop,
    /// A `RETURN_VALUE`/`RETURN_CONST` of a generator's code: the return may end a generator
    /// frame that `FOR_ITER`/`SEND` runs inline (`exec/gen.rs`). Other returns skip that check.
    GenReturn,
}

/// Tags the first instruction of every run listed in the module docs.
pub(crate) fn mark(instrs: &mut [Instr]) {
    for i in 0..instrs.len() {
        let kind = classify(instrs, i);
        instrs[i].fused = kind;
    }
}

/// Tags the returns of a generator's code with [`Fuse::GenReturn`].
pub(crate) fn mark_gen_returns(instrs: &mut [Instr]) {
    for ins in instrs.iter_mut() {
        if ins.op == op::RETURN_VALUE || ins.op == op::RETURN_CONST {
            ins.fused = Fuse::GenReturn;
        }
    }
}

/// The op of the instruction after the one at `i` (skipping its cache units), and its index.
fn next_of(instrs: &[Instr], i: usize) -> Option<(usize, u8)> {
    let j = i + usize::from(instrs.get(i)?.len);
    Some((j, instrs.get(j)?.op))
}

fn classify(instrs: &[Instr], i: usize) -> Fuse {
    let Some(ins) = instrs.get(i) else {
        return Fuse::None;
    };
    let is_jump = |o: u8| o == op::POP_JUMP_IF_FALSE || o == op::POP_JUMP_IF_TRUE;
    match ins.op {
        op::COMPARE_OP => match next_of(instrs, i) {
            Some((_, o)) if is_jump(o) => Fuse::CmpJump,
            _ => Fuse::None,
        },
        op::FOR_ITER => match next_of(instrs, i) {
            Some((_, op::STORE_FAST)) => Fuse::ForStore,
            Some((j, op::UNPACK_SEQUENCE)) => {
                let n = instrs.get(j).map_or(0, |u| u.arg);
                if n == 0 || n > super::for_iter::MAX_N as u32 {
                    return Fuse::None;
                }
                let mut k = j;
                for _ in 0..n {
                    match next_of(instrs, k) {
                        Some((next, op::STORE_FAST)) => k = next,
                        _ => return Fuse::ForUnpack,
                    }
                }
                Fuse::ForUnpackStore
            }
            _ => Fuse::None,
        },
        op::BINARY_OP => match next_of(instrs, i) {
            Some((_, op::STORE_FAST)) => Fuse::BinopStore,
            Some((j, op::SWAP)) if classify(instrs, j) == Fuse::RotStoreSubscr => {
                Fuse::BinopRotStore
            }
            Some((_, o)) if is_jump(o) => Fuse::BinopJump,
            _ => Fuse::None,
        },
        op::LOAD_CONST => match next_of(instrs, i) {
            Some((_, op::BINARY_OP)) => Fuse::ConstBinop,
            _ => Fuse::None,
        },
        op::COPY | op::SWAP => {
            // `c[k] op= v`: `COPY 2; COPY 2; BINARY_SUBSCR` ... `SWAP 3; SWAP 2; STORE_SUBSCR`.
            let (first, last, kind) = if ins.op == op::COPY {
                (2, op::BINARY_SUBSCR, Fuse::DupSubscr)
            } else {
                (3, op::STORE_SUBSCR, Fuse::RotStoreSubscr)
            };
            if ins.arg != first {
                return Fuse::None;
            }
            match next_of(instrs, i) {
                Some((j, o)) if o == ins.op && instrs.get(j).is_some_and(|u| u.arg == 2) => {
                    match next_of(instrs, j) {
                        Some((_, o)) if o == last => kind,
                        _ => Fuse::None,
                    }
                }
                _ => Fuse::None,
            }
        }
        op::LOAD_FAST => {
            let Some((j, second)) = next_of(instrs, i) else {
                return Fuse::None;
            };
            if second == op::LOAD_ATTR {
                return Fuse::LoadAttr;
            }
            if second == op::BINARY_OP {
                return match next_of(instrs, j) {
                    Some((_, op::STORE_FAST)) => Fuse::StackBinopStore,
                    _ => Fuse::StackBinop,
                };
            }
            if second != op::LOAD_FAST && second != op::LOAD_CONST {
                return Fuse::None;
            }
            let fast = second == op::LOAD_FAST;
            match next_of(instrs, j) {
                Some((k, op::BINARY_OP)) => match next_of(instrs, k) {
                    Some((_, op::STORE_FAST)) if fast => Fuse::BinopFastStore,
                    Some((_, op::STORE_FAST)) => Fuse::BinopConstStore,
                    _ if fast => Fuse::BinopFast,
                    _ => Fuse::BinopConst,
                },
                Some((_, op::BINARY_SUBSCR)) if fast => Fuse::SubscrFast,
                Some((_, op::BINARY_SUBSCR)) => Fuse::SubscrConst,
                Some((_, op::STORE_SUBSCR)) if fast => Fuse::StoreSubscrFast,
                Some((_, op::STORE_SUBSCR)) => Fuse::StoreSubscrConst,
                Some((_, op::STORE_ATTR)) if fast => Fuse::StoreAttr,
                Some((k, op::COPY)) if classify(instrs, k) == Fuse::DupSubscr => {
                    if fast {
                        Fuse::DupSubscrFast
                    } else {
                        Fuse::DupSubscrConst
                    }
                }
                Some((k, op::COMPARE_OP)) => match next_of(instrs, k) {
                    Some((_, o)) if is_jump(o) && fast => Fuse::CmpFast,
                    Some((_, o)) if is_jump(o) => Fuse::CmpConst,
                    _ if fast => Fuse::LoadFast2,
                    _ => Fuse::None,
                },
                _ if fast => Fuse::LoadFast2,
                _ => Fuse::None,
            }
        }
        _ => Fuse::None,
    }
}

/// Runs the superinstruction that starts with `ins` (a `LOAD_FAST`, already fetched: `pc` is
/// past it). `true`: done, `pc` is past the whole run; `false`: nothing was changed, run
/// `ins` normally.
#[inline(always)]
pub(crate) fn run(
    f: &mut Frame,
    pc: &mut usize,
    ins: Instr,
    countdown: &mut i64,
    t: &Types,
) -> bool {
    let kind = ins.fused;
    if kind == Fuse::LoadFast2 {
        return load_fast2(f, pc, ins, countdown);
    }
    if let Fuse::SubscrFast | Fuse::SubscrConst = kind {
        // When the subscript can't be taken here, two `LOAD_FAST`s still go together.
        return subscr(f, pc, ins, countdown, t)
            || (kind == Fuse::SubscrFast && load_fast2(f, pc, ins, countdown));
    }
    if let Fuse::StoreSubscrFast | Fuse::StoreSubscrConst = kind {
        return store_subscr(f, pc, ins, countdown, t)
            || (kind == Fuse::StoreSubscrFast && load_fast2(f, pc, ins, countdown));
    }
    if let Fuse::DupSubscrFast | Fuse::DupSubscrConst = kind {
        // When the subscript can't be taken here, two `LOAD_FAST`s still go together.
        return load_dup_subscr(f, pc, ins, countdown, t)
            || (kind == Fuse::DupSubscrFast && load_fast2(f, pc, ins, countdown));
    }
    if let Fuse::StackBinop | Fuse::StackBinopStore = kind {
        return stack_binop(f, pc, ins, countdown);
    }
    let code = &*f.code;
    let Some(&second) = code.instrs.get(*pc) else {
        return false;
    };
    let a = match f.fast.get(ins.arg as usize) {
        Some(v @ (Value::Int(_) | Value::Float(_))) => v,
        _ => return false,
    };
    let b = match kind {
        Fuse::BinopConst | Fuse::BinopConstStore | Fuse::CmpConst => {
            code.consts.get(second.arg as usize)
        }
        _ => f.fast.get(second.arg as usize),
    };
    let b = match b {
        Some(v @ (Value::Int(_) | Value::Float(_))) => v,
        _ => return false,
    };
    let third_at = *pc + usize::from(second.len);
    let Some(&third) = code.instrs.get(third_at) else {
        return false;
    };
    let fourth_at = third_at + usize::from(third.len);
    match kind {
        Fuse::BinopFast | Fuse::BinopConst | Fuse::BinopFastStore | Fuse::BinopConstStore => {
            let Some(r) = super::scalar_binop(a, b, third.arg) else {
                return false;
            };
            if let Fuse::BinopFastStore | Fuse::BinopConstStore = kind {
                let Some(&fourth) = code.instrs.get(fourth_at) else {
                    return false;
                };
                let Some(slot) = f.fast.get_mut(fourth.arg as usize) else {
                    return false;
                };
                *slot = r;
                *countdown -= 3;
                f.lasti = fourth_at;
                *pc = fourth_at + usize::from(fourth.len);
            } else {
                *countdown -= 2;
                f.lasti = third_at;
                *pc = fourth_at;
                f.push(r);
            }
            true
        }
        Fuse::CmpFast | Fuse::CmpConst => {
            let Some(c) = CompareOp::from_u32(third.arg >> 4) else {
                return false;
            };
            let Some(t) = scalar_compare(a, b, c) else {
                return false;
            };
            let Some(&jump) = code.instrs.get(fourth_at) else {
                return false;
            };
            *countdown -= 3;
            f.lasti = fourth_at;
            *pc = fourth_at + usize::from(jump.len);
            if t == (jump.op == op::POP_JUMP_IF_TRUE) {
                *pc += jump.arg as usize;
            }
            true
        }
        _ => false,
    }
}

/// `LOAD_FAST a; LOAD_FAST i / LOAD_CONST i; BINARY_SUBSCR` on an exact `list` or `tuple` with
/// an in-range `int` index.
#[inline(always)]
fn subscr(f: &mut Frame, pc: &mut usize, ins: Instr, countdown: &mut i64, t: &Types) -> bool {
    let code = &*f.code;
    let Some(&second) = code.instrs.get(*pc) else {
        return false;
    };
    let Some(Value::Obj(c)) = f.fast.get(ins.arg as usize) else {
        return false;
    };
    let k = if ins.fused == Fuse::SubscrConst {
        code.consts.get(second.arg as usize)
    } else {
        f.fast.get(second.arg as usize)
    };
    let Some(&Value::Int(i)) = k else {
        return false;
    };
    let Some(item) = exact_seq_item(c, i, t) else {
        return false;
    };
    let third_at = *pc + usize::from(second.len);
    let Some(&third) = code.instrs.get(third_at) else {
        return false;
    };
    f.push(item);
    *countdown -= 2;
    f.lasti = third_at;
    *pc = third_at + usize::from(third.len);
    true
}

/// `LOAD_FAST c; LOAD_FAST k / LOAD_CONST k; STORE_SUBSCR` on an exact `list` `c` and an
/// in-range `int` `k`: `c[k] = v`, `v` popped.
#[inline(always)]
fn store_subscr(f: &mut Frame, pc: &mut usize, ins: Instr, countdown: &mut i64, t: &Types) -> bool {
    let code = &*f.code;
    let Some(&second) = code.instrs.get(*pc) else {
        return false;
    };
    let k = if ins.fused == Fuse::StoreSubscrConst {
        code.consts.get(second.arg as usize)
    } else {
        f.fast.get(second.arg as usize)
    };
    let (Some(Value::Obj(c)), Some(&Value::Int(i))) = (f.fast.get(ins.arg as usize), k) else {
        return false;
    };
    let third_at = *pc + usize::from(second.len);
    let Some(&third) = code.instrs.get(third_at) else {
        return false;
    };
    let Some(v) = f.stack.pop() else {
        return false;
    };
    match store_list_item(c, i, v, t) {
        Ok(old) => {
            drop(old);
            *countdown -= 2;
            f.lasti = third_at;
            *pc = third_at + usize::from(third.len);
            true
        }
        Err(v) => {
            f.push(v);
            false
        }
    }
}

/// `LOAD_FAST c; LOAD_FAST k / LOAD_CONST k; COPY 2; COPY 2; BINARY_SUBSCR` on an exact `list`
/// or `tuple` `c` and an in-range `int` `k`: pushes `c`, `k` and `c[k]`, as the five would.
#[inline(always)]
fn load_dup_subscr(
    f: &mut Frame,
    pc: &mut usize,
    ins: Instr,
    countdown: &mut i64,
    t: &Types,
) -> bool {
    let code = &*f.code;
    let Some(&second) = code.instrs.get(*pc) else {
        return false;
    };
    let Some(Value::Obj(c)) = f.fast.get(ins.arg as usize) else {
        return false;
    };
    let k = if ins.fused == Fuse::DupSubscrConst {
        code.consts.get(second.arg as usize)
    } else {
        f.fast.get(second.arg as usize)
    };
    let Some(&Value::Int(i)) = k else {
        return false;
    };
    let Some(item) = exact_seq_item(c, i, t) else {
        return false;
    };
    // The two `COPY`s have no cache units; the `BINARY_SUBSCR` has.
    let subscr_at = *pc + usize::from(second.len) + 2;
    let Some(&subscr) = code.instrs.get(subscr_at) else {
        return false;
    };
    let c = Value::Obj(c.clone());
    f.push(c);
    f.push(Value::Int(i));
    f.push(item);
    *countdown -= 4;
    f.lasti = subscr_at;
    *pc = subscr_at + usize::from(subscr.len);
    true
}

/// The instruction after a `BINARY_OP` tagged [`Fuse::BinopStore`] or [`Fuse::BinopRotStore`]
/// (`pc` is past the `BINARY_OP`'s caches), given its int/float result `r`, whose operands
/// have been popped. `None`: done, `pc` is past the run; `Some(r)`: nothing was changed, push
/// `r` and go on one instruction at a time.
#[inline(always)]
pub(crate) fn binop_then(
    f: &mut Frame,
    pc: &mut usize,
    kind: Fuse,
    r: Value,
    countdown: &mut i64,
    t: &Types,
) -> Option<Value> {
    let code = &*f.code;
    let Some(&next) = code.instrs.get(*pc) else {
        return Some(r);
    };
    if kind == Fuse::BinopStore {
        let Some(slot) = f.fast.get_mut(next.arg as usize) else {
            return Some(r);
        };
        *slot = r;
        *countdown -= 1;
        f.lasti = *pc;
        *pc += usize::from(next.len);
        return None;
    }
    if kind == Fuse::BinopJump {
        let t = match r {
            Value::Int(i) => i != 0,
            Value::Float(x) => x.get() != 0.0,
            _ => return Some(r),
        };
        *countdown -= 1;
        f.lasti = *pc;
        *pc += usize::from(next.len);
        if t == (next.op == op::POP_JUMP_IF_TRUE) {
            *pc += next.arg as usize;
        }
        return None;
    }
    // `SWAP 3; SWAP 2; STORE_SUBSCR` on `[.., c, k]` and `r`.
    let store_at = *pc + 2;
    let Some(&store) = code.instrs.get(store_at) else {
        return Some(r);
    };
    let n = f.stack.len();
    let stored = match (
        f.stack.get(n.wrapping_sub(2)),
        f.stack.get(n.wrapping_sub(1)),
    ) {
        (Some(Value::Obj(c)), Some(&Value::Int(i))) => store_list_item(c, i, r, t),
        _ => Err(r),
    };
    match stored {
        Ok(old) => {
            f.stack.pop();
            f.stack.pop();
            drop(old);
            *countdown -= 3;
            f.lasti = store_at;
            *pc = store_at + usize::from(store.len);
            None
        }
        Err(r) => Some(r),
    }
}

/// `COPY 2; COPY 2; BINARY_SUBSCR` (the `COPY` already fetched: `pc` is past it) on
/// `[.., c, k]`: pushes `c[k]` for an exact `list` or `tuple` and an in-range `int`. `false`:
/// nothing was changed.
pub(crate) fn dup_subscr(f: &mut Frame, pc: &mut usize, countdown: &mut i64, t: &Types) -> bool {
    let n = f.stack.len();
    let (Some(Value::Obj(c)), Some(&Value::Int(i))) = (
        f.stack.get(n.wrapping_sub(2)),
        f.stack.get(n.wrapping_sub(1)),
    ) else {
        return false;
    };
    let Some(item) = exact_seq_item(c, i, t) else {
        return false;
    };
    let code = &*f.code;
    let Some(&second) = code.instrs.get(*pc) else {
        return false;
    };
    let third_at = *pc + usize::from(second.len);
    let Some(&third) = code.instrs.get(third_at) else {
        return false;
    };
    f.push(item);
    *countdown -= 2;
    f.lasti = third_at;
    *pc = third_at + usize::from(third.len);
    true
}

/// `SWAP 3; SWAP 2; STORE_SUBSCR` (the `SWAP` already fetched: `pc` is past it) on
/// `[.., c, k, v]`: `c[k] = v` for an exact `list` and an in-range `int`, the three popped.
/// `false`: nothing was changed.
pub(crate) fn rot_store_subscr(
    f: &mut Frame,
    pc: &mut usize,
    countdown: &mut i64,
    t: &Types,
) -> bool {
    let n = f.stack.len();
    let code = &*f.code;
    let Some(&second) = code.instrs.get(*pc) else {
        return false;
    };
    let third_at = *pc + usize::from(second.len);
    let Some(&third) = code.instrs.get(third_at) else {
        return false;
    };
    if n < 3 {
        return false;
    }
    let Some(v) = f.stack.pop() else {
        return false;
    };
    let stored = match (f.stack.get(n - 3), f.stack.get(n - 2)) {
        (Some(Value::Obj(c)), Some(&Value::Int(i))) => store_list_item(c, i, v, t),
        _ => Err(v),
    };
    match stored {
        Ok(old) => {
            f.stack.pop();
            f.stack.pop();
            drop(old);
            *countdown -= 2;
            f.lasti = third_at;
            *pc = third_at + usize::from(third.len);
            true
        }
        Err(v) => {
            f.push(v);
            false
        }
    }
}

/// `c[i] = v` for an exact `list` `c` and an in-range `i`: the old item, or `Err(v)`.
#[inline(always)]
fn store_list_item(
    c: &crate::object::ObjRef,
    i: i64,
    v: Value,
    t: &Types,
) -> Result<crate::list_items::OldItem, Value> {
    let (Payload::List(l), Some(cls)) = (&c.payload, &c.class) else {
        return Err(v);
    };
    if !ObjRef::ptr_eq(cls, &t.list) {
        return Err(v);
    }
    let Ok(mut l) = l.try_borrow_mut() else {
        return Err(v);
    };
    let n = i64::try_from(l.len()).unwrap_or(i64::MAX);
    let j = if i < 0 { i.wrapping_add(n) } else { i };
    l.set(usize::try_from(j).unwrap_or(usize::MAX), v)
}

/// `c[i]` for an exact `list` (not borrowed for writing) or `tuple` and an in-range `i`.
#[inline(always)]
fn exact_seq_item(c: &ObjRef, i: i64, t: &Types) -> Option<Value> {
    let cls = c.class.as_ref()?;
    match &c.payload {
        Payload::List(l) if ObjRef::ptr_eq(cls, &t.list) => {
            let l = l.try_borrow().ok()?;
            let n = i64::try_from(l.len()).ok()?;
            let j = if i < 0 { i + n } else { i };
            l.get(usize::try_from(j).ok()?)
        }
        Payload::Tuple(items) if ObjRef::ptr_eq(cls, &t.tuple) => index(items, i).cloned(),
        _ => None,
    }
}

/// `items[i]` with Python's negative indexes; `None` out of range.
#[inline(always)]
fn index(items: &[Value], i: i64) -> Option<&Value> {
    let n = i64::try_from(items.len()).ok()?;
    let j = if i < 0 { i + n } else { i };
    usize::try_from(j).ok().and_then(|j| items.get(j))
}

/// `LOAD_FAST b; BINARY_OP [; STORE_FAST d]` with the left operand already on the stack:
/// int/float operands only, as the two-load runs.
#[inline(always)]
fn stack_binop(f: &mut Frame, pc: &mut usize, ins: Instr, countdown: &mut i64) -> bool {
    let code = &*f.code;
    let Some(&second) = code.instrs.get(*pc) else {
        return false;
    };
    let (Some(a), Some(b)) = (f.stack.last(), f.fast.get(ins.arg as usize)) else {
        return false;
    };
    let Some(r) = super::scalar_binop(a, b, second.arg) else {
        return false;
    };
    let third_at = *pc + usize::from(second.len);
    if ins.fused == Fuse::StackBinopStore {
        let Some(&third) = code.instrs.get(third_at) else {
            return false;
        };
        let Some(slot) = f.fast.get_mut(third.arg as usize) else {
            return false;
        };
        *slot = r;
        f.stack.pop();
        *countdown -= 2;
        f.lasti = third_at;
        *pc = third_at + usize::from(third.len);
    } else {
        if let Some(top) = f.stack.last_mut() {
            *top = r;
        }
        *countdown -= 1;
        f.lasti = *pc;
        *pc = third_at;
    }
    true
}

/// `LOAD_CONST c; BINARY_OP` (the `LOAD_CONST` already fetched: `pc` is past it) with the left
/// operand on the stack: `top op c` for ints and floats, then what the `BINARY_OP`'s own tag
/// says (a store into a local, a branch). `false`: nothing was changed.
#[inline(always)]
pub(crate) fn const_binop(
    f: &mut Frame,
    pc: &mut usize,
    ins: Instr,
    countdown: &mut i64,
    t: &Types,
) -> bool {
    let code = &*f.code;
    let Some(&second) = code.instrs.get(*pc) else {
        return false;
    };
    let (Some(a), Some(b)) = (f.stack.last(), code.consts.get(ins.arg as usize)) else {
        return false;
    };
    let Some(r) = super::scalar_binop(a, b, second.arg) else {
        return false;
    };
    f.stack.pop();
    *countdown -= 1;
    f.lasti = *pc;
    *pc += usize::from(second.len);
    let r = match second.fused {
        Fuse::None => Some(r),
        k => binop_then(f, pc, k, r, countdown, t),
    };
    if let Some(r) = r {
        f.push(r);
    }
    true
}

/// `LOAD_FAST a; LOAD_FAST b` (any values).
#[inline(always)]
fn load_fast2(f: &mut Frame, pc: &mut usize, ins: Instr, countdown: &mut i64) -> bool {
    let Some(&second) = f.code.instrs.get(*pc) else {
        return false;
    };
    let (Some(a), Some(b)) = (
        f.fast.get(ins.arg as usize),
        f.fast.get(second.arg as usize),
    ) else {
        return false;
    };
    let (a, b) = (a.clone(), b.clone());
    f.push(a);
    f.push(b);
    *countdown -= 1;
    f.lasti = *pc;
    *pc += usize::from(second.len);
    true
}

/// `a < b` (etc.) for two ints or two floats; `None` for any other pair.
#[inline(always)]
pub(crate) fn scalar_compare(a: &Value, b: &Value, c: CompareOp) -> Option<bool> {
    Some(match (a, b) {
        (Value::Int(x), Value::Int(y)) => c.test(x.cmp(y)),
        (Value::Float(x), Value::Float(y)) => match c {
            CompareOp::Lt => x < y,
            CompareOp::Le => x <= y,
            CompareOp::Eq => x == y,
            CompareOp::Ne => x != y,
            CompareOp::Gt => x > y,
            CompareOp::Ge => x >= y,
        },
        _ => return None,
    })
}
