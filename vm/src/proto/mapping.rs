//! Dict and set element operations with Python-level key equality (never holding a borrow while
//! Python code runs).

use crate::dict::Probe;
use crate::object::{ObjRef, Payload};
use crate::set::SetTable;
use crate::value::Value;
use crate::{PyResult, Vm};

const MAX_RETRIES: usize = 64;

impl Vm {
    /// Position of `key` in dict object `d` (hash `h`), or `None`.
    pub(crate) fn dict_find(&mut self, d: &ObjRef, key: &Value, h: i64) -> PyResult<Option<usize>> {
        let Payload::Dict(t) = &d.payload else {
            return Ok(None);
        };
        for _ in 0..MAX_RETRIES {
            let probe = t.borrow().probe(h, key);
            match probe {
                Probe::Found(p) => return Ok(Some(p)),
                Probe::Missing => return Ok(None),
                Probe::NeedEq(cands) => {
                    let mut changed = false;
                    for (pos, k) in cands {
                        if self.eq(&k, key)? {
                            if t.borrow().still_at(pos, &k) {
                                return Ok(Some(pos));
                            }
                            changed = true;
                            break;
                        }
                    }
                    if !changed {
                        return Ok(None);
                    }
                }
            }
        }
        Err(self.new_runtime_error("dictionary changed size during iteration"))
    }

    /// `d.get(key)` on a dict object.
    pub fn dict_get_item(&mut self, d: &ObjRef, key: &Value) -> PyResult<Option<Value>> {
        let h = self.hash(key)?;
        match self.dict_find(d, key, h)? {
            Some(p) => match &d.payload {
                Payload::Dict(t) => Ok(t.borrow().entry_at(p).map(|e| e.value.clone())),
                _ => Ok(None),
            },
            None => Ok(None),
        }
    }

    /// `d[key] = value` on a dict object.
    pub fn dict_set_item(&mut self, d: &ObjRef, key: Value, value: Value) -> PyResult<()> {
        let h = self.hash(&key)?;
        // A lookup that needs no Python code (the key found by identity or text, or certainly
        // missing) stores under the same borrow; the old value is dropped after it ends.
        if let Payload::Dict(t) = &d.payload {
            if let Ok(mut tb) = t.try_borrow_mut() {
                let old = match tb.probe(h, &key) {
                    Probe::Found(p) => tb.set_at(p, value),
                    Probe::Missing => {
                        tb.push_new(h, key, value);
                        None
                    }
                    Probe::NeedEq(_) => {
                        drop(tb);
                        return self.dict_set_item_eq(d, key, value, h);
                    }
                };
                drop(tb);
                drop(old);
                return Ok(());
            }
        }
        self.dict_set_item_eq(d, key, value, h)
    }

    /// [`Vm::dict_set_item`] when a candidate key needs Python equality (`h`: the key's hash).
    #[inline(never)]
    fn dict_set_item_eq(&mut self, d: &ObjRef, key: Value, value: Value, h: i64) -> PyResult<()> {
        let pos = self.dict_find(d, &key, h)?;
        if let Payload::Dict(t) = &d.payload {
            let old = match pos {
                Some(p) => t.borrow_mut().set_at(p, value),
                None => {
                    t.borrow_mut().push_new(h, key, value);
                    None
                }
            };
            drop(old);
        }
        Ok(())
    }

    /// `del d[key]`; returns whether the key was there.
    pub fn dict_del_item(&mut self, d: &Value, key: &Value) -> PyResult<bool> {
        Ok(self.dict_pop_item(d, key)?.is_some())
    }

    /// `d.pop(key, <missing>)`: the removed value, or `None` if absent.
    pub fn dict_pop_item(&mut self, d: &Value, key: &Value) -> PyResult<Option<Value>> {
        let Some(o) = d.as_obj() else { return Ok(None) };
        let h = self.hash(key)?;
        match self.dict_find(o, key, h)? {
            Some(p) => match &o.payload {
                Payload::Dict(t) => {
                    let e = t.borrow_mut().remove_at(p);
                    Ok(e.map(|e| e.value))
                }
                _ => Ok(None),
            },
            None => Ok(None),
        }
    }

    /// Items of a dict object (snapshot).
    pub fn dict_items(&self, d: &Value) -> Vec<(Value, Value)> {
        match d.payload() {
            Some(Payload::Dict(t)) => t.borrow().items(),
            _ => Vec::new(),
        }
    }

