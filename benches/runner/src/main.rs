//! `pyvm-bench`: builds pyvm in release mode and times it against CPython on the programs under
//! `benches/`, checking that both print the same output. See `docs/performance.md`.
//!
//! Standard library only. Speed is never asserted anywhere: this prints tables, it does not judge.

mod args;
mod exec;
mod report;
mod stats;

use args::{Options, USAGE};
use exec::{Captured, Python};
use report::{Meta, Outcome, Row, Startup, Suite};
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let argv: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    std::process::exit(match args::parse(&argv) {
        Err(e) => {
            eprintln!("pyvm-bench: {e}\n\n{USAGE}");
            2
        }
        Ok(o) if o.help => {
            print!("{USAGE}");
            0
        }
        Ok(o) => match run(&o) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("pyvm-bench: {e}");
                1
            }
        },
    });
}

/// The repository root: `--repo`, else the one this runner was compiled in, else the current directory.
fn find_repo(opts: &Options) -> Result<PathBuf, String> {
    let candidates: Vec<PathBuf> = match &opts.repo {
        Some(r) => vec![r.clone()],
        None => vec![
            Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(".."),
            PathBuf::from("."),
        ],
    };
    for c in &candidates {
        if c.join("benches").join("programs").is_dir() {
            return c
                .canonicalize()
                .map_err(|e| format!("{}: {e}", c.display()));
        }
    }
    Err("cannot find the repository (a directory with benches/programs); use --repo DIR".to_owned())
}

/// A scratch directory for the `.pyc` files CPython compiles; removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch, String> {
        let dir = std::env::temp_dir().join(format!("pyvm-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn machine_description() -> String {
    let model = std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|t| {
        t.lines().find_map(|l| {
            l.strip_prefix("model name")
                .map(|r| r.trim_start_matches([' ', '\t', ':']).trim().to_owned())
        })
    });
    let cpus = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .ok()
        .map(|s| s.trim().to_owned());
    let mut parts = Vec::new();
    if let Some(m) = model {
        parts.push(m);
    }
    parts.push(format!("{cpus} CPUs available"));
    if let Some(k) = kernel {
        parts.push(format!("{} {k}", std::env::consts::OS));
    }
    parts.join(", ")
}

/// The short commit id of `HEAD` (read-only `git rev-parse`), if git and a repository are there.
fn head_commit(repo: &Path) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["rev-parse", "--short", "HEAD"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let id = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    (out.status.success() && !id.is_empty()).then_some(id)
}

