//! The opcode table against CPython 3.12's own `opcode`/`dis` modules.
//!
//! `tests/fixtures/opcode/opcode312.json` was dumped from CPython 3.12.7 (pyodide) by
//! `tests/fixtures/opcode/dump_opcode.py`; every list in it must match the table exactly.
#![allow(clippy::unwrap_used)]

use pyvm::loader::opcode::{
    self, ArgKind, Opcode, PseudoOp, BINARY_OPS, CMP_OP, INTRINSIC_1, INTRINSIC_2, OPCODE_BY_BYTE,
};
use std::collections::BTreeMap;

// ---- a minimal JSON reader (enough for the fixture) ----

#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Num(i64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) {
        self.ws();
        assert_eq!(self.s[self.i] as char, c as char, "at byte {}", self.i);
        self.i += 1;
    }

    fn value(&mut self) -> Json {
        self.ws();
        match self.s[self.i] {
            b'n' => {
                self.i += 4;
                Json::Null
            }
            b't' => {
                self.i += 4;
                Json::Bool(true)
            }
            b'f' => {
                self.i += 5;
                Json::Bool(false)
            }
            b'"' => Json::Str(self.string()),
            b'[' => {
                self.i += 1;
                let mut v = Vec::new();
                self.ws();
                if self.s[self.i] == b']' {
                    self.i += 1;
                    return Json::Arr(v);
                }
                loop {
                    v.push(self.value());
                    self.ws();
                    let c = self.s[self.i];
                    self.i += 1;
                    if c == b']' {
                        return Json::Arr(v);
                    }
                    assert_eq!(c, b',');
                }
            }
            b'{' => {
                self.i += 1;
                let mut v = Vec::new();
                self.ws();
                if self.s[self.i] == b'}' {
                    self.i += 1;
                    return Json::Obj(v);
                }
                loop {
                    self.ws();
                    let k = self.string();
                    self.eat(b':');
                    v.push((k, self.value()));
                    self.ws();
                    let c = self.s[self.i];
                    self.i += 1;
                    if c == b'}' {
                        return Json::Obj(v);
                    }
                    assert_eq!(c, b',');
                }
            }
            _ => {
                let start = self.i;
                while self.i < self.s.len()
                    && (self.s[self.i] == b'-' || self.s[self.i].is_ascii_digit())
                {
                    self.i += 1;
                }
                let text = std::str::from_utf8(&self.s[start..self.i]).unwrap();
                Json::Num(text.parse().unwrap())
            }
        }
    }

    fn string(&mut self) -> String {
        assert_eq!(self.s[self.i], b'"');
        self.i += 1;
        let mut out = String::new();
        loop {
            let c = self.s[self.i];
            self.i += 1;
            match c {
                b'"' => return out,
                b'\\' => {
                    let e = self.s[self.i];
                    self.i += 1;
                    match e {
                        b'n' => out.push('\n'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hex = std::str::from_utf8(&self.s[self.i..self.i + 4]).unwrap();
                            self.i += 4;
                            out.push(
                                char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap(),
                            );
                        }
                        other => out.push(other as char),
                    }
                }
                _ => out.push(c as char),
            }
        }
    }
}

impl Json {
    fn get(&self, key: &str) -> &Json {
        match self {
            Json::Obj(v) => {
                &v.iter()
                    .find(|(k, _)| k == key)
                    .unwrap_or_else(|| panic!("no key {key}"))
                    .1
            }
            _ => panic!("not an object"),
        }
    }
    fn int(&self) -> i64 {
        match self {
            Json::Num(n) => *n,
            other => panic!("not a number: {other:?}"),
        }
    }
    fn opt_int(&self) -> Option<i64> {
        match self {
            Json::Null => None,
            other => Some(other.int()),
        }
    }
    fn str(&self) -> &str {
        match self {
            Json::Str(s) => s,
            other => panic!("not a string: {other:?}"),
        }
    }
    fn arr(&self) -> &[Json] {
        match self {
            Json::Arr(v) => v,
            other => panic!("not an array: {other:?}"),
        }
    }
    fn obj(&self) -> &[(String, Json)] {
        match self {
            Json::Obj(v) => v,
            other => panic!("not an object: {other:?}"),
        }
    }
    fn ints(&self) -> Vec<i64> {
        self.arr().iter().map(Json::int).collect()
    }
    fn strs(&self) -> Vec<String> {
        self.arr().iter().map(|s| s.str().to_owned()).collect()
    }
}

