//! The binary's global allocator: mimalloc, entered through its plain `mi_malloc` for the
//! ordinary alignments.
//!
//! `mimalloc::MiMalloc` sends every request through `mi_malloc_aligned`. Its fast path only
//! serves a request when the size class's current page still has a free block at the right
//! alignment; once that page is used up, a size class whose block size is not a power of two
//! (24, 40, 48, 56… bytes: most of our objects) takes the over-allocating fallback
//! (`size + align - 1` from the next class up) on every later request, and the exhausted page
//! is never refilled by that path (on the `strings` benchmark 38% of all allocations went that
//! way, and an allocation averaged ~175 instructions). Every mimalloc block is aligned to at
//! least a machine word (blocks start 16-aligned and block sizes are multiples of the word
//! size), so requests aligned to a word or less can use `mi_malloc`/`mi_zalloc`, whose fast
//! path pops the page's free list and refills it when empty. Larger alignments keep going
//! through `MiMalloc`.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// The alignment every mimalloc block has whatever its size.
const WORD_ALIGN: usize = std::mem::size_of::<usize>();

extern "C" {
    fn mi_malloc(size: usize) -> *mut c_void;
    fn mi_zalloc(size: usize) -> *mut c_void;
}

/// mimalloc with the plain entry points for word-aligned requests (see the module doc).
pub struct Mi;

// SAFETY: every method either forwards to `MiMalloc` (a correct `GlobalAlloc`) or, for layouts
// whose alignment is at most a word, to `mi_malloc`/`mi_zalloc`, which return null or a block
// of at least `size` bytes aligned to a word; `mi_free` (used by `MiMalloc::dealloc`) and
// `mi_realloc_aligned` accept blocks from either entry point.
unsafe impl GlobalAlloc for Mi {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD_ALIGN {
            // SAFETY: `mi_malloc` has no preconditions; the result is null or suitably aligned.
            unsafe { mi_malloc(layout.size()).cast::<u8>() }
        } else {
            // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which we pass on.
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD_ALIGN {
            // SAFETY: `mi_zalloc` has no preconditions; the result is null or suitably aligned.
            unsafe { mi_zalloc(layout.size()).cast::<u8>() }
        } else {
            // SAFETY: the caller upholds `GlobalAlloc::alloc_zeroed`'s contract, which we pass on.
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator (so from mimalloc); the contract is passed on.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator (so from mimalloc); the contract is passed on.
        // `mi_realloc_aligned` takes the plain reallocation path for word alignments.
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

/// mimalloc's `mi_option_arena_reserve` (the index in v3's `mi_option_t`), in KiB.
#[cfg(target_os = "linux")]
const MI_OPTION_ARENA_RESERVE: std::ffi::c_int = 23;

/// The first arena mimalloc reserves: 64 MiB instead of its 1 GiB default. Reserving is only
/// address space, but the arena's bitmaps are sized for the whole reservation and written at
/// once: for 1 GiB that is ~42 page faults (a tenth of all) in every start-up. Larger heaps
/// get further arenas as they grow. `MIMALLOC_ARENA_RESERVE` in the environment still wins.
#[cfg(target_os = "linux")]
const FIRST_ARENA_KIB: std::ffi::c_long = 64 * 1024;

#[cfg(target_os = "linux")]
extern "C" {
    fn mi_option_set_default(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// Runs from `.init_array` before `main`, after mimalloc's own set-up (its constructor has
/// priority 101, this one 102; it has read the options from the environment by then) and
/// before the first allocation reserves an arena.
#[cfg(target_os = "linux")]
extern "C" fn small_first_arena() {
    // SAFETY: `mi_option_set_default` only stores an option value unless the environment set
    // the option; out-of-range option indices are ignored.
    unsafe { mi_option_set_default(MI_OPTION_ARENA_RESERVE, FIRST_ARENA_KIB) };
}

#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array.00102"]
static SMALL_FIRST_ARENA: extern "C" fn() = small_first_arena;
