//! The `pyvm` command: run, inspect or disassemble CPython 3.12 `.pyc` files.

mod cli;
mod mi_alloc;

#[global_allocator]
static GLOBAL: mi_alloc::Mi = mi_alloc::Mi;

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    std::process::exit(cli::main(&args));
}
