//! Pure computational kernels: hashing, the set hash table, number and text formatting and
//! parsing, and Unicode classification — each exactly as CPython 3.12 behaves.
//!
//! Nothing here knows the VM's value type. Every fallible kernel returns [`KernelError`], which
//! carries the Python exception kind and CPython's exact message, so the VM only has to raise it.

pub mod bigdiv;
pub mod errors;
pub mod float_fmt;
pub mod format_spec;
pub mod hash;
pub mod int_fmt;
pub mod numbers;
pub mod percent;
pub mod set_table;
pub mod str_repr;
pub mod unicode;
#[rustfmt::skip]
mod unicode_tables;

pub use errors::{ExcKind, KernelError};
