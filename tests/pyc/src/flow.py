import sys


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError as e:
        print("caught", e)
        return None
    finally:
        print("finally")


class Point:
    """A point."""

    def __init__(self, x, y=0, *args, z, **kw):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"


def counter():
    count = 0

    def bump(step=1):
        nonlocal count
        count += step
        return count

    return bump


def gen(n):
    for i in range(n):
        yield i * i
    yield from range(3)


async def coro(x):
    return await x


def with_stmt(path):
    with open(path) as fh, open(path) as fh2:
        return fh.read() + fh2.read()


squares = [x * x for x in range(10) if x % 2]
table = {k: v for k, v in zip("abc", range(3))}
print(fib(20), safe_div(1, 0), Point(1, 2), counter()(), list(gen(4)), squares, table)
print(
    "a long call",
    fib(
        10
    ),
    sys.version_info[0],
)
try:
    try:
        raise ValueError("inner")
    except* ValueError as eg:
        print("group", eg)
except Exception:
    pass
match sys.argv:
    case [_, "x", *rest]:
        print(rest)
    case _:
        pass
