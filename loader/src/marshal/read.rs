//! The marshal reader.
//!
//! Reads every type code CPython 3.12's `marshal` reads, with the same reference-table numbering:
//! a value written with the reference flag gets the next index when it *starts* (containers and code
//! objects) and becomes usable when it is complete; scalars get theirs once read.
//!
//! The reader is iterative: nested containers live on an explicit stack, so deeply nested input can
//! never overflow the native stack, and nesting deeper than CPython's limit is refused. Every length
//! is checked against the bytes that remain before anything is allocated.

use std::sync::Arc;

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::ToPrimitive;

use super::{type_name, FLAG_REF, MAX_DEPTH};
use crate::error::{LoadError, MarshalProblem};
use crate::object::{kinds, Code, Obj, PyStr};

/// Which kind of sequence a [`Frame::Seq`] is building.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SeqKind {
    Tuple,
    List,
    Set,
    FrozenSet,
}

impl SeqKind {
    fn name(self) -> &'static str {
        match self {
            SeqKind::Tuple => "tuple",
            SeqKind::List => "list",
            SeqKind::Set | SeqKind::FrozenSet => "set",
        }
    }
}

/// A container or code object whose items are still being read.
enum Frame {
    Seq {
        kind: SeqKind,
        remaining: usize,
        items: Vec<Obj>,
        slot: Option<usize>,
        start: usize,
        size: u64,
    },
    Dict {
        pairs: Vec<(Obj, Obj)>,
        key: Option<Obj>,
        slot: Option<usize>,
        start: usize,
        size: u64,
    },
    Code(Box<CodeFrame>),
}

/// A code object being read: the five leading integers, then the object fields in marshal order,
/// with `co_firstlineno` read between `co_qualname` and `co_linetable`.
struct CodeFrame {
    start: usize,
    slot: Option<usize>,
    ints: [i32; 5],
    firstlineno: i32,
    fields: Vec<(Obj, usize)>,
    size: u64,
}

/// Number of object-valued fields of a 3.12 code object.
const CODE_OBJECT_FIELDS: usize = 10;
/// `co_firstlineno` comes after this many object fields.
const FIELDS_BEFORE_FIRSTLINENO: usize = 8;
/// Most items reserved up front for a container, whatever length it claims.
const INITIAL_CAPACITY: usize = 256;

/// The most objects a value read from `input_len` bytes may expand to when its shared references
/// are counted at every use.
///
/// References let a small stream describe a value whose tree is exponentially large (each level
/// referring twice to the one below). Such a value costs little memory here, since the pieces are
/// shared, but any consumer that walks it as a tree would never finish; it is refused instead.
/// Real `.pyc` files expand to about one object per byte or less.
pub(crate) fn expansion_limit(input_len: usize) -> u64 {
    (input_len as u64)
        .saturating_mul(64)
        .saturating_add(1 << 20)
}

/// The result of starting to read one value.
enum Begin {
    /// A complete value (`None` for the NULL marker) that counts as one object.
    Value(Option<Obj>),
    /// A value from the reference table, and how many objects it expands to.
    Shared(Obj, u64),
    /// A container was opened and pushed onto the stack.
    Opened,
}

/// The result of handing a finished value to the innermost open container.
enum Fed {
    /// The container needs more values.
    More(Frame),
    /// The container is complete: the value, the offset it started at, and how many objects it
    /// expands to.
    Done(Obj, usize, u64),
}

/// A marshal reader over a byte slice.
pub(crate) struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    /// Added to positions in error messages (e.g. 16 when reading after a `.pyc` header).
    base: usize,
    /// The reference table, with each value's expanded size; `None` marks an index reserved by a
    /// value still being read.
    refs: Vec<Option<(Obj, u64)>>,
    stack: Vec<Frame>,
    /// Limit on the expanded size of any value (see [`expansion_limit`]).
    max_nodes: u64,
}

