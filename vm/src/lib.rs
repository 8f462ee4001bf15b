//! # pyvm-vm
//!
//! The object model, frames and dispatch loop of pyvm, a CPython 3.12 bytecode VM.
//!
//! ## Public API in one page (see `vm/API.md` for more)
//!
//! - [`Vm`]: the interpreter. `Vm::new()`, then the host (the builtins crate) installs builtin
//!   functions with [`Vm::set_builtin`] / [`Vm::new_native_function`], methods of builtin types with
//!   [`Vm::add_method`], native modules with [`Vm::register_module`] / [`Vm::new_module`].
//! - [`Value`]: a 16-byte value: `None`, `Bool`, `Int(i64)`, `Float(f64)` inline, or `Obj(ObjRef)`.
//! - [`object::PyObject`]: a heap object = class + [`object::Payload`] (which holds the
//!   `__dict__` where there is one; see [`object::PyObject::dict_obj`]).
//! - [`PyResult`] / [`PyErr`]: a raised Python exception is one pointer to the exception instance.
//! - Protocols as `Vm` methods: [`Vm::call`], [`Vm::repr`], [`Vm::str`], [`Vm::eq`], [`Vm::hash`],
//!   [`Vm::iter`], [`Vm::next`], [`Vm::getattr`], [`Vm::setattr`], [`Vm::is_true`], [`Vm::len`],
//!   [`Vm::getitem`], [`Vm::binary_op`], [`Vm::compare`], [`Vm::contains`] …
//! - Running: [`Vm::run_module`] executes a loaded module code object as `__main__`;
//!   [`Vm::format_exception`] renders CPython's traceback text.
//!
//! Single-threaded: `Vm` and values use `Rc` and are neither `Send` nor `Sync`.

// `&[x.clone()]` reads better than `std::slice::from_ref(&x)` at the many call sites that pass
// one argument to `Vm::call`.
#![allow(clippy::cloned_ref_to_slice_refs)]

pub mod code;
pub mod dict;
pub mod error;
pub mod exec;
pub mod finalize;
pub mod frame;
pub mod gc;
pub mod import;
pub mod instance;
pub mod kernels;
pub mod limits;
pub mod list_items;
pub mod module;
pub mod object;
pub mod objref;
pub mod opcodes;
pub mod opstats;
pub mod proto;
pub mod set;
pub mod sidedict;
mod slot;
pub mod stdout;
mod teardown;
pub mod traceback;
pub mod typens;
pub mod types;
pub mod value;
pub mod vm;
pub mod warn;

pub use error::{PyErr, PyResult, VmError};
pub use list_items::{ListItems, OldItem};
pub use object::{Args, NativeKind, ObjRef, Payload, PyObject};
pub use objref::{ObjRc, ObjWeak};
pub use stdout::StdoutBuffering;
pub use types::{ExcTypes, Types};
pub use value::{release_last_first, Value, ValueRef, B64, F64};
pub use vm::Vm;
