//! `PyObject`: a heap object = class pointer + builtin payload. An attribute dict, where the
//! object has one, lives in its payload (instances, modules, functions, exceptions) or, for
//! the rare objects whose payload has no room, in [`crate::sidedict`].

use crate::code::CodeObj;
use crate::dict::DictTable;
use crate::frame::Frame;
use crate::set::SetTable;
use crate::value::Value;
use crate::{PyResult, Vm};
use num_bigint::BigInt;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A counted reference to a heap object: an `Rc`-like pointer with 32-bit counts
/// ([`crate::objref::ObjRc`]). The VM is single-threaded: not `Send`.
pub type ObjRef = crate::objref::ObjRc;

/// A heap object.
pub struct PyObject {
    /// The object's class. `None` only for the `type` type object itself (its class is itself).
    pub(crate) class: Option<ObjRef>,
    /// What the object is made of (selected by its builtin base class).
    pub payload: Payload,
}

impl PyObject {
    /// Is the object's class exactly `ty` (not a subclass)?
    #[inline]
    pub fn is_exactly(&self, ty: &ObjRef) -> bool {
        self.class.as_ref().is_some_and(|c| ObjRef::ptr_eq(c, ty))
    }

    /// The text of a `str` object.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match &self.payload {
            Payload::Str(s) => Some(&*s.s),
            _ => None,
        }
    }

    /// The type data if this object is a type.
    #[inline]
    pub fn as_type(&self) -> Option<&TypeData> {
        match &self.payload {
            Payload::Type(t) => Some(t),
            _ => None,
        }
    }

    /// Runs `f` on the table of the object's attribute dict object, if it has one (an
    /// instance whose attributes are still stored in it has none: see [`InstAttrs`]).
    #[inline]
    pub fn with_dict_table<R>(&self, f: impl FnOnce(&RefCell<DictTable>) -> R) -> Option<R> {
        let d = match &self.payload {
            Payload::Module(m) => return table_of(&m.dict).map(f),
            Payload::Function(fd) => return fd.dict.as_ref().and_then(table_of).map(f),
            Payload::Instance(_) => return None,
            Payload::Exception(st) => st.try_borrow().ok()?.dict.clone()?,
            _ => crate::sidedict::get(self)?,
        };
        table_of(&d).map(f)
    }

    /// Does the object have a `__dict__` (as a dict object or, for an instance, stored in the
    /// instance)?
    #[inline]
    pub fn has_dict(&self) -> bool {
        match &self.payload {
            Payload::Instance(a) => {
                !matches!(a.try_borrow().as_deref(), Ok(InstAttrs::NoDict) | Err(_))
            }
            Payload::Module(_) => true,
            Payload::Function(fd) => fd.dict.is_some(),
            Payload::Exception(st) => st.try_borrow().is_ok_and(|s| s.dict.is_some()),
            _ => crate::sidedict::has(self),
        }
    }

    /// The object's attribute dict object if it has one now, without creating one for an
    /// instance whose attributes are stored in it (`Vm::instance_dict` does that).
    #[inline]
    pub fn dict_obj(&self) -> Option<ObjRef> {
        match &self.payload {
            Payload::Instance(a) => match a.try_borrow().as_deref() {
                Ok(InstAttrs::Dict(d)) => Some(d.clone()),
                _ => None,
            },
            Payload::Module(m) => Some(m.dict.clone()),
            Payload::Function(fd) => fd.dict.clone(),
            Payload::Exception(st) => st.try_borrow().ok()?.dict.clone(),
            _ => crate::sidedict::get(self),
        }
    }

    /// A new object of class `class` (`None` only for `type` itself) made of `payload`, with
    /// no attribute dict beyond what the payload holds.
    #[inline]
    pub(crate) fn new(class: Option<ObjRef>, payload: Payload) -> PyObject {
        PyObject { class, payload }
    }
}

/// The table of a dict object.
#[inline]
fn table_of(d: &ObjRef) -> Option<&RefCell<DictTable>> {
    match &d.payload {
        Payload::Dict(t) => Some(t),
        _ => None,
    }
}

/// The native signature of every builtin function and method.
///
/// For methods, `args.pos[0]` is `self`.
pub type NativeFn = Rc<dyn Fn(&mut Vm, Args<'_>) -> PyResult<Value>>;

/// Arguments of a native call: positional values, then keyword (name, value) pairs.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub pos: &'a [Value],
    pub kw: &'a [(Rc<str>, Value)],
}

