//! Hash kernels against 64-bit CPython 3.12 (PYTHONHASHSEED=0, i.e. the all-zero SipHash key).
#![allow(clippy::unwrap_used)]

mod kernels_common;

use kernels_common::{f64_from_bits_hex, load_lines, J};
use num_bigint::BigInt;
use pyvm_vm::kernels::hash::*;

fn hash_tuple_item(j: &J) -> i64 {
    let a = j.arr();
    if a.len() == 2 {
        if let J::Str(tag) = &a[0] {
            if tag == "i" {
                return hash_bigint(&a[1].s().parse::<BigInt>().unwrap());
            }
            if tag == "s" {
                return hash_str(HashKey::ZERO, a[1].s());
            }
        }
    }
    hash_tuple(a.iter().map(hash_tuple_item))
}

#[test]
fn hashes_match_cpython_64bit() {
    let rows = load_lines("hash.jsonl");
    assert!(rows.len() > 1000);
    for row in &rows {
        let r = row.arr();
        let expected: i64 = r.last().unwrap().s().parse().unwrap();
        let got = match r[0].s() {
            "int" => {
                let v: BigInt = r[1].s().parse().unwrap();
                if let Ok(small) = i64::try_from(&v) {
                    assert_eq!(hash_i64(small), expected, "int {small}");
                }
                hash_bigint(&v)
            }
            "float" => hash_f64(f64_from_bits_hex(r[1].s())).unwrap(),
            "str" => hash_str(HashKey::ZERO, r[1].s()),
            "bytes" => {
                let hex = r[1].s();
                let b: Vec<u8> = (0..hex.len() / 2)
                    .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
                    .collect();
                hash_bytes(HashKey::ZERO, &b)
            }
            "tuple" => hash_tuple(r[1].arr().iter().map(hash_tuple_item)),
            "complex" => {
                hash_complex(f64_from_bits_hex(r[1].s()), f64_from_bits_hex(r[2].s())).unwrap()
            }
            "frozenset" => hash_frozenset(
                r[1].arr()
                    .iter()
                    .map(|x| hash_bigint(&x.s().parse::<BigInt>().unwrap())),
            ),
            other => panic!("unknown kind {other}"),
        };
        assert_eq!(got, expected, "{row:?}");
    }
}

#[test]
fn special_hashes() {
    assert_eq!(HASH_NONE, 4_238_894_112);
    assert_eq!(hash_f64(f64::NAN), None);
    assert_eq!(hash_f64_with_nan(f64::NAN, || 77), 77);
    assert_eq!(hash_bool(true), 1);
    assert_eq!(hash_i64(-1), -2);
    assert_eq!(hash_str(HashKey { k0: 1, k1: 2 }, ""), 0);
    // Different keys give different string hashes.
    assert_ne!(
        hash_str(HashKey { k0: 1, k1: 2 }, "abc"),
        hash_str(HashKey::ZERO, "abc")
    );
}
