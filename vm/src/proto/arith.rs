//! Arithmetic: `BINARY_OP` (all 26 forms) and unary operators, with CPython's dispatch and messages.

use crate::kernels::{numbers as kn, ExcKind, KernelError};
use crate::object::Payload;
use crate::value::Value;
use crate::{ObjRef, PyErr, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Pow, Signed, ToPrimitive, Zero};
use std::borrow::Cow;

/// A binary operator, numbered like `BINARY_OP`'s oparg (`NB_*`, without the in-place flag).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    And,
    FloorDiv,
    LShift,
    MatMul,
    Mul,
    Mod,
    Or,
    Pow,
    RShift,
    Sub,
    TrueDiv,
    Xor,
}

const ALL: [BinOp; 13] = [
    BinOp::Add,
    BinOp::And,
    BinOp::FloorDiv,
    BinOp::LShift,
    BinOp::MatMul,
    BinOp::Mul,
    BinOp::Mod,
    BinOp::Or,
    BinOp::Pow,
    BinOp::RShift,
    BinOp::Sub,
    BinOp::TrueDiv,
    BinOp::Xor,
];

impl BinOp {
    /// Decodes a `BINARY_OP` oparg: (operator, in-place).
    pub fn from_oparg(n: u32) -> Option<(BinOp, bool)> {
        let n = n as usize;
        if n < 13 {
            Some((ALL[n], false))
        } else {
            ALL.get(n - 13).map(|o| (*o, true))
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::And => "&",
            BinOp::FloorDiv => "//",
            BinOp::LShift => "<<",
            BinOp::MatMul => "@",
            BinOp::Mul => "*",
            BinOp::Mod => "%",
            BinOp::Or => "|",
            BinOp::Pow => "**",
            BinOp::RShift => ">>",
            BinOp::Sub => "-",
            BinOp::TrueDiv => "/",
            BinOp::Xor => "^",
        }
    }

    fn name(self) -> &'static str {
        match self {
            BinOp::Add => "add",
            BinOp::And => "and",
            BinOp::FloorDiv => "floordiv",
            BinOp::LShift => "lshift",
            BinOp::MatMul => "matmul",
            BinOp::Mul => "mul",
            BinOp::Mod => "mod",
            BinOp::Or => "or",
            BinOp::Pow => "pow",
            BinOp::RShift => "rshift",
            BinOp::Sub => "sub",
            BinOp::TrueDiv => "truediv",
            BinOp::Xor => "xor",
        }
    }

    /// `__add__`.
    pub fn dunder(self) -> String {
        format!("__{}__", self.name())
    }
    /// `__radd__`.
    pub fn rdunder(self) -> String {
        format!("__r{}__", self.name())
    }
    /// `__iadd__`.
    pub fn idunder(self) -> String {
        format!("__i{}__", self.name())
    }
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Invert,
}

/// A number operand; a big int is borrowed from its object (no copy until a result needs one).
enum N<'a> {
    I(i64),
    B(&'a BigInt),
    F(f64),
}

fn num(v: &Value) -> Option<N<'_>> {
    match v {
        Value::Int(i) => Some(N::I(*i)),
        Value::Bool(b) => Some(N::I(i64::from(*b))),
        Value::Float(f) => Some(N::F(f.get())),
        Value::Obj(o) => match &o.payload {
            Payload::BigInt(b) => Some(N::B(b)),
            Payload::Float(f) => Some(N::F(*f)),
            _ => None,
        },
        _ => None,
    }
}

fn big<'a>(n: &N<'a>) -> Cow<'a, BigInt> {
    match n {
        N::I(i) => Cow::Owned(BigInt::from(*i)),
        N::B(b) => Cow::Borrowed(*b),
        N::F(_) => Cow::Owned(BigInt::zero()),
    }
}

/// Largest result (in bits) a shift or power may produce before we refuse (MemoryError).
const MAX_BITS: u64 = 1 << 32;

impl Vm {
    /// Converts a kernel error into the Python exception it names.
    pub fn kernel_err(&self, e: KernelError) -> PyErr {
        let ty = match e.kind {
            ExcKind::ValueError => &self.t.exc.value_error,
            ExcKind::OverflowError => &self.t.exc.overflow_error,
            ExcKind::TypeError => &self.t.exc.type_error,
            ExcKind::ZeroDivisionError => &self.t.exc.zero_division_error,
            ExcKind::KeyError => &self.t.exc.key_error,
            ExcKind::IndexError => &self.t.exc.index_error,
            _ => &self.t.exc.memory_error,
        };
        self.new_exception_msg(ty, &e.message)
    }

