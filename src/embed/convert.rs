//! Conversions between Rust values and Python values: [`IntoPy`] and [`FromPy`].
//!
//! | Rust | Python (into) | Python accepted (from) |
//! | --- | --- | --- |
//! | `()` | `None` | `None` |
//! | `bool` | `bool` | `bool` |
//! | `i8`…`i128`, `u16`…`u128`, `isize`, `usize` | `int` | `int` (and `bool`), range-checked |
//! | [`BigInt`] | `int` | `int` (and `bool`) |
//! | `f64`, `f32` | `float` | `float`, `int`, `bool` |
//! | `String`, `&str`, `char`, `Box<str>`, `Cow<str>` | `str` | `str` (`char`: one code point) |
//! | `Vec<u8>`, `&[u8]` | `bytes` | `bytes`, `bytearray` |
//! | `Option<T>` | `None` or `T` | `None` or `T` |
//! | `Vec<T>`, `&[T]`, `[T; N]` | `list` | `list`, `tuple` |
//! | `(A,)` … `(A, B, C, D, E, F)` | `tuple` | `tuple` or `list` of that length |
//! | `HashMap`, `BTreeMap`, `IndexMap` | `dict` | `dict` |
//! | `HashSet`, `BTreeSet` | `set` | `set`, `frozenset` |
//! | [`PyValue`] | itself | anything |
//!
//! `u8` deliberately has no conversion of its own so that `Vec<u8>` can mean `bytes`; use a
//! wider integer type for a single small number.
//!
//! [`FromPy`] never runs Python code (no `__index__`, no iteration protocol): it reads builtin
//! payloads only, so a conversion cannot be hijacked by guest classes and cannot loop. Failures
//! are [`Error::Conversion`] or [`Error::OutOfRange`], never panics.

use super::error::{Error, Result};
use indexmap::IndexMap;
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use pyvm_vm::{Payload, Value, Vm};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasher, Hash};

/// A Python value held by the host.
///
/// It keeps the object alive and can be passed back to Python (as an argument, a global, a
/// return value). Like every value of a VM it is tied to the VM's thread (`!Send`) and only
/// meaningful to the VM it came from.
#[derive(Clone)]
pub struct PyValue(pub(crate) Value);

impl PyValue {
    /// Wraps a raw VM value.
    pub fn from_raw(v: Value) -> Self {
        PyValue(v)
    }

    /// The raw VM value (for use with the `pyvm_vm` API).
    pub fn raw(&self) -> &Value {
        &self.0
    }

    /// Unwraps the raw VM value.
    pub fn into_raw(self) -> Value {
        self.0
    }

    /// Is this Python's `None`?
    pub fn is_none(&self) -> bool {
        matches!(self.0, Value::None | Value::Null)
    }
}

impl std::fmt::Debug for PyValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.0 {
            Value::Null => "NULL",
            Value::None => "None",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Obj(o) => o.payload.kind_name(),
        };
        write!(f, "PyValue(<{kind}>)")
    }
}

/// Converts a Rust value into a Python value of the given VM.
pub trait IntoPy {
    /// Builds the Python value. Fails only when Python would (e.g. an unhashable dict key).
    fn into_py(self, vm: &mut Vm) -> Result<Value>;
}

/// Converts a Python value into a Rust value.
pub trait FromPy: Sized {
    /// Reads `v`. Never runs Python code.
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self>;

    /// The value to use when a host function's trailing argument is not given (`None`: the
    /// argument is required). `Option<T>` answers `Some(None)`.
    fn from_missing() -> Option<Self> {
        None
    }

    /// The Python type this conversion expects, for error messages (`int`, `list`, …).
    fn expected() -> Cow<'static, str>;
}

/// The Python type name of a value (as in `type(v).__name__`).
pub(crate) fn type_name(vm: &Vm, v: &Value) -> String {
    vm.type_name(v).to_string()
}

