//! Golden tests: run every `tests/programs/NAME.pyc` with the real `pyvm` binary and compare
//! stdout, stderr and the exit status byte for byte with what CPython 3.12 recorded.
//!
//! `PYVM_GOLDEN=name[,name…]` runs only programs whose name contains one of the filters.
//! `PYVM_GOLDEN_QUIET=1` prints only the summary and the names of failures.

#[path = "support/dirprog.rs"]
mod dirprog;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A program still running after this long is reported as hung. The slowest programs take a few
/// seconds of CPU in a debug build (`safety_deep_nesting` ~3.5 s), which on a loaded machine
/// (parallel test binaries, other builds) has stretched to 20 s of wall time.
const TIMEOUT: Duration = Duration::from_secs(60);

struct Outcome {
    name: String,
    ok: bool,
    report: String,
}

fn diff_text(label: &str, expected: &[u8], actual: &[u8]) -> String {
    let e = String::from_utf8_lossy(expected);
    let a = String::from_utf8_lossy(actual);
    let el: Vec<&str> = e.split_inclusive('\n').collect();
    let al: Vec<&str> = a.split_inclusive('\n').collect();
    let mut out = format!(
        "  {label} differs (expected {} bytes, got {} bytes)\n",
        expected.len(),
        actual.len()
    );
    let first = el
        .iter()
        .zip(al.iter())
        .position(|(x, y)| x != y)
        .unwrap_or(el.len().min(al.len()));
    let from = first.saturating_sub(2);
    for i in from..(first + 6).min(el.len().max(al.len())) {
        match (el.get(i), al.get(i)) {
            (Some(x), Some(y)) if x == y => out.push_str(&format!("      {:>4}  {}", i + 1, x)),
            (x, y) => {
                if let Some(x) = x {
                    out.push_str(&format!("    - {:>4}  {}", i + 1, x));
                }
                if let Some(y) = y {
                    out.push_str(&format!("    + {:>4}  {}", i + 1, y));
                }
            }
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

fn run_one(root: &Path, name: &str) -> Outcome {
    let exp_out = dirprog::expected(root, name, "out");
    let exp_err = dirprog::expected(root, name, "err");
    let exp_code: i32 = String::from_utf8_lossy(&dirprog::expected(root, name, "code"))
        .trim()
        .parse()
        .unwrap_or(0);
    // `NAME.in`, when present, is the program's stdin (CPython's run read the same bytes);
    // otherwise stdin is empty.
    let stdin = match std::fs::File::open(root.join(format!("tests/programs/{name}.in"))) {
        Ok(f) => Stdio::from(f),
        Err(_) => Stdio::null(),
    };
    let child = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .arg("run")
        .arg(format!("tests/programs/{name}.pyc"))
        .current_dir(root)
        // Imports must not depend on the machine: no standard library, no extra paths.
        .env("PYVM_STDLIB", "")
        .env_remove("PYVM_PATH")
        .env_remove("PYTHONPYCACHEPREFIX")
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            return Outcome {
                name: name.into(),
                ok: false,
                report: format!("  cannot spawn pyvm: {e}\n"),
            }
        }
    };
    let mut so = child.stdout.take();
    let mut se = child.stderr.take();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(s) = so.as_mut() {
            let _ = s.read_to_end(&mut v);
        }
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(s) = se.as_mut() {
            let _ = s.read_to_end(&mut v);
        }
        v
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break Some(st),
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let out = t_out.join().unwrap_or_default();
    let err = t_err.join().unwrap_or_default();
    let Some(status) = status else {
        return Outcome {
            name: name.into(),
            ok: false,
            report: format!("  timed out after {TIMEOUT:?}\n"),
        };
    };
    let code = status.code().unwrap_or(-1);
    let mut report = String::new();
    if out != exp_out {
        report.push_str(&diff_text("stdout", &exp_out, &out));
    }
    if err != exp_err {
        report.push_str(&diff_text("stderr", &exp_err, &err));
    }
    if code != exp_code {
        report.push_str(&format!("  exit status: expected {exp_code}, got {code}\n"));
    }
    Outcome {
        name: name.into(),
        ok: report.is_empty(),
        report,
    }
}

#[test]
fn golden_programs() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/programs");
    let filters: Vec<String> = std::env::var("PYVM_GOLDEN")
        .map(|s| {
            s.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    let quiet = std::env::var("PYVM_GOLDEN_QUIET").is_ok_and(|v| v == "1");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| {
                    let p = e.path();
                    if p.extension().is_some_and(|x| x == "pyc") {
                        let stem = p.file_stem()?.to_string_lossy().into_owned();
                        if dir.join(format!("{stem}.out")).exists() {
                            return Some(stem);
                        }
                    }
                    None
                })
                .collect()
        })
        .unwrap_or_default();
    // Directory programs: tests/programs/DIR/main.pyc with modules beside it.
    names.extend(dirprog::programs(&dir, None));
    names.retain(|n| filters.is_empty() || filters.iter().any(|f| n.contains(f.as_str())));
    names.sort();
    let queue = Arc::new(Mutex::new(names.clone()));
    let results = Arc::new(Mutex::new(Vec::new()));
    let workers = std::thread::available_parallelism()
        .map_or(4, |n| n.get())
        .min(16);
    let mut handles = Vec::new();
    for _ in 0..workers {
        let q = Arc::clone(&queue);
        let r = Arc::clone(&results);
        let root = root.clone();
        handles.push(std::thread::spawn(move || loop {
            let next = q.lock().ok().and_then(|mut q| q.pop());
            let Some(n) = next else { break };
            let o = run_one(&root, &n);
            if let Ok(mut r) = r.lock() {
                r.push(o);
            }
        }));
    }
    for h in handles {
        let _ = h.join();
    }
    let mut results = std::mem::take(&mut *results.lock().expect("results lock"));
    results.sort_by(|a, b| a.name.cmp(&b.name));
    let passed = results.iter().filter(|o| o.ok).count();
    let failed = results.len() - passed;
    for o in results.iter().filter(|o| !o.ok) {
        if quiet {
            println!("FAIL {}", o.name);
        } else {
            println!("FAIL {}\n{}", o.name, o.report);
        }
    }
    println!("{passed} passed, {failed} failed");
    assert_eq!(failed, 0, "{failed} golden program(s) failed");
}
