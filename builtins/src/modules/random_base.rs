//! `_random.Random`: CPython's C base class of `random.Random` — the Mersenne Twister with
//! `random`, `seed`, `getstate`, `setstate` and `getrandbits` only. `random.py` builds every
//! distribution on top of these, so with a standard library the sequence equals CPython's.

use super::random_mt::Mt;
use super::{new_type, register};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;
use pyvm_vm::{Args, ObjRef, Payload, PyResult, Value, Vm};
use std::cell::RefCell;

pub(crate) fn install(vm: &mut Vm) {
    register(vm, &["_random"], build);
}

/// The generator state of one `_random.Random` instance.
struct Twister(RefCell<Mt>);

fn this<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a Twister> {
    super::this::<Twister>(vm, a, "_random.Random", meth)
}

fn rest<'a>(a: &Args<'a>) -> Args<'a> {
    Args {
        pos: a.pos.get(1..).unwrap_or(&[]),
        kw: a.kw,
    }
}

/// The key `random_seed` feeds to `init_by_array`: |n| for ints, the hash (as `size_t`) for
/// other objects, the clock and process for `None`.
fn seed_key(vm: &mut Vm, arg: Option<&Value>) -> PyResult<Vec<u32>> {
    let n: BigInt = match arg {
        None | Some(Value::None) => return Ok(super::random::time_seed()),
        Some(v) => match vm.as_bigint(v) {
            Some(b) => b,
            None => {
                let h = vm.hash(v)?;
                #[allow(clippy::cast_sign_loss)]
                BigInt::from(h as u64)
            }
        },
    };
    let words = n.magnitude().to_u32_digits();
    Ok(if words.is_empty() { vec![0] } else { words })
}

fn build(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = vm.new_module(name);
    let cls = new_type(vm, "_random", "Random", &[])?;
    let base = cls.clone();
    vm.set_constructor(&cls, move |vm, a| {
        let c = super::ctor_cls(vm, &a)?;
        let t = Twister(RefCell::new(Mt::new()));
        Ok(super::alloc_native(vm, &c, &base, t))
    });
    super::add_method(vm, &cls, "__init__", |vm, a| {
        let t = this(vm, &a, "__init__")?;
        let r = rest(&a);
        if !r.kw.is_empty() {
            return Err(vm.new_type_error("Random() takes no keyword arguments"));
        }
        if r.pos.len() > 1 {
            return Err(vm.new_type_error("Random() requires 0 or 1 argument"));
        }
        let key = seed_key(vm, r.pos.first())?;
        t.0.borrow_mut().init_by_array(&key);
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "seed", |vm, a| {
        let t = this(vm, &a, "seed")?;
        let r = rest(&a);
        let p = super::between(vm, &r, "seed", 0, 1)?;
        let key = seed_key(vm, p.first())?;
        t.0.borrow_mut().init_by_array(&key);
        Ok(Value::None)
    });
    super::add_method(vm, &cls, "random", |vm, a| {
        let t = this(vm, &a, "random")?;
        super::none(vm, &rest(&a), "random")?;
        let x = t.0.borrow_mut().random();
        Ok(Value::float(x))
    });
    super::add_method(vm, &cls, "getrandbits", |vm, a| {
        let t = this(vm, &a, "getrandbits")?;
        let v = super::one(vm, &rest(&a), "getrandbits")?;
        let k = vm.to_index(&v)?;
        if k < 0 {
            return Err(vm.new_value_error("number of bits must be non-negative"));
        }
        let k = usize::try_from(k).unwrap_or(usize::MAX);
        // CPython takes `k` as a C int; up to that, it builds the number (256 MiB at most).
        if k > i32::MAX as usize {
            return Err(vm.new_overflow_error("Python int too large to convert to C int"));
        }
        if k == 0 {
            return Ok(Value::Int(0));
        }
        vm.check_alloc(k / 8)?;
        let words = t.0.borrow_mut().getrandbits_words(k);
        Ok(vm.new_int_big(BigInt::from_slice(Sign::Plus, &words)))
    });
    super::add_method(vm, &cls, "getstate", |vm, a| {
        let t = this(vm, &a, "getstate")?;
        super::none(vm, &rest(&a), "getstate")?;
        let (words, idx) = {
            let mt = t.0.borrow();
            (mt.state, mt.index)
        };
        let mut items: Vec<Value> = words.iter().map(|w| Value::Int(i64::from(*w))).collect();
        items.push(Value::Int(i64::try_from(idx).unwrap_or(0)));
        Ok(vm.new_tuple(items))
    });
    super::add_method(vm, &cls, "setstate", |vm, a| {
        let t = this(vm, &a, "setstate")?;
        let state = super::one(vm, &rest(&a), "setstate")?;
        let Some(Payload::Tuple(items)) = state.payload() else {
            return Err(vm.new_type_error("state vector must be a tuple"));
        };
        let items = items.to_vec();
        if items.len() != 625 {
            return Err(vm.new_value_error("state vector is the wrong size"));
        }
        let mut words = [0u32; 624];
        for (slot, v) in words.iter_mut().zip(&items) {
            // `PyLong_AsUnsignedLong`, then a cast to 32 bits.
            let b = int_arg(vm, v)?;
            let w = b.to_u64().ok_or_else(|| {
                vm.new_overflow_error(if b.sign() == Sign::Minus {
                    "can't convert negative int to unsigned"
                } else {
                    "Python int too large to convert to C unsigned long"
                })
            })?;
            #[allow(clippy::cast_possible_truncation)]
            let w32 = w as u32;
            *slot = w32;
        }
        let idx = int_arg(vm, &items[624])?;
        let idx = match idx.to_usize() {
            Some(i) if i <= 624 => i,
            _ => return Err(vm.new_value_error("invalid state")),
        };
        let mut mt = t.0.borrow_mut();
        mt.state = words;
        mt.index = idx;
        Ok(Value::None)
    });
    vm.set_module_attr(&m, "Random", Value::Obj(cls));
    Ok(m)
}

/// An int element of a state tuple (`TypeError` otherwise, as `PyLong_AsUnsignedLong`).
fn int_arg(vm: &Vm, v: &Value) -> PyResult<BigInt> {
    vm.as_bigint(v).ok_or_else(|| {
        vm.new_type_error(&format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))
    })
}