impl<'a> Args<'a> {
    /// Positional-only arguments.
    pub fn new(pos: &'a [Value]) -> Self {
        Args { pos, kw: &[] }
    }

    /// The keyword argument called `name`.
    pub fn kwarg(&self, name: &str) -> Option<&'a Value> {
        self.kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
    }
}

/// How a native function binds when found on a class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NativeKind {
    /// A plain builtin function (`len`): never binds.
    Function,
    /// A method descriptor (`list.append`): binds the instance as first argument.
    Method,
    /// A class method (`dict.fromkeys`): binds the class.
    ClassMethod,
    /// A static method (`str.maketrans`): never binds.
    StaticMethod,
}

/// A builtin function or method.
pub struct NativeFunctionData {
    pub name: Rc<str>,
    pub func: NativeFn,
    pub kind: NativeKind,
    /// For a method descriptor, the type it belongs to (used in error messages and reprs).
    pub owner: Option<ObjRef>,
    /// For a bound builtin (`[].append` kept in a variable), the bound `self`.
    pub bound: Option<Value>,
    /// The module name shown in reprs (`<built-in function len>`).
    pub module: Option<Rc<str>>,
    /// The function reads the calling frame (`globals()`, `locals()`, `vars()`, `dir()`):
    /// `Vm::caller_globals` / `Vm::caller_locals` are valid during the call.
    pub needs_frame: bool,
}

/// A `str` object.
// `repr(C)` keeps the text first, so its length byte (whose spare values hold the tags of
// `StrText` and `Payload`) is at the start of the payload: see the asserts below.
#[repr(C)]
pub struct StrData {
    /// The text and its number of code points.
    pub s: StrText,
    /// Cached hash (`-1` until computed).
    pub hash: Cell<i64>,
}

impl StrData {
    /// A `str` sharing `s` (the text stays in its own allocation, even when short).
    pub fn new(s: Rc<str>) -> Self {
        let chars = count_chars(&s);
        Self::with_text(StrText::Shared(SharedText { text: s, chars }))
    }

    /// A `str` of `s`: a short text is copied inside the object (and this reference to the
    /// shared one dropped), a longer one shared.
    pub fn from_rc(s: Rc<str>) -> Self {
        let chars = count_chars(&s);
        Self::with_text(StrText::from_rc_counted(s, chars))
    }

    /// A `str` with a copy of `s` (kept inside the object when short).
    pub fn from_text(s: &str) -> Self {
        Self::with_text(StrText::copy_of(s))
    }

    /// A `str` of `s`: [`StrData::from_text`] (a long text is copied too: an `Rc<str>` is
    /// a block of its own).
    pub fn from_string(s: String) -> Self {
        Self::from_text(&s)
    }

    /// A `str` with a copy of `s`, known to be ASCII when `ascii` (a part of an ASCII `str`,
    /// or text built only from ASCII parts): then the characters are not counted again.
    #[inline]
    pub fn from_text_ascii(s: &str, ascii: bool) -> Self {
        if !ascii {
            return Self::from_text(s);
        }
        debug_assert!(s.is_ascii());
        Self::with_text(StrText::copy_counted(s, s.len()))
    }

    /// [`StrData::from_string`] for a text known to be ASCII when `ascii` (see
    /// [`StrData::from_text_ascii`]).
    #[inline]
    pub fn from_string_ascii(s: String, ascii: bool) -> Self {
        Self::from_text_ascii(&s, ascii)
    }

    #[inline]
    fn with_text(s: StrText) -> Self {
        StrData {
            s,
            hash: Cell::new(-1),
        }
    }

    /// Number of code points.
    #[inline]
    pub fn char_len(&self) -> usize {
        self.s.char_len()
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.s.is_ascii()
    }
}

/// The number of code points of `s`.
#[inline]
fn count_chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Longest text (in UTF-8 bytes) kept inside a `str` object.
pub const INLINE_STR_MAX: usize = 30;

/// The length of an inline text: only `0..=INLINE_STR_MAX` are valid, so the compiler keeps the
/// tags of [`StrText`] and [`Payload`] in the byte's other values (no tag bytes of their own).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
#[rustfmt::skip]
enum InlineLen {
    L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, L12, L13, L14, L15,
    L16, L17, L18, L19, L20, L21, L22, L23, L24, L25, L26, L27, L28, L29, L30,
}

