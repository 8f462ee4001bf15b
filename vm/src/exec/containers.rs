//! Building and unpacking containers, f-strings, and intrinsics.

use crate::frame::Frame;
use crate::object::{ObjRef, Payload};
use crate::opcodes as op;
use crate::value::Value;
use crate::{PyResult, Vm};

impl Vm {
    fn pop_n(&self, f: &mut Frame, n: usize) -> PyResult<Vec<Value>> {
        if f.stack.len() < n {
            return Err(self.new_system_error("stack underflow"));
        }
        let at = f.stack.len() - n;
        Ok(f.stack.split_off(at))
    }

    pub(crate) fn op_build_seq(&mut self, f: &mut Frame, opc: u8, n: usize) -> PyResult<()> {
        let items = self.pop_n(f, n)?;
        let v = match opc {
            op::BUILD_TUPLE => self.new_tuple(items),
            op::BUILD_LIST => self.new_list(items),
            _ => self.new_set_from(&items)?,
        };
        f.push(v);
        Ok(())
    }

    /// `BUILD_MAP n`. Returns how many of the following instructions were run with it (the
    /// caller advances its program counter past them): see [`Vm::kwargs_passthrough`].
    pub(crate) fn op_build_map(&mut self, f: &mut Frame, n: usize) -> PyResult<usize> {
        if n == 0 {
            if let Some(skip) = self.kwargs_passthrough(f) {
                return Ok(skip);
            }
        }
        self.build_map(f, n)?;
        Ok(0)
    }

    /// `f(*a, **kw)` with `kw` a local: `BUILD_MAP 0; LOAD_FAST kw; DICT_MERGE 1;
    /// CALL_FUNCTION_EX 1`. When `kw` is an exact dict, the merge into the fresh empty dict
    /// can't fail and the call only reads the entries (copying them out before anything
    /// runs), so `kw` itself is pushed: no dict is made and freed, and two dispatches fewer.
    /// `Some(2)`: `LOAD_FAST` and `DICT_MERGE` were run (fuel charged, `lasti` on the merge).
    fn kwargs_passthrough(&mut self, f: &mut Frame) -> Option<usize> {
        let at = f.lasti + 1;
        let (load, merge, call) = (
            f.code.instrs.get(at)?,
            f.code.instrs.get(at + 1)?,
            f.code.instrs.get(at + 2)?,
        );
        if load.op != op::LOAD_FAST
            || merge.op != op::DICT_MERGE
            || merge.arg != 1
            || call.op != op::CALL_FUNCTION_EX
            || call.arg & 1 == 0
        {
            return None;
        }
        let kw = f.fast.get(load.arg as usize)?;
        if !Vm::is_exact_instance(kw, &self.t.dict) {
            return None;
        }
        let kw = kw.clone();
        f.push(kw);
        self.limits.countdown -= 2;
        f.lasti = at + 1;
        Some(2)
    }

    fn build_map(&mut self, f: &mut Frame, n: usize) -> PyResult<()> {
        let items = self.pop_n(f, 2 * n)?;
        let d = self.new_dict_obj();
        for kv in items.chunks(2) {
            if let [k, v] = kv {
                self.dict_set_item(&d, k.clone(), v.clone())?;
            }
        }
        f.push(Value::Obj(d));
        Ok(())
    }

    pub(crate) fn op_build_const_key_map(&mut self, f: &mut Frame, n: usize) -> PyResult<()> {
        let keys = f.stack.pop().unwrap_or_default();
        let vals = self.pop_n(f, n)?;
        let Some(Payload::Tuple(ks)) = keys.payload() else {
            return Err(self.new_system_error("bad BUILD_CONST_KEY_MAP keys"));
        };
        let d = self.new_dict_obj();
        for (k, v) in ks.iter().zip(vals) {
            self.dict_set_item(&d, k.clone(), v)?;
        }
        f.push(Value::Obj(d));
        Ok(())
    }

