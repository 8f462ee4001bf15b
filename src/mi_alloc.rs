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
//! least a machine word (a page's first block is aligned to `MI_MAX_ALIGN_SIZE`, at least a
//! word, and block sizes are multiples of the word size), so requests aligned to a word or
//! less can use `mi_malloc`/`mi_zalloc`, whose fast path pops the page's free list and refills
//! it when empty. Larger alignments keep going through `MiMalloc`.
//!
//! The workspace's `.cargo/config.toml` builds mimalloc with `MI_MAX_ALIGN_SIZE=8`: with its
//! default of 16, sizes up to 64 bytes are rounded to 16-byte classes (a 56-byte object block,
//! `vm/src/objref.rs`, would take 64). Nothing here depends on it: `mi_malloc` only ever
//! serves word alignments.
//!
//! Blocks of 256 KiB and more (the buffers of big lists, dicts and strings) are not mimalloc's
//! but mappings of their own (see [`big`]), as the C library's `malloc` does it. The four
//! `GlobalAlloc` methods are out of line: inlined, their extra compare reshaped the dispatch
//! loop's code (+1.1% instructions over the benchmarks, against +0.9% out of line).

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

/// mimalloc with the plain entry points for word-aligned requests (see the module doc), and
/// big blocks straight from the kernel (see [`big`]).
pub struct Mi;

// SAFETY: every method either forwards to `MiMalloc` (a correct `GlobalAlloc`), or, for layouts
// whose alignment is at most a word, to `mi_malloc`/`mi_zalloc`, which return null or a block
// of at least `size` bytes aligned to a word, or, for big layouts, to `big`, whose blocks are
// whole pages. Which of mimalloc and `big` owns a block follows from its layout's size alone
// (`big::owns`), which `dealloc` and `realloc` are given: `mi_free` (used by
// `MiMalloc::dealloc`) and `mi_realloc_aligned` only ever see mimalloc's blocks.
unsafe impl GlobalAlloc for Mi {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() >= big::THRESHOLD {
            // SAFETY: passed on.
            return unsafe { self.alloc_big(layout, false) };
        }
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

    #[inline(never)]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.size() >= big::THRESHOLD {
            // SAFETY: passed on.
            return unsafe { self.alloc_big(layout, true) };
        }
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

    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if layout.size() >= big::THRESHOLD {
            // SAFETY: passed on.
            return unsafe { self.dealloc_big(ptr, layout) };
        }
        #[cfg(feature = "alloc-stats")]
        stats::on_free(ptr);
        // SAFETY: `ptr` came from mimalloc (its layout is not `big`'s); the contract is passed on.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    #[inline(never)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.size() >= big::THRESHOLD || new_size >= big::THRESHOLD {
            // SAFETY: passed on.
            return unsafe { self.realloc_big(ptr, layout, new_size) };
        }
        #[cfg(feature = "alloc-stats")]
        stats::on_free(ptr);
        // SAFETY: `ptr` came from mimalloc (its layout is not `big`'s); the contract is passed on.
        // `mi_realloc_aligned` takes the plain reallocation path for word alignments.
        let p = unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) };
        #[cfg(feature = "alloc-stats")]
        stats::on_alloc(p);
        p
    }
}

/// The big-block halves of the allocator's methods, out of line (the common paths, inlined
/// into the dispatch loop, keep a single compare).
impl Mi {
    /// `alloc`/`alloc_zeroed` of at least `big::THRESHOLD` bytes.
    ///
    /// # Safety
    /// `GlobalAlloc::alloc`'s contract.
    #[cold]
    #[inline(never)]
    unsafe fn alloc_big(&self, layout: Layout, zeroed: bool) -> *mut u8 {
        if big::owns(layout.size(), layout.align()) {
            // SAFETY: a page-aligned mapping satisfies the layout's alignment (`owns`); a
            // fresh one reads as zeros.
            return unsafe { big::alloc(layout.size(), zeroed) };
        }
        // SAFETY: the caller upholds the contract, which we pass on.
        let p = unsafe {
            if zeroed {
                mimalloc::MiMalloc.alloc_zeroed(layout)
            } else {
                mimalloc::MiMalloc.alloc(layout)
            }
        };
        #[cfg(feature = "alloc-stats")]
        stats::on_alloc(p);
        p
    }

