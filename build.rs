//! Build script of the `pyvm` package: links the `pyvm` binary statically on Linux with glibc.
//!
//! A dynamically linked `pyvm` spends a third of its start-up in the dynamic loader: mapping
//! libc, libm and libgcc_s, binding their symbols and relocating the executable (see
//! docs/performance.md, "Static linking by default"). rustc links statically only with
//! `-C target-feature=+crt-static`, and that flag cannot be given to this one binary: in
//! `RUSTFLAGS` or `.cargo/config.toml` it reaches the proc-macro crates too, which cannot be
//! built that way, unless every build names `--target`. So the binary gets the same link as
//! `crt-static` would give it, from here:
//!
//! - rustc asks for the C libraries by name (`-lc -lm -lgcc_s -lpthread ...`, with
//!   `-Bdynamic`). A directory of our own, searched first, answers each name with a linker
//!   script naming the static archive instead (`libgcc_s` becomes `libgcc_eh.a` + `libgcc.a`,
//!   as `crt-static` links them), so no shared library enters the link.
//! - `-static` makes the executable itself static (no interpreter, no dynamic section), and
//!   `-no-pie` a fixed-address one, so nothing is relocated at start either.
//!
//! Only the binaries get these arguments (`rustc-link-arg-bins`); the library, tests and
//! examples link as before. Nothing happens when the archives are not installed, when the
//! target is not the host, when `crt-static` is already on, or with `PYVM_DYNAMIC=1` in the
//! build's environment: the binary is then linked the ordinary way.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The libraries rustc and the dependencies ask for, and the archives that answer for each.
const LIBS: &[(&str, &[&str])] = &[
    ("c", &["libc.a", "libgcc_eh.a", "libgcc.a"]),
    ("gcc_s", &["libgcc_eh.a", "libgcc.a"]),
    ("m", &["libm.a"]),
    ("pthread", &["libpthread.a"]),
    ("dl", &["libdl.a"]),
    ("rt", &["librt.a"]),
    ("util", &["libutil.a"]),
];

/// Archives the static link cannot do without (the others are empty in glibc 2.34 and later).
const REQUIRED: &[&str] = &["libc.a", "libgcc_eh.a", "libgcc.a", "libm.a", "crt1.o"];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PYVM_DYNAMIC");
    if let Some(dir) = static_link_dir() {
        println!("cargo:rustc-link-arg-bins=-L{}", dir.display());
        println!("cargo:rustc-link-arg-bins=-no-pie");
        println!("cargo:rustc-link-arg-bins=-static");
        // Lets a test check that the binary it runs is the static one.
        println!("cargo:rustc-env=PYVM_STATIC_BIN=1");
    }
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

/// Writes the directory of linker scripts described in the module doc and returns it, or
/// `None` when the binary is to be linked the ordinary way.
fn static_link_dir() -> Option<PathBuf> {
    if !matches!(var("PYVM_DYNAMIC").as_str(), "" | "0")
        || var("CARGO_CFG_TARGET_OS") != "linux"
        || var("CARGO_CFG_TARGET_ENV") != "gnu"
        || var("TARGET") != var("HOST")
        || var("CARGO_CFG_TARGET_FEATURE")
            .split(',')
            .any(|f| f == "crt-static")
    {
        return None;
    }
    let cc = std::env::var("RUSTC_LINKER").unwrap_or_else(|_| "cc".to_string());
    let find = |name: &str| -> Option<PathBuf> {
        let out = Command::new(&cc)
            .arg(format!("-print-file-name={name}"))
            .output()
            .ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        let path = PathBuf::from(text.trim());
        // The compiler echoes the bare name when it does not know the file.
        (out.status.success() && path.is_absolute() && path.is_file()).then_some(path)
    };
    for name in REQUIRED {
        find(name)?;
    }
    let dir = PathBuf::from(var("OUT_DIR")).join("static-libs");
    std::fs::create_dir_all(&dir).ok()?;
    for (lib, archives) in LIBS {
        let found: Vec<PathBuf> = archives.iter().filter_map(|a| find(a)).collect();
        write_script(&dir, lib, &found)?;
    }
    Some(dir)
}

/// `lib{lib}.so` in `dir`: a linker script that links `archives` (an empty archive when there
/// are none: the library's functions live in libc).
fn write_script(dir: &Path, lib: &str, archives: &[PathBuf]) -> Option<()> {
    let path = dir.join(format!("lib{lib}.so"));
    let text = if archives.is_empty() {
        "!<arch>\n".to_string()
    } else {
        let names: Vec<String> = archives
            .iter()
            .map(|a| format!("\"{}\"", a.display()))
            .collect();
        format!(
            "/* Written by pyvm's build.rs: link lib{lib} statically. */\nGROUP ( {} )\n",
            names.join(" ")
        )
    };
    std::fs::write(path, text).ok()
}
