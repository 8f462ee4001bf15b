//! Every opcode the CPython 3.12 compiler can emit is executed by at least one golden program.
//!
//! The root package's tests build the VM with the `opcode-stats` feature (a dev-dependency
//! feature), so `pyvm run` with `PYVM_OPCODE_STATS=FILE` writes the names of the opcodes it ran.
//! This test runs every golden program that way and fails, printing them, if any opcode of
//! `pyvm_loader::opcode` (real, not specialized, not instrumented) is never executed, apart from
//! the few listed in [`NEVER_EMITTED`] with the reason the compiler never writes them to a `.pyc`.
#![allow(clippy::unwrap_used)]

use pyvm::loader::opcode::Opcode;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// Opcodes that are real but never appear in compiler output, with why.
const NEVER_EMITTED: &[(&str, &str)] = &[
    (
        "CACHE",
        "inline cache units follow instructions; they are skipped, never dispatched",
    ),
    (
        "RESERVED",
        "a placeholder number with no instruction behind it",
    ),
    (
        "INTERPRETER_EXIT",
        "only in the interpreter's own trampoline code object, never in compiled code",
    ),
    (
        "EXTENDED_ARG",
        "folded into the following instruction's argument when the VM decodes a code object",
    ),
];

/// Opcodes the compiler emits but CPython 3.12 never executes: checked to appear in some golden
/// program's bytecode (its `.dis`) instead.
const EMITTED_NOT_EXECUTED: &[(&str, &str)] = &[(
    "END_FOR",
    "FOR_ITER on an exhausted iterator jumps past the END_FOR that follows the loop",
)];

fn golden_programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("pyc"))
        .filter(|p| p.with_extension("out").exists())
        .collect();
    v.sort();
    v
}

#[test]
fn every_emittable_opcode_is_executed_by_a_golden_program() {
    assert!(
        pyvm_vm::opstats::enabled(),
        "tests must build pyvm-vm with the opcode-stats feature"
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let programs = golden_programs();
    assert!(programs.len() > 50);
    let dis_text: String = programs
        .iter()
        .filter_map(|p| std::fs::read_to_string(p.with_extension("dis")).ok())
        .collect();
    let tmp = std::env::temp_dir().join(format!("pyvm-opstats-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let executed: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let queue = Mutex::new(programs);
    std::thread::scope(|s| {
        for worker in 0..4 {
            let (queue, executed, tmp) = (&queue, &executed, &tmp);
            s.spawn(move || loop {
                let Some(pyc) = queue.lock().unwrap().pop() else {
                    break;
                };
                let stats = tmp.join(format!("{worker}.txt"));
                let _ = std::fs::remove_file(&stats);
                let _ = Command::new(env!("CARGO_BIN_EXE_pyvm"))
                    .current_dir(root)
                    .arg("run")
                    .arg(pyc.strip_prefix(root).unwrap_or(&pyc))
                    .env("PYVM_OPCODE_STATS", &stats)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .unwrap();
                let text = std::fs::read_to_string(&stats).unwrap_or_default();
                let mut set = executed.lock().unwrap();
                set.extend(text.lines().map(str::to_string));
            });
        }
    });
    let _ = std::fs::remove_dir_all(&tmp);
    let executed = executed.into_inner().unwrap();
    let mut missing = Vec::new();
    let mut checked = 0;
    for op in Opcode::ALL {
        if op.is_specialized() || op.is_instrumented() {
            continue;
        }
        let name = op.name();
        if NEVER_EMITTED.iter().any(|(n, _)| *n == name) {
            continue;
        }
        if EMITTED_NOT_EXECUTED.iter().any(|(n, _)| *n == name) {
            checked += 1;
            if !dis_text.contains(&format!(" {name} ")) && !dis_text.contains(&format!(" {name}\n"))
            {
                missing.push(name);
            }
            continue;
        }
        checked += 1;
        if !executed.contains(name) {
            missing.push(name);
        }
    }
    eprintln!(
        "{checked} opcodes checked, {} covered by the golden programs",
        checked - missing.len()
    );
    assert!(
        missing.is_empty(),
        "opcodes no golden program executes: {}",
        missing.join(", ")
    );
}
