//! Regression tests for what fuzzing found (`fuzz/fuzz_targets/run.rs`, see docs/safety.md).
#![allow(clippy::unwrap_used)]

use pyvm::embed::{Error, Interpreter, Output, Program};
use pyvm::loader::opcode::Opcode;
use pyvm::loader::{load_pyc_file, Code, Obj};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Runs `program` with `fuel`, discarding its output; returns the result and how long it took.
fn run_with_fuel(program: &Program, fuel: u64) -> (Result<(), Error>, Duration) {
    let mut py = Interpreter::builder()
        .fuel(fuel)
        .stdout(Output::Discard)
        .stderr(Output::Discard)
        .build()
        .unwrap();
    let started = Instant::now();
    let r = py.run(program).map(|_| ());
    (r, started.elapsed())
}

/// A program from `tests/pyc/regress/`.
fn regress(name: &str) -> Program {
    Program::from_path(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/pyc/regress")
            .join(name),
    )
    .unwrap()
}

fn golden(name: &str) -> Arc<Code> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/programs")
        .join(name);
    load_pyc_file(&p).unwrap().code
}

/// The module `code` with its nested code object called `qualname` replaced by `edit(it)`.
fn with_nested(code: &Code, qualname: &str, edit: &dyn Fn(&mut Code)) -> Arc<Code> {
    let mut c = code.clone();
    let consts: Vec<Obj> = c
        .consts
        .iter()
        .map(|k| match k {
            Obj::Code(inner) if inner.qualname.to_str_lossy() == qualname => {
                let mut inner = (**inner).clone();
                edit(&mut inner);
                Obj::Code(Arc::new(inner))
            }
            other => other.clone(),
        })
        .collect();
    c.consts = consts.into();
    Arc::new(c)
}

/// Found by the `run` fuzz target (a timeout): `JUMP_BACKWARD_NO_INTERRUPT 1` jumping to itself
/// is valid bytecode, and the VM did not check its limits on that jump, so the loop ran forever
/// whatever the fuel. It must now stop with `FuelExhausted`.
#[test]
fn jump_backward_no_interrupt_loop_runs_out_of_fuel() {
    let module = golden("sys_exit_message.pyc");
    let code = with_nested(&module, "validate", &|c| {
        let mut bytes = c.code.to_vec();
        // Offset 72 (a LOAD_FAST in the loop body) becomes a jump to itself.
        bytes[72] = Opcode::JUMP_BACKWARD_NO_INTERRUPT.number();
        bytes[73] = 1;
        c.code = bytes.into();
    });
    let program = Program::from_code(code, "regression.py").unwrap();
    let (r, took) = run_with_fuel(&program, 100_000);
    assert!(matches!(r, Err(Error::FuelExhausted)), "{r:?}");
    assert!(took < Duration::from_secs(10));
}

