//! `os.scandir`: an iterator (and context manager) over a directory's entries as `DirEntry`
//! objects (`name`, `path`, `is_dir()`, `is_file()`, `is_symlink()`, `stat()`, `inode()`,
//! `__fspath__`), which `glob`, `shutil` and `pathlib` walk directories with. The entries are
//! read when the iterator is made; the type of each is known without a `stat` call, as from
//! `readdir`, and `is_dir()`/`is_file()` follow a symbolic link only when asked to.

use super::{add_method, alloc_native, native, new_type};
use pyvm_vm::{ObjRef, PyResult, Value, Vm};
use std::cell::RefCell;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

/// One entry: its name and path as the caller's type (`str` or `bytes`), and what `readdir`
/// said about it.
struct DirEntry {
    name: Value,
    path: Value,
    full: PathBuf,
    is_dir: bool,
    is_file: bool,
    is_symlink: bool,
    ino: u64,
}

/// The entries not yet handed out (`None` once closed).
struct Scandir(RefCell<Option<std::vec::IntoIter<Value>>>);

/// Makes `os.scandir` on module `m`; `stat_result` builds `DirEntry.stat()`'s result.
pub(super) fn install(
    vm: &mut Vm,
    m: &ObjRef,
    stat_result: fn(&mut Vm, &ObjRef, &std::fs::Metadata) -> PyResult<Value>,
    sr: ObjRef,
) -> PyResult<()> {
    let entry_cls = new_type(vm, "posix", "DirEntry", &[])?;
    let iter_cls = new_type(vm, "posix", "ScandirIterator", &[])?;
    for (cls, what) in [
        (&entry_cls, "posix.DirEntry"),
        (&iter_cls, "posix.ScandirIterator"),
    ] {
        vm.set_constructor(cls, move |vm, _a| {
            Err(vm.new_type_error(&format!("cannot create '{what}' instances")))
        });
    }
    for name in ["name", "path"] {
        let fget = vm.new_native_function(name, move |vm, a| {
            let this = a.pos.first().cloned().unwrap_or(Value::None);
            let e = native::<DirEntry>(&this)
                .ok_or_else(|| vm.new_type_error("a 'posix.DirEntry' object is required"))?;
            Ok(if name == "name" {
                e.name.clone()
            } else {
                e.path.clone()
            })
        });
        super::add_getter(vm, &entry_cls, name, fget);
    }
    add_method(vm, &entry_cls, "__fspath__", |vm, a| {
        let e = native::<DirEntry>(&a.pos[0]).ok_or_else(|| vm.new_type_error("not a DirEntry"))?;
        Ok(e.path.clone())
    });
    add_method(vm, &entry_cls, "__repr__", move |vm, a| {
        let e = native::<DirEntry>(&a.pos[0]).ok_or_else(|| vm.new_type_error("not a DirEntry"))?;
        let r = vm.repr_string(&e.name.clone())?;
        Ok(vm.new_string(format!("<DirEntry {r}>")))
    });
    add_method(vm, &entry_cls, "inode", move |vm, a| {
        let e = native::<DirEntry>(&a.pos[0]).ok_or_else(|| vm.new_type_error("not a DirEntry"))?;
        Ok(vm.new_int_big(e.ino.into()))
    });
    add_method(vm, &entry_cls, "is_symlink", move |vm, a| {
        let e = native::<DirEntry>(&a.pos[0]).ok_or_else(|| vm.new_type_error("not a DirEntry"))?;
        Ok(Value::bool(e.is_symlink))
    });
    for kind in ["is_dir", "is_file"] {
        add_method(vm, &entry_cls, kind, move |vm, a| {
            let e =
                native::<DirEntry>(&a.pos[0]).ok_or_else(|| vm.new_type_error("not a DirEntry"))?;
            let follow = follow_arg(vm, &a, kind)?;
            if follow && e.is_symlink {
                // The link's target decides; a broken link is neither.
                return Ok(Value::bool(std::fs::metadata(&e.full).is_ok_and(|md| {
                    if kind == "is_dir" {
                        md.is_dir()
                    } else {
                        md.is_file()
                    }
                })));
            }
            Ok(Value::bool(if kind == "is_dir" {
                e.is_dir
            } else {
                e.is_file
            }))
        });
    }
    add_method(vm, &entry_cls, "stat", move |vm, a| {
        let this = a.pos[0].clone();
        let e = native::<DirEntry>(&this).ok_or_else(|| vm.new_type_error("not a DirEntry"))?;
        let follow = follow_arg(vm, &a, "stat")?;
        let md = if follow {
            std::fs::metadata(&e.full)
        } else {
            std::fs::symlink_metadata(&e.full)
        };
        let path = e.path.clone();
        match md {
            Ok(md) => stat_result(vm, &sr, &md),
            Err(err) => Err(super::posix::os_error(vm, &err, Some(&path))),
        }
    });
    add_method(vm, &iter_cls, "__iter__", |_vm, a| Ok(a.pos[0].clone()));
    add_method(vm, &iter_cls, "__next__", |vm, a| {
        let it = native::<Scandir>(&a.pos[0]);
        let next = it.and_then(|s| s.0.borrow_mut().as_mut().and_then(Iterator::next));
        next.ok_or_else(|| vm.new_stop_iteration(Value::None))
    });
    for name in ["close", "__exit__"] {
        add_method(vm, &iter_cls, name, |_vm, a| {
            if let Some(s) = native::<Scandir>(&a.pos[0]) {
                s.0.borrow_mut().take();
            }
            Ok(Value::None)
        });
    }
    add_method(vm, &iter_cls, "__enter__", |_vm, a| Ok(a.pos[0].clone()));
    super::add_fn(vm, m, "scandir", move |vm, a| {
        let p = super::bind(vm, &a, "scandir", &["path"], 0, 0, 0)?;
        let pv = match &p[0] {
            Some(v) if !v.is_none() => v.clone(),
            _ => vm.new_str("."),
        };
        let cls = vm.type_of(&pv);
        let pathlike = pv.as_str().is_some()
            || matches!(pv.payload(), Some(pyvm_vm::Payload::Bytes(_)))
            || vm.lookup_type_attr(&cls, "__fspath__").is_some();
        if !pathlike {
            return Err(vm.new_type_error(&format!(
                "scandir: path should be string, bytes, os.PathLike, integer or None, not {}",
                vm.type_name(&pv)
            )));
        }
        let fs = super::posix::fspath(vm, &pv)?;
        let as_bytes = fs.as_str().is_none();
        let dir = super::posix::path_arg(vm, &fs)?;
        let rd = std::fs::read_dir(&dir).map_err(|e| super::posix::os_error(vm, &e, Some(&pv)))?;
        let prefix = fs
            .as_str()
            .map(|s| s.as_bytes().to_vec())
            .map_or_else(|| vm.bytes_like(&fs), Ok)?;
        let mut entries = Vec::new();
        for ent in rd {
            let ent = ent.map_err(|e| super::posix::os_error(vm, &e, Some(&pv)))?;
            let name = ent.file_name();
            let ft = ent.file_type().ok();
            let mut joined = prefix.clone();
            if !joined.is_empty() && !joined.ends_with(b"/") {
                joined.push(b'/');
            }
            joined.extend_from_slice(name.as_bytes());
            let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
            let (name_v, path_v) = if as_bytes {
                (vm.new_bytes(name.as_bytes().to_vec()), vm.new_bytes(joined))
            } else {
                (
                    vm.new_string(text(name.as_bytes())),
                    vm.new_string(text(&joined)),
                )
            };
            let e = DirEntry {
                name: name_v,
                path: path_v,
                full: ent.path(),
                is_dir: ft.is_some_and(|t| t.is_dir()),
                is_file: ft.is_some_and(|t| t.is_file()),
                is_symlink: ft.is_some_and(|t| t.is_symlink()),
                ino: std::os::unix::fs::DirEntryExt::ino(&ent),
            };
            entries.push(alloc_native(vm, &entry_cls, &entry_cls, e));
        }
        let it = Scandir(RefCell::new(Some(entries.into_iter())));
        Ok(alloc_native(vm, &iter_cls, &iter_cls, it))
    });
    vm.register_native_gc::<DirEntry>(
        |e, f| {
            f(&e.name);
            f(&e.path);
            true
        },
        None,
    );
    Ok(())
}

/// The keyword-only `follow_symlinks` (default true) of `is_dir`, `is_file` and `stat`.
fn follow_arg(vm: &mut Vm, a: &pyvm_vm::Args<'_>, name: &str) -> PyResult<bool> {
    let rest = pyvm_vm::Args {
        pos: a.pos.get(1..).unwrap_or(&[]),
        kw: a.kw,
    };
    let p = super::bind(vm, &rest, name, &["follow_symlinks"], 0, 0, 1)?;
    match &p[0] {
        Some(v) => vm.is_true(v),
        None => Ok(true),
    }
}
