//! `_string` (the format-string parser behind `string.Formatter`), `_weakref` / `weakref`
//! (references that do not keep their target alive) and `_abc` (the helpers of `abc.ABCMeta`).

use super::{add_fn, native, new_type, one, register};
use pyvm_vm::ObjWeak;
use pyvm_vm::{Args, ObjRef, Payload, PyErr, PyResult, Value, Vm, B64};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_string"], build_string);
    register(vm, &["_weakref", "weakref"], build_weakref);
    // CPython's `weakref` is Python over `_weakref`: a standard library on the path wins.
    vm.mark_fallback_module("weakref");
    register(vm, &["_abc"], build_abc);
}

// ----- _string --------------------------------------------------------------------------------

/// A replacement field: name, format spec, conversion.
type Field = (String, String, Option<char>);

/// One piece of a format string: literal text and an optional replacement field.
struct Piece {
    literal: String,
    field: Option<Field>,
}

fn parse_format(vm: &Vm, s: &str) -> PyResult<Vec<Piece>> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let mut brace = None;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if c == '{' || c == '}' {
                brace = Some(c);
                break;
            }
        }
        let at_end = i >= chars.len();
        let mut len = i - start;
        if brace == Some('}') && (at_end || chars[i] != '}') {
            return Err(vm.new_value_error("Single '}' encountered in format string"));
        }
        if at_end && brace == Some('{') {
            return Err(vm.new_value_error("Single '{' encountered in format string"));
        }
        let mut markup = brace.is_some();
        if !at_end && brace.is_some() {
            if Some(chars[i]) == brace {
                i += 1;
                markup = false;
            } else {
                len -= 1;
            }
        }
        let literal: String = chars[start..start + len].iter().collect();
        if !markup {
            out.push(Piece {
                literal,
                field: None,
            });
            continue;
        }
        let (field, next) = parse_field(vm, &chars, i)?;
        i = next;
        out.push(Piece {
            literal,
            field: Some(field),
        });
    }
    Ok(out)
}

fn parse_field(vm: &Vm, chars: &[char], mut i: usize) -> PyResult<(Field, usize)> {
    let name_start = i;
    let mut c = '\0';
    while i < chars.len() {
        c = chars[i];
        i += 1;
        match c {
            '{' => return Err(vm.new_value_error("unexpected '{' in field name")),
            '[' => {
                while i < chars.len() && chars[i] != ']' {
                    i += 1;
                }
                c = '\0';
            }
            '}' | ':' | '!' => break,
            _ => c = '\0',
        }
    }
    let name_end = if c == '\0' { i } else { i - 1 };
    let name: String = chars[name_start..name_end].iter().collect();
    if c == '!' || c == ':' {
        let mut conversion = None;
        if c == '!' {
            let Some(&conv) = chars.get(i) else {
                return Err(
                    vm.new_value_error("end of string while looking for conversion specifier")
                );
            };
            conversion = Some(conv);
            i += 1;
            if i < chars.len() {
                let n = chars[i];
                i += 1;
                if n == '}' {
                    return Ok(((name, String::new(), conversion), i));
                }
                if n != ':' {
                    return Err(vm.new_value_error("expected ':' after conversion specifier"));
                }
            }
        }
        let spec_start = i;
        let mut count = 1;
        while i < chars.len() {
            let ch = chars[i];
            i += 1;
            if ch == '{' {
                count += 1;
            } else if ch == '}' {
                count -= 1;
                if count == 0 {
                    let spec: String = chars[spec_start..i - 1].iter().collect();
                    return Ok(((name, spec, conversion), i));
                }
            }
        }
        return Err(vm.new_value_error("unmatched '{' in format spec"));
    }
    if c != '}' {
        return Err(vm.new_value_error("expected '}' before end of string"));
    }
    Ok(((name, String::new(), None), i))
}

fn index_or_str(vm: &Vm, s: &str) -> Value {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = s.parse::<i64>() {
            return Value::Int(n);
        }
    }
    vm.new_str(s)
}