impl<'a> Reader<'a> {
    /// A reader over `data`, whose first byte is at offset `base` of the whole input.
    pub(crate) fn new(data: &'a [u8], base: usize) -> Self {
        Reader {
            data,
            pos: 0,
            base,
            refs: Vec::new(),
            stack: Vec::new(),
            max_nodes: expansion_limit(data.len()),
        }
    }

    /// Number of bytes consumed so far.
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// Reads one complete value.
    pub(crate) fn read_object(&mut self) -> Result<Obj, LoadError> {
        loop {
            let start = self.pos;
            let (mut value, mut value_size) = match self.begin()? {
                Begin::Opened => continue,
                Begin::Value(v) => (v, 1),
                Begin::Shared(v, n) => (Some(v), n),
            };
            let mut value_start = start;
            loop {
                let Some(frame) = self.stack.pop() else {
                    return value.ok_or_else(|| {
                        self.bad(
                            value_start,
                            MarshalProblem::NullObject { context: "object" },
                        )
                    });
                };
                match self.feed(frame, value, value_start, value_size)? {
                    Fed::More(frame) => {
                        self.stack.push(frame);
                        break;
                    }
                    Fed::Done(obj, obj_start, size) => {
                        value = Some(obj);
                        value_start = obj_start;
                        value_size = size;
                    }
                }
            }
        }
    }

    // ----- low-level input -------------------------------------------------------------------

    fn bad(&self, at: usize, problem: MarshalProblem) -> LoadError {
        LoadError::BadMarshal {
            offset: self.base + at,
            problem,
        }
    }

    fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }

    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], LoadError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        match end.and_then(|e| self.data.get(self.pos..e)) {
            Some(slice) => {
                self.pos += n;
                Ok(slice)
            }
            None => Err(LoadError::Truncated {
                offset: self.base + self.pos,
                needed: n as u64,
                what,
            }),
        }
    }

    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], LoadError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N, what)?);
        Ok(out)
    }

    fn byte(&mut self, what: &'static str) -> Result<u8, LoadError> {
        Ok(self.array::<1>(what)?[0])
    }

    fn i32(&mut self, what: &'static str) -> Result<i32, LoadError> {
        Ok(i32::from_le_bytes(self.array(what)?))
    }

    /// A 4-byte signed size that must not be negative.
    fn size(&mut self, what: &'static str) -> Result<usize, LoadError> {
        let at = self.pos;
        let n = self.i32(what)?;
        usize::try_from(n).map_err(|_| {
            self.bad(
                at,
                MarshalProblem::NegativeSize {
                    what: size_subject(what),
                    size: i64::from(n),
                },
            )
        })
    }

    /// Fails fast when `count` items of at least `min_each` bytes cannot fit in the rest of the input.
    fn ensure_room(
        &self,
        count: usize,
        min_each: usize,
        what: &'static str,
    ) -> Result<(), LoadError> {
        let needed = (count as u64).saturating_mul(min_each as u64);
        if needed > self.remaining() as u64 {
            return Err(LoadError::Truncated {
                offset: self.base + self.pos,
                needed,
                what,
            });
        }
        Ok(())
    }

    // ----- the reference table -----------------------------------------------------------------

    fn reserve(&mut self, flag: bool) -> Option<usize> {
        flag.then(|| {
            self.refs.push(None);
            self.refs.len() - 1
        })
    }

    fn fill(&mut self, slot: Option<usize>, obj: &Obj, size: u64) {
        if let Some(entry) = slot.and_then(|i| self.refs.get_mut(i)) {
            *entry = Some((obj.clone(), size));
        }
    }

    fn scalar(&mut self, flag: bool, obj: Obj) -> Begin {
        if flag {
            self.refs.push(Some((obj.clone(), 1)));
        }
        Begin::Value(Some(obj))
    }

    fn reference(&mut self, at: usize) -> Result<(Obj, u64), LoadError> {
        let index = self.i32("a reference index")?;
        let defined = self.refs.len();
        match usize::try_from(index).ok().and_then(|i| self.refs.get(i)) {
            Some(Some((obj, size))) => Ok((obj.clone(), *size)),
            Some(None) => Err(self.bad(
                at,
                MarshalProblem::IncompleteReference {
                    index: i64::from(index),
                },
            )),
            None => Err(self.bad(
                at,
                MarshalProblem::InvalidReference {
                    index: i64::from(index),
                    defined,
                },
            )),
        }
    }

    // ----- starting a value ----------------------------------------------------------------------

    fn begin(&mut self) -> Result<Begin, LoadError> {
        let at = self.pos;
        let code = self.byte("a type code")?;
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.bad(at, MarshalProblem::TooDeep { limit: MAX_DEPTH }));
        }
        let flag = code & FLAG_REF != 0;
        let ty = code & !FLAG_REF;
        Ok(match ty {
            b'0' => Begin::Value(None),
            b'N' => Begin::Value(Some(Obj::None)),
            b'F' => Begin::Value(Some(Obj::False)),
            b'T' => Begin::Value(Some(Obj::True)),
            b'S' => Begin::Value(Some(Obj::StopIteration)),
            b'.' => Begin::Value(Some(Obj::Ellipsis)),
            b'i' => {
                let v = self.i32("an int")?;
                self.scalar(flag, Obj::Int(i64::from(v)))
            }
            b'I' => {
                let v = i64::from_le_bytes(self.array("a 64-bit int")?);
                self.scalar(flag, Obj::Int(v))
            }
            b'l' => {
                let v = self.long()?;
                self.scalar(flag, v)
            }
            b'f' => {
                let v = self.text_float()?;
                self.scalar(flag, Obj::Float(v))
            }
            b'g' => {
                let v = f64::from_le_bytes(self.array("a binary float")?);
                self.scalar(flag, Obj::Float(v))
            }
            b'x' => {
                let re = self.text_float()?;
                let im = self.text_float()?;
                self.scalar(flag, Obj::Complex { re, im })
            }
            b'y' => {
                let re = f64::from_le_bytes(self.array("a binary complex")?);
                let im = f64::from_le_bytes(self.array("a binary complex")?);
                self.scalar(flag, Obj::Complex { re, im })
            }
            b's' => {
                let n = self.size("a bytes length")?;
                let bytes = self.take(n, "bytes data")?;
                self.scalar(flag, Obj::Bytes(Arc::from(bytes)))
            }
            b'a' | b'A' => {
                let n = self.size("a string length")?;
                let s = latin1(self.take(n, "string data")?);
                self.scalar(flag, Obj::Str(s))
            }
            b'z' | b'Z' => {
                let n = usize::from(self.byte("a string length")?);
                let s = latin1(self.take(n, "string data")?);
                self.scalar(flag, Obj::Str(s))
            }
            b'u' | b't' => {
                let n = self.size("a string length")?;
                let data_at = self.pos;
                let bytes = self.take(n, "string data")?;
                let s = utf8_surrogatepass(bytes)
                    .ok_or_else(|| self.bad(data_at, MarshalProblem::InvalidUtf8))?;
                self.scalar(flag, Obj::Str(s))
            }
            b')' => {
                let n = usize::from(self.byte("a tuple length")?);
                self.open_seq(SeqKind::Tuple, n, flag, at)?
            }
            b'(' => {
                let n = self.size("a tuple length")?;
                self.open_seq(SeqKind::Tuple, n, flag, at)?
            }
            b'[' => {
                let n = self.size("a list length")?;
                self.open_seq(SeqKind::List, n, flag, at)?
            }
            b'<' => {
                let n = self.size("a set length")?;
                self.open_seq(SeqKind::Set, n, flag, at)?
            }
            b'>' => {
                let n = self.size("a set length")?;
                self.open_seq(SeqKind::FrozenSet, n, flag, at)?
            }
            b'{' => {
                let slot = self.reserve(flag);
                self.stack.push(Frame::Dict {
                    pairs: Vec::new(),
                    key: None,
                    slot,
                    start: at,
                    size: 1,
                });
                Begin::Opened
            }
            b'c' => {
                let slot = self.reserve(flag);
                let mut ints = [0i32; 5];
                for (value, what) in ints.iter_mut().zip([
                    "co_argcount",
                    "co_posonlyargcount",
                    "co_kwonlyargcount",
                    "co_stacksize",
                    "co_flags",
                ]) {
                    *value = self.i32(what)?;
                }
                self.stack.push(Frame::Code(Box::new(CodeFrame {
                    start: at,
                    slot,
                    ints,
                    firstlineno: 0,
                    fields: Vec::with_capacity(CODE_OBJECT_FIELDS),
                    size: 1,
                })));
                Begin::Opened
            }
            b'r' => {
                let (obj, size) = self.reference(at)?;
                Begin::Shared(obj, size)
            }
            other => return Err(self.bad(at, MarshalProblem::UnknownType { code: other })),
        })
    }

    fn open_seq(
        &mut self,
        kind: SeqKind,
        n: usize,
        flag: bool,
        start: usize,
    ) -> Result<Begin, LoadError> {
        // Every item takes at least one byte.
        self.ensure_room(n, 1, seq_items_what(kind))?;
        let slot = self.reserve(flag);
        if n == 0 {
            let obj = finish_seq(kind, Vec::new());
            self.fill(slot, &obj, 1);
            return Ok(Begin::Value(Some(obj)));
        }
        self.stack.push(Frame::Seq {
            kind,
            remaining: n,
            // Open containers can each claim up to the whole input; their items cannot.
            items: Vec::with_capacity(n.min(INITIAL_CAPACITY)),
            slot,
            start,
            size: 1,
        });
        Ok(Begin::Opened)
    }

    fn long(&mut self) -> Result<Obj, LoadError> {
        let at = self.pos;
        let n = self.i32("a long digit count")?;
        if n == 0 {
            return Ok(Obj::Int(0));
        }
        if n == i32::MIN {
            return Err(self.bad(
                at,
                MarshalProblem::LongSizeOutOfRange { size: i64::from(n) },
            ));
        }
        let count = n.unsigned_abs() as usize;
        self.ensure_room(count, 2, "long digits")?;
        let mut digits = Vec::with_capacity(count);
        for i in 0..count {
            let digit_at = self.pos;
            let d = u16::from_le_bytes(self.array("a long digit")?);
            if d > 0x7fff {
                return Err(self.bad(digit_at, MarshalProblem::LongDigitOutOfRange { digit: d }));
            }
            if d == 0 && i + 1 == count {
                return Err(self.bad(digit_at, MarshalProblem::UnnormalizedLong));
            }
            digits.push(d);
        }
        Ok(long_from_digits(&digits, n < 0))
    }

    fn text_float(&mut self) -> Result<f64, LoadError> {
        let n = usize::from(self.byte("a float text length")?);
        let at = self.pos;
        let text = self.take(n, "float text")?;
        parse_float_text(text).ok_or_else(|| {
            self.bad(
                at,
                MarshalProblem::BadFloatText {
                    text: String::from_utf8_lossy(text).into_owned(),
                },
            )
        })
    }

    // ----- finishing values ----------------------------------------------------------------------

    fn grow(&self, size: u64, by: u64, start: usize) -> Result<u64, LoadError> {
        let size = size.saturating_add(by);
        if size > self.max_nodes {
            return Err(self.bad(
                start,
                MarshalProblem::TooLarge {
                    limit: self.max_nodes,
                },
            ));
        }
        Ok(size)
    }

    fn feed(
        &mut self,
        frame: Frame,
        value: Option<Obj>,
        at: usize,
        value_size: u64,
    ) -> Result<Fed, LoadError> {
        match frame {
            Frame::Seq {
                kind,
                mut remaining,
                mut items,
                slot,
                start,
                size,
            } => {
                let size = self.grow(size, value_size, start)?;
                let Some(value) = value else {
                    return Err(self.bad(
                        at,
                        MarshalProblem::NullObject {
                            context: kind.name(),
                        },
                    ));
                };
                if matches!(kind, SeqKind::Set | SeqKind::FrozenSet) {
                    self.check_hashable(&value, at)?;
                }
                items.push(value);
                remaining -= 1;
                if remaining > 0 {
                    return Ok(Fed::More(Frame::Seq {
                        kind,
                        remaining,
                        items,
                        slot,
                        start,
                        size,
                    }));
                }
                let obj = finish_seq(kind, items);
                self.fill(slot, &obj, size);
                Ok(Fed::Done(obj, start, size))
            }
            Frame::Dict {
                mut pairs,
                key,
                slot,
                start,
                size,
            } => match (key, value) {
                (None, Some(k)) => {
                    self.check_hashable(&k, at)?;
                    Ok(Fed::More(Frame::Dict {
                        pairs,
                        key: Some(k),
                        slot,
                        start,
                        size: self.grow(size, value_size, start)?,
                    }))
                }
                (Some(k), Some(v)) => {
                    pairs.push((k, v));
                    Ok(Fed::More(Frame::Dict {
                        pairs,
                        key: None,
                        slot,
                        start,
                        size: self.grow(size, value_size, start)?,
                    }))
                }
                // A NULL key ends the dict; so does a NULL value (its key is dropped), as in CPython.
                (_, None) => {
                    let obj = Obj::Dict(Arc::from(pairs));
                    self.fill(slot, &obj, size);
                    Ok(Fed::Done(obj, start, size))
                }
            },
            Frame::Code(mut cf) => {
                let Some(value) = value else {
                    return Err(self.bad(
                        at,
                        MarshalProblem::NullObject {
                            context: "code object",
                        },
                    ));
                };
                cf.size = self.grow(cf.size, value_size, cf.start)?;
                cf.fields.push((value, at));
                if cf.fields.len() == FIELDS_BEFORE_FIRSTLINENO {
                    cf.firstlineno = self.i32("co_firstlineno")?;
                }
                if cf.fields.len() < CODE_OBJECT_FIELDS {
                    return Ok(Fed::More(Frame::Code(cf)));
                }
                let (start, slot, size) = (cf.start, cf.slot, cf.size);
                let code = self.build_code(*cf)?;
                let obj = Obj::Code(Arc::new(code));
                self.fill(slot, &obj, size);
                Ok(Fed::Done(obj, start, size))
            }
        }
    }

    fn check_hashable(&self, obj: &Obj, at: usize) -> Result<(), LoadError> {
        match unhashable_part(obj) {
            Some(found) => Err(self.bad(at, MarshalProblem::Unhashable { found })),
            None => Ok(()),
        }
    }

    fn build_code(&self, cf: CodeFrame) -> Result<Code, LoadError> {
        let CodeFrame {
            start,
            ints,
            firstlineno,
            fields,
            ..
        } = cf;
        let [argcount, posonlyargcount, kwonlyargcount, stacksize, flags] = ints;
        let invalid = |reason| self.bad(start, MarshalProblem::InvalidCode { reason });
        if posonlyargcount < 0 || argcount < posonlyargcount {
            return Err(invalid("bad co_argcount or co_posonlyargcount"));
        }
        if kwonlyargcount < 0 {
            return Err(invalid("negative co_kwonlyargcount"));
        }
        if stacksize < 0 {
            return Err(invalid("negative co_stacksize"));
        }
        if flags < 0 {
            return Err(invalid("negative co_flags"));
        }

        let mut it = fields.into_iter();
        let mut next = || it.next().unwrap_or((Obj::None, start));
        let code = self.bytes_field(next(), "co_code")?;
        let consts = match next() {
            (Obj::Tuple(items), _) => items,
            (other, at) => return Err(self.field_type(at, "co_consts", "a tuple", &other)),
        };
        let names = self.str_tuple_field(next(), "co_names")?;
        let localsplusnames = self.str_tuple_field(next(), "co_localsplusnames")?;
        let localspluskinds = self.bytes_field(next(), "co_localspluskinds")?;
        let filename = self.str_field(next(), "co_filename")?;
        let name = self.str_field(next(), "co_name")?;
        let qualname = self.str_field(next(), "co_qualname")?;
        let linetable = self.bytes_field(next(), "co_linetable")?;
        let exceptiontable = self.bytes_field(next(), "co_exceptiontable")?;

        if localsplusnames.len() != localspluskinds.len() {
            return Err(invalid(
                "co_localsplusnames and co_localspluskinds differ in length",
            ));
        }
        if code.len() % 2 != 0 {
            return Err(invalid("co_code is malformed (odd length)"));
        }
        let nlocals = localspluskinds
            .iter()
            .filter(|&&k| k & kinds::LOCAL != 0)
            .count();
        let needed = i64::from(argcount)
            + i64::from(kwonlyargcount)
            + i64::from(flags & crate::object::flags::VARARGS as i32 != 0)
            + i64::from(flags & crate::object::flags::VARKEYWORDS as i32 != 0);
        if (nlocals as i64) < needed {
            return Err(invalid("co_varnames is too small"));
        }

        Ok(Code {
            argcount: argcount.unsigned_abs(),
            posonlyargcount: posonlyargcount.unsigned_abs(),
            kwonlyargcount: kwonlyargcount.unsigned_abs(),
            stacksize: stacksize.unsigned_abs(),
            flags: flags.unsigned_abs(),
            code,
            consts,
            names,
            localsplusnames,
            localspluskinds,
            filename,
            name,
            qualname,
            firstlineno,
            linetable,
            exceptiontable,
        })
    }

    fn field_type(
        &self,
        at: usize,
        field: &'static str,
        expected: &'static str,
        found: &Obj,
    ) -> LoadError {
        self.bad(
            at,
            MarshalProblem::CodeFieldType {
                field,
                expected,
                found: type_name(found),
            },
        )
    }

    fn bytes_field(
        &self,
        (obj, at): (Obj, usize),
        field: &'static str,
    ) -> Result<Arc<[u8]>, LoadError> {
        match obj {
            Obj::Bytes(b) => Ok(b),
            other => Err(self.field_type(at, field, "bytes", &other)),
        }
    }

    fn str_field(&self, (obj, at): (Obj, usize), field: &'static str) -> Result<PyStr, LoadError> {
        match obj {
            Obj::Str(s) => Ok(s),
            other => Err(self.field_type(at, field, "a str", &other)),
        }
    }

    fn str_tuple_field(
        &self,
        (obj, at): (Obj, usize),
        field: &'static str,
    ) -> Result<Arc<[PyStr]>, LoadError> {
        let Obj::Tuple(items) = obj else {
            return Err(self.field_type(at, field, "a tuple of str", &obj));
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item {
                Obj::Str(s) => out.push(s.clone()),
                other => return Err(self.field_type(at, field, "a tuple of str", other)),
            }
        }
        Ok(Arc::from(out))
    }
}

