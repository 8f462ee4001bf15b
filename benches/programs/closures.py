"""Closures, nonlocal counters, decorators, and calls with keyword arguments,
defaults, *args and **kwargs."""
import sys

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def make_adder(k):
    def add(x):
        return x + k

    return add


def make_counter():
    count = 0

    def bump(step=1):
        nonlocal count
        count += step
        return count

    return bump


def compose(f, g):
    return lambda x: f(g(x))


def traced(fn):
    calls = [0]

    def wrapper(*args, **kwargs):
        calls[0] += 1
        return fn(*args, **kwargs)

    wrapper.calls = calls
    return wrapper


@traced
def area(width, height=1, *, scale=1, offset=0):
    return width * height * scale + offset


def configure(name, *values, sep="-", upper=False, **extra):
    n = len(values) + len(extra) + len(name)
    if upper:
        n += 1
    return n + len(sep)


def main():
    n = max(10, int(160000 * SCALE))
    adders = [make_adder(k) for k in range(10)]
    inc_then_double = compose(lambda x: x * 2, adders[1])
    counter = make_counter()
    total = 0
    for i in range(n):
        total += adders[i % 10](i)
        total += inc_then_double(i & 255)
        counter()
        counter(step=2)
        total += area(i % 7, height=3)
        total += area(2, scale=i % 5, offset=1)
        total += area(width=1, height=i % 3)
        total += configure("abc", 1, 2, sep="+", upper=bool(i & 1), color="red")
        total += configure(name="x")
        opts = {"sep": "::", "mode": i % 4}
        total += configure("k", *range(i % 4), **opts)
    print("total:", total)
    print("counter:", counter(0), "area calls:", area.calls[0])


main()
