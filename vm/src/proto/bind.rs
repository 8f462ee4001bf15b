//! Argument binding: call arguments into a Python function's fast locals, with CPython's
//! `TypeError` messages.
//!
//! Keyword arguments come in two forms: the `(Rc<str>, Value)` pairs native code passes
//! ([`KwArgs`]), and the interpreter's own form, the keyword names as `str` objects beside their
//! values (the `KW_NAMES` constant tuple and the caller's stack, or the entries of a `**` dict).
//! The second form matches parameter names by identity first and puts the caller's name objects
//! (hashes already cached) into a `**kwargs` dict, so a keyword call allocates no strings. One
//! generic binder serves both, so their behaviour and messages cannot drift apart.

use crate::kernels::errors::{missing_arguments, plural};
use crate::object::{FunctionData, ObjRef, Payload};
use crate::proto::call::KwArgs;
use crate::value::Value;
use crate::{PyResult, Vm};
use pyvm_loader::object::flags;

/// Dicts up to this many entries are searched by a linear scan on the binder's fast paths.
const SMALL_SCAN: usize = 8;

/// A list of keyword arguments the binder can read.
trait KwList {
    fn count(&self) -> usize;
    /// The text of name `i` (`""` for a non-`str` name, which callers rule out).
    fn text(&self, i: usize) -> &str;
    /// Whether name `i` equals the parameter name `param` (a `str` object).
    fn is_named(&self, i: usize, param: &Value) -> bool;
    /// Name `i` as a `str` object, for a `**kwargs` dict.
    fn key(&self, vm: &Vm, i: usize) -> Value;
    fn value(&self, i: usize) -> &Value;
}

/// Native code's form: `(name, value)` pairs.
struct RcKw<'a>(&'a KwArgs);

impl KwList for RcKw<'_> {
    fn count(&self) -> usize {
        self.0.len()
    }
    fn text(&self, i: usize) -> &str {
        self.0.get(i).map_or("", |(n, _)| n)
    }
    fn is_named(&self, i: usize, param: &Value) -> bool {
        param.as_str() == Some(self.text(i))
    }
    fn key(&self, vm: &Vm, i: usize) -> Value {
        match self.0.get(i) {
            Some((n, _)) => vm.new_str_rc(n.clone()),
            None => Value::Null,
        }
    }
    fn value(&self, i: usize) -> &Value {
        self.0.get(i).map_or(&Value::Null, |(_, v)| v)
    }
}

/// The interpreter's form: `str` objects and values side by side (same length).
struct ObjKw<'a> {
    names: &'a [Value],
    values: &'a [Value],
}

impl KwList for ObjKw<'_> {
    fn count(&self) -> usize {
        self.names.len().min(self.values.len())
    }
    fn text(&self, i: usize) -> &str {
        self.names.get(i).and_then(Value::as_str).unwrap_or("")
    }
    #[inline]
    fn is_named(&self, i: usize, param: &Value) -> bool {
        match (self.names.get(i), param) {
            (Some(Value::Obj(a)), Value::Obj(b)) if std::rc::Rc::ptr_eq(a, b) => true,
            _ => param.as_str() == Some(self.text(i)),
        }
    }
    fn key(&self, _vm: &Vm, i: usize) -> Value {
        self.names.get(i).cloned().unwrap_or_default()
    }
    fn value(&self, i: usize) -> &Value {
        self.values.get(i).unwrap_or(&Value::Null)
    }
}

impl Vm {
    /// Binds call arguments into fast locals exactly as CPython does (same `TypeError` messages).
    pub(crate) fn bind_args(
        &mut self,
        fd: &FunctionData,
        args: &[Value],
        kw: &KwArgs,
        fast: &mut [Value],
    ) -> PyResult<()> {
        self.bind_generic(fd, args, &RcKw(kw), fast)
    }

    /// [`Vm::bind_args`] with the keyword names as `str` objects (`names[i]` names
    /// `values[i]`). Every name must be a `str` (the caller checks).
    pub(crate) fn bind_args_obj(
        &mut self,
        fd: &FunctionData,
        args: &[Value],
        names: &[Value],
        values: &[Value],
        fast: &mut [Value],
    ) -> PyResult<()> {
        self.bind_generic(fd, args, &ObjKw { names, values }, fast)
    }

