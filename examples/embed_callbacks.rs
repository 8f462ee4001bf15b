//! A host that exposes Rust functions to Python and calls back into Python.
//!
//! `cargo run --example embed_callbacks`

use pyvm::embed::{HostModule, Interpreter, Program, PyErr, PyException, PyValue, Vm, VmExt};
use std::cell::RefCell;
use std::rc::Rc;

fn main() -> Result<(), pyvm::embed::Error> {
    // Panics inside host functions are caught, but Rust's default hook still prints them
    // with a backtrace; a host usually installs a quieter one.
    std::panic::set_hook(Box::new(|info| eprintln!("(host panic: {info})")));

    let program = Program::from_path("examples/py/callbacks.pyc")?;
    let mut py = Interpreter::new();

    // A builtin that captures host state: every `log(...)` line is kept on the Rust side.
    let lines: Rc<RefCell<Vec<String>>> = Rc::default();
    let sink = lines.clone();
    py.register_fn("log", move |msg: String| sink.borrow_mut().push(msg));

    // A native module with typed functions.
    py.register_module(
        HostModule::new("host")
            .function("add", |a: i64, b: i64| a + b)
            // Raising a Python exception: return Err(PyException).
            .function("checked_sqrt", |x: f64| -> Result<f64, PyException> {
                if x < 0.0 {
                    return Err(PyException::value_error(format!(
                        "cannot take the square root of {x}"
                    )));
                }
                Ok(x.sqrt())
            })
            // Calling back into Python: take the VM as the first parameter.
            .function(
                "apply",
                |vm: &mut Vm, f: PyValue, xs: Vec<i64>| -> Result<Vec<i64>, PyErr> {
                    xs.into_iter()
                        .map(|x| vm.call_py::<i64>(&f, (x,)))
                        .collect()
                },
            )
            // A panic stays inside the host function: the guest sees a RuntimeError.
            .function("explode", || -> i64 { panic!("the host function gave up") }),
    )?;

    let module = py.run(&program)?;

    let out: Vec<i64> = py.call_function(&module, "process", (vec![1, 2, 3], 10))?;
    println!("process([1, 2, 3], 10) = {out:?}");

    let root: Option<f64> = py.call_function(&module, "safe_sqrt", (2.25,))?;
    println!("safe_sqrt(2.25) = {root:?}");
    let none: Option<f64> = py.call_function(&module, "safe_sqrt", (-1.0,))?;
    println!("safe_sqrt(-1.0) = {none:?}");

    let recovered: String = py.call_function(&module, "crash", ())?;
    println!("crash() = {recovered:?}");

    // Keyword arguments.
    let describe: PyValue = py.get(&module, "describe")?;
    let text: String = py.call_kw(
        &describe,
        ("Ferris",),
        (("greeting", "Hello"), ("times", 2)),
    )?;
    println!("describe('Ferris', greeting='Hello', times=2) = {text:?}");

    println!("the guest logged:");
    for line in lines.borrow().iter() {
        println!("  {line}");
    }
    Ok(())
}
