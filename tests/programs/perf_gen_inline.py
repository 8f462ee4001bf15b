# `for x in generator`: the generator's frame runs inline in the caller's dispatch loop
# (Vm::for_iter_gen in vm/src/exec/gen.rs). Yield, return, exceptions leaving the generator,
# the handled-exception state, re-entrancy, and a traceback through nested generators.
import sys


def count(n):
    for i in range(n):
        yield i
    return "done"


def pipeline(n):
    for v in count(n):
        if v % 2:
            yield v * 10


def basic():
    print(list(pipeline(7)))
    total = 0
    for v in pipeline(100):
        total += v
    print("total:", total)
    g = count(5)
    for v in g:
        if v == 2:
            break
    print("after break:", next(g), list(g))
    for v in g:
        print("never")
    try:
        next(g)
    except StopIteration as e:
        print("StopIteration:", e.value)
    for a, b in zip(count(3), count(3)):
        print("zip of generators:", a, b)
    for i, v in enumerate(count(2)):
        print("enumerate:", i, v)
    print(sum(x for x in count(10)))
    for c in (ch.upper() for ch in "abc"):
        print("genexpr:", c)


def raiser(n):
    for i in range(n):
        if i == 2:
            raise KeyError(i)
        yield i


def handled_inside():
    try:
        yield 1
        raise ValueError("inside")
    except ValueError as e:
        yield "caught " + str(e)
    yield 3


def stop_inside():
    yield 1
    raise StopIteration("oops")


def errors():
    try:
        for v in raiser(5):
            print("got", v)
    except KeyError as e:
        print("KeyError:", e)
    print(list(handled_inside()))
    try:
        for v in stop_inside():
            print("got", v)
    except RuntimeError as e:
        print("RuntimeError:", e, type(e.__cause__).__name__)


def exc_state():
    yield sys.exc_info()[0]
    try:
        raise KeyError("k")
    except KeyError:
        yield sys.exc_info()[0]
        yield sys.exc_info()[0]
    yield sys.exc_info()[0]


def exc_states():
    for t in exc_state():
        print("no handler:", t, sys.exc_info()[0])
    try:
        raise ValueError("v")
    except ValueError:
        for t in exc_state():
            print("in handler:", t, sys.exc_info()[0])
        print("handler after:", sys.exc_info()[0])
    g = exc_state()
    for t in g:
        if t is KeyError:
            break
    print("suspended in except:", sys.exc_info()[0], next(g), sys.exc_info()[0])


def self_next():
    yield 1
    try:
        next(me)
    except ValueError as e:
        yield "ValueError: " + str(e)


me = self_next()


def delegating():
    yield "start"
    r = yield from count(3)
    yield r
    yield from (x * x for x in range(3))


def finalizing():
    try:
        yield 1
        yield 2
    finally:
        print("finally ran")


def misc():
    for v in me:
        print("self next:", v)
    for v in delegating():
        print("delegating:", v)
    g = finalizing()
    for v in g:
        print("finalizing:", v)
        break
    g.close()
    print("closed")
    g = handled_inside()
    for v in g:
        print("then throw:", v, g.throw(ValueError("thrown")))
        break
    print("rest:", list(g))

    def rec(n):
        if n:
            for v in rec(n - 1):
                yield v + 1
        else:
            yield 0

    print("deep:", list(rec(200)))

    def endless(n):
        for v in endless(n + 1):
            yield v
        yield n

    try:
        for v in endless(0):
            print("never")
    except RecursionError as e:
        print("RecursionError:", e)
    g = count(3)
    print(next(g))
    print("send:", g.send(None))
    for v in g:
        print("after send:", v)


def accumulate():
    total = 0
    while True:
        v = yield total
        if v is None:
            return total
        total += v


def wrapper():
    r = yield from accumulate()
    yield "returned %d" % r
    try:
        yield from raiser(5)
    except KeyError as e:
        yield "KeyError from delegate: %s" % e
    fresh = accumulate()
    yield from fresh
    yield from fresh


def sends():
    w = wrapper()
    print(next(w), w.send(3), w.send(4), w.send(None))
    print(list(w))
    w = wrapper()
    next(w)
    w.send(5)
    try:
        w.throw(ValueError("into delegate"))
    except ValueError as e:
        print("ValueError:", e)
    print(list(w))


basic()
sends()
errors()
exc_states()
misc()


def level3():
    yield 1
    yield 1 // 0


def level2():
    for v in level3():
        yield v


def level1():
    for v in level2():
        print("level1 got", v)


level1()
