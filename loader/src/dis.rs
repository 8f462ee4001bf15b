//! A disassembler whose output is byte-for-byte that of CPython 3.12's `dis.dis(code)`.
//!
//! [`instructions`] decodes a code object the way `dis.get_instructions` does (caches hidden,
//! `EXTENDED_ARG` folded with CPython's 32-bit wrap-around, arguments resolved to `argrepr` strings);
//! [`disassemble`] lays one code object out; [`dis`] adds the nested code objects after their parent.
//!
//! Malformed bytecode never panics: an argument that indexes past `co_consts`, `co_names` or the
//! locals renders as `<index N out of range>`, unknown opcodes render as `<N>` without an argument,
//! and a truncated final instruction reads its missing argument byte as 0. Only an undecodable line
//! or exception table is an error.

use crate::error::TableError;
use crate::object::{Code, Obj, PyStr};
use crate::opcode::{
    self, ArgKind, Opcode, BINARY_OPS, CMP_OP, INTRINSIC_1, INTRINSIC_2, MAKE_FUNCTION_FLAGS,
};
use crate::repr;
use crate::{exctable, linetable};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

/// Why a code object could not be disassembled.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum DisError {
    /// `co_linetable` or `co_exceptiontable` is malformed.
    #[error("cannot disassemble code object {name}: {source}")]
    Table {
        /// `co_name` of the code object.
        name: String,
        /// What was wrong with the table.
        #[source]
        source: TableError,
    },
}

/// One decoded instruction, as `dis.Instruction` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// Byte offset in `co_code`.
    pub offset: u32,
    /// The opcode byte.
    pub opcode: u8,
    /// The opcode, if the byte is one.
    pub op: Option<Opcode>,
    /// The argument with `EXTENDED_ARG` prefixes folded in (`None` for opcodes without one).
    /// Like CPython's, it wraps to negative numbers past 2^31.
    pub arg: Option<i64>,
    /// The human-readable argument (`dis` prints it in parentheses when non-empty).
    pub argrepr: String,
    /// The source line this instruction starts, if any.
    pub starts_line: Option<i32>,
    /// Whether some jump or exception handler targets this instruction.
    pub is_jump_target: bool,
    /// For jumps, the target byte offset.
    pub jump_target: Option<i64>,
}

impl Instruction {
    /// `dis`'s name for the opcode (`<N>` if unassigned).
    pub fn opname(&self) -> std::borrow::Cow<'static, str> {
        opcode::opname(self.opcode)
    }
}

/// One raw instruction: offset, opcode byte, folded argument.
struct Raw {
    offset: u32,
    opcode: u8,
    op: Option<Opcode>,
    arg: Option<i64>,
}

/// `dis._unpack_opargs`: walk the code units, skipping inline caches and folding `EXTENDED_ARG`.
fn unpack(code: &[u8]) -> Vec<Raw> {
    let mut out = Vec::with_capacity(code.len() / 2);
    let mut extended: i64 = 0;
    let mut caches = 0usize;
    let mut i = 0usize;
    while i < code.len() {
        if caches > 0 {
            caches -= 1;
            i += 2;
            continue;
        }
        let byte = code[i];
        let op = Opcode::from_u8(byte);
        caches = op.map_or(0, Opcode::cache_entries);
        let arg = match op {
            Some(op) if op.has_arg() => {
                let low = i64::from(code.get(i + 1).copied().unwrap_or(0));
                let arg = low | extended;
                extended = if op.deopt() == Opcode::EXTENDED_ARG {
                    arg.wrapping_shl(8)
                } else {
                    0
                };
                // The oparg is a C int: past 2^31 it wraps to negative.
                if extended >= 1 << 31 {
                    extended -= 1 << 32;
                }
                Some(arg)
            }
            _ => {
                extended = 0;
                None
            }
        };
        out.push(Raw {
            offset: i as u32,
            opcode: byte,
            op,
            arg,
        });
        i += 2;
    }
    out
}

/// The byte offset a relative jump at `offset` lands on (`dis` semantics, caches included).
fn jump_target(op: Opcode, offset: u32, arg: i64) -> i64 {
    let signed = if op.is_backward_jump() {
        arg.wrapping_neg()
    } else {
        arg
    };
    let caches = op.cache_entries() as i64;
    i64::from(offset)
        .wrapping_add(2)
        .wrapping_add(signed.wrapping_mul(2))
        .wrapping_add(2 * caches)
}

