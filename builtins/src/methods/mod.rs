//! Methods of the builtin types.

mod dict;
mod list;
mod num;
mod set;
mod str;
mod str_search;

pub(crate) fn install(vm: &mut pyvm_vm::Vm) {
    str::install(vm);
    str_search::install(vm);
    list::install(vm);
    dict::install(vm);
    set::install(vm);
    num::install(vm);
}
