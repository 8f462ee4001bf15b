//! Any `Serialize` / `Deserialize` type to and from Python values (feature `serde`).
//!
//! [`Serde`] wraps a value so it can cross the boundary like any [`IntoPy`] / [`FromPy`] type:
//! `py.set(&m, "config", Serde(&config))?`, `let Serde(c): Serde<Config> = py.get(&m, "config")?`.
//!
//! The mapping follows serde's data model the way `serde_json` maps it onto JSON:
//!
//! | serde | Python |
//! | --- | --- |
//! | bool, integers, floats, char, string | `bool`, `int`, `float`, `str` |
//! | bytes | `bytes` (`bytes`, `bytearray` or a list of ints on the way in) |
//! | `None` / unit / unit struct | `None` |
//! | sequence, tuple, tuple struct | `list` (`list`, `tuple`, `set` on the way in) |
//! | map, struct | `dict` |
//! | unit variant | the variant name as `str` |
//! | other variants | `{"Variant": content}` |

use super::convert::{type_name, FromPy, IntoPy};
use super::error::{Error, Result};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use pyvm_vm::{Payload, Value, Vm};
use serde::de::{self, DeserializeOwned, IntoDeserializer};
use serde::ser::{self, Serialize};
use std::borrow::Cow;
use std::fmt;

/// Wraps a serde type so it converts through Python dicts and lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Serde<T>(pub T);

impl<T: Serialize> IntoPy for Serde<T> {
    fn into_py(self, vm: &mut Vm) -> Result<Value> {
        to_value(vm, &self.0)
    }
}

impl<T: DeserializeOwned> FromPy for Serde<T> {
    fn from_py(vm: &mut Vm, v: &Value) -> Result<Self> {
        from_value(vm, v).map(Serde)
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed(std::any::type_name::<T>())
    }
}

/// Serializes `value` into a Python value.
pub fn to_value<T: Serialize + ?Sized>(vm: &mut Vm, value: &T) -> Result<Value> {
    value.serialize(Ser { vm }).map_err(SerdeError::into_error)
}

/// Deserializes a Python value (reading builtin payloads only; no Python code runs).
pub fn from_value<T: DeserializeOwned>(vm: &Vm, v: &Value) -> Result<T> {
    T::deserialize(De { vm, v: v.clone() }).map_err(SerdeError::into_error)
}

/// The error of a serde conversion.
#[derive(Debug)]
struct SerdeError {
    message: String,
    inner: Option<Box<Error>>,
}

impl SerdeError {
    fn into_error(self) -> Error {
        match self.inner {
            Some(e) => *e,
            None => Error::Serde {
                message: self.message,
            },
        }
    }

    fn wrap(e: Error) -> Self {
        SerdeError {
            message: e.to_string(),
            inner: Some(Box::new(e)),
        }
    }
}

impl fmt::Display for SerdeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SerdeError {}

impl ser::Error for SerdeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        SerdeError {
            message: msg.to_string(),
            inner: None,
        }
    }
}

impl de::Error for SerdeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        SerdeError {
            message: msg.to_string(),
            inner: None,
        }
    }
}

type SResult<T> = std::result::Result<T, SerdeError>;

// ----- serializing ------------------------------------------------------------------------------

struct Ser<'a> {
    vm: &'a mut Vm,
}

fn dict_with(vm: &mut Vm, pairs: Vec<(Value, Value)>) -> SResult<Value> {
    let d = vm.new_dict_obj();
    for (k, v) in pairs {
        if let Err(e) = vm.dict_set_item(&d, k, v) {
            return Err(SerdeError::wrap(super::convert::raised(vm, &e)));
        }
    }
    Ok(Value::Obj(d))
}

fn variant(vm: &mut Vm, name: &str, content: Value) -> SResult<Value> {
    let k = vm.new_str(name);
    dict_with(vm, vec![(k, content)])
}

impl<'a> ser::Serializer for Ser<'a> {
    type Ok = Value;
    type Error = SerdeError;
    type SerializeSeq = SeqSer<'a>;
    type SerializeTuple = SeqSer<'a>;
    type SerializeTupleStruct = SeqSer<'a>;
    type SerializeTupleVariant = SeqSer<'a>;
    type SerializeMap = MapSer<'a>;
    type SerializeStruct = MapSer<'a>;
    type SerializeStructVariant = MapSer<'a>;

