//! [`ListItems`]: a list's items, one 8-byte [`Slot`] each (CPython's 8-byte pointers; a
//! [`Value`] is 16). See docs/performance.md, "8-byte list slots".
//!
//! The API is a `Vec<Value>`'s where values go in and out whole: items are read as owned
//! values ([`ListItems::get`], [`ListItems::iter`]) or borrowed ones ([`ListItems::peek`],
//! [`ListItems::iter_ref`], which deref to `Value` and take no reference). Moves inside the
//! list (reverse, swap, insert, remove) move slots and decode nothing.

use crate::slot::Slot;
use crate::value::{Value, ValueRef};
use std::ops::Range;

/// An item taken out of a list by [`ListItems::set`], still in its slot form: dropping it
/// releases the value.
pub struct OldItem(Slot);

impl OldItem {
    /// The value.
    #[inline]
    pub fn into_value(self) -> Value {
        self.0.into_value()
    }
}

/// The items of a `list`.
#[derive(Default)]
pub struct ListItems {
    v: Vec<Slot>,
}

impl ListItems {
    #[inline]
    pub const fn new() -> ListItems {
        ListItems { v: Vec::new() }
    }

    #[inline]
    pub fn with_capacity(n: usize) -> ListItems {
        ListItems {
            v: Vec::with_capacity(n),
        }
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        self.v.len()
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.v.is_empty()
    }

    #[inline]
    pub fn capacity(&self) -> usize {
        self.v.capacity()
    }

    #[inline]
    pub fn reserve(&mut self, n: usize) {
        self.v.reserve(n);
    }

    #[inline]
    pub fn shrink_to_fit(&mut self) {
        self.v.shrink_to_fit();
    }

    /// The item at `i` (a new reference), if in range.
    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<Value> {
        self.v.get(i).map(Slot::get)
    }

