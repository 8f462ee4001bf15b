//! The `itertools` module: lazy iterators with CPython's argument checking and reprs.

use super::itertools_comb::{Comb, CombKind};
use super::{alloc_native, bind_new, exact, native, new_type, register};
use pyvm_vm::proto::arith::BinOp;
use pyvm_vm::{Args, ObjRef, PyResult, Value, Vm};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["itertools"], build);
}

/// Shared buffer of a family of `tee` iterators.
pub(crate) struct TeeShared {
    it: Value,
    buf: VecDeque<Value>,
    /// Absolute index of `buf[0]`.
    base: usize,
    running: bool,
    readers: Vec<Weak<Cell<usize>>>,
}

/// The state of every itertools iterator.
pub(crate) enum It {
    Count {
        cur: Value,
        step: Value,
    },
    Cycle {
        it: Option<Value>,
        saved: Vec<Value>,
        idx: usize,
    },
    Repeat {
        obj: Value,
        left: Option<i64>,
    },
    Accumulate {
        it: Value,
        func: Value,
        total: Option<Value>,
        initial: Option<Value>,
    },
    Batched {
        it: Option<Value>,
        n: usize,
    },
    Chain {
        sources: Option<Value>,
        active: Option<Value>,
    },
    Compress {
        data: Value,
        sel: Value,
    },
    DropWhile {
        pred: Value,
        it: Value,
        dropping: bool,
    },
    TakeWhile {
        pred: Value,
        it: Value,
        done: bool,
    },
    FilterFalse {
        pred: Value,
        it: Value,
    },
    GroupBy(GroupBy),
    Grouper {
        parent: Value,
        tgtkey: Value,
        gen: u64,
    },
    ISlice {
        it: Option<Value>,
        next: usize,
        stop: Option<usize>,
        step: usize,
        cnt: usize,
    },
    Pairwise {
        it: Option<Value>,
        old: Option<Value>,
    },
    StarMap {
        func: Value,
        it: Value,
    },
    Tee {
        shared: Rc<RefCell<TeeShared>>,
        pos: Rc<Cell<usize>>,
    },
    ZipLongest {
        its: Vec<Option<Value>>,
        active: usize,
        fill: Value,
    },
    Comb(Comb),
    Done,
}

pub(crate) struct GroupBy {
    it: Value,
    key: Value,
    tgtkey: Option<Value>,
    currkey: Option<Value>,
    currvalue: Option<Value>,
    gen: u64,
}

type State = RefCell<It>;

fn state(v: &Value) -> Option<&State> {
    native::<State>(v)
}

/// The class objects, kept for constructors that make related objects (`_grouper`, `_tee`).
struct Classes {
    grouper: ObjRef,
    tee: ObjRef,
}

fn make(vm: &Vm, cls: &ObjRef, base: &ObjRef, st: It) -> Value {
    alloc_native(vm, cls, base, RefCell::new(st))
}

fn args_after_cls<'a>(a: &Args<'a>) -> Args<'a> {
    Args {
        pos: a.pos.get(1..).unwrap_or(&[]),
        kw: a.kw,
    }
}

fn is_number(vm: &Vm, v: &Value) -> bool {
    if matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_)) || vm.is_int(v) {
        return true;
    }
    if matches!(v.payload(), Some(pyvm_vm::Payload::Complex { .. })) {
        return true;
    }
    let cls = vm.type_of(v);
    ["__index__", "__int__", "__float__", "__complex__"]
        .iter()
        .any(|n| vm.lookup_type_attr(&cls, n).is_some())
}

fn stop_iteration(vm: &Vm) -> pyvm_vm::PyErr {
    vm.new_stop_iteration(Value::None)
}

/// `__next__` of every itertools iterator.
fn next_of(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let Some(st) = state(this) else {
        return Err(vm.new_type_error("not an itertools iterator"));
    };
    enum Step {
        Done(Option<Value>),
        Call,
    }
    // Cases that need no Python code are answered under the borrow.
    let quick = {
        let mut s = st.borrow_mut();
        match &mut *s {
            It::Done => Step::Done(None),
            It::Repeat { obj, left } => match left {
                Some(0) => Step::Done(None),
                Some(n) => {
                    *n -= 1;
                    Step::Done(Some(obj.clone()))
                }
                None => Step::Done(Some(obj.clone())),
            },
            It::Count { cur, step } => match (&*cur, &*step) {
                (Value::Int(c), Value::Int(d)) => match c.checked_add(*d) {
                    Some(n) => {
                        let out = cur.clone();
                        *cur = Value::Int(n);
                        Step::Done(Some(out))
                    }
                    None => Step::Call,
                },
                _ => Step::Call,
            },
            It::Comb(c) => {
                let r = c.next();
                Step::Done(r.map(|items| vm.new_tuple(items)))
            }
            _ => Step::Call,
        }
    };
    if let Step::Done(r) = quick {
        return Ok(r);
    }
    slow_next(vm, this, st)
}

