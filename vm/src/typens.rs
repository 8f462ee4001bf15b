//! Lazily built namespaces of the builtin types.
//!
//! The builtin types get hundreds of native methods, slot wrappers and attributes at start-up,
//! and a program uses few of the types. Every change to the namespace of a builtin (non-heap)
//! type is therefore recorded in the type's `pending` list instead of being applied, and the
//! list is applied, in order, by [`Vm::settle_type`] the first time the namespace is read (or
//! changed by Python code). Every reader of a type's `dict` calls `settle_type` first, so no
//! lookup ever sees the namespace without its pending changes: the result is the namespace the
//! changes would have built eagerly, entry for entry and in the same order.

use crate::object::{NativeFn, NativeKind, ObjRef, TypeData};
use crate::proto::hash::str_hash;
use crate::value::Value;
use crate::Vm;
use std::rc::Rc;

/// A change to a builtin type's namespace not yet applied to its `dict`.
pub enum PendingAttr {
    /// A native callable of `kind` owned by `owner` (the type), stored under `name`; the key
    /// `str` shares the name's text.
    Native {
        name: Rc<str>,
        kind: NativeKind,
        func: NativeFn,
        owner: ObjRef,
    },
    /// `name` set to `value` (the key `str` is a copy of the name).
    Set { name: Rc<str>, value: Value },
    /// `name` removed, if present.
    Remove { name: Rc<str> },
    /// Any other edit of the namespace (it reads and writes `dict` itself).
    Edit(TypeEdit),
}

/// An edit of a type's namespace ([`PendingAttr::Edit`]).
pub type TypeEdit = Box<dyn FnOnce(&Vm, &TypeData)>;

/// The type data of `ty` when changes to its namespace are recorded (a builtin type).
pub(crate) fn recording(ty: &ObjRef) -> Option<&TypeData> {
    ty.as_type().filter(|td| !td.heap)
}

/// Records `op` for a builtin type's namespace (see [`recording`]).
pub(crate) fn record(td: &TypeData, op: PendingAttr) {
    crate::proto::attr::type_modified();
    let mut ops = td.pending.take();
    ops.push(op);
    td.pending.set(ops);
}

impl Vm {
    /// Applies the changes recorded for `td`'s namespace (see the module doc). Call it before
    /// reading `td.dict`; it is cheap when there is nothing to apply.
    #[inline]
    pub fn settle_type(&self, td: &TypeData) {
        let ops = td.pending.take();
        if !ops.is_empty() {
            self.apply_type_ops(td, ops);
        }
    }

    #[inline(never)]
    fn apply_type_ops(&self, td: &TypeData, ops: Vec<PendingAttr>) {
        for op in ops {
            match op {
                PendingAttr::Native {
                    name,
                    kind,
                    func,
                    owner,
                } => {
                    let v = self.native_rc(name.clone(), func, kind, Some(owner), None);
                    set_in(self, td, &name, v, |vm| vm.new_str_rc(name.clone()));
                }
                PendingAttr::Set { name, value } => {
                    set_in(self, td, &name, value, |vm| vm.new_str(&name));
                }
                PendingAttr::Remove { name } => {
                    let mut d = td.dict.borrow_mut();
                    if let Some(pos) = d.find_str(str_hash(&name), &name) {
                        let removed = d.remove_at(pos);
                        drop(d);
                        drop(removed);
                    }
                }
                PendingAttr::Edit(f) => f(self, td),
            }
        }
    }

    /// Removes `name` from a builtin type's namespace (applied when the namespace is next
    /// read; at once for a class).
    pub fn type_remove_attr(&mut self, ty: &ObjRef, name: &str) {
        self.type_change(
            ty,
            PendingAttr::Remove {
                name: Rc::from(name),
            },
        );
    }