fn finish_seq(kind: SeqKind, items: Vec<Obj>) -> Obj {
    let items: Arc<[Obj]> = Arc::from(items);
    match kind {
        SeqKind::Tuple => Obj::Tuple(items),
        SeqKind::List => Obj::List(items),
        SeqKind::Set => Obj::Set(items),
        SeqKind::FrozenSet => Obj::FrozenSet(items),
    }
}

fn seq_items_what(kind: SeqKind) -> &'static str {
    match kind {
        SeqKind::Tuple => "tuple items",
        SeqKind::List => "list items",
        SeqKind::Set | SeqKind::FrozenSet => "set items",
    }
}

/// The subject of a size-field description: "a bytes length" → "bytes".
fn size_subject(what: &'static str) -> &'static str {
    match what {
        "a bytes length" => "bytes object",
        "a string length" => "string",
        "a tuple length" => "tuple",
        "a list length" => "list",
        "a set length" => "set",
        other => other,
    }
}

/// The type name of the first unhashable object inside `obj` (looking through tuples), if any.
fn unhashable_part(obj: &Obj) -> Option<&'static str> {
    let mut pending: Vec<&Obj> = vec![obj];
    while let Some(o) = pending.pop() {
        match o {
            Obj::List(_) | Obj::Dict(_) | Obj::Set(_) => return Some(type_name(o)),
            Obj::Tuple(items) => pending.extend(items.iter()),
            _ => {}
        }
    }
    None
}

