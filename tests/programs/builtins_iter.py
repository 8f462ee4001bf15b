# Iteration builtins: iter/next (with sentinels and defaults), enumerate,
# zip (incl. strict), map, filter, reversed, sorted, all, any, list/tuple/dict
# consumers, and iterator exhaustion.

it = iter([10, 20, 30])
print(next(it), next(it), next(it), next(it, "done"), next(it, None))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e), e.args)

s_it = iter("ab")
print(list(s_it), list(s_it))
print(iter(s_it) is s_it)

# iter(callable, sentinel)
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 5)))

print(list(enumerate("abc")), list(enumerate("abc", 1)), list(enumerate([], 5)), list(enumerate("xy", start=-2)))
print(list(zip()), list(zip([1, 2, 3])), list(zip([1, 2], "abc", (True, False, None))))
print(dict(zip("abc", range(3))), list(zip(*[(1, "a"), (2, "b")])))
try:
    list(zip([1, 2], [3], strict=True))
except ValueError as e:
    print("ValueError:", e)
try:
    list(zip([1], [3, 4], strict=True))
except ValueError as e:
    print("ValueError:", e)
print(list(zip([1, 2], [3, 4], strict=True)))

print(list(map(abs, [-1, 2, -3])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(str, range(3))))
print(list(filter(None, [0, 1, "", "a", [], [0], None])), list(filter(lambda v: v % 3 == 0, range(10))))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(5))), list(reversed((1,))))
print(list(reversed({"x": 1, "y": 2})), list(reversed({"x": 1, "y": 2}.items())))
print(sorted([3, 1, 2]), sorted("hello"), sorted([3, 1, 2], reverse=True), sorted({3: 1, 1: 2}), sorted([]))
print(all([]), all([1, 2]), all([1, 0]), any([]), any([0, ""]), any([0, "x"]), all(x > 0 for x in range(1, 4)))

# Lazy map/filter/zip consume iterators step by step
src = iter(range(10))
evens = filter(lambda v: v % 2 == 0, src)
print(next(evens), next(evens), next(src), list(evens))

m = map(lambda v: v * 10, [1, 2, 3])
print(next(m), list(m), list(m))

e = enumerate("xyz")
print(next(e), list(e))

z = zip(iter([1, 2, 3]), iter("ab"))
print(list(z))

# Consumers
print(list(range(3)), tuple("ab"), set([1, 1, 2]), dict(enumerate("ab")), frozenset(range(2)))
print(list({"k1": 1, "k2": 2}), list({"k1": 1}.values()), min(iter([5, 3, 9])), sum(iter([1, 2])))
print(" ".join(map(str, range(5))), "-".join(reversed("abc")))

# Iterating things while modifying them
lst = [1, 2, 3]
for v in lst:
    if v < 3:
        lst.append(v * 10)
print(lst)

# Type names of iterators
print(type(iter([])).__name__, type(iter(())).__name__, type(iter("")).__name__, type(iter(range(1))).__name__)
print(type(iter({})).__name__, type(iter(set())).__name__, type(reversed([])).__name__, type(zip()).__name__)
print(type(map(abs, [])).__name__, type(filter(None, [])).__name__, type(enumerate([])).__name__)

def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

attempt("iter int", lambda: iter(5))
attempt("next list", lambda: next([1, 2]))
attempt("reversed set", lambda: reversed({1, 2}))
attempt("reversed gen", lambda: reversed(v for v in [1]))
attempt("zip int", lambda: zip(1, 2))
attempt("map none", lambda: list(map(None, [1])))
attempt("enumerate int", lambda: enumerate(3))
attempt("sorted key", lambda: sorted([1, 2], key=5))
attempt("all int", lambda: all(5))
attempt("iter sentinel", lambda: iter([1], 1))
