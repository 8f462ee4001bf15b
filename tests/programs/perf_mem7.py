"""Where objects keep their __dict__ (instances of builtin subclasses, modules, functions,
classes, exceptions, classmethod/staticmethod objects), and the compact iterator, slice and
dict payloads: attribute order, identity, vars(), deletion, lifetimes, cycles, weakrefs."""
import gc
import sys
import weakref
import operator
from collections import defaultdict

log = []


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append("del " + self.name)


class L(list):
    pass


class S(str):
    pass


class T(tuple):
    pass


class D(dict):
    pass


class I(int):
    pass


class F(float):
    pass


class C(complex):
    pass


class B(bytes):
    pass


class BA(bytearray):
    pass


class St(set):
    pass


class FS(frozenset):
    pass


def show(o):
    o.first = 1
    o.second = "two"
    o.third = [3]
    d = o.__dict__
    print(type(o).__name__, list(d), d is o.__dict__, vars(o) is d, o.second)
    del o.second
    o.second = 2
    print(" ", list(o.__dict__.items()), hasattr(o, "missing"), getattr(o, "third"))


for o in (L([1, 2]), S("ab"), T((1, 2)), D(a=1), I(7), F(1.5), C(1, 2), B(b"x"),
          BA(b"y"), St({1}), FS({2})):
    show(o)
    print("  value:", repr(o) if not isinstance(o, (St, FS)) else sorted(o))

# A fresh instance never sees an attribute of an earlier one (addresses are reused).
for i in range(200):
    x = L()
    if x.__dict__:
        print("stale dict!", i, x.__dict__)
    x.k = i
    s = S("s%d" % i)
    if vars(s):
        print("stale str dict!", i)
    s.k = i
print("fresh instances ok", x.k, s.k)

# The attributes die with the instance, at once.
log.clear()
x = L([1])
x.n = Noisy("list attr")
y = S("abc")
y.n = Noisy("str attr")
del x
log.append("after del x")
del y
log.append("after del y")
print(log)


# __del__ of a builtin subclass: its attributes are still there, then die.
class DL(list):
    def __del__(self):
        log.append("DL.__del__ sees " + self.tag + " " + str(len(self)))


log.clear()
z = DL([1, 2, 3])
z.tag = "tagged"
z.n = Noisy("DL attr")
del z
print(log)

# A cycle through the instance's own dict is collected.
log.clear()
c = L([1, 2])
c.me = c
c.n = Noisy("cycle attr")
r = weakref.ref(c)
del c
gc.collect()
print(r() is None, log)

# Weak references with a callback to a builtin-subclass instance with attributes.
log.clear()
w_obj = D(k=1)
w_obj.attr = Noisy("dict attr")
wr = weakref.ref(w_obj, lambda ref: log.append("callback"))
del w_obj
print(wr() is None, log)

# Modules.
import types

m = sys.modules[__name__]
m.mod_a = 1
m.mod_b = 2
print(mod_a, mod_b, m.__dict__ is vars(m), m.__dict__ is globals(), m.__name__)
del m.mod_a
print(hasattr(m, "mod_a"), "mod_a" in globals(), m.mod_b)
types.custom_attr = 7
print(types.custom_attr, vars(types)["custom_attr"], types.__name__)


# Functions.
def f():
    return 1


f.x = 10
f.y = 20
print(f.__dict__, vars(f) is f.__dict__, f.x + f.y)
del f.x
print(f.__dict__, hasattr(f, "x"))
g = lambda: 2
print(g.__dict__)


# Classes.
class K:
    a = 1

    def m(self):
        return 2


print([k for k in K.__dict__ if not k.startswith("__")], type(K.__dict__).__name__)
K.b = 3
print(K.b, "b" in K.__dict__, vars(K)["a"])


# Exceptions with attributes.
class MyErr(Exception):
    def __init__(self, code):
        super().__init__("failed", code)
        self.code = code


try:
    raise MyErr(42)
except MyErr as e:
    e.extra = "more"
    print(e.args, e.code, e.extra, e.__dict__)
