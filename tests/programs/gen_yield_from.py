# yield from delegation: return values become the value of the yield from
# expression (StopIteration.value), send/throw/close forwarded to the
# subgenerator, delegation to non-generator iterables and iterators with
# send, recursive delegation, and StopIteration carrying tuples/None.

def inner(tag):
    print(f"  {tag}: start")
    received = []
    while True:
        x = yield f"{tag} ready"
        if x is None:
            break
        received.append(x)
    print(f"  {tag}: done")
    return received

def outer():
    first = yield from inner("A")
    print("  outer got", first)
    second = yield from inner("B")
    print("  outer got", second)
    return len(first) + len(second)

g = outer()
print(next(g))
print(g.send(1), g.send(2))
print(g.send(None))
print(g.send("x"))
try:
    g.send(None)
except StopIteration as e:
    print("outer returned", e.value)

def catcher():
    try:
        yield "waiting"
    except KeyError as e:
        print("  inner caught", repr(e))
        yield "recovered"
    finally:
        print("  inner finally")
    return "inner result"

def wrapper():
    res = yield from catcher()
    print("  wrapper got", res)
    yield "wrapper end"

w = wrapper()
print(next(w), w.throw(KeyError("k")), next(w))
w = wrapper()
next(w)
w.close()
print("closed; subgenerator finalised first")
w = wrapper()
next(w)
try:
    w.throw(ValueError("unhandled"))
except ValueError as e:
    print("propagated through both:", e)

def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain("ab", [1, 2], range(3, 5), {"k": 0}, (x * x for x in range(3)))))

def flatten(items):
    for item in items:
        if isinstance(item, (list, tuple)):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, [4, (5, 6)]], 7], [[[]]], 8])))

def tree_depth(node, depth=0):
    yield depth
    for child in node:
        yield from tree_depth(child, depth + 1)
print(max(tree_depth([[[], [[]]], []])))

def returns_tuple():
    return (1, 2)
    yield
def returns_stopiter_like():
    return StopIteration("as value")
    yield
def returns_none():
    yield 1
def delegate(fn):
    value = yield from fn()
    return repr(value)
for fn in [returns_tuple, returns_stopiter_like, returns_none]:
    d = delegate(fn)
    produced = []
    try:
        while True:
            produced.append(next(d))
    except StopIteration as e:
        print(fn.__name__, "yielded", produced, "returned", e.value)

class Echo:
    def __init__(self):
        self.log = []
    def __iter__(self):
        return self
    def __next__(self):
        return "next"
    def send(self, v):
        self.log.append(v)
        if v == "stop":
            raise StopIteration("echo finished")
        return f"echo {v}"

def use_echo(e):
    result = yield from e
    return result
e = Echo()
ue = use_echo(e)
print(next(ue), ue.send("a"), ue.send("b"), next(ue))
try:
    ue.send("stop")
except StopIteration as s:
    print("Echo result:", s.value, e.log)
try:
    list(use_echo(5))
except TypeError as err:
    print("TypeError:", err)