fn field_name_split(vm: &mut Vm, s: &str) -> PyResult<Value> {
    let chars: Vec<char> = s.chars().collect();
    let first_end = chars
        .iter()
        .position(|c| *c == '.' || *c == '[')
        .unwrap_or(chars.len());
    let first: String = chars[..first_end].iter().collect();
    let mut rest = Vec::new();
    let mut i = first_end;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '.' => {
                let st = i;
                while i < chars.len() && chars[i] != '.' && chars[i] != '[' {
                    i += 1;
                }
                if i == st {
                    return Err(vm.new_value_error("Empty attribute in format string"));
                }
                let name: String = chars[st..i].iter().collect();
                let n = vm.new_string(name);
                rest.push(vm.new_tuple(vec![Value::Bool(B64::TRUE), n]));
            }
            '[' => {
                let st = i;
                while i < chars.len() && chars[i] != ']' {
                    i += 1;
                }
                if i >= chars.len() {
                    return Err(vm.new_value_error("Missing ']' in format string"));
                }
                let key: String = chars[st..i].iter().collect();
                i += 1;
                if i < chars.len() && chars[i] != '.' && chars[i] != '[' {
                    return Err(vm.new_value_error(
                        "Only '.' or '[' may follow ']' in format field specifier",
                    ));
                }
                if key.is_empty() {
                    return Err(vm.new_value_error("Empty attribute in format string"));
                }
                let k = index_or_str(vm, &key);
                rest.push(vm.new_tuple(vec![Value::Bool(B64::FALSE), k]));
            }
            _ => {
                return Err(
                    vm.new_value_error("Only '.' or '[' may follow ']' in format field specifier")
                )
            }
        }
    }
    let f = index_or_str(vm, &first);
    let l = vm.new_list(rest);
    let it = vm.iter(&l)?;
    Ok(vm.new_tuple(vec![f, it]))
}

fn build_string(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    add_fn(vm, &m, "formatter_parser", |vm, a| {
        let v = one(vm, &a, "formatter_parser")?;
        let Some(s) = v.as_str() else {
            return Err(vm.new_type_error(&format!("expected str, got {}", vm.type_name(&v))));
        };
        let pieces = parse_format(vm, s)?;
        let mut out = Vec::with_capacity(pieces.len());
        for p in pieces {
            let lit = vm.new_string(p.literal);
            let t = match p.field {
                None => vm.new_tuple(vec![lit, Value::None, Value::None, Value::None]),
                Some((n, spec, conv)) => {
                    let n = vm.new_string(n);
                    let spec = vm.new_string(spec);
                    let conv = conv.map_or(Value::None, |c| vm.new_string(c.to_string()));
                    vm.new_tuple(vec![lit, n, spec, conv])
                }
            };
            out.push(t);
        }
        let l = vm.new_list(out);
        vm.iter(&l)
    });
    add_fn(vm, &m, "formatter_field_name_split", |vm, a| {
        let v = one(vm, &a, "formatter_field_name_split")?;
        let Some(s) = v.as_rc_str() else {
            return Err(vm.new_type_error(&format!("expected str, got {}", vm.type_name(&v))));
        };
        field_name_split(vm, &s)
    });
    Ok(m)
}

// ----- weakref --------------------------------------------------------------------------------

/// A weak reference: the target is reachable only while something else keeps it alive.
struct WeakRef {
    target: ObjWeak,
    callback: Value,
    /// A callback-less exact `ref`, or a callback-less proxy: the one of its kind every such
    /// request for the same referent shares (see [`referent_refs`]).
    basic: Basic,
    /// Hash of the target, computed on first `hash()` while it was alive.
    hash: std::cell::Cell<Option<i64>>,
}

/// Which shared weak reference a weak-reference object is, if any.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Basic {
    No,
    Ref,
    Proxy,
}

thread_local! {
    /// The weak-reference objects (refs and proxies) made for each referent, by the referent's
    /// address, in the order CPython keeps an object's weak-reference list: the shared
    /// callback-less `ref` first, then the shared callback-less proxy, then the others, the
    /// newest first. Entries whose weak reference died, or whose referent did (its address
    /// may be reused), are dropped whenever the list is read.
    static REFS: RefCell<HashMap<usize, Vec<ObjWeak>, ahash::RandomState>> =
        RefCell::new(HashMap::with_hasher(ahash::RandomState::with_seeds(11, 12, 13, 14)));
}

/// The native state of type `T` of an object made by this crate.
fn native_of<T: 'static>(o: &ObjRef) -> Option<&T> {
    match &o.payload {
        Payload::Native(b) => b.downcast_ref::<T>(),
        _ => None,
    }
}

