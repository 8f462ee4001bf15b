//! Snapshot tests of `pyvm inspect`, plus its error reporting and the CLI's usage handling.
//!
//! Expected reports live beside the inputs as `NAME.inspect` under `tests/fixtures/opcode/`. Run
//! with `PYVM_BLESS=1` to rewrite them after an intended change of format. The `source:` verdict of
//! timestamp-based files depends on the checkout's file times, so that one line is normalized.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

fn pyvm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// Replaces the freshness verdict of timestamp-based files, which depends on file times.
fn normalize(report: &str) -> String {
    let timestamp_based = report.contains("(timestamp-based)");
    report
        .lines()
        .map(|line| match line.strip_prefix("source:       ") {
            Some(rest) if timestamp_based => match rest.find(" (") {
                Some(pos) => format!("source:       {} (<freshness>)", &rest[..pos]),
                None => line.to_owned(),
            },
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn check_snapshot(pyc: &str) {
    let output = pyvm(&["inspect", pyc]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{pyc}: {stderr}");
    let got = normalize(&String::from_utf8(output.stdout).unwrap());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let name = Path::new(pyc)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let snapshot = root
        .join("tests/fixtures/opcode/inspect")
        .join(format!("{name}.inspect"));
    if std::env::var_os("PYVM_BLESS").is_some() {
        std::fs::write(&snapshot, &got).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&snapshot).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with PYVM_BLESS=1 to create it)",
            snapshot.display()
        )
    });
    if got != expected {
        let first = expected.lines().zip(got.lines()).position(|(a, b)| a != b);
        panic!(
            "inspect {pyc} differs from {} (first differing line {:?}):\n--- got ---\n{got}",
            snapshot.display(),
            first.map(|i| i + 1)
        );
    }
}

#[test]
fn snapshot_timestamp_pyc_with_type_params() {
    check_snapshot("tests/fixtures/opcode/dis/dis_generics.pyc");
}

#[test]
fn snapshot_timestamp_pyc_with_many_constants() {
    check_snapshot("tests/fixtures/opcode/dis/dis_consts.pyc");
}

#[test]
fn snapshot_checked_hash_pyc() {
    check_snapshot("tests/fixtures/opcode/inspect/hashed_checked.pyc");
}

#[test]
fn snapshot_unchecked_hash_pyc() {
    check_snapshot("tests/fixtures/opcode/inspect/hashed_unchecked.pyc");
}

#[test]
fn timestamp_header_is_decoded_as_utc() {
    let output = pyvm(&["inspect", "tests/fixtures/opcode/dis/dis_async.pyc"]);
    let text = String::from_utf8(output.stdout).unwrap();
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/opcode/dis/dis_async.pyc"),
    )
    .unwrap();
    let mtime = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    let line = text
        .lines()
        .find(|l| l.starts_with("source mtime:"))
        .unwrap();
    assert!(line.ends_with(&format!(" UTC ({mtime})")), "{line}");
    assert!(
        line.len() == "source mtime: YYYY-MM-DD HH:MM:SS UTC (".len() + mtime.to_string().len() + 1
    );
}

#[test]
fn foreign_magic_shows_header_then_error() {
    let dir = std::env::temp_dir().join(format!("pyvm-cli-inspect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let old = dir.join("old.pyc");
    let mut bytes = vec![0xa7, 0x0d, 0x0d, 0x0a];
    bytes.extend_from_slice(&[0; 12]);
    bytes.extend_from_slice(b"\xe3garbage");
    std::fs::write(&old, &bytes).unwrap();
    let output = pyvm(&["inspect", old.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout.contains("magic:        a7 0d 0d 0a = 3495 (CPython 3.11)"),
        "{stdout}"
    );
    assert!(
        stderr.starts_with("pyvm: ") && stderr.contains("3.11"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors() {
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["--frobnicate"][..],
        &["dis"][..],
        &["inspect", "a.pyc", "b"][..],
    ] {
        let output = pyvm(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.starts_with("pyvm: "), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn help_and_version() {
    let help = pyvm(&["--help"]);
    assert!(help.status.success());
    let text = String::from_utf8(help.stdout).unwrap();
    for cmd in ["pyvm run", "pyvm inspect", "pyvm dis", "--version"] {
        assert!(text.contains(cmd), "{text}");
    }
    let version = pyvm(&["--version"]);
    assert!(version.status.success());
    let text = String::from_utf8(version.stdout).unwrap();
    assert!(
        text.starts_with(&format!("pyvm {} ", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(text.contains("3.12"));
}
