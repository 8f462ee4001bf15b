"""Each builtin type has its own __repr__ (pprint and reprlib dispatch on it), and str() calls a
builtin type's own __str__/__repr__ installed on a class instead of falling back to __repr__."""

types = [int, bool, float, str, list, tuple, dict, set, frozenset, bytes, bytearray, range,
         slice, type(None), type({}.keys()), type({}.values()), type({}.items())]
for t in types:
    print(t.__name__, t.__repr__ is not object.__repr__, "__repr__" in t.__dict__)
print(len({t.__repr__ for t in types}), dict.__repr__ == list.__repr__)
print(dict.__repr__({1: [2]}), list.__repr__([1, "a"]), int.__repr__(True), bool.__repr__(True))
for call in (lambda: dict.__repr__([]), lambda: int.__repr__("x"), lambda: str.__repr__(1)):
    try:
        call()
    except TypeError as exc:
        print(exc)


class Tag(str):
    __str__ = str.__str__

    def __repr__(self):
        return f"<Tag {str.__str__(self)}>"


class Num(int):
    __str__ = int.__repr__

    def __repr__(self):
        return "<Num>"


class Plain(int):
    def __repr__(self):
        return "<Plain>"


t = Tag("a")
print(t, str(t), repr(t), f"{t}", "%s" % t, [t], type(str(t)).__name__)
print(Num(3), str(Num(3)), repr(Num(3)), "%s|%r" % (Num(4), Num(4)))
print(Plain(5), str(Plain(5)), repr(Plain(5)))


class E(Exception):
    def __repr__(self):
        return "E-repr"


e = E("boom")
print(str(e), repr(e), e)


class D(dict):
    pass


class L(list):
    def __repr__(self):
        return "L" + super().__repr__()


print(D(a=1), repr(D(a=1)), L([1, 2]), str(L([3])), type(D()).__repr__ is dict.__repr__)


# The singleton types' constructors give back the singleton.
for t in (type(None), type(NotImplemented), type(...)):
    print(t(), end=' ')
    for a, k in (((1,), {}), ((), {'x': 1})):
        try: t(*a, **k)
        except TypeError as e: print(e, end=' | ')
    print()