/// The live weak-reference objects to `o`, in CPython's list order (pruning the dead ones).
fn referent_refs(o: &ObjRef) -> Vec<ObjRef> {
    let key = ObjRef::as_ptr(o) as usize;
    REFS.with(|m| {
        let Ok(mut m) = m.try_borrow_mut() else {
            return Vec::new();
        };
        let Some(list) = m.get_mut(&key) else {
            return Vec::new();
        };
        let mut live = Vec::with_capacity(list.len());
        list.retain(|w| {
            let Some(wo) = w.upgrade() else {
                return false;
            };
            let points_here = native_of::<WeakRef>(&wo)
                .and_then(|r| r.target.upgrade())
                .is_some_and(|t| ObjRef::ptr_eq(&t, o));
            if points_here {
                live.push(wo);
            }
            points_here
        });
        if list.is_empty() {
            m.remove(&key);
        }
        live
    })
}

/// Records `w`, a new weak reference to `o`, at its place in `o`'s list (see [`REFS`]). The
/// list is read again here, after `w` was allocated, rather than reusing what `new_ref` looked
/// at before (as CPython reads its list twice): a shared reference may have died meanwhile.
fn record_ref(o: &ObjRef, w: &ObjRef, basic: Basic) {
    let live = referent_refs(o);
    let kind = |x: &ObjRef| native_of::<WeakRef>(x).map_or(Basic::No, |r| r.basic);
    // The shared ones at the head: the `ref` first, then the proxy.
    let shared = live
        .iter()
        .take(2)
        .take_while(|x| kind(x) != Basic::No)
        .count();
    let pos = match basic {
        Basic::Ref => 0,
        Basic::Proxy => usize::from(live.first().is_some_and(|x| kind(x) == Basic::Ref)),
        Basic::No => shared,
    };
    let key = ObjRef::as_ptr(o) as usize;
    REFS.with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            // (`referent_refs` just left the stored list as `live`.)
            let list = m.entry(key).or_default();
            list.insert(pos.min(list.len()), ObjRef::downgrade(w));
        }
    });
    // A program making weak references to many short-lived objects leaves entries for dead
    // referents behind: sweep them all whenever the table has doubled since the last sweep.
    sweep_refs();
}

thread_local! {
    static SWEEP_AT: std::cell::Cell<usize> = const { std::cell::Cell::new(64) };
}

/// Drops the entries of [`REFS`] whose weak references are all dead, once the table has
/// doubled since the last sweep.
fn sweep_refs() {
    let len = REFS.with(|m| m.try_borrow().map_or(0, |m| m.len()));
    if len < SWEEP_AT.with(std::cell::Cell::get) {
        return;
    }
    REFS.with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            m.retain(|_, list| {
                list.retain(|w| {
                    w.upgrade().is_some_and(|wo| {
                        native_of::<WeakRef>(&wo).is_some_and(|r| r.target.strong_count() > 0)
                    })
                });
                !list.is_empty()
            });
            let left = m.len();
            SWEEP_AT.with(|c| c.set((left * 2).max(64)));
        }
    });
}

/// The shared weak reference of kind `basic` to `o`, if one is alive.
fn shared_ref(o: &ObjRef, basic: Basic) -> Option<ObjRef> {
    referent_refs(o)
        .into_iter()
        .take(2)
        .find(|x| native_of::<WeakRef>(x).is_some_and(|r| r.basic == basic))
}

fn referent(r: &WeakRef) -> Option<Value> {
    r.target.upgrade().map(Value::Obj)
}

fn weakrefable(v: &Value) -> bool {
    match v.payload() {
        Some(
            Payload::Instance(_)
            | Payload::Slots(_)
            | Payload::Native(_)
            | Payload::Function(_)
            | Payload::Type(_)
            | Payload::Set(_)
            | Payload::FrozenSet(_)
            | Payload::Generator(_)
            | Payload::BoundMethod { .. }
            | Payload::Code(_)
            | Payload::Module(_)
            | Payload::Property(_),
        ) => true,
        Some(
            Payload::Dict(_)
            | Payload::List(_)
            | Payload::Tuple(_)
            | Payload::Str(_)
            | Payload::Exception(_),
        ) => {
            // Instances of user subclasses of these carry a `__dict__` and are weak-referenceable.
            v.as_obj().is_some_and(|o| o.has_dict())
        }
        _ => false,
    }
}

