//! Per-instruction inline caches for `LOAD_ATTR` and `STORE_ATTR`.
//!
//! Each `LOAD_ATTR`/`STORE_ATTR` that is followed by its `CACHE` units gets a cache slot; the slot
//! number is stored in the `arg` of the first `CACHE` unit when the code object is built (CACHE
//! units execute as no-ops, so their argument is free). A slot remembers what the last lookup on
//! that instruction found, for one class: the class pointer (kept alive by the slot, so it cannot
//! be reused by another class) and the type epoch of the moment (`proto::attr::type_epoch`, bumped
//! on any change to any class namespace or MRO). While both still match, the instruction skips the
//! MRO walk, the hook checks and the descriptor logic. Anything unusual falls back to the generic
//! path, which also refills the slot.

use crate::code::CodeObj;
use crate::frame::{push_value, Frame};
use crate::object::{NativeKind, ObjRef, Payload};
use crate::proto::attr::{hook, name_hash, type_epoch};
use crate::value::Value;
use crate::{PyResult, Vm};
use std::cell::Cell;
use std::rc::Rc;

/// What one `LOAD_ATTR`/`STORE_ATTR` found last time, for objects of one class (`ty`, held so
/// its address can't be reused) at one type epoch. The class and epoch are checked first, with two
/// compares, before anything depends on the kind of entry.
#[derive(Default)]
pub(crate) struct AttrIc {
    ty: Option<ObjRef>,
    epoch: u64,
    kind: IcKind,
}

/// The kinds of [`AttrIc`] entries.
#[derive(Default)]
enum IcKind {
    #[default]
    Empty,
    /// Load: the class has no attribute of that name, so the value comes from the instance dict.
    InstDict { hint: Cell<u32> },
    /// Load (method form): a plain function on the class, not shadowed by the instance dict.
    Method { func: Value },
    /// Load: a plain (non-descriptor) class attribute, not shadowed by the instance dict.
    ClassVal { value: Value },
    /// Load: a module attribute (from the module dict).
    ModDict,
    /// Load (method form) on an object of a builtin type without an instance dict (a `list`,
    /// `str`, `dict`…): a method of the type (`items.append`, `s.split`).
    NativeMethod { func: Value },
    /// Store: straight into the instance dict (no `__setattr__`, no descriptor on the class).
    StoreDict { hint: Cell<u32> },
}

impl AttrIc {
    fn new(ty: ObjRef, epoch: u64, kind: IcKind) -> AttrIc {
        AttrIc {
            ty: Some(ty),
            epoch,
            kind,
        }
    }

    /// Is this entry for objects of `o`'s class, at type epoch `ep`?
    #[inline(always)]
    fn matches(&self, o: &ObjRef, ep: u64) -> bool {
        self.epoch == ep && self.ty.as_ref().is_some_and(|ty| same_class(o, ty))
    }
}

/// The cache slot of the instruction at `lasti`, if it has one.
#[inline]
fn slot_of(f: &Frame) -> Option<usize> {
    slot_at(&f.code, f.lasti)
}

/// The cache slot of the instruction at `lasti` of `code`, if it has one.
#[inline]
fn slot_at(code: &CodeObj, lasti: usize) -> Option<usize> {
    let c = code.instrs.get(lasti + 1)?;
    if c.op != crate::opcodes::CACHE {
        return None;
    }
    let s = (c.arg as usize).checked_mul(WAYS)?;
    (s + WAYS <= code.attr_ics.len()).then_some(s)
}

/// Entries per instruction (a polymorphic inline cache: call sites in base-class methods see
/// instances of several subclasses).
pub(crate) const WAYS: usize = 4;

