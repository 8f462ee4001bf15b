//! `atexit`: functions to call when the interpreter exits. `pyvm run` calls
//! `atexit._run_exitfuncs()` after the main module has finished (an embedder may do the same);
//! the callbacks run last registered first, and one that raises is reported as
//! `Exception ignored in atexit callback: <repr>` without stopping the others. (`register`
//! does not check that its argument is callable; a bad one is reported when it is called.)

use super::{add_fn, none, one, register};
use pyvm_vm::{ObjRef, PyResult, Value, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// A registered call: the function, its positional and keyword arguments.
type Entry = (Value, Vec<Value>, Vec<(Rc<str>, Value)>);

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["atexit"], build);
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    // `unregister` leaves an empty slot, as CPython does (`_ncallbacks` still counts it).
    let calls: Rc<RefCell<Vec<Option<Entry>>>> = Rc::new(RefCell::new(Vec::new()));
    let c = calls.clone();
    add_fn(vm, &m, "register", move |vm, a| {
        let Some((f, rest)) = a.pos.split_first() else {
            return Err(vm.new_type_error("register() takes at least 1 argument (0 given)"));
        };
        c.borrow_mut()
            .push(Some((f.clone(), rest.to_vec(), a.kw.to_vec())));
        Ok(f.clone())
    });
    let c = calls.clone();
    add_fn(vm, &m, "unregister", move |vm, a| {
        let f = one(vm, &a, "unregister")?;
        let entries: Vec<Option<Value>> = c
            .borrow()
            .iter()
            .map(|e| e.as_ref().map(|e| e.0.clone()))
            .collect();
        for (i, e) in entries.iter().enumerate() {
            if let Some(e) = e {
                if vm.eq(e, &f)? {
                    if let Some(slot) = c.borrow_mut().get_mut(i) {
                        *slot = None;
                    }
                }
            }
        }
        Ok(Value::None)
    });
    let c = calls.clone();
    add_fn(vm, &m, "_clear", move |vm, a| {
        none(vm, &a, "_clear")?;
        c.borrow_mut().clear();
        Ok(Value::None)
    });
    let c = calls.clone();
    add_fn(vm, &m, "_ncallbacks", move |vm, a| {
        none(vm, &a, "_ncallbacks")?;
        Ok(Value::Int(
            i64::try_from(c.borrow().len()).unwrap_or(i64::MAX),
        ))
    });
    add_fn(vm, &m, "_run_exitfuncs", move |vm, a| {
        none(vm, &a, "_run_exitfuncs")?;
        // Callbacks may register more; each runs once, newest first.
        loop {
            let Some(entry) = calls.borrow_mut().pop() else {
                break;
            };
            let Some((f, args, kw)) = entry else {
                continue;
            };
            if let Err(e) = vm.call_kw(&f, &args, &kw) {
                let r = vm.repr_string(&f).unwrap_or_default();
                vm.report_unraisable(&e, &format!("Exception ignored in atexit callback: {r}"));
            }
        }
        Ok(Value::None)
    });
    Ok(m)
}
