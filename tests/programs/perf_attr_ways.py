"""Session 5 attribute cache: the ways of a LOAD_ATTR/STORE_ATTR slot are plain cells (class
address, type epoch, kind, position hint, value). Covers more classes at one site than it has
ways, classes freed and created again (their addresses can be reused), class attributes of
every plain kind (cached as values), builtin methods in method form, module attributes, and
errors raised at a cached site."""


def make_classes(n):
    classes = []
    for i in range(n):
        def get(self, i=i):
            return self.v * 10 + i

        cls = type("K%d" % i, (), {"get": get, "tag": i, "__init__": lambda self, v: setattr(self, "v", v)})
        classes.append(cls)
    return classes


def many_classes():
    # Six classes through one site: more than the slot's four ways, so entries are replaced.
    classes = make_classes(6)
    objs = [cls(j) for j, cls in enumerate(classes)]
    total = 0
    for _ in range(30):
        for o in objs:
            total += o.get()
            total += o.tag
            o.v = o.v + 1
    print("many classes", total, [o.v for o in objs])


def recreated_classes():
    # Classes made and dropped in a loop: a new class may sit where a freed one was, and must
    # not hit the freed one's entries.
    out = []
    for round_ in range(40):
        cls = type("T", (), {"kind": round_ % 3, "who": lambda self, r=round_: r})
        o = cls()
        out.append(o.kind + o.who())
        o.kind = -1
        out.append(o.kind)
        del cls, o
    print("recreated", sum(out), out[:6])


class Plain:
    i = 7
    n = None
    fl = 2.5
    b = True
    s = "text"
    t = (1, 2)
    big = 2**70


def class_values():
    objs = [Plain() for _ in range(3)]
    acc = []
    for k in range(6):
        for o in objs:
            acc.append((o.i, o.n, o.fl, o.b, o.s, o.t, o.big))
        if k == 2:
            objs[1].i = "shadow"
            objs[2].__dict__["n"] = 0
        if k == 4:
            Plain.fl = -1.0
            del objs[1].i
    print("class values", acc[0], acc[10], acc[11], acc[-2], acc[-1], len(acc))


class MyList(list):
    pass


def native_methods():
    items = []
    s = "a,b,c"
    d = {"k": 1}
    ml = MyList()
    for i in range(10):
        items.append(i)
        ml.append(i * 2)
        parts = s.split(",")
        d.setdefault("k", 0)
        d.update(k=d.get("k") + i)
    ml.append = lambda v: "instance append"
    print("native", items, parts, d, ml[:3], ml.append(1), len(ml))


def module_attrs():
    import math
    vals = []
    for i in range(5):
        vals.append(math.floor(i / 2) + math.pi)
    math.extra_attr = 5
    vals.append(math.extra_attr)
    del math.extra_attr
    try:
        math.extra_attr
    except AttributeError as e:
        vals.append(str(e))
    print("module", vals)


class Slotted:
    __slots__ = ("a",)

    def __init__(self):
        self.a = 1


class Node:
    def __init__(self, v):
        self.value = v
        self.left = None

    def total(self):
        return self.value + (self.left.total() if self.left else 0)


def errors():
    n = Node(1)
    n.left = Node(2)
    for _ in range(5):
        n.total()
    del n.left.value
    try:
        n.total()
    except AttributeError as e:
        print("missing:", e)
    s = Slotted()
    for _ in range(3):
        s.a += 1
    try:
        s.b = 3
    except AttributeError as e:
        print("slots:", e)
    print("slotted", s.a)


def uncaught():
    objs = [Node(i) for i in range(4)]
    total = 0
    for o in objs:
        total += o.value
    del objs[3].value
    for o in objs:
        total += o.value
    return total


many_classes()
recreated_classes()
class_values()
native_methods()
module_attrs()
errors()
print(uncaught())
