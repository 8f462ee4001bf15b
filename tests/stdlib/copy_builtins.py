"""copy.copy, copy.deepcopy and pickle (protocols 4 and 0) of builtin and standard-library objects."""
import copy, pickle, collections, datetime, fractions, decimal, enum, functools, operator
class E(enum.Enum):
    A = 1
class Ex(Exception):
    pass
things = {
 'set': {1, 2}, 'frozenset': frozenset([3]), 'bytearray': bytearray(b'ab'), 'complex': 1+2j,
 'range': range(1, 5, 2), 'slice': slice(1, 2, 3), 'exc': ValueError('x', 2), 'exc2': Ex('y'),
 'deque': collections.deque([1, 2], maxlen=5), 'od': collections.OrderedDict(a=1), 'dd': collections.defaultdict(list, a=[1]),
 'counter': collections.Counter('aab'),
 'date': datetime.date(2020, 1, 2), 'dt': datetime.datetime(2020, 1, 2, 3, 4, 5), 'td': datetime.timedelta(3),
 'frac': fractions.Fraction(1, 3), 'enum': E.A, 'partial': functools.partial(int, base=2),
 'listiter': iter([1, 2, 3]), 'tupleiter': iter((1, 2)), 'rangeiter': iter(range(3)), 'stritr': iter('ab'),
 'int': 5, 'float': 1.5, 'none': None, 'ellipsis': ..., 'type': int, 'func': len, 'bytes': b'x',
 'itemgetter': operator.itemgetter(1), 'attrgetter': operator.attrgetter('a'),
 'dec': decimal.Decimal('1.5'), 'keyerr': KeyError('k'), 'oserr': OSError('x', 'nf', 'f.txt'),
}
for name, v in things.items():
    out = [name]
    for f in (copy.copy, copy.deepcopy, lambda x: pickle.loads(pickle.dumps(x)), lambda x: pickle.loads(pickle.dumps(x, 0))):
        try:
            r = f(v)
            if name.endswith('iter') or name == 'stritr':
                r = list(r)
            elif name in ('itemgetter', 'attrgetter', 'partial'):
                r = repr(r)
            out.append(repr(r))
        except Exception as e:
            out.append(f"{type(e).__name__}: {e}")
    print(*out, sep=' | ')

class A:
    def f(self):
        return self.v


a = A()
a.v = 3
print(pickle.loads(pickle.dumps(a.f))(), copy.deepcopy(a.f)(), pickle.loads(pickle.dumps([1].append)).__self__)
it = iter([1, 2, 3])
next(it)
print(list(pickle.loads(pickle.dumps(it))), list(copy.copy(it)), list(it))
s = {frozenset([1]), (2, 3)}
print(copy.deepcopy(s) == s, pickle.loads(pickle.dumps(s, 2)) == s)
try:
    raise KeyError("gone")
except KeyError as e:
    f = pickle.loads(pickle.dumps(e))
    print(repr(f), f.__traceback__)
