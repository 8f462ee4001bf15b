//! Limits and capabilities of sandboxed interpreters, through real `.pyc` files: fuel, the
//! interrupt handle, the memory limit, the recursion limit, `open()` and imports refused.
#![allow(clippy::unwrap_used)]

use pyvm::embed::{
    Capabilities, CountingAllocator, Error, Interpreter, Module, Output, OutputBuffer, Program,
};
use std::time::{Duration, Instant};

// The memory limit needs the counting allocator (per-thread accounting).
#[global_allocator]
static ALLOC: CountingAllocator = CountingAllocator::system();

fn limits(py: &mut Interpreter) -> Module {
    let p = Program::from_path("tests/embed_py/limits.pyc").unwrap();
    py.run_module(&p, "limits").unwrap()
}

fn exception(r: Result<impl std::fmt::Debug, Error>) -> pyvm::embed::PyException {
    match r {
        Err(Error::Exception(e)) => e,
        other => panic!("expected a Python exception, got {other:?}"),
    }
}

#[test]
fn fuel_stops_an_infinite_loop() {
    let mut py = Interpreter::builder().fuel(200_000).build().unwrap();
    let m = limits(&mut py);
    assert!(matches!(
        py.call_function::<()>(&m, "spin", ()),
        Err(Error::FuelExhausted)
    ));
    assert_eq!(py.fuel(), Some(0));
    // Still exhausted on the next call, until the host refuels.
    assert!(matches!(
        py.call_function::<i64>(&m, "small", ()),
        Err(Error::FuelExhausted)
    ));
    py.set_fuel(Some(1_000_000));
    assert_eq!(
        py.call_function::<i64>(&m, "small", ()).unwrap(),
        332_833_500
    );
    let left = py.fuel().unwrap();
    assert!(left < 1_000_000 && left > 900_000, "{left}");
}

#[test]
fn fuel_counts_instructions() {
    let mut py = Interpreter::builder().fuel(10_000_000).build().unwrap();
    let m = limits(&mut py);
    let before = py.fuel().unwrap();
    assert_eq!(
        py.call_function::<i64>(&m, "count_to", (1000,)).unwrap(),
        499_500
    );
    let used_1000 = before - py.fuel().unwrap();
    let before = py.fuel().unwrap();
    py.call_function::<i64>(&m, "count_to", (2000,)).unwrap();
    let used_2000 = before - py.fuel().unwrap();
    // About ten instructions (plus one iteration step) per loop turn.
    assert!(used_1000 > 5_000 && used_1000 < 20_000, "{used_1000}");
    assert!(
        used_2000 > used_1000 * 19 / 10 && used_2000 < used_1000 * 21 / 10,
        "{used_1000} {used_2000}"
    );
}

#[test]
fn the_guest_cannot_catch_the_abort() {
    let out = OutputBuffer::new();
    let mut py = Interpreter::builder()
        .fuel(300_000)
        .stdout(out.clone())
        .build()
        .unwrap();
    let m = limits(&mut py);
    assert!(matches!(
        py.call_function::<()>(&m, "stubborn", ()),
        Err(Error::FuelExhausted)
    ));
    // Neither `except BaseException` nor `finally` ran.
    assert_eq!(out.text(), "");
}

#[test]
fn fuel_also_stops_native_loops() {
    let mut py = Interpreter::builder().fuel(100_000).build().unwrap();
    let m = limits(&mut py);
    assert!(matches!(
        py.call_function::<i64>(&m, "spin_native", ()),
        Err(Error::FuelExhausted)
    ));
}

#[test]
fn huge_comb_is_charged_fuel_before_it_starts() {
    // A fuzzer's mutation of `mod_math.pyc`: `math.comb` with a k in the hundreds of
    // thousands, one native call that took minutes (k growing multiplications and
    // divisions); now charged for its result's size up front, as `math.factorial` is.
    let program = Program::from_path("tests/pyc/regress/math_comb_huge_k_under_fuel.pyc").unwrap();
    let r = as_fuzzed().run(&program);
    assert!(matches!(r, Err(Error::FuelExhausted)), "{r:?}");
}

