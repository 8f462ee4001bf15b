//! Operator dunders of the builtin sequences with CPython's errors: `[1].__add__((2,))` raises
//! `can only concatenate list (not "tuple") to list`, `"a".__mul__(2.0)` raises
//! `'float' object cannot be interpreted as an integer`, `str.__rmod__`, `bytes.__mod__`,
//! `list.__reversed__`, `dict.__reversed__`, `tuple.__getnewargs__`, `str.__str__`, and the
//! buffer-protocol dunders `__buffer__` / `__release_buffer__`.

use super::memoryview::{buffer, new_view};
use crate::args;
use pyvm_vm::object::IterState;
use pyvm_vm::proto::arith::BinOp;
use pyvm_vm::proto::cmp::CompareOp;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Seq {
    Str,
    Bytes,
    ByteArray,
    List,
    Tuple,
}

impl Seq {
    fn name(self) -> &'static str {
        match self {
            Seq::Str => "str",
            Seq::Bytes => "bytes",
            Seq::ByteArray => "bytearray",
            Seq::List => "list",
            Seq::Tuple => "tuple",
        }
    }

    fn holds(self, v: &Value) -> bool {
        matches!(
            (self, v.payload()),
            (Seq::Str, Some(Payload::Str(_)))
                | (Seq::Bytes, Some(Payload::Bytes(_)))
                | (Seq::ByteArray, Some(Payload::ByteArray(_)))
                | (Seq::List, Some(Payload::List(_)))
                | (Seq::Tuple, Some(Payload::Tuple(_)))
        )
    }

    fn ty(self, vm: &Vm) -> ObjRef {
        let t = vm.types();
        match self {
            Seq::Str => t.str.clone(),
            Seq::Bytes => t.bytes.clone(),
            Seq::ByteArray => t.bytearray.clone(),
            Seq::List => t.list.clone(),
            Seq::Tuple => t.tuple.clone(),
        }
    }
}

fn this(vm: &Vm, a: &Args<'_>, seq: Seq, name: &str) -> PyResult<Value> {
    let v = args::this(vm, a)?;
    if seq.holds(&v) {
        Ok(v)
    } else {
        Err(vm.new_type_error(&format!(
            "descriptor '{name}' requires a '{}' object but received a '{}'",
            seq.name(),
            vm.type_name(&v)
        )))
    }
}

fn concat(vm: &mut Vm, a: &Args<'_>, seq: Seq) -> PyResult<Value> {
    let me = this(vm, a, seq, "__add__")?;
    let rest = args::slot(vm, a, 1, 1)?;
    let other = &rest[0];
    match seq {
        Seq::Bytes | Seq::ByteArray => {
            let Some(tail) = buffer(other) else {
                return Err(vm.new_type_error(&format!(
                    "can't concat {} to {}",
                    vm.type_name(other),
                    seq.name()
                )));
            };
            let mut data = buffer(&me).unwrap_or_default();
            data.extend_from_slice(&tail);
            Ok(if seq == Seq::ByteArray {
                vm.new_bytearray(data)
            } else {
                vm.new_bytes(data)
            })
        }
        _ => {
            if !seq.holds(other) {
                return Err(vm.new_type_error(&format!(
                    "can only concatenate {0} (not \"{1}\") to {0}",
                    seq.name(),
                    vm.type_name(other)
                )));
            }
            Ok(vm
                .builtin_binop_value(&me, other, BinOp::Add)?
                .unwrap_or_else(|| vm.not_implemented()))
        }
    }
}

fn repeat(vm: &mut Vm, a: &Args<'_>, seq: Seq, name: &str) -> PyResult<Value> {
    let me = this(vm, a, seq, name)?;
    let rest = args::slot(vm, a, 1, 1)?;
    let n = vm.index_value(&rest[0])?;
    Ok(vm
        .builtin_binop_value(&me, &n, BinOp::Mul)?
        .unwrap_or_else(|| vm.not_implemented()))
}

