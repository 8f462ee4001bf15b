# Truth testing via __bool__ and __len__, len() errors, __contains__ and its
# fallbacks (__iter__, __getitem__), and callable objects with __call__.

class Box:
    def __init__(self, items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)

class Flag:
    def __init__(self, on):
        self.on = on
    def __bool__(self):
        print(f"  __bool__ called ({self.on})")
        return self.on

class Both(Box):
    def __bool__(self):
        return True

print(bool(Box([])), bool(Box([1])), len(Box("abc")), bool(Both([])))
print("if:", "yes" if Flag(True) else "no")
print("not:", not Flag(False))
print("and:", Flag(True) and "rhs")
print("or:", Flag(False) or "fallback")
print("while/filter:", list(filter(None, [Box([]), Box([0]), 0, "", "x"]))[1:])
print("any/all:", any([Box([]), Box([])]), all([Box([1]), Both([])]))

class BadBool:
    def __bool__(self):
        return 1
class NegLen:
    def __len__(self):
        return -1
class FloatLen:
    def __len__(self):
        return 2.0
class HugeLen:
    def __len__(self):
        return 2 ** 70
for obj in [BadBool(), NegLen(), FloatLen(), HugeLen()]:
    try:
        print(bool(obj))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
for obj in [NegLen(), FloatLen(), 5, object()]:
    try:
        print(len(obj))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)

class Evens:
    def __contains__(self, x):
        return isinstance(x, int) and x % 2 == 0
ev = Evens()
print(4 in ev, 3 in ev, "a" in ev, 3 not in ev)

class Truthy:
    def __contains__(self, x):
        return "non-empty string"
print(1 in Truthy(), 1 not in Truthy())

class IterOnly:
    def __iter__(self):
        print("  iterating")
        return iter([1, 2, 3])
print(2 in IterOnly(), 5 in IterOnly())

class SeqOnly:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * 10
print(20 in SeqOnly(), 25 in SeqOnly(), list(SeqOnly()))
try:
    1 in 5
except TypeError as e:
    print("TypeError:", e)

class Adder:
    def __init__(self, n):
        self.n = n
        self.calls = 0
    def __call__(self, x, *rest, scale=1, **kw):
        self.calls += 1
        return (self.n + x + sum(rest)) * scale, sorted(kw)

add5 = Adder(5)
print(add5(1), add5(1, 2, 3), add5(2, scale=10), add5(0, z=1, a=2), add5.calls)
print(callable(add5), callable(Adder), callable(5), callable(len), callable(Box([])))
print(list(map(Adder(100), [1, 2])))
try:
    Box([])()
except TypeError as e:
    print("TypeError:", e)
try:
    add5()
except TypeError as e:
    print("TypeError:", e)

class Counter:
    def __init__(self):
        self.n = 0
    def __call__(self):
        self.n += 1
        return self.n
c = Counter()
print([c() for _ in range(3)], c.n, sorted([3, 1, 2], key=Adder(0)))