fn mismatch<T: FromPy>(vm: &Vm, v: &Value) -> Error {
    Error::Conversion {
        expected: T::expected().into_owned(),
        found: type_name(vm, v),
    }
}

/// A Python exception raised while converting, as an embedding error.
pub(crate) fn raised(vm: &mut Vm, e: &pyvm_vm::PyErr) -> Error {
    Error::Exception(super::interp::exception_data(vm, e))
}

// ----- unit, bool, PyValue ----------------------------------------------------------------------

impl IntoPy for () {
    fn into_py(self, _vm: &mut Vm) -> Result<Value> {
        Ok(Value::None)
    }
}

impl FromPy for () {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        match v {
            Value::None => Ok(()),
            _ => Err(mismatch::<Self>(vm, v)),
        }
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("None")
    }
}

impl IntoPy for bool {
    fn into_py(self, _vm: &mut Vm) -> Result<Value> {
        Ok(Value::bool(self))
    }
}

impl FromPy for bool {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        match v {
            Value::Bool(b) => Ok(b.get()),
            _ => Err(mismatch::<Self>(vm, v)),
        }
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("bool")
    }
}

impl IntoPy for PyValue {
    fn into_py(self, _vm: &mut Vm) -> Result<Value> {
        Ok(match self.0 {
            Value::Null => Value::None,
            v => v,
        })
    }
}

impl IntoPy for &PyValue {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        self.clone().into_py(vm)
    }
}

impl FromPy for PyValue {
    fn from_py(_vm: &mut Vm, v: &Value) -> Result<Self> {
        Ok(PyValue(v.clone()))
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("object")
    }
}

impl IntoPy for Value {
    fn into_py(self, _vm: &mut Vm) -> Result<Value> {
        Ok(match self {
            Value::Null => Value::None,
            v => v,
        })
    }
}

// ----- integers ---------------------------------------------------------------------------------

/// The integer value of `v` when it is an `int` (or `bool`), without running Python code.
fn int_of(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(u8::from(*b))),
        Value::Obj(o) => match &o.payload {
            Payload::BigInt(b) => Some(b.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn short_decimal(b: &BigInt) -> String {
    let s = b.to_string();
    match s.get(..40) {
        Some(head) if s.len() > 40 => format!("{head}…"),
        _ => s,
    }
}

macro_rules! int_conv {
    ($($t:ty),*) => {$(
        impl IntoPy for $t {
            fn into_py(self, vm: &mut Vm) -> Result<Value> {
                Ok(match i64::try_from(self) {
                    Ok(i) => Value::Int(i),
                    Err(_) => vm.new_int_big(BigInt::from(self)),
                })
            }
        }

        impl FromPy for $t {
            fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
                #[allow(irrefutable_let_patterns)]
                if let Value::Int(i) = v {
                    if let Ok(x) = <$t>::try_from(*i) {
                        return Ok(x);
                    }
                }
                let Some(b) = int_of(v) else { return Err(mismatch::<Self>(vm, v)) };
                <$t>::try_from(&b).map_err(|_| Error::OutOfRange { target: stringify!($t), value: short_decimal(&b) })
            }
            fn expected() -> Cow<'static, str> {
                Cow::Borrowed("int")
            }
        }
    )*};
}

int_conv!(i8, i16, i32, i64, i128, isize, u16, u32, u64, u128, usize);

impl IntoPy for BigInt {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        Ok(vm.new_int_big(self))
    }
}

impl IntoPy for &BigInt {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        Ok(vm.new_int_big(self.clone()))
    }
}

impl FromPy for BigInt {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        int_of(v).ok_or_else(|| mismatch::<Self>(vm, v))
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("int")
    }
}

// ----- floats -----------------------------------------------------------------------------------

impl IntoPy for f64 {
    fn into_py(self, _vm: &mut Vm) -> Result<Value> {
        Ok(Value::float(self))
    }
}

