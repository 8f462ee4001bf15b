//! `binascii`: hex and base64 conversions and CRCs (what `base64`, `secrets`, `zipfile` and
//! `uuid` use): `hexlify`/`b2a_hex` (with `sep`), `unhexlify`/`a2b_hex`, `b2a_base64`,
//! `a2b_base64` (also `strict_mode=True`), `crc32`, `crc_hqx`, and the `Error` / `Incomplete`
//! exceptions. The uu, quoted-printable and binhex codecs are not provided.

use super::{add_fn, bind, new_type, register};
use pyvm_vm::{ObjRef, PyErr, PyResult, Value, Vm};
use std::rc::Rc;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["binascii"], build);
}

const HEX: &[u8; 16] = b"0123456789abcdef";
const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Bytes of an `a2b_*` argument: a bytes-like object or an ASCII-only str.
fn ascii_arg(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(s) = v.as_str() {
        if !s.is_ascii() {
            return Err(vm.new_value_error("string argument should contain only ASCII characters"));
        }
        return Ok(s.as_bytes().to_vec());
    }
    vm.bytes_like(v).map_err(|_| {
        vm.new_type_error(&format!(
            "argument should be bytes, buffer or ASCII string, not '{}'",
            vm.type_name(v)
        ))
    })
}

fn hexlify(vm: &mut Vm, data: &[u8], sep: Option<&Value>, per: i64) -> PyResult<Vec<u8>> {
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(v) => {
            let b = match v.as_str() {
                Some(s) => s.as_bytes().to_vec(),
                None => vm.bytes_like(v)?,
            };
            if b.len() != 1 {
                return Err(vm.new_value_error("sep must be length 1."));
            }
            if !b[0].is_ascii() {
                return Err(vm.new_value_error("sep must be ASCII."));
            }
            Some(b[0])
        }
    };
    vm.check_alloc(data.len().saturating_mul(3))?;
    let mut out = Vec::with_capacity(data.len() * 3);
    let group = usize::try_from(per.unsigned_abs()).unwrap_or(usize::MAX);
    let n = data.len();
    for (i, b) in data.iter().enumerate() {
        if let (Some(s), true) = (sep, i > 0 && group > 0) {
            // Groups are counted from the right for a positive `bytes_per_sep`.
            let boundary = if per > 0 {
                (n - i) % group == 0
            } else {
                i % group == 0
            };
            if boundary {
                out.push(s);
            }
        }
        out.push(HEX[usize::from(b >> 4)]);
        out.push(HEX[usize::from(b & 15)]);
    }
    Ok(out)
}

fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn b64_val(c: u8) -> Option<u32> {
    B64.iter()
        .position(|&x| x == c)
        .and_then(|p| u32::try_from(p).ok())
}

/// `a2b_base64`: `Err(message)` for a `binascii.Error`.
fn a2b_base64(data: &[u8], strict: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 3);
    let (mut quad, mut left, mut pads, mut count) = (0u8, 0u32, 0u32, 0usize);
    let mut padding = false;
    if strict && data.first() == Some(&b'=') {
        return Err("Leading padding not allowed".into());
    }
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        i += 1;
        if c == b'=' {
            padding = true;
            pads += 1;
            if quad >= 2 && u32::from(quad) + pads >= 4 {
                if strict && i < data.len() {
                    return Err("Excess data after padding".into());
                }
                return Ok(out);
            }
            continue;
        }
        let Some(v) = b64_val(c) else {
            if strict {
                return Err("Only base64 data is allowed".into());
            }
            continue;
        };
        if strict && padding {
            return Err("Discontinuous padding not allowed".into());
        }
        pads = 0;
        count += 1;
        match quad {
            0 => {
                quad = 1;
                left = v;
            }
            1 => {
                quad = 2;
                out.push(((left << 2) | (v >> 4)) as u8);
                left = v & 0x0f;
            }
            2 => {
                quad = 3;
                out.push(((left << 4) | (v >> 2)) as u8);
                left = v & 0x03;
            }
            _ => {
                quad = 0;
                out.push(((left << 6) | v) as u8);
                left = 0;
            }
        }
    }
    match quad {
        0 => Ok(out),
        1 => Err(format!(
            "Invalid base64-encoded string: number of data characters ({count}) cannot be 1 more than a multiple of 4"
        )),
        _ => Err("Incorrect padding".into()),
    }
}

fn b2a_base64(data: &[u8], newline: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let idx = |s: u32| B64[((n >> s) & 63) as usize];
        out.push(idx(18));
        out.push(idx(12));
        out.push(if chunk.len() > 1 { idx(6) } else { b'=' });
        out.push(if chunk.len() > 2 { idx(0) } else { b'=' });
    }
    if newline {
        out.push(b'\n');
    }
    out
}

