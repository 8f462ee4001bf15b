//! The operator dunders of `int`, `bool`, `float` and `complex` with CPython's type rules:
//! `int.__add__(1, 2.0)` is `NotImplemented`, `float.__radd__(1.0, 2)` is `3.0`,
//! `(1).__lt__(2.0)` is `NotImplemented`; plus `__divmod__`, three-argument `__pow__`,
//! `__getnewargs__`, `float.__getformat__` and the `real` / `imag` / `numerator` /
//! `denominator` descriptors.
//!
//! Each wrapper works on plain copies of the operands, so calling it on a subclass instance
//! (`super().__add__(x)`) never dispatches back into the subclass's overrides.

use super::add_property;
use crate::args;
use pyvm_vm::proto::arith::BinOp;
use pyvm_vm::proto::cmp::CompareOp;
use pyvm_vm::{Args, Payload, PyResult, Value, Vm};

/// Which builtin numeric type a wrapper belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Bool,
    Float,
    Complex,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Int => "int",
            Kind::Bool => "bool",
            Kind::Float => "float",
            Kind::Complex => "complex",
        }
    }
}

/// An `int` value (any int or bool, subclass instances included) as a plain int.
pub(crate) fn plain_int(vm: &Vm, v: &Value) -> Option<Value> {
    match v {
        Value::Int(_) => Some(v.clone()),
        Value::Bool(b) => Some(Value::Int(i64::from(*b))),
        Value::Obj(o) => match &o.payload {
            Payload::BigInt(b) => Some(vm.new_int_big(b.clone())),
            _ => None,
        },
        _ => None,
    }
}

/// A `float` value (subclass instances included) as an f64.
pub(crate) fn plain_float(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(f.get()),
        Value::Obj(o) => match &o.payload {
            Payload::Float(f) => Some(*f),
            _ => None,
        },
        _ => None,
    }
}

fn plain_complex(vm: &Vm, v: &Value) -> Option<Value> {
    match v.payload() {
        Some(Payload::Complex { re, im }) => Some(vm.new_complex(*re, *im)),
        _ => None,
    }
}

/// `self` converted for `kind`, or the descriptor error.
fn plain_self(vm: &Vm, v: &Value, kind: Kind, name: &str) -> PyResult<Value> {
    let r = match kind {
        Kind::Int => plain_int(vm, v),
        Kind::Bool => match v {
            Value::Bool(_) => Some(v.clone()),
            _ => None,
        },
        Kind::Float => plain_float(v).map(Value::float),
        Kind::Complex => plain_complex(vm, v),
    };
    r.ok_or_else(|| {
        vm.new_type_error(&format!(
            "descriptor '{name}' requires a '{}' object but received a '{}'",
            kind.name(),
            vm.type_name(v)
        ))
    })
}

/// The other operand converted for `kind`; `None` means `NotImplemented`.
fn plain_other(vm: &Vm, v: &Value, kind: Kind) -> Option<Value> {
    match kind {
        Kind::Int => plain_int(vm, v),
        Kind::Bool => match v {
            Value::Bool(_) => Some(v.clone()),
            _ => None,
        },
        Kind::Float => plain_float(v)
            .map(Value::float)
            .or_else(|| plain_int(vm, v)),
        Kind::Complex => plain_complex(vm, v)
            .or_else(|| plain_float(v).map(Value::float))
            .or_else(|| plain_int(vm, v)),
    }
}

const INT_OPS: [(BinOp, &str, &str); 12] = [
    (BinOp::Add, "__add__", "__radd__"),
    (BinOp::Sub, "__sub__", "__rsub__"),
    (BinOp::Mul, "__mul__", "__rmul__"),
    (BinOp::TrueDiv, "__truediv__", "__rtruediv__"),
    (BinOp::FloorDiv, "__floordiv__", "__rfloordiv__"),
    (BinOp::Mod, "__mod__", "__rmod__"),
    (BinOp::Pow, "__pow__", "__rpow__"),
    (BinOp::LShift, "__lshift__", "__rlshift__"),
    (BinOp::RShift, "__rshift__", "__rrshift__"),
    (BinOp::And, "__and__", "__rand__"),
    (BinOp::Or, "__or__", "__ror__"),
    (BinOp::Xor, "__xor__", "__rxor__"),
];

