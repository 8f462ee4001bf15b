//! Descriptors the VM provides for classes: `__slots__` member descriptors, the getset
//! descriptors CPython puts in class dicts (`__dict__`, `__weakref__`, `__class__`), and the
//! remaining `object` dunders so `dir()` lists what CPython lists.

use crate::object::{ObjRef, Payload};
use crate::value::{Value, B64};
use crate::{PyResult, Vm};
use std::rc::Rc;

/// A `__slots__` entry: instances store the value under `name` (in a hidden dict).
pub struct MemberDescr {
    pub name: Rc<str>,
    pub owner: Rc<str>,
}

/// A getset descriptor (`__dict__`, `__weakref__`, `__class__`, and `type`'s `__mro__`, …):
/// `__get__` reads the attribute the VM computes itself.
pub struct GetSetDescr {
    pub name: Rc<str>,
    pub owner: Rc<str>,
    /// The class whose dict holds it (`__objclass__`); weak, the class owns the descriptor.
    pub owner_class: crate::objref::ObjWeak,
}

impl Vm {
    pub(crate) fn new_member_descr(&self, name: Rc<str>, owner: Rc<str>) -> Value {
        Value::Obj(self.alloc(
            &self.t.member_descriptor,
            Payload::Native(Box::new(MemberDescr { name, owner })),
        ))
    }

    /// A getset descriptor for attribute `name` of the instances of `owner`.
    pub fn new_getset_descr(&self, name: &str, owner: &ObjRef) -> Value {
        let qual = owner
            .as_type()
            .map_or_else(|| Rc::from("?"), |t| t.name.borrow().clone());
        Value::Obj(self.alloc(
            &self.t.getset_descriptor,
            Payload::Native(Box::new(GetSetDescr {
                name: Rc::from(name),
                owner: qual,
                owner_class: ObjRef::downgrade(owner),
            })),
        ))
    }

    /// The slot name if `d` is a member descriptor.
    pub(crate) fn member_name(d: &Value) -> Option<Rc<str>> {
        match d.payload() {
            Some(Payload::Native(n)) => n.downcast_ref::<MemberDescr>().map(|m| m.name.clone()),
            _ => None,
        }
    }

    /// Reads a slot of `obj`.
    pub(crate) fn member_get(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        if let Some(Payload::Slots(t)) = obj.payload() {
            let h = crate::proto::hash::str_hash(name);
            if let Some(v) = t.borrow().get_str(h, name) {
                return Ok(v.clone());
            }
        } else if let Some(d) = obj.as_obj().and_then(|o| self.instance_dict(o)) {
            // A slotted subclass of a native class (`weakref.KeyedRef(ref)`): the instance keeps
            // its native payload, so the slots live in its dict.
            if let Some(v) = self.dict_get_str(&d, name) {
                return Ok(v);
            }
        }
        Err(self.attr_error(obj, name))
    }

    /// Writes (`Some`) or deletes (`None`) a slot; `Ok(false)` when deleting an unset slot.
    pub(crate) fn member_store(
        &mut self,
        obj: &Value,
        name: &Value,
        value: Option<Value>,
    ) -> PyResult<bool> {
        let Some(Payload::Slots(t)) = obj.payload() else {
            if let Some(d) = obj.as_obj().and_then(|o| self.instance_dict(o)) {
                // Slots of a native class's subclass live in the instance dict (see above).
                let dv = Value::Obj(d.clone());
                return match value {
                    Some(v) => {
                        self.dict_set_item(&d, name.clone(), v)?;
                        Ok(true)
                    }
                    None => self.dict_del_item(&dv, name),
                };
            }
            let n = name.as_str().unwrap_or("?").to_string();
            return Err(self.attr_error(obj, &n));
        };
        let h = crate::proto::attr::name_hash(name);
        let s = name.as_str().unwrap_or("");
        let pos = t.borrow().find_str(h, s);
        match (value, pos) {
            (Some(v), Some(p)) => {
                let old = t.borrow_mut().set_at(p, v);
                drop(old);
                Ok(true)
            }
            (Some(v), None) => {
                t.borrow_mut().push_new(h, name.clone(), v);
                Ok(true)
            }
            (None, Some(p)) => {
                let old = t.borrow_mut().remove_at(p);
                drop(old);
                Ok(true)
            }
            (None, None) => Ok(false),
        }
    }

