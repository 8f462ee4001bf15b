# Arbitrary-precision integers: arithmetic, conversions, comparisons.

a = 2 ** 100
b = 3 ** 70
print(a)
print(b)
print(a + b, a - b, b - a)
print(a * b)
print(a // 7, a % 7, -a // 7, -a % 7)
print(b // a, b % a, divmod(b, a))
print(a ** 3)
print(-(2 ** 64), -(2 ** 63) - 1, 2 ** 63, 2 ** 64 - 1)

# Factorials and fibonacci
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

f50 = fact(50)
print("50! =", f50)
print("100! has", len(str(fact(100))), "digits")

def fib(n):
    x, y = 0, 1
    for _ in range(n):
        x, y = y, x + y
    return x

print("fib(200) =", fib(200))

# Bitwise ops on big and negative big numbers
c = (1 << 80) | 0xFFFF
print(c, c & 0xFF00, c >> 70, c ^ (1 << 80), ~c)
print(-c & 0xFFFFFFFFFFFFFFFFFFFF, -c | 1, -c ^ c, (-c) >> 3)
print((1 << 200) >> 199, (-1 << 200) >> 199)

# Comparisons across sizes
vals = [2 ** 64, -(2 ** 64), 2 ** 63, 0, -1, 10 ** 20, -(10 ** 20), 2 ** 31]
print(sorted(vals))
print(max(vals), min(vals))
print(2 ** 64 == 18446744073709551616, 2 ** 64 > 2 ** 64 - 1)

# Conversions
print(hex(2 ** 70), oct(2 ** 70), bin(2 ** 70))
print(hex(-(2 ** 70)), int("123456789012345678901234567890"))
print(int("-ff" * 1, 16), int("7" * 30, 8), int("1" * 70, 2))
print(str(10 ** 40), repr(-(10 ** 40)), float(2 ** 80))
print(int(1e20), int(-1.5e19), int(2.0 ** 100))
print(abs(-(3 ** 50)), pow(2, 100, 1000007), pow(3, 200, 10 ** 9 + 7))

# Mixing with floats
print(2 ** 100 / 2 ** 98, 10 ** 30 / 10 ** 10, (10 ** 30) * 0.5)
print(2 ** 53 + 1 == float(2 ** 53 + 1), float(2 ** 53 + 1))

# Digits sum and reversal
n = 7 ** 77
print(sum(int(ch) for ch in str(n)), str(n)[::-1][:20])

# Truth and bool of big
print(bool(2 ** 100), bool(2 ** 100 - 2 ** 100), -(2 ** 100) < 0)

# Errors
try:
    print(2 ** 100 // 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(float(10 ** 400))
except OverflowError as e:
    print("OverflowError:", e)
try:
    print(1 << (2 ** 100))
except (OverflowError, MemoryError) as e:
    print(type(e).__name__)
print(int("  -0042  "), int("1_000_000"), int("0x1F", 16), int("0b101", 0))
