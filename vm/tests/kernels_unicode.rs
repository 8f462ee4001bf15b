//! Unicode classification, case mapping, whitespace splitting and str repr against CPython 3.12
//! (`tests/fixtures/kernels/unicode.jsonl`, from `gen_unicode.py`).
#![allow(clippy::unwrap_used)]

mod kernels_common;

use kernels_common::{load_lines, J};
use pyvm_vm::kernels::{str_repr, unicode as u};

fn strs(j: &J) -> Vec<String> {
    j.arr().iter().map(|x| x.s().to_string()).collect()
}

#[test]
fn str_methods_match_cpython() {
    let rows = load_lines("unicode.jsonl");
    assert!(rows.len() > 1000);
    for row in &rows {
        let r = row.arr();
        let s = r[0].s();
        assert_eq!(u::upper(s), r[1].s(), "upper {s:?}");
        assert_eq!(u::lower(s), r[2].s(), "lower {s:?}");
        assert_eq!(u::title(s), r[3].s(), "title {s:?}");
        assert_eq!(u::capitalize(s), r[4].s(), "capitalize {s:?}");
        assert_eq!(u::swapcase(s), r[5].s(), "swapcase {s:?}");
        assert_eq!(u::casefold(s), r[6].s(), "casefold {s:?}");
        let flags: String = [
            u::str_isspace(s),
            u::str_isalpha(s),
            u::str_isalnum(s),
            u::str_isdecimal(s),
            u::str_isdigit(s),
            u::str_isnumeric(s),
            u::str_isprintable(s),
            u::str_isidentifier(s),
            u::str_isupper(s),
            u::str_islower(s),
            u::str_istitle(s),
            u::str_isascii(s),
        ]
        .iter()
        .map(|&b| if b { '1' } else { '0' })
        .collect();
        assert_eq!(flags, r[7].s(), "flags {s:?}");
        assert_eq!(u::split_whitespace_py(s, -1), strs(&r[8]), "split {s:?}");
        assert_eq!(u::split_whitespace_py(s, 1), strs(&r[9]), "split1 {s:?}");
        assert_eq!(u::rsplit_whitespace_py(s, 1), strs(&r[10]), "rsplit1 {s:?}");
        assert_eq!(u::strip_py(s), r[11].s());
        assert_eq!(u::lstrip_py(s), r[12].s());
        assert_eq!(u::rstrip_py(s), r[13].s());
        assert_eq!(u::splitlines(s, false), strs(&r[14]), "splitlines {s:?}");
        assert_eq!(
            u::splitlines(s, true),
            strs(&r[15]),
            "splitlines(True) {s:?}"
        );
        assert_eq!(str_repr::repr_str(s), r[16].s(), "repr {s:?}");
        assert_eq!(str_repr::ascii_str(s), r[17].s(), "ascii {s:?}");
    }
}

#[test]
fn digits_and_identifiers() {
    assert_eq!(u::decimal_value('7'), Some(7));
    assert_eq!(u::decimal_value('\u{663}'), Some(3));
    assert_eq!(u::decimal_value('\u{1d7d9}'), Some(1));
    assert_eq!(u::decimal_value('²'), None);
    assert!(u::is_xid_start('_') && !u::is_xid_start('1') && u::is_xid_continue('1'));
    assert!(u::is_space('\u{85}') && u::is_space('\x1f') && !u::is_space('\u{200b}'));
}

#[test]
fn bytes_repr() {
    assert_eq!(str_repr::repr_bytes(b"a'b"), "b\"a'b\"");
    assert_eq!(
        str_repr::repr_bytes(b"a'\"\\\x00\xff\n"),
        "b'a\\'\"\\\\\\x00\\xff\\n'"
    );
}
