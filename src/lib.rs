//! # pyvm
//!
//! An embeddable, memory-safe virtual machine for CPython 3.12 bytecode.
//!
//! ```
//! use pyvm::embed::{Interpreter, OutputBuffer, Program};
//!
//! # fn main() -> Result<(), pyvm::embed::Error> {
//! // Load (and verify) a module compiled by CPython 3.12: `Program` is Send + Sync.
//! let program = Program::from_path("examples/py/hello_embed.pyc")?;
//!
//! // A sandboxed interpreter whose `print` output we capture.
//! let out = OutputBuffer::new();
//! let mut py = Interpreter::builder().stdout(out.clone()).build()?;
//! let module = py.run(&program)?;
//! assert_eq!(out.text(), "hello from Python\n");
//!
//! // Read globals, call functions.
//! let answer: i64 = py.get(&module, "ANSWER")?;
//! let greeting: String = py.call_function(&module, "greet", ("Rust",))?;
//! assert_eq!((answer, greeting.as_str()), (42, "Hello, Rust!"));
//! # Ok(())
//! # }
//! ```
//!
//! The embedding API lives in [`embed`]; `docs/embedding.md` is the guide. [`run_main`] runs a
//! `.pyc` the way the `pyvm` command does, and [`loader`] reads `.pyc` files without running
//! them.

#![deny(missing_docs)]

pub use pyvm_loader as loader;

pub mod embed;
pub mod imports;
pub mod run;
pub use run::run_main;
