//! Running child processes: timed runs with a time limit and bounded output capture, finding
//! CPython, building pyvm, and peak RSS through `/usr/bin/time -v`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// At most this much of a child's stdout or stderr is kept; the rest is read and dropped.
const CAPTURE_LIMIT: usize = 16 << 20;

/// One finished (or abandoned) run of a child process.
#[derive(Debug)]
pub struct RunResult {
    /// Wall time from just before the spawn to the moment `wait` returned.
    pub elapsed: Duration,
    /// CPU time (user + system) the child used, from the change in the runner's
    /// `RUSAGE_CHILDREN` across the run; `None` where that is not available.
    pub cpu: Option<Duration>,
    /// `None` if the run exceeded its time limit and was killed.
    pub status: Option<ExitStatus>,
    pub stdout: Captured,
    pub stderr: Captured,
}

/// The first [`CAPTURE_LIMIT`] bytes of a stream, and its full length.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Captured {
    pub bytes: Vec<u8>,
    pub total_len: u64,
}

impl RunResult {
    pub fn success(&self) -> bool {
        self.status.is_some_and(|s| s.success())
    }

    /// A one-line description of a failed run: the exit status and the last line of stderr
    /// (for a Python traceback, the exception).
    pub fn failure_summary(&self) -> String {
        self.summary_with(true)
    }

    fn summary_with(&self, last_line: bool) -> String {
        let status = match self.status {
            None => return "timed out".to_owned(),
            Some(s) => match s.code() {
                Some(c) => format!("exit {c}"),
                None => format!("{s}"),
            },
        };
        let text = String::from_utf8_lossy(&self.stderr.bytes);
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        let line = if last_line {
            lines.next_back()
        } else {
            lines.next()
        };
        match line {
            Some(line) => format!("{status}: {}", truncate(line, 90)),
            None => status,
        }
    }
}

/// `line` cut to at most `max` characters, with an ellipsis if it was cut.
pub fn truncate(line: &str, max: usize) -> String {
    if line.chars().count() <= max {
        return line.to_owned();
    }
    let mut s: String = line.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

fn drain<R: Read + Send + 'static>(mut r: R) -> thread::JoinHandle<Captured> {
    thread::spawn(move || {
        let mut out = Captured::default();
        let mut buf = [0u8; 64 * 1024];
        loop {
            match r.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let chunk = buf.get(..n).unwrap_or_default();
                    let room = CAPTURE_LIMIT.saturating_sub(out.bytes.len());
                    out.bytes
                        .extend_from_slice(chunk.get(..n.min(room)).unwrap_or_default());
                    out.total_len = out.total_len.saturating_add(n as u64);
                }
            }
        }
        out
    })
}

/// Kills our own child `pid` (still unreaped, so the id cannot have been reused).
/// Without a dependency on libc, `kill(1)` (or the shell's builtin) sends the signal.
fn kill(pid: u32) {
    let quiet = |c: &mut Command| {
        c.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
    };
    let direct = quiet(Command::new("kill").arg("-KILL").arg(pid.to_string()));
    if !direct.is_ok_and(|s| s.success()) {
        let _ = quiet(
            Command::new("sh")
                .arg("-c")
                .arg(format!("kill -KILL {pid}")),
        );
    }
}

/// Runs `cmd` (stdin empty), timing it, capturing its output, and killing it after `limit`.
pub fn run_timed(cmd: &mut Command, limit: Duration) -> std::io::Result<RunResult> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let cpu_before = children_cpu();
    let start = Instant::now();
    let mut child: Child = cmd.spawn()?;
    let pid = child.id();
    let out = child.stdout.take().map(drain);
    let err = child.stderr.take().map(drain);
    let (tx, rx) = mpsc::channel();
    let waiter = thread::spawn(move || {
        let status = child.wait();
        let _ = tx.send((status, start.elapsed()));
    });
    let (status, elapsed) = match rx.recv_timeout(limit) {
        Ok((status, elapsed)) => (Some(status?), elapsed),
        Err(_) => {
            kill(pid);
            // The waiter reaps the killed child; don't wait forever if even that failed.
            match rx.recv_timeout(Duration::from_secs(10)) {
                Ok(_) => {}
                Err(_) => {
                    return Err(std::io::Error::other(format!(
                        "could not stop process {pid} after the time limit"
                    )));
                }
            }
            (None, start.elapsed())
        }
    };
    let _ = waiter.join();
    // The child was reaped by the waiter: its usage is in the runner's children totals now.
    let cpu = match (cpu_before, children_cpu()) {
        (Some(a), Some(b)) if status.is_some() => b.checked_sub(a),
        _ => None,
    };
    let stdout = out.and_then(|h| h.join().ok()).unwrap_or_default();
    let stderr = err.and_then(|h| h.join().ok()).unwrap_or_default();
    Ok(RunResult {
        elapsed,
        cpu,
        status,
        stdout,
        stderr,
    })
}