    /// `a <op> b` (or `a <op>= b` when `inplace`).
    pub fn binary_op(&mut self, a: &Value, b: &Value, op: BinOp, inplace: bool) -> PyResult<Value> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            if let Some(r) = int_fast(*x, *y, op) {
                return Ok(Value::Int(r));
            }
        }
        if let (Value::Float(x), Value::Float(y)) = (a, b) {
            match op {
                BinOp::Add => return Ok(self.new_float(x + y)),
                BinOp::Sub => return Ok(self.new_float(x - y)),
                BinOp::Mul => return Ok(self.new_float(x * y)),
                _ => {}
            }
        }
        let a_heap = self.has_dunder_overrides(a);
        let b_heap = self.has_dunder_overrides(b);
        if inplace {
            if a_heap {
                let cls = self.type_of(a);
                if let Some(f) = self.lookup_type_attr(&cls, &op.idunder()) {
                    if self.is_dunder_override(a, &f) {
                        let r = self.call(&f, &[a.clone(), b.clone()])?;
                        if !self.is_not_implemented(&r) {
                            return Ok(r);
                        }
                    }
                }
            }
            if let Some(r) = self.builtin_inplace(a, b, op)? {
                return Ok(r);
            }
        }
        if !a_heap && !b_heap {
            if let Some(r) = self.builtin_binop(a, b, op)? {
                return Ok(r);
            }
            return Err(self.binop_type_error(a, b, op, inplace));
        }
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let same = ObjRef::ptr_eq(&ta, &tb);
        let slot_a = if a_heap {
            self.lookup_type_attr(&ta, &op.dunder())
                .filter(|f| self.is_dunder_override(a, f))
        } else {
            None
        };
        let slot_b = if b_heap && !same {
            self.lookup_type_attr(&tb, &op.rdunder())
                .filter(|f| self.is_dunder_override(b, f))
        } else {
            None
        };
        let mut tried_b = false;
        if let Some(fb) = &slot_b {
            if self.is_subclass(&tb, &ta) {
                tried_b = true;
                let r = self.call(fb, &[b.clone(), a.clone()])?;
                if !self.is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
        if let Some(fa) = slot_a {
            let r = self.call(&fa, &[a.clone(), b.clone()])?;
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        } else if !matches!(
            a.payload(),
            Some(Payload::Instance(_) | Payload::Slots(_) | Payload::Native(_))
        ) {
            if let Some(r) = self.builtin_binop(a, b, op)? {
                return Ok(r);
            }
        }
        if !tried_b {
            if let Some(fb) = slot_b {
                let r = self.call(&fb, &[b.clone(), a.clone()])?;
                if !self.is_not_implemented(&r) {
                    return Ok(r);
                }
            } else if b_heap && same {
            } else if !matches!(
                b.payload(),
                Some(Payload::Instance(_) | Payload::Slots(_) | Payload::Native(_))
            ) {
                if let Some(r) = self.builtin_binop(a, b, op)? {
                    return Ok(r);
                }
            }
        }
        Err(self.binop_type_error(a, b, op, inplace))
    }

    fn is_heap(&self, v: &Value) -> bool {
        match v {
            Value::Obj(o) => o
                .class
                .as_ref()
                .is_some_and(|c| c.as_type().is_some_and(|t| t.heap)),
            _ => false,
        }
    }

    fn user_method(&self, cls: &crate::ObjRef, name: &str) -> Option<Value> {
        self.lookup_type_attr(cls, name).filter(|f| {
            !matches!(f.payload(), Some(Payload::NativeFunction(_))) || self.is_extension_method(f)
        })
    }

    fn binop_type_error(&self, a: &Value, b: &Value, op: BinOp, inplace: bool) -> PyErr {
        let (an, bn) = (self.type_name(a), self.type_name(b));
        match (a.payload(), op) {
            (Some(Payload::Bytes(_) | Payload::ByteArray(_)), BinOp::Add) => {
                return self.new_type_error(&format!("can't concat {bn} to {an}"))
            }
            (Some(Payload::Str(_)), BinOp::Add) => {
                return self
                    .new_type_error(&format!("can only concatenate str (not \"{bn}\") to str"))
            }
            (Some(Payload::List(_)), BinOp::Add) if !inplace => {
                return self
                    .new_type_error(&format!("can only concatenate list (not \"{bn}\") to list"))
            }
            (Some(Payload::Tuple(_)), BinOp::Add) => {
                return self.new_type_error(&format!(
                    "can only concatenate tuple (not \"{bn}\") to tuple"
                ))
            }
            (
                Some(Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_)),
                BinOp::Mul,
            ) => {
                return self.new_type_error(&format!(
                    "can't multiply sequence by non-int of type '{bn}'"
                ))
            }
            _ => {}
        }
        if op == BinOp::Mul
            && matches!(
                b.payload(),
                Some(Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_))
            )
        {
            return self.new_type_error(&format!(
                "can't multiply sequence by non-int of type '{an}'"
            ));
        }
        if op == BinOp::Pow {
            return self.new_type_error(&format!(
                "unsupported operand type(s) for {}: '{an}' and '{bn}'",
                if inplace { "**=" } else { "** or pow()" }
            ));
        }
        let sym = if inplace {
            format!("{}=", op.symbol())
        } else {
            op.symbol().to_string()
        };
        self.new_type_error(&format!(
            "unsupported operand type(s) for {sym}: '{an}' and '{bn}'"
        ))
    }

    /// In-place forms of builtin mutable containers; `None` = use the binary form.
    fn builtin_inplace(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
        let Some(o) = a.as_obj() else { return Ok(None) };
        match (&o.payload, op) {
            (Payload::List(l), BinOp::Add) => {
                let items = self.to_vec(b)?;
                l.borrow_mut().extend(items);
                Ok(Some(a.clone()))
            }
            (Payload::List(l), BinOp::Mul) => {
                if !self.is_int(b) {
                    return Ok(None);
                }
                let n = self.to_index(b)?;
                let len = l.borrow().len();
                let n = usize::try_from(n).unwrap_or(0);
                if len.saturating_mul(n) > (1 << 31) {
                    return Err(self.new_exception(&self.t.exc.memory_error.clone(), vec![]));
                }
                self.check_alloc(len.saturating_mul(n).saturating_mul(16))?;
                let out = {
                    let cur = l.borrow();
                    let mut out = crate::ListItems::with_capacity(cur.len() * n);
                    for _ in 0..n {
                        out.extend_from_list(&cur, 0..cur.len());
                    }
                    out
                };
                // (`l *= 0` releases the items last to first, as `list.clear` does.)
                let old = std::mem::replace(&mut *l.borrow_mut(), out);
                drop(old);
                Ok(Some(a.clone()))
            }
            (Payload::ByteArray(ba), BinOp::Add) => {
                let bytes = self.bytes_like(b)?;
                self.check_bytearray_resize(a)?;
                ba.borrow_mut().extend_from_slice(&bytes);
                Ok(Some(a.clone()))
            }
            (Payload::ByteArray(ba), BinOp::Mul) if self.is_int(b) || self.has_index(b) => {
                let n = usize::try_from(self.to_index(b)?).unwrap_or(0);
                let len = ba.borrow().len();
                if len.saturating_mul(n) > (1 << 32) {
                    return Err(self.new_exception(&self.t.exc.memory_error.clone(), vec![]));
                }
                if n != 1 {
                    self.check_bytearray_resize(a)?;
                }
                let rep = ba.borrow().repeat(n);
                *ba.borrow_mut() = rep;
                Ok(Some(a.clone()))
            }
            (Payload::Set(t), BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) => {
                if !matches!(b.payload(), Some(Payload::Set(_) | Payload::FrozenSet(_))) {
                    return Ok(None);
                }
                let tb = self.set_table_of(b);
                match op {
                    BinOp::Or => {
                        if !a.is(b) {
                            t.borrow_mut().merge(&tb);
                        }
                    }
                    BinOp::Sub => {
                        for (h, k) in tb.hashed_items() {
                            let probe = t.borrow().probe(h, &k);
                            if let crate::dict::Probe::Found(p) = probe {
                                let removed = t.borrow_mut().remove_at(p);
                                drop(removed);
                            }
                        }
                        t.borrow_mut().purge_dummies_if_needed();
                    }
                    BinOp::Xor => {
                        if a.is(b) {
                            t.borrow_mut().clear();
                        } else {
                            t.borrow_mut().symmetric_difference_update(&tb);
                        }
                    }
                    _ => {
                        let r = self.set_binop(a, b, op)?;
                        let nt = self.set_table_of(&r);
                        *t.borrow_mut() = nt;
                    }
                }
                Ok(Some(a.clone()))
            }
            (Payload::Dict(_), BinOp::Or) => {
                if !matches!(b.payload(), Some(Payload::Dict(_))) {
                    let items = self.to_vec(b)?;
                    for it in items {
                        let kv = self.to_vec(&it)?;
                        if kv.len() == 2 {
                            self.dict_set_item(o, kv[0].clone(), kv[1].clone())?;
                        }
                    }
                    return Ok(Some(a.clone()));
                }
                for (k, v) in self.dict_items(b) {
                    self.dict_set_item(o, k, v)?;
                }
                Ok(Some(a.clone()))
            }
            _ => Ok(None),
        }
    }

    /// Bytes of a bytes-like object.
    pub fn bytes_like(&self, v: &Value) -> PyResult<Vec<u8>> {
        match v.payload() {
            Some(Payload::Bytes(b)) => Ok(b.to_vec()),
            Some(Payload::ByteArray(b)) => Ok(b.borrow().clone()),
            Some(Payload::Native(_)) if crate::proto::bytes_ext::memoryview_bytes(v).is_some() => {
                Ok(crate::proto::bytes_ext::memoryview_bytes(v).unwrap_or_default())
            }
            _ => Err(self.new_type_error(&format!(
                "a bytes-like object is required, not '{}'",
                self.type_name(v)
            ))),
        }
    }

    fn set_table_of(&self, v: &Value) -> crate::set::SetTable {
        match v.payload() {
            Some(Payload::Set(t)) => t.borrow().clone(),
            Some(Payload::FrozenSet(t)) => t.clone(),
            _ => crate::set::SetTable::new(),
        }
    }

    fn set_binop(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
        let ta = self.set_table_of(a);
        let tb = self.set_table_of(b);
        let t = match op {
            BinOp::Or => {
                let mut t = ta.copy();
                if !a.is(b) {
                    t.merge(&tb);
                }
                t
            }
            BinOp::And => ta.intersection(&tb),
            BinOp::Sub => ta.difference(&tb),
            _ => ta.symmetric_difference(&tb),
        };
        let frozen = matches!(a.payload(), Some(Payload::FrozenSet(_)));
        Ok(if frozen {
            Value::Obj(self.alloc(&self.t.frozenset, Payload::FrozenSet(t)))
        } else {
            Value::Obj(self.alloc(&self.t.set, Payload::Set(std::cell::RefCell::new(t))))
        })
    }

    /// Binary operation on builtin payloads; `None` = NotImplemented (for `int.__add__` etc.).
    pub fn builtin_binop_value(
        &mut self,
        a: &Value,
        b: &Value,
        op: BinOp,
    ) -> PyResult<Option<Value>> {
        let a = self.plain_number(a);
        let b = self.plain_number(b);
        self.builtin_binop(&a, &b, op)
    }

    /// Binary operation on builtin payloads; `None` = NotImplemented.
    fn builtin_binop(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
        if let (Some(x), Some(y)) = (num(a), num(b)) {
            if let (Value::Bool(p), Value::Bool(q)) = (a, b) {
                match op {
                    BinOp::And => return Ok(Some(Value::Bool(*p & *q))),
                    BinOp::Or => return Ok(Some(Value::Bool(*p | *q))),
                    BinOp::Xor => return Ok(Some(Value::Bool(*p ^ *q))),
                    _ => {}
                }
            }
            return self.num_binop(x, y, op);
        }
        let (pa, pb) = (a.payload(), b.payload());
        // Complex numbers.
        if (matches!(pa, Some(Payload::Complex { .. }))
            || matches!(pb, Some(Payload::Complex { .. })))
            && !matches!(
                pa,
                Some(Payload::Str(_) | Payload::Bytes(_) | Payload::ByteArray(_))
            )
        {
            return self.complex_binop(a, b, op);
        }
        match (pa, pb, op) {
            (Some(Payload::Str(x)), Some(Payload::Str(y)), BinOp::Add) => {
                let mut s = String::with_capacity(x.s.len() + y.s.len());
                s.push_str(&x.s);
                s.push_str(&y.s);
                Ok(Some(self.new_string(s)))
            }
            (Some(Payload::List(x)), Some(Payload::List(y)), BinOp::Add) => {
                let (x, y) = (x.borrow(), y.borrow());
                let mut v = crate::ListItems::with_capacity(x.len() + y.len());
                v.extend_from_list(&x, 0..x.len());
                v.extend_from_list(&y, 0..y.len());
                Ok(Some(self.new_list_items(v)))
            }
            (Some(Payload::Tuple(x)), Some(Payload::Tuple(y)), BinOp::Add) => {
                let mut v = x.to_vec();
                v.extend(y.iter().cloned());
                Ok(Some(self.new_tuple(v)))
            }
            (
                Some(Payload::Bytes(_) | Payload::ByteArray(_)),
                Some(Payload::Bytes(_) | Payload::ByteArray(_) | Payload::Native(_)),
                BinOp::Add,
            ) if self.bytes_like(b).is_ok() => {
                let mut v = self.bytes_like(a)?;
                v.extend(self.bytes_like(b)?);
                if matches!(pa, Some(Payload::ByteArray(_))) {
                    Ok(Some(self.new_bytearray(v)))
                } else {
                    Ok(Some(self.new_bytes(v)))
                }
            }
            (
                Some(
                    Payload::Str(_)
                    | Payload::List(_)
                    | Payload::Tuple(_)
                    | Payload::Bytes(_)
                    | Payload::ByteArray(_),
                ),
                _,
                BinOp::Mul,
            ) if self.is_int(b) || self.has_index(b) => self.seq_repeat(a, b).map(Some),
            (
                _,
                Some(
                    Payload::Str(_)
                    | Payload::List(_)
                    | Payload::Tuple(_)
                    | Payload::Bytes(_)
                    | Payload::ByteArray(_),
                ),
                BinOp::Mul,
            ) if self.is_int(a) || self.has_index(a) => self.seq_repeat(b, a).map(Some),
            (Some(Payload::Str(s)), _, BinOp::Mod) => {
                let s = s.s.clone();
                self.str_percent(&s, b).map(|r| Some(self.new_string(r)))
            }
            (Some(Payload::Bytes(s)), _, BinOp::Mod) => {
                let s = s.to_vec();
                let r = self.bytes_percent(&s, b)?;
                Ok(Some(self.new_bytes(r)))
            }
            (Some(Payload::ByteArray(s)), _, BinOp::Mod) => {
                let s = s.borrow().clone();
                let r = self.bytes_percent(&s, b)?;
                Ok(Some(self.new_bytearray(r)))
            }
            (
                Some(Payload::Set(_) | Payload::FrozenSet(_)),
                Some(Payload::Set(_) | Payload::FrozenSet(_)),
                BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor,
            ) => self.set_binop(a, b, op).map(Some),
            (
                Some(Payload::DictView { .. }),
                _,
                BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor,
            )
            | (
                _,
                Some(Payload::DictView { .. }),
                BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor,
            ) => {
                // The view types' own operator methods (installed by the host) follow CPython's
                // algorithms exactly; use them when present.
                let (view, other, name) = if matches!(pa, Some(Payload::DictView { .. })) {
                    (a, b, op.dunder())
                } else {
                    (b, a, op.rdunder())
                };
                let vt = self.type_of(view);
                if let Some(f) = self.lookup_type_attr(&vt, &name).filter(|f| {
                    matches!(f.payload(), Some(Payload::NativeFunction(nf)) if nf.owner.as_ref().is_some_and(|o| ObjRef::ptr_eq(o, &vt)))
                }) {
                    let r = self.call(&f, &[view.clone(), other.clone()])?;
                    return Ok(if self.is_not_implemented(&r) { None } else { Some(r) });
                }
                if matches!(
                    view.payload(),
                    Some(Payload::DictView {
                        kind: crate::object::DictViewKind::Values,
                        ..
                    })
                ) {
                    return Ok(None);
                }
                let p = self.to_vec(a)?;
                let q = self.to_vec(b)?;
                let ps = self.new_set_from(&p)?;
                let qs = self.new_set_from(&q)?;
                self.set_binop(&ps, &qs, op).map(Some)
            }
            (Some(Payload::Dict(_)), Some(Payload::Dict(_)), BinOp::Or) => {
                let d = self.new_dict();
                let Some(dobj) = d.as_obj().cloned() else {
                    return Ok(None);
                };
                for (k, v) in self.dict_items(a) {
                    self.dict_set_item(&dobj, k, v)?;
                }
                for (k, v) in self.dict_items(b) {
                    self.dict_set_item(&dobj, k, v)?;
                }
                Ok(Some(d))
            }
            _ => Ok(None),
        }
    }

    fn has_index(&self, v: &Value) -> bool {
        let t = self.type_of(v);
        self.lookup_type_attr(&t, "__index__").is_some()
    }

    fn seq_repeat(&mut self, seq: &Value, n: &Value) -> PyResult<Value> {
        let n = match self.index_value(n)? {
            Value::Int(i) => i,
            _ => {
                return Err(self.new_overflow_error("cannot fit 'int' into an index-sized integer"))
            }
        };
        let n = usize::try_from(n).unwrap_or(0);
        let len = self.len(seq)?;
        if len.saturating_mul(n) > (1 << 32) {
            return Err(self.new_exception(&self.t.exc.memory_error.clone(), vec![]));
        }
        let item = if matches!(seq.payload(), Some(Payload::List(_) | Payload::Tuple(_))) {
            16
        } else {
            1
        };
        self.check_alloc(len.saturating_mul(n).saturating_mul(item))?;
        Ok(match seq.payload() {
            Some(Payload::Str(s)) => self.new_string(s.s.repeat(n)),
            Some(Payload::Bytes(b)) => self.new_bytes(b.repeat(n)),
            Some(Payload::ByteArray(b)) => {
                let v = b.borrow().repeat(n);
                self.new_bytearray(v)
            }
            Some(Payload::List(l)) => {
                let cur = l.borrow();
                let mut out = crate::ListItems::with_capacity(cur.len() * n);
                for _ in 0..n {
                    out.extend_from_list(&cur, 0..cur.len());
                }
                drop(cur);
                self.new_list_items(out)
            }
            Some(Payload::Tuple(t)) => {
                if n == 1 && !self.is_heap(seq) {
                    return Ok(seq.clone());
                }
                let mut out = Vec::with_capacity(t.len() * n);
                for _ in 0..n {
                    out.extend(t.iter().cloned());
                }
                self.new_tuple(out)
            }
            _ => Value::None,
        })
    }

    fn num_binop(&mut self, x: N<'_>, y: N<'_>, op: BinOp) -> PyResult<Option<Value>> {
        match (&x, &y) {
            (N::F(_), _) | (_, N::F(_)) => {
                let fx = self.n_to_f64(&x)?;
                let fy = self.n_to_f64(&y)?;
                self.float_binop(fx, fy, op)
            }
            _ => self.int_binop(&x, &y, op),
        }
    }

    fn n_to_f64(&self, n: &N<'_>) -> PyResult<f64> {
        match n {
            N::F(f) => Ok(*f),
            N::I(i) => Ok(kn::i64_to_f64(*i)),
            N::B(b) => crate::kernels::int_fmt::bigint_to_f64(b).map_err(|e| self.kernel_err(e)),
        }
    }

    fn float_binop(&mut self, x: f64, y: f64, op: BinOp) -> PyResult<Option<Value>> {
        let r = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::TrueDiv => {
                if y == 0.0 {
                    return Err(self.new_zero_division_error("float division by zero"));
                }
                x / y
            }
            BinOp::FloorDiv => kn::float_floordiv(x, y).map_err(|e| self.kernel_err(e))?,
            BinOp::Mod => kn::float_mod(x, y).map_err(|e| self.kernel_err(e))?,
            BinOp::Pow => return self.float_pow(x, y).map(Some),
            _ => return Ok(None),
        };
        Ok(Some(self.new_float(r)))
    }

    /// `x ** y` for floats with CPython's special cases.
    pub fn float_pow(&mut self, x: f64, y: f64) -> PyResult<Value> {
        if y == 0.0 {
            return Ok(Value::float(1.0));
        }
        if x.is_nan() {
            return Ok(Value::float(if y == 0.0 { 1.0 } else { x }));
        }
        if y.is_nan() {
            return Ok(Value::float(if x == 1.0 { 1.0 } else { y }));
        }
        if x == 0.0 && y < 0.0 && y.is_finite() {
            return Err(self.new_zero_division_error("0.0 cannot be raised to a negative power"));
        }
        if x < 0.0 && y.is_finite() && y.floor() != y {
            // Negative base, fractional exponent: a complex result.
            let (re, im, _) = complex_pow((x, 0.0), (y, 0.0));
            return Ok(self.new_complex(re, im));
        }
        let r = x.powf(y);
        if r.is_infinite() && x.is_finite() && y.is_finite() {
            return Err(self.new_overflow_error("(34, 'Numerical result out of range')"));
        }
        Ok(Value::float(r))
    }

    fn int_binop(&mut self, x: &N<'_>, y: &N<'_>, op: BinOp) -> PyResult<Option<Value>> {
        if let (N::I(a), N::I(b)) = (x, y) {
            if let Some(r) = int_fast(*a, *b, op) {
                return Ok(Some(Value::Int(r)));
            }
        }
        let (a, b) = (big(x), big(y));
        let (a, b): (&BigInt, &BigInt) = (&a, &b);
        let r = match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::FloorDiv => {
                if b.is_zero() {
                    return Err(self.new_zero_division_error("integer division or modulo by zero"));
                }
                crate::kernels::bigdiv::div_floor(a, b)
            }
            BinOp::Mod => {
                if b.is_zero() {
                    return Err(self.new_zero_division_error("integer modulo by zero"));
                }
                crate::kernels::bigdiv::mod_floor(a, b)
            }
            BinOp::TrueDiv => {
                if b.is_zero() {
                    return Err(self.new_zero_division_error("division by zero"));
                }
                let f = crate::kernels::int_fmt::int_true_divide(a, b)
                    .map_err(|e| self.kernel_err(e))?;
                return Ok(Some(Value::float(f)));
            }
            BinOp::Pow => {
                if b.is_negative() {
                    let fa = self.n_to_f64(x)?;
                    let fb = self.n_to_f64(y)?;
                    if fa == 0.0 {
                        return Err(self
                            .new_zero_division_error("0.0 cannot be raised to a negative power"));
                    }
                    return self.float_pow(fa, fb).map(Some);
                }
                let Some(e) = b.to_u64() else {
                    return Err(self.new_exception(&self.t.exc.memory_error.clone(), vec![]));
                };
                let bits = a.bits();
                if bits > 1 && bits.saturating_mul(e) > MAX_BITS {
                    return Err(self.new_exception(&self.t.exc.memory_error.clone(), vec![]));
                }
                if bits > 1 {
                    self.charge_bigint(bits.saturating_mul(e))?;
                }
                Pow::pow(a, e)
            }
            BinOp::LShift => {
                if b.is_negative() {
                    return Err(self.new_value_error("negative shift count"));
                }
                if a.is_zero() {
                    return Ok(Some(Value::Int(0)));
                }
                let Some(s) = b
                    .to_u64()
                    .filter(|s| a.bits().saturating_add(*s) <= MAX_BITS)
                else {
                    return Err(self.new_overflow_error("too many digits in integer"));
                };
                a << s
            }
            BinOp::RShift => {
                if b.is_negative() {
                    return Err(self.new_value_error("negative shift count"));
                }
                match b.to_u64() {
                    Some(s) if s < a.bits() + 1 => a >> s,
                    _ => {
                        if a.is_negative() {
                            BigInt::from(-1)
                        } else {
                            BigInt::zero()
                        }
                    }
                }
            }
            BinOp::And => a & b,
            BinOp::Or => a | b,
            BinOp::Xor => a ^ b,
            BinOp::MatMul => return Ok(None),
        };
        Ok(Some(self.new_int_big(r)))
    }

    fn complex_binop(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
        let Some(x) = self.as_complex(a)? else {
            return Ok(None);
        };
        let Some(y) = self.as_complex(b)? else {
            return Ok(None);
        };
        let r = match op {
            BinOp::Add => (x.0 + y.0, x.1 + y.1),
            BinOp::Sub => (x.0 - y.0, x.1 - y.1),
            BinOp::Mul => (x.0 * y.0 - x.1 * y.1, x.0 * y.1 + x.1 * y.0),
            BinOp::TrueDiv => {
                if y.0 == 0.0 && y.1 == 0.0 {
                    return Err(self.new_zero_division_error("complex division by zero"));
                }
                complex_div(x, y)
            }
            BinOp::Pow => {
                if x.0 == 0.0 && x.1 == 0.0 {
                    if y.1 != 0.0 || y.0 < 0.0 {
                        return Err(
                            self.new_zero_division_error("0.0 to a negative or complex power")
                        );
                    }
                    if y.0 == 0.0 {
                        (1.0, 0.0)
                    } else {
                        (0.0, 0.0)
                    }
                } else {
                    let (re, im, edom) = complex_pow(x, y);
                    // CPython reports libm's errno: EDOM (cos/sin of an infinite phase, division
                    // by a zero power) and ERANGE (an infinite component).
                    if edom {
                        return Err(
                            self.new_zero_division_error("0.0 to a negative or complex power")
                        );
                    }
                    if re.is_infinite() || im.is_infinite() {
                        return Err(self.new_overflow_error("complex exponentiation"));
                    }
                    (re, im)
                }
            }
            _ => return Ok(None),
        };
        Ok(Some(self.new_complex(r.0, r.1)))
    }

    fn as_complex(&mut self, v: &Value) -> PyResult<Option<(f64, f64)>> {
        if let Some(Payload::Complex { re, im }) = v.payload() {
            return Ok(Some((*re, *im)));
        }
        match num(v) {
            Some(n) => Ok(Some((self.n_to_f64(&n)?, 0.0))),
            None => Ok(None),
        }
    }

    /// `-v`, `+v`, `~v`.
    pub fn unary_op(&mut self, v: &Value, op: UnaryOp) -> PyResult<Value> {
        match (v, op) {
            (Value::Int(i), UnaryOp::Neg) => {
                return Ok(match i.checked_neg() {
                    Some(r) => Value::Int(r),
                    None => self.new_int_big(-BigInt::from(*i)),
                })
            }
            (Value::Int(i), UnaryOp::Pos) => return Ok(Value::Int(*i)),
            (Value::Int(i), UnaryOp::Invert) => return Ok(Value::Int(!i)),
            (Value::Bool(b), _) => return self.unary_op(&Value::Int(i64::from(*b)), op),
            (Value::Float(f), UnaryOp::Neg) => return Ok(Value::float(-f.get())),
            (Value::Float(f), UnaryOp::Pos) => return Ok(Value::Float(*f)),
            _ => {}
        }
        let (name, sym) = match op {
            UnaryOp::Neg => ("__neg__", "-"),
            UnaryOp::Pos => ("__pos__", "+"),
            UnaryOp::Invert => ("__invert__", "~"),
        };
        if self.is_heap(v) {
            let cls = self.type_of(v);
            if let Some(f) = self.user_method(&cls, name) {
                return self.call(&f, &[v.clone()]);
            }
        }
        match (v.payload(), op) {
            (Some(Payload::BigInt(b)), UnaryOp::Neg) => return Ok(self.new_int_big(-b.clone())),
            (Some(Payload::BigInt(b)), UnaryOp::Pos) => return Ok(self.new_int_big(b.clone())),
            (Some(Payload::BigInt(b)), UnaryOp::Invert) => return Ok(self.new_int_big(!b.clone())),
            (Some(Payload::Float(f)), UnaryOp::Neg) => return Ok(self.new_float(-f)),
            (Some(Payload::Float(f)), UnaryOp::Pos) => return Ok(self.new_float(*f)),
            (Some(Payload::Complex { re, im }), UnaryOp::Neg) => {
                return Ok(self.new_complex(-re, -im))
            }
            (Some(Payload::Complex { re, im }), UnaryOp::Pos) => {
                return Ok(self.new_complex(*re, *im))
            }
            _ => {}
        }
        Err(self.new_type_error(&format!(
            "bad operand type for unary {sym}: '{}'",
            self.type_name(v)
        )))
    }

    /// `str % args` through the kernels' printf formatter.
    pub fn str_percent(&mut self, fmt: &str, args: &Value) -> PyResult<String> {
        use crate::kernels::percent::{percent_format, PercentArgs};
        let pa = match args.payload() {
            Some(Payload::Tuple(t)) => PercentArgs::Tuple(t.to_vec()),
            Some(Payload::Dict(_)) => PercentArgs::Mapping(args.clone()),
            _ => {
                // CPython's `PyMapping_Check`: any type with `__getitem__` (list, bytes, range…).
                let is_mapping = {
                    let t = self.type_of(args);
                    self.lookup_type_attr(&t, "__getitem__").is_some()
                        && !matches!(args.payload(), Some(Payload::Str(_)))
                };
                if is_mapping {
                    PercentArgs::Mapping(args.clone())
                } else {
                    PercentArgs::Single(args.clone())
                }
            }
        };
        let mut host = crate::proto::seq::PercentBridge { vm: self };
        percent_format(fmt, pa, &mut host).map_err(|e| e.into_py(self))
    }
}