    /// The class a member descriptor was created for (by qualified name among live classes).
    pub(crate) fn member_owner_class(&self, owner: &str) -> Option<Value> {
        self.slot_owners
            .iter()
            .find(|(n, _)| &**n == owner)
            .map(|(_, c)| Value::Obj(c.clone()))
    }

    /// Does `cls` forbid an instance `__dict__` (every class in its MRO uses `__slots__`)?
    pub(crate) fn has_no_dict(&self, cls: &ObjRef) -> bool {
        cls.as_type().is_some_and(|t| t.no_dict.get())
    }

    /// Sets up `__slots__` / `__dict__` / `__weakref__` / `__doc__` entries of a new class.
    pub(crate) fn setup_class_descriptors(&mut self, cls: &ObjRef) -> PyResult<()> {
        let Some(td) = cls.as_type() else {
            return Ok(());
        };
        let qual = td.qualname.borrow().clone();
        let slots = td
            .dict
            .borrow()
            .get_str(crate::proto::hash::str_hash("__slots__"), "__slots__")
            .map(|v| v.clone());
        let bases_have_dict = td.mro.borrow().iter().skip(1).any(|b| {
            b.as_type().is_some_and(|bt| {
                !bt.no_dict.get()
                    && (bt.heap || !matches!(bt.base_kind, crate::object::BaseKind::Object))
                    && !std::ptr::eq(
                        bt,
                        self.t
                            .object
                            .as_type()
                            .map_or(std::ptr::null(), |o| o as *const _),
                    )
            })
        });
        let mut wants_dict = !bases_have_dict;
        let mut wants_weakref = !bases_have_dict;
        if let Some(slots) = slots {
            let names: Vec<Value> = if slots.as_str().is_some() {
                vec![slots.clone()]
            } else {
                self.to_vec(&slots)?
            };
            wants_dict = false;
            wants_weakref = false;
            let mut has_dict_slot = false;
            let ns_keys: Vec<String> = td
                .dict
                .borrow()
                .keys()
                .iter()
                .filter_map(|k| k.as_str().map(String::from))
                .collect();
            td.slotted.set(true);
            for n in names {
                let Some(s) = n.as_rc_str() else {
                    return Err(self.new_type_error(&format!(
                        "__slots__ items must be strings, not '{}'",
                        self.type_name(&n)
                    )));
                };
                match &*s {
                    "__dict__" => has_dict_slot = true,
                    "__weakref__" => wants_weakref = true,
                    _ => {
                        let s: Rc<str> = if s.starts_with("__") && !s.ends_with("__") {
                            let cname = td.name.borrow().trim_start_matches('_').to_string();
                            Rc::from(format!("_{cname}{s}"))
                        } else {
                            s
                        };
                        if ns_keys.iter().any(|k| **k == *s) {
                            return Err(self.new_value_error(&format!(
                                "'{s}' in __slots__ conflicts with class variable"
                            )));
                        }
                        let d = self.new_member_descr(s.clone(), qual.clone());
                        self.type_set_attr(cls, &s, d);
                        if !self.slot_owners.iter().any(|(n, _)| *n == qual) {
                            self.slot_owners.push((qual.clone(), cls.clone()));
                        }
                    }
                }
            }
            let all_slotted = td.mro.borrow().iter().skip(1).all(|b| {
                // (Builtin exception types give their instances a dict.)
                b.as_type().is_some_and(|bt| {
                    bt.no_dict.get()
                        || (!bt.heap && !matches!(bt.base_kind, crate::object::BaseKind::Exception))
                })
            });
            if has_dict_slot {
                wants_dict = !bases_have_dict;
            } else if all_slotted {
                td.no_dict.set(true);
            }
        }
        if !td.slotted.get()
            && td
                .mro
                .borrow()
                .iter()
                .skip(1)
                .any(|b| b.as_type().is_some_and(|bt| bt.slotted.get()))
        {
            td.slotted.set(true);
        }
        let h = crate::proto::hash::str_hash("__doc__");
        if td.dict.borrow().get_str(h, "__doc__").is_none() {
            self.type_set_attr(cls, "__doc__", Value::None);
        }
        if wants_dict && td.base_kind == crate::object::BaseKind::Object {
            let d = self.new_getset_descr("__dict__", cls);
            self.type_set_attr(cls, "__dict__", d);
        }
        if wants_weakref && td.base_kind == crate::object::BaseKind::Object {
            let d = self.new_getset_descr("__weakref__", cls);
            self.type_set_attr(cls, "__weakref__", d);
        }
        Ok(())
    }
}

