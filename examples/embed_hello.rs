//! The smallest host: load a compiled module, run it, read a global, call a function.
//!
//! `cargo run --example embed_hello`

use pyvm::embed::{Interpreter, Program};

fn main() -> Result<(), pyvm::embed::Error> {
    // Validates the .pyc header, decodes the code objects and runs the bytecode verifier.
    let program = Program::from_path("examples/py/hello_embed.pyc")?;

    // A sandboxed interpreter (no files, no environment); output goes to our stdout.
    let mut py = Interpreter::new();
    let module = py.run(&program)?; // prints "hello from Python"

    let answer: i64 = py.get(&module, "ANSWER")?;
    let greeting: String = py.call_function(&module, "greet", ("Rust",))?;
    println!("ANSWER = {answer}");
    println!("greet('Rust') = {greeting:?}");

    // Globals can be written too, and Python sees them.
    py.set(&module, "ANSWER", 43)?;
    let again: i64 = py.get(&module, "ANSWER")?;
    println!("ANSWER is now {again}");
    Ok(())
}
