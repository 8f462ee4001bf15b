//! Floor division and modulo of big integers, with a fast path for a small quotient.
//!
//! `num-bigint` divides large operands with Burnikel-Ziegler, which splits and re-joins the
//! operands' digit vectors; when dividend and divisor are about the same size (the quotient is
//! a few bits: `pidigits`' `(3*q + r) // t`), that copying costs several times the division
//! itself. Here such a quotient is estimated from the operands' top 128 bits, then corrected
//! with one multiply-subtract and at most a few subtractions: linear in the operands' size, like
//! CPython's schoolbook division on the same operands. A modulo by a power of two is a mask.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::Signed;

/// Divisors shorter than this many bits go to `num-bigint` directly (its small-divisor paths
/// are already linear).
const MIN_DIVISOR_BITS: u64 = 192;

/// The fast path takes quotients of at most this many bits.
const MAX_QUOTIENT_BITS: u64 = 48;

/// `floor(a / b)` and `a - floor(a / b) * b` (the remainder has `b`'s sign), as Python's
/// `divmod`. `b` must not be zero.
#[must_use]
pub fn div_mod_floor(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    match small_quotient(a.magnitude(), b.magnitude()) {
        Some((q, r)) => apply_signs(a.sign(), b.sign(), q, r, b.magnitude()),
        None => a.div_mod_floor(b),
    }
}

/// `floor(a / b)`. `b` must not be zero.
#[must_use]
pub fn div_floor(a: &BigInt, b: &BigInt) -> BigInt {
    match small_quotient(a.magnitude(), b.magnitude()) {
        Some((q, r)) => apply_signs(a.sign(), b.sign(), q, r, b.magnitude()).0,
        None => a.div_floor(b),
    }
}

/// `a mod b` with the sign of `b`. `b` must not be zero.
#[must_use]
pub fn mod_floor(a: &BigInt, b: &BigInt) -> BigInt {
    if b.is_positive() && b.trailing_zeros() == Some(b.bits().saturating_sub(1)) {
        // By a power of two (`% 2**64`): the low bits, in two's complement, which is the
        // floor modulo for a negative `a` too. No division.
        return a & (b - 1u32);
    }
    match small_quotient(a.magnitude(), b.magnitude()) {
        Some((q, r)) => apply_signs(a.sign(), b.sign(), q, r, b.magnitude()).1,
        None => a.mod_floor(b),
    }
}

/// Turns the magnitudes' quotient and remainder (`|a| = q*|b| + r`) into floor semantics.
fn apply_signs(sa: Sign, sb: Sign, q: u64, r: BigUint, ub: &BigUint) -> (BigInt, BigInt) {
    let neg_a = sa == Sign::Minus;
    let neg_b = sb == Sign::Minus;
    let zero_r = r.bits() == 0;
    let (q, r) = if neg_a == neg_b || zero_r {
        (BigInt::from(q), r)
    } else {
        // Signs differ and the division is inexact: round the quotient down (away from zero)
        // and take the remainder from the other end.
        (BigInt::from(q) + 1u32, ub - r)
    };
    let q = if neg_a == neg_b { q } else { -q };
    let r = BigInt::from_biguint(if neg_b { Sign::Minus } else { Sign::Plus }, r);
    (q, r)
}

