//! Executable code: a loader `Code` converted once into pre-decoded instructions and live constants.

use crate::exec::attr_ic::{AttrSlot, GlobalIc};
use crate::value::Value;
use pyvm_loader::Code;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

/// One decoded code unit. `EXTENDED_ARG` prefixes are folded into the following instruction's `arg`
/// (the prefix units stay in place, so indexes equal byte offset / 2).
#[derive(Clone, Copy, Debug)]
pub struct Instr {
    pub op: u8,
    /// Code units this instruction occupies: 1 plus its inline cache units (precomputed so
    /// the dispatch loop doesn't look the opcode up twice).
    pub len: u8,
    /// The superinstruction this instruction starts, if any (`exec/fused.rs`): e.g. a
    /// `COMPARE_OP` directly followed by `POP_JUMP_IF_FALSE`/`POP_JUMP_IF_TRUE` takes the branch
    /// itself when the comparison gives a `bool`. The other instructions of the run stay in
    /// place for any other path that reaches them.
    pub fused: crate::exec::fused::Fuse,
    pub arg: u32,
}

/// One exception-table entry, in code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExcEntry {
    pub start: usize,
    pub end: usize,
    pub target: usize,
    pub depth: usize,
    pub lasti: bool,
}

/// Source position of one instruction (1-based lines, 0-based UTF-8 byte columns).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub line: Option<i32>,
    pub end_line: Option<i32>,
    pub col: Option<u32>,
    pub end_col: Option<u32>,
}

/// A code object ready to run.
pub struct CodeObj {
    pub instrs: Box<[Instr]>,
    pub consts: Box<[Value]>,
    /// `co_names` as `str` values.
    pub names: Box<[Value]>,
    /// `co_localsplusnames` as `str` values.
    pub localsplusnames: Box<[Value]>,
    pub localspluskinds: Box<[u8]>,
    pub nlocalsplus: usize,
    pub argcount: usize,
    pub posonlyargcount: usize,
    pub kwonlyargcount: usize,
    pub flags: u32,
    pub stacksize: usize,
    /// Plain positional parameters only (no `*args`, `**kwargs`, keyword-only): a call with
    /// exactly `argcount` positional arguments can move them straight into the fast locals.
    pub simple_args: bool,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub filename: Rc<str>,
    pub firstlineno: i32,
    pub exc_table: Box<[ExcEntry]>,
    /// The loader's code object (for `co_*` attributes and the location table).
    pub raw: Arc<Code>,
    positions: OnceCell<Box<[Position]>>,
    /// Inline caches of `LOAD_ATTR`/`STORE_ATTR` (slot number in the `arg` of their first CACHE).
    pub(crate) attr_ics: Box<[AttrSlot]>,
    /// Inline caches of `LOAD_GLOBAL` (slot number in the `arg` of its first CACHE).
    pub(crate) global_ics: Box<[RefCell<GlobalIc>]>,
}

impl CodeObj {
    /// `argcount` when the parameters are simple (`simple_args`), else `usize::MAX`: the one
    /// number of positional arguments a call can move straight into the fast locals.
    pub fn simple_argc(&self) -> usize {
        if self.simple_args {
            self.argcount
        } else {
            usize::MAX
        }
    }

    /// Empties the inline caches (they hold types and globals dicts; used by the VM's teardown).
    pub(crate) fn clear_caches(&self) {
        for ic in self.attr_ics.iter() {
            ic.clear();
        }
        for ic in self.global_ics.iter() {
            if let Ok(mut ic) = ic.try_borrow_mut() {
                *ic = Default::default();
            }
        }
    }

