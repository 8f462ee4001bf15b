//! Attributes of plain instances kept in the instance itself (CPython's "inline values" with
//! shared keys).
//!
//! A class statement's class owns a key table ([`TypeData::inst_keys`]): the names of its
//! instances' attributes in the order they were first set, append-only, at most [`MAX_KEYS`].
//! An instance stores its attribute values in a vector indexed by that table
//! ([`InstAttrs::Values`]) as long as it sets its attributes in table order (it then holds a
//! prefix of the table) and never deletes one. Anything else turns it into
//! [`InstAttrs::Dict`] for good: [`Vm::instance_dict`] builds a dict object from the values in
//! order, and from then on the instance behaves exactly as before inline values existed.
//!
//! A key-table index never changes meaning for its class, so the attribute caches
//! (`exec/attr_ic.rs`) remember it per class: a hit is "values mode and index in range".
//! Appending a name that a class attribute already has bumps the type epoch, so that caches
//! which decided "no instance of this class can shadow that method" are refilled.

use crate::dict::DictTable;
use crate::object::{InstAttrs, ObjRef, Payload, PyObject, TypeData};
use crate::proto::attr::{name_hash, type_modified};
use crate::value::Value;
use crate::{PyResult, Vm};
use std::cell::RefCell;

/// The most names a class's key table holds (CPython's limit for shared keys is 30 too).
pub const MAX_KEYS: usize = 30;

/// The position of `name` in a key table: by identity first (attribute names are interned, so
/// it is usually the very object), then by text.
pub(crate) fn key_index(keys: &[Value], name: &Value) -> Option<usize> {
    let Value::Obj(n) = name else {
        return None;
    };
    if let Some(i) = keys
        .iter()
        .position(|k| matches!(k, Value::Obj(k) if ObjRef::ptr_eq(k, n)))
    {
        return Some(i);
    }
    let ns = n.as_str()?;
    keys.iter().position(|k| k.as_str() == Some(ns))
}

/// The type data of `o`'s class.
#[inline]
fn class_data(o: &PyObject) -> Option<&TypeData> {
    o.class.as_ref().and_then(|c| c.as_type())
}

/// The key-table index of `name` for instances of `o`'s class, if it has one.
pub(crate) fn class_key_index(o: &PyObject, name: &Value) -> Option<usize> {
    let td = class_data(o)?;
    let keys = td.inst_keys.try_borrow().ok()?;
    key_index(&keys, name)
}

/// What an instance's attribute lookup found.
pub(crate) enum Found {
    /// The value.
    Value(Value),
    /// The instance has no attribute of that name.
    Missing,
    /// The instance keeps its attributes in this dict object (or is busy): look there.
    Dict(Option<ObjRef>),
}

/// The attribute `name` (hash `h`) of an instance with attributes `a`, without the class.
pub(crate) fn inst_lookup(o: &PyObject, a: &RefCell<InstAttrs>, name: &Value) -> Found {
    let Ok(st) = a.try_borrow() else {
        return Found::Dict(None);
    };
    match &*st {
        InstAttrs::NoDict => Found::Missing,
        InstAttrs::Dict(d) => Found::Dict(Some(d.clone())),
        InstAttrs::Values(vals) => match class_key_index(o, name).and_then(|i| vals.get(i)) {
            Some(v) => Found::Value(v.clone()),
            None => Found::Missing,
        },
    }
}

/// The names of an instance's attributes kept in its values, in order (for `dir()`).
pub(crate) fn value_names(o: &PyObject) -> Vec<Value> {
    let Payload::Instance(a) = &o.payload else {
        return Vec::new();
    };
    let (Ok(st), Some(td)) = (a.try_borrow(), class_data(o)) else {
        return Vec::new();
    };
    let (InstAttrs::Values(vals), Ok(keys)) = (&*st, td.inst_keys.try_borrow()) else {
        return Vec::new();
    };
    keys.iter().take(vals.len()).cloned().collect()
}

