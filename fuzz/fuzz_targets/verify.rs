//! Fuzzes the bytecode verifier. Any input must give `Ok` or `Err`, never a panic or a hang.
//!
//! Two ways in: the input as a whole `.pyc` (load, then verify every code object that loads), and
//! the input as raw bytecode dropped into a real code object, so the fuzzer reaches the verifier
//! without first having to produce valid marshal data. For the second, the first byte picks one of
//! the code objects of `tests/pyc/flow.pyc`; the rest is its new `co_code`, and whatever follows the
//! first `0xff 0xff` pair becomes its new `co_exceptiontable`.
#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use pyvm_loader::verify::{verify, verify_tree};
use pyvm_loader::{load_pyc, Code, Obj};

static TEMPLATE: &[u8] = include_bytes!("../../tests/pyc/flow.pyc");

fn templates() -> &'static [Arc<Code>] {
    static CODES: OnceLock<Vec<Arc<Code>>> = OnceLock::new();
    CODES.get_or_init(|| {
        let mut out = Vec::new();
        if let Ok(pyc) = load_pyc(TEMPLATE) {
            let mut pending = vec![pyc.code];
            while let Some(c) = pending.pop() {
                for k in c.consts.iter() {
                    if let Obj::Code(inner) = k {
                        pending.push(inner.clone());
                    }
                }
                out.push(c);
            }
        }
        out
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(pyc) = load_pyc(data) {
        let _ = verify_tree(&pyc.code);
    }
    let codes = templates();
    if let (Some((&pick, rest)), false) = (data.split_first(), codes.is_empty()) {
        let mut c = (*codes[usize::from(pick) % codes.len()]).clone();
        let split = rest.windows(2).position(|w| w == [0xff, 0xff]);
        match split {
            Some(at) => {
                c.code = rest[..at].into();
                c.exceptiontable = rest[at + 2..].into();
            }
            None => c.code = rest.into(),
        }
        if let Ok(info) = verify(&c) {
            assert!(info.max_depth() <= c.stacksize);
            assert_eq!(info.depth_at(0), Some(0));
        }
    }
});
