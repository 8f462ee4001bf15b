//! `_heapq` / `heapq`: the binary-heap functions on lists, plus `merge`, `nlargest` and
//! `nsmallest` (pure Python in CPython, native here with the same results).

use super::{add_fn, bind, exact, one, register};
use pyvm_vm::{Args, ListItems, ObjRef, Payload, PyErr, PyResult, Value, Vm, B64};
use std::rc::Rc;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_heapq", "heapq"], build);
    // CPython's `heapq` is Python over `_heapq`: a standard library on the path wins.
    vm.mark_fallback_module("heapq");
}

fn list_of<'a>(vm: &Vm, v: &'a Value, what: &str) -> PyResult<&'a std::cell::RefCell<ListItems>> {
    match v.payload() {
        Some(Payload::List(l)) => Ok(l),
        _ => Err(vm.new_type_error(&format!("{what} must be list, not {}", vm.type_name(v)))),
    }
}

fn changed(vm: &Vm) -> PyErr {
    vm.new_runtime_error("list changed size during iteration")
}

fn get(vm: &Vm, l: &std::cell::RefCell<ListItems>, i: usize) -> PyResult<Value> {
    l.borrow().get(i).ok_or_else(|| changed(vm))
}

fn set(l: &std::cell::RefCell<ListItems>, i: usize, v: Value) {
    let old = l.borrow_mut().set(i, v);
    drop(old);
}

/// `a < b` for the min-heap, `b < a` for the max-heap.
fn less(vm: &mut Vm, a: &Value, b: &Value, max: bool) -> PyResult<bool> {
    if max {
        vm.lt(b, a)
    } else {
        vm.lt(a, b)
    }
}

fn sift_down(
    vm: &mut Vm,
    l: &std::cell::RefCell<ListItems>,
    start: usize,
    mut pos: usize,
    max: bool,
) -> PyResult<()> {
    let size = l.borrow().len();
    let newitem = get(vm, l, pos)?;
    while pos > start {
        let parentpos = (pos - 1) >> 1;
        let parent = get(vm, l, parentpos)?;
        let lt = less(vm, &newitem, &parent, max)?;
        if l.borrow().len() != size {
            return Err(changed(vm));
        }
        if !lt {
            break;
        }
        set(l, pos, parent);
        pos = parentpos;
    }
    set(l, pos, newitem);
    Ok(())
}

fn sift_up(
    vm: &mut Vm,
    l: &std::cell::RefCell<ListItems>,
    mut pos: usize,
    max: bool,
) -> PyResult<()> {
    let end = l.borrow().len();
    let start = pos;
    let newitem = get(vm, l, pos)?;
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end {
            let (c, r) = (get(vm, l, child)?, get(vm, l, right)?);
            let lt = less(vm, &c, &r, max)?;
            if l.borrow().len() != end {
                return Err(changed(vm));
            }
            if !lt {
                child = right;
            }
        }
        let c = get(vm, l, child)?;
        set(l, pos, c);
        pos = child;
        child = 2 * pos + 1;
    }
    set(l, pos, newitem);
    sift_down(vm, l, start, pos, max)
}

fn heapify(vm: &mut Vm, v: &Value, max: bool) -> PyResult<()> {
    let l = list_of(vm, v, "heapify() argument")?;
    let n = l.borrow().len();
    for i in (0..n / 2).rev() {
        sift_up(vm, l, i, max)?;
    }
    Ok(())
}

fn heappop(vm: &mut Vm, v: &Value, max: bool) -> PyResult<Value> {
    let l = list_of(vm, v, "heappop() argument")?;
    let last = l
        .borrow_mut()
        .pop()
        .ok_or_else(|| vm.new_index_error("index out of range"))?;
    if l.borrow().is_empty() {
        return Ok(last);
    }
    let first = l.borrow_mut().replace(0, last);
    let Ok(first) = first else {
        return Err(changed(vm));
    };
    sift_up(vm, l, 0, max)?;
    Ok(first)
}

fn heapreplace(vm: &mut Vm, v: &Value, item: Value, max: bool) -> PyResult<Value> {
    let l = list_of(vm, v, "heapreplace() argument 1")?;
    if l.borrow().is_empty() {
        return Err(vm.new_index_error("index out of range"));
    }
    let first = l.borrow_mut().replace(0, item);
    let Ok(first) = first else {
        return Err(changed(vm));
    };
    sift_up(vm, l, 0, max)?;
    Ok(first)
}

fn heappushpop(vm: &mut Vm, v: &Value, item: Value, max: bool) -> PyResult<Value> {
    let l = list_of(vm, v, "heappushpop() argument 1")?;
    let top = match l.borrow().first() {
        Some(t) => t,
        None => return Ok(item),
    };
    if !less(vm, &top, &item, max)? {
        return Ok(item);
    }
    if l.borrow().is_empty() {
        return Err(vm.new_index_error("index out of range"));
    }
    let first = l.borrow_mut().replace(0, item);
    let Ok(first) = first else {
        return Err(changed(vm));
    };
    sift_up(vm, l, 0, max)?;
    Ok(first)
}

