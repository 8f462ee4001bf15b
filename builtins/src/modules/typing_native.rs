//! `_typing`: the C half of CPython 3.12's `typing` — `TypeVar`, `ParamSpec`, `TypeVarTuple`,
//! `ParamSpecArgs`, `ParamSpecKwargs`, `TypeAliasType`, `Generic` and `_idfunc`. As in CPython,
//! the interesting behaviour is delegated back to `typing.py` (`_type_check`, `_make_union`,
//! `_typevar_subst`, `_paramspec_subst`, `_generic_class_getitem`, …), so these classes only
//! hold their fields and forward.
//!
//! The PEP 695 syntax (`class C[T]`, `def f[**P]`, `type X = …`) makes these same objects
//! through the VM's type-parameter hook whenever `typing` can be imported (CPython imports it
//! there too); without a standard library the VM keeps its own minimal objects.
//!
//! Differences from CPython: the objects keep their fields in an instance dict (so they are
//! writable), and `__module__` of a `TypeVar(...)` made by a call is not taken from the
//! creating frame (pyvm gives native constructors no frame; it reads as `'typing'`).

use super::{add_fn, new_type, register};
use pyvm_vm::import::TypeParamOp;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm, B64};
use std::rc::Rc;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_typing"], build);
    vm.set_type_param_hook(Rc::new(type_param_hook));
}

/// Hidden instance-dict keys behind the lazily evaluated `__bound__`, `__constraints__` and
/// `__value__` (PEP 695 evaluates them on first access).
const BOUND: (&str, &str) = ("_pyvm_bound", "_pyvm_evaluate_bound");
const CONSTRAINTS: (&str, &str) = ("_pyvm_constraints", "_pyvm_evaluate_constraints");
const VALUE: (&str, &str) = ("_pyvm_value", "_pyvm_evaluate_value");

/// Whether `typing` is importable (already imported, or found on the path).
fn typing_available(vm: &mut Vm) -> PyResult<bool> {
    let mods = vm.modules_dict().clone();
    if vm.dict_get_str(&mods, "typing").is_some() {
        return Ok(true);
    }
    let import_error = vm.types().exc.import_error.clone();
    match vm.import_module("typing") {
        Ok(_) => Ok(true),
        Err(e) if vm.err_matches(&e, &import_error) => Ok(false),
        Err(e) => Err(e),
    }
}

fn class_of(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.import_module("_typing")?;
    let c = vm.getattr_str(&m, name)?;
    vm.as_class(&c)
        .ok_or_else(|| vm.new_system_error("_typing is missing a class"))
}

/// Builds the objects of PEP 695 syntax from this module's classes.
fn type_param_hook(vm: &mut Vm, op: TypeParamOp, args: &[Value]) -> PyResult<Option<Value>> {
    if !typing_available(vm)? {
        return Ok(None);
    }
    let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::None);
    let v = match op {
        TypeParamOp::TypeVar
        | TypeParamOp::TypeVarWithBound
        | TypeParamOp::TypeVarWithConstraints => {
            let cls = class_of(vm, "TypeVar")?;
            let mut fields = vec![
                ("__name__", arg(0)),
                ("__covariant__", Value::Bool(B64::FALSE)),
                ("__contravariant__", Value::Bool(B64::FALSE)),
                ("__infer_variance__", Value::Bool(B64::TRUE)),
            ];
            match op {
                TypeParamOp::TypeVarWithBound => fields.push((BOUND.1, arg(1))),
                TypeParamOp::TypeVarWithConstraints => fields.push((CONSTRAINTS.1, arg(1))),
                _ => {}
            }
            new_obj(vm, &cls, fields)?
        }
        TypeParamOp::ParamSpec => {
            let cls = class_of(vm, "ParamSpec")?;
            new_paramspec(vm, &cls, arg(0), Value::None, [false, false, true])?
        }
        TypeParamOp::TypeVarTuple => {
            let cls = class_of(vm, "TypeVarTuple")?;
            new_obj(vm, &cls, vec![("__name__", arg(0))])?
        }
        TypeParamOp::SubscriptGeneric => {
            let params = unpack_typevartuples(vm, &arg(0))?;
            let generic = Value::Obj(class_of(vm, "Generic")?);
            call_typing(vm, "_GenericAlias", &[generic, params])?
        }
        TypeParamOp::TypeAlias => {
            let cls = class_of(vm, "TypeAliasType")?;
            let params = if arg(1).is_none() {
                vm.new_tuple(vec![])
            } else {
                arg(1)
            };
            let parameters = unpack_typevartuples(vm, &params)?;
            new_obj(
                vm,
                &cls,
                vec![
                    ("__name__", arg(0)),
                    (VALUE.1, arg(2)),
                    ("__type_params__", params),
                    ("__parameters__", parameters),
                    ("__module__", arg(3)),
                ],
            )?
        }
        _ => return Ok(None),
    };
    Ok(Some(v))
}

