//! Structure-aware mutations of real golden code objects, through load → verify → run.
//!
//! A few thousand deterministic mutants (opcodes swapped or replaced, opargs changed, constants
//! replaced, exception tables shifted, stack sizes changed) of the golden programs' code objects
//! are wrapped as `Program`s (which verifies them) and, when they pass, run with a fuel budget, a
//! memory limit and a low recursion limit, output discarded. Each must end in a result, a Python
//! exception or a typed error; a panic inside the VM (`Error::Poisoned`) or in this test fails it.
#![allow(clippy::unwrap_used)]

use pyvm::embed::{CountingAllocator, Error, Interpreter, Output, Program};
use pyvm::loader::{load_pyc_file, Code, Obj};
use std::path::Path;
use std::sync::Arc;

#[global_allocator]
static ALLOC: CountingAllocator = CountingAllocator::system();

const MUTANTS: usize = 3000;

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn count_codes(c: &Code) -> usize {
    1 + c
        .consts
        .iter()
        .map(|k| match k {
            Obj::Code(inner) => count_codes(inner),
            _ => 0,
        })
        .sum::<usize>()
}

/// A copy of `code` with its `index`-th code object (depth first, the root is 0) edited.
fn edit_nth(code: &Arc<Code>, index: &mut usize, edit: &mut dyn FnMut(&mut Code)) -> Arc<Code> {
    let mut c = (**code).clone();
    if *index == 0 {
        edit(&mut c);
        *index = usize::MAX;
        return Arc::new(c);
    }
    *index -= 1;
    let consts: Vec<Obj> = c
        .consts
        .iter()
        .map(|k| match k {
            Obj::Code(inner) if *index != usize::MAX => Obj::Code(edit_nth(inner, index, edit)),
            other => other.clone(),
        })
        .collect();
    c.consts = consts.into();
    Arc::new(c)
}

fn mutate(c: &mut Code, rng: &mut Rng) {
    let mut code = c.code.to_vec();
    let units = code.len() / 2;
    match rng.below(7) {
        // Swap two instructions' opcodes.
        0 if units > 1 => {
            let (a, b) = (rng.below(units) * 2, rng.below(units) * 2);
            code.swap(a, b);
        }
        // Change an oparg.
        1 if units > 0 => {
            let i = rng.below(units) * 2 + 1;
            code[i] = match rng.below(3) {
                0 => code[i].wrapping_add(1),
                1 => code[i].wrapping_sub(1),
                _ => rng.next() as u8,
            };
        }
        // Replace an opcode with any byte.
        2 if units > 0 => {
            let i = rng.below(units) * 2;
            code[i] = rng.next() as u8;
        }
        // Replace a constant.
        3 if !c.consts.is_empty() => {
            let mut consts = c.consts.to_vec();
            let i = rng.below(consts.len());
            let j = rng.below(consts.len());
            consts[i] = match rng.below(4) {
                0 => Obj::None,
                1 => Obj::Int(rng.next() as i32 as i64),
                2 => consts[j].clone(),
                _ => Obj::Tuple(Arc::from(vec![Obj::None, Obj::Int(1)])),
            };
            c.consts = consts.into();
        }
        // Shift or corrupt the exception table.
        4 if !c.exceptiontable.is_empty() => {
            let mut t = c.exceptiontable.to_vec();
            let i = rng.below(t.len());
            t[i] = match rng.below(2) {
                0 => t[i].wrapping_add(1 + rng.below(3) as u8),
                _ => t[i].wrapping_sub(1 + rng.below(3) as u8),
            };
            c.exceptiontable = t.into();
        }
        // Change the declared stack size.
        5 => {
            c.stacksize = match rng.below(3) {
                0 => c.stacksize.saturating_sub(1),
                1 => c.stacksize + 1,
                _ => rng.below(64) as u32,
            };
        }
        // Drop an instruction (shift the rest left).
        _ if units > 1 => {
            let i = rng.below(units) * 2;
            code.drain(i..i + 2);
        }
        _ => {}
    }
    c.code = code.into();
}

#[test]
fn mutated_golden_code_ends_in_a_result_or_an_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut programs: Vec<Arc<Code>> = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("pyc"))
        // Programs that only measure resources (slow in debug builds).
        .filter(|p| !p.to_string_lossy().contains("safety_gc_churn"))
        .collect();
    names.sort();
    for p in names {
        if let Ok(pyc) = load_pyc_file(&p) {
            programs.push(pyc.code);
        }
    }
    assert!(programs.len() > 50);
    let mut rng = Rng(0x5eed_2024);
    let (mut rejected, mut ok, mut raised, mut stopped) = (0usize, 0usize, 0usize, 0usize);
    let started = std::time::Instant::now();
    for n in 0..MUTANTS {
        let base = &programs[rng.below(programs.len())];
        let mut index = rng.below(count_codes(base));
        let rounds = 1 + rng.below(3);
        let mut seed = Rng(rng.next());
        let code = edit_nth(base, &mut index, &mut |c: &mut Code| {
            for _ in 0..rounds {
                mutate(c, &mut seed);
            }
        });
        let program = match Program::from_code(code, "mutant.py") {
            Ok(p) => p,
            Err(Error::Verify(_)) => {
                rejected += 1;
                continue;
            }
            Err(e) => panic!("mutant {n}: unexpected load error {e}"),
        };
        let mut py = Interpreter::builder()
            .fuel(20_000)
            .memory_limit(64 << 20)
            .recursion_limit(100)
            .stdout(Output::Discard)
            .stderr(Output::Discard)
            .build()
            .unwrap();
        match py.run(&program) {
            Ok(_) => ok += 1,
            Err(Error::Exception(_)) => raised += 1,
            Err(Error::FuelExhausted) => stopped += 1,
            Err(e @ Error::Poisoned { .. }) => panic!("mutant {n}: the VM panicked: {e}"),
            Err(e) => panic!("mutant {n}: unexpected error kind: {e}"),
        }
    }
    eprintln!(
        "{MUTANTS} mutants in {:.1?}: {rejected} rejected by the verifier, {ok} ran to the end, \
         {raised} raised, {stopped} ran out of fuel",
        started.elapsed()
    );
    assert_eq!(rejected + ok + raised + stopped, MUTANTS);
}
