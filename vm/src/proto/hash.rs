//! `hash()`: CPython-exact for numbers and tuples; `str`/`bytes` use SipHash-1-3 with a fixed key.

use crate::kernels::hash as kh;
use crate::object::Payload;
use crate::value::Value;
use crate::{PyResult, Vm};
use num_bigint::BigInt;

/// Hash of a `str` (same value the VM caches in `StrData`). CPython randomizes string hashes per
/// process, so no program can depend on the values; we use a fast keyed hash (`ahash`, fixed
/// seeds) rather than SipHash. `str` and `bytes` with the same content hash alike, as in CPython.
pub fn str_hash(s: &str) -> i64 {
    bytes_hash(s.as_bytes())
}

/// Hash of `bytes`.
pub fn bytes_hash(b: &[u8]) -> i64 {
    if b.is_empty() {
        // CPython: hash('') == hash(b'') == 0.
        return 0;
    }
    // A constant, not a thread-local: the hash of a constant name (`"__enter__"`) then folds
    // at compile time. Read from thread-local storage, it did not, and the compiler hoisted
    // the dispatch loop's seven constant-name hashes into `run_loop`'s entry, ~230
    // instructions for every frame a native caller runs (a generator's resume, a key function).
    const STATE: ahash::RandomState =
        ahash::RandomState::with_seeds(0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344);
    #[allow(clippy::cast_possible_wrap)]
    let h = STATE.hash_one(b) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

impl Vm {
    /// `hash(v)`.
    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(kh::hash_i64(*i)),
            Value::Bool(b) => Ok(kh::hash_bool(b.get())),
            Value::Float(f) => {
                Ok(kh::hash_f64(f.get()).unwrap_or_else(|| kh::hash_pointer(v.identity() as u64)))
            }
            Value::None => Ok(kh::HASH_NONE),
            Value::Null => Ok(0),
            Value::Obj(o) => {
                // An exact str: its cached hash, without the checks below.
                if let Payload::Str(s) = &o.payload {
                    if Vm::is_exact_instance(v, &self.t.str) {
                        let h = s.hash.get();
                        if h != -1 {
                            return Ok(h);
                        }
                    }
                }
                // Hashing nested tuples recurses natively (host stack limit).
                self.check_stack()?;
                let heap = o
                    .class
                    .as_ref()
                    .is_some_and(|c| c.as_type().is_some_and(|t| t.heap));
                if heap {
                    if let Some(h) = self.hash_user(v)? {
                        return Ok(h);
                    }
                }
                match &o.payload {
                    Payload::Str(s) => {
                        let h = s.hash.get();
                        if h != -1 {
                            return Ok(h);
                        }
                        let h = str_hash(&s.s);
                        s.hash.set(h);
                        Ok(h)
                    }
                    Payload::BigInt(b) => Ok(kh::hash_bigint(b)),
                    Payload::Float(f) => {
                        Ok(kh::hash_f64(*f)
                            .unwrap_or_else(|| kh::hash_pointer(v.identity() as u64)))
                    }
                    Payload::Bytes(b) => Ok(bytes_hash(b)),
                    Payload::Complex { re, im } => Ok(kh::hash_complex(*re, *im).unwrap_or(0)),
                    Payload::Tuple(items) => {
                        // Items fed to the hasher as they come (no vector of item hashes).
                        let mut h = kh::TupleHasher::new();
                        for it in items.iter() {
                            h.push(self.hash(it)?);
                        }
                        Ok(h.finish())
                    }
                    Payload::FrozenSet(t) => Ok(t.frozenset_hash()),
                    Payload::List(_)
                    | Payload::Dict(_)
                    | Payload::Set(_)
                    | Payload::ByteArray(_)
                    | Payload::DictView { .. } => Err(self.unhashable(v)),
                    // Hashable since 3.12.
                    Payload::Slice(sl) => {
                        let mut h = kh::TupleHasher::new();
                        for part in [&sl.start, &sl.stop, &sl.step] {
                            h.push(self.hash(part)?);
                        }
                        Ok(h.finish_slice())
                    }
                    Payload::Range(r) => {
                        let Some((n, start, step)) = self.range_key(r) else {
                            return Err(self.new_system_error("bad range"));
                        };
                        let int =
                            |b: Option<BigInt>| b.map_or(Value::None, |b| self.new_int_big(b));
                        let t = self.new_tuple(vec![self.new_int_big(n), int(start), int(step)]);
                        self.hash(&t)
                    }
                    _ => Ok(kh::hash_pointer(v.identity() as u64)),
                }
            }
        }
    }

    fn unhashable(&self, v: &Value) -> crate::PyErr {
        self.new_type_error(&format!("unhashable type: '{}'", self.type_name(v)))
    }

    /// A user-defined `__hash__`, if the class (or a user base) defines one.
    fn hash_user(&mut self, v: &Value) -> PyResult<Option<i64>> {
        let cls = self.type_of(v);
        match self.lookup_type_attr(&cls, "__hash__") {
            Some(Value::None) => Err(self.unhashable(v)),
            Some(f)
                if (matches!(f.payload(), Some(Payload::Function(_)))
                    || self.is_extension_method(&f)) =>
            {
                let r = self.call(&f, &[v.clone()])?;
                match r {
                    Value::Int(i) => Ok(Some(if i == -1 { -2 } else { i })),
                    Value::Bool(b) => Ok(Some(i64::from(b))),
                    Value::Obj(ref o) => match &o.payload {
                        Payload::BigInt(b) => Ok(Some(kh::hash_bigint(b))),
                        _ => Err(self.new_type_error("__hash__ method should return an integer")),
                    },
                    _ => Err(self.new_type_error("__hash__ method should return an integer")),
                }
            }
            _ => Ok(None),
        }
    }
}
