//! Decoding for `bytes.decode` / `str(bytes, encoding, errors)`: UTF-8, ASCII, Latin-1,
//! UTF-16 and UTF-32, with the error handlers of `codecs.rs` (lone surrogates produced by
//! `surrogateescape` / `surrogatepass` become the VM's stand-in chars).

use super::codecs::{handler, push_backslash, surrogate, Codec, CodecError, Custom, Handler, Repl};

/// What a decoder does with the undecodable bytes `start..end`: fails, or appends a
/// replacement and says where decoding resumes.
fn on_decode_error(
    out: &mut String,
    ctx: &mut Errors<'_>,
    codec: Codec,
    b: &[u8],
    start: usize,
    end: usize,
    reason: &'static str,
) -> Result<usize, CodecError> {
    let err = || CodecError::Decode {
        codec: codec.name(),
        object: b.to_vec(),
        start,
        end,
        reason,
    };
    let bad = b.get(start..end).unwrap_or(&[]);
    let Some(h) = handler(ctx.name) else {
        let Some(f) = ctx.custom.as_mut() else {
            return Err(CodecError::UnknownHandler(ctx.name.to_string()));
        };
        let (r, pos) = f(&err())?;
        if let Repl::Str(t) = r {
            out.push_str(&t);
        }
        return Ok(pos);
    };
    match h {
        Handler::Strict => Err(err()),
        Handler::XmlCharRefReplace | Handler::NameReplace => Err(CodecError::DecodeHandler),
        Handler::Ignore => Ok(end),
        Handler::Replace => {
            out.push('\u{fffd}');
            Ok(end)
        }
        Handler::BackslashReplace => {
            for &x in bad {
                push_backslash(out, u32::from(x));
            }
            Ok(end)
        }
        Handler::SurrogateEscape => {
            // The leading bytes >= 0x80 (at most 4) become U+DC80..U+DCFF; decoding resumes
            // after them.
            let n = bad.iter().take(4).take_while(|&&x| x >= 0x80).count();
            if n == 0 {
                return Err(err());
            }
            for &x in bad.iter().take(n) {
                out.push(surrogate(0xdc00 + u32::from(x)));
            }
            Ok(start + n)
        }
        Handler::SurrogatePass => match encoded_surrogate(codec, b, start) {
            Some((cp, n)) => {
                out.push(surrogate(cp));
                Ok(start + n)
            }
            None => Err(err()),
        },
    }
}

/// `surrogatepass`: the lone surrogate encoded at `b[start..]` and its length in bytes.
fn encoded_surrogate(codec: Codec, b: &[u8], start: usize) -> Option<(u32, usize)> {
    let (cp, n) = match codec {
        Codec::Utf8 => {
            let p = b.get(start..start + 3)?;
            if p[0] & 0xf0 != 0xe0 || p[1] & 0xc0 != 0x80 || p[2] & 0xc0 != 0x80 {
                return None;
            }
            let cp = (u32::from(p[0] & 0x0f) << 12)
                | (u32::from(p[1] & 0x3f) << 6)
                | u32::from(p[2] & 0x3f);
            (cp, 3)
        }
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            let p = b.get(start..start + 2)?;
            let u = if codec == Codec::Utf16Be {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            };
            (u32::from(u), 2)
        }
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => {
            let p = b.get(start..start + 4)?;
            let arr = [p[0], p[1], p[2], p[3]];
            let u = if codec == Codec::Utf32Be {
                u32::from_be_bytes(arr)
            } else {
                u32::from_le_bytes(arr)
            };
            (u, 4)
        }
        Codec::Ascii | Codec::Latin1 | Codec::RawUnicodeEscape => return None,
    };
    (0xd800..0xe000).contains(&cp).then_some((cp, n))
}

/// The error handler of one decode call: a built-in one by name, else `custom` (a handler the
/// program registered), looked up only when an error occurs.
pub(crate) struct Errors<'a> {
    pub name: &'a str,
    pub custom: Option<Custom<'a>>,
}

/// `b.decode(encoding, errors)` with the built-in handlers.
#[cfg(test)]
pub(crate) fn decode(b: &[u8], encoding: &str, errors: &str) -> Result<String, CodecError> {
    let mut ctx = Errors {
        name: errors,
        custom: None,
    };
    decode_with(b, encoding, &mut ctx)
}

