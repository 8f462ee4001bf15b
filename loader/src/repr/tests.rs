#![allow(clippy::unwrap_used)]

use super::*;
use std::sync::Arc;

/// Reference reprs recorded from CPython 3.12 (see `gen_repr_cases.py` beside the file).
const CASES: &str = include_str!("../../../tests/fixtures/opcode/repr_cases.txt");

fn hex_bytes(s: &str) -> Vec<u8> {
    if s == "-" {
        return Vec::new();
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn f64_bits(s: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(s, 16).unwrap())
}

#[test]
fn matches_cpython_reference_cases() {
    let mut failures = Vec::new();
    let mut counts = [0usize; 4];
    for line in CASES.lines() {
        let (kind, rest) = line.split_once(' ').unwrap();
        match kind {
            "f" => {
                let (bits, expected) = rest.split_once(' ').unwrap();
                let got = float_repr(f64_bits(bits));
                if got != expected {
                    failures.push(format!("float {bits}: got {got}, want {expected}"));
                }
                counts[0] += 1;
            }
            "c" => {
                let (re, rest) = rest.split_once(' ').unwrap();
                let (im, expected) = rest.split_once(' ').unwrap();
                let got = complex_repr(f64_bits(re), f64_bits(im));
                if got != expected {
                    failures.push(format!("complex {re} {im}: got {got}, want {expected}"));
                }
                counts[1] += 1;
            }
            "s" => {
                let (hex, expected) = rest.split_once(' ').unwrap();
                let bytes = hex_bytes(hex);
                let got = match String::from_utf8(bytes.clone()) {
                    Ok(s) => {
                        let a = str_repr(&s);
                        assert_eq!(a, pystr_repr(&PyStr::Utf8(Arc::from(s.as_str()))));
                        a
                    }
                    Err(_) => pystr_repr(&PyStr::Surrogates(Arc::from(bytes))),
                };
                if got != expected {
                    failures.push(format!("str {hex}: got {got}, want {expected}"));
                }
                counts[2] += 1;
            }
            "b" => {
                let (hex, expected) = rest.split_once(' ').unwrap();
                let got = bytes_repr(&hex_bytes(hex));
                if got != expected {
                    failures.push(format!("bytes {hex}: got {got}, want {expected}"));
                }
                counts[3] += 1;
            }
            other => panic!("unknown case kind {other}"),
        }
    }
    assert!(counts.iter().all(|&c| c > 100), "too few cases: {counts:?}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn float_layout() {
    let cases: &[(f64, &str)] = &[
        (0.1, "0.1"),
        (1e16, "1e+16"),
        (1e-5, "1e-05"),
        (1.5e-7, "1.5e-07"),
        (100.0, "100.0"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
        (-0.0, "-0.0"),
        (0.0, "0.0"),
        (1e-4, "0.0001"),
        (9_999_999_999_999_998.0, "9999999999999998.0"),
        (1e100, "1e+100"),
        (5e-324, "5e-324"),
        (-2.5, "-2.5"),
    ];
    for &(x, want) in cases {
        assert_eq!(float_repr(x), want, "{x:e}");
    }
}

#[test]
fn complex_layout() {
    assert_eq!(complex_repr(0.0, 1.0), "1j");
    assert_eq!(complex_repr(1.0, 2.0), "(1+2j)");
    assert_eq!(complex_repr(-0.0, -1.0), "(-0-1j)");
    assert_eq!(complex_repr(0.0, f64::NAN), "nanj");
    assert_eq!(complex_repr(1.0, f64::NAN), "(1+nanj)");
    assert_eq!(complex_repr(1.0, f64::NEG_INFINITY), "(1-infj)");
}

#[test]
fn printable() {
    assert!(is_printable(u32::from(' ')));
    assert!(!is_printable(0x7F));
    assert!(!is_printable(0xA0));
    assert!(is_printable(0xE9));
    assert!(!is_printable(0xD800));
    assert!(!is_printable(0x10FFFF));
    assert!(is_printable(0x1F600));
    assert!(!is_printable(0x110000));
}

#[test]
fn strings_and_bytes() {
    assert_eq!(str_repr("it's"), "\"it's\"");
    assert_eq!(str_repr("'\""), "'\\'\"'");
    assert_eq!(str_repr("a\nb\\"), "'a\\nb\\\\'");
    assert_eq!(str_repr("\u{85}\u{2028}"), "'\\x85\\u2028'");
    assert_eq!(str_repr("\u{e0001}"), "'\\U000e0001'");
    assert_eq!(bytes_repr(b"it's\x00\xff"), "b\"it's\\x00\\xff\"");
    let lone = PyStr::Surrogates(Arc::from(&b"a\xed\xa0\x80"[..]));
    assert_eq!(pystr_repr(&lone), "'a\\ud800'");
    // Malformed WTF-8 never panics.
    let junk = PyStr::Surrogates(Arc::from(&b"\xff\xe0\x80'"[..]));
    assert_eq!(pystr_repr(&junk), "\"\u{fffd}\u{fffd}\u{fffd}'\"");
}

#[test]
fn containers() {
    let one = Obj::Tuple(Arc::from(vec![Obj::Int(1)]));
    assert_eq!(const_repr(&one), "(1,)");
    let t = Obj::Tuple(Arc::from(vec![
        Obj::Str("a".into()),
        Obj::None,
        Obj::Float(1.0),
        Obj::Ellipsis,
    ]));
    assert_eq!(const_repr(&t), "('a', None, 1.0, Ellipsis)");
    assert_eq!(const_repr(&Obj::Tuple(Arc::from(Vec::new()))), "()");
    let fs = Obj::FrozenSet(Arc::from(vec![Obj::Int(1), Obj::Int(2)]));
    assert_eq!(const_repr(&fs), "frozenset({1, 2})");
    assert_eq!(
        const_repr(&Obj::FrozenSet(Arc::from(Vec::new()))),
        "frozenset()"
    );
    let big: num_bigint::BigInt = "123456789012345678901234567890".parse().unwrap();
    assert_eq!(
        const_repr(&Obj::Long(Arc::new(-big))),
        "-123456789012345678901234567890"
    );
    assert_eq!(const_repr(&Obj::Bytes(Arc::from(&b"x"[..]))), "b'x'");
    assert_eq!(const_repr(&Obj::Complex { re: 0.0, im: 2.0 }), "2j");
}
