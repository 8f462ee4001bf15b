//! Every code object is verified before it runs: `pyvm run` on a crafted `.pyc` reports the
//! verifier's message and exits 1, and `Vm::load_code` (the one place loader code becomes VM code,
//! used by `run_module`, imports and `marshal.loads`) raises `SystemError` with that message.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

fn cases() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pyc/verify");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().and_then(|e| e.to_str()) == Some("pyc") {
            let err = std::fs::read_to_string(p.with_extension("err")).unwrap();
            out.push((p.to_string_lossy().into_owned(), err.trim_end().to_string()));
        }
    }
    out.sort();
    assert!(out.len() >= 5, "verifier fixtures missing");
    out
}

#[test]
fn cli_run_rejects_unverifiable_pyc() {
    for (pyc, expected) in cases() {
        let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
            .args(["run", &pyc])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{pyc}");
        assert!(out.stdout.is_empty(), "{pyc}: nothing may run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr, format!("pyvm: {expected}\n"), "{pyc}");
    }
}

#[test]
fn vm_load_code_raises_system_error() {
    for (pyc, expected) in cases() {
        let loaded = pyvm::loader::load_pyc_file(Path::new(&pyc)).unwrap();
        let mut vm = pyvm_vm::Vm::new();
        pyvm_builtins::install(&mut vm);
        let Err(e) = vm.load_code(&loaded.code) else {
            panic!("{pyc}: loaded without a verify error");
        };
        let system_error = vm.types().exc.system_error.clone();
        assert!(vm.err_matches(&e, &system_error), "{pyc}");
        let msg = vm.str_string(&e.value()).unwrap();
        // Nested code objects are verified on their own, so the message names them by qualname
        // (`fib`), not by the path from the module (`<module>.fib`).
        let tail = expected
            .split_once(" at offset ")
            .map_or(expected.as_str(), |(_, t)| t);
        let tail = tail.split_once(": ").map_or(tail, |(_, t)| t);
        assert!(msg.starts_with("verify: "), "{pyc}: {msg}");
        assert!(msg.ends_with(tail), "{pyc}: {msg} vs {expected}");
    }
}

#[test]
fn import_of_unverifiable_module_raises_system_error() {
    let dir = std::env::temp_dir().join(format!("pyvm-safety-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pyc/verify/jump_into_cache.pyc");
    std::fs::copy(&src, dir.join("badmod.pyc")).unwrap();
    let mut py = pyvm::embed::Interpreter::builder()
        .module_path(&dir)
        .stdout(pyvm::embed::Output::Discard)
        .stderr(pyvm::embed::Output::Discard)
        .build()
        .unwrap();
    let r = py.import("badmod");
    let _ = std::fs::remove_dir_all(&dir);
    let Err(pyvm::embed::Error::Exception(e)) = r else {
        panic!("import of a bad module must raise: {r:?}");
    };
    assert_eq!(e.type_name(), "SystemError");
    assert_eq!(
        e.message(),
        "verify: fib at offset 54: JUMP_BACKWARD target 36 is inside an inline cache"
    );
}
