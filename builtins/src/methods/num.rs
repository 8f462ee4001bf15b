//! `int` and `float` methods.

use crate::args::{self, kerr};
use pyvm_vm::kernels::{format_spec, int_fmt, numbers};
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm, B64};

fn this_float(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<f64> {
    match args::this(vm, a)? {
        Value::Float(f) => Ok(f.get()),
        Value::Obj(o) if matches!(o.payload, Payload::Float(_)) => match o.payload {
            Payload::Float(f) => Ok(f),
            _ => Ok(0.0),
        },
        v => Err(vm.new_type_error(&format!(
            "descriptor '{name}' for 'float' objects doesn't apply to a '{}' object",
            vm.type_name(&v)
        ))),
    }
}

fn this_int(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<num_bigint::BigInt> {
    let v = args::this(vm, a)?;
    vm.as_bigint(&v).ok_or_else(|| {
        vm.new_type_error(&format!(
            "descriptor '{name}' for 'int' objects doesn't apply to a '{}' object",
            vm.type_name(&v)
        ))
    })
}

pub(crate) fn install(vm: &mut Vm) {
    let f = vm.types().float.clone();
    vm.add_method(&f, "is_integer", |vm, a| {
        let x = this_float(vm, &a, "is_integer")?;
        args::meth(vm, &a, "float", "is_integer", 0, 0)?;
        Ok(Value::bool(numbers::is_integer(x)))
    });
    vm.add_method(&f, "as_integer_ratio", |vm, a| {
        let x = this_float(vm, &a, "as_integer_ratio")?;
        args::meth(vm, &a, "float", "as_integer_ratio", 0, 0)?;
        let (n, d) = numbers::as_integer_ratio(x).map_err(|e| kerr(vm, e))?;
        let n = vm.new_int_big(n);
        let d = vm.new_int_big(d);
        Ok(vm.new_tuple(vec![n, d]))
    });
    vm.add_method(&f, "hex", |vm, a| {
        let x = this_float(vm, &a, "hex")?;
        args::meth(vm, &a, "float", "hex", 0, 0)?;
        Ok(vm.new_string(numbers::float_hex(x)))
    });
    vm.add_method(&f, "conjugate", |vm, a| {
        let x = this_float(vm, &a, "conjugate")?;
        Ok(Value::float(x))
    });
    vm.add_method(&f, "__format__", |vm, a| {
        let x = this_float(vm, &a, "__format__")?;
        let rest = args::meth(vm, &a, "float", "__format__", 1, 1)?;
        let spec = args::str_arg(vm, &rest[0], "__format__() argument")?;
        format_spec::format_float(x, &spec)
            .map(|s| vm.new_string(s))
            .map_err(|e| kerr(vm, e))
    });
    vm.add_classmethod(&f, "fromhex", |vm, a| {
        let rest = args::meth(vm, &a, "float", "fromhex", 1, 1)?;
        let s = rest[0]
            .as_rc_str()
            .ok_or_else(|| vm.new_type_error("bad argument type for built-in operation"))?;
        let v = numbers::float_fromhex(&s)
            .map(Value::float)
            .map_err(|e| kerr(vm, e))?;
        let cls = args::this(vm, &a)?;
        match vm.as_class(&cls) {
            Some(c) if !ObjRef::ptr_eq(&c, &vm.types().float) => vm.call(&cls, &[v]),
            _ => Ok(v),
        }
    });

    let i = vm.types().int.clone();
    vm.add_method(&i, "bit_length", |vm, a| {
        let b = this_int(vm, &a, "bit_length")?;
        args::meth(vm, &a, "int", "bit_length", 0, 0)?;
        Ok(Value::Int(int_fmt::bit_length(&b) as i64))
    });
    vm.add_method(&i, "bit_count", |vm, a| {
        let b = this_int(vm, &a, "bit_count")?;
        let n: u64 = b
            .magnitude()
            .iter_u64_digits()
            .map(|d| u64::from(d.count_ones()))
            .sum();
        Ok(Value::Int(n as i64))
    });
    vm.add_method(&i, "as_integer_ratio", |vm, a| {
        let b = this_int(vm, &a, "as_integer_ratio")?;
        let n = vm.new_int_big(b);
        Ok(vm.new_tuple(vec![n, Value::Int(1)]))
    });
    vm.add_method(&i, "is_integer", |vm, a| {
        this_int(vm, &a, "is_integer")?;
        Ok(Value::Bool(B64::TRUE))
    });
    vm.add_method(&i, "conjugate", |vm, a| {
        let b = this_int(vm, &a, "conjugate")?;
        Ok(vm.new_int_big(b))
    });
    vm.add_method(&i, "__format__", |vm, a| {
        let v = args::this(vm, &a)?;
        let b = this_int(vm, &a, "__format__")?;
        let rest = args::meth(vm, &a, "int", "__format__", 1, 1)?;
        let spec = args::str_arg(vm, &rest[0], "__format__() argument")?;
        let tn = if matches!(v, Value::Bool(_)) {
            "bool"
        } else {
            "int"
        };
        format_spec::format_int(&b, &spec, tn)
            .map(|s| vm.new_string(s))
            .map_err(|e| kerr(vm, e))
    });
    vm.add_method(&i, "to_bytes", |vm, a| {
        let b = this_int(vm, &a, "to_bytes")?;
        args::only_kw(vm, &a, "to_bytes", &["length", "byteorder", "signed"])?;
        if a.pos.len() > 3 {
            return Err(vm.new_type_error(&format!(
                "to_bytes() takes at most 2 positional arguments ({} given)",
                a.pos.len() - 1
            )));
        }
        let length = match args::pos_or_kw(&a, 1, "length") {
            Some(v) => vm.to_index(v)?,
            None => 1,
        };
        if length < 0 {
            return Err(vm.new_value_error("length argument must be non-negative"));
        }
        args::check_size(vm, length)?;
        let order = match args::pos_or_kw(&a, 2, "byteorder") {
            Some(v) => {
                let s = args::str_arg(vm, v, "to_bytes() argument 'byteorder'")?;
                int_fmt::ByteOrder::parse(&s).map_err(|e| kerr(vm, e))?
            }
            None => int_fmt::ByteOrder::Big,
        };
        let signed = args::flag(vm, a.kwarg("signed"), false)?;
        let bytes =
            int_fmt::to_bytes(&b, length as usize, order, signed).map_err(|e| kerr(vm, e))?;
        Ok(vm.new_bytes(bytes))
    });
    vm.add_classmethod(&i, "from_bytes", |vm, a| {
        args::only_kw(vm, &a, "from_bytes", &["bytes", "byteorder", "signed"])?;
        if a.pos.len() > 3 {
            return Err(vm.new_type_error(&format!(
                "from_bytes() takes at most 2 positional arguments ({} given)",
                a.pos.len() - 1
            )));
        }
        let Some(src) = args::pos_or_kw(&a, 1, "bytes").cloned() else {
            return Err(vm.new_type_error("from_bytes() missing required argument 'bytes' (pos 1)"));
        };
        let data = match super::memoryview::buffer(&src) {
            Some(b) => b,
            None => {
                if src.as_str().is_some() || vm.is_int(&src) || vm.iter(&src).is_err() {
                    return Err(vm.new_type_error(&format!(
                        "cannot convert '{}' object to bytes",
                        vm.type_name(&src)
                    )));
                }
                let items = vm.to_vec(&src)?;
                let mut out = Vec::with_capacity(items.len());
                for it in &items {
                    match super::bytes::int_byte(vm, it) {
                        Ok(b) => out.push(b),
                        Err(e) if vm.err_matches(&e, &vm.types().exc.value_error.clone()) => {
                            return Err(vm.new_value_error("bytes must be in range(0, 256)"))
                        }
                        Err(e) => return Err(e),
                    }
                }
                out
            }
        };
        let order = match args::pos_or_kw(&a, 2, "byteorder") {
            Some(v) => {
                let s = args::str_arg(vm, v, "from_bytes() argument 'byteorder'")?;
                int_fmt::ByteOrder::parse(&s).map_err(|e| kerr(vm, e))?
            }
            None => int_fmt::ByteOrder::Big,
        };
        let signed = args::flag(vm, a.kwarg("signed"), false)?;
        let v = vm.new_int_big(int_fmt::from_bytes(&data, order, signed));
        let cls = args::this(vm, &a)?;
        match vm.as_class(&cls) {
            Some(c) if !ObjRef::ptr_eq(&c, &vm.types().int) => vm.call(&cls, &[v]),
            _ => Ok(v),
        }
    });
}
