# Operator overloading on a 2-D vector: every binary operator, its reflected
# form and its in-place form, plus unary operators, abs, round and bool.

class V:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"V({self.x!r}, {self.y!r})"

    def _map(self, other, fn):
        if isinstance(other, V):
            return V(fn(self.x, other.x), fn(self.y, other.y))
        if isinstance(other, (int, float)):
            return V(fn(self.x, other), fn(self.y, other))
        return NotImplemented

    def _rmap(self, other, fn):
        if isinstance(other, (int, float)):
            return V(fn(other, self.x), fn(other, self.y))
        return NotImplemented

for name, fn in [
    ("add", lambda a, b: a + b), ("sub", lambda a, b: a - b), ("mul", lambda a, b: a * b),
    ("truediv", lambda a, b: a / b), ("floordiv", lambda a, b: a // b), ("mod", lambda a, b: a % b),
    ("pow", lambda a, b: a ** b), ("lshift", lambda a, b: a << b), ("rshift", lambda a, b: a >> b),
    ("and", lambda a, b: a & b), ("or", lambda a, b: a | b), ("xor", lambda a, b: a ^ b),
]:
    def make(fn, tag):
        def op(self, other):
            return self._map(other, fn)
        def rop(self, other):
            return self._rmap(other, fn)
        op.__name__ = f"__{tag}__"
        rop.__name__ = f"__r{tag}__"
        return op, rop
    op, rop = make(fn, name)
    setattr(V, f"__{name}__", op)
    setattr(V, f"__r{name}__", rop)

def matmul(self, other):
    if isinstance(other, V):
        return self.x * other.x + self.y * other.y
    return NotImplemented
V.__matmul__ = matmul

def divmod_(self, other):
    return (self // other, self % other)
V.__divmod__ = divmod_
V.__rdivmod__ = lambda self, other: (other // self, other % self)
V.__neg__ = lambda self: V(-self.x, -self.y)
V.__pos__ = lambda self: V(+self.x, +self.y)
V.__invert__ = lambda self: V(~self.x, ~self.y)
V.__abs__ = lambda self: (self.x ** 2 + self.y ** 2) ** 0.5
V.__round__ = lambda self, n=None: V(round(self.x, n), round(self.y, n))
V.__bool__ = lambda self: bool(self.x or self.y)

a, b = V(7, 12), V(2, 5)
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(a << b, a >> b, a & b, a | b, a ^ b, a @ b)
print(a + 1, a - 1, a * 2, a / 2, a // 2, a % 5, a ** 2)
print(1 + a, 100 - a, 3 * a, 84 / a, 84 // a, 50 % a, 2 ** b)
print(1 << b, 1000 >> b, 6 & a, 1 | a, 255 ^ a)
print(divmod(a, b), divmod(a, 4), divmod(30, b))
print(-a, +a, ~a, abs(V(3, 4)), round(V(1.256, 2.5)), round(V(1.256, 2.5), 1))
print(bool(a), bool(V(0, 0)), not V(0, 0))

# in-place operators fall back to the binary ones when __iXXX__ is missing
v = V(1, 2)
orig = v
v += V(10, 10); print(v, v is orig)
v -= 1; print(v)
v *= 3; print(v)
v /= 2; print(v)
v //= 2; print(v)
v **= 2; print(v)

class IV(V):
    def __iadd__(self, other):
        self.x += other
        self.y += other
        return self
    def __imul__(self, other):
        return NotImplemented          # falls back to __mul__

w = IV(1, 1)
orig = w
w += 5; print(w, w is orig, type(w).__name__)
w *= 2; print(w, w is orig, type(w).__name__)
w2 = IV(1, 2)
w2 <<= 3; print(w2)
w2 |= 1; print(w2)
w2 ^= 3; print(w2)
w2 &= 7; print(w2)
w2 >>= 1; print(w2)
w2 %= 2; print(w2)
m = V(1, 2)
m @= V(3, 4); print(m)

for bad in [lambda: a + "s", lambda: "s" + a, lambda: a @ 2, lambda: 2 @ a, lambda: a < b]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
try:
    s = "text"
    s -= a
except TypeError as e:
    print("TypeError:", e)
print(V.__add__.__name__, V.__rxor__.__name__)
