//! `_codecs`: the codec registry `codecs.py` and `encodings` build on — `register`, `lookup`
//! (search functions, normalised names, a cache), `encode` / `decode` through `str.encode` /
//! `bytes.decode`, the `utf_8_*`, `latin_1_*` and `ascii_*` functions the `encodings`
//! modules wrap, and `register_error` / `lookup_error` for handlers a program registers.
//! pyvm's built-in error handlers (`strict`, `replace`, …) live inside `str.encode` /
//! `bytes.decode` and are not exposed as functions here, so `lookup_error('strict')` raises
//! `LookupError` (`codecs.py` then sets `codecs.strict_errors` and friends to `None`).

use super::{add_fn, register};
use pyvm_vm::ObjWeak;
use pyvm_vm::{ObjRef, PyResult, Value, Vm};
use std::rc::Rc;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_codecs"], build);
}

/// The registry lives in three containers the module holds (`_search_functions`, a list;
/// `_search_cache` and `_error_handlers`, dicts), so the cycle collector and the VM's teardown
/// see the Python functions in it. The native functions reach them through weak references:
/// a strong one, captured in a Rust closure, would make an invisible cycle through the module
/// and leak the whole VM (the `run` fuzz target found that, as a per-VM leak of a megabyte).
struct Registry {
    search: ObjWeak,
    cache: ObjWeak,
    errors: ObjWeak,
}

fn live(vm: &Vm, w: &ObjWeak) -> PyResult<ObjRef> {
    w.upgrade()
        .ok_or_else(|| vm.new_system_error("the codec registry is gone"))
}

/// `normalizestring`: lower case, spaces to underscores.
fn normalize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c == ' ' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

fn str_arg(vm: &Vm, v: &Value, fname: &str, what: &str) -> PyResult<String> {
    v.as_str().map(str::to_string).ok_or_else(|| {
        vm.new_type_error(&format!(
            "{fname}() argument {what} must be str, not {}",
            vm.type_name(v)
        ))
    })
}

fn lookup_error(vm: &Vm, msg: String) -> pyvm_vm::PyErr {
    let ty = vm.types().exc.lookup_error.clone();
    vm.new_exception_msg(&ty, &msg)
}