impl InlineLen {
    /// Every length, in order (`ALL[n]` is `n`).
    #[rustfmt::skip]
    const ALL: [InlineLen; INLINE_STR_MAX + 1] = {
        use InlineLen::*;
        [
            L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, L12, L13, L14, L15,
            L16, L17, L18, L19, L20, L21, L22, L23, L24, L25, L26, L27, L28, L29, L30,
        ]
    };

    #[inline]
    fn new(n: usize) -> Option<Self> {
        Self::ALL.get(n).copied()
    }

    #[inline]
    fn get(self) -> usize {
        self as usize
    }
}

// Each length is its own value (checked at compile time).
const _: () = {
    let mut i = 0;
    while i < InlineLen::ALL.len() {
        assert!(InlineLen::ALL[i] as usize == i);
        i += 1;
    }
};

/// A short text stored in place (no allocation of its own), with its number of code points.
#[derive(Clone, Copy)]
// `repr(C)`: the length byte first (see `StrData`).
#[repr(C)]
pub struct InlineText {
    len: InlineLen,
    /// Number of code points (at most `len`).
    chars: u8,
    bytes: [u8; INLINE_STR_MAX],
}

impl InlineText {
    /// `s` in place, if it is short enough.
    #[inline]
    pub fn new(s: &str) -> Option<Self> {
        if s.len() > INLINE_STR_MAX {
            return None;
        }
        Self::counted(s, count_chars(s))
    }

    /// `s` (of `chars` code points) in place, if it is short enough.
    #[inline]
    fn counted(s: &str, chars: usize) -> Option<Self> {
        let len = InlineLen::new(s.len())?;
        debug_assert_eq!(chars, s.chars().count());
        let chars = u8::try_from(chars).ok()?;
        let mut bytes = [0u8; INLINE_STR_MAX];
        bytes.get_mut(..s.len())?.copy_from_slice(s.as_bytes());
        Some(InlineText { len, chars, bytes })
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        let b = self.bytes.get(..self.len.get()).unwrap_or(&[]);
        // SAFETY: `counted` is the only constructor: it copies all the bytes of a `&str`
        // (valid UTF-8) into `bytes[..len]`, and no field changes afterwards.
        unsafe { std::str::from_utf8_unchecked(b) }
    }
}

/// A text in its own shared allocation, with its number of code points.
#[derive(Clone)]
pub struct SharedText {
    text: Rc<str>,
    chars: usize,
}

/// The text of a `str` object and its number of code points: texts of up to
/// [`INLINE_STR_MAX`] bytes in place, others in a shared `Rc<str>`. Reads go through `Deref`
/// to `str`; [`StrText::to_rc`] gives an `Rc<str>` (a copy for short texts).
#[derive(Clone)]
pub enum StrText {
    Inline(InlineText),
    Shared(SharedText),
}

impl StrText {
    /// A copy of `s`: in place when short, else in a new shared allocation.
    #[inline]
    pub fn copy_of(s: &str) -> Self {
        Self::copy_counted(s, count_chars(s))
    }

    /// [`StrText::copy_of`] for `s` of `chars` code points.
    #[inline]
    fn copy_counted(s: &str, chars: usize) -> Self {
        match InlineText::counted(s, chars) {
            Some(t) => StrText::Inline(t),
            None => StrText::Shared(SharedText {
                text: Rc::from(s),
                chars,
            }),
        }
    }

    /// `s` (of `chars` code points): copied in place when short, else kept.
    #[inline]
    fn from_rc_counted(s: Rc<str>, chars: usize) -> Self {
        match InlineText::counted(&s, chars) {
            Some(t) => StrText::Inline(t),
            None => StrText::Shared(SharedText { text: s, chars }),
        }
    }

    /// The text as an `Rc<str>` (shared, or a new allocation for an inline text).
    #[inline]
    pub fn to_rc(&self) -> Rc<str> {
        match self {
            StrText::Inline(t) => Rc::from(t.as_str()),
            StrText::Shared(s) => s.text.clone(),
        }
    }

    /// Number of code points.
    #[inline]
    pub fn char_len(&self) -> usize {
        match self {
            StrText::Inline(t) => usize::from(t.chars),
            StrText::Shared(s) => s.chars,
        }
    }

    /// Whether every character is ASCII (without looking at the text: the counts tell).
    #[inline]
    pub fn is_ascii(&self) -> bool {
        match self {
            StrText::Inline(t) => t.chars as usize == t.len.get(),
            StrText::Shared(s) => s.chars == s.text.len(),
        }
    }
}

