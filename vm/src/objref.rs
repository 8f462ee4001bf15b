//! [`ObjRc`]: the counted pointer every heap object lives behind, and its weak twin [`ObjWeak`].
//!
//! It does what `std::rc::Rc<PyObject>` / `std::rc::Weak<PyObject>` did, with two `u32`
//! counts in front of the object instead of two `usize`: 8 + 48 = 56 bytes per object, a
//! 56-byte allocator size class instead of 64 (see docs/performance.md, "Object counts in 8
//! bytes").
//!
//! The counting convention is std's: the strong references together hold one weak reference,
//! so the block is freed when the weak count reaches zero, and the object itself is dropped
//! when the strong count does. A count that would overflow `u32` aborts the process (as std
//! does for `usize`): it can never wrap to a value that frees a live object.
//!
//! The counts are only ever reached through raw field pointers by weak references (never
//! through a reference to the whole block), so a weak reference used while the object is being
//! dropped (a `__del__`, the cycle collector's registry) does not alias the `&mut` to the dying
//! object.

use crate::object::PyObject;
use std::cell::Cell;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ptr::{addr_of, addr_of_mut, NonNull};

/// The heap block: the counts, then the object.
#[repr(C)]
struct ObjBox {
    /// Strong references; the object is dropped when it reaches zero.
    strong: Cell<u32>,
    /// Weak references, plus one held by all the strong ones together; the block is freed when
    /// it reaches zero.
    weak: Cell<u32>,
    /// Dropped by hand when `strong` reaches zero (the block may outlive it, for weak refs).
    value: ManuallyDrop<PyObject>,
}

// An object block is one 56-byte allocation (mimalloc has a 56-byte size class).
const _: () = assert!(std::mem::size_of::<ObjBox>() == 56);
const _: () = assert!(std::mem::size_of::<ObjRc>() == 8);
const _: () = assert!(std::mem::size_of::<Option<ObjRc>>() == 8);

/// The strong count of the block at `p`.
///
/// # Safety
/// `p` points to a block that is not yet freed, for as long as the result is used.
#[inline(always)]
unsafe fn strong_of<'a>(p: NonNull<ObjBox>) -> &'a Cell<u32> {
    // SAFETY: the caller guarantees the block is allocated; the field pointer is taken without
    // making a reference to the whole block (whose object may be mutably borrowed while dying).
    unsafe { &*addr_of!((*p.as_ptr()).strong) }
}

/// The weak count of the block at `p`.
///
/// # Safety
/// As for [`strong_of`].
#[inline(always)]
unsafe fn weak_of<'a>(p: NonNull<ObjBox>) -> &'a Cell<u32> {
    // SAFETY: as in `strong_of`.
    unsafe { &*addr_of!((*p.as_ptr()).weak) }
}

/// Adds one to a count; aborts rather than wrap (a wrapped count would free a live object).
#[inline(always)]
fn increment(c: &Cell<u32>) {
    let n = c.get().wrapping_add(1);
    c.set(n);
    if n == 0 {
        count_overflow();
    }
}

/// A count passed `u32::MAX` (more references than could fit in memory, or leaked ones).
#[cold]
#[inline(never)]
fn count_overflow() -> ! {
    std::process::abort()
}

/// A counted reference to a heap object (what [`crate::ObjRef`] names). Single-threaded:
/// neither `Send` nor `Sync`.
pub struct ObjRc {
    ptr: NonNull<ObjBox>,
    /// The reference owns (a share of) an `ObjBox`, for the drop checker.
    _owns: PhantomData<ObjBox>,
}

impl ObjRc {
    /// A new object with one strong reference.
    #[inline]
    pub fn new(value: PyObject) -> ObjRc {
        let b = Box::new(ObjBox {
            strong: Cell::new(1),
            weak: Cell::new(1),
            value: ManuallyDrop::new(value),
        });
        ObjRc {
            ptr: NonNull::from(Box::leak(b)),
            _owns: PhantomData,
        }
    }

    /// The strong count, while this reference keeps it at least one.
    #[inline(always)]
    fn strong(&self) -> &Cell<u32> {
        // SAFETY: a strong reference keeps the block allocated.
        unsafe { strong_of(self.ptr) }
    }

    /// The weak count (including the one the strong references hold together).
    #[inline(always)]
    fn weak(&self) -> &Cell<u32> {
        // SAFETY: a strong reference keeps the block allocated.
        unsafe { weak_of(self.ptr) }
    }

