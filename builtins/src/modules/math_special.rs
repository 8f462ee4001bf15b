//! Numerical algorithms behind `math`: the Lanczos gamma/lgamma, accurate vector norms,
//! exact summation, IEEE remainder, stepping `nextafter`, and the C library functions whose
//! Rust counterparts use different algorithms (so results would differ in the last bit).

use num_bigint::BigInt;
use num_traits::ToPrimitive;

/// Why a computation failed, mapped to `ValueError('math domain error')` /
/// `OverflowError('math range error')` by the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MathErr {
    Domain,
    Range,
}

mod c {
    extern "C" {
        pub(super) fn erf(x: f64) -> f64;
        pub(super) fn erfc(x: f64) -> f64;
        pub(super) fn asinh(x: f64) -> f64;
        pub(super) fn acosh(x: f64) -> f64;
        pub(super) fn atanh(x: f64) -> f64;
    }
}

/// The C library's `erf` (CPython calls it directly).
pub(crate) fn erf(x: f64) -> f64 {
    // SAFETY: `erf` from the C math library is a pure function of one double; it reads and
    // writes no memory of ours (it may set the thread's errno, which nothing here reads).
    unsafe { c::erf(x) }
}

/// The C library's `erfc`.
pub(crate) fn erfc(x: f64) -> f64 {
    // SAFETY: pure C math function of one double, as for `erf`.
    unsafe { c::erfc(x) }
}

/// The C library's `asinh` (Rust's `f64::asinh` uses another formula).
pub(crate) fn asinh(x: f64) -> f64 {
    // SAFETY: pure C math function of one double, as for `erf`.
    unsafe { c::asinh(x) }
}

/// The C library's `acosh`.
pub(crate) fn acosh(x: f64) -> f64 {
    // SAFETY: pure C math function of one double, as for `erf`.
    unsafe { c::acosh(x) }
}

/// The C library's `atanh`.
pub(crate) fn atanh(x: f64) -> f64 {
    // SAFETY: pure C math function of one double, as for `erf`.
    unsafe { c::atanh(x) }
}

const PI: f64 = std::f64::consts::PI;
#[allow(clippy::excessive_precision)]
const LOG_PI: f64 = 1.144_729_885_849_400_2;

#[allow(clippy::excessive_precision)]
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
/// Numerator of the Lanczos sum as a rational function (N = 13, the Boost parameters).
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM: [f64; 13] = [
    23_531_376_880.410_759_688_572_007_674_451_636_754_734_846_804_94,
    42_919_803_642.649_098_768_957_899_047_001_988_850_926_355_848_959,
    35_711_959_237.355_668_049_440_185_451_547_166_705_960_488_635_843,
    17_921_034_426.037_209_699_919_755_754_458_931_112_671_403_265_39,
    6_039_542_586.352_028_005_064_291_644_307_297_921_069_938_842_070_8,
    1_439_720_407.311_721_673_663_223_072_794_912_393_971_548_578_677_2,
    248_874_557.862_054_156_511_460_386_413_229_423_216_321_251_278_01,
    31_426_415.585_400_194_380_614_231_628_318_205_362_874_684_987_64,
    2_876_370.628_935_372_441_225_409_051_620_849_613_599_114_537_876_8,
    186_056.265_395_223_495_040_294_989_716_045_699_282_207_842_363_28,
    8_071.672_002_365_816_210_638_002_902_272_250_613_821_851_632_502_4,
    210.824_277_751_579_345_872_509_733_920_713_362_711_669_695_802_91,
    2.506_628_274_631_000_270_164_908_177_133_837_338_626_431_079_340_8,
];
/// Denominator: the coefficients of x(x+1)…(x+11).
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39_916_800.0,
    120_543_840.0,
    150_917_976.0,
    105_258_076.0,
    45_995_730.0,
    13_339_535.0,
    2_637_558.0,
    357_423.0,
    32_670.0,
    1_925.0,
    66.0,
    1.0,
];

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// `sin(pi * x)`, accurate near integers (finite `x` only).
fn sinpi(x: f64) -> f64 {
    let y = x.abs() % 2.0;
    #[allow(clippy::cast_possible_truncation)]
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1.0f64.copysign(x) * r
}

