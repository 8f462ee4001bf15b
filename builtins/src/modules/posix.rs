//! `posix`: the small part of CPython's `posix` module that `os.py`, `posixpath` and the
//! modules over them need to import and run (`environ`, `getcwd`, `fspath`, `stat`, `lstat`,
//! `listdir`, `remove`/`unlink`, `mkdir`, `rmdir`, `urandom`, `getpid`, `strerror`,
//! `_have_functions`; `open` and `scandir` exist but fail with `ENOSYS`, pyvm has no
//! file-descriptor I/O). It reads the host's
//! environment and file system, unless the import filter (`Vm::set_import_filter`) refuses the
//! pseudo-names [`FILES_GATE`] / [`ENVIRON_GATE`]: then the module is *confined*, `environ` is
//! empty and the functions that reach the file system raise `PermissionError`, so `os` (and
//! `contextlib`, `typing`, … over it) still imports in a sandbox.

use super::{add_fn, new_type, register};
use pyvm_vm::{ObjRef, PyErr, PyResult, Value, Vm};
use std::io::Read;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::PathBuf;

/// Asked of the import filter when `posix` is built: refused, the file-system functions fail.
pub(crate) const FILES_GATE: &str = "posix:files";
/// Asked of the import filter when `posix` is built: refused, `environ` is empty.
pub(crate) const ENVIRON_GATE: &str = "posix:environ";

/// The error of a file-system function in a confined `posix`.
fn confined(vm: &mut Vm, fname: &str) -> PyErr {
    let msg = format!(
        "os.{fname}() is not allowed: the host gave this interpreter no file system access"
    );
    let t = vm.types().exc.permission_error.clone();
    vm.new_exception_msg(&t, &msg)
}

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["posix"], build);
}

/// `OSError` (or the subclass CPython's errno mapping picks) for a failed call on `path`.
pub(crate) fn os_error(vm: &mut Vm, e: &std::io::Error, path: Option<&Value>) -> PyErr {
    vm.os_error_from_io(e, path)
}

/// `os.fspath`: str and bytes as they are, else `__fspath__()`.
pub(crate) fn fspath(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if v.as_str().is_some() || matches!(v.payload(), Some(pyvm_vm::Payload::Bytes(_))) {
        return Ok(v.clone());
    }
    let cls = Value::Obj(vm.type_of(v));
    match vm.lookup_attr(&cls, "__fspath__")? {
        Some(f) => {
            let r = vm.call(&f, std::slice::from_ref(v))?;
            if r.as_str().is_some() || matches!(r.payload(), Some(pyvm_vm::Payload::Bytes(_))) {
                Ok(r)
            } else {
                Err(vm.new_type_error(&format!(
                    "expected {}.__fspath__() to return str or bytes, not {}",
                    vm.type_name(v),
                    vm.type_name(&r)
                )))
            }
        }
        None => Err(vm.new_type_error(&format!(
            "expected str, bytes or os.PathLike object, not {}",
            vm.type_name(v)
        ))),
    }
}

pub(crate) fn path_arg(vm: &mut Vm, v: &Value) -> PyResult<PathBuf> {
    let p = fspath(vm, v)?;
    match p.as_str() {
        Some(s) => {
            if s.contains('\0') {
                return Err(vm.new_value_error("embedded null byte"));
            }
            Ok(PathBuf::from(s))
        }
        None => {
            let b = vm.bytes_like(&p)?;
            if b.contains(&0) {
                return Err(vm.new_value_error("embedded null byte"));
            }
            Ok(PathBuf::from(std::ffi::OsString::from_vec(b)))
        }
    }
}

