//! `_io` / `io`: the in-memory streams `StringIO` and `BytesIO` (usable as `print(file=...)`),
//! the `SEEK_*` constants, `UnsupportedOperation`, and host files (`open`, `FileIO`,
//! `Buffered*`, `TextIOWrapper`, in `io_file.rs`).

use super::{bind, native, new_type, register};
use pyvm_vm::{Args, ObjRef, Payload, PyErr, PyResult, Value, Vm, B64};
use std::cell::RefCell;

#[path = "io_base.rs"]
pub(crate) mod io_base;
#[path = "io_file.rs"]
mod io_file;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_io", "io"], build);
    let open = io_file::open_function(vm);
    vm.set_builtin("open", open);
}

enum Data {
    Text(Vec<char>),
    Bytes(Vec<u8>),
}

struct Stream {
    data: Data,
    pos: usize,
    closed: bool,
    newline: Newline,
}

/// A `StringIO`'s `newline` mode: how written text is translated and where lines end.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Newline {
    /// `None`: `\r\n` and `\r` are stored as `\n`.
    Translate,
    /// `''`: stored as written; a line ends at `\n`, `\r` or `\r\n`.
    Any,
    /// `'\n'` (and every `BytesIO`).
    Lf,
    /// `'\r'`: a written `\n` is stored as `\r`, and lines end at `\r`.
    Cr,
    /// `'\r\n'`: a written `\n` is stored as `\r\n`, and lines end at `\r\n`.
    CrLf,
}

impl Newline {
    /// Written text as the stream stores it.
    fn translate(self, text: &str) -> Vec<char> {
        match self {
            Newline::Translate => {
                let mut out = Vec::with_capacity(text.len());
                let mut chars = text.chars().peekable();
                while let Some(c) = chars.next() {
                    if c == '\r' {
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                        out.push('\n');
                    } else {
                        out.push(c);
                    }
                }
                out
            }
            Newline::Cr | Newline::CrLf => {
                let mut out = Vec::with_capacity(text.len());
                for c in text.chars() {
                    if c == '\n' {
                        out.push('\r');
                        if self == Newline::CrLf {
                            out.push('\n');
                        }
                    } else {
                        out.push(c);
                    }
                }
                out
            }
            Newline::Any | Newline::Lf => text.chars().collect(),
        }
    }
}

type Cell = RefCell<Stream>;

impl Stream {
    fn len(&self) -> usize {
        match &self.data {
            Data::Text(t) => t.len(),
            Data::Bytes(b) => b.len(),
        }
    }

    fn is_text(&self) -> bool {
        matches!(self.data, Data::Text(_))
    }

    /// Items `from..to` as a Python value.
    fn slice(&self, vm: &Vm, from: usize, to: usize) -> Value {
        let to = to.min(self.len());
        let from = from.min(to);
        match &self.data {
            Data::Text(t) => vm.new_string(t[from..to].iter().collect()),
            Data::Bytes(b) => vm.new_bytes(b[from..to].to_vec()),
        }
    }

    /// End of the line starting at `pos` (after its `\n`), at most `limit` items.
    fn line_end(&self, limit: Option<usize>) -> usize {
        let len = self.len();
        let start = self.pos.min(len);
        let max = limit.map_or(len, |l| start.saturating_add(l).min(len));
        let found = match &self.data {
            Data::Text(t) => {
                let t = &t[start..max];
                match self.newline {
                    Newline::Translate | Newline::Lf => {
                        t.iter().position(|c| *c == '\n').map(|i| i + 1)
                    }
                    Newline::Cr => t.iter().position(|c| *c == '\r').map(|i| i + 1),
                    Newline::CrLf => t.windows(2).position(|w| w == ['\r', '\n']).map(|i| i + 2),
                    Newline::Any => t.iter().position(|c| matches!(c, '\r' | '\n')).map(|i| {
                        if t[i] == '\r' && t.get(i + 1) == Some(&'\n') {
                            i + 2
                        } else {
                            i + 1
                        }
                    }),
                }
            }
            Data::Bytes(b) => b[start..max]
                .iter()
                .position(|c| *c == b'\n')
                .map(|i| i + 1),
        };
        found.map_or(max, |i| start + i)
    }
}

