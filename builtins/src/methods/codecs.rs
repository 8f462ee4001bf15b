//! Text encodings for `str.encode`, `bytes.decode`, `bytes(str, enc)` and `str(bytes, enc)`:
//! UTF-8, ASCII, Latin-1, UTF-16 and UTF-32 (with and without byte order), with the error
//! handlers `strict`, `ignore`, `replace`, `backslashreplace`, `surrogateescape`,
//! `surrogatepass` and (encoding only) `xmlcharrefreplace` and `namereplace`, and CPython's
//! `UnicodeError` messages. Decoding lives in `codecs_decode.rs`.
//!
//! A `str` holds lone surrogates as the VM's stand-in chars (`proto::repr::surrogate_char`):
//! encoders treat them as the surrogate code points they stand for.

#[cfg(test)]
pub(crate) use super::codecs_decode::decode;
use super::codecs_decode::{decode_with, Errors};
use pyvm_vm::proto::repr::{char_surrogate, surrogate_char};
use pyvm_vm::{ObjRef, PyErr, PyResult, Value, Vm};

/// A codec known by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Codec {
    Utf8,
    Ascii,
    Latin1,
    Utf16,
    Utf16Le,
    Utf16Be,
    Utf32,
    Utf32Le,
    Utf32Be,
    /// `raw_unicode_escape`: Latin-1, with `\\uXXXX` / `\\UXXXXXXXX` for everything above it
    /// (pickle's protocol 0 writes strings this way).
    RawUnicodeEscape,
}

impl Codec {
    /// Looks an encoding name up the way `codecs.lookup` normalizes it.
    pub(crate) fn lookup(name: &str) -> Option<Codec> {
        let norm: String = name
            .trim()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        Some(match norm.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Codec::Utf8,
            "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "cp367"
            | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv_1991" => Codec::Ascii,
            "latin_1" | "latin1" | "latin" | "l1" | "iso8859_1" | "iso_8859_1" | "8859"
            | "cp819" | "iso8859" | "iso_ir_100" | "csisolatin1" | "ibm819" | "iso_8859_1_1987" => {
                Codec::Latin1
            }
            "utf_16" | "utf16" | "u16" => Codec::Utf16,
            "utf_16_le" | "utf_16le" | "utf16le" | "unicodelittleunmarked" => Codec::Utf16Le,
            "utf_16_be" | "utf_16be" | "utf16be" | "unicodebigunmarked" => Codec::Utf16Be,
            "utf_32" | "utf32" | "u32" => Codec::Utf32,
            "utf_32_le" | "utf_32le" | "utf32le" => Codec::Utf32Le,
            "utf_32_be" | "utf_32be" | "utf32be" => Codec::Utf32Be,
            "raw_unicode_escape" => Codec::RawUnicodeEscape,
            _ => return None,
        })
    }

    /// The name used in error messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Utf16 => "utf-16",
            Codec::Utf16Le => "utf-16-le",
            Codec::Utf16Be => "utf-16-be",
            Codec::Utf32 => "utf-32",
            Codec::Utf32Le => "utf-32-le",
            Codec::Utf32Be => "utf-32-be",
            Codec::RawUnicodeEscape => "rawunicodeescape",
        }
    }
}

/// An encoding or decoding failure, before it becomes a Python exception.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub(crate) enum CodecError {
    #[error("unknown encoding: {0}")]
    UnknownEncoding(String),
    #[error("unknown error handler name '{0}'")]
    UnknownHandler(String),
    /// A registered error handler raised (the caller holds the exception).
    #[error("error handler raised")]
    Raised,
    /// An encode-only handler (`xmlcharrefreplace`, `namereplace`) asked to decode.
    #[error("don't know how to handle UnicodeDecodeError in error callback")]
    DecodeHandler,
    /// `UnicodeDecodeError(codec, object, start, end, reason)`.
    #[error("'{codec}' codec can't decode {}: {reason}", byte_range(.object, *.start, *.end))]
    Decode {
        codec: &'static str,
        object: Vec<u8>,
        start: usize,
        end: usize,
        reason: &'static str,
    },
    /// `UnicodeEncodeError(codec, object, start, end, reason)` (character positions).
    #[error("'{codec}' codec can't encode {}: {reason}", char_range(.object, *.start, *.end))]
    Encode {
        codec: &'static str,
        object: String,
        start: usize,
        end: usize,
        reason: &'static str,
    },
}

