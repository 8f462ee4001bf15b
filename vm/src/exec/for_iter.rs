//! `FOR_ITER; UNPACK_SEQUENCE n` in one step, without the tuple (superinstruction
//! [`Fuse::ForUnpack`](super::fused::Fuse::ForUnpack), tagged in `exec/fused.rs`).
//!
//! `for x, y in zip(a, b)`, `for i, v in enumerate(seq)`, `for k, v in d.items()` and
//! `for a, b in list_of_pairs` build (or fetch) a tuple on every step only for `UNPACK_SEQUENCE`
//! to take it apart again. When the iterator on the stack is one of those and its step can run
//! no Python code, the step here fetches the items and puts them where the instructions would:
//! straight into the locals when `n` `STORE_FAST`s follow, else onto the stack in
//! `UNPACK_SEQUENCE`'s order. The iterators' states change exactly as the generic step changes
//! them.
//!
//! Anything else declines before changing anything (the instruction then runs as itself): a
//! `strict=True` zip, an inner iterator that is not a `range` or list/tuple iterator (or is
//! exhausted, or busy), an `enumerate` count outside the machine-int range, a dict whose size
//! changed (the generic step raises), an item that is not an exact tuple of length `n`, or
//! `n` outside `1..=MAX_N`.

use super::fused::Fuse;
use crate::code::Instr;
use crate::frame::{push_value, Frame};
use crate::object::{DictViewKind, EnumerateIter, IterState, ObjRef, Payload};
use crate::opcodes as op;
use crate::types::Types;
use crate::value::Value;

/// What the fused step did.
pub(crate) enum Step {
    /// Nothing was changed: run `FOR_ITER` normally.
    Decline,
    /// The items are stored or pushed; `pc` is past the run.
    Done,
    /// The iterator is exhausted: `FOR_ITER` jumps to its target.
    End,
}

/// The most items unpacked by the fused step.
pub(crate) const MAX_N: usize = 4;

/// What one iterator step gave: `Some(true)` the items are in the buffer, `Some(false)`
/// exhausted, `None` declined (nothing changed).
type Got = Option<bool>;

/// Runs `FOR_ITER` (already fetched: `pc` is past it) followed by `UNPACK_SEQUENCE n` and,
/// for [`Fuse::ForUnpackStore`], `n` `STORE_FAST`s.
#[inline]
pub(crate) fn for_unpack(
    f: &mut Frame,
    pc: &mut usize,
    kind: Fuse,
    countdown: &mut i64,
    t: &Types,
) -> Step {
    let code = &*f.code;
    let Some(&unpack) = code.instrs.get(*pc) else {
        return Step::Decline;
    };
    let n = unpack.arg as usize;
    if n == 0 || n > MAX_N {
        return Step::Decline;
    }
    let mut buf: [Value; MAX_N] = Default::default();
    let got = {
        let Some(Value::Obj(it)) = f.stack.last() else {
            return Step::Decline;
        };
        let Payload::Iter(cell) = &it.payload else {
            return Step::Decline;
        };
        let Ok(mut st) = cell.try_borrow_mut() else {
            return Step::Decline;
        };
        let got = match &mut *st {
            IterState::Zip(z) if !z.strict => zip_step(&z.its, n, &mut buf),
            IterState::Enumerate(e) if n == 2 => enumerate_step(e, &mut buf),
            IterState::Dict {
                dict,
                pos,
                kind: DictViewKind::Items,
                expect_len,
            } if n == 2 => {
                let Payload::Dict(d) = &dict.payload else {
                    return Step::Decline;
                };
                let Ok(d) = d.try_borrow() else {
                    return Step::Decline;
                };
                if d.len() != *expect_len as usize {
                    return Step::Decline;
                }
                let mut got = Some(false);
                while *pos < d.capacity_positions() {
                    let p = *pos;
                    *pos += 1;
                    if let Some(e) = d.entry_at(p) {
                        let [k, v, ..] = &mut buf;
                        fill(k, e.key.clone());
                        fill(v, e.value.clone());
                        got = Some(true);
                        break;
                    }
                }
                got
            }
            IterState::Seq { seq, idx } => {
                let item = match &seq.payload {
                    Payload::List(l) => match l.try_borrow() {
                        Ok(l) => l.get(*idx),
                        Err(_) => return Step::Decline,
                    },
                    Payload::Tuple(items) => items.get(*idx).cloned(),
                    _ => return Step::Decline,
                };
                match item {
                    Some(Value::Obj(o)) => match &o.payload {
                        Payload::Tuple(items)
                            if items.len() == n
                                && o.class
                                    .as_ref()
                                    .is_some_and(|c| ObjRef::ptr_eq(c, &t.tuple)) =>
                        {
                            for (slot, v) in buf.iter_mut().zip(items.iter()) {
                                fill(slot, v.clone());
                            }
                            *idx += 1;
                            Some(true)
                        }
                        _ => None,
                    },
                    Some(_) => None,
                    None => {
                        *st = IterState::Exhausted;
                        Some(false)
                    }
                }
            }
            _ => None,
        };
        if got == Some(false) {
            // An exhausted zip stays exhausted (as `zip_next` leaves it).
            if let IterState::Zip(_) = &*st {
                *st = IterState::Exhausted;
            }
        }
        got
    };
    match got {
        None => Step::Decline,
        Some(false) => Step::End,
        Some(true) => {
            let items = buf.get_mut(..n).unwrap_or_default();
            let unpack_at = *pc;
            let after = unpack_at + usize::from(unpack.len);
            if kind != Fuse::ForUnpackStore || !store_all(f, pc, items, after, countdown) {
                for v in items.iter_mut().rev() {
                    push_value(&mut f.stack, std::mem::take(v));
                }
                *countdown -= 1;
                f.lasti = unpack_at;
                *pc = after;
            }
            // Every item was moved out: the buffer holds only `Null`s, which own nothing.
            std::mem::forget(buf);
            Step::Done
        }
    }
}

