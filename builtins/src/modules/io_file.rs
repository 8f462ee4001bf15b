//! Host files for `open()` (`builtins.open`, `io.open`, `_io.open`): `FileIO` (unbuffered),
//! `BufferedReader` / `BufferedWriter` / `BufferedRandom` (binary) and `TextIOWrapper` (text,
//! with an encoding and CPython's newline translation), with CPython 3.12's reprs and errors.
//!
//! All the objects of one `open()` share a single host file handle: `f.buffer` of a text file
//! and `f.raw` of a binary one are views of the same file. Writes go straight to the host file
//! (nothing is held back until `flush`). A text file decodes the rest of the file when it first
//! reads after a seek or a write, and `tell()` counts the bytes of what it consumed, so the
//! positions it reports are plain byte offsets (CPython's cookies are too, for stateless
//! encodings). Encoding and decoding go through the `codecs` machinery (`str.encode`,
//! `bytes.decode`), so every codec pyvm has works, with its `errors` handlers.
//!
//! The embedding layer replaces `builtins.open` and hides `io`/`_io` when a host gives an
//! interpreter no file system access (`src/embed/interp.rs`).

use super::super::{add_method, bind, native, native_fn, new_type};
use super::io_base::unsupported;
use pyvm_vm::{Args, ObjRef, Payload, PyErr, PyResult, Value, Vm, B64};
use std::cell::RefCell;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::rc::Rc;

/// The host file behind one `open()`.
struct Raw {
    file: Option<File>,
    name: Value,
    readable: bool,
    writable: bool,
    append: bool,
    created: bool,
}

type Shared = Rc<RefCell<Raw>>;

impl Raw {
    /// The `FileIO.mode` string (`rb`, `wb`, `ab+`, `rb+`, …).
    fn mode(&self) -> &'static str {
        let plus = self.readable && self.writable;
        match (self.created, self.append, plus, self.readable) {
            (true, _, false, _) => "xb",
            (true, _, true, _) => "xb+",
            (_, true, false, _) => "ab",
            (_, true, true, _) => "ab+",
            (_, _, true, _) => "rb+",
            (_, _, false, true) => "rb",
            _ => "wb",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    FileIO,
    Reader,
    Writer,
    Random,
}

impl Kind {
    fn class_name(self) -> &'static str {
        match self {
            Kind::FileIO => "FileIO",
            Kind::Reader => "BufferedReader",
            Kind::Writer => "BufferedWriter",
            Kind::Random => "BufferedRandom",
        }
    }
}

/// A binary file object (`FileIO` or one of the `Buffered*` classes).
struct BinFile {
    raw: Shared,
    kind: Kind,
}

/// Decoded text not yet consumed: `chars` came from the bytes starting at `start`.
#[derive(Default)]
struct Decoded {
    loaded: bool,
    chars: Vec<char>,
    pos: usize,
    start: u64,
}

/// A `TextIOWrapper`.
struct TextFile {
    raw: Shared,
    buffer: Value,
    mode: Rc<str>,
    encoding: Rc<str>,
    errors: Rc<str>,
    newline: Option<Rc<str>>,
    dec: RefCell<Decoded>,
}

/// The classes `open()` instantiates.
#[derive(Clone)]
pub(crate) struct Classes {
    file_io: ObjRef,
    reader: ObjRef,
    writer: ObjRef,
    random: ObjRef,
    text: ObjRef,
}

fn closed_err(vm: &Vm) -> PyErr {
    vm.new_value_error("I/O operation on closed file.")
}

fn io_err(vm: &mut Vm, e: &std::io::Error, _raw: &Shared) -> PyErr {
    super::super::posix::os_error(vm, e, None)
}

fn to_i64(n: u64) -> Value {
    Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// `self` and the rest of the arguments.
fn split<'a>(a: &Args<'a>) -> (Value, Args<'a>) {
    let me = a.pos.first().cloned().unwrap_or(Value::None);
    let rest = Args {
        pos: a.pos.get(1..).unwrap_or(&[]),
        kw: a.kw,
    };
    (me, rest)
}

/// The shared host file of any file object made here.
fn shared(vm: &Vm, me: &Value) -> PyResult<Shared> {
    if let Some(b) = native::<BinFile>(me) {
        return Ok(b.raw.clone());
    }
    if let Some(t) = native::<TextFile>(me) {
        return Ok(t.raw.clone());
    }
    Err(vm.new_type_error("descriptor requires an _io file object"))
}

/// Runs `f` on the open host file (`ValueError` once closed).
fn with_file<T>(
    vm: &mut Vm,
    raw: &Shared,
    closed_msg: &str,
    f: impl FnOnce(&mut File) -> std::io::Result<T>,
) -> PyResult<T> {
    let r = {
        let mut r = raw.borrow_mut();
        match r.file.as_mut() {
            Some(file) => f(file),
            None => return Err(vm.new_value_error(closed_msg)),
        }
    };
    r.map_err(|e| io_err(vm, &e, raw))
}

/// A `size` argument: `None` or negative mean "everything".
fn size_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(x) => {
            let n = vm.to_index(x)?;
            Ok(usize::try_from(n).ok())
        }
    }
}

fn bytes_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v.payload() {
        Some(Payload::Bytes(x)) => Ok(x.to_vec()),
        Some(Payload::ByteArray(x)) => Ok(x.borrow().clone()),
        _ => vm.bytes_like(v).map_err(|_| {
            vm.new_type_error(&format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(v)
            ))
        }),
    }
}

// ----- binary files -----

