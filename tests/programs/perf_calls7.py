# Calls that bind *args and **kwargs without the general binder (session 7), `f(*a, **kw)`
# passing the caller's dict on without a copy, and every case that must fall back: binding
# errors with CPython's messages, keywords naming positional-only parameters, repeated and
# non-str keys, str subclass keys, odd __kwdefaults__, mappings that are not dicts, merges of
# several dicts, dicts mutated by the callee, cells, generators, recursion, __del__ order and
# tracebacks through the fast paths.
import sys


def va(*args):
    return args


def vk(**kwargs):
    return kwargs


def both(a, b=2, *rest, k=3, **kw):
    return (a, b, rest, k, kw)


def po(a, /, b, **kw):
    return (a, b, kw)


def kwo(x, *v, req, opt="o", **kw):
    return (x, v, req, opt, kw)


print(va(), va(1), va(1, 2), va(*range(5)))
print(vk(), vk(a=1), vk(b=2, a=1), vk(**{"z": 0, "y": 1}))
print(both(1), both(1, 5), both(1, 5, 6, 7), both(1, k=9), both(1, 2, 3, x=4, k=5, y=6))
print(both(b=7, a=8), both(1, z=1, b=3))
print(po(1, 2), po(1, 2, a=3), po(1, b=2, a=5, c=6))
print(kwo(1, req=2), kwo(1, 2, 3, req=4, opt=5, extra=6), kwo(x=0, req=1))
print(type(va()), len(va()), type(vk()))

# Errors: each takes the general binder, which raises CPython's message.
for call in (
    lambda: both(),
    lambda: both(1, a=2),
    lambda: both(1, 2, 3, b=4),
    lambda: po(a=1, b=2),
    lambda: po(1),
    lambda: kwo(1),
    lambda: kwo(1, 2, opt=3),
    lambda: kwo(1, req=1, x=2),
    lambda: va(a=1),
    lambda: vk(1),
    lambda: vk(**{1: 2}),
    lambda: va(*5),
    lambda: vk(**5),
    lambda: vk(**{"a": 1}, **{"a": 2}),
    lambda: vk(**{"a": 1}, a=3),
):
    try:
        print("ok?", call())
    except TypeError as e:
        print("TypeError:", e)

# Keyword names made at run time: equal text, another object.
nm = "".join(["k"])
print(both(1, **{nm: 0}), both(**{"".join(["a"]): 1, nm: 2, "q": 3}))
print(vk(**{"".join(["a", "b"]): 1}), po(1, **{"".join(["a"]): 2, "b": 3}))


class S(str):
    pass


r = vk(**{S("s"): 1})
print(r, [type(k).__name__ for k in r])
r = both(1, **{S("k"): 5, S("w"): 6})
print(r, [type(k).__name__ for k in r[4]])
try:
    vk(**{S("a"): 1, "a": 2})
except TypeError as e:
    print("TypeError:", e)

# The callee's **kwargs is always a new dict: the caller's dict is not shared or changed.
d = {"a": 1, "b": 2}
got = vk(**d)
print(got == d, got is d)
got["c"] = 3
print(d)


def mutate(**kw):
    kw["new"] = 1
    kw.pop("a", None)
    return kw


def passthrough(*a, **kw):
    return mutate(*a, **kw)


print(mutate(**d), d)
print(passthrough(**d), d)
print(passthrough(a=5, z=6), d)


def clears(**kw):
    d2.clear()
    return kw


d2 = {"p": 1, "q": 2}
print(clears(**d2), d2)

# Two merged dicts and a merge followed by keywords: the first dict is never written to.
a1 = {"x": 1}
b1 = {"y": 2}
print(vk(**a1, **b1), a1, b1)
print(vk(**a1, z=3), a1)
print(vk(w=0, **a1), a1)
print(dict(**a1), dict(**a1) is a1)


# Mappings that are not exact dicts.
class M:
    def keys(self):
        return ["m", "n"]

    def __getitem__(self, k):
        return k * 2


class DS(dict):
    def keys(self):
        return ["only"]

    def __getitem__(self, k):
        return "from-getitem"


print(vk(**M()), both(1, **M()))
print(vk(**DS(only=1, other=2)))
print(passthrough(**M()))


# Native callees with *args/**kwargs and a dict passed on.
def wrap(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)

    return wrapper


wmax = wrap(max)
wsorted = wrap(sorted)
wdict = wrap(dict)
print(wmax(3, 9, 4), wmax([1, 5], key=lambda x: -x), wsorted([3, 1, 2], reverse=True))
base = {"u": 1}
made = wdict(**base)
print(made, made is base, wdict(base, v=2), base)
try:
    wmax()
except (TypeError, ValueError) as e:
    print(type(e).__name__, e)


# __kwdefaults__ replaced, removed and odd.
def kd(*a, p=1, q=2, **kw):
    return (a, p, q, kw)


