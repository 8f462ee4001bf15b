//! Constructors of the core builtin types, class creation (`__build_class__`, `type.__new__`),
//! and the handful of `object` / `BaseException` methods the VM itself relies on.

use crate::dict::DictTable;
use crate::object::{Args, BaseKind, ExceptionState, IterState, ObjRef, Payload, RangeData};
use crate::types::make_type;
use crate::value::{Value, B64};
use crate::{PyErr, PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

fn cls_arg(vm: &Vm, a: &Args<'_>) -> PyResult<ObjRef> {
    match a.pos.first() {
        Some(Value::Obj(o)) if matches!(o.payload, Payload::Type(_)) => Ok(o.clone()),
        _ => Err(vm.new_type_error("constructor needs a class")),
    }
}

fn is_exact(cls: &ObjRef, t: &ObjRef) -> bool {
    ObjRef::ptr_eq(cls, t)
}

fn no_kw(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<()> {
    if a.kw.is_empty() {
        Ok(())
    } else {
        Err(vm.new_type_error(&format!("{name}() takes no keyword arguments")))
    }
}

fn max_args(vm: &Vm, a: &[Value], n: usize, name: &str) -> PyResult<()> {
    if a.len() > n {
        return Err(vm.new_type_error(&format!(
            "{name} expected at most {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            a.len()
        )));
    }
    Ok(())
}

/// Installs constructors, `__build_class__` and core dunder methods.
pub(crate) fn install_core(vm: &mut Vm) {
    // `type(None)()`, `type(NotImplemented)()` and `type(...)()` give back the singleton.
    let singletons = [
        (vm.t.none.clone(), "NoneType"),
        (vm.t.not_implemented.clone(), "NotImplementedType"),
        (vm.t.ellipsis.clone(), "EllipsisType"),
    ];
    for (ty, name) in singletons {
        vm.set_constructor(&ty, move |vm, a| {
            if a.pos.len() > 1 || !a.kw.is_empty() {
                return Err(vm.new_type_error(&format!("{name} takes no arguments")));
            }
            Ok(match name {
                "NoneType" => Value::None,
                "NotImplementedType" => vm.not_implemented(),
                _ => vm.ellipsis(),
            })
        });
    }
    let ty = vm.t.int.clone();
    vm.set_constructor(&ty, |vm, a| {
        let cls = cls_arg(vm, &a)?;
        let args = &a.pos[1..];
        let v = vm.int_from_args(args, a.kw)?;
        if is_exact(&cls, &vm.t.int) {
            return Ok(v);
        }
        let b = vm.as_bigint(&v).unwrap_or_default();
        Ok(Value::Obj(vm.alloc_with_dict(&cls, Payload::BigInt(b))))
    });
    let ty = vm.t.bool_.clone();
    vm.set_constructor(&ty, |vm, a| {
        no_kw(vm, &a, "bool")?;
        max_args(vm, &a.pos[1..], 1, "bool")?;
        match a.pos.get(1) {
            Some(v) => Ok(Value::bool(vm.is_true(v)?)),
            None => Ok(Value::Bool(B64::FALSE)),
        }
    });
    let ty = vm.t.float.clone();
    vm.set_constructor(&ty, |vm, a| {
        let cls = cls_arg(vm, &a)?;
        let v = vm.float_from_args(&a)?;
        if is_exact(&cls, &vm.t.float) {
            return Ok(v);
        }
        let f = match v {
            Value::Float(f) => f.get(),
            Value::Obj(ref o) => match o.payload {
                Payload::Float(f) => f,
                _ => 0.0,
            },
            _ => 0.0,
        };
        Ok(Value::Obj(vm.alloc_with_dict(&cls, Payload::Float(f))))
    });

    let ty = vm.t.str.clone();
    vm.set_constructor(&ty, |vm, a| {
        let cls = cls_arg(vm, &a)?;
        let args = &a.pos[1..];
        max_args(vm, args, 3, "str")?;
        let obj = a.kwarg("object").or_else(|| args.first());
        let encoding = a.kwarg("encoding").or_else(|| args.get(1));
        let s = match (obj, encoding) {
            (None, _) => String::new(),
            (Some(o), Some(_)) | (Some(o), None) if matches!(o.payload(), Some(Payload::Bytes(_) | Payload::ByteArray(_))) && (encoding.is_some() || a.kwarg("errors").is_some()) => {
                let b = vm.bytes_like(o)?;
                match String::from_utf8(b) {
                    Ok(s) => s,
                    Err(e) => {
                        let pos = e.utf8_error().valid_up_to();
                        let byte = e.as_bytes().get(pos).copied().unwrap_or(0);
                        return Err(vm.new_exception_msg(
                            &vm.t.exc.unicode_decode_error.clone(),
                            &format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: invalid start byte"),
                        ));
                    }
                }
            }
            (Some(o), _) => vm.str_string(o)?,
        };
        if is_exact(&cls, &vm.t.str) {
            return Ok(vm.new_string(s));
        }
        Ok(Value::Obj(vm.alloc_with_dict(&cls, Payload::Str(crate::object::StrData::new(Rc::from(s))))))
    });
    let ty = vm.t.list.clone();
    vm.set_constructor(&ty, |vm, a| {
        let cls = cls_arg(vm, &a)?;
        if !is_exact(&cls, &vm.t.list) {
            return Ok(Value::Obj(vm.alloc_with_dict(
                &cls,
                Payload::List(RefCell::new(crate::ListItems::new())),
            )));
        }
        no_kw(vm, &a, "list")?;
        max_args(vm, &a.pos[1..], 1, "list")?;
        let items = match a.pos.get(1) {
            Some(x) => vm.to_vec(x)?,
            None => Vec::new(),
        };
        if is_exact(&cls, &vm.t.list) {
            return Ok(vm.new_list(items));
        }
        Ok(Value::Obj(vm.alloc_with_dict(
            &cls,
            Payload::List(RefCell::new(items.into())),
        )))
    });
    let ty = vm.t.tuple.clone();
    vm.set_constructor(&ty, |vm, a| {
        let cls = cls_arg(vm, &a)?;
        no_kw(vm, &a, "tuple")?;
        max_args(vm, &a.pos[1..], 1, "tuple")?;
        let items = match a.pos.get(1) {
            Some(x) => {
                if matches!(x.payload(), Some(Payload::Tuple(_)))
                    && is_exact(&cls, &vm.t.tuple)
                    && is_exact(&vm.type_of(x), &vm.t.tuple)
                {
                    return Ok(x.clone());
                }
                vm.to_vec(x)?
            }
            None => Vec::new(),
        };
        if is_exact(&cls, &vm.t.tuple) {
            return Ok(vm.new_tuple(items));
        }
        Ok(Value::Obj(
            vm.alloc_with_dict(&cls, Payload::Tuple(items.into())),
        ))
    });
    let ty = vm.t.dict.clone();
    vm.set_constructor(&ty, |vm, a| {
        let cls = cls_arg(vm, &a)?;
        if !is_exact(&cls, &vm.t.dict) {
            return Ok(Value::Obj(
                vm.alloc_with_dict(&cls, Payload::dict(DictTable::new())),
            ));
        }
        max_args(vm, &a.pos[1..], 1, "dict")?;
        let d = if is_exact(&cls, &vm.t.dict) {
            vm.new_dict_obj()
        } else {
            vm.alloc_with_dict(&cls, Payload::dict(DictTable::new()))
        };
        vm.dict_update_args(&d, a.pos.get(1), a.kw)?;
        Ok(Value::Obj(d))
    });
    let ty = vm.t.set.clone();
    vm.set_constructor(&ty, |vm, a| {
        let cls = cls_arg(vm, &a)?;
        if !is_exact(&cls, &vm.t.set) {
            return Ok(Value::Obj(vm.alloc_with_dict(
                &cls,
                Payload::Set(RefCell::new(crate::set::SetTable::new())),
            )));
        }
        no_kw(vm, &a, "set")?;
        max_args(vm, &a.pos[1..], 1, "set")?;
        let s = if is_exact(&cls, &vm.t.set) {
            vm.new_set()
        } else {
            Value::Obj(vm.alloc_with_dict(
                &cls,
                Payload::Set(RefCell::new(crate::set::SetTable::new())),
            ))
        };
        if let Some(src) = a.pos.get(1) {
            vm.set_update_from(&s, src)?;
        }
        Ok(s)
    });
    let ty = vm.t.frozenset.clone();
    vm.set_constructor(&ty, |vm, a| {
        no_kw(vm, &a, "frozenset")?;
        max_args(vm, &a.pos[1..], 1, "frozenset")?;
        let s = vm.new_set();
        if let Some(src) = a.pos.get(1) {
            if matches!(src.payload(), Some(Payload::FrozenSet(_)))
                && is_exact(&vm.type_of(src), &vm.t.frozenset)
            {
                return Ok(src.clone());
            }
            vm.set_update_from(&s, src)?;
        }
        let t = match s.payload() {
            Some(Payload::Set(t)) => t.borrow().clone(),
            _ => crate::set::SetTable::new(),
        };
        Ok(Value::Obj(vm.alloc(&vm.t.frozenset, Payload::FrozenSet(t))))
    });
    let ty = vm.t.range.clone();
    vm.set_constructor(&ty, |vm, a| {
        no_kw(vm, &a, "range")?;
        let args = &a.pos[1..];
        let (start, stop, step) = match args.len() {
            1 => (Value::Int(0), vm.index_value(&args[0])?, Value::Int(1)),
            2 => (
                vm.index_value(&args[0])?,
                vm.index_value(&args[1])?,
                Value::Int(1),
            ),
            3 => (
                vm.index_value(&args[0])?,
                vm.index_value(&args[1])?,
                vm.index_value(&args[2])?,
            ),
            0 => return Err(vm.new_type_error("range expected at least 1 argument, got 0")),
            n => {
                return Err(
                    vm.new_type_error(&format!("range expected at most 3 arguments, got {n}"))
                )
            }
        };
        if matches!(step, Value::Int(0)) {
            return Err(vm.new_value_error("range() arg 3 must not be zero"));
        }
        Ok(Value::Obj(vm.alloc(
            &vm.t.range,
            Payload::Range(Box::new(RangeData { start, stop, step })),
        )))
    });
    let ty = vm.t.slice.clone();
    vm.set_constructor(&ty, |vm, a| {
        let args = &a.pos[1..];
        match args.len() {
            1 => Ok(vm.new_slice(Value::None, args[0].clone(), Value::None)),
            2 => Ok(vm.new_slice(args[0].clone(), args[1].clone(), Value::None)),
            3 => Ok(vm.new_slice(args[0].clone(), args[1].clone(), args[2].clone())),
            n => Err(vm.new_type_error(&format!("slice expected at least 1 argument, got {n}"))),
        }
    });
    let ty = vm.t.complex.clone();
    vm.set_constructor(&ty, |vm, a| {
        let args = &a.pos[1..];
        let re = a
            .kwarg("real")
            .or(args.first())
            .cloned()
            .unwrap_or(Value::Int(0));
        let im = a
            .kwarg("imag")
            .or(args.get(1))
            .cloned()
            .unwrap_or(Value::Int(0));
        let (r1, i1) = match re.payload() {
            Some(Payload::Complex { re, im }) => (*re, *im),
            _ => (vm.to_f64(&re)?, 0.0),
        };
        let (r2, i2) = match im.payload() {
            Some(Payload::Complex { re, im }) => (*re, *im),
            _ => (vm.to_f64(&im)?, 0.0),
        };
        Ok(vm.new_complex(r1 - i2, i1 + r2))
    });
    for (ty, is_array) in [(vm.t.bytes.clone(), false), (vm.t.bytearray.clone(), true)] {
        vm.set_constructor(&ty, move |vm, a| {
            let args = &a.pos[1..];
            let src = a.kwarg("source").or(args.first()).cloned();
            let data: Vec<u8> = match src {
                None => Vec::new(),
                Some(v) => {
                    if let Some(s) = v.as_str() {
                        if args.len() < 2 && a.kwarg("encoding").is_none() {
                            return Err(vm.new_type_error("string argument without an encoding"));
                        }
                        s.as_bytes().to_vec()
                    } else if let Value::Int(n) = v {
                        if n < 0 {
                            return Err(vm.new_value_error("negative count"));
                        }
                        vec![0u8; usize::try_from(n).unwrap_or(0).min(1 << 32)]
                    } else if let Some(Payload::Bytes(b)) = v.payload() {
                        b.to_vec()
                    } else if let Some(Payload::ByteArray(b)) = v.payload() {
                        b.borrow().clone()
                    } else {
                        let items = vm.to_vec(&v)?;
                        let mut out = Vec::with_capacity(items.len());
                        for it in items {
                            let n = vm.to_index(&it)?;
                            match u8::try_from(n) {
                                Ok(b) => out.push(b),
                                Err(_) => {
                                    return Err(vm.new_value_error("bytes must be in range(0, 256)"))
                                }
                            }
                        }
                        out
                    }
                }
            };
            Ok(if is_array {
                vm.new_bytearray(data)
            } else {
                vm.new_bytes(data)
            })
        });
    }
    let ty = vm.t.type_.clone();
    vm.set_constructor(&ty, |vm, a| {
        let meta = cls_arg(vm, &a)?;
        let args = &a.pos[1..];
        if args.len() != 3 {
            return Err(vm.new_type_error("type() takes 1 or 3 arguments"));
        }
        vm.new_class(&meta, &args[0], &args[1], &args[2], a.kw)
    });
    let ty = vm.t.property.clone();
    vm.set_constructor(&ty, |vm, a| {
        let args = &a.pos[1..];
        let get = |i: usize, n: &str| a.kwarg(n).or(args.get(i)).cloned().unwrap_or(Value::None);
        let (fget, fset, fdel, doc) = (
            get(0, "fget"),
            get(1, "fset"),
            get(2, "fdel"),
            get(3, "doc"),
        );
        let doc = if doc.is_none() && !fget.is_none() {
            vm.lookup_attr(&fget, "__doc__")?.unwrap_or(Value::None)
        } else {
            doc
        };
        let cls = cls_arg(vm, &a)?;
        let p = Payload::Property(Box::new(crate::object::PropertyData {
            fget,
            fset,
            fdel,
            doc,
        }));
        // Subclasses (`class cached(property)`) get an instance dict, as in CPython.
        if cls.as_type().is_some_and(|t| t.heap) {
            return Ok(Value::Obj(vm.alloc_with_dict(&cls, p)));
        }
        Ok(Value::Obj(vm.alloc(&cls, p)))
    });
    let ty = vm.t.classmethod.clone();
    vm.set_constructor(&ty, |vm, a| {
        let cls = cls_arg(vm, &a)?;
        let f = a.pos.get(1).cloned().unwrap_or(Value::None);
        Ok(Value::Obj(
            vm.alloc_with_dict(&cls, Payload::ClassMethod(f)),
        ))
    });
    let ty = vm.t.staticmethod.clone();
    vm.set_constructor(&ty, |vm, a| {
        let cls = cls_arg(vm, &a)?;
        let f = a.pos.get(1).cloned().unwrap_or(Value::None);
        Ok(Value::Obj(
            vm.alloc_with_dict(&cls, Payload::StaticMethod(f)),
        ))
    });
    let ty = vm.t.super_.clone();
    vm.set_constructor(&ty, |vm, a| {
        let args = &a.pos[1..];
        if args.len() != 2 {
            return Err(vm.new_runtime_error("super(): no arguments"));
        }
        let Some(t) = vm.as_class(&args[0]) else {
            return Err(vm.new_type_error("super() argument 1 must be a type"));
        };
        Ok(Value::Obj(vm.alloc(
            &vm.t.super_,
            Payload::Super {
                this_type: t,
                obj: args[1].clone(),
            },
        )))
    });
    let ty = vm.t.exc.base_exception.clone();
    vm.set_constructor(&ty, |vm, a| {
        let mut cls = cls_arg(vm, &a)?;
        if ObjRef::ptr_eq(&cls, &vm.t.exc.os_error) && (3..=6).contains(&a.pos.len()) {
            if let Some(Value::Int(errno)) = a.pos.get(1) {
                if let Some(sub) = os_error_subclass(vm, *errno) {
                    cls = sub;
                }
            }
        }
        let args = vm.new_tuple(a.pos[1..].to_vec());
        let st = ExceptionState {
            args,
            ..Default::default()
        };
        let obj = vm.alloc_with_dict(&cls, Payload::Exception(Box::new(RefCell::new(st))));
        if !a.kw.is_empty() {
            let allowed: &[&str] = if vm.is_subclass(&cls, &vm.t.exc.attribute_error) {
                &["name", "obj"]
            } else if vm.is_subclass(&cls, &vm.t.exc.name_error) {
                &["name"]
            } else if vm.is_subclass(&cls, &vm.t.exc.import_error) {
                &["name", "path"]
            } else {
                &[]
            };
            let heap = cls.as_type().is_some_and(|t| t.heap);
            for (k, v) in a.kw {
                if allowed.contains(&&**k) {
                    vm.dict_set_str(obj.dict_obj().as_ref(), k, v.clone());
                } else if !heap {
                    let n = cls
                        .as_type()
                        .map(|t| t.name.borrow().to_string())
                        .unwrap_or_default();
                    if allowed.is_empty() {
                        return Err(vm.new_type_error(&format!("{n}() takes no keyword arguments")));
                    }
                    return Err(vm.new_type_error(&format!(
                        "'{k}' is an invalid keyword argument for {n}()"
                    )));
                }
            }
        }
        Ok(Value::Obj(obj))
    });
    vm.add_method(&ty, "__init__", |vm, a| {
        if let Some(Payload::Exception(st)) = a.pos.first().and_then(Value::payload) {
            let new = &a.pos[1..];
            // `super().__init__(code, detail)` with the arguments the constructor already
            // stored: while the exception holds the only reference to its `args` tuple, no
            // code can tell a new tuple of the same items from the old one, so it is kept.
            let same = match st.borrow().args.as_obj() {
                Some(t) if ObjRef::strong_count(t) == 1 => match &t.payload {
                    Payload::Tuple(items) => {
                        items.len() == new.len() && items.iter().zip(new).all(|(x, y)| x.is(y))
                    }
                    _ => false,
                },
                _ => false,
            };
            if !same {
                let args = vm.new_tuple(new.to_vec());
                let old = std::mem::replace(&mut st.borrow_mut().args, args);
                drop(old);
            }
        }
        Ok(Value::None)
    });
    vm.add_method(&ty, "__str__", |vm, a| {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        let s = vm.builtin_str(&v)?;
        Ok(vm.new_string(s))
    });
    vm.add_method(&ty, "__repr__", |vm, a| {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        let s = vm.builtin_repr(&v)?;
        Ok(vm.new_string(s))
    });
    vm.add_method(&ty, "with_traceback", |vm, a| {
        let me = a.pos.first().cloned().unwrap_or(Value::None);
        let tb = a.pos.get(1).cloned().unwrap_or(Value::None);
        if let Some(Payload::Exception(st)) = me.payload() {
            let entries = vm.entries_of_traceback(&tb);
            st.borrow_mut().traceback = entries;
        }
        Ok(me)
    });
    vm.add_method(&ty, "add_note", |vm, a| {
        if let (Some(Payload::Exception(st)), Some(n)) =
            (a.pos.first().and_then(Value::payload), a.pos.get(1))
        {
            if n.as_str().is_none() {
                return Err(
                    vm.new_type_error(&format!("note must be a str, not '{}'", vm.type_name(n)))
                );
            }
            st.borrow_mut().notes.push(n.clone());
        }
        Ok(Value::None)
    });
    // enumerate / zip / map / filter
    let ty = vm.t.enumerate.clone();
    vm.set_constructor(&ty, |vm, a| {
        let args = &a.pos[1..];
        let Some(src) = a.kwarg("iterable").or(args.first()) else {
            return Err(vm.new_type_error("enumerate() missing required argument 'iterable'"));
        };
        let start = a
            .kwarg("start")
            .or(args.get(1))
            .cloned()
            .unwrap_or(Value::Int(0));
        if !vm.is_int(&start) {
            return Err(vm.new_type_error(&format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(&start)
            )));
        }
        let it = vm.iter(src)?;
        Ok(vm.new_iterator(
            &vm.t.enumerate.clone(),
            IterState::Enumerate(Box::new(crate::object::EnumerateIter { it, idx: start })),
        ))
    });
    let ty = vm.t.zip.clone();
    vm.set_constructor(&ty, |vm, a| {
        let strict = match a.kwarg("strict") {
            Some(v) => vm.is_true(v)?,
            None => false,
        };
        let mut its = Vec::new();
        for x in &a.pos[1..] {
            its.push(vm.iter(x)?);
        }
        Ok(vm.new_iterator(
            &vm.t.zip.clone(),
            IterState::Zip(Box::new(crate::object::ZipIter {
                its: its.into(),
                strict,
                last: None,
            })),
        ))
    });
    let ty = vm.t.map.clone();
    vm.set_constructor(&ty, |vm, a| {
        no_kw(vm, &a, "map")?;
        let args = &a.pos[1..];
        if args.len() < 2 {
            return Err(vm.new_type_error("map() must have at least two arguments."));
        }
        let mut its = Vec::new();
        for x in &args[1..] {
            its.push(vm.iter(x)?);
        }
        Ok(vm.new_iterator(
            &vm.t.map.clone(),
            IterState::Map(Box::new(crate::object::MapIter {
                func: args[0].clone(),
                its,
            })),
        ))
    });
    let ty = vm.t.filter.clone();
    vm.set_constructor(&ty, |vm, a| {
        no_kw(vm, &a, "filter")?;
        let args = &a.pos[1..];
        if args.len() != 2 {
            return Err(
                vm.new_type_error(&format!("filter expected 2 arguments, got {}", args.len()))
            );
        }
        let it = vm.iter(&args[1])?;
        Ok(vm.new_iterator(
            &vm.t.filter.clone(),
            IterState::Filter(Box::new(crate::object::FilterIter {
                func: args[0].clone(),
                it,
            })),
        ))
    });
    // object methods
    let obj = vm.t.object.clone();
    vm.add_method(&obj, "__init__", |_vm, _a| Ok(Value::None));
    let newf = vm.native(
        "__new__",
        Rc::new(|vm: &mut Vm, a: Args<'_>| {
            let cls = cls_arg(vm, &a)?;
            vm.builtin_new(&cls, &a.pos[1..], a.kw)
        }),
        crate::object::NativeKind::StaticMethod,
        Some(obj.clone()),
        None,
    );
    vm.type_set_attr(&obj, "__new__", newf);
    // The builtin data types have their own `__new__` in their namespace, as in CPython (`enum`
    // looks for it there to find an enum's data type).
    let own_new = [
        vm.t.int.clone(),
        vm.t.float.clone(),
        vm.t.complex.clone(),
        vm.t.str.clone(),
        vm.t.bytes.clone(),
        vm.t.tuple.clone(),
        vm.t.frozenset.clone(),
    ];
    for ty in own_new {
        let newf = vm.native(
            "__new__",
            Rc::new(|vm: &mut Vm, a: Args<'_>| {
                let cls = cls_arg(vm, &a)?;
                vm.builtin_new(&cls, &a.pos[1..], a.kw)
            }),
            crate::object::NativeKind::StaticMethod,
            Some(ty.clone()),
            None,
        );
        vm.type_set_attr(&ty, "__new__", newf);
    }
    vm.add_method(&obj, "__repr__", |vm, a| {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        let s = vm.builtin_repr(&v)?;
        Ok(vm.new_string(s))
    });
    vm.add_method(&obj, "__str__", |vm, a| {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        vm.repr(&v)
    });
    vm.add_method(&obj, "__eq__", |vm, a| {
        match (a.pos.first(), a.pos.get(1)) {
            (Some(x), Some(y)) if x.is(y) => Ok(Value::Bool(B64::TRUE)),
            _ => Ok(vm.not_implemented()),
        }
    });
    vm.add_method(&obj, "__ne__", |vm, a| {
        match (a.pos.first(), a.pos.get(1)) {
            (Some(x), Some(y)) => {
                let r = vm.compare(x, y, crate::proto::cmp::CompareOp::Eq)?;
                if vm.is_not_implemented(&r) {
                    return Ok(r);
                }
                Ok(Value::bool(!vm.is_true(&r)?))
            }
            _ => Ok(vm.not_implemented()),
        }
    });
    vm.add_method(&obj, "__hash__", |_vm, a| {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        Ok(Value::Int(crate::kernels::hash::hash_pointer(
            v.identity() as u64
        )))
    });
    vm.add_method(&obj, "__setattr__", |vm, a| {
        if a.pos.len() != 3 {
            return Err(vm.new_type_error("expected 2 arguments"));
        }
        vm.generic_setattr(&a.pos[0], &a.pos[1], a.pos[2].clone())?;
        Ok(Value::None)
    });
    vm.add_method(&obj, "__delattr__", |vm, a| {
        if a.pos.len() != 2 {
            return Err(vm.new_type_error("expected 1 argument"));
        }
        if let Some(Value::Obj(d)) = a.pos[0]
            .as_obj()
            .map(|o| vm.instance_dict(o).map(Value::Obj).unwrap_or(Value::None))
        {
            let dv = Value::Obj(d);
            if vm.dict_del_item(&dv, &a.pos[1])? {
                return Ok(Value::None);
            }
        }
        Err(vm.attr_error(&a.pos[0], a.pos[1].as_str().unwrap_or("?")))
    });
    vm.add_method(&obj, "__getattribute__", |vm, a| {
        if a.pos.len() != 2 {
            return Err(vm.new_type_error("expected 1 argument"));
        }
        match vm.generic_getattr_opt(&a.pos[0], &a.pos[1])? {
            Some(v) => Ok(v),
            None => Err(vm.attr_error(&a.pos[0], a.pos[1].as_str().unwrap_or("?"))),
        }
    });
    vm.add_method(&obj, "__format__", |vm, a| {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        let spec = a.pos.get(1).and_then(Value::as_str).unwrap_or("");
        if !spec.is_empty() {
            return Err(vm.new_type_error(&format!(
                "unsupported format string passed to {}.__format__",
                vm.type_name(&v)
            )));
        }
        vm.str(&v)
    });
    vm.add_classmethod(&obj, "__init_subclass__", |vm, a| {
        if !a.kw.is_empty() || a.pos.len() > 1 {
            let n = a
                .pos
                .first()
                .and_then(|c| {
                    c.payload().and_then(|p| {
                        if let Payload::Type(t) = p {
                            Some(t.qualname.borrow().to_string())
                        } else {
                            None
                        }
                    })
                })
                .unwrap_or_default();
            if !a.kw.is_empty() {
                return Err(vm.new_type_error(&format!(
                    "{n}.__init_subclass__() takes no keyword arguments"
                )));
            }
            return Err(vm.new_type_error(&format!(
                "{n}.__init_subclass__() takes no arguments ({} given)",
                a.pos.len() - 1
            )));
        }
        Ok(Value::None)
    });
    let tyt = vm.t.type_.clone();
    vm.add_method(&tyt, "__call__", |vm, a| {
        let Some(cls) = a.pos.first().and_then(|c| vm.as_class(c)) else {
            return Err(vm.new_type_error("descriptor '__call__' requires a 'type' object"));
        };
        vm.call_type(&cls, &a.pos[1..], a.kw)
    });
    let ty = vm.t.type_.clone();
    vm.add_method(&ty, "__init__", |_vm, _a| Ok(Value::None));
    vm.add_method(&ty, "mro", |vm, a| {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        let m: Vec<Value> = match v.payload() {
            Some(Payload::Type(t)) => t
                .mro
                .borrow()
                .iter()
                .map(|x| Value::Obj(x.clone()))
                .collect(),
            _ => Vec::new(),
        };
        Ok(vm.new_list(m))
    });
    vm.add_method(&ty, "__subclasses__", |vm, _a| Ok(vm.new_list(Vec::new())));
    let bc = vm.new_native_function("__build_class__", |vm, a| vm.build_class(a));
    vm.set_builtin("__build_class__", bc);
}

