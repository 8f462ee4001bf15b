//! Bad, foreign and hostile input is refused with the right error, quickly and without panicking.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Instant;

use common::repo_root;
use pyvm_loader::header::HEADER_LEN;
use pyvm_loader::magic::{magic_bytes, version_of_magic, MagicVersion, MAGIC_312};
use pyvm_loader::{load_pyc, load_pyc_file, loads, LoadError, MarshalProblem, Obj};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo_root().join("tests/pyc").join(name)).unwrap()
}

fn header312() -> Vec<u8> {
    let mut h = magic_bytes(MAGIC_312).to_vec();
    h.extend_from_slice(&[0; 12]);
    h
}

fn pyc_with_body(body: &[u8]) -> Vec<u8> {
    let mut v = header312();
    v.extend_from_slice(body);
    v
}

fn err_text(bytes: &[u8]) -> String {
    load_pyc(bytes).unwrap_err().to_string()
}

fn loads_err(bytes: &[u8]) -> LoadError {
    loads(bytes).unwrap_err()
}

fn problem(e: LoadError) -> MarshalProblem {
    match e {
        LoadError::BadMarshal { problem, .. } => problem,
        other => panic!("expected BadMarshal, got {other:?}"),
    }
}

#[test]
fn foreign_versions() {
    // Written by the `python3` on PATH, which is CPython 3.11.
    assert_eq!(
        err_text(&fixture("cpython311.pyc")),
        "compiled by CPython 3.11 (magic 3495); pyvm runs CPython 3.12 bytecode (magic 3531)"
    );
    assert_eq!(
        err_text(&fixture("cpython313.pyc")),
        "compiled by CPython 3.13 (magic 3571); pyvm runs CPython 3.12 bytecode (magic 3531)"
    );
    // Python 2.7 is not in the 3.x table.
    assert_eq!(
        err_text(&fixture("cpython27.pyc")),
        "not a .pyc file: unknown magic bytes 03 f3 0d 0a"
    );
    let mut pre = fixture("constants.pyc");
    pre[..4].copy_from_slice(&magic_bytes(3520));
    assert_eq!(
        err_text(&pre),
        "compiled by a CPython 3.12 pre-release (magic 3520); pyvm runs CPython 3.12 bytecode (magic 3531)"
    );
    // The magic is checked before anything else: four bytes suffice.
    assert!(matches!(
        load_pyc(&magic_bytes(3627)).unwrap_err(),
        LoadError::WrongVersion {
            magic: 3627,
            version: "3.14",
            prerelease: false
        }
    ));
    assert!(matches!(
        load_pyc_file(repo_root().join("tests/pyc/cpython311.pyc")).unwrap_err(),
        LoadError::WrongVersion { magic: 3495, .. }
    ));
}

#[test]
fn magic_table() {
    for (magic, v) in [
        (3131, "3.0"),
        (3151, "3.1"),
        (3180, "3.2"),
        (3230, "3.3"),
        (3310, "3.4"),
        (3350, "3.5"),
        (3351, "3.5"),
        (3379, "3.6"),
        (3394, "3.7"),
        (3413, "3.8"),
        (3425, "3.9"),
        (3439, "3.10"),
        (3495, "3.11"),
        (3531, "3.12"),
        (3571, "3.13"),
        (3627, "3.14"),
    ] {
        assert_eq!(version_of_magic(magic), MagicVersion::Release(v), "{magic}");
    }
    assert_eq!(version_of_magic(3500), MagicVersion::PreRelease("3.12"));
    assert_eq!(version_of_magic(3530), MagicVersion::PreRelease("3.12"));
    assert_eq!(version_of_magic(3494), MagicVersion::PreRelease("3.11"));
    assert_eq!(version_of_magic(3600), MagicVersion::PreRelease("3.14"));
    for unknown in [0, 2999, 3540, 3628, 3650, 62211, 65535] {
        assert_eq!(
            version_of_magic(unknown),
            MagicVersion::Unknown,
            "{unknown}"
        );
    }
    assert_eq!(MagicVersion::Release("3.11").to_string(), "CPython 3.11");
}

