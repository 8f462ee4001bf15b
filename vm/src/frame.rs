//! Frames: one activation of a code object. Heap-allocated (`Box<Frame>`) so a generator can own one.

use crate::code::CodeObj;
use crate::object::ObjRef;
use crate::value::Value;
use std::rc::Rc;

/// One activation record.
pub struct Frame {
    pub code: Rc<CodeObj>,
    /// Index (code unit) of the next instruction.
    pub pc: usize,
    /// Index of the instruction being executed (for tracebacks and the exception table).
    pub lasti: usize,
    /// The value stack.
    pub stack: Vec<Value>,
    /// "Fast locals": arguments, locals, cells and free variables (`co_localsplusnames` order).
    pub fast: Vec<Value>,
    pub globals: ObjRef,
    pub builtins: ObjRef,
    /// The locals mapping of module and class bodies (`LOAD_NAME`/`STORE_NAME`).
    pub locals: Option<ObjRef>,
    /// The function being run (for `COPY_FREE_VARS`).
    pub func: Option<ObjRef>,
    /// Pending keyword names set by `KW_NAMES` (index into consts).
    pub kw_names: Option<u32>,
}

impl Frame {
    /// Pushes onto the value stack. The stack is reserved to `co_stacksize` when the frame is
    /// set up (and the verifier proved no path goes deeper), so the hot branch is a plain store;
    /// keeping the growth call out of it lets LLVM write the value straight into its slot
    /// instead of through a temporary (see docs/performance.md).
    #[inline(always)]
    pub fn push(&mut self, v: Value) {
        push_value(&mut self.stack, v);
    }

    /// A fresh frame for `code` with all locals unbound.
    pub fn new(
        code: Rc<CodeObj>,
        globals: ObjRef,
        builtins: ObjRef,
        locals: Option<ObjRef>,
    ) -> Box<Frame> {
        let n = code.nlocalsplus;
        let cap = code.stacksize;
        Box::new(Frame {
            code,
            pc: 0,
            lasti: 0,
            stack: Vec::with_capacity(cap),
            fast: vec![Value::Null; n],
            globals,
            builtins,
            locals,
            func: None,
            kw_names: None,
        })
    }
}

/// [`Frame::push`] on a borrowed stack (when other fields of the frame are borrowed too).
#[inline(always)]
pub(crate) fn push_value(stack: &mut Vec<Value>, v: Value) {
    if stack.len() < stack.capacity() {
        let n = stack.len();
        // SAFETY: `n < capacity`, so slot `n` is allocated and unused; after the write the
        // first `n + 1` slots are initialized, which is what `set_len` requires.
        unsafe {
            stack.as_mut_ptr().add(n).write(v);
            stack.set_len(n + 1);
        }
    } else {
        push_slow(stack, v);
    }
}

#[cold]
#[inline(never)]
fn push_slow(stack: &mut Vec<Value>, v: Value) {
    stack.push(v);
}