fn finish(st: &State) -> PyResult<Option<Value>> {
    *st.borrow_mut() = It::Done;
    Ok(None)
}

fn slow_next(vm: &mut Vm, this: &Value, st: &State) -> PyResult<Option<Value>> {
    let kind = {
        let s = st.borrow();
        match &*s {
            It::Count { cur, step } => {
                let (cur, step) = (cur.clone(), step.clone());
                drop(s);
                let n = vm.binary_op(&cur, &step, BinOp::Add, false)?;
                if let It::Count { cur: c, .. } = &mut *st.borrow_mut() {
                    *c = n;
                }
                return Ok(Some(cur));
            }
            It::Cycle { .. } => 0,
            It::Accumulate { .. } => 1,
            It::Batched { .. } => 2,
            It::Chain { .. } => 3,
            It::Compress { .. } => 4,
            It::DropWhile { .. } | It::TakeWhile { .. } | It::FilterFalse { .. } => 5,
            It::GroupBy(_) => 6,
            It::Grouper { .. } => 7,
            It::ISlice { .. } => 8,
            It::Pairwise { .. } => 9,
            It::StarMap { .. } => 10,
            It::Tee { .. } => 11,
            It::ZipLongest { .. } => 12,
            _ => return Ok(None),
        }
    };
    match kind {
        0 => cycle_next(vm, st),
        1 => accumulate_next(vm, st),
        2 => batched_next(vm, st),
        3 => chain_next(vm, st),
        4 => compress_next(vm, st),
        5 => predicate_next(vm, st),
        6 => groupby_next(vm, this, st),
        7 => grouper_next(vm, st),
        8 => islice_next(vm, st),
        9 => pairwise_next(vm, st),
        10 => starmap_next(vm, st),
        11 => tee_next(vm, st),
        _ => zip_longest_next(vm, st),
    }
}

fn cycle_next(vm: &mut Vm, st: &State) -> PyResult<Option<Value>> {
    let it = match &*st.borrow() {
        It::Cycle { it, .. } => it.clone(),
        _ => return Ok(None),
    };
    if let Some(it) = it {
        if let Some(v) = vm.next(&it)? {
            if let It::Cycle { saved, .. } = &mut *st.borrow_mut() {
                saved.push(v.clone());
            }
            return Ok(Some(v));
        }
        if let It::Cycle { it, .. } = &mut *st.borrow_mut() {
            *it = None;
        }
    }
    let mut s = st.borrow_mut();
    if let It::Cycle { saved, idx, .. } = &mut *s {
        if saved.is_empty() {
            drop(s);
            return finish(st);
        }
        if *idx >= saved.len() {
            *idx = 0;
        }
        let v = saved[*idx].clone();
        *idx += 1;
        return Ok(Some(v));
    }
    Ok(None)
}

fn accumulate_next(vm: &mut Vm, st: &State) -> PyResult<Option<Value>> {
    let (it, func, total) = {
        let mut s = st.borrow_mut();
        let It::Accumulate {
            it,
            func,
            total,
            initial,
        } = &mut *s
        else {
            return Ok(None);
        };
        if let Some(init) = initial.take() {
            *total = Some(init.clone());
            return Ok(Some(init));
        }
        (it.clone(), func.clone(), total.clone())
    };
    let Some(v) = vm.next(&it)? else {
        return Ok(None);
    };
    let new = match total {
        None => v,
        Some(t) => {
            if func.is_none() {
                vm.binary_op(&t, &v, BinOp::Add, false)?
            } else {
                vm.call(&func, &[t, v])?
            }
        }
    };
    if let It::Accumulate { total, .. } = &mut *st.borrow_mut() {
        *total = Some(new.clone());
    }
    Ok(Some(new))
}

fn batched_next(vm: &mut Vm, st: &State) -> PyResult<Option<Value>> {
    let (it, n) = match &*st.borrow() {
        It::Batched { it: Some(it), n } => (it.clone(), *n),
        _ => return Ok(None),
    };
    let mut items = Vec::with_capacity(n.min(1024));
    while items.len() < n {
        match vm.next(&it) {
            Ok(Some(v)) => items.push(v),
            Ok(None) => break,
            Err(e) => {
                finish(st)?;
                return Err(e);
            }
        }
    }
    if items.len() < n {
        finish(st)?;
    }
    if items.is_empty() {
        return Ok(None);
    }
    Ok(Some(vm.new_tuple(items)))
}

