//! The set table kernel replays random scenarios recorded with CPython 3.12 and must produce
//! the same iteration order after every step.
#![allow(clippy::unwrap_used)]

mod kernels_common;

use kernels_common::{load_lines, J};
use pyvm_vm::kernels::hash::hash_i64;
use pyvm_vm::kernels::set_table::{self as st, SetTable};
use std::convert::Infallible;

type T = SetTable<i64>;

fn eq(a: &i64, b: &i64) -> Result<bool, Infallible> {
    Ok(a == b)
}

fn add(t: &mut T, x: i64) {
    t.add(x, hash_i64(x), eq).unwrap();
}

fn from_list(xs: &[i64]) -> T {
    let mut t = T::new();
    for &x in xs {
        add(&mut t, x);
    }
    t
}

/// `set(dict.fromkeys(xs))`: pre-size for the dict, then add the keys in dict order.
fn from_dict(xs: &[i64]) -> T {
    let mut t = T::new();
    update_dict(&mut t, xs);
    t
}

fn update_dict(t: &mut T, xs: &[i64]) {
    let mut keys: Vec<i64> = Vec::new();
    for &x in xs {
        if !keys.contains(&x) {
            keys.push(x);
        }
    }
    t.reserve_for(keys.len());
    for k in keys {
        add(t, k);
    }
}

fn list(t: &T) -> Vec<i64> {
    t.iter().copied().collect()
}

fn ints(j: &J) -> Vec<i64> {
    j.arr().iter().map(J::i).collect()
}

#[test]
fn set_scenarios_match_cpython() {
    let scenarios = load_lines("sets.jsonl");
    assert!(scenarios.len() >= 100);
    let mut steps_checked = 0;
    for (si, sc) in scenarios.iter().enumerate() {
        let mut s = T::new();
        for (k, step) in sc.arr().iter().enumerate() {
            let step = step.arr();
            let op = step[0].s();
            let arg = &step[1];
            let out = &step[2];
            let expected = ints(&step[3]);
            match op {
                "add" => add(&mut s, arg.i()),
                "discard" => {
                    let x = arg.i();
                    s.discard(&x, hash_i64(x), eq).unwrap();
                }
                "pop" => match s.pop() {
                    Ok(v) => assert_eq!(v, out.i(), "scenario {si} step {k}: pop"),
                    Err(e) => {
                        assert_eq!(out.s(), "KeyError");
                        assert_eq!(e.message, "pop from an empty set");
                    }
                },
                "update_list" => ints(arg).into_iter().for_each(|x| add(&mut s, x)),
                "update_set" | "ior" => {
                    let o = from_list(&ints(arg));
                    s.merge(&o, eq).unwrap();
                }
                "update_dict" => update_dict(&mut s, &ints(arg)),
                "or" => s = st::union(&s, &from_list(&ints(arg)), eq).unwrap(),
                "ror" => s = st::union(&from_list(&ints(arg)), &s, eq).unwrap(),
                "and" | "iand" => s = st::intersection(&s, &from_list(&ints(arg)), eq).unwrap(),
                "inter_list" => {
                    let mut r = T::new();
                    for x in ints(arg) {
                        if !st::intersection_iter_step(&s, &mut r, x, hash_i64(x), eq).unwrap() {
                            break;
                        }
                    }
                    s = r;
                }
                "sub" => s = st::difference(&s, &from_list(&ints(arg)), eq).unwrap(),
                "isub" => st::difference_update(&mut s, &from_list(&ints(arg)), eq).unwrap(),
                "diffupd_list" => {
                    for x in ints(arg) {
                        s.discard(&x, hash_i64(x), eq).unwrap();
                    }
                    s.purge_dummies_if_needed();
                }
                "xor" => s = st::symmetric_difference(&s, &from_list(&ints(arg)), eq).unwrap(),
                "ixor" | "symupd_list" => {
                    st::symmetric_difference_update(&mut s, &from_list(&ints(arg)), eq).unwrap()
                }
                "copy" => s = s.copy(),
                "clear" => s.clear(),
                "new_list" => s = from_list(&ints(arg)),
                "new_dict" => s = from_dict(&ints(arg)),
                "issubset" => {
                    let r = st::is_subset(&s, &from_list(&ints(arg)), eq).unwrap();
                    assert_eq!(J::Bool(r), *out);
                }
                "isdisjoint" => {
                    let r = st::is_disjoint(&s, &from_list(&ints(arg)), eq).unwrap();
                    assert_eq!(J::Bool(r), *out);
                }
                "eq" => {
                    let r = st::equal(&s, &from_list(&ints(arg)), eq).unwrap();
                    assert_eq!(J::Bool(r), *out);
                }
                other => panic!("unknown op {other}"),
            }
            assert_eq!(list(&s), expected, "scenario {si} step {k} ({op})");
            assert_eq!(s.len(), expected.len());
            steps_checked += 1;
        }
    }
    assert!(steps_checked > 1000);
}

/// An equality that raises propagates its error and leaves the table usable.
#[test]
fn failing_equality_propagates() {
    let mut t = T::new();
    add(&mut t, 1);
    let r: Result<bool, &str> = t.add(9, hash_i64(1), |_, _| Err("boom"));
    assert_eq!(r, Err("boom"));
    assert_eq!(list(&t), vec![1]);
}

/// A comparison that mutates the table (as Python `__eq__` may) restarts the lookup.
#[test]
fn resumable_lookup_restarts_after_mutation() {
    let mut t = T::new();
    // Two distinct keys sharing a hash (as unequal objects with equal hashes would).
    t.add(100, 5, |a, b| Ok::<_, Infallible>(a == b)).unwrap();
    let mut lk = t.lookup_start(5, true);
    let cand = match t.lookup_step(&mut lk, &200) {
        st::Step::Compare(c) => c,
        other => panic!("expected a comparison, got {other:?}"),
    };
    assert_eq!(cand, 100);
    // "__eq__" removes the stored key and grows the table before answering.
    t.discard(&100, 5, |a, b| Ok::<_, Infallible>(a == b))
        .unwrap();
    for x in 0..20 {
        add(&mut t, x + 1000);
    }
    t.lookup_resume(&mut lk, &cand, false);
    match t.lookup_step(&mut lk, &200) {
        st::Step::Vacant => assert!(t.insert_vacant(&lk, 200)),
        other => panic!("expected vacant, got {other:?}"),
    }
    assert!(t
        .contains(&200, 5, |a, b| Ok::<_, Infallible>(a == b))
        .unwrap());
    assert_eq!(t.len(), 21);
}

#[test]
fn frozenset_hash_matches_cpython() {
    // Values from 64-bit CPython 3.12: hash(frozenset()), hash(frozenset({1, 2, 3})).
    assert_eq!(T::new().frozenset_hash(), 133_146_708_735_736);
    assert_eq!(
        from_list(&[1, 2, 3]).frozenset_hash(),
        -272_375_401_224_217_160
    );
}