impl std::ops::Deref for StrText {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        match self {
            StrText::Inline(t) => t.as_str(),
            StrText::Shared(s) => &s.text,
        }
    }
}

impl PartialEq for StrText {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for StrText {}

impl std::borrow::Borrow<str> for StrText {
    fn borrow(&self) -> &str {
        self
    }
}

impl std::fmt::Display for StrText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl std::fmt::Debug for StrText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

// The shared form (pointer, length, count: 24 bytes) sits beside the inline form's length byte,
// whose spare values tell the forms apart: 32 bytes in all, and the `str` payload 40.
const _: () = assert!(std::mem::size_of::<InlineText>() == 32);
const _: () = assert!(std::mem::size_of::<StrText>() == 32);
const _: () = assert!(std::mem::size_of::<StrData>() == 40);

/// The builtin layout a class's instances use (the "solid base").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseKind {
    Object,
    Type,
    Int,
    Bool,
    Float,
    Complex,
    Str,
    Bytes,
    ByteArray,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Exception,
    /// Types whose instances can't be created by calling the type.
    Opaque,
}

/// A class (builtin or user defined). The namespace is the owning object's `dict`.
pub struct TypeData {
    pub name: RefCell<Rc<str>>,
    pub qualname: RefCell<Rc<str>>,
    pub module: RefCell<Option<Rc<str>>>,
    pub bases: RefCell<Vec<ObjRef>>,
    /// Method resolution order, starting with the type itself (stored weakly as its own entry is
    /// implicit: `mro` holds the bases' linearization, excluding the type).
    pub mro: RefCell<Vec<ObjRef>>,
    pub base_kind: BaseKind,
    /// True for classes created by `class` statements (heap types).
    pub heap: bool,
    /// Native constructor for builtin types (`int(x)`, `list(x)`): receives the type first.
    pub native_new: RefCell<Option<NativeFn>>,
    /// The class namespace.
    pub dict: RefCell<DictTable>,
    /// Changes to a builtin type's namespace not applied to `dict` yet: read `dict` only after
    /// `Vm::settle_type` (see `crate::typens`).
    pub pending: Cell<Vec<crate::typens::PendingAttr>>,
    /// Instances need finalization (`__del__` somewhere in the MRO).
    pub has_del: Cell<bool>,
    /// Instances have no `__dict__` (the class and its bases use `__slots__`).
    pub no_dict: Cell<bool>,
    /// The class or a base declares `__slots__` (instances use `Payload::Slots`).
    pub slotted: Cell<bool>,
    /// Cached attribute-hook flags (`proto::attr::TypeFlags`) and the type epoch they are for.
    pub hook_flags: Cell<(u64, u8)>,
    /// The type epoch at which calling the class was found to need nothing but a new instance
    /// with a dict and its `__init__` (see `Vm::call_type`); `u64::MAX`: not known.
    pub plain_new: Cell<u64>,
    /// Like `plain_new`, for an exception class: calling it needs nothing but what
    /// `BaseException`'s constructor does and its Python `__init__` (see `Vm::call_type`).
    pub plain_exc_new: Cell<u64>,
    /// The names (exact `str`s) of the attributes its instances keep in `InstAttrs::Values`,
    /// in order; append-only, at most `crate::instance::MAX_KEYS`.
    pub inst_keys: RefCell<Vec<Value>>,
    /// Some instance got its `__dict__` in [`crate::sidedict`] (its payload had no room):
    /// only instances of such classes are looked up there.
    pub side_dicts: Cell<bool>,
}

/// The attributes of a [`Payload::Instance`] (CPython's "inline values").
///
/// A new instance of a class starts in `Values`: the values of its attributes in the order of
/// the class's key table ([`TypeData::inst_keys`]), `values[i]` being the attribute named
/// `inst_keys[i]`. That holds while the instance's attributes are set in key-table order (a
/// new name is appended to the table when the instance already has all the keys) and none is
/// deleted. Anything else (an attribute set out of order, a delete, a name that is not an exact
/// `str`, `__dict__` read or assigned, more than [`crate::instance::MAX_KEYS`] keys) turns the
/// instance into `Dict` for good: a dict object built from the values in order, which is from
/// then on the only place its attributes live.
pub enum InstAttrs {
    /// The instance has no `__dict__` at all.
    NoDict,
    /// Attribute values indexed by the class's key table.
    Values(Vec<Value>),
    /// A dict object (a `dict` or a subclass).
    Dict(ObjRef),
}