    /// The binder's common case without its general machinery: a function without `*args` or
    /// `**kwargs`, at most `argcount` positional arguments, every keyword naming a distinct
    /// parameter that may be passed by keyword (the name object itself or equal text), and
    /// every parameter left unfilled having a default (`__kwdefaults__` a small dict of exact
    /// `str` keys). `fast` comes in empty and leaves with all `nlocalsplus` slots set (`true`),
    /// or empty again (`false`: nothing was bound; the generic binder decides, and raises
    /// CPython's error if there is one). Runs no Python code: every value is a clone.
    pub(crate) fn bind_plain(
        &self,
        fd: &FunctionData,
        args: &[Value],
        names: &[Value],
        values: &[Value],
        fast: &mut Vec<Value>,
    ) -> bool {
        let code = &fd.code;
        let argcount = code.argcount;
        let total = argcount + code.kwonlyargcount;
        let n = code.nlocalsplus;
        if code.flags & (flags::VARARGS | flags::VARKEYWORDS) != 0
            || args.len() > argcount
            || total > n
            || code.localsplusnames.len() < total
            || names.len() != values.len()
        {
            return false;
        }
        fast.reserve(n);
        fast.extend_from_slice(args);
        fill_null(fast, n);
        let params = code.localsplusnames.get(..total).unwrap_or(&[]);
        for (name, v) in names.iter().zip(values) {
            let Some(j) = params
                .iter()
                .enumerate()
                .skip(code.posonlyargcount)
                .find(|(_, p)| same_name(name, p))
                .map(|(j, _)| j)
            else {
                fast.clear();
                return false;
            };
            match fast.get_mut(j) {
                Some(slot) if slot.is_null() => *slot = v.clone(),
                _ => {
                    fast.clear();
                    return false;
                }
            }
        }
        if args.len() + names.len() == total {
            // Every parameter was passed (the keywords are distinct and none repeats a
            // positional one: each filled an empty slot).
            return true;
        }
        if args.len() < argcount {
            let defaults = fd.defaults.borrow();
            let defaults: &[Value] = defaults.as_deref().unwrap_or(&[]);
            // Parameter `j` has a default when `j + len >= argcount` (more defaults than
            // parameters: the last `argcount` apply).
            for j in args.len()..argcount {
                let Some(slot) = fast.get_mut(j) else {
                    fast.clear();
                    return false;
                };
                if slot.is_null() {
                    match (j + defaults.len())
                        .checked_sub(argcount)
                        .and_then(|k| defaults.get(k))
                    {
                        Some(d) => *slot = d.clone(),
                        None => {
                            fast.clear();
                            return false;
                        }
                    }
                }
            }
        }
        if total > argcount {
            let kwdefaults = fd.kwdefaults.borrow();
            for j in argcount..total {
                if fast.get(j).is_some_and(Value::is_null) {
                    let found = match (kwdefaults.as_ref(), params.get(j)) {
                        (Some(d), Some(name)) => self.kwdefault_plain(d, name),
                        _ => None,
                    };
                    match (found, fast.get_mut(j)) {
                        (Some(v), Some(slot)) => *slot = v,
                        _ => {
                            fast.clear();
                            return false;
                        }
                    }
                }
            }
        }
        true
    }

    /// [`Vm::kwdefault`] for a small `__kwdefaults__` dict of exact `str` keys only (`None`
    /// for any other dict, or when the name has no default).
    fn kwdefault_plain(&self, d: &ObjRef, name: &Value) -> Option<Value> {
        let Payload::Dict(t) = &d.payload else {
            return None;
        };
        let t = t.borrow();
        if t.len() > SMALL_SCAN {
            return None;
        }
        let mut found = None;
        for e in t.iter() {
            if !self.is_plain_str(&e.key) {
                return None;
            }
            if found.is_none() && same_name(&e.key, name) {
                found = Some(e.value.clone());
            }
        }
        found
    }

