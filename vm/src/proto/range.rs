//! `range` objects with bounds of any size: element access, slicing, and the key that
//! `range.__eq__` / `range.__hash__` compare (CPython's `range_equals` / `range_hash` rules).

use crate::object::{Payload, RangeData};
use crate::value::Value;
use crate::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

impl Vm {
    /// `(start, stop, step)` of a range as big ints.
    pub fn range_bounds(&self, r: &crate::object::RangeData) -> Option<(BigInt, BigInt, BigInt)> {
        Some((
            self.as_bigint(&r.start)?,
            self.as_bigint(&r.stop)?,
            self.as_bigint(&r.step)?,
        ))
    }

    /// What identifies a range as a sequence (CPython's `range.__eq__` / `__hash__`): its
    /// length, its start when non-empty and its step when longer than one.
    pub fn range_key(
        &self,
        r: &crate::object::RangeData,
    ) -> Option<(BigInt, Option<BigInt>, Option<BigInt>)> {
        let (start, stop, step) = self.range_bounds(r)?;
        let n = self.range_len(&start, &stop, &step);
        let one = BigInt::from(1u32);
        Some(if n.is_zero() {
            (n, None, None)
        } else if n == one {
            (n, Some(start), None)
        } else {
            (n, Some(start), Some(step))
        })
    }

    /// `r[key]`: an element (negative indices count from the end) or, for a slice, a new range.
    pub(crate) fn range_getitem(
        &mut self,
        r: &RangeData,
        key: &Value,
        is_slice: bool,
    ) -> PyResult<Value> {
        let Some((start, stop, step)) = self.range_bounds(r) else {
            return Err(self.new_system_error("bad range"));
        };
        let len = self.range_len(&start, &stop, &step);
        if is_slice {
            let (i, j, k) = self.big_slice_indices(key, &len)?;
            let v = RangeData {
                start: self.new_int_big(&start + &step * i),
                stop: self.new_int_big(&start + &step * j),
                step: self.new_int_big(&step * k),
            };
            return Ok(Value::Obj(
                self.alloc(&self.t.range, Payload::Range(Box::new(v))),
            ));
        }
        if !self.is_index_like(key) {
            return Err(self.new_type_error(&format!(
                "range indices must be integers or slices, not {}",
                self.type_name(key)
            )));
        }
        let iv = self.index_value(key)?;
        let Some(mut i) = self.as_bigint(&iv) else {
            return Err(self.new_system_error("bad index"));
        };
        if i.is_negative() {
            i += &len;
        }
        if i.is_negative() || i >= len {
            return Err(self.new_index_error("range object index out of range"));
        }
        Ok(self.new_int_big(start + step * i))
    }

    /// A slice's `(start, stop, step)` resolved against a sequence of length `len`, in big ints
    /// (CPython's `_PySlice_GetLongIndices`).
    fn big_slice_indices(
        &mut self,
        key: &Value,
        len: &BigInt,
    ) -> PyResult<(BigInt, BigInt, BigInt)> {
        let Some(Payload::Slice(sl)) = key.payload() else {
            return Err(self.new_type_error("expected a slice"));
        };
        let crate::object::SliceData { start, stop, step } = &**sl;
        let (start, stop, step) = (start.clone(), stop.clone(), step.clone());
        let step = match self.big_slice_part(&step)? {
            None => BigInt::from(1u32),
            Some(s) if s.is_zero() => {
                return Err(self.new_value_error("slice step cannot be zero"));
            }
            Some(s) => s,
        };
        let (lower, upper) = if step.is_negative() {
            (BigInt::from(-1), len - 1u32)
        } else {
            (BigInt::zero(), len.clone())
        };
        let clamp = |v: Option<BigInt>, default: &BigInt| match v {
            None => default.clone(),
            Some(mut x) => {
                if x.is_negative() {
                    x += len;
                }
                if x < lower {
                    lower.clone()
                } else if x > upper {
                    upper.clone()
                } else {
                    x
                }
            }
        };
        let (dstart, dstop) = if step.is_negative() {
            (&upper, &lower)
        } else {
            (&lower, &upper)
        };
        let i = self.big_slice_part(&start)?;
        let i = clamp(i, dstart);
        let j = self.big_slice_part(&stop)?;
        let j = clamp(j, dstop);
        Ok((i, j, step))
    }

    fn big_slice_part(&mut self, v: &Value) -> PyResult<Option<BigInt>> {
        if v.is_none() {
            return Ok(None);
        }
        let bad = "slice indices must be integers or None or have an __index__ method";
        let iv = match self.index_value(v) {
            Ok(iv) => iv,
            Err(_) => return Err(self.new_type_error(bad)),
        };
        match self.as_bigint(&iv) {
            Some(b) => Ok(Some(b)),
            None => Err(self.new_type_error(bad)),
        }
    }
}
