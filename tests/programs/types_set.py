# set/frozenset of ints, printed in CPython's iteration order: every operator
# (| & - ^ <= < >= > ==) and method (add, update, discard, remove, pop,
# union, intersection(_update), difference(_update), symmetric_difference,
# issubset/issuperset/isdisjoint, copy, clear), growth and collisions.

s = {5, 3, 9, 1, 3}
print(s, len(s), 3 in s, 4 in s, set(), set([2, 1, 2]), set(range(10, 0, -1)), set("aaa"), frozenset({7, 70, 700}))
a, b = {1, 2, 3, 4, 40, 100}, {3, 4, 5, 6, 64, 100}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, [7, 8]), a.intersection(b, {4, 100, 9}), a.difference(b, {1}), a.symmetric_difference([1, 99]))
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2} <= {1, 2}, {1, 2, 3} >= {3}, {1} > {1}, {1, 2} == {2, 1}, {1} != {1.0}, set() < {0})
print({1, 2}.issubset([1, 2, 5]), {1, 2}.issuperset((1,)), {1}.isdisjoint({2}), {1}.isdisjoint([1]), frozenset({1}) == {1}, {1, 2} == frozenset([2, 1]))
t = set()
for v in [10, 20, 30, 8, 16, 24, 32, 1, 9, 17]:
    t.add(v)
    print(t)
t.update([2, 3], (4,), range(50, 53))
print(t, len(t))
t.discard(20)
t.discard(12345)
t.remove(30)
print(t)
try:
    t.remove(999)
except KeyError as e:
    print("KeyError:", e)
popped = [t.pop() for _ in range(3)]
print(popped, t)
u = {0, 1, 2, 3, 4, 5, 6, 7}
u.intersection_update({1, 3, 5, 7, 9})
print(u)
u.difference_update([1])
print(u)
u.symmetric_difference_update({3, 11, 8})
print(u)
u |= {100, 200}
u &= {5, 7, 11, 100, 8, 300}
u -= {7}
u ^= {1, 100}
print(u)
c = u.copy()
c.add(42)
print(u, c, c is u)
c.clear()
print(c, len(c), bool(c))
big = set(range(0, 200, 7))
print(big)
print({x % 13 for x in range(100)}, {x * x for x in range(-5, 6)}, set(map(len, ["a", "bb", "cc", "ddd"])))
coll = {1, 9, 17, 25, 33}
coll.discard(9)
coll.add(41)
print(coll, sorted(coll))
print({2 ** 20, 2 ** 10, 2 ** 30, 2 ** 5, 2 ** 0}, {1000000, 1000, 10, 100000, 100})
fz = frozenset([3, 1, 2])
print(fz, fz | {9}, type(fz | {9}).__name__, type({9} | fz).__name__, fz & {1}, hash(fz) == hash(frozenset([1, 2, 3])), {fz: "key"}[frozenset({1, 2, 3})])
print(frozenset(), frozenset() == set(), {frozenset({1}), frozenset({1})}, repr(set()), repr(frozenset({4})))
for bad in [lambda: set().pop(), lambda: {[1]}, lambda: {1} + {2}, lambda: fz.add(4), lambda: {1} < [1], lambda: set(5), lambda: {1}.update(3)]:
    try:
        print(bad())
    except (KeyError, TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
print(sorted({3, 1, 2}), sum({1, 2, 3}), max({4, 9, 2}), list(set([1, 1, 2])), {True, 1, 1.0}, {0, False}, len({1, True, 2}))
mixed = set([1, 2.5, (1, 2), None])
print(len(mixed), 2.5 in mixed, (1, 2) in mixed, None in mixed)
grow = set()
for i in range(0, 64, 3):
    grow.add(i)
for i in range(0, 64, 6):
    grow.discard(i)
print(grow)
print({5, 4, 3, 2, 1} == {1, 2, 3, 4, 5}, list({5, 4, 3, 2, 1}), list({100, 50, 25, 12, 6}))
