# enum from the standard library: Enum, IntEnum, Flag, auto, unique.
import enum
from enum import Enum, IntEnum, Flag, auto


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


class Prio(IntEnum):
    LOW = 1
    HIGH = 2


class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()


print(Color.RED, repr(Color.GREEN), Color(3), Color['BLUE'].value)
print(list(Color), len(Color), Color.RED in Color)
print(Prio.HIGH > Prio.LOW, Prio.HIGH + 1, int(Prio.LOW))
print(Perm.R | Perm.W, (Perm.R | Perm.X).value, Perm.W in (Perm.R | Perm.W))
try:
    Color(7)
except ValueError as e:
    print('ValueError:', e)
try:
    @enum.unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print('ValueError:', e)
print(Color.RED.name, type(Color.RED).__name__, isinstance(Color.RED, Color))
