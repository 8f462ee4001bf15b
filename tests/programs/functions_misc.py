# Functions as values: decorators, lambdas, higher-order functions,
# recursion, docstrings, default argument evaluation, __name__/__qualname__.

def trace(fn):
    def wrapper(*args, **kwargs):
        result = fn(*args, **kwargs)
        print(f"  {fn.__name__}{args} -> {result!r}")
        return result
    return wrapper

@trace
def add(a, b):
    return a + b

add(2, 3)
add("x", "y")

def repeat(times):
    def decorate(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(times)]
        return wrapper
    return decorate

@repeat(3)
def greet(name):
    return "hi " + name

print(greet("bo"))

@trace
@repeat(2)
def square(v):
    return v * v

square(4)

def compose(*fns):
    def composed(x):
        for fn in reversed(fns):
            x = fn(x)
        return x
    return composed

inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose()(5))

def documented(x):
    """Return x unchanged.

    This docstring is kept in __doc__.
    """
    return x

print(repr(documented.__doc__), inc.__doc__, documented.__name__, inc.__name__)

def outer():
    def inner():
        pass
    return inner

print(outer().__qualname__, outer.__qualname__, (lambda: 0).__qualname__)
print(documented.__code__.co_argcount, add.__code__.co_name, outer.__code__.co_varnames)

# Recursion
def hanoi(n, src, dst, via, moves):
    if n:
        hanoi(n - 1, src, via, dst, moves)
        moves.append((src, dst))
        hanoi(n - 1, via, dst, src, moves)
    return moves

moves = hanoi(4, "A", "C", "B", [])
print(len(moves), moves[:5])

def flatten(items):
    out = []
    for it in items:
        if isinstance(it, list):
            out.extend(flatten(it))
        else:
            out.append(it)
    return out

print(flatten([1, [2, [3, [4, []]], 5], [[6]]]))

# Memoisation with a dict in a closure
def memoize(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    wrapper.cache = cache
    return wrapper

@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80), len(fib.cache))

# Functions stored in data structures
ops = [("neg", lambda v: -v), ("sq", lambda v: v ** 2), ("str", str), ("abs", abs)]
for label, fn in ops:
    print(label, fn(-3))

# Keyword-only lambdas and defaults evaluated at definition time
base = 10
make = lambda v, *, b=base: v + b
base = 20
print(make(1), make(1, b=base))

# Functions are equal only to themselves
print(add == add, add == trace(add), callable(add), type(add).__name__, type(len).__name__)
