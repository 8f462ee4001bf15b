//! `collections.namedtuple`: tuple subclasses with named fields, built natively with the same
//! attributes, reprs and error messages as CPython's generated classes.

use super::{alloc_native, native, new_type};
use pyvm_vm::kernels::errors::{missing_arguments, plural};
use pyvm_vm::object::{NativeFunctionData, NativeKind};
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm};
use std::rc::Rc;

/// A field accessor (`collections._tuplegetter`).
struct TupleGetter {
    index: usize,
    doc: std::cell::RefCell<Value>,
}

const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    chars.all(|c| c == '_' || c.is_alphanumeric())
}

/// The description of one namedtuple class, shared by its methods.
struct Spec {
    fields: Vec<Rc<str>>,
    defaults: Vec<Value>,
    typename: Rc<str>,
}

/// Binds `__new__(_cls, f1, f2, …)` arguments like the generated Python function does.
fn bind_fields(
    vm: &Vm,
    spec: &Spec,
    pos: &[Value],
    kw: &[(Rc<str>, Value)],
) -> PyResult<Vec<Value>> {
    let n = spec.fields.len();
    let nd = spec.defaults.len();
    let qual = format!("{}.__new__", spec.typename);
    if pos.len() > n {
        let takes = if nd == 0 {
            format!("{} positional argument{}", n + 1, plural(n + 1))
        } else {
            format!("from {} to {} positional arguments", n - nd + 1, n + 1)
        };
        let given = pos.len() + 1;
        let verb = if given == 1 { "was" } else { "were" };
        return Err(vm.new_type_error(&format!("{qual}() takes {takes} but {given} {verb} given")));
    }
    let mut out: Vec<Option<Value>> = vec![None; n];
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in kw {
        match spec.fields.iter().position(|f| **f == **k) {
            Some(i) => {
                if out[i].is_some() {
                    return Err(vm.new_type_error(&format!(
                        "{qual}() got multiple values for argument '{k}'"
                    )));
                }
                out[i] = Some(v.clone());
            }
            None => {
                return Err(vm.new_type_error(&format!(
                    "{qual}() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    let first_default = n - nd;
    let missing: Vec<&str> = (0..first_default)
        .filter(|&i| out[i].is_none())
        .map(|i| &*spec.fields[i])
        .collect();
    if !missing.is_empty() {
        return Err(vm.new_type_error(&missing_arguments(&qual, "positional", &missing)));
    }
    Ok(out
        .into_iter()
        .enumerate()
        .map(|(i, v)| v.unwrap_or_else(|| spec.defaults[i - first_default].clone()))
        .collect())
}

fn alloc_tuple(vm: &Vm, cls: &ObjRef, base: &ObjRef, items: Vec<Value>) -> Value {
    let payload = Payload::Tuple(items.into());
    if ObjRef::ptr_eq(cls, base) {
        Value::Obj(vm.alloc(cls, payload))
    } else {
        Value::Obj(vm.alloc_with_dict(cls, payload))
    }
}

fn tuple_items(vm: &Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v.payload() {
        Some(Payload::Tuple(t)) => Ok(t.to_vec()),
        _ => Err(vm.new_type_error(&format!("expected a tuple, got '{}'", vm.type_name(v)))),
    }
}

fn tuplegetter_cls(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.import_module("_collections")?;
    let c = vm.getattr_str(&m, "_tuplegetter")?;
    vm.as_class(&c)
        .ok_or_else(|| vm.new_system_error("_tuplegetter missing"))
}

/// `Point.__new__`: a callable with an attribute dict (`typing.NamedTuple` sets its
/// `__annotations__`), stored as a staticmethod like the function CPython generates.
fn install_new(vm: &mut Vm, cls: &ObjRef, spec: &Rc<Spec>) -> PyResult<()> {
    let fcls = new_type(vm, &module_of(cls), "__new__", &[])?;
    let (s, base) = (spec.clone(), cls.clone());
    super::add_method(vm, &fcls, "__call__", move |vm, a| {
        let rest = a.pos.get(1..).unwrap_or(&[]);
        let c = rest
            .first()
            .and_then(|c| vm.as_class(c))
            .ok_or_else(|| vm.new_type_error("__new__() missing required argument: '_cls'"))?;
        let items = bind_fields(vm, &s, rest.get(1..).unwrap_or(&[]), a.kw)?;
        Ok(alloc_tuple(vm, &c, &base, items))
    });
    let f = Value::Obj(vm.alloc_with_dict(&fcls, Payload::instance()));
    if let Some(o) = f.as_obj() {
        let doc = vm.new_string(format!(
            "Create new instance of {}({})",
            spec.typename,
            spec.fields.join(", ")
        ));
        vm.set_module_attr(o, "__doc__", doc);
    }
    let sm = vm.alloc(&vm.types().staticmethod.clone(), Payload::StaticMethod(f));
    vm.type_set_attr(cls, "__new__", Value::Obj(sm));
    Ok(())
}

fn module_of(cls: &ObjRef) -> String {
    cls.as_type()
        .and_then(|t| t.module.borrow().as_deref().map(str::to_string))
        .unwrap_or_default()
}

/// Creates the namedtuple class `typename` (fields already validated).
pub(crate) fn make_class(
    vm: &mut Vm,
    typename: &str,
    fields: Vec<Rc<str>>,
    defaults: Vec<Value>,
    module: &str,
) -> PyResult<ObjRef> {
    let tuple = vm.types().tuple.clone();
    let cls = new_type(vm, module, typename, &[tuple])?;
    let spec = Rc::new(Spec {
        fields: fields.clone(),
        defaults: defaults.clone(),
        typename: Rc::from(typename),
    });
    let (s, base) = (spec.clone(), cls.clone());
    vm.set_constructor(&cls, move |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        let items = bind_fields(vm, &s, a.pos.get(1..).unwrap_or(&[]), a.kw)?;
        Ok(alloc_tuple(vm, &c, &base, items))
    });
    install_new(vm, &cls, &spec)?;
    let (s, base) = (spec.clone(), cls.clone());
    super::add_classmethod(vm, &cls, "_make", move |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        let it = super::one(
            vm,
            &Args {
                pos: a.pos.get(1..).unwrap_or(&[]),
                kw: a.kw,
            },
            "_make",
        )?;
        let items = vm.to_vec(&it)?;
        if items.len() != s.fields.len() {
            return Err(vm.new_type_error(&format!(
                "Expected {} arguments, got {}",
                s.fields.len(),
                items.len()
            )));
        }
        Ok(alloc_tuple(vm, &c, &base, items))
    });
    let (s, base) = (spec.clone(), cls.clone());
    super::add_method(vm, &cls, "_replace", move |vm, a| {
        let this = a.pos.first().cloned().unwrap_or_default();
        let mut items = tuple_items(vm, &this)?;
        let mut extra = Vec::new();
        for (k, v) in a.kw {
            match s.fields.iter().position(|f| **f == **k) {
                Some(i) if i < items.len() => items[i] = v.clone(),
                _ => extra.push(vm.new_str(k)),
            }
        }
        if !extra.is_empty() {
            let l = vm.new_list(extra);
            let r = vm.repr_string(&l)?;
            return Err(vm.new_value_error(&format!("Got unexpected field names: {r}")));
        }
        let c = vm.type_of(&this);
        Ok(alloc_tuple(vm, &c, &base, items))
    });
    let s = spec.clone();
    super::add_method(vm, &cls, "__repr__", move |vm, a| {
        let this = a.pos.first().cloned().unwrap_or_default();
        let items = tuple_items(vm, &this)?;
        let mut parts = Vec::with_capacity(items.len());
        for (f, v) in s.fields.iter().zip(items.iter()) {
            let r = vm.repr_string(v)?;
            parts.push(format!("{f}={r}"));
        }
        let n = vm.type_name(&this);
        Ok(vm.new_string(format!("{n}({})", parts.join(", "))))
    });
    let s = spec.clone();
    super::add_method(vm, &cls, "_asdict", move |vm, a| {
        let this = a.pos.first().cloned().unwrap_or_default();
        let items = tuple_items(vm, &this)?;
        let d = vm.new_dict_obj();
        for (f, v) in s.fields.iter().zip(items) {
            let k = vm.new_str(f);
            vm.dict_set_item(&d, k, v)?;
        }
        Ok(Value::Obj(d))
    });
    super::add_method(vm, &cls, "__getnewargs__", |vm, a| {
        let this = a.pos.first().cloned().unwrap_or_default();
        let items = tuple_items(vm, &this)?;
        Ok(vm.new_tuple(items))
    });
    let names: Vec<Value> = fields.iter().map(|f| vm.new_str(f)).collect();
    let fields_t = vm.new_tuple(names);
    vm.type_set_attr(&cls, "_fields", fields_t.clone());
    vm.type_set_attr(&cls, "__match_args__", fields_t);
    let fd = vm.new_dict_obj();
    let first_default = fields.len() - defaults.len();
    for (f, v) in fields.iter().skip(first_default).zip(defaults.iter()) {
        let k = vm.new_str(f);
        vm.dict_set_item(&fd, k, v.clone())?;
    }
    vm.type_set_attr(&cls, "_field_defaults", Value::Obj(fd));
    let empty = vm.new_tuple(vec![]);
    vm.type_set_attr(&cls, "__slots__", empty);
    let doc = vm.new_string(format!("{typename}({})", fields.join(", ")));
    vm.type_set_attr(&cls, "__doc__", doc);
    let tg = tuplegetter_cls(vm)?;
    for (i, f) in fields.iter().enumerate() {
        let doc = vm.new_string(format!("Alias for field number {i}"));
        let g = alloc_native(
            vm,
            &tg,
            &tg,
            TupleGetter {
                index: i,
                doc: doc.into(),
            },
        );
        vm.type_set_attr(&cls, f, g);
    }
    Ok(cls)
}

/// `namedtuple(typename, field_names, *, rename=False, defaults=None, module=None)`.
fn namedtuple(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    if a.pos.len() > 2 {
        return Err(vm.new_type_error(&format!(
            "namedtuple() takes 2 positional arguments but {} were given",
            a.pos.len()
        )));
    }
    let p = super::bind(
        vm,
        a,
        "namedtuple",
        &["typename", "field_names", "rename", "defaults", "module"],
        0,
        2,
        3,
    )?;
    let typename_v = p[0].clone().unwrap_or_default();
    let typename = vm.str_string(&typename_v)?;
    let fnames = p[1].clone().unwrap_or_default();
    let mut fields: Vec<String> = match fnames.as_str() {
        Some(s) => s
            .replace(',', " ")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        None => {
            let mut out = Vec::new();
            for v in vm.to_vec(&fnames)? {
                out.push(vm.str_string(&v)?);
            }
            out
        }
    };
    let rename = crate::args::flag(vm, p[2].as_ref(), false)?;
    if rename {
        let mut seen: Vec<String> = Vec::new();
        for (i, f) in fields.iter_mut().enumerate() {
            if !is_identifier(f)
                || KEYWORDS.contains(&f.as_str())
                || f.starts_with('_')
                || seen.contains(f)
            {
                *f = format!("_{i}");
            }
            seen.push(f.clone());
        }
    }
    for name in std::iter::once(&typename).chain(fields.iter()) {
        if !is_identifier(name) {
            return Err(vm.new_value_error(&format!(
                "Type names and field names must be valid identifiers: '{name}'"
            )));
        }
        if KEYWORDS.contains(&name.as_str()) {
            return Err(vm.new_value_error(&format!(
                "Type names and field names cannot be a keyword: '{name}'"
            )));
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for f in &fields {
        if f.starts_with('_') && !rename {
            return Err(vm.new_value_error(&format!(
                "Field names cannot start with an underscore: '{f}'"
            )));
        }
        if seen.contains(&f.as_str()) {
            return Err(vm.new_value_error(&format!("Encountered duplicate field name: '{f}'")));
        }
        seen.push(f);
    }
    let defaults = match &p[3] {
        Some(d) if !d.is_none() => vm.to_vec(d)?,
        _ => Vec::new(),
    };
    if defaults.len() > fields.len() {
        return Err(vm.new_type_error("Got more default values than field names"));
    }
    let module = match &p[4] {
        Some(m) if !m.is_none() => vm.str_string(m)?,
        _ => vm
            .caller_globals()
            .and_then(|g| vm.dict_get_str(&g, "__name__"))
            .and_then(|n| n.as_str().map(str::to_string))
            .unwrap_or_else(|| "__main__".to_string()),
    };
    let fields: Vec<Rc<str>> = fields.into_iter().map(Rc::from).collect();
    let cls = make_class(vm, &typename, fields, defaults, &module)?;
    Ok(Value::Obj(cls))
}

fn getter_get(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or_default();
    let obj = a.pos.get(1).cloned().unwrap_or(Value::None);
    if obj.is_none() {
        return Ok(this);
    }
    let Some(g) = native::<TupleGetter>(&this) else {
        return Ok(this);
    };
    match obj.payload() {
        Some(Payload::Tuple(t)) => t
            .get(g.index)
            .cloned()
            .ok_or_else(|| vm.new_index_error("tuple index out of range")),
        _ => Err(vm.new_type_error(&format!(
            "descriptor for index '{}' for tuple subclasses doesn't apply to '{}' object",
            g.index,
            vm.type_name(&obj)
        ))),
    }
}

/// Adds `namedtuple` and `_tuplegetter` to the collections module `m`.
pub(crate) fn install(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let tg = new_type(vm, "collections", "_tuplegetter", &[])?;
    super::add_method(vm, &tg, "__get__", |vm, a| getter_get(vm, &a));
    super::add_method(vm, &tg, "__set__", |vm, a| {
        let _ = a;
        Err(vm.new_attribute_error("can't set attribute"))
    });
    super::add_method(vm, &tg, "__delete__", |vm, _a| {
        Err(vm.new_attribute_error("can't delete attribute"))
    });
    super::add_method(vm, &tg, "__repr__", |vm, a| {
        let this = a.pos.first().cloned().unwrap_or_default();
        let Some(g) = native::<TupleGetter>(&this) else {
            return Ok(vm.new_str("_tuplegetter"));
        };
        let (i, doc) = (g.index, g.doc.borrow().clone());
        let d = vm.repr_string(&doc)?;
        Ok(vm.new_string(format!("_tuplegetter({i}, {d})")))
    });
    let doc_get = vm.new_native_function("__doc__", |_vm, a| {
        let this = a.pos.first().cloned().unwrap_or_default();
        Ok(native::<TupleGetter>(&this).map_or(Value::None, |g| g.doc.borrow().clone()))
    });
    // `__doc__` is writable, as CPython's member (`dis` sets it on namedtuple fields).
    let doc_set = vm.new_native_function("__doc__", |_vm, a| {
        if let (Some(g), Some(v)) = (a.pos.first().and_then(native::<TupleGetter>), a.pos.get(1)) {
            *g.doc.borrow_mut() = v.clone();
        }
        Ok(Value::None)
    });
    let prop = vm.alloc(
        &vm.types().property.clone(),
        Payload::Property(Box::new(pyvm_vm::object::PropertyData {
            fget: doc_get,
            fset: doc_set,
            fdel: Value::None,
            doc: Value::None,
        })),
    );
    vm.type_set_attr(&tg, "__doc__", Value::Obj(prop));
    vm.set_module_attr(m, "_tuplegetter", Value::Obj(tg));
    let f = Value::Obj(vm.alloc(
        &vm.types().builtin_function.clone(),
        Payload::NativeFunction(Box::new(NativeFunctionData {
            name: Rc::from("namedtuple"),
            func: Rc::new(|vm: &mut Vm, a: Args<'_>| namedtuple(vm, &a)),
            kind: NativeKind::Function,
            owner: None,
            bound: None,
            module: Some(Rc::from("collections")),
            needs_frame: true,
        })),
    ));
    vm.set_module_attr(m, "namedtuple", f);
    Ok(())
}
