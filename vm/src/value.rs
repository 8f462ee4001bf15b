//! `Value`: the 16-byte handle every Python value travels in.

use crate::object::{ObjRef, Payload};
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
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
    Bool(B64),
    Int(i64),
    Float(F64),
    Obj(ObjRef),
}

/// A value borrowed from a container's packed storage (a dict entry, a list slot) for as long
/// as the container is borrowed: derefs to [`Value`] (`clone()` it to keep it).
pub struct ValueRef<'a> {
    /// A bitwise copy of the stored value. It shares the reference the storage owns and is
    /// never dropped: the storage stays alive and unchanged for `'a`.
    v: ManuallyDrop<Value>,
    _storage: PhantomData<&'a Value>,
}

impl<'a> ValueRef<'a> {
    /// Wraps `v`, a bitwise copy of a value owned by storage borrowed for `'a`.
    ///
    /// # Safety
    /// The storage the copy was made from owns what `v` refers to, and stays alive and
    /// unchanged for `'a` (the caller ties `'a` to a borrow of it).
    #[inline(always)]
    pub(crate) unsafe fn new(v: ManuallyDrop<Value>) -> ValueRef<'a> {
        ValueRef {
            v,
            _storage: PhantomData,
        }
    }
}

impl std::ops::Deref for ValueRef<'_> {
    type Target = Value;

    #[inline(always)]
    fn deref(&self) -> &Value {
        &self.v
    }
}

impl std::fmt::Debug for ValueRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// Releases `items` last to first: the order in which CPython releases a list's or tuple's items
/// when the container dies or is cleared (it shows in the order `__del__` methods run).
pub fn release_last_first(mut items: Vec<Value>) {
    while let Some(v) = items.pop() {
        drop(v);
    }
}

/// A `bool` kept in a full machine word.
///
/// With every payload an 8-byte integer or pointer, rustc lays `Value` out as a *pair of
/// scalars*: it is passed and returned in two registers, kept in registers across branches, and
/// copied as two 8-byte words. With a 1-byte `bool` or an `f64` payload it was an opaque
/// 16-byte aggregate that went through memory, copied with one 16-byte load that stalls when
/// the value was just written as two words (see docs/performance.md).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[repr(transparent)]
pub struct B64(u64);

impl B64 {
    pub const TRUE: B64 = B64(1);
    pub const FALSE: B64 = B64(0);

    #[inline(always)]
    pub const fn new(b: bool) -> B64 {
        B64(b as u64)
    }

    #[inline(always)]
    pub const fn get(self) -> bool {
        self.0 != 0
    }
}

impl From<B64> for bool {
    #[inline(always)]
    fn from(b: B64) -> bool {
        b.get()
    }
}

impl From<B64> for i64 {
    #[inline(always)]
    fn from(b: B64) -> i64 {
        i64::from(b.get())
    }
}

impl From<B64> for u8 {
    #[inline(always)]
    fn from(b: B64) -> u8 {
        u8::from(b.get())
    }
}

impl From<B64> for usize {
    #[inline(always)]
    fn from(b: B64) -> usize {
        usize::from(b.get())
    }
}

impl std::ops::Not for B64 {
    type Output = bool;
    #[inline(always)]
    fn not(self) -> bool {
        !self.get()
    }
}

/// A `float` kept as its IEEE bits in an integer word (see [`B64`] for why).
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct F64(u64);

impl F64 {
    #[inline(always)]
    pub fn new(x: f64) -> F64 {
        F64(x.to_bits())
    }

    #[inline(always)]
    pub fn get(self) -> f64 {
        f64::from_bits(self.0)
    }
}

impl PartialEq for F64 {
    #[inline(always)]
    fn eq(&self, other: &F64) -> bool {
        self.get() == other.get()
    }
}

impl PartialEq<f64> for F64 {
    #[inline(always)]
    fn eq(&self, other: &f64) -> bool {
        self.get() == *other
    }
}

impl PartialOrd for F64 {
    #[inline(always)]
    fn partial_cmp(&self, other: &F64) -> Option<std::cmp::Ordering> {
        self.get().partial_cmp(&other.get())
    }
}

macro_rules! f64_ops {
    ($($tr:ident $m:ident $op:tt),*) => {$(
        impl std::ops::$tr for F64 {
            type Output = f64;
            #[inline(always)]
            fn $m(self, o: F64) -> f64 {
                self.get() $op o.get()
            }
        }
        impl std::ops::$tr for &F64 {
            type Output = f64;
            #[inline(always)]
            fn $m(self, o: &F64) -> f64 {
                self.get() $op o.get()
            }
        }
    )*};
}
f64_ops!(Add add +, Sub sub -, Mul mul *, Div div /);

macro_rules! b64_ops {
    ($($tr:ident $m:ident $op:tt),*) => {$(
        impl std::ops::$tr for B64 {
            type Output = B64;
            #[inline(always)]
            fn $m(self, o: B64) -> B64 {
                B64(self.0 $op o.0)
            }
        }
    )*};
}
b64_ops!(BitAnd bitand &, BitOr bitor |, BitXor bitxor ^);

impl std::fmt::Debug for F64 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.get())
    }
}

impl Clone for Value {
    /// A bitwise copy of both words (plus a reference for `Obj`). The derived `Clone` rebuilt
    /// the value field by field into a temporary, which the next 16-byte copy of it (every
    /// push onto the value stack) read back through a store-forwarding stall.
    #[inline(always)]
    fn clone(&self) -> Self {
        if let Value::Obj(o) = self {
            // The increment is the reference the copy made below owns.
            ObjRef::increment_strong(o);
        }
        // SAFETY: every variant but `Obj` is plain data (`Copy` payloads); for `Obj` the strong
        // count was incremented above, so the copy owns its own reference and dropping both
        // values is balanced.
        unsafe { std::ptr::read(self) }
    }
}

impl Value {
    /// A Python `float`.
    #[inline(always)]
    pub fn float(x: f64) -> Value {
        Value::Float(F64::new(x))
    }

    /// A Python `bool`.
    #[inline(always)]
    pub const fn bool(b: bool) -> Value {
        Value::Bool(B64::new(b))
    }

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
            (Value::Float(a), Value::Float(b)) => a.get().to_bits() == b.get().to_bits(),
            (Value::Obj(a), Value::Obj(b)) => ObjRef::ptr_eq(a, b),
            _ => false,
        }
    }

    /// A stable identity number (for `id()` and default reprs).
    pub fn identity(&self) -> usize {
        match self {
            Value::Obj(o) => ObjRef::as_ptr(o) as *const u8 as usize,
            Value::Null => 0,
            Value::None => 0x1000,
            Value::Bool(b) => 0x2000 + usize::from(*b),
            #[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)]
            Value::Int(i) => 0x10_0000 ^ (*i as usize).wrapping_mul(16),
            #[allow(clippy::cast_possible_truncation)]
            Value::Float(f) => f.get().to_bits() as usize,
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(B64::new(b))
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Float(F64::new(f))
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
            Value::Bool(b) => write!(f, "{}", if b.get() { "True" } else { "False" }),
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
