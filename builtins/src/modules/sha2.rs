//! `_sha2`: the `sha512` hash object `random.py` seeds with (`update`, `digest`, `hexdigest`,
//! `copy`, `name`, `digest_size`, `block_size`). The data is kept and hashed when a digest is
//! asked for (`random_mt::sha512`).

use super::random_mt::sha512;
use super::{add_fn, new_type, register};
use pyvm_vm::{Args, ObjRef, PyResult, Value, Vm};
use std::cell::RefCell;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_sha2"], build);
}

/// The bytes fed to one `sha512` object so far.
struct Sha512(RefCell<Vec<u8>>);

fn this<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a Sha512> {
    super::this::<Sha512>(vm, a, "_sha2.SHA512Type", meth)
}

fn data_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if v.as_str().is_some() {
        return Err(vm.new_type_error("Strings must be encoded before hashing"));
    }
    vm.bytes_like(v)
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let cls = new_type(vm, "_sha2", "SHA512Type", &[])?;
    vm.set_constructor(&cls, |vm, _a| {
        Err(vm.new_type_error("cannot create '_sha2.SHA512Type' instances"))
    });
    super::add_method(vm, &cls, "update", |vm, a| {
        let h = this(vm, &a, "update")?;
        let v = super::one(
            vm,
            &Args {
                pos: &a.pos[1..],
                kw: a.kw,
            },
            "update",
        )?;
        let d = data_arg(vm, &v)?;
        h.0.borrow_mut().extend_from_slice(&d);
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "digest", |vm, a| {
        let h = this(vm, &a, "digest")?;
        let d = sha512(&h.0.borrow());
        Ok(vm.new_bytes(d.to_vec()))
    });
    super::add_method(vm, &cls, "hexdigest", |vm, a| {
        let h = this(vm, &a, "hexdigest")?;
        let d = sha512(&h.0.borrow());
        let s: String = d.iter().map(|b| format!("{b:02x}")).collect();
        Ok(vm.new_string(s))
    });
    let ccls = cls.clone();
    super::add_method(vm, &cls, "copy", move |vm, a| {
        let h = this(vm, &a, "copy")?;
        let st = Sha512(RefCell::new(h.0.borrow().clone()));
        Ok(super::alloc_native(vm, &ccls, &ccls, st))
    });
    for (attr, v) in [("digest_size", 64), ("block_size", 128)] {
        vm.type_set_attr(&cls, attr, Value::Int(v));
    }
    let n = vm.new_str("sha512");
    vm.type_set_attr(&cls, "name", n);
    let hcls = cls.clone();
    add_fn(vm, &m, "sha512", move |vm, a| {
        let p = super::bind(vm, &a, "sha512", &["string", "usedforsecurity"], 0, 0, 1)?;
        let data = match &p[0] {
            Some(v) => data_arg(vm, v)?,
            None => Vec::new(),
        };
        Ok(super::alloc_native(
            vm,
            &hcls,
            &hcls,
            Sha512(RefCell::new(data)),
        ))
    });
    vm.set_module_attr(&m, "SHA512Type", Value::Obj(cls));
    Ok(m)
}
