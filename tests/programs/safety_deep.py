# Self-referencing data and containers mutated while they are sorted or iterated behave as in
# CPython. (Deeply nested data is not here: pyodide, which records the fixtures, overflows its
# WebAssembly stack in repr/== of deep nests before CPython's C recursion limit is reached.)

# Self-referencing containers print with "...".
me = [1, 2]
me.append(me)
print(me)
d = {"a": 1}
d["self"] = d
print(d)

# == on self-referencing lists: the identity short-cut.
a = [1]
a.append(a)
print("a == a:", a == a, [a] == [a])

# sorted() on a list mutated by its key function: sorted works on a copy.
data = [3, 1, 2]


def key(x):
    data.append(x)
    return x


print("sorted:", sorted(data, key=key), len(data))

# list.sort() with a key that mutates the list.
items = [5, 3, 4, 1]


def bad_key(x):
    items.append(x)
    return x


try:
    items.sort(key=bad_key)
except ValueError as e:
    print("sort:", type(e).__name__, e)
print("after failed sort:", items)


class Cmp:
    def __init__(self, v, owner):
        self.v = v
        self.owner = owner

    def __lt__(self, other):
        self.owner.clear()
        return self.v < other.v


owner = []
owner.extend(Cmp(v, owner) for v in [3, 2, 1])
try:
    owner.sort()
except ValueError as e:
    print("sort (compare mutates):", e)
print("length after:", len(owner))

# A dict mutated while iterated.
m = {1: 1, 2: 2}
try:
    for k in m:
        m[k + 10] = 0
except RuntimeError as e:
    print("dict:", e)
m = {1: 1, 2: 2}
try:
    for k in m:
        del m[k]
except RuntimeError as e:
    print("dict del:", e)
m = {1: 1, 2: 2}
for k in m:
    m[k] = 5  # changing values is allowed
print(m)
try:
    for k, v in m.items():
        m.pop(k)
except RuntimeError as e:
    print("dict items:", e)

# A set mutated while iterated.
s = {1, 2, 3}
try:
    for x in s:
        s.add(x + 100)
except RuntimeError as e:
    print("set:", e)
s = {1, 2, 3}
try:
    for x in s:
        s.discard(x)
except RuntimeError as e:
    print("set discard:", e)

# A list mutated while iterated is allowed (index-based).
lst = [1, 2, 3]
for x in lst:
    if len(lst) < 6:
        lst.append(x * 10)
print(lst)

# Deep recursion in a Python function.


def rec(n):
    return rec(n + 1)


try:
    rec(0)
except RecursionError as e:
    print("rec:", e)