fn st<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a Cell> {
    match a.pos.first().and_then(native::<Cell>) {
        Some(c) => Ok(c),
        None => Err(vm.new_type_error("descriptor requires an _io stream object")),
    }
}

fn open_st<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a Cell> {
    let c = st(vm, a)?;
    if c.borrow().closed {
        return Err(closed_err(vm, c.borrow().is_text()));
    }
    Ok(c)
}

/// CPython's `StringIO` says it without the final period, `BytesIO` with it.
fn closed_err(vm: &Vm, text: bool) -> PyErr {
    vm.new_value_error(if text {
        "I/O operation on closed file"
    } else {
        "I/O operation on closed file."
    })
}

fn rest<'a>(a: &Args<'a>) -> Args<'a> {
    Args {
        pos: a.pos.get(1..).unwrap_or(&[]),
        kw: a.kw,
    }
}

/// A `size` argument: `None` / negative mean "everything".
fn size_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(x) => {
            if !vm.is_int(x) {
                let cls = vm.type_of(x);
                if vm.lookup_type_attr(&cls, "__index__").is_none() {
                    return Err(vm.new_type_error(&format!(
                        "argument should be integer or None, not '{}'",
                        vm.type_name(x)
                    )));
                }
            }
            let n = vm.to_index(x)?;
            Ok(usize::try_from(n).ok())
        }
    }
}

fn write(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let c = st(vm, a)?;
    let v = super::one(vm, &rest(a), "write")?;
    let mut s = c.borrow_mut();
    if s.closed {
        return Err(closed_err(vm, s.is_text()));
    }
    let (pos, nl) = (s.pos, s.newline);
    let n = match &mut s.data {
        Data::Text(t) => {
            let Some(text) = v.as_str() else {
                return Err(vm.new_type_error(&format!(
                    "string argument expected, got '{}'",
                    vm.type_name(&v)
                )));
            };
            let chars = nl.translate(text);
            splice(t, pos, &chars, '\0');
            chars.len()
        }
        Data::Bytes(b) => {
            let bytes = match v.payload() {
                Some(Payload::Bytes(x)) => x.to_vec(),
                Some(Payload::ByteArray(x)) => x.borrow().clone(),
                // memoryview and other buffer objects
                _ => vm.bytes_like(&v)?,
            };
            splice(b, pos, &bytes, 0);
            bytes.len()
        }
    };
    s.pos = pos + n;
    Ok(Value::Int(i64::try_from(n).unwrap_or(i64::MAX)))
}

/// Overwrites `buf[pos..]` with `src`, padding with `fill` if `pos` is past the end.
fn splice<T: Clone>(buf: &mut Vec<T>, pos: usize, src: &[T], fill: T) {
    if pos > buf.len() {
        buf.resize(pos, fill.clone());
    }
    let end = pos + src.len();
    if end > buf.len() {
        buf.resize(end, fill);
    }
    buf[pos..end].clone_from_slice(src);
}

fn read(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let c = open_st(vm, a)?;
    let p = bind(vm, &rest(a), "read", &["size"], 1, 0, 0)?;
    let size = size_arg(vm, p[0].as_ref())?;
    let mut s = c.borrow_mut();
    let len = s.len();
    let from = s.pos.min(len);
    let to = size.map_or(len, |n| from.saturating_add(n).min(len));
    let out = s.slice(vm, from, to);
    s.pos = to.max(s.pos);
    Ok(out)
}

fn readline(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let c = open_st(vm, a)?;
    let p = bind(vm, &rest(a), "readline", &["size"], 1, 0, 0)?;
    let size = size_arg(vm, p[0].as_ref())?;
    Ok(next_line(vm, c, size))
}

fn next_line(vm: &Vm, c: &Cell, size: Option<usize>) -> Value {
    let mut s = c.borrow_mut();
    let from = s.pos.min(s.len());
    let to = s.line_end(size);
    let out = s.slice(vm, from, to);
    s.pos = to.max(s.pos);
    out
}

