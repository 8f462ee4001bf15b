# dataclasses from the standard library: dataclass, field, asdict, astuple, frozen, order, repr.
import dataclasses
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError
from typing import ClassVar


@dataclass
class Point:
    x: int
    y: int = 0

    def norm2(self):
        return self.x * self.x + self.y * self.y


p = Point(3, 4)
print(p, p.norm2(), Point(1), Point(1) == Point(1, 0), Point(1) == Point(2), repr(Point(y=5, x=1)))
print(asdict(p), astuple(p), replace(p, y=9), [f.name for f in fields(p)], dataclasses.is_dataclass(p))


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tags: tuple = ()


vs = [Version(1, 2), Version(1), Version(0, 9, ('b',))]
print(sorted(vs), Version(1, 2) < Version(1, 3), Version(2) >= Version(1, 9), hash(Version(1)) == hash(Version(1)))
try:
    vs[0].major = 5
except FrozenInstanceError as e:
    print('FrozenInstanceError:', e)


@dataclass
class Inventory:
    items: list = field(default_factory=list)
    count: int = field(default=0, repr=False)
    secret: str = field(default='s', compare=False)
    total: ClassVar[int] = 0

    def __post_init__(self):
        Inventory.total += 1


a, b = Inventory(), Inventory(['x'])
a.items.append(1)
print(a, b, a == Inventory([1], 0, 'other'), Inventory.total, b.items is not a.items)


@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)


tree = Node(1, [Node(2), Node(3, [Node(4)])])
print(asdict(tree))
print(astuple(tree))


@dataclass(kw_only=True)
class Opts:
    verbose: bool = False
    level: int = 1


print(Opts(level=3), dataclasses.fields(Opts)[0].kw_only)
try:
    Opts(True)
except TypeError as e:
    print('TypeError:', e)
try:
    @dataclass
    class Bad:
        x: int = 0
        y: int
except TypeError as e:
    print('TypeError:', e)
try:
    @dataclass
    class Mut:
        x: list = []
except ValueError as e:
    print('ValueError:', e)


@dataclass(slots=True)
class Slotted:
    a: int
    b: str = 'b'


s = Slotted(1)
print(s, Slotted.__slots__, hasattr(s, '__dict__'))
C = dataclasses.make_dataclass('C', [('x', int), ('y', int, field(default=5))])
print(C(1), C.__name__, Point.__match_args__, Point.__dataclass_params__.order if hasattr(Point, '__dataclass_params__') else None)
