//! The dict table: insertion-ordered entries plus a hash → entry-index map.
//!
//! Lookups that need Python-level `__eq__` are done by the VM in two phases (collect candidates
//! under a short borrow, compare with no borrow held, re-check identity), so a user `__eq__` that
//! mutates the dict can never cause a borrow panic. See `proto::mapping`.

use crate::object::{ObjRef, Payload};
use crate::value::Value;
use smallvec::SmallVec;

/// One live entry.
#[derive(Clone)]
pub struct DictEntry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

/// Tables up to this many entry slots are searched linearly (no hash index), which makes the
/// many small dicts (instance attributes, keyword arguments) cheap to build and query.
const SMALL: usize = 8;

/// An index slot that never held an entry (ends a probe sequence).
const EMPTY: u32 = 0;
/// An index slot whose entry was removed (a probe sequence goes on past it).
const REMOVED: u32 = u32::MAX;

/// What only some tables need, boxed so that a table is two words plus the entries (and a dict
/// object stays small): the count of live entries, the mutation version and, past [`SMALL`]
/// entry slots, the hash index.
///
/// A table without it is small, unversioned (version 0) and counts its live entries when asked.
#[derive(Clone)]
struct Meta {
    /// Live entries.
    len: usize,
    /// See [`DictTable::version`].
    version: u64,
    /// Open addressing over entry positions: `EMPTY`, `REMOVED` or position + 1. Its size is a
    /// power of two at least twice the number of entry slots, so a probe always meets an
    /// `EMPTY` slot; empty while the table is small.
    index: Box<[u32]>,
}

/// The entry slots: a buffer whose first `used` slots are the table's positions (live entries
/// and `None` for removed ones) and the rest spare capacity, plus `seen`, a summary of the hashes
/// of the keys added (see [`DictTable::may_contain`]). A boxed slice and two `u32`s take the
/// three words of a `Vec`, so the summary costs the table no space.
#[derive(Default)]
struct Slots {
    buf: Box<[Option<DictEntry>]>,
    used: u32,
    seen: u32,
}

impl Clone for Slots {
    fn clone(&self) -> Self {
        Slots {
            buf: self.as_slice().to_vec().into_boxed_slice(),
            used: self.used,
            seen: self.seen,
        }
    }
}

/// The bits of [`Slots::seen`] that stand for `hash` (two of 32, from its low ten bits).
#[inline]
fn seen_bits(hash: i64) -> u32 {
    #[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)]
    let h = hash as u32;
    (1u32 << (h & 31)) | (1u32 << ((h >> 5) & 31))
}

impl Slots {
    #[inline]
    fn len(&self) -> usize {
        self.used as usize
    }

    #[inline]
    fn as_slice(&self) -> &[Option<DictEntry>] {
        self.buf.get(..self.len()).unwrap_or(&[])
    }

