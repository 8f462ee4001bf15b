# __init_subclass__ (with keyword arguments through the class statement),
# __set_name__ ordering, class decorators (plain, parameterised, stacked),
# __class_getitem__, and the order in which a class body executes.

class Plugin:
    registry = {}

    def __init_subclass__(cls, /, name=None, priority=0, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        cls.priority = priority
        Plugin.registry[cls.plugin_name] = cls
        print(f"  registered {cls.plugin_name!r} (priority {priority}) base={cls.__bases__[0].__name__}")

class Json(Plugin, name="json", priority=10):
    pass

class Yaml(Plugin):
    pass

class StrictJson(Json, priority=20):
    pass

print(sorted(Plugin.registry))
print([(n, c.priority) for n, c in sorted(Plugin.registry.items(), key=lambda kv: -kv[1].priority)])
print(StrictJson.plugin_name, Json.plugin_name, hasattr(Plugin, "plugin_name"))
try:
    class Bad(Plugin, colour="red"):
        pass
except TypeError as e:
    print("TypeError:", e)

class Tracker:
    def __init__(self, label):
        self.label = label
        print(f"  Tracker({label!r}) created")
    def __set_name__(self, owner, name):
        print(f"  __set_name__ {self.label!r} -> {owner.__name__}.{name}")

class Base:
    def __init_subclass__(cls, **kw):
        print(f"  Base.__init_subclass__({cls.__name__}, {kw})")
        super().__init_subclass__()

print("class body start")
class Model(Base, flavour="x"):
    print("  executing body of Model")
    first = Tracker("first")
    second = Tracker("second")
    alias = first
    print("  body done")
print("class created")

def add_repr(cls):
    fields = [k for k in cls.__dict__ if not k.startswith("_") and not callable(cls.__dict__[k])]
    def __repr__(self):
        return f"{cls.__name__}(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in fields) + ")"
    cls.__repr__ = __repr__
    print(f"  add_repr({cls.__name__}) fields={fields}")
    return cls

def tagged(*tags):
    def deco(cls):
        print(f"  tagged{tags}({cls.__name__})")
        cls.tags = tags
        return cls
    return deco

registry = []
def register(cls):
    print(f"  register({cls.__name__})")
    registry.append(cls.__name__)
    return cls

@register
@tagged("a", "b")
@add_repr
class Point:
    x = 0
    y = 0

p = Point()
p.x = 5
print(p, Point.tags, registry)

def singleton(cls):
    instances = {}
    def get(*args):
        if cls not in instances:
            instances[cls] = cls(*args)
        return instances[cls]
    get.__name__ = cls.__name__
    return get

@singleton
class Config:
    def __init__(self, v):
        self.v = v

print(Config(1).v, Config(2).v, Config(3) is Config(4), type(Config).__name__, Config.__name__)

class Grid:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"
print(Grid[int], Grid["x", 1], list[int], dict[str, list[int]])

class Ordered:
    z = 1
    a = 2
    def m(self):
        pass
    b = 3
print([k for k in Ordered.__dict__ if not k.startswith("__")])
