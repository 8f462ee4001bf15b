# Integer arithmetic: every binary and unary operator, in-place forms,
# floor division / modulo sign rules, shifts and bitwise ops.

a = 17
b = 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(-a // b, -a % b, a // -b, a % -b, -a // -b, -a % -b)
print(a & b, a | b, a ^ b, ~a, -a, +a)
print(a << 3, a >> 2, -a >> 2, 1 << 40, (1 << 40) >> 39)
print(7 // 7, 0 // 5, 0 % 5, 5 % 5)

# In-place operators on a local variable
def inplace(x):
    x += 3
    print("+=", x)
    x -= 1
    print("-=", x)
    x *= 4
    print("*=", x)
    x //= 3
    print("//=", x)
    x %= 7
    print("%=", x)
    x **= 3
    print("**=", x)
    x <<= 2
    print("<<=", x)
    x >>= 1
    print(">>=", x)
    x &= 0xF0
    print("&=", x)
    x |= 0x0F
    print("|=", x)
    x ^= 0xFF
    print("^=", x)
    x /= 4
    print("/=", x)
    return x

print(inplace(10))

# Operator precedence
print(2 + 3 * 4 ** 2, (2 + 3) * 4, -2 ** 2, (-2) ** 2, 2 ** -1)
print(1 + 2 << 3, 1 | 2 ^ 3 & 4, ~0, ~-1, not 0, not 5)
print(10 - 2 - 3, 2 ** 3 ** 2, 100 // 7 // 2, 100 % 7 % 3)

# Comparisons between ints
for x, y in [(1, 2), (2, 2), (3, 2), (-1, 1)]:
    print(x, y, x < y, x <= y, x == y, x != y, x > y, x >= y)

# Truth values
print(bool(0), bool(1), bool(-1), bool(10**30))

# Errors, caught and printed
def trial(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)

trial("1/0", lambda: 1 / 0)
trial("1//0", lambda: 1 // 0)
trial("1%0", lambda: 1 % 0)
trial("shift", lambda: 1 << -1)
trial("rshift", lambda: 1 >> -3)
trial("int+str", lambda: 1 + "a")
trial("str-int", lambda: "a" - 1)
trial("neg pow", lambda: 0 ** -1)
trial("pow", lambda: 3 ** 40)
trial("ok", lambda: 7 * 6)

# Integer identities on a range of values
total = 0
for i in range(-20, 21):
    for j in range(1, 6):
        q, r = i // j, i % j
        assert q * j + r == i
        total += q - r
print("identity total", total)

# Accumulating
n = 1
for i in range(1, 21):
    n *= i
print("20! =", n)
print("digits", len(str(n)))
