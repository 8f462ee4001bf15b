//! The cycle collector keeps memory bounded: `pyvm run` on a program that creates 50,000 garbage
//! reference cycles (each holding a 4 KB string) peaks far lower than the same run with the
//! collector disabled (`gc.disable()`), which keeps every cycle (~280 MB). The same holds for
//! cycles through suspended generators (`gc_gen_churn`).
//!
//! The peak is the child's `VmHWM` (high-water RSS) from `/proc/PID/status`, polled until it exits;
//! `VmHWM` only grows, so the last reading is the peak up to a few milliseconds before exit.
#![allow(clippy::unwrap_used)]

use std::process::{Command, Stdio};
use std::time::Duration;

const PROGRAM: &str = "tests/programs/safety_gc_churn.pyc";
const GEN_PROGRAM: &str = "tests/programs/gc_gen_churn.pyc";

/// Runs the program; returns (stdout, peak RSS in KiB).
fn run_peak(args: &[&str]) -> (String, u64) {
    run_peak_of(PROGRAM, args)
}

/// Runs `program`; returns (stdout, peak RSS in KiB).
fn run_peak_of(program: &str, args: &[&str]) -> (String, u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("run")
        .arg(program)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0u64;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status_path) {
            for line in text.lines() {
                if let Some(v) = line.strip_prefix("VmHWM:") {
                    let kib: u64 = v.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
                    peak = peak.max(kib);
                }
            }
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (String::from_utf8(out.stdout).unwrap(), peak)
}

#[test]
fn reference_cycles_keep_memory_bounded() {
    if !std::path::Path::new("/proc/self/status").exists() {
        return; // No procfs: nothing to measure.
    }
    let (out, with_gc) = run_peak(&[]);
    assert_eq!(out, "done, collector enabled: True\n");
    let (out, without_gc) = run_peak(&["nogc"]);
    assert_eq!(out, "done, collector enabled: False\n");
    eprintln!("peak RSS: {with_gc} KiB with the collector, {without_gc} KiB without");
    assert!(
        with_gc < 100 * 1024,
        "peak {with_gc} KiB with the collector"
    );
    assert!(
        without_gc > 2 * with_gc && without_gc > 150 * 1024,
        "the program must need the collector: {without_gc} KiB without it, {with_gc} KiB with it"
    );
}

#[test]
fn generator_cycles_keep_memory_bounded() {
    if !std::path::Path::new("/proc/self/status").exists() {
        return;
    }
    let (out, with_gc) = run_peak_of(GEN_PROGRAM, &[]);
    assert_eq!(out, "done, collector enabled: True closed: True\n");
    let (out, without_gc) = run_peak_of(GEN_PROGRAM, &["nogc"]);
    assert_eq!(out, "done, collector enabled: False closed: True\n");
    eprintln!(
        "generator cycles, peak RSS: {with_gc} KiB with the collector, {without_gc} KiB without"
    );
    assert!(
        with_gc < 100 * 1024,
        "peak {with_gc} KiB with the collector"
    );
    assert!(
        without_gc > 2 * with_gc && without_gc > 150 * 1024,
        "the program must need the collector: {without_gc} KiB without it, {with_gc} KiB with it"
    );
}

/// A generator in a garbage cycle that ignores `GeneratorExit`: the collector's `close()` fails
/// and is reported once as unraisable (with the frame that called `gc.collect()`, as CPython
/// reports an exception without a traceback), and the cycle is freed anyway. Expected output
/// recorded by CPython 3.12.7 (`tests/pyc/gc/gc_stubborn.{out,err}`), compared with the address
/// masked.
#[test]
fn a_generator_ignoring_generator_exit_is_reported_and_freed() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .current_dir(dir)
        .args(["run", "tests/pyc/gc/gc_stubborn.pyc"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let expected = std::fs::read_to_string(format!("{dir}/tests/pyc/gc/gc_stubborn.out")).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    let expected_err =
        std::fs::read_to_string(format!("{dir}/tests/pyc/gc/gc_stubborn.err")).unwrap();
    assert_eq!(
        mask_addresses(&String::from_utf8_lossy(&out.stderr)),
        mask_addresses(&expected_err)
    );
}

/// Replaces what follows ` at 0x` on each line (object addresses differ between runs).
fn mask_addresses(s: &str) -> String {
    s.lines()
        .map(|l| match l.find(" at 0x") {
            Some(i) => format!("{} at 0x…>\n", &l[..i]),
            None => format!("{l}\n"),
        })
        .collect()
}

/// Errors raised by finalizers (`__del__` on the refcount path and in the collector, a
/// generator's `finally` during the collector's `close()`) are reported like CPython's default
/// `sys.unraisablehook`: traceback and `Type: message` only, no chained exceptions or notes. A
/// `__del__` whose exception's traceback resurrects the object runs once (PEP 442). Expected
/// output recorded by CPython 3.12.7 (`tests/pyc/gc/gc_unraisable.{out,err}`), compared with the
/// addresses masked.
#[test]
fn finalizer_errors_are_reported_like_cpython() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .current_dir(dir)
        .args(["run", "tests/pyc/gc/gc_unraisable.pyc"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let expected =
        std::fs::read_to_string(format!("{dir}/tests/pyc/gc/gc_unraisable.out")).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    let expected_err =
        std::fs::read_to_string(format!("{dir}/tests/pyc/gc/gc_unraisable.err")).unwrap();
    assert_eq!(
        mask_addresses(&String::from_utf8_lossy(&out.stderr)),
        mask_addresses(&expected_err)
    );
}
