//! `pyvm run`: run a `.pyc` as `__main__` exactly like `python3.12 FILE.pyc`.

use pyvm_vm::{PyErr, StdoutBuffering, Value, Vm};
use std::path::Path;

/// Stack size of the interpreter thread: native re-entry (e.g. `sorted(key=...)` calling Python)
/// recurses on the Rust stack, bounded by the VM's depth limits.
const VM_STACK: usize = 256 << 20;

/// Runs `path` as the `__main__` module with `sys.argv == [path, args...]` and returns the
/// process exit status (0, the `SystemExit` code, or 1 after an uncaught exception).
pub fn run_main(path: &Path, args: &[String]) -> i32 {
    run_on_vm_thread(path, args, End::Free)
}

/// [`run_main`] for a process that exits as soon as it returns (the `pyvm` command): the VM's
/// memory is left to the operating system instead of being freed object by object
/// ([`Vm::exit_without_freeing`]); the program's output, finalizers and exit status are the same.
/// Each call leaks the VM it ran: not for a process that goes on running.
pub fn run_main_then_exit(path: &Path, args: &[String]) -> i32 {
    run_on_vm_thread(path, args, End::Leak)
}

/// [`run_main_then_exit`] for the `pyvm` command, which ends the process from the interpreter
/// thread: once the program has run (output flushed, the VM left to the OS), `finish(status)`
/// is called on that thread and must end the process. The thread is never torn down or joined:
/// no TLS destructors, no mimalloc thread-exit work over the whole heap, no unmapping of its
/// stack (see docs/performance.md, "Start-up and peak memory"). `finish` gets `70` when the
/// interpreter thread panicked.
pub fn run_main_then(path: &Path, args: &[String], finish: fn(i32) -> !) -> ! {
    let p = path.to_path_buf();
    let a = args.to_vec();
    match std::thread::Builder::new()
        .name("pyvm".into())
        .stack_size(VM_STACK)
        .spawn(move || -> i32 { finish(run_then(&p, &a, End::Leak)) })
    {
        Ok(h) => finish(h.join().unwrap_or(70)),
        Err(_) => finish(run_then(path, args, End::Leak)),
    }
}

/// What becomes of the VM once the program has run.
#[derive(Clone, Copy)]
enum End {
    Free,
    Leak,
}

fn run_on_vm_thread(path: &Path, args: &[String], end: End) -> i32 {
    let p = path.to_path_buf();
    let a = args.to_vec();
    match std::thread::Builder::new()
        .name("pyvm".into())
        .stack_size(VM_STACK)
        .spawn(move || run_then(&p, &a, end))
    {
        Ok(h) => h.join().unwrap_or(70),
        Err(_) => run_then(path, args, end),
    }
}

/// Runs on the current thread (see [`run_main`]).
pub fn run_here(path: &Path, args: &[String]) -> i32 {
    run_then(path, args, End::Free)
}

fn run_then(path: &Path, args: &[String], end: End) -> i32 {
    let pyc = match pyvm_loader::load_pyc_file(path) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("pyvm: {e}");
            return 1;
        }
    };
    // Verify every code object up front so a bad file fails before any of it runs (the VM
    // verifies again, per code object, where it converts loader code: see `Vm::load_code`).
    if let Err(e) = pyvm_loader::verify::verify_tree(&pyc.code) {
        eprintln!("pyvm: {e}");
        return 1;
    }
    let file = path.to_string_lossy().into_owned();
    let mut vm = Vm::new();
    // The interpreter thread has VM_STACK bytes; leave headroom for the frames below the loop.
    vm.set_stack_limit(Some(VM_STACK - (16 << 20)));
    vm.mark_stack_base();
    vm.argv = std::iter::once(file.clone())
        .chain(args.iter().cloned())
        .collect();
    pyvm_builtins::install(&mut vm);
    let terminals = {
        use std::io::IsTerminal;
        [
            std::io::stdin().is_terminal(),
            std::io::stdout().is_terminal(),
            std::io::stderr().is_terminal(),
        ]
    };
    vm.set_terminals(terminals);
    vm.set_stdout_buffering(stdout_buffering(terminals[1]));
    if let Err(e) = pyvm_builtins::import::configure(&mut vm, &crate::imports::config_for(path)) {
        return exit_status_for(&mut vm, &e);
    }
    // CPython sets `__main__.__file__` to the absolute path of the script (argv keeps it as given).
    let abs_file = std::path::absolute(path)
        .map_or_else(|_| file.clone(), |p| p.to_string_lossy().into_owned());
    let status = match vm.run_module(&pyc.code, &abs_file) {
        Ok(_) => 0,
        Err(e) => exit_status_for(&mut vm, &e),
    };
    run_atexit(&mut vm);
    let status = finish_stdout(&mut vm, status);
    pyvm_vm::opstats::dump_if_requested();
    match end {
        End::Free => drop(vm),
        End::Leak => vm.exit_without_freeing(),
    }
    status
}

/// stdout buffered as CPython buffers it: not at all with `PYTHONUNBUFFERED` set (what
/// `python -u` does), by line on a `terminal`, else by block. It shows in how stdout and stderr
/// interleave when both go to one place, and in where a closed pipe raises.
fn stdout_buffering(terminal: bool) -> StdoutBuffering {
    if std::env::var_os("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty()) {
        StdoutBuffering::Unbuffered
    } else if terminal {
        StdoutBuffering::Line
    } else {
        StdoutBuffering::Block
    }
}

/// Flushes what the program left pending on stdout. If that fails (the reader of a pipe has
/// gone), CPython reports the error as one ignored in `sys.stdout` and exits with 120,
/// whatever the status was going to be.
fn finish_stdout(vm: &mut Vm, status: i32) -> i32 {
    let Some(e) = vm.finish_stdout() else {
        return status;
    };
    let stdout = vm
        .dict_get_str(vm.modules_dict(), "sys")
        .and_then(|sys| vm.getattr_str(&sys, "stdout").ok())
        .and_then(|out| vm.repr_string(&out).ok())
        .unwrap_or_else(|| "<stdout>".to_string());
    vm.report_unraisable(&e, &format!("Exception ignored in: {stdout}"));
    120
}

/// Calls `atexit._run_exitfuncs()` when the program imported `atexit` (CPython runs the
/// registered callbacks after the main module, also after an uncaught exception).
fn run_atexit(vm: &mut Vm) {
    let modules = vm.modules_dict().clone();
    let Some(m) = vm.dict_get_str(&modules, "atexit") else {
        return;
    };
    if let Ok(f) = vm.getattr_str(&m, "_run_exitfuncs") {
        let _ = vm.call(&f, &[]);
    }
}

/// Handles an uncaught exception like CPython: `SystemExit` gives the exit status, anything else
/// prints the traceback to stderr and exits with 1.
pub fn exit_status_for(vm: &mut Vm, e: &PyErr) -> i32 {
    let system_exit = vm.types().exc.system_exit.clone();
    vm.flush_stdout();
    if vm.err_matches(e, &system_exit) {
        let code = vm.getattr_str(&e.value(), "code").unwrap_or(Value::None);
        return match code {
            Value::None => 0,
            Value::Int(i) => i as i32,
            Value::Bool(b) => i32::from(b.get()),
            other => {
                if vm.is_int(&other) {
                    return -1;
                }
                let s = vm.str_string(&other).unwrap_or_default();
                let _ = vm.write_stderr(&format!("{s}\n"));
                1
            }
        };
    }
    let text = vm.format_exception(e);
    let _ = vm.write_stderr(&text);
    1
}
