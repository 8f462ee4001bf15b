//! `__reduce__` (and where CPython has one, `__setstate__`) of builtin types whose instances
//! `copy` and `pickle` must be able to take apart: sets, `bytearray`, `slice`, exceptions, the
//! list / tuple / str iterators, `Ellipsis`, `NotImplemented` and builtin functions. The values
//! returned are CPython 3.12's, so pickles made here load there and the other way round.

use super::reduce::instance_state;
use crate::args;
use pyvm_vm::object::IterState;
use pyvm_vm::{ObjRef, Payload, PyResult, Value, Vm};

pub(crate) fn install(vm: &mut Vm) {
    let t = vm.types();
    let (set, frozenset, bytearray, slice) = (
        t.set.clone(),
        t.frozenset.clone(),
        t.bytearray.clone(),
        t.slice.clone(),
    );
    let base_exc = t.exc.base_exception.clone();
    let seq_iters = [
        t.list_iterator.clone(),
        t.tuple_iterator.clone(),
        t.str_iterator.clone(),
        t.str_uiterator.clone(),
    ];
    let (ellipsis, not_implemented, builtin_function, method) = (
        t.ellipsis.clone(),
        t.not_implemented.clone(),
        t.builtin_function.clone(),
        t.method.clone(),
    );
    for ty in [&set, &frozenset] {
        vm.add_method(ty, "__reduce__", |vm, a| {
            let this = args::this(vm, &a)?;
            let items = vm.call(
                &Value::Obj(vm.types().list.clone()),
                std::slice::from_ref(&this),
            )?;
            let state = instance_state(vm, &this)?;
            let cls = Value::Obj(vm.type_of(&this));
            let args = vm.new_tuple(vec![items]);
            Ok(vm.new_tuple(vec![cls, args, state]))
        });
    }
    vm.add_method(&bytearray, "__reduce__", |vm, a| {
        let this = args::this(vm, &a)?;
        args::method(vm, &a, "__reduce__", 0, 0)?;
        bytearray_reduce(vm, &this, 2)
    });
    vm.add_method(&bytearray, "__reduce_ex__", |vm, a| {
        let this = args::this(vm, &a)?;
        let rest = args::method(vm, &a, "__reduce_ex__", 0, 1)?;
        let proto = match rest.first() {
            Some(p) => vm.to_index(p)?,
            None => 0,
        };
        bytearray_reduce(vm, &this, proto)
    });
    vm.add_method(&slice, "__reduce__", |vm, a| {
        let this = args::this(vm, &a)?;
        let Some(Payload::Slice(sl)) = this.payload() else {
            return Err(vm.new_type_error("__reduce__ needs a slice"));
        };
        let args = vm.new_tuple(vec![sl.start.clone(), sl.stop.clone(), sl.step.clone()]);
        Ok(vm.new_tuple(vec![Value::Obj(vm.types().slice.clone()), args]))
    });
    vm.add_method(&base_exc, "__reduce__", |vm, a| {
        let this = args::this(vm, &a)?;
        let Some(Payload::Exception(st)) = this.payload() else {
            return Err(vm.new_type_error("__reduce__ needs an exception"));
        };
        let mut exc_args = st.borrow().args.clone();
        let cls = Value::Obj(vm.type_of(&this));
        // An `OSError` with a filename: `(errno, strerror, filename)`, and with a second
        // filename `(errno, strerror, filename, None, filename2)`.
        let shown = vm.exception_args(&this, &exc_args);
        if let (Some(Payload::Tuple(all)), Some(Payload::Tuple(two))) =
            (exc_args.payload(), shown.payload())
        {
            if all.len() != two.len() {
                let mut items = all[..3].to_vec();
                if let Some(f2) = all.get(4).filter(|f| !f.is_none()) {
                    items.push(Value::None);
                    items.push(f2.clone());
                }
                exc_args = vm.new_tuple(items);
            }
        }
        match instance_state(vm, &this)? {
            Value::None => Ok(vm.new_tuple(vec![cls, exc_args])),
            dict => Ok(vm.new_tuple(vec![cls, exc_args, dict])),
        }
    });
    vm.add_method(&base_exc, "__setstate__", |vm, a| {
        let this = args::this(vm, &a)?;
        let rest = args::method(vm, &a, "__setstate__", 1, 1)?;
        let state = rest.first().cloned().unwrap_or(Value::None);
        if matches!(state, Value::None) {
            return Ok(Value::None);
        }
        if !matches!(state.payload(), Some(Payload::Dict(_))) {
            return Err(vm.new_type_error("state is not a dictionary"));
        }
        let items = vm.call_method(&state, "items", &[])?;
        let it = vm.iter(&items)?;
        while let Some(pair) = vm.next(&it)? {
            if let Some(Payload::Tuple(kv)) = pair.payload() {
                if let [k, v] = &**kv {
                    vm.setattr(&this, k, v.clone())?;
                }
            }
        }
        Ok(Value::None)
    });
    for ty in &seq_iters {
        vm.add_method(ty, "__reduce__", |vm, a| {
            let this = args::this(vm, &a)?;
            seq_iter_reduce(vm, &this)
        });
        vm.add_method(ty, "__setstate__", |vm, a| {
            let this = args::this(vm, &a)?;
            let rest = args::method(vm, &a, "__setstate__", 1, 1)?;
            let index = vm.to_index(rest.first().unwrap_or(&Value::None))?;
            seq_iter_setstate(&this, index);
            Ok(Value::None)
        });
    }
    vm.add_method(&ellipsis, "__reduce__", |vm, _a| Ok(vm.new_str("Ellipsis")));
    vm.add_method(&not_implemented, "__reduce__", |vm, _a| {
        Ok(vm.new_str("NotImplemented"))
    });
    vm.add_method(&method, "__reduce__", |vm, a| {
        let this = args::this(vm, &a)?;
        bound_reduce(vm, &this)
    });
    vm.add_method(&builtin_function, "__reduce__", |vm, a| {
        let this = args::this(vm, &a)?;
        if matches!(this.payload(), Some(Payload::BoundMethod { .. })) {
            return bound_reduce(vm, &this);
        }
        let Some(Payload::NativeFunction(nf)) = this.payload() else {
            return Err(vm.new_type_error("__reduce__ needs a builtin function"));
        };
        let name = vm.new_str(&nf.name);
        match nf.bound.clone() {
            // A method bound to an object: `getattr(obj, name)` gets it back.
            Some(owner) if !matches!(owner.payload(), Some(Payload::Module(_))) => {
                let getattr = vm.get_builtin("getattr").unwrap_or(Value::None);
                let args = vm.new_tuple(vec![owner, name]);
                Ok(vm.new_tuple(vec![getattr, args]))
            }
            // A module-level function is saved by its name.
            _ => Ok(name),
        }
    });
}

