//! The command line of `pyvm-bench`, parsed by hand.

use std::path::PathBuf;
use std::time::Duration;

pub const USAGE: &str = "\
usage: cargo run --release -p pyvm-bench -- [OPTIONS]      (or: benches/run [OPTIONS])

Builds pyvm in release mode and times it against CPython on the programs in benches/.
Without a suite option, runs the benchmark programs (benches/programs).

suites (combine freely):
  --programs         the benchmark programs in benches/programs (the default)
  --micro            the dispatch-loop micro-benchmarks in benches/micro
  --startup          start-up time and peak RSS of a hello-world program

options:
  --runs N           timed runs of each program per interpreter (default 5; startup uses 4*N)
  --filter NAME      only programs whose name contains NAME (repeatable)
  --markdown FILE    also write the tables as Markdown to FILE
  --json FILE        also write the results as JSON to FILE
  --rss              one extra, untimed run per program under /usr/bin/time -v for peak RSS
  --scale X          pass X as sys.argv[1] (the programs' work scale factor) to both interpreters
  --timeout SECS     give up on a single run after SECS seconds (default 120)
  --python PATH      the CPython to compare with (default: python3.12 on PATH, else
                     /root/.pyenv/versions/3.12.1/bin/python3.12, else python3)
  --pyvm PATH        use this pyvm binary and do not build
  --no-build         do not run cargo build; use target/release/pyvm as it is
  --static           build (or with --no-build, use) a statically linked pyvm: cargo build
                     --target HOST with -C target-feature=+crt-static (Linux/glibc hosts);
                     the binary is target/HOST/release/pyvm (see docs/performance.md)
  --repo DIR         the repository root (default: the one this runner was built from)
  -h, --help         show this help
";

/// Which groups of programs to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Suites {
    pub programs: bool,
    pub micro: bool,
    pub startup: bool,
}

/// Everything the command line can set.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub suites: Suites,
    pub runs: usize,
    pub filters: Vec<String>,
    pub markdown: Option<PathBuf>,
    pub json: Option<PathBuf>,
    pub rss: bool,
    pub scale: Option<String>,
    pub timeout: Duration,
    pub python: Option<PathBuf>,
    pub pyvm: Option<PathBuf>,
    pub build: bool,
    /// `--static`: a statically linked pyvm (see [`crate::exec::build_pyvm`]).
    pub static_link: bool,
    pub repo: Option<PathBuf>,
    pub help: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            suites: Suites::default(),
            runs: 5,
            filters: Vec::new(),
            markdown: None,
            json: None,
            rss: false,
            scale: None,
            timeout: Duration::from_secs(120),
            python: None,
            pyvm: None,
            build: true,
            static_link: false,
            repo: None,
            help: false,
        }
    }
}

/// A command-line problem; `main` prints it with the usage text.
#[derive(Debug, PartialEq, Eq)]
pub struct ArgError(pub String);

impl std::fmt::Display for ArgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Options {
    /// Whether a program called `name` passes the `--filter` options.
    pub fn selects(&self, name: &str) -> bool {
        self.filters.is_empty() || self.filters.iter().any(|f| name.contains(f.as_str()))
    }
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Options, ArgError> {
    let mut o = Options::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        // `--name=value` is accepted as well as `--name value`.
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = |what: &str| -> Result<String, ArgError> {
            match inline.clone().or_else(|| it.next().cloned()) {
                Some(v) => Ok(v),
                None => Err(ArgError(format!("{name} needs {what}"))),
            }
        };
        match name {
            "-h" | "--help" => o.help = true,
            "--programs" => o.suites.programs = true,
            "--micro" => o.suites.micro = true,
            "--startup" => o.suites.startup = true,
            "--rss" => o.rss = true,
            "--no-build" => o.build = false,
            "--static" => o.static_link = true,
            "--runs" => {
                let v = value("a number")?;
                o.runs = match v.parse::<usize>() {
                    Ok(n) if (1..=1000).contains(&n) => n,
                    _ => {
                        return Err(ArgError(format!(
                            "--runs needs a number from 1 to 1000, not '{v}'"
                        )))
                    }
                };
            }
            "--timeout" => {
                let v = value("a number of seconds")?;
                o.timeout = match v.parse::<f64>() {
                    Ok(s) if s.is_finite() && s > 0.0 && s <= 86_400.0 => {
                        Duration::from_secs_f64(s)
                    }
                    _ => {
                        return Err(ArgError(format!(
                            "--timeout needs a positive number of seconds, not '{v}'"
                        )))
                    }
                };
            }
            "--scale" => {
                let v = value("a number")?;
                match v.parse::<f64>() {
                    Ok(s) if s.is_finite() && s > 0.0 => o.scale = Some(v),
                    _ => {
                        return Err(ArgError(format!(
                            "--scale needs a positive number, not '{v}'"
                        )))
                    }
                }
            }
            "--filter" => o.filters.push(value("a name")?),
            "--markdown" => o.markdown = Some(PathBuf::from(value("a file name")?)),
            "--json" => o.json = Some(PathBuf::from(value("a file name")?)),
            "--python" => o.python = Some(PathBuf::from(value("a path")?)),
            "--pyvm" => o.pyvm = Some(PathBuf::from(value("a path")?)),
            "--repo" => o.repo = Some(PathBuf::from(value("a directory")?)),
            _ => return Err(ArgError(format!("unknown argument '{arg}'"))),
        }
    }
    if o.suites == Suites::default() {
        o.suites.programs = true;
    }
    Ok(o)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn p(args: &[&str]) -> Result<Options, ArgError> {
        parse(&args.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn defaults_run_the_programs() {
        let o = p(&[]).unwrap();
        assert_eq!(o.runs, 5);
        assert!(o.suites.programs && !o.suites.micro && !o.suites.startup);
        assert!(o.build);
        assert!(o.selects("anything"));
    }

    #[test]
    fn options_with_values() {
        let o = p(&[
            "--runs",
            "3",
            "--micro",
            "--filter=call",
            "--filter",
            "loop",
            "--json",
            "x.json",
            "--no-build",
            "--static",
        ])
        .unwrap();
        assert!(o.static_link);
        assert_eq!(o.runs, 3);
        assert!(o.suites.micro && !o.suites.programs);
        assert!(o.selects("call_func") && o.selects("while_loop") && !o.selects("attr_load"));
        assert_eq!(o.json, Some(PathBuf::from("x.json")));
        assert!(!o.build);
        let o = p(&["--timeout", "2.5", "--scale", "0.1"]).unwrap();
        assert_eq!(o.timeout, Duration::from_millis(2500));
        assert_eq!(o.scale.as_deref(), Some("0.1"));
    }

    #[test]
    fn bad_arguments() {
        assert_eq!(p(&["--runs"]).unwrap_err().0, "--runs needs a number");
        assert!(p(&["--runs", "0"])
            .unwrap_err()
            .0
            .contains("from 1 to 1000"));
        assert!(p(&["--scale", "-1"]).is_err());
        assert!(p(&["--timeout", "nan"]).is_err());
        assert_eq!(
            p(&["--frobnicate"]).unwrap_err().0,
            "unknown argument '--frobnicate'"
        );
    }
}
