"""pprint picks its formatter by type(obj).__repr__; ReprEnum members (IntEnum, IntFlag,
StrEnum) print as their value."""
import collections
import enum
import pprint
import reprlib

pprint.pprint({"k%d" % i: list(range(i)) for i in range(8)}, width=60)
pprint.pprint([("a" * 30, {1, 2, 3}), frozenset({3, 1}), b"x" * 40, bytearray(b"y" * 5)], width=40)
pprint.pprint(collections.OrderedDict(a=1, b=[1] * 30), width=50)
pprint.pprint(collections.Counter("mississippi"), width=30)
pprint.pprint(collections.deque(range(30)), width=40)
print(pprint.pformat({"z": (1, 2), "a": [3]}, sort_dicts=True), pprint.saferepr([1, {2: "x"}]))
print(reprlib.repr(list(range(100))), reprlib.repr("x" * 100), reprlib.repr({i: i for i in range(20)}))


class Color(enum.IntFlag):
    R = 1
    G = 2
    B = 4


class Size(enum.IntEnum):
    S = 1
    L = 3


class Name(enum.StrEnum):
    A = enum.auto()
    B = "bee"


class Plain(enum.Enum):
    X = 1


print(Color.R | Color.B, str(Color.G), f"{Color.R}", repr(Color.R | Color.G), Color(3))
print(Size.L, str(Size.S), "%s %d %r" % (Size.L, Size.L, Size.L), Size.L + 1)
print(Name.A, str(Name.B), f"{Name.B}", repr(Name.A), Name.A.upper())
print(Plain.X, str(Plain.X), repr(Plain.X), f"{Plain.X}")
