//! The bytecode verifier: a static check, run once per code object before it first executes, that
//! lets the VM trust what it would otherwise have to check on every instruction.
//!
//! [`verify`] checks one code object, [`verify_tree`] a code object and every code object nested in
//! its constants. On success the code object satisfies all of the following (the full list, with
//! the reasoning, is in `docs/safety.md`):
//!
//! * **Structure.** `co_code` is non-empty and even. It splits into instructions: up to three
//!   `EXTENDED_ARG` prefixes, an opcode the 3.12 compiler emits (no specialized, instrumented,
//!   `CACHE`, `RESERVED` or `INTERPRETER_EXIT` opcode), then exactly the opcode's inline cache units,
//!   all zero. No `EXTENDED_ARG` ends the code or precedes a `CACHE` unit.
//! * **Operands.** Every oparg (prefixes folded in) is in range for what it names: constants, names,
//!   fast locals (cell instructions name cell/free slots), comparison and binary operators,
//!   intrinsics, flags and counts (see [`operands`] for the table). `KW_NAMES` names a
//!   tuple of str and is directly followed by a `CALL` passing at least that many arguments.
//! * **Control flow.** Every jump target and exception handler is the first unit of an instruction
//!   inside the code; `FOR_ITER` jumps to an `END_FOR` without prefix. Exception-table entries
//!   decode, are sorted and disjoint, cover whole instructions, and have depth ≤ `co_stacksize`.
//!   `RETURN_GENERATOR` appears only in generator/coroutine code, once, after nothing but
//!   `COPY_FREE_VARS`/`MAKE_CELL`, and nothing jumps to or before it; `YIELD_VALUE` needs it.
//! * **Stack.** From the entry (depth 0) and from every handler (`depth + lasti + 1`), along every
//!   path: each instruction finds at least the items it reads, the depth stays within
//!   `co_stacksize` (≤ [`MAX_STACK_SIZE`]), every instruction is reached with one depth only, an
//!   instruction inside a protected range starts with at least the handler's depth, and no path
//!   runs off the end of the code.
//!
//! Unreachable instructions are checked for structure and operands but get no depth.
//!
//! The verifier runs in time linear in the size of the code object: each instruction is decoded
//! once and processed by the stack analysis at most once.

mod decode;
mod error;
mod exc;
pub mod operands;
mod stack;

use std::sync::Arc;

pub use error::{EntryProblem, Rule, TargetProblem, VerifyError};

use crate::object::{flags, kinds, Code, Obj};
use crate::opcode::Opcode;
use decode::{Decoded, MAX_UNITS};
use stack::{Flow, Root, NO_DEPTH, NO_TARGET};

/// The largest `co_stacksize` accepted. The VM may allocate a frame's stack up front, so a crafted
/// file must not be able to ask for an unbounded amount of memory. `CPython` compiles nothing near
/// this deep in practice (calls and displays with many items are built incrementally).
pub const MAX_STACK_SIZE: u32 = 1 << 20;

/// Per-unit tag in [`VerifiedInfo`] for a unit that does not start an instruction.
const NOT_START: u32 = u32::MAX;
/// Per-unit tag in [`VerifiedInfo`] for an unreachable instruction.
const UNREACHABLE: u32 = u32::MAX - 1;

/// What the verifier learned about a code object that passed.
///
/// Offsets are byte offsets in `co_code`. An instruction "starts" at its first code unit: its first
/// `EXTENDED_ARG` prefix if it has any, else its opcode unit. Jump targets and handlers are always
/// such starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedInfo {
    max_depth: u32,
    instructions: usize,
    /// Per code unit: the stack depth before the instruction starting there, or a tag.
    units: Box<[u32]>,
}

impl VerifiedInfo {
    /// The deepest the stack gets on any path (at most `co_stacksize`, usually equal to it). A frame
    /// never needs more stack slots than this.
    pub fn max_depth(&self) -> u32 {
        self.max_depth
    }

    /// Number of instructions (an instruction with its prefixes and caches counts once).
    pub fn instruction_count(&self) -> usize {
        self.instructions
    }

