//! print, input, repr/ascii/format, hash/id, attribute and type queries, iter/next, chr/ord.

use super::def;
use crate::args;
use crate::format::{ascii_escape, format_value};
use pyvm_vm::kernels::int_fmt;
use pyvm_vm::object::IterState;
use pyvm_vm::{Args, Payload, PyResult, Value, Vm, B64};

pub(crate) fn install(vm: &mut Vm) {
    def(vm, "print", print);
    def(vm, "input", input);
    def(vm, "len", |vm, a| {
        let v = args::one(vm, &a, "len")?;
        let n = vm.len(&v)?;
        Ok(Value::Int(n as i64))
    });
    def(vm, "repr", |vm, a| {
        let v = args::one(vm, &a, "repr")?;
        vm.repr(&v)
    });
    def(vm, "ascii", |vm, a| {
        let v = args::one(vm, &a, "ascii")?;
        let r = vm.repr_string(&v)?;
        Ok(vm.new_string(ascii_escape(&r)))
    });
    def(vm, "format", |vm, a| {
        args::no_kw(vm, &a, "format")?;
        args::range(vm, &a, "format", 1, 2)?;
        let spec = match a.pos.get(1) {
            Some(s) => match s.as_rc_str() {
                Some(s) => s,
                None => {
                    return Err(vm.new_type_error(&format!(
                        "format() argument 2 must be str, not {}",
                        vm.type_name(s)
                    )))
                }
            },
            None => std::rc::Rc::from(""),
        };
        let s = format_value(vm, &a.pos[0], &spec)?;
        Ok(vm.new_string(s))
    });
    def(vm, "hash", |vm, a| {
        let v = args::one(vm, &a, "hash")?;
        Ok(Value::Int(vm.hash(&v)?))
    });
    def(vm, "id", |vm, a| {
        let v = args::one(vm, &a, "id")?;
        Ok(Value::Int(v.identity() as i64))
    });
    def(vm, "callable", |vm, a| {
        let v = args::one(vm, &a, "callable")?;
        Ok(Value::bool(is_callable(vm, &v)))
    });
    def(vm, "getattr", |vm, a| {
        args::no_kw(vm, &a, "getattr")?;
        args::range(vm, &a, "getattr", 2, 3)?;
        let name = attr_name(vm, &a.pos[1], "getattr")?;
        match a.pos.get(2) {
            None => vm.getattr(&a.pos[0], &name),
            Some(default) => match vm.getattr(&a.pos[0], &name) {
                Ok(v) => Ok(v),
                Err(e) if vm.err_matches(&e, &vm.types().exc.attribute_error.clone()) => {
                    Ok(default.clone())
                }
                Err(e) => Err(e),
            },
        }
    });
    def(vm, "hasattr", |vm, a| {
        args::no_kw(vm, &a, "hasattr")?;
        if a.pos.len() != 2 {
            return Err(vm.new_type_error(&format!(
                "hasattr expected 2 arguments, got {}",
                a.pos.len()
            )));
        }
        let name = attr_name(vm, &a.pos[1], "hasattr")?;
        match vm.getattr(&a.pos[0], &name) {
            Ok(_) => Ok(Value::Bool(B64::TRUE)),
            Err(e) if vm.err_matches(&e, &vm.types().exc.attribute_error.clone()) => {
                Ok(Value::Bool(B64::FALSE))
            }
            Err(e) => Err(e),
        }
    });
    def(vm, "setattr", |vm, a| {
        args::no_kw(vm, &a, "setattr")?;
        if a.pos.len() != 3 {
            return Err(vm.new_type_error(&format!(
                "setattr expected 3 arguments, got {}",
                a.pos.len()
            )));
        }
        let name = attr_name(vm, &a.pos[1], "setattr")?;
        vm.setattr(&a.pos[0], &name, a.pos[2].clone())?;
        Ok(Value::None)
    });
    def(vm, "delattr", |vm, a| {
        args::no_kw(vm, &a, "delattr")?;
        if a.pos.len() != 2 {
            return Err(vm.new_type_error(&format!(
                "delattr expected 2 arguments, got {}",
                a.pos.len()
            )));
        }
        let name = attr_name(vm, &a.pos[1], "delattr")?;
        vm.delattr(&a.pos[0], &name)?;
        Ok(Value::None)
    });
    def(vm, "isinstance", |vm, a| {
        args::no_kw(vm, &a, "isinstance")?;
        if a.pos.len() != 2 {
            return Err(vm.new_type_error(&format!(
                "isinstance expected 2 arguments, got {}",
                a.pos.len()
            )));
        }
        // The VM implements the full protocol (unions, __instancecheck__, __class__).
        vm.isinstance_full(&a.pos[0], &a.pos[1]).map(Value::bool)
    });
    def(vm, "issubclass", |vm, a| {
        args::no_kw(vm, &a, "issubclass")?;
        if a.pos.len() != 2 {
            return Err(vm.new_type_error(&format!(
                "issubclass expected 2 arguments, got {}",
                a.pos.len()
            )));
        }
        vm.issubclass_full(&a.pos[0], &a.pos[1]).map(Value::bool)
    });
    def(vm, "iter", |vm, a| {
        args::no_kw(vm, &a, "iter")?;
        args::range(vm, &a, "iter", 1, 2)?;
        match a.pos.get(1) {
            None => vm.iter(&a.pos[0]),
            Some(sentinel) => {
                if !is_callable(vm, &a.pos[0]) {
                    return Err(
                        vm.new_type_error("iter(object, sentinel): object must be callable")
                    );
                }
                let cls = vm.types().callable_iterator.clone();
                Ok(vm.new_iterator(
                    &cls,
                    IterState::Callable(Box::new(pyvm_vm::object::CallableIter {
                        func: a.pos[0].clone(),
                        sentinel: sentinel.clone(),
                    })),
                ))
            }
        }
    });
    def(vm, "next", |vm, a| {
        args::no_kw(vm, &a, "next")?;
        args::range(vm, &a, "next", 1, 2)?;
        // next_value raises StopIteration(value) so a generator's return value is kept.
        let stop = vm.types().exc.stop_iteration.clone();
        match vm.next_value(&a.pos[0]) {
            Err(e) if a.pos.len() > 1 && vm.err_matches(&e, &stop) => Ok(a.pos[1].clone()),
            r => r,
        }
    });
    def(vm, "chr", |vm, a| {
        let v = args::one(vm, &a, "chr")?;
        let i = vm.to_index(&v)?;
        let c = u32::try_from(i)
            .ok()
            .filter(|&c| c <= 0x10ffff)
            .ok_or_else(|| vm.new_value_error("chr() arg not in range(0x110000)"))?;
        // Lone surrogates cannot be held in a Rust string; they become U+FFFD.
        let ch = char::from_u32(c).unwrap_or('\u{fffd}');
        Ok(vm.char_str(ch))
    });
    def(vm, "ord", |vm, a| {
        let v = args::one(vm, &a, "ord")?;
        if let Some(s) = v.as_str() {
            let mut it = s.chars();
            return match (it.next(), it.next()) {
                // A lone surrogate is stored as a stand-in char; `ord` gives its code point.
                (Some(c), None) => Ok(Value::Int(i64::from(
                    pyvm_vm::proto::repr::char_surrogate(c).unwrap_or(u32::from(c)),
                ))),
                _ => Err(vm.new_type_error(&format!(
                    "ord() expected a character, but string of length {} found",
                    s.chars().count()
                ))),
            };
        }
        if let Some(Payload::Bytes(b)) = v.payload() {
            return match &b[..] {
                [x] => Ok(Value::Int(i64::from(*x))),
                _ => Err(vm.new_type_error(&format!(
                    "ord() expected a character, but string of length {} found",
                    b.len()
                ))),
            };
        }
        Err(vm.new_type_error(&format!(
            "ord() expected string of length 1, but {} found",
            vm.type_name(&v)
        )))
    });
    for (name, base) in [("hex", 16u32), ("oct", 8), ("bin", 2)] {
        def(vm, name, move |vm, a| {
            let v = args::one(vm, &a, name)?;
            let i = vm.index_value(&v)?;
            let b = vm
                .as_bigint(&i)
                .ok_or_else(|| vm.new_type_error("an integer is required"))?;
            Ok(vm.new_string(int_fmt::int_to_base(&b, base, true)))
        });
    }
}

