//! Host-imposed limits for embedders: an instruction budget ("fuel"), an interrupt flag another
//! thread can raise, a heap budget, and an import filter.
//!
//! ## Heap accounting
//!
//! The VM does not allocate through a heap of its own, so a heap budget needs the host's global
//! allocator to report allocations: [`heap_note_alloc`] / [`heap_note_free`] keep a per-thread
//! count of live bytes (the embedding crate's `CountingAllocator` calls them). A VM is confined
//! to its thread, so that count is the VM's heap plus whatever else the thread allocates.
//! Crossing the budget trips a thread-local flag that every safe point looks at, so the guest
//! gets `MemoryError` at most one instruction (or one native iteration step) after the
//! allocation that crossed it; [`Vm::check_alloc`] refuses single large allocations up front.
//!
//! ## How the guest is stopped
//!
//! The dispatch loop decrements [`Limits::countdown`] once per instruction (one subtraction, no
//! branch) and looks at it only at *safe points*: `RESUME` (function entry and generator
//! resumption), `JUMP_BACKWARD` (every loop iteration) and each step of a native iteration
//! ([`Vm::next`]). Those are the places where CPython itself may raise `KeyboardInterrupt`, so the
//! exception tables of every code object already cover them. When the countdown reaches zero (or
//! the heap tripwire is set), [`Vm::poll_limits`] settles the fuel spent, reads the interrupt
//! flag and checks the heap budget.
//!
//! Fuel exhaustion and interrupts *abort* the guest: an exception is raised and, while the abort
//! is in force, the unwinder ignores every `except`/`finally`/`with` handler, so no guest code
//! can catch it or run afterwards (every later safe point raises it again). The host sees the
//! reason through [`Vm::abort_reason`] and clears it with [`Vm::clear_abort`] before the next
//! call. A heap budget overrun is different: it raises an ordinary, catchable `MemoryError`.

use crate::object::{ObjRef, Payload, PyObject, TupleData};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

thread_local! {
    /// Bytes allocated minus bytes freed on this thread (as reported by the host's allocator).
    static HEAP_NET: Cell<i64> = const { Cell::new(0) };
    /// `HEAP_NET` above this trips the flag below.
    static HEAP_TRIP_AT: Cell<i64> = const { Cell::new(i64::MAX) };
    /// Set when an allocation crossed `HEAP_TRIP_AT`; read at every safe point.
    static HEAP_TRIPPED: Cell<bool> = const { Cell::new(false) };
}

thread_local! {
    /// How many container drops are running inside each other on this thread.
    static DROP_DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Contents of containers whose drop was deferred to keep the native stack shallow.
    static TRASH: RefCell<Vec<(Payload, Option<ObjRef>)>> = const { RefCell::new(Vec::new()) };
}

/// Container drops nested deeper than this are deferred to the thread's trash list.
const DROP_NEST: u32 = 200;

/// Frees the contents of a dying object without unbounded native recursion (CPython's
/// "trashcan"): a `[[[...]]]` a million levels deep must not overflow the host's stack.
/// `dict` is the object's side dict (`crate::sidedict`), released after the payload.
pub(crate) fn trashcan(obj: &mut PyObject, dict: Option<ObjRef>) {
    let leaf = matches!(
        obj.payload,
        Payload::Str(_)
            | Payload::BigInt(_)
            | Payload::Float(_)
            | Payload::Complex { .. }
            | Payload::Bytes(_)
            | Payload::ByteArray(_)
            | Payload::NotImplemented
            | Payload::Ellipsis
    );
    if leaf && dict.is_none() {
        return;
    }
    let Ok(depth) = DROP_DEPTH.try_with(Cell::get) else {
        return;
    };
    let payload = std::mem::replace(&mut obj.payload, Payload::NotImplemented);
    if depth >= DROP_NEST {
        let deferred = TRASH.try_with(|t| match t.try_borrow_mut() {
            Ok(mut t) => {
                t.push((payload, dict));
                None
            }
            Err(_) => Some((payload, dict)),
        });
        // Only when the list is unavailable (thread teardown) is the drop done right here.
        drop(deferred);
        return;
    }
    let _ = DROP_DEPTH.try_with(|d| d.set(depth + 1));
    release_payload(payload);
    drop(dict);
    if depth == 0 {
        loop {
            let next = TRASH.try_with(|t| t.try_borrow_mut().ok().and_then(|mut t| t.pop()));
            match next {
                Ok(Some((payload, dict))) => {
                    release_payload(payload);
                    drop(dict);
                }
                _ => break,
            }
        }
    }
    let _ = DROP_DEPTH.try_with(|d| d.set(depth));
}