/// Which way of a full slot a new entry replaces (spread by class address).
#[inline]
fn victim(ics: &[std::cell::RefCell<AttrIc>], s: usize, o: &ObjRef) -> usize {
    for w in 0..WAYS {
        let same = ics
            .get(s + w)
            .is_some_and(|c| c.borrow().ty.as_ref().is_some_and(|ty| same_class(o, ty)));
        if same {
            return s + w;
        }
    }
    for w in 0..WAYS {
        if ics.get(s + w).is_some_and(|c| c.borrow().ty.is_none()) {
            return s + w;
        }
    }
    let k = o.class.as_ref().map_or(0, |c| Rc::as_ptr(c) as usize >> 4);
    s + k % WAYS
}

#[inline]
fn same_class(o: &ObjRef, ty: &ObjRef) -> bool {
    o.class.as_ref().is_some_and(|c| Rc::ptr_eq(c, ty))
}

/// Is `v` a class attribute that reads back as itself on an instance (no descriptor protocol)?
fn plain_class_value(v: &Value) -> bool {
    match v {
        Value::Obj(o) => matches!(
            o.payload,
            Payload::Str(_) | Payload::Tuple(_) | Payload::BigInt(_)
        ),
        _ => true,
    }
}

/// The instance dict's value for `name`, if any.
#[inline]
fn inst_get(o: &ObjRef, name: &Value) -> Option<Value> {
    let t = o.dict_table()?.borrow();
    t.get_str(name_hash(name), name.as_str()?).cloned()
}

/// Does the instance dict have the key `name`? Usually answered by the table's summary of the
/// hashes of its keys (an instance rarely shadows a method or class attribute); only a name
/// whose bits are all in the summary is looked up.
#[inline(always)]
fn inst_has(o: &ObjRef, name: &Value) -> bool {
    let Some(t) = o.dict_table() else {
        return false;
    };
    let Ok(t) = t.try_borrow() else {
        return true;
    };
    let h = name_hash(name);
    t.may_contain(h) && name.as_str().is_some_and(|ns| t.get_str(h, ns).is_some())
}

/// The instance dict's value for `name`, trying the cached position first (and updating it).
#[inline(always)]
///
/// The entry at the hint is checked first by key identity: attribute names are interned, so the
/// key `STORE_ATTR` stored is normally the very name object this `LOAD_ATTR` has, and a pointer
/// compare settles it before anything reads the text or the hash.
fn inst_get_hinted(o: &ObjRef, name: &Value, hint: &Cell<u32>) -> Option<Value> {
    let t = o.dict_table()?.borrow();
    if let (Some(e), Value::Obj(n)) = (t.entry_at(hint.get() as usize), name) {
        if let Value::Obj(k) = &e.key {
            if Rc::ptr_eq(k, n) {
                return Some(e.value.clone());
            }
        }
    }
    let ns = name.as_str()?;
    let pos = t.find_str_hinted(hint.get() as usize, name_hash(name), ns)?;
    #[allow(clippy::cast_possible_truncation)]
    hint.set(pos as u32);
    t.value_at(pos).cloned()
}

