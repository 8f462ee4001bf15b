//! Number and text formatting kernels against CPython 3.12's recorded behaviour
//! (`tests/fixtures/kernels/fmt.jsonl`, from `gen_fmt.py`).
#![allow(clippy::unwrap_used)]

mod kernels_common;

use kernels_common::{f64_from_bits_hex, load_lines, J};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use pyvm_vm::kernels::errors::KernelError;
use pyvm_vm::kernels::percent::{self, CharArg, PercentArgs, PercentHost};
use pyvm_vm::kernels::{float_fmt, format_spec, int_fmt, numbers, str_repr};

fn bits(x: f64) -> String {
    format!("{:016x}", x.to_bits())
}

fn err_text(e: &KernelError) -> String {
    format!("{}: {}", e.kind, e.message)
}

/// Compare a kernel result with `["ok", value]` / `["err", "Kind: message"]`.
fn check<T>(row: &J, expected: &J, got: Result<T, KernelError>, show: impl Fn(T) -> String) {
    let e = expected.arr();
    let got = match got {
        Ok(v) => J::Arr(vec![J::Str("ok".into()), J::Str(show(v))]),
        Err(err) => J::Arr(vec![J::Str("err".into()), J::Str(err_text(&err))]),
    };
    let exp = match &e[1] {
        J::Str(_) => expected.clone(),
        other => J::Arr(vec![e[0].clone(), J::Str(flatten(other))]),
    };
    assert_eq!(got, exp, "{row:?}");
}

fn flatten(j: &J) -> String {
    match j {
        J::Arr(a) => a.iter().map(flatten).collect::<Vec<_>>().join("/"),
        J::Str(s) => s.clone(),
        other => format!("{other:?}"),
    }
}

#[derive(Clone, Debug)]
enum A {
    Int(BigInt),
    Float(f64),
    Str(String),
    Tuple(Vec<A>),
    Dict(Vec<(String, A)>),
}

fn decode(j: &J) -> A {
    let a = j.arr();
    match a[0].s() {
        "i" => A::Int(a[1].s().parse().unwrap()),
        "f" => A::Float(f64_from_bits_hex(a[1].s())),
        "s" => A::Str(a[1].s().to_string()),
        "t" => A::Tuple(a[1].arr().iter().map(decode).collect()),
        "d" => match &a[1] {
            J::Obj(kv) => A::Dict(kv.iter().map(|(k, v)| (k.clone(), decode(v))).collect()),
            _ => panic!("bad dict"),
        },
        other => panic!("bad arg {other}"),
    }
}

fn type_name(a: &A) -> &'static str {
    match a {
        A::Int(_) => "int",
        A::Float(_) => "float",
        A::Str(_) => "str",
        A::Tuple(_) => "tuple",
        A::Dict(_) => "dict",
    }
}