/// `Ts` in a parameter tuple becomes `typing.Unpack[Ts]` (as `unpack_typevartuples`).
fn unpack_typevartuples(vm: &mut Vm, params: &Value) -> PyResult<Value> {
    let items = vm.to_vec(params)?;
    let tvt = class_of(vm, "TypeVarTuple")?;
    if !items.iter().any(|p| ObjRef::ptr_eq(&vm.type_of(p), &tvt)) {
        return Ok(params.clone());
    }
    let typing = vm.import_module("typing")?;
    let unpack = vm.getattr_str(&typing, "Unpack")?;
    let mut out = Vec::with_capacity(items.len());
    for p in items {
        out.push(if ObjRef::ptr_eq(&vm.type_of(&p), &tvt) {
            vm.getitem(&unpack, &p)?
        } else {
            p
        });
    }
    Ok(vm.new_tuple(out))
}

/// A read-only property whose value is `dict[store]`, else `dict[evaluate]()` (then cached
/// in `dict[store]`), else `default()`.
fn lazy_property(
    vm: &mut Vm,
    cls: &ObjRef,
    attr: &str,
    (store, evaluate): (&'static str, &'static str),
    default: fn(&mut Vm) -> Value,
) {
    let getter = vm.new_native_function(attr, move |vm, a| {
        let this = me(&a);
        let Some(d) = this.as_obj().and_then(|o| vm.instance_dict(o)) else {
            return Ok(default(vm));
        };
        if let Some(v) = vm.dict_get_str(&d, store) {
            return Ok(v);
        }
        match vm.dict_get_str(&d, evaluate) {
            Some(f) => {
                let v = vm.call(&f, &[])?;
                vm.dict_set_str(Some(&d), store, v.clone());
                Ok(v)
            }
            None => Ok(default(vm)),
        }
    });
    let prop = vm.alloc(
        &vm.types().property.clone(),
        Payload::Property(Box::new(pyvm_vm::object::PropertyData {
            fget: getter,
            fset: Value::None,
            fdel: Value::None,
            doc: Value::None,
        })),
    );
    vm.type_set_attr(cls, attr, Value::Obj(prop));
}

