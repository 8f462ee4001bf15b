# __slots__: no instance __dict__, AttributeError for unknown names, slot
# descriptors on the class, inheritance (with and without slots), __dict__
# and __weakref__ in slots, class-variable conflicts, and empty slots.

class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"P({self.x}, {self.y})"

p = P(1, 2)
print(p, hasattr(p, "__dict__"), P.__slots__, type(P.__dict__["x"]).__name__)
p.x = 10
print(p.x, getattr(p, "y"))
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
del p.y
try:
    print(p.y)
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.y
except AttributeError as e:
    print("AttributeError:", e)
p.y = 5
print(p, P.x.__get__(p, P), P.x.__name__, P.x.__objclass__.__name__)
P.y.__set__(p, 50)
print(p.y)
try:
    vars(p)
except TypeError as e:
    print("TypeError:", e)

class Q(P):
    pass
q = Q(3, 4)
q.extra = "ok"
print(q, vars(q), hasattr(q, "__dict__"))

class R(P):
    __slots__ = ("z",)
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z
r = R(1, 2, 3)
print(r, r.z, hasattr(r, "__dict__"), R.__slots__)
try:
    r.w = 1
except AttributeError as e:
    print("AttributeError:", e)

class WithDict:
    __slots__ = ("a", "__dict__")
wd = WithDict()
wd.a = 1
wd.b = 2
print(wd.a, vars(wd))

class Single:
    __slots__ = "only"
s = Single()
s.only = "one"
print(s.only, Single.__slots__)

class Empty:
    __slots__ = ()
try:
    Empty().anything = 1
except AttributeError as e:
    print("AttributeError:", e)

try:
    class Conflict:
        __slots__ = ("v",)
        v = 5
except ValueError as e:
    print("ValueError:", e)

class Defaults:
    __slots__ = ("a", "b")
    def __init__(self):
        self.a = "set"
d = Defaults()
print(d.a, getattr(d, "b", "<unset>"))

try:
    class BadName:
        __slots__ = ("ok", 5)
except TypeError as e:
    print("TypeError:", e)

class Private:
    __slots__ = ("__secret", "public")
    def __init__(self):
        self.__secret = 42
        self.public = 1
    def reveal(self):
        return self.__secret
pv = Private()
print(pv.reveal(), pv._Private__secret, Private.__slots__, sorted(k for k in Private.__dict__ if "secret" in k))

class Point3(P):
    __slots__ = ("z",)
    def __init__(self, *v):
        self.x, self.y, self.z = v
    def __iter__(self):
        yield self.x
        yield self.y
        yield self.z
print(list(Point3(7, 8, 9)), [c.__name__ for c in Point3.__mro__])
