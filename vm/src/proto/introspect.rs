//! Frame-aware and attribute-model builtins the VM provides itself: `globals`, `locals`, `vars`,
//! `dir`, and the methods of `property`.

use crate::object::{Args, Payload};
use crate::value::Value;
use crate::{PyResult, Vm};

impl Vm {
    /// `dir(obj)`: sorted attribute names.
    pub fn dir_of(&mut self, obj: &Value) -> PyResult<Value> {
        let cls = self.type_of(obj);
        if cls.as_type().is_some_and(|t| t.heap) {
            if let Some(f) = self.lookup_type_attr(&cls, "__dir__") {
                if matches!(f.payload(), Some(Payload::Function(_))) {
                    let r = self.call(&f, &[obj.clone()])?;
                    let mut items = self.to_vec(&r)?;
                    self.sort_str_values(&mut items);
                    return Ok(self.new_list(items));
                }
            }
        }
        let mut names: Vec<Value> = Vec::new();
        let add_table = |t: &crate::dict::DictTable, names: &mut Vec<Value>| {
            for e in t.iter() {
                names.push(e.key.clone());
            }
        };
        match obj.payload() {
            Some(Payload::Type(td)) => {
                for m in td.mro.borrow().iter() {
                    if let Some(mt) = m.as_type() {
                        self.settle_type(mt);
                        add_table(&mt.dict.borrow(), &mut names);
                    }
                }
            }
            Some(Payload::Module(_)) => {
                if let Some(o) = obj.as_obj() {
                    o.with_dict_table(|t| add_table(&t.borrow(), &mut names));
                }
            }
            _ => {
                if let Some(o) = obj.as_obj() {
                    names.extend(crate::instance::value_names(o));
                    if let Some(d) = o.dict_obj() {
                        if let Payload::Dict(t) = &d.payload {
                            add_table(&t.borrow(), &mut names);
                        }
                    }
                }
                if let Some(td) = cls.as_type() {
                    for m in td.mro.borrow().iter() {
                        if let Some(mt) = m.as_type() {
                            self.settle_type(mt);
                            add_table(&mt.dict.borrow(), &mut names);
                        }
                    }
                }
            }
        }
        let mut strs: Vec<String> = names
            .iter()
            .filter_map(|n| n.as_str().map(String::from))
            .collect();
        strs.sort();
        strs.dedup();
        let items = strs.iter().map(|s| self.new_str(s)).collect();
        Ok(self.new_list(items))
    }

    fn sort_str_values(&self, items: &mut [Value]) {
        items.sort_by(|a, b| a.as_str().unwrap_or("").cmp(b.as_str().unwrap_or("")));
    }
}

fn prop_parts(vm: &Vm, v: Option<&Value>) -> PyResult<(Value, Value, Value, Value)> {
    match v.and_then(Value::payload) {
        Some(Payload::Property(p)) => Ok((
            p.fget.clone(),
            p.fset.clone(),
            p.fdel.clone(),
            p.doc.clone(),
        )),
        _ => Err(vm.new_type_error("descriptor requires a 'property' object")),
    }
}

pub(crate) fn install(vm: &mut Vm) {
    let g = vm.new_frame_function("globals", |vm, _a| match vm.caller_globals() {
        Some(g) => Ok(Value::Obj(g)),
        None => Ok(vm.new_dict()),
    });
    vm.set_builtin("globals", g);
    let l = vm.new_frame_function("locals", |vm, _a| {
        Ok(vm.caller_locals().unwrap_or(Value::None))
    });
    vm.set_builtin("locals", l);
    let v = vm.new_frame_function("vars", |vm, a: Args<'_>| match a.pos.first() {
        _ if a.pos.len() > 1 => Err(vm.new_type_error(&format!(
            "vars expected at most 1 argument, got {}",
            a.pos.len()
        ))),
        None => Ok(vm.caller_locals().unwrap_or(Value::None)),
        Some(o) => match vm.lookup_attr(o, "__dict__")? {
            Some(d) => Ok(d),
            None => Err(vm.new_type_error("vars() argument must have __dict__ attribute")),
        },
    });
    vm.set_builtin("vars", v);
    let d = vm.new_frame_function("dir", |vm, a: Args<'_>| match a.pos.first() {
        None => {
            let l = vm.caller_locals().unwrap_or(Value::None);
            let mut keys: Vec<String> = vm
                .dict_items(&l)
                .into_iter()
                .filter_map(|(k, _)| k.as_str().map(String::from))
                .collect();
            keys.sort();
            let items = keys.iter().map(|k| vm.new_str(k)).collect();
            Ok(vm.new_list(items))
        }
        Some(o) => {
            let o = o.clone();
            vm.dir_of(&o)
        }
    });
    vm.set_builtin("dir", d);

    let cm = vm.t.classmethod.clone();
    vm.add_method(&cm, "__get__", |vm, a| {
        let f = match a.pos.first().and_then(Value::payload) {
            Some(Payload::ClassMethod(f)) => f.clone(),
            _ => return Err(vm.new_type_error("descriptor requires a 'classmethod' object")),
        };
        let owner = match (a.pos.get(2), a.pos.get(1)) {
            (Some(o), _) if !o.is_none() => o.clone(),
            (_, Some(inst)) => Value::Obj(vm.type_of(inst)),
            _ => Value::None,
        };
        Ok(vm.new_bound_method(f, owner))
    });
    let sm = vm.t.staticmethod.clone();
    vm.add_method(&sm, "__get__", |vm, a| {
        match a.pos.first().and_then(Value::payload) {
            Some(Payload::StaticMethod(f)) => Ok(f.clone()),
            _ => Err(vm.new_type_error("descriptor requires a 'staticmethod' object")),
        }
    });
    let prop = vm.t.property.clone();
    for (name, which) in [("getter", 0usize), ("setter", 1), ("deleter", 2)] {
        vm.add_method(&prop, name, move |vm, a| {
            let (mut g, mut s, mut d, doc) = prop_parts(vm, a.pos.first())?;
            let f = a.pos.get(1).cloned().unwrap_or(Value::None);
            match which {
                0 => g = f,
                1 => s = f,
                _ => d = f,
            }
            Ok(Value::Obj(vm.alloc(
                &vm.t.property.clone(),
                Payload::Property(Box::new(crate::object::PropertyData {
                    fget: g,
                    fset: s,
                    fdel: d,
                    doc,
                })),
            )))
        });
    }
    vm.add_method(&prop, "__get__", |vm, a| {
        let (g, _, _, _) = prop_parts(vm, a.pos.first())?;
        match a.pos.get(1) {
            None | Some(Value::None) => Ok(a.pos.first().cloned().unwrap_or(Value::None)),
            Some(obj) => {
                if g.is_none() {
                    return Err(vm.new_attribute_error("property has no getter"));
                }
                let obj = obj.clone();
                vm.call(&g, &[obj])
            }
        }
    });
    vm.add_method(&prop, "__set__", |vm, a| {
        let (_, s, _, _) = prop_parts(vm, a.pos.first())?;
        if s.is_none() {
            return Err(vm.new_attribute_error("property has no setter"));
        }
        let args: Vec<Value> = a.pos[1..].to_vec();
        vm.call(&s, &args)?;
        Ok(Value::None)
    });
}
