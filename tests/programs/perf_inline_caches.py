# Inline caches of LOAD_ATTR / STORE_ATTR / LOAD_GLOBAL must notice every change that affects
# the result: class attributes added, replaced or deleted (also on a base class), instance
# attributes shadowing methods, polymorphic call sites, globals rebound, builtins shadowed.


class Base:
    kind = "base"

    def who(self):
        return "Base.who"


class Sub(Base):
    pass


class Other:
    kind = "other"

    def who(self):
        return "Other.who"


class Third(Base):
    def who(self):
        return "Third.who"


class Fourth(Base):
    kind = 4


class Fifth(Base):
    pass


def probe(o):
    return o.who(), o.kind


objs = [Base(), Sub(), Other(), Third(), Fourth(), Fifth()]
for rnd in range(3):
    print(rnd, [probe(o) for o in objs])

# Change a method on the base class: subclasses see it.
Base.who = lambda self: "new Base.who"
print([probe(o) for o in objs])

# Shadow a method with an instance attribute.
s = objs[1]
s.who = lambda: "instance who"
print(probe(s), probe(objs[5]))
del s.who
print(probe(s))

# Class attribute deleted: falls back to the base class, then to AttributeError.
Fourth.kind
del Fourth.kind
print(probe(objs[4]))
del Base.kind
for o in objs:
    try:
        print(probe(o))
    except AttributeError as e:
        print("AttributeError:", e)
Base.kind = "back"
print([probe(o) for o in objs])


# A property added after the site was warmed up with plain instance attributes.
class P:
    def __init__(self):
        self.x = 1


def getx(p):
    return p.x


def setx(p, v):
    p.x = v


p = P()
for i in range(3):
    setx(p, i)
    print(getx(p))
P.x = property(lambda self: "prop", lambda self, v: print("setter", v))
setx(p, 10)
print(getx(p), p.__dict__)
del P.x
print(getx(p))


# __getattr__ / __setattr__ added later.
class Q:
    pass


q = Q()
for i in range(3):
    setx(q, i)
    print(getx(q))
Q.__setattr__ = lambda self, n, v: object.__setattr__(self, n, v * 100)
setx(q, 5)
print(getx(q))
Q.__getattribute__ = lambda self, n: "intercepted " + n
print(getx(q))
del Q.__getattribute__
del Q.__setattr__
print(getx(q))

# Globals rebound, deleted, and builtins shadowed.
counter = 1


def read_counter():
    return counter


def use_len(x):
    return len(x)


for i in range(3):
    print(read_counter(), use_len("abc"))
counter = 2
print(read_counter())
del counter
try:
    read_counter()
except NameError as e:
    print("NameError:", e)
counter = 3
print(read_counter())
len = lambda x: "shadowed len"
print(use_len("abc"))
del len
print(use_len("abc"))
import builtins

old_len = builtins.len
builtins.len = lambda x: "patched builtin"
print(use_len("abcd"))
builtins.len = old_len
print(use_len("abcd"))


# Module attributes.
import math


def msqrt(v):
    return math.sqrt(v)


print(msqrt(16.0))
math.sqrt = lambda v: "patched sqrt"
print(msqrt(16.0))
del math.sqrt
try:
    msqrt(1.0)
except AttributeError as e:
    print("AttributeError:", e)


# Integer and float fast paths keep Python semantics.
vals = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (2**62, 4), (-(2**63), 1), (5, 0)]
for a, b in vals:
    out = []
    for f in (
        lambda a, b: a // b,
        lambda a, b: a % b,
        lambda a, b: a & b,
        lambda a, b: a | b,
        lambda a, b: a ^ b,
        lambda a, b: a >> b,
        lambda a, b: a << b,
        lambda a, b: a * b,
        lambda a, b: a - b,
    ):
        try:
            out.append(f(a, b))
        except (ZeroDivisionError, ValueError) as e:
            out.append(type(e).__name__)
    print(a, b, out)
for a, b in [(1.5, 2), (3, 0.5), (1.0, 0.0), (-0.0, 0.0), (1e308, 10.0), (2**60 + 1, 1.0)]:
    out = []
    for f in (lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b, lambda a, b: a / b):
        try:
            out.append(f(a, b))
        except ZeroDivisionError as e:
            out.append(str(e))
    print(a, b, out, a < b, a == b, a >= b)
nan = float("nan")
print(nan < 1.0, nan == nan, nan != nan, nan >= nan)
