//! CPython 3.12's set hash table, reproduced so that iteration order, `pop` order and resize
//! points match CPython exactly.
//!
//! The table is generic over the key type `E` (the VM's value handle). Each entry stores the
//! key's precomputed hash. Equality is supplied by the caller and may fail (Python `__eq__` can
//! raise) — and may even mutate the set being searched. For that case the lookup is available
//! as a resumable state machine ([`SetTable::lookup_start`], [`SetTable::lookup_step`],
//! [`SetTable::lookup_resume`]) so that the caller can release its borrow of the table while
//! running Python code, exactly like CPython restarts a lookup when the table changed under it.
//! The closure-taking methods (`add`, `contains`, `discard`, and the set algebra) are built on
//! that machine for callers whose equality cannot touch the table.
//!
//! How CPython builds the results of the set operations (so the VM can reproduce the order):
//! - `set(iterable)` / `s.update(iterable)`: for a set/frozenset argument, [`SetTable::merge`];
//!   for an exact dict, [`SetTable::reserve_for`]`(len(dict))` then `add` every key (with its
//!   stored hash) in dict order; otherwise `add` every item in iteration order.
//! - `s.copy()`, `s | t`: a new empty table, then `merge` (for `|`, then `merge(t)` unless `t is s`).
//! - `s & t`, `s.intersection(t)`: [`intersection`] for set arguments; for other iterables,
//!   [`intersection_iter_step`] per item.
//! - `s - t`: [`difference`] for a set argument (it picks CPython's strategy itself).
//! - `s ^ t`: a copy of `t` (via `merge`), then [`symmetric_difference_update`] with `s`.
//! - `s -= t`, `s.difference_update(it)`: `discard` each item, then
//!   [`SetTable::purge_dummies_if_needed`].

use super::errors::{msg, KernelError};
use super::hash;

/// Slots examined linearly before perturbing.
pub const LINEAR_PROBES: usize = 9;
/// Shift applied to the perturbation on each outer probe step.
pub const PERTURB_SHIFT: u32 = 5;
/// The size of a new, empty table.
pub const MIN_SIZE: usize = 8;

/// A key that can tell whether it is the very same object as another (Python's `is`).
pub trait SetKey: Clone {
    fn is_same(&self, other: &Self) -> bool;
}

macro_rules! value_identity {
    ($($t:ty),*) => {$(
        impl SetKey for $t {
            fn is_same(&self, other: &Self) -> bool { self == other }
        }
    )*};
}
value_identity!(i64, u64, i32, u32, usize, String, &str);

#[derive(Debug, Clone)]
enum Slot<E> {
    Empty,
    Dummy,
    Full { hash: i64, key: E },
}

/// CPython's set table.
#[derive(Debug, Clone)]
pub struct SetTable<E> {
    slots: Vec<Slot<E>>,
    /// Active + dummy slots.
    fill: usize,
    /// Active slots.
    used: usize,
    /// Where `pop` starts searching.
    finger: usize,
    /// Changes whenever CPython would have switched to a different table allocation.
    table_id: u64,
}

impl<E: SetKey> Default for SetTable<E> {
    fn default() -> Self {
        Self::new()
    }
}

/// The state of a resumable lookup.
#[derive(Debug, Clone)]
pub struct Lookup {
    hash: i64,
    for_add: bool,
    mask: usize,
    base: usize,
    pos: usize,
    remaining: usize,
    perturb: u64,
    freeslot: Option<usize>,
    table_id: u64,
    outcome: Option<Step<()>>,
}

/// What a lookup step found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<C> {
    /// The key is absent. For an add lookup, [`SetTable::insert_vacant`] may follow at once.
    Vacant,
    /// The key is present in this slot.
    Found(usize),
    /// A stored key with the same hash must be compared (`stored == key`) by the caller,
    /// who then calls [`SetTable::lookup_resume`] with the result.
    Compare(C),
}

