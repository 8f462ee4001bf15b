//! The `__dict__` of objects whose payload has no room for one: instances of subclasses of
//! builtin types (`class L(list)`, `class S(str)`…), `classmethod` / `staticmethod` objects,
//! native objects of a subclass. Such objects are rare, and keeping their dict out of
//! [`PyObject`] keeps every object within four words of payload plus its class (a 64-byte
//! allocation with the `Rc` counts).
//!
//! The dicts live in a thread-local table keyed by the object's address (objects are `Rc`s,
//! which never leave their thread). A class whose instance got such a dict is marked
//! ([`TypeData::side_dicts`]); only objects of marked classes are looked up, and a dying one
//! takes its entry out in `Drop` (before its address can be reused), so the table only holds
//! live objects' dicts. Modules, functions, exceptions and plain instances keep their dict
//! in their payload.

use crate::object::{ObjRef, Payload, PyObject, TypeData};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

type SideMap = HashMap<usize, ObjRef, ahash::RandomState>;

thread_local! {
    static SIDE: RefCell<SideMap> =
        RefCell::new(HashMap::with_hasher(ahash::RandomState::with_seeds(9, 10, 11, 12)));
    /// How many entries `SIDE` has: while none, no object is looked up (one load).
    static LIVE: Cell<usize> = const { Cell::new(0) };
}

/// Are there side dicts on this thread at all?
#[inline]
pub(crate) fn any() -> bool {
    LIVE.try_with(Cell::get).unwrap_or(0) != 0
}

#[inline]
fn addr(o: &PyObject) -> usize {
    o as *const PyObject as usize
}

/// The class data of `o` if its class may have instances with a side dict (and some object
/// has one now).
#[inline]
fn marked_class(o: &PyObject) -> Option<&TypeData> {
    if !any() {
        return None;
    }
    let td = match &o.class.as_ref()?.payload {
        Payload::Type(td) => td,
        _ => return None,
    };
    td.side_dicts.get().then_some(&**td)
}

/// The side dict of `o`, if it has one.
#[inline]
pub(crate) fn get(o: &PyObject) -> Option<ObjRef> {
    marked_class(o)?;
    SIDE.try_with(|m| m.try_borrow().ok()?.get(&addr(o)).cloned())
        .ok()
        .flatten()
}

/// Does `o` have a side dict?
#[inline]
pub(crate) fn has(o: &PyObject) -> bool {
    marked_class(o).is_some()
        && SIDE
            .try_with(|m| m.try_borrow().is_ok_and(|m| m.contains_key(&addr(o))))
            .unwrap_or(false)
}

/// Gives `o` the side dict `d` (replacing any). The caller makes sure `o`'s payload has no
/// room of its own for a dict.
pub(crate) fn set(o: &PyObject, d: ObjRef) {
    let Some(Payload::Type(td)) = o.class.as_ref().map(|c| &c.payload) else {
        return;
    };
    td.side_dicts.set(true);
    let old = SIDE.try_with(|m| {
        let mut m = m.try_borrow_mut().ok()?;
        let old = m.insert(addr(o), d);
        let _ = LIVE.try_with(|n| n.set(m.len()));
        old
    });
    // A replaced dict is released with no borrow of the table held.
    drop(old);
}

/// Reports `o`'s side dict, if any, to `f` (the cycle collector's traversal: no new
/// reference is made).
pub(crate) fn visit(o: &PyObject, f: &mut dyn FnMut(&ObjRef)) {
    if marked_class(o).is_none() {
        return;
    }
    let _ = SIDE.try_with(|m| {
        if let Some(d) = m.try_borrow().ok().as_ref().and_then(|m| m.get(&addr(o))) {
            f(d);
        }
    });
}

/// Takes the side dict of the dying object at `addr` (of a marked class) out of the table.
#[cold]
pub(crate) fn take_dying(addr: usize) -> Option<ObjRef> {
    SIDE.try_with(|m| {
        let mut m = m.try_borrow_mut().ok()?;
        let d = m.remove(&addr);
        let _ = LIVE.try_with(|n| n.set(m.len()));
        d
    })
    .ok()
    .flatten()
}

/// How many side dicts are live on this thread (for tests).
pub fn live_count() -> usize {
    SIDE.try_with(|m| m.try_borrow().map_or(0, |m| m.len()))
        .unwrap_or(0)
}