pub(crate) fn install(vm: &mut Vm) {
    let obj = vm.t.object.clone();
    for name in ["__lt__", "__le__", "__gt__", "__ge__"] {
        vm.add_method(&obj, name, |vm, _a| Ok(vm.not_implemented()));
    }
    vm.add_method(&obj, "__dir__", |vm, a| {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        vm.dir_of(&v)
    });
    vm.add_method(&obj, "__sizeof__", |_vm, a| {
        let n = match a.pos.first().and_then(|v| v.as_obj()) {
            Some(o) if o.has_dict() => 48,
            _ => 16,
        };
        Ok(Value::Int(n))
    });
    vm.add_classmethod(&obj, "__subclasshook__", |vm, _a| Ok(vm.not_implemented()));
    let d = vm.new_getset_descr("__class__", &obj);
    vm.type_set_attr(&obj, "__class__", d);
    let md = vm.t.member_descriptor.clone();
    vm.add_method(&md, "__repr__", |vm, a| {
        let s = match a.pos.first().and_then(Value::payload) {
            Some(Payload::Native(n)) => n
                .downcast_ref::<MemberDescr>()
                .map(|m| format!("<member '{}' of '{}' objects>", m.name, m.owner))
                .unwrap_or_default(),
            _ => String::new(),
        };
        Ok(vm.new_string(s))
    });
    vm.add_method(&md, "__get__", |vm, a| {
        let d = a.pos.first().cloned().unwrap_or(Value::None);
        let Some(name) = Vm::member_name(&d) else {
            return Err(vm.new_type_error("bad member descriptor"));
        };
        match a.pos.get(1) {
            None | Some(Value::None) => Ok(d),
            Some(obj) => {
                let obj = obj.clone();
                vm.member_get(&obj, &name)
            }
        }
    });
    vm.add_method(&md, "__set__", |vm, a| {
        let d = a.pos.first().cloned().unwrap_or(Value::None);
        let Some(name) = Vm::member_name(&d) else {
            return Err(vm.new_type_error("bad member descriptor"));
        };
        let obj = a.pos.get(1).cloned().unwrap_or(Value::None);
        let v = a.pos.get(2).cloned().unwrap_or(Value::None);
        let n = vm.new_str_rc(name);
        vm.member_store(&obj, &n, Some(v))?;
        Ok(Value::None)
    });
    vm.add_method(&md, "__getattr__", |vm, a| {
        let d = a.pos.first().cloned().unwrap_or(Value::None);
        let attr = a
            .pos
            .get(1)
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let info = match d.payload() {
            Some(Payload::Native(n)) => n
                .downcast_ref::<MemberDescr>()
                .map(|m| (m.name.clone(), m.owner.clone())),
            _ => None,
        };
        let Some((name, owner)) = info else {
            return Err(vm.new_type_error("bad member descriptor"));
        };
        match attr.as_str() {
            "__name__" | "__qualname__" => Ok(vm.new_str_rc(name)),
            "__objclass__" => {
                let globals_lookup = vm.caller_globals();
                let _ = globals_lookup;
                Ok(vm.member_owner_class(&owner).unwrap_or(Value::None))
            }
            _ => Err(vm.attr_error(&d, &attr)),
        }
    });
    let gd = vm.t.getset_descriptor.clone();
    install_getset(vm, &gd);
    vm.add_method(&gd, "__repr__", |vm, a| {
        let s = match a.pos.first().and_then(Value::payload) {
            Some(Payload::Native(n)) => n
                .downcast_ref::<GetSetDescr>()
                .map(|m| format!("<attribute '{}' of '{}' objects>", m.name, m.owner))
                .unwrap_or_default(),
            _ => String::new(),
        };
        Ok(vm.new_string(s))
    });
    let slice = vm.t.slice.clone();
    vm.add_method(&slice, "indices", |vm, a| {
        let s = a.pos.first().cloned().unwrap_or(Value::None);
        let n = a.pos.get(1).cloned().unwrap_or(Value::None);
        let len = vm.to_index(&n)?;
        if len < 0 {
            return Err(vm.new_value_error("length should not be negative"));
        }
        let si = vm.slice_indices(&s, usize::try_from(len).unwrap_or(0))?;
        Ok(vm.new_tuple(vec![
            Value::Int(si.start),
            Value::Int(si.stop),
            Value::Int(si.step),
        ]))
    });
    for ty in [vm.t.dict_keys.clone(), vm.t.dict_items.clone()] {
        vm.add_method(&ty, "isdisjoint", |vm, a| {
            let me = a.pos.first().cloned().unwrap_or(Value::None);
            let other = a.pos.get(1).cloned().unwrap_or(Value::None);
            for x in vm.to_vec(&other)? {
                if vm.contains(&me, &x)? {
                    return Ok(Value::Bool(B64::FALSE));
                }
            }
            Ok(Value::Bool(B64::TRUE))
        });
    }
}

