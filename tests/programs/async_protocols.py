# async for, async with, async generators (asend/athrow/aclose), async
# comprehensions, await on user awaitables, all driven by hand with
# coro.send(None) — no event loop.

def run(coro):
    """Drive a coroutine to completion; every yielded value is logged."""
    steps = 0
    try:
        while True:
            yielded = coro.send(None)
            steps += 1
            print(f"    (suspended: {yielded!r})")
    except StopIteration as e:
        return e.value, steps

class Tick:
    def __init__(self, label):
        self.label = label
    def __await__(self):
        yield f"tick {self.label}"
        return self.label.upper()

class ARange:
    def __init__(self, n):
        self.n, self.i = n, 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        await Tick(f"arange {self.i}")
        self.i += 1
        return self.i - 1

class Lock:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        print(f"  acquire {self.name}")
        await Tick("acquire")
        return self
    async def __aexit__(self, et, ev, tb):
        print(f"  release {self.name} ({et.__name__ if et else 'clean'})")
        return et is KeyError

async def agen(n):
    try:
        for i in range(n):
            got = yield i * 10
            if got is not None:
                print(f"  agen received {got!r}")
            await Tick(f"agen {i}")
    finally:
        print("  agen finally")

async def main():
    v = await Tick("direct")
    print("  await Tick ->", v)
    async for x in ARange(2):
        print("  async for got", x)
    async with Lock("L1") as lk:
        print("  inside", lk.name)
    async with Lock("L2"):
        raise KeyError("suppressed by __aexit__")
    try:
        async with Lock("L3"):
            raise ValueError("not suppressed")
    except ValueError as e:
        print("  caught", e)
    total = [x async for x in agen(3)]
    print("  async listcomp", total)
    print("  async setcomp", {x % 20 async for x in agen(4)}, "dictcomp", {x: -x async for x in ARange(2)})
    print("  await in comp", [await Tick(s) for s in "ab"])
    return "main done"

print(run(main()))

async def use_asend():
    g = agen(5)
    first = await g.asend(None)
    second = await g.asend("hello")
    third = await g.__anext__()
    print("  values", first, second, third)
    try:
        await g.athrow(ValueError("into agen"))
    except ValueError as e:
        print("  athrow propagated:", e)
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("  agen exhausted after athrow")
    g2 = agen(5)
    await g2.asend(None)
    await g2.aclose()
    print("  aclose done; next ->", await anext(g2, "default"))
    g3 = agen(1)
    print("  anext builtin", await anext(g3), await anext(g3, "end"))
    return type(g).__name__, g.__name__

print(run(use_asend()))

async def sync_in_async():
    try:
        async for _ in [1, 2]:
            pass
    except TypeError as e:
        print("  TypeError:", e)
    try:
        async with object():
            pass
    except TypeError as e:
        print("  TypeError:", e)
    try:
        await 5
    except TypeError as e:
        print("  TypeError:", e)
    return "errors checked"
print(run(sync_in_async()))

async def simple():
    return 42
c = simple()
print(type(c).__name__, c.cr_running, c.__name__, c.__qualname__)
print(run(c))
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
print(type(agen(1)).__name__, hasattr(agen(1), "__aiter__"), type(agen(1).__aiter__()).__name__)