    /// The item at `i`, borrowed (no reference taken), if in range.
    #[inline(always)]
    pub fn peek(&self, i: usize) -> Option<ValueRef<'_>> {
        self.v.get(i).map(Slot::peek)
    }

    /// The object at `i`, if in range and an object (no reference taken; it lives while the
    /// list is borrowed).
    #[inline]
    pub fn obj_at(&self, i: usize) -> Option<&crate::object::PyObject> {
        self.v.get(i).and_then(Slot::obj)
    }

    /// The first item (a new reference).
    #[inline]
    pub fn first(&self) -> Option<Value> {
        self.get(0)
    }

    /// The last item (a new reference).
    #[inline]
    pub fn last(&self) -> Option<Value> {
        self.v.last().map(Slot::get)
    }

    /// Stores `x` at `i` and gives back the item it replaced, still packed (for the caller to
    /// drop once the list is no longer borrowed: releasing it can run `__del__`); out of
    /// range, gives `x` back.
    #[inline(always)]
    pub fn set(&mut self, i: usize, x: Value) -> Result<OldItem, Value> {
        match self.v.get_mut(i) {
            Some(s) => Ok(OldItem(std::mem::replace(s, Slot::new(x)))),
            None => Err(x),
        }
    }

    /// Stores `x` at `i` and gives back the item it replaced; out of range, gives `x` back.
    #[inline(always)]
    pub fn replace(&mut self, i: usize, x: Value) -> Result<Value, Value> {
        self.set(i, x).map(OldItem::into_value)
    }

    #[inline(always)]
    pub fn push(&mut self, x: Value) {
        self.v.push(Slot::new(x));
    }

    #[inline]
    pub fn pop(&mut self) -> Option<Value> {
        self.v.pop().map(Slot::into_value)
    }

    /// Inserts `x` before position `i` (at the end when `i` is past it).
    #[inline]
    pub fn insert(&mut self, i: usize, x: Value) {
        let i = i.min(self.v.len());
        self.v.insert(i, Slot::new(x));
    }

    /// Removes and returns the item at `i`, if in range.
    #[inline]
    pub fn remove(&mut self, i: usize) -> Option<Value> {
        if i < self.v.len() {
            Some(self.v.remove(i).into_value())
        } else {
            None
        }
    }

    /// Removes the items from `at` on and returns them (in order).
    pub fn split_off(&mut self, at: usize) -> Vec<Value> {
        let at = at.min(self.v.len());
        self.v
            .split_off(at)
            .into_iter()
            .map(Slot::into_value)
            .collect()
    }

    /// Removes the items in `r` (clamped to the list) and returns them in order.
    pub fn drain(&mut self, r: Range<usize>) -> Vec<Value> {
        self.v
            .drain(clamp(r, self.v.len()))
            .map(Slot::into_value)
            .collect()
    }

    /// Replaces the items in `r` (clamped to the list) with `new`; returns the old ones.
    pub fn splice(&mut self, r: Range<usize>, new: Vec<Value>) -> Vec<Value> {
        self.v
            .splice(clamp(r, self.v.len()), new.into_iter().map(Slot::new))
            .map(Slot::into_value)
            .collect()
    }

    /// Replaces the items in `r` (clamped to the list) with the slots of `new`; returns the
    /// old ones. Slots move: nothing is decoded or counted.
    pub fn splice_items(&mut self, r: Range<usize>, mut new: ListItems) -> ListItems {
        let r = clamp(r, self.v.len());
        if r.len() == new.v.len() {
            self.v[r].swap_with_slice(&mut new.v);
            return new;
        }
        let new = std::mem::take(&mut new.v);
        ListItems {
            v: self.v.splice(r, new).collect(),
        }
    }

    /// Slots `start, start + step, ...` (`n` of them, stopping at the first index out of
    /// range), as new references.
    pub fn slice_step(&self, start: i64, step: i64, n: usize) -> ListItems {
        if let (Ok(s), true) = (usize::try_from(start), step == 1 || step == -1) {
            // Contiguous: `a[i:j]`, and `a[j:i:-1]` (read backwards).
            let lo = if step == 1 {
                Some(s)
            } else {
                (s + 1).checked_sub(n)
            };
            if let Some(part) = lo.and_then(|lo| self.v.get(lo..lo.saturating_add(n))) {
                return ListItems {
                    v: if step == 1 {
                        part.to_vec()
                    } else {
                        part.iter().rev().cloned().collect()
                    },
                };
            }
        }
        let mut out = Vec::with_capacity(n.min(self.v.len()));
        let mut i = start;
        for _ in 0..n {
            match usize::try_from(i).ok().and_then(|j| self.v.get(j)) {
                Some(s) => out.push(s.clone()),
                None => break,
            }
            i = i.wrapping_add(step);
        }
        ListItems { v: out }
    }

    /// Keeps the first `n` items; the rest are released last to first.
    pub fn truncate(&mut self, n: usize) {
        while self.v.len() > n {
            drop(self.v.pop());
        }
    }

    pub fn extend<I: IntoIterator<Item = Value>>(&mut self, it: I) {
        self.v.extend(it.into_iter().map(Slot::new));
    }

    pub fn extend_from_slice(&mut self, xs: &[Value]) {
        self.extend(xs.iter().cloned());
    }

    /// Appends (new references to) the items of `other`'s range `r`, clamped.
    pub fn extend_from_list(&mut self, other: &ListItems, r: Range<usize>) {
        self.v.extend_from_slice(&other.v[clamp(r, other.v.len())]);
    }

    /// Appends (new references to) this list's own first `n` items (`l *= k`, `l += l`).
    pub fn extend_from_self(&mut self, n: usize) {
        let n = n.min(self.v.len());
        self.v.extend_from_within(..n);
    }

    #[inline]
    pub fn reverse(&mut self) {
        self.v.reverse();
    }

    /// Swaps two items (nothing if either is out of range).
    #[inline]
    pub fn swap(&mut self, a: usize, b: usize) {
        if a < self.v.len() && b < self.v.len() {
            self.v.swap(a, b);
        }
    }

    /// The items, as new references.
    #[inline]
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Value> + ExactSizeIterator + '_ {
        self.v.iter().map(Slot::get)
    }

    /// The items, borrowed (no references taken).
    #[inline]
    pub fn iter_ref(
        &self,
    ) -> impl DoubleEndedIterator<Item = ValueRef<'_>> + ExactSizeIterator + '_ {
        self.v.iter().map(Slot::peek)
    }

    /// The items as new references, in a vector.
    pub fn to_vec(&self) -> Vec<Value> {
        self.v.iter().map(Slot::get).collect()
    }

    /// The items of `r` (clamped) as new references.
    pub fn slice_to_vec(&self, r: Range<usize>) -> Vec<Value> {
        self.v[clamp(r, self.v.len())]
            .iter()
            .map(Slot::get)
            .collect()
    }

    /// The items, moved out.
    pub fn into_values(self) -> Vec<Value> {
        let mut me = std::mem::ManuallyDrop::new(self);
        std::mem::take(&mut me.v)
            .into_iter()
            .map(Slot::into_value)
            .collect()
    }

    /// Calls `f` on each item, borrowed (for the cycle collector's traversals).
    #[inline]
    pub fn for_each(&self, mut f: impl FnMut(&Value)) {
        for s in &self.v {
            f(&s.peek());
        }
    }

    /// Keeps the items for which `f` is true (in order); returns the removed ones in order.
    pub fn retain_out(&mut self, mut f: impl FnMut(&Value) -> bool) -> Vec<Value> {
        let old = std::mem::take(&mut self.v);
        let mut out = Vec::new();
        for s in old {
            if f(&s.peek()) {
                self.v.push(s);
            } else {
                out.push(s.into_value());
            }
        }
        out
    }
}

