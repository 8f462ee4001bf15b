//! The methods `bytes` and `bytearray` share (`bytearray` methods return `bytearray`s), the
//! `bytes` / `bytearray` constructors, `fromhex` and `maketrans`.

use super::bytes_ops as ops;
use super::codecs;
use super::memoryview::{buffer, hex_method, is_buffer, need_buffer};
use crate::args;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm, B64};

/// `self` of a bytes / bytearray method: its data and whether results are bytearrays.
pub(crate) struct This {
    pub(crate) data: Vec<u8>,
    pub(crate) array: bool,
}

pub(crate) fn this(vm: &Vm, a: &Args<'_>, ty: &str, name: &str) -> PyResult<This> {
    let v = args::this(vm, a)?;
    let (data, array) = match v.payload() {
        Some(Payload::Bytes(b)) if ty == "bytes" => (b.to_vec(), false),
        Some(Payload::ByteArray(b)) if ty == "bytearray" => (b.borrow().clone(), true),
        _ => {
            return Err(vm.new_type_error(&format!(
                "descriptor '{name}' for '{ty}' objects doesn't apply to a '{}' object",
                vm.type_name(&v)
            )))
        }
    };
    Ok(This { data, array })
}

/// A result of the same kind as `self`.
pub(crate) fn out(vm: &Vm, array: bool, data: Vec<u8>) -> Value {
    if array {
        vm.new_bytearray(data)
    } else {
        vm.new_bytes(data)
    }
}

/// `start` / `end` arguments (None allowed) of the find family, adjusted to `len`.
fn span(vm: &mut Vm, rest: &[Value], from: usize, len: usize) -> PyResult<(i64, i64)> {
    let (s, e) = raw_span(vm, rest, from)?;
    Ok(ops::adjust(s, e, len))
}

/// `start` / `end` arguments (None allowed), not yet adjusted.
fn raw_span(vm: &mut Vm, rest: &[Value], from: usize) -> PyResult<(i64, i64)> {
    let get = |vm: &mut Vm, i: usize, d: i64| -> PyResult<i64> {
        match rest.get(i) {
            None | Some(Value::None) => Ok(d),
            Some(v) => {
                if !vm.is_int(v) {
                    let t = vm.type_of(v);
                    if vm.lookup_type_attr(&t, "__index__").is_none() {
                        return Err(vm.new_type_error(
                            "slice indices must be integers or None or have an __index__ method",
                        ));
                    }
                }
                match vm.index_value(v)? {
                    Value::Int(i) => Ok(i),
                    big => Ok(
                        if vm
                            .as_bigint(&big)
                            .is_some_and(|b| b.sign() == num_bigint::Sign::Minus)
                        {
                            i64::MIN / 2
                        } else {
                            i64::MAX / 2
                        },
                    ),
                }
            }
        }
    };
    let s = get(vm, from, 0)?;
    let e = get(vm, from + 1, i64::MAX / 2)?;
    Ok((s, e))
}

/// The needle of `find`/`count`/...: a bytes-like object or an int in `range(256)`.
fn needle(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer(v) {
        return Ok(b);
    }
    let t = vm.type_of(v);
    if vm.is_int(v) || vm.lookup_type_attr(&t, "__index__").is_some() {
        let i = vm.index_value(v)?;
        return match i {
            Value::Int(x) if (0..256).contains(&x) => Ok(vec![u8::try_from(x).unwrap_or(0)]),
            _ => Err(vm.new_value_error("byte must be in range(0, 256)")),
        };
    }
    Err(vm.new_type_error(&format!(
        "argument should be integer or bytes-like object, not '{}'",
        vm.type_name(v)
    )))
}

/// A one-byte fill character argument.
fn fill_char(vm: &Vm, v: Option<&Value>, name: &str) -> PyResult<u8> {
    let Some(v) = v else { return Ok(b' ') };
    match (v.payload(), buffer(v)) {
        (Some(Payload::Bytes(_) | Payload::ByteArray(_)), Some(b)) if b.len() == 1 => Ok(b[0]),
        _ => Err(vm.new_type_error(&format!(
            "{name}() argument 2 must be a byte string of length 1, not {}",
            vm.type_name(v)
        ))),
    }
}

fn optional_buffer(vm: &Vm, v: Option<&Value>) -> PyResult<Option<Vec<u8>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => need_buffer(vm, v).map(Some),
    }
}

