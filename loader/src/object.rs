//! The values a marshal stream can hold, and the 3.12 code object.
//!
//! These are plain immutable data: the loader builds them, the VM turns them into live objects.
//! Everything is behind `Arc`, so a loaded module can be shared by VMs on several threads.

use num_bigint::BigInt;
use std::sync::Arc;

/// One value read from a marshal stream.
///
/// Equality is structural, except that floats compare by bit pattern so that
/// `load(dump(x)) == x` holds for NaNs and signed zeros too.
#[derive(Debug, Clone)]
pub enum Obj {
    /// `0`: the NULL marker (only valid inside some containers; never a constant in 3.12 code).
    Null,
    /// `N`
    None,
    /// `F`
    False,
    /// `T`
    True,
    /// `S`: the `StopIteration` type.
    StopIteration,
    /// `.`: `Ellipsis`.
    Ellipsis,
    /// `i`, or an `l` that fits in 64 bits.
    Int(i64),
    /// `l` (15-bit digits) that does not fit in 64 bits.
    Long(Arc<BigInt>),
    /// `f` or `g`.
    Float(f64),
    /// `x` or `y`.
    Complex {
        /// Real part.
        re: f64,
        /// Imaginary part.
        im: f64,
    },
    /// `s`: a `bytes` object.
    Bytes(Arc<[u8]>),
    /// `u t a A z Z` and references to them: a `str`.
    Str(PyStr),
    /// `( )`
    Tuple(Arc<[Obj]>),
    /// `[`
    List(Arc<[Obj]>),
    /// `{`: key/value pairs in stream order.
    Dict(Arc<[(Obj, Obj)]>),
    /// `<`
    Set(Arc<[Obj]>),
    /// `>`
    FrozenSet(Arc<[Obj]>),
    /// `c`
    Code(Arc<Code>),
}

/// A Python `str` as marshal stores it.
///
/// Almost always valid UTF-8. Python strings may hold lone surrogates, which marshal writes with the
/// `surrogatepass` error handler; such a string is kept as its raw (WTF-8) bytes so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PyStr {
    /// A string that is valid UTF-8 (every string without lone surrogates).
    Utf8(Arc<str>),
    /// A string with lone surrogates, as its WTF-8 bytes.
    Surrogates(Arc<[u8]>),
}

impl PyStr {
    /// The string as `&str`, with each lone surrogate replaced by U+FFFD.
    pub fn to_str_lossy(&self) -> std::borrow::Cow<'_, str> {
        match self {
            PyStr::Utf8(s) => std::borrow::Cow::Borrowed(s),
            PyStr::Surrogates(b) => String::from_utf8_lossy(b),
        }
    }

    /// The string if it is valid UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            PyStr::Utf8(s) => Some(s),
            PyStr::Surrogates(_) => None,
        }
    }

    /// The UTF-8 (or WTF-8) bytes marshal writes for this string.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            PyStr::Utf8(s) => s.as_bytes(),
            PyStr::Surrogates(b) => b,
        }
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> Self {
        PyStr::Utf8(Arc::from(s))
    }
}