    fn bind_generic(
        &mut self,
        fd: &FunctionData,
        args: &[Value],
        kw: &impl KwList,
        fast: &mut [Value],
    ) -> PyResult<()> {
        let code = &fd.code;
        let argcount = code.argcount;
        let posonly = code.posonlyargcount;
        let total = argcount + code.kwonlyargcount;
        let has_varargs = code.flags & flags::VARARGS != 0;
        let has_varkw = code.flags & flags::VARKEYWORDS != 0;
        if fast.len() < total + usize::from(has_varargs) + usize::from(has_varkw)
            || code.localsplusnames.len() < total
        {
            return Err(self.new_system_error("code object has fewer locals than arguments"));
        }
        let nkw = kw.count();
        // Fast path: exact positional call, no defaults needed.
        if nkw == 0
            && !has_varargs
            && !has_varkw
            && args.len() == argcount
            && code.kwonlyargcount == 0
        {
            for (slot, a) in fast.iter_mut().zip(args) {
                *slot = a.clone();
            }
            return Ok(());
        }
        let kwdict = if has_varkw {
            let d = self.new_dict_obj();
            fast[total + usize::from(has_varargs)] = Value::Obj(d.clone());
            Some(d)
        } else {
            None
        };
        let npos = args.len().min(argcount);
        for (slot, a) in fast.iter_mut().zip(&args[..npos]) {
            *slot = a.clone();
        }
        if has_varargs {
            let rest = if args.len() > argcount {
                args[argcount..].to_vec()
            } else {
                Vec::new()
            };
            fast[total] = self.new_tuple(rest);
        }
        let mut posonly_as_kw: Vec<String> = Vec::new();
        for i in 0..nkw {
            let found = (posonly..total).find(|&j| kw.is_named(i, &code.localsplusnames[j]));
            match found {
                Some(j) => {
                    if !fast[j].is_null() {
                        return Err(self.new_type_error(&format!(
                            "{}() got multiple values for argument '{}'",
                            fd.qualname.borrow(),
                            kw.text(i)
                        )));
                    }
                    fast[j] = kw.value(i).clone();
                }
                None => {
                    if let Some(d) = &kwdict {
                        let k = kw.key(self, i);
                        self.kwdict_insert(d, k, kw.value(i).clone())?;
                    } else if (0..posonly).any(|j| kw.is_named(i, &code.localsplusnames[j])) {
                        posonly_as_kw.push(kw.text(i).to_string());
                    } else {
                        return Err(self.new_type_error(&format!(
                            "{}() got an unexpected keyword argument '{}'",
                            fd.qualname.borrow(),
                            kw.text(i)
                        )));
                    }
                }
            }
        }
        if !posonly_as_kw.is_empty() {
            return Err(self.new_type_error(&format!(
                "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                fd.qualname.borrow(),
                posonly_as_kw.join(", ")
            )));
        }
        if args.len() > argcount && !has_varargs {
            return Err(self.too_many_positional(fd, args.len(), fast));
        }
        // Defaults and missing positionals.
        if args.len() < argcount {
            let defaults = fd.defaults.borrow().clone();
            let ndefaults = defaults.as_ref().map_or(0, |d| d.len());
            let first_default = argcount - ndefaults.min(argcount);
            let mut missing = Vec::new();
            for (j, slot) in fast.iter_mut().enumerate().take(argcount).skip(args.len()) {
                if slot.is_null() {
                    if j >= first_default {
                        // More defaults than parameters: the last `argcount` apply.
                        if let Some(v) = defaults
                            .as_ref()
                            .and_then(|d| d.get(j + ndefaults - argcount))
                        {
                            *slot = v.clone();
                        }
                    } else {
                        missing.push(code.localsplusnames[j].as_str().unwrap_or("?").to_string());
                    }
                }
            }
            if !missing.is_empty() {
                return Err(self.new_type_error(&missing_arguments(
                    &fd.qualname.borrow(),
                    "positional",
                    &missing,
                )));
            }
        }
        if code.kwonlyargcount > 0 {
            let kwdefaults = fd.kwdefaults.borrow().clone();
            let mut missing = Vec::new();
            for (j, slot) in fast.iter_mut().enumerate().take(total).skip(argcount) {
                if slot.is_null() {
                    let name = &code.localsplusnames[j];
                    let dv = match &kwdefaults {
                        Some(d) => self.kwdefault(d, name)?,
                        None => None,
                    };
                    match dv {
                        Some(v) => *slot = v,
                        None => missing.push(name.as_str().unwrap_or("?").to_string()),
                    }
                }
            }
            if !missing.is_empty() {
                return Err(self.new_type_error(&missing_arguments(
                    &fd.qualname.borrow(),
                    "keyword-only",
                    &missing,
                )));
            }
        }
        Ok(())
    }