/// `LOAD_ATTR` (both forms) when the instruction's inline cache has the answer: pushes the
/// result and returns `true`. `false`: nothing was pushed or changed; run [`Vm::load_attr_ic`].
///
/// It takes the frame's parts rather than the frame, so that `LOAD_FAST; LOAD_ATTR` can pass the
/// local itself (no reference count traffic unless the result is a method and its `self`), and
/// it needs no `Vm`: the generic path's large frame is only set up on a miss.
#[inline(always)]
fn load_attr_hit(
    code: &CodeObj,
    lasti: usize,
    stack: &mut Vec<Value>,
    owner: &Value,
    arg: usize,
) -> bool {
    let Value::Obj(o) = owner else {
        return false;
    };
    let Some(s) = slot_at(code, lasti) else {
        return false;
    };
    let Some(name) = code.names.get(arg >> 1) else {
        return false;
    };
    let method = arg & 1 != 0;
    let ep = type_epoch();
    let inst = matches!(o.payload, Payload::Instance);
    for ic in code.attr_ics.get(s..s + WAYS).unwrap_or(&[]) {
        let ic = ic.borrow();
        if !ic.matches(o, ep) {
            continue;
        }
        // Results go straight onto the stack from inside the match (a hit built as a value
        // pair first was copied through memory: see docs/performance.md). The two common kinds
        // are tested one by one (two predictable branches); a `match` here compiled to one
        // indirect jump shared by every `LOAD_ATTR`, which mispredicted whenever neighbouring
        // sites had different kinds.
        if let IcKind::InstDict { hint } = &ic.kind {
            if inst {
                if let Some(v) = inst_get_hinted(o, name, hint) {
                    if method {
                        push_value(stack, Value::Null);
                    }
                    push_value(stack, v);
                    return true;
                }
            }
        } else if let IcKind::Method { func } = &ic.kind {
            // (A plain load never meets a method-form entry: slots are per instruction. If it
            // did, the generic path handles it.)
            if inst && method && !inst_has(o, name) {
                push_value(stack, func.clone());
                push_value(stack, owner.clone());
                return true;
            }
        } else {
            return load_attr_hit_rare(&ic.kind, o, owner, stack, name, method);
        }
        // The entry for this class didn't apply: no other way holds the same class.
        return false;
    }
    false
}

/// The less common hits of [`load_attr_hit`] (kept out of line). `true`: the result has been
/// pushed.
#[inline(never)]
fn load_attr_hit_rare(
    kind: &IcKind,
    o: &ObjRef,
    owner: &Value,
    stack: &mut Vec<Value>,
    name: &Value,
    method: bool,
) -> bool {
    let inst = matches!(o.payload, Payload::Instance);
    match kind {
        IcKind::ClassVal { value } if inst && !inst_has(o, name) => {
            if method {
                push_value(stack, Value::Null);
            }
            push_value(stack, value.clone());
            true
        }
        IcKind::NativeMethod { func } if method && o.dict.is_none() => {
            push_value(stack, func.clone());
            push_value(stack, owner.clone());
            true
        }
        IcKind::ModDict if matches!(o.payload, Payload::Module(_)) => match inst_get(o, name) {
            Some(v) => {
                if method {
                    push_value(stack, Value::Null);
                }
                push_value(stack, v);
                true
            }
            None => false,
        },
        _ => false,
    }
}

/// `STORE_ATTR` when the instruction's inline cache has the answer (a plain store into the
/// instance dict): stores `v` and returns `None`. `Some(v)`: nothing was changed, `v` is given
/// back; run [`Vm::store_attr_ic`]. Like [`load_attr_hit`], it takes the frame's parts, so the
/// owner can be a local that is not cloned.
#[inline(always)]
fn store_attr_hit(
    code: &CodeObj,
    lasti: usize,
    owner: &Value,
    v: Value,
    arg: usize,
) -> Option<Value> {
    let Value::Obj(o) = owner else {
        return Some(v);
    };
    let (Some(s), Some(name), true) = (
        slot_at(code, lasti),
        code.names.get(arg),
        matches!(o.payload, Payload::Instance),
    ) else {
        return Some(v);
    };
    let ep = type_epoch();
    for ic in code.attr_ics.get(s..s + WAYS).unwrap_or(&[]) {
        let ic = ic.borrow();
        if !ic.matches(o, ep) {
            continue;
        }
        let (IcKind::StoreDict { hint }, Some(t)) = (&ic.kind, o.dict_table()) else {
            return Some(v);
        };
        let Ok(mut t) = t.try_borrow_mut() else {
            return Some(v);
        };
        let at = hint.get() as usize;
        // The entry at the hint, by key identity first (see `inst_get_hinted`).
        let same = match (t.entry_at(at), name) {
            (Some(e), Value::Obj(n)) => matches!(&e.key, Value::Obj(k) if Rc::ptr_eq(k, n)),
            _ => false,
        };
        let Some(ns) = name.as_str() else {
            return Some(v);
        };
        let found = if same {
            Some(at)
        } else {
            t.find_str_hinted(at, name_hash(name), ns)
        };
        let (old, pos) = match found {
            Some(pos) => (t.set_at(pos, v), pos),
            None => {
                t.push_new(name_hash(name), name.clone(), v);
                (None, t.capacity_positions().saturating_sub(1))
            }
        };
        #[allow(clippy::cast_possible_truncation)]
        hint.set(pos as u32);
        // (The old value is dropped after the table's borrow ends.)
        drop(t);
        drop(old);
        return None;
    }
    Some(v)
}

