//! `_contextvars`: `ContextVar`, `Token`, `Context` and `copy_context` for a single-threaded VM
//! (what `contextvars.py` re-exports, and `decimal` keeps its current context in). The current
//! context is a dict from variables to values; `Context.run` makes another one current for the
//! duration of a call, so changes made inside stay in that `Context`.

use super::{add_fn, new_type, register};
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm, B64};
use std::cell::RefCell;
use std::rc::Rc;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_contextvars"], build);
}

/// The VM-wide current context (a dict object), shared by the module's functions.
type Current = Rc<RefCell<Option<ObjRef>>>;

fn current(vm: &Vm, cur: &Current) -> ObjRef {
    cur.borrow_mut()
        .get_or_insert_with(|| vm.new_dict_obj())
        .clone()
}

fn me(a: &Args<'_>) -> Value {
    a.pos.first().cloned().unwrap_or(Value::None)
}

fn rest<'a>(a: &Args<'a>) -> Args<'a> {
    Args {
        pos: a.pos.get(1..).unwrap_or(&[]),
        kw: a.kw,
    }
}

/// The dict an instance keeps its fields in.
fn fields(vm: &Vm, v: &Value) -> PyResult<ObjRef> {
    v.as_obj()
        .and_then(|o| vm.instance_dict(o))
        .ok_or_else(|| vm.new_type_error("expected a contextvars object"))
}

fn get_field(vm: &Vm, v: &Value, name: &str) -> PyResult<Value> {
    let d = fields(vm, v)?;
    Ok(vm.dict_get_str(&d, name).unwrap_or(Value::None))
}