fn bin<'a>(vm: &Vm, me: &'a Value) -> PyResult<&'a BinFile> {
    native::<BinFile>(me).ok_or_else(|| vm.new_type_error("descriptor requires a binary file"))
}

fn check_readable(vm: &mut Vm, b: &BinFile) -> PyResult<()> {
    let (open, readable) = {
        let r = b.raw.borrow();
        (r.file.is_some(), r.readable)
    };
    if !open {
        let msg = if b.kind == Kind::FileIO {
            "I/O operation on closed file"
        } else {
            "read of closed file"
        };
        return Err(vm.new_value_error(msg));
    }
    if !readable {
        let msg = if b.kind == Kind::FileIO {
            "File not open for reading"
        } else {
            "read"
        };
        return Err(unsupported(vm, msg));
    }
    Ok(())
}

fn check_writable(vm: &mut Vm, b: &BinFile) -> PyResult<()> {
    let (open, writable) = {
        let r = b.raw.borrow();
        (r.file.is_some(), r.writable)
    };
    if !open {
        let msg = if b.kind == Kind::FileIO {
            "I/O operation on closed file"
        } else {
            "write to closed file"
        };
        return Err(vm.new_value_error(msg));
    }
    if !writable {
        let msg = if b.kind == Kind::FileIO {
            "File not open for writing"
        } else {
            "write"
        };
        return Err(unsupported(vm, msg));
    }
    Ok(())
}

fn read_bytes(vm: &mut Vm, raw: &Shared, size: Option<usize>) -> PyResult<Vec<u8>> {
    with_file(vm, raw, "read of closed file", |f| {
        let mut out = Vec::new();
        match size {
            None => {
                f.read_to_end(&mut out)?;
            }
            Some(n) => {
                f.take(u64::try_from(n).unwrap_or(u64::MAX))
                    .read_to_end(&mut out)?;
            }
        }
        Ok(out)
    })
}

/// One line (through `\n`), at most `limit` bytes; the file is left just after it.
fn read_line_bytes(vm: &mut Vm, raw: &Shared, limit: Option<usize>) -> PyResult<Vec<u8>> {
    with_file(vm, raw, "readline of closed file", |f| {
        let start = f.stream_position()?;
        let mut out = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            let n = f.read(&mut chunk)?;
            if n == 0 {
                break;
            }
            let got = chunk.get(..n).unwrap_or(&[]);
            let cut = got.iter().position(|c| *c == b'\n').map(|i| i + 1);
            out.extend_from_slice(got.get(..cut.unwrap_or(n)).unwrap_or(&[]));
            if let Some(l) = limit {
                if out.len() >= l {
                    out.truncate(l);
                    break;
                }
            }
            if cut.is_some() {
                break;
            }
        }
        f.seek(SeekFrom::Start(start + out.len() as u64))?;
        Ok(out)
    })
}

fn bin_read(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let (me, rest) = split(a);
    let b = bin(vm, &me)?;
    let p = bind(vm, &rest, "read", &["size"], 1, 0, 0)?;
    check_readable(vm, b)?;
    let size = size_arg(vm, p[0].as_ref())?;
    let out = read_bytes(vm, &b.raw, size)?;
    Ok(vm.new_bytes(out))
}

fn bin_readline(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let (me, rest) = split(a);
    let b = bin(vm, &me)?;
    let p = bind(vm, &rest, "readline", &["size"], 1, 0, 0)?;
    check_readable(vm, b)?;
    let size = size_arg(vm, p[0].as_ref())?;
    let out = read_line_bytes(vm, &b.raw, size)?;
    Ok(vm.new_bytes(out))
}

fn bin_write(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let (me, rest) = split(a);
    let b = bin(vm, &me)?;
    let v = super::super::one(vm, &rest, "write")?;
    check_writable(vm, b)?;
    let data = bytes_arg(vm, &v)?;
    with_file(vm, &b.raw, "write to closed file", |f| f.write_all(&data))?;
    Ok(to_i64(data.len() as u64))
}

fn seek_args(vm: &mut Vm, rest: &Args<'_>) -> PyResult<(i64, i64)> {
    let p = bind(vm, rest, "seek", &["pos", "whence"], 2, 1, 0)?;
    let pos = p[0].clone().unwrap_or(Value::Int(0));
    if matches!(pos.payload(), Some(Payload::Float(_))) || matches!(pos, Value::Float(_)) {
        return Err(vm.new_type_error("an integer is required"));
    }
    let pos = vm.to_index(&pos)?;
    let whence = match &p[1] {
        Some(w) => vm.to_index(w)?,
        None => 0,
    };
    Ok((pos, whence))
}

fn os_seek(vm: &mut Vm, raw: &Shared, pos: i64, whence: i64) -> PyResult<u64> {
    let target = match whence {
        0 => {
            if pos < 0 {
                return Err(vm.new_value_error(&format!("negative seek position {pos}")));
            }
            SeekFrom::Start(pos.unsigned_abs())
        }
        1 => SeekFrom::Current(pos),
        2 => SeekFrom::End(pos),
        _ => return Err(vm.new_value_error(&format!("whence value {whence} unsupported"))),
    };
    with_file(vm, raw, "seek of closed file", |f| f.seek(target))
}

fn bin_truncate(vm: &mut Vm, raw: &Shared, size: Option<&Value>) -> PyResult<Value> {
    let size = match size.filter(|v| !v.is_none()) {
        Some(v) => {
            let n = vm.to_index(v)?;
            u64::try_from(n).map_err(|_| vm.new_value_error(&format!("negative size value {n}")))?
        }
        None => with_file(vm, raw, "truncate of closed file", |f| f.stream_position())?,
    };
    if !raw.borrow().writable {
        return Err(unsupported(vm, "File not open for writing"));
    }
    with_file(vm, raw, "truncate of closed file", |f| f.set_len(size))?;
    Ok(to_i64(size))
}