    /// Do `a` and `b` refer to the same object?
    #[inline(always)]
    pub fn ptr_eq(a: &ObjRc, b: &ObjRc) -> bool {
        a.ptr == b.ptr
    }

    /// The object's address (stable while it lives; what `id()` shows).
    #[inline(always)]
    pub fn as_ptr(this: &ObjRc) -> *const PyObject {
        &**this as *const PyObject
    }

    /// Gives up the reference as the object's address (what [`ObjRc::as_ptr`] returns), to be
    /// taken back with [`ObjRc::from_raw`]; until then the object is kept alive.
    #[inline(always)]
    pub fn into_raw(this: ObjRc) -> *const PyObject {
        let b = this.ptr.as_ptr();
        std::mem::forget(this);
        // SAFETY: the reference given up keeps the block allocated; the field's address is
        // taken from the block's pointer (no reference made), so it keeps the provenance of
        // the whole block, which `from_raw` steps back into. `ManuallyDrop` is transparent.
        unsafe { addr_of!((*b).value) }.cast::<PyObject>()
    }

    /// Takes back a reference given up by [`ObjRc::into_raw`].
    ///
    /// # Safety
    /// `p` came from `into_raw` and is taken back once.
    #[inline(always)]
    pub unsafe fn from_raw(p: *const PyObject) -> ObjRc {
        // The object is the `value` field of its `ObjBox` (`repr(C)`, behind the two counts).
        let offset = std::mem::offset_of!(ObjBox, value);
        // SAFETY: `p` points `offset` bytes into a live `ObjBox` (the caller's contract), so
        // stepping back stays within that allocation and gives the block's non-null address.
        let b = unsafe {
            NonNull::new_unchecked(p.cast::<u8>().sub(offset).cast::<ObjBox>().cast_mut())
        };
        ObjRc {
            ptr: b,
            _owns: PhantomData,
        }
    }

    /// How many strong references the object has.
    #[inline(always)]
    pub fn strong_count(this: &ObjRc) -> usize {
        this.strong().get() as usize
    }

    /// How many weak references the object has.
    #[inline]
    pub fn weak_count(this: &ObjRc) -> usize {
        this.weak().get().saturating_sub(1) as usize
    }

    /// A weak reference to the object.
    #[inline]
    pub fn downgrade(this: &ObjRc) -> ObjWeak {
        increment(this.weak());
        ObjWeak {
            ptr: Some(this.ptr),
        }
    }

    /// Adds a strong reference that no `ObjRc` owns yet: for `Value::clone`, which then makes
    /// the owner by a bitwise copy. A reference added and never owned is a leak, not unsoundness.
    #[inline(always)]
    pub(crate) fn increment_strong(this: &ObjRc) {
        increment(this.strong());
    }

    /// The object, if `this` is its only reference (strong or weak).
    #[inline]
    pub fn get_mut(this: &mut ObjRc) -> Option<&mut PyObject> {
        if this.strong().get() == 1 && this.weak().get() == 1 {
            // SAFETY: no other strong or weak reference exists, and `this` is borrowed mutably
            // for the result's lifetime, so nothing else can reach the object meanwhile.
            Some(unsafe { &mut *addr_of_mut!((*this.ptr.as_ptr()).value) })
        } else {
            None
        }
    }

    /// The object itself if `this` is its only strong reference (weak ones then see it dead).
    pub fn try_unwrap(this: ObjRc) -> Result<PyObject, ObjRc> {
        if this.strong().get() != 1 {
            return Err(this);
        }
        let this = ManuallyDrop::new(this);
        // SAFETY: the only strong reference moves the object out and marks it dead (count 0)
        // before anything can look again; `value` is `ManuallyDrop`, so it is not dropped twice.
        let value = unsafe { std::ptr::read(&*this.ptr.as_ref().value) };
        this.strong().set(0);
        // The weak reference the strong ones held: freeing the block if no weak ones remain.
        drop(ObjWeak {
            ptr: Some(this.ptr),
        });
        Ok(value)
    }

    /// Drops the object whose last strong reference just went, then the strong references'
    /// shared weak one (which frees the block unless weak references remain).
    #[inline(never)]
    fn drop_slow(&mut self) {
        // SAFETY: the strong count just reached zero, so no other strong reference exists and
        // no weak one can make one (`upgrade` sees zero); the object is dropped exactly once,
        // through a field pointer that makes no reference to the counts.
        unsafe { ManuallyDrop::drop(&mut *addr_of_mut!((*self.ptr.as_ptr()).value)) };
        drop(ObjWeak {
            ptr: Some(self.ptr),
        });
    }
}

