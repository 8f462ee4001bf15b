"""Fast paths of session 5 (helper D): generators run inline (the handled exception kept in
the generator while it runs), slice assignment of equal length and of a temporary list,
`c[a:b:c]` without a slice object, and exact-dict subscripts. Each with its fallbacks."""
import sys


# --- generators: the handled exception across yields --------------------------------------

def exc_name():
    e = sys.exc_info()[1]
    return None if e is None else type(e).__name__ + ":" + str(e)


def gen_sees():
    yield exc_name()
    try:
        raise KeyError("inner")
    except KeyError:
        yield exc_name()
        yield exc_name()
    yield exc_name()


def run_gen_sees():
    out = []
    g = gen_sees()
    out.append(next(g))
    try:
        raise ValueError("outer")
    except ValueError:
        for v in g:
            out.append(v)
            out.append("caller " + str(exc_name()))
    out.append("after " + str(exc_name()))
    print("exc across yields:", out)


def inner_gen(n):
    for i in range(n):
        try:
            if i == 2:
                raise IndexError(i)
            yield i
        except IndexError as e:
            yield "caught %s %s" % (e, exc_name())


def outer_gen(n):
    try:
        raise TypeError("outer-handled")
    except TypeError:
        yield from inner_gen(n)
        yield exc_name()


def failing(n):
    for i in range(n):
        if i == 3:
            raise RuntimeError("stop at %d" % i)
        yield i


def running_total():
    total = 0
    while True:
        v = yield total
        if v is None:
            return total
        total += v


def delegating():
    r = yield from running_total()
    yield "done %d" % r


def reentrant():
    yield next(holder[0])


holder = []


def main_generators():
    run_gen_sees()
    print("yield from:", list(outer_gen(5)))
    got = []
    try:
        for v in failing(10):
            got.append(v)
    except RuntimeError as e:
        print("failing:", got, e, exc_name())
    print("after failing:", exc_name())
    g = failing(10)
    for v in g:
        if v == 0:
            break
    print("resumed after break:", next(g), next(g))
    try:
        next(g)
    except RuntimeError as e:
        print("raised later:", e)
    print("finished:", list(g))
    d = delegating()
    next(d)
    for k in range(1, 5):
        d.send(k)
    print("send:", d.send(None), list(d))
    r = reentrant()
    holder.append(r)
    try:
        next(r)
    except ValueError as e:
        print("reentrant:", e)
    nested = ((x, y) for x in (i * i for i in range(4)) for y in range(2) if (x + y) % 2)
    print("nested:", list(nested))
    total = 0
    for w in (tuple(range(i)) for i in range(6)):
        for v in (x * 2 for x in w):
            total += v
    print("pipeline:", total)

    def deep(n):
        if n == 0:
            yield 0
            return
        for v in deep(n - 1):
            yield v + 1
    print("deep:", list(deep(30)))


# --- slices -------------------------------------------------------------------------------

def main_slices():
    a = list(range(10))
    a[:4] = a[1:5]
    print("shift:", a)
    a[2:5] = [7, 8]
    print("shrink:", a)
    a[1:2] = (9, 9, 9)
    print("grow:", a)
    b = [1, 2, 3, 4]
    t = b[1:3]
    b[:2] = t
    t.append(0)
    print("shared source:", b, t)
    c = [1, 2, 3]
    c[:] = c
    c[1:] = c
    print("self:", c)
    p = [5, 4, 3, 2, 1]
    for k in range(len(p), 0, -1):
        p[:k] = p[k - 1::-1]
    print("flips:", p)
    objs = [object() for _ in range(3)]
    keep = objs[0]
    objs[:1] = [None]
    print("dropped old:", keep is not None, objs[0])
    s = "abcdefgh"
    tu = (1, 2, 3, 4, 5)
    L = list(range(8))
    for start, stop, step in ((None, None, -1), (6, 1, -2), (-2, None, -1), (1, 100, 3),
                              (None, None, 1), (5, -100, -1), (10, 20, -1), (-100, 100, 2)):
        print("slice", start, stop, step, s[start:stop:step], tu[start:stop:step],
              L[start:stop:step])
    print("whole tuple is same:", tu[::1] is tu, tu[0::1] == tu)
    print("non-ascii:", "h\u00e9llo w\u00f6rld"[::-2], "\u20ac1\u20ac2"[1::2])
    print("bytes:", b"abcdef"[::-2], bytearray(b"xyz")[::-1])
    big = 2 ** 70
    print("big bounds:", L[-big:big:2], s[big::-1], tu[:big:-1])

    class MyList(list):
        def __getitem__(self, k):
            return ("mine", k.start, k.stop, k.step) if isinstance(k, slice) else k

    ml = MyList([1, 2, 3])
    print("subclass:", ml[1::2], ml[::-1], ml[0])

    class Idx:
        def __index__(self):
            return 2

    print("__index__ parts:", L[Idx()::2], s[:Idx():-1], tu[Idx():5:Idx()])
    for bad in ((lambda: L[::0]), (lambda: s[1.5::1]), (lambda: {}[1:2:3]),
                (lambda: tu["a"::1]), (lambda: (5)[::2])):
        try:
            bad()
        except (ValueError, TypeError, KeyError) as e:
            print("error:", type(e).__name__, e)
    try:
        L[::-1] = [1]
    except ValueError as e:
        print("extended:", e)


def slice_error_traceback():
    seq = [1, 2, 3]
    step = 0
    return seq[1:
               2:step]


# --- dict subscripts ----------------------------------------------------------------------

