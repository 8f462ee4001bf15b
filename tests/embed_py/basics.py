# Guest for tests/embed_api.rs: globals, calls, keyword arguments, exceptions.
COUNT = 3
NAME = "pyvm"
RATIO = 0.5
BIG = 2 ** 100
ITEMS = [1, 2, 3]
PAIR = (1, "one")
TABLE = {"a": 1, "b": 2}
FLAGS = {1, 2, 3}
NOTHING = None
DATA = b"\x00\x01"


def add(a, b):
    return a + b


def greet(name, *, punct="!", times=1):
    return " ".join([f"hello {name}{punct}"] * times)


def divide(a, b):
    return inner_divide(a, b)


def inner_divide(a, b):
    return a / b


class Counter:
    def __init__(self, start=0):
        self.n = start

    def bump(self, by=1):
        self.n += by
        return self.n


def make_counter(start):
    return Counter(start)


def fail_custom():
    class AppError(KeyError):
        pass
    raise AppError("custom failure")


def use_builtin(x):
    return host_double(x) + 1


def call_host(name, *args):
    import host
    return getattr(host, name)(*args)


def catch_host(name, *args):
    import host
    try:
        return getattr(host, name)(*args)
    except Exception as e:
        return f"{type(e).__name__}: {e}"


def echo(x):
    return x


def type_of(x):
    return type(x).__name__


def exit_with(code):
    import sys
    sys.exit(code)