/// Releases what a dead object held. A list's or tuple's items go last to first, the order
/// CPython's deallocators release them in (it shows in the order `__del__` methods run).
/// The loops are written out rather than calling `value::release_last_first`: with the call,
/// `fannkuch` ran 1% more instructions (code layout of the drop path).
fn release_payload(payload: Payload) {
    match payload {
        // (`ListItems` releases its items last to first itself.)
        Payload::List(items) => drop(items),
        Payload::Tuple(TupleData::Pair([a, b])) => {
            drop(b);
            drop(a);
        }
        Payload::Tuple(TupleData::Boxed(items)) => {
            let mut v = items.into_vec();
            while let Some(x) = v.pop() {
                drop(x);
            }
        }
        other => drop(other),
    }
}

/// Has any allocator reported to [`heap_note_alloc`]?
static HEAP_COUNTING: AtomicBool = AtomicBool::new(false);

/// Records an allocation of `bytes` on the current thread. Called by a counting global
/// allocator: it never allocates and never panics.
#[inline]
pub fn heap_note_alloc(bytes: usize) {
    let n = i64::try_from(bytes).unwrap_or(i64::MAX);
    let _ = HEAP_NET.try_with(|c| {
        let now = c.get().saturating_add(n);
        c.set(now);
        if now > HEAP_TRIP_AT.try_with(Cell::get).unwrap_or(i64::MAX) {
            let _ = HEAP_TRIPPED.try_with(|t| t.set(true));
        }
    });
    if !HEAP_COUNTING.load(Ordering::Relaxed) {
        HEAP_COUNTING.store(true, Ordering::Relaxed);
    }
}

/// Records that `bytes` were freed on the current thread.
#[inline]
pub fn heap_note_free(bytes: usize) {
    let n = i64::try_from(bytes).unwrap_or(i64::MAX);
    let _ = HEAP_NET.try_with(|c| c.set(c.get().saturating_sub(n)));
}

/// Net bytes allocated on this thread so far (0 without a counting allocator).
pub fn heap_thread_bytes() -> i64 {
    HEAP_NET.try_with(Cell::get).unwrap_or(0)
}

/// Would allocating `bytes` more on this thread pass the heap limit of the VM running here?
/// For native code that is about to make one large block whose size came from the guest (a
/// format width, a repeat count): without this, the block would be allocated whole before the
/// next safe point noticed the overrun.
pub fn heap_would_trip(bytes: usize) -> bool {
    let at = HEAP_TRIP_AT.try_with(Cell::get).unwrap_or(i64::MAX);
    at != i64::MAX
        && heap_thread_bytes().saturating_add(i64::try_from(bytes).unwrap_or(i64::MAX)) > at
}

/// Does a counting allocator report allocations (so heap limits can work)?
pub fn heap_counting_enabled() -> bool {
    HEAP_COUNTING.load(Ordering::Relaxed)
}

#[inline]
fn heap_tripped() -> bool {
    HEAP_TRIPPED.try_with(Cell::get).unwrap_or(false)
}

/// Why the host stopped the guest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Abort {
    /// The instruction budget ran out.
    FuelExhausted,
    /// The interrupt flag was raised.
    Interrupted,
}

impl Abort {
    /// A short description (also the message of the internal exception).
    pub fn describe(self) -> &'static str {
        match self {
            Abort::FuelExhausted => "execution stopped by the host: instruction budget exhausted",
            Abort::Interrupted => "execution stopped by the host: interrupted",
        }
    }
}

/// Decides whether a module name may be imported from the registered native factories.
pub type ImportFilter = Rc<dyn Fn(&str) -> bool>;

/// Instructions between polls of the interrupt flag.
const POLL_INTERVAL: i64 = 1 << 12;
/// Countdown when nothing needs polling (never reached in practice).
const IDLE: i64 = i64::MAX / 4;

/// The limits state of one VM.
pub struct Limits {
    /// Instructions left before the next poll (decremented by the dispatch loop).
    pub(crate) countdown: i64,
    /// The value `countdown` was last armed with.
    window: i64,
    /// Remaining fuel at the moment the window was armed (`None`: unlimited).
    fuel: Option<u64>,
    interrupt: Option<Arc<AtomicBool>>,
    heap: Option<HeapBudget>,
    abort: Option<Abort>,
    import_filter: Option<ImportFilter>,
    /// Address of a stack slot of the host's entry into the VM (0: not marked).
    stack_base: usize,
    /// Bytes of native stack the VM may use below `stack_base` (0: unchecked).
    stack_budget: usize,
}

#[derive(Clone, Copy)]
struct HeapBudget {
    baseline: i64,
    limit: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            countdown: IDLE,
            window: IDLE,
            fuel: None,
            interrupt: None,
            heap: None,
            abort: None,
            import_filter: None,
            stack_base: 0,
            stack_budget: 0,
        }
    }
}

