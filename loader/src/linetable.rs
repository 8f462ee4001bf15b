//! Decoder for CPython 3.12's `co_linetable` (the "location table").
//!
//! The table is a sequence of entries, each covering 1–8 code units. An entry starts with a byte
//! whose bit 7 is set; bits 3–6 hold a code that selects the form, bits 0–2 hold the unit count − 1:
//!
//! * codes 0–9, short form: one more byte; same line as before, column `code*8 + (b>>4)`, end column
//!   `column + (b & 15)`;
//! * codes 10–12, one-line form: the line advances by `code − 10`; two bytes give column and end column;
//! * code 13, no columns: a signed varint line delta;
//! * code 14, long form: signed varint line delta, varint end-line delta, varint column + 1 and
//!   varint end column + 1 (0 meaning "unknown");
//! * code 15: no location at all.
//!
//! Varints here are little-endian groups of 6 bits with 0x40 as the continuation bit; signed varints
//! keep the sign in bit 0.
//!
//! Values follow CPython's `code.co_positions()` and `code.co_lines()` exactly, including its use of
//! `-1` as "unknown": any computed value of −1 is reported as `None`.

use crate::error::TableError;
use crate::object::Code;

const TABLE: &str = "line table";

/// Source location of one code unit, as a tuple of `code.co_positions()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// First line, or `None`.
    pub line: Option<i32>,
    /// Last line, or `None`.
    pub end_line: Option<i32>,
    /// Start column (0-based, in UTF-8 bytes), or `None`.
    pub col: Option<i32>,
    /// End column (exclusive), or `None`.
    pub end_col: Option<i32>,
}

/// One decoded table entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocationEntry {
    /// Byte offset of the first code unit covered.
    pub start: u32,
    /// Byte offset just past the last code unit covered.
    pub end: u32,
    /// The location of every unit in `start..end`.
    pub position: Position,
}

/// A range of bytecode sharing one line, as yielded by `code.co_lines()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRange {
    /// Byte offset where the range starts.
    pub start: u32,
    /// Byte offset where it ends (exclusive).
    pub end: u32,
    /// The line, or `None` for instructions without one.
    pub line: Option<i32>,
}

fn known(v: i32) -> Option<i32> {
    (v != -1).then_some(v)
}

/// Iterator over the entries of a location table.
#[derive(Debug, Clone)]
pub struct Entries<'a> {
    table: &'a [u8],
    pos: usize,
    line: i32,
    offset: u32,
    failed: bool,
}

/// Decodes the entries of `linetable` for a code object whose first line is `firstlineno`.
pub fn entries(linetable: &[u8], firstlineno: i32) -> Entries<'_> {
    Entries {
        table: linetable,
        pos: 0,
        line: firstlineno,
        offset: 0,
        failed: false,
    }
}

