//! `str` methods: case, classification, padding, splitting, joining, formatting.

use super::codecs;
use super::memoryview::{buffer, is_buffer};
use crate::args::{self, kerr};
use crate::format::{format_value, str_format};
use pyvm_vm::kernels::{format_spec, unicode as u};
use pyvm_vm::{Args, ListItems, ObjRef, Payload, PyResult, Value, Vm};
use std::rc::Rc;

fn def(vm: &mut Vm, name: &str, f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static) {
    let ty = vm.types().str.clone();
    vm.add_method(&ty, name, f);
}

/// A no-argument `str -> str` method.
fn map_str(vm: &mut Vm, name: &'static str, f: fn(&str) -> String) {
    def(vm, name, move |vm, a| {
        let s = args::this_str_data(vm, &a, name)?;
        args::meth(vm, &a, "str", name, 0, 0)?;
        // Case mappings of ASCII text stay ASCII.
        Ok(vm.new_string_ascii(f(&s.s), s.is_ascii()))
    });
}

/// A no-argument `str -> bool` method.
fn test_str(vm: &mut Vm, name: &'static str, f: fn(&str) -> bool) {
    def(vm, name, move |vm, a| {
        let s = args::this_str_data(vm, &a, name)?;
        args::meth(vm, &a, "str", name, 0, 0)?;
        Ok(Value::bool(f(&s.s)))
    });
}

