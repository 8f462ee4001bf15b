"""copy and pickle of user-class instances through object.__reduce_ex__ (the default reduce protocol)."""
import copy
import copyreg
import pickle
from collections import namedtuple
from dataclasses import dataclass


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"P({self.x!r}, {self.y!r})"


p = P(1, [2, 3])
c = copy.copy(p)
d = copy.deepcopy(p)
d.y.append(4)
print(c, d, p, c.y is p.y, d.y is p.y)
r = p.__reduce_ex__(4)
print(r[0] is copyreg.__newobj__, r[1:])
print(P.__reduce_ex__(p, 2)[1:], object.__reduce_ex__(p, 3)[2] is p.__dict__)
print(object().__reduce_ex__(2)[1:], object().__getstate__())
empty = P.__new__(P)
print(empty.__getstate__(), empty.__reduce_ex__(2)[2])

# protocols 0 and 1 go through copyreg._reduce_ex
r0 = p.__reduce_ex__(0)
print(r0[0].__name__, r0[1], r0[2])
print(p.__reduce__()[1], pickle.loads(pickle.dumps(p, 0)), pickle.loads(pickle.dumps(p, 1)))
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    q = pickle.loads(pickle.dumps(p, proto))
    print(proto, q, type(q) is P, q.y == p.y)


class S:
    __slots__ = ("a", "b")


s = S()
s.a = 5
t = copy.copy(s)
print(t.a, hasattr(t, "b"), s.__reduce_ex__(2)[2], s.__getstate__(), S.__slotnames__)
s.b = [1]
u = copy.deepcopy(s)
print(u.a, u.b, u.b is s.b, pickle.loads(pickle.dumps(s)).b)


class SD(S):
    __slots__ = ("c", "__dict__")


sd = SD()
sd.c = 3
sd.z = 4
print(sd.__getstate__(), copy.copy(sd).c, copy.copy(sd).z, SD.__slotnames__)


class L(list):
    pass


class D(dict):
    pass


lst = L([1, [2]])
lst.tag = "t"
m = copy.deepcopy(lst)
print(m, type(m).__name__, m.tag, m[1] is lst[1], lst.__reduce_ex__(2)[2:4][0])
dd = D(a=1)
dd.note = 2
e = copy.copy(dd)
print(e, type(e).__name__, e.note, pickle.loads(pickle.dumps(dd)))
r = dd.__reduce_ex__(2)
print(r[1], r[2], r[3], list(r[4]))


class N:
    def __getnewargs__(self):
        return (1, 2)

    def __new__(cls, a=0, b=0):
        o = super().__new__(cls)
        o.ab = (a, b)
        return o


n = N.__new__(N)
print(copy.copy(n).ab, n.__reduce_ex__(2)[1])
del n.ab
print(copy.copy(n).ab)


class K:
    def __getnewargs_ex__(self):
        return (1,), {"b": 2}

    def __new__(cls, a, b=0):
        o = super().__new__(cls)
        o.args = (a, b)
        return o


k = K(7, b=8)
r = k.__reduce_ex__(2)
print(r[0] is copyreg.__newobj_ex__, r[1], copy.copy(k).args, pickle.loads(pickle.dumps(k)).args)


class KE:
    def __getnewargs_ex__(self):
        return (1,), {}

    def __new__(cls, *a):
        return super().__new__(cls)


print(KE().__reduce_ex__(2)[0] is copyreg.__newobj__, KE().__reduce_ex__(2)[1])


class G:
    def __init__(self):
        self.v = 1

    def __getstate__(self):
        return {"v": self.v * 10}

    def __setstate__(self, st):
        self.v = st["v"] + 1


print(copy.copy(G()).v, pickle.loads(pickle.dumps(G())).v, G().__reduce_ex__(2)[2])


class R:
    def __reduce__(self):
        return (R2, (42,))


class R2:
    def __init__(self, v):
        self.v = v


print(type(copy.copy(R())).__name__, copy.copy(R()).v, R().__reduce_ex__(2))


@dataclass
class Pt:
    x: int
    y: list


pt = Pt(1, [2])
print(copy.deepcopy(pt), pickle.loads(pickle.dumps(pt)) == pt)
NT = namedtuple("NT", "a b")
print(copy.copy(NT(1, 2)), pickle.loads(pickle.dumps(NT(3, [4]))))


class I(int):
    pass


i = I(5)
i.w = 6
j = copy.copy(i)
print(j, type(j).__name__, j.w, i.__reduce_ex__(2)[1])


class Str(str):
    pass


print(repr(copy.copy(Str("ab"))), type(pickle.loads(pickle.dumps(Str("cd")))).__name__)


def bad(getnewargs_ex=None, getnewargs=None):
    class B:
        pass

    if getnewargs_ex is not None:
        B.__getnewargs_ex__ = lambda self: getnewargs_ex
    if getnewargs is not None:
        B.__getnewargs__ = lambda self: getnewargs
    try:
        B().__reduce_ex__(2)
    except (TypeError, ValueError) as exc:
        print(type(exc).__name__, exc)


bad(getnewargs_ex=[1])
bad(getnewargs_ex=(1,))
bad(getnewargs_ex=([], {}))
bad(getnewargs_ex=((), []))
bad(getnewargs=[1])


def gen():
    yield 1


for thing in (gen(),):
    try:
        copy.copy(thing)
    except TypeError as exc:
        print(exc)
for call in (
    lambda: object().__reduce_ex__(),
    lambda: object().__reduce_ex__("a"),
    lambda: object().__reduce__(1),
    lambda: object().__getstate__(1),
    lambda: object().__reduce_ex__(1, 2),
    lambda: object().__reduce_ex__(2**70),
):
    try:
        call()
    except (TypeError, OverflowError) as exc:
        print(type(exc).__name__, exc)


class Cyc:
    pass


a = Cyc()
a.me = a
a.items = [a]
b = copy.deepcopy(a)
print(b.me is b, b.items[0] is b, b is not a)
b2 = pickle.loads(pickle.dumps(a))
print(b2.me is b2, b2.items[0] is b2)

# protocol 0 writes str with the raw_unicode_escape codec
print(pickle.loads(pickle.dumps(["caf\xe9", "\u20ac\\u20ac", "\U0001f600"], 0)))
for s in ["abc", "caf\xe9", "\u20ac x \U0001f600", "\\u0041", "\ud800"]:
    enc = s.encode("raw-unicode-escape")
    print(enc, enc.decode("raw_unicode_escape") == s)
for raw in [b"\\u0041\\U0001F600", b"\\\\u0041", b"\\x", b"\\", b"a\\u00", b"\\U00110000", b"\\u12G4"]:
    try:
        print(ascii(raw.decode("raw-unicode-escape")))
    except UnicodeDecodeError as exc:
        print(exc)
print(ascii(b"a\\u00zz".decode("raw-unicode-escape", "replace")))
