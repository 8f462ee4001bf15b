//! `_collections` / `collections`: `deque` (here), `defaultdict`, `OrderedDict`, `Counter`
//! (in `collections_dict`) and `namedtuple` (in `namedtuple`).

use super::{alloc_native, bind_new, native, new_type, register};
use pyvm_vm::proto::cmp::CompareOp;
use pyvm_vm::{Args, ObjRef, PyErr, PyResult, Value, Vm};
use std::cell::RefCell;
use std::collections::VecDeque;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_collections", "collections"], build);
    // CPython's `collections` is Python over `_collections`: a standard library on the path wins.
    vm.mark_fallback_module("collections");
}

/// The state of a `deque`.
pub(crate) struct Deque {
    items: VecDeque<Value>,
    maxlen: Option<usize>,
    /// Bumped by every mutation, so iterators can detect changes.
    state: u64,
}

type DequeCell = RefCell<Deque>;

/// A deque iterator: the deque, the next position, the state it expects.
struct DequeIter {
    deque: Value,
    idx: usize,
    state: u64,
    rev: bool,
}

impl Deque {
    fn push_back(&mut self, v: Value) -> Option<Value> {
        self.state += 1;
        if self.maxlen == Some(0) {
            return Some(v);
        }
        self.items.push_back(v);
        match self.maxlen {
            Some(m) if self.items.len() > m => self.items.pop_front(),
            _ => None,
        }
    }

    fn push_front(&mut self, v: Value) -> Option<Value> {
        self.state += 1;
        if self.maxlen == Some(0) {
            return Some(v);
        }
        self.items.push_front(v);
        match self.maxlen {
            Some(m) if self.items.len() > m => self.items.pop_back(),
            _ => None,
        }
    }

    fn rotate(&mut self, n: i64) {
        let len = self.items.len();
        if len <= 1 {
            return;
        }
        self.state += 1;
        let l = i64::try_from(len).unwrap_or(i64::MAX);
        let k = usize::try_from(n.rem_euclid(l)).unwrap_or(0);
        self.items.rotate_right(k);
    }
}

fn dq(v: &Value) -> Option<&DequeCell> {
    native::<DequeCell>(v)
}

fn this_dq<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a DequeCell> {
    super::this::<DequeCell>(vm, a, "collections.deque", meth)
}

/// `deque.append(x)`-style: exactly one argument after self.
fn one_arg(vm: &Vm, a: &Args<'_>, meth: &str) -> PyResult<Value> {
    let rest = Args {
        pos: a.pos.get(1..).unwrap_or(&[]),
        kw: a.kw,
    };
    super::one(vm, &rest, &format!("deque.{meth}"))
}

fn rest<'a>(a: &Args<'a>) -> &'a [Value] {
    a.pos.get(1..).unwrap_or(&[])
}

fn new_deque_like(
    vm: &mut Vm,
    this: &Value,
    items: VecDeque<Value>,
    maxlen: Option<usize>,
) -> PyResult<Value> {
    let cls = vm.type_of(this);
    let base = deque_class(vm)?;
    let mut d = Deque {
        items: VecDeque::new(),
        maxlen,
        state: 0,
    };
    for v in items {
        d.push_back(v);
    }
    Ok(alloc_native(vm, &cls, &base, RefCell::new(d)))
}

fn deque_class(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.import_module("_collections")?;
    let c = vm.getattr_str(&m, "deque")?;
    vm.as_class(&c)
        .ok_or_else(|| vm.new_system_error("deque class missing"))
}

fn mutated(vm: &Vm) -> PyErr {
    vm.new_runtime_error("deque mutated during iteration")
}