fn seek(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let c = open_st(vm, a)?;
    let p = bind(vm, &rest(a), "seek", &["pos", "whence"], 2, 1, 0)?;
    let pos = vm.to_index(p[0].as_ref().unwrap_or(&Value::Int(0)))?;
    let whence = match &p[1] {
        Some(w) => vm.to_index(w)?,
        None => 0,
    };
    let mut s = c.borrow_mut();
    let text = s.is_text();
    let len = i64::try_from(s.len()).unwrap_or(i64::MAX);
    let cur = i64::try_from(s.pos).unwrap_or(i64::MAX);
    let new = match whence {
        0 => {
            if pos < 0 {
                return Err(vm.new_value_error(&format!("Negative seek position {pos}")));
            }
            pos
        }
        1 | 2 if text && pos != 0 => {
            let what = if whence == 1 { "cur" } else { "end" };
            return Err(vm.new_os_error(&format!("Can't do nonzero {what}-relative seeks")));
        }
        1 => (cur + pos).max(0),
        2 => (len + pos).max(0),
        _ => {
            return Err(
                vm.new_value_error(&format!("Invalid whence ({whence}, should be 0, 1 or 2)"))
            )
        }
    };
    s.pos = usize::try_from(new).unwrap_or(0);
    Ok(Value::Int(new))
}

fn truncate(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let c = open_st(vm, a)?;
    let p = bind(vm, &rest(a), "truncate", &["pos"], 1, 0, 0)?;
    let size = match p[0].as_ref().filter(|v| !v.is_none()) {
        Some(v) => {
            let n = vm.to_index(v)?;
            if n < 0 {
                return Err(vm.new_value_error(&format!("Negative size value {n}")));
            }
            usize::try_from(n).unwrap_or(usize::MAX)
        }
        None => c.borrow().pos,
    };
    let mut s = c.borrow_mut();
    match &mut s.data {
        Data::Text(t) => t.truncate(size),
        Data::Bytes(b) => b.truncate(size),
    }
    Ok(Value::Int(i64::try_from(size).unwrap_or(i64::MAX)))
}

fn new_stream(
    vm: &mut Vm,
    cls: &ObjRef,
    base: &ObjRef,
    text: bool,
    a: &Args<'_>,
) -> PyResult<Value> {
    let mut newline = Newline::Lf;
    let data = if text {
        let p = bind(vm, a, "StringIO", &["initial_value", "newline"], 0, 0, 0)?;
        newline = match &p[1] {
            None => Newline::Lf,
            Some(Value::None) => Newline::Translate,
            Some(nl) => match nl.as_str() {
                Some("") => Newline::Any,
                Some("\n") => Newline::Lf,
                Some("\r") => Newline::Cr,
                Some("\r\n") => Newline::CrLf,
                Some(_) => {
                    let r = vm.repr_string(nl)?;
                    return Err(vm.new_value_error(&format!("illegal newline value: {r}")));
                }
                None => {
                    return Err(vm.new_type_error(&format!(
                        "newline must be str or None, not {}",
                        vm.type_name(nl)
                    )))
                }
            },
        };
        match p[0].as_ref().filter(|v| !v.is_none()) {
            None => Data::Text(Vec::new()),
            Some(v) => match v.as_str() {
                Some(s) => Data::Text(newline.translate(s)),
                None => {
                    return Err(vm.new_type_error(&format!(
                        "initial_value must be str or None, not {}",
                        vm.type_name(v)
                    )))
                }
            },
        }
    } else {
        let p = bind(vm, a, "BytesIO", &["initial_bytes"], 0, 0, 0)?;
        match p[0].as_ref().filter(|v| !v.is_none()) {
            None => Data::Bytes(Vec::new()),
            Some(v) => match v.payload() {
                Some(Payload::Bytes(b)) => Data::Bytes(b.to_vec()),
                Some(Payload::ByteArray(b)) => Data::Bytes(b.borrow().clone()),
                _ => {
                    return Err(vm.new_type_error(&format!(
                        "a bytes-like object is required, not '{}'",
                        vm.type_name(v)
                    )))
                }
            },
        }
    };
    let s = RefCell::new(Stream {
        data,
        pos: 0,
        closed: false,
        newline,
    });
    let obj = if ObjRef::ptr_eq(cls, base) {
        vm.alloc(cls, Payload::Native(Box::new(s)))
    } else {
        vm.alloc_with_dict(cls, Payload::Native(Box::new(s)))
    };
    Ok(Value::Obj(obj))
}

