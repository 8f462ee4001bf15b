//! The builtin functions (`print`, `len`, `sorted`, ...).

mod core;
mod numeric;
mod seq;
mod timsort;

pub(crate) use numeric::{divmod, pow};
pub(crate) use seq::{sort_list, sort_with};

use pyvm_vm::{Args, PyResult, Value, Vm};

pub(crate) fn def(
    vm: &mut Vm,
    name: &str,
    f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static,
) {
    let v = vm.new_native_function(name, f);
    vm.set_builtin(name, v);
}

pub(crate) fn install(vm: &mut Vm) {
    core::install(vm);
    numeric::install(vm);
    seq::install(vm);
}