fn wr<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a WeakRef> {
    native::<WeakRef>(v).ok_or_else(|| vm.new_type_error("expected a weakref"))
}

fn new_ref(
    vm: &mut Vm,
    cls: &ObjRef,
    base: &ObjRef,
    target: &Value,
    callback: Value,
    proxy: bool,
) -> PyResult<Value> {
    if !weakrefable(target) {
        return Err(vm.new_type_error(&format!(
            "cannot create weak reference to '{}' object",
            vm.type_name(target)
        )));
    }
    let Some(o) = target.as_obj() else {
        return Err(vm.new_type_error("cannot create weak reference"));
    };
    let has_callback = !matches!(callback, Value::None);
    // Callback-less exact refs (and callback-less proxies) are shared, as in CPython.
    let basic = match (has_callback, proxy) {
        (false, true) => Basic::Proxy,
        (false, false) if ObjRef::ptr_eq(cls, base) => Basic::Ref,
        _ => Basic::No,
    };
    if basic != Basic::No {
        if let Some(shared) = shared_ref(o, basic) {
            return Ok(Value::Obj(shared));
        }
    }
    let r = WeakRef {
        target: ObjRef::downgrade(o),
        callback,
        basic,
        hash: std::cell::Cell::new(None),
    };
    let w = super::alloc_native(vm, cls, base, r);
    if let Some(wo) = w.as_obj() {
        record_ref(o, wo, basic);
        if has_callback {
            pyvm_vm::finalize::watch_weakref(o, wo);
        }
    }
    Ok(w)
}

fn ref_repr(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let r = wr(vm, this)?;
    let id = this.identity();
    Ok(match referent(r) {
        None => vm.new_string(format!("<weakref at {id:#x}; dead>")),
        Some(t) => {
            let n = vm.type_name(&t);
            vm.new_string(format!(
                "<weakref at {id:#x}; to '{n}' at {:#x}>",
                t.identity()
            ))
        }
    })
}

fn build_weakref(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    // The callback (a Python function, so its module's globals) must be visible to the cycle
    // collector: a weakref whose callback reaches the weakref again leaked its whole module.
    vm.register_native_gc::<WeakRef>(
        |w, f| {
            f(&w.callback);
            true
        },
        None,
    );
    let cls = new_type(vm, "weakref", "ReferenceType", &[])?;
    let base = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        let rest = &a.pos[1..];
        if rest.is_empty() {
            return Err(vm.new_type_error("__new__ expected at least 1 argument, got 0"));
        }
        if rest.len() > 2 {
            return Err(vm.new_type_error(&format!(
                "__new__ expected at most 2 arguments, got {}",
                rest.len()
            )));
        }
        new_ref(
            vm,
            &c,
            &base,
            &rest[0],
            rest.get(1).cloned().unwrap_or(Value::None),
            false,
        )
    });
    super::add_method(vm, &cls, "__init__", |_vm, _a| Ok(Value::None));
    super::add_method(vm, &cls, "__call__", |vm, a| {
        let this = a.pos.first().cloned().unwrap_or_default();
        super::none(
            vm,
            &Args {
                pos: &a.pos[1..],
                kw: a.kw,
            },
            "weakref",
        )?;
        Ok(referent(wr(vm, &this)?).unwrap_or(Value::None))
    });
    super::add_method(vm, &cls, "__repr__", |vm, a| ref_repr(vm, &a.pos[0]));
    super::add_method(vm, &cls, "__hash__", |vm, a| {
        let r = wr(vm, &a.pos[0])?;
        if let Some(h) = r.hash.get() {
            return Ok(Value::Int(h));
        }
        match referent(r) {
            Some(t) => {
                let h = vm.hash(&t)?;
                r.hash.set(Some(h));
                Ok(Value::Int(h))
            }
            None => Err(vm.new_type_error("weak object has gone away")),
        }
    });
    for (meth, ne) in [("__eq__", false), ("__ne__", true)] {
        super::add_method(vm, &cls, meth, move |vm, a| {
            let (x, y) = (a.pos[0].clone(), a.pos.get(1).cloned().unwrap_or_default());
            let (Some(rx), Some(ry)) = (native::<WeakRef>(&x), native::<WeakRef>(&y)) else {
                return Ok(vm.not_implemented());
            };
            let eq = match (referent(rx), referent(ry)) {
                (Some(p), Some(q)) => vm.eq(&p, &q)?,
                _ => x.is(&y),
            };
            Ok(Value::bool(eq != ne))
        });
    }
    let fget = vm.new_native_function("__callback__", |vm, a| {
        Ok(wr(vm, &a.pos[0])?.callback.clone())
    });
    crate::modules::add_getter(vm, &cls, "__callback__", fget);
    vm.set_module_attr(&m, "ref", Value::Obj(cls.clone()));
    vm.set_module_attr(&m, "ReferenceType", Value::Obj(cls));
    install_proxy(vm, &m)?;
    add_fn(vm, &m, "getweakrefcount", |vm, a| {
        let v = one(vm, &a, "getweakrefcount")?;
        let n = v.as_obj().map_or(0, |o| referent_refs(o).len());
        Ok(Value::Int(i64::try_from(n).unwrap_or(0)))
    });
    add_fn(vm, &m, "getweakrefs", |vm, a| {
        let v = one(vm, &a, "getweakrefs")?;
        let refs = v.as_obj().map_or_else(Vec::new, referent_refs);
        Ok(vm.new_list(refs.into_iter().map(Value::Obj).collect()))
    });
    Ok(m)
}

