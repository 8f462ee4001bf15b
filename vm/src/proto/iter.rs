//! Iteration: `iter()` and `next()` for builtin iterators, generators and user iterators.

use crate::object::{DictViewKind, IterState, ObjRef, Payload};
use crate::value::Value;
use crate::{PyResult, Vm};
use num_traits::Signed;
use smallvec::SmallVec;
use std::cell::RefCell;

impl Vm {
    /// A builtin iterator object of class `class`.
    pub fn new_iterator(&self, class: &ObjRef, st: IterState) -> Value {
        Value::Obj(self.alloc(class, Payload::Iter(RefCell::new(st))))
    }

    /// `iter(v)`.
    pub fn iter(&mut self, v: &Value) -> PyResult<Value> {
        let Value::Obj(o) = v else {
            return Err(self.not_iterable(v));
        };
        let heap = o
            .class
            .as_ref()
            .is_some_and(|c| c.as_type().is_some_and(|t| t.heap));
        if heap
            || matches!(
                o.payload,
                Payload::Native(_) | Payload::Instance(_) | Payload::Slots(_)
            )
        {
            let cls = self.type_of(v);
            if let Some(f) = self.lookup_type_attr(&cls, "__iter__") {
                if f.is_none() {
                    return Err(self.not_iterable(v));
                }
                let builtin_payload = !matches!(
                    o.payload,
                    Payload::Native(_) | Payload::Instance(_) | Payload::Slots(_)
                );
                if builtin_payload && matches!(f.payload(), Some(Payload::NativeFunction(_))) {
                    return self.iter_builtin(v);
                }
                let it = self.call(&f, &[v.clone()])?;
                let itc = self.type_of(&it);
                let ok = matches!(it.payload(), Some(Payload::Iter(_) | Payload::Generator(_)))
                    || self.lookup_type_attr(&itc, "__next__").is_some();
                if !ok {
                    return Err(self.new_type_error(&format!(
                        "iter() returned non-iterator of type '{}'",
                        self.type_name(&it)
                    )));
                }
                return Ok(it);
            }
        }
        self.iter_builtin(v)
    }