impl Drop for ListItems {
    /// Releases the items last to first, as CPython's list deallocator does (it shows in the
    /// order `__del__` methods run).
    #[inline]
    fn drop(&mut self) {
        let n = self.v.len();
        if n == 0 {
            return;
        }
        let p = self.v.as_mut_ptr();
        // SAFETY: the vector forgets its items first (nothing can drop them twice, and the
        // list is being dropped, so nothing else reaches it); each of the `n` initialised
        // slots is then dropped exactly once, last to first. The buffer is freed by the
        // vector's own drop.
        unsafe {
            self.v.set_len(0);
            for i in (0..n).rev() {
                std::ptr::drop_in_place(p.add(i));
            }
        }
    }
}

impl Clone for ListItems {
    fn clone(&self) -> ListItems {
        ListItems { v: self.v.clone() }
    }
}

/// `r` clamped to a list of `len` items (its end first, then its start to the end).
#[inline]
fn clamp(r: Range<usize>, len: usize) -> Range<usize> {
    let end = r.end.min(len);
    r.start.min(end)..end
}

/// From this many bytes of slots on, a list made from a vector gives back its buffer's unused
/// half (see `From`).
const SHRINK_BYTES: usize = 128 * 1024;

impl From<Vec<Value>> for ListItems {
    /// The items are packed into the vector's own buffer (no allocation, no second buffer
    /// live; the list then has twice the vector's capacity, in the same bytes). A big buffer
    /// then shrinks to the list's length: with the binary's allocator a block that big is a
    /// mapping of its own, and the shrink gives the pages of its unused half back. (A smaller
    /// one would keep its block: mimalloc shrinks in place down to half a block.)
    #[inline]
    fn from(items: Vec<Value>) -> ListItems {
        let mut v: Vec<Slot> = items.into_iter().map(Slot::new).collect();
        if v.len().saturating_mul(std::mem::size_of::<Slot>()) >= SHRINK_BYTES {
            v.shrink_to_fit();
        }
        ListItems { v }
    }
}

impl FromIterator<Value> for ListItems {
    fn from_iter<I: IntoIterator<Item = Value>>(it: I) -> ListItems {
        ListItems {
            v: it.into_iter().map(Slot::new).collect(),
        }
    }
}