/// Found by the `run` fuzz target (out of memory): a mutated `sys_exit_message.pyc` whose
/// exception handler raises straight back into itself. The unwinder looped without passing a
/// `RESUME` or a backward jump, so fuel was never checked, and every round added a traceback
/// entry until the process ran out of memory. The unwinder now polls the host's limits.
#[test]
fn handler_that_reraises_into_itself_runs_out_of_fuel() {
    let program = regress("handler_reraise_loop.pyc");
    let mut py = Interpreter::builder()
        .fuel(200_000)
        .stdout(Output::Discard)
        .stderr(Output::Discard)
        .build()
        .unwrap();
    let started = Instant::now();
    let r = py.run(&program);
    assert!(matches!(r, Err(Error::FuelExhausted)), "{r:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
    // The host keeps running.
    assert!(py.run(&program).is_err());
}

/// Found by the `run` fuzz target (timeout, session 2): a mutated `.pyc` calling
/// `random.choices` with a huge `k`. The native loop picked millions of items without spending
/// fuel, so a 200,000-instruction budget ran for seconds. `choices` and `sample` now spend fuel
/// per item (and reserve a bounded amount up front).
#[test]
fn random_choices_with_a_huge_k_runs_out_of_fuel() {
    let program = regress("random_choices_unpolled.pyc");
    let (r, took) = run_with_fuel(&program, 200_000);
    assert!(matches!(r, Err(Error::FuelExhausted)), "{r:?}");
    assert!(took < Duration::from_secs(10));
}

/// Found by the `run` fuzz target (timeout, session 2): a mutated `.pyc` that prints an int of
/// millions of digits. `str()` converted the whole number (quadratic in its size, minutes of
/// native work without a safe point) and only then checked CPython's 4,300-digit limit; the
/// limit is now checked from the number's size first, as CPython does.
#[test]
fn printing_a_huge_int_fails_fast() {
    let program = regress("print_huge_int.pyc");
    let (r, took) = run_with_fuel(&program, 200_000);
    assert!(r.is_err(), "{r:?}");
    assert!(took < Duration::from_secs(10));
}

/// Found by the `run` fuzz target (timeout, session 2): `math.factorial` of a large number is
/// one native call that ran for seconds under a 200,000-instruction budget. Big-integer work
/// (`math.factorial`, `**`) is now charged to the fuel by the size of its result before it
/// starts.
#[test]
fn a_huge_factorial_runs_out_of_fuel() {
    let program = regress("math_factorial_unpolled.pyc");
    let (r, took) = run_with_fuel(&program, 200_000);
    assert!(matches!(r, Err(Error::FuelExhausted)), "{r:?}");
    assert!(took < Duration::from_secs(10));
}

/// `tests/programs/safety_deep_nesting.pyc` (a golden program at 100,000 levels) with its depth
/// `N` raised to 300,000 and run through the embedding API on the test thread (2 MiB of stack):
/// pyvm must raise `RecursionError`, never overflow the native stack. Before the fix, `==` on
/// two deep tuples recursed without bound in the VM's native tuple equality and overflowed the
/// stack (a million levels overflowed even `pyvm run`'s large interpreter stack). On this small
/// stack the host's stack guard fires before CPython's depth limits, so the messages are the
/// guard's (`maximum recursion depth exceeded`, without CPython's suffix); the golden program
/// checks CPython's exact messages at 100,000 levels. (Native CPython 3.12 itself crashes at a
/// million levels, in `hash()` of the tuple.)
#[test]
fn very_deep_nesting_raises_recursion_error_on_a_small_stack() {
    let module = golden("safety_deep_nesting.pyc");
    let mut c = (*module).clone();
    let consts: Vec<Obj> = c
        .consts
        .iter()
        .map(|k| match k {
            Obj::Int(100_000) => Obj::Int(300_000),
            other => other.clone(),
        })
        .collect();
    c.consts = consts.into();
    let program = Program::from_code(Arc::new(c), "safety_deep_nesting.py").unwrap();
    let out = pyvm::embed::OutputBuffer::new();
    let mut py = Interpreter::builder()
        .stdout(out.clone())
        .stderr(Output::Discard)
        .build()
        .unwrap();
    let r = py.run(&program);
    assert!(r.is_ok(), "{r:?}");
    let text = String::from_utf8(out.contents()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.last(), Some(&"freed"), "{text}");
    let attempts: Vec<&&str> = lines.iter().filter(|l| l.contains(" -> ")).collect();
    assert_eq!(attempts.len(), 21, "{text}");
    for l in attempts {
        assert!(
            l.contains("-> RecursionError: maximum recursion depth exceeded")
                || l.ends_with("-> int"),
            "{l}"
        );
    }
}

/// Sizes from Python code that no allocator can satisfy (`'%*d' % (10**15, 1)`,
/// `random.sample(range(n), n)` reserving `n` slots up front, ...) must raise `MemoryError`
/// like CPython, not abort the process: Rust aborts when an allocation fails, so these paths
/// probe or `try_reserve` first. Before the fix, the percent-format and format-spec widths and
/// `random.sample` aborted `pyvm run`. The expected output was recorded from a native 64-bit
/// CPython 3.12 (`tests/pyc/regress/huge_sizes.py`; pyodide, being 32-bit, raises
/// `OverflowError` for several of these instead).
#[test]
fn impossible_sizes_raise_memory_error() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .arg("run")
        .arg("tests/pyc/regress/huge_sizes.pyc")
        .current_dir(root)
        .env("PYVM_STDLIB", "")
        .output()
        .unwrap();
    let want = std::fs::read_to_string(root.join("tests/pyc/regress/huge_sizes.out")).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), want);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
