//! Conversions: truthiness, `__index__`, floats, iterating into vectors.

use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

impl Vm {
    /// `bool(v)`.
    pub fn is_true(&mut self, v: &Value) -> PyResult<bool> {
        match v {
            Value::Bool(b) => Ok(b.get()),
            Value::None | Value::Null => Ok(false),
            Value::Int(i) => Ok(*i != 0),
            Value::Float(f) => Ok(*f != 0.0),
            Value::Obj(o) => {
                let heap = o
                    .class
                    .as_ref()
                    .is_some_and(|c| c.as_type().is_some_and(|t| t.heap));
                if heap {
                    let cls = self.type_of(v);
                    if let Some(f) = self.lookup_type_attr(&cls, "__bool__") {
                        if !matches!(f.payload(), Some(Payload::NativeFunction(_)))
                            || self.is_extension_method(&f)
                        {
                            let r = self.call(&f, &[v.clone()])?;
                            return match r {
                                Value::Bool(b) => Ok(b.get()),
                                _ => Err(self.new_type_error(&format!(
                                    "__bool__ should return bool, returned {}",
                                    self.type_name(&r)
                                ))),
                            };
                        }
                    }
                    if let Some(f) = self.lookup_type_attr(&cls, "__len__") {
                        if !matches!(f.payload(), Some(Payload::NativeFunction(_)))
                            || self.is_extension_method(&f)
                        {
                            let n = self.len(v)?;
                            return Ok(n != 0);
                        }
                    }
                }
                Ok(match &o.payload {
                    Payload::Str(s) => !s.s.is_empty(),
                    Payload::BigInt(b) => b.sign() != num_bigint::Sign::NoSign,
                    Payload::Float(f) => *f != 0.0,
                    Payload::Complex { re, im } => *re != 0.0 || *im != 0.0,
                    Payload::Bytes(b) => !b.is_empty(),
                    Payload::ByteArray(b) => !b.borrow().is_empty(),
                    Payload::List(l) => !l.borrow().is_empty(),
                    Payload::Tuple(t) => !t.is_empty(),
                    Payload::Dict(d) => !d.borrow().is_empty(),
                    Payload::Set(s) => !s.borrow().is_empty(),
                    Payload::FrozenSet(s) => !s.is_empty(),
                    Payload::Range(r) => {
                        let r = r.clone();
                        self.range_bounds(&r).is_some_and(|(a, b, c)| {
                            if c.is_positive() {
                                a < b
                            } else {
                                a > b
                            }
                        })
                    }
                    Payload::DictView { .. } => self.len(v)? != 0,
                    _ => {
                        if matches!(
                            o.payload,
                            Payload::Native(_) | Payload::Instance(_) | Payload::Slots(_)
                        ) {
                            let cls = self.type_of(v);
                            if let Some(f) = self.lookup_type_attr(&cls, "__len__") {
                                let r = self.call(&f, &[v.clone()])?;
                                return self.is_true(&r);
                            }
                        }
                        true
                    }
                })
            }
        }
    }