impl Limits {
    /// Settles the instructions run since the window was armed.
    fn settle(&mut self) {
        let used = u64::try_from(self.window.saturating_sub(self.countdown)).unwrap_or(0);
        if let Some(f) = &mut self.fuel {
            *f = f.saturating_sub(used);
        }
        self.window = 0;
        self.countdown = 0;
    }

    /// Arms the countdown for the next window.
    fn arm(&mut self) {
        if self.abort.is_some() {
            self.window = 0;
            self.countdown = 0;
            return;
        }
        let poll = if self.interrupt.is_some() {
            POLL_INTERVAL
        } else {
            IDLE
        };
        let w = match self.fuel {
            Some(f) => poll.min(i64::try_from(f).unwrap_or(i64::MAX)),
            None => poll,
        };
        self.window = w;
        self.countdown = w;
    }

    fn heap_used(&self) -> Option<u64> {
        self.heap
            .map(|h| u64::try_from(heap_thread_bytes().saturating_sub(h.baseline)).unwrap_or(0))
    }

    /// Points this thread's tripwire at this VM's budget.
    fn install_tripwire(&self) {
        let at = match self.heap {
            Some(h) => h
                .baseline
                .saturating_add(i64::try_from(h.limit).unwrap_or(i64::MAX)),
            None => i64::MAX,
        };
        let _ = HEAP_TRIP_AT.try_with(|c| c.set(at));
        let _ = HEAP_TRIPPED.try_with(|t| t.set(heap_thread_bytes() > at));
    }
}

impl Vm {
    /// Sets the instruction budget (`None`: unlimited). Also clears an earlier fuel abort.
    pub fn set_fuel(&mut self, fuel: Option<u64>) {
        self.limits.settle();
        self.limits.fuel = fuel;
        if self.limits.abort == Some(Abort::FuelExhausted) {
            self.limits.abort = None;
        }
        self.limits.arm();
    }

    /// The instructions left in the budget (`None`: unlimited).
    pub fn fuel(&self) -> Option<u64> {
        let l = &self.limits;
        let used = u64::try_from(l.window.saturating_sub(l.countdown)).unwrap_or(0);
        l.fuel.map(|f| f.saturating_sub(used))
    }

    /// Installs (or removes) the flag another thread raises to stop the guest. The VM lowers
    /// the flag again when it acts on it.
    pub fn set_interrupt_flag(&mut self, flag: Option<Arc<AtomicBool>>) {
        self.limits.settle();
        self.limits.interrupt = flag;
        self.limits.arm();
    }

    /// Limits this thread's heap to `limit` bytes above its current size (`None` removes the
    /// limit). Needs a counting allocator (see the module docs); overruns raise `MemoryError` in
    /// the guest at the next safe point.
    pub fn set_heap_limit(&mut self, limit: Option<u64>) {
        self.limits.heap = limit.map(|limit| HeapBudget {
            baseline: heap_thread_bytes(),
            limit,
        });
        self.limits.install_tripwire();
    }

    /// Bytes allocated since the heap limit was set (`None` without a heap limit).
    pub fn heap_used(&self) -> Option<u64> {
        self.limits.heap_used()
    }

    /// Restricts which modules `import` may build from the registered factories (`None`: all
    /// of them). Modules already in `sys.modules` are not filtered.
    pub fn set_import_filter(&mut self, filter: Option<ImportFilter>) {
        self.limits.import_filter = filter;
    }

    /// Fails with `ImportError` if the import filter refuses `name`. Every importer (native
    /// factories, file finders) calls this before building a module.
    pub fn check_import(&self, name: &str) -> PyResult<()> {
        match &self.limits.import_filter {
            Some(f) if !f(name) => {
                let e = self
                    .new_import_error(&format!("import of '{name}' is not allowed by the host"));
                if let Some(d) = e.exc().dict_obj().as_ref() {
                    let n = self.new_str(name);
                    self.dict_set_str(Some(d), "name", n);
                }
                Err(e)
            }
            _ => Ok(()),
        }
    }

    /// Fails with `MemoryError` if allocating `bytes` more would exceed the heap limit. Native
    /// code calls this before one large allocation (`'x' * n`, `bytes(n)`, …).
    pub fn check_alloc(&self, bytes: usize) -> PyResult<()> {
        if let (Some(h), Some(used)) = (self.limits.heap, self.limits.heap_used()) {
            if used.saturating_add(bytes as u64) > h.limit {
                return Err(self.new_exception(&self.t.exc.memory_error.clone(), vec![]));
            }
        }
        Ok(())
    }

    /// Limits the native (Rust) stack the VM may use below the point marked by
    /// [`Vm::mark_stack_base`] to `bytes` (`None`: unchecked). Native re-entry (a `__repr__`
    /// calling `repr`, a `key=` function recursing) beyond it raises `RecursionError` instead
    /// of overflowing the thread's stack.
    pub fn set_stack_limit(&mut self, bytes: Option<usize>) {
        self.limits.stack_budget = bytes.unwrap_or(0);
    }

