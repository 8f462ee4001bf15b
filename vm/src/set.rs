//! The set table: CPython's exact open-addressing set (from `kernels::set_table`), so iteration
//! order of ints (and `pop` order) matches CPython. Keys needing Python-level `__eq__` are
//! compared by the VM with no borrow held (see `proto::mapping`).

use crate::dict::{native_eq, Probe};
use crate::kernels::set_table::{self as kst, SetKey, Step};
use crate::value::Value;
use smallvec::SmallVec;
use std::convert::Infallible;

impl SetKey for Value {
    fn is_same(&self, other: &Self) -> bool {
        self.is(other)
    }
}

fn eq_native(a: &Value, b: &Value) -> Result<bool, Infallible> {
    Ok(native_eq(a, b).unwrap_or(false))
}

/// Storage of a `set` / `frozenset`. The table is boxed: a set payload is then one pointer,
/// which keeps every object's payload small (see `object::Payload`).
#[derive(Clone, Default)]
pub struct SetTable {
    t: Box<kst::SetTable<Value>>,
}

impl SetTable {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.t.len()
    }

    /// Slots in the hash table (as CPython's table for the same operations: `sys.getsizeof`).
    pub fn table_size(&self) -> usize {
        self.t.mask() + 1
    }

    pub fn is_empty(&self) -> bool {
        self.t.is_empty()
    }

    /// Looks a key up without running Python code.
    pub fn probe(&self, hash: i64, key: &Value) -> Probe {
        let mut lk = self.t.lookup_start(hash, false);
        let mut need_slow = false;
        loop {
            match self.t.lookup_step(&mut lk, key) {
                Step::Found(i) => return Probe::Found(i),
                Step::Vacant => break,
                Step::Compare(c) => match native_eq(&c, key) {
                    Some(b) => self.t.lookup_resume(&mut lk, &c, b),
                    None => {
                        need_slow = true;
                        self.t.lookup_resume(&mut lk, &c, false);
                    }
                },
            }
        }
        if !need_slow {
            return Probe::Missing;
        }
        let mut cands: SmallVec<[(usize, Value); 2]> = SmallVec::new();
        let mut pos = 0;
        while let Some((p, k, h)) = self.t.next_from(pos) {
            if h == hash && native_eq(k, key).is_none() {
                cands.push((p, k.clone()));
            }
            pos = p + 1;
        }
        if cands.is_empty() {
            Probe::Missing
        } else {
            Probe::NeedEq(cands)
        }
    }

    /// A lookup decided by identity alone (see `kst::SetTable::find_identical`): the key's
    /// slot or `Some(None)` when absent; `None` when a stored key with the same hash must be
    /// compared with `==`.
    #[inline]
    pub fn find_identical(&self, hash: i64, key: &Value) -> Option<Option<usize>> {
        self.t.find_identical(hash, key)
    }

    /// Is `key` (by identity) still in slot `pos`?
    pub fn still_at(&self, pos: usize, key: &Value) -> bool {
        self.t.slot(pos).is_some_and(|(k, _)| k.is(key))
    }

    /// Adds a key known to be absent.
    pub fn push_new(&mut self, hash: i64, key: Value) {
        let _ = self.t.add(key, hash, eq_native);
    }

    /// Removes the key in slot `pos`.
    pub fn remove_at(&mut self, pos: usize) -> Option<Value> {
        self.t.remove_slot(pos)
    }

    /// Removes an element in CPython's `set.pop` order.
    pub fn pop_first(&mut self) -> Option<Value> {
        self.t.pop().ok()
    }

    pub fn clear(&mut self) {
        self.t.clear();
    }

    /// Elements in iteration order.
    pub fn items(&self) -> Vec<Value> {
        self.t.iter().cloned().collect()
    }

    /// (hash, element) pairs in iteration order.
    pub fn hashed_items(&self) -> Vec<(i64, Value)> {
        self.t.entries().map(|(k, h)| (h, k.clone())).collect()
    }

    /// Adds every element of `other` (CPython's `set_merge`, preserving its layout rules).
    pub fn merge(&mut self, other: &SetTable) {
        let _ = self.t.merge(&other.t, eq_native);
    }

    /// Makes room for `n` more elements the way CPython presizes for a dict argument.
    pub fn reserve_for(&mut self, n: usize) {
        self.t.reserve_for(n);
    }

    /// A copy laid out like CPython's `set.copy()`.
    pub fn copy(&self) -> SetTable {
        SetTable {
            t: Box::new(self.t.copy()),
        }
    }

    /// `a & b` for two sets.
    pub fn intersection(&self, other: &SetTable) -> SetTable {
        match kst::intersection(&self.t, &other.t, eq_native) {
            Ok(t) => SetTable { t: Box::new(t) },
            Err(e) => match e {},
        }
    }

    /// `a - b` for two sets.
    pub fn difference(&self, other: &SetTable) -> SetTable {
        match kst::difference(&self.t, &other.t, eq_native) {
            Ok(t) => SetTable { t: Box::new(t) },
            Err(e) => match e {},
        }
    }

    /// `a ^ b` for two sets.
    pub fn symmetric_difference(&self, other: &SetTable) -> SetTable {
        match kst::symmetric_difference(&self.t, &other.t, eq_native) {
            Ok(t) => SetTable { t: Box::new(t) },
            Err(e) => match e {},
        }
    }

    /// `a ^= b` in place (CPython's `set_symmetric_difference_update` order).
    pub fn symmetric_difference_update(&mut self, other: &SetTable) {
        match kst::symmetric_difference_update(&mut self.t, &other.t, eq_native) {
            Ok(()) => {}
            Err(e) => match e {},
        }
    }

    /// Removes purged dummies the way CPython does after bulk discards.
    pub fn purge_dummies_if_needed(&mut self) {
        self.t.purge_dummies_if_needed();
    }

    /// The CPython `frozenset` hash of the elements.
    pub fn frozenset_hash(&self) -> i64 {
        self.t.frozenset_hash()
    }
}
