# Deeply nested data (100,000 levels): CPython 3.12 raises RecursionError from repr, ==, <, str,
# hashing lookups and friends instead of overflowing the C stack, and pyvm must do the same
# (not crash). The messages name what was being done ("in comparison", "while getting the repr
# of an object"). hash() of a deep tuple does not check the depth in CPython (it returns an int
# at this depth), so only its type is printed.
N = 100000


def nested_list(n):
    x = []
    for _ in range(n):
        x = [x]
    return x


def nested_dict(n):
    d = {}
    for _ in range(n):
        d = {"k": d}
    return d


def nested_tuple(n):
    t = ()
    for _ in range(n):
        t = (t,)
    return t


def nested_frozenset(n):
    f = frozenset()
    for _ in range(n):
        f = frozenset([f])
    return f


def attempt(label, f):
    try:
        r = f()
    except RecursionError as e:
        print(label, "->", type(e).__name__ + ":", e)
    else:
        print(label, "->", type(r).__name__)


a = nested_list(N)
b = nested_list(N)
d = nested_dict(N)
t = nested_tuple(N)
t2 = nested_tuple(N)
fs = nested_frozenset(N)
attempt("repr(list)", lambda: repr(a))
attempt("str(list)", lambda: str(a))
attempt("list == list", lambda: a == b)
attempt("list != list", lambda: a != b)
attempt("list < list", lambda: a < b)
attempt("list in [list]", lambda: a in [b])
attempt("[1, list].count", lambda: [1, a].count(b))
attempt("sorted", lambda: sorted([a, b]))
attempt("max", lambda: max([a, b]))
attempt("str(dict)", lambda: str(d))
attempt("repr(dict)", lambda: repr(d))
attempt("dict == dict", lambda: d == nested_dict(N))
attempt("repr(tuple)", lambda: repr(t))
attempt("tuple == tuple", lambda: t == t2)
attempt("tuple <= tuple", lambda: t <= t2)
attempt("hash(tuple)", lambda: hash(t))
attempt("tuple as dict key", lambda: {t: 1}[t2])
attempt("repr(frozenset)", lambda: repr(fs))
attempt("f-string", lambda: f"{a}")
attempt("format", lambda: format(d))
attempt("print", lambda: print(a))
print("lengths", len(a), len(d), len(t), len(fs))
del a, b, d, t, t2, fs
print("freed")
