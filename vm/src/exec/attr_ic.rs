//! Per-instruction inline caches for `LOAD_ATTR` and `STORE_ATTR`.
//!
//! Each `LOAD_ATTR`/`STORE_ATTR` that is followed by its `CACHE` units gets a cache slot; the slot
//! number is stored in the `arg` of the first `CACHE` unit when the code object is built (CACHE
//! units execute as no-ops, so their argument is free). A slot ([`AttrSlot`]) holds the
//! instruction's attribute name and hash and [`WAYS`] entries; each entry remembers what the last
//! lookup found for one class: the class address (the class is kept alive by the entry, so the
//! address cannot be reused by another class) and the type epoch of the moment
//! (`proto::attr::type_epoch`, bumped on any change to any class namespace or MRO). While both
//! still match, the instruction skips the MRO walk, the hook checks and the descriptor logic.
//! Anything unusual falls back to the generic path, which also refills a way.

use crate::code::CodeObj;
use crate::dict::DictTable;
use crate::frame::{push_value, Frame};
use crate::instance::class_key_index;
use crate::object::{InstAttrs, NativeKind, ObjRef, Payload};
use crate::proto::attr::{exc_state_name, hook, name_hash, type_epoch};
use crate::value::Value;
use crate::{PyResult, Vm};
use std::cell::{Cell, RefCell};

/// What one `LOAD_ATTR`/`STORE_ATTR` found last time, for objects of one class at one type
/// epoch: one way of an instruction's cache slot.
///
/// Every field is a `Cell`, so a hit reads the entry without a borrow flag (a `RefCell` per way
/// cost an increment, a check and a decrement of the flag for every way looked at, and the flag
/// was the first load of the hit path to miss the L1 cache). The class and epoch come first and
/// are checked, with two compares, before anything depends on the kind of entry. A hit never
/// runs Python code while it reads an entry, and a refill only writes it, so nothing can observe
/// an entry half written except another refill (which then wins).
#[derive(Default)]
pub(crate) struct AttrIc {
    /// The address of the class this entry is for; 0 while empty. Only compared: `keep` holds
    /// the class, so the address can't be reused by another class while the entry exists.
    cls: Cell<usize>,
    epoch: Cell<u64>,
    kind: Cell<IcKind>,
    /// `InstDict`/`StoreDict`: the position of the name in the last instance dict seen.
    /// `InstValues`/`StoreValues`: the name's index in the class's key table (which never
    /// changes). `Method`/`ClassVal`: the same index, or [`NO_KEY`] (then no instance of the
    /// class keeping its values in itself has that attribute: appending the name to the key
    /// table bumps the type epoch).
    hint: Cell<u32>,
    /// `Method`/`NativeMethod`: the function; `ClassVal`: the class attribute's value.
    value: Cell<Value>,
    keep: Cell<Option<ObjRef>>,
}

/// The kinds of [`AttrIc`] entries.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum IcKind {
    #[default]
    Empty,
    /// Load: the class has no attribute of that name, so the value comes from the instance dict.
    InstDict,
    /// Load: the class has no attribute of that name, and its key table has it at index
    /// `hint`: the value is the instance's `hint`th value (`crate::instance`).
    InstValues,
    /// Load (method form): a plain function on the class (`value`), not shadowed by the
    /// instance dict.
    Method,
    /// Load: a plain (non-descriptor) class attribute (`value`), not shadowed by the instance
    /// dict.
    ClassVal,
    /// Load: a module attribute (from the module dict).
    ModDict,
    /// Load (method form) on an object of a builtin type without an instance dict (a `list`,
    /// `str`, `dict`…): a method of the type (`value`: `items.append`, `s.split`).
    NativeMethod,
    /// Store: straight into the instance dict (no `__setattr__`, no descriptor on the class).
    StoreDict,
    /// Store: like `StoreDict`, into the instance's values at the key-table index `hint`.
    StoreValues,
}

/// `AttrIc::hint` of a `Method`/`ClassVal` entry whose name is not in the class's key table.
const NO_KEY: u32 = u32::MAX;

/// What a refill writes into a way (see [`AttrIc::set`]).
struct Fill {
    cls: ObjRef,
    epoch: u64,
    kind: IcKind,
    value: Value,
    hint: u32,
}

impl Fill {
    fn new(cls: ObjRef, epoch: u64, kind: IcKind) -> Option<Fill> {
        Some(Fill {
            cls,
            epoch,
            kind,
            value: Value::Null,
            hint: 0,
        })
    }

