# keyword, copy, collections, functools, operator, heapq, bisect, random with a stdlib path.
import bisect
import collections
import copy
import functools
import heapq
import keyword
import operator
import random
import sys

print(keyword.iskeyword('for'), keyword.iskeyword('spam'), len(keyword.kwlist) > 30)
a = [1, [2, 3], {'k': (4, 5)}]
b = copy.deepcopy(a)
b[1].append(9)
print(a, b, copy.copy(a)[1] is a[1])
print(collections.Counter('abracadabra').most_common(2), collections.deque([1, 2], maxlen=2))
print(functools.reduce(operator.add, range(10)), functools.partial(pow, 2)(5))
h = [5, 1, 4]
heapq.heapify(h)
print(heapq.heappop(h), heapq.nsmallest(2, [9, 3, 7]))
print(bisect.bisect([1, 2, 4], 3))
r = random.Random(42)
print(r.randint(1, 100), r.choice('abc'))
print(sys.implementation.cache_tag, sys.implementation.version >= (3, 12))

# weakref.py over _weakref (KeyedRef is a slotted subclass of the native ref type).
import weakref

class Node:
    pass

n = Node()
wk = weakref.WeakKeyDictionary()
wk[n] = 'payload'
wv = weakref.WeakValueDictionary(k=n)
ws = weakref.WeakSet([n])
print(len(wk), wk[n], wv['k'] is n, n in ws, len(ws), weakref.ref(n)() is n)
print(type(weakref.proxy(n)) is weakref.ProxyType)

# ABC registries are per class: registering with one ABC does not leak into its bases.
import collections.abc as cabc

class Seq:
    def __len__(self):
        return 0
    def __getitem__(self, i):
        raise IndexError

cabc.Sequence.register(Seq)
print(issubclass(Seq, cabc.Sequence), issubclass(Seq, cabc.Collection), issubclass(Seq, cabc.MutableSequence))
print(issubclass(str, cabc.Mapping), isinstance('s', cabc.Sequence), isinstance({}.keys(), cabc.Set))
