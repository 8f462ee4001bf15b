//! Programs whose expected output depends on 64-bit CPython (`tests/pyc/native64/*.py`): sizes,
//! addresses-free layouts and the like that the 32-bit pyodide fixture generator cannot record.
//! Their `.pyc` and `.out` come from a native 64-bit CPython 3.12 (see each program's
//! docstring); `pyvm run` must print exactly that.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

#[test]
fn native64_programs_match_cpython() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/pyc/native64");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "pyc").then(|| p.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for name in &names {
        let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
            .arg("run")
            .arg(format!("tests/pyc/native64/{name}.pyc"))
            .current_dir(root)
            .env("PYVM_STDLIB", "")
            .output()
            .unwrap();
        let want = std::fs::read_to_string(dir.join(format!("{name}.out"))).unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{name}");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
