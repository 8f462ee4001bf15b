//! Engine tests: code lists compiled by CPython 3.12's `re._compiler` with the spans CPython
//! reports, and a fuzz run of random and mutated code lists (every run ends in a result or an
//! error, never a panic or a hang).
#![allow(clippy::unwrap_used)]

use super::engine::{do_match, do_search, EngineError, Request};

type Case = (
    &'static str,
    &'static [u32],
    usize,
    &'static [(&'static str, Option<&'static [(i64, i64)]>)],
);

/// `(pattern, code, groups, [(subject, spans of search())])`, recorded with CPython 3.12.
const CASES: &[Case] = &[
    (
        r"a+b",
        &[
            14, 4, 0, 2, 4294967295, 24, 6, 1, 4294967295, 16, 97, 1, 16, 98, 1,
        ],
        0,
        &[
            ("aaab", Some(&[(0, 4)])),
            ("xaab", Some(&[(1, 4)])),
            ("b", None),
        ],
    ),
    (
        r"(a|bc)*d",
        &[
            14, 4, 0, 1, 4294967295, 23, 21, 0, 4294967295, 17, 0, 7, 5, 16, 97, 15, 9, 7, 16, 98,
            16, 99, 15, 2, 0, 17, 1, 18, 16, 100, 1,
        ],
        1,
        &[
            ("abcad", Some(&[(0, 5), (3, 4)])),
            ("bcbcx", None),
            ("d", Some(&[(0, 1), (-1, -1)])),
        ],
    ),
    (
        r"(?P<x>\w+)@(\w+)\.com",
        &[
            14, 4, 0, 7, 4294967295, 17, 0, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 1, 16,
            64, 17, 2, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 3, 16, 46, 16, 99, 16, 111,
            16, 109, 1,
        ],
        2,
        &[
            ("me@ex.com", Some(&[(0, 9), (0, 2), (3, 5)])),
            ("a@b.org", None),
        ],
    ),
    (
        r"(?=ab)a",
        &[14, 4, 0, 1, 1, 4, 7, 0, 16, 97, 16, 98, 1, 16, 97, 1],
        0,
        &[("ab", Some(&[(0, 1)])), ("ac", None)],
    ),
    (
        r"(?<!x)y",
        &[14, 4, 0, 1, 1, 5, 5, 1, 16, 120, 1, 16, 121, 1],
        0,
        &[("xy", None), ("zy", Some(&[(1, 2)]))],
    ),
    (
        r"a{2,3}?c",
        &[14, 4, 0, 3, 4, 26, 6, 2, 3, 16, 97, 1, 16, 99, 1],
        0,
        &[("aaac", Some(&[(0, 4)])), ("aac", Some(&[(0, 3)]))],
    ),
    (
        r"(?>a+)b",
        &[
            14, 4, 0, 2, 4294967295, 27, 9, 24, 6, 1, 4294967295, 16, 97, 1, 1, 16, 98, 1,
        ],
        0,
        &[("aab", Some(&[(0, 3)]))],
    ),
    (
        r"a++a",
        &[
            14, 4, 0, 2, 4294967295, 29, 6, 1, 4294967295, 16, 97, 1, 16, 97, 1,
        ],
        0,
        &[("aaa", None)],
    ),
    (
        r"(?:ab)*+c",
        &[
            14, 4, 0, 1, 4294967295, 28, 7, 0, 4294967295, 16, 97, 16, 98, 1, 16, 99, 1,
        ],
        0,
        &[("ababc", Some(&[(0, 5)]))],
    ),
    (
        r"(a)?(?(1)b|c)",
        &[
            14, 4, 0, 1, 2, 23, 9, 0, 1, 17, 0, 16, 97, 17, 1, 18, 12, 0, 6, 16, 98, 15, 3, 16, 99,
            1,
        ],
        1,
        &[
            ("ab", Some(&[(0, 2), (0, 1)])),
            ("c", Some(&[(0, 1), (-1, -1)])),
        ],
    ),
    (
        r"(\w)\1",
        &[
            14, 7, 4, 2, 2, 8, 14, 0, 17, 0, 13, 4, 8, 14, 0, 17, 1, 11, 0, 1,
        ],
        1,
        &[("xaab", Some(&[(1, 3), (1, 2)]))],
    ),
    (
        r"[^\d\s]+",
        &[
            14, 4, 0, 1, 4294967295, 24, 12, 1, 4294967295, 13, 7, 21, 8, 10, 8, 12, 0, 1, 1,
        ],
        0,
        &[("12 ab3", Some(&[(3, 5)]))],
    ),
    (
        r"(?i)straße",
        &[
            14, 4, 0, 6, 6, 39, 6, 16, 115, 16, 383, 0, 40, 116, 40, 114, 40, 97, 40, 223, 40, 101,
            1,
        ],
        0,
        &[("STRASSE", None), ("STRAßE", Some(&[(0, 6)]))],
    ),
    (
        r"^$|\bx\b",
        &[
            14, 4, 0, 0, 1, 7, 7, 6, 0, 6, 5, 15, 11, 9, 6, 10, 16, 120, 6, 10, 15, 2, 0, 1,
        ],
        0,
        &[("", Some(&[(0, 0)])), ("a x b", Some(&[(2, 3)]))],
    ),
];