fn byte_range(object: &[u8], start: usize, end: usize) -> String {
    if end == start + 1 {
        let b = object.get(start).copied().unwrap_or(0);
        format!("byte 0x{b:02x} in position {start}")
    } else {
        format!("bytes in position {start}-{}", end.saturating_sub(1))
    }
}

fn char_range(object: &str, start: usize, end: usize) -> String {
    if end == start + 1 {
        let c = object.chars().nth(start).unwrap_or('\0');
        let cp = code_point(c);
        let esc = if cp < 0x100 {
            format!("\\x{cp:02x}")
        } else if cp < 0x10000 {
            format!("\\u{cp:04x}")
        } else {
            format!("\\U{cp:08x}")
        };
        format!("character '{esc}' in position {start}")
    } else {
        format!("characters in position {start}-{}", end.saturating_sub(1))
    }
}

/// The code point a char of a `str` stands for (a lone surrogate for the VM's stand-ins).
pub(crate) fn code_point(c: char) -> u32 {
    char_surrogate(c).unwrap_or(u32::from(c))
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Handler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
    NameReplace,
    SurrogateEscape,
    SurrogatePass,
}

pub(crate) fn handler(errors: &str) -> Option<Handler> {
    Some(match errors {
        "strict" => Handler::Strict,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "backslashreplace" => Handler::BackslashReplace,
        "xmlcharrefreplace" => Handler::XmlCharRefReplace,
        "namereplace" => Handler::NameReplace,
        "surrogateescape" => Handler::SurrogateEscape,
        "surrogatepass" => Handler::SurrogatePass,
        _ => return None,
    })
}

pub(crate) fn push_backslash(out: &mut String, cp: u32) {
    if cp < 0x100 {
        out.push_str(&format!("\\x{cp:02x}"));
    } else if cp < 0x10000 {
        out.push_str(&format!("\\u{cp:04x}"));
    } else {
        out.push_str(&format!("\\U{cp:08x}"));
    }
}

/// What a registered error handler returned in place of the bad input.
pub(crate) enum Repl {
    Str(String),
    Bytes(Vec<u8>),
}

/// A handler registered with `codecs.register_error`, called with the error: its replacement
/// and the position (in the input) where coding resumes.
pub(crate) type Custom<'a> = &'a mut dyn FnMut(&CodecError) -> Result<(Repl, usize), CodecError>;

/// `s.encode(encoding, errors)` with the built-in handlers.
#[cfg(test)]
pub(crate) fn encode(s: &str, encoding: &str, errors: &str) -> Result<Vec<u8>, CodecError> {
    encode_with(s, encoding, errors, None)
}

