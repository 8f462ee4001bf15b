//! Small native modules: `time`, `errno`, `gc`, `_thread`, `builtins` and `marshal`
//! (`_string`, `_weakref` / `weakref` and `_abc` are in `misc_ref`).

use super::{add_fn, none, one, register};
use pyvm_vm::{ObjRef, Payload, PyResult, Value, Vm, B64};
use std::cell::Cell;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["time"], build_time);
    register(vm, &["errno"], build_errno);
    register(vm, &["gc"], build_gc);
    register(vm, &["_thread"], build_thread);
    register(vm, &["marshal"], build_marshal);
    vm.register_module_factory("builtins", |vm| {
        let d = vm.builtins_dict().clone();
        Ok(vm.new_module_with_dict("builtins", d))
    });
    super::misc_ref::install(vm);
    misc_types::install(vm);
}

#[path = "misc_types.rs"]
mod misc_types;

thread_local! {
    static START: Instant = Instant::now();
    static GC_THRESHOLD: Cell<(i64, i64, i64)> = const { Cell::new((700, 10, 10)) };
}

fn since_start() -> std::time::Duration {
    START.with(Instant::elapsed)
}

fn unix_now() -> std::time::Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

fn ns(d: std::time::Duration) -> Value {
    Value::Int(i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

fn build_time(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let m = &m;
    // Touch the start instant so monotonic clocks count from module import at the latest.
    let _ = since_start();
    add_fn(vm, m, "time", |vm, a| {
        none(vm, &a, "time.time")?;
        Ok(Value::float(unix_now().as_secs_f64()))
    });
    add_fn(vm, m, "time_ns", |vm, a| {
        none(vm, &a, "time.time_ns")?;
        Ok(ns(unix_now()))
    });
    for fname in ["perf_counter", "monotonic", "process_time", "thread_time"] {
        add_fn(vm, m, fname, move |vm, a| {
            none(vm, &a, &format!("time.{fname}"))?;
            Ok(Value::float(since_start().as_secs_f64()))
        });
    }
    for fname in [
        "perf_counter_ns",
        "monotonic_ns",
        "process_time_ns",
        "thread_time_ns",
    ] {
        add_fn(vm, m, fname, move |vm, a| {
            none(vm, &a, &format!("time.{fname}"))?;
            Ok(ns(since_start()))
        });
    }
    add_fn(vm, m, "sleep", |vm, a| {
        let v = one(vm, &a, "time.sleep")?;
        let secs = match v {
            Value::Float(f) => f.get(),
            _ => {
                let i = vm.index_value(&v)?;
                vm.to_f64(&i)?
            }
        };
        if secs.is_nan() {
            return Err(vm.new_value_error("Invalid value NaN (not a number)"));
        }
        if secs < 0.0 {
            return Err(vm.new_value_error("sleep length must be non-negative"));
        }
        if secs > 1e9 {
            return Err(vm.new_overflow_error("sleep length is too large"));
        }
        vm.flush_stdout();
        std::thread::sleep(std::time::Duration::from_secs_f64(secs));
        Ok(Value::None)
    });
    super::time_fmt::install(vm, m)?;
    Ok(m.clone())
}

/// Linux errno values (CPython's `errno` module on Linux).
const ERRNO: &[(&str, i64)] = &[
    ("EPERM", 1),
    ("ENOENT", 2),
    ("ESRCH", 3),
    ("EINTR", 4),
    ("EIO", 5),
    ("ENXIO", 6),
    ("E2BIG", 7),
    ("ENOEXEC", 8),
    ("EBADF", 9),
    ("ECHILD", 10),
    ("EAGAIN", 11),
    ("ENOMEM", 12),
    ("EACCES", 13),
    ("EFAULT", 14),
    ("ENOTBLK", 15),
    ("EBUSY", 16),
    ("EEXIST", 17),
    ("EXDEV", 18),
    ("ENODEV", 19),
    ("ENOTDIR", 20),
    ("EISDIR", 21),
    ("EINVAL", 22),
    ("ENFILE", 23),
    ("EMFILE", 24),
    ("ENOTTY", 25),
    ("ETXTBSY", 26),
    ("EFBIG", 27),
    ("ENOSPC", 28),
    ("ESPIPE", 29),
    ("EROFS", 30),
    ("EMLINK", 31),
    ("EPIPE", 32),
    ("EDOM", 33),
    ("ERANGE", 34),
    ("EDEADLK", 35),
    ("ENAMETOOLONG", 36),
    ("ENOLCK", 37),
    ("ENOSYS", 38),
    ("ENOTEMPTY", 39),
    ("ELOOP", 40),
    ("ENOMSG", 42),
    ("EIDRM", 43),
    ("ENOSTR", 60),
    ("ENODATA", 61),
    ("ETIME", 62),
    ("ENOSR", 63),
    ("ENOLINK", 67),
    ("EPROTO", 71),
    ("EBADMSG", 74),
    ("EOVERFLOW", 75),
    ("EILSEQ", 84),
    ("EUSERS", 87),
    ("ENOTSOCK", 88),
    ("EDESTADDRREQ", 89),
    ("EMSGSIZE", 90),
    ("EPROTOTYPE", 91),
    ("ENOPROTOOPT", 92),
    ("EPROTONOSUPPORT", 93),
    ("ESOCKTNOSUPPORT", 94),
    ("EOPNOTSUPP", 95),
    ("EPFNOSUPPORT", 96),
    ("EAFNOSUPPORT", 97),
    ("EADDRINUSE", 98),
    ("EADDRNOTAVAIL", 99),
    ("ENETDOWN", 100),
    ("ENETUNREACH", 101),
    ("ENETRESET", 102),
    ("ECONNABORTED", 103),
    ("ECONNRESET", 104),
    ("ENOBUFS", 105),
    ("EISCONN", 106),
    ("ENOTCONN", 107),
    ("ESHUTDOWN", 108),
    ("ETOOMANYREFS", 109),
    ("ETIMEDOUT", 110),
    ("ECONNREFUSED", 111),
    ("EHOSTDOWN", 112),
    ("EHOSTUNREACH", 113),
    ("EALREADY", 114),
    ("EINPROGRESS", 115),
    ("ESTALE", 116),
    ("EDQUOT", 122),
    ("ECANCELED", 125),
    ("EOWNERDEAD", 130),
    ("ENOTRECOVERABLE", 131),
];

/// Names that alias another code (the first name of a code wins in `errorcode`).
const ERRNO_ALIASES: &[(&str, i64)] = &[("EWOULDBLOCK", 11), ("EDEADLOCK", 35), ("ENOTSUP", 95)];

fn build_errno(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let codes = vm.new_dict_obj();
    for (n, v) in ERRNO {
        vm.set_module_attr(&m, n, Value::Int(*v));
        let s = vm.new_str(n);
        vm.dict_set_item(&codes, Value::Int(*v), s)?;
    }
    for (n, v) in ERRNO_ALIASES {
        vm.set_module_attr(&m, n, Value::Int(*v));
    }
    vm.set_module_attr(&m, "errorcode", Value::Obj(codes));
    Ok(m)
}

fn build_gc(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let m = &m;
    // Frame-aware: a finalizer error the VM raises itself (a generator ignoring
    // `GeneratorExit`) is reported with the frame that called `gc.collect()`, as in CPython.
    let collect = vm.new_frame_function("collect", |vm, a| {
        let p = super::bind(vm, &a, "collect", &["generation"], 0, 0, 0)?;
        if let Some(g) = &p[0] {
            let g = vm.to_index(g)?;
            if !(0..=2).contains(&g) {
                return Err(vm.new_value_error("invalid generation"));
            }
        }
        let found = vm.gc_collect();
        Ok(Value::Int(i64::try_from(found).unwrap_or(i64::MAX)))
    });
    vm.set_module_attr(m, "collect", collect);
    add_fn(vm, m, "enable", |vm, a| {
        none(vm, &a, "gc.enable")?;
        vm.gc_set_enabled(true);
        Ok(Value::None)
    });
    add_fn(vm, m, "disable", |vm, a| {
        none(vm, &a, "gc.disable")?;
        vm.gc_set_enabled(false);
        Ok(Value::None)
    });
    add_fn(vm, m, "isenabled", |vm, a| {
        none(vm, &a, "gc.isenabled")?;
        Ok(Value::bool(vm.gc_is_enabled()))
    });
    add_fn(vm, m, "get_threshold", |vm, a| {
        none(vm, &a, "gc.get_threshold")?;
        let (x, y, z) = GC_THRESHOLD.with(Cell::get);
        Ok(vm.new_tuple(vec![Value::Int(x), Value::Int(y), Value::Int(z)]))
    });
    add_fn(vm, m, "set_threshold", |vm, a| {
        super::no_kw(vm, &a, "set_threshold")?;
        crate::args::range(vm, &a, "set_threshold", 1, 3)?;
        let mut t = GC_THRESHOLD.with(Cell::get);
        let vals: Vec<i64> = a
            .pos
            .iter()
            .map(|v| vm.to_index(v))
            .collect::<PyResult<_>>()?;
        if let Some(x) = vals.first() {
            t.0 = *x;
        }
        if let Some(y) = vals.get(1) {
            t.1 = *y;
        }
        if let Some(z) = vals.get(2) {
            t.2 = *z;
        }
        GC_THRESHOLD.with(|g| g.set(t));
        Ok(Value::None)
    });
    add_fn(vm, m, "get_count", |vm, a| {
        none(vm, &a, "gc.get_count")?;
        Ok(vm.new_tuple(vec![Value::Int(0), Value::Int(0), Value::Int(0)]))
    });
    add_fn(vm, m, "is_tracked", |vm, a| {
        let v = one(vm, &a, "gc.is_tracked")?;
        let tracked = !matches!(
            v.payload(),
            None | Some(
                Payload::Str(_) | Payload::BigInt(_) | Payload::Bytes(_) | Payload::Complex { .. }
            )
        );
        Ok(Value::bool(tracked))
    });
    add_fn(vm, m, "is_finalized", |vm, a| {
        one(vm, &a, "gc.is_finalized")?;
        Ok(Value::Bool(B64::FALSE))
    });
    for fname in ["freeze", "unfreeze"] {
        add_fn(vm, m, fname, |_vm, _a| Ok(Value::None));
    }
    add_fn(vm, m, "get_freeze_count", |_vm, _a| Ok(Value::Int(0)));
    add_fn(vm, m, "get_referrers", |vm, _a| Ok(vm.new_list(Vec::new())));
    add_fn(vm, m, "get_referents", |vm, _a| Ok(vm.new_list(Vec::new())));
    let garbage = vm.new_list(Vec::new());
    vm.set_module_attr(m, "garbage", garbage);
    let callbacks = vm.new_list(Vec::new());
    vm.set_module_attr(m, "callbacks", callbacks);
    for (n, v) in [
        ("DEBUG_STATS", 1),
        ("DEBUG_COLLECTABLE", 2),
        ("DEBUG_UNCOLLECTABLE", 4),
        ("DEBUG_SAVEALL", 32),
        ("DEBUG_LEAK", 38),
    ] {
        vm.set_module_attr(m, n, Value::Int(v));
    }
    Ok(m.clone())
}

/// A lock: single-threaded, so acquiring an unlocked lock always succeeds.
struct Lock {
    locked: Cell<bool>,
    /// For `RLock`: recursion depth (`None` for plain locks).
    count: Option<Cell<u64>>,
}

fn lock_state<'a>(vm: &Vm, a: &pyvm_vm::Args<'a>) -> PyResult<&'a Lock> {
    super::this::<Lock>(vm, a, "lock", "acquire")
}

