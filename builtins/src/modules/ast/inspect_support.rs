//! Entries of `type.__dict__` that `inspect` reads at import time: `__mro__` and `__dict__`
//! (whose `__get__` it keeps as `_static_getmro` and `_get_dunder_dict_of_class`), plus
//! `__name__`, `__qualname__`, `__bases__`, `__base__` and `__flags__` (`inspect.isabstract`). They are getset descriptors, as in
//! CPython; pyvm answers these attributes of classes itself, and the descriptors' `__get__`
//! asks for them.

use pyvm_vm::Vm;

pub(super) fn install(vm: &mut Vm) {
    let ty = vm.types().type_.clone();
    let names = [
        "__mro__",
        "__dict__",
        "__name__",
        "__qualname__",
        "__bases__",
        "__base__",
        "__flags__",
    ];
    for name in names {
        let d = vm.new_getset_descr(name, &ty);
        vm.type_set_attr(&ty, name, d);
    }
}
