# Errors in finalizers are reported like CPython's default sys.unraisablehook: the
# "Exception ignored in:" line, the traceback, and "Type: message" only -- no chained
# exceptions, no notes, and ": " even for an empty message. Run by tests/safety_gc.rs, which
# compares stderr with the addresses masked (so this is not a golden program).
import gc

gc.disable()


class Chained:
    def __del__(self):
        try:
            1 / 0
        except ZeroDivisionError:
            raise RuntimeError()


class Noted:
    def __del__(self):
        e = ValueError("v")
        e.add_note("a note")
        raise e


a = Chained()
del a
b = Noted()
del b
print("refcount finalizers done")


class InCycle:
    def __init__(self):
        self.me = self

    def __del__(self):
        raise KeyError("in a cycle")


c = InCycle()
del c
gc.collect()
print("collected")


def thrower():
    me = yield
    try:
        yield
    finally:
        raise LookupError("from finally")


g = thrower()
next(g)
g.send(g)
del g
gc.collect()
print("done")
