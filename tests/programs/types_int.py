# int: big-integer arithmetic, bases (bin/oct/hex, int(s, base), literals with
# underscores), bit_length/bit_count, to_bytes/from_bytes, divmod and floor
# semantics for negatives, pow with modulus (including inverse), comparisons.

big = 2 ** 100
print(big, -big, big + 1, big * big, big // 3, big % 97, big >> 90, 1 << 70, big & 0xFFFF, big | 1, big ^ (big - 1))
print(10 ** 30 // 7, 10 ** 30 % 7, -(10 ** 30) // 7, -(10 ** 30) % 7, divmod(10 ** 25, -12345), divmod(-(10 ** 25), 12345))
f100 = 1
for i in range(2, 101):
    f100 *= i
print(f100)
print(len(str(f100)), f100 % (10 ** 9 + 7), str(f100).count("0"), sum(int(c) for c in str(f100)))
print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(-7, -2), -7 // 2, -7 % 2, 7 % -2, -(7 // 2))
print(pow(2, 10), pow(2, -1), pow(3, 200, 1000), pow(-3, 3, 7), pow(3, -1, 7), pow(38, -1, 97), pow(5, 0, 1), pow(0, 0))
for bad in [lambda: pow(2, -1, 4), lambda: pow(2, 1, 0), lambda: 1 // 0, lambda: 5 % 0, lambda: divmod(1, 0), lambda: pow(2.0, 2, 3)]:
    try:
        bad()
    except (ValueError, ZeroDivisionError, TypeError) as e:
        print(type(e).__name__ + ":", e)
print(bin(10), bin(-10), oct(64), hex(255), hex(-255), hex(big), oct(big), bin(2 ** 40 + 1))
print(0b1010, 0o777, 0xFF, 1_000_000, 0x_FF_FF, 0b_1_0)
print(int("ff", 16), int("FF", 16), int("-0x1A", 16), int("0o17", 0), int("z", 36), int("  -1_000  "), int("0b11", 2), int("10", 2), int("+12"))
print(int("1" * 40), int("7" * 30, 8), int("١٢٣"), int("0", 0), int("00", 0), int("0_0", 0))
for s, base in [("08", 0), ("1__0", 10), ("_1", 10), ("12", 2), ("", 10), ("0x", 16), ("9", 8)]:
    try:
        int(s, base)
    except ValueError as e:
        print("ValueError:", e)
for v in [0, 1, 255, 256, -1, -256, big, -big]:
    print(v if abs(v) < 1000 else "big", v.bit_length(), v.bit_count(), end=" | ")
print()
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"), (-2).to_bytes(2, "big", signed=True), (255).to_bytes(1), big.to_bytes(13, "big"))
print(int.from_bytes(b"\x04\x00", "big"), int.from_bytes(b"\x04\x00", "little"), int.from_bytes(b"\xff\xfe", "big", signed=True), int.from_bytes(b""), int.from_bytes([1, 2, 3], "big"))
for bad in [lambda: (256).to_bytes(1, "big"), lambda: (-1).to_bytes(1, "big"), lambda: (1).to_bytes(1, "middle"), lambda: (1).to_bytes(-1, "big")]:
    try:
        bad()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print((17).as_integer_ratio(), (-5).numerator, (5).denominator, (5).real, (5).imag, (5).conjugate(), (3).is_integer())
print(abs(-big) == big, -big < -big + 1 < 0 < big, big == 2.0 ** 100, big > 1e30, big < float("inf"), 2 ** 53 + 1 == float(2 ** 53 + 1))
print(float(big), float(-(3 ** 50)), int(1e20), int(-2.5e15), round(123456, -2), round(-125, -1), round(135, -1), round(5, 2))
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
print(10 ** 400 // 10 ** 398, (10 ** 400) % 999, 10 ** 20 / 10 ** 10, 10 ** 100 / 3 == 10 ** 100 // 3, 7 / 2, -7 / 2, 6 / 3)
print(max(3, big, -big) == big, min([5, -big, 2]) == -big, sorted([big, -1, 0, 2 ** 64]) == [-1, 0, 2 ** 64, big], sum([big] * 4) == 4 * big)
print(~5, ~-1, ~big == -big - 1, -(-big), +big == big, 3 ** 3 ** 2, (-2) ** 3, -2 ** 2, 2 ** -2, 0 ** 0)
print(int(True) + True, True * 10, isinstance(True, int), True == 1, hash(True), (1).__add__(2), int.__add__(3, 4), (255).__format__("x"))
print(str(2 ** 64), repr(-(2 ** 63)), f"{2 ** 64:,}", f"{-(2 ** 70):_x}", "%d" % (3 ** 40), "%x" % (2 ** 70))
