//! [`Slot`]: a [`Value`] packed into one 8-byte word (NaN-boxing), the way a list keeps its
//! items (see [`crate::list_items::ListItems`] and docs/performance.md, "8-byte list slots").
//!
//! A slot's word is the bits of an `f64` unless it lies in one reserved quiet-NaN region: the
//! top 13 bits all ones (sign, exponent, quiet bit) and a nonzero 3-bit tag in bits 48..51.
//! Every word below `0xFFF9_0000_0000_0000` is a plain float (one compare decodes it), which
//! keeps x86's default NaN `0xFFF8_0000_0000_0000` and every positive NaN unboxed. Above it:
//!
//! | bits 48..64 | payload (bits 0..48)                                    |
//! |-------------|---------------------------------------------------------|
//! | `0xFFF9`    | an `int` in -2^47..2^47, two's complement in 48 bits    |
//! | `0xFFFA`    | a constant: 0 `Null`, 1 `None`, 2 `False`, 3 `True`     |
//! | `0xFFFE`    | an object: the address [`ObjRc::into_raw`] gives        |
//! | `0xFFFF`    | a boxed `Value` the slot owns (`Box<Value>`'s address)  |
//!
//! The two tags that own something are the highest, so one compare tells a slot that needs
//! nothing done on a copy or a drop (a float, an int, a constant).
//!
//! Boxed are the values that do not fit: an `int` outside 48 bits and a float whose bits fall
//! in the reserved region (a negative NaN with a payload above the default one). Both are rare.
//!
//! Addresses must fit 48 bits, as user-space addresses do on x86-64 and aarch64 Linux and
//! macOS (the kernels hand out higher ones only to a process that asks for them with an
//! address hint). A heap address above that aborts the process with a message (a platform
//! limit, checked on every store: never a wrong value, never undefined behaviour).
//!
//! The word is kept as a raw pointer, so an object's or box's address keeps its provenance
//! while it sits in the slot: the tag is added and taken off by pointer arithmetic, and no
//! pointer is ever made from an integer (the tests run under Miri).

use crate::object::PyObject;
use crate::objref::ObjRc;
use crate::value::{Value, ValueRef, B64, F64};
use std::mem::ManuallyDrop;

#[cfg(not(target_pointer_width = "64"))]
compile_error!("pyvm's list slots (vm/src/slot.rs) need 64-bit pointers");

/// The first word that is not a plain float.
const RESERVED: u64 = 0xFFF9_0000_0000_0000;
/// The payload bits under a tag.
const PAYLOAD: u64 = 0x0000_FFFF_FFFF_FFFF;
const TAG_INT: u64 = 0xFFF9;
const TAG_CONST: u64 = 0xFFFA;
const TAG_OBJ: u64 = 0xFFFE;
const TAG_BOXED: u64 = 0xFFFF;
/// The first word that owns something (an object reference or a box).
const OWNING: u64 = TAG_OBJ << 48;
const C_NULL: u64 = TAG_CONST << 48;
const C_NONE: u64 = (TAG_CONST << 48) | 1;
const C_FALSE: u64 = (TAG_CONST << 48) | 2;
const C_TRUE: u64 = (TAG_CONST << 48) | 3;

/// One [`Value`] in 8 bytes; owns what the value owns (an object reference, or the box).
#[repr(transparent)]
pub(crate) struct Slot {
    word: *const u8,
}

const _: () = assert!(std::mem::size_of::<Slot>() == 8);

/// A heap address does not fit the 48 payload bits (see the module documentation).
#[cold]
#[inline(never)]
fn address_too_high() -> ! {
    eprintln!("pyvm: fatal: a heap address above 2^48 cannot be kept in a list slot");
    std::process::abort()
}

impl Slot {
    /// A slot holding plain bits (no object, no box).
    #[inline(always)]
    const fn bits(b: u64) -> Slot {
        // (A pointer without provenance: never used to reach memory.)
        Slot {
            word: std::ptr::null::<u8>().wrapping_add(b as usize),
        }
    }

    /// A slot holding the pointer `p` under `tag`.
    #[inline(always)]
    fn tagged(p: *const u8, tag: u64) -> Slot {
        if (p as usize as u64) >> 48 != 0 {
            address_too_high();
        }
        // The tag goes above the address (whose top 16 bits are zero) by pointer arithmetic,
        // which keeps the pointer's provenance.
        Slot {
            word: p.wrapping_add((tag << 48) as usize),
        }
    }

    #[cold]
    #[inline(never)]
    fn boxed(v: Value) -> Slot {
        Slot::tagged(Box::into_raw(Box::new(v)).cast::<u8>(), TAG_BOXED)
    }

    #[inline(always)]
    fn word(&self) -> u64 {
        self.word as usize as u64
    }

    /// The payload pointer, with the slot's provenance.
    #[inline(always)]
    fn ptr(&self) -> *const u8 {
        self.word.wrapping_sub((self.word() & !PAYLOAD) as usize)
    }