fn binop_wrapper(
    vm: &mut Vm,
    a: &Args<'_>,
    kind: Kind,
    op: BinOp,
    name: &str,
    reflected: bool,
) -> PyResult<Value> {
    let this = args::this(vm, a)?;
    let x = plain_self(vm, &this, kind, name)?;
    let max = if op == BinOp::Pow { 2 } else { 1 };
    let rest = args::slot(vm, a, 1, max)?;
    // Three-argument pow: `int.__pow__(x, y, mod)`.
    if let Some(m) = rest.get(1).filter(|m| !m.is_none()) {
        let Some(y) = plain_other(vm, &rest[0], kind) else {
            return Ok(vm.not_implemented());
        };
        let (base, exp) = if reflected { (y, x) } else { (x, y) };
        let call = [base, exp, m.clone()];
        return crate::functions::pow(vm, Args::new(&call));
    }
    if kind == Kind::Bool {
        // bool & | ^ bool stays a bool; anything else is int arithmetic.
        return match (&x, &rest[0]) {
            (Value::Bool(p), Value::Bool(q)) => Ok(Value::Bool(match op {
                BinOp::And => *p & *q,
                BinOp::Or => *p | *q,
                _ => *p ^ *q,
            })),
            _ => binop_wrapper(vm, a, Kind::Int, op, name, reflected),
        };
    }
    let Some(y) = plain_other(vm, &rest[0], kind) else {
        return Ok(vm.not_implemented());
    };
    let (l, r) = if reflected { (y, x) } else { (x, y) };
    Ok(vm
        .builtin_binop_value(&l, &r, op)?
        .unwrap_or_else(|| vm.not_implemented()))
}

fn divmod_wrapper(
    vm: &mut Vm,
    a: &Args<'_>,
    kind: Kind,
    name: &str,
    reflected: bool,
) -> PyResult<Value> {
    let this = args::this(vm, a)?;
    let x = plain_self(vm, &this, kind, name)?;
    let rest = args::slot(vm, a, 1, 1)?;
    let Some(y) = plain_other(vm, &rest[0], kind) else {
        return Ok(vm.not_implemented());
    };
    let (l, r) = if reflected { (y, x) } else { (x, y) };
    crate::functions::divmod(vm, &l, &r)
}

fn compare_wrapper(
    vm: &mut Vm,
    a: &Args<'_>,
    kind: Kind,
    op: CompareOp,
    name: &str,
) -> PyResult<Value> {
    let this = args::this(vm, a)?;
    let x = plain_self(vm, &this, kind, name)?;
    let rest = args::slot(vm, a, 1, 1)?;
    let Some(y) = plain_other(vm, &rest[0], kind) else {
        return Ok(vm.not_implemented());
    };
    if kind == Kind::Complex && !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    vm.compare(&x, &y, op)
}

const CMPS: [(CompareOp, &str); 6] = [
    (CompareOp::Lt, "__lt__"),
    (CompareOp::Le, "__le__"),
    (CompareOp::Eq, "__eq__"),
    (CompareOp::Ne, "__ne__"),
    (CompareOp::Gt, "__gt__"),
    (CompareOp::Ge, "__ge__"),
];

fn install_kind(
    vm: &mut Vm,
    kind: Kind,
    ops: &[(BinOp, &'static str, &'static str)],
    divmod: bool,
) {
    let ty = match kind {
        Kind::Int => vm.types().int.clone(),
        Kind::Bool => vm.types().bool_.clone(),
        Kind::Float => vm.types().float.clone(),
        Kind::Complex => vm.types().complex.clone(),
    };
    for &(op, name, rname) in ops {
        vm.add_method(&ty, name, move |vm, a| {
            binop_wrapper(vm, &a, kind, op, name, false)
        });
        vm.add_method(&ty, rname, move |vm, a| {
            binop_wrapper(vm, &a, kind, op, rname, true)
        });
    }
    if divmod {
        vm.add_method(&ty, "__divmod__", move |vm, a| {
            divmod_wrapper(vm, &a, kind, "__divmod__", false)
        });
        vm.add_method(&ty, "__rdivmod__", move |vm, a| {
            divmod_wrapper(vm, &a, kind, "__rdivmod__", true)
        });
    }
    if kind != Kind::Bool {
        for (op, name) in CMPS {
            vm.add_method(&ty, name, move |vm, a| {
                compare_wrapper(vm, &a, kind, op, name)
            });
        }
    }
}

