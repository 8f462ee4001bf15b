//! Fuzzes the whole pipeline: load, verify, run. Any input must end in a result, a Python
//! exception or a typed error — never a panic, a hang or unbounded memory.
//!
//! The input is a `.pyc` (seed the corpus with `tests/programs/*.pyc`). Inputs that do not load
//! as one are used as raw bytecode: the first byte picks a code object of `tests/pyc/flow.pyc`, the
//! rest replaces its `co_code` (up to a `0xff 0xff` pair; what follows becomes its
//! `co_exceptiontable`), and the module runs with that code object in place.
//! Every run gets a fuel budget, a memory limit and no capabilities (no files, no host access).
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use pyvm::embed::{CountingAllocator, Interpreter, Output, Program};
use pyvm::loader::{load_pyc, Code, Obj};

#[global_allocator]
static ALLOC: CountingAllocator = CountingAllocator::system();

static TEMPLATE: &[u8] = include_bytes!("../../tests/pyc/flow.pyc");

const FUEL: u64 = 200_000;
const MEMORY: u64 = 64 << 20;

/// A copy of `code` with its `index`-th code object (depth-first, the root is 0) replaced by
/// `edit(original)`; `index` counts down as the tree is walked.
fn replace_nth(code: &Arc<Code>, index: &mut usize, edit: &dyn Fn(&mut Code)) -> Arc<Code> {
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
            Obj::Code(inner) if *index != usize::MAX => Obj::Code(replace_nth(inner, index, edit)),
            other => other.clone(),
        })
        .collect();
    c.consts = consts.into();
    Arc::new(c)
}

fn program_for(data: &[u8]) -> Option<Program> {
    if let Ok(p) = Program::from_bytes(data) {
        return Some(p);
    }
    let template = load_pyc(TEMPLATE).ok()?;
    let (&pick, rest) = data.split_first()?;
    let mut index = usize::from(pick) % 8;
    let split = rest.windows(2).position(|w| w == [0xff, 0xff]);
    let edit = |c: &mut Code| match split {
        Some(at) => {
            c.code = rest[..at].into();
            c.exceptiontable = rest[at + 2..].into();
        }
        None => c.code = rest.into(),
    };
    let code = replace_nth(&template.code, &mut index, &edit);
    Program::from_code(code, "fuzz.py").ok()
}

fuzz_target!(|data: &[u8]| {
    let Some(program) = program_for(data) else {
        return;
    };
    let Ok(mut py) = Interpreter::builder()
        .fuel(FUEL)
        .memory_limit(MEMORY)
        .recursion_limit(200)
        .stdout(Output::Discard)
        .stderr(Output::Discard)
        .build()
    else {
        return;
    };
    let _ = py.run(&program);
});
