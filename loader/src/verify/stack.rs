//! Pass 4: the value stack, by abstract interpretation over the control-flow graph.
//!
//! Each instruction gets one depth (the stack depth before it). The entry starts at depth 0 and every
//! exception handler at `depth + lasti + 1` from its table entry; a worklist then follows
//! fall-through and jump edges. An instruction is queued only when it first gets a depth, and a
//! second path must bring the same depth, so every instruction is processed at most once.

use super::decode::{Decoded, Instr};
use super::error::Rule;
use crate::object::Code;
use crate::opcode::Opcode;

/// Marks an instruction that has no depth (not reached yet, or unreachable).
pub(crate) const NO_DEPTH: u32 = u32::MAX;
/// Marks an instruction that is not a jump in [`Flow::targets`].
pub(crate) const NO_TARGET: u32 = u32::MAX;

/// How many stack items an instruction reads: its inputs, plus items below them that it peeks at.
/// The depth before the instruction must be at least this.
pub(crate) fn reads(op: Opcode, oparg: u32) -> u64 {
    use Opcode::*;
    let n = u64::from(oparg);
    match op {
        POP_TOP
        | UNARY_NEGATIVE
        | UNARY_NOT
        | UNARY_INVERT
        | GET_LEN
        | MATCH_MAPPING
        | MATCH_SEQUENCE
        | PUSH_EXC_INFO
        | GET_AITER
        | GET_ANEXT
        | BEFORE_ASYNC_WITH
        | BEFORE_WITH
        | GET_ITER
        | GET_YIELD_FROM_ITER
        | RETURN_VALUE
        | POP_EXCEPT
        | STORE_NAME
        | UNPACK_SEQUENCE
        | UNPACK_EX
        | DELETE_ATTR
        | STORE_GLOBAL
        | LOAD_ATTR
        | IMPORT_FROM
        | POP_JUMP_IF_FALSE
        | POP_JUMP_IF_TRUE
        | POP_JUMP_IF_NONE
        | POP_JUMP_IF_NOT_NONE
        | STORE_FAST
        | GET_AWAITABLE
        | STORE_DEREF
        | YIELD_VALUE
        | CALL_INTRINSIC_1
        | LOAD_FROM_DICT_OR_GLOBALS
        | LOAD_FROM_DICT_OR_DEREF
        | FOR_ITER => 1,
        END_FOR | END_SEND | BINARY_SUBSCR | DELETE_SUBSCR | MATCH_KEYS | CHECK_EXC_MATCH
        | CHECK_EG_MATCH | END_ASYNC_FOR | STORE_ATTR | COMPARE_OP | IMPORT_NAME | IS_OP
        | CONTAINS_OP | BINARY_OP | SEND | CALL_INTRINSIC_2 => 2,
        BINARY_SLICE | CLEANUP_THROW | STORE_SUBSCR | LOAD_SUPER_ATTR | MATCH_CLASS => 3,
        STORE_SLICE | WITH_EXCEPT_START => 4,
        SWAP | COPY | BUILD_TUPLE | BUILD_LIST | BUILD_SET | BUILD_STRING | RAISE_VARARGS => n,
        BUILD_MAP => 2 * n,
        BUILD_CONST_KEY_MAP | LIST_APPEND | SET_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE
        | RERAISE => n + 1,
        MAP_ADD | CALL => n + 2,
        // The dict is `oparg + 1` down; the error message for a bad `**` argument names the
        // callable, `oparg + 3` down.
        DICT_MERGE => n + 3,
        CALL_FUNCTION_EX => 3 + (n & 1),
        MAKE_FUNCTION => 1 + u64::from((oparg & 0xF).count_ones()),
        BUILD_SLICE => {
            if oparg == 3 {
                3
            } else {
                2
            }
        }
        FORMAT_VALUE => {
            if oparg & 4 != 0 {
                2
            } else {
                1
            }
        }
        _ => 0,
    }
}

/// Whether control never continues to the next instruction.
pub(crate) fn is_terminator(op: Opcode) -> bool {
    use Opcode::*;
    matches!(
        op,
        RETURN_VALUE
            | RETURN_CONST
            | RAISE_VARARGS
            | RERAISE
            | JUMP_FORWARD
            | JUMP_BACKWARD
            | JUMP_BACKWARD_NO_INTERRUPT
    )
}

/// The jump target of `instr` in code units, if it is a jump (may be out of range).
pub(crate) fn jump_target(instr: &Instr) -> Option<i64> {
    use crate::opcode::ArgKind;
    let base = i64::from(instr.next);
    let arg = i64::from(instr.oparg);
    match instr.op.arg_kind() {
        ArgKind::JumpForward => Some(base + arg),
        ArgKind::JumpBackward => Some(base - arg),
        _ => None,
    }
}

/// A root of the analysis: an instruction entered with a known depth.
pub(crate) struct Root {
    /// Index of the instruction.
    pub instr: usize,
    /// Depth on entry.
    pub depth: u64,
}

/// Inputs of the stack analysis besides the code.
pub(crate) struct Flow<'a> {
    /// The instructions.
    pub dec: &'a Decoded,
    /// For each instruction: the instruction its jump goes to, or [`NO_TARGET`].
    pub targets: &'a [u32],
    /// For each instruction: the depth of the exception handler covering it, or [`NO_DEPTH`].
    pub handler_depth: &'a [u32],
}

