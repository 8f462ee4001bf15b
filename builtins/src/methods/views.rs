//! Dict views (`dict_keys`, `dict_values`, `dict_items`): set operators of keys and items views
//! (`keys & other` is `set(keys) & set(other)`, reflected forms included), `__contains__`,
//! `__iter__`, `__len__`, `__reversed__` and `mapping`; plus the `start` / `stop` / `step`
//! descriptors of `range` and `slice`.

use super::add_property;
use crate::args;
use pyvm_vm::object::{DictViewKind, IterState};
use pyvm_vm::proto::arith::BinOp;
use pyvm_vm::proto::cmp::CompareOp;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm};

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

/// CPython's `dictviews_to_set`: a keys view of an exact dict is read through the dict.
fn to_set(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let s = vm.new_set();
    let src = match v.payload() {
        Some(Payload::DictView {
            dict,
            kind: DictViewKind::Keys,
        }) if ObjRef::ptr_eq(&vm.type_of(&Value::Obj(dict.clone())), &vm.types().dict) => {
            Value::Obj(dict.clone())
        }
        _ => v.clone(),
    };
    vm.set_update_from(&s, &src)?;
    Ok(s)
}

fn view_len(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    vm.len_builtin(v)
}

fn is_view(v: &Value) -> bool {
    matches!(
        v.payload(),
        Some(Payload::DictView {
            kind: DictViewKind::Keys | DictViewKind::Items,
            ..
        })
    )
}

/// CPython's `_PyDictView_Intersect`.
fn intersect(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let (mut me, mut other) = if is_view(a) {
        (a.clone(), b.clone())
    } else {
        (b.clone(), a.clone())
    };
    let len_me = view_len(vm, &me)?;
    let exact_set = matches!(other.payload(), Some(Payload::Set(_)))
        && ObjRef::ptr_eq(&vm.type_of(&other), &vm.types().set);
    if exact_set && len_me <= vm.len(&other)? {
        return vm.call_method(&other, "intersection", &[me]);
    }
    if is_view(&other) && view_len(vm, &other)? > len_me {
        std::mem::swap(&mut me, &mut other);
    }
    let result = vm.new_set();
    let it = vm.iter(&other)?;
    while let Some(x) = vm.next(&it)? {
        if vm.contains_builtin(&me, &x)? {
            vm.set_add(&result, x)?;
        }
    }
    Ok(result)
}

/// CPython's `dictitems_xor` (items view ^ items view).
fn items_xor(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let (Some(Payload::DictView { dict: d1, .. }), Some(Payload::DictView { dict: d2, .. })) =
        (a.payload(), b.payload())
    else {
        return Ok(vm.not_implemented());
    };
    let temp = vm.new_dict_obj();
    for (k, v) in vm.dict_items(&Value::Obj(d1.clone())) {
        vm.dict_set_item(&temp, k, v)?;
    }
    let result = vm.new_set();
    for (k, v2) in vm.dict_items(&Value::Obj(d2.clone())) {
        let same = match vm.dict_get_item(&temp, &k)? {
            Some(v1) => vm.eq(&v1, &v2)?,
            None => false,
        };
        if same {
            vm.dict_del_item(&Value::Obj(temp.clone()), &k)?;
        } else {
            let t = vm.new_tuple(vec![k, v2]);
            vm.set_add(&result, t)?;
        }
    }
    for (k, v1) in vm.dict_items(&Value::Obj(temp)) {
        let t = vm.new_tuple(vec![k, v1]);
        vm.set_add(&result, t)?;
    }
    Ok(result)
}

const OPS: [(BinOp, &str, &str); 4] = [
    (BinOp::And, "__and__", "__rand__"),
    (BinOp::Or, "__or__", "__ror__"),
    (BinOp::Sub, "__sub__", "__rsub__"),
    (BinOp::Xor, "__xor__", "__rxor__"),
];

fn set_op(
    vm: &mut Vm,
    a: &Args<'_>,
    ty: &str,
    name: &str,
    op: BinOp,
    reflected: bool,
) -> PyResult<Value> {
    let me = this(vm, a, ty, name)?;
    let rest = args::slot(vm, a, 1, 1)?;
    let (l, r) = if reflected {
        (rest[0].clone(), me)
    } else {
        (me, rest[0].clone())
    };
    match op {
        BinOp::And => intersect(vm, &l, &r),
        BinOp::Or => {
            let result = to_set(vm, &l)?;
            vm.set_update_from(&result, &r)?;
            Ok(result)
        }
        BinOp::Sub => {
            let result = to_set(vm, &l)?;
            super::set::difference_update(vm, &result, &r)?;
            Ok(result)
        }
        _ => {
            let both_items = [&l, &r].iter().all(|v| {
                matches!(
                    v.payload(),
                    Some(Payload::DictView {
                        kind: DictViewKind::Items,
                        ..
                    })
                )
            });
            if both_items {
                return items_xor(vm, &l, &r);
            }
            let result = to_set(vm, &l)?;
            super::set::symmetric_difference_update(vm, &result, &r)?;
            Ok(result)
        }
    }
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
                vm.add_method(&ty, name, move |vm, a| {
                    set_op(vm, &a, tname, name, op, false)
                });
                vm.add_method(&ty, rname, move |vm, a| {
                    set_op(vm, &a, tname, rname, op, true)
                });
            }
            vm.add_method(&ty, "__contains__", move |vm, a| {
                let me = this(vm, &a, tname, "__contains__")?;
                let rest = args::slot(vm, &a, 1, 1)?;
                Ok(Value::bool(vm.contains_builtin(&me, &rest[0])?))
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
            Ok(vm.new_iterator(
                &cls,
                IterState::Snapshot(Box::new(pyvm_vm::object::SnapshotIter {
                    items: items.into(),
                    idx: 0,
                    source: None,
                    expect_len: 0,
                })),
            ))
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
    // Slices compare like `(start, stop, step)` tuples.
    for (op, name) in [
        (CompareOp::Lt, "__lt__"),
        (CompareOp::Le, "__le__"),
        (CompareOp::Eq, "__eq__"),
        (CompareOp::Ne, "__ne__"),
        (CompareOp::Gt, "__gt__"),
        (CompareOp::Ge, "__ge__"),
    ] {
        vm.add_method(&slice, name, move |vm, a| {
            let me = args::this(vm, &a)?;
            let rest = args::slot(vm, &a, 1, 1)?;
            let as_tuple = |vm: &Vm, v: &Value| match v.payload() {
                Some(Payload::Slice(sl)) => {
                    Some(vm.new_tuple(vec![sl.start.clone(), sl.stop.clone(), sl.step.clone()]))
                }
                _ => None,
            };
            match (as_tuple(vm, &me), as_tuple(vm, &rest[0])) {
                (Some(x), Some(y)) => vm.compare(&x, &y, op),
                _ => Ok(vm.not_implemented()),
            }
        });
    }
    for (i, name) in ["start", "stop", "step"].into_iter().enumerate() {
        add_property(vm, &range, name, move |vm, v| match v.payload() {
            Some(Payload::Range(r)) => Ok([&r.start, &r.stop, &r.step][i].clone()),
            _ => Err(vm.new_type_error(&format!("descriptor '{name}' requires a 'range' object"))),
        });
        add_property(vm, &slice, name, move |vm, v| match v.payload() {
            Some(Payload::Slice(sl)) => Ok([&sl.start, &sl.stop, &sl.step][i].clone()),
            _ => Err(vm.new_type_error(&format!("descriptor '{name}' requires a 'slice' object"))),
        });
    }
}