impl Entries<'_> {
    fn byte(&mut self) -> Result<u8, TableError> {
        let b = self
            .table
            .get(self.pos)
            .copied()
            .ok_or(TableError::Truncated {
                table: TABLE,
                offset: self.pos,
            })?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u32, TableError> {
        let start = self.pos;
        let mut read = self.byte()?;
        let mut val = u32::from(read & 63);
        let mut shift = 0u32;
        while read & 64 != 0 {
            read = self.byte()?;
            shift += 6;
            if shift > 30 {
                return Err(TableError::VarintOverflow {
                    table: TABLE,
                    offset: start,
                });
            }
            val |= u32::from(read & 63).wrapping_shl(shift);
        }
        Ok(val)
    }

    fn signed_varint(&mut self) -> Result<i32, TableError> {
        let u = self.varint()?;
        let magnitude = (u >> 1) as i32;
        Ok(if u & 1 != 0 {
            magnitude.wrapping_neg()
        } else {
            magnitude
        })
    }

    fn entry(&mut self) -> Result<LocationEntry, TableError> {
        let at = self.pos;
        let first = self.byte()?;
        if first & 0x80 == 0 {
            return Err(TableError::NotEntryStart {
                table: TABLE,
                offset: at,
            });
        }
        let code = (first >> 3) & 15;
        let units = u32::from(first & 7) + 1;
        let position = match code {
            15 => Position::default(),
            14 => {
                self.line = self.line.wrapping_add(self.signed_varint()?);
                let end_line = self.line.wrapping_add(self.varint()? as i32);
                let col = (self.varint()? as i32).wrapping_sub(1);
                let end_col = (self.varint()? as i32).wrapping_sub(1);
                Position {
                    line: known(self.line),
                    end_line: known(end_line),
                    col: known(col),
                    end_col: known(end_col),
                }
            }
            13 => {
                self.line = self.line.wrapping_add(self.signed_varint()?);
                Position {
                    line: known(self.line),
                    end_line: known(self.line),
                    col: None,
                    end_col: None,
                }
            }
            10..=12 => {
                self.line = self.line.wrapping_add(i32::from(code) - 10);
                let col = i32::from(self.byte()?);
                let end_col = i32::from(self.byte()?);
                Position {
                    line: known(self.line),
                    end_line: known(self.line),
                    col: Some(col),
                    end_col: Some(end_col),
                }
            }
            _ => {
                let second = self.byte()?;
                let col = i32::from(code) << 3 | i32::from(second >> 4);
                Position {
                    line: known(self.line),
                    end_line: known(self.line),
                    col: Some(col),
                    end_col: Some(col + i32::from(second & 15)),
                }
            }
        };
        let start = self.offset;
        self.offset = self.offset.wrapping_add(units * 2);
        Ok(LocationEntry {
            start,
            end: self.offset,
            position,
        })
    }
}

impl Iterator for Entries<'_> {
    type Item = Result<LocationEntry, TableError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.pos >= self.table.len() {
            return None;
        }
        let result = self.entry();
        self.failed = result.is_err();
        Some(result)
    }
}

/// `list(code.co_positions())`: one [`Position`] per code unit the table covers.
pub fn positions(code: &Code) -> Result<Vec<Position>, TableError> {
    let mut out = Vec::with_capacity(code.code_units());
    for entry in entries(&code.linetable, code.firstlineno) {
        let entry = entry?;
        let units = (entry.end.wrapping_sub(entry.start) / 2) as usize;
        out.extend(std::iter::repeat(entry.position).take(units));
    }
    Ok(out)
}

/// `list(code.co_lines())`: consecutive entries with the same line merged into one range.
pub fn lines(code: &Code) -> Result<Vec<LineRange>, TableError> {
    lines_of(&code.linetable, code.firstlineno)
}

/// [`lines`] for a raw table and first line number.
pub fn lines_of(linetable: &[u8], firstlineno: i32) -> Result<Vec<LineRange>, TableError> {
    let mut out: Vec<LineRange> = Vec::new();
    let mut prev_line: Option<Option<i32>> = None;
    for entry in entries(linetable, firstlineno) {
        let entry = entry?;
        let line = entry.position.line;
        match out.last_mut() {
            Some(last) if prev_line == Some(line) => last.end = entry.end,
            _ => out.push(LineRange {
                start: entry.start,
                end: entry.end,
                line,
            }),
        }
        prev_line = Some(line);
    }
    Ok(out)
}

/// `dis.findlinestarts(code)`: `(byte offset, line)` where a new line begins.
pub fn line_starts(code: &Code) -> Result<Vec<(u32, i32)>, TableError> {
    let mut out = Vec::new();
    let mut last = None;
    for range in lines(code)? {
        if let Some(line) = range.line {
            if last != Some(line) {
                out.push((range.start, line));
                last = Some(line);
            }
        }
    }
    Ok(out)
}

/// The location of the code unit at byte offset `offset` (what tracebacks use), if the table covers it.
pub fn position_at(code: &Code, offset: u32) -> Result<Option<Position>, TableError> {
    for entry in entries(&code.linetable, code.firstlineno) {
        let entry = entry?;
        if entry.start <= offset && offset < entry.end {
            return Ok(Some(entry.position));
        }
    }
    Ok(None)
}
