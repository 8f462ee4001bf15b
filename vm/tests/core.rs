//! Core protocol tests of the VM's public API (no builtins crate: only what `Vm` itself provides).
#![allow(clippy::unwrap_used)]

use pyvm_vm::proto::arith::BinOp;
use pyvm_vm::proto::cmp::CompareOp;
use pyvm_vm::{Value, Vm};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

fn repr(vm: &mut Vm, v: &Value) -> String {
    vm.repr_string(v).unwrap()
}

#[test]
fn reprs_of_builtin_values() {
    let mut vm = Vm::new();
    let s = vm.new_str("it's");
    let l = vm.new_list(vec![
        Value::Int(1),
        Value::float(2.5),
        Value::None,
        Value::bool(true),
        s,
    ]);
    assert_eq!(repr(&mut vm, &l), r#"[1, 2.5, None, True, "it's"]"#);
    let t = vm.new_tuple(vec![Value::Int(1)]);
    assert_eq!(repr(&mut vm, &t), "(1,)");
    let d = vm.new_dict();
    vm.setitem(&d, &Value::Int(1), Value::float(1e16)).unwrap();
    assert_eq!(repr(&mut vm, &d), "{1: 1e+16}");
}

#[test]
fn int_overflow_promotes_and_normalizes() {
    let mut vm = Vm::new();
    let big = vm
        .binary_op(&Value::Int(i64::MAX), &Value::Int(1), BinOp::Add, false)
        .unwrap();
    assert_eq!(repr(&mut vm, &big), "9223372036854775808");
    let back = vm
        .binary_op(&big, &Value::Int(1), BinOp::Sub, false)
        .unwrap();
    assert!(matches!(back, Value::Int(i64::MAX)));
    let e = vm
        .binary_op(&Value::Int(1), &Value::Int(0), BinOp::FloorDiv, false)
        .unwrap_err();
    assert_eq!(
        vm.str_string(&e.value()).unwrap(),
        "integer division or modulo by zero"
    );
}

#[test]
fn set_iteration_order_matches_cpython() {
    let mut vm = Vm::new();
    let s = vm
        .new_set_from(&[
            Value::Int(33),
            Value::Int(1),
            Value::Int(65),
            Value::Int(97),
            Value::Int(129),
        ])
        .unwrap();
    // CPython 3.12: {33, 1, 65, 97, 129} built by adds prints in this order.
    assert_eq!(repr(&mut vm, &s), "{65, 33, 129, 1, 97}");
}

#[test]
fn comparisons_and_errors() {
    let mut vm = Vm::new();
    let a = vm.new_str("a");
    let r = vm
        .compare(&Value::Int(1), &Value::float(1.0), CompareOp::Eq)
        .unwrap();
    assert!(matches!(r, Value::Bool(b) if b.get()));
    let e = vm.compare(&Value::Int(1), &a, CompareOp::Lt).unwrap_err();
    assert_eq!(
        vm.str_string(&e.value()).unwrap(),
        "'<' not supported between instances of 'int' and 'str'"
    );
}

#[test]
fn native_functions_and_kwargs() {
    let mut vm = Vm::new();
    let f = vm.new_native_function("add", |_vm, a| {
        let x = match a.pos.first() {
            Some(Value::Int(i)) => *i,
            _ => 0,
        };
        let y = match a.kwarg("y") {
            Some(Value::Int(i)) => *i,
            _ => 0,
        };
        Ok(Value::Int(x + y))
    });
    let r = vm
        .call_kw(&f, &[Value::Int(2)], &[(Rc::from("y"), Value::Int(40))])
        .unwrap();
    assert!(matches!(r, Value::Int(42)));
    let e = vm.call(&Value::Int(3), &[]).unwrap_err();
    assert_eq!(
        vm.str_string(&e.value()).unwrap(),
        "'int' object is not callable"
    );
}

#[derive(Clone, Default)]
struct Buf(Rc<RefCell<Vec<u8>>>);
impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn stdout_sink_can_be_redirected() {
    let mut vm = Vm::new();
    let buf = Buf::default();
    vm.set_stdout(Box::new(buf.clone()));
    vm.write_stdout("hello\n").unwrap();
    vm.flush_stdout();
    assert_eq!(
        String::from_utf8(buf.0.borrow().clone()).unwrap(),
        "hello\n"
    );
}

#[test]
fn runs_a_golden_program_without_builtin_functions() {
    // hello-world style program needs `print`; register a minimal one here.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/programs/closures.pyc"
    );
    let Ok(bytes) = std::fs::read(path) else {
        return;
    };
    let pyc = pyvm_loader::load_pyc(&bytes).unwrap();
    let mut vm = Vm::new();
    let buf = Buf::default();
    vm.set_stdout(Box::new(buf.clone()));
    let print = vm.new_native_function("print", |vm, a| {
        let mut parts = Vec::new();
        for v in a.pos {
            parts.push(vm.str_string(v)?);
        }
        vm.write_stdout(&(parts.join(" ") + "\n"))?;
        Ok(Value::None)
    });
    vm.set_builtin("print", print);
    // The program may use builtins this test does not provide; it must fail cleanly, not panic.
    let _ = vm.run_module(&pyc.code, "tests/programs/closures.pyc");
    vm.flush_stdout();
    assert!(!buf.0.borrow().is_empty());
}

#[test]
fn uncaught_exception_traceback_matches_cpython() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let pyc = format!("{root}/tests/programs/uncaught_cause.pyc");
    let err = format!("{root}/tests/programs/uncaught_cause.err");
    let (Ok(bytes), Ok(expected)) = (std::fs::read(&pyc), std::fs::read_to_string(&err)) else {
        return;
    };
    // Source lines are read relative to the working directory, as CPython does.
    if std::env::set_current_dir(root).is_err() {
        return;
    }
    let pyc = pyvm_loader::load_pyc(&bytes).unwrap();
    let mut vm = Vm::new();
    vm.set_stdout(Box::new(Buf::default()));
    let print = vm.new_native_function("print", |vm, a| {
        let mut parts = Vec::new();
        for v in a.pos {
            parts.push(vm.str_string(v)?);
        }
        vm.write_stdout(&(parts.join(" ") + "\n"))?;
        Ok(Value::None)
    });
    vm.set_builtin("print", print);
    let repr = vm.new_native_function("repr", |vm, a| {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        vm.repr(&v)
    });
    vm.set_builtin("repr", repr);
    let e = vm
        .run_module(&pyc.code, "tests/programs/uncaught_cause.pyc")
        .unwrap_err();
    assert_eq!(vm.format_exception(&e), expected);
}

#[test]
fn generators_resume_and_return_values() {
    let mut vm = Vm::new();
    // A list iterator behaves like CPython's: values then exhaustion.
    let l = vm.new_list(vec![Value::Int(1), Value::Int(2)]);
    let it = vm.iter(&l).unwrap();
    assert!(matches!(vm.next(&it).unwrap(), Some(Value::Int(1))));
    assert!(matches!(vm.next(&it).unwrap(), Some(Value::Int(2))));
    assert!(vm.next(&it).unwrap().is_none());
    let e = vm.next_value(&it).unwrap_err();
    let stop = vm.types().exc.stop_iteration.clone();
    assert!(vm.err_matches(&e, &stop));
}