/// `typing.NAME(*args)`: how the C code calls back into `typing.py`.
fn call_typing(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Value> {
    let typing = vm.import_module("typing")?;
    let f = vm.getattr_str(&typing, name)?;
    vm.call(&f, args)
}

/// A new instance of `cls` whose fields live in its dict.
fn new_obj(vm: &mut Vm, cls: &ObjRef, fields: Vec<(&str, Value)>) -> PyResult<Value> {
    let o = Value::Obj(vm.alloc_with_dict(cls, Payload::instance()));
    if let Some(obj) = o.as_obj() {
        for (k, v) in fields {
            vm.set_module_attr(obj, k, v);
        }
    }
    Ok(o)
}

fn field(vm: &mut Vm, v: &Value, name: &str) -> PyResult<Value> {
    vm.getattr_str(v, name)
}

fn me(a: &Args<'_>) -> Value {
    a.pos.first().cloned().unwrap_or(Value::None)
}

/// The `name` argument: a `str`, with clinic's message otherwise.
fn name_arg(vm: &Vm, v: Option<&Value>, fname: &str) -> PyResult<Value> {
    match v {
        Some(n) if n.as_str().is_some() => Ok(n.clone()),
        Some(n) => Err(vm.new_type_error(&format!(
            "{fname}() argument 'name' must be str, not {}",
            vm.type_name(n)
        ))),
        None => Err(vm.new_type_error(&format!(
            "{fname}() missing required argument 'name' (pos 1)"
        ))),
    }
}

/// The keyword-only flags of `TypeVar` / `ParamSpec`, with their variance checks.
fn variance(vm: &mut Vm, a: &Args<'_>, fname: &str) -> PyResult<(Value, [bool; 3])> {
    let mut bound = Value::None;
    let mut flags = [false; 3];
    for (k, v) in a.kw {
        match &**k {
            "bound" => bound = v.clone(),
            "covariant" => flags[0] = vm.is_true(v)?,
            "contravariant" => flags[1] = vm.is_true(v)?,
            "infer_variance" => flags[2] = vm.is_true(v)?,
            "name" => {
                return Err(vm.new_type_error(&format!(
                    "argument for {fname}() given by name ('name') and position (1)"
                )))
            }
            _ => {
                return Err(vm.new_type_error(&format!(
                    "{fname}() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    if flags[0] && flags[1] {
        return Err(vm.new_value_error("Bivariant types are not supported."));
    }
    if flags[2] && (flags[0] || flags[1]) {
        return Err(vm.new_value_error("Variance cannot be specified with infer_variance."));
    }
    Ok((bound, flags))
}

/// `~T`, `+T_co`, `-T_contra`, or the bare name with inferred variance.
fn variance_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let name = field(vm, v, "__name__")?;
    let name = name.as_str().unwrap_or("?").to_string();
    let infer = field(vm, v, "__infer_variance__")?;
    if vm.is_true(&infer)? {
        return Ok(vm.new_string(name));
    }
    let co = field(vm, v, "__covariant__")?;
    let contra = field(vm, v, "__contravariant__")?;
    let mark = if vm.is_true(&co)? {
        '+'
    } else if vm.is_true(&contra)? {
        '-'
    } else {
        '~'
    };
    Ok(vm.new_string(format!("{mark}{name}")))
}

/// The methods every type-parameter class shares: `__reduce__` (its name) and a
/// `__mro_entries__` that refuses subclassing.
fn common_methods(vm: &mut Vm, cls: &ObjRef, tname: &'static str) {
    super::add_method(vm, cls, "__reduce__", |vm, a| {
        field(vm, &me(&a), "__name__")
    });
    super::add_method(vm, cls, "__mro_entries__", move |vm, _a| {
        Err(vm.new_type_error(&format!("Cannot subclass an instance of {tname}")))
    });
}

/// `T | X` and `X | T` build `typing.Union` (through `typing._make_union`).
fn union_methods(vm: &mut Vm, cls: &ObjRef) {
    super::add_method(vm, cls, "__or__", |vm, a| {
        let other = a.pos.get(1).cloned().unwrap_or(Value::None);
        call_typing(vm, "_make_union", &[me(&a), other])
    });
    super::add_method(vm, cls, "__ror__", |vm, a| {
        let other = a.pos.get(1).cloned().unwrap_or(Value::None);
        call_typing(vm, "_make_union", &[other, me(&a)])
    });
}

fn typevar(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let cls = new_type(vm, "typing", "TypeVar", &[])?;
    let c = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let name = name_arg(vm, a.pos.get(1), "TypeVar")?;
        let (bound, [co, contra, infer]) = variance(vm, &a, "TypeVar")?;
        let constraints: Vec<Value> = a.pos.get(2..).unwrap_or(&[]).to_vec();
        let bound = if bound.is_none() {
            Value::None
        } else {
            let msg = vm.new_str("Bound must be a type.");
            call_typing(vm, "_type_check", &[bound, msg])?
        };
        if constraints.len() == 1 {
            return Err(vm.new_type_error("A single constraint is not allowed"));
        }
        if !constraints.is_empty() && !bound.is_none() {
            return Err(vm.new_type_error("Constraints cannot be combined with bound=..."));
        }
        let constraints = vm.new_tuple(constraints);
        new_obj(
            vm,
            &c,
            vec![
                ("__name__", name),
                (BOUND.0, bound),
                (CONSTRAINTS.0, constraints),
                ("__covariant__", Value::bool(co)),
                ("__contravariant__", Value::bool(contra)),
                ("__infer_variance__", Value::bool(infer)),
            ],
        )
    });
    lazy_property(vm, &cls, "__bound__", BOUND, |_| Value::None);
    lazy_property(vm, &cls, "__constraints__", CONSTRAINTS, |vm| {
        vm.new_tuple(vec![])
    });
    super::add_method(vm, &cls, "__repr__", |vm, a| variance_repr(vm, &me(&a)));
    union_methods(vm, &cls);
    common_methods(vm, &cls, "TypeVar");
    super::add_method(vm, &cls, "__typing_subst__", |vm, a| {
        let arg = a.pos.get(1).cloned().unwrap_or(Value::None);
        call_typing(vm, "_typevar_subst", &[me(&a), arg])
    });
    vm.set_module_attr(m, "TypeVar", Value::Obj(cls));
    Ok(())
}

/// `ParamSpecArgs` / `ParamSpecKwargs`: `P.args` and `P.kwargs`.
fn paramspec_attr(
    vm: &mut Vm,
    m: &ObjRef,
    tname: &'static str,
    suffix: &'static str,
) -> PyResult<ObjRef> {
    let cls = new_type(vm, "typing", tname, &[])?;
    let c = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let p = super::bind(
            vm,
            &Args {
                pos: &a.pos[1..],
                kw: a.kw,
            },
            tname,
            &["origin"],
            0,
            1,
            0,
        )?;
        let origin = p[0].clone().unwrap_or(Value::None);
        new_obj(vm, &c, vec![("__origin__", origin)])
    });
    super::add_method(vm, &cls, "__repr__", move |vm, a| {
        let origin = field(vm, &me(&a), "__origin__")?;
        let is_ps = vm
            .lookup_attr(&origin, "__typing_prepare_subst__")?
            .is_some()
            && vm.lookup_attr(&origin, "args")?.is_some();
        let head = if is_ps {
            let n = field(vm, &origin, "__name__")?;
            n.as_str().unwrap_or("?").to_string()
        } else {
            vm.repr_string(&origin)?
        };
        Ok(vm.new_string(format!("{head}.{suffix}")))
    });
    for (meth, ne) in [("__eq__", false), ("__ne__", true)] {
        super::add_method(vm, &cls, meth, move |vm, a| {
            let (x, y) = (me(&a), a.pos.get(1).cloned().unwrap_or(Value::None));
            if !ObjRef::ptr_eq(&vm.type_of(&x), &vm.type_of(&y)) {
                return Ok(vm.not_implemented());
            }
            let (ox, oy) = (field(vm, &x, "__origin__")?, field(vm, &y, "__origin__")?);
            let eq = vm.eq(&ox, &oy)?;
            Ok(Value::bool(eq != ne))
        });
    }
    vm.type_set_attr(&cls, "__hash__", Value::None);
    super::add_method(vm, &cls, "__mro_entries__", move |vm, _a| {
        Err(vm.new_type_error(&format!("Cannot subclass an instance of {tname}")))
    });
    vm.set_module_attr(m, tname, Value::Obj(cls.clone()));
    Ok(cls)
}

/// A `ParamSpec` with its `args` / `kwargs` attributes.
fn new_paramspec(
    vm: &mut Vm,
    cls: &ObjRef,
    name: Value,
    bound: Value,
    [co, contra, infer]: [bool; 3],
) -> PyResult<Value> {
    let obj = new_obj(
        vm,
        cls,
        vec![
            ("__name__", name),
            ("__bound__", bound),
            ("__covariant__", Value::bool(co)),
            ("__contravariant__", Value::bool(contra)),
            ("__infer_variance__", Value::bool(infer)),
        ],
    )?;
    let args_cls = class_of(vm, "ParamSpecArgs")?;
    let kwargs_cls = class_of(vm, "ParamSpecKwargs")?;
    let pa = new_obj(vm, &args_cls, vec![("__origin__", obj.clone())])?;
    let pk = new_obj(vm, &kwargs_cls, vec![("__origin__", obj.clone())])?;
    if let Some(o) = obj.as_obj() {
        vm.set_module_attr(o, "args", pa);
        vm.set_module_attr(o, "kwargs", pk);
    }
    Ok(obj)
}

fn paramspec(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    paramspec_attr(vm, m, "ParamSpecArgs", "args")?;
    paramspec_attr(vm, m, "ParamSpecKwargs", "kwargs")?;
    let cls = new_type(vm, "typing", "ParamSpec", &[])?;
    let c = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let name = name_arg(vm, a.pos.get(1), "ParamSpec")?;
        if a.pos.len() > 2 {
            return Err(vm.new_type_error(&format!(
                "ParamSpec() takes at most 1 positional argument ({} given)",
                a.pos.len() - 1
            )));
        }
        let (bound, [co, contra, infer]) = variance(vm, &a, "ParamSpec")?;
        // CPython 3.12 type-checks the default `None` too, so `__bound__` is `NoneType`.
        let msg = vm.new_str("Bound must be a type.");
        let bound = if bound.is_none() {
            Value::Obj(vm.type_of(&Value::None))
        } else {
            call_typing(vm, "_type_check", &[bound, msg])?
        };
        new_paramspec(vm, &c, name, bound, [co, contra, infer])
    });
    super::add_method(vm, &cls, "__repr__", |vm, a| variance_repr(vm, &me(&a)));
    union_methods(vm, &cls);
    common_methods(vm, &cls, "ParamSpec");
    super::add_method(vm, &cls, "__typing_subst__", |vm, a| {
        let arg = a.pos.get(1).cloned().unwrap_or(Value::None);
        call_typing(vm, "_paramspec_subst", &[me(&a), arg])
    });
    super::add_method(vm, &cls, "__typing_prepare_subst__", |vm, a| {
        let alias = a.pos.get(1).cloned().unwrap_or(Value::None);
        let args = a.pos.get(2).cloned().unwrap_or(Value::None);
        call_typing(vm, "_paramspec_prepare_subst", &[me(&a), alias, args])
    });
    vm.set_module_attr(m, "ParamSpec", Value::Obj(cls));
    Ok(())
}