/// A Python function.
pub struct FunctionData {
    pub code: Rc<CodeObj>,
    /// [`CodeObj::simple_argc`] of `code` (which never changes), kept here so that `CALL`
    /// decides on its fast path without loading the code object first.
    pub simple_argc: usize,
    pub globals: ObjRef,
    pub builtins: ObjRef,
    pub name: RefCell<Rc<str>>,
    pub qualname: RefCell<Rc<str>>,
    pub defaults: RefCell<Option<Rc<[Value]>>>,
    pub kwdefaults: RefCell<Option<ObjRef>>,
    pub closure: Option<Rc<[ObjRef]>>,
    pub annotations: RefCell<Value>,
    pub doc: RefCell<Value>,
    pub module: Value,
    /// `__dict__` (set by `Vm::alloc_with_dict`).
    pub dict: Option<ObjRef>,
}

/// The mutable state of an exception instance.
#[derive(Default)]
pub struct ExceptionState {
    /// `args` (a tuple value).
    pub args: Value,
    pub cause: Value,
    pub context: Value,
    pub suppress_context: bool,
    /// Frames this exception passed through, innermost last (CPython prints them in this order).
    pub traceback: Vec<TracebackEntry>,
    /// `__notes__` lines added with `add_note`.
    pub notes: Vec<Value>,
    /// `__dict__` (set by `Vm::alloc_with_dict`).
    pub dict: Option<ObjRef>,
}

/// One traceback line: a code object and the instruction being executed.
#[derive(Clone)]
pub struct TracebackEntry {
    pub code: Rc<CodeObj>,
    /// Instruction index (code unit) of the failing instruction.
    pub instr: usize,
    /// The frame's globals (for "Did you mean" hints).
    pub globals: Option<ObjRef>,
    /// The frame's `self` argument when its first local is `self` (for `self.x` hints).
    pub self_value: Option<Value>,
    /// Locals of a frame the exception unwound through (kept alive like CPython's tb_frame).
    pub locals: Vec<Value>,
}

/// A module object and its namespace (a dict object).
pub struct ModuleData {
    pub name: Rc<str>,
    pub dict: ObjRef,
}