/// `s.encode(encoding, errors)`; `custom` handles an `errors` name that is not built in.
pub(crate) fn encode_with(
    s: &str,
    encoding: &str,
    errors: &str,
    mut custom: Option<Custom<'_>>,
) -> Result<Vec<u8>, CodecError> {
    let codec =
        Codec::lookup(encoding).ok_or_else(|| CodecError::UnknownEncoding(encoding.to_string()))?;
    let (reason, wide) = match codec {
        Codec::Ascii => ("ordinal not in range(128)", false),
        Codec::Latin1 => ("ordinal not in range(256)", false),
        Codec::Utf8 => ("surrogates not allowed", false),
        _ => ("surrogates not allowed", true),
    };
    let mut out = Vec::with_capacity(s.len() + 4);
    match codec {
        Codec::Utf16 => out.extend_from_slice(&[0xff, 0xfe]),
        Codec::Utf32 => out.extend_from_slice(&[0xff, 0xfe, 0, 0]),
        _ => {}
    }
    if codec == Codec::Utf8 && !s.chars().any(|c| char_surrogate(c).is_some()) {
        return Ok(s.as_bytes().to_vec());
    }
    if codec == Codec::RawUnicodeEscape {
        // Every character has an encoding: no handler is ever consulted.
        for c in s.chars() {
            let cp = code_point(c);
            match u8::try_from(cp) {
                Ok(b) => out.push(b),
                Err(_) => {
                    let mut t = String::new();
                    push_backslash(&mut t, cp);
                    out.extend_from_slice(t.as_bytes());
                }
            }
        }
        return Ok(out);
    }
    let chars: Vec<char> = s.chars().collect();
    let err = |start: usize, end: usize| CodecError::Encode {
        codec: codec.name(),
        object: s.to_string(),
        start,
        end,
        reason,
    };
    let mut i = 0;
    while i < chars.len() {
        if encodable(codec, chars[i]) {
            push_char(&mut out, codec, chars[i]);
            i += 1;
            continue;
        }
        // The run of unencodable characters (UTF-16 and UTF-32 report one at a time).
        let mut j = i + 1;
        if !wide {
            while j < chars.len() && !encodable(codec, chars[j]) {
                j += 1;
            }
        }
        let Some(h) = handler(errors) else {
            let Some(f) = custom.as_mut() else {
                return Err(CodecError::UnknownHandler(errors.to_string()));
            };
            let (r, pos) = f(&err(i, j))?;
            match r {
                Repl::Bytes(b) => out.extend_from_slice(&b),
                Repl::Str(t) => {
                    if t.chars().any(|c| !encodable(codec, c)) {
                        return Err(err(i, j));
                    }
                    push_ascii(&mut out, codec, &t);
                }
            }
            i = pos.min(chars.len());
            continue;
        };
        let run = chars.get(i..j).unwrap_or(&[]);
        match h {
            Handler::Strict => return Err(err(i, j)),
            Handler::Ignore => {}
            Handler::Replace => push_ascii(&mut out, codec, &"?".repeat(j - i)),
            Handler::BackslashReplace => {
                let mut t = String::new();
                for &c in run {
                    push_backslash(&mut t, code_point(c));
                }
                push_ascii(&mut out, codec, &t);
            }
            Handler::XmlCharRefReplace => {
                let mut t = String::new();
                for &c in run {
                    t.push_str(&format!("&#{};", code_point(c)));
                }
                push_ascii(&mut out, codec, &t);
            }
            Handler::NameReplace => {
                let mut t = String::new();
                for &c in run {
                    let cp = code_point(c);
                    match super::codecs_names::name(cp) {
                        Some(n) => {
                            t.push_str("\\N{");
                            t.push_str(&n);
                            t.push('}');
                        }
                        None => push_backslash(&mut t, cp),
                    }
                }
                push_ascii(&mut out, codec, &t);
            }
            Handler::SurrogateEscape => {
                if wide {
                    return Err(err(i, j));
                }
                for (k, &c) in run.iter().enumerate() {
                    let cp = code_point(c);
                    match u8::try_from(cp.wrapping_sub(0xdc00)) {
                        Ok(b) if b >= 0x80 => out.push(b),
                        _ => return Err(err(i + k, j)),
                    }
                }
            }
            Handler::SurrogatePass => {
                if matches!(codec, Codec::Ascii | Codec::Latin1)
                    || run.iter().any(|&c| char_surrogate(c).is_none())
                {
                    return Err(err(i, j));
                }
                for &c in run {
                    push_surrogate(&mut out, codec, code_point(c));
                }
            }
        }
        i = j;
    }
    Ok(out)
}

/// Whether `codec` can encode `c` as is (lone surrogates never can).
fn encodable(codec: Codec, c: char) -> bool {
    if char_surrogate(c).is_some() {
        return false;
    }
    match codec {
        Codec::Ascii => c.is_ascii(),
        Codec::Latin1 => u32::from(c) < 0x100,
        _ => true,
    }
}

fn big_endian(codec: Codec) -> bool {
    matches!(codec, Codec::Utf16Be | Codec::Utf32Be)
}

/// Appends an encodable char.
fn push_char(out: &mut Vec<u8>, codec: Codec, c: char) {
    match codec {
        Codec::Utf8 => {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        Codec::Ascii | Codec::Latin1 | Codec::RawUnicodeEscape => {
            out.push(u8::try_from(u32::from(c)).unwrap_or(b'?'));
        }
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            let mut buf = [0u16; 2];
            for u in c.encode_utf16(&mut buf) {
                push_unit16(out, codec, *u);
            }
        }
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => push_unit32(out, codec, u32::from(c)),
    }
}

fn push_unit16(out: &mut Vec<u8>, codec: Codec, u: u16) {
    out.extend_from_slice(&if big_endian(codec) {
        u.to_be_bytes()
    } else {
        u.to_le_bytes()
    });
}

fn push_unit32(out: &mut Vec<u8>, codec: Codec, u: u32) {
    out.extend_from_slice(&if big_endian(codec) {
        u.to_be_bytes()
    } else {
        u.to_le_bytes()
    });
}

