//! Names: globals, builtins, class/module locals, cells and free variables, imports.

use crate::frame::Frame;
use crate::object::Payload;
use crate::proto::attr::name_hash;
use crate::value::Value;
use crate::{ObjRef, PyErr, PyResult, Vm};

impl Vm {
    fn name_at(&self, f: &Frame, i: usize) -> PyResult<Value> {
        f.code
            .names
            .get(i)
            .cloned()
            .ok_or_else(|| self.new_system_error("bad name index"))
    }

    fn not_defined(&self, name: &Value) -> PyErr {
        let n = name.as_str().unwrap_or("?");
        let e = self.new_name_error(&format!("name '{n}' is not defined"));
        if let Some(d) = e.exc().dict_obj().as_ref() {
            self.dict_set_str(Some(d), "name", name.clone());
        }
        e
    }

    /// Looks a `str` name up in a dict object (fast path for exact str keys, full lookup else).
    fn dict_lookup_name(&mut self, d: &crate::ObjRef, name: &Value) -> PyResult<Option<Value>> {
        if let (Payload::Dict(t), Some(s)) = (&d.payload, name.as_str()) {
            if let Some(v) = t.borrow().get_str(name_hash(name), s) {
                return Ok(Some(v.clone()));
            }
            if d.class
                .as_ref()
                .is_some_and(|c| ObjRef::ptr_eq(c, &self.t.dict))
            {
                return Ok(None);
            }
        }
        match &d.payload {
            Payload::Dict(_)
                if d.class
                    .as_ref()
                    .is_some_and(|c| ObjRef::ptr_eq(c, &self.t.dict)) =>
            {
                self.dict_get_item(d, name)
            }
            _ => {
                let dv = Value::Obj(d.clone());
                match self.getitem(&dv, name) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if self.err_matches(&e, &self.t.exc.key_error.clone()) => Ok(None),
                    Err(e) => Err(e),
                }
            }
        }
    }

    pub(crate) fn load_global(&mut self, f: &Frame, i: usize) -> PyResult<Value> {
        let name = self.name_at(f, i)?;
        let h = name_hash(&name);
        let s = name.as_str().unwrap_or("");
        if let Payload::Dict(t) = &f.globals.payload {
            if let Some(v) = t.borrow().get_str(h, s) {
                return Ok(v.clone());
            }
        }
        if let Payload::Dict(t) = &f.builtins.payload {
            if let Some(v) = t.borrow().get_str(h, s) {
                return Ok(v.clone());
            }
        }
        Err(self.not_defined(&name))
    }

    pub(crate) fn store_global(&mut self, f: &Frame, i: usize, v: Value) -> PyResult<()> {
        let name = self.name_at(f, i)?;
        self.dict_set_item(&f.globals.clone(), name, v)
    }

    pub(crate) fn delete_global(&mut self, f: &Frame, i: usize) -> PyResult<()> {
        let name = self.name_at(f, i)?;
        if self.dict_del_item(&Value::Obj(f.globals.clone()), &name)? {
            Ok(())
        } else {
            Err(self.not_defined(&name))
        }
    }

    pub(crate) fn load_name(&mut self, f: &Frame, i: usize) -> PyResult<Value> {
        let name = self.name_at(f, i)?;
        if let Some(l) = &f.locals {
            if let Some(v) = self.dict_lookup_name(&l.clone(), &name)? {
                return Ok(v);
            }
        }
        self.load_global(f, i)
    }

    pub(crate) fn store_name(&mut self, f: &Frame, i: usize, v: Value) -> PyResult<()> {
        let name = self.name_at(f, i)?;
        match &f.locals {
            Some(l) => {
                let l = l.clone();
                if l.class
                    .as_ref()
                    .is_some_and(|c| ObjRef::ptr_eq(c, &self.t.dict))
                {
                    self.dict_set_item(&l, name, v)
                } else {
                    self.setitem(&Value::Obj(l), &name, v)
                }
            }
            None => Err(self.new_system_error("no locals found when storing name")),
        }
    }

    pub(crate) fn delete_name(&mut self, f: &Frame, i: usize) -> PyResult<()> {
        let name = self.name_at(f, i)?;
        match &f.locals {
            Some(l) => {
                let lv = Value::Obj(l.clone());
                if matches!(l.payload, Payload::Dict(_)) {
                    if self.dict_del_item(&lv, &name)? {
                        return Ok(());
                    }
                    return Err(self.not_defined(&name));
                }
                self.delitem(&lv, &name)
            }
            None => Err(self.new_system_error("no locals when deleting name")),
        }
    }

    pub(crate) fn load_from_dict_or_globals(
        &mut self,
        f: &Frame,
        m: &Value,
        i: usize,
    ) -> PyResult<Value> {
        let name = self.name_at(f, i)?;
        if let Some(d) = m.as_obj() {
            if let Some(v) = self.dict_lookup_name(&d.clone(), &name)? {
                return Ok(v);
            }
        }
        self.load_global(f, i)
    }

    pub(crate) fn load_from_dict_or_deref(
        &mut self,
        f: &Frame,
        m: &Value,
        i: usize,
    ) -> PyResult<Value> {
        let name = f.code.localsplusnames.get(i).cloned().unwrap_or_default();
        if let Some(d) = m.as_obj() {
            if let Some(v) = self.dict_lookup_name(&d.clone(), &name)? {
                return Ok(v);
            }
        }
        self.load_deref(f, i)
    }

    pub(crate) fn setup_annotations(&mut self, f: &Frame) -> PyResult<()> {
        let Some(l) = f.locals.clone() else {
            return Err(self.new_system_error("no locals found when setting up annotations"));
        };
        let key = self.new_str("__annotations__");
        if self.dict_lookup_name(&l, &key)?.is_none() {
            let d = self.new_dict();
            self.setitem(&Value::Obj(l), &key, d)?;
        }
        Ok(())
    }

    pub(crate) fn copy_free_vars(&mut self, f: &mut Frame, n: usize) -> PyResult<()> {
        let Some(func) = f.func.clone() else {
            return Err(self.new_system_error("COPY_FREE_VARS without a function"));
        };
        let Payload::Function(fd) = &func.payload else {
            return Ok(());
        };
        let Some(closure) = &fd.closure else {
            return Err(self.new_system_error("COPY_FREE_VARS without a closure"));
        };
        let total = f.code.nlocalsplus;
        if n > total || closure.len() < n {
            return Err(self.new_system_error("closure size mismatch"));
        }
        let off = total - n;
        for (k, c) in closure.iter().take(n).enumerate() {
            f.fast[off + k] = Value::Obj(c.clone());
        }
        Ok(())
    }

    #[inline(always)]
    pub(crate) fn load_deref(&mut self, f: &Frame, i: usize) -> PyResult<Value> {
        let v = match f.fast.get(i).and_then(Value::payload) {
            Some(Payload::Cell(c)) => c.borrow().clone(),
            _ => Value::Null,
        };
        if v.is_null() {
            return Err(self.unbound_deref(f, i));
        }
        Ok(v)
    }

    #[cold]
    fn unbound_deref(&self, f: &Frame, i: usize) -> PyErr {
        let name = f
            .code
            .localsplusnames
            .get(i)
            .and_then(Value::as_str)
            .unwrap_or("?");
        let kind = f.code.localspluskinds.get(i).copied().unwrap_or(0);
        if kind & pyvm_loader::object::kinds::FREE != 0 {
            self.new_name_error(&format!(
                "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
            ))
        } else {
            self.new_exception_msg(
                &self.t.exc.unbound_local_error,
                &format!(
                    "cannot access local variable '{name}' where it is not associated with a value"
                ),
            )
        }
    }

    pub(crate) fn delete_deref(&mut self, f: &Frame, i: usize) -> PyResult<()> {
        if let Some(Payload::Cell(c)) = f.fast.get(i).and_then(Value::payload) {
            let old = std::mem::take(&mut *c.borrow_mut());
            if old.is_null() {
                return Err(self.unbound_deref(f, i));
            }
        }
        Ok(())
    }

    /// Imports a module by (possibly dotted) name from `sys.modules` or the registered factories.
    pub fn import_module(&mut self, name: &str) -> PyResult<Value> {
        if let Some(imp) = self.importer.clone() {
            return imp.import_module(self, name);
        }
        let mods = self.sys_modules.clone();
        if let Some(m) = self.dict_get_str(&mods, name) {
            return Ok(m);
        }
        if let Some((parent, _)) = name.rsplit_once('.') {
            self.import_module(parent)?;
            if let Some(m) = self.dict_get_str(&mods, name) {
                return Ok(m);
            }
        }
        self.check_import(name)?;
        let factory = self
            .module_factories
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, f)| f.clone());
        if let Some(fac) = factory {
            let m = fac(self)?;
            self.register_module(name, m.clone());
            return Ok(Value::Obj(m));
        }
        let e = self.new_exception_msg(
            &self.t.exc.module_not_found_error.clone(),
            &format!("No module named '{name}'"),
        );
        if let Some(d) = e.exc().dict_obj().as_ref() {
            let n = self.new_str(name);
            self.dict_set_str(Some(d), "name", n);
        }
        Err(e)
    }

    pub(crate) fn op_import_name(&mut self, f: &mut Frame, i: usize) -> PyResult<()> {
        let name = self.name_at(f, i)?;
        let fromlist = f.stack.pop().unwrap_or_default();
        let level = f.stack.pop().unwrap_or_default();
        if let Some(imp) = self.importer.clone() {
            let m = imp.import_name(self, &name, &f.globals, &fromlist, &level)?;
            f.push(m);
            return Ok(());
        }
        if !matches!(level, Value::Int(0)) {
            return Err(
                self.new_import_error("attempted relative import with no known parent package")
            );
        }
        let ns = name.as_str().unwrap_or("").to_string();
        let m = self.import_module(&ns)?;
        let want_top = fromlist.is_none()
            || matches!(fromlist.payload(), Some(Payload::Tuple(t)) if t.is_empty());
        if want_top {
            if let Some((top, _)) = ns.split_once('.') {
                let t = self.import_module(top)?;
                f.push(t);
                return Ok(());
            }
        }
        f.push(m);
        Ok(())
    }

    pub(crate) fn op_import_from(&mut self, f: &mut Frame, i: usize) -> PyResult<()> {
        let name = self.name_at(f, i)?;
        let module = f.stack.last().cloned().unwrap_or_default();
        if let Some(imp) = self.importer.clone() {
            let v = imp.import_from(self, &module, &name)?;
            f.push(v);
            return Ok(());
        }
        match self.getattr_opt(&module, &name) {
            Ok(Some(v)) => {
                f.push(v);
                return Ok(());
            }
            Ok(None) => {}
            Err(e) if self.err_matches(&e, &self.t.exc.attribute_error.clone()) => {}
            Err(e) => return Err(e),
        }
        let mname = match module.payload() {
            Some(Payload::Module(m)) => m.name.to_string(),
            _ => "?".into(),
        };
        let full = format!("{mname}.{}", name.as_str().unwrap_or(""));
        if let Ok(v) = self.import_module(&full) {
            f.push(v);
            return Ok(());
        }
        Err(self.new_import_error(&format!(
            "cannot import name '{}' from '{}' (unknown location)",
            name.as_str().unwrap_or(""),
            mname
        )))
    }

    /// `from module import *` into the frame's locals.
    pub(crate) fn import_star(&mut self, f: &Frame, module: &Value) -> PyResult<()> {
        let Some(locals) = f.locals.clone() else {
            return Err(self.new_system_error("no locals for import *"));
        };
        let names: Vec<Value> = match self.lookup_attr(module, "__all__")? {
            Some(all) => self.to_vec(&all)?,
            None => match module.as_obj().and_then(|m| self.instance_dict(m)) {
                Some(d) => self
                    .dict_items(&Value::Obj(d))
                    .into_iter()
                    .map(|(k, _)| k)
                    .filter(|k| !k.as_str().unwrap_or("_").starts_with('_'))
                    .collect(),
                None => Vec::new(),
            },
        };
        let mname = match module.payload() {
            Some(Payload::Module(m)) => m.name.to_string(),
            _ => "?".into(),
        };
        let from_all = self.lookup_attr(module, "__all__")?.is_some();
        for n in names {
            if n.as_str().is_none() {
                let what = if from_all { "Item in" } else { "Key in" };
                let wher = if from_all { "__all__" } else { "__dict__" };
                return Err(self.new_type_error(&format!(
                    "{what} {mname}.{wher} must be str, not {}",
                    self.type_name(&n)
                )));
            }
            let v = self.getattr(module, &n)?;
            self.setitem(&Value::Obj(locals.clone()), &n, v)?;
        }
        Ok(())
    }
}
