//! Hand-written argument handling for the `pyvm` binary.
//!
//! Every failure is reported on stderr as `pyvm: <message>` with a non-zero exit status:
//! 2 for usage errors, 1 for files that cannot be read, loaded or disassembled.

mod date;
mod inspect;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit status for command-line usage errors.
pub const EXIT_USAGE: i32 = 2;
/// Exit status for files that cannot be processed.
pub const EXIT_FAILURE: i32 = 1;
/// Exit status after an internal error (a bug in pyvm).
pub const EXIT_INTERNAL: i32 = 70;

const USAGE: &str = "\
usage: pyvm run FILE.pyc [ARGS...]   run a compiled module as __main__
       pyvm FILE.pyc [ARGS...]       same as `pyvm run`
       pyvm inspect FILE.pyc         show the header and the tree of code objects
       pyvm dis FILE.pyc             disassemble, exactly as CPython 3.12's dis.dis prints it
       pyvm --help | -h              show this help

options for running (before FILE.pyc):
       --stdlib DIR                  a CPython 3.12 Lib/ directory (with __pycache__) for imports
                                     (default: $PYVM_STDLIB, else python3.12's on PATH)
       -X pycache_prefix=DIR         look for compiled modules under DIR (like $PYTHONPYCACHEPREFIX)
environment: PYVM_PATH (extra import directories, ':'-separated), PYVM_STDLIB, PYTHONPYCACHEPREFIX
       pyvm --version | -V           show the version
";

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    Help,
    Version,
    Run { file: PathBuf, args: Vec<String> },
    Inspect { file: PathBuf },
    Dis { file: PathBuf },
}

/// A command-line usage problem.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
enum UsageError {
    #[error("no command given")]
    NoCommand,
    #[error("unknown command '{0}'")]
    UnknownCommand(String),
    #[error("unknown option '{0}'")]
    UnknownOption(String),
    #[error("'{0}' needs a .pyc file")]
    MissingFile(&'static str),
    #[error("'{command}' takes one file, but got extra argument '{extra}'")]
    ExtraArgument {
        command: &'static str,
        extra: String,
    },
    #[error("argument {0:?} is not valid UTF-8")]
    NotUnicode(OsString),
}

fn parse(args: &[OsString]) -> Result<Command, UsageError> {
    let Some(first) = args.first() else {
        return Err(UsageError::NoCommand);
    };
    let first_str = first.to_str();
    match first_str {
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some("-V" | "--version") => Ok(Command::Version),
        Some("run") => {
            let file = args.get(1).ok_or(UsageError::MissingFile("run"))?;
            Ok(Command::Run {
                file: PathBuf::from(file),
                args: script_args(&args[2..])?,
            })
        }
        Some(cmd @ ("inspect" | "dis")) => {
            let name: &'static str = if cmd == "dis" { "dis" } else { "inspect" };
            let file = match args.get(1) {
                Some(f) if f.to_str().is_some_and(|s| s.starts_with('-') && s != "-") => {
                    return Err(UsageError::UnknownOption(f.to_string_lossy().into_owned()))
                }
                Some(f) => PathBuf::from(f),
                None => return Err(UsageError::MissingFile(name)),
            };
            if let Some(extra) = args.get(2) {
                return Err(UsageError::ExtraArgument {
                    command: name,
                    extra: extra.to_string_lossy().into_owned(),
                });
            }
            Ok(if name == "dis" {
                Command::Dis { file }
            } else {
                Command::Inspect { file }
            })
        }
        Some(opt) if opt.starts_with('-') => Err(UsageError::UnknownOption(opt.to_owned())),
        _ if Path::new(first).extension().is_some_and(|e| e == "pyc") => Ok(Command::Run {
            file: PathBuf::from(first),
            args: script_args(&args[1..])?,
        }),
        _ => Err(UsageError::UnknownCommand(
            first.to_string_lossy().into_owned(),
        )),
    }
}

fn script_args(args: &[OsString]) -> Result<Vec<String>, UsageError> {
    args.iter()
        .map(|a| {
            a.to_str()
                .map(str::to_owned)
                .ok_or_else(|| UsageError::NotUnicode(a.clone()))
        })
        .collect()
}

/// Writes `text` to stdout; a closed pipe (e.g. `pyvm dis x.pyc | head`) is not an error.
fn print_stdout(text: &str) -> i32 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("pyvm: cannot write output: {e}");
            EXIT_FAILURE
        }
    }
}

