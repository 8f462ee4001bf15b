//! Text encodings for `str.encode`, `bytes.decode`, `bytes(str, enc)` and `str(bytes, enc)`:
//! UTF-8, ASCII, Latin-1, UTF-16 and UTF-32 (with and without byte order), with the error
//! handlers `strict`, `ignore`, `replace`, `backslashreplace` and (encoding only)
//! `xmlcharrefreplace`, and CPython's `UnicodeError` messages.

use pyvm_vm::{ObjRef, PyErr, Value, Vm};

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
        let cp = u32::from(c);
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Handler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
}

fn handler(errors: &str) -> Option<Handler> {
    Some(match errors {
        "strict" => Handler::Strict,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "backslashreplace" => Handler::BackslashReplace,
        "xmlcharrefreplace" => Handler::XmlCharRefReplace,
        _ => return None,
    })
}

fn push_backslash(out: &mut String, cp: u32) {
    if cp < 0x100 {
        out.push_str(&format!("\\x{cp:02x}"));
    } else if cp < 0x10000 {
        out.push_str(&format!("\\u{cp:04x}"));
    } else {
        out.push_str(&format!("\\U{cp:08x}"));
    }
}

/// `s.encode(encoding, errors)`.
pub(crate) fn encode(s: &str, encoding: &str, errors: &str) -> Result<Vec<u8>, CodecError> {
    let codec =
        Codec::lookup(encoding).ok_or_else(|| CodecError::UnknownEncoding(encoding.to_string()))?;
    let limit: u32 = match codec {
        Codec::Utf8 => return Ok(s.as_bytes().to_vec()),
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => return Ok(encode_utf16(s, codec)),
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => return Ok(encode_utf32(s, codec)),
        Codec::Ascii => 0x80,
        Codec::Latin1 => 0x100,
    };
    let reason = if limit == 0x80 {
        "ordinal not in range(128)"
    } else {
        "ordinal not in range(256)"
    };
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let cp = u32::from(chars[i]);
        if cp < limit {
            out.push(u8::try_from(cp).unwrap_or(b'?'));
            i += 1;
            continue;
        }
        // The run of unencodable characters.
        let mut j = i;
        while j < chars.len() && u32::from(chars[j]) >= limit {
            j += 1;
        }
        let h = handler(errors).ok_or_else(|| CodecError::UnknownHandler(errors.to_string()))?;
        match h {
            Handler::Strict => {
                return Err(CodecError::Encode {
                    codec: codec.name(),
                    object: s.to_string(),
                    start: i,
                    end: j,
                    reason,
                })
            }
            Handler::Ignore => {}
            Handler::Replace => out.extend(std::iter::repeat(b'?').take(j - i)),
            Handler::BackslashReplace => {
                let mut t = String::new();
                for &c in &chars[i..j] {
                    push_backslash(&mut t, u32::from(c));
                }
                out.extend_from_slice(t.as_bytes());
            }
            Handler::XmlCharRefReplace => {
                for &c in &chars[i..j] {
                    out.extend_from_slice(format!("&#{};", u32::from(c)).as_bytes());
                }
            }
        }
        i = j;
    }
    Ok(out)
}

fn encode_utf16(s: &str, codec: Codec) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 2 + 2);
    let be = codec == Codec::Utf16Be;
    if codec == Codec::Utf16 {
        out.extend_from_slice(&[0xff, 0xfe]);
    }
    for u in s.encode_utf16() {
        out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

fn encode_utf32(s: &str, codec: Codec) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 4 + 4);
    let be = codec == Codec::Utf32Be;
    if codec == Codec::Utf32 {
        out.extend_from_slice(&[0xff, 0xfe, 0, 0]);
    }
    for c in s.chars() {
        let u = u32::from(c);
        out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

/// What a decoder does with one invalid byte run.
fn on_decode_error(
    out: &mut String,
    h: Handler,
    codec: Codec,
    b: &[u8],
    start: usize,
    end: usize,
    reason: &'static str,
) -> Result<(), CodecError> {
    match h {
        Handler::Strict | Handler::XmlCharRefReplace => Err(CodecError::Decode {
            codec: codec.name(),
            object: b.to_vec(),
            start,
            end,
            reason,
        }),
        Handler::Ignore => Ok(()),
        Handler::Replace => {
            out.push('\u{fffd}');
            Ok(())
        }
        Handler::BackslashReplace => {
            for &x in b.get(start..end).unwrap_or(&[]) {
                push_backslash(out, u32::from(x));
            }
            Ok(())
        }
    }
}

/// `b.decode(encoding, errors)`.
pub(crate) fn decode(b: &[u8], encoding: &str, errors: &str) -> Result<String, CodecError> {
    let codec =
        Codec::lookup(encoding).ok_or_else(|| CodecError::UnknownEncoding(encoding.to_string()))?;
    let h = || handler(errors).ok_or_else(|| CodecError::UnknownHandler(errors.to_string()));
    match codec {
        Codec::Utf8 => {
            if let Ok(s) = std::str::from_utf8(b) {
                return Ok(s.to_string());
            }
            let h = h()?;
            let mut out = String::with_capacity(b.len());
            let mut pos = 0;
            while pos < b.len() {
                match std::str::from_utf8(&b[pos..]) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&b[pos..pos + good]).unwrap_or(""));
                        let start = pos + good;
                        let (end, reason) = match e.error_len() {
                            None => (b.len(), "unexpected end of data"),
                            Some(n) => {
                                let first = b[start];
                                let valid_start = matches!(first, 0xc2..=0xf4);
                                let reason = if n == 1 && !valid_start {
                                    "invalid start byte"
                                } else {
                                    "invalid continuation byte"
                                };
                                (start + n, reason)
                            }
                        };
                        on_decode_error(&mut out, h, codec, b, start, end, reason)?;
                        pos = end;
                    }
                }
            }
            Ok(out)
        }
        Codec::Ascii => {
            if b.is_ascii() {
                return Ok(b.iter().map(|&c| char::from(c)).collect());
            }
            let h = h()?;
            let mut out = String::with_capacity(b.len());
            for (i, &c) in b.iter().enumerate() {
                if c < 0x80 {
                    out.push(char::from(c));
                } else {
                    on_decode_error(&mut out, h, codec, b, i, i + 1, "ordinal not in range(128)")?;
                }
            }
            Ok(out)
        }
        Codec::Latin1 => Ok(b.iter().map(|&c| char::from(c)).collect()),
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => decode_utf16(b, codec, h),
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => decode_utf32(b, codec, h),
    }
}