impl Vm {
    /// `LOAD_ATTR` (both forms) of `owner`: the cache's hit path, else [`Vm::load_attr_ic`].
    #[inline(never)]
    pub(crate) fn load_attr(&mut self, f: &mut Frame, owner: Value, arg: usize) -> PyResult<()> {
        if load_attr_hit(&f.code, f.lasti, &mut f.stack, &owner, arg) {
            return Ok(());
        }
        self.load_attr_ic(f, owner, arg)
    }

    /// `LOAD_FAST local; LOAD_ATTR` (`f.lasti` on the `LOAD_ATTR`): a hit reads the local in
    /// place, without cloning it.
    #[inline(never)]
    pub(crate) fn load_attr_local(
        &mut self,
        f: &mut Frame,
        local: usize,
        arg: usize,
    ) -> PyResult<()> {
        if let Some(owner) = f.fast.get(local) {
            if load_attr_hit(&f.code, f.lasti, &mut f.stack, owner, arg) {
                return Ok(());
            }
        }
        let owner = f.fast.get(local).cloned().unwrap_or_default();
        self.load_attr_ic(f, owner, arg)
    }

    /// `STORE_ATTR` (`owner.name = v`): the cache's hit path, else [`Vm::store_attr_ic`].
    #[inline(never)]
    pub(crate) fn store_attr(
        &mut self,
        f: &mut Frame,
        owner: Value,
        v: Value,
        arg: usize,
    ) -> PyResult<()> {
        match store_attr_hit(&f.code, f.lasti, &owner, v, arg) {
            None => Ok(()),
            Some(v) => self.store_attr_ic(f, owner, v, arg),
        }
    }

    /// `LOAD_FAST value; LOAD_FAST owner; STORE_ATTR` (`f.lasti` on the `STORE_ATTR`): a hit
    /// uses the owner local in place, without cloning it.
    #[inline(never)]
    pub(crate) fn store_attr_locals(
        &mut self,
        f: &mut Frame,
        value: usize,
        owner: usize,
        arg: usize,
    ) -> PyResult<()> {
        let v = f.fast.get(value).cloned().unwrap_or_default();
        let v = match f.fast.get(owner) {
            Some(o) => match store_attr_hit(&f.code, f.lasti, o, v, arg) {
                None => return Ok(()),
                Some(v) => v,
            },
            None => v,
        };
        let o = f.fast.get(owner).cloned().unwrap_or_default();
        self.store_attr_ic(f, o, v, arg)
    }

    /// `LOAD_ATTR` (both forms) after [`load_attr_hit`] missed: refills the instruction's cache
    /// slot, then runs the generic lookup. `arg` is the oparg.
    #[inline(never)]
    pub(crate) fn load_attr_ic(&mut self, f: &mut Frame, owner: Value, arg: usize) -> PyResult<()> {
        if let (Some(s), Value::Obj(o)) = (slot_of(f), &owner) {
            let fresh = self.attr_ic_fill_load(o, f, arg >> 1, arg & 1 != 0);
            if let Some(ic) = f.code.attr_ics.get(victim(&f.code.attr_ics, s, o)) {
                *ic.borrow_mut() = fresh;
            }
        }
        let name = f.code.names.get(arg >> 1).cloned().unwrap_or_default();
        if arg & 1 != 0 {
            let (m, s) = self.get_method(&owner, &name)?;
            match s {
                Some(s) => {
                    f.push(m);
                    f.push(s);
                }
                None => {
                    f.push(Value::Null);
                    f.push(m);
                }
            }
        } else {
            let v = self.getattr(&owner, &name)?;
            f.push(v);
        }
        Ok(())
    }

