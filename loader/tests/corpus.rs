//! Every fixture `.pyc` loads, round-trips through the writer, and has decodable tables; the
//! decoded positions, line ranges and exception tables equal what CPython 3.12 reported.
#![allow(clippy::unwrap_used)]

mod common;

use std::fmt::Write as _;
use std::sync::Arc;

use common::{all_codes, good_pycs, repo_root};
use pyvm_loader::{
    dump_pyc, dumps, exctable, linetable, load_pyc, load_pyc_file, loads, Code, Obj,
};

#[test]
fn corpus_loads_and_round_trips() {
    let pycs = good_pycs();
    assert!(pycs.len() >= 5, "too few fixtures: {pycs:?}");
    for path in &pycs {
        let bytes = std::fs::read(path).unwrap();
        let pyc = load_pyc(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(load_pyc_file(path).unwrap(), pyc);

        let obj = Obj::Code(pyc.code.clone());
        assert_eq!(loads(&bytes[16..]).unwrap(), obj, "{}", path.display());
        assert_eq!(loads(&dumps(&obj)).unwrap(), obj, "{}", path.display());
        let rewritten = dump_pyc(&pyc.header, &pyc.code);
        assert_eq!(rewritten[..16], bytes[..16]);
        assert_eq!(load_pyc(&rewritten).unwrap(), pyc, "{}", path.display());

        for code in all_codes(&pyc.code) {
            let positions = linetable::positions(&code).unwrap();
            assert_eq!(positions.len(), code.code_units(), "{}", path.display());
            let lines = linetable::lines(&code).unwrap();
            assert_eq!(lines.last().map(|r| r.end as usize), Some(code.code.len()));
            for e in exctable::parse(&code.exceptiontable).unwrap() {
                assert!(e.start < e.end && e.end as usize <= code.code.len());
                assert!((e.target as usize) < code.code.len());
            }
        }
    }
}

fn fmt_opt(v: Option<i32>) -> String {
    v.map_or_else(|| "-".to_string(), |v| v.to_string())
}

fn render_locations(code: &Code, out: &mut String) {
    writeln!(
        out,
        "code {} {}",
        code.qualname.to_str_lossy(),
        code.firstlineno
    )
    .unwrap();
    for p in linetable::positions(code).unwrap() {
        writeln!(
            out,
            "p {} {} {} {}",
            fmt_opt(p.line),
            fmt_opt(p.end_line),
            fmt_opt(p.col),
            fmt_opt(p.end_col)
        )
        .unwrap();
    }
    for r in linetable::lines(code).unwrap() {
        writeln!(out, "l {} {} {}", r.start, r.end, fmt_opt(r.line)).unwrap();
    }
    for e in exctable::parse(&code.exceptiontable).unwrap() {
        writeln!(
            out,
            "e {} {} {} {} {}",
            e.start,
            e.end,
            e.target,
            e.depth,
            u8::from(e.lasti)
        )
        .unwrap();
    }
}

/// `tests/pyc/NAME.locations` was written by CPython 3.12 (see tests/pyc/make_fixtures.mjs).
#[test]
fn locations_match_cpython() {
    let dir = repo_root().join("tests/pyc");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "locations") {
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap();
        let pyc = load_pyc_file(path.with_extension("pyc")).unwrap();
        let mut actual = String::new();
        for code in all_codes(&pyc.code) {
            render_locations(&code, &mut actual);
        }
        assert!(
            actual == expected,
            "{}: differs from CPython:\n{actual}",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 3);
}

#[test]
fn line_starts_and_lookup() {
    let pyc = load_pyc_file(repo_root().join("tests/pyc/positions.pyc")).unwrap();
    let starts = linetable::line_starts(&pyc.code).unwrap();
    let lines: Vec<i32> = starts.iter().map(|&(_, l)| l).collect();
    assert_eq!(lines[..4], [0, 2, 3, 4]);
    assert!(lines.contains(&129));
    let p = linetable::position_at(&pyc.code, 2).unwrap().unwrap();
    assert_eq!((p.line, p.col, p.end_col), (Some(2), Some(4), Some(5)));
    assert_eq!(linetable::position_at(&pyc.code, 1_000_000).unwrap(), None);
}

fn module_consts(name: &str) -> Arc<[Obj]> {
    let pyc = load_pyc_file(repo_root().join("tests/pyc").join(name)).unwrap();
    pyc.code.consts.clone()
}

#[test]
fn constants_of_every_kind() {
    use num_bigint::BigInt;
    use pyvm_loader::PyStr;
    let consts = module_consts("constants.pyc");
    let has = |o: &Obj| consts.iter().any(|c| c == o);
    let s = |t: &str| Obj::Str(PyStr::from(t));
    assert!(has(&Obj::Int(7)));
    assert!(has(&Obj::Int(-123456)));
    assert!(has(&Obj::Int(i64::MAX)));
    assert!(has(&Obj::Int(2_147_483_648)));
    let big = |v: BigInt| Obj::Long(Arc::new(v));
    assert!(has(&big(BigInt::from(1u8) << 100)));
    assert!(has(&big(BigInt::from(1u8) << 63)));
    assert!(has(&big(-num_traits::pow(BigInt::from(3u8), 80))));
    assert!(has(&Obj::Float(1.5)));
    assert!(has(&Obj::Float(-0.0)));
    assert!(!has(&Obj::Float(0.0)));
    assert!(has(&Obj::Complex { re: 3.0, im: 4.0 }));
    assert!(has(&Obj::Bytes(Arc::from(&b"\x00\xffbytes"[..]))));
    assert!(has(&s("hello")));
    assert!(has(&s(&"x".repeat(300))));
    assert!(has(&s("caf\u{e9}")));
    assert!(has(&s("\u{20ac} uro")));
    assert!(has(&s("\u{1f600} smile")));
    let lone = Obj::Str(PyStr::Surrogates(Arc::from(&b"\xed\xa0\x80"[..])));
    assert!(has(&lone));
    let pair = Obj::Str(PyStr::Surrogates(Arc::from(
        &b"\xed\xa0\xbd\xed\xb8\x80"[..],
    )));
    assert!(has(&pair));
    assert!(consts
        .iter()
        .any(|c| matches!(c, Obj::FrozenSet(items) if items.len() == 4)));
    assert!(consts
        .iter()
        .any(|c| matches!(c, Obj::Tuple(items) if items.len() == 300)));
    let nested = consts
        .iter()
        .find_map(|c| match c {
            Obj::Tuple(items) if items.len() == 9 => Some(items.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(nested[4], Obj::None);
    assert_eq!(nested[5], Obj::True);
    assert_eq!(nested[7], Obj::Ellipsis);
    assert_eq!(
        nested[8],
        Obj::Tuple(Arc::from(vec![
            Obj::Int(5),
            Obj::Tuple(Arc::from(vec![Obj::Int(6)]))
        ]))
    );
}

#[test]
fn code_object_fields() {
    let pyc = load_pyc_file(repo_root().join("tests/pyc/flow.pyc")).unwrap();
    assert_eq!(pyc.code.filename.as_str(), Some("tests/pyc/src/flow.py"));
    assert_eq!(pyc.code.name.as_str(), Some("<module>"));
    let codes = all_codes(&pyc.code);
    let find = |q: &str| {
        codes
            .iter()
            .find(|c| c.qualname.as_str() == Some(q))
            .unwrap()
            .clone()
    };
    let init = find("Point.__init__");
    assert_eq!((init.argcount, init.kwonlyargcount), (3, 1));
    let names: Vec<String> = init
        .varnames()
        .iter()
        .map(|n| n.to_str_lossy().into_owned())
        .collect();
    assert_eq!(names, ["self", "x", "y", "z", "args", "kw"]);
    let bump = find("counter.<locals>.bump");
    assert_eq!(bump.freevars().len(), 1);
    assert_eq!(find("counter").cellvars().len(), 1);
    let gen = find("gen");
    assert_ne!(gen.flags & pyvm_loader::object::flags::GENERATOR, 0);
    let coro = find("coro");
    assert_ne!(coro.flags & pyvm_loader::object::flags::COROUTINE, 0);
    assert!(!exctable::parse(&find("safe_div").exceptiontable)
        .unwrap()
        .is_empty());
}
