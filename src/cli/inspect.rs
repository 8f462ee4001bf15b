//! `pyvm inspect FILE.pyc`: an x-ray of a `.pyc` — its header, whether its source is fresh, and the
//! tree of code objects with every field decoded.

use super::date::utc_string;
use pyvm::loader::header::{Header, Validation, HEADER_LEN};
use pyvm::loader::magic::{magic_of, version_of_magic};
use pyvm::loader::object::{flags, kinds};
use pyvm::loader::{exctable, linetable, repr, Code, Freshness, Obj, PyStr, SourceInfo};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A failure, with whatever was already rendered (the header, when only the body is bad).
pub struct InspectError {
    pub partial: String,
    pub error: Box<dyn std::error::Error>,
}

/// `CO_FAST_HIDDEN`: a comprehension variable inlined into its enclosing function (PEP 709).
const HIDDEN: u8 = 0x10;

/// `co_flags` names in bit order, as `dis.COMPILER_FLAG_NAMES` has them.
const FLAG_NAMES: [(u32, &str); 10] = [
    (flags::OPTIMIZED, "OPTIMIZED"),
    (flags::NEWLOCALS, "NEWLOCALS"),
    (flags::VARARGS, "VARARGS"),
    (flags::VARKEYWORDS, "VARKEYWORDS"),
    (flags::NESTED, "NESTED"),
    (flags::GENERATOR, "GENERATOR"),
    (flags::NOFREE, "NOFREE"),
    (flags::COROUTINE, "COROUTINE"),
    (flags::ITERABLE_COROUTINE, "ITERABLE_COROUTINE"),
    (flags::ASYNC_GENERATOR, "ASYNC_GENERATOR"),
];

/// Renders the report for `file`.
pub fn inspect(file: &Path) -> Result<String, InspectError> {
    let mut out = String::new();
    let bytes = std::fs::read(file).map_err(|e| InspectError {
        partial: String::new(),
        error: format!("cannot read {}: {e}", file.display()).into(),
    })?;
    let _ = writeln!(
        out,
        "file:         {} ({} bytes)",
        file.display(),
        bytes.len()
    );
    if let Some(first4) = bytes.get(..4).and_then(|b| <[u8; 4]>::try_from(b).ok()) {
        let hex: Vec<String> = first4.iter().map(|b| format!("{b:02x}")).collect();
        match magic_of(first4) {
            Some(magic) => {
                let _ = writeln!(
                    out,
                    "magic:        {} = {magic} ({})",
                    hex.join(" "),
                    version_of_magic(magic)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "magic:        {} (not a .pyc magic number)",
                    hex.join(" ")
                );
            }
        }
    }
    let pyc = match pyvm::loader::load_pyc(&bytes) {
        Ok(p) => p,
        Err(e) => {
            // Show what the header says even when the rest cannot be loaded.
            if let Ok(header) = Header::parse(&bytes) {
                write_header(&mut out, &header);
            }
            return Err(InspectError {
                partial: out,
                error: Box::new(e),
            });
        }
    };
    write_header(&mut out, &pyc.header);
    write_source_status(&mut out, file, &pyc.header, &pyc.code);
    let _ = writeln!(
        out,
        "marshal data: {} bytes",
        bytes.len().saturating_sub(HEADER_LEN)
    );
    out.push('\n');
    write_code(&mut out, &pyc.code, 0);
    // Empty lists would leave trailing spaces; keep the report free of them.
    let mut trimmed = String::with_capacity(out.len());
    for line in out.lines() {
        trimmed.push_str(line.trim_end());
        trimmed.push('\n');
    }
    Ok(trimmed)
}

fn write_header(out: &mut String, header: &Header) {
    match header.validation {
        Validation::Timestamp { mtime, size } => {
            let note = if header.flags == 0 {
                "timestamp-based"
            } else {
                "timestamp-based; check_source bit set without the hash bit"
            };
            let _ = writeln!(out, "flags:        0x{:08x} ({note})", header.flags);
            let _ = writeln!(
                out,
                "source mtime: {} ({mtime})",
                utc_string(i64::from(mtime))
            );
            let _ = writeln!(out, "source size:  {size} bytes");
        }
        Validation::Hash { hash, checked } => {
            let note = if checked {
                "hash-based, checked"
            } else {
                "hash-based, unchecked"
            };
            let _ = writeln!(out, "flags:        0x{:08x} ({note})", header.flags);
            let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
            let _ = writeln!(out, "source hash:  {hex}");
        }
    }
}

/// Where the source of `pyc` may be: `co_filename` (relative to the current directory), then the
/// `.py` beside the `.pyc` (or beside its `__pycache__` directory).
fn source_candidates(pyc: &Path, code: &Code) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(name) = code.filename.as_str() {
        if !name.is_empty() && !name.starts_with('<') {
            out.push(PathBuf::from(name));
        }
    }
    let parent = pyc.parent().unwrap_or(Path::new(""));
    if let Some(stem) = pyc.file_stem().and_then(|s| s.to_str()) {
        if parent.file_name().is_some_and(|d| d == "__pycache__") {
            let module = stem.split('.').next().unwrap_or(stem);
            let dir = parent.parent().unwrap_or(Path::new(""));
            out.push(dir.join(format!("{module}.py")));
        } else {
            out.push(parent.join(format!("{stem}.py")));
        }
    }
    out.dedup();
    out
}

