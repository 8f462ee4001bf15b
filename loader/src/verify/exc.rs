//! Pass 3: the exception table.
//!
//! Entries must decode, be sorted and disjoint, cover whole instructions inside the code, name a
//! handler at the start of an instruction, and keep a depth within `co_stacksize`.

use super::decode::Decoded;
use super::error::{EntryProblem, Rule};
use super::stack::NO_DEPTH;
use crate::exctable::{self, ExceptionEntry};
use crate::object::Code;

/// A checked entry, in instruction indexes.
pub(crate) struct Handler {
    /// The handler's first instruction.
    pub target: usize,
    /// Stack depth to unwind to.
    pub depth: u32,
    /// Whether the offset of the raising instruction is pushed.
    pub lasti: bool,
}

/// The checked table.
pub(crate) struct Table {
    /// One per entry, in table order.
    pub handlers: Vec<Handler>,
    /// For each instruction: the depth of the handler covering it, or [`NO_DEPTH`].
    pub covering_depth: Vec<u32>,
}

fn entry_error(index: usize, e: &ExceptionEntry, problem: EntryProblem) -> Rule {
    Rule::ExceptionEntry {
        index,
        start: e.start,
        end: e.end,
        target: e.target,
        depth: e.depth,
        problem,
    }
}

/// Checks `code.exceptiontable` against the decoded instructions.
pub(crate) fn check(code: &Code, dec: &Decoded) -> Result<Table, Rule> {
    let entries = exctable::parse(&code.exceptiontable).map_err(Rule::ExceptionTable)?;
    let len = code.code.len();
    let mut covering_depth = vec![NO_DEPTH; dec.instrs.len()];
    let mut handlers = Vec::with_capacity(entries.len());
    let mut previous_end = 0u32;
    for (index, e) in entries.iter().enumerate() {
        let fail = |problem| entry_error(index, e, problem);
        if e.start >= e.end {
            return Err(fail(EntryProblem::EmptyRange));
        }
        if e.end as usize > len {
            return Err(fail(EntryProblem::EndPastCode { len }));
        }
        if e.start < previous_end {
            return Err(fail(EntryProblem::Overlaps { previous_end }));
        }
        previous_end = e.end;
        let first = dec
            .instr_at(i64::from(e.start / 2))
            .map_err(|p| fail(EntryProblem::StartNotInstruction(p)))?;
        let last = dec
            .boundary_at(i64::from(e.end / 2))
            .map_err(|p| fail(EntryProblem::EndNotInstruction(p)))?
            .unwrap_or(dec.instrs.len());
        let target = dec
            .instr_at(i64::from(e.target / 2))
            .map_err(|p| fail(EntryProblem::TargetNotInstruction(p)))?;
        if e.depth > code.stacksize {
            return Err(fail(EntryProblem::DepthTooLarge {
                stacksize: code.stacksize,
            }));
        }
        // Entries are disjoint, so this touches each instruction at most once overall.
        for slot in covering_depth.get_mut(first..last).unwrap_or(&mut []) {
            *slot = e.depth;
        }
        handlers.push(Handler {
            target,
            depth: e.depth,
            lasti: e.lasti,
        });
    }
    Ok(Table {
        handlers,
        covering_depth,
    })
}