    fn with_value(cls: ObjRef, epoch: u64, kind: IcKind, value: Value) -> Option<Fill> {
        Some(Fill {
            cls,
            epoch,
            kind,
            value,
            hint: 0,
        })
    }

    /// The same entry with `hint` set.
    fn hinted(fill: Option<Fill>, hint: u32) -> Option<Fill> {
        fill.map(|f| Fill { hint, ..f })
    }
}

impl AttrIc {
    /// Is this entry for objects of the class at address `cls`, at type epoch `ep`?
    #[inline(always)]
    fn matches(&self, cls: usize, ep: u64) -> bool {
        self.cls.get() == cls && self.epoch.get() == ep
    }

    /// A copy of `value` (taken out and put back: a `Cell` of a non-`Copy` value has no
    /// reference to give; cloning runs no Python code).
    #[inline(always)]
    fn value(&self) -> Value {
        let v = self.value.replace(Value::Null);
        let c = v.clone();
        // (What comes back is the `Null` put there above: nothing to drop.)
        std::mem::forget(self.value.replace(v));
        c
    }

    /// Replaces the entry with `fill` (`None`: empties it). The old contents are dropped last,
    /// after the entry is complete.
    fn set(&self, fill: Option<Fill>) {
        self.cls.set(0);
        let (addr, epoch, kind, value, keep, hint) = match fill {
            Some(f) => (
                ObjRef::as_ptr(&f.cls) as usize,
                f.epoch,
                f.kind,
                f.value,
                Some(f.cls),
                f.hint,
            ),
            None => (0, 0, IcKind::Empty, Value::Null, None, 0),
        };
        self.epoch.set(epoch);
        self.kind.set(kind);
        self.hint.set(hint);
        let old_value = self.value.replace(value);
        let old_keep = self.keep.replace(keep);
        self.cls.set(addr);
        drop(old_value);
        drop(old_keep);
    }
}

/// The address `AttrIc::cls` holds for `o`'s class (`None` for the `type` type object, which
/// is never cached).
#[inline(always)]
fn class_addr(o: &ObjRef) -> Option<usize> {
    o.class.as_ref().map(|c| ObjRef::as_ptr(c) as usize)
}

/// The cache slot of one `LOAD_ATTR`/`STORE_ATTR`: its ways and the attribute name, copied
/// from `co_names` (with its hash) when the code object is built, so that a hit finds all it
/// needs with one bounds check and in the same few cache lines.
pub(crate) struct AttrSlot {
    ways: [AttrIc; WAYS],
    /// The attribute name (`Null` if the instruction's name index is out of range: then
    /// nothing hits and the generic path reports the problem).
    name: Value,
    /// `name`'s hash.
    hash: i64,
}

impl AttrSlot {
    /// An empty slot for the attribute `name`.
    pub(crate) fn new(name: Value) -> AttrSlot {
        AttrSlot {
            ways: Default::default(),
            hash: name_hash(&name),
            name,
        }
    }

    /// Empties the slot's ways (the VM's teardown: entries hold classes and functions).
    pub(crate) fn clear(&self) {
        for w in &self.ways {
            w.set(None);
        }
    }

    /// Which way a new entry for objects like `o` replaces: the one for the same class, else
    /// an empty one, else one chosen by the class address.
    fn victim(&self, o: &ObjRef) -> &AttrIc {
        let addr = class_addr(o).unwrap_or(0);
        let pick = self
            .ways
            .iter()
            .position(|c| addr != 0 && c.cls.get() == addr)
            .or_else(|| self.ways.iter().position(|c| c.cls.get() == 0))
            .unwrap_or((addr >> 4) % WAYS);
        &self.ways[pick % WAYS]
    }
}

/// The cache slot of the instruction at `lasti`, if it has one.
#[inline]
fn slot_of(f: &Frame) -> Option<&AttrSlot> {
    slot_at(&f.code, f.lasti)
}

/// The cache slot of the instruction at `lasti` of `code`, if it has one.
#[inline(always)]
fn slot_at(code: &CodeObj, lasti: usize) -> Option<&AttrSlot> {
    let c = code.instrs.get(lasti + 1)?;
    if c.op != crate::opcodes::CACHE {
        return None;
    }
    code.attr_ics.get(c.arg as usize)
}

