//! # pyvm-builtins
//!
//! Python's builtin functions, the methods of the builtin types, and the native `sys` module,
//! written only against `pyvm_vm`'s public API. [`install`] registers everything on a VM.

mod args;
mod format;
mod functions;
pub mod import;
mod methods;
mod modules;
mod sys;
mod sys_buffer;
mod sys_sizeof;

use pyvm_vm::Vm;

/// Register the builtins, the builtin types' methods and the `sys` module on `vm`.
pub fn install(vm: &mut Vm) {
    functions::install(vm);
    methods::install(vm);
    sys::install(vm);
    modules::install(vm);
    import::install(vm);
}