    /// Edits a builtin type's namespace with `f` (when the namespace is next read; at once for a
    /// class); `f` reads and writes `td.dict` directly, after the changes recorded before it.
    pub fn type_edit(&mut self, ty: &ObjRef, f: impl FnOnce(&Vm, &TypeData) + 'static) {
        self.type_change(ty, PendingAttr::Edit(Box::new(f)));
    }

    /// Records `op` for a builtin type; applies it at once to a class.
    fn type_change(&self, ty: &ObjRef, op: PendingAttr) {
        let Some(td) = ty.as_type() else {
            return;
        };
        record(td, op);
        if td.heap {
            self.settle_type(td);
        }
    }
}

/// Sets `name` in `td`'s namespace: in place when present, else appended with the key `key`
/// makes (only built for a new name).
pub(crate) fn set_in(vm: &Vm, td: &TypeData, name: &str, v: Value, key: impl FnOnce(&Vm) -> Value) {
    let h = str_hash(name);
    let pos = td.dict.borrow().find_str(h, name);
    match pos {
        Some(pos) => {
            let old = td.dict.borrow_mut().set_at(pos, v);
            drop(old);
        }
        None => {
            let k = key(vm);
            td.dict.borrow_mut().push_new(h, k, v);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::object::BaseKind;

    fn own(td: &TypeData, name: &str) -> Option<Value> {
        td.dict
            .borrow()
            .get_str(str_hash(name), name)
            .map(|v| v.clone())
    }

    fn keys(td: &TypeData) -> Vec<String> {
        td.dict
            .borrow()
            .keys()
            .iter()
            .filter_map(|k| k.as_str().map(String::from))
            .collect()
    }

    #[test]
    fn a_builtin_namespace_gets_its_changes_in_order_on_first_read() {
        let mut vm = Vm::new();
        let ty = vm.types().complex.clone();
        let td = ty.as_type().unwrap();
        vm.type_set_attr(&ty, "zz_a", Value::Int(1));
        vm.type_set_attr(&ty, "zz_b", Value::Int(2));
        vm.type_set_attr(&ty, "zz_a", Value::Int(3));
        vm.type_remove_attr(&ty, "zz_b");
        vm.type_edit(&ty, |vm, td| {
            set_in(vm, td, "zz_c", Value::Int(4), |vm| vm.new_str("zz_c"))
        });
        // Nothing applied yet.
        assert!(own(td, "zz_a").is_none());
        assert!(matches!(
            vm.lookup_type_attr(&ty, "zz_a"),
            Some(Value::Int(3))
        ));
        assert!(own(td, "zz_b").is_none());
        assert!(matches!(own(td, "zz_c"), Some(Value::Int(4))));
        let k = keys(td);
        let a = k.iter().position(|n| n == "zz_a").unwrap();
        let c = k.iter().position(|n| n == "zz_c").unwrap();
        assert!(a < c);
        // Later changes are recorded again and applied by the next read.
        vm.type_set_attr(&ty, "zz_d", Value::Int(5));
        assert!(own(td, "zz_d").is_none());
        assert!(matches!(
            vm.lookup_type_attr(&ty, "zz_d"),
            Some(Value::Int(5))
        ));
    }

    #[test]
    fn a_class_namespace_changes_at_once() {
        let mut vm = Vm::new();
        let (meta, object) = (vm.types().type_.clone(), vm.types().object.clone());
        let cls = crate::types::make_type(Some(&meta), "C", &[object], BaseKind::Object, true);
        let td = cls.as_type().unwrap();
        vm.type_set_attr(&cls, "x", Value::Int(1));
        assert!(matches!(own(td, "x"), Some(Value::Int(1))));
        vm.type_remove_attr(&cls, "x");
        assert!(own(td, "x").is_none());
        vm.type_edit(&cls, |vm, td| {
            set_in(vm, td, "y", Value::Int(2), |vm| vm.new_str("y"))
        });
        assert!(matches!(own(td, "y"), Some(Value::Int(2))));
    }
}