    pub(crate) fn op_build_string(&mut self, f: &mut Frame, n: usize) -> PyResult<()> {
        let parts = self.pop_n(f, n)?;
        let size = parts.iter().fold(0usize, |n, p| {
            n.saturating_add(p.as_str().map_or(0, str::len))
        });
        let mut s = String::with_capacity(size);
        // The result is ASCII when every part is (their characters need no counting).
        let mut ascii = true;
        for p in &parts {
            if let Some(Payload::Str(d)) = p.payload() {
                s.push_str(&d.s);
                ascii &= d.is_ascii();
            }
        }
        let v = self.new_string_ascii(s, ascii);
        f.push(v);
        Ok(())
    }

    /// `LIST_APPEND`, `SET_ADD`, `LIST_EXTEND`, `SET_UPDATE`.
    pub(crate) fn op_collection_add(&mut self, f: &mut Frame, opc: u8, i: usize) -> PyResult<()> {
        let v = f.stack.pop().unwrap_or_default();
        let n = f.stack.len();
        if i == 0 || i > n {
            return Err(self.new_system_error("bad collection index"));
        }
        let target = f.stack[n - i].clone();
        match opc {
            op::LIST_APPEND => {
                if let Some(Payload::List(l)) = target.payload() {
                    l.borrow_mut().push(v);
                }
            }
            op::SET_ADD => self.set_add(&target, v)?,
            op::LIST_EXTEND => {
                let items = match self.to_vec(&v) {
                    Ok(items) => items,
                    Err(e) => {
                        if self.err_matches(&e, &self.t.exc.type_error.clone())
                            && self.iter(&v).is_err()
                        {
                            return Err(self.new_type_error(&format!(
                                "Value after * must be an iterable, not {}",
                                self.type_name(&v)
                            )));
                        }
                        return Err(e);
                    }
                };
                if let Some(Payload::List(l)) = target.payload() {
                    l.borrow_mut().extend(items);
                }
            }
            _ => self.set_update_from(&target, &v)?,
        }
        Ok(())
    }

    pub(crate) fn op_map_add(&mut self, f: &mut Frame, i: usize) -> PyResult<()> {
        let v = f.stack.pop().unwrap_or_default();
        let k = f.stack.pop().unwrap_or_default();
        let n = f.stack.len();
        if i == 0 || i > n {
            return Err(self.new_system_error("bad MAP_ADD index"));
        }
        let Some(d) = f.stack[n - i].as_obj().cloned() else {
            return Ok(());
        };
        self.dict_set_item(&d, k, v)
    }

