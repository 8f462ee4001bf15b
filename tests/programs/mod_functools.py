# functools: reduce, partial, cmp_to_key, wraps, lru_cache, cache, total_ordering, cached_property.
import functools
from functools import wraps, lru_cache, cache, total_ordering, cached_property, partial

def deco(f):
    @wraps(f)
    def inner(*a, **k):
        """inner doc"""
        return f(*a, **k) * 2
    return inner

@deco
def g(x):
    """g doc"""
    return x + 1

print(g(3), g.__name__, g.__doc__, g.__wrapped__.__name__, g.__qualname__)

@lru_cache(maxsize=2)
def sq(n):
    print('computing', n)
    return n * n

print(sq(2), sq(2), sq(3), sq(4), sq(2), sq.cache_info())
sq.cache_clear()
print(sq.cache_info(), sq.__name__, sq.cache_parameters())

@cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80), fib.cache_info())

@lru_cache
def k(a, b=1, *, c=2):
    return a + b + c
print(k(1), k(1, b=1), k(1), k(a=1), k.cache_info())

class C:
    @lru_cache(maxsize=None)
    def m(self, x):
        return x * 10
    @cached_property
    def expensive(self):
        print('calc')
        return 42
c = C()
print(c.m(3), c.m(3), C.m.cache_info().hits, c.expensive, c.expensive, c.__dict__)

@total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return f'V({self.v})'
print(V(1) < V(2), V(1) > V(2), V(1) <= V(1), V(3) >= V(2), sorted([V(3), V(1), V(2)]), max(V(1), V(5)))

@total_ordering
class W:
    def __init__(self, v): self.v = v
    def __ge__(self, o): return self.v >= o.v
print(W(1) < W(2), W(1) > W(2), W(1) <= W(1), W(2) <= W(1))
try:
    total_ordering(type('Z', (), {}))
except ValueError as e:
    print(e)
p = partial(int, base=2)
print(p('101'), p.func, p.args, p.keywords, p)
print(functools.reduce(lambda a, b: a * b, range(1, 6)), functools.reduce(max, [3, 9, 2], 0))
p2 = partial(max, 1, 2)
print(p2(5), p2(), partial(p2, 10)(), partial(p2, 10))
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
print(sorted(['bb', 'a', 'ccc'], key=functools.cmp_to_key(lambda a, b: len(a) - len(b))))
K = functools.cmp_to_key(lambda a, b: (a > b) - (a < b))
print(K(1) < K(2), K(2) == K(2), K(3) >= K(4), type(K).__name__, K(5).obj)
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)
print(partial(partial(max, 1), 2, key=abs))


def check(label, f, *args, **kw):
    try:
        print(label, f(*args, **kw))
    except Exception as e:
        print(label, type(e).__name__, e)


check('reduce-empty', functools.reduce, max, [])
check('reduce-args', functools.reduce, max)
check('reduce-iter', functools.reduce, max, 1)
check('reduce-kw', functools.reduce, function=max, iterable=[1])
check('partial-none', partial)
check('partial-uncallable', partial, 1)
check('K-other', lambda: K(1) < 5)
check('lru-bad', lru_cache, maxsize='a')
check('cmp_to_key', functools.cmp_to_key)