fn bin_repr(vm: &mut Vm, me: &Value) -> PyResult<Value> {
    let b = bin(vm, me)?;
    let (name, closed, mode) = {
        let r = b.raw.borrow();
        (r.name.clone(), r.file.is_none(), r.mode())
    };
    if b.kind == Kind::FileIO {
        if closed {
            return Ok(vm.new_str("<_io.FileIO [closed]>"));
        }
        let n = vm.repr_string(&name)?;
        return Ok(vm.new_string(format!("<_io.FileIO name={n} mode='{mode}' closefd=True>")));
    }
    let n = vm.repr_string(&name)?;
    Ok(vm.new_string(format!("<_io.{} name={n}>", b.kind.class_name())))
}

fn new_bin(vm: &Vm, cls: &Classes, raw: &Shared, kind: Kind) -> Value {
    let c = match kind {
        Kind::FileIO => &cls.file_io,
        Kind::Reader => &cls.reader,
        Kind::Writer => &cls.writer,
        Kind::Random => &cls.random,
    };
    let st = BinFile {
        raw: raw.clone(),
        kind,
    };
    Value::Obj(vm.alloc(c, Payload::Native(Box::new(st))))
}

// ----- text files -----

fn text<'a>(vm: &Vm, me: &'a Value) -> PyResult<&'a TextFile> {
    native::<TextFile>(me).ok_or_else(|| vm.new_type_error("descriptor requires a text file"))
}

fn text_open(vm: &Vm, t: &TextFile) -> PyResult<()> {
    if t.raw.borrow().file.is_none() {
        return Err(closed_err(vm));
    }
    Ok(())
}

fn text_readable(vm: &mut Vm, t: &TextFile) -> PyResult<()> {
    text_open(vm, t)?;
    if !t.raw.borrow().readable {
        return Err(unsupported(vm, "not readable"));
    }
    Ok(())
}

fn norm_encoding(e: &str) -> String {
    e.to_ascii_lowercase().replace('_', "-")
}

/// How many bytes `chars` took in the file.
fn encoded_len(vm: &mut Vm, t: &TextFile, chars: &[char]) -> PyResult<u64> {
    let enc = norm_encoding(&t.encoding);
    match enc.as_str() {
        "utf-8" | "utf8" => Ok(chars.iter().map(|c| c.len_utf8() as u64).sum()),
        "latin-1" | "latin1" | "iso-8859-1" | "ascii" | "us-ascii" => Ok(chars.len() as u64),
        _ => {
            let s = vm.new_string(chars.iter().collect());
            let e = vm.new_str(&t.encoding);
            let er = vm.new_str(&t.errors);
            let b = vm.call_method(&s, "encode", &[e, er])?;
            Ok(vm.bytes_like(&b)?.len() as u64)
        }
    }
}

/// Decodes the rest of the file, unless already done since the last seek or write.
fn load(vm: &mut Vm, t: &TextFile) -> PyResult<()> {
    if t.dec.borrow().loaded {
        return Ok(());
    }
    let (start, bytes) = with_file(vm, &t.raw, "I/O operation on closed file.", |f| {
        let start = f.stream_position()?;
        let mut out = Vec::new();
        f.read_to_end(&mut out)?;
        Ok((start, out))
    })?;
    let enc = norm_encoding(&t.encoding);
    let mut input = bytes;
    if start > 0 && matches!(enc.as_str(), "utf-16" | "utf-32") {
        // Mid-file, the byte-order mark is behind us: decode as the platform's order.
        let mut bom = if enc == "utf-16" {
            vec![0xff, 0xfe]
        } else {
            vec![0xff, 0xfe, 0, 0]
        };
        bom.extend_from_slice(&input);
        input = bom;
    }
    let b = vm.new_bytes(input);
    let e = vm.new_str(&t.encoding);
    let er = vm.new_str(&t.errors);
    let s = vm.call_method(&b, "decode", &[e, er])?;
    let chars: Vec<char> = s.as_str().unwrap_or("").chars().collect();
    *t.dec.borrow_mut() = Decoded {
        loaded: true,
        chars,
        pos: 0,
        start,
    };
    Ok(())
}

/// Forgets the decoded text, leaving the host file at the position `tell()` reports.
fn unload(vm: &mut Vm, t: &TextFile) -> PyResult<()> {
    if !t.dec.borrow().loaded {
        return Ok(());
    }
    let pos = text_tell(vm, t)?;
    *t.dec.borrow_mut() = Decoded::default();
    with_file(vm, &t.raw, "I/O operation on closed file.", |f| {
        f.seek(SeekFrom::Start(pos))
    })?;
    Ok(())
}

fn text_tell(vm: &mut Vm, t: &TextFile) -> PyResult<u64> {
    let (loaded, start, consumed) = {
        let d = t.dec.borrow();
        (
            d.loaded,
            d.start,
            d.chars.get(..d.pos).unwrap_or(&[]).to_vec(),
        )
    };
    if !loaded {
        return with_file(vm, &t.raw, "I/O operation on closed file.", |f| {
            f.stream_position()
        });
    }
    let mut n = encoded_len(vm, t, &consumed)?;
    let enc = norm_encoding(&t.encoding);
    if start > 0 && matches!(enc.as_str(), "utf-16" | "utf-32") {
        n = n.saturating_sub(if enc == "utf-16" { 2 } else { 4 });
    }
    Ok(start + n)
}

