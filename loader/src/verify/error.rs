//! The verifier's error: which code object, where, and which rule was broken.
//!
//! Every message is built here from structured fields, so callers can match on the rule and tests
//! can compare exact texts.

use std::fmt;

use crate::error::TableError;
use crate::opcode::Opcode;

/// A code object that failed verification.
///
/// Displays as `verify: QUALNAME at offset N: RULE`, or `verify: QUALNAME: RULE` for faults that
/// belong to no single instruction (the exception table, `co_stacksize`, …). `code` is the code
/// object's `co_qualname`; [`verify_tree`](super::verify_tree) prefixes nested code objects with the
/// qualname of the root (`<module>.f`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub struct VerifyError {
    /// The code object at fault, by qualname.
    pub code: String,
    /// Byte offset in `co_code` of the instruction at fault (of its opcode unit, as `dis` shows it),
    /// if the fault belongs to one.
    pub offset: Option<usize>,
    /// The rule that was broken.
    pub rule: Rule,
}

impl VerifyError {
    /// An error at an instruction.
    pub(crate) fn at(code: &str, offset: usize, rule: Rule) -> Self {
        VerifyError {
            code: code.to_owned(),
            offset: Some(offset),
            rule,
        }
    }

    /// An error about the code object as a whole.
    pub(crate) fn whole(code: &str, rule: Rule) -> Self {
        VerifyError {
            code: code.to_owned(),
            offset: None,
            rule,
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(offset) => write!(f, "verify: {} at offset {offset}: {}", self.code, self.rule),
            None => write!(f, "verify: {}: {}", self.code, self.rule),
        }
    }
}

/// Why a jump or handler target is not acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TargetProblem {
    /// The target is before the start or at/after the end of `co_code`.
    OutsideCode {
        /// Length of `co_code` in bytes.
        len: usize,
    },
    /// The target is an inline cache unit.
    InCache,
    /// The target is inside an `EXTENDED_ARG` chain or the instruction that ends one.
    AfterExtendedArg,
}

impl fmt::Display for TargetProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetProblem::OutsideCode { len } => {
                write!(f, "is outside the code ({len} bytes)")
            }
            TargetProblem::InCache => f.write_str("is inside an inline cache"),
            TargetProblem::AfterExtendedArg => {
                f.write_str("is after an EXTENDED_ARG prefix, not at the start of an instruction")
            }
        }
    }
}

/// What is wrong with one exception-table entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EntryProblem {
    /// `start >= end`.
    EmptyRange,
    /// The range ends past the end of `co_code`.
    EndPastCode {
        /// Length of `co_code` in bytes.
        len: usize,
    },
    /// The range starts before the end of the previous entry (entries must be sorted and disjoint).
    Overlaps {
        /// End of the previous entry, in bytes.
        previous_end: u32,
    },
    /// The range's start is not the start of an instruction.
    StartNotInstruction(TargetProblem),
    /// The range's end is neither the start of an instruction nor the end of the code.
    EndNotInstruction(TargetProblem),
    /// The handler is not the start of an instruction.
    TargetNotInstruction(TargetProblem),
    /// The handler's depth is above `co_stacksize`.
    DepthTooLarge {
        /// `co_stacksize`.
        stacksize: u32,
    },
}