    /// `operator.index(v)` as a `Value` (an `int`).
    pub fn index_value(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::Int(_) => Ok(v.clone()),
            Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
            Value::Obj(o) if matches!(o.payload, Payload::BigInt(_)) => {
                if let Payload::BigInt(b) = &o.payload {
                    Ok(self.new_int_big(b.clone()))
                } else {
                    Ok(v.clone())
                }
            }
            _ => {
                let cls = self.type_of(v);
                if let Some(f) = self.lookup_type_attr(&cls, "__index__") {
                    let r = self.call(&f, &[v.clone()])?;
                    if matches!(r, Value::Int(_)) || matches!(r.payload(), Some(Payload::BigInt(_)))
                    {
                        return Ok(r);
                    }
                    return Err(self.new_type_error(&format!(
                        "__index__ returned non-int (type {})",
                        self.type_name(&r)
                    )));
                }
                Err(self.new_type_error(&format!(
                    "'{}' object cannot be interpreted as an integer",
                    self.type_name(v)
                )))
            }
        }
    }

    /// `operator.index(v)` as `i64` (OverflowError if it does not fit).
    pub fn to_index(&mut self, v: &Value) -> PyResult<i64> {
        match self.index_value(v)? {
            Value::Int(i) => Ok(i),
            other => match other.payload() {
                Some(Payload::BigInt(b)) => b.to_i64().ok_or_else(|| {
                    self.new_overflow_error("Python int too large to convert to C ssize_t")
                }),
                _ => Err(self.new_type_error("an integer is required")),
            },
        }
    }

    /// An `int` value as a `BigInt` (bools included), or `None` if not an int.
    pub fn as_bigint(&self, v: &Value) -> Option<BigInt> {
        match v {
            Value::Int(i) => Some(BigInt::from(*i)),
            Value::Bool(b) => Some(BigInt::from(i64::from(*b))),
            Value::Obj(o) => match &o.payload {
                Payload::BigInt(b) => Some(b.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    /// Is `v` an `int` (including bool and int subclasses)?
    pub fn is_int(&self, v: &Value) -> bool {
        matches!(v, Value::Int(_) | Value::Bool(_))
            || matches!(v.payload(), Some(Payload::BigInt(_)))
    }

    /// `float(v)` for numbers (ints, floats, `__float__`, `__index__`).
    pub fn to_f64(&mut self, v: &Value) -> PyResult<f64> {
        match v {
            Value::Float(f) => Ok(f.get()),
            #[allow(clippy::cast_precision_loss)]
            Value::Int(i) => Ok(*i as f64),
            Value::Bool(b) => Ok(f64::from(u8::from(*b))),
            Value::Obj(o) => match &o.payload {
                Payload::Float(f) => Ok(*f),
                Payload::BigInt(b) => bigint_to_f64(b)
                    .ok_or_else(|| self.new_overflow_error("int too large to convert to float")),
                _ => {
                    let cls = self.type_of(v);
                    if let Some(f) = self.lookup_type_attr(&cls, "__float__") {
                        let r = self.call(&f, &[v.clone()])?;
                        if let Value::Float(x) = r {
                            return Ok(x.get());
                        }
                        return Err(self.new_type_error(&format!(
                            "{}.__float__ returned non-float (type {})",
                            self.type_name(v),
                            self.type_name(&r)
                        )));
                    }
                    if self.lookup_type_attr(&cls, "__index__").is_some() {
                        let i = self.index_value(v)?;
                        return self.to_f64(&i);
                    }
                    Err(self
                        .new_type_error(&format!("must be real number, not {}", self.type_name(v))))
                }
            },
            _ => {
                Err(self.new_type_error(&format!("must be real number, not {}", self.type_name(v))))
            }
        }
    }

    /// Iterates `v` to the end, collecting the items.
    pub fn to_vec(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        if let Some(items) = self.exact_list_or_tuple_items(v) {
            return Ok(items);
        }
        if let Some(Payload::Range(r)) = v.payload() {
            if let Some(items) = small_range_items(r) {
                return Ok(items);
            }
            // As CPython's length hint: a range longer than `sys.maxsize` raises OverflowError
            // instead of being iterated.
            self.len(v)?;
        }
        let it = self.iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            // A guest can iterate something huge: growth that the allocator refuses is a
            // `MemoryError`, as in CPython, not an abort.
            if out.len() == out.capacity() && out.try_reserve(out.len().max(8)).is_err() {
                return Err(self.new_exception(&self.t.exc.memory_error.clone(), vec![]));
            }
            out.push(x);
        }
        Ok(out)
    }

    /// [`Vm::exact_list_or_tuple_items`] in list slots.
    pub(crate) fn exact_list_or_tuple_slots(&self, v: &Value) -> Option<crate::ListItems> {
        let Value::Obj(o) = v else { return None };
        let cls = o.class.as_ref()?;
        match &o.payload {
            Payload::List(l) if ObjRef::ptr_eq(cls, &self.t.list) => Some(l.borrow().clone()),
            Payload::Tuple(t) if ObjRef::ptr_eq(cls, &self.t.tuple) => {
                Some(t.iter().cloned().collect())
            }
            _ => None,
        }
    }

    /// The items of an exact `list` or `tuple`, read without iterating (`None` for anything
    /// else). Only exact types take this fast path, as in CPython: a subclass may override
    /// `__iter__`.
    pub(crate) fn exact_list_or_tuple_items(&self, v: &Value) -> Option<Vec<Value>> {
        let Value::Obj(o) = v else { return None };
        let cls = o.class.as_ref()?;
        match &o.payload {
            Payload::List(l) if ObjRef::ptr_eq(cls, &self.t.list) => Some(l.borrow().to_vec()),
            Payload::Tuple(t) if ObjRef::ptr_eq(cls, &self.t.tuple) => Some(t.to_vec()),
            _ => None,
        }
    }

    /// Is `v` an object whose class is exactly `ty` (not a subclass)? No reference count is
    /// taken (unlike comparing [`Vm::type_of`]).
    #[inline]
    pub fn is_exact_instance(v: &Value, ty: &ObjRef) -> bool {
        match v {
            Value::Obj(o) => o.class.as_ref().is_some_and(|c| ObjRef::ptr_eq(c, ty)),
            _ => false,
        }
    }

    /// The one-character `str` of `c`: for U+0000..U+00FF the VM's shared object (as CPython
    /// shares them: no allocation, and `s[0] is s[0]`), a new object otherwise.
    #[inline]
    pub fn char_str(&self, c: char) -> Value {
        match self.t.latin1_chars.get(c as usize) {
            Some(v) => v.clone(),
            None => {
                let mut buf = [0u8; 4];
                self.new_str(c.encode_utf8(&mut buf))
            }
        }
    }

    /// The class object of a value if the value is a class.
    pub fn as_class(&self, v: &Value) -> Option<ObjRef> {
        match v {
            Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => Some(o.clone()),
            _ => None,
        }
    }
}

/// Correctly rounded conversion of a big integer to `f64` (`None` on overflow).
pub fn bigint_to_f64(b: &BigInt) -> Option<f64> {
    let f = b.to_f64()?;
    if f.is_finite() {
        Some(f)
    } else {
        None
    }
}

/// The items of a `range` of machine ints with at most 65,536 items, computed directly (the
/// same values iteration would produce); `None` for any other range.
fn small_range_items(r: &crate::object::RangeData) -> Option<Vec<Value>> {
    let (Value::Int(start), Value::Int(stop), Value::Int(step)) = (&r.start, &r.stop, &r.step)
    else {
        return None;
    };
    let (start, stop, step) = (i128::from(*start), i128::from(*stop), i128::from(*step));
    let n = if step > 0 && stop > start {
        (stop - start + step - 1) / step
    } else if step < 0 && start > stop {
        (start - stop - step - 1) / -step
    } else if step != 0 {
        0
    } else {
        return None;
    };
    let n = usize::try_from(n).ok().filter(|&n| n <= 1 << 16)?;
    let mut out = Vec::with_capacity(n);
    let mut x = start;
    for _ in 0..n {
        out.push(Value::Int(i64::try_from(x).ok()?));
        x += step;
    }
    Some(out)
}
