"""Floor division, modulo and divmod of big ints whose quotient is small (the fast path in
vm/src/kernels/bigdiv.rs) and around its limits, in every sign combination."""

def lcg(x):
    return (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)


def big(bits, seed):
    x, v = seed, 1
    while v.bit_length() < bits:
        x = lcg(x)
        v = (v << 64) | x
    return v >> (v.bit_length() - bits) | (1 << (bits - 1))


checksum = 0
seed = 7
for bits in (150, 191, 192, 193, 256, 1000, 3000):
    for qbits in (0, 1, 2, 20, 47, 48, 49, 50, 64, 100):
        seed = lcg(seed)
        b = big(bits, seed)
        q = (seed >> 5) % (1 << qbits) if qbits else 0
        for extra in (0, 1, b - 1, b // 3):
            a = b * q + extra
            for sa in (1, -1):
                for sb in (1, -1):
                    x, y = sa * a, sb * b
                    d, m = divmod(x, y)
                    assert d == x // y and m == x % y, (x, y)
                    assert d * y + m == x
                    assert m == 0 or (m > 0) == (y > 0)
                    checksum = (checksum * 31 + d + 7 * m) % (1 << 61)
print("checksum:", checksum)

# all-ones divisor tops (the estimate's worst case)
b = (1 << 256) - 1
for a in ((1 << 300) - 1, (1 << 300), b * 12345 + b - 1, -(b * 99) - 1):
    print(a // b, a % b == a - (a // b) * b, divmod(a, -b)[0])

print(divmod(10**80 + 3, 10**79))
print((-10**80 - 3) // 10**79, (-10**80 - 3) % 10**79)
try:
    (10**80) // 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    (10**80) % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    divmod(10**80, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
