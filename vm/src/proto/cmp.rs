//! Rich comparison (`==`, `<`, …) with CPython's reflected-operand rules.

use crate::object::{DictViewKind, ObjRef, Payload};
use crate::value::{Value, B64};
use crate::{PyResult, Vm};
use num_bigint::BigInt;
use std::cmp::Ordering;

/// A comparison operator, numbered like CPython's `Py_LT` … `Py_GE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

impl CompareOp {
    /// From CPython's numbering.
    pub fn from_u32(n: u32) -> Option<CompareOp> {
        Some(match n {
            0 => CompareOp::Lt,
            1 => CompareOp::Le,
            2 => CompareOp::Eq,
            3 => CompareOp::Ne,
            4 => CompareOp::Gt,
            5 => CompareOp::Ge,
            _ => return None,
        })
    }

    /// The operator with operands swapped (`a < b` ⇔ `b > a`).
    pub fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
            o => o,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }

    pub fn dunder(self) -> &'static str {
        match self {
            CompareOp::Lt => "__lt__",
            CompareOp::Le => "__le__",
            CompareOp::Eq => "__eq__",
            CompareOp::Ne => "__ne__",
            CompareOp::Gt => "__gt__",
            CompareOp::Ge => "__ge__",
        }
    }

    pub(crate) fn test(self, o: Ordering) -> bool {
        match self {
            CompareOp::Lt => o == Ordering::Less,
            CompareOp::Le => o != Ordering::Greater,
            CompareOp::Eq => o == Ordering::Equal,
            CompareOp::Ne => o != Ordering::Equal,
            CompareOp::Gt => o == Ordering::Greater,
            CompareOp::Ge => o != Ordering::Less,
        }
    }
}

enum Num {
    I(i64),
    B(BigInt),
    F(f64),
}

fn as_num(v: &Value) -> Option<Num> {
    match v {
        Value::Int(i) => Some(Num::I(*i)),
        Value::Bool(b) => Some(Num::I(i64::from(*b))),
        Value::Float(f) => Some(Num::F(f.get())),
        Value::Obj(o) => match &o.payload {
            Payload::BigInt(b) => Some(Num::B(b.clone())),
            Payload::Float(f) => Some(Num::F(*f)),
            _ => None,
        },
        _ => None,
    }
}

/// Compares an integer with a float exactly (no rounding), `None` if the float is NaN.
fn cmp_int_float(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = f.floor();
    let fi = crate::kernels::float_fmt::float_to_bigint(fl).ok()?;
    match i.cmp(&fi) {
        Ordering::Equal => Some(if f > fl {
            Ordering::Less
        } else {
            Ordering::Equal
        }),
        o => Some(o),
    }
}

fn num_cmp(a: &Num, b: &Num) -> Option<Ordering> {
    match (a, b) {
        (Num::I(x), Num::I(y)) => Some(x.cmp(y)),
        (Num::F(x), Num::F(y)) => x.partial_cmp(y),
        (Num::I(x), Num::B(y)) => Some(BigInt::from(*x).cmp(y)),
        (Num::B(x), Num::I(y)) => Some(x.cmp(&BigInt::from(*y))),
        (Num::B(x), Num::B(y)) => Some(x.cmp(y)),
        (Num::I(x), Num::F(y)) =>
        {
            #[allow(clippy::cast_precision_loss)]
            if x.unsigned_abs() < (1u64 << 53) {
                (*x as f64).partial_cmp(y)
            } else {
                cmp_int_float(&BigInt::from(*x), *y)
            }
        }
        (Num::F(x), Num::I(y)) => num_cmp(&Num::I(*y), &Num::F(*x)).map(Ordering::reverse),
        (Num::B(x), Num::F(y)) => cmp_int_float(x, *y),
        (Num::F(x), Num::B(y)) => cmp_int_float(y, *x).map(Ordering::reverse),
    }
}