/// Takes up to `limit` characters (after newline translation) from the decoded text, stopping
/// after the first line end when `line` is set.
fn take(t: &TextFile, limit: Option<usize>, line: bool) -> String {
    let mut d = t.dec.borrow_mut();
    let nl = t.newline.as_deref();
    let mut out = String::new();
    let mut count = 0usize;
    while d.pos < d.chars.len() && limit.map_or(true, |l| count < l) {
        let c = d.chars.get(d.pos).copied().unwrap_or('\0');
        let next = d.chars.get(d.pos + 1).copied();
        d.pos += 1;
        count += 1;
        match nl {
            None if c == '\r' => {
                if next == Some('\n') {
                    d.pos += 1;
                }
                out.push('\n');
                if line {
                    break;
                }
                continue;
            }
            Some("") if c == '\r' => {
                out.push('\r');
                if next == Some('\n') && limit.map_or(true, |l| count < l) {
                    d.pos += 1;
                    out.push('\n');
                }
                if line {
                    break;
                }
                continue;
            }
            _ => {}
        }
        out.push(c);
        if line {
            let end = match nl {
                None | Some("" | "\n") => c == '\n',
                Some("\r") => c == '\r',
                _ => c == '\n' && out.ends_with("\r\n"),
            };
            if end {
                break;
            }
        }
    }
    out
}

fn text_read(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let (me, rest) = split(a);
    let t = text(vm, &me)?;
    let p = bind(vm, &rest, "read", &["size"], 1, 0, 0)?;
    text_readable(vm, t)?;
    let size = size_arg(vm, p[0].as_ref())?;
    load(vm, t)?;
    let s = take(t, size, false);
    Ok(vm.new_string(s))
}

fn text_readline(vm: &mut Vm, t: &TextFile, size: Option<usize>) -> PyResult<String> {
    text_readable(vm, t)?;
    load(vm, t)?;
    Ok(take(t, size, true))
}

fn text_write(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let (me, rest) = split(a);
    let t = text(vm, &me)?;
    let v = super::super::one(vm, &rest, "write")?;
    let Some(s) = v.as_str() else {
        return Err(vm.new_type_error(&format!(
            "write() argument must be str, not {}",
            vm.type_name(&v)
        )));
    };
    text_open(vm, t)?;
    if !t.raw.borrow().writable {
        return Err(unsupported(vm, "not writable"));
    }
    let n = s.chars().count();
    let s = match t.newline.as_deref() {
        Some(nl @ ("\r" | "\r\n")) => s.replace('\n', nl),
        _ => s.to_string(),
    };
    unload(vm, t)?;
    let pos = with_file(vm, &t.raw, "I/O operation on closed file.", |f| {
        f.stream_position()
    })?;
    let enc = norm_encoding(&t.encoding);
    let enc_name = match enc.as_str() {
        "utf-16" if pos > 0 => "utf-16-le",
        "utf-32" if pos > 0 => "utf-32-le",
        _ => &t.encoding,
    };
    let sv = vm.new_string(s);
    let e = vm.new_str(enc_name);
    let er = vm.new_str(&t.errors);
    let b = vm.call_method(&sv, "encode", &[e, er])?;
    let data = vm.bytes_like(&b)?;
    with_file(vm, &t.raw, "I/O operation on closed file.", |f| {
        f.write_all(&data)
    })?;
    Ok(to_i64(n as u64))
}