impl Clone for ObjRc {
    #[inline(always)]
    fn clone(&self) -> ObjRc {
        increment(self.strong());
        ObjRc {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

impl Drop for ObjRc {
    #[inline]
    fn drop(&mut self) {
        let c = self.strong();
        let n = c.get().wrapping_sub(1);
        c.set(n);
        if n == 0 {
            self.drop_slow();
        }
    }
}

impl std::ops::Deref for ObjRc {
    type Target = PyObject;

    #[inline(always)]
    fn deref(&self) -> &PyObject {
        // SAFETY: a strong reference keeps the object alive, and it is only mutably borrowed
        // through `get_mut` (which needs `&mut` of the only reference) or after the last
        // strong reference is gone.
        unsafe { &(*self.ptr.as_ptr()).value }
    }
}

impl AsRef<PyObject> for ObjRc {
    #[inline(always)]
    fn as_ref(&self) -> &PyObject {
        self
    }
}

impl std::fmt::Pointer for ObjRc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Pointer::fmt(&ObjRc::as_ptr(self), f)
    }
}

/// A weak reference to a heap object: does not keep it alive; [`ObjWeak::upgrade`] gives a
/// strong one while it lives. [`ObjWeak::new`] refers to nothing.
pub struct ObjWeak {
    ptr: Option<NonNull<ObjBox>>,
}

impl ObjWeak {
    /// A weak reference to nothing (it never upgrades).
    #[inline]
    pub const fn new() -> ObjWeak {
        ObjWeak { ptr: None }
    }

    /// A strong reference to the object if it is still alive.
    #[inline]
    pub fn upgrade(&self) -> Option<ObjRc> {
        let p = self.ptr?;
        // SAFETY: this weak reference keeps the block allocated.
        let s = unsafe { strong_of(p) };
        if s.get() == 0 {
            return None;
        }
        increment(s);
        Some(ObjRc {
            ptr: p,
            _owns: PhantomData,
        })
    }

    /// How many strong references the object has (zero once it is dead).
    #[inline]
    pub fn strong_count(&self) -> usize {
        match self.ptr {
            // SAFETY: this weak reference keeps the block allocated.
            Some(p) => unsafe { strong_of(p) }.get() as usize,
            None => 0,
        }
    }

    /// The object's address (as [`ObjRc::as_ptr`] gave it; kept after it dies, while this weak
    /// reference keeps the block), or null for a weak reference to nothing.
    #[inline]
    pub fn as_ptr(&self) -> *const PyObject {
        match self.ptr {
            Some(p) => p
                .as_ptr()
                .cast::<u8>()
                .wrapping_add(std::mem::offset_of!(ObjBox, value))
                .cast::<PyObject>(),
            None => std::ptr::null(),
        }
    }