fn dis_command(file: &Path) -> i32 {
    let pyc = match pyvm::loader::load_pyc_file(file) {
        Ok(p) => p,
        Err(e) => return fail(file, &e),
    };
    match pyvm::loader::dis::dis(&pyc.code) {
        Ok(text) => print_stdout(&text),
        Err(e) => fail(file, &e),
    }
}

/// Reports an error about `file` and returns the failure status.
fn fail(file: &Path, error: &dyn std::error::Error) -> i32 {
    let msg = error.to_string();
    // Io errors already name the file.
    if msg.contains(&*file.to_string_lossy()) {
        eprintln!("pyvm: {msg}");
    } else {
        eprintln!("pyvm: {}: {msg}", file.display());
    }
    EXIT_FAILURE
}

/// Runs the command line `args` (without the program name) and returns the exit status.
pub fn main(args: &[OsString]) -> i32 {
    // A panic is a bug in pyvm; report it in one line rather than Rust's default output.
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("unknown cause");
        match info.location() {
            Some(at) => eprintln!(
                "pyvm: internal error: {message} (at {}:{})",
                at.file(),
                at.line()
            ),
            None => eprintln!("pyvm: internal error: {message}"),
        }
    }));
    match std::panic::catch_unwind(|| dispatch(args)) {
        Ok(code) => code,
        Err(_) => EXIT_INTERNAL,
    }
}

fn dispatch(args: &[OsString]) -> i32 {
    let args = match pyvm::imports::extract_cli_options(args) {
        Ok(rest) => rest,
        Err(msg) => {
            eprintln!("pyvm: {msg}");
            eprintln!("Try 'pyvm --help' for more information.");
            return EXIT_USAGE;
        }
    };
    match parse(&args) {
        Ok(Command::Help) => print_stdout(USAGE),
        Ok(Command::Version) => print_stdout(&format!(
            "pyvm {} (runs CPython {} bytecode, magic {})\n",
            env!("CARGO_PKG_VERSION"),
            pyvm::loader::magic::VERSION_312,
            pyvm::loader::magic::MAGIC_312
        )),
        Ok(Command::Run { file, args }) => pyvm::run::run_main_then(&file, &args, crate::finish),
        Ok(Command::Inspect { file }) => match inspect::inspect(&file) {
            Ok(text) => print_stdout(&text),
            Err(e) => {
                if !e.partial.is_empty() {
                    let _ = print_stdout(&e.partial);
                }
                fail(&file, &*e.error)
            }
        },
        Ok(Command::Dis { file }) => dis_command(&file),
        Err(e) => {
            eprintln!("pyvm: {e}");
            eprintln!("Try 'pyvm --help' for more information.");
            EXIT_USAGE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Command, UsageError> {
        let v: Vec<OsString> = args.iter().map(OsString::from).collect();
        parse(&v)
    }

    #[test]
    fn parses_commands() {
        assert_eq!(p(&["--help"]), Ok(Command::Help));
        assert_eq!(p(&["-V"]), Ok(Command::Version));
        assert_eq!(
            p(&["run", "a.pyc", "-x", "--help"]),
            Ok(Command::Run {
                file: "a.pyc".into(),
                args: vec!["-x".into(), "--help".into()]
            })
        );
        assert_eq!(
            p(&["b.pyc"]),
            Ok(Command::Run {
                file: "b.pyc".into(),
                args: vec![]
            })
        );
        assert_eq!(
            p(&["dis", "a.pyc"]),
            Ok(Command::Dis {
                file: "a.pyc".into()
            })
        );
        assert_eq!(
            p(&["inspect", "a.pyc"]),
            Ok(Command::Inspect {
                file: "a.pyc".into()
            })
        );
    }

    #[test]
    fn rejects_bad_usage() {
        assert_eq!(p(&[]), Err(UsageError::NoCommand));
        assert_eq!(p(&["frob"]), Err(UsageError::UnknownCommand("frob".into())));
        assert_eq!(
            p(&["--frob"]),
            Err(UsageError::UnknownOption("--frob".into()))
        );
        assert_eq!(p(&["dis"]), Err(UsageError::MissingFile("dis")));
        assert_eq!(p(&["run"]), Err(UsageError::MissingFile("run")));
        assert_eq!(
            p(&["dis", "--x"]),
            Err(UsageError::UnknownOption("--x".into()))
        );
        assert!(matches!(
            p(&["dis", "a.pyc", "b"]),
            Err(UsageError::ExtraArgument { .. })
        ));
    }
}
