"""`for x, y in zip(a, b)` over two list/tuple iterators (session 7): the step reads both
items before moving either iterator. Every way out of that path: unequal lengths (which
iterator lost an item), the same iterator twice, lists changed by the loop body, tuples,
other iterators, strict zips, three iterables, errors raised in the body."""


def dot(a, b):
    s = 0.0
    for x, y in zip(a, b):
        s += x * y
    return s


def matmul(a, b):
    bt = [[b[k][j] for k in range(len(b))] for j in range(len(b[0]))]
    return [[dot(row, col) for col in bt] for row in a]


m = [[1.5, -2.0, 0.25], [3.0, 0.5, -1.0], [0.0, 2.0, 4.0]]
print(matmul(m, m))
print(dot([1, 2, 3], (4, 5, 6)), dot((1.5, 2.5), [2, 4]))

# Unequal lengths: the first iterator gives up an item when the second runs out first.
a = iter([1, 2, 3, 4])
for x, y in zip(a, [10, 20]):
    print("pair", x, y)
print("left in a:", list(a))
b = iter([10, 20, 30])
for x, y in zip([1], b):
    print("pair", x, y)
print("left in b:", list(b))
print(list(zip([], [1, 2])), list(zip([1, 2], [])))

# The same iterator twice: consecutive pairs, and the odd item is lost.
it = iter([1, 2, 3, 4, 5])
for x, y in zip(it, it):
    print("twice", x, y)
print("after twice:", list(it))

# The loop body changes the lists.
a = [1, 2]
b = [10, 20, 30, 40, 50]
for x, y in zip(a, b):
    if len(a) < 4:
        a.append(x * 100)
    print("grow", x, y)
a = [1, 2, 3, 4]
b = [10, 20, 30, 40]
for x, y in zip(a, b):
    b.pop()
    print("shrink", x, y)
a = [1, 2, 3]
for x, y in zip(a, a):
    a[0] = 7
    print("same list", x, y)

# Other iterators and zips the path does not take.
for x, y in zip(range(3), [5, 6, 7, 8]):
    print("range", x, y)
for x, y in zip(iter([1, 2]), (c for c in "ab")):
    print("generator", x, y)
for x, y in zip("xy", [1, 2]):
    print("str", x, y)
for x, y, z in zip([1, 2], [3, 4], [5, 6]):
    print("three", x, y, z)
z = zip([1, 2, 3], [4, 5])
for x, y in z:
    print("zip object", x, y)
print(list(z), next(z, "done"))
try:
    for x, y in zip([1, 2, 3], [4, 5], strict=True):
        print("strict", x, y)
except ValueError as e:
    print("ValueError:", e)
try:
    for x, y in zip([1, 2], [3]):
        print(x, y)
    for x, y in zip([(1, 2)], [3]):
        print(x, y)
    for (p, q), y in zip([(1, 2), (3,)], [3, 4]):
        print("nested", p, q, y)
except ValueError as e:
    print("ValueError:", e)

# An error raised by the body of the loop.
def bad():
    s = 0.0
    for x, y in zip([1.0, 2.0, "3"], [1.0, 2.0, 3.0]):
        s += x * y
    return s


try:
    bad()
except TypeError as e:
    print("TypeError:", e)
print(dot([1.0, 2.0], [3.0, "4"]))
