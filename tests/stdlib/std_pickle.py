# pickle (the pure-Python _Pickler/_Unpickler; _pickle is absent) round trips and exact bytes.
# (Protocol 0 needs the raw-unicode-escape codec; protocols 1-2 pickle bytes through
# codecs.encode, which needs builtin functions' __reduce_ex__; instances of Python classes
# need object.__reduce_ex__: all missing in pyvm.)
import pickle
from collections import OrderedDict, namedtuple


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f'Point({self.x}, {self.y})'


P = namedtuple('P', 'a b')
values = [None, True, False, 0, -1, 255, 65536, 2**40, -2**70, 3.5, -0.0, 1e300, 'x', 'é☃', '',
          b'', b'\x00\xff', bytearray(b'ab'), (), (1,), (1, 2, 3), [1, [2]], {'a': 1, 2: 'b'},
          frozenset([1]), {3}, 1 + 2j, [(1, 2), {'k': b'v'}]]
for proto in range(3, pickle.HIGHEST_PROTOCOL + 1):
    ok = [pickle.loads(pickle.dumps(v, protocol=proto)) == v for v in values]
    print(proto, all(ok), [i for i, o in enumerate(ok) if not o])
print(pickle.dumps([1, 'a', (2.5, None)], protocol=2))
print(pickle.dumps({'k': [1, 2]}, protocol=1))
print(pickle.dumps(('a', 1.5, b'b', [True]), protocol=4))
l = [1]
l.append(l)
r = pickle.loads(pickle.dumps(l))
print(r[1] is r, r[0])
shared = [1, 2]
a, b = pickle.loads(pickle.dumps((shared, shared)))
print(a is b)
# (Errors on bad input are left out: CPython's messages come from the C _pickle.)
try:
    pickle.dumps(lambda: 1)
except Exception as e:
    print(type(e).__name__)
