# hash() of ints and bools. Only values below 2**31 - 1 in magnitude are
# printed directly (a 32-bit CPython reduces modulo 2**31 - 1, a 64-bit one
# modulo 2**61 - 1); larger values are only compared, never printed.

for v in [0, 1, -1, -2, 2, 10, -10, 100, 12345, -12345, 2 ** 20, 2 ** 30, -(2 ** 30), 2 ** 31 - 2]:
    print(v, hash(v))

print(hash(True), hash(False), hash(-1) == hash(-2), hash(1) == hash(1.0), hash(0) == hash(0.0) == hash(-0.0))
print(hash(2.0) == hash(2), hash(-3.0) == hash(-3), hash(10 ** 15) == hash(1e15))

# Properties that hold on every build
M31 = 2 ** 31 - 1
M61 = 2 ** 61 - 1
big = 2 ** 100
print(hash(big) == hash(big), hash(big + 0) == hash(2 ** 100), hash(-big) == -hash(big))
print(hash(M61) in (0, hash(M61 % M31)), hash(2 ** 61) in (1, hash(2 ** 61 % M31)))
print(hash(-(2 ** 70)) == -hash(2 ** 70))

# Hashes drive dict and set equality between int, float and bool keys
d = {}
d[1] = "int one"
d[1.0] = "float one"
d[True] = "bool one"
print(d, len(d))
d2 = {0: "zero", False: "false", 0.0: "zero float"}
print(d2)
print({1, 1.0, True, 2, 2.0}, {0, -0.0, False})

# -1 is special: hash(-1) is -2 because -1 signals errors in C
print(hash(-1), hash(-2), hash(-1) == hash(-2), -1 == -2)
print({-1: "a", -2: "b"}, len({-1, -2}))

# Hash of ints is the int itself for small values
small = list(range(-5, 6))
print([hash(v) for v in small])
print(all(hash(v) == v for v in range(1000) ), all(hash(-v) == -v for v in range(2, 1000)))

# Equal tuples hash equally (values are not printed)
print(hash((1, 2)) == hash((1, 2)), hash((1, 2)) == hash((1.0, 2.0)), hash(()) == hash(()))
print(hash(frozenset({1, 2})) == hash(frozenset({2, 1})))

# Unhashable types
for obj in [[], {}, set(), [1, 2]]:
    try:
        hash(obj)
    except TypeError as e:
        print("TypeError:", e)

# Using ints as dict keys keeps insertion order regardless of hash
keys = [1000, 3, 2 ** 40, -7, 0, 77]
table = {k: k * 2 for k in keys}
print(list(table), table[2 ** 40])