#[test]
fn not_a_pyc() {
    assert_eq!(
        err_text(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\0\0"),
        "not a .pyc file: unknown magic bytes 7f 45 4c 46"
    );
    // A plausible number without the \r\n.
    assert!(matches!(
        load_pyc(b"\xcb\x0d\x0d\x0b\0\0\0\0\0\0\0\0\0\0\0\0N").unwrap_err(),
        LoadError::NotPyc { .. }
    ));
}

#[test]
fn truncated_headers() {
    for len in [0, 1, 3] {
        let bytes = &header312()[..len];
        assert_eq!(
            err_text(bytes),
            format!("truncated .pyc header: the file has {len} bytes, a header needs 16")
        );
    }
    let bytes = &header312()[..10];
    assert!(matches!(
        load_pyc(bytes).unwrap_err(),
        LoadError::TruncatedHeader { len: 10 }
    ));
    // A complete header with nothing after it.
    assert_eq!(
        err_text(&header312()),
        "truncated marshal data at offset 16: needed 1 bytes for a type code"
    );
}

#[test]
fn bad_flags() {
    let mut bytes = fixture("constants.pyc");
    bytes[4] = 0b100;
    assert_eq!(
        err_text(&bytes),
        "invalid flags 0x00000004 in .pyc header (only bits 0 and 1 are defined)"
    );
    bytes[4] = 0;
    bytes[7] = 0x80;
    assert!(matches!(
        load_pyc(&bytes).unwrap_err(),
        LoadError::BadFlags { flags: 0x8000_0000 }
    ));
}

#[test]
fn top_level_must_be_code() {
    assert_eq!(
        err_text(&pyc_with_body(b"N")),
        "the top-level object of the .pyc is None, not a code object"
    );
    assert_eq!(
        err_text(&pyc_with_body(b")\x00")),
        "the top-level object of the .pyc is a tuple, not a code object"
    );
}

#[test]
fn truncation_messages_and_offsets() {
    assert_eq!(
        err_text(&pyc_with_body(b"u\x01\x00")),
        "truncated marshal data at offset 17: needed 4 bytes for a string length"
    );
    let e = loads_err(b"s\x05\x00\x00\x00abc");
    assert_eq!(
        e.to_string(),
        "truncated marshal data at offset 5: needed 5 bytes for bytes data"
    );
    // Truncating a real file anywhere gives an error, never a panic.
    let bytes = fixture("flow.pyc");
    for cut in HEADER_LEN..bytes.len() {
        assert!(load_pyc(&bytes[..cut]).is_err(), "cut at {cut}");
    }
}

#[test]
fn huge_lengths_fail_fast() {
    let start = Instant::now();
    for ty in [b's', b'u', b'a', b'(', b'[', b'<', b'>'] {
        let mut body = vec![ty];
        body.extend_from_slice(&0x7fff_ffffu32.to_le_bytes());
        body.extend_from_slice(&[b'N'; 35]);
        let e = loads_err(&body);
        assert!(
            matches!(e, LoadError::Truncated { needed, .. } if needed >= 0x7fff_ffff),
            "{}: {e}",
            char::from(ty)
        );
    }
    let e = loads_err(b"l\xff\xff\xff\x7f\x01\x00");
    assert!(
        matches!(
            e,
            LoadError::Truncated {
                needed: 0xffff_fffe,
                ..
            }
        ),
        "{e}"
    );
    // Negative sizes.
    assert_eq!(
        loads_err(b"s\xff\xff\xff\xff").to_string(),
        "bad marshal data at offset 1: bytes object size out of range (-1)"
    );
    assert!(matches!(
        problem(loads_err(b"(\x00\x00\x00\x80")),
        MarshalProblem::NegativeSize {
            size: -2147483648,
            ..
        }
    ));
    assert!(matches!(
        problem(loads_err(b"l\x00\x00\x00\x80")),
        MarshalProblem::LongSizeOutOfRange { .. }
    ));
    assert!(start.elapsed().as_secs() < 2);
}

#[test]
fn nesting_limit() {
    // 100,000 nested one-element tuples: an error, not a stack overflow.
    let mut deep = b")\x01".repeat(100_000);
    deep.push(b'N');
    assert_eq!(
        loads_err(&deep).to_string(),
        "bad marshal data at offset 4000: nesting deeper than 2000 levels"
    );
    // The same limit as CPython: 1999 tuples around a value load, 2000 do not.
    let mut ok = b")\x01".repeat(1999);
    ok.push(b'N');
    assert!(loads(&ok).is_ok());
    let mut ok_empty = b")\x01".repeat(1999);
    ok_empty.extend_from_slice(b")\x00");
    assert!(loads(&ok_empty).is_ok());
    let mut too_deep = b")\x01".repeat(2000);
    too_deep.push(b'N');
    assert!(matches!(
        problem(loads_err(&too_deep)),
        MarshalProblem::TooDeep { limit: 2000 }
    ));
    // Lists and dicts nest too.
    let mut lists = b"[\x01\x00\x00\x00".repeat(100_000);
    lists.push(b'N');
    assert!(loads(&lists).is_err());
    let dicts = b"{N".repeat(100_000);
    assert!(loads(&dicts).is_err());
}

#[test]
fn references() {
    // (FLAG_REF tuple of 2) holding (FLAG_REF int 5) and a reference to it.
    let v = loads(b"\xa9\x02\xe9\x05\x00\x00\x00r\x01\x00\x00\x00").unwrap();
    assert_eq!(v, Obj::Tuple(vec![Obj::Int(5), Obj::Int(5)].into()));
    // A reference to the tuple itself while it is being read.
    assert_eq!(
        loads_err(b"\xa9\x01r\x00\x00\x00\x00").to_string(),
        "bad marshal data at offset 2: invalid reference 0 (the object is still being read)"
    );
    assert_eq!(
        loads_err(b")\x01r\x00\x00\x00\x00").to_string(),
        "bad marshal data at offset 2: invalid reference 0 (only 0 references defined)"
    );
    assert!(matches!(
        problem(loads_err(b"r\xff\xff\xff\xff")),
        MarshalProblem::InvalidReference { index: -1, .. }
    ));
    // Singletons take no slot even with the flag; references to them are therefore out of range.
    assert!(loads(b")\x02\xcer\x00\x00\x00\x00").is_err());
    // A flagged frozenset registers its slot only when complete, as CPython's does.
    assert!(loads(b"\xbe\x01\x00\x00\x00r\x00\x00\x00\x00").is_err());
    let v = loads(b")\x02\xbe\x01\x00\x00\x00\xe9\x01\x00\x00\x00r\x00\x00\x00\x00").unwrap();
    let fs = Obj::FrozenSet(vec![Obj::Int(1)].into());
    assert_eq!(v, Obj::Tuple(vec![fs.clone(), fs].into()));
}

#[test]
fn scalar_defects() {
    assert_eq!(
        loads_err(b"?").to_string(),
        "bad marshal data at offset 0: unknown type code 0x3f ('?')"
    );
    assert!(matches!(
        problem(loads_err(b"l\x01\x00\x00\x00\x00\x00")),
        MarshalProblem::UnnormalizedLong
    ));
    assert!(matches!(
        problem(loads_err(b"l\x01\x00\x00\x00\x00\x80")),
        MarshalProblem::LongDigitOutOfRange { digit: 0x8000 }
    ));
    assert!(matches!(
        problem(loads_err(b"u\x01\x00\x00\x00\xff")),
        MarshalProblem::InvalidUtf8
    ));
    assert!(matches!(
        problem(loads_err(b"f\x03abc")),
        MarshalProblem::BadFloatText { .. }
    ));
    assert_eq!(loads(b"f\x03inf").unwrap(), Obj::Float(f64::INFINITY));
    assert_eq!(loads(b"f\x04-1.5").unwrap(), Obj::Float(-1.5));
    assert_eq!(
        loads(b"I\xff\xff\xff\xff\xff\xff\xff\x7f").unwrap(),
        Obj::Int(i64::MAX)
    );
    // Latin-1 in an "ascii" string, as CPython decodes it.
    assert_eq!(
        loads(b"a\x02\x00\x00\x00\xe9\xff").unwrap(),
        Obj::Str("\u{e9}\u{ff}".into())
    );
    assert_eq!(
        loads_err(b"0").to_string(),
        "bad marshal data at offset 0: NULL object in marshal data for object"
    );
    assert!(matches!(
        problem(loads_err(b")\x010")),
        MarshalProblem::NullObject { context: "tuple" }
    ));
    // A dict ends at a NULL key, or a NULL value (dropping the key), as in CPython.
    let d = loads(b"{i\x01\x00\x00\x00i\x02\x00\x00\x00i\x03\x00\x00\x000").unwrap();
    assert_eq!(d, Obj::Dict(vec![(Obj::Int(1), Obj::Int(2))].into()));
    assert!(matches!(
        problem(loads_err(b"{[\x00\x00\x00\x00N0")),
        MarshalProblem::Unhashable { found: "list" }
    ));
    assert!(matches!(
        problem(loads_err(b"<\x01\x00\x00\x00)\x01{0")),
        MarshalProblem::Unhashable { found: "dict" }
    ));
    // Trailing bytes are ignored, as marshal.loads ignores them.
    assert_eq!(loads(b"NN").unwrap(), Obj::None);
}

/// Builds a code object body with the given `co_names` tuple bytes.
fn code_with(names: &[u8], argcount: u32, kinds_and_locals: (&[u8], &[u8])) -> Vec<u8> {
    let mut c = vec![b'c'];
    for v in [argcount, 0, 0, 1, 0] {
        c.extend_from_slice(&v.to_le_bytes());
    }
    c.extend_from_slice(b"s\x02\x00\x00\x00\x79\x00"); // co_code
    c.extend_from_slice(b")\x00"); // co_consts
    c.extend_from_slice(names);
    c.extend_from_slice(kinds_and_locals.0); // co_localsplusnames
    c.extend_from_slice(kinds_and_locals.1); // co_localspluskinds
    c.extend_from_slice(b"z\x01f"); // co_filename
    c.extend_from_slice(b"z\x01n"); // co_name
    c.extend_from_slice(b"z\x01q"); // co_qualname
    c.extend_from_slice(&1i32.to_le_bytes());
    c.extend_from_slice(b"s\x00\x00\x00\x00"); // co_linetable
    c.extend_from_slice(b"s\x00\x00\x00\x00"); // co_exceptiontable
    c
}

#[test]
fn code_object_validation() {
    let empty = (&b")\x00"[..], &b"s\x00\x00\x00\x00"[..]);
    let ok = code_with(b")\x01z\x01x", 0, empty);
    let pyc = load_pyc(&pyc_with_body(&ok)).unwrap();
    assert_eq!(pyc.code.names.len(), 1);
    assert_eq!(pyc.code.firstlineno, 1);

    let bad_names = code_with(b")\x01i\x01\x00\x00\x00", 0, empty);
    assert_eq!(
        err_text(&pyc_with_body(&bad_names)),
        "bad marshal data at offset 46: code object field co_names must be a tuple of str, not int"
    );
    let names_not_tuple = code_with(b"N", 0, empty);
    assert!(matches!(
        problem(loads_err(&names_not_tuple)),
        MarshalProblem::CodeFieldType {
            field: "co_names",
            found: "NoneType",
            ..
        }
    ));
    // One argument but no local to hold it.
    let too_few_locals = code_with(b")\x00", 1, empty);
    assert!(matches!(
        problem(loads_err(&too_few_locals)),
        MarshalProblem::InvalidCode {
            reason: "co_varnames is too small"
        }
    ));
    let mismatched = code_with(b")\x00", 0, (b")\x01z\x01a", b"s\x00\x00\x00\x00"));
    assert!(matches!(
        problem(loads_err(&mismatched)),
        MarshalProblem::InvalidCode { .. }
    ));
    let with_local = code_with(b")\x00", 1, (b")\x01z\x01a", b"s\x01\x00\x00\x00\x20"));
    assert!(loads(&with_local).is_ok());
    // A NULL inside a code object.
    let mut null_field = ok.clone();
    null_field[21] = b'0';
    assert!(matches!(
        problem(loads_err(&null_field)),
        MarshalProblem::NullObject {
            context: "code object"
        }
    ));
}

#[test]
fn table_errors() {
    use pyvm_loader::{exctable, linetable, TableError};
    // Truncated long-form entry.
    let bad: Vec<_> = linetable::entries(b"\xf0\x01", 1).collect();
    assert!(matches!(bad[..], [Err(TableError::Truncated { .. })]));
    assert!(matches!(
        linetable::entries(b"\x01", 1).next(),
        Some(Err(TableError::NotEntryStart { offset: 0, .. }))
    ));
    assert!(matches!(
        linetable::lines_of(b"\xf0\x7f\x7f\x7f\x7f\x7f\x7f\x01\x00\x00\x00", 1),
        Err(TableError::VarintOverflow { .. })
    ));
    assert!(matches!(
        exctable::parse(b"\x82\x04"),
        Err(TableError::Truncated { offset: 2, .. })
    ));
    assert!(matches!(
        exctable::parse(b"\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x01\x01\x01"),
        Err(TableError::NotEntryStart { .. })
    ));
    assert!(matches!(
        exctable::parse(b"\xff\x7f\x7f\x7f\x7f\x7f\x01\x01\x01"),
        Err(TableError::VarintOverflow { .. })
    ));
    let entries = exctable::parse(b"\x82\x04\x0a\x03").unwrap();
    assert_eq!(
        (entries[0].start, entries[0].end, entries[0].target),
        (4, 12, 20)
    );
    assert_eq!((entries[0].depth, entries[0].lasti), (1, true));
    assert_eq!(exctable::handler_for(&entries, 10), Some(&entries[0]));
    assert_eq!(exctable::handler_for(&entries, 12), None);
}

#[test]
fn exponential_sharing_is_refused() {
    // A tuple of 64 items: a remembered int, then tuples that each refer twice to the item before,
    // so item k expands to 2^(k+1) - 1 objects while the stream stays tiny.
    let mut body = vec![b')', 64, 0x80 | b'i', 1, 0, 0, 0];
    for k in 0u32..63 {
        body.extend_from_slice(&[0x80 | b')', 2, b'r']);
        body.extend_from_slice(&k.to_le_bytes());
        body.push(b'r');
        body.extend_from_slice(&k.to_le_bytes());
    }
    let start = Instant::now();
    assert!(matches!(
        problem(loads_err(&body)),
        MarshalProblem::TooLarge { .. }
    ));
    assert!(start.elapsed().as_secs() < 2);
    // Moderate sharing is fine: 10 levels.
    let mut small = vec![b')', 11, 0x80 | b'i', 1, 0, 0, 0];
    for k in 0u32..10 {
        small.extend_from_slice(&[0x80 | b')', 2, b'r']);
        small.extend_from_slice(&k.to_le_bytes());
        small.push(b'r');
        small.extend_from_slice(&k.to_le_bytes());
    }
    assert!(loads(&small).is_ok());
}

/// The committed bad fixtures (also usable by command-line tests).
#[test]
fn bad_fixture_files() {
    let text = |name: &str| err_text(&fixture(name));
    assert_eq!(
        text("bad_flags.pyc"),
        "invalid flags 0x00000004 in .pyc header (only bits 0 and 1 are defined)"
    );
    assert!(text("bad_truncated.pyc").starts_with("truncated marshal data at offset "));
    assert_eq!(
        text("bad_not_a_pyc.pyc"),
        "not a .pyc file: unknown magic bytes 70 72 69 6e"
    );
    assert_eq!(
        text("bad_deep_nesting.pyc"),
        "bad marshal data at offset 4016: nesting deeper than 2000 levels"
    );
    assert_eq!(
        text("bad_magic_312_prerelease.pyc"),
        "compiled by a CPython 3.12 pre-release (magic 3520); pyvm runs CPython 3.12 bytecode (magic 3531)"
    );
}