/// `fmt % args` (`reflected`: `args.__rmod__(fmt)`, only when `fmt` is of the same kind).
fn modulo(vm: &mut Vm, a: &Args<'_>, seq: Seq, reflected: bool) -> PyResult<Value> {
    let name = if reflected { "__rmod__" } else { "__mod__" };
    let me = this(vm, a, seq, name)?;
    let rest = args::slot(vm, a, 1, 1)?;
    let (fmt, arg) = if reflected {
        (rest[0].clone(), me)
    } else {
        (me, rest[0].clone())
    };
    if !seq.holds(&fmt) {
        return Ok(vm.not_implemented());
    }
    match fmt.payload() {
        Some(Payload::Str(s)) => {
            let s = s.s.clone();
            let r = vm.str_percent(&s, &arg)?;
            Ok(vm.new_string(r))
        }
        Some(Payload::Bytes(b)) => {
            let b = b.to_vec();
            let r = vm.bytes_percent(&b, &arg)?;
            Ok(vm.new_bytes(r))
        }
        Some(Payload::ByteArray(b)) => {
            let b = b.borrow().clone();
            let r = vm.bytes_percent(&b, &arg)?;
            Ok(vm.new_bytearray(r))
        }
        _ => Ok(vm.not_implemented()),
    }
}

fn snapshot_iter(vm: &mut Vm, mut items: Vec<Value>) -> Value {
    items.reverse();
    let cls = vm.types().seq_iterator.clone();
    vm.new_iterator(
        &cls,
        IterState::Snapshot(Box::new(pyvm_vm::object::SnapshotIter {
            items: items.into(),
            idx: 0,
            source: None,
            expect_len: 0,
        })),
    )
}

