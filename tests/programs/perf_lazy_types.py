"""Builtin types' namespaces are built on first use: each block below is the first thing in
the program to touch its type, through a different way of reading the namespace."""

# type.__dict__ of an untouched type
fd = frozenset.__dict__
print("frozenset dict:", "union" in fd, "__radd__" in fd, repr(fd["union"]))
print("frozenset keys:", sorted(k for k in fd if not k.startswith("__"))[:6])

# dir() of an untouched type
print("complex dir:", [n for n in dir(complex) if not n.startswith("_")])
print("complex dunders:", "__pow__" in dir(complex), "__radd__" in dir(complex))

# attribute of an instance
print("float hex:", (1.5).hex(), (2.0).is_integer(), float.fromhex("0x1.8p1"))

# super() into an untouched builtin type
class Buf(bytearray):
    def extend(self, data):
        super().extend(data)
        super().extend(b"!")


b = Buf(b"ab")
b.extend(b"cd")
print("bytearray super:", b, Buf.__mro__[1].__name__)

# a subclass's __init_subclass__ lookup reaching object
class Base:
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        cls.tag = cls.__name__.lower()


class Child(Base):
    pass


print("init_subclass:", Child.tag)

# class attribute of a builtin type through the type
print("int via type:", int.bit_length(255), int.__dict__["bit_length"])
print("str removed radd:", hasattr(str, "__radd__"), hasattr(list, "__radd__"),
      hasattr(tuple, "__radd__"), hasattr(bytes, "__radd__"))
print("range methods:", range(10).index(3), range(10).count(4), hasattr(range, "__radd__"))


def show(f, *a):
    try:
        r = f(*a)
    except Exception as e:
        print("  ", type(e).__name__ + ":", e)
    else:
        print("  ", repr(r))


# the argument-count checks wrapped around the slot methods (applied when the type is built)
print("arity:")
show(lambda: (1).__neg__(2))
show(lambda: [].__mul__())
show(lambda: (1).__ceil__(1))
show(lambda: [].__getitem__())
show(lambda: {}.__getitem__(1, 2))
show(lambda: (1.5).__pow__())
show(lambda: (1.5).__pow__(2, 3, 4))
show(lambda: "ab".__mul__(2))
show(lambda: set().__contains__())
show(lambda: frozenset().__len__(1))
show(lambda: object().__format__())
show(lambda: object().__reduce__(1))
show(lambda: iter([]).__next__(1))
show(lambda: bytearray(b"x").__setitem__(0))
show(lambda: (3).conjugate(1))
show(lambda: (2.5).as_integer_ratio())

# setting and deleting attributes of builtin types is refused
for t, name in ((dict, "x"), (slice, "indices")):
    try:
        setattr(t, name, 1)
    except TypeError as e:
        print("setattr:", e)
    try:
        delattr(t, name)
    except (TypeError, AttributeError) as e:
        print("delattr:", type(e).__name__, e)

# a class built on an untouched type, and its methods
class Counter(dict):
    def __missing__(self, key):
        return 0


c = Counter()
c["a"] = c["a"] + 1
print("dict subclass:", c, c.get("b"), "__missing__" in vars(Counter))

# an error raised inside a method of a freshly built type keeps its traceback
def fail():
    return memoryview(b"abc").tolist(1)


try:
    fail()
except TypeError as e:
    print("memoryview:", e)

print(b"x".__mul__(3), (5).__index__(), divmod(7, 2), [1, 2].__len__())
(7).bit_length(1)