fn lock_class(vm: &mut Vm, m: &ObjRef, name: &str, reentrant: bool) -> PyResult<ObjRef> {
    let cls = super::new_type(vm, "_thread", name, &[])?;
    let base = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        let l = Lock {
            locked: Cell::new(false),
            count: reentrant.then(|| Cell::new(0)),
        };
        Ok(super::alloc_native(vm, &c, &base, l))
    });
    for meth in ["acquire", "__enter__", "acquire_lock"] {
        super::add_method(vm, &cls, meth, |vm, a| {
            let l = lock_state(vm, &a)?;
            let rest = pyvm_vm::Args {
                pos: a.pos.get(1..).unwrap_or(&[]),
                kw: a.kw,
            };
            let p = super::bind(vm, &rest, "acquire", &["blocking", "timeout"], 0, 0, 0)?;
            let blocking = crate::args::flag(vm, p[0].as_ref(), true)?;
            if let Some(c) = &l.count {
                c.set(c.get() + 1);
                l.locked.set(true);
                return Ok(Value::Bool(B64::TRUE));
            }
            if l.locked.get() {
                if blocking && p[1].as_ref().map_or(true, |t| matches!(t, Value::Int(-1))) {
                    return Err(vm.new_runtime_error(
                        "deadlock: acquiring a held lock in a single-threaded VM",
                    ));
                }
                return Ok(Value::Bool(B64::FALSE));
            }
            l.locked.set(true);
            Ok(Value::Bool(B64::TRUE))
        });
    }
    for meth in ["release", "__exit__", "release_lock"] {
        super::add_method(vm, &cls, meth, |vm, a| {
            let l = lock_state(vm, &a)?;
            if !l.locked.get() {
                let msg = if l.count.is_some() {
                    "cannot release un-acquired lock"
                } else {
                    "release unlocked lock"
                };
                return Err(vm.new_runtime_error(msg));
            }
            match &l.count {
                Some(c) => {
                    c.set(c.get().saturating_sub(1));
                    if c.get() == 0 {
                        l.locked.set(false);
                    }
                }
                None => l.locked.set(false),
            }
            Ok(Value::None)
        });
    }
    if !reentrant {
        super::add_method(vm, &cls, "locked", |vm, a| {
            Ok(Value::bool(lock_state(vm, &a)?.locked.get()))
        });
    }
    vm.set_module_attr(m, name, Value::Obj(cls.clone()));
    Ok(cls)
}