fn stream_class(
    vm: &mut Vm,
    m: &ObjRef,
    name: &str,
    text: bool,
    base: &ObjRef,
) -> PyResult<ObjRef> {
    let cls = new_type(vm, "_io", name, std::slice::from_ref(base))?;
    let base = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        new_stream(vm, &c, &base, text, &rest(&a))
    });
    super::add_method(vm, &cls, "write", |vm, a| write(vm, &a));
    super::add_method(vm, &cls, "writelines", |vm, a| {
        let lines = super::one(vm, &rest(&a), "writelines")?;
        let it = vm.iter(&lines)?;
        let this = a.pos[0].clone();
        while let Some(l) = vm.next(&it)? {
            let args = [this.clone(), l];
            write(vm, &Args::new(&args))?;
        }
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "read", |vm, a| read(vm, &a));
    super::add_method(vm, &cls, "readline", |vm, a| readline(vm, &a));
    super::add_method(vm, &cls, "readlines", |vm, a| {
        let c = open_st(vm, &a)?;
        let mut out = Vec::new();
        loop {
            if c.borrow().pos >= c.borrow().len() {
                break;
            }
            out.push(next_line(vm, c, None));
        }
        Ok(vm.new_list(out))
    });
    super::add_method(vm, &cls, "getvalue", |vm, a| {
        let c = open_st(vm, &a)?;
        let s = c.borrow();
        Ok(s.slice(vm, 0, s.len()))
    });
    super::add_method(vm, &cls, "seek", |vm, a| seek(vm, &a));
    super::add_method(vm, &cls, "tell", |vm, a| {
        let c = open_st(vm, &a)?;
        Ok(Value::Int(
            i64::try_from(c.borrow().pos).unwrap_or(i64::MAX),
        ))
    });
    super::add_method(vm, &cls, "truncate", |vm, a| truncate(vm, &a));
    super::add_method(vm, &cls, "close", |vm, a| {
        st(vm, &a)?.borrow_mut().closed = true;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "flush", |vm, a| {
        open_st(vm, &a)?;
        Ok(Value::None)
    });
    for name in ["readable", "writable", "seekable"] {
        super::add_method(vm, &cls, name, |vm, a| {
            open_st(vm, &a)?;
            Ok(Value::Bool(B64::TRUE))
        });
    }
    super::add_method(vm, &cls, "isatty", |vm, a| {
        open_st(vm, &a)?;
        Ok(Value::Bool(B64::FALSE))
    });
    super::add_method(vm, &cls, "fileno", |vm, _a| {
        let m = vm.import_module("_io")?;
        let e = vm.getattr_str(&m, "UnsupportedOperation")?;
        let cls = vm.as_class(&e).ok_or_else(|| vm.new_os_error("fileno"))?;
        Err(vm.new_exception_msg(&cls, "fileno"))
    });
    super::add_method(vm, &cls, "__enter__", |vm, a| {
        open_st(vm, &a)?;
        Ok(a.pos[0].clone())
    });
    super::add_method(vm, &cls, "__exit__", |vm, a| {
        st(vm, &a)?.borrow_mut().closed = true;
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "__iter__", |vm, a| {
        open_st(vm, &a)?;
        Ok(a.pos[0].clone())
    });
    super::add_method(vm, &cls, "__next__", |vm, a| {
        let c = open_st(vm, &a)?;
        if c.borrow().pos >= c.borrow().len() {
            return Err(vm.new_stop_iteration(Value::None));
        }
        Ok(next_line(vm, c, None))
    });
    let fget = vm.new_native_function("closed", |vm, a| {
        Ok(Value::bool(st(vm, &a)?.borrow().closed))
    });
    crate::modules::add_getter(vm, &cls, "closed", fget);
    if text {
        vm.type_set_attr(&cls, "newlines", Value::None);
    } else {
        // A read-only `memoryview` of a snapshot of the contents (CPython's is a live view
        // that blocks resizing while exported; `pickle` only reads it).
        // `readinto(b)`: fills a bytearray from the current position.
        super::add_method(vm, &cls, "readinto", |vm, a| {
            let c = open_st(vm, &a)?;
            let target = super::one(vm, &rest(&a), "readinto")?;
            let Some(Payload::ByteArray(buf)) = target.payload() else {
                return Err(vm.new_type_error(&format!(
                    "readinto() argument must be read-write bytes-like object, not {}",
                    vm.type_name(&target)
                )));
            };
            let mut s = c.borrow_mut();
            let Data::Bytes(data) = &s.data else {
                return Ok(Value::Int(0));
            };
            let start = s.pos.min(data.len());
            let mut buf = buf.borrow_mut();
            let n = buf.len().min(data.len() - start);
            buf[..n].copy_from_slice(&data[start..start + n]);
            s.pos = start + n;
            Ok(Value::Int(i64::try_from(n).unwrap_or(i64::MAX)))
        });
        super::add_method(vm, &cls, "getbuffer", |vm, a| {
            let c = open_st(vm, &a)?;
            let data = {
                let s = c.borrow();
                s.slice(vm, 0, s.len())
            };
            let mv = vm
                .get_builtin("memoryview")
                .ok_or_else(|| vm.new_name_error("name 'memoryview' is not defined"))?;
            vm.call(&mv, &[data])
        });
    }
    vm.set_module_attr(m, name, Value::Obj(cls.clone()));
    Ok(cls)
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let io_bases = io_base::build_into(vm, &m)?;
    stream_class(vm, &m, "StringIO", true, &io_bases.text)?;
    stream_class(vm, &m, "BytesIO", false, &io_bases.buffered)?;
    let meta = vm.types().type_.clone();
    let n = vm.new_str("UnsupportedOperation");
    let (os_error, value_error) = (
        vm.types().exc.os_error.clone(),
        vm.types().exc.value_error.clone(),
    );
    let bases = vm.new_tuple(vec![Value::Obj(os_error), Value::Obj(value_error)]);
    let ns = vm.new_dict();
    if let Some(d) = ns.as_obj() {
        let mv = vm.new_str("io");
        vm.dict_set_str(Some(d), "__module__", mv);
    }
    let uo = vm.new_class(&meta, &n, &bases, &ns, &[])?;
    vm.set_module_attr(&m, "UnsupportedOperation", uo);
    vm.set_module_attr(&m, "SEEK_SET", Value::Int(0));
    vm.set_module_attr(&m, "SEEK_CUR", Value::Int(1));
    vm.set_module_attr(&m, "SEEK_END", Value::Int(2));
    vm.set_module_attr(&m, "DEFAULT_BUFFER_SIZE", Value::Int(8192));
    // `text_encoding(encoding, stacklevel=2, /)`: the encoding `open()` should use when the
    // caller gave none (`"locale"`; no UTF-8 mode, no `EncodingWarning`).
    super::add_fn(vm, &m, "text_encoding", |vm, a| {
        let p = super::bind(
            vm,
            &a,
            "text_encoding",
            &["encoding", "stacklevel"],
            2,
            1,
            0,
        )?;
        match &p[0] {
            Some(Value::None) | None => Ok(vm.new_str("locale")),
            Some(e) => Ok(e.clone()),
        }
    });
    newline_decoder(vm, &m)?;
    io_file::build_into(vm, &m, &io_bases)?;
    Ok(m)
}

/// `IncrementalNewlineDecoder`'s state: the wrapped decoder, whether to translate, a `\r`
/// held back until the next call shows whether `\n` follows, and the kinds of newline seen.
struct NlDecoder {
    decoder: Value,
    translate: bool,
    pending_cr: std::cell::Cell<bool>,
    seen: std::cell::Cell<u8>,
}

const SEEN_LF: u8 = 1;
const SEEN_CR: u8 = 2;
const SEEN_CRLF: u8 = 4;

/// `io.IncrementalNewlineDecoder(decoder, translate, errors='strict')`: text from `decoder`
/// (or `str` input when it is `None`) with `\r\n` and `\r` turned into `\n` if `translate`.
fn newline_decoder(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let cls = new_type(vm, "_io", "IncrementalNewlineDecoder", &[])?;
    let base = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        let p = bind(
            vm,
            &rest(&a),
            "IncrementalNewlineDecoder",
            &["decoder", "translate", "errors"],
            0,
            2,
            0,
        )?;
        let translate = vm.is_true(p[1].as_ref().unwrap_or(&Value::None))?;
        let st = NlDecoder {
            decoder: p[0].clone().unwrap_or(Value::None),
            translate,
            pending_cr: std::cell::Cell::new(false),
            seen: std::cell::Cell::new(0),
        };
        Ok(super::alloc_native(vm, &c, &base, st))
    });
    fn me<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a NlDecoder> {
        super::this::<NlDecoder>(vm, a, "_io.IncrementalNewlineDecoder", "decode")
    }
    super::add_method(vm, &cls, "decode", |vm, a| {
        let d = me(vm, &a)?;
        let p = bind(vm, &rest(&a), "decode", &["input", "final"], 0, 1, 0)?;
        let input = p[0].clone().unwrap_or(Value::None);
        let fin = match &p[1] {
            Some(v) => vm.is_true(v)?,
            None => false,
        };
        let out = if d.decoder.is_none() {
            input
        } else {
            vm.call_method(&d.decoder, "decode", &[input, Value::bool(fin)])?
        };
        let Some(text) = out.as_str() else {
            return Err(vm.new_type_error(&format!(
                "decoder should return a string result, not '{}'",
                vm.type_name(&out)
            )));
        };
        let mut text = text.to_string();
        if d.pending_cr.get() && (fin || !text.is_empty()) {
            text.insert(0, '\r');
            d.pending_cr.set(false);
        }
        if !fin && text.ends_with('\r') {
            text.pop();
            d.pending_cr.set(true);
        }
        let crlf = text.matches("\r\n").count();
        let cr = text.matches('\r').count() - crlf;
        let lf = text.matches('\n').count() - crlf;
        let mut seen = d.seen.get();
        if lf > 0 {
            seen |= SEEN_LF;
        }
        if cr > 0 {
            seen |= SEEN_CR;
        }
        if crlf > 0 {
            seen |= SEEN_CRLF;
        }
        d.seen.set(seen);
        if d.translate {
            text = text.replace("\r\n", "\n").replace('\r', "\n");
        }
        Ok(vm.new_string(text))
    });
    super::add_method(vm, &cls, "getstate", |vm, a| {
        let d = me(vm, &a)?;
        let (buf, flag) = if d.decoder.is_none() {
            (vm.new_bytes(Vec::new()), 0)
        } else {
            let st = vm.call_method(&d.decoder, "getstate", &[])?;
            let items = vm.to_vec(&st)?;
            let flag = match items.get(1) {
                Some(f) => vm.to_index(f)?,
                None => 0,
            };
            (items.first().cloned().unwrap_or(Value::None), flag)
        };
        let flag = (flag << 1) | i64::from(d.pending_cr.get());
        Ok(vm.new_tuple(vec![buf, Value::Int(flag)]))
    });
    super::add_method(vm, &cls, "setstate", |vm, a| {
        let d = me(vm, &a)?;
        let st = super::one(vm, &rest(&a), "setstate")?;
        let items = vm.to_vec(&st)?;
        let [buf, flag] = items.as_slice() else {
            return Err(vm.new_type_error("state argument must be a tuple"));
        };
        let flag = vm.to_index(flag)?;
        d.pending_cr.set(flag & 1 == 1);
        if !d.decoder.is_none() {
            let inner = vm.new_tuple(vec![buf.clone(), Value::Int(flag >> 1)]);
            vm.call_method(&d.decoder, "setstate", &[inner])?;
        }
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "reset", |vm, a| {
        let d = me(vm, &a)?;
        d.seen.set(0);
        d.pending_cr.set(false);
        if !d.decoder.is_none() {
            vm.call_method(&d.decoder, "reset", &[])?;
        }
        Ok(Value::None)
    });
    let fget = vm.new_native_function("newlines", |vm, a| {
        let d = me(vm, &a)?;
        let seen = d.seen.get();
        let names: Vec<&str> = [(SEEN_CR, "\r"), (SEEN_LF, "\n"), (SEEN_CRLF, "\r\n")]
            .iter()
            .filter(|(bit, _)| seen & bit != 0)
            .map(|(_, n)| *n)
            .collect();
        Ok(match names.as_slice() {
            [] => Value::None,
            [one] => vm.new_str(one),
            many => {
                let items = many.iter().map(|n| vm.new_str(n)).collect();
                vm.new_tuple(items)
            }
        })
    });
    super::add_getter(vm, &cls, "newlines", fget);
    vm.register_native_gc::<NlDecoder>(
        |d, f| {
            f(&d.decoder);
            true
        },
        None,
    );
    vm.set_module_attr(m, "IncrementalNewlineDecoder", Value::Obj(cls));
    Ok(())
}
