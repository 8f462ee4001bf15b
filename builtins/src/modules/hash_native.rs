//! The builtin hash modules `hashlib.py` builds on when OpenSSL's `_hashlib` is absent:
//! `_md5`, `_sha1`, `_sha2` (sha224 / sha256 / sha384 / sha512), `_sha3` (sha3_* and
//! shake_*) and `_blake2` (blake2b / blake2s, parameters in `hash_blake2.rs`). Each hash
//! object keeps a streaming state (`digest_md`, `digest_sha3`, `digest_blake2`): `update`
//! compresses blocks as they arrive, `digest` finishes a copy.

use super::digest_blake2::{Blake2b, Blake2s, Params};
use super::digest_md::{Md5, Sha1, Sha256, Sha512};
use super::digest_sha3::{Sha3, Sha3Kind};
use super::{add_fn, add_getter, add_method, alloc_native, native, native_fn, new_type, register};
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm};
use std::cell::RefCell;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_md5"], build_md5);
    register(vm, &["_sha1"], build_sha1);
    register(vm, &["_sha2"], build_sha2);
    register(vm, &["_sha3"], build_sha3);
    register(vm, &["_blake2"], super::hash_blake2::build);
}

/// Which algorithm a hash object runs: decides its Python-visible names and sizes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Alg {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha3(Sha3Kind),
    Blake2b,
    Blake2s,
}

impl Alg {
    /// The module defining the type.
    fn module(self) -> &'static str {
        match self {
            Alg::Md5 => "_md5",
            Alg::Sha1 => "_sha1",
            Alg::Sha224 | Alg::Sha256 | Alg::Sha384 | Alg::Sha512 => "_sha2",
            Alg::Sha3(_) => "_sha3",
            Alg::Blake2b | Alg::Blake2s => "_blake2",
        }
    }

    /// The type's `__name__`.
    fn type_name(self) -> &'static str {
        match self {
            Alg::Sha224 => "SHA224Type",
            Alg::Sha256 => "SHA256Type",
            Alg::Sha384 => "SHA384Type",
            Alg::Sha512 => "SHA512Type",
            _ => self.name(),
        }
    }

    /// The hash object's `name` (what `hashlib.new` accepts).
    fn name(self) -> &'static str {
        match self {
            Alg::Md5 => "md5",
            Alg::Sha1 => "sha1",
            Alg::Sha224 => "sha224",
            Alg::Sha256 => "sha256",
            Alg::Sha384 => "sha384",
            Alg::Sha512 => "sha512",
            Alg::Sha3(Sha3Kind::Sha3_224) => "sha3_224",
            Alg::Sha3(Sha3Kind::Sha3_256) => "sha3_256",
            Alg::Sha3(Sha3Kind::Sha3_384) => "sha3_384",
            Alg::Sha3(Sha3Kind::Sha3_512) => "sha3_512",
            Alg::Sha3(Sha3Kind::Shake128) => "shake_128",
            Alg::Sha3(Sha3Kind::Shake256) => "shake_256",
            Alg::Blake2b => "blake2b",
            Alg::Blake2s => "blake2s",
        }
    }

    /// Is this one of the older modules whose `copy` takes the defining class (its argument
    /// error reads `copy() takes no arguments`)?
    fn md_family(self) -> bool {
        matches!(
            self,
            Alg::Md5 | Alg::Sha1 | Alg::Sha224 | Alg::Sha256 | Alg::Sha384 | Alg::Sha512
        )
    }

    /// A fresh state (BLAKE2 with default parameters).
    fn fresh(self) -> Engine {
        match self {
            Alg::Md5 => Engine::Md5(Md5::new()),
            Alg::Sha1 => Engine::Sha1(Sha1::new()),
            Alg::Sha224 => Engine::Sha256(Sha256::new_224()),
            Alg::Sha256 => Engine::Sha256(Sha256::new_256()),
            Alg::Sha384 => Engine::Sha512(Sha512::new_384()),
            Alg::Sha512 => Engine::Sha512(Sha512::new_512()),
            Alg::Sha3(k) => Engine::Sha3(Sha3::new(k)),
            Alg::Blake2b => Engine::Blake2b(Blake2b::new(&Params::plain(64))),
            Alg::Blake2s => Engine::Blake2s(Blake2s::new(&Params::plain(32))),
        }
    }
}

/// The streaming state of one hash object.
#[derive(Clone)]
pub(crate) enum Engine {
    Md5(Md5),
    Sha1(Sha1),
    Sha256(Sha256),
    Sha512(Sha512),
    Sha3(Sha3),
    Blake2b(Blake2b),
    Blake2s(Blake2s),
}

