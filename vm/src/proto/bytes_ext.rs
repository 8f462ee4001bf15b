//! `bytearray` subscripts (item and slice get / set / delete), `bytes % args` (printf-style
//! formatting of byte strings, through the `%` kernel over Latin-1 text), and the payload of
//! `memoryview` objects ([`MemoryViewData`]: the builtins crate implements the type's methods;
//! the VM reads views wherever it accepts bytes-like objects).
//!
//! Written by the builtin-types helper; called from `seq.rs` and `arith.rs`.

use crate::kernels::percent::{percent_format, CharArg, PercentArgs, PercentHost};
use crate::object::{ObjRef, Payload};
use crate::proto::seq::{BridgeErr, PercentBridge};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};
use num_bigint::BigInt;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

thread_local! {
    /// Live memoryview exports per bytearray (keyed by object identity).
    static EXPORTS: RefCell<HashMap<usize, usize>> = RefCell::new(HashMap::new());
}

fn export_add(id: usize) {
    EXPORTS.with(|e| *e.borrow_mut().entry(id).or_insert(0) += 1);
}

fn export_remove(id: usize) {
    EXPORTS.with(|e| {
        let mut m = e.borrow_mut();
        if let Some(n) = m.get_mut(&id) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                m.remove(&id);
            }
        }
    });
}

/// Whether memoryviews of this bytearray are alive (then it must not change size).
pub fn bytearray_has_exports(v: &Value) -> bool {
    let id = v.identity();
    EXPORTS.with(|e| e.borrow().get(&id).copied().unwrap_or(0) > 0)
}

/// The payload (`Payload::Native`) of a one-dimensional `memoryview`: a window
/// (`start`, `step`, `len`) on the bytes of `obj` (a `bytes` or `bytearray`). Views of a
/// bytearray count as exports while alive and not released.
pub struct MemoryViewData {
    pub obj: Value,
    pub start: usize,
    pub step: isize,
    pub len: usize,
    pub readonly: bool,
    /// The struct format: `B` (unsigned bytes), `b` (signed) or `c` (1-byte bytes).
    pub fmt: char,
    pub released: Cell<bool>,
    export: Option<usize>,
}

impl Drop for MemoryViewData {
    fn drop(&mut self) {
        if !self.released.get() {
            if let Some(id) = self.export {
                export_remove(id);
            }
        }
    }
}

impl MemoryViewData {
    /// A view of `obj` (read-only unless `obj` is a bytearray).
    pub fn new(obj: Value, start: usize, step: isize, len: usize, fmt: char) -> MemoryViewData {
        let readonly = !matches!(obj.payload(), Some(Payload::ByteArray(_)));
        let export = if readonly {
            None
        } else {
            let id = obj.identity();
            export_add(id);
            Some(id)
        };
        MemoryViewData {
            obj,
            start,
            step,
            len,
            readonly,
            fmt,
            released: Cell::new(false),
            export,
        }
    }

    /// `release()`: idempotent.
    pub fn release(&self) {
        if !self.released.replace(true) {
            if let Some(id) = self.export {
                export_remove(id);
            }
        }
    }

    /// Position in the exporter's data of element `i`.
    pub fn pos(&self, i: usize) -> Option<usize> {
        let off = isize::try_from(i).ok()?.checked_mul(self.step)?;
        let p = isize::try_from(self.start).ok()?.checked_add(off)?;
        usize::try_from(p).ok()
    }

    /// The viewed bytes, in view order.
    pub fn bytes(&self) -> Vec<u8> {
        let get = |data: &[u8]| -> Vec<u8> {
            (0..self.len)
                .filter_map(|i| self.pos(i).and_then(|p| data.get(p).copied()))
                .collect()
        };
        match self.obj.payload() {
            Some(Payload::Bytes(b)) => get(b),
            Some(Payload::ByteArray(b)) => get(&b.borrow()),
            _ => Vec::new(),
        }
    }
}

/// The bytes of a live (not released) memoryview value.
pub fn memoryview_bytes(v: &Value) -> Option<Vec<u8>> {
    match v.payload() {
        Some(Payload::Native(n)) => n
            .downcast_ref::<MemoryViewData>()
            .filter(|m| !m.released.get())
            .map(MemoryViewData::bytes),
        _ => None,
    }
}