/// An interpreter with the `run` fuzz target's limits (fuel, memory, no output).
fn as_fuzzed() -> Interpreter {
    Interpreter::builder()
        .fuel(200_000)
        .memory_limit(64 << 20)
        .stdout(Output::Discard)
        .stderr(Output::Discard)
        .build()
        .unwrap()
}

#[test]
fn the_interrupt_handle_stops_the_guest_from_another_thread() {
    let mut py = Interpreter::new();
    let m = limits(&mut py);
    let handle = py.interrupt_handle();
    let t = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        handle.interrupt();
    });
    let start = Instant::now();
    assert!(matches!(
        py.call_function::<()>(&m, "stubborn", ()),
        Err(Error::Interrupted)
    ));
    assert!(start.elapsed() < Duration::from_secs(20));
    t.join().unwrap();
    assert!(!py.interrupt_handle().is_pending());
    // The interpreter runs normally afterwards.
    assert_eq!(
        py.call_function::<i64>(&m, "small", ()).unwrap(),
        332_833_500
    );
    // A request made while nothing runs stops the next call at once, unless withdrawn.
    let h = py.interrupt_handle();
    h.interrupt();
    assert!(matches!(
        py.call_function::<()>(&m, "spin", ()),
        Err(Error::Interrupted)
    ));
    h.interrupt();
    h.clear();
    assert_eq!(
        py.call_function::<i64>(&m, "small", ()).unwrap(),
        332_833_500
    );
}

#[test]
fn the_memory_limit_raises_memory_error_and_the_host_continues() {
    let mut py = Interpreter::builder()
        .memory_limit(32 << 20)
        .build()
        .unwrap();
    let m = limits(&mut py);
    for f in ["hog", "hog_list", "hog_repeat", "hog_doubling"] {
        let e = exception(py.call_function::<()>(&m, f, ()));
        assert_eq!(e.type_name(), "MemoryError", "{f}");
        assert!(
            e.traceback().ends_with("MemoryError\n"),
            "{f}: {}",
            e.traceback()
        );
        // Everything the guest allocated was freed when the exception unwound.
        let used = py.memory_used().unwrap();
        assert!(used < 8 << 20, "{f}: {used} bytes still in use");
    }
    // The guest may catch MemoryError, free memory and go on.
    let blocks: i64 = py.call_function(&m, "hog_and_recover", ()).unwrap();
    assert!(blocks > 1000 && blocks < 10_000, "{blocks}");
    assert_eq!(
        py.call_function::<i64>(&m, "small", ()).unwrap(),
        332_833_500
    );
}

#[test]
fn the_recursion_limit_holds_and_the_guest_cannot_raise_it() {
    let mut py = Interpreter::builder().recursion_limit(100).build().unwrap();
    let m = limits(&mut py);
    let e = exception(py.call_function::<()>(&m, "deep", ()));
    assert_eq!(e.type_name(), "RecursionError");
    assert_eq!(e.message(), "maximum recursion depth exceeded");
    assert_eq!(
        py.call_function::<i64>(&m, "raise_limit", (50,)).unwrap(),
        50
    );
    let e = exception(py.call_function::<i64>(&m, "raise_limit", (100_000,)));
    assert_eq!(e.type_name(), "ValueError");
    assert_eq!(e.message(), "recursion limit is capped at 100 by the host");
}

#[test]
fn open_is_refused_in_a_sandbox() {
    let mut py = Interpreter::new();
    let m = limits(&mut py);
    let e = exception(py.call_function::<String>(&m, "open_file", ("Cargo.toml",)));
    assert_eq!(e.type_name(), "PermissionError");
    assert!(e.is_instance_of("OSError"));
    assert_eq!(
        e.message(),
        "open() is not allowed: the host gave this interpreter no file system access"
    );
    let e = exception(py.call_function::<String>(&m, "read_input", ()));
    assert_eq!(e.type_name(), "PermissionError");
}