impl Vm {
    /// The attribute dict object of `o`: for an instance that keeps its attributes in itself,
    /// one is built from them now (in order) and used from then on; for other objects, their
    /// `dict`. `None`: the object has no `__dict__`.
    pub fn instance_dict(&self, o: &ObjRef) -> Option<ObjRef> {
        let Payload::Instance(a) = &o.payload else {
            return o.dict_obj();
        };
        let mut st = a.try_borrow_mut().ok()?;
        let vals = match &mut *st {
            InstAttrs::NoDict => return None,
            InstAttrs::Dict(d) => return Some(d.clone()),
            InstAttrs::Values(v) => std::mem::take(v),
        };
        let mut t = DictTable::new();
        if let Some(keys) = class_data(o).and_then(|td| td.inst_keys.try_borrow().ok()) {
            for (k, v) in keys.iter().zip(vals) {
                t.push_new(name_hash(k), k.clone(), v);
            }
        }
        let d = self.alloc(&self.t.dict, Payload::dict(t));
        *st = InstAttrs::Dict(d.clone());
        Some(d)
    }

    /// A new instance of the plain class `cls` (attributes stored in the instance), with
    /// room for as many values as the class's key table has names.
    #[inline]
    pub(crate) fn new_plain_instance(&self, cls: &ObjRef) -> ObjRef {
        let n = cls
            .as_type()
            .and_then(|td| td.inst_keys.try_borrow().ok().map(|k| k.len()))
            .unwrap_or(0);
        let o = ObjRef::new(PyObject::new(
            Some(cls.clone()),
            Payload::Instance(RefCell::new(InstAttrs::Values(Vec::with_capacity(n)))),
        ));
        self.gc.track(&o);
        o
    }

    /// Stores `name = value` in the values of instance `o` (attributes `a`) if the instance
    /// keeps them there and the name fits its class's key table at the next position (or
    /// already has one). `Err(value)`: nothing changed; the caller stores into
    /// [`Vm::instance_dict`].
    pub(crate) fn inst_store(
        &self,
        o: &PyObject,
        a: &RefCell<InstAttrs>,
        name: &Value,
        value: Value,
    ) -> Result<(), Value> {
        let exact = matches!(name, Value::Obj(n)
            if matches!(n.payload, Payload::Str(_))
                && n.class.as_ref().is_some_and(|c| ObjRef::ptr_eq(c, &self.t.str)));
        let Some(td) = class_data(o) else {
            return Err(value);
        };
        if !exact {
            return Err(value);
        }
        let Ok(mut st) = a.try_borrow_mut() else {
            return Err(value);
        };
        let InstAttrs::Values(vals) = &mut *st else {
            return Err(value);
        };
        let Ok(mut keys) = td.inst_keys.try_borrow_mut() else {
            return Err(value);
        };
        match key_index(&keys, name) {
            Some(i) if i < vals.len() => {
                let Some(slot) = vals.get_mut(i) else {
                    return Err(value);
                };
                let old = std::mem::replace(slot, value);
                drop(keys);
                drop(st);
                drop(old);
                Ok(())
            }
            Some(i) if i == vals.len() => {
                vals.push(value);
                Ok(())
            }
            None if vals.len() == keys.len() && keys.len() < MAX_KEYS => {
                keys.push(name.clone());
                vals.push(value);
                drop(keys);
                drop(st);
                // A name that a class attribute has: caches that found no instance could
                // shadow it must look again.
                let cls = o.class.as_ref();
                let ns = name.as_str().unwrap_or("");
                if cls.is_some_and(|c| self.lookup_type_attr_h(c, ns, name_hash(name)).is_some()) {
                    type_modified();
                }
                Ok(())
            }
            _ => Err(value),
        }
    }

    /// `o.__dict__ = value` for an instance with a `__dict__`.
    pub(crate) fn set_instance_dict(
        &mut self,
        obj: &Value,
        a: &RefCell<InstAttrs>,
        value: Value,
    ) -> PyResult<()> {
        let d = match &value {
            Value::Obj(d) if matches!(d.payload, Payload::Dict(_)) => d.clone(),
            _ => return Err(self.dict_type_error(&value)),
        };
        let Ok(mut st) = a.try_borrow_mut() else {
            return Err(self.attr_error(obj, "__dict__"));
        };
        if matches!(*st, InstAttrs::NoDict) {
            drop(st);
            return Err(self.attr_error(obj, "__dict__"));
        }
        let old = std::mem::replace(&mut *st, InstAttrs::Dict(d));
        drop(st);
        drop(old);
        Ok(())
    }
}
