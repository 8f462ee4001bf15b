# with statements: enter/exit order, nested and multi-item (including the
# parenthesised 3.10+ form), exceptions passed to __exit__, suppression by
# returning True, exceptions raised in __enter__/__exit__, return/break/
# continue inside with, protocol errors, and special-method lookup on the type.

class CM:
    def __init__(self, name, suppress=(), fail_enter=False, fail_exit=False):
        self.name, self.suppress = name, suppress
        self.fail_enter, self.fail_exit = fail_enter, fail_exit
    def __enter__(self):
        print(f"  enter {self.name}")
        if self.fail_enter:
            raise RuntimeError(f"{self.name} cannot enter")
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        desc = f"{et.__name__}({ev})" if et else "no exception"
        print(f"  exit {self.name}: {desc}, tb is {'set' if tb else 'None'}")
        if self.fail_exit:
            raise OSError(f"{self.name} failed to exit")
        return et is not None and issubclass(et, self.suppress)

print("-- basic")
with CM("a") as v:
    print("  body with", v)
print("-- nested")
with CM("outer"):
    with CM("inner") as i:
        print("  body", i)
print("-- multi-item")
with CM("x") as x, CM("y") as y, CM("z"):
    print("  body", x, y)
with (
    CM("p") as p,
    CM("q", suppress=(ZeroDivisionError,)),
):
    print("  parenthesised body", p)
    1 / 0
print("-- suppression")
with CM("s", suppress=(KeyError,)):
    {}["missing"]
    print("  not reached")
print("  continues after suppressed KeyError")
try:
    with CM("t", suppress=(KeyError,)):
        raise ValueError("passes through")
except ValueError as e:
    print("  caught outside:", e)
print("-- inner suppresses, outer sees nothing")
with CM("o"), CM("i", suppress=(IndexError,)):
    [][1]
print("-- failing __enter__")
try:
    with CM("ok1"), CM("bad", fail_enter=True), CM("never"):
        print("  not reached")
except RuntimeError as e:
    print("  caught:", e)
print("-- failing __exit__ replaces the exception")
try:
    with CM("fx", fail_exit=True):
        raise KeyError("original")
except OSError as e:
    print("  caught:", e, "| context:", repr(e.__context__))
print("-- control flow")
def early():
    with CM("ret"):
        return "returned value"
print(" ", early())
for n in range(3):
    with CM(f"loop{n}"):
        if n == 0:
            continue
        if n == 1:
            break
print("-- exit return value truthiness")
class Truthy:
    def __enter__(self):
        return None
    def __exit__(self, *a):
        return "yes"
with Truthy() as nothing:
    raise TypeError("swallowed")
print("  swallowed by truthy exit, as-target:", nothing)
print("-- protocol errors")
class NoExit:
    def __enter__(self):
        return 1
for obj in [NoExit(), object(), 5]:
    try:
        with obj:
            pass
    except TypeError as e:
        print("  TypeError:", e)
print("-- lookup on the type, not the instance")
class Sneaky:
    pass
sn = Sneaky()
sn.__enter__ = lambda: 1
sn.__exit__ = lambda *a: None
try:
    with sn:
        pass
except TypeError as e:
    print("  TypeError:", e)
class Timer:
    def __init__(self):
        self.events = []
    def __enter__(self):
        self.events.append("start")
        return self
    def __exit__(self, *exc):
        self.events.append("stop")
tm = Timer()
with tm as same:
    print("  same object:", same is tm)
with tm:
    pass
print(" ", tm.events)