/// `nsmallest` / `nlargest`: the first `n` of the stably sorted items.
fn n_best(vm: &mut Vm, a: &Args<'_>, name: &str, largest: bool) -> PyResult<Value> {
    let p = bind(vm, a, name, &["n", "iterable", "key"], 0, 2, 0)?;
    let n = vm.to_index(p[0].as_ref().unwrap_or(&Value::None))?;
    let mut items = vm.to_vec(p[1].as_ref().unwrap_or(&Value::None))?;
    if n <= 0 {
        return Ok(vm.new_list(vec![]));
    }
    let mut kw: Vec<(Rc<str>, Value)> = Vec::new();
    if let Some(k) = p[2].clone().filter(|k| !k.is_none()) {
        kw.push((Rc::from("key"), k));
    }
    if largest {
        kw.push((Rc::from("reverse"), Value::Bool(B64::TRUE)));
    }
    crate::functions::sort_with(vm, &mut items, &Args { pos: &[], kw: &kw })?;
    items.truncate(usize::try_from(n).unwrap_or(usize::MAX));
    Ok(vm.new_list(items))
}

/// `merge(*iterables, key=None, reverse=False)`, computed eagerly.
fn merge(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let mut key = Value::None;
    let mut reverse = false;
    for (k, v) in a.kw {
        match &**k {
            "key" => key = v.clone(),
            "reverse" => reverse = vm.is_true(v)?,
            _ => {
                return Err(
                    vm.new_type_error(&format!("merge() got an unexpected keyword argument '{k}'"))
                )
            }
        }
    }
    let mut its = Vec::with_capacity(a.pos.len());
    for v in a.pos {
        its.push(vm.iter(v)?);
    }
    let mut heads: Vec<Option<(Value, Value)>> = Vec::with_capacity(its.len());
    for it in &its {
        heads.push(match vm.next(it)? {
            Some(v) => {
                let k = if key.is_none() {
                    v.clone()
                } else {
                    vm.call(&key, std::slice::from_ref(&v))?
                };
                Some((k, v))
            }
            None => None,
        });
    }
    let mut out = Vec::new();
    loop {
        let mut best: Option<usize> = None;
        for i in 0..heads.len() {
            let Some((k, _)) = &heads[i] else { continue };
            best = match best {
                None => Some(i),
                Some(b) => {
                    let bk = heads[b].as_ref().map(|h| h.0.clone()).unwrap_or_default();
                    let better = if reverse {
                        vm.lt(&bk, k)?
                    } else {
                        vm.lt(k, &bk)?
                    };
                    Some(if better { i } else { b })
                }
            };
        }
        let Some(b) = best else { break };
        if let Some((_, v)) = heads[b].take() {
            out.push(v);
        }
        if let Some(v) = vm.next(&its[b])? {
            let k = if key.is_none() {
                v.clone()
            } else {
                vm.call(&key, std::slice::from_ref(&v))?
            };
            heads[b] = Some((k, v));
        }
    }
    let l = vm.new_list(out);
    vm.iter(&l)
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let m = &m;
    add_fn(vm, m, "heappush", |vm, a| {
        let p = exact(vm, &a, "heappush", 2)?;
        let l = list_of(vm, &p[0], "heappush() argument 1")?;
        l.borrow_mut().push(p[1].clone());
        let n = l.borrow().len();
        sift_down(vm, l, 0, n - 1, false)?;
        Ok(Value::None)
    });
    add_fn(vm, m, "heappop", |vm, a| {
        let v = one(vm, &a, "_heapq.heappop")?;
        heappop(vm, &v, false)
    });
    add_fn(vm, m, "heapify", |vm, a| {
        let v = one(vm, &a, "_heapq.heapify")?;
        heapify(vm, &v, false)?;
        Ok(Value::None)
    });
    add_fn(vm, m, "heapreplace", |vm, a| {
        let p = exact(vm, &a, "heapreplace", 2)?;
        heapreplace(vm, &p[0], p[1].clone(), false)
    });
    add_fn(vm, m, "heappushpop", |vm, a| {
        let p = exact(vm, &a, "heappushpop", 2)?;
        heappushpop(vm, &p[0], p[1].clone(), false)
    });
    add_fn(vm, m, "_heappop_max", |vm, a| {
        let v = one(vm, &a, "_heapq._heappop_max")?;
        heappop(vm, &v, true)
    });
    add_fn(vm, m, "_heapify_max", |vm, a| {
        let v = one(vm, &a, "_heapq._heapify_max")?;
        heapify(vm, &v, true)?;
        Ok(Value::None)
    });
    add_fn(vm, m, "_heapreplace_max", |vm, a| {
        let p = exact(vm, &a, "_heapreplace_max", 2)?;
        heapreplace(vm, &p[0], p[1].clone(), true)
    });
    add_fn(vm, m, "nsmallest", |vm, a| {
        n_best(vm, &a, "nsmallest", false)
    });
    add_fn(vm, m, "nlargest", |vm, a| n_best(vm, &a, "nlargest", true));
    add_fn(vm, m, "merge", |vm, a| merge(vm, &a));
    Ok(m.clone())
}
