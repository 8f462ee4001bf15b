//! Subscripts, slices, `len()`, `in`, and the bridge the `%` formatter uses.

use crate::kernels::percent::{CharArg, PercentHost};
use crate::kernels::KernelError;
use crate::object::{DictViewKind, ObjRef, Payload};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

/// Resolved slice bounds: (start, stop, step, length).
#[derive(Clone, Copy, Debug)]
pub struct SliceIdx {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub len: usize,
}

impl SliceIdx {
    /// The selected indexes in order.
    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len).map(move |i| (self.start + i as i64 * self.step) as usize)
    }
}

impl Vm {
    fn slice_part(&mut self, v: &Value, default: i64) -> PyResult<i64> {
        if v.is_none() {
            return Ok(default);
        }
        let iv = match self.index_value(v) {
            Ok(iv) => iv,
            Err(_) => {
                return Err(self.new_type_error(
                    "slice indices must be integers or None or have an __index__ method",
                ))
            }
        };
        Ok(match iv {
            Value::Int(i) => i,
            other => match other.payload() {
                Some(Payload::BigInt(b)) => {
                    if b.is_negative() {
                        i64::MIN
                    } else {
                        i64::MAX
                    }
                }
                _ => default,
            },
        })
    }

    /// Resolves a slice object against a sequence length (`PySlice_GetIndicesEx`).
    pub fn slice_indices(&mut self, slice: &Value, len: usize) -> PyResult<SliceIdx> {
        let Some(Payload::Slice(sl)) = slice.payload() else {
            return Err(self.new_type_error("expected a slice"));
        };
        let crate::object::SliceData { start, stop, step } = &**sl;
        if let Some(si) = int_slice(start, stop, step, len) {
            return Ok(si);
        }
        let (start, stop, step) = (start.clone(), stop.clone(), step.clone());
        let step = self.slice_part(&step, 1)?;
        if step == 0 {
            return Err(self.new_value_error("slice step cannot be zero"));
        }
        let step = step.max(-i64::MAX);
        let (dstart, dstop) = if step < 0 {
            (i64::MAX, i64::MIN)
        } else {
            (0, i64::MAX)
        };
        let start = self.slice_part(&start, dstart)?;
        let stop = self.slice_part(&stop, dstop)?;
        Ok(resolve_slice(start, stop, step, len))
    }

    /// `BINARY_SLICE` (`c[start:stop]`) without the slice object, for an exact `list` or
    /// `tuple` and `None`/`int` bounds; `None`: use the protocol.
    #[inline]
    pub(crate) fn binary_slice_fast(
        &self,
        c: &Value,
        start: &Value,
        stop: &Value,
    ) -> Option<Value> {
        let o = c.as_obj()?;
        let cls = o.class.as_ref()?;
        match &o.payload {
            Payload::List(l) if ObjRef::ptr_eq(cls, &self.t.list) => {
                let items = l.try_borrow().ok()?;
                let si = int_slice(start, stop, &Value::None, items.len())?;
                let out = items.slice_step(si.start, si.step, si.len);
                drop(items);
                Some(self.new_list_items(out))
            }
            Payload::Tuple(items) if ObjRef::ptr_eq(cls, &self.t.tuple) => {
                let si = int_slice(start, stop, &Value::None, items.len())?;
                if si.len == items.len() {
                    return Some(c.clone());
                }
                Some(self.new_tuple(slice_items(items, &si)))
            }
            _ => None,
        }
    }

    /// `STORE_SLICE` (`c[start:stop] = v`) without the slice object, for an exact `list`
    /// target, an exact `list` or `tuple` value and `None`/`int` bounds; `Err(v)`: use the
    /// protocol.
    #[inline]
    pub(crate) fn store_slice_fast(
        &self,
        c: &Value,
        start: &Value,
        stop: &Value,
        v: Value,
    ) -> Result<(), Value> {
        let Some(o) = c.as_obj() else {
            return Err(v);
        };
        let (Payload::List(target), Some(cls)) = (&o.payload, o.class.as_ref()) else {
            return Err(v);
        };
        if !ObjRef::ptr_eq(cls, &self.t.list) {
            return Err(v);
        }
        let len = match target.try_borrow_mut() {
            Ok(list) => list.len(),
            Err(_) => return Err(v),
        };
        let Some(si) = int_slice(start, stop, &Value::None, len) else {
            return Err(v);
        };
        // Nothing below runs Python code: the target keeps its length and stays unborrowed.
        let Some((items, taken)) = self.take_or_copy_items(&v) else {
            return Err(v);
        };
        let Ok(mut list) = target.try_borrow_mut() else {
            if let (true, Some(Payload::List(l))) = (taken, v.payload()) {
                if let Ok(mut l) = l.try_borrow_mut() {
                    *l = items;
                }
            }
            return Err(v);
        };
        let removed = splice_contiguous(&mut list, &si, items);
        drop(list);
        drop(removed);
        Ok(())
    }

