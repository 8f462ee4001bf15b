//! Which opcodes ran: with the `opcode-stats` feature the dispatch loop records every opcode it
//! executes, and [`dump_if_requested`] writes the set (one opcode name a line) to the file named
//! by `PYVM_OPCODE_STATS`. Without the feature nothing is recorded and nothing is written.
//! `tests/opcode_coverage.rs` uses it to prove the golden programs execute every opcode.

use std::sync::atomic::{AtomicBool, Ordering};

static SEEN: [AtomicBool; 256] = [const { AtomicBool::new(false) }; 256];

/// Notes that `op` ran (called by the dispatch loop when the feature is on).
#[inline]
pub fn record(op: u8) {
    if let Some(s) = SEEN.get(usize::from(op)) {
        s.store(true, Ordering::Relaxed);
    }
}

/// The opcodes recorded so far, ascending.
pub fn seen() -> Vec<u8> {
    (0..=255u8)
        .filter(|&b| SEEN[usize::from(b)].load(Ordering::Relaxed))
        .collect()
}

/// Is recording compiled in?
pub fn enabled() -> bool {
    cfg!(feature = "opcode-stats")
}

/// Writes the recorded opcode names to `$PYVM_OPCODE_STATS`, if that is set and recording is
/// compiled in. Errors writing the file are ignored (statistics never change a run's outcome).
pub fn dump_if_requested() {
    if !enabled() {
        return;
    }
    let Some(path) = std::env::var_os("PYVM_OPCODE_STATS") else {
        return;
    };
    let mut text = String::new();
    for b in seen() {
        let name = pyvm_loader::opcode::Opcode::from_u8(b).map_or("?", |o| o.name());
        text.push_str(name);
        text.push('\n');
    }
    let _ = std::fs::write(path, text);
}
