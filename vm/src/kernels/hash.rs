//! CPython's 64-bit hash functions (`sys.hash_info`: width 64, modulus 2**61 - 1,
//! algorithm siphash13, cutoff 0).

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// `sys.hash_info.modulus`: the Mersenne prime 2**61 - 1.
pub const MODULUS: u64 = (1u64 << 61) - 1;
/// `sys.hash_info.inf`: the hash of `float('inf')` (negated for `-inf`).
pub const HASH_INF: i64 = 314_159;
/// `sys.hash_info.imag`: the multiplier of the imaginary part of a complex.
pub const HASH_IMAG: u64 = 1_000_003;
/// `hash(None)` in CPython 3.12 (a constant since 3.12).
pub const HASH_NONE: i64 = 0xFCA8_6420;
/// What `hash(())`-style combiners return instead of -1 for a tuple.
const TUPLE_MINUS_ONE: i64 = 1_546_275_796;

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// -1 is CPython's error marker, so a computed -1 becomes -2.
#[inline]
fn fix_minus_one(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Apply a sign to a reduced magnitude (`0 <= m < MODULUS`).
#[inline]
fn signed(m: u64, negative: bool) -> i64 {
    // m < 2**61, so it always fits.
    let v = m as i64;
    fix_minus_one(if negative { -v } else { v })
}

/// `hash(n)` for an int that fits in 64 bits.
pub fn hash_i64(v: i64) -> i64 {
    signed(v.unsigned_abs() % MODULUS, v < 0)
}

/// `hash(b)` for a bool.
pub fn hash_bool(b: bool) -> i64 {
    i64::from(b)
}

/// `hash(n)` for an int of any size.
pub fn hash_bigint(v: &BigInt) -> i64 {
    if let Some(small) = v.to_i64() {
        return hash_i64(small);
    }
    let (sign, digits) = v.to_u64_digits();
    // Horner over 64-bit limbs, most significant first: acc = acc * 2**64 + limb (mod P).
    // 2**64 mod P == 2**3.
    let mut acc: u64 = 0;
    for limb in digits.iter().rev() {
        let shifted = mul_mod(acc, 8);
        acc = add_mod(shifted, *limb % MODULUS);
    }
    signed(acc, sign == Sign::Minus)
}

#[inline]
fn add_mod(a: u64, b: u64) -> u64 {
    let s = a + b; // both < 2**61
    if s >= MODULUS {
        s - MODULUS
    } else {
        s
    }
}

#[inline]
fn mul_mod(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b) % u128::from(MODULUS);
    // p < MODULUS < 2**61
    p as u64
}

/// `2**e mod P` for `0 <= e < 61`.
#[inline]
fn pow2_mod(e: u32) -> u64 {
    (1u64 << e) % MODULUS
}

/// `hash(x)` for a finite or infinite float. NaN hashes by identity in CPython 3.10+, so the
/// caller supplies that value (CPython uses the object's address); see [`hash_f64_with_nan`].
/// This function returns `None` for NaN.
pub fn hash_f64(x: f64) -> Option<i64> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 { HASH_INF } else { -HASH_INF });
    }
    if x == 0.0 {
        return Some(0);
    }
    let bits = x.to_bits();
    let negative = bits >> 63 == 1;
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    // x = mant * 2**exp exactly.
    let (mant, exp) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    // 2**61 == 1 (mod P), so 2**exp == 2**(exp mod 61).
    let e = exp.rem_euclid(61) as u32;
    let m = mul_mod(mant % MODULUS, pow2_mod(e));
    Some(signed(m, negative))
}

/// `hash(x)` for a float, with `nan_hash` used for NaN (CPython hashes the object's identity).
pub fn hash_f64_with_nan(x: f64, nan_hash: impl FnOnce() -> i64) -> i64 {
    hash_f64(x).unwrap_or_else(nan_hash)
}

/// CPython's `_Py_HashPointer`: the hash of an identity (rotated right by 4 bits).
pub fn hash_pointer(addr: u64) -> i64 {
    let rotated = addr.rotate_right(4) as i64;
    fix_minus_one(rotated)
}

/// Combine the hashes of a complex's parts.
pub fn hash_complex_parts(real: i64, imag: i64) -> i64 {
    let combined = (real as u64).wrapping_add(HASH_IMAG.wrapping_mul(imag as u64));
    fix_minus_one(combined as i64)
}

/// `hash(complex(re, im))`; `None` if either part is NaN (the caller supplies identity hashes).
pub fn hash_complex(re: f64, im: f64) -> Option<i64> {
    Some(hash_complex_parts(hash_f64(re)?, hash_f64(im)?))
}

/// Incremental form of the 3.12 tuple hash (xxHash-derived).
#[derive(Debug, Clone, Copy)]
pub struct TupleHasher {
    acc: u64,
    len: u64,
}

impl Default for TupleHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl TupleHasher {
    pub fn new() -> Self {
        TupleHasher {
            acc: XXPRIME_5,
            len: 0,
        }
    }
    /// Feed the hash of the next item.
    pub fn push(&mut self, item_hash: i64) {
        let lane = item_hash as u64;
        self.acc = self.acc.wrapping_add(lane.wrapping_mul(XXPRIME_2));
        self.acc = self.acc.rotate_left(31);
        self.acc = self.acc.wrapping_mul(XXPRIME_1);
        self.len += 1;
    }
    /// `hash(slice(a, b, c))` after pushing the three parts' hashes: the same mix as a
    /// tuple's, without the length.
    pub fn finish_slice(&self) -> i64 {
        if self.acc == u64::MAX {
            1_546_275_796
        } else {
            self.acc as i64
        }
    }