    /// Whether an instruction starts at byte offset `offset`.
    pub fn is_instruction_start(&self, offset: usize) -> bool {
        offset % 2 == 0 && self.units.get(offset / 2).is_some_and(|&u| u != NOT_START)
    }

    /// Whether the instruction starting at `offset` can run (from the entry or from a handler).
    pub fn is_reachable(&self, offset: usize) -> bool {
        self.depth_at(offset).is_some()
    }

    /// The stack depth before the instruction starting at `offset`; `None` if no instruction starts
    /// there or it is unreachable.
    pub fn depth_at(&self, offset: usize) -> Option<u32> {
        if offset % 2 != 0 {
            return None;
        }
        match self.units.get(offset / 2) {
            Some(&d) if d != NOT_START && d != UNREACHABLE => Some(d),
            _ => None,
        }
    }
}

/// Verifies one code object (not the code objects in its constants; see [`verify_tree`]).
/// Errors name the code object by its `co_qualname`.
pub fn verify(code: &Code) -> Result<VerifiedInfo, VerifyError> {
    verify_named(code, &code.qualname.to_str_lossy())
}

/// Verifies a code object and, depth-first in constant order, every code object nested in its
/// constants. Returns how many code objects were verified. Errors in nested code objects are named
/// `ROOT.QUALNAME` (e.g. `<module>.f`).
pub fn verify_tree(code: &Arc<Code>) -> Result<usize, VerifyError> {
    let root = code.qualname.to_str_lossy().into_owned();
    let mut pending = vec![Arc::clone(code)];
    let mut count = 0usize;
    while let Some(c) = pending.pop() {
        let name = if count == 0 {
            root.clone()
        } else {
            format!("{root}.{}", c.qualname.to_str_lossy())
        };
        verify_named(&c, &name)?;
        count += 1;
        for k in c.consts.iter().rev() {
            if let Obj::Code(inner) = k {
                pending.push(Arc::clone(inner));
            }
        }
    }
    Ok(count)
}

fn check_header(code: &Code) -> Result<(), Rule> {
    let len = code.code.len();
    if len == 0 {
        return Err(Rule::EmptyCode);
    }
    if len % 2 != 0 {
        return Err(Rule::OddCodeLength { len });
    }
    if len / 2 > MAX_UNITS {
        return Err(Rule::CodeTooLong { len });
    }
    if code.stacksize > MAX_STACK_SIZE {
        return Err(Rule::StackSizeTooLarge {
            stacksize: code.stacksize,
            limit: MAX_STACK_SIZE,
        });
    }
    let (names, kinds_len) = (code.localsplusnames.len(), code.localspluskinds.len());
    if names != kinds_len {
        return Err(Rule::LocalsPlusMismatch {
            names,
            kinds: kinds_len,
        });
    }
    let params = u64::from(code.argcount)
        + u64::from(code.kwonlyargcount)
        + u64::from(code.flags & flags::VARARGS != 0)
        + u64::from(code.flags & flags::VARKEYWORDS != 0);
    let fits = code.posonlyargcount <= code.argcount
        && usize::try_from(params).is_ok_and(|p| {
            p <= kinds_len
                && code
                    .localspluskinds
                    .iter()
                    .take(p)
                    .all(|&k| k & kinds::LOCAL != 0)
        });
    if !fits {
        return Err(Rule::BadArguments {
            params,
            slots: kinds_len,
        });
    }
    Ok(())
}