    /// Packs `v` (its reference, if any, moves into the slot).
    #[inline(always)]
    pub(crate) fn new(v: Value) -> Slot {
        match v {
            Value::Obj(o) => Slot::tagged(ObjRc::into_raw(o).cast::<u8>(), TAG_OBJ),
            Value::Int(i) =>
            {
                #[allow(clippy::cast_sign_loss)]
                if (i << 16) >> 16 == i {
                    Slot::bits((TAG_INT << 48) | (i as u64 & PAYLOAD))
                } else {
                    Slot::boxed(v)
                }
            }
            Value::Float(f) => {
                let b = f.get().to_bits();
                if b < RESERVED {
                    Slot::bits(b)
                } else {
                    Slot::boxed(v)
                }
            }
            Value::None => Slot::bits(C_NONE),
            Value::Bool(b) => Slot::bits(if b.get() { C_TRUE } else { C_FALSE }),
            Value::Null => Slot::bits(C_NULL),
        }
    }

    /// The value as a bitwise copy that owns nothing (the caller must not drop it).
    #[inline(always)]
    fn view(&self) -> ManuallyDrop<Value> {
        let w = self.word();
        if w < RESERVED {
            return ManuallyDrop::new(Value::Float(F64::new(f64::from_bits(w))));
        }
        ManuallyDrop::new(match w >> 48 {
            TAG_OBJ => {
                // SAFETY: the slot owns a reference to this object (its address came from
                // `ObjRc::into_raw` with its provenance); the copy made here is never dropped.
                Value::Obj(unsafe { ObjRc::from_raw(self.ptr().cast::<PyObject>()) })
            }
            #[allow(clippy::cast_possible_wrap)]
            TAG_INT => Value::Int(((w << 16) as i64) >> 16),
            TAG_BOXED => {
                // SAFETY: the slot owns the box; the bitwise copy is never dropped.
                unsafe { std::ptr::read(self.ptr().cast::<Value>()) }
            }
            _ => match w {
                C_NONE => Value::None,
                C_FALSE => Value::Bool(B64::FALSE),
                C_TRUE => Value::Bool(B64::TRUE),
                _ => Value::Null,
            },
        })
    }

    /// The value (one more reference for an object).
    #[inline(always)]
    pub(crate) fn get(&self) -> Value {
        (*self.view()).clone()
    }

    /// The value, borrowed from the slot.
    #[inline(always)]
    pub(crate) fn peek(&self) -> ValueRef<'_> {
        // SAFETY: the slot owns what the copy refers to, and the result borrows the slot.
        unsafe { ValueRef::new(self.view()) }
    }

    /// The object, if the slot holds one (for as long as the slot does).
    #[inline(always)]
    pub(crate) fn obj(&self) -> Option<&PyObject> {
        if self.word() >> 48 == TAG_OBJ {
            // SAFETY: the slot owns a reference to this object, which keeps it alive while the
            // slot lives (the result borrows the slot).
            Some(unsafe { &*self.ptr().cast::<PyObject>() })
        } else {
            None
        }
    }

    /// Unpacks the slot, giving back the value (and its reference) it owned.
    #[inline(always)]
    pub(crate) fn into_value(self) -> Value {
        let s = ManuallyDrop::new(self);
        let w = s.word();
        if w >> 48 == TAG_BOXED {
            // SAFETY: the slot owned this box (made by `Box::into_raw`), and gives it up here.
            return *unsafe { Box::from_raw(s.ptr().cast::<Value>().cast_mut()) };
        }
        // The view's reference (an object's) is the one the slot owned.
        ManuallyDrop::into_inner(s.view())
    }
}

impl Drop for Slot {
    #[inline(always)]
    fn drop(&mut self) {
        let w = self.word();
        if w < OWNING {
            return;
        }
        if w >> 48 == TAG_OBJ {
            // SAFETY: the slot owns this reference (see `view`); it is given back once.
            drop(unsafe { ObjRc::from_raw(self.ptr().cast::<PyObject>()) });
        } else {
            // SAFETY: a word at or above `OWNING` that is not an object is a box the slot
            // owns (made by `Box::into_raw`); freed once.
            drop(unsafe { Box::from_raw(self.ptr().cast::<Value>().cast_mut()) });
        }
    }
}

impl Clone for Slot {
    /// A copy of the word (plus a reference for an object); a boxed value is boxed again.
    #[inline(always)]
    fn clone(&self) -> Slot {
        let w = self.word();
        if w < OWNING {
            return Slot { word: self.word };
        }
        match w >> 48 {
            TAG_OBJ => {
                // SAFETY: the slot owns a reference to this object; the one added here is
                // owned by the copy.
                let o =
                    ManuallyDrop::new(unsafe { ObjRc::from_raw(self.ptr().cast::<PyObject>()) });
                ObjRc::increment_strong(&o);
                Slot { word: self.word }
            }
            _ => Slot::boxed(self.get()),
        }
    }
}

