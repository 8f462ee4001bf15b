//! Attribute lookup: MRO search, descriptors, instance dicts, special attributes.

use crate::instance::{inst_lookup, Found};
use crate::object::{NativeKind, ObjRef, Payload};
use crate::proto::hash::str_hash;
use crate::value::{Value, B64};
use crate::{PyErr, PyResult, Vm};
use std::rc::Rc;

/// Hash of a `str` value (cached in the object).
pub(crate) fn name_hash(name: &Value) -> i64 {
    match name.payload() {
        Some(Payload::Str(s)) => {
            let h = s.hash.get();
            if h != -1 {
                return h;
            }
            let h = str_hash(&s.s);
            s.hash.set(h);
            h
        }
        _ => 0,
    }
}

/// Size of the type-attribute lookup cache (a power of two) once grown. It starts at
/// [`ATTR_CACHE_START`] entries and doubles each time a new entry evicts a live one, so a short
/// program does not touch (and pay page faults for) the 4096 entries a long one needs.
pub(crate) const ATTR_CACHE_SIZE: usize = 4096;
const ATTR_CACHE_START: usize = 64;

/// One cached MRO lookup: valid while no class namespace changed (same epoch).
#[derive(Clone)]
pub(crate) struct AttrCacheEntry {
    ty: usize,
    hash: i64,
    epoch: u64,
    name: Rc<str>,
    value: Option<Value>,
}

