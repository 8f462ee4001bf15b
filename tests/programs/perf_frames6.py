"""Frames released on return (session 6): the order in which a returning frame's locals are
released (__del__), frames kept alive by exceptions and tracebacks (their f_locals), closures
and generators that outlive their frame, recursion to RecursionError and back, frames that
return with a locals mapping or values on the stack, *args/**kwargs binding and its errors,
and an uncaught error's traceback through several frames."""
import sys


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


# Locals are released in slot order when the frame returns, before the caller goes on.
def three_locals():
    a = Noisy("a")
    b = 5
    c = Noisy("c")
    d = None
    e = Noisy("e")
    return b + (d is None)


print("three_locals ->", three_locals())


def args_and_locals(x, y, *rest, **kw):
    z = Noisy("z")
    return len(rest) + len(kw)


print("args_and_locals ->", args_and_locals(Noisy("x"), Noisy("y"), Noisy("r1"), k=Noisy("k")))


def returns_local():
    keep = Noisy("kept")
    drop = Noisy("dropped")
    return keep


kept = returns_local()
print("returned", kept.name)
del kept


def deleted_local():
    a = Noisy("early")
    del a
    print("after del a")
    return 1


deleted_local()


def loop_calls(n):
    total = 0
    for i in range(n):
        total += three_ints(i, i + 1)
    return total


def three_ints(p, q):
    r = p * q
    return r - p


print("loop_calls", loop_calls(50))


# Frames kept by a traceback: their locals stay readable.
def fails(depth, tag):
    marker = Noisy("marker%d" % depth)
    if depth == 0:
        raise ValueError("bottom " + tag)
    return fails(depth - 1, tag)


try:
    fails(3, "t")
except ValueError as exc:
    tb = exc.__traceback__
    depths = []
    while tb is not None:
        loc = tb.tb_frame.f_locals
        if "depth" in loc:
            depths.append((loc["depth"], loc["tag"], loc["marker"].name))
        tb = tb.tb_next
    print("traceback locals", depths)
    del tb, loc
print("after except (markers freed with the exception)")


def keep_error():
    try:
        fails(1, "kept")
    except ValueError as e:
        return e


err = keep_error()
frames = []
tb = err.__traceback__
while tb is not None:
    frames.append(tb.tb_frame.f_code.co_name)
    tb = tb.tb_next
print("kept error frames", frames)
del err, tb
print("error dropped")


# Closures and generators outliving their frame.
def make_closures(n):
    fs = []
    for i in range(n):
        def f(x, i=i):
            return x * i + n
        fs.append(f)
    return fs


print("closures", [f(10) for f in make_closures(4)])


def counter():
    count = 0

    def bump(step=1):
        nonlocal count
        count += step
        return count

    return bump


c = counter()
c()
c(5)
print("counter", c(0))


def gen(n):
    tag = Noisy("gen-local")
    for i in range(n):
        yield i * i
    print("gen done")


g = gen(3)
print("gen first", next(g))
print("gen rest", list(g))
del g


def gen_abandoned():
    item = Noisy("abandoned-local")
    yield 1
    yield 2


g = gen_abandoned()
print("abandoned first", next(g))
del g
print("after abandoned")


# Recursion to RecursionError and back; frames are reused afterwards.
def deep(n):
    return deep(n + 1) + 1


try:
    deep(0)
except RecursionError as e:
    print("RecursionError:", e)


def depth_ok(n):
    if n == 0:
        return 0
    return 1 + depth_ok(n - 1)


print("depth_ok", depth_ok(300))


def deep_kw(n, *, step=1):
    return deep_kw(n + step, step=step)


try:
    deep_kw(0)
except RecursionError as e:
    print("RecursionError kw:", e)


def deep_star(*args, **kw):
    return deep_star(*args, **kw)


try:
    deep_star(1, a=2)
except RecursionError as e:
    print("RecursionError star:", e)
print("depth_ok again", depth_ok(100))


# A frame with a locals mapping (class body) and one that returns from inside a loop
# with an iterator on its stack.
class Body:
    inner = Noisy("class-attr")
    tmp = [i for i in range(3)]


print("class body", Body.tmp)


def return_from_loop(items):
    for x in items:
        if x > 2:
            return x
    return None


print("return_from_loop", return_from_loop(iter([1, 2, 3, 4])))


def return_in_with():
    class Ctx:
        def __enter__(self):
            return self

        def __exit__(self, *a):
            print("exit", a[0])
            return False

    with Ctx():
        return "from with"


print(return_in_with())


def return_in_finally():
    try:
        return "try"
    finally:
        print("finally runs")


print(return_in_finally())


# *args/**kwargs binding and its errors.
def star(a, *args, b=2, **kw):
    return (a, args, b, sorted(kw.items()))


print(star(1))
print(star(1, 2, 3, b=4, c=5))
print(star(*[1, 2], **{"b": 3, "d": 4}))
print(star(a=1, z=0))

errors = [
    lambda: star(),
    lambda: star(1, a=2),
    lambda: star(1, **{"a": 2}),
    lambda: star(1, **{1: 2}),
    lambda: star(*5),
    lambda: star(1, **[1]),
    lambda: three_ints(1),
    lambda: three_ints(1, 2, 3),
    lambda: three_ints(1, q=2, z=3),
    lambda: three_ints(*(1,), **{"p": 1}),
]
for fn in errors:
    try:
        fn()
    except TypeError as e:
        print("TypeError:", e)


def wrapper(*args, **kwargs):
    return three_ints(*args, **kwargs)


print("wrapper", wrapper(3, 4), wrapper(p=2, q=5), wrapper(1, q=7))
try:
    wrapper(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)


# Many frames alive at once (more than the pool holds), then released.
def nest(n, acc):
    if n == 0:
        return len(acc)
    acc.append(Noisy("n%d" % n) if n == 77 else n)
    return nest(n - 1, acc)


holder = []
print("nest", nest(150, holder))
del holder
print("holder freed")

sys.stdout.flush()


# An uncaught error's traceback through several frames.
def level3(x):
    return x["missing"]


def level2(x):
    y = level3(x)
    return y


def level1():
    return level2({"present": 1})


level1()
