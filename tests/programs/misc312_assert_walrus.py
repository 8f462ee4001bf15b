# assert with and without messages (message evaluated lazily, any object as
# message, AssertionError args), and the walrus operator in comprehensions,
# conditions, while loops, nested scopes, and its binding rules.

def check(v):
    assert v > 0, f"value must be positive, got {v}"
    return v * 2

print(check(3))
for bad in [0, -5]:
    try:
        check(bad)
    except AssertionError as e:
        print("AssertionError:", e, e.args)
try:
    assert 1 == 2
except AssertionError as e:
    print("bare assert:", repr(e), e.args, str(e) == "")
calls = []
def expensive_message():
    calls.append("called")
    return "expensive"
assert True, expensive_message()
print("message evaluated only on failure:", calls)
try:
    assert [], expensive_message()
except AssertionError as e:
    print(e, calls)
for msg in [("tuple", 1), ["list"], 42, None, ValueError("exc as message")]:
    try:
        assert False, msg
    except AssertionError as e:
        print(repr(e), e.args[0] is msg)
try:
    pair = (False, "a non-empty tuple is truthy")
    assert pair
    print("tuple assert passes")
except AssertionError:
    print("unexpected")
def raises_in_condition():
    assert 1 / 0, "never"
try:
    raises_in_condition()
except ZeroDivisionError as e:
    print("condition raised first:", e)

data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print(f"list has {n} elements")
print([y for x in data if (y := x * 10) > 30], y)
print([(x, r) for x in data if (r := x % 3)], r)
total = 0
print([total := total + x for x in data], total)
chunks = iter(["ab", "cd", "", "ef"])
seen = []
while (chunk := next(chunks)) != "":
    seen.append(chunk)
print(seen, chunk, list(chunks))
print((w := 5) + w, w, [w := w + 1 for _ in range(3)], w)
def f():
    out = [(last := i) for i in range(3)]
    return out, last
print(f())
def g():
    [hidden := 1 for _ in range(2)]
    def h():
        return hidden
    return h()
print(g())
stats = {name: (length := len(name)) for name in ["ann", "robert"]}
print(stats, length)
print(any((hit := v) > 8 for v in data), hit)
print(all((miss := v) < 9 for v in data), miss)
def fib_walrus(limit):
    a, b = 0, 1
    out = []
    while (nxt := a + b) < limit:
        out.append(nxt)
        a, b = b, nxt
    return out, nxt
print(fib_walrus(50))
values = {"a": 1}
if (found := values.get("a")) is not None and (doubled := found * 2):
    print("found", found, doubled)
print(f"{(q := 7)} and {q * 2}")
print([[j := i * k for k in range(2)] for i in range(2)], j)
class C:
    if (size := 3) > 2:
        big = True
print(C.size, C.big, "size" in globals())
