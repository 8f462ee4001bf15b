//! Finalizers: `__del__` of instances and `close()` of abandoned suspended generators run when
//! the last reference goes away, as in CPython.
//!
//! `Drop` cannot reach the VM, so a dying object is moved ("resurrected") into a thread-local
//! queue; the dispatch loop drains the queue at the next instruction boundary.

use crate::frame::Frame;
use crate::object::{GeneratorData, ObjRef, Payload, PyObject};
use crate::objref::ObjWeak;
use crate::value::Value;
use crate::Vm;
use pyvm_loader::object::flags;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// Weak-reference objects with a callback, by the address of their referent.
type WatchMap = HashMap<usize, Vec<ObjWeak>, ahash::RandomState>;

enum Pending {
    Del(ObjRef),
    GenClose(Box<Frame>, Rc<str>),
    /// A weak reference whose referent died: its `__callback__` is called with it.
    WeakCallback(ObjRef),
}

thread_local! {
    static HAS_PENDING: Cell<bool> = const { Cell::new(false) };
    static PENDING: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
    static SKIP: Cell<usize> = const { Cell::new(0) };
    /// Nesting of VM teardowns in progress: objects dying then get no finalizer.
    static TEARDOWN: Cell<usize> = const { Cell::new(0) };
    /// Weak-reference objects that have a callback, by the address of their referent.
    static WEAK_CALLBACKS: RefCell<WatchMap> =
        RefCell::new(HashMap::with_hasher(ahash::RandomState::with_seeds(5, 6, 7, 8)));
    /// Is `WEAK_CALLBACKS` non-empty? (checked by every dying object)
    static HAS_WEAK_CALLBACKS: Cell<bool> = const { Cell::new(false) };
}

/// Drops the entries of [`watch_weakref`]'s table whose weak-reference objects are all gone
/// (called when a VM is dropped; another VM on the thread keeps its live entries).
pub(crate) fn forget_dead_weakrefs() {
    let _ = WEAK_CALLBACKS.try_with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            m.retain(|_, v| {
                v.retain(|w| w.strong_count() > 0);
                !v.is_empty()
            });
            let empty = m.is_empty();
            if empty {
                m.shrink_to_fit();
            }
            let _ = HAS_WEAK_CALLBACKS.try_with(|h| h.set(!empty));
        }
    });
}

/// Asks for `weakref`'s callback to be called when `referent` dies: the weak-reference object
/// (held weakly here; a weakref that dies first is forgotten) is queued like a `__del__`, and
/// the dispatch loop then calls `weakref.__callback__(weakref)`, reporting an exception as
/// unraisable (`Exception ignored in: <callback repr>`), as CPython does.
pub fn watch_weakref(referent: &ObjRef, weakref: &ObjRef) {
    let key = ObjRef::as_ptr(referent) as usize;
    let added = WEAK_CALLBACKS.try_with(|m| match m.try_borrow_mut() {
        Ok(mut m) => {
            let v = m.entry(key).or_default();
            if v.len() >= 8 && v.len().is_power_of_two() {
                v.retain(|w| w.strong_count() > 0);
            }
            v.push(ObjRef::downgrade(weakref));
            true
        }
        Err(_) => false,
    });
    if added == Ok(true) {
        HAS_WEAK_CALLBACKS.with(|h| h.set(true));
    }
}

/// Queues the callbacks of the live weak references to the dying object at `addr`.
fn queue_weak_callbacks(addr: usize) {
    let watchers = WEAK_CALLBACKS.try_with(|m| match m.try_borrow_mut() {
        Ok(mut m) => {
            let w = m.remove(&addr);
            if m.is_empty() {
                HAS_WEAK_CALLBACKS.with(|h| h.set(false));
            }
            w
        }
        Err(_) => None,
    });
    let Ok(Some(watchers)) = watchers else {
        return;
    };
    if tearing_down() {
        return;
    }
    for w in watchers.iter().rev() {
        if let Some(r) = w.upgrade() {
            push(Pending::WeakCallback(r));
        }
    }
}

/// While alive, objects that die are freed without queueing `__del__` or generator `close()`
/// (used by the VM's teardown, when no Python code may run any more).
pub(crate) struct TeardownGuard;

impl TeardownGuard {
    pub(crate) fn new() -> Self {
        TEARDOWN.with(|t| t.set(t.get().saturating_add(1)));
        TeardownGuard
    }
}

impl Drop for TeardownGuard {
    fn drop(&mut self) {
        TEARDOWN.with(|t| t.set(t.get().saturating_sub(1)));
    }
}

fn tearing_down() -> bool {
    TEARDOWN.with(Cell::get) > 0
}