impl<E: SetKey> SetTable<E> {
    /// An empty set (8 slots).
    pub fn new() -> Self {
        SetTable {
            slots: vec![Slot::Empty; MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
            table_id: 0,
        }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.used
    }
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }
    /// Active plus dummy slots.
    pub fn fill(&self) -> usize {
        self.fill
    }
    /// Table size minus one.
    pub fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    fn probe_start(&self, lk: &mut Lookup) {
        let mask = self.mask();
        lk.mask = mask;
        lk.base = (lk.hash as u64 as usize) & mask;
        lk.pos = lk.base;
        lk.remaining = if lk.base + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        lk.perturb = lk.hash as u64;
        lk.freeslot = None;
        lk.table_id = self.table_id;
        lk.outcome = None;
    }

    fn probe_advance(lk: &mut Lookup) {
        if lk.remaining > 0 {
            lk.remaining -= 1;
            lk.pos += 1;
        } else {
            lk.perturb >>= PERTURB_SHIFT;
            lk.base = (lk
                .base
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(lk.perturb as usize))
                & lk.mask;
            lk.pos = lk.base;
            lk.remaining = if lk.base + LINEAR_PROBES <= lk.mask {
                LINEAR_PROBES
            } else {
                0
            };
        }
    }

    /// Begin looking up a key with this hash. `for_add` selects `set_add_entry`'s variant
    /// (which remembers a dummy slot to reuse and treats "equal" as final even if the table
    /// changed during the comparison).
    pub fn lookup_start(&self, hash: i64, for_add: bool) -> Lookup {
        let mut lk = Lookup {
            hash,
            for_add,
            mask: 0,
            base: 0,
            pos: 0,
            remaining: 0,
            perturb: 0,
            freeslot: None,
            table_id: 0,
            outcome: None,
        };
        self.probe_start(&mut lk);
        lk
    }

    /// Run the lookup until it finishes or needs a comparison. The table always has an empty
    /// slot (the resize policy guarantees it), so this terminates.
    pub fn lookup_step(&self, lk: &mut Lookup, key: &E) -> Step<E> {
        if let Some(done) = lk.outcome.take() {
            return match done {
                Step::Found(i) => Step::Found(i),
                _ => Step::Vacant,
            };
        }
        if lk.table_id != self.table_id || lk.mask != self.mask() {
            self.probe_start(lk);
        }
        // Bound the scan defensively: a full sweep of the perturbation sequence visits every
        // slot well within this many steps.
        let limit = self.slots.len().saturating_mul(LINEAR_PROBES + 2) + 64 * 70;
        for _ in 0..limit {
            match self.slots.get(lk.pos) {
                None | Some(Slot::Empty) => return Step::Vacant,
                Some(Slot::Dummy) => {
                    if lk.for_add {
                        lk.freeslot = Some(lk.pos);
                    }
                }
                Some(Slot::Full { hash, key: stored }) => {
                    if *hash == lk.hash {
                        if stored.is_same(key) {
                            return Step::Found(lk.pos);
                        }
                        return Step::Compare(stored.clone());
                    }
                }
            }
            Self::probe_advance(lk);
        }
        Step::Vacant
    }

    /// Continue a lookup after the caller compared the stored key `candidate` (returned by
    /// `Step::Compare`) with the key searched for.
    pub fn lookup_resume(&self, lk: &mut Lookup, candidate: &E, equal: bool) {
        if equal && lk.for_add {
            lk.outcome = Some(Step::Found(lk.pos));
            return;
        }
        let unchanged = lk.table_id == self.table_id
            && matches!(self.slots.get(lk.pos), Some(Slot::Full { key, .. }) if key.is_same(candidate));
        if !unchanged {
            self.probe_start(lk);
            return;
        }
        if equal {
            lk.outcome = Some(Step::Found(lk.pos));
            return;
        }
        lk.mask = self.mask();
        Self::probe_advance(lk);
    }