fn int_fast(x: i64, y: i64, op: BinOp) -> Option<i64> {
    match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::FloorDiv => {
            if y == 0 {
                return None;
            }
            let q = x.checked_div(y)?;
            if (x % y != 0) && ((x < 0) != (y < 0)) {
                Some(q - 1)
            } else {
                Some(q)
            }
        }
        BinOp::Mod => {
            if y == 0 {
                return None;
            }
            let r = x.checked_rem(y)?;
            if r != 0 && ((r < 0) != (y < 0)) {
                Some(r + y)
            } else {
                Some(r)
            }
        }
        BinOp::And => Some(x & y),
        BinOp::Or => Some(x | y),
        BinOp::Xor => Some(x ^ y),
        BinOp::LShift => {
            if !(0..64).contains(&y) {
                return None;
            }
            let r = x.checked_shl(y as u32)?;
            if (r >> y) == x {
                Some(r)
            } else {
                None
            }
        }
        BinOp::RShift => {
            if y < 0 {
                return None;
            }
            Some(if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            })
        }
        BinOp::Pow => {
            if y < 0 {
                return None;
            }
            let e = u32::try_from(y).ok()?;
            x.checked_pow(e)
        }
        _ => None,
    }
}

fn complex_div(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    let (ar, ai) = a;
    let (br, bi) = b;
    if br.abs() >= bi.abs() {
        let ratio = bi / br;
        let denom = br + bi * ratio;
        ((ar + ai * ratio) / denom, (ai - ar * ratio) / denom)
    } else {
        let ratio = br / bi;
        let denom = br * ratio + bi;
        ((ar * ratio + ai) / denom, (ai * ratio - ar) / denom)
    }
}

/// `a ** b` for complex numbers (nonzero `a`): `(re, im, edom)`, where `edom` says the C
/// library would have reported a domain error.
fn complex_pow(a: (f64, f64), b: (f64, f64)) -> (f64, f64, bool) {
    // CPython raises small integral powers by repeated multiplication (`c_powi`).
    if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        #[allow(clippy::cast_possible_truncation)]
        let n = b.0 as i64;
        let (mut r, mut p, mut k) = ((1.0, 0.0), a, n.unsigned_abs());
        let prod = |x: (f64, f64), y: (f64, f64)| (x.0 * y.0 - x.1 * y.1, x.0 * y.1 + x.1 * y.0);
        while k > 0 {
            if k & 1 == 1 {
                r = prod(r, p);
            }
            k >>= 1;
            p = prod(p, p);
        }
        if n >= 0 {
            return (r.0, r.1, false);
        }
        if r.0 == 0.0 && r.1 == 0.0 {
            return (0.0, 0.0, true);
        }
        let q = complex_div((1.0, 0.0), r);
        return (q.0, q.1, false);
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    (len * phase.cos(), len * phase.sin(), phase.is_infinite())
}
