# Rich comparisons: NotImplemented, reflected fallbacks (__lt__ <-> __gt__),
# subclass priority for reflected operators, == falling back to identity,
# total ordering by hand, and sorting/min/max with user comparisons.

log = []

class Money:
    def __init__(self, cents):
        self.cents = cents
    def __repr__(self):
        return f"Money({self.cents})"
    def __eq__(self, other):
        log.append(f"{self!r}.__eq__({other!r})")
        if isinstance(other, Money):
            return self.cents == other.cents
        return NotImplemented
    def __lt__(self, other):
        log.append(f"{self!r}.__lt__({other!r})")
        if isinstance(other, Money):
            return self.cents < other.cents
        if isinstance(other, int):
            return self.cents < other
        return NotImplemented
    def __le__(self, other):
        log.append(f"{self!r}.__le__({other!r})")
        if isinstance(other, Money):
            return self.cents <= other.cents
        return NotImplemented
    __hash__ = None

def show(label, fn):
    log.clear()
    try:
        result = fn()
    except TypeError as e:
        result = f"TypeError: {e}"
    print(f"{label:<12} -> {result!s:<50} {log}")

a, b = Money(100), Money(250)
show("a < b", lambda: a < b)
show("a > b", lambda: a > b)          # reflected: b.__lt__(a)
show("a <= b", lambda: a <= b)
show("a >= b", lambda: a >= b)        # reflected: b.__le__(a)
show("a == b", lambda: a == b)
show("a != b", lambda: a != b)        # default __ne__ inverts __eq__
show("a == 100", lambda: a == 100)    # both NotImplemented -> identity
show("a != 100", lambda: a != 100)
show("a < 150", lambda: a < 150)
show("150 > a", lambda: 150 > a)      # int returns NotImplemented, then a.__lt__
show("a > 150", lambda: a > 150)
show("a <= 150", lambda: a <= 150)
show("a < 'x'", lambda: a < "x")

class Euro(Money):
    def __repr__(self):
        return f"Euro({self.cents})"
    def __gt__(self, other):
        log.append(f"{self!r}.__gt__({other!r})")
        return "euro-gt"
    def __eq__(self, other):
        log.append(f"{self!r}.__eq__({other!r})")
        return "euro-eq"

e = Euro(5)
show("a < e", lambda: a < e)          # subclass overrides reflection -> e.__gt__ first
show("a == e", lambda: a == e)
show("e == a", lambda: e == a)
show("a != e", lambda: a != e)

class Plain:
    pass
p, q = Plain(), Plain()
print(p == p, p == q, p != q, p != p)
try:
    p < q
except TypeError as err:
    print("TypeError:", err)
try:
    p >= 3
except TypeError as err:
    print("TypeError:", err)

class Version:
    def __init__(self, text):
        self.parts = tuple(int(x) for x in text.split("."))
    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))
    def __eq__(self, other):
        return self.parts == other.parts
    def __lt__(self, other):
        return self.parts < other.parts
    def __hash__(self):
        return hash(self.parts)

vs = [Version(s) for s in ["1.10.0", "1.2.3", "1.2", "0.9.9", "1.2.3", "2.0"]]
print(sorted(vs))
print(sorted(vs, reverse=True))
print(min(vs), max(vs), Version("1.2") in vs, vs.index(Version("1.2.3")), vs.count(Version("1.2.3")))
print(Version("1.2") > Version("1.1.9"), Version("1.0.1") > Version("1.0"))
print(len({Version("1.0"), Version("1.0"), Version("1.0.0")}))
print([1, Money(3)] == [1, Money(3)], (Money(1),) < (Money(2),), [Money(5)] <= [Money(5)])
print(log[-3:])
