//! Every code object of every committed CPython 3.12 `.pyc` passes the verifier, and what the
//! verifier reports agrees with the file (stack size, instruction starts).
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{all_codes, good_pycs, repo_root};
use pyvm_loader::opcode::Opcode;
use pyvm_loader::verify::{verify, verify_tree};
use pyvm_loader::{dump_pyc, load_pyc, load_pyc_file, Code, Obj};

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

/// The crafted bad files in `tests/pyc/verify/`: `tests/pyc/flow.pyc` with one nested code object
/// broken. Each loads (the marshal data is fine) and fails verification with the message in the
/// `.err` file beside it. Regenerate with `PYVM_REGEN_VERIFY=1 cargo test -p pyvm-loader --test
/// verify_corpus -- --ignored regenerate`.
fn bad_files() -> Vec<(&'static str, Arc<Code>)> {
    let root = load_pyc_file(repo_root().join("tests/pyc/flow.pyc"))
        .unwrap()
        .code;
    let replace = |qualname: &str, edit: &dyn Fn(&mut Code)| {
        let mut m = (*root).clone();
        let mut consts = m.consts.to_vec();
        for k in &mut consts {
            if let Obj::Code(c) = k {
                if c.qualname.to_str_lossy() == qualname {
                    let mut c2 = (**c).clone();
                    edit(&mut c2);
                    *k = Obj::Code(Arc::new(c2));
                }
            }
        }
        m.consts = consts.into();
        Arc::new(m)
    };
    let set = |c: &mut Code, offset: usize, op: Opcode, arg: u8| {
        let mut v = c.code.to_vec();
        v[offset] = op.number();
        v[offset + 1] = arg;
        c.code = v.into();
    };
    vec![
        (
            "jump_into_cache",
            replace("fib", &|c| set(c, 54, Opcode::JUMP_BACKWARD, 10)),
        ),
        (
            "stack_underflow",
            replace("fib", &|c| set(c, 2, Opcode::NOP, 0)),
        ),
        (
            "specialized_opcode",
            replace("fib", &|c| set(c, 46, Opcode::BINARY_OP_ADD_INT, 0)),
        ),
        (
            "const_out_of_range",
            replace("safe_div", &|c| set(c, 108, Opcode::RETURN_CONST, 9)),
        ),
        ("stacksize_too_small", replace("gen", &|c| c.stacksize -= 1)),
    ]
}

#[test]
fn crafted_bad_files_are_refused() {
    let dir = repo_root().join("tests/pyc/verify");
    let cases = bad_files();
    for (name, _) in &cases {
        let pyc = load_pyc_file(dir.join(format!("{name}.pyc"))).unwrap();
        let expected = std::fs::read_to_string(dir.join(format!("{name}.err"))).unwrap();
        let err = verify_tree(&pyc.code).unwrap_err();
        assert_eq!(err.to_string(), expected.trim_end(), "{name}");
    }
    assert_eq!(
        std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| e
                .as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "pyc"))
            .count(),
        cases.len()
    );
}

#[test]
#[ignore = "writes tests/pyc/verify; set PYVM_REGEN_VERIFY=1"]
fn regenerate_bad_files() {
    if std::env::var("PYVM_REGEN_VERIFY").is_err() {
        return;
    }
    let dir = repo_root().join("tests/pyc/verify");
    std::fs::create_dir_all(&dir).unwrap();
    let header = load_pyc_file(repo_root().join("tests/pyc/flow.pyc"))
        .unwrap()
        .header;
    for (name, code) in bad_files() {
        let err = verify_tree(&code).unwrap_err();
        std::fs::write(dir.join(format!("{name}.pyc")), dump_pyc(&header, &code)).unwrap();
        std::fs::write(dir.join(format!("{name}.err")), format!("{err}\n")).unwrap();
    }
}