    /// `c[start:stop:step]` for the `BINARY_SUBSCR` right after a `BUILD_SLICE`, without the
    /// slice object: an exact `list`, `tuple` or ASCII `str` and `None`/`int` parts (what
    /// `getitem` gives for them); `None`: build the slice and use the protocol.
    pub(crate) fn subscr_slice_fast(
        &self,
        c: &Value,
        start: &Value,
        stop: &Value,
        step: &Value,
    ) -> Option<Value> {
        let o = c.as_obj()?;
        let cls = o.class.as_ref()?;
        match &o.payload {
            Payload::List(l) if ObjRef::ptr_eq(cls, &self.t.list) => {
                let items = l.try_borrow().ok()?;
                let si = int_slice(start, stop, step, items.len())?;
                let out = items.slice_step(si.start, si.step, si.len);
                drop(items);
                Some(self.new_list_items(out))
            }
            Payload::Tuple(items) if ObjRef::ptr_eq(cls, &self.t.tuple) => {
                let si = int_slice(start, stop, step, items.len())?;
                if si.step == 1 && si.len == items.len() {
                    return Some(c.clone());
                }
                Some(self.new_tuple(slice_items(items, &si)))
            }
            Payload::Str(s) if s.is_ascii() && ObjRef::ptr_eq(cls, &self.t.str) => {
                let si = int_slice(start, stop, step, s.char_len())?;
                Some(self.ascii_str_slice(s, &si))
            }
            _ => None,
        }
    }

    /// The resolved slice `si` of the ASCII text `s`.
    fn ascii_str_slice(&self, s: &crate::object::StrData, si: &SliceIdx) -> Value {
        let b = s.s.as_bytes();
        // A contiguous part of ASCII text: copied as it is.
        let part = match (si.step, si.indices().next()) {
            (1, Some(start)) => start
                .checked_add(si.len)
                .and_then(|end| s.s.get(start..end)),
            (_, None) => Some(""),
            _ => None,
        };
        if let Some(part) = part {
            return self.new_str_ascii(part, true);
        }
        let out: String = si
            .indices()
            .filter_map(|i| b.get(i).map(|c| *c as char))
            .collect();
        self.new_string_ascii(out, true)
    }

    /// The items of `v`, an exact `list` or `tuple` about to be dropped by the caller: a list
    /// nothing else holds (`a[:n] = a[1:n + 1]`'s temporary) gives up its items instead of
    /// having them copied (no one can see it again). `None` for anything else.
    /// `true` with the items when they were taken.
    fn take_or_copy_items(&self, v: &Value) -> Option<(crate::ListItems, bool)> {
        let Value::Obj(o) = v else { return None };
        if let (Payload::List(l), 1) = (&o.payload, ObjRef::strong_count(o)) {
            if o.class
                .as_ref()
                .is_some_and(|c| ObjRef::ptr_eq(c, &self.t.list))
            {
                if let Ok(mut l) = l.try_borrow_mut() {
                    return Some((std::mem::take(&mut *l), true));
                }
            }
        }
        self.exact_list_or_tuple_slots(v)
            .map(|items| (items, false))
    }