pub(crate) fn install(vm: &mut Vm) {
    for seq in [Seq::Str, Seq::Bytes, Seq::ByteArray, Seq::List, Seq::Tuple] {
        let ty = seq.ty(vm);
        vm.type_remove_attr(&ty, "__radd__");
        vm.add_method(&ty, "__add__", move |vm, a| concat(vm, &a, seq));
        vm.add_method(&ty, "__mul__", move |vm, a| repeat(vm, &a, seq, "__mul__"));
        vm.add_method(&ty, "__rmul__", move |vm, a| {
            repeat(vm, &a, seq, "__rmul__")
        });
        if matches!(seq, Seq::Str | Seq::Bytes | Seq::ByteArray) {
            vm.add_method(&ty, "__mod__", move |vm, a| modulo(vm, &a, seq, false));
            vm.add_method(&ty, "__rmod__", move |vm, a| modulo(vm, &a, seq, true));
        }
        if matches!(seq, Seq::Bytes | Seq::ByteArray) {
            vm.add_method(&ty, "__buffer__", move |vm, a| {
                let me = this(vm, &a, seq, "__buffer__")?;
                let rest = args::meth(vm, &a, seq.name(), "__buffer__", 1, 1)?;
                vm.to_index(&rest[0])?;
                new_view(vm, &me)
            });
        }
        if seq == Seq::ByteArray {
            vm.add_method(&ty, "__release_buffer__", move |vm, a| {
                this(vm, &a, seq, "__release_buffer__")?;
                let rest = args::meth(vm, &a, seq.name(), "__release_buffer__", 1, 1)?;
                vm.call_method(&rest[0], "release", &[])?;
                Ok(Value::None)
            });
        }
    }
    // `__hash__` on a plain copy, so `super().__hash__()` in a subclass that overrides
    // `__hash__` does not recurse into the override.
    for ty in [
        vm.types().str.clone(),
        vm.types().bytes.clone(),
        vm.types().tuple.clone(),
        vm.types().frozenset.clone(),
    ] {
        vm.add_method(&ty, "__hash__", |vm, a| {
            let me = args::this(vm, &a)?;
            args::slot(vm, &a, 0, 0)?;
            let plain = match me.payload() {
                Some(Payload::Str(s)) => vm.new_str_rc(s.s.to_rc()),
                Some(Payload::Bytes(b)) => vm.new_bytes(b.to_vec()),
                Some(Payload::Tuple(t)) => {
                    let items = t.to_vec();
                    vm.new_tuple(items)
                }
                Some(Payload::FrozenSet(t)) => {
                    let t = t.clone();
                    Value::Obj(vm.alloc(&vm.types().frozenset.clone(), Payload::FrozenSet(t)))
                }
                _ => {
                    return Err(vm.new_type_error(&format!(
                        "descriptor '__hash__' does not apply to a '{}' object",
                        vm.type_name(&me)
                    )))
                }
            };
            Ok(Value::Int(vm.hash(&plain)?))
        });
    }
    // `bytes` compares only with `bytes` (bytearray's comparisons accept any buffer).
    let bytes_ty = vm.types().bytes.clone();
    for (op, name) in [
        (CompareOp::Lt, "__lt__"),
        (CompareOp::Le, "__le__"),
        (CompareOp::Eq, "__eq__"),
        (CompareOp::Ne, "__ne__"),
        (CompareOp::Gt, "__gt__"),
        (CompareOp::Ge, "__ge__"),
    ] {
        vm.add_method(&bytes_ty, name, move |vm, a| {
            let me = this(vm, &a, Seq::Bytes, name)?;
            let rest = args::slot(vm, &a, 1, 1)?;
            let (Some(Payload::Bytes(x)), Some(Payload::Bytes(y))) =
                (me.payload(), rest[0].payload())
            else {
                return Ok(vm.not_implemented());
            };
            let (x, y) = (vm.new_bytes(x.to_vec()), vm.new_bytes(y.to_vec()));
            vm.compare(&x, &y, op)
        });
    }
    let str_ty = vm.types().str.clone();
    vm.add_method(&str_ty, "__str__", |vm, a| {
        let me = this(vm, &a, Seq::Str, "__str__")?;
        args::slot(vm, &a, 0, 0)?;
        if ObjRef::ptr_eq(&vm.type_of(&me), &vm.types().str) {
            return Ok(me);
        }
        Ok(vm.new_str_rc(me.as_rc_str().unwrap_or_else(|| std::rc::Rc::from(""))))
    });
    let tuple = vm.types().tuple.clone();
    vm.add_method(&tuple, "__getnewargs__", |vm, a| {
        let me = this(vm, &a, Seq::Tuple, "__getnewargs__")?;
        args::meth(vm, &a, "tuple", "__getnewargs__", 0, 0)?;
        let items = match me.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => Vec::new(),
        };
        let copy = vm.new_tuple(items);
        Ok(vm.new_tuple(vec![copy]))
    });
    let list = vm.types().list.clone();
    vm.add_method(&list, "__reversed__", |vm, a| {
        let me = this(vm, &a, Seq::List, "__reversed__")?;
        args::meth(vm, &a, "list", "__reversed__", 0, 0)?;
        let (Value::Obj(o), Some(Payload::List(l))) = (&me, me.payload()) else {
            return Ok(Value::None);
        };
        let n = l.borrow().len();
        let cls = vm.types().list_reverseiterator.clone();
        Ok(vm.new_iterator(
            &cls,
            IterState::SeqRev {
                seq: o.clone(),
                idx: n,
            },
        ))
    });
    vm.add_method(&list, "__imul__", |vm, a| {
        let me = this(vm, &a, Seq::List, "__imul__")?;
        let rest = args::slot(vm, &a, 1, 1)?;
        let n = vm.index_value(&rest[0])?;
        vm.binary_op(&me, &n, BinOp::Mul, true)
    });
    let dict = vm.types().dict.clone();
    vm.add_method(&dict, "__reversed__", |vm, a| {
        let me = args::this(vm, &a)?;
        args::meth(vm, &a, "dict", "__reversed__", 0, 0)?;
        let keys: Vec<Value> = vm.dict_items(&me).into_iter().map(|(k, _)| k).collect();
        Ok(snapshot_iter(vm, keys))
    });
    let mv = vm
        .get_builtin("memoryview")
        .and_then(|v| v.as_obj().cloned());
    if let Some(mv) = mv {
        vm.add_method(&mv, "__delitem__", |vm, a| {
            args::this(vm, &a)?;
            Err(vm.new_type_error("cannot delete memory"))
        });
        vm.add_method(&mv, "__buffer__", |vm, a| {
            let me = args::this(vm, &a)?;
            let rest = args::meth(vm, &a, "memoryview", "__buffer__", 1, 1)?;
            vm.to_index(&rest[0])?;
            new_view(vm, &me)
        });
        vm.add_method(&mv, "__release_buffer__", |vm, a| {
            args::this(vm, &a)?;
            let rest = args::meth(vm, &a, "memoryview", "__release_buffer__", 1, 1)?;
            vm.call_method(&rest[0], "release", &[])?;
            Ok(Value::None)
        });
    }
}
