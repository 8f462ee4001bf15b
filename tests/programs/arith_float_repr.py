# Float arithmetic and the shortest round-tripping repr.

values = [0.0, -0.0, 1.0, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 10 / 4,
          1e16, 1e15, 123456789012345678.0, 1e-5, 1e-4, 0.0001234,
          1.5e300, 5e-324, 2.5, 3.14159, 100.0, 1e22, 1e23]
for v in values:
    print(repr(v), str(v), v)

print(0.1 * 3, 0.3, 0.1 * 3 == 0.3)
print(1.0 / 3.0 * 3.0)
print(2.0 ** 0.5, 2 ** 0.5, 10 ** -2, 4 ** 0.5)
print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2, 7.5 % -2)
print(-0.0 == 0.0, 0.0 * -1, -1 * 0.0)

inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, inf + 1, inf - inf, inf * 0)
print(nan == nan, nan != nan, inf == inf, inf > 1e308)
print(float("1e500"), float("-1e500"), float("  2.5  "), float("-12"))
print(1e308 * 10, -1e308 * 10)

# Mixed int / float arithmetic
print(1 + 2.0, 3 * 1.5, 7 / 2, 8 / 2, 9 // 2.0, 2 ** 10.0)
print(10 ** 20 / 3, 2 ** 70 * 1.0)
print(1 == 1.0, 2 < 2.5, 3 > 2.999, 10**16 == 1e16, 10**16 + 1 == 1e16)

# Rounding and formatting
for v in [0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1.005, 123.456]:
    print(v, round(v), round(v, 1), round(v, 2), round(v, -1))
print(round(1234.5678, -2), round(-1234.5678, 1))
print(format(1 / 3, ".5f"), format(2 / 3, "e"), format(1e10, "g"), format(12345.678, ",.2f"))
print("%.3f %10.2f %-8.1f| %e %g %g" % (3.14159, 2.5, 7.25, 12345.0, 0.00001, 1e20))

# Float errors caught
def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("div0", lambda: 1.0 / 0)
attempt("mod0", lambda: 1.0 % 0.0)
attempt("floordiv0", lambda: 5 // 0.0)
attempt("bigint", lambda: float(10 ** 400))
attempt("tiny pow", lambda: 2.0 ** -1074)
attempt("parse", lambda: float("abc"))
attempt("int(nan)", lambda: int(nan))
attempt("int(inf)", lambda: int(inf))

# Accumulation error
total = 0.0
for i in range(10):
    total += 0.1
print(total, total == 1.0, abs(total - 1.0) < 1e-9)
print(sum([0.1] * 10))

# is_integer and conversions
print((3.0).is_integer(), (3.5).is_integer(), int(3.99), int(-3.99))
print(float(7), float(-0), float(True), 7 / 7)
print(1e-7, 1.23e-7, 0.000001, 123456789.0, 1234567890123456.7)
