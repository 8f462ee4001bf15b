//! The cycle collector: CPython's algorithm over `Rc`.
//!
//! Reference counting frees everything except reference cycles. Container objects (lists, dicts,
//! sets, tuples, instances, functions, cells, types, exceptions, iterators, …) are registered at
//! allocation in a thread-local registry of `Weak` pointers. A collection:
//!
//! 1. upgrades every registry entry (dead ones are pruned);
//! 2. for each live tracked object, `gc_refs = strong_count - 1` (the `- 1` is the collector's own
//!    temporary reference), then subtracts one for every reference held by another tracked object
//!    (found by [`for_each_ref`]);
//! 3. objects with `gc_refs > 0` are referenced from outside the tracked heap (frames, the Rust
//!    stack, untracked objects): they are roots; everything reachable from a root is alive;
//! 4. the rest is cyclic garbage. Instances with `__del__` are finalized first, once per object
//!    (PEP 442); if a finalizer resurrected anything, the analysis is redone; then the garbage's
//!    mutable contents are taken out, which breaks the cycles and lets `Rc` free them.
//!
//! Soundness rests on one rule: [`for_each_ref`] reports only references that really are strong
//! references owned by the object (never one shared through an `Rc<[..]>` another object may also
//! hold). Missing a reference is safe (the target just looks externally referenced); reporting one
//! that is not there is not. A container whose `RefCell` is borrowed at collection time is treated
//! as opaque: it reports no references and counts as a root.
//!
//! Automatic collections start when the number of tracked allocations since the last collection
//! reaches the threshold (`max(MIN_THRESHOLD, 2 × the survivors of the last collection)`), which keeps the
//! cost amortised O(1) per allocation. The allocation path only counts and raises a flag; the
//! collection itself runs at the next instruction boundary (like CPython 3.12's eval breaker),
//! where finalizers can safely run Python code.

use crate::object::{IterState, ObjRef, Payload, PyObject};
use crate::value::Value;
use crate::Vm;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::{Rc, Weak};

/// Fewest tracked allocations between two automatic collections.
pub const MIN_THRESHOLD: usize = 2000;

struct GcState {
    registry: Vec<Weak<PyObject>>,
    allocs: usize,
    threshold: usize,
    /// Objects whose `__del__` the collector already ran (by address; an address stays valid
    /// while its registry entry keeps the allocation, and is removed when that entry is pruned).
    finalized: HashSet<usize>,
}

thread_local! {
    static STATE: RefCell<GcState> = RefCell::new(GcState {
        registry: Vec::new(),
        allocs: 0,
        threshold: MIN_THRESHOLD,
        finalized: HashSet::new(),
    });
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    static DUE: Cell<bool> = const { Cell::new(false) };
    static COLLECTING: Cell<bool> = const { Cell::new(false) };
}

/// Does an object with this payload take part in cycle collection?
#[inline]
pub(crate) fn is_container(p: &Payload) -> bool {
    matches!(
        p,
        Payload::List(_)
            | Payload::Tuple(_)
            | Payload::Dict(_)
            | Payload::Set(_)
            | Payload::FrozenSet(_)
            | Payload::DictView { .. }
            | Payload::Function(_)
            | Payload::BoundMethod { .. }
            | Payload::Cell(_)
            | Payload::Type(_)
            | Payload::Exception(_)
            | Payload::Iter(_)
            | Payload::Property { .. }
            | Payload::ClassMethod(_)
            | Payload::StaticMethod(_)
            | Payload::Super { .. }
            | Payload::Instance
            | Payload::Slots(_)
            | Payload::Module(_)
            | Payload::NativeFunction(_)
    )
}

/// Registers a newly allocated object (called by `Vm::alloc` for container payloads, and for the
/// objects the VM builds before `alloc` can be used: builtin types, module objects).
#[inline]
pub fn track(obj: &ObjRef) {
    let due = STATE.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => {
            s.registry.push(Rc::downgrade(obj));
            s.allocs += 1;
            s.allocs >= s.threshold
        }
        Err(_) => false,
    });
    if due && ENABLED.with(Cell::get) && !DUE.with(Cell::get) {
        DUE.with(|d| d.set(true));
        crate::finalize::request_run();
    }
}

/// Takes the "automatic collection due" flag.
pub(crate) fn take_due() -> bool {
    DUE.with(|d| d.replace(false))
}

/// Turns automatic collection on or off (`gc.enable()` / `gc.disable()`); `gc.collect()` works
/// either way.
pub fn set_enabled(on: bool) {
    ENABLED.with(|e| e.set(on));
}

