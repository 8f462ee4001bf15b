//! Decoder for CPython 3.12's `co_exceptiontable`.
//!
//! Each entry is four varints: start and length of the protected range and the handler's target,
//! all in code units, then `depth << 1 | lasti`. Varints here are big-endian groups of 6 bits with
//! 0x40 as the continuation bit; the first byte of every entry also has bit 7 set as a marker.
//! Results match `dis._parse_exception_table`, with offsets converted to bytes.

use crate::error::TableError;

const TABLE: &str = "exception table";

/// One exception-table entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExceptionEntry {
    /// Byte offset of the first protected instruction.
    pub start: u32,
    /// Byte offset just past the protected range.
    pub end: u32,
    /// Byte offset of the handler.
    pub target: u32,
    /// Value-stack depth to unwind to before jumping to the handler.
    pub depth: u32,
    /// Whether the offset of the raising instruction is pushed before the exception.
    pub lasti: bool,
}

struct Cursor<'a> {
    table: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn varint(&mut self) -> Result<u32, TableError> {
        let start = self.pos;
        let mut val: u64 = 0;
        loop {
            let b = *self.table.get(self.pos).ok_or(TableError::Truncated {
                table: TABLE,
                offset: self.pos,
            })?;
            self.pos += 1;
            val = (val << 6) | u64::from(b & 63);
            // Offsets are doubled into bytes later, so keep them below 2^31.
            if val > u64::from(u32::MAX >> 1) {
                return Err(TableError::VarintOverflow {
                    table: TABLE,
                    offset: start,
                });
            }
            if b & 64 == 0 {
                return Ok(val as u32);
            }
        }
    }
}

/// Decodes a whole exception table. A table that ends inside an entry is an error.
pub fn parse(table: &[u8]) -> Result<Vec<ExceptionEntry>, TableError> {
    let mut cur = Cursor { table, pos: 0 };
    // Each entry takes at least four bytes.
    let mut out = Vec::with_capacity(table.len() / 4);
    while cur.pos < table.len() {
        let at = cur.pos;
        if table.get(at).is_some_and(|b| b & 0x80 == 0) {
            return Err(TableError::NotEntryStart {
                table: TABLE,
                offset: at,
            });
        }
        let start = cur.varint()? * 2;
        let length = cur.varint()? * 2;
        let target = cur.varint()? * 2;
        let dl = cur.varint()?;
        let end = start
            .checked_add(length)
            .ok_or(TableError::VarintOverflow {
                table: TABLE,
                offset: at,
            })?;
        out.push(ExceptionEntry {
            start,
            end,
            target,
            depth: dl >> 1,
            lasti: dl & 1 != 0,
        });
    }
    Ok(out)
}

/// The handler covering the instruction at byte offset `offset`, as the interpreter looks it up.
pub fn handler_for(entries: &[ExceptionEntry], offset: u32) -> Option<&ExceptionEntry> {
    entries.iter().find(|e| e.start <= offset && offset < e.end)
}