fn fixture() -> Json {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/opcode/opcode312.json"
    );
    let text = std::fs::read(path).unwrap();
    let mut p = Parser { s: &text, i: 0 };
    p.value()
}

/// The real (non-specialized) opcodes, as numbers.
fn real_ops() -> Vec<Opcode> {
    Opcode::ALL
        .iter()
        .copied()
        .filter(|op| !op.is_specialized())
        .collect()
}

fn sorted(mut v: Vec<i64>) -> Vec<i64> {
    v.sort_unstable();
    v
}

/// Numbers of the real opcodes and pseudo-ops whose argument kind satisfies `pred`.
fn ops_where(pred: impl Fn(ArgKind) -> bool) -> Vec<i64> {
    let mut v: Vec<i64> = real_ops()
        .into_iter()
        .filter(|op| pred(op.arg_kind()))
        .map(|op| i64::from(op.number()))
        .collect();
    v.extend(
        PseudoOp::ALL
            .iter()
            .filter(|p| pred(p.arg_kind()))
            .map(|&p| p as i64),
    );
    sorted(v)
}

#[test]
fn constants_match() {
    let j = fixture();
    assert!(j.get("version").str().starts_with("3.12."));
    assert_eq!(
        j.get("HAVE_ARGUMENT").int(),
        i64::from(opcode::HAVE_ARGUMENT)
    );
    assert_eq!(
        j.get("EXTENDED_ARG").int(),
        i64::from(Opcode::EXTENDED_ARG.number())
    );
    assert_eq!(
        j.get("MIN_INSTRUMENTED_OPCODE").int(),
        i64::from(opcode::MIN_INSTRUMENTED_OPCODE)
    );
    assert_eq!(
        j.get("MIN_PSEUDO_OPCODE").int(),
        i64::from(opcode::MIN_PSEUDO_OPCODE)
    );
    assert_eq!(
        j.get("MAX_PSEUDO_OPCODE").int(),
        i64::from(opcode::MAX_PSEUDO_OPCODE)
    );
    assert_eq!(j.get("cmp_op").strs(), CMP_OP);
    let nb: Vec<(String, String)> = j
        .get("nb_ops")
        .arr()
        .iter()
        .map(|p| (p.arr()[0].str().to_owned(), p.arr()[1].str().to_owned()))
        .collect();
    let ours: Vec<(String, String)> = BINARY_OPS
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(nb, ours);
    assert_eq!(j.get("intrinsic_1_descs").strs(), INTRINSIC_1);
    assert_eq!(j.get("intrinsic_2_descs").strs(), INTRINSIC_2);
}

#[test]
fn opmap_and_names_match() {
    let j = fixture();
    // opmap: real opcodes and pseudo-ops.
    let theirs: BTreeMap<String, i64> = j
        .get("opmap")
        .obj()
        .iter()
        .map(|(k, v)| (k.clone(), v.int()))
        .collect();
    let mut ours: BTreeMap<String, i64> = real_ops()
        .into_iter()
        .map(|op| (op.name().to_owned(), i64::from(op.number())))
        .collect();
    for &p in PseudoOp::ALL {
        ours.insert(p.name().to_owned(), p as i64);
    }
    assert_eq!(theirs, ours);

    // dis._all_opname: every byte, specialized names in the free slots, `<N>` elsewhere.
    let all = j.get("all_opname").strs();
    assert_eq!(all.len(), 267);
    for (n, name) in all.iter().enumerate() {
        if n < 256 {
            let byte = u8::try_from(n).unwrap();
            assert_eq!(&opcode::opname(byte), name, "opcode {n}");
            assert_eq!(
                OPCODE_BY_BYTE[n].map(Opcode::name),
                Opcode::from_u8(byte).map(Opcode::name)
            );
        } else {
            let p = PseudoOp::from_u16(u16::try_from(n).unwrap()).unwrap();
            assert_eq!(p.name(), name);
        }
    }
    // opcode.opname: like _all_opname but without the specialized names.
    for (n, name) in j.get("opname").strs().iter().enumerate() {
        if n < 256 {
            let byte = u8::try_from(n).unwrap();
            let expected = match Opcode::from_u8(byte) {
                Some(op) if !op.is_specialized() => op.name().to_owned(),
                _ => format!("<{n}>"),
            };
            assert_eq!(&expected, name);
        }
    }
}