/// A verification rule, with the facts that broke it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// `co_code` is empty.
    EmptyCode,
    /// `co_code` has an odd number of bytes.
    OddCodeLength {
        /// Its length.
        len: usize,
    },
    /// `co_code` has more code units than offsets can describe.
    CodeTooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// `co_stacksize` is above [`MAX_STACK_SIZE`](super::MAX_STACK_SIZE).
    StackSizeTooLarge {
        /// `co_stacksize`.
        stacksize: u32,
        /// The limit.
        limit: u32,
    },
    /// `co_localsplusnames` and `co_localspluskinds` differ in length.
    LocalsPlusMismatch {
        /// Number of names.
        names: usize,
        /// Number of kinds.
        kinds: usize,
    },
    /// The declared parameters do not fit in the plain locals.
    BadArguments {
        /// Parameters declared by `co_argcount`, `co_kwonlyargcount` and the `*`/`**` flags.
        params: u64,
        /// Length of `co_localsplusnames`.
        slots: usize,
    },
    /// A byte that is no 3.12 opcode.
    UnknownOpcode {
        /// The opcode byte.
        byte: u8,
    },
    /// A specialized (adaptive) opcode; these exist only at run time.
    SpecializedOpcode {
        /// The opcode.
        op: Opcode,
    },
    /// An `INSTRUMENTED_*` opcode; these exist only at run time.
    InstrumentedOpcode {
        /// The opcode.
        op: Opcode,
    },
    /// `CACHE`, `RESERVED` or `INTERPRETER_EXIT` where an instruction must start.
    NotEmitted {
        /// The opcode.
        op: Opcode,
    },
    /// The instruction's inline caches run past the end of `co_code`.
    CachesPastEnd {
        /// The instruction.
        op: Opcode,
        /// Cache units it needs.
        needed: usize,
        /// Code units left after it.
        available: usize,
    },
    /// An inline cache unit that is not all zero bytes.
    NonzeroCache {
        /// The instruction the cache belongs to.
        op: Opcode,
        /// Byte offset of the cache unit.
        cache_offset: usize,
    },
    /// `co_code` ends with `EXTENDED_ARG`.
    ExtendedArgAtEnd,
    /// `EXTENDED_ARG` followed by a `CACHE` unit.
    ExtendedArgBeforeCache,
    /// More than three `EXTENDED_ARG` prefixes in a row.
    ExtendedArgTooLong,
    /// An index into `co_consts` out of range.
    ConstIndex {
        /// The instruction.
        op: Opcode,
        /// The index.
        index: u32,
        /// Length of `co_consts`.
        len: usize,
    },
    /// An index into `co_names` out of range.
    NameIndex {
        /// The instruction.
        op: Opcode,
        /// The index (after shifting out flag bits).
        index: u32,
        /// Length of `co_names`.
        len: usize,
    },
    /// An index into the fast locals (`co_localsplusnames`) out of range.
    LocalIndex {
        /// The instruction.
        op: Opcode,
        /// The index.
        index: u32,
        /// Length of `co_localsplusnames`.
        len: usize,
    },
    /// A cell instruction whose slot is not a cell (or free) variable.
    NotCell {
        /// The instruction.
        op: Opcode,
        /// The slot.
        index: u32,
        /// The slot's name.
        name: String,
    },
    /// `COPY_FREE_VARS n` where the last `n` slots are not all free variables.
    FreeVarsCount {
        /// The oparg.
        n: u32,
        /// Number of trailing free-variable slots.
        nfree: usize,
    },
    /// An oparg outside the values the instruction defines.
    InvalidOparg {
        /// The instruction.
        op: Opcode,
        /// The oparg (after `EXTENDED_ARG` folding).
        oparg: u32,
        /// The values allowed, for the message.
        allowed: &'static str,
    },
    /// The constant named by `KW_NAMES` is not a tuple of str.
    KwNamesNotTuple {
        /// The constant's index.
        index: u32,
    },
    /// `KW_NAMES` not directly followed by `CALL`.
    KwNamesWithoutCall,
    /// `KW_NAMES` names more keywords than the following `CALL` passes arguments.
    KwNamesTooMany {
        /// Number of keyword names.
        names: usize,
        /// The `CALL` oparg.
        args: u32,
    },
    /// A jump whose target is not the start of an instruction in the code.
    BadJumpTarget {
        /// The jump.
        op: Opcode,
        /// The target byte offset (may be negative for a bad backward jump).
        target: i64,
        /// What is wrong with it.
        problem: TargetProblem,
    },
    /// `FOR_ITER` must jump to an `END_FOR` (the interpreter skips it when the loop ends).
    ForIterTarget {
        /// The target byte offset.
        target: usize,
    },
    /// `co_exceptiontable` does not decode.
    ExceptionTable(TableError),
    /// An exception-table entry is inconsistent.
    ExceptionEntry {
        /// Index of the entry in the table.
        index: usize,
        /// Byte offset of its start.
        start: u32,
        /// Byte offset of its end.
        end: u32,
        /// Byte offset of its handler.
        target: u32,
        /// Its depth.
        depth: u32,
        /// What is wrong.
        problem: EntryProblem,
    },
    /// An instruction reads more stack items than are there.
    StackUnderflow {
        /// The instruction.
        op: Opcode,
        /// Items it needs.
        needs: u64,
        /// Stack depth before it.
        depth: u32,
    },
    /// The stack grows above `co_stacksize`.
    StackOverflow {
        /// The instruction (or, for a handler, the first instruction of the handler).
        op: Opcode,
        /// The depth reached.
        depth: u64,
        /// `co_stacksize`.
        stacksize: u32,
    },
    /// Two paths reach an instruction with different stack depths.
    StackMismatch {
        /// Byte offset of the instruction where the paths meet (its first unit).
        target: usize,
        /// The depth recorded first.
        depth: u32,
        /// The other depth.
        other: u64,
    },
    /// The instruction's stack effect is undefined for its oparg.
    UndefinedEffect {
        /// The instruction.
        op: Opcode,
        /// The oparg.
        oparg: u32,
    },
    /// An instruction inside a protected range runs with fewer stack items than its handler keeps.
    HandlerDepth {
        /// The instruction.
        op: Opcode,
        /// Stack depth before it.
        depth: u32,
        /// The handler's depth (exception-table entry).
        handler_depth: u32,
    },
    /// Execution can run past the last instruction.
    FallsOffEnd {
        /// The last instruction.
        op: Opcode,
    },
    /// `RETURN_GENERATOR` is not in the prefix of a generator or coroutine.
    MisplacedReturnGenerator {
        /// Why, for the message.
        why: &'static str,
    },
    /// `YIELD_VALUE` in code that does not start with `RETURN_GENERATOR`.
    YieldOutsideGenerator,
}