/// `type.__flags__`: the `Py_TPFLAGS_*` bits Python code tests (heap type, base type,
/// ready, abstract, and the fast-subclass bits).
pub(crate) fn type_flags(vm: &mut Vm, cls: &ObjRef) -> i64 {
    let mut f: i64 = (1 << 10) | (1 << 12);
    if cls.as_type().is_some_and(|t| t.heap) {
        f |= 1 << 9;
    }
    if let Some(am) = vm.lookup_type_attr(cls, "__abstractmethods__") {
        if vm.len(&am).unwrap_or(0) > 0 {
            f |= 1 << 20;
        }
    }
    let t = &vm.t;
    let subs = [
        (&t.int, 24),
        (&t.list, 25),
        (&t.tuple, 26),
        (&t.bytes, 27),
        (&t.str, 28),
        (&t.dict, 29),
        (&t.exc.base_exception, 30),
        (&t.type_, 31),
    ];
    for (base, bit) in subs {
        if vm.is_subclass(cls, base) {
            f |= 1 << bit;
        }
    }
    f
}

fn getset_of(d: &Value) -> Option<&GetSetDescr> {
    match d.payload() {
        Some(Payload::Native(n)) => n.downcast_ref::<GetSetDescr>(),
        _ => None,
    }
}

/// `getset_descriptor.__get__`, `__name__`, `__qualname__`, `__objclass__`.
fn install_getset(vm: &mut Vm, gd: &ObjRef) {
    vm.add_method(gd, "__get__", |vm, a| {
        let d = a.pos.first().cloned().unwrap_or(Value::None);
        let obj = a.pos.get(1).cloned().unwrap_or(Value::None);
        let Some(g) = getset_of(&d) else {
            return Err(vm.new_type_error("bad getset descriptor"));
        };
        if obj.is_none() {
            return Ok(d.clone());
        }
        let name = g.name.clone();
        match &*name {
            "__class__" => Ok(Value::Obj(vm.type_of(&obj))),
            "__weakref__" => Ok(Value::None),
            "__dict__" if vm.as_class(&obj).is_none() => {
                match obj.as_obj().and_then(|o| vm.instance_dict(o)) {
                    Some(dict) => Ok(Value::Obj(dict)),
                    None => Err(vm.attr_error(&obj, "__dict__")),
                }
            }
            "__flags__" => match vm.as_class(&obj) {
                Some(cls) => Ok(Value::Int(type_flags(vm, &cls))),
                None => Err(vm.attr_error(&obj, &name)),
            },
            // Attributes of classes (`type.__dict__['__mro__']`), which the VM answers
            // before looking at any class dict.
            "__dict__" | "__name__" | "__qualname__" | "__mro__" | "__bases__" | "__base__"
                if vm.as_class(&obj).is_some() =>
            {
                vm.getattr_str(&obj, &name)
            }
            _ => Err(vm.attr_error(&obj, &name)),
        }
    });
    vm.add_method(gd, "__getattr__", |vm, a| {
        let d = a.pos.first().cloned().unwrap_or(Value::None);
        let attr = a
            .pos
            .get(1)
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let Some(g) = getset_of(&d) else {
            return Err(vm.new_type_error("bad getset descriptor"));
        };
        match attr.as_str() {
            "__name__" => Ok(vm.new_str_rc(g.name.clone())),
            "__qualname__" => Ok(vm.new_string(format!("{}.{}", g.owner, g.name))),
            "__objclass__" => Ok(g.owner_class.upgrade().map_or(Value::None, Value::Obj)),
            _ => Err(vm.attr_error(&d, &attr)),
        }
    });
}