    /// Normalizes an index into `0..len` or raises `IndexError(msg)`.
    fn seq_index(&mut self, idx: &Value, len: usize, msg: &str) -> PyResult<usize> {
        let i = match self.index_value(idx)? {
            Value::Int(i) => i,
            _ => return Err(self.new_index_error("cannot fit 'int' into an index-sized integer")),
        };
        let n = len as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(self.new_index_error(msg));
        }
        Ok(j as usize)
    }

    pub(crate) fn is_index_like(&self, v: &Value) -> bool {
        if self.is_int(v) {
            return true;
        }
        if let Value::Obj(_) = v {
            let t = self.type_of(v);
            return self.lookup_type_attr(&t, "__index__").is_some();
        }
        false
    }

    fn user_dunder(&self, v: &Value, name: &str) -> Option<Value> {
        match v {
            Value::Obj(o)
                if o.class
                    .as_ref()
                    .is_some_and(|c| c.as_type().is_some_and(|t| t.heap)) =>
            {
                let t = self.type_of(v);
                self.lookup_type_attr(&t, name).filter(|f| {
                    !matches!(f.payload(), Some(Payload::NativeFunction(_)))
                        || self.is_extension_method(f)
                })
            }
            Value::Obj(o) if matches!(o.payload, Payload::Native(_) | Payload::Iter(_)) => {
                let t = self.type_of(v);
                self.lookup_type_attr(&t, name)
            }
            _ => None,
        }
    }

    /// `obj[key]`.
    pub fn getitem(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        if let Some(f) = self.user_dunder(obj, "__getitem__") {
            return self.call(&f, &[obj.clone(), key.clone()]);
        }
        self.getitem_builtin(obj, key)
    }

    /// `getitem` on the builtin payload, ignoring user-level `__getitem__` overrides.
    pub fn getitem_builtin(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        let Value::Obj(o) = obj else {
            return Err(self.not_subscriptable(obj));
        };
        let is_slice = matches!(key.payload(), Some(Payload::Slice(_)));
        match &o.payload {
            Payload::List(l) => {
                if let Some(Payload::Slice(sl)) = key.payload() {
                    let crate::object::SliceData { start, stop, step } = &**sl;
                    let items = l.borrow();
                    if let Some(si) = int_slice(start, stop, step, items.len()) {
                        let out = items.slice_step(si.start, si.step, si.len);
                        drop(items);
                        return Ok(self.new_list_items(out));
                    }
                }
                if is_slice {
                    let items = l.borrow().clone();
                    let si = self.slice_indices(key, items.len())?;
                    let out: crate::ListItems = si.indices().filter_map(|i| items.get(i)).collect();
                    return Ok(self.new_list_items(out));
                }
                if !self.is_index_like(key) {
                    return Err(self.new_type_error(&format!(
                        "list indices must be integers or slices, not {}",
                        self.type_name(key)
                    )));
                }
                let len = l.borrow().len();
                let i = self.seq_index(key, len, "list index out of range")?;
                l.borrow()
                    .get(i)
                    .ok_or_else(|| self.new_index_error("list index out of range"))
            }
            Payload::Tuple(t) => {
                if is_slice {
                    let si = self.slice_indices(key, t.len())?;
                    if si.step == 1 && si.len == t.len() && !self.is_heap_obj(o) {
                        return Ok(obj.clone());
                    }
                    let out = si.indices().filter_map(|i| t.get(i).cloned()).collect();
                    return Ok(self.new_tuple(out));
                }
                if !self.is_index_like(key) {
                    return Err(self.new_type_error(&format!(
                        "tuple indices must be integers or slices, not {}",
                        self.type_name(key)
                    )));
                }
                let i = self.seq_index(key, t.len(), "tuple index out of range")?;
                Ok(t[i].clone())
            }
            Payload::Str(s) => {
                if is_slice {
                    let si = self.slice_indices(key, s.char_len())?;
                    if s.is_ascii() {
                        return Ok(self.ascii_str_slice(s, &si));
                    }
                    let chars: Vec<char> = s.s.chars().collect();
                    let out: String = si.indices().filter_map(|i| chars.get(i).copied()).collect();
                    return Ok(self.new_string(out));
                }
                if !self.is_index_like(key) {
                    return Err(self.new_type_error(&format!(
                        "string indices must be integers, not '{}'",
                        self.type_name(key)
                    )));
                }
                let i = self.seq_index(key, s.char_len(), "string index out of range")?;
                let c = if s.is_ascii() {
                    s.s.as_bytes().get(i).map(|b| *b as char)
                } else {
                    s.s.chars().nth(i)
                };
                match c {
                    Some(c) => Ok(self.char_str(c)),
                    None => Err(self.new_index_error("string index out of range")),
                }
            }
            Payload::Bytes(b) => {
                if is_slice {
                    let si = self.slice_indices(key, b.len())?;
                    let out = si.indices().filter_map(|i| b.get(i).copied()).collect();
                    return Ok(self.new_bytes(out));
                }
                if !self.is_index_like(key) {
                    return Err(self.new_type_error(&format!(
                        "byte indices must be integers or slices, not {}",
                        self.type_name(key)
                    )));
                }
                let i = self.seq_index(key, b.len(), "index out of range")?;
                Ok(Value::Int(i64::from(b[i])))
            }
            Payload::ByteArray(b) => self.bytearray_getitem(b, key),
            Payload::Range(r) => {
                let r = r.clone();
                self.range_getitem(&r, key, is_slice)
            }
            Payload::Dict(d) => {
                let h = self.hash(key)?;
                if let crate::dict::Probe::Found(p) = d.borrow().probe(h, key) {
                    if let Some(e) = d.borrow().entry_at(p) {
                        return Ok(e.value.clone());
                    }
                }
                match self.dict_get_item(o, key)? {
                    Some(v) => Ok(v),
                    None => {
                        if self.is_heap_obj(o) {
                            let t = self.type_of(obj);
                            if let Some(m) = self.lookup_type_attr(&t, "__missing__") {
                                return self.call(&m, &[obj.clone(), key.clone()]);
                            }
                        }
                        Err(self.new_key_error(key.clone()))
                    }
                }
            }
            Payload::Type(_) => {
                let t = o.clone();
                if let Some(f) = self.lookup_type_attr(&t, "__class_getitem__") {
                    let f = match f.payload() {
                        Some(Payload::ClassMethod(inner)) => inner.clone(),
                        _ => f,
                    };
                    return self.call(&f, &[obj.clone(), key.clone()]);
                }
                // `list[int]` and friends: a generic alias; we return the class itself.
                if !self.is_heap_obj(o) {
                    return Ok(obj.clone());
                }
                Err(self.new_type_error(&format!(
                    "type '{}' is not subscriptable",
                    self.type_name_of_class(o)
                )))
            }
            _ => {
                let t = self.type_of(obj);
                if let Some(f) = self.lookup_type_attr(&t, "__getitem__").filter(|_| {
                    matches!(
                        o.payload,
                        Payload::Native(_) | Payload::Instance(_) | Payload::Slots(_)
                    )
                }) {
                    return self.call(&f, &[obj.clone(), key.clone()]);
                }
                Err(self.not_subscriptable(obj))
            }
        }
    }

    fn type_name_of_class(&self, o: &crate::ObjRef) -> String {
        o.as_type()
            .map(|t| t.name.borrow().to_string())
            .unwrap_or_default()
    }

    fn is_heap_obj(&self, o: &crate::ObjRef) -> bool {
        o.class
            .as_ref()
            .is_some_and(|c| c.as_type().is_some_and(|t| t.heap))
    }

    fn not_subscriptable(&self, obj: &Value) -> PyErr {
        self.new_type_error(&format!(
            "'{}' object is not subscriptable",
            self.type_name(obj)
        ))
    }

    /// `obj[key] = value`.
    pub fn setitem(&mut self, obj: &Value, key: &Value, value: Value) -> PyResult<()> {
        if let Some(f) = self.user_dunder(obj, "__setitem__") {
            self.call(&f, &[obj.clone(), key.clone(), value])?;
            return Ok(());
        }
        self.setitem_builtin(obj, key, value)
    }

    /// `setitem` on the builtin payload, ignoring user-level `__setitem__` overrides.
    pub fn setitem_builtin(&mut self, obj: &Value, key: &Value, value: Value) -> PyResult<()> {
        let Value::Obj(o) = obj else {
            return Err(self.no_item_assignment(obj));
        };
        match &o.payload {
            Payload::Dict(_) => self.dict_set_item(o, key.clone(), value),
            Payload::List(l) => {
                if matches!(key.payload(), Some(Payload::Slice(_))) {
                    let items = self.list_slice_source(&value)?;
                    let len = l.borrow().len();
                    let si = self.slice_indices(key, len)?;
                    let mut list = l.borrow_mut();
                    if si.step == 1 {
                        let removed = splice_contiguous(&mut list, &si, items);
                        drop(list);
                        drop(removed);
                        return Ok(());
                    }
                    if items.len() != si.len {
                        drop(list);
                        return Err(self.new_value_error(&format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            items.len(),
                            si.len
                        )));
                    }
                    // The old items are released in slice order once the list is free.
                    let mut old = Vec::with_capacity(si.len);
                    for (i, v) in si.indices().zip(items.into_values()) {
                        if let Ok(o) = list.set(i, v) {
                            old.push(o);
                        }
                    }
                    drop(list);
                    drop(old);
                    return Ok(());
                }
                if !self.is_index_like(key) {
                    return Err(self.new_type_error(&format!(
                        "list indices must be integers or slices, not {}",
                        self.type_name(key)
                    )));
                }
                let len = l.borrow().len();
                let i = self.seq_index(key, len, "list assignment index out of range")?;
                let old = l.borrow_mut().set(i, value);
                drop(old);
                Ok(())
            }
            Payload::ByteArray(_) => self.bytearray_setitem(o, key, &value),
            _ => {
                let t = self.type_of(obj);
                if let Some(f) = self.lookup_type_attr(&t, "__setitem__").filter(|_| {
                    matches!(
                        o.payload,
                        Payload::Native(_) | Payload::Instance(_) | Payload::Slots(_)
                    )
                }) {
                    self.call(&f, &[obj.clone(), key.clone(), value])?;
                    return Ok(());
                }
                Err(self.no_item_assignment(obj))
            }
        }
    }

    /// The items assigned to a list slice (`PySequence_Fast`: a value that is not iterable
    /// raises CPython's message for it).
    fn list_slice_source(&mut self, value: &Value) -> PyResult<crate::ListItems> {
        if let Some(items) = self.exact_list_or_tuple_slots(value) {
            return Ok(items);
        }
        let it = match self.iter(value) {
            Ok(it) => it,
            Err(e) if self.err_matches(&e, &self.t.exc.type_error.clone()) => {
                return Err(self.new_type_error("must assign iterable to extended slice"));
            }
            Err(e) => return Err(e),
        };
        Ok(self.to_vec(&it)?.into())
    }

    fn no_item_assignment(&self, obj: &Value) -> PyErr {
        self.new_type_error(&format!(
            "'{}' object does not support item assignment",
            self.type_name(obj)
        ))
    }

    /// `del obj[key]`.
    pub fn delitem(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        if let Some(f) = self.user_dunder(obj, "__delitem__") {
            self.call(&f, &[obj.clone(), key.clone()])?;
            return Ok(());
        }
        self.delitem_builtin(obj, key)
    }

    /// `delitem` on the builtin payload, ignoring user-level `__delitem__` overrides.
    pub fn delitem_builtin(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        let Value::Obj(o) = obj else {
            return Err(self.new_type_error(&format!(
                "'{}' object doesn't support item deletion",
                self.type_name(obj)
            )));
        };
        match &o.payload {
            Payload::Dict(_) => {
                if self.dict_del_item(obj, key)? {
                    Ok(())
                } else {
                    Err(self.new_key_error(key.clone()))
                }
            }
            Payload::ByteArray(_) => self.bytearray_delitem(o, key),
            Payload::List(l) => {
                let len = l.borrow().len();
                if matches!(key.payload(), Some(Payload::Slice(_))) {
                    let si = self.slice_indices(key, len)?;
                    let mut del: Vec<usize> = si.indices().collect();
                    del.sort_unstable();
                    let removed: Vec<Value>;
                    {
                        let mut list = l.borrow_mut();
                        let mut di = del.iter().peekable();
                        let mut i = 0usize;
                        removed = list.retain_out(|_| {
                            let keep = !di.peek().is_some_and(|d| **d == i);
                            if !keep {
                                di.next();
                            }
                            i += 1;
                            keep
                        });
                    }
                    // A step-1 slice is released last to first (CPython's `list_ass_slice`),
                    // any other in index order.
                    if si.step == 1 {
                        crate::value::release_last_first(removed);
                    } else {
                        drop(removed);
                    }
                    return Ok(());
                }
                if !self.is_index_like(key) {
                    return Err(self.new_type_error(&format!(
                        "list indices must be integers or slices, not {}",
                        self.type_name(key)
                    )));
                }
                let i = self.seq_index(key, len, "list assignment index out of range")?;
                let removed = {
                    let mut list = l.borrow_mut();
                    if i < list.len() {
                        Some(list.remove(i))
                    } else {
                        None
                    }
                };
                drop(removed);
                Ok(())
            }
            _ => {
                let t = self.type_of(obj);
                if let Some(f) = self.lookup_type_attr(&t, "__delitem__").filter(|_| {
                    matches!(
                        o.payload,
                        Payload::Native(_) | Payload::Instance(_) | Payload::Slots(_)
                    )
                }) {
                    self.call(&f, &[obj.clone(), key.clone()])?;
                    return Ok(());
                }
                Err(self.new_type_error(&format!(
                    "'{}' object doesn't support item deletion",
                    self.type_name(obj)
                )))
            }
        }
    }

    /// Number of elements of a range.
    pub fn range_len(&self, start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
        if step.is_positive() {
            if start < stop {
                (stop - start - 1u32) / step + 1u32
            } else {
                BigInt::zero()
            }
        } else if start > stop {
            (start - stop - 1u32) / (-step) + 1u32
        } else {
            BigInt::zero()
        }
    }

    /// `len(v)`.
    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        if let Some(f) = self.user_dunder(v, "__len__") {
            let r = self.call(&f, &[v.clone()])?;
            let n = match &r {
                Value::Int(i) => *i,
                Value::Bool(b) => i64::from(*b),
                _ if self.is_int(&r) => {
                    return Err(
                        self.new_overflow_error("cannot fit 'int' into an index-sized integer")
                    )
                }
                _ => {
                    return Err(self.new_type_error(&format!(
                        "'{}' object cannot be interpreted as an integer",
                        self.type_name(&r)
                    )))
                }
            };
            if n < 0 {
                return Err(self.new_value_error("__len__() should return >= 0"));
            }
            return Ok(n as usize);
        }
        self.len_builtin(v)
    }

    /// `len` on the builtin payload, ignoring user-level `__len__` overrides.
    pub fn len_builtin(&mut self, v: &Value) -> PyResult<usize> {
        if let Value::Obj(o) = v {
            match &o.payload {
                Payload::Str(s) => return Ok(s.char_len()),
                Payload::List(l) => return Ok(l.borrow().len()),
                Payload::Tuple(t) => return Ok(t.len()),
                Payload::Dict(d) => return Ok(d.borrow().len()),
                Payload::Set(s) => return Ok(s.borrow().len()),
                Payload::FrozenSet(s) => return Ok(s.len()),
                Payload::Bytes(b) => return Ok(b.len()),
                Payload::ByteArray(b) => return Ok(b.borrow().len()),
                Payload::DictView { dict, .. } => {
                    if let Payload::Dict(d) = &dict.payload {
                        return Ok(d.borrow().len());
                    }
                }
                Payload::Range(r) => {
                    let r = r.clone();
                    if let (Some(a), Some(b), Some(c)) = (
                        self.as_bigint(&r.start),
                        self.as_bigint(&r.stop),
                        self.as_bigint(&r.step),
                    ) {
                        let n = self.range_len(&a, &b, &c);
                        return n
                            .to_i64()
                            .and_then(|n| usize::try_from(n).ok())
                            .ok_or_else(|| {
                                self.new_overflow_error(
                                    "Python int too large to convert to C ssize_t",
                                )
                            });
                    }
                }
                _ => {
                    let t = self.type_of(v);
                    if let Some(f) = self.lookup_type_attr(&t, "__len__").filter(|_| {
                        matches!(
                            o.payload,
                            Payload::Native(_) | Payload::Instance(_) | Payload::Slots(_)
                        )
                    }) {
                        let r = self.call(&f, &[v.clone()])?;
                        let n = self.to_index(&r)?;
                        return usize::try_from(n)
                            .map_err(|_| self.new_value_error("__len__() should return >= 0"));
                    }
                }
            }
        }
        Err(self.new_type_error(&format!(
            "object of type '{}' has no len()",
            self.type_name(v)
        )))
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        // `int in set` and `str in set` for an exact set: hashed and searched here while every
        // same-hash key met is the item itself (no `==` to run, no `__contains__` to look up).
        if let Some(r) = self.set_contains_quick(container, item) {
            return Ok(r);
        }
        if let Some(f) = self.user_dunder(container, "__contains__") {
            let r = self.call(&f, &[container.clone(), item.clone()])?;
            return self.is_true(&r);
        }
        self.contains_builtin(container, item)
    }

    /// `contains` on the builtin payload, ignoring user-level `__contains__` overrides.
    pub fn contains_builtin(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        if let Value::Obj(o) = container {
            match &o.payload {
                Payload::List(l) => {
                    let mut i = 0;
                    loop {
                        let x = match l.borrow().get(i) {
                            Some(x) => x,
                            None => return Ok(false),
                        };
                        if self.eq(&x, item)? {
                            return Ok(true);
                        }
                        i += 1;
                    }
                }
                Payload::Tuple(t) => {
                    for x in t.iter() {
                        if self.eq(x, item)? {
                            return Ok(true);
                        }
                    }
                    return Ok(false);
                }
                Payload::Str(s) => {
                    return match item.as_str() {
                        Some(sub) => Ok(s.s.contains(sub)),
                        None => Err(self.new_type_error(&format!(
                            "'in <string>' requires string as left operand, not {}",
                            self.type_name(item)
                        ))),
                    }
                }
                Payload::Dict(_) => return Ok(self.dict_get_item(o, item)?.is_some()),
                Payload::Set(_) | Payload::FrozenSet(_) => {
                    return self.set_contains(container, item)
                }
                Payload::DictView { dict, kind } => {
                    let dict = dict.clone();
                    match kind {
                        DictViewKind::Keys => {
                            return Ok(self.dict_get_item(&dict, item)?.is_some())
                        }
                        DictViewKind::Items => {
                            let kv = match item.payload() {
                                Some(Payload::Tuple(t)) if t.len() == 2 => {
                                    (t[0].clone(), t[1].clone())
                                }
                                _ => return Ok(false),
                            };
                            return match self.dict_get_item(&dict, &kv.0)? {
                                Some(v) => self.eq(&v, &kv.1),
                                None => Ok(false),
                            };
                        }
                        DictViewKind::Values => {}
                    }
                }
                Payload::Bytes(_) | Payload::ByteArray(_) => {
                    let hay = self.bytes_like(container)?;
                    if self.is_int(item) {
                        let n = self.index_value(item)?;
                        return match n {
                            Value::Int(n) if (0..256).contains(&n) => {
                                Ok(hay.contains(&u8::try_from(n).unwrap_or(0)))
                            }
                            _ => Err(self.new_value_error("byte must be in range(0, 256)")),
                        };
                    }
                    let needle = self.bytes_like(item)?;
                    return Ok(needle.is_empty()
                        || hay.windows(needle.len()).any(|w| w == needle.as_slice()));
                }
                Payload::Range(r) => {
                    let exact_int = match item {
                        Value::Int(_) | Value::Bool(_) => true,
                        Value::Obj(io) => {
                            matches!(io.payload, Payload::BigInt(_))
                                && ObjRef::ptr_eq(&self.type_of(item), &self.t.int)
                        }
                        _ => false,
                    };
                    if exact_int {
                        let r = r.clone();
                        if let (Some(a), Some(b), Some(c), Some(x)) = (
                            self.as_bigint(&r.start),
                            self.as_bigint(&r.stop),
                            self.as_bigint(&r.step),
                            self.as_bigint(item),
                        ) {
                            let inside = if c.is_positive() {
                                a <= x && x < b
                            } else {
                                b < x && x <= a
                            };
                            return Ok(inside && ((x - a) % &c).is_zero());
                        }
                    }
                }
                _ => {
                    let t = self.type_of(container);
                    if let Some(f) = self.lookup_type_attr(&t, "__contains__").filter(|_| {
                        matches!(
                            o.payload,
                            Payload::Native(_) | Payload::Instance(_) | Payload::Slots(_)
                        )
                    }) {
                        let r = self.call(&f, &[container.clone(), item.clone()])?;
                        return self.is_true(&r);
                    }
                }
            }
        }
        let it = match self.iter(container) {
            Ok(it) => it,
            Err(e) if self.err_matches(&e, &self.t.exc.type_error.clone()) => {
                return Err(self.new_type_error(&format!(
                    "argument of type '{}' is not iterable",
                    self.type_name(container)
                )))
            }
            Err(e) => return Err(e),
        };
        while let Some(x) = self.next(&it)? {
            if self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// Errors inside the `%` formatter: a raised Python exception or a kernel error.
pub enum BridgeErr {
    Py(PyErr),
    K(KernelError),
}

impl From<KernelError> for BridgeErr {
    fn from(e: KernelError) -> Self {
        BridgeErr::K(e)
    }
}

impl From<PyErr> for BridgeErr {
    fn from(e: PyErr) -> Self {
        BridgeErr::Py(e)
    }
}

impl BridgeErr {
    pub fn into_py(self, vm: &Vm) -> PyErr {
        match self {
            BridgeErr::Py(e) => e,
            BridgeErr::K(k) => vm.kernel_err(k),
        }
    }
}

/// Lets the kernels' `%` formatter call back into the VM.
pub struct PercentBridge<'a> {
    pub vm: &'a mut Vm,
}

impl PercentHost<Value> for PercentBridge<'_> {
    type Error = BridgeErr;

    fn get_item(&mut self, mapping: &Value, key: &str) -> Result<Value, BridgeErr> {
        let k = self.vm.new_str(key);
        Ok(self.vm.getitem(mapping, &k)?)
    }

    fn str(&mut self, a: &Value) -> Result<String, BridgeErr> {
        Ok(self.vm.str_string(a)?)
    }

    fn repr(&mut self, a: &Value) -> Result<String, BridgeErr> {
        Ok(self.vm.repr_string(a)?)
    }

    fn ascii(&mut self, a: &Value) -> Result<String, BridgeErr> {
        let r = self.vm.repr_string(a)?;
        let mut out = String::new();
        for c in r.chars() {
            let n = c as u32;
            if n < 128 {
                out.push(c);
            } else if n <= 0xff {
                out.push_str(&format!("\\x{n:02x}"));
            } else if n <= 0xffff {
                out.push_str(&format!("\\u{n:04x}"));
            } else {
                out.push_str(&format!("\\U{n:08x}"));
            }
        }
        Ok(out)
    }

    fn int_value(&mut self, a: &Value, conv: char) -> Result<BigInt, BridgeErr> {
        if let Some(b) = self.vm.as_bigint(a) {
            return Ok(b);
        }
        if let Value::Float(f) = a {
            if matches!(conv, 'd' | 'i' | 'u') {
                return Ok(crate::kernels::float_fmt::float_to_bigint(f.get().trunc())?);
            }
        }
        let tn = self.vm.type_name(a);
        if matches!(conv, 'o' | 'x' | 'X') {
            let t = self.vm.type_of(a);
            if self.vm.lookup_type_attr(&t, "__index__").is_some() {
                let v = self.vm.index_value(a)?;
                return Ok(self.vm.as_bigint(&v).unwrap_or_default());
            }
        } else {
            let t = self.vm.type_of(a);
            if self.vm.lookup_type_attr(&t, "__int__").is_some() {
                let f = self
                    .vm
                    .lookup_type_attr(&t, "__int__")
                    .unwrap_or(Value::None);
                let v = self.vm.call(&f, &[a.clone()])?;
                return Ok(self.vm.as_bigint(&v).unwrap_or_default());
            }
            if let Some(Payload::Float(f)) = a.payload() {
                return Ok(crate::kernels::float_fmt::float_to_bigint(f.trunc())?);
            }
            if self.vm.lookup_type_attr(&t, "__index__").is_some() {
                let v = self.vm.index_value(a)?;
                return Ok(self.vm.as_bigint(&v).unwrap_or_default());
            }
        }
        Err(BridgeErr::K(crate::kernels::percent::int_type_error(
            conv, &tn,
        )))
    }

    fn float_value(&mut self, a: &Value) -> Result<f64, BridgeErr> {
        match self.vm.to_f64(a) {
            Ok(f) => Ok(f),
            Err(_) => Err(BridgeErr::Py(self.vm.new_type_error(&format!(
                "must be real number, not {}",
                self.vm.type_name(a)
            )))),
        }
    }

    fn char_value(&mut self, a: &Value) -> Result<CharArg, BridgeErr> {
        if let Some(s) = a.as_str() {
            let mut it = s.chars();
            if let (Some(c), None) = (it.next(), it.next()) {
                return Ok(CharArg::Char(c));
            }
        }
        if let Some(b) = self.vm.as_bigint(a) {
            return Ok(CharArg::Int(b));
        }
        Err(BridgeErr::K(crate::kernels::percent::char_type_error()))
    }

    fn star_value(&mut self, a: &Value) -> Result<i64, BridgeErr> {
        match a {
            Value::Int(i) => Ok(*i),
            _ => Err(BridgeErr::K(crate::kernels::percent::star_type_error())),
        }
    }
}