/// Decodes bytes as Latin-1, which is what CPython does for the `a`/`z` types.
fn latin1(bytes: &[u8]) -> PyStr {
    match std::str::from_utf8(bytes) {
        Ok(s) if bytes.is_ascii() => PyStr::Utf8(Arc::from(s)),
        _ => {
            let s: String = bytes.iter().map(|&b| char::from(b)).collect();
            PyStr::Utf8(Arc::from(s))
        }
    }
}

/// Decodes UTF-8 as CPython's `surrogatepass` handler does: encoded lone surrogates are accepted.
fn utf8_surrogatepass(bytes: &[u8]) -> Option<PyStr> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(PyStr::Utf8(Arc::from(s)));
    }
    let mut i = 0;
    while i < bytes.len() {
        let b0 = bytes.get(i).copied()?;
        let cont = |k: usize| bytes.get(i + k).copied().filter(|b| b & 0xc0 == 0x80);
        let width = match b0 {
            0x00..=0x7f => 1,
            0xc2..=0xdf => {
                cont(1)?;
                2
            }
            0xe0..=0xef => {
                let b1 = cont(1)?;
                cont(2)?;
                if b0 == 0xe0 && b1 < 0xa0 {
                    return None; // overlong
                }
                3
            }
            0xf0..=0xf4 => {
                let b1 = cont(1)?;
                cont(2)?;
                cont(3)?;
                if (b0 == 0xf0 && b1 < 0x90) || (b0 == 0xf4 && b1 > 0x8f) {
                    return None;
                }
                4
            }
            _ => return None,
        };
        i += width;
    }
    Some(PyStr::Surrogates(Arc::from(bytes)))
}

