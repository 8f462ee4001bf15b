//! The native `sys` module.

use crate::args;
use crate::modules::io::io_base::unsupported;
use pyvm_vm::{ObjRef, Payload, PyResult, Value, Vm, B64};

/// Which standard stream a `sys.stdin` / `sys.stdout` / `sys.stderr` object is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stream {
    In,
    Out,
    Err,
}

impl Stream {
    /// `name` of the stream (and of its buffer).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Stream::In => "<stdin>",
            Stream::Out => "<stdout>",
            Stream::Err => "<stderr>",
        }
    }

    /// The file descriptor.
    pub(crate) fn fd(self) -> i64 {
        match self {
            Stream::In => 0,
            Stream::Out => 1,
            Stream::Err => 2,
        }
    }
}

/// A read-only attribute of the standard streams (or their buffers), computed from the stream.
pub(crate) type StreamProp = (&'static str, fn(Stream) -> &'static str);

/// UTF-8 text from stdin bytes (strict, with the codec's `UnicodeDecodeError`).
fn decode(vm: &mut Vm, bytes: Vec<u8>) -> PyResult<Value> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(vm.new_string(s)),
        Err(e) => {
            let b = vm.new_bytes(e.into_bytes());
            vm.call_method(&b, "decode", &[])
        }
    }
}

/// Completes a UTF-8 sequence cut at the end of `buf` by a byte limit.
fn finish_char(vm: &mut Vm, buf: &mut Vec<u8>) -> PyResult<()> {
    for _ in 0..3 {
        match std::str::from_utf8(buf) {
            Err(e) if e.error_len().is_none() => {
                let more = vm.read_stdin(Some(1))?;
                if more.is_empty() {
                    break;
                }
                buf.extend(more);
            }
            _ => break,
        }
    }
    Ok(())
}

/// The `size` argument of `read`/`readline` (`None` or negative: no limit).
fn size_arg(vm: &mut Vm, a: &pyvm_vm::Args<'_>, name: &str) -> PyResult<Option<usize>> {
    let rest = args::method(vm, a, name, 0, 1)?;
    match rest.first() {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let n = vm.to_index(v)?;
            Ok(usize::try_from(n).ok())
        }
    }
}

/// A line of stdin (at most `limit` characters), decoded.
fn stdin_line(vm: &mut Vm, limit: Option<usize>) -> PyResult<Value> {
    let mut line = vm.read_stdin_line(limit)?;
    if limit.is_some() {
        finish_char(vm, &mut line)?;
    }
    decode(vm, line)
}

pub(crate) fn stream_of(v: &Value) -> Option<Stream> {
    match v.payload() {
        Some(Payload::Native(b)) => b.downcast_ref::<Stream>().copied(),
        _ => None,
    }
}

