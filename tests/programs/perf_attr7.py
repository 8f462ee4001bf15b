# Attribute-cache hits checked inside the dispatch loop (session 7): the first way's
# instance-value and method entries, for a local owner (`LOAD_FAST; LOAD_ATTR`) and for an
# owner on the stack (`a.b.c`, `f().x`), and every way they must decline.
import sys


class P:
    kind = "p"

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x * self.x + self.y * self.y

    def shift(self, d):
        self.x = self.x + d
        self.y += d
        return self


def read_x(o):
    return o.x


def read_y_chain(h):
    return h.p.y


def call_norm(o):
    return o.norm()


def call_norm_chain(h):
    return h.p.norm()


def read_kind(o):
    return o.kind


class Holder:
    def __init__(self, p):
        self.p = p


ps = [P(i, i + 1) for i in range(5)]
print([read_x(p) for p in ps], [call_norm(p) for p in ps])
hs = [Holder(p) for p in ps]
print([read_y_chain(h) for h in hs], [call_norm_chain(h) for h in hs])
print(ps[2].shift(3).norm(), ps[2].x, ps[2].y, read_kind(ps[0]))

# A method shadowed by an instance attribute set later (values mode, then dict mode).
q = P(1, 2)
print(call_norm(q))
q.norm = lambda: "shadowed"
print(call_norm(q), call_norm(ps[0]))
h = Holder(q)
print(call_norm_chain(h))
del q.norm
print(call_norm(q), call_norm_chain(h))
q.__dict__["norm"] = lambda: "via dict"
print(call_norm(q), call_norm_chain(h), call_norm(ps[1]))

# The method replaced on the class, then a property added for an instance attribute.
P.norm = lambda self: ("new norm", self.x)
print(call_norm(ps[0]), call_norm_chain(hs[0]))
P.x = property(lambda self: "prop x")
print(read_x(ps[0]), read_y_chain(hs[1]), ps[3].x)
del P.x
print(read_x(ps[0]), ps[3].x)


# A function stored on the instance, called in method form: no `self`.
class F:
    def __init__(self):
        self.fn = lambda *a: ("fn", a)


fo = F()
for _ in range(3):
    print(fo.fn(1), Holder(fo).p.fn(2))


# Several classes through one site (more than one way), with slots and dict-mode instances.
class S:
    __slots__ = ("x",)

    def __init__(self, x):
        self.x = x

    def norm(self):
        return ("slots", self.x)


class D:
    def __init__(self, x):
        self.__dict__["x"] = x

    def norm(self):
        return ("dict", self.x)


class G:
    def __getattr__(self, name):
        return ("getattr", name)


class Sub(P):
    pass


mix = [P(1, 1), S(2), D(3), G(), Sub(4, 5), P(6, 7)]
for _ in range(2):
    print([read_x(o) for o in mix])
    print([call_norm(o) for o in mix if not isinstance(o, G)])
    print([read_y_chain(Holder(o)) for o in mix if not isinstance(o, (S, D))])

# Attributes deleted and missing: `__getattr__` or an AttributeError.
g = G()
g.x = 10
print(read_x(g))
del g.x
print(read_x(g))
r = P(1, 2)
print(read_x(r))
del r.x
try:
    read_x(r)
except AttributeError as e:
    print("AttributeError:", e)
r.x = "back"
print(read_x(r), r.__dict__)

# Instances with fewer values than the site's key index.
class Late:
    def __init__(self, full):
        self.a = 1
        if full:
            self.b = 2

    def get_b(self):
        return self.b


full, part = Late(True), Late(False)
print(full.get_b())
try:
    part.get_b()
except AttributeError as e:
    print("AttributeError:", e)


# Module attributes, a module global rebound.
mod = sys.modules[__name__]
counter = 1


def read_mod():
    return mod.counter


print(read_mod())
counter = 2
print(read_mod())
del counter
try:
    read_mod()
except AttributeError as e:
    print("AttributeError:", e)


# A class attribute changed, then shadowed.
print(read_kind(ps[1]))
P.kind = "changed"
print(read_kind(ps[1]))
ps[1].kind = "own"
print(read_kind(ps[1]), read_kind(ps[2]))


# Stores: `obj.attr = local` and `obj.attr = expression`, into values (replaced or appended),
# then declined: dict mode, slots, `__setattr__`, a property added later, a module.
class W:
    def __init__(self, a):
        self.a = a

    def set_b(self, b):
        self.b = b

    def bump(self):
        self.a = self.a + 1


def store_local(o, v):
    o.a = v


def store_expr(o, v):
    o.a = v * 2


ws = [W(i) for i in range(4)]
for w in ws:
    w.set_b(w.a)
    w.bump()
    store_local(w, w.a + 10)
print([(w.a, w.b) for w in ws])
wd = W(0)
wd.__dict__["c"] = 3
store_local(wd, "dict")
store_expr(ws[0], 5)
store_expr(wd, 6)
print(wd.__dict__, ws[0].a, vars(ws[1]))


class WS:
    __slots__ = ("a",)


class WH:
    def __setattr__(self, name, value):
        object.__setattr__(self, name, ("hooked", value))


others = [WS(), WH(), W(1), mod]
for o in others:
    store_local(o, 7)
    store_expr(o, 8)
print(others[0].a, others[1].a, others[2].a, mod.a)
W.a = property(lambda self: "prop a", lambda self, v: print("setter", v))
store_local(ws[2], 9)
store_expr(ws[3], 10)
print(ws[2].a, ws[3].a)
del W.a
print(ws[2].a, ws[3].a)
store_local(ws[2], 11)
print(ws[2].a)
try:
    store_local(1, 2)
except AttributeError as e:
    print("AttributeError:", e)


def store_slots(o):
    o.zz = 1


try:
    store_slots(WS())
except AttributeError as e:
    print("AttributeError:", e)


# Methods of builtin objects in method form (`s.isdigit()`, `items.append(x)`), through a
# local and from the stack, and the objects that must decline: a list subclass with an
# instance attribute of that name, other types at the same site, an `int` without it.
class MyList(list):
    pass


def add_to(items, x):
    items.append(x)
    return len(items)


def digit_at(text, i):
    return text[i].isdigit()


def is_digit(ch):
    return ch.isdigit()


ml = MyList()
ml2 = MyList()
ml2.append = lambda x: print("own append", x)
for target in ([], [1], ml, ml2, [], bytearray()):
    try:
        print(add_to(target, 7), target)
    except TypeError as e:
        print("TypeError:", e)
print([digit_at("a1b2", i) for i in range(4)], [digit_at(["x", "9"], i) for i in range(2)])
print([is_digit(c) for c in ("1", "x", b"5", "٣")])
try:
    is_digit(5)
except AttributeError as e:
    print("AttributeError:", e)


# Finally, errors raised from the checked sites (traceback columns).
def fail_local(o):
    return o.nothing_here


def fail_chain(h):
    return h.p.missing()


for o in (P(1, 2), P(3, 4)):
    try:
        fail_local(o)
    except AttributeError as e:
        print("AttributeError:", e)
print(fail_chain(Holder(P(1, 1))) if False else "", end="")
fail_chain(Holder(P(5, 6)))