pub(crate) fn install(vm: &mut Vm) {
    map_str(vm, "upper", u::upper);
    map_str(vm, "lower", u::lower);
    map_str(vm, "casefold", u::casefold);
    map_str(vm, "title", u::title);
    map_str(vm, "capitalize", u::capitalize);
    map_str(vm, "swapcase", u::swapcase);
    test_str(vm, "isspace", u::str_isspace);
    test_str(vm, "isalpha", u::str_isalpha);
    test_str(vm, "isalnum", u::str_isalnum);
    test_str(vm, "isdecimal", u::str_isdecimal);
    test_str(vm, "isdigit", u::str_isdigit);
    test_str(vm, "isnumeric", u::str_isnumeric);
    test_str(vm, "isprintable", u::str_isprintable);
    test_str(vm, "isidentifier", u::str_isidentifier);
    test_str(vm, "isupper", u::str_isupper);
    test_str(vm, "islower", u::str_islower);
    test_str(vm, "istitle", u::str_istitle);
    test_str(vm, "isascii", u::str_isascii);
    for name in ["strip", "lstrip", "rstrip"] {
        def(vm, name, move |vm, a| {
            let data = args::this_str_data(vm, &a, name)?;
            let (s, ascii) = (&data.s, data.is_ascii());
            let rest = args::meth(vm, &a, "str", name, 0, 1)?;
            let chars: Option<Rc<str>> = match rest.first() {
                None | Some(Value::None) => None,
                Some(v) => Some(v.as_rc_str().ok_or_else(|| {
                    vm.new_type_error(&format!("{name} arg must be None or str"))
                })?),
            };
            let out: &str = match (&chars, name) {
                (None, "strip") => u::strip_py(s),
                (None, "lstrip") => u::lstrip_py(s),
                (None, _) => u::rstrip_py(s),
                (Some(cs), n) => {
                    let set = |c: char| cs.contains(c);
                    match n {
                        "strip" => s.trim_matches(set),
                        "lstrip" => s.trim_start_matches(set),
                        _ => s.trim_end_matches(set),
                    }
                }
            };
            Ok(vm.new_str_ascii(out, ascii))
        });
    }
    def(vm, "join", |vm, a| {
        let sep = args::this_str(vm, &a, "join")?;
        let rest = args::meth(vm, &a, "str", "join", 1, 1)?;
        let items = vm.to_vec(&rest[0])?;
        // The result's exact size when every item is a str (what growing would end at).
        let size = items.iter().map(|it| it.as_str().map_or(0, str::len)).fold(
            sep.len().saturating_mul(items.len().saturating_sub(1)),
            usize::saturating_add,
        );
        let mut out = String::with_capacity(size);
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(&sep);
            }
            match it.as_str() {
                Some(s) => out.push_str(s),
                None => {
                    return Err(vm.new_type_error(&format!(
                        "sequence item {i}: expected str instance, {} found",
                        vm.type_name(it)
                    )))
                }
            }
        }
        Ok(vm.new_string(out))
    });
    for name in ["split", "rsplit"] {
        def(vm, name, move |vm, a| split(vm, &a, name));
    }
    def(vm, "splitlines", |vm, a| {
        let s = args::this_str(vm, &a, "splitlines")?;
        let p = args::bind(vm, &a, "splitlines", &["keepends"], 0)?;
        let keep = args::flag(vm, p[0], false)?;
        let parts: Vec<Value> = u::splitlines(&s, keep)
            .into_iter()
            .map(|p| vm.new_str(p))
            .collect();
        Ok(vm.new_list(parts))
    });
    for name in ["center", "ljust", "rjust"] {
        def(vm, name, move |vm, a| {
            let s = args::this_str(vm, &a, name)?;
            let rest = args::meth(vm, &a, "str", name, 1, 2)?;
            let width = args::index(vm, &rest[0])?;
            args::check_size(vm, width)?;
            let fill = match rest.get(1) {
                None => ' ',
                Some(v) => {
                    let f = v.as_str().map(|f| f.chars().collect::<Vec<_>>());
                    match f.as_deref() {
                        Some([c]) => *c,
                        Some(_) => {
                            return Err(vm.new_type_error(
                                "The fill character must be exactly one character long",
                            ))
                        }
                        None => {
                            return Err(vm.new_type_error(&format!(
                                "{name}() argument 2 must be str, not {}",
                                vm.type_name(v)
                            )))
                        }
                    }
                }
            };
            let len = s.chars().count();
            let width = usize::try_from(width).unwrap_or(0);
            if width <= len {
                return Ok(vm.new_str(&s));
            }
            let pad = width - len;
            let left = match name {
                "ljust" => 0,
                "rjust" => pad,
                // CPython centers with the extra space on the left when pad and width are odd.
                _ => pad / 2 + (pad & width & 1),
            };
            let mut out = String::with_capacity(s.len() + pad);
            out.extend(std::iter::repeat(fill).take(left));
            out.push_str(&s);
            out.extend(std::iter::repeat(fill).take(pad - left));
            Ok(vm.new_string(out))
        });
    }
    def(vm, "zfill", |vm, a| {
        let s = args::this_str(vm, &a, "zfill")?;
        let rest = args::meth(vm, &a, "str", "zfill", 1, 1)?;
        let width = args::index(vm, &rest[0])?;
        args::check_size(vm, width)?;
        let width = usize::try_from(width).unwrap_or(0);
        let len = s.chars().count();
        if width <= len {
            return Ok(vm.new_str(&s));
        }
        let fill = "0".repeat(width - len);
        let out = match s.chars().next() {
            Some(c @ ('+' | '-')) => format!("{c}{fill}{}", &s[1..]),
            _ => format!("{fill}{s}"),
        };
        Ok(vm.new_string(out))
    });
    def(vm, "replace", |vm, a| {
        let data = args::this_str_data(vm, &a, "replace")?;
        let (s, s_ascii) = (&data.s, data.is_ascii());
        let rest = args::meth(vm, &a, "str", "replace", 2, 3)?;
        let old = args::str_arg(vm, &rest[0], "replace() argument 1")?;
        let new = args::str_arg(vm, &rest[1], "replace() argument 2")?;
        let count = match rest.get(2) {
            Some(c) => args::index(vm, c)?,
            None => -1,
        };
        let out = if count < 0 {
            match old.as_bytes() {
                // A one-byte pattern is searched for as a char (a byte scan).
                &[b] if b.is_ascii() => s.replace(char::from(b), &new),
                _ => s.replace(&*old, &new),
            }
        } else {
            s.replacen(&*old, &new, usize::try_from(count).unwrap_or(0))
        };
        // ASCII text with ASCII put in stays ASCII.
        let ascii = s_ascii && new.is_ascii();
        Ok(vm.new_string_ascii(out, ascii))
    });
    for name in ["removeprefix", "removesuffix"] {
        def(vm, name, move |vm, a| {
            let s = args::this_str(vm, &a, name)?;
            let rest = args::meth(vm, &a, "str", name, 1, 1)?;
            let p = args::str_arg(vm, &rest[0], &format!("{name}() argument"))?;
            let out = if name == "removeprefix" {
                s.strip_prefix(&*p).unwrap_or(&s)
            } else {
                s.strip_suffix(&*p).unwrap_or(&s)
            };
            Ok(vm.new_str(out))
        });
    }
    for name in ["partition", "rpartition"] {
        def(vm, name, move |vm, a| {
            let s = args::this_str(vm, &a, name)?;
            let rest = args::meth(vm, &a, "str", name, 1, 1)?;
            let sep = rest[0].as_rc_str().ok_or_else(|| {
                vm.new_type_error(&format!("must be str, not {}", vm.type_name(&rest[0])))
            })?;
            if sep.is_empty() {
                return Err(vm.new_value_error("empty separator"));
            }
            let found = if name == "partition" {
                s.find(&*sep)
            } else {
                s.rfind(&*sep)
            };
            let parts = match found {
                Some(i) => [&s[..i], &sep[..], &s[i + sep.len()..]],
                None if name == "partition" => [&s[..], "", ""],
                None => ["", "", &s[..]],
            };
            let vals: Vec<Value> = parts.iter().map(|p| vm.new_str(p)).collect();
            Ok(vm.new_tuple(vals))
        });
    }
    def(vm, "format", |vm, a| {
        let s = args::this_str(vm, &a, "format")?;
        let rest = a.pos.get(1..).unwrap_or(&[]);
        let out = str_format(vm, &s, rest, a.kw)?;
        Ok(vm.new_string(out))
    });
    def(vm, "__format__", |vm, a| {
        let s = args::this_str(vm, &a, "__format__")?;
        let rest = args::meth(vm, &a, "str", "__format__", 1, 1)?;
        let spec = args::str_arg(vm, &rest[0], "__format__() argument")?;
        format_spec::format_str(&s, &spec)
            .map(|r| vm.new_string(r))
            .map_err(|e| kerr(vm, e))
    });
    def(vm, "expandtabs", |vm, a| {
        let s = args::this_str(vm, &a, "expandtabs")?;
        let p = args::bind(vm, &a, "expandtabs", &["tabsize"], 0)?;
        let ts = match p[0] {
            Some(v) => args::index(vm, v)?,
            None => 8,
        };
        let ts = args::c_int(vm, ts)?;
        let tabs = i64::try_from(s.matches('\t').count()).unwrap_or(i64::MAX);
        args::check_size(vm, ts.max(0).saturating_mul(tabs))?;
        let mut out = String::new();
        let mut col: i64 = 0;
        for c in s.chars() {
            match c {
                '\t' => {
                    if ts > 0 {
                        let n = ts - col % ts;
                        out.extend(std::iter::repeat(' ').take(n as usize));
                        col += n;
                    }
                }
                '\n' | '\r' => {
                    out.push(c);
                    col = 0;
                }
                _ => {
                    out.push(c);
                    col += 1;
                }
            }
        }
        Ok(vm.new_string(out))
    });
    def(vm, "translate", |vm, a| {
        let s = args::this_str(vm, &a, "translate")?;
        let rest = args::meth(vm, &a, "str", "translate", 1, 1)?;
        let table = rest[0].clone();
        let lookup_error = vm.types().exc.lookup_error.clone();
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            let key = Value::Int(i64::from(u32::from(c)));
            match vm.getitem(&table, &key) {
                Ok(Value::None) => {}
                Ok(Value::Int(i)) => {
                    let ch = u32::try_from(i)
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or_else(|| {
                            vm.new_value_error("character mapping must be in range(0x110000)")
                        })?;
                    out.push(ch);
                }
                Ok(v) => match v.as_str() {
                    Some(r) => out.push_str(r),
                    None => {
                        return Err(
                            vm.new_type_error("character mapping must return integer, None or str")
                        )
                    }
                },
                Err(e) if vm.err_matches(&e, &lookup_error) => out.push(c),
                Err(e) => return Err(e),
            }
        }
        Ok(vm.new_string(out))
    });
    def(vm, "encode", |vm, a| {
        let s = args::this_str(vm, &a, "encode")?;
        let (enc, errors) = super::bytes::decode_args(vm, &a, "encode")?;
        codecs::encode_vm(vm, &s, &enc, &errors).map(|b| vm.new_bytes(b))
    });
    def(vm, "format_map", |vm, a| {
        let s = args::this_str(vm, &a, "format_map")?;
        let rest = args::meth(vm, &a, "str", "format_map", 1, 1)?;
        let out = crate::format::str_format_map(vm, &s, &rest[0])?;
        Ok(vm.new_string(out))
    });
    def(vm, "__getnewargs__", |vm, a| {
        let s = args::this_str(vm, &a, "__getnewargs__")?;
        args::meth(vm, &a, "str", "__getnewargs__", 0, 0)?;
        let v = vm.new_str_rc(s.to_rc());
        Ok(vm.new_tuple(vec![v]))
    });
    def(vm, "__sizeof__", |vm, a| {
        let s = args::this_str(vm, &a, "__sizeof__")?;
        args::meth(vm, &a, "str", "__sizeof__", 0, 0)?;
        Ok(Value::Int(i64::try_from(str_sizeof(&s)).unwrap_or(0)))
    });
    let ty = vm.types().str.clone();
    vm.set_constructor(&ty, construct);
    let _ = format_value;
    let ty = vm.types().str.clone();
    vm.add_staticmethod(&ty, "maketrans", maketrans);
}