fn repr(a: &A) -> String {
    match a {
        A::Str(s) => str_repr::repr_str(s),
        A::Dict(kv) => {
            let items: Vec<String> = kv
                .iter()
                .map(|(k, v)| format!("{}: {}", str_repr::repr_str(k), repr(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        other => to_str(other),
    }
}

fn to_str(a: &A) -> String {
    match a {
        A::Int(i) => i.to_string(),
        A::Float(f) => float_fmt::float_repr(*f),
        A::Str(s) => s.clone(),
        other => repr(other),
    }
}

struct Host;

impl PercentHost<A> for Host {
    type Error = KernelError;
    fn get_item(&mut self, mapping: &A, key: &str) -> Result<A, KernelError> {
        match mapping {
            A::Dict(kv) => kv
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| KernelError::new(pyvm_vm::kernels::ExcKind::KeyError, key)),
            _ => panic!("not a mapping"),
        }
    }
    fn str(&mut self, a: &A) -> Result<String, KernelError> {
        Ok(to_str(a))
    }
    fn repr(&mut self, a: &A) -> Result<String, KernelError> {
        Ok(repr(a))
    }
    fn ascii(&mut self, a: &A) -> Result<String, KernelError> {
        Ok(match a {
            A::Str(s) => str_repr::ascii_str(s),
            other => repr(other),
        })
    }
    fn int_value(&mut self, a: &A, conv: char) -> Result<BigInt, KernelError> {
        match a {
            A::Int(i) => Ok(i.clone()),
            A::Float(f) if !matches!(conv, 'o' | 'x' | 'X') => float_fmt::float_to_bigint(*f),
            other => Err(percent::int_type_error(conv, type_name(other))),
        }
    }
    fn float_value(&mut self, a: &A) -> Result<f64, KernelError> {
        match a {
            A::Int(i) => int_fmt::bigint_to_f64(i),
            A::Float(f) => Ok(*f),
            other => Err(KernelError::type_error(format!(
                "must be real number, not {}",
                type_name(other)
            ))),
        }
    }
    fn char_value(&mut self, a: &A) -> Result<CharArg, KernelError> {
        match a {
            A::Int(i) => Ok(CharArg::Int(i.clone())),
            A::Str(s) if s.chars().count() == 1 => Ok(CharArg::Char(s.chars().next().unwrap())),
            _ => Err(percent::char_type_error()),
        }
    }
    fn star_value(&mut self, a: &A) -> Result<i64, KernelError> {
        match a {
            A::Int(i) => Ok(i.to_i64().unwrap()),
            _ => Err(percent::star_type_error()),
        }
    }
}

#[test]
fn formatting_matches_cpython() {
    let rows = load_lines("fmt.jsonl");
    assert!(rows.len() > 10_000);
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for row in &rows {
        let r = row.arr();
        let kind = r[0].s();
        *counts.entry(kind.to_string()).or_default() += 1;
        match kind {
            "repr" => assert_eq!(
                float_fmt::float_repr(f64_from_bits_hex(r[1].s())),
                r[2].s(),
                "{row:?}"
            ),
            "format_float" => {
                let x = f64_from_bits_hex(r[1].s());
                check(row, &r[3], format_spec::format_float(x, r[2].s()), |s| s);
            }
            "format_int" => {
                let v: BigInt = r[1].s().parse().unwrap();
                check(
                    row,
                    &r[3],
                    format_spec::format_int(&v, r[2].s(), "int"),
                    |s| s,
                );
            }
            "format_str" => check(
                row,
                &r[3],
                format_spec::format_str(r[1].s(), r[2].s()),
                |s| s,
            ),
            "round" => {
                let x = f64_from_bits_hex(r[1].s());
                check(row, &r[3], float_fmt::round_float(x, r[2].i()), bits);
            }
            "round0" => {
                let x = f64_from_bits_hex(r[1].s());
                check(row, &r[2], float_fmt::round_float_to_int(x), |v| {
                    v.to_string()
                });
            }
            "float_parse" => {
                let s = r[1].s();
                let got = numbers::parse_float(s, &str_repr::repr_str(s));
                check(row, &r[2], got, bits);
            }
            "int_parse" => {
                let s = r[1].s();
                let base = r[2].i();
                let b = u32::try_from(base).unwrap_or(99);
                let got = int_fmt::parse_int(s, b, &str_repr::repr_str(s), 4300);
                // The base-10 fast path of `int(s)` agrees with the general parser (and so with
                // CPython) whenever it answers.
                if let (10, Some(fast), Ok(full)) = (b, int_fmt::parse_small_decimal(s), &got) {
                    assert_eq!(BigInt::from(fast), *full, "{row:?}");
                }
                check(row, &r[3], got, |v| int_fmt::hex(&v));
            }
            "int_str" => {
                let v: BigInt = r[1].s().parse().unwrap();
                let got = match r[2].s() {
                    "bin" => int_fmt::bin(&v),
                    "oct" => int_fmt::oct(&v),
                    _ => int_fmt::hex(&v),
                };
                assert_eq!(got, r[3].s(), "{row:?}");
            }
            "int_str_limit" => {
                let v: BigInt = r[1].s().parse().unwrap();
                check(row, &r[2], int_fmt::int_to_decimal(&v, 4300), |s| s);
            }
            "hex" => assert_eq!(numbers::float_hex(f64_from_bits_hex(r[1].s())), r[2].s()),
            "fromhex" => {
                let got = numbers::float_fromhex(r[1].s());
                check(row, &r[2], got, bits);
            }
            "ratio" => {
                let x = f64_from_bits_hex(r[1].s());
                check(row, &r[2], numbers::as_integer_ratio(x), |(n, d)| {
                    format!("{n}/{d}")
                });
            }
            "to_bytes" => {
                let v: BigInt = r[1].s().parse().unwrap();
                let order = int_fmt::ByteOrder::parse(r[3].s()).unwrap();
                let signed = r[4] == J::Bool(true);
                let got = int_fmt::to_bytes(&v, r[2].i() as usize, order, signed);
                check(row, &r[5], got, |b| {
                    b.iter().map(|x| format!("{x:02x}")).collect()
                });
            }
            "from_bytes" => {
                let hex = r[1].s();
                let b: Vec<u8> = (0..hex.len() / 2)
                    .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
                    .collect();
                let order = int_fmt::ByteOrder::parse(r[2].s()).unwrap();
                let got = int_fmt::from_bytes(&b, order, r[3] == J::Bool(true));
                assert_eq!(got.to_string(), r[4].s(), "{row:?}");
            }
            "divmod" => {
                let a = f64_from_bits_hex(r[1].s());
                let b = f64_from_bits_hex(r[2].s());
                let e = r[3].arr();
                match numbers::float_divmod(a, b) {
                    Ok((q, m)) => {
                        assert_eq!(e[0].s(), "ok", "{row:?}");
                        let exp = e[1].arr();
                        // The sign of a NaN is not Python-visible; compare NaN-ness only.
                        let same = |x: f64, h: &J| {
                            let y = f64_from_bits_hex(h.s());
                            (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits()
                        };
                        assert!(same(q, &exp[0]) && same(m, &exp[1]), "{row:?}: {q} {m}");
                    }
                    Err(err) => assert_eq!(e[1].s(), err_text(&err), "{row:?}"),
                }
            }
            "percent" => {
                let args = match decode(&r[2]) {
                    A::Tuple(items) => PercentArgs::Tuple(items),
                    d @ A::Dict(_) => PercentArgs::Mapping(d),
                    other => PercentArgs::Single(other),
                };
                check(
                    row,
                    &r[3],
                    percent::percent_format(r[1].s(), args, &mut Host),
                    |s| s,
                );
            }
            other => panic!("unknown row kind {other}"),
        }
    }
    assert!(counts.len() >= 15, "{counts:?}");
}

#[test]
fn small_decimal_fast_path_declines_what_it_cannot_parse() {
    assert_eq!(int_fmt::parse_small_decimal("000123"), Some(123));
    assert_eq!(int_fmt::parse_small_decimal("-0"), Some(0));
    assert_eq!(int_fmt::parse_small_decimal("+42"), Some(42));
    assert_eq!(
        int_fmt::parse_small_decimal("-999999999999999999"),
        Some(-999_999_999_999_999_999)
    );
    assert_eq!(
        int_fmt::parse_small_decimal(" \t\x0b\x0c\r\n-12 \n"),
        Some(-12)
    );
    // 19 digits, inner spaces, underscores, non-ASCII digits or spaces, and bare signs go to
    // the full parser.
    for s in [
        "1000000000000000000",
        "- 5",
        "5 5",
        "5_0",
        "\u{663}",
        "\u{a0}5",
        "-",
        "+",
        "",
        "  ",
        "0x10",
        "--1",
    ] {
        assert_eq!(int_fmt::parse_small_decimal(s), None, "{s:?}");
    }
}