/// `slice(start, stop, step)`.
pub struct SliceData {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// `range(start, stop, step)`.
#[derive(Clone)]
pub struct RangeData {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// The state of a `longrange_iterator`: the next value, the step and how many remain.
pub struct BigRangeIter {
    pub cur: BigInt,
    pub step: BigInt,
    pub left: BigInt,
}

/// The state of a builtin iterator.
pub enum IterState {
    /// Over a list or tuple (or anything with a fast sequence payload), by index.
    Seq { seq: ObjRef, idx: usize },
    /// Over a list backwards.
    SeqRev { seq: ObjRef, idx: usize },
    /// Over a range of machine ints whose step fits in `i32` (the step sits beside the tag:
    /// the state stays within three words).
    Range { cur: i64, stop: i64, step: i32 },
    /// Over a range whose bounds or length do not fit a machine int (`longrange_iterator`).
    BigRange(Box<BigRangeIter>),
    /// Over a `str` object, by byte position.
    Str { obj: ObjRef, pos: usize },
    /// Over bytes / bytearray, by index.
    Bytes { obj: ObjRef, idx: usize },
    /// Over a dict's keys / values / items, by entry position.
    /// (`expect_len` is a `u32`, as a table's positions are: it and `kind` sit beside the
    /// tag.)
    Dict {
        dict: ObjRef,
        pos: usize,
        kind: DictViewKind,
        expect_len: u32,
    },
    /// Over a snapshot (sets).
    Snapshot(Box<SnapshotIter>),
    /// The old sequence protocol: `obj[0]`, `obj[1]`, … until `IndexError`.
    GetItem(Box<GetItemIter>),
    /// `iter(callable, sentinel)`.
    Callable(Box<CallableIter>),
    /// `enumerate(it, start)`.
    Enumerate(Box<EnumerateIter>),
    /// `zip(*its)`.
    Zip(Box<ZipIter>),
    /// `map(f, *its)`.
    Map(Box<MapIter>),
    /// `filter(f, it)`.
    Filter(Box<FilterIter>),
    /// Finished.
    Exhausted,
}

// The iterator states that would not fit in three words are boxed (an iterator payload is
// `RefCell<IterState>`, which must stay within the object payload budget of four words).
const _: () = assert!(std::mem::size_of::<IterState>() <= 24);

/// The state of [`IterState::GetItem`].
pub struct GetItemIter {
    pub obj: Value,
    pub idx: i64,
}

/// The state of [`IterState::Zip`]. `last` is the previous result when it held only atomic
/// values: reused in place when nobody else holds it any more (as CPython does).
pub struct ZipIter {
    pub its: Rc<[Value]>,
    pub strict: bool,
    pub last: Option<ObjRef>,
}

/// The state of [`IterState::Snapshot`].
pub struct SnapshotIter {
    pub items: Rc<[Value]>,
    pub idx: usize,
    /// The set iterated over (its size is checked on every step).
    pub source: Option<ObjRef>,
    pub expect_len: usize,
}

/// The state of [`IterState::Callable`].
pub struct CallableIter {
    pub func: Value,
    pub sentinel: Value,
}

/// The state of [`IterState::Enumerate`].
pub struct EnumerateIter {
    pub it: Value,
    pub idx: Value,
}

/// The state of [`IterState::Map`].
pub struct MapIter {
    pub func: Value,
    pub its: Vec<Value>,
}

/// The state of [`IterState::Filter`].
pub struct FilterIter {
    pub func: Value,
    pub it: Value,
}

/// Which view of a dict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

/// A generator / coroutine.
pub struct GeneratorData {
    /// The suspended frame (`None` while running or once finished).
    pub frame: RefCell<Option<Box<Frame>>>,
    pub running: Cell<bool>,
    /// The generator's code (kept after the frame is gone).
    pub code: Option<Rc<crate::code::CodeObj>>,
    /// Whether the generator has been resumed at least once.
    pub started: Cell<bool>,
    /// The exception being handled inside the generator while it is suspended.
    pub exc: RefCell<Value>,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    /// An exact generator whose code is a generator's (its returns are tagged), so `FOR_ITER`
    /// and `SEND` may run its frame inline (`exec/gen.rs`).
    pub inline: bool,
}

/// The items of a `tuple`. A pair (dict items, `zip` and `enumerate` results, two-part keys)
/// is stored in the object itself; other lengths in one boxed slice. Reads go through `Deref`
/// to `[Value]`.
#[derive(Clone)]
pub enum TupleData {
    Pair([Value; 2]),
    Boxed(Box<[Value]>),
}

impl TupleData {
    /// The empty tuple's items.
    pub fn empty() -> Self {
        TupleData::Boxed(Box::default())
    }
}

impl From<Vec<Value>> for TupleData {
    fn from(items: Vec<Value>) -> Self {
        if items.len() == 2 {
            let mut it = items.into_iter();
            if let (Some(a), Some(b)) = (it.next(), it.next()) {
                return TupleData::Pair([a, b]);
            }
            return TupleData::empty();
        }
        TupleData::Boxed(items.into_boxed_slice())
    }
}

impl From<&[Value]> for TupleData {
    /// Clones of `items`, without a `Vec` in between (a pair goes straight into the object).
    fn from(items: &[Value]) -> Self {
        match items {
            [a, b] => TupleData::Pair([a.clone(), b.clone()]),
            _ => TupleData::Boxed(Box::from(items)),
        }
    }
}

impl std::ops::Deref for TupleData {
    type Target = [Value];