/// Appends a handler's replacement text (encodable chars) in the codec's encoding.
fn push_ascii(out: &mut Vec<u8>, codec: Codec, t: &str) {
    for c in t.chars() {
        push_char(out, codec, c);
    }
}

/// `surrogatepass`: a lone surrogate encoded as if it were a character (UTF codecs only).
fn push_surrogate(out: &mut Vec<u8>, codec: Codec, cp: u32) {
    match codec {
        Codec::Utf8 => {
            for b in [
                0xe0 | (cp >> 12),
                0x80 | ((cp >> 6) & 0x3f),
                0x80 | (cp & 0x3f),
            ] {
                out.push(u8::try_from(b).unwrap_or(0));
            }
        }
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            push_unit16(out, codec, u16::try_from(cp).unwrap_or(0));
        }
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => push_unit32(out, codec, cp),
        Codec::Ascii | Codec::Latin1 | Codec::RawUnicodeEscape => {}
    }
}

/// The stand-in char for surrogate `cp` (decoders producing lone surrogates).
pub(crate) fn surrogate(cp: u32) -> char {
    surrogate_char(cp).unwrap_or('\u{fffd}')
}

/// `str.encode`: [`encode`] that also calls handlers registered with `codecs.register_error`.
pub(crate) fn encode_vm(vm: &mut Vm, s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let len = s.chars().count();
    let mut raised: Option<PyErr> = None;
    let r = {
        let mut f = |e: &CodecError| call_handler(vm, errors, e, len, true, &mut raised);
        encode_with(s, encoding, errors, Some(&mut f))
    };
    r.map_err(|e| match raised.take() {
        Some(p) => p,
        None => to_py(vm, e),
    })
}

/// `bytes.decode`: [`decode`] that also calls handlers registered with `codecs.register_error`.
pub(crate) fn decode_vm(vm: &mut Vm, b: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let mut raised: Option<PyErr> = None;
    let r = {
        let mut f = |e: &CodecError| call_handler(vm, errors, e, b.len(), false, &mut raised);
        let mut ctx = Errors {
            name: errors,
            custom: Some(&mut f),
        };
        decode_with(b, encoding, &mut ctx)
    };
    r.map_err(|e| match raised.take() {
        Some(p) => p,
        None => to_py(vm, e),
    })
}

/// Calls the handler registered under `name` (through `_codecs.lookup_error`, when a program
/// has imported it) with the `UnicodeError` for `e`; checks its `(replacement, position)`.
fn call_handler(
    vm: &mut Vm,
    name: &str,
    e: &CodecError,
    len: usize,
    encoding: bool,
    raised: &mut Option<PyErr>,
) -> Result<(Repl, usize), CodecError> {
    let mut fail = |p: PyErr| {
        *raised = Some(p);
        CodecError::Raised
    };
    let mods = vm.modules_dict().clone();
    let Some(codecs) = vm.dict_get_str(&mods, "_codecs") else {
        return Err(CodecError::UnknownHandler(name.to_string()));
    };
    let n = vm.new_str(name);
    let h = vm
        .call_method(&codecs, "lookup_error", &[n])
        .map_err(&mut fail)?;
    let exc = to_py(vm, e.clone()).value();
    let r = vm.call(&h, &[exc]).map_err(&mut fail)?;
    let bad = |vm: &Vm| {
        vm.new_type_error(if encoding {
            "encoding error handler must return (str/bytes, int) tuple"
        } else {
            "decoding error handler must return (str, int) tuple"
        })
    };
    let parts: Vec<Value> = match r.payload() {
        Some(pyvm_vm::Payload::Tuple(t)) if t.len() == 2 => t.to_vec(),
        _ => return Err(fail(bad(vm))),
    };
    let repl = match (&parts[0], parts[0].payload()) {
        (v, _) if v.as_str().is_some() => Repl::Str(v.as_str().unwrap_or("").to_string()),
        (_, Some(pyvm_vm::Payload::Bytes(b))) if encoding => Repl::Bytes(b.to_vec()),
        _ => return Err(fail(bad(vm))),
    };
    if !vm.is_int(&parts[1]) {
        return Err(fail(bad(vm)));
    }
    let pos = vm.to_index(&parts[1]).map_err(&mut fail)?;
    let n = i64::try_from(len).unwrap_or(i64::MAX);
    let p = if pos < 0 { pos + n } else { pos };
    if !(0..=n).contains(&p) {
        let msg = format!("position {pos} from error handler out of bounds");
        return Err(fail(vm.new_index_error(&msg)));
    }
    Ok((repl, usize::try_from(p).unwrap_or(len)))
}

