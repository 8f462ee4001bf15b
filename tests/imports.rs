//! Import-system cases the golden runner cannot express: a pycache prefix that must mirror the
//! checkout's real location, caches made missing or stale on purpose, the `--stdlib` /
//! `PYVM_STDLIB` / `PYVM_PATH` search path, and zip archives with deflated, lying or
//! unsupported compressed entries.
//! Each case works on a private copy of a directory program under `target/`.

#![allow(clippy::unwrap_used)]

#[path = "support/dirprog.rs"]
mod dirprog;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let d = root()
        .join("target")
        .join("imports-test")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d.canonicalize().unwrap()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dst = to.join(e.file_name());
        if e.path().is_dir() {
            copy_tree(&e.path(), &dst);
        } else {
            std::fs::copy(e.path(), &dst).unwrap();
            // Keep modification times: timestamp caches compare them.
            let t = std::fs::metadata(e.path()).unwrap().modified().unwrap();
            std::fs::File::options()
                .append(true)
                .open(&dst)
                .unwrap()
                .set_modified(t)
                .unwrap();
        }
    }
}

/// A copy of `tests/programs/NAME` (with its caches made fresh first).
fn program_copy(name: &str, test: &str) -> PathBuf {
    let src = root().join("tests/programs").join(name);
    dirprog::sync_caches(&src);
    let dst = scratch(test).join(name);
    copy_tree(&src, &dst);
    dst
}

