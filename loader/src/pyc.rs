//! Whole `.pyc` files: header, then one marshalled code object.

use std::path::Path;
use std::sync::Arc;

use crate::error::LoadError;
use crate::header::{check_magic, Header, HEADER_LEN};
use crate::marshal::{dump_code, loads_at, type_name};
use crate::object::{Code, Obj};

/// A loaded `.pyc`: its header and its module code object.
#[derive(Debug, Clone, PartialEq)]
pub struct Pyc {
    /// The validated header.
    pub header: Header,
    /// The module's code object.
    pub code: Arc<Code>,
}

/// Loads a `.pyc` from memory.
///
/// The magic number is validated before anything else (a file from another CPython version is
/// refused with [`LoadError::WrongVersion`] without reading further), then the rest of the header,
/// then the marshal data, whose top-level value must be a code object. Bytes after it are ignored,
/// as CPython ignores them. Error offsets count from the start of the file.
pub fn load_pyc(bytes: &[u8]) -> Result<Pyc, LoadError> {
    if let Some(first4) = bytes.get(..4).and_then(|s| <[u8; 4]>::try_from(s).ok()) {
        check_magic(first4)?;
    }
    let header = Header::parse(bytes)?;
    let body = bytes.get(HEADER_LEN..).unwrap_or(&[]);
    match loads_at(body, HEADER_LEN)? {
        Obj::Code(code) => Ok(Pyc { header, code }),
        other => Err(LoadError::NotCode {
            found: article_type_name(&other),
        }),
    }
}

/// Reads and loads a `.pyc` file; I/O failures become [`LoadError::Io`].
pub fn load_pyc_file(path: impl AsRef<Path>) -> Result<Pyc, LoadError> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    load_pyc(&bytes)
}

/// Serializes a header and code object into `.pyc` bytes that [`load_pyc`] reads back.
pub fn dump_pyc(header: &Header, code: &Code) -> Vec<u8> {
    let mut out = header.to_bytes().to_vec();
    out.extend_from_slice(&dump_code(code));
    out
}

fn article_type_name(obj: &Obj) -> &'static str {
    match type_name(obj) {
        "NoneType" => "None",
        "bool" => "a bool",
        "int" => "an int",
        "float" => "a float",
        "complex" => "a complex",
        "bytes" => "a bytes object",
        "str" => "a str",
        "tuple" => "a tuple",
        "list" => "a list",
        "dict" => "a dict",
        "set" => "a set",
        "frozenset" => "a frozenset",
        "ellipsis" => "Ellipsis",
        "type" => "StopIteration",
        _ => "NULL",
    }
}
