# Guest for tests/embed_limits.rs.
def spin():
    n = 0
    while True:
        n += 1


def stubborn():
    while True:
        try:
            while True:
                pass
        except BaseException:
            pass
        finally:
            print("finally ran")


def spin_native():
    import itertools
    return sum(itertools.count())


def count_to(n):
    total = 0
    for i in range(n):
        total += i
    return total


def hog(size=4096):
    data = []
    while True:
        data.append("x" * size)


def hog_list():
    return list(range(10 ** 9))


def hog_repeat():
    return "x" * (10 ** 9)


def hog_doubling():
    s = "x"
    while True:
        s = s + s


def hog_and_recover(size=4096):
    data = []
    try:
        while True:
            data.append("x" * size)
    except MemoryError:
        n = len(data)
        data = None
        return n


def small():
    return sum([i * i for i in range(1000)])


def deep(n=0):
    return deep(n + 1)


def raise_limit(n):
    import sys
    sys.setrecursionlimit(n)
    return sys.getrecursionlimit()


def open_file(path):
    with open(path) as f:
        return f.read()


def read_input():
    return input()


def import_name(name):
    mod = __import__(name)
    return mod.__name__


def import_after_path_change(path, name):
    import sys
    sys.path.insert(0, path)
    mod = __import__(name)
    return mod.__name__


class Loop:
    def __repr__(self):
        return repr(Loop())


def native_recursion():
    return repr(Loop())


def nested(kind, depth=200000):
    a = []
    b = []
    for i in range(depth):
        a = [a]
        b = [b]
    if kind == "repr":
        return len(repr(a))
    if kind == "eq":
        return a == b
    return depth
