//! `_warnings`: the C half of CPython's warning machinery — `warn`, `warn_explicit`, `filters`,
//! `_defaultaction`, `_onceregistry`, `_filters_mutated` — and the hook behind `Vm::warn`, so
//! warnings the VM and builtins raise go through the same filters. When a `warnings` module has
//! been imported (CPython's own `warnings.py` over this module, or the native fallback in
//! `warnings_py.rs`), its `filters`, `defaultaction`, `onceregistry`, `_showwarnmsg` and
//! `WarningMessage` take precedence, as in CPython.

use super::bind;
use pyvm_vm::{ObjRef, Payload, PyErr, PyResult, Value, Vm, B64};
use std::cell::Cell;
use std::rc::Rc;

/// Bumped by `_filters_mutated()`: a registry recorded under another version is stale.
type Version = Rc<Cell<i64>>;

pub(crate) fn install(vm: &mut Vm) {
    let version: Version = Rc::new(Cell::new(0));
    let v = version.clone();
    vm.register_module_factory("_warnings", move |vm| build(vm, &v));
    let v = version.clone();
    vm.set_warn_hook(Rc::new(move |vm, category, message, stacklevel| {
        let msg = vm.new_str(message);
        let level = i64::try_from(stacklevel).unwrap_or(i64::MAX);
        do_warn(
            vm,
            &v,
            msg,
            Value::Obj(category.clone()),
            level,
            Value::None,
        )
    }));
    super::warnings_py::install(vm);
}

fn build(vm: &mut Vm, v: &Version) -> PyResult<ObjRef> {
    let m = vm.new_module("_warnings");
    let filters = default_filters(vm);
    vm.set_module_attr(&m, "filters", filters);
    let da = vm.new_str("default");
    vm.set_module_attr(&m, "_defaultaction", da);
    let once = vm.new_dict();
    vm.set_module_attr(&m, "_onceregistry", once);
    let ver = v.clone();
    let f = vm.new_frame_function("warn", move |vm, a| {
        let p = bind(
            vm,
            &a,
            "warn",
            &[
                "message",
                "category",
                "stacklevel",
                "source",
                "skip_file_prefixes",
            ],
            0,
            1,
            1,
        )?;
        let message = p[0].clone().unwrap_or_default();
        let category = p[1].clone().unwrap_or(Value::None);
        let level = match &p[2] {
            Some(l) => vm.to_index(l)?,
            None => 1,
        };
        let source = p[3].clone().unwrap_or(Value::None);
        let mut level = level;
        if let Some(skip) = &p[4] {
            if vm.len(skip)? > 0 && level < 2 {
                level = 2;
            }
        }
        let category = get_category(vm, &message, &category)?;
        do_warn(vm, &ver, message, category, level, source)?;
        Ok(Value::None)
    });
    vm.set_module_attr(&m, "warn", f);
    let ver = v.clone();
    super::add_fn(vm, &m, "warn_explicit", move |vm, a| {
        let p = bind(
            vm,
            &a,
            "warn_explicit",
            &[
                "message",
                "category",
                "filename",
                "lineno",
                "module",
                "registry",
                "module_globals",
                "source",
            ],
            0,
            4,
            0,
        )?;
        let arg = |i: usize| p[i].clone().unwrap_or(Value::None);
        let filename = arg(2);
        if filename.as_str().is_none() {
            return Err(vm.new_type_error(&format!(
                "warn_explicit() argument 'filename' must be str, not {}",
                vm.type_name(&filename)
            )));
        }
        let lineno = vm.to_index(&arg(3))?;
        let module = p[4].clone();
        let globals = arg(6);
        if !globals.is_none() && !matches!(globals.payload(), Some(Payload::Dict(_))) {
            return Err(vm.new_type_error(&format!(
                "module_globals must be a dict, not '{}'",
                vm.type_name(&globals)
            )));
        }
        let w = Warning {
            category: arg(1),
            message: arg(0),
            filename,
            lineno,
            module,
            registry: arg(5),
            sourceline: None,
            source: arg(7),
        };
        warn_explicit(vm, &ver, w)?;
        Ok(Value::None)
    });
    let ver = v.clone();
    super::add_fn(vm, &m, "_filters_mutated", move |vm, a| {
        super::none(vm, &a, "_filters_mutated")?;
        ver.set(ver.get().wrapping_add(1));
        Ok(Value::None)
    });
    Ok(m)
}

