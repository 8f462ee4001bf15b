//! The iteration order CPython gives a set or frozenset loaded from marshal data.
//!
//! marshal writes a set's elements in iteration order, and reading it back adds them one by one
//! to a fresh set, so the order `repr()` shows depends on CPython's hash table: elements sit at
//! slot `hash & mask`, collisions probe a few neighbouring slots then jump pseudo-randomly, and the
//! table grows 4x when it is 3/5 full. We replay that with CPython's (64-bit) hash values.
//!
//! `str` and `bytes` hashes are randomized per process, so a set holding them (or anything else
//! whose hash is not a pure function of its value) keeps the stream order.

use crate::object::Obj;

/// The modulus of CPython's numeric hash on 64-bit builds: 2^61 - 1.
const MODULUS: u64 = (1 << 61) - 1;
/// `hash(float('inf'))`.
const HASH_INF: i64 = 314_159;
/// Multiplier of the imaginary part in a complex hash.
const HASH_IMAG: u64 = 1_000_003;
/// `hash(None)` in CPython 3.12.
const HASH_NONE: i64 = 0xFCA8_6420;

/// `-1` is reserved for errors in CPython, so hashes of -1 become -2.
fn fix_minus_one(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// The numeric hash of `sign * magnitude * 2^exp2` where `magnitude` is already reduced mod P.
fn numeric_hash(negative: bool, magnitude_mod_p: u64, exp2: i32) -> i64 {
    // 2^61 = 1 (mod P), so multiplying by 2^e is a rotation by e mod 61 bits.
    let shift = exp2.rem_euclid(61) as u32;
    let scaled = ((u128::from(magnitude_mod_p) << shift) % u128::from(MODULUS)) as i64;
    fix_minus_one(if negative { -scaled } else { scaled })
}

/// `hash(n)` for an int that fits in 64 bits.
pub fn int_hash(n: i64) -> i64 {
    numeric_hash(n < 0, n.unsigned_abs() % MODULUS, 0)
}

/// `hash(n)` for any int.
pub fn bigint_hash(n: &num_bigint::BigInt) -> i64 {
    use num_traits::ToPrimitive;
    let negative = n.sign() == num_bigint::Sign::Minus;
    let reduced = (n.magnitude() % MODULUS).to_u64().unwrap_or(0);
    numeric_hash(negative, reduced, 0)
}

/// `hash(x)` for a float; `None` for NaN, whose hash depends on the object's identity.
pub fn float_hash(x: f64) -> Option<i64> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 { HASH_INF } else { -HASH_INF });
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i32;
    let frac = bits & ((1 << 52) - 1);
    let (mant, exp2) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), biased - 1075)
    };
    Some(numeric_hash(x.is_sign_negative(), mant % MODULUS, exp2))
}

/// `hash(complex(re, im))`, if both parts have a value-determined hash.
pub fn complex_hash(re: f64, im: f64) -> Option<i64> {
    let r = float_hash(re)? as u64;
    let i = float_hash(im)? as u64;
    Some(fix_minus_one(
        r.wrapping_add(HASH_IMAG.wrapping_mul(i)) as i64
    ))
}

/// `hash(t)` for a tuple of the given element hashes (CPython's xxHash-based combination).
fn tuple_hash(lanes: &[i64]) -> i64 {
    const PRIME_1: u64 = 11_400_714_785_074_694_791;
    const PRIME_2: u64 = 14_029_467_366_897_019_727;
    const PRIME_5: u64 = 2_870_177_450_012_600_261;
    let mut acc = PRIME_5;
    for &lane in lanes {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(PRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(PRIME_1);
    }
    acc = acc.wrapping_add((lanes.len() as u64) ^ (PRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        1_546_275_796
    } else {
        acc as i64
    }
}

/// CPython's `hash()` of a constant, when it depends only on the value (not on the process's
/// hash randomization or on object addresses).
pub fn const_hash(obj: &Obj) -> Option<i64> {
    Some(match obj {
        Obj::None => HASH_NONE,
        Obj::False => 0,
        Obj::True => 1,
        Obj::Int(n) => int_hash(*n),
        Obj::Long(n) => bigint_hash(n),
        Obj::Float(x) => float_hash(*x)?,
        Obj::Complex { re, im } => complex_hash(*re, *im)?,
        Obj::Tuple(items) => {
            let lanes: Option<Vec<i64>> = items.iter().map(const_hash).collect();
            tuple_hash(&lanes?)
        }
        _ => return None,
    })
}

/// Length of linear probing before a perturbed jump (CPython's `LINEAR_PROBES`).
const LINEAR_PROBES: usize = 9;
/// Bits of the hash fed into each jump (CPython's `PERTURB_SHIFT`).
const PERTURB_SHIFT: u32 = 5;
/// Initial table size.
const MIN_SIZE: usize = 8;

/// A replay of CPython's set table, holding indices into the element slice.
struct Table {
    slots: Vec<Option<(i64, usize)>>,
    fill: usize,
}

impl Table {
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Finds the slot for `hash`: either an empty one or the one holding an equal element.
    fn probe(&self, hash: i64, mut is_equal: impl FnMut(usize) -> bool) -> Result<usize, usize> {
        let mask = self.mask();
        let mut perturb = hash as u64 as usize;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match self.slots.get(j).copied().flatten() {
                    None => return Err(j),
                    Some((h, idx)) if h == hash && is_equal(idx) => return Ok(j),
                    Some(_) => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        }
    }

    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![None; size]);
        for (hash, idx) in old.into_iter().flatten() {
            if let Err(slot) = self.probe(hash, |_| false) {
                self.slots[slot] = Some((hash, idx));
            }
        }
    }
}

