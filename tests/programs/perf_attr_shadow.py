"""Session 4 attribute, instance-creation and comparison fast paths: the shadow check of cached methods and class
attributes (the instance dict's summary of key hashes), the attribute cache's hit path taken
straight from a local, the dict table's entry storage, and str comparisons by identity."""


class Base:
    limit = 10
    label = "base"

    def __init__(self, n):
        self.n = n

    def step(self):
        return self.n + 1

    def name(self):
        return "Base.name"


class Child(Base):
    def step(self):
        return self.n + 2


def shadowing():
    out = []
    objs = [Base(1), Child(2), Base(3)]
    for round_ in range(4):
        for o in objs:
            out.append(o.step())
            out.append(o.limit)
            out.append(o.name())
        if round_ == 1:
            # An instance attribute shadows a method and a class attribute.
            objs[0].step = lambda: "shadowed step"
            objs[0].limit = 99
        if round_ == 2:
            # Through the dict itself, and removed again on another instance.
            objs[2].__dict__["name"] = lambda: "dict name"
            del objs[0].step
    return out


print(shadowing())


def many_keys():
    # An instance dict with many keys (its summary of hashes is nearly full), then the name
    # of a method stored in it under a different object of equal text.
    o = Base(0)
    for i in range(40):
        setattr(o, "k" + str(i), i)
    out = [o.step(), o.name(), o.limit, o.k17]
    o.__dict__["".join(["st", "ep"])] = lambda: "late"
    out.append(o.step())
    for i in range(40):
        delattr(o, "k" + str(i))
    out.append(sorted(vars(o)))
    out.append(o.step())
    del o.step
    out.append(o.step())
    vars(o).clear()
    out.append(o.step() if hasattr(o, "n") else "no n")
    vars(o).update(n=5, name=lambda: "updated")
    out.append((o.step(), o.name()))
    return out


print(many_keys())


class Slotted:
    __slots__ = ("a",)

    def __init__(self):
        self.a = 1

    def get(self):
        return self.a


class WithGetattr:
    def __init__(self):
        self.x = 1

    def __getattr__(self, name):
        return "missing " + name

    def meth(self):
        return self.x


def other_kinds():
    out = []
    s = Slotted()
    g = WithGetattr()
    m = __import__("math")
    items = []
    for i in range(3):
        out.append(s.get())
        out.append(s.a)
        out.append(g.meth())
        out.append(g.x)
        out.append(g.y)
        out.append(m.floor(2.5 + i))
        items.append(i)
        out.append(len(items))
        if i == 1:
            g.meth = "now a str"
            out.append(g.meth)
            del g.meth
    return out


print(other_kinds())


def dicts():
    # The dict table's entry storage: growth, removal, compaction, copies and order.
    d = {}
    for i in range(100):
        d["x" + str(i)] = i
    for i in range(0, 100, 3):
        del d["x" + str(i)]
    out = [len(d), list(d)[:5], d.get("x3"), d.get("x4")]
    e = d.copy()
    for k in list(e):
        if e[k] % 2:
            del e[k]
    out.append((len(e), list(e.items())[:3]))
    while len(d) > 3:
        d.popitem()
    out.append(dict(d))
    d.clear()
    d["again"] = 1
    out.append(dict(d))
    small = {"a": 1, "b": 2}
    del small["a"]
    small["a"] = 3
    out.append(small)
    out.append(dict.fromkeys("abcabc"))
    return out


print(dicts())


class Str(str):
    def __eq__(self, other):
        return "custom eq"

    __hash__ = str.__hash__


def strings():
    kinds = ["NUM", "OP", "NAME", "NUM"]
    made = "".join(["N", "U", "M"])
    out = []
    for k in kinds:
        out.append((k == "NUM", k != "NUM", k == made, k < "NUM", k <= made, k > "OP", k >= k))
    out.append(("ab" == "abc", "abc" != "ab", "" == "", "" < "a"))
    out.append(Str("NUM") == "NUM")
    out.append("NUM" == Str("NUM"))
    out.append(("é" < "z", "z" < "é"))
    return out


print(strings())


class Plain:
    def __init__(self, a, b=2):
        self.a = a
        self.b = b


class NoInit:
    pass


class Late:
    def __init__(self, x):
        self.x = x


class WithNew:
    def __new__(cls, *args):
        o = super().__new__(cls)
        o.made_by = "new"
        return o

    def __init__(self, x):
        self.x = x


class ReturnsValue:
    def __init__(self):
        return 5


class Subclass(Plain):
    pass


class MyList(list):
    def __init__(self, n):
        super().__init__(range(n))


def instances():
    out = []
    for i in range(3):
        if i == 2:
            out.append((Late(7), NoInit(1, 2) is not None))
        out.append(type(Late(i)).__name__)
        p = Plain(i)
        q = Subclass(i, b=i * 2)
        out.append((p.a, p.b, q.a, q.b, type(q).__name__))
        out.append(sorted(vars(NoInit())))
        w = WithNew(i)
        out.append((w.made_by, w.x))
        out.append(MyList(i))
        if i == 1:
            # A `__new__` and an `__init__` assigned later must be seen at once.
            Late.__new__ = lambda cls, *a, **k: "from new"
            NoInit.__init__ = lambda self, *a: None
    for args in [(1, 2, 3), ()]:
        try:
            Plain(*args)
        except TypeError as e:
            out.append(str(e))
    del NoInit.__init__
    for bad in [lambda: NoInit(1), lambda: ReturnsValue(), lambda: NoInit(x=1)]:
        try:
            bad()
        except TypeError as e:
            out.append(str(e))
    class Abstract:
        def run(self):
            pass

    out.append(type(Abstract()).__name__)
    Abstract.__abstractmethods__ = frozenset({"run"})
    try:
        Abstract()
    except TypeError as e:
        out.append(str(e))
    return out


print(instances())


def conversions():
    out = []
    for x in [0.0, -0.5, 2.9, -2.9, 1e18, -9.223372036854775808e18, 9.223372036854775807e18,
              1e300, True, False, 7, -(2**63), 2**63 - 1, 2**70]:
        out.append((int(x), float(x)))
    out.append((int("  42 "), int("-7"), float("1.5")))
    for bad in [float("nan"), float("inf"), float("-inf")]:
        try:
            int(bad)
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    try:
        int(1.5, 10)
    except TypeError as e:
        out.append(str(e))
    return out


print(conversions())


def big_modulo():
    # `%` by a power of two takes the low bits; every sign and size must match floor modulo.
    out = []
    for a in [0, 5, -5, 2**64 + 3, -(2**64) - 3, 2**200 - 1, -(2**200) + 1, 7**90, -(7**90)]:
        for b in [1, 2, 8, 2**63, 2**64, 2**65, 2**200, 3, 2**64 + 1, -(2**64), -8]:
            out.append(a % b)
    state = 12345
    for _ in range(50):
        state = (state * 6364136223846793005 + 1442695040888963407) % 18446744073709551616
    out.append(state)
    try:
        out.append(2**70 % 0)
    except ZeroDivisionError as e:
        out.append(str(e))
    return out


print(big_modulo())


def raises():
    o = Base(1)
    o.step()
    return o.missing_attribute


# Raises from the attribute cache's path: the traceback must point at the attribute.
print(raises())
