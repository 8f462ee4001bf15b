//! `.pyc` headers: the three validation modes, freshness decisions and source hashes.
#![allow(clippy::unwrap_used)]

mod common;

use common::repo_root;
use pyvm_loader::hash::source_hash;
use pyvm_loader::{load_pyc_file, Freshness, Header, SourceInfo, Validation};

fn source() -> Vec<u8> {
    std::fs::read(repo_root().join("tests/pyc/src/constants.py")).unwrap()
}

#[test]
fn timestamp_header() {
    let src = source();
    let pyc = load_pyc_file(repo_root().join("tests/pyc/constants.pyc")).unwrap();
    // The fixture script sets the source mtime to 0 before compiling.
    assert_eq!(
        pyc.header.validation,
        Validation::Timestamp {
            mtime: 0,
            size: src.len() as u32
        }
    );
    let info = |mtime, size| SourceInfo {
        mtime,
        size,
        bytes: None,
    };
    let h = pyc.header;
    assert_eq!(h.freshness(&info(0, src.len() as u64)), Freshness::Fresh);
    assert_eq!(
        h.freshness(&info(1, src.len() as u64)),
        Freshness::StaleMtime
    );
    assert_eq!(h.freshness(&info(0, 3)), Freshness::StaleSize);
    // Both fields are compared modulo 2^32, as CPython stores them.
    assert_eq!(
        h.freshness(&info(1 << 32, (1 << 32) + src.len() as u64)),
        Freshness::Fresh
    );
    assert_eq!(Header::timestamp(0, src.len() as u32), h);
}

#[test]
fn hash_headers() {
    let src = source();
    let checked = load_pyc_file(repo_root().join("tests/pyc/constants.checked.pyc")).unwrap();
    let unchecked = load_pyc_file(repo_root().join("tests/pyc/constants.unchecked.pyc")).unwrap();
    let plain = load_pyc_file(repo_root().join("tests/pyc/constants.pyc")).unwrap();
    assert_eq!(checked.code, plain.code);
    assert_eq!(checked.header.flags, 0b11);
    assert_eq!(unchecked.header.flags, 0b01);
    // CPython stored source_hash(source); ours must agree.
    assert_eq!(
        checked.header.validation,
        Validation::Hash {
            hash: source_hash(&src),
            checked: true
        }
    );
    assert_eq!(Header::hashed(&src, true), checked.header);
    assert_eq!(Header::hashed(&src, false), unchecked.header);

    let with = |bytes| SourceInfo {
        mtime: 12345,
        size: 1,
        bytes,
    };
    assert_eq!(
        checked.header.freshness(&with(Some(&src))),
        Freshness::Fresh
    );
    assert_eq!(
        checked.header.freshness(&with(Some(b"changed"))),
        Freshness::StaleHash
    );
    assert_eq!(
        checked.header.freshness(&with(None)),
        Freshness::NeedsSource
    );
    assert_eq!(
        unchecked.header.freshness(&with(Some(b"changed"))),
        Freshness::Trusted
    );
    assert!(Freshness::Trusted.is_usable() && !Freshness::StaleHash.is_usable());
}

#[test]
fn header_bytes_round_trip() {
    for name in [
        "constants.pyc",
        "constants.checked.pyc",
        "constants.unchecked.pyc",
    ] {
        let bytes = std::fs::read(repo_root().join("tests/pyc").join(name)).unwrap();
        let h = Header::parse(&bytes).unwrap();
        assert_eq!(h.to_bytes()[..], bytes[..16], "{name}");
    }
    // Bit 1 alone is a timestamp-based file, as CPython reads it.
    let mut raw = Header::timestamp(7, 9).to_bytes();
    raw[4] = 0b10;
    let h = Header::parse(&raw).unwrap();
    assert_eq!(h.validation, Validation::Timestamp { mtime: 7, size: 9 });
    assert_eq!(h.to_bytes(), raw);
}

/// Values printed by CPython 3.12: `importlib.util.source_hash(data).hex()`.
#[test]
fn source_hash_matches_cpython() {
    let hex = |b: [u8; 8]| -> String { b.iter().map(|x| format!("{x:02x}")).collect() };
    assert_eq!(hex(source_hash(b"")), "baf18eedc9387a25");
    assert_eq!(hex(source_hash(b"abc")), "a00f5731f8bafd32");
    assert_eq!(hex(source_hash(b"print(1)\n")), "bf71f361a5f8cd69");
    let all: Vec<u8> = (0..=255u8).collect();
    assert_eq!(hex(source_hash(&all)), "b1f5318e89daea67");
    // Lengths around the 8-byte block size: bytes(i * 7 % 256 for i in range(n)).
    for (n, expected) in [
        (7, "7597a9ad76fd887e"),
        (8, "0bca9a2348ced009"),
        (9, "919fc8d85c22376a"),
        (16, "1a11c775b05bf78e"),
        (17, "5e3be0ae57afc588"),
        (1000, "97b3197e87a7b48c"),
    ] {
        let data: Vec<u8> = (0..n).map(|i: usize| (i * 7 % 256) as u8).collect();
        assert_eq!(hex(source_hash(&data)), expected, "length {n}");
    }
}
