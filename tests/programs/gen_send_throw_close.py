# Generator protocols: send() (priming, values in and out), throw() (handled
# inside, propagating out, with tracebacks of user classes), close()
# (GeneratorExit, finally, yielding during close -> RuntimeError), and states.

def accumulator():
    total = 0
    count = 0
    while True:
        value = yield total / count if count else None
        if value is None:
            break
        total += value
        count += 1
    return (total, count)

acc = accumulator()
print(acc.send(None), acc.send(10), acc.send(20), acc.send(3))
try:
    acc.send(None)
except StopIteration as e:
    print("StopIteration:", e.value, e.args)
try:
    acc.send(1)
except StopIteration as e:
    print("send after finish -> StopIteration", e.value)
fresh = accumulator()
try:
    fresh.send(5)
except TypeError as e:
    print("TypeError:", e)

class Reset(Exception):
    pass

def counter():
    n = 0
    while True:
        try:
            got = yield n
            n += 1 if got is None else got
        except Reset as r:
            print(f"  reset requested: {r}")
            n = 0
        except ValueError:
            print("  ValueError inside, finishing")
            return "stopped by ValueError"

c = counter()
print(next(c), next(c), c.send(10), next(c))
print(c.throw(Reset("back to zero")), next(c))
print(c.throw(Reset))
try:
    c.throw(ValueError)
except StopIteration as e:
    print("throw -> StopIteration:", e.value)
try:
    c.throw(KeyError("after end"))
except KeyError as e:
    print("throw into finished generator re-raises:", repr(e))

def fragile():
    yield 1
    yield 2
g = fragile()
next(g)
try:
    g.throw(IndexError("not handled"))
except IndexError as e:
    print("propagated:", e)
print(next(g, "exhausted after throw"))
g = fragile()
try:
    g.throw(RuntimeError("before start"))
except RuntimeError as e:
    print("thrown before start:", e, next(g, "dead"))

def with_cleanup(name):
    print(f"  {name}: start")
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print(f"  {name}: GeneratorExit")
        raise
    finally:
        print(f"  {name}: finally")

g = with_cleanup("a")
print(next(g))
g.close()
g.close()
print(next(g, "closed"))
g = with_cleanup("b")
g.close()
print("closing an unstarted generator runs nothing")

def stubborn():
    try:
        yield "first"
    except GeneratorExit:
        yield "refuse to die"
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)

def returns_on_close():
    try:
        yield 1
    except GeneratorExit:
        return "ignored value"
r = returns_on_close()
next(r)
print("close() ->", r.close())

def states():
    yield
st = states()
print(st.gi_running, st.gi_frame is not None, st.gi_code.co_name, st.gi_suspended)
next(st)
print(st.gi_running, st.gi_frame is not None, st.gi_suspended)
list(st)
print(st.gi_frame, st.gi_running)

def self_ref():
    yield next(me)
me = self_ref()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)
