//! sorted, reversed, and the stable sort shared with `list.sort`.

use super::def;
use crate::args;
use pyvm_vm::object::IterState;
use pyvm_vm::proto::cmp::CompareOp;
use pyvm_vm::{Args, Payload, PyResult, Value, Vm};

pub(crate) fn install(vm: &mut Vm) {
    def(vm, "sorted", |vm, a| {
        args::only_kw_invalid(vm, &a, "sort", &["key", "reverse"])?;
        if a.pos.len() != 1 {
            return Err(
                vm.new_type_error(&format!("sorted expected 1 argument, got {}", a.pos.len()))
            );
        }
        let mut items = vm.to_vec(&a.pos[0])?;
        sort_with(vm, &mut items, &a)?;
        Ok(vm.new_list(items))
    });
    def(vm, "reversed", |vm, a| {
        let v = args::one(vm, &a, "reversed")?;
        reversed(vm, &v)
    });
}

/// Sort with the `key=` and `reverse=` keyword arguments of `a`.
pub(crate) fn sort_with(vm: &mut Vm, items: &mut Vec<Value>, a: &Args<'_>) -> PyResult<()> {
    let key = a.kwarg("key").filter(|k| !k.is_none()).cloned();
    let reverse = args::flag(vm, a.kwarg("reverse"), false)?;
    sort_values(vm, items, key.as_ref(), reverse)
}

/// CPython's `list.sort`: keys are computed first (a failing key function leaves the list as
/// it was), then a timsort runs on the keys; on a failing comparison the list keeps the
/// partial permutation CPython would leave.
pub(crate) fn sort_values(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    let keys: Vec<Value> = match key {
        Some(f) => {
            let mut ks = Vec::with_capacity(items.len());
            for it in items.iter() {
                ks.push(vm.call(f, std::slice::from_ref(it))?);
            }
            ks
        }
        None => items.clone(),
    };
    let mut arr: Vec<(Value, Value)> = keys.into_iter().zip(items.drain(..)).collect();
    if reverse {
        arr.reverse();
    }
    let r = super::timsort::timsort(&mut arr, |a, b| less(vm, a, b));
    if reverse {
        arr.reverse();
    }
    *items = arr.into_iter().map(|p| p.1).collect();
    r
}

fn less(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Float(x), Value::Float(y)) => Ok(x < y),
        _ => {
            if let (Some(x), Some(y)) = (a.as_str(), b.as_str()) {
                return Ok(x < y);
            }
            let r = vm.compare(a, b, CompareOp::Lt)?;
            vm.is_true(&r)
        }
    }
}

fn reversed(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let cls = vm.type_of(v);
    let heap = cls.as_type().is_some_and(|t| t.heap);
    if !heap {
        if let Value::Obj(o) = v {
            match &o.payload {
                Payload::List(l) => {
                    let n = l.borrow().len();
                    let c = vm.types().list_reverseiterator.clone();
                    return Ok(vm.new_iterator(
                        &c,
                        IterState::SeqRev {
                            seq: o.clone(),
                            idx: n,
                        },
                    ));
                }
                Payload::Range(_) => {
                    if let Some(f) = vm.lookup_type_attr(&cls, "__reversed__") {
                        return vm.call(&f, std::slice::from_ref(v));
                    }
                }
                Payload::Tuple(_)
                | Payload::Str(_)
                | Payload::Bytes(_)
                | Payload::Dict(_)
                | Payload::DictView { .. } => {
                    let mut items = vm.to_vec(v)?;
                    items.reverse();
                    let c = vm.types().seq_iterator.clone();
                    return Ok(vm.new_iterator(
                        &c,
                        IterState::Snapshot {
                            items: items.into(),
                            idx: 0,
                            source: None,
                            expect_len: 0,
                        },
                    ));
                }
                _ => {}
            }
        }
    }
    if let Some(f) = vm.lookup_type_attr(&cls, "__reversed__") {
        return vm.call(&f, std::slice::from_ref(v));
    }
    if vm.lookup_type_attr(&cls, "__getitem__").is_some()
        && vm.lookup_type_attr(&cls, "__len__").is_some()
    {
        let n = vm.len(v)?;
        let mut items = Vec::with_capacity(n);
        for i in (0..n).rev() {
            items.push(vm.getitem(v, &Value::Int(i as i64))?);
        }
        let c = vm.types().seq_iterator.clone();
        return Ok(vm.new_iterator(
            &c,
            IterState::Snapshot {
                items: items.into(),
                idx: 0,
                source: None,
                expect_len: 0,
            },
        ));
    }
    Err(vm.new_type_error(&format!("'{}' object is not reversible", vm.type_name(v))))
}