/// `math.gamma`.
pub(crate) fn gamma(x: f64) -> Result<f64, MathErr> {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return Ok(x);
        }
        return Err(MathErr::Domain);
    }
    if x == 0.0 {
        return Err(MathErr::Domain);
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err(MathErr::Domain);
        }
        if x <= 23.0 {
            let mut f = 1.0;
            let mut i = 2.0;
            while i < x {
                f *= i;
                i += 1.0;
            }
            return Ok(f);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return if r.is_infinite() {
            Err(MathErr::Range)
        } else {
            Ok(r)
        };
    }
    if absx > 200.0 {
        if x < 0.0 {
            return Ok(0.0 / sinpi(x));
        }
        return Err(MathErr::Range);
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / sinpi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sq = y.powf(absx / 2.0 - 0.25);
            r /= sq;
            r /= sq;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sq = y.powf(absx / 2.0 - 0.25);
            r *= sq;
            r *= sq;
        }
    }
    if r.is_infinite() {
        return Err(MathErr::Range);
    }
    Ok(r)
}

/// `math.lgamma`.
pub(crate) fn lgamma(x: f64) -> Result<f64, MathErr> {
    if !x.is_finite() {
        if x.is_nan() {
            return Ok(x);
        }
        return Ok(f64::INFINITY);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return Err(MathErr::Domain);
        }
        return Ok(0.0);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-absx.ln());
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOG_PI - sinpi(absx).abs().ln() - absx.ln() - r;
    }
    if r.is_infinite() {
        return Err(MathErr::Range);
    }
    Ok(r)
}

/// IEEE 754 remainder: `x - n*y` with `n` the integer nearest `x/y` (ties to even).
pub(crate) fn remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let absx = x.abs();
        let absy = y.abs();
        let m = absx % absy;
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            m - 2.0 * ((0.5 * (absx - m)) % absy)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

/// Error-free product: `(hi, lo)` with `hi + lo == x * y` exactly.
fn dl_mul(x: f64, y: f64) -> (f64, f64) {
    let z = x * y;
    (z, x.mul_add(y, -z))
}

/// Error-free sum for `|a| >= |b|`.
fn dl_fast_sum(a: f64, b: f64) -> (f64, f64) {
    let x = a + b;
    (x, (a - x) + b)
}

/// Error-free sum of any two doubles.
fn dl_sum(a: f64, b: f64) -> (f64, f64) {
    let x = a + b;
    let z = x - a;
    (x, (a - (x - z)) + (b - z))
}

/// A sum kept in three doubles (for `sumprod`).
#[derive(Clone, Copy, Default)]
pub(crate) struct Triple {
    hi: f64,
    lo: f64,
    tiny: f64,
}

impl Triple {
    /// `self + x*y`, computed with extended precision.
    pub(crate) fn fma(self, x: f64, y: f64) -> Triple {
        let pr = dl_mul(x, y);
        let sm = dl_sum(self.hi, pr.0);
        let r1 = dl_sum(self.lo, pr.1);
        let r2 = dl_sum(r1.0, sm.1);
        Triple {
            hi: sm.0,
            lo: r2.0,
            tiny: self.tiny + r1.1 + r2.1,
        }
    }

    pub(crate) fn hi(self) -> f64 {
        self.hi
    }

    pub(crate) fn to_f64(self) -> f64 {
        let last = dl_sum(self.lo, self.hi);
        self.tiny + last.1 + last.0
    }
}

/// `frexp` for finite nonzero doubles: `x = m * 2**e`, `0.5 <= |m| < 1`.
pub(crate) fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// `2**k` for `-1022 <= k <= 1023` (exact).
fn pow2(k: i64) -> f64 {
    #[allow(clippy::cast_sign_loss)]
    let biased = (k.clamp(-1022, 1023) + 1023) as u64;
    f64::from_bits(biased << 52)
}

/// `ldexp(x, e)`: `x * 2**e` with a single rounding (into the subnormal range if needed).
pub(crate) fn ldexp(x: f64, e: i64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let (m, ex) = frexp(x);
    let t = i64::from(ex).saturating_add(e);
    if t > 1024 {
        return f64::INFINITY.copysign(x);
    }
    if t >= -1021 {
        return (m * 2.0) * pow2(t - 1);
    }
    if t < -1076 {
        return 0.0f64.copysign(x);
    }
    (m * pow2(t + 1022)) * pow2(-1022)
}