/// Entries per instruction (a polymorphic inline cache: call sites in base-class methods see
/// instances of several subclasses).
pub(crate) const WAYS: usize = 4;

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

/// Does `o` keep its attributes in an instance dict the caches may use: a plain instance, or an
/// exception (whose own attributes, `args`, `__cause__` and the like, live in its state and
/// are never dict entries; the refills below keep those names out of the cache).
#[inline(always)]
fn dict_backed(o: &ObjRef) -> bool {
    matches!(o.payload, Payload::Instance(_) | Payload::Exception(_))
}

/// Does `o` (an instance) keep its attributes in itself?
fn values_mode(o: &ObjRef) -> bool {
    match &o.payload {
        Payload::Instance(a) => matches!(a.try_borrow().as_deref(), Ok(InstAttrs::Values(_))),
        _ => false,
    }
}

/// Does the instance dict have the key `name`? Usually answered by the table's summary of the
/// hashes of its keys (an instance rarely shadows a method or class attribute); only a name
/// whose bits are all in the summary is looked up.
#[inline(always)]
fn inst_has(o: &ObjRef, name: &Value, h: i64) -> bool {
    o.with_dict_table(|t| table_has(t, name, h))
        .unwrap_or(false)
}

/// [`inst_has`] for a dict table.
#[inline(always)]
fn table_has(t: &RefCell<DictTable>, name: &Value, h: i64) -> bool {
    let Ok(t) = t.try_borrow() else {
        return true;
    };
    t.may_contain(h) && name.as_str().is_some_and(|ns| t.get_str(h, ns).is_some())
}

/// Runs `f` on the table of the dict object an instance in dict mode keeps its attributes in
/// (`None`: the instance keeps them in itself, or has none).
#[inline]
fn with_inst_table<R>(
    a: &RefCell<InstAttrs>,
    f: impl FnOnce(&RefCell<DictTable>) -> Option<R>,
) -> Option<R> {
    let st = a.try_borrow().ok()?;
    match &*st {
        InstAttrs::Dict(d) => match &d.payload {
            Payload::Dict(t) => f(t),
            _ => None,
        },
        _ => None,
    }
}

/// Does an object shadow the class attribute `name` cached in `ic` (a `Method` or `ClassVal`
/// entry) with an attribute of its own? For an instance keeping its values in itself, the
/// entry's key index answers it: the name has a value if its index is below the number of
/// values.
#[inline(always)]
fn shadowed(o: &ObjRef, ic: &AttrIc, name: &Value, h: i64) -> bool {
    let Payload::Instance(a) = &o.payload else {
        return inst_has(o, name, h);
    };
    let Ok(st) = a.try_borrow() else {
        return true;
    };
    match &*st {
        InstAttrs::Values(vals) => {
            let k = ic.hint.get();
            k != NO_KEY && (k as usize) < vals.len()
        }
        InstAttrs::Dict(d) => match &d.payload {
            Payload::Dict(t) => table_has(t, name, h),
            _ => true,
        },
        InstAttrs::NoDict => false,
    }
}

/// The instance dict's value for `name`, trying the cached position first (and updating it).
#[inline(always)]
///
/// The entry at the hint is checked first by key identity: attribute names are interned, so the
/// key `STORE_ATTR` stored is normally the very name object this `LOAD_ATTR` has, and a pointer
/// compare settles it before anything reads the text or the hash.
fn inst_get_hinted(o: &ObjRef, name: &Value, hash: i64, hint: &Cell<u32>) -> Option<Value> {
    o.with_dict_table(|t| table_get_hinted(t, name, hash, hint))
        .flatten()
}

