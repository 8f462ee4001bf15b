//! The cycle collector: CPython's algorithm over `Rc`.
//!
//! Reference counting frees everything except reference cycles. Container objects (lists, dicts,
//! sets, tuples, instances, functions, cells, classes, exceptions, iterators, generators, …) are
//! registered at allocation in their VM's registry of `Weak` pointers ([`GcHeap`], one per VM:
//! two VMs on one thread never see each other's objects). A collection:
//!
//! 1. upgrades every registry entry (dead ones are pruned);
//! 2. for each live tracked object, `gc_refs = strong_count - 1` (the `- 1` is the collector's own
//!    temporary reference), then subtracts one for every reference held by another tracked object
//!    (found by [`for_each_ref`]);
//! 3. objects with `gc_refs > 0` are referenced from outside the tracked heap (frames, the Rust
//!    stack, untracked objects): they are roots; everything reachable from a root is alive;
//! 4. the rest is cyclic garbage. Finalizers run first, once per object (PEP 442): `__del__` of
//!    instances, and `close()` of suspended generators, coroutines and async generators (their
//!    `finally` blocks run). If a finalizer resurrected anything, the analysis is redone; then the
//!    garbage's mutable contents (including generators' suspended frames) are taken out, which
//!    breaks the cycles and lets `Rc` free them.
//!
//! Soundness rests on one rule: [`for_each_ref`] reports only references that really are strong
//! references owned by the object (never one shared through an `Rc<[..]>` another object may also
//! hold). Missing a reference is safe (the target just looks externally referenced); reporting one
//! that is not there is not. A container whose `RefCell` is borrowed at collection time is treated
//! as opaque: it reports no references and counts as a root.
//!
//! Automatic collections are generational, in the spirit of CPython's. The registry is split in
//! two: the *old* objects (registry entries before `GcState::old`), which survived a collection,
//! and the *young* ones registered since. Every [`MIN_THRESHOLD`] tracked allocations a *young*
//! collection analyses only the young objects: a reference from an old object to a young one is
//! not subtracted, so it keeps that object (and what it reaches) alive, which is always safe; the
//! young survivors then become old. A *full* collection (every object, as `gc.collect()` does)
//! runs instead once the objects promoted since the last full one exceed a quarter of that
//! collection's survivors and the allocations since reach its own amortised threshold
//! (`max(2 × survivors, references / 2)`), so a big heap is walked in full only as often as it
//! grows. Cyclic garbage that became unreachable after its objects were promoted waits for the next
//! full collection (CPython's oldest generation behaves the same). The allocation path only counts
//! and raises a flag; the collection itself runs at the next instruction boundary (like CPython
//! 3.12's eval breaker), where finalizers can safely run Python code.

use crate::frame::Frame;
use crate::object::{InstAttrs, IterState, ObjRef, Payload, PyObject};
use crate::objref::ObjWeak;
use crate::value::Value;
use crate::Vm;
use std::any::{Any, TypeId};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Fewest tracked allocations between two automatic collections.
pub const MIN_THRESHOLD: usize = 2000;

/// Every this many registrations, the entries registered since the last prune whose objects
/// are already gone are dropped. A registry `Weak` keeps its object's allocation, so without
/// this every short-lived list, dict or instance kept its memory until the next collection:
/// the heap grew by the whole threshold's worth of dead objects and never reused warm memory.
const YOUNG_PRUNE: usize = 256;

/// Old registry entries checked for freed objects after each young collection (see [`sweep_old`]).
const SWEEP: usize = 2 * MIN_THRESHOLD;

struct GcState {
    registry: Vec<ObjWeak>,
    /// Entries before this index are the old generation: they survived a collection.
    old: usize,
    /// Entries from here on were registered since the last prune (see [`YOUNG_PRUNE`]); never
    /// below `old`.
    young: usize,
    /// Tracked allocations since the last collection of either kind.
    allocs: usize,
    /// Tracked allocations since the last full collection.
    allocs_since_full: usize,
    /// Objects the young collections promoted since the last full collection.
    promoted: usize,
    /// Survivors of the last full collection.
    survivors_at_full: usize,
    /// Allocations a full collection waits for, set by the last one (see the module docs).
    full_threshold: usize,
    /// Where [`sweep_old`] goes on.
    sweep: usize,
}

