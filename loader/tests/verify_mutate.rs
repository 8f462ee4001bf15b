//! Deterministic, structure-aware mutation testing of the verifier.
//!
//! Real code objects from the committed fixtures are corrupted in the ways a crafted file could
//! corrupt them (opcodes, opargs, `EXTENDED_ARG`, caches, constants, names, locals, exception table,
//! stack size, flags, truncation, splices). `verify` must return `Ok` or `Err`, never panic or hang.
//! Whenever it accepts a code object, a random walk through it — taking branches, loop exits and
//! exceptions at random, and moving the stack depth the way the interpreter would — must find at
//! every instruction exactly the depth the verifier recorded, within `0..=co_stacksize`.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use common::{all_codes, good_pycs, Rng};
use pyvm_loader::exctable::{self, ExceptionEntry};
use pyvm_loader::object::flags;
use pyvm_loader::opcode::{ArgKind, Opcode};
use pyvm_loader::verify::{verify, VerifiedInfo, MAX_STACK_SIZE};
use pyvm_loader::{load_pyc_file, Code, Obj, PyStr};

const MUTATIONS: usize = 60_000;

fn corpus() -> Vec<Arc<Code>> {
    good_pycs()
        .iter()
        .flat_map(|p| all_codes(&load_pyc_file(p).unwrap().code))
        .collect()
}

fn encode_varint(out: &mut Vec<u8>, v: u32, first: bool) {
    let mut groups = vec![(v & 63) as u8];
    let mut rest = v >> 6;
    while rest > 0 {
        groups.push((rest & 63) as u8);
        rest >>= 6;
    }
    groups.reverse();
    let last = groups.len() - 1;
    for (i, g) in groups.iter().enumerate() {
        out.push(g | if i < last { 64 } else { 0 } | if i == 0 && first { 128 } else { 0 });
    }
}

