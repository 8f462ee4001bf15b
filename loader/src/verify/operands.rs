//! Pass 2: every oparg refers to something that exists and has a value the instruction defines.
//!
//! The rules, opcode by opcode (jump targets are checked with the control flow, stack positions
//! with the stack):
//!
//! | opcodes | rule |
//! |---|---|
//! | `LOAD_CONST`, `RETURN_CONST` | `oparg < len(co_consts)` |
//! | `KW_NAMES` | as above, the constant is a tuple of str, the next instruction is `CALL` with an oparg ≥ its length |
//! | `LOAD_NAME`, `STORE_NAME`, `DELETE_NAME`, `STORE_ATTR`, `DELETE_ATTR`, `STORE_GLOBAL`, `DELETE_GLOBAL`, `IMPORT_NAME`, `IMPORT_FROM`, `LOAD_FROM_DICT_OR_GLOBALS` | `oparg < len(co_names)` |
//! | `LOAD_GLOBAL`, `LOAD_ATTR` | `oparg >> 1 < len(co_names)` |
//! | `LOAD_SUPER_ATTR` | `oparg >> 2 < len(co_names)` |
//! | `LOAD_FAST`, `LOAD_FAST_CHECK`, `LOAD_FAST_AND_CLEAR`, `STORE_FAST`, `DELETE_FAST` | `oparg < len(co_localsplusnames)` |
//! | `LOAD_DEREF`, `STORE_DEREF`, `DELETE_DEREF`, `LOAD_CLOSURE`, `LOAD_FROM_DICT_OR_DEREF` | as above, and the slot is a cell or free variable |
//! | `MAKE_CELL` | as above, and the slot is a cell variable |
//! | `COPY_FREE_VARS` | the last `oparg` slots are free variables |
//! | `COMPARE_OP` | `oparg >> 4 < 6` |
//! | `BINARY_OP` | `oparg < 26` |
//! | `CALL_INTRINSIC_1` | `1 <= oparg <= 11` |
//! | `CALL_INTRINSIC_2` | `1 <= oparg <= 4` |
//! | `FORMAT_VALUE` | `oparg <= 7` (conversion 0–3, bit 2 = spec) |
//! | `MAKE_FUNCTION` | `oparg <= 15` |
//! | `IS_OP`, `CONTAINS_OP`, `CALL_FUNCTION_EX` | `oparg <= 1` |
//! | `RAISE_VARARGS`, `RERAISE`, `GET_AWAITABLE` | `oparg <= 2` |
//! | `RESUME` | `oparg <= 3` |
//! | `BUILD_SLICE` | `oparg` is 2 or 3 |
//! | `COPY`, `SWAP`, `LIST_APPEND`, `SET_ADD`, `MAP_ADD`, `LIST_EXTEND`, `SET_UPDATE`, `DICT_UPDATE`, `DICT_MERGE` | `oparg >= 1` |
//! | everything else | no rule beyond the stack (counts) or none at all (no argument, `YIELD_VALUE`) |

use super::decode::Instr;
use super::error::Rule;
use crate::object::{kinds, Code, Obj};
use crate::opcode::{Opcode, BINARY_OPS, CMP_OP, INTRINSIC_1, INTRINSIC_2};

fn allowed(op: Opcode, oparg: u32, ok: bool, allowed: &'static str) -> Result<(), Rule> {
    if ok {
        Ok(())
    } else {
        Err(Rule::InvalidOparg { op, oparg, allowed })
    }
}

fn const_index(code: &Code, op: Opcode, index: u32) -> Result<&Obj, Rule> {
    code.consts.get(index as usize).ok_or(Rule::ConstIndex {
        op,
        index,
        len: code.consts.len(),
    })
}

fn name_index(code: &Code, op: Opcode, index: u32) -> Result<(), Rule> {
    if (index as usize) < code.names.len() {
        Ok(())
    } else {
        Err(Rule::NameIndex {
            op,
            index,
            len: code.names.len(),
        })
    }
}

fn local_index(code: &Code, op: Opcode, index: u32) -> Result<u8, Rule> {
    code.localspluskinds
        .get(index as usize)
        .copied()
        .ok_or(Rule::LocalIndex {
            op,
            index,
            len: code.localspluskinds.len(),
        })
}

fn cell_index(code: &Code, op: Opcode, index: u32, mask: u8) -> Result<(), Rule> {
    let kind = local_index(code, op, index)?;
    if kind & mask != 0 {
        return Ok(());
    }
    let name = code
        .localsplusnames
        .get(index as usize)
        .map(|n| n.to_str_lossy().into_owned())
        .unwrap_or_default();
    Err(Rule::NotCell { op, index, name })
}

