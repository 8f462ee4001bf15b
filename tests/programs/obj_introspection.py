# Introspection builtins: vars() of instances/classes/modules-level, dir() of a
# user instance (sorted, includes inherited and dunder names), delattr,
# globals()/locals() keys in module, function and class scopes, __dict__.

class Base:
    base_attr = 1
    def base_method(self):
        pass

class Thing(Base):
    """A thing."""
    kind = "thing"
    def __init__(self, a, b):
        self.a = a
        self.b = b
    def method(self):
        return self.a
    @property
    def prop(self):
        return 1

t = Thing(1, [2])
print(vars(t), vars(t) is t.__dict__)
vars(t)["c"] = 3
print(t.c, sorted(t.__dict__))
print(dir(t))
print([n for n in dir(t) if not n.startswith("__")])
print([n for n in dir(Thing) if not n.startswith("_")], "a" in dir(Thing), "a" in dir(t))
print(sorted(k for k in vars(Thing) if not k.startswith("__")), Thing.__doc__, Base.__doc__)
print(type(vars(Thing)).__name__, "kind" in Thing.__dict__, "base_attr" in Thing.__dict__)
try:
    vars(Thing)["new"] = 1
except TypeError as e:
    print("TypeError:", e)
setattr(Thing, "new", 1)
print(Thing.new, t.new)
delattr(Thing, "new")
print(hasattr(t, "new"))
delattr(t, "c")
print(vars(t))
try:
    delattr(t, "kind")
except AttributeError as e:
    print("AttributeError:", e)
try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)
try:
    vars(t, t)
except TypeError as e:
    print("TypeError:", e)

print([k for k in globals() if k.startswith("__")])
print([k for k in globals() if not k.startswith("__")])
module_var = 1
print("module_var" in globals(), globals()["module_var"], globals() is vars())
print(locals() is globals(), sorted(k for k in locals() if not k.startswith("__"))[:3])

def func(x, y=2, *args, **kw):
    z = x + y
    print("  locals:", sorted(locals()), locals()["z"])
    def inner():
        return z
    print("  locals after def:", sorted(locals()))
    return inner
func(1)

def counter():
    n = 0
    before = dict(locals())
    n = 5
    print("  before n:", before["n"], "now n:", locals()["n"], sorted(locals()))
counter()

class Scope:
    a = 1
    b = a + 1
    print("  class locals:", sorted(locals()))
    names = [k for k in locals() if not k.startswith("__")]
print(Scope.names)

globals()["injected"] = "via globals()"
print(injected)
del globals()["injected"]
print("injected" in globals())
x = 10
def shadow():
    x = 20
    return globals()["x"], locals()["x"]
print(shadow())
print(sorted(dir())[-4:], callable(dir), dir(5)[:3], "append" in dir([]), "__len__" in dir("s"))
class Custom:
    def __dir__(self):
        return ["zeta", "alpha", "mid"]
print(dir(Custom()))
