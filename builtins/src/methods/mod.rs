//! Methods of the builtin types.

mod arity;
mod bytearray;
mod bytes;
mod bytes_ops;
pub(crate) mod codecs;
mod codecs_decode;
mod codecs_names;
mod complex;
mod dict;
mod list;
pub(crate) mod memoryview;
mod num;
mod numdunder;
mod range;
mod reduce;
mod reduce_types;
mod seqdunder;
mod set;
mod str;
mod str_search;
mod unicode_names;
mod views;

pub(crate) use reduce::instance_state;

pub(crate) fn install(vm: &mut pyvm_vm::Vm) {
    str::install(vm);
    str_search::install(vm);
    list::install(vm);
    dict::install(vm);
    set::install(vm);
    num::install(vm);
    memoryview::install(vm);
    bytes::install(vm);
    bytearray::install(vm);
    complex::install(vm);
    range::install(vm);
    numdunder::install(vm);
    seqdunder::install(vm);
    views::install(vm);
    reduce::install(vm);
    reduce_types::install(vm);
    arity::install(vm);
}

/// Adds a read-only attribute computed by `get(vm, self)` to a builtin type (a `property`).
pub(crate) fn add_property(
    vm: &mut pyvm_vm::Vm,
    ty: &pyvm_vm::ObjRef,
    name: &str,
    get: impl Fn(&mut pyvm_vm::Vm, &pyvm_vm::Value) -> pyvm_vm::PyResult<pyvm_vm::Value> + 'static,
) {
    let fget = vm.new_native_function(name, move |vm, a| {
        let this = crate::args::this(vm, &a)?;
        get(vm, &this)
    });
    crate::modules::add_getter(vm, ty, name, fget);
}
