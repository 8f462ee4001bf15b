# Keyword calls bound from the KW_NAMES constant, f(*args, **kwargs) calls of Python functions
# run in the caller's loop, **kwargs dicts and keyword-only defaults filled without the general
# dict machinery, `bool(x)`, and `f(**d)` merging into an empty dict: the results, the identity
# and type of the keys, and the errors raised from inside each of these paths.


class Key(str):
    pass


class Weird:
    def __hash__(self):
        return hash("c")

    def __eq__(self, other):
        print("Weird.__eq__ called")
        return other == "c"


def kwonly(a, *, b=1, c=2):
    return (a, b, c)


def collect(*args, **kwargs):
    return args, kwargs


def wrapper(fn):
    def inner(*args, **kwargs):
        return fn(*args, **kwargs)

    return inner


class C:
    def __init__(self, base):
        self.base = base

    def m(self, x, *, y=10, **rest):
        return (self.base, x, y, sorted(rest.items()))


# Keyword calls of functions and bound methods (the fast path), and their results.
c = C(1)
print(kwonly(1), kwonly(1, c=5), kwonly(a=2, b=3))
print(c.m(2), c.m(x=3, y=4), c.m(5, z=6, w=7))
bm = c.m
print(bm(8, y=9, q=1))
print(collect(1, 2, k=3, j=4))
args, kw = collect(b=1, a=2, c=3)
print(list(kw), kw)

# The same through *args/**kwargs wrappers (CALL_FUNCTION_EX of a Python function).
wk = wrapper(kwonly)
wm = wrapper(c.m)
print(wk(1), wk(1, b=2), wk(a=3, c=4), wm(1, y=2, z=3))
print(wrapper(collect)(1, 2, x=1, y=2))
print(wrapper(wrapper(wrapper(kwonly)))(7, c=8))

# Keys keep their identity and type in **kwargs.
k = Key("zz")
_, got = collect(**{k: 1})
key = list(got)[0]
print(type(key).__name__, key is k, got)
_, got = wrapper(collect)(**{k: 2, "plain": 3})
print([type(x).__name__ for x in got], got)
name = "".join(["dyn", "amic"])
_, got = collect(**{name: 1})
print(list(got)[0] is name)

# Keyword-only defaults: replaced, with str subclass keys, with a key of another type.
kwonly.__kwdefaults__ = {"b": 100, "c": 200}
print(kwonly(0), wk(0, c=1))
kwonly.__kwdefaults__ = {Key("b"): "kb", "c": "kc"}
print(kwonly(0))
kwonly.__kwdefaults__ = {Weird(): "weird", "b": "b"}
print(kwonly(0))
kwonly.__kwdefaults__ = {1: "one", "b": "b", "c": "c"}
print(kwonly(0))
kwonly.__kwdefaults__ = {str(i): i for i in range(20)} | {"b": -1, "c": -2}
print(kwonly(0))
kwonly.__kwdefaults__ = {"b": 1, "c": 2}


def generator(*args, **kwargs):
    yield args
    yield kwargs


print(list(wrapper(generator)(1, k=2)))
print(list(generator(*(1, 2), **{"a": 3})))

# Errors raised while binding, from each path.
def show(fn):
    try:
        print(fn())
    except TypeError as e:
        print("TypeError:", e)


show(lambda: kwonly(1, d=2))
show(lambda: kwonly(1, a=2))
show(lambda: kwonly(1, 2, b=3))
show(lambda: wk(1, d=2))
show(lambda: wk(1, a=2))
show(lambda: wk(1, 2, 3, c=4))
show(lambda: wk())
show(lambda: c.m(1, x=2))
show(lambda: wm(y=1))
show(lambda: collect(**{1: 2}))
show(lambda: wrapper(collect)(**{(1, 2): 3}))
show(lambda: kwonly(*(1,), **{"a": 1}))
show(lambda: kwonly(**{"a": 1}, **{"a": 2}))
show(lambda: kwonly(1, **{"b": 1}, c=2, **{"c": 3}))


def posonly(a, b, /, c=3, **kw):
    return (a, b, c, kw)


print(posonly(1, 2, a=3, b=4))
print(wrapper(posonly)(1, 2, c=0, a=1))
show(lambda: wrapper(lambda a, /: a)(a=1))

# Recursion through a wrapper still ends in RecursionError.
@wrapper
def deep(n):
    return deep(n + 1)


try:
    deep(0)
except RecursionError as e:
    print("RecursionError:", e)


# bool(x): the truth of x, its errors, and the generic path for other arities.
class Truthy:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        return self.v


class Sized:
    def __len__(self):
        return 3


print(bool(0), bool(1), bool(""), bool("a"), bool([]), bool(Truthy(True)), bool(Sized()))
print(bool(), bool(None), bool(0.0), bool(Truthy(False)))
show(lambda: bool(Truthy(1)))
show(lambda: bool(1, 2))
show(lambda: bool(x=1))




bool_ = bool
print(bool_(2), bool is bool_)

# f(**d) and {**d} merging into an empty dict.
d = {"b": 5, "c": 6}
print(kwonly(1, **d), {**d}, {**d, "b": 7}, {"b": 0, **d})
e = {}
print(kwonly(2, **e), {**e})
dd = {"x%d" % i: i for i in range(12)}
print(collect(**dd)[1] == dd, list(collect(**dd)[1]) == list(dd))


class Sub(dict):
    pass


print(collect(**Sub(a=1, b=2)))
merged = {**dd}
merged["new"] = 1
print(len(merged), len(dd), merged["x11"])

# *range(...) in a call: ranges of machine ints become their items directly.
big = 2**63 - 1
for r in (range(5), range(0), range(5, 0, -2), range(-3, 3, 2), range(10, 10), range(3, 1),
          range(big - 2, big), range(-big - 1, -big + 2), range(0, 70000, 1), range(7, -8, -3),
          range(2**70, 2**70 + 3)):
    items = collect(*r)[0]
    print(len(items), items[:4], items[-2:])
print(collect(*range(3), *range(2, -1, -1)))
print(list(range(4)), [*range(3), *range(1, 9, 4)])

# except matching: a tuple of classes, nested tuples are not searched, bad classes raise.
for exc in (KeyError("k"), ValueError("v"), ZeroDivisionError()):
    try:
        raise exc
    except (IndexError, LookupError) as e:
        print("lookup", type(e).__name__)
    except (ArithmeticError,):
        print("arith")
    except Exception:
        print("other")
try:
    try:
        raise KeyError(1)
    except (ValueError, 5):
        print("not reached")
except TypeError as e:
    print("TypeError:", e)
try:
    try:
        raise KeyError(1)
    except int:
        pass
except TypeError as e:
    print("TypeError:", e)


# Frames left by an exception keep their locals while the traceback lives.
class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def inner_raise():
    t = Tracked("inner")
    raise ValueError("from inner")


def outer_raise():
    t = Tracked("outer")
    inner_raise()


try:
    outer_raise()
except ValueError as e:
    saved = e
print("caught", saved)
for i in range(3):
    try:
        outer_raise()
    except ValueError:
        pass
    print("round", i)
del saved
print("released")

# Method descriptors of builtin types called directly check their first argument.
print(str.upper(Key("x")), int.bit_length(True), list.__len__([1, 2]))
show(lambda: str.upper(5))
show(lambda: list.append((), 1))
show(lambda: dict.get([], 1))
show(lambda: str.upper(str))
show(lambda: str.upper(None))

# An uncaught error from the keyword fast path: its traceback.
def final(a, *, b):
    return a + b


wrapper(final)(1, b=2, c=3)