impl std::fmt::Debug for ListItems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter_ref()).finish()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ints(l: &ListItems) -> Vec<i64> {
        l.iter()
            .map(|v| match v {
                Value::Int(i) => i,
                _ => i64::MIN,
            })
            .collect()
    }

    #[test]
    fn from_vec_packs_in_place_and_shrinks_big_buffers() {
        let small = ListItems::from(vec![Value::Int(1), Value::float(2.5), Value::None]);
        assert_eq!(small.len(), 3);
        assert!(small.capacity() >= 3);
        let n = SHRINK_BYTES / 8 + 1;
        let big = ListItems::from((0..n as i64).map(Value::Int).collect::<Vec<_>>());
        assert_eq!(big.len(), n);
        assert_eq!(big.capacity(), n);
        assert!(matches!(big.last(), Some(Value::Int(k)) if k == n as i64 - 1));
    }

    #[test]
    fn set_gives_back_the_old_item() {
        let o = crate::ObjRef::new(crate::object::PyObject::new(
            None,
            crate::object::Payload::Tuple(Vec::new().into()),
        ));
        let mut l = ListItems::from(vec![Value::Obj(o.clone()), Value::Int(i64::MIN)]);
        let old = l.set(0, Value::Int(3)).ok().unwrap();
        assert_eq!(crate::ObjRef::strong_count(&o), 2);
        drop(old);
        assert_eq!(crate::ObjRef::strong_count(&o), 1);
        let old = l.set(1, Value::Obj(o.clone())).ok().unwrap();
        assert!(matches!(old.into_value(), Value::Int(i64::MIN)));
        assert!(matches!(l.set(2, Value::None), Err(Value::None)));
        drop(l);
        assert_eq!(crate::ObjRef::strong_count(&o), 1);
    }

    #[test]
    fn vec_like_operations() {
        let mut l: ListItems = (0..5).map(Value::Int).collect();
        assert_eq!(ints(&l), [0, 1, 2, 3, 4]);
        l.push(Value::Int(i64::MAX));
        assert!(matches!(l.pop(), Some(Value::Int(i64::MAX))));
        l.insert(99, Value::Int(5));
        l.insert(0, Value::Int(-1));
        assert_eq!(ints(&l), [-1, 0, 1, 2, 3, 4, 5]);
        assert!(matches!(l.remove(0), Some(Value::Int(-1))));
        assert!(l.remove(99).is_none());
        assert!(matches!(l.replace(1, Value::Int(10)), Ok(Value::Int(1))));
        assert!(matches!(l.replace(9, Value::Int(10)), Err(Value::Int(10))));
        l.reverse();
        assert_eq!(ints(&l), [5, 4, 3, 2, 10, 0]);
        l.swap(0, 5);
        l.swap(0, 9);
        assert_eq!(ints(&l), [0, 4, 3, 2, 10, 5]);
        assert_eq!(ints(&l.slice_step(4, -1, 3)), [10, 2, 3]);
        assert_eq!(ints(&l.slice_step(2, -1, 3)), [3, 4, 0]);
        assert_eq!(ints(&l.slice_step(5, -2, 3)), [5, 2, 4]);
        assert_eq!(ints(&l.slice_step(1, 1, 3)), [4, 3, 2]);
        assert_eq!(ints(&l.slice_step(4, 1, 9)), [10, 5]);
        assert_eq!(ints(&l.slice_step(2, -1, 9)), [3, 4, 0]);
        let d = l.drain(1..3);
        assert_eq!(d.len(), 2);
        let old = l.splice(0..1, vec![Value::Int(7), Value::Int(8)]);
        assert_eq!(old.len(), 1);
        assert_eq!(ints(&l), [7, 8, 2, 10, 5]);
        l.extend_from_self(2);
        assert_eq!(ints(&l), [7, 8, 2, 10, 5, 7, 8]);
        let tail = l.split_off(5);
        assert_eq!(tail.len(), 2);
        l.truncate(2);
        let m = l.clone();
        l.extend_from_list(&m, 0..9);
        assert_eq!(ints(&l), [7, 8, 7, 8]);
        assert_eq!(l.slice_to_vec(1..3).len(), 2);
        let removed = l.retain_out(|v| matches!(v, Value::Int(7)));
        assert_eq!(removed.len(), 2);
        let o = crate::ObjRef::new(crate::object::PyObject::new(
            None,
            crate::object::Payload::Tuple(Vec::new().into()),
        ));
        l.push(Value::Obj(o.clone()));
        assert!(l.obj_at(0).is_none() && l.obj_at(9).is_none());
        assert!(std::ptr::eq(
            l.obj_at(2).unwrap(),
            crate::ObjRef::as_ptr(&o)
        ));
        assert_eq!(crate::ObjRef::strong_count(&o), 2);
        assert_eq!(l.into_values().len(), 3);
    }
}