/// The Euclidean norm of `vec` (all finite, nonnegative, `max` the largest), computed as
/// CPython does: power-of-two scaling, exact squares, compensated sums and a final Newton
/// correction of the square root.
pub(crate) fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    if max_e < -1023 {
        for v in vec.iter_mut() {
            *v /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = ldexp(1.0, i64::from(-max_e));
    let mut csum = 1.0;
    let mut frac1 = 0.0;
    let mut frac2 = 0.0;
    for &v in vec.iter() {
        let x = v * scale;
        let pr = dl_mul(x, x);
        let sm = dl_fast_sum(csum, pr.0);
        csum = sm.0;
        frac1 += pr.1;
        frac2 += sm.1;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let pr = dl_mul(-h, h);
    let sm = dl_fast_sum(csum, pr.0);
    csum = sm.0;
    frac1 += pr.1;
    frac2 += sm.1;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// Exact-partials summation state for `math.fsum`.
#[derive(Default)]
pub(crate) struct FSum {
    partials: Vec<f64>,
    special: f64,
    inf: f64,
}

/// What went wrong while summing.
pub(crate) enum FSumErr {
    /// A finite addend made the partial sum overflow.
    Overflow,
    /// `inf` and `-inf` were both added.
    InfMinusInf,
}

impl FSum {
    pub(crate) fn add(&mut self, x0: f64) -> Result<(), FSumErr> {
        let mut x = x0;
        let mut i = 0;
        for j in 0..self.partials.len() {
            let mut y = self.partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                self.partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        self.partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if x0.is_finite() {
                    return Err(FSumErr::Overflow);
                }
                if x0.is_infinite() {
                    self.inf += x0;
                }
                self.special += x0;
                self.partials.clear();
            } else {
                self.partials.push(x);
            }
        }
        Ok(())
    }

    pub(crate) fn finish(&self) -> Result<f64, FSumErr> {
        if self.special != 0.0 {
            if self.inf.is_nan() {
                return Err(FSumErr::InfMinusInf);
            }
            return Ok(self.special);
        }
        let p = &self.partials;
        let mut n = p.len();
        let mut hi = 0.0;
        let mut lo = 0.0;
        if n > 0 {
            n -= 1;
            hi = p[n];
            while n > 0 {
                let x = hi;
                n -= 1;
                let y = p[n];
                hi = x + y;
                let yr = hi - x;
                lo = y - yr;
                if lo != 0.0 {
                    break;
                }
            }
            if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
                let y = lo * 2.0;
                let x = hi + y;
                let yr = x - hi;
                if y == yr {
                    hi = x;
                }
            }
        }
        Ok(hi)
    }
}

/// `nextafter(x, y)` taken `steps` times (saturating at `y`).
pub(crate) fn nextafter_steps(x: f64, y: f64, steps: u64) -> f64 {
    if steps == 0 || x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    let (ux, uy) = (x.to_bits(), y.to_bits());
    if ux == uy {
        return x;
    }
    let sign = 1u64 << 63;
    let ax = ux & !sign;
    let ay = uy & !sign;
    if (ux ^ uy) & sign != 0 {
        if ax + ay <= steps {
            y
        } else if ax < steps {
            f64::from_bits((uy & sign) | (steps - ax))
        } else {
            f64::from_bits(ux - steps)
        }
    } else if ax > ay {
        if ax - ay >= steps {
            f64::from_bits(ux - steps)
        } else {
            y
        }
    } else if ay - ax >= steps {
        f64::from_bits(ux + steps)
    } else {
        y
    }
}

/// One step of `nextafter` (C99 semantics).
pub(crate) fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { bits + 1 } else { bits - 1 })
}

/// A positive big integer as `(m, e)` with `value ≈ m * 2**e`, `0.5 <= m < 1`, `m` correctly
/// rounded to 53 bits.
pub(crate) fn bigint_frexp(b: &BigInt) -> (f64, i64) {
    let bits = b.bits();
    if bits <= 64 {
        let v = b.to_u64().unwrap_or(0);
        #[allow(clippy::cast_precision_loss)]
        let f = v as f64;
        let (m, e) = frexp(f);
        return (m, i64::from(e));
    }
    let shift = bits - 64;
    let mag = b.magnitude();
    let top = (mag >> shift).to_u64().unwrap_or(u64::MAX);
    let sticky = u64::from(mag.trailing_zeros().is_some_and(|tz| tz < shift));
    #[allow(clippy::cast_precision_loss)]
    let f = (top | sticky) as f64;
    let (m, e) = frexp(f);
    #[allow(clippy::cast_possible_wrap)]
    let shift = shift as i64;
    (m, i64::from(e) + shift)
}