    /// Decides what a `LOAD_ATTR` slot should remember for objects like `o`.
    fn attr_ic_fill_load(&self, o: &ObjRef, f: &Frame, name_idx: usize, method: bool) -> AttrIc {
        let Some(name) = f.code.names.get(name_idx) else {
            return AttrIc::default();
        };
        let Some(ns) = name.as_str() else {
            return AttrIc::default();
        };
        if ns.starts_with("__") {
            return AttrIc::default();
        }
        let Some(cls) = o.class.clone() else {
            return AttrIc::default();
        };
        if cls.as_type().is_none() {
            return AttrIc::default();
        }
        let h = name_hash(name);
        let epoch = type_epoch();
        match &o.payload {
            Payload::Instance => {
                if self.hook_flags(&cls) & hook::GETATTRIBUTE != 0 {
                    return AttrIc::default();
                }
                match self.lookup_type_attr_h(&cls, ns, h) {
                    None => AttrIc::new(cls, epoch, IcKind::InstDict { hint: Cell::new(0) }),
                    Some(d) => {
                        let is_method = match d.payload() {
                            Some(Payload::Function(_)) => true,
                            Some(Payload::NativeFunction(nf)) => nf.kind == NativeKind::Method,
                            _ => false,
                        };
                        if is_method && method {
                            AttrIc::new(cls, epoch, IcKind::Method { func: d })
                        } else if !is_method && plain_class_value(&d) {
                            AttrIc::new(cls, epoch, IcKind::ClassVal { value: d })
                        } else {
                            AttrIc::default()
                        }
                    }
                }
            }
            Payload::Module(_) => {
                if self.lookup_type_attr_h(&cls, ns, h).is_none() {
                    AttrIc::new(cls, epoch, IcKind::ModDict)
                } else {
                    AttrIc::default()
                }
            }
            Payload::Type(_) | Payload::Super { .. } => AttrIc::default(),
            _ if method && o.dict.is_none() && cls.as_type().is_some_and(|t| !t.heap) => {
                match self.lookup_type_attr_h(&cls, ns, h) {
                    Some(d)
                        if matches!(d.payload(),
                            Some(Payload::NativeFunction(nf)) if nf.kind == NativeKind::Method) =>
                    {
                        AttrIc::new(cls, epoch, IcKind::NativeMethod { func: d })
                    }
                    _ => AttrIc::default(),
                }
            }
            _ => AttrIc::default(),
        }
    }

    /// `STORE_ATTR` after [`store_attr_hit`] missed: refills the instruction's cache slot,
    /// then runs the generic `setattr`. `arg` is the oparg.
    #[inline(never)]
    pub(crate) fn store_attr_ic(
        &mut self,
        f: &mut Frame,
        owner: Value,
        v: Value,
        arg: usize,
    ) -> PyResult<()> {
        if let (Some(s), Value::Obj(o), Some(name)) = (slot_of(f), &owner, f.code.names.get(arg)) {
            let fresh = self.attr_ic_fill_store(o, name);
            if let Some(ic) = f.code.attr_ics.get(victim(&f.code.attr_ics, s, o)) {
                *ic.borrow_mut() = fresh;
            }
        }
        let name = f.code.names.get(arg).cloned().unwrap_or_default();
        self.setattr(&owner, &name, v)
    }

