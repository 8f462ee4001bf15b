# Instance attributes kept in the instance (values indexed by the class's key table) and every
# way an instance leaves that mode for a real dict, through the cached and the generic paths.
import gc
import weakref


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)

    def __repr__(self):
        return f"P({self.x!r}, {self.y!r})"


def read_all(objs):
    # One LOAD_ATTR site per attribute, seeing every instance: hits and misses.
    out = []
    for o in objs:
        try:
            out.append((o.x, o.y))
        except AttributeError as e:
            out.append(str(e))
    return out


def write_all(objs, v):
    for o in objs:
        o.x = v
        o.y = v + 1


# Same class, attributes in different orders; an extra attribute; a missing one.
a = P(1, 2)
b = P(3, 4)
b.z = 5
c = P.__new__(P)
c.y = 7
c.x = 6
d = P.__new__(P)
d.x = 8
objs = [a, b, c, d]
for _ in range(3):
    print(read_all(objs))
print([vars(o) for o in objs])
write_all(objs[:3], 10)
print([o.__dict__ for o in objs])
print(a, b, c, a.norm1(), c.norm1())

# del then set again: the name moves to the end.
e = P(1, 2)
del e.x
print(e.__dict__)
try:
    e.x
except AttributeError as err:
    print("AttributeError:", err)
e.x = 3
print(e.__dict__, e.x, e.norm1())
f = P(1, 2)
del f.y
try:
    del f.y
except AttributeError as err:
    print("AttributeError:", err)
try:
    del f.nothere
except AttributeError as err:
    print("AttributeError:", err)

# __dict__: identity, writes through it, assignment, update, deletion.
g = P(1, 2)
dd = g.__dict__
print(dd is g.__dict__, dd)
dd["x"] = 100
dd["w"] = -1
print(g.x, g.w, g.norm1())
g.y = 50
print(dd, g.__dict__ is dd)
h = P(1, 2)
h.__dict__.update(x=9, q=4)
print(h.x, h.q, vars(h))
h.__dict__ = {"x": 5, "y": 6}
print(h.x, h.y, h.__dict__)
nd = {"x": 1}
h.__dict__ = nd
nd["y"] = 2
print(h.y, h.__dict__ is nd, h.norm1())
try:
    h.__dict__ = 5
except TypeError as err:
    print("TypeError:", err)
del h.__dict__
print(h.__dict__)
h.x = 1
h.y = 2
print(h.__dict__, h.norm1())

# Methods shadowed by instance attributes, through values and through the dict.
class M:
    k = 10

    def __init__(self):
        self.a = 1

    def m(self):
        return "method"


def call_m(objs):
    out = []
    for o in objs:
        out.append((o.m(), o.k))
    return out


m1, m2, m3 = M(), M(), M()
print(call_m([m1, m2, m3]))
m2.m = lambda: "shadow"
m2.k = 20
print(call_m([m1, m2, m3]))
m3.__dict__["m"] = lambda: "dict shadow"
print(call_m([m1, m2, m3]))
m4 = M()
m4.m = lambda: "new instance shadow"
print(call_m([m1, m4]))
del m2.m
print(call_m([m1, m2, m3, m4]))

# More attributes than the key table holds.
class Big:
    pass


big = Big()
for i in range(40):
    setattr(big, "a%d" % i, i)
print(len(vars(big)), big.a0, big.a29, big.a30, big.a39)
big2 = Big()
for i in range(35):
    setattr(big2, "a%d" % i, -i)
print(sum(vars(big2).values()), big2.a34)

# setattr/getattr/hasattr/delattr with odd names and str subclasses.
class S(str):
    pass


o = P(1, 2)
setattr(o, "not an identifier", 3)
setattr(o, S("sub"), 4)
print(getattr(o, "not an identifier"), getattr(o, "sub"), hasattr(o, S("x")))
print(sorted(vars(o)))
delattr(o, S("x"))
print(hasattr(o, "x"), vars(o))
try:
    setattr(o, 5, 1)
except TypeError as err:
    print("TypeError:", err)

# Attribute hooks and descriptors.
class G:
    def __init__(self):
        self.a = 1

    def __getattr__(self, name):
        return "fallback " + name


gg = G()
print(gg.a, gg.b)


class SA:
    def __init__(self):
        self.a = 1

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 2)


sa = SA()
sa.b = 5
print(sa.a, sa.b, vars(sa))


class GA:
    def __init__(self):
        self.a = 1

    def __getattribute__(self, name):
        if name == "a":
            return "intercepted"
        return object.__getattribute__(self, name)


ga = GA()
print(ga.a, ga.__dict__)


class Prop:
    def __init__(self):
        self._v = 0
        self.v = 5

    @property
    def v(self):
        return self._v * 10

    @v.setter
    def v(self, x):
        self._v = x


pr = Prop()
print(pr.v, vars(pr))


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1


sl = Slotted()
print(sl.a, hasattr(sl, "b"))
try:
    sl.c = 1
except AttributeError as err:
    print("AttributeError:", err)

# Subclasses: their own attributes, the parent's methods.
class Q(P):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


qs = [Q(1, 2, 3), Q(4, 5, 6), P(7, 8)]
print(read_all(qs), [vars(q) for q in qs], [q.norm1() for q in qs])

# Class attribute defaults overridden per instance.
class Dflt:
    count = 0
    label = "none"

    def __init__(self, n):
        if n % 2:
            self.count = n


def counts(objs):
    return [(o.count, o.label) for o in objs]


ds = [Dflt(i) for i in range(5)]
print(counts(ds))
ds[0].label = "zero"
print(counts(ds))

class Node:
    def __init__(self, v, nxt=None):
        self.v = v
        self.nxt = nxt


# Cycles through values-mode instances are found by the collector; __del__ runs.
class D:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("del", self.name)


gc.collect()
x1, x2 = D("x1"), D("x2")
x1.other = x2
x2.other = x1
wr = weakref.ref(x1)
del x1, x2
print("collected", gc.collect() >= 2, wr() is None)
y = D("y")
del y
ring = [Node(i) for i in range(5)]
for i in range(5):
    ring[i].nxt = ring[(i + 1) % 5]
r0 = weakref.ref(ring[0])
del ring
gc.collect()
print("ring", r0() is None)

# Errors from the cached paths: messages, suggestions, traceback carets.
class E:
    def __init__(self):
        self.value = 1
        self.other_value = 2


def get_valeu(o):
    return o.valeu


es = [E(), E()]
for o in es:
    o.value
try:
    get_valeu(es[0])
except AttributeError as err:
    print("AttributeError:", err)
ee = E()
ee.__dict__
ee.extra_attribute = 3
print(sorted(dir(ee))[-4:])
print(get_valeu(es[1]))
