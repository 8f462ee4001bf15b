//! `_signal`: the signal numbers of Linux, `signal`/`getsignal` (a table of handlers with
//! CPython's checks and initial state), `default_int_handler`, `strsignal`, `valid_signals`,
//! `SIG_DFL`/`SIG_IGN`, `NSIG`. Enough for `signal.py`, and so for `unittest` and `pdb`,
//! to import and keep their bookkeeping.
//!
//! pyvm installs no process-level handlers: a guest cannot change how the host reacts to a
//! signal, and no handler set here is ever called by the operating system (`raise_signal`,
//! `alarm` and `pause` are not provided).

use super::{add_fn, bind, register};
use pyvm_vm::{ObjRef, PyResult, Value, Vm};
use std::cell::RefCell;
use std::rc::Rc;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_signal"], build);
}

const NSIG: i64 = 65;

/// Linux's signal names and numbers (x86-64), aliases included.
const SIGNALS: [(&str, i64); 33] = [
    ("SIGHUP", 1),
    ("SIGINT", 2),
    ("SIGQUIT", 3),
    ("SIGILL", 4),
    ("SIGTRAP", 5),
    ("SIGABRT", 6),
    ("SIGIOT", 6),
    ("SIGBUS", 7),
    ("SIGFPE", 8),
    ("SIGKILL", 9),
    ("SIGUSR1", 10),
    ("SIGSEGV", 11),
    ("SIGUSR2", 12),
    ("SIGPIPE", 13),
    ("SIGALRM", 14),
    ("SIGTERM", 15),
    ("SIGSTKFLT", 16),
    ("SIGCHLD", 17),
    ("SIGCONT", 18),
    ("SIGSTOP", 19),
    ("SIGTSTP", 20),
    ("SIGTTIN", 21),
    ("SIGTTOU", 22),
    ("SIGURG", 23),
    ("SIGXCPU", 24),
    ("SIGXFSZ", 25),
    ("SIGVTALRM", 26),
    ("SIGPROF", 27),
    ("SIGWINCH", 28),
    ("SIGIO", 29),
    ("SIGPOLL", 29),
    ("SIGPWR", 30),
    ("SIGSYS", 31),
];

/// `strsignal(n)`: glibc's descriptions.
fn description(n: i64) -> Option<String> {
    let s = match n {
        1 => "Hangup",
        2 => "Interrupt",
        3 => "Quit",
        4 => "Illegal instruction",
        5 => "Trace/breakpoint trap",
        6 => "Aborted",
        7 => "Bus error",
        8 => "Floating point exception",
        9 => "Killed",
        10 => "User defined signal 1",
        11 => "Segmentation fault",
        12 => "User defined signal 2",
        13 => "Broken pipe",
        14 => "Alarm clock",
        15 => "Terminated",
        16 => "Stack fault",
        17 => "Child exited",
        18 => "Continued",
        19 => "Stopped (signal)",
        20 => "Stopped",
        21 => "Stopped (tty input)",
        22 => "Stopped (tty output)",
        23 => "Urgent I/O condition",
        24 => "CPU time limit exceeded",
        25 => "File size limit exceeded",
        26 => "Virtual timer expired",
        27 => "Profiling timer expired",
        28 => "Window changed",
        29 => "I/O possible",
        30 => "Power failure",
        31 => "Bad system call",
        34..=64 => return Some(format!("Real-time signal {}", n - 34)),
        _ => return None,
    };
    Some(s.to_string())
}

/// The signal number argument: an int in `1..NSIG`.
fn signum(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let n = vm.to_index(v)?;
    if !(1..NSIG).contains(&n) {
        return Err(vm.new_value_error("signal number out of range"));
    }
    Ok(n)
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    for (k, v) in SIGNALS {
        vm.set_module_attr(&m, k, Value::Int(v));
    }
    for (k, v) in [
        ("SIGRTMIN", 34),
        ("SIGRTMAX", 64),
        ("NSIG", NSIG),
        ("SIG_DFL", 0),
        ("SIG_IGN", 1),
    ] {
        vm.set_module_attr(&m, k, Value::Int(v));
    }
    let default_int = vm.new_native_function("default_int_handler", |vm, a| {
        super::between(vm, &a, "default_int_handler", 2, 2)?;
        let ki = vm.types().exc.keyboard_interrupt.clone();
        Err(vm.new_exception_msg(&ki, ""))
    });
    vm.set_module_attr(&m, "default_int_handler", default_int.clone());
    // CPython's state at start-up: Python's own SIGINT handler, SIGPIPE and SIGXFSZ ignored.
    let mut table: Vec<Value> = vec![Value::Int(0); usize::try_from(NSIG).unwrap_or(65)];
    table[2] = default_int;
    table[13] = Value::Int(1);
    table[25] = Value::Int(1);
    let handlers = Rc::new(RefCell::new(table));
    let h = handlers.clone();
    add_fn(vm, &m, "signal", move |vm, a| {
        let p = bind(vm, &a, "signal", &["signalnum", "handler"], 2, 2, 0)?;
        let n = signum(vm, p[0].as_ref().unwrap_or(&Value::None))?;
        let handler = p[1].clone().unwrap_or(Value::None);
        let is_flag = matches!(handler, Value::Int(0 | 1));
        if !is_flag && !super::functools::is_callable(vm, &handler) {
            return Err(vm.new_type_error(
                "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
            ));
        }
        if matches!(n, 9 | 19) {
            let e = std::io::Error::from_raw_os_error(22);
            return Err(super::posix::os_error(vm, &e, None));
        }
        let slot = usize::try_from(n).unwrap_or(0);
        let old = std::mem::replace(&mut h.borrow_mut()[slot], handler);
        Ok(old)
    });
    let h = handlers;
    add_fn(vm, &m, "getsignal", move |vm, a| {
        let p = bind(vm, &a, "getsignal", &["signalnum"], 1, 1, 0)?;
        let n = signum(vm, p[0].as_ref().unwrap_or(&Value::None))?;
        let slot = usize::try_from(n).unwrap_or(0);
        Ok(h.borrow()[slot].clone())
    });
    add_fn(vm, &m, "strsignal", |vm, a| {
        let p = bind(vm, &a, "strsignal", &["signalnum"], 1, 1, 0)?;
        let n = signum(vm, p[0].as_ref().unwrap_or(&Value::None))?;
        Ok(description(n).map_or(Value::None, |s| vm.new_string(s)))
    });
    add_fn(vm, &m, "valid_signals", |vm, a| {
        super::none(vm, &a, "valid_signals")?;
        let nums: Vec<Value> = (1..NSIG)
            .filter(|n| !matches!(n, 32 | 33))
            .map(Value::Int)
            .collect();
        let list = vm.new_list(nums);
        vm.call(&Value::Obj(vm.types().set.clone()), &[list])
    });
    Ok(m)
}
