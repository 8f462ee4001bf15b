//! Conversions between Rust and Python values round-trip through a real guest function
//! (`echo` in tests/embed_py/basics.py), and failures are typed errors.
#![allow(clippy::unwrap_used)]

use indexmap::IndexMap;
use num_bigint::BigInt;
use pyvm::embed::{Error, FromPy, Interpreter, IntoPy, Module, Program, PyValue};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Debug;

fn setup() -> (Interpreter, Module) {
    let mut py = Interpreter::new();
    let p = Program::from_path("tests/embed_py/basics.pyc").unwrap();
    let m = py.run_module(&p, "basics").unwrap();
    (py, m)
}

/// Sends `v` through Python's `echo` and checks it comes back equal, with the expected type.
fn round_trip<T: IntoPy + FromPy + Clone + PartialEq + Debug>(
    py: &mut Interpreter,
    m: &Module,
    v: T,
    py_type: &str,
) {
    let back: T = py.call_function(m, "echo", (v.clone(),)).unwrap();
    assert_eq!(back, v);
    let t: String = py.call_function(m, "type_of", (v,)).unwrap();
    assert_eq!(t, py_type);
}

#[test]
fn scalars_round_trip() {
    let (mut py, m) = setup();
    round_trip(&mut py, &m, (), "NoneType");
    round_trip(&mut py, &m, true, "bool");
    round_trip(&mut py, &m, -5i8, "int");
    round_trip(&mut py, &m, 40_000i32, "int");
    round_trip(&mut py, &m, i64::MIN, "int");
    round_trip(&mut py, &m, u64::MAX, "int");
    round_trip(&mut py, &m, i128::MIN, "int");
    round_trip(&mut py, &m, u128::MAX, "int");
    round_trip(&mut py, &m, usize::MAX, "int");
    round_trip(&mut py, &m, BigInt::from(7) << 300u32, "int");
    round_trip(&mut py, &m, 1.25f64, "float");
    round_trip(&mut py, &m, f64::INFINITY, "float");
    round_trip(&mut py, &m, 0.5f32, "float");
    round_trip(&mut py, &m, String::from("héllo ✓"), "str");
    round_trip(&mut py, &m, 'λ', "str");
    round_trip(&mut py, &m, vec![0u8, 255, 10], "bytes");
    round_trip(&mut py, &m, Some(3i64), "int");
    round_trip(&mut py, &m, None::<i64>, "NoneType");
}

#[test]
fn containers_round_trip() {
    let (mut py, m) = setup();
    round_trip(&mut py, &m, vec![1i64, 2, 3], "list");
    round_trip(&mut py, &m, vec![vec!["a".to_string()], vec![]], "list");
    round_trip(&mut py, &m, (1i64,), "tuple");
    round_trip(
        &mut py,
        &m,
        (
            1i64,
            "two".to_string(),
            3.0f64,
            true,
            None::<i64>,
            vec![6u8],
        ),
        "tuple",
    );
    round_trip(
        &mut py,
        &m,
        HashMap::from([("a".to_string(), 1i64), ("b".to_string(), 2)]),
        "dict",
    );
    round_trip(
        &mut py,
        &m,
        BTreeMap::from([(1i64, vec![1.5f64]), (2, vec![])]),
        "dict",
    );
    let im: IndexMap<String, (i64, bool)> =
        [("z".to_string(), (1, true)), ("a".to_string(), (2, false))].into();
    round_trip(&mut py, &m, im.clone(), "dict");
    // Order is kept through Python's dict.
    let back: IndexMap<String, (i64, bool)> = py.call_function(&m, "echo", (im,)).unwrap();
    assert_eq!(back.keys().collect::<Vec<_>>(), ["z", "a"]);
    round_trip(&mut py, &m, HashSet::from([1i64, 5, 9]), "set");
    round_trip(
        &mut py,
        &m,
        BTreeSet::from(["x".to_string(), "y".to_string()]),
        "set",
    );
    // Tuples and lists are interchangeable on the way in.
    let v: Vec<i64> = py
        .get(&m, "PAIR")
        .map(|(a, _): (i64, String)| vec![a])
        .unwrap();
    assert_eq!(v, vec![1]);
    let t: (i64, i64, i64) = py.get(&m, "ITEMS").unwrap();
    assert_eq!(t, (1, 2, 3));
    // Any value can be held as a PyValue and passed back.
    let pv: PyValue = py.get(&m, "TABLE").unwrap();
    let back: HashMap<String, i64> = py.call_function(&m, "echo", (pv,)).unwrap();
    assert_eq!(back["b"], 2);
    // Python ints convert to floats, bools to ints (as CPython's argument parsing does).
    assert_eq!(py.get::<f64>(&m, "COUNT").unwrap(), 3.0);
}

#[test]
fn conversion_failures_are_typed_errors() {
    let (mut py, m) = setup();
    fn err<T: Debug>(r: Result<T, Error>) -> (String, String) {
        match r {
            Err(Error::Conversion { expected, found }) => (expected, found),
            other => panic!("expected a conversion error, got {other:?}"),
        }
    }
    let r: Result<i64, _> = py.get(&m, "RATIO");
    assert_eq!(err(r), ("int".into(), "float".into()));
    let r: Result<Vec<i64>, _> = py.get(&m, "TABLE");
    assert_eq!(err(r), ("list[int]".into(), "dict".into()));
    let r: Result<Vec<String>, _> = py.get(&m, "ITEMS");
    assert_eq!(err(r), ("str".into(), "int".into()));
    let r: Result<(i64, i64), _> = py.get(&m, "ITEMS");
    assert_eq!(
        err(r),
        ("tuple[int, int]".into(), "list of length 3".into())
    );
    let r: Result<HashMap<i64, i64>, _> = py.get(&m, "TABLE");
    assert_eq!(err(r), ("int".into(), "str".into()));
    let r: Result<bool, _> = py.get(&m, "COUNT");
    assert_eq!(err(r), ("bool".into(), "int".into()));
    let r: Result<char, _> = py.get(&m, "NAME");
    assert_eq!(err(r).1, "a str of length 4");
    assert_eq!(py.get::<Celsius>(&m, "RATIO").unwrap(), Celsius(0.5));
    match py.call_function::<u32>(&m, "echo", (-1i64,)) {
        Err(Error::OutOfRange { target, value }) => {
            assert_eq!((target, value.as_str()), ("u32", "-1"))
        }
        other => panic!("{other:?}"),
    }
    match py.get::<i64>(&m, "BIG") {
        Err(Error::OutOfRange { target, value }) => {
            assert_eq!(target, "i64");
            assert_eq!(value, "1267650600228229401496703205376");
        }
        other => panic!("{other:?}"),
    }
    // An unhashable key is the Python error it would be in Python.
    let r: Result<PyValue, _> = py.to_py(HashMap::from([(vec![1i64], 1i64)]));
    match r {
        Err(Error::Exception(e)) => assert_eq!(e.to_string(), "TypeError: unhashable type: 'list'"),
        other => panic!("{other:?}"),
    }
}

/// A host type with its own conversions (the traits are open for extension).
#[derive(Debug, PartialEq)]
struct Celsius(f64);

impl FromPy for Celsius {
    fn from_py(vm: &mut pyvm::embed::Vm, v: &pyvm::embed::Value) -> pyvm::embed::Result<Self> {
        f64::from_py(vm, v).map(Celsius)
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "float".into()
    }
}