    /// `iter(v)` by payload, ignoring user-level `__iter__`.
    pub fn iter_builtin(&mut self, v: &Value) -> PyResult<Value> {
        let Value::Obj(o) = v else {
            return Err(self.not_iterable(v));
        };
        let t = &self.t;
        let st = match &o.payload {
            Payload::List(_) => (
                t.list_iterator.clone(),
                IterState::Seq {
                    seq: o.clone(),
                    idx: 0,
                },
            ),
            Payload::Tuple(_) => (
                t.tuple_iterator.clone(),
                IterState::Seq {
                    seq: o.clone(),
                    idx: 0,
                },
            ),
            Payload::Str(s) => {
                let cls = if s.is_ascii() {
                    t.str_iterator.clone()
                } else {
                    t.str_uiterator.clone()
                };
                (
                    cls,
                    IterState::Str {
                        obj: o.clone(),
                        pos: 0,
                    },
                )
            }
            Payload::Bytes(_) | Payload::ByteArray(_) => (
                t.bytes_iterator.clone(),
                IterState::Bytes {
                    obj: o.clone(),
                    idx: 0,
                },
            ),
            Payload::Range(r) => match (&r.start, &r.stop, &r.step) {
                (Value::Int(a), Value::Int(b), Value::Int(c)) if fast_range(*a, *b, *c) => {
                    let state = match i32::try_from(*c) {
                        Ok(step) => IterState::Range {
                            cur: *a,
                            stop: *b,
                            step,
                        },
                        // A step beyond `i32` (rare) keeps CPython's `range_iterator` type
                        // but the general state.
                        Err(_) => {
                            let (start, stop, step) = (
                                num_bigint::BigInt::from(*a),
                                num_bigint::BigInt::from(*b),
                                num_bigint::BigInt::from(*c),
                            );
                            let left = self.range_len(&start, &stop, &step);
                            IterState::BigRange(Box::new(crate::object::BigRangeIter {
                                cur: start,
                                step,
                                left,
                            }))
                        }
                    };
                    (t.range_iterator.clone(), state)
                }
                _ => {
                    let r = r.clone();
                    let Some((start, stop, step)) = self.range_bounds(&r) else {
                        return Err(self.new_system_error("bad range"));
                    };
                    let left = self.range_len(&start, &stop, &step);
                    let st = crate::object::BigRangeIter {
                        cur: start,
                        step,
                        left,
                    };
                    (
                        self.t.longrange_iterator.clone(),
                        IterState::BigRange(Box::new(st)),
                    )
                }
            },
            Payload::Dict(d) => {
                let n = d.borrow().len();
                (
                    t.dict_keyiterator.clone(),
                    IterState::Dict {
                        dict: o.clone(),
                        pos: 0,
                        kind: DictViewKind::Keys,
                        expect_len: expect_len(n),
                    },
                )
            }
            Payload::DictView { dict, kind } => {
                let n = match &dict.payload {
                    Payload::Dict(d) => d.borrow().len(),
                    _ => 0,
                };
                let cls = match kind {
                    DictViewKind::Keys => t.dict_keyiterator.clone(),
                    DictViewKind::Values => t.dict_valueiterator.clone(),
                    DictViewKind::Items => t.dict_itemiterator.clone(),
                };
                (
                    cls,
                    IterState::Dict {
                        dict: dict.clone(),
                        pos: 0,
                        kind: *kind,
                        expect_len: expect_len(n),
                    },
                )
            }
            Payload::Set(s) => {
                let items = s.borrow().items();
                let n = items.len();
                (
                    t.set_iterator.clone(),
                    IterState::Snapshot(Box::new(crate::object::SnapshotIter {
                        items: items.into(),
                        idx: 0,
                        source: Some(o.clone()),
                        expect_len: n,
                    })),
                )
            }
            Payload::FrozenSet(s) => {
                let items = s.items();
                (
                    t.set_iterator.clone(),
                    IterState::Snapshot(Box::new(crate::object::SnapshotIter {
                        items: items.into(),
                        idx: 0,
                        source: None,
                        expect_len: 0,
                    })),
                )
            }
            Payload::Iter(_) | Payload::Generator(_) => return Ok(v.clone()),
            _ => {
                let cls = self.type_of(v);
                if let Some(f) = self.lookup_type_attr(&cls, "__iter__") {
                    if !matches!(
                        o.payload,
                        Payload::Instance(_) | Payload::Slots(_) | Payload::Native(_)
                    ) || !matches!(f.payload(), Some(Payload::NativeFunction(nf)) if nf.name.as_ref() == "__iter__" && nf.owner.is_some())
                    {
                        return self.call(&f, &[v.clone()]);
                    }
                }
                if self.lookup_type_attr(&cls, "__getitem__").is_some() {
                    return Ok(self.new_iterator(
                        &self.t.seq_iterator.clone(),
                        IterState::GetItem(Box::new(crate::object::GetItemIter {
                            obj: v.clone(),
                            idx: 0,
                        })),
                    ));
                }
                return Err(self.not_iterable(v));
            }
        };
        Ok(self.new_iterator(&st.0, st.1))
    }

    fn not_iterable(&self, v: &Value) -> crate::PyErr {
        self.new_type_error(&format!("'{}' object is not iterable", self.type_name(v)))
    }

