//! # pyvm-loader
//!
//! Reads CPython 3.12 `.pyc` files: the 16-byte header, the marshal stream, and the code objects
//! inside, plus the static description of 3.12 bytecode (the opcode table, `dis`).
//!
//! Invariant: nothing in this crate executes Python code.
//!
//! Main entry points:
//!
//! * [`load_pyc`] / [`load_pyc_file`]: validate the header (magic first), then unmarshal the module
//!   code object into a [`Pyc`].
//! * [`marshal::loads`] / [`marshal::dumps`]: the marshal format on its own.
//! * [`linetable`]: `co_positions()` / `co_lines()` from `co_linetable`.
//! * [`exctable`]: entries of `co_exceptiontable`.
//! * [`header`]: the `.pyc` header and source freshness; [`hash::source_hash`] for hash-based pycs.
//! * [`magic::version_of_magic`]: which CPython version wrote a file.
//!
//! All failures are [`LoadError`] (or [`TableError`] for the two tables); no input makes this crate
//! panic, allocate without bound, or recurse without bound.

pub mod dis;
pub mod error;
pub mod exctable;
pub mod hash;
pub mod header;
pub mod linetable;
pub mod magic;
pub mod marshal;
pub mod object;
pub mod opcode;
pub mod pyc;
pub mod repr;
pub mod verify;

pub use error::{LoadError, MarshalProblem, TableError};
pub use header::{Freshness, Header, SourceInfo, Validation};
pub use marshal::{dumps, loads};
pub use object::{Code, Obj, PyStr};
pub use pyc::{dump_pyc, load_pyc, load_pyc_file, Pyc};
