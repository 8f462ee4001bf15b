//! `list` and `tuple` methods.

use crate::args;
use crate::functions::sort_list;
use pyvm_vm::{Args, ListItems, ObjRef, Payload, PyResult, Value, Vm};

fn def(vm: &mut Vm, name: &str, f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static) {
    let ty = vm.types().list.clone();
    vm.add_method(&ty, name, f);
}

fn this_list(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<ObjRef> {
    let v = args::this(vm, a)?;
    match &v {
        Value::Obj(o) if matches!(o.payload, Payload::List(_)) => Ok(o.clone()),
        _ => Err(vm.new_type_error(&format!(
            "descriptor '{name}' for 'list' objects doesn't apply to a '{}' object",
            vm.type_name(&v)
        ))),
    }
}

fn items(o: &ObjRef) -> Vec<Value> {
    match &o.payload {
        Payload::List(l) => l.borrow().to_vec(),
        Payload::Tuple(t) => t.to_vec(),
        _ => Vec::new(),
    }
}

fn with_list<R>(o: &ObjRef, f: impl FnOnce(&mut ListItems) -> R) -> Option<R> {
    match &o.payload {
        Payload::List(l) => Some(f(&mut l.borrow_mut())),
        _ => None,
    }
}

/// Index of the first item equal to `x` in `[start, end)` (Python slice bounds).
fn find_eq(vm: &mut Vm, o: &ObjRef, x: &Value, start: i64, end: i64) -> PyResult<Option<usize>> {
    let mut i = 0usize;
    loop {
        let item = match &o.payload {
            Payload::List(l) => l.borrow().get(i),
            Payload::Tuple(t) => t.get(i).cloned(),
            _ => None,
        };
        let Some(item) = item else { return Ok(None) };
        let len = items_len(o) as i64;
        let (s, e) = norm(start, end, len);
        if (i as i64) >= e {
            return Ok(None);
        }
        if (i as i64) >= s && vm.eq(&item, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
}

fn items_len(o: &ObjRef) -> usize {
    match &o.payload {
        Payload::List(l) => l.borrow().len(),
        Payload::Tuple(t) => t.len(),
        _ => 0,
    }
}

fn norm(start: i64, end: i64, len: i64) -> (i64, i64) {
    let s = if start < 0 {
        (start + len).max(0)
    } else {
        start
    };
    let e = if end < 0 {
        (end + len).max(0)
    } else {
        end.min(len)
    };
    (s, e)
}

fn index_args(vm: &mut Vm, rest: &[Value]) -> PyResult<(i64, i64)> {
    let mut get = |i: usize, d: i64| -> PyResult<i64> {
        let Some(v) = rest.get(i) else { return Ok(d) };
        let t = vm.type_of(v);
        if !vm.is_int(v) && vm.lookup_type_attr(&t, "__index__").is_none() {
            return Err(
                vm.new_type_error("slice indices must be integers or have an __index__ method")
            );
        }
        match vm.index_value(v)? {
            Value::Int(i) => Ok(i),
            big => Ok(
                if vm
                    .as_bigint(&big)
                    .is_some_and(|b| b.sign() == num_bigint::Sign::Minus)
                {
                    i64::MIN
                } else {
                    i64::MAX
                },
            ),
        }
    };
    let s = get(1, 0)?;
    let e = get(2, i64::MAX)?;
    Ok((s, e))
}

fn count_eq(vm: &mut Vm, o: &ObjRef, x: &Value) -> PyResult<i64> {
    let snapshot = items(o);
    let mut n = 0;
    for it in &snapshot {
        if vm.eq(it, x)? {
            n += 1;
        }
    }
    Ok(n)
}

pub(crate) fn install(vm: &mut Vm) {
    def(vm, "append", |vm, a| {
        let o = this_list(vm, &a, "append")?;
        let rest = args::meth(vm, &a, "list", "append", 1, 1)?;
        with_list(&o, |l| l.push(rest[0].clone()));
        Ok(Value::None)
    });
    def(vm, "extend", |vm, a| {
        let o = this_list(vm, &a, "extend")?;
        let rest = args::meth(vm, &a, "list", "extend", 1, 1)?;
        let new = vm.to_vec(&rest[0])?;
        with_list(&o, |l| l.extend(new));
        Ok(Value::None)
    });
    def(vm, "insert", |vm, a| {
        let o = this_list(vm, &a, "insert")?;
        let rest = args::meth(vm, &a, "list", "insert", 2, 2)?;
        let i = vm.to_index(&rest[0])?;
        with_list(&o, |l| {
            let n = l.len() as i64;
            let pos = if i < 0 { (i + n).max(0) } else { i.min(n) };
            l.insert(pos as usize, rest[1].clone());
        });
        Ok(Value::None)
    });
    def(vm, "pop", |vm, a| {
        let o = this_list(vm, &a, "pop")?;
        let rest = args::meth(vm, &a, "list", "pop", 0, 1)?;
        let i = match rest.first() {
            Some(v) => vm.to_index(v)?,
            None => -1,
        };
        let r = with_list(&o, |l| {
            if l.is_empty() {
                return Err("pop from empty list");
            }
            let n = l.len() as i64;
            let pos = if i < 0 { i + n } else { i };
            if pos < 0 || pos >= n {
                return Err("pop index out of range");
            }
            l.remove(pos as usize).ok_or("pop index out of range")
        });
        match r {
            Some(Ok(v)) => Ok(v),
            Some(Err(m)) => Err(vm.new_index_error(m)),
            None => Ok(Value::None),
        }
    });
    def(vm, "remove", |vm, a| {
        let o = this_list(vm, &a, "remove")?;
        let rest = args::meth(vm, &a, "list", "remove", 1, 1)?;
        match find_eq(vm, &o, &rest[0], 0, i64::MAX)? {
            Some(i) => {
                with_list(&o, |l| l.remove(i));
                Ok(Value::None)
            }
            None => Err(vm.new_value_error("list.remove(x): x not in list")),
        }
    });
    def(vm, "index", |vm, a| {
        let o = this_list(vm, &a, "index")?;
        let rest = args::meth(vm, &a, "list", "index", 1, 3)?;
        let (s, e) = index_args(vm, rest)?;
        match find_eq(vm, &o, &rest[0], s, e)? {
            Some(i) => Ok(Value::Int(i as i64)),
            None => {
                let r = vm.repr_string(&rest[0])?;
                Err(vm.new_value_error(&format!("{r} is not in list")))
            }
        }
    });
    def(vm, "count", |vm, a| {
        let o = this_list(vm, &a, "count")?;
        let rest = args::meth(vm, &a, "list", "count", 1, 1)?;
        Ok(Value::Int(count_eq(vm, &o, &rest[0])?))
    });
    def(vm, "clear", |vm, a| {
        let o = this_list(vm, &a, "clear")?;
        args::meth(vm, &a, "list", "clear", 0, 0)?;
        // (`ListItems` releases its items last to first, as CPython's `list.clear` does.)
        drop(with_list(&o, std::mem::take));
        Ok(Value::None)
    });
    def(vm, "copy", |vm, a| {
        let o = this_list(vm, &a, "copy")?;
        args::meth(vm, &a, "list", "copy", 0, 0)?;
        Ok(vm.new_list(items(&o)))
    });
    def(vm, "reverse", |vm, a| {
        let o = this_list(vm, &a, "reverse")?;
        args::meth(vm, &a, "list", "reverse", 0, 0)?;
        with_list(&o, |l| l.reverse());
        Ok(Value::None)
    });
    def(vm, "sort", |vm, a| {
        let o = this_list(vm, &a, "sort")?;
        if a.pos.len() > 3 {
            return Err(vm.new_type_error(&format!(
                "sort() takes at most 2 arguments ({} given)",
                a.pos.len() - 1
            )));
        }
        if a.pos.len() > 1 {
            return Err(vm.new_type_error("sort() takes no positional arguments"));
        }
        args::only_kw_invalid(vm, &a, "sort", &["key", "reverse"])?;
        // CPython empties the list while sorting; mutation during the sort is detected.
        let mut work = with_list(&o, std::mem::take).unwrap_or_default();
        let r = sort_list(vm, &mut work, &a);
        let modified = with_list(&o, |l| {
            let modified = !l.is_empty();
            *l = work;
            modified
        })
        .unwrap_or(false);
        r?;
        if modified {
            return Err(vm.new_value_error("list modified during sort"));
        }
        Ok(Value::None)
    });
    // `__len__` straight from the payload (never re-enters a subclass's own `__len__`).
    let all = [
        vm.types().list.clone(),
        vm.types().tuple.clone(),
        vm.types().dict.clone(),
        vm.types().str.clone(),
        vm.types().set.clone(),
        vm.types().frozenset.clone(),
        vm.types().bytes.clone(),
    ];
    for ty in all {
        vm.add_method(&ty, "__len__", |vm, a| {
            let v = args::this(vm, &a)?;
            let n = match v.payload() {
                Some(Payload::List(l)) => l.borrow().len(),
                Some(Payload::Tuple(t)) => t.len(),
                Some(Payload::Dict(d)) => d.borrow().len(),
                Some(Payload::Str(s)) => s.char_len(),
                Some(Payload::Set(s)) => s.borrow().len(),
                Some(Payload::FrozenSet(s)) => s.len(),
                Some(Payload::Bytes(b)) => b.len(),
                _ => return Err(vm.new_type_error("descriptor '__len__' requires a sized object")),
            };
            Ok(Value::Int(n as i64))
        });
    }
    let tuple = vm.types().tuple.clone();
    vm.add_method(&tuple, "index", |vm, a| {
        let v = args::this(vm, &a)?;
        let Value::Obj(o) = v else {
            return Err(vm.new_type_error("descriptor 'index' needs a tuple"));
        };
        let rest = args::meth(vm, &a, "tuple", "index", 1, 3)?;
        let (s, e) = index_args(vm, rest)?;
        match find_eq(vm, &o, &rest[0], s, e)? {
            Some(i) => Ok(Value::Int(i as i64)),
            None => Err(vm.new_value_error("tuple.index(x): x not in tuple")),
        }
    });
    vm.add_method(&tuple, "count", |vm, a| {
        let v = args::this(vm, &a)?;
        let Value::Obj(o) = v else {
            return Err(vm.new_type_error("descriptor 'count' needs a tuple"));
        };
        let rest = args::meth(vm, &a, "tuple", "count", 1, 1)?;
        Ok(Value::Int(count_eq(vm, &o, &rest[0])?))
    });
}