/// `str.encode(encoding, errors)` / `bytes.decode(encoding, errors)` on `data`.
fn convert(
    vm: &mut Vm,
    data: &Value,
    method: &str,
    encoding: &str,
    errors: Option<&Value>,
) -> PyResult<Value> {
    let enc = vm.new_str(encoding);
    let errs = match errors {
        Some(e) if !e.is_none() => e.clone(),
        _ => vm.new_str("strict"),
    };
    vm.call_method(data, method, &[enc, errs])
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let search = vm.new_list(Vec::new());
    let cache = vm.new_dict();
    let errors = vm.new_dict();
    let reg = Rc::new(Registry {
        search: search.as_obj().map(ObjRef::downgrade).unwrap_or_default(),
        cache: cache.as_obj().map(ObjRef::downgrade).unwrap_or_default(),
        errors: errors.as_obj().map(ObjRef::downgrade).unwrap_or_default(),
    });
    vm.set_module_attr(&m, "_search_functions", search);
    vm.set_module_attr(&m, "_search_cache", cache);
    vm.set_module_attr(&m, "_error_handlers", errors);
    let r = reg.clone();
    add_fn(vm, &m, "register", move |vm, a| {
        let f = super::one(vm, &a, "register")?;
        if !super::functools::is_callable(vm, &f) {
            return Err(vm.new_type_error("argument must be callable"));
        }
        let search = Value::Obj(live(vm, &r.search)?);
        vm.call_method(&search, "append", &[f])?;
        Ok(Value::None)
    });
    let r = reg.clone();
    add_fn(vm, &m, "unregister", move |vm, a| {
        let f = super::one(vm, &a, "unregister")?;
        let search = Value::Obj(live(vm, &r.search)?);
        let kept: Vec<Value> = vm
            .to_vec(&search)?
            .into_iter()
            .filter(|s| !s.is(&f))
            .collect();
        vm.call_method(&search, "clear", &[])?;
        for k in kept {
            vm.call_method(&search, "append", &[k])?;
        }
        let cache = Value::Obj(live(vm, &r.cache)?);
        vm.call_method(&cache, "clear", &[])?;
        Ok(Value::None)
    });
    let r = reg.clone();
    add_fn(vm, &m, "lookup", move |vm, a| {
        let v = super::one(vm, &a, "lookup")?;
        let enc = str_arg(vm, &v, "lookup", "")?;
        let key = normalize(&enc);
        let cache = live(vm, &r.cache)?;
        if let Some(hit) = vm.dict_get_str(&cache, &key) {
            return Ok(hit);
        }
        let funcs = vm.to_vec(&Value::Obj(live(vm, &r.search)?))?;
        let kv = vm.new_str(&key);
        for f in funcs {
            let res = vm.call(&f, std::slice::from_ref(&kv))?;
            if res.is_none() {
                continue;
            }
            if !matches!(vm.len(&res), Ok(n) if n >= 4) {
                return Err(vm.new_type_error("codec search functions must return 4-tuples"));
            }
            vm.dict_set_str(Some(&cache), &key, res.clone());
            return Ok(res);
        }
        Err(lookup_error(vm, format!("unknown encoding: {enc}")))
    });
    for (fname, method) in [("encode", "encode"), ("decode", "decode")] {
        add_fn(vm, &m, fname, move |vm, a| {
            let p = super::bind(vm, &a, fname, &["obj", "encoding", "errors"], 0, 1, 0)?;
            let obj = p[0].clone().unwrap_or(Value::None);
            let enc = match &p[1] {
                Some(e) => str_arg(vm, e, fname, "'encoding'")?,
                None => "utf-8".to_string(),
            };
            convert(vm, &obj, method, &enc, p[2].as_ref())
        });
    }
    for (prefix, encoding) in [
        ("utf_8", "utf-8"),
        ("latin_1", "latin-1"),
        ("ascii", "ascii"),
    ] {
        let ename: &'static str = match prefix {
            "utf_8" => "utf_8_encode",
            "latin_1" => "latin_1_encode",
            _ => "ascii_encode",
        };
        let dname: &'static str = match prefix {
            "utf_8" => "utf_8_decode",
            "latin_1" => "latin_1_decode",
            _ => "ascii_decode",
        };
        add_fn(vm, &m, ename, move |vm, a| {
            let p = super::bind(vm, &a, ename, &["str", "errors"], 2, 1, 0)?;
            let s = p[0].clone().unwrap_or(Value::None);
            str_arg(vm, &s, ename, "1")?;
            let n = vm.len(&s)?;
            let b = convert(vm, &s, "encode", encoding, p[1].as_ref())?;
            Ok(vm.new_tuple(vec![b, Value::Int(i64::try_from(n).unwrap_or(i64::MAX))]))
        });
        add_fn(vm, &m, dname, move |vm, a| {
            let p = super::bind(vm, &a, dname, &["data", "errors", "final"], 3, 1, 0)?;
            let d = p[0].clone().unwrap_or(Value::None);
            let raw = vm.bytes_like(&d)?;
            let n = raw.len();
            let b = vm.new_bytes(raw);
            let s = convert(vm, &b, "decode", encoding, p[1].as_ref())?;
            Ok(vm.new_tuple(vec![s, Value::Int(i64::try_from(n).unwrap_or(i64::MAX))]))
        });
    }
    let r = reg.clone();
    add_fn(vm, &m, "register_error", move |vm, a| {
        let p = super::exact(vm, &a, "register_error", 2)?;
        let n = str_arg(vm, &p[0], "register_error", "1")?;
        if !super::functools::is_callable(vm, &p[1]) {
            return Err(vm.new_type_error("handler must be callable"));
        }
        let errors = live(vm, &r.errors)?;
        vm.dict_set_str(Some(&errors), &n, p[1].clone());
        Ok(Value::None)
    });
    let r = reg;
    add_fn(vm, &m, "lookup_error", move |vm, a| {
        let v = super::one(vm, &a, "lookup_error")?;
        let n = str_arg(vm, &v, "lookup_error", "")?;
        let errors = live(vm, &r.errors)?;
        if let Some(h) = vm.dict_get_str(&errors, &n) {
            return Ok(h);
        }
        Err(lookup_error(
            vm,
            format!("unknown error handler name '{n}'"),
        ))
    });
    Ok(m)
}