print(kd(), kd(q=5, r=6))
kd.__kwdefaults__ = {"p": 10, "q": 20, 3: 4}
print(kd(), kd(p=0))
kd.__kwdefaults__ = {"p": 11}
try:
    kd()
except TypeError as e:
    print("TypeError:", e)
kd.__kwdefaults__ = None
try:
    kd(p=1)
except TypeError as e:
    print("TypeError:", e)
kd.__kwdefaults__ = {S("p"): 7, "q": 8}
print(kd())


# Defaults with *args: more defaults than parameters, replaced defaults.
def dv(a, b=1, *r):
    return (a, b, r)


print(dv(0), dv(0, 1, 2))
dv.__defaults__ = (5, 6, 7)
print(dv(0), dv())
dv.__defaults__ = None
try:
    dv(0)
except TypeError as e:
    print("TypeError:", e)


# Cells over *args/**kwargs, generators, bound and class methods.
def cells(*a, **k):
    def inner():
        return (a, k)

    return inner()


def gen(*a, **k):
    yield a
    yield k


class C:
    def m(self, *a, **k):
        return (type(self).__name__, a, k)

    @classmethod
    def cm(cls, *a, **k):
        return (cls.__name__, a, k)

    @staticmethod
    def sm(*a, **k):
        return (a, k)


c = C()
print(cells(1, 2, x=3), list(gen(4, y=5)), list(gen()))
print(c.m(), c.m(1, z=2), C.cm(3, w=4), C.sm(5, v=6), c.m(**{"q": 1}), C.m(c, *[1, 2]))
print(wrap(c.m)(7, r=8), wrap(C.cm)(9), wrap(gen)(1, s=2).__next__())


# __del__ order: the *args tuple and **kwargs dict die at the return, in CPython's order.
class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def hold(*a, **k):
    print("in hold", len(a), len(k))


hold(D("p1"), D("p2"), k1=D("k1"), k2=D("k2"))
print("after hold")


def hold_wrapped(*a, **k):
    return hold(*a, **k)


hold_wrapped(D("w1"), kw=D("wk"))
print("after wrapped")


def take_one(x, *a, **k):
    print("take_one", x.name)
    return a


take_one(D("x"), D("a"), k=D("k"))
print("after take_one")


# Recursion through *args/**kwargs wrappers, to RecursionError and back.
def rec(n, *a, **k):
    if n == 0:
        return 0
    return 1 + rec(n - 1, *a, **k)


def rec_forever(*a, **k):
    return rec_forever(*a, **k)


print(rec(50, 1, 2, k=3))
try:
    rec_forever(1, x=2)
except RecursionError as e:
    print("RecursionError:", e)
print(rec(20, z=1))

# Many calls in a loop (the pooled frames and dicts are reused).
total = 0
for i in range(300):
    total += len(va(*range(i % 5))) + len(vk(**{"a": i, "b": i}))
    total += both(i, i, i, k=i, extra=i)[3]
print(total)


# `f(*a, **kw)` with `kw` a local: an exact dict is handed on, anything else is merged.
def fwd(kw, *a):
    return vk(*a, **kw)


def fwd_both(kw, a):
    return both(*a, **kw)


class DD(dict):
    pass


local_d = {"m": 1}
print(fwd(local_d), fwd(DD(n=2)), fwd(M()), fwd({}), local_d)
print(fwd_both({"k": 4}, (1, 2, 3)), fwd_both({}, [5]), fwd_both({"z": 1}, range(2)))
for bad in ({1: 2}, 5, {"a": 1, "b": 2}):
    try:
        print(fwd(bad, 1))
    except TypeError as e:
        print("TypeError:", e)
try:
    fwd_both({"k": 1}, 5)
except TypeError as e:
    print("TypeError:", e)


def fwd_del(**kw):
    out = vk(**kw)
    del kw
    try:
        return vk(**kw)
    except UnboundLocalError as e:
        return (out, "UnboundLocalError", str(e))


print(fwd_del(q=1))


def fwd_mutating(**kw):
    got = clears2(**kw)
    return (got, kw)


def clears2(**k):
    k["extra"] = 1
    return k


print(fwd_mutating(a=1, b=2))


def fwd_native(**kw):
    return (dict(**kw), sorted([3, 1, 2], **kw), max([1, 9], **kw))


r = fwd_native(key=lambda x: -x)
print(fwd_native(), list(r[0]), r[1], r[2])


# An error raised inside a callee reached through *args/**kwargs wrappers: the traceback
# shows each frame at the right line.
def failing(x, *, scale=1, **opts):
    return x * scale / opts["div"]


def outer():
    w = wrap(failing)
    print(w(3, div=1), w(4, scale=2, div=4))
    return w(1, scale=2,
             div=0)


outer()
