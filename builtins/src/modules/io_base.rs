//! The abstract bases of the `io` hierarchy: `_IOBase` (also `IOBase`), `_RawIOBase`,
//! `_BufferedIOBase` and `_TextIOBase` (also without the underscore, as `io.py` exports them).
//! Python code subclasses them (`_compression.BaseStream(io.BufferedIOBase)`), so their methods
//! are generic: they call the subclass's own `readline`, `close`, … The file and in-memory
//! stream classes derive from them.

use super::super::{add_method, new_type};
use pyvm_vm::{ObjRef, PyErr, PyResult, Value, Vm, B64};

/// The four base classes.
pub(crate) struct Bases {
    pub(crate) raw: ObjRef,
    pub(crate) buffered: ObjRef,
    pub(crate) text: ObjRef,
}

/// Hidden instance attribute behind `closed` for Python subclasses.
const CLOSED: &str = "__IOBase_closed";

/// `io.UnsupportedOperation(msg)` (an `OSError` if `_io` can't be imported).
pub(crate) fn unsupported(vm: &mut Vm, msg: &str) -> PyErr {
    // (`_io` may be refused by a sandbox's import filter: the standard streams, which exist
    // without it, then raise a plain `OSError`.)
    let cls = vm
        .import_module("_io")
        .and_then(|m| vm.getattr_str(&m, "UnsupportedOperation"))
        .ok()
        .and_then(|c| vm.as_class(&c));
    match cls {
        Some(c) => vm.new_exception_msg(&c, msg),
        None => vm.new_os_error(msg),
    }
}

fn me(a: &pyvm_vm::Args<'_>) -> Value {
    a.pos.first().cloned().unwrap_or(Value::None)
}

fn is_closed(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    let c = vm.getattr_str(v, "closed")?;
    vm.is_true(&c)
}

fn check_open(vm: &mut Vm, v: &Value) -> PyResult<()> {
    if is_closed(vm, v)? {
        return Err(vm.new_value_error("I/O operation on closed file."));
    }
    Ok(())
}

fn raising(vm: &mut Vm, cls: &ObjRef, name: &'static str) {
    add_method(vm, cls, name, move |vm, _a| Err(unsupported(vm, name)));
}

/// Builds the bases and adds them to `_io` module `m`.
pub(crate) fn build_into(vm: &mut Vm, m: &ObjRef) -> PyResult<Bases> {
    let base = new_type(vm, "_io", "_IOBase", &[])?;
    add_method(vm, &base, "close", |vm, a| {
        let s = me(&a);
        if !is_closed(vm, &s)? {
            vm.call_method(&s, "flush", &[])?;
            let k = vm.new_str(CLOSED);
            vm.setattr(&s, &k, Value::Bool(B64::TRUE))?;
        }
        Ok(Value::None)
    });
    let fget = vm.new_native_function("closed", |vm, a| {
        let s = me(&a);
        let k = vm.new_str(CLOSED);
        Ok(vm.getattr_opt(&s, &k)?.unwrap_or(Value::Bool(B64::FALSE)))
    });
    crate::modules::add_getter(vm, &base, "closed", fget);
    add_method(vm, &base, "flush", |vm, a| {
        check_open(vm, &me(&a))?;
        Ok(Value::None)
    });
    for name in ["readable", "writable", "seekable", "isatty"] {
        add_method(vm, &base, name, |vm, a| {
            check_open(vm, &me(&a))?;
            Ok(Value::Bool(B64::FALSE))
        });
    }
    for name in ["fileno", "seek", "truncate"] {
        raising(vm, &base, name);
    }
    add_method(vm, &base, "tell", |vm, a| {
        let s = me(&a);
        vm.call_method(&s, "seek", &[Value::Int(0), Value::Int(1)])
    });
    add_method(vm, &base, "__enter__", |vm, a| {
        let s = me(&a);
        check_open(vm, &s)?;
        Ok(s)
    });
    add_method(vm, &base, "__exit__", |vm, a| {
        vm.call_method(&me(&a), "close", &[])?;
        Ok(Value::None)
    });
    add_method(vm, &base, "__iter__", |vm, a| {
        let s = me(&a);
        check_open(vm, &s)?;
        Ok(s)
    });
    add_method(vm, &base, "__next__", |vm, a| {
        let line = vm.call_method(&me(&a), "readline", &[])?;
        if vm.len(&line)? == 0 {
            return Err(vm.new_stop_iteration(Value::None));
        }
        Ok(line)
    });
    add_method(vm, &base, "readlines", |vm, a| {
        let s = me(&a);
        let mut out = Vec::new();
        loop {
            let line = vm.call_method(&s, "readline", &[])?;
            if vm.len(&line)? == 0 {
                break;
            }
            out.push(line);
        }
        Ok(vm.new_list(out))
    });
    add_method(vm, &base, "writelines", |vm, a| {
        let s = me(&a);
        let lines = a.pos.get(1).cloned().unwrap_or(Value::None);
        let it = vm.iter(&lines)?;
        while let Some(l) = vm.next(&it)? {
            vm.call_method(&s, "write", &[l])?;
        }
        Ok(Value::None)
    });
    let raw = new_type(vm, "_io", "_RawIOBase", std::slice::from_ref(&base))?;
    add_method(vm, &raw, "read", |vm, a| {
        let s = me(&a);
        vm.call_method(&s, "readall", &[])
    });
    raising(vm, &raw, "readinto");
    raising(vm, &raw, "write");
    let buffered = new_type(vm, "_io", "_BufferedIOBase", std::slice::from_ref(&base))?;
    for name in ["read", "read1", "write", "detach", "readinto"] {
        raising(vm, &buffered, name);
    }
    let text = new_type(vm, "_io", "_TextIOBase", std::slice::from_ref(&base))?;
    for name in ["read", "write", "readline", "detach"] {
        raising(vm, &text, name);
    }
    for name in ["encoding", "newlines", "errors"] {
        vm.type_set_attr(&text, name, Value::None);
    }
    for (cls, names) in [
        (&base, ["_IOBase", "IOBase"]),
        (&raw, ["_RawIOBase", "RawIOBase"]),
        (&buffered, ["_BufferedIOBase", "BufferedIOBase"]),
        (&text, ["_TextIOBase", "TextIOBase"]),
    ] {
        for n in names {
            vm.set_module_attr(m, n, Value::Obj(cls.clone()));
        }
    }
    Ok(Bases {
        raw,
        buffered,
        text,
    })
}