impl IntoPy for f32 {
    fn into_py(self, _vm: &mut Vm) -> Result<Value> {
        Ok(Value::float(f64::from(self)))
    }
}

impl FromPy for f64 {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        match v {
            Value::Float(f) => Ok(f.get()),
            Value::Int(i) => Ok(*i as f64),
            Value::Bool(b) => Ok(f64::from(u8::from(*b))),
            Value::Obj(o) => match &o.payload {
                Payload::Float(f) => Ok(*f),
                Payload::BigInt(b) => match b.to_f64() {
                    Some(f) if f.is_finite() => Ok(f),
                    _ => Err(Error::OutOfRange {
                        target: "f64",
                        value: short_decimal(b),
                    }),
                },
                _ => Err(mismatch::<Self>(vm, v)),
            },
            _ => Err(mismatch::<Self>(vm, v)),
        }
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("float")
    }
}

impl FromPy for f32 {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        f64::from_py(vm, v).map(|f| f as f32)
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("float")
    }
}

// ----- strings and bytes ------------------------------------------------------------------------

impl IntoPy for String {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        Ok(vm.new_string(self))
    }
}

impl IntoPy for &str {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        Ok(vm.new_str(self))
    }
}

impl IntoPy for &String {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        Ok(vm.new_str(self))
    }
}

impl IntoPy for Box<str> {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        Ok(vm.new_str(&self))
    }
}

impl IntoPy for Cow<'_, str> {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        Ok(vm.new_str(&self))
    }
}

impl IntoPy for char {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        Ok(vm.new_str(self.encode_utf8(&mut [0; 4])))
    }
}

impl FromPy for String {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        v.as_str()
            .map(str::to_owned)
            .ok_or_else(|| mismatch::<Self>(vm, v))
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("str")
    }
}

impl FromPy for Box<str> {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        String::from_py(vm, v).map(String::into_boxed_str)
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("str")
    }
}

impl FromPy for char {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        let s = v.as_str().ok_or_else(|| mismatch::<Self>(vm, v))?;
        let mut it = s.chars();
        match (it.next(), it.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(Error::Conversion {
                expected: "a str of length 1".into(),
                found: format!("a str of length {}", s.chars().count()),
            }),
        }
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("str of length 1")
    }
}

impl IntoPy for Vec<u8> {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        Ok(vm.new_bytes(self))
    }
}

impl IntoPy for &[u8] {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        Ok(vm.new_bytes(self.to_vec()))
    }
}

impl FromPy for Vec<u8> {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        match v.payload() {
            Some(Payload::Bytes(b)) => Ok(b.to_vec()),
            Some(Payload::ByteArray(b)) => Ok(b.borrow().clone()),
            _ => Err(mismatch::<Self>(vm, v)),
        }
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("bytes")
    }
}

// ----- Option -----------------------------------------------------------------------------------

impl<T: IntoPy> IntoPy for Option<T> {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        match self {
            Some(x) => x.into_py(vm),
            None => Ok(Value::None),
        }
    }
}

impl<T: FromPy> FromPy for Option<T> {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        match v {
            Value::None | Value::Null => Ok(None),
            _ => T::from_py(vm, v).map(Some),
        }
    }
    fn from_missing() -> Option<Self> {
        Some(None)
    }
    fn expected() -> Cow<'static, str> {
        Cow::Owned(format!("{} or None", T::expected()))
    }
}

// ----- sequences --------------------------------------------------------------------------------

/// The items of a list or tuple (a snapshot), without running Python code.
fn seq_items(v: &Value) -> Option<Vec<Value>> {
    match v.payload() {
        Some(Payload::List(l)) => Some(l.borrow().to_vec()),
        Some(Payload::Tuple(t)) => Some(t.to_vec()),
        _ => None,
    }
}

fn list_of<I: IntoIterator>(vm: &mut Vm, items: I) -> Result<Value>
where
    I::Item: IntoPy,
{
    let mut out = Vec::new();
    for x in items {
        out.push(x.into_py(vm)?);
    }
    Ok(vm.new_list(out))
}

