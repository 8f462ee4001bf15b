//! The `pyvm` command: run, inspect or disassemble CPython 3.12 `.pyc` files.
//!
//! On Linux the binary has its own C `main` (`#![no_main]`): std's runtime set-up for the main
//! thread reads `/proc/self/maps` to find the stack guard, installs stack-overflow handlers and
//! gives every thread an alternate signal stack (and through that a glibc malloc arena for the
//! interpreter thread): about 25 system calls and a dozen page faults of every start-up, for a
//! diagnostic message. The two parts of it that change behaviour are done here: `SIGPIPE` is
//! ignored (a closed pipe is a `BrokenPipeError`, as in CPython) and closed standard
//! descriptors are reopened on `/dev/null`. Arguments still come from std (glibc hands them to
//! its `.init_array` hook).
//! (Test builds keep the ordinary `main`: the test harness brings its own.)
#![cfg_attr(all(target_os = "linux", not(test)), no_main)]

mod cli;
mod mi_alloc;

#[global_allocator]
static GLOBAL: mi_alloc::Mi = mi_alloc::Mi;

#[cfg(any(not(target_os = "linux"), test))]
fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    finish(cli::main(&args));
}

#[cfg(all(target_os = "linux", not(test)))]
#[no_mangle]
extern "C" fn main(
    _argc: std::ffi::c_int,
    _argv: *const *const std::ffi::c_char,
) -> std::ffi::c_int {
    rt::init();
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    finish(cli::main(&args));
}

/// Ends the process with `status` once the work is done: flushes Rust's standard streams and
/// leaves without the C library's exit handlers (mimalloc's would walk and purge the whole heap
/// that the kernel is about to drop: ~8 ms at the end of `strings`). Called on the interpreter
/// thread by `pyvm run` (see `pyvm::run::run_main_then`).
pub(crate) fn finish(status: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    #[cfg(feature = "alloc-stats")]
    mi_alloc::stats::report();
    rt::exit_now(status)
}

#[cfg(target_os = "linux")]
mod rt {
    use std::ffi::{c_char, c_int, c_short, c_ulong};

    #[repr(C)]
    struct PollFd {
        fd: c_int,
        events: c_short,
        revents: c_short,
    }

    const SIGPIPE: c_int = 13;
    const SIG_IGN: usize = 1;
    const POLLNVAL: c_short = 0x20;
    const O_RDWR: c_int = 2;
    /// glibc's `mallopt` parameter for the most malloc arenas.
    const M_ARENA_MAX: c_int = -8;

    extern "C" {
        fn signal(sig: c_int, handler: usize) -> usize;
        fn poll(fds: *mut PollFd, n: c_ulong, timeout: c_int) -> c_int;
        fn open(path: *const c_char, flags: c_int, ...) -> c_int;
        fn _exit(status: c_int) -> !;
        fn mallopt(param: c_int, value: c_int) -> c_int;
    }

    /// What std's start-up does that the program can observe (see the crate docs).
    #[cfg_attr(test, allow(dead_code))]
    pub(super) fn init() {
        let mut fds = [0, 1, 2].map(|fd| PollFd {
            fd,
            events: 0,
            revents: 0,
        });
        // SAFETY: `fds` is a valid array of three `pollfd`s for the duration of the call.
        if unsafe { poll(fds.as_mut_ptr(), 3, 0) } >= 0 {
            for f in &fds {
                if f.revents & POLLNVAL != 0 {
                    // A closed descriptor: the lowest free one, so `open` fills exactly it.
                    // SAFETY: a NUL-terminated path and plain flags.
                    let _ = unsafe { open(c"/dev/null".as_ptr(), O_RDWR) };
                }
            }
        }
        // SAFETY: setting a signal's disposition to "ignore" has no preconditions.
        unsafe { signal(SIGPIPE, SIG_IGN) };
        // The C library's `malloc` serves only the standard library's own bookkeeping (the
        // global allocator is mimalloc), but the interpreter thread's first thread-local
        // with a destructor calls it, and glibc then creates a second arena for that thread:
        // a 128 MiB reservation trimmed by two `munmap`s, an `mprotect` and its first page
        // faults. One arena is plenty.
        // SAFETY: `mallopt` only sets a tuning parameter.
        unsafe { mallopt(M_ARENA_MAX, 1) };
    }

    pub(super) fn exit_now(status: i32) -> ! {
        // SAFETY: `_exit` ends the process; the caller has flushed what needed flushing.
        unsafe { _exit(status) }
    }
}

#[cfg(not(target_os = "linux"))]
mod rt {
    pub(super) fn exit_now(status: i32) -> ! {
        std::process::exit(status)
    }
}
