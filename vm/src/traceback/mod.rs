//! CPython 3.12's traceback printing: frames, source lines, carets with anchors, chaining.

mod anchors;
pub mod objects;
/// The caret anchors of a failing segment (for `traceback._extract_caret_anchors_from_line_segment`).
pub use anchors::{anchors as caret_anchors, Anchors as CaretAnchors};
pub mod suggest;

use crate::object::Payload;
use crate::value::Value;
use crate::{PyErr, Vm};
use std::collections::HashMap;

const RECURSIVE_CUTOFF: usize = 3;
const TB_LIMIT: usize = 1000;

/// Reads source lines of files named by `co_filename`, caching them.
pub struct SourceCache {
    files: HashMap<String, Option<Vec<String>>>,
    /// `false`: never touch the file system (tracebacks then show no source lines).
    read_files: bool,
}

impl SourceCache {
    pub(crate) fn new(read_files: bool) -> Self {
        SourceCache {
            files: HashMap::new(),
            read_files,
        }
    }

    pub(crate) fn line(&mut self, file: &str, lineno: i32) -> Option<String> {
        if !self.read_files || (file.starts_with('<') && file.ends_with('>')) {
            return None;
        }
        let lines = self.files.entry(file.to_string()).or_insert_with(|| {
            let bytes = std::fs::read(file).ok()?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let mut v: Vec<String> = Vec::new();
            for l in text.split_inclusive('\n') {
                let l = l.strip_suffix('\n').unwrap_or(l);
                let l = l.strip_suffix('\r').unwrap_or(l);
                v.push(l.to_string());
            }
            Some(v)
        });
        let idx = usize::try_from(lineno).ok()?.checked_sub(1)?;
        lines.as_ref()?.get(idx).cloned()
    }
}

fn is_ws(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\x0c'
}

/// Converts a UTF-8 byte offset in `line` to a char offset (`None` if out of range).
fn byte_to_char(line: &str, b: usize) -> Option<usize> {
    if b > line.len() {
        return None;
    }
    let mut b = b;
    while !line.is_char_boundary(b) {
        b -= 1;
    }
    Some(line[..b].chars().count())
}

impl Vm {
    /// Lets tracebacks read the source files named by `co_filename` to show their lines (on by
    /// default, as in CPython). A host that gives a guest no file-system access turns it off: the
    /// file name comes from the `.pyc`, so a crafted one could otherwise name any readable file.
    pub fn set_traceback_source(&mut self, on: bool) {
        self.traceback_source = on;
    }

    /// Renders an exception exactly as CPython's default `sys.excepthook` prints it.
    pub fn format_exception(&mut self, err: &PyErr) -> String {
        let mut out = String::new();
        let mut seen: Vec<usize> = Vec::new();
        let mut cache = SourceCache::new(self.traceback_source);
        self.format_recursive(&err.value(), &mut out, &mut seen, &mut cache, 0);
        out
    }

    fn format_recursive(
        &mut self,
        v: &Value,
        out: &mut String,
        seen: &mut Vec<usize>,
        cache: &mut SourceCache,
        depth: usize,
    ) {
        seen.push(v.identity());
        if depth < 100 {
            if let Some(Payload::Exception(st)) = v.payload() {
                let (cause, context, suppress) = {
                    let s = st.borrow();
                    (s.cause.clone(), s.context.clone(), s.suppress_context)
                };
                let is_exc = |x: &Value| matches!(x.payload(), Some(Payload::Exception(_)));
                if is_exc(&cause) {
                    if !seen.contains(&cause.identity()) {
                        self.format_recursive(&cause, out, seen, cache, depth + 1);
                        out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
                    }
                } else if !suppress && is_exc(&context) && !seen.contains(&context.identity()) {
                    self.format_recursive(&context, out, seen, cache, depth + 1);
                    out.push_str(
                        "\nDuring handling of the above exception, another exception occurred:\n\n",
                    );
                }
            }
        }
        self.format_one(v, out, cache);
    }

    /// Renders an exception as CPython's default `sys.unraisablehook` prints it after its
    /// `Exception ignored in: …` line: the traceback and `Type: message` only (no chained
    /// exceptions, notes or suggestions; the `: ` is written even when the message is empty).
    pub fn format_unraisable(&mut self, err: &PyErr) -> String {
        let mut out = String::new();
        let mut cache = SourceCache::new(self.traceback_source);
        self.format_one_as(&err.value(), &mut out, &mut cache, true);
        out
    }

    fn format_one(&mut self, v: &Value, out: &mut String, cache: &mut SourceCache) {
        self.format_one_as(v, out, cache, false);
    }