/// [`inst_get_hinted`] for a dict table.
#[inline(always)]
fn table_get_hinted(
    t: &RefCell<DictTable>,
    name: &Value,
    hash: i64,
    hint: &Cell<u32>,
) -> Option<Value> {
    let t = t.try_borrow().ok()?;
    if let Value::Obj(n) = name {
        if let Some(v) = t.value_if_key_is(hint.get() as usize, n) {
            return Some(v.clone());
        }
    }
    let ns = name.as_str()?;
    let pos = t.find_str_hinted(hint.get() as usize, hash, ns)?;
    #[allow(clippy::cast_possible_truncation)]
    hint.set(pos as u32);
    t.value_at(pos).map(|v| v.clone())
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
    let Some(slot) = slot_at(code, lasti) else {
        return false;
    };
    let Some(cls) = class_addr(o) else {
        return false;
    };
    let name = &slot.name;
    let method = arg & 1 != 0;
    let ep = type_epoch();
    let inst = matches!(o.payload, Payload::Instance(_));
    for ic in &slot.ways {
        if !ic.matches(cls, ep) {
            continue;
        }
        // Results go straight onto the stack from inside the match (a hit built as a value
        // pair first was copied through memory: see docs/performance.md). The two common kinds
        // are tested one by one (two predictable branches); a `match` here compiled to one
        // indirect jump shared by every `LOAD_ATTR`, which mispredicted whenever neighbouring
        // sites had different kinds.
        let kind = ic.kind.get();
        if kind == IcKind::InstValues {
            if let Payload::Instance(a) = &o.payload {
                if let Ok(st) = a.try_borrow() {
                    if let InstAttrs::Values(vals) = &*st {
                        // Not set: the generic path raises or calls `__getattr__`.
                        let Some(v) = vals.get(ic.hint.get() as usize) else {
                            return false;
                        };
                        if method {
                            push_value(stack, Value::Null);
                        }
                        push_value(stack, v.clone());
                        return true;
                    }
                }
            }
        } else if kind == IcKind::Method && inst {
            // (A plain load never meets a method-form entry: slots are per instruction. If it
            // did, the generic path handles it.)
            if method && !shadowed(o, ic, name, slot.hash) {
                push_value(stack, ic.value());
                push_value(stack, owner.clone());
                return true;
            }
            return false;
        }
        // The entry for this class is of another kind, or for an instance in dict mode or an
        // exception (out of line, so that the common path stays short).
        return load_attr_hit_rare(ic, o, owner, stack, slot, method);
    }
    false
}

/// The way of `slot` that holds an entry for objects of `o`'s class at the current type
/// epoch, if any (a class is in at most one way: a refill replaces the way already holding it).
/// Four class compares, then one epoch compare.
#[inline(always)]
fn find_way<'s>(slot: &'s AttrSlot, o: &ObjRef) -> Option<&'s AttrIc> {
    let cls = o.class.as_ref().map_or(1, |c| ObjRef::as_ptr(c) as usize);
    let [w0, w1, w2, w3] = &slot.ways;
    let ic = if w0.cls.get() == cls {
        w0
    } else if w1.cls.get() == cls {
        w1
    } else if w2.cls.get() == cls {
        w2
    } else if w3.cls.get() == cls {
        w3
    } else {
        return None;
    };
    (ic.epoch.get() == type_epoch()).then_some(ic)
}

/// The method-form `LOAD_ATTR` at `at` of `o`, an object of a builtin type without an instance
/// dict (`s.isdigit()`, `items.append(x)`), when its cache has a `NativeMethod` way for `o`'s
/// class: the method, to push with `o` as `self`.
#[inline(always)]
fn native_method_fast(code: &CodeObj, at: usize, o: &ObjRef, method: bool) -> Option<Value> {
    if !method || o.has_dict() {
        return None;
    }
    let ic = find_way(slot_at(code, at)?, o)?;
    (ic.kind.get() == IcKind::NativeMethod).then(|| ic.value())
}

/// `LOAD_FAST; LOAD_ATTR` on the local `owner` (the `LOAD_ATTR` at `at`, method form if
/// `method`) when its cache has one of the entries nearly every hit has: for a plain instance
/// keeping its values in itself, an instance value (CPython's `LOAD_ATTR_INSTANCE_VALUE`) or a
/// method the instance doesn't shadow (`LOAD_ATTR_METHOD_WITH_VALUES`); for another object, a
/// builtin method ([`native_method_fast`]). Pushes the result and returns `true`; `false`:
/// nothing was changed, run [`Vm::load_attr_local`]. `run_loop` inlines this check, so a hit
/// makes no call; everything else stays out of line.
#[inline(always)]
pub(crate) fn load_attr_local_fast(
    code: &CodeObj,
    at: usize,
    stack: &mut Vec<Value>,
    owner: &Value,
    method: bool,
) -> bool {
    let Value::Obj(o) = owner else {
        return false;
    };
    let Payload::Instance(a) = &o.payload else {
        let Some(func) = native_method_fast(code, at, o, method) else {
            return false;
        };
        push_value(stack, func);
        push_value(stack, owner.clone());
        return true;
    };
    let Some(ic) = slot_at(code, at).and_then(|slot| find_way(slot, o)) else {
        return false;
    };
    let kind = ic.kind.get();
    let Ok(st) = a.try_borrow() else {
        return false;
    };
    let InstAttrs::Values(vals) = &*st else {
        return false;
    };
    let k = ic.hint.get() as usize;
    if kind == IcKind::InstValues {
        // (Not set: the generic path raises or calls `__getattr__`.)
        let Some(v) = vals.get(k) else {
            return false;
        };
        if method {
            push_value(stack, Value::Null);
        }
        push_value(stack, v.clone());
        return true;
    }
    // A `Method` entry's `hint` is the name's key index or `NO_KEY` (never below a length):
    // the instance shadows the method exactly when it has a value at that index.
    if kind == IcKind::Method && method && k >= vals.len() {
        drop(st);
        push_value(stack, ic.value());
        push_value(stack, owner.clone());
        return true;
    }
    false
}

