# Superinstructions (vm/src/exec/fused.rs): LOAD_FAST runs followed by BINARY_OP, STORE_FAST,
# COMPARE_OP + POP_JUMP_IF_*, with every operand kind that must fall back to the generic path.


def binops(a, b):
    out = []
    out.append(a + b)
    out.append(a - b)
    out.append(a * b)
    out.append(a & 7 if isinstance(a, int) else a)
    out.append(a | b if isinstance(a, int) and isinstance(b, int) else None)
    out.append(a ^ 3 if isinstance(a, int) else None)
    out.append(a // 3)
    out.append(a % 3)
    out.append(a / 4)
    out.append(a << 2 if isinstance(a, int) else None)
    out.append(a >> 1 if isinstance(a, int) else None)
    return out


for a, b in [(5, 3), (-7, 2), (2.5, 4), (3, 0.5), (2**62, 2**62), (-(2**63), -1), (True, 2), ("x", "y")]:
    try:
        print(binops(a, b))
    except TypeError as e:
        print("TypeError:", e)


def stores(n):
    x = 0
    y = 1.5
    z = n
    for i in range(n):
        x = x + i
        y = y * 1.25
        z = z - x
        x = x ^ 5
        z = z % 1000003
    return x, y, z


print(stores(50))


def overflow_store():
    x = 2**62
    x = x + x
    y = x * x
    w = -(2**63)
    w = w - 1
    return x, y, w


print(overflow_store())


def compares(a, b):
    r = []
    if a < b:
        r.append("lt")
    if a <= b:
        r.append("le")
    if a == b:
        r.append("eq")
    if a != b:
        r.append("ne")
    if a > b:
        r.append("gt")
    if a >= b:
        r.append("ge")
    if a < 10:
        r.append("a<10")
    if not a > 2.5:
        r.append("not a>2.5")
    return r


nan = float("nan")
for a, b in [(1, 2), (2, 2), (3, 2), (1.5, 1.5), (nan, nan), (nan, 1.0), (2, 2.0), (10**20, 10**20 + 1)]:
    print(a, b, compares(a, b))


def while_loop(n):
    i = 0
    total = 0
    while i < n:
        total = total + i
        i = i + 1
    return total


print(while_loop(1000))


def same_slot(a):
    a = a + a
    a = a * a
    return a


print(same_slot(7), same_slot(1.5), same_slot(2**40))


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        return Num(self.v + (o.v if isinstance(o, Num) else o))

    def __lt__(self, o):
        return self.v < (o.v if isinstance(o, Num) else o)

    def __repr__(self):
        return f"Num({self.v})"


def objs(a, b):
    c = a + b
    if a < b:
        return c, "lt"
    return c, "ge"


print(objs(Num(1), Num(2)), objs(Num(5), 3), objs(1, 2))


def pair(a, b):
    return a, b, (a, b)


print(pair(1, "two"))


def unbound():
    try:
        del q
    except NameError:
        pass
    q = 1
    q = q + 1
    return q


print(unbound())


def div_zero(a, b):
    try:
        return a / b
    except ZeroDivisionError as e:
        return str(e)


print(div_zero(1, 0), div_zero(1.0, 0.0), div_zero(7, 2))


def mod_neg(a, b):
    return a % b, a // b


print(mod_neg(7, -2), mod_neg(-7, 2), mod_neg(7.5, 2))



def subscripts(a, i):
    out = [a[i], a[0], a[-1]]
    for j in range(len(a)):
        out.append(a[j])
    return out


class Shout(list):
    def __getitem__(self, i):
        return "item %r" % (i,)


print(subscripts([10, 20, 30], 1), subscripts((4, 5, 6), -2), subscripts("xyz", 2))
print(subscripts(range(10, 13), 1), subscripts(Shout([1, 2]), 0))
try:
    subscripts([1, 2], 5)
except IndexError as e:
    print("IndexError:", e)
try:
    subscripts((1, 2), 2**70)
except IndexError as e:
    print("IndexError:", e)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Logged:
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)


class Slotted:
    __slots__ = ("a",)


class Guarded:
    @property
    def v(self):
        return 1

    @v.setter
    def v(self, value):
        raise ValueError("no %r" % (value,))


def assign(o, v):
    o.a = v
    return o


p = Point(1, 2)
p.x = p.y
print(p.x, p.y, assign(Logged(), 3).a, assign(Slotted(), 4).a)
try:
    assign(1, 2)
except AttributeError as e:
    print("AttributeError:", e)
try:
    g = Guarded()
    v = 5
    g.v = v
except ValueError as e:
    print("ValueError:", e)


def loops():
    total = 0
    for i in range(5):
        total += i
    for c in "abc":
        total += ord(c)
    for k, v in {"a": 1, "b": 2}.items():
        total += v
    for x in (y * 2 for y in range(3)):
        total += x
    last = None
    for last in []:
        pass
    return total, last, i, c


print(loops())


def iterators():
    out = []
    items = [1, 2]
    for x in items:
        if x < 4:
            items.append(x + 2)
        out.append(x)
    it = iter((7, 8))
    for x in it:
        out.append(x)
    out.append(list(it))
    big = 2**63 - 3
    for x in range(big, big + 10, 2):
        out.append(x)
    for x in range(5, -6, -4):
        out.append(x)
    for x in reversed([1, 2]):
        out.append(x)
    return out


print(iterators())

# Raises inside a fused run: the traceback must point at the comparison.
print(compares("a", "b"))
