//! Error types of the loader.
//!
//! Every message is built here, from structured fields, so that callers can match on the kind of
//! failure and tests can compare exact texts.

use std::fmt;
use std::path::PathBuf;

use crate::magic::{MAGIC_312, VERSION_312};

/// Why a `.pyc` file or a marshal stream could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file that was being read.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },

    /// The file is shorter than the 16-byte `.pyc` header.
    #[error("truncated .pyc header: the file has {len} bytes, a header needs 16")]
    TruncatedHeader {
        /// Length of the whole input.
        len: usize,
    },

    /// The first four bytes are not the magic number of any CPython 3 release.
    #[error("not a .pyc file: unknown magic bytes {}", hex_bytes(magic))]
    NotPyc {
        /// The first four bytes of the input.
        magic: [u8; 4],
    },

    /// The file was compiled by another CPython version.
    #[error(
        "compiled by {} (magic {magic}); pyvm runs CPython {VERSION_312} bytecode (magic {MAGIC_312})",
        describe_compiler(version, *prerelease)
    )]
    WrongVersion {
        /// The magic number found in the header.
        magic: u16,
        /// The `major.minor` version that magic belongs to.
        version: &'static str,
        /// Whether `magic` is one of that version's pre-release (alpha/beta/rc) numbers rather than the
        /// one its final release uses.
        prerelease: bool,
    },

    /// The header's flags word has a bit set that no CPython version defines.
    #[error("invalid flags 0x{flags:08x} in .pyc header (only bits 0 and 1 are defined)")]
    BadFlags {
        /// The flags word as read.
        flags: u32,
    },

    /// The marshal stream ended in the middle of a value.
    #[error("truncated marshal data at offset {offset}: needed {needed} bytes for {what}")]
    Truncated {
        /// Byte offset (in the whole input) where the missing data should have started.
        offset: usize,
        /// How many bytes were needed.
        needed: u64,
        /// What was being read.
        what: &'static str,
    },

    /// The marshal stream holds something CPython 3.12's reader would refuse.
    #[error("bad marshal data at offset {offset}: {problem}")]
    BadMarshal {
        /// Byte offset (in the whole input) of the value or field at fault.
        offset: usize,
        /// What was wrong.
        problem: MarshalProblem,
    },

    /// The `.pyc` file's top-level object is not a code object.
    #[error("the top-level object of the .pyc is {found}, not a code object")]
    NotCode {
        /// Description of what was found instead (e.g. "a tuple").
        found: &'static str,
    },
}

/// The specific defect found in a marshal stream (see [`LoadError::BadMarshal`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MarshalProblem {
    /// A type byte that CPython 3.12 does not know.
    UnknownType {
        /// The type byte with the reference flag (0x80) cleared.
        code: u8,
    },
    /// A negative length or count.
    NegativeSize {
        /// What the length was for.
        what: &'static str,
        /// The value read.
        size: i64,
    },
    /// A `long` whose digit count is out of range.
    LongSizeOutOfRange {
        /// The signed digit count read.
        size: i64,
    },
    /// A 15-bit `long` digit above 0x7fff.
    LongDigitOutOfRange {
        /// The digit read.
        digit: u16,
    },
    /// A `long` whose most significant digit is zero.
    UnnormalizedLong,
    /// A textual float (`f`/`x`) that is not a valid number.
    BadFloatText {
        /// The text, lossily decoded.
        text: String,
    },
    /// A `u`/`t` string that is not UTF-8 (surrogates allowed).
    InvalidUtf8,
    /// An `r` reference to an index that was never assigned.
    InvalidReference {
        /// The index read.
        index: i64,
        /// How many references were defined at that point.
        defined: usize,
    },
    /// An `r` reference to a container or code object that is still being read.
    IncompleteReference {
        /// The index read.
        index: i64,
    },
    /// More than 2000 levels of nesting.
    TooDeep {
        /// The nesting limit.
        limit: usize,
    },
    /// A value that, counting shared references at each use, holds more objects than allowed.
    TooLarge {
        /// The limit, in objects.
        limit: u64,
    },
    /// A NULL (`0`) where a value is required.
    NullObject {
        /// The container the NULL appeared in ("tuple", "list", "set", "code object", "object").
        context: &'static str,
    },
    /// A dict key or set element that is not hashable (a list, dict, or set).
    Unhashable {
        /// The type that was found.
        found: &'static str,
    },
    /// A code object field of the wrong type.
    CodeFieldType {
        /// Name of the field, e.g. "co_names".
        field: &'static str,
        /// What the field must be, e.g. "a tuple of str".
        expected: &'static str,
        /// What was found.
        found: &'static str,
    },
    /// A code object whose fields are inconsistent.
    InvalidCode {
        /// What is inconsistent.
        reason: &'static str,
    },
}

