//! `_ast`: the node classes of CPython 3.12's abstract syntax tree (`AST` and its 123
//! subclasses, with their `_fields`, `_attributes`, `__match_args__`, docstrings and the `None`
//! class defaults of optional fields), and the `PyCF_*` flags. The class table is generated
//! from CPython 3.12 by `tools/gen-ast.py` into `table.rs`.
//!
//! Nodes are ordinary instances with an attribute dict; `AST.__init__` fills fields from
//! positional arguments (in `_fields` order) and keywords, as `ast_type_init` does, and
//! `AST.__reduce__` returns `(type, (), __dict__)` so `copy`/`pickle` work.
//!
//! pyvm has no compiler, so `compile()` (and with it `ast.parse`) raises `NotImplementedError`;
//! everything else in `ast` works on hand-built trees. For the same reason `_tokenize` (which
//! `tokenize`, and through it `linecache` and `inspect`, import) has a `TokenizerIter` that
//! raises `NotImplementedError` when used.

mod exec_parse;
mod exec_src;
mod inspect_support;
mod table;

use super::{add_method, register};
use pyvm_vm::{ObjRef, PyResult, Value, Vm};
use std::rc::Rc;

/// One row of the generated class table.
pub(crate) struct NodeClass {
    /// Class name (`Constant`).
    pub(crate) name: &'static str,
    /// Name of the single base class (empty for `AST`).
    pub(crate) base: &'static str,
    /// `_fields`, when the class defines it itself.
    pub(crate) fields: Option<&'static [&'static str]>,
    /// `_attributes`, when the class defines it itself.
    pub(crate) attributes: Option<&'static [&'static str]>,
    /// Optional (`?`) fields and attributes: class attributes set to `None`.
    pub(crate) none_defaults: &'static [&'static str],
    /// `__doc__` (the ASDL production).
    pub(crate) doc: &'static str,
}

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_ast"], build);
    register(vm, &["_tokenize"], build_tokenize);
    inspect_support::install(vm);
    exec_src::install(vm);
    let f = super::native_fn(vm, "builtins", "compile", |vm, _a| {
        let t = vm.types().exc.not_implemented_error.clone();
        Err(vm.new_exception_msg(
            &t,
            "compile() is not available in pyvm: it runs precompiled bytecode and has no \
             compiler (ast.parse needs one)",
        ))
    });
    let b = vm.builtins_dict().clone();
    vm.dict_set_str(Some(&b), "compile", f);
}

/// `_tokenize`: `tokenize.py` imports it; its `TokenizerIter` (CPython's C tokenizer) is
/// not available, so tokenizing source raises `NotImplementedError`.
fn build_tokenize(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let cls = super::new_type(vm, "_tokenize", "TokenizerIter", &[])?;
    vm.set_constructor(&cls, |vm, _a| {
        let t = vm.types().exc.not_implemented_error.clone();
        Err(vm.new_exception_msg(
            &t,
            "pyvm has no tokenizer: _tokenize.TokenizerIter is not available",
        ))
    });
    vm.set_module_attr(&m, "TokenizerIter", Value::Obj(cls));
    Ok(m)
}

fn str_tuple(vm: &Vm, items: &[&str]) -> Value {
    vm.new_tuple(items.iter().map(|s| vm.new_str(s)).collect())
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let meta = vm.types().type_.clone();
    let mut made: Vec<(&str, ObjRef)> = Vec::with_capacity(table::CLASSES.len());
    for row in table::CLASSES {
        let ns = vm.new_dict();
        let d = ns.as_obj().cloned();
        let module = vm.new_str("ast");
        vm.dict_set_str(d.as_ref(), "__module__", module);
        if !row.doc.is_empty() {
            let doc = vm.new_str(row.doc);
            vm.dict_set_str(d.as_ref(), "__doc__", doc);
        }
        if let Some(f) = row.fields {
            let t = str_tuple(vm, f);
            vm.dict_set_str(d.as_ref(), "_fields", t.clone());
            vm.dict_set_str(d.as_ref(), "__match_args__", t);
        }
        if let Some(a) = row.attributes {
            let t = str_tuple(vm, a);
            vm.dict_set_str(d.as_ref(), "_attributes", t);
        }
        for k in row.none_defaults {
            vm.dict_set_str(d.as_ref(), k, Value::None);
        }
        let bases: Vec<Value> = made
            .iter()
            .filter(|(n, _)| *n == row.base)
            .map(|(_, c)| Value::Obj(c.clone()))
            .collect();
        let bases = vm.new_tuple(bases);
        let cname = vm.new_str(row.name);
        let cls = vm.new_class(&meta, &cname, &bases, &ns, &[])?;
        let Some(cls) = cls.as_obj().cloned() else {
            return Err(vm.new_system_error("_ast: class creation failed"));
        };
        if row.base.is_empty() {
            add_method(vm, &cls, "__init__", node_init);
            add_method(vm, &cls, "__reduce__", |vm, a| node_reduce(vm, &a));
            // `object.__reduce_ex__` defers to an overriding `__reduce__`; so does this.
            add_method(vm, &cls, "__reduce_ex__", |vm, a| {
                let me = a.pos.first().cloned().unwrap_or(Value::None);
                vm.call_method(&me, "__reduce__", &[])
            });
        }
        vm.set_module_attr(&m, row.name, Value::Obj(cls.clone()));
        made.push((row.name, cls));
    }
    for (k, v) in table::FLAGS {
        vm.set_module_attr(&m, k, Value::Int(*v));
    }
    Ok(m)
}

/// `AST.__reduce__`: `(type(self), (), self.__dict__)`.
fn node_reduce(vm: &mut Vm, a: &pyvm_vm::Args<'_>) -> PyResult<Value> {
    let me = a.pos.first().cloned().unwrap_or(Value::None);
    let cls = Value::Obj(vm.type_of(&me));
    let empty = vm.new_tuple(vec![]);
    let d = vm.getattr_str(&me, "__dict__")?;
    Ok(vm.new_tuple(vec![cls, empty, d]))
}

/// `AST.__init__(self, *args, **kwargs)`: positional arguments fill `_fields` in order (no more
/// than there are fields), keywords set any attribute; a keyword repeating a positional field
/// is an error.
fn node_init(vm: &mut Vm, a: pyvm_vm::Args<'_>) -> PyResult<Value> {
    let Some((me, args)) = a.pos.split_first() else {
        return Ok(Value::None);
    };
    let cls = vm.type_of(me);
    let fields = match vm.lookup_type_attr(&cls, "_fields") {
        Some(f) => vm.to_vec(&f)?,
        None => Vec::new(),
    };
    if args.len() > fields.len() {
        let tname = vm.type_name(me);
        let n = fields.len();
        return Err(vm.new_type_error(&format!(
            "{tname} constructor takes at most {n} positional argument{}",
            if n == 1 { "" } else { "s" }
        )));
    }
    for (f, v) in fields.iter().zip(args) {
        vm.setattr(me, f, v.clone())?;
    }
    for (k, v) in a.kw {
        let clash = fields
            .iter()
            .take(args.len())
            .any(|f| f.as_str() == Some(&**k));
        if clash {
            let tname = vm.type_name(me);
            return Err(
                vm.new_type_error(&format!("{tname} got multiple values for argument '{k}'"))
            );
        }
        let key = vm.new_str_rc(Rc::clone(k));
        vm.setattr(me, &key, v.clone())?;
    }
    Ok(Value::None)
}
