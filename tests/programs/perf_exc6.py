"""Fast paths of session 6 (helper F): super() lookups without copies, BaseException.__init__
keeping an unshared args tuple, and int/str membership in exact sets decided by identity."""


class AppError(Exception):
    def __init__(self, code, detail):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


class NotFound(AppError):
    pass


class Peek(Exception):
    def __init__(self, *args):
        before = self.args
        super().__init__(*args)
        print("peek:", before, self.args, before is self.args)


class Other(Exception):
    def __init__(self, a, b):
        super().__init__(b, a)


class Fewer(Exception):
    def __init__(self, a, b):
        super().__init__(a)


class Str(Exception):
    def __str__(self):
        return "custom " + repr(self.args)


class New(Exception):
    def __new__(cls, *args):
        self = super().__new__(cls, "from new")
        return self

    def __init__(self, *args):
        super().__init__(*args, "init")


class Base:
    def hello(self):
        return "Base.hello"

    @classmethod
    def make(cls):
        return cls.__name__

    @staticmethod
    def st(x):
        return x * 2

    @property
    def prop(self):
        return "prop of " + type(self).__name__


class Mid(Base):
    def hello(self):
        return "Mid>" + super().hello()


class Leaf(Mid):
    def hello(self):
        return "Leaf>" + super().hello()

    @classmethod
    def make(cls):
        return "Leaf.make>" + super().make()

    def all(self):
        return (super().st(4), super().prop, super(Mid, self).hello(), super().__class__)


def supers():
    leaf = Leaf()
    print(leaf.hello(), Leaf.make(), leaf.all())
    print(super(Leaf, leaf).hello(), super(Mid, Leaf).make())
    try:
        super(Leaf, Base()).hello()
    except TypeError as e:
        print("TypeError:", e)
    try:
        super(Leaf, leaf).missing
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        super(int, 5).nope()
    except AttributeError as e:
        print("AttributeError:", e)
    print(super(bool, True).__add__(3), super(object, 1).__class__)

    class Meta(type):
        def __call__(cls, *a):
            return "Meta>" + str(super().__call__(*a))

    class WithMeta(metaclass=Meta):
        def __init__(self, x):
            self.x = x

        def __str__(self):
            return "WithMeta(%r)" % self.x

    print(WithMeta(3))


def exceptions():
    e = NotFound(404, "k")
    print(type(e).__name__, e.args, e.code, e.detail, str(e), repr(e))
    Peek(1, 2)
    Peek()
    p = Peek.__new__(Peek, "a")
    held = p.args
    Exception.__init__(p, "a")
    print("held:", held, p.args, held is p.args)
    print(Other(1, "x").args, Fewer(1, 2).args, str(Str(1, 2)), New(5).args)
    print(repr(Exception.__new__(Exception, 1, 2)))
    x = ValueError(1.5, -0.0)
    ValueError.__init__(x, 1.5, 0.0)
    print(x.args)
    total = 0
    for i in range(300):
        try:
            if i % 3 == 0:
                raise NotFound(i, "a")
            elif i % 3 == 1:
                {}[i]
            else:
                int("x%d" % i)
        except NotFound as err:
            total += err.code
        except KeyError as err:
            total += err.args[0] * 2
        except ValueError as err:
            total += len(err.args[0])
    print("total:", total)
    try:
        try:
            raise NotFound(1, "inner")
        except NotFound as inner:
            raise AppError(2, "outer") from inner
    except AppError as outer:
        print(outer.__cause__.args, outer.__context__ is outer.__cause__, outer.__suppress_context__)
    try:
        try:
            raise NotFound(1, "inner")
        except NotFound:
            raise AppError(3, "outer") from None
    except AppError as outer:
        print(outer.__cause__, outer.__context__.args, outer.__suppress_context__)
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            raise Other("a", "b")
    except Other as o:
        print(o.args, type(o.__context__).__name__, o.__cause__)