thread_local! {
    static TYPE_EPOCH: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

#[inline]
pub(crate) fn type_epoch() -> u64 {
    TYPE_EPOCH.with(std::cell::Cell::get)
}

/// Must be called after any change to a class namespace or MRO: invalidates the VM's cache of
/// type attribute lookups (every `Vm` on this thread).
pub fn type_modified() {
    TYPE_EPOCH.with(|e| e.set(e.get().wrapping_add(1)));
}

/// User-defined attribute hooks of a class (bits of [`Vm::hook_flags`]).
pub(crate) mod hook {
    pub const GETATTRIBUTE: u8 = 1;
    pub const GETATTR: u8 = 2;
    pub const SETATTR: u8 = 4;
    pub const DELATTR: u8 = 8;
}

impl Vm {
    /// Which attribute hooks a heap class defines in Python (cached per type epoch).
    pub(crate) fn hook_flags(&self, cls: &ObjRef) -> u8 {
        let Some(td) = cls.as_type() else { return 0 };
        let epoch = type_epoch();
        let (e, f) = td.hook_flags.get();
        if e == epoch {
            return f;
        }
        let is_fn =
            |v: Option<Value>| v.is_some_and(|f| matches!(f.payload(), Some(Payload::Function(_))));
        let mut flags = 0;
        if is_fn(self.lookup_type_attr_uncached(
            cls,
            "__getattribute__",
            str_hash("__getattribute__"),
        )) {
            flags |= hook::GETATTRIBUTE;
        }
        if self
            .lookup_type_attr_uncached(cls, "__getattr__", str_hash("__getattr__"))
            .is_some()
        {
            flags |= hook::GETATTR;
        }
        if is_fn(self.lookup_type_attr_uncached(cls, "__setattr__", str_hash("__setattr__"))) {
            flags |= hook::SETATTR;
        }
        if is_fn(self.lookup_type_attr_uncached(cls, "__delattr__", str_hash("__delattr__"))) {
            flags |= hook::DELATTR;
        }
        td.hook_flags.set((epoch, flags));
        flags
    }

    /// `issubclass(a, b)` over the MRO.
    pub fn is_subclass(&self, a: &ObjRef, b: &ObjRef) -> bool {
        if ObjRef::ptr_eq(a, b) {
            return true;
        }
        match a.as_type() {
            Some(t) => t.mro.borrow().iter().any(|m| ObjRef::ptr_eq(m, b)),
            None => false,
        }
    }

    /// `isinstance(v, cls)` for a class object.
    pub fn is_instance(&self, v: &Value, cls: &ObjRef) -> bool {
        let t = self.type_of(v);
        self.is_subclass(&t, cls)
    }

    /// Is `f` a native method of an extension type (a class made with `new_class` that the
    /// builtins crate or an embedder gave native methods)? Such methods are the type's only
    /// implementation of a slot, so the VM calls them like user-defined dunders.
    pub fn is_extension_method(&self, f: &Value) -> bool {
        match f.payload() {
            Some(Payload::NativeFunction(nf)) => nf
                .owner
                .as_ref()
                .is_some_and(|o| o.as_type().is_some_and(|t| t.heap)),
            _ => false,
        }
    }

    /// Does `v` have its dunder methods defined above the VM's payload-level protocol? (heap
    /// classes, and builtin types whose instances are `Native`/`Instance` payloads).
    pub fn has_dunder_overrides(&self, v: &Value) -> bool {
        match v {
            Value::Obj(o) => {
                o.class
                    .as_ref()
                    .is_some_and(|c| c.as_type().is_some_and(|t| t.heap))
                    || matches!(
                        o.payload,
                        Payload::Native(_)
                            | Payload::Instance(_)
                            | Payload::Slots(_)
                            | Payload::Type(_)
                    )
            }
            _ => false,
        }
    }

    /// Is `f` (found on `v`'s class) an override of the payload-level protocol?
    pub fn is_dunder_override(&self, v: &Value, f: &Value) -> bool {
        match f.payload() {
            Some(Payload::Function(_)) => true,
            Some(Payload::NativeFunction(nf)) => {
                self.is_extension_method(f)
                    || (matches!(
                        v.payload(),
                        Some(
                            Payload::Native(_)
                                | Payload::Instance(_)
                                | Payload::Slots(_)
                                | Payload::Type(_)
                        )
                    ) && nf
                        .owner
                        .as_ref()
                        .is_some_and(|o| !ObjRef::ptr_eq(o, &self.t.object)))
            }
            _ => false,
        }
    }

    /// Looks `name` up along the MRO of `cls` (no descriptor binding).
    pub fn lookup_type_attr(&self, cls: &ObjRef, name: &str) -> Option<Value> {
        self.lookup_type_attr_h(cls, name, str_hash(name))
    }

    pub(crate) fn lookup_type_attr_h(&self, cls: &ObjRef, name: &str, h: i64) -> Option<Value> {
        #[allow(clippy::cast_sign_loss)]
        let key = (ObjRef::as_ptr(cls) as usize >> 4) ^ (h as usize);
        let epoch = type_epoch();
        if let Ok(c) = self.attr_cache.try_borrow() {
            if let Some(Some(e)) = c.get(key & c.len().wrapping_sub(1)) {
                if e.epoch == epoch
                    && e.ty == ObjRef::as_ptr(cls) as usize
                    && e.hash == h
                    && &*e.name == name
                {
                    return e.value.clone();
                }
            }
        }
        let r = self.lookup_type_attr_uncached(cls, name, h);
        if let Ok(mut c) = self.attr_cache.try_borrow_mut() {
            let live = |c: &[Option<AttrCacheEntry>], slot: usize| {
                c.get(slot)
                    .and_then(Option::as_ref)
                    .is_some_and(|e| e.epoch == epoch)
            };
            if c.is_empty() {
                c.resize(ATTR_CACHE_START, None);
            } else if c.len() < ATTR_CACHE_SIZE && live(&c, key & (c.len() - 1)) {
                // Too small for this program: double (dropping what it held; it is a cache).
                let n = c.len() * 2;
                c.clear();
                c.resize(n, None);
            }
            let slot = key & (c.len() - 1);
            if let Some(e) = c.get_mut(slot) {
                *e = Some(AttrCacheEntry {
                    ty: ObjRef::as_ptr(cls) as usize,
                    hash: h,
                    epoch,
                    name: Rc::from(name),
                    value: r.clone(),
                });
            }
        }
        r
    }

    fn lookup_type_attr_uncached(&self, cls: &ObjRef, name: &str, h: i64) -> Option<Value> {
        let td = cls.as_type()?;
        for t in td.mro.borrow().iter() {
            if let Some(tt) = t.as_type() {
                self.settle_type(tt);
                if let Some(v) = tt.dict.borrow().get_str(h, name) {
                    return Some(v.clone());
                }
            }
        }
        None
    }

    /// `getattr(obj, name)` with a Rust name.
    pub fn getattr_str(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        let n = self.new_str(name);
        self.getattr(obj, &n)
    }

    /// `getattr(obj, name)`.
    pub fn getattr(&mut self, obj: &Value, name: &Value) -> PyResult<Value> {
        match self.getattr_opt(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.attr_error(obj, name.as_str().unwrap_or("?"))),
        }
    }

    /// The `AttributeError` CPython raises for a missing attribute.
    pub fn attr_error(&self, obj: &Value, name: &str) -> PyErr {
        let msg = match obj.payload() {
            Some(Payload::Module(m)) => self.module_missing_attr_message(obj, &m.name, name),
            Some(Payload::Type(t)) => format!(
                "type object '{}' has no attribute '{}'",
                t.name.borrow(),
                name
            ),
            _ => format!(
                "'{}' object has no attribute '{}'",
                self.type_name(obj),
                name
            ),
        };
        let e = self.new_attribute_error(&msg);
        if let Some(d) = e.exc().dict_obj().as_ref() {
            let n = self.new_str(name);
            self.dict_set_str(Some(d), "name", n);
            self.dict_set_str(Some(d), "obj", obj.clone());
        }
        e
    }

    /// `getattr(obj, name, None)`-like: `Ok(None)` when missing.
    pub fn getattr_opt(&mut self, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
        let heap = matches!(obj, Value::Obj(o) if o.class.as_ref().is_some_and(|c| c.as_type().is_some_and(|t| t.heap)));
        if !heap {
            let r = self.generic_getattr_opt(obj, name)?;
            if r.is_none() && matches!(obj.payload(), Some(Payload::Native(_))) {
                let cls = self.type_of(obj);
                if let Some(ga) = self.lookup_type_attr(&cls, "__getattr__") {
                    return self.call(&ga, &[obj.clone(), name.clone()]).map(Some);
                }
            }
            return Ok(r);
        }
        let cls = self.type_of(obj);
        let flags = self.hook_flags(&cls);
        if flags & (hook::GETATTRIBUTE | hook::GETATTR) == 0 {
            return self.generic_getattr_opt(obj, name);
        }
        let custom = if flags & hook::GETATTRIBUTE != 0 {
            self.lookup_type_attr(&cls, "__getattribute__")
                .filter(|f| matches!(f.payload(), Some(Payload::Function(_))))
        } else {
            None
        };
        let r = match custom {
            Some(ga) => match self.call(&ga, &[obj.clone(), name.clone()]) {
                Ok(v) => return Ok(Some(v)),
                Err(e) => Err(e),
            },
            None => self.generic_getattr_opt(obj, name),
        };
        let missing_err = match r {
            Ok(Some(v)) => return Ok(Some(v)),
            Ok(None) => None,
            Err(e) if self.err_matches(&e, &self.t.exc.attribute_error.clone()) => Some(e),
            Err(e) => return Err(e),
        };
        if let Some(ga) = self.lookup_type_attr(&cls, "__getattr__") {
            return self.call(&ga, &[obj.clone(), name.clone()]).map(Some);
        }
        match missing_err {
            Some(e) => Err(e),
            None => Ok(None),
        }
    }

    /// `object.__getattribute__`: descriptors, instance dict, class attributes (no `__getattr__`).
    pub fn generic_getattr_opt(&mut self, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
        let Some(ns) = name.as_rc_str() else {
            return Err(self.new_type_error(&format!(
                "attribute name must be string, not '{}'",
                self.type_name(name)
            )));
        };
        let h = name_hash(name);
        match obj.payload() {
            Some(Payload::Type(_)) => return self.type_getattr(obj, &ns, h),
            Some(Payload::Super {
                this_type,
                obj: inner,
            }) if &*ns != "__class__" => {
                let (t, i) = (this_type.clone(), inner.clone());
                return match self.super_lookup(&t, &i, &ns, h, false) {
                    Ok((v, _)) => Ok(Some(v)),
                    Err(e) if self.err_matches(&e, &self.t.exc.attribute_error.clone()) => Ok(None),
                    Err(e) => Err(e),
                };
            }
            _ => {}
        }
        let cls = self.type_of(obj);
        if &*ns == "__class__" {
            let custom = cls.as_type().is_some_and(|t| t.heap)
                && self
                    .lookup_type_attr_h(&cls, &ns, h)
                    .is_some_and(|d| !matches!(d.payload(), Some(Payload::Native(_))));
            if !custom {
                return Ok(Some(Value::Obj(cls)));
            }
        }
        let descr = self.lookup_type_attr_h(&cls, &ns, h);
        if let Some(d) = &descr {
            if let Some(Payload::Property(prop)) = d.payload() {
                let fget = &prop.fget;
                if fget.is_none() {
                    return Err(self.new_attribute_error(&format!(
                        "property '{}' of '{}' object has no getter",
                        ns,
                        self.type_name(obj)
                    )));
                }
                let fget = fget.clone();
                return self.call(&fget, &[obj.clone()]).map(Some);
            }
            if let Some(slot) = Vm::member_name(d) {
                return self.member_get(obj, &slot).map(Some);
            }
            if self.is_data_descriptor(d) {
                let d = d.clone();
                return self.call_descr_get(&d, obj, &cls).map(Some);
            }
        }
        if let Value::Obj(o) = obj {
            let found = match &o.payload {
                Payload::Instance(a) => match inst_lookup(o, a, name) {
                    Found::Value(v) => return Ok(Some(v)),
                    Found::Missing => None,
                    Found::Dict(d) => d.and_then(|d| dict_get(&d, h, &ns)),
                },
                _ => o.dict_obj().as_ref().and_then(|d| dict_get(d, h, &ns)),
            };
            if let Some(v) = found {
                return Ok(Some(v));
            }
            // An exception's own fields (`args`, `StopIteration.value`, `SystemExit.code`…)
            // are descriptors of the builtin types, so an attribute of that name on a
            // subclass, found first in the MRO, hides them.
            let hidden = descr.is_some()
                && matches!(o.payload, Payload::Exception(_))
                && exc_state_name(&ns);
            if !hidden {
                if let Some(v) = self.special_attr(o, &ns)? {
                    return Ok(Some(v));
                }
            }
        } else if let Some(v) = self.number_attr(obj, &ns) {
            return Ok(Some(v));
        }
        if let Some(d) = descr {
            return self.bind_descr(d, obj, &cls).map(Some);
        }
        Ok(None)
    }

    fn is_data_descriptor(&self, d: &Value) -> bool {
        match d {
            Value::Obj(o)
                if matches!(
                    o.payload,
                    Payload::Instance(_) | Payload::Slots(_) | Payload::Native(_)
                ) =>
            {
                let t = self.type_of(d);
                self.lookup_type_attr(&t, "__set__").is_some()
                    || self.lookup_type_attr(&t, "__delete__").is_some()
            }
            _ => false,
        }
    }

    fn call_descr_get(&mut self, d: &Value, obj: &Value, cls: &ObjRef) -> PyResult<Value> {
        let t = self.type_of(d);
        match self.lookup_type_attr(&t, "__get__") {
            Some(g) => self.call(&g, &[d.clone(), obj.clone(), Value::Obj(cls.clone())]),
            None => Ok(d.clone()),
        }
    }

    /// Applies the descriptor protocol to a class attribute found for instance `obj`.
    fn bind_descr(&mut self, d: Value, obj: &Value, cls: &ObjRef) -> PyResult<Value> {
        let Value::Obj(o) = &d else { return Ok(d) };
        match &o.payload {
            Payload::Function(_) => Ok(self.new_bound_method(d.clone(), obj.clone())),
            Payload::NativeFunction(nf) => match nf.kind {
                NativeKind::Method => Ok(self.new_bound_method(d.clone(), obj.clone())),
                NativeKind::ClassMethod => {
                    Ok(self.new_bound_method(d.clone(), Value::Obj(cls.clone())))
                }
                _ => Ok(d.clone()),
            },
            Payload::ClassMethod(f) => {
                let f = f.clone();
                Ok(self.new_bound_method(f, Value::Obj(cls.clone())))
            }
            Payload::StaticMethod(f) => Ok(f.clone()),
            Payload::Instance(_) | Payload::Slots(_) | Payload::Native(_) => {
                let t = self.type_of(&d);
                if t.as_type().is_some_and(|t| t.heap)
                    && self.lookup_type_attr(&t, "__get__").is_some()
                {
                    return self.call_descr_get(&d, obj, cls);
                }
                Ok(d.clone())
            }
            _ => Ok(d.clone()),
        }
    }

    /// A bound method object.
    pub fn new_bound_method(&self, func: Value, self_: Value) -> Value {
        // A builtin type's method bound to an object (`[].append`) is a
        // `builtin_function_or_method` in CPython; anything else bound (a Python function, or
        // `classmethod(len)`) is a `method`.
        let cls = match func.payload() {
            Some(Payload::NativeFunction(nf))
                if matches!(nf.kind, NativeKind::Method | NativeKind::ClassMethod) =>
            {
                &self.t.builtin_function
            }
            _ => &self.t.method,
        };
        Value::Obj(self.alloc(cls, Payload::BoundMethod { func, self_ }))
    }

    /// Attribute lookup on a class object.
    fn type_getattr(&mut self, obj: &Value, name: &str, h: i64) -> PyResult<Option<Value>> {
        let Some(cls) = obj.as_obj().cloned() else {
            return Ok(None);
        };
        if name == "__class__" {
            return Ok(Some(Value::Obj(self.type_of(obj))));
        }
        if matches!(
            name,
            "__dict__" | "__name__" | "__qualname__" | "__mro__" | "__bases__" | "__base__"
        ) {
            if let Some(v) = self.type_special_attr(&cls, name) {
                return Ok(Some(v));
            }
        }
        let meta = self.type_of(obj);
        let meta_descr = if ObjRef::ptr_eq(&meta, &self.t.type_) {
            None
        } else {
            self.lookup_type_attr_h(&meta, name, h)
        };
        if let Some(d) = &meta_descr {
            if let Some(Payload::Property(prop)) = d.payload() {
                let fget = prop.fget.clone();
                return self.call(&fget, &[obj.clone()]).map(Some);
            }
        }
        if let Some(v) = self.lookup_type_attr_h(&cls, name, h) {
            let Value::Obj(o) = &v else {
                return Ok(Some(v));
            };
            return Ok(Some(match &o.payload {
                Payload::ClassMethod(f) => {
                    let f = f.clone();
                    self.new_bound_method(f, obj.clone())
                }
                Payload::StaticMethod(f) => f.clone(),
                Payload::NativeFunction(nf) if nf.kind == NativeKind::ClassMethod => {
                    self.new_bound_method(v.clone(), obj.clone())
                }
                Payload::Instance(_) | Payload::Slots(_) | Payload::Native(_) => {
                    let t = self.type_of(&v);
                    if t.as_type().is_some_and(|t| t.heap) {
                        if let Some(g) = self.lookup_type_attr(&t, "__get__") {
                            return self
                                .call(&g, &[v.clone(), Value::None, obj.clone()])
                                .map(Some);
                        }
                    }
                    v.clone()
                }
                _ => v.clone(),
            }));
        }
        if let Some(v) = self.type_special_attr(&cls, name) {
            return Ok(Some(v));
        }
        if let Some(d) = meta_descr {
            return self.bind_descr(d, obj, &meta).map(Some);
        }
        if let Some(d) = self.lookup_type_attr_h(&self.t.type_.clone(), name, h) {
            if let Some(Payload::NativeFunction(_)) = d.payload() {
                return Ok(Some(self.new_bound_method(d, obj.clone())));
            }
        }
        Ok(None)
    }

    fn type_special_attr(&mut self, cls: &ObjRef, name: &str) -> Option<Value> {
        let td = cls.as_type()?;
        Some(match name {
            "__name__" => self.new_str_rc(td.name.borrow().clone()),
            "__qualname__" => self.new_str_rc(td.qualname.borrow().clone()),
            "__module__" => match &*td.module.borrow() {
                Some(m) => self.new_str_rc(m.clone()),
                None => Value::None,
            },
            "__mro__" => {
                let m: Vec<Value> = td
                    .mro
                    .borrow()
                    .iter()
                    .map(|t| Value::Obj(t.clone()))
                    .collect();
                self.new_tuple(m)
            }
            "__bases__" => {
                let b: Vec<Value> = td
                    .bases
                    .borrow()
                    .iter()
                    .map(|t| Value::Obj(t.clone()))
                    .collect();
                self.new_tuple(b)
            }
            "__base__" => td
                .bases
                .borrow()
                .first()
                .map_or(Value::None, |b| Value::Obj(b.clone())),
            "__flags__" => Value::Int(crate::proto::descr::type_flags(self, cls)),
            "__dict__" => {
                let d = self.new_dict_obj();
                self.settle_type(td);
                if let Payload::Dict(t) = &d.payload {
                    *t.borrow_mut() = td.dict.borrow().clone();
                }
                self.new_mappingproxy(Value::Obj(d))
            }
            "__doc__" => Value::None,
            "__class__" => Value::Obj(self.type_of(&Value::Obj(cls.clone()))),
            // Classes without PEP 695 parameters (those store theirs in the class dict).
            "__type_params__" => self.new_tuple(vec![]),
            _ => return None,
        })
    }

    /// `real`, `imag`, … of immediate numbers.
    fn number_attr(&mut self, obj: &Value, name: &str) -> Option<Value> {
        match (obj, name) {
            (Value::Int(_) | Value::Bool(_), "real" | "numerator") => Some(self.int_value(obj)),
            (Value::Int(_) | Value::Bool(_), "imag") => Some(Value::Int(0)),
            (Value::Int(_) | Value::Bool(_), "denominator") => Some(Value::Int(1)),
            (Value::Float(f), "real") => Some(Value::Float(*f)),
            (Value::Float(_), "imag") => Some(Value::float(0.0)),
            _ => None,
        }
    }

    fn int_value(&self, v: &Value) -> Value {
        match v {
            Value::Bool(b) => Value::Int(i64::from(*b)),
            _ => v.clone(),
        }
    }

    /// Attributes computed from a builtin payload.
    fn special_attr(&mut self, o: &ObjRef, name: &str) -> PyResult<Option<Value>> {
        let this = Value::Obj(o.clone());
        if name == "__dict__" {
            if let Some(d) = self.instance_dict(o) {
                let cls = self.type_of(&this);
                if self.has_no_dict(&cls) {
                    return Ok(None);
                }
                return Ok(Some(Value::Obj(d)));
            }
        }
        if name == "__isabstractmethod__" {
            // Wrappers are abstract when what they wrap is (`@classmethod @abstractmethod`).
            let inner: Vec<Value> = match &o.payload {
                Payload::ClassMethod(f) | Payload::StaticMethod(f) => vec![f.clone()],
                Payload::Property(p) => vec![p.fget.clone(), p.fset.clone(), p.fdel.clone()],
                _ => Vec::new(),
            };
            if !inner.is_empty() {
                for f in inner {
                    if let Some(v) = self.lookup_attr(&f, "__isabstractmethod__")? {
                        if self.is_true(&v)? {
                            return Ok(Some(Value::Bool(B64::TRUE)));
                        }
                    }
                }
                return Ok(Some(Value::Bool(B64::FALSE)));
            }
        }
        Ok(match (&o.payload, name) {
            (Payload::Function(f), _) => match name {
                "__name__" => Some(self.new_str_rc(f.name.borrow().clone())),
                "__qualname__" => Some(self.new_str_rc(f.qualname.borrow().clone())),
                "__defaults__" => Some(match &*f.defaults.borrow() {
                    Some(d) => self.new_tuple(d.to_vec()),
                    None => Value::None,
                }),
                "__kwdefaults__" => Some(
                    f.kwdefaults
                        .borrow()
                        .clone()
                        .map_or(Value::None, Value::Obj),
                ),
                "__code__" => Some(Value::Obj(
                    self.alloc(&self.t.code, Payload::Code(f.code.clone())),
                )),
                "__globals__" => Some(Value::Obj(f.globals.clone())),
                "__closure__" => Some(match &f.closure {
                    Some(c) => self.new_tuple(c.iter().map(|x| Value::Obj(x.clone())).collect()),
                    None => Value::None,
                }),
                "__doc__" => Some(f.doc.borrow().clone()),
                "__module__" => Some(f.module.clone()),
                "__annotations__" => {
                    let a = f.annotations.borrow().clone();
                    if a.is_none() || a.is_null() {
                        let d = self.new_dict();
                        *f.annotations.borrow_mut() = d.clone();
                        Some(d)
                    } else {
                        Some(a)
                    }
                }
                _ => None,
            },
            (Payload::NativeFunction(nf), "__name__" | "__qualname__") => {
                Some(self.new_str_rc(nf.name.clone()))
            }
            (Payload::NativeFunction(nf), "__self__") => {
                Some(nf.bound.clone().unwrap_or(Value::None))
            }
            (Payload::NativeFunction(_), "__doc__") => Some(Value::None),
            (Payload::NativeFunction(nf), "__module__") => Some(match &nf.module {
                Some(m) => self.new_str_rc(m.clone()),
                // A function of the builtins namespace (`len`, `print`, …) is `builtins`'s.
                None if nf.kind == NativeKind::Function && nf.bound.is_none() => {
                    let d = self.builtins_dict().clone();
                    match self.dict_get_str(&d, &nf.name) {
                        Some(Value::Obj(b)) if ObjRef::ptr_eq(&b, o) => self.new_str("builtins"),
                        _ => Value::None,
                    }
                }
                None => Value::None,
            }),
            (Payload::BoundMethod { self_, .. }, "__self__") => Some(self_.clone()),
            (Payload::BoundMethod { func, .. }, "__func__") => Some(func.clone()),
            (
                Payload::BoundMethod { func, .. },
                "__name__" | "__qualname__" | "__doc__" | "__module__",
            ) => {
                let func = func.clone();
                let n = self.new_str(name);
                self.getattr_opt(&func, &n)?
            }
            (Payload::Exception(st), _) => match name {
                "args" => Some(self.exception_args(&this, &st.borrow().args)),
                "__cause__" => Some(none_if_null(st.borrow().cause.clone())),
                "__context__" => Some(none_if_null(st.borrow().context.clone())),
                "__suppress_context__" => Some(Value::bool(st.borrow().suppress_context)),
                "__traceback__" => Some(self.traceback_object(&this)),
                "__notes__" => {
                    let notes = st.borrow().notes.clone();
                    if notes.is_empty() {
                        None
                    } else {
                        Some(self.new_list(notes))
                    }
                }
                "value" if self.is_instance(&this, &self.t.exc.stop_iteration.clone()) => {
                    Some(first_arg(&st.borrow().args))
                }
                "code" if self.is_instance(&this, &self.t.exc.system_exit.clone()) => {
                    let args = st.borrow().args.clone();
                    match args.payload() {
                        Some(Payload::Tuple(t)) if t.len() > 1 => Some(args.clone()),
                        _ => Some(first_arg(&args)),
                    }
                }
                "message" | "exceptions"
                    if self.is_instance(&this, &self.t.exc.base_exception_group.clone()) =>
                {
                    self.eg_attr(&this, name)
                }
                "errno" | "strerror" | "filename" | "filename2"
                    if self.is_instance(&this, &self.t.exc.os_error.clone()) =>
                {
                    let args = st.borrow().args.clone();
                    let items = match args.payload() {
                        Some(Payload::Tuple(t)) => t.to_vec(),
                        _ => Vec::new(),
                    };
                    let idx = match name {
                        "errno" => 0,
                        "strerror" => 1,
                        "filename" => 2,
                        _ => 4,
                    };
                    if (2..=5).contains(&items.len()) {
                        Some(items.get(idx).cloned().unwrap_or(Value::None))
                    } else {
                        Some(Value::None)
                    }
                }
                _ => None,
            },
            (Payload::Code(c), _) => self.code_attr(c, name),
            (Payload::Cell(c), "cell_contents") => {
                let v = c.borrow().clone();
                if v.is_null() {
                    return Err(self.new_value_error("Cell is empty"));
                }
                Some(v)
            }
            (Payload::Slice(sl), _) => match name {
                "start" => Some(sl.start.clone()),
                "stop" => Some(sl.stop.clone()),
                "step" => Some(sl.step.clone()),
                _ => None,
            },
            (Payload::Range(r), _) => match name {
                "start" => Some(r.start.clone()),
                "stop" => Some(r.stop.clone()),
                "step" => Some(r.step.clone()),
                _ => None,
            },
            (Payload::Complex { re, .. }, "real") => Some(Value::float(*re)),
            (Payload::Complex { im, .. }, "imag") => Some(Value::float(*im)),
            (Payload::BigInt(_), "real" | "numerator") => Some(this.clone()),
            (Payload::BigInt(_), "imag") => Some(Value::Int(0)),
            (Payload::BigInt(_), "denominator") => Some(Value::Int(1)),
            (Payload::Property(p), "fget") => Some(p.fget.clone()),
            (Payload::Property(p), "fset") => Some(p.fset.clone()),
            (Payload::Property(p), "fdel") => Some(p.fdel.clone()),
            (Payload::Property(p), "__doc__") => Some(p.doc.clone()),
            (Payload::ClassMethod(f) | Payload::StaticMethod(f), "__func__" | "__wrapped__") => {
                Some(f.clone())
            }
            (Payload::Generator(g), "__name__") => Some(self.new_str_rc(g.name.clone())),
            (Payload::Generator(g), "__qualname__") => Some(self.new_str_rc(g.qualname.clone())),
            (Payload::Generator(g), "gi_running" | "cr_running") => {
                Some(Value::bool(g.running.get()))
            }
            (Payload::Generator(g), "gi_suspended" | "cr_suspended") => Some(Value::Bool(
                B64::new(g.started.get() && !g.running.get() && g.frame.borrow().is_some()),
            )),
            (Payload::Generator(g), "gi_frame" | "cr_frame") => {
                if g.frame.borrow().is_some() || g.running.get() {
                    Some(Value::Obj(self.alloc(&self.t.frame, Payload::instance())))
                } else {
                    Some(Value::None)
                }
            }
            (Payload::Generator(g), "gi_code" | "cr_code") => {
                let code = g
                    .frame
                    .borrow()
                    .as_ref()
                    .map(|f| f.code.clone())
                    .or_else(|| g.code.clone());
                code.map(|c| Value::Obj(self.alloc(&self.t.code, Payload::Code(c))))
            }
            (Payload::Generator(_), "gi_yieldfrom" | "cr_await") => Some(Value::None),
            (Payload::Module(m), "__name__") => Some(self.new_str_rc(m.name.clone())),
            _ => None,
        })
    }

    fn code_attr(&mut self, c: &Rc<crate::code::CodeObj>, name: &str) -> Option<Value> {
        let strs = |vm: &Vm, v: Vec<pyvm_loader::PyStr>| -> Value {
            let items = v.iter().map(|s| vm.new_str(&s.to_str_lossy())).collect();
            vm.new_tuple(items)
        };
        Some(match name {
            "co_name" => self.new_str_rc(c.name.clone()),
            "co_qualname" => self.new_str_rc(c.qualname.clone()),
            "co_filename" => self.new_str_rc(c.filename.clone()),
            "co_firstlineno" => Value::Int(i64::from(c.firstlineno)),
            "co_argcount" => Value::Int(c.argcount as i64),
            "co_posonlyargcount" => Value::Int(c.posonlyargcount as i64),
            "co_kwonlyargcount" => Value::Int(c.kwonlyargcount as i64),
            "co_flags" => Value::Int(i64::from(c.flags)),
            "co_nlocals" => Value::Int(c.raw.varnames().len() as i64),
            "co_stacksize" => Value::Int(c.stacksize as i64),
            "co_consts" => self.new_tuple(c.consts.to_vec()),
            "co_names" => self.new_tuple(c.names.to_vec()),
            "co_varnames" => strs(self, c.raw.varnames()),
            "co_cellvars" => strs(self, c.raw.cellvars()),
            "co_freevars" => strs(self, c.raw.freevars()),
            "co_code" => self.new_bytes(c.raw.code.to_vec()),
            "co_linetable" => self.new_bytes(c.raw.linetable.to_vec()),
            "co_exceptiontable" => self.new_bytes(c.raw.exceptiontable.to_vec()),
            "co_positions" | "co_lines" => self.code_table_method(c, name),
            _ => return None,
        })
    }

    /// `code.co_positions` / `code.co_lines` as bound-like callables returning iterators
    /// over the decoded location table (empty when the table is malformed).
    fn code_table_method(&mut self, c: &Rc<crate::code::CodeObj>, name: &str) -> Value {
        let c = c.clone();
        let positions = name == "co_positions";
        self.new_native_function(name, move |vm, _a| {
            let opt = |v: Option<i32>| v.map_or(Value::None, |n| Value::Int(i64::from(n)));
            let items: Vec<Value> = if positions {
                pyvm_loader::linetable::positions(&c.raw)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| {
                        vm.new_tuple(vec![
                            opt(p.line),
                            opt(p.end_line),
                            opt(p.col),
                            opt(p.end_col),
                        ])
                    })
                    .collect()
            } else {
                pyvm_loader::linetable::lines(&c.raw)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|r| {
                        vm.new_tuple(vec![
                            Value::Int(i64::from(r.start)),
                            Value::Int(i64::from(r.end)),
                            opt(r.line),
                        ])
                    })
                    .collect()
            };
            let list = vm.new_list(items);
            vm.iter(&list)
        })
    }

    /// For `LOAD_ATTR` in method form: `(function, Some(self))` when the attribute is a plain
    /// method on the class (avoids creating a bound method), else `(attribute, None)`.
    pub fn get_method(&mut self, obj: &Value, name: &Value) -> PyResult<(Value, Option<Value>)> {
        let is_plain = match obj {
            Value::Obj(o) => {
                let special = matches!(
                    o.payload,
                    Payload::Type(_) | Payload::Module(_) | Payload::Super { .. }
                );
                let heap = o
                    .class
                    .as_ref()
                    .is_some_and(|c| c.as_type().is_some_and(|t| t.heap));
                let custom_getattribute = heap && {
                    let cls = self.type_of(obj);
                    self.hook_flags(&cls) & hook::GETATTRIBUTE != 0
                };
                !special && !custom_getattribute
            }
            _ => true,
        };
        if is_plain {
            let ns = name.as_str().unwrap_or("");
            let h = name_hash(name);
            let cls = self.type_of(obj);
            if let Some(d) = self.lookup_type_attr_h(&cls, ns, h) {
                let is_method = match d.payload() {
                    Some(Payload::Function(_)) => true,
                    Some(Payload::NativeFunction(nf)) => nf.kind == NativeKind::Method,
                    _ => false,
                };
                if is_method {
                    let shadowed = match obj {
                        Value::Obj(o) => match &o.payload {
                            Payload::Instance(a) => match inst_lookup(o, a, name) {
                                Found::Value(_) => true,
                                Found::Missing => false,
                                Found::Dict(d) => d.and_then(|d| dict_get(&d, h, ns)).is_some(),
                            },
                            _ => o
                                .with_dict_table(|t| t.borrow().get_str(h, ns).is_some())
                                .unwrap_or(false),
                        },
                        _ => false,
                    };
                    if !shadowed {
                        return Ok((d, Some(obj.clone())));
                    }
                }
            }
        }
        Ok((self.getattr(obj, name)?, None))
    }

    /// [`Vm::get_method`] with a Rust name.
    pub fn get_method_str(&mut self, obj: &Value, name: &str) -> PyResult<(Value, Option<Value>)> {
        let n = self.new_str(name);
        self.get_method(obj, &n)
    }

    /// `setattr(obj, name, value)`.
    pub fn setattr(&mut self, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
        let ns = name.as_rc_str().unwrap_or_else(|| Rc::from(""));
        let Value::Obj(o) = obj else {
            let cls = self.type_of(obj);
            let known = matches!(&*ns, "real" | "imag" | "numerator" | "denominator")
                || self.lookup_type_attr(&cls, &ns).is_some();
            if known {
                return Err(self.new_attribute_error(&format!(
                    "attribute '{}' of '{}' objects is not writable",
                    ns,
                    self.type_name(obj)
                )));
            }
            return Err(self.attr_error(obj, &ns));
        };
        if let Payload::Type(td) = &o.payload {
            if !td.heap {
                return Err(self.new_type_error(&format!(
                    "cannot set '{}' attribute of immutable type '{}'",
                    ns,
                    td.name.borrow()
                )));
            }
            match &*ns {
                "__name__" => {
                    if let Some(s) = value.as_rc_str() {
                        *td.name.borrow_mut() = s;
                    }
                    return Ok(());
                }
                "__qualname__" => {
                    if let Some(s) = value.as_rc_str() {
                        *td.qualname.borrow_mut() = s;
                    }
                    return Ok(());
                }
                _ => {}
            }
            let h = name_hash(name);
            self.settle_type(td);
            type_modified();
            let mut d = td.dict.borrow_mut();
            match d.find_str(h, &ns) {
                Some(pos) => {
                    d.set_at(pos, value);
                }
                None => d.push_new(h, name.clone(), value),
            }
            return Ok(());
        }
        let cls = self.type_of(obj);
        if matches!(o.payload, Payload::Native(_)) && !cls.as_type().is_some_and(|t| t.heap) {
            if let Some(sa) = self.lookup_type_attr(&cls, "__setattr__") {
                if self.is_dunder_override(obj, &sa) {
                    self.call(&sa, &[obj.clone(), name.clone(), value])?;
                    return Ok(());
                }
            }
        }
        if cls.as_type().is_some_and(|t| t.heap) {
            if let Some(sa) = (self.hook_flags(&cls) & hook::SETATTR != 0)
                .then(|| self.lookup_type_attr(&cls, "__setattr__"))
                .flatten()
            {
                if matches!(sa.payload(), Some(Payload::Function(_))) {
                    self.call(&sa, &[obj.clone(), name.clone(), value])?;
                    return Ok(());
                }
            }
            if let Some(d) = self.lookup_type_attr(&cls, &ns) {
                match d.payload() {
                    Some(Payload::Property(prop)) => {
                        let fset = &prop.fset;
                        if fset.is_none() {
                            return Err(self.new_attribute_error(&format!(
                                "property '{}' of '{}' object has no setter",
                                ns,
                                self.type_name(obj)
                            )));
                        }
                        let fset = fset.clone();
                        self.call(&fset, &[obj.clone(), value])?;
                        return Ok(());
                    }
                    Some(Payload::Instance(_) | Payload::Slots(_) | Payload::Native(_)) => {
                        let t = self.type_of(&d);
                        if let Some(set) = self.lookup_type_attr(&t, "__set__") {
                            self.call(&set, &[d.clone(), obj.clone(), value])?;
                            return Ok(());
                        }
                    }
                    _ => {}
                }
            }
        }
        self.generic_setattr(obj, name, value)
    }

    /// `object.__setattr__(obj, name, value)`: store in the instance dict (or a special slot).
    pub fn generic_setattr(&mut self, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
        let ns = name.as_rc_str().unwrap_or_else(|| Rc::from(""));
        let Value::Obj(o) = obj else {
            return Err(self.attr_error(obj, &ns));
        };
        match (&o.payload, &*ns) {
            (Payload::Exception(st), "__cause__") => {
                if !value.is_none() && !matches!(value.payload(), Some(Payload::Exception(_))) {
                    return Err(self.new_type_error(
                        "exception cause must be None or derive from BaseException",
                    ));
                }
                let mut st = st.borrow_mut();
                st.cause = value;
                st.suppress_context = true;
                return Ok(());
            }
            (Payload::Exception(st), "__context__") => {
                st.borrow_mut().context = value;
                return Ok(());
            }
            (Payload::Exception(st), "__suppress_context__") => {
                st.borrow_mut().suppress_context = matches!(value, Value::Bool(B64::TRUE));
                return Ok(());
            }
            (Payload::Exception(st), "args") => {
                let t = self.to_vec(&value)?;
                st.borrow_mut().args = self.new_tuple(t);
                return Ok(());
            }
            (Payload::Exception(st), "__traceback__") => {
                let entries = self.entries_of_traceback(&value);
                st.borrow_mut().traceback = entries;
                return Ok(());
            }
            (Payload::Function(f), "__name__") => {
                if let Some(s) = value.as_rc_str() {
                    *f.name.borrow_mut() = s;
                }
                return Ok(());
            }
            (Payload::Function(f), "__qualname__") => {
                if let Some(s) = value.as_rc_str() {
                    *f.qualname.borrow_mut() = s;
                }
                return Ok(());
            }
            (Payload::Function(f), "__doc__") => {
                *f.doc.borrow_mut() = value;
                return Ok(());
            }
            (Payload::Function(f), "__defaults__") => {
                *f.defaults.borrow_mut() = if value.is_none() {
                    None
                } else {
                    Some(Rc::from(self.to_vec(&value)?))
                };
                return Ok(());
            }
            (Payload::Function(f), "__kwdefaults__") => {
                *f.kwdefaults.borrow_mut() = match &value {
                    Value::None => None,
                    Value::Obj(d) if matches!(d.payload, Payload::Dict(_)) => Some(d.clone()),
                    _ => {
                        return Err(
                            self.new_type_error("__kwdefaults__ must be set to a dict object")
                        )
                    }
                };
                return Ok(());
            }
            _ => {}
        }
        let cls = self.type_of(obj);
        let is_slot = matches!(o.payload, Payload::Slots(_))
            && self
                .lookup_type_attr(&cls, &ns)
                .is_some_and(|d| Vm::member_name(&d).is_some());
        if is_slot {
            self.member_store(obj, name, Some(value))?;
            return Ok(());
        }
        if self.has_no_dict(&cls) {
            return Err(self.attr_error(obj, &ns));
        }
        let value = match &o.payload {
            Payload::Instance(a) if &*ns == "__dict__" => {
                return self.set_instance_dict(obj, a, value);
            }
            // `o.__dict__ = d` on an exception or an object whose dict is in the side table
            // (instances of builtin subclasses, native objects such as `functools.partial`).
            _ if &*ns == "__dict__" && o.has_dict() => {
                let Value::Obj(d) = &value else {
                    return Err(self.dict_type_error(&value));
                };
                if !matches!(d.payload, Payload::Dict(_)) {
                    return Err(self.dict_type_error(&value));
                }
                if let Payload::Exception(st) = &o.payload {
                    let old = st.borrow_mut().dict.replace(d.clone());
                    drop(old);
                    return Ok(());
                }
                if crate::sidedict::has(o) {
                    crate::sidedict::set(o, d.clone());
                    return Ok(());
                }
                value
            }
            Payload::Instance(a) => match self.inst_store(o, a, name, value) {
                Ok(()) => return Ok(()),
                Err(v) => v,
            },
            _ => value,
        };
        match &self.instance_dict(o) {
            // An exact dict is stored into directly (what `setitem` ends up doing for one).
            Some(d)
                if d.class
                    .as_ref()
                    .is_some_and(|c| ObjRef::ptr_eq(c, &self.t.dict)) =>
            {
                self.dict_set_item(d, name.clone(), value)
            }
            Some(d) => self.setitem(&Value::Obj(d.clone()), name, value),
            None => {
                if self.lookup_type_attr(&cls, &ns).is_some()
                    && !matches!(o.payload, Payload::Instance(_) | Payload::Slots(_))
                {
                    return Err(self.new_attribute_error(&format!(
                        "attribute '{}' of '{}' objects is not writable",
                        ns,
                        self.type_name(obj)
                    )));
                }
                Err(self.attr_error(obj, &ns))
            }
        }
    }

    /// `delattr(obj, name)`.
    pub fn delattr(&mut self, obj: &Value, name: &Value) -> PyResult<()> {
        let ns = name.as_rc_str().unwrap_or_else(|| Rc::from(""));
        let Value::Obj(o) = obj else {
            return Err(self.attr_error(obj, &ns));
        };
        if let Payload::Type(td) = &o.payload {
            if !td.heap {
                return Err(self.new_type_error(&format!(
                    "cannot set '{}' attribute of immutable type '{}'",
                    ns,
                    td.name.borrow()
                )));
            }
            let h = name_hash(name);
            self.settle_type(td);
            let pos = td.dict.borrow().find_str(h, &ns);
            return match pos {
                Some(p) => {
                    type_modified();
                    let removed = td.dict.borrow_mut().remove_at(p);
                    drop(removed);
                    Ok(())
                }
                None => Err(self.attr_error(obj, &ns)),
            };
        }
        let cls = self.type_of(obj);
        // A native type's own `__delattr__` (`traceback.tb_next`'s "can't delete").
        if matches!(o.payload, Payload::Native(_)) {
            if let Some(da) = self.lookup_type_attr(&cls, "__delattr__") {
                if self.is_dunder_override(obj, &da) {
                    self.call(&da, &[obj.clone(), name.clone()])?;
                    return Ok(());
                }
            }
        }
        if cls.as_type().is_some_and(|t| t.heap) {
            if let Some(da) = self.lookup_type_attr(&cls, "__delattr__") {
                if matches!(da.payload(), Some(Payload::Function(_))) {
                    self.call(&da, &[obj.clone(), name.clone()])?;
                    return Ok(());
                }
            }
            if let Some(d) = self.lookup_type_attr(&cls, &ns) {
                if let Some(Payload::Instance(_) | Payload::Slots(_)) = d.payload() {
                    let t = self.type_of(&d);
                    if let Some(del) = self.lookup_type_attr(&t, "__delete__") {
                        self.call(&del, &[d.clone(), obj.clone()])?;
                        return Ok(());
                    }
                }
                if let Some(Payload::Property(prop)) = d.payload() {
                    let fdel = &prop.fdel;
                    if fdel.is_none() {
                        return Err(self.new_attribute_error(&format!(
                            "property '{}' of '{}' object has no deleter",
                            ns,
                            self.type_name(obj)
                        )));
                    }
                    let fdel = fdel.clone();
                    self.call(&fdel, &[obj.clone()])?;
                    return Ok(());
                }
            }
        }
        if matches!(o.payload, Payload::Slots(_))
            && self
                .lookup_type_attr(&cls, &ns)
                .is_some_and(|d| Vm::member_name(&d).is_some())
        {
            if self.member_store(obj, name, None)? {
                return Ok(());
            }
            return Err(self.new_attribute_error(&ns));
        }
        if let Payload::Instance(a) = &o.payload {
            if &*ns == "__dict__" && o.has_dict() {
                // (CPython 3.12 leaves the instance with a new, empty `__dict__`.)
                let old = a.try_borrow_mut().ok().map(|mut st| {
                    std::mem::replace(&mut *st, crate::object::InstAttrs::Values(Vec::new()))
                });
                drop(old);
                return Ok(());
            }
            if matches!(inst_lookup(o, a, name), Found::Missing) {
                return Err(self.attr_error(obj, &ns));
            }
        }
        match &self.instance_dict(o) {
            Some(d) => {
                let dv = Value::Obj(d.clone());
                if self.dict_del_item(&dv, name)? {
                    Ok(())
                } else if self
                    .lookup_type_attr(&cls, &ns)
                    .is_some_and(|d| Vm::member_name(&d).is_some())
                {
                    Err(self.new_attribute_error(&ns))
                } else {
                    Err(self.attr_error(obj, &ns))
                }
            }
            None => Err(self.attr_error(obj, &ns)),
        }
    }

    /// An exception's visible `args`, from the arguments it keeps: an `OSError` made with a
    /// filename shows only `(errno, strerror)` (the filename, `winerror` and second filename
    /// are attributes of their own, as in CPython).
    pub fn exception_args(&self, exc: &Value, stored: &Value) -> Value {
        if let Some(Payload::Tuple(items)) = stored.payload() {
            if (3..=5).contains(&items.len())
                && !items[2].is_none()
                && self.is_instance(exc, &self.t.exc.os_error)
            {
                return self.new_tuple(items[..2].to_vec());
            }
        }
        stored.clone()
    }

    /// `__dict__ must be set to a dictionary, not a 'T'`.
    pub(crate) fn dict_type_error(&self, value: &Value) -> PyErr {
        self.new_type_error(&format!(
            "__dict__ must be set to a dictionary, not a '{}'",
            self.type_name(value)
        ))
    }

    /// `hasattr`-style probe that swallows `AttributeError`.
    pub fn lookup_attr(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        let n = self.new_str(name);
        match self.getattr_opt(obj, &n) {
            Ok(v) => Ok(v),
            Err(e) if self.err_matches(&e, &self.t.exc.attribute_error.clone()) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// The value of the key `ns` (hash `h`) of a dict object's table.
fn dict_get(d: &ObjRef, h: i64, ns: &str) -> Option<Value> {
    match &d.payload {
        Payload::Dict(t) => t.try_borrow().ok()?.get_str(h, ns).map(|v| v.clone()),
        _ => None,
    }
}

fn none_if_null(v: Value) -> Value {
    if v.is_null() {
        Value::None
    } else {
        v
    }
}

fn first_arg(args: &Value) -> Value {
    match args.payload() {
        Some(Payload::Tuple(t)) => t.first().cloned().unwrap_or(Value::None),
        _ => Value::None,
    }
}

/// Names an exception answers from its state (or its arguments) rather than from its dict:
/// `args`, and the fields of `StopIteration`, `SystemExit`, exception groups and `OSError`
/// (dunder names such as `__cause__` aside). In CPython they are descriptors of the builtin
/// exception types.
pub(crate) fn exc_state_name(ns: &str) -> bool {
    matches!(
        ns,
        "args"
            | "value"
            | "code"
            | "message"
            | "exceptions"
            | "errno"
            | "strerror"
            | "filename"
            | "filename2"
    )
}