/// Is automatic collection on?
pub fn is_enabled() -> bool {
    ENABLED.with(Cell::get)
}

/// How many objects the registry holds (live or not yet pruned).
pub fn tracked_count() -> usize {
    STATE.with(|s| s.try_borrow().map_or(0, |s| s.registry.len()))
}

/// Did the collector already run this object's `__del__`?
pub(crate) fn is_finalized(obj: *const PyObject) -> bool {
    STATE.with(|s| {
        s.try_borrow()
            .is_ok_and(|s| !s.finalized.is_empty() && s.finalized.contains(&(obj as usize)))
    })
}

fn visit_value(v: &Value, f: &mut dyn FnMut(&ObjRef)) {
    if let Value::Obj(o) = v {
        f(o);
    }
}

fn visit_values(vs: &[Value], f: &mut dyn FnMut(&ObjRef)) {
    for v in vs {
        visit_value(v, f);
    }
}

/// Reports every strong reference `o` owns to another heap object. Returns false when part of the
/// object could not be inspected (a borrowed `RefCell`): the caller then treats it as a root.
fn for_each_ref(o: &PyObject, f: &mut dyn FnMut(&ObjRef)) -> bool {
    if let Some(c) = &o.class {
        f(c);
    }
    if let Some(d) = &o.dict {
        f(d);
    }
    match &o.payload {
        Payload::List(l) => match l.try_borrow() {
            Ok(l) => visit_values(&l, f),
            Err(_) => return false,
        },
        Payload::Tuple(t) => visit_values(t, f),
        Payload::Dict(d) | Payload::Slots(d) => match d.try_borrow() {
            Ok(d) => {
                for e in d.iter() {
                    visit_value(&e.key, f);
                    visit_value(&e.value, f);
                }
            }
            Err(_) => return false,
        },
        Payload::Set(s) => match s.try_borrow() {
            Ok(s) => visit_values(&s.items(), f),
            Err(_) => return false,
        },
        Payload::FrozenSet(s) => visit_values(&s.items(), f),
        Payload::DictView { dict, .. } => f(dict),
        Payload::Function(fd) => {
            f(&fd.globals);
            f(&fd.builtins);
            let (Ok(defaults), Ok(kwdefaults), Ok(ann), Ok(doc)) = (
                fd.defaults.try_borrow(),
                fd.kwdefaults.try_borrow(),
                fd.annotations.try_borrow(),
                fd.doc.try_borrow(),
            ) else {
                return false;
            };
            // Shared slices (a copied function shares them) are skipped: their items hold one
            // reference between all sharers.
            if let Some(d) = &*defaults {
                if Rc::strong_count(d) == 1 {
                    visit_values(d, f);
                }
            }
            if let Some(k) = &*kwdefaults {
                f(k);
            }
            if let Some(cl) = &fd.closure {
                if Rc::strong_count(cl) == 1 {
                    for c in cl.iter() {
                        f(c);
                    }
                }
            }
            visit_value(&ann, f);
            visit_value(&doc, f);
            visit_value(&fd.module, f);
        }
        Payload::BoundMethod { func, self_ } => {
            visit_value(func, f);
            visit_value(self_, f);
        }
        Payload::Cell(c) => match c.try_borrow() {
            Ok(c) => visit_value(&c, f),
            Err(_) => return false,
        },
        Payload::Type(td) => {
            let (Ok(bases), Ok(mro), Ok(dict)) = (
                td.bases.try_borrow(),
                td.mro.try_borrow(),
                td.dict.try_borrow(),
            ) else {
                return false;
            };
            for b in bases.iter().chain(mro.iter()) {
                f(b);
            }
            for e in dict.iter() {
                visit_value(&e.key, f);
                visit_value(&e.value, f);
            }
        }
        Payload::Exception(st) => match st.try_borrow() {
            Ok(st) => {
                visit_value(&st.args, f);
                visit_value(&st.cause, f);
                visit_value(&st.context, f);
                visit_values(&st.notes, f);
                for tb in &st.traceback {
                    if let Some(g) = &tb.globals {
                        f(g);
                    }
                    if let Some(s) = &tb.self_value {
                        visit_value(s, f);
                    }
                    visit_values(&tb.locals, f);
                }
            }
            Err(_) => return false,
        },
        Payload::Iter(it) => match it.try_borrow() {
            Ok(it) => visit_iter(&it, f),
            Err(_) => return false,
        },
        Payload::Property {
            fget,
            fset,
            fdel,
            doc,
        } => {
            for v in [fget, fset, fdel, doc] {
                visit_value(v, f);
            }
        }
        Payload::ClassMethod(v) | Payload::StaticMethod(v) => visit_value(v, f),
        Payload::NativeFunction(nf) => {
            // The Rust closure may capture values too; those stay unseen (a root, never wrong).
            if let Some(o) = &nf.owner {
                f(o);
            }
            if let Some(b) = &nf.bound {
                visit_value(b, f);
            }
        }
        Payload::Super { this_type, obj } => {
            f(this_type);
            visit_value(obj, f);
        }
        _ => {}
    }
    true
}

