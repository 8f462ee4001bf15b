//! `_sre`: the regular expression engine under CPython's pure-Python `re` package.
//!
//! `re._compiler` turns a pattern into a list of code words and calls `_sre.compile`; this
//! module builds the `re.Pattern` object over those words and matches them with a native
//! backtracking machine (`engine.rs`, no Rust recursion per character, polls the host's
//! limits). `re.Match`, `_sre.SRE_Scanner` and `_sre.SRE_Template` live in `matchobj.rs`.

mod chars;
mod engine;
mod matchobj;
mod pattern;
mod subject;
#[cfg(test)]
mod tests;

use super::{add_fn, bind, new_type, register};
use engine::EngineError;
use pyvm_vm::{Args, ObjRef, PyErr, PyResult, Value, Vm, B64};
use std::rc::Rc;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_sre"], build);
}

/// `_sre.MAGIC`: must equal `re._constants.MAGIC`.
const MAGIC: i64 = 20_221_023;
/// `_sre.MAXGROUPS` of a 64-bit CPython.
const MAXGROUPS: i64 = 1_073_741_823;

/// The classes of the module, shared by the methods that create instances.
pub(crate) struct Classes {
    pub pattern: ObjRef,
    pub match_: ObjRef,
    pub scanner: ObjRef,
    pub template: ObjRef,
    pub subjects: subject::SubjectCache,
}

/// An engine failure as the Python exception CPython raises.
pub(crate) fn engine_err(vm: &Vm, e: EngineError<PyErr>) -> PyErr {
    match e {
        EngineError::Host(e) => e,
        EngineError::TooDeep => vm.new_recursion_error("maximum recursion limit exceeded"),
        EngineError::Illegal => vm.new_runtime_error("internal error in regular expression engine"),
    }
}

/// A read-only property `name` on `cls`.
pub(crate) fn property(
    vm: &mut Vm,
    cls: &ObjRef,
    name: &str,
    f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static,
) {
    let fget = vm.new_native_function(name, f);
    crate::modules::add_getter(vm, cls, name, fget);
}

/// A class whose instances only this module makes (`cannot create 're.Match' instances`).
fn sealed_type(vm: &mut Vm, module: &str, name: &str) -> PyResult<ObjRef> {
    let cls = new_type(vm, module, name, &[])?;
    let full = format!("{module}.{name}");
    vm.set_constructor(&cls, move |vm, _a| {
        Err(vm.new_type_error(&format!("cannot create '{full}' instances")))
    });
    Ok(cls)
}

fn char_arg(vm: &mut Vm, a: &Args<'_>, name: &str) -> PyResult<u32> {
    let v = super::one(vm, a, name)?;
    if !vm.is_int(&v) {
        return Err(vm.new_type_error(&format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(&v)
        )));
    }
    let n = vm.to_index(&v)?;
    if i32::try_from(n).is_err() {
        return Err(vm.new_overflow_error("Python int too large to convert to C int"));
    }
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let classes = Rc::new(Classes {
        pattern: sealed_type(vm, "re", "Pattern")?,
        match_: sealed_type(vm, "re", "Match")?,
        scanner: sealed_type(vm, "_sre", "SRE_Scanner")?,
        template: sealed_type(vm, "_sre", "SRE_Template")?,
        subjects: subject::SubjectCache::default(),
    });
    pattern::install(vm, &classes);
    matchobj::install(vm, &classes);
    vm.set_module_attr(&m, "MAGIC", Value::Int(MAGIC));
    vm.set_module_attr(&m, "CODESIZE", Value::Int(4));
    vm.set_module_attr(&m, "MAXREPEAT", Value::Int(i64::from(engine::MAXREPEAT)));
    vm.set_module_attr(&m, "MAXGROUPS", Value::Int(MAXGROUPS));
    let c = vm.new_str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ");
    vm.set_module_attr(&m, "copyright", c);
    add_fn(vm, &m, "getcodesize", |vm, a| {
        super::none(vm, &a, "getcodesize")?;
        Ok(Value::Int(4))
    });
    add_fn(vm, &m, "ascii_iscased", |vm, a| {
        let ch = char_arg(vm, &a, "ascii_iscased")?;
        Ok(Value::bool(ch < 128 && (ch as u8).is_ascii_alphabetic()))
    });
    add_fn(vm, &m, "unicode_iscased", |vm, a| {
        let ch = char_arg(vm, &a, "unicode_iscased")?;
        Ok(Value::Bool(B64::new(
            ch != chars::lower_unicode(ch) || ch != chars::upper_unicode(ch),
        )))
    });
    add_fn(vm, &m, "ascii_tolower", |vm, a| {
        let ch = char_arg(vm, &a, "ascii_tolower")?;
        Ok(Value::Int(i64::from(chars::lower_ascii(ch))))
    });
    add_fn(vm, &m, "unicode_tolower", |vm, a| {
        let ch = char_arg(vm, &a, "unicode_tolower")?;
        Ok(Value::Int(i64::from(chars::lower_unicode(ch))))
    });
    let cl = classes.clone();
    add_fn(vm, &m, "compile", move |vm, a| {
        pattern::compile(vm, &cl, &a)
    });
    let cl = classes.clone();
    add_fn(vm, &m, "template", move |vm, a| {
        let p = bind(vm, &a, "template", &["pattern", "template"], 2, 2, 0)?;
        let t = p[1].clone().unwrap_or_default();
        matchobj::new_template(vm, &cl, &t)
    });
    Ok(m)
}
