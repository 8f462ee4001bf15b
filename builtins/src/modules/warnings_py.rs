//! A native `warnings` for when no standard library is on the path (a fallback: CPython's own
//! `warnings.py`, which runs over `_warnings`, wins when present). It shares `_warnings`'s
//! `filters`, `warn` and `warn_explicit`, and adds what `warnings.py` defines: `simplefilter`,
//! `filterwarnings`, `resetwarnings`, `showwarning`, `formatwarning`, `WarningMessage` and
//! `catch_warnings`, with the same module-level hooks (`_showwarnmsg_impl`, `showwarning`,
//! `filters`, …) that `catch_warnings` swaps.

use super::{add_method, bind, new_type};
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm, B64};
use std::cell::{Cell, RefCell};

pub(crate) fn install(vm: &mut Vm) {
    vm.register_module_factory("warnings", build);
    vm.mark_fallback_module("warnings");
}

const ACTIONS: [&str; 6] = ["error", "ignore", "always", "default", "module", "once"];

/// The `warnings` module as imported (this one, unless a program replaced it).
fn wmod(vm: &mut Vm) -> PyResult<Value> {
    let mods = vm.modules_dict().clone();
    match vm.dict_get_str(&mods, "warnings") {
        Some(m) => Ok(m),
        None => vm.import_module("warnings"),
    }
}

fn attr(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let m = wmod(vm)?;
    vm.getattr_str(&m, name)
}

fn assertion(vm: &Vm, msg: &str) -> pyvm_vm::PyErr {
    let t = vm.types().exc.assertion_error.clone();
    vm.new_exception_msg(&t, msg)
}