fn chain_next(vm: &mut Vm, st: &State) -> PyResult<Option<Value>> {
    loop {
        let (sources, active) = match &*st.borrow() {
            It::Chain { sources, active } => (sources.clone(), active.clone()),
            _ => return Ok(None),
        };
        if let Some(a) = active {
            if let Some(v) = vm.next(&a)? {
                return Ok(Some(v));
            }
            if let It::Chain { active, .. } = &mut *st.borrow_mut() {
                *active = None;
            }
        }
        let Some(src) = sources else {
            return finish(st);
        };
        match vm.next(&src)? {
            Some(iterable) => {
                let it = vm.iter(&iterable)?;
                if let It::Chain { active, .. } = &mut *st.borrow_mut() {
                    *active = Some(it);
                }
            }
            None => return finish(st),
        }
    }
}

fn compress_next(vm: &mut Vm, st: &State) -> PyResult<Option<Value>> {
    let (data, sel) = match &*st.borrow() {
        It::Compress { data, sel } => (data.clone(), sel.clone()),
        _ => return Ok(None),
    };
    loop {
        let Some(d) = vm.next(&data)? else {
            return Ok(None);
        };
        let Some(s) = vm.next(&sel)? else {
            return Ok(None);
        };
        if vm.is_true(&s)? {
            return Ok(Some(d));
        }
    }
}

/// `dropwhile`, `takewhile`, `filterfalse`.
fn predicate_next(vm: &mut Vm, st: &State) -> PyResult<Option<Value>> {
    let (pred, it, mode, flag) = match &*st.borrow() {
        It::DropWhile { pred, it, dropping } => (pred.clone(), it.clone(), 0, *dropping),
        It::TakeWhile { pred, it, done } => (pred.clone(), it.clone(), 1, *done),
        It::FilterFalse { pred, it } => (pred.clone(), it.clone(), 2, false),
        _ => return Ok(None),
    };
    if mode == 1 && flag {
        return Ok(None);
    }
    loop {
        let Some(v) = vm.next(&it)? else {
            return Ok(None);
        };
        if mode == 0 && !flag {
            return Ok(Some(v));
        }
        let t = if mode == 2 && pred.is_none() {
            vm.is_true(&v)?
        } else {
            let r = vm.call(&pred, std::slice::from_ref(&v))?;
            vm.is_true(&r)?
        };
        match mode {
            0 => {
                if !t {
                    if let It::DropWhile { dropping, .. } = &mut *st.borrow_mut() {
                        *dropping = false;
                    }
                    return Ok(Some(v));
                }
            }
            1 => {
                if t {
                    return Ok(Some(v));
                }
                if let It::TakeWhile { done, .. } = &mut *st.borrow_mut() {
                    *done = true;
                }
                return Ok(None);
            }
            _ => {
                if !t {
                    return Ok(Some(v));
                }
            }
        }
    }
}

/// Advances a `groupby` by one element; false when its iterator is exhausted.
fn groupby_step(vm: &mut Vm, st: &State) -> PyResult<bool> {
    let (it, key) = match &*st.borrow() {
        It::GroupBy(g) => (g.it.clone(), g.key.clone()),
        _ => return Ok(false),
    };
    let Some(v) = vm.next(&it)? else {
        return Ok(false);
    };
    let k = if key.is_none() {
        v.clone()
    } else {
        vm.call(&key, std::slice::from_ref(&v))?
    };
    if let It::GroupBy(g) = &mut *st.borrow_mut() {
        g.currvalue = Some(v);
        g.currkey = Some(k);
    }
    Ok(true)
}

fn groupby_next(vm: &mut Vm, this: &Value, st: &State) -> PyResult<Option<Value>> {
    if let It::GroupBy(g) = &mut *st.borrow_mut() {
        g.gen += 1;
    }
    loop {
        let (curr, tgt) = match &*st.borrow() {
            It::GroupBy(g) => (g.currkey.clone(), g.tgtkey.clone()),
            _ => return Ok(None),
        };
        if let Some(c) = &curr {
            match &tgt {
                None => break,
                Some(t) => {
                    if !vm.eq(t, c)? {
                        break;
                    }
                }
            }
        }
        if !groupby_step(vm, st)? {
            return Ok(None);
        }
    }
    let (key, gen) = {
        let mut s = st.borrow_mut();
        let It::GroupBy(g) = &mut *s else {
            return Ok(None);
        };
        g.tgtkey = g.currkey.clone();
        (g.currkey.clone().unwrap_or(Value::None), g.gen)
    };
    let Some(classes) = vm_classes(vm)? else {
        return Ok(None);
    };
    let grouper = make(
        vm,
        &classes.grouper,
        &classes.grouper,
        It::Grouper {
            parent: this.clone(),
            tgtkey: key.clone(),
            gen,
        },
    );
    Ok(Some(vm.new_tuple(vec![key, grouper])))
}