fn pyvm(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pyvm"));
    c.args(args).current_dir(cwd);
    for k in ["PYVM_PATH", "PYTHONPYCACHEPREFIX"] {
        c.env_remove(k);
    }
    c.env("PYVM_STDLIB", "");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The last line of stderr (the exception line of a traceback).
fn last_err_line(o: &Output) -> String {
    text(&o.stderr).lines().last().unwrap_or("").to_string()
}

#[test]
fn pycache_prefix_program_matches_cpython() {
    let root = root();
    let names = dirprog::programs(&root.join("tests/programs"), Some("imports"));
    assert!(names.contains(&"imp_prefix/main".to_string()), "{names:?}");
    // Mirror the committed prefix tree (recorded with the checkout at /repo) at the real location.
    let prefix = scratch("prefix");
    let real_root = root.canonicalize().unwrap();
    let committed = root.join("tests/programs/imp_prefix/_pycache_prefix/repo");
    let mirrored = prefix.join(real_root.strip_prefix("/").unwrap());
    copy_tree(&committed, &mirrored);
    let prefix_s = prefix.to_string_lossy().into_owned();
    let want_out = dirprog::expected(&root, "imp_prefix/main", "out");
    let want_err = dirprog::expected(&root, "imp_prefix/main", "err");
    for how in ["env", "cli"] {
        let o = if how == "env" {
            pyvm(
                &["run", "tests/programs/imp_prefix/main.pyc"],
                &root,
                &[("PYTHONPYCACHEPREFIX", &prefix_s)],
            )
        } else {
            let x = format!("pycache_prefix={prefix_s}");
            pyvm(
                &["-X", &x, "tests/programs/imp_prefix/main.pyc"],
                &root,
                &[],
            )
        };
        assert_eq!(
            text(&o.stdout),
            text(&want_out),
            "{how}: stderr: {}",
            text(&o.stderr)
        );
        assert_eq!(text(&o.stderr), text(&want_err), "{how}");
        assert_eq!(o.status.code(), Some(0), "{how}");
    }
    // Without the prefix the caches are not found: pyvm explains what is missing.
    let o = pyvm(&["run", "tests/programs/imp_prefix/main.pyc"], &root, &[]);
    let dir = format!("{}/tests/programs/imp_prefix", real_root.display());
    assert_eq!(
        last_err_line(&o),
        format!(
            "ImportError: no compiled file for module 'prefixed': expected '{dir}/__pycache__/prefixed.cpython-312.pyc' \
             for the source '{dir}/prefixed.py'; pyvm does not compile Python source, create it with: \
             python3.12 -m compileall {dir}"
        )
    );
}

#[test]
fn missing_cache_names_the_file_and_the_fix() {
    let d = program_copy("imp_uncaught", "missing");
    std::fs::remove_file(d.join("__pycache__/inner.cpython-312.pyc")).unwrap();
    let o = pyvm(&["run", "main.pyc"], &d, &[]);
    let dir = d.display();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(text(&o.stdout), "outer starts\n");
    assert_eq!(
        text(&o.stderr),
        format!(
            "Traceback (most recent call last):\n  File \"tests/programs/imp_uncaught/main.py\", line 3, in <module>\n\
             \x20 File \"{dir}/outer.py\", line 2, in <module>\n    import inner\n\
             ImportError: no compiled file for module 'inner': expected '{dir}/__pycache__/inner.cpython-312.pyc' for \
             the source '{dir}/inner.py'; pyvm does not compile Python source, create it with: \
             python3.12 -m compileall {dir}\n"
        )
    );
}

#[test]
fn stale_caches_by_size_and_by_hash() {
    // Timestamp cache, source grew: stale by size.
    let d = program_copy("imp_modules", "stale-size");
    let src = d.join("broken.py");
    let mut s = std::fs::read_to_string(&src).unwrap();
    s.push_str("# edited\n");
    let t = std::fs::metadata(&src).unwrap().modified().unwrap();
    std::fs::write(&src, s).unwrap();
    std::fs::File::options()
        .append(true)
        .open(&src)
        .unwrap()
        .set_modified(t)
        .unwrap();
    let o = pyvm(&["run", "main.pyc"], &d, &[]);
    assert!(
        text(&o.stdout).contains("fresh: 10 False\n"),
        "{}",
        text(&o.stderr)
    );
    let dir = d.display();
    assert_eq!(
        last_err_line(&o),
        format!(
            "ImportError: stale compiled file for module 'broken': '{dir}/__pycache__/broken.cpython-312.pyc' does not \
             match the source '{dir}/broken.py' (the source's size differs from the one recorded); pyvm does not \
             compile Python source, refresh it with: python3.12 -m compileall {dir}"
        )
    );

    // Checked-hash cache, source edited (same size, same time): stale by hash.
    let d = program_copy("imp_checked_hash", "stale-hash");
    let src = d.join("hashed.py");
    let s = std::fs::read_to_string(&src)
        .unwrap()
        .replace("x * x", "x + x");
    std::fs::write(&src, s).unwrap();
    let o = pyvm(&["run", "main.pyc"], &d, &[]);
    let dir = d.display();
    assert_eq!(
        last_err_line(&o),
        format!(
            "ImportError: stale compiled file for module 'hashed': '{dir}/__pycache__/hashed.cpython-312.pyc' does not \
             match the source '{dir}/hashed.py' (the source's hash differs from the one recorded); pyvm does not \
             compile Python source, refresh it with: python3.12 -m compileall {dir}"
        )
    );

    // Unchecked-hash cache: trusted whatever the source says.
    let d = program_copy("imp_unchecked_hash", "trusted");
    std::fs::write(d.join("trusted.py"), "raise SystemExit('not this')\n").unwrap();
    let o = pyvm(&["run", "main.pyc"], &d, &[]);
    assert_eq!(
        text(&o.stdout),
        "hello, pyvm\ntrusted True\n",
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn stdlib_and_extra_path_directories() {
    // main.pyc alone in one directory, the modules it imports in another.
    let base = scratch("stdlib");
    let prog = root().join("tests/programs/imp_uncaught");
    dirprog::sync_caches(&prog);
    let main_dir = base.join("app");
    let lib = base.join("lib");
    std::fs::create_dir_all(&main_dir).unwrap();
    std::fs::copy(prog.join("main.pyc"), main_dir.join("main.pyc")).unwrap();
    copy_tree(&prog, &lib);
    std::fs::remove_file(lib.join("main.py")).unwrap();
    let lib_s = lib.to_string_lossy().into_owned();
    let flag = format!("--stdlib={lib_s}");
    type Case<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>);
    let cases: Vec<Case<'_>> = vec![
        (vec!["--stdlib", &lib_s, "app/main.pyc"], vec![]),
        (vec!["run", &flag, "app/main.pyc"], vec![]),
        (vec!["run", "app/main.pyc"], vec![("PYVM_STDLIB", &lib_s)]),
        (vec!["run", "app/main.pyc"], vec![("PYVM_PATH", &lib_s)]),
    ];
    for (args, env) in cases {
        let o = pyvm(&args, &base, &env);
        assert_eq!(
            text(&o.stdout),
            "outer starts\ninner runs\n",
            "{args:?} {env:?}: {}",
            text(&o.stderr)
        );
        // The code objects report where their source is now (CPython's _fix_co_filename).
        assert!(
            text(&o.stderr).contains(&format!("  File \"{lib_s}/inner.py\", line 2, in fail\n")),
            "{}",
            text(&o.stderr)
        );
        assert_eq!(last_err_line(&o), "KeyError: 'missing'");
    }
    let o = pyvm(&["run", "app/main.pyc"], &base, &[]);
    assert_eq!(
        last_err_line(&o),
        "ModuleNotFoundError: No module named 'outer'"
    );
    let o = pyvm(&["-X", "dev", "app/main.pyc"], &base, &[]);
    assert_eq!(o.status.code(), Some(2));
}

/// A one-member zip archive whose entry claims the given compression method.
fn zip_with(name: &str, data: &[u8], method: u16) -> Vec<u8> {
    zip_sized(name, data, method, data.len() as u32)
}

/// A one-member zip archive: `data` as written, with the method and uncompressed size given.
fn zip_sized(name: &str, data: &[u8], method: u16, size: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let head = |sig: u32, out: &mut Vec<u8>| out.extend_from_slice(&sig.to_le_bytes());
    head(0x0403_4b50, &mut out);
    out.extend_from_slice(&20u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&method.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0x21, 0]);
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&(name.len() as u16).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(data);
    let cd_off = out.len() as u32;
    let mut cd = Vec::new();
    head(0x0201_4b50, &mut cd);
    cd.extend_from_slice(&[20, 0, 20, 0, 0, 0]);
    cd.extend_from_slice(&method.to_le_bytes());
    cd.extend_from_slice(&[0, 0, 0x21, 0]);
    cd.extend_from_slice(&0u32.to_le_bytes());
    cd.extend_from_slice(&(data.len() as u32).to_le_bytes());
    cd.extend_from_slice(&size.to_le_bytes());
    cd.extend_from_slice(&(name.len() as u16).to_le_bytes());
    cd.extend_from_slice(&[0; 12]);
    cd.extend_from_slice(&0u32.to_le_bytes());
    cd.extend_from_slice(name.as_bytes());
    out.extend_from_slice(&cd);
    head(0x0605_4b50, &mut out);
    out.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
    out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_off.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[test]
fn zip_archives_stored_and_compressed() {
    // imp_uncaught's main imports `outer`; serve `outer` from an archive on PYVM_PATH.
    let base = scratch("zip");
    let prog = root().join("tests/programs/imp_uncaught");
    std::fs::copy(prog.join("main.pyc"), base.join("main.pyc")).unwrap();
    let pyc = std::fs::read(root().join("tests/programs/imp_sourceless/helper.pyc")).unwrap();
    // A stored archive whose `outer.pyc` is the sourceless helper module: importing works.
    std::fs::write(base.join("ok.zip"), zip_with("outer.pyc", &pyc, 0)).unwrap();
    let z = base.join("ok.zip").to_string_lossy().into_owned();
    let o = pyvm(&["run", "main.pyc"], &base, &[("PYVM_PATH", &z)]);
    assert_eq!(text(&o.stdout), "not reached\n", "{}", text(&o.stderr));
    // The same module deflated (method 8) imports the same way.
    let packed = miniz_oxide::deflate::compress_to_vec(&pyc, 6);
    let fixed = zip_sized("outer.pyc", &packed, 8, pyc.len() as u32);
    std::fs::write(base.join("deflated.zip"), fixed).unwrap();
    let z = base.join("deflated.zip").to_string_lossy().into_owned();
    let o = pyvm(&["run", "main.pyc"], &base, &[("PYVM_PATH", &z)]);
    assert_eq!(text(&o.stdout), "not reached\n", "{}", text(&o.stderr));
    // A deflated entry whose recorded size is a lie is an ImportError, not a big allocation.
    let small = (pyc.len() / 2) as u32;
    std::fs::write(
        base.join("lying.zip"),
        zip_sized("outer.pyc", &packed, 8, small),
    )
    .unwrap();
    let z = base.join("lying.zip").to_string_lossy().into_owned();
    let o = pyvm(&["run", "main.pyc"], &base, &[("PYVM_PATH", &z)]);
    assert_eq!(
        last_err_line(&o),
        format!(
            "ImportError: {z}: entry 'outer.pyc' does not have the size recorded in the archive \
             ({small} bytes)"
        )
    );
    std::fs::write(
        base.join("huge.zip"),
        zip_sized("outer.pyc", &packed, 8, u32::MAX),
    )
    .unwrap();
    let z = base.join("huge.zip").to_string_lossy().into_owned();
    let o = pyvm(&["run", "main.pyc"], &base, &[("PYVM_PATH", &z)]);
    assert_eq!(
        last_err_line(&o),
        format!(
            "ImportError: {z}: entry 'outer.pyc' is too large (4294967295 bytes; pyvm reads \
             members up to 268435456 bytes)"
        )
    );
    // Other compression methods (bzip2 is 12) are reported as unsupported.
    std::fs::write(base.join("bad.zip"), zip_with("outer.pyc", &pyc, 12)).unwrap();
    let z = base.join("bad.zip").to_string_lossy().into_owned();
    let o = pyvm(&["run", "main.pyc"], &base, &[("PYVM_PATH", &z)]);
    assert_eq!(
        last_err_line(&o),
        format!(
            "ImportError: {z}: entry 'outer.pyc' is compressed with method 12; pyvm reads only \
             stored and deflated zip entries"
        )
    );
    // A path entry inside an archive that does not exist there is simply skipped.
    let inner = format!("{z}/sub");
    let o = pyvm(&["run", "main.pyc"], &base, &[("PYVM_PATH", &inner)]);
    assert_eq!(
        last_err_line(&o),
        "ModuleNotFoundError: No module named 'outer'"
    );
}