/// A bound method (of a Python function, or a builtin one such as `[].append`):
/// `(getattr, (obj, name))` gets it back.
fn bound_reduce(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let Some(Payload::BoundMethod { func, self_ }) = this.payload() else {
        return Err(vm.new_type_error("__reduce__ needs a method"));
    };
    let name = vm.getattr_str(func, "__name__")?;
    let getattr = vm.get_builtin("getattr").unwrap_or(Value::None);
    let args = vm.new_tuple(vec![self_.clone(), name]);
    Ok(vm.new_tuple(vec![getattr, args]))
}

/// `bytearray.__reduce_ex__(proto)`: `(cls, (bytes,), state)`, or below protocol 3 the text
/// form `(cls, (latin1_str, 'latin-1'), state)` older picklers used; `(cls, (), state)` when
/// empty.
fn bytearray_reduce(vm: &mut Vm, this: &Value, proto: i64) -> PyResult<Value> {
    let bytes = match this.payload() {
        Some(Payload::ByteArray(b)) => b.borrow().clone(),
        _ => return Err(vm.new_type_error("__reduce__ needs a bytearray")),
    };
    let state = instance_state(vm, this)?;
    let cls = Value::Obj(vm.type_of(this));
    let args = if bytes.is_empty() {
        vm.new_tuple(Vec::new())
    } else if proto < 3 {
        let text: String = bytes.iter().map(|&b| char::from(b)).collect();
        let text = vm.new_str(&text);
        let enc = vm.new_str("latin-1");
        vm.new_tuple(vec![text, enc])
    } else {
        let b = vm.new_bytes(bytes);
        vm.new_tuple(vec![b])
    };
    Ok(vm.new_tuple(vec![cls, args, state]))
}

/// `(iter, (seq,), index)`, or `(iter, (empty,))` for an exhausted iterator.
fn seq_iter_reduce(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let iter = vm.get_builtin("iter").unwrap_or(Value::None);
    // The sequence and the index of the next item, unless the iterator is exhausted.
    let pos = match this.payload() {
        Some(Payload::Iter(st)) => match &*st.borrow() {
            IterState::Seq { seq, idx } => Some((Value::Obj(seq.clone()), *idx)),
            IterState::Str { obj, pos } => {
                let text = obj.as_str().unwrap_or_default();
                let index = text.get(..*pos).map_or(0, |head| head.chars().count());
                Some((Value::Obj(obj.clone()), index))
            }
            _ => None,
        },
        _ => None,
    };
    if let Some((seq, index)) = pos {
        let args = vm.new_tuple(vec![seq]);
        #[allow(clippy::cast_possible_wrap)]
        return Ok(vm.new_tuple(vec![iter, args, Value::Int(index as i64)]));
    }
    let ty = vm.type_of(this);
    let empty = if ObjRef::ptr_eq(&ty, &vm.types().tuple_iterator) {
        vm.new_tuple(Vec::new())
    } else if ObjRef::ptr_eq(&ty, &vm.types().list_iterator) {
        vm.new_list(Vec::new())
    } else {
        vm.new_str("")
    };
    let args = vm.new_tuple(vec![empty]);
    Ok(vm.new_tuple(vec![iter, args]))
}

/// `__setstate__(index)`: moves a live iterator to `index`, clipped to the sequence.
fn seq_iter_setstate(this: &Value, index: i64) {
    let Some(Payload::Iter(st)) = this.payload() else {
        return;
    };
    let Ok(mut st) = st.try_borrow_mut() else {
        return;
    };
    let index = usize::try_from(index).unwrap_or(0);
    match &mut *st {
        IterState::Seq { seq, idx } => {
            let len = match &seq.payload {
                Payload::List(l) => l.borrow().len(),
                Payload::Tuple(t) => t.len(),
                _ => 0,
            };
            *idx = index.min(len);
        }
        IterState::Str { obj, pos } => {
            let text = obj.as_str().unwrap_or_default();
            *pos = text
                .char_indices()
                .nth(index)
                .map_or(text.len(), |(p, _)| p);
        }
        _ => {}
    }
}