/// CRC-32 (the zlib / PNG polynomial), continuing from `crc`.
pub(crate) fn crc32(data: &[u8], crc: u32) -> u32 {
    let mut c = !crc;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// CRC-CCITT (polynomial 0x1021), as `binascii.crc_hqx`.
fn crc_hqx(data: &[u8], crc: u16) -> u16 {
    let mut c = crc;
    for &b in data {
        c ^= u16::from(b) << 8;
        for _ in 0..8 {
            c = if c & 0x8000 != 0 {
                (c << 1) ^ 0x1021
            } else {
                c << 1
            };
        }
    }
    c
}

/// An unsigned 32-bit (or 16-bit) starting value from any int, reduced modulo 2**bits.
fn start_value(vm: &mut Vm, v: Option<&Value>, bits: u32) -> PyResult<u64> {
    let Some(v) = v else { return Ok(0) };
    let i = i128::from(vm.to_index(v)?);
    let r = i.rem_euclid(1i128 << bits);
    Ok(u64::try_from(r).unwrap_or(0))
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let ve = vm.types().exc.value_error.clone();
    let err = new_type(vm, "binascii", "Error", &[ve])?;
    let ex = vm.types().exc.exception.clone();
    let incomplete = new_type(vm, "binascii", "Incomplete", &[ex])?;
    vm.set_module_attr(&m, "Error", Value::Obj(err.clone()));
    vm.set_module_attr(&m, "Incomplete", Value::Obj(incomplete));
    let err = Rc::new(err);
    let raise = |vm: &Vm, err: &ObjRef, msg: &str| -> PyErr { vm.new_exception_msg(err, msg) };
    for fname in ["hexlify", "b2a_hex"] {
        add_fn(vm, &m, fname, move |vm, a| {
            let p = bind(vm, &a, fname, &["data", "sep", "bytes_per_sep"], 0, 1, 0)?;
            let data = vm.bytes_like(p[0].as_ref().unwrap_or(&Value::None))?;
            let per = match &p[2] {
                Some(v) => vm.to_index(v)?,
                None => 1,
            };
            let out = hexlify(vm, &data, p[1].as_ref(), per)?;
            Ok(vm.new_bytes(out))
        });
    }
    for fname in ["unhexlify", "a2b_hex"] {
        let err = err.clone();
        add_fn(vm, &m, fname, move |vm, a| {
            let p = bind(vm, &a, fname, &["hexstr"], 0, 1, 0)?;
            let data = ascii_arg(vm, p[0].as_ref().unwrap_or(&Value::None))?;
            if data.len() % 2 != 0 {
                return Err(raise(vm, &err, "Odd-length string"));
            }
            let mut out = Vec::with_capacity(data.len() / 2);
            for pair in data.chunks(2) {
                match (hex_val(pair[0]), pair.get(1).and_then(|&c| hex_val(c))) {
                    (Some(h), Some(l)) => out.push((h << 4) | l),
                    _ => return Err(raise(vm, &err, "Non-hexadecimal digit found")),
                }
            }
            Ok(vm.new_bytes(out))
        });
    }
    add_fn(vm, &m, "b2a_base64", |vm, a| {
        let p = bind(vm, &a, "b2a_base64", &["data", "newline"], 1, 1, 1)?;
        let data = vm.bytes_like(p[0].as_ref().unwrap_or(&Value::None))?;
        let newline = match &p[1] {
            Some(v) => vm.is_true(v)?,
            None => true,
        };
        vm.check_alloc(data.len().saturating_mul(2))?;
        Ok(vm.new_bytes(b2a_base64(&data, newline)))
    });
    let e = err.clone();
    add_fn(vm, &m, "a2b_base64", move |vm, a| {
        let p = bind(vm, &a, "a2b_base64", &["data", "strict_mode"], 1, 1, 1)?;
        let data = ascii_arg(vm, p[0].as_ref().unwrap_or(&Value::None))?;
        let strict = match &p[1] {
            Some(v) => vm.is_true(v)?,
            None => false,
        };
        match a2b_base64(&data, strict) {
            Ok(out) => Ok(vm.new_bytes(out)),
            Err(msg) => Err(raise(vm, &e, &msg)),
        }
    });
    add_fn(vm, &m, "crc32", |vm, a| {
        let p = bind(vm, &a, "crc32", &["data", "crc"], 2, 1, 0)?;
        let data = vm.bytes_like(p[0].as_ref().unwrap_or(&Value::None))?;
        let start = u32::try_from(start_value(vm, p[1].as_ref(), 32)?).unwrap_or(0);
        Ok(Value::Int(i64::from(crc32(&data, start))))
    });
    add_fn(vm, &m, "crc_hqx", |vm, a| {
        let p = bind(vm, &a, "crc_hqx", &["data", "crc"], 2, 2, 0)?;
        let data = vm.bytes_like(p[0].as_ref().unwrap_or(&Value::None))?;
        let start = u16::try_from(start_value(vm, p[1].as_ref(), 16)?).unwrap_or(0);
        Ok(Value::Int(i64::from(crc_hqx(&data, start))))
    });
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_errors() {
        assert_eq!(b2a_base64(b"hello", true), b"aGVsbG8=\n");
        assert_eq!(b2a_base64(b"", false), b"");
        assert_eq!(a2b_base64(b"aGVsbG8=", false).ok(), Some(b"hello".to_vec()));
        assert_eq!(
            a2b_base64(b"aGV sbG8=\n", false).ok(),
            Some(b"hello".to_vec())
        );
        assert_eq!(
            a2b_base64(b"aGVsbG8", false),
            Err("Incorrect padding".into())
        );
        assert!(a2b_base64(b"aGVsb", false)
            .err()
            .is_some_and(|e| e.contains("(5) cannot be 1 more")));
        assert_eq!(
            a2b_base64(b"aG=Vs", true),
            Err("Discontinuous padding not allowed".into())
        );
    }

    #[test]
    fn crcs_match_known_values() {
        assert_eq!(crc32(b"abc", 0), 891_568_578);
        assert_eq!(crc32(b"", 0), 0);
        assert_eq!(crc_hqx(b"abc", 0), 0x9dd6);
    }
}