fn chars(s: &str) -> Vec<u32> {
    s.chars().map(|c| c as u32).collect()
}

fn no_limit() -> impl FnMut() -> Result<(), ()> {
    || Ok(())
}

#[test]
fn cpython_codes_give_cpython_spans() {
    for (pat, code, groups, subjects) in CASES {
        for (s, want) in *subjects {
            let text = chars(s);
            let req = Request {
                code,
                text: &text,
                start: 0,
                end: text.len(),
                groups: *groups,
                match_all: false,
                must_advance: false,
            };
            let got = do_search(&req, &mut no_limit())
                .unwrap_or_else(|e| panic!("{pat:?} on {s:?}: {e:?}"));
            let got: Option<Vec<(i64, i64)>> = got.map(|c| {
                let mut v = vec![(c.start as i64, c.end as i64)];
                for g in 1..=*groups {
                    v.push(c.group(g).map_or((-1, -1), |(a, b)| (a as i64, b as i64)));
                }
                v
            });
            assert_eq!(got.as_deref(), *want, "pattern {pat:?} on {s:?}");
        }
    }
}

#[test]
fn fullmatch_and_must_advance() {
    // a* : INFO 4 0 0 MAXREPEAT, REPEAT_ONE 6 0 MAXREPEAT LITERAL 'a' SUCCESS, SUCCESS
    let code = [14, 4, 0, 0, u32::MAX, 24, 6, 0, u32::MAX, 16, 97, 1, 1];
    let text = chars("aab");
    let mut req = Request {
        code: &code,
        text: &text,
        start: 0,
        end: 3,
        groups: 0,
        match_all: true,
        must_advance: false,
    };
    assert!(do_match(&req, &mut no_limit()).unwrap().is_none());
    req.end = 2;
    assert_eq!(do_match(&req, &mut no_limit()).unwrap().unwrap().end, 2);
    req.match_all = false;
    req.start = 2;
    req.end = 3;
    req.must_advance = true;
    // An empty match at 2 is refused; the search moves on to the empty match at 3.
    let c = do_search(&req, &mut no_limit()).unwrap().unwrap();
    assert_eq!((c.start, c.end), (3, 3));
}

/// A small xorshift generator (deterministic).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn random_word(r: &mut Rng) -> u32 {
    match r.below(6) {
        0 => u32::MAX,
        1 => r.below(43) as u32,
        2 => r.below(8) as u32,
        3 => 97 + r.below(3) as u32,
        4 => r.next() as u32,
        _ => r.below(30) as u32,
    }
}

fn run_bounded(code: &[u32], text: &[u32], groups: usize, search: bool) {
    let mut budget = 20_000u32;
    let mut poll = move || {
        budget = budget.saturating_sub(1);
        if budget == 0 {
            Err("budget")
        } else {
            Ok(())
        }
    };
    let req = Request {
        code,
        text,
        start: 0,
        end: text.len(),
        groups,
        match_all: false,
        must_advance: false,
    };
    let r = if search {
        do_search(&req, &mut poll)
    } else {
        do_match(&req, &mut poll)
    };
    match r {
        Ok(Some(c)) => {
            assert!(c.start <= text.len() && c.end <= text.len());
        }
        Ok(None) | Err(EngineError::Illegal | EngineError::TooDeep | EngineError::Host(_)) => {}
    }
}