fn build(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("warnings");
    let c = vm.import_module("_warnings")?;
    for (name, alias) in [
        ("filters", "filters"),
        ("_defaultaction", "_defaultaction"),
        ("_defaultaction", "defaultaction"),
        ("_onceregistry", "_onceregistry"),
        ("_onceregistry", "onceregistry"),
        ("warn", "warn"),
        ("warn_explicit", "warn_explicit"),
        ("_filters_mutated", "_filters_mutated"),
    ] {
        let v = vm.getattr_str(&c, name)?;
        vm.set_module_attr(&m, alias, v);
    }
    let wm = warning_message_class(vm)?;
    vm.set_module_attr(&m, "WarningMessage", Value::Obj(wm));
    let cw = catch_warnings_class(vm)?;
    vm.set_module_attr(&m, "catch_warnings", Value::Obj(cw));

    super::add_fn(vm, &m, "showwarning", |vm, a| {
        let p = bind(
            vm,
            &a,
            "showwarning",
            &["message", "category", "filename", "lineno", "file", "line"],
            0,
            4,
            0,
        )?;
        let args: Vec<Value> = p.iter().map(|v| v.clone().unwrap_or(Value::None)).collect();
        let cls = attr(vm, "WarningMessage")?;
        let msg = vm.call(&cls, &args)?;
        let imp = attr(vm, "_showwarnmsg_impl")?;
        vm.call(&imp, &[msg])?;
        Ok(Value::None)
    });
    super::add_fn(vm, &m, "formatwarning", |vm, a| {
        let p = bind(
            vm,
            &a,
            "formatwarning",
            &["message", "category", "filename", "lineno", "line"],
            0,
            4,
            0,
        )?;
        let g = |i: usize| p[i].clone().unwrap_or(Value::None);
        let cls = attr(vm, "WarningMessage")?;
        let msg = vm.call(&cls, &[g(0), g(1), g(2), g(3), Value::None, g(4)])?;
        let s = format_impl(vm, &msg)?;
        Ok(vm.new_string(s))
    });
    super::add_fn(vm, &m, "_formatwarnmsg_impl", |vm, a| {
        let msg = super::one(vm, &a, "_formatwarnmsg_impl")?;
        let s = format_impl(vm, &msg)?;
        Ok(vm.new_string(s))
    });
    super::add_fn(vm, &m, "_showwarnmsg_impl", |vm, a| {
        let msg = super::one(vm, &a, "_showwarnmsg_impl")?;
        let text = format_msg(vm, &msg)?;
        let file = vm.getattr_str(&msg, "file")?;
        if file.is_none() {
            let _ = vm.write_stderr(&text);
        } else {
            let t = vm.new_string(text);
            vm.call_method(&file, "write", &[t])?;
        }
        Ok(Value::None)
    });
    super::add_fn(vm, &m, "_showwarnmsg", |vm, a| {
        let msg = super::one(vm, &a, "_showwarnmsg")?;
        let sw = attr(vm, "showwarning")?;
        let orig = attr(vm, "_showwarning_orig")?;
        if !sw.is(&orig) {
            if !super::functools::is_callable(vm, &sw) {
                return Err(
                    vm.new_type_error("warnings.showwarning() must be set to a function or method")
                );
            }
            let mut args = Vec::new();
            for n in ["message", "category", "filename", "lineno", "file", "line"] {
                args.push(vm.getattr_str(&msg, n)?);
            }
            vm.call(&sw, &args)?;
            return Ok(Value::None);
        }
        let imp = attr(vm, "_showwarnmsg_impl")?;
        vm.call(&imp, &[msg])?;
        Ok(Value::None)
    });
    for (orig, name) in [
        ("_showwarning_orig", "showwarning"),
        ("_formatwarning_orig", "formatwarning"),
    ] {
        let v = vm.getattr_str(&Value::Obj(m.clone()), name)?;
        vm.set_module_attr(&m, orig, v);
    }
    super::add_fn(vm, &m, "filterwarnings", |vm, a| {
        let p = bind(
            vm,
            &a,
            "filterwarnings",
            &[
                "action", "message", "category", "module", "lineno", "append",
            ],
            0,
            1,
            0,
        )?;
        let action = p[0].clone().unwrap_or(Value::None);
        let message = match &p[1] {
            Some(v) => v.clone(),
            None => vm.new_str(""),
        };
        let category = p[2]
            .clone()
            .unwrap_or_else(|| Value::Obj(vm.types().exc.warning.clone()));
        let module = match &p[3] {
            Some(v) => v.clone(),
            None => vm.new_str(""),
        };
        let lineno = p[4].clone().unwrap_or(Value::Int(0));
        let append = match &p[5] {
            Some(v) => vm.is_true(v)?,
            None => false,
        };
        check_action(vm, &action)?;
        if message.as_str().is_none() {
            return Err(assertion(vm, "message must be a string"));
        }
        check_category(vm, &category)?;
        if module.as_str().is_none() {
            return Err(assertion(vm, "module must be a string"));
        }
        check_lineno(vm, &lineno)?;
        let msg_pat = match message.as_str() {
            Some("") | None => Value::None,
            Some(s) => compile(vm, s, true)?,
        };
        let mod_pat = match module.as_str() {
            Some("") | None => Value::None,
            Some(s) => compile(vm, s, false)?,
        };
        add_filter(vm, vec![action, msg_pat, category, mod_pat, lineno], append)?;
        Ok(Value::None)
    });
    super::add_fn(vm, &m, "simplefilter", |vm, a| {
        let p = bind(
            vm,
            &a,
            "simplefilter",
            &["action", "category", "lineno", "append"],
            0,
            1,
            0,
        )?;
        let action = p[0].clone().unwrap_or(Value::None);
        let category = p[1]
            .clone()
            .unwrap_or_else(|| Value::Obj(vm.types().exc.warning.clone()));
        let lineno = p[2].clone().unwrap_or(Value::Int(0));
        let append = match &p[3] {
            Some(v) => vm.is_true(v)?,
            None => false,
        };
        check_action(vm, &action)?;
        check_lineno(vm, &lineno)?;
        add_filter(
            vm,
            vec![action, Value::None, category, Value::None, lineno],
            append,
        )?;
        Ok(Value::None)
    });
    super::add_fn(vm, &m, "resetwarnings", |vm, a| {
        super::none(vm, &a, "resetwarnings")?;
        let f = attr(vm, "filters")?;
        vm.call_method(&f, "clear", &[])?;
        let fm = attr(vm, "_filters_mutated")?;
        vm.call(&fm, &[])?;
        Ok(Value::None)
    });
    Ok(m)
}

