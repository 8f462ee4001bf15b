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
#[cfg(target_os = "linux")]
use std::ffi::{c_char, c_int, c_long};

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
            let p = unsafe { mi_malloc(layout.size()).cast::<u8>() };
            #[cfg(feature = "alloc-stats")]
            stats::on_alloc(p);
            p
        } else {
            // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which we pass on.
            let p = unsafe { mimalloc::MiMalloc.alloc(layout) };
            #[cfg(feature = "alloc-stats")]
            stats::on_alloc(p);
            p
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD_ALIGN {
            // SAFETY: `mi_zalloc` has no preconditions; the result is null or suitably aligned.
            let p = unsafe { mi_zalloc(layout.size()).cast::<u8>() };
            #[cfg(feature = "alloc-stats")]
            stats::on_alloc(p);
            p
        } else {
            // SAFETY: the caller upholds `GlobalAlloc::alloc_zeroed`'s contract, which we pass on.
            let p = unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) };
            #[cfg(feature = "alloc-stats")]
            stats::on_alloc(p);
            p
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        #[cfg(feature = "alloc-stats")]
        stats::on_free(ptr);
        // SAFETY: `ptr` came from this allocator (so from mimalloc); the contract is passed on.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        #[cfg(feature = "alloc-stats")]
        stats::on_free(ptr);
        // SAFETY: `ptr` came from this allocator (so from mimalloc); the contract is passed on.
        // `mi_realloc_aligned` takes the plain reallocation path for word alignments.
        let p = unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) };
        #[cfg(feature = "alloc-stats")]
        stats::on_alloc(p);
        p
    }
}

/// mimalloc's `mi_option_arena_reserve` (the index in v3's `mi_option_t`), in KiB.
#[cfg(target_os = "linux")]
const MI_OPTION_ARENA_RESERVE: c_int = 23;

/// The number of options in v3's `mi_option_t` (`_mi_option_last`). Options added by a later
/// mimalloc are read from the environment as usual; indices past mimalloc's last are ignored.
#[cfg(target_os = "linux")]
const MI_OPTION_COUNT: c_int = 47;

/// The first arena mimalloc reserves: 64 MiB instead of its 1 GiB default. Reserving is only
/// address space, but the arena's bitmaps are sized for the whole reservation and written at
/// once: for 1 GiB that is ~42 page faults (a tenth of all) in every start-up. Larger heaps
/// get further arenas as they grow. `MIMALLOC_ARENA_RESERVE` in the environment still wins.
#[cfg(target_os = "linux")]
const FIRST_ARENA_KIB: c_long = 64 * 1024;

#[cfg(target_os = "linux")]
extern "C" {
    /// The C library's environment (`char **environ`, null-terminated).
    static mut environ: *const *const c_char;
    fn mi_option_set_default(option: c_int, value: c_long);
    fn mi_option_get(option: c_int) -> c_long;
    fn mi_option_set(option: c_int, value: c_long);
}

/// Runs from `.init_array` before `main` and before the first allocation (mimalloc's own
/// set-up runs later, from the unprioritised part of `.init_array`, when a C compiler other
/// than clang built it; the standard library's `args` hook, at priority 99, allocates
/// nothing). Were mimalloc's set-up first (clang gives it priority 101), its options would
/// be read already and the loop below would set each to its own value: no change.
///
/// Besides the arena size, it spares mimalloc reading its 47 options from the environment
/// one by one (each a case-insensitive scan of every variable: ~0.13 M instructions, a tenth
/// of a `hello.pyc` start-up). When no variable starts with `MIMALLOC_` (in any case), every
/// option is at its default: each is read once with the environment hidden and set to the
/// value read, which marks it as settled, so mimalloc's set-up finds nothing left to read.
/// With any `MIMALLOC_` variable present, mimalloc reads the environment as before.
#[cfg(target_os = "linux")]
extern "C" fn set_up_mimalloc() {
    // SAFETY: `mi_option_set_default` only stores an option value unless the environment set
    // the option; out-of-range option indices are ignored.
    unsafe { mi_option_set_default(MI_OPTION_ARENA_RESERVE, FIRST_ARENA_KIB) };
    /// A null-terminated array of no strings.
    static NO_VARIABLES: [usize; 1] = [0];
    // SAFETY: `.init_array` functions run one at a time on the only thread, so nothing else
    // reads or writes `environ` meanwhile; it is null or a null-terminated array of
    // NUL-terminated strings, which `mentions_mimalloc` only reads.
    unsafe {
        let env = environ;
        if env.is_null() || mentions_mimalloc(env) {
            return;
        }
        environ = NO_VARIABLES.as_ptr().cast();
        for option in 0..MI_OPTION_COUNT {
            let value = mi_option_get(option);
            mi_option_set(option, value);
        }
        environ = env;
    }
}