/// Parses the text of an `f`/`x` float as `float()` would for the strings `repr` produces.
fn parse_float_text(text: &[u8]) -> Option<f64> {
    let s = std::str::from_utf8(text).ok()?;
    if s.is_empty() || s.contains('_') || s.trim() != s {
        return None;
    }
    s.parse::<f64>().ok()
}

/// Builds an int from 15-bit little-endian digits (the top one non-zero).
fn long_from_digits(digits: &[u16], negative: bool) -> Obj {
    if digits.len() <= 4 {
        // At most 60 bits: fits in i64 either way.
        let mut v: i64 = 0;
        for &d in digits.iter().rev() {
            v = (v << 15) | i64::from(d);
        }
        return Obj::Int(if negative { -v } else { v });
    }
    let mut words: Vec<u32> = Vec::with_capacity(digits.len() * 15 / 32 + 1);
    let mut acc: u64 = 0;
    let mut bits = 0u32;
    for &d in digits {
        acc |= u64::from(d) << bits;
        bits += 15;
        if bits >= 32 {
            words.push((acc & 0xffff_ffff) as u32);
            acc >>= 32;
            bits -= 32;
        }
    }
    if bits > 0 {
        words.push((acc & 0xffff_ffff) as u32);
    }
    let magnitude = BigUint::new(words);
    let value = BigInt::from_biguint(if negative { Sign::Minus } else { Sign::Plus }, magnitude);
    match value.to_i64() {
        Some(v) => Obj::Int(v),
        None => Obj::Long(Arc::new(value)),
    }
}