/// User + system CPU time of all the runner's children that have been waited for
/// (`getrusage(RUSAGE_CHILDREN)`); the runner waits for one child at a time, so the change
/// across a run is that run's. `None` off 64-bit Linux.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn children_cpu() -> Option<Duration> {
    /// `struct rusage` on 64-bit Linux: two `timeval`s, then fourteen `long`s.
    #[repr(C)]
    struct Rusage {
        utime: [i64; 2],
        stime: [i64; 2],
        rest: [i64; 14],
    }
    extern "C" {
        fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }
    const RUSAGE_CHILDREN: i32 = -1;
    let mut u = Rusage {
        utime: [0; 2],
        stime: [0; 2],
        rest: [0; 14],
    };
    // SAFETY: `u` is a writable `struct rusage` (this layout is the x86-64 and aarch64 one).
    if unsafe { getrusage(RUSAGE_CHILDREN, &mut u) } != 0 {
        return None;
    }
    let micros = |t: [i64; 2]| {
        u64::try_from(t[0])
            .ok()?
            .checked_mul(1_000_000)?
            .checked_add(u64::try_from(t[1]).ok()?)
    };
    Some(Duration::from_micros(
        micros(u.utime)?.checked_add(micros(u.stime)?)?,
    ))
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn children_cpu() -> Option<Duration> {
    None
}

/// The CPython the runs compare with.
#[derive(Debug, Clone)]
pub struct Python {
    /// `sys.executable`: runs bypass wrappers such as pyenv shims.
    pub exe: PathBuf,
    /// `sys.version`'s first word, e.g. `3.12.1`.
    pub version: String,
    /// How it was found, e.g. `python3.12 on PATH`.
    pub found_as: String,
}

const PROBE: &str = "import sys; print(sys.version.split()[0]); print(sys.executable)";

fn probe(candidate: &Path) -> Result<Python, String> {
    let mut cmd = Command::new(candidate);
    cmd.args(["-c", PROBE]);
    let r = run_timed(&mut cmd, Duration::from_secs(30)).map_err(|e| e.to_string())?;
    if !r.success() {
        // The first line says most when a launcher (e.g. a pyenv shim) refuses to start.
        return Err(r.summary_with(false));
    }
    let text = String::from_utf8_lossy(&r.stdout.bytes).into_owned();
    let mut lines = text.lines();
    let version = lines.next().unwrap_or_default().trim().to_owned();
    let exe = lines.next().unwrap_or_default().trim();
    if version.is_empty() {
        return Err("printed no version".to_owned());
    }
    Ok(Python {
        exe: if exe.is_empty() {
            candidate.to_path_buf()
        } else {
            PathBuf::from(exe)
        },
        version,
        found_as: String::new(),
    })
}

/// The fallback interpreter looked for when `python3.12` is not on `PATH`.
pub const PYENV_PYTHON: &str = "/root/.pyenv/versions/3.12.1/bin/python3.12";

/// Finds CPython: `explicit` if given, else `python3.12` on `PATH`, else [`PYENV_PYTHON`], else
/// `python3`. Every candidate must actually run. Notes on rejected candidates go to `notes`.
pub fn find_python(explicit: Option<&Path>, notes: &mut Vec<String>) -> Option<Python> {
    let candidates: Vec<(PathBuf, String)> = match explicit {
        Some(p) => vec![(p.to_path_buf(), format!("--python {}", p.display()))],
        None => vec![
            (PathBuf::from("python3.12"), "python3.12 on PATH".to_owned()),
            (PathBuf::from(PYENV_PYTHON), PYENV_PYTHON.to_owned()),
            (PathBuf::from("python3"), "python3 on PATH".to_owned()),
        ],
    };
    for (path, how) in candidates {
        if path.is_absolute() && !path.exists() {
            notes.push(format!("{how}: not present"));
            continue;
        }
        match probe(&path) {
            Ok(mut py) => {
                py.found_as = how;
                return Some(py);
            }
            Err(why) => notes.push(format!("{how}: does not run ({why})")),
        }
    }
    None
}

/// Compiles `source` (relative to `repo`) to `pyc` with `python`'s own `py_compile`.
pub fn compile_with(python: &Python, repo: &Path, source: &str, pyc: &Path) -> Result<(), String> {
    let mut cmd = Command::new(&python.exe);
    cmd.current_dir(repo).args([
        "-c",
        "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], dfile=sys.argv[1], doraise=True)",
        source,
    ]);
    cmd.arg(pyc);
    let r = run_timed(&mut cmd, Duration::from_secs(60)).map_err(|e| e.to_string())?;
    if r.success() {
        Ok(())
    } else {
        Err(r.failure_summary())
    }
}