fn encode_table(entries: &[ExceptionEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entries {
        encode_varint(&mut out, e.start / 2, true);
        encode_varint(&mut out, e.end.saturating_sub(e.start) / 2, false);
        encode_varint(&mut out, e.target / 2, false);
        encode_varint(&mut out, (e.depth << 1) | u32::from(e.lasti), false);
    }
    out
}

/// Real (non-specialized, non-instrumented) opcodes: mutations that keep the code decodable.
fn real_opcodes() -> Vec<u8> {
    Opcode::ALL
        .iter()
        .filter(|op| !op.is_specialized() && !op.is_instrumented())
        .map(|op| op.number())
        .collect()
}

fn tweak(rng: &mut Rng, v: u32) -> u32 {
    match rng.below(6) {
        0 => v.wrapping_add(1),
        1 => v.wrapping_sub(1),
        2 => v.wrapping_add(2),
        3 => v.wrapping_sub(2),
        4 => rng.next_u64() as u32 % 64,
        _ => [0, 1, 0x3fff_ffff, u32::MAX >> 2][rng.below(4)],
    }
}

fn mutate(rng: &mut Rng, base: &Code, pool: &[Arc<Code>], real: &[u8]) -> (Code, &'static str) {
    let mut m = base.clone();
    let mut what = "";
    for _ in 0..=rng.below(2) {
        let mut code = m.code.to_vec();
        let units = code.len() / 2;
        let unit = if units == 0 { 0 } else { rng.below(units) * 2 };
        match rng.below(13) {
            0 if units > 0 => {
                what = "opcode byte";
                code[unit] = rng.next_u64() as u8;
            }
            1 if units > 0 => {
                what = "real opcode";
                code[unit] = real[rng.below(real.len())];
            }
            2 if units > 0 => {
                what = "oparg";
                let a = code[unit + 1];
                code[unit + 1] = match rng.below(4) {
                    0 => a.wrapping_add(1),
                    1 => a.wrapping_sub(1),
                    2 => [0, 1, 2, 3, 0x7f, 0xff][rng.below(6)],
                    _ => rng.next_u64() as u8,
                };
            }
            3 if units > 0 => {
                what = "EXTENDED_ARG";
                code[unit] = Opcode::EXTENDED_ARG.number();
                code[unit + 1] = [0, 1, 0x80, 0xff][rng.below(4)];
            }
            4 if units > 1 => {
                what = "swap units";
                let other = rng.below(units) * 2;
                code.swap(unit, other);
                code.swap(unit + 1, other + 1);
            }
            5 => {
                what = "truncate";
                code.truncate(unit);
            }
            6 => {
                what = "constant";
                let mut consts = m.consts.to_vec();
                if consts.is_empty() || rng.below(4) == 0 {
                    consts.truncate(rng.below(consts.len() + 1));
                } else {
                    let i = rng.below(consts.len());
                    consts[i] = match rng.below(5) {
                        0 => Obj::None,
                        1 => Obj::Int(rng.next_u64() as i64),
                        2 => Obj::Str(PyStr::from("k")),
                        3 => Obj::Tuple(Arc::from(vec![Obj::Str(PyStr::from("a")), Obj::Int(1)])),
                        _ => Obj::Code(pool[rng.below(pool.len())].clone()),
                    };
                }
                m.consts = consts.into();
            }
            7 => {
                what = "names and locals";
                match rng.below(4) {
                    0 => m.names = m.names[..rng.below(m.names.len() + 1)].into(),
                    1 => {
                        let n = rng.below(m.localsplusnames.len().min(m.localspluskinds.len()) + 1);
                        m.localsplusnames = m.localsplusnames[..n].into();
                        m.localspluskinds = m.localspluskinds[..n].into();
                    }
                    2 if !m.localspluskinds.is_empty() => {
                        let mut k = m.localspluskinds.to_vec();
                        let i = rng.below(k.len());
                        k[i] ^= [0x20, 0x40, 0x80][rng.below(3)];
                        m.localspluskinds = k.into();
                    }
                    _ => {
                        m.localspluskinds =
                            m.localspluskinds[..rng.below(m.localspluskinds.len() + 1)].into()
                    }
                }
            }
            8 => {
                what = "exception table";
                match exctable::parse(&m.exceptiontable) {
                    Ok(mut entries) if !entries.is_empty() && rng.below(8) != 0 => {
                        let i = rng.below(entries.len());
                        let e = &mut entries[i];
                        match rng.below(7) {
                            0 => e.start = tweak(rng, e.start / 2).wrapping_mul(2),
                            1 => e.end = tweak(rng, e.end / 2).wrapping_mul(2),
                            2 => e.target = tweak(rng, e.target / 2).wrapping_mul(2),
                            3 => e.depth = tweak(rng, e.depth),
                            4 => e.lasti = !e.lasti,
                            5 => {
                                let copy = *e;
                                entries.insert(rng.below(entries.len() + 1), copy);
                            }
                            _ => {
                                entries.remove(i);
                            }
                        }
                        m.exceptiontable = encode_table(&entries).into();
                    }
                    _ => {
                        let mut t = m.exceptiontable.to_vec();
                        if t.is_empty() {
                            t = encode_table(&[ExceptionEntry {
                                start: (unit as u32) & !1,
                                end: ((unit + 2 * rng.below(8)) as u32) & !1,
                                target: (rng.below(units.max(1)) * 2) as u32,
                                depth: rng.below(6) as u32,
                                lasti: rng.below(2) == 0,
                            }]);
                        } else {
                            let i = rng.below(t.len());
                            t[i] ^= 1 << rng.below(8);
                        }
                        m.exceptiontable = t.into();
                    }
                }
            }
            9 => {
                what = "stacksize";
                m.stacksize = match rng.below(5) {
                    0 => m.stacksize.saturating_sub(1),
                    1 => m.stacksize.saturating_add(1),
                    2 => 0,
                    3 => [u32::MAX, MAX_STACK_SIZE, MAX_STACK_SIZE + 1][rng.below(3)],
                    _ => rng.below(20) as u32,
                };
            }
            10 => {
                what = "flags";
                m.flags ^= [
                    flags::GENERATOR,
                    flags::COROUTINE,
                    flags::VARARGS,
                    flags::VARKEYWORDS,
                ][rng.below(4)];
            }
            11 => {
                what = "arguments";
                m.argcount = tweak(rng, m.argcount);
                if rng.below(2) == 0 {
                    m.posonlyargcount = tweak(rng, m.posonlyargcount);
                }
            }
            _ => {
                what = "splice";
                let other = &pool[rng.below(pool.len())].code;
                let from = rng.below(other.len() / 2 + 1) * 2;
                let len = (rng.below(16) * 2).min(other.len() - from);
                let at = unit.min(code.len());
                let end = (at + len).min(code.len());
                code.splice(at..end, other[from..from + len].iter().copied());
            }
        }
        m.code = code.into();
    }
    (m, what)
}

/// Walks `c` as the interpreter would, choosing branches and exceptions at random, and checks the
/// depth the verifier recorded at every instruction reached.
fn walk(rng: &mut Rng, c: &Code, info: &VerifiedInfo) {
    let entries = exctable::parse(&c.exceptiontable).unwrap();
    let code = &c.code;
    let (mut pc, mut depth) = (0usize, 0i64);
    for _ in 0..400 {
        assert_eq!(info.depth_at(pc), Some(depth as u32), "pc {pc}");
        let mut arg = 0u32;
        let mut unit = pc;
        while code[unit] == Opcode::EXTENDED_ARG.number() {
            arg = (arg << 8) | u32::from(code[unit + 1]);
            unit += 2;
        }
        let op = Opcode::from_u8(code[unit]).unwrap();
        arg = (arg << 8) | u32::from(code[unit + 1]);
        let next = unit + 2 + 2 * op.cache_entries();
        let raise = rng.below(10) == 0 || matches!(op, Opcode::RERAISE | Opcode::RAISE_VARARGS);
        if raise {
            let Some(h) = exctable::handler_for(&entries, unit as u32) else {
                return;
            };
            assert!(
                depth >= i64::from(h.depth),
                "pc {pc}: depth {depth} below handler {}",
                h.depth
            );
            depth = i64::from(h.depth) + 1 + i64::from(h.lasti);
            pc = h.target as usize;
            continue;
        }
        if matches!(op, Opcode::RETURN_VALUE | Opcode::RETURN_CONST) {
            return;
        }
        let effect = i64::from(op.stack_effect(arg, false).unwrap());
        let before = depth;
        depth += effect;
        assert!(
            (0..=i64::from(c.stacksize)).contains(&depth),
            "pc {pc}: depth {depth}"
        );
        if op == Opcode::RETURN_GENERATOR {
            depth += 1;
        }
        let target = match op.arg_kind() {
            ArgKind::JumpForward => Some(next + 2 * arg as usize),
            ArgKind::JumpBackward => Some(next - 2 * arg as usize),
            _ => None,
        };
        pc = match (op, target) {
            (
                Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD | Opcode::JUMP_BACKWARD_NO_INTERRUPT,
                Some(t),
            ) => t,
            // An exhausted loop pops the iterator and skips the END_FOR at the target.
            (Opcode::FOR_ITER, Some(t)) if rng.below(3) == 0 => {
                depth = before - 1;
                t + 2
            }
            (_, Some(t)) if rng.below(2) == 0 => t,
            _ => next,
        };
    }
}

#[test]
fn mutated_code_objects_never_panic() {
    let pool = corpus();
    assert!(pool.len() > 500, "fixtures missing");
    let real = real_opcodes();
    let mut rng = Rng(0x5eed_cafe_f00d_d00d);
    let started = Instant::now();

    // The unmutated corpus: all accepted, all walks consistent.
    for c in &pool {
        let info = verify(c).unwrap();
        for _ in 0..4 {
            walk(&mut rng, c, &info);
        }
    }

    let mut accepted = 0usize;
    let mut rules: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for _ in 0..MUTATIONS {
        let base = &pool[rng.below(pool.len())];
        let (m, what) = mutate(&mut rng, base, &pool, &real);
        let slot = by_kind.entry(what).or_default();
        slot.0 += 1;
        match verify(&m) {
            Ok(info) => {
                accepted += 1;
                slot.1 += 1;
                assert!(info.max_depth() <= m.stacksize);
                walk(&mut rng, &m, &info);
            }
            Err(e) => {
                let rule = format!("{:?}", e.rule);
                let name = rule.split([' ', '(', '{']).next().unwrap_or("").to_owned();
                *rules.entry(name).or_default() += 1;
                // Messages are complete sentences naming the code object.
                assert!(e.to_string().starts_with("verify: "));
            }
        }
    }
    eprintln!(
        "{MUTATIONS} mutations of {} code objects in {:?}: {accepted} accepted",
        pool.len(),
        started.elapsed()
    );
    eprintln!("by mutation (tried, accepted): {by_kind:?}");
    eprintln!("rejections by rule: {rules:?}");
    // The mutations reach most of the rules.
    assert!(rules.len() >= 25, "{rules:?}");
}
