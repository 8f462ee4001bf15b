//! `memoryview` (one-dimensional; native formats `B b c ? h H i I l L q Q n N P f d`) over
//! `bytes` and `bytearray`, and the buffer helpers every bytes-like argument goes through.
//! Multi-byte formats come from `cast` (C-contiguous views): their items are read and written
//! in native byte order; slicing them with a step other than 1 is not supported.
//!
//! A view records its exporter and a (start, step, len) window. Views of a `bytearray` are
//! registered as exports while alive, so resizing methods raise `BufferError`.

use crate::args;
use pyvm_vm::object::NativeFunctionData;
use pyvm_vm::proto::bytes_ext::{bytearray_has_exports, MemoryViewData as MemView};
use pyvm_vm::{Args, NativeKind, ObjRef, Payload, PyResult, Value, Vm, B64};
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    /// The memoryview type of the VM being set up (a fallback when `builtins.memoryview` was
    /// rebound by the program).
    static MV_TYPE: RefCell<Option<ObjRef>> = const { RefCell::new(None) };
}

/// Whether memoryviews of this bytearray are alive.
pub(crate) fn has_exports(v: &Value) -> bool {
    bytearray_has_exports(v)
}

/// The bytes of a bytes-like object (`bytes`, `bytearray`, `memoryview`).
pub(crate) fn buffer(v: &Value) -> Option<Vec<u8>> {
    match v.payload()? {
        Payload::Bytes(b) => Some(b.to_vec()),
        Payload::ByteArray(b) => Some(b.borrow().clone()),
        Payload::Native(n) => n
            .downcast_ref::<MemView>()
            .filter(|m| !m.released.get())
            .map(MemView::bytes),
        _ => None,
    }
}

/// Whether `v` supports the buffer protocol.
pub(crate) fn is_buffer(v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Bytes(_) | Payload::ByteArray(_)) => true,
        Some(Payload::Native(n)) => n.is::<MemView>(),
        _ => false,
    }
}