/// One VM's cycle-collector state: the registry of its tracked objects, the allocation count
/// toward the next automatic collection, and the `gc.enable()` flag. Each VM owns one, so two
/// VMs on one thread never see each other's objects.
pub struct GcHeap {
    state: RefCell<GcState>,
    enabled: Cell<bool>,
    due: Cell<bool>,
    collecting: Cell<bool>,
    /// How to look inside native payload types (see [`Vm::register_native_gc`]).
    natives: HashMap<TypeId, NativeGc, ahash::RandomState>,
}

/// Reports the references a native payload owns (see [`Vm::register_native_gc`]).
type NativeVisit = Rc<dyn Fn(&dyn Any, &mut dyn FnMut(&Value)) -> bool>;
/// Takes the references out of a native payload, breaking the cycles it is in.
type NativeClear = Rc<dyn Fn(&dyn Any, &mut Vec<Value>)>;

/// The typed `visit` hook of [`Vm::register_native_gc`].
pub type NativeVisitFn<T> = fn(&T, &mut dyn FnMut(&Value)) -> bool;
/// The typed `clear` hook of [`Vm::register_native_gc`].
pub type NativeClearFn<T> = fn(&T, &mut Vec<Value>);

struct NativeGc {
    visit: NativeVisit,
    clear: Option<NativeClear>,
}

impl Default for GcHeap {
    fn default() -> Self {
        GcHeap::new()
    }
}

/// A set of object addresses (a fast hasher: these are hashed on hot paths).
type AddrSet = HashSet<usize, ahash::RandomState>;

thread_local! {
    /// Objects whose finalizer the collector already ran (by address), for every VM of this
    /// thread: `Drop for PyObject` consults it and cannot reach its VM. An address stays valid
    /// while its VM's registry entry (a `Weak`) keeps the allocation, and is removed when that
    /// entry is pruned or the VM's heap is dropped.
    static FINALIZED: RefCell<AddrSet> = RefCell::new(AddrSet::default());
}

impl GcHeap {
    /// An empty heap with automatic collection on.
    pub fn new() -> GcHeap {
        GcHeap {
            state: RefCell::new(GcState {
                registry: Vec::new(),
                old: 0,
                young: 0,
                allocs: 0,
                allocs_since_full: 0,
                promoted: 0,
                survivors_at_full: 0,
                full_threshold: MIN_THRESHOLD,
                sweep: 0,
            }),
            enabled: Cell::new(true),
            due: Cell::new(false),
            collecting: Cell::new(false),
            natives: HashMap::default(),
        }
    }

    /// Should a new object with this payload be registered? Containers, and native payloads
    /// whose type has registered hooks.
    #[inline]
    pub(crate) fn wants(&self, p: &Payload) -> bool {
        match p {
            Payload::Native(n) => {
                !self.natives.is_empty() && self.natives.contains_key(&n.as_ref().type_id())
            }
            _ => is_container(p),
        }
    }

    /// Registers a newly allocated container object.
    #[inline]
    pub(crate) fn track(&self, obj: &ObjRef) {
        let due = match self.state.try_borrow_mut() {
            Ok(mut s) => {
                s.registry.push(ObjRef::downgrade(obj));
                if s.registry.len() - s.young >= YOUNG_PRUNE {
                    prune_young(&mut s);
                }
                s.allocs += 1;
                s.allocs >= MIN_THRESHOLD
            }
            Err(_) => false,
        };
        if due && self.enabled.get() {
            self.due.set(true);
            crate::finalize::request_run();
        }
    }

    /// Drops the registry entries of freed objects (their `Weak`s keep the allocations).
    fn prune(&self) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.old = 0;
            s.young = 0;
            prune_young(&mut s);
            let keep = s.registry.len().saturating_mul(2);
            s.registry.shrink_to(keep);
        }
    }
}

impl Drop for GcHeap {
    fn drop(&mut self) {
        // The registry's `Weak`s go: addresses of objects still alive elsewhere may be reused.
        let gone: Vec<usize> = self
            .state
            .get_mut()
            .registry
            .iter()
            .map(|w| w.as_ptr() as usize)
            .collect();
        forget_finalized(&gone);
    }
}