    fn format_one_as(
        &mut self,
        v: &Value,
        out: &mut String,
        cache: &mut SourceCache,
        unraisable: bool,
    ) {
        let Some(Payload::Exception(st)) = v.payload() else {
            out.push_str(&format!(
                "TypeError: print_exception(): Exception expected for value, {} found\n",
                self.type_name(v)
            ));
            return;
        };
        let (tb, notes) = {
            let s = st.borrow();
            (s.traceback.clone(), s.notes.clone())
        };
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            let entries: Vec<_> = tb.iter().rev().collect();
            let skip = entries.len().saturating_sub(TB_LIMIT);
            let mut last: Option<(String, i32, String)> = None;
            let mut cnt = 0usize;
            for e in entries.into_iter().skip(skip) {
                let pos = e.code.position(e.instr);
                let lineno = pos.line.unwrap_or(-1);
                let key = (e.code.filename.to_string(), lineno, e.code.name.to_string());
                if last.as_ref() != Some(&key) {
                    if cnt > RECURSIVE_CUTOFF {
                        repeated(out, cnt);
                    }
                    last = Some(key);
                    cnt = 0;
                }
                cnt += 1;
                if cnt <= RECURSIVE_CUTOFF {
                    out.push_str(&format!(
                        "  File \"{}\", line {}, in {}\n",
                        e.code.filename, lineno, e.code.name
                    ));
                    if let Some(line) = cache.line(&e.code.filename, lineno) {
                        display_line(out, &line, pos);
                    }
                }
            }
            if cnt > RECURSIVE_CUTOFF {
                repeated(out, cnt);
            }
        }
        // "Module.Name: message"
        let cls = self.type_of(v);
        if let Some(td) = cls.as_type() {
            let module = td.module.borrow().clone();
            match module.as_deref() {
                Some("builtins") | Some("__main__") => {}
                Some(m) => {
                    out.push_str(m);
                    out.push('.');
                }
                None => out.push_str("<unknown>."),
            }
            out.push_str(&td.qualname.borrow());
        }
        match self.str_string(v) {
            Ok(s) => {
                if !s.is_empty() || unraisable {
                    out.push_str(": ");
                    out.push_str(&s);
                }
            }
            Err(_) => out.push_str(": <exception str() failed>"),
        }
        if unraisable {
            out.push('\n');
            return;
        }
        if let Some(s) = self.suggestion_for(v) {
            out.push_str(&s);
        }
        out.push('\n');
        for n in notes {
            match n.as_str() {
                Some(s) => {
                    out.push_str(s);
                    out.push('\n');
                }
                None => {
                    let r = self
                        .repr_string(&n)
                        .unwrap_or_else(|_| "<note str() failed>".into());
                    out.push_str(&r);
                    out.push('\n');
                }
            }
        }
    }
}

fn repeated(out: &mut String, cnt: usize) {
    let n = cnt - RECURSIVE_CUTOFF;
    if n > 1 {
        out.push_str(&format!("  [Previous line repeated {n} more times]\n"));
    } else {
        out.push_str(&format!("  [Previous line repeated {n} more time]\n"));
    }
}

/// Prints the stripped source line and, when useful, the caret line under it.
fn display_line(out: &mut String, line: &str, pos: crate::code::Position) {
    let chars: Vec<char> = line.chars().collect();
    let lead = chars.iter().take_while(|c| is_ws(**c)).count();
    let stripped: String = chars[lead..].iter().collect();
    out.push_str("    ");
    out.push_str(&stripped);
    out.push('\n');
    let (Some(l), Some(el), Some(c), Some(ec)) = (pos.line, pos.end_line, pos.col, pos.end_col)
    else {
        return;
    };
    let (Some(start), Some(mut end)) = (
        byte_to_char(line, c as usize),
        byte_to_char(line, ec as usize),
    ) else {
        return;
    };
    let mut anchors = None;
    if l == el {
        if start < end && end <= chars.len() {
            anchors = anchors::anchors(&chars[start..end]).map(|a| anchors::Anchors {
                left: a.left + start,
                right: a.right + start,
                ..a
            });
        }
    } else {
        let mut i = chars.len();
        while i > 0 && is_ws(chars[i - 1]) {
            i -= 1;
        }
        end = i;
    }
    let stripped_len = chars.len() - lead;
    if end.saturating_sub(start) == stripped_len && anchors.is_none() {
        return;
    }
    let (primary, secondary) = anchors.map_or(('^', '^'), |a| (a.primary, a.secondary));
    let mut caret = String::from("    ");
    for col in lead..end {
        let ch = if col < start {
            ' '
        } else if let Some(a) = anchors {
            if a.left <= col && col < a.right {
                secondary
            } else {
                primary
            }
        } else {
            primary
        };
        caret.push(ch);
    }
    out.push_str(&caret);
    out.push('\n');
}