fn stat_result(vm: &mut Vm, cls: &ObjRef, md: &std::fs::Metadata) -> PyResult<Value> {
    use std::os::unix::fs::MetadataExt;
    let obj = vm.call(&Value::Obj(cls.clone()), &[])?;
    let ints: [(&str, i64); 7] = [
        ("st_mode", i64::from(md.mode())),
        ("st_ino", i64::try_from(md.ino()).unwrap_or(i64::MAX)),
        ("st_dev", i64::try_from(md.dev()).unwrap_or(i64::MAX)),
        ("st_nlink", i64::try_from(md.nlink()).unwrap_or(i64::MAX)),
        ("st_uid", i64::from(md.uid())),
        ("st_gid", i64::from(md.gid())),
        ("st_size", i64::try_from(md.size()).unwrap_or(i64::MAX)),
    ];
    for (k, v) in ints {
        let key = vm.new_str(k);
        vm.setattr(&obj, &key, Value::Int(v))?;
    }
    #[allow(clippy::cast_precision_loss)]
    let times = [
        ("atime", md.atime(), md.atime_nsec()),
        ("mtime", md.mtime(), md.mtime_nsec()),
        ("ctime", md.ctime(), md.ctime_nsec()),
    ];
    for (k, secs, nsec) in times {
        #[allow(clippy::cast_precision_loss)]
        let f = secs as f64 + nsec as f64 * 1e-9;
        let key = vm.new_str(&format!("st_{k}"));
        vm.setattr(&obj, &key, Value::float(f))?;
        let ns = i128::from(secs) * 1_000_000_000 + i128::from(nsec);
        let nv = vm.new_int_big(num_bigint::BigInt::from(ns));
        let key = vm.new_str(&format!("st_{k}_ns"));
        vm.setattr(&obj, &key, nv)?;
    }
    Ok(obj)
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let files = vm.check_import(FILES_GATE).is_ok();
    let environ = vm.check_import(ENVIRON_GATE).is_ok();
    let env = vm.new_dict();
    if let Some(d) = env.as_obj().filter(|_| environ) {
        for (k, v) in std::env::vars_os() {
            let k = vm.new_bytes(k.as_bytes().to_vec());
            let v = vm.new_bytes(v.as_bytes().to_vec());
            vm.dict_set_item(d, k, v)?;
        }
    }
    vm.set_module_attr(&m, "environ", env);
    let hf = vm.new_list(vec![]);
    vm.set_module_attr(&m, "_have_functions", hf);
    add_fn(vm, &m, "getcwd", |vm, a| {
        super::none(vm, &a, "getcwd")?;
        match std::env::current_dir() {
            Ok(p) => Ok(vm.new_string(p.to_string_lossy().into_owned())),
            Err(e) => Err(os_error(vm, &e, None)),
        }
    });
    add_fn(vm, &m, "getcwdb", |vm, a| {
        super::none(vm, &a, "getcwdb")?;
        match std::env::current_dir() {
            Ok(p) => Ok(vm.new_bytes(p.as_os_str().as_bytes().to_vec())),
            Err(e) => Err(os_error(vm, &e, None)),
        }
    });
    add_fn(vm, &m, "fspath", |vm, a| {
        let p = super::bind(vm, &a, "fspath", &["path"], 0, 1, 0)?;
        fspath(vm, p[0].as_ref().unwrap_or(&Value::None))
    });
    let sr = new_type(vm, "os", "stat_result", &[])?;
    for (fname, follow) in [("stat", true), ("lstat", false)] {
        let sr = sr.clone();
        add_fn(vm, &m, fname, move |vm, a| {
            let p = super::bind(
                vm,
                &a,
                fname,
                &["path", "dir_fd", "follow_symlinks"],
                0,
                1,
                2,
            )?;
            let pv = p[0].clone().unwrap_or(Value::None);
            let path = path_arg(vm, &pv)?;
            let follow = match &p[2] {
                Some(v) => follow && vm.is_true(v)?,
                None => follow,
            };
            let md = if follow {
                std::fs::metadata(&path)
            } else {
                std::fs::symlink_metadata(&path)
            };
            match md {
                Ok(md) => stat_result(vm, &sr, &md),
                Err(e) => Err(os_error(vm, &e, Some(&pv))),
            }
        });
    }
    super::posix_scandir::install(vm, &m, stat_result, sr.clone())?;
    vm.set_module_attr(&m, "stat_result", Value::Obj(sr));
    add_fn(vm, &m, "listdir", |vm, a| {
        let p = super::bind(vm, &a, "listdir", &["path"], 0, 0, 0)?;
        let pv = p[0].clone().unwrap_or_else(|| vm.new_str("."));
        let as_bytes = matches!(pv.payload(), Some(pyvm_vm::Payload::Bytes(_)));
        let path = path_arg(vm, &pv)?;
        let rd = std::fs::read_dir(&path).map_err(|e| os_error(vm, &e, Some(&pv)))?;
        let mut out = Vec::new();
        for ent in rd {
            let ent = ent.map_err(|e| os_error(vm, &e, Some(&pv)))?;
            let n = ent.file_name();
            out.push(if as_bytes {
                vm.new_bytes(n.as_bytes().to_vec())
            } else {
                vm.new_string(n.to_string_lossy().into_owned())
            });
        }
        Ok(vm.new_list(out))
    });
    add_fn(vm, &m, "urandom", |vm, a| {
        let p = super::exact(vm, &a, "urandom", 1)?;
        let n = vm.to_index(&p[0])?;
        let n =
            usize::try_from(n).map_err(|_| vm.new_value_error("negative argument not allowed"))?;
        vm.check_alloc(n)?;
        let mut buf = vec![0u8; n];
        let r = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf));
        match r {
            Ok(()) => Ok(vm.new_bytes(buf)),
            Err(e) => Err(os_error(vm, &e, None)),
        }
    });
    add_fn(vm, &m, "open", |vm, _a| {
        let e = std::io::Error::from_raw_os_error(38);
        Err(os_error(vm, &e, None))
    });
    for fname in ["remove", "unlink"] {
        add_fn(vm, &m, fname, move |vm, a| {
            let p = super::bind(vm, &a, fname, &["path", "dir_fd"], 0, 1, 1)?;
            let arg = p[0].clone().unwrap_or_default();
            let path = path_arg(vm, &arg)?;
            match std::fs::remove_file(&path) {
                Ok(()) => Ok(Value::None),
                Err(e) => Err(os_error(vm, &e, Some(&arg))),
            }
        });
    }
    // Linux's `open` flags (what `os.py`, `tempfile` and `glob` read at import time).
    for (k, v) in [
        ("O_RDONLY", 0),
        ("O_WRONLY", 1),
        ("O_RDWR", 2),
        ("O_CREAT", 0o100),
        ("O_EXCL", 0o200),
        ("O_NOCTTY", 0o400),
        ("O_TRUNC", 0o1000),
        ("O_APPEND", 0o2000),
        ("O_NONBLOCK", 0o4000),
        ("O_DIRECTORY", 0o200_000),
        ("O_NOFOLLOW", 0o400_000),
        ("O_CLOEXEC", 0o2_000_000),
    ] {
        vm.set_module_attr(&m, k, Value::Int(v));
    }
    for (k, v) in [("F_OK", 0), ("X_OK", 1), ("W_OK", 2), ("R_OK", 4)] {
        vm.set_module_attr(&m, k, Value::Int(v));
    }
    add_fn(vm, &m, "rmdir", |vm, a| {
        let p = super::bind(vm, &a, "rmdir", &["path", "dir_fd"], 0, 1, 1)?;
        let arg = p[0].clone().unwrap_or_default();
        let path = path_arg(vm, &arg)?;
        match std::fs::remove_dir(&path) {
            Ok(()) => Ok(Value::None),
            Err(e) => Err(os_error(vm, &e, Some(&arg))),
        }
    });
    add_fn(vm, &m, "mkdir", |vm, a| {
        let p = super::bind(vm, &a, "mkdir", &["path", "mode", "dir_fd"], 0, 1, 1)?;
        let arg = p[0].clone().unwrap_or_default();
        let path = path_arg(vm, &arg)?;
        match std::fs::create_dir(&path) {
            Ok(()) => Ok(Value::None),
            Err(e) => Err(os_error(vm, &e, Some(&arg))),
        }
    });
    if !files {
        for fname in [
            "getcwd", "getcwdb", "stat", "lstat", "listdir", "scandir", "remove", "unlink",
            "rmdir", "mkdir",
        ] {
            add_fn(vm, &m, fname, move |vm, _a| Err(confined(vm, fname)));
        }
    }
    terminal_size(vm, &m)?;
    // `os.environ[k] = v` and `del os.environ[k]` call these. pyvm starts no child processes,
    // so they only check their arguments and leave the host's process environment alone
    // (changing it is racy in a multi-threaded host).
    for (fname, n) in [("putenv", 2), ("unsetenv", 1)] {
        add_fn(vm, &m, fname, move |vm, a| {
            let p = super::exact(vm, &a, fname, n)?;
            for (i, v) in p.iter().enumerate() {
                let b = if let Some(s) = v.as_str() {
                    s.as_bytes().to_vec()
                } else if matches!(v.payload(), Some(pyvm_vm::Payload::Bytes(_))) {
                    vm.bytes_like(v)?
                } else {
                    return Err(vm.new_type_error(&format!(
                        "expected str, bytes or os.PathLike object, not {}",
                        vm.type_name(v)
                    )));
                };
                if b.contains(&0) {
                    return Err(vm.new_value_error("embedded null byte"));
                }
                if i == 0 && (b.is_empty() || b.contains(&b'=')) {
                    return Err(vm.new_value_error("illegal environment variable name"));
                }
            }
            Ok(Value::None)
        });
    }
    add_fn(vm, &m, "getpid", |vm, a| {
        super::none(vm, &a, "getpid")?;
        Ok(Value::Int(i64::from(std::process::id())))
    });
    add_fn(vm, &m, "strerror", |vm, a| {
        let p = super::exact(vm, &a, "strerror", 1)?;
        let code = vm.to_index(&p[0])?;
        let code = i32::try_from(code).unwrap_or(i32::MAX);
        let text = std::io::Error::from_raw_os_error(code).to_string();
        let text = match text.rfind(" (os error ") {
            Some(i) => text[..i].to_string(),
            None => text,
        };
        Ok(vm.new_string(text))
    });
    Ok(m)
}