impl<T: IntoPy> IntoPy for Vec<T> {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        list_of(vm, self)
    }
}

impl<T: IntoPy + Clone> IntoPy for &[T] {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        list_of(vm, self.iter().cloned())
    }
}

impl<T: IntoPy, const N: usize> IntoPy for [T; N] {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        list_of(vm, self)
    }
}

impl<T: FromPy> FromPy for Vec<T> {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        let items = seq_items(v).ok_or_else(|| mismatch::<Self>(vm, v))?;
        items.iter().map(|x| T::from_py(vm, x)).collect()
    }
    fn expected() -> Cow<'static, str> {
        Cow::Owned(format!("list[{}]", T::expected()))
    }
}

macro_rules! tuple_conv {
    ($n:literal; $($T:ident $i:tt),+) => {
        impl<$($T: IntoPy),+> IntoPy for ($($T,)+) {
            fn into_py(self, vm: &mut Vm) -> Result<Value> {
                let items = vec![$(self.$i.into_py(vm)?),+];
                Ok(vm.new_tuple(items))
            }
        }

        impl<$($T: FromPy),+> FromPy for ($($T,)+) {
            fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
                let items = seq_items(v).ok_or_else(|| mismatch::<Self>(vm, v))?;
                if items.len() != $n {
                    return Err(Error::Conversion {
                        expected: Self::expected().into_owned(),
                        found: format!("{} of length {}", type_name(vm, v), items.len()),
                    });
                }
                Ok(($($T::from_py(vm, &items[$i])?,)+))
            }
            fn expected() -> Cow<'static, str> {
                let parts: Vec<String> = vec![$($T::expected().into_owned()),+];
                Cow::Owned(format!("tuple[{}]", parts.join(", ")))
            }
        }
    };
}

tuple_conv!(1; A 0);
tuple_conv!(2; A 0, B 1);
tuple_conv!(3; A 0, B 1, C 2);
tuple_conv!(4; A 0, B 1, C 2, D 3);
tuple_conv!(5; A 0, B 1, C 2, D 3, E 4);
tuple_conv!(6; A 0, B 1, C 2, D 3, E 4, F 5);

// ----- mappings and sets ------------------------------------------------------------------------

fn dict_of<I, K, V>(vm: &mut Vm, items: I) -> Result<Value>
where
    I: IntoIterator<Item = (K, V)>,
    K: IntoPy,
    V: IntoPy,
{
    let d = vm.new_dict_obj();
    for (k, v) in items {
        let k = k.into_py(vm)?;
        let v = v.into_py(vm)?;
        if let Err(e) = vm.dict_set_item(&d, k, v) {
            return Err(raised(vm, &e));
        }
    }
    Ok(Value::Obj(d))
}

fn dict_items(
    vm: &mut Vm,
    v: &Value,
    expected: impl FnOnce() -> Cow<'static, str>,
) -> Result<Vec<(Value, Value)>> {
    match v.payload() {
        Some(Payload::Dict(_)) => Ok(vm.dict_items(v)),
        _ => Err(Error::Conversion {
            expected: expected().into_owned(),
            found: type_name(vm, v),
        }),
    }
}

fn dict_expected<K: FromPy, V: FromPy>() -> Cow<'static, str> {
    Cow::Owned(format!("dict[{}, {}]", K::expected(), V::expected()))
}

impl<K: IntoPy, V: IntoPy, S> IntoPy for HashMap<K, V, S> {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        dict_of(vm, self)
    }
}

impl<K: FromPy + Eq + Hash, V: FromPy, S: BuildHasher + Default> FromPy for HashMap<K, V, S> {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        let items = dict_items(vm, v, Self::expected)?;
        items
            .iter()
            .map(|(k, x)| Ok((K::from_py(vm, k)?, V::from_py(vm, x)?)))
            .collect()
    }
    fn expected() -> Cow<'static, str> {
        dict_expected::<K, V>()
    }
}

