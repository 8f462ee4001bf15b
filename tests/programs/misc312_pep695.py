# PEP 695 (3.12): type aliases (type X = ...), generic functions and classes
# with TypeVar, bounds, constraints, TypeVarTuple and ParamSpec; lazy
# evaluation of alias values and bounds; __type_params__; reprs.

type Number = int | float
type Pair[T] = tuple[T, T]
type Tree[T] = T | list[Tree[T]]
type Lazy = UndefinedYet

print(Number, type(Number).__name__, Number.__name__, Number.__value__, Number.__type_params__)
print(Pair, Pair.__value__, Pair.__type_params__, Pair[int], Pair[str].__args__)
print(Tree.__value__, Tree.__type_params__[0].__name__)
try:
    Lazy.__value__
except NameError as e:
    print("NameError (evaluated lazily):", e)
UndefinedYet = "now defined"
print(Lazy.__value__)

def first[T](items: list[T]) -> T:
    return items[0]

print(first([3, 2]), first("xy"), first.__type_params__, first.__annotations__)
T = first.__type_params__[0]
print(type(T).__name__, T.__name__, repr(T), T.__bound__, T.__constraints__, T.__covariant__, T.__contravariant__, T.__infer_variance__)

def clamp[N: (int, float)](v: N, lo: N, hi: N) -> N:
    return max(lo, min(v, hi))
N = clamp.__type_params__[0]
print(clamp(15, 0, 10), clamp(-2.5, -1.0, 1.0), N.__name__, N.__constraints__, N.__bound__)

class Comparable:
    def __lt__(self, other):
        return NotImplemented

def biggest[C: Comparable](xs: list[C]) -> C:
    return max(xs)
print(biggest([1, 5, 3]), biggest.__type_params__[0].__bound__.__name__)

def bound_lazily[B: NotYetDefined]():
    return B
B = bound_lazily.__type_params__[0]
class NotYetDefined:
    pass
print(B.__name__, B.__bound__.__name__)

class Box[T]:
    def __init__(self, item: T):
        self.item = item
    def map[U](self, fn) -> "Box[U]":
        return Box(fn(self.item))
    def __repr__(self):
        return f"Box({self.item!r})"

b = Box(20).map(lambda v: v / 8).map(str)
print(b, Box.__type_params__, Box.map.__type_params__, Box[int], Box[int].__origin__ is Box, Box.__bases__[0].__name__)
print([c.__name__ for c in Box.__mro__], Box.__orig_bases__)

class Registry[K, *Vs, **P]:
    pass
K, Vs, P = Registry.__type_params__
print(Registry.__type_params__, type(K).__name__, type(Vs).__name__, type(P).__name__)
print(repr(Vs), repr(P), P.__name__, Vs.__name__, repr(P.args), repr(P.kwargs))

def variadic[*Ts](*args: *Ts) -> tuple[*Ts]:
    return args
print(variadic(1, "a"), variadic.__type_params__, variadic.__annotations__["return"])

def decorator_factory[**Params, R](fn):
    return fn
print(decorator_factory.__type_params__, [type(p).__name__ for p in decorator_factory.__type_params__])

class Outer:
    type Inner = list[int]
    def method[X](self, x: X) -> X:
        return x
print(Outer.Inner, Outer.Inner.__value__, Outer.Inner.__name__, Outer().method(9), Outer.method.__type_params__)

def shadowing():
    T = "local T"
    def inner[T](x: T) -> T:
        return x
    return T, inner.__type_params__
print(shadowing())
try:
    Number[int]
except TypeError as e:
    print("TypeError:", e)
try:
    Number.__value__ = str
except AttributeError as e:
    print("AttributeError:", e)
type Alias2 = Number
print(Alias2.__value__, Alias2.__value__.__value__, Number == Number, Pair[int] == Pair[int], repr(list[Pair[int]]))
print(Pair.__parameters__, Tree.__module__, Number.__module__)
