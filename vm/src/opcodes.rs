//! Opcode numbers and facts for the dispatch loop, all from the loader's one opcode table
//! (`pyvm_loader::opcode`).

pub use pyvm_loader::opcode::op::*;
use pyvm_loader::opcode::OP_INFO;

/// Number of inline cache code units that follow `op`.
pub fn cache_entries(op: u8) -> usize {
    OP_INFO[usize::from(op)].map_or(0, |i| usize::from(i.caches))
}

/// [`cache_entries`] for use in constants (`op` is a known opcode).
pub const fn cache_entries_const(op: u8) -> usize {
    match &OP_INFO[op as usize] {
        Some(i) => i.caches as usize,
        None => 0,
    }
}

/// The opcode's name (for error messages).
pub fn name(op: u8) -> &'static str {
    OP_INFO[usize::from(op)].map_or("<unknown>", |i| i.name)
}