fn grouper_next(vm: &mut Vm, st: &State) -> PyResult<Option<Value>> {
    let (parent, tgtkey, gen) = match &*st.borrow() {
        It::Grouper {
            parent,
            tgtkey,
            gen,
        } => (parent.clone(), tgtkey.clone(), *gen),
        _ => return Ok(None),
    };
    let Some(pst) = state(&parent) else {
        return Ok(None);
    };
    let need_step = match &*pst.borrow() {
        It::GroupBy(g) => {
            if g.gen != gen {
                return Ok(None);
            }
            g.currvalue.is_none()
        }
        _ => return Ok(None),
    };
    if need_step && !groupby_step(vm, pst)? {
        return Ok(None);
    }
    let curr = match &*pst.borrow() {
        It::GroupBy(g) => g.currkey.clone().unwrap_or(Value::None),
        _ => return Ok(None),
    };
    if !vm.eq(&tgtkey, &curr)? {
        return Ok(None);
    }
    let v = match &mut *pst.borrow_mut() {
        It::GroupBy(g) => g.currvalue.take(),
        _ => None,
    };
    Ok(v)
}

fn islice_next(vm: &mut Vm, st: &State) -> PyResult<Option<Value>> {
    let (it, next, stop, mut cnt) = match &*st.borrow() {
        It::ISlice {
            it: Some(it),
            next,
            stop,
            cnt,
            ..
        } => (it.clone(), *next, *stop, *cnt),
        _ => return Ok(None),
    };
    while cnt < next {
        let item = vm.next(&it)?;
        if item.is_none() {
            return finish(st);
        }
        cnt += 1;
        if let It::ISlice { cnt: c, .. } = &mut *st.borrow_mut() {
            *c = cnt;
        }
    }
    if stop.is_some_and(|s| cnt >= s) {
        return finish(st);
    }
    let Some(item) = vm.next(&it)? else {
        return finish(st);
    };
    if let It::ISlice {
        next,
        stop,
        step,
        cnt: c,
        ..
    } = &mut *st.borrow_mut()
    {
        *c = cnt + 1;
        let nn = next.saturating_add(*step);
        *next = match stop {
            Some(s) if nn > *s => *s,
            _ => nn,
        };
    }
    Ok(Some(item))
}

fn pairwise_next(vm: &mut Vm, st: &State) -> PyResult<Option<Value>> {
    let (it, old) = match &*st.borrow() {
        It::Pairwise { it: Some(it), old } => (it.clone(), old.clone()),
        _ => return Ok(None),
    };
    let old = match old {
        Some(o) => o,
        None => match vm.next(&it)? {
            Some(o) => {
                if let It::Pairwise { old, .. } = &mut *st.borrow_mut() {
                    *old = Some(o.clone());
                }
                o
            }
            None => return finish(st),
        },
    };
    let Some(new) = vm.next(&it)? else {
        return finish(st);
    };
    if let It::Pairwise { old: o, .. } = &mut *st.borrow_mut() {
        *o = Some(new.clone());
    }
    Ok(Some(vm.new_tuple(vec![old, new])))
}

fn starmap_next(vm: &mut Vm, st: &State) -> PyResult<Option<Value>> {
    let (func, it) = match &*st.borrow() {
        It::StarMap { func, it } => (func.clone(), it.clone()),
        _ => return Ok(None),
    };
    let Some(args) = vm.next(&it)? else {
        return Ok(None);
    };
    let args = vm.to_vec(&args)?;
    vm.call(&func, &args).map(Some)
}

fn tee_next(vm: &mut Vm, st: &State) -> PyResult<Option<Value>> {
    let (shared, pos) = match &*st.borrow() {
        It::Tee { shared, pos } => (shared.clone(), pos.clone()),
        _ => return Ok(None),
    };
    let p = pos.get();
    let it = {
        let sh = shared.borrow();
        if p >= sh.base && p - sh.base < sh.buf.len() {
            let v = sh.buf[p - sh.base].clone();
            pos.set(p + 1);
            drop(sh);
            trim_tee(&shared);
            return Ok(Some(v));
        }
        if sh.running {
            return Err(vm.new_runtime_error("cannot re-enter the tee iterator"));
        }
        sh.it.clone()
    };
    shared.borrow_mut().running = true;
    let r = vm.next(&it);
    shared.borrow_mut().running = false;
    let Some(v) = r? else { return Ok(None) };
    shared.borrow_mut().buf.push_back(v.clone());
    pos.set(p + 1);
    trim_tee(&shared);
    Ok(Some(v))
}