#[test]
fn imports_are_limited_to_computation_and_the_host_paths() {
    let mut py = Interpreter::new();
    let m = limits(&mut py);
    assert_eq!(
        py.call_function::<String>(&m, "import_name", ("math",))
            .unwrap(),
        "math"
    );
    assert_eq!(
        py.call_function::<String>(&m, "import_name", ("itertools",))
            .unwrap(),
        "itertools"
    );
    for blocked in ["io", "_io", "marshal", "importlib"] {
        let e = exception(py.call_function::<String>(&m, "import_name", (blocked,)));
        assert!(e.is_instance_of("ImportError"), "{blocked}: {e}");
        assert_eq!(
            e.message(),
            format!("import of '{blocked}' is not allowed by the host")
        );
    }
    // A native module the host registers behind the API's back is filtered too.
    py.vm()
        .register_module_factory("secret", |vm| Ok(vm.new_module("secret")));
    let e = exception(py.call_function::<String>(&m, "import_name", ("secret",)));
    assert_eq!(e.message(), "import of 'secret' is not allowed by the host");
    // The guest cannot widen sys.path: the sandbox resets it before every import.
    let e = exception(py.call_function::<String>(
        &m,
        "import_after_path_change",
        ("tests/embed_py/modules", "helper_mod"),
    ));
    assert_eq!(e.type_name(), "ModuleNotFoundError");

    // A trusted interpreter may import them (and keeps the guest's sys.path).
    let mut trusted = Interpreter::builder()
        .capabilities(Capabilities::all())
        .build()
        .unwrap();
    let m = limits(&mut trusted);
    assert_eq!(
        trusted
            .call_function::<String>(&m, "import_name", ("io",))
            .unwrap(),
        "io"
    );
    assert_eq!(
        trusted
            .call_function::<String>(
                &m,
                "import_after_path_change",
                ("tests/embed_py/modules", "helper_mod")
            )
            .unwrap(),
        "helper_mod"
    );
}

#[test]
fn memory_limit_without_the_counting_allocator_is_refused_elsewhere() {
    // In this binary the allocator is installed, so the builder accepts the limit.
    assert!(pyvm::embed::counting_allocator_installed());
    assert!(Interpreter::builder().memory_limit(1 << 20).build().is_ok());
}

#[test]
fn native_recursion_and_deep_nesting_do_not_overflow_a_small_stack() {
    // 2 MiB: Rust's default for spawned threads.
    let t = std::thread::Builder::new().stack_size(2 << 20).spawn(|| {
        let mut py = Interpreter::new();
        let m = limits(&mut py);
        let e = exception(py.call_function::<String>(&m, "native_recursion", ()));
        assert_eq!(e.type_name(), "RecursionError");
        for kind in ["repr", "eq"] {
            let e = exception(py.call_function::<i64>(&m, "nested", (kind,)));
            assert_eq!(e.type_name(), "RecursionError", "{kind}");
        }
        // Building and freeing 200000 levels of nesting is fine.
        assert_eq!(
            py.call_function::<i64>(&m, "nested", ("build",)).unwrap(),
            200_000
        );
        // Python-level recursion is bounded by the recursion limit, not the stack.
        assert_eq!(
            exception(py.call_function::<()>(&m, "deep", ())).type_name(),
            "RecursionError"
        );
    });
    t.unwrap().join().unwrap();
}

/// Found by the `run` fuzz target (a slow unit, session 2): `str.center` with a width of about
/// two billion built a 2 GB string under a 64 MiB memory limit (taking seconds, and the fuzzer's
/// RSS to 2 GB), since the limit was only checked at the next safe point. Padding and repeating
/// methods now ask the limit before building their result.
///
/// `percent_width_over_memory_limit.pyc` (found by the fuzzer in session 6): `'%-*d' % (w, 2)`
/// with `w` over a billion took the allocator's word for the width (`probe_alloc` asked the
/// allocator, not the limit) and then grew the output by doubling, to 2 GB.
#[test]
fn padding_beyond_the_memory_limit_fails_fast() {
    for file in [
        "tests/pyc/regress/str_center_over_memory_limit.pyc",
        "tests/pyc/regress/percent_width_over_memory_limit.pyc",
    ] {
        let program = Program::from_path(file).unwrap();
        let mut py = as_fuzzed();
        let started = Instant::now();
        let r = py.run(&program);
        assert!(r.is_err(), "{file}: {r:?}");
        assert!(started.elapsed() < Duration::from_secs(5), "{file}");
    }
}
