//! A dropped interpreter frees its heap: embedders create many VMs on one thread.
//!
//! Measured with the counting allocator (bytes this thread allocated and has not freed) and,
//! as a cross-check, the process's resident set size.
#![allow(clippy::unwrap_used)]

use pyvm::embed::{CountingAllocator, Interpreter, OutputBuffer, Program};

#[global_allocator]
static ALLOC: CountingAllocator = CountingAllocator::system();

/// Before the VM tore itself down, each interpreter running `basics.pyc` left ~220 KB behind;
/// now nothing (the bound leaves room for thread-local tables that grow in steps). A bound of
/// 2 KB once hid a leak of 1,640 bytes per VM (a spare type object whose MRO held itself).
const PER_VM_BOUND: i64 = 512;

fn program(path: &str) -> Program {
    Program::from_path(path).unwrap()
}

/// Bytes this thread has allocated and not yet freed.
fn live_bytes() -> i64 {
    pyvm_vm::limits::heap_thread_bytes()
}

/// `VmRSS` of this process in bytes (0 where `/proc` is missing).
fn rss_bytes() -> i64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<i64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn run_basics(p: &Program) {
    let mut py = Interpreter::new();
    let m = py.run_module(p, "basics").unwrap();
    assert_eq!(py.get::<i64>(&m, "COUNT").unwrap(), 3);
    drop(m);
    drop(py);
}

/// Runs a golden program as `__main__` with its output captured; returns what it printed.
fn run_golden(p: &Program) -> Vec<u8> {
    let out = OutputBuffer::new();
    let mut py = Interpreter::builder()
        .stdout(out.clone())
        .stderr(OutputBuffer::new())
        .build()
        .unwrap();
    let _ = py.run(p);
    drop(py);
    out.contents()
}

#[test]
fn dropped_interpreters_free_their_heap() {
    let p = program("tests/embed_py/basics.pyc");
    // Warm-up: thread-local tables and caches reach their steady size.
    for _ in 0..5 {
        run_basics(&p);
    }
    let (before, rss_before) = (live_bytes(), rss_bytes());
    const N: i64 = 200;
    for _ in 0..N {
        run_basics(&p);
    }
    let grown = live_bytes() - before;
    let rss_grown = rss_bytes() - rss_before;
    eprintln!("over {N} interpreters: heap +{grown} bytes, RSS +{rss_grown} bytes");
    assert!(
        grown < PER_VM_BOUND * N,
        "leaked {grown} bytes over {N} interpreters"
    );
    // RSS is process-wide (other tests run alongside): only a loose bound.
    assert!(rss_grown < 20 << 20, "RSS grew by {rss_grown} bytes");
}

#[test]
fn golden_programs_with_cycles_finalizers_and_generators_are_freed() {
    let names = [
        "class_super",
        "cls_metaclass",
        "cls_exception_groups",
        "exception_chaining",
        "gen_send_throw_close",
        "gen_yield_from",
        "obj_del",
        "annotations_del",
    ];
    for name in names {
        let p = program(&format!("tests/programs/{name}.pyc"));
        let expected = std::fs::read(format!("tests/programs/{name}.out")).unwrap();
        for _ in 0..3 {
            assert_eq!(run_golden(&p), expected, "{name}: output changed");
        }
        let before = live_bytes();
        const N: i64 = 10;
        for _ in 0..N {
            run_golden(&p);
        }
        let grown = live_bytes() - before;
        eprintln!("{name}: heap +{grown} bytes over {N} interpreters");
        assert!(
            grown < PER_VM_BOUND * N,
            "{name}: leaked {grown} bytes over {N} runs"
        );
    }
}

#[test]
fn a_bare_vm_frees_its_heap() {
    let run = || {
        let mut vm = pyvm_vm::Vm::new();
        pyvm_builtins::install(&mut vm);
        drop(vm);
    };
    for _ in 0..5 {
        run();
    }
    let before = live_bytes();
    const N: i64 = 100;
    for _ in 0..N {
        run();
    }
    let grown = live_bytes() - before;
    eprintln!("bare Vm: heap +{grown} bytes over {N}");
    assert!(
        grown < PER_VM_BOUND * N,
        "leaked {grown} bytes over {N} VMs"
    );
}

