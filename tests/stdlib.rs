//! Programs that import CPython's pure-Python standard library (`tests/stdlib/*.py`, fixtures made
//! by `tools/regen-fixtures tests/stdlib/NAME.py`). They need a compiled standard library:
//! `target/stdlib312` (built by `tools/make-stdlib`) or the directory in `PYVM_STDLIB`. Without
//! one the test prints a skip line and passes (CI does not build the standard library).

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stdlib_dir() -> Option<PathBuf> {
    let d = match std::env::var_os("PYVM_STDLIB").filter(|d| !d.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => root().join("target/stdlib312"),
    };
    d.join("os.py").is_file().then_some(d)
}

#[test]
fn stdlib_programs_match_cpython() {
    let Some(stdlib) = stdlib_dir() else {
        println!("skipped: no standard library (run tools/make-stdlib or set PYVM_STDLIB)");
        return;
    };
    let dir = root().join("tests/stdlib");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "pyc").then(|| p.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let mut failures = Vec::new();
    for name in &names {
        let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{name}.{ext}"))).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
            .arg("--stdlib")
            .arg(&stdlib)
            .arg("run")
            .arg(format!("tests/stdlib/{name}.pyc"))
            .current_dir(root())
            .env_remove("PYVM_PATH")
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1).to_string();
        let got = (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
            code,
        );
        let want = (read("out"), read("err"), read("code").trim().to_string());
        if got != want {
            failures.push(format!(
                "{name}: stdout/stderr/exit differ\n--- want\n{}{}exit {}\n--- got\n{}{}exit {}",
                want.0, want.1, want.2, got.0, got.1, got.2
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
