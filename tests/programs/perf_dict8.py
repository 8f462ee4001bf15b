# Dict tables whose entries keep both values' tags in one word (session 8): every kind of key
# and value, growth across many sizes, removals then growth, popitem, copies, fromkeys, value
# replacement releasing the old value at once, and the errors lookups and iteration raise.


class Noisy:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Noisy({self.name})"

    def __del__(self):
        print("del", self.name)


class Key:
    def __init__(self, k):
        self.k = k

    def __hash__(self):
        return hash(self.k)

    def __eq__(self, other):
        print("eq", self.k, other.k if isinstance(other, Key) else other)
        return isinstance(other, Key) and self.k == other.k

    def __repr__(self):
        return f"Key({self.k})"


class BadKey:
    def __hash__(self):
        return 7

    def __eq__(self, other):
        raise ValueError("no comparing")


obj = object()
kinds = [
    None,
    True,
    False,
    0,
    -1,
    2**63 - 1,
    -(2**63),
    2**70,
    1.5,
    -0.0,
    float("inf"),
    "s",
    "",
    "a longer string key than twenty-two bytes",
    (1, "x"),
    (),
    (None, (2.5, False)),
    b"bytes",
    frozenset({1, 2}),
    Key("k"),
    obj,
    int,
]

# Every kind as a key with every kind as a value, in a small and in an indexed table.
for n in (len(kinds), 3):
    d = {}
    for i, k in enumerate(kinds[:n]):
        d[k] = kinds[(i + 5) % len(kinds)]
    print(n, len(d), [type(k).__name__ for k in d])
    print([type(v).__name__ for v in d.values()])
    for k in kinds[:n]:
        v = d[k]
        assert d.get(k) is v
    print(d.get(1), d.get(0.0), d.get(1.0), d.get("missing"), None in d, 2**70 in d)

# bool and int keys that are equal share an entry: the first key stays, the value changes.
d = {1: "int"}
d[True] = "bool"
d[1.0] = "float"
print(d, repr(list(d)[0]))
d = {False: 0}
d[0] = 1
d[0.0] = 2
print(d)

# Growth across many sizes, checking order, lookups and length at each size.
for n in range(0, 200, 9):
    d = {}
    for i in range(n):
        d[i * 7919 % 1000] = i
    assert len(d) == len(set(i * 7919 % 1000 for i in range(n)))
    assert all(d[i * 7919 % 1000] == i for i in range(n))
    assert list(d) == [i * 7919 % 1000 for i in range(n)]
print("growth ok")

big = {(i, str(i)): i for i in range(20000)}
print(len(big), big[(1234, "1234")], big.get((1234, "123")), list(big)[-1])

# Removals (below half full: compaction) then growth again, keeping insertion order.
d = {i: str(i) for i in range(100)}
for i in range(0, 100, 3):
    del d[i]
for i in range(0, 100, 4):
    d.pop(i, None)
print(len(d), list(d)[:8], list(d)[-3:])
for i in range(200, 260):
    d[i] = -i
for i in range(0, 12):
    d[i] = "again"
print(len(d), list(d.items())[:5], list(d.items())[-5:])
while len(d) > 3:
    d.popitem()
print(d)

# popitem order and its error on an empty dict.
d = dict.fromkeys("abcde")
print(d.popitem(), d.popitem(), d)
d.clear()
try:
    d.popitem()
except KeyError as e:
    print("KeyError", e)

# fromkeys with a shared value, copies, equality, update and merge.
d = dict.fromkeys(range(12), [])
d[3].append(1)
print(d[0], d[11] is d[0], len(d))
c = d.copy()
c[0] = "changed"
print(d[0], c[0], c == d, dict(d) == d, {**d} == d)
e = {"x": 1.5, "y": None, "z": True}
e |= {"y": (1, 2), "w": "new"}
print(e, e | {"x": 0}, {"x": 0} | e)
print(sorted(dict.fromkeys([3, 1, 3, 2, 1])), list(dict.fromkeys([3, 1, 3, 2, 1])))

# Replacing, deleting, popping, clearing and dropping release the old values at once.
d = {"a": Noisy("a1"), "b": Noisy("b1")}
d["a"] = Noisy("a2")
print("replaced a")
del d["b"]
print("deleted b")
d["c"] = Noisy("c1")
v = d.pop("c")
print("popped", v)
del v
d.setdefault("d", Noisy("d1"))
d.update(e=Noisy("e1"))
print("before clear", sorted(d))
d.clear()
print("cleared")
d = {i: Noisy(f"n{i}") for i in range(3)}
c = d.copy()
del d
print("copy alive", list(c))
del c
print("copies gone")

# Keys with Python-level __eq__: called only for equal hashes, in probe order.
d = {Key("a"): 1, Key("b"): 2}
print(d[Key("a")], Key("b") in d, Key("z") in d)
d[Key("a")] = 3
print(d)
d2 = {1: "one", BadKey(): "bad"}
try:
    d2[BadKey()]
except ValueError as e:
    print("ValueError", e)
print(d2[1], 7 in {7: 0})

# Mutation during iteration.
d = {i: i for i in range(20)}
try:
    for k in d:
        d[k + 100] = 0
except RuntimeError as e:
    print("RuntimeError", e)
d = {i: i for i in range(20)}
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print("RuntimeError", e)
d = {i: i for i in range(5)}
for k in d:
    d[k] = "same size is fine"
print(d)

# Values of every kind read back through items(), values() and get().
d = dict(zip(range(len(kinds)), kinds))
print(all(a is b or a == b for a, b in zip(d.values(), kinds)))
print(sum(1 for k, v in d.items() if d[k] is v), d.get(3), d.get(99, "dflt"))
d = {"k": 1}
print(d["missing"])
