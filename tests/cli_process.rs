//! The `pyvm` process itself (`src/main.rs`, `build.rs`): how the binary is linked, and that
//! it runs with closed standard descriptors and survives a reader closing its stdout pipe.
//! What the program prints, its flushing and its exit status are the golden program
//! `perf_startup7`'s; these tests run the same program under other conditions.
#![cfg(unix)]
#![allow(clippy::unwrap_used)]

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Output, Stdio};

const PROG: &str = "tests/programs/perf_startup7.pyc";

fn pyvm() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pyvm"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PYVM_STDLIB", "")
        .env_remove("PYVM_PATH");
    c
}

/// Runs `pyvm run PROG` through `sh` with the redirections in `redirect` (e.g. `0<&-`).
fn run_redirected(redirect: &str) -> Output {
    Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("exec \"$0\" run {PROG} {redirect}"))
        .arg(env!("CARGO_BIN_EXE_pyvm"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PYVM_STDLIB", "")
        .env_remove("PYVM_PATH")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// The types of the program headers of a 64-bit little-endian ELF file.
fn segment_types(elf: &[u8]) -> Vec<u32> {
    let bytes = |at: usize, n: usize| &elf[at..at + n];
    let u16_at = |at: usize| u16::from_le_bytes(bytes(at, 2).try_into().unwrap()) as usize;
    let phoff = u64::from_le_bytes(bytes(0x20, 8).try_into().unwrap()) as usize;
    let (size, count) = (u16_at(0x36), u16_at(0x38));
    assert_eq!(&elf[..5], b"\x7fELF\x02", "not a 64-bit ELF file");
    (0..count)
        .map(|i| u32::from_le_bytes(bytes(phoff + i * size, 4).try_into().unwrap()))
        .collect()
}

/// When build.rs links the binary statically, it has no program interpreter (`PT_INTERP`)
/// and no dynamic section (`PT_DYNAMIC`): nothing for `ld.so` to do at start.
#[test]
#[cfg(all(
    target_os = "linux",
    target_pointer_width = "64",
    target_endian = "little"
))]
fn static_binary_has_no_dynamic_parts() {
    if option_env!("PYVM_STATIC_BIN").is_none() {
        return;
    }
    let elf = std::fs::read(env!("CARGO_BIN_EXE_pyvm")).unwrap();
    let types = segment_types(&elf);
    const PT_DYNAMIC: u32 = 2;
    const PT_INTERP: u32 = 3;
    assert!(
        !types.contains(&PT_INTERP) && !types.contains(&PT_DYNAMIC),
        "segments {types:?}"
    );
}

#[test]
fn closed_stdin_and_stderr() {
    let out = run_redirected("0<&- 2>&-");
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    // (Which descriptor the program's first file gets here is not CPython's: pyvm reopens
    // closed standard descriptors on /dev/null, as Rust programs do, where CPython leaves them
    // closed and sets `sys.stdin`/`sys.stderr` to `None`.)
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.ends_with("\nno newline at the end"), "{stdout}");
}

#[test]
fn closed_stdout() {
    let out = run_redirected("1>&-");
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "to stderr\n");
}

/// `SIGPIPE` is ignored, as in CPython: writing to a pipe nobody reads is an error the program
/// sees, not a signal that kills the process.
#[test]
fn reader_closes_the_pipe() {
    let mut child = pyvm()
        .args(["run", PROG, "4000000"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), None, "killed by a signal; stderr: {err}");
    assert!(status.code().is_some());
}

/// stdout and stderr into one file: stdout is block-buffered (its lines come after stderr's
/// until a flush), or written at once with `PYTHONUNBUFFERED`, as CPython does
/// (`tests/programs/stdio_interleave.py`; these orders are what CPython 3.12 wrote).
#[test]
fn stdout_buffering_follows_pythonunbuffered() {
    let run = |unbuffered: Option<&str>| {
        let mut c = Command::new("/bin/sh");
        c.arg("-c")
            .arg("exec \"$0\" run tests/programs/stdio_interleave.pyc 2>&1")
            .arg(env!("CARGO_BIN_EXE_pyvm"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("PYVM_STDLIB", "")
            .env_remove("PYVM_PATH")
            .stdin(Stdio::null());
        match unbuffered {
            Some(v) => c.env("PYTHONUNBUFFERED", v),
            None => c.env_remove("PYTHONUNBUFFERED"),
        };
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    let buffered = "err 2\nerr 4\nout 1\nout 3\nout 5\nerr 6\n";
    assert_eq!(run(None), buffered);
    assert_eq!(run(Some("")), buffered);
    assert_eq!(run(Some("1")), "out 1\nerr 2\nout 3\nerr 4\nout 5\nerr 6\n");
}

/// In a pseudo-terminal (`script` from util-linux makes one), the standard streams are
/// terminals and stdout is line-buffered: the first line comes out before stderr's, as with
/// CPython 3.12 (`tests/programs/stdio_tty.py`; the golden runner checks the pipe case).
/// Skipped where `script` is not installed.
#[test]
fn terminals_are_terminals_and_stdout_is_line_buffered() {
    let cmd = format!(
        "{} run tests/programs/stdio_tty.pyc",
        env!("CARGO_BIN_EXE_pyvm")
    );
    let out = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PYVM_STDLIB", "")
        .env_remove("PYVM_PATH")
        .env_remove("PYTHONUNBUFFERED")
        .stdin(Stdio::null())
        .output();
    let Ok(out) = out else {
        println!("skipped: no `script` command to make a pseudo-terminal");
        return;
    };
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "True True True True\r\nerr\r\nout\r\n"
    );
}

/// Each case of `tests/programs/stdout_pipe.py` run with the reading end of its stdout pipe
/// already closed, block-buffered and with `PYTHONUNBUFFERED=1`: where `BrokenPipeError` is
/// raised, whether text still pending at exit is reported as "Exception ignored" with status
/// 120, and the tracebacks. `tests/fixtures/stdout_pipe_closed.txt` is what a native 64-bit
/// CPython 3.12.1 wrote for the same `.pyc` under the same conditions.
#[test]
fn closed_pipe_raises_broken_pipe_as_cpython_does() {
    let cases = [
        "small",
        "explicit_flush",
        "print_flush",
        "many_lines",
        "caught_then_quiet",
        "caught_then_print",
        "binary_flush",
    ];
    let mut got = String::new();
    for case in cases {
        for unbuffered in [false, true] {
            let (reader, writer) = std::io::pipe().unwrap();
            drop(reader);
            let mut c = pyvm();
            c.args(["run", "tests/programs/stdout_pipe.pyc", case])
                .stdin(Stdio::null())
                .stdout(writer)
                .stderr(Stdio::piped());
            if unbuffered {
                c.env("PYTHONUNBUFFERED", "1");
            } else {
                c.env_remove("PYTHONUNBUFFERED");
            }
            let out = c.output().unwrap();
            let py_bool = if unbuffered { "True" } else { "False" };
            got.push_str(&format!(
                "== {case} unbuf={py_bool} status={}\n{}",
                out.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    let want = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/stdout_pipe_closed.txt"
    ))
    .unwrap();
    assert_eq!(got, want);
}