    /// Marks the current stack position as the base the stack limit is measured from. The host
    /// calls it when it enters the VM.
    #[inline(never)]
    pub fn mark_stack_base(&mut self) {
        let marker = 0u8;
        self.limits.stack_base = std::hint::black_box(std::ptr::addr_of!(marker)) as usize;
    }

    /// Fails with `RecursionError` when the native stack used since [`Vm::mark_stack_base`]
    /// exceeds the stack limit. Called on every native → Python re-entry; recursive native
    /// code (repr, comparison of nested containers) may call it too.
    #[inline]
    pub fn check_stack(&self) -> PyResult<()> {
        if self.limits.stack_budget == 0 || self.limits.stack_base == 0 {
            return Ok(());
        }
        self.check_stack_slow()
    }

    #[inline(never)]
    fn check_stack_slow(&self) -> PyResult<()> {
        let l = &self.limits;
        let marker = 0u8;
        let here = std::hint::black_box(std::ptr::addr_of!(marker)) as usize;
        // Stacks grow downwards on every platform Rust supports with threads.
        if l.stack_base.saturating_sub(here) > l.stack_budget {
            return Err(self.new_recursion_error("maximum recursion depth exceeded"));
        }
        Ok(())
    }

    /// Why the guest was stopped, while the abort is in force.
    pub fn abort_reason(&self) -> Option<Abort> {
        self.limits.abort
    }

    /// Ends an abort so the VM can run code again (forgetting the exception that was being
    /// handled when the guest was stopped), and points the heap tripwire at this VM. The host
    /// calls it before each entry into guest code.
    pub fn clear_abort(&mut self) {
        if self.limits.abort.take().is_some() {
            self.cur_exc = Value::None;
        }
        self.limits.settle();
        self.limits.arm();
        self.limits.install_tripwire();
    }

    /// Is an abort in force (handlers must not run)?
    #[inline]
    pub(crate) fn aborting(&self) -> bool {
        self.limits.abort.is_some()
    }

    /// A safe point: polls the limits when the countdown has run out or the heap tripped.
    #[inline]
    pub(crate) fn safe_point(&mut self) -> PyResult<()> {
        if self.limits.countdown <= 0 || heap_tripped() {
            return self.poll_limits();
        }
        Ok(())
    }

    /// Counts one step of native work (an iteration step) and polls at the end of a window.
    /// Long-running native loops that don't go through [`Vm::next`] may call this.
    #[inline]
    pub fn tick(&mut self) -> PyResult<()> {
        self.limits.countdown -= 1;
        self.safe_point()
    }

    /// Counts `units` steps of native work at once (a computation that runs long inside one
    /// call) and polls the limits.
    pub fn charge(&mut self, units: u64) -> PyResult<()> {
        let u = i64::try_from(units).unwrap_or(i64::MAX);
        self.limits.countdown = self.limits.countdown.saturating_sub(u);
        self.safe_point()
    }

    /// Charges, before it starts, a big-integer computation whose result has about
    /// `result_bits` bits (`**`, `math.factorial`): multiplying numbers of n words costs more
    /// than n steps, so the charge grows faster than the size. A guest under a fuel limit then
    /// cannot spend minutes in one native call.
    pub fn charge_bigint(&mut self, result_bits: u64) -> PyResult<()> {
        let words = result_bits / 64;
        if words < 64 {
            return Ok(());
        }
        self.charge(words.saturating_mul(1 + words / 1024))
    }

    /// Settles the fuel, reads the interrupt flag, checks the heap budget, and re-arms the
    /// countdown.
    pub fn poll_limits(&mut self) -> PyResult<()> {
        self.limits.settle();
        if let Some(a) = self.limits.abort {
            return Err(self.abort_error(a));
        }
        let mut reason = None;
        if self
            .limits
            .interrupt
            .as_ref()
            .is_some_and(|f| f.swap(false, Ordering::Relaxed))
        {
            reason = Some(Abort::Interrupted);
        } else if self.limits.fuel == Some(0) {
            reason = Some(Abort::FuelExhausted);
        }
        if let Some(a) = reason {
            self.limits.abort = Some(a);
            self.limits.arm();
            return Err(self.abort_error(a));
        }
        let over = match (self.limits.heap, self.limits.heap_used()) {
            (Some(h), Some(used)) => used > h.limit,
            _ => false,
        };
        self.limits.arm();
        let _ = HEAP_TRIPPED.try_with(|t| t.set(false));
        if over {
            return Err(self.new_exception(&self.t.exc.memory_error.clone(), vec![]));
        }
        Ok(())
    }

    fn abort_error(&self, a: Abort) -> PyErr {
        self.new_exception_msg(&self.t.exc.base_exception, a.describe())
    }
}