/// Asks the dispatch loop to call [`Vm::run_finalizers`] at the next instruction boundary (the
/// cycle collector uses this when an automatic collection is due).
pub(crate) fn request_run() {
    HAS_PENDING.with(|h| h.set(true));
}

/// Is there finalization work queued?
#[inline]
pub(crate) fn has_pending() -> bool {
    HAS_PENDING.with(Cell::get)
}

fn push(p: Pending) {
    let pushed = PENDING.with(|q| match q.try_borrow_mut() {
        Ok(mut q) => {
            q.push(p);
            true
        }
        Err(_) => false,
    });
    if pushed {
        HAS_PENDING.with(|h| h.set(true));
    }
}

impl Drop for PyObject {
    fn drop(&mut self) {
        let me = self as *const PyObject;
        if let Payload::Generator(gd) = &mut self.payload {
            // The cycle collector already closed this generator once (PEP 442): a generator
            // that ignored `GeneratorExit` then is not closed again when it dies.
            if gd.started.get() && crate::gc::is_finalized(me) {
                drop(gd.frame.get_mut().take());
            }
        }
        let (queued, dict) = self.queue_del();
        if HAS_WEAK_CALLBACKS.try_with(Cell::get).unwrap_or(false) {
            queue_weak_callbacks(me as usize);
        }
        if !queued {
            // Deeply nested containers are freed iteratively (no native stack overflow).
            crate::limits::trashcan(self, dict);
        }
    }
}

impl PyObject {
    /// Moves a dying instance with `__del__` to the finalizer queue; false if it has none.
    /// Also takes the object's side dict (`crate::sidedict`) out of the table, before its
    /// address can be reused: the queued object gets it back, else it is returned to be
    /// released with the payload.
    #[inline]
    fn queue_del(&mut self) -> (bool, Option<ObjRef>) {
        let Some(c) = &self.class else {
            return (false, None);
        };
        let Payload::Type(td) = &c.payload else {
            return (false, None);
        };
        let dict = if td.side_dicts.get() && crate::sidedict::any() {
            crate::sidedict::take_dying(self as *const PyObject as usize)
        } else {
            None
        };
        if !td.heap || !td.has_del.get() {
            return (false, dict);
        }
        if SKIP.with(Cell::get) == self as *const PyObject as usize || tearing_down() {
            return (false, dict);
        }
        // The cycle collector already ran this object's `__del__` (PEP 442: only once).
        if crate::gc::is_finalized(self as *const PyObject) {
            return (false, dict);
        }
        let payload = std::mem::replace(&mut self.payload, Payload::NotImplemented);
        let obj = ObjRef::new(PyObject::new(self.class.clone(), payload));
        if let Some(d) = dict {
            crate::sidedict::set(&obj, d);
        }
        push(Pending::Del(obj));
        (true, None)
    }
}

impl Drop for GeneratorData {
    fn drop(&mut self) {
        if !self.started.get() || tearing_down() {
            return;
        }
        if let Some(frame) = self.frame.get_mut().take() {
            push(Pending::GenClose(frame, self.qualname.clone()));
        }
    }
}

impl Vm {
    /// Runs queued finalizers (`__del__`, generator `close()`).
    pub fn run_finalizers(&mut self) {
        self.gc_collect_if_due();
        for _ in 0..10_000 {
            let batch: Vec<Pending> = PENDING.with(|q| match q.try_borrow_mut() {
                Ok(mut q) => std::mem::take(&mut *q),
                Err(_) => Vec::new(),
            });
            HAS_PENDING.with(|h| h.set(false));
            if batch.is_empty() {
                return;
            }
            for p in batch {
                match p {
                    Pending::Del(obj) => {
                        let v = Value::Obj(obj.clone());
                        let cls = self.type_of(&v);
                        if let Some(f) = self.lookup_type_attr(&cls, "__del__") {
                            if let Err(e) = self.call(&f, &[v.clone()]) {
                                let r = self.repr_of_method(&f);
                                self.report_unraisable(&e, &format!("Exception ignored in: {r}"));
                            }
                        }
                        drop(v);
                        if ObjRef::strong_count(&obj) > 1 {
                            // Resurrected (by `__del__`, or by the traceback of an exception
                            // it raised): PEP 442 runs `__del__` once, so when it dies again it
                            // is freed without one. Registered with the collector, whose
                            // registry entry keeps the "finalized" mark's address valid, and
                            // which can now collect the cycles it may be part of.
                            if self.gc.wants(&obj.payload) {
                                self.gc_track(&obj);
                                crate::gc::mark_finalized(std::slice::from_ref(&obj));
                            }
                        }
                        SKIP.with(|s| s.set(ObjRef::as_ptr(&obj) as usize));
                        drop(obj);
                        SKIP.with(|s| s.set(0));
                    }
                    Pending::WeakCallback(wref) => {
                        let w = Value::Obj(wref);
                        let cb = self.getattr_str(&w, "__callback__").unwrap_or(Value::None);
                        if !matches!(cb, Value::None) {
                            if let Err(e) = self.call(&cb, std::slice::from_ref(&w)) {
                                let r = self.repr_of_method(&cb);
                                self.report_unraisable(&e, &format!("Exception ignored in: {r}"));
                            }
                        }
                    }
                    Pending::GenClose(frame, _qualname) => {
                        let g = self.new_generator(frame);
                        if let Value::Obj(o) = &g {
                            if let Payload::Generator(gd) = &o.payload {
                                gd.started.set(true);
                            }
                            self.finalize_generator(o);
                        }
                    }
                }
            }
        }
    }