fn attr_name(vm: &Vm, v: &Value, fname: &str) -> PyResult<Value> {
    if v.as_str().is_some() {
        Ok(v.clone())
    } else {
        let _ = fname;
        Err(vm.new_type_error(&format!(
            "attribute name must be string, not '{}'",
            vm.type_name(v)
        )))
    }
}

/// `callable(v)`.
pub(crate) fn is_callable(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(
            Payload::Function(_)
            | Payload::NativeFunction(_)
            | Payload::BoundMethod { .. }
            | Payload::Type(_),
        ) => true,
        _ => {
            let cls = vm.type_of(v);
            vm.lookup_type_attr(&cls, "__call__").is_some()
        }
    }
}

fn print(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    args::only_kw_invalid(vm, &a, "print", &["sep", "end", "file", "flush"])?;
    let text_arg = |vm: &Vm, v: Option<&Value>, what: &str, default: &str| -> PyResult<String> {
        match v {
            None | Some(Value::None) => Ok(default.to_string()),
            Some(v) => match v.as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(vm.new_type_error(&format!(
                    "{what} must be None or a string, not {}",
                    vm.type_name(v)
                ))),
            },
        }
    };
    let sep = text_arg(vm, a.kwarg("sep"), "sep", " ")?;
    let end = text_arg(vm, a.kwarg("end"), "end", "\n")?;
    let file = match a.kwarg("file").filter(|f| !f.is_none()) {
        Some(f) => Some(f.clone()),
        None => redirected_stdout(vm),
    };
    let flush = args::flag(vm, a.kwarg("flush"), false)?;
    if file.as_ref().is_some_and(Value::is_none) {
        // `sys.stdout = None`: print writes nothing, as in CPython.
        return Ok(Value::None);
    }
    let mut out = String::new();
    for (i, v) in a.pos.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&vm.str_string(v)?);
    }
    out.push_str(&end);
    match file {
        None => {
            vm.write_stdout(&out)?;
            if flush {
                vm.flush_stdout_checked()?;
            }
        }
        Some(f) => {
            let s = vm.new_string(out);
            vm.call_method(&f, "write", &[s])?;
            if flush {
                vm.call_method(&f, "flush", &[])?;
            }
        }
    }
    Ok(Value::None)
}

