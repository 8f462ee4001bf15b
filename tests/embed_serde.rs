//! The `serde` feature: any Serialize/Deserialize type through Python dicts and lists.
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used)]

use pyvm::embed::serde::Serde;
use pyvm::embed::{Error, Interpreter, Program};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum Shape {
    Point,
    Circle(f64),
    Rect { w: u32, h: u32 },
    Pair(i8, i8),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Config {
    name: String,
    retries: u8,
    ratio: f64,
    tags: Vec<String>,
    limits: BTreeMap<String, u64>,
    shapes: Vec<Shape>,
    parent: Option<Box<Config>>,
    big: u128,
    #[serde(with = "serde_bytes_compat")]
    blob: Vec<u8>,
}

/// Serializes a Vec<u8> as bytes (what serde_bytes does) without the extra crate.
mod serde_bytes_compat {
    pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
        }
        d.deserialize_bytes(V)
    }
}

fn sample() -> Config {
    Config {
        name: "svc".into(),
        retries: 3,
        ratio: 0.25,
        tags: vec!["a".into(), "b".into()],
        limits: BTreeMap::from([("cpu".into(), 2), ("mem".into(), 1 << 40)]),
        shapes: vec![
            Shape::Point,
            Shape::Circle(1.5),
            Shape::Rect { w: 2, h: 3 },
            Shape::Pair(-1, 1),
        ],
        parent: Some(Box::new(Config {
            name: "root".into(),
            retries: 0,
            ratio: 1.0,
            tags: vec![],
            limits: BTreeMap::new(),
            shapes: vec![],
            parent: None,
            big: 0,
            blob: vec![],
        })),
        big: u128::MAX,
        blob: vec![1, 2, 3],
    }
}

#[test]
fn serde_types_round_trip_through_python() {
    let mut py = Interpreter::new();
    let m = py
        .run_module(
            &Program::from_path("tests/embed_py/basics.pyc").unwrap(),
            "basics",
        )
        .unwrap();
    let cfg = sample();
    let Serde(back): Serde<Config> = py.call_function(&m, "echo", (Serde(cfg.clone()),)).unwrap();
    assert_eq!(back, cfg);
    // What Python sees.
    py.set(&m, "CFG", Serde(&cfg)).unwrap();
    let cfg_value: pyvm::embed::PyValue = py.get(&m, "CFG").unwrap();
    let shapes: pyvm::embed::PyValue = py.call_method(&cfg_value, "get", ("shapes",)).unwrap();
    assert_eq!(
        py.repr(&shapes).unwrap(),
        "['Point', {'Circle': 1.5}, {'Rect': {'w': 2, 'h': 3}}, {'Pair': [-1, 1]}]"
    );
    let ty: String = py.call_function(&m, "type_of", (cfg_value,)).unwrap();
    assert_eq!(ty, "dict");
}

#[test]
fn serde_failures_are_typed_errors() {
    let mut py = Interpreter::new();
    let m = py
        .run_module(
            &Program::from_path("tests/embed_py/basics.pyc").unwrap(),
            "basics",
        )
        .unwrap();
    // TABLE is {"a": 1, "b": 2}: not a Config.
    match py.get::<Serde<Config>>(&m, "TABLE") {
        Err(Error::Serde { message }) => assert_eq!(message, "missing field `name`"),
        other => panic!("{other:?}"),
    }
    match py.get::<Serde<Vec<String>>>(&m, "ITEMS") {
        Err(Error::Serde { message }) => {
            assert_eq!(message, "invalid type: integer `1`, expected a string")
        }
        other => panic!("{other:?}"),
    }
}