/// Replaces the step-1 slice `si` of `list` with `items` (a `stop` before `start` inserts at
/// `start`), returning the removed values for the caller to drop once the list is released.
///
/// The same number of items (`a[:n] = a[1:n + 1]`, `p[:k] = p[k - 1::-1]`) are swapped into
/// place, the old ones handed back in `items`' buffer.
fn splice_contiguous(
    list: &mut crate::ListItems,
    si: &SliceIdx,
    items: crate::ListItems,
) -> crate::ListItems {
    let start = usize::try_from(si.start).unwrap_or(0).min(list.len());
    let stop = usize::try_from(si.stop)
        .unwrap_or(0)
        .clamp(start, list.len());
    list.splice_items(start..stop, items)
}

/// `slice(start, stop, step).indices(len)` when every part is `None` or an `int`, so that no
/// `__index__` can run: what [`Vm::slice_indices`] gives for them. `None` for any other part,
/// and for a zero step (which raises).
#[inline]
pub(crate) fn int_slice(start: &Value, stop: &Value, step: &Value, len: usize) -> Option<SliceIdx> {
    let part = |v: &Value, default: i64| match v {
        Value::None => Some(default),
        Value::Int(i) => Some(*i),
        _ => None,
    };
    let step = part(step, 1)?;
    if step == 0 {
        return None;
    }
    let step = step.max(-i64::MAX);
    let (dstart, dstop) = if step < 0 {
        (i64::MAX, i64::MIN)
    } else {
        (0, i64::MAX)
    };
    let start = part(start, dstart)?;
    let stop = part(stop, dstop)?;
    Some(resolve_slice(start, stop, step, len))
}