/// Each VM has its own collector registry and `gc.enable()` flag: objects and collections of
/// one VM are invisible to another on the same thread.
#[test]
fn two_vms_on_one_thread_have_separate_collectors() {
    let p = program("tests/embed_py/basics.pyc");
    let mut a = Interpreter::new();
    let mut b = Interpreter::new();
    let ma = a.run_module(&p, "basics").unwrap();
    let mb = b.run_module(&p, "basics").unwrap();
    let (ta, tb) = (a.vm().gc_tracked_count(), b.vm().gc_tracked_count());
    // A burst of containers in B (no automatic collection: disabled there).
    b.vm().gc_set_enabled(false);
    assert!(a.vm().gc_is_enabled(), "B's gc.disable() must not reach A");
    for _ in 0..1000 {
        b.call_function::<i64>(&mb, "add", (2, 3)).unwrap();
    }
    let lists: pyvm_vm::Value = {
        let vm = b.vm();
        let items: Vec<pyvm_vm::Value> = (0..500).map(|_| vm.new_list(Vec::new())).collect();
        vm.new_list(items)
    };
    assert_eq!(
        a.vm().gc_tracked_count(),
        ta,
        "B's objects went into A's registry"
    );
    // At least the 501 live lists (entries of objects already freed may have been pruned).
    assert!(b.vm().gc_tracked_count() >= 501);
    // A collection in A neither sees nor frees B's garbage, and B's state is intact.
    a.vm().gc_collect();
    assert_eq!(b.get::<Vec<i64>>(&mb, "ITEMS").unwrap(), vec![1, 2, 3]);
    drop(lists);
    drop(ma);
    drop(a);
    assert_eq!(b.call_function::<i64>(&mb, "add", (2, 3)).unwrap(), 5);
    b.vm().gc_set_enabled(true);
    b.vm().gc_collect();
    assert!(
        b.vm().gc_tracked_count() < tb + 501,
        "B's registry was not pruned"
    );
}

#[test]
fn a_second_vm_survives_dropping_the_first() {
    let p = program("tests/embed_py/basics.pyc");
    let mut a = Interpreter::new();
    let mut b = Interpreter::new();
    let ma = a.run_module(&p, "basics").unwrap();
    let mb = b.run_module(&p, "basics").unwrap();
    drop(ma);
    drop(a);
    assert_eq!(b.get::<i64>(&mb, "COUNT").unwrap(), 3);
    assert_eq!(b.get::<Vec<i64>>(&mb, "ITEMS").unwrap(), vec![1, 2, 3]);
    assert_eq!(b.call_function::<i64>(&mb, "add", (2, 3)).unwrap(), 5);
    let m2 = b.run_module(&p, "basics2").unwrap();
    assert_eq!(b.get::<String>(&m2, "NAME").unwrap(), "pyvm");
    // A fresh VM after both teardowns runs finalizers and cycles as before.
    let g = program("tests/programs/obj_del.pyc");
    let expected = std::fs::read("tests/programs/obj_del.out").unwrap();
    drop(b);
    assert_eq!(run_golden(&g), expected);
}

/// Programs that leaked their whole module through native state the collector could not see
/// (found by the `run` fuzz target): PEP 695 type parameters keep their lazily evaluated bounds
/// (Python functions, so the module's globals) in native payloads, and the `_codecs` registry
/// keeps error handlers, a weak reference its callback. All are now visible to the collector.
#[test]
fn native_state_does_not_leak_the_module() {
    for name in ["misc312_pep695", "types_codecs_errors", "weakref_callbacks"] {
        let p = program(&format!("tests/programs/{name}.pyc"));
        let run = || {
            let mut py = Interpreter::builder()
                .stdout(pyvm::embed::Output::Discard)
                .stderr(pyvm::embed::Output::Discard)
                .build()
                .unwrap();
            let _ = py.run(&p);
        };
        for _ in 0..3 {
            run();
        }
        let before = live_bytes();
        const N: i64 = 20;
        for _ in 0..N {
            run();
        }
        let grown = live_bytes() - before;
        assert!(
            grown < PER_VM_BOUND * N,
            "{name}: leaked {grown} bytes over {N} interpreters"
        );
    }
}

/// The `__dict__`s kept beside objects whose payload has no room for one (instances of
/// builtin subclasses, `classmethod`s…) leave the thread's side table with their objects.
#[test]
fn side_dicts_die_with_their_objects() {
    let p = program("tests/programs/perf_mem7.pyc");
    let expected = std::fs::read("tests/programs/perf_mem7.out").unwrap();
    for _ in 0..3 {
        assert_eq!(run_golden(&p), expected, "perf_mem7: output changed");
        assert_eq!(pyvm_vm::sidedict::live_count(), 0);
    }
    let before = live_bytes();
    const N: i64 = 5;
    for _ in 0..N {
        run_golden(&p);
    }
    let grown = live_bytes() - before;
    eprintln!("perf_mem7: heap +{grown} bytes over {N} interpreters");
    assert!(
        grown < PER_VM_BOUND * N,
        "perf_mem7: leaked {grown} bytes over {N} runs"
    );
}