#[test]
fn random_and_mutated_code_never_panics() {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let subjects: Vec<Vec<u32>> = [
        "",
        "a",
        "aab",
        "abcabc",
        "ba\nab c",
        "aaaaaaaaaaaaaaaaaaaaaaaaab",
    ]
    .iter()
    .map(|s| chars(s))
    .collect();
    for round in 0..600 {
        let code: Vec<u32> = if round % 2 == 0 {
            let len = 1 + r.below(40) as usize;
            (0..len).map(|_| random_word(&mut r)).collect()
        } else {
            let (_, base, _, _) = CASES[r.below(CASES.len() as u64) as usize];
            let mut c = base.to_vec();
            for _ in 0..=r.below(3) {
                let i = r.below(c.len() as u64) as usize;
                c[i] = random_word(&mut r);
            }
            if r.below(4) == 0 {
                let cut = r.below(c.len() as u64) as usize;
                c.truncate(cut);
            }
            c
        };
        let groups = r.below(4) as usize;
        for s in &subjects {
            run_bounded(&code, s, groups, round % 3 == 0);
        }
    }
}

/// `(a+)+b` on forty `a`s backtracks for ages; the host's fuel stops it.
#[test]
fn catastrophic_pattern_honours_fuel() {
    use pyvm_vm::{Value, Vm};
    let mut vm = Vm::new();
    crate::install(&mut vm);
    let sre = vm.import_module("_sre").unwrap();
    let compile = vm.getattr_str(&sre, "compile").unwrap();
    let code: Vec<Value> = [
        14u32,
        4,
        0,
        2,
        u32::MAX,
        23,
        14,
        1,
        u32::MAX,
        17,
        0,
        24,
        6,
        1,
        u32::MAX,
        16,
        97,
        1,
        17,
        1,
        18,
        16,
        98,
        1,
    ]
    .iter()
    .map(|&w| Value::Int(i64::from(w)))
    .collect();
    let args = [
        vm.new_str("(a+)+b"),
        Value::Int(32),
        vm.new_list(code),
        Value::Int(1),
        vm.new_dict(),
        vm.new_tuple(Vec::new()),
    ];
    let pattern = vm.call(&compile, &args).unwrap();
    let search = vm.getattr_str(&pattern, "search").unwrap();
    // A short subject finishes.
    let short = vm.new_str("aaab");
    let m = vm.call(&search, &[short]).unwrap();
    assert!(!m.is_none());
    vm.set_fuel(Some(200_000));
    let long = vm.new_str(&"a".repeat(40));
    assert!(vm.call(&search, &[long]).is_err());
    assert!(vm.abort_reason().is_some());
}

/// Random code lists through the Python-level API: `_sre.compile(...)` then `match` /
/// `search` / `findall` / `sub` end in a value or a Python exception, never a panic.
#[test]
fn random_code_through_sre_compile() {
    use pyvm_vm::{Value, Vm};
    let mut vm = Vm::new();
    crate::install(&mut vm);
    let sre = vm.import_module("_sre").unwrap();
    let compile = vm.getattr_str(&sre, "compile").unwrap();
    let mut r = Rng(0x2545_f491_4f6c_dd1d);
    let mut outcomes = [0usize; 2];
    for round in 0..300 {
        let code: Vec<u32> = if round % 2 == 0 {
            (0..1 + r.below(30)).map(|_| random_word(&mut r)).collect()
        } else {
            let (_, base, _, _) = CASES[r.below(CASES.len() as u64) as usize];
            let mut c = base.to_vec();
            let i = r.below(c.len() as u64) as usize;
            c[i] = random_word(&mut r);
            c
        };
        let words = code.iter().map(|&w| Value::Int(i64::from(w))).collect();
        let groups = Value::Int(r.below(3) as i64);
        let args = [
            vm.new_str("?"),
            Value::Int(32),
            vm.new_list(words),
            groups,
            vm.new_dict(),
            vm.new_tuple(Vec::new()),
        ];
        let Ok(p) = vm.call(&compile, &args) else {
            outcomes[1] += 1;
            continue;
        };
        for meth in ["match", "search", "findall", "fullmatch"] {
            vm.clear_abort();
            vm.set_fuel(Some(50_000));
            let f = vm.getattr_str(&p, meth).unwrap();
            let s = vm.new_str("aab abc\nba");
            match vm.call(&f, &[s]) {
                Ok(_) => outcomes[0] += 1,
                Err(_) => outcomes[1] += 1,
            }
        }
        vm.clear_abort();
        vm.set_fuel(None);
    }
    assert!(outcomes[0] > 0 && outcomes[1] > 0, "{outcomes:?}");
}