class IntLike(int):
    def __hash__(self):
        return int.__hash__(self)

    def __eq__(self, other):
        print("IntLike.__eq__")
        return int.__eq__(self, other)


class MySet(set):
    def __contains__(self, item):
        print("MySet.__contains__", item)
        return True


class Key:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        print("Key.__eq__", self.h, other)
        return False


def sets():
    s = {1, 5, 9, "a", "bc", 2**70, 1.5}
    print([x in s for x in (1, 2, 5, 9, 10, -1, "a", "b", "bc", 2**70, 1.5, 3.0, True, 1.0)])
    fs = frozenset(s)
    print([x in fs for x in (1, 2, "a", "z", True)])
    print(-1 in {-2}, -2 in {-1}, -1 in {-1}, -2 in {-2})
    print(2**61 - 1 in {0}, 0 in {2**61 - 1}, 2**61 in {1}, 1 in {2**61})
    t = {IntLike(7), Key(3)}
    print(7 in t, 8 in t, 3 in t, IntLike(7) in {7})
    print(3 in MySet(), "x" in MySet({"x"}))
    cols = set()
    placed = 0
    for row in range(8):
        for col in range(8):
            if col in cols or (row + col) % 8 in cols:
                continue
            cols.add(col)
            placed += 1
            break
    print("placed:", placed, sorted(cols))
    d = {}
    for w in "the quick brown fox jumps over the lazy dog the end".split():
        if w in s or w in d:
            d[w] = d.get(w, 0) + 1
        else:
            d[w] = 0
    print(d)
    try:
        [] in {1}
    except TypeError as e:
        print("TypeError:", e)
    print(set() in {frozenset()}, {1} in {frozenset({1})})
    class S(str):
        def __eq__(self, other):
            print("S.__eq__", str.__repr__(self), repr(other))
            return str.__eq__(self, other)

        __hash__ = str.__hash__

    words = {S("ab"), "cd", "".join(["e", "f"])}
    print("ab" in words, "a" + "b" in words, "cd" in words, "c" + "d" in words, "ef" in words)
    words.discard("c" + "d")
    words.add("e" + "f")
    print(len(words), "cd" in words, S("ef") in words)
    nested = {1}
    print(1 in nested, 1 not in nested, "1" in nested)


def set_updates():
    s = set()
    t = set()
    for i in range(40):
        s.add(i * 7 % 23)
        s.add(-i)
        if i % 3 == 0:
            s.discard(i)
        t.add("k%d" % (i % 6))
    print(len(s), list(s), sorted(t))
    for i in range(0, 60, 4):
        s.discard(i)
        t.discard("k%d" % i)
    s.add(-1)
    s.add(-2)
    s.discard(-1)
    print(len(s), list(s))
    s.add(1)
    s.add(1.0)
    s.add(True)
    s.add(IntLike(2))
    s.add(2)
    s.add(Key(5))
    s.add(5)
    s.discard(5)
    print(len(s), sorted(x for x in s if isinstance(x, int)))
    try:
        s.remove(12345)
    except KeyError as e:
        print("KeyError:", e)
    t.remove("k1")
    print("k1" in t, "k2" in t, len(t), sorted(t))
    f = frozenset(range(100))
    print(50 in f, 100 in f, -1 in f)
    grow = set()
    for i in range(1000):
        grow.add(i * 1000003 % 10007)
    for i in range(0, 1000, 2):
        grow.discard(i * 1000003 % 10007)
    print(len(grow), sum(grow), list(grow)[:10])


def raise_in_init():
    class Bad(Exception):
        def __init__(self, x):
            super().__init__(x)
            raise RuntimeError("init failed: %r" % (self.args,))

    try:
        Bad(9)
    except RuntimeError as e:
        print(e)


supers()
exceptions()
sets()
set_updates()
raise_in_init()


def deep(n):
    if n == 0:
        raise NotFound(0, "deep")
    try:
        deep(n - 1)
    except NotFound as e:
        raise AppError(n, "wrap") from e


try:
    deep(2)
finally:
    print("uncaught next")
