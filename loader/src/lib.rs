//! # pyvm-loader
//!
//! Reads CPython 3.12 `.pyc` files: the 16-byte header, the marshal stream, and the code objects
//! inside, plus the static description of 3.12 bytecode (the opcode table, `dis`).
//!
//! Invariant: nothing in this crate executes Python code.

pub mod object;

pub use object::{Code, Obj, PyStr};