    /// Is `key` in a set table (hash `h`)? Runs `__eq__` with no borrow held.
    pub(crate) fn set_table_contains(
        &mut self,
        t: &SetTable,
        h: i64,
        key: &Value,
    ) -> PyResult<bool> {
        match t.probe(h, key) {
            Probe::Found(_) => Ok(true),
            Probe::Missing => Ok(false),
            Probe::NeedEq(c) => {
                for (_, k) in c {
                    if self.eq(&k, key)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    fn set_find(&mut self, s: &ObjRef, key: &Value, h: i64) -> PyResult<Option<usize>> {
        for _ in 0..MAX_RETRIES {
            let probe = match &s.payload {
                Payload::Set(t) => t.borrow().probe(h, key),
                Payload::FrozenSet(t) => t.probe(h, key),
                _ => return Ok(None),
            };
            match probe {
                Probe::Found(p) => return Ok(Some(p)),
                Probe::Missing => return Ok(None),
                Probe::NeedEq(cands) => {
                    let mut changed = false;
                    for (pos, k) in cands {
                        if self.eq(&k, key)? {
                            let still = match &s.payload {
                                Payload::Set(t) => t.borrow().still_at(pos, &k),
                                Payload::FrozenSet(t) => t.still_at(pos, &k),
                                _ => false,
                            };
                            if still {
                                return Ok(Some(pos));
                            }
                            changed = true;
                            break;
                        }
                    }
                    if !changed {
                        return Ok(None);
                    }
                }
            }
        }
        Err(self.new_runtime_error("Set changed size during iteration"))
    }

    /// `s.add(item)` on a set object.
    pub fn set_add(&mut self, s: &Value, item: Value) -> PyResult<()> {
        let Some(o) = s.as_obj() else { return Ok(()) };
        // A machine `int` or exact `str` whose probe meets no other key of its hash.
        if let (Some(h), Payload::Set(t)) = (self.quick_hash(&item), &o.payload) {
            let known = t.try_borrow().ok().and_then(|t| t.find_identical(h, &item));
            if let Some(slot) = known {
                if slot.is_none() {
                    t.borrow_mut().push_new(h, item);
                }
                return Ok(());
            }
        }
        let h = self.hash(&item)?;
        if self.set_find(o, &item, h)?.is_none() {
            if let Payload::Set(t) = &o.payload {
                t.borrow_mut().push_new(h, item);
            }
        }
        Ok(())
    }

    /// The hash of a machine `int` or an exact `str` (cached in it): the keys whose `==` with
    /// another key of the same hash is identity in the common case, so a set probe that meets
    /// only the key itself needs no comparison.
    #[inline]
    fn quick_hash(&self, item: &Value) -> Option<i64> {
        match item {
            Value::Int(i) => Some(crate::kernels::hash::hash_i64(*i)),
            Value::Obj(io) => match &io.payload {
                Payload::Str(_)
                    if io
                        .class
                        .as_ref()
                        .is_some_and(|c| ObjRef::ptr_eq(c, &self.t.str)) =>
                {
                    Some(crate::proto::attr::name_hash(item))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// `item in s` for an exact `set` or `frozenset` and a machine `int` or exact `str` item,
    /// when identity decides it; `None` sends the caller to the general path.
    #[inline]
    pub(crate) fn set_contains_quick(&self, s: &Value, item: &Value) -> Option<bool> {
        let o = s.as_obj()?;
        let h = self.quick_hash(item)?;
        let class = o.class.as_ref()?;
        let slot = match &o.payload {
            Payload::Set(t) if ObjRef::ptr_eq(class, &self.t.set) => {
                t.try_borrow().ok()?.find_identical(h, item)
            }
            Payload::FrozenSet(t) if ObjRef::ptr_eq(class, &self.t.frozenset) => {
                t.find_identical(h, item)
            }
            _ => None,
        };
        slot.map(|p| p.is_some())
    }

    /// `item in s` for a set / frozenset object.
    pub fn set_contains(&mut self, s: &Value, item: &Value) -> PyResult<bool> {
        let Some(o) = s.as_obj() else {
            return Ok(false);
        };
        let h = match self.hash(item) {
            Ok(h) => h,
            Err(e) => {
                // `[] in {1}`: CPython retries with a frozenset for sets; otherwise it's unhashable.
                if let Some(Payload::Set(t)) = item.payload() {
                    let items = t.borrow().items();
                    let fs = self.new_frozenset_from(&items)?;
                    return self.set_contains(s, &fs);
                }
                return Err(e);
            }
        };
        Ok(self.set_find(o, item, h)?.is_some())
    }

    /// `s.discard(item)`; returns whether it was present.
    pub fn set_discard(&mut self, s: &Value, item: &Value) -> PyResult<bool> {
        let Some(o) = s.as_obj() else {
            return Ok(false);
        };
        let quick = match (self.quick_hash(item), &o.payload) {
            (Some(h), Payload::Set(t)) => {
                t.try_borrow().ok().and_then(|t| t.find_identical(h, item))
            }
            _ => None,
        };
        let found = match quick {
            Some(slot) => slot,
            None => {
                let h = self.hash(item)?;
                self.set_find(o, item, h)?
            }
        };
        match found {
            Some(p) => {
                if let Payload::Set(t) = &o.payload {
                    let removed = t.borrow_mut().remove_at(p);
                    drop(removed);
                }
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// `s.update(src)` with CPython's insertion order rules (set: merge; dict: presize + keys).
    pub fn set_update_from(&mut self, s: &Value, src: &Value) -> PyResult<()> {
        match src.payload() {
            Some(Payload::Set(_) | Payload::FrozenSet(_)) => {
                let other = match src.payload() {
                    Some(Payload::Set(t)) => t.borrow().clone(),
                    Some(Payload::FrozenSet(t)) => t.clone(),
                    _ => SetTable::new(),
                };
                if let Some(Payload::Set(t)) = s.payload() {
                    t.borrow_mut().merge(&other);
                }
                Ok(())
            }
            Some(Payload::Dict(d)) => {
                let n = d.borrow().len();
                if let Some(Payload::Set(t)) = s.payload() {
                    t.borrow_mut().reserve_for(n);
                }
                for (k, _) in self.dict_items(src) {
                    self.set_add(s, k)?;
                }
                Ok(())
            }
            _ => {
                let it = self.iter(src)?;
                while let Some(x) = self.next(&it)? {
                    self.set_add(s, x)?;
                }
                Ok(())
            }
        }
    }

    /// Elements of a set / frozenset (snapshot, iteration order).
    pub fn set_items(&self, s: &Value) -> Vec<Value> {
        match s.payload() {
            Some(Payload::Set(t)) => t.borrow().items(),
            Some(Payload::FrozenSet(t)) => t.items(),
            _ => Vec::new(),
        }
    }
}