    /// A generator's finalizer (CPython's `_PyGen_Finalize`): closes a suspended generator,
    /// coroutine or async generator by throwing `GeneratorExit` into it, and reports a failure
    /// as unraisable (`Exception ignored in: <generator object g at 0x…>`). A generator that
    /// never started has nothing to close.
    pub(crate) fn finalize_generator(&mut self, g: &ObjRef) {
        if let Err(e) = self.close_generator(g) {
            let r = self.repr_string(&Value::Obj(g.clone())).unwrap_or_default();
            self.report_unraisable(&e, &format!("Exception ignored in: {r}"));
        }
    }

    /// `close()` for any kind of generator (CPython's `gen_close`).
    fn close_generator(&mut self, g: &ObjRef) -> crate::PyResult<()> {
        let Payload::Generator(gd) = &g.payload else {
            return Ok(());
        };
        let suspended = gd.started.get()
            && !gd.running.get()
            && gd.frame.try_borrow().is_ok_and(|f| f.is_some());
        if !suspended {
            return Ok(());
        }
        let flags = gd.code.as_ref().map_or(0, |c| c.flags);
        let exit_type = self.t.exc.generator_exit.clone();
        let exit = self.new_exception(&exit_type, vec![]);
        match self.gen_resume(g, Value::None, Some(exit)) {
            Ok(crate::exec::gen::Sent::Yielded(_)) => {
                let msg = if flags & flags::COROUTINE != 0 {
                    "coroutine ignored GeneratorExit"
                } else if flags & flags::ASYNC_GENERATOR != 0 {
                    "async generator ignored GeneratorExit"
                } else {
                    "generator ignored GeneratorExit"
                };
                Err(self.new_runtime_error(msg))
            }
            Ok(crate::exec::gen::Sent::Returned(_)) => Ok(()),
            Err(e) => {
                let stop = self.t.exc.stop_iteration.clone();
                if self.err_matches(&e, &exit_type) || self.err_matches(&e, &stop) {
                    Ok(())
                } else {
                    Err(e)
                }
            }
        }
    }

    fn repr_of_method(&mut self, f: &Value) -> String {
        self.repr_string(f).unwrap_or_default()
    }

    /// Prints an exception that cannot be raised (from a finalizer) like CPython's
    /// `sys.unraisablehook`.
    pub fn report_unraisable(&mut self, e: &crate::PyErr, header: &str) {
        if self.aborting() {
            // The host stopped the guest: finalizers that fail because of it stay silent.
            return;
        }
        self.flush_stdout();
        // An exception the VM raised itself has no traceback: CPython's hook then shows the
        // Python frame running at the time (known here when a frame-aware builtin such as
        // `gc.collect()` is running).
        if let (Some((code, instr)), Some(Payload::Exception(st))) =
            (self.frame_code.clone(), e.value().payload())
        {
            if let Ok(mut st) = st.try_borrow_mut() {
                if st.traceback.is_empty() {
                    st.traceback.push(crate::object::TracebackEntry {
                        code,
                        instr,
                        globals: self.frame_ctx.as_ref().map(|c| c.0.clone()),
                        self_value: None,
                        locals: Vec::new(),
                    });
                }
            }
        }
        let tb = self.format_unraisable(e);
        let _ = self.write_stderr(&format!("{header}\n{tb}"));
    }

    /// Marks a class as having `__del__` (looked up when its instances die).
    pub(crate) fn refresh_has_del(&self, cls: &ObjRef) {
        if let Some(td) = cls.as_type() {
            let has = self.lookup_type_attr(cls, "__del__").is_some();
            td.has_del.set(has);
        }
    }
}