/// CPython's `sys.getsizeof` of a compact str (64-bit layout).
fn str_sizeof(s: &str) -> usize {
    let max = s.chars().map(u32::from).max().unwrap_or(0);
    let n = s.chars().count();
    if max < 0x80 {
        40 + n + 1
    } else if max < 0x100 {
        56 + n + 1
    } else if max < 0x10000 {
        56 + 2 * (n + 1)
    } else {
        56 + 4 * (n + 1)
    }
}

/// `str(object='')` / `str(object=b'', encoding='utf-8', errors='strict')`.
fn construct(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    // `str(i)` of a machine int: its digits, known to be ASCII.
    if let ([c, Value::Int(i)], true) = (a.pos, a.kw.is_empty()) {
        if vm
            .as_class(c)
            .is_some_and(|c| ObjRef::ptr_eq(&c, &vm.types().str))
        {
            return Ok(vm.new_string_ascii(i.to_string(), true));
        }
    }
    let cls = a
        .pos
        .first()
        .and_then(|c| vm.as_class(c))
        .ok_or_else(|| vm.new_type_error("constructor needs a class"))?;
    let p = args::bind(vm, &a, "str", &["object", "encoding", "errors"], 0)?;
    let text: Rc<str> = match (p[0], p[1].is_some() || p[2].is_some()) {
        (None, _) => Rc::from(""),
        (Some(o), false) => {
            if o.as_str().is_some() && ObjRef::ptr_eq(&vm.type_of(o), &vm.types().str) {
                if ObjRef::ptr_eq(&cls, &vm.types().str) {
                    return Ok(o.clone());
                }
                o.as_rc_str().unwrap_or_else(|| Rc::from(""))
            } else {
                Rc::from(vm.str_string(o)?)
            }
        }
        (Some(o), true) => {
            let get = |vm: &Vm, v: Option<&Value>, what: &str, d: &str| -> PyResult<String> {
                match v {
                    None => Ok(d.to_string()),
                    Some(v) => v.as_str().map(str::to_string).ok_or_else(|| {
                        vm.new_type_error(&format!(
                            "str() argument '{what}' must be str, not {}",
                            vm.type_name(v)
                        ))
                    }),
                }
            };
            let enc = get(vm, p[1], "encoding", "utf-8")?;
            let errors = get(vm, p[2], "errors", "strict")?;
            if o.as_str().is_some() {
                return Err(vm.new_type_error("decoding str is not supported"));
            }
            let data = match buffer(o) {
                Some(b) => b,
                None if is_buffer(o) => {
                    return Err(
                        vm.new_value_error("operation forbidden on released memoryview object")
                    )
                }
                None => {
                    return Err(vm.new_type_error(&format!(
                        "decoding to str: need a bytes-like object, {} found",
                        vm.type_name(o)
                    )))
                }
            };
            let s = codecs::decode_vm(vm, &data, &enc, &errors)?;
            Rc::from(s)
        }
    };
    if ObjRef::ptr_eq(&cls, &vm.types().str) {
        return Ok(vm.new_str_rc(text));
    }
    Ok(Value::Obj(vm.alloc_with_dict(
        &cls,
        Payload::Str(pyvm_vm::object::StrData::new(text)),
    )))
}