/// Drops buffered items every live reader has passed.
fn trim_tee(shared: &Rc<RefCell<TeeShared>>) {
    let mut sh = shared.borrow_mut();
    if sh.buf.len() < 64 {
        return;
    }
    sh.readers.retain(|w| w.strong_count() > 0);
    let min = sh
        .readers
        .iter()
        .filter_map(Weak::upgrade)
        .map(|c| c.get())
        .min();
    if let Some(min) = min {
        let n = min.saturating_sub(sh.base).min(sh.buf.len());
        sh.buf.drain(..n);
        sh.base += n;
    }
}

fn zip_longest_next(vm: &mut Vm, st: &State) -> PyResult<Option<Value>> {
    let (its, fill) = match &*st.borrow() {
        It::ZipLongest { its, active, fill } => {
            if *active == 0 || its.is_empty() {
                return Ok(None);
            }
            (its.clone(), fill.clone())
        }
        _ => return Ok(None),
    };
    let mut out = Vec::with_capacity(its.len());
    for (i, it) in its.iter().enumerate() {
        let Some(it) = it else {
            out.push(fill.clone());
            continue;
        };
        match vm.next(it)? {
            Some(v) => out.push(v),
            None => {
                let left = {
                    let mut s = st.borrow_mut();
                    let It::ZipLongest { its, active, .. } = &mut *s else {
                        return Ok(None);
                    };
                    its[i] = None;
                    *active -= 1;
                    *active
                };
                if left == 0 {
                    return finish(st);
                }
                out.push(fill.clone());
            }
        }
    }
    Ok(Some(vm.new_tuple(out)))
}

// ----- construction ---------------------------------------------------------------------------

fn vm_classes(vm: &mut Vm) -> PyResult<Option<Classes>> {
    let m = vm.import_module("itertools")?;
    let grouper = vm.getattr_str(&m, "_grouper")?;
    let tee = vm.getattr_str(&m, "_tee")?;
    match (vm.as_class(&grouper), vm.as_class(&tee)) {
        (Some(grouper), Some(tee)) => Ok(Some(Classes { grouper, tee })),
        _ => Ok(None),
    }
}

fn new_tee_family(vm: &mut Vm, tee_cls: &ObjRef, it: Value, n: usize) -> Vec<Value> {
    let shared = Rc::new(RefCell::new(TeeShared {
        it,
        buf: VecDeque::new(),
        base: 0,
        running: false,
        readers: Vec::new(),
    }));
    (0..n)
        .map(|_| new_tee_reader(vm, tee_cls, &shared, 0))
        .collect()
}

fn new_tee_reader(vm: &Vm, tee_cls: &ObjRef, shared: &Rc<RefCell<TeeShared>>, at: usize) -> Value {
    let pos = Rc::new(Cell::new(at));
    shared.borrow_mut().readers.push(Rc::downgrade(&pos));
    make(
        vm,
        tee_cls,
        tee_cls,
        It::Tee {
            shared: shared.clone(),
            pos,
        },
    )
}

fn tee(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(vm.new_type_error("itertools.tee() takes no keyword arguments"));
    }
    crate::args::range(vm, a, "tee", 1, 2)?;
    let n = match a.pos.get(1) {
        Some(v) => vm.to_index(v)?,
        None => 2,
    };
    if n < 0 {
        return Err(vm.new_value_error("n must be >= 0"));
    }
    let it = vm.iter(&a.pos[0])?;
    let n = usize::try_from(n).unwrap_or(0);
    if n == 0 {
        return Ok(vm.new_tuple(vec![]));
    }
    let Some(classes) = vm_classes(vm)? else {
        return Err(vm.new_system_error("itertools missing"));
    };
    if let Some(It::Tee { shared, pos }) = state(&it).map(|s| s.borrow()).as_deref() {
        let mut out = vec![it.clone()];
        for _ in 1..n {
            out.push(new_tee_reader(vm, &classes.tee, shared, pos.get()));
        }
        return Ok(vm.new_tuple(out));
    }
    let items = new_tee_family(vm, &classes.tee, it, n);
    Ok(vm.new_tuple(items))
}

fn count_repr(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let (cur, step) = match state(this).map(|s| s.borrow()).as_deref() {
        Some(It::Count { cur, step }) => (cur.clone(), step.clone()),
        _ => return Ok(vm.new_str("count(...)")),
    };
    let name = vm.type_name(this);
    let c = vm.repr_string(&cur)?;
    if matches!(step, Value::Int(1)) {
        return Ok(vm.new_string(format!("{name}({c})")));
    }
    let s = vm.repr_string(&step)?;
    Ok(vm.new_string(format!("{name}({c}, {s})")))
}