fn check_action(vm: &mut Vm, action: &Value) -> PyResult<()> {
    if action.as_str().is_some_and(|s| ACTIONS.contains(&s)) {
        return Ok(());
    }
    let r = vm.repr_string(action)?;
    Err(assertion(vm, &format!("invalid action: {r}")))
}

fn check_category(vm: &mut Vm, category: &Value) -> PyResult<()> {
    let Some(c) = vm.as_class(category) else {
        return Err(assertion(vm, "category must be a class"));
    };
    let w = vm.types().exc.warning.clone();
    if !vm.is_subclass(&c, &w) {
        return Err(assertion(vm, "category must be a Warning subclass"));
    }
    Ok(())
}

fn check_lineno(vm: &mut Vm, lineno: &Value) -> PyResult<()> {
    let ok = matches!(lineno, Value::Int(n) if *n >= 0) || matches!(lineno, Value::Bool(_));
    if ok {
        Ok(())
    } else {
        Err(assertion(vm, "lineno must be an int >= 0"))
    }
}

/// `re.compile(pattern[, re.I])`, or, without `re`, a pattern object matching the literal text
/// as a prefix (what `re.match` does for patterns without metacharacters).
fn compile(vm: &mut Vm, pattern: &str, ignore_case: bool) -> PyResult<Value> {
    let p = vm.new_str(pattern);
    match vm.import_module("re") {
        Ok(re) => {
            if ignore_case {
                let flag = vm.getattr_str(&re, "I")?;
                vm.call_method(&re, "compile", &[p, flag])
            } else {
                vm.call_method(&re, "compile", &[p])
            }
        }
        Err(_) => literal_pattern(vm, pattern, ignore_case),
    }
}

struct LiteralPattern {
    text: String,
    ignore_case: bool,
}

fn literal_pattern(vm: &mut Vm, pattern: &str, ignore_case: bool) -> PyResult<Value> {
    let cls = new_type(vm, "warnings", "_LiteralPattern", &[])?;
    add_method(vm, &cls, "match", |vm, a| {
        let p = super::this::<LiteralPattern>(vm, &a, "_LiteralPattern", "match")?;
        let s = a.pos.get(1).and_then(Value::as_str).unwrap_or("");
        let hit = if p.ignore_case {
            s.to_lowercase().starts_with(&p.text.to_lowercase())
        } else {
            s.starts_with(&p.text)
        };
        Ok(Value::bool(hit))
    });
    let st = LiteralPattern {
        text: pattern.to_string(),
        ignore_case,
    };
    Ok(Value::Obj(vm.alloc(&cls, Payload::Native(Box::new(st)))))
}

/// `_add_filter`: at the front (an equal filter moves there) or, with `append`, at the end
/// unless already present; then `_filters_mutated()`.
fn add_filter(vm: &mut Vm, item: Vec<Value>, append: bool) -> PyResult<()> {
    let item = vm.new_tuple(item);
    let filters = attr(vm, "filters")?;
    if append {
        if !vm.contains(&filters, &item)? {
            vm.call_method(&filters, "append", &[item])?;
        }
    } else {
        if vm.contains(&filters, &item)? {
            vm.call_method(&filters, "remove", std::slice::from_ref(&item))?;
        }
        vm.call_method(&filters, "insert", &[Value::Int(0), item])?;
    }
    let fm = attr(vm, "_filters_mutated")?;
    vm.call(&fm, &[])?;
    Ok(())
}

/// `_formatwarnmsg`: a replaced `formatwarning` wins over the built-in format.
fn format_msg(vm: &mut Vm, msg: &Value) -> PyResult<String> {
    let fw = attr(vm, "formatwarning")?;
    let orig = attr(vm, "_formatwarning_orig")?;
    if !fw.is(&orig) {
        let mut args = Vec::new();
        for n in ["message", "category", "filename", "lineno", "line"] {
            args.push(vm.getattr_str(msg, n)?);
        }
        let r = vm.call(&fw, &args)?;
        return vm.str_string(&r);
    }
    format_impl(vm, msg)
}