    fn serialize_bool(self, v: bool) -> SResult<Value> {
        Ok(Value::bool(v))
    }
    fn serialize_i8(self, v: i8) -> SResult<Value> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> SResult<Value> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> SResult<Value> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> SResult<Value> {
        Ok(Value::Int(v))
    }
    fn serialize_i128(self, v: i128) -> SResult<Value> {
        Ok(self.vm.new_int_big(BigInt::from(v)))
    }
    fn serialize_u8(self, v: u8) -> SResult<Value> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> SResult<Value> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> SResult<Value> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> SResult<Value> {
        Ok(self.vm.new_int_big(BigInt::from(v)))
    }
    fn serialize_u128(self, v: u128) -> SResult<Value> {
        Ok(self.vm.new_int_big(BigInt::from(v)))
    }
    fn serialize_f32(self, v: f32) -> SResult<Value> {
        Ok(Value::float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> SResult<Value> {
        Ok(Value::float(v))
    }
    fn serialize_char(self, v: char) -> SResult<Value> {
        Ok(self.vm.new_str(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> SResult<Value> {
        Ok(self.vm.new_str(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> SResult<Value> {
        Ok(self.vm.new_bytes(v.to_vec()))
    }
    fn serialize_none(self) -> SResult<Value> {
        Ok(Value::None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> SResult<Value> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> SResult<Value> {
        Ok(Value::None)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> SResult<Value> {
        Ok(Value::None)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> SResult<Value> {
        Ok(self.vm.new_str(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> SResult<Value> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant_name: &'static str,
        value: &T,
    ) -> SResult<Value> {
        let content = value.serialize(Ser { vm: self.vm })?;
        variant(self.vm, variant_name, content)
    }
    fn serialize_seq(self, len: Option<usize>) -> SResult<SeqSer<'a>> {
        Ok(SeqSer {
            vm: self.vm,
            items: Vec::with_capacity(len.unwrap_or(0).min(1024)),
            variant: None,
        })
    }
    fn serialize_tuple(self, len: usize) -> SResult<SeqSer<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> SResult<SeqSer<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant_name: &'static str,
        len: usize,
    ) -> SResult<SeqSer<'a>> {
        let mut s = self.serialize_seq(Some(len))?;
        s.variant = Some(variant_name);
        Ok(s)
    }
    fn serialize_map(self, _len: Option<usize>) -> SResult<MapSer<'a>> {
        Ok(MapSer {
            vm: self.vm,
            pairs: Vec::new(),
            key: None,
            variant: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> SResult<MapSer<'a>> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant_name: &'static str,
        len: usize,
    ) -> SResult<MapSer<'a>> {
        let mut m = self.serialize_map(Some(len))?;
        m.variant = Some(variant_name);
        Ok(m)
    }
}

struct SeqSer<'a> {
    vm: &'a mut Vm,
    items: Vec<Value>,
    variant: Option<&'static str>,
}

impl SeqSer<'_> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> SResult<()> {
        let v = value.serialize(Ser { vm: self.vm })?;
        self.items.push(v);
        Ok(())
    }

    fn finish(self) -> SResult<Value> {
        let list = self.vm.new_list(self.items);
        match self.variant {
            Some(name) => variant(self.vm, name, list),
            None => Ok(list),
        }
    }
}

impl ser::SerializeSeq for SeqSer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> SResult<()> {
        self.push(value)
    }
    fn end(self) -> SResult<Value> {
        self.finish()
    }
}

impl ser::SerializeTuple for SeqSer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> SResult<()> {
        self.push(value)
    }
    fn end(self) -> SResult<Value> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for SeqSer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> SResult<()> {
        self.push(value)
    }
    fn end(self) -> SResult<Value> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for SeqSer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> SResult<()> {
        self.push(value)
    }
    fn end(self) -> SResult<Value> {
        self.finish()
    }
}

struct MapSer<'a> {
    vm: &'a mut Vm,
    pairs: Vec<(Value, Value)>,
    key: Option<Value>,
    variant: Option<&'static str>,
}

impl MapSer<'_> {
    fn finish(self) -> SResult<Value> {
        let d = dict_with(self.vm, self.pairs)?;
        match self.variant {
            Some(name) => variant(self.vm, name, d),
            None => Ok(d),
        }
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> SResult<()> {
        let k = self.vm.new_str(key);
        let v = value.serialize(Ser { vm: self.vm })?;
        self.pairs.push((k, v));
        Ok(())
    }
}

impl ser::SerializeMap for MapSer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> SResult<()> {
        self.key = Some(key.serialize(Ser { vm: self.vm })?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> SResult<()> {
        let Some(k) = self.key.take() else {
            return Err(ser::Error::custom(
                "serialize_value called before serialize_key",
            ));
        };
        let v = value.serialize(Ser { vm: self.vm })?;
        self.pairs.push((k, v));
        Ok(())
    }
    fn end(self) -> SResult<Value> {
        self.finish()
    }
}

impl ser::SerializeStruct for MapSer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> SResult<()> {
        self.field(key, value)
    }
    fn end(self) -> SResult<Value> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for MapSer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> SResult<()> {
        self.field(key, value)
    }
    fn end(self) -> SResult<Value> {
        self.finish()
    }
}

// ----- deserializing ----------------------------------------------------------------------------

struct De<'a> {
    vm: &'a Vm,
    v: Value,
}

impl De<'_> {
    fn mismatch(&self, expected: &str) -> SerdeError {
        SerdeError::wrap(Error::Conversion {
            expected: expected.to_string(),
            found: type_name(self.vm, &self.v),
        })
    }

    fn items(&self) -> Option<Vec<Value>> {
        match self.v.payload() {
            Some(Payload::List(l)) => Some(l.borrow().to_vec()),
            Some(Payload::Tuple(t)) => Some(t.to_vec()),
            Some(Payload::Set(_) | Payload::FrozenSet(_)) => Some(self.vm.set_items(&self.v)),
            _ => None,
        }
    }
}

impl<'de> de::Deserializer<'de> for De<'_> {
    type Error = SerdeError;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> SResult<V::Value> {
        match &self.v {
            Value::None | Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b.get()),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) => visitor.visit_f64(f.get()),
            Value::Obj(o) => match &o.payload {
                Payload::Str(s) => visitor.visit_str(&s.s),
                Payload::BigInt(b) => {
                    if let Some(i) = b.to_i128() {
                        visitor.visit_i128(i)
                    } else if let Some(u) = b.to_u128() {
                        visitor.visit_u128(u)
                    } else {
                        Err(SerdeError::wrap(Error::OutOfRange {
                            target: "i128",
                            value: b.to_string(),
                        }))
                    }
                }
                Payload::Float(f) => visitor.visit_f64(*f),
                Payload::Bytes(b) => visitor.visit_bytes(b),
                Payload::ByteArray(b) => visitor.visit_byte_buf(b.borrow().clone()),
                Payload::Dict(_) => {
                    let pairs = self.vm.dict_items(&self.v);
                    visitor.visit_map(MapDe {
                        vm: self.vm,
                        pairs: pairs.into_iter(),
                        value: None,
                    })
                }
                _ => match self.items() {
                    Some(items) => visitor.visit_seq(SeqDe {
                        vm: self.vm,
                        items: items.into_iter(),
                    }),
                    None => Err(self.mismatch("a value serde can read")),
                },
            },
        }
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> SResult<V::Value> {
        match self.v {
            Value::None | Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> SResult<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_bytes<V: de::Visitor<'de>>(self, visitor: V) -> SResult<V::Value> {
        match self.v.payload() {
            Some(Payload::Bytes(b)) => visitor.visit_bytes(b),
            Some(Payload::ByteArray(b)) => visitor.visit_byte_buf(b.borrow().clone()),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_byte_buf<V: de::Visitor<'de>>(self, visitor: V) -> SResult<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> SResult<V::Value> {
        if let Some(s) = self.v.as_str() {
            return visitor.visit_enum(s.to_string().into_deserializer());
        }
        if matches!(self.v.payload(), Some(Payload::Dict(_))) {
            let mut pairs = self.vm.dict_items(&self.v);
            if pairs.len() == 1 {
                if let Some((k, content)) = pairs.pop() {
                    if let Some(name) = k.as_str() {
                        return visitor.visit_enum(EnumDe {
                            vm: self.vm,
                            name: name.to_string(),
                            content,
                        });
                    }
                }
            }
        }
        Err(self.mismatch("an enum (a str, or a dict with one str key)"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct SeqDe<'a> {
    vm: &'a Vm,
    items: std::vec::IntoIter<Value>,
}

impl<'de> de::SeqAccess<'de> for SeqDe<'_> {
    type Error = SerdeError;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> SResult<Option<T::Value>> {
        match self.items.next() {
            Some(v) => seed.deserialize(De { vm: self.vm, v }).map(Some),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'a> {
    vm: &'a Vm,
    pairs: std::vec::IntoIter<(Value, Value)>,
    value: Option<Value>,
}

impl<'de> de::MapAccess<'de> for MapDe<'_> {
    type Error = SerdeError;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> SResult<Option<K::Value>> {
        match self.pairs.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(De { vm: self.vm, v: k }).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> SResult<V::Value> {
        let v = self.value.take().unwrap_or(Value::None);
        seed.deserialize(De { vm: self.vm, v })
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.pairs.len())
    }
}

struct EnumDe<'a> {
    vm: &'a Vm,
    name: String,
    content: Value,
}

impl<'de, 'a> de::EnumAccess<'de> for EnumDe<'a> {
    type Error = SerdeError;
    type Variant = De<'a>;
    fn variant_seed<V: de::DeserializeSeed<'de>>(self, seed: V) -> SResult<(V::Value, De<'a>)> {
        let name: de::value::StringDeserializer<SerdeError> = self.name.into_deserializer();
        let v = seed.deserialize(name)?;
        Ok((
            v,
            De {
                vm: self.vm,
                v: self.content,
            },
        ))
    }
}

impl<'de> de::VariantAccess<'de> for De<'_> {
    type Error = SerdeError;
    fn unit_variant(self) -> SResult<()> {
        Ok(())
    }
    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(self, seed: T) -> SResult<T::Value> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: de::Visitor<'de>>(self, _len: usize, visitor: V) -> SResult<V::Value> {
        de::Deserializer::deserialize_any(self, visitor)
    }
    fn struct_variant<V: de::Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> SResult<V::Value> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}