fn offset_of(target: i64) -> String {
    target.to_string()
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::EmptyCode => f.write_str("co_code is empty"),
            Rule::OddCodeLength { len } => write!(f, "co_code has an odd length ({len} bytes)"),
            Rule::CodeTooLong { len } => write!(f, "co_code is too long ({len} bytes)"),
            Rule::StackSizeTooLarge { stacksize, limit } => {
                write!(f, "co_stacksize {stacksize} is above the limit {limit}")
            }
            Rule::LocalsPlusMismatch { names, kinds } => write!(
                f,
                "co_localsplusnames has {names} entries but co_localspluskinds has {kinds}"
            ),
            Rule::BadArguments { params, slots } => write!(
                f,
                "{params} parameters do not fit in the plain locals ({slots} slots)"
            ),
            Rule::UnknownOpcode { byte } => write!(f, "unknown opcode {byte}"),
            Rule::SpecializedOpcode { op } => write!(
                f,
                "specialized opcode {op} ({}) cannot appear in a .pyc",
                op.number()
            ),
            Rule::InstrumentedOpcode { op } => write!(
                f,
                "instrumented opcode {op} ({}) cannot appear in a .pyc",
                op.number()
            ),
            Rule::NotEmitted { op } => write!(
                f,
                "{op} ({}) is not an instruction the compiler emits",
                op.number()
            ),
            Rule::CachesPastEnd {
                op,
                needed,
                available,
            } => write!(
                f,
                "{op} needs {needed} inline cache units but only {available} code units follow"
            ),
            Rule::NonzeroCache { op, cache_offset } => write!(
                f,
                "inline cache unit of {op} at offset {cache_offset} is not zero"
            ),
            Rule::ExtendedArgAtEnd => f.write_str("EXTENDED_ARG at the end of the code"),
            Rule::ExtendedArgBeforeCache => f.write_str("EXTENDED_ARG followed by a CACHE unit"),
            Rule::ExtendedArgTooLong => {
                f.write_str("more than three EXTENDED_ARG prefixes in a row")
            }
            Rule::ConstIndex { op, index, len } => write!(
                f,
                "{op} index {index} out of range (co_consts has {len})"
            ),
            Rule::NameIndex { op, index, len } => write!(
                f,
                "{op} name index {index} out of range (co_names has {len})"
            ),
            Rule::LocalIndex { op, index, len } => write!(
                f,
                "{op} local index {index} out of range (co_localsplusnames has {len})"
            ),
            Rule::NotCell { op, index, name } => write!(
                f,
                "{op} slot {index} ({name}) is not a cell or free variable"
            ),
            Rule::FreeVarsCount { n, nfree } => write!(
                f,
                "COPY_FREE_VARS {n} but the code has {nfree} free variables at the end of its locals"
            ),
            Rule::InvalidOparg { op, oparg, allowed } => {
                write!(f, "invalid oparg {oparg} for {op} (allowed: {allowed})")
            }
            Rule::KwNamesNotTuple { index } => {
                write!(f, "KW_NAMES constant {index} is not a tuple of str")
            }
            Rule::KwNamesWithoutCall => f.write_str("KW_NAMES is not followed by CALL"),
            Rule::KwNamesTooMany { names, args } => write!(
                f,
                "KW_NAMES names {names} keywords but the CALL passes {args} arguments"
            ),
            Rule::BadJumpTarget {
                op,
                target,
                problem,
            } => write!(f, "{op} target {} {problem}", offset_of(*target)),
            Rule::ForIterTarget { target } => {
                write!(f, "FOR_ITER target {target} is not an END_FOR instruction")
            }
            Rule::ExceptionTable(e) => write!(f, "{e}"),
            Rule::ExceptionEntry {
                index,
                start,
                end,
                target,
                depth,
                problem,
            } => {
                write!(
                    f,
                    "exception table entry {index} ({start} to {end} -> {target} [{depth}]): "
                )?;
                match problem {
                    EntryProblem::EmptyRange => f.write_str("empty range"),
                    EntryProblem::EndPastCode { len } => {
                        write!(f, "range ends past the code ({len} bytes)")
                    }
                    EntryProblem::Overlaps { previous_end } => write!(
                        f,
                        "range starts before the previous entry's end ({previous_end})"
                    ),
                    EntryProblem::StartNotInstruction(p) => write!(f, "start {p}"),
                    EntryProblem::EndNotInstruction(p) => write!(f, "end {p}"),
                    EntryProblem::TargetNotInstruction(p) => write!(f, "handler {p}"),
                    EntryProblem::DepthTooLarge { stacksize } => {
                        write!(f, "depth is above co_stacksize {stacksize}")
                    }
                }
            }
            Rule::StackUnderflow { op, needs, depth } => write!(
                f,
                "stack underflow: {op} needs {needs} stack items but the stack holds {depth}"
            ),
            Rule::StackOverflow {
                op,
                depth,
                stacksize,
            } => write!(
                f,
                "stack overflow: depth {depth} at {op} exceeds co_stacksize {stacksize}"
            ),
            Rule::StackMismatch {
                target,
                depth,
                other,
            } => write!(
                f,
                "inconsistent stack depth at offset {target}: {depth} on one path, {other} on another"
            ),
            Rule::UndefinedEffect { op, oparg } => {
                write!(f, "the stack effect of {op} {oparg} is undefined")
            }
            Rule::HandlerDepth {
                op,
                depth,
                handler_depth,
            } => write!(
                f,
                "{op} runs at stack depth {depth}, below its exception handler's depth {handler_depth}"
            ),
            Rule::FallsOffEnd { op } => {
                write!(f, "execution runs past the end of the code after {op}")
            }
            Rule::MisplacedReturnGenerator { why } => write!(f, "RETURN_GENERATOR {why}"),
            Rule::YieldOutsideGenerator => {
                f.write_str("YIELD_VALUE in code that does not start with RETURN_GENERATOR")
            }
        }
    }
}