impl Engine {
    pub(crate) fn update(&mut self, d: &[u8]) {
        match self {
            Engine::Md5(h) => h.update(d),
            Engine::Sha1(h) => h.update(d),
            Engine::Sha256(h) => h.update(d),
            Engine::Sha512(h) => h.update(d),
            Engine::Sha3(h) => h.update(d),
            Engine::Blake2b(h) => h.update(d),
            Engine::Blake2s(h) => h.update(d),
        }
    }

    /// The digest (SHAKE: `len` bytes of output).
    fn finish(&self, len: usize) -> Vec<u8> {
        match self {
            Engine::Md5(h) => h.finish(),
            Engine::Sha1(h) => h.finish(),
            Engine::Sha256(h) => h.finish(),
            Engine::Sha512(h) => h.finish(),
            Engine::Sha3(h) if h.digest_size() > 0 => h.digest(),
            Engine::Sha3(h) => h.finish(len),
            Engine::Blake2b(h) => h.finish(),
            Engine::Blake2s(h) => h.finish(),
        }
    }

    fn digest_size(&self) -> usize {
        match self {
            Engine::Md5(_) => 16,
            Engine::Sha1(_) => 20,
            Engine::Sha256(h) => h.digest_size(),
            Engine::Sha512(h) => h.digest_size(),
            Engine::Sha3(h) => h.digest_size(),
            Engine::Blake2b(h) => h.digest_size(),
            Engine::Blake2s(h) => h.digest_size(),
        }
    }

    fn block_size(&self) -> usize {
        match self {
            Engine::Md5(_) | Engine::Sha1(_) | Engine::Sha256(_) | Engine::Blake2s(_) => 64,
            Engine::Sha512(_) | Engine::Blake2b(_) => 128,
            Engine::Sha3(h) => h.rate(),
        }
    }
}

/// The native payload of every hash object.
pub(crate) struct HashObj {
    alg: Alg,
    eng: RefCell<Engine>,
}

impl HashObj {
    pub(crate) fn new(alg: Alg, eng: Engine) -> HashObj {
        HashObj {
            alg,
            eng: RefCell::new(eng),
        }
    }
}

/// `self` of a method of `alg`'s type, or CPython's descriptor error.
fn this<'a>(vm: &Vm, a: &Args<'a>, alg: Alg, meth: &str) -> PyResult<&'a HashObj> {
    match a.pos.first().and_then(|v| native::<HashObj>(v)) {
        Some(h) if h.alg == alg => Ok(h),
        _ => {
            let got = a
                .pos
                .first()
                .map_or_else(|| "NoneType".into(), |v| vm.type_name(v));
            Err(vm.new_type_error(&format!(
                "descriptor '{meth}' for '{}.{}' objects doesn't apply to a '{got}' object",
                alg.module(),
                alg.type_name()
            )))
        }
    }
}

/// The arguments after `self`.
fn rest<'a>(a: &Args<'a>) -> Args<'a> {
    Args {
        pos: a.pos.get(1..).unwrap_or(&[]),
        kw: a.kw,
    }
}

/// Feeds the data argument `v` to `eng`, with the messages of CPython's
/// `GET_BUFFER_VIEW_OR_ERROUT`; `bytes` are hashed in place, other buffers through a copy.
pub(crate) fn feed(vm: &Vm, eng: &mut Engine, v: &Value) -> PyResult<()> {
    if let Some(Payload::Bytes(b)) = v.payload() {
        eng.update(b);
        return Ok(());
    }
    if v.as_str().is_some() {
        return Err(vm.new_type_error("Strings must be encoded before hashing"));
    }
    let d = vm
        .bytes_like(v)
        .map_err(|_| vm.new_type_error("object supporting the buffer API required"))?;
    eng.update(&d);
    Ok(())
}

/// Lowercase hex of `b`.
fn hex(b: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(2 * b.len());
    for x in b {
        s.push(char::from(DIGITS[usize::from(x >> 4)]));
        s.push(char::from(DIGITS[usize::from(x & 15)]));
    }
    s
}

