# collections from the standard library (collections/__init__.py over _collections).
import collections
import collections.abc
from collections import Counter, OrderedDict, namedtuple, ChainMap, deque, defaultdict, UserDict, UserList, UserString

print(collections.__name__, hasattr(collections, '__path__'), collections.abc.__name__)

c = Counter('abracadabra')
print(c.most_common(3))
print(sorted(c.elements())[:6])
c.update(['a', 'z'])
c.subtract({'b': 1})
print(c['a'], c['b'], c['z'], c['missing'], c.total())
print(Counter(a=3, b=1) + Counter(a=1, b=2), Counter(a=3) - Counter(a=5))
print(Counter(a=3, b=1) | Counter(a=1, b=2), Counter(a=3, b=1) & Counter(a=1, b=2))
print(repr(Counter()), Counter('aab') == Counter({'a': 2, 'b': 1}))

od = OrderedDict()
od['x'] = 1
od['y'] = 2
od['z'] = 3
od.move_to_end('x')
print(od, list(od), od.popitem(last=False))
od.move_to_end('z', last=False)
print(list(od.items()), OrderedDict(a=1) == OrderedDict(a=1))

Point = namedtuple('Point', ['x', 'y'], defaults=[0])
p = Point(1)
print(p, p._replace(y=5), p._asdict(), Point._fields, Point._field_defaults)
print(Point._make([3, 4]), p.x + p[1], type(p).__name__, isinstance(p, tuple))
Row = namedtuple('Row', 'a b c', rename=False)
print(Row(1, 2, 3), Row.__doc__)

cm = ChainMap({'a': 1}, {'a': 2, 'b': 3})
print(cm['a'], cm['b'], len(cm), sorted(cm), cm.maps)
child = cm.new_child({'c': 4})
child['a'] = 10
print(child, child.parents)

d = deque([1, 2, 3], maxlen=4)
d.appendleft(0)
d.append(4)
d.rotate(1)
print(d, d.maxlen, d.count(2), list(reversed(d)))
d.extendleft([7, 8])
print(d, d.popleft(), d.pop())

dd = defaultdict(list)
for k, v in [('a', 1), ('b', 2), ('a', 3)]:
    dd[k].append(v)
print(sorted(dd.items()), dd.default_factory is list, repr(defaultdict(int)))

class Upper(UserDict):
    def __setitem__(self, key, value):
        super().__setitem__(key.upper(), value)

u = Upper(a=1)
u['b'] = 2
print(u, len(u), 'A' in u, u.data)
ul = UserList([3, 1, 2])
ul.sort()
print(ul, ul + [4], UserString('abc').upper())

print(isinstance({}, collections.abc.Mapping), isinstance([], collections.abc.MutableSequence))
print(issubclass(deque, collections.abc.Sequence), isinstance(iter([]), collections.abc.Iterator))

class MyMap(collections.abc.Mapping):
    def __init__(self, d):
        self._d = d
    def __getitem__(self, k):
        return self._d[k]
    def __iter__(self):
        return iter(self._d)
    def __len__(self):
        return len(self._d)

m = MyMap({'p': 1, 'q': 2})
print(list(m.keys()), list(m.values()), m.get('p'), m.get('r', 9), 'q' in m, dict(m.items()))
try:
    collections.abc.Sized()
except TypeError as e:
    print('TypeError:', e)
