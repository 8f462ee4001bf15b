//! # pyvm
//!
//! An embeddable, memory-safe virtual machine for CPython 3.12 bytecode.

pub use pyvm_loader as loader;
