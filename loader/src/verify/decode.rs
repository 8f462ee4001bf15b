//! Pass 1: split `co_code` into instructions.
//!
//! An instruction is a group of code units: up to three `EXTENDED_ARG` prefixes, the opcode unit, then
//! exactly as many inline `CACHE` units as the opcode table says. Only opcodes the 3.12 compiler
//! emits are accepted.

use super::error::{Rule, TargetProblem};
use crate::opcode::Opcode;

/// `CPython`'s compiler never needs more prefixes: three extend an oparg to 32 bits.
const MAX_PREFIXES: usize = 3;

/// Tag in [`Decoded::unit_instr`] for a cache unit.
pub(crate) const IN_CACHE: u32 = u32::MAX;
/// Tag in [`Decoded::unit_instr`] for a unit after the first of an instruction's prefixes/opcode.
pub(crate) const IN_PREFIX: u32 = u32::MAX - 1;
/// Largest number of code units accepted (so that unit indexes and tags fit in a `u32`).
pub(crate) const MAX_UNITS: usize = (u32::MAX - 2) as usize;

/// One decoded instruction. Positions are in code units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Instr {
    /// First unit of the group (its first `EXTENDED_ARG`, or the opcode unit).
    pub start: u32,
    /// The opcode unit.
    pub unit: u32,
    /// The opcode.
    pub op: Opcode,
    /// The oparg with the prefixes folded in.
    pub oparg: u32,
    /// The unit after the instruction's caches.
    pub next: u32,
}

impl Instr {
    /// Byte offset of the opcode unit (what `dis` prints for the instruction).
    pub fn offset(&self) -> usize {
        self.unit as usize * 2
    }
}

/// The instructions of one code object.
pub(crate) struct Decoded {
    /// The instructions, in code order.
    pub instrs: Vec<Instr>,
    /// For each code unit: the index of the instruction starting there, or [`IN_CACHE`] /
    /// [`IN_PREFIX`].
    pub unit_instr: Vec<u32>,
}

impl Decoded {
    /// The instruction that starts at code unit `unit`, or why none does.
    pub fn instr_at(&self, unit: i64) -> Result<usize, TargetProblem> {
        let outside = TargetProblem::OutsideCode {
            len: self.unit_instr.len() * 2,
        };
        let idx = usize::try_from(unit).map_err(|_| outside)?;
        match self.unit_instr.get(idx) {
            None => Err(outside),
            Some(&IN_CACHE) => Err(TargetProblem::InCache),
            Some(&IN_PREFIX) => Err(TargetProblem::AfterExtendedArg),
            Some(&i) => Ok(i as usize),
        }
    }

    /// Like [`instr_at`](Self::instr_at), but the end of the code is also accepted (as `None`).
    pub fn boundary_at(&self, unit: i64) -> Result<Option<usize>, TargetProblem> {
        if usize::try_from(unit).is_ok_and(|u| u == self.unit_instr.len()) {
            return Ok(None);
        }
        self.instr_at(unit).map(Some)
    }
}

/// What an opcode byte in an instruction position may be.
fn classify(byte: u8) -> Result<Opcode, Rule> {
    let op = Opcode::from_u8(byte).ok_or(Rule::UnknownOpcode { byte })?;
    if op.is_instrumented() {
        return Err(Rule::InstrumentedOpcode { op });
    }
    if op.is_specialized() {
        return Err(Rule::SpecializedOpcode { op });
    }
    if matches!(
        op,
        Opcode::CACHE | Opcode::RESERVED | Opcode::INTERPRETER_EXIT
    ) {
        return Err(Rule::NotEmitted { op });
    }
    Ok(op)
}

/// Decodes `code` (of even, non-zero length). Errors carry the byte offset at fault.
pub(crate) fn decode(code: &[u8]) -> Result<Decoded, (usize, Rule)> {
    let units: Vec<[u8; 2]> = code.chunks_exact(2).map(|c| [c[0], c[1]]).collect();
    let n = units.len();
    let mut unit_instr = vec![IN_PREFIX; n];
    let mut instrs = Vec::new();
    let mut pos = 0usize;
    while let Some(&[first, _]) = units.get(pos) {
        let start = pos;
        let mut oparg: u32 = 0;
        let mut prefixes = 0;
        let mut byte = first;
        while byte == Opcode::EXTENDED_ARG.number() {
            prefixes += 1;
            if prefixes > MAX_PREFIXES {
                return Err((pos * 2, Rule::ExtendedArgTooLong));
            }
            let arg = units.get(pos).map_or(0, |u| u[1]);
            oparg = (oparg << 8) | u32::from(arg);
            pos += 1;
            match units.get(pos) {
                None => return Err(((pos - 1) * 2, Rule::ExtendedArgAtEnd)),
                Some(&[0, _]) => return Err(((pos - 1) * 2, Rule::ExtendedArgBeforeCache)),
                Some(&[b, _]) => byte = b,
            }
        }
        let op = classify(byte).map_err(|rule| (pos * 2, rule))?;
        let arg = units.get(pos).map_or(0, |u| u[1]);
        oparg = (oparg << 8) | u32::from(arg);
        let caches = op.cache_entries();
        let available = n - pos - 1;
        if caches > available {
            return Err((
                pos * 2,
                Rule::CachesPastEnd {
                    op,
                    needed: caches,
                    available,
                },
            ));
        }
        for c in pos + 1..=pos + caches {
            if units.get(c) != Some(&[0, 0]) {
                return Err((
                    pos * 2,
                    Rule::NonzeroCache {
                        op,
                        cache_offset: c * 2,
                    },
                ));
            }
            if let Some(tag) = unit_instr.get_mut(c) {
                *tag = IN_CACHE;
            }
        }
        let index = u32::try_from(instrs.len()).unwrap_or(IN_PREFIX);
        if let Some(tag) = unit_instr.get_mut(start) {
            *tag = index;
        }
        let next = pos + 1 + caches;
        // `n <= MAX_UNITS` (checked by the caller), so these fit.
        instrs.push(Instr {
            start: start as u32,
            unit: pos as u32,
            op,
            oparg,
            next: next as u32,
        });
        pos = next;
    }
    Ok(Decoded { instrs, unit_instr })
}