/// Drops the entries registered since the last prune whose objects are gone (amortized O(1)
/// per registration: each entry is looked at here once). With `young` at 0, the whole registry.
fn prune_young(s: &mut GcState) {
    let from = s.young.max(s.old).min(s.registry.len());
    let mut dead = Vec::new();
    let mut keep = from;
    for i in from..s.registry.len() {
        if s.registry[i].strong_count() > 0 {
            s.registry.swap(keep, i);
            keep += 1;
        } else {
            dead.push(s.registry[i].as_ptr() as usize);
        }
    }
    s.registry.truncate(keep);
    s.young = keep;
    forget_finalized(&dead);
}

/// Releases the allocations of old objects freed since they were promoted, [`SWEEP`] registry
/// entries per young collection, round robin: a dead entry becomes an empty `Weak` (which holds
/// nothing) in place, so the registry keeps its order; the next full collection drops it.
fn sweep_old(s: &mut GcState) {
    let end = s.old.min(s.registry.len());
    let from = if s.sweep < end { s.sweep } else { 0 };
    let to = from.saturating_add(SWEEP).min(end);
    let mut dead = Vec::new();
    let empty = ObjWeak::new();
    for w in s.registry.get_mut(from..to).into_iter().flatten() {
        if w.strong_count() == 0 && !ObjWeak::ptr_eq(w, &empty) {
            dead.push(w.as_ptr() as usize);
            *w = ObjWeak::new();
        }
    }
    s.sweep = to;
    forget_finalized(&dead);
}

fn forget_finalized(addrs: &[usize]) {
    if addrs.is_empty() {
        return;
    }
    FINALIZED.with(|f| {
        if let Ok(mut f) = f.try_borrow_mut() {
            if !f.is_empty() {
                for a in addrs {
                    f.remove(a);
                }
            }
        }
    });
}

pub(crate) fn mark_finalized(objs: &[ObjRef]) {
    FINALIZED.with(|f| {
        if let Ok(mut f) = f.try_borrow_mut() {
            for o in objs {
                f.insert(ObjRef::as_ptr(o) as usize);
            }
        }
    });
}

/// Whether a value may (now or later) reference other objects.
pub(crate) fn may_hold_refs(v: &Value) -> bool {
    match v {
        Value::Obj(o) => {
            !matches!(
                o.payload,
                Payload::Str(_) | Payload::Bytes(_) | Payload::BigInt(_) | Payload::Complex { .. }
            ) || o.has_dict()
        }
        _ => false,
    }
}

/// Does an object with this payload take part in cycle collection?
#[inline]
pub(crate) fn is_container(p: &Payload) -> bool {
    if let Payload::Tuple(items) = p {
        // A tuple is immutable: if nothing in it can hold a reference, it can never be part of
        // a cycle (CPython untracks such tuples too). Zip/enumerate results, coordinates, keys…
        return items.iter().any(may_hold_refs);
    }
    matches!(
        p,
        Payload::List(_)
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
            | Payload::Property(_)
            | Payload::ClassMethod(_)
            | Payload::StaticMethod(_)
            | Payload::Super { .. }
            | Payload::Instance(_)
            | Payload::Slots(_)
            | Payload::Module(_)
            | Payload::NativeFunction(_)
            | Payload::Generator(_)
    )
}

