//! The dict table: insertion-ordered entries plus a hash → entry-index map.
//!
//! Lookups that need Python-level `__eq__` are done by the VM in two phases (collect candidates
//! under a short borrow, compare with no borrow held, re-check identity), so a user `__eq__` that
//! mutates the dict can never cause a borrow panic. See `proto::mapping`.
//!
//! An entry slot is four words (32 bytes, against 40 for a hash and two [`Value`]s): the hash,
//! one word holding both values' variant tags, and the two values' payload words. Callers see
//! an entry through [`EntryRef`] (the hash and two borrowed [`ValueRef`]s) and get an owned
//! [`DictEntry`] back when one is removed.

use crate::object::{ObjRef, Payload, PyObject};
use crate::value::{Value, B64, F64};
use smallvec::SmallVec;
use std::mem::ManuallyDrop;

/// One entry, owned (what a removal hands back).
#[derive(Clone)]
pub struct DictEntry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

pub use crate::value::ValueRef;

/// A live entry, borrowed from its table.
pub struct EntryRef<'a> {
    pub hash: i64,
    pub key: ValueRef<'a>,
    pub value: ValueRef<'a>,
}

/// An entry slot: `[hash, tags, key payload, value payload]`. The tags word holds the key's
/// variant tag (bits 0-7), the value's (bits 8-15), [`LIVE`] when the slot holds an entry (a
/// removed entry leaves its position without it) and, in the table's first slot only, the
/// table's key summary (bits 32-63, see [`DictTable::may_contain`]). A live slot owns its two
/// values: for an object, the payload is a pointer from `ObjRef::into_raw` and the slot holds that
/// strong reference.
type Slot = [u64; 4];

const HASH: usize = 0;
const TAGS: usize = 1;
const KEY: usize = 2;
const VAL: usize = 3;
/// Set in the tags word of every live slot.
const LIVE: u64 = 1 << 16;
/// The bits of the tags word that hold the table's key summary (first slot only).
const SEEN_SHIFT: u32 = 32;
const SEEN_MASK: u64 = !0 << SEEN_SHIFT;
/// The tag of `Value::Obj` in [`encode`]'s numbering.
const OBJ: u64 = 5;

/// Does slot `s` hold an entry?
#[inline(always)]
fn live(s: &Slot) -> bool {
    s[TAGS] & LIVE != 0
}

/// The variant tag and payload word of a value, which the returned words now own.
#[inline(always)]
fn encode(v: Value) -> (u64, u64) {
    match v {
        Value::Null => (0, 0),
        Value::None => (1, 0),
        Value::Bool(b) => (2, u64::from(b.get())),
        #[allow(clippy::cast_sign_loss)]
        Value::Int(i) => (3, i as u64),
        Value::Float(f) => (4, f.get().to_bits()),
        Value::Obj(o) => (OBJ, ObjRef::into_raw(o) as usize as u64),
    }
}

/// The value `encode` turned into `(tag, bits)`.
///
/// # Safety
/// `(tag, bits)` came from [`encode`], and the reference an object payload stands for is
/// still owned by whoever holds the words (a caller that keeps the result without
/// `ManuallyDrop` takes that reference over and must not decode the words again).
#[inline(always)]
unsafe fn decode(tag: u64, bits: u64) -> Value {
    match tag {
        0 => Value::Null,
        1 => Value::None,
        2 => Value::Bool(B64::new(bits != 0)),
        #[allow(clippy::cast_possible_wrap)]
        3 => Value::Int(bits as i64),
        4 => Value::Float(F64::new(f64::from_bits(bits))),
        #[allow(clippy::cast_possible_truncation)]
        // SAFETY: by this function's contract, `bits` is a pointer `ObjRef::into_raw` returned whose
        // strong reference is still counted.
        _ => Value::Obj(unsafe { ObjRef::from_raw(bits as usize as *const PyObject) }),
    }
}

#[inline(always)]
fn key_tag(s: &Slot) -> u64 {
    s[TAGS] & 0xff
}

#[inline(always)]
fn val_tag(s: &Slot) -> u64 {
    (s[TAGS] >> 8) & 0xff
}

/// A live slot's key, borrowed.
#[inline(always)]
fn key_ref(s: &Slot) -> ValueRef<'_> {
    // SAFETY: the words of a live slot came from `encode` and the slot owns the reference;
    // the copy is never dropped and lives no longer than the borrow of the slot.
    unsafe { ValueRef::new(ManuallyDrop::new(decode(key_tag(s), s[KEY]))) }
}

