# __hash__ and __eq__: hashable value objects in sets and dict keys, a class
# with __eq__ but no __hash__ (unhashable), explicit __hash__ = None,
# inheriting __hash__, identity hashing, and hash() results that are ints.

class Key:
    def __init__(self, a, b):
        self.a, self.b = a, b
    def __eq__(self, other):
        return isinstance(other, Key) and (self.a, self.b) == (other.a, other.b)
    def __hash__(self):
        return self.a * 100 + self.b
    def __repr__(self):
        return f"Key({self.a}, {self.b})"

k1, k2, k3 = Key(1, 2), Key(1, 2), Key(2, 1)
print(k1 == k2, k1 is k2, hash(k1), hash(k2), hash(k3))
d = {k1: "first"}
d[k2] = "second"
d[k3] = "third"
print(d, len(d))
print({Key(0, 5), Key(0, 5), Key(0, 6)} == {Key(0, 6), Key(0, 5)})
print(Key(1, 2) in d, Key(9, 9) in d, d.get(Key(2, 1)))

class EqOnly:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, EqOnly) and self.v == other.v

print(EqOnly.__hash__, EqOnly(1) == EqOnly(1))
for attempt in [lambda: hash(EqOnly(1)), lambda: {EqOnly(1)}, lambda: {EqOnly(1): 1}, lambda: frozenset([EqOnly(2)])]:
    try:
        attempt()
    except TypeError as e:
        print("TypeError:", e)
try:
    {}[[1, 2]] = 3
except TypeError as e:
    print("TypeError:", e)
try:
    print({1, 2} | {(1, [2])})
except TypeError as e:
    print("TypeError:", e)

class Explicit:
    __hash__ = None
try:
    hash(Explicit())
except TypeError as e:
    print("TypeError:", e)

class Child(Key):
    pass
print(hash(Child(3, 4)), Child(3, 4) == Key(3, 4), Child.__hash__ is Key.__hash__)

class ChildEq(Key):
    def __eq__(self, other):
        return NotImplemented
print(ChildEq.__hash__)

class RestoreHash(EqOnly):
    __hash__ = object.__hash__
r = RestoreHash(1)
print(hash(r) == hash(r), r in {r}, RestoreHash(1) == RestoreHash(1))

class Plain:
    pass
p = Plain()
print(hash(p) == hash(p), isinstance(hash(p), int), p in {p: 1}, Plain() in {p: 1})

class BigHash:
    def __hash__(self):
        return 2 ** 100
print(type(hash(BigHash())).__name__)

class BadHash:
    def __hash__(self):
        return "nope"
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError:", e)

class CountingEq:
    calls = 0
    def __init__(self, h):
        self.h = h
    def __hash__(self):
        return self.h
    def __eq__(self, other):
        CountingEq.calls += 1
        return self.h == other.h
s = {CountingEq(1), CountingEq(2), CountingEq(3)}
print(CountingEq(2) in s, CountingEq(7) in s, CountingEq.calls)
print(hash(1) == hash(1.0) == hash(True), hash(-1), hash(-2), hash(0), hash(12345), hash(2.0), hash(()) == hash(()))
print(1 in {1.0}, {1: "a", 1.0: "b", True: "c"})
