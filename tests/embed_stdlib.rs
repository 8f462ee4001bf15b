//! A sandboxed guest (`Capabilities::none()`) importing computation-only modules of a
//! host-provided standard library (`target/stdlib312` from `tools/make-stdlib`, or
//! `PYVM_STDLIB`): the native accelerators those modules sit on (`_sre`, `_functools`,
//! `_typing`, `_codecs`, …) are in the safe list, while file-system modules stay refused.
//! Without a standard library the test prints a skip line and passes.
#![allow(clippy::unwrap_used)]

use pyvm::embed::{Interpreter, PyValue};
use std::path::PathBuf;

fn stdlib_dir() -> Option<PathBuf> {
    let d = match std::env::var_os("PYVM_STDLIB").filter(|d| !d.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/stdlib312"),
    };
    d.join("os.py").is_file().then_some(d)
}

fn sandbox(stdlib: &PathBuf) -> Interpreter {
    Interpreter::builder().module_path(stdlib).build().unwrap()
}

#[test]
fn sandboxed_guest_imports_computation_modules_of_the_stdlib() {
    let Some(stdlib) = stdlib_dir() else {
        println!("skipped: no standard library (run tools/make-stdlib or set PYVM_STDLIB)");
        return;
    };
    let mut py = sandbox(&stdlib);
    assert!(!py.capabilities().has_filesystem());
    for name in [
        "typing",
        "re",
        "json",
        "functools",
        "collections",
        "enum",
        "fractions",
        "string",
        "textwrap",
        "sre_compile",
        "heapq",
        "bisect",
        "operator",
        "struct",
        "contextlib",
        "abc",
        "copy",
        "keyword",
        "weakref",
        "warnings",
        "ast",
        "random",
        "statistics",
        "decimal",
    ] {
        if let Err(e) = py.import(name) {
            panic!("import {name}: {e}");
        }
    }
    let re = py.import("re").unwrap();
    let m: PyValue = py
        .call_function(&re, "match", (r"(\d+)-(\w+)", "12-ab"))
        .unwrap();
    let g: String = py.call_method(&m, "group", (2,)).unwrap();
    assert_eq!(g, "ab");
    let typing = py.import("typing").unwrap();
    let any: PyValue = py.getattr(&typing.to_value(), "Any").unwrap();
    assert_eq!(py.repr(&any).unwrap(), "typing.Any");
    // `dataclasses` and `inspect` import `io` (through `tokenize`), which a sandbox refuses.
    let e = py.import("dataclasses").unwrap_err();
    assert_eq!(
        e.as_exception().unwrap().message(),
        "import of 'io' is not allowed by the host"
    );
    let json = py.import("json").unwrap();
    let s: String = py
        .call_function(&json, "dumps", (vec![1i64, 2, 3],))
        .unwrap();
    assert_eq!(s, "[1, 2, 3]");
}

#[test]
fn sandboxed_guest_still_cannot_import_file_system_modules() {
    let Some(stdlib) = stdlib_dir() else {
        println!("skipped: no standard library (run tools/make-stdlib or set PYVM_STDLIB)");
        return;
    };
    let mut py = sandbox(&stdlib);
    for name in ["io", "_io", "marshal"] {
        let e = py.import(name).unwrap_err();
        let exc = e.as_exception().unwrap();
        assert_eq!(exc.type_name(), "ImportError");
        assert_eq!(
            exc.message(),
            format!("import of '{name}' is not allowed by the host")
        );
    }
    // `os` imports (contextlib, typing, … need it) but is confined: no environment, no files.
    let os = py.import("os").unwrap();
    let environ: PyValue = py.getattr(&os.to_value(), "environ").unwrap();
    assert_eq!(py.repr(&environ).unwrap(), "environ({})");
    for f in ["getcwd", "listdir"] {
        let e = py.call_function::<PyValue>(&os, f, ()).unwrap_err();
        let exc = e.as_exception().unwrap();
        assert_eq!(exc.type_name(), "PermissionError");
        assert_eq!(
            exc.message(),
            format!(
                "os.{f}() is not allowed: the host gave this interpreter no file system access"
            )
        );
    }
    let stat = py.import("os.path").unwrap();
    assert!(!py.call_function::<bool>(&stat, "exists", ("/",)).unwrap());
}

#[test]
fn trusted_guest_gets_the_real_os() {
    let Some(stdlib) = stdlib_dir() else {
        println!("skipped: no standard library (run tools/make-stdlib or set PYVM_STDLIB)");
        return;
    };
    let mut py = Interpreter::builder()
        .module_path(&stdlib)
        .trusted()
        .build()
        .unwrap();
    let os = py.import("os").unwrap();
    let cwd: String = py.call_function(&os, "getcwd", ()).unwrap();
    assert_eq!(PathBuf::from(cwd), std::env::current_dir().unwrap());
}
