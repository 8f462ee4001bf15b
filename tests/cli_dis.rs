//! Golden test: `pyvm dis FILE.pyc` must print exactly what CPython 3.12's `dis.dis(code)` printed.
//!
//! Every `.pyc` with a `.dis` beside it in `tests/programs/` (the program corpus) and in
//! `tests/fixtures/opcode/dis/` (disassembler stress cases) is checked. Code-object addresses
//! (`0x...`) differ from run to run and are normalized on both sides.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Replaces every `0x` followed by hex digits with `0xADDR`.
fn normalize_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("0x") {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 2..];
        let digits = after
            .bytes()
            .take_while(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
            .count();
        if digits == 0 {
            out.push_str("0x");
        } else {
            out.push_str("0xADDR");
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

fn cases() -> Vec<(PathBuf, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["tests/programs", "tests/fixtures/opcode/dis"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "pyc") {
                let expected = path.with_extension("dis");
                if expected.is_file() {
                    out.push((path, expected));
                }
            }
        }
    }
    out.sort();
    out
}

/// A short unified-style diff: the first differing lines with a little context.
fn first_difference(expected: &str, got: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let g: Vec<&str> = got.lines().collect();
    let first = e
        .iter()
        .zip(&g)
        .position(|(a, b)| a != b)
        .unwrap_or(e.len().min(g.len()));
    let mut out = format!("  first difference at line {}:\n", first + 1);
    for i in first.saturating_sub(2)..(first + 3) {
        match (e.get(i), g.get(i)) {
            (Some(a), Some(b)) if a == b => out.push_str(&format!("    {a}\n")),
            (a, b) => {
                if let Some(a) = a {
                    out.push_str(&format!("  - {a}\n"));
                }
                if let Some(b) = b {
                    out.push_str(&format!("  + {b}\n"));
                }
            }
        }
    }
    if e.len() != g.len() {
        out.push_str(&format!(
            "  ({} expected lines, {} printed)\n",
            e.len(),
            g.len()
        ));
    }
    out
}

#[test]
fn dis_matches_cpython() {
    let cases = cases();
    assert!(!cases.is_empty(), "no .pyc/.dis pairs found");
    let mut passed = 0;
    let mut failures = Vec::new();
    for (pyc, expected_path) in &cases {
        let output = Command::new(env!("CARGO_BIN_EXE_pyvm"))
            .arg("dis")
            .arg(pyc)
            .output()
            .unwrap();
        let expected = normalize_addresses(&std::fs::read_to_string(expected_path).unwrap());
        let got = normalize_addresses(&String::from_utf8_lossy(&output.stdout));
        if output.status.success() && got == expected {
            passed += 1;
        } else {
            let mut report = format!("{}: exit status {}\n", pyc.display(), output.status);
            let stderr = String::from_utf8_lossy(&output.stderr);
            if !stderr.is_empty() {
                report.push_str(&format!("  stderr: {stderr}\n"));
            }
            report.push_str(&first_difference(&expected, &got));
            failures.push(report);
        }
    }
    println!("{passed} passed, {} failed", failures.len());
    assert!(
        failures.is_empty(),
        "{} of {} disassemblies differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn normalization() {
    assert_eq!(
        normalize_addresses("<code object f at 0x7f3a2b, file \"x\", line 1> 0x 0xz"),
        "<code object f at 0xADDR, file \"x\", line 1> 0x 0xz"
    );
}

#[test]
fn dis_errors_are_reported_without_panicking() {
    let dir = std::env::temp_dir().join(format!("pyvm-cli-dis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.pyc");
    std::fs::write(&bad, b"not a pyc at all").unwrap();
    let missing = dir.join("missing.pyc");
    for (path, needle) in [(&bad, "not a .pyc file"), (&missing, "cannot read")] {
        let output = Command::new(env!("CARGO_BIN_EXE_pyvm"))
            .arg("dis")
            .arg(path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.starts_with("pyvm: "), "{stderr}");
        assert!(stderr.contains(needle), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(output.stdout.is_empty());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