fn visit_iter(it: &IterState, f: &mut dyn FnMut(&ObjRef)) {
    match it {
        IterState::Seq { seq, .. } | IterState::SeqRev { seq, .. } => f(seq),
        IterState::Bytes { obj, .. } => f(obj),
        IterState::Dict { dict, .. } => f(dict),
        IterState::Snapshot { items, source, .. } => {
            if Rc::strong_count(items) == 1 {
                visit_values(items, f);
            }
            if let Some(s) = source {
                f(s);
            }
        }
        IterState::GetItem { obj, .. } => visit_value(obj, f),
        IterState::Callable { func, sentinel } => {
            visit_value(func, f);
            visit_value(sentinel, f);
        }
        IterState::Enumerate { it, idx } => {
            visit_value(it, f);
            visit_value(idx, f);
        }
        IterState::Zip { its, .. } => visit_values(its, f),
        IterState::Map { func, its } => {
            visit_value(func, f);
            visit_values(its, f);
        }
        IterState::Filter { func, it } => {
            visit_value(func, f);
            visit_value(it, f);
        }
        IterState::Range { .. } | IterState::Str { .. } | IterState::Exhausted => {}
    }
}

/// The result of one reachability analysis.
struct Analysis {
    /// Every live tracked object (one temporary strong reference each).
    objs: Vec<ObjRef>,
    /// Indexes (into `objs`) of the cyclic garbage.
    garbage: Vec<usize>,
}

/// Finds the unreachable cycles among all tracked objects, pruning dead registry entries.
fn analyse() -> Analysis {
    let registry = STATE.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => std::mem::take(&mut s.registry),
        Err(_) => Vec::new(),
    });
    let mut objs = Vec::with_capacity(registry.len());
    let mut kept = Vec::with_capacity(registry.len());
    let mut pruned = Vec::new();
    for w in registry {
        match w.upgrade() {
            Some(o) => {
                objs.push(o);
                kept.push(w);
            }
            None => pruned.push(w.as_ptr() as usize),
        }
    }
    STATE.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            // Anything registered meanwhile (nothing should be) goes after the kept entries.
            let newer = std::mem::take(&mut s.registry);
            kept.extend(newer);
            s.registry = kept;
            if !s.finalized.is_empty() {
                for p in &pruned {
                    s.finalized.remove(p);
                }
            }
        }
    });
    let index: HashMap<usize, u32, ahash::RandomState> = objs
        .iter()
        .enumerate()
        .map(|(i, o)| (Rc::as_ptr(o) as usize, i as u32))
        .collect();
    // Edges in compressed form: the children of object i are edges[start[i]..start[i + 1]].
    let mut start: Vec<u32> = Vec::with_capacity(objs.len() + 1);
    let mut edges: Vec<u32> = Vec::new();
    let mut opaque = vec![false; objs.len()];
    for (i, o) in objs.iter().enumerate() {
        start.push(edges.len() as u32);
        let complete = for_each_ref(o, &mut |r| {
            if let Some(&j) = index.get(&(Rc::as_ptr(r) as usize)) {
                edges.push(j);
            }
        });
        if !complete {
            // Keep what was found for marking, but make the object a root.
            opaque[i] = true;
        }
    }
    start.push(edges.len() as u32);
    let mut gc_refs: Vec<i64> = objs
        .iter()
        .map(|o| Rc::strong_count(o) as i64 - 1)
        .collect();
    for &j in &edges {
        if let Some(r) = gc_refs.get_mut(j as usize) {
            *r -= 1;
        }
    }
    // A partially inspected object's children may miss decrements, which only makes them look
    // more referenced; the object itself is a root.
    let mut reachable: Vec<bool> = gc_refs
        .iter()
        .zip(&opaque)
        .map(|(&r, &op)| r != 0 || op)
        .collect();
    let mut stack: Vec<u32> = (0..objs.len() as u32)
        .filter(|&i| reachable[i as usize])
        .collect();
    while let Some(i) = stack.pop() {
        let (a, b) = (start[i as usize] as usize, start[i as usize + 1] as usize);
        for &j in &edges[a..b] {
            if !reachable[j as usize] {
                reachable[j as usize] = true;
                stack.push(j);
            }
        }
    }
    let garbage = (0..objs.len()).filter(|&i| !reachable[i]).collect();
    Analysis { objs, garbage }
}