/// CPython's default filter list (a release build without `-W` / `-X dev`).
fn default_filters(vm: &mut Vm) -> Value {
    let e = &vm.types().exc;
    let cats = [
        e.deprecation_warning.clone(),
        e.pending_deprecation_warning.clone(),
        e.import_warning.clone(),
        e.resource_warning.clone(),
    ];
    let mk = |vm: &mut Vm, action: &str, cat: &ObjRef, module: Option<&str>| {
        let a = vm.new_str(action);
        let m = module.map_or(Value::None, |s| vm.new_str(s));
        vm.new_tuple(vec![
            a,
            Value::None,
            Value::Obj(cat.clone()),
            m,
            Value::Int(0),
        ])
    };
    let items = vec![
        mk(vm, "default", &cats[0], Some("__main__")),
        mk(vm, "ignore", &cats[0], None),
        mk(vm, "ignore", &cats[1], None),
        mk(vm, "ignore", &cats[2], None),
        mk(vm, "ignore", &cats[3], None),
    ];
    vm.new_list(items)
}

/// `warnings.<name>` when a `warnings` module has been imported.
pub(crate) fn warnings_attr(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    let mods = vm.modules_dict().clone();
    let Some(w) = vm.dict_get_str(&mods, "warnings") else {
        return Ok(None);
    };
    let n = vm.new_str(name);
    vm.getattr_opt(&w, &n)
}

/// `_warnings.<name>` (this module's own state).
fn own_attr(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let m = vm.import_module("_warnings")?;
    vm.getattr_str(&m, name)
}

/// The category of a `warn()` call: the class of a `Warning` instance, else `category`
/// (`UserWarning` when `None`), which must be a `Warning` subclass.
fn get_category(vm: &mut Vm, message: &Value, category: &Value) -> PyResult<Value> {
    let warning = vm.types().exc.warning.clone();
    if vm.is_instance(message, &warning) {
        return Ok(Value::Obj(vm.type_of(message)));
    }
    let cat = if category.is_none() {
        Value::Obj(vm.types().exc.user_warning.clone())
    } else {
        category.clone()
    };
    let ok = match vm.as_class(&cat) {
        Some(c) => vm.is_subclass(&c, &warning),
        None => false,
    };
    if !ok {
        return Err(vm.new_type_error(&format!(
            "category must be a Warning subclass, not '{}'",
            vm.type_name(&cat)
        )));
    }
    Ok(cat)
}

/// `warn()`: attributes the warning to the frame `level` levels up, then `warn_explicit`.
pub(crate) fn do_warn(
    vm: &mut Vm,
    ver: &Version,
    message: Value,
    category: Value,
    level: i64,
    source: Value,
) -> PyResult<()> {
    let level = usize::try_from(level.max(1)).unwrap_or(usize::MAX);
    let (globals, filename, lineno) = match vm.warn_frame(level) {
        Some(f) => {
            let name = vm.new_str(&f.code.filename);
            (f.globals, name, f.lineno)
        }
        None => {
            let mods = vm.modules_dict().clone();
            let sys = vm.dict_get_str(&mods, "sys");
            let d = sys.and_then(|s| s.as_obj().and_then(|o| o.dict_obj()));
            let Some(d) = d else {
                return Ok(());
            };
            (d, vm.new_str("sys"), 1)
        }
    };
    let registry = match vm.dict_get_str(&globals, "__warningregistry__") {
        Some(r) => r,
        None => {
            let r = vm.new_dict();
            vm.dict_set_str(Some(&globals), "__warningregistry__", r.clone());
            r
        }
    };
    let module = match vm.dict_get_str(&globals, "__name__") {
        Some(m) if m.is_none() || m.as_str().is_some() => m,
        _ => vm.new_str("<string>"),
    };
    let w = Warning {
        category,
        message,
        filename,
        lineno,
        module: Some(module),
        registry,
        sourceline: None,
        source,
    };
    warn_explicit(vm, ver, w)
}

/// The arguments of CPython's `warn_explicit`.
pub(crate) struct Warning {
    pub category: Value,
    pub message: Value,
    pub filename: Value,
    pub lineno: i64,
    /// `None`: derived from the file name.
    pub module: Option<Value>,
    /// A dict, or `None` for no registry.
    pub registry: Value,
    pub sourceline: Option<Value>,
    pub source: Value,
}

fn is_dict(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Dict(_)))
}

