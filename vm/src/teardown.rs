//! Tearing a VM down when it is dropped.
//!
//! Reference counting cannot free what a VM leaves behind: every type's MRO starts with the type
//! itself, modules and their functions refer to each other through the globals, inline caches in
//! code objects hold globals dicts and types, and native closures capture objects the cycle
//! collector cannot see. Like CPython's interpreter finalization, `Drop for Vm` first runs the
//! finalizers already queued, then walks everything reachable from the VM's own roots (builtins,
//! `sys.modules`, the builtin types, frames, the exception being handled) and empties the mutable
//! parts of each object (dict entries, list items, type dicts, bases and MROs, cell contents,
//! function defaults, code caches), which breaks every cycle; the `Rc`s then free the rest.
//! `__del__` and generator `close()` are not run for objects that die during the teardown (the
//! VM is half-gone by then). Objects of another VM on the same thread are never reached: VMs
//! share no objects, and the walk starts from this VM's roots only.

use crate::code::CodeObj;
use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::Vm;
use std::collections::HashSet;
use std::rc::Rc;

/// The teardown's sets of visited addresses (a fast hasher: it hashes every reference it walks).
type AddrSet = HashSet<usize, ahash::RandomState>;

impl Drop for Vm {
    fn drop(&mut self) {
        self.teardown();
        // The thread's table of weak references with callbacks keeps an entry per watched
        // object: those of this VM's objects (now gone) would stay forever.
        crate::finalize::forget_dead_weakrefs();
    }
}

impl Vm {
    /// Ends the VM of a process that exits right afterwards (the `pyvm` command): runs the
    /// finalizers already queued and flushes the output streams, as dropping the VM does, then
    /// leaves its memory to the operating system instead of walking and freeing the whole heap.
    /// Nothing a program can observe differs from dropping the VM (the teardown runs no Python
    /// code and no `__del__`), but the memory stays allocated until the process ends, so an
    /// embedder that keeps running must drop its VMs instead.
    pub fn exit_without_freeing(mut self) {
        if !std::thread::panicking() {
            self.run_finalizers();
        }
        self.flush_stdout();
        std::mem::forget(self);
    }

    /// Breaks the VM's reference cycles (see the module docs). Idempotent; the VM must not run
    /// Python code afterwards (it is only called by `Drop`).
    fn teardown(&mut self) {
        // Work already queued for this VM runs while the VM is whole (not while unwinding from
        // a panic: a second panic in `drop` would abort).
        if !std::thread::panicking() {
            self.run_finalizers();
        }
        let _quiet = crate::finalize::TeardownGuard::new();
        let mut roots: Vec<ObjRef> = vec![self.builtins.clone(), self.sys_modules.clone()];
        roots.extend(self.t.all());
        roots.push(self.t.simple_namespace.clone());
        roots.push(self.empty_tuple.clone());
        roots.extend(self.slot_owners.drain(..).map(|(_, o)| o));
        let mut values: Vec<Value> = vec![
            std::mem::take(&mut self.cur_exc),
            self.not_implemented.clone(),
            self.ellipsis.clone(),
        ];
        if let Some((g, l)) = self.frame_ctx.take() {
            roots.push(g);
            values.push(l);
        }
        let mut codes: Vec<Rc<CodeObj>> = Vec::new();
        codes.extend(self.frame_code.take().map(|(c, _)| c));
        let frames: Vec<_> = self
            .frames
            .drain(..)
            .chain(self.frame_pool.drain(..))
            .collect();
        for f in &frames {
            values.extend(f.stack.iter().cloned());
            values.extend(f.fast.iter().cloned());
            roots.push(f.globals.clone());
            roots.push(f.builtins.clone());
            roots.extend(f.locals.iter().cloned());
            roots.extend(f.func.iter().cloned());
            codes.push(f.code.clone());
        }
        for v in values.iter() {
            if let Value::Obj(o) = v {
                roots.push(o.clone());
            }
        }
        if let Some(tp) = self.tp_types.take() {
            roots.extend(tp.all());
        }
        self.attr_cache.get_mut().clear();
        self.module_factories.clear();
        self.fallback_modules.clear();
        self.importer = None;
        self.type_param_hook = None;

        // Everything reachable from the roots.
        let mut seen = AddrSet::with_capacity_and_hasher(
            roots.len().saturating_add(self.gc_tracked_count()),
            ahash::RandomState::new(),
        );
        let mut reached: Vec<ObjRef> = Vec::new();
        let mut stack = roots;
        while let Some(o) = stack.pop() {
            if !seen.insert(ObjRef::as_ptr(&o) as usize) {
                continue;
            }
            crate::gc::visit_refs(&self.gc, &o, &mut |r| {
                if !seen.contains(&(ObjRef::as_ptr(r) as usize)) {
                    stack.push(r.clone());
                }
            });
            match &o.payload {
                Payload::Function(fd) => codes.push(fd.code.clone()),
                Payload::Code(c) => codes.push(c.clone()),
                Payload::Generator(gd) => codes.extend(gd.code.clone()),
                _ => {}
            }
            reached.push(o);
        }
        let mut out = crate::gc::Taken::default();
        let mut seen_code = AddrSet::default();
        while let Some(c) = codes.pop() {
            if !seen_code.insert(Rc::as_ptr(&c) as usize) {
                continue;
            }
            c.clear_caches();
            for k in c.consts.iter() {
                if let Value::Obj(o) = k {
                    if let Payload::Code(inner) = &o.payload {
                        codes.push(inner.clone());
                    }
                }
            }
        }
        for o in &reached {
            crate::gc::clear_for_teardown(&self.gc, o, &mut out);
        }
        drop(reached);
        drop(frames);
        drop(values);
        drop(out);
        crate::gc::clear_garbage_for_teardown(&self.gc);
    }
}