/// The elements of a marshalled set in the order CPython iterates the loaded set.
pub fn set_order(items: &[Obj]) -> Vec<&Obj> {
    let Some(hashes) = items.iter().map(const_hash).collect::<Option<Vec<i64>>>() else {
        return items.iter().collect();
    };
    let mut table = Table {
        slots: vec![None; MIN_SIZE],
        fill: 0,
    };
    for (idx, &hash) in hashes.iter().enumerate() {
        match table.probe(hash, |other| items.get(other) == items.get(idx)) {
            Ok(_) => {} // already present
            Err(slot) => {
                table.slots[slot] = Some((hash, idx));
                table.fill += 1;
                if table.fill * 5 >= table.mask() * 3 {
                    let used = table.fill;
                    table.resize(if used > 50_000 { used * 2 } else { used * 4 });
                }
            }
        }
    }
    table
        .slots
        .iter()
        .flatten()
        .filter_map(|&(_, idx)| items.get(idx))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn hashes_match_cpython_64bit() {
        // Values from CPython 3.12 on a 64-bit build.
        assert_eq!(const_hash(&Obj::None), Some(4_238_894_112));
        assert_eq!(int_hash(-1), -2);
        assert_eq!(int_hash(-(1 << 61) + 1), 0);
        let big: num_bigint::BigInt = num_bigint::BigInt::from(1u128 << 64) + 5;
        assert_eq!(bigint_hash(&big), 13);
        assert_eq!(float_hash(1.5), Some(1_152_921_504_606_846_977));
        assert_eq!(float_hash(-2.25e300), Some(-450_396_331_449_893_256));
        assert_eq!(complex_hash(1.5, -2.0), Some(1_152_921_504_604_846_971));
        let t = Obj::Tuple(Arc::from(vec![Obj::Int(1), Obj::Int(2)]));
        assert_eq!(const_hash(&t), Some(-3_550_055_125_485_641_917));
        let nested = Obj::Tuple(Arc::from(vec![
            Obj::Int(1),
            Obj::Tuple(Arc::from(vec![Obj::Int(2), Obj::Int(3)])),
            Obj::Int(-1),
        ]));
        assert_eq!(const_hash(&nested), Some(-4_691_468_712_706_788_113));
    }

    #[test]
    fn replays_cpython_set_order() {
        let ints = |v: &[i64]| -> Vec<Obj> { v.iter().map(|&n| Obj::Int(n)).collect() };
        let order = |v: &[i64]| -> Vec<i64> {
            let items = ints(v);
            set_order(&items)
                .into_iter()
                .map(|o| match o {
                    Obj::Int(n) => *n,
                    _ => 0,
                })
                .collect()
        };
        // Seen in CPython 3.12: frozenset({10, 20, ..., 90}) iterates in this order.
        assert_eq!(
            order(&[10, 20, 30, 40, 50, 60, 70, 80, 90]),
            [70, 40, 10, 80, 50, 20, 90, 60, 30]
        );
        assert_eq!(order(&[-7, 0, 3, 8, 15, 42]), [0, 3, 8, 42, 15, -7]);
        assert_eq!(order(&[3, 3, 1]), [1, 3]);
    }
}