/// `LOAD_ATTR` on the owner on top of the stack (`a.b.c`, `f().x`), with the checks of
/// [`load_attr_local_fast`]: replaces the owner by the result (a method: the function, with
/// the owner moved up one slot) and returns `true`. `false`: nothing was changed; pop the
/// owner and run [`Vm::load_attr`].
#[inline(always)]
pub(crate) fn load_attr_top_fast(
    code: &CodeObj,
    at: usize,
    stack: &mut Vec<Value>,
    method: bool,
) -> bool {
    let Some(Value::Obj(o)) = stack.last() else {
        return false;
    };
    let Payload::Instance(a) = &o.payload else {
        let Some(func) = native_method_fast(code, at, o, method) else {
            return false;
        };
        // `(function, owner)`: the owner moves up one slot, the function takes its place.
        let Some(top) = stack.last_mut() else {
            return false;
        };
        let owner = std::mem::replace(top, func);
        push_value(stack, owner);
        return true;
    };
    let Some(ic) = slot_at(code, at).and_then(|slot| find_way(slot, o)) else {
        return false;
    };
    let kind = ic.kind.get();
    let Ok(st) = a.try_borrow() else {
        return false;
    };
    let InstAttrs::Values(vals) = &*st else {
        return false;
    };
    let k = ic.hint.get() as usize;
    let (v, push_owner) = if kind == IcKind::InstValues {
        match vals.get(k) {
            Some(v) => (v.clone(), false),
            None => return false,
        }
    } else if kind == IcKind::Method && method && k >= vals.len() {
        (ic.value(), true)
    } else {
        return false;
    };
    drop(st);
    let Some(top) = stack.last_mut() else {
        return false;
    };
    if push_owner {
        let owner = std::mem::replace(top, v);
        push_value(stack, owner);
    } else if method {
        let owner = std::mem::replace(top, Value::Null);
        push_value(stack, v);
        drop(owner);
    } else {
        let owner = std::mem::replace(top, v);
        drop(owner);
    }
    true
}

/// `STORE_ATTR` (`owner.name = v`, the instruction at `at`) when its cache has a
/// `StoreValues` entry for the owner's class and the owner keeps its values in itself
/// (CPython's `STORE_ATTR_INSTANCE_VALUE`): stores `v` and returns `None`. `Some(v)`: nothing
/// was changed, `v` is given back; run [`Vm::store_attr`] / [`Vm::store_attr_locals`].
/// `run_loop` inlines this check.
#[inline(always)]
pub(crate) fn store_attr_fast(code: &CodeObj, at: usize, owner: &Value, v: Value) -> Option<Value> {
    let Value::Obj(o) = owner else {
        return Some(v);
    };
    let Payload::Instance(a) = &o.payload else {
        return Some(v);
    };
    let Some(ic) = slot_at(code, at).and_then(|slot| find_way(slot, o)) else {
        return Some(v);
    };
    if ic.kind.get() != IcKind::StoreValues {
        return Some(v);
    }
    let Ok(mut st) = a.try_borrow_mut() else {
        return Some(v);
    };
    let InstAttrs::Values(vals) = &mut *st else {
        return Some(v);
    };
    let i = ic.hint.get() as usize;
    if let Some(cur) = vals.get_mut(i) {
        let old = std::mem::replace(cur, v);
        // (The old value is dropped after the borrow ends.)
        drop(st);
        drop(old);
        return None;
    }
    if i == vals.len() {
        vals.push(v);
        return None;
    }
    Some(v)
}