impl Vm {
    /// `float(x)` (exact float result).
    pub fn float_from_args(&mut self, a: &Args<'_>) -> PyResult<Value> {
        no_kw(self, a, "float")?;
        max_args(self, &a.pos[1..], 1, "float")?;
        let Some(x) = a.pos.get(1) else {
            return Ok(Value::float(0.0));
        };
        if self.has_dunder_overrides(x) {
            let cls = self.type_of(x);
            if let Some(f) = self.lookup_type_attr(&cls, "__float__") {
                if self.is_dunder_override(x, &f) {
                    let r = self.call(&f, &[x.clone()])?;
                    return match r {
                        Value::Float(v) => Ok(Value::Float(v)),
                        _ => Err(self.new_type_error(&format!(
                            "{}.__float__ returned non-float (type {})",
                            self.type_name(x),
                            self.type_name(&r)
                        ))),
                    };
                }
            }
        }
        if let Some(Payload::Float(f)) = x.payload() {
            return Ok(Value::float(*f));
        }
        if let Some(s) = x.as_str() {
            let r = self.repr_string(x)?;
            return crate::kernels::numbers::parse_float(s, &r)
                .map(|f| self.new_float(f))
                .map_err(|e| self.kernel_err(e));
        }
        if let Some(Payload::Bytes(b)) = x.payload() {
            let r = self.repr_string(x)?;
            return crate::kernels::numbers::parse_float_bytes(b, &r)
                .map(Value::float)
                .map_err(|e| self.kernel_err(e));
        }
        let cls = self.type_of(x);
        let has_conv = self.lookup_type_attr(&cls, "__float__").is_some()
            || self.lookup_type_attr(&cls, "__index__").is_some();
        match self.to_f64(x) {
            Ok(f) => Ok(Value::float(f)),
            Err(e) if !has_conv && self.err_matches(&e, &self.t.exc.type_error.clone()) => {
                Err(self.new_type_error(&format!(
                    "float() argument must be a string or a real number, not '{}'",
                    self.type_name(x)
                )))
            }
            Err(e) => Err(e),
        }
    }