/// Builds the release pyvm and returns its path. With `static_link`, for the host triple
/// (`--target HOST`, so that build scripts and proc-macros stay dynamic: they cannot be built
/// with `crt-static`) with `-C target-feature=+crt-static`: a static-pie binary with no
/// dynamic loader work at start-up (Linux with glibc only).
pub fn build_pyvm(repo: &Path, static_link: bool) -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(repo)
        .args(["build", "--release", "-p", "pyvm", "--bin", "pyvm"])
        .stdin(Stdio::null());
    let host = if static_link {
        let host = static_host()?;
        let var = format!(
            "CARGO_TARGET_{}_RUSTFLAGS",
            host.to_uppercase().replace(['-', '.'], "_")
        );
        cmd.args(["--target", &host])
            .env(var, "-C target-feature=+crt-static");
        Some(host)
    } else {
        None
    };
    eprintln!(
        "building pyvm: cargo {}",
        cmd.get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let status = cmd
        .status()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build failed ({status})"));
    }
    Ok(release_binary(repo, host.as_deref()))
}

/// The host triple from `rustc -vV`, if static linking is supported there (`*-linux-gnu`).
pub fn static_host() -> Result<String, String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(rustc)
        .arg("-vV")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not run rustc -vV: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let host = text
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(str::trim)
        .ok_or("rustc -vV printed no host triple")?;
    if !host.ends_with("-linux-gnu") {
        return Err(format!("--static is for Linux/glibc hosts, not {host}"));
    }
    Ok(host.to_owned())
}

/// Where `cargo build --release` leaves the pyvm binary (`target/release/pyvm`, or
/// `target/TRIPLE/release/pyvm` for a `--target` build).
pub fn release_binary(repo: &Path, triple: Option<&str>) -> PathBuf {
    let mut target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => repo.join(dir),
        None => repo.join("target"),
    };
    if let Some(t) = triple {
        target.push(t);
    }
    target.join("release").join("pyvm")
}

/// The GNU time binary used for peak RSS.
pub const TIME_BINARY: &str = "/usr/bin/time";

/// Peak RSS in KiB of one run of `program args...` in `dir`, via `/usr/bin/time -v -o REPORT`.
/// `Err` says why it could not be measured.
pub fn peak_rss_kib(
    program: &Path,
    args: &[&str],
    dir: &Path,
    report: &Path,
    limit: Duration,
) -> Result<u64, String> {
    if !Path::new(TIME_BINARY).exists() {
        return Err(format!("{TIME_BINARY} is not present"));
    }
    let _ = std::fs::remove_file(report);
    let mut cmd = Command::new(TIME_BINARY);
    cmd.current_dir(dir)
        .arg("-v")
        .arg("-o")
        .arg(report)
        .arg(program)
        .args(args);
    let r = run_timed(&mut cmd, limit).map_err(|e| e.to_string())?;
    if !r.success() {
        return Err(r.failure_summary());
    }
    let text = std::fs::read_to_string(report)
        .map_err(|e| format!("no report from {TIME_BINARY}: {e}"))?;
    parse_max_rss(&text)
        .ok_or_else(|| format!("{TIME_BINARY} -v printed no maximum resident set size"))
}

/// The "Maximum resident set size (kbytes): N" figure of GNU `time -v`'s report.
pub fn parse_max_rss(report: &str) -> Option<u64> {
    report.lines().find_map(|line| {
        let rest = line
            .trim()
            .strip_prefix("Maximum resident set size (kbytes):")?;
        rest.trim().parse().ok()
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn max_rss_from_time_report() {
        let report = "\tCommand being timed: \"pyvm run x.pyc\"\n\
                      \tUser time (seconds): 0.00\n\
                      \tMaximum resident set size (kbytes): 3712\n\
                      \tAverage resident set size (kbytes): 0\n";
        assert_eq!(parse_max_rss(report), Some(3712));
        assert_eq!(
            parse_max_rss("Command exited with non-zero status 1\n"),
            None
        );
    }

    #[test]
    fn truncation_counts_characters() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("ééééé", 3), "éé…");
    }

    #[test]
    fn timed_run_captures_output_and_status() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "echo out; echo oops >&2; exit 3"]);
        let r = run_timed(&mut cmd, Duration::from_secs(30)).unwrap();
        assert_eq!(r.stdout.bytes, b"out\n");
        assert_eq!(r.stdout.total_len, 4);
        assert!(!r.success());
        assert_eq!(r.failure_summary(), "exit 3: oops");
    }

    #[test]
    fn timed_run_is_killed_at_the_limit() {
        let mut cmd = Command::new("sleep");
        cmd.arg("30");
        let r = run_timed(&mut cmd, Duration::from_millis(200)).unwrap();
        assert!(r.status.is_none());
        assert!(r.elapsed < Duration::from_secs(20));
        assert_eq!(r.failure_summary(), "timed out");
    }
}
