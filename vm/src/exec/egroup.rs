//! Exception groups (`BaseExceptionGroup`, `ExceptionGroup`) and `except*`
//! (`CHECK_EG_MATCH`, `PREP_RERAISE_STAR`).

use crate::frame::Frame;
use crate::object::{ExceptionState, ObjRef, Payload};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};
use std::cell::RefCell;

impl Vm {
    fn eg_parts(&self, eg: &Value) -> Option<(Value, Vec<Value>)> {
        let Some(Payload::Exception(st)) = eg.payload() else {
            return None;
        };
        if !self.is_instance(eg, &self.t.exc.base_exception_group) {
            return None;
        }
        let args = st.borrow().args.clone();
        match args.payload() {
            Some(Payload::Tuple(t)) if t.len() == 2 => {
                let excs = match t[1].payload() {
                    Some(Payload::Tuple(x)) => x.to_vec(),
                    Some(Payload::List(l)) => l.borrow().to_vec(),
                    _ => Vec::new(),
                };
                Some((t[0].clone(), excs))
            }
            _ => None,
        }
    }

    /// `eg.message` / `eg.exceptions`.
    pub(crate) fn eg_attr(&mut self, eg: &Value, name: &str) -> Option<Value> {
        let (msg, excs) = self.eg_parts(eg)?;
        match name {
            "message" => Some(msg),
            "exceptions" => Some(self.new_tuple(excs)),
            _ => None,
        }
    }

    /// `str(eg)`: "message (N sub-exceptions)".
    pub(crate) fn eg_str(&mut self, eg: &Value) -> Option<String> {
        let (msg, excs) = self.eg_parts(eg)?;
        let m = msg.as_str().unwrap_or("").to_string();
        let n = excs.len();
        Some(format!(
            "{m} ({n} sub-exception{})",
            if n == 1 { "" } else { "s" }
        ))
    }