    /// A lookup that compares by identity only: `Some(Some(slot))` when a stored key is the
    /// very key, `Some(None)` when the key is absent, `None` when a stored key with the same
    /// hash but another identity would need `==` (the caller then runs the full lookup, which
    /// walks the same slots).
    pub fn find_identical(&self, hash: i64, key: &E) -> Option<Option<usize>> {
        let mut lk = self.lookup_start(hash, false);
        let limit = self.slots.len().saturating_mul(LINEAR_PROBES + 2) + 64 * 70;
        for _ in 0..limit {
            match self.slots.get(lk.pos) {
                None | Some(Slot::Empty) => return Some(None),
                Some(Slot::Dummy) => {}
                Some(Slot::Full {
                    hash: h,
                    key: stored,
                }) => {
                    if *h == hash {
                        return if stored.is_same(key) {
                            Some(Some(lk.pos))
                        } else {
                            None
                        };
                    }
                }
            }
            Self::probe_advance(&mut lk);
        }
        None
    }

    /// After an add lookup returned `Step::Vacant`, insert the key there. Returns false (and
    /// does nothing) if the table changed since, in which case the lookup must be redone.
    pub fn insert_vacant(&mut self, lk: &Lookup, key: E) -> bool {
        if lk.table_id != self.table_id || !lk.for_add {
            return false;
        }
        if let Some(free) = lk.freeslot {
            if !matches!(self.slots.get(free), Some(Slot::Dummy)) {
                return false;
            }
            self.slots[free] = Slot::Full { hash: lk.hash, key };
            self.used += 1;
            return true;
        }
        if !matches!(self.slots.get(lk.pos), Some(Slot::Empty)) {
            return false;
        }
        self.slots[lk.pos] = Slot::Full { hash: lk.hash, key };
        self.fill += 1;
        self.used += 1;
        if self.fill * 5 >= self.mask() * 3 {
            self.resize(self.growth_target());
        }
        true
    }

