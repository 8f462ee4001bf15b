//! Every code object of every committed CPython 3.12 `.pyc` passes the verifier, and what the
//! verifier reports agrees with the file (stack size, instruction starts).
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{all_codes, good_pycs};
use pyvm_loader::verify::{verify, verify_tree};
use pyvm_loader::{load_pyc, load_pyc_file};

fn verify_file(path: &Path) -> usize {
    let pyc = load_pyc_file(path).unwrap();
    let n = verify_tree(&pyc.code).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let codes = all_codes(&pyc.code);
    assert_eq!(n, codes.len());
    for c in &codes {
        let info = verify(c).unwrap();
        // CPython's analysis also walks code it later leaves unreachable, so its co_stacksize may be
        // larger than what the verifier finds, never smaller.
        assert!(
            info.max_depth() <= c.stacksize,
            "{}: {}",
            path.display(),
            c.qualname.to_str_lossy()
        );
        assert!(info.is_instruction_start(0));
        assert_eq!(info.depth_at(0), Some(0));
    }
    n
}

#[test]
fn all_fixtures_verify() {
    let files = good_pycs();
    assert!(files.len() > 50, "fixtures missing");
    let total: usize = files.iter().map(|p| verify_file(p)).sum();
    assert!(total > files.len());
}

/// A one-off breadth check: set `PYVM_VERIFY_DIR` to a directory of CPython 3.12 `.pyc` files (for
/// example the standard library compiled with `compileall`) and run with `--ignored`.
#[test]
#[ignore = "needs PYVM_VERIFY_DIR"]
fn directory_verifies() {
    let Ok(dir) = std::env::var("PYVM_VERIFY_DIR") else {
        return;
    };
    let mut files = 0;
    let mut codes = 0;
    let mut failures = Vec::new();
    let (mut shallower, mut instrs, mut unreachable) = (0, 0, 0);
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "pyc") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let pyc = load_pyc(&bytes).unwrap();
        files += 1;
        for c in all_codes(&pyc.code) {
            codes += 1;
            match verify(&c) {
                Ok(info) => {
                    shallower += usize::from(info.max_depth() < c.stacksize);
                    instrs += info.instruction_count();
                    unreachable += (0..c.code.len())
                        .filter(|&o| info.is_instruction_start(o) && !info.is_reachable(o))
                        .count();
                    if info.max_depth() > c.stacksize {
                        failures.push(format!(
                            "{}: {}: max depth {} vs co_stacksize {}",
                            path.display(),
                            c.qualname.to_str_lossy(),
                            info.max_depth(),
                            c.stacksize
                        ));
                    }
                }
                Err(e) => failures.push(format!("{}: {e}", path.display())),
            }
        }
    }
    eprintln!(
        "verified {files} files, {codes} code objects ({instrs} instructions, {unreachable} \
         unreachable; {shallower} code objects need less stack than co_stacksize), {} failures",
        failures.len()
    );
    for f in failures.iter().take(40) {
        eprintln!("{f}");
    }
    assert!(failures.is_empty());
}