/// A live slot's value, borrowed.
#[inline(always)]
fn val_ref(s: &Slot) -> ValueRef<'_> {
    // SAFETY: as in `key_ref`.
    unsafe { ValueRef::new(ManuallyDrop::new(decode(val_tag(s), s[VAL]))) }
}

#[inline(always)]
#[allow(clippy::cast_possible_wrap)]
fn slot_hash(s: &Slot) -> i64 {
    s[HASH] as i64
}

/// A live slot, borrowed as an entry.
#[inline(always)]
fn entry_ref(s: &Slot) -> Option<EntryRef<'_>> {
    if !live(s) {
        return None;
    }
    Some(EntryRef {
        hash: slot_hash(s),
        key: key_ref(s),
        value: val_ref(s),
    })
}

/// A live slot for `hash`, `key`, `value` (which it then owns).
#[inline(always)]
fn make_slot(hash: i64, key: Value, value: Value) -> Slot {
    let (kt, kb) = encode(key);
    let (vt, vb) = encode(value);
    #[allow(clippy::cast_sign_loss)]
    let h = hash as u64;
    [h, LIVE | kt | (vt << 8), kb, vb]
}

/// Empties a live slot, handing back the entry it owned (`None` for an empty slot).
#[inline]
fn take_slot(s: &mut Slot) -> Option<DictEntry> {
    if !live(s) {
        return None;
    }
    let (kt, vt) = (key_tag(s), val_tag(s));
    s[TAGS] &= SEEN_MASK;
    // SAFETY: the slot was live (its words came from `encode` and it owned the references)
    // and is now marked empty, so the references move to the returned entry exactly once.
    let (key, value) = unsafe { (decode(kt, s[KEY]), decode(vt, s[VAL])) };
    Some(DictEntry {
        hash: slot_hash(s),
        key,
        value,
    })
}

/// Tables up to this many entry slots are searched linearly (no hash index), which makes the
/// many small dicts (instance attributes, keyword arguments) cheap to build and query.
const SMALL: usize = 8;

/// An index slot that never held an entry (ends a probe sequence).
const EMPTY: u32 = 0;
/// An index slot whose entry was removed (a probe sequence goes on past it).
const REMOVED: u32 = u32::MAX;

/// What only some tables need, boxed so that a table is its slot vector plus one pointer (and a
/// dict object stays small): the count of live entries, the mutation version and, past
/// [`SMALL`] entry slots, the hash index.
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

/// The entry slots, one per position (live entries and removed ones), in a `Vec` whose spare
/// capacity is never written: growth reallocates, and the pages of a big table that no entry
/// has reached yet stay untouched (the allocator hands out fresh pages for large blocks, which
/// cost no memory until written). The key summary lives in the first slot's tags word, so the
/// table is the three words of the `Vec` plus the `Meta` pointer.
#[derive(Default)]
struct Slots(Vec<Slot>);

impl Drop for Slots {
    fn drop(&mut self) {
        for s in &self.0 {
            if !live(s) {
                continue;
            }
            if key_tag(s) == OBJ {
                // SAFETY: a live slot owns its object key's reference, and the slot is being
                // destroyed: the reference is released exactly once.
                drop(unsafe { decode(OBJ, s[KEY]) });
            }
            if val_tag(s) == OBJ {
                // SAFETY: as for the key.
                drop(unsafe { decode(OBJ, s[VAL]) });
            }
        }
    }
}

impl Clone for Slots {
    fn clone(&self) -> Self {
        let v: Vec<Slot> = self
            .0
            .iter()
            .map(|s| {
                if let Some(e) = entry_ref(s) {
                    // The copy's words own new references: count them.
                    std::mem::forget((*e.key).clone());
                    std::mem::forget((*e.value).clone());
                }
                *s
            })
            .collect();
        Slots(v)
    }
}

/// The bits of the key summary that stand for `hash` (two of 32, from its low ten bits).
#[inline]
fn seen_bits(hash: i64) -> u32 {
    #[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)]
    let h = hash as u32;
    (1u32 << (h & 31)) | (1u32 << ((h >> 5) & 31))
}

impl Slots {
    #[inline]
    fn len(&self) -> usize {
        self.0.len()
    }

