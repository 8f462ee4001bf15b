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

    /// Re-initializes a recycled frame to run a function's code (keeps the vectors' capacity).
    /// Code, globals and builtins are taken by reference: a
    /// recycled frame that last ran the same function (recursion, a call in a loop) keeps its
    /// references instead of swapping them for equal ones.
    pub(crate) fn reset_shared(&mut self, code: &Rc<CodeObj>, globals: &ObjRef, builtins: &ObjRef) {
        self.clear_slots(code.nlocalsplus, code.stacksize);
        if !Rc::ptr_eq(&self.code, code) {
            self.code = code.clone();
        }
        if !Rc::ptr_eq(&self.globals, globals) {
            self.globals = globals.clone();
        }
        if !Rc::ptr_eq(&self.builtins, builtins) {
            self.builtins = builtins.clone();
        }
        self.locals = None;
    }

    /// Empties the value stack (reserved to `cap`) and sets `n` fast locals to NULL; resets the
    /// instruction pointers and per-call state.
    fn clear_slots(&mut self, n: usize, cap: usize) {
        self.stack.clear();
        self.stack.reserve(cap);
        self.fast.clear();
        self.fast.reserve(n);
        let p = self.fast.as_mut_ptr().cast::<u64>();
        // SAFETY: the vector is empty with capacity >= n, so slots 0..n are allocated and
        // unused. `Value` is `repr(u64)` with `Null = 0` (value.rs): a slot whose first word is 0
        // is a valid `Value::Null` (it has no payload), so after the loop the first n slots are
        // initialized, as `set_len` requires. (Pushing `Value::Null` n times went through a
        // 16-byte temporary that stalled on every store: see docs/performance.md.)
        unsafe {
            for i in 0..n {
                p.add(2 * i).write(0);
            }
            self.fast.set_len(n);
        }
        self.pc = 0;
        self.lasti = 0;
        self.func = None;
        self.kw_names = None;
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