fn latin1(b: &[u8]) -> String {
    b.iter().map(|&c| char::from(c)).collect()
}

fn from_latin1(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

impl Vm {
    fn is_slice(&self, key: &Value) -> bool {
        matches!(key.payload(), Some(Payload::Slice(_)))
    }

    fn has_index_attr(&self, v: &Value) -> bool {
        if self.is_int(v) {
            return true;
        }
        let t = self.type_of(v);
        self.lookup_type_attr(&t, "__index__").is_some()
    }

    fn bytearray_index_error(&self, key: &Value) -> PyErr {
        self.new_type_error(&format!(
            "bytearray indices must be integers or slices, not {}",
            self.type_name(key)
        ))
    }

    fn bytearray_pos(&mut self, key: &Value, len: usize) -> PyResult<usize> {
        let i = self.to_index(key)?;
        let n = i64::try_from(len).unwrap_or(i64::MAX);
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(self.new_index_error("bytearray index out of range"));
        }
        Ok(usize::try_from(j).unwrap_or(0))
    }

    /// `ba[key]`.
    pub(crate) fn bytearray_getitem(
        &mut self,
        b: &RefCell<Vec<u8>>,
        key: &Value,
    ) -> PyResult<Value> {
        let data = b.borrow().clone();
        if self.is_slice(key) {
            let si = self.slice_indices(key, data.len())?;
            let out = si.indices().filter_map(|i| data.get(i).copied()).collect();
            return Ok(self.new_bytearray(out));
        }
        if !self.has_index_attr(key) {
            return Err(self.bytearray_index_error(key));
        }
        let i = self.bytearray_pos(key, data.len())?;
        Ok(Value::Int(i64::from(data.get(i).copied().unwrap_or(0))))
    }

    /// One byte value for item assignment.
    fn byte_of(&mut self, v: &Value) -> PyResult<u8> {
        if !self.has_index_attr(v) {
            return Err(self.new_type_error(&format!(
                "'{}' object cannot be interpreted as an integer",
                self.type_name(v)
            )));
        }
        match self.index_value(v)? {
            Value::Int(n) if (0..256).contains(&n) => Ok(u8::try_from(n).unwrap_or(0)),
            _ => Err(self.new_value_error("byte must be in range(0, 256)")),
        }
    }

    /// The bytes on the right of a slice assignment.
    fn slice_source(&mut self, value: &Value) -> PyResult<Vec<u8>> {
        match value.payload() {
            Some(Payload::Bytes(b)) => return Ok(b.to_vec()),
            Some(Payload::ByteArray(b)) => return Ok(b.borrow().clone()),
            _ => {}
        }
        let bad = || "can assign only bytes, buffers, or iterables of ints in range(0, 256)";
        if self.is_int(value) || value.as_str().is_some() {
            return Err(self.new_type_error(bad()));
        }
        let items = match self.to_vec(value) {
            Ok(v) => v,
            Err(e) if self.err_matches(&e, &self.t.exc.type_error.clone()) => {
                return Err(self.new_type_error(bad()))
            }
            Err(e) => return Err(e),
        };
        let mut out = Vec::with_capacity(items.len());
        for it in &items {
            out.push(self.byte_of(it)?);
        }
        Ok(out)
    }

    /// `ba[key] = value`.
    pub(crate) fn bytearray_setitem(
        &mut self,
        o: &ObjRef,
        key: &Value,
        value: &Value,
    ) -> PyResult<()> {
        let Payload::ByteArray(b) = &o.payload else {
            return Ok(());
        };
        if self.is_slice(key) {
            let src = self.slice_source(value)?;
            let len = b.borrow().len();
            let si = self.slice_indices(key, len)?;
            if si.step == 1 {
                let start = usize::try_from(si.start.max(0)).unwrap_or(0).min(len);
                let stop = usize::try_from(si.stop.max(0))
                    .unwrap_or(0)
                    .clamp(start, len);
                if stop - start != src.len() {
                    self.check_bytearray_resize(&Value::Obj(o.clone()))?;
                }
                b.borrow_mut().splice(start..stop, src);
                return Ok(());
            }
            if src.is_empty() {
                return self.bytearray_delitem(o, key);
            }
            if src.len() != si.len {
                return Err(self.new_value_error(&format!(
                    "attempt to assign bytes of size {} to extended slice of size {}",
                    src.len(),
                    si.len
                )));
            }
            let mut d = b.borrow_mut();
            for (i, v) in si.indices().zip(src) {
                if let Some(slot) = d.get_mut(i) {
                    *slot = v;
                }
            }
            return Ok(());
        }
        if !self.has_index_attr(key) {
            return Err(self.bytearray_index_error(key));
        }
        let len = b.borrow().len();
        let i = self.bytearray_pos(key, len)?;
        let byte = self.byte_of(value)?;
        if let Some(slot) = b.borrow_mut().get_mut(i) {
            *slot = byte;
        }
        Ok(())
    }

    /// `BufferError` when a bytearray with live memoryviews would change size.
    pub fn check_bytearray_resize(&self, v: &Value) -> PyResult<()> {
        if bytearray_has_exports(v) {
            let ty = self.t.exc.buffer_error.clone();
            return Err(
                self.new_exception_msg(&ty, "Existing exports of data: object cannot be re-sized")
            );
        }
        Ok(())
    }

    /// `del ba[key]`.
    pub(crate) fn bytearray_delitem(&mut self, o: &ObjRef, key: &Value) -> PyResult<()> {
        let Payload::ByteArray(b) = &o.payload else {
            return Ok(());
        };
        self.check_bytearray_resize(&Value::Obj(o.clone()))?;
        let len = b.borrow().len();
        if self.is_slice(key) {
            let si = self.slice_indices(key, len)?;
            let mut del = vec![false; len];
            for i in si.indices() {
                if let Some(d) = del.get_mut(i) {
                    *d = true;
                }
            }
            let mut d = b.borrow_mut();
            let kept: Vec<u8> = d
                .iter()
                .zip(del)
                .filter(|(_, gone)| !gone)
                .map(|(c, _)| *c)
                .collect();
            *d = kept;
            return Ok(());
        }
        if !self.has_index_attr(key) {
            return Err(self.bytearray_index_error(key));
        }
        let i = self.bytearray_pos(key, len)?;
        let mut d = b.borrow_mut();
        if i < d.len() {
            d.remove(i);
        }
        Ok(())
    }

    /// `fmt % args` for `bytes` / `bytearray` formats.
    pub fn bytes_percent(&mut self, fmt: &[u8], args: &Value) -> PyResult<Vec<u8>> {
        let pa = match args.payload() {
            Some(Payload::Tuple(t)) => PercentArgs::Tuple(t.to_vec()),
            Some(Payload::Dict(_)) => PercentArgs::Mapping(args.clone()),
            Some(Payload::Bytes(_) | Payload::ByteArray(_) | Payload::Str(_)) => {
                PercentArgs::Single(args.clone())
            }
            _ => {
                let t = self.type_of(args);
                let heap = t.as_type().is_some_and(|td| td.heap);
                if heap && self.lookup_type_attr(&t, "__getitem__").is_some() {
                    PercentArgs::Mapping(args.clone())
                } else {
                    PercentArgs::Single(args.clone())
                }
            }
        };
        let text = latin1(&rewrite_b_conversions(fmt));
        let mut host = BytesBridge {
            inner: PercentBridge { vm: self },
        };
        let r = percent_format(&text, pa, &mut host).map_err(|e| match e {
            BridgeErr::K(k)
                if k.message == "not all arguments converted during string formatting" =>
            {
                self.new_type_error("not all arguments converted during bytes formatting")
            }
            other => other.into_py(self),
        })?;
        Ok(from_latin1(&r))
    }
}

