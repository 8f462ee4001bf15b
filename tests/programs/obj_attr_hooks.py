# Attribute hooks: __getattr__ (only for missing names), __getattribute__
# (every lookup), __setattr__ and __delattr__ (with object.__setattr__ to
# store), plus getattr/setattr/hasattr/delattr builtins and their errors.

class Lazy:
    def __init__(self):
        self.real = "present"
    def __getattr__(self, name):
        if name.startswith("computed_"):
            value = name[len("computed_"):].upper()
            setattr(self, name, value)
            print(f"  computed {name}")
            return value
        raise AttributeError(f"Lazy has no {name!r}")

lz = Lazy()
print(lz.real, lz.computed_abc, lz.computed_abc, sorted(vars(lz)))
print(getattr(lz, "missing", "default"), hasattr(lz, "missing"), hasattr(lz, "computed_x"))
try:
    lz.missing
except AttributeError as e:
    print("AttributeError:", e)

class Traced:
    def __init__(self):
        self.x = 1
    def __getattribute__(self, name):
        if not name.startswith("__"):
            print(f"  get {name}")
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return f"<fallback {name}>"
    def method(self):
        return self.x + 1

t = Traced()
print(t.x)
print(t.method())
print(t.nothing)

class Record:
    __fields = ("name", "age")
    def __init__(self, name, age):
        self.name = name
        self.age = age
    def __setattr__(self, name, value):
        if name not in Record.__fields:
            raise AttributeError(f"cannot add field {name!r}")
        if name == "age" and value < 0:
            raise ValueError("age must be >= 0")
        print(f"  set {name}={value!r}")
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        if name == "name":
            raise AttributeError("name is required")
        print(f"  del {name}")
        object.__delattr__(self, name)
    def __repr__(self):
        return f"Record({vars(self)})"

r = Record("ann", 30)
r.age += 1
print(r)
for action in [lambda: setattr(r, "email", "x"), lambda: setattr(r, "age", -5), lambda: delattr(r, "name")]:
    try:
        action()
    except (AttributeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
del r.age
print(r, hasattr(r, "age"))
try:
    del r.age
except AttributeError as e:
    print("AttributeError:", e)
print(Record._Record__fields)

class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_log", [])
    def __getattr__(self, name):
        self._log.append(("get", name))
        return getattr(self._target, name)
    def __setattr__(self, name, value):
        self._log.append(("set", name))
        setattr(self._target, name, value)

class Target:
    def __init__(self):
        self.v = 10
    def double(self):
        return self.v * 2

tg = Target()
px = Proxy(tg)
px.v = 21
print(px.v, px.double(), tg.v, px._log)
try:
    px.nope
except AttributeError as e:
    print("AttributeError:", e)

for bad in [lambda: getattr(tg, 5), lambda: setattr(tg, 1, 2), lambda: getattr(tg), lambda: delattr(tg, "zz")]:
    try:
        bad()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
try:
    (1).real = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    object().x = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    "abc".nope
except AttributeError as e:
    print("AttributeError:", e)
try:
    Target.nope
except AttributeError as e:
    print("AttributeError:", e)
e = AttributeError("custom", name="attr", obj=tg)
print(e.name, e.obj is tg, e.args)
try:
    tg.vv
except AttributeError as err:
    print(err.name, err.obj is tg)