/// `file:line: Category: message` plus the stripped source line.
fn format_impl(vm: &mut Vm, msg: &Value) -> PyResult<String> {
    let category = vm.getattr_str(msg, "category")?;
    let name = vm.getattr_str(&category, "__name__")?;
    let name = vm.str_string(&name)?;
    let filename = vm.getattr_str(msg, "filename")?;
    let f = vm.str_string(&filename)?;
    let lineno = vm.getattr_str(msg, "lineno")?;
    let l = vm.str_string(&lineno)?;
    let message = vm.getattr_str(msg, "message")?;
    let text = vm.str_string(&message)?;
    let mut s = format!("{f}:{l}: {name}: {text}\n");
    let line = vm.getattr_str(msg, "line")?;
    let line = if line.is_none() {
        match (filename.as_str(), lineno) {
            (Some(f), Value::Int(n)) => vm.source_line(f, n),
            _ => None,
        }
    } else {
        Some(vm.str_string(&line)?)
    };
    if let Some(line) = line {
        let t = line.trim();
        if !t.is_empty() {
            s.push_str("  ");
            s.push_str(t);
            s.push('\n');
        }
    }
    Ok(s)
}

const MSG_FIELDS: [&str; 7] = [
    "message", "category", "filename", "lineno", "file", "line", "source",
];

fn warning_message_class(vm: &mut Vm) -> PyResult<ObjRef> {
    let cls = new_type(vm, "warnings", "WarningMessage", &[])?;
    vm.set_constructor(&cls, |vm, a| {
        let cls = super::ctor_cls(vm, &a)?;
        let rest = Args {
            pos: &a.pos[1..],
            kw: a.kw,
        };
        let p = bind(vm, &rest, "WarningMessage", &MSG_FIELDS, 0, 4, 0)?;
        let o = vm.alloc_with_dict(&cls, Payload::instance());
        let d = vm.instance_dict(&o);
        for (i, n) in MSG_FIELDS.iter().enumerate() {
            vm.dict_set_str(d.as_ref(), n, p[i].clone().unwrap_or(Value::None));
        }
        let cat = p[1].clone().unwrap_or(Value::None);
        let cname = if vm.is_true(&cat)? {
            vm.getattr_str(&cat, "__name__")?
        } else {
            Value::None
        };
        vm.dict_set_str(d.as_ref(), "_category_name", cname);
        Ok(Value::Obj(o))
    });
    add_method(vm, &cls, "__str__", |vm, a| {
        let me = a.pos[0].clone();
        let mut parts = Vec::new();
        for n in ["message", "category", "filename", "lineno", "line"] {
            let v = vm.getattr_str(&me, n)?;
            let s = if n == "lineno" || n == "category" {
                if n == "category" {
                    let c = vm.getattr_str(&me, "_category_name")?;
                    vm.repr_string(&c)?
                } else {
                    vm.str_string(&v)?
                }
            } else {
                vm.repr_string(&v)?
            };
            parts.push(format!("{n} : {s}"));
        }
        Ok(vm.new_string(format!("{{{}}}", parts.join(", "))))
    });
    Ok(cls)
}

/// The state of a `catch_warnings` context manager.
struct CatchWarnings {
    record: bool,
    module: Value,
    filter: Option<[Value; 4]>,
    /// The module's `filters`, `showwarning` and `_showwarnmsg_impl` while entered.
    saved: RefCell<Option<[Value; 3]>>,
    entered: Cell<bool>,
}