/// Does any variable of `env` start with `MIMALLOC_`, ignoring case (as mimalloc compares)?
///
/// # Safety
/// `env` is a null-terminated array of pointers to NUL-terminated strings.
#[cfg(target_os = "linux")]
unsafe fn mentions_mimalloc(env: *const *const c_char) -> bool {
    const PREFIX: &[u8] = b"MIMALLOC_";
    let mut i = 0;
    loop {
        // SAFETY: the array is null-terminated and `i` has not passed the terminator.
        let var = unsafe { *env.add(i) };
        if var.is_null() {
            return false;
        }
        let mut k = 0;
        while k < PREFIX.len() {
            // SAFETY: `var` is NUL-terminated and bytes `..k` were non-zero (they matched the
            // prefix), so byte `k` is within the string or its terminator.
            let b = unsafe { *var.add(k) } as u8;
            if b.to_ascii_uppercase() != PREFIX[k] {
                break;
            }
            k += 1;
        }
        if k == PREFIX.len() {
            return true;
        }
        i += 1;
    }
}

#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array.00102"]
static SET_UP_MIMALLOC: extern "C" fn() = set_up_mimalloc;

/// Live-heap accounting for memory investigations (cargo feature `alloc-stats`, off by
/// default): every block is counted at its mimalloc block size, by size class, and the
/// classes' counts are copied whenever the live total passes its previous peak by 1/64.
/// `report` prints the peak and that copy to stderr.
#[cfg(feature = "alloc-stats")]
pub mod stats {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    extern "C" {
        fn mi_usable_size(p: *const std::ffi::c_void) -> usize;
    }

    /// Classes: block sizes up to 1 KiB by 8 bytes, then one per power of two.
    const CLASSES: usize = 128 + 64;
    static LIVE: AtomicUsize = AtomicUsize::new(0);
    static PEAK: AtomicUsize = AtomicUsize::new(0);
    static SNAP_LIVE: AtomicUsize = AtomicUsize::new(0);
    static ALLOCS: AtomicUsize = AtomicUsize::new(0);
    static COUNT: [AtomicUsize; CLASSES] = [const { AtomicUsize::new(0) }; CLASSES];
    static BYTES: [AtomicUsize; CLASSES] = [const { AtomicUsize::new(0) }; CLASSES];
    static SNAP_COUNT: [AtomicUsize; CLASSES] = [const { AtomicUsize::new(0) }; CLASSES];
    static SNAP_BYTES: [AtomicUsize; CLASSES] = [const { AtomicUsize::new(0) }; CLASSES];

    fn class(n: usize) -> usize {
        if n <= 1016 {
            n / 8
        } else {
            (128 + n.ilog2() as usize).min(CLASSES - 1)
        }
    }

    pub(super) fn on_alloc(p: *mut u8) {
        if p.is_null() {
            return;
        }
        // SAFETY: `p` is a live block mimalloc just returned.
        let n = unsafe { mi_usable_size(p.cast()) };
        let c = class(n);
        COUNT[c].fetch_add(1, Relaxed);
        BYTES[c].fetch_add(n, Relaxed);
        ALLOCS.fetch_add(1, Relaxed);
        let live = LIVE.fetch_add(n, Relaxed) + n;
        if live > PEAK.load(Relaxed) {
            PEAK.store(live, Relaxed);
            let snap = SNAP_LIVE.load(Relaxed);
            if live >= snap + (snap >> 6) + 4096 {
                SNAP_LIVE.store(live, Relaxed);
                for i in 0..CLASSES {
                    SNAP_COUNT[i].store(COUNT[i].load(Relaxed), Relaxed);
                    SNAP_BYTES[i].store(BYTES[i].load(Relaxed), Relaxed);
                }
            }
        }
    }

    pub(super) fn on_free(p: *mut u8) {
        // SAFETY: `p` is a live block of mimalloc's, about to be freed.
        let n = unsafe { mi_usable_size(p.cast()) };
        let c = class(n);
        COUNT[c].fetch_sub(1, Relaxed);
        BYTES[c].fetch_sub(n, Relaxed);
        LIVE.fetch_sub(n, Relaxed);
    }

    /// Prints the peak and the size classes at (about) the peak to stderr.
    pub fn report() {
        let mib = |b: usize| b as f64 / 1048576.0;
        eprintln!(
            "alloc-stats: {} allocations; live peak {:.1} MiB; classes at {:.1} MiB:",
            ALLOCS.load(Relaxed),
            mib(PEAK.load(Relaxed)),
            mib(SNAP_LIVE.load(Relaxed))
        );
        for i in 0..CLASSES {
            let (c, b) = (SNAP_COUNT[i].load(Relaxed), SNAP_BYTES[i].load(Relaxed));
            if b >= 64 << 10 {
                let size = if i < 128 {
                    format!("{}", i * 8)
                } else {
                    format!(">=2^{}", i - 128)
                };
                eprintln!("  {size:>8}: {c:>9} blocks {:>8.1} MiB", mib(b));
            }
        }
    }
}
