//! CPython 3.12's `marshal` format (version 4), reading and writing.
//!
//! See [`loads`] and [`dumps`].

mod read;
mod write;

pub use write::{dump_code, dumps};

use crate::error::LoadError;
use crate::object::Obj;

/// The bit of a type byte asking the reader to remember the value in its reference table.
pub const FLAG_REF: u8 = 0x80;

/// CPython's `MAX_MARSHAL_STACK_DEPTH`: how deeply values may nest.
pub const MAX_DEPTH: usize = 2000;

/// Reads one value from a marshal stream, as `marshal.loads` does (trailing bytes are ignored).
///
/// ```
/// use pyvm_loader::{marshal::loads, Obj};
/// assert_eq!(loads(b"\xe9\x07\x00\x00\x00").unwrap(), Obj::Int(7));
/// ```
pub fn loads(bytes: &[u8]) -> Result<Obj, LoadError> {
    read::Reader::new(bytes, 0).read_object()
}

/// Like [`loads`], but also returns how many bytes the value occupied.
pub fn loads_prefix(bytes: &[u8]) -> Result<(Obj, usize), LoadError> {
    let mut reader = read::Reader::new(bytes, 0);
    let obj = reader.read_object()?;
    Ok((obj, reader.position()))
}

/// Like [`loads`], reporting error offsets as if `bytes` started at offset `base` of a larger input.
pub(crate) fn loads_at(bytes: &[u8], base: usize) -> Result<Obj, LoadError> {
    read::Reader::new(bytes, base).read_object()
}

/// The Python type name of a marshalled value, for messages.
pub fn type_name(obj: &Obj) -> &'static str {
    match obj {
        Obj::Null => "NULL",
        Obj::None => "NoneType",
        Obj::False | Obj::True => "bool",
        Obj::StopIteration => "type",
        Obj::Ellipsis => "ellipsis",
        Obj::Int(_) | Obj::Long(_) => "int",
        Obj::Float(_) => "float",
        Obj::Complex { .. } => "complex",
        Obj::Bytes(_) => "bytes",
        Obj::Str(_) => "str",
        Obj::Tuple(_) => "tuple",
        Obj::List(_) => "list",
        Obj::Dict(_) => "dict",
        Obj::Set(_) => "set",
        Obj::FrozenSet(_) => "frozenset",
        Obj::Code(_) => "code",
    }
}