/// An `unsigned long` argument (`_PyLong_UnsignedLong_Converter` on a 64-bit build).
pub(crate) fn ulong_arg(vm: &Vm, v: &Value, what: &str) -> PyResult<u64> {
    use num_traits::{Signed, ToPrimitive};
    let Some(b) = vm.as_bigint(v) else {
        return Err(vm.new_type_error("an integer is required"));
    };
    if b.is_negative() {
        return Err(vm.new_value_error("value must be positive"));
    }
    b.to_u64().ok_or_else(|| {
        vm.new_overflow_error(&format!("Python int too large to convert to C {what}"))
    })
}

/// The length argument of SHAKE's `digest` / `hexdigest`.
fn shake_len(vm: &Vm, a: &Args<'_>, qual: &str) -> PyResult<usize> {
    let v = super::one(vm, &rest(a), qual)?;
    let n = ulong_arg(vm, &v, "unsigned long")?;
    if n >= 1 << 29 {
        return Err(vm.new_value_error("length is too large"));
    }
    usize::try_from(n).map_err(|_| vm.new_value_error("length is too large"))
}

/// A read-only attribute of hash objects: its name and how it is computed.
type Getter = (&'static str, fn(&mut Vm, &HashObj) -> Value);

/// A new class for `alg` with its methods and attributes; `copy` makes instances of it.
pub(crate) fn hash_type(vm: &mut Vm, alg: Alg) -> PyResult<ObjRef> {
    let tname = alg.type_name();
    let cls = new_type(vm, alg.module(), tname, &[])?;
    let qual = |m: &str| format!("{tname}.{m}");
    let q = qual("update");
    add_method(vm, &cls, "update", move |vm, a| {
        let h = this(vm, &a, alg, "update")?;
        let v = super::one(vm, &rest(&a), &q)?;
        feed(vm, &mut h.eng.borrow_mut(), &v)?;
        Ok(Value::None)
    });
    let shake = matches!(alg, Alg::Sha3(k) if k.is_shake());
    for (meth, is_hex) in [("digest", false), ("hexdigest", true)] {
        let q = qual(meth);
        add_method(vm, &cls, meth, move |vm, a| {
            let h = this(vm, &a, alg, meth)?;
            let len = if shake {
                shake_len(vm, &a, &q)?
            } else {
                super::none(vm, &rest(&a), &q)?;
                0
            };
            let d = h.eng.borrow().finish(len);
            Ok(if is_hex {
                vm.new_string(hex(&d))
            } else {
                vm.new_bytes(d)
            })
        });
    }
    let q = qual("copy");
    let ccls = cls.clone();
    add_method(vm, &cls, "copy", move |vm, a| {
        let h = this(vm, &a, alg, "copy")?;
        if alg.md_family() {
            if a.pos.len() > 1 || !a.kw.is_empty() {
                return Err(vm.new_type_error("copy() takes no arguments"));
            }
        } else {
            super::none(vm, &rest(&a), &q)?;
        }
        let st = HashObj::new(alg, h.eng.borrow().clone());
        Ok(alloc_native(vm, &ccls, &ccls, st))
    });
    let getters: [Getter; 3] = [
        ("name", |vm, h| vm.new_str(h.alg.name())),
        ("digest_size", |_, h| {
            size_value(h.eng.borrow().digest_size())
        }),
        ("block_size", |_, h| size_value(h.eng.borrow().block_size())),
    ];
    let sha3_getters: [Getter; 3] = [
        ("_capacity_bits", |_, h| {
            size_value(1600 - 8 * h.eng.borrow().block_size())
        }),
        ("_rate_bits", |_, h| {
            size_value(8 * h.eng.borrow().block_size())
        }),
        ("_suffix", |vm, h| {
            let shake = matches!(h.alg, Alg::Sha3(k) if k.is_shake());
            vm.new_bytes(vec![if shake { 0x1f } else { 0x06 }])
        }),
    ];
    let extra: &[Getter] = if matches!(alg, Alg::Sha3(_)) {
        &sha3_getters
    } else {
        &[]
    };
    for &(attr, get) in getters.iter().chain(extra) {
        let f = native_fn(vm, alg.module(), attr, move |vm, a| {
            let h = this(vm, &a, alg, attr)?;
            Ok(get(vm, h))
        });
        add_getter(vm, &cls, attr, f);
    }
    Ok(cls)
}

/// A small size as an `int`.
fn size_value(n: usize) -> Value {
    Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Makes `cls` refuse direct instantiation (`cannot create '_md5.md5' instances`).
fn not_instantiable(vm: &mut Vm, cls: &ObjRef, alg: Alg) {
    let msg = format!(
        "cannot create '{}.{}' instances",
        alg.module(),
        alg.type_name()
    );
    vm.set_constructor(cls, move |vm, _a| Err(vm.new_type_error(&msg)));
}

/// A new hash object of `alg` from a constructor's bound `(data, usedforsecurity)`: the flag
/// is only checked for truth, the data fed.
fn started(vm: &mut Vm, alg: Alg, p: &[Option<Value>]) -> PyResult<HashObj> {
    if let Some(v) = p.get(1).and_then(Option::as_ref) {
        vm.is_true(v)?;
    }
    let mut eng = alg.fresh();
    if let Some(v) = p.first().and_then(Option::as_ref) {
        feed(vm, &mut eng, v)?;
    }
    Ok(HashObj::new(alg, eng))
}

/// Adds the constructor function `md5(string=b'', *, usedforsecurity=True)` (and the type as
/// `type_attr`) of one of the older hash modules to `m`.
fn add_md_family(vm: &mut Vm, m: &ObjRef, alg: Alg, type_attr: &str) -> PyResult<()> {
    let cls = hash_type(vm, alg)?;
    not_instantiable(vm, &cls, alg);
    let hcls = cls.clone();
    let fname = alg.name();
    add_fn(vm, m, fname, move |vm, a| {
        clinic_check(vm, &a, fname, 2, None)?;
        let p = super::bind_new(vm, &a, fname, &["string", "usedforsecurity"], 0, 1)?;
        let obj = started(vm, alg, &p)?;
        Ok(alloc_native(vm, &hcls, &hcls, obj))
    });
    vm.set_module_attr(m, type_attr, Value::Obj(cls));
    Ok(())
}

fn build_md5(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    add_md_family(vm, &m, Alg::Md5, "MD5Type")?;
    Ok(m)
}

fn build_sha1(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    add_md_family(vm, &m, Alg::Sha1, "SHA1Type")?;
    Ok(m)
}

fn build_sha2(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    for alg in [Alg::Sha224, Alg::Sha256, Alg::Sha384, Alg::Sha512] {
        add_md_family(vm, &m, alg, alg.type_name())?;
    }
    Ok(m)
}

/// The argument checks clinic's keyword unpacking makes before binding, in its order: too
/// many arguments in all (`md5() takes at most 2 arguments (3 given)`), too many positional
/// ones, then (when `allowed` is given: a positional-only `data`) an unknown keyword
/// (`'data' is an invalid keyword argument for sha3_224()`).
pub(crate) fn clinic_check(
    vm: &Vm,
    a: &Args<'_>,
    fname: &str,
    max_args: usize,
    allowed: Option<&[&str]>,
) -> PyResult<()> {
    let total = a.pos.len() + a.kw.len();
    if total > max_args {
        return Err(vm.new_type_error(&format!(
            "{fname}() takes at most {max_args} arguments ({total} given)"
        )));
    }
    if a.pos.len() > 1 {
        return Err(vm.new_type_error(&format!(
            "{fname}() takes at most 1 positional argument ({} given)",
            a.pos.len()
        )));
    }
    let Some(allowed) = allowed else {
        return Ok(());
    };
    match a.kw.iter().find(|(k, _)| !allowed.contains(&&**k)) {
        Some((k, _)) => Err(vm.new_type_error(&format!(
            "'{k}' is an invalid keyword argument for {fname}()"
        ))),
        None => Ok(()),
    }
}

fn build_sha3(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    for kind in [
        Sha3Kind::Sha3_224,
        Sha3Kind::Sha3_256,
        Sha3Kind::Sha3_384,
        Sha3Kind::Sha3_512,
        Sha3Kind::Shake128,
        Sha3Kind::Shake256,
    ] {
        let alg = Alg::Sha3(kind);
        let cls = hash_type(vm, alg)?;
        // Clinic names every SHA-3 constructor `sha3_224` in its argument errors.
        let fname = "sha3_224";
        let base = cls.clone();
        vm.set_constructor(&cls, move |vm, a| {
            let cls = super::ctor_cls(vm, &a)?;
            let args = rest(&a);
            clinic_check(vm, &args, fname, 2, Some(&["usedforsecurity"]))?;
            let p = super::bind_new(vm, &args, fname, &["data", "usedforsecurity"], 0, 1)?;
            let obj = started(vm, alg, &p)?;
            Ok(alloc_native(vm, &cls, &base, obj))
        });
        vm.set_module_attr(&m, alg.name(), Value::Obj(cls));
    }
    let imp = vm.new_str("HACL");
    vm.set_module_attr(&m, "implementation", imp);
    Ok(m)
}