type Method = fn(&mut Vm, &Args<'_>, &str, This) -> PyResult<Value>;

fn install_method(vm: &mut Vm, name: &'static str, f: Method) {
    for (ty, tname) in [
        (vm.types().bytes.clone(), "bytes"),
        (vm.types().bytearray.clone(), "bytearray"),
    ] {
        vm.add_method(&ty, name, move |vm, a| {
            let t = this(vm, &a, tname, name)?;
            f(vm, &a, name, t)
        });
    }
}

fn map_method(vm: &mut Vm, name: &'static str, f: fn(&[u8]) -> Vec<u8>) {
    for (ty, tname) in [
        (vm.types().bytes.clone(), "bytes"),
        (vm.types().bytearray.clone(), "bytearray"),
    ] {
        vm.add_method(&ty, name, move |vm, a| {
            let t = this(vm, &a, tname, name)?;
            args::meth(vm, &a, tname, name, 0, 0)?;
            Ok(out(vm, t.array, f(&t.data)))
        });
    }
}

fn test_method(vm: &mut Vm, name: &'static str, f: fn(&[u8]) -> bool) {
    for (ty, tname) in [
        (vm.types().bytes.clone(), "bytes"),
        (vm.types().bytearray.clone(), "bytearray"),
    ] {
        vm.add_method(&ty, name, move |vm, a| {
            let t = this(vm, &a, tname, name)?;
            args::meth(vm, &a, tname, name, 0, 0)?;
            Ok(Value::bool(f(&t.data)))
        });
    }
}

fn find_like(vm: &mut Vm, a: &Args<'_>, name: &str, t: &This) -> PyResult<Option<usize>> {
    let rest = args::tuple_args(vm, a, name, 1, 3)?;
    let (s, e) = span(vm, rest, 1, t.data.len())?;
    let sub = needle(vm, &rest[0])?;
    Ok(if name.starts_with('r') {
        ops::rfind(&t.data, &sub, s, e)
    } else {
        ops::find(&t.data, &sub, s, e)
    })
}

fn as_int(n: Option<usize>) -> Value {
    Value::Int(n.and_then(|i| i64::try_from(i).ok()).unwrap_or(-1))
}

fn split_method(vm: &mut Vm, a: &Args<'_>, name: &str, t: This) -> PyResult<Value> {
    let p = args::bind(vm, a, name, &["sep", "maxsplit"], 0)?;
    let maxsplit = match p[1] {
        Some(v) => vm.to_index(v)?,
        None => -1,
    };
    let sep = optional_buffer(vm, p[0])?;
    let parts = match &sep {
        None if name == "split" => ops::split_whitespace(&t.data, maxsplit),
        None => ops::rsplit_whitespace(&t.data, maxsplit),
        Some(s) if s.is_empty() => return Err(vm.new_value_error("empty separator")),
        Some(s) if name == "split" => ops::split_sep(&t.data, s, maxsplit),
        Some(s) => ops::rsplit_sep(&t.data, s, maxsplit),
    };
    let items = parts
        .into_iter()
        .map(|p| out(vm, t.array, p.to_vec()))
        .collect();
    Ok(vm.new_list(items))
}

fn strip_method(vm: &mut Vm, a: &Args<'_>, name: &str, t: This) -> PyResult<Value> {
    let tname = if t.array { "bytearray" } else { "bytes" };
    let rest = args::meth(vm, a, tname, name, 0, 1)?;
    let chars = optional_buffer(vm, rest.first())?;
    let (l, r) = match name {
        "lstrip" => (true, false),
        "rstrip" => (false, true),
        _ => (true, true),
    };
    let s = ops::strip(&t.data, chars.as_deref(), l, r);
    Ok(out(vm, t.array, s.to_vec()))
}

fn pad_method(vm: &mut Vm, a: &Args<'_>, name: &str, t: This) -> PyResult<Value> {
    let tname = if t.array { "bytearray" } else { "bytes" };
    let rest = args::meth(vm, a, tname, name, 1, 2)?;
    let width = vm.to_index(&rest[0])?;
    args::check_size(vm, width)?;
    let fill = fill_char(vm, rest.get(1), name)?;
    let which = match name {
        "ljust" => 'l',
        "rjust" => 'r',
        _ => 'c',
    };
    Ok(out(vm, t.array, ops::pad(&t.data, width, fill, which)))
}

fn tailmatch_method(vm: &mut Vm, a: &Args<'_>, name: &str, t: This) -> PyResult<Value> {
    let rest = args::tuple_args(vm, a, name, 1, 3)?;
    let (raw_start, raw_end) = raw_span(vm, rest, 1)?;
    let at_end = name == "endswith";
    if let Some(Payload::Tuple(items)) = rest[0].payload() {
        let items = items.to_vec();
        for it in &items {
            let sub = need_buffer(vm, it)?;
            if ops::tailmatch(&t.data, &sub, raw_start, raw_end, at_end) {
                return Ok(Value::Bool(B64::TRUE));
            }
        }
        return Ok(Value::Bool(B64::FALSE));
    }
    let Some(sub) = buffer(&rest[0]) else {
        return Err(vm.new_type_error(&format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            vm.type_name(&rest[0])
        )));
    };
    Ok(Value::bool(ops::tailmatch(
        &t.data, &sub, raw_start, raw_end, at_end,
    )))
}