fn maketrans(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    args::no_kw(vm, &a, "maketrans")?;
    args::range(vm, &a, "maketrans", 1, 3)?;
    let d = vm.new_dict_obj();
    if a.pos.len() == 1 {
        let src = &a.pos[0];
        if !matches!(src.payload(), Some(Payload::Dict(_))) {
            return Err(
                vm.new_type_error("if you give only one argument to maketrans it must be a dict")
            );
        }
        for (k, v) in vm.dict_items(src) {
            let key = match (&k, k.as_str()) {
                (_, Some(s)) => {
                    let mut it = s.chars();
                    match (it.next(), it.next()) {
                        (Some(c), None) => Value::Int(i64::from(u32::from(c))),
                        _ => {
                            return Err(vm.new_value_error(
                                "string keys in translate table must be of length 1",
                            ))
                        }
                    }
                }
                (Value::Int(_), None) => k.clone(),
                _ => {
                    return Err(
                        vm.new_type_error("keys in translate table must be strings or integers")
                    )
                }
            };
            vm.dict_set_item(&d, key, v)?;
        }
        return Ok(Value::Obj(d));
    }
    let y = args::str_arg(vm, &a.pos[1], "maketrans() argument 2")?;
    if let Some(z) = a.pos.get(2) {
        args::str_arg(vm, z, "maketrans() argument 3")?;
    }
    let x = a.pos[0].as_rc_str().ok_or_else(|| {
        vm.new_type_error("first maketrans argument must be a string if there is a second argument")
    })?;
    if x.chars().count() != y.chars().count() {
        return Err(vm.new_value_error("the first two maketrans arguments must have equal length"));
    }
    for (c, r) in x.chars().zip(y.chars()) {
        vm.dict_set_item(
            &d,
            Value::Int(i64::from(u32::from(c))),
            Value::Int(i64::from(u32::from(r))),
        )?;
    }
    if let Some(z) = a.pos.get(2) {
        let z = args::str_arg(vm, z, "maketrans() argument 3")?;
        for c in z.chars() {
            vm.dict_set_item(&d, Value::Int(i64::from(u32::from(c))), Value::None)?;
        }
    }
    Ok(Value::Obj(d))
}