/// `weakref.proxy(obj)`: forwards attribute reads, calls, `bool`, `str` to a referent it does
/// not keep alive (`ReferenceError` once it is gone). Setting attributes through it is not
/// supported yet (the VM does not route `setattr` to a native `__setattr__` of such a class).
fn install_proxy(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let cls = new_type(vm, "weakref", "ProxyType", &[])?;
    let base = cls.clone();
    let live = |vm: &Vm, v: &Value| -> PyResult<Value> {
        let r = wr(vm, v)?;
        referent(r).ok_or_else(|| {
            let ty = vm.types().exc.reference_error.clone();
            vm.new_exception_msg(&ty, "weakly-referenced object no longer exists")
        })
    };
    super::add_method(vm, &cls, "__getattr__", move |vm, a| {
        let t = live(vm, &a.pos[0])?;
        let n = a.pos.get(1).cloned().unwrap_or_default();
        vm.getattr(&t, &n)
    });
    super::add_method(vm, &cls, "__call__", move |vm, a| {
        let t = live(vm, &a.pos[0])?;
        vm.call_kw(&t, &a.pos[1..], a.kw)
    });
    super::add_method(vm, &cls, "__bool__", move |vm, a| {
        let t = live(vm, &a.pos[0])?;
        Ok(Value::bool(vm.is_true(&t)?))
    });
    super::add_method(vm, &cls, "__str__", move |vm, a| {
        let t = live(vm, &a.pos[0])?;
        vm.str(&t)
    });
    super::add_method(vm, &cls, "__repr__", move |vm, a| {
        let this = a.pos[0].clone();
        let r = wr(vm, &this)?;
        let s = match referent(r) {
            Some(t) => format!(
                "<weakproxy at {:#x}; to '{}' at {:#x}>",
                this.identity(),
                vm.type_name(&t),
                t.identity()
            ),
            None => format!("<weakproxy at {:#x}; dead>", this.identity()),
        };
        Ok(vm.new_string(s))
    });
    vm.set_constructor(&cls, |vm, _a| {
        Err(vm.new_type_error("cannot create 'weakref.ProxyType' instances"))
    });
    let pc = cls.clone();
    add_fn(vm, m, "proxy", move |vm, a| {
        if a.pos.is_empty() || a.pos.len() > 2 {
            return Err(vm.new_type_error(&format!(
                "proxy expected 1 or 2 arguments, got {}",
                a.pos.len()
            )));
        }
        let cb = a.pos.get(1).cloned().unwrap_or(Value::None);
        new_ref(vm, &pc, &base, &a.pos[0], cb, true)
    });
    vm.set_module_attr(m, "ProxyType", Value::Obj(cls.clone()));
    vm.set_module_attr(m, "CallableProxyType", Value::Obj(cls));
    // `_remove_dead_weakref(d, key)`: drop `d[key]` if it is a dead weak reference.
    add_fn(vm, m, "_remove_dead_weakref", |vm, a| {
        let p = super::exact(vm, &a, "_remove_dead_weakref", 2)?;
        let (d, key) = (p[0].clone(), p[1].clone());
        let Some(dobj) = d.as_obj().filter(|o| matches!(o.payload, Payload::Dict(_))) else {
            return Err(vm.new_type_error("_remove_dead_weakref() argument 1 must be dict"));
        };
        let dead = match vm.dict_get_item(dobj, &key)? {
            Some(v) => native::<WeakRef>(&v).is_some_and(|r| referent(r).is_none()),
            None => false,
        };
        if dead {
            vm.dict_del_item(&d, &key)?;
        }
        Ok(Value::None)
    });
    Ok(())
}

