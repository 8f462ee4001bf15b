"""Fallbacks of the dict-probe, ASCII-str, tuple-compare and method-call fast paths."""


class EqStr(str):
    """A str subclass: its keys take the general lookup (Python __eq__)."""

    calls = 0

    def __eq__(self, other):
        EqStr.calls += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


class Collide:
    """Equal hashes, equality by value, counted."""

    calls = 0

    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return 7

    def __eq__(self, other):
        Collide.calls += 1
        return isinstance(other, Collide) and self.v == other.v

    def __repr__(self):
        return f"Collide({self.v})"


class BadEq:
    def __hash__(self):
        return hash("ab")

    def __eq__(self, other):
        raise ValueError("no equality here")


def dicts():
    for size in (3, 8, 9, 40, 300):
        d = {}
        for i in range(size):
            d["k" + str(i)] = i
        # equal text, different objects
        probe = ["".join(["k", str(i)]) for i in range(size)]
        print(size, sum(d[k] for k in probe), "k" + str(size) in d, d.get("nope", -1))
        # str subclass keys: found through Python equality
        EqStr.calls = 0
        print(sum(d[EqStr(k)] for k in probe), EqStr.calls > 0)
        d[EqStr("k0")] = "sub"
        print(d["k0"], len(d))
        # int, float, bool keys meet ints
        d[1] = "one"
        print(d[1.0], d[True], 2 in d, d.get(1.5, "none"))
        # tuple keys, made fresh at each lookup
        t = {}
        for i in range(size):
            t[("a" + str(i), i)] = i
        print(sum(t[("a" + str(i), i)] for i in range(size)), ("a0", 1) in t)
        # colliding user keys
        c = {Collide(i): i for i in range(min(size, 12))}
        Collide.calls = 0
        print(c[Collide(2)], Collide(99) in c, Collide.calls >= 2)
        c["ab"] = "str"
        print(c["ab"], "ab" in c)
    # a raising __eq__ met during a lookup
    d = {"ab": 1, "cd": 2}
    try:
        d[BadEq()]
    except ValueError as e:
        print("ValueError:", e)
    big = {str(i): i for i in range(100)}
    big["ab"] = 3
    try:
        print(BadEq() in big)
    except ValueError as e:
        print("ValueError:", e)
    s = set(["x", "y", "ab"])
    try:
        print(BadEq() in s)
    except ValueError as e:
        print("ValueError:", e)


def strings():
    texts = ["plain ascii text;with;fields", "caf\xe9 cr\xe8me;\u03b1\u03b2\u03b3;x", "  pad\u00a0 ", ""]
    for s in texts:
        parts = s.split(";")
        print([(p, len(p)) for p in parts], [len(w) for w in s.split()])
        print(repr(s.strip()), len(s.strip()), repr(s.strip(" ;")), len(s.rstrip("x;")))
        u = s.upper()
        print(u, len(u), s.lower(), len(s.capitalize()), s.title(), s.swapcase()[:4])
        r = s.replace(";", "\u2013")
        print(r, len(r), r[2:5], len(s.replace("a", "")))
        print(s[1:4], len(s[1:4]), s[::2], len(s[::-3]), s[5:2], len(s[-3:]), s[:100])
        f = f"<{s}|{len(s)}>"
        print(f, len(f), f[-4:])
        g = f"{s[:3]}-\u00fc-{s[-2:]}"
        print(g, len(g), g.find("\u00fc"), g[-2])
        head, sep, tail = s.partition(";")
        print(head, len(head), tail, len(tail))
    for s in ["abc", "\xe9t\xe9"]:
        print(s[1], s[-1], s[1:], s[1:].upper(), len(s[1:] + "\u2603"), ord(s[1:2]))


def compares():
    a = (1, ("x", "y"))
    b = (1, ("x", "z"))
    print(a < b, a > b, a == (1, ("x", "y")), a != b, max([a, b]), min([b, a]))
    pairs = {("w" + str(i % 7), "v" + str(i % 5)): i % 3 for i in range(50)}
    print(max(pairs.items(), key=lambda kv: (kv[1], kv[0])))
    print(sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:3])

    class Weird:
        def __init__(self, v):
            self.v = v

        def __eq__(self, other):
            return False

        def __lt__(self, other):
            return self.v < other.v

    print((1, Weird(1)) < (1, Weird(2)), (Weird(3), 1) > (Weird(2), 5))
    nested = (1,)
    for _ in range(10):
        nested = (nested, 1)
    print(nested < (nested[0], 2), nested == ((nested[0]), 1))
    try:
        print(nested > (nested[0][0], 5))
    except TypeError as e:
        print("TypeError:", e)
    try:
        print((1, "a") < (1, 2))
    except TypeError as e:
        print("TypeError:", e)


def methods():
    class S(str):
        pass

    print(str.upper("abc"), str.upper(S("xyz")), type(str.upper(S("q"))).__name__)
    up = "hello".upper
    print(up(), str.split("a b  c"), S("a,b").split(","))
    try:
        str.upper(1)
    except TypeError as e:
        print("TypeError:", e)
    try:
        "abc".upper(1)
    except TypeError as e:
        print("TypeError:", e)
    print(dict.get({"a": 1}, "a"), list.append.__name__)
    try:
        dict.get([], "a")
    except TypeError as e:
        print("TypeError:", e)


dicts()
strings()
compares()
methods()
counts = {"w": 1}
print(counts[("w")], counts["missing"])