    /// Remove the entry in `slot` (from `Step::Found`), returning its key.
    pub fn remove_slot(&mut self, slot: usize) -> Option<E> {
        match self.slots.get_mut(slot) {
            Some(s @ Slot::Full { .. }) => {
                let old = std::mem::replace(s, Slot::Dummy);
                self.used -= 1;
                match old {
                    Slot::Full { key, .. } => Some(key),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The key and hash stored in a slot.
    pub fn slot(&self, slot: usize) -> Option<(&E, i64)> {
        match self.slots.get(slot) {
            Some(Slot::Full { hash, key }) => Some((key, *hash)),
            _ => None,
        }
    }

    fn growth_target(&self) -> usize {
        if self.used > 50_000 {
            self.used * 2
        } else {
            self.used * 4
        }
    }

    /// Drive a lookup to completion with a comparison that cannot touch the table.
    fn run_lookup<X>(
        &self,
        lk: &mut Lookup,
        key: &E,
        eq: &mut impl FnMut(&E, &E) -> Result<bool, X>,
    ) -> Result<Option<usize>, X> {
        loop {
            match self.lookup_step(lk, key) {
                Step::Vacant => return Ok(None),
                Step::Found(i) => return Ok(Some(i)),
                Step::Compare(c) => {
                    let r = eq(&c, key)?;
                    self.lookup_resume(lk, &c, r);
                }
            }
        }
    }

    /// `set_add_entry`: add `key` (whose hash is `hash`). `eq(stored, key)` is Python `==`.
    /// Returns whether the key was new.
    pub fn add<X>(
        &mut self,
        key: E,
        hash: i64,
        mut eq: impl FnMut(&E, &E) -> Result<bool, X>,
    ) -> Result<bool, X> {
        for _ in 0..3 {
            let mut lk = self.lookup_start(hash, true);
            match self.run_lookup(&mut lk, &key, &mut eq)? {
                Some(_) => return Ok(false),
                None => {
                    if self.insert_vacant(&lk, key.clone()) {
                        return Ok(true);
                    }
                }
            }
            // Only reachable if the table's invariants were broken: rebuild and retry.
            self.resize(self.used * 4 + MIN_SIZE);
        }
        self.resize(self.used * 4 + MIN_SIZE);
        Self::insert_clean(&mut self.slots, key, hash);
        self.fill += 1;
        self.used += 1;
        Ok(true)
    }

    /// `set_contains_entry`.
    pub fn contains<X>(
        &self,
        key: &E,
        hash: i64,
        mut eq: impl FnMut(&E, &E) -> Result<bool, X>,
    ) -> Result<bool, X> {
        let mut lk = self.lookup_start(hash, false);
        Ok(self.run_lookup(&mut lk, key, &mut eq)?.is_some())
    }

    /// `set_discard_entry`: remove the key if present; returns the removed key.
    pub fn discard<X>(
        &mut self,
        key: &E,
        hash: i64,
        mut eq: impl FnMut(&E, &E) -> Result<bool, X>,
    ) -> Result<Option<E>, X> {
        let mut lk = self.lookup_start(hash, false);
        match self.run_lookup(&mut lk, key, &mut eq)? {
            Some(i) => Ok(self.remove_slot(i)),
            None => Ok(None),
        }
    }

    /// Insert a key known to be absent into a table without dummies (`set_insert_clean`).
    fn insert_clean(slots: &mut [Slot<E>], key: E, hash: i64) {
        let mask = slots.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let run = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + run {
                if let Some(s @ Slot::Empty) = slots.get_mut(j) {
                    *s = Slot::Full { hash, key };
                    return;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// `set_table_resize`: rebuild into the smallest power-of-two table (>= 8) larger than
    /// `minused`, dropping dummies.
    pub fn resize(&mut self, minused: usize) {
        let mut newsize = MIN_SIZE;
        while newsize <= minused {
            match newsize.checked_mul(2) {
                Some(n) => newsize = n,
                None => break,
            }
        }
        let old_small = self.slots.len() == MIN_SIZE;
        if newsize == MIN_SIZE && old_small && self.fill == self.used {
            return;
        }
        if !(newsize == MIN_SIZE && old_small) {
            self.table_id = self.table_id.wrapping_add(1);
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; newsize]);
        self.fill = self.used;
        for s in old {
            if let Slot::Full { hash, key } = s {
                Self::insert_clean(&mut self.slots, key, hash);
            }
        }
    }

    /// The pre-sizing `set_update_internal` does before adding `n` keys from a dict (and
    /// `set_merge` before merging a set of `n` elements).
    pub fn reserve_for(&mut self, n: usize) {
        if (self.fill + n) * 5 >= self.mask() * 3 {
            self.resize((self.used + n) * 2);
        }
    }

    /// `set_merge`: add every element of `other` (which must not be this same set object;
    /// `s.update(s)` is a no-op the caller handles).
    pub fn merge<X>(
        &mut self,
        other: &SetTable<E>,
        mut eq: impl FnMut(&E, &E) -> Result<bool, X>,
    ) -> Result<(), X> {
        if other.used == 0 {
            return Ok(());
        }
        self.reserve_for(other.used);
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            for (dst, src) in self.slots.iter_mut().zip(other.slots.iter()) {
                if let Slot::Full { hash, key } = src {
                    *dst = Slot::Full {
                        hash: *hash,
                        key: key.clone(),
                    };
                }
            }
            self.fill = other.fill;
            self.used = other.used;
            return Ok(());
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for s in &other.slots {
                if let Slot::Full { hash, key } = s {
                    Self::insert_clean(&mut self.slots, key.clone(), *hash);
                }
            }
            return Ok(());
        }
        for s in &other.slots {
            if let Slot::Full { hash, key } = s {
                self.add(key.clone(), *hash, &mut eq)?;
            }
        }
        Ok(())
    }

    /// `s.copy()` / `set(s)`: a new table filled by `merge` (never needs comparisons).
    pub fn copy(&self) -> SetTable<E> {
        let mut t = SetTable::new();
        let r: Result<(), std::convert::Infallible> = t.merge(self, |_, _| Ok(false));
        match r {
            Ok(()) => t,
            Err(never) => match never {},
        }
    }

    /// `s.pop()`.
    pub fn pop(&mut self) -> Result<E, KernelError> {
        if self.used == 0 {
            return Err(msg::pop_from_empty_set());
        }
        let mask = self.mask();
        let mut i = self.finger & mask;
        loop {
            if let Slot::Full { .. } = self.slots[i] {
                break;
            }
            i = if i >= mask { 0 } else { i + 1 };
        }
        self.finger = i + 1;
        self.remove_slot(i).ok_or_else(msg::pop_from_empty_set)
    }

    /// `s.clear()`: back to an empty 8-slot table. The finger is kept, as in CPython.
    pub fn clear(&mut self) {
        if self.slots.len() != MIN_SIZE || self.fill > 0 {
            if self.slots.len() != MIN_SIZE {
                self.table_id = self.table_id.wrapping_add(1);
            }
            self.slots = vec![Slot::Empty; MIN_SIZE];
        }
        self.fill = 0;
        self.used = 0;
    }

    /// After a `difference_update`: rebuild if more than a quarter of the slots are dummies.
    pub fn purge_dummies_if_needed(&mut self) {
        if self.fill - self.used > self.mask() / 4 {
            self.resize(self.growth_target());
        }
    }

    /// The next active entry at or after slot `pos`: `(slot, key, hash)`. A set iterator keeps
    /// `slot + 1` as its next position (and checks `len()` for "changed size during iteration").
    pub fn next_from(&self, pos: usize) -> Option<(usize, &E, i64)> {
        self.slots
            .iter()
            .enumerate()
            .skip(pos)
            .find_map(|(i, s)| match s {
                Slot::Full { hash, key } => Some((i, key, *hash)),
                _ => None,
            })
    }

    /// Elements in table (= Python iteration) order.
    pub fn iter(&self) -> impl Iterator<Item = &E> + '_ {
        self.entries().map(|(k, _)| k)
    }

    /// `(key, hash)` pairs in table order.
    pub fn entries(&self) -> impl Iterator<Item = (&E, i64)> + '_ {
        self.slots.iter().filter_map(|s| match s {
            Slot::Full { hash, key } => Some((key, *hash)),
            _ => None,
        })
    }

    /// `hash(frozenset)`.
    pub fn frozenset_hash(&self) -> i64 {
        let acc = self
            .entries()
            .fold(0u64, |a, (_, h)| a ^ hash::shuffle_bits(h as u64));
        hash::frozenset_finish(acc, self.used)
    }
}

/// `set_intersection` of two sets: iterates the smaller (`a` on ties) and probes the other; the
/// result is built by adding the common keys in that order.
pub fn intersection<E: SetKey, X>(
    a: &SetTable<E>,
    b: &SetTable<E>,
    mut eq: impl FnMut(&E, &E) -> Result<bool, X>,
) -> Result<SetTable<E>, X> {
    let (big, small) = if b.len() > a.len() { (b, a) } else { (a, b) };
    let mut result = SetTable::new();
    for (key, hash) in small.entries() {
        if big.contains(key, hash, &mut eq)? {
            result.add(key.clone(), hash, &mut eq)?;
        }
    }
    Ok(result)
}

/// One step of `set_intersection` with a non-set iterable: `result` collects items of `a`.
/// Returns false when iteration should stop early (the result is as large as `a`).
pub fn intersection_iter_step<E: SetKey, X>(
    a: &SetTable<E>,
    result: &mut SetTable<E>,
    key: E,
    hash: i64,
    mut eq: impl FnMut(&E, &E) -> Result<bool, X>,
) -> Result<bool, X> {
    if a.contains(&key, hash, &mut eq)? {
        result.add(key, hash, &mut eq)?;
        if result.len() >= a.len() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `set_difference` (`a - b`) with a set `b` (not the same object as `a`).
pub fn difference<E: SetKey, X>(
    a: &SetTable<E>,
    b: &SetTable<E>,
    mut eq: impl FnMut(&E, &E) -> Result<bool, X>,
) -> Result<SetTable<E>, X> {
    if (a.len() >> 2) > b.len() {
        let mut result = a.copy();
        difference_update(&mut result, b, eq)?;
        return Ok(result);
    }
    let mut result = SetTable::new();
    for (key, hash) in a.entries() {
        if !b.contains(key, hash, &mut eq)? {
            result.add(key.clone(), hash, &mut eq)?;
        }
    }
    Ok(result)
}

/// `set_difference_update_internal` with a set `b` (not the same object as `a`; for `s -= s`
/// the caller clears `s`).
pub fn difference_update<E: SetKey, X>(
    a: &mut SetTable<E>,
    b: &SetTable<E>,
    mut eq: impl FnMut(&E, &E) -> Result<bool, X>,
) -> Result<(), X> {
    if (b.len() >> 3) > a.len() {
        let common = intersection(a, b, &mut eq)?;
        for (key, hash) in common.entries() {
            a.discard(key, hash, &mut eq)?;
        }
    } else {
        for (key, hash) in b.entries() {
            a.discard(key, hash, &mut eq)?;
        }
    }
    a.purge_dummies_if_needed();
    Ok(())
}

/// `set_symmetric_difference_update` with a set `b` (not the same object as `a`; for `s ^= s`
/// the caller clears `s`). For a non-set iterable, CPython first builds `set(iterable)`.
pub fn symmetric_difference_update<E: SetKey, X>(
    a: &mut SetTable<E>,
    b: &SetTable<E>,
    mut eq: impl FnMut(&E, &E) -> Result<bool, X>,
) -> Result<(), X> {
    for (key, hash) in b.entries() {
        if a.discard(key, hash, &mut eq)?.is_none() {
            a.add(key.clone(), hash, &mut eq)?;
        }
    }
    Ok(())
}

/// `a ^ b`: a copy of `b`, updated symmetrically with `a`.
pub fn symmetric_difference<E: SetKey, X>(
    a: &SetTable<E>,
    b: &SetTable<E>,
    eq: impl FnMut(&E, &E) -> Result<bool, X>,
) -> Result<SetTable<E>, X> {
    let mut result = b.copy();
    symmetric_difference_update(&mut result, a, eq)?;
    Ok(result)
}

/// `a | b`.
pub fn union<E: SetKey, X>(
    a: &SetTable<E>,
    b: &SetTable<E>,
    eq: impl FnMut(&E, &E) -> Result<bool, X>,
) -> Result<SetTable<E>, X> {
    let mut result = a.copy();
    result.merge(b, eq)?;
    Ok(result)
}

/// `a <= b` / `a.issubset(b)` with a set `b`.
pub fn is_subset<E: SetKey, X>(
    a: &SetTable<E>,
    b: &SetTable<E>,
    mut eq: impl FnMut(&E, &E) -> Result<bool, X>,
) -> Result<bool, X> {
    if a.len() > b.len() {
        return Ok(false);
    }
    for (key, hash) in a.entries() {
        if !b.contains(key, hash, &mut eq)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `a.isdisjoint(b)` with a set `b` (not the same object as `a`).
pub fn is_disjoint<E: SetKey, X>(
    a: &SetTable<E>,
    b: &SetTable<E>,
    mut eq: impl FnMut(&E, &E) -> Result<bool, X>,
) -> Result<bool, X> {
    let (big, small) = if b.len() > a.len() { (b, a) } else { (a, b) };
    for (key, hash) in small.entries() {
        if big.contains(key, hash, &mut eq)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Set equality (`a == b`): same size and `a <= b`.
pub fn equal<E: SetKey, X>(
    a: &SetTable<E>,
    b: &SetTable<E>,
    eq: impl FnMut(&E, &E) -> Result<bool, X>,
) -> Result<bool, X> {
    if a.len() != b.len() {
        return Ok(false);
    }
    is_subset(a, b, eq)
}
