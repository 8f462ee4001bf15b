# Cycles through suspended generators, coroutines and async generators are collected: the
# collector closes an unreachable suspended generator (its `finally` runs at collect time),
# then frees it. gc.collect() returns what was still unreachable after the finalizers ran (a
# generator freed by its own close() is not counted), as CPython 3.12 counts.
import gc

gc.disable()
gc.collect()  # garbage left by start-up differs between CPython builds: not printed


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def holds_itself():
    me = yield "started"
    try:
        yield me
    finally:
        print("finally of holds_itself")


it = holds_itself()
print(next(it))
print(it.send(it) is it)
del it
print("before collect 1")
print("collected", gc.collect())
print("after collect 1")


def through_a_list(box):
    try:
        yield 1
        yield 2
    finally:
        print("finally of through_a_list, box holds", len(box))


box = []
g = through_a_list(box)
box.append(g)
box.append(Noisy("in the box"))
print(next(g))
del g, box
print("before collect 2")
print("collected", gc.collect())
print("after collect 2")


# A generator that was never started has nothing to close; its cycle is still freed.
def never_started(x):
    try:
        yield x
    finally:
        print("never printed")


lst = [Noisy("beside a fresh generator")]
lst.append(never_started(lst))
del lst
print("before collect 3")
print("collected", gc.collect())
print("after collect 3")


# A generator suspended in `yield from`: closing it closes the inner one first.
def inner():
    try:
        yield "inner"
    finally:
        print("finally of inner")


def outer(box):
    try:
        yield from inner()
    finally:
        print("finally of outer, box holds", len(box))


box = []
o = outer(box)
box.append(o)
print(next(o))
del o, box
print("before collect 4")
print("collected", gc.collect())
print("after collect 4")


# The exception being handled inside a suspended generator is part of its state.
def handling():
    try:
        raise ValueError("inside")
    except ValueError as e:
        e.gen = (yield "handling")
        yield "again"
    finally:
        print("finally of handling")


h = handling()
print(next(h))
h.send(h)
del h
print("before collect 5")
print("collected", gc.collect())
print("after collect 5")


# Coroutines and async generators suspended in a cycle are closed too.
class Suspend:
    def __await__(self):
        yield "suspended"


async def coro(ref):
    try:
        await Suspend()
    finally:
        print("finally of coro, ref holds", len(ref))


ref = []
c = coro(ref)
ref.append(c)
print(c.send(None))
del c, ref
print("before collect 7")
print("collected", gc.collect())
print("after collect 7")


async def agen(ref):
    try:
        yield "first"
        yield "second"
    finally:
        print("finally of agen")


ref = []
a = agen(ref)
ref.append(a)
step = a.__anext__()
try:
    step.send(None)
except StopIteration as e:
    print("agen yielded", e.value)
del a, ref, step
print("before collect 8")
print("collected", gc.collect())
print("after collect 8")


# A finalizer that resurrects the generator: it is closed once, and stays alive (finished).
saved = []


def resurrecting():
    me = yield
    try:
        yield
    finally:
        saved.append(me)
        print("finally of resurrecting")


r = resurrecting()
next(r)
r.send(r)
del r
print("before collect 9")
print("collected", gc.collect())
print("after collect 9:", len(saved), saved[0].gi_frame is None)
saved.clear()
print("collected", gc.collect())


# A suspended generator hanging off a cycle it is not part of: closed, then counted with it.
def plain():
    try:
        yield 1
    finally:
        print("finally of plain")


ring = [plain()]
next(ring[0])
ring.append(ring)
del ring
print("before collect 10")
print("collected", gc.collect())


# Closing itself from the `finally` the collector's close() runs: already executing.
def closes_itself():
    me = yield
    try:
        yield
    finally:
        try:
            me.close()
        except ValueError as e:
            print("close inside finally:", e)


c = closes_itself()
next(c)
c.send(c)
del c
print("before collect 11")
print("collected", gc.collect())
print("done")