/// Applies the filters to one warning: ignore it, raise it, or show it.
pub(crate) fn warn_explicit(vm: &mut Vm, ver: &Version, w: Warning) -> PyResult<()> {
    let Warning {
        mut category,
        mut message,
        filename,
        lineno,
        module,
        registry,
        sourceline,
        source,
    } = w;
    if matches!(module, Some(Value::None)) {
        return Ok(());
    }
    if !registry.is_none() && !is_dict(&registry) {
        return Err(vm.new_type_error("'registry' must be a dict or None"));
    }
    let module = match module {
        Some(m) => m,
        None => {
            let f = filename.as_str().unwrap_or("");
            if f.is_empty() {
                vm.new_str("<unknown>")
            } else {
                vm.new_str(f.strip_suffix(".py").unwrap_or(f))
            }
        }
    };
    let warning = vm.types().exc.warning.clone();
    let text;
    if vm.is_instance(&message, &warning) {
        text = vm.str(&message)?;
        category = Value::Obj(vm.type_of(&message));
    } else {
        text = message.clone();
        message = vm.call(&category, &[message])?;
    }
    let ln = Value::Int(lineno);
    let key = vm.new_tuple(vec![text.clone(), category.clone(), ln.clone()]);
    if is_dict(&registry) && already_warned(vm, ver, &registry, &key, false)? {
        return Ok(());
    }
    let (action, item) = get_filter(vm, &category, &text, lineno, &module)?;
    let action_s = action.as_str().unwrap_or("").to_string();
    match action_s.as_str() {
        "error" => return Err(raise_warning(vm, &category, message)),
        "ignore" => return Ok(()),
        _ => {}
    }
    let mut already = false;
    if action_s != "always" {
        if is_dict(&registry) {
            vm.setitem(&registry, &key, Value::Bool(B64::TRUE))?;
        }
        match action_s.as_str() {
            "once" => {
                let reg = if is_dict(&registry) {
                    registry.clone()
                } else {
                    once_registry(vm)?
                };
                let k = vm.new_tuple(vec![text.clone(), category.clone()]);
                already = already_warned(vm, ver, &reg, &k, true)?;
            }
            "module" => {
                if is_dict(&registry) {
                    let k = vm.new_tuple(vec![text.clone(), category.clone()]);
                    already = already_warned(vm, ver, &registry, &k, true)?;
                }
            }
            "default" => {}
            _ => {
                let a = vm.repr_string(&action)?;
                let i = vm.repr_string(&item)?;
                return Err(vm.new_runtime_error(&format!(
                    "Unrecognized action ({a}) in warnings.filters:\n {i}"
                )));
            }
        }
    }
    if already {
        return Ok(());
    }
    show(
        vm, &category, &text, &message, &filename, lineno, sourceline, &source,
    )
}

/// `raise message` for the "error" action (the instance when it is an exception).
fn raise_warning(vm: &mut Vm, category: &Value, message: Value) -> PyErr {
    if let Some(o) = message.as_obj() {
        if matches!(o.payload, Payload::Exception(_)) {
            return PyErr(o.clone());
        }
    }
    match vm.as_class(category) {
        Some(c) => vm.new_exception(&c, vec![message]),
        None => vm.new_type_error("exceptions must derive from BaseException"),
    }
}

/// Whether `registry[key]` says the warning was shown under the current filters version;
/// a stale registry is cleared first. With `set`, records it.
fn already_warned(
    vm: &mut Vm,
    ver: &Version,
    registry: &Value,
    key: &Value,
    set: bool,
) -> PyResult<bool> {
    let Some(d) = registry.as_obj().cloned() else {
        return Ok(false);
    };
    let current = matches!(vm.dict_get_str(&d, "version"), Some(Value::Int(v)) if v == ver.get());
    if current {
        if let Some(v) = vm.dict_get_item(&d, key)? {
            if vm.is_true(&v)? {
                return Ok(true);
            }
        }
    } else {
        vm.call_method(registry, "clear", &[])?;
        vm.dict_set_str(Some(&d), "version", Value::Int(ver.get()));
    }
    if set {
        vm.setitem(registry, key, Value::Bool(B64::TRUE))?;
    }
    Ok(false)
}

fn once_registry(vm: &mut Vm) -> PyResult<Value> {
    let r = match warnings_attr(vm, "onceregistry")? {
        Some(r) => r,
        None => own_attr(vm, "_onceregistry")?,
    };
    if !is_dict(&r) {
        return Err(vm.new_type_error(&format!(
            "_warnings.onceregistry must be a dict, not '{}'",
            vm.type_name(&r)
        )));
    }
    Ok(r)
}