/// The Python exception for a codec error (with `encoding`, `object`, `start`, `end` and
/// `reason` attributes on `UnicodeDecodeError` / `UnicodeEncodeError`).
pub(crate) fn to_py(vm: &mut Vm, e: CodecError) -> PyErr {
    let msg = e.to_string();
    match e {
        CodecError::UnknownEncoding(_) | CodecError::UnknownHandler(_) => {
            let ty = vm.types().exc.lookup_error.clone();
            vm.new_exception_msg(&ty, &msg)
        }
        CodecError::DecodeHandler => vm.new_type_error(&msg),
        CodecError::Raised => vm.new_system_error(&msg),
        CodecError::Decode {
            codec,
            object,
            start,
            end,
            reason,
        } => {
            let ty = vm.types().exc.unicode_decode_error.clone();
            let obj = vm.new_bytes(object);
            unicode_error(vm, &ty, &msg, codec, obj, start, end, reason)
        }
        CodecError::Encode {
            codec,
            object,
            start,
            end,
            reason,
        } => {
            let ty = vm.types().exc.unicode_encode_error.clone();
            let obj = vm.new_string(object);
            unicode_error(vm, &ty, &msg, codec, obj, start, end, reason)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn unicode_error(
    vm: &mut Vm,
    ty: &ObjRef,
    msg: &str,
    codec: &str,
    object: Value,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let err = vm.new_exception_msg(ty, msg);
    let exc = err.exc().clone();
    let enc = vm.new_str(codec);
    let why = vm.new_str(reason);
    vm.set_module_attr(&exc, "encoding", enc);
    vm.set_module_attr(&exc, "object", object);
    vm.set_module_attr(&exc, "start", Value::Int(i64::try_from(start).unwrap_or(0)));
    vm.set_module_attr(&exc, "end", Value::Int(i64::try_from(end).unwrap_or(0)));
    vm.set_module_attr(&exc, "reason", why);
    err
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn utf8_decode_errors_name_the_bad_bytes() {
        let e = decode(b"\xff", "utf-8", "strict").unwrap_err();
        assert_eq!(
            e.to_string(),
            "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
        );
        let e = decode(b"\xc3", "utf8", "strict").unwrap_err();
        assert_eq!(
            e.to_string(),
            "'utf-8' codec can't decode byte 0xc3 in position 0: unexpected end of data"
        );
        let e = decode(b"a\xe2\x82(", "utf-8", "strict").unwrap_err();
        assert_eq!(
            e.to_string(),
            "'utf-8' codec can't decode bytes in position 1-2: invalid continuation byte"
        );
        assert_eq!(
            decode(b"\xff\xfeab", "utf-8", "replace").unwrap(),
            "\u{fffd}\u{fffd}ab"
        );
        assert_eq!(
            decode(b"a\xffb", "ascii", "backslashreplace").unwrap(),
            "a\\xffb"
        );
    }

    #[test]
    fn encode_handlers() {
        assert_eq!(
            encode("caf\u{e9}", "latin-1", "strict").unwrap(),
            b"caf\xe9"
        );
        assert_eq!(encode("caf\u{e9}", "ascii", "replace").unwrap(), b"caf?");
        assert_eq!(
            encode("caf\u{e9}", "ascii", "xmlcharrefreplace").unwrap(),
            b"caf&#233;"
        );
        assert_eq!(
            encode("caf\u{e9}", "ASCII", "backslashreplace").unwrap(),
            b"caf\\xe9"
        );
        let e = encode("caf\u{e9}", "ascii", "strict").unwrap_err();
        assert_eq!(
            e.to_string(),
            "'ascii' codec can't encode character '\\xe9' in position 3: ordinal not in range(128)"
        );
        assert_eq!(encode("a", "utf-16", "strict").unwrap(), b"\xff\xfea\x00");
        assert_eq!(decode(b"\xff\xfea\x00", "utf-16", "strict").unwrap(), "a");
        assert!(matches!(
            encode("a", "nope", "strict"),
            Err(CodecError::UnknownEncoding(_))
        ));
    }
}
