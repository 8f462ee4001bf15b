"""Frames handed back to the pool: returns from Python callers and from native callers
(key functions, __init__, map), argument moves of 0..5 arguments, returns with values
still on the stack, deep recursion past the pool's size, big frames, and the moment
locals are released (__del__ order)."""


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


# Argument moves: 0, 1, 2, 3, 4 and 5 positional arguments, and bound methods.
def a0():
    return 0


def a1(x):
    return x


def a2(x, y):
    return x - y


def a3(x, y, z):
    return (x - y) * z


def a4(x, y, z, w):
    return ((x - y) * z) - w


def a5(x, y, z, w, v):
    return [x, y, z, w, v]


class M:
    def m0(self):
        return "m0"

    def m1(self, x):
        return ("m1", x)

    def m3(self, x, y, z):
        return ("m3", x, y, z)

    def m4(self, x, y, z, w):
        return ("m4", x, y, z, w)


m = M()
print(a0(), a1("one"), a2(7, 3), a3(7, 3, 2), a4(7, 3, 2, 1), a5(1, "b", 3.5, None, (5,)))
print(m.m0(), m.m1(1), m.m3(1, 2, 3), m.m4(1, 2, 3, 4))
total = 0
for i in range(300):
    total += a2(i, 1) + a3(i, 2, 3) + a4(i, 1, 2, 3) + len(a5(i, i, i, i, i))
print("total", total)

# Arguments that own objects: moved, not copied (released when the callee's frame is done).
def keep_first(a, b, c):
    return a


print(keep_first(Noisy("x1"), Noisy("x2"), Noisy("x3")).name)
print("after keep_first")


def local_release():
    n = Noisy("local")
    return 1


print("local_release", local_release())
print("after local_release")


# Returns with something still on the stack: inside a for loop, a with block, try/finally.
class Ctx:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *exc):
        print("exit", exc[0])
        return False


def ret_in_for(seq):
    for x in seq:
        if x > 2:
            return x
    return -1


def ret_in_with():
    with Ctx():
        return "from with"


def ret_in_finally():
    try:
        return "try"
    finally:
        print("finally runs")


def ret_const_in_loop():
    for _ in range(3):
        for _ in range(2):
            return None


for _ in range(3):
    print(ret_in_for([1, 2, 3, 4]), ret_in_for([]), ret_in_with(), ret_in_finally(), ret_const_in_loop())


# Deep recursion: more live frames than the pool keeps.
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)


for n in (10, 63, 64, 65, 200, 500):
    print("depth", n, depth(n))


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print("fib", [fib(k) for k in range(15)])


# A frame with many locals (more than the pool keeps) between small ones.
src = "def big(a):\n" + "".join(f"    v{i} = a + {i}\n" for i in range(300)) + "    return v0 + v299\n"
ns = {}
exec(src, ns)
big = ns["big"]
print("big", big(1), a2(5, 1), big(2), a3(1, 2, 3))


# Native callers running Python functions: key functions, __init__, map, filter, sum/list of
# generators; their frames go back to the pool too.
class Rec:
    def __init__(self, name, score):
        self.name = name
        self.score = score


recs = [Rec("r%d" % (i * 7 % 11), i * 37 % 17) for i in range(40)]
print([r.name for r in sorted(recs, key=lambda r: (r.score, r.name))][:8])
print(max(recs, key=lambda r: r.score).name, min(recs, key=lambda r: r.name).name)
print(list(map(lambda x: x * x, range(10))))
print(list(filter(lambda x: x % 3 == 0, range(20))))
print(sum(x * 2 for x in range(100)), list(x for x in "abc"))
print(any(x > 5 for x in range(10)), all(x < 5 for x in range(10)))


def key_with_local(r):
    tmp = Noisy("key" + r.name)
    return r.score


print([r.name for r in sorted(recs[:3], key=key_with_local)])
print("after sorted")


# A key function that raises: the traceback shows its frame.
def bad_key(r):
    if r.score > 10:
        return r.missing
    return r.score


try:
    sorted(recs, key=bad_key)
except AttributeError as e:
    print("AttributeError", e)


class InitReturns:
    def __init__(self):
        return 5


try:
    InitReturns()
except TypeError as e:
    print("TypeError", e)


# Class bodies (frames with a locals mapping) run by a native caller, between calls.
for i in range(3):

    class Body:
        x = a2(i, 1)
        y = [a1(j) for j in range(i)]

    print("Body", Body.x, Body.y)


# Recursion through a native caller (map) and back.
def nested(n):
    if n == 0:
        return [0]
    return list(map(lambda k: nested(k)[0] + 1, [n - 1]))


print("nested", nested(30))


def gen_ret():
    yield 1
    return "done"


def drive():
    g = gen_ret()
    next(g)
    try:
        next(g)
    except StopIteration as e:
        return e.value


print("gen", drive(), drive())


# An uncaught error raised in a callee: the traceback lists every frame.
def outer(x):
    return inner(x, 0)


def inner(a, b):
    return a // b


print(outer(4) if False else "before error")
outer(4)