    /// `dealloc` of a block of at least `big::THRESHOLD` bytes.
    ///
    /// # Safety
    /// `GlobalAlloc::dealloc`'s contract.
    #[cold]
    #[inline(never)]
    unsafe fn dealloc_big(&self, ptr: *mut u8, layout: Layout) {
        if big::owns(layout.size(), layout.align()) {
            // SAFETY: `alloc_big` gave this block to `big` for the same layout.
            return unsafe { big::free(ptr, layout.size()) };
        }
        #[cfg(feature = "alloc-stats")]
        stats::on_free(ptr);
        // SAFETY: `ptr` came from mimalloc (its layout is not `big`'s); the contract is passed on.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    /// `realloc` where the old or the new size is at least `big::THRESHOLD` bytes.
    ///
    /// # Safety
    /// `GlobalAlloc::realloc`'s contract.
    #[cold]
    #[inline(never)]
    unsafe fn realloc_big(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let was_big = big::owns(layout.size(), layout.align());
        let is_big = big::owns(new_size, layout.align());
        if was_big && is_big {
            // SAFETY: the block is `big`'s, mapped for `layout.size()` bytes.
            return unsafe { big::realloc(ptr, layout.size(), new_size) };
        }
        if !was_big && !is_big {
            #[cfg(feature = "alloc-stats")]
            stats::on_free(ptr);
            // SAFETY: a mimalloc block (an alignment over a page); the contract is passed on.
            let p = unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) };
            #[cfg(feature = "alloc-stats")]
            stats::on_alloc(p);
            return p;
        }
        // One side is a mapping, the other a mimalloc block: a new block and a copy.
        // SAFETY: `new_size` is non-zero and, with the old alignment, a valid layout
        // (`GlobalAlloc::realloc`'s contract).
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: as for `alloc`.
        let p = unsafe { self.alloc(new_layout) };
        if !p.is_null() {
            // SAFETY: both blocks hold at least the smaller size and are distinct; the old one
            // is released with the layout it was allocated with.
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        p
    }
}