    /// `int(x)` / `int(x, base)`.
    pub fn int_from_args(&mut self, args: &[Value], kw: &[(Rc<str>, Value)]) -> PyResult<Value> {
        max_args(self, args, 2, "int")?;
        if let Some((k, _)) = kw.iter().find(|(k, _)| &**k != "base" && &**k != "x") {
            return Err(
                self.new_type_error(&format!("'{k}' is an invalid keyword argument for int()"))
            );
        }
        let x = args
            .first()
            .or_else(|| kw.iter().find(|(k, _)| &**k == "x").map(|(_, v)| v))
            .cloned();
        let base = args
            .get(1)
            .or_else(|| kw.iter().find(|(k, _)| &**k == "base").map(|(_, v)| v))
            .cloned();
        let Some(x) = x else {
            if base.is_some() {
                return Err(self.new_type_error("int() missing string argument"));
            }
            return Ok(Value::Int(0));
        };
        if let Some(b) = base {
            let b = self.to_index(&b)?;
            let text = match x.payload() {
                Some(Payload::Str(s)) => s.s.to_string(),
                Some(Payload::Bytes(_) | Payload::ByteArray(_)) => {
                    String::from_utf8_lossy(&self.bytes_like(&x)?).into_owned()
                }
                _ => {
                    return Err(
                        self.new_type_error("int() can't convert non-string with explicit base")
                    )
                }
            };
            if b != 0 && !(2..=36).contains(&b) {
                return Err(self.new_value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            let r = self.repr_string(&x)?;
            let v = crate::kernels::int_fmt::parse_int(&text, b as u32, &r, 4300)
                .map_err(|e| self.kernel_err(e))?;
            return Ok(self.new_int_big(v));
        }
        match &x {
            Value::Int(_) => Ok(x.clone()),
            Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
            Value::Float(f) => {
                let b = crate::kernels::float_fmt::float_to_bigint(f.get().trunc())
                    .map_err(|e| self.kernel_err(e))?;
                Ok(self.new_int_big(b))
            }
            Value::Obj(o) => match &o.payload {
                Payload::BigInt(b) => Ok(self.new_int_big(b.clone())),
                Payload::Str(s) => {
                    if let Some(v) = crate::kernels::int_fmt::parse_small_decimal(&s.s) {
                        return Ok(Value::Int(v));
                    }
                    let r = self.repr_string(&x)?;
                    let v = crate::kernels::int_fmt::parse_int(&s.s, 10, &r, 4300)
                        .map_err(|e| self.kernel_err(e))?;
                    Ok(self.new_int_big(v))
                }
                Payload::Bytes(_) | Payload::ByteArray(_) => {
                    let text = String::from_utf8_lossy(&self.bytes_like(&x)?).into_owned();
                    let r = self.repr_string(&x)?;
                    let v = crate::kernels::int_fmt::parse_int(&text, 10, &r, 4300)
                        .map_err(|e| self.kernel_err(e))?;
                    Ok(self.new_int_big(v))
                }
                _ => {
                    let cls = self.type_of(&x);
                    for name in ["__int__", "__index__", "__trunc__"] {
                        if let Some(f) = self.lookup_type_attr(&cls, name) {
                            let r = self.call(&f, &[x.clone()])?;
                            if !self.is_int(&r) {
                                return Err(self.new_type_error(&format!(
                                    "{name} returned non-int (type {})",
                                    self.type_name(&r)
                                )));
                            }
                            return Ok(r);
                        }
                    }
                    Err(self.new_type_error(&format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                        self.type_name(&x)
                    )))
                }
            },
            _ => Err(self.new_type_error(&format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                self.type_name(&x)
            ))),
        }
    }

