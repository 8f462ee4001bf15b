//! [`CountingAllocator`]: a global allocator wrapper that lets interpreters enforce a memory limit.

use std::alloc::{GlobalAlloc, Layout, System};

/// Wraps a global allocator and reports every allocation and deallocation to pyvm's per-thread
/// heap counter, which memory limits ([`super::Builder::memory_limit`]) are checked against.
///
/// Install it once in the host binary:
///
/// ```no_run
/// use pyvm::embed::CountingAllocator;
///
/// #[global_allocator]
/// static ALLOC: CountingAllocator = CountingAllocator::system();
/// # fn main() {}
/// ```
///
/// It can wrap any allocator (e.g. `CountingAllocator::new(mimalloc::MiMalloc)`). The cost is
/// one thread-local add per allocation and per free. Counting is per thread: a VM runs on one
/// thread, so what its thread allocates is what the limit bounds (the VM's objects plus anything
/// else the host does on that thread while the guest runs).
pub struct CountingAllocator<A = System> {
    inner: A,
}

impl CountingAllocator<System> {
    /// Wraps the system allocator.
    pub const fn system() -> Self {
        CountingAllocator { inner: System }
    }
}

impl<A> CountingAllocator<A> {
    /// Wraps `inner`.
    pub const fn new(inner: A) -> Self {
        CountingAllocator { inner }
    }
}

// SAFETY: every method forwards to the wrapped allocator with the caller's arguments unchanged,
// so the wrapped allocator's guarantees carry over; the bookkeeping neither allocates nor
// unwinds (it only updates thread-local `Cell`s with saturating arithmetic).
unsafe impl<A: GlobalAlloc> GlobalAlloc for CountingAllocator<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which we pass on.
        let p = unsafe { self.inner.alloc(layout) };
        if !p.is_null() {
            pyvm_vm::limits::heap_note_alloc(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { self.inner.alloc_zeroed(layout) };
        if !p.is_null() {
            pyvm_vm::limits::heap_note_alloc(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller guarantees `ptr` came from this allocator with this `layout`.
        unsafe { self.inner.dealloc(ptr, layout) };
        pyvm_vm::limits::heap_note_free(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract, which we pass on.
        let p = unsafe { self.inner.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            pyvm_vm::limits::heap_note_free(layout.size());
            pyvm_vm::limits::heap_note_alloc(new_size);
        }
        p
    }
}

/// Is a [`CountingAllocator`] the global allocator (has it seen an allocation)?
pub fn counting_allocator_installed() -> bool {
    pyvm_vm::limits::heap_counting_enabled()
}

/// Net bytes allocated on the current thread, as counted by [`CountingAllocator`] (0 without it).
pub fn thread_heap_bytes() -> i64 {
    pyvm_vm::limits::heap_thread_bytes()
}
