# Metaclasses: a registry metaclass with __prepare__, __new__, __init__ and
# __call__; keyword arguments to the metaclass; metaclass inheritance and
# conflicts; type() as a metaclass; class-level methods on the metaclass.

class Registry(type):
    classes = {}

    @classmethod
    def __prepare__(mcls, name, bases, **kwargs):
        print(f"  __prepare__({name!r}, {[b.__name__ for b in bases]}, {kwargs})")
        ns = {"_order": []}
        return ns

    def __new__(mcls, name, bases, ns, **kwargs):
        print(f"  __new__({name!r}) keys={[k for k in ns if not k.startswith('__')]}")
        ns["_order"] = [k for k in ns if not k.startswith("_")]
        cls = super().__new__(mcls, name, bases, ns)
        cls.tag = kwargs.get("tag", "none")
        return cls

    def __init__(cls, name, bases, ns, **kwargs):
        print(f"  __init__({name!r})")
        super().__init__(name, bases, ns)
        Registry.classes[name] = cls

    def __call__(cls, *args, **kwargs):
        print(f"  __call__({cls.__name__}, {args}, {kwargs})")
        obj = super().__call__(*args, **kwargs)
        obj.created_by = "Registry"
        return obj

    def describe(cls):
        return f"{cls.__name__}[{cls.tag}] fields={cls._order}"

print("define Animal")
class Animal(metaclass=Registry, tag="base"):
    legs = 4
    def __init__(self, name):
        print(f"  Animal.__init__({name!r})")
        self.name = name
    def speak(self):
        return "..."

print("define Bird")
class Bird(Animal, tag="flyer"):
    legs = 2
    wings = 2
    def speak(self):
        return "tweet"

print("instantiate")
b = Bird("robin")
print(b.name, b.created_by, b.speak(), b.legs, b.tag)
print(type(Bird).__name__, type(b).__name__, isinstance(Bird, Registry), isinstance(b, Registry))
print(sorted(Registry.classes), Bird.describe(), Animal.describe())
print(hasattr(b, "describe"), "describe" in dir(Bird))
try:
    b.describe()
except AttributeError as e:
    print("AttributeError:", e)

class Singleton(type):
    _instances = {}
    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]

class Settings(metaclass=Singleton):
    def __init__(self, value=0):
        self.value = value
s1, s2 = Settings(1), Settings(2)
print(s1 is s2, s1.value)

class Meta1(type):
    pass
class Meta2(type):
    pass
class One(metaclass=Meta1):
    pass
class Two(metaclass=Meta2):
    pass
try:
    class Both(One, Two):
        pass
except TypeError as e:
    print("TypeError:", e)

class SubMeta(Meta1):
    pass
class Three(metaclass=SubMeta):
    pass
class Mixed(One, Three):
    pass
print(type(Mixed).__name__)

def func_meta(name, bases, ns):
    print(f"  func_meta({name!r}, {bases}, {sorted(k for k in ns if not k.startswith('__'))})")
    ns["injected"] = True
    return type(name, bases, ns)

class ViaFunc(metaclass=func_meta):
    x = 1
print(ViaFunc.injected, type(ViaFunc).__name__)

class NoNew(type):
    def __call__(cls, *args):
        return f"not an instance of {cls.__name__}: {args}"
class Weird(metaclass=NoNew):
    pass
print(Weird(1, 2))

Dyn = Registry("Dyn", (Animal,), {"legs": 6, "crawl": lambda self: "crawling"}, tag="dynamic")
ant = Dyn("ant")
print(ant.legs, ant.crawl(), Dyn.tag, Dyn.describe(), sorted(Registry.classes))
print(type(type), type(int), type(Registry), Registry.__mro__)
