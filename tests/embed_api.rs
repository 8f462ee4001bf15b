//! The embedding API end to end, through real `.pyc` files and the real loader: running
//! modules, globals, calls with keyword arguments, exceptions with CPython's traceback, host
//! functions and modules, panics in host functions, output capture, imports.
#![allow(clippy::unwrap_used)]

use pyvm::embed::{
    Error, HostModule, Input, Interpreter, Module, Output, OutputBuffer, Program, PyErr,
    PyException, PyValue, Vm, VmExt,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

fn program(name: &str) -> Program {
    Program::from_path(format!("tests/embed_py/{name}.pyc")).unwrap()
}

fn basics(py: &mut Interpreter) -> Module {
    py.run_module(&program("basics"), "basics").unwrap()
}

#[test]
fn runs_a_module_and_reads_globals() {
    let mut py = Interpreter::new();
    let m = basics(&mut py);
    assert_eq!(m.name(), "basics");
    assert_eq!(py.get::<i64>(&m, "COUNT").unwrap(), 3);
    assert_eq!(py.get::<String>(&m, "NAME").unwrap(), "pyvm");
    assert_eq!(py.get::<f64>(&m, "RATIO").unwrap(), 0.5);
    assert_eq!(
        py.get::<num_bigint::BigInt>(&m, "BIG").unwrap(),
        num_bigint::BigInt::from(1u8) << 100
    );
    assert_eq!(py.get::<Vec<i64>>(&m, "ITEMS").unwrap(), vec![1, 2, 3]);
    assert_eq!(
        py.get::<(i64, String)>(&m, "PAIR").unwrap(),
        (1, "one".to_string())
    );
    let table: HashMap<String, i64> = py.get(&m, "TABLE").unwrap();
    assert_eq!(
        table,
        HashMap::from([("a".to_string(), 1), ("b".to_string(), 2)])
    );
    assert_eq!(py.get::<Option<i64>>(&m, "NOTHING").unwrap(), None);
    assert_eq!(py.get::<Vec<u8>>(&m, "DATA").unwrap(), vec![0, 1]);
    assert!(py.has(&m, "add"));
    assert!(py.global_names(&m).iter().any(|n| n == "Counter"));
    // The module is importable by name afterwards.
    let again = py.import("basics").unwrap();
    assert_eq!(py.get::<i64>(&again, "COUNT").unwrap(), 3);
}

#[test]
fn missing_globals_and_wrong_types_are_typed_errors() {
    let mut py = Interpreter::new();
    let m = basics(&mut py);
    match py.get::<i64>(&m, "NOPE") {
        Err(Error::MissingGlobal { module, name }) => {
            assert_eq!((module.as_str(), name.as_str()), ("basics", "NOPE"))
        }
        other => panic!("unexpected {other:?}"),
    }
    match py.get::<i64>(&m, "NAME") {
        Err(Error::Conversion { expected, found }) => {
            assert_eq!((expected.as_str(), found.as_str()), ("int", "str"))
        }
        other => panic!("unexpected {other:?}"),
    }
    match py.get::<i32>(&m, "BIG") {
        Err(Error::OutOfRange { target, .. }) => assert_eq!(target, "i32"),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn writes_globals_the_guest_sees() {
    let mut py = Interpreter::new();
    let m = basics(&mut py);
    py.set(&m, "COUNT", 10).unwrap();
    py.set(&m, "ITEMS", vec!["x", "y"]).unwrap();
    assert_eq!(py.get::<i64>(&m, "COUNT").unwrap(), 10);
    let f: PyValue = py.get(&m, "echo").unwrap();
    let items: PyValue = py.get(&m, "ITEMS").unwrap();
    assert_eq!(
        py.call::<Vec<String>>(&f, (items,)).unwrap(),
        vec!["x", "y"]
    );
}

#[test]
fn runs_as_main_like_the_command_line() {
    let out = OutputBuffer::new();
    let mut py = Interpreter::builder().stdout(out.clone()).build().unwrap();
    let m = py
        .run(&Program::from_path("examples/py/hello_embed.pyc").unwrap())
        .unwrap();
    assert_eq!(m.name(), "__main__");
    assert_eq!(out.text(), "hello from Python\n");
    assert_eq!(py.get::<String>(&m, "__name__").unwrap(), "__main__");
    assert!(py.main_module().is_some());
}

#[test]
fn calls_with_positional_and_keyword_arguments() {
    let mut py = Interpreter::new();
    let m = basics(&mut py);
    assert_eq!(py.call_function::<i64>(&m, "add", (2, 3)).unwrap(), 5);
    assert_eq!(
        py.call_function::<String>(&m, "add", ("a", "b")).unwrap(),
        "ab"
    );
    let greet: PyValue = py.get(&m, "greet").unwrap();
    let s: String = py
        .call_kw(&greet, ("Ann",), (("punct", "?"), ("times", 2)))
        .unwrap();
    assert_eq!(s, "hello Ann? hello Ann?");
    let s: String = py.call_kw(&greet, ("Bo",), vec![("punct", ".")]).unwrap();
    assert_eq!(s, "hello Bo.");
    // Objects and methods.
    let c: PyValue = py.call_function(&m, "make_counter", (5,)).unwrap();
    assert_eq!(py.call_method::<i64>(&c, "bump", ()).unwrap(), 6);
    assert_eq!(py.call_method::<i64>(&c, "bump", (10,)).unwrap(), 16);
    assert_eq!(py.getattr::<i64>(&c, "n").unwrap(), 16);
    let hi = py.to_py("hi").unwrap();
    assert_eq!(py.repr(&hi).unwrap(), "'hi'");
    // A bad call is a Python TypeError with CPython's message.
    let e = py.call_function::<i64>(&m, "add", (1,)).unwrap_err();
    let e = e.as_exception().unwrap();
    assert_eq!(e.type_name(), "TypeError");
    assert_eq!(
        e.message(),
        "add() missing 1 required positional argument: 'b'"
    );
}

#[test]
fn exceptions_carry_type_message_and_traceback() {
    // A trusted interpreter may read the source files named in the code for the traceback.
    let mut py = Interpreter::builder().trusted().build().unwrap();
    let m = basics(&mut py);
    let Err(Error::Exception(e)) = py.call_function::<f64>(&m, "divide", (1, 0)) else {
        panic!("expected an exception")
    };
    assert_eq!(e.type_name(), "ZeroDivisionError");
    assert_eq!(e.message(), "division by zero");
    assert!(e.is_instance_of("ArithmeticError"));
    assert!(e.is_instance_of("Exception"));
    assert!(!e.is_instance_of("LookupError"));
    assert_eq!(e.to_string(), "ZeroDivisionError: division by zero");
    // Recorded from CPython 3.12 (traceback.format_exception of the same call).
    assert_eq!(
        e.traceback(),
        "Traceback (most recent call last):\n  File \"tests/embed_py/basics.py\", line 23, in divide\n    return inner_divide(a, b)\n           ^^^^^^^^^^^^^^^^^^\n  File \"tests/embed_py/basics.py\", line 27, in inner_divide\n    return a / b\n           ~~^~~\nZeroDivisionError: division by zero\n"
    );

    let Err(Error::Exception(e)) = py.call_function::<()>(&m, "fail_custom", ()) else {
        panic!("expected an exception")
    };
    assert_eq!(e.type_name(), "AppError");
    assert_eq!(e.message(), "'custom failure'");
    assert!(e.is_instance_of("KeyError") && e.is_instance_of("LookupError"));
    assert_eq!(
        e.traceback(),
        "Traceback (most recent call last):\n  File \"tests/embed_py/basics.py\", line 46, in fail_custom\n    raise AppError(\"custom failure\")\nbasics.fail_custom.<locals>.AppError: 'custom failure'\n"
    );
    // Error is Send + Sync: it can leave the interpreter's thread.
    fn send_sync<T: Send + Sync>(_: &T) {}
    send_sync(&Error::Exception(e));
}

#[test]
fn sandboxed_tracebacks_read_no_files() {
    // `co_filename` comes from the .pyc: a guest without file-system access must not get the
    // host's files shown back to it through a traceback, so the source lines are left out
    // (what CPython prints when the source cannot be read).
    let mut py = Interpreter::new();
    let m = basics(&mut py);
    let Err(Error::Exception(e)) = py.call_function::<f64>(&m, "divide", (1, 0)) else {
        panic!("expected an exception")
    };
    assert_eq!(
        e.traceback(),
        "Traceback (most recent call last):\n  File \"tests/embed_py/basics.py\", line 23, in divide\n  File \"tests/embed_py/basics.py\", line 27, in inner_divide\nZeroDivisionError: division by zero\n"
    );
}

#[test]
fn system_exit_reports_its_status() {
    let mut py = Interpreter::new();
    let m = basics(&mut py);
    let Err(Error::Exception(e)) = py.call_function::<()>(&m, "exit_with", (3,)) else {
        panic!()
    };
    assert_eq!(e.type_name(), "SystemExit");
    assert_eq!(e.exit_status(), Some(3));
    let Err(Error::Exception(e)) = py.call_function::<()>(&m, "exit_with", ((),)) else {
        panic!()
    };
    assert_eq!(e.exit_status(), Some(0));
}

#[test]
fn host_functions_with_state_typed_arguments_and_exceptions() {
    let mut py = Interpreter::new();
    let calls = Rc::new(RefCell::new(Vec::<i64>::new()));
    let seen = calls.clone();
    py.register_fn("host_double", move |x: i64| {
        seen.borrow_mut().push(x);
        x * 2
    });
    py.register_module(
        HostModule::new("host")
            .function("checked", |x: i64| -> Result<i64, PyException> {
                if x < 0 {
                    Err(PyException::value_error(format!("negative: {x}")))
                } else {
                    Ok(x)
                }
            })
            .function("join", |parts: Vec<String>, sep: Option<String>| {
                parts.join(sep.as_deref().unwrap_or(","))
            })
            .function(
                "apply",
                |vm: &mut Vm, f: PyValue, x: i64| -> Result<i64, PyErr> { vm.call_py(&f, (x,)) },
            )
            .function("missing", || -> Result<i64, PyException> {
                Err(PyException::key_error("k"))
            })
            .function("custom", || -> Result<(), PyException> {
                Err(PyException::new("NoSuchError", "odd"))
            })
            .value("VERSION", "1.0"),
    )
    .unwrap();
    let m = basics(&mut py);
    assert_eq!(
        py.call_function::<i64>(&m, "use_builtin", (20,)).unwrap(),
        41
    );
    assert_eq!(*calls.borrow(), vec![20]);
    assert_eq!(
        py.call_function::<i64>(&m, "call_host", ("checked", 4))
            .unwrap(),
        4
    );
    assert_eq!(
        py.call_function::<String>(&m, "catch_host", ("checked", -4))
            .unwrap(),
        "ValueError: negative: -4"
    );
    assert_eq!(
        py.call_function::<String>(&m, "call_host", ("join", vec!["a", "b"]))
            .unwrap(),
        "a,b"
    );
    assert_eq!(
        py.call_function::<String>(&m, "call_host", ("join", vec!["a", "b"], "-"))
            .unwrap(),
        "a-b"
    );
    assert_eq!(
        py.call_function::<String>(&m, "catch_host", ("missing",))
            .unwrap(),
        "KeyError: 'k'"
    );
    assert_eq!(
        py.call_function::<String>(&m, "catch_host", ("custom",))
            .unwrap(),
        "RuntimeError: NoSuchError: odd"
    );
    // Argument checking with CPython-style messages.
    assert_eq!(
        py.call_function::<String>(&m, "catch_host", ("checked", "x"))
            .unwrap(),
        "TypeError: checked() argument 1 must be int, not str"
    );
    assert_eq!(
        py.call_function::<String>(&m, "catch_host", ("checked",))
            .unwrap(),
        "TypeError: checked() takes exactly one argument (0 given)"
    );
    assert_eq!(
        py.call_function::<String>(&m, "catch_host", ("join",))
            .unwrap(),
        "TypeError: join() takes at least 1 argument (0 given)"
    );
    // Calling back into Python from the host function: the guest's exception propagates.
    let echo: PyValue = py.get(&m, "echo").unwrap();
    let host = py.import("host").unwrap();
    let apply: PyValue = py.get(&host, "apply").unwrap();
    assert_eq!(py.call::<i64>(&apply, (echo, 9)).unwrap(), 9);
    let divide: PyValue = py.get(&m, "make_counter").unwrap();
    let e = py.call::<i64>(&apply, (divide, 1)).unwrap_err();
    assert_eq!(e.as_exception().unwrap().type_name(), "TypeError");
    assert_eq!(py.get::<String>(&host, "VERSION").unwrap(), "1.0");
}

#[test]
fn a_panicking_host_function_becomes_a_runtime_error() {
    let mut py = Interpreter::new();
    py.register_module(HostModule::new("host").function("boom", |x: i64| -> i64 {
        if x > 0 {
            panic!("boom at {x}")
        } else {
            x
        }
    }))
    .unwrap();
    let m = basics(&mut py);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let caught = py.call_function::<String>(&m, "catch_host", ("boom", 7));
    let uncaught = py.call_function::<i64>(&m, "call_host", ("boom", 1));
    std::panic::set_hook(hook);
    assert_eq!(
        caught.unwrap(),
        "RuntimeError: host function boom() panicked: boom at 7"
    );
    let e = uncaught.unwrap_err();
    let e = e.as_exception().unwrap();
    assert_eq!(e.type_name(), "RuntimeError");
    assert!(e.traceback().contains("in call_host"), "{}", e.traceback());
    // The interpreter is still usable.
    assert_eq!(
        py.call_function::<i64>(&m, "call_host", ("boom", 0))
            .unwrap(),
        0
    );
}

#[test]
fn output_goes_to_a_buffer_or_a_closure() {
    let out = OutputBuffer::new();
    let err = OutputBuffer::new();
    let mut py = Interpreter::builder()
        .stdout(out.clone())
        .stderr(err.clone())
        .build()
        .unwrap();
    py.run(&Program::from_path("examples/py/hello_embed.pyc").unwrap())
        .unwrap();
    assert_eq!(out.take(), b"hello from Python\n");
    assert!(out.is_empty() && err.is_empty());

    let chunks = Rc::new(RefCell::new(Vec::<u8>::new()));
    let c = chunks.clone();
    py.set_stdout(Output::callback(move |b| {
        c.borrow_mut().extend_from_slice(b)
    }));
    py.run(&Program::from_path("examples/py/hello_embed.pyc").unwrap())
        .unwrap();
    assert_eq!(&*chunks.borrow(), b"hello from Python\n");
    assert!(out.is_empty());
}

#[test]
fn imports_modules_from_the_host_paths() {
    let mut py = Interpreter::builder()
        .module_path("tests/embed_py/modules")
        .build()
        .unwrap();
    let m = py
        .run_module(&program("uses_helper"), "uses_helper")
        .unwrap();
    assert_eq!(py.get::<i64>(&m, "RESULT").unwrap(), 21);
    let helper = py.import("helper_mod").unwrap();
    assert_eq!(
        py.call_function::<i64>(&helper, "triple", (5,)).unwrap(),
        15
    );

    // Without the path the import fails with ModuleNotFoundError; the failed module is not
    // left in sys.modules.
    let mut bare = Interpreter::new();
    let e = bare
        .run_module(&program("uses_helper"), "uses_helper")
        .unwrap_err();
    assert_eq!(e.as_exception().unwrap().type_name(), "ModuleNotFoundError");
    assert_eq!(
        e.as_exception().unwrap().message(),
        "No module named 'helper_mod'"
    );
    assert!(bare.import("uses_helper").is_err());
}

#[test]
fn bad_pyc_bytes_are_load_errors() {
    assert!(matches!(
        Program::from_bytes(b"not a pyc"),
        Err(Error::Load(_))
    ));
    assert!(matches!(
        Program::from_path("tests/embed_py/nope.pyc"),
        Err(Error::Load(_))
    ));
    let mut bytes = std::fs::read("tests/embed_py/basics.pyc").unwrap();
    bytes.truncate(100);
    assert!(matches!(Program::from_bytes(&bytes), Err(Error::Load(_))));
    let full = std::fs::read("tests/embed_py/basics.pyc").unwrap();
    let p = Program::from_bytes(&full).unwrap();
    assert_eq!(p.file(), "tests/embed_py/basics.py");
}

#[test]
fn stdin_is_empty_by_default_and_set_by_the_host() {
    let prog = Program::from_path("tests/programs/stdin_input.pyc").unwrap();
    // A sandbox has no stdin: input() is refused.
    let out = OutputBuffer::new();
    let mut py = Interpreter::builder().stdout(out.clone()).build().unwrap();
    let Err(Error::Exception(e)) = py.run(&prog) else {
        panic!("expected PermissionError")
    };
    assert_eq!(e.type_name(), "PermissionError");
    assert_eq!(
        e.message(),
        "input() is not allowed: the host gave this interpreter no stdin"
    );
    // An interpreter allowed stdin, given an empty one, reads end of file.
    let caps = pyvm::embed::Capabilities::none().stdin(true);
    let mut py = Interpreter::builder()
        .capabilities(caps)
        .stdout(OutputBuffer::new())
        .stdin(Input::Empty)
        .build()
        .unwrap();
    let Err(Error::Exception(e)) = py.run(&prog) else {
        panic!("expected EOFError")
    };
    assert_eq!(e.type_name(), "EOFError");
    assert_eq!(e.message(), "EOF when reading a line");
    // With the bytes CPython read, the output is CPython's.
    let input = std::fs::read("tests/programs/stdin_input.in").unwrap();
    let want = std::fs::read_to_string("tests/programs/stdin_input.out").unwrap();
    let out = OutputBuffer::new();
    let mut py = Interpreter::builder()
        .trusted()
        .stdout(out.clone())
        .stdin(input.clone())
        .build()
        .unwrap();
    py.run(&prog).unwrap();
    assert_eq!(out.text(), want);
    // Given to a sandbox after it is made, from any reader: input() works again. (Without
    // `io` the standard streams' errors are plain `OSError`s, and the program stops at its
    // `import io`, which the sandbox refuses.)
    let out = OutputBuffer::new();
    let mut py = Interpreter::builder().stdout(out.clone()).build().unwrap();
    py.set_stdin(Input::Reader(Box::new(std::io::Cursor::new(input))));
    let Err(Error::Exception(e)) = py.run(&prog) else {
        panic!("expected the refused import")
    };
    assert_eq!(e.message(), "import of 'io' is not allowed by the host");
    let upto = want.find("UnsupportedOperation").unwrap();
    assert_eq!(out.text()[..upto], want[..upto]);
    assert!(out.text()[upto..].starts_with("OSError not writable\n"));
}
