# functools from the standard library over _functools.
import functools
from functools import (lru_cache, cache, partial, partialmethod, reduce, wraps, total_ordering,
                       singledispatch, singledispatchmethod, cached_property, cmp_to_key, update_wrapper)

calls = []

@lru_cache(maxsize=2)
def sq(n):
    calls.append(n)
    return n * n

print([sq(i) for i in (1, 2, 1, 3, 1, 2)], calls)
print(sq.cache_info())
sq.cache_clear()
print(sq.cache_info(), sq.__wrapped__(7), sq.cache_parameters())

@cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80), fib.cache_info().hits)

@lru_cache(typed=True)
def kind(x):
    return type(x).__name__

print(kind(1), kind(1.0), kind.cache_info().currsize)

p = partial(int, base=2)
print(p('1011'), p.func is int, p.args, p.keywords, repr(partial(max, 1, key=abs))[:20])
print(reduce(lambda a, b: a * b, range(1, 8)), reduce(max, [], 'empty'))
try:
    reduce(max, [])
except TypeError as e:
    print('TypeError:', e)

def deco(f):
    @wraps(f)
    def inner(*a, **k):
        return f(*a, **k)
    return inner

@deco
def documented(x):
    """Doc here."""
    return x

print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__)

@total_ordering
class Version:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return self.n == other.n
    def __lt__(self, other):
        return self.n < other.n

print(Version(1) <= Version(2), Version(3) > Version(2), Version(2) >= Version(2), Version(1) > Version(1))

@singledispatch
def show(x):
    return 'object'

@show.register
def _(x: int):
    return 'int'

@show.register(list)
def _(x):
    return 'list'

print(show(1), show([]), show('s'), show(True), show.dispatch(float).__name__)

class Shape:
    def __init__(self, w):
        self.w = w
    @cached_property
    def area(self):
        print('computing')
        return self.w * self.w

s = Shape(3)
print(s.area, s.area, 'area' in s.__dict__)

class Cell:
    def __init__(self):
        self.v = 0
    def set(self, v):
        self.v = v
    set_one = partialmethod(set, 1)

c = Cell()
c.set_one()
print(c.v)

class Fmt:
    @singledispatchmethod
    def fmt(self, arg):
        return 'any'
    @fmt.register
    def _(self, arg: int):
        return 'int %d' % arg

print(Fmt().fmt(5), Fmt().fmt('x'))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