    #[inline]
    fn deref(&self) -> &[Value] {
        match self {
            TupleData::Pair(p) => p,
            TupleData::Boxed(b) => b,
        }
    }
}

impl std::ops::DerefMut for TupleData {
    #[inline]
    fn deref_mut(&mut self) -> &mut [Value] {
        match self {
            TupleData::Pair(p) => p,
            TupleData::Boxed(b) => b,
        }
    }
}

// A pair keeps the boxed form's pointer beside the spare tag of its first value: four words.
const _: () = assert!(std::mem::size_of::<TupleData>() == 32);

/// A `property`'s accessor functions and doc.
pub struct PropertyData {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
}

/// The payload of a heap object.
pub enum Payload {
    Str(StrData),
    /// An `int` outside `i64` (never holds a value that fits), or any value for `int` subclasses.
    BigInt(BigInt),
    /// The value of an instance of a `float` subclass (plain floats are `Value::Float`).
    Float(f64),
    Complex {
        re: f64,
        im: f64,
    },
    Bytes(Box<[u8]>),
    ByteArray(RefCell<Vec<u8>>),
    /// The items in 8-byte slots (see [`crate::ListItems`]).
    List(RefCell<crate::ListItems>),
    Tuple(TupleData),
    /// Boxed: a table and its borrow flag would size every object.
    Dict(Box<RefCell<DictTable>>),
    Set(RefCell<SetTable>),
    FrozenSet(SetTable),
    /// `dict.keys()` / `values()` / `items()`.
    DictView {
        dict: ObjRef,
        kind: DictViewKind,
    },
    Function(Box<FunctionData>),
    NativeFunction(Box<NativeFunctionData>),
    BoundMethod {
        func: Value,
        self_: Value,
    },
    Code(Rc<CodeObj>),
    Cell(RefCell<Value>),
    Type(Box<TypeData>),
    Module(ModuleData),
    /// Boxed: exceptions are rare, and the state is big (it would size every object).
    Exception(Box<RefCell<ExceptionState>>),
    /// Boxed: three values would size every object.
    Slice(Box<SliceData>),
    /// Boxed: three values would size every object.
    Range(Box<RangeData>),
    Iter(RefCell<IterState>),
    Generator(Box<GeneratorData>),
    /// Boxed: four values would size every object.
    Property(Box<PropertyData>),
    ClassMethod(Value),
    StaticMethod(Value),
    /// `super(type, obj)`.
    Super {
        this_type: ObjRef,
        obj: Value,
    },
    /// An instance of a plain user class: its attributes, stored in the instance while they
    /// follow its class's key table, else in a dict object (see [`InstAttrs`]).
    Instance(RefCell<InstAttrs>),
    /// An instance of a class with `__slots__`: the slot values (its `__dict__`, if any, holds
    /// only the other attributes).
    Slots(Box<RefCell<DictTable>>),
    NotImplemented,
    Ellipsis,
    /// Extension data owned by the builtins crate or an embedder.
    Native(Box<dyn Any>),
}

impl Payload {
    /// The payload of a new instance without a `__dict__` (`object()`, a marker object). A
    /// class's instances get theirs from `Vm::alloc_with_dict`.
    pub const fn instance() -> Payload {
        Payload::Instance(RefCell::new(InstAttrs::NoDict))
    }

    /// A `dict`'s payload.
    #[inline]
    pub fn dict(t: DictTable) -> Payload {
        Payload::Dict(Box::new(RefCell::new(t)))
    }

    /// The payload of an instance of a class with `__slots__`.
    pub fn slots(t: DictTable) -> Payload {
        Payload::Slots(Box::new(RefCell::new(t)))
    }

    /// A short description for debugging.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Payload::Str(_) => "str",
            Payload::BigInt(_) => "int",
            Payload::Float(_) => "float",
            Payload::Complex { .. } => "complex",
            Payload::Bytes(_) => "bytes",
            Payload::ByteArray(_) => "bytearray",
            Payload::List(_) => "list",
            Payload::Tuple(_) => "tuple",
            Payload::Dict(_) => "dict",
            Payload::Set(_) => "set",
            Payload::FrozenSet(_) => "frozenset",
            Payload::DictView { .. } => "dict view",
            Payload::Function(_) => "function",
            Payload::NativeFunction(_) => "builtin_function_or_method",
            Payload::BoundMethod { .. } => "method",
            Payload::Code(_) => "code",
            Payload::Cell(_) => "cell",
            Payload::Type(_) => "type",
            Payload::Module(_) => "module",
            Payload::Exception(_) => "exception",
            Payload::Slice(_) => "slice",
            Payload::Range(_) => "range",
            Payload::Iter(_) => "iterator",
            Payload::Generator(_) => "generator",
            Payload::Property(_) => "property",
            Payload::ClassMethod(_) => "classmethod",
            Payload::StaticMethod(_) => "staticmethod",
            Payload::Super { .. } => "super",
            Payload::Instance(_) | Payload::Slots(_) => "object",
            Payload::NotImplemented => "NotImplementedType",
            Payload::Ellipsis => "ellipsis",
            Payload::Native(_) => "native",
        }
    }
}