/// Does this garbage object need its `__del__` run before it is cleared?
fn needs_finalizer(o: &ObjRef) -> bool {
    if !matches!(o.payload, Payload::Instance | Payload::Slots(_)) {
        return false;
    }
    let Some(td) = o.class.as_ref().and_then(|c| c.as_type()) else {
        return false;
    };
    td.heap && td.has_del.get() && !is_finalized(Rc::as_ptr(o))
}

/// What clearing took out of the garbage; dropped by the caller once every object is cleared,
/// so no borrow is held while objects are freed.
#[derive(Default)]
pub(crate) struct Taken {
    values: Vec<Value>,
    tables: Vec<crate::dict::DictTable>,
    iters: Vec<IterState>,
    natives: Vec<crate::object::NativeFn>,
}

/// Takes the references out of a garbage object's mutable parts, breaking the cycles it is in.
fn clear(o: &PyObject, out: &mut Taken) {
    match &o.payload {
        Payload::List(l) => {
            if let Ok(mut l) = l.try_borrow_mut() {
                out.values.append(&mut l);
            }
        }
        Payload::Dict(d) | Payload::Slots(d) => {
            if let Ok(mut d) = d.try_borrow_mut() {
                out.tables.push(std::mem::take(&mut *d));
            }
        }
        Payload::Set(s) => {
            if let Ok(mut s) = s.try_borrow_mut() {
                out.values.extend(s.items());
                s.clear();
            }
        }
        Payload::Cell(c) => {
            if let Ok(mut c) = c.try_borrow_mut() {
                out.values.push(std::mem::take(&mut *c));
            }
        }
        Payload::Function(fd) => {
            if let Ok(mut d) = fd.defaults.try_borrow_mut() {
                if let Some(d) = d.take() {
                    out.values.extend(d.iter().cloned());
                }
            }
            if let Ok(mut k) = fd.kwdefaults.try_borrow_mut() {
                if let Some(k) = k.take() {
                    out.values.push(Value::Obj(k));
                }
            }
            if let Ok(mut a) = fd.annotations.try_borrow_mut() {
                out.values.push(std::mem::replace(&mut *a, Value::None));
            }
        }
        Payload::Type(td) => {
            if let Ok(mut d) = td.dict.try_borrow_mut() {
                out.tables.push(std::mem::take(&mut *d));
            }
        }
        Payload::Exception(st) => {
            if let Ok(mut st) = st.try_borrow_mut() {
                out.values
                    .push(std::mem::replace(&mut st.cause, Value::None));
                out.values
                    .push(std::mem::replace(&mut st.context, Value::None));
                out.values.append(&mut st.notes);
                for tb in std::mem::take(&mut st.traceback) {
                    out.values.extend(tb.globals.map(Value::Obj));
                    out.values.extend(tb.self_value);
                    out.values.extend(tb.locals);
                }
            }
        }
        Payload::Iter(it) => {
            if let Ok(mut it) = it.try_borrow_mut() {
                out.iters
                    .push(std::mem::replace(&mut *it, IterState::Exhausted));
            }
        }
        _ => {}
    }
}

/// Reports the strong references `o` owns to heap objects (see [`for_each_ref`]).
pub(crate) fn visit_refs(o: &PyObject, f: &mut dyn FnMut(&ObjRef)) {
    for_each_ref(o, f);
}

/// Like the collector's clearing, plus a type's bases, MRO and native constructor (a type's MRO
/// starts with the type itself): for the VM's teardown, when every reached object is garbage.
pub(crate) fn clear_for_teardown(o: &PyObject, out: &mut Taken) {
    clear(o, out);
    if let Payload::Type(td) = &o.payload {
        if let Ok(mut b) = td.bases.try_borrow_mut() {
            out.values.extend(b.drain(..).map(Value::Obj));
        }
        if let Ok(mut m) = td.mro.try_borrow_mut() {
            out.values.extend(m.drain(..).map(Value::Obj));
        }
        if let Ok(mut n) = td.native_new.try_borrow_mut() {
            out.natives.extend(n.take());
        }
    }
}

