//! Dict views (`dict_keys`, `dict_values`, `dict_items`): set operators of keys and items views
//! (`keys & other` is `set(keys) & set(other)`, reflected forms included), `__contains__`,
//! `__iter__`, `__len__`, `__reversed__` and `mapping`; plus the `start` / `stop` / `step`
//! descriptors of `range` and `slice`.

use super::add_property;
use crate::args;
use pyvm_vm::object::IterState;
use pyvm_vm::proto::arith::BinOp;
use pyvm_vm::{Args, Payload, PyResult, Value, Vm};

fn this(vm: &Vm, a: &Args<'_>, ty: &str, name: &str) -> PyResult<Value> {
    let v = args::this(vm, a)?;
    if matches!(v.payload(), Some(Payload::DictView { .. })) {
        Ok(v)
    } else {
        Err(vm.new_type_error(&format!(
            "descriptor '{name}' for '{ty}' objects doesn't apply to a '{}' object",
            vm.type_name(&v)
        )))
    }
}

fn to_set(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let s = vm.new_set();
    vm.set_update_from(&s, v)?;
    Ok(s)
}

const OPS: [(BinOp, &str, &str); 4] = [
    (BinOp::And, "__and__", "__rand__"),
    (BinOp::Or, "__or__", "__ror__"),
    (BinOp::Sub, "__sub__", "__rsub__"),
    (BinOp::Xor, "__xor__", "__rxor__"),
];

fn set_op(vm: &mut Vm, a: &Args<'_>, ty: &str, name: &str, op: BinOp, reflected: bool) -> PyResult<Value> {
    let me = this(vm, a, ty, name)?;
    let rest = args::meth(vm, a, ty, name, 1, 1)?;
    let (l, r) = if reflected { (&rest[0], &me) } else { (&me, &rest[0]) };
    let ls = to_set(vm, l)?;
    let rs = to_set(vm, r)?;
    vm.binary_op(&ls, &rs, op, false)
}

pub(crate) fn install(vm: &mut Vm) {
    let views = [
        (vm.types().dict_keys.clone(), "dict_keys", true),
        (vm.types().dict_values.clone(), "dict_values", false),
        (vm.types().dict_items.clone(), "dict_items", true),
    ];
    for (ty, tname, setlike) in views {
        if setlike {
            for (op, name, rname) in OPS {
                vm.add_method(&ty, name, move |vm, a| set_op(vm, &a, tname, name, op, false));
                vm.add_method(&ty, rname, move |vm, a| set_op(vm, &a, tname, rname, op, true));
            }
            vm.add_method(&ty, "__contains__", move |vm, a| {
                let me = this(vm, &a, tname, "__contains__")?;
                let rest = args::meth(vm, &a, tname, "__contains__", 1, 1)?;
                Ok(Value::Bool(vm.contains_builtin(&me, &rest[0])?))
            });
        }
        vm.add_method(&ty, "__iter__", move |vm, a| {
            let me = this(vm, &a, tname, "__iter__")?;
            vm.iter_builtin(&me)
        });
        vm.add_method(&ty, "__len__", move |vm, a| {
            let me = this(vm, &a, tname, "__len__")?;
            let n = vm.len_builtin(&me)?;
            Ok(Value::Int(i64::try_from(n).unwrap_or(i64::MAX)))
        });
        vm.add_method(&ty, "__reversed__", move |vm, a| {
            let me = this(vm, &a, tname, "__reversed__")?;
            args::meth(vm, &a, tname, "__reversed__", 0, 0)?;
            let mut items = vm.to_vec(&me)?;
            items.reverse();
            let cls = vm.types().seq_iterator.clone();
            Ok(vm.new_iterator(&cls, IterState::Snapshot { items: items.into(), idx: 0, source: None, expect_len: 0 }))
        });
        add_property(vm, &ty, "mapping", |vm, v| match v.payload() {
            Some(Payload::DictView { dict, .. }) => {
                let d = Value::Obj(dict.clone());
                Ok(vm.new_mappingproxy(d))
            }
            _ => Err(vm.new_type_error("descriptor 'mapping' requires a dict view")),
        });
    }
    let range = vm.types().range.clone();
    let slice = vm.types().slice.clone();
    for (i, name) in ["start", "stop", "step"].into_iter().enumerate() {
        add_property(vm, &range, name, move |vm, v| match v.payload() {
            Some(Payload::Range(r)) => Ok([&r.start, &r.stop, &r.step][i].clone()),
            _ => Err(vm.new_type_error(&format!("descriptor '{name}' requires a 'range' object"))),
        });
        add_property(vm, &slice, name, move |vm, v| match v.payload() {
            Some(Payload::Slice { start, stop, step }) => Ok([start, stop, step][i].clone()),
            _ => Err(vm.new_type_error(&format!("descriptor '{name}' requires a 'slice' object"))),
        });
    }
}