/// The action of the first matching filter (and the filter), else the default action.
fn get_filter(
    vm: &mut Vm,
    category: &Value,
    text: &Value,
    lineno: i64,
    module: &Value,
) -> PyResult<(Value, Value)> {
    let filters = match warnings_attr(vm, "filters")? {
        Some(f) => f,
        None => own_attr(vm, "filters")?,
    };
    if !matches!(filters.payload(), Some(Payload::List(_))) {
        return Err(vm.new_value_error("_warnings.filters must be a list"));
    }
    let mut i = 0usize;
    loop {
        // The list may change while filters run Python code (`match`, `__subclasscheck__`).
        let item = match filters.payload() {
            Some(Payload::List(l)) => l.borrow().get(i),
            _ => None,
        };
        let Some(item) = item else { break };
        let parts: Vec<Value> = match item.payload() {
            Some(Payload::Tuple(t)) if t.len() == 5 => t.to_vec(),
            _ => {
                return Err(
                    vm.new_value_error(&format!("_warnings.filters item {i} isn't a 5-tuple"))
                )
            }
        };
        let action = parts[0].clone();
        if action.as_str().is_none() {
            return Err(vm.new_type_error(&format!(
                "action must be a string, not '{}'",
                vm.type_name(&action)
            )));
        }
        let good_msg = matched(vm, &parts[1], text)?;
        let good_mod = matched(vm, &parts[3], module)?;
        let is_sub = vm.issubclass_full(category, &parts[2])?;
        let ln = vm.to_index(&parts[4])?;
        if good_msg && is_sub && good_mod && (ln == 0 || ln == lineno) {
            return Ok((action, item));
        }
        i += 1;
    }
    let action = match warnings_attr(vm, "defaultaction")? {
        Some(a) => a,
        None => own_attr(vm, "_defaultaction")?,
    };
    if action.as_str().is_none() {
        return Err(vm.new_type_error(&format!(
            "_warnings.defaultaction must be a string, not '{}'",
            vm.type_name(&action)
        )));
    }
    Ok((action, Value::None))
}

/// A filter's message / module part: `None` matches all, a plain `str` must be equal, anything
/// else is a compiled pattern whose `match` decides.
fn matched(vm: &mut Vm, pat: &Value, arg: &Value) -> PyResult<bool> {
    if pat.is_none() {
        return Ok(true);
    }
    if let (Some(Payload::Str(_)), true) = (pat.payload(), is_exact_str(vm, pat)) {
        return vm.eq(pat, arg);
    }
    let r = vm.call_method(pat, "match", std::slice::from_ref(arg))?;
    vm.is_true(&r)
}

fn is_exact_str(vm: &Vm, v: &Value) -> bool {
    ObjRef::ptr_eq(&vm.type_of(v), &vm.types().str)
}

/// Shows a warning through `warnings._showwarnmsg` when a `warnings` module is loaded, else
/// prints `file:line: Category: text` and the source line to stderr.
#[allow(clippy::too_many_arguments)]
fn show(
    vm: &mut Vm,
    category: &Value,
    text: &Value,
    message: &Value,
    filename: &Value,
    lineno: i64,
    sourceline: Option<Value>,
    source: &Value,
) -> PyResult<()> {
    if let Some(show_fn) = warnings_attr(vm, "_showwarnmsg")? {
        if !super::functools::is_callable(vm, &show_fn) {
            return Err(vm.new_type_error("warnings._showwarnmsg() must be set to a callable"));
        }
        let Some(cls) = warnings_attr(vm, "WarningMessage")? else {
            return Err(vm.new_runtime_error("unable to get warnings.WarningMessage"));
        };
        let msg = vm.call(
            &cls,
            &[
                message.clone(),
                category.clone(),
                filename.clone(),
                Value::Int(lineno),
                Value::None,
                Value::None,
                source.clone(),
            ],
        )?;
        vm.call(&show_fn, &[msg])?;
        return Ok(());
    }
    // Errors while printing are swallowed, as CPython's show_warning does.
    let name = vm
        .getattr_str(category, "__name__")
        .and_then(|n| vm.str_string(&n))
        .unwrap_or_default();
    let t = vm.str_string(text).unwrap_or_default();
    let f = vm.str_string(filename).unwrap_or_default();
    let mut out = format!("{f}:{lineno}: {name}: {t}\n");
    match sourceline {
        Some(l) => {
            out.push_str(&vm.str_string(&l).unwrap_or_default());
            out.push('\n');
        }
        None => {
            if let Some(line) = vm.source_line(&f, lineno) {
                let line = line.trim_start_matches([' ', '\t', '\x0c']);
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    let _ = vm.write_stderr(&out);
    Ok(())
}