fn stream_class(vm: &mut Vm) -> PyResult<ObjRef> {
    let meta = vm.types().type_.clone();
    let name = vm.new_str("TextIOWrapper");
    let bases = vm.new_tuple(vec![]);
    let ns = vm.new_dict();
    if let Some(d) = ns.as_obj() {
        let module = vm.new_str("_io");
        vm.dict_set_str(Some(d), "__module__", module);
    }
    let cls = vm.new_class(&meta, &name, &bases, &ns, &[])?;
    let cls = cls
        .as_obj()
        .cloned()
        .ok_or_else(|| vm.new_system_error("could not create the stream type"))?;
    vm.add_method(&cls, "write", |vm, a| {
        let this = args::this(vm, &a)?;
        if stream_of(&this) == Some(Stream::In) {
            return Err(unsupported(vm, "not writable"));
        }
        let rest = args::method(vm, &a, "write", 1, 1)?;
        let Some(s) = rest[0].as_rc_str() else {
            return Err(vm.new_type_error(&format!(
                "write() argument must be str, not {}",
                vm.type_name(&rest[0])
            )));
        };
        match stream_of(&this) {
            Some(Stream::Err) => vm.write_stderr(&s)?,
            _ => vm.write_stdout(&s)?,
        }
        Ok(Value::Int(s.chars().count() as i64))
    });
    vm.add_method(&cls, "flush", |vm, a| {
        let this = args::this(vm, &a)?;
        if stream_of(&this) == Some(Stream::Out) {
            vm.flush_stdout_checked()?;
        }
        Ok(Value::None)
    });
    vm.add_method(&cls, "__repr__", |vm, a| {
        let this = args::this(vm, &a)?;
        let s = stream_of(&this).unwrap_or(Stream::Out);
        let (name, mode) = (s.name(), if s == Stream::In { "r" } else { "w" });
        Ok(vm.new_string(format!(
            "<_io.TextIOWrapper name='{name}' mode='{mode}' encoding='utf-8'>"
        )))
    });
    // Reading: only `sys.stdin` can.
    let reader = |vm: &mut Vm, a: &pyvm_vm::Args<'_>| -> PyResult<()> {
        let this = args::this(vm, a)?;
        if stream_of(&this) == Some(Stream::In) {
            Ok(())
        } else {
            Err(unsupported(vm, "not readable"))
        }
    };
    vm.add_method(&cls, "readline", move |vm, a| {
        reader(vm, &a)?;
        let limit = size_arg(vm, &a, "readline")?;
        stdin_line(vm, limit)
    });
    vm.add_method(&cls, "__next__", move |vm, a| {
        reader(vm, &a)?;
        let line = stdin_line(vm, None)?;
        if line.as_str().is_some_and(str::is_empty) {
            return Err(vm.new_stop_iteration(Value::None));
        }
        Ok(line)
    });
    vm.add_method(&cls, "read", move |vm, a| {
        reader(vm, &a)?;
        let Some(n) = size_arg(vm, &a, "read")? else {
            let all = vm.read_stdin(None)?;
            return decode(vm, all);
        };
        // `n` characters: read bytes until that many characters have arrived.
        let mut buf = Vec::new();
        loop {
            let have = String::from_utf8_lossy(&buf).chars().count();
            if have >= n {
                break;
            }
            let chunk = vm.read_stdin(Some(n - have))?;
            if chunk.is_empty() {
                break;
            }
            buf.extend(chunk);
            finish_char(vm, &mut buf)?;
        }
        decode(vm, buf)
    });
    vm.add_method(&cls, "__iter__", |vm, a| args::this(vm, &a));
    vm.add_method(&cls, "readlines", move |vm, a| {
        reader(vm, &a)?;
        let mut lines = Vec::new();
        loop {
            let line = stdin_line(vm, None)?;
            if line.as_str().is_some_and(str::is_empty) {
                break;
            }
            lines.push(line);
        }
        Ok(vm.new_list(lines))
    });
    vm.add_method(&cls, "readable", |vm, a| {
        let this = args::this(vm, &a)?;
        Ok(Value::bool(stream_of(&this) == Some(Stream::In)))
    });
    vm.add_method(&cls, "writable", |vm, a| {
        let this = args::this(vm, &a)?;
        Ok(Value::bool(stream_of(&this) != Some(Stream::In)))
    });
    // The attributes `io` also defines on this class (for files) once it is imported.
    let props: [StreamProp; 4] = [
        ("name", Stream::name),
        ("mode", |s| if s == Stream::In { "r" } else { "w" }),
        ("encoding", |_| "utf-8"),
        ("errors", |s| {
            if s == Stream::Err {
                "backslashreplace"
            } else {
                "strict"
            }
        }),
    ];
    for (name, f) in props {
        let fget = vm.new_native_function(name, move |vm, a| {
            let this = args::this(vm, &a)?;
            let s = stream_of(&this).unwrap_or(Stream::Out);
            Ok(vm.new_str(f(s)))
        });
        crate::modules::add_getter(vm, &cls, name, fget);
    }
    let fget = vm.new_native_function("closed", |_vm, _a| Ok(Value::Bool(B64::FALSE)));
    crate::modules::add_getter(vm, &cls, "closed", fget);
    vm.add_method(&cls, "fileno", |vm, a| {
        let this = args::this(vm, &a)?;
        Ok(Value::Int(stream_of(&this).unwrap_or(Stream::Out).fd()))
    });
    vm.add_method(&cls, "isatty", |vm, a| {
        let this = args::this(vm, &a)?;
        let fd = stream_of(&this).unwrap_or(Stream::Out).fd();
        Ok(Value::bool(vm.is_terminal(fd as usize)))
    });
    Ok(cls)
}

