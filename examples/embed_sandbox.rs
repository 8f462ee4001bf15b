//! A sandboxed guest running into every limit: fuel, interrupt, memory, recursion, and the
//! capabilities it does not have (files, environment).
//!
//! `cargo run --example embed_sandbox`

use pyvm::embed::{CountingAllocator, Error, Interpreter, Program};
use std::time::Duration;

// The memory limit counts what the interpreter's thread allocates.
#[global_allocator]
static ALLOC: CountingAllocator = CountingAllocator::system();

fn show<T: std::fmt::Debug>(what: &str, r: Result<T, Error>) {
    match r {
        Ok(v) => println!("{what:<28} -> Ok({v:?})"),
        Err(Error::Exception(e)) => println!("{what:<28} -> {e}"),
        Err(e) => println!("{what:<28} -> stopped: {e}"),
    }
}

fn main() -> Result<(), Error> {
    let program = Program::from_path("examples/py/sandbox.pyc")?;
    let mut py = Interpreter::builder()
        .fuel(5_000_000)
        .memory_limit(16 << 20)
        .recursion_limit(200)
        .build()?;
    let m = py.run(&program)?;

    // 1. Fuel: an infinite loop stops when the budget is spent.
    show("spin() with fuel", py.call_function::<()>(&m, "spin", ()));
    py.set_fuel(Some(1_000_000));
    // ... even if it catches everything: the abort skips every handler.
    show(
        "stubborn() with fuel",
        py.call_function::<()>(&m, "stubborn", ()),
    );

    // 2. Interrupt: another thread stops the guest.
    py.set_fuel(None);
    let handle = py.interrupt_handle();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        handle.interrupt();
    });
    show(
        "spin() until interrupted",
        py.call_function::<()>(&m, "spin", ()),
    );
    let _ = stopper.join();

    // 3. Memory: the guest gets MemoryError, the host carries on.
    show("hog()", py.call_function::<()>(&m, "hog", ()));
    show(
        "hog_and_recover()",
        py.call_function::<String>(&m, "hog_and_recover", ()),
    );

    // 4. Recursion.
    show("deep()", py.call_function::<()>(&m, "deep", ()));

    // 5. Capabilities: no files, no environment; computation modules are fine.
    show(
        "read_secret()",
        py.call_function::<String>(&m, "read_secret", ()),
    );
    show("use_io()", py.call_function::<String>(&m, "use_io", ()));
    show("compute()", py.call_function::<u64>(&m, "compute", ()));

    println!("the host is still fine; fuel left: {:?}", py.fuel());
    Ok(())
}