impl fmt::Display for MarshalProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MarshalProblem::UnknownType { code } => {
                write!(f, "unknown type code 0x{code:02x}")?;
                if code.is_ascii_graphic() {
                    write!(f, " ({:?})", char::from(*code))?;
                }
                Ok(())
            }
            MarshalProblem::NegativeSize { what, size } => {
                write!(f, "{what} size out of range ({size})")
            }
            MarshalProblem::LongSizeOutOfRange { size } => {
                write!(f, "long size out of range ({size})")
            }
            MarshalProblem::LongDigitOutOfRange { digit } => {
                write!(f, "digit out of range in long (0x{digit:04x})")
            }
            MarshalProblem::UnnormalizedLong => f.write_str("unnormalized long data"),
            MarshalProblem::BadFloatText { text } => write!(f, "invalid float text {text:?}"),
            MarshalProblem::InvalidUtf8 => f.write_str("string is not valid UTF-8"),
            MarshalProblem::InvalidReference { index, defined } => write!(
                f,
                "invalid reference {index} (only {defined} references defined)"
            ),
            MarshalProblem::IncompleteReference { index } => write!(
                f,
                "invalid reference {index} (the object is still being read)"
            ),
            MarshalProblem::TooDeep { limit } => {
                write!(f, "nesting deeper than {limit} levels")
            }
            MarshalProblem::TooLarge { limit } => write!(
                f,
                "value expands to more than {limit} objects through shared references"
            ),
            MarshalProblem::NullObject { context } => {
                write!(f, "NULL object in marshal data for {context}")
            }
            MarshalProblem::Unhashable { found } => write!(f, "unhashable type: '{found}'"),
            MarshalProblem::CodeFieldType {
                field,
                expected,
                found,
            } => write!(
                f,
                "code object field {field} must be {expected}, not {found}"
            ),
            MarshalProblem::InvalidCode { reason } => write!(f, "invalid code object: {reason}"),
        }
    }
}

/// Why a `co_linetable` or `co_exceptiontable` could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TableError {
    /// The table ends in the middle of an entry.
    #[error("truncated {table} at byte {offset}")]
    Truncated {
        /// "line table" or "exception table".
        table: &'static str,
        /// Offset in the table where more bytes were needed.
        offset: usize,
    },
    /// An entry does not start with a byte that has bit 7 set.
    #[error("malformed {table} at byte {offset}: expected the start of an entry")]
    NotEntryStart {
        /// "line table" or "exception table".
        table: &'static str,
        /// Offset in the table.
        offset: usize,
    },
    /// A variable-length integer that does not fit in 32 bits.
    #[error("malformed {table} at byte {offset}: varint too large")]
    VarintOverflow {
        /// "line table" or "exception table".
        table: &'static str,
        /// Offset in the table where the varint starts.
        offset: usize,
    },
}

fn describe_compiler(version: &str, prerelease: bool) -> String {
    if prerelease {
        format!("a CPython {version} pre-release")
    } else {
        format!("CPython {version}")
    }
}

fn hex_bytes(bytes: &[u8]) -> String {
    let parts: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
    parts.join(" ")
}