impl Vm {
    /// `a == b` as used by containers (identity implies equality).
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if a.is(b) {
            return Ok(true);
        }
        if let Some(r) = crate::dict::native_eq(a, b) {
            return Ok(r);
        }
        let r = self.compare(a, b, CompareOp::Eq)?;
        self.is_true(&r)
    }

    /// `a < b` as a bool (used by sorting and `min`/`max`).
    pub fn lt(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            return Ok(x < y);
        }
        let r = self.compare(a, b, CompareOp::Lt)?;
        self.is_true(&r)
    }

    /// The comparison operator `a <op> b`.
    pub fn compare(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => return Ok(Value::bool(op.test(x.cmp(y)))),
            (Value::Float(x), Value::Float(y)) => {
                return Ok(Value::Bool(match x.partial_cmp(y) {
                    Some(o) => B64::new(op.test(o)),
                    None => B64::new(op == CompareOp::Ne),
                }))
            }
            _ => {}
        }
        // Comparing nested containers recurses natively (host stack limit).
        self.check_stack()?;
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let mut reflected_first = false;
        if !ObjRef::ptr_eq(&ta, &tb)
            && self.is_subclass(&tb, &ta)
            && tb.as_type().is_some_and(|t| t.heap)
        {
            reflected_first = true;
        }
        if reflected_first {
            let r = self.compare_slot(b, a, op.swapped())?;
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        let r = self.compare_slot(a, b, op)?;
        if !self.is_not_implemented(&r) {
            return Ok(r);
        }
        if !reflected_first {
            let r = self.compare_slot(b, a, op.swapped())?;
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        match op {
            CompareOp::Eq => Ok(Value::bool(a.is(b))),
            CompareOp::Ne => Ok(Value::bool(!a.is(b))),
            _ => Err(self.new_type_error(&format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                self.type_name(a),
                self.type_name(b)
            ))),
        }
    }

    /// Is `v` the `NotImplemented` singleton?
    pub fn is_not_implemented(&self, v: &Value) -> bool {
        matches!(v.payload(), Some(Payload::NotImplemented))
    }

    /// One side of a comparison: a user method or the builtin payload comparison.
    fn compare_slot(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
        if let Value::Obj(_) = a {
            if self.has_dunder_overrides(a) {
                let cls = self.type_of(a);
                if let Some(f) = self.lookup_type_attr(&cls, op.dunder()) {
                    if self.is_dunder_override(a, &f) {
                        return self.call(&f, &[a.clone(), b.clone()]);
                    }
                }
                if op == CompareOp::Ne {
                    if let Some(f) = self.lookup_type_attr(&cls, "__eq__") {
                        if self.is_dunder_override(a, &f) {
                            let r = self.call(&f, &[a.clone(), b.clone()])?;
                            if self.is_not_implemented(&r) {
                                return Ok(r);
                            }
                            let t = self.is_true(&r)?;
                            return Ok(Value::bool(!t));
                        }
                    }
                }
            }
        }
        match self.builtin_compare(a, b, op)? {
            Some(r) => Ok(Value::bool(r)),
            None => Ok(self.not_implemented.clone()),
        }
    }

    /// Comparison of builtin payloads (for `int.__lt__` etc.); `None` means NotImplemented.
    pub fn builtin_compare_value(
        &mut self,
        a: &Value,
        b: &Value,
        op: CompareOp,
    ) -> PyResult<Option<bool>> {
        self.builtin_compare(a, b, op)
    }

    /// Comparison of builtin payloads; `None` means NotImplemented.
    fn builtin_compare(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Option<bool>> {
        if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
            return Ok(Some(match num_cmp(&x, &y) {
                Some(o) => op.test(o),
                None => op == CompareOp::Ne,
            }));
        }
        let eq_only = matches!(op, CompareOp::Eq | CompareOp::Ne);
        let (Value::Obj(x), Value::Obj(y)) = (a, b) else {
            if let (Value::None, Value::None) = (a, b) {
                if eq_only {
                    return Ok(Some(op == CompareOp::Eq));
                }
            }
            if let Some(Payload::Complex { re, im }) = a.payload() {
                if eq_only {
                    if let Some(n) = as_num(b) {
                        let f = match n {
                            Num::I(i) => i as f64,
                            Num::F(f) => f,
                            Num::B(ref bi) => {
                                crate::proto::convert::bigint_to_f64(bi).unwrap_or(f64::INFINITY)
                            }
                        };
                        return Ok(Some((*re == f && *im == 0.0) == (op == CompareOp::Eq)));
                    }
                }
            }
            return Ok(None);
        };
        match (&x.payload, &y.payload) {
            (Payload::Str(p), Payload::Str(q)) => Ok(Some(op.test(p.s.cmp(&q.s)))),
            (Payload::Bytes(p), Payload::Bytes(q)) => Ok(Some(op.test(p.cmp(q)))),
            (Payload::ByteArray(p), Payload::ByteArray(q)) => {
                let o = p.borrow().as_slice().cmp(q.borrow().as_slice());
                Ok(Some(op.test(o)))
            }
            (Payload::Bytes(p), Payload::ByteArray(q)) => {
                Ok(Some(op.test(p[..].cmp(q.borrow().as_slice()))))
            }
            (Payload::ByteArray(p), Payload::Bytes(q)) => {
                Ok(Some(op.test(p.borrow().as_slice().cmp(&q[..]))))
            }
            (Payload::List(p), Payload::List(q)) => {
                let (p, q) = (p.borrow().to_vec(), q.borrow().to_vec());
                self.seq_compare(&p, &q, op).map(Some)
            }
            // Tuples never change: their items are compared in place (the operands keep them
            // alive for the whole comparison).
            (Payload::Tuple(p), Payload::Tuple(q)) => self.seq_compare(p, q, op).map(Some),
            (Payload::Dict(_), Payload::Dict(_)) if eq_only => {
                let r = self.dict_eq(a, b)?;
                Ok(Some(r == (op == CompareOp::Eq)))
            }
            (Payload::Set(_) | Payload::FrozenSet(_), Payload::Set(_) | Payload::FrozenSet(_)) => {
                let (p, q) = (self.set_items(a), self.set_items(b));
                let p_in_q = self.all_in(&p, b)?;
                let q_in_p = if p.len() == q.len() || matches!(op, CompareOp::Ge | CompareOp::Gt) {
                    self.all_in(&q, a)?
                } else {
                    false
                };
                Ok(Some(match op {
                    CompareOp::Eq => p.len() == q.len() && p_in_q,
                    CompareOp::Ne => !(p.len() == q.len() && p_in_q),
                    CompareOp::Le => p_in_q,
                    CompareOp::Lt => p_in_q && p.len() < q.len(),
                    CompareOp::Ge => q_in_p,
                    CompareOp::Gt => q_in_p && p.len() > q.len(),
                }))
            }
            (
                Payload::DictView {
                    kind: DictViewKind::Keys | DictViewKind::Items,
                    ..
                },
                Payload::DictView { .. },
            )
            | (
                Payload::DictView {
                    kind: DictViewKind::Keys | DictViewKind::Items,
                    ..
                },
                Payload::Set(_) | Payload::FrozenSet(_),
            ) => {
                let p = self.to_vec(a)?;
                let q = self.to_vec(b)?;
                let ps = self.new_set_from(&p)?;
                let qs = self.new_set_from(&q)?;
                self.builtin_compare(&ps, &qs, op)
            }
            (Payload::Range(p), Payload::Range(q)) if eq_only => {
                let same = self.range_key(p) == self.range_key(q);
                Ok(Some(same == (op == CompareOp::Eq)))
            }
            (Payload::Slice(a), Payload::Slice(b)) => {
                let p = vec![a.start.clone(), a.stop.clone(), a.step.clone()];
                let q = vec![b.start.clone(), b.stop.clone(), b.step.clone()];
                self.seq_compare(&p, &q, op).map(Some)
            }
            (
                Payload::BoundMethod {
                    func: f1,
                    self_: s1,
                },
                Payload::BoundMethod {
                    func: f2,
                    self_: s2,
                },
            ) if eq_only => Ok(Some((f1.is(f2) && s1.is(s2)) == (op == CompareOp::Eq))),
            (Payload::Complex { re: r1, im: i1 }, Payload::Complex { re: r2, im: i2 })
                if eq_only =>
            {
                Ok(Some((r1 == r2 && i1 == i2) == (op == CompareOp::Eq)))
            }
            _ => Ok(None),
        }
    }

    fn all_in(&mut self, items: &[Value], set: &Value) -> PyResult<bool> {
        for it in items {
            if !self.set_contains(set, it)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn dict_eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        // Nested dicts count toward the same limit as nested sequences (CPython counts every
        // rich comparison).
        if self.cmp_depth > crate::proto::repr::C_RECURSION_LIMIT {
            return Err(self.new_recursion_error("maximum recursion depth exceeded in comparison"));
        }
        self.cmp_depth += 1;
        let r = self.dict_eq_inner(a, b);
        self.cmp_depth -= 1;
        r
    }

    fn dict_eq_inner(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        let (Some(ao), Some(bo)) = (a.as_obj(), b.as_obj()) else {
            return Ok(false);
        };
        let items = self.dict_items(a);
        let blen = match &bo.payload {
            Payload::Dict(t) => t.borrow().len(),
            _ => 0,
        };
        if items.len() != blen {
            return Ok(false);
        }
        let _ = ao;
        for (k, v) in items {
            match self.dict_get_item(bo, &k)? {
                Some(v2) => {
                    if !self.eq(&v, &v2)? {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    /// Lexicographic comparison of two sequences.
    pub fn seq_compare(&mut self, p: &[Value], q: &[Value], op: CompareOp) -> PyResult<bool> {
        if matches!(op, CompareOp::Eq | CompareOp::Ne) && p.len() != q.len() {
            return Ok(op == CompareOp::Ne);
        }
        if self.cmp_depth > crate::proto::repr::C_RECURSION_LIMIT {
            return Err(self.new_recursion_error("maximum recursion depth exceeded in comparison"));
        }
        self.cmp_depth += 1;
        let r = self.seq_compare_inner(p, q, op);
        self.cmp_depth -= 1;
        r
    }

    fn seq_compare_inner(&mut self, p: &[Value], q: &[Value], op: CompareOp) -> PyResult<bool> {
        for (x, y) in p.iter().zip(q.iter()) {
            if !self.eq(x, y)? {
                return match op {
                    CompareOp::Eq => Ok(false),
                    CompareOp::Ne => Ok(true),
                    _ => {
                        let r = self.compare(x, y, op)?;
                        self.is_true(&r)
                    }
                };
            }
        }
        Ok(op.test(p.len().cmp(&q.len())))
    }
}
