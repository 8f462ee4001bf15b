"""sys.getsizeof of basic values. 64-bit sizes: the expected output (getsizeof.out) comes from a
native 64-bit CPython 3.12, since the fixture generator's pyodide is a 32-bit build."""
import sys

values = [0, 1, -1, 2**30 - 1, 2**30, 2**60, 2**200, True, False, 1.5, 2j, None, ...,
          '', 'a', 'ab', 'hello world', '\xe9', '\xe9\xe9', '\u20ac', '\u20ac\u20ac', '\U0001f600',
          b'', b'ab', bytearray(), bytearray(b'ab'), (), (1,), (1, 2, 3), [], [1],
          {}, {1: 2}, dict.fromkeys(range(6)), dict.fromkeys(range(100)), {'a': 1},
          {k: 1 for k in 'abcdef'}, set(), {1}, set(range(5)), frozenset(range(100)),
          range(3), slice(1, 2)]
for v in values:
    print(type(v).__name__, sys.getsizeof(v))


class Plain:
    pass


class Sized:
    def __sizeof__(self):
        return 100


print('Plain', sys.getsizeof(Plain()))
print('Sized', sys.getsizeof(Sized()))
print('list(range(10))', sys.getsizeof(list(range(10))))


class Slotted:
    __slots__ = ('a', 'b')


print('Slotted', sys.getsizeof(Slotted()))