/// Number of free-variable slots at the end of the fast locals.
fn trailing_free(code: &Code) -> usize {
    code.localspluskinds
        .iter()
        .rev()
        .take_while(|&&k| k & kinds::FREE != 0)
        .count()
}

fn kw_names(code: &Code, instr: &Instr, next: Option<&Instr>) -> Result<(), Rule> {
    let names = match const_index(code, instr.op, instr.oparg)? {
        Obj::Tuple(items) if items.iter().all(|k| matches!(k, Obj::Str(_))) => items.len(),
        _ => return Err(Rule::KwNamesNotTuple { index: instr.oparg }),
    };
    match next {
        Some(call) if call.op == Opcode::CALL => {
            if names as u64 > u64::from(call.oparg) {
                Err(Rule::KwNamesTooMany {
                    names,
                    args: call.oparg,
                })
            } else {
                Ok(())
            }
        }
        _ => Err(Rule::KwNamesWithoutCall),
    }
}

/// Checks the operand of `instr`; `next` is the instruction after it, if any.
pub(crate) fn check(code: &Code, instr: &Instr, next: Option<&Instr>) -> Result<(), Rule> {
    use Opcode::*;
    let (op, oparg) = (instr.op, instr.oparg);
    match op {
        LOAD_CONST | RETURN_CONST => const_index(code, op, oparg).map(|_| ()),
        KW_NAMES => kw_names(code, instr, next),
        LOAD_NAME
        | STORE_NAME
        | DELETE_NAME
        | STORE_ATTR
        | DELETE_ATTR
        | STORE_GLOBAL
        | DELETE_GLOBAL
        | IMPORT_NAME
        | IMPORT_FROM
        | LOAD_FROM_DICT_OR_GLOBALS => name_index(code, op, oparg),
        LOAD_GLOBAL | LOAD_ATTR => name_index(code, op, oparg >> 1),
        LOAD_SUPER_ATTR => name_index(code, op, oparg >> 2),
        LOAD_FAST | LOAD_FAST_CHECK | LOAD_FAST_AND_CLEAR | STORE_FAST | DELETE_FAST => {
            local_index(code, op, oparg).map(|_| ())
        }
        LOAD_DEREF | STORE_DEREF | DELETE_DEREF | LOAD_CLOSURE | LOAD_FROM_DICT_OR_DEREF => {
            cell_index(code, op, oparg, kinds::CELL | kinds::FREE)
        }
        MAKE_CELL => cell_index(code, op, oparg, kinds::CELL),
        COPY_FREE_VARS => {
            let nfree = trailing_free(code);
            if oparg as usize <= nfree {
                Ok(())
            } else {
                Err(Rule::FreeVarsCount { n: oparg, nfree })
            }
        }
        COMPARE_OP => allowed(
            op,
            oparg,
            ((oparg >> 4) as usize) < CMP_OP.len(),
            "oparg >> 4 below 6",
        ),
        BINARY_OP => allowed(op, oparg, (oparg as usize) < BINARY_OPS.len(), "0..=25"),
        CALL_INTRINSIC_1 => allowed(
            op,
            oparg,
            (1..INTRINSIC_1.len()).contains(&(oparg as usize)),
            "1..=11",
        ),
        CALL_INTRINSIC_2 => allowed(
            op,
            oparg,
            (1..INTRINSIC_2.len()).contains(&(oparg as usize)),
            "1..=4",
        ),
        FORMAT_VALUE => allowed(op, oparg, oparg <= 7, "0..=7"),
        MAKE_FUNCTION => allowed(op, oparg, oparg <= 15, "0..=15"),
        IS_OP | CONTAINS_OP | CALL_FUNCTION_EX => allowed(op, oparg, oparg <= 1, "0 or 1"),
        RAISE_VARARGS | RERAISE | GET_AWAITABLE => allowed(op, oparg, oparg <= 2, "0..=2"),
        RESUME => allowed(op, oparg, oparg <= 3, "0..=3"),
        BUILD_SLICE => allowed(op, oparg, oparg == 2 || oparg == 3, "2 or 3"),
        COPY | SWAP | LIST_APPEND | SET_ADD | MAP_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE
        | DICT_MERGE => allowed(op, oparg, oparg >= 1, "at least 1"),
        _ => Ok(()),
    }
}