/// The less common hits of [`load_attr_hit`] (kept out of line). `true`: the result has been
/// pushed.
#[inline(never)]
fn load_attr_hit_rare(
    ic: &AttrIc,
    o: &ObjRef,
    owner: &Value,
    stack: &mut Vec<Value>,
    slot: &AttrSlot,
    method: bool,
) -> bool {
    let (name, hash) = (&slot.name, slot.hash);
    let inst = dict_backed(o);
    match ic.kind.get() {
        IcKind::NativeMethod if method && !o.has_dict() => {
            push_value(stack, ic.value());
            push_value(stack, owner.clone());
            true
        }
        IcKind::InstDict | IcKind::InstValues => {
            let found = match (&o.payload, ic.kind.get()) {
                (Payload::Instance(a), IcKind::InstDict) => {
                    with_inst_table(a, |t| table_get_hinted(t, name, hash, &ic.hint))
                }
                // An instance of the class that keeps its attributes in a dict object.
                (Payload::Instance(a), _) => with_inst_table(a, |t| {
                    t.try_borrow()
                        .ok()?
                        .get_str(hash, name.as_str()?)
                        .map(|v| v.clone())
                }),
                (Payload::Exception(_), IcKind::InstDict) => {
                    inst_get_hinted(o, name, hash, &ic.hint)
                }
                _ => None,
            };
            let Some(v) = found else {
                return false;
            };
            if method {
                push_value(stack, Value::Null);
            }
            push_value(stack, v);
            true
        }
        IcKind::Method if inst && method && !shadowed(o, ic, name, hash) => {
            push_value(stack, ic.value());
            push_value(stack, owner.clone());
            true
        }
        IcKind::ClassVal if inst && !shadowed(o, ic, name, hash) => {
            if method {
                push_value(stack, Value::Null);
            }
            push_value(stack, ic.value());
            true
        }
        IcKind::ModDict if matches!(o.payload, Payload::Module(_)) => {
            match inst_get_hinted(o, name, hash, &ic.hint) {
                Some(v) => {
                    if method {
                        push_value(stack, Value::Null);
                    }
                    push_value(stack, v);
                    true
                }
                None => false,
            }
        }
        _ => false,
    }
}

/// `STORE_ATTR` when the instruction's inline cache has the answer (a plain store into the
/// instance's values or dict): stores `v` and returns `None`. `Some(v)`: nothing was changed,
/// `v` is given back; run [`Vm::store_attr_ic`]. Like [`load_attr_hit`], it takes the frame's
/// parts, so the owner can be a local that is not cloned.
#[inline(always)]
fn store_attr_hit(code: &CodeObj, lasti: usize, owner: &Value, v: Value) -> Option<Value> {
    let Value::Obj(o) = owner else {
        return Some(v);
    };
    let (Some(slot), Payload::Instance(a)) = (slot_at(code, lasti), &o.payload) else {
        return store_attr_hit_exc(code, lasti, o, v);
    };
    let Some(cls) = class_addr(o) else {
        return Some(v);
    };
    let ep = type_epoch();
    for ic in &slot.ways {
        if !ic.matches(cls, ep) {
            continue;
        }
        if ic.kind.get() == IcKind::StoreValues {
            if let Ok(mut st) = a.try_borrow_mut() {
                if let InstAttrs::Values(vals) = &mut *st {
                    let i = ic.hint.get() as usize;
                    if let Some(cur) = vals.get_mut(i) {
                        let old = std::mem::replace(cur, v);
                        // (The old value is dropped after the borrow ends.)
                        drop(st);
                        drop(old);
                        return None;
                    }
                    if i == vals.len() {
                        vals.push(v);
                        return None;
                    }
                    return Some(v);
                }
            }
        }
        return store_inst_dict_hit(ic, slot, a, v);
    }
    Some(v)
}

/// [`store_attr_hit`] for an instance in dict mode (out of line): a `StoreDict` entry uses
/// its position hint; a `StoreValues` entry (the class's other instances keep their values in
/// themselves) stores by name, leaving its key index alone.
#[inline(never)]
fn store_inst_dict_hit(
    ic: &AttrIc,
    slot: &AttrSlot,
    a: &RefCell<InstAttrs>,
    v: Value,
) -> Option<Value> {
    let (name, hash) = (&slot.name, slot.hash);
    let Ok(st) = a.try_borrow() else {
        return Some(v);
    };
    let InstAttrs::Dict(d) = &*st else {
        return Some(v);
    };
    let Payload::Dict(t) = &d.payload else {
        return Some(v);
    };
    match ic.kind.get() {
        IcKind::StoreDict => table_store(t, &ic.hint, name, hash, v),
        IcKind::StoreValues => table_store(t, &Cell::new(0), name, hash, v),
        _ => Some(v),
    }
}