    /// Builds a group of class `cls` (after CPython's validation and class selection).
    pub fn new_exception_group(
        &mut self,
        cls: &ObjRef,
        msg: Value,
        excs_arg: Value,
    ) -> PyResult<Value> {
        if msg.as_str().is_none() {
            return Err(self.new_type_error(&format!(
                "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
                self.type_name(&msg)
            )));
        }
        let excs = match excs_arg.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            Some(Payload::List(l)) => l.borrow().to_vec(),
            _ => return Err(self.new_type_error("second argument (exceptions) must be a sequence")),
        };
        if excs.is_empty() {
            return Err(
                self.new_value_error("second argument (exceptions) must be a non-empty sequence")
            );
        }
        let exc_t = self.t.exc.exception.clone();
        let mut all_exc = true;
        for (i, e) in excs.iter().enumerate() {
            if !matches!(e.payload(), Some(Payload::Exception(_))) {
                return Err(self.new_value_error(&format!(
                    "Item {i} of second argument (exceptions) is not an exception"
                )));
            }
            if !self.is_instance(e, &exc_t) {
                all_exc = false;
            }
        }
        let beg = self.t.exc.base_exception_group.clone();
        let eg = self.t.exc.exception_group.clone();
        let mut cls = cls.clone();
        if ObjRef::ptr_eq(&cls, &beg) {
            if all_exc {
                cls = eg;
            }
        } else if self.is_subclass(&cls, &eg) && !all_exc {
            return Err(self.new_type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
        let args = self.new_tuple(vec![msg, excs_arg]);
        let st = ExceptionState {
            args,
            ..Default::default()
        };
        Ok(Value::Obj(self.alloc_with_dict(
            &cls,
            Payload::Exception(Box::new(RefCell::new(st))),
        )))
    }

    /// `eg.derive(excs)` plus copying traceback/cause/context/notes (CPython's split helper).
    fn eg_derive(&mut self, eg: &Value, excs: Vec<Value>) -> PyResult<Value> {
        let (msg, _) = self.eg_parts(eg).unwrap_or((Value::None, Vec::new()));
        let cls = self.type_of(eg);
        let derived = match self.lookup_type_attr(&cls, "derive") {
            Some(f) if matches!(f.payload(), Some(Payload::Function(_))) => {
                let l = self.new_list(excs);
                self.call(&f, &[eg.clone(), l])?
            }
            _ => {
                let beg = self.t.exc.base_exception_group.clone();
                let l = self.new_list(excs);
                self.new_exception_group(&beg, msg, l)?
            }
        };
        if let (Some(Payload::Exception(src)), Some(Payload::Exception(dst))) =
            (eg.payload(), derived.payload())
        {
            let s = src.borrow();
            let mut d = dst.borrow_mut();
            d.traceback = s.traceback.clone();
            d.cause = s.cause.clone();
            d.context = s.context.clone();
            d.suppress_context = s.suppress_context;
            d.notes = s.notes.clone();
        }
        Ok(derived)
    }

    fn eg_cond(&mut self, cond: &Value, e: &Value) -> PyResult<bool> {
        if self.as_class(cond).is_some() || matches!(cond.payload(), Some(Payload::Tuple(_))) {
            return self.exception_matches(e, cond);
        }
        let r = self.call(cond, &[e.clone()])?;
        self.is_true(&r)
    }

    /// `eg.split(cond)` → (match, rest), each a group or `None`.
    pub fn eg_split(&mut self, eg: &Value, cond: &Value) -> PyResult<(Value, Value)> {
        if self.eg_cond(cond, eg)? {
            return Ok((eg.clone(), Value::None));
        }
        let Some((_, excs)) = self.eg_parts(eg) else {
            return Ok((Value::None, eg.clone()));
        };
        let mut matched = Vec::new();
        let mut rest = Vec::new();
        for e in excs {
            if self.eg_parts(&e).is_some() {
                let (m, r) = self.eg_split(&e, cond)?;
                if !m.is_none() {
                    matched.push(m);
                }
                if !r.is_none() {
                    rest.push(r);
                }
            } else if self.eg_cond(cond, &e)? {
                matched.push(e);
            } else {
                rest.push(e);
            }
        }
        let m = if matched.is_empty() {
            Value::None
        } else {
            self.eg_derive(eg, matched)?
        };
        let r = if rest.is_empty() {
            Value::None
        } else {
            self.eg_derive(eg, rest)?
        };
        Ok((m, r))
    }

    /// `CHECK_EG_MATCH`: `(exc_value, match_type -- rest, match)`.
    pub(crate) fn op_check_eg_match(&mut self, f: &mut Frame) -> PyResult<()> {
        let ty = f.stack.pop().unwrap_or_default();
        let exc = f.stack.pop().unwrap_or_default();
        let classes: Vec<Value> = match ty.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => vec![ty.clone()],
        };
        let beg = self.t.exc.base_exception_group.clone();
        let base = self.t.exc.base_exception.clone();
        for c in &classes {
            match self.as_class(c) {
                Some(cls) if self.is_subclass(&cls, &base) => {
                    if self.is_subclass(&cls, &beg) {
                        return Err(self.new_type_error(
                            "catching ExceptionGroup with except* is not allowed. Use except instead.",
                        ));
                    }
                }
                _ => {
                    return Err(self.new_type_error(
                        "catching classes that do not inherit from BaseException is not allowed",
                    ))
                }
            }
        }
        if exc.is_none() {
            f.push(Value::None);
            f.push(Value::None);
            return Ok(());
        }
        let (m, r) = if self.exception_matches(&exc, &ty)? {
            if self.eg_parts(&exc).is_some() {
                (exc.clone(), Value::None)
            } else {
                let empty = self.new_str("");
                let l = self.new_tuple(vec![exc.clone()]);
                let eg = self.new_exception_group(&beg, empty, l)?;
                if let (Some(Payload::Exception(src)), Some(Payload::Exception(dst))) =
                    (exc.payload(), eg.payload())
                {
                    dst.borrow_mut().traceback = src.borrow().traceback.clone();
                }
                (eg, Value::None)
            }
        } else if self.eg_parts(&exc).is_some() {
            self.eg_split(&exc, &ty)?
        } else {
            (Value::None, exc.clone())
        };
        if !m.is_none() {
            self.cur_exc = m.clone();
        }
        f.push(r);
        f.push(m);
        Ok(())
    }

    fn eg_leaves(&self, v: &Value, out: &mut Vec<Value>) {
        match self.eg_parts(v) {
            Some((_, excs)) => {
                for e in excs {
                    self.eg_leaves(&e, out);
                }
            }
            None => out.push(v.clone()),
        }
    }

