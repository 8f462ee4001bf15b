# The operator module: operator functions, itemgetter/attrgetter/methodcaller.
import operator
from operator import itemgetter, attrgetter, methodcaller

print(operator.add(2, 3), operator.sub(2, 3), operator.mul('ab', 3), operator.truediv(7, 2))
print(operator.floordiv(-7, 2), operator.mod(-7, 3), operator.pow(2, 10), operator.neg(5), operator.pos(-5))
print(operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10), operator.invert(5), operator.inv(0))
print(operator.lshift(1, 10), operator.rshift(1024, 3), operator.abs(-7.5), operator.index(True))
print(operator.lt(1, 2), operator.le(2, 2), operator.eq('a', 'a'), operator.ne(1, 1.0), operator.gt(3, 2), operator.ge(1, 2))
print(operator.not_([]), operator.truth([0]), operator.is_(None, None), operator.is_not(1, None))
print(operator.concat([1], [2]), operator.concat('ab', 'cd'), operator.contains('abc', 'b'))
print(operator.countOf([1, 2, 1, 1], 1), operator.indexOf('hello', 'l'))
l = [1, 2]
print(operator.iadd(l, [3]), l, operator.iconcat(l, (4,)), l)
print(operator.imul('ab', 2), operator.ipow(3, 3), operator.isub(10, 4), operator.ior({1}, {2}))
d = {}
operator.setitem(d, 'k', 1)
print(d, operator.getitem(d, 'k'), operator.delitem(d, 'k'), d)
print(operator.getitem([1, 2, 3, 4], slice(1, 3)), operator.call(max, 1, 5, 2))
print(operator.length_hint([1, 2, 3]), operator.length_hint(iter(range(10))), operator.length_hint(5, 9))
print(operator.__add__(1, 2), operator.__lt__(1, 2), operator.__not__(1), operator.__getitem__('ab', 0))
print(sorted([3, 1, 2], key=operator.neg), list(map(operator.mul, [1, 2, 3], [4, 5, 6])))

g = itemgetter(1)
print(g, g([1, 2, 3]), g('abc'), g({1: 'one'}))
g2 = itemgetter(0, -1)
print(g2, g2('hello'), itemgetter(slice(1, None))([1, 2, 3]))
rows = [('b', 2), ('a', 3), ('c', 1)]
print(sorted(rows, key=itemgetter(1)), sorted(rows, key=itemgetter(0)), max(rows, key=itemgetter(1)))


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.me = self

    def move(self, dx, dy=0):
        return P(self.x + dx, self.y + dy)

    def __repr__(self):
        return f'P({self.x}, {self.y})'


p = P(1, 2)
a = attrgetter('x')
print(a, a(p), attrgetter('x', 'y')(p), attrgetter('me.me.y')(p), attrgetter('me.x', 'y'))
print(sorted([P(3, 1), P(1, 2), P(2, 0)], key=attrgetter('y')))
m = methodcaller('move', 10, dy=5)
print(m, m(p), methodcaller('upper')('abc'), methodcaller('split', ',', maxsplit=1)('a,b,c'))
print(type(g).__name__, type(a), isinstance(m, methodcaller))


def check(label, f, *args, **kw):
    try:
        print(label, f(*args, **kw))
    except Exception as e:
        print(label, type(e).__name__, e)


check('add', operator.add, 1)
check('neg', operator.neg)
check('concat', operator.concat, 1, 2)
check('concat2', operator.concat, [1], (2,))
check('indexOf', operator.indexOf, [1, 2], 3)
check('index', operator.index, 1.5)
check('lt', operator.lt, 1, 'a')
check('itemgetter', itemgetter)
check('itemgetter-kw', itemgetter, 1, x=1)
check('itemgetter-call', itemgetter(5), [1])
check('attrgetter', attrgetter, 1)
check('attrgetter-missing', attrgetter('zz'), p)
check('methodcaller', methodcaller)
check('methodcaller-name', methodcaller, 1)
check('getter-args', itemgetter(1))
check('truediv', operator.truediv, 1, 0)
check('matmul', operator.matmul, 1, 2)
check('length_hint', operator.length_hint, 5, 'a')
check('contains', operator.contains, 1, 1)
check('call', operator.call)