fn text_seek(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let (me, rest) = split(a);
    let t = text(vm, &me)?;
    let (pos, whence) = seek_args(vm, &rest)?;
    text_open(vm, t)?;
    match whence {
        0 if pos < 0 => Err(vm.new_value_error(&format!("negative seek position {pos}"))),
        0 => {
            *t.dec.borrow_mut() = Decoded::default();
            Ok(to_i64(os_seek(vm, &t.raw, pos, 0)?))
        }
        1 | 2 if pos != 0 => {
            let what = if whence == 1 { "cur" } else { "end" };
            Err(unsupported(
                vm,
                &format!("can't do nonzero {what}-relative seeks"),
            ))
        }
        1 => Ok(to_i64(text_tell(vm, t)?)),
        2 => {
            *t.dec.borrow_mut() = Decoded::default();
            Ok(to_i64(os_seek(vm, &t.raw, 0, 2)?))
        }
        _ => Err(vm.new_value_error(&format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    }
}

fn text_repr(vm: &mut Vm, me: &Value) -> PyResult<Value> {
    let t = text(vm, me)?;
    let name = t.raw.borrow().name.clone();
    let n = vm.repr_string(&name)?;
    let m = vm.new_str(&t.mode);
    let m = vm.repr_string(&m)?;
    let e = vm.new_str(&t.encoding);
    let e = vm.repr_string(&e)?;
    Ok(vm.new_string(format!(
        "<_io.TextIOWrapper name={n} mode={m} encoding={e}>"
    )))
}

// ----- shared methods and class construction -----

fn add_prop(vm: &mut Vm, cls: &ObjRef, name: &str, f: fn(&mut Vm, &Value) -> PyResult<Value>) {
    let fget = vm.new_native_function(name, move |vm, a| {
        let me = a.pos.first().cloned().unwrap_or(Value::None);
        f(vm, &me)
    });
    crate::modules::add_getter(vm, cls, name, fget);
}

fn close(vm: &mut Vm, me: &Value) -> PyResult<Value> {
    let raw = shared(vm, me)?;
    if let Some(t) = native::<TextFile>(me) {
        if raw.borrow().file.is_some() {
            unload(vm, t)?;
        }
    }
    let f = raw.borrow_mut().file.take();
    if let Some(mut f) = f {
        if let Err(e) = f.flush() {
            return Err(io_err(vm, &e, &raw));
        }
    }
    Ok(Value::None)
}

fn flag(vm: &mut Vm, a: &Args<'_>, which: u8) -> PyResult<Value> {
    let raw = shared(vm, &split(a).0)?;
    let r = raw.borrow();
    if r.file.is_none() {
        return Err(closed_err(vm));
    }
    Ok(Value::bool(match which {
        0 => r.readable,
        1 => r.writable,
        2 => true,
        _ => false,
    }))
}

fn fileno(vm: &mut Vm, me: &Value) -> PyResult<Value> {
    use std::os::unix::io::AsRawFd;
    let raw = shared(vm, me)?;
    let fd = raw.borrow().file.as_ref().map(AsRawFd::as_raw_fd);
    match fd {
        Some(fd) => Ok(Value::Int(i64::from(fd))),
        None => Err(closed_err(vm)),
    }
}

fn writelines(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let (me, rest) = split(a);
    let lines = super::super::one(vm, &rest, "writelines")?;
    let it = vm.iter(&lines)?;
    while let Some(l) = vm.next(&it)? {
        vm.call_method(&me, "write", &[l])?;
    }
    Ok(Value::None)
}

fn readlines(vm: &mut Vm, a: &Args<'_>) -> PyResult<Value> {
    let (me, rest) = split(a);
    let p = bind(vm, &rest, "readlines", &["hint"], 1, 0, 0)?;
    let hint = size_arg(vm, p[0].as_ref())?.filter(|h| *h > 0);
    let mut out = Vec::new();
    let mut total = 0usize;
    loop {
        let line = vm.call_method(&me, "readline", &[])?;
        let n = vm.len(&line)?;
        if n == 0 {
            break;
        }
        out.push(line);
        total += n;
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    Ok(vm.new_list(out))
}

/// Methods every binary file class has.
fn common(vm: &mut Vm, cls: &ObjRef) {
    add_method(vm, cls, "close", |vm, a| close(vm, &split(&a).0));
    add_method(vm, cls, "flush", |vm, a| {
        let raw = shared(vm, &split(&a).0)?;
        with_file(vm, &raw, "I/O operation on closed file.", |f| f.flush())?;
        Ok(Value::None)
    });
    add_method(vm, cls, "__enter__", |vm, a| {
        let me = split(&a).0;
        let raw = shared(vm, &me)?;
        if raw.borrow().file.is_none() {
            return Err(closed_err(vm));
        }
        Ok(me)
    });
    add_method(vm, cls, "__exit__", |vm, a| close(vm, &split(&a).0));
    add_method(vm, cls, "__iter__", |vm, a| {
        let me = split(&a).0;
        let raw = shared(vm, &me)?;
        if raw.borrow().file.is_none() {
            return Err(closed_err(vm));
        }
        Ok(me)
    });
    for (name, which) in [
        ("readable", 0u8),
        ("writable", 1),
        ("seekable", 2),
        ("isatty", 3),
    ] {
        add_method(vm, cls, name, move |vm, a| flag(vm, &a, which));
    }
    add_method(vm, cls, "fileno", |vm, a| fileno(vm, &split(&a).0));
    add_method(vm, cls, "writelines", |vm, a| writelines(vm, &a));
    add_method(vm, cls, "readlines", |vm, a| readlines(vm, &a));
    add_prop(vm, cls, "closed", |vm, me| {
        Ok(Value::bool(shared(vm, me)?.borrow().file.is_none()))
    });
    add_prop(vm, cls, "name", |vm, me| {
        Ok(shared(vm, me)?.borrow().name.clone())
    });
    add_prop(vm, cls, "mode", |vm, me| {
        let m = shared(vm, me)?.borrow().mode();
        Ok(vm.new_str(m))
    });
}

fn bin_class(vm: &mut Vm, m: &ObjRef, kind: Kind, base: &ObjRef) -> PyResult<ObjRef> {
    let cls = new_type(vm, "_io", kind.class_name(), std::slice::from_ref(base))?;
    common(vm, &cls);
    add_method(vm, &cls, "read", |vm, a| bin_read(vm, &a));
    add_method(vm, &cls, "readline", |vm, a| bin_readline(vm, &a));
    add_method(vm, &cls, "write", |vm, a| bin_write(vm, &a));
    add_method(vm, &cls, "__next__", |vm, a| {
        let me = split(&a).0;
        let b = bin(vm, &me)?;
        check_readable(vm, b)?;
        let line = read_line_bytes(vm, &b.raw, None)?;
        if line.is_empty() {
            return Err(vm.new_stop_iteration(Value::None));
        }
        Ok(vm.new_bytes(line))
    });
    add_method(vm, &cls, "seek", |vm, a| {
        let (me, rest) = split(&a);
        let b = bin(vm, &me)?;
        let (pos, whence) = seek_args(vm, &rest)?;
        Ok(to_i64(os_seek(vm, &b.raw, pos, whence)?))
    });
    add_method(vm, &cls, "tell", |vm, a| {
        let raw = shared(vm, &split(&a).0)?;
        let p = with_file(vm, &raw, "tell of closed file", |f| f.stream_position())?;
        Ok(to_i64(p))
    });
    add_method(vm, &cls, "truncate", |vm, a| {
        let (me, rest) = split(&a);
        let raw = shared(vm, &me)?;
        let p = bind(vm, &rest, "truncate", &["pos"], 1, 0, 0)?;
        bin_truncate(vm, &raw, p[0].as_ref())
    });
    add_method(vm, &cls, "__repr__", |vm, a| bin_repr(vm, &split(&a).0));
    if kind == Kind::FileIO {
        add_prop(vm, &cls, "closefd", |_vm, _me| Ok(Value::Bool(B64::TRUE)));
    } else {
        add_prop(vm, &cls, "raw", |vm, me| {
            let raw = shared(vm, me)?;
            let classes = classes(vm)?;
            Ok(new_bin(vm, &classes, &raw, Kind::FileIO))
        });
    }
    vm.set_module_attr(m, kind.class_name(), Value::Obj(cls.clone()));
    Ok(cls)
}

/// The class of `sys.__stdout__`, which is also `_io.TextIOWrapper` in CPython.
fn stdout_class(vm: &mut Vm) -> Option<ObjRef> {
    let sys = vm.import_module("sys").ok()?;
    let out = vm.getattr_str(&sys, "__stdout__").ok()?;
    let cls = vm.type_of(&out);
    let named = cls
        .as_type()
        .is_some_and(|t| &**t.name.borrow() == "TextIOWrapper");
    named.then_some(cls)
}

type Method = fn(&mut Vm, &Args<'_>) -> PyResult<Value>;

/// Adds a text-file method to `cls`. When `cls` is also the class of `sys.stdout`, calls on
/// the standard streams go to the method the class had before (`write`, `flush`, `__repr__`,
/// …) or get the standard stream's answer.
fn text_method(vm: &mut Vm, cls: &ObjRef, name: &'static str, f: Method) {
    let old = vm
        .lookup_type_attr(cls, name)
        .filter(|v| matches!(v.payload(), Some(Payload::NativeFunction(_))));
    let old = old.filter(|_| !matches!(name, "__enter__" | "__exit__" | "__iter__" | "close"));
    add_method(vm, cls, name, move |vm, a| {
        if a.pos.first().and_then(native::<TextFile>).is_some() {
            return f(vm, &a);
        }
        if let Some(o) = &old {
            return vm.call(o, a.pos);
        }
        let me = a.pos.first().cloned().unwrap_or(Value::None);
        match name {
            "readable" | "seekable" | "isatty" => Ok(Value::Bool(B64::FALSE)),
            "writable" => Ok(Value::Bool(B64::TRUE)),
            "__enter__" | "__iter__" => Ok(me),
            "__exit__" | "close" | "flush" => Ok(Value::None),
            "read" | "readline" | "__next__" => Err(unsupported(vm, "not readable")),
            _ => Err(unsupported(vm, name)),
        }
    });
}

/// Adds a text-file property. The standard streams get the answer of the property the class
/// already had (`sys` defines `name`, `mode`, `encoding`, `errors`, `closed` for them), else
/// `stream`'s.
fn text_prop(vm: &mut Vm, cls: &ObjRef, name: &str, f: Method, stream: Method) {
    let old = match vm.lookup_type_attr(cls, name) {
        Some(p) => match p.payload() {
            Some(Payload::Property(d)) => Some(d.fget.clone()),
            _ => None,
        },
        None => None,
    };
    let fget = vm.new_native_function(name, move |vm, a| {
        if a.pos.first().and_then(native::<TextFile>).is_some() {
            return f(vm, &a);
        }
        if let Some(g) = &old {
            return vm.call(g, a.pos);
        }
        stream(vm, &a)
    });
    crate::modules::add_getter(vm, cls, name, fget);
}

fn me_text<'a>(vm: &Vm, a: &'a Args<'_>) -> PyResult<&'a TextFile> {
    a.pos
        .first()
        .and_then(native::<TextFile>)
        .ok_or_else(|| vm.new_type_error("descriptor requires a text file"))
}

fn text_class(vm: &mut Vm, m: &ObjRef, base: &ObjRef) -> PyResult<ObjRef> {
    let cls = match stdout_class(vm) {
        Some(c) => c,
        None => new_type(vm, "_io", "TextIOWrapper", std::slice::from_ref(base))?,
    };
    // Only `open()` makes text files: wrapping a Python buffer object is not supported.
    vm.set_constructor(&cls, |vm, _a| {
        let t = vm.types().exc.not_implemented_error.clone();
        Err(vm.new_exception_msg(
            &t,
            "pyvm's TextIOWrapper cannot wrap a buffer object; use open()",
        ))
    });
    let methods: [(&'static str, Method); 20] = [
        ("close", |vm, a| close(vm, &split(a).0)),
        ("flush", |vm, a| {
            let raw = shared(vm, &split(a).0)?;
            with_file(vm, &raw, "I/O operation on closed file.", |f| f.flush())?;
            Ok(Value::None)
        }),
        ("__enter__", |vm, a| {
            let me = split(a).0;
            text_open(vm, me_text(vm, a)?)?;
            Ok(me)
        }),
        ("__exit__", |vm, a| close(vm, &split(a).0)),
        ("__iter__", |vm, a| {
            let me = split(a).0;
            text_open(vm, me_text(vm, a)?)?;
            Ok(me)
        }),
        ("readable", |vm, a| flag(vm, a, 0)),
        ("writable", |vm, a| flag(vm, a, 1)),
        ("seekable", |vm, a| flag(vm, a, 2)),
        ("isatty", |vm, a| flag(vm, a, 3)),
        ("fileno", |vm, a| fileno(vm, &split(a).0)),
        ("writelines", writelines),
        ("readlines", readlines),
        ("read", text_read),
        ("readline", |vm, a| {
            let (me, rest) = split(a);
            let t = text(vm, &me)?;
            let p = bind(vm, &rest, "readline", &["size"], 1, 0, 0)?;
            let size = size_arg(vm, p[0].as_ref())?;
            let s = text_readline(vm, t, size)?;
            Ok(vm.new_string(s))
        }),
        ("__next__", |vm, a| {
            let me = split(a).0;
            let t = text(vm, &me)?;
            let s = text_readline(vm, t, None)?;
            if s.is_empty() {
                return Err(vm.new_stop_iteration(Value::None));
            }
            Ok(vm.new_string(s))
        }),
        ("write", text_write),
        ("seek", text_seek),
        ("tell", |vm, a| {
            let t = me_text(vm, a)?;
            text_open(vm, t)?;
            Ok(to_i64(text_tell(vm, t)?))
        }),
        ("truncate", |vm, a| {
            let (me, rest) = split(a);
            let t = text(vm, &me)?;
            let p = bind(vm, &rest, "truncate", &["pos"], 1, 0, 0)?;
            text_open(vm, t)?;
            unload(vm, t)?;
            if !t.raw.borrow().writable {
                return Err(unsupported(vm, "not writable"));
            }
            bin_truncate(vm, &t.raw, p[0].as_ref())
        }),
        ("__repr__", |vm, a| text_repr(vm, &split(a).0)),
    ];
    for (name, f) in methods {
        text_method(vm, &cls, name, f);
    }
    let props: [(&str, Method, Method); 10] = [
        (
            "closed",
            |vm, a| Ok(Value::bool(me_text(vm, a)?.raw.borrow().file.is_none())),
            |_, _| Ok(Value::Bool(B64::FALSE)),
        ),
        (
            "name",
            |vm, a| Ok(me_text(vm, a)?.raw.borrow().name.clone()),
            |vm, _| Ok(vm.new_str("<stdout>")),
        ),
        (
            "mode",
            |vm, a| Ok(vm.new_str(&me_text(vm, a)?.mode)),
            |vm, _| Ok(vm.new_str("w")),
        ),
        (
            "encoding",
            |vm, a| Ok(vm.new_str(&me_text(vm, a)?.encoding)),
            |vm, _| Ok(vm.new_str("utf-8")),
        ),
        (
            "errors",
            |vm, a| Ok(vm.new_str(&me_text(vm, a)?.errors)),
            |vm, _| Ok(vm.new_str("strict")),
        ),
        (
            "buffer",
            |vm, a| Ok(me_text(vm, a)?.buffer.clone()),
            |vm, _| Err(unsupported(vm, "buffer")),
        ),
        (
            "line_buffering",
            |_, _| Ok(Value::Bool(B64::FALSE)),
            |_, _| Ok(Value::Bool(B64::FALSE)),
        ),
        (
            "write_through",
            |_, _| Ok(Value::Bool(B64::FALSE)),
            |_, _| Ok(Value::Bool(B64::FALSE)),
        ),
        ("newlines", |_, _| Ok(Value::None), |_, _| Ok(Value::None)),
        (
            "closefd",
            |_, _| Ok(Value::Bool(B64::TRUE)),
            |_, _| Ok(Value::Bool(B64::FALSE)),
        ),
    ];
    for (name, f, stream) in props {
        text_prop(vm, &cls, name, f, stream);
    }
    vm.set_module_attr(m, "TextIOWrapper", Value::Obj(cls.clone()));
    Ok(cls)
}

/// The classes, read back from `_io` (built with it).
fn classes(vm: &mut Vm) -> PyResult<Classes> {
    let m = vm.import_module("_io")?;
    let get = |vm: &mut Vm, n: &str| -> PyResult<ObjRef> {
        let c = vm.getattr_str(&m, n)?;
        vm.as_class(&c)
            .ok_or_else(|| vm.new_system_error("_io is missing a file class"))
    };
    Ok(Classes {
        file_io: get(vm, "FileIO")?,
        reader: get(vm, "BufferedReader")?,
        writer: get(vm, "BufferedWriter")?,
        random: get(vm, "BufferedRandom")?,
        text: get(vm, "TextIOWrapper")?,
    })
}

/// Adds the file classes and `open` to the `_io` module `m`.
pub(crate) fn build_into(vm: &mut Vm, m: &ObjRef, bases: &super::io_base::Bases) -> PyResult<()> {
    bin_class(vm, m, Kind::FileIO, &bases.raw)?;
    for kind in [Kind::Reader, Kind::Writer, Kind::Random] {
        bin_class(vm, m, kind, &bases.buffered)?;
    }
    text_class(vm, m, &bases.text)?;
    // The same object as `builtins.open` (`io.open is open`), unless a program replaced that.
    let f = match vm.get_builtin("open") {
        Some(b) if native_name(&b) == Some("open") => b,
        _ => open_function(vm),
    };
    vm.set_module_attr(m, "open", f);
    Ok(())
}

fn native_name(v: &Value) -> Option<&str> {
    match v.payload() {
        Some(Payload::NativeFunction(f)) => Some(&f.name),
        _ => None,
    }
}

/// The `open` builtin (it imports `_io` on first use).
pub(crate) fn open_function(vm: &mut Vm) -> Value {
    native_fn(vm, "_io", "open", open)
}

struct Mode {
    read: bool,
    write: bool,
    append: bool,
    create: bool,
    plus: bool,
    binary: bool,
}

fn parse_mode(vm: &Vm, mode: &str) -> PyResult<Mode> {
    let mut seen = String::new();
    for c in mode.chars() {
        if !"rwxa+tb".contains(c) || seen.contains(c) {
            return Err(vm.new_value_error(&format!("invalid mode: '{mode}'")));
        }
        seen.push(c);
    }
    let has = |c: char| seen.contains(c);
    if has('t') && has('b') {
        return Err(vm.new_value_error("can't have text and binary mode at once"));
    }
    let n = [has('r'), has('w'), has('a'), has('x')]
        .iter()
        .filter(|b| **b)
        .count();
    if n != 1 {
        return Err(vm.new_value_error("must have exactly one of create/read/write/append mode"));
    }
    Ok(Mode {
        read: has('r'),
        write: has('w'),
        append: has('a'),
        create: has('x'),
        plus: has('+'),
        binary: has('b'),
    })
}

fn opt_str(vm: &Vm, v: Option<&Value>, what: &str) -> PyResult<Option<Rc<str>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(x) => match x.as_str() {
            Some(s) => Ok(Some(Rc::from(s))),
            None => Err(vm.new_type_error(&format!(
                "open() argument '{what}' must be str or None, not {}",
                vm.type_name(x)
            ))),
        },
    }
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
/// opener=None)`.
fn open(vm: &mut Vm, a: Args<'_>) -> PyResult<Value> {
    let names = [
        "file",
        "mode",
        "buffering",
        "encoding",
        "errors",
        "newline",
        "closefd",
        "opener",
    ];
    let p = bind(vm, &a, "open", &names, 0, 1, 0)?;
    let file = p[0].clone().unwrap_or(Value::None);
    let mode_s: Rc<str> = match p[1].as_ref() {
        None => Rc::from("r"),
        Some(v) => match v.as_str() {
            Some(s) => Rc::from(s),
            None => {
                return Err(vm.new_type_error(&format!(
                    "open() argument 'mode' must be str, not {}",
                    vm.type_name(v)
                )))
            }
        },
    };
    let buffering = match p[2].as_ref() {
        None => -1,
        Some(v) => vm.to_index(v)?,
    };
    let encoding = opt_str(vm, p[3].as_ref(), "encoding")?;
    let errors = opt_str(vm, p[4].as_ref(), "errors")?;
    let newline = opt_str(vm, p[5].as_ref(), "newline")?;
    if vm.is_int(&file) {
        return Err(vm.new_os_error("open() of a file descriptor is not supported by pyvm"));
    }
    if p[7].as_ref().is_some_and(|o| !o.is_none()) {
        return Err(vm.new_value_error("open() with an opener is not supported by pyvm"));
    }
    let mode = parse_mode(vm, &mode_s)?;
    if mode.binary {
        for (v, what) in [
            (encoding.is_some(), "an encoding"),
            (errors.is_some(), "an errors"),
            (newline.is_some(), "a newline"),
        ] {
            if v {
                return Err(
                    vm.new_value_error(&format!("binary mode doesn't take {what} argument"))
                );
            }
        }
    } else if buffering == 0 {
        return Err(vm.new_value_error("can't have unbuffered text I/O"));
    }
    if let Some(nl) = &newline {
        if !matches!(&**nl, "" | "\n" | "\r" | "\r\n") {
            return Err(vm.new_value_error(&format!("illegal newline value: {nl}")));
        }
    }
    let path = super::super::posix::path_arg(vm, &file)?;
    let mut oo = std::fs::OpenOptions::new();
    oo.read(mode.read || mode.plus)
        .write(mode.write || mode.append || mode.create || mode.plus)
        .append(mode.append)
        .truncate(mode.write)
        .create(mode.write || mode.append)
        .create_new(mode.create);
    let opened = oo.open(&path).and_then(|mut f| {
        if f.metadata()?.is_dir() {
            return Err(std::io::Error::from_raw_os_error(21));
        }
        if mode.append {
            f.seek(SeekFrom::End(0))?;
        }
        Ok(f)
    });
    let f = match opened {
        Ok(f) => f,
        Err(e) => return Err(super::super::posix::os_error(vm, &e, Some(&file))),
    };
    let raw = Rc::new(RefCell::new(Raw {
        file: Some(f),
        name: file,
        readable: mode.read || mode.plus,
        writable: !mode.read || mode.plus,
        append: mode.append,
        created: mode.create,
    }));
    let classes = classes(vm)?;
    let kind = if buffering == 0 {
        Kind::FileIO
    } else if mode.plus {
        Kind::Random
    } else if mode.read {
        Kind::Reader
    } else {
        Kind::Writer
    };
    let buffer = new_bin(vm, &classes, &raw, kind);
    if mode.binary {
        return Ok(buffer);
    }
    let encoding = match encoding {
        // The locale's encoding (`io.text_encoding(None)` is `"locale"`): always UTF-8 here.
        Some(e) if &*e == "locale" => Rc::from("UTF-8"),
        Some(e) => {
            // Unknown encodings fail here, as `codecs.lookup` does in CPython.
            let probe = vm.new_str("");
            let ev = vm.new_str(&e);
            vm.call_method(&probe, "encode", &[ev])?;
            e
        }
        None => Rc::from("UTF-8"),
    };
    let st = TextFile {
        raw,
        buffer,
        mode: mode_s,
        encoding,
        errors: errors.unwrap_or_else(|| Rc::from("strict")),
        newline,
        dec: RefCell::new(Decoded::default()),
    };
    Ok(Value::Obj(
        vm.alloc(&classes.text, Payload::Native(Box::new(st))),
    ))
}