fn build(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("sys");
    let set = |vm: &mut Vm, name: &str, v: Value| vm.set_module_attr(&m, name, v);

    let argv: Vec<Value> = vm.argv.clone().iter().map(|s| vm.new_str(s)).collect();
    let argv = vm.new_list(argv);
    set(vm, "argv", argv);
    let cls = stream_class(vm)?;
    crate::sys_buffer::install(vm, &cls)?;
    let inp = Value::Obj(vm.alloc(&cls, Payload::Native(Box::new(Stream::In))));
    set(vm, "stdin", inp.clone());
    set(vm, "__stdin__", inp);
    let out = Value::Obj(vm.alloc(&cls, Payload::Native(Box::new(Stream::Out))));
    let err = Value::Obj(vm.alloc(&cls, Payload::Native(Box::new(Stream::Err))));
    set(vm, "stdout", out.clone());
    set(vm, "stderr", err.clone());
    set(vm, "__stdout__", out);
    set(vm, "__stderr__", err);
    set(vm, "maxsize", Value::Int(i64::MAX));
    let v = vm.new_str("3.12.7 (main, Oct  1 2024, 00:00:00) [pyvm]");
    set(vm, "version", v);
    let rl = vm.new_str("final");
    let vi = vm.new_tuple(vec![
        Value::Int(3),
        Value::Int(12),
        Value::Int(7),
        rl,
        Value::Int(0),
    ]);
    set(vm, "version_info", vi.clone());
    let hv = Value::Int(0x030c_07f0);
    set(vm, "hexversion", hv.clone());
    // `sys.implementation`: a `types.SimpleNamespace` (the stdlib's `types.py` takes
    // `SimpleNamespace` from its type). The cache tag is CPython's: pyvm runs its caches.
    let sn = vm.types().simple_namespace.clone();
    let name = vm.new_str("pyvm");
    let tag = vm.new_str("cpython-312");
    let kw: Vec<(std::rc::Rc<str>, Value)> = vec![
        ("name".into(), name),
        ("cache_tag".into(), tag),
        ("version".into(), vi),
        ("hexversion".into(), hv),
    ];
    let imp = vm.call_type(&sn, &[], &kw)?;
    set(vm, "implementation", imp);
    let p = vm.new_str("linux");
    set(vm, "platform", p);
    let bo = vm.new_str("little");
    set(vm, "byteorder", bo);
    let mods = Value::Obj(vm.modules_dict().clone());
    set(vm, "modules", mods);
    let path = vm.new_list(vec![]);
    set(vm, "path", path);
    let exe = vm.new_str("");
    set(vm, "executable", exe);
    // Installation prefixes: pyvm has no installation; CPython's default configure prefix
    // keeps `gettext`, `site` and `sysconfig`'s path arithmetic working.
    for name in ["prefix", "base_prefix", "exec_prefix", "base_exec_prefix"] {
        let v = vm.new_str("/usr/local");
        set(vm, name, v);
    }
    // The native modules that are not stand-ins for pure-Python ones (`os` looks for `posix`).
    let names: Vec<Value> = vm
        .native_module_names()
        .into_iter()
        .map(|n| vm.new_str_rc(n))
        .collect();
    let names = vm.new_tuple(names);
    set(vm, "builtin_module_names", names);
    // `hash_info`, `float_info`, `flags` as namespaces with CPython's (64-bit) field values
    // (`fractions`, `_pydecimal`, `statistics` and `locale` read them; CPython's are
    // struct sequences, whose repr differs).
    let sn = vm.types().simple_namespace.clone();
    let text = |vm: &Vm, s: &str| vm.new_str(s);
    let hash_info: Vec<(std::rc::Rc<str>, Value)> = vec![
        ("width".into(), Value::Int(64)),
        ("modulus".into(), Value::Int((1 << 61) - 1)),
        ("inf".into(), Value::Int(314_159)),
        ("nan".into(), Value::Int(0)),
        ("imag".into(), Value::Int(1_000_003)),
        ("algorithm".into(), text(vm, "siphash13")),
        ("hash_bits".into(), Value::Int(64)),
        ("seed_bits".into(), Value::Int(128)),
        ("cutoff".into(), Value::Int(0)),
    ];
    let v = vm.call_type(&sn, &[], &hash_info)?;
    set(vm, "hash_info", v);
    let float_info: Vec<(std::rc::Rc<str>, Value)> = vec![
        ("max".into(), Value::float(f64::MAX)),
        ("max_exp".into(), Value::Int(1024)),
        ("max_10_exp".into(), Value::Int(308)),
        ("min".into(), Value::float(f64::MIN_POSITIVE)),
        ("min_exp".into(), Value::Int(-1021)),
        ("min_10_exp".into(), Value::Int(-307)),
        ("dig".into(), Value::Int(15)),
        ("mant_dig".into(), Value::Int(53)),
        ("epsilon".into(), Value::float(f64::EPSILON)),
        ("radix".into(), Value::Int(2)),
        ("rounds".into(), Value::Int(1)),
    ];
    let v = vm.call_type(&sn, &[], &float_info)?;
    set(vm, "float_info", v);
    let mut flags: Vec<(std::rc::Rc<str>, Value)> = [
        "debug",
        "inspect",
        "interactive",
        "optimize",
        "dont_write_bytecode",
        "no_user_site",
        "no_site",
        "ignore_environment",
        "verbose",
        "bytes_warning",
        "quiet",
        "isolated",
        "utf8_mode",
        "warn_default_encoding",
    ]
    .into_iter()
    .map(|n| (std::rc::Rc::from(n), Value::Int(0)))
    .collect();
    flags.push(("hash_randomization".into(), Value::Int(1)));
    flags.push(("dev_mode".into(), Value::Bool(B64::FALSE)));
    flags.push(("safe_path".into(), Value::Bool(B64::FALSE)));
    flags.push(("int_max_str_digits".into(), Value::Int(-1)));
    let v = vm.call_type(&sn, &[], &flags)?;
    set(vm, "flags", v);
    // What `warnings.py` and `os.py` read at import time.
    let wo = vm.new_list(vec![]);
    set(vm, "warnoptions", wo);
    let xo = vm.new_dict();
    set(vm, "_xoptions", xo);
    for (fname, value) in [
        ("getfilesystemencoding", "utf-8"),
        ("getfilesystemencodeerrors", "surrogateescape"),
    ] {
        let f = vm.new_native_function(fname, move |vm, a| {
            args::no_kw(vm, &a, fname)?;
            args::range(vm, &a, fname, 0, 0)?;
            Ok(vm.new_str(value))
        });
        set(vm, fname, f);
    }

    let f = vm.new_native_function("exit", |vm, a| {
        args::no_kw(vm, &a, "exit")?;
        args::range(vm, &a, "exit", 0, 1)?;
        let ty = vm.types().exc.system_exit.clone();
        Err(vm.new_exception(&ty, a.pos.to_vec()))
    });
    set(vm, "exit", f);
    let f = vm.new_native_function("getsizeof", crate::sys_sizeof::getsizeof);
    set(vm, "getsizeof", f);
    let f = vm.new_native_function("getrecursionlimit", |vm, a| {
        args::no_kw(vm, &a, "getrecursionlimit")?;
        Ok(Value::Int(vm.recursion_limit() as i64))
    });
    set(vm, "getrecursionlimit", f);
    let f = vm.new_native_function("setrecursionlimit", |vm, a| {
        let v = args::one(vm, &a, "setrecursionlimit")?;
        if matches!(v, Value::Float(_)) {
            return Err(vm.new_type_error("'float' object cannot be interpreted as an integer"));
        }
        let n = vm.to_index(&v)?;
        if n < 1 {
            return Err(vm.new_value_error("recursion limit must be greater or equal than 1"));
        }
        vm.set_recursion_limit(usize::try_from(n).unwrap_or(usize::MAX));
        Ok(Value::None)
    });
    set(vm, "setrecursionlimit", f);
    // Trace and profile hooks: none is ever installed (the dispatch loop has no tracing), so
    // the getters say `None`, setting `None` is accepted (what `doctest` and `unittest`
    // do to restore the previous hook), and installing a function is refused loudly rather
    // than silently never called.
    for (get, put) in [("gettrace", "settrace"), ("getprofile", "setprofile")] {
        let f = vm.new_native_function(get, move |vm, a| {
            args::no_kw(vm, &a, get)?;
            args::range(vm, &a, get, 0, 0)?;
            Ok(Value::None)
        });
        set(vm, get, f);
        let f = vm.new_native_function(put, move |vm, a| {
            let v = args::one(vm, &a, put)?;
            if v.is_none() {
                return Ok(Value::None);
            }
            Err(vm.new_exception_msg(
                &vm.types().exc.not_implemented_error.clone(),
                &format!("sys.{put}(): pyvm does not run trace or profile functions"),
            ))
        });
        set(vm, put, f);
    }
    let f = vm.new_native_function("exception", |vm, a| {
        args::no_kw(vm, &a, "exception")?;
        Ok(vm.current_exception())
    });
    set(vm, "exception", f);
    let f = vm.new_native_function("exc_info", |vm, a| {
        args::no_kw(vm, &a, "exc_info")?;
        let e = vm.current_exception();
        if e.is_none() {
            return Ok(vm.new_tuple(vec![Value::None, Value::None, Value::None]));
        }
        let ty = Value::Obj(vm.type_of(&e));
        let tb = vm.getattr_str(&e, "__traceback__")?;
        Ok(vm.new_tuple(vec![ty, e, tb]))
    });
    set(vm, "exc_info", f);
    // `sys.excepthook(type, value, traceback)`: prints the exception like an uncaught one.
    // (pyvm's own uncaught-exception report does not call it.)
    let f = vm.new_native_function("excepthook", |vm, a| {
        args::no_kw(vm, &a, "excepthook")?;
        let [_, value, _] = a.pos else {
            return Err(vm.new_type_error(&format!(
                "excepthook expected 3 arguments, got {}",
                a.pos.len()
            )));
        };
        let text = match value {
            Value::Obj(o) if matches!(o.payload, pyvm_vm::Payload::Exception(_)) => {
                vm.format_exception(&pyvm_vm::PyErr(o.clone()))
            }
            other => {
                let t = vm.type_name(other);
                format!("TypeError: print_exception(): Exception expected for value, {t} found\n")
            }
        };
        vm.flush_stdout();
        vm.write_stderr(&text)?;
        Ok(Value::None)
    });
    // Audit hooks: pyvm has none, so `audit` checks its event name and does nothing.
    let f2 = vm.new_native_function("audit", |vm, a| match a.pos.first() {
        Some(e) if e.as_str().is_some() => Ok(Value::None),
        Some(e) => Err(vm.new_type_error(&format!(
            "expected str for argument 'event', not {}",
            vm.type_name(e)
        ))),
        None => Err(vm.new_type_error("audit() missing 1 required positional argument: 'event'")),
    });
    set(vm, "audit", f2);
    set(vm, "excepthook", f.clone());
    set(vm, "__excepthook__", f);
    // `displayhook(value)`: what the interactive prompt does with an expression's value
    // (`builtins._`, then its repr on `sys.stdout`).
    let f = vm.new_native_function("displayhook", |vm, a| {
        let v = args::one(vm, &a, "displayhook")?;
        if v.is_none() {
            return Ok(Value::None);
        }
        vm.set_builtin("_", Value::None);
        let r = vm.repr(&v)?;
        let sys = vm.import_module("sys")?;
        let out = vm.getattr_str(&sys, "stdout")?;
        if out.is_none() {
            let e = vm.types().exc.runtime_error.clone();
            return Err(vm.new_exception_msg(&e, "lost sys.stdout"));
        }
        vm.call_method(&out, "write", &[r])?;
        let nl = vm.new_str("\n");
        vm.call_method(&out, "write", &[nl])?;
        vm.set_builtin("_", v);
        Ok(Value::None)
    });
    set(vm, "displayhook", f.clone());
    set(vm, "__displayhook__", f);
    // The VM provides the caller's frame to `needs_frame` builtins.
    let f = vm.new_frame_function("_getframe", |vm, a| {
        args::no_kw(vm, &a, "_getframe")?;
        if a.pos.first().is_some_and(|d| !matches!(d, Value::Int(0))) {
            return Err(vm.new_value_error("call stack is not deep enough"));
        }
        Ok(vm.caller_frame().unwrap_or(Value::None))
    });
    set(vm, "_getframe", f);
    let f = vm.new_native_function("intern", |vm, a| args::one(vm, &a, "intern"));
    set(vm, "intern", f);
    let f = vm.new_native_function("get_int_max_str_digits", |_vm, _a| Ok(Value::Int(4300)));
    set(vm, "get_int_max_str_digits", f);
    Ok(m)
}

pub(crate) fn install(vm: &mut Vm) {
    vm.register_module_factory("sys", build);
}