/// Clamps `start`/`stop` (already defaulted) to a sequence of `len` items and counts the
/// selected indexes (`PySlice_AdjustIndices`).
#[inline]
fn resolve_slice(mut start: i64, mut stop: i64, step: i64, len: usize) -> SliceIdx {
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    let adjust = |x: &mut i64| {
        if *x < 0 {
            *x = x.saturating_add(len);
            if *x < 0 {
                *x = if step < 0 { -1 } else { 0 };
            }
        } else if *x >= len {
            *x = if step < 0 { len - 1 } else { len };
        }
    };
    adjust(&mut start);
    adjust(&mut stop);
    let n = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    SliceIdx {
        start,
        stop,
        step,
        len: n as usize,
    }
}

/// The items of `items` a resolved slice selects.
#[inline]
pub(crate) fn slice_items(items: &[Value], si: &SliceIdx) -> Vec<Value> {
    if si.step == 1 {
        let start = usize::try_from(si.start).unwrap_or(0);
        if let Some(part) = items.get(start..start.saturating_add(si.len)) {
            return part.to_vec();
        }
    }
    let mut out = Vec::with_capacity(si.len.min(items.len()));
    let mut i = si.start;
    for _ in 0..si.len {
        match usize::try_from(i).ok().and_then(|j| items.get(j)) {
            Some(v) => out.push(v.clone()),
            None => break,
        }
        i = i.wrapping_add(si.step);
    }
    out
}