    #[inline]
    fn iter(&self) -> std::slice::Iter<'_, Option<DictEntry>> {
        self.as_slice().iter()
    }

    #[inline]
    fn get(&self, pos: usize) -> Option<&Option<DictEntry>> {
        self.as_slice().get(pos)
    }

    #[inline]
    fn get_mut(&mut self, pos: usize) -> Option<&mut Option<DictEntry>> {
        let n = self.len();
        self.buf.get_mut(..n).and_then(|s| s.get_mut(pos))
    }

    /// Appends an entry at position `len()`.
    #[inline]
    fn push(&mut self, e: DictEntry) {
        let n = self.len();
        if n >= self.buf.len() {
            self.grow(n + 1);
        }
        self.seen |= seen_bits(e.hash);
        // (`used` reaches `u32::MAX` only past 160 GiB of entries: the allocator fails first.)
        if let (Some(slot), Some(used)) = (self.buf.get_mut(n), self.used.checked_add(1)) {
            *slot = Some(e);
            self.used = used;
        }
    }

    /// Makes room for at least `want` slots (doubling, at least 4).
    #[cold]
    fn grow(&mut self, want: usize) {
        let cap = want.max(self.buf.len().saturating_mul(2)).max(4);
        if self.buf.is_empty() {
            // A new table's first key (every instance's first attribute, every `**kwargs`):
            // one allocation, without the reallocation path's moves.
            self.buf = std::iter::repeat_with(|| None).take(cap).collect();
            return;
        }
        self.resize_buf(cap);
    }

    /// Reallocates the buffer to exactly `cap` slots (`cap >= len()`).
    fn resize_buf(&mut self, cap: usize) {
        let mut v = std::mem::take(&mut self.buf).into_vec();
        v.truncate(cap.max(self.len()));
        v.reserve_exact(cap.saturating_sub(v.len()));
        v.resize_with(cap.max(self.len()), || None);
        self.buf = v.into_boxed_slice();
    }

    /// Drops the removed positions (keeping the order), recomputes `seen` from the live keys
    /// and leaves at most twice the live count as capacity.
    fn compact(&mut self) {
        let mut v = std::mem::take(&mut self.buf).into_vec();
        v.truncate(self.len());
        v.retain(Option::is_some);
        self.seen = v.iter().flatten().fold(0, |s, e| s | seen_bits(e.hash));
        // (`v` is no longer than before, so its length fits in `u32`.)
        #[allow(clippy::cast_possible_truncation)]
        let used = v.len() as u32;
        self.used = used;
        let cap = v.len().saturating_mul(2);
        v.resize_with(cap.min(v.capacity()).max(v.len()), || None);
        v.shrink_to_fit();
        self.buf = v.into_boxed_slice();
    }
}

/// Insertion-ordered hash table keyed by Python values with precomputed hashes.
#[derive(Clone, Default)]
pub struct DictTable {
    entries: Slots,
    /// `None` for a small table never versioned (see [`Meta`]).
    meta: Option<Box<Meta>>,
}

// A dict payload is `RefCell<DictTable>`: it must stay within the object payload budget.
const _: () = assert!(std::mem::size_of::<DictTable>() <= 32);

/// The index slot where the probe sequence of `hash` starts: bits 32 and up of the hash times
/// a large odd constant (Fibonacci hashing), so hashes that differ only in their high bits or
/// are multiples of a power of two still spread over the table.
#[inline]
fn home_slot(hash: i64, mask: usize) -> usize {
    #[allow(clippy::cast_sign_loss)]
    let h = (hash as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    #[allow(clippy::cast_possible_truncation)]
    let slot = (h >> 32) as usize;
    slot & mask
}

/// The positions a probe for `hash` visits, in order, until the first `EMPTY` slot.
struct ProbeSeq<'a> {
    index: &'a [u32],
    slot: usize,
    mask: usize,
    /// Slots left to visit (bounds the walk even if the table were full).
    left: usize,
}

impl Iterator for ProbeSeq<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.left > 0 {
            self.left -= 1;
            let s = *self.index.get(self.slot)?;
            self.slot = (self.slot + 1) & self.mask;
            match s {
                EMPTY => return None,
                REMOVED => {}
                p => return Some(p as usize - 1),
            }
        }
        None
    }
}

fn probe_seq(index: &[u32], hash: i64) -> ProbeSeq<'_> {
    let mask = index.len().saturating_sub(1);
    ProbeSeq {
        index,
        slot: home_slot(hash, mask),
        mask,
        left: index.len(),
    }
}

/// Records entry `pos` (hash `hash`) in the first free slot of its probe sequence.
fn index_insert(index: &mut [u32], hash: i64, pos: usize) {
    let mask = index.len().saturating_sub(1);
    let mut slot = home_slot(hash, mask);
    for _ in 0..index.len() {
        match index.get_mut(slot) {
            Some(s) if *s == EMPTY || *s == REMOVED => {
                // Positions stay below `u32::MAX - 1`: the table would need more than 160 GiB
                // of entries first (the allocator fails long before).
                #[allow(clippy::cast_possible_truncation)]
                let v = (pos as u32).wrapping_add(1);
                *s = v;
                return;
            }
            Some(_) => slot = (slot + 1) & mask,
            None => return,
        }
    }
}

