# Calls that bind keywords, defaults and keyword-only defaults (also after __defaults__ and
# __kwdefaults__ are replaced), and the TypeErrors of every way binding can fail.


def f(a, b=2, *, c=3, d):
    return (a, b, c, d)


def g(x, /, y, z=10):
    return (x, y, z)


class K:
    def m(self, p, q=5, *, r=7):
        return (p, q, r)


def show(fn, *args, **kwargs):
    try:
        print(fn(*args, **kwargs))
    except TypeError as e:
        print("TypeError:", e)


print(f(1, d=4), f(1, 5, d=4), f(a=9, d=8), f(1, c=0, d=1), f(d=1, c=2, b=3, a=4))
print(g(1, 2), g(1, y=3), g(1, z=0, y=2))
k = K()
print(k.m(1), k.m(1, 2), k.m(p=3), k.m(1, r=0), k.m(q=1, p=2, r=3))
bound = k.m
print(bound(4, r=1), K.m(k, 5, q=6))

# Errors: the generic path's messages.
show(lambda: f(1))
show(lambda: f(d=1))
show(lambda: f(1, 2, 3, d=4))
show(lambda: f(1, a=2, d=3))
show(lambda: f(1, d=2, e=3))
show(lambda: g(x=1, y=2))
show(lambda: g(1))
show(lambda: k.m())
show(lambda: k.m(1, s=2))

# Defaults and keyword-only defaults changed at run time.
f.__kwdefaults__ = {"c": 30, "d": 40}
print(f(1), f(1, c=3))
f.__kwdefaults__ = None
show(lambda: f(1))
f.__defaults__ = (20,)
f.__kwdefaults__ = {"c": 0, "d": 0}
print(f(1), f(a=1, b=2))
f.__defaults__ = ()
show(lambda: f(1))


def many(a, b=1, c=2, d=3, e=4, f=5, g=6, h=7, i=8, j=9, k=10):
    return a + b + c + d + e + f + g + h + i + j + k


print(many(0), many(0, k=0), many(a=1, b=0))


def cells(a, b=1):
    def inner():
        return a + b

    return inner()


print(cells(5), cells(a=5, b=6))
try:
    f.__kwdefaults__ = [1]
except TypeError as e:
    print("TypeError:", e)