fn run(opts: &Options) -> Result<(), String> {
    let repo = find_repo(opts)?;
    let mut notes = Vec::new();
    let python = exec::find_python(opts.python.as_deref(), &mut notes).ok_or_else(|| {
        format!(
            "no working CPython found ({}); use --python PATH",
            notes.join("; ")
        )
    })?;
    let notes: Vec<String> = notes.into_iter().map(|n| format!("skipped {n}")).collect();
    eprintln!(
        "CPython {} at {} (found as {})",
        python.version,
        python.exe.display(),
        python.found_as
    );
    for n in &notes {
        eprintln!("  ({n})");
    }
    let pyvm = match (&opts.pyvm, opts.build) {
        (Some(p), _) => std::path::absolute(p).map_err(|e| format!("{}: {e}", p.display()))?,
        (None, true) => exec::build_pyvm(&repo, opts.static_link)?,
        (None, false) if opts.static_link => {
            exec::release_binary(&repo, Some(&exec::static_host()?))
        }
        (None, false) => exec::release_binary(&repo, None),
    };
    if !pyvm.is_file() {
        return Err(format!("no pyvm binary at {}", pyvm.display()));
    }
    let scratch = Scratch::new()?;
    let meta = Meta {
        cpython_version: python.version.clone(),
        cpython_exe: python.exe.display().to_string(),
        cpython_found_as: python.found_as.clone(),
        pyvm_exe: pyvm.display().to_string(),
        commit: head_commit(&repo),
        runs: opts.runs,
        scale: opts.scale.clone(),
        machine: machine_description(),
        notes,
    };
    let ctx = Ctx {
        opts,
        repo: &repo,
        python: &python,
        pyvm: &pyvm,
        scratch: &scratch.0,
    };

    let mut suites = Vec::new();
    let groups = [
        (opts.suites.programs, "programs", "benches/programs"),
        (opts.suites.micro, "micro", "benches/micro"),
    ];
    for (selected, name, dir) in groups {
        if selected {
            let suite = run_suite(&ctx, name, dir)?;
            println!("\n{}", report::text_suite(&meta, &suite));
            suites.push(suite);
        }
    }
    let startup = if opts.suites.startup {
        let s = run_startup(&ctx, "benches/startup/hello");
        println!("\n{}", report::text_startup(&s));
        Some(s)
    } else {
        None
    };
    print!("\n{}", report::text_meta(&meta));

    if let Some(path) = &opts.markdown {
        std::fs::write(path, report::markdown(&meta, &suites, startup.as_ref()))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    if let Some(path) = &opts.json {
        std::fs::write(path, report::json(&meta, &suites, startup.as_ref()))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// What every run needs.
struct Ctx<'a> {
    opts: &'a Options,
    repo: &'a Path,
    python: &'a Python,
    pyvm: &'a Path,
    scratch: &'a Path,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Engine {
    Pyvm,
    Cpython,
}

/// One interpreter's side of a comparison: its times, its first output, and whether it gave up.
#[derive(Default)]
struct Side {
    times: Vec<f64>,
    /// CPU time (user + system) of each successful run, where measured.
    cpu: Vec<f64>,
    output: Option<Captured>,
    unstable: bool,
    failed: Option<String>,
}

impl Ctx<'_> {
    /// The command that runs a program: pyvm on the committed pyc, CPython on the pyc it compiled itself.
    fn command(
        &self,
        engine: Engine,
        committed_pyc: &str,
        own_pyc: &Path,
        python_flags: &[&str],
    ) -> Command {
        let mut cmd = match engine {
            Engine::Pyvm => {
                let mut c = Command::new(self.pyvm);
                c.arg("run").arg(committed_pyc);
                c
            }
            Engine::Cpython => {
                let mut c = Command::new(&self.python.exe);
                c.args(python_flags).arg(own_pyc);
                c
            }
        };
        cmd.current_dir(self.repo);
        if let Some(scale) = &self.opts.scale {
            cmd.arg(scale);
        }
        cmd
    }

    /// One timed run, recorded into `side`.
    fn run_once(&self, side: &mut Side, mut cmd: Command) {
        match exec::run_timed(&mut cmd, self.opts.timeout) {
            Err(e) => side.failed = Some(format!("could not run: {e}")),
            Ok(r) if r.status.is_none() => {
                side.failed = Some(format!(
                    "timed out after {} s",
                    self.opts.timeout.as_secs_f64()
                ));
            }
            Ok(r) if !r.success() => side.failed = Some(r.failure_summary()),
            Ok(r) => {
                side.times.push(r.elapsed.as_secs_f64());
                if let Some(c) = r.cpu {
                    side.cpu.push(c.as_secs_f64());
                }
                match &side.output {
                    None => side.output = Some(r.stdout),
                    Some(first) if *first != r.stdout => side.unstable = true,
                    Some(_) => {}
                }
            }
        }
    }

    /// Runs both interpreters `runs` times, alternating which goes first, and compares outputs.
    fn compare(
        &self,
        committed_pyc: &str,
        own_pyc: &Path,
        runs: usize,
        python_flags: &[&str],
    ) -> (Side, Side, Outcome) {
        let mut pyvm = Side::default();
        let mut cpy = Side::default();
        for round in 0..runs {
            let order = if round % 2 == 0 {
                [Engine::Pyvm, Engine::Cpython]
            } else {
                [Engine::Cpython, Engine::Pyvm]
            };
            for engine in order {
                let side = if engine == Engine::Pyvm {
                    &mut pyvm
                } else {
                    &mut cpy
                };
                if side.failed.is_none() {
                    self.run_once(
                        side,
                        self.command(engine, committed_pyc, own_pyc, python_flags),
                    );
                }
            }
        }
        let outcome = if let Some(f) = &cpy.failed {
            Outcome::CpythonFailed(f.clone())
        } else if let Some(f) = &pyvm.failed {
            Outcome::PyvmFailed(f.clone())
        } else if cpy.unstable {
            Outcome::CpythonFailed("its output differs between runs".to_owned())
        } else if pyvm.unstable || pyvm.output != cpy.output {
            Outcome::Mismatch
        } else {
            Outcome::Ok
        };
        (pyvm, cpy, outcome)
    }

    fn compile(&self, base: &str) -> Result<PathBuf, String> {
        let name = Path::new(base)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let own_pyc = self.scratch.join(format!("{name}.pyc"));
        exec::compile_with(self.python, self.repo, &format!("{base}.py"), &own_pyc)
            .map_err(|e| format!("py_compile: {e}"))?;
        Ok(own_pyc)
    }

    fn rss(
        &self,
        engine: Engine,
        committed_pyc: &str,
        own_pyc: &Path,
        python_flags: &[&str],
    ) -> Result<u64, String> {
        let cmd = self.command(engine, committed_pyc, own_pyc, python_flags);
        let args: Vec<String> = cmd
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let program = PathBuf::from(cmd.get_program());
        let report = self.scratch.join("time-report.txt");
        exec::peak_rss_kib(&program, &args, self.repo, &report, self.opts.timeout)
    }
}

/// The program names (file stems) of `dir/*.py`, sorted.
fn list_programs(repo: &Path, dir: &str) -> Result<Vec<String>, String> {
    let path = repo.join(dir);
    let entries =
        std::fs::read_dir(&path).map_err(|e| format!("cannot list {}: {e}", path.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".py").map(str::to_owned)
        })
        .collect();
    names.sort();
    Ok(names)
}