impl<K: IntoPy, V: IntoPy> IntoPy for BTreeMap<K, V> {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        dict_of(vm, self)
    }
}

impl<K: FromPy + Ord, V: FromPy> FromPy for BTreeMap<K, V> {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        let items = dict_items(vm, v, Self::expected)?;
        items
            .iter()
            .map(|(k, x)| Ok((K::from_py(vm, k)?, V::from_py(vm, x)?)))
            .collect()
    }
    fn expected() -> Cow<'static, str> {
        dict_expected::<K, V>()
    }
}

impl<K: IntoPy, V: IntoPy, S> IntoPy for IndexMap<K, V, S> {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        dict_of(vm, self)
    }
}

impl<K: FromPy + Eq + Hash, V: FromPy, S: BuildHasher + Default> FromPy for IndexMap<K, V, S> {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        let items = dict_items(vm, v, Self::expected)?;
        items
            .iter()
            .map(|(k, x)| Ok((K::from_py(vm, k)?, V::from_py(vm, x)?)))
            .collect()
    }
    fn expected() -> Cow<'static, str> {
        dict_expected::<K, V>()
    }
}

fn set_of<I: IntoIterator>(vm: &mut Vm, items: I) -> Result<Value>
where
    I::Item: IntoPy,
{
    let mut vals = Vec::new();
    for x in items {
        vals.push(x.into_py(vm)?);
    }
    vm.new_set_from(&vals).map_err(|e| raised(vm, &e))
}

fn set_items(
    vm: &mut Vm,
    v: &Value,
    expected: impl FnOnce() -> Cow<'static, str>,
) -> Result<Vec<Value>> {
    match v.payload() {
        Some(Payload::Set(_) | Payload::FrozenSet(_)) => Ok(vm.set_items(v)),
        _ => Err(Error::Conversion {
            expected: expected().into_owned(),
            found: type_name(vm, v),
        }),
    }
}

impl<T: IntoPy, S> IntoPy for HashSet<T, S> {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        set_of(vm, self)
    }
}

impl<T: FromPy + Eq + Hash, S: BuildHasher + Default> FromPy for HashSet<T, S> {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        let items = set_items(vm, v, Self::expected)?;
        items.iter().map(|x| T::from_py(vm, x)).collect()
    }
    fn expected() -> Cow<'static, str> {
        Cow::Owned(format!("set[{}]", T::expected()))
    }
}

impl<T: IntoPy> IntoPy for BTreeSet<T> {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        set_of(vm, self)
    }
}

impl<T: FromPy + Ord> FromPy for BTreeSet<T> {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        let items = set_items(vm, v, Self::expected)?;
        items.iter().map(|x| T::from_py(vm, x)).collect()
    }
    fn expected() -> Cow<'static, str> {
        Cow::Owned(format!("set[{}]", T::expected()))
    }
}

// ----- argument lists ---------------------------------------------------------------------------

/// Positional arguments for a call: `()`, a tuple of up to six [`IntoPy`] values, a
/// `Vec<PyValue>`, or an array of one [`IntoPy`] type.
pub trait IntoArgs {
    /// Converts every argument.
    fn into_args(self, vm: &mut Vm) -> Result<Vec<Value>>;
}

impl IntoArgs for () {
    fn into_args(self, _vm: &mut Vm) -> Result<Vec<Value>> {
        Ok(Vec::new())
    }
}

impl IntoArgs for Vec<PyValue> {
    fn into_args(self, _vm: &mut Vm) -> Result<Vec<Value>> {
        Ok(self.into_iter().map(PyValue::into_raw).collect())
    }
}

impl<T: IntoPy, const N: usize> IntoArgs for [T; N] {
    fn into_args(self, vm: &mut Vm) -> Result<Vec<Value>> {
        self.into_iter().map(|x| x.into_py(vm)).collect()
    }
}

