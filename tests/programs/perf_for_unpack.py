# FOR_ITER; UNPACK_SEQUENCE n without the tuple (vm/src/exec/for_iter.rs): zip, enumerate,
# dict items and lists of tuples, with every case that must fall back to the generic step.


def zips():
    a = [1.5, 2.5, 3.5]
    b = (10, 20, 30, 40)
    s = 0.0
    for x, y in zip(a, b):
        s += x * y
    print("zip list/tuple:", s)
    for x, y, z in zip(range(3), "abc", [None, True, 1j]):
        print("zip3:", x, y, z)
    for w, x, y, z in zip(range(2), range(10, 12), (5, 6), [7, 8]):
        print("zip4:", w, x, y, z)
    for v, w, x, y, z in zip(range(2), range(2), range(2), range(2), range(2)):
        print("zip5:", v, w, x, y, z)
    for (p, q), r in zip([(1, 2), (3, 4)], range(7, 9)):
        print("nested:", p, q, r)
    # First iterator shorter: nothing else is consumed.
    it1 = iter([1, 2])
    it2 = iter([10, 20, 30, 40])
    for x, y in zip(it1, it2):
        print("short first:", x, y)
    print("rest of second:", list(it2))
    # Second iterator shorter: the first one's extra item is consumed and lost.
    it1 = iter([1, 2, 3, 4])
    it2 = iter([10, 20])
    for x, y in zip(it1, it2):
        print("short second:", x, y)
    print("rest of first:", list(it1))
    # The same iterator twice.
    it = iter(range(7))
    for x, y in zip(it, it):
        print("pairs:", x, y)
    print("left:", list(it))
    # An iterator exhausted before the zip.
    it = iter([1, 2])
    list(it)
    for x, y in zip(it, [5]):
        print("never")
    print("exhausted first ok")
    # A generator inside (generic step).
    gen = (i * i for i in range(4))
    for x, y in zip(gen, "wxyz"):
        print("gen:", x, y)
    # A zip resumed after break, and one reused after it is exhausted.
    z = zip(range(5), range(5, 10))
    for x, y in z:
        if x == 2:
            break
    for x, y in z:
        print("resumed:", x, y)
    for x, y in z:
        print("never")
    # Mixed use of the same zip: a tuple taken out and kept.
    z = zip([1, 2, 3], [4, 5, 6])
    kept = next(z)
    for x, y in z:
        print("after next:", x, y, kept)
    # The list grows while zipped.
    grow = [1, 2]
    for x, y in zip(grow, range(5)):
        if len(grow) < 4:
            grow.append(x * 10)
        print("grow:", x, y)
    # strict=True: the generic step, with its errors.
    for x, y in zip([1, 2], [3, 4], strict=True):
        print("strict:", x, y)
    try:
        for x, y in zip([1, 2, 3], [3, 4], strict=True):
            print("strict long:", x, y)
    except ValueError as e:
        print("ValueError:", e)
    try:
        for x, y in zip([1], [3, 4], strict=True):
            print("strict short:", x, y)
    except ValueError as e:
        print("ValueError:", e)
    # Wrong arity: the tuple is built and UNPACK_SEQUENCE raises.
    try:
        for x, y in zip([1], [2], [3]):
            print("never")
    except ValueError as e:
        print("ValueError:", e)
    try:
        for x, y, z in zip([1], [2]):
            print("never")
    except ValueError as e:
        print("ValueError:", e)
    # Targets that are not plain locals.
    cell = 0

    def show():
        return cell

    for cell, other in zip([7, 8], [9, 10]):
        print("cell:", show(), other)

    class Box:
        pass

    box = Box()
    for box.a, box.b in zip("pq", "rs"):
        print("attrs:", box.a, box.b)
    d = {}
    for d["k"], last in zip([1, 2], [3, 4]):
        print("subscr target:", d, last)
    for first, *rest in zip([1, 2], [3, 4], [5, 6]):
        print("star:", first, rest)


def enumerates():
    for i, v in enumerate(["a", "b", "c"]):
        print("enumerate:", i, v)
    for i, v in enumerate((1.5, 2.5), 10):
        print("start 10:", i, v)
    for i, v in enumerate(range(3), -2):
        print("start -2:", i, v)
    for i, v in enumerate("xy", 2**63 - 2):
        print("near max:", i, v)
    for i, v in enumerate([5, 6], 2**64):
        print("big start:", i, v)
    for i, v in enumerate((c for c in "gen")):
        print("gen:", i, v)
    e = enumerate([1, 2, 3, 4])
    for i, v in e:
        if i == 1:
            break
    for i, v in e:
        print("resumed:", i, v)
    print("after:", list(e))
    items = [1, 2]
    for i, v in enumerate(items):
        if i < 3:
            items.append(v + 100)
        print("grow:", i, v)
    try:
        for i, v, w in enumerate([1]):
            print("never")
    except ValueError as e:
        print("ValueError:", e)
    for i, (a, b) in enumerate([(1, 2), (3, 4)]):
        print("nested:", i, a, b)


def dict_items():
    d = {"one": 1, "two": 2, "three": 3}
    for k, v in d.items():
        print("item:", k, v)
    del d["two"]
    d["four"] = 4
    for k, v in d.items():
        print("after del:", k, v)
    it = iter(d.items())
    for k, v in it:
        break
    for k, v in it:
        print("resumed:", k, v)
    try:
        for k, v in d.items():
            d[k + "!"] = v
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        for k, v, w in {"a": 1}.items():
            print("never")
    except ValueError as e:
        print("ValueError:", e)
    for k, v in {}.items():
        print("never")
    for k, v in {(1, 2): 3}:
        print("tuple keys:", k, v)


class Pair(tuple):
    def __iter__(self):
        return iter(("custom", "iter"))


def tuple_lists():
    pts = [(1, 2), (3, 4), (5, 6)]
    total = 0
    for x, y in pts:
        total += x * y
    print("pairs:", total)
    for x, y in ((1, "a"), (2, "b")):
        print("tuple of tuples:", x, y)
    for x, y in [[1, 2], [3, 4]]:
        print("lists:", x, y)
    for x, y in [Pair((1, 2)), (3, 4)]:
        print("subclass:", x, y)
    for x, y in ["ab", "cd"]:
        print("strs:", x, y)
    try:
        for x, y in [(1, 2), (3, 4, 5)]:
            print("ok:", x, y)
    except ValueError as e:
        print("ValueError:", e, "line", e.__traceback__.tb_lineno)
    try:
        for x, y in [(1, 2), 3]:
            print("ok:", x, y)
    except TypeError as e:
        print("TypeError:", e)
    grow = [(1, 2)]
    for x, y in grow:
        if x < 3:
            grow.append((x + 1, y))
        print("grow:", x, y)


for a, b in zip([1, 2], [3, 4]):
    print("module level:", a, b)
for i, (a, b) in enumerate(zip("ab", "cd")):
    print("module nested:", i, a, b)

zips()
enumerates()
dict_items()
tuple_lists()


def deep(rows):
    out = 0
    for x, y in zip(rows, rows[1:]):
        out += x // y
    return out


print(deep([8, 4, 2, 1]))
print(deep([3, 2, 1, 0]))