    /// Builds the executable form; `consts` are the already converted constants.
    pub fn new(
        raw: Arc<Code>,
        consts: Vec<Value>,
        names: Vec<Value>,
        localsplusnames: Vec<Value>,
    ) -> CodeObj {
        let bytes = &raw.code;
        let n = bytes.len() / 2;
        let mut instrs = Vec::with_capacity(n);
        let mut ext: u32 = 0;
        for i in 0..n {
            let op = bytes[2 * i];
            let arg = u32::from(bytes[2 * i + 1]) | (ext << 8);
            if op == crate::opcodes::EXTENDED_ARG {
                ext = arg;
            } else {
                ext = 0;
            }
            #[allow(clippy::cast_possible_truncation)]
            let len = 1 + crate::opcodes::cache_entries(op) as u8;
            instrs.push(Instr {
                op,
                len,
                fused: crate::exec::fused::Fuse::None,
                arg,
            });
        }
        crate::exec::fused::mark(&mut instrs);
        if raw.flags & pyvm_loader::object::flags::GENERATOR != 0 {
            crate::exec::fused::mark_gen_returns(&mut instrs);
        }
        let mut nics: u32 = 0;
        let mut attr_ics = Vec::new();
        let mut nglobals: u32 = 0;
        for i in 0..instrs.len() {
            let op = instrs[i].op;
            if op == crate::opcodes::LOAD_ATTR || op == crate::opcodes::STORE_ATTR {
                // (`LOAD_ATTR`'s low bit is the method flag.)
                let idx = if op == crate::opcodes::LOAD_ATTR {
                    instrs[i].arg >> 1
                } else {
                    instrs[i].arg
                };
                if let Some(c) = instrs.get_mut(i + 1) {
                    if c.op == crate::opcodes::CACHE {
                        c.arg = nics;
                        nics += 1;
                        let name = names.get(idx as usize).cloned().unwrap_or_default();
                        attr_ics.push(AttrSlot::new(name));
                    }
                }
            } else if op == crate::opcodes::LOAD_GLOBAL {
                if let Some(c) = instrs.get_mut(i + 1) {
                    if c.op == crate::opcodes::CACHE {
                        c.arg = nglobals;
                        nglobals += 1;
                    }
                }
            }
        }
        let global_ics = (0..nglobals)
            .map(|_| RefCell::new(GlobalIc::Empty))
            .collect();
        let flags = raw.flags;
        let simple_args = flags
            & (pyvm_loader::object::flags::VARARGS | pyvm_loader::object::flags::VARKEYWORDS)
            == 0
            && raw.kwonlyargcount == 0
            && raw.argcount as usize <= localsplusnames.len();
        CodeObj {
            instrs: instrs.into_boxed_slice(),
            consts: consts.into_boxed_slice(),
            names: names.into_boxed_slice(),
            nlocalsplus: localsplusnames.len(),
            localsplusnames: localsplusnames.into_boxed_slice(),
            localspluskinds: raw.localspluskinds.to_vec().into_boxed_slice(),
            argcount: raw.argcount as usize,
            posonlyargcount: raw.posonlyargcount as usize,
            kwonlyargcount: raw.kwonlyargcount as usize,
            flags,
            stacksize: raw.stacksize as usize,
            simple_args,
            name: Rc::from(&*raw.name.to_str_lossy()),
            qualname: Rc::from(&*raw.qualname.to_str_lossy()),
            filename: Rc::from(&*raw.filename.to_str_lossy()),
            firstlineno: raw.firstlineno,
            exc_table: decode_exception_table(&raw.exceptiontable).into_boxed_slice(),
            positions: OnceCell::new(),
            attr_ics: attr_ics.into_boxed_slice(),
            global_ics,
            raw,
        }
    }

    /// The handler covering instruction `idx`, if any.
    pub fn handler_for(&self, idx: usize) -> Option<ExcEntry> {
        self.exc_table
            .iter()
            .find(|e| e.start <= idx && idx < e.end)
            .copied()
    }

    /// The source position of instruction `idx`.
    pub fn position(&self, idx: usize) -> Position {
        let table = self
            .positions
            .get_or_init(|| decode_positions(&self.raw, self.instrs.len()).into_boxed_slice());
        table.get(idx).copied().unwrap_or_default()
    }

    /// Total number of fast-local slots.
    pub fn nargs_total(&self) -> usize {
        let mut n = self.argcount + self.kwonlyargcount;
        if self.flags & pyvm_loader::object::flags::VARARGS != 0 {
            n += 1;
        }
        if self.flags & pyvm_loader::object::flags::VARKEYWORDS != 0 {
            n += 1;
        }
        n
    }
}

fn read_varint(data: &[u8], pos: &mut usize) -> Option<usize> {
    let mut b = *data.get(*pos)?;
    *pos += 1;
    let mut val = usize::from(b & 63);
    while b & 64 != 0 {
        b = *data.get(*pos)?;
        *pos += 1;
        val = val.checked_shl(6)? | usize::from(b & 63);
    }
    Some(val)
}

/// Decodes `co_exceptiontable` (malformed tails are dropped).
pub fn decode_exception_table(data: &[u8]) -> Vec<ExcEntry> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < data.len() {
        let entry = (|| {
            let start = read_varint(data, &mut pos)?;
            let len = read_varint(data, &mut pos)?;
            let target = read_varint(data, &mut pos)?;
            let dl = read_varint(data, &mut pos)?;
            Some(ExcEntry {
                start,
                end: start.checked_add(len)?,
                target,
                depth: dl >> 1,
                lasti: dl & 1 != 0,
            })
        })();
        match entry {
            Some(e) => out.push(e),
            None => break,
        }
    }
    out
}

/// Decodes the 3.12 location table into one position per code unit (via the loader).
pub fn decode_positions(code: &Code, n: usize) -> Vec<Position> {
    let mut out: Vec<Position> = pyvm_loader::linetable::positions(code)
        .unwrap_or_default()
        .into_iter()
        .map(|p| Position {
            line: p.line,
            end_line: p.end_line,
            col: p.col.and_then(|c| u32::try_from(c).ok()),
            end_col: p.end_col.and_then(|c| u32::try_from(c).ok()),
        })
        .collect();
    out.resize(n.max(out.len()), Position::default());
    out
}