macro_rules! args_conv {
    ($($T:ident $i:tt),+) => {
        impl<$($T: IntoPy),+> IntoArgs for ($($T,)+) {
            fn into_args(self, vm: &mut Vm) -> Result<Vec<Value>> {
                Ok(vec![$(self.$i.into_py(vm)?),+])
            }
        }
    };
}

args_conv!(A 0);
args_conv!(A 0, B 1);
args_conv!(A 0, B 1, C 2);
args_conv!(A 0, B 1, C 2, D 3);
args_conv!(A 0, B 1, C 2, D 3, E 4);
args_conv!(A 0, B 1, C 2, D 3, E 4, F 5);

/// Keyword arguments for a call: pairs `(name, value)` in a `Vec`, an array, a tuple of up to
/// six pairs with different value types, or a map.
pub trait IntoKwargs {
    /// Converts every value.
    fn into_kwargs(self, vm: &mut Vm) -> Result<Vec<(std::rc::Rc<str>, Value)>>;
}

impl IntoKwargs for () {
    fn into_kwargs(self, _vm: &mut Vm) -> Result<Vec<(std::rc::Rc<str>, Value)>> {
        Ok(Vec::new())
    }
}

impl<K: AsRef<str>, V: IntoPy> IntoKwargs for Vec<(K, V)> {
    fn into_kwargs(self, vm: &mut Vm) -> Result<Vec<(std::rc::Rc<str>, Value)>> {
        self.into_iter()
            .map(|(k, v)| Ok((std::rc::Rc::from(k.as_ref()), v.into_py(vm)?)))
            .collect()
    }
}

impl<K: AsRef<str>, V: IntoPy, const N: usize> IntoKwargs for [(K, V); N] {
    fn into_kwargs(self, vm: &mut Vm) -> Result<Vec<(std::rc::Rc<str>, Value)>> {
        self.into_iter()
            .map(|(k, v)| Ok((std::rc::Rc::from(k.as_ref()), v.into_py(vm)?)))
            .collect()
    }
}

impl<K: AsRef<str>, V: IntoPy, S> IntoKwargs for HashMap<K, V, S> {
    fn into_kwargs(self, vm: &mut Vm) -> Result<Vec<(std::rc::Rc<str>, Value)>> {
        self.into_iter()
            .map(|(k, v)| Ok((std::rc::Rc::from(k.as_ref()), v.into_py(vm)?)))
            .collect()
    }
}

impl<K: AsRef<str>, V: IntoPy, S> IntoKwargs for IndexMap<K, V, S> {
    fn into_kwargs(self, vm: &mut Vm) -> Result<Vec<(std::rc::Rc<str>, Value)>> {
        self.into_iter()
            .map(|(k, v)| Ok((std::rc::Rc::from(k.as_ref()), v.into_py(vm)?)))
            .collect()
    }
}

macro_rules! kwargs_conv {
    ($($K:ident $T:ident $i:tt),+) => {
        impl<$($K: AsRef<str>, $T: IntoPy),+> IntoKwargs for ($(($K, $T),)+) {
            fn into_kwargs(self, vm: &mut Vm) -> Result<Vec<(std::rc::Rc<str>, Value)>> {
                Ok(vec![$((std::rc::Rc::from(self.$i.0.as_ref()), self.$i.1.into_py(vm)?)),+])
            }
        }
    };
}

kwargs_conv!(KA A 0);
kwargs_conv!(KA A 0, KB B 1);
kwargs_conv!(KA A 0, KB B 1, KC C 2);
kwargs_conv!(KA A 0, KB B 1, KC C 2, KD D 3);
kwargs_conv!(KA A 0, KB B 1, KC C 2, KD D 3, KE E 4);
kwargs_conv!(KA A 0, KB B 1, KC C 2, KD D 3, KE E 4, KF F 5);