/// `%b` is `%s` for byte strings: rewrite the conversion characters the `%` kernel does not know.
fn rewrite_b_conversions(fmt: &[u8]) -> Vec<u8> {
    let mut out = fmt.to_vec();
    let n = out.len();
    let mut i = 0;
    while i < n {
        if out[i] != b'%' {
            i += 1;
            continue;
        }
        i += 1;
        if i < n && out[i] == b'(' {
            let mut depth = 1;
            i += 1;
            while i < n && depth > 0 {
                match out[i] {
                    b'(' => depth += 1,
                    b')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
        }
        while i < n && matches!(out[i], b'-' | b'+' | b' ' | b'#' | b'0') {
            i += 1;
        }
        while i < n && (out[i].is_ascii_digit() || out[i] == b'*') {
            i += 1;
        }
        if i < n && out[i] == b'.' {
            i += 1;
            while i < n && (out[i].is_ascii_digit() || out[i] == b'*') {
                i += 1;
            }
        }
        while i < n && matches!(out[i], b'h' | b'l' | b'L') {
            i += 1;
        }
        if i < n {
            if out[i] == b'b' {
                out[i] = b's';
            } else if out[i] == b'a' {
                out[i] = b'r';
            }
            i += 1;
        }
    }
    out
}

/// The `%` host for byte strings: `%s`/`%b` take bytes-like objects (or `__bytes__`), `%r`/`%a`
/// give `ascii(repr(x))`, `%c` takes an int in `range(256)` or one byte.
struct BytesBridge<'a> {
    inner: PercentBridge<'a>,
}

impl PercentHost<Value> for BytesBridge<'_> {
    type Error = BridgeErr;

    fn get_item(&mut self, mapping: &Value, key: &str) -> Result<Value, BridgeErr> {
        let k = self.inner.vm.new_bytes(from_latin1(key));
        Ok(self.inner.vm.getitem(mapping, &k)?)
    }

    fn str(&mut self, a: &Value) -> Result<String, BridgeErr> {
        let vm = &mut *self.inner.vm;
        match a.payload() {
            Some(Payload::Bytes(b)) => return Ok(latin1(b)),
            Some(Payload::ByteArray(b)) => return Ok(latin1(&b.borrow())),
            _ => {}
        }
        let t = vm.type_of(a);
        if let Some(f) = vm.lookup_type_attr(&t, "__bytes__") {
            let r = vm.call(&f, std::slice::from_ref(a))?;
            if let Some(Payload::Bytes(b)) = r.payload() {
                return Ok(latin1(b));
            }
            return Err(BridgeErr::Py(vm.new_type_error(&format!(
                "__bytes__ returned non-bytes (type {})",
                vm.type_name(&r)
            ))));
        }
        if let Some(f) = vm
            .lookup_type_attr(&t, "tobytes")
            .filter(|_| matches!(a.payload(), Some(Payload::Native(_))))
        {
            let r = vm.call(&f, std::slice::from_ref(a))?;
            if let Some(Payload::Bytes(b)) = r.payload() {
                return Ok(latin1(b));
            }
        }
        Err(BridgeErr::Py(vm.new_type_error(&format!(
            "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
            vm.type_name(a)
        ))))
    }

    fn repr(&mut self, a: &Value) -> Result<String, BridgeErr> {
        self.inner.ascii(a)
    }

    fn ascii(&mut self, a: &Value) -> Result<String, BridgeErr> {
        self.inner.ascii(a)
    }

    fn int_value(&mut self, a: &Value, conv: char) -> Result<BigInt, BridgeErr> {
        self.inner.int_value(a, conv)
    }

    fn float_value(&mut self, a: &Value) -> Result<f64, BridgeErr> {
        self.inner.float_value(a)
    }

    fn char_value(&mut self, a: &Value) -> Result<CharArg, BridgeErr> {
        let vm = &mut *self.inner.vm;
        let one = match a.payload() {
            Some(Payload::Bytes(b)) if b.len() == 1 => Some(b[0]),
            Some(Payload::ByteArray(b)) if b.borrow().len() == 1 => b.borrow().first().copied(),
            _ => None,
        };
        if let Some(c) = one {
            return Ok(CharArg::Char(char::from(c)));
        }
        if vm.is_int(a) {
            let v = vm.index_value(a)?;
            return match v {
                Value::Int(n) if (0..256).contains(&n) => {
                    Ok(CharArg::Char(char::from(u8::try_from(n).unwrap_or(0))))
                }
                _ => Err(BridgeErr::Py(
                    vm.new_overflow_error("%c arg not in range(256)"),
                )),
            };
        }
        Err(BridgeErr::Py(vm.new_type_error(
            "%c requires an integer in range(256) or a single byte",
        )))
    }

    fn star_value(&mut self, a: &Value) -> Result<i64, BridgeErr> {
        self.inner.star_value(a)
    }
}