    pub fn finish(&self) -> i64 {
        let acc = self.acc.wrapping_add(self.len ^ (XXPRIME_5 ^ 3_527_539));
        if acc == u64::MAX {
            TUPLE_MINUS_ONE
        } else {
            acc as i64
        }
    }
}

/// `hash(t)` for a tuple whose items hash to `items`.
pub fn hash_tuple(items: impl IntoIterator<Item = i64>) -> i64 {
    let mut h = TupleHasher::new();
    for i in items {
        h.push(i);
    }
    h.finish()
}

/// The 128-bit key of the string/bytes hash (CPython randomizes it per process unless
/// `PYTHONHASHSEED` is set; `PYTHONHASHSEED=0` means the all-zero key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HashKey {
    pub k0: u64,
    pub k1: u64,
}

impl HashKey {
    pub const ZERO: HashKey = HashKey { k0: 0, k1: 0 };
}

/// SipHash-1-3 over `data` with `key` (the raw 64-bit result).
pub fn siphash13(key: HashKey, data: &[u8]) -> u64 {
    let mut v0 = key.k0 ^ 0x736f_6d65_7073_6575;
    let mut v1 = key.k1 ^ 0x646f_7261_6e64_6f6d;
    let mut v2 = key.k0 ^ 0x6c79_6765_6e65_7261;
    let mut v3 = key.k1 ^ 0x7465_6462_7974_6573;

    #[inline(always)]
    fn round(v0: &mut u64, v1: &mut u64, v2: &mut u64, v3: &mut u64) {
        *v0 = v0.wrapping_add(*v1);
        *v1 = v1.rotate_left(13);
        *v1 ^= *v0;
        *v0 = v0.rotate_left(32);
        *v2 = v2.wrapping_add(*v3);
        *v3 = v3.rotate_left(16);
        *v3 ^= *v2;
        *v0 = v0.wrapping_add(*v3);
        *v3 = v3.rotate_left(21);
        *v3 ^= *v0;
        *v2 = v2.wrapping_add(*v1);
        *v1 = v1.rotate_left(17);
        *v1 ^= *v2;
        *v2 = v2.rotate_left(32);
    }

    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(chunk);
        let m = u64::from_le_bytes(buf);
        v3 ^= m;
        round(&mut v0, &mut v1, &mut v2, &mut v3);
        v0 ^= m;
    }
    let rest = chunks.remainder();
    let mut last = [0u8; 8];
    last[..rest.len()].copy_from_slice(rest);
    let mut b = u64::from_le_bytes(last);
    b |= ((data.len() as u64) & 0xff) << 56;
    v3 ^= b;
    round(&mut v0, &mut v1, &mut v2, &mut v3);
    v0 ^= b;
    v2 ^= 0xff;
    for _ in 0..3 {
        round(&mut v0, &mut v1, &mut v2, &mut v3);
    }
    v0 ^ v1 ^ v2 ^ v3
}

/// `hash(b)` for a bytes-like object.
pub fn hash_bytes(key: HashKey, data: &[u8]) -> i64 {
    if data.is_empty() {
        return 0;
    }
    fix_minus_one(siphash13(key, data) as i64)
}

/// `hash(s)` for a str. CPython hashes its compact representation: one byte per character
/// if every character is < U+0100, two (little-endian) if all are < U+10000, else four.
pub fn hash_str(key: HashKey, s: &str) -> i64 {
    hash_code_points(key, s.chars().map(u32::from))
}

/// `hash(s)` for a str given as code points (allows lone surrogates).
pub fn hash_code_points<I>(key: HashKey, cps: I) -> i64
where
    I: Iterator<Item = u32> + Clone,
{
    let max = cps.clone().max().unwrap_or(0);
    let width = if max < 0x100 {
        1
    } else if max < 0x1_0000 {
        2
    } else {
        4
    };
    let mut buf: Vec<u8> = Vec::new();
    for c in cps {
        let b = c.to_le_bytes();
        buf.extend_from_slice(&b[..width]);
    }
    hash_bytes(key, &buf)
}

/// CPython's frozenset element-hash scrambler.
#[inline]
pub(crate) fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
}

/// Finish a frozenset hash from the xor of shuffled entry hashes and the size.
pub(crate) fn frozenset_finish(mut hash: u64, size: usize) -> i64 {
    hash ^= (size as u64 + 1).wrapping_mul(1_927_868_237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907_133_923);
    if hash == u64::MAX {
        590_923_713
    } else {
        hash as i64
    }
}

/// `hash(frozenset(...))` from the hashes of its elements (order-independent).
pub fn hash_frozenset(hashes: impl IntoIterator<Item = i64>) -> i64 {
    let mut acc = 0u64;
    let mut n = 0usize;
    for h in hashes {
        acc ^= shuffle_bits(h as u64);
        n += 1;
    }
    frozenset_finish(acc, n)
}