    /// Stores a keyword argument into the call's fresh `**kwargs` dict. While the dict holds
    /// only exact `str` keys and `key` is one, the key is found by text (no Python code could
    /// run: exact `str` equality is native); otherwise the general store.
    fn kwdict_insert(&mut self, d: &ObjRef, key: Value, value: Value) -> PyResult<()> {
        if Vm::is_exact_instance(&key, &self.t.str) {
            let h = self.hash(&key)?;
            if let Payload::Dict(t) = &d.payload {
                let mut t = t.borrow_mut();
                if t.len() <= SMALL_SCAN && t.iter().all(|e| self.is_plain_str(&e.key)) {
                    let text = key.as_str();
                    let old = t.iter().position(|e| e.key.as_str() == text);
                    match old {
                        // Only a crafted code object repeats a keyword name.
                        Some(_) => {}
                        None => {
                            t.push_new(h, key, value);
                            return Ok(());
                        }
                    }
                }
            }
        }
        self.dict_set_item(d, key, value)
    }

    /// A keyword-only parameter's default: `d.get(name)` on the function's `__kwdefaults__`.
    /// A small dict whose keys are all exact `str`s is searched by identity and text (what the
    /// general lookup would conclude, without its probing machinery).
    fn kwdefault(&mut self, d: &ObjRef, name: &Value) -> PyResult<Option<Value>> {
        if let (Payload::Dict(t), Some(text)) = (&d.payload, name.as_str()) {
            let t = t.borrow();
            if Vm::is_exact_instance(name, &self.t.str)
                && t.len() <= SMALL_SCAN
                && t.iter().all(|e| self.is_plain_str(&e.key))
            {
                return Ok(t
                    .iter()
                    .find(|e| e.key.is(name) || e.key.as_str() == Some(text))
                    .map(|e| e.value.clone()));
            }
        }
        self.dict_get_item(d, name)
    }

    #[inline]
    fn is_plain_str(&self, v: &Value) -> bool {
        Vm::is_exact_instance(v, &self.t.str)
    }

    /// `f() takes 2 positional arguments but 3 were given`.
    #[cold]
    fn too_many_positional(&self, fd: &FunctionData, given: usize, fast: &[Value]) -> crate::PyErr {
        let code = &fd.code;
        let argcount = code.argcount;
        let total = argcount + code.kwonlyargcount;
        let ndefaults = fd.defaults.borrow().as_ref().map_or(0, |d| d.len());
        let kwonly_given = (argcount..total)
            .filter(|&j| fast.get(j).is_some_and(|v| !v.is_null()))
            .count();
        let sig = if ndefaults > 0 {
            // CPython prints `argcount - len(defaults)`, negative with more defaults than
            // parameters.
            format!(
                "from {} to {}",
                argcount as i64 - ndefaults as i64,
                argcount
            )
        } else {
            argcount.to_string()
        };
        let pl = if ndefaults > 0 { "s" } else { plural(argcount) };
        let kwonly_sig = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {} keyword-only argument{})",
                plural(given),
                kwonly_given,
                plural(kwonly_given)
            )
        } else {
            String::new()
        };
        let verb = if given == 1 && kwonly_given == 0 {
            "was"
        } else {
            "were"
        };
        self.new_type_error(&format!(
            "{}() takes {sig} positional argument{pl} but {given}{kwonly_sig} {verb} given",
            fd.qualname.borrow()
        ))
    }
}

/// Whether keyword name `a` names parameter `p`: the same object, or equal text (what the
/// generic binder's `is_named` decides).
#[inline]
fn same_name(a: &Value, p: &Value) -> bool {
    match (a, p) {
        (Value::Obj(x), Value::Obj(y)) if std::rc::Rc::ptr_eq(x, y) => true,
        _ => matches!((a.as_str(), p.as_str()), (Some(x), Some(y)) if x == y),
    }
}

/// Grows `fast` to `n` slots with `NULL` (`Vec::resize` is an out-of-line call).
#[inline]
pub(crate) fn fill_null(fast: &mut Vec<Value>, n: usize) {
    fast.reserve(n.saturating_sub(fast.len()));
    while fast.len() < n {
        fast.push(Value::Null);
    }
}