/// Python-style sequence indexing (negative counts from the end).
fn py_index<T>(items: &[T], index: i64) -> Option<&T> {
    let len = items.len() as i64;
    let i = if index < 0 {
        index.checked_add(len)?
    } else {
        index
    };
    usize::try_from(i).ok().and_then(|i| items.get(i))
}

fn out_of_range(index: i64) -> String {
    format!("<index {index} out of range>")
}

fn name_at(names: &[PyStr], index: i64) -> String {
    py_index(names, index).map_or_else(|| out_of_range(index), |n| n.to_str_lossy().into_owned())
}

/// The argument description `dis` computes for an instruction.
fn argrepr(code: &Code, op: Opcode, offset: u32, arg: i64) -> (String, Option<i64>) {
    let text = match op.arg_kind() {
        ArgKind::None | ArgKind::Raw => String::new(),
        ArgKind::Const => match py_index(&code.consts, arg) {
            Some(c) => repr::const_repr(c),
            None => out_of_range(arg),
        },
        ArgKind::Name => name_at(&code.names, arg),
        ArgKind::GlobalName => with_prefix(
            name_at(&code.names, arg.div_euclid(2)),
            arg & 1 != 0,
            "NULL + ",
        ),
        ArgKind::AttrName => with_prefix(
            name_at(&code.names, arg.div_euclid(2)),
            arg & 1 != 0,
            "NULL|self + ",
        ),
        ArgKind::SuperAttrName => with_prefix(
            name_at(&code.names, arg.div_euclid(4)),
            arg & 1 != 0,
            "NULL|self + ",
        ),
        ArgKind::Local | ArgKind::Free => name_at(&code.localsplusnames, arg),
        ArgKind::JumpForward | ArgKind::JumpBackward => {
            let target = jump_target(op, offset, arg);
            return (format!("to {target}"), Some(target));
        }
        ArgKind::Compare => {
            py_index(&CMP_OP, arg >> 4).map_or_else(|| out_of_range(arg >> 4), |s| (*s).to_owned())
        }
        ArgKind::FormatValue => {
            let mut s = String::from(["", "str", "repr", "ascii"][(arg & 3) as usize]);
            if arg & 4 != 0 {
                if !s.is_empty() {
                    s.push_str(", ");
                }
                s.push_str("with format");
            }
            s
        }
        ArgKind::MakeFunction => {
            let mut s = String::new();
            for (bit, flag) in MAKE_FUNCTION_FLAGS.iter().enumerate() {
                if arg & (1 << bit) != 0 {
                    if !s.is_empty() {
                        s.push_str(", ");
                    }
                    s.push_str(flag);
                }
            }
            s
        }
        ArgKind::BinaryOp => {
            py_index(&BINARY_OPS, arg).map_or_else(|| out_of_range(arg), |p| p.1.to_owned())
        }
        ArgKind::Intrinsic1 => {
            py_index(&INTRINSIC_1, arg).map_or_else(|| out_of_range(arg), |s| (*s).to_owned())
        }
        ArgKind::Intrinsic2 => {
            py_index(&INTRINSIC_2, arg).map_or_else(|| out_of_range(arg), |s| (*s).to_owned())
        }
    };
    (text, None)
}

/// `dis` only adds the prefix when the name itself is non-empty.
fn with_prefix(name: String, flag: bool, prefix: &str) -> String {
    if flag && !name.is_empty() {
        format!("{prefix}{name}")
    } else {
        name
    }
}

fn table_error(code: &Code, source: TableError) -> DisError {
    DisError::Table {
        name: code.name.to_str_lossy().into_owned(),
        source,
    }
}

/// The instructions of one code object, as `dis.get_instructions(code)` yields them
/// (caches hidden), with jump targets marked including exception handlers.
pub fn instructions(code: &Code) -> Result<Vec<Instruction>, DisError> {
    let starts: HashMap<u32, i32> = linetable::line_starts(code)
        .map_err(|e| table_error(code, e))?
        .into_iter()
        .collect();
    let handlers = exctable::parse(&code.exceptiontable).map_err(|e| table_error(code, e))?;
    Ok(decode(code, &starts, &handlers))
}

