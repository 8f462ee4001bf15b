# Calls of Python functions that bind keywords, defaults and keyword-only parameters without
# the general binder (session 6), and every case that must fall back to it: errors with
# CPython's messages, odd __defaults__/__kwdefaults__, keyword names that are equal but not
# the same object, **dict calls, bound methods, cells, generators, recursion and tracebacks.
import sys


def f(a, b=10, c=20):
    return (a, b, c)


def g(a, /, b, *, k=1, m=2):
    return (a, b, k, m)


def h(x, *, req, opt="o"):
    return (x, req, opt)


def nodef(a, b):
    return a - b


print(f(1), f(1, 2), f(1, 2, 3))
print(f(1, c=5), f(a=7), f(c=1, b=2, a=3), f(1, b=4))
print(g(1, 2), g(1, b=3), g(1, 2, m=9), g(1, 2, k=5, m=6), g(1, m=0, b=8))
print(h(1, req=2), h(x=3, req=4, opt=5))
print(nodef(b=1, a=5), nodef(5, b=1))

# Errors: each takes the general binder, which raises CPython's message.
for call in (
    lambda: f(),
    lambda: f(1, a=2),
    lambda: f(1, d=2),
    lambda: f(1, 2, 3, 4),
    lambda: f(b=1),
    lambda: g(a=1, b=2),
    lambda: g(1, 2, 3),
    lambda: g(1),
    lambda: h(1),
    lambda: h(1, 2),
    lambda: h(1, req=1, bad=2),
    lambda: nodef(1),
    lambda: nodef(b=2),
    lambda: nodef(1, 2, b=3),
):
    try:
        print("ok?", call())
    except TypeError as e:
        print("TypeError:", e)

# Keyword names built at run time: equal text, a different object.
name = "".join(["b"])
print(f(1, **{name: 99}), f(**{"".join(["a"]): 0, "c": 1}))
kw = {"req": "r"}
print(h(0, **kw), h(**{"x": 9, "req": 8}))
try:
    f(1, 2, **{name: 1})
except TypeError as e:
    print("TypeError:", e)


class S(str):
    pass


print(f(1, **{S("c"): 5}))
try:
    f(1, **{1: 2})
except TypeError as e:
    print("TypeError:", e)

# __defaults__ / __kwdefaults__ replaced, shortened, removed, odd.


def d(a, b=1, c=2):
    return a, b, c


d.__defaults__ = (7,)
print(d(0, 1), d(0, b=5))
try:
    d(0)
except TypeError as e:
    print("TypeError:", e)
d.__defaults__ = None
try:
    d(0)
except TypeError as e:
    print("TypeError:", e)
d.__defaults__ = (4, 5, 6, 7)
print(d(0), d(1, c=3), d(b=0, a=1))
try:
    d(1, 2, 3, 4)
except TypeError as e:
    print("TypeError:", e)


def kwo(*, p=1, q=2):
    return p, q


kwo.__kwdefaults__ = {"p": "P"}
try:
    kwo()
except TypeError as e:
    print("TypeError:", e)
print(kwo(q=0))
kwo.__kwdefaults__ = {"p": 1, "q": 2, 3: "three"}
print(kwo())
kwo.__kwdefaults__ = {("k%d" % i): i for i in range(12)} | {"p": "big", "q": "dict"}
print(kwo())
kwo.__kwdefaults__ = {S("p"): "sub", "q": "plain"}
print(kwo())
kwo.__kwdefaults__ = None
try:
    kwo()
except TypeError as e:
    print("TypeError:", e)

# Mutable defaults are shared (a clone of the reference, not of the object).


def acc(x, into=[]):
    into.append(x)
    return into


acc(1)
acc(2)
print(acc(3), acc(0, into=[]))


# Bound methods, class methods, static methods with keywords and defaults.
class C:
    def __init__(self, v=0, *, scale=1):
        self.v = v * scale

    def m(self, x, y=2, *, z=3):
        return self.v + x * y + z

    @classmethod
    def cm(cls, a=1, b=2):
        return cls.__name__, a, b

    @staticmethod
    def sm(a, b=5):
        return a * b


c = C(3, scale=2)
print(c.v, C().v, C(v=4).v)
print(c.m(1), c.m(1, 3), c.m(x=1, z=0), c.m(1, y=1, z=1))
print(C.cm(), C.cm(b=9), c.cm(7), C.sm(2), c.sm(a=3), C.sm(b=1, a=2))
try:
    c.m(self=1, x=2)
except TypeError as e:
    print("TypeError:", e)
try:
    C.m(x=1)
except TypeError as e:
    print("TypeError:", e)


# Parameters captured by inner functions (cells), with defaults and keywords.
def outer(a, b=2, *, k=3):
    def inner():
        return a + b + k

    b += 1
    return inner


print(outer(1)(), outer(1, k=10)(), outer(b=0, a=0)())


# Generators created by calls with keywords and defaults.
def gen(n, step=1, *, start=0):
    i = start
    while i < n:
        yield i
        i += step


print(list(gen(5)), list(gen(10, step=3)), list(gen(n=4, start=2)), sum(gen(6, 2)))


# Wrappers passing *args/**kwargs to plain functions.
def wrap(fn):
    def w(*args, **kwargs):
        return fn(*args, **kwargs)

    return w