    #[inline]
    fn iter(&self) -> std::slice::Iter<'_, Slot> {
        self.0.iter()
    }

    #[inline]
    fn get(&self, pos: usize) -> Option<&Slot> {
        self.0.get(pos)
    }

    #[inline]
    fn get_mut(&mut self, pos: usize) -> Option<&mut Slot> {
        self.0.get_mut(pos)
    }

    /// The key summary (see [`DictTable::may_contain`]).
    #[inline]
    fn seen(&self) -> u32 {
        #[allow(clippy::cast_possible_truncation)]
        self.0.first().map_or(0, |s| (s[TAGS] >> SEEN_SHIFT) as u32)
    }

    /// Live slots.
    #[inline]
    fn live_count(&self) -> usize {
        self.iter().filter(|s| live(s)).count()
    }

    /// Appends an entry at position `len()`.
    #[inline]
    fn push(&mut self, hash: i64, key: Value, value: Value) {
        let mut slot = make_slot(hash, key, value);
        let seen = u64::from(seen_bits(hash)) << SEEN_SHIFT;
        match self.0.first_mut() {
            Some(first) => first[TAGS] |= seen,
            None => slot[TAGS] |= seen,
        }
        self.0.push(slot);
    }

    /// Drops the removed positions (keeping the order), recomputes the key summary from the
    /// live keys and leaves at most twice the live count as capacity.
    fn compact(&mut self) {
        let live_n = self.live_count();
        let mut v = Vec::with_capacity(live_n.saturating_mul(2).min(self.0.capacity()));
        let mut seen = 0;
        for s in self.iter().filter(|s| live(s)) {
            seen |= seen_bits(slot_hash(s));
            v.push([s[HASH], s[TAGS] & !SEEN_MASK, s[KEY], s[VAL]]);
        }
        if let Some(first) = v.first_mut() {
            first[TAGS] |= u64::from(seen) << SEEN_SHIFT;
        }
        // (The live slots' references moved to `v`; the old slots are plain words.)
        self.0 = v;
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
            if ObjRef::ptr_eq(x, y) {
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
            if ObjRef::ptr_eq(x, y) {
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
fn exact_str_key_eq(s: &Slot, hash: i64, k: &ObjRef, text: &[u8]) -> Option<bool> {
    if slot_hash(s) != hash || !live(s) {
        return Some(false);
    }
    let key = key_ref(s);
    let Value::Obj(x) = &*key else {
        return None;
    };
    if ObjRef::ptr_eq(x, k) {
        return Some(true);
    }
    match &x.payload {
        Payload::Str(p) if is_exact_builtin(x) => {
            Some(crate::kernels::unicode::bytes_eq(p.s.as_bytes(), text))
        }
        _ => None,
    }
}

/// Is the key of the live slot `s` the very object `k`? (An object key's payload word is its
/// pointer.)
#[inline(always)]
fn key_is_obj(s: &Slot, k: &ObjRef) -> bool {
    key_tag(s) == OBJ && s[KEY] == ObjRef::as_ptr(k) as usize as u64
}

/// Stores `value` in the live slot `s`, handing back the value it replaces.
#[inline]
fn replace_value(s: &mut Slot, value: Value) -> Value {
    let (vt, vb) = encode(value);
    let (old_t, old_b) = (val_tag(s), s[VAL]);
    s[TAGS] = (s[TAGS] & !0xff00) | (vt << 8);
    s[VAL] = vb;
    // SAFETY: the old words came from `encode` and the slot owned their reference; the slot now
    // holds the new value's words, so the old reference moves to the result exactly once.
    unsafe { decode(old_t, old_b) }
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
            None => self.entries.live_count(),
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
    pub fn entry_at(&self, pos: usize) -> Option<EntryRef<'_>> {
        self.entries.get(pos).and_then(entry_ref)
    }

    /// The live slot at `pos` if its hash is `hash` (a lookup's candidate).
    #[inline(always)]
    fn candidate(&self, pos: usize, hash: i64) -> Option<&Slot> {
        self.entries
            .get(pos)
            .filter(|s| slot_hash(s) == hash && live(s))
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
                len: entries.live_count(),
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
        for (pos, s) in self.entries.iter().enumerate() {
            if live(s) {
                index_insert(&mut index, slot_hash(s), pos);
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
                self.candidate(pos, hash)
                    .is_some_and(|s| quick_key_eq(&key_ref(s), key, &mut general))
                    || general
            }),
            None => self.entries.iter().position(|s| {
                (slot_hash(s) == hash && live(s) && quick_key_eq(&key_ref(s), key, &mut general))
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
                    if let Some(s) = self.entries.get(pos) {
                        if exact_str_key_eq(s, hash, k, text)? {
                            return Some(Probe::Found(pos));
                        }
                    }
                }
            }
            None => {
                for (pos, s) in self.entries.iter().enumerate() {
                    if exact_str_key_eq(s, hash, k, text)? {
                        return Some(Probe::Found(pos));
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
        let mut check = |pos: usize, s: &Slot| -> bool {
            if slot_hash(s) != hash || !live(s) {
                return false;
            }
            let k = key_ref(s);
            match native_eq(&k, key) {
                Some(true) => true,
                Some(false) => false,
                None => {
                    slow.push((pos, (*k).clone()));
                    false
                }
            }
        };
        match self.index() {
            Some(ix) => {
                for pos in probe_seq(ix, hash) {
                    if let Some(s) = self.entries.get(pos) {
                        if check(pos, s) {
                            return Probe::Found(pos);
                        }
                    }
                }
            }
            None => {
                for (pos, s) in self.entries.iter().enumerate() {
                    if check(pos, s) {
                        return Probe::Found(pos);
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
    #[inline]
    pub fn set_at(&mut self, pos: usize, value: Value) -> Option<Value> {
        self.touch();
        let s = self.entries.get_mut(pos)?;
        live(s).then(|| replace_value(s, value))
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
        let Some(s) = self.entries.get_mut(pos) else {
            return Err(value);
        };
        // (An object key's payload is its pointer: the same object is the same word.)
        if !live(s) || !key_is_obj(s, k) {
            return Err(value);
        }
        let old = replace_value(s, value);
        self.touch();
        Ok(old)
    }

    /// The value at `pos` if that entry's key is the very object `key` (a lookup at a
    /// remembered position).
    #[inline]
    pub fn value_if_key_is(&self, pos: usize, key: &ObjRef) -> Option<ValueRef<'_>> {
        self.entries
            .get(pos)
            .filter(|s| live(s) && key_is_obj(s, key))
            .map(val_ref)
    }

    /// Appends a new entry (the caller checked the key is absent).
    pub fn push_new(&mut self, hash: i64, key: Value, value: Value) {
        let pos = self.entries.len();
        self.entries.push(hash, key, value);
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
        let e = take_slot(self.entries.get_mut(pos)?)?;
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
        self.entries.seen() & b == b
    }

    /// Removes everything.
    pub fn clear(&mut self) {
        *self = DictTable::default();
    }

    /// Live entries in order.
    pub fn iter(&self) -> impl Iterator<Item = EntryRef<'_>> {
        self.entries.iter().filter_map(entry_ref)
    }

    /// Calls `f` with every object held as a key or a value, in order (the cycle collector's
    /// walk: no `Value` is built for the others).
    #[inline]
    pub fn for_each_obj(&self, mut f: impl FnMut(&ObjRef)) {
        for s in self.entries.iter().filter(|s| live(s)) {
            if key_tag(s) == OBJ {
                if let Value::Obj(o) = &*key_ref(s) {
                    f(o);
                }
            }
            if val_tag(s) == OBJ {
                if let Value::Obj(o) = &*val_ref(s) {
                    f(o);
                }
            }
        }
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
        let pos = self.entries.iter().rposition(live)?;
        self.remove_at(pos)
    }

    /// Fast path for `str` keys: find by text without Python code (exact `str` keys only).
    pub fn get_str(&self, hash: i64, key: &str) -> Option<ValueRef<'_>> {
        self.find_str(hash, key)
            .and_then(|p| self.entries.get(p))
            .map(val_ref)
    }

    /// Position of a `str` key by text.
    pub fn find_str(&self, hash: i64, key: &str) -> Option<usize> {
        match self.index() {
            Some(ix) => probe_seq(ix, hash).find(|&p| {
                self.candidate(p, hash)
                    .is_some_and(|s| key_is(&key_ref(s), key))
            }),
            None => self
                .entries
                .iter()
                .position(|s| slot_hash(s) == hash && live(s) && key_is(&key_ref(s), key)),
        }
    }

    /// Position of a `str` key, trying `hint` (where an inline cache last saw it) first.
    #[inline]
    pub fn find_str_hinted(&self, hint: usize, hash: i64, key: &str) -> Option<usize> {
        if let Some(s) = self.candidate(hint, hash) {
            if key_is(&key_ref(s), key) {
                return Some(hint);
            }
        }
        self.find_str(hash, key)
    }

    /// The value stored at a position.
    #[inline]
    pub fn value_at(&self, pos: usize) -> Option<ValueRef<'_>> {
        self.entries.get(pos).filter(|s| live(s)).map(val_ref)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::cast_possible_wrap)]
    use super::*;

    fn find(t: &DictTable, k: i64) -> Option<i64> {
        match t.probe(k, &Value::Int(k)) {
            Probe::Found(p) => match t.value_at(p).map(|v| v.clone()) {
                Some(Value::Int(v)) => Some(v),
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
            .filter_map(|e| match *e.key {
                Value::Int(k) => Some(k),
                _ => None,
            })
            .collect();
        let mut want: Vec<i64> = keys.iter().skip(1).step_by(2).copied().collect();
        want.extend(keys.iter().step_by(2));
        assert_eq!(order, want);
    }

    fn bytes_obj(b: &[u8]) -> ObjRef {
        ObjRef::new(PyObject::new(None, Payload::Bytes(b.into())))
    }

    /// Every kind of value comes back as stored, as key and as value, and each object's
    /// reference count follows the entries that hold it: stored, replaced, copied, removed,
    /// compacted, grown, dropped.
    #[test]
    fn values_round_trip_and_references_are_counted() {
        let o = bytes_obj(b"o");
        let w = bytes_obj(b"w");
        let kinds = [
            Value::None,
            Value::Bool(B64::TRUE),
            Value::Bool(B64::FALSE),
            Value::Int(-1),
            Value::Int(i64::MIN),
            Value::Int(i64::MAX),
            Value::Float(F64::new(-0.0)),
            Value::Float(F64::new(f64::NAN)),
            Value::Obj(o.clone()),
        ];
        let same = |a: &Value, b: &Value| match (a, b) {
            (Value::Float(x), Value::Float(y)) => x.get().to_bits() == y.get().to_bits(),
            _ => a.is(b),
        };
        let mut t = DictTable::new();
        for (i, k) in kinds.iter().enumerate() {
            t.push_new(i as i64, k.clone(), kinds[kinds.len() - 1 - i].clone());
        }
        assert_eq!(ObjRef::strong_count(&o), 4);
        for (i, e) in t.iter().enumerate() {
            assert_eq!(e.hash, i as i64);
            assert!(same(&e.key, &kinds[i]));
            assert!(same(&e.value, &kinds[kinds.len() - 1 - i]));
        }
        let c = t.clone();
        assert_eq!(ObjRef::strong_count(&o), 6);
        assert!(matches!(
            t.set_at(0, Value::Obj(w.clone())),
            Some(Value::Obj(_))
        ));
        assert_eq!((ObjRef::strong_count(&o), ObjRef::strong_count(&w)), (5, 2));
        assert!(t
            .replace_if_key_is(8, &Value::Obj(o.clone()), Value::Int(3))
            .is_ok());
        assert_eq!(ObjRef::strong_count(&o), 5);
        assert!(t
            .value_if_key_is(8, &o)
            .is_some_and(|v| matches!(*v, Value::Int(3))));
        assert!(t.value_if_key_is(7, &o).is_none());
        let e = t.remove_at(8);
        assert_eq!(ObjRef::strong_count(&o), 5);
        drop(e);
        assert_eq!(ObjRef::strong_count(&o), 4);
        // Growth and compaction move entries without touching their counts.
        for k in 100..200 {
            t.push_new(k, Value::Int(k), Value::Obj(w.clone()));
        }
        assert_eq!(ObjRef::strong_count(&w), 102);
        for k in 100..190 {
            let Probe::Found(p) = t.probe(k, &Value::Int(k)) else {
                panic!("missing {k}");
            };
            assert!(t.remove_at(p).is_some());
        }
        assert_eq!(ObjRef::strong_count(&w), 12);
        assert!(t.iter().skip(8).all(|e| e.value.is(&Value::Obj(w.clone()))));
        drop(t);
        assert_eq!((ObjRef::strong_count(&o), ObjRef::strong_count(&w)), (4, 1));
        assert!(c.pop_last_is_some_clone());
        drop(c);
        assert_eq!(ObjRef::strong_count(&o), 2);
    }

    impl DictTable {
        fn pop_last_is_some_clone(&self) -> bool {
            self.clone().pop_last().is_some()
        }
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