/// `(|a| / |b|, |a| % |b|)` when `|b|` is large and the quotient is small; `None` otherwise.
fn small_quotient(ua: &BigUint, ub: &BigUint) -> Option<(u64, BigUint)> {
    let (abits, bbits) = (ua.bits(), ub.bits());
    if bbits < MIN_DIVISOR_BITS || abits > bbits + MAX_QUOTIENT_BITS {
        return None;
    }
    if abits < bbits {
        return Some((0, ua.clone()));
    }
    // Bits `shift..` of both: the divisor's top 64 bits and the dividend's top (at most 112).
    let shift = bbits - 64;
    let bt = u128::from(u64::try_from(top_bits(ub, shift)).ok()?);
    let at = top_bits(ua, shift);
    // `bt + 1` exceeds `|b| / 2^shift`, and `at` does not exceed `|a| / 2^shift`, so this never
    // overestimates the quotient; it is short by at most 2 (the divisor's truncation costs
    // less than one unit of a quotient below 2^48, the dividend's at most one more).
    let q0 = u64::try_from(at / (bt + 1)).ok()?;
    let mut r = ua - ub * q0;
    for q in q0..q0.saturating_add(4) {
        if r < *ub {
            return Some((q, r));
        }
        r -= ub;
    }
    None
}

/// Bits `shift .. shift + 128` of `x` (fewer if `x` is shorter).
fn top_bits(x: &BigUint, shift: u64) -> u128 {
    let word = usize::try_from(shift / 64).unwrap_or(usize::MAX);
    let off = shift % 64;
    let mut acc: u128 = 0;
    let mut got: u32 = 0;
    // Three 64-bit digits cover any 128-bit window that starts inside the first.
    for (i, d) in x.iter_u64_digits().skip(word).take(3).enumerate() {
        let d = u128::from(d);
        if i == 0 {
            acc = d >> off;
            got = 64 - u32::try_from(off).unwrap_or(0);
        } else if got < 128 {
            acc |= d << got;
            got += 64;
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn check(a: &BigInt, b: &BigInt) {
        let (q, r) = div_mod_floor(a, b);
        let (eq, er) = a.div_mod_floor(b);
        assert_eq!((&q, &r), (&eq, &er), "{a} divmod {b}");
        assert_eq!(div_floor(a, b), eq);
        assert_eq!(mod_floor(a, b), er);
    }

    /// A modulo by a power of two (the mask) agrees with num-bigint for both signs.
    #[test]
    fn power_of_two_modulo() {
        for k in [1u32, 63, 64, 65, 200] {
            let b = BigInt::from(1u32) << k;
            for a in [
                BigInt::from(0u32),
                BigInt::from(12345u32),
                (BigInt::from(1u32) << 300u32) + 7u32,
            ] {
                for a in [a.clone(), -a] {
                    check(&a, &b);
                    check(&a, &-b.clone());
                }
            }
        }
    }

    /// Every sign combination, exact and inexact divisions, quotients from 0 to 2^48 and
    /// divisors whose top word is all ones (the estimate's worst case) agree with num-bigint.
    #[test]
    fn agrees_with_num_bigint() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for bits in [192u64, 200, 255, 256, 320, 1000, 4096] {
            for qbits in [0u64, 1, 2, 3, 17, 40, 47, 48, 49, 60] {
                for round in 0..20 {
                    let mut b = BigUint::from(1u32) << (bits - 1);
                    for i in 0..(bits / 64) {
                        let d = if round % 4 == 0 { u64::MAX } else { next() };
                        b += BigUint::from(d) << (i * 64);
                    }
                    b = b.clone() % (BigUint::from(1u32) << bits);
                    if b.bits() == 0 {
                        continue;
                    }
                    let q = BigUint::from(next()) % (BigUint::from(1u32) << qbits.max(1));
                    let extra = if round % 3 == 0 {
                        BigUint::from(0u32)
                    } else {
                        BigUint::from(next()) % &b
                    };
                    let a = &b * &q + extra;
                    for (sa, sb) in [
                        (Sign::Plus, Sign::Plus),
                        (Sign::Minus, Sign::Plus),
                        (Sign::Plus, Sign::Minus),
                        (Sign::Minus, Sign::Minus),
                    ] {
                        let a = BigInt::from_biguint(sa, a.clone());
                        let b = BigInt::from_biguint(sb, b.clone());
                        check(&a, &b);
                        if a.bits() > 0 {
                            check(&b, &a);
                        }
                    }
                }
            }
        }
    }
}