    /// Do both refer to the same block (or both to nothing)?
    #[inline]
    pub fn ptr_eq(&self, other: &ObjWeak) -> bool {
        self.ptr == other.ptr
    }
}

impl Default for ObjWeak {
    fn default() -> ObjWeak {
        ObjWeak::new()
    }
}

impl Clone for ObjWeak {
    #[inline]
    fn clone(&self) -> ObjWeak {
        if let Some(p) = self.ptr {
            // SAFETY: this weak reference keeps the block allocated.
            increment(unsafe { weak_of(p) });
        }
        ObjWeak { ptr: self.ptr }
    }
}

impl Drop for ObjWeak {
    #[inline]
    fn drop(&mut self) {
        let Some(p) = self.ptr else {
            return;
        };
        // SAFETY: this weak reference keeps the block allocated until the count it holds is
        // given back here.
        let w = unsafe { weak_of(p) };
        let n = w.get().wrapping_sub(1);
        w.set(n);
        if n == 0 {
            // SAFETY: no weak reference remains, and no strong one (they hold a weak one
            // together), so the object was already dropped (`value` is `ManuallyDrop`: freeing
            // the box does not drop it again) and nothing else points to the block, which
            // `ObjRc::new` allocated as a `Box<ObjBox>`.
            drop(unsafe { Box::from_raw(p.as_ptr()) });
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::object::Payload;
    use crate::value::Value;

    fn obj(items: Vec<Value>) -> ObjRc {
        ObjRc::new(PyObject::new(None, Payload::Tuple(items.into())))
    }

    fn tuple_len(o: &PyObject) -> usize {
        match &o.payload {
            Payload::Tuple(t) => t.len(),
            _ => usize::MAX,
        }
    }

    #[test]
    fn counts_follow_clones_and_weak_refs() {
        let a = obj(vec![]);
        assert_eq!(ObjRc::strong_count(&a), 1);
        assert_eq!(ObjRc::weak_count(&a), 0);
        let b = a.clone();
        assert!(ObjRc::ptr_eq(&a, &b));
        assert_eq!(ObjRc::as_ptr(&a), ObjRc::as_ptr(&b));
        assert_eq!(ObjRc::strong_count(&a), 2);
        let w = ObjRc::downgrade(&a);
        let w2 = w.clone();
        assert_eq!(ObjRc::weak_count(&a), 2);
        assert_eq!(w.strong_count(), 2);
        assert!(w.ptr_eq(&w2));
        assert_eq!(w.as_ptr(), ObjRc::as_ptr(&a));
        assert!(ObjWeak::new().as_ptr().is_null());
        drop(w2);
        assert_eq!(ObjRc::weak_count(&a), 1);
        drop(b);
        assert_eq!(ObjRc::strong_count(&a), 1);
        let c = obj(vec![]);
        assert!(!ObjRc::ptr_eq(&a, &c));
        ObjRc::increment_strong(&a);
        assert_eq!(ObjRc::strong_count(&a), 2);
        // The reference added above is owned by a bitwise copy, as `Value::clone` does.
        // SAFETY: the count was incremented for this copy.
        drop(unsafe { std::ptr::read(&a) });
        assert_eq!(ObjRc::strong_count(&a), 1);
    }

    #[test]
    fn raw_round_trip_keeps_the_reference() {
        let a = obj(vec![Value::Int(7)]);
        let b = a.clone();
        let p = ObjRc::into_raw(b);
        assert_eq!(p, ObjRc::as_ptr(&a));
        assert_eq!(ObjRc::strong_count(&a), 2);
        // SAFETY: `p` came from `into_raw` and is taken back once.
        let back = unsafe { ObjRc::from_raw(p) };
        assert!(ObjRc::ptr_eq(&a, &back));
        drop(back);
        assert_eq!(ObjRc::strong_count(&a), 1);
    }

    #[test]
    fn weak_upgrade_after_drop_fails() {
        let a = obj(vec![Value::Int(1), Value::Int(2)]);
        let w = ObjRc::downgrade(&a);
        let up = w.upgrade().unwrap();
        assert_eq!(tuple_len(&up), 2);
        assert_eq!(ObjRc::strong_count(&a), 2);
        drop(up);
        drop(a);
        assert_eq!(w.strong_count(), 0);
        assert!(w.upgrade().is_none());
        let empty = ObjWeak::new();
        assert!(empty.upgrade().is_none());
        assert_eq!(empty.strong_count(), 0);
        assert!(empty.ptr_eq(&ObjWeak::default()));
        assert!(!w.ptr_eq(&empty));
        drop(w.clone());
    }

    #[test]
    fn try_unwrap_and_get_mut() {
        let mut a = obj(vec![Value::Int(1)]);
        assert!(ObjRc::get_mut(&mut a).is_some());
        let b = a.clone();
        assert!(ObjRc::get_mut(&mut a).is_none());
        let a = ObjRc::try_unwrap(a).err().unwrap();
        drop(b);
        let mut a = a;
        let w = ObjRc::downgrade(&a);
        // A weak reference keeps `get_mut` from handing out the object ...
        assert!(ObjRc::get_mut(&mut a).is_none());
        // ... but not `try_unwrap`, after which the weak reference sees it dead.
        let po = ObjRc::try_unwrap(a).ok().unwrap();
        assert_eq!(tuple_len(&po), 1);
        assert!(w.upgrade().is_none());
        let again = ObjRc::new(po);
        assert_eq!(ObjRc::strong_count(&again), 1);
    }

    #[test]
    fn object_dropped_with_last_strong_ref_not_last_weak() {
        // The tuple's item must be released when the last strong reference to the tuple goes,
        // though a weak reference keeps the block.
        let inner = ObjRc::new(PyObject::new(
            None,
            Payload::Str(crate::object::StrData::from_string("x".repeat(40))),
        ));
        let t = obj(vec![Value::Obj(inner.clone())]);
        let w = ObjRc::downgrade(&t);
        assert_eq!(ObjRc::strong_count(&inner), 2);
        let t2 = t.clone();
        drop(t);
        assert_eq!(ObjRc::strong_count(&inner), 2);
        drop(t2);
        assert_eq!(ObjRc::strong_count(&inner), 1);
        assert!(w.upgrade().is_none());
        drop(w);
    }
}
