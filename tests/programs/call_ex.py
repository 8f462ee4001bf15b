# Calls with unpacking: f(*args), f(**kwargs), mixed forms (CALL_FUNCTION_EX,
# DICT_MERGE, LIST_EXTEND) and the errors they raise.

def f(a, b, c=0, *rest, **kw):
    return (a, b, c, rest, kw)

args = [1, 2]
more = (3, 4, 5)
kw = {"x": 1, "y": 2}
print(f(*args))
print(f(*args, *more))
print(f(0, *args, 9))
print(f(*more, **kw))
print(f(**{"a": 1, "b": 2}))
print(f(1, **{"b": 2}, **{"c": 3}))
print(f(*"ab", **kw, z=3))
print(f(*range(6), extra=True))
print(f(*[1], 2, *[], c=3, **{}))
print(f(*(i * i for i in range(3))))

def g(*args, **kwargs):
    return args, kwargs

print(g())
print(g(*[], **{}))
print(g(1, *[2, 3], 4, *(5,), k=1, **{"m": 2}, n=3))

# Builtins through unpacking
print(max(*[3, 9, 2]), min(*"zebra"), sorted(*[[3, 1, 2]], **{"reverse": True}))
print(*[1, 2, 3], sep="-")
print(*"abc", **{"sep": "|", "end": "!\n"})
pairs = [(1, "one"), (2, "two")]
print(dict(pairs, **{"three": 3}))
print(list(zip(*[[1, 2, 3], "abc"])))

# Errors
def attempt(label, fn):
    try:
        print(label, fn())
    except TypeError as e:
        print(label, "TypeError:", e)

attempt("star int", lambda: f(*5))
attempt("star None", lambda: f(*None))
attempt("kw list", lambda: f(1, 2, **[1]))
attempt("kw None", lambda: f(1, 2, **None))
attempt("dup kw", lambda: f(1, 2, **{"x": 1}, x=2))
attempt("dup kw2", lambda: f(1, 2, **{"y": 1}, **{"y": 2}))
attempt("kw nonstr", lambda: f(1, 2, **{1: 1}))
attempt("multiple a", lambda: f(1, 2, **{"a": 3}))
attempt("missing", lambda: f(*[]))
attempt("builtin dup", lambda: print(**{"sep": 1}, sep=2))
five, text, nothing, empty = 5, "abc", None, []
attempt("not callable", lambda: five(1))
attempt("str call", lambda: text())
attempt("none call", lambda: nothing())
attempt("list call", lambda: empty(*[1]))

# Function calling function values from containers
ops = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b}
for name, argv in [("add", (2, 3)), ("mul", [4, 5]), ("add", "xy")]:
    print(name, ops[name](*argv))

def apply(fn, /, *args, **kwargs):
    return fn(*args, **kwargs)

print(apply(f, 1, 2, 3, flag=True))
print(apply(apply, apply, g, 1, fn=2))