/// The teardown's last pass: clears the cyclic garbage that has no finalizer to run (what the
/// VM held only through native state, such as the importer's classes). Garbage that needs a
/// finalizer is left for a later collection (it may belong to another VM on this thread).
pub(crate) fn clear_garbage_for_teardown() {
    if COLLECTING.with(|c| c.replace(true)) {
        return;
    }
    let _guard = CollectingGuard;
    let a = analyse();
    let mut out = Taken::default();
    for &i in &a.garbage {
        if let Some(o) = a.objs.get(i) {
            if !needs_finalizer(o) {
                clear_for_teardown(o, &mut out);
            }
        }
    }
    drop(a);
    drop(out);
}

/// Drops the registry entries of freed objects (their `Weak`s keep the allocations).
pub(crate) fn prune() {
    STATE.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            let mut dead = Vec::new();
            s.registry.retain(|w| {
                let live = w.strong_count() > 0;
                if !live {
                    dead.push(w.as_ptr() as usize);
                }
                live
            });
            for d in dead {
                s.finalized.remove(&d);
            }
            let keep = s.registry.len().saturating_mul(2);
            s.registry.shrink_to(keep);
        }
    });
}

/// Resets `COLLECTING` when a collection ends, however it ends.
struct CollectingGuard;

impl Drop for CollectingGuard {
    fn drop(&mut self) {
        COLLECTING.with(|c| c.set(false));
    }
}

impl Vm {
    /// Runs a full collection (`gc.collect()`); returns how many unreachable objects it found
    /// (counting an instance and its attribute dict as one object, as CPython 3.12 keeps an
    /// instance's attributes inline).
    pub fn gc_collect(&mut self) -> usize {
        if COLLECTING.with(|c| c.replace(true)) {
            return 0;
        }
        let _guard = CollectingGuard;
        // Finalizers queued by plain reference counting run first (they may free more).
        self.run_finalizers();
        let mut a = analyse();
        let found = count_found(&a);
        // PEP 442: run `__del__` once on the garbage, then look again (it may resurrect).
        let to_finalize: Vec<ObjRef> = a
            .garbage
            .iter()
            .filter_map(|&i| a.objs.get(i))
            .filter(|o| needs_finalizer(o))
            .cloned()
            .collect();
        if !to_finalize.is_empty() {
            STATE.with(|s| {
                if let Ok(mut s) = s.try_borrow_mut() {
                    for o in &to_finalize {
                        s.finalized.insert(Rc::as_ptr(o) as usize);
                    }
                }
            });
            drop(a);
            for o in to_finalize {
                let v = Value::Obj(o);
                let cls = self.type_of(&v);
                if let Some(f) = self.lookup_type_attr(&cls, "__del__") {
                    if let Err(e) = self.call(&f, &[v.clone()]) {
                        let r = self.repr_string(&f).unwrap_or_default();
                        self.report_unraisable(&e, &format!("Exception ignored in: {r}"));
                    }
                }
            }
            a = analyse();
        }
        let mut out = Taken::default();
        for &i in &a.garbage {
            if let Some(o) = a.objs.get(i) {
                clear(o, &mut out);
            }
        }
        let survivors = a.objs.len() - a.garbage.len();
        drop(a);
        drop(out);
        STATE.with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                s.allocs = 0;
                s.threshold = survivors.saturating_mul(2).max(MIN_THRESHOLD);
            }
        });
        self.run_finalizers();
        found
    }

    /// The automatic collection started from the finalizer hook when the threshold is reached.
    pub(crate) fn gc_collect_if_due(&mut self) {
        if take_due() && ENABLED.with(Cell::get) {
            self.gc_collect();
        }
    }
}

/// How many objects CPython would report for this garbage: attribute dicts of plain instances are
/// not separate objects there, and builtin types are static.
fn count_found(a: &Analysis) -> usize {
    let garbage: HashSet<usize> = a
        .garbage
        .iter()
        .filter_map(|&i| a.objs.get(i))
        .map(|o| Rc::as_ptr(o) as usize)
        .collect();
    let inline_dicts = a
        .garbage
        .iter()
        .filter_map(|&i| a.objs.get(i))
        .filter(|o| matches!(o.payload, Payload::Instance))
        .filter_map(|o| o.dict.as_ref())
        .filter(|d| garbage.contains(&(Rc::as_ptr(d) as usize)))
        .count();
    // Builtin (non-heap) types are static objects in CPython, never found by its collector; pyvm
    // may build some on demand (and they refer to themselves through their MRO).
    let static_types = a
        .garbage
        .iter()
        .filter_map(|&i| a.objs.get(i))
        .filter(|o| o.as_type().is_some_and(|t| !t.heap))
        .count();
    a.garbage.len() - inline_dicts - static_types
}