fn decode(
    code: &Code,
    starts: &HashMap<u32, i32>,
    handlers: &[exctable::ExceptionEntry],
) -> Vec<Instruction> {
    let raw = unpack(&code.code);
    let mut labels: BTreeSet<i64> = BTreeSet::new();
    for r in &raw {
        if let (Some(op), Some(arg)) = (r.op, r.arg) {
            if op.arg_kind().is_jump() {
                labels.insert(jump_target(op, r.offset, arg));
            }
        }
    }
    for h in handlers {
        if h.start < h.end {
            labels.insert(i64::from(h.target));
        }
    }
    raw.into_iter()
        .map(|r| {
            let (argrepr, jump_target) = match (r.op, r.arg) {
                (Some(op), Some(arg)) => argrepr(code, op, r.offset, arg),
                _ => (String::new(), None),
            };
            Instruction {
                offset: r.offset,
                opcode: r.opcode,
                op: r.op,
                arg: r.arg,
                argrepr,
                starts_line: starts.get(&r.offset).copied(),
                is_jump_target: labels.contains(&i64::from(r.offset)),
                jump_target,
            }
        })
        .collect()
}

/// `dis.disassemble(code)`: the listing of one code object (without nested code objects).
pub fn disassemble(code: &Code) -> Result<String, DisError> {
    let mut out = String::new();
    disassemble_into(&mut out, code)?;
    Ok(out)
}

fn disassemble_into(out: &mut String, code: &Code) -> Result<(), DisError> {
    let line_starts = linetable::line_starts(code).map_err(|e| table_error(code, e))?;
    let handlers = exctable::parse(&code.exceptiontable).map_err(|e| table_error(code, e))?;
    let starts: HashMap<u32, i32> = line_starts.iter().copied().collect();

    let show_lineno = !starts.is_empty();
    let lineno_width = match starts.values().max() {
        Some(&max) if max >= 1000 => max.to_string().len(),
        Some(_) => 3,
        None => 0,
    };
    let maxoffset = code.code.len() as i64 - 2;
    let offset_width = if maxoffset >= 10000 {
        maxoffset.to_string().len()
    } else {
        4
    };

    for ins in decode(code, &starts, &handlers) {
        if show_lineno && ins.starts_line.is_some() && ins.offset > 0 {
            out.push('\n');
        }
        let line_start = out.len();
        if lineno_width > 0 {
            match ins.starts_line {
                Some(line) => {
                    let _ = write!(out, "{line:>lineno_width$}");
                }
                None => out.extend(std::iter::repeat(' ').take(lineno_width)),
            }
            out.push(' ');
        }
        out.push_str("   ");
        out.push(' ');
        out.push_str(if ins.is_jump_target { ">>" } else { "  " });
        let _ = write!(out, " {:>offset_width$} {:<20}", ins.offset, ins.opname());
        if let Some(arg) = ins.arg {
            let _ = write!(out, " {arg:>5}");
            if !ins.argrepr.is_empty() {
                let _ = write!(out, " ({})", ins.argrepr);
            }
        }
        // `dis` right-strips each line.
        let trimmed = out[line_start..].trim_end().len();
        out.truncate(line_start + trimmed);
        out.push('\n');
    }
    if !handlers.is_empty() {
        out.push_str("ExceptionTable:\n");
        for h in &handlers {
            let end = i64::from(h.end) - 2;
            let lasti = if h.lasti { " lasti" } else { "" };
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                h.start, end, h.target, h.depth, lasti
            );
        }
    }
    Ok(())
}

/// `dis.dis(code)`: the code object's listing, then each nested code object (depth first, in
/// `co_consts` order), each introduced by a blank line and `Disassembly of <code object ...>:`.
pub fn dis(code: &Code) -> Result<String, DisError> {
    let mut out = String::new();
    disassemble_into(&mut out, code)?;
    // Explicit stack instead of recursion: nesting depth comes from the file.
    let mut stack: Vec<std::slice::Iter<'_, Obj>> = vec![code.consts.iter()];
    while let Some(iter) = stack.last_mut() {
        match iter.next() {
            Some(Obj::Code(inner)) => {
                let _ = writeln!(out, "\nDisassembly of {}:", repr::code_repr(inner));
                disassemble_into(&mut out, inner)?;
                stack.push(inner.consts.iter());
            }
            Some(_) => {}
            None => {
                stack.pop();
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