fn partition_method(vm: &mut Vm, a: &Args<'_>, name: &str, t: This) -> PyResult<Value> {
    let tname = if t.array { "bytearray" } else { "bytes" };
    let rest = args::meth(vm, a, tname, name, 1, 1)?;
    let sep = need_buffer(vm, &rest[0])?;
    if sep.is_empty() {
        return Err(vm.new_value_error("empty separator"));
    }
    let len = t.data.len();
    let end = i64::try_from(len).unwrap_or(i64::MAX);
    let found = if name == "partition" {
        ops::find(&t.data, &sep, 0, end)
    } else {
        ops::rfind(&t.data, &sep, 0, end)
    };
    let parts: [Vec<u8>; 3] = match found {
        Some(i) => [
            t.data[..i].to_vec(),
            sep.clone(),
            t.data[i + sep.len()..].to_vec(),
        ],
        None if name == "partition" => [t.data.clone(), Vec::new(), Vec::new()],
        None => [Vec::new(), Vec::new(), t.data.clone()],
    };
    let vals = parts.into_iter().map(|p| out(vm, t.array, p)).collect();
    Ok(vm.new_tuple(vals))
}

/// `decode(encoding='utf-8', errors='strict')`.
pub(crate) fn decode_args(vm: &mut Vm, a: &Args<'_>, fname: &str) -> PyResult<(String, String)> {
    let p = args::bind(vm, a, fname, &["encoding", "errors"], 0)?;
    let get = |vm: &Vm, v: Option<&Value>, what: &str, d: &str| -> PyResult<String> {
        match v {
            None => Ok(d.to_string()),
            Some(v) => v.as_str().map(str::to_string).ok_or_else(|| {
                vm.new_type_error(&format!(
                    "{fname}() argument '{what}' must be str, not {}",
                    args::arg_type_name(vm, v)
                ))
            }),
        }
    };
    Ok((
        get(vm, p[0], "encoding", "utf-8")?,
        get(vm, p[1], "errors", "strict")?,
    ))
}