/// Index of the first item equal to `v` in `start..stop`, checking for mutation.
fn find(
    vm: &mut Vm,
    d: &DequeCell,
    v: &Value,
    start: usize,
    stop: usize,
    idx_err: bool,
) -> PyResult<Option<usize>> {
    let st = d.borrow().state;
    for i in start..stop {
        let item = match d.borrow().items.get(i) {
            Some(x) => x.clone(),
            None => return Ok(None),
        };
        let eq = item.is(v) || vm.eq(&item, v)?;
        if d.borrow().state != st {
            return Err(if idx_err {
                vm.new_index_error("deque mutated during iteration")
            } else {
                mutated(vm)
            });
        }
        if eq {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn clamp_index(i: i64, len: usize) -> usize {
    let l = i64::try_from(len).unwrap_or(i64::MAX);
    let j = if i < 0 { (i + l).max(0) } else { i.min(l) };
    usize::try_from(j).unwrap_or(0)
}

fn item_index(vm: &mut Vm, key: &Value, len: usize) -> PyResult<usize> {
    if !vm.is_int(key) {
        let cls = vm.type_of(key);
        if vm.lookup_type_attr(&cls, "__index__").is_none() {
            return Err(vm.new_type_error(&format!(
                "sequence index must be integer, not '{}'",
                vm.type_name(key)
            )));
        }
    }
    let i = vm.to_index(key)?;
    let l = i64::try_from(len).unwrap_or(i64::MAX);
    let j = if i < 0 { i + l } else { i };
    if j < 0 || j >= l {
        return Err(vm.new_index_error("deque index out of range"));
    }
    usize::try_from(j).map_err(|_| vm.new_index_error("deque index out of range"))
}

fn deque_repr(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let Some(d) = dq(this) else {
        return Ok(vm.new_str("deque(...)"));
    };
    let name = vm.type_name(this);
    let (items, maxlen) = {
        let b = d.borrow();
        (b.items.iter().cloned().collect::<Vec<_>>(), b.maxlen)
    };
    let l = vm.new_list(items);
    let inner = vm.repr_string(&l)?;
    Ok(vm.new_string(match maxlen {
        Some(m) => format!("{name}({inner}, maxlen={m})"),
        None => format!("{name}({inner})"),
    }))
}

thread_local! {
    static REPR_ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

fn with_repr_guard(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let id = this.identity();
    let nested = REPR_ACTIVE.with(|r| r.borrow().contains(&id));
    if nested {
        return Ok(vm.new_str("[...]"));
    }
    REPR_ACTIVE.with(|r| r.borrow_mut().push(id));
    let out = deque_repr(vm, this);
    REPR_ACTIVE.with(|r| {
        let mut r = r.borrow_mut();
        if let Some(p) = r.iter().rposition(|x| *x == id) {
            r.remove(p);
        }
    });
    out
}

fn deque_cmp(vm: &mut Vm, a: &Args<'_>, op: CompareOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.pos.first().and_then(dq), a.pos.get(1).and_then(dq)) else {
        return Ok(vm.not_implemented());
    };
    let p: Vec<Value> = x.borrow().items.iter().cloned().collect();
    let q: Vec<Value> = y.borrow().items.iter().cloned().collect();
    Ok(Value::bool(vm.seq_compare(&p, &q, op)?))
}

fn extend(vm: &mut Vm, this: &Value, d: &DequeCell, src: &Value, left: bool) -> PyResult<()> {
    let items = if src.is(this) {
        d.borrow().items.iter().cloned().collect()
    } else {
        vm.to_vec(src)?
    };
    let mut b = d.borrow_mut();
    for v in items {
        if left {
            b.push_front(v);
        } else {
            b.push_back(v);
        }
    }
    Ok(())
}

fn init_deque(vm: &mut Vm, this: &Value, a: &Args<'_>) -> PyResult<()> {
    let Some(d) = dq(this) else { return Ok(()) };
    let p = bind_new(vm, a, "deque", &["iterable", "maxlen"], 0, 0)?;
    let maxlen = match &p[1] {
        None | Some(Value::None) => None,
        Some(v) => {
            if !vm.is_int(v) {
                return Err(vm.new_type_error("an integer is required"));
            }
            let n = vm.to_index(v)?;
            if n < 0 {
                return Err(vm.new_value_error("maxlen must be non-negative"));
            }
            Some(usize::try_from(n).unwrap_or(usize::MAX))
        }
    };
    {
        let mut b = d.borrow_mut();
        b.maxlen = maxlen;
        if !b.items.is_empty() {
            b.items.clear();
            b.state += 1;
        }
    }
    if let Some(src) = &p[0] {
        extend(vm, this, d, src, false)?;
    }
    Ok(())
}

fn mul(vm: &mut Vm, this: &Value, n: &Value, inplace: bool) -> PyResult<Value> {
    let Some(d) = dq(this) else {
        return Ok(vm.not_implemented());
    };
    if !vm.is_int(n) {
        let cls = vm.type_of(n);
        if vm.lookup_type_attr(&cls, "__index__").is_none() {
            return Err(vm.new_type_error(&format!(
                "can't multiply sequence by non-int of type '{}'",
                vm.type_name(n)
            )));
        }
    }
    let k = vm.to_index(n)?.max(0);
    let (items, maxlen) = {
        let b = d.borrow();
        (b.items.clone(), b.maxlen)
    };
    let total = items
        .len()
        .saturating_mul(usize::try_from(k).unwrap_or(usize::MAX));
    let cap = maxlen.unwrap_or(usize::MAX).min(total);
    if cap > 1 << 28 {
        return Err(vm.new_exception_msg(&vm.types().exc.memory_error.clone(), ""));
    }
    let mut out = VecDeque::with_capacity(cap);
    for _ in 0..k {
        for v in &items {
            out.push_back(v.clone());
            if maxlen.is_some_and(|m| out.len() > m) {
                out.pop_front();
            }
        }
        if items.is_empty() {
            break;
        }
    }
    if inplace {
        let mut b = d.borrow_mut();
        b.items = out;
        b.state += 1;
        return Ok(this.clone());
    }
    new_deque_like(vm, this, out, maxlen)
}

fn iter_next(vm: &mut Vm, it: &Value) -> PyResult<Value> {
    let Some(cell) = native::<RefCell<DequeIter>>(it) else {
        return Err(vm.new_type_error("not a deque iterator"));
    };
    let (deque, idx, state, rev) = {
        let st = cell.borrow();
        (st.deque.clone(), st.idx, st.state, st.rev)
    };
    let Some(d) = dq(&deque) else {
        return Err(vm.new_stop_iteration(Value::None));
    };
    let v = {
        let b = d.borrow();
        if b.state != state {
            drop(b);
            return Err(mutated(vm));
        }
        let len = b.items.len();
        if idx >= len {
            return Err(vm.new_stop_iteration(Value::None));
        }
        let pos = if rev { len - 1 - idx } else { idx };
        b.items.get(pos).cloned().unwrap_or_default()
    };
    cell.borrow_mut().idx += 1;
    Ok(v)
}

fn make_iter(vm: &mut Vm, this: &Value, rev: bool) -> PyResult<Value> {
    let Some(d) = dq(this) else {
        return Err(vm.new_type_error("not a deque"));
    };
    let state = d.borrow().state;
    let m = vm.import_module("_collections")?;
    let cname = if rev {
        "_deque_reverse_iterator"
    } else {
        "_deque_iterator"
    };
    let c = vm.getattr_str(&m, cname)?;
    let Some(cls) = vm.as_class(&c) else {
        return Err(vm.new_system_error("deque iterator missing"));
    };
    let it = DequeIter {
        deque: this.clone(),
        idx: 0,
        state,
        rev,
    };
    Ok(alloc_native(vm, &cls, &cls, RefCell::new(it)))
}

fn deque_type(vm: &mut Vm, m: &ObjRef) -> PyResult<ObjRef> {
    let cls = new_type(vm, "collections", "deque", &[])?;
    let base = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        let d = Deque {
            items: VecDeque::new(),
            maxlen: None,
            state: 0,
        };
        // The VM calls `__init__` next, which parses the arguments.
        Ok(alloc_native(vm, &c, &base, RefCell::new(d)))
    });
    super::add_method(vm, &cls, "__init__", |vm, a| {
        let this = a.pos.first().cloned().unwrap_or_default();
        init_deque(
            vm,
            &this,
            &Args {
                pos: rest(&a),
                kw: a.kw,
            },
        )?;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "append", |vm, a| {
        let d = this_dq(vm, &a, "append")?;
        let v = one_arg(vm, &a, "append")?;
        d.borrow_mut().push_back(v);
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "appendleft", |vm, a| {
        let d = this_dq(vm, &a, "appendleft")?;
        let v = one_arg(vm, &a, "appendleft")?;
        d.borrow_mut().push_front(v);
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "pop", |vm, a| {
        let d = this_dq(vm, &a, "pop")?;
        crate::args::method(vm, &a, "pop", 0, 0)?;
        let mut b = d.borrow_mut();
        b.state += 1;
        b.items
            .pop_back()
            .ok_or_else(|| vm.new_index_error("pop from an empty deque"))
    });
    super::add_method(vm, &cls, "popleft", |vm, a| {
        let d = this_dq(vm, &a, "popleft")?;
        crate::args::method(vm, &a, "popleft", 0, 0)?;
        let mut b = d.borrow_mut();
        b.state += 1;
        b.items
            .pop_front()
            .ok_or_else(|| vm.new_index_error("pop from an empty deque"))
    });
    super::add_method(vm, &cls, "extend", |vm, a| {
        let d = this_dq(vm, &a, "extend")?;
        let v = one_arg(vm, &a, "extend")?;
        extend(vm, &a.pos[0], d, &v, false)?;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "extendleft", |vm, a| {
        let d = this_dq(vm, &a, "extendleft")?;
        let v = one_arg(vm, &a, "extendleft")?;
        extend(vm, &a.pos[0], d, &v, true)?;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "clear", |vm, a| {
        let d = this_dq(vm, &a, "clear")?;
        let mut b = d.borrow_mut();
        b.items.clear();
        b.state += 1;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "__reduce__", |vm, a| {
        let d = this_dq(vm, &a, "__reduce__")?;
        let maxlen = d.borrow().maxlen;
        let this = a.pos[0].clone();
        let cls = Value::Obj(vm.type_of(&this));
        let state = crate::methods::instance_state(vm, &this)?;
        let it = vm.iter(&this)?;
        let empty = vm.new_tuple(Vec::new());
        let args = match maxlen {
            #[allow(clippy::cast_possible_wrap)]
            Some(m) => vm.new_tuple(vec![empty, Value::Int(m as i64)]),
            None => empty,
        };
        Ok(vm.new_tuple(vec![cls, args, state, it]))
    });
    for name in ["copy", "__copy__"] {
        super::add_method(vm, &cls, name, |vm, a| {
            let d = this_dq(vm, &a, "copy")?;
            let (items, maxlen) = {
                let b = d.borrow();
                (b.items.clone(), b.maxlen)
            };
            new_deque_like(vm, &a.pos[0], items, maxlen)
        });
    }
    super::add_method(vm, &cls, "count", |vm, a| {
        let d = this_dq(vm, &a, "count")?;
        let v = one_arg(vm, &a, "count")?;
        let st = d.borrow().state;
        let mut n = 0;
        let mut i = 0;
        loop {
            let item = match d.borrow().items.get(i) {
                Some(x) => x.clone(),
                None => break,
            };
            if item.is(&v) || vm.eq(&item, &v)? {
                n += 1;
            }
            if d.borrow().state != st {
                return Err(mutated(vm));
            }
            i += 1;
        }
        Ok(Value::Int(n))
    });
    super::add_method(vm, &cls, "index", |vm, a| {
        let d = this_dq(vm, &a, "index")?;
        let r = rest(&a);
        if r.is_empty() || r.len() > 3 {
            return Err(vm.new_type_error(&format!(
                "index() takes at {} ({} given)",
                if r.is_empty() {
                    "least 1 argument"
                } else {
                    "most 3 arguments"
                },
                r.len()
            )));
        }
        let len = d.borrow().items.len();
        let mut bound = |v: Option<&Value>, dflt: usize| -> PyResult<usize> {
            match v {
                None => Ok(dflt),
                Some(x) => {
                    let i = vm.to_index(x).map_err(|_| {
                        vm.new_type_error(
                            "slice indices must be integers or have an __index__ method",
                        )
                    })?;
                    Ok(clamp_index(i, len))
                }
            }
        };
        let start = bound(r.get(1), 0)?;
        let stop = bound(r.get(2), len)?;
        match find(vm, d, &r[0], start, stop.max(start), false)? {
            Some(i) => Ok(Value::Int(i64::try_from(i).unwrap_or(i64::MAX))),
            None => {
                let s = vm.repr_string(&r[0])?;
                Err(vm.new_value_error(&format!("{s} is not in deque")))
            }
        }
    });
    super::add_method(vm, &cls, "insert", |vm, a| {
        let d = this_dq(vm, &a, "insert")?;
        let r = rest(&a);
        if r.len() != 2 {
            return Err(vm.new_type_error(&format!(
                "insert() takes exactly 2 arguments ({} given)",
                r.len()
            )));
        }
        let i = vm.to_index(&r[0])?;
        let mut b = d.borrow_mut();
        if b.maxlen.is_some_and(|m| b.items.len() >= m) {
            return Err(vm.new_index_error("deque already at its maximum size"));
        }
        let pos = clamp_index(i, b.items.len());
        b.items.insert(pos, r[1].clone());
        b.state += 1;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "remove", |vm, a| {
        let d = this_dq(vm, &a, "remove")?;
        let v = one_arg(vm, &a, "remove")?;
        let len = d.borrow().items.len();
        match find(vm, d, &v, 0, len, true)? {
            Some(i) => {
                let mut b = d.borrow_mut();
                b.items.remove(i);
                b.state += 1;
                Ok(Value::None)
            }
            None => {
                let s = vm.repr_string(&v)?;
                Err(vm.new_value_error(&format!("{s} is not in deque")))
            }
        }
    });
    super::add_method(vm, &cls, "reverse", |vm, a| {
        let d = this_dq(vm, &a, "reverse")?;
        let mut b = d.borrow_mut();
        b.items.make_contiguous().reverse();
        b.state += 1;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "rotate", |vm, a| {
        let d = this_dq(vm, &a, "rotate")?;
        let r = rest(&a);
        if r.len() > 1 {
            return Err(vm.new_type_error(&format!(
                "deque.rotate expected at most 1 argument, got {}",
                r.len()
            )));
        }
        let n = match r.first() {
            Some(v) => vm.to_index(v)?,
            None => 1,
        };
        d.borrow_mut().rotate(n);
        Ok(Value::None)
    });
    let maxlen_get = super::native_fn(vm, "collections", "maxlen", |vm, a| {
        let d = this_dq(vm, &a, "maxlen")?;
        Ok(d.borrow().maxlen.map_or(Value::None, |m| {
            Value::Int(i64::try_from(m).unwrap_or(i64::MAX))
        }))
    });
    let prop = vm.alloc(
        &vm.types().property.clone(),
        pyvm_vm::Payload::Property(Box::new(pyvm_vm::object::PropertyData {
            fget: maxlen_get,
            fset: Value::None,
            fdel: Value::None,
            doc: Value::None,
        })),
    );
    vm.type_set_attr(&cls, "maxlen", Value::Obj(prop));
    super::add_method(vm, &cls, "__len__", |vm, a| {
        let d = this_dq(vm, &a, "__len__")?;
        Ok(Value::Int(
            i64::try_from(d.borrow().items.len()).unwrap_or(i64::MAX),
        ))
    });
    super::add_method(vm, &cls, "__bool__", |vm, a| {
        let d = this_dq(vm, &a, "__bool__")?;
        Ok(Value::bool(!d.borrow().items.is_empty()))
    });
    super::add_method(vm, &cls, "__getitem__", |vm, a| {
        let d = this_dq(vm, &a, "__getitem__")?;
        let key = a.pos.get(1).cloned().unwrap_or_default();
        let len = d.borrow().items.len();
        let i = item_index(vm, &key, len)?;
        Ok(d.borrow().items.get(i).cloned().unwrap_or_default())
    });
    super::add_method(vm, &cls, "__setitem__", |vm, a| {
        let d = this_dq(vm, &a, "__setitem__")?;
        let key = a.pos.get(1).cloned().unwrap_or_default();
        let len = d.borrow().items.len();
        let i = item_index(vm, &key, len)?;
        if let Some(slot) = d.borrow_mut().items.get_mut(i) {
            *slot = a.pos.get(2).cloned().unwrap_or_default();
        }
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "__delitem__", |vm, a| {
        let d = this_dq(vm, &a, "__delitem__")?;
        let key = a.pos.get(1).cloned().unwrap_or_default();
        let len = d.borrow().items.len();
        let i = item_index(vm, &key, len)?;
        let mut b = d.borrow_mut();
        b.items.remove(i);
        b.state += 1;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "__contains__", |vm, a| {
        let d = this_dq(vm, &a, "__contains__")?;
        let v = a.pos.get(1).cloned().unwrap_or_default();
        let len = d.borrow().items.len();
        Ok(Value::bool(find(vm, d, &v, 0, len, false)?.is_some()))
    });
    super::add_method(vm, &cls, "__iter__", |vm, a| {
        make_iter(vm, &a.pos[0], false)
    });
    super::add_method(vm, &cls, "__reversed__", |vm, a| {
        make_iter(vm, &a.pos[0], true)
    });
    super::add_method(vm, &cls, "__repr__", |vm, a| with_repr_guard(vm, &a.pos[0]));
    for (name, op) in [
        ("__eq__", CompareOp::Eq),
        ("__ne__", CompareOp::Ne),
        ("__lt__", CompareOp::Lt),
        ("__le__", CompareOp::Le),
        ("__gt__", CompareOp::Gt),
        ("__ge__", CompareOp::Ge),
    ] {
        super::add_method(vm, &cls, name, move |vm, a| deque_cmp(vm, &a, op));
    }
    super::add_method(vm, &cls, "__add__", |vm, a| {
        let this = a.pos.first().cloned().unwrap_or_default();
        let other = a.pos.get(1).cloned().unwrap_or_default();
        let (Some(x), Some(y)) = (dq(&this), dq(&other)) else {
            return Err(vm.new_type_error(&format!(
                "can only concatenate deque (not \"{}\") to deque",
                vm.type_name(&other)
            )));
        };
        let mut items = x.borrow().items.clone();
        items.extend(y.borrow().items.iter().cloned());
        let maxlen = x.borrow().maxlen;
        new_deque_like(vm, &this, items, maxlen)
    });
    super::add_method(vm, &cls, "__iadd__", |vm, a| {
        let d = this_dq(vm, &a, "__iadd__")?;
        let other = a.pos.get(1).cloned().unwrap_or_default();
        extend(vm, &a.pos[0], d, &other, false)?;
        Ok(a.pos[0].clone())
    });
    super::add_method(vm, &cls, "__mul__", |vm, a| {
        mul(vm, &a.pos[0], a.pos.get(1).unwrap_or(&Value::None), false)
    });
    super::add_method(vm, &cls, "__rmul__", |vm, a| {
        mul(vm, &a.pos[0], a.pos.get(1).unwrap_or(&Value::None), false)
    });
    super::add_method(vm, &cls, "__imul__", |vm, a| {
        mul(vm, &a.pos[0], a.pos.get(1).unwrap_or(&Value::None), true)
    });
    super::add_classmethod(vm, &cls, "__class_getitem__", |_vm, a| {
        Ok(a.pos.first().cloned().unwrap_or_default())
    });
    vm.type_set_attr(&cls, "__hash__", Value::None);
    vm.set_module_attr(m, "deque", Value::Obj(cls.clone()));
    for name in ["_deque_iterator", "_deque_reverse_iterator"] {
        let ic = new_type(vm, "collections", name, &[])?;
        super::add_method(vm, &ic, "__iter__", |_vm, a| {
            Ok(a.pos.first().cloned().unwrap_or_default())
        });
        super::add_method(vm, &ic, "__next__", |vm, a| iter_next(vm, &a.pos[0]));
        vm.set_module_attr(m, name, Value::Obj(ic));
    }
    Ok(cls)
}

/// `_count_elements(mapping, iterable)`: `mapping[x] = mapping.get(x, 0) + 1` for each item.
fn count_elements(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let p = super::exact(vm, a, "_count_elements", 2)?;
    let it = vm.iter(&p[1])?;
    while let Some(x) = vm.next(&it)? {
        let cur = match p[0].payload() {
            Some(pyvm_vm::Payload::Dict(_)) => {
                let d = p[0]
                    .as_obj()
                    .cloned()
                    .ok_or_else(|| vm.new_type_error("mapping expected"))?;
                vm.dict_get_item(&d, &x)?
            }
            _ => {
                let get = vm.getattr_str(&p[0], "get")?;
                Some(vm.call(&get, &[x.clone(), Value::Int(0)])?)
            }
        };
        let n = vm.binary_op(
            &cur.unwrap_or(Value::Int(0)),
            &Value::Int(1),
            pyvm_vm::proto::arith::BinOp::Add,
            false,
        )?;
        vm.setitem(&p[0], &x, n)?;
    }
    Ok(Value::None)
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    // The cycle collector sees (and can empty) deques, and sees their iterators.
    vm.register_native_gc::<DequeCell>(
        |d, f| {
            d.try_borrow().is_ok_and(|d| {
                for v in &d.items {
                    f(v);
                }
                true
            })
        },
        Some(|d, out| {
            if let Ok(mut d) = d.try_borrow_mut() {
                d.state += 1;
                out.extend(d.items.drain(..));
            }
        }),
    );
    vm.register_native_gc::<RefCell<DequeIter>>(
        |it, f| {
            it.try_borrow().is_ok_and(|it| {
                f(&it.deque);
                true
            })
        },
        None,
    );
    super::add_fn(vm, &m, "_count_elements", |vm, a| count_elements(vm, &a));
    deque_type(vm, &m)?;
    super::collections_dict::install_types(vm, &m)?;
    super::namedtuple::install(vm, &m)?;
    Ok(m)
}
