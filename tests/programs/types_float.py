# float: repr/str (shortest round-trip), round() with banker's rounding and
# ndigits, is_integer, as_integer_ratio, hex/fromhex, nan/inf comparisons,
# float() parsing, division semantics, and floor/mod of negatives.

vals = [0.1, 0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e-7, 123456789.123456789, 1e22, 1e23, 5e-324, 1.7976931348623157e308, -0.0, 100.0, 1.5e300 * 1.5e300]
print([repr(v) for v in vals])
print([str(v) for v in [1e15, 1e16, 0.0001, 0.00001, 12345678901234567.0, 2.5, -1.0]])
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5), round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2))
print(round(1234.5678, -2), round(1234.5678, 1), round(-0.5), type(round(2.5)).__name__, type(round(2.5, 0)).__name__, round(1e300, -299))
print((3.0).is_integer(), (3.5).is_integer(), (-0.0).is_integer(), float("inf").is_integer(), (1e300).is_integer())
print((0.5).as_integer_ratio(), (0.1).as_integer_ratio(), (-2.75).as_integer_ratio(), (0.0).as_integer_ratio(), (1e20).as_integer_ratio())
for bad in [float("inf"), float("nan")]:
    try:
        bad.as_integer_ratio()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print((1.0).hex(), (0.1).hex(), (-2.5).hex(), (0.0).hex(), (-0.0).hex(), (5e-324).hex(), float("inf").hex(), (1e300).hex())
print(float.fromhex("0x1.8p1"), float.fromhex("-0x1p-2"), float.fromhex("0x.8"), float.fromhex("inf"), float.fromhex("0x1.999999999999ap-4"))
try:
    float.fromhex("0xg")
except ValueError as e:
    print("ValueError:", e)
nan, inf = float("nan"), float("inf")
print(nan == nan, nan != nan, nan < 1, nan > 1, nan is nan, [nan] == [nan], (nan,) == (nan,), nan in [nan], float("nan") in [nan])
print(inf > 1e308, -inf < -1e308, inf == inf, inf - inf, inf * 0, inf + 1, -inf, abs(-inf), inf / inf, repr(nan), str(-inf))
print(max(1.0, nan), max(nan, 1.0), min(3.0, 2.0), sorted([3.0, 1.0, 2.0]), 0.0 == -0.0, str(-0.0), repr(0.0 * -1))
print(float("1.5"), float(" -2.5e-3 "), float("1_000.5"), float("infinity"), float("-Infinity"), float("nan"), float("+1E5"), float(".5"), float("5."))
for s in ["1.2.3", "", "1e", "0x10", "1__0", "inf inity", "- 1"]:
    try:
        float(s)
    except ValueError as e:
        print("ValueError:", e)
print(7.0 / 2, 7.0 // 2, -7.0 // 2, 7.0 % 2.5, -7.0 % 2.5, 7.0 % -2.5, divmod(-7.5, 2), divmod(7.5, -2), 2.0 ** 0.5, 4 ** 0.5, 8 ** (1 / 3), (-8) ** 2.0)
for bad in [lambda: 1.0 / 0, lambda: 1.0 // 0.0, lambda: 1.0 % 0.0, lambda: divmod(1.0, 0.0), lambda: 0.0 ** -1]:
    try:
        bad()
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
print(1e308 * 10, -1e308 * 10, 1e-320 / 1e10, 2.0 ** -1074, 2.0 ** -1075, 1e16 + 1, 0.1 * 3, 0.1 * 3 == 0.3, abs(0.1 * 3 - 0.3) < 1e-15)
print(int(2.9), int(-2.9), int(1e18), float(2 ** 63), float(10 ** 20) == 1e20, 1e20 == 10 ** 20, 0.5 == 1 / 2, 1 / 3 == 0.3333333333333333)
print(sum([0.1] * 10), sum([0.1] * 10) == 1.0, 1.1 + 2.2, 3 * 1.1, 1.2 - 1.0, 100 * 1.1, 0.1 + 0.7, 4.35 * 100, 9.95 * 10)
print(f"{1 / 7:.20f}", f"{2 / 3:.17g}", f"{1e-10:f}", f"{123.456:e}", f"{0.000123:g}", f"{1.0:.0%}", f"{1234.5:,.2f}", f"{-1.5:+.3f}")
print(float.__name__, (1.5).real, (1.5).imag, (1.5).conjugate(), 3.7 // 1, -3.7 // 1, 3.7 % 1 < 0.71, (2.5).__round__(), (2.5).__trunc__(), (2.5).__floor__(), (-2.5).__ceil__())
print(1.0 < 2, 2 > 1.5, 1 == 1.0, 2 ** 53 == 2.0 ** 53, 2 ** 53 + 1 > 2.0 ** 53, 10 ** 400 > inf, -(10 ** 400) < -inf, 3 < nan)
