# The math module: exact results, special values and CPython's error messages.
import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.sqrt(2), math.sqrt(16), math.exp(0), math.exp2(10), math.cbrt(-8))
print(math.log(100, 10), math.log(8, 2), math.log2(1024), math.log10(0.001))
print(math.log(2 ** 1000), math.log10(10 ** 400), math.log2(2 ** 2000))
print(round(math.sin(1), 12), round(math.cos(1), 12), round(math.tan(1), 12))
print(math.asin(0.5), math.acos(0.5), math.atan(1), math.atan2(1, -1))
print(math.atan2(math.inf, -math.inf), math.atan2(-0.0, -1.0))
print(round(math.sinh(1), 12), round(math.cosh(1), 12), round(math.tanh(0.5), 12))
print(round(math.asinh(1), 12), round(math.acosh(2), 12), round(math.atanh(0.5), 12))
print(round(math.erf(0.5), 12), round(math.erfc(0.5), 12), math.erf(0.0))
print(math.gamma(5), math.gamma(0.5), round(math.gamma(-0.5), 12), math.gamma(1.5))
print(round(math.lgamma(0.5), 12), round(math.lgamma(100), 9), math.lgamma(1), math.lgamma(2))

# Integer results, including big ints.
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.7), math.trunc(True))
print(math.floor(1e300) == 10 ** 300, math.ceil(10 ** 30), type(math.floor(3.0)).__name__)
print(math.isqrt(10 ** 40 + 12345), math.isqrt(99), math.isqrt(0))
print(math.comb(52, 5), math.comb(100, 50), math.comb(5, 7), math.comb(10 ** 20, 2))
print(math.perm(10, 3), math.perm(5), math.perm(5, 7), math.perm(6, None))
print(math.factorial(30), math.factorial(0), math.factorial(25) // math.factorial(23))
print(math.gcd(), math.gcd(12, 18, 27), math.gcd(-4), math.gcd(2 ** 100, 6 ** 50))
print(math.lcm(4, 6, 10), math.lcm(), math.lcm(0, 5), math.lcm(-3, 4))

# Accurate sums and norms.
print(math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), math.fsum([1e-16, 1, 1e16]))
print(math.prod([1, 2, 3, 4]), math.prod([1.5, 2]), math.prod(range(1, 30)), math.prod([], start=5))
print(math.prod([[1]], start=2), math.prod(['ab'], start=3))
print(math.sumprod([1, 2, 3], [4, 5, 6]), math.sumprod([0.1, 0.2], [3, 0.5]), math.sumprod([], []))
print(math.sumprod([10 ** 20, 2], [10 ** 20, 3]), math.sumprod([1, 2.5], [True, 3]))
print(math.dist((1, 2), (4, 6)), math.dist([0.1, 0.2, 0.3], [1, 2, 3]))
print(math.hypot(3, 4), math.hypot(1, 2, 3, 4), math.hypot(), math.hypot(-5))
print(math.hypot(1e-320, 1e-320), math.hypot(1e308, 1e308), math.hypot(math.inf, math.nan))

# Floating-point manipulation.
print(math.isclose(1.0, 1.0000000001), math.isclose(1, 1.1, rel_tol=0.2), math.isclose(0, 1e-10, abs_tol=1e-9))
print(math.isclose(math.inf, math.inf), math.isclose(math.nan, math.nan))
print(math.nextafter(1.0, 2.0), math.nextafter(0.0, -1.0), math.nextafter(1.0, 2.0, steps=3))
print(math.ulp(1.0), math.ulp(1e300), math.ulp(0.0), math.ulp(math.inf), math.ulp(1.7976931348623157e308))
print(math.copysign(3, -0.0), math.copysign(-2.5, 1), math.fabs(-3))
print(math.frexp(8.0), math.frexp(0.1), math.frexp(-0.0), math.frexp(5e-324))
print(math.ldexp(0.5, 4), math.ldexp(1.0, -1074), math.ldexp(1.0, -1075), math.ldexp(1.5, -1074))
print(math.ldexp(1.9, 1023), math.ldexp(3.0, -10 ** 30))
print(math.modf(3.75), math.modf(-3.75), math.modf(math.inf))
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(1, math.inf), -7 % 3)
print(math.remainder(7, 2), math.remainder(5, 2), math.remainder(-5, 2), math.remainder(1e300, 3))
print(math.degrees(math.pi), math.radians(180), math.isfinite(1e308), math.isinf(-math.inf), math.isnan(math.nan))
print(math.pow(2, 0.5), math.pow(math.nan, 0), math.pow(-2, 3), math.pow(-math.inf, 3), math.pow(0.5, -math.inf))
print(math.expm1(1e-10), math.log1p(1e-10), math.log(math.e))


class Floored:
    def __floor__(self):
        return 'floor!'

    def __ceil__(self):
        return 'ceil!'

    def __trunc__(self):
        return 'trunc!'


print(math.floor(Floored()), math.ceil(Floored()), math.trunc(Floored()))


def check(label, f, *args, **kw):
    try:
        print(label, f(*args, **kw))
    except Exception as e:
        print(label, type(e).__name__, e)


check('sqrt-1', math.sqrt, -1)
check('log0', math.log, 0)
check('log-big', math.log, -10 ** 400)
check('exp', math.exp, 1000)
check('cosh', math.cosh, 1000)
check('pow0', math.pow, 0, -1)
check('acos', math.acos, 2)
check('gamma0', math.gamma, 0)
check('gamma-2', math.gamma, -2)
check('lgamma', math.lgamma, -2)
check('atanh', math.atanh, 1)
check('ldexp', math.ldexp, 1.0, 10 ** 30)
check('fsum-inf', math.fsum, [math.inf, -math.inf])
check('fsum-over', math.fsum, [1e308, 1e308])
check('log-base1', math.log, 10, 1)
check('fmod', math.fmod, math.inf, 1)
check('remainder', math.remainder, 1, 0)
check('ceil-inf', math.ceil, math.inf)
check('floor-nan', math.floor, math.nan)
check('factorial-neg', math.factorial, -1)
check('factorial-float', math.factorial, 1.5)
check('isqrt', math.isqrt, -1)
check('comb', math.comb, -1, 2)
check('perm', math.perm, 2, -1)
check('nextafter', math.nextafter, 1, 2, steps=-1)
check('dist', math.dist, [1], [1, 2])
check('sumprod', math.sumprod, [1], [1, 2])
check('isclose', math.isclose, 1, 2, rel_tol=-1)
check('sqrt-str', math.sqrt, 'a')
check('trunc-str', math.trunc, 'a')
check('ldexp-float', math.ldexp, 1.0, 1.5)
check('sqrt-args', math.sqrt)
check('fmod-args', math.fmod, 1)
check('log-args', math.log)
check('prod-args', math.prod)
check('isclose-args', math.isclose, 1)
check('hypot-kw', math.hypot, 1, x=2)
check('gcd-float', math.gcd, 1.5)
print(math.sqrt, type(math.sqrt).__name__, math.__name__)