    /// `PREP_RERAISE_STAR`: what an `except*` block re-raises at its end.
    pub(crate) fn prep_reraise_star(&mut self, orig: &Value, excs: &Value) -> PyResult<Value> {
        let raised: Vec<Value> = self
            .to_vec(excs)?
            .into_iter()
            .filter(|e| !e.is_none())
            .collect();
        if raised.is_empty() {
            return Ok(Value::None);
        }
        if self.eg_parts(orig).is_none() {
            return Ok(raised[0].clone());
        }
        let mut orig_leaves = Vec::new();
        self.eg_leaves(orig, &mut orig_leaves);
        let mut reraised_leaves = Vec::new();
        let mut new_raised = Vec::new();
        for e in &raised {
            let mut leaves = Vec::new();
            self.eg_leaves(e, &mut leaves);
            let is_rr = leaves.iter().all(|l| orig_leaves.iter().any(|o| o.is(l)));
            if is_rr {
                reraised_leaves.extend(leaves);
            } else {
                new_raised.push(e.clone());
            }
        }
        let keep = if reraised_leaves.is_empty() {
            Value::None
        } else {
            let ids: Vec<usize> = reraised_leaves.iter().map(Value::identity).collect();
            self.eg_split_by_identity(orig, &ids)?
        };
        if new_raised.is_empty() {
            return Ok(keep);
        }
        if !keep.is_none() {
            new_raised.push(keep);
        }
        if new_raised.len() == 1 {
            return Ok(new_raised.remove(0));
        }
        let beg = self.t.exc.base_exception_group.clone();
        let empty = self.new_str("");
        let l = self.new_list(new_raised);
        self.new_exception_group(&beg, empty, l)
    }

    fn eg_split_by_identity(&mut self, eg: &Value, ids: &[usize]) -> PyResult<Value> {
        let Some((_, excs)) = self.eg_parts(eg) else {
            return Ok(if ids.contains(&eg.identity()) {
                eg.clone()
            } else {
                Value::None
            });
        };
        let mut kept = Vec::new();
        for e in excs {
            let k = self.eg_split_by_identity(&e, ids)?;
            if !k.is_none() {
                kept.push(k);
            }
        }
        if kept.is_empty() {
            return Ok(Value::None);
        }
        self.eg_derive(eg, kept)
    }

    pub(crate) fn op_intrinsic_2(&mut self, f: &mut Frame, which: usize) -> PyResult<()> {
        let b = f.stack.pop().unwrap_or_default();
        let a = f.stack.pop().unwrap_or_default();
        let r = match which {
            1 => self.prep_reraise_star(&a, &b)?,
            2..=4 => self.type_param_intrinsic_2(which, a, b)?,
            _ => return Err(self.new_system_error(&format!("unsupported intrinsic2 {which}"))),
        };
        f.push(r);
        Ok(())
    }
}

fn eg_arg(vm: &Vm, a: &crate::Args<'_>) -> PyResult<Value> {
    match a.pos.first() {
        Some(v) if vm.is_instance(v, &vm.t.exc.base_exception_group) => Ok(v.clone()),
        _ => Err(vm.new_type_error("descriptor requires a 'BaseExceptionGroup' object")),
    }
}

pub(crate) fn install(vm: &mut Vm) {
    let beg = vm.t.exc.base_exception_group.clone();
    vm.set_constructor(&beg, |vm, a| {
        let cls = match a.pos.first().and_then(|c| vm.as_class(c)) {
            Some(c) => c,
            None => return Err(vm.new_type_error("bad class")),
        };
        if a.pos.len() != 3 {
            let n = cls
                .as_type()
                .map(|t| t.name.borrow().to_string())
                .unwrap_or_default();
            return Err(vm.new_type_error(&format!(
                "{n}.__new__() takes exactly 2 arguments ({} given)",
                a.pos.len().saturating_sub(1)
            )));
        }
        vm.new_exception_group(&cls, a.pos[1].clone(), a.pos[2].clone())
    });
    vm.add_method(&beg, "__init__", |_vm, _a| Ok(Value::None));
    vm.add_method(&beg, "split", |vm, a| {
        let eg = eg_arg(vm, &a)?;
        let cond = a.pos.get(1).cloned().unwrap_or(Value::None);
        let (m, r) = vm.eg_split(&eg, &cond)?;
        Ok(vm.new_tuple(vec![m, r]))
    });
    vm.add_method(&beg, "subgroup", |vm, a| {
        let eg = eg_arg(vm, &a)?;
        let cond = a.pos.get(1).cloned().unwrap_or(Value::None);
        Ok(vm.eg_split(&eg, &cond)?.0)
    });
    vm.add_method(&beg, "derive", |vm, a| {
        let eg = eg_arg(vm, &a)?;
        let (msg, _) = vm.eg_parts(&eg).unwrap_or((Value::None, Vec::new()));
        let excs = a.pos.get(1).cloned().unwrap_or(Value::None);
        let beg = vm.t.exc.base_exception_group.clone();
        vm.new_exception_group(&beg, msg, excs)
    });
    vm.add_method(&beg, "__str__", |vm, a| {
        let eg = eg_arg(vm, &a)?;
        let s = vm.eg_str(&eg).unwrap_or_default();
        Ok(vm.new_string(s))
    });
    let _: Option<PyErr> = None;
}