fn typevartuple(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let cls = new_type(vm, "typing", "TypeVarTuple", &[])?;
    let c = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let p = super::bind(
            vm,
            &Args {
                pos: &a.pos[1..],
                kw: a.kw,
            },
            "TypeVarTuple",
            &["name"],
            0,
            1,
            0,
        )?;
        let name = name_arg(vm, p[0].as_ref(), "TypeVarTuple")?;
        new_obj(vm, &c, vec![("__name__", name)])
    });
    super::add_method(vm, &cls, "__repr__", |vm, a| field(vm, &me(&a), "__name__"));
    super::add_method(vm, &cls, "__iter__", |vm, a| {
        let typing = vm.import_module("typing")?;
        let unpack = vm.getattr_str(&typing, "Unpack")?;
        let u = vm.getitem(&unpack, &me(&a))?;
        let t = vm.new_tuple(vec![u]);
        vm.iter(&t)
    });
    common_methods(vm, &cls, "TypeVarTuple");
    super::add_method(vm, &cls, "__typing_subst__", |vm, _a| {
        Err(vm.new_type_error("Substitution of bare TypeVarTuple is not supported"))
    });
    super::add_method(vm, &cls, "__typing_prepare_subst__", |vm, a| {
        let alias = a.pos.get(1).cloned().unwrap_or(Value::None);
        let args = a.pos.get(2).cloned().unwrap_or(Value::None);
        call_typing(vm, "_typevartuple_prepare_subst", &[me(&a), alias, args])
    });
    vm.set_module_attr(m, "TypeVarTuple", Value::Obj(cls));
    Ok(())
}

