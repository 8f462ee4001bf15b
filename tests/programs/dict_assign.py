"""Assigning __dict__ replaces the dict of instances of builtin subclasses, exceptions and
native objects such as functools.partial (the new dict is the one later reads and writes use)."""
import functools


class L(list):
    pass


class E(Exception):
    pass


for obj in (L([1]), E("x"), functools.partial(max, 1)):
    obj.a = 1
    new = {"b": 2}
    obj.__dict__ = new
    obj.c = 3
    print(type(obj).__name__, obj.__dict__ is new, new, hasattr(obj, "a"), obj.b)
    for bad in (5, [("x", 1)]):
        try:
            obj.__dict__ = bad
        except TypeError as e:
            print(e)
e = E("y")
e.__dict__ = {"note": "n"}
print(e.note, repr(e), e.args)