fn split(vm: &mut Vm, a: &Args<'_>, name: &str) -> PyResult<Value> {
    let data = args::this_str_data(vm, a, name)?;
    let (s, ascii) = (&data.s, data.is_ascii());
    args::only_kw(vm, a, name, &["sep", "maxsplit"])?;
    if a.pos.len() > 3 {
        return Err(vm.new_type_error(&format!(
            "{name}() takes at most 2 arguments ({} given)",
            a.pos.len() - 1
        )));
    }
    let sep = args::pos_or_kw(a, 1, "sep")
        .filter(|v| !v.is_none())
        .cloned();
    let maxsplit = match args::pos_or_kw(a, 2, "maxsplit") {
        Some(v) => args::index(vm, v)?,
        None => -1,
    };
    // The parts borrow the text: each becomes its `str` object directly (building owned
    // `String`s first held every part twice at the peak of a big split). Splits from the left
    // put each part into the list's slots as it is found (no vector of parts).
    let parts: Vec<&str> = match sep {
        None => {
            if name == "split" {
                let mut out = ListItems::new();
                u::split_whitespace_each(s, maxsplit, |p| out.push(vm.new_str_ascii(p, ascii)));
                return Ok(vm.new_list_items(out));
            }
            u::rsplit_whitespace_py(s, maxsplit)
        }
        Some(sep) => {
            let sep = match sep.payload() {
                Some(Payload::Str(t)) => t.s.clone(),
                _ => {
                    return Err(vm.new_type_error(&format!(
                        "must be str or None, not {}",
                        vm.type_name(&sep)
                    )))
                }
            };
            if sep.is_empty() {
                return Err(vm.new_value_error("empty separator"));
            }
            // A one-byte separator (`";"`, `"\n"`) is searched for as a char (a byte scan)
            // rather than with the substring searcher; the parts are the same.
            let new = |p| vm.new_str_ascii(p, ascii);
            match (sep.as_bytes(), maxsplit < 0) {
                (&[b], true) if b.is_ascii() => {
                    let out: ListItems = s.split(char::from(b)).map(new).collect();
                    return Ok(vm.new_list_items(out));
                }
                (_, true) => {
                    let out: ListItems = s.split(&*sep).map(new).collect();
                    return Ok(vm.new_list_items(out));
                }
                _ => {
                    let n = usize::try_from(maxsplit).unwrap_or(0).saturating_add(1);
                    if name == "split" {
                        s.splitn(n, &*sep).collect()
                    } else {
                        let mut v: Vec<&str> = s.rsplitn(n, &*sep).collect();
                        v.reverse();
                        v
                    }
                }
            }
        }
    };
    let vals: Vec<Value> = parts
        .into_iter()
        .map(|p| vm.new_str_ascii(p, ascii))
        .collect();
    Ok(vm.new_list(vals))
}