impl From<Value> for Slot {
    #[inline(always)]
    fn from(v: Value) -> Slot {
        Slot::new(v)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::object::Payload;

    fn obj() -> ObjRc {
        ObjRc::new(PyObject::new(None, Payload::Tuple(Vec::new().into())))
    }

    fn same(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Float(x), Value::Float(y)) => x.get().to_bits() == y.get().to_bits(),
            _ => a.is(b),
        }
    }

    fn round_trip(v: Value) {
        let s = Slot::new(v.clone());
        assert!(same(&s.peek(), &v), "peek {v:?}");
        assert!(same(&s.get(), &v), "get {v:?}");
        let c = s.clone();
        assert!(same(&c.into_value(), &v), "clone {v:?}");
        assert!(same(&s.into_value(), &v), "into_value {v:?}");
    }

    #[test]
    fn ints_round_trip() {
        let e = 1i64 << 47;
        for i in [
            0,
            1,
            -1,
            e - 1,
            e,
            -e,
            -e - 1,
            e << 1,
            -(e << 1),
            (e << 1) - 1,
            i64::MAX,
            i64::MIN,
            i64::MAX - 1,
            i64::MIN + 1,
        ] {
            round_trip(Value::Int(i));
        }
        // In range: unboxed; out of range: boxed.
        assert_eq!(Slot::new(Value::Int(e - 1)).word() >> 48, TAG_INT);
        assert_eq!(Slot::new(Value::Int(-e)).word() >> 48, TAG_INT);
        assert_eq!(Slot::new(Value::Int(e)).word() >> 48, TAG_BOXED);
        assert_eq!(Slot::new(Value::Int(-e - 1)).word() >> 48, TAG_BOXED);
    }

    #[test]
    fn floats_round_trip_with_their_bits() {
        for b in [
            0u64,
            0x8000_0000_0000_0000, // -0.0
            0x7FF0_0000_0000_0000, // inf
            0xFFF0_0000_0000_0000, // -inf
            0x7FF8_0000_0000_0000, // nan
            0xFFF8_0000_0000_0000, // x86's default nan
            0xFFF8_0000_0000_0001,
            0xFFF8_FFFF_FFFF_FFFF,
            0xFFF9_0000_0000_0000,
            0xFFFA_0000_0000_0001,
            0xFFFB_0000_0000_0003,
            0xFFFC_1234_5678_9ABC,
            0xFFFE_0000_0000_0010,
            0xFFFE_7FFF_FFFF_FFF8,
            0xFFFF_FFFF_FFFF_FFFF,
            0x7FFF_FFFF_FFFF_FFFF,
            0x7FF0_0000_0000_0001, // signalling nan
            1.5f64.to_bits(),
            (-2.25f64).to_bits(),
            f64::MIN_POSITIVE.to_bits(),
            1u64, // subnormal
        ] {
            round_trip(Value::Float(F64::new(f64::from_bits(b))));
        }
        assert_eq!(
            Slot::new(Value::float(f64::from_bits(0xFFF8_0000_0000_0000))).word(),
            0xFFF8_0000_0000_0000
        );
        assert_eq!(
            Slot::new(Value::float(f64::from_bits(0xFFF9_0000_0000_0000))).word() >> 48,
            TAG_BOXED
        );
    }

    #[test]
    fn constants_round_trip() {
        for v in [
            Value::Null,
            Value::None,
            Value::bool(true),
            Value::bool(false),
        ] {
            round_trip(v);
        }
        assert!(Slot::new(Value::Null).get().is_null());
    }

    #[test]
    fn objects_keep_their_counts() {
        let o = obj();
        let s = Slot::new(Value::Obj(o.clone()));
        assert_eq!(ObjRc::strong_count(&o), 2);
        {
            let r = s.peek();
            assert!(matches!(&*r, Value::Obj(p) if ObjRc::ptr_eq(p, &o)));
        }
        assert_eq!(ObjRc::strong_count(&o), 2);
        let g = s.get();
        assert_eq!(ObjRc::strong_count(&o), 3);
        drop(g);
        let c = s.clone();
        assert_eq!(ObjRc::strong_count(&o), 3);
        drop(c);
        assert_eq!(ObjRc::strong_count(&o), 2);
        let v = s.into_value();
        assert_eq!(ObjRc::strong_count(&o), 2);
        drop(v);
        assert_eq!(ObjRc::strong_count(&o), 1);
        let s = Slot::new(Value::Obj(o.clone()));
        drop(s);
        assert_eq!(ObjRc::strong_count(&o), 1);
    }

    #[test]
    fn boxed_values_are_freed() {
        // Miri reports a leak if a box outlives its slot.
        let s = Slot::new(Value::Int(i64::MAX));
        let c = s.clone();
        drop(s);
        assert!(matches!(c.get(), Value::Int(i64::MAX)));
        drop(c);
        let s = Slot::new(Value::float(f64::from_bits(0xFFFF_0000_0000_0001)));
        assert_eq!(s.into_value().identity(), 0xFFFF_0000_0000_0001);
    }
}