// ----- _abc -----------------------------------------------------------------------------------

fn abc_err(vm: &Vm, what: &str) -> PyErr {
    vm.new_type_error(what)
}

/// An attribute in `cls`'s own namespace (not inherited).
fn own_attr(vm: &Vm, cls: &Value, name: &str) -> Option<Value> {
    let td = cls.as_obj()?.as_type()?;
    vm.settle_type(td);
    let d = td.dict.borrow();
    let found = d
        .iter()
        .find(|e| e.key.as_str() == Some(name))
        .map(|e| e.value.clone());
    found
}

/// A list kept in `cls`'s own namespace under `key` (created empty when missing): each ABC has
/// its own registry, never its bases'.
fn own_list(vm: &mut Vm, cls: &Value, key: &str) -> PyResult<Value> {
    if let Some(r) = own_attr(vm, cls, key) {
        if matches!(r.payload(), Some(Payload::List(_))) {
            return Ok(r);
        }
    }
    let l = vm.new_list(Vec::new());
    let k = vm.new_str(key);
    vm.setattr(cls, &k, l.clone())?;
    Ok(l)
}

fn registry(vm: &mut Vm, cls: &Value) -> PyResult<Value> {
    own_list(vm, cls, "_abc_registry")
}

fn is_abstract(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    let key = vm.new_str("__isabstractmethod__");
    // `_PyObject_LookupAttr`: an AttributeError (from a `__getattr__`) means "not abstract".
    let attr_error = vm.types().exc.attribute_error.clone();
    match vm.getattr_opt(v, &key) {
        Ok(Some(x)) => vm.is_true(&x),
        Ok(None) => Ok(false),
        Err(e) if vm.err_matches(&e, &attr_error) => Ok(false),
        Err(e) => Err(e),
    }
}

fn abc_init(vm: &mut Vm, cls: &Value) -> PyResult<()> {
    let Some(c) = vm.as_class(cls) else {
        return Err(abc_err(vm, "_abc_init expects a class"));
    };
    let mut names: Vec<Value> = Vec::new();
    if let Some(td) = c.as_type() {
        vm.settle_type(td);
        let items = td.dict.borrow().items();
        for (k, v) in items {
            if is_abstract(vm, &v)? {
                names.push(k);
            }
        }
        let bases = td.bases.borrow().clone();
        for b in bases {
            let key = vm.new_str("__abstractmethods__");
            if let Some(ams) = vm.getattr_opt(&Value::Obj(b), &key)? {
                for n in vm.to_vec(&ams)? {
                    let v = vm.getattr_opt(cls, &n)?.unwrap_or(Value::None);
                    if is_abstract(vm, &v)? && !names.iter().any(|x| x.as_str() == n.as_str()) {
                        names.push(n);
                    }
                }
            }
        }
    }
    let fs = vm.new_frozenset_from(&names)?;
    let key = vm.new_str("__abstractmethods__");
    vm.setattr(cls, &key, fs)?;
    registry(vm, cls)?;
    // `type.__subclasses__()` stands in for step 6 of the check below: each ABC base keeps
    // weak references to the ABCs derived from it.
    let bases = c
        .as_type()
        .map(|td| td.bases.borrow().clone())
        .unwrap_or_default();
    let wref = vm.import_module("_weakref")?;
    let wref = vm.getattr_str(&wref, "ref")?;
    for b in bases {
        let b = Value::Obj(b);
        if own_attr(vm, &b, "_abc_registry").is_some() {
            let subs = own_list(vm, &b, "_abc_subclasses")?;
            let r = vm.call(&wref, std::slice::from_ref(cls))?;
            if let Some(Payload::List(l)) = subs.payload() {
                l.borrow_mut().push(r);
            }
        }
    }
    Ok(())
}

