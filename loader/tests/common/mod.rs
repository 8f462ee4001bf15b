//! Helpers shared by the loader's integration tests.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pyvm_loader::{Code, Obj};

/// The repository root (the loader crate lives one level below it).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn pycs_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pyc"))
        .collect();
    out.sort();
    out
}

/// Every CPython 3.12 `.pyc` fixture: the golden programs plus the loader's own.
pub fn good_pycs() -> Vec<PathBuf> {
    let root = repo_root();
    let mut out = pycs_in(&root.join("tests/programs"));
    out.extend(pycs_in(&root.join("tests/pyc")).into_iter().filter(|p| {
        let name = p.file_name().unwrap().to_string_lossy();
        !name.starts_with("cpython") && !name.starts_with("bad_")
    }));
    out
}

/// A code object and everything nested in its constants, depth-first in constant order.
pub fn all_codes(code: &Arc<Code>) -> Vec<Arc<Code>> {
    let mut out = Vec::new();
    let mut pending = vec![code.clone()];
    while let Some(c) = pending.pop() {
        for k in c.consts.iter().rev() {
            if let Obj::Code(inner) = k {
                pending.push(inner.clone());
            }
        }
        out.push(c);
    }
    out
}

/// A deterministic xorshift64* generator.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform-ish in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}
