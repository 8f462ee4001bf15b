//! # pyvm
//!
//! An embeddable, memory-safe virtual machine for CPython 3.12 bytecode.

pub use pyvm_loader as loader;

pub mod run;
pub use run::run_main;
