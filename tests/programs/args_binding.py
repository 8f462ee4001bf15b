# Argument binding: positional-only, keyword-only, defaults, *args, **kwargs,
# and the exact TypeError messages when binding fails.

def show(label, fn, *args, **kwargs):
    try:
        print(label, "->", fn(*args, **kwargs))
    except TypeError as e:
        print(label, "-> TypeError:", e)

def plain(a, b, c=3):
    return (a, b, c)

def posonly(a, b, /, c, d=4):
    return (a, b, c, d)

def kwonly(a, *, key, flag=False):
    return (a, key, flag)

def star(*args):
    return args

def starstar(**kwargs):
    return kwargs

def everything(a, b=2, /, c=3, *args, d, e=5, **kwargs):
    return (a, b, c, args, d, e, kwargs)

def no_args():
    return "none"

show("plain 2", plain, 1, 2)
show("plain 3", plain, 1, 2, 30)
show("plain kw", plain, 1, c=30, b=20)
show("plain missing 1", plain, 1)
show("plain missing 2", plain)
show("plain too many", plain, 1, 2, 3, 4)
show("plain unexpected", plain, 1, 2, z=0)
show("plain multiple", plain, 1, 2, a=5)
show("posonly ok", posonly, 1, 2, 3)
show("posonly kw c", posonly, 1, 2, c=9, d=8)
show("posonly as kw", posonly, 1, b=2, c=3)
show("posonly both kw", posonly, a=1, b=2, c=3)
show("kwonly ok", kwonly, 1, key="k")
show("kwonly missing", kwonly, 1)
show("kwonly positional", kwonly, 1, 2)
show("kwonly positional+kw", kwonly, 1, 2, key=3)
show("star", star, 1, 2, 3)
show("star empty", star)
show("star kw", star, x=1)
show("starstar", starstar, x=1, y=2)
show("starstar positional", starstar, 1)
show("everything min", everything, 1, d=4)
show("everything max", everything, 1, 2, 3, 4, 5, d=6, e=7, f=8, g=9)
show("everything missing d", everything, 1, 2)
show("everything a kw", everything, a=1, d=2)
show("no args", no_args)
show("no args given 1", no_args, 1)
show("no args given kw", no_args, x=1)

def two_kwonly(*, x, y):
    return x + y

def three_pos(p, q, r):
    return p + q + r

show("two kwonly missing", two_kwonly)
show("three missing", three_pos)
show("three missing 2", three_pos, 1)
show("three too many kw", three_pos, 1, 2, 3, r=4)

# Defaults are evaluated once
def append_to(x, bucket=[]):
    bucket.append(x)
    return bucket

print(append_to(1), append_to(2), append_to(3, []))
print(plain.__defaults__, kwonly.__kwdefaults__, everything.__defaults__)

# Keyword arguments preserve order
def order(**kw):
    return list(kw)

print(order(z=1, a=2, m=3))

# Lambdas with all kinds
lam = lambda a, /, b=1, *c, d, **e: (a, b, c, d, e)
print(lam(0, d=1), lam(0, 1, 2, 3, d=4, e=5))
show("lambda missing", lam)

# Parameter names in messages for methods of builtins
show("len two", len, [1], [2])
show("len none", len)
show("abs kw", abs, x=1)
show("int bad kw", int, "5", bas=10)
show("sorted pos", sorted, [1], None)
show("print bad kw", print, "x", color=1)
