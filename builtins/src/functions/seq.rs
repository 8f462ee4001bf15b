//! sorted, reversed, and the stable sort shared with `list.sort`.

use super::def;
use crate::args;
use pyvm_vm::object::IterState;
use pyvm_vm::proto::cmp::CompareOp;
use pyvm_vm::{Args, ListItems, Payload, PyObject, PyResult, Value, Vm};

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

/// `list.sort` on the list's own slots: plain items or keys (see [`plain_order`]) permute
/// the slots in place (no vector of the items as values); other keys go through
/// [`sort_general`] on the items taken out.
pub(crate) fn sort_list(vm: &mut Vm, items: &mut ListItems, a: &Args<'_>) -> PyResult<()> {
    let key = a.kwarg("key").filter(|k| !k.is_none()).cloned();
    let reverse = args::flag(vm, a.kwarg("reverse"), false)?;
    let mut keys = match &key {
        Some(f) => Some(key_values(vm, f, items.iter_ref())?),
        None => None,
    };
    if reverse {
        items.reverse();
        if let Some(ks) = keys.as_mut() {
            ks.reverse();
        }
    }
    let order = match &keys {
        Some(ks) => plain_order(vm, ks),
        None => plain_order_by(vm, items.len(), |i| match items.obj_at(i) {
            Some(o) => PlainKey::Obj(o),
            None => match items.peek(i).as_deref() {
                Some(Value::Int(n)) => PlainKey::Int(*n),
                _ => PlainKey::Other,
            },
        }),
    };
    let r = match order {
        Some(order) => {
            permute(order, |x, y| items.swap(x, y));
            Ok(())
        }
        None => {
            let mut v = std::mem::take(items).into_values();
            let r = sort_general(vm, &mut v, keys);
            *items = ListItems::from(v);
            r
        }
    };
    if reverse {
        items.reverse();
    }
    r
}

/// `key(item)` for each item, in order.
fn key_values<V: std::ops::Deref<Target = Value>>(
    vm: &mut Vm,
    key: &Value,
    items: impl ExactSizeIterator<Item = V>,
) -> PyResult<Vec<Value>> {
    let mut ks = Vec::with_capacity(items.len());
    for it in items {
        ks.push(vm.call(key, std::slice::from_ref(&*it))?);
    }
    Ok(ks)
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
    let keys = match key {
        Some(f) => Some(key_values(vm, f, items.iter())?),
        None => None,
    };
    sort_keyed(vm, items, keys, reverse)
}

/// [`sort_values`] once the keys (if any) are computed.
fn sort_keyed(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    mut keys: Option<Vec<Value>>,
    reverse: bool,
) -> PyResult<()> {
    if reverse {
        items.reverse();
        if let Some(ks) = keys.as_mut() {
            ks.reverse();
        }
    }
    let r = match plain_order(vm, keys.as_deref().unwrap_or(items)) {
        Some(order) => {
            permute(order, |x, y| items.swap(x, y));
            Ok(())
        }
        None => sort_general(vm, items, keys),
    };
    if reverse {
        items.reverse();
    }
    r
}

/// The general sort (keys that [`plain_order`] does not order): a timsort of (key, item)
/// pairs by the comparison protocol. The items go back into `items`' own buffer afterwards
/// (no new buffer, none the size of the pairs kept).
fn sort_general(vm: &mut Vm, items: &mut Vec<Value>, keys: Option<Vec<Value>>) -> PyResult<()> {
    let mut arr: Vec<(Value, Value)> = match keys {
        Some(ks) => ks.into_iter().zip(items.drain(..)).collect(),
        None => items.drain(..).map(|v| (v.clone(), v)).collect(),
    };
    let r = super::timsort::timsort(&mut arr, |a, b| less(vm, a, b));
    items.extend(arr.into_iter().map(|p| p.1));
    r
}

fn less(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Float(x), Value::Float(y)) => Ok(x < y),
        _ => {
            // Exact strs only: a subclass may define its own `__lt__`.
            let str_t = &vm.types().str;
            if Vm::is_exact_instance(a, str_t) && Vm::is_exact_instance(b, str_t) {
                if let (Some(x), Some(y)) = (a.as_str(), b.as_str()) {
                    return Ok(x < y);
                }
            }
            if let Some(r) = tuple_less(vm, a, b) {
                return r;
            }
            let r = vm.compare(a, b, CompareOp::Lt)?;
            vm.is_true(&r)
        }
    }
}

/// The kinds of keys [`plain_order`] orders itself.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PlainKind {
    Int,
    Str,
}

/// The order that sorts `keys` without the comparison protocol, when every key is a plain
/// int, every key an exact str, or every key an exact tuple of those with one kind per
/// position (CPython's pre-sort key type check): position `i` of the sorted list gets the
/// item at `order[i]`. These keys are totally ordered and comparing them runs no Python code,
/// so any stable sort gives exactly the order timsort would, with no observable difference
/// along the way. `None` for any other keys.
///
/// The keys' machine integers, texts or item slices are taken out once, beside their
/// positions, and those pairs are sorted: a comparison reads no object, and the position
/// breaks ties, which makes the unstable sort (no scratch buffer) give the stable order.
fn plain_order(vm: &Vm, keys: &[Value]) -> Option<Vec<u32>> {
    plain_order_by(vm, keys.len(), |i| match keys.get(i) {
        Some(Value::Int(n)) => PlainKey::Int(*n),
        Some(Value::Obj(o)) => PlainKey::Obj(o),
        _ => PlainKey::Other,
    })
}

/// A key as [`plain_order_by`] reads it: a machine int, an object, anything else.
enum PlainKey<'a> {
    Int(i64),
    Obj(&'a PyObject),
    Other,
}