fn build_thread(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let m = &m;
    let lock = lock_class(vm, m, "lock", false)?;
    vm.set_module_attr(m, "LockType", Value::Obj(lock.clone()));
    lock_class(vm, m, "RLock", true)?;
    for fname in ["allocate_lock", "allocate"] {
        let l = lock.clone();
        add_fn(vm, m, fname, move |vm, a| {
            none(vm, &a, fname)?;
            vm.call(&Value::Obj(l.clone()), &[])
        });
    }
    add_fn(vm, m, "get_ident", |_vm, _a| Ok(Value::Int(1)));
    add_fn(vm, m, "get_native_id", |_vm, _a| {
        Ok(Value::Int(i64::from(std::process::id())))
    });
    add_fn(vm, m, "_count", |_vm, _a| Ok(Value::Int(0)));
    add_fn(vm, m, "daemon_threads_allowed", |_vm, _a| {
        Ok(Value::Bool(B64::TRUE))
    });
    // `threading` takes the main thread's "state lock" from here: a fresh lock.
    add_fn(vm, m, "_set_sentinel", |vm, a| {
        none(vm, &a, "_set_sentinel")?;
        let t = vm.import_module("_thread")?;
        let f = vm.getattr_str(&t, "allocate_lock")?;
        vm.call(&f, &[])
    });
    add_fn(vm, m, "start_new_thread", |vm, _a| {
        Err(vm.new_runtime_error("can't start new thread"))
    });
    add_fn(vm, m, "stack_size", |_vm, _a| Ok(Value::Int(0)));
    vm.set_module_attr(m, "TIMEOUT_MAX", Value::float(9_223_372_036.0));
    let rt = Value::Obj(vm.types().exc.runtime_error.clone());
    vm.set_module_attr(m, "error", rt);
    Ok(m.clone())
}