/// `b.decode(encoding, errors)`.
pub(crate) fn decode_with(
    b: &[u8],
    encoding: &str,
    ctx: &mut Errors<'_>,
) -> Result<String, CodecError> {
    let codec =
        Codec::lookup(encoding).ok_or_else(|| CodecError::UnknownEncoding(encoding.to_string()))?;
    match codec {
        Codec::Utf8 => {
            if let Ok(s) = std::str::from_utf8(b) {
                return Ok(s.to_string());
            }
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
                        pos = on_decode_error(&mut out, ctx, codec, b, start, end, reason)?;
                    }
                }
            }
            Ok(out)
        }
        Codec::Ascii => {
            if b.is_ascii() {
                return Ok(b.iter().map(|&c| char::from(c)).collect());
            }
            let mut out = String::with_capacity(b.len());
            let mut i = 0;
            while let Some(&c) = b.get(i) {
                if c < 0x80 {
                    out.push(char::from(c));
                    i += 1;
                } else {
                    let why = "ordinal not in range(128)";
                    i = on_decode_error(&mut out, ctx, codec, b, i, i + 1, why)?;
                }
            }
            Ok(out)
        }
        Codec::Latin1 => Ok(b.iter().map(|&c| char::from(c)).collect()),
        Codec::RawUnicodeEscape => decode_raw_unicode_escape(b, ctx),
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => decode_utf16(b, codec, ctx),
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => decode_utf32(b, codec, ctx),
    }
}

fn decode_utf16(b: &[u8], codec: Codec, ctx: &mut Errors<'_>) -> Result<String, CodecError> {
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
            pos = on_decode_error(&mut out, ctx, codec, b, pos, b.len(), "truncated data")?;
            continue;
        };
        if !(0xd800..0xe000).contains(&u) {
            out.push(char::from_u32(u32::from(u)).unwrap_or('\u{fffd}'));
            pos += 2;
            continue;
        }
        let (end, reason) = if u >= 0xdc00 {
            (pos + 2, "illegal encoding")
        } else {
            match unit(pos + 2) {
                None => (b.len(), "unexpected end of data"),
                Some(lo) if (0xdc00..0xe000).contains(&lo) => {
                    let cp = 0x10000 + ((u32::from(u) - 0xd800) << 10) + (u32::from(lo) - 0xdc00);
                    out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                    pos += 4;
                    continue;
                }
                Some(_) => (pos + 2, "illegal UTF-16 surrogate"),
            }
        };
        pos = on_decode_error(&mut out, ctx, codec, b, pos, end, reason)?;
    }
    Ok(out)
}

fn decode_utf32(b: &[u8], codec: Codec, ctx: &mut Errors<'_>) -> Result<String, CodecError> {
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
            pos = on_decode_error(&mut out, ctx, codec, b, pos, b.len(), "truncated data")?;
            continue;
        };
        let arr = [p[0], p[1], p[2], p[3]];
        let cp = if be {
            u32::from_be_bytes(arr)
        } else {
            u32::from_le_bytes(arr)
        };
        match char::from_u32(cp) {
            Some(c) => {
                out.push(c);
                pos += 4;
            }
            None => {
                let reason = if cp > 0x10ffff {
                    "code point not in range(0x110000)"
                } else {
                    "code point in surrogate code point range(0xd800, 0xe000)"
                };
                pos = on_decode_error(&mut out, ctx, codec, b, pos, pos + 4, reason)?;
            }
        }
    }
    Ok(out)
}

/// `raw_unicode_escape`: bytes are Latin-1 characters, except that a backslash followed by
/// `u` and four hex digits, or `U` and eight, is that code point. A backslash before anything
/// else is kept together with the byte after it (so `\\\\u0041` stays as written).
fn decode_raw_unicode_escape(b: &[u8], ctx: &mut Errors<'_>) -> Result<String, CodecError> {
    let codec = Codec::RawUnicodeEscape;
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        i += 1;
        let next = b.get(i).copied();
        if c != b'\\' || next.is_none() {
            out.push(char::from(c));
            continue;
        }
        let start = i - 1;
        let (count, message) = match next {
            Some(b'u') => (4, "truncated \\uXXXX escape"),
            Some(b'U') => (8, "truncated \\UXXXXXXXX escape"),
            Some(other) => {
                out.push('\\');
                out.push(char::from(other));
                i += 1;
                continue;
            }
            None => continue,
        };
        i += 1;
        let mut cp: u32 = 0;
        let mut digits = 0;
        while digits < count {
            match b.get(i).and_then(|&d| char::from(d).to_digit(16)) {
                Some(d) => {
                    cp = (cp << 4) | d;
                    i += 1;
                    digits += 1;
                }
                None => break,
            }
        }
        let why = if digits < count {
            Some(message)
        } else if cp > 0x10ffff {
            Some("\\Uxxxxxxxx out of range")
        } else {
            None
        };
        match why {
            Some(reason) => i = on_decode_error(&mut out, ctx, codec, b, start, i, reason)?,
            None => out.push(char::from_u32(cp).unwrap_or_else(|| surrogate(cp))),
        }
    }
    Ok(out)
}