/// Drops a value that was just replaced; only an object has anything to release (this keeps
/// the out-of-line drop call off the path of numbers).
#[inline(always)]
fn drop_value(v: Value) {
    if let Value::Obj(_) = v {
        drop(v);
    } else {
        std::mem::forget(v);
    }
}

/// Puts `v` into a slot of the step's buffer, which holds `Null` (nothing to release): an
/// assignment would call the out-of-line drop of the old value for every item.
#[inline(always)]
fn fill(slot: &mut Value, v: Value) {
    drop_value(std::mem::replace(slot, v));
}

/// Stores `items` into the locals named by the `STORE_FAST`s starting at `at` (one each, in
/// order, as `UNPACK_SEQUENCE` then the stores would). `false`: a target is out of range and
/// nothing was stored.
#[inline(always)]
fn store_all(
    f: &mut Frame,
    pc: &mut usize,
    items: &mut [Value],
    at: usize,
    countdown: &mut i64,
) -> bool {
    let code = &*f.code;
    let mut targets = [0usize; MAX_N];
    let mut pos = at;
    let mut last = at;
    for slot in targets.iter_mut().take(items.len()) {
        match code.instrs.get(pos) {
            Some(&Instr {
                op: op::STORE_FAST,
                arg,
                len,
                ..
            }) if (arg as usize) < f.fast.len() => {
                *slot = arg as usize;
                last = pos;
                pos += usize::from(len);
            }
            _ => return false,
        }
    }
    for (&t, v) in targets.iter().zip(items.iter_mut()) {
        if let Some(local) = f.fast.get_mut(t) {
            drop_value(std::mem::replace(local, std::mem::take(v)));
        }
    }
    *countdown -= 1 + items.len() as i64;
    f.lasti = last;
    *pc = pos;
    true
}

/// One `zip` step over `range` and list/tuple iterators only.
#[inline(always)]
fn zip_step(its: &[Value], n: usize, buf: &mut [Value; MAX_N]) -> Got {
    if its.len() != n {
        return None;
    }
    if let [a, b] = its {
        if zip2_items(a, b, buf).is_some() {
            return Some(true);
        }
    }
    for it in its {
        if !simple(it) {
            return None;
        }
    }
    for (it, slot) in its.iter().zip(buf.iter_mut()) {
        // `simple` held for every iterator, and nothing ran since: each step is decided.
        match super::next_fast(it) {
            Some(Some(v)) => fill(slot, v),
            _ => return Some(false),
        }
    }
    Some(true)
}

/// The step of `zip(a, b)` when both are list/tuple iterators with an item left (`for x, y
/// in zip(row, col)`): both items are read before either iterator moves, so one pass does what
/// [`simple`] then [`super::next_fast`] do per iterator. `None`: anything else (another
/// iterator, the same iterator twice, a list being changed, an exhausted one), and nothing
/// changed; the general step decides.
#[inline(always)]
fn zip2_items(a: &Value, b: &Value, buf: &mut [Value; MAX_N]) -> Option<()> {
    let (Value::Obj(a), Value::Obj(b)) = (a, b) else {
        return None;
    };
    let (Payload::Iter(ca), Payload::Iter(cb)) = (&a.payload, &b.payload) else {
        return None;
    };
    let mut sa = ca.try_borrow_mut().ok()?;
    let mut sb = cb.try_borrow_mut().ok()?;
    let (IterState::Seq { seq: qa, idx: ia }, IterState::Seq { seq: qb, idx: ib }) =
        (&mut *sa, &mut *sb)
    else {
        return None;
    };
    let x = seq_item(qa, *ia)?;
    let y = seq_item(qb, *ib)?;
    *ia += 1;
    *ib += 1;
    let [sx, sy, ..] = buf;
    fill(sx, x);
    fill(sy, y);
    Some(())
}

/// Item `idx` of a list or tuple (`None`: another type, a list being changed, or past the end).
#[inline(always)]
fn seq_item(seq: &crate::object::ObjRef, idx: usize) -> Option<Value> {
    match &seq.payload {
        Payload::List(l) => l.try_borrow().ok()?.get(idx),
        Payload::Tuple(t) => t.get(idx).cloned(),
        _ => None,
    }
}

/// One `enumerate` step over a `range` or list/tuple iterator.
#[inline(always)]
fn enumerate_step(e: &mut EnumerateIter, buf: &mut [Value; MAX_N]) -> Got {
    let Value::Int(i) = e.idx else {
        return None;
    };
    let next = i.checked_add(1)?;
    if !simple(&e.it) {
        return None;
    }
    match super::next_fast(&e.it) {
        Some(Some(v)) => {
            let [a, b, ..] = buf;
            fill(a, Value::Int(i));
            fill(b, v);
            e.idx = Value::Int(next);
            Some(true)
        }
        _ => Some(false),
    }
}

/// Whether `it` is an iterator whose step [`super::next_fast`] decides without declining: a
/// `range` iterator, or a list/tuple iterator not yet exhausted whose list is not borrowed.
#[inline(always)]
fn simple(it: &Value) -> bool {
    let Value::Obj(o) = it else {
        return false;
    };
    let Payload::Iter(cell) = &o.payload else {
        return false;
    };
    let Ok(st) = cell.try_borrow() else {
        return false;
    };
    match &*st {
        IterState::Range { .. } => true,
        IterState::Seq { seq, .. } => match &seq.payload {
            Payload::List(l) => l.try_borrow().is_ok(),
            Payload::Tuple(_) => true,
            _ => false,
        },
        _ => false,
    }
}