fn typealias(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let cls = new_type(vm, "typing", "TypeAliasType", &[])?;
    let c = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let p = super::bind(
            vm,
            &Args {
                pos: &a.pos[1..],
                kw: a.kw,
            },
            "TypeAliasType",
            &["name", "value", "type_params"],
            0,
            2,
            1,
        )?;
        let name = name_arg(vm, p[0].as_ref(), "TypeAliasType")?;
        let value = p[1].clone().unwrap_or(Value::None);
        let params = match &p[2] {
            None => vm.new_tuple(vec![]),
            Some(t) if matches!(t.payload(), Some(Payload::Tuple(_))) => t.clone(),
            Some(_) => return Err(vm.new_type_error("type_params must be a tuple")),
        };
        new_obj(
            vm,
            &c,
            vec![
                ("__name__", name),
                (VALUE.0, value),
                ("__type_params__", params.clone()),
                ("__parameters__", params),
            ],
        )
    });
    lazy_property(vm, &cls, "__value__", VALUE, |_| Value::None);
    super::add_method(vm, &cls, "__repr__", |vm, a| field(vm, &me(&a), "__name__"));
    super::add_method(vm, &cls, "__reduce__", |vm, a| {
        field(vm, &me(&a), "__name__")
    });
    super::add_method(vm, &cls, "__getitem__", |vm, a| {
        let this = me(&a);
        let params = field(vm, &this, "__type_params__")?;
        if vm.len(&params)? == 0 {
            return Err(vm.new_type_error("Only generic type aliases are subscriptable"));
        }
        let key = a.pos.get(1).cloned().unwrap_or(Value::None);
        vm.new_generic_alias(this, key)
    });
    vm.set_module_attr(m, "TypeAliasType", Value::Obj(cls));
    Ok(())
}

/// `typing.Generic`: subscripting and subclassing go to `typing._generic_class_getitem` and
/// `typing._generic_init_subclass`.
fn generic(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let cls = new_type(vm, "typing", "Generic", &[])?;
    let slots = vm.new_tuple(vec![]);
    vm.type_set_attr(&cls, "__slots__", slots);
    for (meth, target) in [
        ("__class_getitem__", "_generic_class_getitem"),
        ("__init_subclass__", "_generic_init_subclass"),
    ] {
        super::add_classmethod(vm, &cls, meth, move |vm, a| {
            let typing = vm.import_module("typing")?;
            let f = vm.getattr_str(&typing, target)?;
            vm.call_kw(&f, a.pos, a.kw)
        });
    }
    vm.set_module_attr(m, "Generic", Value::Obj(cls));
    Ok(())
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    add_fn(vm, &m, "_idfunc", |vm, a| {
        let p = super::bind(vm, &a, "_idfunc", &["x"], 1, 1, 0)?;
        Ok(p[0].clone().unwrap_or(Value::None))
    });
    typevar(vm, &m)?;
    paramspec(vm, &m)?;
    typevartuple(vm, &m)?;
    typealias(vm, &m)?;
    generic(vm, &m)?;
    Ok(m)
}