#[test]
fn specializations_match() {
    let j = fixture();
    let spec: Vec<String> = j.get("specialized_instructions").strs();
    let ours: Vec<String> = Opcode::ALL
        .iter()
        .filter(|op| op.is_specialized())
        .map(|op| op.name().to_owned())
        .collect();
    // Our table lists them in CPython's order, so the numbering (free slots in order) agrees too.
    assert_eq!(spec, ours);
    for (family, members) in j.get("specializations").obj() {
        for m in members.strs() {
            let op = Opcode::ALL.iter().find(|op| op.name() == m).unwrap();
            assert_eq!(op.deopt().name(), family, "{m}");
            assert_eq!(op.cache_entries(), op.deopt().cache_entries());
            assert_eq!(op.arg_kind(), op.deopt().arg_kind());
        }
    }
}

#[test]
fn argument_lists_match() {
    let j = fixture();
    let hasarg: Vec<i64> = sorted(j.get("hasarg").ints());
    let mut ours: Vec<i64> = real_ops()
        .into_iter()
        .filter(|op| op.has_arg())
        .map(|op| i64::from(op.number()))
        .collect();
    ours.extend(
        PseudoOp::ALL
            .iter()
            .filter(|p| p.has_arg())
            .map(|&p| p as i64),
    );
    assert_eq!(hasarg, sorted(ours));

    assert_eq!(
        sorted(j.get("hasconst").ints()),
        ops_where(|k| k == ArgKind::Const)
    );
    assert_eq!(sorted(j.get("hasname").ints()), ops_where(ArgKind::is_name));
    assert_eq!(sorted(j.get("hasjrel").ints()), ops_where(ArgKind::is_jump));
    assert_eq!(sorted(j.get("hasjabs").ints()), Vec::<i64>::new());
    assert_eq!(
        sorted(j.get("haslocal").ints()),
        ops_where(|k| k == ArgKind::Local)
    );
    assert_eq!(
        sorted(j.get("hascompare").ints()),
        ops_where(|k| k == ArgKind::Compare)
    );
    // CPython 3.12's opcode.py still appends 148 to hasfree, a leftover from an older numbering:
    // 148 is now STORE_ATTR_SLOT, which dis deoptimizes to STORE_ATTR before consulting the list.
    let mut free = ops_where(|k| k == ArgKind::Free);
    free.push(148);
    assert_eq!(sorted(j.get("hasfree").ints()), sorted(free));
    let exc: Vec<i64> = PseudoOp::ALL
        .iter()
        .filter(|p| p.is_exception_setup())
        .map(|&p| p as i64)
        .collect();
    assert_eq!(sorted(j.get("hasexc").ints()), exc);

    // Backward jumps are exactly the jumps with JUMP_BACKWARD in their name (as dis decides).
    for op in real_ops() {
        assert_eq!(
            op.is_backward_jump(),
            op.arg_kind().is_jump() && op.name().contains("JUMP_BACKWARD")
        );
    }
    // Pseudo-op targets are the real ops of opcode._pseudo_ops, in the same lists.
    for &p in PseudoOp::ALL {
        for t in p.targets() {
            assert_eq!(t.has_arg(), p.has_arg(), "{p:?} -> {t:?}");
        }
    }
}

