# operator.py over _operator, heapq.py over _heapq, bisect.py over _bisect, struct.py over _struct.
import operator
import heapq
import bisect
import struct
from operator import itemgetter, attrgetter, methodcaller

print(operator.__file__.endswith('operator.py'), heapq.__file__.endswith('heapq.py'))
print(operator.add(2, 3), operator.mul('ab', 2), operator.truediv(7, 2), operator.floordiv(7, 2))
print(operator.neg(5), operator.not_(0), operator.truth([]), operator.is_(None, None), operator.contains([1], 1))
print(operator.index(7), operator.concat([1], [2]), operator.countOf([1, 2, 1], 1), operator.indexOf('abc', 'c'))
print(operator.length_hint([1, 2, 3]), operator.length_hint(iter(range(4))), operator.call(len, 'xyz'))
d = {'a': 1}
operator.setitem(d, 'b', 2)
operator.delitem(d, 'a')
print(d, operator.getitem([5, 6], 1), operator.iadd([1], [2]), operator.ipow(2, 10))
rows = [('b', 2), ('a', 3), ('c', 1)]
print(sorted(rows, key=itemgetter(1)), itemgetter(0, 1)(('x', 'y', 'z')), itemgetter(slice(1, None))('hello'))

class P:
    def __init__(self, name, inner=None):
        self.name = name
        self.inner = inner
    def greet(self, greeting, punct='!'):
        return greeting + ' ' + self.name + punct

p = P('ann', P('bob'))
print(attrgetter('name')(p), attrgetter('inner.name', 'name')(p), methodcaller('greet', 'hi', punct='?')(p))
print(repr(itemgetter(1)), repr(attrgetter('a.b')), repr(methodcaller('f', 1, k=2)))
print(operator.lt(1, 2), operator.ge(1, 2), operator.eq('a', 'a'), operator.xor(6, 3), operator.lshift(1, 5))

h = []
for x in [5, 1, 8, 3, 9, 2]:
    heapq.heappush(h, x)
print(h, heapq.heappop(h), heapq.heappushpop(h, 4), heapq.heapreplace(h, 7), h)
print(heapq.nlargest(3, [4, 1, 7, 3, 9]), heapq.nsmallest(2, ['pear', 'fig', 'apple'], key=len))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6])), list(heapq.merge([3, 1], [4, 2], reverse=True)))
data = [9, 7, 5, 3, 1]
heapq.heapify(data)
print(data, [heapq.heappop(data) for _ in range(len(data))])

a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 5), bisect.bisect_left(a, 4, 3))
bisect.insort(a, 3)
bisect.insort_left(a, 4)
print(a, bisect.bisect([(1, 'a'), (3, 'b')], (2,), key=None))
print(bisect.bisect_left([{'k': 1}, {'k': 5}], 3, key=lambda e: e['k']))
grades = 'FDCBA'
print([grades[bisect.bisect([60, 70, 80, 90], s)] for s in (33, 99, 77, 70, 89, 90, 100)])

print(struct.pack('<hI', -2, 7), struct.unpack('>bH', b'\xff\x01\x02'), struct.calcsize('@ihq'))
s = struct.Struct('<2sf')
print(s.size, s.format, s.unpack(s.pack(b'ok', 1.5)), list(struct.iter_unpack('<H', b'\x01\x00\x02\x00')))
try:
    struct.pack('<h', 70000)
except struct.error as e:
    print('struct.error:', e)
