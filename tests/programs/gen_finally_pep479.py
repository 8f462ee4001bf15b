# finally blocks in generators: run on normal exhaustion, on close(), when
# the last reference to a suspended generator is dropped, on break out of a
# for loop over a temporary generator, and with-blocks inside generators.
# PEP 479: StopIteration raised inside a generator becomes RuntimeError.

def resource(name):
    print(f"  open {name}")
    try:
        for i in range(3):
            yield f"{name}{i}"
    finally:
        print(f"  close {name}")

print("-- exhaustion")
print(list(resource("x")))
print("-- close()")
g = resource("y")
print(next(g))
g.close()
print("after close")
print("-- dropping the last reference")
g = resource("z")
print(next(g))
del g
print("after del")
g = resource("w")
next(g)
g = None
print("after rebinding")
print("-- break out of a for loop")
for item in resource("loop"):
    print("  got", item)
    if item.endswith("1"):
        break
print("after break")
print("-- never started: no finally")
g = resource("unstarted")
del g
print("after del of unstarted")

def scoped():
    gen = resource("local")
    return next(gen)
print("-- local going out of scope:", scoped())

class Ctx:
    def __enter__(self):
        print("  enter ctx")
        return self
    def __exit__(self, *exc):
        print("  exit ctx", exc[0].__name__ if exc[0] else None)
        return False

def with_in_gen():
    with Ctx():
        yield 1
        yield 2
g = with_in_gen()
next(g)
g.close()
g = with_in_gen()
next(g)
del g
print("-- nested generators")
def outer_gen():
    try:
        yield from resource("inner")
    finally:
        print("  outer finally")
g = outer_gen()
next(g)
del g
print("-- PEP 479")

def leaks_stop():
    yield 1
    raise StopIteration("explicit")

def next_on_empty():
    it = iter([])
    yield 1
    yield next(it)

for fn in (leaks_stop, next_on_empty):
    try:
        print(list(fn()))
    except RuntimeError as e:
        print("RuntimeError:", e, "| cause:", repr(e.__cause__), "| context is cause:", e.__context__ is e.__cause__)

def safe_next():
    it = iter([])
    yield 1
    yield next(it, "default")
    return "normal return"
print(list(safe_next()))

def guarded():
    try:
        yield next(iter([]))
    except StopIteration:
        yield "caught inside"
print(list(guarded()))
gx = (next(iter([])) for _ in range(1))
try:
    list(gx)
except RuntimeError as e:
    print("genexpr RuntimeError:", e)
try:
    list(map(lambda _: next(iter([])), [1, 2]))
    print("map stops silently on StopIteration")
except RuntimeError as e:
    print("unexpected", e)
print("end")
