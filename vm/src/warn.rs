//! Warnings raised by the VM and by builtins: `Vm::warn` hands them to the hook the builtins
//! crate's `_warnings` module installs (filters, registries, printing live there). Without a
//! hook a warning is dropped, as if every filter said "ignore".

use crate::code::CodeObj;
use crate::frame::Frame;
use crate::object::ObjRef;
use crate::{PyResult, Vm};
use std::rc::Rc;

/// Called as `hook(vm, category, message, stacklevel)`; returns `Err` when a filter turns the
/// warning into an exception (or the display code raised).
pub type WarnHook = Rc<dyn Fn(&mut Vm, &ObjRef, &str, usize) -> PyResult<()>>;

/// The Python frame a warning is attributed to.
pub struct WarnFrame {
    pub code: Rc<CodeObj>,
    /// The line being executed (`f_lineno`; -1 when the instruction has none).
    pub lineno: i64,
    pub globals: ObjRef,
}

impl Vm {
    /// Installs the function that issues warnings (see [`WarnHook`]).
    pub fn set_warn_hook(&mut self, hook: WarnHook) {
        self.warn_hook = Some(hook);
    }

    /// Issues a warning of class `category` (a `Warning` subclass) with text `message`,
    /// attributed to the Python frame `stacklevel` levels up (1: the frame running the VM
    /// operation, or the frame that called the running frame-aware builtin). `Err` when the
    /// warning filters turn it into an exception.
    pub fn warn(&mut self, category: &ObjRef, message: &str, stacklevel: usize) -> PyResult<()> {
        match self.warn_hook.clone() {
            Some(h) => h(self, category, message, stacklevel),
            None => Ok(()),
        }
    }

    /// The Python frame `level` levels up from the running code (1: the frame that called the
    /// running frame-aware builtin, or that runs the VM operation issuing a warning); `None`
    /// when the stack is not that deep. Levels beyond the first follow the suspended callers
    /// of the innermost dispatch loop, then those of outer loops (a frame running native code
    /// that re-entered Python is not seen).
    pub fn warn_frame(&self, level: usize) -> Option<WarnFrame> {
        let (code, instr) = self.frame_code.clone()?;
        let globals = self.frame_ctx.as_ref()?.0.clone();
        if level <= 1 {
            let lineno = i64::from(code.position(instr).line.unwrap_or(-1));
            return Some(WarnFrame {
                code,
                lineno,
                globals,
            });
        }
        let idx = self.frames.len().checked_sub(level - 1)?;
        let f = self.frames.get(idx)?;
        Some(WarnFrame {
            code: f.code.clone(),
            lineno: i64::from(f.code.position(f.lasti).line.unwrap_or(-1)),
            globals: f.globals.clone(),
        })
    }

    /// Line `lineno` of source file `file`, read the way tracebacks read it (never in a VM whose
    /// host turned source reading off).
    pub fn source_line(&self, file: &str, lineno: i64) -> Option<String> {
        let mut cache = crate::traceback::SourceCache::new(self.traceback_source);
        cache.line(file, i32::try_from(lineno).ok()?)
    }

    /// `Vm::warn` from an operation of the dispatch loop running frame `f` (cold path).
    pub(crate) fn warn_in_frame(
        &mut self,
        f: &Frame,
        category: &ObjRef,
        message: &str,
    ) -> PyResult<()> {
        if self.warn_hook.is_none() {
            return Ok(());
        }
        let ctx = self.frame_context(f)?;
        let saved = self.frame_ctx.replace(ctx);
        let saved_code = self.frame_code.replace((f.code.clone(), f.lasti));
        let r = self.warn(category, message, 1);
        self.frame_ctx = saved;
        self.frame_code = saved_code;
        r
    }

    /// CPython 3.12's `DeprecationWarning` for `~` applied to a `bool`.
    #[cold]
    pub(crate) fn warn_bool_invert(&mut self, f: &Frame) -> PyResult<()> {
        let cat = self.t.exc.deprecation_warning.clone();
        self.warn_in_frame(f, &cat, BOOL_INVERT)
    }
}

const BOOL_INVERT: &str = "Bitwise inversion '~' on bool is deprecated and will be removed in \
Python 3.16. This returns the bitwise \
inversion of the underlying int object and is usually not what you expect from negating a bool. \
Use the 'not' operator for boolean negation or ~int(x) if you really want the bitwise inversion \
of the underlying int.";