/// Pass 2 and the static part of the control flow: operands and jump targets of every instruction.
fn check_instructions(code: &Code, dec: &Decoded) -> Result<Vec<u32>, (usize, Rule)> {
    let mut targets = vec![NO_TARGET; dec.instrs.len()];
    for (i, instr) in dec.instrs.iter().enumerate() {
        let at = instr.offset();
        operands::check(code, instr, dec.instrs.get(i + 1)).map_err(|r| (at, r))?;
        let Some(unit) = stack::jump_target(instr) else {
            continue;
        };
        let t = dec.instr_at(unit).map_err(|problem| {
            (
                at,
                Rule::BadJumpTarget {
                    op: instr.op,
                    target: unit * 2,
                    problem,
                },
            )
        })?;
        if instr.op == Opcode::FOR_ITER {
            let ok = dec
                .instrs
                .get(t)
                .is_some_and(|e| e.op == Opcode::END_FOR && e.start == e.unit);
            if !ok {
                return Err((
                    at,
                    Rule::ForIterTarget {
                        target: unit as usize * 2,
                    },
                ));
            }
        }
        if let Some(slot) = targets.get_mut(i) {
            // Instruction indexes are below `MAX_UNITS`, so they fit.
            *slot = t as u32;
        }
    }
    Ok(targets)
}

/// The generator prefix: where `RETURN_GENERATOR` may be, and that `YIELD_VALUE` needs it.
fn check_generator(
    code: &Code,
    dec: &Decoded,
    targets: &[u32],
    handlers: &[exc::Handler],
) -> Result<(), (usize, Rule)> {
    let gen_flags = flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR;
    let mut prefix_end: Option<usize> = None;
    for (i, instr) in dec.instrs.iter().enumerate() {
        let at = instr.offset();
        let misplaced = |why| (at, Rule::MisplacedReturnGenerator { why });
        match instr.op {
            Opcode::RETURN_GENERATOR => {
                if code.flags & gen_flags == 0 {
                    return Err(misplaced("in code that is not a generator or coroutine"));
                }
                let only_prefix = dec
                    .instrs
                    .get(..i)
                    .unwrap_or(&[])
                    .iter()
                    .all(|p| matches!(p.op, Opcode::COPY_FREE_VARS | Opcode::MAKE_CELL));
                if !only_prefix {
                    return Err(misplaced(
                        "after instructions other than COPY_FREE_VARS and MAKE_CELL",
                    ));
                }
                prefix_end = Some(i);
            }
            Opcode::YIELD_VALUE if prefix_end.is_none() => {
                return Err((at, Rule::YieldOutsideGenerator));
            }
            _ => {}
        }
    }
    let Some(k) = prefix_end else {
        return Ok(());
    };
    let jumped_into = targets.iter().any(|&t| t != NO_TARGET && t as usize <= k)
        || handlers.iter().any(|h| h.target <= k);
    if jumped_into {
        let at = dec.instrs.get(k).map_or(0, decode::Instr::offset);
        return Err((
            at,
            Rule::MisplacedReturnGenerator {
                why: "is the target of a jump or handler, or follows one",
            },
        ));
    }
    Ok(())
}

fn verify_named(code: &Code, name: &str) -> Result<VerifiedInfo, VerifyError> {
    let at = |(offset, rule): (usize, Rule)| VerifyError::at(name, offset, rule);
    check_header(code).map_err(|r| VerifyError::whole(name, r))?;
    let dec = decode::decode(&code.code).map_err(at)?;
    let table = exc::check(code, &dec).map_err(|r| VerifyError::whole(name, r))?;
    let targets = check_instructions(code, &dec).map_err(at)?;
    check_generator(code, &dec, &targets, &table.handlers).map_err(at)?;

    let mut roots = vec![Root { instr: 0, depth: 0 }];
    roots.extend(table.handlers.iter().map(|h| Root {
        instr: h.target,
        depth: u64::from(h.depth) + 1 + u64::from(h.lasti),
    }));
    let flow = Flow {
        dec: &dec,
        targets: &targets,
        handler_depth: &table.covering_depth,
    };
    let depths = stack::analyze(code, &flow, &roots).map_err(at)?;

    let mut units = vec![NOT_START; dec.unit_instr.len()];
    for (instr, &d) in dec.instrs.iter().zip(depths.depth.iter()) {
        if let Some(slot) = units.get_mut(instr.start as usize) {
            *slot = if d == NO_DEPTH { UNREACHABLE } else { d };
        }
    }
    Ok(VerifiedInfo {
        max_depth: depths.max,
        instructions: dec.instrs.len(),
        units: units.into_boxed_slice(),
    })
}
