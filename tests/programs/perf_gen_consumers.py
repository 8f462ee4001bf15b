# Native consumers of generators: sum, min, max, any, all, list, tuple, set, dict, str.join,
# sorted, each over generators that finish, return early, are empty, yield the wrong type or
# raise midway; a generator re-entered or closed while a consumer runs it; and a traceback
# that passes through a generator driven by a native consumer.
import sys


def count(n, log):
    for i in range(n):
        log.append(i)
        yield i


def early(n):
    for i in range(10):
        if i == n:
            return "stopped"
        yield i


def empty():
    return
    yield 0


def boom(n):
    for i in range(10):
        if i == n:
            raise ValueError("boom at %d" % i)
        yield i


def mixed():
    yield 1
    yield 2
    yield "three"
    yield 4


def show(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


log = []
show("sum", lambda: sum(count(5, log)))
print("log", log)
log.clear()
show("sum-start", lambda: sum((x * 0.5 for x in count(4, log)), 10))
show("sum-early", lambda: sum(early(3)))
show("sum-empty", lambda: sum(empty()))
show("sum-empty-start", lambda: sum(empty(), 7))
show("sum-boom", lambda: sum(boom(4)))
log.clear()
show("sum-mixed", lambda: sum(x for x in mixed() if log.append(x) is None))
print("log", log)
show("sum-str", lambda: sum(x for x in ["a", "b"]))
show("sum-list", lambda: sum((x for x in [[1], [2]]), []))
show("sum-big", lambda: sum(x for x in [2**62, 2**62, 2**62, -(2**63)]))
show("sum-float-then-int", lambda: sum(x for x in [1.5, 2, True, 0.25]))

show("min", lambda: min(x * 3 % 7 for x in range(1, 9)))
show("max", lambda: max(x * 3 % 7 for x in range(1, 9)))
show("max-key", lambda: max((w for w in ["bb", "a", "ccc", "dd"]), key=len))
show("min-empty", lambda: min(empty()))
show("min-empty-default", lambda: min(empty(), default="none"))
show("max-boom", lambda: max(boom(2)))
show("max-mixed", lambda: max(mixed()))
show("max-early", lambda: max(early(6)))

log.clear()
show("any", lambda: any(x > 2 for x in count(10, log)))
print("log", log)
log.clear()
show("all", lambda: all(x < 3 for x in count(10, log)))
print("log", log)
show("any-empty", lambda: any(empty()))
show("all-empty", lambda: all(empty()))
show("any-boom", lambda: any(x > 8 for x in boom(3)))
show("all-boom", lambda: all(x < 8 for x in boom(3)))

show("list", lambda: list(early(4)))
show("tuple", lambda: tuple(x * x for x in range(5)))
show("set", lambda: sorted(set(x % 3 for x in range(10))))
show("dict", lambda: dict((x, x * x) for x in range(4)))
show("dict-bad", lambda: dict(x for x in [(1, 2), (3,)]))
show("join", lambda: "-".join(str(x) for x in range(5)))
show("join-bad", lambda: "-".join(x for x in mixed()))
show("join-empty", lambda: "-".join(empty()))
show("sorted", lambda: sorted(x * 7 % 5 for x in range(8)))
show("sorted-rev", lambda: sorted((x for x in early(5)), reverse=True))
show("list-boom", lambda: list(boom(3)))
show("tuple-boom", lambda: tuple(boom(0)))
show("set-boom", lambda: set(boom(2)))
show("sorted-boom", lambda: sorted(boom(5)))
show("join-boom", lambda: "".join(str(x) for x in boom(1)))


# A generator that resumes itself while a consumer runs it: "generator already executing".
def selfish():
    yield 1
    yield next(me)


me = selfish()
show("reentered", lambda: sum(me))


# A generator closed by its own body mid-way.
def closer():
    yield 1
    me2.close()
    yield 2


me2 = closer()
show("closed", lambda: list(me2))


# A partly consumed generator keeps its place across consumers.
g = count(6, log)
print("next", next(g), next(g))
print("rest", sum(g), list(g))


# The handled exception seen inside a generator driven by a native consumer.
def exc_info_gen():
    yield sys.exc_info()[0]
    try:
        raise KeyError("inner")
    except KeyError:
        yield sys.exc_info()[0]
    yield sys.exc_info()[0]


try:
    raise IndexError("outer")
except IndexError:
    print("exc_info", [t.__name__ if t else None for t in list(exc_info_gen())])
print("after", sys.exc_info()[0])


# Uncaught: the traceback runs through the consumer into the generator.
def deep(n):
    yield 1
    yield 10 // n


def main():
    return sum(x for x in deep(0))


main()