err = ValueError("v")
print(err.__dict__)
err.note = 1
print(err.__dict__, vars(err) is err.__dict__)
try:
    raise KeyError("k")
except KeyError as e:
    print(e.__dict__, hasattr(e, "nope"))

# classmethod / staticmethod objects.
sm = staticmethod(len)
sm.tag = "s"
cm = classmethod(f)
cm.tag = "c"
print(sm.tag, cm.tag, sm.__dict__["tag"], cm.__dict__["tag"])

# defaultdict keeps its factory.
dd = defaultdict(list)
dd["a"].append(1)
dd.default_factory = list
print(dict(dd), dd.default_factory is list, dd["b"])

# Range iterators with steps beyond 32 bits (their type name is not printed: the reference
# CPython is a 32-bit build, where these are longrange_iterators).
for rng in (range(0, 10**10, 3_000_000_000), range(10**10, 0, -3_000_000_000),
            range(5), range(10, 0, -3), range(-2**40, 2**40, 2**39)):
    it = iter(rng)
    print(it.__length_hint__(), operator.length_hint(it), end=" ")
    print(next(it), list(it), it.__length_hint__())
it = iter(range(0, 10**10, 3_000_000_000))
it.__setstate__(2)
print(list(it))
it = iter(range(3, 30, 5))
print(it.__reduce__()[1:], next(it), it.__length_hint__())
print(list(range(0, 2**31 + 10, 2**31 - 1)), list(range(0, -2**33, -2**31)))

# String iterators hold the str, not a copy.
for text in ("short", "a much longer text than twenty-two bytes", "h\u00e9llo w\u00f6rld",
             "\u4e2d\u6587" * 12, ""):
    it = iter(text)
    print(type(it).__name__, "".join(it) == text, list(iter(text))[:3], end=" ")
    it2 = iter(text)
    del text
    print(len(list(it2)))

# Dict iterators.
d = {i: i * i for i in range(10)}
it = iter(d.items())
print(next(it), list(it)[:3])
try:
    for k in d:
        d[k + 100] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
d2 = {"a": 1, "b": 2}
vi = iter(d2.values())
print(next(vi), d2.pop("a"))
try:
    next(vi)
except RuntimeError as e:
    print("RuntimeError:", e)

# zip (strict and not), the old __getitem__ protocol, iter(callable, sentinel).
print(list(zip("abc", range(5))), list(zip()))
try:
    print(list(zip("ab", "abc", strict=True)))
except ValueError as e:
    print("ValueError:", e)
pairs = [p for p in zip(range(3), range(3, 6))]
print(pairs, pairs[0] is pairs[1])


class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * 10


print(list(Seq()), list(iter(iter([1, 2, 3]).__next__, 3)))
gi = iter(Seq())
print(type(gi).__name__, next(gi), next(gi), list(gi))

# Slices.
s1 = slice(1, 10, 2)
s2 = slice(None, 5)
print(s1, s2, s1.start, s1.stop, s1.step, s2.step, s1 == slice(1, 10, 2), s1 < slice(2, 3))
print(hash(s1) == hash(slice(1, 10, 2)), s1.indices(5), s2.indices(3))
text = "abcdefghij"
print(text[s1], text[::-1], text[1:], [0, 1, 2, 3][s2], (1, 2, 3)[::2])
try:
    slice(1, 2, 0).indices(3)
except ValueError as e:
    print("ValueError:", e)

# Dicts and instances with __slots__ (their payloads are boxed now).
class Sl:
    __slots__ = ("a", "b")


class SlD:
    __slots__ = ("a", "__dict__")


o = Sl()
o.a = 1
try:
    o.c = 3
except AttributeError as e:
    print("AttributeError:", e)
p = SlD()
p.a = 1
p.z = 2
print(o.a, p.a, p.__dict__, hasattr(o, "__dict__"))
big = {}
for i in range(2000):
    big[str(i)] = i
for i in range(0, 2000, 2):
    del big[str(i)]
print(len(big), list(big)[:3], sum(big.values()))
