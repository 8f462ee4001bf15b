//! Argument-count checks with CPython's messages for the slot dunders of the builtin types,
//! applied last over whatever implementation is installed (the VM's slot wrappers or this
//! crate's): `(1).__neg__(2)` raises `expected 0 arguments, got 1`, `[].__mul__()` raises
//! ` expected 1 argument, got 0` (the sequence wrappers unpack with an empty name),
//! `(1).__ceil__(1)` raises `int.__ceil__() takes no arguments (1 given)`.

use pyvm_vm::kernels::errors::plural;
use pyvm_vm::object::{NativeFunctionData, TypeData};
use pyvm_vm::proto::hash::str_hash;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm};
use std::rc::Rc;

#[derive(Clone, Copy)]
enum Rule {
    /// A slot wrapper checking the count itself: `expected N arguments, got M`.
    Slot(usize),
    /// A slot wrapper unpacking with an empty name: ` expected N arguments, got M`.
    Unpack(usize, usize),
    /// A METH_NOARGS method: `T.name() takes no arguments (M given)`.
    NoArgs,
    /// A METH_O method: `T.name() takes exactly one argument (M given)`.
    OneArg,
}

const UNARY: [&str; 13] = [
    "__abs__",
    "__neg__",
    "__pos__",
    "__invert__",
    "__float__",
    "__int__",
    "__index__",
    "__bool__",
    "__len__",
    "__hash__",
    "__iter__",
    "__next__",
    "__repr__",
];

const NOARGS: [&str; 13] = [
    "__ceil__",
    "__floor__",
    "__trunc__",
    "conjugate",
    "as_integer_ratio",
    "is_integer",
    "bit_count",
    "bit_length",
    "__getnewargs__",
    "__sizeof__",
    "__reversed__",
    "__complex__",
    "__bytes__",
];

fn shown(vm: &Vm, a: &Args<'_>, tname: &str) -> String {
    a.pos.first().map_or_else(
        || tname.to_string(),
        |v| crate::args::bound_type_name(vm, v),
    )
}

fn check(vm: &Vm, a: &Args<'_>, rule: Rule, tname: &str, name: &str) -> PyResult<()> {
    let n = a.pos.len().saturating_sub(1);
    let msg = match rule {
        Rule::Slot(k) if n != k => format!("expected {k} argument{}, got {n}", plural(k)),
        Rule::Unpack(lo, hi) if n < lo || n > hi => {
            if lo == hi {
                format!(" expected {lo} argument{}, got {n}", plural(lo))
            } else if n < lo {
                format!(" expected at least {lo} argument{}, got {n}", plural(lo))
            } else {
                format!(" expected at most {hi} argument{}, got {n}", plural(hi))
            }
        }
        Rule::NoArgs if n != 0 => format!(
            "{}.{name}() takes no arguments ({n} given)",
            shown(vm, a, tname)
        ),
        Rule::OneArg if n != 1 => {
            format!(
                "{}.{name}() takes exactly one argument ({n} given)",
                shown(vm, a, tname)
            )
        }
        _ => return Ok(()),
    };
    Err(vm.new_type_error(&msg))
}

/// Puts the check in front of the native implementation `ty` itself defines under `name`, if
/// any, when the type's namespace is first read (`Vm::type_edit`).
fn wrap(vm: &mut Vm, ty: &ObjRef, tname: &'static str, name: &'static str, rule: Rule) {
    vm.type_edit(ty, move |vm, td| wrap_now(vm, td, tname, name, rule));
}

/// [`wrap`]'s edit. The replacement is a copy of the old method object (same name, kind, owner
/// and class) stored at the old one's place in the type's dict: no new name or key to build.
fn wrap_now(vm: &Vm, td: &TypeData, tname: &'static str, name: &'static str, rule: Rule) {
    let mut d = td.dict.borrow_mut();
    let Some(pos) = d.find_str(str_hash(name), name) else {
        return;
    };
    let Some(old) = d.value_at(pos).map(|v| v.clone()) else {
        return;
    };
    let Some(Payload::NativeFunction(nf)) = old.payload() else {
        return;
    };
    let class = vm.type_of(&old);
    let inner = nf.func.clone();
    let data = NativeFunctionData {
        name: nf.name.clone(),
        func: Rc::new(move |vm: &mut Vm, a: Args<'_>| {
            check(vm, &a, rule, tname, name)?;
            inner(vm, a)
        }),
        kind: nf.kind,
        owner: nf.owner.clone(),
        bound: nf.bound.clone(),
        module: nf.module.clone(),
        needs_frame: nf.needs_frame,
    };
    let new = vm.alloc(&class, Payload::NativeFunction(Box::new(data)));
    let old = d.set_at(pos, Value::Obj(new));
    drop(d);
    drop(old);
}