    /// `dict.update(src, **kw)` / `dict(src, **kw)`: merges `src` (if any), then the keywords.
    pub fn dict_update_args(
        &mut self,
        d: &ObjRef,
        src: Option<&Value>,
        kw: &[(Rc<str>, Value)],
    ) -> PyResult<()> {
        if let Some(src) = src {
            self.dict_update_from(d, src)?;
        }
        for (k, v) in kw {
            let key = self.new_str_rc(k.clone());
            self.dict_set_item(d, key, v.clone())?;
        }
        Ok(())
    }

    /// `dict.update(src)` semantics (mapping with `keys()` or iterable of pairs).
    pub fn dict_update_from(&mut self, d: &ObjRef, src: &Value) -> PyResult<()> {
        if let Some(Payload::Dict(_)) = src.payload() {
            for (k, v) in self.dict_items(src) {
                self.dict_set_item(d, k, v)?;
            }
            return Ok(());
        }
        if let Some(keys) = self.lookup_attr(src, "keys")? {
            let ks = self.call(&keys, &[])?;
            for k in self.to_vec(&ks)? {
                let v = self.getitem(src, &k)?;
                self.dict_set_item(d, k, v)?;
            }
            return Ok(());
        }
        let items = self.to_vec(src)?;
        for (i, it) in items.iter().enumerate() {
            let kv = match self.to_vec(it) {
                Ok(kv) => kv,
                Err(_) => {
                    return Err(self.new_type_error(&format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    )))
                }
            };
            if kv.len() != 2 {
                return Err(self.new_value_error(&format!(
                    "dictionary update sequence element #{i} has length {}; 2 is required",
                    kv.len()
                )));
            }
            self.dict_set_item(d, kv[0].clone(), kv[1].clone())?;
        }
        Ok(())
    }

    /// `__build_class__(func, name, *bases, metaclass=None, **kwds)`.
    fn build_class(&mut self, a: Args<'_>) -> PyResult<Value> {
        if a.pos.len() < 2 {
            return Err(self.new_type_error("__build_class__: not enough arguments"));
        }
        let func = a.pos[0].clone();
        let name = a.pos[1].clone();
        let bases: Vec<Value> = a.pos[2..].to_vec();
        let mut meta_v: Option<Value> = None;
        let mut kwds: Vec<(Rc<str>, Value)> = Vec::new();
        for (k, v) in a.kw {
            if &**k == "metaclass" {
                meta_v = Some(v.clone());
            } else {
                kwds.push((k.clone(), v.clone()));
            }
        }
        let orig_bases = bases.clone();
        let bases = self.resolve_mro_entries(bases)?;
        let bases_changed =
            bases.len() != orig_bases.len() || bases.iter().zip(&orig_bases).any(|(a, b)| !a.is(b));
        if let Some(mv) = &meta_v {
            if self.as_class(mv).is_none() {
                // A plain callable as metaclass: run the body, then call it.
                let bases_t = self.new_tuple(bases);
                let ns = self.new_dict();
                let Value::Obj(fo) = &func else {
                    return Err(self.new_type_error("bad class body"));
                };
                let mut frame = self.make_frame(fo, &[], &[])?;
                frame.locals = ns.as_obj().cloned();
                self.run_frame(frame)?;
                return self.call_kw(mv, &[name, bases_t, ns], &kwds);
            }
        }
        let meta = {
            let mut winner = match &meta_v {
                Some(mv) => self.as_class(mv).unwrap_or_else(|| self.t.type_.clone()),
                None => self.t.type_.clone(),
            };
            for b in &bases {
                let bt = self.type_of(b);
                if self.is_subclass(&winner, &bt) {
                    continue;
                }
                if self.is_subclass(&bt, &winner) {
                    winner = bt;
                    continue;
                }
                return Err(self.new_type_error(
                    "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
                ));
            }
            winner
        };
        let bases_t = self.new_tuple(bases);
        let ns = match self.lookup_type_attr(&meta, "__prepare__") {
            Some(p) if !matches!(p.payload(), Some(Payload::NativeFunction(_))) => {
                let p = match p.payload() {
                    Some(Payload::ClassMethod(f)) => {
                        self.new_bound_method(f.clone(), Value::Obj(meta.clone()))
                    }
                    _ => p,
                };
                self.call_kw(&p, &[name.clone(), bases_t.clone()], &kwds)?
            }
            _ => self.new_dict(),
        };
        let Some(Value::Obj(fo)) = Some(func.clone()) else {
            return Err(self.new_type_error("bad class body"));
        };
        let mut frame = self.make_frame(&fo, &[], &[])?;
        frame.locals = ns.as_obj().cloned();
        let cell = self.run_frame(frame)?;
        if bases_changed {
            let ob = self.new_tuple(orig_bases);
            let key = self.new_str("__orig_bases__");
            self.setitem(&ns, &key, ob)?;
        }
        let cls = self.call_kw(&Value::Obj(meta), &[name, bases_t, ns], &kwds)?;
        if let Some(Payload::Cell(c)) = cell.payload() {
            *c.borrow_mut() = cls.clone();
        }
        Ok(cls)
    }

    /// PEP 560 `__mro_entries__` on non-class bases (e.g. generic aliases).
    fn resolve_mro_entries(&mut self, bases: Vec<Value>) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(bases.len());
        // `__mro_entries__` receives the original bases tuple (CPython's `update_bases`).
        let orig = self.new_tuple(bases.clone());
        for b in bases {
            if self.as_class(&b).is_some() {
                out.push(b);
                continue;
            }
            if let Some(Payload::Native(n)) = b.payload() {
                if let Some(g) = n.downcast_ref::<crate::proto::slots::GenericAlias>() {
                    out.push(g.origin.clone());
                    continue;
                }
            }
            match self.lookup_attr(&b, "__mro_entries__")? {
                Some(f) => {
                    let r = self.call(&f, &[orig.clone()])?;
                    out.extend(self.to_vec(&r)?);
                }
                None => out.push(b),
            }
        }
        Ok(out)
    }

    /// `type.__new__(meta, name, bases, ns, **kwds)`.
    pub fn new_class(
        &mut self,
        meta: &ObjRef,
        name: &Value,
        bases: &Value,
        ns: &Value,
        kwds: &[(Rc<str>, Value)],
    ) -> PyResult<Value> {
        let Some(name_s) = name.as_rc_str() else {
            return Err(self.new_type_error(&format!(
                "type.__new__() argument 1 must be str, not {}",
                self.type_name(name)
            )));
        };
        if !matches!(bases.payload(), Some(Payload::Tuple(_))) {
            return Err(self.new_type_error(&format!(
                "type.__new__() argument 2 must be tuple, not {}",
                self.type_name(bases)
            )));
        }
        if !matches!(ns.payload(), Some(Payload::Dict(_))) {
            return Err(self.new_type_error(&format!(
                "type.__new__() argument 3 must be dict, not {}",
                self.type_name(ns)
            )));
        }
        let mut winner = meta.clone();
        for b in self.to_vec(bases)? {
            let bt = self.type_of(&b);
            if self.is_subclass(&winner, &bt) {
                continue;
            }
            if self.is_subclass(&bt, &winner) {
                winner = bt;
                continue;
            }
            return Err(self.new_type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        // As `type.__new__` does: a more derived metaclass with its own `__new__` builds the
        // class (`type(name, (SomeEnum,), ns)` makes an enum through `EnumType.__new__`).
        if !ObjRef::ptr_eq(meta, &winner) {
            if let Some(f) = self.lookup_type_attr(&winner, "__new__") {
                let py_new = match f.payload() {
                    Some(Payload::Function(_)) => true,
                    Some(Payload::StaticMethod(inner)) => {
                        matches!(inner.payload(), Some(Payload::Function(_)))
                    }
                    _ => false,
                };
                if py_new {
                    let args = [
                        Value::Obj(winner.clone()),
                        name.clone(),
                        bases.clone(),
                        ns.clone(),
                    ];
                    return self.call_kw(&f, &args, kwds);
                }
            }
        }
        let mut base_list: Vec<ObjRef> = Vec::new();
        for b in self.to_vec(bases)? {
            match self.as_class(&b) {
                Some(c) => base_list.push(c),
                None => return Err(self.new_type_error("bases must be types")),
            }
        }
        if base_list.is_empty() {
            base_list.push(self.t.object.clone());
        }
        let mut kind = BaseKind::Object;
        for b in &base_list {
            if let Some(bt) = b.as_type() {
                // CPython lets classes derive from these descriptor types.
                let descr_base = !bt.heap
                    && (ObjRef::ptr_eq(b, &self.t.classmethod)
                        || ObjRef::ptr_eq(b, &self.t.staticmethod)
                        || ObjRef::ptr_eq(b, &self.t.property));
                if bt.base_kind == BaseKind::Opaque && !descr_base && !bt.heap
                    || matches!(bt.name.borrow().as_ref(), "bool") && !bt.heap
                {
                    return Err(self.new_type_error(&format!(
                        "type '{}' is not an acceptable base type",
                        bt.name.borrow()
                    )));
                }
                if bt.base_kind != BaseKind::Object {
                    if kind != BaseKind::Object && kind != bt.base_kind {
                        return Err(
                            self.new_type_error("multiple bases have instance lay-out conflict")
                        );
                    }
                    kind = bt.base_kind;
                }
            }
        }
        let mro = self.c3_mro(&base_list)?;
        let cls = make_type(Some(meta), &name_s, &base_list, kind, true);
        self.gc_track(&cls);
        let Some(td) = cls.as_type() else {
            return Err(self.new_system_error("class creation failed"));
        };
        let mut full = vec![cls.clone()];
        full.extend(mro);
        *td.mro.borrow_mut() = full;
        let mut table = match ns.payload() {
            Some(Payload::Dict(d)) => d.borrow().clone(),
            _ => DictTable::new(),
        };
        // __qualname__ and __classcell__ are consumed, not stored.
        let qh = crate::proto::hash::str_hash("__qualname__");
        if let Some(p) = table.find_str(qh, "__qualname__") {
            if let Some(e) = table.remove_at(p) {
                if let Some(q) = e.value.as_rc_str() {
                    *td.qualname.borrow_mut() = q;
                }
            }
        }
        let ch = crate::proto::hash::str_hash("__classcell__");
        if let Some(p) = table.find_str(ch, "__classcell__") {
            if let Some(e) = table.remove_at(p) {
                if let Some(Payload::Cell(c)) = e.value.payload() {
                    *c.borrow_mut() = Value::Obj(cls.clone());
                }
            }
        }
        let mh = crate::proto::hash::str_hash("__module__");
        if let Some(m) = table.get_str(mh, "__module__").and_then(|v| v.as_rc_str()) {
            *td.module.borrow_mut() = Some(m);
        } else if let Some(g) = self.caller_globals() {
            if let Some(m) = self.dict_get_str(&g, "__name__") {
                if let Some(ms) = m.as_rc_str() {
                    *td.module.borrow_mut() = Some(ms);
                }
                let k = self.new_str("__module__");
                table.push_new(mh, k, m);
            }
        }
        // Implicit staticmethod / classmethod wrappers.
        for (nm, wrap_static) in [
            ("__new__", true),
            ("__init_subclass__", false),
            ("__class_getitem__", false),
        ] {
            let h = crate::proto::hash::str_hash(nm);
            if let Some(p) = table.find_str(h, nm) {
                let v = table
                    .entry_at(p)
                    .map(|e| e.value.clone())
                    .unwrap_or(Value::None);
                if matches!(v.payload(), Some(Payload::Function(_))) {
                    let w = if wrap_static {
                        self.alloc(&self.t.staticmethod, Payload::StaticMethod(v))
                    } else {
                        self.alloc(&self.t.classmethod, Payload::ClassMethod(v))
                    };
                    table.set_at(p, Value::Obj(w));
                }
            }
        }
        let eh = crate::proto::hash::str_hash("__eq__");
        let hh = crate::proto::hash::str_hash("__hash__");
        if table.find_str(eh, "__eq__").is_some() && table.find_str(hh, "__hash__").is_none() {
            let k = self.new_str("__hash__");
            table.push_new(hh, k, Value::None);
        }
        let items = table.items();
        *td.dict.borrow_mut() = table;
        crate::proto::attr::type_modified();
        self.refresh_has_del(&cls);
        self.setup_class_descriptors(&cls)?;
        let cls_v = Value::Obj(cls.clone());
        // __set_name__ on descriptors.
        for (k, v) in items {
            if let Value::Obj(o) = &v {
                if o.class
                    .as_ref()
                    .is_some_and(|c| c.as_type().is_some_and(|t| t.heap))
                {
                    let vt = self.type_of(&v);
                    if let Some(sn) = self.lookup_type_attr(&vt, "__set_name__") {
                        self.call(&sn, &[v.clone(), cls_v.clone(), k.clone()])?;
                    }
                }
            }
        }
        // __init_subclass__ of the parent.
        let parent_mro: Vec<ObjRef> = td.mro.borrow().iter().skip(1).cloned().collect();
        for p in parent_mro {
            let Some(pt) = p.as_type() else { continue };
            self.settle_type(pt);
            let f = pt
                .dict
                .borrow()
                .get_str(
                    crate::proto::hash::str_hash("__init_subclass__"),
                    "__init_subclass__",
                )
                .map(|v| v.clone());
            if let Some(f) = f {
                match f.payload() {
                    Some(Payload::ClassMethod(inner)) => {
                        let inner = inner.clone();
                        self.call_kw(&inner, &[cls_v.clone()], kwds)?;
                    }
                    // A native class's own hook (`typing.Generic`), called like a classmethod.
                    Some(Payload::NativeFunction(nf))
                        if nf.kind == crate::object::NativeKind::ClassMethod
                            && !ObjRef::ptr_eq(&p, &self.t.object) =>
                    {
                        self.call_kw(&f, &[cls_v.clone()], kwds)?;
                    }
                    Some(Payload::NativeFunction(_)) if !kwds.is_empty() => {
                        return Err(self.new_type_error(&format!(
                            "{}.__init_subclass__() takes no keyword arguments",
                            name_s
                        )));
                    }
                    _ => {}
                }
                break;
            }
        }
        Ok(cls_v)
    }

    /// C3 linearization of the bases (excluding the new class itself).
    fn c3_mro(&mut self, bases: &[ObjRef]) -> PyResult<Vec<ObjRef>> {
        for (i, b) in bases.iter().enumerate() {
            if bases[..i].iter().any(|x| ObjRef::ptr_eq(x, b)) {
                let n = b
                    .as_type()
                    .map(|t| t.name.borrow().to_string())
                    .unwrap_or_default();
                return Err(self.new_type_error(&format!("duplicate base class {n}")));
            }
        }
        let mut seqs: Vec<Vec<ObjRef>> = bases
            .iter()
            .map(|b| {
                b.as_type()
                    .map(|t| t.mro.borrow().clone())
                    .unwrap_or_default()
            })
            .collect();
        seqs.push(bases.to_vec());
        let mut out: Vec<ObjRef> = Vec::new();
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                return Ok(out);
            }
            let mut found = None;
            for s in &seqs {
                let cand = &s[0];
                if !seqs
                    .iter()
                    .any(|t| t[1..].iter().any(|x| ObjRef::ptr_eq(x, cand)))
                {
                    found = Some(cand.clone());
                    break;
                }
            }
            let Some(c) = found else {
                let mut heads: Vec<ObjRef> = Vec::new();
                for s in &seqs {
                    if let Some(h) = s.first() {
                        if !heads.iter().any(|x| ObjRef::ptr_eq(x, h)) {
                            heads.push(h.clone());
                        }
                    }
                }
                let names: Vec<String> = heads
                    .iter()
                    .map(|b| {
                        b.as_type()
                            .map(|t| t.name.borrow().to_string())
                            .unwrap_or_default()
                    })
                    .collect();
                return Err(self.new_type_error(&format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.join(", ")
                )));
            };
            for s in &mut seqs {
                if ObjRef::ptr_eq(&s[0], &c) {
                    s.remove(0);
                }
            }
            out.push(c);
        }
    }

    /// The exception for a failed `super()` lookup.
    pub(crate) fn super_attr_error(&self, name: &str) -> PyErr {
        self.new_attribute_error(&format!("'super' object has no attribute '{name}'"))
    }
}

/// The `OSError` subclass that `OSError(errno, strerror, ...)` becomes for `errno` (Linux
/// numbers), as CPython maps them.
fn os_error_subclass(vm: &Vm, errno: i64) -> Option<ObjRef> {
    let e = &vm.t.exc;
    Some(
        match errno {
            11 | 114 | 115 => &e.blocking_io_error,
            10 => &e.child_process_error,
            32 | 108 => &e.broken_pipe_error,
            103 => &e.connection_aborted_error,
            111 => &e.connection_refused_error,
            104 => &e.connection_reset_error,
            17 => &e.file_exists_error,
            2 => &e.file_not_found_error,
            21 => &e.is_a_directory_error,
            20 => &e.not_a_directory_error,
            4 => &e.interrupted_error,
            1 | 13 => &e.permission_error,
            3 => &e.process_lookup_error,
            110 => &e.timeout_error,
            _ => return None,
        }
        .clone(),
    )
}