wf = wrap(f)
wh = wrap(h)
print(wf(1), wf(1, c=0), wf(a=2, b=3), wh(1, req=2), wh(x=1, req=2, opt=3))
for call in (lambda: wf(), lambda: wf(1, x=2), lambda: wh(1), lambda: wf(1, 2, 3, 4, 5)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)


# Native callers passing keywords: sorted/min/max key functions with defaults.
def key(x, neg=False, *, off=0):
    return -x + off if neg else x + off


print(sorted([3, 1, 2], key=key), max([3, 1, 2], key=key), min([5, 4], key=lambda v, w=1: v * w))
print(list(map(f, [1, 2], [3, 4])), list(map(f, [1, 2, 3], "ab", (7, 8, 9))))
print(list(map(lambda *a: sum(a), [1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12])))
print(list(map(f, [])), list(map(f, [1], [])), list(map(key, [1, 2])))
m = map(nodef, [5, 6, 7], [1, 0, "x"])
print(next(m), next(m))
try:
    next(m)
except TypeError as e:
    print("TypeError:", e)
print(list(m))
try:
    list(map(nodef, [1], [2], [3]))
except TypeError as e:
    print("TypeError:", e)


# Exceptions raised in a callee bound by keyword propagate with their traceback.
def boom(a, *, why="default"):
    raise ValueError(why + str(a))


def mid(**kw):
    return boom(1, **kw)


try:
    mid(why="kw")
except ValueError as e:
    tb = e.__traceback__
    names = []
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print("ValueError:", e, names)


# Recursion through keyword calls and defaults hits the limit as in CPython.
def down(n, step=1, *, depth=0):
    return down(n - step, depth=depth + 1)


old = sys.getrecursionlimit()
sys.setrecursionlimit(200)
try:
    down(10)
except RecursionError as e:
    print("RecursionError:", e)
sys.setrecursionlimit(old)


def count(n, acc=0):
    if n == 0:
        return acc
    return count(n - 1, acc=acc + n)


print(count(150))


# Class calls whose __init__ runs in the caller's loop, and the cases that must not.
class P:
    made = 0

    def __init__(self, x, y=2):
        P.made += 1
        self.x = x
        self.y = y


p = P(1)
print(p.x, p.y, P(3, 4).y, P(5, y=6).y, P(x=7).x, P.made)
for call in (lambda: P(), lambda: P(1, 2, 3), lambda: P(1, z=2)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)


class Ret:
    def __init__(self, v):
        if v:
            return v


print(type(Ret(0)).__name__, Ret(None).__class__.__name__)
for v in (1, "s", [], 0.5):
    try:
        Ret(v)
    except TypeError as e:
        print("TypeError:", e)


class Boom:
    def __init__(self, n):
        self.n = n
        if n > 1:
            raise ValueError("boom %d" % n)


try:
    Boom(1)
    Boom(2)
except ValueError as e:
    print("ValueError:", e, e.__traceback__.tb_next.tb_frame.f_code.co_name)


class GenInit:
    def __init__(self):
        yield 1


try:
    GenInit()
except TypeError as e:
    print("TypeError:", e)


class Meta(type):
    def __call__(cls, *a):
        print("Meta.__call__", cls.__name__, a)
        return super().__call__(*a)


class WithMeta(metaclass=Meta):
    def __init__(self, a):
        self.a = a


print(WithMeta(5).a)


class WithNew:
    def __new__(cls, a):
        print("__new__", a)
        return super().__new__(cls)

    def __init__(self, a):
        self.a = a * 2


print(WithNew(4).a)


class Base:
    def __init__(self, a):
        self.a = a


class Derived(Base):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b
        self = None


d1 = Derived(1, 2)
print(type(d1).__name__, d1.a, d1.b)


class Chain:
    def __init__(self, n):
        self.next = Chain(n - 1) if n else None
        self.n = n


c = Chain(50)
depth = 0
while c is not None:
    depth += 1
    c = c.next
print("chain", depth)


class Deep:
    def __init__(self, n):
        Deep(n + 1)


sys.setrecursionlimit(150)
try:
    Deep(0)
except RecursionError as e:
    print("RecursionError:", e)
sys.setrecursionlimit(old)


class Noisy:
    def __init__(self, tag):
        self.tag = tag
        print("init", tag)

    def __del__(self):
        print("del", self.tag)


Noisy("a")
n = Noisy("b")
print("kept", n.tag)
del n


class Later:
    pass


print(type(Later()).__name__)
try:
    Later(1)
except TypeError as e:
    print("TypeError:", e)


def late_init(self, v):
    self.v = v


Later.__init__ = late_init
print(Later(9).v)
del Later.__init__
print(type(Later()).__name__)


class Slotted:
    __slots__ = ("a",)

    def __init__(self, a):
        self.a = a


print(Slotted(3).a)


class Err(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code


try:
    raise Err(7)
except Err as e:
    print("Err:", e, e.code)


# An uncaught binding error's traceback.
def last(a, b=1, *, c):
    return a + b + c


class Maker:
    def __init__(self):
        self.v = last(1, 2, d=4)


def caller():
    return last(1, b=2, c=3) + Maker().v


print(caller())