/// A value as a marshallable loader object (`None` when it cannot be marshalled).
fn to_obj(vm: &Vm, v: &Value, depth: usize) -> Option<pyvm_loader::Obj> {
    use pyvm_loader::Obj;
    use std::sync::Arc;
    if depth > 2000 {
        return None;
    }
    let seq = |items: &[Value]| -> Option<Arc<[Obj]>> {
        items
            .iter()
            .map(|x| to_obj(vm, x, depth + 1))
            .collect::<Option<Vec<_>>>()
            .map(Arc::from)
    };
    Some(match v {
        Value::None => Obj::None,
        Value::Bool(b) if b.get() => Obj::True,
        Value::Bool(_) => Obj::False,
        Value::Int(i) => Obj::Int(*i),
        Value::Float(f) => Obj::Float(f.get()),
        Value::Null => return None,
        Value::Obj(o) => match &o.payload {
            Payload::Str(s) => Obj::Str(pyvm_loader::PyStr::from(&*s.s)),
            Payload::BigInt(b) => Obj::Long(Arc::new(b.clone())),
            Payload::Complex { re, im } => Obj::Complex { re: *re, im: *im },
            Payload::Bytes(b) => Obj::Bytes(Arc::from(&b[..])),
            Payload::ByteArray(b) => Obj::Bytes(Arc::from(&b.borrow()[..])),
            Payload::Tuple(t) => Obj::Tuple(seq(t)?),
            Payload::List(l) => Obj::List(seq(&l.borrow().to_vec())?),
            Payload::Set(_) | Payload::FrozenSet(_) => {
                let items = vm.set_items(v);
                let s = seq(&items)?;
                if matches!(o.payload, Payload::Set(_)) {
                    Obj::Set(s)
                } else {
                    Obj::FrozenSet(s)
                }
            }
            Payload::Dict(_) => {
                let mut pairs = Vec::new();
                for (k, x) in vm.dict_items(v) {
                    pairs.push((to_obj(vm, &k, depth + 1)?, to_obj(vm, &x, depth + 1)?));
                }
                Obj::Dict(Arc::from(pairs))
            }
            Payload::Code(c) => Obj::Code(c.raw.clone()),
            Payload::Ellipsis => Obj::Ellipsis,
            _ => {
                if o.as_type().is_some()
                    && Value::Obj(o.clone()).is(&Value::Obj(vm.types().exc.stop_iteration.clone()))
                {
                    Obj::StopIteration
                } else {
                    return None;
                }
            }
        },
    })
}

fn build_marshal(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let m = &m;
    vm.set_module_attr(m, "version", Value::Int(4));
    add_fn(vm, m, "dumps", |vm, a| {
        let p = super::bind(
            vm,
            &a,
            "dumps",
            &["value", "version", "allow_code"],
            2,
            1,
            0,
        )?;
        let v = p[0].clone().unwrap_or_default();
        match to_obj(vm, &v, 0) {
            Some(o) => Ok(vm.new_bytes(pyvm_loader::dumps(&o))),
            None => Err(vm.new_value_error("unmarshallable object")),
        }
    });
    add_fn(vm, m, "loads", |vm, a| {
        let p = super::bind(vm, &a, "loads", &["bytes", "allow_code"], 1, 1, 0)?;
        let data = vm.bytes_like(p[0].as_ref().unwrap_or(&Value::None))?;
        if data.is_empty() {
            return Err(vm.new_exception_msg(
                &vm.types().exc.eof_error.clone(),
                "EOF read where object expected",
            ));
        }
        match pyvm_loader::loads(&data) {
            Ok(o) => vm.value_from_obj(&o),
            Err(e) => Err(vm.new_value_error(&format!("bad marshal data ({e})"))),
        }
    });
    Ok(m.clone())
}