    /// Decides what a `STORE_ATTR` slot should remember for objects like `o`.
    fn attr_ic_fill_store(&self, o: &ObjRef, name: &Value) -> AttrIc {
        let Some(ns) = name.as_str() else {
            return AttrIc::default();
        };
        if ns.starts_with("__") || !matches!(o.payload, Payload::Instance) {
            return AttrIc::default();
        }
        if o.dict_table().is_none() {
            return AttrIc::default();
        }
        let Some(cls) = o.class.clone() else {
            return AttrIc::default();
        };
        let heap = cls.as_type().is_some_and(|t| t.heap);
        if !heap || self.hook_flags(&cls) & hook::SETATTR != 0 || self.has_no_dict(&cls) {
            return AttrIc::default();
        }
        let epoch = type_epoch();
        if self.lookup_type_attr_h(&cls, ns, name_hash(name)).is_some() {
            return AttrIc::default();
        }
        AttrIc::new(cls, epoch, IcKind::StoreDict { hint: Cell::new(0) })
    }
}

/// What one `LOAD_GLOBAL` found last time: valid while the frame has the same globals and
/// builtins dicts and neither changed since (their mutation versions match).
#[derive(Default)]
pub(crate) enum GlobalIc {
    #[default]
    Empty,
    Hit {
        globals: ObjRef,
        gver: u64,
        /// Set when the name came from the builtins (it was then missing from the globals).
        builtins: Option<(ObjRef, u64)>,
        value: Value,
    },
}

/// A dict object's mutation version (`None`: not a dict, or busy).
#[inline]
fn dict_version(d: &ObjRef) -> Option<u64> {
    match &d.payload {
        Payload::Dict(t) => t.try_borrow().ok().map(|t| t.version()),
        _ => None,
    }
}

/// A dict object's version, giving it one if it has none.
fn dict_ensure_version(d: &ObjRef) -> Option<u64> {
    match &d.payload {
        Payload::Dict(t) => t.try_borrow_mut().ok().map(|mut t| t.ensure_version()),
        _ => None,
    }
}

impl Vm {
    /// `LOAD_GLOBAL`'s lookup (name index `idx`) through the instruction's inline cache.
    #[inline]
    pub(crate) fn load_global_ic(&mut self, f: &Frame, idx: usize) -> PyResult<Value> {
        let ic = f
            .code
            .instrs
            .get(f.lasti + 1)
            .filter(|c| c.op == crate::opcodes::CACHE)
            .and_then(|c| f.code.global_ics.get(c.arg as usize));
        if let Some(ic) = ic {
            if let GlobalIc::Hit {
                globals,
                gver,
                builtins,
                value,
            } = &*ic.borrow()
            {
                if Rc::ptr_eq(globals, &f.globals)
                    && dict_version(globals) == Some(*gver)
                    && builtins.as_ref().map_or(true, |(b, bv)| {
                        Rc::ptr_eq(b, &f.builtins) && dict_version(b) == Some(*bv)
                    })
                {
                    return Ok(value.clone());
                }
            }
        }
        let v = self.load_global(f, idx)?;
        if let (Some(ic), Some(name)) = (ic, f.code.names.get(idx)) {
            let ns = name.as_str().unwrap_or("");
            let h = name_hash(name);
            let in_globals = match &f.globals.payload {
                Payload::Dict(t) => t.try_borrow().is_ok_and(|t| t.get_str(h, ns).is_some()),
                _ => false,
            };
            let fresh = match dict_ensure_version(&f.globals) {
                Some(gver) if in_globals => GlobalIc::Hit {
                    globals: f.globals.clone(),
                    gver,
                    builtins: None,
                    value: v.clone(),
                },
                Some(gver) => match dict_ensure_version(&f.builtins) {
                    Some(bver) => GlobalIc::Hit {
                        globals: f.globals.clone(),
                        gver,
                        builtins: Some((f.builtins.clone(), bver)),
                        value: v.clone(),
                    },
                    None => GlobalIc::Empty,
                },
                None => GlobalIc::Empty,
            };
            if let Ok(mut c) = ic.try_borrow_mut() {
                *c = fresh;
            }
        }
        Ok(v)
    }
}