pub(crate) fn install(vm: &mut Vm) {
    let t = vm.types();
    let all: Vec<(ObjRef, &'static str)> = vec![
        (t.int.clone(), "int"),
        (t.bool_.clone(), "bool"),
        (t.float.clone(), "float"),
        (t.complex.clone(), "complex"),
        (t.str.clone(), "str"),
        (t.bytes.clone(), "bytes"),
        (t.bytearray.clone(), "bytearray"),
        (t.list.clone(), "list"),
        (t.tuple.clone(), "tuple"),
        (t.dict.clone(), "dict"),
        (t.set.clone(), "set"),
        (t.frozenset.clone(), "frozenset"),
        (t.range.clone(), "range"),
        (t.dict_keys.clone(), "dict_keys"),
        (t.dict_values.clone(), "dict_values"),
        (t.dict_items.clone(), "dict_items"),
        (t.object.clone(), "object"),
        (t.slice.clone(), "slice"),
    ];
    for (ty, tname) in &all {
        for name in UNARY {
            wrap(vm, ty, tname, name, Rule::Slot(0));
        }
        for name in NOARGS {
            wrap(vm, ty, tname, name, Rule::NoArgs);
        }
        // METH_O in CPython for the hashed containers, a slot wrapper for the sequences.
        let contains = if matches!(*tname, "set" | "frozenset" | "dict") {
            Rule::OneArg
        } else {
            Rule::Slot(1)
        };
        wrap(vm, ty, tname, "__contains__", contains);
        for name in [
            "__delitem__",
            "__iadd__",
            "__ior__",
            "__iand__",
            "__isub__",
            "__ixor__",
            "__eq__",
            "__ne__",
            "__lt__",
            "__le__",
            "__gt__",
            "__ge__",
            "__add__",
            "__radd__",
            "__sub__",
            "__rsub__",
            "__and__",
            "__rand__",
            "__or__",
            "__ror__",
            "__xor__",
            "__rxor__",
            "__mod__",
            "__rmod__",
        ] {
            wrap(vm, ty, tname, name, Rule::Slot(1));
        }
        let sequence = matches!(*tname, "str" | "bytes" | "bytearray" | "list" | "tuple");
        if sequence {
            for name in ["__mul__", "__rmul__", "__imul__"] {
                wrap(vm, ty, tname, name, Rule::Unpack(1, 1));
            }
        }
        match *tname {
            "list" | "dict" => wrap(vm, ty, tname, "__getitem__", Rule::OneArg),
            _ => wrap(vm, ty, tname, "__getitem__", Rule::Slot(1)),
        }
        match *tname {
            "list" | "bytearray" => wrap(vm, ty, tname, "__setitem__", Rule::Unpack(2, 2)),
            _ => wrap(vm, ty, tname, "__setitem__", Rule::Slot(2)),
        }
        if matches!(*tname, "int" | "bool" | "float" | "complex") {
            for name in ["__pow__", "__rpow__"] {
                wrap(vm, ty, tname, name, Rule::Unpack(1, 2));
            }
        }
    }
    let object = vm.types().object.clone();
    wrap(vm, &object, "object", "__str__", Rule::Slot(0));
    wrap(vm, &object, "object", "__getattribute__", Rule::Slot(1));
    wrap(vm, &object, "object", "__setattr__", Rule::Slot(2));
    wrap(vm, &object, "object", "__dir__", Rule::NoArgs);
    wrap(vm, &object, "object", "__format__", Rule::OneArg);
    // Iterators: `__next__` / `__iter__` take no arguments.
    let iters = vm.types().sequence_iterators();
    for ty in &iters {
        wrap(vm, ty, "iterator", "__next__", Rule::Slot(0));
        wrap(vm, ty, "iterator", "__iter__", Rule::Slot(0));
    }
}