fn repeat_repr(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let (obj, left) = match state(this).map(|s| s.borrow()).as_deref() {
        Some(It::Repeat { obj, left }) => (obj.clone(), *left),
        _ => return Ok(vm.new_str("repeat(...)")),
    };
    let name = vm.type_name(this);
    let o = vm.repr_string(&obj)?;
    Ok(vm.new_string(match left {
        Some(n) => format!("{name}({o}, {n})"),
        None => format!("{name}({o})"),
    }))
}

/// Installs `__iter__` / `__next__` on an iterator class.
fn iter_protocol(vm: &mut Vm, cls: &ObjRef) {
    super::add_method(vm, cls, "__iter__", |_vm, a| {
        Ok(a.pos.first().cloned().unwrap_or_default())
    });
    super::add_method(vm, cls, "__next__", |vm, a| {
        let this = a.pos.first().cloned().unwrap_or_default();
        match next_of(vm, &this)? {
            Some(v) => Ok(v),
            None => Err(stop_iteration(vm)),
        }
    });
}

fn simple_ctor(
    vm: &mut Vm,
    m: &ObjRef,
    name: &'static str,
    f: impl Fn(&mut Vm, Args<'_>) -> PyResult<It> + 'static,
) -> PyResult<ObjRef> {
    let cls = new_type(vm, "itertools", name, &[])?;
    iter_protocol(vm, &cls);
    let base = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        let st = f(vm, args_after_cls(&a))?;
        Ok(make(vm, &c, &base, st))
    });
    vm.set_module_attr(m, name, Value::Obj(cls.clone()));
    Ok(cls)
}

fn opt(v: &Option<Value>) -> Value {
    v.clone().unwrap_or(Value::None)
}

fn index_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    vm.to_index(v)
}

/// `r` of permutations/combinations.
fn r_arg(vm: &mut Vm, v: &Value, strict_int: bool) -> PyResult<usize> {
    if strict_int && !vm.is_int(v) {
        return Err(vm.new_type_error("Expected int as r"));
    }
    let r = index_arg(vm, v)?;
    usize::try_from(r).map_err(|_| vm.new_value_error("r must be non-negative"))
}

fn islice_arg(vm: &mut Vm, v: &Value, msg: &str) -> PyResult<Option<usize>> {
    if v.is_none() {
        return Ok(None);
    }
    let bad = || msg.to_string();
    if !vm.is_int(v) {
        let cls = vm.type_of(v);
        if vm.lookup_type_attr(&cls, "__index__").is_none() {
            return Err(vm.new_value_error(&bad()));
        }
    }
    let i = vm.to_index(v).map_err(|_| vm.new_value_error(&bad()))?;
    usize::try_from(i)
        .map(Some)
        .map_err(|_| vm.new_value_error(&bad()))
}

const STOP_MSG: &str =
    "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