/// [`store_attr_hit`] for an owner that is not a plain instance: an exception instance takes
/// the same path as an instance's dict (out of line).
#[inline(never)]
fn store_attr_hit_exc(code: &CodeObj, lasti: usize, o: &ObjRef, v: Value) -> Option<Value> {
    match (slot_at(code, lasti), &o.payload) {
        (Some(slot), Payload::Exception(_)) => store_dict_hit(slot, o, v),
        _ => Some(v),
    }
}

/// The body of [`store_attr_hit_exc`] once the owner is known to have a dict object.
#[inline(always)]
fn store_dict_hit(slot: &AttrSlot, o: &ObjRef, v: Value) -> Option<Value> {
    let Some(cls) = class_addr(o) else {
        return Some(v);
    };
    let ep = type_epoch();
    for ic in &slot.ways {
        if !ic.matches(cls, ep) {
            continue;
        }
        if !matches!(ic.kind.get(), IcKind::StoreDict) {
            return Some(v);
        }
        let mut pending = Some(v);
        let stored = o.with_dict_table(|t| {
            let v = pending.take()?;
            table_store(t, &ic.hint, &slot.name, slot.hash, v)
        });
        return stored.unwrap_or(pending);
    }
    Some(v)
}

/// Stores `name = v` into a dict table, trying the position `hint` first (and updating it).
/// `Some(v)`: the table was busy or the name not a `str`; nothing changed.
#[inline(always)]
fn table_store(
    t: &RefCell<DictTable>,
    hint: &Cell<u32>,
    name: &Value,
    hash: i64,
    v: Value,
) -> Option<Value> {
    let Ok(mut t) = t.try_borrow_mut() else {
        return Some(v);
    };
    let at = hint.get() as usize;
    // The entry at the hint, by key identity first (see `inst_get_hinted`): then the value
    // is swapped in place.
    let v = match t.replace_if_key_is(at, name, v) {
        Ok(old) => {
            drop(t);
            drop(old);
            return None;
        }
        Err(v) => v,
    };
    let Some(ns) = name.as_str() else {
        return Some(v);
    };
    let (old, pos) = match t.find_str_hinted(at, hash, ns) {
        Some(pos) => (t.set_at(pos, v), pos),
        None => {
            t.push_new(hash, name.clone(), v);
            (None, t.capacity_positions().saturating_sub(1))
        }
    };
    #[allow(clippy::cast_possible_truncation)]
    hint.set(pos as u32);
    // (The old value is dropped after the table's borrow ends.)
    drop(t);
    drop(old);
    None
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
        match store_attr_hit(&f.code, f.lasti, &owner, v) {
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
            Some(o) => match store_attr_hit(&f.code, f.lasti, o, v) {
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
        if let (Some(slot), Value::Obj(o)) = (slot_of(f), &owner) {
            let fresh = self.attr_ic_fill_load(o, f, arg >> 1, arg & 1 != 0);
            slot.victim(o).set(fresh);
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
    fn attr_ic_fill_load(
        &self,
        o: &ObjRef,
        f: &Frame,
        name_idx: usize,
        method: bool,
    ) -> Option<Fill> {
        let name = f.code.names.get(name_idx)?;
        let ns = name.as_str()?;
        if ns.starts_with("__") {
            return None;
        }
        let cls = o.class.clone()?;
        cls.as_type()?;
        let h = name_hash(name);
        let epoch = type_epoch();
        match &o.payload {
            Payload::Instance(_) | Payload::Exception(_) => {
                if self.hook_flags(&cls) & hook::GETATTRIBUTE != 0 {
                    return None;
                }
                // The name's index in the class's key table, for an instance that keeps its
                // values in itself.
                let key = match &o.payload {
                    Payload::Instance(_) => class_key_index(o, name),
                    _ => None,
                };
                match self.lookup_type_attr_h(&cls, ns, h) {
                    // (The dict comes first for an exception too: a dict hit is what the
                    // generic path finds.)
                    None => match (key, values_mode(o)) {
                        #[allow(clippy::cast_possible_truncation)]
                        (Some(i), true) => {
                            Fill::hinted(Fill::new(cls, epoch, IcKind::InstValues), i as u32)
                        }
                        _ => Fill::new(cls, epoch, IcKind::InstDict),
                    },
                    Some(_) if matches!(o.payload, Payload::Exception(_)) && exc_state_name(ns) => {
                        None
                    }
                    Some(d) => {
                        let is_method = match d.payload() {
                            Some(Payload::Function(_)) => true,
                            Some(Payload::NativeFunction(nf)) => nf.kind == NativeKind::Method,
                            _ => false,
                        };
                        #[allow(clippy::cast_possible_truncation)]
                        let key = key.map_or(NO_KEY, |i| i as u32);
                        if is_method && method {
                            Fill::hinted(Fill::with_value(cls, epoch, IcKind::Method, d), key)
                        } else if !is_method && plain_class_value(&d) {
                            Fill::hinted(Fill::with_value(cls, epoch, IcKind::ClassVal, d), key)
                        } else {
                            None
                        }
                    }
                }
            }
            Payload::Module(_) => {
                if self.lookup_type_attr_h(&cls, ns, h).is_none() {
                    Fill::new(cls, epoch, IcKind::ModDict)
                } else {
                    None
                }
            }
            Payload::Type(_) | Payload::Super { .. } => None,
            _ if method && !o.has_dict() && cls.as_type().is_some_and(|t| !t.heap) => {
                match self.lookup_type_attr_h(&cls, ns, h) {
                    Some(d)
                        if matches!(d.payload(),
                            Some(Payload::NativeFunction(nf)) if nf.kind == NativeKind::Method) =>
                    {
                        Fill::with_value(cls, epoch, IcKind::NativeMethod, d)
                    }
                    _ => None,
                }
            }
            _ => None,
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
        if let (Some(slot), Value::Obj(o), Some(name)) = (slot_of(f), &owner, f.code.names.get(arg))
        {
            let fresh = self.attr_ic_fill_store(o, name);
            slot.victim(o).set(fresh);
        }
        let name = f.code.names.get(arg).cloned().unwrap_or_default();
        self.setattr(&owner, &name, v)
    }

    /// Decides what a `STORE_ATTR` slot should remember for objects like `o`.
    fn attr_ic_fill_store(&self, o: &ObjRef, name: &Value) -> Option<Fill> {
        let ns = name.as_str()?;
        if ns.starts_with("__") || !dict_backed(o) {
            return None;
        }
        if matches!(o.payload, Payload::Exception(_)) && ns == "args" {
            return None;
        }
        let cls = o.class.clone()?;
        let heap = cls.as_type().is_some_and(|t| t.heap);
        if !heap || self.hook_flags(&cls) & hook::SETATTR != 0 || self.has_no_dict(&cls) {
            return None;
        }
        let epoch = type_epoch();
        if self.lookup_type_attr_h(&cls, ns, name_hash(name)).is_some() {
            return None;
        }
        match &o.payload {
            // Values: only once the name has its index in the key table (the first store of
            // a new name appends it; the next miss fills the way).
            Payload::Instance(_) if values_mode(o) => match class_key_index(o, name) {
                #[allow(clippy::cast_possible_truncation)]
                Some(i) => Fill::hinted(Fill::new(cls, epoch, IcKind::StoreValues), i as u32),
                None => Fill::new(cls, epoch, IcKind::StoreDict),
            },
            // A dict object: an exact dict only (the generic path calls a subclass's
            // `__setitem__`).
            Payload::Instance(_) => match o.dict_obj() {
                Some(d)
                    if d.class
                        .as_ref()
                        .is_some_and(|c| ObjRef::ptr_eq(c, &self.t.dict)) =>
                {
                    Fill::new(cls, epoch, IcKind::StoreDict)
                }
                _ => None,
            },
            _ => {
                o.with_dict_table(|_| ())?;
                Fill::new(cls, epoch, IcKind::StoreDict)
            }
        }
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
                if ObjRef::ptr_eq(globals, &f.globals)
                    && dict_version(globals) == Some(*gver)
                    && builtins.as_ref().map_or(true, |(b, bv)| {
                        ObjRef::ptr_eq(b, &f.builtins) && dict_version(b) == Some(*bv)
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
