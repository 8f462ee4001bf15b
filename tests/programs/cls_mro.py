# Multiple inheritance: C3 linearisation (printed as names), cooperative
# zero-argument super() through a diamond, super() with explicit arguments,
# super() in classmethods and properties, and inconsistent-MRO TypeErrors.

def names(cls):
    return [c.__name__ for c in cls.__mro__]

class A:
    def hello(self):
        return ["A"]
    def __init__(self):
        print("  A.__init__")
        super().__init__()

class B(A):
    def hello(self):
        return ["B"] + super().hello()
    def __init__(self):
        print("  B.__init__")
        super().__init__()

class C(A):
    def hello(self):
        return ["C"] + super().hello()
    def __init__(self):
        print("  C.__init__")
        super().__init__()

class D(B, C):
    def hello(self):
        return ["D"] + super().hello()
    def __init__(self):
        print("  D.__init__")
        super().__init__()

print(names(D))
d = D()
print(d.hello())
print(super(B, d).hello(), super(C, d).hello(), super(D, d).hello())
print(D.__bases__, [b.__name__ for b in C.__bases__])

class O: pass
class F(O): pass
class E(O): pass
class Dd(O): pass
class Cc(Dd, F): pass
class Bb(Dd, E): pass
class Aa(Bb, Cc, E): pass
for cls in (Cc, Bb, Aa):
    print(cls.__name__, names(cls))

class X: pass
class Y: pass
class Z(X, Y): pass
class W(Y, X): pass
for bases in [(Z, W), (X, Z), (X, X)]:
    try:
        type("Bad", bases, {})
    except TypeError as e:
        print("TypeError:", e)
try:
    class Bad2(Z, W):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Bad3(int, str):
        pass
except TypeError as e:
    print("TypeError:", e)

class Mixin:
    def describe(self):
        return f"{type(self).__name__} via Mixin -> " + super().describe()
class Basic:
    def describe(self):
        return "Basic"
class Combined(Mixin, Basic):
    pass
print(Combined().describe(), names(Combined))
try:
    Mixin().describe()
except AttributeError as e:
    print("AttributeError:", e)

class Counter:
    made = []
    @classmethod
    def create(cls):
        cls.made.append(cls.__name__)
        return cls()
class SubCounter(Counter):
    @classmethod
    def create(cls):
        obj = super().create()
        obj.extra = True
        return obj
sc = SubCounter.create()
print(type(sc).__name__, sc.extra, Counter.made)

class P:
    @property
    def value(self):
        return 10
class Q(P):
    @property
    def value(self):
        return super().value + 1
print(Q().value)

class Late:
    def method(self):
        return super().__repr__ is not None
print(Late().method())
def outside(self):
    return super().hello()
try:
    outside(d)
except RuntimeError as e:
    print("RuntimeError:", e)
print(super(D, D).hello(d), isinstance(super(D, d), super))
print(names(bool), names(type), object.__bases__)
