//! The dict table: insertion-ordered entries plus a hash → entry-index map.
//!
//! Lookups that need Python-level `__eq__` are done by the VM in two phases (collect candidates
//! under a short borrow, compare with no borrow held, re-check identity), so a user `__eq__` that
//! mutates the dict can never cause a borrow panic. See `proto::mapping`.

use crate::object::Payload;
use crate::value::Value;
use smallvec::SmallVec;
use std::collections::HashMap;

/// One live entry.
#[derive(Clone)]
pub struct DictEntry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

type Index = HashMap<i64, SmallVec<[u32; 1]>, ahash::RandomState>;

fn new_index() -> Index {
    HashMap::with_hasher(ahash::RandomState::with_seeds(1, 2, 3, 4))
}

/// Tables up to this many entry slots are searched linearly (no hash index), which makes the
/// many small dicts (instance attributes, keyword arguments) cheap to build and query.
const SMALL: usize = 8;

/// Insertion-ordered hash table keyed by Python values with precomputed hashes.
#[derive(Clone, Default)]
pub struct DictTable {
    entries: Vec<Option<DictEntry>>,
    /// hash → positions; `None` while the table is small.
    index: Option<Box<Index>>,
    len: usize,
    /// Changes on every mutation; a fresh table has 0. Values come from one thread-wide counter,
    /// so two tables only share a non-zero version when one is an unmodified copy of the other.
    version: u64,
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
                (Payload::BigInt(p), Payload::BigInt(q)) => p == q,
                (Payload::Bytes(p), Payload::Bytes(q)) => p == q,
                (Payload::Tuple(p), Payload::Tuple(q)) => {
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
                (Payload::Instance | Payload::Slots(_), _)
                | (_, Payload::Instance | Payload::Slots(_)) => return None,
                (Payload::Str(_), Payload::BigInt(_) | Payload::Bytes(_) | Payload::Tuple(_))
                | (Payload::BigInt(_) | Payload::Bytes(_) | Payload::Tuple(_), Payload::Str(_))
                    if is_exact_builtin(x) && is_exact_builtin(y) =>
                {
                    false
                }
                _ => return None,
            }
        }
        (V::Obj(o), _) | (_, V::Obj(o)) => match &o.payload {
            Payload::Str(_) | Payload::Bytes(_) | Payload::Tuple(_) if is_exact_builtin(o) => false,
            Payload::BigInt(_) => false,
            _ => return None,
        },
        _ => false,
    })
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

    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
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

    fn build_index(&mut self) {
        let mut ix = new_index();
        for (i, e) in self.entries.iter().enumerate() {
            if let Some(e) = e {
                #[allow(clippy::cast_possible_truncation)]
                ix.entry(e.hash).or_default().push(i as u32);
            }
        }
        self.index = Some(Box::new(ix));
    }

    /// Looks a key up without running Python code.
    pub fn probe(&self, hash: i64, key: &Value) -> Probe {
        let mut slow: SmallVec<[(usize, Value); 2]> = SmallVec::new();
        let mut check = |pos: usize, e: &DictEntry| -> bool {
            match native_eq(&e.key, key) {
                Some(true) => true,
                Some(false) => false,
                None => {
                    slow.push((pos, e.key.clone()));
                    false
                }
            }
        };
        match &self.index {
            Some(ix) => {
                if let Some(c) = ix.get(&hash) {
                    for &p in c {
                        let pos = p as usize;
                        if let Some(e) = self.entry_at(pos) {
                            if check(pos, e) {
                                return Probe::Found(pos);
                            }
                        }
                    }
                }
            }
            None => {
                for (pos, e) in self.entries.iter().enumerate() {
                    if let Some(e) = e {
                        if e.hash == hash && check(pos, e) {
                            return Probe::Found(pos);
                        }
                    }
                }
            }
        }
        if slow.is_empty() {
            Probe::Missing
        } else {
            Probe::NeedEq(slow)
        }
    }

    /// Is `key` (by identity) still at `pos`?
    pub fn still_at(&self, pos: usize, key: &Value) -> bool {
        self.entry_at(pos).is_some_and(|e| e.key.is(key))
    }

    /// Replaces the value at a known position.
    pub fn set_at(&mut self, pos: usize, value: Value) -> Option<Value> {
        self.version = next_version();
        match self.entries.get_mut(pos) {
            Some(Some(e)) => Some(std::mem::replace(&mut e.value, value)),
            _ => None,
        }
    }

    /// Appends a new entry (the caller checked the key is absent).
    pub fn push_new(&mut self, hash: i64, key: Value, value: Value) {
        self.version = next_version();
        let pos = self.entries.len();
        self.entries.push(Some(DictEntry { hash, key, value }));
        self.len += 1;
        match &mut self.index {
            #[allow(clippy::cast_possible_truncation)]
            Some(ix) => ix.entry(hash).or_default().push(pos as u32),
            None => {
                if self.entries.len() > SMALL {
                    self.build_index();
                }
            }
        }
    }

    /// Removes the entry at a position, returning it.
    pub fn remove_at(&mut self, pos: usize) -> Option<DictEntry> {
        let e = self.entries.get_mut(pos)?.take()?;
        self.version = next_version();
        if let Some(ix) = &mut self.index {
            if let Some(c) = ix.get_mut(&e.hash) {
                #[allow(clippy::cast_possible_truncation)]
                c.retain(|p| *p != pos as u32);
                if c.is_empty() {
                    ix.remove(&e.hash);
                }
            }
        }
        self.len -= 1;
        if self.entries.len() > 16 && self.len * 2 < self.entries.len() {
            self.compact();
        }
        Some(e)
    }

    fn compact(&mut self) {
        let old = std::mem::take(&mut self.entries);
        self.index = None;
        self.len = 0;
        for e in old.into_iter().flatten() {
            self.push_new(e.hash, e.key, e.value);
        }
    }

    /// The mutation version (0 for a table never changed since it was made or cleared).
    #[inline]
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The mutation version, giving an unversioned table one first (for inline caches).
    pub fn ensure_version(&mut self) -> u64 {
        if self.version == 0 {
            self.version = next_version();
        }
        self.version
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
        match &self.index {
            Some(ix) => {
                for &c in ix.get(&hash)? {
                    if let Some(e) = self.entry_at(c as usize) {
                        if key_is(&e.key, key) {
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
        match &self.index {
            Some(ix) => ix
                .get(&hash)?
                .iter()
                .map(|&c| c as usize)
                .find(|&p| self.entry_at(p).is_some_and(|e| key_is(&e.key, key))),
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
