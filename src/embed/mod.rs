//! The embedding API: run CPython 3.12 bytecode inside a Rust program.
//!
//! - [`Program`]: a loaded and verified `.pyc` (`Send + Sync`, share it between threads).
//! - [`Interpreter`]: one independent VM (`!Send`: create it on the thread that uses it),
//!   configured by a [`Builder`]: [`Capabilities`] (all off by default), fuel, memory and
//!   recursion limits, module paths, output redirection ([`Output`], [`OutputBuffer`]).
//! - Values cross the boundary through [`IntoPy`] / [`FromPy`]; [`PyValue`] holds any Python
//!   value on the host side.
//! - Host functions: closures with typed arguments ([`HostFn`]), registered as builtins
//!   ([`Interpreter::register_fn`]) or in a [`HostModule`]; they raise Python exceptions by
//!   returning `Err(PyException::value_error(...))`, and a panic in them becomes a
//!   `RuntimeError` in the guest.
//! - Errors: [`Error`] (`Send + Sync`), with [`PyException`] carrying the exception's class
//!   name, message and CPython-formatted traceback.
//! - Limits: fuel ([`Builder::fuel`]), an [`InterruptHandle`], a memory limit
//!   ([`Builder::memory_limit`], needs [`CountingAllocator`]) and the recursion limit.
//!
//! See `docs/embedding.md` for a guide.
//!
//! ## Why the guest cannot catch fuel exhaustion or an interrupt
//!
//! Both *abort* the guest: the VM raises an internal exception and, while the abort is in
//! force, unwinds without running any `except`, `finally` or `with` handler, and every later
//! safe point raises it again. So `while True: try: ... except BaseException: pass` stops as
//! reliably as any loop. The host gets [`Error::FuelExhausted`] / [`Error::Interrupted`]; the
//! next call into the interpreter lifts the abort (with an empty budget, fuel exhaustion
//! happens again at once: refill with [`Interpreter::set_fuel`]). A memory limit overrun, in
//! contrast, is an ordinary `MemoryError` the guest may catch (and gets again as long as it
//! stays over the limit).

mod alloc;
mod caps;
mod convert;
mod error;
mod ext;
mod host;
mod input;
mod interp;
mod output;
mod program;
#[cfg(feature = "serde")]
pub mod serde;

pub use alloc::{counting_allocator_installed, thread_heap_bytes, CountingAllocator};
pub use caps::Capabilities;
pub use convert::{FromPy, IntoArgs, IntoKwargs, IntoPy, PyValue};
pub use error::{Error, PyException, Result};
pub use ext::VmExt;
pub use host::{HostFn, HostModule, IntoHostResult, IntoPyErr, Plain, WithVm};
pub use input::Input;
pub use interp::{Builder, Interpreter, InterruptHandle, Module, DEFAULT_STACK_LIMIT};
pub use output::{Output, OutputBuffer, WriteFn};
pub use program::Program;
pub use pyvm_vm::{PyErr, Value, Vm};