class Key:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return hash(self.v)

    def __eq__(self, other):
        print("  eq", self.v, other.v if isinstance(other, Key) else other)
        return isinstance(other, Key) and self.v == other.v


class Defaulting(dict):
    def __missing__(self, key):
        return "missing-" + str(key)


class Logging(dict):
    def __setitem__(self, k, v):
        print("  set", k, v)
        super().__setitem__(k, v)

    def __getitem__(self, k):
        print("  get", k)
        return super().__getitem__(k)


def main_dicts():
    d = {}
    for w in "the cat and the hat and the bat".split():
        d[w] = d[w] + 1 if w in d else 1
    print("counts:", d)
    d[1] = "int"
    d[1.0] = "float"
    d[(1, 2)] = "tuple"
    print("mixed:", d[1], d[(1, 2)], d[True])
    k1, k2 = Key(3), Key(3)
    kd = {k1: "a"}
    print("custom eq:", kd[k2])
    kd[k2] = "b"
    print("custom set:", len(kd), kd[k1])
    for bad in ((lambda: d["nope"]), (lambda: d[[1]]), (lambda: d.__setitem__([1], 2))):
        try:
            bad()
        except (KeyError, TypeError) as e:
            print("error:", type(e).__name__, e)
    try:
        d[{}] = 1
    except TypeError as e:
        print("unhashable set:", e)
    ints = {i: i * i for i in range(-5, 40)}
    print("int keys:", ints[7], ints[-5], ints.get(True), ints.get(2.0), 2 ** 70 in ints)
    pairs = {("a", 1): 1, ("b", (2, 3)): 2, (1.5, None): 3}
    print("tuple keys:", pairs[("a", 1)], pairs[("b", (2, 3))], pairs[(1.5, None)],
          pairs.get(("a", True)), pairs.get(("a", 1.0)), pairs.get(("a", 2)))

    class T(tuple):
        def __eq__(self, other):
            print("  T.eq", tuple(self), other)
            return tuple.__eq__(self, other)

        def __hash__(self):
            return tuple.__hash__(self)

    pairs[T(("c", 4))] = 4
    print("tuple subclass:", pairs[("c", 4)], pairs[T(("a", 1))])
    print("key with __eq__ inside:", pairs.get((Key(9), 1)), {(k1, 1): "k"}[(k2, 1)])
    class I(int):
        pass

    class J(int):
        def __eq__(self, o):
            print("  J.eq", int(self), o)
            return int.__eq__(self, o)

        __hash__ = int.__hash__

    print("int subclass keys:", {I(5): "five"}.get(5), 5 in {I(5): 0}, {5: "x"}.get(I(5)),
          {J(2 ** 70): 3}.get(2 ** 70))
    print("big int and float:", {2 ** 70: "big"}.get(2.0 ** 70), {2.0 ** 70: "f"}.get(2 ** 70),
          {2 ** 70: 1}.get(2 ** 70 + 1), {(2 ** 70, 1): "t"}.get((2.0 ** 70, 1)))
    dd = Defaulting(a=1)
    print("missing:", dd["a"], dd["b"])
    lg = Logging()
    lg["x"] = 1
    print("logging:", lg["x"])


# --- c[k] op= v ---------------------------------------------------------------------------

class Recording(list):
    def __getitem__(self, k):
        print("  getitem", k)
        return super().__getitem__(k)

    def __setitem__(self, k, v):
        print("  setitem", k, v)
        super().__setitem__(k, v)


def main_augassign():
    a = [1, 2.5, 3, "s", [4]]
    a[0] += 10
    a[1] *= 2
    a[-3] -= 1
    a[3] += "t"
    a[4] += [5]
    a[True] += 1
    print("list:", a)
    grid = [[0] * 3 for _ in range(3)]
    for i in range(3):
        for j in range(3):
            grid[i][j] += i * 3 + j
            grid[j][i] -= 1
    print("grid:", grid)
    d = {"x": 1}
    d["x"] += 5
    print("dict:", d)
    r = Recording([1, 2])
    r[1] += 3
    print("subclass:", r)
    t = (1, 2)
    for case in range(5):
        try:
            if case == 0:
                t[0] += 1
            elif case == 1:
                a[10] += 1
            elif case == 2:
                a[3] += 1
            elif case == 3:
                a[2 ** 80] += 1
            else:
                d["y"] += 1
        except (TypeError, IndexError, KeyError) as e:
            print("error:", type(e).__name__, e)
    print("unchanged:", t, a, d)
    counts = [0] * 4
    for i in range(100):
        counts[i % 4] += i
        counts[-1 - i % 4] -= 1
    print("counts:", counts)


def augassign_traceback():
    values = [1, 2, 3]
    index = 7
    values[index] += 1


def missing_key_traceback():
    table = {"a": 1}
    key = "b"
    return table[
        key]


main_generators()
main_slices()
main_dicts()
main_augassign()

def where(e):
    # The raising frame's entry (a caller's `tb_lasti` is its CALL's, compared elsewhere).
    tb = e.__traceback__.tb_next
    out = []
    while tb is not None:
        out.append((tb.tb_lineno, tb.tb_lasti))
        tb = tb.tb_next
    return out


try:
    augassign_traceback()
except IndexError as e:
    print("caught:", e, where(e))
try:
    slice_error_traceback()
except ValueError as e:
    print("caught:", e, where(e))
try:
    slice_error_traceback()
except ValueError as e:
    print("caught:", e)
try:
    missing_key_traceback()
except KeyError as e:
    print("caught:", repr(e))
print(missing_key_traceback())