    /// `next(it)`: `Ok(None)` when exhausted.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        self.tick()?;
        let Value::Obj(o) = it else {
            return Err(self.not_an_iterator(it));
        };
        match &o.payload {
            Payload::Iter(cell) => self.next_builtin(cell),
            Payload::Generator(_) => {
                let g = o.clone();
                self.gen_next(&g)
            }
            _ => {
                let cls = self.type_of(it);
                match self.lookup_type_attr(&cls, "__next__") {
                    Some(f) => match self.call(&f, &[it.clone()]) {
                        Ok(v) => Ok(Some(v)),
                        Err(e) if self.err_matches(&e, &self.t.exc.stop_iteration.clone()) => {
                            Ok(None)
                        }
                        Err(e) => Err(e),
                    },
                    None => Err(self.not_an_iterator(it)),
                }
            }
        }
    }

    fn not_an_iterator(&self, v: &Value) -> crate::PyErr {
        self.new_type_error(&format!(
            "'{}' object is not an iterator",
            self.type_name(v)
        ))
    }

    fn next_builtin(&mut self, cell: &RefCell<IterState>) -> PyResult<Option<Value>> {
        // Fast, borrow-only states first.
        {
            let mut st = cell.borrow_mut();
            match &mut *st {
                IterState::Seq { seq, idx } => {
                    let item = match &seq.payload {
                        Payload::List(l) => l.borrow().get(*idx),
                        Payload::Tuple(t) => t.get(*idx).cloned(),
                        _ => None,
                    };
                    return Ok(match item {
                        Some(v) => {
                            *idx += 1;
                            Some(v)
                        }
                        None => {
                            *st = IterState::Exhausted;
                            None
                        }
                    });
                }
                IterState::SeqRev { seq, idx } => {
                    let item = match &seq.payload {
                        Payload::List(l) => {
                            let l = l.borrow();
                            if *idx == 0 || *idx > l.len() {
                                None
                            } else {
                                l.get(*idx - 1)
                            }
                        }
                        Payload::Tuple(t) => {
                            if *idx == 0 {
                                None
                            } else {
                                t.get(*idx - 1).cloned()
                            }
                        }
                        _ => None,
                    };
                    return Ok(match item {
                        Some(v) => {
                            *idx -= 1;
                            Some(v)
                        }
                        None => {
                            *st = IterState::Exhausted;
                            None
                        }
                    });
                }
                IterState::Range { cur, stop, step } => {
                    let more = if *step > 0 {
                        *cur < *stop
                    } else {
                        *cur > *stop
                    };
                    if !more {
                        return Ok(None);
                    }
                    let v = *cur;
                    match cur.checked_add(i64::from(*step)) {
                        Some(n) => *cur = n,
                        None => *cur = *stop,
                    }
                    return Ok(Some(Value::Int(v)));
                }
                IterState::BigRange(r) => {
                    if !r.left.is_positive() {
                        return Ok(None);
                    }
                    let next = &r.cur + &r.step;
                    let v = std::mem::replace(&mut r.cur, next);
                    r.left -= 1u32;
                    return Ok(Some(self.new_int_big(v)));
                }
                IterState::Str { obj, pos } => {
                    let s = obj.as_str().unwrap_or_default();
                    let Some(c) = s.get(*pos..).and_then(|r| r.chars().next()) else {
                        // Exhausted: the text is released (and `__reduce__` says so).
                        *st = IterState::Exhausted;
                        return Ok(None);
                    };
                    *pos += c.len_utf8();
                    return Ok(Some(self.char_str(c)));
                }
                IterState::Bytes { obj, idx } => {
                    let b = match &obj.payload {
                        Payload::Bytes(b) => b.get(*idx).copied(),
                        Payload::ByteArray(b) => b.borrow().get(*idx).copied(),
                        _ => None,
                    };
                    if b.is_some() {
                        *idx += 1;
                    }
                    return Ok(b.map(|b| Value::Int(i64::from(b))));
                }
                IterState::Dict {
                    dict,
                    pos,
                    kind,
                    expect_len,
                } => {
                    let Payload::Dict(d) = &dict.payload else {
                        return Ok(None);
                    };
                    let d = d.borrow();
                    if d.len() != *expect_len as usize {
                        *expect_len = u32::MAX;
                        drop(d);
                        return Err(
                            self.new_runtime_error("dictionary changed size during iteration")
                        );
                    }
                    while *pos < d.capacity_positions() {
                        let p = *pos;
                        *pos += 1;
                        if let Some(e) = d.entry_at(p) {
                            let (k, v) = (e.key.clone(), e.value.clone());
                            let kind = *kind;
                            drop(d);
                            return Ok(Some(match kind {
                                DictViewKind::Keys => k,
                                DictViewKind::Values => v,
                                DictViewKind::Items => self.new_tuple(vec![k, v]),
                            }));
                        }
                    }
                    return Ok(None);
                }
                IterState::Snapshot(snap) => {
                    let crate::object::SnapshotIter {
                        items,
                        idx,
                        source,
                        expect_len,
                    } = &mut **snap;
                    if let Some(src) = source {
                        if let Payload::Set(s) = &src.payload {
                            if s.borrow().len() != *expect_len {
                                *expect_len = usize::MAX;
                                return Err(
                                    self.new_runtime_error("Set changed size during iteration")
                                );
                            }
                        }
                    }
                    let v = items.get(*idx).cloned();
                    if v.is_some() {
                        *idx += 1;
                    }
                    return Ok(v);
                }
                IterState::Exhausted => return Ok(None),
                _ => {}
            }
        }
        let zip = match &*cell.borrow() {
            IterState::Zip(z) => Some((z.its.clone(), z.strict)),
            _ => None,
        };
        if let Some((its, strict)) = zip {
            let r = self.zip_next(cell, &its, strict);
            return match r {
                Err(e) if self.err_matches(&e, &self.t.exc.stop_iteration.clone()) => {
                    *cell.borrow_mut() = IterState::Exhausted;
                    Ok(None)
                }
                r => r,
            };
        }
        // States that call back into Python: copy out, release the borrow, then call.
        let snapshot = {
            let st = cell.borrow();
            match &*st {
                IterState::GetItem(g) => {
                    Some((0, g.obj.clone(), Value::Int(g.idx), SmallVec::new()))
                }
                IterState::Callable(c) => {
                    Some((1, c.func.clone(), c.sentinel.clone(), SmallVec::new()))
                }
                IterState::Enumerate(e) => Some((2, e.it.clone(), e.idx.clone(), SmallVec::new())),
                // `map`'s iterators and each call's arguments live in inline vectors: no
                // allocation per item for up to four iterables.
                IterState::Map(m) => Some((
                    4,
                    m.func.clone(),
                    Value::None,
                    m.its.iter().cloned().collect(),
                )),
                IterState::Filter(fi) => Some((5, fi.func.clone(), fi.it.clone(), SmallVec::new())),
                _ => None,
            }
        };
        let Some((kind, a, b, its)) = snapshot else {
            return Ok(None);
        };
        let r = self.next_stateful(cell, kind, a, b, its);
        match r {
            Err(e) if self.err_matches(&e, &self.t.exc.stop_iteration.clone()) => {
                *cell.borrow_mut() = IterState::Exhausted;
                Ok(None)
            }
            r => r,
        }
    }

    fn next_stateful(
        &mut self,
        cell: &RefCell<IterState>,
        kind: u8,
        a: Value,
        b: Value,
        its: SmallVec<[Value; 4]>,
    ) -> PyResult<Option<Value>> {
        match kind {
            0 => match self.getitem(&a, &b) {
                Ok(v) => {
                    if let IterState::GetItem(g) = &mut *cell.borrow_mut() {
                        g.idx += 1;
                    }
                    Ok(Some(v))
                }
                Err(e)
                    if self.err_matches(&e, &self.t.exc.index_error.clone())
                        || self.err_matches(&e, &self.t.exc.stop_iteration.clone()) =>
                {
                    *cell.borrow_mut() = IterState::Exhausted;
                    Ok(None)
                }
                Err(e) => Err(e),
            },
            1 => {
                let v = self.call(&a, &[])?;
                if self.eq(&v, &b)? {
                    *cell.borrow_mut() = IterState::Exhausted;
                    return Ok(None);
                }
                Ok(Some(v))
            }
            2 => match self.next(&a)? {
                Some(v) => {
                    let next_idx =
                        self.binary_op(&b, &Value::Int(1), crate::proto::arith::BinOp::Add, false)?;
                    if let IterState::Enumerate(e) = &mut *cell.borrow_mut() {
                        e.idx = next_idx;
                    }
                    Ok(Some(self.new_tuple(vec![b, v])))
                }
                None => Ok(None),
            },
            4 => {
                let mut args: SmallVec<[Value; 4]> = SmallVec::new();
                for it in &its {
                    match self.next(it)? {
                        Some(v) => args.push(v),
                        None => {
                            *cell.borrow_mut() = IterState::Exhausted;
                            return Ok(None);
                        }
                    }
                }
                self.call(&a, &args).map(Some)
            }
            _ => loop {
                let Some(v) = self.next(&b)? else {
                    *cell.borrow_mut() = IterState::Exhausted;
                    return Ok(None);
                };
                let keep = if a.is_none() {
                    self.is_true(&v)?
                } else {
                    let r = self.call(&a, &[v.clone()])?;
                    self.is_true(&r)?
                };
                if keep {
                    return Ok(Some(v));
                }
            },
        }
    }

    /// One step of `zip`.
    fn zip_next(
        &mut self,
        cell: &RefCell<IterState>,
        its: &[Value],
        strict: bool,
    ) -> PyResult<Option<Value>> {
        if its.is_empty() {
            return Ok(None);
        }
        let mut out = Vec::with_capacity(its.len());
        for (i, it) in its.iter().enumerate() {
            match self.next(it)? {
                Some(v) => out.push(v),
                None => {
                    *cell.borrow_mut() = IterState::Exhausted;
                    if strict {
                        if i > 0 {
                            let plural = if i == 1 { " " } else { "s 1-" };
                            return Err(self.new_value_error(&format!(
                                "zip() argument {} is shorter than argument{}{}",
                                i + 1,
                                plural,
                                i
                            )));
                        }
                        for (j, rest) in its.iter().enumerate().skip(1) {
                            if self.next(rest)?.is_some() {
                                let plural = if j == 1 { " " } else { "s 1-" };
                                return Err(self.new_value_error(&format!(
                                    "zip() argument {} is longer than argument{}{}",
                                    j + 1,
                                    plural,
                                    j
                                )));
                            }
                        }
                    }
                    return Ok(None);
                }
            }
        }
        Ok(Some(self.zip_result(cell, out)))
    }

    /// The tuple `zip` returns: the previous one refilled when only the iterator still holds
    /// it and both old and new items are atomic (so it is untracked by the cycle collector and
    /// dropping the old items runs no code), else a new one.
    fn zip_result(&mut self, cell: &RefCell<IterState>, out: Vec<Value>) -> Value {
        let atomic = !out.iter().any(crate::gc::may_hold_refs);
        let mut st = cell.borrow_mut();
        let IterState::Zip(z) = &mut *st else {
            return self.new_tuple(out);
        };
        let last = &mut z.last;
        if atomic {
            if let Some(t) = last.as_mut() {
                if let Some(obj) = ObjRef::get_mut(t) {
                    if let Payload::Tuple(items) = &mut obj.payload {
                        if items.len() == out.len() {
                            for (slot, v) in items.iter_mut().zip(out) {
                                *slot = v;
                            }
                            return Value::Obj(t.clone());
                        }
                    }
                }
            }
        }
        let t = self.new_tuple(out);
        *last = match (&t, atomic) {
            (Value::Obj(o), true) => Some(o.clone()),
            _ => None,
        };
        t
    }
}

/// Whether `range(start, stop, step)` iterates as a `range_iterator` (CPython's test: the
/// length and the value one step past the end fit a machine int); otherwise `longrange_iterator`.
/// A dict's length as [`IterState::Dict`] keeps it (a table's positions fit in `u32`).
fn expect_len(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn fast_range(start: i64, stop: i64, step: i64) -> bool {
    let span = if step > 0 {
        i128::from(stop) - i128::from(start)
    } else {
        i128::from(start) - i128::from(stop)
    };
    if span <= 0 {
        return true;
    }
    let len = (span - 1) / i128::from(step).abs() + 1;
    if len > i128::from(i64::MAX) {
        return false;
    }
    if step > 0 {
        i128::from(stop) <= i128::from(i64::MAX) - (i128::from(step) - 1)
    } else {
        i128::from(stop) >= i128::from(i64::MIN) + (-1 - i128::from(step))
    }
}