/// The bytes of a bytes-like argument, or `a bytes-like object is required, not 'T'`.
pub(crate) fn need_buffer(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(Payload::Native(n)) = v.payload() {
        if let Some(m) = n.downcast_ref::<MemView>() {
            if m.released.get() {
                return Err(released(vm));
            }
        }
    }
    buffer(v).ok_or_else(|| {
        vm.new_type_error(&format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

fn released(vm: &Vm) -> pyvm_vm::PyErr {
    vm.new_value_error("operation forbidden on released memoryview object")
}

fn view<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a MemView> {
    match v.payload() {
        Some(Payload::Native(n)) => match n.downcast_ref::<MemView>() {
            Some(m) => Ok(m),
            None => Err(vm.new_type_error("descriptor requires a 'memoryview' object")),
        },
        _ => Err(vm.new_type_error(&format!(
            "descriptor requires a 'memoryview' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

/// `self` of a memoryview method, checked not released.
fn live<'a>(vm: &Vm, a: &'a Args<'_>) -> PyResult<&'a MemView> {
    let v = a
        .pos
        .first()
        .ok_or_else(|| vm.new_type_error("descriptor needs an argument"))?;
    let m = view(vm, v)?;
    if m.released.get() {
        return Err(released(vm));
    }
    Ok(m)
}

fn mv_type(vm: &Vm) -> PyResult<ObjRef> {
    if let Some(Value::Obj(t)) = vm.get_builtin("memoryview") {
        return Ok(t);
    }
    MV_TYPE
        .with(|t| t.borrow().clone())
        .ok_or_else(|| vm.new_system_error("memoryview type missing"))
}

fn alloc(vm: &Vm, m: MemView) -> PyResult<Value> {
    let ty = mv_type(vm)?;
    Ok(Value::Obj(vm.alloc(&ty, Payload::Native(Box::new(m)))))
}

/// `memoryview(obj)`.
pub(crate) fn new_view(vm: &mut Vm, obj: &Value) -> PyResult<Value> {
    let m = match obj.payload() {
        Some(Payload::Bytes(b)) => MemView::new(obj.clone(), 0, 1, b.len(), 'B'),
        Some(Payload::ByteArray(b)) => {
            let n = b.borrow().len();
            MemView::new(obj.clone(), 0, 1, n, 'B')
        }
        Some(Payload::Native(n)) if n.is::<MemView>() => {
            let src = view(vm, obj)?;
            if src.released.get() {
                return Err(released(vm));
            }
            MemView::new(src.obj.clone(), src.start, src.step, src.len, src.fmt)
        }
        _ => {
            return Err(vm.new_type_error(&format!(
                "memoryview: a bytes-like object is required, not '{}'",
                vm.type_name(obj)
            )))
        }
    };
    alloc(vm, m)
}

fn item(vm: &Vm, m: &MemView, b: u8) -> Value {
    match m.fmt {
        'b' => Value::Int(i64::from(i8::from_ne_bytes([b]))),
        'c' => vm.new_bytes(vec![b]),
        '?' => Value::bool(b != 0),
        _ => Value::Int(i64::from(b)),
    }
}

/// One item of a multi-byte format (`chunk` holds its bytes in native order).
fn unpack(vm: &Vm, fmt: char, chunk: &[u8]) -> Value {
    let arr8 = |c: &[u8]| -> [u8; 8] {
        let mut a = [0u8; 8];
        for (d, s) in a.iter_mut().zip(c) {
            *d = *s;
        }
        a
    };
    match fmt {
        'f' => {
            let a = arr8(chunk);
            vm.new_float(f64::from(f32::from_ne_bytes([a[0], a[1], a[2], a[3]])))
        }
        'd' => vm.new_float(f64::from_ne_bytes(arr8(chunk))),
        _ => {
            let v = wide_item(fmt, chunk);
            i64::try_from(v).map_or_else(|_| vm.new_int_big(v.into()), Value::Int)
        }
    }
}

/// The native bytes of `v` as one item of multi-byte format `fmt`, with CPython's errors.
fn pack(vm: &mut Vm, fmt: char, v: &Value) -> PyResult<Vec<u8>> {
    let bad_type = || format!("memoryview: invalid type for format '{fmt}'");
    let bad_value = || format!("memoryview: invalid value for format '{fmt}'");
    if fmt == 'f' || fmt == 'd' {
        let is_num = vm.is_int(v) || matches!(v, Value::Float(_)) || {
            let t = vm.type_of(v);
            vm.lookup_type_attr(&t, "__float__").is_some() || has_index(vm, v)
        };
        if !is_num {
            return Err(vm.new_type_error(&bad_type()));
        }
        let x = vm.to_f64(v)?;
        if fmt == 'd' {
            return Ok(x.to_ne_bytes().to_vec());
        }
        #[allow(clippy::cast_possible_truncation)]
        let y = x as f32;
        if y.is_infinite() && x.is_finite() {
            return Err(vm.new_overflow_error("float too large to pack with f format"));
        }
        return Ok(y.to_ne_bytes().to_vec());
    }
    if !vm.is_int(v) && !has_index(vm, v) {
        return Err(vm.new_type_error(&bad_type()));
    }
    let x = vm.index_value(v)?;
    let x = vm.as_bigint(&x).unwrap_or_default();
    let size = item_size(fmt);
    let bits = 8 * u32::try_from(size).unwrap_or(8);
    let (lo, hi) = if fmt.is_ascii_lowercase() {
        (
            -(num_bigint::BigInt::from(1u32) << (bits - 1)),
            (num_bigint::BigInt::from(1u32) << (bits - 1)) - 1u32,
        )
    } else {
        (
            num_bigint::BigInt::from(0u32),
            (num_bigint::BigInt::from(1u32) << bits) - 1u32,
        )
    };
    if x < lo || x > hi {
        return Err(vm.new_value_error(&bad_value()));
    }
    // Two's complement, little-endian, then native order.
    let mut le = x.to_signed_bytes_le();
    let fill = if x.sign() == num_bigint::Sign::Minus {
        0xff
    } else {
        0
    };
    le.resize(size, fill);
    le.truncate(size);
    if cfg!(target_endian = "big") {
        le.reverse();
    }
    Ok(le)
}

fn getitem(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    let m = live(vm, &a)?;
    let key = a.pos.get(1).cloned().unwrap_or(Value::None);
    let size = item_size(m.fmt);
    if size > 1 {
        let n = m.len / size;
        if matches!(key.payload(), Some(Payload::Slice(_))) {
            let si = vm.slice_indices(&key, n)?;
            if si.step != 1 && si.len > 1 {
                return Err(vm.new_not_implemented_error(
                    "memoryview: slicing a multi-byte format with a step is not supported by this implementation",
                ));
            }
            let first = usize::try_from(si.start).unwrap_or(0).saturating_mul(size);
            let start = if si.len == 0 {
                m.start
            } else {
                m.pos(first).unwrap_or(m.start)
            };
            let nm = MemView::new(m.obj.clone(), start, 1, si.len * size, m.fmt);
            return alloc(vm, nm);
        }
        if !vm.is_int(&key) && !has_index(vm, &key) {
            return Err(vm.new_type_error("memoryview: invalid slice key"));
        }
        let i = index_in(vm, &key, n)?;
        let all = m.bytes();
        let chunk = all
            .get(i * size..(i + 1) * size)
            .ok_or_else(|| vm.new_index_error("index out of bounds on dimension 1"))?;
        return Ok(unpack(vm, m.fmt, chunk));
    }
    if matches!(key.payload(), Some(Payload::Slice(_))) {
        let si = vm.slice_indices(&key, m.len)?;
        let start = if si.len == 0 {
            m.start
        } else {
            m.pos(usize::try_from(si.start).unwrap_or(0)).unwrap_or(0)
        };
        let step = isize::try_from(si.step).unwrap_or(1).saturating_mul(m.step);
        let nm = MemView::new(m.obj.clone(), start, step, si.len, m.fmt);
        return alloc(vm, nm);
    }
    if !vm.is_int(&key) && !has_index(vm, &key) {
        return Err(vm.new_type_error("memoryview: invalid slice key"));
    }
    let i = index_in(vm, &key, m.len)?;
    let b = m
        .bytes()
        .get(i)
        .copied()
        .ok_or_else(|| vm.new_index_error("index out of bounds on dimension 1"))?;
    Ok(item(vm, m, b))
}

fn has_index(vm: &Vm, v: &Value) -> bool {
    let t = vm.type_of(v);
    vm.lookup_type_attr(&t, "__index__").is_some()
}

fn index_in(vm: &mut Vm, key: &Value, len: usize) -> PyResult<usize> {
    let i = vm.to_index(key)?;
    let n = i64::try_from(len).unwrap_or(i64::MAX);
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.new_index_error("index out of bounds on dimension 1"));
    }
    Ok(usize::try_from(j).unwrap_or(0))
}

fn write(m: &MemView, i: usize, b: u8) {
    if let (Some(Payload::ByteArray(data)), Some(p)) = (m.obj.payload(), m.pos(i)) {
        if let Some(slot) = data.borrow_mut().get_mut(p) {
            *slot = b;
        }
    }
}

fn byte_value(vm: &mut Vm, m: &MemView, v: &Value) -> PyResult<u8> {
    let bad_type = || format!("memoryview: invalid type for format '{}'", m.fmt);
    let bad_value = || format!("memoryview: invalid value for format '{}'", m.fmt);
    if m.fmt == '?' {
        return Ok(u8::from(vm.is_true(v)?));
    }
    if m.fmt == 'c' {
        return match buffer(v) {
            Some(b) if matches!(v.payload(), Some(Payload::Bytes(_))) && b.len() == 1 => Ok(b[0]),
            Some(_) if matches!(v.payload(), Some(Payload::Bytes(_))) => {
                Err(vm.new_value_error(&bad_value()))
            }
            _ => Err(vm.new_type_error(&bad_type())),
        };
    }
    if !vm.is_int(v) && !has_index(vm, v) {
        return Err(vm.new_type_error(&bad_type()));
    }
    let x = vm.index_value(v)?;
    let x = match x {
        Value::Int(i) => i,
        _ => i64::MAX,
    };
    let r = if m.fmt == 'b' {
        i8::try_from(x).map(|b| b.to_ne_bytes()[0]).ok()
    } else {
        u8::try_from(x).ok()
    };
    r.ok_or_else(|| vm.new_value_error(&bad_value()))
}

fn setitem(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    let m = live(vm, &a)?;
    let (Some(key), Some(value)) = (a.pos.get(1), a.pos.get(2)) else {
        return Err(vm.new_type_error("expected 2 arguments"));
    };
    if m.readonly {
        return Err(vm.new_type_error("cannot modify read-only memory"));
    }
    let size = item_size(m.fmt);
    if size > 1 {
        if matches!(key.payload(), Some(Payload::Slice(_))) {
            return Err(vm.new_not_implemented_error(&format!(
                "memoryview: slice assignment for format '{}' is not supported by this implementation",
                m.fmt
            )));
        }
        if !vm.is_int(key) && !has_index(vm, key) {
            return Err(vm.new_type_error("memoryview: invalid slice key"));
        }
        let i = index_in(vm, key, m.len / size)?;
        let bytes = pack(vm, m.fmt, value)?;
        for (k, b) in bytes.into_iter().enumerate() {
            write(m, i * size + k, b);
        }
        return Ok(Value::None);
    }
    if matches!(key.payload(), Some(Payload::Slice(_))) {
        let si = vm.slice_indices(key, m.len)?;
        let src = need_buffer(vm, value)?;
        if src.len() != si.len {
            return Err(vm.new_value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        for (i, b) in si.indices().zip(src) {
            write(m, i, b);
        }
        return Ok(Value::None);
    }
    if !vm.is_int(key) && !has_index(vm, key) {
        return Err(vm.new_type_error("memoryview: invalid slice key"));
    }
    let i = index_in(vm, key, m.len)?;
    let b = byte_value(vm, m, value)?;
    write(m, i, b);
    Ok(Value::None)
}

/// Bytes per item of a native format (64-bit sizes for `l L n N P`).
fn item_size(fmt: char) -> usize {
    match fmt {
        'h' | 'H' | 'e' => 2,
        'i' | 'I' | 'f' => 4,
        'l' | 'L' | 'q' | 'Q' | 'n' | 'N' | 'P' | 'd' => 8,
        _ => 1,
    }
}

/// One native-endian integer item of a multi-byte format.
fn wide_item(fmt: char, chunk: &[u8]) -> i128 {
    let mut buf = [0u8; 16];
    let n = chunk.len().min(8);
    buf[..n].copy_from_slice(&chunk[..n]);
    let u = u64::from_ne_bytes([
        buf[0], buf[1], buf[2], buf[3], buf[4], buf[5], buf[6], buf[7],
    ]);
    let bits = 8 * n as u32;
    if fmt.is_ascii_lowercase() && bits > 0 && bits < 64 && (u >> (bits - 1)) & 1 == 1 {
        i128::from(u) - (1i128 << bits)
    } else if fmt.is_ascii_lowercase() && bits == 64 {
        i128::from(u as i64)
    } else {
        i128::from(u)
    }
}

fn tolist(vm: &Vm, m: &MemView) -> Value {
    let size = item_size(m.fmt);
    if size > 1 {
        let items = m
            .bytes()
            .chunks(size)
            .map(|c| unpack(vm, m.fmt, c))
            .collect();
        return vm.new_list(items);
    }
    let items = m.bytes().into_iter().map(|b| item(vm, m, b)).collect();
    vm.new_list(items)
}

fn add(
    vm: &mut Vm,
    ty: &ObjRef,
    name: &str,
    f: impl Fn(&mut Vm, Args<'_>) -> PyResult<Value> + 'static,
) {
    vm.add_method(ty, name, f);
}

fn prop(
    vm: &mut Vm,
    ty: &ObjRef,
    name: &str,
    f: impl Fn(&mut Vm, &MemView) -> PyResult<Value> + 'static,
) {
    let get = Value::Obj(vm.alloc(
        &vm.types().builtin_function,
        Payload::NativeFunction(Box::new(NativeFunctionData {
            name: Rc::from(name),
            func: Rc::new(move |vm: &mut Vm, a: Args<'_>| {
                let m = live(vm, &a)?;
                f(vm, m)
            }),
            kind: NativeKind::Function,
            owner: None,
            bound: None,
            module: None,
            needs_frame: false,
        })),
    ));
    let p = vm.alloc(
        &vm.types().property,
        Payload::Property(Box::new(pyvm_vm::object::PropertyData {
            fget: get,
            fset: Value::None,
            fdel: Value::None,
            doc: Value::None,
        })),
    );
    vm.type_set_attr(ty, name, Value::Obj(p));
}

fn hex_sep(vm: &mut Vm, a: &Args<'_>, fname: &str) -> PyResult<(Option<char>, i64)> {
    let p = args::bind(vm, a, fname, &["sep", "bytes_per_sep"], 0)?;
    let sep = match p[0] {
        None => None,
        Some(v) => {
            let s: Vec<char> = match (v.as_str(), buffer(v)) {
                (Some(s), _) => s.chars().collect(),
                (None, Some(b)) => b.iter().map(|&c| char::from(c)).collect(),
                _ => {
                    if vm.len(v)? != 1 {
                        return Err(vm.new_value_error("sep must be length 1."));
                    }
                    return Err(vm.new_type_error("sep must be str or bytes."));
                }
            };
            match s.as_slice() {
                [c] if c.is_ascii() => Some(*c),
                [_] => return Err(vm.new_value_error("sep must be ASCII.")),
                _ => return Err(vm.new_value_error("sep must be length 1.")),
            }
        }
    };
    let per = match p[1] {
        Some(v) => vm.to_index(v)?,
        None => 1,
    };
    Ok((sep, per))
}

/// `hex()` shared by bytes, bytearray and memoryview.
pub(crate) fn hex_method(vm: &mut Vm, a: &Args<'_>, data: &[u8]) -> PyResult<Value> {
    let (sep, per) = hex_sep(vm, a, "hex")?;
    Ok(vm.new_string(super::bytes_ops::hex(data, sep, per)))
}

pub(crate) fn install(vm: &mut Vm) {
    let meta = vm.types().type_.clone();
    let name = vm.new_str("memoryview");
    let object = Value::Obj(vm.types().object.clone());
    let bases = vm.new_tuple(vec![object]);
    let ns = vm.new_dict();
    if let Some(d) = ns.as_obj() {
        let m = vm.new_str("builtins");
        vm.dict_set_str(Some(d), "__module__", m);
    }
    let Ok(Value::Obj(ty)) = vm.new_class(&meta, &name, &bases, &ns, &[]) else {
        return;
    };
    MV_TYPE.with(|t| *t.borrow_mut() = Some(ty.clone()));
    vm.set_builtin("memoryview", Value::Obj(ty.clone()));
    vm.set_constructor(&ty, |vm, a| {
        let p = args::bind(
            vm,
            &Args {
                pos: a.pos,
                kw: a.kw,
            },
            "memoryview",
            &["object"],
            1,
        )?;
        let obj = p[0].cloned().unwrap_or(Value::None);
        new_view(vm, &obj)
    });
    add(vm, &ty, "__init__", |_vm, _a| Ok(Value::None));
    vm.add_classmethod(&ty, "_from_flags", |vm, a| {
        let rest = args::meth(vm, &a, "memoryview", "_from_flags", 2, 2)?;
        vm.to_index(&rest[1])?;
        new_view(vm, &rest[0])
    });
    add(vm, &ty, "__getitem__", getitem);
    add(vm, &ty, "__setitem__", setitem);
    add(vm, &ty, "__len__", |vm, a| {
        let m = live(vm, &a)?;
        Ok(Value::Int(
            i64::try_from(m.len / item_size(m.fmt)).unwrap_or(0),
        ))
    });
    add(vm, &ty, "__iter__", |vm, a| {
        let m = live(vm, &a)?;
        let l = tolist(vm, m);
        vm.iter(&l)
    });
    add(vm, &ty, "__eq__", |vm, a| {
        let this = args::this(vm, &a)?;
        let other = a.pos.get(1).cloned().unwrap_or(Value::None);
        if this.is(&other) {
            return Ok(Value::Bool(B64::TRUE));
        }
        let m = view(vm, &this)?;
        if m.released.get() {
            return Ok(Value::Bool(B64::FALSE));
        }
        if let Some(Payload::Native(n)) = other.payload() {
            if n.downcast_ref::<MemView>()
                .is_some_and(|o| o.released.get())
            {
                return Ok(Value::Bool(B64::FALSE));
            }
        }
        match buffer(&other) {
            Some(b) => Ok(Value::bool(m.bytes() == b)),
            None => Ok(vm.not_implemented()),
        }
    });
    add(vm, &ty, "__ne__", |vm, a| {
        let this = args::this(vm, &a)?;
        let other = a.pos.get(1).cloned().unwrap_or(Value::None);
        let r = vm.call_method(&this, "__eq__", &[other])?;
        match r {
            Value::Bool(b) => Ok(Value::bool(!b)),
            other => Ok(other),
        }
    });
    add(vm, &ty, "__hash__", |vm, a| {
        let m = live(vm, &a)?;
        if !m.readonly {
            return Err(vm.new_value_error("cannot hash writable memoryview object"));
        }
        let b = vm.new_bytes(m.bytes());
        Ok(Value::Int(vm.hash(&b)?))
    });
    add(vm, &ty, "__repr__", |vm, a| {
        let this = args::this(vm, &a)?;
        let m = view(vm, &this)?;
        let what = if m.released.get() {
            "released memory"
        } else {
            "memory"
        };
        Ok(vm.new_string(format!("<{what} at 0x{:x}>", this.identity())))
    });
    add(vm, &ty, "__enter__", |vm, a| {
        live(vm, &a)?;
        args::this(vm, &a)
    });
    add(vm, &ty, "__exit__", |vm, a| {
        let this = args::this(vm, &a)?;
        view(vm, &this)?.release();
        Ok(Value::None)
    });
    add(vm, &ty, "release", |vm, a| {
        args::meth(vm, &a, "memoryview", "release", 0, 0)?;
        let this = args::this(vm, &a)?;
        view(vm, &this)?.release();
        Ok(Value::None)
    });
    add(vm, &ty, "tobytes", |vm, a| {
        let m = live(vm, &a)?;
        args::bind(vm, &a, "tobytes", &["order"], 0)?;
        Ok(vm.new_bytes(m.bytes()))
    });
    add(vm, &ty, "tolist", |vm, a| {
        args::meth(vm, &a, "memoryview", "tolist", 0, 0)?;
        let m = live(vm, &a)?;
        Ok(tolist(vm, m))
    });
    add(vm, &ty, "hex", |vm, a| {
        let m = live(vm, &a)?;
        let data = m.bytes();
        hex_method(vm, &a, &data)
    });
    add(vm, &ty, "toreadonly", |vm, a| {
        args::meth(vm, &a, "memoryview", "toreadonly", 0, 0)?;
        let m = live(vm, &a)?;
        let mut nm = MemView::new(m.obj.clone(), m.start, m.step, m.len, m.fmt);
        nm.readonly = true;
        alloc(vm, nm)
    });
    add(vm, &ty, "cast", |vm, a| {
        let m = live(vm, &a)?;
        let p = args::bind(vm, &a, "cast", &["format", "shape"], 1)?;
        let f = p[0].cloned().unwrap_or(Value::None);
        let Some(fs) = f.as_str() else {
            return Err(vm.new_type_error(&format!(
                "cast() argument 'format' must be str, not {}",
                vm.type_name(&f)
            )));
        };
        if let Some(shape) = p[1].filter(|v| !v.is_none()) {
            // A one-dimensional shape equal to the item count is the plain cast.
            let items = vm.to_vec(shape)?;
            let n = m.len / item_size(fs.chars().last().unwrap_or('B')).max(1);
            if items.len() != 1 || !matches!(items[0], Value::Int(k) if usize::try_from(k) == Ok(n))
            {
                return Err(vm.new_not_implemented_error(
                    "memoryview: multi-dimensional casts are not supported by this implementation",
                ));
            }
        }
        if m.step != 1 && m.len > 1 {
            return Err(vm.new_type_error("memoryview: casts are restricted to C-contiguous views"));
        }
        let native = fs.strip_prefix('@').unwrap_or(fs);
        let mut cs = native.chars();
        let fmt = match (cs.next(), cs.next()) {
            (Some(c), None) if "BbcHhIiLlQqNnPfd?".contains(c) => c,
            (Some('e'), None) => {
                return Err(vm.new_not_implemented_error(
                    "memoryview: format 'e' is not supported by this implementation",
                ))
            }
            _ => {
                return Err(vm.new_value_error(
                    "memoryview: destination format must be a native single character format prefixed with an optional '@'",
                ))
            }
        };
        let byte_fmt = |c: char| matches!(c, 'B' | 'b' | 'c');
        if !byte_fmt(m.fmt) && !byte_fmt(fmt) {
            return Err(vm.new_type_error("memoryview: cannot cast between two non-byte formats"));
        }
        if m.len % item_size(fmt) != 0 {
            return Err(vm.new_type_error("memoryview: length is not a multiple of itemsize"));
        }
        let mut nm = MemView::new(m.obj.clone(), m.start, m.step, m.len, fmt);
        nm.readonly = m.readonly;
        alloc(vm, nm)
    });
    prop(vm, &ty, "obj", |_vm, m| Ok(m.obj.clone()));
    prop(vm, &ty, "nbytes", |_vm, m| {
        Ok(Value::Int(i64::try_from(m.len).unwrap_or(0)))
    });
    prop(vm, &ty, "readonly", |_vm, m| Ok(Value::bool(m.readonly)));
    prop(vm, &ty, "itemsize", |_vm, m| {
        Ok(Value::Int(i64::try_from(item_size(m.fmt)).unwrap_or(1)))
    });
    prop(vm, &ty, "format", |vm, m| {
        Ok(vm.new_string(m.fmt.to_string()))
    });
    prop(vm, &ty, "ndim", |_vm, _m| Ok(Value::Int(1)));
    prop(vm, &ty, "shape", |vm, m| {
        let n = m.len / item_size(m.fmt);
        Ok(vm.new_tuple(vec![Value::Int(i64::try_from(n).unwrap_or(0))]))
    });
    prop(vm, &ty, "strides", |vm, m| {
        let size = isize::try_from(item_size(m.fmt)).unwrap_or(1);
        let st = m.step.saturating_mul(size);
        Ok(vm.new_tuple(vec![Value::Int(i64::try_from(st).unwrap_or(1))]))
    });
    prop(vm, &ty, "suboffsets", |vm, _m| Ok(vm.new_tuple(Vec::new())));
    for name in ["c_contiguous", "f_contiguous", "contiguous"] {
        prop(vm, &ty, name, |_vm, m| {
            Ok(Value::bool(m.step == 1 || m.len <= item_size(m.fmt)))
        });
    }
}