/// Big blocks (list and dict buffers past [`big::THRESHOLD`]) as private anonymous mappings,
/// as the C library's `malloc` does: a freed one goes back to the kernel (or waits, up to 4 MiB
/// of them, for the next big block, but never while fresh pages are being mapped) instead of
/// staying resident in mimalloc's arena until its purge delay (a second) has passed, where
/// other sizes of big block could not reuse it (`sorting` peaked 12 MiB above its live data);
/// a growing one is moved by the kernel (`mremap`) instead of copied; and pages of spare
/// capacity that were never written take no memory. mimalloc keeps every smaller block.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
mod big {
    use std::cell::UnsafeCell;
    use std::ffi::{c_int, c_long, c_void};
    use std::sync::atomic::AtomicBool;
    use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};

    /// Blocks of at least this many bytes are mappings.
    pub(super) const THRESHOLD: usize = 256 << 10;
    const PAGE: usize = 4096;

    const PROT_READ: c_int = 1;
    const PROT_WRITE: c_int = 2;
    const MAP_PRIVATE: c_int = 2;
    const MAP_ANONYMOUS: c_int = 0x20;
    const MREMAP_MAYMOVE: c_int = 1;

    extern "C" {
        fn mmap(
            addr: *mut c_void,
            len: usize,
            prot: c_int,
            flags: c_int,
            fd: c_int,
            off: c_long,
        ) -> *mut c_void;
        fn munmap(addr: *mut c_void, len: usize) -> c_int;
        fn mremap(
            old: *mut c_void,
            old_len: usize,
            new_len: usize,
            flags: c_int,
            ...
        ) -> *mut c_void;
    }

    /// Is a block of this size and alignment a mapping? (Mappings are page-aligned.)
    #[inline(always)]
    pub(super) fn owns(size: usize, align: usize) -> bool {
        size >= THRESHOLD && align <= PAGE
    }

    /// `size` rounded up to whole pages (`size` is at least `THRESHOLD`, far from overflow
    /// of a valid layout's size, which is at most `isize::MAX`).
    #[inline]
    fn pages(size: usize) -> usize {
        (size + (PAGE - 1)) & !(PAGE - 1)
    }

    /// Freed mappings kept for reuse, so that a program that builds and drops lists of the same
    /// size over and over does not fault in fresh zeroed pages every time: at most [`SLOTS`]
    /// of them and [`KEEP`] bytes in all (that much memory stays resident while unused).
    const SLOTS: usize = 8;
    const KEEP: usize = 4 << 20;

    /// The kept mappings: (address, bytes) pairs, 0 for an empty slot, and their total.
    struct Kept {
        slots: [(usize, usize); SLOTS],
        total: usize,
    }

    /// A lock word and the kept mappings it guards.
    struct Cache {
        busy: AtomicBool,
        kept: UnsafeCell<Kept>,
    }

    // SAFETY: `kept` is only touched by `with_kept` while it holds `busy`.
    unsafe impl Sync for Cache {}

    static CACHE: Cache = Cache {
        busy: AtomicBool::new(false),
        kept: UnsafeCell::new(Kept {
            slots: [(0, 0); SLOTS],
            total: 0,
        }),
    };

    /// Runs `f` on the kept mappings under the lock (a spin: the critical sections are a few
    /// compares, and the VM allocates from one thread at a time).
    fn with_kept<R>(f: impl FnOnce(&mut Kept) -> R) -> R {
        while CACHE
            .busy
            .compare_exchange_weak(false, true, Acquire, Relaxed)
            .is_err()
        {
            std::hint::spin_loop();
        }
        // SAFETY: holding `busy` makes this the only reference to `kept` until it is released.
        let r = f(unsafe { &mut *CACHE.kept.get() });
        CACHE.busy.store(false, Release);
        r
    }

    /// Takes the smallest kept mapping of at least `bytes` bytes, if any: (address, its size).
    fn take_kept(bytes: usize) -> Option<(usize, usize)> {
        with_kept(|k| {
            let mut best: Option<usize> = None;
            for (i, &(addr, len)) in k.slots.iter().enumerate() {
                if addr != 0 && len >= bytes && best.map_or(true, |b| len < k.slots[b].1) {
                    best = Some(i);
                }
            }
            let i = best?;
            let slot = std::mem::take(&mut k.slots[i]);
            k.total -= slot.1;
            Some(slot)
        })
    }

    /// Unmaps every kept mapping: called before fresh pages are mapped, when the program's big
    /// blocks grow past what the kept ones could serve, so that no kept memory sits idle at a
    /// new high-water mark of the resident set.
    fn release_kept() {
        let mut out = [(0usize, 0usize); SLOTS];
        with_kept(|k| {
            if k.total != 0 {
                out = k.slots;
                k.slots = [(0, 0); SLOTS];
                k.total = 0;
            }
        });
        for (addr, len) in out {
            if addr != 0 {
                // SAFETY: a kept mapping of `len` bytes that nothing uses, now out of the cache.
                unsafe { munmap(addr as *mut c_void, len) };
            }
        }
    }

    /// Keeps a freed mapping if there is room; false if the caller must unmap it.
    fn keep(addr: usize, bytes: usize) -> bool {
        with_kept(|k| {
            if k.total + bytes > KEEP {
                return false;
            }
            match k.slots.iter_mut().find(|s| s.0 == 0) {
                Some(slot) => {
                    *slot = (addr, bytes);
                    k.total += bytes;
                    true
                }
                None => false,
            }
        })
    }

    /// A mapping of at least `size` bytes, or null: a kept one when one is big enough (its
    /// spare pages given back), else a fresh one. Only fresh ones are zeroed.
    ///
    /// # Safety
    /// `size` is a valid layout size.
    pub(super) unsafe fn alloc(size: usize, zeroed: bool) -> *mut u8 {
        let want = pages(size);
        if !zeroed {
            if let Some((addr, len)) = take_kept(want) {
                if len > want {
                    // SAFETY: the tail pages belong to this kept mapping, which nothing uses.
                    unsafe { munmap((addr + want) as *mut c_void, len - want) };
                }
                #[cfg(feature = "alloc-stats")]
                super::stats::on_alloc_sized(want);
                return addr as *mut u8;
            }
        }
        release_kept();
        // SAFETY: a new private anonymous mapping touches no existing memory.
        let p = unsafe {
            mmap(
                std::ptr::null_mut(),
                want,
                PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p as isize == -1 {
            return std::ptr::null_mut();
        }
        #[cfg(feature = "alloc-stats")]
        super::stats::on_alloc_sized(want);
        p.cast()
    }

    /// Releases a block from [`alloc`] or [`realloc`]: kept for reuse or unmapped.
    ///
    /// # Safety
    /// `p` is such a block, allocated for `size` bytes, and is not used again.
    pub(super) unsafe fn free(p: *mut u8, size: usize) {
        let bytes = pages(size);
        #[cfg(feature = "alloc-stats")]
        super::stats::on_free_sized(bytes);
        if keep(p as usize, bytes) {
            return;
        }
        // SAFETY: `p` is the start of a mapping of `bytes` bytes that only this block used. A
        // failure (only possible for invalid arguments) leaves the mapping in place.
        unsafe { munmap(p.cast(), bytes) };
    }

    /// Moves or resizes a block from [`alloc`] to `new_size` bytes; null (with the old block
    /// intact) on failure.
    ///
    /// # Safety
    /// `p` is such a block, allocated for `size` bytes; `new_size` is a valid layout size.
    pub(super) unsafe fn realloc(p: *mut u8, size: usize, new_size: usize) -> *mut u8 {
        let (old, new) = (pages(size), pages(new_size));
        if old == new {
            return p;
        }
        if new > old {
            release_kept();
        }
        // SAFETY: `p` starts a mapping of `old` bytes owned by this block; the kernel moves or
        // resizes it whole, or fails and leaves it as it was.
        let q = unsafe { mremap(p.cast(), old, new, MREMAP_MAYMOVE) };
        if q as isize == -1 {
            return std::ptr::null_mut();
        }
        #[cfg(feature = "alloc-stats")]
        {
            super::stats::on_free_sized(old);
            super::stats::on_alloc_sized(new);
        }
        q.cast()
    }
}

/// Elsewhere (other page sizes and `mmap` flag values), every block is mimalloc's.
#[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
mod big {
    pub(super) const THRESHOLD: usize = usize::MAX;

    #[inline(always)]
    pub(super) fn owns(_size: usize, _align: usize) -> bool {
        false
    }
    pub(super) unsafe fn alloc(_size: usize, _zeroed: bool) -> *mut u8 {
        std::ptr::null_mut()
    }
    pub(super) unsafe fn free(_p: *mut u8, _size: usize) {}
    pub(super) unsafe fn realloc(_p: *mut u8, _size: usize, _new_size: usize) -> *mut u8 {
        std::ptr::null_mut()
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
        on_alloc_sized(n);
    }

    /// A block of `n` bytes (mimalloc's usable size, or a mapping's) is now live.
    pub(super) fn on_alloc_sized(n: usize) {
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
        on_free_sized(n);
    }

    /// A mapped block of `n` bytes is released.
    pub(super) fn on_free_sized(n: usize) {
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
