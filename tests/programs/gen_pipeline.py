# A lazy generator pipeline (read -> parse -> filter -> aggregate) with
# tracing that shows the interleaving, generator expressions (lazy, single
# pass, early binding of the first iterable), and itertools-like helpers.

LOG = """\
2024-01-01 INFO start
2024-01-01 WARN disk 91%
bad line
2024-01-02 ERROR db timeout
2024-01-02 INFO tick
2024-01-03 ERROR db refused
2024-01-03 WARN disk 95%
"""

def read_lines(text):
    for n, line in enumerate(text.splitlines(), 1):
        print(f"  read {n}")
        yield n, line

def parse(lines):
    for n, line in lines:
        parts = line.split(" ", 2)
        if len(parts) < 3:
            print(f"  skip {n}")
            continue
        yield {"n": n, "day": parts[0][-2:], "level": parts[1], "msg": parts[2]}

def only(levels, records):
    return (r for r in records if r["level"] in levels)

def take(k, it):
    for i, x in enumerate(it):
        if i >= k:
            return
        yield x

pipe = only({"ERROR", "WARN"}, parse(read_lines(LOG)))
print(type(pipe).__name__)
first_two = list(take(2, pipe))
print([r["n"] for r in first_two])
print("rest:", [(r["n"], r["level"]) for r in pipe])
print("exhausted:", list(pipe))

def running_total(nums):
    total = 0
    for x in nums:
        total += x
        yield total

def chunked(it, size):
    chunk = []
    for x in it:
        chunk.append(x)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

print(list(running_total(range(1, 8))), list(chunked("abcdefg", 3)), list(take(12, fib())))
evens_sq = (x * x for x in range(10) if x % 2 == 0)
print(next(evens_sq), next(evens_sq), list(evens_sq), list(evens_sq))
print(sum(x for x in range(101)), max((len(w), w) for w in "a bb ccc dd".split()), any(x > 5 for x in fib()), "".join(c.upper() for c in "gen"))

items = [1, 2, 3]
g = (x * 10 for x in items)
items = [7, 8]
print(list(g))
base = 100
g = (x + base for x in range(3))
base = 0
print(list(g))
g = (x for x in range(3))
print(g.__name__, g.__qualname__, type(g).__name__, iter(g) is g)

try:
    (1 / x for x in [1, 0])
    print("creating the generator does not raise")
    list(1 / x for x in [1, 0])
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    (x for x in 5)
except TypeError as e:
    print("TypeError at creation:", e)

matrix = [[1, 2, 3], [4, 5, 6]]
print(list(sum(row) for row in matrix), list(x for row in matrix for x in row if x % 2), [list(col) for col in zip(*matrix)])
nested = ((i, j) for i in range(3) for j in range(i))
print(list(nested))

def gen_with_state():
    seen = set()
    for w in "the cat the dog a cat".split():
        if w not in seen:
            seen.add(w)
            yield w
print(list(gen_with_state()), dict(enumerate(take(3, fib()))), sorted(x % 5 for x in range(12)))
words = iter(["x", "y", "z"])
print(list(zip(words, words)), list(words))