fn new_with(vm: &Vm, cls: &ObjRef, items: Vec<(&str, Value)>) -> Value {
    let o = vm.alloc_with_dict(cls, Payload::instance());
    if let Some(d) = vm.instance_dict(&o) {
        for (k, v) in items {
            vm.dict_set_str(Some(&d), k, v);
        }
    }
    Value::Obj(o)
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let cur: Current = Rc::new(RefCell::new(None));
    let missing_cls = new_type(vm, "contextvars", "Token.MISSING", &[])?;
    super::add_method(vm, &missing_cls, "__repr__", |vm, _a| {
        Ok(vm.new_str("<Token.MISSING>"))
    });
    let missing = Value::Obj(vm.alloc(&missing_cls, Payload::instance()));

    // Token
    let token_cls = new_type(vm, "contextvars", "Token", &[])?;
    vm.type_set_attr(&token_cls, "MISSING", missing.clone());
    vm.set_constructor(&token_cls, |vm, _a| {
        Err(vm.new_runtime_error("Tokens can only be created by ContextVars"))
    });
    for attr in ["var", "old_value"] {
        let getter = vm.new_native_function(attr, move |vm, a| get_field(vm, &me(&a), attr));
        let prop = vm.alloc(
            &vm.types().property.clone(),
            Payload::Property(Box::new(pyvm_vm::object::PropertyData {
                fget: getter,
                fset: Value::None,
                fdel: Value::None,
                doc: Value::None,
            })),
        );
        vm.type_set_attr(&token_cls, attr, Value::Obj(prop));
    }
    super::add_method(vm, &token_cls, "__repr__", |vm, a| {
        let this = me(&a);
        let used = get_field(vm, &this, "_used")?;
        let var = get_field(vm, &this, "var")?;
        let vr = vm.repr_string(&var)?;
        let used = if vm.is_true(&used)? { " used" } else { "" };
        Ok(vm.new_string(format!("<Token{used} var={vr} at {:#x}>", this.identity())))
    });

    // ContextVar
    let var_cls = new_type(vm, "contextvars", "ContextVar", &[])?;
    let vc = var_cls.clone();
    vm.set_constructor(&var_cls, move |vm, a| {
        let p = super::bind(vm, &rest(&a), "ContextVar", &["name", "default"], 1, 1, 1)?;
        let name = p[0].clone().unwrap_or(Value::None);
        if name.as_str().is_none() {
            return Err(vm.new_type_error("context variable name must be a str"));
        }
        let mut items = vec![("name", name)];
        if let Some(d) = p[1].clone() {
            items.push(("_default", d));
        }
        Ok(new_with(vm, &vc, items))
    });
    let name_get = vm.new_native_function("name", |vm, a| get_field(vm, &me(&a), "name"));
    let prop = vm.alloc(
        &vm.types().property.clone(),
        Payload::Property(Box::new(pyvm_vm::object::PropertyData {
            fget: name_get,
            fset: Value::None,
            fdel: Value::None,
            doc: Value::None,
        })),
    );
    vm.type_set_attr(&var_cls, "name", Value::Obj(prop));
    let c = cur.clone();
    super::add_method(vm, &var_cls, "get", move |vm, a| {
        let this = me(&a);
        let r = rest(&a);
        let p = super::between(vm, &r, "get", 0, 1)?;
        let ctx = current(vm, &c);
        if let Some(v) = vm.dict_get_item(&ctx, &this)? {
            return Ok(v);
        }
        if let Some(d) = p.first() {
            return Ok(d.clone());
        }
        let d = fields(vm, &this)?;
        if let Some(v) = vm.dict_get_str(&d, "_default") {
            return Ok(v);
        }
        let ty = vm.types().exc.lookup_error.clone();
        Err(vm.new_exception(&ty, vec![this]))
    });
    let (c, tc, miss) = (cur.clone(), token_cls.clone(), missing.clone());
    super::add_method(vm, &var_cls, "set", move |vm, a| {
        let this = me(&a);
        let v = super::one(vm, &rest(&a), "set")?;
        let ctx = current(vm, &c);
        let old = vm
            .dict_get_item(&ctx, &this)?
            .unwrap_or_else(|| miss.clone());
        vm.dict_set_item(&ctx, this.clone(), v)?;
        Ok(new_with(
            vm,
            &tc,
            vec![
                ("var", this),
                ("old_value", old),
                ("_ctx", Value::Obj(ctx)),
                ("_used", Value::Bool(B64::FALSE)),
            ],
        ))
    });
    let (c, miss) = (cur.clone(), missing.clone());
    super::add_method(vm, &var_cls, "reset", move |vm, a| {
        let this = me(&a);
        let token = super::one(vm, &rest(&a), "reset")?;
        let td = fields(vm, &token)?;
        let used = vm
            .dict_get_str(&td, "_used")
            .unwrap_or(Value::Bool(B64::FALSE));
        if vm.is_true(&used)? {
            let r = vm.repr_string(&token)?;
            return Err(vm.new_runtime_error(&format!("{r} has already been used once")));
        }
        let var = vm.dict_get_str(&td, "var").unwrap_or(Value::None);
        if !var.is(&this) {
            let r = vm.repr_string(&token)?;
            return Err(vm.new_value_error(&format!("{r} was created by a different ContextVar")));
        }
        let ctx = current(vm, &c);
        let made_in = vm.dict_get_str(&td, "_ctx").unwrap_or(Value::None);
        if !made_in.is(&Value::Obj(ctx.clone())) {
            let r = vm.repr_string(&token)?;
            return Err(vm.new_value_error(&format!("{r} was created in a different Context")));
        }
        vm.dict_set_str(Some(&td), "_used", Value::Bool(B64::TRUE));
        let old = vm.dict_get_str(&td, "old_value").unwrap_or(Value::None);
        if old.is(&miss) {
            vm.dict_del_item(&Value::Obj(ctx), &this)?;
        } else {
            vm.dict_set_item(&ctx, this, old)?;
        }
        Ok(Value::None)
    });
    super::add_method(vm, &var_cls, "__repr__", |vm, a| {
        let this = me(&a);
        let d = fields(vm, &this)?;
        let name = vm.dict_get_str(&d, "name").unwrap_or(Value::None);
        let nr = vm.repr_string(&name)?;
        let default = match vm.dict_get_str(&d, "_default") {
            Some(v) => format!(" default={}", vm.repr_string(&v)?),
            None => String::new(),
        };
        Ok(vm.new_string(format!(
            "<ContextVar name={nr}{default} at {:#x}>",
            this.identity()
        )))
    });

    // Context
    let ctx_cls = new_type(vm, "contextvars", "Context", &[])?;
    let cc = ctx_cls.clone();
    vm.set_constructor(&ctx_cls, move |vm, a| {
        super::none(vm, &rest(&a), "Context")?;
        let d = Value::Obj(vm.new_dict_obj());
        Ok(new_with(vm, &cc, vec![("_vars", d)]))
    });
    let c = cur.clone();
    super::add_method(vm, &ctx_cls, "run", move |vm, a| {
        let this = me(&a);
        let Some(f) = a.pos.get(1).cloned() else {
            return Err(vm.new_type_error("run() missing 1 required positional argument"));
        };
        let vars = get_field(vm, &this, "_vars")?;
        let Some(vars) = vars.as_obj().cloned() else {
            return Err(vm.new_type_error("bad Context"));
        };
        let entered = get_field(vm, &this, "_entered")?;
        if vm.is_true(&entered)? {
            let r = vm.repr_string(&this)?;
            return Err(
                vm.new_runtime_error(&format!("cannot enter context: {r} is already entered"))
            );
        }
        let d = fields(vm, &this)?;
        vm.dict_set_str(Some(&d), "_entered", Value::Bool(B64::TRUE));
        let saved = c.borrow_mut().replace(vars);
        let r = vm.call_kw(&f, a.pos.get(2..).unwrap_or(&[]), a.kw);
        *c.borrow_mut() = saved;
        vm.dict_set_str(Some(&d), "_entered", Value::Bool(B64::FALSE));
        r
    });
    let cc = ctx_cls.clone();
    super::add_method(vm, &ctx_cls, "copy", move |vm, a| {
        let vars = get_field(vm, &me(&a), "_vars")?;
        let copy = vm.call_method(&vars, "copy", &[])?;
        Ok(new_with(vm, &cc, vec![("_vars", copy)]))
    });
    for (meth, target) in [
        ("__getitem__", "__getitem__"),
        ("__contains__", "__contains__"),
        ("__len__", "__len__"),
        ("__iter__", "__iter__"),
        ("get", "get"),
        ("keys", "keys"),
        ("values", "values"),
        ("items", "items"),
    ] {
        super::add_method(vm, &ctx_cls, meth, move |vm, a| {
            let vars = get_field(vm, &me(&a), "_vars")?;
            vm.call_method(&vars, target, a.pos.get(1..).unwrap_or(&[]))
        });
    }
    vm.type_set_attr(&ctx_cls, "__hash__", Value::None);
    let (c, cc) = (cur, ctx_cls.clone());
    add_fn(vm, &m, "copy_context", move |vm, a| {
        super::none(vm, &a, "copy_context")?;
        let ctx = current(vm, &c);
        let copy = vm.call_method(&Value::Obj(ctx), "copy", &[])?;
        Ok(new_with(vm, &cc, vec![("_vars", copy)]))
    });
    vm.set_module_attr(&m, "ContextVar", Value::Obj(var_cls));
    vm.set_module_attr(&m, "Token", Value::Obj(token_cls));
    vm.set_module_attr(&m, "Context", Value::Obj(ctx_cls));
    Ok(m)
}
