//! The binary layer of the standard streams: `sys.stdin.buffer` (a `BufferedReader`:
//! `read`, `read1`, `readline`, `readlines`, iteration) and `sys.stdout.buffer` /
//! `sys.stderr.buffer` (`BufferedWriter`s: `write` of any bytes-like object, `flush`). They
//! share the text layer's source and sinks, so text and bytes come out in the order written.

use crate::args;
use crate::sys::{stream_of, Stream, StreamProp};
use pyvm_vm::{ObjRef, Payload, PyResult, Value, Vm, B64};

/// Which stream a buffer object stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Buffer(Stream);

fn buffer_of(v: &Value) -> Option<Stream> {
    match v.payload() {
        Some(Payload::Native(b)) => b.downcast_ref::<Buffer>().map(|b| b.0),
        _ => None,
    }
}

fn this_stream(vm: &Vm, a: &pyvm_vm::Args<'_>) -> PyResult<Stream> {
    let this = args::this(vm, a)?;
    buffer_of(&this).ok_or_else(|| vm.new_type_error("a standard stream's buffer is required"))
}

/// `size` of `read`/`readline`: `None` or negative for no limit.
fn size(vm: &mut Vm, a: &pyvm_vm::Args<'_>, name: &str) -> PyResult<Option<usize>> {
    let rest = args::method(vm, a, name, 0, 1)?;
    match rest.first() {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(usize::try_from(vm.to_index(v)?).ok()),
    }
}

fn new_class(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    crate::modules::new_type(vm, "_io", name, &[])
}

/// Adds the buffer classes and `text_cls.buffer` (the class of `sys.stdin`/`stdout`/`stderr`).
pub(crate) fn install(vm: &mut Vm, text_cls: &ObjRef) -> PyResult<()> {
    let reader = new_class(vm, "BufferedReader")?;
    let writer = new_class(vm, "BufferedWriter")?;
    // (`read1` makes one read of the source, which is what `read` does here.)
    for name in ["read", "read1"] {
        vm.add_method(&reader, name, move |vm, a| {
            this_stream(vm, &a)?;
            let n = size(vm, &a, name)?;
            let b = vm.read_stdin(n)?;
            Ok(vm.new_bytes(b))
        });
    }
    vm.add_method(&reader, "readline", |vm, a| {
        this_stream(vm, &a)?;
        let n = size(vm, &a, "readline")?;
        let b = vm.read_stdin_line(n)?;
        Ok(vm.new_bytes(b))
    });
    vm.add_method(&reader, "readlines", |vm, a| {
        this_stream(vm, &a)?;
        let mut lines = Vec::new();
        loop {
            let b = vm.read_stdin_line(None)?;
            if b.is_empty() {
                break;
            }
            lines.push(vm.new_bytes(b));
        }
        Ok(vm.new_list(lines))
    });
    vm.add_method(&reader, "__iter__", |vm, a| args::this(vm, &a));
    vm.add_method(&reader, "__next__", |vm, a| {
        this_stream(vm, &a)?;
        let b = vm.read_stdin_line(None)?;
        if b.is_empty() {
            return Err(vm.new_stop_iteration(Value::None));
        }
        Ok(vm.new_bytes(b))
    });
    vm.add_method(&writer, "write", |vm, a| {
        let s = this_stream(vm, &a)?;
        let rest = args::method(vm, &a, "write", 1, 1)?;
        let data = &rest[0];
        if data.as_str().is_some() {
            return Err(vm.new_type_error(&format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(data)
            )));
        }
        let b = vm.bytes_like(data)?;
        if s == Stream::Err {
            vm.write_stderr_bytes(&b)?;
        } else {
            vm.write_stdout_bytes(&b)?;
        }
        Ok(Value::Int(i64::try_from(b.len()).unwrap_or(i64::MAX)))
    });
    vm.add_method(&writer, "flush", |vm, a| {
        if this_stream(vm, &a)? == Stream::Out {
            vm.flush_stdout_checked()?;
        }
        Ok(Value::None)
    });
    for cls in [&reader, &writer] {
        vm.add_method(cls, "fileno", |vm, a| {
            Ok(Value::Int(this_stream(vm, &a)?.fd()))
        });
        vm.add_method(cls, "isatty", |vm, a| {
            let fd = this_stream(vm, &a)?.fd();
            Ok(Value::bool(vm.is_terminal(fd as usize)))
        });
        vm.add_method(cls, "readable", |vm, a| {
            Ok(Value::bool(this_stream(vm, &a)? == Stream::In))
        });
        vm.add_method(cls, "writable", |vm, a| {
            Ok(Value::bool(this_stream(vm, &a)? != Stream::In))
        });
        vm.add_method(cls, "seekable", |_vm, _a| Ok(Value::Bool(B64::FALSE)));
        vm.add_method(cls, "__repr__", |vm, a| {
            let s = this_stream(vm, &a)?;
            let kind = if s == Stream::In {
                "BufferedReader"
            } else {
                "BufferedWriter"
            };
            Ok(vm.new_string(format!("<_io.{kind} name='{}'>", s.name())))
        });
        let props: [StreamProp; 2] = [
            ("name", Stream::name),
            ("mode", |s| if s == Stream::In { "rb" } else { "wb" }),
        ];
        for (name, f) in props {
            let fget = vm.new_native_function(name, move |vm, a| {
                let s = this_stream(vm, &a)?;
                Ok(vm.new_str(f(s)))
            });
            crate::modules::add_getter(vm, cls, name, fget);
        }
        let fget = vm.new_native_function("closed", |_vm, _a| Ok(Value::Bool(B64::FALSE)));
        crate::modules::add_getter(vm, cls, "closed", fget);
    }
    let bufs: Vec<Value> = [Stream::In, Stream::Out, Stream::Err]
        .into_iter()
        .map(|s| {
            let cls = if s == Stream::In { &reader } else { &writer };
            Value::Obj(vm.alloc(cls, Payload::Native(Box::new(Buffer(s)))))
        })
        .collect();
    let fget = vm.new_native_function("buffer", move |vm, a| {
        let this = args::this(vm, &a)?;
        let i = match stream_of(&this) {
            Some(Stream::In) => 0,
            Some(Stream::Out) => 1,
            _ => 2,
        };
        Ok(bufs[i].clone())
    });
    crate::modules::add_getter(vm, text_cls, "buffer", fget);
    Ok(())
}