fn write_source_status(out: &mut String, pyc: &Path, header: &Header, code: &Code) {
    let candidates = source_candidates(pyc, code);
    let Some(found) = candidates.iter().find(|p| p.is_file()) else {
        let tried: Vec<String> = candidates.iter().map(|p| p.display().to_string()).collect();
        let _ = writeln!(
            out,
            "source:       not found (looked for {})",
            tried.join(", ")
        );
        return;
    };
    let meta = match std::fs::metadata(found) {
        Ok(m) => m,
        Err(e) => {
            let _ = writeln!(out, "source:       {} (unreadable: {e})", found.display());
            return;
        }
    };
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    let needs_bytes = matches!(header.validation, Validation::Hash { checked: true, .. });
    let contents = if needs_bytes {
        std::fs::read(found).ok()
    } else {
        None
    };
    let info = SourceInfo {
        mtime,
        size: meta.len(),
        bytes: contents.as_deref(),
    };
    let verdict = match header.freshness(&info) {
        Freshness::Fresh => "fresh".to_owned(),
        Freshness::Trusted => "not checked: unchecked hash-based .pyc".to_owned(),
        Freshness::StaleMtime => format!("stale: source modified {}", utc_string(mtime as i64)),
        Freshness::StaleSize => format!("stale: source is {} bytes", meta.len()),
        Freshness::StaleHash => "stale: source hash differs".to_owned(),
        Freshness::NeedsSource => "unknown: source unreadable".to_owned(),
        other => format!("{other:?}"),
    };
    let _ = writeln!(out, "source:       {} ({verdict})", found.display());
}

fn flag_names(value: u32) -> String {
    let mut names: Vec<String> = Vec::new();
    let mut rest = value;
    for (bit, name) in FLAG_NAMES {
        if rest & bit != 0 {
            names.push(name.to_owned());
            rest &= !bit;
        }
    }
    if rest != 0 {
        names.push(format!("0x{rest:x}"));
    }
    names.join(", ")
}

fn lossy(s: &PyStr) -> String {
    s.to_str_lossy().into_owned()
}

fn name_list(names: &[PyStr]) -> String {
    names.iter().map(lossy).collect::<Vec<_>>().join(", ")
}

/// A constant's repr, with nested code objects shown without their (run-dependent) address.
fn const_display(obj: &Obj) -> String {
    match obj {
        Obj::Code(c) => format!("<code object {}, line {}>", lossy(&c.name), c.firstlineno),
        other => repr::const_repr(other),
    }
}

fn write_code(out: &mut String, code: &Code, depth: usize) {
    let pad = "  ".repeat(depth);
    let _ = writeln!(
        out,
        "{pad}code {}  ({}:{})",
        lossy(&code.name),
        lossy(&code.filename),
        code.firstlineno
    );
    let pad = "  ".repeat(depth + 1);
    let field = |out: &mut String, label: &str, value: &str| {
        let _ = writeln!(out, "{pad}{:<16}{value}", format!("{label}:"));
    };
    field(out, "qualname", &lossy(&code.qualname));
    field(
        out,
        "arguments",
        &format!(
            "argcount {}, posonlyargcount {}, kwonlyargcount {}",
            code.argcount, code.posonlyargcount, code.kwonlyargcount
        ),
    );
    let names = flag_names(code.flags);
    field(
        out,
        "flags",
        &if names.is_empty() {
            format!("0x{:08x}", code.flags)
        } else {
            format!("0x{:08x} ({names})", code.flags)
        },
    );
    field(out, "stacksize", &code.stacksize.to_string());
    let lines = match linetable::lines(code) {
        Ok(ranges) => {
            let known: Vec<i32> = ranges.iter().filter_map(|r| r.line).collect();
            match (known.iter().min(), known.iter().max()) {
                (Some(lo), Some(hi)) => format!("lines {lo}-{hi}"),
                _ => "no line numbers".to_owned(),
            }
        }
        Err(e) => format!("bad line table: {e}"),
    };
    let handlers = match exctable::parse(&code.exceptiontable) {
        Ok(entries) => format!("{} exception table entries", entries.len()),
        Err(e) => format!("bad exception table: {e}"),
    };
    field(
        out,
        "bytecode",
        &format!(
            "{} bytes ({} code units), {lines}, {handlers}",
            code.code.len(),
            code.code_units()
        ),
    );
    let _ = writeln!(out, "{pad}consts ({}):", code.consts.len());
    for (i, c) in code.consts.iter().enumerate() {
        let _ = writeln!(out, "{pad}  {i:>3}: {}", const_display(c));
    }
    field(
        out,
        &format!("names ({})", code.names.len()),
        &name_list(&code.names),
    );
    let locals: Vec<String> = code
        .localsplusnames
        .iter()
        .zip(
            code.localspluskinds
                .iter()
                .copied()
                .chain(std::iter::repeat(0)),
        )
        .map(|(name, kind)| {
            let mut tags = Vec::new();
            if kind & kinds::LOCAL != 0 {
                tags.push("local");
            }
            if kind & kinds::CELL != 0 {
                tags.push("cell");
            }
            if kind & kinds::FREE != 0 {
                tags.push("free");
            }
            if kind & HIDDEN != 0 {
                tags.push("hidden");
            }
            if tags.is_empty() {
                format!("{} [0x{kind:02x}]", lossy(name))
            } else {
                format!("{} [{}]", lossy(name), tags.join("+"))
            }
        })
        .collect();
    field(
        out,
        &format!("localsplus ({})", locals.len()),
        &locals.join(", "),
    );
    let varnames = code.varnames();
    let cellvars = code.cellvars();
    let freevars = code.freevars();
    field(
        out,
        &format!("varnames ({})", varnames.len()),
        &name_list(&varnames),
    );
    field(
        out,
        &format!("cellvars ({})", cellvars.len()),
        &name_list(&cellvars),
    );
    field(
        out,
        &format!("freevars ({})", freevars.len()),
        &name_list(&freevars),
    );
    for c in code.consts.iter() {
        if let Obj::Code(inner) = c {
            out.push('\n');
            write_code(out, inner, depth + 1);
        }
    }
}