fn decode_utf16(
    b: &[u8],
    codec: Codec,
    h: impl Fn() -> Result<Handler, CodecError>,
) -> Result<String, CodecError> {
    let mut be = codec == Codec::Utf16Be;
    let mut pos = 0;
    if codec == Codec::Utf16 && b.len() >= 2 {
        match (b[0], b[1]) {
            (0xff, 0xfe) => pos = 2,
            (0xfe, 0xff) => {
                pos = 2;
                be = true;
            }
            _ => {}
        }
    }
    let codec = if be { Codec::Utf16Be } else { Codec::Utf16Le };
    let unit = |i: usize| -> Option<u16> {
        let p = b.get(i..i + 2)?;
        Some(if be {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        })
    };
    let mut out = String::with_capacity(b.len() / 2);
    while pos < b.len() {
        let Some(u) = unit(pos) else {
            on_decode_error(&mut out, h()?, codec, b, pos, b.len(), "truncated data")?;
            break;
        };
        if !(0xd800..0xe000).contains(&u) {
            out.push(char::from_u32(u32::from(u)).unwrap_or('\u{fffd}'));
            pos += 2;
            continue;
        }
        if u >= 0xdc00 {
            on_decode_error(&mut out, h()?, codec, b, pos, pos + 2, "illegal encoding")?;
            pos += 2;
            continue;
        }
        match unit(pos + 2) {
            None => {
                on_decode_error(
                    &mut out,
                    h()?,
                    codec,
                    b,
                    pos,
                    b.len(),
                    "unexpected end of data",
                )?;
                break;
            }
            Some(lo) if (0xdc00..0xe000).contains(&lo) => {
                let cp = 0x10000 + ((u32::from(u) - 0xd800) << 10) + (u32::from(lo) - 0xdc00);
                out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                pos += 4;
            }
            Some(_) => {
                on_decode_error(
                    &mut out,
                    h()?,
                    codec,
                    b,
                    pos,
                    pos + 2,
                    "illegal UTF-16 surrogate",
                )?;
                pos += 2;
            }
        }
    }
    Ok(out)
}

fn decode_utf32(
    b: &[u8],
    codec: Codec,
    h: impl Fn() -> Result<Handler, CodecError>,
) -> Result<String, CodecError> {
    let mut be = codec == Codec::Utf32Be;
    let mut pos = 0;
    if codec == Codec::Utf32 && b.len() >= 4 {
        match (b[0], b[1], b[2], b[3]) {
            (0xff, 0xfe, 0, 0) => pos = 4,
            (0, 0, 0xfe, 0xff) => {
                pos = 4;
                be = true;
            }
            _ => {}
        }
    }
    let codec = if be { Codec::Utf32Be } else { Codec::Utf32Le };
    let mut out = String::with_capacity(b.len() / 4);
    while pos < b.len() {
        let Some(p) = b.get(pos..pos + 4) else {
            on_decode_error(&mut out, h()?, codec, b, pos, b.len(), "truncated data")?;
            break;
        };
        let arr = [p[0], p[1], p[2], p[3]];
        let cp = if be {
            u32::from_be_bytes(arr)
        } else {
            u32::from_le_bytes(arr)
        };
        match char::from_u32(cp) {
            Some(c) => out.push(c),
            None => {
                let reason = if cp > 0x10ffff {
                    "code point not in range(0x110000)"
                } else {
                    "code point in surrogate code point range(0xd800, 0xe000)"
                };
                on_decode_error(&mut out, h()?, codec, b, pos, pos + 4, reason)?;
            }
        }
        pos += 4;
    }
    Ok(out)
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
