# The iteration protocol: __iter__/__next__ classes, iterators that are their
# own iterators, iteration through __getitem__ (IndexError ends it), iter()
# with a sentinel, __reversed__, exhaustion, and errors from bad iterators.

class Countdown:
    def __init__(self, start):
        self.start = start
    def __iter__(self):
        return CountdownIter(self.start)

class CountdownIter:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

cd = Countdown(3)
print(list(cd), list(cd), sum(cd), max(cd), sorted(cd))
it = iter(cd)
print(type(it).__name__, next(it), next(it), next(it), next(it, "end"), next(it, "end"))
for x in Countdown(2):
    for y in Countdown(2):
        print(f"({x},{y})", end=" ")
print()
a, b, c = Countdown(3)
print(a, b, c, [*Countdown(2), *Countdown(1)], dict.fromkeys(Countdown(2)))

class Squares:
    def __init__(self, n):
        self.n = n
    def __getitem__(self, i):
        print(f"  getitem {i}")
        if i >= self.n:
            raise IndexError("done")
        return i * i
print(list(Squares(3)))
print(tuple(Squares(0)), "x" if 4 in Squares(5) else "-")
sq_it = iter(Squares(2))
print(type(sq_it).__name__, next(sq_it), next(sq_it), next(sq_it, None))

class Letters:
    def __getitem__(self, i):
        return "abcde"[i]
    def __len__(self):
        return 5
print(list(reversed(Letters())), "".join(Letters()))

class Tree:
    def __init__(self, *items):
        self.items = items
    def __iter__(self):
        for item in self.items:
            if isinstance(item, Tree):
                yield from item
            else:
                yield item
    def __reversed__(self):
        return iter(list(self)[::-1])
t = Tree(1, Tree(2, Tree(3, 4)), 5)
print(list(t), list(reversed(t)), 4 in t)

state = {"n": 0}
def ticker():
    state["n"] += 1
    return state["n"]
print(list(iter(ticker, 4)))
lines = iter(["alpha", "beta", "", "gamma"])
print(list(iter(lines.__next__, "")), list(lines))

class NotIter:
    pass
class BadIter:
    def __iter__(self):
        return 42
class NoNext:
    def __iter__(self):
        return self
for obj in [NotIter(), BadIter(), NoNext(), 3.5]:
    try:
        for _ in obj:
            pass
    except TypeError as e:
        print("TypeError:", e)
try:
    next([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    iter(5, 0)
except TypeError as e:
    print("TypeError:", e)

class Raiser:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i == 3:
            raise ValueError("broken at 3")
        return self.i
collected = []
try:
    for v in Raiser():
        collected.append(v)
except ValueError as e:
    print("ValueError:", e, collected)

it = iter([1, 2, 3])
print(next(it), list(it), list(it), next(it, "exhausted"))
z = zip(Countdown(3), "ab")
print(list(z), list(enumerate(Countdown(2), start=1)), list(map(lambda v: v * 2, Squares(2))))
