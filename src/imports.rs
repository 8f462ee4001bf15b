//! Where `pyvm run` looks for modules: `sys.path` and the pycache prefix.
//!
//! `sys.path` is, in order: the directory of the main `.pyc` (absolute, as CPython's
//! `sys.path[0]`), the entries of `PYVM_PATH` (`:`-separated, like `PYTHONPATH`; pyvm does not
//! read `PYTHONPATH` itself, which usually points at another CPython's sources), then the
//! standard library directory: `--stdlib DIR`, else `PYVM_STDLIB`, else the `lib/python3.12`
//! directory beside a `python3.12` found on `PATH` (when it holds `os.py`). `PYVM_STDLIB` set to
//! the empty string means "no standard library" (tests use it to stay independent of the machine).
//!
//! The pycache prefix is `-X pycache_prefix=DIR`, else `PYTHONPYCACHEPREFIX`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Import settings given on the command line (or by an embedder before [`crate::run_main`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// `--stdlib DIR`.
    pub stdlib: Option<PathBuf>,
    /// `-X pycache_prefix=DIR`.
    pub pycache_prefix: Option<String>,
}

static OPTIONS: OnceLock<ImportOptions> = OnceLock::new();

/// Sets the options used by every later run in this process (the first call wins).
pub fn set_options(opts: ImportOptions) {
    let _ = OPTIONS.set(opts);
}

/// Removes `--stdlib DIR`, `--stdlib=DIR` and `-X pycache_prefix=DIR` from the front of the
/// command line (or right after `run`), records them with [`set_options`] and returns the rest.
pub fn extract_cli_options(args: &[OsString]) -> Result<Vec<OsString>, String> {
    let mut opts = ImportOptions::default();
    let mut out = Vec::with_capacity(args.len());
    let mut i = 0;
    let mut in_options = true;
    while i < args.len() {
        let a = &args[i];
        let s = a.to_str();
        if in_options {
            match s {
                Some("run") if out.is_empty() => {
                    out.push(a.clone());
                    i += 1;
                    continue;
                }
                Some("--stdlib") => {
                    let dir = args.get(i + 1).ok_or("'--stdlib' needs a directory")?;
                    opts.stdlib = Some(PathBuf::from(dir));
                    i += 2;
                    continue;
                }
                Some(x) if x.starts_with("--stdlib=") => {
                    opts.stdlib = Some(PathBuf::from(&x["--stdlib=".len()..]));
                    i += 1;
                    continue;
                }
                Some("-X") => {
                    let v = args
                        .get(i + 1)
                        .and_then(|v| v.to_str())
                        .ok_or("'-X' needs an option")?;
                    opts.pycache_prefix = Some(x_option(v)?);
                    i += 2;
                    continue;
                }
                Some(x) if x.starts_with("-X") && x.len() > 2 => {
                    opts.pycache_prefix = Some(x_option(&x[2..])?);
                    i += 1;
                    continue;
                }
                _ => in_options = false,
            }
        }
        out.push(a.clone());
        i += 1;
    }
    set_options(opts);
    Ok(out)
}

fn x_option(v: &str) -> Result<String, String> {
    match v.split_once('=') {
        Some(("pycache_prefix", dir)) if !dir.is_empty() => Ok(dir.to_string()),
        _ => Err(format!(
            "unsupported -X option '{v}' (pyvm knows only -X pycache_prefix=DIR)"
        )),
    }
}

fn env_nonempty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The `lib/python3.12` directory of a `python3.12` on `PATH`, if it looks like a CPython
/// standard library.
fn stdlib_from_path() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        let exe = dir.join("python3.12");
        if !exe.is_file() {
            continue;
        }
        let exe = std::fs::canonicalize(&exe).unwrap_or(exe);
        let prefix = exe.parent()?.parent()?;
        let lib = prefix.join("lib").join("python3.12");
        if lib.join("os.py").is_file() {
            return Some(lib);
        }
    }
    None
}

/// The absolute directory of the main file (CPython's `sys.path[0]`).
fn main_dir(main: &Path) -> String {
    let abs = if main.is_absolute() {
        main.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|c| c.join(main))
            .unwrap_or_else(|_| main.to_path_buf())
    };
    let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
    let s = dir.to_string_lossy().into_owned();
    // `join` keeps `./x`; CPython's path is free of `.` components.
    s.replace("/./", "/").trim_end_matches("/.").to_string()
}

/// The import configuration for running `main`.
pub fn config_for(main: &Path) -> pyvm_builtins::import::ImportConfig {
    let opts = OPTIONS.get().cloned().unwrap_or_default();
    let mut path = vec![main_dir(main)];
    if let Some(extra) = env_nonempty("PYVM_PATH") {
        path.extend(
            extra
                .split(':')
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        );
    }
    let stdlib = match (opts.stdlib, std::env::var_os("PYVM_STDLIB")) {
        (Some(dir), _) => Some(dir),
        (None, Some(v)) if v.is_empty() => None,
        (None, Some(v)) => Some(PathBuf::from(v)),
        (None, None) => stdlib_from_path(),
    };
    if let Some(dir) = stdlib {
        path.push(dir.to_string_lossy().into_owned());
    }
    let pycache_prefix = opts
        .pycache_prefix
        .or_else(|| env_nonempty("PYTHONPYCACHEPREFIX"));
    pyvm_builtins::import::ImportConfig {
        path,
        pycache_prefix,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn os(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn options_are_taken_from_the_front() {
        let rest = extract_cli_options(&os(&[
            "--stdlib",
            "/s",
            "-X",
            "pycache_prefix=/p",
            "a.pyc",
            "--stdlib",
        ]))
        .unwrap();
        assert_eq!(rest, os(&["a.pyc", "--stdlib"]));
        let rest = extract_cli_options(&os(&["run", "--stdlib=/s", "a.pyc", "x"])).unwrap();
        assert_eq!(rest, os(&["run", "a.pyc", "x"]));
        assert!(extract_cli_options(&os(&["-X", "dev", "a.pyc"])).is_err());
        assert!(extract_cli_options(&os(&["--stdlib"])).is_err());
    }

    #[test]
    fn main_dir_is_absolute() {
        let d = main_dir(Path::new("./tests/x.pyc"));
        assert!(d.starts_with('/'));
        assert!(d.ends_with("/tests"));
        assert!(!d.contains("/./"));
    }
}
