# collections: deque, defaultdict, OrderedDict, Counter, namedtuple.
from collections import deque, defaultdict, OrderedDict, Counter, namedtuple
import collections

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], 3 in d, d.maxlen)
d.extend('ab')
d.extendleft([9, 8])
print(d, d.pop(), d.popleft(), d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d, d.index(3), d.count(2), d.index(4, 2))
d.insert(1, 'x')
d.remove('x')
del d[0]
d[0] = 'first'
print(d, list(reversed(d)), d.copy() == d, d.copy() is d)
d.reverse()
print(d, bool(d), bool(deque()))
d.clear()
print(d, deque('abc') + deque('de'), deque([1, 2]) * 2, 3 * deque([0]))
b = deque(range(10), maxlen=3)
print(b, b.maxlen)
b.append(10)
b.appendleft(-1)
print(b, deque([1, 2, 3, 4, 5], 3), deque(maxlen=0))
print(deque('abc') == deque('abc'), deque('abc') < deque('abd'), deque([1]) == [1])
r = deque()
r.append(r)
print(r)
try:
    for x in (q := deque([1, 2, 3])):
        q.append(x)
except RuntimeError as e:
    print('RuntimeError', e)
for bad in (lambda: deque().pop(), lambda: deque([1])[5], lambda: deque([1, 2]).index(7),
            lambda: deque([1], maxlen=1).insert(0, 2), lambda: deque([1]) + [1],
            lambda: deque(maxlen=-1), lambda: deque([1])['a'], lambda: deque().remove(1)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

dd = defaultdict(list)
for k, v in [('a', 1), ('b', 2), ('a', 3)]:
    dd[k].append(v)
print(dd, dd['zz'], dd.default_factory, len(dd))
counts = defaultdict(int, x=5)
for ch in 'hello':
    counts[ch] += 1
print(counts, defaultdict(), dict(counts))
print(counts.copy(), type(counts.copy()).__name__, 'q' in counts, counts.get('q'))
try:
    defaultdict()[1]
except KeyError as e:
    print('KeyError', e)
try:
    defaultdict(1)
except TypeError as e:
    print('TypeError', e)
dd.default_factory = set
print(dd['new'], isinstance(dd, dict), defaultdict(int, {1: 2}) | {3: 4})

od = OrderedDict(a=1, b=2, c=3)
od.move_to_end('a')
print(od, list(od), od.popitem(), od.popitem(last=False), od)
od['z'] = 26
od.move_to_end('z', last=False)
print(od, OrderedDict(), list(reversed(od)), od.copy())
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1))
print(OrderedDict.fromkeys('xy', 0), OrderedDict([('k', 'v')]) | {'w': 1})

c = Counter('abracadabra')
print(c, c['a'], c['zzz'], c.most_common(2), c.total())
c.update('aaz')
c.subtract(Counter(b=1))
print(c, sorted(c.elements()), c.most_common()[-2:])
x, y = Counter(a=3, b=1), Counter(a=1, b=2, c=-1)
print(x + y, x - y, x | y, x & y, +y, -y)
x += Counter(b=5)
x -= Counter(a=10)
print(x, Counter(a=1) == Counter(a=1, b=0), Counter(a=1) <= Counter(a=2), Counter() < Counter(a=1))
print(Counter(), Counter({1: 'a'}), Counter(cats=4, dogs=8), Counter('ab') == {'a': 1, 'b': 1})
del c['a']
del c['never']
print(c, isinstance(c, dict), Counter.__mro__[1])
try:
    Counter.fromkeys('ab')
except NotImplementedError as e:
    print('NotImplementedError', e)

Point = namedtuple('Point', 'x y')
p = Point(1, y=2)
print(p, p.x, p[1], p == (1, 2), tuple(p), len(p), Point._fields, Point.__doc__)
print(p._replace(x=10), p._asdict(), Point._make([5, 6]), Point.x, type(p).__mro__)
x0, y0 = p
print(x0 + y0, hash(p) == hash((1, 2)), sorted([Point(2, 1), Point(1, 5)]))
P3 = namedtuple('P3', ['a', 'b', 'c'], defaults=[0, 1])
print(P3(9), P3._field_defaults, P3(1, 2, 3), P3.__match_args__)
R = namedtuple('R', 'a def a _x', rename=True)
print(R._fields, R(1, 2, 3, 4))


class V(namedtuple('V', 'x y')):
    def norm(self):
        return self.x ** 2 + self.y ** 2


print(V(3, 4), V(3, 4).norm(), isinstance(V(1, 2), tuple))
for bad in (lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, 2, z=3), lambda: Point(1, x=2),
            lambda: setattr(p, 'x', 5), lambda: Point._make([1]), lambda: p._replace(z=1),
            lambda: namedtuple('P', 'a _b'), lambda: namedtuple('P', 'a a'), lambda: namedtuple('P', 'a class'),
            lambda: namedtuple('1P', 'a'), lambda: namedtuple('P', 'a', defaults=[1, 2])):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(collections.deque is deque, type(deque()).__name__)