/// [`plain_order`] of the `n` keys `key(0..n)`.
fn plain_order_by<'a>(vm: &Vm, n: usize, key: impl Fn(usize) -> PlainKey<'a>) -> Option<Vec<u32>> {
    let str_t = &vm.types().str;
    let kind = |v: &Value| match v {
        Value::Int(_) => Some(PlainKind::Int),
        _ if Vm::is_exact_instance(v, str_t) => Some(PlainKind::Str),
        _ => None,
    };
    // (Positions are `u32`: a list of 2^32 items is past 64 GiB of values.)
    let pos = |i: usize| u32::try_from(i).ok();
    if n == 0 {
        return None;
    }
    let first = match key(0) {
        PlainKey::Int(_) => Some(PlainKind::Int),
        PlainKey::Obj(o) if o.is_exactly(str_t) => Some(PlainKind::Str),
        _ => None,
    };
    let order: Vec<u32> = match first {
        Some(PlainKind::Int) => {
            let mut ks = Vec::with_capacity(n);
            for i in 0..n {
                let PlainKey::Int(k) = key(i) else {
                    return None;
                };
                ks.push((k, pos(i)?));
            }
            ks.sort_unstable();
            ks.into_iter().map(|k| k.1).collect()
        }
        Some(PlainKind::Str) => {
            let mut ks = Vec::with_capacity(n);
            for i in 0..n {
                match key(i) {
                    PlainKey::Obj(o) if o.is_exactly(str_t) => {
                        ks.push((o.as_str()?, pos(i)?));
                    }
                    _ => return None,
                }
            }
            ks.sort_unstable();
            ks.into_iter().map(|k| k.1).collect()
        }
        None => {
            let tuple_t = &vm.types().tuple;
            let mut kinds: Vec<PlainKind> = Vec::new();
            let mut ks = Vec::with_capacity(n);
            for i in 0..n {
                let PlainKey::Obj(o) = key(i) else {
                    return None;
                };
                let Payload::Tuple(items) = &o.payload else {
                    return None;
                };
                if !o.is_exactly(tuple_t) {
                    return None;
                }
                for (j, it) in items.iter().enumerate() {
                    let k = kind(it)?;
                    match kinds.get(j) {
                        Some(&k0) if k0 != k => return None,
                        Some(_) => {}
                        None => kinds.push(k),
                    }
                }
                ks.push((&items[..], pos(i)?));
            }
            ks.sort_unstable_by(|a, b| plain_cmp_items(a.0, b.0).then(a.1.cmp(&b.1)));
            ks.into_iter().map(|k| k.1).collect()
        }
    };
    Some(order)
}

/// Puts the items in the order found: position `i` gets the item that was at `order[i]`. In
/// place with `swap`, one cycle of the permutation at a time (`order` marks the positions
/// done).
fn permute(mut order: Vec<u32>, mut swap: impl FnMut(usize, usize)) {
    const DONE: u32 = u32::MAX;
    for start in 0..order.len() {
        let mut cur = start;
        while let Some(src) = order.get_mut(cur).map(|o| std::mem::replace(o, DONE)) {
            if src == DONE || src as usize == start {
                break;
            }
            swap(cur, src as usize);
            cur = src as usize;
        }
    }
}

/// The order of two tuples' items [`plain_order`] accepted (ints with ints and strs with strs,
/// position by position): the first pair that differs decides, then the length.
fn plain_cmp_items(x: &[Value], y: &[Value]) -> std::cmp::Ordering {
    x.iter()
        .zip(y.iter())
        .map(|(p, q)| match (p, q) {
            (Value::Int(a), Value::Int(b)) => a.cmp(b),
            _ => p.as_str().cmp(&q.as_str()),
        })
        .find(|o| o.is_ne())
        .unwrap_or_else(|| x.len().cmp(&y.len()))
}

/// `a == b` when it can be known without running Python code: ints with ints, exact strs with
/// exact strs, the same object. `None` otherwise.
fn plain_eq(vm: &Vm, a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::Obj(x), Value::Obj(y)) => {
            let t = &vm.types().str;
            if Vm::is_exact_instance(a, t) && Vm::is_exact_instance(b, t) {
                return Some(x.as_str() == y.as_str());
            }
            None
        }
        _ => None,
    }
}

/// `a < b` for two exact tuples (the key functions' usual `(group, -score, name)`), as the
/// tuple comparison does it: the first pair of items that differ decides, compared with `<`;
/// equal prefixes order by length. `None` when `a` and `b` are not both exact tuples, or an
/// item pair's equality would need Python code (the general comparison then runs from the
/// start; nothing observable happened yet).
fn tuple_less(vm: &mut Vm, a: &Value, b: &Value) -> Option<PyResult<bool>> {
    let (Value::Obj(x), Value::Obj(y)) = (a, b) else {
        return None;
    };
    let t = &vm.types().tuple;
    if !Vm::is_exact_instance(a, t) || !Vm::is_exact_instance(b, t) {
        return None;
    }
    let (Payload::Tuple(tx), Payload::Tuple(ty)) = (&x.payload, &y.payload) else {
        return None;
    };
    for (p, q) in tx.iter().zip(ty.iter()) {
        if !plain_eq(vm, p, q)? {
            return Some(less(vm, p, q));
        }
    }
    Some(Ok(tx.len() < ty.len()))
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
                        IterState::Snapshot(Box::new(pyvm_vm::object::SnapshotIter {
                            items: items.into(),
                            idx: 0,
                            source: None,
                            expect_len: 0,
                        })),
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
            IterState::Snapshot(Box::new(pyvm_vm::object::SnapshotIter {
                items: items.into(),
                idx: 0,
                source: None,
                expect_len: 0,
            })),
        ));
    }
    Err(vm.new_type_error(&format!("'{}' object is not reversible", vm.type_name(v))))
}