/// `os.terminal_size` (a tuple subclass standing in for CPython's struct sequence: `columns`,
/// `lines`, its repr, the 2-sequence check) and `os.get_terminal_size`, which raises `OSError`
/// `ENOTTY` as CPython does when the output is not a terminal: pyvm has no `ioctl`, so
/// `shutil.get_terminal_size` falls back to `COLUMNS`/`LINES` and then to 80x24.
fn terminal_size(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let tuple = vm.types().tuple.clone();
    let cls = new_type(vm, "os", "terminal_size", &[tuple])?;
    super::add_method(vm, &cls, "__init__", |vm, a| {
        let n = match a.pos.first() {
            Some(me) => vm.to_vec(me)?.len(),
            None => 0,
        };
        if n != 2 {
            return Err(vm.new_type_error(&format!(
                "os.terminal_size() takes a 2-sequence ({n}-sequence given)"
            )));
        }
        Ok(Value::None)
    });
    for (i, field) in ["columns", "lines"].into_iter().enumerate() {
        crate::methods::add_property(vm, &cls, field, move |vm, me| {
            Ok(vm.to_vec(me)?.get(i).cloned().unwrap_or(Value::None))
        });
    }
    super::add_method(vm, &cls, "__repr__", |vm, a| {
        let items = match a.pos.first() {
            Some(me) => vm.to_vec(me)?,
            None => Vec::new(),
        };
        let mut parts = Vec::new();
        for (field, v) in ["columns", "lines"].iter().zip(&items) {
            let r = vm.repr_string(v)?;
            parts.push(format!("{field}={r}"));
        }
        Ok(vm.new_string(format!("os.terminal_size({})", parts.join(", "))))
    });
    vm.set_module_attr(m, "terminal_size", Value::Obj(cls));
    add_fn(vm, m, "get_terminal_size", |vm, a| {
        let p = super::bind(vm, &a, "get_terminal_size", &["fd"], 0, 1, 0)?;
        if let Some(fd) = &p[0] {
            vm.to_index(fd)?;
        }
        let e = std::io::Error::from_raw_os_error(25);
        Err(os_error(vm, &e, None))
    });
    Ok(())
}