/// `bytes(...)` / `bytearray(...)` source conversion.
pub(crate) fn from_source(
    vm: &mut Vm,
    src: Option<&Value>,
    encoding: Option<&Value>,
    errors: Option<&Value>,
    tname: &str,
) -> PyResult<Vec<u8>> {
    for (what, v) in [("encoding", encoding), ("errors", errors)] {
        if let Some(v) = v {
            if v.as_str().is_none() {
                return Err(vm.new_type_error(&format!(
                    "{tname}() argument '{what}' must be str, not {}",
                    vm.type_name(v)
                )));
            }
        }
    }
    let Some(v) = src else {
        if encoding.is_some() {
            return Err(vm.new_type_error("encoding without a string argument"));
        }
        if errors.is_some() {
            return Err(vm.new_type_error("errors without a string argument"));
        }
        return Ok(Vec::new());
    };
    if let Some(s) = v.as_rc_str() {
        let Some(enc) = encoding else {
            return Err(vm.new_type_error("string argument without an encoding"));
        };
        let enc = args::str_arg(vm, enc, &format!("{tname}() argument 'encoding'"))?;
        let err = match errors {
            Some(e) => args::str_arg(vm, e, &format!("{tname}() argument 'errors'"))?,
            None => pyvm_vm::object::StrText::copy_of("strict"),
        };
        return codecs::encode_vm(vm, &s, &enc, &err);
    }
    if encoding.is_some() {
        return Err(vm.new_type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(vm.new_type_error("errors without a string argument"));
    }
    if let Some(b) = buffer(v) {
        return Ok(b);
    }
    if is_buffer(v) {
        return need_buffer(vm, v);
    }
    let t = vm.type_of(v);
    if tname == "bytes" {
        if let Some(f) = vm.lookup_type_attr(&t, "__bytes__") {
            let r = vm.call(&f, std::slice::from_ref(v))?;
            return match r.payload() {
                Some(Payload::Bytes(b)) => Ok(b.to_vec()),
                _ => Err(vm.new_type_error(&format!(
                    "__bytes__ returned non-bytes (type {})",
                    vm.type_name(&r)
                ))),
            };
        }
    }
    if vm.is_int(v) || vm.lookup_type_attr(&t, "__index__").is_some() {
        let n = vm.index_value(v)?;
        return match n {
            Value::Int(n) if n < 0 => Err(vm.new_value_error("negative count")),
            Value::Int(n) if n <= (1 << 32) => Ok(vec![0u8; usize::try_from(n).unwrap_or(0)]),
            Value::Int(_) => Err(vm.new_exception(&vm.types().exc.memory_error.clone(), vec![])),
            _ => Err(vm.new_overflow_error("cannot fit 'int' into an index-sized integer")),
        };
    }
    let it = match vm.iter(v) {
        Ok(it) => it,
        Err(e) if vm.err_matches(&e, &vm.types().exc.type_error.clone()) => {
            return Err(vm.new_type_error(&format!(
                "cannot convert '{}' object to {tname}",
                vm.type_name(v)
            )))
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    while let Some(x) = vm.next(&it)? {
        match int_byte(vm, &x) {
            Ok(b) => out.push(b),
            Err(e)
                if tname == "bytes" && vm.err_matches(&e, &vm.types().exc.value_error.clone()) =>
            {
                return Err(vm.new_value_error("bytes must be in range(0, 256)"))
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// An int in `range(256)` (for bytes items).
pub(crate) fn int_byte(vm: &mut Vm, x: &Value) -> PyResult<u8> {
    let t = vm.type_of(x);
    if !vm.is_int(x) && vm.lookup_type_attr(&t, "__index__").is_none() {
        return Err(vm.new_type_error(&format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(x)
        )));
    }
    match vm.index_value(x)? {
        Value::Int(n) if (0..256).contains(&n) => Ok(u8::try_from(n).unwrap_or(0)),
        _ => Err(vm.new_value_error("byte must be in range(0, 256)")),
    }
}

fn construct(vm: &mut Vm, a: &Args<'_>, array: bool) -> PyResult<Value> {
    let tname = if array { "bytearray" } else { "bytes" };
    let cls = a
        .pos
        .first()
        .and_then(|c| vm.as_class(c))
        .ok_or_else(|| vm.new_type_error("constructor needs a class"))?;
    let p = args::bind(vm, a, tname, &["source", "encoding", "errors"], 0)?;
    let data = from_source(vm, p[0], p[1], p[2], tname)?;
    let base = if array {
        vm.types().bytearray.clone()
    } else {
        vm.types().bytes.clone()
    };
    if ObjRef::ptr_eq(&cls, &base) {
        return Ok(out(vm, array, data));
    }
    let payload = if array {
        Payload::ByteArray(std::cell::RefCell::new(data))
    } else {
        Payload::Bytes(data.into_boxed_slice())
    };
    Ok(Value::Obj(vm.alloc_with_dict(&cls, payload)))
}

fn fromhex(vm: &mut Vm, a: Args<'_>, array: bool) -> PyResult<Value> {
    let tname = if array { "bytearray" } else { "bytes" };
    let rest = args::meth(vm, &a, tname, "fromhex", 1, 1)?;
    let s = rest[0].as_rc_str().ok_or_else(|| {
        vm.new_type_error(&format!(
            "fromhex() argument must be str, not {}",
            args::arg_type_name(vm, &rest[0])
        ))
    })?;
    let data = ops::fromhex(&s).map_err(|pos| {
        vm.new_value_error(&format!(
            "non-hexadecimal number found in fromhex() arg at position {pos}"
        ))
    })?;
    let cls = args::this(vm, &a)?;
    let base: ObjRef = if array {
        vm.types().bytearray.clone()
    } else {
        vm.types().bytes.clone()
    };
    match vm.as_class(&cls) {
        Some(c) if !ObjRef::ptr_eq(&c, &base) => {
            let b = out(vm, array, data);
            vm.call(&cls, &[b])
        }
        _ => Ok(out(vm, array, data)),
    }
}

fn maketrans(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    args::no_kw(vm, &a, "maketrans")?;
    if a.pos.len() != 2 {
        return Err(vm.new_type_error(&format!(
            "maketrans expected 2 arguments, got {}",
            a.pos.len()
        )));
    }
    let frm = need_buffer(vm, &a.pos[0])?;
    let to = need_buffer(vm, &a.pos[1])?;
    if frm.len() != to.len() {
        return Err(vm.new_value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255u8).collect();
    for (f, t) in frm.iter().zip(to.iter()) {
        table[usize::from(*f)] = *t;
    }
    Ok(vm.new_bytes(table))
}

fn translate(vm: &mut Vm, a: &Args<'_>, _name: &str, t: This) -> PyResult<Value> {
    let rest = a.pos.get(1..).unwrap_or(&[]);
    if rest.len() > 2 {
        return Err(vm.new_type_error(&format!(
            "translate() takes at most 2 arguments ({} given)",
            rest.len()
        )));
    }
    let mut table_v = rest.first();
    let mut delete_v = rest.get(1);
    for (k, v) in a.kw {
        match &**k {
            "delete" if delete_v.is_none() => delete_v = Some(v),
            _ => {
                return Err(vm.new_type_error(&format!(
                    "'{k}' is an invalid keyword argument for translate()"
                )))
            }
        }
    }
    let Some(tv) = table_v.take() else {
        return Err(vm.new_type_error("translate expected at least 1 argument, got 0"));
    };
    let table = optional_buffer(vm, Some(tv))?;
    if table.as_ref().is_some_and(|t| t.len() != 256) {
        return Err(vm.new_value_error("translation table must be 256 characters long"));
    }
    let delete = optional_buffer(vm, delete_v)?.unwrap_or_default();
    let res: Vec<u8> = t
        .data
        .iter()
        .filter(|c| !delete.contains(c))
        .map(|&c| {
            table
                .as_ref()
                .and_then(|tb| tb.get(usize::from(c)).copied())
                .unwrap_or(c)
        })
        .collect();
    Ok(out(vm, t.array, res))
}

fn join(vm: &mut Vm, a: &Args<'_>, _name: &str, t: This) -> PyResult<Value> {
    let tname = if t.array { "bytearray" } else { "bytes" };
    let rest = args::meth(vm, a, tname, "join", 1, 1)?;
    let items = vm.to_vec(&rest[0])?;
    let mut res = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            res.extend_from_slice(&t.data);
        }
        match buffer(it) {
            Some(b) => res.extend_from_slice(&b),
            None => {
                return Err(vm.new_type_error(&format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    vm.type_name(it)
                )))
            }
        }
    }
    Ok(out(vm, t.array, res))
}

pub(crate) fn install(vm: &mut Vm) {
    map_method(vm, "lower", ops::lower);
    map_method(vm, "upper", ops::upper);
    map_method(vm, "swapcase", ops::swapcase);
    map_method(vm, "capitalize", ops::capitalize);
    map_method(vm, "title", ops::title);
    test_method(vm, "isalnum", ops::isalnum);
    test_method(vm, "isalpha", ops::isalpha);
    test_method(vm, "isdigit", ops::isdigit);
    test_method(vm, "isspace", ops::isspace);
    test_method(vm, "islower", ops::islower);
    test_method(vm, "isupper", ops::isupper);
    test_method(vm, "istitle", ops::istitle);
    test_method(vm, "isascii", ops::isascii);
    install_method(vm, "split", split_method);
    install_method(vm, "rsplit", split_method);
    install_method(vm, "strip", strip_method);
    install_method(vm, "lstrip", strip_method);
    install_method(vm, "rstrip", strip_method);
    install_method(vm, "center", pad_method);
    install_method(vm, "ljust", pad_method);
    install_method(vm, "rjust", pad_method);
    install_method(vm, "startswith", tailmatch_method);
    install_method(vm, "endswith", tailmatch_method);
    install_method(vm, "partition", partition_method);
    install_method(vm, "rpartition", partition_method);
    install_method(vm, "translate", translate);
    install_method(vm, "join", join);
    for name in ["find", "rfind"] {
        install_method(vm, name, |vm, a, name, t| {
            let r = find_like(vm, a, name, &t)?;
            Ok(as_int(r))
        });
    }
    for name in ["index", "rindex"] {
        install_method(vm, name, |vm, a, name, t| {
            let fname = if name == "index" { "find" } else { "rfind" };
            match find_like(vm, a, fname, &t)? {
                Some(i) => Ok(as_int(Some(i))),
                None => Err(vm.new_value_error("subsection not found")),
            }
        });
    }
    install_method(vm, "count", |vm, a, name, t| {
        let rest = args::tuple_args(vm, a, name, 1, 3)?;
        let (s, e) = span(vm, rest, 1, t.data.len())?;
        let sub = needle(vm, &rest[0])?;
        Ok(Value::Int(
            i64::try_from(ops::count(&t.data, &sub, s, e)).unwrap_or(0),
        ))
    });
    install_method(vm, "replace", |vm, a, name, t| {
        let tname = if t.array { "bytearray" } else { "bytes" };
        let rest = args::meth(vm, a, tname, name, 2, 3)?;
        let old = need_buffer(vm, &rest[0])?;
        let new = need_buffer(vm, &rest[1])?;
        let count = match rest.get(2) {
            Some(v) => vm.to_index(v)?,
            None => -1,
        };
        Ok(out(vm, t.array, ops::replace(&t.data, &old, &new, count)))
    });
    install_method(vm, "zfill", |vm, a, name, t| {
        let tname = if t.array { "bytearray" } else { "bytes" };
        let rest = args::meth(vm, a, tname, name, 1, 1)?;
        let w = vm.to_index(&rest[0])?;
        args::check_size(vm, w)?;
        Ok(out(vm, t.array, ops::zfill(&t.data, w)))
    });
    for name in ["removeprefix", "removesuffix"] {
        install_method(vm, name, |vm, a, name, t| {
            let tname = if t.array { "bytearray" } else { "bytes" };
            let rest = args::meth(vm, a, tname, name, 1, 1)?;
            let p = need_buffer(vm, &rest[0])?;
            let res = if name == "removeprefix" {
                t.data.strip_prefix(&p[..]).unwrap_or(&t.data)
            } else {
                t.data.strip_suffix(&p[..]).unwrap_or(&t.data)
            };
            Ok(out(vm, t.array, res.to_vec()))
        });
    }
    install_method(vm, "splitlines", |vm, a, name, t| {
        let p = args::bind(vm, a, name, &["keepends"], 0)?;
        let keep = args::flag(vm, p[0], false)?;
        let items = ops::splitlines(&t.data, keep)
            .into_iter()
            .map(|l| out(vm, t.array, l.to_vec()))
            .collect();
        Ok(vm.new_list(items))
    });
    install_method(vm, "expandtabs", |vm, a, name, t| {
        let p = args::bind(vm, a, name, &["tabsize"], 0)?;
        let ts = match p[0] {
            Some(v) => vm.to_index(v)?,
            None => 8,
        };
        let ts = args::c_int(vm, ts)?;
        let tabs = t.data.iter().filter(|&&c| c == b'\t').count();
        let tabs = i64::try_from(tabs).unwrap_or(i64::MAX);
        args::check_size(vm, ts.max(0).saturating_mul(tabs))?;
        Ok(out(vm, t.array, ops::expandtabs(&t.data, ts)))
    });
    install_method(vm, "hex", |vm, a, _name, t| hex_method(vm, a, &t.data));
    install_method(vm, "decode", |vm, a, name, t| {
        let (enc, errors) = decode_args(vm, a, name)?;
        let s = codecs::decode_vm(vm, &t.data, &enc, &errors)?;
        Ok(vm.new_string(s))
    });
    let bytes_ty = vm.types().bytes.clone();
    vm.add_method(&bytes_ty, "__bytes__", |vm, a| {
        let t = this(vm, &a, "bytes", "__bytes__")?;
        args::meth(vm, &a, "bytes", "__bytes__", 0, 0)?;
        Ok(vm.new_bytes(t.data))
    });
    vm.add_method(&bytes_ty, "__getnewargs__", |vm, a| {
        let t = this(vm, &a, "bytes", "__getnewargs__")?;
        args::meth(vm, &a, "bytes", "__getnewargs__", 0, 0)?;
        let b = vm.new_bytes(t.data);
        Ok(vm.new_tuple(vec![b]))
    });
    for (ty, array) in [
        (vm.types().bytes.clone(), false),
        (vm.types().bytearray.clone(), true),
    ] {
        vm.set_constructor(&ty, move |vm, a| construct(vm, &a, array));
        vm.add_classmethod(&ty, "fromhex", move |vm, a| fromhex(vm, a, array));
        vm.add_staticmethod(&ty, "maketrans", maketrans);
    }
}