// Every object is an `ObjRc` block: 8 bytes of counts + this (56 bytes in all, see objref.rs).
// The payload's largest inline variant is `Str` (40 bytes): the enum keeps its tag in a spare
// value of the inline text's length byte at its start, so every other variant must stay within
// the 32 bytes after the first word; bigger states are boxed.
const _: () = assert!(std::mem::size_of::<Payload>() == 40);
const _: () = assert!(std::mem::size_of::<PyObject>() == 48);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_tag_beside_the_text_length() {
        // The `Payload` and `StrText` tags live in spare values of the inline length byte:
        // every length and both forms still read back as a `str`, other variants as themselves.
        for n in [0, 1, 29, 30, 31, 64] {
            let p = Payload::Str(StrData::from_string("\u{e9}".repeat(n)));
            assert_eq!(p.kind_name(), "str");
            match &p {
                Payload::Str(d) => {
                    assert_eq!(d.char_len(), n);
                    assert_eq!(d.s.len(), 2 * n);
                }
                _ => panic!("not a str"),
            }
        }
        assert_eq!(Payload::Float(1.5).kind_name(), "float");
        assert_eq!(Payload::Ellipsis.kind_name(), "ellipsis");
        assert_eq!(Payload::instance().kind_name(), "object");
        assert_eq!(Payload::Bytes(Box::from(&b"abc"[..])).kind_name(), "bytes");
    }

    #[test]
    fn str_text_inline_and_shared() {
        let a = |n: usize| "a".repeat(n);
        for n in [0, 1, 22, 23, 29, 30] {
            assert!(matches!(StrText::copy_of(&a(n)), StrText::Inline(_)), "{n}");
        }
        for n in [31, 32, 100] {
            assert!(matches!(StrText::copy_of(&a(n)), StrText::Shared(_)), "{n}");
        }
        // Multi-byte text: the limit counts UTF-8 bytes (10 × 3 bytes fit, 11 × 3 do not;
        // 7 × 4 fit, 8 × 4 do not), whatever the number of characters.
        let cjk10 = "\u{4e2d}".repeat(10);
        let cjk11 = "\u{4e2d}".repeat(11);
        let emoji7 = "\u{1f600}".repeat(7);
        let emoji8 = "\u{1f600}".repeat(8);
        // 29 ASCII bytes + one 2-byte char: 31 bytes, 30 characters.
        let latin = format!("{}\u{e9}", a(29));
        let latin_fits = format!("{}\u{e9}", a(28));
        assert!(matches!(StrText::copy_of(&cjk10), StrText::Inline(_)));
        assert!(matches!(StrText::copy_of(&cjk11), StrText::Shared(_)));
        assert!(matches!(StrText::copy_of(&emoji7), StrText::Inline(_)));
        assert!(matches!(StrText::copy_of(&emoji8), StrText::Shared(_)));
        assert!(matches!(StrText::copy_of(&latin), StrText::Shared(_)));
        assert!(matches!(StrText::copy_of(&latin_fits), StrText::Inline(_)));
        let texts = [
            a(0),
            a(1),
            a(22),
            a(23),
            a(30),
            a(31),
            cjk10,
            cjk11,
            emoji7,
            emoji8,
            latin,
            latin_fits,
        ];
        for s in &texts {
            let chars = s.chars().count();
            let ascii = s.is_ascii();
            let t = StrText::copy_of(s);
            assert_eq!(&*t, s.as_str());
            assert_eq!(&*t.to_rc(), s.as_str());
            assert_eq!(t.char_len(), chars);
            assert_eq!(t.is_ascii(), ascii);
            let shared = StrData::new(Rc::from(s.as_str()));
            assert!(matches!(shared.s, StrText::Shared(_)));
            assert!(t == shared.s);
            let built = [
                StrData::from_string(s.clone()),
                StrData::from_text(s),
                StrData::from_rc(Rc::from(s.as_str())),
                StrData::from_text_ascii(s, ascii),
                StrData::from_string_ascii(s.clone(), ascii),
                shared,
            ];
            let want_hash = crate::proto::hash::str_hash(s);
            for d in &built {
                assert_eq!(crate::proto::hash::str_hash(&d.s), want_hash);
                assert_eq!(&*d.s, s.as_str());
                assert_eq!(d.char_len(), chars);
                assert_eq!(d.is_ascii(), ascii);
                assert_eq!(d.hash.get(), -1);
                assert_eq!(
                    matches!(d.s, StrText::Inline(_)),
                    s.len() <= INLINE_STR_MAX && !std::ptr::eq(d, &built[5])
                );
            }
        }
    }
}
