# Generator-based awaitables via types.coroutine (kept in its own program
# because it imports the types module), mixed with async def coroutines and
# driven by a tiny round-robin loop; also inspects the resulting objects.

import types

@types.coroutine
def suspend(tag):
    received = yield ("suspend", tag)
    return f"{tag} resumed with {received!r}"

@types.coroutine
def plain_yield_from():
    result = yield from suspend("nested")
    return result.upper()

async def job(name, rounds):
    out = []
    for r in range(rounds):
        msg = await suspend(f"{name}-{r}")
        out.append(msg)
    out.append(await plain_yield_from())
    return out

def loop(coros):
    pending = [(c, None) for c in coros]
    results = {}
    tick = 0
    while pending:
        coro, value = pending.pop(0)
        try:
            request = coro.send(value)
        except StopIteration as e:
            results[coro.__name__ + str(tick)] = e.value
            print(f"tick {tick}: {coro.__qualname__} finished")
        else:
            print(f"tick {tick}: {coro.__qualname__} yielded {request}")
            pending.append((coro, tick))
        tick += 1
    return results

res = loop([job("a", 2), job("b", 1)])
for key in sorted(res):
    print(key, res[key])

print(type(suspend).__name__, suspend.__name__, type(suspend("x")).__name__)
gen_obj = suspend("probe")
print(bool(gen_obj.gi_code.co_flags & 0x100), gen_obj.send(None))
gen_obj.close()

async def awaiting_generator():
    return await suspend("direct")
c = awaiting_generator()
print(c.send(None))
try:
    c.send("payload")
except StopIteration as e:
    print("result:", e.value)

def not_decorated():
    yield "raw"
async def bad_await():
    return await not_decorated()
b = bad_await()
try:
    b.send(None)
except TypeError as e:
    print("TypeError:", e)

print(types.CoroutineType.__name__, types.GeneratorType.__name__, types.FunctionType.__name__, types.AsyncGeneratorType.__name__)
print(isinstance(c, types.CoroutineType), isinstance(gen_obj, types.GeneratorType), isinstance(job, types.FunctionType))
ns = types.SimpleNamespace(a=1, b="two")
ns.c = [3]
print(ns, ns.a, vars(ns), ns == types.SimpleNamespace(a=1, b="two", c=[3]))
mp = types.MappingProxyType({"k": 1})
print(mp["k"], len(mp), dict(mp), type(mp).__name__)
try:
    mp["k"] = 2
except TypeError as e:
    print("TypeError:", e)
print(types.NoneType, types.new_class("Dyn", (object,), {}).__name__, type(lambda: 0) is types.LambdaType)