/// `input(prompt=None, /)`: flushes `sys.stderr`, writes the prompt to `sys.stdout` and
/// flushes it, then returns `sys.stdin.readline()` without its `\n` (`EOFError` at the end).
fn input(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    args::no_kw(vm, &a, "input")?;
    args::range(vm, &a, "input", 0, 1)?;
    let sys = vm.import_module("sys")?;
    let fin = vm.getattr_str(&sys, "stdin")?;
    let fout = vm.getattr_str(&sys, "stdout")?;
    let ferr = vm.getattr_str(&sys, "stderr")?;
    for (f, name) in [(&fin, "stdin"), (&fout, "stdout")] {
        if f.is_none() {
            let e = vm.types().exc.runtime_error.clone();
            return Err(vm.new_exception_msg(&e, &format!("input(): lost sys.{name}")));
        }
    }
    if !ferr.is_none() {
        let _ = vm.call_method(&ferr, "flush", &[]);
    }
    if let Some(prompt) = a.pos.first() {
        let text = vm.str(prompt)?;
        vm.call_method(&fout, "write", &[text])?;
    }
    let _ = vm.call_method(&fout, "flush", &[]);
    let line = vm.call_method(&fin, "readline", &[])?;
    let Some(text) = line.as_str() else {
        return Err(vm.new_type_error("object.readline() returned non-string"));
    };
    if text.is_empty() {
        let e = vm.types().exc.eof_error.clone();
        return Err(vm.new_exception_msg(&e, "EOF when reading a line"));
    }
    let text = text.strip_suffix('\n').unwrap_or(text).to_owned();
    Ok(vm.new_string(text))
}

/// `sys.stdout` when a program replaced it (`contextlib.redirect_stdout`, …); `None` while it
/// is still the VM's own stream (the fast path). Reads dicts only.
fn redirected_stdout(vm: &Vm) -> Option<Value> {
    let sys = vm.dict_get_str(vm.modules_dict(), "sys")?;
    let d = sys.as_obj()?.dict_obj()?;
    let out = vm.dict_get_str(&d, "stdout")?;
    let orig = vm.dict_get_str(&d, "__stdout__")?;
    (!out.is(&orig)).then_some(out)
}
