//! Python-visible traceback and frame objects (`e.__traceback__`, `tb.tb_frame.f_code`), built
//! on demand from an exception's recorded traceback entries.

use crate::object::{Payload, TracebackEntry};
use crate::value::Value;
use crate::Vm;
use std::cell::RefCell;

/// One `traceback` object. `tb_next` is writable, as in CPython (`unittest` cuts its own
/// frames off a chain that way).
pub struct TbObject {
    pub entry: TracebackEntry,
    pub next: RefCell<Value>,
}

/// A (snapshot) `frame` object.
pub struct FrameObject {
    pub entry: TracebackEntry,
}

impl Vm {
    /// The `traceback` chain (outermost first) for an exception, or `None`.
    pub fn traceback_object(&mut self, exc: &Value) -> Value {
        let Some(Payload::Exception(st)) = exc.payload() else {
            return Value::None;
        };
        let entries = st.borrow().traceback.clone();
        let mut next = Value::None;
        for e in entries {
            let cls = self.t.traceback.clone();
            next = Value::Obj(self.alloc(
                &cls,
                Payload::Native(Box::new(TbObject {
                    entry: e,
                    next: RefCell::new(next),
                })),
            ));
        }
        next
    }

    /// Entries of a traceback object chain (innermost first, as stored in exceptions).
    pub(crate) fn entries_of_traceback(&self, tb: &Value) -> Vec<TracebackEntry> {
        let mut out = Vec::new();
        let mut cur = tb.clone();
        for _ in 0..100_000 {
            let next = match cur.payload() {
                Some(Payload::Native(n)) => match n.downcast_ref::<TbObject>() {
                    Some(t) => {
                        out.push(t.entry.clone());
                        t.next.borrow().clone()
                    }
                    None => break,
                },
                _ => break,
            };
            cur = next;
        }
        out.reverse();
        out
    }
}

fn tb_of(v: &Value) -> Option<(TracebackEntry, Value)> {
    match v.payload() {
        Some(Payload::Native(n)) => n
            .downcast_ref::<TbObject>()
            .map(|t| (t.entry.clone(), t.next.borrow().clone())),
        _ => None,
    }
}

fn frame_of(v: &Value) -> Option<TracebackEntry> {
    match v.payload() {
        Some(Payload::Native(n)) => n.downcast_ref::<FrameObject>().map(|f| f.entry.clone()),
        _ => None,
    }
}

pub(crate) fn install(vm: &mut Vm) {
    let tbt = vm.t.traceback.clone();
    vm.add_method(&tbt, "__getattr__", |vm, a| {
        let me = a.pos.first().cloned().unwrap_or(Value::None);
        let name = a
            .pos
            .get(1)
            .and_then(|n| n.as_str().map(String::from))
            .unwrap_or_default();
        let Some((entry, next)) = tb_of(&me) else {
            return Err(vm.attr_error(&me, &name));
        };
        match name.as_str() {
            "tb_next" => Ok(next),
            "tb_lineno" => Ok(Value::Int(i64::from(
                entry.code.position(entry.instr).line.unwrap_or(-1),
            ))),
            "tb_lasti" => Ok(Value::Int((entry.instr * 2) as i64)),
            "tb_frame" => {
                let cls = vm.t.frame.clone();
                Ok(Value::Obj(vm.alloc(
                    &cls,
                    Payload::Native(Box::new(FrameObject { entry })),
                )))
            }
            _ => Err(vm.attr_error(&me, &name)),
        }
    });
    vm.add_method(&tbt, "__setattr__", |vm, a| {
        let me = a.pos.first().cloned().unwrap_or(Value::None);
        let name = a.pos.get(1).and_then(|n| n.as_str().map(String::from));
        let value = a.pos.get(2).cloned().unwrap_or(Value::None);
        let tb = match me.payload() {
            Some(Payload::Native(n)) => n.downcast_ref::<TbObject>(),
            _ => None,
        };
        let (Some(tb), Some("tb_next")) = (tb, name.as_deref()) else {
            let n = name.unwrap_or_default();
            return Err(vm.new_attribute_error(&format!(
                "attribute '{n}' of 'traceback' objects is not writable"
            )));
        };
        if !value.is_none() && tb_of(&value).is_none() {
            return Err(vm.new_type_error(&format!(
                "expected traceback object, got '{}'",
                vm.type_name(&value)
            )));
        }
        // The new chain must not come back to this object.
        let mut cur = value.clone();
        while let Some((_, next)) = tb_of(&cur) {
            if cur.is(&me) {
                return Err(vm.new_value_error("traceback loop detected"));
            }
            cur = next;
        }
        *tb.next.borrow_mut() = value;
        Ok(Value::None)
    });
    vm.add_method(&tbt, "__delattr__", |vm, a| {
        let name = a.pos.get(1).and_then(|n| n.as_str().map(String::from));
        Err(vm.new_type_error(&if name.as_deref() == Some("tb_next") {
            "can't delete tb_next attribute".to_string()
        } else {
            format!(
                "attribute '{}' of 'traceback' objects is not writable",
                name.unwrap_or_default()
            )
        }))
    });
    let ft = vm.t.frame.clone();
    vm.add_method(&ft, "__getattr__", |vm, a| {
        let me = a.pos.first().cloned().unwrap_or(Value::None);
        let name = a
            .pos
            .get(1)
            .and_then(|n| n.as_str().map(String::from))
            .unwrap_or_default();
        let Some(entry) = frame_of(&me) else {
            return Err(vm.attr_error(&me, &name));
        };
        match name.as_str() {
            "f_code" => Ok(Value::Obj(
                vm.alloc(&vm.t.code.clone(), Payload::Code(entry.code.clone())),
            )),
            "f_lineno" => Ok(Value::Int(i64::from(
                entry.code.position(entry.instr).line.unwrap_or(-1),
            ))),
            "f_lasti" => Ok(Value::Int((entry.instr * 2) as i64)),
            "f_globals" => Ok(entry.globals.clone().map_or(Value::None, Value::Obj)),
            "f_back" => Ok(Value::None),
            "f_locals" => {
                let d = vm.new_dict_obj();
                let code = entry.code.clone();
                for (i, v) in entry.locals.iter().enumerate() {
                    if v.is_null() {
                        continue;
                    }
                    if let Some(n) = code.localsplusnames.get(i) {
                        let v = match v.payload() {
                            Some(Payload::Cell(c)) => c.borrow().clone(),
                            _ => v.clone(),
                        };
                        if !v.is_null() {
                            vm.dict_set_item(&d, n.clone(), v)?;
                        }
                    }
                }
                Ok(Value::Obj(d))
            }
            _ => Err(vm.attr_error(&me, &name)),
        }
    });
    // `frame.clear()`: a frame object here is a snapshot of a finished frame, whose locals
    // the traceback keeps; there is nothing it could still be running.
    vm.add_method(&ft, "clear", |_vm, _a| Ok(Value::None));
    vm.add_method(&ft, "__repr__", |vm, a| {
        let me = a.pos.first().cloned().unwrap_or(Value::None);
        let Some(entry) = frame_of(&me) else {
            return Ok(vm.new_str("<frame>"));
        };
        let line = entry.code.position(entry.instr).line.unwrap_or(-1);
        Ok(vm.new_string(format!(
            "<frame at {:#x}, file '{}', line {}, code {}>",
            me.identity(),
            entry.code.filename,
            line,
            entry.code.name
        )))
    });
}
