//! The mutating methods of `bytearray` (`append`, `extend`, `insert`, `pop`, `remove`,
//! `reverse`, `clear`, `copy`, `__alloc__`, in-place operators).

use super::bytes::int_byte;
use super::memoryview::{buffer, has_exports};
use crate::args;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm};

fn this(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<(Value, ObjRef)> {
    let v = args::this(vm, a)?;
    match &v {
        Value::Obj(o) if matches!(o.payload, Payload::ByteArray(_)) => {
            let o = o.clone();
            Ok((v, o))
        }
        _ => Err(vm.new_type_error(&format!(
            "descriptor '{name}' for 'bytearray' objects doesn't apply to a '{}' object",
            vm.type_name(&v)
        ))),
    }
}

fn with<R>(o: &ObjRef, f: impl FnOnce(&mut Vec<u8>) -> R) -> Option<R> {
    match &o.payload {
        Payload::ByteArray(b) => Some(f(&mut b.borrow_mut())),
        _ => None,
    }
}

/// Raises `BufferError` when memoryviews of `v` are alive.
pub(crate) fn check_resize(vm: &Vm, v: &Value) -> PyResult<()> {
    if has_exports(v) {
        let ty = vm.types().exc.buffer_error.clone();
        return Err(
            vm.new_exception_msg(&ty, "Existing exports of data: object cannot be re-sized")
        );
    }
    Ok(())
}

/// The bytes `extend` / `+=` take: a buffer, or an iterable of ints in `range(256)`.
fn iterable_bytes(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer(v) {
        return Ok(b);
    }
    let it = match vm.iter(v) {
        Ok(it) => it,
        Err(e) if vm.err_matches(&e, &vm.types().exc.type_error.clone()) => {
            return Err(
                vm.new_type_error(&format!("can't extend bytearray with {}", vm.type_name(v)))
            )
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    while let Some(x) = vm.next(&it)? {
        out.push(int_byte(vm, &x)?);
    }
    Ok(out)
}

fn def(vm: &mut Vm, name: &str, f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static) {
    let ty = vm.types().bytearray.clone();
    vm.add_method(&ty, name, f);
}

pub(crate) fn install(vm: &mut Vm) {
    def(vm, "__init__", |vm, a| {
        let (v, o) = this(vm, &a, "__init__")?;
        let p = args::bind(vm, &a, "bytearray", &["source", "encoding", "errors"], 0)?;
        let data = super::bytes::from_source(vm, p[0], p[1], p[2], "bytearray")?;
        check_resize(vm, &v)?;
        with(&o, |d| *d = data);
        Ok(Value::None)
    });
    def(vm, "append", |vm, a| {
        let (v, o) = this(vm, &a, "append")?;
        let rest = args::meth(vm, &a, "bytearray", "append", 1, 1)?;
        let b = int_byte(vm, &rest[0])?;
        check_resize(vm, &v)?;
        with(&o, |d| d.push(b));
        Ok(Value::None)
    });
    def(vm, "extend", |vm, a| {
        let (v, o) = this(vm, &a, "extend")?;
        let rest = args::meth(vm, &a, "bytearray", "extend", 1, 1)?;
        let data = iterable_bytes(vm, &rest[0])?;
        check_resize(vm, &v)?;
        with(&o, |d| d.extend_from_slice(&data));
        Ok(Value::None)
    });
    def(vm, "insert", |vm, a| {
        let (v, o) = this(vm, &a, "insert")?;
        let rest = args::meth(vm, &a, "bytearray", "insert", 2, 2)?;
        let i = vm.to_index(&rest[0])?;
        let b = int_byte(vm, &rest[1])?;
        check_resize(vm, &v)?;
        with(&o, |d| {
            let n = i64::try_from(d.len()).unwrap_or(i64::MAX);
            let pos = if i < 0 { (i + n).max(0) } else { i.min(n) };
            d.insert(usize::try_from(pos).unwrap_or(0), b);
        });
        Ok(Value::None)
    });
    def(vm, "pop", |vm, a| {
        let (v, o) = this(vm, &a, "pop")?;
        let rest = args::meth(vm, &a, "bytearray", "pop", 0, 1)?;
        let i = match rest.first() {
            Some(x) => vm.to_index(x)?,
            None => -1,
        };
        let len = with(&o, |d| d.len()).unwrap_or(0);
        if len == 0 {
            return Err(vm.new_index_error("pop from empty bytearray"));
        }
        let n = i64::try_from(len).unwrap_or(i64::MAX);
        let pos = if i < 0 { i + n } else { i };
        if pos < 0 || pos >= n {
            return Err(vm.new_index_error("pop index out of range"));
        }
        check_resize(vm, &v)?;
        let b = with(&o, |d| d.remove(usize::try_from(pos).unwrap_or(0))).unwrap_or(0);
        Ok(Value::Int(i64::from(b)))
    });
    def(vm, "remove", |vm, a| {
        let (v, o) = this(vm, &a, "remove")?;
        let rest = args::meth(vm, &a, "bytearray", "remove", 1, 1)?;
        let b = int_byte(vm, &rest[0])?;
        let pos = with(&o, |d| d.iter().position(|&x| x == b)).flatten();
        let Some(pos) = pos else {
            return Err(vm.new_value_error("value not found in bytearray"));
        };
        check_resize(vm, &v)?;
        with(&o, |d| d.remove(pos));
        Ok(Value::None)
    });
    def(vm, "reverse", |vm, a| {
        let (_v, o) = this(vm, &a, "reverse")?;
        args::meth(vm, &a, "bytearray", "reverse", 0, 0)?;
        with(&o, |d| d.reverse());
        Ok(Value::None)
    });
    def(vm, "clear", |vm, a| {
        let (v, o) = this(vm, &a, "clear")?;
        args::meth(vm, &a, "bytearray", "clear", 0, 0)?;
        check_resize(vm, &v)?;
        with(&o, Vec::clear);
        Ok(Value::None)
    });
    def(vm, "copy", |vm, a| {
        let (_v, o) = this(vm, &a, "copy")?;
        args::meth(vm, &a, "bytearray", "copy", 0, 0)?;
        let d = with(&o, |d| d.clone()).unwrap_or_default();
        Ok(vm.new_bytearray(d))
    });
    def(vm, "__alloc__", |vm, a| {
        let (_v, o) = this(vm, &a, "__alloc__")?;
        args::meth(vm, &a, "bytearray", "__alloc__", 0, 0)?;
        let n = with(&o, |d| if d.is_empty() { 0 } else { d.len() + 1 }).unwrap_or(0);
        Ok(Value::Int(i64::try_from(n).unwrap_or(0)))
    });
    def(vm, "__iadd__", |vm, a| {
        let (v, o) = this(vm, &a, "__iadd__")?;
        let rest = args::meth(vm, &a, "bytearray", "__iadd__", 1, 1)?;
        let Some(data) = buffer(&rest[0]) else {
            return Err(vm.new_type_error(&format!(
                "can't concat {} to bytearray",
                vm.type_name(&rest[0])
            )));
        };
        check_resize(vm, &v)?;
        with(&o, |d| d.extend_from_slice(&data));
        Ok(v)
    });
    def(vm, "__imul__", |vm, a| {
        let (v, o) = this(vm, &a, "__imul__")?;
        let rest = args::meth(vm, &a, "bytearray", "__imul__", 1, 1)?;
        let n = usize::try_from(vm.to_index(&rest[0])?).unwrap_or(0);
        let len = with(&o, |d| d.len()).unwrap_or(0);
        if len.saturating_mul(n) > (1 << 32) {
            return Err(vm.new_exception(&vm.types().exc.memory_error.clone(), vec![]));
        }
        check_resize(vm, &v)?;
        with(&o, |d| *d = d.repeat(n));
        Ok(v)
    });
}