/// Did the collector already run this object's finalizer?
pub(crate) fn is_finalized(obj: *const PyObject) -> bool {
    FINALIZED.with(|f| {
        f.try_borrow()
            .is_ok_and(|f| !f.is_empty() && f.contains(&(obj as usize)))
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
fn for_each_ref(heap: &GcHeap, o: &PyObject, f: &mut dyn FnMut(&ObjRef)) -> bool {
    if let Some(c) = &o.class {
        f(c);
    }
    // The attribute dict: a module's here, a function's and an exception's with the rest of
    // their payload below, an instance's with its attributes, and the side table's
    // (`crate::sidedict`) for the other payloads that can have one.
    match &o.payload {
        Payload::Module(m) => f(&m.dict),
        Payload::Instance(_) | Payload::Function(_) | Payload::Exception(_) => {}
        _ => crate::sidedict::visit(o, f),
    }
    match &o.payload {
        Payload::Instance(a) => match a.try_borrow() {
            Ok(a) => match &*a {
                InstAttrs::Values(vals) => visit_values(vals, f),
                InstAttrs::Dict(d) => f(d),
                InstAttrs::NoDict => {}
            },
            Err(_) => return false,
        },
        Payload::List(l) => match l.try_borrow() {
            Ok(l) => l.for_each(|v| visit_value(v, f)),
            Err(_) => return false,
        },
        Payload::Tuple(t) => visit_values(t, f),
        Payload::Dict(d) | Payload::Slots(d) => match d.try_borrow() {
            Ok(d) => {
                d.for_each_obj(&mut *f);
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
            if let Some(d) = &fd.dict {
                f(d);
            }
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
            dict.for_each_obj(&mut *f);
        }
        Payload::Exception(st) => match st.try_borrow() {
            Ok(st) => {
                if let Some(d) = &st.dict {
                    f(d);
                }
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
        Payload::Property(p) => {
            for v in [&p.fget, &p.fset, &p.fdel, &p.doc] {
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
        Payload::Native(n) => {
            if let Some(h) = heap.natives.get(&n.as_ref().type_id()) {
                return (h.visit)(n.as_ref(), &mut |v| visit_value(v, f));
            }
        }
        Payload::Generator(gd) => {
            // A running generator's frame is out of the object (on the VM's frame stack), so
            // only a suspended or not yet started frame is seen here.
            let (Ok(frame), Ok(exc)) = (gd.frame.try_borrow(), gd.exc.try_borrow()) else {
                return false;
            };
            visit_value(&exc, f);
            if let Some(fr) = &*frame {
                visit_frame(fr, f);
            }
        }
        _ => {}
    }
    true
}

/// The references a suspended frame owns: its value stack, fast locals (cells included),
/// namespaces and function.
fn visit_frame(fr: &Frame, f: &mut dyn FnMut(&ObjRef)) {
    visit_values(&fr.stack, f);
    visit_values(&fr.fast, f);
    f(&fr.globals);
    f(&fr.builtins);
    if let Some(l) = &fr.locals {
        f(l);
    }
    if let Some(func) = &fr.func {
        f(func);
    }
}

fn visit_iter(it: &IterState, f: &mut dyn FnMut(&ObjRef)) {
    match it {
        IterState::Seq { seq, .. } | IterState::SeqRev { seq, .. } => f(seq),
        IterState::Bytes { obj, .. } => f(obj),
        IterState::Dict { dict, .. } => f(dict),
        IterState::Snapshot(snap) => {
            let crate::object::SnapshotIter { items, source, .. } = &**snap;
            if Rc::strong_count(items) == 1 {
                visit_values(items, f);
            }
            if let Some(s) = source {
                f(s);
            }
        }
        IterState::GetItem(g) => visit_value(&g.obj, f),
        IterState::Callable(c) => {
            visit_value(&c.func, f);
            visit_value(&c.sentinel, f);
        }
        IterState::Enumerate(e) => {
            visit_value(&e.it, f);
            visit_value(&e.idx, f);
        }
        IterState::Zip(z) => visit_values(&z.its, f),
        IterState::Map(m) => {
            visit_value(&m.func, f);
            visit_values(&m.its, f);
        }
        IterState::Filter(fi) => {
            visit_value(&fi.func, f);
            visit_value(&fi.it, f);
        }
        IterState::Range { .. }
        | IterState::BigRange(_)
        | IterState::Str { .. }
        | IterState::Exhausted => {}
    }
}

/// The result of one reachability analysis.
struct Analysis {
    /// Every live tracked object (one temporary strong reference each).
    objs: Vec<ObjRef>,
    /// Indexes (into `objs`) of the cyclic garbage.
    garbage: Vec<usize>,
    /// References the surviving objects hold (what the next analysis will look at again; sets
    /// the next threshold).
    work: usize,
}

/// Which objects a collection analyses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Generation {
    /// Those registered since the last collection (references from older objects keep them).
    Young,
    /// Every tracked object.
    All,
}

/// Finds the unreachable cycles among the tracked objects of `generation`, pruning their dead
/// registry entries.
fn analyse(heap: &GcHeap, generation: Generation) -> Analysis {
    let registry = match heap.state.try_borrow_mut() {
        Ok(mut s) => {
            let from = match generation {
                Generation::Young => s.old.min(s.registry.len()),
                Generation::All => 0,
            };
            s.old = from;
            s.registry.split_off(from)
        }
        Err(_) => Vec::new(),
    };
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
    if let Ok(mut s) = heap.state.try_borrow_mut() {
        // Anything registered meanwhile (nothing should be) goes after the kept entries.
        let old = s.old;
        let newer = s.registry.split_off(old);
        kept.extend(newer);
        s.registry.append(&mut kept);
        s.young = s.registry.len();
    }
    forget_finalized(&pruned);
    let index: HashMap<usize, u32, ahash::RandomState> = objs
        .iter()
        .enumerate()
        .map(|(i, o)| (ObjRef::as_ptr(o) as usize, i as u32))
        .collect();
    // Edges in compressed form: the children of object i are edges[start[i]..start[i + 1]].
    let mut start: Vec<u32> = Vec::with_capacity(objs.len() + 1);
    let mut edges: Vec<u32> = Vec::new();
    let mut opaque = vec![false; objs.len()];
    let mut refs: Vec<u32> = vec![0; objs.len()];
    for (i, o) in objs.iter().enumerate() {
        start.push(edges.len() as u32);
        let mut n: u32 = 1;
        let complete = for_each_ref(heap, o, &mut |r| {
            n = n.saturating_add(1);
            if let Some(&j) = index.get(&(ObjRef::as_ptr(r) as usize)) {
                edges.push(j);
            }
        });
        if !complete {
            // Keep what was found for marking, but make the object a root.
            opaque[i] = true;
        }
        refs[i] = n;
    }
    start.push(edges.len() as u32);
    let mut gc_refs: Vec<i64> = objs
        .iter()
        .map(|o| ObjRef::strong_count(o) as i64 - 1)
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
    let work = (0..objs.len())
        .filter(|&i| reachable[i])
        .map(|i| refs[i] as usize)
        .sum();
    Analysis {
        objs,
        garbage,
        work,
    }
}

/// Does this garbage object need its finalizer run before it is cleared: `__del__` of an
/// instance, `close()` of a suspended generator, coroutine or async generator (CPython's
/// `tp_finalize`)? Each object is finalized once (PEP 442).
fn needs_finalizer(o: &ObjRef) -> bool {
    if let Payload::Generator(gd) = &o.payload {
        return gd.started.get()
            && !gd.running.get()
            && gd.frame.try_borrow().is_ok_and(|f| f.is_some())
            && !is_finalized(ObjRef::as_ptr(o));
    }
    // Any object of a Python class with `__del__` (an instance of a subclass of `str`, `list`,
    // a native type, or a class whose metaclass defines `__del__`).
    let Some(td) = o.class.as_ref().and_then(|c| c.as_type()) else {
        return false;
    };
    td.heap && td.has_del.get() && !is_finalized(ObjRef::as_ptr(o))
}

/// What clearing took out of the garbage; dropped by the caller once every object is cleared,
/// so no borrow is held while objects are freed.
#[derive(Default)]
pub(crate) struct Taken {
    values: Vec<Value>,
    tables: Vec<crate::dict::DictTable>,
    iters: Vec<IterState>,
    natives: Vec<crate::object::NativeFn>,
    pending: Vec<crate::typens::PendingAttr>,
    #[allow(clippy::vec_box)]
    frames: Vec<Box<Frame>>,
}

/// Takes the references out of a garbage object's mutable parts, breaking the cycles it is in.
fn clear(heap: &GcHeap, o: &PyObject, out: &mut Taken) {
    match &o.payload {
        Payload::Instance(a) => {
            // (A dict object the instance uses is garbage too, and cleared on its own.)
            if let Ok(mut a) = a.try_borrow_mut() {
                if let InstAttrs::Values(vals) = &mut *a {
                    out.values.append(vals);
                }
            }
        }
        Payload::List(l) => {
            if let Ok(mut l) = l.try_borrow_mut() {
                out.values.extend(std::mem::take(&mut *l).into_values());
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
            out.pending.append(&mut td.pending.take());
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
        Payload::Native(n) => {
            if let Some(c) = heap
                .natives
                .get(&n.as_ref().type_id())
                .and_then(|h| h.clear.as_ref())
            {
                c(n.as_ref(), &mut out.values);
            }
        }
        Payload::Generator(gd) => {
            // What finalization left suspended (a generator that ignored `GeneratorExit`, or one
            // never started) loses its frame: the generator then looks finished, and nothing
            // can observe it (it is garbage).
            if let Ok(mut fr) = gd.frame.try_borrow_mut() {
                out.frames.extend(fr.take());
            }
            if let Ok(mut e) = gd.exc.try_borrow_mut() {
                out.values.push(std::mem::replace(&mut *e, Value::None));
            }
        }
        _ => {}
    }
}

/// Reports the strong references `o` owns to heap objects (see [`for_each_ref`]).
pub(crate) fn visit_refs(heap: &GcHeap, o: &PyObject, f: &mut dyn FnMut(&ObjRef)) {
    for_each_ref(heap, o, f);
}

/// Like the collector's clearing, plus a type's bases, MRO and native constructor (a type's MRO
/// starts with the type itself): for the VM's teardown, when every reached object is garbage.
pub(crate) fn clear_for_teardown(heap: &GcHeap, o: &PyObject, out: &mut Taken) {
    clear(heap, o, out);
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

/// The teardown's last pass: clears the VM's remaining cyclic garbage (what it held only through
/// native state, such as the importer's classes, and cycles with finalizers, which do not run
/// during a teardown), then prunes the registry.
pub(crate) fn clear_garbage_for_teardown(heap: &GcHeap) {
    if heap.collecting.replace(true) {
        return;
    }
    let a = analyse(heap, Generation::All);
    let mut out = Taken::default();
    for &i in &a.garbage {
        if let Some(o) = a.objs.get(i) {
            clear_for_teardown(heap, o, &mut out);
        }
    }
    drop(a);
    drop(out);
    heap.prune();
    heap.collecting.set(false);
}

impl Vm {
    /// Runs a full collection (`gc.collect()`); returns how many unreachable objects it cleared
    /// after finalizers ran (counting an instance and its attribute dict as one object, as
    /// CPython 3.12 keeps an instance's attributes inline).
    pub fn gc_collect(&mut self) -> usize {
        self.collect_generation(Generation::All)
    }

    /// One collection of `generation` (see the module docs).
    fn collect_generation(&mut self, generation: Generation) -> usize {
        if self.gc.collecting.replace(true) {
            return 0;
        }
        // Finalizers queued by plain reference counting run first (they may free more).
        self.run_finalizers();
        let mut a = analyse(&self.gc, generation);
        // PEP 442: run each finalizer (`__del__`, a suspended generator's `close()`) once on the
        // garbage, then look again (a finalizer may resurrect objects). As in CPython, nothing
        // is cleared before every finalizer of this collection has run.
        let to_finalize: Vec<ObjRef> = a
            .garbage
            .iter()
            .filter_map(|&i| a.objs.get(i))
            .filter(|o| needs_finalizer(o))
            .cloned()
            .collect();
        if !to_finalize.is_empty() {
            mark_finalized(&to_finalize);
            drop(a);
            for o in to_finalize {
                if matches!(o.payload, Payload::Generator(_)) {
                    self.finalize_generator(&o);
                    continue;
                }
                let v = Value::Obj(o);
                let cls = self.type_of(&v);
                if let Some(f) = self.lookup_type_attr(&cls, "__del__") {
                    if let Err(e) = self.call(&f, &[v.clone()]) {
                        let r = self.repr_string(&f).unwrap_or_default();
                        self.report_unraisable(&e, &format!("Exception ignored in: {r}"));
                    }
                }
            }
            a = analyse(&self.gc, generation);
        }
        // Counted after finalization, as CPython does: what a finalizer freed or resurrected
        // (a closed generator whose frame held the only references to it) is not counted.
        let found = count_found(&a);
        let mut out = Taken::default();
        for &i in &a.garbage {
            if let Some(o) = a.objs.get(i) {
                clear(&self.gc, o, &mut out);
            }
        }
        let survivors = a.objs.len() - a.garbage.len();
        let work = a.work;
        drop(a);
        drop(out);
        if let Ok(mut s) = self.gc.state.try_borrow_mut() {
            // The cleared garbage's entries go, and the survivors become old.
            s.young = s.old;
            prune_young(&mut s);
            let promoted = s.registry.len() - s.old;
            s.old = s.registry.len();
            s.allocs = 0;
            match generation {
                Generation::Young => {
                    s.promoted += promoted;
                    sweep_old(&mut s);
                }
                Generation::All => {
                    s.allocs_since_full = 0;
                    s.promoted = 0;
                    s.survivors_at_full = survivors;
                    // Amortized: the allocations until the next full collection grow with both
                    // the number of survivors and the references this collection had to look at
                    // (one big dict or list is one object but many references), so collecting
                    // costs a bounded amount per allocation however the heap is shaped.
                    s.full_threshold = survivors.saturating_mul(2).max(work / 2);
                }
            }
        }
        // A panic out of a finalizer leaves the flag set: collections then stop (never unsound).
        self.gc.collecting.set(false);
        self.run_finalizers();
        found
    }

    /// The automatic collection started from the finalizer hook when the threshold is reached.
    pub(crate) fn gc_collect_if_due(&mut self) {
        if self.gc.due.replace(false) && self.gc.enabled.get() {
            let generation = match self.gc.state.try_borrow_mut() {
                Ok(mut s) => {
                    s.allocs_since_full += s.allocs;
                    if s.promoted > s.survivors_at_full / 4
                        && s.allocs_since_full >= s.full_threshold
                    {
                        Generation::All
                    } else {
                        Generation::Young
                    }
                }
                Err(_) => return,
            };
            self.collect_generation(generation);
        }
    }

    /// Registers a container object this VM created outside [`Vm::alloc`] (a class object).
    #[inline]
    pub(crate) fn gc_track(&self, obj: &ObjRef) {
        self.gc.track(obj);
    }

    /// Turns automatic collection on or off (`gc.enable()` / `gc.disable()`); `gc.collect()`
    /// works either way.
    pub fn gc_set_enabled(&self, on: bool) {
        self.gc.enabled.set(on);
    }

    /// Is automatic collection on (`gc.isenabled()`)?
    pub fn gc_is_enabled(&self) -> bool {
        self.gc.enabled.get()
    }

    /// Lets the cycle collector see inside objects whose payload is a native value of type `T`
    /// (`Payload::Native`, e.g. a `deque` or `functools.partial` of the builtins crate):
    /// `visit` must report every strong reference the value owns, and nothing else (a reference
    /// it does not own, or one shared with another object, makes the collector unsound), and
    /// return false when it could not look (a `RefCell` borrowed); `clear`, if given, takes the
    /// references out of a value that is garbage (it may leave it empty or default). Objects of
    /// `T` allocated after this call are tracked; registering again replaces the hooks.
    pub fn register_native_gc<T: 'static>(
        &mut self,
        visit: NativeVisitFn<T>,
        clear: Option<NativeClearFn<T>>,
    ) {
        let visit: NativeVisit = Rc::new(move |a: &dyn Any, f: &mut dyn FnMut(&Value)| {
            a.downcast_ref::<T>().map_or(true, |t| visit(t, f))
        });
        let clear = clear.map(|c| -> NativeClear {
            Rc::new(move |a: &dyn Any, out: &mut Vec<Value>| {
                if let Some(t) = a.downcast_ref::<T>() {
                    c(t, out);
                }
            })
        });
        self.gc
            .natives
            .insert(TypeId::of::<T>(), NativeGc { visit, clear });
    }

    /// How many objects this VM's collector registry holds (live, or freed and not yet pruned).
    pub fn gc_tracked_count(&self) -> usize {
        self.gc.state.try_borrow().map_or(0, |s| s.registry.len())
    }
}

/// How many objects CPython would report for this garbage: attribute dicts of most instances are
/// not separate objects there, and builtin types are static.
fn count_found(a: &Analysis) -> usize {
    let garbage: AddrSet = a
        .garbage
        .iter()
        .filter_map(|&i| a.objs.get(i))
        .map(|o| ObjRef::as_ptr(o) as usize)
        .collect();
    let inline_dicts = a
        .garbage
        .iter()
        .filter_map(|&i| a.objs.get(i))
        // Instances of Python classes: CPython 3.12 keeps their attributes inline ("managed
        // dict") unless the base type is variable-sized (`str`, `bytes`, `int`, `tuple`).
        .filter(|o| {
            let of_class = o
                .class
                .as_ref()
                .and_then(|c| c.as_type())
                .is_some_and(|t| t.heap);
            of_class
                && !matches!(
                    o.payload,
                    Payload::Str(_) | Payload::Bytes(_) | Payload::BigInt(_) | Payload::Tuple(_)
                )
        })
        .filter_map(|o| o.dict_obj())
        .filter(|d| garbage.contains(&(ObjRef::as_ptr(d) as usize)))
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
