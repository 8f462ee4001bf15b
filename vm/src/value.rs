//! `Value`: the 16-byte handle every Python value travels in.

use crate::object::{ObjRef, Payload};
use std::rc::Rc;

/// A Python value.
///
/// Small immutable values (`None`, `bool`, `int` that fits in `i64`, `float`) are stored inline;
/// everything else is a reference-counted [`crate::object::PyObject`]. An `int` that fits in `i64`
/// is ALWAYS `Value::Int`; a `BigInt` payload only ever holds values outside that range.
///
/// `Null` is an internal marker (an empty stack slot, an unbound local, the NULL that `PUSH_NULL`
/// pushes). It never becomes visible to Python code.
#[derive(Default)]
#[repr(u64)]
pub enum Value {
    #[default]
    Null = 0,
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Obj(ObjRef),
}

impl Clone for Value {
    /// A bitwise copy of both words (plus a reference for `Obj`). The derived `Clone` rebuilt
    /// the value field by field into a temporary, which the next 16-byte copy of it (every
    /// push onto the value stack) read back through a store-forwarding stall.
    #[inline(always)]
    fn clone(&self) -> Self {
        if let Value::Obj(o) = self {
            // SAFETY: `o` is a live `Rc` (we hold a reference to it), so its pointer came from
            // `Rc` and the strong count is at least one; the increment is the reference the
            // copy made below owns.
            unsafe { Rc::increment_strong_count(Rc::as_ptr(o)) };
        }
        // SAFETY: every variant but `Obj` is plain data (`Copy` payloads); for `Obj` the strong
        // count was incremented above, so the copy owns its own reference and dropping both
        // values is balanced.
        unsafe { std::ptr::read(self) }
    }
}

impl Value {
    #[inline]
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    #[inline]
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The heap object, if this value is one.
    #[inline]
    pub fn as_obj(&self) -> Option<&ObjRef> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    /// The payload, if this value is a heap object.
    #[inline]
    pub fn payload(&self) -> Option<&Payload> {
        match self {
            Value::Obj(o) => Some(&o.payload),
            _ => None,
        }
    }

    /// The text of a `str` value.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Obj(o) => o.as_str(),
            _ => None,
        }
    }

    /// The text of a `str` value as an `Rc<str>`: a reference count for shared text, a copy for
    /// a short text kept inside the object (prefer [`Value::as_str`] on hot paths).
    pub fn as_rc_str(&self) -> Option<Rc<str>> {
        match self.payload() {
            Some(Payload::Str(s)) => Some(s.s.to_rc()),
            _ => None,
        }
    }

    /// Python's `is`.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) | (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// A stable identity number (for `id()` and default reprs).
    pub fn identity(&self) -> usize {
        match self {
            Value::Obj(o) => Rc::as_ptr(o) as *const u8 as usize,
            Value::Null => 0,
            Value::None => 0x1000,
            Value::Bool(b) => 0x2000 + usize::from(*b),
            #[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)]
            Value::Int(i) => 0x10_0000 ^ (*i as usize).wrapping_mul(16),
            #[allow(clippy::cast_possible_truncation)]
            Value::Float(f) => f.to_bits() as usize,
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Float(f)
    }
}

impl From<ObjRef> for Value {
    fn from(o: ObjRef) -> Self {
        Value::Obj(o)
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Null => write!(f, "<NULL>"),
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::Obj(o) => match &o.payload {
                Payload::Str(s) => write!(f, "{:?}", &*s.s),
                p => write!(f, "<{}>", p.kind_name()),
            },
        }
    }
}

// The dispatch loop moves values as two machine words: the tag is a full `u64` (`repr(u64)`
// above) so there are no padding bytes between tag and payload, which LLVM otherwise copies
// piecewise (a store-forwarding stall on every push; see docs/performance.md).
const _: () = assert!(std::mem::size_of::<Value>() == 16);
const _: () = assert!(std::mem::size_of::<Option<Value>>() == 16);