/// `_abc_subclasscheck`: the subclass hook, the MRO, the registry (with `issubclass`, so
/// registered ABCs count with their own registries) and the ABCs derived from `cls`.
fn abc_subclasscheck(vm: &mut Vm, cls: &Value, sub: &Value) -> PyResult<bool> {
    let (Some(c), Some(s)) = (vm.as_class(cls), vm.as_class(sub)) else {
        return Err(abc_err(vm, "issubclass() arg 1 must be a class"));
    };
    let hook = vm.getattr_str(cls, "__subclasshook__")?;
    let ok = vm.call(&hook, std::slice::from_ref(sub))?;
    if !vm.is_not_implemented(&ok) {
        return vm.is_true(&ok);
    }
    if vm.is_subclass(&s, &c) {
        return Ok(true);
    }
    let reg = registry(vm, cls)?;
    for r in vm.to_vec(&reg)? {
        if vm.as_class(&r).is_some() && vm.issubclass_full(sub, &r)? {
            return Ok(true);
        }
    }
    if let Some(subs) = own_attr(vm, cls, "_abc_subclasses") {
        for w in vm.to_vec(&subs)? {
            let scls = vm.call(&w, &[])?;
            if vm.as_class(&scls).is_some() && vm.issubclass_full(sub, &scls)? {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

fn build_abc(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    // Bumped by every registration, so `functools.singledispatch` drops stale dispatch caches.
    let token = Rc::new(std::cell::Cell::new(0i64));
    let t = token.clone();
    add_fn(vm, &m, "get_cache_token", move |_vm, _a| {
        Ok(Value::Int(t.get()))
    });
    add_fn(vm, &m, "_abc_init", |vm, a| {
        let c = one(vm, &a, "_abc_init")?;
        abc_init(vm, &c)?;
        Ok(Value::None)
    });
    add_fn(vm, &m, "_abc_register", move |vm, a| {
        let p = super::exact(vm, &a, "_abc_register", 2)?;
        if vm.as_class(&p[1]).is_none() {
            return Err(vm.new_type_error("Can only register classes"));
        }
        if abc_subclasscheck(vm, &p[0], &p[1])? {
            return Ok(p[1].clone());
        }
        if vm.as_class(&p[0]).is_some() && vm.issubclass_full(&p[0], &p[1])? {
            return Err(vm.new_runtime_error("Refusing to create an inheritance cycle"));
        }
        let reg = registry(vm, &p[0])?;
        if let Some(Payload::List(l)) = reg.payload() {
            l.borrow_mut().push(p[1].clone());
        }
        token.set(token.get() + 1);
        Ok(p[1].clone())
    });
    add_fn(vm, &m, "_abc_instancecheck", |vm, a| {
        let p = super::exact(vm, &a, "_abc_instancecheck", 2)?;
        let t = Value::Obj(vm.type_of(&p[1]));
        Ok(Value::bool(abc_subclasscheck(vm, &p[0], &t)?))
    });
    add_fn(vm, &m, "_abc_subclasscheck", |vm, a| {
        let p = super::exact(vm, &a, "_abc_subclasscheck", 2)?;
        Ok(Value::bool(abc_subclasscheck(vm, &p[0], &p[1])?))
    });
    add_fn(vm, &m, "_get_dump", |vm, a| {
        let c = one(vm, &a, "_get_dump")?;
        let reg = registry(vm, &c)?;
        let items = vm.to_vec(&reg)?;
        let r = vm.new_set_from(&items)?;
        let (e1, e2) = (vm.new_set(), vm.new_set());
        Ok(vm.new_tuple(vec![r, e1, e2, Value::Int(0)]))
    });
    for fname in ["_reset_registry", "_reset_caches"] {
        add_fn(vm, &m, fname, move |vm, a| {
            let c = one(vm, &a, fname)?;
            if fname == "_reset_registry" {
                let key = vm.new_str("_abc_registry");
                let l = vm.new_list(Vec::new());
                vm.setattr(&c, &key, l)?;
            }
            Ok(Value::None)
        });
    }
    Ok(m)
}