#[test]
fn inline_cache_entries_match() {
    let j = fixture();
    let caches = j.get("inline_cache_entries").ints();
    assert_eq!(caches.len(), 256);
    for (n, &c) in caches.iter().enumerate() {
        let byte = u8::try_from(n).unwrap();
        match Opcode::from_u8(byte) {
            // `_inline_cache_entries` is indexed by opname, so specialized slots read 0 there;
            // our specialized opcodes report their family's count (checked in specializations_match).
            Some(op) if op.is_specialized() => assert_eq!(c, 0),
            Some(op) => assert_eq!(op.cache_entries() as i64, c, "{op:?}"),
            None => assert_eq!(c, 0),
        }
        if Opcode::from_u8(byte).map_or(true, |op| !op.is_specialized()) {
            assert_eq!(opcode::cache_entries(byte) as i64, c);
        }
    }
}

#[test]
fn stack_effects_match() {
    let j = fixture();
    let args = j.get("stack_effect_args").ints();
    let table = j.get("stack_effect");
    let mut checked = 0;
    for (op_key, row) in table.obj() {
        let n: u16 = op_key.parse().unwrap();
        let triple = |key: &str| -> [Option<i64>; 3] {
            let v = row.get(key).arr();
            [v[0].opt_int(), v[1].opt_int(), v[2].opt_int()]
        };
        if n >= 256 {
            let p = PseudoOp::from_u16(n).unwrap();
            let key_args: Vec<String> = if p.has_arg() {
                args.iter().map(i64::to_string).collect()
            } else {
                vec!["none".into()]
            };
            for key in key_args {
                let [no, yes, max] = triple(&key);
                assert_eq!(no, Some(i64::from(p.stack_effect(false))), "{p:?} {key}");
                assert_eq!(yes, Some(i64::from(p.stack_effect(true))), "{p:?} {key}");
                assert_eq!(
                    max,
                    Some(i64::from(p.stack_effect(false).max(p.stack_effect(true))))
                );
                checked += 1;
            }
            continue;
        }
        let byte = u8::try_from(n).unwrap();
        let Some(op) = Opcode::from_u8(byte) else {
            // Unassigned numbers have no stack effect whichever way they are asked.
            for (_, v) in row.obj() {
                assert_eq!(
                    v.arr().iter().map(Json::opt_int).collect::<Vec<_>>(),
                    [None, None, None],
                    "{n}"
                );
            }
            continue;
        };
        // CPython asks no-arg opcodes with oparg=None and arg opcodes with a number. (Specialized
        // forms numbered below HAVE_ARGUMENT count as no-arg there; they are all invalid anyway.)
        let c_has_arg = byte >= opcode::HAVE_ARGUMENT;
        let mut cases: Vec<(String, u32)> = Vec::new();
        if c_has_arg {
            cases.extend(
                args.iter()
                    .map(|&a| (a.to_string(), u32::try_from(a).unwrap())),
            );
            assert_eq!(triple("none"), [None, None, None]);
        } else {
            cases.push(("none".into(), 0));
            for a in &args {
                assert_eq!(triple(&a.to_string()), [None, None, None]);
            }
        }
        for (key, arg) in cases {
            let [no, yes, max] = triple(&key);
            assert_eq!(
                op.stack_effect(arg, false).map(i64::from),
                no,
                "{op:?} oparg={key} jump=False"
            );
            assert_eq!(
                op.stack_effect(arg, true).map(i64::from),
                yes,
                "{op:?} oparg={key} jump=True"
            );
            assert_eq!(
                op.max_stack_effect(arg).map(i64::from),
                max,
                "{op:?} oparg={key} jump=None"
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} cases");
}

#[test]
fn every_opcode_has_a_doc() {
    for &op in Opcode::ALL {
        assert!(!op.doc().is_empty() && !op.doc().contains('\n'), "{op:?}");
    }
    for &p in PseudoOp::ALL {
        assert!(!p.doc().is_empty(), "{p:?}");
    }
}
