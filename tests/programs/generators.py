# Generators: yield, yield from, send, throw, close, return values,
# StopIteration, generator expressions and lazy pipelines.

def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"

g = count_up(3)
print(type(g).__name__, next(g), next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)
print(list(count_up(5)), sum(count_up(101)))

def delegator():
    result = yield from count_up(2)
    print("  inner returned", result)
    yield from "ab"
    yield from [10, 20]
    return "outer done"

print(list(delegator()))

def echo():
    received = []
    while True:
        value = yield len(received)
        if value is None:
            break
        received.append(value)
    return received

e = echo()
print(next(e), e.send("x"), e.send("y"))
try:
    e.send(None)
except StopIteration as stop:
    print("echo returned", stop.value)

def guarded():
    try:
        yield 1
        yield 2
    except ValueError as err:
        print("  caught inside:", err)
        yield "recovered"
    finally:
        print("  cleanup")

gg = guarded()
print(next(gg), gg.throw(ValueError("boom")))
gg.close()
gg2 = guarded()
print(next(gg2))
gg2.close()
print("closed")

# Infinite generator with an external limit
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

out = []
for v in fib():
    if v > 100:
        break
    out.append(v)
print(out)

# Pipelines
def numbers():
    yield from range(1, 20)

def evens(src):
    for v in src:
        if v % 2 == 0:
            yield v

def squares(src):
    for v in src:
        yield v * v

print(list(squares(evens(numbers()))))
print(sum(x for x in squares(range(4))), max((len(w), w) for w in ["aa", "b", "ccc"]))

# Generator state
def stateful():
    yield 1

s = stateful()
print(next(s, "x"), next(s, "exhausted"), next(s, "still exhausted"))

# Exceptions propagate out of generators with a traceback through them
def failing():
    yield 1
    raise KeyError("inside generator")

try:
    for item in failing():
        print("got", item)
except KeyError as err:
    print("KeyError:", err)

# StopIteration raised inside a generator becomes RuntimeError
def bad():
    yield 1
    raise StopIteration("oops")

try:
    list(bad())
except RuntimeError as err:
    print("RuntimeError:", err, "| cause:", repr(err.__cause__))

# Running generator cannot be re-entered
def reentrant():
    yield next(r)

r = reentrant()
try:
    next(r)
except ValueError as err:
    print("ValueError:", err)
