# Conversions between int, float, str and bool, with edge cases: rounding
# direction, large values, string forms, underscores, and errors.

for v in [0.0, 0.4, 0.5, 0.6, 1.5, -0.5, -1.5, -2.7, 1e10, 1.9999999999999998, 123456789.987]:
    print(v, int(v), round(v), float(int(v)), str(v), repr(float(str(v))))

for s in ["0", "-0", "+12", " 34 ", "1_000", "007", "0_1", "99999999999999999999", "-123456789012345678901"]:
    print(repr(s), int(s))

for s in ["1.5", "-0.0", "1e3", "1E-3", " .5", "5.", "1_0.2_5", "inf", "-Infinity", "nan", "1e400", "-1e-400", "12"]:
    print(repr(s), float(s))

print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0xff", 0), int("777", 8), int("0o777", 0), int("11", 2), int("z", 36), int("Z", 36))
print(str(255), hex(255), oct(255), bin(255), format(255, "x"), format(255, "08b"), f"{255:#o}")
print(int(hex(12345), 16), int(oct(12345), 8), int(bin(12345), 2), int(str(-9876)))

# float -> str -> float round trip for a range of values
vals = [i / 7 for i in range(-5, 6)] + [10 ** k / 3 for k in range(-5, 20, 4)]
print(all(float(repr(v)) == v for v in vals))
for v in vals[:5]:
    print(repr(v), "%.3f" % v, "%.10g" % v, "%e" % v, round(v, 3))

# int <-> float precision limits
big = 2 ** 53
print(float(big), float(big + 1), int(float(big + 1)), float(big + 2), int(1e16), int(1.5e16))
print(2 ** 63 == float(2 ** 63), 2 ** 63 + 1 == float(2 ** 63 + 1), int(2.0 ** 63))
print(10 ** 22 == 1e22, 10 ** 23 == 1e23, int(1e23))

# bool conversions
print(int(True), int(False), float(True), str(False), bool("False"), bool(0.0), bool(1e-300), bool(-0.0))
print(True + 0.5, False * 2.0, round(True), abs(False))

# Mixed-type comparisons
print(1 == 1.0, 1 < 1.0000001, 10 ** 20 > 1e19, -0.0 == 0, float("inf") > 10 ** 300, 2 ** 1024 > float("1e308"))
print(max(1, 1.0), max(1.0, 1), min(0, 0.0, False), sorted([2, 1.5, True, 0.5]))

# Integer division vs float division results
for a, b in [(7, 2), (-7, 2), (7, -2), (6, 3), (1, 3), (10 ** 18, 7)]:
    print(a, b, a / b, a // b, a % b, float(a) // b, float(a) % b)

def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

attempt("int 1.5 str", lambda: int("1.5"))
attempt("int spaces", lambda: int("1 2"))
attempt("int underscore", lambda: int("_1"))
attempt("int double underscore", lambda: int("1__0"))
attempt("int base 16 bad", lambda: int("fg", 16))
attempt("float bad", lambda: float("1.2.3"))
attempt("float empty", lambda: float(""))
attempt("float underscore", lambda: float("1__0"))
attempt("int inf", lambda: int(float("inf")))
attempt("int nan", lambda: int(float("nan")))
attempt("float huge int", lambda: float(2 ** 1024))
attempt("round inf", lambda: round(float("inf")))
attempt("round nan", lambda: round(float("nan")))