/// Marks the slot that holds entry `pos` as removed.
fn index_remove(index: &mut [u32], hash: i64, pos: usize) {
    let mask = index.len().saturating_sub(1);
    let mut slot = home_slot(hash, mask);
    #[allow(clippy::cast_possible_truncation)]
    let want = (pos as u32).wrapping_add(1);
    for _ in 0..index.len() {
        match index.get_mut(slot) {
            Some(s) if *s == want => {
                *s = REMOVED;
                return;
            }
            Some(s) if *s == EMPTY => return,
            Some(_) => slot = (slot + 1) & mask,
            None => return,
        }
    }
}

thread_local! {
    static DICT_VERSION: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The next version number (never 0).
#[inline]
fn next_version() -> u64 {
    DICT_VERSION.with(|v| {
        let n = v.get().wrapping_add(1).max(1);
        v.set(n);
        n
    })
}

/// Result of a lookup that did not need to run Python code.
pub enum Probe {
    Found(usize),
    Missing,
    /// Some candidates need Python equality: (entry position, key) pairs, in order.
    NeedEq(SmallVec<[(usize, Value); 2]>),
}

/// Equality that needs no Python code, or `None` if it would.
pub fn native_eq(a: &Value, b: &Value) -> Option<bool> {
    native_eq_at(a, b, 0)
}

/// How deep [`native_eq`] follows nested tuples before it leaves the comparison to the general
/// path (which counts its nesting and raises `RecursionError` like CPython): a tuple nested a
/// million deep must not overflow the native stack here.
const NATIVE_EQ_DEPTH: u32 = 64;

fn native_eq_at(a: &Value, b: &Value, depth: u32) -> Option<bool> {
    use Value as V;
    Some(match (a, b) {
        (V::Int(x), V::Int(y)) => x == y,
        (V::Bool(x), V::Bool(y)) => x == y,
        (V::Int(x), V::Bool(y)) | (V::Bool(y), V::Int(x)) => *x == i64::from(*y),
        #[allow(clippy::cast_precision_loss)]
        (V::Int(x), V::Float(y)) | (V::Float(y), V::Int(x)) => {
            let xf = *x as f64;
            xf == y.get() && (xf as i128) == i128::from(*x)
        }
        (V::Float(x), V::Float(y)) => x == y,
        (V::Bool(x), V::Float(y)) | (V::Float(y), V::Bool(x)) => f64::from(u8::from(*x)) == y.get(),
        (V::None, V::None) => true,
        (V::Null, _) | (_, V::Null) => false,
        (V::Obj(x), V::Obj(y)) => {
            if std::rc::Rc::ptr_eq(x, y) {
                return Some(true);
            }
            match (&x.payload, &y.payload) {
                (Payload::Str(p), Payload::Str(q))
                    if is_exact_builtin(x) && is_exact_builtin(y) =>
                {
                    p.s == q.s
                }
                // An `int` subclass keeps any value in `BigInt` and may define `__eq__`.
                (Payload::BigInt(p), Payload::BigInt(q))
                    if is_exact_builtin(x) && is_exact_builtin(y) =>
                {
                    p == q
                }
                (Payload::Bytes(p), Payload::Bytes(q)) => p == q,
                // A subclass may define `__eq__` (CPython then calls it).
                (Payload::Tuple(p), Payload::Tuple(q))
                    if is_exact_builtin(x) && is_exact_builtin(y) =>
                {
                    if p.len() != q.len() {
                        return Some(false);
                    }
                    if depth >= NATIVE_EQ_DEPTH {
                        return None;
                    }
                    for (i, j) in p.iter().zip(q.iter()) {
                        if !native_eq_at(i, j, depth + 1)? {
                            return Some(false);
                        }
                    }
                    true
                }
                (Payload::Instance(_) | Payload::Slots(_), _)
                | (_, Payload::Instance(_) | Payload::Slots(_)) => return None,
                (Payload::Str(_), Payload::BigInt(_) | Payload::Bytes(_) | Payload::Tuple(_))
                | (Payload::BigInt(_) | Payload::Bytes(_) | Payload::Tuple(_), Payload::Str(_))
                    if is_exact_builtin(x) && is_exact_builtin(y) =>
                {
                    false
                }
                _ => return None,
            }
        }
        (V::Obj(o), other) | (other, V::Obj(o)) => match &o.payload {
            Payload::Str(_) | Payload::Bytes(_) | Payload::Tuple(_) if is_exact_builtin(o) => false,
            // An exact big int is outside `i64` (so no machine int or bool equals it); a float
            // may (`2 ** 70 == 2.0 ** 70`).
            Payload::BigInt(_) if is_exact_builtin(o) && !matches!(other, V::Float(_)) => false,
            _ => return None,
        },
        _ => false,
    })
}

/// Equality of a stored key (whose hash matched) with the key looked up, decided inline when
/// it is the same object, both are exact `str`s or both plain `int`s, or (through
/// [`native_eq`]) both are tuples of such values; otherwise sets `general` (and says `false`).
/// None of these runs Python code, so deciding them before a later candidate that would is
/// what CPython's probe order does too.
#[inline(always)]
fn quick_key_eq(stored: &Value, key: &Value, general: &mut bool) -> bool {
    match (stored, key) {
        (Value::Int(x), Value::Int(y)) => return x == y,
        (Value::Obj(x), Value::Obj(y)) => {
            if std::rc::Rc::ptr_eq(x, y) {
                return true;
            }
            match (&x.payload, &y.payload) {
                (Payload::Str(p), Payload::Str(q))
                    if is_exact_builtin(x) && is_exact_builtin(y) =>
                {
                    return crate::kernels::unicode::bytes_eq(p.s.as_bytes(), q.s.as_bytes());
                }
                (Payload::Tuple(_), Payload::Tuple(_))
                    if is_exact_builtin(x) && is_exact_builtin(y) =>
                {
                    if let Some(eq) = native_eq(stored, key) {
                        return eq;
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
    *general = true;
    false
}

/// Is entry `e` the exact `str` key `k` (text `text`, hash `hash`)? `None`: the entry's key has
/// that hash but is not an exact `str` (see [`DictTable::probe_exact_str`]).
#[inline(always)]
fn exact_str_key_eq(e: &DictEntry, hash: i64, k: &ObjRef, text: &[u8]) -> Option<bool> {
    if e.hash != hash {
        return Some(false);
    }
    let Value::Obj(x) = &e.key else {
        return None;
    };
    if std::rc::Rc::ptr_eq(x, k) {
        return Some(true);
    }
    match &x.payload {
        Payload::Str(p) if is_exact_builtin(x) => {
            Some(crate::kernels::unicode::bytes_eq(p.s.as_bytes(), text))
        }
        _ => None,
    }
}

/// Is `k` the `str` `key`? (Same text; the pointer check skips the byte compare when the key
/// object is the very name object the lookup came from.)
#[inline]
fn key_is(k: &Value, key: &str) -> bool {
    match k.as_str() {
        Some(s) => (s.as_ptr() == key.as_ptr() && s.len() == key.len()) || s == key,
        None => false,
    }
}

fn is_exact_builtin(o: &crate::object::ObjRef) -> bool {
    match &o.class {
        Some(c) => c.as_type().is_some_and(|t| !t.heap),
        None => true,
    }
}

impl DictTable {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of live entries.
    #[inline]
    pub fn len(&self) -> usize {
        match &self.meta {
            Some(m) => m.len,
            None => self.entries.iter().filter(|e| e.is_some()).count(),
        }
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Upper bound of entry positions (for iteration by position).
    #[inline]
    pub fn capacity_positions(&self) -> usize {
        self.entries.len()
    }

    /// The live entry at a position.
    #[inline]
    pub fn entry_at(&self, pos: usize) -> Option<&DictEntry> {
        self.entries.get(pos).and_then(Option::as_ref)
    }

    /// The hash index, when the table has one.
    #[inline]
    fn index(&self) -> Option<&[u32]> {
        match &self.meta {
            Some(m) if !m.index.is_empty() => Some(&m.index),
            _ => None,
        }
    }

    /// The boxed bookkeeping, made on first need (counting the live entries once).
    fn meta_mut(&mut self) -> &mut Meta {
        let entries = &self.entries;
        self.meta.get_or_insert_with(|| {
            Box::new(Meta {
                len: entries.iter().filter(|e| e.is_some()).count(),
                version: 0,
                index: Box::default(),
            })
        })
    }

    /// Records a mutation (a versioned or large table gets a fresh version).
    #[inline]
    fn touch(&mut self) {
        if let Some(m) = &mut self.meta {
            m.version = next_version();
        }
    }

    /// Rebuilds the hash index for the current entry slots (a table past [`SMALL`] slots).
    fn rebuild_index(&mut self) {
        let want = self
            .entries
            .len()
            .saturating_mul(2)
            .max(SMALL * 2)
            .checked_next_power_of_two()
            .unwrap_or(usize::MAX);
        let mut index = vec![EMPTY; want].into_boxed_slice();
        for (pos, e) in self.entries.iter().enumerate() {
            if let Some(e) = e {
                index_insert(&mut index, e.hash, pos);
            }
        }
        self.meta_mut().index = index;
    }

    /// Looks a key up without running Python code.
    ///
    /// The common cases are decided inline: the stored key is the very object looked up, or
    /// both are exact `str`s. The first candidate that needs more than that (an int, a tuple,
    /// an instance) sends the whole lookup to [`DictTable::probe_general`], which starts over.
    #[inline]
    pub fn probe(&self, hash: i64, key: &Value) -> Probe {
        if let Value::Obj(k) = key {
            if let (Payload::Str(s), true) = (&k.payload, is_exact_builtin(k)) {
                if let Some(p) = self.probe_exact_str(hash, k, s.s.as_bytes()) {
                    return p;
                }
                return self.probe_general(hash, key);
            }
        }
        let mut general = false;
        let found = match self.index() {
            Some(ix) => probe_seq(ix, hash).find(|&pos| {
                self.entry_at(pos)
                    .is_some_and(|e| e.hash == hash && quick_key_eq(&e.key, key, &mut general))
                    || general
            }),
            None => self.entries.iter().position(|e| {
                e.as_ref()
                    .is_some_and(|e| e.hash == hash && quick_key_eq(&e.key, key, &mut general))
                    || general
            }),
        };
        match found {
            _ if general => self.probe_general(hash, key),
            Some(pos) => Probe::Found(pos),
            None => Probe::Missing,
        }
    }

    /// [`DictTable::probe`] for an exact `str` key (`k`, text `text`): the key's type is checked
    /// once, and each candidate with the same hash is the very object or an exact `str` compared
    /// by text. `None`: a candidate of another kind has the same hash (an `int`, a `str`
    /// subclass that may define `__eq__`): the caller starts over with the general probe.
    #[inline(always)]
    fn probe_exact_str(&self, hash: i64, k: &ObjRef, text: &[u8]) -> Option<Probe> {
        match self.index() {
            Some(ix) => {
                for pos in probe_seq(ix, hash) {
                    if let Some(e) = self.entry_at(pos) {
                        if exact_str_key_eq(e, hash, k, text)? {
                            return Some(Probe::Found(pos));
                        }
                    }
                }
            }
            None => {
                for (pos, e) in self.entries.iter().enumerate() {
                    if let Some(e) = e {
                        if exact_str_key_eq(e, hash, k, text)? {
                            return Some(Probe::Found(pos));
                        }
                    }
                }
            }
        }
        Some(Probe::Missing)
    }

    /// [`DictTable::probe`] for keys whose equality is not decided by identity or text.
    #[inline(never)]
    fn probe_general(&self, hash: i64, key: &Value) -> Probe {
        let mut slow: SmallVec<[(usize, Value); 2]> = SmallVec::new();
        let mut check = |pos: usize, e: &DictEntry| -> bool {
            if e.hash != hash {
                return false;
            }
            match native_eq(&e.key, key) {
                Some(true) => true,
                Some(false) => false,
                None => {
                    slow.push((pos, e.key.clone()));
                    false
                }
            }
        };
        match self.index() {
            Some(ix) => {
                for pos in probe_seq(ix, hash) {
                    if let Some(e) = self.entry_at(pos) {
                        if check(pos, e) {
                            return Probe::Found(pos);
                        }
                    }
                }
            }
            None => {
                for (pos, e) in self.entries.iter().enumerate() {
                    if let Some(e) = e {
                        if check(pos, e) {
                            return Probe::Found(pos);
                        }
                    }
                }
            }
        }
        if slow.is_empty() {
            Probe::Missing
        } else {
            // Candidates in entry order, as the linear search finds them.
            slow.sort_unstable_by_key(|(p, _)| *p);
            Probe::NeedEq(slow)
        }
    }

    /// Is `key` (by identity) still at `pos`?
    pub fn still_at(&self, pos: usize, key: &Value) -> bool {
        self.entry_at(pos).is_some_and(|e| e.key.is(key))
    }

    /// Replaces the value at a known position.
    pub fn set_at(&mut self, pos: usize, value: Value) -> Option<Value> {
        self.touch();
        match self.entries.get_mut(pos) {
            Some(Some(e)) => Some(std::mem::replace(&mut e.value, value)),
            _ => None,
        }
    }

    /// Replaces the value at `pos` if that entry's key is the very object `key` (an attribute
    /// store at a remembered position): `Ok` with the old value, else `Err` with `value` back.
    #[inline]
    pub fn replace_if_key_is(
        &mut self,
        pos: usize,
        key: &Value,
        value: Value,
    ) -> Result<Value, Value> {
        let Value::Obj(k) = key else {
            return Err(value);
        };
        let Some(Some(e)) = self.entries.get_mut(pos) else {
            return Err(value);
        };
        if !matches!(&e.key, Value::Obj(ek) if std::rc::Rc::ptr_eq(ek, k)) {
            return Err(value);
        }
        let old = std::mem::replace(&mut e.value, value);
        self.touch();
        Ok(old)
    }

    /// Appends a new entry (the caller checked the key is absent).
    pub fn push_new(&mut self, hash: i64, key: Value, value: Value) {
        let pos = self.entries.len();
        self.entries.push(DictEntry { hash, key, value });
        if self.meta.is_none() && self.entries.len() <= SMALL {
            return;
        }
        let created = self.meta.is_none();
        let m = self.meta_mut();
        m.version = next_version();
        if !created {
            // (A new `Meta` counted the new entry already.)
            m.len += 1;
        }
        let n = self.entries.len();
        if n <= SMALL {
            return;
        }
        let fits = self
            .index()
            .is_some_and(|ix| n.saturating_mul(2) <= ix.len());
        if fits {
            if let Some(m) = &mut self.meta {
                index_insert(&mut m.index, hash, pos);
            }
        } else {
            self.rebuild_index();
        }
    }

    /// Removes the entry at a position, returning it.
    pub fn remove_at(&mut self, pos: usize) -> Option<DictEntry> {
        let e = self.entries.get_mut(pos)?.take()?;
        if let Some(m) = &mut self.meta {
            m.version = next_version();
            m.len = m.len.saturating_sub(1);
            if !m.index.is_empty() {
                index_remove(&mut m.index, e.hash, pos);
            }
        }
        let len = self.len();
        if self.entries.len() > 16 && len * 2 < self.entries.len() {
            self.compact();
        }
        Some(e)
    }

    /// Drops the removed entry slots (keeping the order) and rebuilds the index.
    fn compact(&mut self) {
        self.entries.compact();
        if self.entries.len() <= SMALL {
            if let Some(m) = &mut self.meta {
                m.index = Box::default();
            }
        } else {
            self.rebuild_index();
        }
        self.touch();
    }

    /// The mutation version: changes on every mutation of a table that has one; 0 for a table
    /// never given one (see [`DictTable::ensure_version`]) or cleared since. Values come from
    /// one thread-wide counter, so two tables only share a non-zero version when one is an
    /// unmodified copy of the other.
    #[inline]
    pub fn version(&self) -> u64 {
        match &self.meta {
            Some(m) => m.version,
            None => 0,
        }
    }

    /// The mutation version, giving an unversioned table one first (for inline caches).
    pub fn ensure_version(&mut self) -> u64 {
        let m = self.meta_mut();
        if m.version == 0 {
            m.version = next_version();
        }
        m.version
    }

    /// `false` when no key with this hash was added since the table was made, cleared or
    /// compacted, so a lookup for it would miss; `true` when one may be present. A few
    /// instructions, for checks that usually miss, such as whether an instance dict shadows a
    /// method of the class.
    #[inline]
    pub fn may_contain(&self, hash: i64) -> bool {
        let b = seen_bits(hash);
        self.entries.seen & b == b
    }

    /// Removes everything.
    pub fn clear(&mut self) {
        *self = DictTable::default();
    }

    /// Live entries in order.
    pub fn iter(&self) -> impl Iterator<Item = &DictEntry> {
        self.entries.iter().flatten()
    }

    /// Keys in order.
    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key.clone()).collect()
    }

    /// Values in order.
    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|e| e.value.clone()).collect()
    }

    /// (key, value) pairs in order.
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    /// Removes and returns the last entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<DictEntry> {
        let pos = self.entries.iter().rposition(Option::is_some)?;
        self.remove_at(pos)
    }

    /// Fast path for `str` keys: find by text without Python code (exact `str` keys only).
    pub fn get_str(&self, hash: i64, key: &str) -> Option<&Value> {
        match self.index() {
            Some(ix) => {
                for pos in probe_seq(ix, hash) {
                    if let Some(e) = self.entry_at(pos) {
                        if e.hash == hash && key_is(&e.key, key) {
                            return Some(&e.value);
                        }
                    }
                }
                None
            }
            None => self
                .entries
                .iter()
                .flatten()
                .find(|e| e.hash == hash && key_is(&e.key, key))
                .map(|e| &e.value),
        }
    }

    /// Position of a `str` key by text.
    pub fn find_str(&self, hash: i64, key: &str) -> Option<usize> {
        match self.index() {
            Some(ix) => probe_seq(ix, hash).find(|&p| {
                self.entry_at(p)
                    .is_some_and(|e| e.hash == hash && key_is(&e.key, key))
            }),
            None => self.entries.iter().position(|e| {
                e.as_ref()
                    .is_some_and(|e| e.hash == hash && key_is(&e.key, key))
            }),
        }
    }

    /// Position of a `str` key, trying `hint` (where an inline cache last saw it) first.
    #[inline]
    pub fn find_str_hinted(&self, hint: usize, hash: i64, key: &str) -> Option<usize> {
        if let Some(e) = self.entry_at(hint) {
            if e.hash == hash && key_is(&e.key, key) {
                return Some(hint);
            }
        }
        self.find_str(hash, key)
    }

    /// The value stored at a position.
    #[inline]
    pub fn value_at(&self, pos: usize) -> Option<&Value> {
        self.entry_at(pos).map(|e| &e.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(t: &DictTable, k: i64) -> Option<i64> {
        match t.probe(k, &Value::Int(k)) {
            Probe::Found(p) => match t.value_at(p) {
                Some(Value::Int(v)) => Some(*v),
                _ => None,
            },
            _ => None,
        }
    }

    /// Keys that share their low bits (multiples of a power of two) and negative keys spread
    /// over the index; removals and re-insertions keep every key reachable.
    #[test]
    fn big_table_insert_remove_reinsert() {
        let mut t = DictTable::new();
        let keys: Vec<i64> = (0..2000).map(|i| (i - 1000) * 1024).collect();
        for &k in &keys {
            t.push_new(k, Value::Int(k), Value::Int(k + 1));
        }
        assert_eq!(t.len(), keys.len());
        for &k in &keys {
            assert_eq!(find(&t, k), Some(k + 1));
        }
        assert_eq!(find(&t, 7), None);
        // Remove every other key, then check the rest (compaction happens on the way).
        for &k in keys.iter().step_by(2) {
            let Probe::Found(p) = t.probe(k, &Value::Int(k)) else {
                panic!("missing {k}");
            };
            assert!(t.remove_at(p).is_some());
        }
        assert_eq!(t.len(), keys.len() / 2);
        for (i, &k) in keys.iter().enumerate() {
            let want = if i % 2 == 0 { None } else { Some(k + 1) };
            assert_eq!(find(&t, k), want);
        }
        for &k in keys.iter().step_by(2) {
            t.push_new(k, Value::Int(k), Value::Int(-k));
        }
        assert_eq!(t.len(), keys.len());
        for (i, &k) in keys.iter().enumerate() {
            let want = if i % 2 == 0 { -k } else { k + 1 };
            assert_eq!(find(&t, k), Some(want));
        }
        // Insertion order: the odd keys first (they survived), then the re-inserted even ones.
        let order: Vec<i64> = t
            .iter()
            .filter_map(|e| match e.key {
                Value::Int(k) => Some(k),
                _ => None,
            })
            .collect();
        let mut want: Vec<i64> = keys.iter().skip(1).step_by(2).copied().collect();
        want.extend(keys.iter().step_by(2));
        assert_eq!(order, want);
    }

    /// Repeated insert/remove of one key never fills the index with removed marks.
    #[test]
    fn churn_keeps_lookups_bounded() {
        let mut t = DictTable::new();
        for k in 0..20 {
            t.push_new(k, Value::Int(k), Value::None);
        }
        for round in 0..10_000 {
            let k = 100 + round;
            t.push_new(k, Value::Int(k), Value::None);
            let Probe::Found(p) = t.probe(k, &Value::Int(k)) else {
                panic!("missing {k}");
            };
            assert!(t.remove_at(p).is_some());
        }
        assert_eq!(t.len(), 20);
        assert!(t.capacity_positions() < 1000);
        for k in 0..20 {
            assert!(matches!(t.probe(k, &Value::Int(k)), Probe::Found(_)));
        }
    }

    /// The key summary never denies a key that is present (added, kept through growth,
    /// removals of others and compaction, copied by `clone`), and forgets everything on `clear`.
    #[test]
    fn key_summary() {
        let mut t = DictTable::new();
        assert!(!t.may_contain(12345));
        let keys: Vec<i64> = (0..100).map(|i| i * 7919 + 13).collect();
        for &k in &keys {
            t.push_new(k, Value::Int(k), Value::None);
        }
        assert!(keys.iter().all(|&k| t.may_contain(k)));
        for &k in keys.iter().step_by(2) {
            let Probe::Found(p) = t.probe(k, &Value::Int(k)) else {
                panic!("missing {k}");
            };
            assert!(t.remove_at(p).is_some());
        }
        assert!(keys.iter().skip(1).step_by(2).all(|&k| t.may_contain(k)));
        let c = t.clone();
        assert!(keys.iter().skip(1).step_by(2).all(|&k| c.may_contain(k)));
        assert_eq!(c.len(), t.len());
        t.clear();
        assert!(!t.may_contain(keys[1]));
        t.push_new(0b10_00011, Value::Int(1), Value::None);
        assert!(t.may_contain(0b10_00011));
        assert!(!t.may_contain(0b01_00100));
    }

    /// Small tables have version 0 until asked for one; then every mutation changes it, and
    /// `clear` goes back to 0.
    #[test]
    fn versions() {
        let mut t = DictTable::new();
        assert_eq!(t.version(), 0);
        t.push_new(1, Value::Int(1), Value::None);
        let v1 = t.ensure_version();
        assert_ne!(v1, 0);
        assert_eq!(t.version(), v1);
        assert_eq!(t.ensure_version(), v1);
        t.push_new(2, Value::Int(2), Value::None);
        let v2 = t.version();
        assert_ne!(v2, v1);
        t.set_at(0, Value::Int(5));
        assert_ne!(t.version(), v2);
        assert_eq!(t.len(), 2);
        let v3 = t.version();
        assert!(t.pop_last().is_some());
        assert_ne!(t.version(), v3);
        assert_eq!(t.len(), 1);
        t.clear();
        assert_eq!(t.version(), 0);
        assert!(t.is_empty());
        // A table that grows past the small size is versioned by its mutations.
        for k in 0..(SMALL as i64 + 1) {
            t.push_new(k, Value::Int(k), Value::None);
        }
        assert_ne!(t.version(), 0);
        assert_eq!(t.len(), SMALL + 1);
    }
}