    /// `DICT_UPDATE` (`{**x}`) and `DICT_MERGE` (`f(**x)`, duplicate keys are an error).
    pub(crate) fn op_dict_update(&mut self, f: &mut Frame, opc: u8, i: usize) -> PyResult<()> {
        let n = f.stack.len();
        if i == 0 || i + 1 > n {
            return Err(self.new_system_error("bad DICT_UPDATE index"));
        }
        let upd = f.stack[n - 1].clone();
        let Some(d) = f.stack[n - 1 - i].as_obj().cloned() else {
            return Ok(());
        };
        let func = if opc == op::DICT_MERGE && n >= i + 3 {
            f.stack[n - i - 3].clone()
        } else {
            Value::None
        };
        // `f(*a, **kw)`: `BUILD_MAP 0; LOAD kw; DICT_MERGE 1; CALL_FUNCTION_EX 1`. The fresh
        // empty dict (only the stack and `d` hold it) would only be read by the call, which
        // copies the entries out before anything runs: hand it `kw` itself, an exact dict,
        // instead of a copy. (A second `DICT_MERGE` would write into the dict, so the next
        // instruction must be the call.)
        if opc == op::DICT_MERGE
            && i == 1
            && ObjRef::strong_count(&d) == 2
            && Vm::is_exact_instance(&upd, &self.t.dict)
            && d.class
                .as_ref()
                .is_some_and(|c| ObjRef::ptr_eq(c, &self.t.dict))
            && matches!(&d.payload, Payload::Dict(t) if t.borrow().is_empty())
            && f.code
                .instrs
                .get(f.lasti + 1)
                .is_some_and(|next| next.op == op::CALL_FUNCTION_EX)
        {
            drop(d);
            f.stack.pop();
            if let Some(slot) = f.stack.last_mut() {
                *slot = upd;
            }
            return Ok(());
        }
        if let (Some(Payload::Dict(src)), Payload::Dict(dst)) = (upd.payload(), &d.payload) {
            // Into an empty dict (`f(**kw)` builds a fresh one), as CPython: no key can be
            // there already, so the entries are copied without lookups.
            if !upd.as_obj().is_some_and(|u| ObjRef::ptr_eq(u, &d)) && dst.borrow().is_empty() {
                {
                    let src = src.borrow();
                    let mut dst = dst.borrow_mut();
                    for e in src.iter() {
                        dst.push_new(e.hash, e.key.clone(), e.value.clone());
                    }
                }
                f.stack.pop();
                return Ok(());
            }
        }
        let items: Vec<(Value, Value)> = if let Some(Payload::Dict(_)) = upd.payload() {
            self.dict_items(&upd)
        } else {
            match self.lookup_attr(&upd, "keys")? {
                Some(keys) => {
                    let ks = self.call(&keys, &[])?;
                    let mut out = Vec::new();
                    for k in self.to_vec(&ks)? {
                        let v = self.getitem(&upd, &k)?;
                        out.push((k, v));
                    }
                    out
                }
                None => {
                    f.stack.pop();
                    if opc == op::DICT_MERGE {
                        return Err(self.new_type_error(&format!(
                            "{} argument after ** must be a mapping, not {}",
                            self.function_str(&func),
                            self.type_name(&upd)
                        )));
                    }
                    return Err(self.new_type_error(&format!(
                        "'{}' object is not a mapping",
                        self.type_name(&upd)
                    )));
                }
            }
        };
        f.stack.pop();
        for (k, v) in items {
            if opc == op::DICT_MERGE && self.dict_get_item(&d, &k)?.is_some() {
                {
                    let ks = match k.as_str() {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(self.new_type_error(&format!(
                                "{} keywords must be strings",
                                self.function_str(&func)
                            )))
                        }
                    };
                    return Err(self.new_type_error(&format!(
                        "{} got multiple values for keyword argument '{}'",
                        self.function_str(&func),
                        ks
                    )));
                }
            }
            self.dict_set_item(&d, k, v)?;
        }
        Ok(())
    }

    fn unpack_items(&mut self, v: &Value, expected: usize, at_least: bool) -> PyResult<Vec<Value>> {
        if let Some(items) = self.exact_list_or_tuple_items(v) {
            return Ok(items);
        }
        let it = match self.iter(v) {
            Ok(it) => it,
            Err(e) if self.err_matches(&e, &self.t.exc.type_error.clone()) => {
                return Err(self.new_type_error(&format!(
                    "cannot unpack non-iterable {} object",
                    self.type_name(v)
                )))
            }
            Err(e) => return Err(e),
        };
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            out.push(x);
            if !at_least && out.len() > expected {
                return Err(self
                    .new_value_error(&format!("too many values to unpack (expected {expected})")));
            }
        }
        Ok(out)
    }

    pub(crate) fn op_unpack_sequence(&mut self, f: &mut Frame, n: usize) -> PyResult<()> {
        let v = f.stack.pop().unwrap_or_default();
        // Exact tuples and lists of the right length: straight onto the stack.
        if let Value::Obj(o) = &v {
            let exact = |t: &ObjRef| o.class.as_ref().is_some_and(|c| ObjRef::ptr_eq(c, t));
            match &o.payload {
                Payload::Tuple(items) if items.len() == n && exact(&self.t.tuple) => {
                    for x in items.iter().rev() {
                        f.push(x.clone());
                    }
                    return Ok(());
                }
                Payload::List(l) if exact(&self.t.list) => {
                    let l = l.borrow();
                    if l.len() == n {
                        for x in l.iter().rev() {
                            f.push(x);
                        }
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        let items = self.unpack_items(&v, n, false)?;
        if items.len() > n {
            return Err(self.new_value_error(&format!("too many values to unpack (expected {n})")));
        }
        if items.len() < n {
            return Err(self.new_value_error(&format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )));
        }
        f.stack.extend(items.into_iter().rev());
        Ok(())
    }

    pub(crate) fn op_unpack_ex(&mut self, f: &mut Frame, arg: usize) -> PyResult<()> {
        let before = arg & 0xff;
        let after = arg >> 8;
        let v = f.stack.pop().unwrap_or_default();
        let mut items = self.unpack_items(&v, before + after, true)?;
        if items.len() < before + after {
            return Err(self.new_value_error(&format!(
                "not enough values to unpack (expected at least {}, got {})",
                before + after,
                items.len()
            )));
        }
        let tail = items.split_off(items.len() - after);
        let mid = items.split_off(before);
        let mut push = Vec::with_capacity(before + after + 1);
        push.extend(items);
        push.push(self.new_list(mid));
        push.extend(tail);
        f.stack.extend(push.into_iter().rev());
        Ok(())
    }

    pub(crate) fn op_format_value(&mut self, f: &mut Frame, flags: usize) -> PyResult<()> {
        let spec = if flags & 4 != 0 { f.stack.pop() } else { None };
        let v = f.stack.pop().unwrap_or_default();
        let v = match flags & 3 {
            1 => self.str(&v)?,
            2 => self.repr(&v)?,
            3 => {
                let r = self.repr_string(&v)?;
                let a = crate::kernels::str_repr::ascii_str(&r);
                let _ = a;
                self.new_string(ascii_escape(&r))
            }
            _ => v,
        };
        let spec_s = spec
            .as_ref()
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if spec_s.is_empty() {
            if let Some(Payload::Str(_)) = v.payload() {
                let exact = v.as_obj().is_some_and(|o| {
                    o.class
                        .as_ref()
                        .is_some_and(|c| ObjRef::ptr_eq(c, &self.t.str))
                });
                if exact {
                    f.push(v);
                    return Ok(());
                }
            }
        }
        let s = self.format(&v, &spec_s)?;
        let r = self.new_string(s);
        f.push(r);
        Ok(())
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        use crate::kernels::format_spec as fs;
        let heap = v.as_obj().is_some_and(|o| {
            o.class
                .as_ref()
                .is_some_and(|c| c.as_type().is_some_and(|t| t.heap))
        });
        if heap || matches!(v.payload(), Some(Payload::Native(_))) {
            let cls = self.type_of(v);
            if let Some(fm) = self.lookup_type_attr(&cls, "__format__") {
                if !matches!(fm.payload(), Some(Payload::NativeFunction(nf)) if nf.owner.as_ref().is_some_and(|o| ObjRef::ptr_eq(o, &self.t.object)))
                {
                    let sv = self.new_str(spec);
                    let r = self.call(&fm, &[v.clone(), sv])?;
                    return match r.as_str() {
                        Some(s) => Ok(s.to_string()),
                        None => Err(self.new_type_error(&format!(
                            "__format__ must return a str, not {}",
                            self.type_name(&r)
                        ))),
                    };
                }
            }
        }
        match v {
            Value::Bool(_) if spec.is_empty() => self.str_string(v),
            Value::Int(i) => fs::format_i64(*i, spec, "int").map_err(|e| self.kernel_err(e)),
            Value::Bool(_) => {
                let b = self.as_bigint(v).unwrap_or_default();
                fs::format_int(&b, spec, "int").map_err(|e| self.kernel_err(e))
            }
            Value::Float(x) => fs::format_float(x.get(), spec).map_err(|e| self.kernel_err(e)),
            Value::Obj(o) => match &o.payload {
                Payload::BigInt(b) => {
                    let tn = self.type_name(v);
                    fs::format_int(b, spec, &tn).map_err(|e| self.kernel_err(e))
                }
                Payload::Str(s) => fs::format_str(&s.s, spec).map_err(|e| self.kernel_err(e)),
                Payload::Float(f) => fs::format_float(*f, spec).map_err(|e| self.kernel_err(e)),
                _ => {
                    // A builtin type's own `__format__` (complex, …), when the host installed one.
                    let cls = self.type_of(v);
                    if let Some(fm) = self.lookup_type_attr(&cls, "__format__").filter(|fm| {
                        matches!(fm.payload(), Some(Payload::NativeFunction(nf)) if nf.owner.as_ref().is_some_and(|o| ObjRef::ptr_eq(o, &cls)))
                    }) {
                        let sv = self.new_str(spec);
                        let r = self.call(&fm, &[v.clone(), sv])?;
                        return match r.as_str() {
                            Some(s) => Ok(s.to_string()),
                            None => Err(self.new_type_error("__format__ must return a str")),
                        };
                    }
                    if spec.is_empty() {
                        return self.str_string(v);
                    }
                    Err(self.new_type_error(&format!(
                        "unsupported format string passed to {}.__format__",
                        self.type_name(v)
                    )))
                }
            },
            _ => {
                if spec.is_empty() {
                    return self.str_string(v);
                }
                Err(self.new_type_error(&format!(
                    "unsupported format string passed to {}.__format__",
                    self.type_name(v)
                )))
            }
        }
    }

    pub(crate) fn op_intrinsic_1(&mut self, f: &mut Frame, which: usize) -> PyResult<()> {
        let v = f.stack.pop().unwrap_or_default();
        let r = match which {
            1 => {
                if !v.is_none() {
                    let s = self.repr_string(&v)?;
                    self.write_stdout(&format!("{s}\n"))?;
                }
                Value::None
            }
            2 => {
                self.import_star(f, &v)?;
                Value::None
            }
            3 => {
                // A StopIteration escaping a generator becomes RuntimeError.
                if let Value::Obj(o) = &v {
                    let fl = f.code.flags;
                    let is_agen = fl & pyvm_loader::object::flags::ASYNC_GENERATOR != 0;
                    let is_coro = fl & pyvm_loader::object::flags::COROUTINE != 0;
                    let is_stop = self.is_instance(&v, &self.t.exc.stop_iteration.clone());
                    let is_async_stop =
                        is_agen && self.is_instance(&v, &self.t.exc.stop_async_iteration.clone());
                    if is_stop || is_async_stop {
                        let msg = if is_async_stop {
                            "async generator raised StopAsyncIteration"
                        } else if is_agen {
                            "async generator raised StopIteration"
                        } else if is_coro {
                            "coroutine raised StopIteration"
                        } else {
                            "generator raised StopIteration"
                        };
                        let e = self.new_runtime_error(msg);
                        if let Some(st) = e.state() {
                            let mut st = st.borrow_mut();
                            st.cause = v.clone();
                            st.context = v.clone();
                            st.suppress_context = true;
                        }
                        return Err(e);
                    }
                    let _ = o;
                }
                v
            }
            4 => self.wrap_async_gen_value(v),
            5 => self.unary_op(&v, crate::proto::arith::UnaryOp::Pos)?,
            7..=11 => self.type_param_intrinsic_1(f, which, v)?,
            6 => {
                let items = self.to_vec(&v)?;
                self.new_tuple(items)
            }
            _ => return Err(self.new_system_error(&format!("unsupported intrinsic {which}"))),
        };
        f.push(r);
        Ok(())
    }
}

fn ascii_escape(r: &str) -> String {
    let mut out = String::with_capacity(r.len());
    for c in r.chars() {
        let n = c as u32;
        if n < 128 {
            out.push(c);
        } else if n <= 0xff {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n <= 0xffff {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}