pub(crate) fn install(vm: &mut Vm) {
    install_kind(vm, Kind::Int, &INT_OPS, true);
    install_kind(vm, Kind::Float, &INT_OPS[..7], true);
    install_kind(
        vm,
        Kind::Complex,
        &[INT_OPS[0], INT_OPS[1], INT_OPS[2], INT_OPS[3], INT_OPS[6]],
        false,
    );
    install_kind(vm, Kind::Bool, &INT_OPS[9..], false);

    let int = vm.types().int.clone();
    let float = vm.types().float.clone();
    let complex = vm.types().complex.clone();
    vm.add_method(&int, "__getnewargs__", |vm, a| {
        let this = args::this(vm, &a)?;
        let x = plain_self(vm, &this, Kind::Int, "__getnewargs__")?;
        args::meth(vm, &a, "int", "__getnewargs__", 0, 0)?;
        Ok(vm.new_tuple(vec![x]))
    });
    vm.add_method(&float, "__getnewargs__", |vm, a| {
        let this = args::this(vm, &a)?;
        let x = plain_self(vm, &this, Kind::Float, "__getnewargs__")?;
        args::meth(vm, &a, "float", "__getnewargs__", 0, 0)?;
        Ok(vm.new_tuple(vec![x]))
    });
    vm.add_classmethod(&float, "__getformat__", |vm, a| {
        let rest = args::meth(vm, &a, "float", "__getformat__", 1, 1)?;
        match rest[0].as_str() {
            Some("double" | "float") => Ok(vm.new_str("IEEE, little-endian")),
            Some(_) => {
                Err(vm.new_value_error("__getformat__() argument 1 must be 'double' or 'float'"))
            }
            None => Err(vm.new_type_error(&format!(
                "__getformat__() argument must be str, not {}",
                vm.type_name(&rest[0])
            ))),
        }
    });
    for (ty, kind) in [
        (int.clone(), Kind::Int),
        (float.clone(), Kind::Float),
        (complex.clone(), Kind::Complex),
    ] {
        vm.add_method(&ty, "__hash__", move |vm, a| {
            let this = args::this(vm, &a)?;
            let x = plain_self(vm, &this, kind, "__hash__")?;
            args::slot(vm, &a, 0, 0)?;
            Ok(Value::Int(vm.hash(&x)?))
        });
    }
    add_property(vm, &int, "real", |vm, v| {
        plain_self(vm, v, Kind::Int, "real")
    });
    add_property(vm, &int, "numerator", |vm, v| {
        plain_self(vm, v, Kind::Int, "numerator")
    });
    add_property(vm, &int, "imag", |vm, v| {
        plain_self(vm, v, Kind::Int, "imag").map(|_| Value::Int(0))
    });
    add_property(vm, &int, "denominator", |vm, v| {
        plain_self(vm, v, Kind::Int, "denominator").map(|_| Value::Int(1))
    });
    add_property(vm, &float, "real", |vm, v| {
        plain_self(vm, v, Kind::Float, "real")
    });
    add_property(vm, &float, "imag", |vm, v| {
        plain_self(vm, v, Kind::Float, "imag").map(|_| Value::float(0.0))
    });
    add_property(vm, &complex, "real", |vm, v| match v.payload() {
        Some(Payload::Complex { re, .. }) => Ok(Value::float(*re)),
        _ => Err(vm.new_type_error("descriptor 'real' requires a 'complex' object")),
    });
    add_property(vm, &complex, "imag", |vm, v| match v.payload() {
        Some(Payload::Complex { im, .. }) => Ok(Value::float(*im)),
        _ => Err(vm.new_type_error("descriptor 'imag' requires a 'complex' object")),
    });
}
