# Sets and frozensets of small ints: iteration order follows the hash table
# (deterministic for ints), operators, methods and errors.
# Negative ints are left out of printed sets: their probe order differs
# between 32- and 64-bit builds.

s = {5, 3, 1, 9, 7}
print(s, len(s), 3 in s, 4 in s, 4 not in s)
s.add(2)
s.add(3)
print(s)
s.discard(9)
s.discard(100)
s.remove(1)
print(s)
print({10, 20, 30, 40, 50, 60, 70, 80, 90}, {64, 32, 16, 8, 4, 2, 1, 0})
print({33, 1, 65, 97, 129}, {8, 16, 24, 0}, {17, 9, 1, 25})
big = set(range(40, 0, -3))
print(big)
print(set(), set([3, 3, 2, 1, 2]), set(range(5)), set("aaa"), frozenset([4, 1]))

a = {1, 2, 3, 4, 5}
b = {4, 5, 6, 7}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, [8]), a.intersection(b, {5}), a.difference(b), a.symmetric_difference(b))
print(a <= b, {1, 2} <= a, {1, 2} < a, a < a, a >= {1}, a > a, a.isdisjoint({9}))
print(a.issubset(range(10)), a.issuperset([1, 2]), a == {5, 4, 3, 2, 1})

c = set(a)
c |= {10}
print(c)
c &= {1, 2, 10, 11}
print(c)
c -= {1}
print(c)
c ^= {2, 3}
print(c)
c.update([20, 21], (22,))
print(c, c.pop() in {3, 10, 20, 21, 22})
c.clear()
print(c, bool(c))

# Frozensets
f = frozenset({3, 1, 2})
print(f, f | {9}, f & {1, 7}, type(f | {9}).__name__, type({9} | f).__name__)
print({f: "frozen key"}[frozenset([1, 2, 3])], frozenset() == set())
nested = {frozenset({1}), frozenset({2, 1})}
print(len(nested), frozenset({1}) in nested)

# Set comprehension and dedupe preserving first-seen order
data = [5, 1, 5, 2, 1, 9, 2, 0]
print({x % 4 for x in data})
seen = set()
order = []
for x in data:
    if x not in seen:
        seen.add(x)
        order.append(x)
print(order, sorted(seen))

# Mixed numeric equality
print({1, 1.0, True}, {0, False, 0.0}, {2, 2.5})
print(len({1, 2} | {2.0, 3.0}))

# Sorting sets is the deterministic way to show them
print(sorted({15, 3, 42, -7, 0, 8}), sorted({15, 3, 42}, reverse=True))
print(min({4, 2, 8}), max({4, 2, 8}), sum({1, 2, 3}))

# Errors
def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("remove", lambda: {1}.remove(2))
attempt("pop empty", lambda: set().pop())
attempt("unhashable", lambda: {[1, 2]})
attempt("unhashable add", lambda: set().add({}))
attempt("index", lambda: {1, 2}[0])
attempt("frozen add", lambda: frozenset().add(1))
attempt("sub list", lambda: {1} - [1])