fn run_suite(ctx: &Ctx<'_>, name: &str, dir: &str) -> Result<Suite, String> {
    let names: Vec<String> = list_programs(ctx.repo, dir)?
        .into_iter()
        .filter(|n| ctx.opts.selects(n))
        .collect();
    if names.is_empty() {
        eprintln!("{dir}: no program matches the filter");
    }
    let mut rows = Vec::new();
    for (i, program) in names.iter().enumerate() {
        eprint!("[{}/{}] {dir}/{program}: ", i + 1, names.len());
        let row = run_program(ctx, dir, program);
        match (row.pyvm_median(), row.cpython_median(), &row.outcome) {
            (Some(p), Some(c), Outcome::Ok) => eprintln!("pyvm {p:.3} s, CPython {c:.3} s"),
            (_, _, outcome) => eprintln!("{}", outcome.describe()),
        }
        rows.push(row);
    }
    Ok(Suite {
        name: name.to_owned(),
        dir: dir.to_owned(),
        rows,
        rss: ctx.opts.rss,
    })
}

fn run_program(ctx: &Ctx<'_>, dir: &str, program: &str) -> Row {
    let mut row = Row::new(program);
    let base = format!("{dir}/{program}");
    let committed_pyc = format!("{base}.pyc");
    if !ctx.repo.join(&committed_pyc).is_file() {
        row.outcome = Outcome::Skipped(format!(
            "no {committed_pyc}: run tools/regen-fixtures {base}.py"
        ));
        return row;
    }
    let own_pyc = match ctx.compile(&base) {
        Ok(p) => p,
        Err(e) => {
            row.outcome = Outcome::CpythonFailed(e);
            return row;
        }
    };
    let (pyvm, cpy, outcome) = ctx.compare(&committed_pyc, &own_pyc, ctx.opts.runs, &[]);
    row.pyvm = pyvm.times;
    row.cpython = cpy.times;
    row.outcome = outcome;
    if ctx.opts.rss {
        if pyvm.failed.is_none() {
            row.pyvm_rss_kib = ctx.rss(Engine::Pyvm, &committed_pyc, &own_pyc, &[]).ok();
        }
        if cpy.failed.is_none() {
            row.cpython_rss_kib = ctx.rss(Engine::Cpython, &committed_pyc, &own_pyc, &[]).ok();
        }
    }
    row
}

/// Wall times of `runs` runs of an empty process (`/bin/true`), spawned and reaped the same
/// way as the interpreters: what every start-up time above includes before either interpreter
/// runs an instruction (empty if `/bin/true` is missing).
fn empty_process_times(runs: usize, limit: std::time::Duration) -> Vec<f64> {
    let mut out = Vec::new();
    if !std::path::Path::new("/bin/true").exists() {
        return out;
    }
    for _ in 0..runs {
        match exec::run_timed(&mut Command::new("/bin/true"), limit) {
            Ok(r) if r.success() => out.push(r.elapsed.as_secs_f64()),
            _ => return Vec::new(),
        }
    }
    out
}

fn run_startup(ctx: &Ctx<'_>, base: &str) -> Startup {
    let runs = ctx.opts.runs.saturating_mul(4);
    let committed_pyc = format!("{base}.pyc");
    let mut s = Startup {
        program: format!("{base}.py"),
        runs,
        pyvm: Vec::new(),
        cpython: Vec::new(),
        pyvm_cpu: Vec::new(),
        cpython_cpu: Vec::new(),
        empty_process: Vec::new(),
        pyvm_rss_kib: Err("not run".to_owned()),
        cpython_rss_kib: Err("not run".to_owned()),
        outcome: Outcome::Ok,
    };
    eprintln!("startup: {runs} runs of {committed_pyc} each");
    if !ctx.repo.join(&committed_pyc).is_file() {
        s.outcome = Outcome::Skipped(format!("no {committed_pyc}"));
        return s;
    }
    let own_pyc = match ctx.compile(base) {
        Ok(p) => p,
        Err(e) => {
            s.outcome = Outcome::CpythonFailed(e);
            return s;
        }
    };
    let flags = ["-S"];
    let (pyvm, cpy, outcome) = ctx.compare(&committed_pyc, &own_pyc, runs, &flags);
    s.pyvm = pyvm.times;
    s.cpython = cpy.times;
    s.pyvm_cpu = pyvm.cpu;
    s.cpython_cpu = cpy.cpu;
    s.outcome = outcome;
    s.empty_process = empty_process_times(runs, ctx.opts.timeout);
    if pyvm.failed.is_none() {
        s.pyvm_rss_kib = ctx.rss(Engine::Pyvm, &committed_pyc, &own_pyc, &flags);
    }
    if cpy.failed.is_none() {
        s.cpython_rss_kib = ctx.rss(Engine::Cpython, &committed_pyc, &own_pyc, &flags);
    }
    s
}