/// The result: a depth per instruction ([`NO_DEPTH`] where unreachable) and the deepest stack.
pub(crate) struct Depths {
    pub depth: Vec<u32>,
    pub max: u32,
}

/// Runs the analysis. Errors carry the byte offset of the instruction at fault.
pub(crate) fn analyze(
    code: &Code,
    flow: &Flow<'_>,
    roots: &[Root],
) -> Result<Depths, (usize, Rule)> {
    let instrs = &flow.dec.instrs;
    let stacksize = code.stacksize;
    let mut depth = vec![NO_DEPTH; instrs.len()];
    let mut work: Vec<usize> = Vec::new();
    let mut max: u32 = 0;

    // Gives instruction `i` the depth `d`, or checks that it already has it.
    let visit = |i: usize, d: u64, work: &mut Vec<usize>, depth: &mut [u32]| {
        let Some(slot) = depth.get_mut(i) else {
            return Ok(());
        };
        if *slot == NO_DEPTH {
            // Callers check `d <= stacksize`, which fits in a u32.
            *slot = u32::try_from(d).unwrap_or(NO_DEPTH - 1);
            work.push(i);
            Ok(())
        } else if u64::from(*slot) != d {
            Err(Rule::StackMismatch {
                target: instrs.get(i).map_or(0, |t| t.start as usize * 2),
                depth: *slot,
                other: d,
            })
        } else {
            Ok(())
        }
    };
    let overflow = |op: Opcode, d: u64| -> Result<(), Rule> {
        if d > u64::from(stacksize) {
            Err(Rule::StackOverflow {
                op,
                depth: d,
                stacksize,
            })
        } else {
            Ok(())
        }
    };

    for root in roots {
        let Some(instr) = instrs.get(root.instr) else {
            continue;
        };
        let at = instr.offset();
        overflow(instr.op, root.depth).map_err(|r| (at, r))?;
        visit(root.instr, root.depth, &mut work, &mut depth).map_err(|r| (at, r))?;
    }

    while let Some(i) = work.pop() {
        let (Some(instr), Some(&d)) = (instrs.get(i), depth.get(i)) else {
            continue;
        };
        let at = instr.offset();
        let err = |r| (at, r);
        let (op, oparg) = (instr.op, instr.oparg);
        max = max.max(d);

        let needs = reads(op, oparg);
        if u64::from(d) < needs {
            return Err(err(Rule::StackUnderflow {
                op,
                needs,
                depth: d,
            }));
        }
        if let Some(&hd) = flow.handler_depth.get(i) {
            if hd != NO_DEPTH && d < hd {
                return Err(err(Rule::HandlerDepth {
                    op,
                    depth: d,
                    handler_depth: hd,
                }));
            }
        }
        if op == Opcode::RETURN_GENERATOR && d != 0 {
            return Err(err(Rule::MisplacedReturnGenerator {
                why: "runs with a non-empty stack",
            }));
        }

        let effect = |jump: bool| {
            op.stack_effect(oparg, jump)
                .ok_or(err(Rule::UndefinedEffect { op, oparg }))
        };
        let after_by = |e: i32| -> Result<u64, (usize, Rule)> {
            let after = i64::from(d) + i64::from(e);
            let after = u64::try_from(after).map_err(|_| {
                err(Rule::StackUnderflow {
                    op,
                    needs: u64::from(e.unsigned_abs()),
                    depth: d,
                })
            })?;
            overflow(op, after).map_err(err)?;
            Ok(after)
        };

        if let Some(&t) = flow.targets.get(i) {
            if t != NO_TARGET {
                let after = after_by(effect(true)?)?;
                max = max.max(after as u32);
                visit(t as usize, after, &mut work, &mut depth).map_err(err)?;
            }
        }
        let mut after = after_by(effect(false)?)?;
        if op == Opcode::RETURN_GENERATOR {
            // The frame is suspended; the first send() pushes its argument.
            after += 1;
            overflow(op, after).map_err(err)?;
        }
        max = max.max(after as u32);
        if !is_terminator(op) {
            match flow.dec.instr_at(i64::from(instr.next)) {
                Ok(n) => visit(n, after, &mut work, &mut depth).map_err(err)?,
                Err(_) => return Err(err(Rule::FallsOffEnd { op })),
            }
        }
    }
    Ok(Depths { depth, max })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No opcode's inputs are fewer than what its stack effect removes.
    #[test]
    fn reads_cover_the_net_effect() {
        for &op in Opcode::ALL {
            // Opcodes the decoder refuses never reach the stack analysis.
            if op.is_specialized() || op.is_instrumented() || op == Opcode::INTERPRETER_EXIT {
                continue;
            }
            for oparg in [0u32, 1, 2, 3, 4, 5, 7, 8, 15, 16, 255, 256, 0x1234] {
                if let Some(e) = op.stack_effect(oparg, false) {
                    assert!(
                        i64::from(e) >= -(reads(op, oparg) as i64),
                        "{op} {oparg}: effect {e}, reads {}",
                        reads(op, oparg)
                    );
                }
            }
        }
    }
}