impl PartialEq for Obj {
    fn eq(&self, other: &Self) -> bool {
        use Obj::*;
        match (self, other) {
            (Null, Null)
            | (None, None)
            | (False, False)
            | (True, True)
            | (StopIteration, StopIteration)
            | (Ellipsis, Ellipsis) => true,
            (Int(a), Int(b)) => a == b,
            (Long(a), Long(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Complex { re: a, im: b }, Complex { re: c, im: d }) => {
                a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits()
            }
            (Bytes(a), Bytes(b)) => a == b,
            (Str(a), Str(b)) => a == b,
            (Tuple(a), Tuple(b))
            | (List(a), List(b))
            | (Set(a), Set(b))
            | (FrozenSet(a), FrozenSet(b)) => a == b,
            (Dict(a), Dict(b)) => a == b,
            (Code(a), Code(b)) => a == b,
            _ => false,
        }
    }
}

/// `co_flags` bits of CPython 3.12.
pub mod flags {
    /// `CO_OPTIMIZED`: locals live in fast slots.
    pub const OPTIMIZED: u32 = 0x0001;
    /// `CO_NEWLOCALS`: a new locals namespace per call.
    pub const NEWLOCALS: u32 = 0x0002;
    /// `CO_VARARGS`: has a `*args` parameter.
    pub const VARARGS: u32 = 0x0004;
    /// `CO_VARKEYWORDS`: has a `**kwargs` parameter.
    pub const VARKEYWORDS: u32 = 0x0008;
    /// `CO_NESTED`: a nested function.
    pub const NESTED: u32 = 0x0010;
    /// `CO_GENERATOR`: a generator function.
    pub const GENERATOR: u32 = 0x0020;
    /// `CO_NOFREE`: no free or cell variables.
    pub const NOFREE: u32 = 0x0040;
    /// `CO_COROUTINE`: an `async def` function.
    pub const COROUTINE: u32 = 0x0080;
    /// `CO_ITERABLE_COROUTINE`: a generator-based coroutine.
    pub const ITERABLE_COROUTINE: u32 = 0x0100;
    /// `CO_ASYNC_GENERATOR`: an async generator function.
    pub const ASYNC_GENERATOR: u32 = 0x0200;
}

/// Kinds of a "fast local" in `co_localspluskinds` (CPython 3.12 `CO_FAST_*`).
pub mod kinds {
    /// `CO_FAST_LOCAL`: a plain local (arguments included).
    pub const LOCAL: u8 = 0x20;
    /// `CO_FAST_CELL`: a local captured by an inner function.
    pub const CELL: u8 = 0x40;
    /// `CO_FAST_FREE`: a variable captured from an enclosing function.
    pub const FREE: u8 = 0x80;
}

/// A CPython 3.12 code object, with all sixteen marshalled fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    /// `co_argcount`: positional parameters, including positional-only ones.
    pub argcount: u32,
    /// `co_posonlyargcount`.
    pub posonlyargcount: u32,
    /// `co_kwonlyargcount`.
    pub kwonlyargcount: u32,
    /// `co_stacksize`: the deepest the value stack gets.
    pub stacksize: u32,
    /// `co_flags` (see [`flags`]).
    pub flags: u32,
    /// `co_code`: the raw bytecode, two bytes per code unit, inline caches included.
    pub code: Arc<[u8]>,
    /// `co_consts`.
    pub consts: Arc<[Obj]>,
    /// `co_names`: global, attribute and import names.
    pub names: Arc<[PyStr]>,
    /// `co_localsplusnames`
    pub localsplusnames: Arc<[PyStr]>,
    /// `co_localspluskinds`, one byte per entry of `localsplusnames`.
    pub localspluskinds: Arc<[u8]>,
    /// `co_filename`.
    pub filename: PyStr,
    /// `co_name`.
    pub name: PyStr,
    /// `co_qualname`.
    pub qualname: PyStr,
    /// `co_firstlineno`.
    pub firstlineno: i32,
    /// `co_linetable` in the 3.12 location-table format (see [`crate::linetable`]).
    pub linetable: Arc<[u8]>,
    /// `co_exceptiontable` (see [`crate::exctable`]).
    pub exceptiontable: Arc<[u8]>,
}

impl Code {
    fn names_of_kind(&self, pred: impl Fn(u8) -> bool) -> Vec<PyStr> {
        self.localsplusnames
            .iter()
            .zip(self.localspluskinds.iter())
            .filter(|(_, &k)| pred(k))
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// `co_varnames`: the plain locals (arguments first), including those that are also cells.
    pub fn varnames(&self) -> Vec<PyStr> {
        self.names_of_kind(|k| k & kinds::LOCAL != 0)
    }

    /// `co_cellvars`: variables captured by inner functions.
    pub fn cellvars(&self) -> Vec<PyStr> {
        self.names_of_kind(|k| k & kinds::CELL != 0)
    }

    /// `co_freevars`: variables this code captures from an enclosing scope.
    pub fn freevars(&self) -> Vec<PyStr> {
        self.names_of_kind(|k| k & kinds::FREE != 0)
    }

    /// Number of code units (two-byte instructions, caches included).
    pub fn code_units(&self) -> usize {
        self.code.len() / 2
    }
}