fn catch_warnings_class(vm: &mut Vm) -> PyResult<ObjRef> {
    let cls = new_type(vm, "warnings", "catch_warnings", &[])?;
    let base = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let cls = super::ctor_cls(vm, &a)?;
        if a.pos.len() > 1 {
            return Err(vm.new_type_error(&format!(
                "catch_warnings.__init__() takes 1 positional argument but {} were given",
                a.pos.len()
            )));
        }
        let rest = Args { pos: &[], kw: a.kw };
        let names = ["record", "module", "action", "category", "lineno", "append"];
        let p = bind(vm, &rest, "catch_warnings", &names, 0, 0, 6)?;
        let record = match &p[0] {
            Some(v) => vm.is_true(v)?,
            None => false,
        };
        let module = match p[1].clone().filter(|v| !v.is_none()) {
            Some(m) => m,
            None => wmod(vm)?,
        };
        let warning = Value::Obj(vm.types().exc.warning.clone());
        let filter = p[2].clone().filter(|v| !v.is_none()).map(|action| {
            [
                action,
                p[3].clone().unwrap_or(warning),
                p[4].clone().unwrap_or(Value::Int(0)),
                p[5].clone().unwrap_or(Value::Bool(B64::FALSE)),
            ]
        });
        let st = CatchWarnings {
            record,
            module,
            filter,
            saved: RefCell::new(None),
            entered: Cell::new(false),
        };
        Ok(super::alloc_native(vm, &cls, &base, st))
    });
    add_method(vm, &cls, "__repr__", |vm, a| {
        let st = super::this::<CatchWarnings>(vm, &a, "catch_warnings", "__repr__")?;
        let mut args = Vec::new();
        if st.record {
            args.push("record=True".to_string());
        }
        let cur = wmod(vm)?;
        let module = st.module.clone();
        if !module.is(&cur) {
            args.push(format!("module={}", vm.repr_string(&module)?));
        }
        let name = vm.type_name(&a.pos[0]);
        Ok(vm.new_string(format!("{name}({})", args.join(", "))))
    });
    add_method(vm, &cls, "__enter__", |vm, a| {
        let me = a.pos[0].clone();
        let st = super::this::<CatchWarnings>(vm, &a, "catch_warnings", "__enter__")?;
        if st.entered.get() {
            let r = vm.repr_string(&me)?;
            return Err(vm.new_runtime_error(&format!("Cannot enter {r} twice")));
        }
        st.entered.set(true);
        let m = st.module.clone();
        let filters = vm.getattr_str(&m, "filters")?;
        let copy = vm.to_vec(&filters)?;
        let copy = vm.new_list(copy);
        set_on(vm, &m, "filters", copy)?;
        let fm = vm.getattr_str(&m, "_filters_mutated")?;
        vm.call(&fm, &[])?;
        let sw = vm.getattr_str(&m, "showwarning")?;
        let imp = vm.getattr_str(&m, "_showwarnmsg_impl")?;
        *st.saved.borrow_mut() = Some([filters, sw, imp]);
        if let Some([action, category, lineno, append]) = st.filter.clone() {
            let sf = vm.getattr_str(&m, "simplefilter")?;
            vm.call(&sf, &[action, category, lineno, append])?;
        }
        if st.record {
            let log = vm.new_list(Vec::new());
            let append = vm.getattr_str(&log, "append")?;
            set_on(vm, &m, "_showwarnmsg_impl", append)?;
            let orig = vm.getattr_str(&m, "_showwarning_orig")?;
            set_on(vm, &m, "showwarning", orig)?;
            return Ok(log);
        }
        Ok(Value::None)
    });
    add_method(vm, &cls, "__exit__", |vm, a| {
        let me = a.pos[0].clone();
        let st = super::this::<CatchWarnings>(vm, &a, "catch_warnings", "__exit__")?;
        if !st.entered.get() {
            let r = vm.repr_string(&me)?;
            return Err(vm.new_runtime_error(&format!("Cannot exit {r} without entering first")));
        }
        let m = st.module.clone();
        let saved = st.saved.borrow_mut().take();
        if let Some([filters, sw, imp]) = saved {
            set_on(vm, &m, "filters", filters)?;
            let fm = vm.getattr_str(&m, "_filters_mutated")?;
            vm.call(&fm, &[])?;
            set_on(vm, &m, "showwarning", sw)?;
            set_on(vm, &m, "_showwarnmsg_impl", imp)?;
        }
        Ok(Value::None)
    });
    Ok(cls)
}

fn set_on(vm: &mut Vm, m: &Value, name: &str, v: Value) -> PyResult<()> {
    let n = vm.new_str(name);
    vm.setattr(m, &n, v)
}
