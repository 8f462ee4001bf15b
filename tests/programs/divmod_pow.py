# divmod, //, % and ** in depth: sign rules for ints and floats, modular
# exponentiation, negative exponents, big results and special values.

pairs = [(17, 5), (-17, 5), (17, -5), (-17, -5), (0, 3), (3, 17), (-3, 17), (10 ** 20, 7), (-(10 ** 20), 7)]
for a, b in pairs:
    q, r = divmod(a, b)
    print(a, b, q, r, a // b == q, a % b == r, q * b + r == a)

fpairs = [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2), (0.3, 0.1), (1e300, 1e-300), (5, 0.5), (-0.0, 1)]
for a, b in fpairs:
    print(a, b, divmod(a, b), a // b, a % b)

print(2 ** 0, 2 ** 1, 2 ** 10, 2 ** 64, (-2) ** 3, (-2) ** 4, 0 ** 0, 1 ** 1000, (-1) ** 1001)
print(2 ** -1, 2 ** -10, 10 ** -3, (-2) ** -3, 0.5 ** 2, 4 ** 0.5, 8 ** (1 / 3), 2.0 ** 100)
print(pow(2, 100, 97), pow(7, 0, 5), pow(7, 1, 1), pow(-7, 3, 10), pow(7, -1, 10), pow(3, -2, 7), pow(123456789, 987654321, 10 ** 9 + 7))
print(pow(2, 3, -5), pow(-2, 3, -5), pow(10 ** 30, 10 ** 10, 13), pow(0, 5, 3))

# Modular inverse check
m = 1_000_003
for a in [2, 3, 12345, 999_999]:
    inv = pow(a, -1, m)
    print(a, inv, a * inv % m)

# Fast exponentiation written by hand, compared with pow
def power(base, exp, mod):
    result = 1
    base %= mod
    while exp > 0:
        if exp & 1:
            result = result * base % mod
        base = base * base % mod
        exp >>= 1
    return result

print(all(power(b, e, 1009) == pow(b, e, 1009) for b in range(2, 20) for e in range(0, 40)))

# Big powers
print(len(str(3 ** 1000)), str(3 ** 1000)[:30], (2 ** 200) % 1000000007, 7 ** 77 // 7 ** 75)

# Floats: special values
inf = float("inf")
print(inf // 1, inf % 2, 1 // inf, 1 % inf, -1 % inf, divmod(5.0, inf), 0.0 ** 0)
print(inf ** 0, 1.0 ** inf, 2.0 ** -inf, (-1.0) ** 2, (-8.0) ** 2)

# Operators with bools
print(True // 1, True % 2, divmod(True, 1), True ** 10, 2 ** True)

def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

attempt("divmod 0", lambda: divmod(5, 0))
attempt("floordiv float 0", lambda: 5.0 // 0)
attempt("mod float 0", lambda: 5 % 0.0)
attempt("zero neg pow", lambda: 0 ** -2)
attempt("zero float neg pow", lambda: 0.0 ** -1)
attempt("pow 3 args float", lambda: pow(2, 0.5, 3))
attempt("pow mod 0", lambda: pow(2, 5, 0))
attempt("no inverse", lambda: pow(4, -1, 8))
attempt("divmod str", lambda: divmod("a", 2))
attempt("pow str", lambda: "a" ** 2)
attempt("int to float overflow", lambda: 2 ** 5000 * 1.0)
