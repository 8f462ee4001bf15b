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
            (Some(Value::Obj(a)), Value::Obj(b)) if ObjRef::ptr_eq(a, b) => true,
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

    /// The binder's common case without its general machinery: at most `argcount` positional
    /// arguments (any number with `*args`), every keyword naming a distinct parameter that may
    /// be passed by keyword (the name object itself, or equal text) or, with `**kwargs`, an
    /// exact `str` going into that dict, and every parameter left unfilled having a default
    /// (`__kwdefaults__` a small dict of exact `str` keys). `fast` comes in empty and leaves
    /// with all `nlocalsplus` slots set (`true`), or empty again (`false`: nothing was bound;
    /// the generic binder decides, and raises CPython's error if there is one). Runs no Python
    /// code: every value is a clone, and the `*args` tuple and `**kwargs` dict are built only
    /// once nothing can fail.
    ///
    /// A keyword is matched to a parameter by pointer over all parameters first, then by text
    /// (CPython's order: names are interned, so the first pass nearly always decides).
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
        let varargs = code.flags & flags::VARARGS != 0;
        let varkw = code.flags & flags::VARKEYWORDS != 0;
        if (args.len() > argcount && !varargs)
            || total + usize::from(varargs) + usize::from(varkw) > n
            || code.localsplusnames.len() < total
            || names.len() != values.len()
        {
            return false;
        }
        if !fast.is_empty() {
            return false;
        }
        let npos = args.len().min(argcount);
        let pos = args.get(..npos).unwrap_or(&[]);
        fast.reserve(n);
        // One pass over the `n` slots: the positional arguments, then `NULL`.
        for (k, slot) in fast.spare_capacity_mut().iter_mut().take(n).enumerate() {
            slot.write(pos.get(k).cloned().unwrap_or(Value::Null));
        }
        // SAFETY: `fast` was empty and `reserve(n)` made room for `n` values, all of which the
        // loop above wrote.
        unsafe { fast.set_len(n) };
        let params = code.localsplusnames.get(..total).unwrap_or(&[]);
        let kw_params = params.get(code.posonlyargcount..).unwrap_or(&[]);
        // Keywords bound to no parameter (they go into `**kwargs`), by index into `names`.
        let mut extra: smallvec::SmallVec<[usize; 4]> = smallvec::SmallVec::new();
        for (i, (name, v)) in names.iter().zip(values).enumerate() {
            let Some(j) = find_param(kw_params, name) else {
                if varkw {
                    extra.push(i);
                    continue;
                }
                fast.clear();
                return false;
            };
            match fast.get_mut(code.posonlyargcount + j) {
                Some(slot) if slot.is_null() => *slot = v.clone(),
                _ => {
                    fast.clear();
                    return false;
                }
            }
        }
        if npos + names.len() - extra.len() < total && !self.plain_defaults(fd, npos, params, fast)
        {
            fast.clear();
            return false;
        }
        let kwdict = if varkw {
            let mut t = crate::dict::DictTable::new();
            for (k, &i) in extra.iter().enumerate() {
                let (Some(key), Some(v)) = (names.get(i), values.get(i)) else {
                    fast.clear();
                    return false;
                };
                // An exact `str`, and no earlier extra keyword of the same text (only crafted
                // bytecode repeats a name): the generic binder handles anything else.
                let repeated = extra
                    .get(..k)
                    .unwrap_or(&[])
                    .iter()
                    .any(|&e| names.get(e).is_some_and(|o| same_name(o, key)));
                if repeated || !self.is_plain_str(key) {
                    fast.clear();
                    return false;
                }
                t.push_new(crate::proto::attr::name_hash(key), key.clone(), v.clone());
            }
            Some(t)
        } else {
            None
        };
        if varargs {
            let rest = self.new_tuple_from(args.get(argcount..).unwrap_or(&[]));
            if let Some(slot) = fast.get_mut(total) {
                *slot = rest;
            }
        }
        if let Some(t) = kwdict {
            let d = self.alloc(&self.t.dict, Payload::dict(t));
            if let Some(slot) = fast.get_mut(total + usize::from(varargs)) {
                *slot = Value::Obj(d);
            }
        }
        true
    }

    /// Fills the positional parameters `npos..argcount` and the keyword-only ones still empty
    /// from `__defaults__` and `__kwdefaults__`; `false` when one has no default (or
    /// `__kwdefaults__` is not a small dict of exact `str` keys).
    fn plain_defaults(
        &self,
        fd: &FunctionData,
        npos: usize,
        params: &[Value],
        fast: &mut [Value],
    ) -> bool {
        let argcount = fd.code.argcount;
        let total = params.len();
        if npos < argcount {
            let defaults = fd.defaults.borrow();
            let defaults: &[Value] = defaults.as_deref().unwrap_or(&[]);
            // Parameter `j` has a default when `j + len >= argcount` (more defaults than
            // parameters: the last `argcount` apply).
            for j in npos..argcount {
                let Some(slot) = fast.get_mut(j) else {
                    return false;
                };
                if slot.is_null() {
                    match (j + defaults.len())
                        .checked_sub(argcount)
                        .and_then(|k| defaults.get(k))
                    {
                        Some(d) => *slot = d.clone(),
                        None => return false,
                    }
                }
            }
        }
        if total > argcount {
            let missing = fast
                .get(argcount..total)
                .map_or(0, |s| s.iter().filter(|v| v.is_null()).count());
            if missing > 0 {
                return self.plain_kwdefaults(fd, params, fast, missing);
            }
        }
        true
    }

    /// Fills the `missing` empty keyword-only parameters from `__kwdefaults__` when it is a
    /// small dict of exact `str` keys (`false` otherwise, or when one has no default). One pass
    /// over the entries matches each key to a parameter by pointer; a parameter still empty
    /// after it is looked for by text (the keys are distinct exact `str`s, so the key that is
    /// the parameter's name object is the only one of equal text).
    fn plain_kwdefaults(
        &self,
        fd: &FunctionData,
        params: &[Value],
        fast: &mut [Value],
        missing: usize,
    ) -> bool {
        let argcount = fd.code.argcount;
        let kwdefaults = fd.kwdefaults.borrow();
        let Some(Payload::Dict(t)) = kwdefaults.as_ref().map(|d| &d.payload) else {
            return false;
        };
        let t = t.borrow();
        let kw_params = params.get(argcount..).unwrap_or(&[]);
        let mut filled = 0;
        let mut count = 0;
        for e in t.iter() {
            count += 1;
            if count > SMALL_SCAN || !self.is_plain_str(&e.key) {
                return false;
            }
            if let Some(j) = kw_params.iter().position(|p| p.is(&e.key)) {
                if let Some(slot) = fast.get_mut(argcount + j).filter(|s| s.is_null()) {
                    *slot = e.value.clone();
                    filled += 1;
                }
            }
        }
        if filled == missing {
            return true;
        }
        for (j, name) in kw_params.iter().enumerate() {
            let Some(slot) = fast.get_mut(argcount + j) else {
                return false;
            };
            if slot.is_null() {
                match t.iter().find(|e| same_name(&e.key, name)) {
                    Some(e) => *slot = e.value.clone(),
                    None => return false,
                }
            }
        }
        true
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
            fast[total] = self.new_tuple_from(args.get(argcount..).unwrap_or(&[]));
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
        (Value::Obj(x), Value::Obj(y)) if ObjRef::ptr_eq(x, y) => true,
        _ => matches!((a.as_str(), p.as_str()), (Some(x), Some(y)) if x == y),
    }
}

/// The index in `params` of the parameter keyword `name` names: the same object first (over all
/// of them), then equal text.
#[inline]
fn find_param(params: &[Value], name: &Value) -> Option<usize> {
    if let Some(j) = params.iter().position(|p| p.is(name)) {
        return Some(j);
    }
    params.iter().position(|p| same_name(name, p))
}

/// Grows `fast` to `n` slots with `NULL` (`Vec::resize` is an out-of-line call).
#[inline]
pub(crate) fn fill_null(fast: &mut Vec<Value>, n: usize) {
    let len = fast.len();
    let Some(add) = n.checked_sub(len) else {
        return;
    };
    fast.reserve(add);
    for slot in fast.spare_capacity_mut().iter_mut().take(add) {
        slot.write(Value::Null);
    }
    // SAFETY: `reserve(add)` made room for `len + add = n` values and the loop above wrote
    // the `add` slots after the first `len`, so the first `n` slots are initialized.
    unsafe { fast.set_len(n) };
}