const IDX_MSG: &str = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let m = &m;
    let count = simple_ctor(vm, m, "count", |vm, a| {
        let p = bind_new(vm, &a, "count", &["start", "step"], 0, 0)?;
        let start = p[0].clone().unwrap_or(Value::Int(0));
        let step = p[1].clone().unwrap_or(Value::Int(1));
        if !is_number(vm, &start) || !is_number(vm, &step) {
            return Err(vm.new_type_error("a number is required"));
        }
        Ok(It::Count { cur: start, step })
    })?;
    super::add_method(vm, &count, "__repr__", |vm, a| count_repr(vm, &a.pos[0]));
    simple_ctor(vm, m, "cycle", |vm, a| {
        super::no_kw(vm, &a, "cycle")?;
        let p = exact(vm, &a, "cycle", 1)?;
        let it = vm.iter(&p[0])?;
        Ok(It::Cycle {
            it: Some(it),
            saved: Vec::new(),
            idx: 0,
        })
    })?;
    let repeat = simple_ctor(vm, m, "repeat", |vm, a| {
        let p = bind_new(vm, &a, "repeat", &["object", "times"], 1, 0)?;
        let left = match &p[1] {
            Some(v) => Some(index_arg(vm, v)?.max(0)),
            None => None,
        };
        Ok(It::Repeat {
            obj: opt(&p[0]),
            left,
        })
    })?;
    super::add_method(vm, &repeat, "__repr__", |vm, a| repeat_repr(vm, &a.pos[0]));
    super::add_method(vm, &repeat, "__length_hint__", |vm, a| {
        match state(&a.pos[0]).map(|s| s.borrow()).as_deref() {
            Some(It::Repeat { left: Some(n), .. }) => Ok(Value::Int(*n)),
            _ => Err(vm.new_type_error("len() of unsized object")),
        }
    });
    simple_ctor(vm, m, "accumulate", |vm, a| {
        let p = bind_new(vm, &a, "accumulate", &["iterable", "func", "initial"], 1, 1)?;
        let it = vm.iter(&opt(&p[0]))?;
        let initial = p[2].clone().filter(|v| !v.is_none());
        Ok(It::Accumulate {
            it,
            func: opt(&p[1]),
            total: None,
            initial,
        })
    })?;
    simple_ctor(vm, m, "batched", |vm, a| {
        let p = bind_new(vm, &a, "batched", &["iterable", "n"], 2, 0)?;
        let n = index_arg(vm, &opt(&p[1]))?;
        if n < 1 {
            return Err(vm.new_value_error("n must be at least one"));
        }
        let it = vm.iter(&opt(&p[0]))?;
        Ok(It::Batched {
            it: Some(it),
            n: usize::try_from(n).unwrap_or(usize::MAX),
        })
    })?;
    let chain = simple_ctor(vm, m, "chain", |vm, a| {
        super::no_kw(vm, &a, "chain")?;
        let t = vm.new_tuple(a.pos.to_vec());
        let sources = vm.iter(&t)?;
        Ok(It::Chain {
            sources: Some(sources),
            active: None,
        })
    })?;
    let chain_base = chain.clone();
    super::add_classmethod(vm, &chain, "from_iterable", move |vm, a| {
        let cls = super::ctor_cls(vm, &a)?;
        let p = exact(vm, &args_after_cls(&a), "from_iterable", 1)?;
        let sources = vm.iter(&p[0])?;
        Ok(make(
            vm,
            &cls,
            &chain_base,
            It::Chain {
                sources: Some(sources),
                active: None,
            },
        ))
    });
    simple_ctor(vm, m, "compress", |vm, a| {
        let p = bind_new(vm, &a, "compress", &["data", "selectors"], 2, 0)?;
        let data = vm.iter(&opt(&p[0]))?;
        let sel = vm.iter(&opt(&p[1]))?;
        Ok(It::Compress { data, sel })
    })?;
    simple_ctor(vm, m, "dropwhile", |vm, a| {
        super::no_kw(vm, &a, "dropwhile")?;
        let p = exact(vm, &a, "dropwhile", 2)?;
        let it = vm.iter(&p[1])?;
        Ok(It::DropWhile {
            pred: p[0].clone(),
            it,
            dropping: true,
        })
    })?;
    simple_ctor(vm, m, "takewhile", |vm, a| {
        super::no_kw(vm, &a, "takewhile")?;
        let p = exact(vm, &a, "takewhile", 2)?;
        let it = vm.iter(&p[1])?;
        Ok(It::TakeWhile {
            pred: p[0].clone(),
            it,
            done: false,
        })
    })?;
    simple_ctor(vm, m, "filterfalse", |vm, a| {
        super::no_kw(vm, &a, "filterfalse")?;
        let p = exact(vm, &a, "filterfalse", 2)?;
        let it = vm.iter(&p[1])?;
        Ok(It::FilterFalse {
            pred: p[0].clone(),
            it,
        })
    })?;
    simple_ctor(vm, m, "groupby", |vm, a| {
        let p = bind_new(vm, &a, "groupby", &["iterable", "key"], 1, 0)?;
        let it = vm.iter(&opt(&p[0]))?;
        Ok(It::GroupBy(GroupBy {
            it,
            key: opt(&p[1]),
            tgtkey: None,
            currkey: None,
            currvalue: None,
            gen: 0,
        }))
    })?;
    let grouper = new_type(vm, "itertools", "_grouper", &[])?;
    iter_protocol(vm, &grouper);
    vm.set_module_attr(m, "_grouper", Value::Obj(grouper));
    simple_ctor(vm, m, "islice", |vm, a| {
        super::no_kw(vm, &a, "islice")?;
        crate::args::range(vm, &a, "islice", 2, 4)?;
        let p = a.pos;
        let (start, stop, step) = if p.len() == 2 {
            (None, islice_arg(vm, &p[1], STOP_MSG)?, None)
        } else {
            let start = islice_arg(vm, &p[1], IDX_MSG)?;
            let stop = islice_arg(vm, &p[2], STOP_MSG)?;
            let step = match p.get(3) {
                Some(v) if !v.is_none() => {
                    let msg = "Step for islice() must be a positive integer or None.";
                    match islice_arg(vm, v, msg)? {
                        Some(0) | None => return Err(vm.new_value_error(msg)),
                        s => s,
                    }
                }
                _ => None,
            };
            (start, stop, step)
        };
        let it = vm.iter(&p[0])?;
        Ok(It::ISlice {
            it: Some(it),
            next: start.unwrap_or(0),
            stop,
            step: step.unwrap_or(1),
            cnt: 0,
        })
    })?;
    simple_ctor(vm, m, "pairwise", |vm, a| {
        super::no_kw(vm, &a, "pairwise")?;
        let p = exact(vm, &a, "pairwise", 1)?;
        let it = vm.iter(&p[0])?;
        Ok(It::Pairwise {
            it: Some(it),
            old: None,
        })
    })?;
    simple_ctor(vm, m, "starmap", |vm, a| {
        super::no_kw(vm, &a, "starmap")?;
        let p = exact(vm, &a, "starmap", 2)?;
        let it = vm.iter(&p[1])?;
        Ok(It::StarMap {
            func: p[0].clone(),
            it,
        })
    })?;
    let tee_cls = new_type(vm, "itertools", "_tee", &[])?;
    iter_protocol(vm, &tee_cls);
    let tc = tee_cls.clone();
    super::add_method(vm, &tee_cls, "__copy__", move |vm, a| {
        match state(&a.pos[0]).map(|s| s.borrow()).as_deref() {
            Some(It::Tee { shared, pos }) => Ok(new_tee_reader(vm, &tc, shared, pos.get())),
            _ => Err(vm.new_type_error("not a tee object")),
        }
    });
    vm.set_module_attr(m, "_tee", Value::Obj(tee_cls));
    super::add_fn(vm, m, "tee", |vm, a| tee(vm, &a));
    simple_ctor(vm, m, "zip_longest", |vm, a| {
        let mut fill = Value::None;
        for (k, v) in a.kw {
            if &**k == "fillvalue" {
                fill = v.clone();
            } else {
                return Err(vm.new_type_error("zip_longest() got an unexpected keyword argument"));
            }
        }
        let mut its = Vec::with_capacity(a.pos.len());
        for v in a.pos {
            its.push(Some(vm.iter(v)?));
        }
        let active = its.len();
        Ok(It::ZipLongest { its, active, fill })
    })?;
    simple_ctor(vm, m, "product", |vm, a| {
        let mut repeat = 1i64;
        for (k, v) in a.kw {
            if &**k == "repeat" {
                repeat = vm.to_index(v)?;
                if repeat < 0 {
                    return Err(vm.new_value_error("repeat argument cannot be negative"));
                }
            } else {
                return Err(vm.new_type_error(&format!(
                    "'{k}' is an invalid keyword argument for product()"
                )));
            }
        }
        let mut pools = Vec::with_capacity(a.pos.len());
        for v in a.pos {
            pools.push(vm.to_vec(v)?);
        }
        let repeat = usize::try_from(repeat).unwrap_or(0);
        if pools.len().saturating_mul(repeat) > 1 << 20 {
            return Err(vm.new_overflow_error("repeat argument too large"));
        }
        let mut all = Vec::with_capacity(pools.len() * repeat);
        for _ in 0..repeat {
            all.extend(pools.iter().cloned());
        }
        Ok(It::Comb(Comb::new(CombKind::Product, all, 0)))
    })?;
    simple_ctor(vm, m, "permutations", |vm, a| {
        let p = bind_new(vm, &a, "permutations", &["iterable", "r"], 1, 0)?;
        let pool = vm.to_vec(&opt(&p[0]))?;
        let r = match &p[1] {
            Some(v) if !v.is_none() => r_arg(vm, v, true)?,
            _ => pool.len(),
        };
        Ok(It::Comb(Comb::new(CombKind::Permutations, vec![pool], r)))
    })?;
    simple_ctor(vm, m, "combinations", |vm, a| {
        let p = bind_new(vm, &a, "combinations", &["iterable", "r"], 2, 0)?;
        let pool = vm.to_vec(&opt(&p[0]))?;
        let r = r_arg(vm, &opt(&p[1]), false)?;
        Ok(It::Comb(Comb::new(CombKind::Combinations, vec![pool], r)))
    })?;
    simple_ctor(vm, m, "combinations_with_replacement", |vm, a| {
        let p = bind_new(
            vm,
            &a,
            "combinations_with_replacement",
            &["iterable", "r"],
            2,
            0,
        )?;
        let pool = vm.to_vec(&opt(&p[0]))?;
        let r = r_arg(vm, &opt(&p[1]), false)?;
        Ok(It::Comb(Comb::new(
            CombKind::WithReplacement,
            vec![pool],
            r,
        )))
    })?;
    Ok(m.clone())
}
