//! The marshal writer.
//!
//! Produces a stream CPython 3.12's `marshal.loads` accepts and that [`super::loads`] turns back into
//! an equal value. It never sets the reference flag (CPython sets it from reference counts, which
//! plain values do not have), so the bytes differ from CPython's own output, but the values do not.
//!
//! Like the reader, the writer keeps its own work stack, so no input can overflow the native stack.

use num_bigint::BigInt;

use crate::object::{Code, Obj, PyStr};

/// One pending piece of output.
enum Work<'a> {
    Obj(&'a Obj),
    Tuple(&'a [Obj]),
    Str(&'a PyStr),
    StrTuple(&'a [PyStr]),
    Bytes(&'a [u8]),
    I32(i32),
    Byte(u8),
}

/// Serializes a value in marshal format version 4.
///
/// Strings are written as `z`/`a` when ASCII and `u` otherwise; tuples as `)` when shorter than
/// 256 items; ints as `i` when they fit in 32 bits and `l` otherwise; floats and complex numbers
/// in binary (`g`, `y`).
pub fn dumps(obj: &Obj) -> Vec<u8> {
    let mut out = Vec::new();
    write_all(&mut out, Work::Obj(obj));
    out
}

/// Serializes a code object (the marshal data of a `.pyc` after its header).
pub fn dump_code(code: &Code) -> Vec<u8> {
    let mut out = Vec::new();
    let mut stack = Vec::new();
    push_code(&mut out, &mut stack, code);
    drain(&mut out, stack);
    out
}

fn write_all(out: &mut Vec<u8>, first: Work<'_>) {
    drain(out, vec![first]);
}

fn drain<'a>(out: &mut Vec<u8>, mut stack: Vec<Work<'a>>) {
    while let Some(work) = stack.pop() {
        match work {
            Work::Byte(b) => out.push(b),
            Work::I32(v) => out.extend_from_slice(&v.to_le_bytes()),
            Work::Bytes(b) => {
                out.push(b's');
                put_len(out, b.len());
                out.extend_from_slice(b);
            }
            Work::Str(s) => put_str(out, s),
            Work::StrTuple(items) => {
                put_tuple_header(out, items.len());
                stack.extend(items.iter().rev().map(Work::Str));
            }
            Work::Tuple(items) => {
                put_tuple_header(out, items.len());
                stack.extend(items.iter().rev().map(Work::Obj));
            }
            Work::Obj(obj) => put_obj(out, &mut stack, obj),
        }
    }
}

fn put_obj<'a>(out: &mut Vec<u8>, stack: &mut Vec<Work<'a>>, obj: &'a Obj) {
    match obj {
        Obj::Null => out.push(b'0'),
        Obj::None => out.push(b'N'),
        Obj::False => out.push(b'F'),
        Obj::True => out.push(b'T'),
        Obj::StopIteration => out.push(b'S'),
        Obj::Ellipsis => out.push(b'.'),
        Obj::Int(v) => match i32::try_from(*v) {
            Ok(small) => {
                out.push(b'i');
                out.extend_from_slice(&small.to_le_bytes());
            }
            Err(_) => put_long(out, v.is_negative(), &to_u32_words(v.unsigned_abs())),
        },
        Obj::Long(big) => put_bigint(out, big),
        Obj::Float(f) => {
            out.push(b'g');
            out.extend_from_slice(&f.to_le_bytes());
        }
        Obj::Complex { re, im } => {
            out.push(b'y');
            out.extend_from_slice(&re.to_le_bytes());
            out.extend_from_slice(&im.to_le_bytes());
        }
        Obj::Bytes(b) => stack.push(Work::Bytes(b)),
        Obj::Str(s) => put_str(out, s),
        Obj::Tuple(items) => stack.push(Work::Tuple(items)),
        Obj::List(items) | Obj::Set(items) | Obj::FrozenSet(items) => {
            out.push(match obj {
                Obj::List(_) => b'[',
                Obj::Set(_) => b'<',
                _ => b'>',
            });
            put_len(out, items.len());
            stack.extend(items.iter().rev().map(Work::Obj));
        }
        Obj::Dict(pairs) => {
            out.push(b'{');
            stack.push(Work::Byte(b'0'));
            for (k, v) in pairs.iter().rev() {
                stack.push(Work::Obj(v));
                stack.push(Work::Obj(k));
            }
        }
        Obj::Code(code) => push_code(out, stack, code),
    }
}

fn push_code<'a>(out: &mut Vec<u8>, stack: &mut Vec<Work<'a>>, code: &'a Code) {
    out.push(b'c');
    for v in [
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        code.stacksize,
        code.flags,
    ] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    // Pushed in reverse: the stack pops the last one first.
    stack.push(Work::Bytes(&code.exceptiontable));
    stack.push(Work::Bytes(&code.linetable));
    stack.push(Work::I32(code.firstlineno));
    stack.push(Work::Str(&code.qualname));
    stack.push(Work::Str(&code.name));
    stack.push(Work::Str(&code.filename));
    stack.push(Work::Bytes(&code.localspluskinds));
    stack.push(Work::StrTuple(&code.localsplusnames));
    stack.push(Work::StrTuple(&code.names));
    stack.push(Work::Tuple(&code.consts));
    stack.push(Work::Bytes(&code.code));
}

/// Writes a 4-byte length. Lengths above `i32::MAX` cannot be represented in marshal; values read
/// by this crate never have them.
fn put_len(out: &mut Vec<u8>, len: usize) {
    let n = u32::try_from(len).unwrap_or(u32::MAX).min(i32::MAX as u32);
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_tuple_header(out: &mut Vec<u8>, len: usize) {
    match u8::try_from(len) {
        Ok(short) => {
            out.push(b')');
            out.push(short);
        }
        Err(_) => {
            out.push(b'(');
            put_len(out, len);
        }
    }
}

fn put_str(out: &mut Vec<u8>, s: &PyStr) {
    let bytes = s.as_bytes();
    if bytes.is_ascii() {
        match u8::try_from(bytes.len()) {
            Ok(short) => {
                out.push(b'z');
                out.push(short);
            }
            Err(_) => {
                out.push(b'a');
                put_len(out, bytes.len());
            }
        }
    } else {
        out.push(b'u');
        put_len(out, bytes.len());
    }
    out.extend_from_slice(bytes);
}

fn to_u32_words(mut v: u64) -> Vec<u32> {
    let mut words = Vec::with_capacity(2);
    while v != 0 {
        words.push((v & 0xffff_ffff) as u32);
        v >>= 32;
    }
    words
}

fn put_bigint(out: &mut Vec<u8>, big: &BigInt) {
    let (sign, words) = big.to_u32_digits();
    put_long(out, sign == num_bigint::Sign::Minus, &words);
}

/// Writes an `l` value: a signed count of 15-bit digits, then the digits, least significant first.
fn put_long(out: &mut Vec<u8>, negative: bool, words: &[u32]) {
    let mut digits: Vec<u16> = Vec::with_capacity(words.len() * 32 / 15 + 1);
    let mut acc: u64 = 0;
    let mut bits = 0u32;
    for &w in words {
        acc |= u64::from(w) << bits;
        bits += 32;
        while bits >= 15 {
            digits.push((acc & 0x7fff) as u16);
            acc >>= 15;
            bits -= 15;
        }
    }
    if bits > 0 {
        digits.push((acc & 0x7fff) as u16);
    }
    while digits.last() == Some(&0) {
        digits.pop();
    }
    out.push(b'l');
    let count = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    out.extend_from_slice(&(if negative { -count } else { count }).to_le_bytes());
    for d in digits {
        out.extend_from_slice(&d.to_le_bytes());
    }
}
